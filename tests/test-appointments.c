/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Appointments and contacts (pathways-appointments.h) on the hand-made fixture
 * tests/data/profile (cases in tests/profile-fixture.h). Every expected figure is worked
 * out by hand beside its assertion.
 *
 * appointments.csv (case, service, date, status, kind → service type):
 *   C1 S1 ×4: Attended, Attended, DNA, Attended sessions (Therapy): 3 sessions attended
 *   C2 S2: DNA, Did not attend, Cancelled by service sessions (Therapy): 0 attended
 *   C3 S4: Attended session (Therapy); S3: Client cancelled session, Attended contact
 *      (Advocacy): 1 session, 1 contact
 *   C4 S5 (Outreach): a "Phone call" with no status (a contact: counted), 2 attended
 *      contacts: 3 contacts, 0 sessions
 *   C9: no such case: a finding, left out
 *   C6 S6: "not a date", Attended session (Therapy): a finding, counted
 *   C5 (no service): Attended session dated 2023-01-01, before its referral on
 *      2023-03-01: a finding, counted; service type not recorded
 *
 * Closed cases C1 C2 C3 C5 attended 3, 0, 1, 1 sessions: sorted 0 1 1 3, median
 * (1 + 1) / 2 = 1, mean 5 / 4 = 1.25; bands 0: 1, 1: 2, 2–5: 1, others 0.
 * Contacts: C3 1, C4 3: 4 contacts, 2 cases with a contact, 2 per case.
 * Booked (attended + did not attend) by service type:
 *   Therapy: attended 3 (C1) + 1 (C3) + 1 (C6) = 5, DNA 1 (C1) + 2 (C2) = 3: booked 8,
 *     DNA 3 / 8 = 37.5 %; cancelled by service 1 (C2)
 *   Outreach: attended 2, booked 2, DNA 0 %
 *   Advocacy: attended 1, booked 1; cancelled by client 1
 *   Not recorded (C5): attended 1, booked 1 (listed last)
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "pathways.h"
#include "profile-fixture.h"

#include <glib/gstdio.h>

static PathwaysDataset *
load (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "profile", "appointments.csv", NULL);
  g_autoptr(GError) error = NULL;
  PathwaysDataset *ds = profile_fixture_load ();

  g_assert_true (pathways_appointments_import (ds, path, PATHWAYS_DATE_ORDER_AUTO, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ds->appointments);
  return ds;
}

static void
test_parse (void)
{
  g_assert_cmpint (pathways_appointment_status_parse ("DNA"), ==, PATHWAYS_APPOINTMENT_DID_NOT_ATTEND);
  g_assert_cmpint (pathways_appointment_status_parse ("did-not-attend"), ==, PATHWAYS_APPOINTMENT_DID_NOT_ATTEND);
  g_assert_cmpint (pathways_appointment_status_parse (" Attended "), ==, PATHWAYS_APPOINTMENT_ATTENDED);
  g_assert_cmpint (pathways_appointment_status_parse ("Client cancelled"), ==, PATHWAYS_APPOINTMENT_CANCELLED_BY_CLIENT);
  g_assert_cmpint (pathways_appointment_status_parse ("Cancelled by staff"), ==, PATHWAYS_APPOINTMENT_CANCELLED_BY_SERVICE);
  g_assert_cmpint (pathways_appointment_status_parse ("maybe"), ==, PATHWAYS_APPOINTMENT_NOT_RECORDED);
  g_assert_cmpint (pathways_appointment_status_parse (NULL), ==, PATHWAYS_APPOINTMENT_NOT_RECORDED);
  g_assert_cmpstr (pathways_appointment_status_to_string (PATHWAYS_APPOINTMENT_DID_NOT_ATTEND), ==, "did_not_attend");
  g_assert_cmpint (pathways_appointment_kind_parse ("Phone call"), ==, PATHWAYS_APPOINTMENT_KIND_CONTACT);
  g_assert_cmpint (pathways_appointment_kind_parse ("Session"), ==, PATHWAYS_APPOINTMENT_KIND_SESSION);
  g_assert_cmpint (pathways_appointment_kind_parse ("Assessment"), ==, PATHWAYS_APPOINTMENT_KIND_OTHER);
  g_assert_cmpint (pathways_appointment_kind_parse (""), ==, PATHWAYS_APPOINTMENT_KIND_NOT_RECORDED);
}

static void
test_import_findings (void)
{
  g_autoptr(PathwaysDataset) ds = load ();

  /* 16 rows, C9 left out */
  g_assert_cmpuint (ds->appointments->n_rows, ==, 15);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_ORPHAN_APPOINTMENT), ==, 1);
  /* "not a date" (C6) and the appointment before its referral (C5) */
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_APPOINTMENT_NOT_PLACED), ==, 2);
}

static const PathwaysDnaRow *
dna_at (const PathwaysAppointmentMeasures *m,
        guint                              r,
        const char                        *type)
{
  const PathwaysDnaRow *row;

  g_assert_cmpuint (r, <, m->dna->len);
  row = &g_array_index (m->dna, PathwaysDnaRow, r);
  g_assert_cmpstr (row->service_type, ==, type);
  return row;
}

