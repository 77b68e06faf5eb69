/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's ways out: the report dialog (with the options kept in the workspace),
 * the current chart as PNG or SVG, printing the visible page's charts and presentation
 * mode. Every one goes through the output module (pathways-output.h) with the
 * session's one disclosure policy. */
#define G_LOG_DOMAIN "pathways-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-window-private.h"
#include "pathways-export-dialog.h"
#include "pathways-presentation.h"

/* The workspace DATASET was opened from or saved to: the session reads the report
 * options saved there (its policy follows them) and the export dialog saves them
 * back. The session forgets it when another dataset comes. */
void
_pathways_window_set_workspace_path (PathwaysWindow  *self,
                                     const char      *path,
                                     PathwaysDataset *dataset)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PATHWAYS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (dataset != NULL);

  if (dataset != pathways_session_get_dataset (self->session))
    return;
  /* options that cannot be read: a toast says so, the dialog starts from the last */
  pathways_session_set_workspace_path (self->session, path, &error);
  if (error != NULL)
    _pathways_window_show_toast (self, error->message);
}

const char *
_pathways_window_get_workspace_path (PathwaysWindow *self)
{
  return pathways_session_get_workspace_path (self->session);
}

static void
on_exported (PathwaysExportDialog *dialog,
             gpointer              user_data)
{
  PathwaysWindow *self = user_data;
  g_autoptr(PathwaysExportOptions) options = pathways_export_dialog_get_options (dialog);

  /* for the next export of this session, with or without a workspace; every output's
   * policy follows them */
  pathways_session_set_export_options (self->session, options);
}

PathwaysExportDialog *
_pathways_window_show_export_dialog (PathwaysWindow *self)
{
  PathwaysReport *report = pathways_session_get_report (self->session);
  PathwaysExportDialog *dialog;

  if (report == NULL)
    return NULL;

  /* the workspace's options (read when it was opened), then this session's last ones,
   * then the defaults with the session's policy */
  dialog = pathways_export_dialog_new (GTK_WINDOW (self), report,
                                       pathways_session_get_export_options (self->session),
                                       pathways_session_get_policy (self->session),
                                       self->toast_overlay);
  pathways_export_dialog_set_workspace (dialog, pathways_session_get_workspace_path (self->session));
  pathways_export_dialog_set_inputs (dialog, pathways_session_get_inputs (self->session));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _pathways_window_show_export_dialog (PATHWAYS_WINDOW (widget));
}

gboolean
_pathways_window_export_chart_to_file (PathwaysWindow     *self,
                                       PathwaysChartCard  *card,
                                       const char         *format,
                                       GFile              *file,
                                       GError            **error)
{
  PathwaysChartView *view = pathways_chart_card_get_view (card);
  PathwaysReportTable *table = pathways_chart_view_get_table (view);
  PathwaysReport *report = pathways_session_get_report (self->session);
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (view)), 640);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (view)), 400);
  PathwaysOutputFormat output_format;
  PathwaysOutputRequest request;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL || report == NULL || table == NULL ||
      !pathways_output_format_from_string (format, &output_format))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           path == NULL ? _("Charts can only be saved to local folders")
                                        : _("No chart on this page"));
      return FALSE;
    }
  pathways_output_request_init (&request);
  request.table_id = table->id;
  request.table_key = table->key;
  /* PNG at twice the screen size, for slides and documents */
  request.width = output_format == PATHWAYS_OUTPUT_SVG ? width : width * 2;
  request.height = output_format == PATHWAYS_OUTPUT_SVG ? height : height * 2;
  request.inputs = pathways_session_get_inputs (self->session);
  return pathways_output_write (report, pathways_session_get_policy (self->session),
                                output_format, path, &request, error);
}

