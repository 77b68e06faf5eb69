/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-card.h: a chart with its title and a "Show as table" switch that
 * shows the same report table as a grid of exact figures. */
#pragma once

#include <adwaita.h>

#include "pathways-chart-view.h"
#include "pathways-session.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_CHART_CARD (pathways_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysChartCard, pathways_chart_card, PATHWAYS, CHART_CARD, GtkWidget)

/* TABLE_ONLY: a table without a chart (the waiting-times summary). */
GtkWidget         *pathways_chart_card_new            (const char        *table_id,
                                                       const char        *table_key,
                                                       int                chart_height,
                                                       gboolean           table_only);
void               pathways_chart_card_set_report     (PathwaysChartCard *self,
                                                       PathwaysReport    *report);
/* The session whose report the card is given: a chart of a field the report's filter
 * has values for is then drawn over the cohort without that filter
 * (pathways_session_get_report_without()), the chosen values highlighted, so that a
 * click keeps the other bars; the funnel of a chosen stage likewise keeps every stage.
 * NULL (the default): the report as given. */
void               pathways_chart_card_set_session    (PathwaysChartCard *self,
                                                       PathwaysSession   *session);
/* The field a click on the card's chart filters by (closure reasons, service closure
 * reasons, rates and values of a field, time before support, new or returning, age
 * band), or -1. */
int                pathways_chart_filter_field        (const char        *table_id,
                                                       const char        *table_key);
PathwaysChartView *pathways_chart_card_get_view       (PathwaysChartCard *self);
GtkLabel          *pathways_chart_card_get_title_label (PathwaysChartCard *self);
void               pathways_chart_card_set_show_table (PathwaysChartCard *self,
                                                       gboolean           show_table);
gboolean           pathways_chart_card_get_show_table (PathwaysChartCard *self);
/* The grid of the table view (rebuilt when the report changes). */
GtkGrid           *pathways_chart_card_get_grid       (PathwaysChartCard *self);

/* Fills GRID with TABLE's header and rows as the reader sees them. */
void               pathways_fill_table_grid           (GtkGrid             *grid,
                                                       PathwaysReport      *report,
                                                       PathwaysReportTable *table);

G_END_DECLS
