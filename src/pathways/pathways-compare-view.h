/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-compare-view.h: one chart of two reports side by side, on one shared scale
 * (pathways_chart_layout_new_panels()), each panel headed by its period. */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_COMPARE_VIEW (pathways_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysCompareView, pathways_compare_view, PATHWAYS, COMPARE_VIEW, GtkWidget)

GtkWidget *pathways_compare_view_new         (const char          *table_id,
                                              const char          *title);
/* The two reports and the labels of their panels; NULL reports draw nothing. */
void       pathways_compare_view_set_reports (PathwaysCompareView *self,
                                              PathwaysReport      *report_a,
                                              const char          *label_a,
                                              PathwaysReport      *report_b,
                                              const char          *label_b);
/* The tables drawn (NULL when a report has no such table). */
const PathwaysReportTable *pathways_compare_view_get_table (PathwaysCompareView *self,
                                                            guint                which);

G_END_DECLS