static void
chart_file_chosen (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  PathwaysWindow *self = user_data;
  const char *format = self->export_format;
  PathwaysChartCard *card = self->export_card;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && card != NULL)
    {
      if (_pathways_window_export_chart_to_file (self, card, format, file, &error))
        {
          g_autofree char *basename = g_file_get_basename (file);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Saved “%s”"), basename);

          _pathways_window_show_toast (self, message);
        }
      else
        _pathways_window_show_toast (self, error->message);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->export_chooser);
  g_clear_pointer (&self->export_format, g_free);
  g_clear_object (&self->export_card);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  PathwaysChartCard *card = _pathways_window_get_current_card (self);
  PathwaysReportTable *table;
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;

  if (!g_str_equal (format, "png") && !g_str_equal (format, "svg"))
    return;
  if (card == NULL || self->export_chooser != NULL)
    {
      if (card == NULL)
        _pathways_window_show_toast (self, _("No chart on this page"));
      return;
    }

  table = pathways_chart_view_get_table (pathways_chart_card_get_view (card));
  base = g_strdup (table != NULL && table->title != NULL ? table->title : _("Chart"));
  g_strdelimit (base, "/\\:", '-');
  name = g_strdup_printf ("%s.%s", base, format);

  self->export_chooser = gtk_file_chooser_native_new (g_str_equal (format, "svg")
                                                        ? _("Save Chart as SVG")
                                                        : _("Save Chart as PNG"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_free (self->export_format);
  self->export_format = g_strdup (format);
  g_set_object (&self->export_card, card);
  g_signal_connect (self->export_chooser, "response", G_CALLBACK (chart_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* Printing: every chart of the visible page, one a page, through the output module's
 * pages (one protected copy, the session's policy). */
static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page_nr,
           gpointer           user_data)
{
  PathwaysOutputPages *pages = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  if (page_nr < 0 || (guint) page_nr >= pathways_output_pages_get_n_pages (pages))
    return;
  /* the light theme; a landscape-ish area on the page */
  pathways_output_pages_draw (pages, (guint) page_nr, cr, width, MIN (height, width * 0.75), NULL);
}

/* The charts of CARDS as "id\nkey" strings, NULL-terminated. */
static GStrv
card_tables (GPtrArray *cards)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      PathwaysChartView *view = pathways_chart_card_get_view (g_ptr_array_index (cards, i));
      PathwaysReportTable *table = pathways_chart_view_get_table (view);
      g_autofree char *id = NULL;

      if (table == NULL || table->chart.kind == PATHWAYS_CHART_NONE)
        continue;
      id = g_strdup_printf ("%s\n%s", table->id, table->key != NULL ? table->key : "");
      g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

/* The print operation for the visible page's charts, or NULL when it has none. */
static GtkPrintOperation *
make_print_operation (PathwaysWindow *self)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_auto(GStrv) tables = NULL;
  PathwaysReport *report = pathways_session_get_report (self->session);
  GtkPrintOperation *operation;
  PathwaysOutputPages *pages;
  AdwViewStackPage *page;
  const char *page_title;

  if (report == NULL)
    return NULL;

  cards = _pathways_window_get_visible_cards (self);
  tables = card_tables (cards);
  pages = pathways_output_pages_new (report, pathways_session_get_policy (self->session),
                                     (const char * const *) tables);
  if (pathways_output_pages_get_n_pages (pages) == 0)
    {
      pathways_output_pages_free (pages);
      return NULL;
    }

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, (int) pathways_output_pages_get_n_pages (pages));
  page_title = adw_view_stack_get_visible_child_name (self->view_stack);
  page = adw_view_stack_get_page (self->view_stack,
                                  adw_view_stack_get_visible_child (self->view_stack));
  if (page != NULL && adw_view_stack_page_get_title (page) != NULL)
    page_title = adw_view_stack_page_get_title (page);
  gtk_print_operation_set_job_name (operation, page_title != NULL ? page_title : "Pathways");
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page), pages,
                         (GClosureNotify) (void (*) (void)) pathways_output_pages_free, 0);
  return operation;
}

gboolean
_pathways_window_print_to_file (PathwaysWindow  *self,
                                const char      *pdf_path,
                                guint           *n_pages,
                                GError         **error)
{
  g_autoptr(GtkPrintOperation) operation = make_print_operation (self);

  if (operation == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No chart on this page"));
      return FALSE;
    }
  if (n_pages != NULL)
    g_object_get (operation, "n-pages", n_pages, NULL);
  gtk_print_operation_set_export_filename (operation, pdf_path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                  GTK_WINDOW (self), error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = make_print_operation (self);
  g_autoptr(GError) error = NULL;

  if (operation == NULL)
    {
      _pathways_window_show_toast (self, _("No chart on this page"));
      return;
    }
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _pathways_window_show_toast (self, error->message);
}

/* The charts of every page in order, as "id\nkey". */
GPtrArray *
_pathways_window_list_charts (PathwaysWindow *self)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->cards != NULL && i < self->cards->len; i++)
    {
      PathwaysChartView *view = pathways_chart_card_get_view (g_ptr_array_index (self->cards, i));
      PathwaysReportTable *table = pathways_chart_view_get_table (view);

      if (table == NULL || table->chart.kind == PATHWAYS_CHART_NONE)
        continue;
      g_ptr_array_add (tables, g_strdup_printf ("%s\n%s", table->id,
                                                table->key != NULL ? table->key : ""));
    }
  return tables;
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  g_autoptr(GPtrArray) tables = NULL;
  PathwaysPresentation *presentation;
  PathwaysChartCard *current;

  if (pathways_session_get_report (self->session) == NULL)
    return;

  tables = _pathways_window_list_charts (self);
  presentation = pathways_presentation_new (GTK_WINDOW (self),
                                            pathways_session_get_report (self->session), tables,
                                            pathways_session_get_policy (self->session));

  /* start at the chart the user was looking at */
  current = _pathways_window_get_current_card (self);
  if (current != NULL)
    {
      PathwaysReportTable *table = pathways_chart_view_get_table (pathways_chart_card_get_view (current));

      for (guint i = 0; table != NULL && i < tables->len; i++)
        {
          g_autofree char *id = g_strdup_printf ("%s\n%s", table->id,
                                                 table->key != NULL ? table->key : "");

          if (g_str_equal (id, g_ptr_array_index (tables, i)))
            {
              pathways_presentation_go (presentation, (int) i);
              break;
            }
        }
    }

  gtk_window_fullscreen (GTK_WINDOW (presentation));
  gtk_window_present (GTK_WINDOW (presentation));
}

void
_pathways_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", "s", export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
}
