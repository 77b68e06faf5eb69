/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 15, item 2, on the sample: in compare mode every page compares every card it
 * shows. Each page is switched to; for each chart card of its grid a comparison card
 * of the same table is shown above, drawing the two reports' tables (the very tables
 * of the window's report and of the compare report), and its differences are those of
 * the two tables, recomputed here from their cells: (a − b) / b × 100 for a count,
 * a − b for a percent, a rate or a statistic. The outcomes table compares the same way
 * (paired n, improved/same/worse, mean change on both sides). */
#define G_LOG_DOMAIN "test-compare-pages"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-window-private.h"
#include "pathways-compare-view.h"
#include "pathways-chart-card.h"
#include "pathways-outcomes.h"
#include "pathways-report-page.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

static void
collect_views (GtkWidget *widget,
               GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (PATHWAYS_IS_COMPARE_VIEW (child))
        g_ptr_array_add (out, child);
      collect_views (child, out);
    }
}

/* The comparison view of ID and KEY among VIEWS, or NULL. */
static PathwaysCompareView *
view_of (GPtrArray  *views,
         const char *id,
         const char *key)
{
  for (guint i = 0; i < views->len; i++)
    {
      PathwaysCompareView *view = g_ptr_array_index (views, i);
      const PathwaysReportTable *table = pathways_compare_view_get_table (view, 0);

      if (table != NULL && g_strcmp0 (table->id, id) == 0 && g_strcmp0 (table->key, key) == 0)
        return view;
    }
  return NULL;
}

static int
column_of (const PathwaysReportTable *table,
           const char                *id)
{
  for (guint c = 0; c < table->columns->len; c++)
    if (g_str_equal (((PathwaysReportColumn *) g_ptr_array_index (table->columns, c))->id, id))
      return (int) c;
  return -1;
}

static int
first_of (const PathwaysReportTable *table,
          PathwaysCellKind           kind,
          PathwaysCellKind           kind2)
{
  for (guint c = 0; c < table->columns->len; c++)
    {
      PathwaysCellKind k = ((PathwaysReportColumn *) g_ptr_array_index (table->columns, c))->kind;

      if (k == kind || k == kind2)
        return (int) c;
    }
  return -1;
}

