/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cohort: periods, category filters, service-type narrowing, sidebar counts, and
 * the CLI's argument parsing with its error messages. Figures from the journey
 * fixture (see test-measures.c for its layout). */
#include "config.h"

#include <string.h>

#include "pathways.h"

static PathwaysDataset *
load_journey (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "journey", "cases.csv", NULL);
  g_autofree char *services = g_build_filename (TEST_DATA_DIR, "journey", "services.csv", NULL);
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  PathwaysDataset *ds;

  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  options.snapshot_day = pathways_day_from_ymd (2023, 12, 31);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

static void
check_period (const char *text,
              int y0, int m0, int d0,
              int y1, int m1, int d1)
{
  g_autoptr(GError) error = NULL;
  gint32 from = 0, to = 0;

  g_assert_true (pathways_period_parse (text, &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, pathways_day_from_ymd (y0, m0, d0));
  g_assert_cmpint (to, ==, pathways_day_from_ymd (y1, m1, d1));
}

static void
test_periods (void)
{
  static const char *bad[] = { "", "23", "2023-13", "2023-Q5", "FY2023-25", "2023-25",
                               "2023/Q1x", "FY2023", "20234", "2023-5", "May 2023", NULL };

  check_period ("2023", 2023, 1, 1, 2023, 12, 31);
  check_period ("2023-Q1", 2023, 1, 1, 2023, 3, 31);
  check_period ("2024-q1", 2024, 1, 1, 2024, 3, 31);
  check_period ("2023-Q4", 2023, 10, 1, 2023, 12, 31);
  check_period ("2024-02", 2024, 2, 1, 2024, 2, 29);
  check_period ("FY2023-24", 2023, 4, 1, 2024, 3, 31);
  check_period ("2023-24", 2023, 4, 1, 2024, 3, 31);
  check_period ("fy 1999-00", 1999, 4, 1, 2000, 3, 31);
  /* "2011-12" reads as December 2011; the FY prefix makes it a financial year */
  check_period ("2011-12", 2011, 12, 1, 2011, 12, 31);
  check_period ("FY2011-12", 2011, 4, 1, 2012, 3, 31);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      gint32 from, to;

      g_assert_false (pathways_period_parse (bad[i], &from, &to, &error));
      g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_PERIOD);
      g_assert_nonnull (strstr (error->message, "FY2023-24"));
    }
}

static void
test_arguments (void)
{
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(GError) error = NULL;
  const char * const *values;
  PathwaysPopulation pop;

  g_assert_true (pathways_filter_parse_argument (f, "referral_source=Police, Self-referral", &error));
  g_assert_no_error (error);
  g_assert_true (pathways_filter_parse_argument (f, "referral_source=Police,Not recorded", &error));
  values = pathways_filter_get_values (f, PATHWAYS_FIELD_REFERRAL_SOURCE);
  g_assert_cmpstr (values[0], ==, "Police");
  g_assert_cmpstr (values[1], ==, "Self-referral");
  g_assert_cmpstr (values[2], ==, "Not recorded");
  g_assert_null (values[3]);
  g_assert_true (pathways_filter_parse_argument (f, "service_type=Therapy", &error));
  g_assert_cmpuint (pathways_filter_get_n_fields (f), ==, 2);
  g_assert_cmpint (pathways_filter_get_field (f, 1), ==, PATHWAYS_FIELD_SERVICE_TYPE);

  g_assert_false (pathways_filter_parse_argument (f, "referral_source", &error));
  g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD);
  g_clear_error (&error);
  g_assert_false (pathways_filter_parse_argument (f, "colour=Red", &error));
  g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD);
  g_assert_nonnull (strstr (error->message, "'colour' is not a field name"));
  g_clear_error (&error);
  g_assert_false (pathways_filter_parse_argument (f, "referral_date=2023-01-01", &error));
  g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD);
  g_clear_error (&error);
  g_assert_false (pathways_filter_parse_argument (f, "gender= , ", &error));
  g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE);
  g_clear_error (&error);

  g_assert_true (pathways_filter_set_from_string (f, "2023-02-01", &error));
  g_assert_false (pathways_filter_set_to_string (f, "31/02/2023", &error));
  g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_DATE);
  g_assert_nonnull (strstr (error->message, "--to: '31/02/2023' is not a date"));
  g_clear_error (&error);
  g_assert_false (pathways_filter_set_to_string (f, "2023-02-30", &error));
  g_clear_error (&error);

  g_assert_true (pathways_population_from_string ("all", &pop, &error));
  g_assert_cmpint (pop, ==, PATHWAYS_POPULATION_ALL);
  g_assert_true (pathways_population_from_string ("closed", &pop, &error));
  g_assert_cmpint (pop, ==, PATHWAYS_POPULATION_CLOSED);
  g_assert_false (pathways_population_from_string ("open", &pop, &error));
  g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_POPULATION);
}

