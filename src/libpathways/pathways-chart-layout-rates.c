/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-rates.c: planned-closure rates per group, a dot with its 95 %
 * interval on one scale of 0-100 %, the rate printed beside it, the overall rate as a
 * reference line, and the base of each row ("n = 2,008", "small base" below
 * SMALL_BASE closed cases). Groups are sorted by rate (bands and the service mix keep
 * their order), "Not recorded" last; beyond MAX_GROUPS the largest groups are shown
 * and the rest make one "All other values (N groups)" row. One line under the scale
 * explains the marks.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"
#include "pathways-mapping.h"
#include "pathways-stats.h"

#define SMALL_BASE 30
#define MAX_GROUPS 12

/* Where the rows and the scale of a rates chart go. */
typedef struct {
  Rect   r;              /* the plot, under the frame's title */
  double factor;         /* text size of the rows */
  double text_h;         /* line height at FACTOR */
  double row_h;
  guint  n_shown;        /* rows that fit; the rest are counted */
  double label_w;        /* room for the group labels, left of the scale */
  double n_w;            /* room for "n = 2,008", right of the scale */
  double pad;
  double x0, x1;         /* the scale, from 0 to HI */
  double hi;
  double top, bottom;    /* the rows */
} RatesPlot;

/* x of VALUE (a percent) on the scale. */
static inline double
rate_x (const RatesPlot *plot,
        double           value)
{
  return plot->x0 + (plot->x1 - plot->x0) * CLAMP (value / plot->hi, 0, 1);
}

/* The top of the scale: 100 %, so that every rates chart reads on the same scale; the
 * overall rate in *OVERALL (NAN when a total is hidden). */
static double
rates_max (const PathwaysReportTable *table,
           double                    *overall)
{
  int c_closed = pathways_report_table_find_column ((PathwaysReportTable *) table, "closed");
  int c_planned = pathways_report_table_find_column ((PathwaysReportTable *) table, "planned");

  *overall = NAN;
  if (table->totals != NULL && c_closed >= 0 && c_planned >= 0
      && _pathways_chart_cell_shown (&table->totals[c_closed])
      && _pathways_chart_cell_shown (&table->totals[c_planned])
      && table->totals[c_closed].value > 0)
    *overall = 100.0 * table->totals[c_planned].value / table->totals[c_closed].value;
  return 100;
}

static gboolean
is_not_recorded (const PathwaysReportTable *table,
                 const PathwaysReportRow   *row)
{
  return g_strcmp0 (row->id, PATHWAYS_NOT_RECORDED) == 0 ||
         g_strcmp0 (_pathways_chart_row_label (table, row), PATHWAYS_NOT_RECORDED) == 0;
}

static double
cell_or (const PathwaysReportTable *table,
         const PathwaysReportRow   *row,
         const char                *column,
         double                     fallback)
{
  const PathwaysCell *cell = _pathways_chart_cell_at (table, row, column);

  return _pathways_chart_cell_shown (cell) ? cell->value : fallback;
}

/* Highest rate first, hidden rates last, then by base; stable on the report's order. */
static int
by_rate (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  const PathwaysReportTable *sort_table = user_data;
  const PathwaysReportRow *ra = *(const PathwaysReportRow **) a, *rb = *(const PathwaysReportRow **) b;
  double x = cell_or (sort_table, ra, "rate", -1), y = cell_or (sort_table, rb, "rate", -1);

  if (x != y)
    return x > y ? -1 : 1;
  x = cell_or (sort_table, ra, "closed", -1);
  y = cell_or (sort_table, rb, "closed", -1);
  return x > y ? -1 : x < y ? 1 : 0;
}

/* Largest base first (hidden bases last). */
static int
by_base (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  const PathwaysReportTable *sort_table = user_data;
  const PathwaysReportRow *ra = *(const PathwaysReportRow **) a, *rb = *(const PathwaysReportRow **) b;
  double x = cell_or (sort_table, ra, "closed", -1), y = cell_or (sort_table, rb, "closed", -1);

  return x > y ? -1 : x < y ? 1 : 0;
}

/* The rows the rest of the groups make: closed and planned added up, the rate and its
 * interval from them; hidden when any part is hidden. Freed with rates_other_free. */
