/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compare mode with two groups on the sample: each side is the window's filters with
 * one value of a field, its figures those of a core report on that filter, both panels
 * on one scale, chosen from the header's controls as well as through the API. */
#define G_LOG_DOMAIN "test-compare-groups"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pathways-window-private.h"
#include "pathways-compare-view.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

/* Cases whose FIELD is VALUE and, when FIELD2 is not -1, whose FIELD2 is VALUE2,
 * counted from the columns (not through a filter); closed ones only when CLOSED. */
static guint
count_some_cases (PathwaysDataset *dataset,
                  gboolean         closed,
                  PathwaysField    field,
                  const char      *value,
                  int              field2,
                  const char      *value2)
{
  PathwaysColumn *column = dataset->columns[field];
  PathwaysColumn *column2 = field2 >= 0 ? dataset->columns[field2] : NULL;
  int code = pathways_dictionary_lookup (column->dict, value);
  int code2 = column2 != NULL ? pathways_dictionary_lookup (column2->dict, value2) : -1;
  guint n = 0;

  g_assert_cmpint (code, >=, 0);
  g_assert_true (field2 < 0 || code2 >= 0);
  for (guint i = 0; i < dataset->n_cases; i++)
    if (column->codes[i] == code && (column2 == NULL || column2->codes[i] == code2) &&
        (!closed || pathways_dataset_case_is_closed (dataset, i)))
      n++;
  return n;
}

#define count_cases(dataset, ...) count_some_cases (dataset, FALSE, __VA_ARGS__)
#define count_closed(dataset, ...) count_some_cases (dataset, TRUE, __VA_ARGS__)

/* Every cell of table ID in GOT is the one in WANT. */
static void
assert_same_table (PathwaysReport *got,
                   PathwaysReport *want,
                   const char     *id)
{
  PathwaysReportTable *a = pathways_report_get_table (got, id, NULL);
  PathwaysReportTable *b = pathways_report_get_table (want, id, NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  g_assert_cmpuint (a->columns->len, ==, b->columns->len);
  g_assert_cmpuint (a->rows->len, >, 0);
  for (guint r = 0; r < a->rows->len; r++)
    {
      PathwaysReportRow *ra = g_ptr_array_index (a->rows, r);
      PathwaysReportRow *rb = g_ptr_array_index (b->rows, r);

      g_assert_cmpstr (ra->id, ==, rb->id);
      for (guint c = 0; c < a->columns->len; c++)
        {
          g_assert_cmpint (ra->cells[c].kind, ==, rb->cells[c].kind);
          g_assert_cmpint (ra->cells[c].defined, ==, rb->cells[c].defined);
          g_assert_cmpstr (ra->cells[c].text, ==, rb->cells[c].text);
          if (rb->cells[c].defined && ra->cells[c].kind != PATHWAYS_CELL_LABEL)
            g_assert_cmpfloat (ra->cells[c].value, ==, rb->cells[c].value);
        }
    }
}

/* The report the core builds for the window's filters with FIELD = VALUE. */
static PathwaysReport *
core_report (PathwaysDataset *dataset,
             PathwaysFilter  *window_filter,
             PathwaysField    field,
             const char      *value)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_copy (window_filter);

  pathways_filter_clear_field (filter, field);
  pathways_filter_add_value (filter, field, value);
  return pathways_report_new (dataset, filter, NULL);
}

static double
funnel_first_count (PathwaysReport *report)
{
  PathwaysReportTable *table = pathways_report_get_table (report, "funnel", NULL);
  PathwaysReportRow *row;
  int col;

  g_assert_nonnull (table);
  col = pathways_report_table_find_column (table, "count");
  g_assert_cmpint (col, >=, 0);
  row = g_ptr_array_index (table->rows, 0);
  return row->cells[col].value;
}

/* Every bar of both panels has the length its value has on one shared scale; the side
 * with the smaller top value has the shorter longest bar. */
