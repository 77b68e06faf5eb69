/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-cli as a script uses it: exit status, messages, outputs (spec/cli.md). */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pathways.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run,
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
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  /* a signal is never an acceptable answer */
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
data_path (const char *a,
           const char *b)
{
  return g_build_filename (TEST_DATA_DIR, a, b, NULL);
}

static char *
nyc_path (void)
{
  /* the export is kept in tests/data: every test runs from a plain clone */
  return g_build_filename (TEST_DATA_DIR, "nyc-311", "311_Service_Requests_sample.csv", NULL);
}

static void
test_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) order = { 0 };
  g_auto(Run) nothing = { 0 };
  g_auto(Run) both = { 0 };

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage"));

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run_cli (&order, "check", "--sample", "--date-order", "dym", NULL);
  g_assert_cmpint (order.status, ==, 2);
  g_assert_nonnull (strstr (order.err, "--date-order"));

  run_cli (&nothing, "summary", NULL);
  g_assert_cmpint (nothing.status, ==, 2);

  run_cli (&both, "summary", "--sample", "--workspace", "x.pathways", NULL);
  g_assert_cmpint (both.status, ==, 2);
}

static void
test_unreadable (void)
{
  g_auto(Run) missing = { 0 };
  g_auto(Run) bad_mapping = { 0 };
  g_autofree char *cases = data_path ("import", "cases.csv");

  run_cli (&missing, "check", "--cases", "no-such-export.csv", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "no-such-export.csv"));

  run_cli (&bad_mapping, "check", "--cases", cases, "--mapping", "no-such-preset", NULL);
  g_assert_cmpint (bad_mapping.status, ==, 1);
  g_assert_nonnull (strstr (bad_mapping.err, "no-such-preset"));
}

/* check on the NYC export: exit 0 (findings are not failures), the assumption named */
static void
test_check_nyc (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };
  g_autofree char *nyc = nyc_path ();
  g_autofree char *mapping = data_path ("mapping", "nyc-311.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *dataset;

  run_cli (&run, "check", "--cases", nyc, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* the text says what was found in words; the identifiers are for the JSON */
  g_assert_nonnull (strstr (run.out, "Day and month order assumed"));
  g_assert_null (strstr (run.out, "date_order_assumed"));
  g_assert_nonnull (strstr (run.out, "Created Date"));

  run_cli (&json, "check", "--cases", nyc, "--mapping", mapping, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  dataset = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "dataset");
  g_assert_cmpint (json_object_get_int_member (dataset, "cases"), ==, 924);
  g_assert_cmpint (json_object_get_int_member (dataset, "closed_cases"), ==, 480);
  g_assert_cmpstr (json_object_get_string_member (dataset, "first_referral"), ==, "2022-05-01");
}

/* mapping prints the saved-mapping format, which --mapping reads back */
static void
test_mapping_round_trip (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_autofree char *long_file = data_path ("import", "long.csv");
  g_autofree char *dir = g_dir_make_tmp ("pathways-cli-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "mapping.json", NULL);
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;

  run_cli (&run, "mapping", "--cases", long_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  mapping = pathways_mapping_new_from_data (run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID), ==, "clientcaseid");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, "startdate");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_SERVICE_TYPE), ==, "servicetype");
  /* the order found in the values is written down */
  g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, PATHWAYS_DATE_ORDER_DMY);

  g_assert_true (g_file_set_contents (saved, run.out, -1, NULL));
  run_cli (&again, "check", "--cases", long_file, "--mapping", saved, "--json", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "\"cases\" : 3"));
  g_assert_nonnull (strstr (again.out, "inconsistent_case_column"));

  g_remove (saved);
  g_rmdir (dir);
}

