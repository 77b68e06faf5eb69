/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace-reader.c: opening a *.pathways file.
 *
 * Opening reads only column_data and the small tables, never the normalised tables,
 * so reopening a million cases costs a few large sequential reads. The file is never
 * trusted: every size, code and offset read back is checked before it is used, and a
 * file that carries checksums (docs/workspace-format.md, "Checksums") is hashed as it
 * is read, every value the dataset is built from, and compared with its checksum
 * before the dataset is handed out: a damaged file is reported as damaged, never
 * opened with wrong figures.
 */
#define G_LOG_DOMAIN "pathways-workspace"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pathways-i18n.h"

#include "pathways-workspace-private.h"

typedef struct {
  sqlite3                *db;
  const char             *display;
  const WorkspaceContext *context;
  GHashTable             *meta;
  PathwaysDataset        *dataset;
  GHashTable             *dicts;   /* field name → PathwaysDictionary */
  WorkspaceSeal          *seal;    /* NULL for a file without checksums */
} Loader;

/* ---- reading blobs ------------------------------------------------------------------- */

/* Reads the blob in column BLOB_COLUMN of row ROWID of column_data, which must be
 * exactly N elements of ELEM_SIZE bytes, into new memory (at least one element is
 * allocated so that empty columns are not NULL). The blob goes straight from the file
 * into its final place, and into the checksum as it is stored (little-endian). FALSE
 * when it has any other length or cannot be read. */
static gboolean
read_array (Loader        *loader,
            const char    *blob_column,
            sqlite3_int64  rowid,
            gsize          elem_size,
            guint64        n,
            gpointer      *out)
{
  guint64 expected = n * elem_size;
  sqlite3_blob *blob = NULL;
  guint8 *copy;
  int rc;

  *out = NULL;
  if (n > G_MAXINT || expected > G_MAXINT)
    return FALSE;

  rc = sqlite3_blob_open (loader->db, "main", "column_data", blob_column, rowid, 0, &blob);
  if (rc != SQLITE_OK)
    {
      /* A NULL value cannot be opened as a blob: fine for an empty array. */
      sqlite3_blob_close (blob);
      if (n > 0)
        return FALSE;
      workspace_seal_blob (loader->seal, NULL, 0);
      *out = g_malloc (elem_size);
      return TRUE;
    }
  if ((guint64) sqlite3_blob_bytes (blob) != expected)
    {
      sqlite3_blob_close (blob);
      return FALSE;
    }

  /* Ordinary pages: asking for transparent huge pages made the faults cheaper, but
   * when the kernel had to compact memory to find them, opening a million cases took
   * 0.8 s instead of 0.3. */
  copy = g_malloc (MAX (n, 1) * elem_size);
  if (expected > 0 && sqlite3_blob_read (blob, copy, (int) expected, 0) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      g_free (copy);
      return FALSE;
    }
  sqlite3_blob_close (blob);
  workspace_seal_blob (loader->seal, copy, expected);

#if G_BYTE_ORDER != G_LITTLE_ENDIAN
  workspace_seal_sync (loader->seal);   /* hashed as stored, before it is swapped */
  for (guint64 i = 0; i < n; i++)
    {
      guint8 *p = copy + i * elem_size;
      for (gsize a = 0, b = elem_size - 1; a < b; a++, b--)
        {
          guint8 t = p[a];
          p[a] = p[b];
          p[b] = t;
        }
    }
#endif
  *out = copy;
  return TRUE;
}

/* ---- statements -------------------------------------------------------------------- */