static PathwaysReportRow *
rates_other (const PathwaysReportTable *table,
             GPtrArray                 *rest)
{
  PathwaysReportRow *row = g_new0 (PathwaysReportRow, 1);
  guint n_cols = table->columns->len;
  double closed = 0, planned = 0, lo = 0, hi = 0;
  gboolean hidden = FALSE;
  const char *ids[] = { "closed", "planned", "rate", "ci_low", "ci_high" };

  row->cells = g_new0 (PathwaysCell, n_cols);
  for (guint i = 0; i < rest->len; i++)
    {
      const PathwaysReportRow *r = g_ptr_array_index (rest, i);
      const PathwaysCell *c = _pathways_chart_cell_at (table, r, "closed");
      const PathwaysCell *p = _pathways_chart_cell_at (table, r, "planned");

      hidden = hidden || !_pathways_chart_cell_shown (c) || !_pathways_chart_cell_shown (p);
      closed += c != NULL ? c->value : 0;
      planned += p != NULL ? p->value : 0;
    }
  if (!hidden && closed > 0)
    pathways_wilson_interval ((guint) planned, (guint) closed, &lo, &hi);
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      int c = pathways_report_table_find_column ((PathwaysReportTable *) table, ids[k]);
      double values[] = { closed, planned, closed > 0 ? 100.0 * planned / closed : 0, lo, hi };

      if (c < 0)
        continue;
      row->cells[c].kind = k < 2 ? PATHWAYS_CELL_COUNT : PATHWAYS_CELL_RATE;
      row->cells[c].defined = closed > 0 || k < 2;
      row->cells[c].value = values[k];
      row->cells[c].suppression = hidden ? PATHWAYS_SUPPRESSION_SECONDARY : PATHWAYS_SUPPRESSION_NONE;
    }
  for (guint c = 0; c < n_cols; c++)
    if (((PathwaysReportColumn *) g_ptr_array_index (table->columns, c))->kind == PATHWAYS_CELL_LABEL)
      {
        row->cells[c].kind = PATHWAYS_CELL_LABEL;
        row->cells[c].text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All other values (%u group)",
                                                           "All other values (%u groups)", rest->len),
                                              rest->len);
        break;
      }
  return row;
}

static void
rates_other_free (const PathwaysReportTable *table,
                  PathwaysReportRow         *row)
{
  if (row == NULL)
    return;
  for (guint c = 0; c < table->columns->len; c++)
    g_free (row->cells[c].text);
  g_free (row->cells);
  g_free (row);
}

/* The rows in the order drawn: at most MAX_GROUPS groups (the largest, by base, when
 * there are more; the rest in *OTHER), sorted by rate unless the field has an order of
 * its own; "Not recorded" last. */
static GPtrArray *
rates_order (const PathwaysReportTable *table,
             PathwaysReportRow        **other)
{
  GPtrArray *rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  const PathwaysReportRow *not_recorded = NULL;
  gboolean ordered = g_strcmp0 (table->key, "age_band") == 0 || g_strcmp0 (table->key, "service_mix") == 0;

  *other = NULL;
  for (guint i = 0; i < table->rows->len; i++)
    {
      PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      if (not_recorded == NULL && is_not_recorded (table, row))
        not_recorded = row;
      else
        g_ptr_array_add (rows, row);
    }
  if (rows->len > MAX_GROUPS)
    {
      g_ptr_array_sort_with_data (rows, by_base, (gpointer) table);
      while (rows->len > MAX_GROUPS - 1)
        g_ptr_array_add (rest, g_ptr_array_steal_index (rows, rows->len - 1));
    }
  if (!ordered || rest->len > 0)
    g_ptr_array_sort_with_data (rows, by_rate, (gpointer) table);
  if (rest->len > 0)
    g_ptr_array_add (rows, *other = rates_other (table, rest));
  if (not_recorded != NULL)
    g_ptr_array_add (rows, (gpointer) not_recorded);
  return rows;
}

/* Text size, row height and the rows that fit: one line on top is kept for the
 * reference label, two at the bottom for the ticks and the key. */
static void
rates_rows (PathwaysChartLayout *self,
            guint                n,
            RatesPlot           *plot)
{
  double r_h = plot->r.h;

  plot->factor = 1.0;
  plot->text_h = _pathways_chart_line_height (self, 1.0);
  plot->row_h = (r_h - plot->text_h * 3.8) / n;
  if (plot->row_h < plot->text_h * 1.2)
    plot->factor = MAX (0.72, plot->row_h / (plot->text_h * 1.2));
  plot->text_h = _pathways_chart_line_height (self, plot->factor);
  plot->n_shown = n;
  if (plot->row_h < plot->text_h * 1.1)
    {
      plot->n_shown = plot->row_h > 0 ? (guint) MAX (0, floor ((r_h - plot->text_h * 3.8)
                                                               / (plot->text_h * 1.15)))
                                      : 0;
      plot->row_h = plot->n_shown > 0 ? (r_h - plot->text_h * 3.8) / plot->n_shown : 0;
    }
}

