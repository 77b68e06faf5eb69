/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Measures on the hand-made journey fixture (tests/data/journey: cases.csv with
 * services-extended.csv, 40 services), every figure worked out by hand, plus invariants
 * on a generated random dataset. (services.csv holds the first 22 services only; other
 * tests use it.)
 *
 * The fixture: 30 cases C01..C30 referred 2023-01-02..01-11 (C01-C10), 2023-02-01..02-10
 * (C11-C20), 2023-03-01..03-10 (C21-C30); snapshot 2023-12-31. Offsets below are days
 * after the case's referral. C01-C24 are closed, C25-C30 open.
 *   closure reasons: C01-C08 Planned closure, C09-C14 Did not engage, C15-C17
 *   Disengaged, C18-C20 Referred on, C21-C22 none, C23-C24 Declined service.
 *   contact offsets: C01 3, C02 10, C03 0, C04 30, C05 7, C06 8, C07 28, C11 5, C12 60,
 *   C13 2, C14 14, C15 1, C16 29, C17 100, C18 4, C19 6, C20 9, C22 200, C23 12, C25 20,
 *   C27 3, C28 2, C29 15 (others none).
 *   assessment offsets: C01 20, C02 30, C03 5, C04 40, C06 60, C07 28, C13 10, C14 20,
 *   C15 15, C16 35, C17 120, C19 29, C27 10, C28 7, C29 50.
 *   closure offsets: C01 100, C02 150, C03 200, C04 90, C05 120, C06 180, C07 250,
 *   C08 300, C09 30, C10 45, C11 60, C12 90, C13 40, C14 70, C15 200, C16 130, C17 210,
 *   C18 20, C19 50, C20 80, C21 10, C22 230, C23 25, C24 -10 (backwards).
 *   services (type, service referral offset or case's, start, end, reason):
 *   S01 C01 Therapy 5/15/100 Planned ending; S02 C02 Therapy -/40/150 Planned ending;
 *   S03 C02 Therapy 50/60/150 Disengaged; S04 C03 Therapy 5/105/200 Planned ending;
 *   S05 C03 ISVA 5/5/200 Planned ending; S06 C04 Advocacy -/45/90 Planned ending;
 *   S07 C05 ISVA 1/8/120 Planned ending; S08 C05 Advocacy 1/1/120 Did not engage;
 *   S09 C06 Groups -/70/180 Planned ending; S10 C07 Therapy 30/230/250 Planned ending;
 *   S11 C07 Groups 30/-/- Did not engage; S12 C08 Therapy 10/110/300 Planned ending;
 *   S13 C08 Advocacy 10/12/300 Planned ending; S14 C08 Groups 10/20/60 (no reason);
 *   S15 C14 Therapy -/-/70 Did not engage; S16 C15 Therapy 20/80/200 Disengaged;
 *   S17 C16 Advocacy -/50/130 Disengaged; S18 C17 (no type) -/130/210 Disengaged;
 *   S19 C20 ISVA 10/-/80 Declined service; S20 C27 Therapy 10/-/- open;
 *   S21 C28 Therapy 5/30/- open; S22 C28 Advocacy 5/-/- open.
 *   Then S23-S40, chosen so that every service-level situation occurs (each type, open
 *   services, closure by each class, service waits running backwards, services with
 *   missing dates) while the case-level figures stay as above: each goes to a case
 *   that has a service already, of a kind that keeps its service mix, and a start, if
 *   any, later than the case's first (dates: service referral / start / end):
 *   S23 C01 Therapy 2023-01-20/02-01/04-12 Referred on (wait 12);
 *   S24 C02 Therapy 03-01/02-20/06-02 Planned ending (start before its referral:
 *   negative); S25 C14 Therapy -/-/- (no dates, no reason: open, waiting since C14's
 *   referral 2023-02-04); S26 C15 Therapy 03-01/05-10/08-24 Did not engage (70);
 *   S27 C28 Therapy 04-03/05-03/- open (30); S28 C03 ISVA 02-01/02-15/07-23 Referred
 *   on (14); S29 C05 ISVA 02-10/02-03/05-06 Disengaged (negative); S30 C08 ISVA
 *   03-20/04-30/11-05 Planned ending (41); S31 C16 ISVA 03-01/-/- open, not started;
 *   S32 C28 ISVA 06-01/06-21/- open (20); S33 C04 Advocacy 02-20/03-02/04-05 Did not
 *   engage (10); S34 C20 Advocacy 03-01/-/04-01 Referred on (closed, not started);
 *   S35 C08 Advocacy -/05-01/11-05 no reason (112 from C08's referral 2023-01-09;
 *   closed by its end date: not recorded); S36 C06 Groups 04-01/04-15/07-06
 *   Disengaged (14); S37 C07 Groups 03-01/-/- open, not started; S38 C02 Groups
 *   02-10/03-10/06-02 Planned ending (28); S39 C17 (no type) 06-11/07-01/09-05
 *   Referred on (20); S40 C17 (no type) -/-/- Did not engage (closed by its reason).
 *   Mixes stay: ISVA and Advocacy are both advocacy, Groups and no type other.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways.h"
#include "journey-fixture.h"

static PathwaysDataset *
load_journey_unmapping (int unmapped)
{
  return journey_fixture_load_full ("services-extended.csv", unmapped);
}

static PathwaysDataset *
load_journey (void)
{
  return load_journey_unmapping (-1);
}

static double
value (PathwaysReport *report,
       const char     *id,
       const char     *key,
       const char     *row,
       const char     *col)
{
  PathwaysCell *cell = pathways_report_get_cell (report, id, key, row, col);

  if (cell == NULL)
    g_error ("no cell %s/%s/%s/%s", id, key ? key : "", row, col);
  g_assert_true (cell->defined);
  return cell->value;
}

static PathwaysReport *
journey_report (PathwaysDataset    *ds,
                PathwaysFilter     *filter,
                PathwaysPopulation  population)
{
  PathwaysReportOptions options;

  pathways_report_options_init (&options);
  options.measures.population = population;
  return pathways_report_new (ds, filter, &options);
}

static void
test_fixture_shape (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysReport) r = journey_report (ds, NULL, PATHWAYS_POPULATION_CLOSED);

  g_assert_cmpuint (ds->n_cases, ==, 30);
  g_assert_cmpuint (ds->n_services, ==, 40);
  g_assert_cmpfloat (value (r, "dataset", NULL, "dataset", "cases"), ==, 30);
  g_assert_cmpfloat (value (r, "dataset", NULL, "dataset", "services"), ==, 40);
  /* P01..P30 with P25 missing (C25 is P05's second case): 29 people */
  g_assert_cmpfloat (value (r, "dataset", NULL, "dataset", "persons"), ==, 29);
  g_assert_cmpfloat (value (r, "dataset", NULL, "dataset", "closed_cases"), ==, 24);
  g_assert_cmpfloat (value (r, "dataset", NULL, "dataset", "open_cases"), ==, 6);
  g_assert_cmpfloat (value (r, "cohort", NULL, "cohort", "closed_cases"), ==, 24);
}

static void
check_stage (PathwaysReport *r,
             const char     *stage,
             double          count,
             double          pct_first,
             double          pct_prev,
             double          drop)
{
  g_assert_cmpfloat (value (r, "funnel", NULL, stage, "count"), ==, count);
  g_assert_cmpfloat_with_epsilon (value (r, "funnel", NULL, stage, "pct_of_first"), pct_first, 1e-9);
  g_assert_cmpfloat_with_epsilon (value (r, "funnel", NULL, stage, "pct_of_previous"), pct_prev, 1e-9);
  g_assert_cmpfloat (value (r, "funnel", NULL, stage, "drop"), ==, drop);
}

