/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-hbars.c: horizontal bars, the rows every bar-like chart kind
 * shares (funnel, closure reasons, single-series bars, completeness, composition):
 * how many fit, their labels and values, and the folding of many groups into the
 * largest and one "All other values (N groups)" bar.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include <math.h>
#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"
#include "pathways-mapping.h"

/* ---------------------------------------------------------------- horizontal bars */

void
_pathways_chart_hbars_clear (GArray *bars)
{
  for (guint i = 0; i < bars->len; i++)
    {
      HBar *b = &g_array_index (bars, HBar, i);
      g_free (b->value_text);
      g_free (b->between);
      g_free (b->tooltip);
      g_free (b->owned_label);
    }
}

#define MAX_GROUPS 12

static gboolean
hbar_not_recorded (const HBar *b)
{
  return g_strcmp0 (b->label, PATHWAYS_NOT_RECORDED) == 0 || g_strcmp0 (b->row_id, "not_recorded") == 0
         || g_strcmp0 (b->row_id, PATHWAYS_NOT_RECORDED) == 0;
}

/* Largest count first, hidden counts last; stable on the given order. */
static int
compare_hbars_by_count (gconstpointer a,
                        gconstpointer b)
{
  const HBar *x = *(const HBar * const *) a, *y = *(const HBar * const *) b;
  double vx = x->suppressed ? -1 : x->value, vy = y->suppressed ? -1 : y->value;

  return vx > vy ? -1 : vx < vy ? 1 : 0;
}

/* The "All other values" bar of the bars in REST, beside the bars KEPT. */
static HBar
hbars_other (PathwaysChartLayout       *self,
             const PathwaysReportTable *table,
             GPtrArray                 *kept,
             GPtrArray                 *rest,
             const char                *count_column)
{
  int c = pathways_report_table_find_column ((PathwaysReportTable *) table, count_column);
  const PathwaysReportColumn *col = c >= 0 ? g_ptr_array_index (table->columns, c) : NULL;
  gboolean kept_shown = TRUE, rest_shown = TRUE, has_pct;
  double sum_kept = 0, sum_rest = 0;
  PathwaysCell count = { .kind = PATHWAYS_CELL_COUNT, .defined = TRUE };
  PathwaysCell pct = { .kind = PATHWAYS_CELL_PERCENT, .defined = TRUE };
  HBar o = { 0 };

  for (guint i = 0; i < kept->len; i++)
    {
      const HBar *b = g_ptr_array_index (kept, i);
      kept_shown = kept_shown && !b->suppressed;
      sum_kept += b->value;
    }
  for (guint i = 0; i < rest->len; i++)
    {
      const HBar *b = g_ptr_array_index (rest, i);
      rest_shown = rest_shown && !b->suppressed;
      sum_rest += b->value;
    }
  o.owned_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All other values (%u group)",
                                                "All other values (%u groups)", rest->len), rest->len);
  o.label = o.owned_label;
  o.row_id = NULL;   /* no single value to filter by */
  o.ink = PATHWAYS_CHART_INK_MUTED;
  o.inside_ok = TRUE;
  if (col == NULL || !col->additive)
    {
      /* a case may count under several values: their counts do not add up */
      o.suppressed = TRUE;
      o.value_text = g_strdup (_("see the table"));
    }
  else
    {
      /* only what the table's shown figures give already */
      if (table->totals != NULL && _pathways_chart_cell_shown (&table->totals[c]) && kept_shown)
        count.value = MAX (0, table->totals[c].value - sum_kept);
      else if (rest_shown)
        count.value = sum_rest;
      else
        count.suppression = PATHWAYS_SUPPRESSION_SECONDARY;
      o.suppressed = count.suppression != PATHWAYS_SUPPRESSION_NONE;
      o.value = o.suppressed ? 0 : count.value;
      pct.suppression = count.suppression;
      if (_pathways_chart_cell_shown (&table->base) && table->base.value > 0)
        pct.value = 100.0 * count.value / table->base.value;
      has_pct = table->rows->len > 0 && _pathways_chart_cell_shown (&table->base)
                && _pathways_chart_cell_at (table, g_ptr_array_index (table->rows, 0), "pct") != NULL;
      o.value_text = _pathways_chart_count_pct_text (self, &count, has_pct ? &pct : NULL);
    }
  o.tooltip = _pathways_chart_tooltip_for (self, table, o.label, o.value_text);
  return o;
}

