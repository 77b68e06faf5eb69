/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-funnel.c: the funnel, one bar per stage with the drop between
 * stages, and the step with the largest drop as its finding.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"

/* ---------------------------------------------------------------- finding title */

/* The step with the largest drop; none when a count is hidden or two tie. */
char *
_pathways_chart_funnel_finding (const PathwaysReportTable *table)
{
  const PathwaysReportRow *best = NULL;
  double best_drop = 0;
  gboolean tie = FALSE;

  for (guint i = 1; i < table->rows->len; i++)
    {
      const PathwaysReportRow *prev = g_ptr_array_index (table->rows, i - 1);
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *a = _pathways_chart_cell_at (table, prev, "count");
      const PathwaysCell *b = _pathways_chart_cell_at (table, row, "count");
      double drop;
      if (!_pathways_chart_cell_shown (a) || !_pathways_chart_cell_shown (b))
        return NULL;
      drop = a->value - b->value;
      if (drop > best_drop)
        {
          best_drop = drop;
          best = row;
          tie = FALSE;
        }
      else if (best != NULL && drop == best_drop)
        tie = TRUE;
    }
  if (best == NULL || tie)
    return NULL;
  /* Translators: a funnel's title: "The largest drop is before “Assessed”" */
  return g_strdup_printf (_("The largest drop is before “%s”"), _pathways_chart_row_label (table, best));
}

/* ---------------------------------------------------------------- bars */

/* Fills BARS with the stages of a funnel table, the drop to the next stage under each
 * (also the panels of funnel small multiples). */
void
_pathways_chart_funnel_bars (PathwaysChartLayout       *self,
                             const PathwaysReportTable *table,
                             GArray                    *bars)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *count = _pathways_chart_cell_at (table, row, "count");
      const PathwaysCell *first = _pathways_chart_cell_at (table, row, "pct_of_first");
      HBar b = { 0 };

      b.row_id = row->id;
      b.label = _pathways_chart_row_label (table, row);
      b.suppressed = !_pathways_chart_cell_shown (count);
      b.value = b.suppressed ? 0 : count->value;
      b.value_text = _pathways_chart_count_pct_text (self, count, first);
      b.ink = PATHWAYS_CHART_INK_SERIES;
      b.inside_ok = TRUE;
      if (i + 1 < table->rows->len)
        {
          const PathwaysReportRow *next = g_ptr_array_index (table->rows, i + 1);
          const PathwaysCell *drop = _pathways_chart_cell_at (table, next, "drop");
          const PathwaysCell *prev = _pathways_chart_cell_at (table, next, "pct_of_previous");
          if (_pathways_chart_cell_shown (drop) && drop->value == 0)
            /* not "−0 (0 % of previous step)" */
            b.between = g_strdup (_("no drop"));
          else if (_pathways_chart_cell_shown (drop) && _pathways_chart_cell_shown (prev))
            {
              g_autofree char *d = pathways_chart_format_number (drop->value, 0);
              g_autofree char *p = _pathways_chart_format_percent (100.0 - prev->value);
              /* Translators: the drop between two funnel stages */
              b.between = g_strdup_printf (_("−%s (%s of previous step)"), d, p);
            }
          else if (drop != NULL)
            b.between = g_strdup_printf (_("−%s"), "*");
        }
      {
        const PathwaysCell *prev = _pathways_chart_cell_at (table, row, "pct_of_previous");
        g_autofree char *pp = _pathways_chart_cell_shown (prev) ? _pathways_chart_format_percent (prev->value)
                                                                : g_strdup ("*");
        g_autofree char *base = _pathways_chart_tooltip_for (self, table, b.label, b.value_text);
        /* a hidden stage reads "<5" alone, not with the "*" derived from it */
        b.tooltip = i == 0 || b.suppressed ? g_steal_pointer (&base)
                                           : g_strdup_printf (_("%s; %s of previous step"), base, pp);
      }
      g_array_append_val (bars, b);
    }
}

void
_pathways_chart_layout_funnel (PathwaysChartLayout       *self,
                               const PathwaysReportTable *table)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
  g_autofree char *footer = _pathways_chart_footer_text (self, table, TRUE);
  Rect r = _pathways_chart_frame_table (self, table, footer);
  HBarMetrics m;

  _pathways_chart_funnel_bars (self, table, bars);
  m = _pathways_chart_hbars_metrics (self, bars, r.w, r.h, TRUE);
  _pathways_chart_hbars_draw (self, table, r, bars, &m, _pathways_chart_hbars_max (bars));
  _pathways_chart_hbars_clear (bars);
}
