/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application window: opening the sample through the same code path as the
 * program, the start page when there is nothing to open, errors from bad files. */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>

#include "pathways-dataset-page.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

/* Runs the main loop until the window has finished opening, at most a minute. */
static void
wait_for_load (PathwaysWindow *window)
{
  ui_test_wait_while (ui_test_window_loading, window, 60, 0);
}

/* Runs the main loop until WIDGET is mapped (at most 20 s), and a few rounds more
 * for the first frames to be laid out and drawn. */
static void
wait_for_mapped (GtkWidget *widget)
{
  ui_test_wait_while (ui_test_not_mapped, widget, 20, 10);
}

/* The application's active window, once shown and done opening; its error, if any,
 * goes to the test's log. */
static PathwaysWindow *
active_window_opened (void)
{
  PathwaysWindow *window = PATHWAYS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_nonnull (window);
  wait_for_mapped (GTK_WIDGET (window));
  wait_for_load (window);
  if (pathways_window_get_error_message (window) != NULL)
    g_test_message ("Error: %s", pathways_window_get_error_message (window));
  return window;
}

/* Thousands separators worked out independently of pathways_format_count(). */
static char *
expected_count (guint n)
{
  if (n < 1000)
    return g_strdup_printf ("%u", n);
  if (n < 1000000)
    return g_strdup_printf ("%u,%03u", n / 1000, n % 1000);
  return g_strdup_printf ("%u,%03u,%03u", n / 1000000, (n / 1000) % 1000, n % 1000);
}

static void
test_format_count (void)
{
  const struct {
    guint64 n;
    const char *text;
  } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1,000" },
    { 6457, "6,457" },
    { 12345, "12,345" },
    { 100000, "100,000" },
    { 1234567, "1,234,567" },
    { G_MAXUINT64, "18,446,744,073,709,551,615" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pathways_format_count (cases[i].n);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The window's summary of its dataset (a PathwaysDatasetPage). */
static GtkWidget *
dataset_page (PathwaysWindow *window)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), PATHWAYS_TYPE_WINDOW,
                                                    "dataset_page"));
}

static GtkLabel *
get_label (PathwaysWindow *window,
           const char     *id)
{
  return GTK_LABEL (gtk_widget_get_template_child (dataset_page (window),
                                                   PATHWAYS_TYPE_DATASET_PAGE, id));
}

/* `pathways` with no file: activating the application opens the sample. */
static void
test_sample (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  GtkListBox *findings;
  AdwWindowTitle *title;
  g_autofree char *expected = NULL;

  g_application_activate (G_APPLICATION (app));
  window = active_window_opened ();
  g_assert_null (pathways_window_get_error_message (window));
  g_assert_cmpstr (pathways_window_get_page (window), ==, "dataset");

  dataset = pathways_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (dataset->n_cases, >, 0);
  g_assert_true (dataset->has_services);

  expected = expected_count (dataset->n_cases);
  g_assert_cmpstr (gtk_label_get_label (get_label (window, "cases_label")), ==, expected);

  title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                           PATHWAYS_TYPE_WINDOW,
                                                           "window_title"));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, dataset->name);
  {
    g_autofree char *count = expected_count (dataset->n_cases);
    g_autofree char *subtitle = g_strdup_printf ("%s cases", count);

    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, subtitle);
  }

  /* one row per kind of finding, or the "No problems found" row */
  findings = GTK_LIST_BOX (gtk_widget_get_template_child (dataset_page (window),
                                                          PATHWAYS_TYPE_DATASET_PAGE,
                                                          "findings_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (findings, 0));

  /* activating again presents the same window and does not reload */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_cmpstr (pathways_window_get_page (window), ==, "dataset");

  wait_for_mapped (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "window-sample.png", 0);

  /* the dark style, for a person to look at */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_mapped (GTK_WIDGET (window));
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  ui_test_save_screenshot (GTK_WIDGET (window), "window-sample-dark.png", 0);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* `pathways services.csv cases.csv`: the file named after services is the services
 * export whatever the order, and the mapping is detected from the headers. */
static void
test_open_files (void)
{
  g_autofree char *cases_path = NULL;
  g_autofree char *services_path = NULL;
  g_autoptr(GError) error = NULL;
  GFile *files[2];
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  g_autofree char *expected = NULL;

  g_assert_true (pathways_sample_get_paths (&cases_path, &services_path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (services_path);

  files[0] = g_file_new_for_path (services_path);
  files[1] = g_file_new_for_path (cases_path);
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  window = active_window_opened ();
  g_assert_cmpstr (pathways_window_get_page (window), ==, "dataset");
  dataset = pathways_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_true (dataset->has_services);
  g_assert_cmpuint (dataset->n_services, >, 0);
  g_assert_cmpstr (dataset->name, ==, "pathways-sample-cases.csv");

  expected = expected_count (dataset->n_services);
  g_assert_cmpstr (gtk_label_get_label (get_label (window, "services_label")), ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_sample (void)
{
  PathwaysWindow *window;
  g_autofree char *empty_dir = NULL;
  g_autofree char *old = g_strdup (g_getenv ("PATHWAYS_SAMPLE_DIR"));

  empty_dir = g_dir_make_tmp ("pathways-no-sample-XXXXXX", NULL);
  g_assert_nonnull (empty_dir);
  g_setenv ("PATHWAYS_SAMPLE_DIR", empty_dir, TRUE);

  window = ui_test_new_window (app, 960, 720);
  pathways_window_open_sample (window);
  /* nothing to load: the start page stays, no dialog */
  g_assert_false (pathways_window_is_loading (window));
  g_assert_cmpstr (pathways_window_get_page (window), ==, "start");
  g_assert_null (pathways_window_get_dataset (window));
  g_assert_nonnull (pathways_window_get_error_message (window));

  ui_test_save_screenshot (GTK_WIDGET (window), "window-start.png", 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_rmdir (empty_dir), ==, 0);
  if (old != NULL)
    g_setenv ("PATHWAYS_SAMPLE_DIR", old, TRUE);
  else
    g_unsetenv ("PATHWAYS_SAMPLE_DIR");
}

static void
check_open_fails (const char *basename,
                  const char *contents)
{
  PathwaysWindow *window;
  g_autofree char *dir = g_dir_make_tmp ("pathways-bad-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, basename, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);

  window = ui_test_new_window (app, 960, 720);
  pathways_window_open_files (window, &file, 1);
  g_assert_cmpstr (pathways_window_get_page (window), ==, "loading");
  wait_for_load (window);

  /* back to the start page, with the reader's message */
  g_assert_cmpstr (pathways_window_get_page (window), ==, "start");
  g_assert_null (pathways_window_get_dataset (window));
  g_assert_nonnull (pathways_window_get_error_message (window));
  g_test_message ("%s: %s", basename, pathways_window_get_error_message (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_bad_export (void)
{
  /* a header only: no cases to import */
  check_open_fails ("empty.csv", "clientcaseid,startdate\n");
}

static void
test_bad_workspace (void)
{
  check_open_fails ("notes.pathways", "This is not a workspace.\n");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);

  g_test_add_func ("/pathways/window/format-count", test_format_count);
  g_test_add_func ("/pathways/window/sample", test_sample);
  g_test_add_func ("/pathways/window/open-files", test_open_files);
  g_test_add_func ("/pathways/window/no-sample", test_no_sample);
  g_test_add_func ("/pathways/window/bad-export", test_bad_export);
  g_test_add_func ("/pathways/window/bad-workspace", test_bad_workspace);

  return ui_test_run ();
}
