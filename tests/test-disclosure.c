/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Disclosure control: the rule of spec/metrics.md on hand-made reports, and a property
 * test: for many random tables with totals, no hidden cell can be recovered by
 * subtraction along rows and columns. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pathways.h"

/* ---- the recovery checker ---- */

/* A table of R × C cells with row totals, column totals and a grand total, laid out
 * as (R + 1) × (C + 1) values: cell (r, c) at r * (C + 1) + c, row total at column C,
 * column total at row R. Repeatedly, any line (a row, a column, the row totals or the
 * column totals) with exactly one unknown member gives that member by subtraction.
 * Returns TRUE when some suppressed value can be recovered this way. */
static gboolean
recoverable (const double   *values,
             const gboolean *suppressed,
             guint           rows,
             guint           cols)
{
  guint w = cols + 1, n = (rows + 1) * (cols + 1);
  g_autofree gboolean *known = g_new (gboolean, n);
  gboolean progress = TRUE, any = FALSE;

  for (guint i = 0; i < n; i++)
    known[i] = !suppressed[i];

  while (progress)
    {
      progress = FALSE;
      /* rows 0..rows: members (r, 0..cols) with (r, cols) the total */
      for (guint r = 0; r <= rows; r++)
        {
          guint unknown = 0, at = 0;
          double sum = 0;

          for (guint c = 0; c <= cols; c++)
            if (!known[r * w + c])
              {
                unknown++;
                at = r * w + c;
              }
          if (unknown != 1)
            continue;
          for (guint c = 0; c < cols; c++)
            if (r * w + c != at)
              sum += values[r * w + c];
          /* whether the unknown is a cell or the total, the line gives it */
          g_assert_cmpfloat (at == r * w + cols ? sum : values[r * w + cols] - sum, ==, values[at]);
          known[at] = TRUE;
          progress = any = TRUE;
        }
      for (guint c = 0; c <= cols; c++)
        {
          guint unknown = 0, at = 0;

          for (guint r = 0; r <= rows; r++)
            if (!known[r * w + c])
              {
                unknown++;
                at = r * w + c;
              }
          if (unknown != 1)
            continue;
          known[at] = TRUE;
          progress = any = TRUE;
        }
    }
  return any;
}

static void
random_table (GRand    *rand,
              guint     rows,
              guint     cols,
              double   *values)
{
  guint w = cols + 1;

  for (guint r = 0; r <= rows; r++)
    for (guint c = 0; c <= cols; c++)
      values[r * w + c] = 0;
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        /* mostly small counts, some zeros, some large */
        guint kind = g_rand_int_range (rand, 0, 10);
        double v = kind < 2 ? 0 : kind < 6 ? g_rand_int_range (rand, 1, 8) : g_rand_int_range (rand, 5, 200);
        values[r * w + c] = v;
        values[r * w + cols] += v;
        values[rows * w + c] += v;
        values[rows * w + cols] += v;
      }
}

static void
protect_grid (const double *values,
              gboolean     *suppressed,
              guint         rows,
              guint         cols,
              guint         k)
{
  guint w = cols + 1, n = (rows + 1) * (cols + 1);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (PathwaysDisclosureLine));
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    suppressed[i] = values[i] > 0 && values[i] < k;
  for (guint r = 0; r <= rows; r++)
    {
      guint *mem = g_new (guint, cols + 1);
      PathwaysDisclosureLine line = { cols + 1, mem };
      for (guint c = 0; c <= cols; c++)
        mem[c] = r * w + c;
      g_ptr_array_add (members, mem);
      g_array_append_val (lines, line);
    }
  for (guint c = 0; c <= cols; c++)
    {
      guint *mem = g_new (guint, rows + 1);
      PathwaysDisclosureLine line = { rows + 1, mem };
      for (guint r = 0; r <= rows; r++)
        mem[r] = r * w + c;
      g_ptr_array_add (members, mem);
      g_array_append_val (lines, line);
    }
  pathways_disclosure_protect_lines (values, suppressed, n,
                                     (const PathwaysDisclosureLine *) (gpointer) lines->data, lines->len);
}

