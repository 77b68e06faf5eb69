/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chart layout: the numbers behind every chart, checked without drawing. */
#include "config.h"

#include "chart-test-util.h"

/* A row's label as the charts show it: its first label cell. */
static const char *
_chart_row_label (const PathwaysReportTable *t,
                  const PathwaysReportRow   *row)
{
  for (guint c = 0; c < t->columns->len; c++)
    if (((PathwaysReportColumn *) g_ptr_array_index (t->columns, c))->kind == PATHWAYS_CELL_LABEL
        && row->cells[c].text != NULL)
      return row->cells[c].text;
  return row->id;
}

static const PathwaysChartItem *
find_text (PathwaysChartLayout *layout,
           const char          *text,
           int                  mark)
{
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_TEXT && g_strcmp0 (item->text, text) == 0
          && (mark < -1 || item->mark == mark))
        return item;
    }
  return NULL;
}

static const PathwaysChartItem *
find_bar (PathwaysChartLayout *layout,
          int                  mark)
{
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_RECT && item->mark == mark
          && (item->flags & PATHWAYS_CHART_ITEM_DATA))
        return item;
    }
  return NULL;
}

static void
test_funnel_marks (void)
{
  const char *labels[] = { "Referred", "Contacted", "Assessed", "Allocated" };
  double counts[] = { 1000, 20, 0, -3 };
  PathwaysReportTable *t = chart_test_table (PATHWAYS_CHART_FUNNEL, labels, counts, 4, 1000);
  g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
  const PathwaysChartItem *big, *small, *label;

  g_assert_cmpuint (pathways_chart_layout_get_n_marks (layout), ==, 4);
  g_assert_cmpstr (pathways_chart_layout_get_mark (layout, 1)->row_id, ==, "row1");
  g_assert_cmpstr (pathways_chart_layout_get_mark (layout, 1)->label, ==, "Contacted");

  /* 1,000 fills the bar room; 20 is 2 % of it. */
  big = find_bar (layout, 0);
  small = find_bar (layout, 1);
  g_assert_nonnull (big);
  g_assert_nonnull (small);
  g_assert_cmpfloat_with_epsilon (small->width / big->width, 0.02, 1e-9);
  g_assert_cmpfloat (big->x, ==, small->x);

  /* The long bar carries its label inside, the short one beside it. */
  label = find_text (layout, "1,000", 0);
  g_assert_nonnull (label);
  g_assert_cmpfloat (label->x, >=, big->x);
  g_assert_cmpfloat (label->x + label->width, <=, big->x + big->width);
  g_assert_cmpint (label->ink, ==, PATHWAYS_CHART_INK_ON_BAR);
  label = find_text (layout, "20", 1);
  g_assert_nonnull (label);
  g_assert_cmpfloat (label->x, >, small->x + small->width);

  /* A zero stage: a mark, no bar, the text "0". */
  g_assert_null (find_bar (layout, 2));
  g_assert_cmpfloat (pathways_chart_layout_get_mark (layout, 2)->value, ==, 0);
  g_assert_nonnull (find_text (layout, "0", 2));

  /* A suppressed stage: "<5" and nothing that has its length. */
  g_assert_null (find_bar (layout, 3));
  g_assert_true (pathways_chart_layout_get_mark (layout, 3)->suppressed);
  g_assert_true (isnan (pathways_chart_layout_get_mark (layout, 3)->value));
  g_assert_nonnull (find_text (layout, "<5", 3));
  chart_test_assert_no_hidden_bars (layout, "funnel");
  chart_test_assert_tidy (layout, 800, 500, "funnel");

  /* Hover finds the row under the pointer. */
  {
    const PathwaysChartMark *m = pathways_chart_layout_get_mark (layout, 2);
    g_assert_cmpint (pathways_chart_layout_mark_at (layout, m->x + m->width / 2, m->y + m->height / 2), ==, 2);
    g_assert_cmpint (pathways_chart_layout_mark_at (layout, -10, -10), ==, -1);
  }
  chart_test_table_free (t);
}

static void
test_item_counts (void)
{
  static const guint sizes[] = { 0, 1, 40 };
  char *labels[40];
  double counts[40];

  for (guint i = 0; i < 40; i++)
    {
      labels[i] = g_strdup_printf ("Reason number %u", i + 1);
      counts[i] = 400 - i * 10;
    }
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint kind = PATHWAYS_CHART_FUNNEL; kind <= PATHWAYS_CHART_COMPLETENESS; kind++)
      {
        PathwaysReportTable *t = chart_test_table (kind, (const char * const *) labels, counts, sizes[s], 4000);
        g_autofree char *what = g_strdup_printf ("kind %u, %u rows", kind, sizes[s]);
        g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
        guint marks = pathways_chart_layout_get_n_marks (layout);

        chart_test_assert_tidy (layout, 800, 500, what);
        if (sizes[s] == 0)
          {
            g_assert_cmpuint (marks, ==, 0);
            g_assert_nonnull (find_text (layout, kind == PATHWAYS_CHART_COMPLETENESS ? "No values are missing"
                                                                                     : "No records to show", -2));
          }
        else if (sizes[s] == 1)
          g_assert_cmpuint (marks, >=, 1);
        else if (kind == PATHWAYS_CHART_CLOSURE_REASONS || kind == PATHWAYS_CHART_BARS)
          {
            /* 40 rows at 500 px: the 11 largest and one bar for the other 29. */
            g_assert_cmpuint (marks, ==, 12);
            g_assert_nonnull (find_text (layout, "All other values (29 groups)", -2));
          }
        chart_test_table_free (t);
      }
  for (guint i = 0; i < 40; i++)
    g_free (labels[i]);
}

static void
test_long_label (void)
{
  g_autofree char *long_label = g_strnfill (30, 'x');
  g_autofree char *very_long = g_strjoin (" ", long_label, long_label, long_label, long_label, "end", NULL);
  const char *labels[] = { very_long, "Short" };
  double counts[] = { 50, 40 };
  PathwaysReportTable *t = chart_test_table (PATHWAYS_CHART_BARS, labels, counts, 2, 100);
  g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 600, 400, NULL, NULL);
  const PathwaysChartItem *text = find_text (layout, very_long, 0);

  g_assert_nonnull (text);
  g_assert_true (pango_layout_is_ellipsized (text->layout));
  g_assert_cmpfloat (text->width, <=, 600 * 0.38 + 1);
  /* The full text stays on the mark for the tooltip. */
  g_assert_cmpstr (pathways_chart_layout_get_mark (layout, 0)->label, ==, very_long);
  g_assert_nonnull (strstr (pathways_chart_layout_get_mark (layout, 0)->tooltip, very_long));
  chart_test_assert_tidy (layout, 600, 400, "long label");
  chart_test_table_free (t);
}

static void
test_font_scales_with_canvas (void)
{
  const char *labels[] = { "A", "B" };
  double counts[] = { 5, 6 };
  PathwaysReportTable *t = chart_test_table (PATHWAYS_CHART_BARS, labels, counts, 2, 11);
  g_autoptr(PathwaysChartLayout) small = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
  g_autoptr(PathwaysChartLayout) large = pathways_chart_layout_new (NULL, t, 1600, 1000, NULL, NULL);
  g_autoptr(PathwaysChartLayout) wide = pathways_chart_layout_new (NULL, t, 3000, 500, NULL, NULL);
  PathwaysChartStyle style;
  g_autoptr(PathwaysChartLayout) fixed = NULL;

  /* From the smaller side: 500 × 0.028 = 14, 1000 × 0.028 = 28. */
  g_assert_cmpfloat_with_epsilon (pathways_chart_layout_get_font_size (small), 14, 1e-9);
  g_assert_cmpfloat_with_epsilon (pathways_chart_layout_get_font_size (large), 28, 1e-9);
  g_assert_cmpfloat_with_epsilon (pathways_chart_layout_get_font_size (wide), 14, 1e-9);
  /* A window sets the size: resizing re-lays out, never scales text. */
  pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_DARK);
  style.font_size = 11;
  fixed = pathways_chart_layout_new (NULL, t, 1600, 1000, &style, NULL);
  g_assert_cmpfloat (pathways_chart_layout_get_font_size (fixed), ==, 11);
  chart_test_table_free (t);
}

