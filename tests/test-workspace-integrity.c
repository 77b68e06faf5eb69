/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workspace's integrity: its checksums (a damaged file is reported as damaged,
 * never opened with wrong figures), errors in the user's words (a full disk), no date
 * of birth in findings, and the asynchronous calls. */
#define G_LOG_DOMAIN "test-workspace-integrity"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pathways-workspace-private.h"

#include "workspace-fixture.h"

/* Under AddressSanitizer every open is several times slower: the same kinds of damage
 * are tried, fewer times, so the suite stays within its time limit (CI runs both). */
#if defined(__SANITIZE_ADDRESS__)
#define THOROUGH 0
#else
#define THOROUGH 1
#endif
#define N_RANDOM_FLIPS (THOROUGH ? 400 : 80)
#define N_BIG_CASES (THOROUGH ? 200000 : 60000)

#define DAMAGED_DATA(name) \
  "The workspace " name " is damaged: its data does not match its checksum. " \
  "Open the original export again to rebuild it."
#define DAMAGED_SETTINGS(name) \
  "The workspace " name " is damaged: its saved settings do not match their checksum. " \
  "Open the original export again to rebuild it."

/* ---- helpers ------------------------------------------------------------------------ */

static void
append_bytes (GString       *s,
              const char    *label,
              gconstpointer  data,
              gsize          length)
{
  const guint8 *bytes = data;

  g_string_append_printf (s, "%s %" G_GSIZE_FORMAT ":", label, length);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (s, "%02x", bytes[i]);
  g_string_append_c (s, '\n');
}

static void
append_dictionary (GString            *s,
                   PathwaysDictionary *dict)
{
  for (guint i = 0; dict != NULL && i < pathways_dictionary_get_size (dict); i++)
    g_string_append_printf (s, "dict %u=%s\n", i, pathways_dictionary_get (dict, i));
}

static void
append_column (GString        *s,
               PathwaysColumn *c)
{
  guint n = c->n_rows;

  g_string_append_printf (s, "column %d kind %d rows %u\n", c->field, c->kind, n);
  switch (c->kind)
    {
    case PATHWAYS_KIND_DATE:
      append_bytes (s, "days", c->days, n * sizeof (gint32));
      break;
    case PATHWAYS_KIND_INTEGER:
      append_bytes (s, "ints", c->ints, n * sizeof (gint32));
      break;
    case PATHWAYS_KIND_CATEGORY:
      append_bytes (s, "codes", c->codes, n * sizeof (guint16));
      break;
    case PATHWAYS_KIND_KEY:
      append_bytes (s, "keys", c->keys, n * sizeof (guint32));
      for (guint k = 1; k < c->key_strings->len; k++)
        g_string_append_printf (s, "key %u=%s\n", k,
                                (const char *) g_ptr_array_index (c->key_strings, k));
      break;
    case PATHWAYS_KIND_MULTI:
      append_bytes (s, "states", c->multi_state, n);
      append_bytes (s, "offsets", c->multi_offsets, (n + 1) * sizeof (guint32));
      append_bytes (s, "multi", c->multi_codes, c->multi_offsets[n] * sizeof (guint16));
      break;
    default:
      g_assert_not_reached ();
    }
  append_dictionary (s, c->dict);
}

/* Everything a dataset holds that a figure or a page of a report can show, as one
 * string: two datasets give the same figures when their fingerprints are equal. */
static char *
fingerprint (PathwaysDataset *ds)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "name=%s cases=%u services=%u has=%d snapshot=%d from_data=%d\n",
                          ds->name, ds->n_cases, ds->n_services, ds->has_services,
                          ds->snapshot_day, ds->snapshot_from_data);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (ds->columns[f] != NULL)
      append_column (s, ds->columns[f]);
  append_bytes (s, "service_case", ds->service_case, ds->n_services * sizeof (guint32));
  append_bytes (s, "case_service_start", ds->case_service_start,
                (ds->n_cases + 1) * sizeof (guint32));
  for (guint i = 0; i < ds->sources->len; i++)
    {
      PathwaysSource *src = g_ptr_array_index (ds->sources, i);
      g_string_append_printf (s, "source %s %s %s %" G_GINT64_FORMAT " %s\n", src->name,
                              src->role, src->format, src->size, src->sha256);
    }
  for (guint i = 0; i < ds->findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (ds->findings, i);
      g_string_append_printf (s, "finding %s %d %s %" G_GUINT64_FORMAT " %s %s %s\n", f->kind,
                              f->severity, f->file, f->row, f->column, f->value, f->message);
    }
  for (guint i = 0; i < ds->finding_summary->len; i++)
    {
      PathwaysFindingSummary *f = g_ptr_array_index (ds->finding_summary, i);
      g_string_append_printf (s, "summary %s %d %" G_GUINT64_FORMAT "\n", f->kind, f->severity,
                              f->count);
    }
  if (ds->mapping != NULL)
    {
      g_autofree char *json = pathways_mapping_to_data (ds->mapping);
      g_string_append_printf (s, "mapping %s\n", json);
    }
  return g_string_free (s, FALSE);
}

