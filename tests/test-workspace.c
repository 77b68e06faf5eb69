/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-workspace"

#include "config.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pathways-workspace.h"

#include "workspace-fixture.h"

/* ---- tests -------------------------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "export.pathways", NULL);
  g_autofree char *names = NULL;

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "export.pathways");

  loaded = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  assert_datasets_equal (ds, loaded);

  /* A few values checked by hand as well. */
  g_assert_cmpstr (pathways_dataset_get_case_id (loaded, 2), ==, "C3");
  g_assert_null (pathways_dataset_get_case_id (loaded, 3));
  g_assert_cmpint (loaded->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[2], ==,
                   PATHWAYS_DAY_INVALID);
  g_assert_cmpint (loaded->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[1], ==,
                   PATHWAYS_DAY_NONE);
  g_assert_cmpstr (pathways_dictionary_get (loaded->columns[PATHWAYS_FIELD_GENDER]->dict, 2),
                   ==, "Male");
  g_assert_cmpuint (loaded->case_service_start[1], ==, 2);
  g_assert_cmpuint (loaded->case_service_start[2], ==, 2);
  g_assert_cmpuint (loaded->service_case[2], ==, 2);
  g_assert_cmpuint (pathways_dataset_count_findings (loaded, PATHWAYS_FINDING_ORPHAN_SERVICE),
                    ==, 1234);
  g_assert_cmpuint (loaded->findings->len, ==, 3);
  g_assert_cmpstr (loaded->name, ==, "Export March 2024 — Sussex");
  g_assert_null (loaded->columns[PATHWAYS_FIELD_DATE_OF_BIRTH]);

  rm_rf (dir);
}

static void
test_meta_and_views (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "export.pathways", NULL);
  struct { const char *sql; const char *expected; } checks[] = {
    { "PRAGMA application_id", "1348564072" },
    { "PRAGMA user_version", "2" },
    { "SELECT value FROM meta WHERE key = 'schema_version'", "2" },
    { "SELECT value FROM meta WHERE key = 'application'", "pathways" },
    { "SELECT value FROM meta WHERE key = 'snapshot_day'", "2024-03-31" },
    { "SELECT value FROM meta WHERE key = 'snapshot_from_data'", "true" },
    { "SELECT value FROM meta WHERE key = 'n_cases'", "4" },
    { "SELECT value FROM meta WHERE key = 'n_services'", "3" },
    { "SELECT value FROM meta WHERE key = 'has_services'", "true" },
    { "SELECT value FROM meta WHERE key = 'checksum'", "sha256" },
    { "SELECT group_concat (scope, ',') FROM (SELECT scope FROM checksums ORDER BY scope)",
      "data,settings" },
    { "SELECT count(*) FROM checksums WHERE length (sha256) = 64", "2" },
    { "SELECT count(*) FROM cases", "4" },
    { "SELECT count(*) FROM services", "3" },
    { "SELECT count(*) FROM case_values", "3" },
    { "SELECT referral_date FROM cases WHERE case_index = 2", "-1" },
    { "SELECT referral_date FROM cases WHERE case_index = 1", NULL },
    { "SELECT referral_date FROM cases_v WHERE case_index = 0", "2023-05-04" },
    { "SELECT referral_date FROM cases_v WHERE case_index = 3", "2024-02-29" },
    { "SELECT referral_date FROM cases_v WHERE case_index = 2", "invalid" },
    { "SELECT gender FROM cases_v WHERE case_index = 1", "Male" },
    { "SELECT gender FROM cases_v WHERE case_index = 2", "Not recorded" },
    { "SELECT case_id FROM cases_v WHERE case_index = 2", "C3" },
    { "SELECT age FROM cases_v WHERE case_index = 3", "101" },
    { "SELECT risks FROM cases_v WHERE case_index = 0", "Stalking; Self-harm" },
    { "SELECT risks FROM cases_v WHERE case_index = 1", "None" },
    { "SELECT risks FROM cases_v WHERE case_index = 2", "Not recorded" },
    { "SELECT group_concat (service_type, ',') FROM services_v WHERE case_index = 0",
      "Counselling,ISVA" },
    { "SELECT service_id FROM services_v WHERE case_index = 2", "S3" },
    { "SELECT service_start_date FROM services_v WHERE service_index = 0", "2023-05-20" },
    { "SELECT count(*) FROM services_v WHERE case_index = 1", "0" },
    { "SELECT sha256 FROM sources WHERE name = 'services.xlsx'",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "SELECT count FROM finding_summary WHERE kind = 'orphan_service'", "1234" },
    { "SELECT row FROM findings WHERE kind = 'orphan_service'", "1204" },
    { "SELECT severity FROM findings WHERE kind = 'date_order_assumed'", "assumption" },
    { "SELECT count(*) FROM mapping", "1" },
  };

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *value = query_text (path, checks[i].sql);

      g_test_message ("%s", checks[i].sql);
      g_assert_cmpstr (value, ==, checks[i].expected);
    }
  rm_rf (dir);
}