static void
test_property_random_tables (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  guint n_with_hidden = 0;

  for (guint t = 0; t < 3000; t++)
    {
      guint rows = g_rand_int_range (rand, 1, 7);
      guint cols = g_rand_int_range (rand, 1, 6);
      guint k = g_rand_int_range (rand, 2, 11);
      guint n = (rows + 1) * (cols + 1);
      g_autofree double *values = g_new (double, n);
      g_autofree gboolean *supp = g_new (gboolean, n);
      gboolean hidden = FALSE;

      random_table (rand, rows, cols, values);
      protect_grid (values, supp, rows, cols, k);
      for (guint i = 0; i < n; i++)
        {
          /* primary suppression kept; zero never hidden by the primary rule */
          if (values[i] > 0 && values[i] < k)
            g_assert_true (supp[i]);
          hidden |= supp[i];
        }
      n_with_hidden += hidden;
      if (recoverable (values, supp, rows, cols))
        g_error ("table %u (%u × %u, k = %u): a hidden cell can be recovered", t, rows, cols, k);
    }
  /* the test means something only if many tables had hidden cells */
  g_assert_cmpuint (n_with_hidden, >, 2000);
}

static void
test_lines_one_dimension (void)
{
  /* 3, 10, 20, 0 with total 33, k = 5: 3 hidden alone, so the smallest other non-zero
   * (10) is hidden too; 0 stays shown */
  double values[] = { 3, 10, 20, 0, 33 };
  gboolean supp[] = { TRUE, FALSE, FALSE, FALSE, FALSE };
  guint members[] = { 0, 1, 2, 3, 4 };
  PathwaysDisclosureLine line = { 5, members };

  pathways_disclosure_protect_lines (values, supp, 5, &line, 1);
  g_assert_true (supp[0] && supp[1]);
  g_assert_false (supp[2] || supp[3] || supp[4]);

  /* a line where the only hidden cell equals the total: hide the total */
  {
    double v2[] = { 12, 0, 12 };
    gboolean s2[] = { TRUE, FALSE, FALSE };
    guint m2[] = { 0, 1, 2 };
    PathwaysDisclosureLine l2 = { 3, m2 };
    pathways_disclosure_protect_lines (v2, s2, 3, &l2, 1);
    g_assert_true (s2[2]);
  }
}

/* ---- on a report ---- */

static PathwaysDataset *
small_dataset (void)
{
  PathwaysDataset *ds = pathways_dataset_new ();
  PathwaysColumn *ref, *closure, *reason, *contact, *source;
  /* 40 cases, all closed: reasons Planned closure 20, Did not engage 12, Referred on 6,
   * Disengaged 2; contact recorded for the first 37 */
  static const struct { const char *reason; guint n; } plan[] = {
    { "Planned closure", 20 }, { "Did not engage", 12 }, { "Referred on", 6 }, { "Disengaged", 2 },
  };
  guint i = 0;

  ds->mapping = pathways_mapping_new ();
  ds->n_cases = 40;
  g_free (ds->case_service_start);
  ds->case_service_start = g_new0 (guint32, 41);
  ref = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_DATE, 40);
  contact = pathways_dataset_add_column (ds, PATHWAYS_FIELD_FIRST_CONTACT_DATE, 40);
  closure = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_DATE, 40);
  reason = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_REASON, 40);
  source = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_SOURCE, 40);
  pathways_dictionary_intern (source->dict, "Police");
  pathways_dictionary_intern (source->dict, "Self-referral");
  for (guint p = 0; p < G_N_ELEMENTS (plan); p++)
    {
      guint code = pathways_dictionary_intern (reason->dict, plan[p].reason);
      for (guint k = 0; k < plan[p].n; k++, i++)
        {
          ref->days[i] = pathways_day_from_ymd (2023, 1, 1) + i;
          closure->days[i] = ref->days[i] + 50;
          reason->codes[i] = code;
          /* 37 contacted: a drop of 3 from referred */
          if (i < 37)
            contact->days[i] = ref->days[i] + (i % 3 == 0 ? 2 : 40);
          /* Police: the first 38, Self-referral: 2 */
          source->codes[i] = i < 38 ? 1 : 2;
        }
    }
  ds->snapshot_day = pathways_day_from_ymd (2023, 12, 31);
  return ds;
}

static PathwaysCell *
cell (PathwaysReport *r,
      const char     *id,
      const char     *key,
      const char     *row,
      const char     *col)
{
  PathwaysCell *c = pathways_report_get_cell (r, id, key, row, col);
  g_assert_nonnull (c);
  return c;
}