static gboolean
loader_prepare (Loader        *loader,
                const char    *sql,
                sqlite3_stmt **stmt,
                GError       **error)
{
  int rc = sqlite3_prepare_v2 (loader->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_ERROR)  /* a table or column is missing */
        workspace_set_corrupt (error, loader->display, "%s", sqlite3_errmsg (loader->db));
      else
        workspace_set_sqlite_error (error, loader->context, loader->db, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
loader_step_done (Loader  *loader,
                  int      rc,
                  GError **error)
{
  if (rc != SQLITE_DONE)
    {
      workspace_set_sqlite_error (error, loader->context, loader->db, rc);
      return FALSE;
    }
  return TRUE;
}

/* ---- meta and the small tables ------------------------------------------------------- */

static gboolean
load_meta (Loader  *loader,
           GError **error)
{
  PathwaysDataset *ds = loader->dataset;
  const char *s;
  guint64 n;

  s = g_hash_table_lookup (loader->meta, "n_cases");
  if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT32 - 1, &n, NULL))
    {
      workspace_set_corrupt (error, loader->display, _("the number of cases is missing"));
      return FALSE;
    }
  ds->n_cases = (guint) n;

  s = g_hash_table_lookup (loader->meta, "n_services");
  if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT32 - 1, &n, NULL))
    {
      workspace_set_corrupt (error, loader->display, _("the number of services is missing"));
      return FALSE;
    }
  ds->n_services = (guint) n;

  ds->has_services = g_strcmp0 (g_hash_table_lookup (loader->meta, "has_services"), "true") == 0;
  /* the secret of the record keys; a file saved before it had one gets one when it is
   * loaded (workspace_load_cancellable), stored at the next save */
  s = g_hash_table_lookup (loader->meta, WORKSPACE_SECRET_KEY);
  if (s != NULL)
    {
      guint8 secret[PATHWAYS_DATASET_SECRET_SIZE];

      if (!workspace_secret_from_hex (s, secret))
        {
          workspace_set_corrupt (error, loader->display, _("the disclosure secret is damaged"));
          return FALSE;
        }
      pathways_dataset_set_secret (ds, secret);
    }
  ds->snapshot_from_data =
    g_strcmp0 (g_hash_table_lookup (loader->meta, "snapshot_from_data"), "true") == 0;
  ds->name = g_strdup (g_hash_table_lookup (loader->meta, "name"));
  if (ds->name != NULL && !g_utf8_validate (ds->name, -1, NULL))
    {
      workspace_set_corrupt (error, loader->display, _("the name is not valid text"));
      return FALSE;
    }

  ds->snapshot_day = PATHWAYS_DAY_NONE;
  s = g_hash_table_lookup (loader->meta, "snapshot_day");
  if (s != NULL)
    {
      int y, m, d;
      char end;

      if (sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
          !PATHWAYS_DAY_IS_VALID (pathways_day_from_ymd (y, m, d)))
        {
          workspace_set_corrupt (error, loader->display,
                                 _("the snapshot date “%s” is not a date"), s);
          return FALSE;
        }
      ds->snapshot_day = pathways_day_from_ymd (y, m, d);
    }
  return TRUE;
}

static gboolean
load_sources (Loader  *loader,
              GError **error)
{
  auto_stmt stmt = NULL;
  int rc;

  if (!loader_prepare (loader, WORKSPACE_SQL_SOURCES, &stmt, error))
    return FALSE;
  workspace_seal_section (loader->seal, "sources");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PathwaysSource *source = g_new0 (PathwaysSource, 1);

      workspace_seal_stmt_row (loader->seal, stmt);
      g_ptr_array_add (loader->dataset->sources, source);
      source->size = sqlite3_column_int64 (stmt, 3);
      if (!workspace_column_text (stmt, 0, TRUE, &source->name) ||
          !workspace_column_text (stmt, 1, TRUE, &source->role) ||
          !workspace_column_text (stmt, 2, TRUE, &source->format) ||
          !workspace_column_text (stmt, 4, TRUE, &source->sha256))
        {
          workspace_set_corrupt (error, loader->display,
                                 _("a source file entry is not valid text"));
          return FALSE;
        }
    }
  return loader_step_done (loader, rc, error);
}

static gboolean
load_findings (Loader  *loader,
               GError **error)
{
  auto_stmt stmt = NULL;
  guint64 schema = 1;
  gboolean with_case;
  int rc;

  /* a schema 1 file has no case IDs (workspace_open checked the version) */
  g_ascii_string_to_unsigned (g_hash_table_lookup (loader->meta, "schema_version"), 10, 1,
                              G_MAXUINT32, &schema, NULL);
  with_case = schema >= 2;

  if (!loader_prepare (loader, with_case ? WORKSPACE_SQL_FINDINGS : WORKSPACE_SQL_FINDINGS_1,
                       &stmt, error))
    return FALSE;
  workspace_seal_section (loader->seal, "findings");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PathwaysFinding *finding = g_new0 (PathwaysFinding, 1);
      g_autofree char *severity = NULL;
      sqlite3_int64 row;

      workspace_seal_stmt_row (loader->seal, stmt);
      row = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (loader->dataset->findings, finding);
      if (!workspace_column_text (stmt, 0, FALSE, &finding->kind) ||
          !workspace_column_text (stmt, 1, FALSE, &severity) ||
          !workspace_severity_from_string (severity, &finding->severity) ||
          !workspace_column_text (stmt, 2, TRUE, &finding->file) ||
          !workspace_column_text (stmt, 4, TRUE, &finding->column) ||
          !workspace_column_text (stmt, 5, TRUE, &finding->value) ||
          !workspace_column_text (stmt, 6, TRUE, &finding->message) ||
          (with_case && !workspace_column_text (stmt, 7, TRUE, &finding->case_id)) ||
          row < 0)
        {
          workspace_set_corrupt (error, loader->display, _("a data-quality finding is not valid"));
          return FALSE;
        }
      finding->row = (guint64) row;
    }
  return loader_step_done (loader, rc, error);
}

