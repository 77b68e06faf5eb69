/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-summary"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-summary-activity.h"

/* As pathways-summary.c writes a cell: a protected cell is the text a reader sees */
static void
add_cell (JsonBuilder        *b,
          const PathwaysCell *cell,
          guint               k)
{
  if (cell == NULL)
    json_builder_add_null_value (b);
  else if (cell->kind == PATHWAYS_CELL_LABEL)
    {
      if (cell->text != NULL)
        json_builder_add_string_value (b, cell->text);
      else
        json_builder_add_null_value (b);
    }
  else if (cell->suppression != PATHWAYS_SUPPRESSION_NONE)
    {
      g_autofree char *text = pathways_cell_format (cell, k);
      json_builder_add_string_value (b, text);
    }
  else if (!cell->defined || isnan (cell->value))
    json_builder_add_null_value (b);
  else if (cell->kind == PATHWAYS_CELL_COUNT || cell->kind == PATHWAYS_CELL_SETTING)
    json_builder_add_int_value (b, (gint64) cell->value);
  else
    json_builder_add_double_value (b, cell->value);
}

static void
member (JsonBuilder         *b,
        const char          *name,
        PathwaysReportTable *t,
        PathwaysReportRow   *row,
        const char          *col,
        guint                k)
{
  int c = pathways_report_table_find_column (t, col);

  json_builder_set_member_name (b, name);
  add_cell (b, c >= 0 ? &row->cells[c] : NULL, k);
}

static void
add_waiting_list (JsonBuilder    *b,
                  PathwaysReport *report,
                  const char     *period,
                  guint           k)
{
  json_builder_set_member_name (b, "waiting_list");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      PathwaysReportRow *row;

      if (!g_str_equal (t->id, "activity_waiting_list") ||
          (row = pathways_report_table_find_row (t, period)) == NULL)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "service_type");
      json_builder_add_string_value (b, t->key);
      member (b, "count", t, row, "n", k);
      member (b, "median_wait_so_far", t, row, "median", k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static PathwaysReportTable *
find_table (PathwaysReport *report,
            const char     *id)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      if (g_str_equal (t->id, id))
        return t;
    }
  return NULL;
}

