/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-summary"

#include "config.h"

#include <math.h>
#include <string.h>
#include "pathways-i18n.h"

#include "pathways-summary.h"
#include "pathways-format.h"
#include "pathways-labels.h"
#include "pathways-disclosure.h"
#include "pathways-disclosure-policy.h"
#include "pathways-summary-activity.h"
#include "pathways-summary-outcomes.h"
#include "pathways-summary-profile.h"

/* ---- JSON ---- */

static void
add_cell_value (JsonBuilder        *b,
                const PathwaysCell *cell,
                guint               k,
                gboolean            as_int)
{
  if (cell == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  if (cell->kind == PATHWAYS_CELL_LABEL)
    {
      if (cell->text != NULL)
        json_builder_add_string_value (b, cell->text);
      else
        json_builder_add_null_value (b);
      return;
    }
  if (cell->suppression != PATHWAYS_SUPPRESSION_NONE)
    {
      g_autofree char *text = pathways_cell_format (cell, k);
      json_builder_add_string_value (b, text);
      return;
    }
  if (!cell->defined || isnan (cell->value))
    json_builder_add_null_value (b);
  else if (as_int || cell->kind == PATHWAYS_CELL_COUNT || cell->kind == PATHWAYS_CELL_SETTING)
    json_builder_add_int_value (b, (gint64) cell->value);
  else
    json_builder_add_double_value (b, cell->value);
}

static const PathwaysCell *
row_cell (PathwaysReportTable *t,
          PathwaysReportRow   *row,
          const char          *col)
{
  int c = pathways_report_table_find_column (t, col);
  return c >= 0 ? &row->cells[c] : NULL;
}

static void
member_cell (JsonBuilder         *b,
             const char          *name,
             PathwaysReportTable *t,
             PathwaysReportRow   *row,
             const char          *col,
             guint                k)
{
  json_builder_set_member_name (b, name);
  add_cell_value (b, row_cell (t, row, col), k, FALSE);
}

static void
member_base (JsonBuilder         *b,
             PathwaysReportTable *t,
             guint                k)
{
  json_builder_set_member_name (b, "base");
  add_cell_value (b, &t->base, k, FALSE);
}

static void
member_day (JsonBuilder *b,
            const char  *name,
            gint32       day)
{
  g_autofree char *iso = pathways_day_to_iso (day);

  json_builder_set_member_name (b, name);
  if (iso != NULL)
    json_builder_add_string_value (b, iso);
  else
    json_builder_add_null_value (b);
}

/* Rows of T as objects: each pair (json key, column id) */
/* A protected table whose true base is below 10 has no rows: {"withheld": "fewer
 * than 10 cases"} stands for them. */
static gboolean
add_withheld (JsonBuilder         *b,
              PathwaysReportTable *t)
{
  if (!t->withheld)
    return FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "withheld");
  json_builder_add_string_value (b, "fewer than 10 cases");
  json_builder_end_object (b);
  return TRUE;
}