static void
test_mode (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "export.pathways", NULL);
  GStatBuf st;
  mode_t old_umask = umask (0);

  /* Even with a permissive umask the workspace is private. */
  g_assert_true (pathways_workspace_save (ds, path, &error));
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (S_ISREG (st.st_mode));

  rm_rf (dir);
}

/* A save killed half-way leaves NAME.XXXXXX behind; the next save removes it, but not
 * the temporary file of a save still running (it holds an flock on it). */
static void
test_stale_temporaries (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "export.pathways", NULL);
  g_autofree char *stale = g_build_filename (dir, "export.pathways.a1B2c3", NULL);
  g_autofree char *busy = g_build_filename (dir, "export.pathways.d4E5f6", NULL);
  g_autofree char *other = g_build_filename (dir, "other.pathways.a1B2c3", NULL);
  g_autofree char *stale_journal = g_build_filename (dir, "export.pathways.a1B2c3-journal", NULL);
  g_autofree char *orphan_journal = g_build_filename (dir, "export.pathways.zzzzzz-journal", NULL);
  int busy_fd;

  g_assert_true (g_file_set_contents (stale, "half a workspace", -1, NULL));
  g_assert_true (g_file_set_contents (busy, "a save in progress", -1, NULL));
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));
  g_assert_true (g_file_set_contents (stale_journal, "journal", -1, NULL));
  g_assert_true (g_file_set_contents (orphan_journal, "journal", -1, NULL));
  busy_fd = g_open (busy, O_RDONLY, 0);
  g_assert_cmpint (busy_fd, >=, 0);
  g_assert_cmpint (flock (busy_fd, LOCK_EX | LOCK_NB), ==, 0);

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  close (busy_fd);

  rm_rf (dir);
}

static guint
count_bytes (const char    *haystack,
             gsize          length,
             gconstpointer  needle,
             gsize          needle_length)
{
  guint n = 0;

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      n++;
  return n;
}

/* The date of birth is read only to derive the age: its values never reach the file.
 * The only mentions of the field are in the mapping's JSON (which source column holds
 * it, needed to import the next export the same way). */
static void
test_no_date_of_birth (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "export.pathways", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *json = NULL;
  g_autofree char *count = NULL;
  gsize length = 0;
  gint32 dob = pathways_day_from_ymd (1990, 1, 1);
  guint8 le[4] = { dob & 0xff, (dob >> 8) & 0xff, (dob >> 16) & 0xff, (dob >> 24) & 0xff };
  const char *name = "date_of_birth";

  pathways_mapping_set_column (ds->mapping, PATHWAYS_FIELD_DATE_OF_BIRTH, "DOB");
  json = pathways_mapping_to_data (ds->mapping);

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);

  g_assert_cmpuint (count_bytes (contents, length, name, strlen (name)), ==,
                    count_bytes (json, strlen (json), name, strlen (name)));
  g_assert_cmpuint (count_bytes (contents, length, "1990-01-01", strlen ("1990-01-01")), ==, 0);
  g_assert_cmpuint (count_bytes (contents, length, le, sizeof le), ==, 0);

  count = query_text (path, "SELECT count(*) FROM pragma_table_info ('cases') "
                            "WHERE name = 'date_of_birth'");
  g_assert_cmpstr (count, ==, "0");
  rm_rf (dir);
}

