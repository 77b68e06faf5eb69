/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outcome charts (pathways-chart-layout-outcomes.c) on tables made by hand: the
 * diverging bars of answers at start and at end, and the change bars. Every position is
 * worked out beside its assertion. */
#include "config.h"

#include "chart-test-util.h"

#define EPS 1e-6

/* A table by hand: N_COLS columns IDS of KINDS; LABELS[r] fills the label columns (the
 * same text in each), VALUES[r * N_COLS + c] the others, negative for a hidden count. */
static PathwaysReportTable *
hand_table (const char             *id,
            PathwaysChartKind       kind,
            const char * const     *ids,
            const PathwaysCellKind *kinds,
            guint                   n_cols,
            const char * const     *labels,
            const double           *values,
            guint                   n_rows,
            double                  base)
{
  PathwaysReportTable *t = g_new0 (PathwaysReportTable, 1);

  t->id = g_strdup (id);
  t->title = g_strdup ("Test chart");
  t->columns = g_ptr_array_new ();
  t->rows = g_ptr_array_new ();
  for (guint c = 0; c < n_cols; c++)
    {
      PathwaysReportColumn *col = g_new0 (PathwaysReportColumn, 1);
      col->id = g_strdup (ids[c]);
      col->label = g_strdup (ids[c]);
      col->kind = kinds[c];
      g_ptr_array_add (t->columns, col);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      PathwaysReportRow *row = g_new0 (PathwaysReportRow, 1);

      row->id = g_strdup (labels[r]);
      row->cells = g_new0 (PathwaysCell, n_cols);
      for (guint c = 0; c < n_cols; c++)
        {
          double v = values[r * n_cols + c];
          row->cells[c].kind = kinds[c];
          row->cells[c].defined = TRUE;
          if (kinds[c] == PATHWAYS_CELL_LABEL)
            row->cells[c].text = g_strdup (c == 0 && n_cols > 4 ? "Our questionnaire" : labels[r]);
          row->cells[c].value = fabs (v);
          if (v < 0)
            row->cells[c].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
        }
      g_ptr_array_add (t->rows, row);
    }
  t->base.kind = PATHWAYS_CELL_COUNT;
  t->base.defined = base > 0;
  t->base.value = base;
  t->base_label = g_strdup ("cases with answers at start and at end");
  t->chart.kind = kind;
  t->chart.title = g_strdup ("Test chart");
  t->chart.unit = g_strdup ("cases");
  t->chart.base_text = g_strdup_printf ("Base: %.0f cases", base);
  t->chart.filters = g_strdup ("");
  return t;
}

static void
hand_table_free (PathwaysReportTable *t)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i);
      for (guint c = 0; c < t->columns->len; c++)
        g_free (row->cells[c].text);
      g_free (row->cells);
      g_free (row->id);
      g_free (row);
    }
  for (guint c = 0; c < t->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      g_free (col->id);
      g_free (col->label);
      g_free (col);
    }
  g_ptr_array_unref (t->columns);
  g_ptr_array_unref (t->rows);
  g_free (t->id);
  g_free (t->title);
  g_free (t->base_label);
  g_free (t->chart.title);
  g_free (t->chart.unit);
  g_free (t->chart.base_text);
  g_free (t->chart.filters);
  g_free (t);
}

static const PathwaysChartItem *
find_text (PathwaysChartLayout *layout,
           const char          *text)
{
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_TEXT && g_strcmp0 (item->text, text) == 0)
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
      if (item->kind == PATHWAYS_CHART_ITEM_RECT && item->mark == mark &&
          (item->flags & PATHWAYS_CHART_ITEM_DATA))
        return item;
    }
  return NULL;
}

/* The mark whose label is LABEL, or -1. */
static int
find_mark (PathwaysChartLayout *layout,
           const char          *label)
{
  for (guint m = 0; m < pathways_chart_layout_get_n_marks (layout); m++)
    if (g_strcmp0 (pathways_chart_layout_get_mark (layout, m)->label, label) == 0)
      return m;
  return -1;
}

static const PathwaysChartMark *
mark_of (PathwaysChartLayout *layout,
         const char          *label)
{
  int m = find_mark (layout, label);

  if (m < 0)
    g_error ("no mark “%s”", label);
  return pathways_chart_layout_get_mark (layout, m);
}