static void
test_apply (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(PathwaysSelection) sel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* no filter: everything */
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 30);
  g_assert_cmpuint (sel->n_selected_services, ==, 22);
  g_assert_false (sel->services_filtered);
  g_clear_pointer (&sel, pathways_selection_free);

  /* February 2023: C11..C20; their services S15 (C14), S16 (C15), S17 (C16), S18 (C17),
   * S19 (C20) */
  g_assert_true (pathways_filter_set_period (f, "2023-02", &error));
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 10);
  g_assert_cmpuint (sel->n_selected_services, ==, 5);
  g_clear_pointer (&sel, pathways_selection_free);

  /* inclusive ends: 2023-01-11 (C10) to 2023-02-01 (C11) */
  g_assert_true (pathways_filter_set_from_string (f, "2023-01-11", &error));
  g_assert_true (pathways_filter_set_to_string (f, "2023-02-01", &error));
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 2);
  g_assert_true (PATHWAYS_SELECTION_HAS (sel->cases, 9));
  g_assert_true (PATHWAYS_SELECTION_HAS (sel->cases, 10));
  g_clear_pointer (&sel, pathways_selection_free);
  pathways_filter_set_range (f, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);

  /* one field, two values OR-ed: Police (C01-C10) or Healthcare (C21-C28) = 18 */
  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Healthcare");
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 18);
  g_clear_pointer (&sel, pathways_selection_free);

  /* AND across fields: and gender Male (C21-C27) = 7 */
  pathways_filter_add_value (f, PATHWAYS_FIELD_GENDER, "Male");
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 7);
  g_clear_pointer (&sel, pathways_selection_free);
  text = pathways_filter_describe (f);
  g_assert_cmpstr (text, ==, "Referral source: Police, Healthcare · Gender: Male");
  pathways_filter_clear (f);

  /* Not recorded is selectable: referral source missing on C29, C30 */
  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Not recorded");
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 2);
  g_assert_true (PATHWAYS_SELECTION_HAS (sel->cases, 28) && PATHWAYS_SELECTION_HAS (sel->cases, 29));
  g_clear_pointer (&sel, pathways_selection_free);
  pathways_filter_clear (f);

  /* multi-category: issues Sleep problems C01-C10 */
  pathways_filter_add_value (f, PATHWAYS_FIELD_ISSUES, "Sleep problems");
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 10);
  g_clear_pointer (&sel, pathways_selection_free);
  pathways_filter_clear (f);

  /* service type narrows both: Therapy services S01 S02 S03 S04 S10 S12 S15 S16 S20
   * S21 (10) of cases C01 C02 C03 C07 C08 C14 C15 C27 C28 (9) */
  pathways_filter_add_value (f, PATHWAYS_FIELD_SERVICE_TYPE, "Therapy");
  sel = pathways_filter_apply (f, ds);
  g_assert_true (sel->services_filtered);
  g_assert_cmpuint (sel->n_selected_services, ==, 10);
  g_assert_cmpuint (sel->n_selected_cases, ==, 9);
  g_assert_false (PATHWAYS_SELECTION_HAS (sel->services, 4));   /* S05, ISVA of C03 */
  g_clear_pointer (&sel, pathways_selection_free);

  /* an unknown value matches nothing, and validate says why */
  pathways_filter_add_value (f, PATHWAYS_FIELD_GENDER, "Mle");
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 0);
  g_assert_cmpuint (sel->n_selected_services, ==, 0);
  g_assert_false (pathways_filter_validate (f, ds, &error));
  g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "'Mle' is not a value"));
  g_assert_nonnull (strstr (error->message, "Female"));
}

