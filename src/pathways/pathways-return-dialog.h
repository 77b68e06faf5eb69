/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-return-dialog.h: "Funder return…" (issue 16): a template (built in, or one
 * kept with the workspace, or a file added here and kept with it), a period (financial
 * quarters and years, months), the filled rows as they will be written (protected
 * with the window's policy), then the return written as PDF, XLSX or CSV through
 * pathways_output_write_async(); its template is ui/pathways-return-dialog.ui.
 *
 * The window's filters other than its period apply; the period is the one chosen.
 */
#pragma once

#include <adwaita.h>

#include "pathways.h"
#include "pathways-session.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_RETURN_DIALOG (pathways_return_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysReturnDialog, pathways_return_dialog, PATHWAYS, RETURN_DIALOG, AdwWindow)

/* SESSION: the window's (dataset, filter, policy, report options, workspace). TOASTS:
 * where to say the return is saved. */
PathwaysReturnDialog *pathways_return_dialog_new          (GtkWindow            *parent,
                                                           PathwaysSession      *session,
                                                           AdwToastOverlay      *toasts);
/* Chooses the template of id ID and the period of identifier PERIOD ("FY2023-24-Q1");
 * FALSE when either is not on offer. The preview follows. */
gboolean              pathways_return_dialog_select       (PathwaysReturnDialog *self,
                                                           const char           *id,
                                                           const char           *period);
/* The protected report the preview shows (NULL when the template cannot be filled). */
PathwaysReport       *pathways_return_dialog_get_preview  (PathwaysReturnDialog *self);
/* The preview's error message, or NULL. */
const char           *pathways_return_dialog_get_message  (PathwaysReturnDialog *self);
/* Writes the return (FORMAT "pdf", "xlsx" or "csv") to PATH in a worker thread, as the
 * Export button does after its file chooser. */
void                  pathways_return_dialog_save_async   (PathwaysReturnDialog *self,
                                                           const char           *format,
                                                           const char           *path,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              pathways_return_dialog_save_finish  (PathwaysReturnDialog *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