static void
test_measures (void)
{
  g_autoptr(PathwaysDataset) ds = load ();
  g_autoptr(PathwaysAppointmentMeasures) m = pathways_appointments_compute (ds, NULL);
  const PathwaysDnaRow *d;

  g_assert_cmpuint (m->closed_cases, ==, 4);
  g_assert_cmpuint (m->sessions, ==, 5);
  g_assert_cmpfloat (m->median_sessions, ==, 1.0);
  g_assert_cmpfloat (m->mean_sessions, ==, 1.25);
  g_assert_cmpuint (m->bands[0], ==, 1);
  g_assert_cmpuint (m->bands[1], ==, 2);
  g_assert_cmpuint (m->bands[2], ==, 1);
  g_assert_cmpuint (m->bands[3] + m->bands[4] + m->bands[5], ==, 0);
  g_assert_cmpstr (pathways_session_band_label (2), ==, "2–5");

  g_assert_cmpuint (m->cases, ==, 6);
  g_assert_cmpuint (m->contacts, ==, 4);
  g_assert_cmpuint (m->cases_with_contact, ==, 2);
  g_assert_cmpfloat (m->contacts_per_case, ==, 2.0);

  g_assert_cmpuint (m->dna->len, ==, 4);
  d = dna_at (m, 0, "Therapy");
  g_assert_cmpuint (d->booked, ==, 8);
  g_assert_cmpuint (d->attended, ==, 5);
  g_assert_cmpuint (d->did_not_attend, ==, 3);
  g_assert_cmpuint (d->cancelled_by_service, ==, 1);
  g_assert_cmpfloat_with_epsilon (pathways_dna_row_pct (d), 37.5, 1e-9);
  d = dna_at (m, 1, "Outreach");
  g_assert_cmpuint (d->booked, ==, 2);
  g_assert_cmpfloat (pathways_dna_row_pct (d), ==, 0.0);
  d = dna_at (m, 2, "Advocacy");
  g_assert_cmpuint (d->booked, ==, 1);
  g_assert_cmpuint (d->cancelled_by_client, ==, 1);
  d = dna_at (m, 3, PATHWAYS_NOT_RECORDED);
  g_assert_cmpuint (d->booked, ==, 1);
}

/* area = Colchester: C3 (closed, 1 session) and C4 (open, 3 contacts) */
static void
test_filtered_report (void)
{
  g_autoptr(PathwaysDataset) ds = load ();
  g_autoptr(PathwaysReport) report = profile_fixture_report (ds, "area", "Colchester");
  PathwaysCell *cell;

  cell = pathways_report_get_cell (report, "appointments_summary", NULL, "closed_cases", "value");
  g_assert_cmpfloat (cell->value, ==, 1);
  g_assert_true (cell->kind == PATHWAYS_CELL_COUNT);
  cell = pathways_report_get_cell (report, "appointments_summary", NULL, "median_sessions", "value");
  g_assert_cmpfloat (cell->value, ==, 1);
  cell = pathways_report_get_cell (report, "appointments_sessions", NULL, "1", "pct");
  g_assert_cmpfloat (cell->value, ==, 100.0);
  cell = pathways_report_get_cell (report, "appointments_summary", NULL, "contacts_per_case", "value");
  /* C3 1 contact, C4 3: 4 over 2 cases */
  g_assert_cmpfloat (cell->value, ==, 2.0);
  /* Therapy: C3's one attended session; Outreach: C4's two attended contacts */
  cell = pathways_report_get_cell (report, "appointments_dna", NULL, "Therapy", "booked");
  g_assert_cmpfloat (cell->value, ==, 1);
  cell = pathways_report_get_cell (report, "appointments_dna", NULL, "Outreach", "booked");
  g_assert_cmpfloat (cell->value, ==, 2);
  g_assert_null (pathways_report_get_cell (report, "appointments_dna", NULL, PATHWAYS_NOT_RECORDED, "booked"));
}

