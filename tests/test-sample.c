/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shipped sample dataset (data/sample, docs/sample-data.md): two files and the
 * DPMS-style long export of the same 6,457 cases, with 11 planted problems. */
#include "config.h"

#include "pathways.h"
#include "sample-fixture.h"

static PathwaysDataset *
import_sample (void)
{
  return sample_fixture_import (NULL);
}

static guint
count_persons (PathwaysDataset *ds)
{
  PathwaysColumn *persons = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  return persons->key_strings->len - 1;
}

/* Planted (docs/sample-data.md): 3 closures before referral + 2 service starts before
 * the waiting-list date = 5 durations running backwards; 2 impossible dates; 1
 * duplicated case ID; 2 orphan services; 1 closure in 2202, after the snapshot. */
static void
check_planted (PathwaysDataset *ds,
               gboolean         long_file)
{
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_NEGATIVE_DURATION), ==, 5);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_IMPOSSIBLE_DATE), ==, 2);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DATE_OUT_OF_RANGE), ==, 1);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD), ==, 0);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DATE_ORDER_ASSUMED), ==, 0);
  if (!long_file)
    {
      g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DUPLICATE_CASE_ID), ==, 1);
      g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_ORPHAN_SERVICE), ==, 2);
    }
}

/* Counts per value of FIELD in A equal those in B, whatever the codes. */
static void
assert_same_distribution (PathwaysDataset *a,
                          PathwaysDataset *b,
                          PathwaysField    field)
{
  PathwaysColumn *ca = a->columns[field];
  PathwaysColumn *cb = b->columns[field];
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (ca);
  g_assert_nonnull (cb);
  g_assert_cmpuint (ca->n_rows, ==, cb->n_rows);
  for (guint i = 0; i < ca->n_rows; i++)
    {
      const char *v = pathways_dictionary_get (ca->dict, ca->codes[i]);
      g_hash_table_insert (counts, (gpointer) v, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (counts, v)) + 1));
    }
  for (guint i = 0; i < cb->n_rows; i++)
    {
      const char *v = pathways_dictionary_get (cb->dict, cb->codes[i]);
      int n = GPOINTER_TO_INT (g_hash_table_lookup (counts, v));
      if (n == 0)
        g_error ("%s: “%s” is in one import and not the other", pathways_field_get_name (field), v);
      g_hash_table_insert (counts, (gpointer) v, GINT_TO_POINTER (n - 1));
    }
}

static void
test_two_files (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();

  g_assert_cmpuint (ds->n_cases, ==, 6457);
  g_assert_cmpuint (ds->n_services, ==, 6482);
  g_assert_cmpuint (count_persons (ds), ==, 5288);
  /* the 2202 closure is not taken as the snapshot: dates after today never are */
  g_assert_cmpint (ds->snapshot_day, ==, pathways_day_from_ymd (2023, 5, 5));
  check_planted (ds, FALSE);
}

/* The long export holds the same cases: the same counts after splitting. */
static void
test_dpms_long_file (void)
{
  g_autofree char *dir = pathways_sample_get_dir ();
  g_autofree char *path = g_build_filename (dir, "dpms-export.csv", NULL);
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysDataset) two = import_sample ();
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0 };
  PathwaysColumn *source;
  int police;
  guint n_police = 0, n_police_two = 0;

  mapping = pathways_mapping_new_preset ("dpms", &error);
  g_assert_no_error (error);
  options.cases_path = path;
  options.mapping = mapping;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (ds->n_cases, ==, two->n_cases);
  g_assert_cmpuint (ds->n_services, ==, two->n_services);
  g_assert_cmpuint (count_persons (ds), ==, 5288);
  check_planted (ds, TRUE);

  /* the preset's groupings give the sample file's canonical values back */
  assert_same_distribution (ds, two, PATHWAYS_FIELD_REFERRAL_SOURCE);
  assert_same_distribution (ds, two, PATHWAYS_FIELD_PRIMARY_INCIDENT);
  assert_same_distribution (ds, two, PATHWAYS_FIELD_TIME_BEFORE_SUPPORT);
  assert_same_distribution (ds, two, PATHWAYS_FIELD_SERVICE_TYPE);

  /* the preset groups "Essex Police", "British Transport Police"... into Police, which
   * the sample file writes as Police already: the same number of police referrals */
  source = ds->columns[PATHWAYS_FIELD_REFERRAL_SOURCE];
  police = pathways_dictionary_lookup (source->dict, "Police");
  g_assert_cmpint (police, >, 0);
  for (guint i = 0; i < ds->n_cases; i++)
    n_police += source->codes[i] == police;
  source = two->columns[PATHWAYS_FIELD_REFERRAL_SOURCE];
  police = pathways_dictionary_lookup (source->dict, "Police");
  for (guint i = 0; i < two->n_cases; i++)
    n_police_two += source->codes[i] == police;
  g_assert_cmpuint (n_police, ==, n_police_two);
}

