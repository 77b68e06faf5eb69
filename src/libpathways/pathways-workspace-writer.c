/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace-writer.c: saving a dataset as a *.pathways file.
 *
 * The file is one SQLite database (docs/workspace-format.md). Two copies of the data
 * live in it: normalised tables (cases, services, case_values, dictionary, views) for
 * people and SQL tools, and column_data, the in-memory column arrays as little-endian
 * blobs, which is what opening reads. A new file is written next to the destination
 * in one transaction, with its checksums, then renamed into place: a crash, a full
 * disk or a cancellation leaves the previous file as it was.
 */
#define G_LOG_DOMAIN "pathways-workspace"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "pathways-i18n.h"
#include <glib/gstdio.h>

#include "pathways-version.h"
#include "pathways-workspace-private.h"

/* GDate day 1 (0001-01-01) is SQLite julianday 1721425.5. */
#define SQL_JULIAN_OFFSET "1721424.5"

typedef struct {
  sqlite3                *db;
  PathwaysDataset        *dataset;
  const WorkspaceContext *context;
  WorkspaceSeal           seal;   /* the data checksum, as the data is written */
} Writer;

/* ---- statements -------------------------------------------------------------------- */

static gboolean
exec_sql (Writer      *w,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (w->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, w->context, w->db, rc);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare_write (Writer      *w,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (w->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, w->context, w->db, rc);
      return NULL;
    }
  return stmt;
}

/* Steps a write statement to completion and resets it for the next row. */
static gboolean
step_write (Writer       *w,
            sqlite3_stmt *stmt,
            GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      workspace_set_sqlite_error (error, w->context, w->db, rc);
      return FALSE;
    }
  return TRUE;
}

/* Binds N elements of ELEM_SIZE bytes as a little-endian blob, and seals them as
 * stored. */
static int
bind_array (Writer        *w,
            sqlite3_stmt  *stmt,
            int            index,
            gconstpointer  data,
            gsize          elem_size,
            guint64        n)
{
  if (n == 0 || data == NULL)
    {
      workspace_seal_blob (&w->seal, NULL, 0);
      return sqlite3_bind_zeroblob (stmt, index, 0);
    }
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  workspace_seal_blob (&w->seal, data, n * elem_size);
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
    workspace_seal_blob (&w->seal, copy, n * elem_size);
    return sqlite3_bind_blob64 (stmt, index, copy, n * elem_size, g_free);
  }
#endif
}

/* ---- checks -------------------------------------------------------------------------- */

