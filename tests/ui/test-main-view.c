/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main view on the sample: a filter ticked through the sidebar's model changes
 * the report (once) and what the window shows; periods, clearing, click-to-filter with
 * undo on rates, closure reasons and funnel stages, one or two columns of cards by the
 * window's width, presentation mode with protected figures; a screenshot of every page in the
 * light and dark styles at two window sizes. */
#define G_LOG_DOMAIN "test-main-view"

#include "config.h"

#include "pathways-window.h"
#include "pathways-chart-card.h"
#include "pathways-filter-sidebar.h"
#include "pathways-presentation.h"
#include "pathways-filter-chips.h"
#include "pathways-card-grid.h"
#include "pathways-chart-view.h"
#include "ui-test-util.h"

static PathwaysApplication *app;
static const char * const pages[] = { "journey", "closures", "waiting", "people", "quality" };

static char *
expected_count (guint n)
{
  if (n < 1000)
    return g_strdup_printf ("%u", n);
  return g_strdup_printf ("%u,%03u", n / 1000, n % 1000);
}

/* Cases (and closed cases) whose FIELD is VALUE, counted from the columns. */
static void
count_cases (PathwaysDataset *dataset,
             PathwaysField    field,
             const char      *value,
             guint           *n_cases,
             guint           *n_closed)
{
  PathwaysColumn *column = dataset->columns[field];
  int code = pathways_dictionary_lookup (column->dict, value);

  g_assert_cmpint (code, >=, 0);
  *n_cases = *n_closed = 0;
  for (guint i = 0; i < dataset->n_cases; i++)
    {
      if (column->codes[i] != code)
        continue;
      (*n_cases)++;
      if (pathways_dataset_case_is_closed (dataset, i))
        (*n_closed)++;
    }
}

static PathwaysFilterItem *
find_item (GListModel    *model,
           PathwaysField  field,
           const char    *value)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, i);

      if (pathways_filter_item_get_field (item) == field &&
          g_str_equal (pathways_filter_item_get_value (item), value))
        return item;
    }
  return NULL;
}

static PathwaysChartCard *
find_card (GtkWidget  *root,
           const char *table_id)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      PathwaysChartCard *card;

      if (PATHWAYS_IS_CHART_CARD (w) &&
          g_strcmp0 (pathways_chart_view_get_table_id (pathways_chart_card_get_view (PATHWAYS_CHART_CARD (w))),
                     table_id) == 0)
        return PATHWAYS_CHART_CARD (w);
      if ((card = find_card (w, table_id)) != NULL)
        return card;
    }
  return NULL;
}

/* The text of the grid cell at (COLUMN, ROW). */
static const char *
grid_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

