/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-return"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-return-dialog.h"
#include "pathways-return.h"

struct _PathwaysReturnDialog
{
  AdwWindow             parent_instance;

  AdwComboRow          *template_row;
  AdwComboRow          *period_row;
  AdwComboRow          *format_row;
  GtkLabel             *message_label;
  GtkGrid              *preview_grid;
  GtkButton            *export_button;

  PathwaysSession      *session;
  AdwToastOverlay      *toasts;
  GPtrArray            *templates;   /* PathwaysReturnTemplate* */
  GArray               *periods;     /* PathwaysPeriod, as listed */
  PathwaysReport       *exact;       /* the filled template */
  PathwaysReport       *preview;     /* ... protected */
  char                 *message;
  PathwaysExportOptions *options;    /* the return's title over the window's options */
  GtkFileChooserNative *chooser;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (PathwaysReturnDialog, pathways_return_dialog, ADW_TYPE_WINDOW)

static const char * const formats[] = { "pdf", "xlsx", "csv" };

/* Figures are right-aligned under their headings, as in the window's tables; text
 * (the measure, its unit, its target) reads from the left. */
static GtkWidget *
grid_label (const char *text,
            const char *css,
            gboolean    figure)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), figure ? 1 : 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* Each section's title, then its rows: every column of the protected table. */
static void
show_preview (PathwaysReturnDialog *self)
{
  GtkWidget *child;
  int r = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  gtk_label_set_text (self->message_label, self->message != NULL ? self->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->message != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->preview != NULL);
  if (self->preview == NULL)
    return;
  for (guint k = 0; k < self->preview->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (self->preview->tables, k);

      if (!g_str_equal (t->id, "return"))
        continue;
      {
        GtkWidget *heading = grid_label (t->key != NULL ? t->key : t->title, "heading", FALSE);
        if (r > 0)
          gtk_widget_set_margin_top (heading, 12);
        gtk_grid_attach (self->preview_grid, heading, 0, r++, (int) t->columns->len, 1);
      }
      for (guint c = 0; c < t->columns->len; c++)
        {
          PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
          gtk_grid_attach (self->preview_grid,
                           grid_label (col->label, "dim-label", col->kind != PATHWAYS_CELL_LABEL),
                           c, r, 1, 1);
        }
      r++;
      for (guint i = 0; i < t->rows->len; i++, r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, i);

          for (guint c = 0; c < t->columns->len; c++)
            {
              PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
              gboolean figure = col->kind != PATHWAYS_CELL_LABEL;
              g_autofree char *text = pathways_cell_format (&row->cells[c], self->preview->threshold);

              gtk_grid_attach (self->preview_grid, grid_label (text, figure ? "numeric" : NULL, figure),
                               c, r, 1, 1);
            }
        }
    }
}

