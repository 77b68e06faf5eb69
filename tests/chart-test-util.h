/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the chart tests: the sample report, and tables made by hand. */
#pragma once

#include <math.h>
#include <string.h>

#include "pathways.h"

G_GNUC_UNUSED static PathwaysReport *
chart_test_sample_report (gboolean protect)
{
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  PathwaysImportOptions options = { 0 };
  PathwaysReportOptions report_options;
  PathwaysReport *report;

  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  g_assert_no_error (error);
  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  dataset = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* its outcomes, for the outcome charts */
  g_assert_true (pathways_sample_load_extras (dataset, &error));
  pathways_report_options_init (&report_options);
  report = pathways_report_new (dataset, filter, &report_options);
  if (protect)
    pathways_disclosure_apply (report, 5, FALSE);
  return report;
}

/* A table by hand: columns "label" (LABEL), "class" (LABEL), "count" (COUNT),
 * "pct" (PERCENT); COUNTS < 0 mean a primary-suppressed count. */
G_GNUC_UNUSED static PathwaysReportTable *
chart_test_table (PathwaysChartKind  kind,
                  const char * const *labels,
                  const double       *counts,
                  guint               n,
                  double              base)
{
  PathwaysReportTable *t = g_new0 (PathwaysReportTable, 1);
  const char *ids[] = { "label", "class", "count", "pct" };
  PathwaysCellKind kinds[] = { PATHWAYS_CELL_LABEL, PATHWAYS_CELL_LABEL, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_PERCENT };

  t->id = g_strdup ("test");
  t->title = g_strdup ("Test chart");
  t->columns = g_ptr_array_new ();
  t->rows = g_ptr_array_new ();
  for (guint c = 0; c < 4; c++)
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
      row->id = g_strdup_printf ("row%u", i);
      row->cells = g_new0 (PathwaysCell, 4);
      for (guint c = 0; c < 4; c++)
        {
          row->cells[c].kind = kinds[c];
          row->cells[c].defined = TRUE;
        }
      row->cells[0].text = g_strdup (labels[i]);
      row->cells[1].text = g_strdup (i == 0 ? "planned" : "unplanned");
      if (counts[i] < 0)
        {
          row->cells[2].value = -counts[i];
          row->cells[2].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
          row->cells[3].value = 100.0 * -counts[i] / base;
          row->cells[3].suppression = PATHWAYS_SUPPRESSION_DERIVED;
        }
      else
        {
          row->cells[2].value = counts[i];
          row->cells[3].value = 100.0 * counts[i] / base;
        }
      g_ptr_array_add (t->rows, row);
    }
  t->base.kind = PATHWAYS_CELL_COUNT;
  t->base.defined = TRUE;
  t->base.value = base;
  t->base_label = g_strdup ("closed cases");
  t->chart.kind = kind;
  t->chart.title = g_strdup ("Test chart");
  t->chart.unit = g_strdup ("cases");
  t->chart.base_text = g_strdup_printf ("Base: %.0f closed cases", base);
  t->chart.filters = g_strdup ("");
  return t;
}

G_GNUC_UNUSED static void
chart_test_table_free (PathwaysReportTable *t)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i);
      for (guint c = 0; c < 4; c++)
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
  g_ptr_array_unref (t->rows);
  g_ptr_array_unref (t->columns);
  g_free (t->id);
  g_free (t->title);
  g_free (t->base_label);
  g_free (t->chart.title);
  g_free (t->chart.unit);
  g_free (t->chart.base_text);
  g_free (t->chart.filters);
  g_free (t);
}

/* Every item inside the canvas, and no two texts overlapping. */
G_GNUC_UNUSED static void
chart_test_assert_tidy (PathwaysChartLayout *layout,
                        double               width,
                        double               height,
                        const char          *what)
{
  guint n = pathways_chart_layout_get_n_items (layout);
  const double eps = 0.75;

  for (guint i = 0; i < n; i++)
    {
      const PathwaysChartItem *a = pathways_chart_layout_get_item (layout, i);
      double x0 = a->kind == PATHWAYS_CHART_ITEM_DOT ? a->x - a->width : MIN (a->x, a->x + a->width);
      double y0 = a->kind == PATHWAYS_CHART_ITEM_DOT ? a->y - a->width : MIN (a->y, a->y + a->height);
      double x1 = a->kind == PATHWAYS_CHART_ITEM_DOT ? a->x + a->width : MAX (a->x, a->x + a->width);
      double y1 = a->kind == PATHWAYS_CHART_ITEM_DOT ? a->y + a->width : MAX (a->y, a->y + a->height);

      if (x0 < -eps || y0 < -eps || x1 > width + eps || y1 > height + eps)
        g_error ("%s: item %u (%s) at %.1f,%.1f–%.1f,%.1f is outside %.0f×%.0f", what, i,
                 a->text != NULL ? a->text : "shape", x0, y0, x1, y1, width, height);
      if (a->kind != PATHWAYS_CHART_ITEM_TEXT)
        continue;
      for (guint j = i + 1; j < n; j++)
        {
          const PathwaysChartItem *b = pathways_chart_layout_get_item (layout, j);
          if (b->kind != PATHWAYS_CHART_ITEM_TEXT)
            continue;
          if (a->x + a->width - eps > b->x && b->x + b->width - eps > a->x
              && a->y + a->height - eps > b->y && b->y + b->height - eps > a->y)
            g_error ("%s: texts “%s” and “%s” overlap", what, a->text, b->text);
        }
    }
}

/* No bar, dot or segment for a suppressed value. */
G_GNUC_UNUSED static void
chart_test_assert_no_hidden_bars (PathwaysChartLayout *layout,
                                  const char          *what)
{
  for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      const PathwaysChartMark *mark;
      if (item->mark < 0 || !(item->flags & PATHWAYS_CHART_ITEM_DATA))
        continue;
      mark = pathways_chart_layout_get_mark (layout, item->mark);
      if (mark->suppressed)
        g_error ("%s: suppressed “%s” has a mark of size %.1f×%.1f", what, mark->label,
                 item->width, item->height);
    }
}