static void
test_filter (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  PathwaysFilterSidebar *sidebar;
  PathwaysFilterItem *police;
  PathwaysChartCard *funnel;
  AdwWindowTitle *title;
  GtkGrid *grid;
  g_autofree char *before_description = NULL;
  g_autofree char *cases_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *closed_text = NULL;
  g_autofree char *all_closed_text = NULL;
  guint n_police, n_police_closed, n_reports, n_closed = 0;
  GListModel *model;

  window = ui_test_open_sample (app, 1280, 800);
  dataset = pathways_window_get_dataset (window);
  for (guint i = 0; i < dataset->n_cases; i++)
    n_closed += pathways_dataset_case_is_closed (dataset, i);

  sidebar = ui_test_window_child (window, "filter_sidebar");
  title = ui_test_window_child (window, "window_title");
  model = pathways_filter_sidebar_get_model (sidebar);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 10);

  /* before: every case; the sidebar count of a value is its case count */
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  count_cases (dataset, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police", &n_police, &n_police_closed);
  g_assert_cmpuint (n_police, >, 0);
  g_assert_cmpuint (n_police, <, dataset->n_cases);
  police = find_item (model, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  g_assert_nonnull (police);
  g_assert_cmpuint (pathways_filter_item_get_count (police), ==, n_police);
  g_assert_cmpstr (gtk_label_get_label (pathways_filter_sidebar_get_summary_label (sidebar)),
                   ==, "All cases");

  /* the funnel's table view: "Referred" is every closed case */
  funnel = find_card (GTK_WIDGET (window), "funnel");
  g_assert_nonnull (funnel);
  before_description = g_strdup (pathways_chart_view_get_description (pathways_chart_card_get_view (funnel)));
  g_assert_nonnull (before_description);
  pathways_chart_card_set_show_table (funnel, TRUE);
  grid = pathways_chart_card_get_grid (funnel);
  all_closed_text = expected_count (n_closed);
  g_assert_cmpstr (grid_text (grid, 0, 1), ==, "Referred");
  g_assert_cmpstr (grid_text (grid, 1, 1), ==, all_closed_text);

  /* tick "Police" through the model: one new report */
  n_reports = pathways_window_get_n_reports (window);
  pathways_filter_item_set_active (police, TRUE);
  ui_test_iterate (2);
  g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports + 1);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_police);

  /* what the window shows changed with it */
  cases_text = expected_count (n_police);
  total_text = expected_count (dataset->n_cases);
  subtitle = g_strdup_printf ("%s of %s cases", cases_text, total_text);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, subtitle);
  g_assert_nonnull (strstr (gtk_label_get_label (pathways_filter_sidebar_get_summary_label (sidebar)),
                            "Police"));
  grid = pathways_chart_card_get_grid (funnel);
  closed_text = expected_count (n_police_closed);
  g_assert_cmpstr (grid_text (grid, 1, 1), ==, closed_text);
  /* the police count stays what ticking it gives; another source's count drops to 0
   * only if it were AND-ed: values of one field are OR-ed, so it keeps its own */
  g_assert_cmpuint (pathways_filter_item_get_count (police), ==, n_police);

  /* clear: back to every case, in one more report */
  n_reports = pathways_window_get_n_reports (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL));
  ui_test_iterate (2);
  g_assert_false (pathways_filter_item_get_active (police));
  g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports + 1);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  g_assert_cmpstr (gtk_label_get_label (pathways_filter_sidebar_get_summary_label (sidebar)),
                   ==, "All cases");
  g_assert_cmpstr (grid_text (pathways_chart_card_get_grid (funnel), 1, 1), ==, all_closed_text);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_click_filter_undo (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  guint n_police, n_police_closed;

  window = ui_test_open_sample (app, 1280, 800);
  dataset = pathways_window_get_dataset (window);
  count_cases (dataset, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police", &n_police, &n_police_closed);

  g_assert_true (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police"));
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_police);
  /* already in force, or not a value of the data */
  g_assert_false (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police"));
  g_assert_false (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "No such source"));

  pathways_window_undo_filter (window);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);

  /* a click on the "Police" row of the planned-closure rates by referral source */
  {
    PathwaysChartView *rates = ui_test_find_chart_view (GTK_WIDGET (window), "planned_closure_rates",
                                                        "referral_source");

    g_assert_nonnull (rates);
    g_signal_emit_by_name (rates, "mark-activated", "Police", "Police");
    g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_police);
    pathways_window_undo_filter (window);
    g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_click_more_charts (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  PathwaysFilterSidebar *sidebar;
  PathwaysChartView *reasons, *funnel, *trend, *classes;
  PathwaysColumn *column;
  guint n_reason = 0, n_reports;
  const char *reason = "Did not engage";
  int code;

  window = ui_test_open_sample (app, 1280, 800);
  dataset = pathways_window_get_dataset (window);
  sidebar = ui_test_window_child (window, "filter_sidebar");

  /* a closure reason: the cases closed for it, said in the sidebar summary */
  column = dataset->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  code = pathways_dictionary_lookup (column->dict, reason);
  g_assert_cmpint (code, >, 0);
  for (guint i = 0; i < dataset->n_cases; i++)
    n_reason += column->codes[i] == code;
  g_assert_cmpuint (n_reason, >, 0);
  reasons = ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL);
  g_assert_nonnull (reasons);
  g_assert_true (pathways_chart_view_get_activatable (reasons));
  g_signal_emit_by_name (reasons, "mark-activated", reason, reason);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_reason);
  g_assert_cmpstr (gtk_label_get_label (pathways_filter_sidebar_get_summary_label (sidebar)),
                   ==, "Closure reason: Did not engage");

  /* a funnel stage on top: both in force; Undo takes the stage back only */
  funnel = ui_test_find_chart_view (GTK_WIDGET (window), "funnel", NULL);
  g_signal_emit_by_name (funnel, "mark-activated", "planned_closure", "Planned closure");
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, 0);   /* did not engage is not planned */
  g_assert_cmpstr (gtk_label_get_label (pathways_filter_sidebar_get_summary_label (sidebar)),
                   ==, "Closure reason: Did not engage · Reached: Planned closure");
  pathways_window_undo_filter (window);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_reason);

  /* Clear takes a closure reason away too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL));
  ui_test_iterate (2);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  g_assert_cmpstr (gtk_label_get_label (pathways_filter_sidebar_get_summary_label (sidebar)),
                   ==, "All cases");

  /* trends and classes filter nothing: not activatable, and a click changes nothing */
  trend = ui_test_find_chart_view (GTK_WIDGET (window), "waiting_trend", NULL);
  classes = ui_test_find_chart_view (GTK_WIDGET (window), "multi_category_classes", NULL);
  g_assert_nonnull (trend);
  g_assert_nonnull (classes);
  g_assert_false (pathways_chart_view_get_activatable (trend));
  g_assert_false (pathways_chart_view_get_activatable (classes));
  g_assert_false (pathways_chart_view_get_activatable (ui_test_find_chart_view (GTK_WIDGET (window), "completeness", NULL)));
  n_reports = pathways_window_get_n_reports (window);
  g_signal_emit_by_name (classes, "mark-activated", "one", "One");
  g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The cards of PAGE: one column in a narrow window, two side by side in a wide one,
 * the waiting-times table across the page either way. */
