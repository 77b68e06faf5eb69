/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cohort: periods, category filters, service-type narrowing, sidebar counts, and
 * the CLI's argument parsing with its error messages, and the funnel-stage filter.
 * Figures from the journey fixture (see test-measures.c for its layout). */
#include "config.h"

#include <string.h>

#include "pathways.h"
#include "sample-fixture.h"
#include "journey-fixture.h"

static PathwaysDataset *
load_journey (void)
{
  return journey_fixture_load ();
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
      g_assert_error (error, PATHWAYS_PERIOD_ERROR, PATHWAYS_PERIOD_ERROR_INVALID);
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
  /* every service's bit set, none past the last (one word of 22 bits) */
  g_assert_cmphex (sel->services[0], ==, (G_GUINT64_CONSTANT (1) << 22) - 1);
  g_assert_cmphex (sel->cases[0], ==, (G_GUINT64_CONSTANT (1) << 30) - 1);
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

static PathwaysDataset *
load_sample (void)
{
  return sample_fixture_import (NULL);
}

/* For every stage the funnel shows, the cases kept by the stage filter are the
 * stage's count in the funnel of all cases (pathways_measures), with FILTER's other
 * conditions (not its stage) in force for both. Returns how many stages were checked. */
static guint
check_stages_match_funnel (PathwaysDataset *ds,
                           PathwaysFilter  *filter)
{
  g_autoptr(PathwaysMeasuresCache) cache = pathways_measures_cache_new (ds);
  g_autoptr(PathwaysSelection) all = NULL;
  g_autoptr(PathwaysMeasures) m = NULL;
  g_autoptr(PathwaysFilter) f = pathways_filter_copy (filter);
  PathwaysMeasuresOptions options;
  guint checked = 0;

  /* the funnel of the cohort without a stage */
  g_assert_true (pathways_filter_set_stage (f, NULL, NULL));
  all = pathways_filter_apply (f, ds);
  pathways_measures_options_init (&options);
  options.population = PATHWAYS_POPULATION_ALL;
  m = pathways_measures_compute (ds, cache, all, &options);

  for (guint s = 0; s < PATHWAYS_N_STAGES; s++)
    {
      g_autoptr(PathwaysSelection) sel = NULL;
      g_autoptr(GError) error = NULL;
      const char *id = pathways_stage_get_id (s);

      g_assert_cmpint (pathways_filter_stage_is_offered (ds, id), ==, m->stage_shown[s]);
      g_assert_true (pathways_filter_set_stage (f, id, &error));
      g_assert_no_error (error);
      sel = pathways_filter_apply (f, ds);
      if (!m->stage_shown[s])
        {
          /* not offered: nothing matches, and validate says why */
          g_assert_cmpuint (sel->n_selected_cases, ==, 0);
          g_assert_false (pathways_filter_validate (f, ds, &error));
          g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_NOT_MAPPED);
          continue;
        }
      g_assert_true (pathways_filter_validate (f, ds, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (sel->n_selected_cases, ==, m->stage_count[s]);
      /* a stage only ever narrows the cohort */
      for (guint w = 0; w < (ds->n_cases + 63) / 64; w++)
        g_assert_cmpuint (sel->cases[w] & ~all->cases[w], ==, 0);
      checked++;
    }
  return checked;
}

static void
test_stage (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(PathwaysFilter) g = NULL;
  g_autoptr(PathwaysSelection) sel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  static const struct { const char *stage; guint n; } expected[] = {
    /* worked out in test-measures.c: all cases 30, 24, 18, 15, 12, 8 */
    { "referred", 30 }, { "contacted", 24 }, { "assessed", 18 },
    { "service_allocated", 15 }, { "service_started", 12 }, { "planned_closure", 8 },
  };

  g_assert_null (pathways_filter_get_stage (f));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      g_assert_true (pathways_filter_set_stage (f, expected[k].stage, &error));
      g_assert_no_error (error);
      sel = pathways_filter_apply (f, ds);
      g_assert_cmpuint (sel->n_selected_cases, ==, expected[k].n);
      g_clear_pointer (&sel, pathways_selection_free);
    }
  g_assert_cmpuint (check_stages_match_funnel (ds, f), ==, PATHWAYS_N_STAGES);

  /* by hand: C08 has no contact and no assessment date, but a started service and a
   * planned closure, so it reached "contacted"; C20 has no assessment date but a
   * service (S19, not started), so it reached "assessed" but not "service_started";
   * C21 (closed without a reason, nothing else) reached nothing after "referred" */
  g_assert_true (pathways_filter_set_stage (f, "contacted", &error));
  sel = pathways_filter_apply (f, ds);
  g_assert_true (PATHWAYS_SELECTION_HAS (sel->cases, 7));
  g_assert_false (PATHWAYS_SELECTION_HAS (sel->cases, 20));
  g_clear_pointer (&sel, pathways_selection_free);
  g_assert_true (pathways_filter_set_stage (f, "assessed", &error));
  sel = pathways_filter_apply (f, ds);
  g_assert_true (PATHWAYS_SELECTION_HAS (sel->cases, 19));
  g_assert_false (PATHWAYS_SELECTION_HAS (sel->cases, 10));   /* C11: contact only */
  g_clear_pointer (&sel, pathways_selection_free);
  g_assert_true (pathways_filter_set_stage (f, "service_started", &error));
  sel = pathways_filter_apply (f, ds);
  g_assert_false (PATHWAYS_SELECTION_HAS (sel->cases, 19));
  g_assert_true (PATHWAYS_SELECTION_HAS (sel->cases, 27));    /* C28: S21 started */
  /* the services kept are those of the cases kept: C01-C08 (S01-S14), C15 (S16),
   * C16 (S17), C17 (S18), C28 (S21, S22) = 19 */
  g_assert_cmpuint (sel->n_selected_services, ==, 19);
  g_clear_pointer (&sel, pathways_selection_free);

  /* with a referral source: Self-referral C11-C20 reached "assessed": C13-C17, C19
   * (dates) and C20 (a service) = 7 */
  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Self-referral");
  g_assert_true (pathways_filter_set_stage (f, "assessed", &error));
  sel = pathways_filter_apply (f, ds);
  g_assert_cmpuint (sel->n_selected_cases, ==, 7);
  g_clear_pointer (&sel, pathways_selection_free);
  g_assert_cmpuint (check_stages_match_funnel (ds, f), ==, PATHWAYS_N_STAGES);

  /* described, copied, compared, cleared */
  text = pathways_filter_describe (f);
  g_assert_cmpstr (text, ==, "Referral source: Self-referral · Reached: Assessed");
  g = pathways_filter_copy (f);
  g_assert_cmpstr (pathways_filter_get_stage (g), ==, "assessed");
  g_assert_true (pathways_filter_equal (f, g));
  g_assert_true (pathways_filter_set_stage (g, "contacted", &error));
  g_assert_false (pathways_filter_equal (f, g));
  pathways_filter_clear_field (g, PATHWAYS_FIELD_REFERRAL_SOURCE);
  g_assert_false (pathways_filter_is_empty (g));
  g_assert_true (pathways_filter_set_stage (g, NULL, &error));
  g_assert_true (pathways_filter_is_empty (g));
  /* "referred" is every case: no filter */
  g_assert_true (pathways_filter_set_stage (g, "referred", &error));
  g_assert_null (pathways_filter_get_stage (g));
  pathways_filter_clear (f);
  g_assert_null (pathways_filter_get_stage (f));
  g_assert_true (pathways_filter_is_empty (f));

  /* an unknown stage is refused and leaves the filter as it was */
  g_assert_true (pathways_filter_set_stage (f, "assessed", &error));
  g_assert_false (pathways_filter_set_stage (f, "assessment", &error));
  g_assert_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "'assessment'"));
  g_assert_nonnull (strstr (error->message, "service_allocated"));
  g_assert_cmpstr (pathways_filter_get_stage (f), ==, "assessed");

  /* the sidebar counts honour the stage: Police cases that reached "assessed" are
   * C01-C08 (8: C05 and C08 through their services); Self-referral 7 */
  {
    g_autoptr(GArray) counts = pathways_filter_count_values (f, ds, PATHWAYS_FIELD_REFERRAL_SOURCE);
    PathwaysColumn *source = ds->columns[PATHWAYS_FIELD_REFERRAL_SOURCE];

    g_assert_cmpuint (g_array_index (counts, guint, pathways_dictionary_lookup (source->dict, "Police")), ==, 8);
    g_assert_cmpuint (g_array_index (counts, guint, pathways_dictionary_lookup (source->dict, "Self-referral")), ==, 7);
  }
}

