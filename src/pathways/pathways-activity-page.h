/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-activity-page.h: what the Activity page adds below its charts (the activity
 * series and the waiting lists, cards of the page's PathwaysReportPage): the targets
 * of the report options, each with numerator, base, percent and its 95 % interval for
 * the period, the period before and the same period a year before
 * (spec/metrics.md "Targets"); its template is ui/pathways-activity-page.ui.
 *
 * The window's side of the page (the targets editor and the funder return, the
 * measures options asking for activity and targets) is here too, as
 * _pathways_window_activity_*() in pathways-window-private.h.
 */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_ACTIVITY_PAGE (pathways_activity_page_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysActivityPage, pathways_activity_page, PATHWAYS, ACTIVITY_PAGE, GtkBox)

/* Shows REPORT's "targets" table (NULL, or a report without targets: the invitation
 * to add some). */
void  pathways_activity_page_set_report     (PathwaysActivityPage *self,
                                             PathwaysReport       *report);
/* The number of targets shown. */
guint pathways_activity_page_get_n_targets  (PathwaysActivityPage *self);
/* The text of the cell at ROW (0: the first target) and COLUMN (0: the target, 1: this
 * period, 2: the period before, 3: a year before), or NULL; for tests. */
const char *pathways_activity_page_get_text (PathwaysActivityPage *self,
                                             guint                 row,
                                             guint                 column);

G_END_DECLS
