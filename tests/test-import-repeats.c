/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outcomes and appointments importers resolve what rows repeat once (an
 * instrument and item, a column of the wide shape, a status, kind or service-type
 * text) and reuse it. These files repeat values with other spellings, spaces and
 * answers out of range on a second meeting, so a cache that kept a verdict instead of
 * a resolution, or shared one between instruments, would fail here.
 *
 * Outcomes use the cases of tests/data/outcomes (O1–O10); appointments the fixture of
 * tests/profile-fixture.h (C1–C6). Every expected figure is worked out beside it.
 */
#include "config.h"

#include <math.h>

#include "pathways.h"
#include "pathways-outcomes.h"
#include "profile-fixture.h"

#include <glib/gstdio.h>

static char *
write_temp (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-import-repeats-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static PathwaysDataset *
load_outcomes (const char *contents)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "outcomes", "cases.csv", NULL);
  g_autofree char *path = write_temp ("outcomes.csv", contents);
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  PathwaysDataset *ds;

  options.cases_path = cases;
  options.snapshot_day = pathways_day_from_ymd (2023, 6, 30);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_true (pathways_outcomes_import (ds, path, PATHWAYS_DATE_ORDER_AUTO, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ds->outcomes);
  remove_temp (path);
  return ds;
}

static void
assert_measure (PathwaysOutcomeTable *t,
                guint                 m,
                const char           *instrument,
                const char           *item)
{
  g_assert_cmpstr (g_ptr_array_index (t->instruments, m), ==, instrument);
  g_assert_cmpstr (g_ptr_array_index (t->items, m), ==, item);
}

/* The sum of the kept scores of measure M, and their number in *N. */
static double
measure_sum (PathwaysOutcomeTable *t,
             guint                 m,
             guint                *n)
{
  double sum = 0;

  *n = 0;
  for (guint i = 0; i < t->n_rows; i++)
    if (t->measure[i] == m)
      {
        sum += t->score[i];
        (*n)++;
      }
  return sum;
}

static void
test_long (void)
{
  g_autoptr(PathwaysDataset) ds = load_outcomes (
    "Case ID,Questionnaire,Item,Timepoint,Score\n"
    "O1,PHQ-9,Total,Start,10\n"                 /* kept: PHQ-9 total, measure 0 */
    "O1, phq9 ,,End,28\n"                       /* the same total spelt otherwise: 0–27, out */
    "O2,phq9,,Start,12\n"                       /* that spelling again: kept, measure 0 */
    "O2,PHQ-9,Q1,Start,Several days\n"          /* item Q1 (0–3), a label: 1, measure 1 */
    "O2,PHQ-9,Q1,End,4\n"                       /* the same item again: 4 is out of range */
    "O3,PHQ-9,Q1,Start,3\n"                     /* kept: measure 1 */
    "O3,GAD-7,Q1,Start,Several days\n"          /* another instrument's Q1: 1, measure 2 */
    "O3,Custom scale,Q1,Start,99\n"             /* not built in: no range, kept, measure 3 */
    "O3,Custom scale,Q1,End,Several days\n"     /* the common scales' label: 1, measure 3 */
    "O4,PHQ-9,Total,Start,sometimes\n"          /* not a number nor a PHQ-9 label */
    "O4,  PHQ-9,Total  ,End, 7 \n");            /* spaces around all three: kept, measure 0 */
  PathwaysOutcomeTable *t = ds->outcomes;
  guint n;

  /* 11 rows less the three left out (28, 4, "sometimes") */
  g_assert_cmpuint (t->n_rows, ==, 8);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_SCORE_OUT_OF_RANGE), ==, 2);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD), ==, 1);
  /* the measures in the order of their first kept answer */
  g_assert_cmpuint (pathways_outcome_table_get_n_measures (t), ==, 4);
  assert_measure (t, 0, "PHQ-9", "PHQ-9");
  assert_measure (t, 1, "PHQ-9", "Q1");
  assert_measure (t, 2, "GAD-7", "Q1");
  assert_measure (t, 3, "Custom scale", "Q1");
  /* PHQ-9 total: 10 + 12 + 7 = 29 over 3 answers */
  g_assert_cmpfloat (measure_sum (t, 0, &n), ==, 29);
  g_assert_cmpuint (n, ==, 3);
  /* PHQ-9 Q1: 1 + 3 */
  g_assert_cmpfloat (measure_sum (t, 1, &n), ==, 4);
  g_assert_cmpuint (n, ==, 2);
  /* GAD-7 Q1: 1 */
  g_assert_cmpfloat (measure_sum (t, 2, &n), ==, 1);
  g_assert_cmpuint (n, ==, 1);
  /* Custom scale Q1: 99 + 1 */
  g_assert_cmpfloat (measure_sum (t, 3, &n), ==, 100);
  g_assert_cmpuint (n, ==, 2);
}

