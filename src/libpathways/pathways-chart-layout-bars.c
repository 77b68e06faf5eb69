/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-bars.c: bars coloured by closure class (closure reasons, with
 * the planned share as the finding), single-series bars (counts of a category), and
 * the multi-panel bar figures: closure reasons per service type, funnel small
 * multiples.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include <math.h>
#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"

/* ---------------------------------------------------------------- closure classes */

static int
class_rank (const char *cls)
{
  if (cls == NULL)
    return 3;
  if (g_str_equal (cls, "planned"))
    return 0;
  if (g_str_equal (cls, "other"))
    return 1;
  if (g_str_equal (cls, "unplanned"))
    return 2;
  return 3;
}

static const char *
class_name (int rank)
{
  switch (rank)
    {
    case 0: return _("Planned");
    case 1: return _("Other");
    case 2: return _("Unplanned");
    default: return _("Not recorded");
    }
}

static PathwaysChartInk
class_ink (int rank)
{
  static const PathwaysChartInk inks[] = {
    PATHWAYS_CHART_INK_PLANNED, PATHWAYS_CHART_INK_OTHER,
    PATHWAYS_CHART_INK_UNPLANNED, PATHWAYS_CHART_INK_NOT_RECORDED,
  };
  return inks[CLAMP (rank, 0, 3)];
}

typedef struct {
  const PathwaysReportRow *row;
  int    rank;
  double count;
  gboolean hidden;
  guint  order;
} ReasonSort;

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const ReasonSort *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank - y->rank;
  if (x->hidden != y->hidden)
    return x->hidden ? 1 : -1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (int) x->order - (int) y->order;
}

/* Fills BARS from a closure-reasons table in the spec's order: class, then count. */
static void
reason_bars (PathwaysChartLayout       *self,
             const PathwaysReportTable *table,
             GArray                    *bars,
             guint                     *classes_present)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (ReasonSort));

  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *cls = _pathways_chart_cell_at (table, row, "class");
      const PathwaysCell *count = _pathways_chart_cell_at (table, row, "count");
      ReasonSort s = { row, class_rank (cls != NULL ? cls->text : NULL),
                       _pathways_chart_cell_shown (count) ? count->value : 0,
                       !_pathways_chart_cell_shown (count), i };
      g_array_append_val (sorted, s);
    }
  g_array_sort (sorted, compare_reasons);
  for (guint i = 0; i < sorted->len; i++)
    {
      ReasonSort *s = &g_array_index (sorted, ReasonSort, i);
      const PathwaysCell *count = _pathways_chart_cell_at (table, s->row, "count");
      HBar b = { 0 };

      b.row_id = s->row->id;
      b.label = _pathways_chart_row_label (table, s->row);
      b.suppressed = !_pathways_chart_cell_shown (count);
      b.value = b.suppressed ? 0 : count->value;
      b.value_text = _pathways_chart_count_pct_text (self, count,
                                                     _pathways_chart_cell_at (table, s->row, "pct"));
      b.tooltip = _pathways_chart_tooltip_for (self, table, b.label, b.value_text);
      b.ink = class_ink (s->rank);
      b.hatch = s->rank == 3;
      if (classes_present != NULL)
        *classes_present |= 1u << s->rank;
      g_array_append_val (bars, b);
    }
}

/* ---------------------------------------------------------------- finding titles */

/* A share as a reader says it: "Half", "A third" ... when within 1.5 points of a plain
 * fraction, else the percent ("42 %"). */
static char *
share_words (double share)
{
  static const struct { double value; const char *words; } plain[] = {
    { 1.0 / 4, N_("A quarter") }, { 1.0 / 3, N_("A third") }, { 1.0 / 2, N_("Half") },
    { 2.0 / 3, N_("Two thirds") }, { 3.0 / 4, N_("Three quarters") },
  };

  if (share >= 1.0)
    return g_strdup (_("All"));
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (fabs (share - plain[i].value) <= 0.015)
      return g_strdup (_(plain[i].words));
  return _pathways_chart_format_percent (share * 100.0);
}

/* Planned closures and base of a closure-reasons table, FALSE when one is hidden. */
static gboolean
planned_share (const PathwaysReportTable *table,
               double                    *planned,
               double                    *base)
{
  *planned = 0;
  if (!_pathways_chart_cell_shown (&table->base) || table->base.value <= 0)
    return FALSE;
  *base = table->base.value;
  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *cls = _pathways_chart_cell_at (table, row, "class");
      const PathwaysCell *count = _pathways_chart_cell_at (table, row, "count");
      if (cls == NULL || g_strcmp0 (cls->text, "planned") != 0)
        continue;
      if (!_pathways_chart_cell_shown (count))
        return FALSE;
      *planned += count->value;
    }
  return TRUE;
}