/* N generated cases with every kind of column, services, findings and a mapping. */
static PathwaysDataset *
make_generated (guint n)
{
  PathwaysDataset *ds = pathways_dataset_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240401);
  g_autoptr(GArray) service_case = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) multi_codes = g_array_new (FALSE, FALSE, sizeof (guint16));
  static const char *genders[] = { "Female", "Male", "Non-binary" };
  static const char *risks[] = { "Stalking", "Self-harm", "Homelessness", "Coercion" };
  static const char *types[] = { "ISVA", "Counselling", "Helpline" };
  PathwaysColumn *ids, *people, *referral, *closure, *age, *gender, *risk;
  PathwaysColumn *service_ids, *service_types, *service_dates;
  gint32 base = pathways_day_from_ymd (2020, 1, 1);

  ds->name = g_strdup ("generated export");
  ds->n_cases = n;
  ds->snapshot_day = pathways_day_from_ymd (2024, 12, 31);
  ids = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CASE_ID, n);
  people = pathways_dataset_add_column (ds, PATHWAYS_FIELD_PERSON_ID, n);
  referral = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_DATE, n);
  closure = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_DATE, n);
  age = pathways_dataset_add_column (ds, PATHWAYS_FIELD_AGE, n);
  gender = pathways_dataset_add_column (ds, PATHWAYS_FIELD_GENDER, n);
  risk = pathways_dataset_add_column (ds, PATHWAYS_FIELD_RISKS, n);

  for (guint i = 0; i < n; i++)
    {
      guint r = g_rand_int_range (rand, 0, 100);

      g_ptr_array_add (ids->key_strings, g_strdup_printf ("CASE-%06u", i));
      ids->keys[i] = ids->key_strings->len - 1;
      if (i % 3 == 0)
        g_ptr_array_add (people->key_strings, g_strdup_printf ("P%u", i / 3));
      people->keys[i] = i / 3 + 1;
      referral->days[i] = r < 3 ? PATHWAYS_DAY_NONE : base + (gint32) (i % 1500);
      closure->days[i] = r < 40 ? PATHWAYS_DAY_NONE : base + (gint32) (i % 1500) + (gint32) r;
      age->ints[i] = r < 10 ? PATHWAYS_INT_NONE : (gint32) (r % 80) + 10;
      gender->codes[i] = r % 7 == 0 ? 0 : pathways_dictionary_intern (gender->dict, genders[r % 3]);
      risk->multi_state[i] = r % 3;
      if (risk->multi_state[i] == PATHWAYS_MULTI_VALUES)
        for (guint k = 0; k <= r % 3; k++)
          {
            guint16 code = pathways_dictionary_intern (risk->dict, risks[(i + k) % 4]);
            g_array_append_val (multi_codes, code);
          }
      risk->multi_offsets[i + 1] = multi_codes->len;
      for (guint s = 0; s < r % 3; s++)
        g_array_append_val (service_case, i);
    }
  risk->multi_codes = g_memdup2 (multi_codes->data, MAX (multi_codes->len, 1) * sizeof (guint16));

  ds->n_services = service_case->len;
  ds->has_services = TRUE;
  set_links (ds, (const guint32 *) service_case->data);
  service_ids = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_ID, ds->n_services);
  service_types = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_TYPE, ds->n_services);
  service_dates = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_START_DATE,
                                               ds->n_services);
  for (guint j = 0; j < ds->n_services; j++)
    {
      g_ptr_array_add (service_ids->key_strings, g_strdup_printf ("S%u", j));
      service_ids->keys[j] = j + 1;
      service_types->codes[j] = pathways_dictionary_intern (service_types->dict, types[j % 3]);
      service_dates->days[j] = j % 11 == 0 ? PATHWAYS_DAY_NONE : base + (gint32) (j % 2000);
    }

  for (guint k = 0; k < 30; k++)
    pathways_dataset_add_finding (ds, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD,
                                  PATHWAYS_SEVERITY_WARNING, "cases.csv", k + 2,
                                  "Referral date", "soon", "cases.csv: row 2, column "
                                  "“Referral date”: “soon” is not a date");
  ds->mapping = pathways_mapping_new ();
  pathways_mapping_set_column (ds->mapping, PATHWAYS_FIELD_CASE_ID, "Case Ref");
  pathways_mapping_set_column (ds->mapping, PATHWAYS_FIELD_GENDER, "Gender");
  return ds;
}

static void
save_or_die (PathwaysDataset *ds,
             const char      *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
}