static void
fill (PathwaysReturnDialog *self)
{
  guint ti = adw_combo_row_get_selected (self->template_row);
  guint pi = adw_combo_row_get_selected (self->period_row);
  g_autoptr(PathwaysFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  const PathwaysPeriod *period;

  if (self->filling)
    return;
  g_clear_pointer (&self->exact, pathways_report_unref);
  g_clear_pointer (&self->preview, pathways_report_unref);
  g_clear_pointer (&self->message, g_free);
  if (ti >= self->templates->len || pi >= self->periods->len)
    {
      self->message = g_strdup (_("No template or no period to fill it for"));
      show_preview (self);
      return;
    }
  period = &g_array_index (self->periods, PathwaysPeriod, pi);
  filter = pathways_filter_copy (pathways_session_get_filter (self->session));
  pathways_filter_set_range (filter, period->from, period->to);
  self->exact = pathways_return_fill (g_ptr_array_index (self->templates, ti),
                                      pathways_session_get_analysis (self->session), filter, &error);
  if (self->exact == NULL)
    self->message = g_strdup (error->message);
  else
    self->preview = pathways_disclosure_policy_protect (pathways_session_get_policy (self->session),
                                                        self->exact);
  g_free (self->options->title);
  self->options->title = g_strdup (pathways_return_template_get_title (g_ptr_array_index (self->templates, ti)));
  show_preview (self);
}

static void
on_selection_changed (AdwComboRow          *row,
                      GParamSpec           *pspec,
                      PathwaysReturnDialog *self)
{
  fill (self);
}

static void
list_templates (PathwaysReturnDialog *self)
{
  const char *workspace = pathways_session_get_workspace_path (self->session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *list = pathways_return_list_templates (workspace, &error);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  self->templates = list != NULL ? list : g_ptr_array_new ();
  g_ptr_array_set_free_func (self->templates, (GDestroyNotify) pathways_return_template_free);
  for (guint k = 0; k < self->templates->len; k++)
    gtk_string_list_append (names, pathways_return_template_get_title (g_ptr_array_index (self->templates, k)));
  self->filling = TRUE;
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (names));
  self->filling = FALSE;
  if (error != NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
}

/* Financial quarters (the latest 8), financial years (3), months (12), newest first,
 * up to the dataset's last referral. */
static void
list_periods (PathwaysReturnDialog *self)
{
  static const struct { PathwaysPeriodKind kind; guint n; } kinds[] = {
    { PATHWAYS_PERIOD_FQUARTER, 8 }, { PATHWAYS_PERIOD_FYEAR, 3 }, { PATHWAYS_PERIOD_MONTH, 12 },
  };
  PathwaysReport *report = pathways_session_get_report (self->session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->periods = g_array_new (FALSE, FALSE, sizeof (PathwaysPeriod));
  for (guint k = 0; report != NULL && k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) all = pathways_period_list (kinds[k].kind, report->first_referral, report->last_referral);

      for (guint i = 0; i < all->len && i < kinds[k].n; i++)
        {
          const PathwaysPeriod *p = &g_array_index (all, PathwaysPeriod, i);
          g_autofree char *label = pathways_period_get_label (p);

          g_array_append_val (self->periods, *p);
          gtk_string_list_append (names, label);
        }
    }
  self->filling = TRUE;
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (names));
  self->filling = FALSE;
}

static void
on_template_file (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  PathwaysReturnDialog *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PathwaysReturnTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  const char *workspace = pathways_session_get_workspace_path (self->session);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  template = pathways_return_template_new_from_file (path, &error);
  if (template != NULL && workspace != NULL)
    pathways_return_template_keep (template, workspace, &error);
  if (error != NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  if (workspace != NULL)
    list_templates (self);
  else
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      /* no workspace to keep it in: offered until the dialog closes */
      g_ptr_array_add (self->templates, g_steal_pointer (&template));
      for (guint k = 0; k < self->templates->len; k++)
        gtk_string_list_append (names, pathways_return_template_get_title (g_ptr_array_index (self->templates, k)));
      self->filling = TRUE;
      adw_combo_row_set_model (self->template_row, G_LIST_MODEL (names));
      self->filling = FALSE;
    }
  adw_combo_row_set_selected (self->template_row, self->templates->len - 1);
  fill (self);
}

static void
on_add_template (GtkButton            *button,
                 PathwaysReturnDialog *self)
{
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  gtk_file_filter_set_name (json, _("Return templates (JSON)"));
  gtk_file_filter_add_suffix (json, "json");
  self->chooser = gtk_file_chooser_native_new (_("Add a Return Template"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_template_file), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (pathways_output_write_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pathways_return_dialog_save_async (PathwaysReturnDialog *self,
                                   const char           *format,
                                   const char           *path,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  GTask *task;
  PathwaysOutputRequest request;
  PathwaysOutputFormat output_format = PATHWAYS_OUTPUT_PDF;

  g_return_if_fail (PATHWAYS_IS_RETURN_DIALOG (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  if (self->exact == NULL || !pathways_output_format_from_string (format, &output_format) ||
      (output_format != PATHWAYS_OUTPUT_PDF && output_format != PATHWAYS_OUTPUT_XLSX &&
       output_format != PATHWAYS_OUTPUT_CSV))
    {
      g_task_return_new_error (task, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_FORMAT,
                               _("A funder return is written as PDF, XLSX or CSV once it is filled"));
      g_object_unref (task);
      return;
    }
  pathways_output_request_init (&request);
  request.options = self->options;
  request.inputs = pathways_session_get_inputs (self->session);
  /* the exact report: the output path protects it with the same policy as the preview */
  pathways_output_write_async (self->exact, pathways_session_get_policy (self->session), output_format,
                               path, &request, NULL, on_written, task);
}

gboolean
pathways_return_dialog_save_finish (PathwaysReturnDialog *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PathwaysReturnDialog *self = PATHWAYS_RETURN_DIALOG (source);
  g_autoptr(GError) error = NULL;

  if (pathways_return_dialog_save_finish (self, result, &error))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Funder return saved")));
  else
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->exact != NULL);
}

static void
on_export_file (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  PathwaysReturnDialog *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  pathways_return_dialog_save_async (self, formats[MIN (adw_combo_row_get_selected (self->format_row), 2)],
                                     path, on_saved, NULL);
}

static void
on_export (GtkButton            *button,
           PathwaysReturnDialog *self)
{
  guint f = MIN (adw_combo_row_get_selected (self->format_row), 2);
  g_autofree char *name = NULL;

  self->chooser = gtk_file_chooser_native_new (_("Save Funder Return"), GTK_WINDOW (self),
                                               f == 2 ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                      : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), NULL);
  if (f != 2)
    {
      name = g_strdup_printf ("%s.%s", pathways_return_template_get_id (
                                g_ptr_array_index (self->templates, adw_combo_row_get_selected (self->template_row))),
                              formats[f]);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_file), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

gboolean
pathways_return_dialog_select (PathwaysReturnDialog *self,
                               const char           *id,
                               const char           *period)
{
  guint ti = G_MAXUINT, pi = G_MAXUINT;

  g_return_val_if_fail (PATHWAYS_IS_RETURN_DIALOG (self), FALSE);

  for (guint k = 0; id != NULL && k < self->templates->len; k++)
    if (g_strcmp0 (pathways_return_template_get_id (g_ptr_array_index (self->templates, k)), id) == 0)
      ti = k;
  for (guint k = 0; period != NULL && k < self->periods->len; k++)
    {
      g_autofree char *text = pathways_period_to_string (&g_array_index (self->periods, PathwaysPeriod, k));
      if (g_strcmp0 (text, period) == 0)
        pi = k;
    }
  if (ti == G_MAXUINT || pi == G_MAXUINT)
    return FALSE;
  self->filling = TRUE;
  adw_combo_row_set_selected (self->template_row, ti);
  adw_combo_row_set_selected (self->period_row, pi);
  self->filling = FALSE;
  fill (self);
  return TRUE;
}

PathwaysReport *
pathways_return_dialog_get_preview (PathwaysReturnDialog *self)
{
  g_return_val_if_fail (PATHWAYS_IS_RETURN_DIALOG (self), NULL);
  return self->preview;
}

const char *
pathways_return_dialog_get_message (PathwaysReturnDialog *self)
{
  g_return_val_if_fail (PATHWAYS_IS_RETURN_DIALOG (self), NULL);
  return self->message;
}

static void
pathways_return_dialog_dispose (GObject *object)
{
  PathwaysReturnDialog *self = PATHWAYS_RETURN_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  g_clear_object (&self->toasts);
  G_OBJECT_CLASS (pathways_return_dialog_parent_class)->dispose (object);
}

static void
pathways_return_dialog_finalize (GObject *object)
{
  PathwaysReturnDialog *self = PATHWAYS_RETURN_DIALOG (object);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->periods, g_array_unref);
  g_clear_pointer (&self->exact, pathways_report_unref);
  g_clear_pointer (&self->preview, pathways_report_unref);
  g_clear_pointer (&self->options, pathways_export_options_free);
  g_free (self->message);
  G_OBJECT_CLASS (pathways_return_dialog_parent_class)->finalize (object);
}

static void
pathways_return_dialog_class_init (PathwaysReturnDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_return_dialog_dispose;
  object_class->finalize = pathways_return_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-return-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysReturnDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysReturnDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysReturnDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysReturnDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PathwaysReturnDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, PathwaysReturnDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_template);
  gtk_widget_class_bind_template_callback (widget_class, on_export);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pathways_return_dialog_init (PathwaysReturnDialog *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
}

PathwaysReturnDialog *
pathways_return_dialog_new (GtkWindow       *parent,
                            PathwaysSession *session,
                            AdwToastOverlay *toasts)
{
  PathwaysReturnDialog *self;
  const PathwaysExportOptions *saved;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PATHWAYS_IS_SESSION (session), NULL);
  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (toasts), NULL);

  self = g_object_new (PATHWAYS_TYPE_RETURN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->session = g_object_ref (session);
  self->toasts = g_object_ref (toasts);
  saved = pathways_session_get_export_options (session);
  self->options = saved != NULL ? pathways_export_options_copy (saved) : pathways_export_options_new ();
  /* a return writes every one of its rows */
  self->options->sections = PATHWAYS_SECTION_ALL;
  list_templates (self);
  list_periods (self);
  fill (self);
  return self;
}
