/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15 on the sample: compare mode states each side's period and filters and how
 * the figures differ (points for percents, percent change for counts) with the page
 * switcher reachable at every width; the journey follows all referrals as well as the
 * closed cases, its title saying which; the preferences name each waiting measure as
 * the pages and exports do; every button of the window has an accessible name.
 * Screenshots of compare and of the all-referrals journey, to look at. */
#define G_LOG_DOMAIN "test-window-sides"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-window-private.h"
#include "pathways-compare-view.h"
#include "pathways-chart-card.h"
#include "pathways-export-dialog.h"
#include "pathways-filter-item.h"
#include "pathways-import-assistant.h"
#include "pathways-presentation.h"
#include "pathways-filter-sidebar.h"
#include "pathways-findings-window.h"
#include "pathways-preferences-window.h"
#include "pathways-report-page.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

/* The financial year before the newest one in the sample, chosen in WINDOW; its
 * first and last days in *FROM and *TO. */
static int
choose_fyear (PathwaysWindow *window,
              gint32         *from,
              gint32         *to)
{
  GArray *years = pathways_period_chooser_get_periods (ui_test_window_child (window, "period_chooser"),
                                                       PATHWAYS_PERIOD_FYEAR);
  const PathwaysPeriod *p = &g_array_index (years, PathwaysPeriod, 1);
  g_autofree char *id = g_strdup_printf ("FY%d-%02d", p->year, (p->year + 1) % 100);

  *from = p->from;
  *to = p->to;
  ui_test_select_period (window, id);
  return p->year;
}

/* Cases referred between FROM and TO, counted from the columns; closed ones only
 * when CLOSED. */
static guint
count_referred (PathwaysDataset *dataset,
                gint32           from,
                gint32           to,
                gboolean         closed)
{
  PathwaysColumn *referral = dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  guint n = 0;

  for (guint i = 0; i < dataset->n_cases; i++)
    if (referral->days[i] >= from && referral->days[i] <= to &&
        (!closed || pathways_dataset_case_is_closed (dataset, i)))
      n++;
  return n;
}

static const char *
card_title (PathwaysWindow *window,
            const char     *id)
{
  PathwaysChartView *view = ui_test_find_chart_view (GTK_WIDGET (window), id, NULL);
  GtkWidget *card;

  g_assert_nonnull (view);
  card = gtk_widget_get_ancestor (GTK_WIDGET (view), PATHWAYS_TYPE_CHART_CARD);
  g_assert_nonnull (card);
  return gtk_label_get_label (pathways_chart_card_get_title_label (PATHWAYS_CHART_CARD (card)));
}