/* VIEW's differences against its two tables, recomputed from their cells. */
static void
check_differences (PathwaysCompareView *view)
{
  const PathwaysReportTable *ta = pathways_compare_view_get_table (view, 0);
  const PathwaysReportTable *tb = pathways_compare_view_get_table (view, 1);
  g_autoptr(GPtrArray) rows = pathways_compare_view_get_differences (view);
  g_autoptr(GPtrArray) figures = pathways_compare_view_get_figure_differences (view);
  int count = first_of (ta, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT);
  int share = first_of (ta, PATHWAYS_CELL_PERCENT, PATHWAYS_CELL_RATE);
  guint f = 0;

  g_assert_nonnull (rows);
  g_assert_nonnull (figures);
  g_assert_cmpuint (rows->len, ==, ta->rows->len);
  for (guint r = 0; r < ta->rows->len; r++)
    {
      const PathwaysReportRow *ra = g_ptr_array_index (ta->rows, r);
      const PathwaysReportRow *rb = NULL;
      const PathwaysCompareDifference *d = g_ptr_array_index (rows, r);

      /* the second side's row: the same id and label texts (the service waits share
       * their id and differ by service type) */
      /* a trend's periods pair in order: the newest with the newest */
      if (ta->chart.kind == PATHWAYS_CHART_TREND ||
          g_str_equal (((PathwaysReportColumn *) g_ptr_array_index (ta->columns, 0))->id, "period"))
        rb = r < tb->rows->len ? g_ptr_array_index (tb->rows, r) : NULL;
      for (guint k = 0; k < tb->rows->len && rb == NULL; k++)
        {
          const PathwaysReportRow *other = g_ptr_array_index (tb->rows, k);
          gboolean same = g_strcmp0 (other->id, ra->id) == 0;

          for (guint c = 0; same && c < ta->columns->len; c++)
            if (((PathwaysReportColumn *) g_ptr_array_index (ta->columns, c))->kind == PATHWAYS_CELL_LABEL)
              same = g_strcmp0 (other->cells[c].text, ra->cells[c].text) == 0;
          if (same)
            rb = other;
        }
      if (rb != NULL && count >= 0 && ra->cells[count].defined && rb->cells[count].defined &&
          rb->cells[count].value > 0)
        g_assert_cmpfloat_with_epsilon (d->count_change,
                                        (ra->cells[count].value - rb->cells[count].value) /
                                        rb->cells[count].value * 100.0, 1e-9);
      if (rb != NULL && share >= 0 && ra->cells[share].defined && rb->cells[share].defined)
        g_assert_cmpfloat_with_epsilon (d->points, ra->cells[share].value - rb->cells[share].value, 1e-9);

      /* the further figures of the row, column by column, in order */
      for (guint c = 0; c < ta->columns->len; c++)
        {
          const PathwaysReportColumn *col = g_ptr_array_index (ta->columns, c);
          const PathwaysCompareDifference *fd;
          g_autofree char *suffix = NULL;
          double va, vb;

          if ((int) c == count || (int) c == share || col->kind == PATHWAYS_CELL_LABEL ||
              col->kind == PATHWAYS_CELL_SETTING || g_str_has_suffix (col->id, "_low") ||
              g_str_has_suffix (col->id, "_high"))
            continue;
          /* a figure neither side has is left out (a scale that is not clinical) */
          if (!ra->cells[c].defined &&
              (rb == NULL ? col->kind != PATHWAYS_CELL_COUNT
                          : column_of (tb, col->id) < 0 || !rb->cells[column_of (tb, col->id)].defined))
            continue;
          g_assert_cmpuint (f, <, figures->len);
          fd = g_ptr_array_index (figures, f++);
          suffix = g_strdup_printf (": %s", col->label);
          g_assert_true (g_str_has_suffix (fd->label, suffix));
          if (rb == NULL || !ra->cells[c].defined || !rb->cells[column_of (tb, col->id)].defined)
            continue;
          va = ra->cells[c].value;
          vb = rb->cells[column_of (tb, col->id)].value;
          if (col->kind == PATHWAYS_CELL_COUNT && vb > 0)
            g_assert_cmpfloat_with_epsilon (fd->count_change, (va - vb) / vb * 100.0, 1e-9);
          else if (col->kind == PATHWAYS_CELL_PERCENT || col->kind == PATHWAYS_CELL_RATE)
            g_assert_cmpfloat_with_epsilon (fd->points, va - vb, 1e-9);
          else if (col->kind == PATHWAYS_CELL_STATISTIC)
            {
              /* "+3.0", "−1.5", "0.0": the difference in its unit, one decimal */
              g_autofree char *want = g_strdup_printf ("%.1f", fabs (va - vb));

              g_assert_nonnull (strstr (fd->change, want));
            }
        }
    }
  g_assert_cmpuint (f, ==, figures->len);
}