static void
test_replace (void)
{
  g_autoptr(PathwaysDataset) first = make_dataset ();
  g_autoptr(PathwaysDataset) second = pathways_dataset_new ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "export.pathways", NULL);
  g_autofree char *names = NULL;
  g_autofree char *view = NULL;
  PathwaysColumn *c;

  g_assert_true (pathways_workspace_save (first, path, &error));
  g_assert_no_error (error);
  g_assert_true (pathways_workspace_set_setting (path, "view.default", "{\"period\":\"2023\"}",
                                                 &error));
  g_assert_no_error (error);

  /* A different dataset: two cases, no services, no mapping, no snapshot. */
  second->name = g_strdup ("second");
  second->n_cases = 2;
  c = pathways_dataset_add_column (second, PATHWAYS_FIELD_CASE_ID, 2);
  set_key (c, 0, "X1");
  set_key (c, 1, "X2");
  c = pathways_dataset_add_column (second, PATHWAYS_FIELD_ETHNICITY, 2);
  c->codes[1] = pathways_dictionary_intern (c->dict, "White British");
  g_free (second->case_service_start);
  second->case_service_start = g_new0 (guint32, 3);

  g_assert_true (pathways_workspace_save (second, path, &error));
  g_assert_no_error (error);

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "export.pathways");

  loaded = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  assert_datasets_equal (second, loaded);
  g_assert_null (loaded->columns[PATHWAYS_FIELD_GENDER]);
  g_assert_null (loaded->mapping);
  g_assert_cmpint (loaded->snapshot_day, ==, PATHWAYS_DAY_NONE);
  g_assert_false (loaded->has_services);
  g_assert_cmpuint (loaded->findings->len, ==, 0);

  /* Saved views belong to the workspace file and survive saving it again. */
  view = pathways_workspace_get_setting (path, "view.default", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view, ==, "{\"period\":\"2023\"}");

  rm_rf (dir);
}

static void
assert_load_fails_keeps_old (const char      *old_path,
                             PathwaysDataset *old_dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) loaded = pathways_workspace_load (old_path, &error);

  g_assert_no_error (error);
  assert_datasets_equal (old_dataset, loaded);
}

static void
test_failed_save (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) other = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *path = g_build_filename (sub, "export.pathways", NULL);
  g_autofree char *as_dir = g_build_filename (sub, "folder.pathways", NULL);
  g_autofree char *inside = g_build_filename (as_dir, "keep.txt", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.txt", NULL);
  g_autofree char *under_file = g_build_filename (plain, "export.pathways", NULL);
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);

  g_free (other->name);
  other->name = g_strdup ("should not replace");

  if (geteuid () != 0)
    {
      /* A read-only folder: no temporary file can be made, the old file stays. */
      g_assert_cmpint (g_chmod (sub, 0500), ==, 0);
      g_assert_false (pathways_workspace_save (other, path, &error));
      g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "export.pathways"));
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (sub, 0700), ==, 0);
      assert_load_fails_keeps_old (path, ds);
    }

  /* The destination is a non-empty folder: everything is written, then the rename
   * fails; the temporary file must be gone and the folder untouched. */
  g_assert_cmpint (g_mkdir (as_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "keep", -1, NULL));
  g_assert_false (pathways_workspace_save (other, as_dir, &error));
  g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  names = list_dir (sub);
  g_assert_cmpstr (names, ==, "export.pathways folder.pathways");
  assert_load_fails_keeps_old (path, ds);

  /* The parent "folder" is a regular file. */
  g_assert_true (g_file_set_contents (plain, "text", -1, NULL));
  g_assert_false (pathways_workspace_save (other, under_file, &error));
  g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO);
  g_clear_error (&error);
  g_clear_pointer (&names, g_free);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "plain.txt sub");

  rm_rf (dir);
}