static char *
planned_title (double      planned,
               double      base,
               const char *unit)
{
  g_autofree char *words = share_words (planned / base);

  /* Translators: a chart title: "A third of closed cases ended as planned" */
  return g_strdup_printf (_("%s of %s ended as planned"), words, unit);
}

char *
_pathways_chart_closure_finding (const PathwaysReportTable *table)
{
  double planned, base;

  if (!planned_share (table, &planned, &base))
    return NULL;
  return planned_title (planned, base, table->base_label != NULL ? table->base_label : _("closed cases"));
}

/* Over every panel: all planned counts and bases must be shown. */
char *
_pathways_chart_closure_panels_finding (const PathwaysReportTable **tables,
                                        guint                       n)
{
  double planned = 0, base = 0;

  for (guint i = 0; i < n; i++)
    {
      double p, b;
      if (!planned_share (tables[i], &p, &b))
        return NULL;
      planned += p;
      base += b;
    }
  return planned_title (planned, base, tables[0]->base_label != NULL ? tables[0]->base_label
                                                                      : _("closed services"));
}

/* ---------------------------------------------------------------- closure reasons */

void
_pathways_chart_layout_closure_reasons (PathwaysChartLayout       *self,
                                        const PathwaysReportTable *table)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
  g_autofree char *footer = _pathways_chart_footer_text (self, table, TRUE);
  guint classes = 0, n = 0;
  LegendEntry entries[4];
  Rect r = _pathways_chart_frame_table (self, table, footer);
  HBarMetrics m;
  double lh;

  reason_bars (self, table, bars, &classes);
  for (int k = 0; k < 4; k++)
    if (classes & (1u << k))
      entries[n++] = (LegendEntry) { class_name (k), class_ink (k), k == 3 };
  lh = _pathways_chart_legend (self, r.x, r.y, r.w, entries, n);
  r.y += lh;
  r.h -= lh;
  _pathways_chart_hbars_fold (self, table, bars, "count", r.h, TRUE);
  m = _pathways_chart_hbars_metrics (self, bars, r.w, r.h, TRUE);
  _pathways_chart_hbars_draw (self, table, r, bars, &m, _pathways_chart_hbars_max (bars));
  _pathways_chart_hbars_clear (bars);
}

/* ---------------------------------------------------------------- single-series bars */

/* Single-series bars: the first count column (or percent for completeness). */
void
_pathways_chart_layout_bars (PathwaysChartLayout       *self,
                             const PathwaysReportTable *table)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
  g_autofree char *footer = _pathways_chart_footer_text (self, table, TRUE);
  Rect r = _pathways_chart_frame_table (self, table, footer);
  const char *count_id = NULL;
  HBarMetrics m;

  for (guint c = 0; c < table->columns->len && count_id == NULL; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);
      if (col->kind == PATHWAYS_CELL_COUNT)
        count_id = col->id;
    }
  for (guint i = 0; count_id != NULL && i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *count = _pathways_chart_cell_at (table, row, count_id);
      HBar b = { 0 };

      b.row_id = row->id;
      b.label = _pathways_chart_row_label (table, row);
      b.suppressed = !_pathways_chart_cell_shown (count);
      b.value = b.suppressed ? 0 : count->value;
      b.value_text = _pathways_chart_count_pct_text (self, count,
                                                     _pathways_chart_cell_at (table, row, "pct"));
      b.tooltip = _pathways_chart_tooltip_for (self, table, b.label, b.value_text);
      b.ink = PATHWAYS_CHART_INK_SERIES;
      g_array_append_val (bars, b);
    }
  /* periods stay in time order, never ranked or folded by size */
  if (pathways_report_table_find_column ((PathwaysReportTable *) table, "period") >= 0)
    _pathways_chart_hbars_latest (self, bars, r.h);
  else if (count_id != NULL)
    _pathways_chart_hbars_fold (self, table, bars, count_id, r.h, FALSE);
  m = _pathways_chart_hbars_metrics (self, bars, r.w, r.h, TRUE);
  _pathways_chart_hbars_draw (self, table, r, bars, &m, _pathways_chart_hbars_max (bars));
  _pathways_chart_hbars_clear (bars);
}

/* ---------------------------------------------------------------- multi-panel bars */

