/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-summary"

#include "config.h"

#include <math.h>

#include "pathways-disclosure.h"
#include "pathways-summary-outcomes.h"

/* a cell as the reader sees it: protected values as their text */
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
  else if (cell->kind == PATHWAYS_CELL_COUNT)
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
add_distribution (JsonBuilder         *b,
                  const char          *name,
                  PathwaysReportTable *dist,
                  const char          *col,
                  guint                k)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint r = 0; dist != NULL && !dist->withheld && r < dist->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (dist->rows, r);

      json_builder_begin_object (b);
      member (b, "value", dist, row, "value", k);
      member (b, "count", dist, row, col, k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_measure (JsonBuilder         *b,
             PathwaysReport      *report,
             PathwaysReportTable *t,
             PathwaysReportRow   *row,
             guint                k)
{
  static const char * const clinical[] = {
    "caseness_start", "reliable_improvement", "recovery", "reliable_recovery",
  };
  PathwaysReportTable *dist = pathways_report_get_table (report, "outcome_distribution", row->id);

  json_builder_begin_object (b);
  member (b, "instrument", t, row, "instrument", k);
  member (b, "item", t, row, "item", k);
  member (b, "paired_n", t, row, "paired_n", k);
  member (b, "closed", t, row, "closed", k);
  json_builder_set_member_name (b, "completion");
  json_builder_begin_object (b);
  member (b, "all", t, row, "completion", k);
  member (b, "planned", t, row, "completion_planned", k);
  member (b, "unplanned", t, row, "completion_unplanned", k);
  member (b, "other", t, row, "completion_other", k);
  json_builder_end_object (b);
  member (b, "mean_start", t, row, "mean_start", k);
  member (b, "mean_end", t, row, "mean_end", k);
  member (b, "mean_change", t, row, "mean_change", k);
  json_builder_set_member_name (b, "change_ci");
  json_builder_begin_array (b);
  add_cell (b, &row->cells[pathways_report_table_find_column (t, "change_ci_low")], k);
  add_cell (b, &row->cells[pathways_report_table_find_column (t, "change_ci_high")], k);
  json_builder_end_array (b);
  member (b, "improved", t, row, "improved", k);
  member (b, "same", t, row, "same", k);
  member (b, "worse", t, row, "worse", k);
  for (guint i = 0; i < G_N_ELEMENTS (clinical); i++)
    member (b, clinical[i], t, row, clinical[i], k);
  add_distribution (b, "start_distribution", dist, "start", k);
  add_distribution (b, "end_distribution", dist, "end", k);
  json_builder_end_object (b);
}

void
_pathways_summary_add_outcomes (JsonBuilder    *b,
                                PathwaysReport *report,
                                guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "outcomes", NULL);

  if (t == NULL)
    return;
  json_builder_set_member_name (b, "outcomes");
  if (t->withheld)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "withheld");
      json_builder_add_string_value (b, pathways_disclosure_withheld_text ());
      json_builder_end_object (b);
      return;
    }
  json_builder_begin_array (b);
  for (guint r = 0; r < t->rows->len; r++)
    add_measure (b, report, t, g_ptr_array_index (t->rows, r), k);
  json_builder_end_array (b);
}
