/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-trend.c: the median wait per period as a line of dots on a time
 * axis (gaps in the periods show as gaps in the line), hollow where few cases are
 * behind the median, with the number of cases under each point when it fits.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"

/* Where the points of a trend go. */
typedef struct {
  Rect     r;
  double   text_h;        /* line height of the axis texts */
  double   top, bottom;   /* the value axis: 0 at BOTTOM, HI at TOP */
  double   hi;
  double   x0, x1;        /* the time axis */
  double   t0, tn;        /* places of the first and last points */
  gboolean by_index;      /* places are row numbers, not periods */
  PathwaysTrendUnit unit; /* the periods' unit (AUTO: by index) */
  double   spacing;       /* x from one place to the next */
  double   label_w;       /* the widest period label */
  gboolean show_n;        /* room for the number of cases under each point */
} TrendPlot;

/* y of VALUE (days) on the value axis. */
static inline double
trend_y (const TrendPlot *plot,
         double           value)
{
  return plot->bottom - (plot->bottom - plot->top) * CLAMP (value / plot->hi, 0, 1);
}

/* The period's place on a time axis in UNIT: "2022-05" month, "2022-Q2" quarter,
 * "2022-23" financial year, "2022-23 Q1" financial quarter (the second year always the
 * one after the first), or NAN when TEXT is not wholly one of those. */
static double
period_index (PathwaysTrendUnit  unit,
              const char        *text)
{
  int y = 0, m = 0, y2 = 0, end = -1;

  if (text == NULL)
    return NAN;
  switch (unit)
    {
    case PATHWAYS_TREND_QUARTER:
      if (sscanf (text, "%d-Q%d%n", &y, &m, &end) == 2 && text[end] == '\0' && m >= 1 && m <= 4)
        return y * 4.0 + m - 1;
      break;
    case PATHWAYS_TREND_FINANCIAL_QUARTER:
      if (sscanf (text, "%d-%d Q%d%n", &y, &y2, &m, &end) == 3 && text[end] == '\0'
          && y2 == (y + 1) % 100 && m >= 1 && m <= 4)
        return y * 4.0 + m - 1;
      break;
    case PATHWAYS_TREND_FINANCIAL_YEAR:
      if (sscanf (text, "%d-%d%n", &y, &y2, &end) == 2 && text[end] == '\0' && y2 == (y + 1) % 100)
        return y;
      break;
    case PATHWAYS_TREND_MONTH:
      if (sscanf (text, "%d-%d%n", &y, &m, &end) == 2 && text[end] == '\0' && m >= 1 && m <= 12)
        return y * 12.0 + m - 1;
      break;
    case PATHWAYS_TREND_AUTO:
    default:
      break;
    }
  return NAN;
}

/* A row's place in UNIT by its id ("2022-23 Q1"; the activity series label theirs
 * "Financial year 2022-23"), else by its label; NAN when neither is a period. */
static double
row_index (PathwaysTrendUnit          unit,
           const PathwaysReportTable *table,
           const PathwaysReportRow   *row)
{
  double t = period_index (unit, row->id);

  return isfinite (t) ? t : period_index (unit, _pathways_chart_row_label (table, row));
}

/* The unit every row's period is in: a waiting-time trend's is the report's, a series
 * of the activity section (waiting lists) has its own, told by its periods; AUTO when
 * they are not periods. */
static PathwaysTrendUnit
table_unit (PathwaysChartLayout       *self,
            const PathwaysReportTable *table)
{
  static const PathwaysTrendUnit order[] = {
    PATHWAYS_TREND_FINANCIAL_QUARTER, PATHWAYS_TREND_QUARTER, PATHWAYS_TREND_FINANCIAL_YEAR,
    PATHWAYS_TREND_MONTH,
  };

  if (g_strcmp0 (table->id, "waiting_trend") == 0)
    {
      /* a report resolves the automatic unit; unresolved, the measures count months */
      if (self->report == NULL || self->report->options.trend_unit == PATHWAYS_TREND_AUTO)
        return PATHWAYS_TREND_MONTH;
      return self->report->options.trend_unit;
    }
  for (guint u = 0; u < G_N_ELEMENTS (order); u++)
    {
      gboolean all = table->rows->len > 0;
      for (guint i = 0; i < table->rows->len && all; i++)
        all = isfinite (row_index (order[u], table, g_ptr_array_index (table->rows, i)));
      if (all)
        return order[u];
    }
  return PATHWAYS_TREND_AUTO;
}

/* Places on a time axis when every label is a period, so gaps show as gaps; else the
 * row numbers. */