static void
test_sample_tables (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (TRUE);
  static const double sizes[][2] = { { 320, 200 }, { 800, 500 }, { 1600, 1000 } };
  guint charts = 0, hidden = 0;

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      if (t->chart.kind == PATHWAYS_CHART_NONE)
        continue;
      charts++;
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autofree char *what = g_strdup_printf ("%s/%s at %.0f×%.0f", t->id, t->key ? t->key : "",
                                                   sizes[s][0], sizes[s][1]);
          g_autoptr(PathwaysChartLayout) layout =
            pathways_chart_layout_new (report, t, sizes[s][0], sizes[s][1], NULL, NULL);
          chart_test_assert_tidy (layout, sizes[s][0], sizes[s][1], what);
          chart_test_assert_no_hidden_bars (layout, what);
          for (guint m = 0; m < pathways_chart_layout_get_n_marks (layout); m++)
            hidden += pathways_chart_layout_get_mark (layout, m)->suppressed;
        }
    }
  g_assert_cmpuint (charts, >, 20);
  /* The protected sample hides small service types' reasons and bands. */
  g_assert_cmpuint (hidden, >, 0);
}

static void
test_sample_panels (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (TRUE);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  g_autoptr(GPtrArray) bands = g_ptr_array_new ();

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      if (g_str_equal (t->id, "service_closure_reasons"))
        g_ptr_array_add (reasons, t);
      if (g_str_equal (t->id, "waiting_bands") && t->key != NULL && g_str_has_prefix (t->key, "service_wait/"))
        g_ptr_array_add (bands, t);
    }
  g_assert_cmpuint (reasons->len, ==, 6);
  g_assert_cmpuint (bands->len, ==, 6);
  for (guint w = 0; w < 3; w++)
    {
      double width = (double[]) { 320, 800, 1600 }[w], height = (double[]) { 200, 500, 1000 }[w];
      g_autoptr(PathwaysChartLayout) a =
        pathways_chart_layout_new_panels (report, (const PathwaysReportTable **) reasons->pdata, reasons->len,
                                          "Service closure reasons", width, height, NULL, NULL);
      g_autoptr(PathwaysChartLayout) b =
        pathways_chart_layout_new_panels (report, (const PathwaysReportTable **) bands->pdata, bands->len,
                                          "Waiting", width, height, NULL, NULL);
      chart_test_assert_tidy (a, width, height, "service closure panels");
      chart_test_assert_tidy (b, width, height, "waiting panels");
      chart_test_assert_no_hidden_bars (a, "service closure panels");
      chart_test_assert_no_hidden_bars (b, "waiting panels");
      if (w > 0)
        {
          /* One scale: Therapy's "Planned closure" (1,636) is the longest bar, and
           * Advocacy's (920) is 920 / 1,636 of it. */
          const PathwaysChartItem *therapy = NULL, *advocacy = NULL;
          for (guint i = 0; i < pathways_chart_layout_get_n_items (a); i++)
            {
              const PathwaysChartItem *item = pathways_chart_layout_get_item (a, i);
              const PathwaysChartMark *m;
              if (item->mark < 0 || !(item->flags & PATHWAYS_CHART_ITEM_DATA))
                continue;
              m = pathways_chart_layout_get_mark (a, item->mark);
              if (g_strcmp0 (m->row_id, "Planned closure") != 0)
                continue;
              if (g_strcmp0 (m->table_key, "Therapy") == 0)
                therapy = item;
              if (g_strcmp0 (m->table_key, "Advocacy") == 0)
                advocacy = item;
            }
          g_assert_nonnull (therapy);
          g_assert_nonnull (advocacy);
          g_assert_cmpfloat_with_epsilon (advocacy->width / therapy->width, 920.0 / 1636.0, 1e-6);
        }
    }
}


/* TRUE when the segment of LINE comes within EPS of the inside of rectangle T. */
static gboolean
line_hits_text (const PathwaysChartItem *line,
                const PathwaysChartItem *t,
                double                   eps)
{
  double len = MAX (fabs (line->width), fabs (line->height));
  guint steps = (guint) ceil (len / 0.5) + 1;

  for (guint s = 0; s <= steps; s++)
    {
      double x = line->x + line->width * s / steps, y = line->y + line->height * s / steps;
      if (x > t->x + eps && x < t->x + t->width - eps && y > t->y + eps && y < t->y + t->height - eps)
        return TRUE;
    }
  return FALSE;
}

/* No line strikes through a text (grid lines run behind texts), and no two texts
 * overlap. */
static void
assert_no_collisions (PathwaysChartLayout *layout,
                      double               width,
                      double               height,
                      const char          *what)
{
  chart_test_assert_tidy (layout, width, height, what);
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *line = pathways_chart_layout_get_item (layout, i);
      if (line->kind != PATHWAYS_CHART_ITEM_LINE || line->ink == PATHWAYS_CHART_INK_GRID)
        continue;
      for (guint j = 0; j < pathways_chart_layout_get_n_items (layout); j++)
        {
          const PathwaysChartItem *t = pathways_chart_layout_get_item (layout, j);
          if (t->kind == PATHWAYS_CHART_ITEM_TEXT && line_hits_text (line, t, 0.5))
            g_error ("%s: a line from %.1f,%.1f to %.1f,%.1f strikes through “%s”", what, line->x, line->y,
                     line->x + line->width, line->y + line->height, t->text);
        }
    }
}

/* The waiting-time lines (median, 90th percentile, target) on the sample and on awkward
 * figures: every band label long, the three lines together at the end of the bars. */
static void
test_distribution_collisions (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (FALSE);
  static const double sizes[][2] = { { 480, 300 }, { 800, 500 }, { 1600, 1000 } };
  g_autoptr(GPtrArray) service = g_ptr_array_new ();
  PathwaysReportTable *wt = pathways_report_get_table (report, "waiting_times", NULL);
  guint lines = 0;

  g_assert_nonnull (wt);
  for (int pass = 0; pass < 3; pass++)
    {
      if (pass == 1)
        {
          /* Every line at the bar end: median, p90 and target of 400 days, past the
           * last band ("over 365"). */
          for (guint r = 0; r < wt->rows->len; r++)
            {
              PathwaysReportRow *row = g_ptr_array_index (wt->rows, r);
              row->cells[pathways_report_table_find_column (wt, "median")].value = 390;
              row->cells[pathways_report_table_find_column (wt, "p90")].value = 399;
              row->cells[pathways_report_table_find_column (wt, "target_days")].value = 400;
            }
        }
      if (pass == 2)
        {
          /* Long band labels, the lines spread over the bars again. */
          for (guint i = 0; i < report->tables->len; i++)
            {
              PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
              if (!g_str_equal (t->id, "waiting_bands"))
                continue;
              for (guint r = 0; r < t->rows->len; r++)
                {
                  PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
                  g_free (row->cells[0].text);
                  row->cells[0].text = g_strdup_printf ("Band %u of the waiting time in days", r + 1);
                }
            }
          for (guint r = 0; r < wt->rows->len; r++)
            {
              PathwaysReportRow *row = g_ptr_array_index (wt->rows, r);
              row->cells[pathways_report_table_find_column (wt, "median")].value = 20;
              row->cells[pathways_report_table_find_column (wt, "p90")].value = 60;
              row->cells[pathways_report_table_find_column (wt, "target_days")].value = 28;
            }
        }
      g_ptr_array_set_size (service, 0);
      for (guint i = 0; i < report->tables->len; i++)
        {
          PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
          if (!g_str_equal (t->id, "waiting_bands"))
            continue;
          if (t->key != NULL && g_str_has_prefix (t->key, "service_wait/"))
            g_ptr_array_add (service, t);
          for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
            {
              g_autofree char *what = g_strdup_printf ("pass %d, %s at %.0f×%.0f", pass, t->key,
                                                       sizes[s][0], sizes[s][1]);
              g_autoptr(PathwaysChartLayout) layout =
                pathways_chart_layout_new (report, t, sizes[s][0], sizes[s][1], NULL, NULL);
              assert_no_collisions (layout, sizes[s][0], sizes[s][1], what);
              for (guint k = 0; k < pathways_chart_layout_get_n_items (layout); k++)
                lines += pathways_chart_layout_get_item (layout, k)->kind == PATHWAYS_CHART_ITEM_LINE;
            }
        }
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autofree char *what = g_strdup_printf ("pass %d, service panels at %.0f×%.0f", pass,
                                                   sizes[s][0], sizes[s][1]);
          g_autoptr(PathwaysChartLayout) layout =
            pathways_chart_layout_new_panels (report, (const PathwaysReportTable **) service->pdata,
                                              service->len, "Waiting", sizes[s][0], sizes[s][1], NULL, NULL);
          assert_no_collisions (layout, sizes[s][0], sizes[s][1], what);
        }
    }
  /* the lines are there (cut, not dropped): a baseline and pieces of three markers */
  g_assert_cmpuint (lines, >, 100);
  {
    /* at the bar end the three labels still read, each once */
    PathwaysReportTable *contact = pathways_report_get_table (report, "waiting_bands", "referral_to_contact");
    g_autoptr(PathwaysChartLayout) layout = NULL;
    for (guint r = 0; r < wt->rows->len; r++)
      {
        PathwaysReportRow *row = g_ptr_array_index (wt->rows, r);
        row->cells[pathways_report_table_find_column (wt, "median")].value = 390;
        row->cells[pathways_report_table_find_column (wt, "p90")].value = 399;
        row->cells[pathways_report_table_find_column (wt, "target_days")].value = 400;
      }
    layout = pathways_chart_layout_new (report, contact, 800, 500, NULL, NULL);
    g_assert_nonnull (find_text (layout, "median 390 days", -2));
    g_assert_nonnull (find_text (layout, "90th percentile 399 days", -2));
    /* the within-target share is the sample's own (93 %): not recomputed here */
    g_assert_nonnull (find_text (layout, "target 400 days: 93 % within", -2));
  }
}

