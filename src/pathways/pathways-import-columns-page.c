/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-columns-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pathways-import-columns-page.h"

#define N_OTHER_ROWS 200

/* The question under a date field's row when its column's dates read either way
 * (05/01/2022): day first or month first, each with the sample date read that way. */
typedef struct
{
  AdwExpanderRow       *row;
  GtkCheckButton       *day_first;
  GtkCheckButton       *month_first;
  AdwActionRow         *day_first_row;
  AdwActionRow         *month_first_row;
  char                 *example;     /* the sample value as written */
} DateQuestion;

struct _PathwaysImportColumnsPage
{
  AdwBin                parent_instance;

  PathwaysImportPreview *preview;
  PathwaysDateOrder     default_order;  /* answer proposed before any is given */

  AdwPreferencesGroup  *cases_group;
  AdwPreferencesGroup  *services_group;
  AdwPreferencesGroup  *other_group;
  AdwEntryRow          *name_row;

  AdwComboRow          *field_rows[PATHWAYS_N_FIELDS];
  DateQuestion          questions[PATHWAYS_N_FIELDS];   /* case date fields only */
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
      g_signal_handlers_disconnect_by_data (row, self);
      adw_preferences_group_remove (pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES
                                      ? self->services_group : self->cases_group, row);
      self->field_rows[f] = NULL;
      if (self->questions[f].row != NULL)
        adw_preferences_group_remove (self->cases_group, GTK_WIDGET (self->questions[f].row));
      g_clear_pointer (&self->questions[f].example, g_free);
      memset (&self->questions[f], 0, sizeof self->questions[f]);
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

static AdwActionRow *
answer_row (GtkCheckButton **check,
            GtkCheckButton  *group)
{
  GtkWidget *row = adw_action_row_new ();

  *check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  if (group != NULL)
    gtk_check_button_set_group (*check, group);
  gtk_widget_set_valign (GTK_WIDGET (*check), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (*check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (*check));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return ADW_ACTION_ROW (row);
}

/* The question's subtitle: what is asked, or how the example is read once answered. */
static void
update_question_subtitle (DateQuestion *q)
{
  g_autofree char *subtitle = NULL;

  if (q->row == NULL || q->example == NULL)
    return;
  if (gtk_check_button_get_active (q->day_first) || gtk_check_button_get_active (q->month_first))
    /* Translators: "05/01/2022 is read as 1 May 2022 (month first)" */
    subtitle = g_strdup_printf (_("%s is read as %s"), q->example,
                                adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                                  gtk_check_button_get_active (q->day_first) ? q->day_first_row
                                                                              : q->month_first_row)));
  else
    /* Translators: %s is a date as the export writes it, "05/01/2022" */
    subtitle = g_strdup_printf (_("Every date in the first rows, such as %s, can be read either "
                                  "way: choose how to read them"), q->example);
  adw_expander_row_set_subtitle (q->row, subtitle);
}

static void
question_answered (GtkCheckButton *check,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  update_question_subtitle (user_data);
}

static void
add_question (PathwaysImportColumnsPage *self,
              PathwaysField              field)
{
  DateQuestion *q = &self->questions[field];
  g_autofree char *name = g_strdup_printf ("%s-date-order", pathways_field_get_name (field));

  q->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (q->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (q->row), _("Day or month first?"));
  adw_expander_row_set_expanded (q->row, TRUE);
  gtk_widget_set_name (GTK_WIDGET (q->row), name);
  gtk_widget_add_css_class (GTK_WIDGET (q->row), "date-question");
  q->day_first_row = answer_row (&q->day_first, NULL);
  q->month_first_row = answer_row (&q->month_first, q->day_first);
  adw_expander_row_add_row (q->row, GTK_WIDGET (q->day_first_row));
  adw_expander_row_add_row (q->row, GTK_WIDGET (q->month_first_row));
  g_signal_connect (q->day_first, "notify::active", G_CALLBACK (question_answered), q);
  g_signal_connect (q->month_first, "notify::active", G_CALLBACK (question_answered), q);
  gtk_widget_set_visible (GTK_WIDGET (q->row), FALSE);
  adw_preferences_group_add (self->cases_group, GTK_WIDGET (q->row));
}

