/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-window-workspace.c: Save Workspace…, the start page's recent list, and the
 * question before an import not saved as a workspace is replaced. */
#define G_LOG_DOMAIN "pathways-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pathways-window-private.h"

#define N_RECENT 8

/* ---- opening over an unsaved import ------------------------------------------------ */

typedef struct
{
  PathwaysOpenKind  kind;
  GPtrArray        *files;   /* GFile* */
} PendingOpen;

static void
pending_open_free (gpointer data)
{
  PendingOpen *open = data;

  g_ptr_array_unref (open->files);
  g_free (open);
}

static void
run_open (PathwaysWindow *self,
          PendingOpen    *open)
{
  GFile **files = (GFile **) open->files->pdata;

  if (open->kind == _PATHWAYS_OPEN_SAMPLE)
    pathways_window_open_sample (self);
  else if (open->kind == _PATHWAYS_OPEN_IMPORT)
    pathways_window_import_files (self, files, open->files->len);
  else
    pathways_window_open_files (self, files, open->files->len);
}

/* Whether the dataset shown was imported and not saved (nor opened) as a workspace:
 * the sample is not, as it can be opened again at any time. */
static gboolean
has_unsaved_import (PathwaysWindow *self)
{
  const char * const *inputs = pathways_session_get_inputs (self->session);
  g_autofree char *sample = NULL;

  if (pathways_session_get_dataset (self->session) == NULL ||
      pathways_session_get_workspace_path (self->session) != NULL)
    return FALSE;
  if (pathways_sample_get_paths (&sample, NULL, NULL))
    {
      for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
        {
          if (g_strcmp0 (inputs[i], sample) == 0)
            return FALSE;
        }
    }
  return TRUE;
}

static void
discard_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  PendingOpen *open = user_data;

  if (g_str_equal (response, "discard"))
    {
      run_open (self, open);
      pending_open_free (open);
    }
  else if (g_str_equal (response, "save"))
    {
      /* opened in save_done once it is saved; dropped if the save is not made */
      g_clear_pointer (&self->pending_open, pending_open_free);
      self->pending_open = open;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save-workspace", NULL);
      if (self->save_chooser == NULL && !self->saving)
        g_clear_pointer (&self->pending_open, pending_open_free);
    }
  else
    {
      pending_open_free (open);
    }
}

void
_pathways_window_open_asking (PathwaysWindow   *self,
                              PathwaysOpenKind  kind,
                              GFile           **files,
                              guint             n_files)
{
  PendingOpen *open = g_new0 (PendingOpen, 1);
  PathwaysDataset *dataset = pathways_session_get_dataset (self->session);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  open->kind = kind;
  open->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (open->files, g_object_ref (files[i]));

  if (!has_unsaved_import (self) || (kind != _PATHWAYS_OPEN_SAMPLE && n_files == 0))
    {
      run_open (self, open);
      pending_open_free (open);
      return;
    }

  /* Translators: %s is the name of the imported export, "cases.csv" */
  body = g_strdup_printf (_("The data imported from “%s” is not saved as a workspace. If it "
                            "is discarded, it has to be imported again, with its columns and "
                            "values chosen again, to see its reports."),
                          dataset->name != NULL ? dataset->name : _("the export"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Unsaved Import?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response), open);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recent_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  gpointer       user_data)
{
  PathwaysWindow *self = user_data;
  int index = gtk_list_box_row_get_index (row);
  g_autoptr(GFile) file = NULL;

  if (index < 0 || (guint) index >= self->recent_paths->len)
    return;
  file = g_file_new_for_path (g_ptr_array_index (self->recent_paths, index));
  _pathways_window_open_asking (self, _PATHWAYS_OPEN_FILES, &file, 1);
}

static void
fill_recent (PathwaysWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-workspaces");
  GtkWidget *child;
  guint n = 0;

  if (self->recent_paths == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  g_ptr_array_set_size (self->recent_paths, 0);

  for (guint i = 0; paths[i] != NULL && n < N_RECENT; i++)
    {
      g_autofree char *base = NULL;
      g_autofree char *folder = NULL;
      GtkWidget *row;

      /* a workspace moved or deleted since is not offered */
      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;
      base = g_path_get_basename (paths[i]);
      folder = g_path_get_dirname (paths[i]);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      /* the row's path, at the row's index */
      g_ptr_array_add (self->recent_paths, g_strdup (paths[i]));
      gtk_list_box_append (self->recent_list, row);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), n > 0);
}

void
_pathways_window_add_recent (PathwaysWindow *self,
                             const char     *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < N_RECENT; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  paths = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) paths);
  fill_recent (self);
}