static gboolean
check_dataset (PathwaysDataset *dataset,
               GError         **error)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *column = dataset->columns[f];

      if (!workspace_field_is_stored (dataset, f))
        continue;
      if (column->n_rows != workspace_table_rows (dataset, pathways_field_get_table (f)) ||
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

/* ---- meta and the small tables ------------------------------------------------------- */

static gboolean
write_meta (Writer  *w,
            GError **error)
{
  PathwaysDataset *dataset = w->dataset;
  auto_stmt stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *snapshot = pathways_day_to_iso (dataset->snapshot_day);
  g_autofree char *schema = g_strdup_printf ("%d", PATHWAYS_WORKSPACE_SCHEMA_VERSION);
  g_autofree char *n_cases = g_strdup_printf ("%u", dataset->n_cases);
  g_autofree char *n_services = g_strdup_printf ("%u", dataset->n_services);
  g_autofree char *secret = workspace_secret_to_hex (dataset->secret);
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
    /* spec/disclosure.md, method 1: in meta, so the checksum covers it */
    { WORKSPACE_SECRET_KEY, secret },
    { WORKSPACE_CHECKSUM_KEY, WORKSPACE_CHECKSUM_ALGORITHM },
  };

  stmt = prepare_write (w, "INSERT INTO meta (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      if (entries[i][1] == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, entries[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, entries[i][1], -1, SQLITE_STATIC);
      if (!step_write (w, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_sources (Writer  *w,
               GError **error)
{
  GPtrArray *sources = w->dataset->sources;
  auto_stmt stmt = NULL;

  stmt = prepare_write (w,
                        "INSERT INTO sources (position, name, role, format, size, sha256) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    {
      PathwaysSource *source = g_ptr_array_index (sources, i);

      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, source->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, source->role, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, source->format, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, source->size);
      sqlite3_bind_text (stmt, 6, source->sha256, -1, SQLITE_STATIC);
      if (!step_write (w, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The source column that holds the date of birth, if the mapping names one. */
static const char *
date_of_birth_column (PathwaysDataset *dataset)
{
  if (dataset->mapping == NULL)
    return NULL;
  return pathways_mapping_get_column (dataset->mapping, PATHWAYS_FIELD_DATE_OF_BIRTH);
}

/* A finding's message without its value: "“VALUE” " taken out, which is what the
 * import writes for a finding without a value; when the value still shows (another
 * language's quotes), a sentence of our own. */
static char *
message_without_value (const PathwaysFinding *finding)
{
  g_autofree char *quoted = NULL;
  g_autofree char *row = NULL;
  g_autoptr(GString) message = NULL;

  if (finding->message == NULL || finding->value == NULL || finding->value[0] == '\0')
    return g_strdup (finding->message);

  quoted = g_strdup_printf ("“%s” ", finding->value);
  message = g_string_new (finding->message);
  g_string_replace (message, quoted, "", 0);
  if (strstr (message->str, finding->value) == NULL)
    return g_string_free (g_steal_pointer (&message), FALSE);

  row = g_strdup_printf ("%" G_GUINT64_FORMAT, finding->row);
  return g_strdup_printf (_("%s: row %s, column “%s”: a date of birth that could not be used "
                            "(its text is not kept)"),
                          finding->file != NULL ? finding->file : "", row,
                          finding->column != NULL ? finding->column : "");
}

/* The findings in order. The raw text of a date of birth is never stored, even a
 * malformed one (spec/disclosure.md): findings about its column keep their row and
 * column but lose the value, in the value field and in the message. */
static gboolean
write_findings (Writer  *w,
                GError **error)
{
  GPtrArray *findings = w->dataset->findings;
  const char *dob = date_of_birth_column (w->dataset);
  auto_stmt stmt = NULL;

  stmt = prepare_write (w,
                        "INSERT INTO findings (position, kind, severity, file, row, "
                        "column_name, value, message, case_id) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < findings->len; i++)
    {
      PathwaysFinding *finding = g_ptr_array_index (findings, i);
      gboolean about_dob = dob != NULL && g_strcmp0 (finding->column, dob) == 0;
      g_autofree char *message = about_dob ? message_without_value (finding) : NULL;

      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, finding->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, workspace_severity_to_string (finding->severity), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, finding->file, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, (sqlite3_int64) MIN (finding->row, (guint64) G_MAXINT64));
      sqlite3_bind_text (stmt, 6, finding->column, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, about_dob ? NULL : finding->value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, about_dob ? message : finding->message, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, finding->case_id, -1, SQLITE_STATIC);
      if (!step_write (w, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_finding_summary (Writer  *w,
                       GError **error)
{
  GPtrArray *summaries = w->dataset->finding_summary;
  auto_stmt stmt = NULL;

  stmt = prepare_write (w,
                        "INSERT INTO finding_summary (position, kind, severity, count) "
                        "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < summaries->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (summaries, i);

      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, s->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, workspace_severity_to_string (s->severity), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) MIN (s->count, (guint64) G_MAXINT64));
      if (!step_write (w, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_mapping (Writer  *w,
               GError **error)
{
  g_autofree char *json = NULL;
  auto_stmt stmt = NULL;

  if (w->dataset->mapping == NULL)
    return TRUE;
  json = pathways_mapping_to_data (w->dataset->mapping);
  stmt = prepare_write (w, "INSERT INTO mapping (json) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json != NULL ? json : "", -1, SQLITE_STATIC);
  return step_write (w, stmt, error);
}

static gboolean
write_dictionaries (Writer  *w,
                    GError **error)
{
  PathwaysDataset *dataset = w->dataset;
  auto_stmt stmt = NULL;

  stmt = prepare_write (w, "INSERT INTO dictionary (field, code, value) VALUES (?1, ?2, ?3)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *column = dataset->columns[f];

      if (!workspace_field_is_stored (dataset, f) || column->dict == NULL)
        continue;
      for (guint code = 0; code < column->dict->values->len; code++)
        {
          sqlite3_bind_text (stmt, 1, pathways_field_get_name (f), -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, (int) code);
          sqlite3_bind_text (stmt, 3, g_ptr_array_index (column->dict->values, code), -1,
                             SQLITE_STATIC);
          if (!step_write (w, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- column_data ------------------------------------------------------------------- */

/* One row of column_data: a field's column, or one of the two link arrays. */
typedef struct {
  const char    *table_name;   /* "cases", "services" or "links" */
  const char    *field_name;
  PathwaysField  field;        /* cases and services */
  const guint32 *link;         /* links */
  guint64        n_link;
} ColumnRow;

static int
compare_column_rows (gconstpointer a,
                     gconstpointer b)
{
  const ColumnRow *ra = a, *rb = b;
  int c = strcmp (ra->table_name, rb->table_name);

  return c != 0 ? c : strcmp (ra->field_name, rb->field_name);
}

/* The rows of column_data, in the order of its primary key (table_name, field): the
 * order opening reads them, and so the order of the checksum. */
static guint
list_column_rows (PathwaysDataset *dataset,
                  ColumnRow        rows[PATHWAYS_N_FIELDS + 2])
{
  guint n = 0;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (workspace_field_is_stored (dataset, f))
      rows[n++] = (ColumnRow) {
        workspace_tables[pathways_field_get_table (f)].name, pathways_field_get_name (f), f,
      };
  rows[n++] = (ColumnRow) { "links", "service_case", 0,
                            dataset->service_case, dataset->n_services };
  rows[n++] = (ColumnRow) { "links", "case_service_start", 0,
                            dataset->case_service_start, (guint64) dataset->n_cases + 1 };
  qsort (rows, n, sizeof (ColumnRow), compare_column_rows);
  return n;
}

/* The concatenated strings of a key column, each followed by a NUL byte. */
static GByteArray *
key_strings_blob (PathwaysColumn *column)
{
  GByteArray *strings = g_byte_array_new ();

  for (guint k = 1; k < column->key_strings->len; k++)
    {
      const char *s = g_ptr_array_index (column->key_strings, k);

      if (s == NULL)
        s = "";
      g_byte_array_append (strings, (const guint8 *) s, strlen (s) + 1);
    }
  return strings;
}

/* Binds the blobs of a field's column (and seals them, in the order opening reads
 * them). STRINGS keeps a key column's strings alive until the row is written. */
static int
bind_column_blobs (Writer          *w,
                   sqlite3_stmt    *stmt,
                   PathwaysColumn  *column,
                   GByteArray     **strings)
{
  int rc;

  switch (column->kind)
    {
    case PATHWAYS_KIND_DATE:
      return bind_array (w, stmt, 5, column->days, 4, column->n_rows);
    case PATHWAYS_KIND_INTEGER:
      return bind_array (w, stmt, 5, column->ints, 4, column->n_rows);
    case PATHWAYS_KIND_CATEGORY:
      return bind_array (w, stmt, 5, column->codes, 2, column->n_rows);
    case PATHWAYS_KIND_KEY:
      rc = bind_array (w, stmt, 5, column->keys, 4, column->n_rows);
      *strings = key_strings_blob (column);
      sqlite3_bind_int64 (stmt, 9, column->key_strings->len - 1);
      workspace_seal_int (&w->seal, column->key_strings->len - 1);
      if (rc == SQLITE_OK)
        rc = bind_array (w, stmt, 8, (*strings)->data, 1, (*strings)->len);
      return rc;
    case PATHWAYS_KIND_MULTI:
      rc = bind_array (w, stmt, 5, column->multi_state, 1, column->n_rows);
      if (rc == SQLITE_OK)
        rc = bind_array (w, stmt, 6, column->multi_offsets, 4, (guint64) column->n_rows + 1);
      if (rc == SQLITE_OK)
        rc = bind_array (w, stmt, 7, column->multi_codes, 2,
                         column->multi_offsets[column->n_rows]);
      return rc;
    default:
      g_assert_not_reached ();
    }
  return SQLITE_MISUSE;
}

static gboolean
write_column_row (Writer          *w,
                  sqlite3_stmt    *stmt,
                  const ColumnRow *row,
                  GError         **error)
{
  PathwaysColumn *column = g_str_equal (row->table_name, "links")
                           ? NULL : w->dataset->columns[row->field];
  g_autoptr(GByteArray) strings = NULL;
  const char *kind = column != NULL ? workspace_kind_to_string (column->kind) : "link";
  guint64 n_rows = column != NULL ? column->n_rows : row->n_link;
  int rc;

  sqlite3_bind_text (stmt, 1, row->table_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->field_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) n_rows);
  workspace_seal_row (&w->seal);
  workspace_seal_text (&w->seal, row->table_name);
  workspace_seal_text (&w->seal, row->field_name);
  workspace_seal_text (&w->seal, kind);
  workspace_seal_int (&w->seal, (gint64) n_rows);

  if (column != NULL)
    rc = bind_column_blobs (w, stmt, column, &strings);
  else
    rc = bind_array (w, stmt, 5, row->link, 4, row->n_link);
  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, w->context, w->db, rc);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  return step_write (w, stmt, error);
}

/* column_data, sealed as it is written, then the checksums of data and settings. */
static gboolean
write_column_data (Writer  *w,
                   GError **error)
{
  ColumnRow rows[PATHWAYS_N_FIELDS + 2];
  guint n_rows = list_column_rows (w->dataset, rows);
  g_autofree char *hex = NULL;
  auto_stmt stmt = NULL;
  auto_stmt seal = NULL;
  int rc;

  stmt = prepare_write (w,
                        "INSERT INTO column_data (table_name, field, kind, n_rows, data, "
                        "offsets, codes, strings, n_strings) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  workspace_seal_section (&w->seal, "column_data");
  for (guint i = 0; i < n_rows; i++)
    if (!write_column_row (w, stmt, &rows[i], error))
      return FALSE;
  if ((rc = workspace_seal_outcomes (w->db, &w->seal)) != SQLITE_OK ||
      (rc = workspace_seal_appointments (w->db, &w->seal)) != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, w->context, w->db, rc);
      return FALSE;
    }

  hex = workspace_seal_finish (&w->seal);
  seal = prepare_write (w, "INSERT INTO checksums (scope, sha256) VALUES ('data', ?1)", error);
  if (seal == NULL)
    return FALSE;
  sqlite3_bind_text (seal, 1, hex, -1, SQLITE_STATIC);
  return step_write (w, seal, error) &&
         workspace_store_settings_seal (w->db, w->context, error);
}

/* ---- the normalised tables ----------------------------------------------------------- */

/* The SQL of a normalised table: its CREATE TABLE, INSERT and CREATE VIEW. */
typedef struct {
  GString *create;
  GString *insert;
  GString *placeholders;
  GString *view;
  GString *joins;
} TableSql;

static void
table_sql_clear (TableSql *sql)
{
  g_string_free (sql->create, TRUE);
  g_string_free (sql->insert, TRUE);
  g_string_free (sql->placeholders, TRUE);
  g_string_free (sql->view, TRUE);
  g_string_free (sql->joins, TRUE);
}

/* The first statement parameter of the fields (after the row index, and for services
 * the case index). */
static int
first_field_param (const WorkspaceTableInfo *info)
{
  return info->table == PATHWAYS_TABLE_SERVICES ? 3 : 2;
}

/* A field's column in the table and its text in the view. */
static void
append_field_sql (TableSql                 *sql,
                  const WorkspaceTableInfo *info,
                  PathwaysField             field)
{
  const char *name = pathways_field_get_name (field);
  const char *alias = info->table == PATHWAYS_TABLE_CASES ? "c" : "s";

  switch (pathways_field_get_kind (field))
    {
    case PATHWAYS_KIND_DATE:
      g_string_append_printf (sql->create, ", \"%s\" INTEGER", name);
      g_string_append_printf (sql->view,
                              ", CASE WHEN %s.\"%s\" = %d THEN 'invalid' "
                              "ELSE date (%s.\"%s\" + " SQL_JULIAN_OFFSET ") END AS \"%s\"",
                              alias, name, STORED_DAY_INVALID, alias, name, name);
      break;
    case PATHWAYS_KIND_INTEGER:
    case PATHWAYS_KIND_KEY:
      g_string_append_printf (sql->create, ", \"%s\" %s", name,
                              pathways_field_get_kind (field) == PATHWAYS_KIND_KEY
                              ? "TEXT" : "INTEGER");
      g_string_append_printf (sql->view, ", %s.\"%s\" AS \"%s\"", alias, name, name);
      break;
    case PATHWAYS_KIND_CATEGORY:
      g_string_append_printf (sql->create, ", \"%s\" INTEGER", name);
      g_string_append_printf (sql->view, ", \"d_%s\".value AS \"%s\"", name, name);
      g_string_append_printf (sql->joins,
                              " LEFT JOIN dictionary AS \"d_%s\" ON \"d_%s\".field = '%s' "
                              "AND \"d_%s\".code = %s.\"%s\"",
                              name, name, name, name, alias, name);
      break;
    case PATHWAYS_KIND_MULTI:
      g_string_append_printf (sql->create, ", \"%s\" INTEGER", name);
      g_string_append_printf (sql->view,
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

static void
build_table_sql (TableSql                 *sql,
                 const WorkspaceTableInfo *info,
                 const PathwaysField      *fields,
                 guint                     n_fields)
{
  const char *alias = info->table == PATHWAYS_TABLE_CASES ? "c" : "s";

  sql->create = g_string_new (NULL);
  sql->insert = g_string_new (NULL);
  sql->placeholders = g_string_new ("?1");
  sql->view = g_string_new (NULL);
  sql->joins = g_string_new (NULL);

  g_string_append_printf (sql->create, "CREATE TABLE %s (%s INTEGER PRIMARY KEY",
                          info->name, info->index_column);
  g_string_append_printf (sql->insert, "INSERT INTO %s (%s", info->name, info->index_column);
  g_string_append_printf (sql->view, "CREATE VIEW %s_v AS SELECT %s.%s AS %s",
                          info->name, alias, info->index_column, info->index_column);
  if (info->table == PATHWAYS_TABLE_SERVICES)
    {
      g_string_append (sql->create,
                       ", case_index INTEGER NOT NULL REFERENCES cases (case_index)");
      g_string_append (sql->insert, ", case_index");
      g_string_append (sql->placeholders, ", ?2");
      g_string_append_printf (sql->view, ", %s.case_index AS case_index", alias);
    }

  for (guint i = 0; i < n_fields; i++)
    {
      g_string_append_printf (sql->insert, ", \"%s\"", pathways_field_get_name (fields[i]));
      g_string_append_printf (sql->placeholders, ", ?%d", (int) i + first_field_param (info));
      append_field_sql (sql, info, fields[i]);
    }

  g_string_append (sql->create, ")");
  g_string_append_printf (sql->insert, ") VALUES (%s)", sql->placeholders->str);
  g_string_append_printf (sql->view, " FROM %s AS %s%s", info->name, alias, sql->joins->str);
}

/* Binds ROW's value of COLUMN to PARAM of STMT; a multi-category cell's values go to
 * VALUES, the table of multi-category values, right away. */
static gboolean
bind_cell (Writer          *w,
           sqlite3_stmt    *stmt,
           sqlite3_stmt    *values,
           PathwaysColumn  *column,
           guint            row,
           int              param,
           GError         **error)
{
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
          if (!step_write (w, values, error))
            return FALSE;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
insert_rows (Writer                   *w,
             const WorkspaceTableInfo *info,
             const PathwaysField      *fields,
             guint                     n_fields,
             sqlite3_stmt             *stmt,
             sqlite3_stmt             *values,
             GError                  **error)
{
  guint n_rows = workspace_table_rows (w->dataset, info->table);

  for (guint row = 0; row < n_rows; row++)
    {
      sqlite3_bind_int64 (stmt, 1, row);
      if (info->table == PATHWAYS_TABLE_SERVICES)
        sqlite3_bind_int64 (stmt, 2, w->dataset->service_case[row]);

      for (guint i = 0; i < n_fields; i++)
        if (!bind_cell (w, stmt, values, w->dataset->columns[fields[i]], row,
                        (int) i + first_field_param (info), error))
          return FALSE;
      if (!step_write (w, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The normalised table of INFO (cases or services), its multi-value table, its view
 * and indexes. */
static gboolean
write_rows (Writer                   *w,
            const WorkspaceTableInfo *info,
            GError                  **error)
{
  TableSql sql;
  g_autofree char *values_create = NULL;
  g_autofree char *values_insert = NULL;
  auto_stmt stmt = NULL;
  auto_stmt values = NULL;
  PathwaysField fields[PATHWAYS_N_FIELDS];
  guint n_fields = 0;
  gboolean ok;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (pathways_field_get_table (f) == info->table && workspace_field_is_stored (w->dataset, f))
      fields[n_fields++] = f;

  build_table_sql (&sql, info, fields, n_fields);
  /* Without a rowid, ordered by its key: the rows arrive in that order (codes sorted
   * within a cell, no value twice), and the table is its own index. A table with a
   * rowid and an index on (row, field) cost twice the space and most of the time of
   * writing a million cases. */
  values_create = g_strdup_printf ("CREATE TABLE %s (%s INTEGER NOT NULL, "
                                   "field TEXT NOT NULL, code INTEGER NOT NULL, "
                                   "PRIMARY KEY (%s, field, code)) WITHOUT ROWID",
                                   info->values_table, info->index_column, info->index_column);
  values_insert = g_strdup_printf ("INSERT INTO %s (%s, field, code) VALUES (?1, ?2, ?3)",
                                   info->values_table, info->index_column);

  ok = exec_sql (w, sql.create->str, error) &&
       exec_sql (w, values_create, error) &&
       exec_sql (w, sql.view->str, error) &&
       (stmt = prepare_write (w, sql.insert->str, error)) != NULL &&
       (values = prepare_write (w, values_insert, error)) != NULL &&
       insert_rows (w, info, fields, n_fields, stmt, values, error) &&
       (info->table != PATHWAYS_TABLE_SERVICES ||
        exec_sql (w, "CREATE INDEX services_by_case ON services (case_index)", error));
  table_sql_clear (&sql);
  return ok;
}

/* ---- the whole file ------------------------------------------------------------------ */

/* A key and its value (NULL or text). */
typedef struct {
  char *key;
  char *value;
} Setting;

static void
setting_free (Setting *setting)
{
  g_free (setting->key);
  g_free (setting->value);
  g_free (setting);
}

/* Saving over a workspace is the same workspace: its secret for record keys is kept
 * (the dataset takes it), so a re-import of a newer export cannot be differenced
 * against the outputs made before (spec/disclosure.md, method 1). A damaged or missing
 * one is not kept. */
static void
adopt_previous_secret (PathwaysDataset *dataset,
                       const char      *path)
{
  g_autofree char *display = g_filename_display_basename (path);
  WorkspaceContext context = { WORKSPACE_OPENING, display };
  g_autoptr(GHashTable) meta = NULL;
  g_autoptr(GError) error = NULL;
  WorkspaceSeals seals = { 0 };
  guint8 secret[PATHWAYS_DATASET_SECRET_SIZE];
  const char *hex = NULL;
  sqlite3 *db;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;
  db = workspace_open (path, SQLITE_OPEN_READONLY, &context, &meta, NULL, &error);
  if (db != NULL && workspace_read_seals (db, meta, &context, &seals, &error))
    hex = g_hash_table_lookup (meta, WORKSPACE_SECRET_KEY);
  if (hex != NULL && workspace_secret_from_hex (hex, secret) &&
      memcmp (secret, dataset->secret, PATHWAYS_DATASET_SECRET_SIZE) != 0)
    pathways_dataset_set_secret (dataset, secret);
  if (error != NULL)
    g_debug ("Secret of the previous workspace not kept: %s", error->message);
  workspace_seals_clear (&seals);
  sqlite3_close (db);
}

/* The settings (saved views, report options) of the workspace being replaced, if it is
 * one and they match their checksum: they belong to the file and survive saving it
 * again. Damaged settings are not carried into the new file and sealed as good. */
static GPtrArray *
read_previous_settings (const char *path)
{
  g_autofree char *display = g_filename_display_basename (path);
  WorkspaceContext context = { WORKSPACE_OPENING, display };
  GPtrArray *settings = g_ptr_array_new_with_free_func ((GDestroyNotify) setting_free);
  g_autoptr(GHashTable) meta = NULL;
  g_autoptr(GHashTable) previous = NULL;
  g_autoptr(GError) error = NULL;
  WorkspaceSeals seals = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *db;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return settings;
  db = workspace_open (path, SQLITE_OPEN_READONLY, &context, &meta, NULL, &error);
  if (db != NULL && workspace_read_seals (db, meta, &context, &seals, &error))
    previous = workspace_read_settings (db, &seals, &context, &error);
  if (error != NULL)
    g_debug ("Settings of the previous workspace not kept: %s", error->message);
  workspace_seals_clear (&seals);
  sqlite3_close (db);
  if (previous == NULL)
    return settings;

  g_hash_table_iter_init (&iter, previous);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (value != workspace_invalid_setting)
      {
        Setting *setting = g_new0 (Setting, 1);

        setting->key = g_strdup (key);
        setting->value = g_strdup (value);
        g_ptr_array_add (settings, setting);
      }
  return settings;
}

static gboolean
write_settings (Writer     *w,
                GPtrArray  *settings,
                GError    **error)
{
  auto_stmt stmt = prepare_write (w, "INSERT INTO settings (key, value) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < settings->len; i++)
    {
      Setting *setting = g_ptr_array_index (settings, i);

      sqlite3_bind_text (stmt, 1, setting->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, setting->value, -1, SQLITE_STATIC);
      if (!step_write (w, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static const char create_tables_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE checksums (scope TEXT PRIMARY KEY, sha256 TEXT NOT NULL);"
  "CREATE TABLE sources (position INTEGER PRIMARY KEY, name TEXT, role TEXT, "
  "  format TEXT, size INTEGER, sha256 TEXT);"
  "CREATE TABLE mapping (json TEXT NOT NULL);"
  "CREATE TABLE findings (position INTEGER PRIMARY KEY, kind TEXT NOT NULL, "
  "  severity TEXT NOT NULL, file TEXT, row INTEGER, column_name TEXT, "
  "  value TEXT, message TEXT, case_id TEXT);"
  "CREATE TABLE finding_summary (position INTEGER PRIMARY KEY, "
  "  kind TEXT NOT NULL, severity TEXT NOT NULL, count INTEGER NOT NULL);"
  "CREATE TABLE dictionary (field TEXT NOT NULL, code INTEGER NOT NULL, "
  "  value TEXT NOT NULL, PRIMARY KEY (field, code)) WITHOUT ROWID;"
  "CREATE TABLE column_data (table_name TEXT NOT NULL, field TEXT NOT NULL, "
  "  kind TEXT NOT NULL, n_rows INTEGER NOT NULL, data BLOB, offsets BLOB, "
  "  codes BLOB, strings BLOB, n_strings INTEGER, "
  "  PRIMARY KEY (table_name, field));";

/* The metadata written, then read back into the data checksum. */
static gboolean
write_metadata (Writer  *w,
                GError **error)
{
  int rc;

  if (!write_meta (w, error) ||
      !write_sources (w, error) ||
      !write_findings (w, error) ||
      !write_finding_summary (w, error) ||
      !write_mapping (w, error) ||
      !write_dictionaries (w, error) ||
      !workspace_write_outcomes (w->db, w->context, w->dataset, error) ||
      !workspace_write_appointments (w->db, w->context, w->dataset, error))
    return FALSE;

  workspace_seal_init (&w->seal, WORKSPACE_DATA_SEAL_SCOPE);
  rc = workspace_seal_metadata (w->db, &w->seal);
  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, w->context, w->db, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_workspace (Writer     *w,
                 GPtrArray  *previous_settings,
                 GError    **error)
{
  g_autofree char *pragmas = NULL;

  pragmas = g_strdup_printf ("PRAGMA page_size = 65536;"
                             "PRAGMA journal_mode = OFF;"
                             "PRAGMA synchronous = OFF;"
                             "PRAGMA cache_size = -65536;"
                             "PRAGMA application_id = %d;"
                             "PRAGMA user_version = %d;",
                             WORKSPACE_APPLICATION_ID, PATHWAYS_WORKSPACE_SCHEMA_VERSION);

  if (!exec_sql (w, pragmas, error) ||
      !exec_sql (w, "BEGIN", error) ||
      !exec_sql (w, create_tables_sql, error) ||
      !write_settings (w, previous_settings, error) ||
      !write_metadata (w, error) ||
      !workspace_check_cancelled (w->context, error) ||
      !write_column_data (w, error))
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (workspace_tables); t++)
    if (!workspace_check_cancelled (w->context, error) ||
        !write_rows (w, &workspace_tables[t], error))
      return FALSE;

  return workspace_check_cancelled (w->context, error) && exec_sql (w, "COMMIT", error);
}

static gboolean
fsync_path (const char              *path,
            gboolean                 directory,
            const WorkspaceContext  *context,
            GError                 **error)
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
  workspace_set_errno_error (error, context, saved_errno);
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

/* Writes the temporary file TMP_PATH, closes it and makes it durable. */
static gboolean
write_temporary (PathwaysDataset         *dataset,
                 const char              *tmp_path,
                 GPtrArray               *previous_settings,
                 const WorkspaceContext  *context,
                 GError                 **error)
{
  Writer w = { NULL, dataset, context };
  /* Only this thread ever uses the connection to the temporary file: without SQLite's
   * per-connection mutex, the millions of bind/step/reset calls of a 1 M-case save
   * cost about an eighth less CPU (docs/performance.md, issue 19). */
  int rc = sqlite3_open_v2 (tmp_path, &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                            NULL);

  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, w.db, rc);
      sqlite3_close (w.db);
      return FALSE;
    }
  sqlite3_extended_result_codes (w.db, 1);
  workspace_watch_cancellable (w.db, context);

  if (!write_workspace (&w, previous_settings, error))
    {
      sqlite3_close (w.db);
      return FALSE;
    }
  rc = sqlite3_close (w.db);
  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, NULL, rc);
      return FALSE;
    }
  return fsync_path (tmp_path, FALSE, context, error);
}

gboolean
workspace_save_cancellable (PathwaysDataset  *dataset,
                            const char       *path,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GPtrArray) previous_settings = NULL;
  WorkspaceContext context = { WORKSPACE_SAVING };
  int fd;

  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_basename (path);
  context.display = display;
  context.cancellable = cancellable;
  context.previous_exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!workspace_check_cancelled (&context, error) || !check_dataset (dataset, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  remove_stale_temporaries (dir, path);
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      workspace_set_errno_error (error, &context, errno);
      return FALSE;
    }
  /* held until this function returns (the descriptor stays open): marks the
   * temporary file as in use for remove_stale_temporaries() */
  flock (fd, LOCK_EX | LOCK_NB);

  previous_settings = read_previous_settings (path);
  adopt_previous_secret (dataset, path);
  if (!write_temporary (dataset, tmp_path, previous_settings, &context, error) ||
      !workspace_check_cancelled (&context, error))
    goto out;

  if (g_rename (tmp_path, path) != 0)
    {
      workspace_set_errno_error (error, &context, errno);
      goto out;
    }

  /* The file is in place; make the rename itself durable. */
  close (fd);
  context.previous_exists = FALSE;
  return fsync_path (dir, TRUE, &context, error);

out:
  g_unlink (tmp_path);
  close (fd);
  return FALSE;
}