static PathwaysDataset *
load_or_die (const char *path)
{
  g_autoptr(GError) error = NULL;
  PathwaysDataset *ds = pathways_workspace_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static void
assert_load_fails (const char *path,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) ds = pathways_workspace_load (path, &error);

  g_assert_null (ds);
  g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* ---- SHA-256 ------------------------------------------------------------------------ */

/* The workspace's SHA-256, with and without the CPU's SHA instructions, against GLib's
 * for every length around the block size and in pieces of every size. */
static void
test_sha256 (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize big = 3 * 1024 * 1024 + 17;
  g_autofree guint8 *data = g_malloc (big);

  g_test_message ("SHA instructions used: %s", workspace_sha256_accelerated () ? "yes" : "no");
  for (gsize i = 0; i < big; i++)
    data[i] = (guint8) g_rand_int (rand);

  for (int portable = 0; portable <= 1; portable++)
    {
      workspace_sha256_force_portable (portable);
      for (gsize len = 0; len < 300; len++)
        {
          g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
          gsize piece = 1 + len % 67;
          WorkspaceSha256 sha;
          g_autofree char *ours = NULL;

          workspace_sha256_init (&sha);
          for (gsize at = 0; at < len; at += piece)
            workspace_sha256_update (&sha, data + at, MIN (piece, len - at));
          ours = workspace_sha256_finish (&sha);
          g_assert_cmpstr (ours, ==, expected);
        }
      {
        g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, big);
        WorkspaceSha256 sha;
        g_autofree char *ours = NULL;

        workspace_sha256_init (&sha);
        workspace_sha256_update (&sha, data, 5);
        workspace_sha256_update (&sha, data + 5, big - 5);
        ours = workspace_sha256_finish (&sha);
        g_assert_cmpstr (ours, ==, expected);
      }
    }
  workspace_sha256_force_portable (FALSE);
}

/* ---- checksums ------------------------------------------------------------------------ */

static void
test_checksum_stored (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *algorithm = NULL;
  g_autofree char *data = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *count = NULL;

  save_or_die (ds, path);
  algorithm = query_text (path, "SELECT value FROM meta WHERE key = 'checksum'");
  data = query_text (path, "SELECT sha256 FROM checksums WHERE scope = 'data'");
  settings = query_text (path, "SELECT sha256 FROM checksums WHERE scope = 'settings'");
  count = query_text (path, "SELECT count(*) FROM checksums");
  g_assert_cmpstr (algorithm, ==, "sha256");
  g_assert_cmpuint (strlen (data), ==, 64);
  g_assert_cmpuint (strlen (settings), ==, 64);
  g_assert_cmpstr (count, ==, "2");

  loaded = load_or_die (path);
  assert_datasets_equal (ds, loaded);
  rm_rf (dir);
}

typedef struct {
  const char *sql;
  gboolean    opens;   /* the damage does not touch what opening reads */
} Damage;

/* Changes that every structural check lets through (a real day for another, a word
 * for another): only the checksum can tell. And changes to what opening does not
 * read, which open with the same figures. */
static void
test_checksum_damage (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *original = NULL;
  static const Damage damages[] = {
    /* referral date of case 0: 2023-05-04 becomes the day after */
    { "UPDATE column_data SET data = CAST (x'02' || substr (data, 2) AS BLOB) WHERE field = 'referral_date'",
      FALSE },
    { "UPDATE column_data SET data = zeroblob (8) WHERE field = 'gender'", FALSE },
    { "UPDATE column_data SET data = CAST (x'0300000000000000' || substr (data, 9) AS BLOB) "
      "WHERE field = 'age'", FALSE },
    { "UPDATE column_data SET data = CAST (x'000102' || substr (data, 4) AS BLOB) WHERE field = 'risks'", FALSE },
    { "UPDATE column_data SET strings = x'433100433200433400' "
      "WHERE table_name = 'cases' AND field = 'case_id'", FALSE },
    { "UPDATE dictionary SET value = 'Fenale' WHERE field = 'gender' AND code = 1", FALSE },
    { "UPDATE findings SET message = 'Nothing wrong.' WHERE position = 0", FALSE },
    { "UPDATE findings SET row = 5 WHERE position = 0", FALSE },
    { "DELETE FROM findings WHERE position = 2", FALSE },
    { "UPDATE finding_summary SET count = 12 WHERE kind = 'orphan_service'", FALSE },
    { "UPDATE sources SET size = 1 WHERE position = 0", FALSE },
    { "UPDATE mapping SET json = replace (json, 'Case Ref', 'Case Reference')", FALSE },
    { "UPDATE meta SET value = 'Another name' WHERE key = 'name'", FALSE },
    { "UPDATE meta SET value = '2024-03-30' WHERE key = 'snapshot_day'", FALSE },
    { "UPDATE meta SET value = 'false' WHERE key = 'snapshot_from_data'", FALSE },
    { "INSERT INTO meta (key, value) VALUES ('extra', 'x')", FALSE },
    /* the checksum itself: wrong, missing, half missing */
    { "UPDATE checksums SET sha256 = printf ('%064d', 0) WHERE scope = 'data'", FALSE },
    { "UPDATE checksums SET sha256 = 'not hex' WHERE scope = 'data'", FALSE },
    { "DELETE FROM checksums WHERE scope = 'data'", FALSE },
    { "DROP TABLE checksums", FALSE },
    { "DELETE FROM meta WHERE key = 'checksum'", FALSE },
    { "UPDATE meta SET value = 'md5' WHERE key = 'checksum'", FALSE },
    /* what opening never reads */
    { "UPDATE cases SET gender = 2", TRUE },
    { "DELETE FROM services", TRUE },
    { "UPDATE case_values SET code = code + 100", TRUE },
  };

  original = fingerprint (ds);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_test_message ("damage: %s", damages[i].sql);
      save_or_die (ds, path);
      exec_on_file (path, damages[i].sql);
      if (damages[i].opens)
        {
          g_autoptr(PathwaysDataset) loaded = load_or_die (path);

          assert_datasets_equal (ds, loaded);
        }
      else
        assert_load_fails (path, PATHWAYS_WORKSPACE_ERROR_CORRUPT, DAMAGED_DATA ("x.pathways"));
    }
  rm_rf (dir);
}

