/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case ID of each finding's row (the rows to fix, issue 15 item 5): the import
 * names the case of every listed row, checked against the source file's own lines;
 * the workspace keeps them (schema 2) and still opens a schema 1 file saved by
 * Pathways 0.2, which has none; and no report output (PDF, workbook, CSV folder, summary) carries one. */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <zip.h>
#include <glib/gstdio.h>

#include "pathways.h"
#include "sample-fixture.h"
#include "workspace-fixture.h"

static PathwaysDataset *sample;

/* The lines of the file at PATH: line ROW - 1 is spreadsheet row ROW (the header is
 * row 1; the sample has no line breaks inside cells). */
static char **
file_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return g_strsplit (text, "\n", -1);
}

/* Every listed finding about a kept row names the case of that row: the row's case_id
 * cell in the source (the first column of the cases file, the second of the services
 * file); a row left out for its case ID names that ID. The sample's findings are
 * checked one by one. */
static void
test_import (void)
{
  g_autofree char *cases = NULL, *services = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_lines = NULL, service_lines = NULL;
  guint named = 0, in_services = 0;
  gboolean seen_1720 = FALSE;

  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  case_lines = file_lines (cases);
  service_lines = file_lines (services);
  g_assert_true (g_str_has_prefix (case_lines[0], "case_id,"));
  g_assert_true (g_str_has_prefix (service_lines[0], "service_id,case_id,"));

  g_assert_cmpuint (sample->findings->len, >, 0);
  for (guint i = 0; i < sample->findings->len; i++)
    {
      const PathwaysFinding *f = g_ptr_array_index (sample->findings, i);
      gboolean from_services = g_strcmp0 (f->file, "pathways-sample-services.csv") == 0;
      char **lines = from_services ? service_lines : case_lines;
      g_autofree char *prefix = NULL;

      if (f->row == 0 || g_strcmp0 (f->kind, PATHWAYS_FINDING_MISSING_CASE_ID) == 0)
        {
          g_assert_null (f->case_id);
          continue;
        }
      g_assert_nonnull (f->case_id);
      g_assert_cmpuint (f->row - 1, <, g_strv_length (lines));
      prefix = g_strconcat (f->case_id, ",", NULL);
      if (from_services)
        {
          /* "S000001,C000001,...": after the service ID */
          const char *comma = strchr (lines[f->row - 1], ',');

          g_assert_nonnull (comma);
          g_assert_true (g_str_has_prefix (comma + 1, prefix));
        }
      else if (!g_str_has_prefix (lines[f->row - 1], prefix))
        g_error ("%s row %" G_GUINT64_FORMAT " (%s): case %s, the line reads %.40s", f->file,
                 f->row, f->kind, f->case_id, lines[f->row - 1]);
      named++;
      in_services += from_services;
      /* the closure date before the referral date of row 1,720 (test-quality's row) */
      if (f->row == 1720 && !from_services)
        {
          g_assert_cmpstr (f->case_id, ==, "C001718");
          seen_1720 = TRUE;
        }
    }
  g_test_message ("%u findings name their case, %u of them in the services file", named, in_services);
  g_assert_true (seen_1720);
  g_assert_cmpuint (named, >=, 5);
}

/* Saved and opened again, the case IDs stay; a schema 1 file (no case_id column)
 * opens with the same findings and no case IDs. */