static void
add_rows (JsonBuilder          *b,
          PathwaysReportTable  *t,
          const char * const   *keys,
          guint                 k)
{
  if (add_withheld (b, t))
    return;
  json_builder_begin_array (b);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      json_builder_begin_object (b);
      for (guint i = 0; keys[i] != NULL; i += 2)
        member_cell (b, keys[i], t, row, keys[i + 1], k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_dataset (JsonBuilder    *b,
             PathwaysReport *report,
             guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "dataset", NULL);
  PathwaysReportRow *row = g_ptr_array_index (t->rows, 0);

  json_builder_set_member_name (b, "dataset");
  json_builder_begin_object (b);
  member_cell (b, "cases", t, row, "cases", k);
  member_cell (b, "services", t, row, "services", k);
  member_cell (b, "persons", t, row, "persons", k);
  member_cell (b, "open_cases", t, row, "open_cases", k);
  member_cell (b, "closed_cases", t, row, "closed_cases", k);
  member_day (b, "snapshot_date", report->snapshot_day);
  member_day (b, "first_referral", report->first_referral);
  member_day (b, "last_referral", report->last_referral);
  json_builder_end_object (b);
}

static void
add_cohort (JsonBuilder    *b,
            PathwaysReport *report,
            guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "cohort", NULL);
  PathwaysReportRow *row = g_ptr_array_index (t->rows, 0);
  PathwaysFilter *f = report->filter;

  json_builder_set_member_name (b, "cohort");
  json_builder_begin_object (b);
  member_day (b, "from", pathways_filter_get_from (f));
  member_day (b, "to", pathways_filter_get_to (f));
  json_builder_set_member_name (b, "filters");
  json_builder_begin_object (b);
  for (guint i = 0; i < pathways_filter_get_n_fields (f); i++)
    {
      PathwaysField field = pathways_filter_get_field (f, i);
      const char * const *values = pathways_filter_get_values (f, field);

      json_builder_set_member_name (b, pathways_field_get_name (field));
      json_builder_begin_array (b);
      for (guint j = 0; values != NULL && values[j] != NULL; j++)
        json_builder_add_string_value (b, values[j]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  member_cell (b, "cases", t, row, "cases", k);
  member_cell (b, "closed_cases", t, row, "closed_cases", k);
  member_cell (b, "services", t, row, "services", k);
  member_cell (b, "open_cases", t, row, "open_cases", k);
  member_cell (b, "persons", t, row, "persons", k);
  json_builder_end_object (b);
}

static const char * const stage_keys[] = {
  "id", "label", "label", "label", "count", "count", "pct_of_first", "pct_of_first",
  "pct_of_previous", "pct_of_previous", "drop", "drop", NULL
};

static void
add_stage_rows (JsonBuilder         *b,
                PathwaysReportTable *t,
                guint                k)
{
  if (add_withheld (b, t))
    return;
  json_builder_begin_array (b);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, row->id);
      for (guint i = 2; stage_keys[i] != NULL; i += 2)
        member_cell (b, stage_keys[i], t, row, stage_keys[i + 1], k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_funnel (JsonBuilder    *b,
            PathwaysReport *report,
            guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "funnel", NULL);
  gboolean split = FALSE;

  json_builder_set_member_name (b, "funnel");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "population");
  json_builder_add_string_value (b, pathways_population_to_string (report->options.population));
  json_builder_set_member_name (b, "stages");
  add_stage_rows (b, t, k);
  json_builder_end_object (b);

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *s = g_ptr_array_index (report->tables, i);

      if (!g_str_equal (s->id, "funnel_split"))
        continue;
      if (!split)
        {
          split = TRUE;
          json_builder_set_member_name (b, "funnel_split");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "by");
          json_builder_add_string_value (b, pathways_field_get_name (report->measures->split_field));
          json_builder_set_member_name (b, "groups");
          json_builder_begin_array (b);
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, s->key);
      json_builder_set_member_name (b, "stages");
      add_stage_rows (b, s, k);
      json_builder_end_object (b);
    }
  if (split)
    {
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
}

static const char * const reason_keys[] = {
  "reason", "reason", "class", "class", "count", "count", "pct", "pct", NULL
};