static void
assert_shown (PathwaysReport *r,
              PathwaysCell   *c,
              const char     *text)
{
  g_autofree char *s = pathways_cell_format (c, r->threshold);
  g_assert_cmpstr (s, ==, text);
}

static void
test_report_rule (void)
{
  g_autoptr(PathwaysDataset) ds = small_dataset ();
  g_autoptr(PathwaysReport) r = NULL;
  g_autoptr(PathwaysReport) exact = NULL;
  PathwaysReportTable *t;

  exact = pathways_report_new (ds, NULL, NULL);
  r = pathways_report_copy (exact);
  pathways_disclosure_apply (r, 5, FALSE);

  /* the exact copy is untouched */
  assert_shown (exact, cell (exact, "closure_reasons", NULL, "Disengaged", "count"), "2");

  /* closure reasons, base 40: Disengaged 2 is primary; the only hidden cell of a table
   * adding up to a shown total, so the smallest other non-zero (Referred on, 6) is
   * secondary; percents of both are derived "*" */
  assert_shown (r, cell (r, "closure_reasons", NULL, "Disengaged", "count"), "<5");
  g_assert_cmpint (cell (r, "closure_reasons", NULL, "Disengaged", "count")->suppression, ==, PATHWAYS_SUPPRESSION_PRIMARY);
  /* version 2: a secondary cell is "*", never "<5" (it may hold far more) */
  assert_shown (r, cell (r, "closure_reasons", NULL, "Referred on", "count"), "*");
  g_assert_cmpint (cell (r, "closure_reasons", NULL, "Referred on", "count")->suppression, ==, PATHWAYS_SUPPRESSION_SECONDARY);
  assert_shown (r, cell (r, "closure_reasons", NULL, "Referred on", "pct"), "*");
  assert_shown (r, cell (r, "closure_reasons", NULL, "Disengaged", "pct"), "*");
  assert_shown (r, cell (r, "closure_reasons", NULL, "Planned closure", "count"), "20");
  assert_shown (r, cell (r, "closure_reasons", NULL, "Planned closure", "pct"), "50 %");
  /* 12 of 40 = 30 %; shown figures round halves up: the exact report's 2 of 40 = 5 % */
  assert_shown (r, cell (r, "closure_reasons", NULL, "Did not engage", "pct"), "30 %");
  assert_shown (exact, cell (exact, "closure_reasons", NULL, "Disengaged", "pct"), "5.0 %");
  assert_shown (exact, cell (exact, "closure_reasons", NULL, "Referred on", "pct"), "15 %");
  t = pathways_report_get_table (r, "closure_reasons", NULL);
  g_assert_cmpstr (t->chart.base_text, ==, "Base: 40 closed cases");

  /* funnel: referred 40, contacted 37: the drop of 3 is a count of people, "<5", and
   * one of the stages it is formed from (the smaller, 37) is hidden; the next drop
   * (17), formed from it, is then "*" too */
  assert_shown (r, cell (r, "funnel", NULL, "contacted", "count"), "*");
  assert_shown (r, cell (r, "funnel", NULL, "contacted", "drop"), "<5");
  assert_shown (r, cell (r, "funnel", NULL, "planned_closure", "drop"), "*");

  /* rates by referral source: Self-referral has 2 closed (primary), 0 planned (zero
   * stays 0); Police 38 is secondary (the only other non-zero closed cell); rates of
   * both derive from hidden counts */
  assert_shown (r, cell (r, "planned_closure_rates", "referral_source", "Self-referral", "closed"), "<5");
  assert_shown (r, cell (r, "planned_closure_rates", "referral_source", "Self-referral", "planned"), "0");
  assert_shown (r, cell (r, "planned_closure_rates", "referral_source", "Self-referral", "rate"), "*");
  assert_shown (r, cell (r, "planned_closure_rates", "referral_source", "Police", "closed"), "*");
  assert_shown (r, cell (r, "planned_closure_rates", "referral_source", "Police", "ci_low"), "*");

  /* waiting: referral_to_contact over 37 records is shown; the 8–28 band is empty (0),
   * 0–7 has 13 (i % 3 == 0 for i < 37), 29–56 has 24 */
  assert_shown (r, cell (r, "waiting_bands", "referral_to_contact", "0–7", "count"), "13");
  assert_shown (r, cell (r, "waiting_bands", "referral_to_contact", "8–28", "count"), "0");
  assert_shown (r, cell (r, "waiting_times", NULL, "referral_to_contact", "median"), "40.0");
}