static void
test_sidebar_counts (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(GArray) counts = NULL;
  PathwaysColumn *source = ds->columns[PATHWAYS_FIELD_REFERRAL_SOURCE];
  PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];

  /* with Police ticked and gender Female: the referral source counts ignore their own
   * filter (Female is C01-C20: Police 10, Self-referral 10, Healthcare 0, Not recorded 0) */
  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  pathways_filter_add_value (f, PATHWAYS_FIELD_GENDER, "Female");
  counts = pathways_filter_count_values (f, ds, PATHWAYS_FIELD_REFERRAL_SOURCE);
  g_assert_cmpuint (g_array_index (counts, guint, pathways_dictionary_lookup (source->dict, "Police")), ==, 10);
  g_assert_cmpuint (g_array_index (counts, guint, pathways_dictionary_lookup (source->dict, "Self-referral")), ==, 10);
  g_assert_cmpuint (g_array_index (counts, guint, pathways_dictionary_lookup (source->dict, "Healthcare")), ==, 0);
  g_clear_pointer (&counts, g_array_unref);

  /* service types among the selected cases (Police, Female: C01-C10): cases with a
   * Therapy service C01 C02 C03 C07 C08 = 5; with Groups C06 C07 C08 = 3 */
  counts = pathways_filter_count_values (f, ds, PATHWAYS_FIELD_SERVICE_TYPE);
  g_assert_cmpuint (g_array_index (counts, guint, pathways_dictionary_lookup (types->dict, "Therapy")), ==, 5);
  g_assert_cmpuint (g_array_index (counts, guint, pathways_dictionary_lookup (types->dict, "Groups")), ==, 3);
  g_clear_pointer (&counts, g_array_unref);

  /* issues counts: Anxiety C01-C10 → 10, Sleep problems 10 */
  counts = pathways_filter_count_values (f, ds, PATHWAYS_FIELD_ISSUES);
  g_assert_cmpuint (g_array_index (counts, guint,
                                   pathways_dictionary_lookup (ds->columns[PATHWAYS_FIELD_ISSUES]->dict, "Anxiety")), ==, 10);
}

static void
test_copy_equal (void)
{
  g_autoptr(PathwaysFilter) a = pathways_filter_new ();
  g_autoptr(PathwaysFilter) b = NULL;

  pathways_filter_add_value (a, PATHWAYS_FIELD_GENDER, "Female");
  pathways_filter_add_value (a, PATHWAYS_FIELD_GENDER, "Male");
  pathways_filter_set_range (a, 100, 200);
  b = pathways_filter_copy (a);
  g_assert_true (pathways_filter_equal (a, b));
  pathways_filter_remove_value (b, PATHWAYS_FIELD_GENDER, "Male");
  g_assert_false (pathways_filter_equal (a, b));
  pathways_filter_remove_value (b, PATHWAYS_FIELD_GENDER, "Female");
  g_assert_false (pathways_filter_has_field (b, PATHWAYS_FIELD_GENDER));
  pathways_filter_clear (a);
  g_assert_true (pathways_filter_is_empty (a));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/filter/periods", test_periods);
  g_test_add_func ("/pathways/filter/arguments", test_arguments);
  g_test_add_func ("/pathways/filter/apply", test_apply);
  g_test_add_func ("/pathways/filter/sidebar-counts", test_sidebar_counts);
  g_test_add_func ("/pathways/filter/copy-equal", test_copy_equal);

  return g_test_run ();
}