static void
test_funnel (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysReport) closed = journey_report (ds, NULL, PATHWAYS_POPULATION_CLOSED);
  g_autoptr(PathwaysReport) all = journey_report (ds, NULL, PATHWAYS_POPULATION_ALL);
  PathwaysReportTable *t = pathways_report_get_table (closed, "funnel", NULL);

  /* highest stage reached, closed cases: L0 (none) C09 C10 C21 C24 = 4;
   * L1 contacted C11 C12 C18 C22 C23 = 5; L2 assessed C13 C19 = 2;
   * L3 service allocated C14 C20 (C20 has no assessment date: counts as assessed) = 2;
   * L4 service started C15 C16 C17 = 3; L5 planned C01-C08 = 8 (C08 has no contact
   * date: later evidence implies it). Stage counts are suffix sums. */
  g_assert_cmpuint (t->rows->len, ==, 6);
  check_stage (closed, "referred", 24, 100, 100, 0);
  check_stage (closed, "contacted", 20, 100.0 * 20 / 24, 100.0 * 20 / 24, 4);
  check_stage (closed, "assessed", 15, 100.0 * 15 / 24, 100.0 * 15 / 20, 5);
  check_stage (closed, "service_allocated", 13, 100.0 * 13 / 24, 100.0 * 13 / 15, 2);
  check_stage (closed, "service_started", 11, 100.0 * 11 / 24, 100.0 * 11 / 13, 2);
  check_stage (closed, "planned_closure", 8, 100.0 * 8 / 24, 100.0 * 8 / 11, 3);

  /* all cases add the open ones: C25 L1, C26 L0, C27 L3, C28 L4, C29 L2, C30 L0:
   * L0 6, L1 6, L2 3, L3 3, L4 4, L5 8 → 30, 24, 18, 15, 12, 8 */
  check_stage (all, "referred", 30, 100, 100, 0);
  check_stage (all, "contacted", 24, 80, 80, 6);
  check_stage (all, "assessed", 18, 60, 75, 6);
  check_stage (all, "service_allocated", 15, 50, 100.0 * 15 / 18, 3);
  check_stage (all, "service_started", 12, 40, 80, 3);
  check_stage (all, "planned_closure", 8, 100.0 * 8 / 30, 100.0 * 8 / 12, 4);
}

static void
test_funnel_unmapped_stage (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey_unmapping (PATHWAYS_FIELD_ASSESSMENT_DATE);
  g_autoptr(PathwaysReport) r = NULL;
  PathwaysReportTable *t;

  /* without an assessment column the stage is left out and "contacted" is followed
   * directly by "service_allocated" */
  g_assert_null (ds->columns[PATHWAYS_FIELD_ASSESSMENT_DATE]);
  r = journey_report (ds, NULL, PATHWAYS_POPULATION_CLOSED);
  t = pathways_report_get_table (r, "funnel", NULL);
  g_assert_cmpuint (t->rows->len, ==, 5);
  g_assert_null (pathways_report_get_cell (r, "funnel", NULL, "assessed", "count"));
  /* L2 cases (C13, C19) fall back to contacted: 24, 20, 13, 11, 8 */
  check_stage (r, "contacted", 20, 100.0 * 20 / 24, 100.0 * 20 / 24, 4);
  check_stage (r, "service_allocated", 13, 100.0 * 13 / 24, 100.0 * 13 / 20, 7);
}

/* Whether case I closed with a reason the mapping classes as planned */
static gboolean
closed_as_planned (PathwaysDataset *ds,
                   guint            i)
{
  PathwaysColumn *reasons = ds->columns[PATHWAYS_FIELD_CLOSURE_REASON];

  return reasons != NULL && reasons->codes[i] != 0 && pathways_dataset_case_is_closed (ds, i) &&
         pathways_mapping_get_closure_class (ds->mapping, pathways_dictionary_get (reasons->dict, reasons->codes[i]))
         == PATHWAYS_CLOSURE_PLANNED;
}

static void
test_stages (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysDataset) no_assess = load_journey_unmapping (PATHWAYS_FIELD_ASSESSMENT_DATE);
  PathwaysColumn *ids = ds->columns[PATHWAYS_FIELD_CASE_ID];
  /* the furthest stage of C01..C30, as in test_funnel */
  static const PathwaysStage reached[30] = {
    5, 5, 5, 5, 5, 5, 5, 5, 0, 0,
    1, 1, 2, 3, 4, 4, 4, 1, 2, 3,
    0, 1, 1, 0, 1, 0, 3, 4, 2, 0,
  };

  for (int st = 0; st < PATHWAYS_N_STAGES; st++)
    {
      g_assert_cmpint (pathways_stage_from_id (pathways_stage_get_id (st)), ==, st);
      g_assert_true (pathways_stage_is_recorded (ds, st));
      g_assert_true (pathways_stage_is_recorded (no_assess, st) == (st != PATHWAYS_STAGE_ASSESSED));
    }
  g_assert_cmpint (pathways_stage_from_id ("closed"), ==, -1);
  g_assert_cmpint (pathways_stage_from_id (NULL), ==, -1);

  g_assert_cmpuint (ds->n_cases, ==, G_N_ELEMENTS (reached));
  for (guint i = 0; i < ds->n_cases; i++)
    {
      g_autofree char *id = g_strdup_printf ("C%02u", i + 1);
      PathwaysStage expected = reached[i];

      g_assert_cmpstr (g_ptr_array_index (ids->key_strings, ids->keys[i]), ==, id);
      g_assert_cmpint (pathways_stage_reached (ds, i, closed_as_planned (ds, i)), ==, expected);
      /* without assessment dates, the assessed cases (C13, C19, C29) were contacted */
      if (expected == PATHWAYS_STAGE_ASSESSED)
        expected = PATHWAYS_STAGE_CONTACTED;
      g_assert_cmpint (pathways_stage_reached (no_assess, i, closed_as_planned (no_assess, i)), ==, expected);
    }
}

static void
test_closure_reasons (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysReport) r = journey_report (ds, NULL, PATHWAYS_POPULATION_CLOSED);
  PathwaysReportTable *t = pathways_report_get_table (r, "closure_reasons", NULL);
  static const char *order[] = { "Planned closure", "Referred on", "Did not engage",
                                 "Disengaged", "Declined service", "Not recorded" };
  static const double counts[] = { 8, 3, 6, 3, 2, 2 };
  static const char *classes[] = { "planned", "other", "unplanned", "unplanned", "unplanned", "not-recorded" };

  /* base 24 closed; order: class planned, other, unplanned, not recorded, then count */
  g_assert_cmpfloat (t->base.value, ==, 24);
  g_assert_cmpuint (t->rows->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i);
      g_assert_cmpstr (row->id, ==, order[i]);
      g_assert_cmpfloat (row->cells[2].value, ==, counts[i]);
      g_assert_cmpfloat_with_epsilon (row->cells[3].value, 100.0 * counts[i] / 24, 1e-9);
      g_assert_cmpstr (row->cells[1].text, ==, pathways_closure_class_to_string (
                         g_str_equal (classes[i], "planned") ? PATHWAYS_CLOSURE_PLANNED :
                         g_str_equal (classes[i], "other") ? PATHWAYS_CLOSURE_OTHER :
                         g_str_equal (classes[i], "unplanned") ? PATHWAYS_CLOSURE_UNPLANNED :
                         PATHWAYS_CLOSURE_NOT_RECORDED));
    }

  /* Therapy services closed (an end date or a reason): S01 S02 S03 S04 S10 S12 S15 S16
   * S23 S24 S26 = 11 (S20 S21 S25 S27 open): Planned ending 6 (S01 S02 S04 S10 S12 S24)
   * = 54.5 %, Referred on 1 (S23, class other: listed right after the planned), then
   * the unplanned: Disengaged 2 (S03 S16), Did not engage 2 (S15 S26) */
  t = pathways_report_get_table (r, "service_closure_reasons", "Therapy");
  g_assert_nonnull (t);
  g_assert_cmpfloat (t->base.value, ==, 11);
  g_assert_cmpuint (t->rows->len, ==, 4);
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (t->rows, 0))->id, ==, "Planned ending");
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (t->rows, 1))->id, ==, "Referred on");
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (t->rows, 1))->cells[1].text, ==, "other");
  g_assert_cmpfloat_with_epsilon (value (r, "service_closure_reasons", "Therapy", "Planned ending", "pct"), 100.0 * 6 / 11, 1e-9);
  g_assert_cmpfloat_with_epsilon (value (r, "service_closure_reasons", "Therapy", "Disengaged", "pct"), 100.0 * 2 / 11, 1e-9);
  g_assert_cmpfloat (value (r, "service_closure_reasons", "Therapy", "Did not engage", "count"), ==, 2);
  g_assert_cmpfloat (value (r, "service_closure_reasons", "Therapy", "Referred on", "count"), ==, 1);
  {
    /* 1 of 11 = 9.0909 %: below 10 % displays keep one decimal, 9.1 % */
    g_autofree char *shown = pathways_cell_format (pathways_report_get_cell (r, "service_closure_reasons", "Therapy",
                                                                           "Referred on", "pct"), 0);
    g_assert_cmpstr (shown, ==, "9.1 %");
  }
  /* ISVA: S05 S07 S30 Planned ending, S19 Declined service, S28 Referred on, S29
   * Disengaged closed (6); S31 S32 open. Planned 3 of 6 = 50 % */
  g_assert_cmpfloat (pathways_report_get_table (r, "service_closure_reasons", "ISVA")->base.value, ==, 6);
  g_assert_cmpfloat (value (r, "service_closure_reasons", "ISVA", "Planned ending", "pct"), ==, 50);
  g_assert_cmpfloat (value (r, "service_closure_reasons", "ISVA", "Declined service", "count"), ==, 1);
  /* Groups: S09 S38 Planned ending, S11 Did not engage, S14 closed by its end date with
   * no reason, S36 Disengaged: base 5, Not recorded 1 = 20 %; S37 open */
  g_assert_cmpfloat (value (r, "service_closure_reasons", "Groups", "Not recorded", "count"), ==, 1);
  g_assert_cmpfloat (value (r, "service_closure_reasons", "Groups", "Not recorded", "pct"), ==, 20);
  g_assert_cmpfloat (pathways_report_get_table (r, "service_closure_reasons", "Groups")->base.value, ==, 5);
  /* Advocacy: S22 is open; S06 S13 Planned ending, S34 Referred on, S08 S33 Did not
   * engage, S17 Disengaged, S35 not recorded (end date, no reason): base 7, the not
   * recorded class last */
  t = pathways_report_get_table (r, "service_closure_reasons", "Advocacy");
  g_assert_cmpfloat (t->base.value, ==, 7);
  g_assert_cmpuint (t->rows->len, ==, 5);
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (t->rows, 2))->id, ==, "Did not engage");
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (t->rows, 4))->id, ==, "Not recorded");
  g_assert_cmpfloat (value (r, "service_closure_reasons", "Advocacy", "Did not engage", "count"), ==, 2);
  /* no service type: S18 Disengaged, S39 Referred on, S40 Did not engage (closed by its
   * reason alone): base 3 */
  g_assert_cmpfloat (pathways_report_get_table (r, "service_closure_reasons", "Not recorded")->base.value, ==, 3);
  g_assert_cmpfloat (value (r, "service_closure_reasons", "Not recorded", "Referred on", "count"), ==, 1);
}

