/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's ways out: the report dialog (with the options kept in the workspace),
 * the current chart as PNG or SVG, printing the visible page's charts and presentation
 * mode. Every picture comes from pathways_chart_draw(), of a protected copy. */
#define G_LOG_DOMAIN "pathways-window"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "pathways-window-private.h"
#include "pathways-export-dialog.h"
#include "pathways-presentation.h"

static guint
threshold_setting (PathwaysWindow *self)
{
  return (guint) g_settings_get_int (self->settings, "threshold");
}

/* The workspace DATASET was opened from or saved to: the export dialog reads the
 * report options saved there and saves them back. Kept with the dataset it belongs to,
 * so a dataset opened from an export afterwards has none. */
void
_pathways_window_set_workspace_path (PathwaysWindow  *self,
                                     const char      *path,
                                     PathwaysDataset *dataset)
{
  g_return_if_fail (PATHWAYS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (dataset != NULL);

  g_object_set_data_full (G_OBJECT (self), "workspace-path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (self), "workspace-dataset",
                          pathways_dataset_ref (dataset),
                          (GDestroyNotify) pathways_dataset_unref);
}

const char *
_pathways_window_get_workspace_path (PathwaysWindow *self)
{
  if (self->dataset == NULL ||
      g_object_get_data (G_OBJECT (self), "workspace-dataset") != (gpointer) self->dataset)
    return NULL;
  return g_object_get_data (G_OBJECT (self), "workspace-path");
}

/* The options saved in WORKSPACE, or NULL when it has none (or they cannot be read,
 * which a toast says: the dialog then starts from the defaults). */
static PathwaysExportOptions *
saved_options (PathwaysWindow *self,
               const char     *workspace)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = pathways_workspace_get_setting (workspace, PATHWAYS_EXPORT_OPTIONS_SETTING,
                                                          &error);
  PathwaysExportOptions *options = NULL;

  if (json != NULL)
    options = pathways_export_options_new_from_json (json, &error);
  if (error != NULL)
    _pathways_window_show_toast (self, error->message);
  return options;
}

static void
on_exported (PathwaysExportDialog *dialog,
             gpointer              user_data)
{
  PathwaysWindow *self = user_data;

  /* for the next export of this session, with or without a workspace */
  g_object_set_data_full (G_OBJECT (self), "export-options",
                          pathways_export_dialog_get_options (dialog),
                          (GDestroyNotify) pathways_export_options_free);
}

PathwaysExportDialog *
_pathways_window_show_export_dialog (PathwaysWindow *self)
{
  const char *workspace = _pathways_window_get_workspace_path (self);
  g_autoptr(PathwaysExportOptions) saved = NULL;
  const PathwaysExportOptions *options;
  PathwaysExportDialog *dialog;

  if (self->report == NULL)
    return NULL;

  /* the workspace's options first, then this session's last ones, then the defaults */
  if (workspace != NULL)
    saved = saved_options (self, workspace);
  options = saved != NULL ? saved : g_object_get_data (G_OBJECT (self), "export-options");
  dialog = pathways_export_dialog_new (GTK_WINDOW (self), self->report, options,
                                       threshold_setting (self), self->toast_overlay);
  pathways_export_dialog_set_workspace (dialog, workspace);
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

/* Draws TABLE of REPORT into a PNG (pixels) or SVG (points) file, in the light theme
 * as charts.md asks of everything that leaves the screen. */
gboolean
_pathways_window_write_chart (PathwaysReport            *report,
                              const PathwaysReportTable *table,
                              const char                *format,
                              const char                *path,
                              int                        width,
                              int                        height,
                              GError                   **error)
{
  PathwaysChartStyle style;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_LIGHT);

  if (g_str_equal (format, "svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  cr = cairo_create (surface);
  if (!g_str_equal (format, "svg"))
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  pathways_chart_draw (cr, report, table, width, height, &style);
  cairo_destroy (cr);

  if (g_str_equal (format, "svg"))
    cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS && !g_str_equal (format, "svg"))
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *basename = g_path_get_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: "chart.png: error message" */
                   _("%s: %s"), basename, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Pictures and prints leave the service's hands: like every export they show the
 * protected figures (metrics.md), while the screen keeps the exact ones. Returns a
 * protected copy of the window's report and, in *OUT_TABLE, its copy of TABLE. */
static PathwaysReport *
protected_copy (PathwaysWindow             *self,
                const PathwaysReportTable  *table,
                PathwaysReportTable       **out_table)
{
  PathwaysReport *copy = pathways_report_copy (self->report);

  pathways_disclosure_apply (copy, threshold_setting (self), FALSE);
  *out_table = pathways_report_get_table (copy, table->id, table->key);
  return copy;
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
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (view)), 640);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (view)), 400);
  gboolean svg = g_str_equal (format, "svg");
  g_autoptr(PathwaysReport) protected = NULL;
  PathwaysReportTable *protected_table = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL || self->report == NULL || table == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           path == NULL ? _("Charts can only be saved to local folders")
                                        : _("No chart on this page"));
      return FALSE;
    }
  protected = protected_copy (self, table, &protected_table);
  if (protected_table == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No chart on this page"));
      return FALSE;
    }
  /* PNG at twice the screen size, for slides and documents */
  return _pathways_window_write_chart (protected, protected_table, format, path,
                                       svg ? width : width * 2, svg ? height : height * 2,
                                       error);
}