/* The 100-category fixture: "Category 1" ... "Category 100" in first-seen order with
 * counts 1 to 100 shuffled ((37 i) mod 100 + 1), and "Not recorded" (50) at row 40.
 * The counts add up (5,050 + 50 = 5,100) when ADDITIVE, with the total shown. */
static PathwaysReportTable *
many_table (PathwaysChartKind kind,
            gboolean          additive)
{
  char *labels[101];
  double counts[101], total = 0;
  PathwaysReportTable *t;

  for (guint i = 0; i < 101; i++)
    {
      labels[i] = i == 40 ? g_strdup ("Not recorded") : g_strdup_printf ("Category %u", i < 40 ? i + 1 : i);
      counts[i] = i == 40 ? 50 : ((37 * (i < 40 ? i : i - 1)) % 100) + 1;
      total += counts[i];
    }
  g_assert_cmpfloat (total, ==, 5100);
  t = chart_test_table (kind, (const char * const *) labels, counts, 101, total);
  if (additive)
    {
      ((PathwaysReportColumn *) g_ptr_array_index (t->columns, 2))->additive = TRUE;
      t->totals = g_new0 (PathwaysCell, 4);
      t->totals[2] = (PathwaysCell) { .kind = PATHWAYS_CELL_COUNT, .defined = TRUE, .value = total };
    }
  for (guint i = 0; i < 101; i++)
    g_free (labels[i]);
  return t;
}

static void
many_table_free (PathwaysReportTable *t)
{
  g_free (t->totals);
  chart_test_table_free (t);
}

/* A series of periods (activity by quarter: the newest first, as the report lists
 * them) is never ranked by size nor folded into "All other values": the newest periods
 * that fit, in the table's order, then one row counting the earlier ones. */
static void
test_period_series_order (void)
{
  char *labels[40];
  double counts[40], total = 0;
  PathwaysReportTable *t;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  PathwaysReportColumn *first;
  guint n;

  for (guint i = 0; i < 40; i++)
    {
      labels[i] = g_strdup_printf ("Period %u", i + 1);
      /* the largest counts among the OLDEST periods: ranking would put them first */
      counts[i] = 10 + i * 5;
      total += counts[i];
    }
  t = chart_test_table (PATHWAYS_CHART_BARS, (const char * const *) labels, counts, 40, total);
  first = g_ptr_array_index (t->columns, 0);
  g_free (first->id);
  first->id = g_strdup ("period");
  layout = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
  n = pathways_chart_layout_get_n_marks (layout);
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpuint (n, <=, 12);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *want = g_strdup_printf ("Period %u", i + 1);
      const PathwaysChartMark *m = pathways_chart_layout_get_mark (layout, i);

      g_assert_cmpstr (m->label, ==, want);
      /* Period 1 has 10, Period 2 has 15 ... */
      g_assert_cmpfloat (m->value, ==, 10 + i * 5);
    }
  {
    g_autofree char *rest = g_strdup_printf ("%u earlier periods", 40 - (n - 1));
    g_assert_cmpstr (pathways_chart_layout_get_mark (layout, n - 1)->label, ==, rest);
  }
  for (guint i = 0; i < n; i++)
    g_assert_false (g_str_has_prefix (pathways_chart_layout_get_mark (layout, i)->label, "All other values"));
  chart_test_assert_tidy (layout, 800, 500, "40 periods");
  for (guint i = 0; i < 40; i++)
    g_free (labels[i]);
  chart_test_table_free (t);
}

/* Many groups: the largest up to 12 (fewer on a short chart), "Not recorded" last, one
 * bar for the rest with the count the table gives; the table keeps every row. */
static void
test_many_groups (void)
{
  for (guint kind = PATHWAYS_CHART_CLOSURE_REASONS; kind <= PATHWAYS_CHART_BARS;
       kind += PATHWAYS_CHART_BARS - PATHWAYS_CHART_CLOSURE_REASONS)
    {
      PathwaysReportTable *t = many_table (kind, TRUE);
      g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
      PathwaysChartStyle style;
      g_autoptr(PathwaysChartLayout) small = NULL;
      g_autoptr(PathwaysChartLayout) large = pathways_chart_layout_new (NULL, t, 1600, 1000, NULL, NULL);
      guint n = pathways_chart_layout_get_n_marks (layout);
      const PathwaysChartMark *other, *nr;

      /* a window's card: 12 px text in 480 × 300 */
      pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_LIGHT);
      style.font_size = 12;
      small = pathways_chart_layout_new (NULL, t, 480, 300, &style, NULL);
      double prev = G_MAXDOUBLE;

      /* 12 bars: 10 categories (counts 100 down to 91), the other 90, Not recorded */
      g_assert_cmpuint (n, ==, 12);
      other = pathways_chart_layout_get_mark (layout, 10);
      nr = pathways_chart_layout_get_mark (layout, 11);
      g_assert_cmpstr (other->label, ==, "All other values (90 groups)");
      g_assert_null (other->row_id);
      g_assert_cmpstr (nr->label, ==, "Not recorded");
      for (guint i = 0; i < 10; i++)
        {
          const PathwaysChartMark *m = pathways_chart_layout_get_mark (layout, i);
          g_assert_true (g_str_has_prefix (m->label, "Category "));
          g_assert_cmpfloat (m->value, ==, 100 - i);
          g_assert_cmpfloat (m->value, <, prev);
          prev = m->value;
        }
      /* the rest: 5,100 − (100 + ... + 91 = 955) − 50 = 4,095 (1 + ... + 90), 80 % of 5,100 */
      g_assert_cmpfloat (other->value, ==, 4095);
      g_assert_nonnull (find_text (layout, "4,095 · 80 %", -2));
      g_assert_null (find_text (layout, "Category 37", -2));
      g_assert_true (find_bar (layout, 10) != NULL);
      chart_test_assert_tidy (layout, 800, 500, "100 groups");
      for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
        {
          const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
          g_assert_true (item->kind != PATHWAYS_CHART_ITEM_TEXT || !g_str_has_prefix (item->text, "and "));
        }
      /* fitted to the height: fewer on a short chart, never more than 12 */
      g_assert_cmpuint (pathways_chart_layout_get_n_marks (small), <, 12);
      g_assert_cmpuint (pathways_chart_layout_get_n_marks (small), >=, 4);
      g_assert_cmpuint (pathways_chart_layout_get_n_marks (large), ==, 12);
      g_assert_cmpstr (pathways_chart_layout_get_mark (small, pathways_chart_layout_get_n_marks (small) - 1)->label,
                       ==, "Not recorded");
      chart_test_assert_tidy (small, 480, 300, "100 groups, small");
      chart_test_assert_tidy (large, 1600, 1000, "100 groups, large");
      /* the table keeps every row */
      g_assert_cmpuint (t->rows->len, ==, 101);
      many_table_free (t);
    }
  {
    /* counts that do not add up (a case lists several values): no sum is made up */
    PathwaysReportTable *t = many_table (PATHWAYS_CHART_BARS, FALSE);
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
    g_assert_cmpstr (pathways_chart_layout_get_mark (layout, 10)->label, ==, "All other values (90 groups)");
    g_assert_null (find_bar (layout, 10));
    g_assert_nonnull (find_text (layout, "see the table", 10));
    many_table_free (t);
  }
  {
    /* a hidden count among the rest and no total: the rest's sum would reveal it */
    PathwaysReportTable *t = many_table (PATHWAYS_CHART_BARS, TRUE);
    PathwaysReportRow *row = g_ptr_array_index (t->rows, 60);
    g_autoptr(PathwaysChartLayout) layout = NULL;
    t->totals[2].suppression = PATHWAYS_SUPPRESSION_SECONDARY;
    row->cells[2].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
    layout = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
    g_assert_true (pathways_chart_layout_get_mark (layout, 10)->suppressed);
    g_assert_null (find_bar (layout, 10));
    chart_test_assert_no_hidden_bars (layout, "100 groups, hidden");
    many_table_free (t);
  }
}