/* The activity series compared: the newest quarter of each year side by side. */
static void
check_activity_series (PathwaysWindow *window)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  const PathwaysCompareDifference *d;

  collect_views (ui_test_window_child (window, "activity_page"), views);
  g_assert_nonnull (view_of (views, "activity", "fquarter"));
  rows = pathways_compare_view_get_differences (view_of (views, "activity", "fquarter"));
  d = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (d->label, ==, "2022-23 Q4 / 2021-22 Q4");

  /* each side draws its newest eight quarters in order, not the largest quarters
   * and "All other values", and both on one scale: a count is as long on both */
  {
    PathwaysCompareView *series = view_of (views, "activity", "fquarter");
    double scale[2];

    for (guint side = 0; side < 2; side++)
      {
        PathwaysChartLayout *layout = pathways_compare_view_get_side_layout (series, side, 560, 330);
        const PathwaysReportTable *table = pathways_compare_view_get_table (series, side);
        double largest = 0;
        guint n = 0;

        g_assert_nonnull (layout);
        g_assert_cmpuint (table->rows->len, >, 8);
        for (guint m = 0; m < pathways_chart_layout_get_n_marks (layout); m++)
          {
            const PathwaysChartMark *mark = pathways_chart_layout_get_mark (layout, m);

            g_assert_cmpuint (n, <, 8);
            g_assert_cmpstr (mark->row_id, ==, ((PathwaysReportRow *) g_ptr_array_index (table->rows, n))->id);
            n++;
          }
        g_assert_cmpuint (n, ==, 8);
        scale[side] = 0;
        for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
          {
            const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);

            if (item->kind == PATHWAYS_CHART_ITEM_RECT && (item->flags & PATHWAYS_CHART_ITEM_DATA) &&
                item->mark >= 0 && pathways_chart_layout_get_mark (layout, item->mark)->value > largest)
              {
                largest = pathways_chart_layout_get_mark (layout, item->mark)->value;
                scale[side] = item->width / largest;
              }
          }
        g_assert_cmpfloat (scale[side], >, 0);
        pathways_chart_layout_free (layout);
      }
    /* pixels per case within 1 % (the largest quarters differ: 211 and 195) */
    g_assert_cmpfloat (fabs (scale[0] - scale[1]) / scale[1], <, 0.01);
  }
}