static PathwaysReportTable *
answers_table (const double *values,
               guint         n,
               double        base)
{
  static const char * const ids[] = { "value", "start", "end" };
  static const PathwaysCellKind kinds[] = { PATHWAYS_CELL_LABEL, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT };
  static const char * const labels[] = { "1", "2", "3", "4", "5" };

  return hand_table ("outcome_distribution", PATHWAYS_CHART_DIVERGING, ids, kinds, 3, labels, values, n,
                     base);
}

/* Five answers, base 100 (so counts are percents):
 *            1   2   3   4   5     left of zero          right of zero
 *   start   10  30  20  30  10     10 + 30 + 20/2 = 50   10 + 30 + 20/2 = 50
 *   end      5  15  20  40  20      5 + 15 + 10   = 30   10 + 40 + 20   = 70
 * The scale spans the most on each side: 50 % left and 70 % right, 120 % in all, so
 * zero sits 50/120 of the way along the plot and every percent is plot/120 wide. */
static void
test_diverging (void)
{
  static const double values[] = {
    0, 10, 5,
    0, 30, 15,
    0, 20, 20,
    0, 30, 40,
    0, 10, 20,
  };
  PathwaysReportTable *t = answers_table (values, 5, 100);
  g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 900, 300, NULL, NULL);
  const PathwaysChartMark *s1, *s2, *s3, *s4, *s5, *e1, *e3, *e5;
  double unit, zero;

  g_assert_cmpuint (pathways_chart_layout_get_n_marks (layout), ==, 10);
  s1 = mark_of (layout, "At start, answer 1");
  s2 = mark_of (layout, "At start, answer 2");
  s3 = mark_of (layout, "At start, answer 3");
  s4 = mark_of (layout, "At start, answer 4");
  s5 = mark_of (layout, "At start, answer 5");
  e1 = mark_of (layout, "At end, answer 1");
  e3 = mark_of (layout, "At end, answer 3");
  e5 = mark_of (layout, "At end, answer 5");
  /* the middle answer is split across zero: its centre is zero, in both bars */
  zero = s3->x + s3->width / 2;
  g_assert_cmpfloat_with_epsilon (e3->x + e3->width / 2, zero, EPS);
  unit = s3->width / 20;
  g_assert_cmpfloat (unit, >, 0);
  /* widths proportional to the percents: 10 % and 30 % */
  g_assert_cmpfloat_with_epsilon (s1->width, 10 * unit, EPS);
  g_assert_cmpfloat_with_epsilon (s2->width, 30 * unit, EPS);
  g_assert_cmpfloat_with_epsilon (e5->width, 20 * unit, EPS);
  /* lower answers left of zero, stacked outwards: 2 ends where 3 starts, 1 where 2 starts */
  g_assert_cmpfloat_with_epsilon (s2->x + s2->width, s3->x, EPS);
  g_assert_cmpfloat_with_epsilon (s1->x + s1->width, s2->x, EPS);
  g_assert_cmpfloat_with_epsilon (s1->x, zero - 50 * unit, EPS);
  /* higher answers right of zero: 4 starts where 3 ends, 5 after 4 */
  g_assert_cmpfloat_with_epsilon (s4->x, s3->x + s3->width, EPS);
  g_assert_cmpfloat_with_epsilon (s5->x, s4->x + s4->width, EPS);
  g_assert_cmpfloat_with_epsilon (e5->x + e5->width, zero + 70 * unit, EPS);
  g_assert_cmpfloat_with_epsilon (e1->x, zero - 30 * unit, EPS);
  /* the scale: 120 % over the plot; the longest reach on each side fills it */
  g_assert_cmpfloat_with_epsilon ((zero - s1->x) / (e5->x + e5->width - s1->x), 50.0 / 120, EPS);
  g_assert_cmpfloat (s1->x, >=, 0);
  g_assert_cmpfloat (e5->x + e5->width, <=, 900);
  /* the end bar is below the start bar */
  g_assert_cmpfloat (e1->y, >, s1->y + s1->height);
  /* values and labels: percents of the base; "30 · 30 %" inside answer 2 at start */
  g_assert_cmpfloat_with_epsilon (s2->value, 30, EPS);
  g_assert_nonnull (find_text (layout, "30 · 30 %"));
  g_assert_nonnull (find_text (layout, "At start"));
  g_assert_nonnull (find_text (layout, "At end"));
  /* a legend entry for each answer; ticks every 10 or 20 % (0 to 70 with a label about
   * every five text heights): 40 both ways, 60 on the right only (the left reaches 50) */
  for (guint b = 1; b <= 5; b++)
    {
      g_autofree char *label = g_strdup_printf ("%u", b);
      g_assert_nonnull (find_text (layout, label));
    }
  g_assert_nonnull (find_text (layout, "0"));
  g_assert_nonnull (find_text (layout, "40 %"));
  g_assert_nonnull (find_text (layout, "60 %"));
  g_assert_cmpfloat (find_text (layout, "60 %")->x, >, zero);
  /* nothing is drawn beyond the canvas */
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item->kind == PATHWAYS_CHART_ITEM_RECT || item->kind == PATHWAYS_CHART_ITEM_TEXT)
        {
          g_assert_cmpfloat (item->x, >=, -EPS);
          g_assert_cmpfloat (item->x + item->width, <=, 900 + EPS);
          g_assert_cmpfloat (item->y + item->height, <=, 300 + EPS);
        }
    }
  hand_table_free (t);
}

