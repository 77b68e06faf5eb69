/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Method 1's foundations (spec/disclosure.md): every dataset has a 32-byte secret
 * (random for a new dataset; derived from the source files' digests by an import, so
 * that the same files give the same keys), a workspace keeps it (a meta row the
 * checksum covers) when it is opened, saved again or re-imported, and record keys are
 * the first byte of HMAC-SHA256 (secret, "case:" + ID) and the like, stable for a
 * secret and different between secrets. Cell keys are the sums of the record keys of
 * the records a cell counts, modulo 256: checked here against sums made by hand. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pathways.h"

static PathwaysDataset *
import_sample (void)
{
  g_autofree char *cases = NULL, *services = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0 };
  PathwaysDataset *ds;

  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

static guint8
expected_key (const guint8 *secret,
              const char   *text)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, secret, PATHWAYS_DATASET_SECRET_SIZE);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) text, -1);
  g_hmac_get_digest (hmac, digest, &len);
  return digest[0];
}

static void
test_record_keys (void)
{
  g_autoptr(PathwaysDataset) a = import_sample ();
  g_autoptr(PathwaysDataset) b = import_sample ();
  const guint8 *ka, *kb, *services;
  guint same = 0, hist[256] = { 0 };

  g_autoptr(PathwaysDataset) fresh = pathways_dataset_new ();
  g_autoptr(PathwaysDataset) fresh2 = pathways_dataset_new ();
  guint8 other[PATHWAYS_DATASET_SECRET_SIZE];

  /* two imports of the same files: the same secret (no new noise to average out) ... */
  g_assert_cmpmem (a->secret, PATHWAYS_DATASET_SECRET_SIZE, b->secret, PATHWAYS_DATASET_SECRET_SIZE);
  /* ... and two new datasets two random ones */
  g_assert_true (memcmp (fresh->secret, fresh2->secret, PATHWAYS_DATASET_SECRET_SIZE) != 0);
  g_assert_true (memcmp (fresh->secret, a->secret, PATHWAYS_DATASET_SECRET_SIZE) != 0);
  /* another secret for B */
  for (guint i = 0; i < PATHWAYS_DATASET_SECRET_SIZE; i++)
    other[i] = (guint8) (a->secret[i] ^ (0x5a + i));
  pathways_dataset_set_secret (b, other);

  ka = pathways_dataset_get_record_keys (a, PATHWAYS_RECORD_CASE);
  kb = pathways_dataset_get_record_keys (b, PATHWAYS_RECORD_CASE);
  g_assert_true (ka == pathways_dataset_get_record_keys (a, PATHWAYS_RECORD_CASE));   /* once */
  for (guint i = 0; i < a->n_cases; i++)
    {
      g_autofree char *text = g_strconcat ("case:", pathways_dataset_get_case_id (a, i), NULL);
      g_assert_cmpuint (ka[i], ==, expected_key (a->secret, text));
      same += ka[i] == kb[i];
      hist[ka[i]]++;
    }
  /* different secrets: keys agree about 1 time in 256 */
  g_assert_cmpuint (same, <, a->n_cases / 50);
  /* and spread over 0..255 */
  for (guint v = 0; v < 256; v++)
    g_assert_cmpuint (hist[v], <, 4 * a->n_cases / 256 + 10);

  /* the same secret gives the same keys */
  pathways_dataset_set_secret (b, a->secret);
  kb = pathways_dataset_get_record_keys (b, PATHWAYS_RECORD_CASE);
  g_assert_cmpmem (ka, a->n_cases, kb, b->n_cases);

  services = pathways_dataset_get_record_keys (a, PATHWAYS_RECORD_SERVICE);
  g_assert_nonnull (services);
  g_assert_nonnull (pathways_dataset_get_record_keys (a, PATHWAYS_RECORD_PERSON));
}

static void
test_workspace_keeps_secret (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(PathwaysDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-secret-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.pathways", NULL);
  sqlite3 *db = NULL;

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
  back = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (back->secret, PATHWAYS_DATASET_SECRET_SIZE, ds->secret, PATHWAYS_DATASET_SECRET_SIZE);
  g_clear_pointer (&back, pathways_dataset_unref);

  /* the checksum covers it: a changed secret is a damaged file */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE meta SET value = CASE WHEN value LIKE '00%' "
                                     "THEN 'ff' ELSE '00' END || substr (value, 3) "
                                     "WHERE key = 'disclosure_secret'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
  back = pathways_workspace_load (path, &error);
  g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT);
  g_assert_null (back);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_secret_from_files (void)
{
  g_autofree char *cases = NULL, *services = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) both = import_sample ();
  g_autoptr(PathwaysDataset) alone = NULL;
  PathwaysImportOptions options = { 0 };

  g_autofree char *text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-secret-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "cases.csv", NULL);
  g_autofree char *longer = NULL;
  gsize len;

  /* other files (the same cases file with one more line break): another secret */
  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  g_assert_true (g_file_get_contents (cases, &text, &len, &error));
  longer = g_strconcat (text, "\n", NULL);
  g_assert_true (g_file_set_contents (copy, longer, -1, &error));
  mapping = pathways_mapping_new_preset ("sample", &error);
  options.cases_path = copy;
  options.services_path = services;
  options.mapping = mapping;
  alone = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alone->n_cases, ==, both->n_cases);
  g_assert_true (memcmp (both->secret, alone->secret, PATHWAYS_DATASET_SECRET_SIZE) != 0);
  g_unlink (copy);
  g_rmdir (dir);
}

