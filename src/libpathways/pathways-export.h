/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-export.h: what the report writers share: which section a table belongs to,
 * tables' titles, and the provenance every export states (title, period, filters,
 * sources, the rule protecting small numbers).
 *
 * Exports are written by pathways_output_write() (pathways-output.h), which protects
 * the report with the disclosure policy before any writer sees it.
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"
#include "pathways-report-options.h"

G_BEGIN_DECLS

/* Which section a table belongs to; 0 for the overview tables (dataset, cohort) that
 * every export includes. */
PathwaysSection pathways_export_table_section (const PathwaysReportTable *table);
/* TRUE when OPTIONS select TABLE. */
gboolean        pathways_export_table_selected (const PathwaysReportTable   *table,
                                                const PathwaysExportOptions *options);
/* A title that tells tables apart: "Referral to first contact: waiting-time bands". */
char           *pathways_export_table_title   (const PathwaysReportTable *table);

/* The provenance every export states, as label/value pairs (NULL-terminated, two
 * strings per line): title, organisation, period, filters, dataset, source files,
 * snapshot date, generated, disclosure, protective marking. */
char          **pathways_export_provenance    (PathwaysReport              *report,
                                               const PathwaysExportOptions *options);
/* The document's subject, a sentence from the report's title: "Annual report, Example
 * Centre: cases referred 1 Apr 2022 – 31 Mar 2023 (Referral source: Police)." */
char           *pathways_export_subject       (PathwaysReport              *report,
                                               const PathwaysExportOptions *options);
/* The cohort in words: "cases referred 1 Apr 2022 – 31 Mar 2023 (Referral source: Police)". */
char           *pathways_export_cohort_text   (PathwaysReport              *report);
/* "5 May 2023" */
char           *pathways_export_format_day    (gint32 day);
/* The generation time: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
GDateTime      *pathways_export_now           (void);

G_END_DECLS