static void
test_report_small_waits_and_rounding (void)
{
  g_autoptr(PathwaysDataset) ds = small_dataset ();
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(PathwaysReport) r = NULL;
  g_autofree char *rule = NULL;

  /* Self-referral only: 2 cases, both contacted? cases 38 and 39 have no contact, so
   * referral_to_contact has n = 0 (null, not hidden) and time_in_service n = 2 < 5:
   * every statistic hidden */
  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Self-referral");
  r = pathways_report_new (ds, f, NULL);
  pathways_disclosure_apply (r, 5, TRUE);
  assert_shown (r, cell (r, "waiting_times", NULL, "time_in_service", "n"), "<5");
  assert_shown (r, cell (r, "waiting_times", NULL, "time_in_service", "median"), "*");
  assert_shown (r, cell (r, "waiting_times", NULL, "time_in_service", "max"), "*");
  assert_shown (r, cell (r, "waiting_times", NULL, "time_in_service", "target_days"), "365");
  assert_shown (r, cell (r, "waiting_times", NULL, "referral_to_contact", "median"), "–");
  assert_shown (r, cell (r, "cohort", NULL, "cohort", "cases"), "<5");

  /* rounding: the whole dataset, 20 planned → 20, 12 did not engage → 10 */
  g_clear_pointer (&r, pathways_report_unref);
  r = pathways_report_new (ds, NULL, NULL);
  pathways_disclosure_apply (r, 5, TRUE);
  assert_shown (r, cell (r, "closure_reasons", NULL, "Did not engage", "count"), "10");
  /* contacted 37 is hidden (the drop of 3 from 40); 40 → 40 */
  assert_shown (r, cell (r, "funnel", NULL, "contacted", "count"), "*");
  assert_shown (r, cell (r, "dataset", NULL, "dataset", "cases"), "40");
  g_assert_true (cell (r, "closure_reasons", NULL, "Did not engage", "count")->rounded);

  rule = pathways_disclosure_describe (5, TRUE);
  g_assert_nonnull (strstr (rule, "1 to 4"));
  g_assert_nonnull (strstr (rule, "<5"));
}

static void
test_report_tables_never_recoverable (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);

  /* Every additive table of protected random reports: hidden cells never come back
   * by subtraction from the shown total */
  for (guint round = 0; round < 30; round++)
    {
      g_autoptr(PathwaysDataset) ds = pathways_dataset_new ();
      g_autoptr(PathwaysReport) r = NULL;
      PathwaysColumn *ref, *closure, *reason, *source;
      guint n = g_rand_int_range (rand, 5, 120);

      ds->mapping = pathways_mapping_new ();
      ds->n_cases = n;
      g_free (ds->case_service_start);
      ds->case_service_start = g_new0 (guint32, n + 1);
      ref = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_DATE, n);
      closure = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_DATE, n);
      reason = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_REASON, n);
      source = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_SOURCE, n);
      for (guint k = 0; k < 6; k++)
        {
          g_autofree char *a = g_strdup_printf ("Reason %u", k);
          g_autofree char *b = g_strdup_printf ("Source %u", k);
          pathways_dictionary_intern (reason->dict, a);
          pathways_dictionary_intern (source->dict, b);
        }
      for (guint i = 0; i < n; i++)
        {
          ref->days[i] = pathways_day_from_ymd (2022, 1, 1) + g_rand_int_range (rand, 0, 300);
          closure->days[i] = ref->days[i] + g_rand_int_range (rand, 0, 400);
          /* skewed: a few big groups, several small ones */
          reason->codes[i] = g_rand_int_range (rand, 0, 10) < 6 ? 1 : g_rand_int_range (rand, 0, 7);
          source->codes[i] = g_rand_int_range (rand, 0, 10) < 5 ? 2 : g_rand_int_range (rand, 0, 7);
        }
      ds->snapshot_day = pathways_day_from_ymd (2024, 1, 1);
      r = pathways_report_new (ds, NULL, NULL);
      pathways_disclosure_apply (r, g_rand_int_range (rand, 3, 8), FALSE);

      for (guint ti = 0; ti < r->tables->len; ti++)
        {
          PathwaysReportTable *t = g_ptr_array_index (r->tables, ti);

          if (t->totals == NULL)
            continue;
          for (guint c = 0; c < t->columns->len; c++)
            {
              PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
              g_autofree double *values = NULL;
              g_autofree gboolean *supp = NULL;
              guint rows = t->rows->len;

              if (!col->additive || !t->totals[c].defined)
                continue;
              /* as a rows × 1 grid: column c, its total at the bottom; the row totals
               * are the cells themselves */
              values = g_new0 (double, (rows + 1) * 2);
              supp = g_new0 (gboolean, (rows + 1) * 2);
              for (guint ri = 0; ri < rows; ri++)
                {
                  PathwaysCell *x = &((PathwaysReportRow *) g_ptr_array_index (t->rows, ri))->cells[c];
                  values[ri * 2] = values[ri * 2 + 1] = x->value;
                  supp[ri * 2] = supp[ri * 2 + 1] = x->suppression != PATHWAYS_SUPPRESSION_NONE;
                }
              values[rows * 2] = values[rows * 2 + 1] = t->totals[c].value;
              supp[rows * 2] = supp[rows * 2 + 1] = t->totals[c].suppression != PATHWAYS_SUPPRESSION_NONE;
              if (recoverable (values, supp, rows, 1))
                g_error ("round %u, table %s/%s column %s: a hidden cell can be recovered",
                         round, t->id, t->key ? t->key : "", col->id);
            }
        }
    }
}