static void
trend_places (PathwaysChartLayout       *self,
              const PathwaysReportTable *table,
              TrendPlot                 *plot)
{
  guint n = table->rows->len;

  plot->unit = table_unit (self, table);
  plot->t0 = row_index (plot->unit, table, g_ptr_array_index (table->rows, 0));
  plot->tn = row_index (plot->unit, table, g_ptr_array_index (table->rows, n - 1));
  for (guint i = 0; i < n && isfinite (plot->t0); i++)
    if (!isfinite (row_index (plot->unit, table, g_ptr_array_index (table->rows, i))))
      plot->t0 = NAN;
  plot->by_index = FALSE;
  /* one period keeps its unit on the axis title */
  if (!isfinite (plot->t0) || !isfinite (plot->tn) || plot->tn < plot->t0 || (n > 1 && plot->tn == plot->t0))
    {
      plot->t0 = 0;
      plot->tn = n - 1;
      plot->by_index = TRUE;
    }
}

/* The widest period label, and whether the n under each point fits the spacing:
 * the longest text is measured first, and the others only when that one fits. */
static void
trend_labels_fit (PathwaysChartLayout       *self,
                  const PathwaysReportTable *table,
                  TrendPlot                 *plot)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func (g_free);
  guint n = table->rows->len, longest = 0;
  double label_w = 0, n_w = 0;

  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      double tw, th;
      g_ptr_array_add (counts, _pathways_chart_cell_text (self, _pathways_chart_cell_at (table, row, "n")));
      if (strlen (counts->pdata[i]) > strlen (counts->pdata[longest]))
        longest = i;
      _pathways_chart_measure (self, _pathways_chart_row_label (table, row), 0.85, FALSE, &tw, &th);
      label_w = MAX (label_w, tw);
    }
  _pathways_chart_measure (self, counts->pdata[longest], 0.75, FALSE, &n_w, NULL);
  if (n == 1 || plot->spacing >= n_w + self->font_size * 0.5)
    for (guint i = 0; i < n; i++)
      {
        double tw;
        _pathways_chart_measure (self, counts->pdata[i], 0.75, FALSE, &tw, NULL);
        n_w = MAX (n_w, tw);
      }
  plot->label_w = label_w;
  plot->show_n = n == 1 || plot->spacing >= n_w + self->font_size * 0.5;
}

/* The value axis's title: what the points stand for. A waiting-time trend's medians
 * are by period of referral, a waiting list's at the end of each period. */
static char *
trend_axis_title (const PathwaysReportTable *table,
                  const TrendPlot           *plot)
{
  PathwaysTrendUnit unit = plot->by_index ? PATHWAYS_TREND_AUTO : plot->unit;
  int c = pathways_report_table_find_column ((PathwaysReportTable *) table, "median");
  const PathwaysReportColumn *col = c >= 0 ? g_ptr_array_index (table->columns, c) : NULL;

  if (g_strcmp0 (table->id, "waiting_trend") != 0 && col != NULL && col->label != NULL)
    switch (unit)
      {
      case PATHWAYS_TREND_MONTH:
        /* Translators: a waiting list's axis: "Median wait so far (days), at the end of each month" */
        return g_strdup_printf (_("%s, at the end of each month"), col->label);
      case PATHWAYS_TREND_QUARTER:
        return g_strdup_printf (_("%s, at the end of each quarter"), col->label);
      case PATHWAYS_TREND_FINANCIAL_QUARTER:
        return g_strdup_printf (_("%s, at the end of each financial quarter"), col->label);
      case PATHWAYS_TREND_FINANCIAL_YEAR:
        return g_strdup_printf (_("%s, at the end of each financial year"), col->label);
      case PATHWAYS_TREND_AUTO:
      default:
        return g_strdup (col->label);
      }
  switch (unit)
    {
    case PATHWAYS_TREND_MONTH:
      return g_strdup (_("Median days, by month of referral"));
    case PATHWAYS_TREND_QUARTER:
      return g_strdup (_("Median days, by quarter of referral"));
    case PATHWAYS_TREND_FINANCIAL_QUARTER:
      return g_strdup (_("Median days, by financial quarter of referral"));
    case PATHWAYS_TREND_FINANCIAL_YEAR:
      return g_strdup (_("Median days, by financial year of referral"));
    case PATHWAYS_TREND_AUTO:
    default:
      return g_strdup (_("Median days"));
    }
}