/* The summary JSON's "appointments" section (spec/cli.md) */
static void
test_json (void)
{
  g_autoptr(PathwaysDataset) ds = load ();
  g_autoptr(PathwaysReport) report = profile_fixture_report (ds, NULL, NULL);
  g_autoptr(JsonNode) root = pathways_summary_to_json (report);
  JsonObject *a = json_object_get_object_member (json_node_get_object (root), "appointments");
  JsonObject *s, *band, *therapy;
  JsonArray *dna;

  g_assert_nonnull (a);
  s = json_object_get_object_member (a, "sessions_per_closed_case");
  g_assert_cmpfloat (json_object_get_double_member (s, "median"), ==, 1.0);
  g_assert_cmpint (json_object_get_int_member (s, "closed_cases"), ==, 4);
  band = json_array_get_object_element (json_object_get_array_member (s, "bands"), 2);
  g_assert_cmpstr (json_object_get_string_member (band, "band"), ==, "2–5");
  g_assert_cmpint (json_object_get_int_member (band, "count"), ==, 1);
  dna = json_object_get_array_member (a, "dna_rate");
  g_assert_cmpuint (json_array_get_length (dna), ==, 4);
  therapy = json_array_get_object_element (dna, 0);
  g_assert_cmpstr (json_object_get_string_member (therapy, "service_type"), ==, "Therapy");
  g_assert_cmpint (json_object_get_int_member (therapy, "booked"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (therapy, "did_not_attend"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (therapy, "pct"), 37.5, 1e-9);
  s = json_object_get_object_member (a, "contacts");
  g_assert_cmpfloat (json_object_get_double_member (s, "per_case"), ==, 2.0);
}

/* A file without a case ID column is refused with a message */
static void
test_bad_file (void)
{
  g_autoptr(PathwaysDataset) ds = profile_fixture_load ();
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "profile", "services.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("pathways-appointments-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (bad, "when,status\n2023-01-01,Attended\n", -1, NULL));
  g_assert_false (pathways_appointments_import (ds, bad, PATHWAYS_DATE_ORDER_AUTO, &error));
  g_assert_nonnull (error);
  g_assert_null (ds->appointments);
  g_clear_error (&error);
  /* no appointments table, no measures */
  g_assert_null (pathways_appointments_compute (ds, NULL));
  (void) path;
  g_unlink (bad);
  g_rmdir (dir);
}

/* The table survives a workspace: the same measures after saving and opening */
static void
test_workspace (void)
{
  g_autoptr(PathwaysDataset) ds = load ();
  g_autofree char *dir = g_dir_make_tmp ("pathways-appointments-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.pathways", NULL);
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(PathwaysAppointmentMeasures) m = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
  loaded = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded->appointments);
  g_assert_cmpuint (loaded->appointments->n_rows, ==, 15);
  g_assert_cmpstr (loaded->appointments->file, ==, "appointments.csv");
  /* the undated and unplaced rows stay undated */
  m = pathways_appointments_compute (loaded, NULL);
  g_assert_cmpfloat (m->median_sessions, ==, 1.0);
  g_assert_cmpuint (m->contacts, ==, 4);
  g_assert_cmpuint (m->dna->len, ==, 4);
  g_assert_cmpstr (g_array_index (m->dna, PathwaysDnaRow, 0).service_type, ==, "Therapy");
  g_assert_cmpuint (g_array_index (m->dna, PathwaysDnaRow, 0).did_not_attend, ==, 3);
  g_assert_cmpuint (pathways_dataset_count_findings (loaded, PATHWAYS_FINDING_ORPHAN_APPOINTMENT), ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PATHWAYS_CLI");
  const char *arg;
  int wait_status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* pathways-cli --appointments, with a user field filtered and split on through a
 * mapping file: Team = North is C1, C2, C6; their Therapy appointments: attended 3
 * (C1) + 1 (C6) = 4, did not attend 1 (C1) + 2 (C2) = 3, booked 7: 3 / 7 = 42.86 % */
static void
test_cli (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "profile", "cases.csv", NULL);
  g_autofree char *services = g_build_filename (TEST_DATA_DIR, "profile", "services.csv", NULL);
  g_autofree char *appointments = g_build_filename (TEST_DATA_DIR, "profile", "appointments.csv", NULL);
  g_autofree char *mapping = g_build_filename (TEST_DATA_DIR, "profile", "mapping.json", NULL);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *therapy;
  int status;

  status = run_cli (&out, &err, "summary", "--cases", cases, "--services", services,
                    "--appointments", appointments, "--mapping", mapping,
                    "--filter", "user_1=north", "--split", "user_1", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "cohort"), "cases"), ==, 3);
  therapy = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (root, "appointments"), "dna_rate"), 0);
  g_assert_cmpstr (json_object_get_string_member (therapy, "service_type"), ==, "Therapy");
  g_assert_cmpint (json_object_get_int_member (therapy, "booked"), ==, 7);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (therapy, "pct"), 300.0 / 7, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "breakdowns"), "by"), ==, "user_1");

  /* a file that cannot be read is a data error (1), with a message naming it */
  status = run_cli (&out2, &err2, "summary", "--cases", cases, "--appointments", "/nonexistent/a.csv", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err2, "/nonexistent/a.csv"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pathways/appointments/parse", test_parse);
  g_test_add_func ("/pathways/appointments/import-findings", test_import_findings);
  g_test_add_func ("/pathways/appointments/measures", test_measures);
  g_test_add_func ("/pathways/appointments/filtered-report", test_filtered_report);
  g_test_add_func ("/pathways/appointments/json", test_json);
  g_test_add_func ("/pathways/appointments/bad-file", test_bad_file);
  g_test_add_func ("/pathways/appointments/workspace", test_workspace);
  g_test_add_func ("/pathways/appointments/cli", test_cli);
  return g_test_run ();
}