static void
assert_shared_scale (PathwaysCompareView *view,
                     const char          *label_a,
                     const char          *label_b)
{
  g_autoptr(PathwaysChartLayout) layout = pathways_compare_view_get_layout (view, 1200, 520);
  double scale = 0, top[2] = { 0, 0 }, longest[2] = { 0, 0 };
  guint n_bars[2] = { 0, 0 };

  g_assert_nonnull (layout);
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      const PathwaysChartMark *mark;
      guint side;

      if (item->kind != PATHWAYS_CHART_ITEM_RECT || !(item->flags & PATHWAYS_CHART_ITEM_DATA) ||
          item->mark < 0)
        continue;
      mark = pathways_chart_layout_get_mark (layout, item->mark);
      g_assert_false (isnan (mark->value));
      g_assert_cmpfloat (mark->value, >, 0);
      g_assert_true (g_strcmp0 (mark->table_key, label_a) == 0 ||
                     g_strcmp0 (mark->table_key, label_b) == 0);
      side = g_strcmp0 (mark->table_key, label_a) == 0 ? 0 : 1;
      n_bars[side]++;
      if (scale == 0)
        scale = item->width / mark->value;
      /* one pixel of rounding at most */
      g_assert_cmpfloat_with_epsilon (item->width, mark->value * scale, 1.0);
      top[side] = MAX (top[side], mark->value);
      longest[side] = MAX (longest[side], item->width);
    }
  g_assert_cmpuint (n_bars[0], >, 1);
  g_assert_cmpuint (n_bars[1], >, 1);
  g_assert_cmpfloat (top[0], !=, top[1]);
  if (top[0] > top[1])
    g_assert_cmpfloat (longest[1], <, longest[0]);
  else
    g_assert_cmpfloat (longest[0], <, longest[1]);
}

static void
assert_groups (PathwaysWindow *window,
               PathwaysField   field,
               const char     *value_a,
               const char     *value_b,
               int             filtered_field,
               const char     *filtered_value)
{
  PathwaysDataset *dataset = pathways_window_get_dataset (window);
  PathwaysReport *report_a = pathways_window_get_compare_first_report (window);
  PathwaysReport *report_b = pathways_window_get_compare_report (window);
  PathwaysFilter *window_filter = pathways_window_get_report (window)->filter;
  g_autoptr(PathwaysReport) want_a = core_report (dataset, window_filter, field, value_a);
  g_autoptr(PathwaysReport) want_b = core_report (dataset, window_filter, field, value_b);
  guint n_a = count_cases (dataset, field, value_a, filtered_field, filtered_value);
  guint n_b = count_cases (dataset, field, value_b, filtered_field, filtered_value);
  const char *ids[] = { "funnel", "closure_reasons" };

  g_assert_nonnull (report_a);
  g_assert_nonnull (report_b);
  g_assert_true (report_a != pathways_window_get_report (window));

  /* the cohorts, counted by hand */
  g_assert_cmpuint (n_a, >, 0);
  g_assert_cmpuint (n_b, >, 0);
  g_assert_cmpuint (n_a, !=, n_b);
  g_assert_cmpuint (report_a->measures->n_cases, ==, n_a);
  g_assert_cmpuint (report_b->measures->n_cases, ==, n_b);
  /* the funnel's population is the closed cases (metrics.md) */
  g_assert_cmpfloat (funnel_first_count (report_a), ==,
                     count_closed (dataset, field, value_a, filtered_field, filtered_value));
  g_assert_cmpfloat (funnel_first_count (report_b), ==,
                     count_closed (dataset, field, value_b, filtered_field, filtered_value));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      PathwaysCompareView *view = _pathways_window_get_compare_view (window, ids[i]);
      GtkLabel *title;

      assert_same_table (report_a, want_a, ids[i]);
      assert_same_table (report_b, want_b, ids[i]);

      g_assert_nonnull (view);
      /* the view's card: its title label, then the view */
      g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (view))));
      g_assert_true (pathways_compare_view_get_table (view, 0) ==
                     pathways_report_get_table (report_a, ids[i], NULL));
      g_assert_true (pathways_compare_view_get_table (view, 1) ==
                     pathways_report_get_table (report_b, ids[i], NULL));
      g_assert_cmpstr (pathways_compare_view_get_label (view, 0), ==, value_a);
      g_assert_cmpstr (pathways_compare_view_get_label (view, 1), ==, value_b);
      title = GTK_LABEL (gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (view))));
      g_assert_nonnull (strstr (gtk_label_get_label (title), pathways_field_get_label (field)));
      {
        g_autofree char *both = g_strdup_printf ("%s compared with %s", value_a, value_b);

        g_assert_nonnull (strstr (gtk_label_get_label (title), both));
      }
      assert_shared_scale (view, value_a, value_b);
    }
}

