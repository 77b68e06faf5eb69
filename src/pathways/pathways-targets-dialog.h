/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-targets-dialog.h: the targets editor (spec/metrics.md "Targets"): the
 * targets of the report options, each with its threshold to change and a button to
 * remove it, and a form to add one ("First contact within 2 working days"); its
 * template is ui/pathways-targets-dialog.ui.
 * Signal "changed" (no arguments): the list changed; read it with
 * pathways_targets_dialog_get_targets(). */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_TARGETS_DIALOG (pathways_targets_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysTargetsDialog, pathways_targets_dialog, PATHWAYS, TARGETS_DIALOG, AdwWindow)

/* TARGETS (N of them, copied) are the ones shown first. */
PathwaysTargetsDialog *pathways_targets_dialog_new         (GtkWindow             *parent,
                                                            const PathwaysTarget  *targets,
                                                            guint                  n);
/* Copies the targets into OUT (room for PATHWAYS_MAX_TARGETS); returns how many. */
guint                  pathways_targets_dialog_get_targets (PathwaysTargetsDialog *self,
                                                            PathwaysTarget        *out);
/* What the add form does, for tests and the keyboard alike: MEASURE, WITHIN, UNIT
 * chosen, then Add. FALSE when the list is full or holds the same target. */
gboolean               pathways_targets_dialog_add         (PathwaysTargetsDialog *self,
                                                            const PathwaysTarget  *target);
/* Sets the threshold of the target at INDEX (what its spin button does). */
void                   pathways_targets_dialog_set_within  (PathwaysTargetsDialog *self,
                                                            guint                  index,
                                                            int                    within);
/* Removes the target at INDEX (what its remove button does). */
void                   pathways_targets_dialog_remove      (PathwaysTargetsDialog *self,
                                                            guint                  index);

G_END_DECLS