/* A highlight from the style: the chosen row's bar outlined, every other mark muted,
 * none left out; a highlight of no row of the chart mutes nothing. */
static void
test_highlight (void)
{
  const char *labels[] = { "Police", "Self-referral", "Healthcare" };
  double counts[] = { 50, 40, 10 };
  const char *chosen[] = { "row1", NULL };
  const char *elsewhere[] = { "no-such-row", NULL };
  PathwaysReportTable *t = chart_test_table (PATHWAYS_CHART_BARS, labels, counts, 3, 100);
  PathwaysChartStyle style;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  g_autoptr(PathwaysChartLayout) none = NULL;
  guint muted = 0, outlined = 0;

  pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_LIGHT);
  style.highlight = chosen;
  layout = pathways_chart_layout_new (NULL, t, 800, 500, &style, NULL);
  g_assert_cmpuint (pathways_chart_layout_get_n_marks (layout), ==, 3);
  g_assert_false (pathways_chart_layout_get_mark (layout, 0)->chosen);
  g_assert_true (pathways_chart_layout_get_mark (layout, 1)->chosen);
  for (guint m = 0; m < 3; m++)
    g_assert_nonnull (find_bar (layout, m));
  g_assert_true (find_bar (layout, 1)->flags & PATHWAYS_CHART_ITEM_CHOSEN);
  g_assert_false (find_bar (layout, 1)->flags & PATHWAYS_CHART_ITEM_MUTED);
  g_assert_true (find_bar (layout, 0)->flags & PATHWAYS_CHART_ITEM_MUTED);
  g_assert_true (find_bar (layout, 2)->flags & PATHWAYS_CHART_ITEM_MUTED);
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      muted += !!(item->flags & PATHWAYS_CHART_ITEM_MUTED);
      outlined += !!(item->flags & PATHWAYS_CHART_ITEM_CHOSEN);
    }
  /* two bars, their labels and values muted; one bar outlined */
  g_assert_cmpuint (muted, ==, 6);
  g_assert_cmpuint (outlined, ==, 1);

  style.highlight = elsewhere;
  none = pathways_chart_layout_new (NULL, t, 800, 500, &style, NULL);
  for (guint i = 0; i < pathways_chart_layout_get_n_items (none); i++)
    g_assert_false (pathways_chart_layout_get_item (none, i)->flags
                    & (PATHWAYS_CHART_ITEM_MUTED | PATHWAYS_CHART_ITEM_CHOSEN));
  chart_test_table_free (t);
}

/* The sample's report with PERIOD (NULL: every referral) and TREND_UNIT. */
static PathwaysReport *
trend_report (const char        *period,
              PathwaysTrendUnit  unit)
{
  g_autoptr(PathwaysReport) sample = chart_test_sample_report (FALSE);
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(GError) error = NULL;
  PathwaysReportOptions options;

  if (period != NULL)
    g_assert_true (pathways_filter_set_period (filter, period, &error));
  g_assert_no_error (error);
  pathways_report_options_init (&options);
  options.measures.trend_unit = unit;
  return pathways_report_new (sample->dataset, filter, &options);
}

/* Trends: at most 36 points by default (months up to 3 years, quarters up to 9, then
 * financial years), the unit in the axis title, the first and last period labelled. */
static void
test_trend_units (void)
{
  static const struct {
    const char        *period;
    PathwaysTrendUnit  unit;        /* asked for */
    PathwaysTrendUnit  chosen;
    const char        *title, *first, *last;
  } cases[] = {
    /* the sample's referrals run from June 2001 to April 2023: 23 financial years */
    { NULL, PATHWAYS_TREND_AUTO, PATHWAYS_TREND_FINANCIAL_YEAR,
      "Median days, by financial year of referral", "2001-02", "2023-24" },
    /* a financial year: 12 months */
    { "FY2022-23", PATHWAYS_TREND_AUTO, PATHWAYS_TREND_MONTH,
      "Median days, by month of referral", "2022-04", "2023-03" },
    /* 1 April 2018 to 31 March 2023: 60 months, 20 quarters */
    { "2018-04-01..2023-03-31", PATHWAYS_TREND_AUTO, PATHWAYS_TREND_QUARTER,
      "Median days, by quarter of referral", "2018-Q2", "2023-Q1" },
    /* months asked for over 22 years: every month, both ends still labelled */
    { NULL, PATHWAYS_TREND_MONTH, PATHWAYS_TREND_MONTH,
      "Median days, by month of referral", NULL, NULL },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(PathwaysReport) report = trend_report (cases[c].period, cases[c].unit);
      PathwaysReportTable *t = pathways_report_get_table (report, "waiting_trend", "referral_to_contact");
      const PathwaysReportRow *r0, *rn;
      const char *first, *last;

      g_assert_cmpint (report->options.trend_unit, ==, cases[c].chosen);
      g_assert_nonnull (t);
      g_assert_cmpuint (t->rows->len, >, 1);
      if (cases[c].unit == PATHWAYS_TREND_AUTO)
        g_assert_cmpuint (t->rows->len, <=, 36);
      else
        g_assert_cmpuint (t->rows->len, >, 200);
      r0 = g_ptr_array_index (t->rows, 0);
      rn = g_ptr_array_index (t->rows, t->rows->len - 1);
      first = _chart_row_label (t, r0);
      last = _chart_row_label (t, rn);
      if (cases[c].first != NULL)
        {
          g_assert_cmpstr (first, ==, cases[c].first);
          g_assert_cmpstr (last, ==, cases[c].last);
        }
      for (guint s = 0; s < 3; s++)
        {
          double w = (double[]) { 480, 800, 1600 }[s], h = (double[]) { 300, 500, 1000 }[s];
          g_autofree char *what = g_strdup_printf ("trend %u at %.0f", c, w);
          g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (report, t, w, h, NULL, NULL);

          chart_test_assert_tidy (layout, w, h, what);
          g_assert_nonnull (find_text (layout, cases[c].title, -2));
          g_assert_nonnull (find_text (layout, first, 0));
          g_assert_nonnull (find_text (layout, last, (int) t->rows->len - 1));
        }
    }
}

static int
by_x (gconstpointer a,
      gconstpointer b)
{
  const PathwaysChartItem *x = *(PathwaysChartItem * const *) a, *y = *(PathwaysChartItem * const *) b;

  return (x->x > y->x) - (x->x < y->x);
}

/* The period labels a trend shows under its axis, left to right: the texts of a row's mark
 * that read as the row's label. */
static GPtrArray *
trend_axis_labels (PathwaysChartLayout       *layout,
                   const PathwaysReportTable *t)
{
  GPtrArray *labels = g_ptr_array_new ();

  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_TEXT && item->mark >= 0 && (guint) item->mark < t->rows->len
          && g_strcmp0 (item->text, _chart_row_label (t, g_ptr_array_index (t->rows, item->mark))) == 0)
        g_ptr_array_add (labels, (gpointer) item);
    }
  g_ptr_array_sort (labels, by_x);
  return labels;
}

/* Financial quarters on a time axis. A waiting list is a series of its own periods
 * whatever the report's trend unit: over the whole sample the trends are by financial
 * year and the waiting lists by financial quarter, and four quarters of a year used to
 * share one place. A trend by financial quarter labels its first and last quarter and,
 * between them, first quarters only, never two labels over each other. */