static void
test_rates (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysReport) r = journey_report (ds, NULL, PATHWAYS_POPULATION_CLOSED);
  double lo, hi;

  /* Police C01-C10 all closed, 8 planned: 80 %. Wilson, z = 1.959964, z² = 3.841459:
   * centre = (0.8 + z²/20) / (1 + z²/10) = 0.992073 / 1.384146 = 0.716739;
   * half = z √(0.016 + z²/400) / 1.384146 = 1.959964 × 0.160011 / 1.384146 = 0.226577
   * → 49.016 %, 94.332 % */
  g_assert_cmpfloat (value (r, "planned_closure_rates", "referral_source", "Police", "closed"), ==, 10);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "referral_source", "Police", "planned"), ==, 8);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "referral_source", "Police", "rate"), ==, 80);
  g_assert_cmpfloat_with_epsilon (value (r, "planned_closure_rates", "referral_source", "Police", "ci_low"), 49.016, 0.001);
  g_assert_cmpfloat_with_epsilon (value (r, "planned_closure_rates", "referral_source", "Police", "ci_high"), 94.332, 0.001);
  /* Self-referral C11-C20 10 closed, 0 planned; Healthcare C21-C24 4 closed */
  g_assert_cmpfloat (value (r, "planned_closure_rates", "referral_source", "Self-referral", "rate"), ==, 0);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "referral_source", "Healthcare", "closed"), ==, 4);
  /* C29, C30 (no source) are open: no Not recorded row */
  g_assert_null (pathways_report_get_cell (r, "planned_closure_rates", "referral_source", "Not recorded", "closed"));

  /* service mix of closed cases: Therapy only C01 C02 C07 (therapy + groups) C14 C15 = 5,
   * 3 planned; Advocacy only C04 C05 (ISVA + advocacy) C16 C20 (ISVA) = 4, 2 planned;
   * Therapy and advocacy C03 C08 = 2, 2 planned; Other services C06 (groups) C17 (no
   * type) = 2, 1 planned; No service: the other 11, 0 planned */
  g_assert_cmpfloat (value (r, "planned_closure_rates", "service_mix", "Therapy only", "closed"), ==, 5);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "service_mix", "Therapy only", "rate"), ==, 60);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "service_mix", "Advocacy only", "closed"), ==, 4);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "service_mix", "Advocacy only", "rate"), ==, 50);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "service_mix", "Therapy and advocacy", "rate"), ==, 100);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "service_mix", "Other services", "planned"), ==, 1);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "service_mix", "No service", "closed"), ==, 11);
  g_assert_cmpfloat (value (r, "planned_closure_rates", "service_mix", "No service", "rate"), ==, 0);
  /* 100 % of 2: Wilson low = (1 + z²/4 - z √(z²/16)) / (1 + z²/2) = (1 + 0.960365 -
   * 0.960365) / 2.920730 = 0.342380 → 34.238 %, high 100 % */
  g_assert_cmpfloat_with_epsilon (value (r, "planned_closure_rates", "service_mix", "Therapy and advocacy", "ci_low"), 34.238, 0.001);
  g_assert_cmpfloat_with_epsilon (value (r, "planned_closure_rates", "service_mix", "Therapy and advocacy", "ci_high"), 100, 1e-9);

  /* returning C25 is open: new_or_returning closed rows are New (23) and Not recorded? no:
   * C30 is open too, so only New: 24 closed, 8 planned */
  g_assert_cmpfloat (value (r, "planned_closure_rates", "new_or_returning", "New", "closed"), ==, 24);

  pathways_wilson_interval (0, 0, &lo, &hi);
  g_assert_true (isnan (lo) && isnan (hi));
}

/* The waiting_times row of service_wait for TYPE */
static PathwaysReportRow *
service_wait_row (PathwaysReport *r,
                  const char     *type)
{
  PathwaysReportTable *t = pathways_report_get_table (r, "waiting_times", NULL);

  for (guint i = 0; i < t->rows->len; i++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i);

      if (g_str_equal (row->id, "service_wait") && g_strcmp0 (row->cells[1].text, type) == 0)
        return row;
    }
  g_error ("no service_wait row for %s", type);
  return NULL;
}

/* The case-level waits of the journey fixture */
static void
check_case_waits (PathwaysReport *r)
{
  static const double contact_bands[] = { 10, 8, 2, 2, 0, 1, 0 };
  static const char *band_labels[] = { "0–7", "8–28", "29–56", "57–100", "101–182", "183–365", "over 365" };
  PathwaysReportTable *t;

  /* referral_to_contact, 23 records sorted: 0 1 2 2 3 3 4 5 6 7 8 9 10 12 14 15 20 28 29
   * 30 60 100 200; sum 568 → mean 24.695652; median x[11] = 9; p90 h = 19.8 → 30 + 0.8 ×
   * 30 = 54; ≤ 28: 18 → 78.26 %; bands 10, 8, 2, 2, 0, 1, 0. Still waiting: open C26
   * (2023-03-06 → 300 days) and C30 (2023-03-10 → 296 days): n 2, median 298, max 300 */
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "n"), ==, 23);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "referral_to_contact", "mean"), 568.0 / 23, 1e-9);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "median"), ==, 9);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "referral_to_contact", "p90"), 54, 1e-9);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "min"), ==, 0);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "max"), ==, 200);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "target_days"), ==, 28);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "referral_to_contact", "within_target_pct"), 100.0 * 18 / 23, 1e-9);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "negative"), ==, 0);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "still_waiting_n"), ==, 2);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "still_waiting_median_days"), ==, 298);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_contact", "still_waiting_max_days"), ==, 300);
  t = pathways_report_get_table (r, "waiting_bands", "referral_to_contact");
  g_assert_cmpuint (t->rows->len, ==, 7);
  for (guint b = 0; b < 7; b++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, b);
      g_assert_cmpstr (row->id, ==, band_labels[b]);
      g_assert_cmpfloat (row->cells[1].value, ==, contact_bands[b]);
    }
  /* trend by referral month: Jan C01-C07 0 3 7 8 10 28 30 → 8; Feb C11-C20 1 2 4 5 6 9
   * 14 29 60 100 → 7.5; Mar C22 C23 C25 C27 C28 C29 2 3 12 15 20 200 → 13.5 */
  g_assert_cmpfloat (value (r, "waiting_trend", "referral_to_contact", "2023-01", "n"), ==, 7);
  g_assert_cmpfloat (value (r, "waiting_trend", "referral_to_contact", "2023-01", "median"), ==, 8);
  g_assert_cmpfloat (value (r, "waiting_trend", "referral_to_contact", "2023-02", "median"), ==, 7.5);
  g_assert_cmpfloat (value (r, "waiting_trend", "referral_to_contact", "2023-03", "median"), ==, 13.5);

  /* referral_to_assessment, 15 records: 5 7 10 10 15 20 20 28 29 30 35 40 50 60 120, sum
   * 479; median x[7] = 28; p90 h = 12.6 → 50 + 0.6 × 10 = 56; ≤ 28: 8. Still waiting:
   * open without assessment C25 (301) C26 (300) C30 (296) → median 300, max 301 */
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_assessment", "n"), ==, 15);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "referral_to_assessment", "mean"), 479.0 / 15, 1e-9);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_assessment", "median"), ==, 28);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "referral_to_assessment", "p90"), 56, 1e-9);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "referral_to_assessment", "within_target_pct"), 100.0 * 8 / 15, 1e-9);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_assessment", "still_waiting_n"), ==, 3);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_assessment", "still_waiting_median_days"), ==, 300);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_assessment", "still_waiting_max_days"), ==, 301);

  /* referral_to_service_start, earliest start per case: C01 15, C02 40, C03 5, C04 45,
   * C05 1, C06 70, C07 230, C08 12, C15 80, C16 50, C17 130, C28 30 → sorted 1 5 12 15
   * 30 40 45 50 70 80 130 230, sum 708, mean 59, median (40 + 45) / 2 = 42.5, p90 h = 9.9
   * → 80 + 0.9 × 50 = 125, ≤ 100: 10. Still waiting: open with no start C25 C26 C27 C29
   * C30 → 301 300 299 297 296: median 299 */
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_service_start", "n"), ==, 12);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_service_start", "mean"), ==, 59);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_service_start", "median"), ==, 42.5);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "referral_to_service_start", "p90"), 125, 1e-9);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "referral_to_service_start", "within_target_pct"), 100.0 * 10 / 12, 1e-9);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "referral_to_service_start", "still_waiting_median_days"), ==, 299);

  /* time_in_service: C24 runs backwards (negative 1); 23 records 10 20 25 30 40 45 50 60
   * 70 80 90 90 100 120 130 150 180 200 200 210 230 250 300, sum 2680; median x[11] =
   * 90; p90 h = 19.8 → 210 + 0.8 × 20 = 226; all ≤ 365. Still: the 6 open cases 301 300
   * 299 298 297 296 → median 298.5, max 301 */
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "time_in_service", "negative"), ==, 1);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "time_in_service", "n"), ==, 23);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "time_in_service", "mean"), 2680.0 / 23, 1e-9);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "time_in_service", "median"), ==, 90);
  g_assert_cmpfloat_with_epsilon (value (r, "waiting_times", NULL, "time_in_service", "p90"), 226, 1e-9);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "time_in_service", "within_target_pct"), ==, 100);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "time_in_service", "still_waiting_n"), ==, 6);
  g_assert_cmpfloat (value (r, "waiting_times", NULL, "time_in_service", "still_waiting_median_days"), ==, 298.5);
}