/* Room for the labels left of the scale and the bases right of it, and so the scale. */
static void
rates_columns (PathwaysChartLayout       *self,
               const PathwaysReportTable *table,
               GPtrArray                 *rows,
               RatesPlot                 *plot)
{
  double label_w = 0, n_w = 0, tw, th;

  for (guint i = 0; i < plot->n_shown; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (rows, i);
      const PathwaysCell *closed = _pathways_chart_cell_at (table, row, "closed");
      g_autofree char *c = _pathways_chart_cell_text (self, closed);
      g_autofree char *nt_text = g_strdup_printf (_("n = %s, small base"), c);
      _pathways_chart_measure (self, _pathways_chart_row_label (table, row), plot->factor, FALSE, &tw, &th);
      label_w = MAX (label_w, tw);
      _pathways_chart_measure (self, nt_text, plot->factor, FALSE, &tw, &th);
      n_w = MAX (n_w, tw);
    }
  _pathways_chart_measure (self, _("small base"), plot->factor * 0.85, FALSE, &tw, &th);
  n_w = MAX (n_w, tw);
  plot->label_w = MIN (ceil (label_w) + 1, plot->r.w * 0.3);
  plot->n_w = MIN (ceil (n_w) + 1, plot->r.w * 0.22);
  plot->x0 = plot->r.x + plot->label_w + plot->pad * 2;
  plot->x1 = plot->r.x + plot->r.w - plot->n_w - plot->pad * 2;
}

/* Grid lines and tick labels, and the dashed line of the overall rate: returns the
 * index of that line's item, or -1. */
static int
rates_axis (PathwaysChartLayout *self,
            const RatesPlot     *plot,
            const double        *ticks,
            guint                nt,
            double               overall,
            const char          *ref_label)
{
  int ref = -1;

  for (guint t = 0; t < nt; t++)
    {
      g_autofree char *lab = g_strdup_printf ("%.0f %%", ticks[t]);
      _pathways_chart_add_line (self, rate_x (plot, ticks[t]), plot->top, rate_x (plot, ticks[t]),
                                plot->bottom, PATHWAYS_CHART_INK_GRID, 0);
      _pathways_chart_add_text (self, lab, rate_x (plot, ticks[t]), plot->bottom + plot->text_h * 0.2,
                                ALIGN_CENTER, 0.85, FALSE, PATHWAYS_CHART_INK_MUTED, -1, 1, -1);
    }
  if (ref_label != NULL)
    {
      double tw, th, lx = rate_x (plot, overall);
      _pathways_chart_add_line (self, lx, plot->top - plot->text_h * 0.2, lx, plot->bottom,
                                PATHWAYS_CHART_INK_REFERENCE, PATHWAYS_CHART_ITEM_DASHED);
      ref = (int) self->items->len - 1;
      _pathways_chart_measure (self, ref_label, 0.85, FALSE, &tw, &th);
      lx = CLAMP (lx - tw / 2, plot->x0, plot->r.x + plot->r.w - tw);
      _pathways_chart_add_text (self, ref_label, lx, plot->r.y, ALIGN_LEFT, 0.85, FALSE,
                                PATHWAYS_CHART_INK_REFERENCE, -1, 1, -1);
    }
  return ref;
}

/* Row I: its label, its base, the interval and the dot (hollow for a small base), and
 * the mark that holds them. */
