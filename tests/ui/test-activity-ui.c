/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Activity page, the targets editor and the funder return's preview on the sample
 * (issue 16), with screenshots of each to look at.
 *
 * The target figures are the core's (pathways-activity.c, hand-checked on the fixture
 * in tests/test-activity.c); here they must reach the page unchanged, so they are
 * compared with `pathways-cli summary --sample --json --period FY2022-23-Q4 --target
 * contact=2wd`: 102 of 208 (49.0 %, Wilson 42.3–55.8) in 2022-23 Q4, 100 of 204 in
 * 2022-23 Q3, 84 of 191 in 2021-22 Q4. */
#define G_LOG_DOMAIN "test-activity-ui"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "pathways-window.h"
#include "pathways-activity-page.h"
#include "pathways-chart-card.h"
#include "pathways-return-dialog.h"
#include "pathways-targets-dialog.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static gboolean
targets_dialog_shown (gpointer data)
{
  return find_toplevel (PATHWAYS_TYPE_TARGETS_DIALOG) != NULL;
}

static gboolean
label_reads (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
return_dialog_shown (gpointer data)
{
  return find_toplevel (PATHWAYS_TYPE_RETURN_DIALOG) != NULL;
}

static PathwaysWindow *
open_activity (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1400, 900);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");

  ui_test_select_period (window, "FY2022-23-Q4");
  adw_view_stack_set_visible_child_name (stack, "activity");
  ui_test_wait_layout (GTK_WIDGET (window));
  return window;
}