/* Shows FIELD's question when the column chosen for it reads either way, with ORDER
 * (DMY or MDY) as its answer, else none. */
static void
ask_date_order (PathwaysImportColumnsPage *self,
                PathwaysField              field,
                PathwaysDateOrder          order)
{
  DateQuestion *q = &self->questions[field];
  GtkStringObject *item;
  const char *text = NULL;
  gint32 day_first = 0, month_first = 0;
  int index = -1;

  if (q->row == NULL)
    return;
  item = adw_combo_row_get_selected (self->field_rows[field]) > 0
           ? adw_combo_row_get_selected_item (self->field_rows[field]) : NULL;
  if (item != NULL)
    index = pathways_import_preview_find_column (self->preview, gtk_string_object_get_string (item));
  if (index < 0 ||
      !pathways_import_preview_get_date_example (self->preview, (guint) index, &text,
                                                 &day_first, &month_first))
    {
      gtk_widget_set_visible (GTK_WIDGET (q->row), FALSE);
      return;
    }

  {
    g_autofree char *day_text = pathways_format_day_long (day_first);
    g_autofree char *month_text = pathways_format_day_long (month_first);
    g_autofree char *day_title = NULL;
    g_autofree char *month_title = NULL;
    g_autofree char *title = NULL;

    /* Translators: "5 January 2022 (day first)" */
    day_title = g_strdup_printf (_("%s (day first)"), day_text);
    /* Translators: "1 May 2022 (month first)" */
    month_title = g_strdup_printf (_("%s (month first)"), month_text);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (q->day_first_row), day_title);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (q->month_first_row), month_title);
    /* the check buttons have no label of their own: their rows' titles name them */
    gtk_accessible_update_property (GTK_ACCESSIBLE (q->day_first), GTK_ACCESSIBLE_PROPERTY_LABEL, day_title, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (q->month_first), GTK_ACCESSIBLE_PROPERTY_LABEL, month_title, -1);
    /* Translators: %s is a column of the export, "Created Date" */
    title = g_strdup_printf (_("Day or month first in “%s”?"), gtk_string_object_get_string (item));
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (q->row), title);
  }
  g_free (q->example);
  q->example = g_strstrip (g_strdup (text));
  gtk_check_button_set_active (q->day_first, order == PATHWAYS_DATE_ORDER_DMY);
  gtk_check_button_set_active (q->month_first, order == PATHWAYS_DATE_ORDER_MDY);
  if (order != PATHWAYS_DATE_ORDER_DMY && order != PATHWAYS_DATE_ORDER_MDY)
    {
      gtk_check_button_set_active (q->day_first, FALSE);
      gtk_check_button_set_active (q->month_first, FALSE);
    }
  update_question_subtitle (q);
  gtk_widget_set_visible (GTK_WIDGET (q->row), TRUE);
}

static PathwaysDateOrder
question_answer (DateQuestion *q)
{
  if (q->row == NULL || !gtk_widget_get_visible (GTK_WIDGET (q->row)))
    return PATHWAYS_DATE_ORDER_AUTO;
  if (gtk_check_button_get_active (q->day_first))
    return PATHWAYS_DATE_ORDER_DMY;
  if (gtk_check_button_get_active (q->month_first))
    return PATHWAYS_DATE_ORDER_MDY;
  return PATHWAYS_DATE_ORDER_AUTO;
}