void
_pathways_chart_hbars_fold (PathwaysChartLayout       *self,
                            const PathwaysReportTable *table,
                            GArray                    *bars,
                            const char                *count_column,
                            double                     h,
                            gboolean                   keep_order)
{
  double text_h = _pathways_chart_line_height (self, 1.0);
  guint max = (guint) CLAMP (floor (h / (text_h * 1.6)), 4, MAX_GROUPS);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(GPtrArray) last = g_ptr_array_new ();
  g_autoptr(GArray) out = NULL;
  g_autoptr(GHashTable) keep = NULL;
  guint room;
  HBar other;

  if (bars->len <= max)
    return;
  for (guint i = 0; i < bars->len; i++)
    {
      HBar *b = &g_array_index (bars, HBar, i);
      g_ptr_array_add (hbar_not_recorded (b) ? last : groups, b);
    }
  room = max > last->len + 1 ? max - last->len - 1 : 1;
  /* "All other values" stands for three groups at least: one or two more rows are
   * drawn instead */
  if (groups->len <= room + 2)
    return;
  g_ptr_array_sort (groups, compare_hbars_by_count);
  keep = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < groups->len; i++)
    {
      HBar *b = g_ptr_array_index (groups, i);
      if (i < room)
        {
          g_ptr_array_add (kept, b);
          g_hash_table_add (keep, b);
        }
      else
        g_ptr_array_add (rest, b);
    }
  g_ptr_array_extend (kept, last, NULL, NULL);
  other = hbars_other (self, table, kept, rest, count_column);
  out = g_array_new (FALSE, TRUE, sizeof (HBar));
  if (keep_order)
    {
      for (guint i = 0; i < bars->len; i++)
        if (g_hash_table_contains (keep, &g_array_index (bars, HBar, i)))
          g_array_append_val (out, g_array_index (bars, HBar, i));
    }
  else
    for (guint i = 0; i < room; i++)
      g_array_append_val (out, *(HBar *) g_ptr_array_index (kept, i));
  g_array_append_val (out, other);
  for (guint i = 0; i < last->len; i++)
    g_array_append_val (out, *(HBar *) g_ptr_array_index (last, i));
  /* the folded bars' texts go; the others move to OUT */
  for (guint i = 0; i < rest->len; i++)
    {
      HBar *b = g_ptr_array_index (rest, i);
      g_free (b->value_text);
      g_free (b->between);
      g_free (b->tooltip);
      g_free (b->owned_label);
    }
  g_array_set_size (bars, 0);
  g_array_append_vals (bars, out->data, out->len);
}

void
_pathways_chart_hbars_latest (PathwaysChartLayout *self,
                              GArray              *bars,
                              double               h)
{
  double text_h = _pathways_chart_line_height (self, 1.0);
  guint max = (guint) CLAMP (floor (h / (text_h * 1.6)), 4, MAX_GROUPS);
  guint n_kept, n_earlier;
  HBar earlier = { 0 };

  if (bars->len <= max)
    return;
  /* the newest first, as the table has them; one last row says where the earlier
   * periods are */
  n_kept = max - 1;
  n_earlier = bars->len - n_kept;
  for (guint i = n_kept; i < bars->len; i++)
    {
      HBar *b = &g_array_index (bars, HBar, i);
      g_free (b->value_text);
      g_free (b->between);
      g_free (b->tooltip);
      g_free (b->owned_label);
    }
  g_array_set_size (bars, n_kept);
  earlier.owned_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u earlier period",
                                                      "%u earlier periods", n_earlier), n_earlier);
  earlier.label = earlier.owned_label;
  earlier.ink = PATHWAYS_CHART_INK_MUTED;
  earlier.suppressed = TRUE;
  earlier.value_text = g_strdup (_("see the table"));
  earlier.tooltip = g_strdup_printf ("%s: %s", earlier.label, earlier.value_text);
  g_array_append_val (bars, earlier);
}

double
_pathways_chart_hbars_max (GArray *bars)
{
  double mx = 0;

  for (guint i = 0; i < bars->len; i++)
    if (!g_array_index (bars, HBar, i).suppressed)
      mx = MAX (mx, g_array_index (bars, HBar, i).value);
  return mx;
}