static void
test_workspace (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(PathwaysDataset) old = NULL;
  g_autofree char *version = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (pathways_workspace_save (sample, path, &error));
  g_assert_no_error (error);
  version = query_text (path, "SELECT value FROM meta WHERE key = 'schema_version'");
  g_assert_cmpstr (version, ==, "2");
  stored = query_text (path, "SELECT case_id FROM findings WHERE row = 1720 AND "
                             "file = 'pathways-sample-cases.csv'");
  g_assert_cmpstr (stored, ==, "C001718");

  loaded = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->findings->len, ==, sample->findings->len);
  for (guint i = 0; i < sample->findings->len; i++)
    {
      const PathwaysFinding *a = g_ptr_array_index (sample->findings, i);
      const PathwaysFinding *b = g_ptr_array_index (loaded->findings, i);

      g_assert_cmpstr (a->case_id, ==, b->case_id);
      g_assert_cmpuint (a->row, ==, b->row);
    }

  /* as Pathways 0.2 wrote it: schema 1, findings without case_id, no checksums */
  exec_on_file (path, "ALTER TABLE findings DROP COLUMN case_id;"
                      "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
                      "PRAGMA user_version = 1;"
                      "DROP TABLE checksums; DELETE FROM meta WHERE key = 'checksum';");
  old = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (old);
  g_assert_cmpuint (old->n_cases, ==, sample->n_cases);
  g_assert_cmpuint (old->findings->len, ==, sample->findings->len);
  for (guint i = 0; i < old->findings->len; i++)
    {
      const PathwaysFinding *a = g_ptr_array_index (sample->findings, i);
      const PathwaysFinding *b = g_ptr_array_index (old->findings, i);

      g_assert_null (b->case_id);
      g_assert_cmpstr (a->message, ==, b->message);
      g_assert_cmpuint (a->row, ==, b->row);
    }

  /* a file claiming schema 2 without the column is damaged, not half read */
  exec_on_file (path, "UPDATE meta SET value = '2' WHERE key = 'schema_version';"
                      "PRAGMA user_version = 2;");
  g_clear_pointer (&old, pathways_dataset_unref);
  old = pathways_workspace_load (path, &error);
  g_assert_null (old);
  g_assert_nonnull (error);
  g_clear_error (&error);
  rm_rf (dir);
}

/* tests/data/workspace/schema1.pathways was saved by Pathways 0.2.0 (commit e4a8ac6):
 * `pathways-cli import --cases tests/data/import/cases.csv --services
 * tests/data/import/services.csv --snapshot 2023-04-01`, then `PRAGMA page_size =
 * 1024; VACUUM` to make it small (a vacuum keeps every value, so the checksums hold).
 * It opens, checksums verified, with the findings of a fresh import of the same files
 * and no case IDs; the fresh import names the case of each row, read here from the
 * two files by hand. Saved again, it is a schema 2 file. */