/* A file saved before workspaces had checksums opens as before, and saving it again
 * gives it one. */
static void
test_checksum_legacy (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(PathwaysDataset) seed = NULL;
  g_autoptr(PathwaysDataset) resaved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.pathways", NULL);
  g_autofree char *seed_copy = g_build_filename (dir, "seed.pathways", NULL);
  g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "workspace",
                                                      "seed-import-512", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *has_table = NULL;
  g_autofree char *value = NULL;
  g_autofree char *checksum = NULL;
  gsize length = 0;

  /* A real file of the previous version (the fuzz corpus' seed). */
  contents = read_file (seed_path, &length);
  g_assert_true (g_file_set_contents (seed_copy, contents, (gssize) length, NULL));
  has_table = query_text (seed_copy, "SELECT count(*) FROM sqlite_schema WHERE name = 'checksums'");
  g_assert_cmpstr (has_table, ==, "0");
  seed = load_or_die (seed_copy);
  g_assert_cmpuint (seed->n_cases, ==, 7);
  g_assert_true (pathways_workspace_set_setting (seed_copy, "k", "v", &error));
  g_assert_no_error (error);
  value = pathways_workspace_get_setting (seed_copy, "k", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "v");
  g_clear_pointer (&has_table, g_free);
  has_table = query_text (seed_copy, "SELECT count(*) FROM sqlite_schema WHERE name = 'checksums'");
  g_assert_cmpstr (has_table, ==, "0");

  /* Saved again: now with a checksum, the settings kept. */
  save_or_die (seed, seed_copy);
  checksum = query_text (seed_copy, "SELECT value FROM meta WHERE key = 'checksum'");
  g_assert_cmpstr (checksum, ==, "sha256");
  resaved = load_or_die (seed_copy);
  assert_datasets_equal (seed, resaved);
  g_clear_pointer (&value, g_free);
  value = pathways_workspace_get_setting (seed_copy, "k", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "v");

  /* The same file as the previous version wrote it: no checksum anywhere. */
  save_or_die (ds, path);
  exec_on_file (path, "DROP TABLE checksums; DELETE FROM meta WHERE key = 'checksum'");
  loaded = load_or_die (path);
  assert_datasets_equal (ds, loaded);

  rm_rf (dir);
}

static void
test_checksum_settings (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  char *value;

  save_or_die (ds, path);
  before = query_text (path, "SELECT sha256 FROM checksums WHERE scope = 'settings'");
  g_assert_true (pathways_workspace_set_setting (path, "export-options", "{\"threshold\":5}",
                                                 &error));
  g_assert_no_error (error);
  after = query_text (path, "SELECT sha256 FROM checksums WHERE scope = 'settings'");
  g_assert_cmpstr (before, !=, after);   /* sealed again */
  value = pathways_workspace_get_setting (path, "export-options", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "{\"threshold\":5}");
  g_free (value);

  /* A setting changed behind our back: reading and writing settings refuse; the data
   * still opens (settings are not data). */
  exec_on_file (path, "UPDATE settings SET value = '{\"threshold\":6}'");
  value = pathways_workspace_get_setting (path, "export-options", &error);
  g_assert_null (value);
  g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT);
  g_assert_cmpstr (error->message, ==, DAMAGED_SETTINGS ("x.pathways"));
  g_clear_error (&error);
  g_assert_false (pathways_workspace_set_setting (path, "other", "1", &error));
  g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT);
  g_clear_error (&error);
  loaded = load_or_die (path);
  assert_datasets_equal (ds, loaded);

  /* Saving over it does not carry the damaged settings into the new file. */
  save_or_die (ds, path);
  kept = pathways_workspace_get_setting (path, "export-options", &error);
  g_assert_no_error (error);
  g_assert_null (kept);

  rm_rf (dir);
}

/* Changes BYTES at OFFSET of the file FD (XOR with MASKS), loads PATH, checks that it
 * fails or gives ORIGINAL, and that the settings fail or are SETTING; then restores
 * the bytes. Counts what happened. */
typedef struct {
  const char *path;
  int         fd;
  const char *original;
  const char *setting;
  guint       opened, refused, by_checksum;
} Flipper;