/* Every page in compare mode: a comparison card for each card of the page. */
static void
test_compare_every_page (void)
{
  static const char *pages[] = { "journey", "closures", "waiting", "people", "activity" };
  static const char *shots[] = { NULL, NULL, "app-compare-waiting.png", "app-compare-people.png",
                                 "app-compare-activity.png" };
  PathwaysWindow *window = ui_test_open_sample (app, 1440, 900);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  PathwaysReport *a, *b;
  guint n_checked = 0;

  ui_test_select_period (window, "FY2022-23");
  pathways_window_set_compare (window, TRUE);
  ui_test_iterate (5);
  a = pathways_window_get_report (window);
  b = pathways_window_get_compare_report (window);
  g_assert_nonnull (b);
  g_assert_true (a != b);

  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autofree char *child_id = g_strdup_printf ("%s_page", pages[p]);
      PathwaysReportPage *page = ui_test_window_child (window, child_id);
      g_autoptr(GPtrArray) views = g_ptr_array_new ();
      GPtrArray *cards;

      adw_view_stack_set_visible_child_name (stack, pages[p]);
      ui_test_iterate (5);
      g_assert_true (adw_view_stack_get_visible_child (stack) == GTK_WIDGET (page));
      cards = pathways_report_page_get_cards (page);
      g_assert_cmpuint (cards->len, >, 0);
      collect_views (GTK_WIDGET (page), views);
      g_test_message ("%s: %u cards, %u comparisons", pages[p], cards->len, views->len);
      g_assert_cmpuint (views->len, >=, cards->len);

      for (guint i = 0; i < cards->len; i++)
        {
          PathwaysChartView *chart = pathways_chart_card_get_view (g_ptr_array_index (cards, i));
          const char *id = pathways_chart_view_get_table_id (chart);
          const char *key = pathways_chart_view_get_table_key (chart);
          PathwaysCompareView *view = view_of (views, id, key);
          GtkWidget *card;

          g_assert_nonnull (view);
          card = gtk_widget_get_parent (GTK_WIDGET (view));
          g_assert_true (gtk_widget_get_mapped (card));
          /* both sides: the two reports' own tables, each side named */
          g_assert_true (pathways_compare_view_get_report (view, 0) == a);
          g_assert_true (pathways_compare_view_get_report (view, 1) == b);
          g_assert_true (pathways_compare_view_get_table (view, 0) ==
                         pathways_report_get_table (a, id, key));
          g_assert_true (pathways_compare_view_get_table (view, 1) ==
                         pathways_report_get_table (b, id, key));
          g_assert_cmpstr (pathways_compare_view_get_label (view, 0), ==, "Financial year 2022-23");
          g_assert_cmpstr (pathways_compare_view_get_label (view, 1), ==, "Financial year 2021-22");
          /* a chart draws both panels; a table of figures only its differences */
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)) ==
                         (pathways_report_get_table (a, id, key)->chart.kind != PATHWAYS_CHART_NONE));
          check_differences (view);
          n_checked++;
        }
      if (shots[p] != NULL)
        {
          ui_test_wait_layout (GTK_WIDGET (window));
          ui_test_save_screenshot (GTK_WIDGET (window), shots[p], 2);
        }
    }
  g_test_message ("%u comparison cards checked", n_checked);
  g_assert_cmpuint (n_checked, >=, 10);

  check_activity_series (window);

  /* the waiting-times summary: medians compared in days, a − b */
  {
    g_autoptr(GPtrArray) views = g_ptr_array_new ();
    PathwaysCompareView *view;
    g_autoptr(GPtrArray) figures = NULL;
    gboolean median = FALSE;

    collect_views (ui_test_window_child (window, "waiting_page"), views);
    view = view_of (views, "waiting_times", NULL);
    g_assert_nonnull (view);
    figures = pathways_compare_view_get_figure_differences (view);
    for (guint i = 0; i < figures->len; i++)
      median |= strstr (((PathwaysCompareDifference *) g_ptr_array_index (figures, i))->label, "edian") != NULL;
    g_assert_true (median);

    /* each service type's wait is a row of its own, named by its type */
    {
      g_autoptr(GPtrArray) rows = pathways_compare_view_get_differences (view);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < rows->len; i++)
        {
          const char *label = ((PathwaysCompareDifference *) g_ptr_array_index (rows, i))->label;

          g_assert_true (g_hash_table_add (seen, (gpointer) label));
          /* no empty service type shown as a dash */
          g_assert_false (g_str_has_suffix (label, "–"));
        }
      g_assert_true (g_hash_table_contains (seen, "Referral to first contact"));
    }
  }

  pathways_window_set_compare (window, FALSE);
  ui_test_iterate (3);
  /* leaving compare mode hides every comparison */
  {
    g_autoptr(GPtrArray) views = g_ptr_array_new ();

    collect_views (ui_test_window_child (window, "journey_page"), views);
    for (guint i = 0; i < views->len; i++)
      g_assert_false (gtk_widget_get_mapped (g_ptr_array_index (views, i)));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The outcomes table compares as any card: paired n and completion as the row's count
 * and share, then improved, same, worse as counts and the mean change as a statistic,
 * each side's figures those of its report. */
static PathwaysReport *
fyear_report (PathwaysDataset *dataset,
              const char      *id)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  PathwaysPeriod period;

  g_assert_true (pathways_period_parse_full (id, &period, NULL));
  pathways_filter_set_range (filter, period.from, period.to);
  return pathways_report_new (dataset, filter, NULL);
}

/* The sample with its outcomes, as pathways-cli --sample reads it. */
static PathwaysDataset *
sample_with_outcomes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cases = NULL, *services = NULL;
  PathwaysImportOptions options = { 0, };
  PathwaysDataset *dataset;

  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  options.cases_path = cases;
  options.services_path = services;
  dataset = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_sample_load_extras (dataset, &error));
  g_assert_no_error (error);
  g_assert_nonnull (dataset->outcomes);
  return dataset;
}