static void
check_columns (int         width,
               int         height,
               gboolean    two)
{
  PathwaysWindow *window = ui_test_open_sample (app, width, height);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  GtkWidget *first, *second, *table;
  graphene_rect_t a, b, t;

  adw_view_stack_set_visible_child_name (stack, "closures");
  ui_test_iterate (5);
  ui_test_wait_layout (GTK_WIDGET (window));
  first = gtk_widget_get_ancestor (GTK_WIDGET (ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL)),
                                   PATHWAYS_TYPE_CHART_CARD);
  second = gtk_widget_get_next_sibling (first);
  g_assert_true (PATHWAYS_IS_CHART_CARD (second));
  g_assert_true (gtk_widget_compute_bounds (first, gtk_widget_get_parent (first), &a));
  g_assert_true (gtk_widget_compute_bounds (second, gtk_widget_get_parent (first), &b));
  if (two)
    {
      /* side by side, the same height, each at least 560 px wide */
      g_assert_cmpfloat (a.origin.y, ==, b.origin.y);
      g_assert_cmpfloat (a.size.height, ==, b.size.height);
      g_assert_cmpfloat (b.origin.x, >=, a.origin.x + a.size.width);
      g_assert_cmpfloat (a.size.width, >=, 560);
      g_assert_cmpfloat (a.size.width, ==, b.size.width);
    }
  else
    {
      g_assert_cmpfloat (a.origin.x, ==, b.origin.x);
      g_assert_cmpfloat (b.origin.y, >=, a.origin.y + a.size.height);
      g_assert_cmpfloat (a.size.width, ==, b.size.width);
    }
  /* the chart keeps its height in either layout */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL))),
                   >=, 220);

  adw_view_stack_set_visible_child_name (stack, "waiting");
  ui_test_iterate (5);
  ui_test_wait_layout (GTK_WIDGET (window));
  table = gtk_widget_get_ancestor (GTK_WIDGET (ui_test_find_chart_view (GTK_WIDGET (window), "waiting_times", NULL)),
                                   PATHWAYS_TYPE_CHART_CARD);
  g_assert_true (gtk_widget_compute_bounds (table, gtk_widget_get_parent (table), &t));
  g_assert_cmpfloat (t.size.width, ==, gtk_widget_get_width (gtk_widget_get_parent (table)));
  /* "Show as table" still shows the grid */
  pathways_chart_card_set_show_table (PATHWAYS_CHART_CARD (first), TRUE);
  g_assert_true (pathways_chart_card_get_show_table (PATHWAYS_CHART_CARD (first)));
  g_assert_nonnull (gtk_grid_get_child_at (pathways_chart_card_get_grid (PATHWAYS_CHART_CARD (first)), 0, 1));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A grid 2,000 px wide (a 2560 px window's content; the test screen is smaller, so
 * the grid is put in a scrolled window of its own) lays out three cards side by
 * side, a wide card on a row of its own; 1,200 px gives two columns. */
static void
check_grid_columns (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid = pathways_card_grid_new ();
  GtkWidget *cards[4];
  graphene_rect_t r[4];

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      cards[i] = gtk_label_new ("card");
      gtk_widget_set_size_request (cards[i], 300, 200);
      pathways_card_grid_append (PATHWAYS_CARD_GRID (grid), cards[i], i == 3);
    }
  gtk_widget_set_size_request (grid, 2000, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_while (ui_test_not_mapped, window, 20, 5);
  ui_test_wait_layout (window);

  g_assert_cmpint (gtk_widget_get_width (grid), ==, 2000);
  g_assert_cmpuint (pathways_card_grid_get_columns (PATHWAYS_CARD_GRID (grid)), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    g_assert_true (gtk_widget_compute_bounds (cards[i], grid, &r[i]));
  g_assert_cmpfloat (r[0].origin.y, ==, r[1].origin.y);
  g_assert_cmpfloat (r[1].origin.y, ==, r[2].origin.y);
  g_assert_cmpfloat (r[1].origin.x, >=, r[0].origin.x + r[0].size.width);
  g_assert_cmpfloat (r[2].origin.x, >=, r[1].origin.x + r[1].size.width);
  g_assert_cmpfloat (r[0].size.width, >=, 560);
  /* the wide card: below, the whole width */
  g_assert_cmpfloat (r[3].origin.y, >=, r[0].origin.y + r[0].size.height);
  g_assert_cmpfloat (r[3].size.width, ==, 2000);

  gtk_widget_set_size_request (grid, 1200, -1);
  ui_test_wait_layout (window);
  g_assert_cmpuint (pathways_card_grid_get_columns (PATHWAYS_CARD_GRID (grid)), ==, 2);
  g_assert_true (gtk_widget_compute_bounds (cards[2], grid, &r[2]));
  g_assert_true (gtk_widget_compute_bounds (cards[0], grid, &r[0]));
  g_assert_cmpfloat (r[2].origin.y, >=, r[0].origin.y + r[0].size.height);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_columns (void)
{
  check_columns (1280, 800, FALSE);
  check_columns (1920, 1080, TRUE);
  check_grid_columns ();
}

static void
test_period (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  PathwaysPeriodChooser *chooser;
  PathwaysColumn *referral;
  GArray *years;
  guint expected = 0;
  g_autofree char *id = NULL;
  gint32 from, to;
  int year;

  window = ui_test_open_sample (app, 1280, 800);
  dataset = pathways_window_get_dataset (window);
  chooser = ui_test_window_child (window, "period_chooser");

  g_assert_cmpstr (pathways_period_chooser_get_label (chooser), ==, "Whole period");
  /* the first financial year offered is the newest */
  years = pathways_period_chooser_get_periods (chooser, PATHWAYS_PERIOD_FYEAR);
  g_assert_cmpuint (years->len, >, 1);
  year = g_array_index (years, PathwaysPeriod, 0).year;
  g_assert_cmpint (year, >, g_array_index (years, PathwaysPeriod, 1).year);
  g_assert_cmpint (year, >, 2000);

  from = pathways_day_from_ymd (year, 4, 1);
  to = pathways_day_from_ymd (year + 1, 3, 31);
  referral = dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  for (guint i = 0; i < dataset->n_cases; i++)
    expected += referral->days[i] >= from && referral->days[i] <= to;
  g_assert_cmpuint (expected, >, 0);

  id = g_strdup_printf ("FY%d-%02d", year, (year + 1) % 100);
  ui_test_select_period (window, id);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, expected);
  g_assert_true (g_str_has_prefix (pathways_period_chooser_get_label (chooser), "Financial year "));

  /* Clear takes the filters away, not the period; with only a period it has nothing
   * to clear */
  {
    PathwaysFilterSidebar *sidebar = ui_test_window_child (window, "filter_sidebar");
    PathwaysFilterItem *police = find_item (pathways_filter_sidebar_get_model (sidebar),
                                            PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
    GtkWidget *clear = ui_test_find_widget (GTK_WIDGET (sidebar), GTK_TYPE_BUTTON, NULL, NULL);

    g_assert_nonnull (clear);
    g_assert_false (gtk_widget_get_sensitive (clear));
    pathways_filter_item_set_active (police, TRUE);
    g_assert_cmpuint (ui_test_cohort_cases (window), <, expected);
    g_assert_true (gtk_widget_get_sensitive (clear));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL));
    ui_test_iterate (2);
    g_assert_cmpuint (ui_test_cohort_cases (window), ==, expected);
    g_assert_false (pathways_filter_item_get_active (police));
    g_assert_true (g_str_has_prefix (pathways_period_chooser_get_label (chooser), "Financial year "));
    g_assert_false (gtk_widget_get_sensitive (clear));
  }

  ui_test_select_period (window, NULL);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rows of LIST's labels, in order. */
static char *
list_labels (GtkListBox *list,
             guint       max)
{
  GString *text = g_string_new (NULL);
  GtkListBoxRow *row;

  for (guint i = 0; i < max && (row = gtk_list_box_get_row_at_index (list, (int) i)) != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                            gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (row))));
  return g_string_free (text, FALSE);
}

