/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Click to filter keeps the chart (issue 15, item 7): a click on a closure reason's bar
 * filters the cohort to it, and the closure-reasons chart still shows every reason
 * (drawn over the cohort without its own filter) with the chosen one outlined and the
 * others muted; the rates by referral source do the same for a source, the funnel for
 * a stage, the service closure reasons of a service type for a reason; clearing the
 * filter takes the highlight away. The click goes through the view's own gesture, at
 * the middle of the bar. A screenshot of the card is kept to look at. */
#define G_LOG_DOMAIN "test-chart-highlight"

#include "config.h"

#include "pathways-window.h"
#include "pathways-chart-card.h"
#include "pathways-chart-view.h"
#include "pathways-chart-layout.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

/* The page PAGE shown and VIEW laid out at its size. */
static void
show_view (PathwaysWindow    *window,
           PathwaysChartView *view,
           const char        *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  adw_view_stack_set_visible_child_name (ui_test_window_child (window, "view_stack"), page);
  ui_test_iterate (3);
  while ((!gtk_widget_get_mapped (GTK_WIDGET (view)) || gtk_widget_get_width (GTK_WIDGET (view)) <= 0) &&
         g_get_monotonic_time () < deadline)
    ui_test_iterate (1);
  ui_test_wait_layout (GTK_WIDGET (view));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
}

/* The index of the mark of ROW_ID in LAYOUT, or -1. */
static int
find_mark (PathwaysChartLayout *layout,
           const char          *row_id)
{
  for (guint i = 0; i < pathways_chart_layout_get_n_marks (layout); i++)
    if (g_strcmp0 (pathways_chart_layout_get_mark (layout, i)->row_id, row_id) == 0)
      return (int) i;
  return -1;
}

/* A click (press and release) at the middle of the bar or dot of mark MARK, through
 * the view's click gesture. */
static void
click_mark_index (PathwaysChartView *view,
                  int                mark)
{
  PathwaysChartLayout *layout = pathways_chart_view_get_layout (view);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  GtkGesture *click = NULL;
  double x = -1, y = -1;

  g_assert_nonnull (layout);
  g_assert_cmpint (mark, >=, 0);
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->mark == mark && (item->flags & PATHWAYS_CHART_ITEM_DATA) &&
          item->kind == PATHWAYS_CHART_ITEM_RECT)
        {
          x = item->x + item->width / 2;
          y = item->y + item->height / 2;
        }
      else if (item->mark == mark && item->kind == PATHWAYS_CHART_ITEM_DOT && x < 0)
        {
          x = item->x;
          y = item->y;
        }
    }
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpint (pathways_chart_layout_mark_at (layout, x, y), ==, mark);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_GESTURE_CLICK (c))
        click = GTK_GESTURE (c);
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, x, y);
  ui_test_iterate (3);
}

static void
click_mark (PathwaysChartView *view,
            const char        *row_id)
{
  click_mark_index (view, find_mark (pathways_chart_view_get_layout (view), row_id));
}

/* Every mark of LAYOUT is there; the one of CHOSEN is chosen, outlined and not muted,
 * every other one muted. Returns how many marks. */
static guint
assert_highlight (PathwaysChartLayout *layout,
                  const char          *chosen)
{
  guint n = pathways_chart_layout_get_n_marks (layout), outlined = 0;

  for (guint i = 0; i < n; i++)
    {
      const PathwaysChartMark *m = pathways_chart_layout_get_mark (layout, i);
      g_assert_cmpint (m->chosen, ==, g_strcmp0 (m->row_id, chosen) == 0);
    }
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      gboolean chosen_item;
      if (item->mark < 0)
        continue;
      chosen_item = pathways_chart_layout_get_mark (layout, item->mark)->chosen;
      g_assert_cmpint (!!(item->flags & PATHWAYS_CHART_ITEM_MUTED), ==, !chosen_item);
      outlined += !!(item->flags & PATHWAYS_CHART_ITEM_CHOSEN);
    }
  g_assert_cmpuint (outlined, >=, 1);
  return n;
}

