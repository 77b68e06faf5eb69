/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-presentation.h: one chart at a time, full screen, large type, for a board
 * meeting. The figures are protected with the window's one policy, through the
 * output module's pages (pathways-output.h). */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_PRESENTATION (pathways_presentation_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysPresentation, pathways_presentation, PATHWAYS, PRESENTATION, AdwWindow)

/* TABLES: the charts to show in order, as "id\nkey" strings (key may be empty).
 * POLICY: the disclosure policy of every output (NULL: the default). */
PathwaysPresentation *pathways_presentation_new       (GtkWindow                      *parent,
                                                       PathwaysReport                 *report,
                                                       GPtrArray                      *tables,
                                                       const PathwaysDisclosurePolicy *policy);
guint                 pathways_presentation_get_index (PathwaysPresentation *self);
guint                 pathways_presentation_get_n_charts (PathwaysPresentation *self);
void                  pathways_presentation_go        (PathwaysPresentation *self,
                                                       int                   delta);
/* The protected copy shown. */
PathwaysReport       *pathways_presentation_get_report (PathwaysPresentation *self);

G_END_DECLS