/* Police and Self-referral among women, then the age bands through the controls. */
static void
test_groups (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1400, 900);
  PathwaysDataset *dataset = pathways_window_get_dataset (window);
  guint n_reports;

  /* a filter of the window: both sides keep it */
  g_assert_true (pathways_window_add_filter (window, PATHWAYS_FIELD_GENDER, "Female"));
  ui_test_iterate (5);
  g_assert_cmpuint (pathways_window_get_report (window)->measures->n_cases, ==,
                    count_cases (dataset, PATHWAYS_FIELD_GENDER, "Female", -1, NULL));

  /* not a field's value, not a comparable field: nothing changes */
  g_assert_false (pathways_window_set_compare_groups (window, PATHWAYS_FIELD_REFERRAL_SOURCE,
                                                      "Police", "Carrier pigeon"));
  g_assert_false (pathways_window_set_compare_groups (window, PATHWAYS_FIELD_CASE_ID, "C1", "C2"));
  g_assert_false (pathways_window_get_compare (window));
  g_assert_null (pathways_window_get_compare_report (window));

  g_assert_true (pathways_window_set_compare_groups (window, PATHWAYS_FIELD_REFERRAL_SOURCE,
                                                     "Police", "Self-referral"));
  ui_test_iterate (5);
  g_assert_true (pathways_window_get_compare (window));
  g_assert_cmpint (pathways_window_get_compare_mode (window), ==, PATHWAYS_COMPARE_GROUPS);
  assert_groups (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police", "Self-referral",
                 PATHWAYS_FIELD_GENDER, "Female");
  ui_test_save_screenshot (GTK_WIDGET (window), "app-compare-groups.png", 10);

  /* the window's own report is untouched: women, every referral source */
  g_assert_cmpuint (pathways_window_get_report (window)->measures->n_cases, ==,
                    count_cases (dataset, PATHWAYS_FIELD_GENDER, "Female", -1, NULL));

  /* a referral-source filter in the window is replaced on each side, not added to */
  n_reports = pathways_window_get_n_reports (window);
  g_assert_true (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Healthcare"));
  ui_test_iterate (5);
  g_assert_cmpuint (pathways_window_get_n_reports (window), ==, n_reports + 1);
  assert_groups (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police", "Self-referral",
                 PATHWAYS_FIELD_GENDER, "Female");
  pathways_window_undo_filter (window);
  ui_test_iterate (5);

  /* back to two periods: the first side is the window's report again */
  pathways_window_set_compare_mode (window, PATHWAYS_COMPARE_PERIODS);
  ui_test_iterate (5);
  g_assert_true (pathways_window_get_compare_first_report (window) == pathways_window_get_report (window));
  g_assert_cmpstr (pathways_compare_view_get_label (_pathways_window_get_compare_view (window, "funnel"), 0),
                   !=, "Police");

  pathways_window_set_compare (window, FALSE);
  g_assert_null (pathways_window_get_compare_report (window));
  g_assert_null (pathways_window_get_compare_first_report (window));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
}

static gboolean
tooltip_is (GtkWidget     *widget,
            gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* The first widget of TYPE under ROOT whose tooltip is TOOLTIP. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *tooltip)
{
  return ui_test_find_widget (root, type, tooltip_is, tooltip);
}

