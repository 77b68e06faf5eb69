/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Method 1's foundations (spec/disclosure.md): every dataset has a 32-byte random
 * secret, a workspace keeps it (a meta row the checksum covers), and record keys are
 * the first byte of HMAC-SHA256 (secret, "case:" + ID) and the like, stable for a
 * secret and different between secrets. */
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

  /* two imports: two random secrets */
  g_assert_true (memcmp (a->secret, b->secret, PATHWAYS_DATASET_SECRET_SIZE) != 0);

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pathways/disclosure/keys/record-keys", test_record_keys);
  g_test_add_func ("/pathways/disclosure/keys/workspace-keeps-secret", test_workspace_keeps_secret);
  return g_test_run ();
}