static void
test_trend_quarters (void)
{
  g_autoptr(PathwaysReport) sample = chart_test_sample_report (FALSE);
  g_autoptr(PathwaysReport) whole = NULL;
  g_autoptr(PathwaysReport) fq = trend_report (NULL, PATHWAYS_TREND_FINANCIAL_QUARTER);
  PathwaysReportTable *wl, *t = pathways_report_get_table (fq, "waiting_trend", "referral_to_contact");
  PathwaysReportOptions options;

  /* the activity section as pathways-cli export has it, its unit chosen by the span */
  pathways_report_options_init (&options);
  options.measures.activity = TRUE;
  whole = pathways_report_new (sample->dataset, NULL, &options);
  wl = pathways_report_get_table (whole, "activity_waiting_list", "Therapy");

  g_assert_cmpint (whole->options.trend_unit, ==, PATHWAYS_TREND_FINANCIAL_YEAR);
  g_assert_nonnull (wl);
  /* the latest ten years: 2013-14 Q2 to 2023-24 Q1, oldest first */
  g_assert_cmpuint (wl->rows->len, ==, 40);
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (wl->rows, 0))->id, ==, "2013-14 Q2");
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (wl->rows, 39))->id, ==, "2023-24 Q1");
  for (guint s = 0; s < 3; s++)
    {
      double w = (double[]) { 480, 800, 1600 }[s], h = (double[]) { 300, 500, 1000 }[s];
      g_autofree char *what = g_strdup_printf ("waiting list at %.0f", w);
      g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (whole, wl, w, h, NULL, NULL);
      g_autoptr(GPtrArray) labels = trend_axis_labels (layout, wl);
      double step = 0;

      g_assert_cmpuint (pathways_chart_layout_get_n_marks (layout), ==, 40);
      /* 40 consecutive quarters: 40 places the same distance apart, left to right */
      for (guint m = 1; m < 40; m++)
        {
          const PathwaysChartMark *a = pathways_chart_layout_get_mark (layout, m - 1);
          const PathwaysChartMark *b = pathways_chart_layout_get_mark (layout, m);
          double d = (b->x + b->width / 2) - (a->x + a->width / 2);
          g_assert_cmpfloat (d, >, 0);
          if (m == 1)
            step = d;
          g_assert_cmpfloat_with_epsilon (d, step, 1e-6);
        }
      g_assert_nonnull (find_text (layout, "Median wait so far (days), at the end of each financial quarter", -1));
      g_assert_cmpstr (((PathwaysChartItem *) labels->pdata[0])->text, ==, "2013-14 Q2");
      g_assert_cmpstr (((PathwaysChartItem *) labels->pdata[labels->len - 1])->text, ==, "2023-24 Q1");
      chart_test_assert_tidy (layout, w, h, what);
    }

  g_assert_nonnull (t);
  g_assert_cmpuint (t->rows->len, >, 40);
  for (guint s = 0; s < 3; s++)
    {
      double w = (double[]) { 480, 800, 1600 }[s], h = (double[]) { 300, 500, 1000 }[s];
      g_autofree char *what = g_strdup_printf ("trend by financial quarter at %.0f", w);
      g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (fq, t, w, h, NULL, NULL);
      g_autoptr(GPtrArray) labels = trend_axis_labels (layout, t);
      const PathwaysChartItem *first, *last;

      g_assert_nonnull (find_text (layout, "Median days, by financial quarter of referral", -1));
      g_assert_cmpuint (labels->len, >=, 4);
      first = labels->pdata[0];
      last = labels->pdata[labels->len - 1];
      g_assert_cmpstr (first->text, ==, _chart_row_label (t, g_ptr_array_index (t->rows, 0)));
      g_assert_cmpstr (last->text, ==, _chart_row_label (t, g_ptr_array_index (t->rows, t->rows->len - 1)));
      for (guint i = 1; i + 1 < labels->len; i++)
        {
          const PathwaysChartItem *item = labels->pdata[i];
          g_assert_true (g_str_has_suffix (item->text, " Q1"));
          g_assert_cmpfloat (item->x, >, ((PathwaysChartItem *) labels->pdata[i - 1])->x);
        }
      chart_test_assert_tidy (layout, w, h, what);
    }
}

/* Finding titles, each rule with numbers worked out by hand. */
static void
test_finding_titles (void)
{
  const char *stages[] = { "Referred", "Contacted", "Assessed", "Allocated" };
  const char *reasons[] = { "Completed", "Withdrew", "Moved away" };
  const char *tied[] = { "Referred", "Contacted", "Assessed" };
  PathwaysReportTable *t;
  char *title;

  /* Drops 1000→700 (300), 700→250 (450), 250→200 (50): the largest is before Assessed. */
  t = chart_test_table (PATHWAYS_CHART_FUNNEL, stages, (double[]) { 1000, 700, 250, 200 }, 4, 1000);
  title = pathways_chart_finding_title (NULL, t);
  g_assert_cmpstr (title, ==, "The largest drop is before “Assessed”");
  g_free (title);
  {
    /* The layout shows it as the title. */
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
    g_assert_nonnull (find_text (layout, "The largest drop is before “Assessed”", -1));
    g_assert_null (find_text (layout, "Test chart", -1));
  }
  chart_test_table_free (t);
  /* A hidden stage: no finding, the subject stays. */
  t = chart_test_table (PATHWAYS_CHART_FUNNEL, stages, (double[]) { 1000, 700, -3, 2 }, 4, 1000);
  g_assert_null (pathways_chart_finding_title (NULL, t));
  {
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 800, 500, NULL, NULL);
    g_assert_nonnull (find_text (layout, "Test chart", -1));
  }
  chart_test_table_free (t);
  /* Two equal drops (100 and 100): no single largest. */
  t = chart_test_table (PATHWAYS_CHART_FUNNEL, tied, (double[]) { 300, 200, 100 }, 3, 300);
  g_assert_null (pathways_chart_finding_title (NULL, t));
  chart_test_table_free (t);

  /* Closure reasons (row 0 is the planned class): 650 of 1,950 is 33.3 %, a third. */
  t = chart_test_table (PATHWAYS_CHART_CLOSURE_REASONS, reasons, (double[]) { 650, 800, 500 }, 3, 1950);
  title = pathways_chart_finding_title (NULL, t);
  g_assert_cmpstr (title, ==, "A third of closed cases ended as planned");
  g_free (title);
  chart_test_table_free (t);
  /* 1,000 of 2,000: half; 840 of 2,000 = 42 %: a percent; 150 of 2,000 = 7.5 %. */
  t = chart_test_table (PATHWAYS_CHART_CLOSURE_REASONS, reasons, (double[]) { 1000, 600, 400 }, 3, 2000);
  title = pathways_chart_finding_title (NULL, t);
  g_assert_cmpstr (title, ==, "Half of closed cases ended as planned");
  g_free (title);
  chart_test_table_free (t);
  t = chart_test_table (PATHWAYS_CHART_CLOSURE_REASONS, reasons, (double[]) { 840, 660, 500 }, 3, 2000);
  title = pathways_chart_finding_title (NULL, t);
  g_assert_cmpstr (title, ==, "42 % of closed cases ended as planned");
  g_free (title);
  chart_test_table_free (t);
  t = chart_test_table (PATHWAYS_CHART_CLOSURE_REASONS, reasons, (double[]) { 150, 1350, 500 }, 3, 2000);
  title = pathways_chart_finding_title (NULL, t);
  g_assert_cmpstr (title, ==, "7.5 % of closed cases ended as planned");
  g_free (title);
  chart_test_table_free (t);
  /* 1,510 of 2,000 = 75.5 %: within 1.5 points of three quarters. */
  t = chart_test_table (PATHWAYS_CHART_CLOSURE_REASONS, reasons, (double[]) { 1510, 290, 200 }, 3, 2000);
  title = pathways_chart_finding_title (NULL, t);
  g_assert_cmpstr (title, ==, "Three quarters of closed cases ended as planned");
  g_free (title);
  chart_test_table_free (t);
  /* The planned count hidden: no finding. */
  t = chart_test_table (PATHWAYS_CHART_CLOSURE_REASONS, reasons, (double[]) { -4, 800, 500 }, 3, 1304);
  g_assert_null (pathways_chart_finding_title (NULL, t));
  chart_test_table_free (t);
  /* Kinds without a rule keep their subject. */
  t = chart_test_table (PATHWAYS_CHART_BARS, reasons, (double[]) { 10, 20, 30 }, 3, 60);
  g_assert_null (pathways_chart_finding_title (NULL, t));
  chart_test_table_free (t);
}

/* Waiting times: the median of the sample's waits, as the report gives them. */
static void
test_finding_titles_waits (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (TRUE);
  PathwaysReportTable *therapy = pathways_report_get_table (report, "waiting_bands", "service_wait/Therapy");
  PathwaysReportTable *contact = pathways_report_get_table (report, "waiting_bands", "referral_to_contact");
  g_autofree char *t1 = NULL, *t2 = NULL;

  g_assert_nonnull (therapy);
  g_assert_nonnull (contact);
  t1 = pathways_chart_finding_title (report, therapy);
  /* The sample's Therapy services: median 69 days. */
  g_assert_cmpstr (t1, ==, "Half of Therapy services started within 69 days");
  t2 = pathways_chart_finding_title (report, contact);
  g_assert_true (g_str_has_prefix (t2, "Half of cases were contacted "));
  /* Without the report's waiting_times table there is no median: no finding. */
  g_assert_null (pathways_chart_finding_title (NULL, therapy));
}

/* A rates table by hand: N groups named "Group I" with CLOSED[i] closed cases and
 * PLANNED[i] planned; "Not recorded" first when NOT_RECORDED. */
