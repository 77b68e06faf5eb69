/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-filter-sidebar.h: a checklist per category field, with the case count
 * beside every value and a one-line summary of the filters in force.
 *
 * Its model is a list of PathwaysFilterItem (every value of every field shown);
 * ticking a box sets the item's "active" and the other way round. "changed" is
 * emitted once per change of the ticked values.
 */
#pragma once

#include <adwaita.h>

#include "pathways.h"
#include "pathways-filter-item.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_FILTER_SIDEBAR (pathways_filter_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysFilterSidebar, pathways_filter_sidebar, PATHWAYS, FILTER_SIDEBAR, GtkWidget)

GtkWidget          *pathways_filter_sidebar_new          (void);
/* Builds the checklists for the fields DATASET has mapped; NULL empties the sidebar. */
void                pathways_filter_sidebar_set_dataset  (PathwaysFilterSidebar *self,
                                                          PathwaysDataset       *dataset);
GListModel         *pathways_filter_sidebar_get_model    (PathwaysFilterSidebar *self);
PathwaysFilterItem *pathways_filter_sidebar_find_item    (PathwaysFilterSidebar *self,
                                                          PathwaysField          field,
                                                          const char            *value);
/* Writes the ticked values into FILTER (the fields of the sidebar only). */
void                pathways_filter_sidebar_apply        (PathwaysFilterSidebar *self,
                                                          PathwaysFilter        *filter);
/* Sets the ticks from FILTER without emitting "changed" (undo). */
void                pathways_filter_sidebar_set_from_filter (PathwaysFilterSidebar *self,
                                                             const PathwaysFilter  *filter);
/* Counts of every value of the sidebar's fields with FILTER in force (less the field
 * counted), indexed by PathwaysField (NULL for the fields not counted). Safe to call
 * in any thread; for pathways_filter_sidebar_preset_counts(). */
GPtrArray          *pathways_filter_sidebar_count        (PathwaysDataset       *dataset,
                                                          const PathwaysFilter  *filter,
                                                          GCancellable          *cancellable);
/* Gives the counts with no filter of DATASET, made elsewhere (a worker thread), for
 * the next pathways_filter_sidebar_set_dataset() of DATASET to use. */
void                pathways_filter_sidebar_preset_counts (PathwaysFilterSidebar *self,
                                                           PathwaysDataset       *dataset,
                                                           GPtrArray             *counts);
/* Counts and summary for FILTER in force. The counts of a field change only when the
 * filter less that field changes; a large dataset is counted in a worker thread and its
 * counts come a moment later. */
void                pathways_filter_sidebar_update       (PathwaysFilterSidebar *self,
                                                          const PathwaysFilter  *filter);
/* Unticks everything, emitting "changed" once when something was ticked. */
void                pathways_filter_sidebar_clear        (PathwaysFilterSidebar *self);
GtkLabel           *pathways_filter_sidebar_get_summary_label (PathwaysFilterSidebar *self);
gboolean            pathways_filter_sidebar_focus_first  (PathwaysFilterSidebar *self);

/* The fields the sidebar offers, in order. */
const PathwaysField *pathways_filter_sidebar_fields      (guint *n_fields);

G_END_DECLS