/* Another column chosen for a date field: its own question, if it needs one. */
static void
date_column_changed (AdwComboRow *row,
                     GParamSpec  *pspec,
                     gpointer     user_data)
{
  PathwaysImportColumnsPage *self = user_data;

  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (self->field_rows[f] == row)
        {
          PathwaysDateOrder answer = question_answer (&self->questions[f]);

          ask_date_order (self, f, answer != PATHWAYS_DATE_ORDER_AUTO ? answer : self->default_order);
        }
    }
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
      /* the services file gives its header only: its dates are worked out on import */
      if (!services && pathways_field_get_kind (f) == PATHWAYS_KIND_DATE)
        {
          PathwaysDateOrder order = pathways_mapping_get_date_order (mapping, f);

          add_question (self, f);
          ask_date_order (self, f, order != PATHWAYS_DATE_ORDER_AUTO ? order : self->default_order);
          g_signal_connect (self->field_rows[f], "notify::selected",
                            G_CALLBACK (date_column_changed), self);
        }
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
  g_set_object (&self->preview, preview);
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
      /* a question answered; a column with no question keeps the mapping's order */
      if (question_answer (&self->questions[f]) != PATHWAYS_DATE_ORDER_AUTO)
        pathways_mapping_set_date_order (mapping, f, question_answer (&self->questions[f]));
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

PathwaysField
pathways_import_columns_page_check_dates (PathwaysImportColumnsPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self), PATHWAYS_N_FIELDS);

  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      DateQuestion *q = &self->questions[f];

      if (q->row != NULL && gtk_widget_get_visible (GTK_WIDGET (q->row)) &&
          question_answer (q) == PATHWAYS_DATE_ORDER_AUTO)
        {
          adw_expander_row_set_expanded (q->row, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (q->day_first_row));
          return f;
        }
    }
  return PATHWAYS_N_FIELDS;
}

char *
pathways_import_columns_page_settle_dates (PathwaysImportColumnsPage *self,
                                           PathwaysImportPreview     *full)
{
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (full), NULL);

  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      DateQuestion *q = &self->questions[f];
      PathwaysDateOrder answer = question_answer (q);
      GtkStringObject *item;
      PathwaysDateOrder order;
      gboolean open = TRUE;
      int index;

      if (answer == PATHWAYS_DATE_ORDER_AUTO)
        continue;
      item = adw_combo_row_get_selected_item (self->field_rows[f]);
      index = item != NULL ? pathways_import_preview_find_column (full, gtk_string_object_get_string (item)) : -1;
      if (index < 0)
        continue;
      order = pathways_import_preview_get_date_order (full, (guint) index, &open);
      if (open || order == answer || (order != PATHWAYS_DATE_ORDER_DMY && order != PATHWAYS_DATE_ORDER_MDY))
        continue;

      gtk_check_button_set_active (order == PATHWAYS_DATE_ORDER_DMY ? q->day_first : q->month_first, TRUE);
      if (message == NULL)
        message = g_string_new (NULL);
      else
        g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              order == PATHWAYS_DATE_ORDER_DMY
                                /* Translators: %s is a column of the export, "Created Date" */
                                ? _("Later dates in “%s” can only be day first: they are read so.")
                                : _("Later dates in “%s” can only be month first: they are read so."),
                              gtk_string_object_get_string (item));
    }
  return message != NULL ? g_string_free (g_steal_pointer (&message), FALSE) : NULL;
}

AdwExpanderRow *
pathways_import_columns_page_get_date_question (PathwaysImportColumnsPage *self,
                                                PathwaysField              field,
                                                GtkCheckButton           **day_first,
                                                GtkCheckButton           **month_first)
{
  DateQuestion *q;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  q = &self->questions[field];
  if (q->row == NULL || !gtk_widget_get_visible (GTK_WIDGET (q->row)))
    return NULL;
  if (day_first != NULL)
    *day_first = q->day_first;
  if (month_first != NULL)
    *month_first = q->month_first;
  return q->row;
}

void
pathways_import_columns_page_set_date_order (PathwaysImportColumnsPage *self,
                                             PathwaysDateOrder          order)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_COLUMNS_PAGE (self));

  self->default_order = order;
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

  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_free (self->questions[f].example);
  g_clear_object (&self->preview);
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