static void
test_compare_outcomes (void)
{
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(PathwaysReport) a = NULL;
  g_autoptr(PathwaysReport) b = NULL;
  GtkWidget *view = g_object_ref_sink (pathways_compare_view_new ("outcomes", "Outcomes"));
  const PathwaysReportTable *ta, *tb;
  g_autoptr(GPtrArray) figures = NULL;
  gboolean seen[4] = { FALSE, FALSE, FALSE, FALSE };
  static const char *names[] = { "Improved", "Same", "Worse", "Mean change" };

  dataset = sample_with_outcomes ();
  a = fyear_report (dataset, "FY2022-23");
  b = fyear_report (dataset, "FY2021-22");
  ta = pathways_report_get_table (a, "outcomes", NULL);
  tb = pathways_report_get_table (b, "outcomes", NULL);
  g_assert_nonnull (ta);
  g_assert_nonnull (tb);
  g_assert_cmpuint (ta->rows->len, >, 0);

  pathways_compare_view_set_reports (PATHWAYS_COMPARE_VIEW (view), a, "A", b, "B");
  check_differences (PATHWAYS_COMPARE_VIEW (view));
  {
    g_autoptr(GPtrArray) rows = pathways_compare_view_get_differences (PATHWAYS_COMPARE_VIEW (view));
    const PathwaysReportRow *ra = g_ptr_array_index (ta->rows, 0);
    const PathwaysCompareDifference *d = g_ptr_array_index (rows, 0);
    g_autofree char *paired = pathways_format_count ((guint64) ra->cells[column_of (ta, "paired_n")].value);

    /* the row's count is its paired n */
    g_assert_true (g_str_has_prefix (d->text[0], paired));
  }
  figures = pathways_compare_view_get_figure_differences (PATHWAYS_COMPARE_VIEW (view));
  for (guint i = 0; i < figures->len; i++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        g_autofree char *suffix = g_strdup_printf (": %s", names[n]);

        if (g_str_has_suffix (((PathwaysCompareDifference *) g_ptr_array_index (figures, i))->label, suffix))
          seen[n] = TRUE;
      }
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    g_assert_true (seen[n]);
  g_object_unref (view);
}

static gboolean
window_loading (gpointer data)
{
  return pathways_window_is_loading (data);
}

/* The difference labelled LABEL among DIFFERENCES (asserted to be there). */
static PathwaysCompareDifference *
difference_of (GPtrArray  *differences,
               const char *label)
{
  for (guint i = 0; i < differences->len; i++)
    {
      PathwaysCompareDifference *d = g_ptr_array_index (differences, i);

      if (g_str_equal (d->label, label))
        return d;
    }
  g_error ("no difference “%s”", label);
  return NULL;
}

/* The Outcomes page in compare mode: a comparison card for each of its tables, both
 * sides' figures those of their own reports, and a side with no outcome data says so. */