/* How rows of BARS fit into a panel of height H and width W. */
HBarMetrics
_pathways_chart_hbars_metrics (PathwaysChartLayout *self,
                               GArray              *bars,
                               double               w,
                               double               h,
                               gboolean             labels)
{
  HBarMetrics m = { 1.0, 0, 0, 0, 0, FALSE };
  guint n = bars->len;
  gboolean any_between = FALSE;
  double text_h;

  for (guint i = 0; i < n; i++)
    any_between |= g_array_index (bars, HBar, i).between != NULL;
  if (n == 0)
    return m;
  text_h = _pathways_chart_line_height (self, 1.0);
  m.row_h = h / n;
  if (any_between && m.row_h >= text_h * 2.3)
    m.between = TRUE;
  else if (m.row_h < text_h * 1.15)
    m.factor = MAX (0.72, m.row_h / (text_h * 1.15));
  text_h = _pathways_chart_line_height (self, m.factor);
  m.n_shown = n;
  if (m.row_h < text_h * 1.1)
    {
      /* Keep one line for "and N more". */
      guint fit = (guint) floor (h / (text_h * 1.15));
      m.n_shown = fit > 1 ? fit - 1 : 0;
      m.row_h = m.n_shown > 0 ? (h - text_h * 1.15) / m.n_shown : 0;
    }
  for (guint i = 0; i < m.n_shown; i++)
    {
      HBar *b = &g_array_index (bars, HBar, i);
      double tw, th;
      if (labels)
        {
          _pathways_chart_measure (self, b->label, m.factor, FALSE, &tw, &th);
          m.label_w = MAX (m.label_w, tw);
        }
      _pathways_chart_measure (self, b->value_text, m.factor, FALSE, &tw, &th);
      m.value_w = MAX (m.value_w, tw);
    }
  if (labels)
    m.label_w = MIN (ceil (m.label_w) + 1, w * 0.38);
  m.value_w = MIN (ceil (m.value_w) + 1, w * 0.3);
  return m;
}

/* Draws the rows in R; LABEL_W = 0 draws no category labels (a panel to the right of
 * another). SCALE_MAX is the value of a full-length bar. */
void
_pathways_chart_hbars_draw (PathwaysChartLayout       *self,
                            const PathwaysReportTable *table,
                            Rect                       r,
                            GArray                    *bars,
                            const HBarMetrics         *m,
                            double                     scale_max)
{
  double pad = self->font_size * 0.4;
  double x0 = r.x + (m->label_w > 0 ? m->label_w + pad * 1.5 : 0);
  double bar_room = r.x + r.w - x0 - m->value_w - pad;
  double text_h = _pathways_chart_line_height (self, m->factor);
  double small_h = _pathways_chart_line_height (self, m->factor * 0.85);
  double y = r.y;

  if (bars->len == 0)
    {
      _pathways_chart_empty_message (self, r, _("No records to show"));
      return;
    }
  if (bar_room < 2 || m->n_shown == 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row not shown: see the table",
                                                            "%u rows not shown: see the table", bars->len),
                                               bars->len);
      _pathways_chart_empty_message (self, r, more);
      return;
    }
  if (scale_max <= 0)
    scale_max = 1;

  _pathways_chart_add_line (self, x0, r.y, x0, r.y + m->n_shown * m->row_h,
                            PATHWAYS_CHART_INK_GRID, 0);
  for (guint i = 0; i < m->n_shown; i++)
    {
      HBar *b = &g_array_index (bars, HBar, i);
      double band_h = m->between ? m->row_h - small_h * 1.1 : m->row_h;
      double bar_h = MAX (1.0, MIN (band_h * 0.72, text_h * 1.5));
      double by = y + (band_h - bar_h) / 2;
      double len = b->suppressed ? 0 : bar_room * CLAMP (b->value / scale_max, 0, 1);
      double tw, th;
      int mark;

      _pathways_chart_measure (self, b->value_text, m->factor, FALSE, &tw, &th);

      mark = _pathways_chart_add_mark (self, table, b->row_id, b->label,
                                       g_steal_pointer (&b->tooltip), b->value, b->suppressed,
                                       r.x, y, r.w, m->row_h);
      if (m->label_w > 0)
        {
          int lines = band_h >= text_h * 2.2 ? 2 : 1;
          PathwaysChartItem *t = _pathways_chart_add_text (self, b->label, r.x + m->label_w, y,
                                                           ALIGN_RIGHT, m->factor, FALSE,
                                                           PATHWAYS_CHART_INK_TEXT, m->label_w, lines, mark);
          t->y = y + (band_h - t->height) / 2;
        }
      if (!b->suppressed && len > 0)
        _pathways_chart_add_rect (self, x0, by, len, bar_h, b->ink,
                                  PATHWAYS_CHART_ITEM_DATA | (b->hatch ? PATHWAYS_CHART_ITEM_HATCH : 0),
                                  mark);
      if (b->inside_ok && !b->suppressed && len >= tw + 2 * pad && bar_h >= th)
        _pathways_chart_add_text (self, b->value_text, x0 + len - pad, by + (bar_h - th) / 2,
                                  ALIGN_RIGHT, m->factor, FALSE, PATHWAYS_CHART_INK_ON_BAR, -1, 1, mark);
      else
        _pathways_chart_add_text (self, b->value_text, x0 + len + pad, by + (bar_h - th) / 2,
                                  ALIGN_LEFT, m->factor, FALSE,
                                  b->suppressed ? PATHWAYS_CHART_INK_MUTED : PATHWAYS_CHART_INK_TEXT,
                                  r.x + r.w - (x0 + len + pad), 1, mark);
      if (m->between && b->between != NULL && i + 1 < m->n_shown)
        _pathways_chart_add_text (self, b->between, x0 + pad, y + band_h + small_h * 0.05,
                                  ALIGN_LEFT, m->factor * 0.85, FALSE, PATHWAYS_CHART_INK_MUTED,
                                  r.x + r.w - x0 - pad, 1, -1);
      y += m->row_h;
    }
  if (m->n_shown < bars->len)
    {
      guint rest = bars->len - m->n_shown;
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more: see the table",
                                                            "and %u more: see the table", rest), rest);
      _pathways_chart_add_text (self, more, x0, y + text_h * 0.1, ALIGN_LEFT, m->factor, FALSE,
                                PATHWAYS_CHART_INK_MUTED, r.x + r.w - x0, 1, -1);
    }
}