/* Four answers (no middle), base 50, one hidden count:
 *            1    2    3    4
 *   start   10   15   20    5     left 25 → 50 %, right 25 → 50 %
 *   end     <5   10   25   12     answer 1 hidden: no segment; left 10 → 20 %,
 *                                  right 37 → 74 %
 * Zero is the boundary between answers 2 and 3, the hidden answer is named under its
 * bar, and its mark has no bar. */
static void
test_diverging_hidden (void)
{
  static const double values[] = {
    0, 10, -3,
    0, 15, 10,
    0, 20, 25,
    0, 5, 12,
  };
  PathwaysReportTable *t = answers_table (values, 4, 50);
  g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 800, 260, NULL, NULL);
  const PathwaysChartMark *s2 = mark_of (layout, "At start, answer 2");
  const PathwaysChartMark *s3 = mark_of (layout, "At start, answer 3");
  const PathwaysChartMark *e2 = mark_of (layout, "At end, answer 2");
  const PathwaysChartMark *e3 = mark_of (layout, "At end, answer 3");
  int hidden = find_mark (layout, "At end, answer 1");
  double unit = s3->width / 40;   /* 20 of 50 = 40 % */
  const PathwaysChartItem *note, *zero_tick;

  g_assert_cmpfloat_with_epsilon (s2->x + s2->width, s3->x, EPS);
  g_assert_cmpfloat_with_epsilon (e2->x + e2->width, e3->x, EPS);
  g_assert_cmpfloat_with_epsilon (s3->x, e3->x, EPS);          /* one zero for both bars */
  g_assert_cmpfloat_with_epsilon (e3->width, 50 * unit, EPS);  /* 25 of 50 */
  g_assert_cmpfloat_with_epsilon (e2->width, 20 * unit, EPS);  /* 10 of 50 */
  g_assert_cmpint (hidden, >=, 0);
  g_assert_true (pathways_chart_layout_get_mark (layout, hidden)->suppressed);
  g_assert_null (find_bar (layout, hidden));
  /* the hidden answer is named once, for its bar, on a line of its own under the tick
   * labels: it used to sit right-aligned under the bar, on the tick labels' line */
  note = find_text (layout, "At end, not drawn: 1 <5");
  g_assert_nonnull (note);
  g_assert_null (find_text (layout, "At end, not drawn: 1 <5, 2 10"));
  g_assert_null (find_text (layout, "At start, not drawn: 1 <5"));
  zero_tick = find_text (layout, "0");
  g_assert_nonnull (zero_tick);
  g_assert_cmpfloat (note->y, >=, zero_tick->y + zero_tick->height - EPS);
  g_assert_cmpfloat (note->y + note->height, <=, 260 + EPS);
  /* and it overlaps no other text */
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      if (item == note || item->kind != PATHWAYS_CHART_ITEM_TEXT)
        continue;
      g_assert_true (item->x + item->width <= note->x + EPS || note->x + note->width <= item->x + EPS ||
                     item->y + item->height <= note->y + EPS || note->y + note->height <= item->y + EPS);
    }
  hand_table_free (t);

  /* the base itself hidden: a sentence, no bars */
  t = answers_table (values, 4, 50);
  t->base.suppression = PATHWAYS_SUPPRESSION_PRIMARY;
  {
    g_autoptr(PathwaysChartLayout) none = pathways_chart_layout_new (NULL, t, 800, 260, NULL, NULL);
    g_assert_cmpuint (pathways_chart_layout_get_n_marks (none), ==, 0);
  }
  hand_table_free (t);
}