GtkListBox *
pathways_window_get_recent_list (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);

  return self->recent_list;
}

typedef struct
{
  PathwaysDataset *dataset;
  char            *path;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  pathways_dataset_unref (save->dataset);
  g_free (save->path);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(GError) error = NULL;

  if (!pathways_workspace_save (save->dataset, save->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  /* the task holds no widget: its last reference may go in the pool thread, and the
   * window must be disposed in the main thread, here */
  g_autoptr(PathwaysWindow) self = user_data;
  SaveData *save = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (save->path);
  g_autofree char *message = NULL;

  PendingOpen *open = g_steal_pointer (&self->pending_open);

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-workspace", pathways_session_get_dataset (self->session) != NULL);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* the workspace's errors name the file and say what to do ("The disk is full:
       * Pathways could not save x.pathways; the previous file is unchanged."); what
       * was to be opened after it is not */
      _pathways_window_show_toast (self, error->message);
      g_clear_pointer (&open, pending_open_free);
      return;
    }

  _pathways_window_set_workspace_path (self, save->path, save->dataset);
  _pathways_window_add_recent (self, save->path);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Saved “%s”"), base);
  _pathways_window_show_toast (self, message);
  if (open != NULL)
    {
      run_open (self, open);
      pending_open_free (open);
    }
}

void
pathways_window_save_workspace (PathwaysWindow *self,
                                GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (PATHWAYS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (pathways_session_get_dataset (self->session) == NULL || self->saving)
    return;

  save = g_new0 (SaveData, 1);
  save->dataset = pathways_dataset_ref (pathways_session_get_dataset (self->session));
  save->path = g_file_get_path (file);
  if (save->path == NULL)
    {
      save_data_free (save);
      _pathways_window_show_toast (self, _("Workspaces can only be saved to local folders"));
      return;
    }
  if (!g_str_has_suffix (save->path, ".pathways"))
    {
      char *with_suffix = g_strconcat (save->path, ".pathways", NULL);

      g_free (save->path);
      save->path = with_suffix;
    }

  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-workspace", FALSE);
  g_clear_object (&self->save_cancellable);
  self->save_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->save_cancellable, save_done, g_object_ref (self));
  g_task_set_source_tag (task, pathways_window_save_workspace);
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
pathways_window_is_saving (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), FALSE);

  return self->saving;
}

static void
save_chooser_response (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  PathwaysWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        pathways_window_save_workspace (self, file);
    }
  /* not saved: nothing is opened after it */
  if (!self->saving)
    g_clear_pointer (&self->pending_open, pending_open_free);

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->save_chooser);
}

static void
save_workspace_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  g_autofree char *name = NULL;
  g_autofree char *last_folder = NULL;

  if (pathways_session_get_dataset (self->session) == NULL || self->saving || self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save Workspace"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);

  {
    g_autofree char *stem = g_strdup (pathways_session_get_dataset (self->session)->name != NULL ? pathways_session_get_dataset (self->session)->name
                                                                   : _("Workspace"));

    if (g_str_has_suffix (stem, ".csv") || g_str_has_suffix (stem, ".xlsx"))
      *strrchr (stem, '.') = '\0';
    name = g_strdup_printf ("%s.pathways", stem);
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);

  last_folder = g_settings_get_string (self->settings, "last-folder");
  if (last_folder != NULL && last_folder[0] != '\0' &&
      g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), folder, NULL);
    }

  g_signal_connect (self->save_chooser, "response", G_CALLBACK (save_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
dataset_changed (PathwaysWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-workspace",
                                 pathways_session_get_dataset (self->session) != NULL && !self->saving);
}

static void
on_page_changed (GObject    *stack,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  dataset_changed (PATHWAYS_WINDOW (user_data));
}

void
_pathways_window_workspace_init (PathwaysWindow *self)
{
  self->recent_paths = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (self->recent_list, "row-activated",
                            G_CALLBACK (recent_activated), self);
  g_signal_connect (self->stack, "notify::visible-child-name",
                    G_CALLBACK (on_page_changed), self);
  dataset_changed (self);
  fill_recent (self);
}

void
_pathways_window_workspace_dispose (PathwaysWindow *self)
{
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  g_clear_object (&self->save_cancellable);
  g_clear_pointer (&self->pending_open, pending_open_free);
  if (self->recent_list != NULL)
    g_signal_handlers_disconnect_by_func (self->recent_list, recent_activated, self);
  g_clear_pointer (&self->recent_paths, g_ptr_array_unref);
}

void
_pathways_window_workspace_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, recent_list);
  gtk_widget_class_install_action (widget_class, "win.save-workspace", NULL,
                                   save_workspace_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-workspace", NULL);
}