/* import writes a workspace with mode 0600 that reopens without the source files */
static void
test_import_workspace (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) summary = { 0 };
  g_autofree char *cases = data_path ("import", "cases.csv");
  g_autofree char *services = data_path ("import", "services.csv");
  g_autofree char *dir = g_dir_make_tmp ("pathways-cli-XXXXXX", NULL);
  g_autofree char *workspace = g_build_filename (dir, "x.pathways", NULL);
  GStatBuf st;

  run_cli (&run, "import", "--cases", cases, "--services", services, "--output", workspace, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_stat (workspace, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  run_cli (&summary, "summary", "--workspace", workspace, "--json", NULL);
  g_assert_cmpint (summary.status, ==, 0);
  g_assert_nonnull (strstr (summary.out, "\"cases\" : 7"));

  g_remove (workspace);
  g_rmdir (dir);
}

/* summary with a cohort: filters, period and disclosure control */
static void
test_summary_filters (void)
{
  g_auto(Run) police = { 0 };
  g_auto(Run) bad_threshold = { 0 };
  g_auto(Run) bad_field = { 0 };
  g_auto(Run) bad_value = { 0 };
  g_auto(Run) both_periods = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *cohort, *disclosure;

  run_cli (&police, "summary", "--sample", "--json", "--filter", "referral_source=Police",
           "--suppress", "5", NULL);
  g_assert_cmpint (police.status, ==, 0);
  json_parser_load_from_data (parser, police.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  cohort = json_object_get_object_member (root, "cohort");
  /* the sample has 2,199 police referrals (docs/sample-data.md), all of a large
   * count, so shown exactly even with suppression */
  g_assert_cmpint (json_object_get_int_member (cohort, "cases"), ==, 2199);
  disclosure = json_object_get_object_member (root, "disclosure");
  g_assert_nonnull (disclosure);
  g_assert_cmpint (json_object_get_int_member (disclosure, "threshold"), ==, 5);
  g_assert_true (json_object_has_member (root, "funnel"));
  g_assert_true (json_object_has_member (root, "waiting_times"));

  run_cli (&bad_threshold, "summary", "--sample", "--suppress", "1", NULL);
  g_assert_cmpint (bad_threshold.status, ==, 2);
  g_assert_nonnull (strstr (bad_threshold.err, "--suppress"));

  run_cli (&bad_field, "summary", "--sample", "--filter", "favourite_colour=Blue", NULL);
  g_assert_cmpint (bad_field.status, ==, 2);
  g_assert_nonnull (strstr (bad_field.err, "favourite_colour"));

  run_cli (&bad_value, "summary", "--sample", "--filter", "referral_source=Carrier pigeon", NULL);
  g_assert_cmpint (bad_value.status, ==, 1);
  g_assert_nonnull (strstr (bad_value.err, "Carrier pigeon"));

  run_cli (&both_periods, "summary", "--sample", "--period", "FY2022-23", "--from", "2022-01-01", NULL);
  g_assert_cmpint (both_periods.status, ==, 2);
}

static gint64
cohort_cases (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_object_get_int_member (json_object_get_object_member (root, "cohort"), "cases");
}

/* --filter FIELD=VALUE takes one whole value, commas, brackets, "$" and all (a real LAPD
 * crime type), matched ignoring case and inner spaces; repeated for one field it ORs.
 * tests/data/filter/cases.csv: 3 felony vandalisms, 2 misdemeanours, 2 burglaries and
 * one "THEFT, PETTY". */
static void
test_filter_values (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "filter", "cases.csv", NULL);
  g_auto(Run) felony = { 0 };
  g_auto(Run) folded = { 0 };
  g_auto(Run) two = { 0 };
  g_auto(Run) split = { 0 };
  g_auto(Run) old_form = { 0 };
  g_auto(Run) police = { 0 };

  run_cli (&felony, "summary", "--cases", cases, "--json", "--filter",
           "primary_incident=VANDALISM - FELONY ($400 & OVER, ALL CHURCH VANDALISMS)", NULL);
  g_assert_cmpint (felony.status, ==, 0);
  g_assert_cmpint (cohort_cases (felony.out), ==, 3);

  run_cli (&folded, "summary", "--cases", cases, "--json", "--filter",
           "primary_incident=vandalism  - felony ($400 & over, all church vandalisms)", NULL);
  g_assert_cmpint (folded.status, ==, 0);
  g_assert_cmpint (cohort_cases (folded.out), ==, 3);

  run_cli (&two, "summary", "--cases", cases, "--json",
           "--filter", "primary_incident=BURGLARY", "--filter", "primary_incident=THEFT, PETTY", NULL);
  g_assert_cmpint (two.status, ==, 0);
  g_assert_cmpint (cohort_cases (two.out), ==, 3);

  /* values of this field contain commas, so "A,B" is one (unknown) value, not two */
  run_cli (&split, "summary", "--cases", cases, "--json", "--filter", "primary_incident=BURGLARY,THEFT", NULL);
  g_assert_cmpint (split.status, ==, 1);
  g_assert_nonnull (strstr (split.err, "BURGLARY,THEFT"));

  /* no referral source has a comma: the old form still ORs two values */
  run_cli (&old_form, "summary", "--cases", cases, "--json", "--filter", "referral_source=Police, GP", NULL);
  g_assert_cmpint (old_form.status, ==, 0);
  g_assert_cmpint (cohort_cases (old_form.out), ==, 6);

  /* the sample too: "police" in any case */
  run_cli (&police, "summary", "--sample", "--json", "--filter", "referral_source=POLICE", NULL);
  g_assert_cmpint (police.status, ==, 0);
  g_assert_cmpint (cohort_cases (police.out), ==, 2199);
}

/* --protection and --threshold, and --suppress K as their alias */
static void
test_protection_options (void)
{
  g_auto(Run) plain = { 0 };
  g_auto(Run) suppressed = { 0 };
  g_auto(Run) alias = { 0 };
  g_auto(Run) contradiction = { 0 };
  g_auto(Run) unknown = { 0 };

  run_cli (&plain, "summary", "--sample", "--json", "--period", "2023-05", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_null (strstr (plain.out, "\"disclosure\""));

  run_cli (&suppressed, "summary", "--sample", "--json", "--period", "2023-05",
           "--protection", "suppress", "--threshold", "7", NULL);
  g_assert_cmpint (suppressed.status, ==, 0);
  g_assert_nonnull (strstr (suppressed.out, "\"disclosure\""));
  g_assert_nonnull (strstr (suppressed.out, "\"<7\""));

  run_cli (&alias, "summary", "--sample", "--json", "--period", "2023-05", "--suppress", "7", NULL);
  g_assert_cmpint (alias.status, ==, 0);
  g_assert_cmpstr (alias.out, ==, suppressed.out);

  run_cli (&contradiction, "summary", "--sample", "--protection", "suppress", "--no-suppress", NULL);
  g_assert_cmpint (contradiction.status, ==, 2);

  run_cli (&unknown, "summary", "--sample", "--protection", "blur", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "--protection"));
}

/* export of one chart: PNG and SVG files, protected by default */
static void
test_export_chart (void)
{
  g_auto(Run) png = { 0 };
  g_auto(Run) svg = { 0 };
  g_auto(Run) no_chart = { 0 };
  g_auto(Run) bad_chart = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("pathways-cli-XXXXXX", NULL);
  g_autofree char *png_path = g_build_filename (dir, "funnel.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "reasons.svg", NULL);
  g_autofree char *bytes = NULL;
  gsize len = 0;

  run_cli (&png, "export", "--sample", "--format", "png", "--chart", "funnel",
           "--width", "640", "--height", "400", "--output", png_path, NULL);
  g_assert_cmpint (png.status, ==, 0);
  g_assert_true (g_file_get_contents (png_path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  /* width and height are in the PNG header, big-endian, at bytes 16 and 20 */
  g_assert_cmpuint (((guint8) bytes[18] << 8) | (guint8) bytes[19], ==, 640);
  g_assert_cmpuint (((guint8) bytes[22] << 8) | (guint8) bytes[23], ==, 400);
  g_clear_pointer (&bytes, g_free);

  run_cli (&svg, "export", "--sample", "--format", "svg", "--chart", "closure-reasons",
           "--output", svg_path, NULL);
  g_assert_cmpint (svg.status, ==, 0);
  g_assert_true (g_file_get_contents (svg_path, &bytes, &len, NULL));
  g_assert_nonnull (strstr (bytes, "<svg"));
  g_assert_nonnull (strstr (bytes, "Planned closure"));

  run_cli (&no_chart, "export", "--sample", "--format", "png", "--output", png_path, NULL);
  g_assert_cmpint (no_chart.status, ==, 2);
  run_cli (&bad_chart, "export", "--sample", "--format", "png", "--chart", "pie", "--output", png_path, NULL);
  g_assert_cmpint (bad_chart.status, ==, 2);
  g_assert_nonnull (strstr (bad_chart.err, "pie"));
  run_cli (&bad_format, "export", "--sample", "--format", "docx", "--output", png_path, NULL);
  g_assert_cmpint (bad_format.status, ==, 2);

  g_remove (png_path);
  g_remove (svg_path);
  g_rmdir (dir);
}

/* export of the whole report: PDF (title in its metadata), XLSX, a folder of CSV */
static void
test_export_report (void)
{
  g_auto(Run) pdf = { 0 };
  g_auto(Run) xlsx = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) unwritable = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("pathways-cli-XXXXXX", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *xlsx_path = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *csv_dir = g_build_filename (dir, "tables", NULL);
  g_autofree char *blocked = g_build_filename (pdf_path, "inside.pdf", NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdfinfo", pdf_path, NULL };
  g_autoptr(GDir) tables = NULL;
  guint n_tables = 0;
  gsize len = 0;

  run_cli (&pdf, "export", "--sample", "--format", "pdf", "--period", "FY2022-23",
           "--title", "Quarterly return", "--organisation", "Example Centre",
           "--output", pdf_path, NULL);
  g_assert_cmpint (pdf.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf_path, &bytes, &len, NULL));
  g_assert_cmpmem (bytes, 5, "%PDF-", 5);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &info, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (info, "Quarterly return"));
  g_clear_pointer (&bytes, g_free);

  run_cli (&xlsx, "export", "--sample", "--format", "xlsx", "--output", xlsx_path, NULL);
  g_assert_cmpint (xlsx.status, ==, 0);
  g_assert_true (g_file_get_contents (xlsx_path, &bytes, &len, NULL));
  g_assert_cmpmem (bytes, 2, "PK", 2);

  run_cli (&csv, "export", "--sample", "--format", "csv", "--no-suppress", "--output", csv_dir, NULL);
  g_assert_cmpint (csv.status, ==, 0);
  tables = g_dir_open (csv_dir, 0, NULL);
  g_assert_nonnull (tables);
  while (g_dir_read_name (tables) != NULL)
    n_tables++;
  g_assert_cmpuint (n_tables, >, 10);

  /* a destination under a regular file cannot be written: exit 1, a message */
  run_cli (&unwritable, "export", "--sample", "--format", "pdf", "--output", blocked, NULL);
  g_assert_cmpint (unwritable.status, ==, 1);
  g_assert_cmpstr (unwritable.err, !=, "");
}

static char *
pdf_title (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &info, NULL, NULL, &error);
  g_assert_no_error (error);
  line = strstr (info, "Title:");
  g_assert_nonnull (line);
  line += strlen ("Title:");
  while (*line == ' ')
    line++;
  return g_strndup (line, strcspn (line, "\n"));
}

/* Next quarter's report: options saved in the workspace are used again */
static void
test_export_saved_options (void)
{
  g_auto(Run) import = { 0 };
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) no_workspace = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("pathways-cli-XXXXXX", NULL);
  g_autofree char *ws = g_build_filename (dir, "s.pathways", NULL);
  g_autofree char *q1 = g_build_filename (dir, "q1.pdf", NULL);
  g_autofree char *q2 = g_build_filename (dir, "q2.pdf", NULL);
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;

  run_cli (&import, "import", "--sample", "--output", ws, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run_cli (&first, "export", "--workspace", ws, "--period", "2022-Q4", "--format", "pdf",
           "--title", "Funder return", "--organisation", "Example Centre", "--save-options",
           "--output", q1, NULL);
  g_assert_cmpint (first.status, ==, 0);
  run_cli (&second, "export", "--workspace", ws, "--period", "2023-Q1", "--format", "pdf",
           "--output", q2, NULL);
  g_assert_cmpint (second.status, ==, 0);

  t1 = pdf_title (q1);
  t2 = pdf_title (q2);
  g_assert_cmpstr (t1, ==, "Funder return");
  g_assert_cmpstr (t2, ==, "Funder return");

  run_cli (&no_workspace, "export", "--sample", "--format", "pdf", "--save-options",
           "--output", q2, NULL);
  g_assert_cmpint (no_workspace.status, ==, 2);
}

/* Version 2 sections: --trend, --target and --split give activity, targets and
 * breakdowns with the keys of spec/cli.md; wrong values are usage errors (2). */
static void
test_summary_activity (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "activity", "cases.csv", NULL);
  g_autofree char *services = g_build_filename (TEST_DATA_DIR, "activity", "services.csv", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) bad_trend = { 0 };
  g_auto(Run) bad_target = { 0 };
  g_auto(Run) bad_split = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *activity, *target, *breakdowns;
  JsonArray *periods;

  run_cli (&run, "summary", "--cases", cases, "--services", services, "--mapping", "sample",
           "--snapshot", "2023-06-30", "--json", "--trend", "fquarter", "--target", "contact=2wd",
           "--split", "referral_source", "--period", "FY2023-24-Q1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  activity = json_object_get_object_member (root, "activity");
  g_assert_cmpstr (json_object_get_string_member (activity, "unit"), ==, "fquarter");
  periods = json_object_get_array_member (activity, "periods");
  /* 2022-23 Q3 to 2023-24 Q1 (test-activity.c works the figures out) */
  g_assert_cmpuint (json_array_get_length (periods), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (periods, 2), "referrals"), ==, 4);
  target = json_array_get_object_element (json_object_get_array_member (root, "targets"), 0);
  g_assert_cmpstr (json_object_get_string_member (target, "measure"), ==, "contact");
  g_assert_cmpint (json_object_get_int_member (target, "numerator"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (target, "base"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (target, "previous"), "numerator"), ==, 2);
  breakdowns = json_object_get_object_member (root, "breakdowns");
  g_assert_cmpstr (json_object_get_string_member (breakdowns, "by"), ==, "referral_source");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (breakdowns, "funnel")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (breakdowns, "planned_closure_rates")), >, 0);

  run_cli (&bad_trend, "summary", "--sample", "--json", "--trend", "week", NULL);
  g_assert_cmpint (bad_trend.status, ==, 2);
  run_cli (&bad_target, "summary", "--sample", "--json", "--target", "contact=2weeks", NULL);
  g_assert_cmpint (bad_target.status, ==, 2);
  run_cli (&bad_split, "summary", "--sample", "--json", "--split", "no_such_field", NULL);
  g_assert_cmpint (bad_split.status, ==, 2);
}