/* Saving over a workspace (a re-import into it) keeps the workspace's secret; a
 * workspace saved before secrets existed gets one when opened, the same each time,
 * and keeps it from its next save. */
static void
test_workspace_secret_carried (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(PathwaysDataset) again = import_sample ();
  g_autoptr(PathwaysDataset) back = NULL;
  g_autoptr(PathwaysDataset) back2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-secret-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.pathways", NULL);
  guint8 original[PATHWAYS_DATASET_SECRET_SIZE], other[PATHWAYS_DATASET_SECRET_SIZE];
  sqlite3 *db = NULL;

  /* a workspace whose secret is not the one its files give (made by an older version,
   * or from files since changed) */
  for (guint i = 0; i < PATHWAYS_DATASET_SECRET_SIZE; i++)
    original[i] = (guint8) (ds->secret[i] ^ 0xa5);
  pathways_dataset_set_secret (ds, original);
  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);

  /* re-import: a new dataset of the files, saved over it, takes the workspace's secret */
  g_assert_true (memcmp (again->secret, original, PATHWAYS_DATASET_SECRET_SIZE) != 0);
  memcpy (other, again->secret, sizeof other);
  g_assert_true (pathways_workspace_save (again, path, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (again->secret, sizeof original, original, sizeof original);
  back = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (back->secret, sizeof original, original, sizeof original);
  g_clear_pointer (&back, pathways_dataset_unref);

  /* a workspace without a secret, as 0.1 saved them (no secret row, no checksums:
   * 0.1's files were not sealed either) */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM meta WHERE key IN ('disclosure_secret', 'checksum'); "
                                     "DROP TABLE checksums",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  back = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  back2 = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  /* the same secret at every opening: the one its source files give */
  g_assert_cmpmem (back->secret, sizeof other, back2->secret, sizeof other);
  g_assert_cmpmem (back->secret, sizeof other, other, sizeof other);
  g_clear_pointer (&back2, pathways_dataset_unref);
  /* saved: kept in the file from then on */
  g_assert_true (pathways_workspace_save (back, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;
    g_autofree char *hex = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'disclosure_secret'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    hex = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    g_assert_cmpuint (strlen (hex), ==, 2 * PATHWAYS_DATASET_SECRET_SIZE);
    for (guint i = 0; i < PATHWAYS_DATASET_SECRET_SIZE; i++)
      {
        g_autofree char *byte = g_strdup_printf ("%02x", other[i]);
        g_assert_cmpint (strncmp (hex + 2 * i, byte, 2), ==, 0);
      }
  }
  sqlite3_close (db);
  back2 = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (back2->secret, sizeof other, other, sizeof other);
  g_unlink (path);
  g_rmdir (dir);
}

static guint8
sum_keys (const guint8  *keys,
          const guint64 *bits,
          guint          n,
          gboolean     (*keep) (PathwaysDataset *, guint),
          PathwaysDataset *ds)
{
  guint8 sum = 0;

  for (guint i = 0; i < n; i++)
    if ((bits == NULL || PATHWAYS_SELECTION_HAS (bits, i)) && (keep == NULL || keep (ds, i)))
      sum += keys[i];
  return sum;
}

static const PathwaysCell *
cell (PathwaysReport *report,
      const char     *table,
      const char     *row,
      const char     *column)
{
  PathwaysReportTable *t = pathways_report_get_table (report, table, NULL);
  int c;

  g_assert_nonnull (t);
  c = pathways_report_table_find_column (t, column);
  g_assert_cmpint (c, >=, 0);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *rw = g_ptr_array_index (t->rows, r);
      if (g_strcmp0 (rw->id, row) == 0)
        {
          g_assert_true (rw->cells[c].has_key);
          return &rw->cells[c];
        }
    }
  g_assert_not_reached ();
}

/* Cell keys against sums made by hand over the selected records. */
static void
test_cell_keys (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (ds);
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(PathwaysReport) copy = NULL;
  g_autoptr(PathwaysSelection) sel = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *ck = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_CASE);
  const guint8 *sk = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_SERVICE);
  const guint8 *pk = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_PERSON);
  PathwaysColumn *person = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  PathwaysColumn *reason = ds->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint8 persons = 0, reasons[256] = { 0 };
  PathwaysReportTable *t;
  guint checked = 0;

  g_assert_true (pathways_filter_set_period (filter, "FY2021-22", &error));
  g_assert_no_error (error);
  report = pathways_analysis_run (analysis, filter);
  copy = pathways_report_copy (report);
  pathways_disclosure_add_cell_keys (copy);
  sel = pathways_filter_apply (filter, ds);
  g_assert_cmpuint (sel->n_selected_cases, >, 500);

  g_assert_cmpuint (cell (copy, "cohort", "cohort", "cases")->key, ==,
                    sum_keys (ck, sel->cases, ds->n_cases, NULL, ds));
  g_assert_cmpuint (cell (copy, "cohort", "cohort", "closed_cases")->key, ==,
                    sum_keys (ck, sel->cases, ds->n_cases, pathways_dataset_case_is_closed, ds));
  g_assert_cmpuint (cell (copy, "cohort", "cohort", "services")->key, ==,
                    sum_keys (sk, sel->services, ds->n_services, NULL, ds));
  g_assert_cmpuint (cell (copy, "dataset", "dataset", "cases")->key, ==,
                    sum_keys (ck, NULL, ds->n_cases, NULL, ds));
  /* people: each person's key once */
  for (guint i = 0; i < ds->n_cases; i++)
    if (PATHWAYS_SELECTION_HAS (sel->cases, i) && person->keys[i] != 0 &&
        g_hash_table_add (seen, GUINT_TO_POINTER (person->keys[i])))
      persons += pk[i];
  g_assert_cmpuint (cell (copy, "cohort", "cohort", "persons")->key, ==, persons);
  /* the funnel's first stage of the closed population: the closed cases */
  g_assert_cmpuint (cell (copy, "funnel", "referred", "count")->key, ==,
                    cell (copy, "cohort", "cohort", "closed_cases")->key);
  /* every closure reason's row */
  for (guint i = 0; i < ds->n_cases; i++)
    if (PATHWAYS_SELECTION_HAS (sel->cases, i) && pathways_dataset_case_is_closed (ds, i))
      reasons[reason->codes[i]] += ck[i];
  t = pathways_report_get_table (copy, "closure_reasons", NULL);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      for (guint code = 0; code < pathways_dictionary_get_size (reason->dict); code++)
        if (g_strcmp0 (pathways_dictionary_get (reason->dict, code), row->id) == 0)
          {
            g_assert_true (row->cells[2].has_key);
            g_assert_cmpuint (row->cells[2].key, ==, reasons[code]);
            checked++;
          }
    }
  g_assert_cmpuint (checked, >=, 5);
  /* the exact report itself is left without keys */
  g_assert_false (pathways_report_get_table (report, "cohort", NULL)->base.has_key &&
                  ((PathwaysReportRow *) g_ptr_array_index (pathways_report_get_table (report, "cohort", NULL)->rows, 0))->cells[0].has_key);
}

