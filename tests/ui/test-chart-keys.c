/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Charts by keyboard (issue 6): Tab reaches a chart, the arrows, Home and End move
 * between its marks, the current mark's exact figures are its text and its accessible
 * description, Enter or Space filters as a click does (with Undo), Escape leaves the
 * mark; marks that filter nothing ignore Enter; a suppressed value reads "<5", never
 * its number. Key presses go through the view's own key controller. */
#define G_LOG_DOMAIN "test-chart-keys"

#include "config.h"

#include <string.h>

#include "pathways-window.h"
#include "pathways-chart-card.h"
#include "pathways-chart-view.h"
#include "pathways-chart-layout.h"
#include "pathways-filter-sidebar.h"
#include "ui-test-util.h"
#include "../journey-fixture.h"

static PathwaysApplication *app;

/* Shows the page holding VIEW and gives VIEW the keyboard focus. */
static void
focus_view (PathwaysWindow    *window,
            PathwaysChartView *view,
            const char        *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  adw_view_stack_set_visible_child_name (ui_test_window_child (window, "view_stack"), page);
  ui_test_iterate (3);
  while ((!gtk_widget_get_mapped (GTK_WIDGET (view)) || gtk_widget_get_width (GTK_WIDGET (view)) <= 0) &&
         g_get_monotonic_time () < deadline)
    ui_test_iterate (1);
  /* mapped is not settled: the view keeps the size its marks are read at */
  ui_test_wait_layout (GTK_WIDGET (view));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >, 0);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
}

/* Presses KEYVAL on VIEW through its key controller; returns whether it was used. */
static gboolean
press (PathwaysChartView *view,
       guint              keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE, found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
      found = TRUE;
      break;
    }
  g_assert_true (found);
  ui_test_iterate (1);
  return handled;
}

/* The marks of VIEW as drawn at its size. */
static PathwaysChartLayout *
view_layout (PathwaysChartView *view)
{
  PathwaysChartStyle style;

  pathways_chart_view_get_style (view, &style);
  return pathways_chart_layout_new (pathways_chart_view_get_report (view),
                                    pathways_chart_view_get_table (view),
                                    gtk_widget_get_width (GTK_WIDGET (view)),
                                    gtk_widget_get_height (GTK_WIDGET (view)),
                                    &style, gtk_widget_get_pango_context (GTK_WIDGET (view)));
}

/* Cases of the dataset kept by FILTER, counted by the core. */
static guint
count_filtered (PathwaysDataset      *dataset,
                const PathwaysFilter *filter)
{
  g_autoptr(PathwaysSelection) sel = pathways_filter_apply (filter, dataset);

  return sel->n_selected_cases;
}

static const char *
summary (PathwaysWindow *window)
{
  return gtk_label_get_label (pathways_filter_sidebar_get_summary_label (ui_test_window_child (window, "filter_sidebar")));
}