static void
test_schema1_file (void)
{
  static const struct {
    const char *kind;
    const char *file;
    guint64     row;
    const char *case_id;
  } expected[] = {
    { PATHWAYS_FINDING_DUPLICATE_CASE_ID, "cases.csv", 6, "C2" },     /* C2 again */
    { PATHWAYS_FINDING_MISSING_CASE_ID, "cases.csv", 7, NULL },       /* no ID */
    { PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD, "cases.csv", 8, "C6" },   /* "sometime" */
    { PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD, "cases.csv", 8, "C6" }, /* "forty" */
    { PATHWAYS_FINDING_RAGGED_ROW, "cases.csv", 9, "C7" },            /* 10 of 12 fields */
    { PATHWAYS_FINDING_ORPHAN_SERVICE, "services.csv", 4, "C99" },    /* S3 */
    { PATHWAYS_FINDING_DATE_ORDER_ASSUMED, "cases.csv", 0, NULL },    /* a column */
    { PATHWAYS_FINDING_IMPOSSIBLE_DATE, "cases.csv", 5, "C4" },       /* 31/02/2023 */
    { PATHWAYS_FINDING_NEGATIVE_DURATION, "cases.csv", 4, "C3" },     /* closed before referred */
    { PATHWAYS_FINDING_NEGATIVE_DURATION, "services.csv", 6, "C3" },  /* S5 */
    { PATHWAYS_FINDING_NEGATIVE_DURATION, "services.csv", 5, "C4" },  /* S4 */
  };
  g_autofree char *fixture = g_build_filename (TEST_DATA_DIR, "workspace", "schema1.pathways", NULL);
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "import", "cases.csv", NULL);
  g_autofree char *services = g_build_filename (TEST_DATA_DIR, "import", "services.csv", NULL);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "again.pathways", NULL);
  g_autofree char *version = NULL;
  g_autoptr(PathwaysDataset) old = NULL;
  g_autoptr(PathwaysDataset) fresh = NULL;
  g_autoptr(PathwaysDataset) again = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions io = { 0, };

  version = query_text (fixture, "SELECT value FROM meta WHERE key = 'schema_version'");
  g_assert_cmpstr (version, ==, "1");
  old = pathways_workspace_load (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (old->n_cases, ==, 7);
  g_assert_cmpuint (old->n_services, ==, 4);

  io.cases_path = cases;
  io.services_path = services;
  io.snapshot_day = pathways_day_from_ymd (2023, 4, 1);
  fresh = pathways_import (&io, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (old->findings->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (fresh->findings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const PathwaysFinding *a = g_ptr_array_index (old->findings, i);
      const PathwaysFinding *b = g_ptr_array_index (fresh->findings, i);

      g_assert_cmpstr (a->kind, ==, expected[i].kind);
      g_assert_cmpstr (a->file, ==, expected[i].file);
      g_assert_cmpuint (a->row, ==, expected[i].row);
      g_assert_null (a->case_id);
      g_assert_cmpstr (a->message, ==, b->message);
      g_assert_cmpstr (b->kind, ==, expected[i].kind);
      g_assert_cmpuint (b->row, ==, expected[i].row);
      g_assert_cmpstr (b->case_id, ==, expected[i].case_id);
    }

  g_assert_true (pathways_workspace_save (old, path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&version, g_free);
  version = query_text (path, "SELECT value FROM meta WHERE key = 'schema_version'");
  g_assert_cmpstr (version, ==, "2");
  again = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->findings->len, ==, G_N_ELEMENTS (expected));
  g_assert_null (((PathwaysFinding *) g_ptr_array_index (again->findings, 0))->case_id);
  rm_rf (dir);
}

/* Appends every part of the workbook at PATH to OUT. */
static void
append_xlsx_text (const char *path,
                  GString    *out)
{
  int zerr = 0;
  zip_t *zip = zip_open (path, ZIP_RDONLY, &zerr);

  g_assert_nonnull (zip);
  for (zip_int64_t i = 0; i < zip_get_num_entries (zip, 0); i++)
    {
      zip_file_t *zf = zip_fopen_index (zip, i, 0);
      char buf[65536];
      zip_int64_t got;

      g_assert_nonnull (zf);
      while ((got = zip_fread (zf, buf, sizeof buf)) > 0)
        g_string_append_len (out, buf, got);
      zip_fclose (zf);
    }
  zip_close (zip);
}

/* Appends every file of DIR to OUT. */
static void
append_dir_text (const char *dir,
                 GString    *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
      g_string_append (out, text);
    }
}

static char *
pdf_text (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  const char *argv[] = { NULL, "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (tool == NULL)
    g_error ("pdftotext is not installed: run build-aux/install-deps");
  argv[0] = tool;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The report exports (PDF, workbook, CSV folder, the summary) name no finding's case:
 * the rows to fix stay in the window and its explicit file. Exact figures (no
 * protection) and every section, the data-quality one included. */
static void
test_no_case_in_reports (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "r.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  PathwaysReportOptions ro;
  PathwaysDisclosurePolicy policy;
  PathwaysOutputRequest request;
  const PathwaysOutputFormat formats[] = { PATHWAYS_OUTPUT_PDF, PATHWAYS_OUTPUT_XLSX,
                                           PATHWAYS_OUTPUT_CSV };
  const char *paths[] = { pdf, xlsx, csv };
  guint checked = 0;

  pathways_report_options_init (&ro);
  report = pathways_report_new (sample, NULL, &ro);
  pathways_disclosure_policy_init (&policy);
  policy.method = PATHWAYS_PROTECTION_NONE;
  pathways_output_request_init (&request);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_assert_true (pathways_output_write (report, &policy, formats[i], paths[i], &request, &error));
      g_assert_no_error (error);
    }
  text = pdf_text (pdf);
  g_string_append (all, text);
  append_xlsx_text (xlsx, all);
  append_dir_text (csv, all);
  json = pathways_summary_to_json_string (report);
  g_string_append (all, json);
  /* the outputs do speak of the findings: the data-quality section is there */
  g_assert_nonnull (strstr (text, "Dates that run backwards"));

  for (guint i = 0; i < sample->findings->len; i++)
    {
      const PathwaysFinding *f = g_ptr_array_index (sample->findings, i);

      if (f->case_id == NULL)
        continue;
      if (strstr (all->str, f->case_id) != NULL)
        g_error ("a report output names case %s (%s, row %" G_GUINT64_FORMAT ")", f->case_id,
                 f->kind, f->row);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 5);
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cases = NULL, *services = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  sample = sample_fixture_import (NULL);

  g_test_add_func ("/pathways/finding-cases/import", test_import);
  g_test_add_func ("/pathways/finding-cases/workspace", test_workspace);
  g_test_add_func ("/pathways/finding-cases/schema1-file", test_schema1_file);
  g_test_add_func ("/pathways/finding-cases/no-case-in-reports", test_no_case_in_reports);

  ret = g_test_run ();
  pathways_dataset_unref (sample);
  return ret;
}