static PathwaysReportTable *
rates_table (const double *closed,
             const double *planned,
             guint         n,
             gboolean      not_recorded)
{
  const char *ids[] = { "group", "closed", "planned", "rate", "ci_low", "ci_high" };
  PathwaysCellKind kinds[] = { PATHWAYS_CELL_LABEL, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT,
                               PATHWAYS_CELL_RATE, PATHWAYS_CELL_RATE, PATHWAYS_CELL_RATE };
  PathwaysReportTable *t = g_new0 (PathwaysReportTable, 1);
  double total_closed = 0, total_planned = 0;

  t->id = g_strdup ("planned_closure_rates");
  t->title = g_strdup ("Planned-closure rate by test");
  t->columns = g_ptr_array_new ();
  t->rows = g_ptr_array_new ();
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    {
      PathwaysReportColumn *col = g_new0 (PathwaysReportColumn, 1);
      col->id = g_strdup (ids[c]);
      col->label = g_strdup (ids[c]);
      col->kind = kinds[c];
      g_ptr_array_add (t->columns, col);
    }
  for (guint i = 0; i < n; i++)
    {
      PathwaysReportRow *row = g_new0 (PathwaysReportRow, 1);
      double lo, hi;

      row->cells = g_new0 (PathwaysCell, G_N_ELEMENTS (ids));
      for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
        {
          row->cells[c].kind = kinds[c];
          row->cells[c].defined = TRUE;
        }
      row->cells[0].text = not_recorded && i == 0 ? g_strdup ("Not recorded") : g_strdup_printf ("Group %u", i);
      row->id = g_strdup (row->cells[0].text);
      row->cells[1].value = closed[i];
      row->cells[2].value = planned[i];
      row->cells[3].value = 100.0 * planned[i] / closed[i];
      pathways_wilson_interval ((guint) planned[i], (guint) closed[i], &lo, &hi);
      row->cells[4].value = lo;
      row->cells[5].value = hi;
      total_closed += closed[i];
      total_planned += planned[i];
      g_ptr_array_add (t->rows, row);
    }
  t->totals = g_new0 (PathwaysCell, G_N_ELEMENTS (ids));
  t->totals[1] = (PathwaysCell) { .kind = PATHWAYS_CELL_COUNT, .defined = TRUE, .value = total_closed };
  t->totals[2] = (PathwaysCell) { .kind = PATHWAYS_CELL_COUNT, .defined = TRUE, .value = total_planned };
  t->base = t->totals[1];
  t->base_label = g_strdup ("closed cases");
  t->chart.kind = PATHWAYS_CHART_RATES;
  t->chart.title = g_strdup (t->title);
  t->chart.unit = g_strdup ("cases");
  t->chart.base_text = g_strdup_printf ("Base: %.0f closed cases", total_closed);
  t->chart.filters = g_strdup ("");
  t->chart.notes = g_ptr_array_new_with_free_func (g_free);
  return t;
}

static void
rates_table_free (PathwaysReportTable *t)
{
  g_free (t->totals);
  g_ptr_array_unref (t->chart.notes);
  chart_test_table_free (t);
}

/* The y of the row label TEXT, or -1. */
static double
label_y (PathwaysChartLayout *layout,
         const char          *text)
{
  const PathwaysChartItem *item = find_text (layout, text, -2);
  return item != NULL ? item->y : -1;
}

/* Rates: sorted by rate, "Not recorded" last, the rate beside each dot, 0-100 %, the
 * marks explained once, a small base in words; many groups: the largest and one row
 * for the rest. */
static void
test_rates (void)
{
  double closed[] = { 40, 200, 100, 12 };
  double planned[] = { 10, 60, 80, 6 };
  PathwaysReportTable *t = rates_table (closed, planned, 4, TRUE);
  g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 900, 500, NULL, NULL);
  double closed_many[20], planned_many[20];
  PathwaysReportTable *many;
  g_autoptr(PathwaysChartLayout) many_layout = NULL;
  guint n_rows = 0;

  /* Group 2 (80 %) above Group 3 (50 %) above Group 1 (30 %); Not recorded (25 %) last */
  g_assert_cmpfloat (label_y (layout, "Group 2"), <, label_y (layout, "Group 3"));
  g_assert_cmpfloat (label_y (layout, "Group 3"), <, label_y (layout, "Group 1"));
  g_assert_cmpfloat (label_y (layout, "Group 1"), <, label_y (layout, "Not recorded"));
  /* every rate printed, the scale to 100 %, the interval explained once */
  g_assert_nonnull (find_text (layout, "80 %", -2));
  g_assert_nonnull (find_text (layout, "30 %", -2));
  g_assert_nonnull (find_text (layout, "25 %", -2));
  g_assert_nonnull (find_text (layout, "100 %", -2));
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);

      if (item->kind == PATHWAYS_CHART_ITEM_TEXT && strstr (item->text, "95 % confidence interval") != NULL)
        n_rows++;
      /* a small base is said in words, never with the star of a hidden figure */
      if (item->kind == PATHWAYS_CHART_ITEM_TEXT)
        g_assert_null (strchr (item->text, '*'));
    }
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_true (find_text (layout, "small base", -2) != NULL || find_text (layout, "n = 12, small base", -2) != NULL);
  chart_test_assert_tidy (layout, 900, 500, "rates");
  rates_table_free (t);

  /* 20 groups: the 11 largest, then "All other values (9 groups)" with their sums */
  for (guint i = 0; i < 20; i++)
    {
      closed_many[i] = 100 + 10 * i;
      planned_many[i] = 50;
    }
  many = rates_table (closed_many, planned_many, 20, FALSE);
  many_layout = pathways_chart_layout_new (NULL, many, 900, 700, NULL, NULL);
  g_assert_nonnull (find_text (many_layout, "All other values (9 groups)", -2));
  g_assert_nonnull (find_text (many_layout, "Group 19", -2));
  g_assert_nonnull (find_text (many_layout, "Group 9", -2));
  g_assert_null (find_text (many_layout, "Group 8", -2));
  /* the rest: 100 + ... + 180 closed = 1,260, 450 planned: 36 % */
  g_assert_nonnull (find_text (many_layout, "n = 1,260", -2));
  g_assert_nonnull (find_text (many_layout, "36 %", -2));
  /* the other row comes after every group shown */
  g_assert_cmpfloat (label_y (many_layout, "All other values (9 groups)"), >, label_y (many_layout, "Group 9"));
  g_assert_cmpfloat (label_y (many_layout, "All other values (9 groups)"), >, label_y (many_layout, "Group 19"));
  chart_test_assert_tidy (many_layout, 900, 700, "rates, many groups");
  rates_table_free (many);
}

/* The overall rate's dashed line never strikes through a rate or a label, in every
 * rates chart of the sample and in a hand-made one whose rate sits on the line. */
static void
test_rates_collisions (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (TRUE);
  double closed[] = { 100, 100, 100 };
  double planned[] = { 50, 48, 52 };
  PathwaysReportTable *t = rates_table (closed, planned, 3, FALSE);
  guint n = 0;

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *r = g_ptr_array_index (report->tables, i);
      if (r->chart.kind != PATHWAYS_CHART_RATES)
        continue;
      for (guint s = 0; s < 2; s++)
        {
          double w = s == 0 ? 800 : 1600, h = s == 0 ? 500 : 1000;
          g_autofree char *what = g_strdup_printf ("rates %s at %.0f", r->key, w);
          g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (report, r, w, h, NULL, NULL);
          assert_no_collisions (layout, w, h, what);
          n++;
        }
    }
  g_assert_cmpuint (n, >=, 8);
  {
    /* 150 of 300 overall: the line at 50 %, through "52 %" and "50 %" printed beside
     * their dots unless it stops short of them */
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 800, 400, NULL, NULL);
    g_assert_nonnull (find_text (layout, "overall 50 %", -2));
    assert_no_collisions (layout, 800, 400, "rates on the line");
  }
  rates_table_free (t);
}

/* A step without a drop says so, never "−0 (0 % of previous step)". */
static void
test_funnel_no_drop (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (FALSE);
  PathwaysReportTable *t = pathways_report_get_table (report, "funnel", NULL);
  PathwaysReportRow *row = g_ptr_array_index (t->rows, 2);
  g_autoptr(PathwaysChartLayout) layout = NULL;

  row->cells[pathways_report_table_find_column (t, "drop")].value = 0;
  row->cells[pathways_report_table_find_column (t, "pct_of_previous")].value = 100;
  layout = pathways_chart_layout_new (report, t, 900, 600, NULL, NULL);
  g_assert_nonnull (find_text (layout, "no drop", -2));
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_TEXT)
        g_assert_false (g_str_has_prefix (item->text, "−0"));
    }
}