/* The service waits of the journey fixture, per service type */
static void
check_service_waits (PathwaysReport *r)
{
  PathwaysReportRow *svc;

  /* service_wait, Therapy: S01 10, S02 40 (case referral), S03 10, S04 100, S10 200, S12
   * 100, S16 60, S21 25, S23 12, S26 70, S27 30 → 11 records sorted 10 10 12 25 30 40 60
   * 70 100 100 200, sum 657, median x[5] = 40, p90 h = 9 → x[9] = 100, ≤ 100: 10 →
   * 90.91 %; bands 0, 4, 2, 4, 0, 1, 0. S24 starts 9 days before its referral:
   * negative 1, not a record. Still waiting (open, no start): S20 2023-03-17 → 289 days,
   * S25 from C14's referral 2023-02-04 → 330 days: median 309.5, max 330 (S15 has no
   * start but is closed) */
  g_assert_cmpfloat (value (r, "waiting_bands", "service_wait/Therapy", "0–7", "count"), ==, 0);
  g_assert_cmpfloat (value (r, "waiting_bands", "service_wait/Therapy", "8–28", "count"), ==, 4);
  g_assert_cmpfloat (value (r, "waiting_bands", "service_wait/Therapy", "29–56", "count"), ==, 2);
  g_assert_cmpfloat (value (r, "waiting_bands", "service_wait/Therapy", "57–100", "count"), ==, 4);
  g_assert_cmpfloat (value (r, "waiting_bands", "service_wait/Therapy", "183–365", "count"), ==, 1);
  svc = service_wait_row (r, "Therapy");
  g_assert_cmpfloat (svc->cells[2].value, ==, 11);
  g_assert_cmpfloat_with_epsilon (svc->cells[3].value, 657.0 / 11, 1e-9);
  g_assert_cmpfloat (svc->cells[4].value, ==, 40);
  g_assert_cmpfloat_with_epsilon (svc->cells[5].value, 100, 1e-9);
  g_assert_cmpfloat (svc->cells[6].value, ==, 10);
  g_assert_cmpfloat (svc->cells[7].value, ==, 200);
  g_assert_cmpfloat_with_epsilon (svc->cells[9].value, 100.0 * 10 / 11, 1e-9);
  g_assert_cmpfloat (svc->cells[10].value, ==, 1);
  g_assert_cmpfloat (svc->cells[11].value, ==, 2);
  g_assert_cmpfloat (svc->cells[12].value, ==, 309.5);
  g_assert_cmpfloat (svc->cells[13].value, ==, 330);
  /* Therapy by month of the service referral (else the case's): January S01 10, S02 40,
   * S04 100, S12 100, S23 12 → 10 12 40 100 100, median 40; February S03 10, S10 200,
   * S16 60 → 60; March S21 25, S26 70 → 47.5; April S27 30 */
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Therapy", "2023-01", "n"), ==, 5);
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Therapy", "2023-01", "median"), ==, 40);
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Therapy", "2023-02", "median"), ==, 60);
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Therapy", "2023-03", "median"), ==, 47.5);
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Therapy", "2023-04", "n"), ==, 1);

  /* ISVA: S05 0, S07 7, S28 14, S32 20, S30 41 → sum 82, mean 16.4, median 14, p90 h =
   * 3.6 → 20 + 0.6 × 21 = 32.6, all ≤ 100; S29 starts 7 days before its referral:
   * negative 1; S19 (closed, not started) is nothing; S31 open, not started, since
   * 2023-03-01 → 305 days */
  svc = service_wait_row (r, "ISVA");
  g_assert_cmpfloat (svc->cells[2].value, ==, 5);
  g_assert_cmpfloat_with_epsilon (svc->cells[3].value, 16.4, 1e-9);
  g_assert_cmpfloat (svc->cells[4].value, ==, 14);
  g_assert_cmpfloat_with_epsilon (svc->cells[5].value, 32.6, 1e-9);
  g_assert_cmpfloat (svc->cells[9].value, ==, 100);
  g_assert_cmpfloat (svc->cells[10].value, ==, 1);
  g_assert_cmpfloat (svc->cells[11].value, ==, 1);
  g_assert_cmpfloat (svc->cells[12].value, ==, 305);
  g_assert_cmpfloat (value (r, "waiting_bands", "service_wait/ISVA", "0–7", "count"), ==, 2);
  g_assert_cmpfloat (value (r, "waiting_bands", "service_wait/ISVA", "29–56", "count"), ==, 1);

  /* Advocacy: S08 0, S13 2, S33 10, S06 45, S17 50, S35 112 (C08's referral 2023-01-09 to
   * 2023-05-01) → sum 219, mean 36.5, median (10 + 45) / 2 = 27.5, p90 h = 4.5 → 50 + 0.5
   * × 62 = 81, ≤ 100: 5 → 83.33 %; band 101–182: 1. S34 closed without a start; S22
   * open since 2023-03-13 → 293 days */
  svc = service_wait_row (r, "Advocacy");
  g_assert_cmpfloat (svc->cells[2].value, ==, 6);
  g_assert_cmpfloat (svc->cells[3].value, ==, 36.5);
  g_assert_cmpfloat (svc->cells[4].value, ==, 27.5);
  g_assert_cmpfloat_with_epsilon (svc->cells[5].value, 81, 1e-9);
  g_assert_cmpfloat_with_epsilon (svc->cells[9].value, 100.0 * 5 / 6, 1e-9);
  g_assert_cmpfloat (svc->cells[10].value, ==, 0);
  g_assert_cmpfloat (svc->cells[12].value, ==, 293);
  g_assert_cmpfloat (value (r, "waiting_bands", "service_wait/Advocacy", "101–182", "count"), ==, 1);
  /* Advocacy by month: January S06 45 (C04), S08 0 (C05), S13 2 (C08), S35 112 (C08) →
   * 0 2 45 112, median 23.5; February S17 50 (C16), S33 10 → median 30 */
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Advocacy", "2023-01", "n"), ==, 4);
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Advocacy", "2023-01", "median"), ==, 23.5);
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Advocacy", "2023-02", "n"), ==, 2);
  g_assert_cmpfloat (value (r, "waiting_trend", "service_wait/Advocacy", "2023-02", "median"), ==, 30);

  /* Groups: S14 10, S36 14, S38 28, S09 70 → mean 30.5, median 21, p90 h = 2.7 → 28 +
   * 0.7 × 42 = 57.4; S11 closed, not started; S37 open since 2023-03-01 → 305 days */
  svc = service_wait_row (r, "Groups");
  g_assert_cmpfloat (svc->cells[2].value, ==, 4);
  g_assert_cmpfloat (svc->cells[3].value, ==, 30.5);
  g_assert_cmpfloat (svc->cells[4].value, ==, 21);
  g_assert_cmpfloat_with_epsilon (svc->cells[5].value, 57.4, 1e-9);
  g_assert_cmpfloat (svc->cells[11].value, ==, 1);
  g_assert_cmpfloat (svc->cells[13].value, ==, 305);

  /* no service type: S18 130 (C17's referral 2023-02-07 to 2023-06-17), S39 20 → mean
   * 75, median 75, p90 h = 0.9 → 20 + 0.9 × 110 = 119; S40 has no dates and is closed */
  svc = service_wait_row (r, "Not recorded");
  g_assert_cmpfloat (svc->cells[2].value, ==, 2);
  g_assert_cmpfloat (svc->cells[4].value, ==, 75);
  g_assert_cmpfloat_with_epsilon (svc->cells[5].value, 119, 1e-9);
  g_assert_cmpfloat (svc->cells[11].value, ==, 0);
}

