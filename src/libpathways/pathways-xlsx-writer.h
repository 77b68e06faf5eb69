/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-xlsx-writer.h: the report as an Excel workbook (libxlsxwriter).
 *
 * Sheet "Read me": provenance, the disclosure rule in force and the list of sheets.
 * Then one sheet per table: title (row 1), base and filters (row 2), the header
 * (row 3, frozen with the rows above), one row per table row with numbers stored as
 * numbers (counts "#,##0"; percents stored as fractions with a 0% or 0.0% format;
 * rates and statistics "0.0"), hidden figures as text ("<5", "*") explained by a note
 * under the table, then the base and notes. Native bar charts for the funnel, closure
 * reasons and planned-closure rates, column charts for waiting-time bands.
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"
#include "pathways-report-options.h"
#include "pathways-safe-file.h"

G_BEGIN_DECLS

#define PATHWAYS_XLSX_HEADER_ROW 2   /* the header's row in a table's block: title, base, header */

/* Writes REPORT as it is (protected first) to OUT's temporary file, every text as a
 * string cell (never a formula); the caller commits OUT. Private to pathways-output.c. */
gboolean pathways_xlsx_write       (PathwaysReport              *report,
                                    const PathwaysExportOptions *options,
                                    PathwaysSafeFile            *out,
                                    GError                     **error);

/* The sheet TABLE goes to: tables of one subject share a sheet ("Journey", "Waiting-time
 * bands", "Risks" ...), so a report has about 15 sheets after "Contents" and "Read me". */
const char *pathways_xlsx_sheet_for_table (const PathwaysReportTable *table);

/* A valid, unique sheet name for TITLE: at most 31 characters, none of []:*?/\, no
 * leading or trailing apostrophe, unique (case-insensitively) among USED, to which it
 * is added. */
char    *pathways_xlsx_sheet_name  (const char *title,
                                    GHashTable *used);

G_END_DECLS