/* A flat trend of zero days keeps whole-day ticks: 0 to 5, each label once. */
static void
test_trend_flat (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (FALSE);
  PathwaysReportTable *t = NULL;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  guint ones = 0;
  int c;

  for (guint k = 0; t == NULL && k < report->tables->len; k++)
    if (g_str_equal (((PathwaysReportTable *) g_ptr_array_index (report->tables, k))->id, "waiting_trend"))
      t = g_ptr_array_index (report->tables, k);
  g_assert_nonnull (t);
  c = pathways_report_table_find_column (t, "median");
  for (guint r = 0; r < t->rows->len; r++)
    ((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[c].value = 0;
  layout = pathways_chart_layout_new (report, t, 900, 500, NULL, NULL);
  g_assert_nonnull (find_text (layout, "5", -2));
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_TEXT && g_strcmp0 (item->text, "1") == 0)
        ones++;
    }
  g_assert_cmpuint (ones, <=, 1);
}

/* A median that is drawn: defined, not hidden. */
static gboolean
_chart_cell_shown (const PathwaysCell *c)
{
  return c->defined && c->suppression == PATHWAYS_SUPPRESSION_NONE && isfinite (c->value);
}

/* The dots of a layout. */
static guint
count_dots (PathwaysChartLayout *layout)
{
  guint n = 0;

  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    if (pathways_chart_layout_get_item (layout, i)->kind == PATHWAYS_CHART_ITEM_DOT)
      n++;
  return n;
}

/* The first text item holding NEEDLE, or NULL. */
static const PathwaysChartItem *
find_text_containing (PathwaysChartLayout *layout,
                      const char          *needle)
{
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_TEXT && strstr (item->text, needle) != NULL)
        return item;
    }
  return NULL;
}

/* Trends with hidden medians: the n row clear of the axis and of its "0"; a hidden
 * median is a gap named once in the footer; every median hidden is a sentence; one
 * period is one point in the middle, clear of the value labels. */