static void
test_waits (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysReport) r = journey_report (ds, NULL, PATHWAYS_POPULATION_CLOSED);

  check_case_waits (r);
  check_service_waits (r);
}

static void
test_people (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysReport) r = journey_report (ds, NULL, PATHWAYS_POPULATION_CLOSED);
  PathwaysReportTable *t;

  /* time before support: > 2 years C01-C12 (12), < a week C13-C20 (8), 1-6 months
   * C21-C27 (7), base 27 (C28-C30 not recorded) */
  t = pathways_report_get_table (r, "time_before_support", NULL);
  g_assert_cmpfloat (t->base.value, ==, 27);
  g_assert_cmpfloat (value (r, "time_before_support", NULL, "More than 2 years", "count"), ==, 12);
  g_assert_cmpfloat_with_epsilon (value (r, "time_before_support", NULL, "Less than a week", "pct"), 100.0 * 8 / 27, 1e-9);
  g_assert_null (pathways_report_get_cell (r, "time_before_support", NULL, "Not recorded", "count"));

  /* returners from new_or_returning: New 28, Returning 1 (C25), Not recorded 1 (C30);
   * 29 people */
  g_assert_cmpfloat (value (r, "returners", NULL, "new", "count"), ==, 28);
  g_assert_cmpfloat (value (r, "returners", NULL, "returning", "count"), ==, 1);
  g_assert_cmpfloat (value (r, "returners", NULL, "not_recorded", "count"), ==, 1);
  g_assert_cmpfloat (value (r, "cohort", NULL, "cohort", "persons"), ==, 29);
  /* cases per person, 35–44: cases C21-C29 (9), people P21-P24, P05, P26-P29 (9) */
  g_assert_cmpfloat (value (r, "cases_per_person", NULL, "35–44", "cases"), ==, 9);
  g_assert_cmpfloat (value (r, "cases_per_person", NULL, "35–44", "cases_per_person"), ==, 1);

  /* issues: Anxiety C01-C20 (20), Sleep problems C01-C10 (10); classes: multiple C01-C10
   * (10), one C11-C20 (10), none C21-C25 (5), not recorded C26-C30 (5) */
  t = pathways_report_get_table (r, "multi_category", "issues");
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (t->rows, 0))->id, ==, "Anxiety");
  g_assert_cmpfloat (value (r, "multi_category", "issues", "Anxiety", "count"), ==, 20);
  g_assert_cmpfloat_with_epsilon (value (r, "multi_category", "issues", "Sleep problems", "pct"), 100.0 * 10 / 30, 1e-9);
  g_assert_cmpfloat (value (r, "multi_category_classes", "issues", "multiple", "count"), ==, 10);
  g_assert_cmpfloat (value (r, "multi_category_classes", "issues", "one", "count"), ==, 10);
  g_assert_cmpfloat (value (r, "multi_category_classes", "issues", "none", "count"), ==, 5);
  g_assert_cmpfloat (value (r, "multi_category_classes", "issues", "not_recorded", "count"), ==, 5);

  /* completeness, worst first: risks 29 of 30 missing (96.7 %), impacts 25 (83.3 %) */
  t = pathways_report_get_table (r, "completeness", NULL);
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (t->rows, 0))->id, ==, "risks");
  g_assert_cmpstr (((PathwaysReportRow *) g_ptr_array_index (t->rows, 1))->id, ==, "impacts");
  g_assert_cmpfloat (value (r, "completeness", NULL, "risks", "missing"), ==, 29);
  g_assert_cmpfloat (value (r, "completeness", NULL, "ethnicity", "missing"), ==, 3);
  g_assert_cmpfloat_with_epsilon (value (r, "completeness", NULL, "ethnicity", "pct"), 10, 1e-9);
  /* first contact missing: C08 C09 C10 C21 C24 C26 C30 */
  g_assert_cmpfloat (value (r, "completeness", NULL, "first_contact_date", "missing"), ==, 7);
  /* service_referral_date missing on S02 S06 S09 S15 S17 S18 S25 S35 S40: 9 of 40
   * services = 22.5 %, displayed 23 % (halves round up, not to even as printf does) */
  g_assert_cmpfloat (value (r, "completeness", NULL, "service_referral_date", "missing"), ==, 9);
  g_assert_cmpfloat (value (r, "completeness", NULL, "service_referral_date", "base"), ==, 40);
  {
    g_autofree char *shown = pathways_cell_format (pathways_report_get_cell (r, "completeness", NULL,
                                                                           "service_referral_date", "pct"), 0);
    g_assert_cmpstr (shown, ==, "23 %");
  }
  /* service_start_date missing on S11 S15 S19 S20 S22 S25 S31 S34 S37 S40: 10;
   * service_type on S18 S39 S40: 3 */
  g_assert_cmpfloat (value (r, "completeness", NULL, "service_start_date", "missing"), ==, 10);
  g_assert_cmpfloat (value (r, "completeness", NULL, "service_type", "missing"), ==, 3);
  /* the closure fields count over closed records only. Services: S20 S21 S22 S25 S27
   * S31 S32 S37 have neither an end date nor a closure reason (open), the other 32 are
   * closed; of these, S14 and S35 have no closure reason (the ten blank reasons less
   * the eight open services), S11 and S40 no end date */
  g_assert_cmpfloat (value (r, "completeness", NULL, "service_closure_reason", "missing"), ==, 2);
  g_assert_cmpfloat (value (r, "completeness", NULL, "service_closure_reason", "base"), ==, 32);
  g_assert_cmpfloat (value (r, "completeness", NULL, "service_end_date", "missing"), ==, 2);
  g_assert_cmpfloat (value (r, "completeness", NULL, "service_end_date", "base"), ==, 32);
  /* cases: C01-C24 have a closure date (C24's before its referral, kept), C25-C30
   * neither a date nor a reason (open, not missing); C21 and C22 have no reason */
  g_assert_cmpfloat (value (r, "completeness", NULL, "closure_date", "missing"), ==, 0);
  g_assert_cmpfloat (value (r, "completeness", NULL, "closure_date", "base"), ==, 24);
  g_assert_cmpfloat (value (r, "completeness", NULL, "closure_reason", "missing"), ==, 2);
  g_assert_cmpfloat (value (r, "completeness", NULL, "closure_reason", "base"), ==, 24);
  g_assert_cmpfloat_with_epsilon (value (r, "completeness", NULL, "closure_reason", "pct"),
                                  100.0 * 2 / 24, 1e-9);

  /* dates that run backwards are data-quality findings: the closure of C24 and the
   * starts of S24 and S29, before their service referral dates */
  g_assert_cmpfloat (value (r, "data_quality", NULL, "negative_duration", "count"), ==, 3);
}