/* The period chooser: the whole period and a custom range first, then financial
 * years, financial quarters, calendar years, calendar quarters and months; it opens
 * at the choice (its group alone expanded, its row selected); a row chosen filters. */
static void
test_period_chooser (void)
{
  static const PathwaysPeriodKind order[] = {
    PATHWAYS_PERIOD_FYEAR, PATHWAYS_PERIOD_FQUARTER, PATHWAYS_PERIOD_YEAR,
    PATHWAYS_PERIOD_QUARTER, PATHWAYS_PERIOD_MONTH,
  };
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  PathwaysDataset *dataset = pathways_window_get_dataset (window);
  PathwaysPeriodChooser *chooser = ui_test_window_child (window, "period_chooser");
  GtkPopover *popover = pathways_period_chooser_get_popover (chooser);
  GtkWidget *previous = NULL;
  GtkExpander *expander;
  GtkListBox *list;
  GtkListBoxRow *row;
  GArray *quarters;
  PathwaysPeriod q1;
  g_autofree char *labels = NULL;
  g_autofree char *id = NULL;
  guint n_q1 = 0;

  /* the groups in order, each offered, after the list of the whole period and a range */
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      GtkWidget *group = GTK_WIDGET (pathways_period_chooser_get_expander (chooser, order[k]));

      g_assert_true (gtk_widget_get_visible (group));
      g_assert_cmpuint (pathways_period_chooser_get_periods (chooser, order[k])->len, >, 0);
      if (previous != NULL)
        g_assert_true (gtk_widget_get_prev_sibling (group) == previous);
      else
        g_assert_true (GTK_IS_LIST_BOX (gtk_widget_get_prev_sibling (group)));
      previous = group;
    }
  labels = list_labels (GTK_LIST_BOX (gtk_widget_get_prev_sibling (GTK_WIDGET (
    pathways_period_chooser_get_expander (chooser, PATHWAYS_PERIOD_FYEAR)))), 5);
  g_assert_cmpstr (labels, ==, "Whole period|Custom Range…");
  g_clear_pointer (&labels, g_free);

  /* financial quarters, named as funders do: the newest Q1 */
  quarters = pathways_period_chooser_get_periods (chooser, PATHWAYS_PERIOD_FQUARTER);
  for (guint i = 0; i < quarters->len && n_q1 == 0; i++)
    if (g_array_index (quarters, PathwaysPeriod, i).number == 1)
      {
        q1 = g_array_index (quarters, PathwaysPeriod, i);
        n_q1 = 1;
      }
  g_assert_cmpuint (n_q1, ==, 1);
  id = pathways_period_to_string (&q1);
  ui_test_select_period (window, id);
  {
    g_autofree char *label = g_strdup_printf ("%d-%02d Q1", q1.year, (q1.year + 1) % 100);
    guint expected = 0;
    PathwaysColumn *referral = dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE];

    g_assert_cmpstr (pathways_period_chooser_get_label (chooser), ==, label);
    for (guint i = 0; i < dataset->n_cases; i++)
      expected += referral->days[i] >= q1.from && referral->days[i] <= q1.to;
    g_assert_cmpuint (ui_test_cohort_cases (window), ==, expected);
  }

  /* opened: at the financial quarters, the quarter's row selected */
  gtk_popover_popup (popover);
  ui_test_wait_while (ui_test_not_mapped, popover, 10, 5);
  ui_test_wait_layout (GTK_WIDGET (popover));
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    g_assert_true (gtk_expander_get_expanded (pathways_period_chooser_get_expander (chooser, order[k])) ==
                   (order[k] == PATHWAYS_PERIOD_FQUARTER));
  row = pathways_period_chooser_get_choice_row (chooser);
  g_assert_nonnull (row);
  list = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row)));
  g_assert_true (gtk_list_box_get_selected_row (list) == row);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (row))), ==,
                   pathways_period_chooser_get_label (chooser));
  ui_test_save_screenshot (GTK_WIDGET (popover), "app-period-chooser.png", 5);

  /* a click on the newest calendar year's row chooses it and closes the popover */
  expander = pathways_period_chooser_get_expander (chooser, PATHWAYS_PERIOD_YEAR);
  gtk_expander_set_expanded (expander, TRUE);
  list = GTK_LIST_BOX (gtk_expander_get_child (expander));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  ui_test_iterate (5);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpint (pathways_period_chooser_get_period (chooser)->kind, ==, PATHWAYS_PERIOD_YEAR);
  g_assert_cmpstr (pathways_period_chooser_get_label (chooser), ==,
                   gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (row))));

  /* the whole period opens at the financial years; a period not offered is refused */
  ui_test_select_period (window, NULL);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  gtk_popover_popup (popover);
  ui_test_iterate (5);
  g_assert_true (gtk_expander_get_expanded (pathways_period_chooser_get_expander (chooser, PATHWAYS_PERIOD_FYEAR)));
  g_assert_false (gtk_expander_get_expanded (pathways_period_chooser_get_expander (chooser, PATHWAYS_PERIOD_MONTH)));
  gtk_popover_popdown (popover);
  g_assert_false (pathways_period_chooser_select (chooser, "FY1950-51"));
  g_assert_false (pathways_period_chooser_select (chooser, "not a period"));
  g_assert_null (pathways_period_chooser_dup_id (chooser));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_presentation (void)
{
  PathwaysWindow *window;
  PathwaysPresentation *presentation = NULL;
  PathwaysReport *shown;
  GList *toplevels;
  guint n;

  window = ui_test_open_sample (app, 1280, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  ui_test_iterate (5);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (PATHWAYS_IS_PRESENTATION (l->data))
        presentation = l->data;
    }
  g_list_free (toplevels);
  g_assert_nonnull (presentation);

  /* protected figures: a copy under the default threshold, the window's stays exact */
  shown = pathways_presentation_get_report (presentation);
  g_assert_true (shown != pathways_window_get_report (window));
  g_assert_cmpuint (shown->threshold, ==, 5);
  g_assert_cmpuint (pathways_window_get_report (window)->threshold, ==, 0);

  n = pathways_presentation_get_n_charts (presentation);
  g_assert_cmpuint (n, >, 5);
  pathways_presentation_go (presentation, -(int) n);
  g_assert_cmpuint (pathways_presentation_get_index (presentation), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (presentation), "presentation.next", NULL));
  g_assert_cmpuint (pathways_presentation_get_index (presentation), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (presentation), "presentation.last", NULL));
  g_assert_cmpuint (pathways_presentation_get_index (presentation), ==, n - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (presentation), "presentation.next", NULL));
  g_assert_cmpuint (pathways_presentation_get_index (presentation), ==, n - 1);

  gtk_window_destroy (GTK_WINDOW (presentation));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The presentation's shortcut for KEYVAL, in a controller that runs in the capture
 * phase (before the widget with the keyboard), or NULL. */