/* The bar of compare mode's controls, right under the header HEADER. */
static GtkWidget *
compare_bar (GtkWidget *header)
{
  GtkWidget *bar = gtk_widget_get_next_sibling (header);

  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_has_css_class (bar, "toolbar"));
  return bar;
}

static guint
find_string (GtkDropDown *dropdown,
             const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        return i;
    }
  g_assert_not_reached ();
}

/* What a keyboard user reaches: the compare action (a toggle in the header), the
 * "Two groups" choice (in the bar under the header), and a button whose popover holds a field and two values, each
 * dropdown focusable and named by a label with a mnemonic. */
static void
test_controls (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1400, 900);
  GtkWidget *header = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window), PATHWAYS_TYPE_WINDOW,
                                                     "content_header");
  GtkWidget *mode, *button, *popover, *grid;
  GtkDropDown *field, *value_a, *value_b;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  ui_test_iterate (5);
  g_assert_true (pathways_window_get_compare (window));
  g_assert_cmpint (pathways_window_get_compare_mode (window), ==, PATHWAYS_COMPARE_PERIODS);

  /* in the bar under the header while comparing */
  mode = find_widget (compare_bar (header), GTK_TYPE_DROP_DOWN, "What to compare");
  g_assert_nonnull (mode);
  g_assert_true (gtk_widget_get_visible (mode));
  g_assert_true (gtk_widget_get_focusable (mode) || gtk_widget_get_focusable (gtk_widget_get_first_child (mode)));
  button = find_widget (compare_bar (header), GTK_TYPE_MENU_BUTTON, "Groups to compare");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (mode), 1);
  ui_test_iterate (5);
  g_assert_cmpint (pathways_window_get_compare_mode (window), ==, PATHWAYS_COMPARE_GROUPS);
  g_assert_true (gtk_widget_get_visible (button));
  /* the two largest referral sources by default */
  g_assert_cmpstr (pathways_compare_view_get_label (_pathways_window_get_compare_view (window, "funnel"), 0),
                   ==, "Police");
  g_assert_cmpstr (pathways_compare_view_get_label (_pathways_window_get_compare_view (window, "funnel"), 1),
                   ==, "Self-referral");
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==,
                   "Referral source: Police, Self-referral");

  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  grid = gtk_popover_get_child (GTK_POPOVER (popover));
  field = GTK_DROP_DOWN (gtk_grid_get_child_at (GTK_GRID (grid), 1, 0));
  value_a = GTK_DROP_DOWN (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1));
  value_b = GTK_DROP_DOWN (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2));
  for (int row = 0; row < 3; row++)
    {
      GtkLabel *label = GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, row));

      g_assert_true (gtk_label_get_use_underline (label));
      g_assert_true (gtk_label_get_mnemonic_widget (label) == gtk_grid_get_child_at (GTK_GRID (grid), 1, row));
    }

  /* age bands: the field first, then a value on each side */
  gtk_drop_down_set_selected (field, find_string (field, "Age band"));
  ui_test_iterate (3);
  gtk_drop_down_set_selected (value_a, find_string (value_a, "25–34"));
  gtk_drop_down_set_selected (value_b, find_string (value_b, "45–54"));
  ui_test_iterate (5);
  assert_groups (window, PATHWAYS_FIELD_AGE_BAND, "25–34", "45–54", -1, NULL);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "Age band: 25–34, 45–54");

  /* leaving compare mode with the action clears both sides */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  ui_test_iterate (3);
  g_assert_false (pathways_window_get_compare (window));
  g_assert_null (pathways_window_get_compare_first_report (window));
  g_assert_false (gtk_widget_get_visible (button));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
}

/* Two periods compare on every page of the report that has a chart to compare:
 * journey, closures, waiting times, people; each comparison is on its own page, both
 * sides drawn on one figure from the window's report and the compare report. */