static double
cell_value (PathwaysReport *report,
            const char     *id,
            const char     *key,
            const char     *row,
            const char     *column)
{
  PathwaysCell *cell = pathways_report_get_cell (report, id, key, row, column);

  if (cell == NULL || !cell->defined)
    g_error ("no figure %s/%s/%s/%s", id, key ? key : "-", row, column);
  return cell->value;
}

/* The sample follows the published analysis (reference-figures.md): planned closure
 * about 34 % of closed cases, about 26 % for police referrals and 43 % for
 * self-referrals, and the largest loss before assessment: a third of closed cases are
 * never assessed, more than leave at any later step. */
static void
test_published_shape (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysReport) report = NULL;
  PathwaysReportOptions options;
  double referred, assessed, before_assessment;
  const char *later[] = { "service_allocated", "service_started", "planned_closure" };

  pathways_report_options_init (&options);
  report = pathways_report_new (ds, filter, &options);

  g_assert_cmpfloat_with_epsilon (cell_value (report, "closure_reasons", NULL, "Planned closure", "pct"), 34.0, 2.0);
  g_assert_cmpfloat_with_epsilon (cell_value (report, "planned_closure_rates", "referral_source", "Police", "rate"), 26.0, 2.0);
  g_assert_cmpfloat_with_epsilon (cell_value (report, "planned_closure_rates", "referral_source", "Self-referral", "rate"), 43.0, 2.0);

  referred = cell_value (report, "funnel", NULL, "referred", "count");
  assessed = cell_value (report, "funnel", NULL, "assessed", "count");
  before_assessment = referred - assessed;
  g_assert_cmpfloat_with_epsilon (100.0 * before_assessment / referred, 34.0, 3.0);
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    g_assert_cmpfloat (cell_value (report, "funnel", NULL, later[i], "drop"), <, before_assessment);
  /* nearly half of closed cases end before receiving any service */
  g_assert_cmpfloat_with_epsilon (100.0 * cell_value (report, "funnel", NULL, "service_started", "count") / referred,
                                  50.0, 4.0);
}

static void
assert_row_order (PathwaysReport     *report,
                  const char         *id,
                  const char         *key,
                  const char * const *expected)
{
  PathwaysReportTable *table = pathways_report_get_table (report, id, key);
  guint n = g_strv_length ((char **) expected);

  g_assert_nonnull (table);
  g_assert_cmpuint (table->rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (table->rows, i))->id, ==, expected[i]);
}

/* Bands are listed in their own order, whatever order the export first used them in
 * (the sample's first case is "More than 2 years", "25–34"), with Not recorded last. */
static void
test_band_order (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysReport) report = NULL;
  PathwaysReportOptions options;
  const char * const time_bands[] = {
    "Less than a week", "1 week to 1 month", "1 to 6 months", "6 to 12 months",
    "1 to 2 years", "More than 2 years", NULL,
  };
  const char * const age_bands[] = {
    "18–24", "25–34", "35–44", "45–54", "55–64", "65–74", "75+", "Not recorded", NULL,
  };

  pathways_report_options_init (&options);
  report = pathways_report_new (ds, filter, &options);
  assert_row_order (report, "time_before_support", NULL, time_bands);
  assert_row_order (report, "cases_per_person", NULL, age_bands);
  assert_row_order (report, "planned_closure_rates", "age_band", age_bands);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/sample/two-files", test_two_files);
  g_test_add_func ("/pathways/sample/dpms-long-file", test_dpms_long_file);
  g_test_add_func ("/pathways/sample/published-shape", test_published_shape);
  g_test_add_func ("/pathways/sample/band-order", test_band_order);

  return g_test_run ();
}
