/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-output.h: the one path from a report to anything that leaves the program.
 *
 * PDF, XLSX, CSV, PNG and SVG files, print pages and presentation slides all go
 * through here: the report is protected with the policy (pathways-disclosure-policy.h)
 * before any writer sees it, so no output can skip or differ from the rule. The
 * writers (pathways-pdf-writer.h, -xlsx-writer.h, -csv-writer.h, chart files) are
 * private to this module; build-aux/check-structure fails when anything else calls
 * them.
 *
 * Files are written safely (issue "Nothing is ever lost"): to a temporary file in the
 * destination's folder, renamed into place only when complete; a CSV export is a new
 * folder swapped in whole; a destination that is one of the request's inputs (the
 * source files, the open workspace), by path or by link, is refused.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pathways-chart.h"
#include "pathways-disclosure-policy.h"
#include "pathways-report.h"
#include "pathways-report-options.h"

G_BEGIN_DECLS

#define PATHWAYS_OUTPUT_ERROR (pathways_output_error_quark ())

typedef enum {
  PATHWAYS_OUTPUT_ERROR_FORMAT,       /* unknown format */
  PATHWAYS_OUTPUT_ERROR_NO_CHART,     /* the report has no such chart */
  PATHWAYS_OUTPUT_ERROR_IS_INPUT,     /* the destination is an input file or the workspace */
  PATHWAYS_OUTPUT_ERROR_WRITE,        /* the file cannot be written (disk full, no permission ...) */
  PATHWAYS_OUTPUT_ERROR_IDENTIFIER,   /* a category field looks like an identifier (protected outputs) */
} PathwaysOutputError;

GQuark pathways_output_error_quark (void);

typedef enum {
  PATHWAYS_OUTPUT_PDF,
  PATHWAYS_OUTPUT_XLSX,
  PATHWAYS_OUTPUT_CSV,     /* a folder: one UTF-8 file per table and README.txt */
  PATHWAYS_OUTPUT_PNG,     /* one chart */
  PATHWAYS_OUTPUT_SVG,     /* one chart */
} PathwaysOutputFormat;

/* "pdf", "xlsx", "csv", "png", "svg" (case ignored). */
gboolean    pathways_output_format_from_string (const char           *text,
                                                PathwaysOutputFormat *format);
const char *pathways_output_format_to_string   (PathwaysOutputFormat  format);

typedef struct {
  /* what a full report contains (title, sections, commentary ...); NULL: defaults */
  const PathwaysExportOptions *options;
  /* PNG/SVG: the chart, by its CLI name (pathways_chart_list_names()) ... */
  const char                  *chart;
  /* ... or by its table (the window's cards): id and key (key may be NULL) */
  const char                  *table_id;
  const char                  *table_key;
  int                          width;    /* PNG pixels, SVG points; 0: 1200 × 800 */
  int                          height;
  const PathwaysChartStyle    *style;    /* NULL: light theme, as everything leaving the screen */
  /* NULL-terminated paths the destination must not be: source files, the workspace */
  const char * const          *inputs;
  /* PDF: the exact reports of the previous period and of the same period a year before
   * (pathways_analysis_run_comparisons()), protected with the same policy and shown
   * beside the report's headline figures; NULL: the figures alone */
  PathwaysReport              *previous;
  PathwaysReport              *year_before;
} PathwaysOutputRequest;

void     pathways_output_request_init (PathwaysOutputRequest *request);

/* Protects REPORT with POLICY (NULL: the default policy) and writes it as FORMAT to
 * DESTINATION (a file; a folder for CSV). The previous file at DESTINATION is kept
 * unless the new one is complete. */
gboolean pathways_output_write        (PathwaysReport                 *report,
                                       const PathwaysDisclosurePolicy *policy,
                                       PathwaysOutputFormat            format,
                                       const char                     *destination,
                                       const PathwaysOutputRequest    *request,
                                       GError                        **error);
/* The same in a worker thread; REPORT (and the request's comparison reports) are
 * referenced, POLICY and REQUEST copied. */
void     pathways_output_write_async  (PathwaysReport                 *report,
                                       const PathwaysDisclosurePolicy *policy,
                                       PathwaysOutputFormat            format,
                                       const char                     *destination,
                                       const PathwaysOutputRequest    *request,
                                       GCancellable                   *cancellable,
                                       GAsyncReadyCallback             callback,
                                       gpointer                        user_data);
gboolean pathways_output_write_finish (GAsyncResult                   *result,
                                       GError                        **error);

/* Print pages and presentation slides: one chart a page, from one protected copy. */
typedef struct _PathwaysOutputPages PathwaysOutputPages;

/* TABLES: NULL-terminated "ID" or "ID\nKEY" strings naming the charts, in order;
 * tables without a chart are left out. */
PathwaysOutputPages *pathways_output_pages_new        (PathwaysReport                 *report,
                                                       const PathwaysDisclosurePolicy *policy,
                                                       const char * const             *tables);
void                 pathways_output_pages_free       (PathwaysOutputPages            *pages);
guint                pathways_output_pages_get_n_pages (PathwaysOutputPages           *pages);
/* The protected report the pages show (for widgets that draw it themselves). */
PathwaysReport      *pathways_output_pages_get_report (PathwaysOutputPages            *pages);
PathwaysReportTable *pathways_output_pages_get_table  (PathwaysOutputPages            *pages,
                                                       guint                           page);
/* Draws page PAGE into CR over (0, 0, WIDTH, HEIGHT). */
void                 pathways_output_pages_draw       (PathwaysOutputPages            *pages,
                                                       guint                           page,
                                                       cairo_t                        *cr,
                                                       double                          width,
                                                       double                          height,
                                                       const PathwaysChartStyle       *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysOutputPages, pathways_output_pages_free)

G_END_DECLS