static void
flip_and_check (Flipper      *fl,
                const gsize  *offsets,
                const guint8 *masks,
                guint         n)
{
  guint8 saved[3];
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autofree char *value = NULL;

  for (guint i = 0; i < n; i++)
    {
      guint8 b;

      g_assert_cmpint (pread (fl->fd, &saved[i], 1, (off_t) offsets[i]), ==, 1);
      b = saved[i] ^ masks[i];
      g_assert_cmpint (pwrite (fl->fd, &b, 1, (off_t) offsets[i]), ==, 1);
    }

  loaded = pathways_workspace_load (fl->path, &error);
  if (loaded == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == PATHWAYS_WORKSPACE_ERROR);
      fl->refused++;
      if (strstr (error->message, "does not match its checksum") != NULL)
        fl->by_checksum++;
    }
  else
    {
      g_autofree char *print = fingerprint (loaded);

      if (!g_str_equal (print, fl->original))
        {
          gsize at = 0;

          while (print[at] == fl->original[at])
            at++;
          g_error ("bytes changed at %" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT
                   " (%u of them): the workspace opened with different figures: "
                   "%.80s instead of %.80s", offsets[0], offsets[MIN (n, 2) - 1], offsets[n - 1], n,
                   print + (at > 40 ? at - 40 : 0), fl->original + (at > 40 ? at - 40 : 0));
        }
      fl->opened++;
    }
  g_clear_error (&error);

  value = pathways_workspace_get_setting (fl->path, "export-options", &error);
  if (value == NULL)
    g_assert_nonnull (error);
  else
    g_assert_cmpstr (value, ==, fl->setting);

  for (guint i = n; i-- > 0;)
    g_assert_cmpint (pwrite (fl->fd, &saved[i], 1, (off_t) offsets[i]), ==, 1);
}

/* Bytes changed in many places of a saved workspace: in every page (its header, its
 * last bytes, where SQLite puts the rows, and some of its other bytes in use), then
 * 200 single bytes and 200 times three bytes, at random, mostly in bytes in use.
 * Every time the workspace either fails to open with an error or opens with exactly
 * the original figures; never with different figures. */
static void
test_checksum_flips (void)
{
  g_autoptr(PathwaysDataset) ds = make_generated (1000);
  g_autoptr(PathwaysDataset) loaded = NULL;
  /* PATHWAYS_FLIP_SEED=N tries another seed */
  const char *seed = g_getenv ("PATHWAYS_FLIP_SEED");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed != NULL ? (guint32) atoi (seed) : 13);
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "flip.pathways", NULL);
  g_autofree char *original = NULL;
  g_autofree char *contents = NULL;
  const char *setting = "{\"version\":1,\"threshold\":5,\"suppress\":true}";
  const gsize page = 65536;
  gsize length = 0, n_pages;
  Flipper fl = { 0 };

  save_or_die (ds, path);
  g_assert_true (pathways_workspace_set_setting (path, "export-options", setting, &error));
  g_assert_no_error (error);
  loaded = load_or_die (path);
  original = fingerprint (loaded);
  {
    g_autofree char *in_memory = fingerprint (ds);

    g_assert_cmpstr (original, ==, in_memory);
  }

  contents = read_file (path, &length);
  n_pages = length / page;
  g_assert_cmpuint (length % page, ==, 0);
  g_assert_cmpuint (n_pages, >=, 10);
  for (gsize i = 0; i < length; i++)
    if (contents[i] != 0)
      g_array_append_val (used, i);
  g_test_message ("%" G_GSIZE_FORMAT " pages, %u bytes in use", n_pages, used->len);

  fl.path = path;
  fl.fd = g_open (path, O_RDWR, 0);
  g_assert_cmpint (fl.fd, >=, 0);
  fl.original = original;
  fl.setting = setting;

  /* Every page. */
  for (gsize p = 0; p < n_pages; p++)
    {
      gsize start = p * page + (p == 0 ? 100 : 0);
      gsize places[] = { start, start + 1, start + 3, start + 5, start + 7, start + 8,
                         p * page + page - 1, p * page + page - 9, p * page + page - 100 };

      for (guint i = 0; i < G_N_ELEMENTS (places); i += THOROUGH ? 1 : 3)
        {
          guint8 mask = (guint8) g_rand_int_range (rand, 1, 256);
          flip_and_check (&fl, &places[i], &mask, 1);
        }
      for (guint i = 0; i < (THOROUGH ? 6u : 2u); i++)
        {
          /* bytes in use in this page */
          gsize at = p * page + (gsize) g_rand_int_range (rand, 0, (gint32) page);
          guint8 mask = (guint8) g_rand_int_range (rand, 1, 256);

          while (at < (p + 1) * page - 1 && contents[at] == 0)
            at++;
          flip_and_check (&fl, &at, &mask, 1);
        }
    }

  /* 200 single bytes and 200 three-byte changes (40 and 40 under the sanitizers),
   * three quarters in bytes in use. */
  for (guint round = 0; round < N_RANDOM_FLIPS; round++)
    {
      guint n = round < N_RANDOM_FLIPS / 2 ? 1 : 3;
      gsize offsets[3];
      guint8 masks[3];

      for (guint i = 0; i < n; i++)
        {
          if (g_rand_int_range (rand, 0, 4) > 0)
            offsets[i] = g_array_index (used, gsize, g_rand_int_range (rand, 0, (gint32) used->len));
          else
            offsets[i] = (gsize) g_rand_int_range (rand, 0, (gint32) length);
          masks[i] = (guint8) g_rand_int_range (rand, 1, 256);
          for (guint j = 0; j < i; j++)
            if (offsets[j] == offsets[i])
              offsets[i] = (offsets[i] + 1) % length;
        }
      flip_and_check (&fl, offsets, masks, n);
    }

  close (fl.fd);
  g_test_message ("opened with the same figures: %u; refused: %u (%u by the checksum)",
                  fl.opened, fl.refused, fl.by_checksum);
  /* 9 places and 6 bytes in use a page, then the random changes (3 + 2 a page under
   * the sanitizers) */
  g_assert_cmpuint (fl.opened + fl.refused, >=, n_pages * (THOROUGH ? 15 : 5) + N_RANDOM_FLIPS);
  /* both outcomes happen, many times (a fifth as many under the sanitizers) */
  g_assert_cmpuint (fl.by_checksum, >, THOROUGH ? 20 : 4);
  g_assert_cmpuint (fl.opened, >, THOROUGH ? 20 : 4);

  /* The file is back as it was. */
  g_clear_pointer (&loaded, pathways_dataset_unref);
  loaded = load_or_die (path);
  {
    g_autofree char *again = fingerprint (loaded);

    g_assert_cmpstr (again, ==, original);
  }
  rm_rf (dir);
}