static PathwaysReportTable *
change_table (const char * const *items,
              const double       *values,
              guint               n)
{
  static const char * const ids[] = { "instrument", "item", "paired_n", "improved", "same", "worse" };
  static const PathwaysCellKind kinds[] = {
    PATHWAYS_CELL_LABEL, PATHWAYS_CELL_LABEL, PATHWAYS_CELL_COUNT,
    PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT,
  };

  return hand_table ("outcomes", PATHWAYS_CHART_CHANGE, ids, kinds, 6, items, values, n, 0);
}

/* Two items of one instrument (so the bars are labelled by item alone):
 *   Mood:  paired 50: improved 30 (60 %), same 15 (30 %), worse 5 (10 %)
 *   Sleep: paired 40: improved 10 (25 %), same 27 (67.5 %, shown 68 %), worse <5 (hidden)
 * Each bar is the same length for 100 %; its segments follow in that order. */
static void
test_change (void)
{
  static const char * const items[] = { "Mood", "Sleep" };
  static const double values[] = {
    0, 0, 50, 30, 15, 5,
    0, 0, 40, 10, 27, -3,
  };
  PathwaysReportTable *t = change_table (items, values, 2);
  g_autoptr(PathwaysChartLayout) layout = pathways_chart_layout_new (NULL, t, 900, 300, NULL, NULL);
  const PathwaysChartMark *mi = mark_of (layout, "Mood, Improved");
  const PathwaysChartMark *ms = mark_of (layout, "Mood, Same");
  const PathwaysChartMark *mw = mark_of (layout, "Mood, Worse");
  const PathwaysChartMark *si = mark_of (layout, "Sleep, Improved");
  const PathwaysChartMark *ss = mark_of (layout, "Sleep, Same");
  int sw = find_mark (layout, "Sleep, Worse");
  double full = mi->width / 0.6;
  g_autofree char *title = pathways_chart_finding_title (NULL, t);

  g_assert_cmpuint (pathways_chart_layout_get_n_marks (layout), ==, 6);
  g_assert_cmpfloat_with_epsilon (ms->width, 0.3 * full, EPS);
  g_assert_cmpfloat_with_epsilon (mw->width, 0.1 * full, EPS);
  g_assert_cmpfloat_with_epsilon (ms->x, mi->x + mi->width, EPS);
  g_assert_cmpfloat_with_epsilon (mw->x, ms->x + ms->width, EPS);
  /* both bars start at the same x and use the same length for 100 % */
  g_assert_cmpfloat_with_epsilon (si->x, mi->x, EPS);
  g_assert_cmpfloat_with_epsilon (si->width, 0.25 * full, EPS);
  g_assert_cmpfloat_with_epsilon (ss->width, 0.675 * full, EPS);
  g_assert_cmpfloat (si->y, >, mi->y + mi->height);
  g_assert_cmpfloat_with_epsilon (mi->value, 60, EPS);
  /* counts and percents on the marks, the paired n at the end of each row */
  g_assert_nonnull (find_text (layout, "30 · 60 %"));
  g_assert_nonnull (find_text (layout, "27 · 68 %"));
  g_assert_nonnull (find_text (layout, "n = 50"));
  g_assert_nonnull (find_text (layout, "n = 40"));
  g_assert_nonnull (find_text (layout, "Mood"));
  /* the hidden "worse" of Sleep: no bar, said in words */
  g_assert_cmpint (sw, >=, 0);
  g_assert_true (pathways_chart_layout_get_mark (layout, sw)->suppressed);
  g_assert_null (find_bar (layout, sw));
  g_assert_nonnull (find_text (layout, "Not drawn: worse <5"));
  /* the legend in the order of the stack */
  g_assert_cmpfloat (find_text (layout, "Improved")->x, <, find_text (layout, "Same")->x);
  g_assert_cmpfloat (find_text (layout, "Same")->x, <, find_text (layout, "Worse")->x);
  /* Sleep's "worse" is hidden: no finding from it */
  g_assert_null (title);
  hand_table_free (t);
}