static gboolean
load_finding_summary (Loader  *loader,
                      GError **error)
{
  auto_stmt stmt = NULL;
  int rc;

  if (!loader_prepare (loader, WORKSPACE_SQL_FINDING_SUMMARY, &stmt, error))
    return FALSE;
  workspace_seal_section (loader->seal, "finding_summary");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PathwaysFindingSummary *summary = g_new0 (PathwaysFindingSummary, 1);
      g_autofree char *severity = NULL;
      sqlite3_int64 count;

      workspace_seal_stmt_row (loader->seal, stmt);
      count = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (loader->dataset->finding_summary, summary);
      if (!workspace_column_text (stmt, 0, FALSE, &summary->kind) ||
          !workspace_column_text (stmt, 1, FALSE, &severity) ||
          !workspace_severity_from_string (severity, &summary->severity) ||
          count < 0)
        {
          workspace_set_corrupt (error, loader->display, _("a data-quality summary is not valid"));
          return FALSE;
        }
      summary->count = (guint64) count;
    }
  return loader_step_done (loader, rc, error);
}

static gboolean
load_mapping (Loader  *loader,
              GError **error)
{
  auto_stmt stmt = NULL;
  int rc;

  if (!loader_prepare (loader, WORKSPACE_SQL_MAPPING, &stmt, error))
    return FALSE;
  workspace_seal_section (loader->seal, "mapping");
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *json = NULL;

      workspace_seal_stmt_row (loader->seal, stmt);
      if (!workspace_column_text (stmt, 0, FALSE, &json))
        {
          workspace_set_corrupt (error, loader->display, _("the mapping is not valid text"));
          return FALSE;
        }
      loader->dataset->mapping = pathways_mapping_new_from_data (json, -1, &local_error);
      if (loader->dataset->mapping == NULL)
        {
          workspace_set_corrupt (error, loader->display, _("the mapping cannot be read: %s"),
                                 local_error != NULL ? local_error->message : "?");
          return FALSE;
        }
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          workspace_set_corrupt (error, loader->display, _("it holds more than one mapping"));
          return FALSE;
        }
    }
  return loader_step_done (loader, rc, error);
}

static gboolean
load_dictionaries (Loader  *loader,
                   GError **error)
{
  auto_stmt stmt = NULL;
  int rc;

  if (!loader_prepare (loader, WORKSPACE_SQL_DICTIONARY, &stmt, error))
    return FALSE;
  workspace_seal_section (loader->seal, "dictionary");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;
      sqlite3_int64 code;
      PathwaysDictionary *dict;

      workspace_seal_stmt_row (loader->seal, stmt);
      code = sqlite3_column_int64 (stmt, 1);
      if (!workspace_column_text (stmt, 0, FALSE, &field) ||
          !workspace_column_text (stmt, 2, FALSE, &value))
        {
          workspace_set_corrupt (error, loader->display, _("a dictionary value is not valid text"));
          return FALSE;
        }
      dict = g_hash_table_lookup (loader->dicts, field);
      if (dict == NULL)
        {
          dict = pathways_dictionary_new ();
          g_hash_table_insert (loader->dicts, g_strdup (field), dict);
        }
      if (code == 0)
        {
          if (g_strcmp0 (value, PATHWAYS_NOT_RECORDED) != 0)
            {
              workspace_set_corrupt (error, loader->display,
                                     _("the first value of “%s” is not “%s”"),
                                     field, PATHWAYS_NOT_RECORDED);
              return FALSE;
            }
          continue;
        }
      if (code != dict->values->len || pathways_dictionary_intern (dict, value) != code)
        {
          workspace_set_corrupt (error, loader->display,
                                 _("the values of “%s” are not numbered in order"), field);
          return FALSE;
        }
    }
  return loader_step_done (loader, rc, error);
}