static void
test_tab_reaches_charts (void)
{
  PathwaysWindow *window;
  GtkWidget *focus = NULL;
  guint steps;

  window = ui_test_open_sample (app, 1280, 800);
  /* from the view switcher onwards, Tab comes to the funnel within a few dozen steps */
  gtk_widget_grab_focus (GTK_WIDGET (ui_test_window_child (window, "split_dropdown")));
  for (steps = 0; steps < 60; steps++)
    {
      /* backwards from "Split by": the funnel's switch, then its chart */
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (PATHWAYS_IS_CHART_VIEW (focus))
        break;
    }
  g_assert_true (PATHWAYS_IS_CHART_VIEW (focus));
  g_assert_cmpstr (pathways_chart_view_get_table_id (PATHWAYS_CHART_VIEW (focus)), ==, "funnel");
  g_assert_cmpuint (steps, <, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_funnel_keys (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  PathwaysChartView *funnel;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  g_autoptr(PathwaysFilter) assessed = pathways_filter_new ();
  const PathwaysChartMark *mark;
  guint n, n_reports, n_assessed;
  int assessed_index = -1;

  window = ui_test_open_sample (app, 1280, 800);
  dataset = pathways_window_get_dataset (window);
  funnel = ui_test_find_chart_view (GTK_WIDGET (window), "funnel", NULL);
  g_assert_nonnull (funnel);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (funnel)));
  g_assert_true (pathways_chart_view_get_activatable (funnel));
  focus_view (window, funnel, "journey");

  layout = view_layout (funnel);
  n = pathways_chart_layout_get_n_marks (layout);
  g_assert_cmpuint (n, ==, 6);   /* the sample maps every stage */
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (pathways_chart_layout_get_mark (layout, i)->row_id, "assessed") == 0)
      assessed_index = (int) i;
  g_assert_cmpint (assessed_index, ==, 2);

  /* no mark until an arrow is pressed: the chart as a whole is described */
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, -1);
  g_assert_null (pathways_chart_view_get_mark_text (funnel));
  gtk_test_accessible_assert_property (funnel, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       pathways_chart_view_get_description (funnel));

  /* Right: the first stage, its text the tooltip's, and the accessible description */
  g_assert_true (press (funnel, GDK_KEY_Right));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, 0);
  mark = pathways_chart_layout_get_mark (layout, 0);
  g_assert_cmpstr (pathways_chart_view_get_mark_text (funnel), ==, mark->tooltip);
  g_assert_true (g_str_has_prefix (pathways_chart_view_get_mark_text (funnel), "Referred: "));
  gtk_test_accessible_assert_property (funnel, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, mark->tooltip);

  /* Down, Right, Left and Up move one mark; they stop at the ends */
  g_assert_true (press (funnel, GDK_KEY_Down));
  g_assert_true (press (funnel, GDK_KEY_Right));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, 2);
  g_assert_true (g_str_has_prefix (pathways_chart_view_get_mark_text (funnel), "Assessed: "));
  g_assert_true (press (funnel, GDK_KEY_Up));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, 1);
  g_assert_true (press (funnel, GDK_KEY_End));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, (int) n - 1);
  g_assert_true (press (funnel, GDK_KEY_Down));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, (int) n - 1);
  g_assert_true (press (funnel, GDK_KEY_Home));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, 0);
  g_assert_true (press (funnel, GDK_KEY_Left));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, 0);

  /* Enter on "Referred" filters nothing: every case reached it */
  n_reports = pathways_window_get_n_reports (window);
  press (funnel, GDK_KEY_Return);
  g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports);

  /* Escape leaves the mark, and a second one is not the chart's */
  g_assert_true (press (funnel, GDK_KEY_Escape));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, -1);
  g_assert_null (pathways_chart_view_get_mark_text (funnel));
  gtk_test_accessible_assert_property (funnel, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       pathways_chart_view_get_description (funnel));
  g_assert_false (press (funnel, GDK_KEY_Escape));
  /* from no mark, Up starts at the last one */
  g_assert_true (press (funnel, GDK_KEY_Up));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, (int) n - 1);

  /* Enter on "Assessed": the cases that reached it, said in the sidebar, one report */
  g_assert_true (pathways_filter_set_stage (assessed, "assessed", NULL));
  n_assessed = count_filtered (dataset, assessed);
  g_assert_cmpuint (n_assessed, >, 0);
  g_assert_cmpuint (n_assessed, <, dataset->n_cases);
  pathways_chart_view_set_focus_mark (funnel, assessed_index);
  n_reports = pathways_window_get_n_reports (window);
  g_assert_true (press (funnel, GDK_KEY_space));
  g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports + 1);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_assessed);
  g_assert_cmpstr (pathways_filter_get_stage (pathways_window_get_report (window)->filter), ==, "assessed");
  g_assert_cmpstr (summary (window), ==, "Reached: Assessed");
  /* the keyboard stays on the mark, with the new figures */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (funnel)));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (funnel), ==, assessed_index);
  g_assert_true (g_str_has_prefix (pathways_chart_view_get_mark_text (funnel), "Assessed: "));
  /* the same stage again changes nothing */
  press (funnel, GDK_KEY_Return);
  g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports + 1);

  /* Undo (the toast's button) gives every case back */
  pathways_window_undo_filter (window);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  g_assert_null (pathways_filter_get_stage (pathways_window_get_report (window)->filter));
  g_assert_cmpstr (summary (window), ==, "All cases");

  /* and Clear clears a stage too */
  pathways_chart_view_set_focus_mark (funnel, assessed_index);
  g_assert_true (press (funnel, GDK_KEY_KP_Enter));
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_assessed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL));
  ui_test_iterate (2);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  g_assert_cmpstr (summary (window), ==, "All cases");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reason_keys (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  PathwaysChartView *reasons, *bands;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  g_autoptr(PathwaysFilter) expected = pathways_filter_new ();
  const PathwaysChartMark *first;
  g_autofree char *said = NULL;
  guint n_reports;

  window = ui_test_open_sample (app, 1280, 800);
  dataset = pathways_window_get_dataset (window);

  /* the first closure reason by keyboard filters by that reason */
  reasons = ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL);
  g_assert_nonnull (reasons);
  focus_view (window, reasons, "closures");
  layout = view_layout (reasons);
  g_assert_cmpuint (pathways_chart_layout_get_n_marks (layout), >, 2);
  first = pathways_chart_layout_get_mark (layout, 0);
  pathways_filter_add_value (expected, PATHWAYS_FIELD_CLOSURE_REASON, first->row_id);
  g_assert_true (press (reasons, GDK_KEY_Right));
  g_assert_cmpstr (pathways_chart_view_get_mark_text (reasons), ==, first->tooltip);
  g_assert_true (press (reasons, GDK_KEY_Return));
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, count_filtered (dataset, expected));
  said = g_strdup_printf ("Closure reason: %s", first->row_id);
  g_assert_cmpstr (summary (window), ==, said);
  pathways_window_undo_filter (window);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  g_assert_cmpstr (summary (window), ==, "All cases");

  /* waiting-time bands filter nothing: the marks are readable, Enter is not theirs */
  bands = ui_test_find_chart_view (GTK_WIDGET (window), "waiting_bands", NULL);
  g_assert_nonnull (bands);
  g_assert_false (pathways_chart_view_get_activatable (bands));
  focus_view (window, bands, "waiting");
  g_assert_true (press (bands, GDK_KEY_Right));
  g_assert_cmpint (pathways_chart_view_get_focus_mark (bands), ==, 0);
  g_assert_nonnull (strstr (pathways_chart_view_get_mark_text (bands), "days"));
  n_reports = pathways_window_get_n_reports (window);
  g_assert_false (press (bands, GDK_KEY_Return));
  g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports);

  gtk_window_destroy (GTK_WINDOW (window));
}