/* Findings: Mood 30 improved > 5 worse; Sleep 10 improved < 12 worse: 1 of 2 items. */
static void
test_change_finding (void)
{
  static const char * const items[] = { "Mood", "Sleep" };
  static const double values[] = {
    0, 0, 50, 30, 15, 5,
    0, 0, 40, 10, 18, 12,
  };
  PathwaysReportTable *t = change_table (items, values, 2);
  g_autofree char *title = pathways_chart_finding_title (NULL, t);
  g_autofree char *every = NULL;

  g_assert_cmpstr (title, ==, "More cases improved than worsened on 1 of 2 items");
  ((PathwaysReportRow *) g_ptr_array_index (t->rows, 1))->cells[5].value = 9;
  every = pathways_chart_finding_title (NULL, t);
  g_assert_cmpstr (every, ==, "More cases improved than worsened on every item");
  hand_table_free (t);
}

/* Too many items for the height: the rows that fit, and a line that says how many more. */
static void
test_change_many (void)
{
  const char *items[30];
  double values[30 * 6];
  g_autofree char **names = g_new0 (char *, 31);
  PathwaysReportTable *t;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  guint marks;
  g_autofree char *more = NULL;

  for (guint i = 0; i < 30; i++)
    {
      names[i] = g_strdup_printf ("Item %u", i + 1);
      items[i] = names[i];
      values[i * 6 + 0] = values[i * 6 + 1] = 0;
      values[i * 6 + 2] = 20;
      values[i * 6 + 3] = 10;
      values[i * 6 + 4] = 6;
      values[i * 6 + 5] = 4 + (i % 2);   /* shown counts of 4 and 5 */
    }
  t = change_table (items, values, 30);
  layout = pathways_chart_layout_new (NULL, t, 700, 300, NULL, NULL);
  marks = pathways_chart_layout_get_n_marks (layout);
  g_assert_cmpuint (marks % 3, ==, 0);
  g_assert_cmpuint (marks, <, 90);
  g_assert_cmpuint (marks, >, 0);
  more = g_strdup_printf ("%u more items in the table", 30 - marks / 3);
  g_assert_nonnull (find_text (layout, more));
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    g_assert_cmpfloat (pathways_chart_layout_get_item (layout, i)->y + pathways_chart_layout_get_item (layout, i)->height,
                       <=, 300 + EPS);
  hand_table_free (t);
  g_strfreev (g_steal_pointer (&names));
}

/* The sample (with its outcomes): the report's tables carry the two kinds, and both
 * named charts draw. */
static void
test_sample (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (TRUE);
  PathwaysReportTable *outcomes = pathways_report_get_table (report, "outcomes", NULL);
  PathwaysReportTable *answers = pathways_report_get_table (report, "outcome_distribution",
                                                            "Wellbeing questionnaire: I feel good about myself");
  g_autoptr(PathwaysChartLayout) change = NULL;
  g_autoptr(PathwaysChartLayout) diverging = NULL;

  g_assert_nonnull (outcomes);
  g_assert_nonnull (answers);
  g_assert_cmpint (outcomes->chart.kind, ==, PATHWAYS_CHART_CHANGE);
  g_assert_cmpint (answers->chart.kind, ==, PATHWAYS_CHART_DIVERGING);
  /* titles with one colon at most, and the change chart titled apart from its table */
  g_assert_cmpstr (answers->title, ==,
                   "Answers to “I feel good about myself” (Wellbeing questionnaire), at start and at end");
  g_assert_cmpstr (outcomes->title, ==, "Outcomes at start and at end");
  g_assert_cmpstr (outcomes->chart.title, ==, "Improved, same or worse, by item");
  /* observed answers 1..4: two bars of four answers */
  g_assert_cmpuint (answers->rows->len, ==, 4);
  diverging = pathways_chart_layout_new (report, answers, 800, 260, NULL, NULL);
  g_assert_cmpuint (pathways_chart_layout_get_n_marks (diverging), ==, 8);
  change = pathways_chart_layout_new (report, outcomes, 900, 500, NULL, NULL);
  g_assert_cmpuint (pathways_chart_layout_get_n_marks (change), ==, 3 * outcomes->rows->len);
  g_assert_true (g_strv_contains (pathways_chart_list_names (), "outcome-change"));
  g_assert_true (g_strv_contains (pathways_chart_list_names (), "outcome-answers"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/pathways/chart-outcomes/diverging", test_diverging);
  g_test_add_func ("/pathways/chart-outcomes/diverging-hidden", test_diverging_hidden);
  g_test_add_func ("/pathways/chart-outcomes/change", test_change);
  g_test_add_func ("/pathways/chart-outcomes/change-finding", test_change_finding);
  g_test_add_func ("/pathways/chart-outcomes/change-many", test_change_many);
  g_test_add_func ("/pathways/chart-outcomes/sample", test_sample);
  return g_test_run ();
}