/* The axis title and the value axis: grid lines and tick labels. */
static void
trend_value_axis (PathwaysChartLayout       *self,
                  const PathwaysReportTable *table,
                  const TrendPlot           *plot,
                  const double              *ticks,
                  guint                      nt)
{
  g_autofree char *title = trend_axis_title (table, plot);

  _pathways_chart_add_text (self, title, plot->r.x, plot->r.y, ALIGN_LEFT, 0.85, FALSE,
                            PATHWAYS_CHART_INK_MUTED, plot->r.w, 1, -1);
  for (guint t = 0; t < nt; t++)
    {
      g_autofree char *lab = pathways_chart_format_number (ticks[t], 0);
      double y = trend_y (plot, ticks[t]);
      _pathways_chart_add_line (self, plot->x0, y, plot->x1, y, PATHWAYS_CHART_INK_GRID, 0);
      _pathways_chart_add_text (self, lab, plot->x0 - self->font_size * 0.5, y - plot->text_h / 2,
                                ALIGN_RIGHT, 0.85, FALSE, PATHWAYS_CHART_INK_MUTED, -1, 1, -1);
    }
}

/* Every how many places a period is labelled: the smallest round step of the unit
 * (a month, a quarter, a half, a year, ... ; a quarter, a half, a year, two, ...)
 * that keeps the widest label GAP clear of the next. */
static guint
trend_label_step (const TrendPlot *plot,
                  double           gap)
{
  static const guint months[] = { 1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600 };
  static const guint quarters[] = { 1, 2, 4, 8, 12, 20, 40, 80, 200 };
  static const guint others[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500 };
  const guint *steps = others;
  guint n = G_N_ELEMENTS (others);
  double need = plot->spacing > 0 ? (plot->label_w + gap) / plot->spacing : 1;

  if (!plot->by_index && plot->unit == PATHWAYS_TREND_MONTH)
    steps = months, n = G_N_ELEMENTS (months);
  else if (!plot->by_index && (plot->unit == PATHWAYS_TREND_QUARTER
                               || plot->unit == PATHWAYS_TREND_FINANCIAL_QUARTER))
    steps = quarters, n = G_N_ELEMENTS (quarters);
  for (guint i = 0; i < n; i++)
    if (steps[i] >= need)
      return steps[i];
  return (guint) ceil (need);
}

/* The period labels under the axis: the first and the last always (kept inside the
 * plot, the first clear of the value labels), then between them every STEP-th period
 * counted from a round one (every first quarter of a financial year, every January,
 * every fifth year), each that keeps a gap from its neighbours. XS and MARKS: each
 * row's place and mark. */
static void
trend_period_labels (PathwaysChartLayout       *self,
                     const PathwaysReportTable *table,
                     const TrendPlot           *plot,
                     const double              *xs,
                     const int                 *marks)
{
  guint n = table->rows->len;
  double y = plot->bottom + plot->text_h * (plot->show_n ? 1.5 : 0.55);
  double gap = self->font_size, lo = plot->x0 - self->font_size * 0.4, hi = plot->r.x + plot->r.w;
  double first_right = -G_MAXDOUBLE, last_left = G_MAXDOUBLE, prev_right;
  guint step;

  for (guint pass = 0; pass < 2 && n > 0; pass++)
    {
      /* pass 0: the last label, pass 1: the first (when both fit side by side) */
      guint i = pass == 0 ? n - 1 : 0;
      const char *label = _pathways_chart_row_label (table, g_ptr_array_index (table->rows, i));
      double w, left;

      if (pass == 1 && n == 1)
        break;
      _pathways_chart_measure (self, label, 0.85, FALSE, &w, NULL);
      w = MIN (w, hi - lo);
      left = CLAMP (xs[i] - w / 2, lo, hi - w);
      if (pass == 1 && left + w + gap > last_left)
        break;
      _pathways_chart_add_text (self, label, left, y, ALIGN_LEFT, 0.85, FALSE, PATHWAYS_CHART_INK_TEXT,
                                hi - lo, 1, marks[i]);
      if (pass == 0)
        last_left = left;
      else
        first_right = left + w;
    }
  prev_right = first_right;
  step = trend_label_step (plot, gap);
  for (guint i = 1; i + 1 < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const char *label = _pathways_chart_row_label (table, row);
      double t = plot->by_index ? i : row_index (plot->unit, table, row), w, left;

      if (fmod (t, step) != 0)
        continue;
      _pathways_chart_measure (self, label, 0.85, FALSE, &w, NULL);
      left = xs[i] - w / 2;
      if (left < prev_right + gap || left + w + gap > last_left || left < lo)
        continue;
      _pathways_chart_add_text (self, label, left, y, ALIGN_LEFT, 0.85, FALSE, PATHWAYS_CHART_INK_TEXT,
                                -1, 1, marks[i]);
      prev_right = left + w;
    }
}

