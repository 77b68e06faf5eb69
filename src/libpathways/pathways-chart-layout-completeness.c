/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-completeness.c: the share of missing values per field, as
 * bars on a 0-100 % scale.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"
#include "pathways-field.h"

typedef struct {
  const PathwaysReportRow *row;
  double pct;
  guint order;
} PctSort;

static int
compare_pct (gconstpointer a,
             gconstpointer b)
{
  const PctSort *x = a, *y = b;

  if (x->pct != y->pct)
    return x->pct > y->pct ? -1 : 1;
  return (int) x->order - (int) y->order;
}

static const char *
field_label (const char *name)
{
  PathwaysField field;

  if (pathways_field_from_name (PATHWAYS_TABLE_CASES, name, &field)
      || pathways_field_from_name (PATHWAYS_TABLE_SERVICES, name, &field))
    return pathways_field_get_label (field);
  return name;
}

/* Missing values per field, the most incomplete first; fields with none are counted in
 * the footer. */
void
_pathways_chart_layout_completeness (PathwaysChartLayout       *self,
                                     const PathwaysReportTable *table)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (PctSort));
  g_autofree char *footer = NULL;
  guint complete = 0;
  HBarMetrics m;
  Rect r;

  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *pct = _pathways_chart_cell_at (table, row, "pct");
      PctSort s = { row, _pathways_chart_cell_shown (pct) ? pct->value : 0, i };
      if (_pathways_chart_cell_shown (pct) && pct->value <= 0)
        complete++;
      else
        g_array_append_val (sorted, s);
    }
  g_array_sort (sorted, compare_pct);
  {
    g_autofree char *base = _pathways_chart_footer_text (self, table, TRUE);
    if (complete > 0)
      {
        g_autofree char *done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field has no missing values",
                                                              "%u fields have no missing values", complete),
                                                 complete);
        footer = *base ? g_strdup_printf ("%s · %s", done, base) : g_steal_pointer (&done);
      }
    else
      footer = g_steal_pointer (&base);
  }
  r = _pathways_chart_frame_table (self, table, footer);
  for (guint i = 0; i < sorted->len; i++)
    {
      PctSort *s = &g_array_index (sorted, PctSort, i);
      const PathwaysCell *pct = _pathways_chart_cell_at (table, s->row, "pct");
      const PathwaysCell *missing = _pathways_chart_cell_at (table, s->row, "missing");
      HBar b = { 0 };
      g_autofree char *p = _pathways_chart_cell_shown (pct) ? _pathways_chart_format_percent (pct->value)
                                                            : _pathways_chart_cell_text (self, pct);
      g_autofree char *c = _pathways_chart_cell_text (self, missing);

      b.row_id = s->row->id;
      b.label = field_label (_pathways_chart_row_label (table, s->row));
      b.suppressed = !_pathways_chart_cell_shown (pct);
      b.value = b.suppressed ? 0 : pct->value;
      /* one mark for a hidden figure: "<5" (or "*") alone, never "* (<5)" */
      if (b.suppressed)
        b.value_text = g_strdup (_pathways_chart_cell_hidden (missing) ? c : p);
      else
        b.value_text = g_strdup_printf ("%s (%s)", p, c);
      /* Translators: tooltip of a completeness bar: "Assessment date: 36 % (2,295) missing" */
      b.tooltip = g_strdup_printf (_("%s: %s missing"), b.label, b.value_text);
      b.ink = PATHWAYS_CHART_INK_SERIES;
      g_array_append_val (bars, b);
    }
  m = _pathways_chart_hbars_metrics (self, bars, r.w, r.h, TRUE);
  if (bars->len == 0)
    _pathways_chart_empty_message (self, r, _("No values are missing"));
  else
    _pathways_chart_hbars_draw (self, table, r, bars, &m, 100);
  _pathways_chart_hbars_clear (bars);
}
