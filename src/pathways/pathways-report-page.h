/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-report-page.h: one page of the report (journey, closures, waiting times,
 * people, data quality ...): its chart cards in a PathwaysCardGrid, with what the
 * page adds below them (children given in a .ui file) and above them
 * (pathways_report_page_prepend(): the comparison charts).
 *
 * A page that is not shown keeps the report its cards were given until it is shown,
 * and its grid is hidden meanwhile (the view stack measures every page at each size
 * request: a hidden page's cards are not measured).
 */
#pragma once

#include <gtk/gtk.h>

#include "pathways.h"
#include "pathways-card-grid.h"
#include "pathways-chart-card.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_REPORT_PAGE (pathways_report_page_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysReportPage, pathways_report_page, PATHWAYS, REPORT_PAGE, GtkWidget)

GtkWidget        *pathways_report_page_new          (void);
PathwaysCardGrid *pathways_report_page_get_grid     (PathwaysReportPage *self);
/* CARD joins the page's grid (WIDE: on a row of its own). */
void              pathways_report_page_add_card     (PathwaysReportPage *self,
                                                     PathwaysChartCard  *card,
                                                     gboolean            wide);
/* CARD is shown elsewhere on the page (a panel of the split funnel): it gets the
 * page's report as the grid's cards do, but is not one of them. */
void              pathways_report_page_follow_card  (PathwaysReportPage *self,
                                                     PathwaysChartCard  *card);
/* The grid emptied, the followed cards forgotten. */
void              pathways_report_page_remove_cards (PathwaysReportPage *self);
/* The cards of the grid, in order (owned by the page). */
GPtrArray        *pathways_report_page_get_cards    (PathwaysReportPage *self);
/* WIDGET goes above the grid, first. */
void              pathways_report_page_prepend      (PathwaysReportPage *self,
                                                     GtkWidget          *widget);
/* The report the page shows: given to the cards (the grid's and the followed ones)
 * now when the page is shown or EVERY_CARD, else when the page is shown. Returns the
 * cards updated. */
guint             pathways_report_page_set_report   (PathwaysReportPage *self,
                                                     PathwaysReport     *report,
                                                     gboolean            every_card);
/* Shown: the cards take the report given while hidden and the grid is laid out;
 * returns the cards updated. */
guint             pathways_report_page_set_shown    (PathwaysReportPage *self,
                                                     gboolean            shown);
gboolean          pathways_report_page_get_shown    (PathwaysReportPage *self);
/* The journey page's choice, above its cards, of whom the funnel follows: the cases
 * closed in the period (the default) or all cases referred in it. The "population"
 * property (a PathwaysPopulation) says which; the funnel's title says it too. */
void               pathways_report_page_show_population (PathwaysReportPage *self);
PathwaysPopulation pathways_report_page_get_population  (PathwaysReportPage *self);
void               pathways_report_page_set_population  (PathwaysReportPage *self,
                                                         PathwaysPopulation  population);

G_END_DECLS