static GtkShortcutAction *
capture_shortcut (GtkWidget *widget,
                  guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_get_action (shortcut);
        }
    }
  return NULL;
}

static gboolean
focusable_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return gtk_widget_get_focusable (widget);
}

/* Every key the footer ("Arrow keys to move") and the shortcuts window name moves
 * the slides, whatever has the keyboard: the keys are taken before a chart sees them,
 * and no chart of a slide can take the keyboard. */
static void
test_presentation_keys (void)
{
  static const struct {
    guint keyval;
    int   expected;   /* the slide after the key; -1: the last */
  } steps[] = {
    { GDK_KEY_Right, 1 }, { GDK_KEY_space, 2 }, { GDK_KEY_Page_Down, 3 }, { GDK_KEY_Down, 4 },
    { GDK_KEY_Left, 3 }, { GDK_KEY_Page_Up, 2 }, { GDK_KEY_Up, 1 }, { GDK_KEY_BackSpace, 0 },
    { GDK_KEY_End, -1 }, { GDK_KEY_Home, 0 },
  };
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  PathwaysPresentation *presentation = NULL;
  GList *toplevels;
  guint n;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL));
  ui_test_iterate (5);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PATHWAYS_IS_PRESENTATION (l->data))
      presentation = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (presentation);
  n = pathways_presentation_get_n_charts (presentation);
  g_assert_cmpuint (n, >, 5);

  g_assert_nonnull (ui_test_find_widget (GTK_WIDGET (presentation), PATHWAYS_TYPE_CHART_VIEW, NULL, NULL));
  g_assert_null (ui_test_find_widget (GTK_WIDGET (presentation), PATHWAYS_TYPE_CHART_VIEW,
                                      focusable_view, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GtkShortcutAction *action = capture_shortcut (GTK_WIDGET (presentation), steps[i].keyval);

      g_assert_nonnull (action);
      g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (presentation), NULL));
      g_assert_cmpuint (pathways_presentation_get_index (presentation), ==,
                        steps[i].expected < 0 ? n - 1 : (guint) steps[i].expected);
    }
  /* Escape leaves */
  g_assert_nonnull (capture_shortcut (GTK_WIDGET (presentation), GDK_KEY_Escape));
  g_assert_true (gtk_shortcut_action_activate (capture_shortcut (GTK_WIDGET (presentation), GDK_KEY_Escape),
                                               0, GTK_WIDGET (presentation), NULL));
  ui_test_iterate (5);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    g_assert_false (PATHWAYS_IS_PRESENTATION (l->data));
  g_list_free (toplevels);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
click_chip (PathwaysFilterChips *chips,
            const char          *text)
{
  for (guint i = 0; i < pathways_filter_chips_get_n_chips (chips); i++)
    if (g_strcmp0 (pathways_filter_chips_get_text (chips, i), text) == 0)
      {
        g_signal_emit_by_name (pathways_filter_chips_get_button (chips, i), "clicked");
        ui_test_iterate (2);
        return;
      }
  g_assert_not_reached ();
}

/* Every filter in force is a chip above the pages, a ticked value, a clicked closure
 * reason (which the sidebar does not list) and a stage alike; a chip's button takes
 * its filter away, and only it. */