static void
test_percentile (void)
{
  static const guint32 v[] = { 1, 2, 3, 4 };
  guint32 w[] = { 7, 1, 3 };
  PathwaysDurationStats s = { 0, };
  PathwaysBands bands;

  /* h = 3 × 0.9 = 2.7 → 3 + 0.7 × 1 = 3.7; median h = 1.5 → 2.5 */
  g_assert_cmpfloat_with_epsilon (pathways_percentile_sorted (v, 4, 90), 3.7, 1e-12);
  g_assert_cmpfloat_with_epsilon (pathways_percentile_sorted (v, 4, 50), 2.5, 1e-12);
  g_assert_cmpfloat (pathways_percentile_sorted (v, 1, 90), ==, 1);
  g_assert_true (isnan (pathways_percentile_sorted (v, 0, 50)));

  pathways_bands_init_default (&bands);
  pathways_duration_stats_compute (&s, w, 3, &bands, 5);
  g_assert_cmpfloat (s.median, ==, 3);
  g_assert_cmpfloat (s.mean, ==, 11.0 / 3);
  /* p90 h = 1.8 → 3 + 0.8 × 4 = 6.2 */
  g_assert_cmpfloat_with_epsilon (s.p90, 6.2, 1e-12);
  g_assert_cmpuint (s.within_target, ==, 2);
  g_assert_cmpuint (s.band_counts[0], ==, 3);
  {
    g_autofree char *l0 = pathways_bands_get_label (&bands, 0);
    g_autofree char *l6 = pathways_bands_get_label (&bands, 6);
    g_assert_cmpstr (l0, ==, "0–7");
    g_assert_cmpstr (l6, ==, "over 365");
  }
}

/* ---- random dataset invariants ---- */

/* N_CASES referred over SPAN days from 2020-01-01, closed after up to MAX_DAYS days,
 * snapshot 500 days after the span */
static PathwaysDataset *
random_dataset_wide (GRand *rand,
                     guint  n_cases,
                     int    span,
                     int    max_days)
{
  PathwaysDataset *ds = pathways_dataset_new ();
  PathwaysColumn *ref, *contact, *assess, *closure, *reason, *source, *types, *start, *sref, *send, *sreason;
  static const char *reasons[] = { "Planned closure", "Did not engage", "Referred on", "Disengaged" };
  static const char *sources[] = { "Police", "Self-referral", "Healthcare" };
  static const char *type_names[] = { "Therapy", "Advocacy", "ISVA", "Groups" };
  gint32 base = pathways_day_from_ymd (2020, 1, 1);
  GArray *svc_case = g_array_new (FALSE, FALSE, sizeof (guint32));

  ds->mapping = pathways_mapping_new ();
  ds->n_cases = n_cases;
  ref = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_DATE, n_cases);
  contact = pathways_dataset_add_column (ds, PATHWAYS_FIELD_FIRST_CONTACT_DATE, n_cases);
  assess = pathways_dataset_add_column (ds, PATHWAYS_FIELD_ASSESSMENT_DATE, n_cases);
  closure = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_DATE, n_cases);
  reason = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_REASON, n_cases);
  source = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_SOURCE, n_cases);
  for (guint k = 0; k < G_N_ELEMENTS (reasons); k++)
    pathways_dictionary_intern (reason->dict, reasons[k]);
  for (guint k = 0; k < G_N_ELEMENTS (sources); k++)
    pathways_dictionary_intern (source->dict, sources[k]);

  g_free (ds->case_service_start);
  ds->case_service_start = g_new0 (guint32, n_cases + 1);
  for (guint i = 0; i < n_cases; i++)
    {
      gint32 r = base + g_rand_int_range (rand, 0, span);
      guint n_s = g_rand_int_range (rand, 0, 4);

      ref->days[i] = r;
      if (g_rand_int_range (rand, 0, 4) > 0)
        contact->days[i] = r + g_rand_int_range (rand, -5, 120);
      if (g_rand_int_range (rand, 0, 3) > 0)
        assess->days[i] = r + g_rand_int_range (rand, -5, 400);
      if (g_rand_int_range (rand, 0, 5) > 0)
        {
          closure->days[i] = r + g_rand_int_range (rand, -3, max_days);
          reason->codes[i] = g_rand_int_range (rand, 0, G_N_ELEMENTS (reasons) + 1);
        }
      source->codes[i] = g_rand_int_range (rand, 0, G_N_ELEMENTS (sources) + 1);
      for (guint s = 0; s < n_s; s++)
        g_array_append_val (svc_case, i);
      ds->case_service_start[i + 1] = svc_case->len;
    }
  ds->n_services = svc_case->len;
  ds->has_services = TRUE;
  ds->service_case = (guint32 *) g_array_free (svc_case, FALSE);
  types = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_TYPE, ds->n_services);
  start = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_START_DATE, ds->n_services);
  sref = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_REFERRAL_DATE, ds->n_services);
  send = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_END_DATE, ds->n_services);
  sreason = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_CLOSURE_REASON, ds->n_services);
  for (guint k = 0; k < G_N_ELEMENTS (type_names); k++)
    pathways_dictionary_intern (types->dict, type_names[k]);
  for (guint k = 0; k < G_N_ELEMENTS (reasons); k++)
    pathways_dictionary_intern (sreason->dict, reasons[k]);
  for (guint j = 0; j < ds->n_services; j++)
    {
      gint32 r = ref->days[ds->service_case[j]];
      types->codes[j] = g_rand_int_range (rand, 0, G_N_ELEMENTS (type_names) + 1);
      if (g_rand_boolean (rand))
        sref->days[j] = r + g_rand_int_range (rand, 0, 30);
      if (g_rand_int_range (rand, 0, 3) > 0)
        start->days[j] = r + g_rand_int_range (rand, -2, 500);
      if (g_rand_boolean (rand))
        {
          send->days[j] = r + g_rand_int_range (rand, 0, 700);
          sreason->codes[j] = g_rand_int_range (rand, 0, G_N_ELEMENTS (reasons) + 1);
        }
    }
  ds->snapshot_day = base + span + 500;
  return ds;
}

static PathwaysDataset *
random_dataset (GRand *rand,
                guint  n_cases)
{
  return random_dataset_wide (rand, n_cases, 1000, 800);
}

/* ---- statistics worked out the slow way: sort the records ---- */

static int
cmp_guint32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

/* The histogram and selection forms agree with the sorted ones on random values */
static void
test_stats_helpers (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20230505);
  PathwaysBands bands;

  pathways_bands_init_default (&bands);
  for (guint round = 0; round < 200; round++)
    {
      guint n = g_rand_int_range (rand, 1, 400);
      guint32 size = g_rand_int_range (rand, 1, 800);
      g_autofree guint32 *values = g_new (guint32, n);
      g_autofree guint32 *sorted = NULL;
      g_autofree guint32 *hist = g_new0 (guint32, size);
      PathwaysDurationStats a = { 0, }, b = { 0, };
      guint64 sum = 0;
      gint32 target = g_rand_int_range (rand, 0, 400);

      for (guint i = 0; i < n; i++)
        {
          values[i] = g_rand_int_range (rand, 0, size);
          hist[values[i]]++;
          sum += values[i];
        }
      sorted = g_memdup2 (values, sizeof (guint32) * n);
      pathways_duration_stats_compute (&a, sorted, n, &bands, target);   /* sorts it, or not */
      g_free (sorted);
      sorted = g_memdup2 (values, sizeof (guint32) * n);
      qsort (sorted, n, sizeof (guint32), cmp_guint32);

      for (guint p = 0; p <= 100; p += 5)
        g_assert_cmpfloat (pathways_histogram_percentile (hist, size, n, p), ==,
                           pathways_percentile_sorted (sorted, n, p));
      g_assert_cmpfloat (pathways_median_select (values, n), ==, pathways_percentile_sorted (sorted, n, 50));

      pathways_duration_stats_from_histogram (&b, hist, size, n, sum, &bands, target);
      g_assert_cmpuint (b.n, ==, a.n);
      g_assert_cmpfloat (b.mean, ==, a.mean);
      g_assert_cmpfloat (b.median, ==, a.median);
      g_assert_cmpfloat (b.p90, ==, a.p90);
      g_assert_cmpint (b.min, ==, a.min);
      g_assert_cmpint (b.max, ==, a.max);
      g_assert_cmpint (b.target_days, ==, target);
      g_assert_cmpuint (b.within_target, ==, a.within_target);
      g_assert_cmpmem (b.band_counts, sizeof b.band_counts, a.band_counts, sizeof a.band_counts);
    }
  g_assert_true (isnan (pathways_median_select (NULL, 0)));
}

/* Records of one duration measure: the day it starts and the day it ends (or NONE),
 * whether it is open, and its trend period key */
typedef struct {
  GArray *d;       /* guint32 durations ≥ 0 */
  GArray *key;     /* gint32 period key of each duration */
  GArray *still;   /* guint32 */
  guint   negative;
} SlowRecs;