/* A dot per period shown (hollow under the disclosure threshold), the segments between
 * consecutive ones, the n under each and the period labels, thinned to fit. The
 * segments, then the dots, then the hollow dots go last: each run is one path. */
static void
trend_points (PathwaysChartLayout       *self,
              const PathwaysReportTable *table,
              const TrendPlot           *plot)
{
  guint hollow_below = self->report != NULL && self->report->threshold > 0 ? self->report->threshold : 5;
  double x0 = plot->x0, spacing = plot->spacing, top = plot->top, bottom = plot->bottom;
  double text_h = plot->text_h;
  double prev_x = NAN, prev_y = NAN;
  g_autofree double *xs = g_new (double, MAX (1, table->rows->len));
  g_autofree int *marks = g_new (int, MAX (1, table->rows->len));
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (PathwaysChartItem));
  g_autoptr(GArray) dots = g_array_new (FALSE, FALSE, sizeof (PathwaysChartItem));
  g_autoptr(GArray) hollow = g_array_new (FALSE, FALSE, sizeof (PathwaysChartItem));

  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *cn = _pathways_chart_cell_at (table, row, "n");
      const PathwaysCell *median = _pathways_chart_cell_at (table, row, "median");
      const char *label = _pathways_chart_row_label (table, row);
      double t = plot->by_index ? i : row_index (plot->unit, table, row);
      double x = table->rows->len == 1 ? (x0 + plot->x1) / 2 : x0 + spacing * (t - plot->t0);
      gboolean shown = _pathways_chart_cell_shown (median);
      gboolean small = !_pathways_chart_cell_shown (cn) || cn->value < hollow_below;
      double y = shown ? trend_y (plot, median->value) : bottom;
      double dot_r = table->rows->len == 1 ? self->font_size * 0.3
                                           : MAX (1.5, MIN (self->font_size * 0.3, spacing * 0.35));
      double mark_w = table->rows->len == 1 ? plot->x1 - x0 : MAX (spacing, dot_r * 2);
      g_autofree char *ct = _pathways_chart_cell_text (self, cn);
      g_autofree char *mt = shown ? pathways_chart_format_number (median->value, 1)
                                  : _pathways_chart_cell_text (self, median);
      /* Translators: tooltip of a trend point: "2022-04: median 23 days, n = 41" */
      char *tip = g_strdup_printf (_("%s: median %s days, n = %s"), label, mt, ct);
      int mark = _pathways_chart_add_mark (self, table, row->id, label, tip, shown ? median->value : NAN,
                                           !shown, x - mark_w / 2, top, mark_w, bottom - top);

      if (shown)
        {
          PathwaysChartItem dot = _pathways_chart_item_init (self, PATHWAYS_CHART_ITEM_DOT,
                                                             PATHWAYS_CHART_INK_SERIES,
                                                             PATHWAYS_CHART_ITEM_DATA
                                                             | (small ? PATHWAYS_CHART_ITEM_HOLLOW
                                                                      : PATHWAYS_CHART_ITEM_FILL),
                                                             x, y, dot_r, 0, mark);
          if (isfinite (prev_x) && x - prev_x <= spacing * 1.5)
            {
              PathwaysChartItem seg = _pathways_chart_item_init (self, PATHWAYS_CHART_ITEM_LINE,
                                                                 PATHWAYS_CHART_INK_SERIES, 0, prev_x, prev_y,
                                                                 x - prev_x, y - prev_y, -1);
              g_array_append_val (segments, seg);
            }
          g_array_append_val (small ? hollow : dots, dot);
          prev_x = x;
          prev_y = y;
        }
      else
        prev_x = prev_y = NAN;
      if (plot->show_n && !small)
        {
          /* centred under its point, a gap below the axis line and right of the "0"
           * beside it (that label reaches half a line below the axis) */
          double nw;
          _pathways_chart_measure (self, ct, 0.75, FALSE, &nw, NULL);
          _pathways_chart_add_text (self, ct, CLAMP (x - nw / 2, x0 - self->font_size * 0.2,
                                                     plot->r.x + plot->r.w - nw),
                                    bottom + text_h * 0.55, ALIGN_LEFT, 0.75, FALSE,
                                    PATHWAYS_CHART_INK_MUTED, -1, 1, mark);
        }
      xs[i] = x;
      marks[i] = mark;
    }
  g_array_append_vals (self->items, segments->data, segments->len);
  g_array_append_vals (self->items, dots->data, dots->len);
  g_array_append_vals (self->items, hollow->data, hollow->len);
  trend_period_labels (self, table, plot, xs, marks);
}