static PathwaysDataset *
load_journey (void)
{
  return journey_fixture_load ();
}

static void
test_suppressed (void)
{
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  GtkWidget *window, *view;
  guint n, n_suppressed = 0;

  /* journey fixture, closed cases 24: Planned closure 8, Did not engage 6, Disengaged 3,
   * Referred on 3, Declined service 2, not recorded 2; protected with k = 5 the four
   * small ones read "<5" */
  ds = load_journey ();
  report = pathways_report_new (ds, NULL, NULL);
  pathways_disclosure_apply (report, 5, FALSE);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  view = pathways_chart_view_new ("closure_reasons", NULL);
  gtk_window_set_child (GTK_WINDOW (window), view);
  pathways_chart_view_set_report (PATHWAYS_CHART_VIEW (view), report);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_iterate (5);
  g_assert_true (gtk_widget_grab_focus (view));

  layout = view_layout (PATHWAYS_CHART_VIEW (view));
  n = pathways_chart_layout_get_n_marks (layout);
  g_assert_cmpuint (n, ==, 6);
  g_assert_true (press (PATHWAYS_CHART_VIEW (view), GDK_KEY_Home));
  for (guint i = 0; i < n; i++)
    {
      const PathwaysChartMark *mark = pathways_chart_layout_get_mark (layout, i);
      const char *text = pathways_chart_view_get_mark_text (PATHWAYS_CHART_VIEW (view));
      g_autofree char *exact3 = g_strdup_printf ("%s: 3", mark->label);
      g_autofree char *exact2 = g_strdup_printf ("%s: 2", mark->label);

      g_assert_cmpint (pathways_chart_view_get_focus_mark (PATHWAYS_CHART_VIEW (view)), ==, (int) i);
      g_assert_true (g_str_has_prefix (text, mark->label));
      if (mark->suppressed)
        {
          n_suppressed++;
          g_assert_nonnull (strstr (text, "<5"));
          g_assert_false (g_str_has_prefix (text, exact3));
          g_assert_false (g_str_has_prefix (text, exact2));
        }
      else
        g_assert_null (strstr (text, "<5"));
      gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
      press (PATHWAYS_CHART_VIEW (view), GDK_KEY_Right);
    }
  g_assert_cmpuint (n_suppressed, ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_split_and_service_reason (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  PathwaysChartView *police, *therapy;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  g_autoptr(PathwaysFilter) expected = pathways_filter_new ();
  GtkDropDown *split;
  GListModel *fields;
  const PathwaysChartMark *mark;
  const char * const *values;
  guint index = G_MAXUINT;

  window = ui_test_open_sample (app, 1280, 800);
  dataset = pathways_window_get_dataset (window);

  /* split by referral source: Enter on any stage of the Police funnel is Police */
  split = ui_test_window_child (window, "split_dropdown");
  fields = gtk_drop_down_get_model (split);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (fields), i), "Referral source") == 0)
      index = i;
  g_assert_cmpuint (index, !=, G_MAXUINT);
  gtk_drop_down_set_selected (split, index);
  ui_test_iterate (3);
  police = ui_test_find_chart_view (GTK_WIDGET (window), "funnel_split", "Police");
  g_assert_nonnull (police);
  g_assert_true (pathways_chart_view_get_activatable (police));
  /* its flow box child does not take the focus */
  g_assert_false (gtk_widget_get_focusable (gtk_widget_get_parent (gtk_widget_get_ancestor (GTK_WIDGET (police), PATHWAYS_TYPE_CHART_CARD))));
  focus_view (window, police, "journey");
  g_assert_true (press (police, GDK_KEY_End));
  g_assert_true (press (police, GDK_KEY_Return));
  pathways_filter_add_value (expected, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, count_filtered (dataset, expected));
  g_assert_cmpstr (summary (window), ==, "Referral source: Police");
  pathways_window_undo_filter (window);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  gtk_drop_down_set_selected (split, 0);
  ui_test_iterate (3);

  /* a Therapy service closure reason: the Therapy services closed for it */
  therapy = ui_test_find_chart_view (GTK_WIDGET (window), "service_closure_reasons", "Therapy");
  g_assert_nonnull (therapy);
  focus_view (window, therapy, "closures");
  layout = view_layout (therapy);
  mark = pathways_chart_layout_get_mark (layout, 0);
  g_assert_true (press (therapy, GDK_KEY_Home));
  g_assert_true (press (therapy, GDK_KEY_Return));
  pathways_filter_clear (expected);
  pathways_filter_add_value (expected, PATHWAYS_FIELD_SERVICE_TYPE, "Therapy");
  pathways_filter_add_value (expected, PATHWAYS_FIELD_SERVICE_CLOSURE_REASON, mark->row_id);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, count_filtered (dataset, expected));
  g_assert_cmpuint (ui_test_cohort_cases (window), <, dataset->n_cases);
  values = pathways_filter_get_values (pathways_window_get_report (window)->filter,
                                       PATHWAYS_FIELD_SERVICE_CLOSURE_REASON);
  g_assert_nonnull (values);
  g_assert_cmpstr (values[0], ==, mark->row_id);
  g_assert_null (values[1]);
  /* one Undo takes both back */
  pathways_window_undo_filter (window);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  g_assert_true (pathways_filter_is_empty (pathways_window_get_report (window)->filter));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  /* accessible properties kept where the test can read them (the UI tests' "none"
   * keeps none) */
  g_setenv ("GTK_A11Y", "test", TRUE);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/chart-keys/tab", test_tab_reaches_charts);
  g_test_add_func ("/pathways/chart-keys/funnel", test_funnel_keys);
  g_test_add_func ("/pathways/chart-keys/reasons", test_reason_keys);
  g_test_add_func ("/pathways/chart-keys/suppressed", test_suppressed);
  g_test_add_func ("/pathways/chart-keys/split-and-service-reason", test_split_and_service_reason);

  return ui_test_run ();
}
