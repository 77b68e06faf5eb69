/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace.c: saving and reopening the *.pathways file.
 *
 * The file is one SQLite database (docs/workspace-format.md). Two copies of the data
 * live in it: normalised tables (cases, services, case_values, dictionary, views) for
 * people and SQL tools, and column_data, the in-memory column arrays as little-endian
 * blobs. Loading reads only column_data and the small tables, so reopening a million
 * cases costs a few large sequential reads; every size, code and offset read back is
 * checked before it is used.
 */
#define G_LOG_DOMAIN "pathways-workspace"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pathways-version.h"
#include "pathways-workspace.h"

/* "Path" in ASCII, stored in the SQLite header (PRAGMA application_id). */
#define WORKSPACE_APPLICATION_ID 0x50617468

/* How an invalid date (present but not understood) is stored in the normalised tables:
 * valid days are >= 1, a missing date is NULL. */
#define STORED_DAY_INVALID (-1)

/* GDate Julian day of 9999-12-31, the last day a PathwaysDataset can hold. */
#define MAX_VALID_DAY 3652059

/* GDate day 1 (0001-01-01) is SQLite julianday 1721425.5. */
#define SQL_JULIAN_OFFSET "1721424.5"

#define HUGE_PAGE_SIZE (2 * 1024 * 1024)
#define HUGE_ARRAY_MIN (1024 * 1024)

G_DEFINE_QUARK (pathways-workspace-error-quark, pathways_workspace_error)

typedef struct {
  PathwaysTableKind table;
  const char       *name;          /* "cases" */
  const char       *values_table;  /* "case_values" */
  const char       *index_column;  /* "case_index" */
} TableInfo;

static const TableInfo tables[] = {
  { PATHWAYS_TABLE_CASES, "cases", "case_values", "case_index" },
  { PATHWAYS_TABLE_SERVICES, "services", "service_values", "service_index" },
};

static const char *
kind_to_string (PathwaysFieldKind kind)
{
  switch (kind)
    {
    case PATHWAYS_KIND_KEY:
      return "key";
    case PATHWAYS_KIND_DATE:
      return "date";
    case PATHWAYS_KIND_CATEGORY:
      return "category";
    case PATHWAYS_KIND_INTEGER:
      return "integer";
    case PATHWAYS_KIND_MULTI:
      return "multi";
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static const char *
severity_to_string (PathwaysSeverity severity)
{
  switch (severity)
    {
    case PATHWAYS_SEVERITY_ERROR:
      return "error";
    case PATHWAYS_SEVERITY_WARNING:
      return "warning";
    case PATHWAYS_SEVERITY_ASSUMPTION:
      return "assumption";
    default:
      return "error";
    }
}

static gboolean
severity_from_string (const char       *s,
                      PathwaysSeverity *out)
{
  if (g_strcmp0 (s, "error") == 0)
    *out = PATHWAYS_SEVERITY_ERROR;
  else if (g_strcmp0 (s, "warning") == 0)
    *out = PATHWAYS_SEVERITY_WARNING;
  else if (g_strcmp0 (s, "assumption") == 0)
    *out = PATHWAYS_SEVERITY_ASSUMPTION;
  else
    return FALSE;
  return TRUE;
}

static guint
table_rows (PathwaysDataset   *dataset,
            PathwaysTableKind  table)
{
  return table == PATHWAYS_TABLE_CASES ? dataset->n_cases : dataset->n_services;
}

/* Fields that are written: mapped, in the right table, and never the date of birth. */
static gboolean
field_is_stored (PathwaysDataset *dataset,
                 PathwaysField    field)
{
  return dataset->columns[field] != NULL && field != PATHWAYS_FIELD_DATE_OF_BIRTH;
}

static void
set_sqlite_error (GError     **error,
                  int          code,
                  sqlite3     *db,
                  gboolean     saving,
                  const char  *display)
{
  /* SQLite can quote bytes of a damaged file in its message */
  g_autofree char *detail = g_utf8_make_valid (db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM), -1);

  if (saving)
    g_set_error (error, PATHWAYS_WORKSPACE_ERROR, code,
                 _("Could not save %s: %s"), display, detail);
  else
    g_set_error (error, PATHWAYS_WORKSPACE_ERROR, code,
                 _("Could not open %s: %s"), display, detail);
}

static void set_corrupt (GError    **error,
                         const char *display,
                         const char *format,
                         ...) G_GNUC_PRINTF (3, 4);

static void
set_corrupt (GError    **error,
             const char *display,
             const char *format,
             ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  if (!g_utf8_validate (detail, -1, NULL))
    {
      char *valid = g_utf8_make_valid (detail, -1);
      g_free (detail);
      detail = valid;
    }

  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT,
               _("%s is damaged: %s"), display, detail);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *display,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, TRUE, display);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare_write (sqlite3     *db,
               const char  *sql,
               const char  *display,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, TRUE, display);
      return NULL;
    }
  return stmt;
}

/* Steps a write statement to completion and resets it for the next row. */
static gboolean
step_write (sqlite3      *db,
            sqlite3_stmt *stmt,
            const char   *display,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, TRUE, display);
      return FALSE;
    }
  return TRUE;
}

typedef sqlite3_stmt *sqlite3_stmt_ptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (sqlite3_stmt_ptr, sqlite3_finalize, NULL)
#define auto_stmt g_auto (sqlite3_stmt_ptr)

/* ---- little-endian blobs ---------------------------------------------------------- */

/* Binds N elements of ELEM_SIZE bytes as a little-endian blob. */
static int
bind_array (sqlite3_stmt  *stmt,
            int            index,
            gconstpointer  data,
            gsize          elem_size,
            guint64        n)
{
  if (n == 0 || data == NULL)
    return sqlite3_bind_zeroblob (stmt, index, 0);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  return sqlite3_bind_blob64 (stmt, index, data, n * elem_size, SQLITE_STATIC);
#else
  {
    guint8 *copy = g_memdup2 (data, n * elem_size);

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
    return sqlite3_bind_blob64 (stmt, index, copy, n * elem_size, g_free);
  }
#endif
}

/* Memory for a column array, freed with g_free. Large arrays ask for transparent huge
 * pages: first touching a million-row column then costs a few faults instead of
 * thousands, which is most of the time spent opening a large workspace. */