static void
add_closures (JsonBuilder    *b,
              PathwaysReport *report,
              guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "closure_reasons", NULL);

  if (t != NULL)
    {
      json_builder_set_member_name (b, "closure_reasons");
      json_builder_begin_object (b);
      member_base (b, t, k);
      json_builder_set_member_name (b, "rows");
      add_rows (b, t, reason_keys, k);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "service_closure_reasons");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->tables->len; i++)
    {
      t = g_ptr_array_index (report->tables, i);
      if (!g_str_equal (t->id, "service_closure_reasons"))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "service_type");
      json_builder_add_string_value (b, t->key);
      member_base (b, t, k);
      json_builder_set_member_name (b, "rows");
      add_rows (b, t, reason_keys, k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_rates (JsonBuilder    *b,
           PathwaysReport *report,
           guint           k)
{
  static const char * const keys[] = {
    "group", "group", "closed", "closed", "planned", "planned", "rate", "rate",
    "ci_low", "ci_low", "ci_high", "ci_high", NULL
  };

  json_builder_set_member_name (b, "planned_closure_rates");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (!g_str_equal (t->id, "planned_closure_rates"))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, t->key);
      json_builder_set_member_name (b, "rows");
      add_rows (b, t, keys, k);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_waits (JsonBuilder    *b,
           PathwaysReport *report,
           guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "waiting_times", NULL);

  json_builder_set_member_name (b, "waiting_times");
  json_builder_begin_array (b);
  for (guint r = 0; t != NULL && r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      const PathwaysCell *type = row_cell (t, row, "service_type");
      g_autofree char *key = type->text != NULL ? g_strdup_printf ("%s/%s", row->id, type->text)
                                                : g_strdup (row->id);
      PathwaysReportTable *bands = pathways_report_get_table (report, "waiting_bands", key);
      PathwaysReportTable *trend = pathways_report_get_table (report, "waiting_trend", key);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "measure");
      json_builder_add_string_value (b, row->id);
      member_cell (b, "service_type", t, row, "service_type", k);
      member_cell (b, "n", t, row, "n", k);
      member_cell (b, "mean", t, row, "mean", k);
      member_cell (b, "median", t, row, "median", k);
      member_cell (b, "p90", t, row, "p90", k);
      json_builder_set_member_name (b, "min");
      add_cell_value (b, row_cell (t, row, "min"), k, TRUE);
      json_builder_set_member_name (b, "max");
      add_cell_value (b, row_cell (t, row, "max"), k, TRUE);
      member_cell (b, "target_days", t, row, "target_days", k);
      member_cell (b, "within_target_pct", t, row, "within_target_pct", k);
      member_cell (b, "negative", t, row, "negative", k);
      if (bands != NULL)
        {
          static const char * const band_keys[] = { "label", "band", "count", "count", "pct", "pct", NULL };
          json_builder_set_member_name (b, "bands");
          add_rows (b, bands, band_keys, k);
        }
      json_builder_set_member_name (b, "still_waiting");
      json_builder_begin_object (b);
      member_cell (b, "n", t, row, "still_waiting_n", k);
      member_cell (b, "median_days", t, row, "still_waiting_median_days", k);
      json_builder_set_member_name (b, "max_days");
      add_cell_value (b, row_cell (t, row, "still_waiting_max_days"), k, TRUE);
      json_builder_end_object (b);
      if (trend != NULL)
        {
          static const char * const trend_keys[] = { "period", "period", "n", "n", "median", "median", NULL };
          json_builder_set_member_name (b, "trend_unit");
          json_builder_add_string_value (b, report->options.trend_unit == PATHWAYS_TREND_QUARTER ? "quarter" :
                                            report->options.trend_unit == PATHWAYS_TREND_FINANCIAL_YEAR ? "financial_year" :
                                            report->options.trend_unit == PATHWAYS_TREND_FINANCIAL_QUARTER ? "financial_quarter" : "month");
          json_builder_set_member_name (b, "trend");
          add_rows (b, trend, trend_keys, k);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_people (JsonBuilder    *b,
            PathwaysReport *report,
            guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "time_before_support", NULL);
  static const char * const count_keys[] = { "band", "band", "count", "count", "pct", "pct", NULL };
  static const char * const value_keys[] = { "value", "value", "count", "count", "pct", "pct", NULL };

  if (t != NULL)
    {
      json_builder_set_member_name (b, "time_before_support");
      json_builder_begin_object (b);
      member_base (b, t, k);
      json_builder_set_member_name (b, "rows");
      add_rows (b, t, count_keys, k);
      json_builder_end_object (b);
    }

  t = pathways_report_get_table (report, "returners", NULL);
  if (t != NULL)
    {
      PathwaysReportTable *cohort = pathways_report_get_table (report, "cohort", NULL);
      PathwaysReportTable *cpp = pathways_report_get_table (report, "cases_per_person", NULL);

      json_builder_set_member_name (b, "returners");
      json_builder_begin_object (b);
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
          member_cell (b, row->id, t, row, "count", k);
        }
      member_cell (b, "persons", cohort, g_ptr_array_index (cohort->rows, 0), "persons", k);
      json_builder_set_member_name (b, "derived_from_person_id");
      json_builder_add_boolean_value (b, report->measures->returners_derived);
      if (cpp != NULL)
        {
          static const char * const keys[] = { "age_band", "age_band", "cases", "cases", "persons", "persons",
                                               "cases_per_person", "cases_per_person", NULL };
          json_builder_set_member_name (b, "cases_per_person");
          add_rows (b, cpp, keys, k);
        }
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "multi_category");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *mt = g_ptr_array_index (report->tables, i);
      PathwaysReportTable *ct;

      if (!g_str_equal (mt->id, "multi_category"))
        continue;
      ct = pathways_report_get_table (report, "multi_category_classes", mt->key);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, mt->key);
      member_base (b, mt, k);
      json_builder_set_member_name (b, "rows");
      add_rows (b, mt, value_keys, k);
      json_builder_set_member_name (b, "count_classes");
      json_builder_begin_object (b);
      for (guint r = 0; ct != NULL && r < ct->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (ct->rows, r);
          member_cell (b, row->id, ct, row, "count", k);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_quality (JsonBuilder    *b,
             PathwaysReport *report,
             guint           k)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "completeness", NULL);
  static const char * const keys[] = { "field", "field", "missing", "missing", "pct", "pct", NULL };
  guint64 n_sev[3] = { 0, 0, 0 };
  PathwaysDataset *ds = report->dataset;

  json_builder_set_member_name (b, "completeness");
  add_rows (b, t, keys, k);

  for (guint i = 0; i < ds->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (ds->finding_summary, i);
      if (s->severity <= PATHWAYS_SEVERITY_ASSUMPTION)
        n_sev[s->severity] += s->count;
    }
  json_builder_set_member_name (b, "data_quality");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (b, n_sev[PATHWAYS_SEVERITY_ERROR]);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_int_value (b, n_sev[PATHWAYS_SEVERITY_WARNING]);
  json_builder_set_member_name (b, "assumptions");
  json_builder_add_int_value (b, n_sev[PATHWAYS_SEVERITY_ASSUMPTION]);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < ds->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (ds->finding_summary, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, s->kind);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, s->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