static gboolean
button_labelled (GtkWidget     *widget,
                 gconstpointer  data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The journey of the closed cases, then of all referrals, from the switch above the
 * funnel: the funnel's base and its title follow, counted here from the columns. */
static void
test_all_referrals (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  PathwaysDataset *dataset = pathways_window_get_dataset (window);
  PathwaysReportPage *journey = ui_test_window_child (window, "journey_page");
  GtkWidget *all_button;
  PathwaysReport *report;
  gint32 from, to;
  int year;
  guint closed, all;
  g_autofree char *closed_text = NULL, *all_text = NULL;
  g_autofree char *want_closed = NULL, *want_all = NULL;

  year = choose_fyear (window, &from, &to);
  closed = count_referred (dataset, from, to, TRUE);
  all = count_referred (dataset, from, to, FALSE);
  g_test_message ("FY%d: %u referred, %u of them closed", year, all, closed);
  g_assert_cmpuint (closed, <, all);
  g_assert_cmpuint (closed, >, 0);
  closed_text = pathways_format_count (closed);
  all_text = pathways_format_count (all);

  /* closed cases by default */
  report = pathways_window_get_report (window);
  g_assert_cmpint (report->options.population, ==, PATHWAYS_POPULATION_CLOSED);
  g_assert_cmpint (pathways_report_page_get_population (journey), ==, PATHWAYS_POPULATION_CLOSED);
  g_assert_cmpfloat (pathways_report_get_table (report, "funnel", NULL)->base.value, ==, closed);
  want_closed = g_strdup_printf ("Journey of the %s closed cases referred in Financial year %d-%02d",
                                 closed_text, year, (year + 1) % 100);
  g_assert_cmpstr (card_title (window, "funnel"), ==, want_closed);

  /* the switch, as a click does */
  all_button = ui_test_find_widget (GTK_WIDGET (journey), GTK_TYPE_TOGGLE_BUTTON, button_labelled,
                                    "_All Referrals");
  g_assert_nonnull (all_button);
  g_assert_true (gtk_widget_is_drawable (all_button));
  g_signal_emit_by_name (all_button, "clicked");
  ui_test_iterate (5);
  report = pathways_window_get_report (window);
  g_assert_cmpint (report->options.population, ==, PATHWAYS_POPULATION_ALL);
  g_assert_cmpfloat (pathways_report_get_table (report, "funnel", NULL)->base.value, ==, all);
  want_all = g_strdup_printf ("Journey of all %s cases referred in Financial year %d-%02d",
                              all_text, year, (year + 1) % 100);
  g_assert_cmpstr (card_title (window, "funnel"), ==, want_all);
  ui_test_wait_layout (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-journey-all-referrals.png", 2);

  /* compare follows: the second side counts all referrals too */
  pathways_window_set_compare (window, TRUE);
  ui_test_iterate (5);
  g_assert_cmpint (pathways_window_get_compare_report (window)->options.population, ==,
                   PATHWAYS_POPULATION_ALL);
  pathways_window_set_compare (window, FALSE);

  /* and back */
  pathways_report_page_set_population (journey, PATHWAYS_POPULATION_CLOSED);
  ui_test_iterate (5);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (all_button)));
  g_assert_cmpstr (card_title (window, "funnel"), ==, want_closed);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether LABEL's text contains DATA. */
static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  data)
{
  return strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

/* The text of the label at COLUMN, ROW of GRID. */
static const char *
grid_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *child = gtk_grid_get_child_at (grid, column, row);

  g_assert_nonnull (child);
  return gtk_label_get_label (GTK_LABEL (child));
}

/* Ticks FIELD = VALUE in WINDOW's filter sidebar, as a click on its check does. */
static void
tick (PathwaysWindow *window,
      PathwaysField   field,
      const char     *value)
{
  GListModel *model = pathways_filter_sidebar_get_model (ui_test_window_child (window, "filter_sidebar"));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, i);

      if (pathways_filter_item_get_field (item) == field &&
          g_str_equal (pathways_filter_item_get_value (item), value))
        {
          pathways_filter_item_set_active (item, TRUE);
          ui_test_iterate (5);
          return;
        }
    }
  g_error ("no filter %s = %s", pathways_field_get_name (field), value);
}

/* Two financial years compared: the card says each side's period and filters, and
 * lists each stage's figures and difference, checked against the two reports: the
 * count's percent change and the share's points, by hand. */
