/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-card-grid.h: the chart cards of a report page in one or two columns.
 *
 * Two columns when the grid is wide enough for two cards of 560 pixels (GTK 4.8 has
 * no breakpoints: decided at each allocation), one otherwise. Cards go in pairs in
 * reading order, the two of a row as tall as the taller; a wide card (a table of many
 * columns, a long list) or the only card of the grid takes a row to itself.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PATHWAYS_TYPE_CARD_GRID (pathways_card_grid_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysCardGrid, pathways_card_grid, PATHWAYS, CARD_GRID, GtkWidget)

GtkWidget *pathways_card_grid_new         (void);
/* CARD goes last; WIDE: on a row of its own. */
void       pathways_card_grid_append      (PathwaysCardGrid *self,
                                           GtkWidget        *card,
                                           gboolean          wide);
void       pathways_card_grid_remove_all  (PathwaysCardGrid *self);
gboolean   pathways_card_grid_is_wide     (PathwaysCardGrid *self,
                                           GtkWidget        *card);
/* The columns for the grid's width now (1 or 2). */
guint      pathways_card_grid_get_columns (PathwaysCardGrid *self);

G_END_DECLS
