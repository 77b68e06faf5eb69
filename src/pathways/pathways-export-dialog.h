/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-export-dialog.h: the report dialog (title, organisation, sections with a
 * commentary each, small-number protection on by default) and the export itself, in a
 * worker thread, through pathways_report_export(). */
#pragma once

#include <adwaita.h>

#include "pathways.h"
#include "pathways-export.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_EXPORT_DIALOG (pathways_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysExportDialog, pathways_export_dialog, PATHWAYS, EXPORT_DIALOG, AdwWindow)

/* OPTIONS: the last options used (copied), or NULL for the defaults with THRESHOLD.
 * TOASTS: where to say the report is saved. */
PathwaysExportDialog  *pathways_export_dialog_new         (GtkWindow                   *parent,
                                                           PathwaysReport              *report,
                                                           const PathwaysExportOptions *options,
                                                           guint                        threshold,
                                                           AdwToastOverlay             *toasts);
/* The options as the dialog shows them now (owned by the caller). */
PathwaysExportOptions *pathways_export_dialog_get_options (PathwaysExportDialog *self);
/* "pdf", "xlsx" or "csv" */
const char            *pathways_export_dialog_get_format  (PathwaysExportDialog *self);
/* Writes the report to PATH in a worker thread; CALLBACK gets a GTask whose result is
 * a boolean (pathways_export_dialog_save_finish). */
void                   pathways_export_dialog_save_async  (PathwaysExportDialog *self,
                                                           const char           *path,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean               pathways_export_dialog_save_finish (PathwaysExportDialog *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
