/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-view.h: one chart of the report model on screen.
 *
 * The snapshot calls pathways_chart_draw(), the same function as the PDF, PNG/SVG and
 * printing, through gtk_snapshot_append_cairo(). The view follows the style manager
 * (the dark chart theme in the dark style) and is an image for assistive technologies,
 * described by pathways_chart_describe(). It takes the keyboard focus and moves
 * between its marks with the arrows.
 */
#pragma once

#include <adwaita.h>

#include "pathways.h"
#include "pathways-chart-layout.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_CHART_VIEW (pathways_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysChartView, pathways_chart_view, PATHWAYS, CHART_VIEW, GtkWidget)

GtkWidget           *pathways_chart_view_new          (const char        *table_id,
                                                       const char        *table_key);
/* The report to read; the table is looked up by id and key in it (NULL: nothing). */
void                 pathways_chart_view_set_report   (PathwaysChartView *self,
                                                       PathwaysReport    *report);
PathwaysReport      *pathways_chart_view_get_report   (PathwaysChartView *self);
/* The table drawn, or NULL when the report has none with this id and key. */
PathwaysReportTable *pathways_chart_view_get_table    (PathwaysChartView *self);
const char          *pathways_chart_view_get_table_id (PathwaysChartView *self);
const char          *pathways_chart_view_get_table_key (PathwaysChartView *self);
/* The body text size in pixels; 0 (the default) follows the widget's font. */
void                 pathways_chart_view_set_font_size (PathwaysChartView *self,
                                                        double             font_size);
/* Whether the chart draws its own title (FALSE when the card above shows it). */
void                 pathways_chart_view_set_show_title (PathwaysChartView *self,
                                                         gboolean           show_title);
/* The style the view draws with (theme from the style manager, the widget's font). */
void                 pathways_chart_view_get_style    (PathwaysChartView  *self,
                                                       PathwaysChartStyle *style);
/* The description of the whole chart (pathways_chart_describe()); the accessible
 * description is the current mark's text while the keyboard is on a mark. */
const char          *pathways_chart_view_get_description (PathwaysChartView *self);

/* The rows chosen by a filter of the chart's field (report row ids, NULL-terminated;
 * NULL: none): drawn outlined, every other mark muted (PathwaysChartStyle.highlight). */
void                 pathways_chart_view_set_highlight (PathwaysChartView  *self,
                                                        const char * const *row_ids);
const char * const  *pathways_chart_view_get_highlight (PathwaysChartView  *self);
/* The layout of what the view draws at its current size (its marks and items, as the
 * pointer finds them); NULL before it has a size or a table. Owned by the view. */
PathwaysChartLayout *pathways_chart_view_get_layout    (PathwaysChartView  *self);

/* Whether a click (or Enter on the current mark) emits "mark-activated" and the
 * pointer becomes a hand over the marks; TRUE by default. */
void                 pathways_chart_view_set_activatable (PathwaysChartView *self,
                                                          gboolean           activatable);
gboolean             pathways_chart_view_get_activatable (PathwaysChartView *self);
/* The keyboard: the view is focusable; arrows move between the marks, Home/End jump,
 * Enter/Space activate, Escape leaves. The current mark (-1: none) is outlined in the
 * focus colour with its figures beside it while the focus is visible. */
int                  pathways_chart_view_get_focus_mark  (PathwaysChartView *self);
void                 pathways_chart_view_set_focus_mark  (PathwaysChartView *self,
                                                          int                index);
/* The current mark's text as the tooltip shows it ("Assessed: 3,893 ..."; "<5" for a
 * suppressed value), also its accessible description; NULL when there is none. */
const char          *pathways_chart_view_get_mark_text   (PathwaysChartView *self);

G_END_DECLS
