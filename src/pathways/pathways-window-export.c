/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's ways out: the report dialog, the current chart as PNG or SVG, printing
 * and presentation mode. Every picture comes from pathways_chart_draw(). */
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

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  PathwaysExportDialog *dialog;

  if (self->report == NULL)
    return;

  dialog = pathways_export_dialog_new (GTK_WINDOW (self), self->report, NULL,
                                       threshold_setting (self), self->toast_overlay);
  gtk_window_present (GTK_WINDOW (dialog));
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

static void
chart_file_chosen (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  PathwaysWindow *self = user_data;
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");
  PathwaysChartCard *card = g_object_get_data (G_OBJECT (dialog), "card");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && (path = g_file_get_path (file)) != NULL && card != NULL && self->report != NULL)
    {
      PathwaysChartView *view = pathways_chart_card_get_view (card);
      PathwaysReportTable *table = pathways_chart_view_get_table (view);
      int width = MAX (gtk_widget_get_width (GTK_WIDGET (view)), 640);
      int height = MAX (gtk_widget_get_height (GTK_WIDGET (view)), 400);
      gboolean svg = g_str_equal (format, "svg");

      g_autoptr(PathwaysReport) protected = NULL;
      PathwaysReportTable *protected_table = NULL;

      if (table != NULL)
        protected = protected_copy (self, table, &protected_table);

      /* PNG at twice the screen size, for slides and documents */
      if (protected_table != NULL &&
          _pathways_window_write_chart (protected, protected_table, format, path,
                                        svg ? width : width * 2, svg ? height : height * 2,
                                        &error))
        {
          g_autofree char *basename = g_file_get_basename (file);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Saved “%s”"), basename);

          _pathways_window_show_toast (self, message);
        }
      else if (error != NULL)
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

typedef struct {
  PathwaysReport      *report;
  PathwaysReportTable *table;
} PrintData;

static void
print_data_free (gpointer data)
{
  PrintData *print = data;

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

  /* printing uses the light column of the palette; a landscape-ish area on the page */
  pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_LIGHT);
  pathways_chart_draw (cr, print->report, print->table, width, MIN (height, width * 0.75),
                       &style);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  PathwaysChartCard *card = _pathways_window_get_current_card (self);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  PrintData *print;

  if (card == NULL || self->report == NULL)
    {
      _pathways_window_show_toast (self, _("No chart on this page"));
      return;
    }

  print = g_new0 (PrintData, 1);
  {
    PathwaysReportTable *shown = pathways_chart_view_get_table (pathways_chart_card_get_view (card));

    if (shown != NULL)
      print->report = protected_copy (self, shown, &print->table);
  }
  if (print->table == NULL)
    {
      print_data_free (print);
      return;
    }

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, print->table->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page), print,
                         (GClosureNotify) (void (*) (void)) print_data_free, 0);
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