static void
test_compare_outcomes_page (void)
{
  PathwaysWindow *window = ui_test_new_window (app, 1440, 900);
  AdwViewStack *stack = ui_test_window_child (window, "view_stack");
  PathwaysReportPage *page = PATHWAYS_REPORT_PAGE (adw_view_stack_get_child_by_name (stack, "outcomes"));
  g_autoptr(PathwaysDataset) dataset = sample_with_outcomes ();
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  PathwaysCompareView *view;
  GPtrArray *cards;
  PathwaysReport *a, *b;

  _pathways_window_adopt_dataset (window, dataset);
  ui_test_wait_while (window_loading, window, 120, 10);
  g_assert_null (pathways_window_get_error_message (window));
  /* the page is offered now that the data has outcomes */
  g_assert_true (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, GTK_WIDGET (page))));

  ui_test_select_period (window, "FY2022-23");
  pathways_window_set_compare (window, TRUE);
  adw_view_stack_set_visible_child_name (stack, "outcomes");
  ui_test_iterate (5);
  a = pathways_window_get_report (window);
  b = pathways_window_get_compare_report (window);
  g_assert_nonnull (b);

  /* one comparison for each table with a card: the outcomes table (it has two cards,
   * its change chart and its table of figures below the charts, and is compared once)
   * and a distribution for each of the eight items (answers 1 to 4 observed in the
   * whole outcomes table) */
  cards = pathways_report_page_get_cards (page);
  collect_views (GTK_WIDGET (page), views);
  g_assert_cmpuint (cards->len, ==, 10);
  g_assert_cmpuint (views->len, ==, 9);
  for (guint i = 0; i < views->len; i++)
    {
      PathwaysCompareView *v = g_ptr_array_index (views, i);

      g_assert_true (gtk_widget_get_mapped (gtk_widget_get_parent (GTK_WIDGET (v))));
      check_differences (v);
    }

  view = view_of (views, "outcomes", NULL);
  g_assert_nonnull (view);
  g_assert_true (pathways_compare_view_get_table (view, 0) == pathways_report_get_table (a, "outcomes", NULL));
  g_assert_true (pathways_compare_view_get_table (view, 1) == pathways_report_get_table (b, "outcomes", NULL));
  {
    g_autoptr(GPtrArray) rows = pathways_compare_view_get_differences (view);
    g_autoptr(GPtrArray) figures = pathways_compare_view_get_figure_differences (view);
    const char *item = "Wellbeing questionnaire · I feel good about myself";
    g_autofree char *improved = g_strdup_printf ("%s: Improved", item);
    g_autofree char *mean = g_strdup_printf ("%s: Mean change", item);
    PathwaysCompareDifference *d = difference_of (rows, item);

    /* pathways-cli summary --sample --period FY2022-23 (and FY2021-22) --json:
     * paired 61 of 443 closed (13.77 %) against 186 of 642 (28.97 %):
     * (61 − 186) / 186 = −67.2 %; 13.77 − 28.97 = −15.2 points */
    g_assert_cmpstr (d->text[0], ==, "61 (14 %)");
    g_assert_cmpstr (d->text[1], ==, "186 (29 %)");
    g_assert_cmpfloat_with_epsilon (d->count_change, (61.0 - 186.0) / 186.0 * 100.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (d->points, 61.0 / 443.0 * 100.0 - 186.0 / 642.0 * 100.0, 1e-9);
    g_assert_cmpstr (d->change, ==, "−67 % · −15.2 points");
    /* improved 40 against 121: (40 − 121) / 121 = −66.9 % */
    d = difference_of (figures, improved);
    g_assert_cmpstr (d->text[0], ==, "40");
    g_assert_cmpstr (d->text[1], ==, "121");
    g_assert_cmpstr (d->change, ==, "−67 %");
    /* mean change 0.836 (51 / 61) against 0.833 (155 / 186): the same to a tenth */
    d = difference_of (figures, mean);
    g_assert_cmpstr (d->text[0], ==, "0.8");
    g_assert_cmpstr (d->text[1], ==, "0.8");
    g_assert_cmpstr (d->change, ==, "0.0");
    /* the wellbeing questionnaire is not a clinical scale: no recovery on either side,
     * so no line of dashes for it */
    for (guint i = 0; i < figures->len; i++)
      g_assert_false (g_str_has_suffix (((PathwaysCompareDifference *) g_ptr_array_index (figures, i))->label,
                                        ": Recovery"));
  }
  /* both sides have outcome data: no sentence */
  g_assert_false (pathways_compare_view_side_is_empty (view, 0));
  g_assert_false (pathways_compare_view_side_is_empty (view, 1));
  ui_test_wait_layout (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-compare-outcomes.png", 2);

  /* FY2023-24 has no paired answers in the sample (0 for every item): its side says
   * so in a sentence, and the other side keeps its figures */
  g_assert_true (pathways_window_set_compare_period (window, "FY2023-24"));
  ui_test_iterate (5);
  g_assert_true (pathways_compare_view_side_is_empty (view, 1));
  g_assert_false (pathways_compare_view_side_is_empty (view, 0));
  {
    GtkWidget *card = gtk_widget_get_parent (GTK_WIDGET (view));
    gboolean said = FALSE;

    for (GtkWidget *child = gtk_widget_get_first_child (card); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          g_str_has_prefix (gtk_label_get_label (GTK_LABEL (child)),
                            "Financial year 2023-24 has no outcome data"))
        said = TRUE;
    g_assert_true (said);
  }
  ui_test_wait_layout (GTK_WIDGET (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "app-compare-outcomes-empty.png", 2);

  pathways_window_set_compare (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* REPORT of the hand-made outcomes fixture (tests/test-outcomes.c works its figures)
 * for the cases of GENDER (NULL: all) referred from FROM to TO. */
static PathwaysReport *
fixture_report (PathwaysDataset *dataset,
                const char      *gender,
                gint32           from,
                gint32           to)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();

  if (gender != NULL)
    pathways_filter_add_value (filter, PATHWAYS_FIELD_GENDER, gender);
  pathways_filter_set_range (filter, from, to);
  return pathways_report_new (dataset, filter, NULL);
}

/* Two groups of the outcomes fixture compared, women and men: the outcomes table and
 * the answers of a clinical scale at start and at end, figures worked by hand; then a
 * side with no case, which has no outcome data. */
static void
test_compare_outcomes_groups (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "outcomes", "cases.csv", NULL);
  g_autofree char *answers = g_build_filename (TEST_DATA_DIR, "outcomes", "answers.csv", NULL);
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(PathwaysReport) women = NULL;
  g_autoptr(PathwaysReport) men = NULL;
  g_autoptr(PathwaysReport) nobody = NULL;
  GtkWidget *table = g_object_ref_sink (pathways_compare_view_new ("outcomes", "Outcomes"));
  GtkWidget *answers_view = g_object_ref_sink (pathways_compare_view_new ("outcome_distribution", "Answers"));
  PathwaysCompareDifference *d;

  options.cases_path = cases;
  options.snapshot_day = pathways_day_from_ymd (2023, 6, 30);
  dataset = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_outcomes_import (dataset, answers, PATHWAYS_DATE_ORDER_AUTO, &error));
  g_assert_no_error (error);
  women = fixture_report (dataset, "Female", PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  men = fixture_report (dataset, "Male", PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  pathways_compare_view_set_reports (PATHWAYS_COMPARE_VIEW (table), women, "Female", men, "Male");
  pathways_compare_view_set_table_key (PATHWAYS_COMPARE_VIEW (answers_view), "PHQ-9: PHQ-9");
  pathways_compare_view_set_reports (PATHWAYS_COMPARE_VIEW (answers_view), women, "Female", men, "Male");
  check_differences (PATHWAYS_COMPARE_VIEW (table));
  check_differences (PATHWAYS_COMPARE_VIEW (answers_view));

  {
    g_autoptr(GPtrArray) rows = pathways_compare_view_get_differences (PATHWAYS_COMPARE_VIEW (table));
    g_autoptr(GPtrArray) figures = pathways_compare_view_get_figure_differences (PATHWAYS_COMPARE_VIEW (table));

    /* PHQ-9: women O1 O3 O4 O6 O7 O10 paired, 6; closed O1 O3 O4 O6 O10, all paired:
     * 100 %; men O2 paired, 1, of closed O2 O5 O9: 33.3 %. (6 − 1) / 1 = +500 %,
     * 100 − 33.3 = +66.7 points */
    d = difference_of (rows, "PHQ-9 · PHQ-9");
    g_assert_cmpstr (d->text[0], ==, "6 (100 %)");
    g_assert_cmpstr (d->text[1], ==, "1 (33 %)");
    g_assert_cmpstr (d->change, ==, "+500 % · +66.7 points");
    /* mean change: women (−6 −6 −2 −2 −8 +6) / 6 = −3.0, men −5.0: +2.0 */
    d = difference_of (figures, "PHQ-9 · PHQ-9: Mean change");
    g_assert_cmpstr (d->text[0], ==, "−3.0");
    g_assert_cmpstr (d->text[1], ==, "−5.0");
    g_assert_cmpstr (d->change, ==, "+2.0");
    /* reliable recovery: women O1 and O7, men none (O2 15 → 10): no percent change
     * from nothing */
    d = difference_of (figures, "PHQ-9 · PHQ-9: Reliable recovery");
    g_assert_cmpstr (d->text[0], ==, "2");
    g_assert_cmpstr (d->text[1], ==, "0");
    g_assert_cmpstr (d->change, ==, "–");
    /* the Likert item: O1 2 → 4 improved, O2 3 → 3 the same */
    d = difference_of (figures, "Cope and recover · I feel able to cope: Improved");
    g_assert_cmpstr (d->text[0], ==, "1");
    g_assert_cmpstr (d->text[1], ==, "0");
  }
  {
    g_autoptr(GPtrArray) rows = pathways_compare_view_get_differences (PATHWAYS_COMPARE_VIEW (answers_view));
    g_autoptr(GPtrArray) figures = pathways_compare_view_get_figure_differences (PATHWAYS_COMPARE_VIEW (answers_view));

    /* PHQ-9 bands at start: women 9 | 10 11 12 14 | 20, men 15; at end women 3 4 | 6 9
     * | 18 18, men 10 */
    d = difference_of (rows, "10–14");
    g_assert_cmpstr (d->text[0], ==, "4");
    g_assert_cmpstr (d->text[1], ==, "0");
    d = difference_of (rows, "15–19");
    g_assert_cmpstr (d->text[0], ==, "0");
    g_assert_cmpstr (d->text[1], ==, "1");
    g_assert_cmpstr (d->change, ==, "−100 %");
    d = difference_of (figures, "15–19: At end");
    g_assert_cmpstr (d->text[0], ==, "2");
    g_assert_cmpstr (d->text[1], ==, "0");
    d = difference_of (figures, "10–14: At end");
    g_assert_cmpstr (d->text[0], ==, "0");
    g_assert_cmpstr (d->text[1], ==, "1");
    g_assert_cmpstr (d->change, ==, "−100 %");
  }
  g_assert_false (pathways_compare_view_side_is_empty (PATHWAYS_COMPARE_VIEW (table), 0));
  g_assert_false (pathways_compare_view_side_is_empty (PATHWAYS_COMPARE_VIEW (table), 1));
  g_assert_false (pathways_compare_view_side_is_empty (PATHWAYS_COMPARE_VIEW (answers_view), 1));

  /* February 2023: no case referred (all were in January), so no outcome data */
  nobody = fixture_report (dataset, NULL, pathways_day_from_ymd (2023, 2, 1), pathways_day_from_ymd (2023, 2, 28));
  pathways_compare_view_set_reports (PATHWAYS_COMPARE_VIEW (table), women, "Female", nobody, "February 2023");
  pathways_compare_view_set_reports (PATHWAYS_COMPARE_VIEW (answers_view), women, "Female", nobody, "February 2023");
  g_assert_false (pathways_compare_view_side_is_empty (PATHWAYS_COMPARE_VIEW (table), 0));
  g_assert_true (pathways_compare_view_side_is_empty (PATHWAYS_COMPARE_VIEW (table), 1));
  g_assert_true (pathways_compare_view_side_is_empty (PATHWAYS_COMPARE_VIEW (answers_view), 1));
  check_differences (PATHWAYS_COMPARE_VIEW (table));

  g_object_unref (table);
  g_object_unref (answers_view);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/compare-pages/every-page", test_compare_every_page);
  g_test_add_func ("/pathways/compare-pages/outcomes", test_compare_outcomes);
  g_test_add_func ("/pathways/compare-pages/outcomes-page", test_compare_outcomes_page);
  g_test_add_func ("/pathways/compare-pages/outcomes-groups", test_compare_outcomes_groups);

  return ui_test_run ();
}
