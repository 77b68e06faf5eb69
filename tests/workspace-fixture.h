/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the workspace tests share (test-workspace.c, test-workspace-integrity.c): a
 * hand-made dataset with every kind of column, a field-by-field comparison, and small
 * file helpers. */
#pragma once

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pathways-workspace.h"

G_GNUC_UNUSED static void
assert_dictionaries_equal (PathwaysDictionary *a,
                           PathwaysDictionary *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (pathways_dictionary_get_size (a), ==, pathways_dictionary_get_size (b));
  for (guint i = 0; i < pathways_dictionary_get_size (a); i++)
    {
      g_assert_cmpstr (pathways_dictionary_get (a, i), ==, pathways_dictionary_get (b, i));
      g_assert_cmpint (pathways_dictionary_lookup (b, pathways_dictionary_get (a, i)), ==, (int) i);
    }
}

G_GNUC_UNUSED static void
assert_columns_equal (PathwaysColumn *a,
                      PathwaysColumn *b)
{
  guint n = a->n_rows;

  g_assert_cmpint (a->field, ==, b->field);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpuint (a->n_rows, ==, b->n_rows);

  switch (a->kind)
    {
    case PATHWAYS_KIND_DATE:
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (a->days[i], ==, b->days[i]);
      break;
    case PATHWAYS_KIND_INTEGER:
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (a->ints[i], ==, b->ints[i]);
      break;
    case PATHWAYS_KIND_CATEGORY:
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (a->codes[i], ==, b->codes[i]);
      assert_dictionaries_equal (a->dict, b->dict);
      break;
    case PATHWAYS_KIND_KEY:
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (a->keys[i], ==, b->keys[i]);
      g_assert_cmpuint (a->key_strings->len, ==, b->key_strings->len);
      g_assert_null (g_ptr_array_index (b->key_strings, 0));
      for (guint i = 1; i < a->key_strings->len; i++)
        g_assert_cmpstr (g_ptr_array_index (a->key_strings, i), ==,
                         g_ptr_array_index (b->key_strings, i));
      break;
    case PATHWAYS_KIND_MULTI:
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (a->multi_state[i], ==, b->multi_state[i]);
      for (guint i = 0; i <= n; i++)
        g_assert_cmpuint (a->multi_offsets[i], ==, b->multi_offsets[i]);
      for (guint32 k = 0; k < a->multi_offsets[n]; k++)
        g_assert_cmpuint (a->multi_codes[k], ==, b->multi_codes[k]);
      assert_dictionaries_equal (a->dict, b->dict);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Everything a workspace keeps, field by field. The date of birth is never stored, so
 * B (the loaded copy) must not have it whatever A has. */
G_GNUC_UNUSED static void
assert_datasets_equal (PathwaysDataset *a,
                       PathwaysDataset *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpuint (a->n_cases, ==, b->n_cases);
  g_assert_cmpuint (a->n_services, ==, b->n_services);
  g_assert_cmpint (a->has_services, ==, b->has_services);
  g_assert_cmpint (a->snapshot_day, ==, b->snapshot_day);
  g_assert_cmpint (a->snapshot_from_data, ==, b->snapshot_from_data);

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (f == PATHWAYS_FIELD_DATE_OF_BIRTH)
        {
          g_assert_null (b->columns[f]);
          continue;
        }
      g_assert_true ((a->columns[f] == NULL) == (b->columns[f] == NULL));
      if (a->columns[f] != NULL)
        assert_columns_equal (a->columns[f], b->columns[f]);
    }

  for (guint j = 0; j < a->n_services; j++)
    g_assert_cmpuint (a->service_case[j], ==, b->service_case[j]);
  for (guint i = 0; i <= a->n_cases; i++)
    g_assert_cmpuint (a->case_service_start[i], ==, b->case_service_start[i]);

  g_assert_cmpuint (a->sources->len, ==, b->sources->len);
  for (guint i = 0; i < a->sources->len; i++)
    {
      PathwaysSource *sa = g_ptr_array_index (a->sources, i);
      PathwaysSource *sb = g_ptr_array_index (b->sources, i);

      g_assert_cmpstr (sa->name, ==, sb->name);
      g_assert_cmpstr (sa->role, ==, sb->role);
      g_assert_cmpstr (sa->sha256, ==, sb->sha256);
      g_assert_cmpstr (sa->format, ==, sb->format);
      g_assert_cmpint (sa->size, ==, sb->size);
    }

  g_assert_cmpuint (a->findings->len, ==, b->findings->len);
  for (guint i = 0; i < a->findings->len; i++)
    {
      PathwaysFinding *fa = g_ptr_array_index (a->findings, i);
      PathwaysFinding *fb = g_ptr_array_index (b->findings, i);

      g_assert_cmpstr (fa->kind, ==, fb->kind);
      g_assert_cmpint (fa->severity, ==, fb->severity);
      g_assert_cmpstr (fa->file, ==, fb->file);
      g_assert_cmpuint (fa->row, ==, fb->row);
      g_assert_cmpstr (fa->column, ==, fb->column);
      g_assert_cmpstr (fa->value, ==, fb->value);
      g_assert_cmpstr (fa->message, ==, fb->message);
    }

  g_assert_cmpuint (a->finding_summary->len, ==, b->finding_summary->len);
  for (guint i = 0; i < a->finding_summary->len; i++)
    {
      PathwaysFindingSummary *sa = g_ptr_array_index (a->finding_summary, i);
      PathwaysFindingSummary *sb = g_ptr_array_index (b->finding_summary, i);

      g_assert_cmpstr (sa->kind, ==, sb->kind);
      g_assert_cmpint (sa->severity, ==, sb->severity);
      g_assert_cmpuint (sa->count, ==, sb->count);
    }

  g_assert_true ((a->mapping == NULL) == (b->mapping == NULL));
  if (a->mapping != NULL)
    {
      g_autofree char *ja = pathways_mapping_to_data (a->mapping);
      g_autofree char *jb = pathways_mapping_to_data (b->mapping);

      g_assert_cmpstr (ja, ==, jb);
      for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
        g_assert_cmpstr (pathways_mapping_get_column (a->mapping, f), ==,
                         pathways_mapping_get_column (b->mapping, f));
    }
}

G_GNUC_UNUSED static void
set_key (PathwaysColumn *column,
         guint           row,
         const char     *value)
{
  for (guint k = 1; k < column->key_strings->len; k++)
    if (g_str_equal (g_ptr_array_index (column->key_strings, k), value))
      {
        column->keys[row] = k;
        return;
      }
  g_ptr_array_add (column->key_strings, g_strdup (value));
  column->keys[row] = column->key_strings->len - 1;
}

G_GNUC_UNUSED static void
set_links (PathwaysDataset *ds,
           const guint32   *service_case)
{
  g_free (ds->service_case);
  g_free (ds->case_service_start);
  ds->service_case = g_memdup2 (service_case, MAX (ds->n_services, 1) * sizeof (guint32));
  ds->case_service_start = g_new0 (guint32, ds->n_cases + 1);
  for (guint j = 0; j < ds->n_services; j++)
    ds->case_service_start[service_case[j] + 1]++;
  for (guint i = 0; i < ds->n_cases; i++)
    ds->case_service_start[i + 1] += ds->case_service_start[i];
}

/* Four cases, three services: case 0 has two services, case 1 none, case 2 one, case 3
 * none (and no case id). */
G_GNUC_UNUSED static PathwaysDataset *
make_dataset (void)
{
  PathwaysDataset *ds = pathways_dataset_new ();
  PathwaysColumn *c;
  PathwaysSource *source;
  PathwaysFindingSummary *summary;
  static const guint32 service_case[] = { 0, 0, 2 };

  ds->name = g_strdup ("Export March 2024 — Sussex");
  ds->n_cases = 4;
  ds->n_services = 3;
  ds->has_services = TRUE;
  ds->snapshot_day = pathways_day_from_ymd (2024, 3, 31);
  ds->snapshot_from_data = TRUE;

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CASE_ID, 4);
  set_key (c, 0, "C1");
  set_key (c, 1, "C2");
  set_key (c, 2, "C3");

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_PERSON_ID, 4);
  set_key (c, 0, "P-ü1");
  set_key (c, 1, "P-ü1");
  set_key (c, 2, "P2");
  set_key (c, 3, "P3");

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_REFERRAL_DATE, 4);
  c->days[0] = pathways_day_from_ymd (2023, 5, 4);
  c->days[1] = PATHWAYS_DAY_NONE;
  c->days[2] = PATHWAYS_DAY_INVALID;
  c->days[3] = pathways_day_from_ymd (2024, 2, 29);

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_DATE, 4);
  c->days[1] = pathways_day_from_ymd (2023, 6, 1);

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_DATE_OF_BIRTH, 4);
  c->days[0] = pathways_day_from_ymd (1990, 1, 1);

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_AGE, 4);
  c->ints[0] = 34;
  c->ints[2] = 0;
  c->ints[3] = 101;

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_GENDER, 4);
  c->codes[0] = pathways_dictionary_intern (c->dict, "Female");
  c->codes[1] = pathways_dictionary_intern (c->dict, "Male");
  c->codes[3] = pathways_dictionary_intern (c->dict, "Female");

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_CLOSURE_REASON, 4);
  c->codes[1] = pathways_dictionary_intern (c->dict, "Support completed");

  /* risks: case 0 two values, case 1 explicit none, case 2 not recorded, case 3 one. */
  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_RISKS, 4);
  c->multi_state[0] = PATHWAYS_MULTI_VALUES;
  c->multi_state[1] = PATHWAYS_MULTI_NONE;
  c->multi_state[2] = PATHWAYS_MULTI_NOT_RECORDED;
  c->multi_state[3] = PATHWAYS_MULTI_VALUES;
  c->multi_codes = g_new (guint16, 3);
  c->multi_codes[0] = pathways_dictionary_intern (c->dict, "Stalking");
  c->multi_codes[1] = pathways_dictionary_intern (c->dict, "Self-harm");
  c->multi_codes[2] = pathways_dictionary_intern (c->dict, "Stalking");
  c->multi_offsets[0] = 0;
  c->multi_offsets[1] = 2;
  c->multi_offsets[2] = 2;
  c->multi_offsets[3] = 2;
  c->multi_offsets[4] = 3;

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_CASE_ID, 3);
  set_key (c, 0, "C1");
  set_key (c, 1, "C1");
  set_key (c, 2, "C3");

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_ID, 3);
  set_key (c, 0, "S1");
  set_key (c, 1, "S2");
  set_key (c, 2, "S3");

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_TYPE, 3);
  c->codes[0] = pathways_dictionary_intern (c->dict, "Counselling");
  c->codes[1] = pathways_dictionary_intern (c->dict, "ISVA");
  c->codes[2] = pathways_dictionary_intern (c->dict, "Counselling");

  c = pathways_dataset_add_column (ds, PATHWAYS_FIELD_SERVICE_START_DATE, 3);
  c->days[0] = pathways_day_from_ymd (2023, 5, 20);
  c->days[2] = PATHWAYS_DAY_INVALID;

  set_links (ds, service_case);

  pathways_dataset_add_finding (ds, PATHWAYS_FINDING_IMPOSSIBLE_DATE,
                                PATHWAYS_SEVERITY_WARNING, "cases.csv", 4, "Referral Date",
                                "31/02/2023", "Row 4: '31/02/2023' is not a date.");
  pathways_dataset_add_finding (ds, PATHWAYS_FINDING_DATE_ORDER_ASSUMED,
                                PATHWAYS_SEVERITY_ASSUMPTION, NULL, 0, NULL, NULL,
                                "Dates were read as day/month/year.");
  pathways_dataset_add_finding (ds, PATHWAYS_FINDING_ORPHAN_SERVICE,
                                PATHWAYS_SEVERITY_ERROR, "services.csv", 1204, "Case ID",
                                "C99", "Service for an unknown case.");
  /* More orphans than are listed. */
  summary = g_ptr_array_index (ds->finding_summary, 2);
  g_assert_cmpstr (summary->kind, ==, PATHWAYS_FINDING_ORPHAN_SERVICE);
  summary->count = 1234;

  source = g_new0 (PathwaysSource, 1);
  source->name = g_strdup ("cases.csv");
  source->role = g_strdup ("cases");
  source->format = g_strdup ("CSV");
  source->sha256 = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  source->size = 123456789012;
  g_ptr_array_add (ds->sources, source);
  source = g_new0 (PathwaysSource, 1);
  source->name = g_strdup ("services.xlsx");
  source->role = g_strdup ("services");
  source->format = g_strdup ("XLSX");
  source->sha256 = g_strdup ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  source->size = 0;
  g_ptr_array_add (ds->sources, source);

  ds->mapping = pathways_mapping_new ();
  pathways_mapping_set_column (ds->mapping, PATHWAYS_FIELD_CASE_ID, "Case Ref");
  pathways_mapping_set_column (ds->mapping, PATHWAYS_FIELD_REFERRAL_DATE, "Referral Date");
  pathways_mapping_set_column (ds->mapping, PATHWAYS_FIELD_GENDER, "Gender");

  return ds;
}

G_GNUC_UNUSED static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-workspace-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

G_GNUC_UNUSED static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Names in DIR, sorted, joined with spaces. */
G_GNUC_UNUSED static char *
list_dir (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

G_GNUC_UNUSED static void
exec_on_file (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

G_GNUC_UNUSED static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

G_GNUC_UNUSED static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    {
      g_unlink (dir);
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}
