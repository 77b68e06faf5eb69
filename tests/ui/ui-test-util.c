/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The set-up, waits, screenshots and widget searches the UI tests share. */
#define G_LOG_DOMAIN "ui-test-util"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "ui-test-util.h"

static PathwaysApplication *test_app;

void
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

  setlocale (LC_ALL, "");

  /* G_TEST_OPTION_ISOLATE_DIRS hides the system's shared-mime-info, without which
   * gdk-pixbuf does not recognise the application icon's SVG: keep those dirs. */
  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (mime_dirs, g_build_filename (*dir, "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

PathwaysApplication *
ui_test_start_app (GApplicationFlags flags)
{
  g_return_val_if_fail (test_app == NULL, NULL);

  /* UI tests run under xvfb-run: without a display they fail rather than pass unseen */
  g_assert_true (gtk_init_check ());
  /* the crossfade would leave a screenshot half-way */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  test_app = pathways_application_new (APPLICATION_ID, flags);
  g_assert_true (g_application_register (G_APPLICATION (test_app), NULL, NULL));

  return test_app;
}

int
ui_test_run (void)
{
  int ret = g_test_run ();

  g_clear_object (&test_app);

  return ret;
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
ui_test_iterate (guint rounds)
{
  guint id = g_timeout_add (10, tick, NULL);

  for (guint i = 0; i < rounds; i++)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_source_remove (id);
}

void
ui_test_wait_while (UiTestCheck check,
                    gpointer    data,
                    guint       seconds,
                    guint       settle_rounds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  guint id;

  g_return_if_fail (check != NULL);

  id = g_timeout_add (20, tick, NULL);
  while (check (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  ui_test_iterate (settle_rounds);
  g_assert_false (check (data));
}

gboolean
ui_test_not_mapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

gboolean
ui_test_window_loading (gpointer window)
{
  return pathways_window_is_loading (window);
}

gboolean
ui_test_window_saving (gpointer window)
{
  return pathways_window_is_saving (window);
}

static void
count_paint (GdkFrameClock *clock,
             gpointer       data)
{
  (*(guint *) data)++;
}

void
ui_test_wait_layout (GtkWidget *widget)
{
  GtkNative *native;
  GdkFrameClock *clock;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint painted = 0, id;
  gulong handler;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  native = gtk_widget_get_native (widget);
  g_assert_nonnull (native);
  clock = gdk_surface_get_frame_clock (gtk_native_get_surface (native));
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint), &painted);
  id = g_timeout_add (20, tick, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (native));
  while (painted < 2 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (painted == 1)
        gtk_widget_queue_draw (GTK_WIDGET (native));
    }
  g_source_remove (id);
  g_signal_handler_disconnect (clock, handler);
  g_assert_cmpuint (painted, >=, 2);
}

void
ui_test_save_screenshot (GtkWidget  *widget,
                         const char *name,
                         guint       settle_rounds)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  ui_test_iterate (settle_rounds);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static PathwaysWindow *
present_window (PathwaysApplication *app,
                int                  width,
                int                  height)
{
  PathwaysWindow *window = pathways_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

PathwaysWindow *
ui_test_new_window (PathwaysApplication *app,
                    int                  width,
                    int                  height)
{
  PathwaysWindow *window;

  g_return_val_if_fail (PATHWAYS_IS_APPLICATION (app), NULL);

  window = present_window (app, width, height);
  /* a few more rounds for the first frames to be laid out and drawn */
  ui_test_wait_while (ui_test_not_mapped, window, 60, 10);

  return window;
}

static gboolean
window_opening (gpointer window)
{
  return pathways_window_is_loading (window) || !gtk_widget_get_mapped (window);
}

PathwaysWindow *
ui_test_open_sample (PathwaysApplication *app,
                     int                  width,
                     int                  height)
{
  PathwaysWindow *window;

  g_return_val_if_fail (PATHWAYS_IS_APPLICATION (app), NULL);

  window = present_window (app, width, height);
  pathways_window_open_sample (window);
  ui_test_wait_while (window_opening, window, 120, 10);
  ui_test_wait_layout (GTK_WIDGET (window));

  g_assert_null (pathways_window_get_error_message (window));
  g_assert_cmpstr (pathways_window_get_page (window), ==, "dataset");
  g_assert_nonnull (pathways_window_get_report (window));
  return window;
}

gpointer
ui_test_window_child (PathwaysWindow *window,
                      const char     *id)
{
  gpointer widget;

  g_return_val_if_fail (PATHWAYS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  widget = gtk_widget_get_template_child (GTK_WIDGET (window), PATHWAYS_TYPE_WINDOW, id);
  g_assert_nonnull (widget);
  return widget;
}

void
ui_test_select_period (PathwaysWindow *window,
                       const char     *id)
{
  PathwaysPeriodChooser *chooser = ui_test_window_child (window, "period_chooser");
  g_autofree char *chosen = NULL;

  g_assert_true (pathways_period_chooser_select (chooser, id));
  chosen = pathways_period_chooser_dup_id (chooser);
  if (id == NULL)
    g_assert_null (chosen);
  else
    g_assert_nonnull (chosen);
  ui_test_iterate (2);
}

guint
ui_test_cohort_cases (PathwaysWindow *window)
{
  PathwaysCell *cell;

  g_return_val_if_fail (PATHWAYS_IS_WINDOW (window), 0);

  cell = pathways_report_get_cell (pathways_window_get_report (window),
                                   "cohort", NULL, "cohort", "cases");
  g_assert_nonnull (cell);
  return (guint) cell->value;
}

GtkWidget *
ui_test_find_widget (GtkWidget         *root,
                     GType              type,
                     UiTestWidgetMatch  match,
                     gconstpointer      data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && (match == NULL || match (w, data)))
        return w;
      if ((found = ui_test_find_widget (w, type, match, data)) != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  const char *id;
  const char *key;
} ViewWanted;

static gboolean
view_is (GtkWidget     *widget,
         gconstpointer  data)
{
  const ViewWanted *wanted = data;
  PathwaysChartView *view = PATHWAYS_CHART_VIEW (widget);

  return g_strcmp0 (pathways_chart_view_get_table_id (view), wanted->id) == 0 &&
         (wanted->key == NULL || g_strcmp0 (pathways_chart_view_get_table_key (view), wanted->key) == 0);
}

PathwaysChartView *
ui_test_find_chart_view (GtkWidget  *root,
                         const char *id,
                         const char *key)
{
  ViewWanted wanted = { id, key };

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return (PathwaysChartView *) ui_test_find_widget (root, PATHWAYS_TYPE_CHART_VIEW, view_is, &wanted);
}

static gboolean
label_shows (GtkWidget     *widget,
             gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

void
ui_test_assert_label_whole (GtkWidget  *root,
                            const char *text)
{
  GtkWidget *label;
  PangoLayout *layout;

  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail (text != NULL);

  label = ui_test_find_widget (root, GTK_TYPE_LABEL, label_shows, text);
  if (label == NULL)
    g_error ("no label on screen reads “%s”", text);
  layout = gtk_label_get_layout (GTK_LABEL (label));
  if (pango_layout_is_ellipsized (layout))
    g_error ("“%s” is cut off: %d px wide", text, gtk_widget_get_width (label));
}
