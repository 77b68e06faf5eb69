/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-summary"

#include "config.h"

#include <math.h>

#include "pathways-disclosure.h"
#include "pathways-summary-profile.h"

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
  int c = t != NULL && row != NULL ? pathways_report_table_find_column (t, col) : -1;

  json_builder_set_member_name (b, name);
  add_cell (b, c >= 0 ? &row->cells[c] : NULL, k);
}

static gboolean
add_withheld (JsonBuilder         *b,
              PathwaysReportTable *t)
{
  if (!t->withheld)
    return FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "withheld");
  json_builder_add_string_value (b, pathways_disclosure_withheld_text ());
  json_builder_end_object (b);
  return TRUE;
}

/* The recorded cases as a reader can work them out: the base less Not recorded, "*"
 * when either is hidden. */
static void
add_recorded (JsonBuilder         *b,
              PathwaysReportTable *t)
{
  PathwaysReportRow *nr = pathways_report_table_find_row (t, PATHWAYS_NOT_RECORDED);
  int c = pathways_report_table_find_column (t, "count");
  const PathwaysCell *nr_count = nr != NULL && c >= 0 ? &nr->cells[c] : NULL;

  json_builder_set_member_name (b, "recorded");
  if (t->base.suppression != PATHWAYS_SUPPRESSION_NONE ||
      (nr_count != NULL && nr_count->suppression != PATHWAYS_SUPPRESSION_NONE))
    json_builder_add_string_value (b, "*");
  else if (!t->base.defined || isnan (t->base.value))
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, (gint64) (t->base.value - (nr_count != NULL ? nr_count->value : 0)));
}

static void
add_field (JsonBuilder         *b,
           PathwaysReportTable *t,
           guint                k)
{
  if (add_withheld (b, t))
    return;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "field");
  json_builder_add_string_value (b, t->key);
  json_builder_set_member_name (b, "base");
  add_cell (b, &t->base, k);
  add_recorded (b, t);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      json_builder_begin_object (b);
      member (b, "value", t, row, "value", k);
      member (b, "count", t, row, "count", k);
      member (b, "pct", t, row, "pct", k);
      member (b, "pct_recorded", t, row, "pct_recorded", k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static gboolean
report_has_profile (PathwaysReport *report)
{
  for (guint i = 0; i < report->tables->len; i++)
    if (g_str_equal (((PathwaysReportTable *) g_ptr_array_index (report->tables, i))->id, "profile"))
      return TRUE;
  return FALSE;
}

void
_pathways_summary_add_profile (JsonBuilder    *b,
                               PathwaysReport *report,
                               guint           k)
{
  if (pathways_report_get_table (report, "profile", NULL) == NULL &&
      !report_has_profile (report))
    return;
  json_builder_set_member_name (b, "profile");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (g_str_equal (t->id, "profile"))
        add_field (b, t, k);
    }
  json_builder_end_array (b);
}

static void
add_sessions (JsonBuilder    *b,
              PathwaysReport *report,
              guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "appointments_sessions", NULL);
  PathwaysReportTable *s = pathways_report_get_table (report, "appointments_summary", NULL);
  PathwaysReportRow *median = s != NULL ? pathways_report_table_find_row (s, "median_sessions") : NULL;
  PathwaysReportRow *mean = s != NULL ? pathways_report_table_find_row (s, "mean_sessions") : NULL;

  json_builder_set_member_name (b, "sessions_per_closed_case");
  if (t == NULL || add_withheld (b, t))
    return;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "closed_cases");
  add_cell (b, &t->base, k);
  member (b, "median", s, median, "value", k);
  member (b, "mean", s, mean, "value", k);
  json_builder_set_member_name (b, "bands");
  json_builder_begin_array (b);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      json_builder_begin_object (b);
      member (b, "band", t, row, "band", k);
      member (b, "count", t, row, "count", k);
      member (b, "pct", t, row, "pct", k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

void
_pathways_summary_add_appointments (JsonBuilder    *b,
                                    PathwaysReport *report,
                                    guint           k)
{
  PathwaysReportTable *s = pathways_report_get_table (report, "appointments_summary", NULL);
  PathwaysReportTable *dna = pathways_report_get_table (report, "appointments_dna", NULL);
  PathwaysReportRow *row;

  if (s == NULL)
    return;
  json_builder_set_member_name (b, "appointments");
  json_builder_begin_object (b);
  add_sessions (b, report, k);
  json_builder_set_member_name (b, "contacts");
  json_builder_begin_object (b);
  row = pathways_report_table_find_row (s, "cases");
  member (b, "cases", s, row, "value", k);
  row = pathways_report_table_find_row (s, "cases_with_contact");
  member (b, "cases_with_contact", s, row, "value", k);
  row = pathways_report_table_find_row (s, "contacts");
  member (b, "contacts", s, row, "value", k);
  row = pathways_report_table_find_row (s, "contacts_per_case");
  member (b, "per_case", s, row, "value", k);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "dna_rate");
  if (dna == NULL || !add_withheld (b, dna))
    {
      json_builder_begin_array (b);
      for (guint r = 0; dna != NULL && r < dna->rows->len; r++)
        {
          row = g_ptr_array_index (dna->rows, r);
          json_builder_begin_object (b);
          member (b, "service_type", dna, row, "service_type", k);
          member (b, "booked", dna, row, "booked", k);
          member (b, "did_not_attend", dna, row, "did_not_attend", k);
          member (b, "pct", dna, row, "pct", k);
          member (b, "cancelled_by_client", dna, row, "cancelled_by_client", k);
          member (b, "cancelled_by_service", dna, row, "cancelled_by_service", k);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}