/* ---- the date of birth in findings -------------------------------------------------- */

static void
test_date_of_birth_findings (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *contents = NULL;
  PathwaysFinding *f;
  gsize length = 0;
  guint first;
  static const char *secrets[] = { "31/02/1990", "1885-07-14", "1990-13-45" };

  pathways_mapping_set_column (ds->mapping, PATHWAYS_FIELD_DATE_OF_BIRTH, "DOB");
  first = ds->findings->len;
  pathways_dataset_add_finding (ds, PATHWAYS_FINDING_IMPOSSIBLE_DATE, PATHWAYS_SEVERITY_ERROR,
                                "cases.csv", 5, "DOB", "31/02/1990",
                                "cases.csv: row 5, column “DOB”: “31/02/1990” is not a real date");
  pathways_dataset_add_finding (ds, PATHWAYS_FINDING_DATE_OUT_OF_RANGE, PATHWAYS_SEVERITY_ERROR,
                                "cases.csv", 1204, "DOB", "1885-07-14",
                                "cases.csv: row 1,204, column “DOB”: “1885-07-14” is before 1900");
  /* another language's quotes: the message is replaced */
  pathways_dataset_add_finding (ds, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD,
                                PATHWAYS_SEVERITY_ERROR, "cases.csv", 7, "DOB", "1990-13-45",
                                "cases.csv : ligne 7, colonne « DOB » : « 1990-13-45 » n’est pas "
                                "une date");

  save_or_die (ds, path);
  contents = read_file (path, &length);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (g_strstr_len (contents, (gssize) length, secrets[i]));
  for (gsize i = 0; i + 10 <= length; i++)   /* memmem: the bytes hold NULs */
    for (guint k = 0; k < G_N_ELEMENTS (secrets); k++)
      g_assert_true (memcmp (contents + i, secrets[k], strlen (secrets[k])) != 0);

  loaded = load_or_die (path);
  g_assert_cmpuint (loaded->findings->len, ==, first + 3);
  /* the other findings as they were */
  for (guint i = 0; i < first; i++)
    {
      PathwaysFinding *a = g_ptr_array_index (ds->findings, i);
      PathwaysFinding *b = g_ptr_array_index (loaded->findings, i);

      g_assert_cmpstr (a->value, ==, b->value);
      g_assert_cmpstr (a->message, ==, b->message);
    }

  f = g_ptr_array_index (loaded->findings, first);
  g_assert_cmpstr (f->kind, ==, PATHWAYS_FINDING_IMPOSSIBLE_DATE);
  g_assert_cmpuint (f->row, ==, 5);
  g_assert_cmpstr (f->column, ==, "DOB");
  g_assert_cmpstr (f->file, ==, "cases.csv");
  g_assert_null (f->value);
  g_assert_cmpstr (f->message, ==, "cases.csv: row 5, column “DOB”: is not a real date");

  f = g_ptr_array_index (loaded->findings, first + 1);
  g_assert_cmpuint (f->row, ==, 1204);
  g_assert_null (f->value);
  g_assert_cmpstr (f->message, ==, "cases.csv: row 1,204, column “DOB”: is before 1900");

  f = g_ptr_array_index (loaded->findings, first + 2);
  g_assert_cmpuint (f->row, ==, 7);
  g_assert_cmpstr (f->column, ==, "DOB");
  g_assert_null (f->value);
  g_assert_cmpstr (f->message, ==, "cases.csv: row 7, column “DOB”: a date of birth that could "
                                   "not be used (its text is not kept)");
  rm_rf (dir);
}

/* ---- errors in the user's words ----------------------------------------------------- */