static void
test_filter_chips (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  PathwaysFilterChips *chips = ui_test_window_child (window, "filter_chips");
  PathwaysFilterSidebar *sidebar = ui_test_window_child (window, "filter_sidebar");
  PathwaysDataset *dataset = pathways_window_get_dataset (window);
  PathwaysFilterItem *police = find_item (pathways_filter_sidebar_get_model (sidebar),
                                          PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  const PathwaysFilter *filter;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chips)));
  g_assert_cmpuint (pathways_filter_chips_get_n_chips (chips), ==, 0);

  pathways_filter_item_set_active (police, TRUE);
  /* (a click may make the cards again: each chart found afresh) */
  g_signal_emit_by_name (ui_test_find_chart_view (GTK_WIDGET (window), "closure_reasons", NULL),
                         "mark-activated", "Did not engage", "Did not engage");
  g_signal_emit_by_name (ui_test_find_chart_view (GTK_WIDGET (window), "funnel", NULL),
                         "mark-activated", "assessed", "Assessed");
  ui_test_iterate (2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chips)));
  g_assert_cmpuint (pathways_filter_chips_get_n_chips (chips), ==, 3);
  g_assert_cmpstr (pathways_filter_chips_get_text (chips, 0), ==, "Referral source: Police");
  g_assert_cmpstr (pathways_filter_chips_get_text (chips, 1), ==, "Closure reason: Did not engage");
  g_assert_cmpstr (pathways_filter_chips_get_text (chips, 2), ==, "Reached: Assessed");
  ui_test_save_screenshot (GTK_WIDGET (window), "app-filter-chips.png", 5);

  /* the closure reason goes, the rest stays */
  click_chip (chips, "Closure reason: Did not engage");
  filter = pathways_window_get_report (window)->filter;
  g_assert_null (pathways_filter_get_values (filter, PATHWAYS_FIELD_CLOSURE_REASON));
  g_assert_nonnull (pathways_filter_get_values (filter, PATHWAYS_FIELD_REFERRAL_SOURCE));
  g_assert_cmpstr (pathways_filter_get_stage (filter), ==, "assessed");
  g_assert_cmpuint (pathways_filter_chips_get_n_chips (chips), ==, 2);

  /* a ticked value is unticked in the sidebar */
  click_chip (chips, "Referral source: Police");
  g_assert_false (pathways_filter_item_get_active (police));
  g_assert_null (pathways_filter_get_values (pathways_window_get_report (window)->filter,
                                             PATHWAYS_FIELD_REFERRAL_SOURCE));

  /* the stage; then no chip, every case */
  click_chip (chips, "Reached: Assessed");
  g_assert_cmpuint (pathways_filter_chips_get_n_chips (chips), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chips)));
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether WIDGET is a button that shows only an icon. */
static gboolean
icon_button (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* the button inside a menu button or a split button is named by its owner */
  if (parent != NULL && (GTK_IS_MENU_BUTTON (parent) || ADW_IS_SPLIT_BUTTON (parent)))
    return FALSE;
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL;
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL ||
           GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)));
  return FALSE;
}

/* The icon buttons under ROOT with no accessible label, as
 * "TypeName (tooltip)" lines, in WITHOUT; the window's own controls (GTK's) aside. */
static void
unnamed_icon_buttons (GtkWidget *root,
                      GString   *without,
                      guint     *n_checked)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_WINDOW_CONTROLS (w))
        continue;
      if (icon_button (w))
        {
          (*n_checked)++;
          /* (a button is labelled by its child, here an image: "GtkImage") */
          if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL))
            g_string_append_printf (without, "%s (%s)\n", G_OBJECT_TYPE_NAME (w),
                                    gtk_widget_get_tooltip_text (w));
        }
      unnamed_icon_buttons (w, without, n_checked);
    }
}

/* Every icon button of the window, the filter chips' and the compare mode's
 * included, has an accessible name (GTK 4.8 does not take the tooltip for one: the
 * buttons were announced as "GtkButton"). */