static void
test_compare_sides (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1440, 900);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  PathwaysCompareView *view;
  g_autoptr(GPtrArray) differences = NULL;
  PathwaysReport *a, *b;
  PathwaysReportTable *ta, *tb;
  GtkWidget *card, *grid;
  gint32 from, to;
  const char *label_a, *label_b;

  choose_fyear (window, &from, &to);
  tick (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  pathways_window_set_compare (window, TRUE);
  ui_test_iterate (5);
  a = pathways_window_get_report (window);
  b = pathways_window_get_compare_report (window);
  g_assert_nonnull (b);

  view = _pathways_window_get_compare_view (window, "funnel");
  label_a = pathways_compare_view_get_label (view, 0);
  label_b = pathways_compare_view_get_label (view, 1);
  g_assert_true (g_str_has_prefix (label_a, "Financial year "));
  g_assert_true (g_str_has_prefix (label_b, "Financial year "));
  g_assert_cmpstr (label_a, !=, label_b);
  card = gtk_widget_get_parent (GTK_WIDGET (view));

  /* each side: its period, then the filters both share */
  {
    g_autofree char *side_a = g_strdup_printf ("%s: Referral source: Police", label_a);
    g_autofree char *side_b = g_strdup_printf ("%s: Referral source: Police", label_b);

    g_assert_nonnull (ui_test_find_widget (card, GTK_TYPE_LABEL, label_contains, side_a));
    g_assert_nonnull (ui_test_find_widget (card, GTK_TYPE_LABEL, label_contains, side_b));
  }

  /* the differences, row by row: (a − b) / b for counts, a − b for percents */
  ta = pathways_report_get_table (a, "funnel", NULL);
  tb = pathways_report_get_table (b, "funnel", NULL);
  differences = pathways_compare_view_get_differences (view);
  g_assert_nonnull (differences);
  g_assert_cmpuint (differences->len, ==, ta->rows->len);
  for (guint r = 0; r < ta->rows->len; r++)
    {
      PathwaysReportRow *ra = g_ptr_array_index (ta->rows, r);
      PathwaysReportRow *rb = pathways_report_table_find_row (tb, ra->id);
      const PathwaysCompareDifference *d = g_ptr_array_index (differences, r);
      double ca = ra->cells[1].value, cb = rb->cells[1].value;   /* "count" */
      double pa = ra->cells[2].value, pb = rb->cells[2].value;   /* "% of referred" */

      g_assert_nonnull (rb);
      if (cb > 0)
        g_assert_cmpfloat_with_epsilon (d->count_change, (ca - cb) / cb * 100.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (d->points, pa - pb, 1e-9);
      g_assert_nonnull (strstr (d->change, "points"));
      /* a real minus sign, or a plus, before the percent change */
      if (round (d->count_change) < 0)
        g_assert_true (g_str_has_prefix (d->change, "−"));
      else if (round (d->count_change) > 0)
        g_assert_true (g_str_has_prefix (d->change, "+"));
    }
  /* the first stage is 100 % on both sides: no points to speak of */
  g_assert_cmpfloat (((PathwaysCompareDifference *) g_ptr_array_index (differences, 0))->points, ==, 0);
  g_assert_true (g_str_has_suffix (((PathwaysCompareDifference *) g_ptr_array_index (differences, 0))->change,
                                   "· 0.0 points"));

  /* on screen: a header, then the rows as the differences say */
  grid = ui_test_find_widget (card, GTK_TYPE_GRID, NULL, NULL);
  g_assert_nonnull (grid);
  g_assert_cmpstr (grid_text (GTK_GRID (grid), 1, 0), ==, label_a);
  g_assert_cmpstr (grid_text (GTK_GRID (grid), 2, 0), ==, label_b);
  g_assert_cmpstr (grid_text (GTK_GRID (grid), 3, 0), ==, "Difference");
  for (guint r = 0; r < differences->len; r++)
    {
      const PathwaysCompareDifference *d = g_ptr_array_index (differences, r);

      g_assert_cmpstr (grid_text (GTK_GRID (grid), 0, r + 1), ==, d->label);
      g_assert_cmpstr (grid_text (GTK_GRID (grid), 3, r + 1), ==, d->change);
    }
  g_assert_cmpstr (grid_text (GTK_GRID (grid), 0, 1), ==, "Referred");

  /* closures: a count and its share per reason; every compared page has its rows */
  {
    static const char *pages[][2] = {
      { "closures", "closure_reasons" }, { "waiting", "waiting_bands" },
      { "people", "time_before_support" },
    };

    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        PathwaysCompareView *other = _pathways_window_get_compare_view (window, pages[p][1]);
        g_autoptr(GPtrArray) rows = pathways_compare_view_get_differences (other);

        g_assert_nonnull (rows);
        g_assert_cmpuint (rows->len, >, 0);
        adw_view_stack_set_visible_child_name (stack, pages[p][0]);
        ui_test_iterate (3);
      }
  }

  adw_view_stack_set_visible_child_name (stack, "journey");
  ui_test_wait_layout (GTK_WIDGET (window));
  /* a figure selected, with the keyboard focus, while the other period is changed:
   * the grid is made again for it, the focus and selection let go first as the cards'
   * tables do */
  {
    g_autoptr(GtkWidget) cell = g_object_ref (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1));
    g_autofree char *before = g_strdup (label_b);
    GArray *years = pathways_period_chooser_get_periods (ui_test_window_child (window, "period_chooser"),
                                                         PATHWAYS_PERIOD_FYEAR);
    /* newest first: 2023-24, the one shown, the one compared by default, then this */
    const PathwaysPeriod *p = &g_array_index (years, PathwaysPeriod, 3);
    g_autofree char *id = g_strdup_printf ("FY%d-%02d", p->year, (p->year + 1) % 100);

    g_assert_true (gtk_widget_grab_focus (cell));
    gtk_label_select_region (GTK_LABEL (cell), 0, -1);
    ui_test_iterate (3);
    g_assert_true (pathways_window_set_compare_period (window, id));
    ui_test_iterate (5);
    g_assert_null (gtk_widget_get_parent (cell));
    g_assert_cmpstr (pathways_compare_view_get_label (view, 1), !=, before);
    g_assert_cmpstr (grid_text (GTK_GRID (grid), 2, 0), ==, pathways_compare_view_get_label (view, 1));
  }
  ui_test_wait_layout (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-compare-sides.png", 2);

  pathways_window_set_compare (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Comparing, with the filters shown, at every width from 800 to 2560 px, the pages
 * can be changed: the switcher in the header shows, or the bar at the bottom does. */
static void
test_compare_switcher (void)
{
  static const int widths[] = { 800, 1024, 1280, 1440, 1920, 2560 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      PathwaysWindow *window = ui_test_open_sample (app, widths[w], 900);
      AdwViewSwitcherTitle *title = ui_test_window_child (window, "switcher_title");
      AdwFlap *flap = ui_test_window_child (window, "flap");
      GtkWidget *bar;
      gboolean in_header, at_bottom;

      adw_flap_set_reveal_flap (flap, TRUE);
      pathways_window_set_compare (window, TRUE);
      ui_test_iterate (5);
      ui_test_wait_layout (GTK_WIDGET (window));
      bar = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, NULL, NULL);
      g_assert_nonnull (bar);
      in_header = !adw_view_switcher_title_get_title_visible (title) &&
                  gtk_widget_get_mapped (GTK_WIDGET (title));
      at_bottom = gtk_widget_get_mapped (bar) && gtk_widget_get_height (bar) > 0;
      g_test_message ("%d px: switcher in the header %d, bar at the bottom %d", widths[w],
                      in_header, at_bottom);
      g_assert_true (in_header || at_bottom);
      /* the comparison fits the page: its differences are not cut off */
      {
        GtkWidget *card = gtk_widget_get_parent (GTK_WIDGET (_pathways_window_get_compare_view (window, "funnel")));
        GtkWidget *page = ui_test_window_child (window, "journey_page");
        GtkWidget *grid = ui_test_find_widget (card, GTK_TYPE_GRID, NULL, NULL);
        int min_width = 0;

        gtk_widget_measure (grid, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
        g_assert_cmpint (min_width, <=, gtk_widget_get_width (grid));
        g_assert_cmpint (gtk_widget_get_width (card), <=, gtk_widget_get_width (page));
        /* the window keeps the width asked for: nothing in compare mode widens it */
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, widths[w]);
        if (widths[w] == 800)
          ui_test_save_screenshot (GTK_WIDGET (window), "app-compare-800.png", 2);
      }
      pathways_window_set_compare (window, FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
      ui_test_iterate (3);
    }
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The preferences name each waiting measure by the core's label, the waiting-times
 * page's cards by the same words, and each row sets its own measure's target. */
static void
test_measure_names (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  PathwaysPreferencesWindow *prefs = pathways_preferences_window_new (GTK_WINDOW (window), settings);
  PathwaysReport *report = pathways_window_get_report (window);
  guint on_page = 0;

  adw_view_stack_set_visible_child_name (stack, "waiting");
  ui_test_wait_layout (GTK_WIDGET (window));
  gtk_window_present (GTK_WINDOW (prefs));
  ui_test_iterate (5);
  for (guint m = 0; m < PATHWAYS_N_WAITS; m++)
    {
      const char *id = pathways_wait_measure_get_id (m);
      const char *name = pathways_labels_get (id);
      const char *key = pathways_preferences_get_target_key (m);
      GtkWidget *row = ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, row_titled, name);
      GtkWidget *spin;

      g_assert_nonnull (name);
      if (row == NULL)
        g_error ("the preferences have no row named “%s” (%s)", name, id);
      spin = ui_test_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL, NULL);
      g_assert_nonnull (spin);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 40 + m);
      g_assert_cmpint (g_settings_get_int (settings, key), ==, 40 + m);

      /* the page's card of that measure (when the sample has it) says the same */
      if (pathways_report_get_table (report, "waiting_bands", id) != NULL)
        {
          PathwaysChartView *view = ui_test_find_chart_view (GTK_WIDGET (window), "waiting_bands", id);
          GtkWidget *card = gtk_widget_get_ancestor (GTK_WIDGET (view), PATHWAYS_TYPE_CHART_CARD);

          g_assert_cmpstr (gtk_label_get_label (pathways_chart_card_get_title_label (PATHWAYS_CHART_CARD (card))),
                           ==, name);
          on_page++;
        }
      g_settings_reset (settings, key);
    }
  g_assert_cmpuint (on_page, >=, 3);
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether BUTTON shows only an icon. */
static gboolean
icon_only (GtkWidget *button)
{
  if (GTK_IS_MENU_BUTTON (button))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button)) != NULL;
  return gtk_button_get_icon_name (GTK_BUTTON (button)) != NULL ||
         GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (button)));
}