static void
slow_add (SlowRecs *s,
          gint32    from,
          gint32    to,
          gboolean  open,
          gint32    snapshot,
          gboolean  fy)
{
  int y, m, d;
  gint32 key, v;

  if (!PATHWAYS_DAY_IS_VALID (from))
    return;
  if (PATHWAYS_DAY_IS_VALID (to))
    {
      if (to < from)
        {
          s->negative++;
          return;
        }
      pathways_day_to_ymd (from, &y, &m, &d);
      key = fy ? (m >= 4 ? y : y - 1) : y * 12 + m;
      v = to - from;
      g_array_append_val (s->d, v);
      g_array_append_val (s->key, key);
    }
  else if (to == PATHWAYS_DAY_NONE && open && snapshot >= from)
    {
      v = snapshot - from;
      g_array_append_val (s->still, v);
    }
}

/* Compares STATS with the records of S, sorted; trend medians period by period */
static void
slow_check (SlowRecs                    *s,
            const PathwaysDurationStats *stats,
            gboolean                     fy)
{
  guint32 *v = (guint32 *) s->d->data;
  guint n = s->d->len;
  guint64 sum = 0;

  g_assert_cmpuint (stats->n, ==, n);
  g_assert_cmpuint (stats->negative, ==, s->negative);
  g_assert_cmpuint (stats->still_n, ==, s->still->len);
  for (guint i = 0; i < n; i++)
    sum += v[i];
  if (n > 0)
    {
      g_autoptr(GArray) sorted = g_array_copy (s->d);
      guint32 *w = (guint32 *) sorted->data;

      g_array_sort (sorted, cmp_guint32);
      g_assert_cmpfloat (stats->mean, ==, (double) sum / n);
      g_assert_cmpfloat (stats->median, ==, pathways_percentile_sorted (w, n, 50));
      g_assert_cmpfloat (stats->p90, ==, pathways_percentile_sorted (w, n, 90));
      g_assert_cmpint (stats->min, ==, w[0]);
      g_assert_cmpint (stats->max, ==, w[n - 1]);
    }
  if (s->still->len > 0)
    {
      guint32 *w = (guint32 *) s->still->data;
      guint c = s->still->len, k = (c - 1) / 2;

      g_array_sort (s->still, cmp_guint32);
      g_assert_cmpfloat (stats->still_median, ==, c % 2 ? (double) w[k] : w[k] + 0.5 * ((double) w[k + 1] - w[k]));
      g_assert_cmpint (stats->still_max, ==, w[c - 1]);
    }
  /* the trend: per period key in order, the median of its durations */
  {
    g_autoptr(GHashTable) per = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
    guint points = 0;

    for (guint i = 0; i < n; i++)
      {
        gint32 key = g_array_index (s->key, gint32, i);
        GArray *a = g_hash_table_lookup (per, GINT_TO_POINTER (key));

        if (a == NULL)
          g_hash_table_insert (per, GINT_TO_POINTER (key), a = g_array_new (FALSE, FALSE, sizeof (guint32)));
        g_array_append_val (a, v[i]);
      }
    g_assert_cmpuint (stats->trend->len, ==, g_hash_table_size (per));
    for (guint t = 0; t < stats->trend->len; t++)
      {
        PathwaysTrendPoint *pt = &g_array_index (stats->trend, PathwaysTrendPoint, t);
        int y, m, d;
        GArray *a;
        guint32 *w;
        guint c;

        pathways_day_to_ymd (pt->period_start, &y, &m, &d);
        a = g_hash_table_lookup (per, GINT_TO_POINTER (fy ? y : y * 12 + m));
        g_assert_nonnull (a);
        g_array_sort (a, cmp_guint32);
        w = (guint32 *) a->data;
        c = a->len;
        g_assert_cmpuint (pt->n, ==, c);
        g_assert_cmpfloat (pt->median, ==, w[(c - 1) / 2] + 0.5 * ((double) w[c / 2] - w[(c - 1) / 2]));
        points++;
      }
    g_assert_cmpuint (points, ==, g_hash_table_size (per));
  }
}

static void
check_bands_add_up (PathwaysReport *r)
{
  for (guint k = 0; k < r->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (r->tables, k);
      double sum = 0;

      if (!g_str_equal (t->id, "waiting_bands"))
        continue;
      for (guint i = 0; i < t->rows->len; i++)
        sum += ((PathwaysReportRow *) g_ptr_array_index (t->rows, i))->cells[1].value;
      g_assert_cmpfloat (sum, ==, t->base.value);
    }
}

static void
test_random_invariants (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(PathwaysDataset) ds = random_dataset (rand, 50 + round * 97);
      PathwaysReportOptions options;

      pathways_report_options_init (&options);
      for (guint pop = 0; pop < 2; pop++)
        {
          g_autoptr(PathwaysReport) r = NULL;
          PathwaysReportTable *t;
          double prev = G_MAXDOUBLE, sum_pct = 0;

          options.measures.population = pop;
          r = pathways_report_new (ds, NULL, &options);

          /* the funnel never rises */
          t = pathways_report_get_table (r, "funnel", NULL);
          for (guint i = 0; i < t->rows->len; i++)
            {
              PathwaysReportRow *row = g_ptr_array_index (t->rows, i);
              g_assert_cmpfloat (row->cells[1].value, <=, prev);
              prev = row->cells[1].value;
            }
          /* closure percents add up to 100 */
          t = pathways_report_get_table (r, "closure_reasons", NULL);
          for (guint i = 0; i < t->rows->len; i++)
            sum_pct += ((PathwaysReportRow *) g_ptr_array_index (t->rows, i))->cells[3].value;
          if (t->base.value > 0)
            g_assert_cmpfloat_with_epsilon (sum_pct, 100, 1e-9);
          check_bands_add_up (r);
          /* Wilson bounds contain the rate */
          for (guint k = 0; k < r->tables->len; k++)
            {
              PathwaysReportTable *rt = g_ptr_array_index (r->tables, k);
              if (!g_str_equal (rt->id, "planned_closure_rates"))
                continue;
              for (guint i = 0; i < rt->rows->len; i++)
                {
                  PathwaysReportRow *row = g_ptr_array_index (rt->rows, i);
                  if (!row->cells[3].defined)
                    continue;
                  g_assert_cmpfloat (row->cells[4].value, <=, row->cells[3].value + 1e-9);
                  g_assert_cmpfloat (row->cells[5].value, >=, row->cells[3].value - 1e-9);
                  g_assert_cmpfloat (row->cells[4].value, >=, 0);
                  g_assert_cmpfloat (row->cells[5].value, <=, 100);
                }
            }
        }
    }
}

/* Counting by bitset intersection and counting in a loop (used when a field has many
 * values) give the same report: the same random data, once with the referral source
 * dictionary padded beyond the bitset limit */
static void
test_bitsets_and_loop_agree (void)
{
  for (guint seed = 1; seed <= 5; seed++)
    {
      g_autoptr(GRand) r1 = g_rand_new_with_seed (seed);
      g_autoptr(GRand) r2 = g_rand_new_with_seed (seed);
      g_autoptr(PathwaysDataset) a = random_dataset (r1, 700);
      g_autoptr(PathwaysDataset) b = random_dataset (r2, 700);
      g_autoptr(PathwaysReport) ra = NULL;
      g_autoptr(PathwaysReport) rb = NULL;
      g_autofree char *ja = NULL;
      g_autofree char *jb = NULL;
      PathwaysReportOptions options;

      for (guint v = 0; v < 300; v++)
        {
          g_autofree char *value = g_strdup_printf ("Unused %u", v);
          pathways_dictionary_intern (b->columns[PATHWAYS_FIELD_REFERRAL_SOURCE]->dict, value);
        }
      pathways_report_options_init (&options);
      options.measures.split_field = PATHWAYS_FIELD_REFERRAL_SOURCE;
      options.measures.population = seed % 2 ? PATHWAYS_POPULATION_ALL : PATHWAYS_POPULATION_CLOSED;
      ra = pathways_report_new (a, NULL, &options);
      rb = pathways_report_new (b, NULL, &options);
      ja = pathways_summary_to_json_string (ra);
      jb = pathways_summary_to_json_string (rb);
      g_assert_cmpstr (ja, ==, jb);
      /* and something was counted */
      g_assert_cmpfloat (pathways_report_get_table (ra, "funnel", NULL)->base.value, >, 0);
      g_assert_nonnull (pathways_report_get_table (ra, "funnel_split", "Police"));
    }
}

/* The waits are counted into period x day tables when those are small next to the
 * selection, else from sorted records: both give what sorting every record gives.
 * 20,000 cases over 33 years with closures up to 3,000 days: the monthly tables
 * (about 400 months x 3,000 days) are too large for 20,000 records, the financial-year
 * ones (34 years) are not; the Police cases (a quarter) use the records either way. */
