/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the chart renderers land: links, draws nothing. */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include "pathways-chart.h"

G_DEFINE_QUARK (pathways-chart-error-quark, pathways_chart_error)

void
pathways_chart_style_init (PathwaysChartStyle *style,
                           PathwaysChartTheme  theme)
{
  *style = (PathwaysChartStyle) { .theme = theme, .show_title = TRUE, .show_footer = TRUE };
}

const char * const *
pathways_chart_list_names (void)
{
  static const char *names[] = { NULL };
  return names;
}

void
pathways_chart_draw (cairo_t                   *cr,
                     PathwaysReport            *report,
                     const PathwaysReportTable *table,
                     double                     width,
                     double                     height,
                     const PathwaysChartStyle  *style)
{
}

gboolean
pathways_chart_draw_named (cairo_t                  *cr,
                           PathwaysReport           *report,
                           const char               *name,
                           double                    width,
                           double                    height,
                           const PathwaysChartStyle *style,
                           GError                  **error)
{
  g_set_error (error, PATHWAYS_CHART_ERROR, PATHWAYS_CHART_ERROR_UNKNOWN, "charts are not written yet");
  return FALSE;
}

char *
pathways_chart_describe (PathwaysReport            *report,
                         const PathwaysReportTable *table)
{
  return g_strdup (table->chart.title != NULL ? table->chart.title : "");
}

gboolean
pathways_chart_export_file (PathwaysReport           *report,
                            const char               *name,
                            const char               *format,
                            const char               *path,
                            int                       width,
                            int                       height,
                            const PathwaysChartStyle *style,
                            GError                  **error)
{
  g_set_error (error, PATHWAYS_CHART_ERROR, PATHWAYS_CHART_ERROR_UNKNOWN, "charts are not written yet");
  return FALSE;
}