pathways_summary_to_json (PathwaysReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint k;

  g_return_val_if_fail (report != NULL, NULL);

  k = report->threshold;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pathways_version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  add_dataset (b, report, k);
  add_cohort (b, report, k);
  add_funnel (b, report, k);
  add_closures (b, report, k);
  add_rates (b, report, k);
  add_waits (b, report, k);
  add_people (b, report, k);
  add_quality (b, report, k);
  _pathways_summary_add_activity (b, report, k);
  _pathways_summary_add_outcomes (b, report, k);
  _pathways_summary_add_profile (b, report, k);
  _pathways_summary_add_appointments (b, report, k);
  if (report->threshold > 0)
    {
      json_builder_set_member_name (b, "disclosure");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, pathways_protection_to_string (report->protection));
      json_builder_set_member_name (b, "threshold");
      json_builder_add_int_value (b, report->threshold);
      json_builder_set_member_name (b, "rounding");
      if (report->round5)
        json_builder_add_int_value (b, 5);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
pathways_summary_to_json_string (PathwaysReport *report)
{
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;
  char *text;

  g_return_val_if_fail (report != NULL, NULL);

  root = pathways_summary_to_json (report);
  gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  {
    char *with_nl = g_strconcat (text, "\n", NULL);
    g_free (text);
    return with_nl;
  }
}

/* ---- text ---- */

static void
print_table (GString             *s,
             PathwaysReportTable *t,
             guint                k)
{
  guint n_cols = t->columns->len;
  g_autofree guint *width = g_new0 (guint, n_cols);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (s, "\n%s\n", t->title);
  if (t->withheld)
    {
      g_string_append_printf (s, "  %s\n", pathways_disclosure_withheld_text ());
      return;
    }
  for (guint c = 0; c < n_cols; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      width[c] = g_utf8_strlen (col->label, -1);
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      for (guint c = 0; c < n_cols; c++)
        {
          char *text = pathways_labels_format_cell (t, c, &row->cells[c], k);

          /* a category value reaches the terminal: no escape, no bidi override, bounded */
          if (row->cells[c].kind == PATHWAYS_CELL_LABEL &&
              pathways_format_label_needed (text, PATHWAYS_FORMAT_LABEL_MAX_CHARS))
            {
              char *shown = pathways_format_label (text, PATHWAYS_FORMAT_LABEL_MAX_CHARS);
              g_free (text);
              text = shown;
            }
          width[c] = MAX (width[c], (guint) g_utf8_strlen (text, -1));
          g_ptr_array_add (texts, text);
        }
    }
  for (guint c = 0; c < n_cols; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      guint pad = width[c] - g_utf8_strlen (col->label, -1);
      g_string_append (s, c == 0 ? "  " : "  ");
      if (col->kind != PATHWAYS_CELL_LABEL)
        g_string_append_printf (s, "%*s", pad, "");
      g_string_append (s, col->label);
      if (col->kind == PATHWAYS_CELL_LABEL && c + 1 < n_cols)
        g_string_append_printf (s, "%*s", pad, "");
    }
  g_string_append_c (s, '\n');
  for (guint r = 0; r < t->rows->len; r++)
    {
      for (guint c = 0; c < n_cols; c++)
        {
          PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
          const char *text = g_ptr_array_index (texts, r * n_cols + c);
          guint pad = width[c] - g_utf8_strlen (text, -1);

          g_string_append (s, "  ");
          if (col->kind != PATHWAYS_CELL_LABEL)
            g_string_append_printf (s, "%*s", pad, "");
          g_string_append (s, text);
          if (col->kind == PATHWAYS_CELL_LABEL && c + 1 < n_cols)
            g_string_append_printf (s, "%*s", pad, "");
        }
      g_string_append_c (s, '\n');
    }
  if (t->chart.base_text != NULL)
    g_string_append_printf (s, "  %s\n", t->chart.base_text);
  for (guint i = 0; i < t->chart.notes->len; i++)
    g_string_append_printf (s, "  %s\n", (char *) g_ptr_array_index (t->chart.notes, i));
}

char *
pathways_summary_to_text (PathwaysReport *report)
{
  GString *s;
  g_autofree char *snapshot = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  s = g_string_new (NULL);
  snapshot = pathways_day_to_iso (report->snapshot_day);
  g_string_append_printf (s, _("Pathways %s summary"), PACKAGE_VERSION);
  g_string_append_c (s, '\n');
  if (report->dataset->name != NULL)
    {
      g_autofree char *name = pathways_format_label (report->dataset->name, PATHWAYS_FORMAT_LABEL_MAX_CHARS);
      g_string_append_printf (s, _("Dataset: %s"), name);
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, _("Snapshot date: %s"), snapshot != NULL ? snapshot : "–");
  g_string_append_c (s, '\n');
  {
    g_autofree char *filters = pathways_format_label (report->filters_text, 0);
    g_string_append_printf (s, _("Filters: %s"), filters[0] != '\0' ? filters : _("none"));
  }
  g_string_append_c (s, '\n');
  g_string_append_printf (s, _("Funnel population: %s"),
                          report->options.population == PATHWAYS_POPULATION_ALL ? _("all cases") : _("closed cases"));
  g_string_append_c (s, '\n');
  if (report->threshold > 0)
    {
      g_autofree char *rule = pathways_disclosure_describe_method (report->protection, report->threshold,
                                                                   report->round5);
      g_string_append_printf (s, "%s\n", rule);
    }
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      /* month-by-month trends run to hundreds of lines: they are in the JSON */
      if (g_str_equal (t->id, "waiting_trend"))
        continue;
      print_table (s, t, report->threshold);
    }
  return g_string_free (s, FALSE);
}