/* Meta (read by workspace_open) and the small tables, checked, and with checksums
 * sealed row by row as they are read, in the order of WORKSPACE_SQL_*. */
static gboolean
load_metadata (Loader  *loader,
               GError **error)
{
  return load_meta (loader, error) &&
         load_sources (loader, error) &&
         load_findings (loader, error) &&
         load_finding_summary (loader, error) &&
         load_mapping (loader, error) &&
         load_dictionaries (loader, error);
}

/* ---- columns ------------------------------------------------------------------------- */

static gboolean
validate_codes (Loader         *loader,
                PathwaysColumn *column,
                const guint16  *codes,
                guint64         n_codes)
{
  guint size = column->dict->values->len;
  guint16 max = 0;

  /* the largest code, in a loop without exits that the compiler vectorises */
  for (guint64 i = 0; i < n_codes; i++)
    max = MAX (max, codes[i]);
  return n_codes == 0 || max < size;
}

static gboolean
validate_multi (PathwaysColumn *column)
{
  guint bad = 0;

  if (column->multi_offsets[0] != 0)
    return FALSE;
  for (guint i = 0; i < column->n_rows; i++)
    bad |= (column->multi_state[i] > PATHWAYS_MULTI_VALUES) |
           (column->multi_offsets[i + 1] < column->multi_offsets[i]);
  return bad == 0;
}