static void
chart_file_chosen (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  PathwaysWindow *self = user_data;
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");
  PathwaysChartCard *card = g_object_get_data (G_OBJECT (dialog), "card");
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
  g_object_set_data_full (G_OBJECT (self->export_chooser), "format", g_strdup (format), g_free);
  g_object_set_data_full (G_OBJECT (self->export_chooser), "card", g_object_ref (card),
                          g_object_unref);
  g_signal_connect (self->export_chooser, "response", G_CALLBACK (chart_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* Printing: every chart of the visible page, one a page, from one protected copy. */
typedef struct {
  PathwaysReport *report;
  GPtrArray      *tables;   /* PathwaysReportTable* of report */
} PrintData;

static void
print_data_free (gpointer data)
{
  PrintData *print = data;

  g_clear_pointer (&print->tables, g_ptr_array_unref);
  g_clear_pointer (&print->report, pathways_report_unref);
  g_free (print);
}

static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page_nr,
           gpointer           user_data)
{
  PrintData *print = user_data;
  PathwaysChartStyle style;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  if (page_nr < 0 || (guint) page_nr >= print->tables->len)
    return;
  /* printing uses the light column of the palette; a landscape-ish area on the page */
  pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_LIGHT);
  pathways_chart_draw (cr, print->report, g_ptr_array_index (print->tables, page_nr),
                       width, MIN (height, width * 0.75), &style);
}

/* The print operation for the visible page's charts, or NULL when it has none. */
static GtkPrintOperation *
make_print_operation (PathwaysWindow *self)
{
  g_autoptr(GPtrArray) cards = NULL;
  GtkPrintOperation *operation;
  PrintData *print;
  const char *page_title;

  if (self->report == NULL)
    return NULL;

  cards = _pathways_window_get_visible_cards (self);
  print = g_new0 (PrintData, 1);
  print->report = pathways_report_copy (self->report);
  pathways_disclosure_apply (print->report, threshold_setting (self), FALSE);
  print->tables = g_ptr_array_new ();
  for (guint i = 0; i < cards->len; i++)
    {
      PathwaysReportTable *shown = pathways_chart_view_get_table (pathways_chart_card_get_view (g_ptr_array_index (cards, i)));
      PathwaysReportTable *table;

      if (shown == NULL || shown->chart.kind == PATHWAYS_CHART_NONE)
        continue;
      table = pathways_report_get_table (print->report, shown->id, shown->key);
      if (table != NULL)
        g_ptr_array_add (print->tables, table);
    }
  if (print->tables->len == 0)
    {
      print_data_free (print);
      return NULL;
    }

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, (int) print->tables->len);
  page_title = adw_view_stack_get_visible_child_name (self->view_stack);
  {
    AdwViewStackPage *page = adw_view_stack_get_page (self->view_stack,
                                                      adw_view_stack_get_visible_child (self->view_stack));

    if (page != NULL && adw_view_stack_page_get_title (page) != NULL)
      page_title = adw_view_stack_page_get_title (page);
  }
  gtk_print_operation_set_job_name (operation, page_title != NULL ? page_title : "Pathways");
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page), print,
                         (GClosureNotify) (void (*) (void)) print_data_free, 0);
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

  if (self->report == NULL)
    return;

  tables = _pathways_window_list_charts (self);
  presentation = pathways_presentation_new (GTK_WINDOW (self), self->report, tables,
                                            threshold_setting (self));

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
