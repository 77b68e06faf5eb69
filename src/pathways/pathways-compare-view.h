/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-compare-view.h: one chart of two reports side by side, on one shared scale
 * (pathways_chart_layout_new_panels()), each panel headed by its period or group, and
 * how the two tables differ row by row. */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_COMPARE_VIEW (pathways_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysCompareView, pathways_compare_view, PATHWAYS, COMPARE_VIEW, GtkWidget)

GtkWidget *pathways_compare_view_new         (const char          *table_id,
                                              const char          *title);
/* The key of the table drawn (a waiting measure of "waiting_bands" ...); NULL, the
 * default: the table of that id with no key. */
void        pathways_compare_view_set_table_key (PathwaysCompareView *self,
                                                 const char          *key);
const char *pathways_compare_view_get_table_key (PathwaysCompareView *self);
/* The two reports and the labels of their panels; NULL reports draw nothing. */
void       pathways_compare_view_set_reports (PathwaysCompareView *self,
                                              PathwaysReport      *report_a,
                                              const char          *label_a,
                                              PathwaysReport      *report_b,
                                              const char          *label_b);
/* The tables drawn (NULL when a report has no such table). */
const PathwaysReportTable *pathways_compare_view_get_table (PathwaysCompareView *self,
                                                            guint                which);

/* The report drawn in panel WHICH (0 or 1), or NULL. */
PathwaysReport *pathways_compare_view_get_report (PathwaysCompareView *self,
                                                  guint                which);
/* The label heading panel WHICH (0 or 1). */
const char *pathways_compare_view_get_label  (PathwaysCompareView *self,
                                              guint                which);
/* The layout the view draws at WIDTH × HEIGHT (free it), or NULL while a report lacks
 * the table: to check both panels share one scale. */
PathwaysChartLayout *pathways_compare_view_get_layout (PathwaysCompareView *self,
                                                       double               width,
                                                       double               height);

/* The chart of side WHICH (0 or 1) alone at WIDTH × HEIGHT (free it), or NULL while its
 * report lacks the table: for a chart drawn as two charts side by side (a series, a
 * composition), each on the scale of both. */
PathwaysChartLayout *pathways_compare_view_get_side_layout (PathwaysCompareView *self,
                                                            guint                which,
                                                            double               width,
                                                            double               height);
/* How one row of the compared table differs, first side minus second: points for a
 * percent or a rate, percent change for a count (issue 15, item 2). */
typedef struct {
  char   *label;      /* the row in words: "Referred", "Planned closure", "0–7 days" */
  char   *text[2];    /* each side's figures: "443 (9.3 %)" */
  char   *change;     /* "+12 % · −1.4 points"; "–" when nothing can be compared */
  double  count_change;   /* percent change of the count, NAN when the second is 0 */
  double  points;         /* the share's difference in points, NAN without a share */
} PathwaysCompareDifference;

void pathways_compare_difference_free (PathwaysCompareDifference *difference);

/* The differences between the two tables drawn, one per row of the first side (the
 * row of the same id on the second side, zero when it has none), or NULL while a
 * report lacks the table. */
GPtrArray *pathways_compare_view_get_differences (PathwaysCompareView *self);
/* The differences of the card's other figures, one per row of the first side and
 * further column (a count: percent change; a percent or rate: points; a statistic
 * such as a median or a mean change: the difference in its unit), interval bounds
 * and settings left out, and figures neither side has; label "Row: Column". Empty when the table has no figures
 * beyond its first count and share; NULL while a report lacks the table. */
GPtrArray *pathways_compare_view_get_figure_differences (PathwaysCompareView *self);
/* Whether side WHICH (0 or 1) has nothing to compare: its report lacks the table, or
 * the table's first count is 0 or unknown in every row (no paired answers for the
 * outcomes, whatever the closed cases). */
gboolean   pathways_compare_view_side_is_empty (PathwaysCompareView *self,
                                                guint                which);

/* What compare mode sets side by side. */
typedef enum {
  PATHWAYS_COMPARE_PERIODS,   /* the period shown and another, same other filters */
  PATHWAYS_COMPARE_GROUPS,    /* two values of one field, same filters otherwise */
} PathwaysCompareMode;

G_END_DECLS