/* pathways-cli return: the built-in templates listed, a return filled from the sample
 * (its figures checked against summary's), a user template kept with a workspace,
 * usage errors. */
/* Removes a test's temporary folder and everything in it. */
static void
rm_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                   NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_tree (child);
      else
        g_remove (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static void
test_return (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-cli-return-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "pcc", NULL);
  g_autofree char *csv = g_build_filename (out, "01-return-referrals.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "board.pdf", NULL);
  g_autofree char *ws = g_build_filename (dir, "w.pathways", NULL);
  g_autofree char *mine = g_build_filename (dir, "mine.json", NULL);
  g_autofree char *mine_out = g_build_filename (dir, "mine.xlsx", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) pcc = { 0 };
  g_auto(Run) board = { 0 };
  g_auto(Run) police = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) keep = { 0 };
  g_auto(Run) kept_list = { 0 };
  g_auto(Run) kept = { 0 };
  g_auto(Run) no_period = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) png = { 0 };
  g_auto(Run) custom = { 0 };

  run_cli (&list, "return", "--list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "pcc-quarterly"));
  g_assert_nonnull (strstr (list.out, "board-pack"));

  run_cli (&pcc, "return", "--sample", "--template", "pcc-quarterly", "--period", "FY2023-24-Q1",
           "--format", "csv", "--output", out, "--no-suppress", NULL);
  g_assert_cmpint (pcc.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  /* the sample's 2023-24 Q1: 97 referrals (summary's cohort), 29 by the police */
  g_assert_nonnull (strstr (text, "Referrals,Referrals received,97,"));
  g_assert_nonnull (strstr (text, "Referrals,Referrals from the police,29,"));
  run_cli (&police, "summary", "--sample", "--period", "FY2023-24-Q1", "--filter", "referral_source=Police",
           "--json", NULL);
  g_assert_cmpint (police.status, ==, 0);
  g_assert_nonnull (strstr (police.out, "\"cases\" : 29"));

  /* the board pack, protected by default: a PDF */
  run_cli (&board, "return", "--sample", "--template", "board-pack", "--period", "FY2023-24",
           "--format", "pdf", "--output", pdf, NULL);
  g_assert_cmpint (board.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* a template of one's own, kept with the workspace and found by its id */
  g_assert_true (g_file_set_contents (mine,
      "{ \"id\": \"mine\", \"title\": \"Mine\", \"rows\": ["
      " { \"label\": \"Referrals\", \"measure\": \"referrals\" } ] }", -1, NULL));
  run_cli (&import, "import", "--sample", "--output", ws, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_cli (&keep, "return", "--workspace", ws, "--template", mine, "--keep", "--period", "2023-05",
           "--format", "xlsx", "--output", mine_out, NULL);
  g_assert_cmpint (keep.status, ==, 0);
  run_cli (&kept_list, "return", "--list", "--workspace", ws, NULL);
  g_assert_nonnull (strstr (kept_list.out, "mine "));
  g_unlink (mine);
  run_cli (&kept, "return", "--workspace", ws, "--template", "mine", "--period", "2023-06",
           "--format", "xlsx", "--output", mine_out, NULL);
  g_assert_cmpint (kept.status, ==, 0);

  /* usage: a return is for a period, of a known template, in xlsx, pdf or csv */
  run_cli (&no_period, "return", "--sample", "--template", "pcc-quarterly", "--format", "csv",
           "--output", out, NULL);
  g_assert_cmpint (no_period.status, ==, 2);
  run_cli (&unknown, "return", "--sample", "--template", "no-such-return", "--period", "2023",
           "--format", "csv", "--output", out, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "no-such-return"));
  run_cli (&png, "return", "--sample", "--template", "pcc-quarterly", "--period", "2023",
           "--format", "png", "--output", pdf, NULL);
  g_assert_cmpint (png.status, ==, 2);
  /* closures and caseload need a month, quarter or financial year: 2023 is a calendar year */
  run_cli (&custom, "return", "--sample", "--template", "pcc-quarterly", "--period", "2023",
           "--format", "csv", "--output", out, NULL);
  g_assert_cmpint (custom.status, ==, 2);

  rm_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/cli/usage", test_usage);
  g_test_add_func ("/pathways/cli/unreadable", test_unreadable);
  g_test_add_func ("/pathways/cli/check-nyc", test_check_nyc);
  g_test_add_func ("/pathways/cli/mapping-round-trip", test_mapping_round_trip);
  g_test_add_func ("/pathways/cli/import-workspace", test_import_workspace);
  g_test_add_func ("/pathways/cli/summary-filters", test_summary_filters);
  g_test_add_func ("/pathways/cli/summary-activity", test_summary_activity);
  g_test_add_func ("/pathways/cli/filter-values", test_filter_values);
  g_test_add_func ("/pathways/cli/protection-options", test_protection_options);
  g_test_add_func ("/pathways/cli/export-chart", test_export_chart);
  g_test_add_func ("/pathways/cli/export-report", test_export_report);
  g_test_add_func ("/pathways/cli/export-saved-options", test_export_saved_options);
  g_test_add_func ("/pathways/cli/return", test_return);

  return g_test_run ();
}
