/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-csv-writer.h: every table of the report as tidy CSV.
 *
 * The folder (OUT, swapped in whole by the caller: pathways-output.c) receives one UTF-8 file per table,
 * "NN-TABLEID[-KEY].csv" in report order (NN from 01), each with one header row of the
 * column ids of the report model (the same names as summary --json), a first column
 * "key" when the table has a sub-key (service type, measure, field ...), and one row per
 * table row: counts as integers, percents unrounded to two decimals (33.48 means
 * 33.48 %), hidden figures as the reader sees them ("<5", "*"), undefined values
 * empty. README.txt states the provenance, the disclosure rule in force and lists the
 * files with their titles.
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"
#include "pathways-report-options.h"
#include "pathways-safe-file.h"

G_BEGIN_DECLS

/* Label cells a spreadsheet would run as a formula are prefixed with '. Private to
 * pathways-output.c. */
gboolean pathways_csv_write (PathwaysReport              *report,
                             const PathwaysExportOptions *options,
                             PathwaysSafeFolder          *out,
                             GError                     **error);

/* A number as the CSV and text outputs write it: integers plain, others with at most
 * DECIMALS decimals and no trailing zeros; "C" locale. */
char    *pathways_csv_format_number (double value,
                                     guint  decimals);

G_END_DECLS