/* The page: the activity series and a waiting list as charts, no targets yet. */
static void
test_page (void)
{
  PathwaysWindow *window = open_activity ();
  GtkWidget *page = ui_test_window_child (window, "activity_page");
  PathwaysActivityPage *view = ui_test_window_child (window, "activity_view");
  PathwaysChartView *series = ui_test_find_chart_view (page, "activity", NULL);
  PathwaysChartView *therapy = ui_test_find_chart_view (page, "activity_waiting_list", "Therapy");

  g_assert_nonnull (series);
  g_assert_nonnull (therapy);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (series)));
  /* the series runs over the periods of the filters, whatever the chosen one: the
   * latest ten years of the sample (first referral June 2001) to 2022-23 Q4, by
   * financial quarter beyond two years */
  g_assert_cmpstr (pathways_chart_view_get_table_key (series), ==, "fquarter");
  g_assert_cmpuint (pathways_activity_page_get_n_targets (view), ==, 0);
  g_assert_true (gtk_widget_get_visible ((GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                        PATHWAYS_TYPE_ACTIVITY_PAGE,
                                                                        "empty_label")));
  /* nobody was on the groups' waiting list at the end of any quarter: its card says
   * there is nothing to draw rather than showing empty axes; therapy's draws its line */
  {
    PathwaysChartView *groups = ui_test_find_chart_view (page, "activity_waiting_list", "Groups");
    GtkWidget *card, *stack;

    g_assert_nonnull (groups);
    card = gtk_widget_get_ancestor (GTK_WIDGET (groups), PATHWAYS_TYPE_CHART_CARD);
    stack = gtk_widget_get_ancestor (GTK_WIDGET (groups), GTK_TYPE_STACK);
    g_assert_nonnull (card);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
    ui_test_wait_layout (GTK_WIDGET (window));
    ui_test_assert_label_whole (card, "Nothing to draw: every figure is zero or not known");
    ui_test_save_screenshot (card, "activity-waiting-list-empty.png", 2);
    stack = gtk_widget_get_ancestor (GTK_WIDGET (therapy), GTK_TYPE_STACK);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "chart");
    /* its table still shows the zeros */
    gtk_switch_set_active (GTK_SWITCH (ui_test_find_widget (card, GTK_TYPE_SWITCH, NULL, NULL)), TRUE);
    stack = gtk_widget_get_ancestor (GTK_WIDGET (groups), GTK_TYPE_STACK);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "table");
    gtk_switch_set_active (GTK_SWITCH (ui_test_find_widget (card, GTK_TYPE_SWITCH, NULL, NULL)), FALSE);
  }
  ui_test_save_screenshot (GTK_WIDGET (window), "activity-page.png", 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The editor adds, edits and removes targets; the page shows each with its
 * numerator, base, percent and interval beside the period before and a year before. */
static void
test_targets_editor (void)
{
  PathwaysWindow *window = open_activity ();
  PathwaysActivityPage *view = ui_test_window_child (window, "activity_view");
  PathwaysTargetsDialog *dialog;
  PathwaysTarget t, got[PATHWAYS_MAX_TARGETS];

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-targets", NULL));
  dialog = (PathwaysTargetsDialog *) find_toplevel (PATHWAYS_TYPE_TARGETS_DIALOG);
  g_assert_nonnull (dialog);

  g_assert_true (pathways_target_parse ("contact=5wd", &t, NULL));
  g_assert_true (pathways_targets_dialog_add (dialog, &t));
  g_assert_false (pathways_targets_dialog_add (dialog, &t));   /* the same one twice */
  g_assert_true (pathways_target_parse ("planned_closure=50%", &t, NULL));
  g_assert_true (pathways_targets_dialog_add (dialog, &t));
  /* edited: 5 working days become 2 */
  pathways_targets_dialog_set_within (dialog, 0, 2);
  ui_test_iterate (4);
  g_assert_cmpuint (pathways_targets_dialog_get_targets (dialog, got), ==, 2);
  g_assert_cmpint (got[0].within, ==, 2);

  g_assert_cmpuint (pathways_activity_page_get_n_targets (view), ==, 2);
  g_assert_cmpstr (pathways_activity_page_get_text (view, 0, 0), ==, "First contact within 2 working days");
  g_assert_cmpstr (pathways_activity_page_get_text (view, 0, 1), ==,
                   "102 of 208: 49 % (95 % interval 42.3–55.8)\n2022-23 Q4");
  g_assert_true (g_str_has_prefix (pathways_activity_page_get_text (view, 0, 2), "100 of 204: 49 % "));
  g_assert_true (g_str_has_suffix (pathways_activity_page_get_text (view, 0, 2), "\n2022-23 Q3"));
  g_assert_true (g_str_has_prefix (pathways_activity_page_get_text (view, 0, 3), "84 of 191: 44 % "));
  g_assert_true (g_str_has_suffix (pathways_activity_page_get_text (view, 0, 3), "\n2021-22 Q4"));
  g_assert_cmpstr (pathways_activity_page_get_text (view, 1, 0), ==, "Planned-closure rate at least 50 %");

  ui_test_wait_layout (GTK_WIDGET (dialog));
  ui_test_save_screenshot (GTK_WIDGET (dialog), "activity-targets-editor.png", 2);

  /* removed: the page follows */
  pathways_targets_dialog_remove (dialog, 1);
  ui_test_iterate (4);
  g_assert_cmpuint (pathways_activity_page_get_n_targets (view), ==, 1);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_wait_while (targets_dialog_shown, NULL, 10, 2);
  g_assert_null (find_toplevel (PATHWAYS_TYPE_TARGETS_DIALOG));

  /* the page, scrolled to its targets */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj;

    g_assert_nonnull (scrolled);
    ui_test_wait_layout (GTK_WIDGET (window));
    adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    ui_test_wait_layout (GTK_WIDGET (window));
  }
  ui_test_save_screenshot (GTK_WIDGET (window), "activity-page-targets.png", 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (pathways_return_dialog_save_finish (PATHWAYS_RETURN_DIALOG (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
not_done (gpointer data)
{
  return !*(gboolean *) data;
}

/* The return's preview is the protected report; the export goes through the one
 * output path. */
static void
test_return_preview (void)
{
  PathwaysWindow *window = open_activity ();
  PathwaysReturnDialog *dialog;
  PathwaysReport *preview;
  g_autofree char *dir = g_dir_make_tmp ("pathways-return-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "pcc.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "pcc.pdf", NULL);
  PathwaysReportTable *first = NULL;
  guint n_rows = 0;
  gboolean done = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.funder-return", NULL));
  dialog = (PathwaysReturnDialog *) find_toplevel (PATHWAYS_TYPE_RETURN_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (pathways_return_dialog_select (dialog, "no-such-template", "FY2022-23-Q4"));
  g_assert_true (pathways_return_dialog_select (dialog, "pcc-quarterly", "FY2022-23-Q4"));
  g_assert_null (pathways_return_dialog_get_message (dialog));
  preview = pathways_return_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  /* protected with the window's policy: the default threshold of 5 */
  g_assert_cmpuint (preview->threshold, ==, 5);
  for (guint k = 0; k < preview->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (preview->tables, k);
      g_assert_cmpstr (t->id, ==, "return");
      if (first == NULL)
        first = t;
      n_rows += t->rows->len;
    }
  g_assert_nonnull (first);
  g_assert_cmpuint (n_rows, >=, 10);
  /* the first rows of the PCC return as `pathways-cli return --sample --template
   * pcc-quarterly --period FY2022-23-Q4` writes them: 208 referrals, 56 from the police */
  {
    PathwaysReportRow *row = g_ptr_array_index (first->rows, 0);
    PathwaysReportRow *police = g_ptr_array_index (first->rows, 1);
    int c = pathways_report_table_find_column (first, "figure");
    g_assert_cmpint (c, >=, 0);
    g_assert_cmpfloat (row->cells[c].value, ==, 208);
    g_assert_cmpfloat (police->cells[c].value, ==, 56);
  }
  ui_test_wait_layout (GTK_WIDGET (dialog));
  /* the template's name reads whole (it was cut to "Police and Crime Com…") */
  ui_test_assert_label_whole (GTK_WIDGET (dialog), "Police and Crime Commissioner quarterly return");
  /* figures right-aligned under their right-aligned headings, the measure from the left */
  {
    GtkWidget *figure = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, label_reads, "208");
    GtkWidget *heading = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, label_reads, "Figure");
    GtkWidget *measure = ui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, label_reads,
                                              "Referrals received");

    g_assert_nonnull (figure);
    g_assert_nonnull (heading);
    g_assert_nonnull (measure);
    g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (figure)), ==, 1);
    g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (heading)), ==, 1);
    g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (measure)), ==, 0);
  }
  ui_test_save_screenshot (GTK_WIDGET (dialog), "activity-funder-return.png", 2);

  pathways_return_dialog_save_async (dialog, "xlsx", xlsx, on_saved, &done);
  ui_test_wait_while (not_done, &done, 60, 1);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  done = FALSE;
  pathways_return_dialog_save_async (dialog, "pdf", pdf, on_saved, &done);
  ui_test_wait_while (not_done, &done, 60, 1);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_wait_while (return_dialog_shown, NULL, 10, 2);
  g_unlink (xlsx);
  g_unlink (pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);
  g_test_add_func ("/activity-ui/page", test_page);
  g_test_add_func ("/activity-ui/targets-editor", test_targets_editor);
  g_test_add_func ("/activity-ui/return-preview", test_return_preview);
  return ui_test_run ();
}