static void
test_accessible_names (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  g_autoptr(GString) without = g_string_new (NULL);
  guint n_checked = 0;

  /* a chip; ticked in the sidebar (a click's toast has libadwaita's own button) */
  pathways_filter_item_set_active (find_item (pathways_filter_sidebar_get_model (ui_test_window_child (window, "filter_sidebar")),
                                              PATHWAYS_FIELD_REFERRAL_SOURCE, "Police"), TRUE);
  pathways_window_set_compare (window, TRUE);
  ui_test_iterate (5);
  unnamed_icon_buttons (GTK_WIDGET (window), without, &n_checked);
  g_test_message ("%u icon buttons checked", n_checked);
  g_assert_cmpuint (n_checked, >=, 5);
  g_assert_cmpstr (without->str, ==, "");

  pathways_window_set_compare (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The alpha of the pixel (X, Y) of WIDGET drawn alone. */
static guint
widget_alpha_at (GtkWidget *widget,
                 int        x,
                 int        y)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree guchar *pixels = NULL;

  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  /* GDK_MEMORY_DEFAULT: B, G, R, A */
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  return pixels[((gsize) y * width + x) * 4 + 3];
}

/* At 800×600 (the sidebar over the content), the waiting-times table keeps every
 * column at its width and scrolls sideways to the last one; the sidebar floats over
 * the page on a background of its own. */
static void
test_small_window (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 800, 600);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  AdwFlap *flap;
  PathwaysChartCard *card;
  GtkGrid *grid;
  GtkWidget *scrolled;
  GtkAdjustment *h;
  PathwaysReportTable *table;
  GtkWidget *last;
  int n_columns;

  adw_view_stack_set_visible_child_name (stack, "waiting");
  ui_test_iterate (5);
  ui_test_wait_layout (GTK_WIDGET (window));
  card = PATHWAYS_CHART_CARD (gtk_widget_get_ancestor (GTK_WIDGET (ui_test_find_chart_view (GTK_WIDGET (window), "waiting_times", NULL)),
                                                       PATHWAYS_TYPE_CHART_CARD));
  table = pathways_chart_view_get_table (pathways_chart_card_get_view (card));
  n_columns = (int) table->columns->len;
  g_assert_cmpint (n_columns, >=, 12);
  grid = pathways_chart_card_get_grid (card);
  g_assert_nonnull (grid);
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_test_message ("table %d px wide in %d px: upper %.0f page %.0f",
                  gtk_widget_get_width (GTK_WIDGET (grid)), gtk_widget_get_width (scrolled),
                  gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h));
  /* every column, each at least as wide as its header's longest word */
  for (int c = 0; c < n_columns; c++)
    {
      GtkWidget *header = gtk_grid_get_child_at (grid, c, 0);
      int min = 0;

      g_assert_nonnull (header);
      gtk_widget_measure (header, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (header), >=, min);
    }
  /* wider than the page: a scrollbar, and scrolled to the last column, it is in view */
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
  g_assert_true (gtk_widget_get_visible (gtk_scrolled_window_get_hscrollbar (GTK_SCROLLED_WINDOW (scrolled))));
  gtk_adjustment_set_value (h, gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h));
  ui_test_iterate (5);
  last = gtk_grid_get_child_at (grid, n_columns - 1, 0);
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (last, scrolled, &bounds));
    g_assert_cmpfloat (bounds.origin.x, >=, 0);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (scrolled));
  }
  ui_test_save_screenshot (GTK_WIDGET (window), "app-waiting-800x600-scrolled.png", 5);

  /* the pages can be changed: the switcher is at the bottom */
  g_assert_true (gtk_widget_get_mapped (ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR,
                                                             NULL, NULL)));

  /* the sidebar over the content has a background */
  flap = ui_test_window_child (window, "flap");
  g_assert_true (adw_flap_get_folded (flap));
  adw_flap_set_reveal_flap (flap, TRUE);
  ui_test_iterate (10);
  ui_test_wait_layout (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-sidebar-800x600.png", 5);
  /* the pane's own pixels are opaque where it has nothing on it: beside the heading */
  {
    GtkWidget *pane = gtk_widget_get_parent (GTK_WIDGET (ui_test_window_child (window, "filter_sidebar")));

    g_assert_true (gtk_widget_has_css_class (pane, "filter-pane"));
    g_assert_cmpuint (widget_alpha_at (pane, 4, gtk_widget_get_height (pane) / 2), ==, 255);
    g_assert_cmpuint (widget_alpha_at (pane, gtk_widget_get_width (pane) - 4,
                                       gtk_widget_get_height (pane) - 4), ==, 255);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
screenshots_at (int width,
                int height)
{
  PathwaysWindow *window = ui_test_open_sample (app, width, height);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          g_autofree char *name = g_strdup_printf ("app-%s-%dx%d%s.png", pages[p], width, height,
                                                   dark ? "-dark" : "");

          adw_view_stack_set_visible_child_name (stack, pages[p]);
          ui_test_iterate (5);
          ui_test_wait_layout (GTK_WIDGET (window));
          g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[p]);
          ui_test_save_screenshot (GTK_WIDGET (window), name, 0);
        }
    }

  /* the keyboard on the funnel's third stage: outlined, its figures beside it */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  adw_view_stack_set_visible_child_name (stack, "journey");
  ui_test_iterate (5);
  {
    PathwaysChartView *funnel = ui_test_find_chart_view (GTK_WIDGET (window), "funnel", NULL);
    g_autofree char *name = g_strdup_printf ("app-keyboard-%dx%d.png", width, height);

    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (funnel)));
    gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
    pathways_chart_view_set_focus_mark (funnel, 2);
    g_assert_nonnull (pathways_chart_view_get_mark_text (funnel));
    ui_test_iterate (5);
    ui_test_save_screenshot (GTK_WIDGET (window), name, 0);
    pathways_chart_view_set_focus_mark (funnel, -1);
  }

  /* a filter in force, for the record */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  adw_view_stack_set_visible_child_name (stack, "closures");
  g_assert_true (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police"));
  ui_test_iterate (5);
  {
    g_autofree char *name = g_strdup_printf ("app-filtered-%dx%d.png", width, height);

    ui_test_save_screenshot (GTK_WIDGET (window), name, 0);
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A page not shown when a filter changes shows the figures of the new filter once it
 * is shown. */
static void
test_stale_page (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  PathwaysFilterItem *police;
  PathwaysChartCard *reasons, *funnel;
  PathwaysChartView *view;
  PathwaysReportTable *table;
  AdwViewStack *stack;
  g_autofree char *before_description = NULL;
  guint n_police, n_police_closed, n_closed = 0;
  double funnel_base;

  window = ui_test_open_sample (app, 1280, 800);
  dataset = pathways_window_get_dataset (window);
  for (guint i = 0; i < dataset->n_cases; i++)
    n_closed += pathways_dataset_case_is_closed (dataset, i);
  count_cases (dataset, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police", &n_police, &n_police_closed);
  g_assert_cmpuint (n_police_closed, <, n_closed);
  stack = ui_test_window_child (window, "view_stack");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "journey");

  /* every page's cards have the report of the opened dataset: closure reasons are
   * counted over the closed cases */
  reasons = find_card (GTK_WIDGET (window), "closure_reasons");
  g_assert_nonnull (reasons);
  view = pathways_chart_card_get_view (reasons);
  g_assert_true (pathways_chart_view_get_report (view) == pathways_window_get_report (window));
  table = pathways_chart_view_get_table (view);
  g_assert_nonnull (table);
  g_assert_cmpfloat (table->base.value, ==, (double) n_closed);
  before_description = g_strdup (pathways_chart_view_get_description (view));

  funnel = find_card (GTK_WIDGET (window), "funnel");
  g_assert_nonnull (funnel);
  table = pathways_chart_view_get_table (pathways_chart_card_get_view (funnel));
  g_assert_nonnull (table);
  funnel_base = table->base.value;

  /* tick "Police" on the journey page: the funnel follows at once */
  police = find_item (pathways_filter_sidebar_get_model (ui_test_window_child (window, "filter_sidebar")),
                      PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  g_assert_nonnull (police);
  pathways_filter_item_set_active (police, TRUE);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, n_police);
  funnel = find_card (GTK_WIDGET (window), "funnel");
  g_assert_true (pathways_chart_view_get_report (pathways_chart_card_get_view (funnel)) ==
                 pathways_window_get_report (window));
  g_assert_cmpfloat (pathways_chart_view_get_table (pathways_chart_card_get_view (funnel))->base.value,
                     <, funnel_base);
  /* the hidden page's card keeps the old figures until shown, and its page's cards
   * are not laid out meanwhile (the view stack would measure them) */
  g_assert_true (pathways_chart_view_get_report (view) != pathways_window_get_report (window));
  g_assert_cmpfloat (pathways_chart_view_get_table (view)->base.value, ==, (double) n_closed);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (reasons))));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (funnel))));

  /* shown: counted over the closed police cases */
  adw_view_stack_set_visible_child_name (stack, "closures");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (reasons))));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (funnel))));
  ui_test_iterate (5);
  g_assert_true (pathways_chart_view_get_report (view) == pathways_window_get_report (window));
  table = pathways_chart_view_get_table (view);
  g_assert_nonnull (table);
  g_assert_cmpfloat (table->base.value, ==, (double) n_police_closed);
  g_assert_cmpstr (pathways_chart_view_get_description (view), !=, before_description);
  ui_test_wait_layout (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, 0);

  /* untick on the closures page, back to the journey: the funnel has every case again */
  pathways_filter_item_set_active (police, FALSE);
  g_assert_cmpuint (ui_test_cohort_cases (window), ==, dataset->n_cases);
  g_assert_true (pathways_chart_view_get_report (view) == pathways_window_get_report (window));
  g_assert_true (pathways_chart_view_get_report (pathways_chart_card_get_view (funnel)) !=
                 pathways_window_get_report (window));
  adw_view_stack_set_visible_child_name (stack, "journey");
  g_assert_true (pathways_chart_view_get_report (pathways_chart_card_get_view (funnel)) ==
                 pathways_window_get_report (window));
  table = pathways_chart_view_get_table (pathways_chart_card_get_view (funnel));
  g_assert_nonnull (table);
  g_assert_cmpfloat (table->base.value, ==, funnel_base);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A table cell that has the keyboard and a selection when a filter refills the grids
 * of the shown page: the cell goes (with no GTK critical, which the test framework
 * makes fatal) and the keyboard is on the same cell of the new grid. */