static void
test_stage_unmapped (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "journey", "cases.csv", NULL);
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  PathwaysImportOptions options = { 0, };

  /* no services file and no assessment column: those stages are not offered */
  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_ASSESSMENT_DATE, NULL);
  for (guint field = 0; field < PATHWAYS_N_FIELDS; field++)
    if (pathways_field_get_table (field) == PATHWAYS_TABLE_SERVICES)
      pathways_mapping_set_column (mapping, field, NULL);
  options.cases_path = cases;
  options.mapping = mapping;
  options.snapshot_day = pathways_day_from_ymd (2023, 12, 31);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ds->has_services);

  g_assert_true (pathways_filter_stage_is_offered (ds, "contacted"));
  g_assert_false (pathways_filter_stage_is_offered (ds, "assessed"));
  g_assert_false (pathways_filter_stage_is_offered (ds, "service_allocated"));
  g_assert_false (pathways_filter_stage_is_offered (ds, "service_started"));
  g_assert_true (pathways_filter_stage_is_offered (ds, "planned_closure"));
  g_assert_false (pathways_filter_stage_is_offered (ds, "no_such_stage"));
  /* referred, contacted, planned_closure */
  g_assert_cmpuint (check_stages_match_funnel (ds, f), ==, 3);
}

static void
test_stage_sample (void)
{
  g_autoptr(PathwaysDataset) ds = load_sample ();
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (check_stages_match_funnel (ds, f), ==, PATHWAYS_N_STAGES);
  /* and within a group and a period, and with a service-level filter (the evidence
   * still comes from every service of the case, as in the funnel) */
  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  g_assert_true (pathways_filter_set_period (f, "FY2022-23", &error));
  g_assert_cmpuint (check_stages_match_funnel (ds, f), ==, PATHWAYS_N_STAGES);
  pathways_filter_clear (f);
  pathways_filter_add_value (f, PATHWAYS_FIELD_SERVICE_TYPE, "Therapy");
  g_assert_cmpuint (check_stages_match_funnel (ds, f), ==, PATHWAYS_N_STAGES);
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
  g_test_add_func ("/pathways/filter/stage", test_stage);
  g_test_add_func ("/pathways/filter/stage-unmapped", test_stage_unmapped);
  g_test_add_func ("/pathways/filter/stage-sample", test_stage_sample);

  return g_test_run ();
}
