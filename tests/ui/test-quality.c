/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data-quality page on the sample: a finding opens its rows to fix (file, row,
 * case ID, column, the offending value), which can be copied or saved as CSV through the safe
 * file writer, never over an input file; screenshots of the page and of the rows. */
#define G_LOG_DOMAIN "test-quality"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "pathways-window.h"
#include "pathways-dataset-page.h"
#include "pathways-findings-window.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static PathwaysFindingsWindow *
find_rows_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (PATHWAYS_IS_FINDINGS_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return PATHWAYS_FINDINGS_WINDOW (w);
    }
  return NULL;
}

static gboolean
no_rows_window (gpointer data)
{
  return find_rows_window () == NULL;
}

static gboolean
rows_window_shown (gpointer data)
{
  return find_rows_window () != NULL;
}

static PathwaysFindingsWindow *
open_finding (PathwaysWindow *window,
              const char     *label)
{
  GtkWidget *page = ui_test_window_child (window, "dataset_page");
  GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (page, PATHWAYS_TYPE_DATASET_PAGE,
                                                   "findings_list");
  GtkWidget *row = ui_test_find_widget (list, ADW_TYPE_ACTION_ROW, row_titled, label);

  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  /* the findings are below the completeness chart: focus scrolls them into view */
  gtk_widget_grab_focus (row);
  ui_test_wait_layout (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "quality-findings.png", 2);
  g_signal_emit_by_name (list, "row-activated", row);
  ui_test_wait_while (no_rows_window, NULL, 10, 4);
  return find_rows_window ();
}

static void
test_finding_rows (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  PathwaysFindingsWindow *rows;
  g_autofree char *csv = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-rows-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rows.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *input = g_build_filename (g_getenv ("PATHWAYS_SAMPLE_DIR"),
                                             "pathways-sample-cases.csv", NULL);
  const char *inputs[] = { input, NULL };
  g_autoptr(GError) error = NULL;
  gchar **lines;

  adw_view_stack_set_visible_child_name (stack, "quality");
  ui_test_wait_layout (GTK_WIDGET (window));

  /* the sample's five dates that run backwards, each with its row and value */
  rows = open_finding (window, "Dates that run backwards");
  g_assert_nonnull (rows);
  g_assert_cmpuint (pathways_findings_window_get_n_rows (rows), ==, 5);
  g_assert_nonnull (gtk_list_box_get_row_at_index (pathways_findings_window_get_list (rows), 4));
  g_assert_null (gtk_list_box_get_row_at_index (pathways_findings_window_get_list (rows), 5));
  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (pathways_findings_window_get_list (rows)),
                                         ADW_TYPE_ACTION_ROW, row_titled,
                                         "pathways-sample-cases.csv, row 1,720, case C001718, “closure_date”"));
  csv = pathways_findings_window_to_csv (rows);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);  /* header, five rows, the end */
  g_assert_cmpstr (lines[0], ==, "file,row,case_id,column,value,problem");
  g_assert_true (g_str_has_prefix (csv + strlen (lines[0]) + 2,
                                   "pathways-sample-cases.csv,1720,C001718,closure_date,2016-01-07,"));
  g_strfreev (lines);

  ui_test_wait_layout (GTK_WIDGET (rows));
  ui_test_save_screenshot (GTK_WIDGET (rows), "quality-rows-to-fix.png", 2);

  /* saved through the safe writer: the same bytes */
  g_assert_true (pathways_findings_window_save (rows, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, csv);

  /* never over an input, nor through a link */
  gtk_window_destroy (GTK_WINDOW (rows));
  ui_test_wait_while (rows_window_shown, NULL, 10, 2);
  {
    PathwaysDataset *dataset = pathways_window_get_dataset (window);
    g_autoptr(PathwaysFindingsWindow) held = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    held = g_object_ref_sink (pathways_findings_window_new (NULL, dataset,
                                                            PATHWAYS_FINDING_DUPLICATE_CASE_ID,
                                                            inputs));
    g_assert_cmpuint (pathways_findings_window_get_n_rows (held), ==, 1);
    g_assert_true (g_file_get_contents (input, &before, NULL, NULL));
    g_assert_false (pathways_findings_window_save (held, input, &error));
    g_assert_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_IS_INPUT);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (input, &after, NULL, NULL));
    g_assert_cmpstr (before, ==, after);

    g_assert_cmpint (symlink (path, link), ==, 0);
    g_assert_false (pathways_findings_window_save (held, link, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    gtk_window_destroy (GTK_WINDOW (held));
  }

  g_unlink (link);
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/quality/finding-rows", test_finding_rows);

  return ui_test_run ();
}
