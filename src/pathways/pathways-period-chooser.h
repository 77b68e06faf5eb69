/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-period-chooser.h: the referral period, chosen in groups.
 *
 * A button naming the period chosen; its popover offers the whole period, a custom
 * range (a dialog asks for its two days), then the periods of the dataset's span in
 * groups: financial years, financial quarters ("2023-24 Q1"), calendar years,
 * calendar quarters and months, newest first (pathways_period_list()). The popover
 * opens at the current choice: its group expanded, its row selected.
 *
 * "changed" is emitted when the choice changes (the user's, or
 * pathways_period_chooser_select()), never by pathways_period_chooser_set_range().
 */
#pragma once

#include <gtk/gtk.h>

#include "pathways.h"
#include "pathways-period.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_PERIOD_CHOOSER (pathways_period_chooser_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysPeriodChooser, pathways_period_chooser, PATHWAYS, PERIOD_CHOOSER, GtkWidget)

GtkWidget            *pathways_period_chooser_new             (void);
/* The periods offered: those overlapping FIRST..LAST (days; either invalid: none);
 * the choice goes back to the whole period, silently. */
void                  pathways_period_chooser_set_range       (PathwaysPeriodChooser *self,
                                                               gint32                 first,
                                                               gint32                 last);
/* Whether a custom range is offered (the default). */
void                  pathways_period_chooser_set_allow_custom (PathwaysPeriodChooser *self,
                                                                gboolean               allow);
/* The period chosen (kind PATHWAYS_PERIOD_WHOLE: none). */
const PathwaysPeriod *pathways_period_chooser_get_period      (PathwaysPeriodChooser *self);
/* Its identifier ("FY2022-23"), NULL for the whole period (newly allocated). */
char                 *pathways_period_chooser_dup_id          (PathwaysPeriodChooser *self);
/* What the button says: "Whole period", "Financial year 2022-23" ... */
const char           *pathways_period_chooser_get_label       (PathwaysPeriodChooser *self);
/* Chooses ID (an identifier of pathways-period's grammar; NULL: the whole period):
 * FALSE when it is not offered (a custom range is, when custom ranges are). */
gboolean              pathways_period_chooser_select          (PathwaysPeriodChooser *self,
                                                               const char            *id);
/* The same for a parsed period. */
gboolean              pathways_period_chooser_set_period      (PathwaysPeriodChooser *self,
                                                               const PathwaysPeriod  *period);
/* Whether PERIOD is one of those offered. */
gboolean              pathways_period_chooser_offers          (PathwaysPeriodChooser *self,
                                                               const PathwaysPeriod  *period);
/* The periods offered of KIND (year, quarter, month, fyear, fquarter), newest first:
 * a GArray of PathwaysPeriod owned by the chooser. */
GArray               *pathways_period_chooser_get_periods     (PathwaysPeriodChooser *self,
                                                               PathwaysPeriodKind     kind);
/* The popover, and the expander of KIND's group in it (for the tests). */
GtkPopover           *pathways_period_chooser_get_popover     (PathwaysPeriodChooser *self);
GtkExpander          *pathways_period_chooser_get_expander    (PathwaysPeriodChooser *self,
                                                               PathwaysPeriodKind     kind);
/* The row of the choice in its group's list (NULL for the whole period or a custom
 * range), made if need be. */
GtkListBoxRow        *pathways_period_chooser_get_choice_row  (PathwaysPeriodChooser *self);

G_END_DECLS
