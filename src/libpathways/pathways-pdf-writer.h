/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-pdf-writer.h: the report as an A4 PDF (Cairo + Pango, fonts embedded).
 *
 * Title page (title, organisation, period, filters, dataset, snapshot date, generated
 * date, marking, overview figures); a summary page (the headline figures beside the
 * previous period and the same period a year before, pathways-headline.h); one section
 * per selected part of the report with, per table, its chart (pathways_chart_draw,
 * vector) captioned with what it shows, its table (pathways-pdf-table.c: short tables
 * kept whole, header repeated, a table too wide for a portrait page even wrapped set on
 * a landscape page), base, notes and the user's commentary; a methods page
 * (definitions, the disclosure rule in force, data quality). Running header, "Page N
 * of M", outline, structure tags (Tagged PDF) and document metadata.
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"
#include "pathways-report-options.h"
#include "pathways-safe-file.h"

G_BEGIN_DECLS

/* Writes REPORT as it is (protected first: pathways_output_write does), with a summary
 * page comparing its headline figures with PREVIOUS and YEAR_BEFORE (either may be
 * NULL; protected as REPORT is), to OUT's temporary file; the caller commits OUT. A
 * failed write (a full disk) is an error in the user's words, never a cairo
 * assertion. Private to pathways-output.c. */
gboolean pathways_pdf_write (PathwaysReport              *report,
                             PathwaysReport              *previous,
                             PathwaysReport              *year_before,
                             const PathwaysExportOptions *options,
                             PathwaysSafeFile            *out,
                             GError                     **error);

G_END_DECLS