static void
test_every_page (void)
{
  static const struct {
    const char *page;
    const char *id;
    const char *key;
  } pages[] = {
    { "journey", "funnel", NULL },
    { "closures", "closure_reasons", NULL },
    { "waiting", "waiting_bands", "referral_to_contact" },
    { "people", "time_before_support", NULL },
  };
  PathwaysWindow *window = ui_test_open_sample (app, 1400, 900);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  PathwaysReport *report_b;
  int fy;

  fy = g_array_index (pathways_period_chooser_get_periods (ui_test_window_child (window, "period_chooser"),
                                                           PATHWAYS_PERIOD_FYEAR),
                      PathwaysPeriod, 1).year;
  {
    g_autofree char *id = g_strdup_printf ("FY%d-%02d", fy, (fy + 1) % 100);

    ui_test_select_period (window, id);
  }
  pathways_window_set_compare (window, TRUE);
  ui_test_iterate (5);
  report_b = pathways_window_get_compare_report (window);
  g_assert_nonnull (report_b);
  g_assert_cmpuint (report_b->measures->n_cases, !=, pathways_window_get_report (window)->measures->n_cases);

  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      PathwaysCompareView *view = _pathways_window_get_compare_view (window, pages[p].id);
      GtkWidget *page;
      g_autoptr(PathwaysChartLayout) layout = NULL;
      g_autofree char *name = g_strdup_printf ("app-compare-%s-periods.png", pages[p].page);

      g_assert_nonnull (view);
      g_assert_cmpstr (pathways_compare_view_get_table_key (view), ==, pages[p].key);
      adw_view_stack_set_visible_child_name (stack, pages[p].page);
      ui_test_iterate (5);
      page = adw_view_stack_get_visible_child (stack);
      g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (view), page));
      g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (view))));
      g_assert_true (pathways_compare_view_get_table (view, 0) ==
                     pathways_report_get_table (pathways_window_get_report (window), pages[p].id, pages[p].key));
      g_assert_true (pathways_compare_view_get_table (view, 1) ==
                     pathways_report_get_table (report_b, pages[p].id, pages[p].key));
      g_assert_nonnull (pathways_compare_view_get_table (view, 0));
      layout = pathways_compare_view_get_layout (view, 1200, 400);
      g_assert_nonnull (layout);
      g_assert_cmpuint (pathways_chart_layout_get_n_marks (layout), >, 0);
      ui_test_wait_layout (GTK_WIDGET (window));
      ui_test_save_screenshot (GTK_WIDGET (window), name, 0);
    }

  pathways_window_set_compare (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 1440 px with the filters shown, comparing two periods, the pages can still be
 * changed: the switcher in the header, or the bar at the bottom, is on screen. */
static void
test_switcher_reachable (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1440, 900);
  AdwViewSwitcherTitle *title = ui_test_window_child (window, "switcher_title");
  AdwFlap *flap = ui_test_window_child (window, "flap");
  GtkWidget *bar;

  adw_flap_set_reveal_flap (flap, TRUE);
  pathways_window_set_compare (window, TRUE);
  ui_test_iterate (5);
  ui_test_wait_layout (GTK_WIDGET (window));
  bar = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, NULL, NULL);
  g_assert_nonnull (bar);
  g_test_message ("flap folded %d revealed %d, title visible %d, bar mapped %d (%d px)",
                  adw_flap_get_folded (flap), adw_flap_get_reveal_flap (flap),
                  adw_view_switcher_title_get_title_visible (title), gtk_widget_get_mapped (bar),
                  gtk_widget_get_height (bar));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-compare-1440-sidebar.png", 5);
  g_assert_true (!adw_view_switcher_title_get_title_visible (title) ||
                 (gtk_widget_get_mapped (bar) && gtk_widget_get_height (bar) > 0));

  pathways_window_set_compare (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/compare-groups/groups", test_groups);
  g_test_add_func ("/pathways/compare-groups/controls", test_controls);
  g_test_add_func ("/pathways/compare-groups/every-page", test_every_page);
  g_test_add_func ("/pathways/compare-groups/switcher-reachable", test_switcher_reachable);

  return ui_test_run ();
}