static void
test_wide (void)
{
  /* one row per questionnaire, the instrument changing from row to row: a column is
   * resolved for each instrument, so PHQ-9's item range (0–3) never applies to
   * "Custom" and the other way round */
  g_autoptr(PathwaysDataset) ds = load_outcomes (
    "Case ID,Instrument,Timepoint,Q1,Q2\n"
    "O1,PHQ-9,Start,3,2\n"                      /* kept: PHQ-9 Q1 (0), PHQ-9 Q2 (1) */
    "O1,Custom,Start,5,2\n"                     /* kept: Custom Q1 (2), Custom Q2 (3) */
    "O2,PHQ-9,Start,5,1\n"                      /* Q1 5 is out of PHQ-9's range; Q2 kept */
    "O2, Custom ,Start, 7 ,x\n"                 /* Q1 7 kept; Q2 "x" not understood */
    "O3,,Start,1,1\n"                           /* no instrument: nothing kept */
    "O3,phq 9,End,,0\n");                       /* PHQ-9 spelt otherwise: Q2 kept */
  PathwaysOutcomeTable *t = ds->outcomes;
  guint n;

  /* kept: 2 + 2 + 1 + 1 + 0 + 1 */
  g_assert_cmpuint (t->n_rows, ==, 7);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_SCORE_OUT_OF_RANGE), ==, 1);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD), ==, 1);
  /* two items of two instruments, no totals (PHQ-9 has nine items) */
  g_assert_cmpuint (pathways_outcome_table_get_n_measures (t), ==, 4);
  assert_measure (t, 0, "PHQ-9", "Q1");
  assert_measure (t, 1, "PHQ-9", "Q2");
  assert_measure (t, 2, "Custom", "Q1");
  assert_measure (t, 3, "Custom", "Q2");
  /* PHQ-9 Q1: 3; Q2: 2 + 1 + 0 */
  g_assert_cmpfloat (measure_sum (t, 0, &n), ==, 3);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (measure_sum (t, 1, &n), ==, 3);
  g_assert_cmpuint (n, ==, 3);
  /* Custom Q1: 5 + 7; Q2: 2 */
  g_assert_cmpfloat (measure_sum (t, 2, &n), ==, 12);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (measure_sum (t, 3, &n), ==, 2);
  g_assert_cmpuint (n, ==, 1);
}

static void
test_appointments (void)
{
  g_autoptr(PathwaysDataset) ds = profile_fixture_load ();
  g_autofree char *path = write_temp ("appointments.csv",
    "Case ID,Appointment date,Status,Type,Service type\n"
    "C1,2023-02-01,Attended,Session,Therapy\n"
    "C1,2023-02-08,attended ,session,Therapy\n"
    "C2,2023-02-01,DNA,Session, Advocacy\n"
    "C2,2023-02-08,DNA,Phone call,Therapy\n"
    "C3,2023-03-01,Cancelled by staff,Session,Advocacy\n"
    "C3,2023-03-08,maybe,Assessment,\n"
    " C4 ,2023-03-01,Attended,,Outreach\n"
    "C9,2023-03-01,Attended,Session,Therapy\n");
  static const guint8 status[] = {
    PATHWAYS_APPOINTMENT_ATTENDED, PATHWAYS_APPOINTMENT_ATTENDED,
    PATHWAYS_APPOINTMENT_DID_NOT_ATTEND, PATHWAYS_APPOINTMENT_DID_NOT_ATTEND,
    PATHWAYS_APPOINTMENT_CANCELLED_BY_SERVICE, PATHWAYS_APPOINTMENT_NOT_RECORDED,
    PATHWAYS_APPOINTMENT_ATTENDED,
  };
  static const guint8 kind[] = {
    PATHWAYS_APPOINTMENT_KIND_SESSION, PATHWAYS_APPOINTMENT_KIND_SESSION,
    PATHWAYS_APPOINTMENT_KIND_SESSION, PATHWAYS_APPOINTMENT_KIND_CONTACT,
    PATHWAYS_APPOINTMENT_KIND_SESSION, PATHWAYS_APPOINTMENT_KIND_OTHER,
    PATHWAYS_APPOINTMENT_KIND_NOT_RECORDED,
  };
  /* the types in the order first met: 1 Therapy, 2 Advocacy (" Advocacy" trimmed),
   * 3 Outreach; the empty cell is 0, not recorded */
  static const guint16 type[] = { 1, 1, 2, 1, 2, 0, 3 };
  static const guint32 case_index[] = { 0, 0, 1, 1, 2, 2, 3 };
  g_autoptr(GError) error = NULL;
  PathwaysAppointmentTable *t;

  g_assert_true (pathways_appointments_import (ds, path, PATHWAYS_DATE_ORDER_AUTO, &error));
  g_assert_no_error (error);
  remove_temp (path);
  t = ds->appointments;
  /* eight rows, C9 left out */
  g_assert_cmpuint (t->n_rows, ==, 7);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_ORPHAN_APPOINTMENT), ==, 1);
  g_assert_cmpuint (t->service_types->values->len, ==, 4);
  g_assert_cmpstr (pathways_dictionary_get (t->service_types, 1), ==, "Therapy");
  g_assert_cmpstr (pathways_dictionary_get (t->service_types, 2), ==, "Advocacy");
  g_assert_cmpstr (pathways_dictionary_get (t->service_types, 3), ==, "Outreach");
  for (guint i = 0; i < t->n_rows; i++)
    {
      g_assert_cmpuint (t->case_index[i], ==, case_index[i]);
      g_assert_cmpuint (t->status[i], ==, status[i]);
      g_assert_cmpuint (t->kind[i], ==, kind[i]);
      g_assert_cmpuint (t->service_type[i], ==, type[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-repeats/outcomes/long", test_long);
  g_test_add_func ("/import-repeats/outcomes/wide", test_wide);
  g_test_add_func ("/import-repeats/appointments", test_appointments);
  return g_test_run ();
}