static void
test_waits_two_ways (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);
  g_autoptr(PathwaysDataset) ds = random_dataset_wide (rand, 20000, 12000, 3000);
  g_autoptr(PathwaysMeasuresCache) cache = pathways_measures_cache_new (ds);
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  PathwaysColumn *closure = ds->columns[PATHWAYS_FIELD_CLOSURE_DATE];
  PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  PathwaysColumn *sref = ds->columns[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
  PathwaysColumn *start = ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
  PathwaysColumn *send = ds->columns[PATHWAYS_FIELD_SERVICE_END_DATE];
  PathwaysColumn *sreason = ds->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON];
  guint n_types = pathways_dictionary_get_size (types->dict);

  for (guint variant = 0; variant < 4; variant++)
    {
      g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
      g_autoptr(PathwaysSelection) sel = NULL;
      g_autoptr(PathwaysMeasures) m = NULL;
      PathwaysMeasuresOptions options;
      gboolean fy = variant % 2 == 1;
      SlowRecs tis;
      SlowRecs *svc = g_new0 (SlowRecs, n_types);

      if (variant >= 2)
        pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
      pathways_measures_options_init (&options);
      options.trend_unit = fy ? PATHWAYS_TREND_FINANCIAL_YEAR : PATHWAYS_TREND_MONTH;
      sel = pathways_filter_apply (filter, ds);
      g_assert_cmpuint (sel->n_selected_cases, >, 1000);
      m = pathways_measures_compute (ds, cache, sel, &options);

      memset (&tis, 0, sizeof tis);
      tis.d = g_array_new (FALSE, FALSE, sizeof (guint32));
      tis.key = g_array_new (FALSE, FALSE, sizeof (gint32));
      tis.still = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint t = 0; t < n_types; t++)
        {
          svc[t].d = g_array_new (FALSE, FALSE, sizeof (guint32));
          svc[t].key = g_array_new (FALSE, FALSE, sizeof (gint32));
          svc[t].still = g_array_new (FALSE, FALSE, sizeof (guint32));
        }
      for (guint i = 0; i < ds->n_cases; i++)
        if (PATHWAYS_SELECTION_HAS (sel->cases, i))
          slow_add (&tis, ref->days[i], closure->days[i], closure->days[i] == PATHWAYS_DAY_NONE,
                    ds->snapshot_day, fy);
      for (guint j = 0; j < ds->n_services; j++)
        if (PATHWAYS_SELECTION_HAS (sel->services, j))
          {
            gint32 from = sref->days[j] != PATHWAYS_DAY_NONE ? sref->days[j] : ref->days[ds->service_case[j]];
            gboolean open = send->days[j] == PATHWAYS_DAY_NONE && sreason->codes[j] == 0;

            slow_add (&svc[types->codes[j]], from, start->days[j], open, ds->snapshot_day, fy);
          }
      slow_check (&tis, &m->waits[PATHWAYS_WAIT_TIME_IN_SERVICE], fy);
      g_assert_cmpuint (m->svc_wait_n_types, ==, n_types);
      for (guint t = 0; t < n_types; t++)
        {
          slow_check (&svc[t], &m->svc_waits[t], fy);
          g_array_unref (svc[t].d);
          g_array_unref (svc[t].key);
          g_array_unref (svc[t].still);
        }
      g_array_unref (tis.d);
      g_array_unref (tis.key);
      g_array_unref (tis.still);
      g_free (svc);
    }
}

/* Degenerate datasets give a report with empty or undefined figures, never a crash */
static void
test_degenerate (void)
{
  g_autoptr(PathwaysDataset) empty = pathways_dataset_new ();
  g_autoptr(PathwaysDataset) bare = pathways_dataset_new ();
  g_autoptr(PathwaysReport) r1 = NULL;
  g_autoptr(PathwaysReport) r2 = NULL;
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autofree char *j1 = NULL;
  g_autofree char *j2 = NULL;
  PathwaysColumn *c;

  empty->mapping = pathways_mapping_new ();
  r1 = pathways_report_new (empty, NULL, NULL);
  g_assert_cmpfloat (pathways_report_get_cell (r1, "cohort", NULL, "cohort", "cases")->value, ==, 0);
  /* the first stage has no base: its percents are undefined */
  g_assert_false (pathways_report_get_cell (r1, "funnel", NULL, "referred", "pct_of_first")->defined);
  j1 = pathways_summary_to_json_string (r1);
  g_assert_nonnull (strstr (j1, "\"pct_of_first\" : null"));

  /* three cases with only a closure reason column: no referral date, no services */
  bare->mapping = pathways_mapping_new ();
  bare->n_cases = 3;
  g_free (bare->case_service_start);
  bare->case_service_start = g_new0 (guint32, 4);
  c = pathways_dataset_add_column (bare, PATHWAYS_FIELD_CLOSURE_REASON, 3);
  c->codes[1] = pathways_dictionary_intern (c->dict, "Planned closure");
  pathways_filter_set_range (f, pathways_day_from_ymd (2023, 1, 1), PATHWAYS_DAY_NONE);
  r2 = pathways_report_new (bare, NULL, NULL);
  /* closed by its reason (no closure date mapped): one case, planned */
  g_assert_cmpfloat (pathways_report_get_cell (r2, "funnel", NULL, "planned_closure", "count")->value, ==, 1);
  g_assert_null (pathways_report_get_table (r2, "waiting_bands", "referral_to_contact"));
  j2 = pathways_summary_to_json_string (r2);
  g_assert_nonnull (j2);
  g_clear_pointer (&r2, pathways_report_unref);
  /* a period without referral dates selects nothing */
  r2 = pathways_report_new (bare, f, NULL);
  g_assert_cmpfloat (pathways_report_get_cell (r2, "cohort", NULL, "cohort", "cases")->value, ==, 0);
}

static void
test_derived_returners (void)
{
  g_autoptr(PathwaysDataset) ds = pathways_dataset_new ();
  PathwaysColumn *ref, *person;
  g_autoptr(PathwaysReport) r = NULL;
  static const char *persons[] = { "A", "B", "A", "A", NULL };
  static const int days[] = { 10, 5, 3, 20, 1 };

  ds->mapping = pathways_mapping_new ();
  ds->n_cases = 5;
  g_free (ds->case_service_start);
  ds->case_service_start = g_new0 (guint32, 6);
  ref = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_DATE, 5);
  person = pathways_dataset_add_column (ds, PATHWAYS_FIELD_PERSON_ID, 5);
  g_ptr_array_add (person->key_strings, g_strdup ("A"));
  g_ptr_array_add (person->key_strings, g_strdup ("B"));
  for (guint i = 0; i < 5; i++)
    {
      ref->days[i] = pathways_day_from_ymd (2023, 1, days[i]);
      person->keys[i] = persons[i] == NULL ? 0 : persons[i][0] == 'A' ? 1 : 2;
    }
  r = pathways_report_new (ds, NULL, NULL);
  /* A's first case is the third (3 Jan): new; the first and fourth are returning. B new.
   * The fifth has no person: not recorded. */
  g_assert_cmpfloat (value (r, "returners", NULL, "new", "count"), ==, 2);
  g_assert_cmpfloat (value (r, "returners", NULL, "returning", "count"), ==, 2);
  g_assert_cmpfloat (value (r, "returners", NULL, "not_recorded", "count"), ==, 1);
  g_assert_cmpfloat (value (r, "cohort", NULL, "cohort", "persons"), ==, 2);
  /* no services, no closure fields: the funnel has only "referred" */
  g_assert_cmpuint (pathways_report_get_table (r, "funnel", NULL)->rows->len, ==, 1);
  g_assert_null (pathways_report_get_table (r, "closure_reasons", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/measures/journey/shape", test_fixture_shape);
  g_test_add_func ("/pathways/measures/journey/funnel", test_funnel);
  g_test_add_func ("/pathways/measures/journey/funnel-unmapped-stage", test_funnel_unmapped_stage);
  g_test_add_func ("/pathways/measures/journey/stages", test_stages);
  g_test_add_func ("/pathways/measures/journey/closure-reasons", test_closure_reasons);
  g_test_add_func ("/pathways/measures/journey/rates", test_rates);
  g_test_add_func ("/pathways/measures/journey/waits", test_waits);
  g_test_add_func ("/pathways/measures/journey/people", test_people);
  g_test_add_func ("/pathways/measures/percentile", test_percentile);
  g_test_add_func ("/pathways/measures/stats-helpers", test_stats_helpers);
  g_test_add_func ("/pathways/measures/derived-returners", test_derived_returners);
  g_test_add_func ("/pathways/measures/random-invariants", test_random_invariants);
  g_test_add_func ("/pathways/measures/bitsets-and-loop-agree", test_bitsets_and_loop_agree);
  g_test_add_func ("/pathways/measures/waits-two-ways", test_waits_two_ways);
  g_test_add_func ("/pathways/measures/degenerate", test_degenerate);

  return g_test_run ();
}