static void
assert_load_error (const char *path,
                   int         code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) loaded = pathways_workspace_load (path, &error);
  g_autofree char *setting = NULL;

  g_assert_null (loaded);
  g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, code);
  g_test_message ("%s", error->message);
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));

  /* Settings refuse the same files (except damaged content: settings don't read it). */
  if (code != PATHWAYS_WORKSPACE_ERROR_CORRUPT)
    {
      g_clear_error (&error);
      setting = pathways_workspace_get_setting (path, "k", &error);
      g_assert_null (setting);
      g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, code);
      g_clear_error (&error);
      g_assert_false (pathways_workspace_set_setting (path, "k", "v", &error));
      g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, code);
    }
}

static void
test_not_workspace (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *text = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.pathways", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *stolen_id = g_build_filename (dir, "stolen.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pathways", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (text, "Case ID,Referral date\nC1,2023-01-01\n", -1, NULL));
  assert_load_error (text, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                     "x.pathways is not a Pathways workspace or is damaged.");
  /* Refused, not modified. */
  g_assert_true (g_file_get_contents (text, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "Case ID,Referral date\nC1,2023-01-01\n");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_load_error (empty, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                     "empty.pathways is not a Pathways workspace");

  exec_on_file (other, "CREATE TABLE meta (key TEXT, value TEXT);"
                       "INSERT INTO meta VALUES ('schema_version', '1');");
  assert_load_error (other, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                     "other.sqlite is not a Pathways workspace");

  /* Our application id but none of our tables. */
  exec_on_file (stolen_id, "PRAGMA application_id = 1348564072; CREATE TABLE t (x);");
  assert_load_error (stolen_id, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                     "stolen.sqlite is not a Pathways workspace");

  assert_load_error (missing, PATHWAYS_WORKSPACE_ERROR_IO, "missing.pathways");
  assert_load_error (dir, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE, NULL);

  rm_rf (dir);
}

static void
test_newer (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *expected = NULL;

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
  exec_on_file (path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");

  expected = g_strdup_printf ("x.pathways was saved by a newer version of Pathways (schema 99); "
                              "this version reads schema %d", PATHWAYS_WORKSPACE_SCHEMA_VERSION);
  assert_load_error (path, PATHWAYS_WORKSPACE_ERROR_NEWER, expected);

  /* The SQLite header's version alone is enough too. */
  exec_on_file (path, "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
                      "PRAGMA user_version = 3;");
  assert_load_error (path, PATHWAYS_WORKSPACE_ERROR_NEWER, "(schema 3)");

  rm_rf (dir);
}

typedef struct {
  const char *sql;
  const char *message_part;
} Damage;

static void
test_corrupt (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  static const Damage damages[] = {
    { "UPDATE column_data SET data = substr (data, 1, 3) WHERE field = 'referral_date'",
      "referral_date" },
    { "UPDATE column_data SET data = NULL WHERE field = 'gender'", "gender" },
    { "DELETE FROM column_data WHERE field = 'case_service_start'", "links" },
    { "DELETE FROM dictionary WHERE field = 'gender' AND code = 2",
      "codes beyond its dictionary" },
    { "DELETE FROM dictionary WHERE field = 'risks'", "no dictionary" },
    { "UPDATE dictionary SET value = 'Male' WHERE field = 'gender' AND code = 1",
      "numbered in order" },
    { "UPDATE column_data SET codes = x'0100020009000000' WHERE field = 'risks'", "risks" },
    { "UPDATE column_data SET codes = x'010002000900' WHERE field = 'risks'",
      "codes beyond its dictionary" },
    { "UPDATE column_data SET offsets = x'0000000002000000010000000200000003000000' "
      "WHERE field = 'risks'", "bad offsets" },
    { "UPDATE column_data SET data = x'02010003' WHERE field = 'risks'", "bad offsets or states" },
    { "UPDATE column_data SET data = x'000000000000000009000000' WHERE field = 'service_case'",
      "out of range" },
    { "UPDATE column_data SET data = x'000000000200000002000000030000000400000000' "
      "WHERE field = 'case_service_start'", "links" },
    { "UPDATE column_data SET data = x'00000000020000000300000002000000' || x'03000000' "
      "WHERE field = 'case_service_start'", "links" },
    { "UPDATE column_data SET data = x'01000000020000000300000009000000' "
      "WHERE table_name = 'cases' AND field = 'case_id'", "identifiers" },
    { "UPDATE column_data SET n_strings = 4 WHERE table_name = 'cases' AND field = 'case_id'",
      "case_id" },
    { "UPDATE column_data SET strings = x'433100433200433300ff00' "
      "WHERE table_name = 'cases' AND field = 'case_id'", "case_id" },
    { "UPDATE column_data SET strings = x'4331004332004333' "
      "WHERE table_name = 'cases' AND field = 'case_id'", "case_id" },
    { "UPDATE column_data SET data = x'00000000000000000000000000100000' "
      "WHERE field = 'closure_date'", "impossible day" },
    { "UPDATE column_data SET kind = 'integer' WHERE field = 'closure_date'", "closure_date" },
    { "UPDATE column_data SET n_rows = 5 WHERE field = 'age'", "age" },
    { "UPDATE column_data SET field = 'shoe_size' WHERE field = 'age'", "shoe_size" },
    { "INSERT INTO column_data (table_name, field, kind, n_rows, data) "
      "VALUES ('cases', 'date_of_birth', 'date', 4, x'00000000000000000000000000000000')",
      "date_of_birth" },
    { "UPDATE meta SET value = '5' WHERE key = 'n_cases'", NULL },
    { "DELETE FROM meta WHERE key = 'n_services'", "services" },
    { "UPDATE meta SET value = '2023-02-31' WHERE key = 'snapshot_day'", "2023-02-31" },
    { "UPDATE findings SET severity = 'catastrophic' WHERE position = 0", "finding" },
    { "UPDATE findings SET row = -4 WHERE position = 0", "finding" },
    { "UPDATE finding_summary SET count = -1 WHERE position = 0", "summary" },
    { "UPDATE sources SET name = x'ff00' WHERE position = 0", "source" },
    { "DROP TABLE findings", "findings" },
    { "INSERT INTO mapping (json) VALUES ('{}')", "mapping" },
    { "UPDATE mapping SET json = 'not json at all'", "mapping" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_test_message ("damage: %s", damages[i].sql);
      g_assert_true (pathways_workspace_save (ds, path, &error));
      g_assert_no_error (error);
      exec_on_file (path, damages[i].sql);
      assert_load_error (path, PATHWAYS_WORKSPACE_ERROR_CORRUPT, damages[i].message_part);
      /* The same checks hold for a file without checksums (an older version's). */
      exec_on_file (path, "DROP TABLE checksums; DELETE FROM meta WHERE key = 'checksum'");
      assert_load_error (path, PATHWAYS_WORKSPACE_ERROR_CORRUPT, damages[i].message_part);
    }

  rm_rf (dir);
}

/* Garbage over the middle of the file: an error (whatever SQLite makes of it), never a
 * crash. */
static void
test_garbage (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);

  for (gsize start = 100; start < 600000; start = start * 3 + 7)
    {
      g_autofree char *contents = NULL;
      g_autoptr(PathwaysDataset) loaded = NULL;
      gsize length = 0;

      g_assert_true (pathways_workspace_save (ds, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      if (start >= length)
        break;
      for (gsize k = start; k < MIN (length, start + 4096); k++)
        contents[k] = (char) (k * 37 + 11);
      g_assert_true (g_file_set_contents (path, contents, length, NULL));

      loaded = pathways_workspace_load (path, &error);
      /* Either it loads (only free space or a plain integer was hit) or it fails with
       * one of our errors. */
      if (loaded == NULL)
        g_assert_true (error != NULL && error->domain == PATHWAYS_WORKSPACE_ERROR);
      g_clear_error (&error);
    }
  rm_rf (dir);
}

static void
test_settings (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *names = NULL;
  char *value;
  GStatBuf st;

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);

  value = pathways_workspace_get_setting (path, "report.period", &error);
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_true (pathways_workspace_set_setting (path, "report.period", "2023-04/2024-03", &error));
  g_assert_no_error (error);
  g_assert_true (pathways_workspace_set_setting (path, "view.name", "Böröcz — Q1 ✓", &error));
  g_assert_no_error (error);

  value = pathways_workspace_get_setting (path, "report.period", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "2023-04/2024-03");
  g_free (value);

  g_assert_true (pathways_workspace_set_setting (path, "report.period", "2022", &error));
  g_assert_no_error (error);
  value = pathways_workspace_get_setting (path, "report.period", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "2022");
  g_free (value);

  value = pathways_workspace_get_setting (path, "view.name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "Böröcz — Q1 ✓");
  g_free (value);

  /* NULL removes a setting. */
  g_assert_true (pathways_workspace_set_setting (path, "view.name", NULL, &error));
  g_assert_no_error (error);
  value = pathways_workspace_get_setting (path, "view.name", &error);
  g_assert_no_error (error);
  g_assert_null (value);

  /* The data is untouched, no journal is left behind, the file stays private. */
  loaded = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  assert_datasets_equal (ds, loaded);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "x.pathways");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  rm_rf (dir);
}

/* 50,000 generated cases with services, round-tripped (no timing). */
static void
test_many_rows (void)
{
  g_autoptr(PathwaysDataset) ds = pathways_dataset_new ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240331);
  g_autoptr(GArray) service_case = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) multi_codes = g_array_new (FALSE, FALSE, sizeof (guint16));
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "many.pathways", NULL);
  static const char *ethnicities[] = { "White British", "Asian", "Black", "Mixed", "Other" };
  static const char *risks[] = { "Stalking", "Self-harm", "Homelessness", "Coercion" };
  const guint n = 50000;
  PathwaysColumn *ids, *referral, *age, *ethnicity, *risk, *service_ids, *service_dates;
  gint32 base = pathways_day_from_ymd (2020, 1, 1);

  ds->name = g_strdup ("generated");
  ds->n_cases = n;
  ds->snapshot_day = pathways_day_from_ymd (2024, 12, 31);
  ids = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CASE_ID, n);
  referral = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_DATE, n);
  age = pathways_dataset_add_column (ds, PATHWAYS_FIELD_AGE, n);
  ethnicity = pathways_dataset_add_column (ds, PATHWAYS_FIELD_ETHNICITY, n);
  risk = pathways_dataset_add_column (ds, PATHWAYS_FIELD_RISKS, n);

  for (guint i = 0; i < n; i++)
    {
      /* one identifier that is not ASCII: opening checks it as UTF-8 */
      g_autofree char *id = i == 7 ? g_strdup ("CASE-Zoë-000007") : g_strdup_printf ("CASE-%06u", i);
      guint r = g_rand_int_range (rand, 0, 100);
      guint n_services = g_rand_int_range (rand, 0, 3);

      g_ptr_array_add (ids->key_strings, g_steal_pointer (&id));
      ids->keys[i] = ids->key_strings->len - 1;
      referral->days[i] = r < 3 ? PATHWAYS_DAY_NONE : r < 5 ? PATHWAYS_DAY_INVALID
                                                            : base + (gint32) (i % 1500);
      age->ints[i] = r < 10 ? PATHWAYS_INT_NONE : (gint32) (r % 80) + 10;
      ethnicity->codes[i] = pathways_dictionary_intern (ethnicity->dict,
                                                        ethnicities[(i * 7 + r) % 5]);
      if (r % 4 == 0)
        ethnicity->codes[i] = PATHWAYS_CODE_NOT_RECORDED;

      risk->multi_state[i] = r % 3;
      if (risk->multi_state[i] == PATHWAYS_MULTI_VALUES)
        for (guint k = 0; k <= r % 3 + (r & 1); k++)
          {
            guint16 code = pathways_dictionary_intern (risk->dict, risks[(i + k) % 4]);
            g_array_append_val (multi_codes, code);
          }
      risk->multi_offsets[i + 1] = multi_codes->len;

      for (guint s = 0; s < n_services; s++)
        g_array_append_val (service_case, i);
    }
  risk->multi_codes = g_memdup2 (multi_codes->data, MAX (multi_codes->len, 1) * sizeof (guint16));

  ds->n_services = service_case->len;
  ds->has_services = TRUE;
  set_links (ds, (const guint32 *) service_case->data);
  service_ids = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_ID, ds->n_services);
  service_dates = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_START_DATE,
                                               ds->n_services);
  for (guint j = 0; j < ds->n_services; j++)
    {
      g_ptr_array_add (service_ids->key_strings, g_strdup_printf ("S%u", j));
      service_ids->keys[j] = j + 1;
      service_dates->days[j] = j % 11 == 0 ? PATHWAYS_DAY_NONE : base + (gint32) (j % 2000);
    }
  for (guint k = 0; k < 250; k++)
    pathways_dataset_add_finding (ds, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD,
                                  PATHWAYS_SEVERITY_WARNING, "cases.csv", k + 2,
                                  "Referral date", "soon", "Not a date.");
  g_assert_cmpuint (ds->findings->len, ==, PATHWAYS_MAX_LISTED_FINDINGS);

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
  loaded = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  assert_datasets_equal (ds, loaded);
  g_assert_cmpuint (pathways_dataset_count_findings (loaded,
                                                     PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD),
                    ==, 250);
  g_assert_cmpstr (pathways_dataset_get_case_id (loaded, 49999), ==, "CASE-049999");
  g_assert_cmpstr (pathways_dataset_get_case_id (loaded, 7), ==, "CASE-Zoë-000007");

  /* Blobs this large are hashed on another thread while the next ones are read: one
   * day changed in the middle of the referral dates (still a real day, so only the
   * checksum can tell) must still show as damage. */
  exec_on_file (path, "UPDATE column_data SET data = CAST (substr (data, 1, 100000) || x'05' || "
                      "substr (data, 100002) AS BLOB) WHERE field = 'referral_date'");
  assert_load_error (path, PATHWAYS_WORKSPACE_ERROR_CORRUPT, "checksum");

  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/workspace/round-trip", test_round_trip);
  g_test_add_func ("/pathways/workspace/meta-and-views", test_meta_and_views);
  g_test_add_func ("/pathways/workspace/mode", test_mode);
  g_test_add_func ("/pathways/workspace/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/pathways/workspace/no-date-of-birth", test_no_date_of_birth);
  g_test_add_func ("/pathways/workspace/replace", test_replace);
  g_test_add_func ("/pathways/workspace/failed-save", test_failed_save);
  g_test_add_func ("/pathways/workspace/not-workspace", test_not_workspace);
  g_test_add_func ("/pathways/workspace/newer", test_newer);
  g_test_add_func ("/pathways/workspace/corrupt", test_corrupt);
  g_test_add_func ("/pathways/workspace/garbage", test_garbage);
  g_test_add_func ("/pathways/workspace/settings", test_settings);
  g_test_add_func ("/pathways/workspace/many-rows", test_many_rows);

  return g_test_run ();
}