/* Whether BUTTON has a name for assistive technologies: an accessible label or a
 * labelling widget; for a button that shows text, that text or a tooltip will do.
 * (An icon button needs a label: GTK 4.8 does not take a tooltip for a name.) */
static gboolean
has_name (GtkWidget *button)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (button);
  const char *text;
  GtkWidget *child;

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (icon_only (button))
    return FALSE;
  if (gtk_widget_get_tooltip_text (button) != NULL)
    return TRUE;
  text = GTK_IS_MENU_BUTTON (button) ? gtk_menu_button_get_label (GTK_MENU_BUTTON (button))
                                     : gtk_button_get_label (GTK_BUTTON (button));
  if (text != NULL && text[0] != '\0')
    return TRUE;
  /* a button whose child is a label, or holds one */
  child = GTK_IS_BUTTON (button) ? gtk_button_get_child (GTK_BUTTON (button)) : NULL;
  if (child != NULL && GTK_IS_LABEL (child))
    return gtk_label_get_label (GTK_LABEL (child))[0] != '\0';
  return child != NULL && ui_test_find_widget (child, GTK_TYPE_LABEL, NULL, NULL) != NULL;
}

/* Every button and menu button under ROOT without a name, as lines in OUT; the window
 * controls (GTK's own) aside, and the inner button of a menu button, named by it. */