static void
rates_row (PathwaysChartLayout       *self,
           const PathwaysReportTable *table,
           const RatesPlot           *plot,
           const PathwaysReportRow   *row,
           guint                      i)
{
  const PathwaysCell *closed = _pathways_chart_cell_at (table, row, "closed");
  const PathwaysCell *rate = _pathways_chart_cell_at (table, row, "rate");
  const PathwaysCell *lo = _pathways_chart_cell_at (table, row, "ci_low");
  const PathwaysCell *up = _pathways_chart_cell_at (table, row, "ci_high");
  const char *label = _pathways_chart_row_label (table, row);
  double factor = plot->factor, row_h = plot->row_h, pad = plot->pad;
  double y = plot->top + i * row_h, cy = y + row_h / 2, n_x = plot->x1 + pad * 2;
  gboolean small = !_pathways_chart_cell_shown (closed) || closed->value < SMALL_BASE;
  g_autofree char *c = _pathways_chart_cell_text (self, closed);
  g_autofree char *n_text = g_strdup_printf (_("n = %s"), c);
  /* "*" only for a rate hidden by disclosure control; no closed case gives no rate, "–" */
  g_autofree char *rt = _pathways_chart_cell_shown (rate) ? _pathways_chart_format_percent (rate->value)
                                                          : _pathways_chart_cell_text (self, rate);
  g_autofree char *lot = _pathways_chart_cell_shown (lo) ? _pathways_chart_format_percent (lo->value)
                                                         : g_strdup ("*");
  g_autofree char *upt = _pathways_chart_cell_shown (up) ? _pathways_chart_format_percent (up->value)
                                                         : g_strdup ("*");
  char *tip = _pathways_chart_cell_shown (rate)
              /* Translators: tooltip: "Police: 25 % planned closures (95 % interval 23 % to 27 %), n = 2,008" */
              ? g_strdup_printf (_("%s: %s planned closures (95 %% interval %s to %s), %s"),
                                 label, rt, lot, upt, n_text)
              /* Translators: tooltip of a hidden rate, without the interval hidden with it:
               * "Male: * planned closures, n = 15" */
              : g_strdup_printf (_("%s: %s planned closures, %s"), label, rt, n_text);
  int mark = _pathways_chart_add_mark (self, table, row->id, label, tip,
                                       _pathways_chart_cell_shown (rate) ? rate->value : NAN,
                                       !_pathways_chart_cell_shown (rate), plot->r.x, y, plot->r.w, row_h);
  double tw, th, dot_r = MAX (2.0, MIN (row_h * 0.22, self->font_size * 0.36));

  _pathways_chart_measure (self, label, factor, FALSE, &tw, &th);
  _pathways_chart_add_text (self, label, plot->r.x + plot->label_w, cy - th / 2, ALIGN_RIGHT, factor,
                            FALSE, PATHWAYS_CHART_INK_TEXT, plot->label_w, 1, mark);
  if (small && row_h >= th * 1.9)
    {
      _pathways_chart_add_text (self, n_text, n_x, cy - th, ALIGN_LEFT, factor, FALSE,
                                PATHWAYS_CHART_INK_TEXT, plot->n_w, 1, mark);
      _pathways_chart_add_text (self, _("small base"), n_x, cy, ALIGN_LEFT, factor * 0.85, FALSE,
                                PATHWAYS_CHART_INK_MUTED, plot->n_w, 1, mark);
    }
  else
    {
      /* a small base in words, never "*", which marks a hidden figure */
      g_autofree char *t = small ? g_strdup_printf (_("n = %s, small base"), c) : g_strdup (n_text);
      _pathways_chart_add_text (self, t, n_x, cy - th / 2, ALIGN_LEFT, factor, FALSE,
                                PATHWAYS_CHART_INK_TEXT, plot->n_w, 1, mark);
    }
  if (_pathways_chart_cell_shown (lo) && _pathways_chart_cell_shown (up))
    {
      double cap = dot_r * 0.9;
      double lx = rate_x (plot, lo->value), ux = rate_x (plot, up->value);
      PathwaysChartItem *w = _pathways_chart_add_line (self, lx, cy, ux, cy, PATHWAYS_CHART_INK_TEXT,
                                                       PATHWAYS_CHART_ITEM_DATA);
      w->mark = mark;
      _pathways_chart_add_line (self, lx, cy - cap, lx, cy + cap, PATHWAYS_CHART_INK_TEXT, 0)->mark = mark;
      _pathways_chart_add_line (self, ux, cy - cap, ux, cy + cap, PATHWAYS_CHART_INK_TEXT, 0)->mark = mark;
    }
  if (_pathways_chart_cell_shown (rate))
    {
      /* the rate beside its dot: right of the interval, or left of it near 100 % */
      double right = _pathways_chart_cell_shown (up) ? rate_x (plot, up->value) : rate_x (plot, rate->value);
      double left = _pathways_chart_cell_shown (lo) ? rate_x (plot, lo->value) : rate_x (plot, rate->value);

      _pathways_chart_add_item (self, PATHWAYS_CHART_ITEM_DOT, PATHWAYS_CHART_INK_SERIES,
                                PATHWAYS_CHART_ITEM_DATA | (small ? PATHWAYS_CHART_ITEM_HOLLOW
                                                                  : PATHWAYS_CHART_ITEM_FILL),
                                rate_x (plot, rate->value), cy, dot_r, 0, mark);
      _pathways_chart_measure (self, rt, factor * 0.9, TRUE, &tw, &th);
      if (right + dot_r + pad * 0.5 + tw <= plot->x1 + pad)
        _pathways_chart_add_text (self, rt, right + dot_r + pad * 0.5, cy - th / 2, ALIGN_LEFT, factor * 0.9,
                                  TRUE, PATHWAYS_CHART_INK_TEXT, -1, 1, mark);
      else
        _pathways_chart_add_text (self, rt, MAX (plot->x0, left - dot_r - pad * 0.5 - tw), cy - th / 2,
                                  ALIGN_LEFT, factor * 0.9, TRUE, PATHWAYS_CHART_INK_TEXT, -1, 1, mark);
    }
  else
    _pathways_chart_add_text (self, rt, plot->x0 + pad, cy - th / 2, ALIGN_LEFT, factor, FALSE,
                              PATHWAYS_CHART_INK_MUTED, -1, 1, mark);
}