/* The footer, with a note once when a period's median is hidden: its place on the line
 * is a gap. Counts the medians hidden by disclosure control into N_HIDDEN. */
static char *
trend_footer (PathwaysChartLayout       *self,
              const PathwaysReportTable *table,
              guint                     *n_hidden)
{
  g_autofree char *footer = _pathways_chart_footer_text (self, table, TRUE);

  *n_hidden = 0;
  for (guint i = 0; i < table->rows->len; i++)
    if (_pathways_chart_cell_hidden (_pathways_chart_cell_at (table, g_ptr_array_index (table->rows, i),
                                                              "median")))
      (*n_hidden)++;
  if (*n_hidden == 0 || *n_hidden == table->rows->len)
    return g_steal_pointer (&footer);
  {
    /* after the base and filters, before the line of the disclosure rule */
    const char *rule = strchr (footer, '\n');
    gsize head = rule != NULL ? (gsize) (rule - footer) : strlen (footer);
    /* Translators: a note under a trend chart, once */
    const char *note = _("No point where a period's median is hidden (too few cases)");

    return g_strdup_printf ("%.*s%s%s%s", (int) head, footer, head > 0 ? " · " : "", note, footer + head);
  }
}

void
_pathways_chart_layout_trend (PathwaysChartLayout       *self,
                              const PathwaysReportTable *table)
{
  guint n_hidden = 0, n_shown = 0;
  g_autofree char *footer = trend_footer (self, table, &n_hidden);
  TrendPlot plot = { _pathways_chart_frame_table (self, table, footer) };
  const Rect r = plot.r;
  guint n = table->rows->len, nt;
  double ticks[32], step, hi = 0, axis_w = 0;

  plot.text_h = _pathways_chart_line_height (self, 0.85);
  if (n == 0)
    {
      _pathways_chart_empty_message (self, r, _("No records to show"));
      return;
    }
  if (n_hidden == n)
    {
      /* never an empty axis: every median is hidden */
      _pathways_chart_hidden_message (self, r, _("No median is shown: every period has too few cases, "
                                                 "to protect the people in it."));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const PathwaysCell *median = _pathways_chart_cell_at (table, g_ptr_array_index (table->rows, i),
                                                            "median");
      if (_pathways_chart_cell_shown (median))
        {
          hi = MAX (hi, median->value);
          n_shown++;
        }
    }
  if (n_shown == 0 && pathways_report_table_find_column ((PathwaysReportTable *) table, "median") >= 0)
    {
      /* never an empty axis: no period has a median (no one waiting in any, say) */
      if (n_hidden > 0)
        _pathways_chart_hidden_message (self, r, _("No median is shown: every period has too few cases, "
                                                   "to protect the people in it."));
      else
        _pathways_chart_empty_message (self, r, _("No period has a median to show: every period is empty."));
      return;
    }
  plot.top = r.y + plot.text_h * 1.7;
  plot.bottom = r.y + r.h - plot.text_h * 2.6;
  if (plot.bottom - plot.top < plot.text_h * 2 || r.w < self->font_size * 6)
    {
      _pathways_chart_empty_message (self, r, _("Too small to draw: see the table"));
      return;
    }
  /* at least 0-5 days: whole-day ticks, never "1, 1, 1, 0, 0, 0" over a flat line */
  nt = pathways_chart_nice_ticks (0, MAX (hi, 5),
                                  (guint) CLAMP ((plot.bottom - plot.top) / (plot.text_h * 2.5), 1, 8),
                                  ticks, &step);
  plot.hi = ticks[nt - 1];
  for (guint t = 0; t < nt; t++)
    {
      g_autofree char *lab = pathways_chart_format_number (ticks[t], 0);
      double tw, th;
      _pathways_chart_measure (self, lab, 0.85, FALSE, &tw, &th);
      axis_w = MAX (axis_w, tw);
    }
  plot.x0 = r.x + axis_w + self->font_size * 0.8;
  plot.x1 = r.x + r.w - self->font_size * 0.8;
  trend_places (self, table, &plot);
  /* one period: its point in the middle of a full-width axis */
  plot.spacing = n > 1 ? (plot.x1 - plot.x0) / (plot.tn - plot.t0) : plot.x1 - plot.x0;
  trend_labels_fit (self, table, &plot);
  trend_value_axis (self, table, &plot, ticks, nt);
  trend_points (self, table, &plot);
}