/* A full disk, made with a file size limit in a child process: every file it writes
 * stops at 256 KiB (SIGXFSZ ignored, so writes fail with EFBIG). The save fails with
 * the message, the previous file is unchanged, nothing is left behind. */
static void
test_full_disk (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) big = make_generated (2000);
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "service.pathways", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *names = NULL;
  char message[1024] = { 0 };
  gsize before_length = 0, after_length = 0;
  ssize_t got;
  int pipe_fds[2];
  int status = 0;
  pid_t pid;

  save_or_die (ds, path);
  before = read_file (path, &before_length);

  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 256 * 1024, 256 * 1024 };
      GError *error = NULL;
      gboolean saved;

      close (pipe_fds[0]);
      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (4);
      saved = pathways_workspace_save (big, path, &error);
      if (error != NULL && write (pipe_fds[1], error->message, strlen (error->message)) < 0)
        _exit (5);
      _exit (saved ? 2 : error->domain == PATHWAYS_WORKSPACE_ERROR &&
                         error->code == PATHWAYS_WORKSPACE_ERROR_IO ? 0 : 3);
    }
  close (pipe_fds[1]);
  got = read (pipe_fds[0], message, sizeof message - 1);
  close (pipe_fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpint (got, >, 0);
  g_test_message ("%s", message);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpstr (message, ==, "The disk is full: Pathways could not save service.pathways; "
                                "the previous file is unchanged.");

  after = read_file (path, &after_length);
  g_assert_cmpuint (after_length, ==, before_length);
  g_assert_true (memcmp (before, after, before_length) == 0);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "service.pathways");
  loaded = load_or_die (path);
  assert_datasets_equal (ds, loaded);
  rm_rf (dir);
}

typedef struct {
  int              rc;
  int              code;
  WorkspaceAction  action;
  gboolean         previous;
  const char      *message;
} SqliteCase;

/* Every kind of SQLite and system error, for every action, in the user's words. */
static void
test_error_messages (void)
{
  static const SqliteCase cases[] = {
    { SQLITE_FULL, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_SAVING, TRUE,
      "The disk is full: Pathways could not save x.pathways; the previous file is unchanged." },
    { SQLITE_FULL, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_SAVING, FALSE,
      "The disk is full: Pathways could not save x.pathways." },
    { SQLITE_FULL, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_SETTING, TRUE,
      "The disk is full: Pathways could not save the settings of x.pathways; "
      "the workspace is unchanged." },
    { SQLITE_IOERR_WRITE, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_SAVING, TRUE,
      "The disk reported an error: Pathways could not save x.pathways; "
      "the previous file is unchanged." },
    { SQLITE_IOERR_READ, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_OPENING, FALSE,
      "The disk reported an error: Pathways could not read x.pathways." },
    { SQLITE_IOERR_NOMEM, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_OPENING, FALSE,
      "There is not enough memory to open x.pathways, or the file is damaged." },
    { SQLITE_NOMEM, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_SAVING, TRUE,
      "There is not enough memory to save x.pathways; the previous file is unchanged." },
    { SQLITE_READONLY, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_SETTING, TRUE,
      "Pathways could not save the settings of x.pathways: the file is read-only; "
      "the workspace is unchanged." },
    { SQLITE_READONLY_DBMOVED, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_SAVING, TRUE,
      "Pathways could not save x.pathways: its folder is read-only or you are not allowed "
      "to write there; the previous file is unchanged." },
    { SQLITE_CORRUPT, PATHWAYS_WORKSPACE_ERROR_CORRUPT, WORKSPACE_OPENING, FALSE,
      "x.pathways is not a Pathways workspace or is damaged." },
    { SQLITE_NOTADB, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE, WORKSPACE_OPENING, FALSE,
      "x.pathways is not a Pathways workspace or is damaged." },
    { SQLITE_BUSY, PATHWAYS_WORKSPACE_ERROR_IO, WORKSPACE_SETTING, TRUE,
      "x.pathways is in use by another program; try again in a moment." },
  };
  static const struct {
    int errsv;
    const char *message;
  } errnos[] = {
    { ENOSPC, "The disk is full: Pathways could not save x.pathways; the previous file is unchanged." },
    { EFBIG, "The disk is full: Pathways could not save x.pathways; the previous file is unchanged." },
    { EROFS, "Pathways could not save x.pathways: its folder is read-only or you are not allowed "
             "to write there; the previous file is unchanged." },
    { EACCES, "Pathways could not save x.pathways: its folder is read-only or you are not "
              "allowed to write there; the previous file is unchanged." },
    { EIO, "The disk reported an error: Pathways could not save x.pathways; "
           "the previous file is unchanged." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WorkspaceContext context = { cases[i].action, "x.pathways", cases[i].previous };
      g_autoptr(GError) error = NULL;

      workspace_set_sqlite_error (&error, &context, NULL, cases[i].rc);
      g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (errnos); i++)
    {
      WorkspaceContext context = { WORKSPACE_SAVING, "x.pathways", TRUE };
      g_autoptr(GError) error = NULL;

      workspace_set_errno_error (&error, &context, errnos[i].errsv);
      g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO);
      g_assert_cmpstr (error->message, ==, errnos[i].message);
    }
}