static void
add_activity (JsonBuilder    *b,
              PathwaysReport *report,
              guint           k)
{
  static const char * const closures[] = {
    "planned", "closures_planned", "unplanned", "closures_unplanned",
    "other", "closures_other", "not_recorded", "closures_not_recorded", NULL
  };
  PathwaysReportTable *t = find_table (report, "activity");
  gboolean has_closures;

  if (t == NULL)
    return;
  has_closures = pathways_report_table_find_column (t, "closures_planned") >= 0;
  json_builder_set_member_name (b, "activity");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, t->key);
  json_builder_set_member_name (b, "periods");
  json_builder_begin_array (b);
  /* the table is newest first, the JSON oldest first */
  for (guint r = t->rows->len; r-- > 0; )
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "period");
      json_builder_add_string_value (b, row->id);
      member (b, "from", t, row, "from", k);
      member (b, "to", t, row, "to", k);
      member (b, "referrals", t, row, "referrals", k);
      if (pathways_report_table_find_column (t, "new") >= 0)
        {
          member (b, "new", t, row, "new", k);
          member (b, "returning", t, row, "returning", k);
        }
      if (has_closures)
        {
          json_builder_set_member_name (b, "closures");
          json_builder_begin_object (b);
          for (guint i = 0; closures[i] != NULL; i += 2)
            member (b, closures[i], t, row, closures[i + 1], k);
          json_builder_end_object (b);
        }
      member (b, "caseload", t, row, "caseload", k);
      add_waiting_list (b, report, row->id, k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_target_set (JsonBuilder         *b,
                PathwaysReportTable *t,
                PathwaysReportRow   *row,
                const char          *prefix,
                guint                k)
{
  static const char * const keys[] = { "period", "numerator", "base", "pct", "ci_low", "ci_high" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *col = g_strconcat (prefix, keys[i], NULL);
      member (b, keys[i], t, row, col, k);
    }
}

static void
add_targets (JsonBuilder    *b,
             PathwaysReport *report,
             guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "targets", NULL);

  if (t == NULL)
    return;
  json_builder_set_member_name (b, "targets");
  json_builder_begin_array (b);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      static const char * const sets[] = { "previous", "year_before" };

      json_builder_begin_object (b);
      member (b, "measure", t, row, "measure", k);
      member (b, "within", t, row, "within", k);
      member (b, "unit", t, row, "unit", k);
      member (b, "label", t, row, "label", k);
      add_target_set (b, t, row, "", k);
      for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
        {
          g_autofree char *prefix = g_strconcat (sets[s], "_", NULL);
          g_autofree char *base_col = g_strconcat (prefix, "base", NULL);
          int c = pathways_report_table_find_column (t, base_col);

          json_builder_set_member_name (b, sets[s]);
          if (c < 0 || !row->cells[c].defined)
            {
              json_builder_add_null_value (b);
              continue;
            }
          json_builder_begin_object (b);
          add_target_set (b, t, row, prefix, k);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_rows (JsonBuilder         *b,
          PathwaysReportTable *t,
          const char * const  *keys,
          guint                k)
{
  json_builder_begin_array (b);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      json_builder_begin_object (b);
      for (guint i = 0; keys[i] != NULL; i++)
        member (b, keys[i], t, row, keys[i], k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_funnel_groups (JsonBuilder    *b,
                   PathwaysReport *report,
                   guint           k)
{
  static const char * const stage_keys[] = { "label", "count", "pct_of_first", "pct_of_previous", "drop", NULL };

  json_builder_set_member_name (b, "funnel");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (!g_str_equal (t->id, "funnel_split"))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, t->key);
      json_builder_set_member_name (b, "stages");
      json_builder_begin_array (b);
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, row->id);
          for (guint s = 0; stage_keys[s] != NULL; s++)
            member (b, stage_keys[s], t, row, stage_keys[s], k);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_breakdowns (JsonBuilder    *b,
                PathwaysReport *report,
                guint           k)
{
  static const char * const rate_keys[] = { "group", "closed", "planned", "rate", "ci_low", "ci_high", NULL };
  PathwaysReportTable *rates = find_table (report, "breakdown_rates");

  if (rates == NULL)
    return;
  json_builder_set_member_name (b, "breakdowns");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "by");
  json_builder_add_string_value (b, rates->key);
  add_funnel_groups (b, report, k);
  json_builder_set_member_name (b, "planned_closure_rates");
  add_rows (b, rates, rate_keys, k);
  json_builder_end_object (b);
}

static void
add_crosstabs (JsonBuilder    *b,
               PathwaysReport *report,
               guint           k)
{
  static const char * const cell_keys[] = { "row", "column", "count", "row_pct", "column_pct", NULL };
  gboolean any = FALSE;

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      g_auto(GStrv) fields = NULL;

      if (!g_str_equal (t->id, "crosstab"))
        continue;
      if (!any)
        {
          any = TRUE;
          json_builder_set_member_name (b, "crosstabs");
          json_builder_begin_array (b);
        }
      fields = g_strsplit (t->key, "×", 2);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rows");
      json_builder_add_string_value (b, fields[0]);
      json_builder_set_member_name (b, "columns");
      json_builder_add_string_value (b, fields[1] != NULL ? fields[1] : "");
      json_builder_set_member_name (b, "base");
      add_cell (b, &t->base, k);
      json_builder_set_member_name (b, "cells");
      add_rows (b, t, cell_keys, k);
      json_builder_end_object (b);
    }
  if (any)
    json_builder_end_array (b);
}

void
_pathways_summary_add_activity (JsonBuilder    *b,
                                PathwaysReport *report,
                                guint           k)
{
  g_return_if_fail (b != NULL);
  g_return_if_fail (report != NULL);

  add_activity (b, report, k);
  add_targets (b, report, k);
  add_breakdowns (b, report, k);
  add_crosstabs (b, report, k);
}
