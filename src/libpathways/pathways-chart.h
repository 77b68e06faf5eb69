/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart.h: one drawing function for every chart of the report model.
 *
 * The window (gtk_snapshot_append_cairo), the PDF writer, PNG/SVG export and printing
 * all call pathways_chart_draw() with their own cairo_t and size, so they show the same
 * picture (design/charts.md). Layout is computed apart from drawing
 * (pathways-chart-layout.h) so it can be tested with numbers.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pathways-report.h"

G_BEGIN_DECLS

#define PATHWAYS_CHART_ERROR (pathways_chart_error_quark ())

typedef enum {
  PATHWAYS_CHART_ERROR_NO_CHART,   /* the report has no such chart (field not mapped) */
  PATHWAYS_CHART_ERROR_UNKNOWN,    /* unknown chart name */
  PATHWAYS_CHART_ERROR_WRITE,      /* cannot write the file */
} PathwaysChartError;

GQuark pathways_chart_error_quark (void);

typedef enum {
  PATHWAYS_CHART_THEME_LIGHT,
  PATHWAYS_CHART_THEME_DARK,
} PathwaysChartTheme;

typedef struct {
  PathwaysChartTheme theme;
  const char        *font_family;   /* NULL: "Cantarell, Noto Sans, DejaVu Sans, sans" */
  double             font_size;     /* body text size in the cairo_t's units; 0: from the size */
  double             fg_rgba[4];    /* text colour; alpha 0: the theme's default */
  gboolean           show_title;    /* the title above the chart (FALSE when the page shows it) */
  gboolean           show_footer;   /* base and filters under the chart */
  /* The rows chosen by a filter (report row ids, NULL-terminated), drawn as they are
   * with an outline while every other mark is muted; NULL, or no row of the chart
   * among them: nothing is muted. The window sets it on a chart of the field it
   * filters by, drawn over the cohort without that field's filter. */
  const char * const *highlight;
} PathwaysChartStyle;

void      pathways_chart_style_init   (PathwaysChartStyle         *style,
                                       PathwaysChartTheme          theme);

/* The chart names of the CLI's --chart option, mapped to report tables:
 * funnel, closure-reasons, service-closure-reasons, waiting-times, planned-rates,
 * completeness (and the others of pathways_chart_list_names()). */
const char * const *pathways_chart_list_names (void);

/* Draws the chart of TABLE into CR over (0, 0, WIDTH, HEIGHT). REPORT supplies the
 * disclosure in force and the filters. Never draws outside that rectangle. */
void      pathways_chart_draw         (cairo_t                    *cr,
                                       PathwaysReport             *report,
                                       const PathwaysReportTable  *table,
                                       double                      width,
                                       double                      height,
                                       const PathwaysChartStyle   *style);

/* Draws the chart called NAME (several panels side by side when the name covers
 * several tables, such as service-closure-reasons). FALSE with an error when the report
 * has no such chart. */
gboolean  pathways_chart_draw_named   (cairo_t                    *cr,
                                       PathwaysReport             *report,
                                       const char                 *name,
                                       double                      width,
                                       double                      height,
                                       const PathwaysChartStyle   *style,
                                       GError                    **error);

/* One sentence that says what the chart shows, for accessible descriptions and PDFs. */
char     *pathways_chart_describe     (PathwaysReport             *report,
                                       const PathwaysReportTable  *table);

/* The chart called NAME, or else the chart of TABLE (exactly one of them), as a PNG
 * (WIDTH × HEIGHT pixels, 16 to 16384) or an SVG (points, with a <title> and <desc>
 * text alternative) in memory. Files are written by pathways_output_write()
 * (pathways-output.h), which calls this. */
GBytes   *pathways_chart_render       (PathwaysReport             *report,
                                       const char                 *name,
                                       const PathwaysReportTable  *table,
                                       gboolean                    svg,
                                       int                         width,
                                       int                         height,
                                       const PathwaysChartStyle   *style,
                                       GError                    **error);

G_END_DECLS
