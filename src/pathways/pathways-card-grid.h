/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-card-grid.h: the chart cards of a report page in one to three columns.
 *
 * As many columns as cards of 560 pixels fit, up to three (GTK 4.8 has no
 * breakpoints: decided at each allocation). Cards go in rows in reading order, the
 * cards of a row as tall as the tallest; a wide card (a table of many columns, a long
 * list) or the only card of the grid takes a row to itself.
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
/* The columns for the grid's width now (1 to 3). */
guint      pathways_card_grid_get_columns (PathwaysCardGrid *self);

G_END_DECLS