void
_pathways_chart_layout_rates (PathwaysChartLayout       *self,
                              const PathwaysReportTable *table)
{
  g_autofree char *footer = _pathways_chart_footer_text (self, table, TRUE);
  RatesPlot plot = { _pathways_chart_frame_table (self, table, footer) };
  double ticks[32], step, overall;
  guint n = table->rows->len, nt;
  g_autofree char *ref_label = NULL;
  PathwaysReportRow *other = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int ref;

  if (n == 0)
    {
      _pathways_chart_empty_message (self, plot.r, _("No records to show"));
      return;
    }
  {
    /* every rate hidden by disclosure control */
    gboolean any = FALSE;
    for (guint i = 0; i < n && !any; i++)
      any = !_pathways_chart_cell_hidden (_pathways_chart_cell_at (table, g_ptr_array_index (table->rows, i),
                                                                   "rate"));
    if (!any)
      {
        _pathways_chart_hidden_message (self, plot.r,
                                        _("No rate is shown: every group has too few cases, "
                                          "to protect the people in it."));
        return;
      }
  }
  plot.hi = rates_max (table, &overall);
  if (isfinite (overall))
    {
      g_autofree char *p = _pathways_chart_format_percent (overall);
      /* Translators: the reference line of a rates chart */
      ref_label = g_strdup_printf (_("overall %s"), p);
    }
  plot.pad = self->font_size * 0.5;
  rows = rates_order (table, &other);
  n = rows->len;
  rates_rows (self, n, &plot);
  rates_columns (self, table, rows, &plot);
  if (plot.x1 - plot.x0 < self->font_size * 3 || plot.n_shown == 0)
    {
      _pathways_chart_empty_message (self, plot.r, _("Too small to draw: see the table"));
      rates_other_free (table, other);
      return;
    }
  {
    double lw;
    _pathways_chart_measure (self, "100 %", 0.85, FALSE, &lw, NULL);
    nt = pathways_chart_nice_ticks (0, plot.hi, (guint) CLAMP ((plot.x1 - plot.x0) / (lw * 2.2), 1, 10),
                                    ticks, &step);
  }
  plot.hi = ticks[nt - 1];
  plot.top = plot.r.y + plot.text_h * 1.3;
  plot.bottom = plot.top + plot.n_shown * plot.row_h;
  ref = rates_axis (self, &plot, ticks, nt, overall, ref_label);
  for (guint i = 0; i < plot.n_shown; i++)
    rates_row (self, table, &plot, g_ptr_array_index (rows, i), i);
  /* the overall rate's line stops short of a rate printed across it */
  if (ref >= 0)
    _pathways_chart_cut_lines (self, (guint) ref, (guint) ref, (guint) ref + 1);
  /* the marks explained once, under the scale. xgettext:no-c-format */
  _pathways_chart_add_text (self, _("Dot: planned-closure rate · line: 95 % confidence interval · "
                                    "hollow dot: small base (fewer than 30 closed cases)"),
                            plot.r.x, plot.bottom + plot.text_h * 1.4, ALIGN_LEFT, 0.85, FALSE,
                            PATHWAYS_CHART_INK_MUTED, plot.r.w, 1, -1);
  rates_other_free (table, other);
  if (plot.n_shown < n)
    {
      guint rest = n - plot.n_shown;
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more: see the table",
                                                            "and %u more: see the table", rest), rest);
      double tw0;
      _pathways_chart_measure (self, "0 %", 0.85, FALSE, &tw0, NULL);
      /* Beside the tick labels, left of the first one. */
      _pathways_chart_add_text (self, more, plot.r.x, plot.bottom + plot.text_h * 0.2, ALIGN_LEFT, 0.85,
                                FALSE, PATHWAYS_CHART_INK_MUTED,
                                MAX (1, plot.x0 - plot.r.x - tw0 / 2 - plot.pad), 1, -1);
    }
}