static void
test_trend_hidden (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (TRUE);
  PathwaysReportTable *t = pathways_report_get_table (report, "waiting_trend", "referral_to_contact");
  int cm, cn;
  guint shown = 0;

  g_assert_nonnull (t);
  cm = pathways_report_table_find_column (t, "median");
  cn = pathways_report_table_find_column (t, "n");
  g_assert_cmpuint (t->rows->len, >, 4);
  {
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (report, t, 900, 500, NULL, NULL);
    const PathwaysChartItem *zero = find_text (layout, "0", -1);
    guint n_texts = 0;

    g_assert_nonnull (zero);
    /* every n under a point starts below the "0" beside the axis line (its middle) */
    for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
      {
        const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
        const PathwaysReportRow *row;
        g_autofree char *ct = NULL;

        if (item->kind != PATHWAYS_CHART_ITEM_TEXT || item->mark < 0)
          continue;
        row = g_ptr_array_index (t->rows, item->mark);
        ct = pathways_cell_format (&row->cells[cn], 5);
        if (g_strcmp0 (ct, item->text) != 0 || g_strcmp0 (ct, _chart_row_label (t, row)) == 0)
          continue;
        g_assert_cmpfloat (item->y, >=, zero->y + zero->height - 0.5);
        n_texts++;
      }
    g_assert_cmpuint (n_texts, >, 0);
    assert_no_collisions (layout, 900, 500, "trend, sample");
    g_assert_null (find_text_containing (layout, "median is hidden"));
  }

  /* two medians hidden: two dots fewer, the reason once */
  for (guint r = 0; r < t->rows->len; r++)
    if (_chart_cell_shown (&((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[cm]))
      shown++;
  for (guint r = 1; r <= 2; r++)
    {
      PathwaysCell *c = &((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[cm];
      if (_chart_cell_shown (c))
        shown--;
      c->suppression = PATHWAYS_SUPPRESSION_PRIMARY;
    }
  {
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (report, t, 900, 500, NULL, NULL);
    g_assert_cmpuint (count_dots (layout), ==, shown);
    g_assert_nonnull (find_text_containing (layout, "median is hidden"));
    assert_no_collisions (layout, 900, 500, "trend, two hidden");
  }

  /* one period: one dot in the middle of the plot, no text over another */
  {
    GPtrArray *all = t->rows;
    g_autoptr(PathwaysChartLayout) layout = NULL;
    const PathwaysChartItem *dot = NULL;

    t->rows = g_ptr_array_new ();
    g_ptr_array_add (t->rows, all->pdata[0]);
    ((PathwaysReportRow *) all->pdata[0])->cells[cm].suppression = PATHWAYS_SUPPRESSION_NONE;
    ((PathwaysReportRow *) all->pdata[0])->cells[cm].defined = TRUE;
    ((PathwaysReportRow *) all->pdata[0])->cells[cm].value = 12;
    layout = pathways_chart_layout_new (report, t, 900, 500, NULL, NULL);
    g_assert_cmpuint (count_dots (layout), ==, 1);
    for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
      if (pathways_chart_layout_get_item (layout, i)->kind == PATHWAYS_CHART_ITEM_DOT)
        dot = pathways_chart_layout_get_item (layout, i);
    /* the plot spans the width less the margins: its middle is within 10 % of 450 */
    g_assert_cmpfloat (fabs (dot->x - 450), <, 45);
    g_assert_nonnull (find_text (layout, _chart_row_label (t, all->pdata[0]), 0));
    assert_no_collisions (layout, 900, 500, "trend, one period");
    g_ptr_array_unref (t->rows);
    t->rows = all;
  }

  /* every median hidden: a sentence, no dot, no axis */
  for (guint r = 0; r < t->rows->len; r++)
    ((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[cm].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
  {
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (report, t, 900, 500, NULL, NULL);
    g_assert_cmpuint (count_dots (layout), ==, 0);
    g_assert_nonnull (find_text_containing (layout, "No median is shown"));
    g_assert_null (find_text (layout, "0", -1));
    chart_test_assert_tidy (layout, 900, 500, "trend, all hidden");
  }

  /* some medians hidden, the others undefined (no one waiting at the end of those
   * quarters, as the sample's "Not recorded" waiting list): no median to draw, so the
   * hidden sentence, not an empty axis (0.2 drew axes 0 to 5 and no line) */
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysCell *c = &((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[cm];
      c->suppression = r % 2 == 0 ? PATHWAYS_SUPPRESSION_PRIMARY : PATHWAYS_SUPPRESSION_NONE;
      c->defined = r % 2 == 0;
    }
  {
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (report, t, 900, 500, NULL, NULL);
    g_assert_cmpuint (count_dots (layout), ==, 0);
    g_assert_nonnull (find_text_containing (layout, "No median is shown"));
    g_assert_null (find_text (layout, "0", -1));
    g_assert_null (find_text (layout, "5", -1));
    chart_test_assert_tidy (layout, 900, 500, "trend, hidden or undefined");
  }

  /* every median undefined (the sample's Groups waiting list: no one waiting in any
   * quarter): a sentence that says so, no dot, no axis */
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysCell *c = &((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[cm];
      c->suppression = PATHWAYS_SUPPRESSION_NONE;
      c->defined = FALSE;
    }
  {
    g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (report, t, 900, 500, NULL, NULL);
    g_assert_cmpuint (count_dots (layout), ==, 0);
    g_assert_nonnull (find_text_containing (layout, "No period has a median to show"));
    g_assert_null (find_text_containing (layout, "No median is shown"));
    g_assert_null (find_text (layout, "0", -1));
    chart_test_assert_tidy (layout, 900, 500, "trend, all undefined");
  }
}

/* Rates all hidden: a sentence, never rows of stars. */
static void
test_rates_all_hidden (void)
{
  double closed[] = { 4, 3, 2 };
  double planned[] = { 1, 1, 1 };
  PathwaysReportTable *t = rates_table (closed, planned, 3, FALSE);
  g_autoptr(PathwaysChartLayout) layout = NULL;
  int c = pathways_report_table_find_column (t, "rate");

  for (guint r = 0; r < t->rows->len; r++)
    ((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[c].suppression = PATHWAYS_SUPPRESSION_DERIVED;
  layout = pathways_chart_layout_new (NULL, t, 800, 400, NULL, NULL);
  g_assert_nonnull (find_text_containing (layout, "No rate is shown"));
  g_assert_null (find_text (layout, "*", -2));
  g_assert_cmpuint (count_dots (layout), ==, 0);
  chart_test_assert_tidy (layout, 800, 400, "rates, all hidden");
  rates_table_free (t);
}

/* Completeness: a hidden figure reads with one mark, "<5", never "* (<5)". */
static void
test_completeness_marks (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (TRUE);
  PathwaysReportTable *t = NULL;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  PathwaysReportRow *row;
  int cp, cm;

  for (guint k = 0; t == NULL && k < report->tables->len; k++)
    if (((PathwaysReportTable *) g_ptr_array_index (report->tables, k))->chart.kind == PATHWAYS_CHART_COMPLETENESS)
      t = g_ptr_array_index (report->tables, k);
  g_assert_nonnull (t);
  cp = pathways_report_table_find_column (t, "pct");
  cm = pathways_report_table_find_column (t, "missing");
  g_assert_cmpint (cp, >=, 0);
  g_assert_cmpint (cm, >=, 0);
  /* the first row: 3 missing, hidden as "<5", its percent derived from it */
  row = g_ptr_array_index (t->rows, 0);
  row->cells[cm].value = 3;
  row->cells[cm].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
  row->cells[cp].value = 0.1;
  row->cells[cp].suppression = PATHWAYS_SUPPRESSION_DERIVED;
  /* that row alone, so that it is drawn whatever the other fields hold */
  {
    GPtrArray *all = t->rows;

    t->rows = g_ptr_array_new ();
    g_ptr_array_add (t->rows, row);
    layout = pathways_chart_layout_new (report, t, 900, 700, NULL, NULL);
    g_ptr_array_unref (t->rows);
    t->rows = all;
  }
  g_assert_nonnull (find_text (layout, "<5", -2));
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_TEXT)
        g_assert_null (strstr (item->text, "* ("));
    }
}

/* The text a mark reads (tooltip, keyboard, screen reader) shows a hidden figure with
 * one mark, as its label does: a waiting band's hidden count "<5" alone (not "<5 (*)"),
 * a hidden percent "*" above the band (not the count among percents), a hidden funnel
 * stage without the "* of previous step" derived from it, a hidden rate without its
 * hidden interval. */
static void
test_hidden_mark_texts (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (FALSE);
  PathwaysReportTable *bands = pathways_report_get_table (report, "waiting_bands", "referral_to_contact");
  PathwaysReportTable *funnel = pathways_report_get_table (report, "funnel", NULL);
  int cc, cp;

  g_assert_nonnull (bands);
  g_assert_cmpuint (bands->rows->len, >=, 4);
  cc = pathways_report_table_find_column (bands, "count");
  cp = pathways_report_table_find_column (bands, "pct");
  {
    PathwaysReportRow *small = g_ptr_array_index (bands->rows, 2);
    PathwaysReportRow *secondary = g_ptr_array_index (bands->rows, 3);
    g_autoptr(PathwaysChartLayout) layout = NULL;
    g_autofree char *want_small = g_strdup_printf ("%s days: <5", _chart_row_label (bands, small));
    g_autofree char *want_secondary = NULL;
    g_autofree char *count_text = NULL;

    /* band 2: a count of 3, hidden, its percent derived; band 3: its count shown, its
     * percent hidden */
    small->cells[cc].value = 3;
    small->cells[cc].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
    small->cells[cp].suppression = PATHWAYS_SUPPRESSION_DERIVED;
    secondary->cells[cp].suppression = PATHWAYS_SUPPRESSION_SECONDARY;
    count_text = pathways_cell_format (&secondary->cells[cc], 5);
    want_secondary = g_strdup_printf ("%s days: %s (*)", _chart_row_label (bands, secondary), count_text);
    layout = pathways_chart_layout_new (report, bands, 900, 500, NULL, NULL);
    g_assert_cmpstr (pathways_chart_layout_get_mark (layout, 2)->tooltip, ==, want_small);
    g_assert_nonnull (find_text (layout, "<5", 2));
    g_assert_cmpstr (pathways_chart_layout_get_mark (layout, 3)->tooltip, ==, want_secondary);
    g_assert_nonnull (find_text (layout, "*", 3));
    g_assert_null (find_text (layout, count_text, 3));
    chart_test_assert_no_hidden_bars (layout, "bands, hidden");
  }

  g_assert_nonnull (funnel);
  {
    PathwaysReportRow *stage = g_ptr_array_index (funnel->rows, 3);
    PathwaysReportRow *after = g_ptr_array_index (funnel->rows, 4);
    int c = pathways_report_table_find_column (funnel, "count");
    int prev = pathways_report_table_find_column (funnel, "pct_of_previous");
    g_autoptr(PathwaysChartLayout) layout = NULL;

    g_assert_cmpint (prev, >=, 0);
    stage->cells[c].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
    stage->cells[prev].suppression = PATHWAYS_SUPPRESSION_DERIVED;
    after->cells[prev].suppression = PATHWAYS_SUPPRESSION_DERIVED;
    layout = pathways_chart_layout_new (report, funnel, 900, 500, NULL, NULL);
    g_assert_true (pathways_chart_layout_get_mark (layout, 3)->suppressed);
    g_assert_nonnull (strstr (pathways_chart_layout_get_mark (layout, 3)->tooltip, "<5"));
    g_assert_null (strstr (pathways_chart_layout_get_mark (layout, 3)->tooltip, "*"));
    /* the stage after it is shown: its share of a hidden step stays "*" */
    g_assert_nonnull (strstr (pathways_chart_layout_get_mark (layout, 4)->tooltip, "* of previous step"));
  }

  {
    double closed[] = { 40, 200, 100 };
    double planned[] = { 10, 50, 30 };
    PathwaysReportTable *t = rates_table (closed, planned, 3, FALSE);
    g_autoptr(PathwaysChartLayout) layout = NULL;
    int cr = pathways_report_table_find_column (t, "rate");

    for (guint k = 0; k < 3; k++)
      ((PathwaysReportRow *) g_ptr_array_index (t->rows, 0))->cells[cr + k].suppression = PATHWAYS_SUPPRESSION_SECONDARY;
    /* Group 2: a rate not worked out (not hidden) reads "–", never the "*" of a
     * hidden one */
    for (guint k = 0; k < 3; k++)
      ((PathwaysReportRow *) g_ptr_array_index (t->rows, 2))->cells[cr + k].defined = FALSE;
    layout = pathways_chart_layout_new (NULL, t, 800, 400, NULL, NULL);
    for (guint m = 0; m < pathways_chart_layout_get_n_marks (layout); m++)
      {
        const PathwaysChartMark *mark = pathways_chart_layout_get_mark (layout, m);
        if (g_strcmp0 (mark->row_id, "Group 0") == 0)
          {
            g_assert_cmpstr (mark->tooltip, ==, "Group 0: * planned closures, n = 40");
            g_assert_nonnull (find_text (layout, "*", (int) m));
          }
        else if (g_strcmp0 (mark->row_id, "Group 2") == 0)
          {
            g_assert_cmpstr (mark->tooltip, ==, "Group 2: – planned closures, n = 100");
            g_assert_nonnull (find_text (layout, "–", (int) m));
            g_assert_null (find_text (layout, "*", (int) m));
          }
        else
          g_assert_nonnull (strstr (mark->tooltip, "95 % interval"));
      }
    rates_table_free (t);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/chart-layout/funnel-marks", test_funnel_marks);
  g_test_add_func ("/pathways/chart-layout/item-counts", test_item_counts);
  g_test_add_func ("/pathways/chart-layout/long-label", test_long_label);
  g_test_add_func ("/pathways/chart-layout/font-size", test_font_scales_with_canvas);
  g_test_add_func ("/pathways/chart-layout/sample-tables", test_sample_tables);
  g_test_add_func ("/pathways/chart-layout/sample-panels", test_sample_panels);
  g_test_add_func ("/pathways/chart-layout/finding-titles", test_finding_titles);
  g_test_add_func ("/pathways/chart-layout/finding-titles-waits", test_finding_titles_waits);
  g_test_add_func ("/pathways/chart-layout/rates", test_rates);
  g_test_add_func ("/pathways/chart-layout/funnel-no-drop", test_funnel_no_drop);
  g_test_add_func ("/pathways/chart-layout/trend-flat", test_trend_flat);
  g_test_add_func ("/pathways/chart-layout/distribution-collisions", test_distribution_collisions);
  g_test_add_func ("/pathways/chart-layout/many-groups", test_many_groups);
  g_test_add_func ("/pathways/chart-layout/highlight", test_highlight);
  g_test_add_func ("/pathways/chart-layout/trend-units", test_trend_units);
  g_test_add_func ("/pathways/chart-layout/rates-collisions", test_rates_collisions);
  g_test_add_func ("/pathways/chart-layout/trend-hidden", test_trend_hidden);
  g_test_add_func ("/pathways/chart-layout/rates-all-hidden", test_rates_all_hidden);
  g_test_add_func ("/pathways/chart-layout/completeness-marks", test_completeness_marks);
  g_test_add_func ("/pathways/chart-layout/trend-quarters", test_trend_quarters);
  g_test_add_func ("/pathways/chart-layout/hidden-mark-texts", test_hidden_mark_texts);
  g_test_add_func ("/pathways/chart-layout/period-series-order", test_period_series_order);
  return g_test_run ();
}
