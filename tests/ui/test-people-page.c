/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The People page on the sample (issue 17): a card per profiled field and the
 * appointments cards, all drawn from the report's tables (no second computation),
 * and the sample opened from the window with its outcomes and appointments, as
 * `pathways-cli summary --sample` reads them; screenshots of the page, light and dark.
 *
 * The figures are those of `pathways-cli summary --sample` (the whole period, no
 * filter), worked in test_figures(). */
#define G_LOG_DOMAIN "test-people-page"

#include "config.h"

#include <string.h>

#include "pathways-window.h"
#include "pathways-chart-card.h"
#include "pathways-report-page.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

static PathwaysWindow *
open_people (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1440, 1000);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");

  adw_view_stack_set_visible_child_name (stack, "people");
  ui_test_iterate (5);
  ui_test_wait_layout (GTK_WIDGET (window));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "people");
  return window;
}

/* The text of the table's cell at ROW, COLUMN (0: the header) of CARD's grid. */
static const char *
grid_text (PathwaysChartCard *card,
           int                column,
           int                row)
{
  GtkGrid *grid = GTK_GRID (ui_test_find_widget (GTK_WIDGET (card), GTK_TYPE_GRID, NULL, NULL));
  GtkWidget *cell;

  g_assert_nonnull (grid);
  cell = gtk_grid_get_child_at (grid, column, row);
  g_assert_true (GTK_IS_LABEL (cell));
  return gtk_label_get_text (GTK_LABEL (cell));
}

/* Scrolls the People page so that WIDGET is at the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  graphene_point_t at;

  g_assert_nonnull (scrolled);
  ui_test_wait_layout (widget);
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* AT is in the viewport's scrolled coordinates */
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + at.y - 12);
  ui_test_wait_layout (widget);
}

static PathwaysChartCard *
card_of (PathwaysChartView *view)
{
  GtkWidget *card = gtk_widget_get_ancestor (GTK_WIDGET (view), PATHWAYS_TYPE_CHART_CARD);

  g_assert_nonnull (card);
  return PATHWAYS_CHART_CARD (card);
}

/* Every profile table of the report, and the appointments', has its card on the
 * People page, shown. */
