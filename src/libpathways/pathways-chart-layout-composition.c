/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-composition.c: the parts of a whole (returners, classes of a
 * multi-category field) as one stacked bar, a legend, and count bars.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"

/* A stacked bar of shares with a legend, and the same groups as count bars below when
 * there is room. */
void
_pathways_chart_layout_composition (PathwaysChartLayout       *self,
                                    const PathwaysReportTable *table)
{
  static const PathwaysChartInk seq[] = {
    PATHWAYS_CHART_INK_SERIES, PATHWAYS_CHART_INK_OTHER, PATHWAYS_CHART_INK_PLANNED,
    PATHWAYS_CHART_INK_SERIES2, PATHWAYS_CHART_INK_UNPLANNED, PATHWAYS_CHART_INK_REFERENCE,
    PATHWAYS_CHART_INK_YELLOW,
  };
  g_autofree char *footer = _pathways_chart_footer_text (self, table, TRUE);
  Rect r = _pathways_chart_frame_table (self, table, footer);
  guint n = table->rows->len, k = 0;
  g_autofree LegendEntry *entries = g_new0 (LegendEntry, MAX (1, n));
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  double bar_h, x = r.x, y, lh;

  if (n == 0)
    {
      _pathways_chart_empty_message (self, r, _("No records to show"));
      g_ptr_array_unref (texts);
      return;
    }
  bar_h = MIN (r.h * 0.35, self->font_size * 4);
  y = r.y + self->font_size * 0.5;
  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *count = _pathways_chart_cell_at (table, row, "count");
      const PathwaysCell *pct = _pathways_chart_cell_at (table, row, "pct");
      const char *label = _pathways_chart_row_label (table, row);
      gboolean hidden = !_pathways_chart_cell_shown (pct) || !_pathways_chart_cell_shown (count);
      gboolean nr = g_strcmp0 (row->id, "not_recorded") == 0;
      PathwaysChartInk ink = nr ? PATHWAYS_CHART_INK_NOT_RECORDED : seq[(k++) % G_N_ELEMENTS (seq)];
      double w = hidden ? 0 : MIN (r.w * CLAMP (pct->value / 100.0, 0, 1), r.x + r.w - x);
      g_autofree char *vt = _pathways_chart_count_pct_text (self, count, pct);
      char *entry = g_strdup_printf ("%s: %s", label, vt);
      int mark = _pathways_chart_add_mark (self, table, row->id, label,
                                           _pathways_chart_tooltip_for (self, table, label, vt),
                                           hidden ? NAN : pct->value, hidden, x, y, w, bar_h);

      g_ptr_array_add (texts, entry);
      entries[i] = (LegendEntry) { entry, ink, nr };
      if (w > 0)
        {
          g_autofree char *p = _pathways_chart_format_percent (pct->value);
          double tw, th;
          _pathways_chart_add_rect (self, x, y, w, bar_h, ink,
                                    PATHWAYS_CHART_ITEM_DATA | (nr ? PATHWAYS_CHART_ITEM_HATCH : 0), mark);
          _pathways_chart_measure (self, p, 0.9, FALSE, &tw, &th);
          if (tw + self->font_size * 0.6 <= w && th <= bar_h)
            _pathways_chart_add_text (self, p, x + w / 2, y + (bar_h - th) / 2, ALIGN_CENTER, 0.9, TRUE,
                                      ink == PATHWAYS_CHART_INK_SERIES ? PATHWAYS_CHART_INK_ON_BAR
                                                                       : PATHWAYS_CHART_INK_BACKGROUND,
                                      -1, 1, mark);
        }
      x += w;
    }
  lh = _pathways_chart_legend (self, r.x, y + bar_h + self->font_size, r.w, entries, n);
  {
    /* Below the stack, the same groups as plain count bars, when there is room. */
    Rect rest = { r.x, y + bar_h + self->font_size + lh + self->font_size,
                  r.w, 0 };
    rest.h = r.y + r.h - rest.y;
    if (rest.h >= n * _pathways_chart_line_height (self, 1.0) * 1.4)
      {
        g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
        HBarMetrics m;
        guint kk = 0;
        for (guint i = 0; i < n; i++)
          {
            const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
            const PathwaysCell *count = _pathways_chart_cell_at (table, row, "count");
            gboolean nr = g_strcmp0 (row->id, "not_recorded") == 0;
            HBar b = { 0 };
            b.row_id = row->id;
            b.label = _pathways_chart_row_label (table, row);
            b.suppressed = !_pathways_chart_cell_shown (count);
            b.value = b.suppressed ? 0 : count->value;
            b.value_text = _pathways_chart_cell_text (self, count);
            b.tooltip = _pathways_chart_tooltip_for (self, table, b.label, b.value_text);
            b.ink = nr ? PATHWAYS_CHART_INK_NOT_RECORDED : seq[(kk++) % G_N_ELEMENTS (seq)];
            b.hatch = nr;
            g_array_append_val (bars, b);
          }
        m = _pathways_chart_hbars_metrics (self, bars, rest.w,
                                           MIN (rest.h, n * _pathways_chart_line_height (self, 1.0) * 2.2),
                                           TRUE);
        _pathways_chart_hbars_draw (self, table, rest, bars, &m, _pathways_chart_hbars_max (bars));
        _pathways_chart_hbars_clear (bars);
      }
  }
  g_ptr_array_unref (texts);
}
