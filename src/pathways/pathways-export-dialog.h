/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-export-dialog.h: the report dialog (title, organisation, sections with a
 * commentary each, small-number protection on by default) and the export itself, in a
 * worker thread, through pathways_output_write() with the policy the dialog shows.
 * Signal "exported" (no arguments):
 * a report was written. */
#pragma once

#include <adwaita.h>

#include "pathways.h"
#include "pathways-export.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_EXPORT_DIALOG (pathways_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysExportDialog, pathways_export_dialog, PATHWAYS, EXPORT_DIALOG, AdwWindow)

/* OPTIONS: the last options used (copied), or NULL for the defaults with POLICY (the
 * window's; NULL: the default policy). TOASTS: where to say the report is saved. */
PathwaysExportDialog  *pathways_export_dialog_new         (GtkWindow                      *parent,
                                                           PathwaysReport                 *report,
                                                           const PathwaysExportOptions    *options,
                                                           const PathwaysDisclosurePolicy *policy,
                                                           AdwToastOverlay                *toasts);
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

/* What the Export… button does once the file chooser gave FILE (a folder for CSV):
 * writes the report in a worker thread, keeps the options in the workspace (if set),
 * says so in a toast, emits "exported" and closes; an error shows a message dialog. */
void                   pathways_export_dialog_export_to_file (PathwaysExportDialog *self,
                                                              GFile                *file);
/* The workspace the window's data came from: a successful export saves the options
 * in it (pathways_export_options_save()), for the next export and the CLI. NULL: none. */
void                   pathways_export_dialog_set_workspace (PathwaysExportDialog *self,
                                                             const char           *workspace_path);
/* The paths the export must not overwrite (the source files, the workspace). */
void                   pathways_export_dialog_set_inputs    (PathwaysExportDialog *self,
                                                             const char * const   *inputs);
const char            *pathways_export_dialog_get_workspace (PathwaysExportDialog *self);
/* TRUE while an export runs. */
gboolean               pathways_export_dialog_is_busy     (PathwaysExportDialog *self);
/* Chooses "pdf", "xlsx" or "csv"; FALSE for another format. */
gboolean               pathways_export_dialog_set_format  (PathwaysExportDialog *self,
                                                           const char           *format);

/* The report's language: NULL for the application's, else a language of
 * pathways_i18n_list_languages() ("en", "cy"). The report is built again in it, in the
 * export's thread. */
const char            *pathways_export_dialog_get_language (PathwaysExportDialog *self);
gboolean               pathways_export_dialog_set_language (PathwaysExportDialog *self,
                                                            const char           *language);

G_END_DECLS
