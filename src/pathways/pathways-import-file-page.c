/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-file-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-import-assistant.h"
#include "pathways-import-file-page.h"

struct _PathwaysImportFilePage
{
  AdwBin         parent_instance;

  AdwActionRow  *cases_row;
  AdwActionRow  *services_row;
  AdwComboRow   *sheet_row;
  GtkStringList *sheets;
  AdwComboRow   *preset_row;
  GtkStringList *presets;
  GPtrArray     *preset_args;    /* char*: NULL detect, a preset name or a file */
  AdwActionRow  *outcomes_row;
  GtkWidget     *outcomes_clear_button;
  char          *outcomes_path;
  GtkFileChooserNative *outcomes_chooser;
};

G_DEFINE_FINAL_TYPE (PathwaysImportFilePage, pathways_import_file_page, ADW_TYPE_BIN)

static void
add_preset (PathwaysImportFilePage *self,
            const char             *label,
            const char             *arg)
{
  gtk_string_list_append (self->presets, label);
  g_ptr_array_add (self->preset_args, g_strdup (arg));
}

/* Detection, then the mappings saved by earlier imports (this service's own), then the
 * presets that come with Pathways. */
static void
fill_presets (PathwaysImportFilePage *self)
{
  const char * const *presets = pathways_mapping_list_presets ();
  g_autofree char *dir_path = pathways_saved_mappings_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  add_preset (self, _("Detected from the column names"), NULL);

  for (const char *name = dir != NULL ? g_dir_read_name (dir) : NULL; name != NULL;
       name = g_dir_read_name (dir))
    {
      if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
    }
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_from_file (path, NULL);
      g_autofree char *label = NULL;

      if (mapping == NULL)
        continue;
      /* Translators: a mapping saved by an earlier import */
      label = g_strdup_printf (_("Saved: %s"),
                               pathways_mapping_get_name (mapping) != NULL
                                 ? pathways_mapping_get_name (mapping) : path);
      add_preset (self, label, path);
    }

  for (guint i = 0; presets != NULL && presets[i] != NULL; i++)
    {
      /* Translators: a mapping that comes with Pathways, "Preset: dpms" */
      g_autofree char *label = g_strdup_printf (_("Preset: %s"), presets[i]);

      add_preset (self, label, presets[i]);
    }
}

static void
show_file (AdwActionRow *row,
           const char   *path)
{
  g_autofree char *base = NULL;
  g_autofree char *folder = NULL;

  gtk_widget_set_visible (GTK_WIDGET (row), path != NULL);
  if (path == NULL)
    return;
  base = g_path_get_basename (path);
  folder = g_path_get_dirname (path);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
  adw_action_row_set_subtitle (row, folder);
}

void
pathways_import_file_page_set_files (PathwaysImportFilePage *self,
                                     const char             *cases_path,
                                     const char             *services_path)
{
  g_auto(GStrv) sheet_names = NULL;

  g_return_if_fail (PATHWAYS_IS_IMPORT_FILE_PAGE (self));
  g_return_if_fail (cases_path != NULL);

  show_file (self->cases_row, cases_path);
  show_file (self->services_row, services_path);

  sheet_names = pathways_xlsx_list_sheets (cases_path, NULL);
  gtk_string_list_splice (self->sheets, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->sheets)),
                          (const char * const *) sheet_names);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row),
                          sheet_names != NULL && sheet_names[0] != NULL);
}

const char *
pathways_import_file_page_get_sheet (PathwaysImportFilePage *self)
{
  GtkStringObject *item;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_FILE_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->sheet_row)))
    return NULL;
  item = adw_combo_row_get_selected_item (self->sheet_row);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

const char *
pathways_import_file_page_get_mapping_argument (PathwaysImportFilePage *self)
{
  guint i;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_FILE_PAGE (self), NULL);

  i = adw_combo_row_get_selected (self->preset_row);
  return i < self->preset_args->len ? g_ptr_array_index (self->preset_args, i) : NULL;
}

gboolean
pathways_import_file_page_select_saved (PathwaysImportFilePage *self,
                                        const char             *name)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_FILE_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->preset_args->len; i++)
    {
      const char *arg = g_ptr_array_index (self->preset_args, i);
      g_autoptr(PathwaysMapping) mapping = NULL;

      if (arg == NULL || !g_path_is_absolute (arg))
        continue;
      mapping = pathways_mapping_new_from_file (arg, NULL);
      if (mapping != NULL && g_strcmp0 (pathways_mapping_get_name (mapping), name) == 0)
        {
          adw_combo_row_set_selected (self->preset_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pathways_import_file_page_get_outcomes_path (PathwaysImportFilePage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_FILE_PAGE (self), NULL);

  return self->outcomes_path;
}

void
pathways_import_file_page_set_outcomes_path (PathwaysImportFilePage *self,
                                             const char             *path)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_FILE_PAGE (self));

  g_free (self->outcomes_path);
  self->outcomes_path = g_strdup (path);
  if (path != NULL)
    {
      show_file (self->outcomes_row, path);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->outcomes_row), _("Outcomes file"));
      adw_action_row_set_subtitle (self->outcomes_row, _("None chosen"));
    }
  gtk_widget_set_visible (self->outcomes_clear_button, path != NULL);
}

static void
outcomes_chooser_response (GtkNativeDialog *dialog,
                           int              response,
                           gpointer         user_data)
{
  PathwaysImportFilePage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        pathways_import_file_page_set_outcomes_path (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->outcomes_chooser);
}

static void
outcomes_choose_clicked (PathwaysImportFilePage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->outcomes_chooser != NULL)
    return;
  self->outcomes_chooser = gtk_file_chooser_native_new (_("Choose the Outcomes File"),
                                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->outcomes_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV and Excel files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->outcomes_chooser), filter);
  g_signal_connect (self->outcomes_chooser, "response", G_CALLBACK (outcomes_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->outcomes_chooser));
}

static void
outcomes_clear_clicked (PathwaysImportFilePage *self)
{
  pathways_import_file_page_set_outcomes_path (self, NULL);
}

static void
pathways_import_file_page_dispose (GObject *object)
{
  /* the bin's child first: the template may hold it, and the bin would unparent it again */
  PathwaysImportFilePage *self = PATHWAYS_IMPORT_FILE_PAGE (object);

  if (self->outcomes_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->outcomes_chooser));
  g_clear_object (&self->outcomes_chooser);
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_IMPORT_FILE_PAGE);

  G_OBJECT_CLASS (pathways_import_file_page_parent_class)->dispose (object);
}

static void
pathways_import_file_page_finalize (GObject *object)
{
  PathwaysImportFilePage *self = PATHWAYS_IMPORT_FILE_PAGE (object);

  g_clear_pointer (&self->preset_args, g_ptr_array_unref);
  g_free (self->outcomes_path);

  G_OBJECT_CLASS (pathways_import_file_page_parent_class)->finalize (object);
}

static void
pathways_import_file_page_class_init (PathwaysImportFilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_import_file_page_dispose;
  object_class->finalize = pathways_import_file_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-import-file-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFilePage, cases_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFilePage, services_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFilePage, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFilePage, sheets);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFilePage, preset_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFilePage, presets);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFilePage, outcomes_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFilePage, outcomes_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, outcomes_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, outcomes_clear_clicked);
}

static void
pathways_import_file_page_init (PathwaysImportFilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->preset_args = g_ptr_array_new_with_free_func (g_free);
  fill_presets (self);
}