static void
unnamed_buttons (GtkWidget *root,
                 GString   *out,
                 guint     *n_checked)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);
      gboolean inner = parent != NULL && (GTK_IS_MENU_BUTTON (parent) || ADW_IS_SPLIT_BUTTON (parent) ||
                                          GTK_IS_DROP_DOWN (parent));

      if (GTK_IS_WINDOW_CONTROLS (w))
        continue;
      if ((GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w)) && !inner)
        {
          (*n_checked)++;
          if (!has_name (w))
            {
              GtkWidget *named = gtk_widget_get_ancestor (w, GTK_TYPE_WINDOW);

              g_string_append_printf (out, "%s (icon %s) in %s\n", G_OBJECT_TYPE_NAME (w),
                                      GTK_IS_BUTTON (w) ? gtk_button_get_icon_name (GTK_BUTTON (w)) : "",
                                      named != NULL ? G_OBJECT_TYPE_NAME (named) : "?");
            }
        }
      unnamed_buttons (w, out, n_checked);
    }
}

/* The window's whole tree (every page, the sidebar, compare mode's controls and its
 * popover, the journey's switch) and the windows it opens (a finding's rows, the
 * preferences, the export dialog, presentation mode, the import assistant) have no
 * button without a name. */
static void
test_button_names (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1280, 800);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GString) without = g_string_new (NULL);
  PathwaysPreferencesWindow *prefs;
  guint n_checked = 0;
  static const char *pages[] = { "journey", "closures", "waiting", "people", "quality" };

  g_assert_true (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police"));
  pathways_window_set_compare (window, TRUE);
  ui_test_iterate (5);
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      adw_view_stack_set_visible_child_name (stack, pages[p]);
      ui_test_iterate (3);
    }
  unnamed_buttons (GTK_WIDGET (window), without, &n_checked);
  pathways_window_set_compare_mode (window, PATHWAYS_COMPARE_GROUPS);
  ui_test_iterate (3);
  unnamed_buttons (GTK_WIDGET (window), without, &n_checked);

  {
    PathwaysFindingsWindow *rows = pathways_findings_window_new (GTK_WINDOW (window),
                                                                 pathways_window_get_dataset (window),
                                                                 PATHWAYS_FINDING_NEGATIVE_DURATION,
                                                                 NULL);

    gtk_window_present (GTK_WINDOW (rows));
    ui_test_iterate (5);
    unnamed_buttons (GTK_WIDGET (rows), without, &n_checked);
    gtk_window_destroy (GTK_WINDOW (rows));
  }
  prefs = pathways_preferences_window_new (GTK_WINDOW (window), settings);
  gtk_window_present (GTK_WINDOW (prefs));
  ui_test_iterate (5);
  unnamed_buttons (GTK_WIDGET (prefs), without, &n_checked);
  gtk_window_destroy (GTK_WINDOW (prefs));
  {
    PathwaysExportDialog *dialog = pathways_export_dialog_new (GTK_WINDOW (window),
                                                               pathways_window_get_report (window),
                                                               NULL, NULL, NULL);
    g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
    PathwaysPresentation *slides;

    gtk_window_present (GTK_WINDOW (dialog));
    ui_test_iterate (5);
    unnamed_buttons (GTK_WIDGET (dialog), without, &n_checked);
    gtk_window_destroy (GTK_WINDOW (dialog));

    g_ptr_array_add (tables, g_strdup ("funnel\n"));
    slides = pathways_presentation_new (GTK_WINDOW (window), pathways_window_get_report (window),
                                        tables, NULL);
    gtk_window_present (GTK_WINDOW (slides));
    ui_test_iterate (5);
    unnamed_buttons (GTK_WIDGET (slides), without, &n_checked);
    gtk_window_destroy (GTK_WINDOW (slides));
  }
  {
    g_autofree char *cases = g_build_filename (g_getenv ("PATHWAYS_SAMPLE_DIR"),
                                               "pathways-sample-cases.csv", NULL);
    PathwaysImportAssistant *assistant = pathways_import_assistant_new (GTK_WINDOW (window), cases, NULL,
                                                                        PATHWAYS_DATE_ORDER_AUTO,
                                                                        NULL, NULL);

    gtk_window_present (GTK_WINDOW (assistant));
    ui_test_iterate (5);
    unnamed_buttons (GTK_WIDGET (assistant), without, &n_checked);
    gtk_window_destroy (GTK_WINDOW (assistant));
  }

  g_test_message ("%u buttons checked", n_checked);
  g_assert_cmpuint (n_checked, >=, 20);
  g_assert_cmpstr (without->str, ==, "");

  pathways_window_set_compare (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/window-sides/all-referrals", test_all_referrals);
  g_test_add_func ("/pathways/window-sides/compare-sides", test_compare_sides);
  g_test_add_func ("/pathways/window-sides/compare-switcher", test_compare_switcher);
  g_test_add_func ("/pathways/window-sides/measure-names", test_measure_names);
  g_test_add_func ("/pathways/window-sides/button-names", test_button_names);

  return ui_test_run ();
}