void
_pathways_chart_layout_bar_panels (PathwaysChartLayout        *self,
                                   const PathwaysReportTable **tables,
                                   guint                       n,
                                   Rect                        r,
                                   gboolean                    reasons)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *first;
  double mx = 0, label_w = 0, title_h;
  Grid grid;
  guint classes = 0;

  for (guint i = 0; i < n; i++)
    {
      GArray *bars = g_array_new (FALSE, TRUE, sizeof (HBar));
      if (reasons)
        reason_bars (self, tables[i], bars, &classes);
      else
        _pathways_chart_funnel_bars (self, tables[i], bars);
      g_ptr_array_add (all, bars);
    }
  if (reasons)
    {
      LegendEntry entries[4];
      guint ne = 0;
      double lh;
      for (int k = 0; k < 4; k++)
        if (classes & (1u << k))
          entries[ne++] = (LegendEntry) { class_name (k), class_ink (k), k == 3 };
      lh = _pathways_chart_legend (self, r.x, r.y, r.w, entries, ne);
      r.y += lh;
      r.h -= lh;
    }
  title_h = _pathways_chart_line_height (self, 0.95) * 1.3;
  for (guint i = 0; i < n; i++)
    {
      GArray *bars = g_ptr_array_index (all, i);
      /* many reasons: the largest per panel, on the height of a panel in a grid of
       * the figure's shape (funnel stages are never folded) */
      if (reasons)
        {
          Grid g0 = _pathways_chart_choose_grid (self, n, r.w, r.h, self->font_size * 16, self->font_size * 8);
          _pathways_chart_hbars_fold (self, tables[i], bars, "count", r.h / g0.rows - title_h, TRUE);
        }
      mx = MAX (mx, _pathways_chart_hbars_max (bars));
    }
  {
    guint most = 0;
    for (guint i = 0; i < n; i++)
      most = MAX (most, ((GArray *) g_ptr_array_index (all, i))->len);
    grid = _pathways_chart_choose_grid (self, n, r.w, r.h, self->font_size * 16,
                                        title_h + (most + 1) * _pathways_chart_line_height (self, 0.9)
                                                  * 1.1);
    first = NULL;
    for (guint i = 0; i < n; i++)
      if (((GArray *) g_ptr_array_index (all, i))->len == most)
        first = g_ptr_array_index (all, i);
  }
  {
    /* One text size and row height for every panel: the fullest panel decides. */
    double gap = self->font_size;
    double pw = (r.w - gap * (grid.cols - 1)) / grid.cols;
    double ph = r.h / grid.rows - gap * 0.5 - title_h;
    HBarMetrics shared = _pathways_chart_hbars_metrics (self, first, pw, ph, TRUE);

    /* Same room for value labels in every panel, so that bars share one scale. */
    for (guint i = 0; i < n; i++)
      {
        GArray *bars = g_ptr_array_index (all, i);
        for (guint j = 0; j < MIN (bars->len, shared.n_shown); j++)
          {
            double tw, th;
            _pathways_chart_measure (self, g_array_index (bars, HBar, j).value_text, shared.factor,
                                     FALSE, &tw, &th);
            shared.value_w = MAX (shared.value_w, MIN (ceil (tw) + 1, pw * 0.3));
          }
      }
    for (guint i = 0; i < n; i++)
      {
        guint col = i % grid.cols, row = i / grid.cols;
        Rect p = { r.x + col * (pw + gap), r.y + row * (r.h / grid.rows), pw, ph };
        GArray *bars = g_ptr_array_index (all, i);
        g_autofree char *title = _pathways_chart_panel_title (tables[i]);
        HBarMetrics m = _pathways_chart_hbars_metrics (self, bars, p.w, p.h, TRUE);

        m.factor = shared.factor;
        m.row_h = shared.row_h;
        m.between = FALSE;
        m.n_shown = MIN (bars->len, shared.n_shown);
        if (m.n_shown < bars->len && m.n_shown > 0 && shared.n_shown == first->len)
          m.n_shown--;
        m.label_w = shared.label_w;
        m.value_w = shared.value_w;
        _pathways_chart_add_text (self, title, p.x, p.y, ALIGN_LEFT, 0.95, TRUE,
                                  PATHWAYS_CHART_INK_TEXT, p.w, 1, -1);
        p.y += title_h;
        _pathways_chart_hbars_draw (self, tables[i], p, bars, &m, mx);
        _pathways_chart_hbars_clear (bars);
      }
  }
  (void) label_w;
  (void) first;
}