/* Perturbation needs every table that counts someone to be made from the report's
 * selection; a table that is not (a funder return's, from other reports' figures:
 * here a table renamed so that no narrowed report has it) has no keys, and the
 * report is protected by suppression instead, saying so. */
static void
test_unkeyed_falls_back (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (ds);
  g_autoptr(PathwaysReport) report = pathways_analysis_run (analysis, NULL);
  g_autoptr(PathwaysReport) keyed = pathways_report_copy (report);
  g_autoptr(PathwaysReport) renamed = pathways_report_copy (report);
  g_autoptr(PathwaysReport) shown = NULL, shown_renamed = NULL;
  PathwaysReportTable *t = pathways_report_get_table (renamed, "closure_reasons", NULL);
  PathwaysDisclosurePolicy policy;

  g_assert_true (pathways_disclosure_add_cell_keys (keyed));
  g_free (t->id);
  t->id = g_strdup ("not_from_the_selection");
  shown_renamed = pathways_report_copy (renamed);
  g_assert_false (pathways_disclosure_add_cell_keys (renamed));
  g_assert_false (((PathwaysReportRow *) g_ptr_array_index (t->rows, 0))->cells[2].has_key);

  pathways_disclosure_policy_init (&policy);
  g_assert_cmpint (policy.method, ==, PATHWAYS_PROTECTION_PERTURB);
  shown = pathways_disclosure_policy_protect (&policy, report);
  g_assert_cmpuint (shown->protection, ==, PATHWAYS_PROTECTION_PERTURB);
  g_clear_pointer (&shown, pathways_report_unref);
  shown = pathways_disclosure_policy_protect (&policy, shown_renamed);
  g_assert_cmpuint (shown->protection, ==, PATHWAYS_PROTECTION_SUPPRESS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pathways/disclosure/keys/record-keys", test_record_keys);
  g_test_add_func ("/pathways/disclosure/keys/workspace-keeps-secret", test_workspace_keeps_secret);
  g_test_add_func ("/pathways/disclosure/keys/secret-from-files", test_secret_from_files);
  g_test_add_func ("/pathways/disclosure/keys/workspace-secret-carried", test_workspace_secret_carried);
  g_test_add_func ("/pathways/disclosure/keys/cell-keys", test_cell_keys);
  g_test_add_func ("/pathways/disclosure/keys/unkeyed-falls-back", test_unkeyed_falls_back);
  return g_test_run ();
}