static void
test_click_keeps_bars (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  PathwaysDataset *dataset = pathways_window_get_dataset (window);
  PathwaysChartView *reasons = ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL);
  PathwaysChartView *rates;
  PathwaysColumn *column = dataset->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  const char *reason = "Did not engage";
  int code = pathways_dictionary_lookup (column->dict, reason);
  guint n_reason = 0, n_before, n_after;

  g_assert_cmpint (code, >, 0);
  for (guint i = 0; i < dataset->n_cases; i++)
    n_reason += column->codes[i] == code;

  g_assert_nonnull (reasons);
  show_view (window, reasons, "closures");
  n_before = pathways_chart_layout_get_n_marks (pathways_chart_view_get_layout (reasons));
  g_assert_cmpuint (n_before, >, 3);
  g_assert_null (pathways_chart_view_get_highlight (reasons));

  /* "All other values" stands for several reasons: a click on it filters nothing */
  {
    PathwaysChartLayout *layout = pathways_chart_view_get_layout (reasons);
    guint n_reports = pathways_window_get_n_reports (window);
    int other = -1;
    for (guint i = 0; i < pathways_chart_layout_get_n_marks (layout); i++)
      if (g_str_has_prefix (pathways_chart_layout_get_mark (layout, i)->label, "All other values ("))
        other = (int) i;
    g_assert_cmpint (other, >=, 0);
    g_assert_null (pathways_chart_layout_get_mark (layout, (guint) other)->row_id);
    click_mark_index (reasons, other);
    g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports);
    g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  }

  /* the click filters the cohort to the reason ... */
  click_mark (reasons, reason);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_reason);
  /* ... and the chart keeps every bar, the chosen one outlined, the others muted */
  reasons = ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL);
  show_view (window, reasons, "closures");
  g_assert_nonnull (pathways_chart_view_get_highlight (reasons));
  g_assert_cmpstr (pathways_chart_view_get_highlight (reasons)[0], ==, reason);
  n_after = assert_highlight (pathways_chart_view_get_layout (reasons), reason);
  g_assert_cmpuint (n_after, ==, n_before);
  /* its table too: every reason, not one at 100 % */
  g_assert_cmpuint (pathways_chart_view_get_table (reasons)->rows->len, >, 3);
  ui_test_save_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (reasons), PATHWAYS_TYPE_CHART_CARD),
                           "chart-click-highlight.png", 3);
  ui_test_save_screenshot (GTK_WIDGET (window), "window-click-highlight-1280x800.png", 3);

  /* rates by referral source: a click on Police keeps the other sources */
  rates = ui_test_find_chart_view (GTK_WIDGET (window), "planned_closure_rates", "referral_source");
  g_assert_nonnull (rates);
  show_view (window, rates, "closures");
  n_before = pathways_chart_layout_get_n_marks (pathways_chart_view_get_layout (rates));
  click_mark (rates, "Police");
  rates = ui_test_find_chart_view (GTK_WIDGET (window), "planned_closure_rates", "referral_source");
  show_view (window, rates, "closures");
  g_assert_cmpuint (assert_highlight (pathways_chart_view_get_layout (rates), "Police"), ==, n_before);
  /* the reasons keep theirs: both filters in force */
  reasons = ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL);
  g_assert_cmpstr (pathways_chart_view_get_highlight (reasons)[0], ==, reason);

  /* the funnel: a click on a stage keeps every stage, the chosen one highlighted */
  {
    PathwaysChartView *funnel = ui_test_find_chart_view (GTK_WIDGET (window), "funnel", NULL);
    guint n_stages;
    show_view (window, funnel, "journey");
    n_stages = pathways_chart_layout_get_n_marks (pathways_chart_view_get_layout (funnel));
    g_assert_cmpuint (n_stages, >=, 5);
    click_mark (funnel, "assessed");
    funnel = ui_test_find_chart_view (GTK_WIDGET (window), "funnel", NULL);
    show_view (window, funnel, "journey");
    g_assert_cmpuint (assert_highlight (pathways_chart_view_get_layout (funnel), "assessed"), ==, n_stages);
    ui_test_save_screenshot (GTK_WIDGET (window), "window-click-stage-1280x800.png", 3);
  }

  /* Clear: no filter, no highlight */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL));
  ui_test_iterate (3);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  reasons = ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL);
  show_view (window, reasons, "closures");
  g_assert_null (pathways_chart_view_get_highlight (reasons));
  for (guint i = 0; i < pathways_chart_layout_get_n_items (pathways_chart_view_get_layout (reasons)); i++)
    g_assert_false (pathways_chart_layout_get_item (pathways_chart_view_get_layout (reasons), i)->flags
                    & PATHWAYS_CHART_ITEM_MUTED);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Service closure reasons behave as the other bar charts: a click on a reason of the
 * Therapy panel filters to Therapy services closed for it, and the Therapy chart still
 * shows every reason, the chosen one outlined and the others muted (it used to shrink
 * to the one reason at 100 %). */
static void
test_service_reason_keeps_bars (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  PathwaysDataset *dataset = pathways_window_get_dataset (window);
  PathwaysChartView *therapy = ui_test_find_chart_view (GTK_WIDGET (window), "service_closure_reasons", "Therapy");
  PathwaysChartLayout *layout;
  g_autofree char *reason = NULL;
  guint n_before;

  g_assert_nonnull (therapy);
  show_view (window, therapy, "closures");
  layout = pathways_chart_view_get_layout (therapy);
  n_before = pathways_chart_layout_get_n_marks (layout);
  g_assert_cmpuint (n_before, >, 3);
  g_assert_null (pathways_chart_view_get_highlight (therapy));
  /* the first bar: the largest planned reason of Therapy */
  g_assert_nonnull (pathways_chart_layout_get_mark (layout, 0)->row_id);
  reason = g_strdup (pathways_chart_layout_get_mark (layout, 0)->row_id);
  g_assert_cmpint (pathways_dictionary_lookup (dataset->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON]->dict,
                                               reason), >, 0);

  click_mark (therapy, reason);
  g_assert_cmpuint (ui_test_cohort_cases (window), <, dataset->n_cases);
  therapy = ui_test_find_chart_view (GTK_WIDGET (window), "service_closure_reasons", "Therapy");
  g_assert_nonnull (therapy);
  show_view (window, therapy, "closures");
  g_assert_nonnull (pathways_chart_view_get_highlight (therapy));
  g_assert_cmpstr (pathways_chart_view_get_highlight (therapy)[0], ==, reason);
  g_assert_cmpuint (assert_highlight (pathways_chart_view_get_layout (therapy), reason), ==, n_before);
  g_assert_cmpuint (pathways_chart_view_get_table (therapy)->rows->len, >, 3);
  ui_test_save_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (therapy), PATHWAYS_TYPE_CHART_CARD),
                           "chart-click-service-reason.png", 3);

  /* Clear: no highlight */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL));
  ui_test_iterate (3);
  therapy = ui_test_find_chart_view (GTK_WIDGET (window), "service_closure_reasons", "Therapy");
  show_view (window, therapy, "closures");
  g_assert_null (pathways_chart_view_get_highlight (therapy));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/chart-highlight/click-keeps-bars", test_click_keeps_bars);
  g_test_add_func ("/pathways/chart-highlight/service-reason-keeps-bars", test_service_reason_keeps_bars);

  return ui_test_run ();
}