/* A protected table whose true base is below 10 is a sentence in every output: the
 * summary's text and JSON, a CSV file, a chart (drawn and described). */
static void
test_withheld_outputs (void)
{
  g_autoptr(PathwaysDataset) ds = small_dataset ();
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(PathwaysReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autofree char *text = NULL, *json = NULL, *describe = NULL, *dir = NULL, *csv = NULL;
  g_autofree char *path = NULL;
  const char *sentence = pathways_disclosure_withheld_text ();
  PathwaysReportTable *t;
  PathwaysDisclosurePolicy policy;
  g_autoptr(GDir) d = NULL;
  const char *name;

  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Self-referral");
  r = pathways_report_new (ds, f, NULL);

  /* the CSV folder, protected by the default policy on the way out */
  dir = g_dir_make_tmp ("pathways-withheld-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "csv", NULL);
  pathways_disclosure_policy_init (&policy);
  g_assert_true (pathways_output_write (r, &policy, PATHWAYS_OUTPUT_CSV, path, NULL, &error));
  g_assert_no_error (error);
  d = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, "closure-reasons") != NULL && strstr (name, "service") == NULL)
      {
        g_autofree char *file = g_build_filename (path, name, NULL);
        g_assert_true (g_file_get_contents (file, &csv, NULL, NULL));
      }
  g_assert_nonnull (csv);
  g_assert_nonnull (strstr (csv, sentence));
  g_assert_null (strstr (csv, "<5"));

  pathways_disclosure_apply (r, 5, FALSE);
  t = pathways_report_get_table (r, "closure_reasons", NULL);
  g_assert_true (t->withheld);
  text = pathways_summary_to_text (r);
  g_assert_nonnull (strstr (text, sentence));
  json = pathways_summary_to_json_string (r);
  g_assert_nonnull (strstr (json, "\"withheld\" : \"fewer than 10 cases\""));
  describe = pathways_chart_describe (r, t);
  g_assert_nonnull (strstr (describe, sentence));
  svg = pathways_chart_render (r, NULL, t, TRUE, 600, 400, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), sentence));
}

/* A category field whose values are unique for more than half of 20 or more cases
 * (a case ID mapped to it) is refused by protected outputs, with the field named. */
