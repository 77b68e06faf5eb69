/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-filter-chips.h: every filter in force as a chip above the pages, each with
 * a button that takes it away: the values ticked in the sidebar, those a click on a
 * chart added (closure reasons, service closure reasons ...) and the journey stage.
 * The period has its own chooser and no chip. Hidden when no filter is on.
 */
#pragma once

#include <gtk/gtk.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_FILTER_CHIPS (pathways_filter_chips_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysFilterChips, pathways_filter_chips, PATHWAYS, FILTER_CHIPS, GtkWidget)

GtkWidget *pathways_filter_chips_new         (void);
/* Chips for FILTER (copied from; NULL: none). "remove-value" (FIELD, VALUE) and
 * "remove-stage" are emitted when a chip's button is clicked. */
void       pathways_filter_chips_set_filter  (PathwaysFilterChips  *self,
                                              const PathwaysFilter *filter);
guint      pathways_filter_chips_get_n_chips (PathwaysFilterChips  *self);
/* Chip INDEX: its text ("Referral source: Police") and its remove button. */
const char *pathways_filter_chips_get_text   (PathwaysFilterChips  *self,
                                              guint                 index);
GtkButton  *pathways_filter_chips_get_button (PathwaysFilterChips  *self,
                                              guint                 index);

G_END_DECLS
