/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-findings-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pathways-findings-window.h"

struct _PathwaysFindingsWindow
{
  AdwWindow             parent_instance;

  PathwaysDataset      *dataset;
  char                 *kind;
  GStrv                 inputs;     /* what a save must not overwrite */
  GPtrArray            *rows;       /* PathwaysFinding* of KIND, borrowed from DATASET */
  GtkListBox           *list;
  AdwToastOverlay      *toasts;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (PathwaysFindingsWindow, pathways_findings_window, ADW_TYPE_WINDOW)

static void
pathways_findings_window_dispose (GObject *object)
{
  PathwaysFindingsWindow *self = PATHWAYS_FINDINGS_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (pathways_findings_window_parent_class)->dispose (object);
}

static void
pathways_findings_window_finalize (GObject *object)
{
  PathwaysFindingsWindow *self = PATHWAYS_FINDINGS_WINDOW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dataset, pathways_dataset_unref);
  g_clear_pointer (&self->inputs, g_strfreev);
  g_free (self->kind);

  G_OBJECT_CLASS (pathways_findings_window_parent_class)->finalize (object);
}

static void
pathways_findings_window_class_init (PathwaysFindingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_findings_window_dispose;
  object_class->finalize = pathways_findings_window_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pathways_findings_window_init (PathwaysFindingsWindow *self)
{
  self->rows = g_ptr_array_new ();
}

/* TRUE when a spreadsheet would run TEXT as a formula (the CSV outputs' own rule). */
static gboolean
runs_as_formula (const char *text)
{
  return text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
         text[0] == '\t' || text[0] == '\r';
}

static void
append_cell (GString    *out,
             const char *text,
             char        separator)
{
  gboolean quote;

  if (text == NULL || text[0] == '\0')
    return;
  quote = strchr (text, separator) != NULL || strchr (text, '"') != NULL ||
          strchr (text, '\n') != NULL || strchr (text, '\r') != NULL;
  if (quote)
    g_string_append_c (out, '"');
  /* a value from the data must not run as a formula when the file is opened */
  if (runs_as_formula (text))
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static char *
rows_as_text (PathwaysFindingsWindow *self,
              char                    separator)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "file%crow%ccase_id%ccolumn%cvalue%cproblem\r\n",
                          separator, separator, separator, separator, separator);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const PathwaysFinding *f = g_ptr_array_index (self->rows, i);

      append_cell (out, f->file, separator);
      g_string_append_c (out, separator);
      if (f->row > 0)
        g_string_append_printf (out, "%" G_GUINT64_FORMAT, f->row);
      g_string_append_c (out, separator);
      append_cell (out, f->case_id, separator);
      g_string_append_c (out, separator);
      append_cell (out, f->column, separator);
      g_string_append_c (out, separator);
      append_cell (out, f->value, separator);
      g_string_append_c (out, separator);
      append_cell (out, f->message, separator);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

char *
pathways_findings_window_to_csv (PathwaysFindingsWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FINDINGS_WINDOW (self), NULL);

  return rows_as_text (self, ',');
}

gboolean
pathways_findings_window_save (PathwaysFindingsWindow *self,
                               const char             *path,
                               GError                **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (PATHWAYS_IS_FINDINGS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pathways_safe_file_check_not_input (path, (const char * const *) self->inputs, error))
    return FALSE;
  csv = pathways_findings_window_to_csv (self);
  return pathways_safe_file_set_contents (path, csv, strlen (csv), error);
}

guint
pathways_findings_window_get_n_rows (PathwaysFindingsWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FINDINGS_WINDOW (self), 0);

  return self->rows->len;
}

GtkListBox *
pathways_findings_window_get_list (PathwaysFindingsWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FINDINGS_WINDOW (self), NULL);

  return self->list;
}

static void
copy_clicked (PathwaysFindingsWindow *self)
{
  /* tab-separated: it pastes into a spreadsheet's cells */
  g_autofree char *text = rows_as_text (self, '\t');

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Rows copied")));
}