/* Files that are not workspaces or are damaged past SQLite's reading, as opening says. */
static void
test_damaged_files (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *text = g_build_filename (dir, "notes.pathways", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.pathways", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (text, "Case ID,Referral date\nC1,2023-01-01\n", -1, NULL));
  assert_load_fails (text, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                     "notes.pathways is not a Pathways workspace or is damaged.");

  /* The first pages of a real workspace only. */
  save_or_die (ds, cut);
  contents = read_file (cut, &length);
  g_assert_true (g_file_set_contents (cut, contents, 3 * 65536, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PathwaysDataset) loaded = pathways_workspace_load (cut, &error);

    g_assert_null (loaded);
    g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "cut.pathways"));
    g_assert_nonnull (strstr (error->message, "damaged"));
  }
  rm_rf (dir);
}

/* ---- asynchronous calls -------------------------------------------------------------- */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (source);
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
save_async_wait (PathwaysDataset  *ds,
                 const char       *path,
                 GCancellable     *cancellable,
                 GError          **error)
{
  GAsyncResult *result = NULL;
  gboolean ok;

  pathways_workspace_save_async (ds, path, cancellable, store_result, &result);
  ok = pathways_workspace_save_finish (wait_for (&result), error);
  g_object_unref (result);
  return ok;
}

static PathwaysDataset *
open_async_wait (const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GAsyncResult *result = NULL;
  PathwaysDataset *ds;

  pathways_workspace_open_async (path, cancellable, store_result, &result);
  ds = pathways_workspace_open_finish (wait_for (&result), error);
  g_object_unref (result);
  return ds;
}

static void
test_async (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(PathwaysDataset) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing.pathways", NULL);
  g_autofree char *names = NULL;

  g_assert_true (save_async_wait (ds, path, NULL, &error));
  g_assert_no_error (error);
  loaded = open_async_wait (path, NULL, &error);
  g_assert_no_error (error);
  assert_datasets_equal (ds, loaded);

  missing = open_async_wait (nowhere, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.pathways"));
  g_clear_error (&error);

  /* The dataset is held by the save: the caller may drop it right away. */
  {
    PathwaysDataset *other = make_dataset ();
    GAsyncResult *result = NULL;

    pathways_workspace_save_async (other, path, NULL, store_result, &result);
    pathways_dataset_unref (other);
    g_assert_true (pathways_workspace_save_finish (wait_for (&result), &error));
    g_assert_no_error (error);
    g_object_unref (result);
  }
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "x.pathways");
  rm_rf (dir);
}

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_async_cancel (void)
{
  g_autoptr(PathwaysDataset) ds = make_dataset ();
  g_autoptr(PathwaysDataset) big = make_generated (N_BIG_CASES);
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) later = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "x.pathways", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *names = NULL;
  gsize before_length = 0, after_length = 0;
  gint64 start;

  save_or_die (ds, path);
  before = read_file (path, &before_length);

  /* Cancelled before it starts: nothing happens to the file. */
  g_cancellable_cancel (cancelled);
  g_assert_false (save_async_wait (big, path, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  loaded = open_async_wait (path, cancelled, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while it writes (200,000 cases take seconds to save): it stops soon,
   * the previous file stays as it was and no temporary file is left. */
  start = g_get_monotonic_time ();
  g_timeout_add (50, cancel_soon, later);
  g_assert_false (save_async_wait (big, path, later, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("%s after %.2f s", error->message, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpstr (error->message, ==, "Saving x.pathways was cancelled; "
                                       "the previous file is unchanged.");
  g_clear_error (&error);

  after = read_file (path, &after_length);
  g_assert_cmpuint (after_length, ==, before_length);
  g_assert_true (memcmp (before, after, before_length) == 0);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "x.pathways");
  loaded = open_async_wait (path, NULL, &error);
  g_assert_no_error (error);
  assert_datasets_equal (ds, loaded);
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* first: it forks, before any test has started a thread */
  g_test_add_func ("/pathways/workspace/errors/full-disk", test_full_disk);
  g_test_add_func ("/pathways/workspace/errors/messages", test_error_messages);
  g_test_add_func ("/pathways/workspace/errors/damaged-files", test_damaged_files);
  g_test_add_func ("/pathways/workspace/sha256", test_sha256);
  g_test_add_func ("/pathways/workspace/checksum/stored", test_checksum_stored);
  g_test_add_func ("/pathways/workspace/checksum/damage", test_checksum_damage);
  g_test_add_func ("/pathways/workspace/checksum/legacy", test_checksum_legacy);
  g_test_add_func ("/pathways/workspace/checksum/settings", test_checksum_settings);
  g_test_add_func ("/pathways/workspace/checksum/flips", test_checksum_flips);
  g_test_add_func ("/pathways/workspace/date-of-birth-findings", test_date_of_birth_findings);
  g_test_add_func ("/pathways/workspace/async/open-save", test_async);
  g_test_add_func ("/pathways/workspace/async/cancel", test_async_cancel);

  return g_test_run ();
}