static void
test_table_focus (void)
{
  PathwaysWindow *window;
  PathwaysChartCard *reasons;
  GtkGrid *grid;
  GtkWidget *cell, *focus;
  gpointer old_cell;
  guint n_before;

  window = ui_test_open_sample (app, 1280, 800);
  adw_view_stack_set_visible_child_name (ui_test_window_child (window, "view_stack"), "closures");
  reasons = find_card (GTK_WIDGET (window), "closure_reasons");
  g_assert_nonnull (reasons);
  pathways_chart_card_set_show_table (reasons, TRUE);
  ui_test_wait_layout (GTK_WIDGET (window));

  grid = pathways_chart_card_get_grid (reasons);
  cell = gtk_grid_get_child_at (grid, 1, 1);
  g_assert_true (GTK_IS_LABEL (cell));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (cell)));
  g_assert_true (gtk_widget_grab_focus (cell));
  gtk_label_select_region (GTK_LABEL (cell), 0, -1);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cell);
  old_cell = cell;
  g_object_add_weak_pointer (G_OBJECT (cell), &old_cell);
  ui_test_wait_layout (GTK_WIDGET (window));

  n_before = ui_test_cohort_cases (window);
  g_assert_true (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police"));
  ui_test_wait_layout (GTK_WIDGET (window));
  g_assert_cmpuint (ui_test_cohort_cases (window), <, n_before);

  /* the old cell is gone; its place in the new grid has the keyboard */
  g_assert_null (old_cell);
  g_assert_true (pathways_chart_card_get_grid (reasons) == grid);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == gtk_grid_get_child_at (grid, 1, 1));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshots (void)
{
  screenshots_at (1280, 800);
  screenshots_at (1920, 1080);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/main-view/filter", test_filter);
  g_test_add_func ("/pathways/main-view/click-filter-undo", test_click_filter_undo);
  g_test_add_func ("/pathways/main-view/click-more-charts", test_click_more_charts);
  g_test_add_func ("/pathways/main-view/columns", test_columns);
  g_test_add_func ("/pathways/main-view/period", test_period);
  g_test_add_func ("/pathways/main-view/period-chooser", test_period_chooser);
  g_test_add_func ("/pathways/main-view/small-window", test_small_window);
  g_test_add_func ("/pathways/main-view/filter-chips", test_filter_chips);
  g_test_add_func ("/pathways/main-view/accessible-names", test_accessible_names);
  g_test_add_func ("/pathways/main-view/presentation", test_presentation);
  g_test_add_func ("/pathways/main-view/presentation-keys", test_presentation_keys);
  g_test_add_func ("/pathways/main-view/stale-page", test_stale_page);
  g_test_add_func ("/pathways/main-view/table-focus", test_table_focus);
  g_test_add_func ("/pathways/main-view/screenshots", test_screenshots);

  return ui_test_run ();
}