static void
file_chosen (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  PathwaysFindingsWindow *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);

  if (file != NULL && path == NULL)
    adw_toast_overlay_add_toast (self->toasts,
                                 adw_toast_new (_("Rows can only be saved to local folders")));
  else if (path != NULL && !pathways_findings_window_save (self, path, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  else if (path != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), basename);

      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
save_clicked (PathwaysFindingsWindow *self)
{
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  /* Translators: the suggested file name of the rows to fix, %s is a finding kind id */
  name = g_strdup_printf (_("rows-to-fix-%s.csv"), self->kind);
  g_strdelimit (name, "_", '-');
  self->chooser = gtk_file_chooser_native_new (_("Save Rows to Fix"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* One row: "cases.csv, row 1,204, case C001202, “Referral date”", the problem in
 * words, the value at its end. */
static GtkWidget *
row_new (const PathwaysFinding *f)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  if (f->row > 0)
    {
      g_autofree char *number = pathways_format_count (f->row);
      g_autofree char *where = NULL;

      /* Translators: a row of a source file and its case: "cases.csv, row 1,204, case C001202" */
      where = f->case_id != NULL
        ? g_strdup_printf (_("%s, row %s, case %s"), f->file != NULL ? f->file : "", number, f->case_id)
        : g_strdup_printf (_("%s, row %s"), f->file != NULL ? f->file : "", number);
      /* Translators: a row and its column: "cases.csv, row 1,204, case C001202, “Referral date”" */
      title = f->column != NULL ? g_strdup_printf (_("%s, “%s”"), where, f->column)
                                : g_steal_pointer (&where);
    }
  else
    {
      /* Translators: a finding about a whole column: "cases.csv, column “Referral date”" */
      title = g_strdup_printf (_("%s, column “%s”"), f->file != NULL ? f->file : "",
                               f->column != NULL ? f->column : "");
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (f->message != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), f->message);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (f->value != NULL)
    {
      GtkWidget *label = gtk_label_new (f->value);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static GtkWidget *
header_new (PathwaysFindingsWindow *self,
            const char             *subtitle)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Rows to Fix…"));

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   GTK_WIDGET (adw_window_title_new (pathways_finding_kind_get_label (self->kind),
                                                                     subtitle)));
  gtk_widget_set_tooltip_text (copy, _("Copy the rows, to paste them into a spreadsheet"));
  gtk_widget_set_tooltip_text (save, _("Save the rows as a CSV file, to correct the source"));
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_sensitive (copy, self->rows->len > 0);
  gtk_widget_set_sensitive (save, self->rows->len > 0);
  g_signal_connect_swapped (copy, "clicked", G_CALLBACK (copy_clicked), self);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), copy);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  return header;
}

/* What the rows are, how many of them are listed, and what to do with them. */
static char *
description (PathwaysFindingsWindow *self,
             guint64                 total)
{
  g_autofree char *listed = pathways_format_count (self->rows->len);
  g_autofree char *all = pathways_format_count (total);

  if (self->rows->len == 0)
    return g_strdup (_("This finding lists no rows."));
  if (total > self->rows->len)
    /* Translators: "The first 200 of 1,234 rows are listed." */
    return g_strdup_printf (_("The first %s of %s rows are listed. Correct them in the source "
                              "file and import it again."), listed, all);
  return g_strdup (_("Correct these rows in the source file and import it again. The rows "
                     "stay here and in the file you save: no report contains them."));
}

static void
build (PathwaysFindingsWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *text = description (self, pathways_dataset_count_findings (self->dataset,
                                                                               self->kind));
  g_autofree char *count = pathways_format_count (self->rows->len);
  /* Translators: under the finding's name, "12 rows" */
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                                            self->rows->len), count);
  GtkWidget *label = gtk_label_new (text);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rows to fix"), -1);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_append (self->list, row_new (g_ptr_array_index (self->rows, i)));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_toast_overlay_set_child (self->toasts, scrolled);
  gtk_box_append (GTK_BOX (toolbar), header_new (self, subtitle));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

PathwaysFindingsWindow *
pathways_findings_window_new (GtkWindow          *parent,
                              PathwaysDataset    *dataset,
                              const char         *kind,
                              const char * const *inputs)
{
  PathwaysFindingsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (PATHWAYS_TYPE_FINDINGS_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "default-width", 760,
                       "default-height", 560,
                       "title", pathways_finding_kind_get_label (kind),
                       NULL);
  self->dataset = pathways_dataset_ref (dataset);
  self->kind = g_strdup (kind);
  self->inputs = g_strdupv ((char **) inputs);
  for (guint i = 0; dataset->findings != NULL && i < dataset->findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (dataset->findings, i);

      if (g_strcmp0 (f->kind, kind) == 0)
        g_ptr_array_add (self->rows, f);
    }
  build (self);
  return self;
}
