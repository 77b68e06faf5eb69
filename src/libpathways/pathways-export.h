/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-export.h: the reports a funder accepts (PDF, XLSX, CSV) from the report model.
 *
 * Every export protects small numbers by default: the report is copied
 * (pathways_report_copy) and pathways_disclosure_apply() runs on the copy with the
 * options' threshold, unless options->suppress is FALSE. The caller's report is never
 * changed. Every export states the rule in force (pathways_disclosure_describe).
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"
#include "pathways-report-options.h"

G_BEGIN_DECLS

/* Transitional, for the export dialog until it calls pathways_output_write()
 * (pathways-output.h) itself; to be removed then. FORMAT: "pdf", "xlsx" or "csv";
 * the policy is OPTIONS' (NULL: the defaults); no inputs are checked. */
gboolean pathways_report_export (PathwaysReport              *report,
                                 const PathwaysExportOptions *options,
                                 const char                  *format,
                                 const char                  *path,
                                 GError                     **error);

/* The report an export writes: REPORT itself (a new reference) when OPTIONS turn
 * suppression off or REPORT is already protected, else a protected copy. */
PathwaysReport *pathways_export_protect (PathwaysReport              *report,
                                         const PathwaysExportOptions *options);

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
/* "5 May 2023" */
char           *pathways_export_format_day    (gint32 day);
/* The generation time: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
GDateTime      *pathways_export_now           (void);

G_END_DECLS
