/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-labels.h: the words a reader sees for the identifiers of the report model.
 *
 * The report keeps stable identifiers where the JSON and the charts need them: waiting
 * measures (referral_to_contact, service_wait ...), journey stages (service_allocated),
 * closure classes (planned, not_recorded), field names (referral_source), data-quality
 * finding kinds (duplicate_case_id) and severities (error). Every text output (PDF,
 * XLSX, CSV, the summary text) shows them through this one table, so that no internal
 * name reaches a reader and every output says the same words.
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"

G_BEGIN_DECLS

/* The label of identifier ID, translated: "Referral to first contact", "Service
 * allocated", "Not recorded", "Referral source", "Duplicate case IDs"; NULL when ID is
 * not an identifier of the report model. */
const char *pathways_labels_get          (const char                *id);
/* A label as it reads inside a sentence: its first letter in lower case ("Referral
 * source" -> "referral source"), unless the label starts with an abbreviation ("PCC
 * area", "GP"). Free with g_free (). */
char       *pathways_labels_in_sentence  (const char                *label);
/* The label of a closure class id ("planned", "other", "unplanned", "not_recorded"). */
const char *pathways_labels_get_class    (const char                *id);
/* TRUE when column COLUMN of TABLE holds identifiers rather than words. */
gboolean    pathways_labels_column_has_ids (const PathwaysReportTable *table,
                                            guint                      column);
/* The text a reader sees for CELL of column COLUMN of TABLE: the cell as
 * pathways_cell_format() writes it, an identifier as its label. */
char       *pathways_labels_format_cell  (const PathwaysReportTable *table,
                                          guint                      column,
                                          const PathwaysCell        *cell,
                                          guint                      threshold);
/* TABLE's key in words ("Referral to first contact: Therapy" for
 * "referral_to_contact/Therapy", "Service mix", "Risks"); NULL without a key. */
char       *pathways_labels_format_key   (const PathwaysReportTable *table);

/* The journey funnel's title, which says whom it follows: "Journey of the 443 closed
 * cases referred in Financial year 2022-23", "Journey of all 826 cases referred in
 * Financial year 2022-23" (PATHWAYS_POPULATION_ALL), "Journey of the 5,825 closed
 * cases" without a period; NULL for another table, or when the base is hidden. */
char       *pathways_labels_format_funnel_title (PathwaysReport            *report,
                                                 const PathwaysReportTable *table);

G_END_DECLS
