/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-values-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-import-values-page.h"

#define N_SHOWN_VALUES 60   /* distinct values listed per field */

/* The fields whose values are grouped here, in the order of the groups. */
static const PathwaysField grouped_fields[] = {
  PATHWAYS_FIELD_REFERRAL_SOURCE,
  PATHWAYS_FIELD_PRIMARY_INCIDENT,
  PATHWAYS_FIELD_CLOSURE_REASON,
};
#define N_GROUPED G_N_ELEMENTS (grouped_fields)

static const PathwaysClosureClass classes[] = {
  PATHWAYS_CLOSURE_PLANNED, PATHWAYS_CLOSURE_UNPLANNED, PATHWAYS_CLOSURE_OTHER,
};

typedef struct
{
  PathwaysField  field;
  char          *source;
  AdwEntryRow   *entry;
  GtkDropDown   *klass;   /* closure reasons only */
} ValueRow;

struct _PathwaysImportValuesPage
{
  AdwBin               parent_instance;

  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *referral_source_group;
  AdwPreferencesGroup *primary_incident_group;
  AdwPreferencesGroup *closure_reason_group;

  GPtrArray           *rows;     /* ValueRow* */
};

G_DEFINE_FINAL_TYPE (PathwaysImportValuesPage, pathways_import_values_page, ADW_TYPE_BIN)

static void
value_row_free (gpointer data)
{
  ValueRow *row = data;

  g_free (row->source);
  g_free (row);
}

static AdwPreferencesGroup *
group_of (PathwaysImportValuesPage *self,
          PathwaysField             field)
{
  if (field == PATHWAYS_FIELD_REFERRAL_SOURCE)
    return self->referral_source_group;
  if (field == PATHWAYS_FIELD_PRIMARY_INCIDENT)
    return self->primary_incident_group;
  return self->closure_reason_group;
}

static void
clear_rows (PathwaysImportValuesPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ValueRow *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (group_of (self, row->field), GTK_WIDGET (row->entry));
    }
  g_ptr_array_set_size (self->rows, 0);
}

void
pathways_import_values_page_set_loading (PathwaysImportValuesPage *self)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_VALUES_PAGE (self));

  clear_rows (self);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

static GtkDropDown *
class_dropdown (PathwaysClosureClass klass)
{
  const char *labels[] = { _("Planned"), _("Unplanned"), _("Other"), NULL };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (labels);
  guint selected = G_N_ELEMENTS (classes) - 1;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (classes[i] == klass)
        selected = i;
    }
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dropdown, _("How the case ended"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  return GTK_DROP_DOWN (dropdown);
}

static void
add_value_row (PathwaysImportValuesPage *self,
               PathwaysField             field,
               const PathwaysValueCount *vc,
               PathwaysMapping          *mapping)
{
  g_autofree char *count = pathways_format_count (vc->count);
  g_autofree char *title = NULL;
  GtkWidget *entry = adw_entry_row_new ();
  ValueRow *row = g_new0 (ValueRow, 1);

  /* Translators: a value in the export and how many rows have it, "ONLINE (501 rows)" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s row)", "%s (%s rows)", vc->count),
                           vc->value, count);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_editable_set_text (GTK_EDITABLE (entry),
                         vc->canonical != NULL ? vc->canonical : PATHWAYS_NOT_RECORDED);

  row->field = field;
  row->source = g_strdup (vc->value);
  row->entry = ADW_ENTRY_ROW (entry);
  if (field == PATHWAYS_FIELD_CLOSURE_REASON && vc->canonical != NULL)
    {
      row->klass = class_dropdown (pathways_mapping_get_closure_class (mapping, vc->canonical));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), GTK_WIDGET (row->klass));
    }
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_add (group_of (self, field), entry);
}

void
pathways_import_values_page_set_preview (PathwaysImportValuesPage *self,
                                         PathwaysImportPreview    *preview,
                                         PathwaysMapping          *mapping)
{
  guint n_groups = 0;

  g_return_if_fail (PATHWAYS_IS_IMPORT_VALUES_PAGE (self));
  g_return_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (preview));
  g_return_if_fail (PATHWAYS_IS_MAPPING (mapping));

  clear_rows (self);
  gtk_spinner_set_spinning (self->spinner, FALSE);

  for (guint i = 0; i < N_GROUPED; i++)
    {
      PathwaysField field = grouped_fields[i];
      const char *column = pathways_mapping_get_column (mapping, field);
      int index = column != NULL ? pathways_import_preview_find_column (preview, column) : -1;
      GPtrArray *counts = index >= 0 ? pathways_import_preview_get_value_counts (preview, (guint) index, NULL)
                                     : NULL;
      AdwPreferencesGroup *group = group_of (self, field);

      adw_preferences_group_set_title (group, pathways_field_get_label (field));
      gtk_widget_set_visible (GTK_WIDGET (group), counts != NULL && counts->len > 0);
      if (counts == NULL || counts->len == 0)
        continue;
      for (guint j = 0; j < counts->len && j < N_SHOWN_VALUES; j++)
        add_value_row (self, field, g_ptr_array_index (counts, j), mapping);
      n_groups++;
    }

  gtk_stack_set_visible_child_name (self->stack, n_groups > 0 ? "values" : "empty");
}

const char *
pathways_import_values_page_get_state (PathwaysImportValuesPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_VALUES_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

AdwEntryRow *
pathways_import_values_page_get_value_row (PathwaysImportValuesPage *self,
                                           PathwaysField             field,
                                           const char               *source)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_VALUES_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      ValueRow *row = g_ptr_array_index (self->rows, i);

      if (row->field == field && g_strcmp0 (row->source, source) == 0)
        return row->entry;
    }
  return NULL;
}

void
pathways_import_values_page_apply (PathwaysImportValuesPage *self,
                                   PathwaysMapping          *mapping)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_VALUES_PAGE (self));
  g_return_if_fail (PATHWAYS_IS_MAPPING (mapping));

  for (guint i = 0; i < self->rows->len; i++)
    {
      ValueRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->entry))));
      const char *before = pathways_mapping_map_value (mapping, row->field, row->source);
      guint k;

      if (text[0] == '\0')
        continue;
      if (before == NULL && g_strcmp0 (text, PATHWAYS_NOT_RECORDED) == 0)
        continue;
      if (g_strcmp0 (before, text) != 0)
        pathways_mapping_set_value (mapping, row->field, row->source, text);

      if (row->klass == NULL)
        continue;
      k = gtk_drop_down_get_selected (row->klass);
      if (k < G_N_ELEMENTS (classes) && pathways_mapping_get_closure_class (mapping, text) != classes[k])
        pathways_mapping_set_closure_class (mapping, text, classes[k]);
    }
}

static void
pathways_import_values_page_dispose (GObject *object)
{
  /* the bin's child first: the template may hold it, and the bin would unparent it again */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_IMPORT_VALUES_PAGE);

  G_OBJECT_CLASS (pathways_import_values_page_parent_class)->dispose (object);
}

static void
pathways_import_values_page_finalize (GObject *object)
{
  PathwaysImportValuesPage *self = PATHWAYS_IMPORT_VALUES_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pathways_import_values_page_parent_class)->finalize (object);
}

static void
pathways_import_values_page_class_init (PathwaysImportValuesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_import_values_page_dispose;
  object_class->finalize = pathways_import_values_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-import-values-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportValuesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportValuesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportValuesPage, referral_source_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportValuesPage, primary_incident_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportValuesPage, closure_reason_group);
}

static void
pathways_import_values_page_init (PathwaysImportValuesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (value_row_free);
}