static gboolean
validate_column (Loader          *loader,
                 PathwaysColumn  *column,
                 guint            n_strings,
                 GError         **error)
{
  const char *name = pathways_field_get_name (column->field);
  guint n = column->n_rows;

  switch (column->kind)
    {
    case PATHWAYS_KIND_DATE:
      {
        guint bad = 0;

        for (guint i = 0; i < n; i++)
          {
            gint32 d = column->days[i];
            bad |= (d != PATHWAYS_DAY_NONE) & (d != PATHWAYS_DAY_INVALID) &
                   ((d < 1) | (d > MAX_VALID_DAY));
          }
        if (bad)
          {
            workspace_set_corrupt (error, loader->display,
                                   _("column “%s” holds an impossible day"), name);
            return FALSE;
          }
      }
      break;
    case PATHWAYS_KIND_INTEGER:
      break;
    case PATHWAYS_KIND_CATEGORY:
      if (!validate_codes (loader, column, column->codes, n))
        {
          workspace_set_corrupt (error, loader->display,
                                 _("column “%s” has codes beyond its dictionary"), name);
          return FALSE;
        }
      break;
    case PATHWAYS_KIND_KEY:
      {
        guint32 max = 0;

        for (guint i = 0; i < n; i++)
          max = MAX (max, column->keys[i]);
        if (max > n_strings)
          {
            workspace_set_corrupt (error, loader->display,
                                   _("column “%s” refers to identifiers that are not there"), name);
            return FALSE;
          }
      }
      break;
    case PATHWAYS_KIND_MULTI:
      if (column->multi_offsets[0] != 0)
        {
          workspace_set_corrupt (error, loader->display, _("column “%s” has bad offsets"), name);
          return FALSE;
        }
      if (!validate_multi (column))
        {
          workspace_set_corrupt (error, loader->display,
                                 _("column “%s” has bad offsets or states"), name);
          return FALSE;
        }
      if (!validate_codes (loader, column, column->multi_codes, column->multi_offsets[n]))
        {
          workspace_set_corrupt (error, loader->display,
                                 _("column “%s” has codes beyond its dictionary"), name);
          return FALSE;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* TRUE when no byte of the N bytes at P has its high bit set. */
static gboolean
block_is_ascii (const char *p,
                gsize       n)
{
  guint64 acc = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      acc |= w;
    }
  for (; i < n; i++)
    acc |= (guint8) p[i];
  return (acc & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

/* Reads the blob of N_STRINGS NUL-terminated UTF-8 strings of row ROWID into
 * COLUMN's key_strings ([0] = NULL, then the strings). The strings stay where they
 * were read, in one block the column owns (key_block), instead of a million
 * allocations to make and free. FALSE when it is malformed. */
static gboolean
read_key_strings (Loader         *loader,
                  PathwaysColumn *column,
                  sqlite3_int64   rowid,
                  sqlite3_int64   length,
                  sqlite3_int64   n_strings)
{
  char *data = NULL;
  const char *p, *end;
  GPtrArray *key_strings;
  gboolean ascii;

  if (length < 0 || n_strings < 0 || n_strings > length)
    return FALSE;
  if (!read_array (loader, "strings", rowid, 1, (guint64) length, (gpointer *) &data))
    return FALSE;
  column->key_block = data;   /* freed with the column, even when malformed */

  /* One pass: each string found, checked and pointed at. Identifiers are nearly
   * always ASCII, which one look at the whole block confirms. */
  ascii = block_is_ascii (data, (gsize) length);
  key_strings = g_ptr_array_sized_new ((guint) n_strings + 1);
  g_ptr_array_set_size (key_strings, (guint) n_strings + 1);
  p = data;
  end = data + length;
  for (guint k = 1; k <= n_strings; k++)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL || (!ascii && !g_utf8_validate (p, nul - p, NULL)))
        {
          g_ptr_array_unref (key_strings);
          return FALSE;
        }
      g_ptr_array_index (key_strings, k) = (gpointer) p;
      p = nul + 1;
    }
  if (p != end)
    {
      g_ptr_array_unref (key_strings);
      return FALSE;
    }
  column->key_strings = key_strings;
  return TRUE;
}

/* The arrays of COLUMN from row ROWID of column_data (STMT's current row), in the
 * order the checksum takes them. FALSE when one has the wrong size or is malformed. */
static gboolean
read_column_arrays (Loader         *loader,
                    sqlite3_stmt   *stmt,
                    sqlite3_int64   rowid,
                    PathwaysColumn *column)
{
  guint64 n = column->n_rows;

  switch (column->kind)
    {
    case PATHWAYS_KIND_DATE:
      return read_array (loader, "data", rowid, 4, n, (gpointer *) &column->days);
    case PATHWAYS_KIND_INTEGER:
      return read_array (loader, "data", rowid, 4, n, (gpointer *) &column->ints);
    case PATHWAYS_KIND_CATEGORY:
      return read_array (loader, "data", rowid, 2, n, (gpointer *) &column->codes);
    case PATHWAYS_KIND_KEY:
      if (!read_array (loader, "data", rowid, 4, n, (gpointer *) &column->keys))
        return FALSE;
      workspace_seal_value (loader->seal, stmt, 6);
      return read_key_strings (loader, column, rowid,
                               sqlite3_column_type (stmt, 5) == SQLITE_NULL
                               ? 0 : sqlite3_column_int64 (stmt, 5),
                               sqlite3_column_int64 (stmt, 6));
    case PATHWAYS_KIND_MULTI:
      if (!read_array (loader, "data", rowid, 1, n, (gpointer *) &column->multi_state) ||
          !read_array (loader, "offsets", rowid, 4, n + 1, (gpointer *) &column->multi_offsets) ||
          !read_array (loader, "codes", rowid, 2, column->multi_offsets[n],
                       (gpointer *) &column->multi_codes))
        return FALSE;
      if (column->multi_offsets[n] == 0)
        g_clear_pointer (&column->multi_codes, g_free);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* A category or multi-category column takes its dictionary, read before. */
static gboolean
attach_dictionary (Loader          *loader,
                   PathwaysColumn  *column,
                   const char      *field_name,
                   GError         **error)
{
  gpointer key = NULL, dict = NULL;

  if (column->kind != PATHWAYS_KIND_CATEGORY && column->kind != PATHWAYS_KIND_MULTI)
    return TRUE;
  if (!g_hash_table_steal_extended (loader->dicts, field_name, &key, &dict))
    {
      workspace_set_corrupt (error, loader->display, _("column “%s” has no dictionary"),
                             field_name);
      return FALSE;
    }
  g_free (key);
  column->dict = dict;
  return TRUE;
}

/* A row of column_data holding a field of the cases or services table. */
static gboolean
load_field_column (Loader        *loader,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  PathwaysDataset *ds = loader->dataset;
  const char *table_name = (const char *) sqlite3_column_text (stmt, 0);
  const char *field_name = (const char *) sqlite3_column_text (stmt, 1);
  const char *kind_name = (const char *) sqlite3_column_text (stmt, 2);
  sqlite3_int64 n_rows = sqlite3_column_int64 (stmt, 3);
  PathwaysTableKind table;
  PathwaysField field;
  PathwaysColumn *column;

  if (g_str_equal (table_name, "cases"))
    table = PATHWAYS_TABLE_CASES;
  else if (g_str_equal (table_name, "services"))
    table = PATHWAYS_TABLE_SERVICES;
  else
    {
      workspace_set_corrupt (error, loader->display, _("unknown table “%s”"), table_name);
      return FALSE;
    }
  if (!pathways_field_from_name (table, field_name, &field) ||
      field == PATHWAYS_FIELD_DATE_OF_BIRTH ||
      ds->columns[field] != NULL)
    {
      workspace_set_corrupt (error, loader->display, _("unexpected column “%s”"), field_name);
      return FALSE;
    }
  if (!g_str_equal (kind_name, workspace_kind_to_string (pathways_field_get_kind (field))) ||
      n_rows != workspace_table_rows (ds, table))
    {
      workspace_set_corrupt (error, loader->display,
                             _("column “%s” has the wrong kind or size"), field_name);
      return FALSE;
    }

  column = g_new0 (PathwaysColumn, 1);
  column->field = field;
  column->kind = pathways_field_get_kind (field);
  column->n_rows = (guint) n_rows;
  ds->columns[field] = column;

  if (!read_column_arrays (loader, stmt, sqlite3_column_int64 (stmt, 4), column))
    {
      workspace_set_corrupt (error, loader->display, _("column “%s” has the wrong size"),
                             field_name);
      return FALSE;
    }
  return attach_dictionary (loader, column, field_name, error) &&
         validate_column (loader, column,
                          column->key_strings != NULL ? column->key_strings->len - 1 : 0,
                          error);
}

/* A row of column_data with table_name 'links': one of the two arrays linking
 * services to cases. HAVE_LINKS says which were read. */
static gboolean
load_link_column (Loader        *loader,
                  sqlite3_stmt  *stmt,
                  gboolean       have_links[2],
                  GError       **error)
{
  PathwaysDataset *ds = loader->dataset;
  const char *field_name = (const char *) sqlite3_column_text (stmt, 1);
  sqlite3_int64 n_rows = sqlite3_column_int64 (stmt, 3);
  gpointer data = NULL;
  int which;
  guint64 expected;

  if (g_str_equal (field_name, "service_case"))
    which = 0, expected = ds->n_services;
  else if (g_str_equal (field_name, "case_service_start"))
    which = 1, expected = (guint64) ds->n_cases + 1;
  else
    {
      workspace_set_corrupt (error, loader->display, _("unknown column “%s”"), field_name);
      return FALSE;
    }
  if (have_links[which] || (guint64) n_rows != expected ||
      !read_array (loader, "data", sqlite3_column_int64 (stmt, 4), 4, expected, &data))
    {
      g_free (data);
      workspace_set_corrupt (error, loader->display,
                             _("the links between cases and services have the wrong size"));
      return FALSE;
    }
  have_links[which] = TRUE;
  if (which == 0)
    ds->service_case = data;
  else
    {
      g_free (ds->case_service_start);
      ds->case_service_start = data;
    }
  return TRUE;
}

/* Services sorted by case: the services of case i are [start[i], start[i + 1]), and
 * each of them points back to case i. */
static gboolean
check_links (Loader         *loader,
             const gboolean  have_links[2],
             GError        **error)
{
  PathwaysDataset *ds = loader->dataset;

  if (!have_links[1] || (!have_links[0] && ds->n_services > 0))
    {
      workspace_set_corrupt (error, loader->display,
                             _("the links between cases and services are missing"));
      return FALSE;
    }
  if (ds->service_case == NULL)
    ds->service_case = g_new0 (guint32, 1);

  for (guint j = 0; j < ds->n_services; j++)
    if (ds->service_case[j] >= ds->n_cases)
      {
        workspace_set_corrupt (error, loader->display,
                               _("service %u is linked to a case that is out of range"), j + 1);
        return FALSE;
      }
  if (ds->case_service_start[0] != 0 || ds->case_service_start[ds->n_cases] != ds->n_services)
    goto broken;
  for (guint i = 0; i < ds->n_cases; i++)
    {
      guint32 from = ds->case_service_start[i];
      guint32 to = ds->case_service_start[i + 1];

      if (to < from || to > ds->n_services)
        goto broken;
      for (guint32 j = from; j < to; j++)
        if (ds->service_case[j] != i)
          goto broken;
    }
  return TRUE;

broken:
  workspace_set_corrupt (error, loader->display,
                         _("the links between cases and services are broken"));
  return FALSE;
}

static gboolean
load_columns (Loader  *loader,
              GError **error)
{
  auto_stmt stmt = NULL;
  gboolean have_links[2] = { FALSE, FALSE };
  int rc;

  /* In the order of the primary key, which is the order of the checksum. */
  if (!loader_prepare (loader,
                       "SELECT table_name, field, kind, n_rows, rowid, length (strings), "
                       "n_strings FROM column_data ORDER BY table_name, field", &stmt, error))
    return FALSE;

  workspace_seal_section (loader->seal, "column_data");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean ok;

      if (!workspace_check_cancelled (loader->context, error))
        return FALSE;
      /* sealed by storage type before any value is converted */
      workspace_seal_row (loader->seal);
      for (int i = 0; i < 4; i++)
        workspace_seal_value (loader->seal, stmt, i);
      if (sqlite3_column_text (stmt, 0) == NULL || sqlite3_column_text (stmt, 1) == NULL ||
          sqlite3_column_text (stmt, 2) == NULL)
        {
          workspace_set_corrupt (error, loader->display, _("a column has no name"));
          return FALSE;
        }

      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "links"))
        ok = load_link_column (loader, stmt, have_links, error);
      else
        ok = load_field_column (loader, stmt, error);
      if (!ok)
        return FALSE;
    }
  return loader_step_done (loader, rc, error) && check_links (loader, have_links, error);
}

/* ---- opening ------------------------------------------------------------------------- */

static gboolean
verify_data_seal (Loader               *loader,
                  const WorkspaceSeals *seals,
                  GError              **error)
{
  g_autofree char *hex = NULL;

  if (loader->seal == NULL)
    return TRUE;
  hex = workspace_seal_finish (loader->seal);
  if (g_strcmp0 (hex, seals->data) != 0)
    {
      workspace_set_checksum_error (error, loader->display, FALSE);
      return FALSE;
    }
  return TRUE;
}

PathwaysDataset *
workspace_load_cancellable (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GHashTable) meta = NULL;
  g_autoptr(GHashTable) dicts = NULL;
  g_autoptr(PathwaysDataset) dataset = NULL;
  WorkspaceContext context = { WORKSPACE_OPENING };
  WorkspaceSeals seals = { 0 };
  WorkspaceSeal seal = { 0 };
  Loader loader = { 0 };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_basename (path);
  context.display = display;
  context.cancellable = cancellable;
  if (!workspace_check_cancelled (&context, error))
    return NULL;
  /* in a read transaction: one consistent view even if someone edits the file */
  db = workspace_open (path, SQLITE_OPEN_READONLY, &context, &meta, &seal, error);
  if (db == NULL)
    return NULL;

  dataset = pathways_dataset_new ();
  dicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) pathways_dictionary_free);
  loader.db = db;
  loader.display = display;
  loader.context = &context;
  loader.meta = meta;
  loader.dataset = dataset;
  loader.dicts = dicts;

  /* workspace_open has sealed the meta rows; a file without checksums is not sealed */
  ok = workspace_read_seals (db, meta, &context, &seals, error);
  loader.seal = seals.sealed ? &seal : NULL;
  ok = ok && load_metadata (&loader, error);
  /* the column blobs are hashed on another thread while the next ones are read */
  workspace_seal_defer (loader.seal);
  ok = ok &&
       load_columns (&loader, error) &&
       workspace_load_outcomes (db, loader.seal, meta, display, dataset, error) &&
       workspace_load_appointments (db, loader.seal, meta, display, dataset, error) &&
       verify_data_seal (&loader, &seals, error);
  /* before anything it hashes can be freed */
  workspace_seal_sync (loader.seal);
  /* a file saved before it had a secret: the one its sources give, kept at the next
   * save (so that opening it twice gives the same keys) */
  if (ok && g_hash_table_lookup (meta, WORKSPACE_SECRET_KEY) == NULL)
    pathways_dataset_derive_secret (dataset);

  workspace_seals_clear (&seals);
  sqlite3_close (db);   /* ends the read transaction */

  if (!ok)
    return NULL;
  return g_steal_pointer (&dataset);
}
