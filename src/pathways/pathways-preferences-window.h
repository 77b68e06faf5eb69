/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-preferences-window.h: the settings a person may want to change, each bound
 * to its GSettings key. */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_PREFERENCES_WINDOW (pathways_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysPreferencesWindow, pathways_preferences_window, PATHWAYS, PREFERENCES_WINDOW, AdwPreferencesWindow)

PathwaysPreferencesWindow *pathways_preferences_window_new (GtkWindow *parent,
                                                            GSettings *settings);

/* The setting holding MEASURE's target in days ("target-contact" ...). Its row is
 * titled with the measure's name from the core's one label table. */
const char *pathways_preferences_get_target_key (PathwaysWaitMeasure measure);

/* Applies the "color-scheme" setting to the style manager. */
void pathways_preferences_apply_color_scheme (GSettings *settings);

G_END_DECLS