static void
advise_huge (gpointer p,
             gsize    bytes)
{
#if defined(MADV_HUGEPAGE)
  guintptr start = ((guintptr) p + HUGE_PAGE_SIZE - 1) & ~(guintptr) (HUGE_PAGE_SIZE - 1);
  guintptr end = ((guintptr) p + bytes) & ~(guintptr) (HUGE_PAGE_SIZE - 1);

  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

static gpointer
alloc_array (gsize bytes)
{
  /* Whole huge pages, so that the last one is used too. */
  gsize rounded = (bytes + HUGE_PAGE_SIZE - 1) & ~(gsize) (HUGE_PAGE_SIZE - 1);
  void *p = NULL;

  if (bytes >= HUGE_ARRAY_MIN && posix_memalign (&p, HUGE_PAGE_SIZE, rounded) == 0)
    {
      advise_huge (p, rounded);
      return p;
    }
  return g_malloc (bytes);
}

/* Reads the blob in column BLOB_COLUMN of row ROWID of column_data, which must be
 * exactly N elements of ELEM_SIZE bytes, into new memory (at least one element is
 * allocated so that empty columns are not NULL). The blob goes straight from the file
 * into its final place. FALSE when it has any other length or cannot be read. */
static gboolean
read_array (sqlite3       *db,
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

  rc = sqlite3_blob_open (db, "main", "column_data", blob_column, rowid, 0, &blob);
  if (rc != SQLITE_OK)
    {
      /* A NULL value cannot be opened as a blob: fine for an empty array. */
      sqlite3_blob_close (blob);
      if (n > 0)
        return FALSE;
      *out = g_malloc (elem_size);
      return TRUE;
    }
  if ((guint64) sqlite3_blob_bytes (blob) != expected)
    {
      sqlite3_blob_close (blob);
      return FALSE;
    }

  copy = alloc_array (MAX (n, 1) * elem_size);
  if (expected > 0 && sqlite3_blob_read (blob, copy, (int) expected, 0) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      g_free (copy);
      return FALSE;
    }
  sqlite3_blob_close (blob);

#if G_BYTE_ORDER != G_LITTLE_ENDIAN
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

/* ---- saving ------------------------------------------------------------------------ */

static gboolean
check_dataset (PathwaysDataset *dataset,
               GError         **error)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *column = dataset->columns[f];

      if (!field_is_stored (dataset, f))
        continue;
      if (column->n_rows != table_rows (dataset, pathways_field_get_table (f)) ||
          column->kind != pathways_field_get_kind (f))
        {
          g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT,
                       _("The data cannot be saved: column “%s” does not match its table"),
                       pathways_field_get_name (f));
          return FALSE;
        }
    }
  if (dataset->case_service_start == NULL ||
      (dataset->n_services > 0 && dataset->service_case == NULL))
    {
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT,
                   _("The data cannot be saved: services are not linked to cases"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_meta (sqlite3          *db,
            PathwaysDataset  *dataset,
            const char       *display,
            GError          **error)
{
  auto_stmt stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *snapshot = pathways_day_to_iso (dataset->snapshot_day);
  g_autofree char *schema = g_strdup_printf ("%d", PATHWAYS_WORKSPACE_SCHEMA_VERSION);
  g_autofree char *n_cases = g_strdup_printf ("%u", dataset->n_cases);
  g_autofree char *n_services = g_strdup_printf ("%u", dataset->n_services);
  const char *entries[][2] = {
    { "schema_version", schema },
    { "application", "pathways" },
    { "pathways_version", PATHWAYS_VERSION },
    { "name", dataset->name },
    { "snapshot_day", snapshot },
    { "snapshot_from_data", dataset->snapshot_from_data ? "true" : "false" },
    { "created", created },
    { "n_cases", n_cases },
    { "n_services", n_services },
    { "has_services", dataset->has_services ? "true" : "false" },
  };

  stmt = prepare_write (db, "INSERT INTO meta (key, value) VALUES (?1, ?2)", display, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      if (entries[i][1] == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, entries[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, entries[i][1], -1, SQLITE_STATIC);
      if (!step_write (db, stmt, display, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_small_tables (sqlite3          *db,
                    PathwaysDataset  *dataset,
                    const char       *display,
                    GError          **error)
{
  auto_stmt sources = NULL;
  auto_stmt findings = NULL;
  auto_stmt summary = NULL;
  auto_stmt mapping = NULL;

  sources = prepare_write (db,
                           "INSERT INTO sources (position, name, role, format, size, sha256) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", display, error);
  if (sources == NULL)
    return FALSE;
  for (guint i = 0; i < dataset->sources->len; i++)
    {
      PathwaysSource *source = g_ptr_array_index (dataset->sources, i);

      sqlite3_bind_int64 (sources, 1, i);
      sqlite3_bind_text (sources, 2, source->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (sources, 3, source->role, -1, SQLITE_STATIC);
      sqlite3_bind_text (sources, 4, source->format, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (sources, 5, source->size);
      sqlite3_bind_text (sources, 6, source->sha256, -1, SQLITE_STATIC);
      if (!step_write (db, sources, display, error))
        return FALSE;
    }

  findings = prepare_write (db,
                            "INSERT INTO findings (position, kind, severity, file, row, "
                            "column_name, value, message) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", display, error);
  if (findings == NULL)
    return FALSE;
  for (guint i = 0; i < dataset->findings->len; i++)
    {
      PathwaysFinding *finding = g_ptr_array_index (dataset->findings, i);

      sqlite3_bind_int64 (findings, 1, i);
      sqlite3_bind_text (findings, 2, finding->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (findings, 3, severity_to_string (finding->severity), -1, SQLITE_STATIC);
      sqlite3_bind_text (findings, 4, finding->file, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (findings, 5, (sqlite3_int64) MIN (finding->row, (guint64) G_MAXINT64));
      sqlite3_bind_text (findings, 6, finding->column, -1, SQLITE_STATIC);
      sqlite3_bind_text (findings, 7, finding->value, -1, SQLITE_STATIC);
      sqlite3_bind_text (findings, 8, finding->message, -1, SQLITE_STATIC);
      if (!step_write (db, findings, display, error))
        return FALSE;
    }

  summary = prepare_write (db,
                           "INSERT INTO finding_summary (position, kind, severity, count) "
                           "VALUES (?1, ?2, ?3, ?4)", display, error);
  if (summary == NULL)
    return FALSE;
  for (guint i = 0; i < dataset->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (dataset->finding_summary, i);

      sqlite3_bind_int64 (summary, 1, i);
      sqlite3_bind_text (summary, 2, s->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (summary, 3, severity_to_string (s->severity), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (summary, 4, (sqlite3_int64) MIN (s->count, (guint64) G_MAXINT64));
      if (!step_write (db, summary, display, error))
        return FALSE;
    }

  if (dataset->mapping != NULL)
    {
      g_autofree char *json = pathways_mapping_to_data (dataset->mapping);

      mapping = prepare_write (db, "INSERT INTO mapping (json) VALUES (?1)", display, error);
      if (mapping == NULL)
        return FALSE;
      sqlite3_bind_text (mapping, 1, json != NULL ? json : "", -1, SQLITE_STATIC);
      if (!step_write (db, mapping, display, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_dictionaries (sqlite3          *db,
                    PathwaysDataset  *dataset,
                    const char       *display,
                    GError          **error)
{
  auto_stmt stmt = NULL;

  stmt = prepare_write (db, "INSERT INTO dictionary (field, code, value) VALUES (?1, ?2, ?3)",
                        display, error);
  if (stmt == NULL)
    return FALSE;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *column = dataset->columns[f];

      if (!field_is_stored (dataset, f) || column->dict == NULL)
        continue;
      for (guint code = 0; code < column->dict->values->len; code++)
        {
          sqlite3_bind_text (stmt, 1, pathways_field_get_name (f), -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, (int) code);
          sqlite3_bind_text (stmt, 3, g_ptr_array_index (column->dict->values, code), -1,
                             SQLITE_STATIC);
          if (!step_write (db, stmt, display, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_column_data (sqlite3          *db,
                   PathwaysDataset  *dataset,
                   const char       *display,
                   GError          **error)
{
  auto_stmt stmt = NULL;

  stmt = prepare_write (db,
                        "INSERT INTO column_data (table_name, field, kind, n_rows, data, "
                        "offsets, codes, strings, n_strings) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", display, error);
  if (stmt == NULL)
    return FALSE;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *column = dataset->columns[f];
      g_autoptr(GByteArray) strings = NULL;
      int rc = SQLITE_OK;

      if (!field_is_stored (dataset, f))
        continue;

      sqlite3_bind_text (stmt, 1, tables[pathways_field_get_table (f)].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, pathways_field_get_name (f), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, kind_to_string (column->kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, column->n_rows);

      switch (column->kind)
        {
        case PATHWAYS_KIND_DATE:
          rc = bind_array (stmt, 5, column->days, 4, column->n_rows);
          break;
        case PATHWAYS_KIND_INTEGER:
          rc = bind_array (stmt, 5, column->ints, 4, column->n_rows);
          break;
        case PATHWAYS_KIND_CATEGORY:
          rc = bind_array (stmt, 5, column->codes, 2, column->n_rows);
          break;
        case PATHWAYS_KIND_KEY:
          rc = bind_array (stmt, 5, column->keys, 4, column->n_rows);
          strings = g_byte_array_new ();
          for (guint k = 1; k < column->key_strings->len; k++)
            {
              const char *s = g_ptr_array_index (column->key_strings, k);

              if (s == NULL)
                s = "";
              g_byte_array_append (strings, (const guint8 *) s, strlen (s) + 1);
            }
          if (rc == SQLITE_OK)
            rc = bind_array (stmt, 8, strings->data, 1, strings->len);
          sqlite3_bind_int64 (stmt, 9, column->key_strings->len - 1);
          break;
        case PATHWAYS_KIND_MULTI:
          rc = bind_array (stmt, 5, column->multi_state, 1, column->n_rows);
          if (rc == SQLITE_OK)
            rc = bind_array (stmt, 6, column->multi_offsets, 4, (guint64) column->n_rows + 1);
          if (rc == SQLITE_OK)
            rc = bind_array (stmt, 7, column->multi_codes, 2,
                             column->multi_offsets[column->n_rows]);
          break;
        default:
          g_assert_not_reached ();
        }

      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, TRUE, display);
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (!step_write (db, stmt, display, error))
        return FALSE;
    }

  /* The links between services and cases. */
  {
    struct {
      const char *name;
      const guint32 *data;
      guint64 n;
    } links[] = {
      { "service_case", dataset->service_case, dataset->n_services },
      { "case_service_start", dataset->case_service_start, (guint64) dataset->n_cases + 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (links); i++)
      {
        sqlite3_bind_text (stmt, 1, "links", -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, links[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 3, "link", -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) links[i].n);
        if (bind_array (stmt, 5, links[i].data, 4, links[i].n) != SQLITE_OK)
          {
            set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, TRUE, display);
            sqlite3_reset (stmt);
            return FALSE;
          }
        if (!step_write (db, stmt, display, error))
          return FALSE;
      }
  }
  return TRUE;
}

/* The normalised table of TABLE (cases or services), its multi-value table and view. */
static gboolean
write_rows (sqlite3          *db,
            PathwaysDataset  *dataset,
            const TableInfo  *info,
            const char       *display,
            GError          **error)
{
  g_autoptr(GString) create = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) placeholders = g_string_new ("?1");
  g_autoptr(GString) view = g_string_new (NULL);
  g_autoptr(GString) joins = g_string_new (NULL);
  g_autofree char *values_sql = NULL;
  g_autofree char *index_sql = NULL;
  auto_stmt stmt = NULL;
  auto_stmt values = NULL;
  PathwaysField fields[PATHWAYS_N_FIELDS];
  guint n_fields = 0;
  guint n_rows = table_rows (dataset, info->table);
  const char *alias = info->table == PATHWAYS_TABLE_CASES ? "c" : "s";

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (pathways_field_get_table (f) == info->table && field_is_stored (dataset, f))
      fields[n_fields++] = f;

  g_string_append_printf (create, "CREATE TABLE %s (%s INTEGER PRIMARY KEY",
                          info->name, info->index_column);
  g_string_append_printf (insert, "INSERT INTO %s (%s", info->name, info->index_column);
  g_string_append_printf (view, "CREATE VIEW %s_v AS SELECT %s.%s AS %s",
                          info->name, alias, info->index_column, info->index_column);
  if (info->table == PATHWAYS_TABLE_SERVICES)
    {
      g_string_append (create, ", case_index INTEGER NOT NULL REFERENCES cases (case_index)");
      g_string_append (insert, ", case_index");
      g_string_append (placeholders, ", ?2");
      g_string_append_printf (view, ", %s.case_index AS case_index", alias);
    }

  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = pathways_field_get_name (fields[i]);
      int param = (int) i + (info->table == PATHWAYS_TABLE_SERVICES ? 3 : 2);

      g_string_append_printf (insert, ", \"%s\"", name);
      g_string_append_printf (placeholders, ", ?%d", param);

      switch (pathways_field_get_kind (fields[i]))
        {
        case PATHWAYS_KIND_DATE:
          g_string_append_printf (create, ", \"%s\" INTEGER", name);
          g_string_append_printf (view,
                                  ", CASE WHEN %s.\"%s\" = %d THEN 'invalid' "
                                  "ELSE date (%s.\"%s\" + " SQL_JULIAN_OFFSET ") END AS \"%s\"",
                                  alias, name, STORED_DAY_INVALID, alias, name, name);
          break;
        case PATHWAYS_KIND_INTEGER:
          g_string_append_printf (create, ", \"%s\" INTEGER", name);
          g_string_append_printf (view, ", %s.\"%s\" AS \"%s\"", alias, name, name);
          break;
        case PATHWAYS_KIND_KEY:
          g_string_append_printf (create, ", \"%s\" TEXT", name);
          g_string_append_printf (view, ", %s.\"%s\" AS \"%s\"", alias, name, name);
          break;
        case PATHWAYS_KIND_CATEGORY:
          g_string_append_printf (create, ", \"%s\" INTEGER", name);
          g_string_append_printf (view, ", \"d_%s\".value AS \"%s\"", name, name);
          g_string_append_printf (joins,
                                  " LEFT JOIN dictionary AS \"d_%s\" ON \"d_%s\".field = '%s' "
                                  "AND \"d_%s\".code = %s.\"%s\"",
                                  name, name, name, name, alias, name);
          break;
        case PATHWAYS_KIND_MULTI:
          g_string_append_printf (create, ", \"%s\" INTEGER", name);
          g_string_append_printf (view,
                                  ", CASE %s.\"%s\" WHEN %d THEN '%s' WHEN %d THEN 'None' "
                                  "ELSE (SELECT group_concat (d.value, '; ') FROM %s AS v "
                                  "JOIN dictionary AS d ON d.field = v.field AND d.code = v.code "
                                  "WHERE v.%s = %s.%s AND v.field = '%s') END AS \"%s\"",
                                  alias, name, PATHWAYS_MULTI_NOT_RECORDED, PATHWAYS_NOT_RECORDED,
                                  PATHWAYS_MULTI_NONE, info->values_table,
                                  info->index_column, alias, info->index_column, name, name);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_string_append (create, ")");
  g_string_append_printf (insert, ") VALUES (%s)", placeholders->str);
  g_string_append_printf (view, " FROM %s AS %s%s", info->name, alias, joins->str);

  values_sql = g_strdup_printf ("CREATE TABLE %s (%s INTEGER NOT NULL, field TEXT NOT NULL, "
                                "code INTEGER NOT NULL)",
                                info->values_table, info->index_column);
  if (!exec_sql (db, create->str, display, error) ||
      !exec_sql (db, values_sql, display, error) ||
      !exec_sql (db, view->str, display, error))
    return FALSE;

  g_clear_pointer (&values_sql, g_free);
  values_sql = g_strdup_printf ("INSERT INTO %s (%s, field, code) VALUES (?1, ?2, ?3)",
                                info->values_table, info->index_column);
  stmt = prepare_write (db, insert->str, display, error);
  if (stmt == NULL)
    return FALSE;
  values = prepare_write (db, values_sql, display, error);
  if (values == NULL)
    return FALSE;

  for (guint row = 0; row < n_rows; row++)
    {
      sqlite3_bind_int64 (stmt, 1, row);
      if (info->table == PATHWAYS_TABLE_SERVICES)
        sqlite3_bind_int64 (stmt, 2, dataset->service_case[row]);

      for (guint i = 0; i < n_fields; i++)
        {
          PathwaysColumn *column = dataset->columns[fields[i]];
          int param = (int) i + (info->table == PATHWAYS_TABLE_SERVICES ? 3 : 2);

          switch (column->kind)
            {
            case PATHWAYS_KIND_DATE:
              if (column->days[row] == PATHWAYS_DAY_NONE)
                sqlite3_bind_null (stmt, param);
              else if (!PATHWAYS_DAY_IS_VALID (column->days[row]))
                sqlite3_bind_int (stmt, param, STORED_DAY_INVALID);
              else
                sqlite3_bind_int (stmt, param, column->days[row]);
              break;
            case PATHWAYS_KIND_INTEGER:
              if (column->ints[row] == PATHWAYS_INT_NONE)
                sqlite3_bind_null (stmt, param);
              else
                sqlite3_bind_int (stmt, param, column->ints[row]);
              break;
            case PATHWAYS_KIND_CATEGORY:
              sqlite3_bind_int (stmt, param, column->codes[row]);
              break;
            case PATHWAYS_KIND_KEY:
              if (column->keys[row] == 0 || column->keys[row] >= column->key_strings->len)
                sqlite3_bind_null (stmt, param);
              else
                sqlite3_bind_text (stmt, param,
                                   g_ptr_array_index (column->key_strings, column->keys[row]),
                                   -1, SQLITE_STATIC);
              break;
            case PATHWAYS_KIND_MULTI:
              sqlite3_bind_int (stmt, param, column->multi_state[row]);
              for (guint32 k = column->multi_offsets[row]; k < column->multi_offsets[row + 1]; k++)
                {
                  sqlite3_bind_int64 (values, 1, row);
                  sqlite3_bind_text (values, 2, pathways_field_get_name (column->field), -1,
                                     SQLITE_STATIC);
                  sqlite3_bind_int (values, 3, column->multi_codes[k]);
                  if (!step_write (db, values, display, error))
                    return FALSE;
                }
              break;
            default:
              g_assert_not_reached ();
            }
        }
      if (!step_write (db, stmt, display, error))
        return FALSE;
    }

  index_sql = g_strdup_printf ("CREATE INDEX %s_by_row ON %s (%s, field)",
                               info->values_table, info->values_table, info->index_column);
  if (!exec_sql (db, index_sql, display, error))
    return FALSE;
  if (info->table == PATHWAYS_TABLE_SERVICES &&
      !exec_sql (db, "CREATE INDEX services_by_case ON services (case_index)", display, error))
    return FALSE;
  return TRUE;
}

/* Copies the settings (saved views) of the workspace being replaced, if it is one. */
static void
attach_previous_settings (sqlite3    *db,
                          const char *path)
{
  auto_stmt stmt = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;
  if (sqlite3_prepare_v2 (db, "ATTACH DATABASE ?1 AS previous", -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_debug ("Previous file %s not attached: %s", path, sqlite3_errmsg (db));
}

static void
copy_previous_settings (sqlite3 *db)
{
  auto_stmt stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA previous.application_id", -1, &stmt, NULL) != SQLITE_OK)
    return;
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_int64 (stmt, 0) != WORKSPACE_APPLICATION_ID)
    return;
  if (sqlite3_exec (db,
                    "INSERT OR REPLACE INTO settings (key, value) "
                    "SELECT key, value FROM previous.settings",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("Settings of the previous workspace not kept: %s", sqlite3_errmsg (db));
}

static gboolean
write_workspace (sqlite3          *db,
                 PathwaysDataset  *dataset,
                 const char       *path,
                 const char       *display,
                 GError          **error)
{
  g_autofree char *pragmas = NULL;

  pragmas = g_strdup_printf ("PRAGMA page_size = 65536;"
                             "PRAGMA journal_mode = OFF;"
                             "PRAGMA synchronous = OFF;"
                             "PRAGMA cache_size = -65536;"
                             "PRAGMA application_id = %d;"
                             "PRAGMA user_version = %d;",
                             WORKSPACE_APPLICATION_ID, PATHWAYS_WORKSPACE_SCHEMA_VERSION);
  if (!exec_sql (db, pragmas, display, error))
    return FALSE;

  attach_previous_settings (db, path);

  if (!exec_sql (db, "BEGIN", display, error))
    return FALSE;

  if (!exec_sql (db,
                 "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                 "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);"
                 "CREATE TABLE sources (position INTEGER PRIMARY KEY, name TEXT, role TEXT, "
                 "  format TEXT, size INTEGER, sha256 TEXT);"
                 "CREATE TABLE mapping (json TEXT NOT NULL);"
                 "CREATE TABLE findings (position INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
                 "  severity TEXT NOT NULL, file TEXT, row INTEGER, column_name TEXT, "
                 "  value TEXT, message TEXT);"
                 "CREATE TABLE finding_summary (position INTEGER PRIMARY KEY, "
                 "  kind TEXT NOT NULL, severity TEXT NOT NULL, count INTEGER NOT NULL);"
                 "CREATE TABLE dictionary (field TEXT NOT NULL, code INTEGER NOT NULL, "
                 "  value TEXT NOT NULL, PRIMARY KEY (field, code)) WITHOUT ROWID;"
                 "CREATE TABLE column_data (table_name TEXT NOT NULL, field TEXT NOT NULL, "
                 "  kind TEXT NOT NULL, n_rows INTEGER NOT NULL, data BLOB, offsets BLOB, "
                 "  codes BLOB, strings BLOB, n_strings INTEGER, "
                 "  PRIMARY KEY (table_name, field));",
                 display, error))
    return FALSE;

  copy_previous_settings (db);

  if (!write_meta (db, dataset, display, error) ||
      !write_small_tables (db, dataset, display, error) ||
      !write_dictionaries (db, dataset, display, error) ||
      !write_column_data (db, dataset, display, error))
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (!write_rows (db, dataset, &tables[t], display, error))
      return FALSE;

  if (!exec_sql (db, "COMMIT", display, error))
    return FALSE;

  sqlite3_exec (db, "DETACH DATABASE previous", NULL, NULL, NULL);
  return TRUE;
}

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            const char  *display,
            GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0);
  int saved_errno;

  if (fd < 0)
    {
      saved_errno = errno;
      goto fail;
    }
  if (fsync (fd) != 0 && !(directory && (errno == EINVAL || errno == EROFS)))
    {
      saved_errno = errno;
      close (fd);
      goto fail;
    }
  close (fd);
  return TRUE;

fail:
  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO,
               _("Could not save %s: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

/* A save killed half-way leaves its "NAME.XXXXXX" file behind. Every save holds an
 * flock on its own temporary file, so one that can be locked belongs to no running
 * save and is removed. */
static void
remove_stale_temporaries (const char *dir,
                          const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gsize base_len = strlen (base);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *full = NULL;
      g_autofree char *journal = NULL;
      gsize len = strlen (name);
      int fd;

      if (strncmp (name, base, base_len) != 0 || name[base_len] != '.')
        continue;

      if (len == base_len + 7 + strlen ("-journal") && g_str_has_suffix (name, "-journal"))
        {
          /* a journal whose temporary file is gone */
          g_autofree char *main_name = g_strndup (name, base_len + 7);
          g_autofree char *main_path = g_build_filename (dir, main_name, NULL);
          if (!g_file_test (main_path, G_FILE_TEST_EXISTS))
            {
              full = g_build_filename (dir, name, NULL);
              g_unlink (full);
            }
          continue;
        }
      if (len != base_len + 7)
        continue;

      full = g_build_filename (dir, name, NULL);
      fd = g_open (full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          journal = g_strconcat (full, "-journal", NULL);
          g_unlink (journal);
          g_unlink (full);
        }
      close (fd);
    }
}

gboolean
pathways_workspace_save (PathwaysDataset  *dataset,
                         const char       *path,
                         GError          **error)
{
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  sqlite3 *db = NULL;
  int fd;

  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_basename (path);
  if (!check_dataset (dataset, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  remove_stale_temporaries (dir, path);
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO,
                   _("Could not save %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  /* held until this function returns (the descriptor stays open): marks the
   * temporary file as in use for remove_stale_temporaries() */
  flock (fd, LOCK_EX | LOCK_NB);

  if (sqlite3_open_v2 (tmp_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, TRUE, display);
      goto out;
    }

  if (!write_workspace (db, dataset, path, display, error))
    goto out;

  if (sqlite3_close (db) != SQLITE_OK)
    {
      set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, TRUE, display);
      goto out;
    }
  db = NULL;

  if (!fsync_path (tmp_path, FALSE, display, error))
    goto out;

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO,
                   _("Could not save %s: %s"), display, g_strerror (saved_errno));
      goto out;
    }

  /* The file is in place; make the rename itself durable. */
  close (fd);
  return fsync_path (dir, TRUE, display, error);

out:
  if (db != NULL)
    sqlite3_close (db);
  g_unlink (tmp_path);
  close (fd);
  return FALSE;
}

/* ---- opening ----------------------------------------------------------------------- */

static void
set_open_error (GError    **error,
                sqlite3    *db,
                int         rc,
                const char *display)
{
  if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                 _("%s is not a Pathways workspace"), display);
  else if ((rc & 0xff) == SQLITE_CORRUPT)
    set_corrupt (error, display, "%s", sqlite3_errmsg (db));
  else
    set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, FALSE, display);
}

/* Opens PATH and checks that it is a workspace this version can read. */
static sqlite3 *
open_workspace (const char  *path,
                int          flags,
                const char  *display,
                GHashTable **out_meta,
                GError     **error)
{
  g_autoptr(GHashTable) meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *version_text;
  guint64 version = 0;
  sqlite3_int64 user_version;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO,
                   _("Could not open %s: %s"), display, g_strerror (ENOENT));
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("%s is not a Pathways workspace"), display);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_open_error (error, db, rc, display);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);

  rc = sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_open_error (error, db, rc, display);
      goto fail;
    }
  if (sqlite3_column_int64 (stmt, 0) != WORKSPACE_APPLICATION_ID)
    {
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("%s is not a Pathways workspace"), display);
      goto fail;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_open_error (error, db, rc, display);
      goto fail;
    }
  user_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;

  rc = sqlite3_prepare_v2 (db, "SELECT key, value FROM meta", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_ERROR)  /* no such table */
        g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                     _("%s is not a Pathways workspace"), display);
      else
        set_open_error (error, db, rc, display);
      goto fail;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key != NULL && value != NULL)
        g_hash_table_replace (meta, g_strdup (key), g_strdup (value));
    }
  if (rc != SQLITE_DONE)
    {
      set_open_error (error, db, rc, display);
      goto fail;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  version_text = g_hash_table_lookup (meta, "schema_version");
  if (version_text == NULL ||
      g_strcmp0 (g_hash_table_lookup (meta, "application"), "pathways") != 0)
    {
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("%s is not a Pathways workspace"), display);
      goto fail;
    }
  if (!g_ascii_string_to_unsigned (version_text, 10, 1, G_MAXUINT32, &version, NULL))
    {
      set_corrupt (error, display, _("the schema version “%s” is not a number"), version_text);
      goto fail;
    }
  version = MAX (version, (guint64) MAX (user_version, 0));
  if (version > PATHWAYS_WORKSPACE_SCHEMA_VERSION)
    {
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_NEWER,
                   _("%s was saved by a newer version of Pathways (schema %u); "
                     "this version reads schema %d"),
                   display, (guint) version, PATHWAYS_WORKSPACE_SCHEMA_VERSION);
      goto fail;
    }

  if (out_meta != NULL)
    *out_meta = g_steal_pointer (&meta);
  return db;

fail:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return NULL;
}

typedef struct {
  sqlite3         *db;
  const char      *display;
  GHashTable      *meta;
  PathwaysDataset *dataset;
  GHashTable      *dicts;   /* field name → PathwaysDictionary */
} Loader;

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
        set_corrupt (error, loader->display, "%s", sqlite3_errmsg (loader->db));
      else
        set_open_error (error, loader->db, rc, loader->display);
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
      set_open_error (error, loader->db, rc, loader->display);
      return FALSE;
    }
  return TRUE;
}

/* A text column as a new UTF-8 string; NULL stays NULL. FALSE for blobs or bad UTF-8. */
static gboolean
column_text (sqlite3_stmt  *stmt,
             int            column,
             gboolean       nullable,
             char         **out)
{
  const char *text;
  int type = sqlite3_column_type (stmt, column);

  *out = NULL;
  if (type == SQLITE_NULL)
    return nullable;
  if (type != SQLITE_TEXT)
    return FALSE;
  text = (const char *) sqlite3_column_text (stmt, column);
  if (text == NULL || !g_utf8_validate (text, sqlite3_column_bytes (stmt, column), NULL))
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

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
      set_corrupt (error, loader->display, _("the number of cases is missing"));
      return FALSE;
    }
  ds->n_cases = (guint) n;

  s = g_hash_table_lookup (loader->meta, "n_services");
  if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT32 - 1, &n, NULL))
    {
      set_corrupt (error, loader->display, _("the number of services is missing"));
      return FALSE;
    }
  ds->n_services = (guint) n;

  ds->has_services = g_strcmp0 (g_hash_table_lookup (loader->meta, "has_services"), "true") == 0;
  ds->snapshot_from_data =
    g_strcmp0 (g_hash_table_lookup (loader->meta, "snapshot_from_data"), "true") == 0;
  ds->name = g_strdup (g_hash_table_lookup (loader->meta, "name"));
  if (ds->name != NULL && !g_utf8_validate (ds->name, -1, NULL))
    {
      set_corrupt (error, loader->display, _("the name is not valid text"));
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
          set_corrupt (error, loader->display, _("the snapshot date “%s” is not a date"), s);
          return FALSE;
        }
      ds->snapshot_day = pathways_day_from_ymd (y, m, d);
    }
  return TRUE;
}

static gboolean
load_small_tables (Loader  *loader,
                   GError **error)
{
  PathwaysDataset *ds = loader->dataset;
  auto_stmt stmt = NULL;
  int rc;

  if (!loader_prepare (loader,
                       "SELECT name, role, format, size, sha256 FROM sources ORDER BY position",
                       &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PathwaysSource *source = g_new0 (PathwaysSource, 1);

      g_ptr_array_add (ds->sources, source);
      source->size = sqlite3_column_int64 (stmt, 3);
      if (!column_text (stmt, 0, TRUE, &source->name) ||
          !column_text (stmt, 1, TRUE, &source->role) ||
          !column_text (stmt, 2, TRUE, &source->format) ||
          !column_text (stmt, 4, TRUE, &source->sha256))
        {
          set_corrupt (error, loader->display, _("a source file entry is not valid text"));
          return FALSE;
        }
    }
  if (!loader_step_done (loader, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!loader_prepare (loader,
                       "SELECT kind, severity, file, row, column_name, value, message "
                       "FROM findings ORDER BY position", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PathwaysFinding *finding = g_new0 (PathwaysFinding, 1);
      g_autofree char *severity = NULL;
      sqlite3_int64 row = sqlite3_column_int64 (stmt, 3);

      g_ptr_array_add (ds->findings, finding);
      if (!column_text (stmt, 0, FALSE, &finding->kind) ||
          !column_text (stmt, 1, FALSE, &severity) ||
          !severity_from_string (severity, &finding->severity) ||
          !column_text (stmt, 2, TRUE, &finding->file) ||
          !column_text (stmt, 4, TRUE, &finding->column) ||
          !column_text (stmt, 5, TRUE, &finding->value) ||
          !column_text (stmt, 6, TRUE, &finding->message) ||
          row < 0)
        {
          set_corrupt (error, loader->display, _("a data-quality finding is not valid"));
          return FALSE;
        }
      finding->row = (guint64) row;
    }
  if (!loader_step_done (loader, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!loader_prepare (loader,
                       "SELECT kind, severity, count FROM finding_summary ORDER BY position",
                       &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PathwaysFindingSummary *summary = g_new0 (PathwaysFindingSummary, 1);
      g_autofree char *severity = NULL;
      sqlite3_int64 count = sqlite3_column_int64 (stmt, 2);

      g_ptr_array_add (ds->finding_summary, summary);
      if (!column_text (stmt, 0, FALSE, &summary->kind) ||
          !column_text (stmt, 1, FALSE, &severity) ||
          !severity_from_string (severity, &summary->severity) ||
          count < 0)
        {
          set_corrupt (error, loader->display, _("a data-quality summary is not valid"));
          return FALSE;
        }
      summary->count = (guint64) count;
    }
  if (!loader_step_done (loader, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!loader_prepare (loader, "SELECT json FROM mapping", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *json = NULL;

      if (!column_text (stmt, 0, FALSE, &json))
        {
          set_corrupt (error, loader->display, _("the mapping is not valid text"));
          return FALSE;
        }
      ds->mapping = pathways_mapping_new_from_data (json, -1, &local_error);
      if (ds->mapping == NULL)
        {
          set_corrupt (error, loader->display, _("the mapping cannot be read: %s"),
                       local_error != NULL ? local_error->message : "?");
          return FALSE;
        }
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          set_corrupt (error, loader->display, _("it holds more than one mapping"));
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

  if (!loader_prepare (loader, "SELECT field, code, value FROM dictionary ORDER BY field, code",
                       &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;
      sqlite3_int64 code = sqlite3_column_int64 (stmt, 1);
      PathwaysDictionary *dict;

      if (!column_text (stmt, 0, FALSE, &field) || !column_text (stmt, 2, FALSE, &value))
        {
          set_corrupt (error, loader->display, _("a dictionary value is not valid text"));
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
              set_corrupt (error, loader->display,
                           _("the first value of “%s” is not “%s”"), field, PATHWAYS_NOT_RECORDED);
              return FALSE;
            }
          continue;
        }
      if (code != dict->values->len || pathways_dictionary_intern (dict, value) != code)
        {
          set_corrupt (error, loader->display,
                       _("the values of “%s” are not numbered in order"), field);
          return FALSE;
        }
    }
  return loader_step_done (loader, rc, error);
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
      for (guint i = 0; i < n; i++)
        {
          gint32 d = column->days[i];
          if (d != PATHWAYS_DAY_NONE && d != PATHWAYS_DAY_INVALID && (d < 1 || d > MAX_VALID_DAY))
            {
              set_corrupt (error, loader->display, _("column “%s” holds an impossible day"), name);
              return FALSE;
            }
        }
      break;
    case PATHWAYS_KIND_INTEGER:
      break;
    case PATHWAYS_KIND_CATEGORY:
      {
        guint size = column->dict->values->len;

        for (guint i = 0; i < n; i++)
          if (column->codes[i] >= size)
            {
              set_corrupt (error, loader->display,
                           _("column “%s” has codes beyond its dictionary"), name);
              return FALSE;
            }
      }
      break;
    case PATHWAYS_KIND_KEY:
      for (guint i = 0; i < n; i++)
        if (column->keys[i] > n_strings)
          {
            set_corrupt (error, loader->display,
                         _("column “%s” refers to identifiers that are not there"), name);
            return FALSE;
          }
      break;
    case PATHWAYS_KIND_MULTI:
      {
        guint size = column->dict->values->len;

        if (column->multi_offsets[0] != 0)
          {
            set_corrupt (error, loader->display, _("column “%s” has bad offsets"), name);
            return FALSE;
          }
        for (guint i = 0; i < n; i++)
          {
            if (column->multi_state[i] > PATHWAYS_MULTI_VALUES ||
                column->multi_offsets[i + 1] < column->multi_offsets[i])
              {
                set_corrupt (error, loader->display,
                             _("column “%s” has bad offsets or states"), name);
                return FALSE;
              }
          }
        for (guint32 k = 0; k < column->multi_offsets[n]; k++)
          if (column->multi_codes[k] >= size)
            {
              set_corrupt (error, loader->display,
                           _("column “%s” has codes beyond its dictionary"), name);
              return FALSE;
            }
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* The identifiers of a loaded key column (a million case ids) live in one block
 * instead of a million allocations, which made up most of the time to open a
 * workspace. The block holds the strings last first, so the last element of the array
 * is the block's start: GPtrArray frees its elements first to last, and the element
 * free function frees the block only for a pointer registered as a block start (a
 * lookup by value: no string is ever read). Strings put into such an array by other
 * code would not be freed; nothing does that with a loaded dataset. */
static GMutex key_blocks_lock;
static GHashTable *key_blocks;

static void
free_key_string (gpointer p)
{
  gboolean owner = FALSE;

  if (p == NULL)
    return;
  g_mutex_lock (&key_blocks_lock);
  if (key_blocks != NULL)
    owner = g_hash_table_remove (key_blocks, p);
  g_mutex_unlock (&key_blocks_lock);
  if (owner)
    g_free (p);
}

static void
register_key_block (gpointer block)
{
  g_mutex_lock (&key_blocks_lock);
  if (key_blocks == NULL)
    key_blocks = g_hash_table_new (NULL, NULL);
  g_hash_table_add (key_blocks, block);
  g_mutex_unlock (&key_blocks_lock);
}

/* Reads the blob of N_STRINGS NUL-terminated UTF-8 strings of row ROWID as a key
 * column's key_strings ([0] = NULL, then the strings). NULL when it is malformed. */
static GPtrArray *
read_key_strings (sqlite3       *db,
                  sqlite3_int64  rowid,
                  sqlite3_int64  length,
                  sqlite3_int64  n_strings)
{
  g_autofree char *data = NULL;
  GPtrArray *key_strings;
  const char *p, *end;
  char *block;

  if (length < 0 || n_strings < 0 || n_strings > length)
    return NULL;
  if (!read_array (db, "strings", rowid, 1, (guint64) length, (gpointer *) &data))
    return NULL;

  /* Check everything before building anything. */
  p = data;
  end = data + length;
  for (sqlite3_int64 k = 0; k < n_strings; k++)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL || !g_utf8_validate (p, nul - p, NULL))
        return NULL;
      p = nul + 1;
    }
  if (p != end)
    return NULL;

  key_strings = g_ptr_array_new_full ((guint) n_strings + 1, free_key_string);
  advise_huge (key_strings->pdata, ((gsize) n_strings + 1) * sizeof (gpointer));
  g_ptr_array_set_size (key_strings, (guint) n_strings + 1);
  if (n_strings == 0)
    return key_strings;

  /* String k starting at offset o with length l goes to offset length - o - l - 1. */
  block = alloc_array ((gsize) length);
  p = data;
  for (guint k = 1; k <= n_strings; k++)
    {
      gsize l = strlen (p);
      char *dest = block + (length - (p - data) - l - 1);

      memcpy (dest, p, l + 1);
      g_ptr_array_index (key_strings, k) = dest;
      p += l + 1;
    }
  g_assert (g_ptr_array_index (key_strings, n_strings) == block);
  register_key_block (block);
  return key_strings;
}

static gboolean
load_columns (Loader  *loader,
              GError **error)
{
  PathwaysDataset *ds = loader->dataset;
  auto_stmt stmt = NULL;
  gboolean have_links[2] = { FALSE, FALSE };
  int rc;

  if (!loader_prepare (loader,
                       "SELECT table_name, field, kind, n_rows, rowid, length (strings), "
                       "n_strings FROM column_data", &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table_name = (const char *) sqlite3_column_text (stmt, 0);
      const char *field_name = (const char *) sqlite3_column_text (stmt, 1);
      const char *kind_name = (const char *) sqlite3_column_text (stmt, 2);
      sqlite3_int64 n_rows = sqlite3_column_int64 (stmt, 3);
      sqlite3_int64 rowid = sqlite3_column_int64 (stmt, 4);
      PathwaysTableKind table;
      PathwaysField field;
      PathwaysColumn *column;
      gboolean ok = TRUE;

      if (table_name == NULL || field_name == NULL || kind_name == NULL)
        {
          set_corrupt (error, loader->display, _("a column has no name"));
          return FALSE;
        }

      if (g_str_equal (table_name, "links"))
        {
          gpointer data = NULL;
          int which;
          guint64 expected;

          if (g_str_equal (field_name, "service_case"))
            which = 0, expected = ds->n_services;
          else if (g_str_equal (field_name, "case_service_start"))
            which = 1, expected = (guint64) ds->n_cases + 1;
          else
            {
              set_corrupt (error, loader->display, _("unknown column “%s”"), field_name);
              return FALSE;
            }
          if (have_links[which] || (guint64) n_rows != expected ||
              !read_array (loader->db, "data", rowid, 4, expected, &data))
            {
              g_free (data);
              set_corrupt (error, loader->display,
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
          continue;
        }

      if (g_str_equal (table_name, "cases"))
        table = PATHWAYS_TABLE_CASES;
      else if (g_str_equal (table_name, "services"))
        table = PATHWAYS_TABLE_SERVICES;
      else
        {
          set_corrupt (error, loader->display, _("unknown table “%s”"), table_name);
          return FALSE;
        }
      if (!pathways_field_from_name (table, field_name, &field) ||
          field == PATHWAYS_FIELD_DATE_OF_BIRTH ||
          ds->columns[field] != NULL)
        {
          set_corrupt (error, loader->display, _("unexpected column “%s”"), field_name);
          return FALSE;
        }
      if (!g_str_equal (kind_name, kind_to_string (pathways_field_get_kind (field))) ||
          n_rows != table_rows (ds, table))
        {
          set_corrupt (error, loader->display, _("column “%s” has the wrong kind or size"),
                       field_name);
          return FALSE;
        }

      column = g_new0 (PathwaysColumn, 1);
      column->field = field;
      column->kind = pathways_field_get_kind (field);
      column->n_rows = (guint) n_rows;
      ds->columns[field] = column;

      switch (column->kind)
        {
        case PATHWAYS_KIND_DATE:
          ok = read_array (loader->db, "data", rowid, 4, n_rows, (gpointer *) &column->days);
          break;
        case PATHWAYS_KIND_INTEGER:
          ok = read_array (loader->db, "data", rowid, 4, n_rows, (gpointer *) &column->ints);
          break;
        case PATHWAYS_KIND_CATEGORY:
          ok = read_array (loader->db, "data", rowid, 2, n_rows, (gpointer *) &column->codes);
          break;
        case PATHWAYS_KIND_KEY:
          ok = read_array (loader->db, "data", rowid, 4, n_rows, (gpointer *) &column->keys);
          if (ok)
            column->key_strings =
              read_key_strings (loader->db, rowid,
                                sqlite3_column_type (stmt, 5) == SQLITE_NULL
                                ? 0 : sqlite3_column_int64 (stmt, 5),
                                sqlite3_column_int64 (stmt, 6));
          ok = ok && column->key_strings != NULL;
          break;
        case PATHWAYS_KIND_MULTI:
          ok = read_array (loader->db, "data", rowid, 1, n_rows,
                           (gpointer *) &column->multi_state) &&
               read_array (loader->db, "offsets", rowid, 4, (guint64) n_rows + 1,
                           (gpointer *) &column->multi_offsets);
          if (ok)
            {
              guint32 n_codes = column->multi_offsets[n_rows];

              ok = read_array (loader->db, "codes", rowid, 2, n_codes,
                               (gpointer *) &column->multi_codes);
              if (ok && n_codes == 0)
                g_clear_pointer (&column->multi_codes, g_free);
            }
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        {
          set_corrupt (error, loader->display, _("column “%s” has the wrong size"), field_name);
          return FALSE;
        }

      if (column->kind == PATHWAYS_KIND_CATEGORY || column->kind == PATHWAYS_KIND_MULTI)
        {
          gpointer key = NULL, dict = NULL;

          if (g_hash_table_steal_extended (loader->dicts, field_name, &key, &dict))
            {
              g_free (key);
              column->dict = dict;
            }
          else
            {
              set_corrupt (error, loader->display, _("column “%s” has no dictionary"),
                           field_name);
              return FALSE;
            }
        }

      if (!validate_column (loader, column,
                            column->key_strings != NULL ? column->key_strings->len - 1 : 0,
                            error))
        return FALSE;
    }
  if (!loader_step_done (loader, rc, error))
    return FALSE;

  if (!have_links[1] || (!have_links[0] && ds->n_services > 0))
    {
      set_corrupt (error, loader->display, _("the links between cases and services are missing"));
      return FALSE;
    }
  if (ds->service_case == NULL)
    ds->service_case = g_new0 (guint32, 1);

  /* Services sorted by case: the services of case i are [start[i], start[i + 1]). */
  if (ds->case_service_start[0] != 0 || ds->case_service_start[ds->n_cases] != ds->n_services)
    {
      set_corrupt (error, loader->display, _("the links between cases and services are broken"));
      return FALSE;
    }
  for (guint j = 0; j < ds->n_services; j++)
    if (ds->service_case[j] >= ds->n_cases)
      {
        set_corrupt (error, loader->display,
                     _("service %u is linked to a case that is out of range"), j + 1);
        return FALSE;
      }
  for (guint i = 0; i < ds->n_cases; i++)
    {
      guint32 from = ds->case_service_start[i];
      guint32 to = ds->case_service_start[i + 1];

      if (to < from || to > ds->n_services)
        {
          set_corrupt (error, loader->display,
                       _("the links between cases and services are broken"));
          return FALSE;
        }
      for (guint32 j = from; j < to; j++)
        if (ds->service_case[j] != i)
          {
            set_corrupt (error, loader->display,
                         _("the links between cases and services are broken"));
            return FALSE;
          }
    }
  return TRUE;
}

PathwaysDataset *
pathways_workspace_load (const char  *path,
                         GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GHashTable) meta = NULL;
  g_autoptr(GHashTable) dicts = NULL;
  g_autoptr(PathwaysDataset) dataset = NULL;
  Loader loader = { 0 };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_basename (path);
  db = open_workspace (path, SQLITE_OPEN_READONLY, display, &meta, error);
  if (db == NULL)
    return NULL;

  dataset = pathways_dataset_new ();
  dicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) pathways_dictionary_free);
  loader.db = db;
  loader.display = display;
  loader.meta = meta;
  loader.dataset = dataset;
  loader.dicts = dicts;

  /* One read transaction: a consistent view even if someone edits the file. */
  ok = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    set_open_error (error, db, sqlite3_errcode (db), display);
  ok = ok &&
       load_meta (&loader, error) &&
       load_small_tables (&loader, error) &&
       load_dictionaries (&loader, error) &&
       load_columns (&loader, error);

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  if (!ok)
    return NULL;
  return g_steal_pointer (&dataset);
}

/* ---- settings ---------------------------------------------------------------------- */

gboolean
pathways_workspace_set_setting (const char  *path,
                                const char  *key,
                                const char  *value,
                                GError     **error)
{
  g_autofree char *display = NULL;
  sqlite3 *db;
  auto_stmt stmt = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_basename (path);
  db = open_workspace (path, SQLITE_OPEN_READWRITE, display, NULL, error);
  if (db == NULL)
    return FALSE;

  /* A rollback journal makes the change atomic; synchronous=FULL makes it durable. */
  if (!exec_sql (db,
                 "PRAGMA journal_mode = DELETE;"
                 "PRAGMA synchronous = FULL;"
                 "BEGIN IMMEDIATE;"
                 "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);",
                 display, error))
    goto fail;

  rc = sqlite3_prepare_v2 (db,
                           value != NULL
                           ? "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)"
                           : "DELETE FROM settings WHERE key = ?1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, PATHWAYS_WORKSPACE_ERROR_IO, db, TRUE, display);
      goto fail;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (!step_write (db, stmt, display, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!exec_sql (db, "COMMIT", display, error))
    goto fail;

  sqlite3_close (db);
  return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return FALSE;
}

char *
pathways_workspace_get_setting (const char  *path,
                                const char  *key,
                                GError     **error)
{
  g_autofree char *display = NULL;
  char *value = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_basename (path);
  db = open_workspace (path, SQLITE_OPEN_READONLY, display, NULL, error);
  if (db == NULL)
    return NULL;

  rc = sqlite3_prepare_v2 (db, "SELECT value FROM settings WHERE key = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          if (!column_text (stmt, 0, TRUE, &value))
            set_corrupt (error, display, _("the setting “%s” is not valid text"), key);
        }
      else if (rc != SQLITE_DONE)
        set_open_error (error, db, rc, display);
    }
  else if ((rc & 0xff) != SQLITE_ERROR)  /* a workspace without settings has none */
    set_open_error (error, db, rc, display);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