static void
test_identifier_refused (void)
{
  g_autoptr(PathwaysDataset) ds = small_dataset ();
  g_autoptr(PathwaysReport) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-identifier-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.xlsx", NULL);
  PathwaysDisclosurePolicy policy;
  PathwaysColumn *gender = pathways_dataset_add_column (ds, PATHWAYS_FIELD_GENDER, 40);

  /* 19 of 40 unique: kept */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *value = g_strdup_printf ("value %u", i < 19 ? i : 99);
      gender->codes[i] = pathways_dictionary_intern (gender->dict, value);
    }
  r = pathways_report_new (ds, NULL, NULL);
  pathways_disclosure_policy_init (&policy);
  g_assert_true (pathways_output_write (r, &policy, PATHWAYS_OUTPUT_XLSX, path, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&r, pathways_report_unref);

  /* 21 of 40 unique: refused, the field named */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *value = g_strdup_printf ("value %u", i < 21 ? i : 99);
      gender->codes[i] = pathways_dictionary_intern (gender->dict, value);
    }
  r = pathways_report_new (ds, NULL, NULL);
  g_assert_false (pathways_output_write (r, &policy, PATHWAYS_OUTPUT_XLSX, path, NULL, &error));
  g_assert_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_IDENTIFIER);
  g_assert_nonnull (strstr (error->message, "Gender"));
  g_clear_error (&error);

  /* exact figures chosen explicitly: written */
  policy.method = PATHWAYS_PROTECTION_NONE;
  g_assert_true (pathways_output_write (r, &policy, PATHWAYS_OUTPUT_XLSX, path, NULL, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
}

/* Gives every count cell of R key KEY. */
static void
key_all (PathwaysReport *r,
         guint8          key)
{
  for (guint i = 0; i < r->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (r->tables, i);

      t->base.has_key = TRUE, t->base.key = key;
      for (guint c = 0; t->totals != NULL && c < t->columns->len; c++)
        t->totals[c].has_key = TRUE, t->totals[c].key = key;
      for (guint row = 0; row < t->rows->len; row++)
        for (guint c = 0; c < t->columns->len; c++)
          {
            PathwaysCell *cell = &((PathwaysReportRow *) g_ptr_array_index (t->rows, row))->cells[c];
            cell->has_key = TRUE;
            cell->key = key;
          }
    }
}

/* Method 1 on hand-set cell keys: the noise table, "<k" for small shown values, totals
 * by their own keys, funnels non-increasing, percents from the shown counts, cells
 * without a key hidden. */
static void
test_perturbation (void)
{
  g_autoptr(PathwaysDataset) ds = small_dataset ();
  g_autoptr(PathwaysReport) exact = pathways_report_new (ds, NULL, NULL);
  g_autoptr(PathwaysReport) r = pathways_report_copy (exact);
  g_autoptr(PathwaysReport) again = NULL;
  static const struct { guint key; int noise; } table[] = {
    { 0, -2 }, { 25, -2 }, { 26, -1 }, { 76, -1 }, { 77, 0 }, { 178, 0 }, { 179, 1 }, { 229, 1 }, { 230, 2 }, { 255, 2 },
  };
  PathwaysReportTable *t;
  PathwaysCell *planned, *disengaged, *base, *referred, *contacted;
  double last = G_MAXDOUBLE;
  int count_col;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    g_assert_cmpint (pathways_disclosure_noise (table[i].key), ==, table[i].noise);

  key_all (r, 100);   /* noise 0 everywhere ... */
  planned = cell (r, "closure_reasons", NULL, "Planned closure", "count");
  planned->key = 240;                                         /* 20 + 2 */
  disengaged = cell (r, "closure_reasons", NULL, "Disengaged", "count");
  disengaged->key = 200;                                      /* 2 + 1 = 3: "<5" */
  base = &pathways_report_get_table (r, "closure_reasons", NULL)->base;
  base->key = 0;                                              /* 40 - 2, by its own key */
  referred = cell (r, "funnel", NULL, "referred", "count");
  contacted = cell (r, "funnel", NULL, "contacted", "count");
  referred->key = 0;                                          /* 40 - 2 = 38 */
  contacted->key = 255;                                       /* 37 + 2 = 39 > 38 */
  cell (r, "closure_reasons", NULL, "Referred on", "count")->has_key = FALSE;   /* hidden */

  pathways_disclosure_apply_perturbation (r, 5, FALSE);
  g_assert_cmpuint (r->protection, ==, PATHWAYS_PROTECTION_PERTURB);
  assert_shown (r, planned, "22");
  assert_shown (r, disengaged, "<5");
  g_assert_cmpfloat (base->value, ==, 38);
  assert_shown (r, cell (r, "closure_reasons", NULL, "Did not engage", "count"), "12");
  assert_shown (r, cell (r, "closure_reasons", NULL, "Referred on", "count"), "*");
  /* percents from the shown counts: 22 of 38 = 58 %; of "<5", "*" */
  assert_shown (r, cell (r, "closure_reasons", NULL, "Planned closure", "pct"), "58 %");
  assert_shown (r, cell (r, "closure_reasons", NULL, "Disengaged", "pct"), "*");
  /* the funnel never grows */
  assert_shown (r, referred, "38");
  assert_shown (r, contacted, "38");
  t = pathways_report_get_table (r, "funnel", NULL);
  count_col = pathways_report_table_find_column (t, "count");
  for (guint row = 0; row < t->rows->len; row++)
    {
      PathwaysCell *c = &((PathwaysReportRow *) g_ptr_array_index (t->rows, row))->cells[count_col];
      if (c->suppression == PATHWAYS_SUPPRESSION_NONE)
        {
          g_assert_cmpfloat (c->value, <=, last);
          last = c->value;
        }
    }
  /* statistics: minimum and maximum never, the rest over n of 10 or more */
  assert_shown (r, cell (r, "waiting_times", NULL, "referral_to_contact", "max"), "*");

  /* asking twice gives the same answer */
  again = pathways_report_copy (exact);
  key_all (again, 100);
  cell (again, "closure_reasons", NULL, "Planned closure", "count")->key = 240;
  pathways_disclosure_apply_perturbation (again, 5, FALSE);
  assert_shown (again, cell (again, "closure_reasons", NULL, "Planned closure", "count"), "22");
}

/* "<k" stands for 1 to k-1 only: every count of 5 or 6 moved down by 2 (key 0) shows
 * 5, never "<5"; every count of 3 or 4 moved down by 2 shows "<5" (1 or 2) */
static void
test_perturbation_small_label (void)
{
  g_autoptr(PathwaysDataset) ds = small_dataset ();
  g_autoptr(PathwaysReport) exact = pathways_report_new (ds, NULL, NULL);
  g_autoptr(PathwaysReport) r = pathways_report_copy (exact);
  guint at_k = 0, small = 0;

  key_all (r, 0);   /* noise -2 everywhere */
  pathways_disclosure_apply_perturbation (r, 5, FALSE);
  for (guint i = 0; i < r->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (r->tables, i), *e = g_ptr_array_index (exact->tables, i);

      if (!t->protect || t->withheld)
        continue;
      for (guint row = 0; row < t->rows->len; row++)
        for (guint c = 0; c < t->columns->len; c++)
          {
            PathwaysCell *shown = &((PathwaysReportRow *) g_ptr_array_index (t->rows, row))->cells[c];
            PathwaysCell *truth = &((PathwaysReportRow *) g_ptr_array_index (e->rows, row))->cells[c];

            if (truth->kind != PATHWAYS_CELL_COUNT || truth->sources[0].row >= 0 || !truth->defined ||
                g_str_has_prefix (t->id, "funnel"))
              continue;
            if (truth->value == 5 || truth->value == 6)
              {
                g_assert_cmpint (shown->suppression, ==, PATHWAYS_SUPPRESSION_NONE);
                g_assert_cmpfloat (shown->value, ==, 5);
                at_k++;
              }
            else if (truth->value == 3 || truth->value == 4)
              {
                g_assert_cmpint (shown->suppression, ==, PATHWAYS_SUPPRESSION_PRIMARY);
                small++;
              }
          }
    }
  /* the small dataset has both kinds */
  g_assert_cmpuint (at_k, >, 0);
  g_assert_cmpuint (small, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/disclosure/lines", test_lines_one_dimension);
  g_test_add_func ("/pathways/disclosure/property-random-tables", test_property_random_tables);
  g_test_add_func ("/pathways/disclosure/report-rule", test_report_rule);
  g_test_add_func ("/pathways/disclosure/small-waits-and-rounding", test_report_small_waits_and_rounding);
  g_test_add_func ("/pathways/disclosure/report-tables-never-recoverable", test_report_tables_never_recoverable);
  g_test_add_func ("/pathways/disclosure/withheld-outputs", test_withheld_outputs);
  g_test_add_func ("/pathways/disclosure/identifier-refused", test_identifier_refused);
  g_test_add_func ("/pathways/disclosure/perturbation", test_perturbation);
  g_test_add_func ("/pathways/disclosure/perturbation-small-label", test_perturbation_small_label);

  return g_test_run ();
}