static void
test_cards (void)
{
  PathwaysWindow *window = open_people ();
  GtkWidget *page = ui_test_window_child (window, "people_page");
  PathwaysReport *report = pathways_window_get_report (window);
  PathwaysDataset *dataset = pathways_window_get_dataset (window);
  static const char * const appointments[] = {
    "appointments_summary", "appointments_sessions", "appointments_dna",
  };
  static const char * const fields[] = {
    "gender", "age_band", "ethnicity", "disability", "sexuality", "religion", "area",
  };
  guint n_profile = 0;
  GPtrArray *cards;
  gboolean found_after = FALSE;

  /* the sample's extras, as the CLI reads them */
  g_assert_nonnull (dataset->outcomes);
  g_assert_nonnull (dataset->appointments);
  g_assert_nonnull (pathways_report_get_table (report, "outcomes", NULL));

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      PathwaysChartView *view;

      if (!g_str_equal (t->id, "profile"))
        continue;
      n_profile++;
      view = ui_test_find_chart_view (page, "profile", t->key);
      g_test_message ("profile card %s: %s", t->key, view != NULL ? "found" : "missing");
      g_assert_nonnull (view);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
    }
  /* at least the fields the brief names */
  g_assert_cmpuint (n_profile, >=, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_nonnull (ui_test_find_chart_view (page, "profile", fields[i]));

  /* a profiled field's planned-closure rate where the report has one (the sample's
   * gender and age band), just after its distribution; none for the others */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gboolean has_rates = pathways_report_get_table (report, "planned_closure_rates", fields[i]) != NULL;
      PathwaysChartView *rates = ui_test_find_chart_view (page, "planned_closure_rates", fields[i]);

      g_test_message ("rates card %s: %s", fields[i], rates != NULL ? "found" : "none");
      g_assert_true ((rates != NULL) == has_rates);
    }
  g_assert_nonnull (ui_test_find_chart_view (page, "planned_closure_rates", "gender"));
  g_assert_nonnull (ui_test_find_chart_view (page, "planned_closure_rates", "age_band"));
  /* referral source is not a profile field: its rate stays on the Closures page */
  g_assert_null (ui_test_find_chart_view (page, "planned_closure_rates", "referral_source"));
  cards = pathways_report_page_get_cards (PATHWAYS_REPORT_PAGE (page));
  for (guint i = 0; i + 1 < cards->len; i++)
    {
      PathwaysChartView *view = pathways_chart_card_get_view (g_ptr_array_index (cards, i));
      PathwaysChartView *next = pathways_chart_card_get_view (g_ptr_array_index (cards, i + 1));

      if (g_strcmp0 (pathways_chart_view_get_table_id (view), "profile") == 0 &&
          g_strcmp0 (pathways_chart_view_get_table_key (view), "age_band") == 0)
        {
          g_assert_cmpstr (pathways_chart_view_get_table_id (next), ==, "planned_closure_rates");
          g_assert_cmpstr (pathways_chart_view_get_table_key (next), ==, "age_band");
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (next)));
          found_after = TRUE;
        }
    }
  g_assert_true (found_after);
  for (guint i = 0; i < G_N_ELEMENTS (appointments); i++)
    {
      g_assert_nonnull (pathways_report_get_table (report, appointments[i], NULL));
      g_assert_nonnull (ui_test_find_chart_view (page, appointments[i], NULL));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The text the report's table gives its cell (TABLE, KEY, ROW, COLUMN). */
static char *
report_text (PathwaysReport *report,
             const char     *table,
             const char     *key,
             const char     *row,
             const char     *column)
{
  PathwaysCell *cell = pathways_report_get_cell (report, table, key, row, column);

  g_assert_nonnull (cell);
  return pathways_cell_format (cell, report->threshold);
}

/* The row of ROW_ID in the report's table ID (KEY). */
static int
row_index (PathwaysReport *report,
           const char     *id,
           const char     *key,
           const char     *row_id)
{
  PathwaysReportTable *t = pathways_report_get_table (report, id, key);

  g_assert_nonnull (t);
  for (guint r = 0; r < t->rows->len; r++)
    if (g_strcmp0 (((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->id, row_id) == 0)
      return (int) r;
  g_assert_not_reached ();
  return -1;
}

/* "Show as table": the gender card's table is the report's, with both percents; the
 * sessions card's too. */
static void
test_figures (void)
{
  PathwaysWindow *window = open_people ();
  GtkWidget *page = ui_test_window_child (window, "people_page");
  PathwaysReport *report = pathways_window_get_report (window);
  PathwaysChartCard *card = card_of (ui_test_find_chart_view (page, "profile", "gender"));
  PathwaysChartCard *sessions = card_of (ui_test_find_chart_view (page, "appointments_sessions", NULL));
  int male = row_index (report, "profile", "gender", "Male");
  int none = row_index (report, "appointments_sessions", NULL, "0");
  g_autofree char *pct = report_text (report, "profile", "gender", "Male", "pct");
  g_autofree char *pct_recorded = report_text (report, "profile", "gender", "Male", "pct_recorded");
  g_autofree char *closed = report_text (report, "appointments_sessions", NULL, "0", "count");
  PathwaysChartCard *rates = card_of (ui_test_find_chart_view (page, "planned_closure_rates", "age_band"));
  int oldest = row_index (report, "planned_closure_rates", "age_band", "75+");
  g_autofree char *rate = report_text (report, "planned_closure_rates", "age_band", "75+", "rate");

  /* the sample's figures (`summary --sample`): 573 men of 6,457 cases, 6,451 with a
   * recorded gender: 573 / 6,457 = 8.87 % and 573 / 6,451 = 8.88 %, both 8.9 % */
  g_assert_cmpfloat (pathways_report_get_cell (report, "profile", "gender", "Male", "count")->value, ==, 573);
  g_assert_true (g_str_has_prefix (pct, "8.9"));
  g_assert_true (g_str_has_prefix (pct_recorded, "8.9"));

  pathways_chart_card_set_show_table (card, TRUE);
  ui_test_iterate (5);
  g_assert_cmpstr (grid_text (card, 1, 0), ==, "Cases");
  g_assert_cmpstr (grid_text (card, 2, 0), ==, "% of cases");
  g_assert_cmpstr (grid_text (card, 3, 0), ==, "% of recorded");
  g_assert_cmpstr (grid_text (card, 0, male + 1), ==, "Male");
  g_assert_cmpstr (grid_text (card, 1, male + 1), ==, "573");
  g_assert_cmpstr (grid_text (card, 2, male + 1), ==, pct);
  g_assert_cmpstr (grid_text (card, 3, male + 1), ==, pct_recorded);

  /* 3,209 of the 5,825 closed cases attended no session (55 %) */
  g_assert_cmpfloat (pathways_report_get_cell (report, "appointments_summary", NULL, "closed_cases",
                                               "value")->value, ==, 5825);
  g_assert_cmpstr (closed, ==, "3,209");
  pathways_chart_card_set_show_table (sessions, TRUE);
  ui_test_iterate (5);
  g_assert_cmpstr (grid_text (sessions, 0, none + 1), ==, "0");
  g_assert_cmpstr (grid_text (sessions, 1, none + 1), ==, closed);

  /* the age bands' planned-closure rate is the report's (`export --sample --no-suppress`):
   * 10 of the 24 closed cases aged 75+ closed planned, 10 / 24 = 41.67 % */
  g_assert_cmpfloat (pathways_report_get_cell (report, "planned_closure_rates", "age_band", "75+",
                                               "closed")->value, ==, 24);
  g_assert_cmpfloat (pathways_report_get_cell (report, "planned_closure_rates", "age_band", "75+",
                                               "planned")->value, ==, 10);
  g_test_message ("75+ planned-closure rate: %s", rate);
  g_assert_cmpstr (rate, ==, "41.7");
  pathways_chart_card_set_show_table (rates, TRUE);
  ui_test_iterate (5);
  g_assert_cmpstr (grid_text (rates, 0, oldest + 1), ==, "75+");
  g_assert_cmpstr (grid_text (rates, 3, oldest + 1), ==, rate);

  scroll_to (GTK_WIDGET (card));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-people-tables-1440x1000.png", 2);
  scroll_to (GTK_WIDGET (sessions));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-people-sessions-1440x1000.png", 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  const char *id;
  gboolean    table;
} CardWanted;

static gboolean
card_is (GtkWidget     *widget,
         gconstpointer  data)
{
  const CardWanted *wanted = data;
  PathwaysChartView *view = PATHWAYS_CHART_VIEW (widget);
  GtkWidget *card = gtk_widget_get_ancestor (widget, PATHWAYS_TYPE_CHART_CARD);

  return card != NULL && g_strcmp0 (pathways_chart_view_get_table_id (view), wanted->id) == 0 &&
         pathways_chart_card_get_show_table (PATHWAYS_CHART_CARD (card)) == wanted->table;
}

/* The card of table ID under ROOT that shows its chart (TABLE false) or its table. */
static PathwaysChartCard *
find_card (GtkWidget  *root,
           const char *id,
           gboolean    table)
{
  CardWanted wanted = { id, table };
  GtkWidget *view = ui_test_find_widget (root, PATHWAYS_TYPE_CHART_VIEW, card_is, &wanted);

  g_assert_nonnull (view);
  return card_of (PATHWAYS_CHART_VIEW (view));
}

static double
y_in (GtkWidget *widget,
      GtkWidget *page)
{
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (widget, page, &GRAPHENE_POINT_INIT (0, 0), &at));
  return at.y;
}

/* The sample's outcomes reach the window: the Outcomes page, shown for a dataset with
 * an outcomes table, has the chart of change, a chart of the answers at start and at
 * end for each item, and below them the outcomes table with every figure, whose card
 * scrolls sideways with its scrollbar shown. Screenshots light and dark. */
static void
test_outcomes (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1440, 1000);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  GtkWidget *page = adw_view_stack_get_child_by_name (stack, "outcomes");
  PathwaysReport *report = pathways_window_get_report (window);
  PathwaysReportTable *outcomes = pathways_report_get_table (report, "outcomes", NULL);
  PathwaysChartCard *change, *table, *answers;
  GtkScrolledWindow *scrolled;
  g_autofree char *paired = NULL;
  PathwaysReportRow *first;
  guint n_answers = 0;

  g_assert_nonnull (page);
  g_assert_true (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, page)));
  adw_view_stack_set_visible_child_name (stack, "outcomes");
  ui_test_iterate (5);
  ui_test_wait_layout (GTK_WIDGET (window));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "outcomes");

  /* the sample's first measure: 1,626 closed cases with answers at start and at end
   * (`summary --sample --json`, "paired_n") */
  g_assert_nonnull (outcomes);
  g_assert_cmpuint (outcomes->rows->len, >, 0);
  g_assert_cmpint (outcomes->chart.kind, ==, PATHWAYS_CHART_CHANGE);
  first = g_ptr_array_index (outcomes->rows, 0);
  paired = report_text (report, "outcomes", NULL, first->id, "paired_n");
  g_assert_cmpstr (paired, ==, "1,626");

  /* the change chart first, its table behind a switch */
  change = find_card (page, "outcomes", FALSE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (change)));
  /* the table of figures: a card of its own, shown as a table */
  table = find_card (page, "outcomes", TRUE);
  g_assert_true (table != change);
  g_assert_cmpstr (grid_text (table, 0, 1), ==, first->cells[0].text);
  /* its 20 columns are wider than the card: a scrollbar that is not an overlay */
  scrolled = GTK_SCROLLED_WINDOW (ui_test_find_widget (GTK_WIDGET (table), GTK_TYPE_SCROLLED_WINDOW, NULL, NULL));
  g_assert_nonnull (scrolled);
  g_assert_false (gtk_scrolled_window_get_overlay_scrolling (scrolled));
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      PathwaysChartView *view;

      if (!g_str_equal (t->id, "outcome_distribution"))
        continue;
      view = ui_test_find_chart_view (page, t->id, t->key);
      /* a chart card for each distribution with answers, none for an empty one */
      if (t->rows->len == 0)
        {
          g_assert_null (view);
          continue;
        }
      g_assert_nonnull (view);
      answers = card_of (view);
      g_assert_cmpint (t->chart.kind, ==, PATHWAYS_CHART_DIVERGING);
      g_assert_false (pathways_chart_card_get_show_table (answers));
      /* the charts above the table, the change chart above them all */
      g_assert_cmpfloat (y_in (GTK_WIDGET (answers), page), >, y_in (GTK_WIDGET (change), page));
      g_assert_cmpfloat (y_in (GTK_WIDGET (answers), page), <, y_in (GTK_WIDGET (table), page));
      n_answers++;
    }
  /* the sample's eight Wellbeing items all have answers (1 to 4 observed) */
  g_assert_cmpuint (n_answers, ==, 8);
  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      ui_test_iterate (5);
      ui_test_wait_layout (GTK_WIDGET (window));
      ui_test_save_screenshot (GTK_WIDGET (window),
                               dark ? "app-outcomes-1440x1000-dark.png" : "app-outcomes-1440x1000.png", 2);
    }
  scroll_to (GTK_WIDGET (table));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-outcomes-table-1440x1000.png", 2);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshots (void)
{
  PathwaysWindow *window = open_people ();
  GtkWidget *page = ui_test_window_child (window, "people_page");

  /* the profile's first cards */
  scroll_to (gtk_widget_get_ancestor (GTK_WIDGET (ui_test_find_chart_view (page, "profile", "gender")),
                                      PATHWAYS_TYPE_CHART_CARD));
  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      ui_test_iterate (5);
      ui_test_wait_layout (GTK_WIDGET (window));
      ui_test_save_screenshot (GTK_WIDGET (window),
                               dark ? "app-people-1440x1000-dark.png" : "app-people-1440x1000.png", 0);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/people-page/cards", test_cards);
  g_test_add_func ("/people-page/figures", test_figures);
  g_test_add_func ("/people-page/outcomes", test_outcomes);
  g_test_add_func ("/people-page/screenshots", test_screenshots);
  return ui_test_run ();
}