/* ---------------------------------------------------------------- lines around texts */

typedef struct {
  double start, end;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Reference lines never strike through a text (see the header). */
void
_pathways_chart_cut_lines (PathwaysChartLayout *self,
                           guint                first_item,
                           guint                first_line,
                           guint                last_line)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (PathwaysChartItem));
  double gap = MAX (1.0, self->font_size * 0.15);

  for (guint l = first_line; l < last_line; l++)
    {
      PathwaysChartItem line = g_array_index (self->items, PathwaysChartItem, l);
      double x = line.x, y0 = MIN (line.y, line.y + line.height), y1 = MAX (line.y, line.y + line.height);
      double half = line.line_width / 2 + gap;
      g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (Span));

      /* the spans of every text the line would cross, in any order */
      for (guint i = first_item; i < self->items->len; i++)
        {
          const PathwaysChartItem *t = &g_array_index (self->items, PathwaysChartItem, i);
          Span c = { t->y - gap, t->y + t->height + gap };
          if (t->kind != PATHWAYS_CHART_ITEM_TEXT || x + half <= t->x || x - half >= t->x + t->width
              || c.end <= y0 || c.start >= y1)
            continue;
          g_array_append_val (cuts, c);
        }
      /* what lies outside every span, from the top down (spans sorted, then merged) */
      g_array_sort (cuts, compare_spans);
      for (guint k = 0; k < cuts->len; k++)
        {
          const Span *c = &g_array_index (cuts, Span, k);
          if (c->start > y0 + 0.5)
            {
              PathwaysChartItem piece = line;
              piece.y = y0;
              piece.height = MIN (c->start, y1) - y0;
              g_array_append_val (pieces, piece);
            }
          y0 = MAX (y0, c->end);
        }
      if (y1 > y0 + 0.5)
        {
          PathwaysChartItem piece = line;
          piece.y = y0;
          piece.height = y1 - y0;
          g_array_append_val (pieces, piece);
        }
    }
  /* the pieces take the lines' places: lines first, so texts stay on top */
  g_array_remove_range (self->items, first_line, last_line - first_line);
  g_array_insert_vals (self->items, first_line, pieces->data, pieces->len);
}
