/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-columns-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pathways-import-columns-page.h"

#define N_OTHER_ROWS 200

struct _PathwaysImportColumnsPage
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *cases_group;
  AdwPreferencesGroup  *services_group;
  AdwPreferencesGroup  *other_group;
  AdwEntryRow          *name_row;

  AdwComboRow          *field_rows[PATHWAYS_N_FIELDS];
  GPtrArray            *other_rows;     /* AdwActionRow*, borrowed */
};

G_DEFINE_FINAL_TYPE (PathwaysImportColumnsPage, pathways_import_columns_page, ADW_TYPE_BIN)

static void
clear_rows (PathwaysImportColumnsPage *self)
{
  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      GtkWidget *row = GTK_WIDGET (self->field_rows[f]);

      if (row == NULL)
        continue;
      adw_preferences_group_remove (pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES
                                      ? self->services_group : self->cases_group, row);
      self->field_rows[f] = NULL;
    }
  for (guint i = 0; i < self->other_rows->len; i++)
    adw_preferences_group_remove (self->other_group, g_ptr_array_index (self->other_rows, i));
  g_ptr_array_set_size (self->other_rows, 0);
}

static AdwComboRow *
field_row (PathwaysField       field,
           const char * const *header,
           int                 selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  gtk_string_list_append (model, _("Not imported"));
  gtk_string_list_splice (model, 1, 0, header);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pathways_field_get_label (field));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
  gtk_widget_set_name (row, pathways_field_get_name (field));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected >= 0 ? (guint) selected + 1 : 0);
  return ADW_COMBO_ROW (row);
}

static int
services_index (const char * const *header,
                const char         *column)
{
  for (guint i = 0; header[i] != NULL; i++)
    {
      if (g_strcmp0 (header[i], column) == 0)
        return (int) i;
    }
  return -1;
}

/* One row per field, proposing MAPPING's column; the case columns used go in USED. */
static void
add_field_rows (PathwaysImportColumnsPage *self,
                PathwaysImportPreview     *preview,
                PathwaysMapping           *mapping,
                gboolean                  *used)
{
  const char * const *header = pathways_import_preview_get_header (preview);
  const char * const *services_header = pathways_import_preview_get_services_header (preview);

  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      gboolean services = pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES;
      const char *column = pathways_mapping_get_column (mapping, f);
      int index = -1;

      if (services && services_header == NULL)
        continue;
      if (column != NULL)
        index = services ? services_index (services_header, column)
                         : pathways_import_preview_find_column (preview, column);
      if (index >= 0 && !services)
        used[index] = TRUE;

      self->field_rows[f] = field_row (f, services ? services_header : header, index);
      adw_preferences_group_add (services ? self->services_group : self->cases_group,
                                 GTK_WIDGET (self->field_rows[f]));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->services_group), services_header != NULL);
}

/* The columns left out, saying which could identify someone. */
static void
add_other_rows (PathwaysImportColumnsPage *self,
                PathwaysImportPreview     *preview,
                const gboolean            *used)
{
  const char * const *header = pathways_import_preview_get_header (preview);

  for (guint i = 0; header[i] != NULL && self->other_rows->len < N_OTHER_ROWS; i++)
    {
      GtkWidget *row;

      if (used[i])
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   pathways_import_preview_looks_identifying (preview, i)
                                     ? _("Not imported: may identify someone or is free text")
                                     : _("Not imported"));
      adw_preferences_group_add (self->other_group, row);
      g_ptr_array_add (self->other_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->other_group), self->other_rows->len > 0);
}

void
pathways_import_columns_page_set_preview (PathwaysImportColumnsPage *self,
                                          PathwaysImportPreview     *preview,
                                          const char                *cases_path)
{
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autofree gboolean *used = NULL;
  g_autofree char *stem = NULL;

  g_return_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self));
  g_return_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (preview));
  g_return_if_fail (cases_path != NULL);

  mapping = pathways_import_preview_get_mapping (preview);
  used = g_new0 (gboolean, pathways_import_preview_get_n_columns (preview) + 1);

  clear_rows (self);
  add_field_rows (self, preview, mapping, used);
  add_other_rows (self, preview, used);

  if (pathways_mapping_get_name (mapping) != NULL)
    {
      stem = g_strdup (pathways_mapping_get_name (mapping));
    }
  else
    {
      char *dot;

      stem = g_path_get_basename (cases_path);
      dot = strrchr (stem, '.');
      if (dot != NULL)
        *dot = '\0';
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), stem);
}

AdwComboRow *
pathways_import_columns_page_get_field_row (PathwaysImportColumnsPage *self,
                                            PathwaysField              field)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  return self->field_rows[field];
}

AdwActionRow *
pathways_import_columns_page_get_other_row (PathwaysImportColumnsPage *self,
                                            const char                *column)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  for (guint i = 0; i < self->other_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->other_rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), column) == 0)
        return row;
    }
  return NULL;
}

void
pathways_import_columns_page_apply (PathwaysImportColumnsPage *self,
                                    PathwaysMapping           *mapping)
{
  const char *name;

  g_return_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self));
  g_return_if_fail (PATHWAYS_IS_MAPPING (mapping));

  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      GtkStringObject *item;
      guint selected;

      if (self->field_rows[f] == NULL)
        continue;
      selected = adw_combo_row_get_selected (self->field_rows[f]);
      item = adw_combo_row_get_selected_item (self->field_rows[f]);
      pathways_mapping_set_column (mapping, f,
                                   selected > 0 && item != NULL
                                     ? gtk_string_object_get_string (item) : NULL);
    }

  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  pathways_mapping_set_name (mapping, name[0] != '\0' ? name : NULL);
}

void
pathways_import_columns_page_set_name (PathwaysImportColumnsPage *self,
                                       const char                *name)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

PathwaysField
pathways_import_columns_page_check_required (PathwaysImportColumnsPage *self)
{
  static const PathwaysField required[] = { PATHWAYS_FIELD_CASE_ID, PATHWAYS_FIELD_REFERRAL_DATE };

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self), PATHWAYS_N_FIELDS);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      AdwComboRow *row = self->field_rows[required[i]];

      if (row == NULL || adw_combo_row_get_selected (row) == 0)
        {
          if (row != NULL)
            gtk_widget_grab_focus (GTK_WIDGET (row));
          return required[i];
        }
    }
  return PATHWAYS_N_FIELDS;
}

static void
pathways_import_columns_page_dispose (GObject *object)
{
  /* the bin's child first: the template may hold it, and the bin would unparent it again */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_IMPORT_COLUMNS_PAGE);

  G_OBJECT_CLASS (pathways_import_columns_page_parent_class)->dispose (object);
}

static void
pathways_import_columns_page_finalize (GObject *object)
{
  PathwaysImportColumnsPage *self = PATHWAYS_IMPORT_COLUMNS_PAGE (object);

  g_clear_pointer (&self->other_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pathways_import_columns_page_parent_class)->finalize (object);
}

static void
pathways_import_columns_page_class_init (PathwaysImportColumnsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_import_columns_page_dispose;
  object_class->finalize = pathways_import_columns_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-import-columns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportColumnsPage, cases_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportColumnsPage, services_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportColumnsPage, other_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportColumnsPage, name_row);
}

static void
pathways_import_columns_page_init (PathwaysImportColumnsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->other_rows = g_ptr_array_new ();
}
