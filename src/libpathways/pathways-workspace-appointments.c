/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace-appointments.c: the appointments table in a workspace.
 *
 * Two tables, present only when the dataset has appointments (a workspace without them
 * reads as before): appointment_service_types (position, value; position 0 is Not
 * recorded and is not stored) and appointments (position, case_index, day, status,
 * kind, service_type), with the source file's name in meta as "appointments_file".
 * Both are covered by the data checksum, after the outcomes, in the order of
 * WORKSPACE_SQL_APPOINTMENT_*.
 */
#define G_LOG_DOMAIN "pathways-workspace"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-appointments.h"
#include "pathways-workspace-private.h"

#define WORKSPACE_SQL_APPOINTMENT_TYPES \
  "SELECT value FROM appointment_service_types ORDER BY position"
#define WORKSPACE_SQL_APPOINTMENTS \
  "SELECT case_index, day, status, kind, service_type FROM appointments ORDER BY position"

static const char create_sql[] =
  "CREATE TABLE appointment_service_types (position INTEGER PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE appointments (position INTEGER PRIMARY KEY, case_index INTEGER NOT NULL, "
  "  day INTEGER, status INTEGER NOT NULL, kind INTEGER NOT NULL, "
  "  service_type INTEGER NOT NULL);";

static gboolean
step (sqlite3                *db,
      sqlite3_stmt           *stmt,
      const WorkspaceContext *context,
      GError                **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
workspace_write_appointments (sqlite3                *db,
                              const WorkspaceContext *context,
                              PathwaysDataset        *dataset,
                              GError                **error)
{
  PathwaysAppointmentTable *t = dataset->appointments;
  auto_stmt types = NULL;
  auto_stmt rows = NULL;
  auto_stmt meta = NULL;
  int rc;

  if (t == NULL)
    return TRUE;
  rc = sqlite3_exec (db, create_sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO appointment_service_types VALUES (?1, ?2)", -1, &types, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO appointments VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &rows, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO meta (key, value) VALUES ('appointments_file', ?1)", -1, &meta, NULL);
  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  for (guint code = 1; code < pathways_dictionary_get_size (t->service_types); code++)
    {
      sqlite3_bind_int64 (types, 1, code);
      sqlite3_bind_text (types, 2, pathways_dictionary_get (t->service_types, code), -1, SQLITE_STATIC);
      if (!step (db, types, context, error))
        return FALSE;
    }
  for (guint i = 0; i < t->n_rows; i++)
    {
      sqlite3_bind_int64 (rows, 1, i);
      sqlite3_bind_int64 (rows, 2, t->case_index[i]);
      if (PATHWAYS_DAY_IS_VALID (t->day[i]))
        sqlite3_bind_int64 (rows, 3, t->day[i]);
      else
        sqlite3_bind_null (rows, 3);
      sqlite3_bind_int64 (rows, 4, t->status[i]);
      sqlite3_bind_int64 (rows, 5, t->kind[i]);
      sqlite3_bind_int64 (rows, 6, t->service_type[i]);
      if (!step (db, rows, context, error))
        return FALSE;
    }
  sqlite3_bind_text (meta, 1, t->file, -1, SQLITE_STATIC);
  return step (db, meta, context, error);
}

static gboolean
has_appointments (sqlite3 *db)
{
  auto_stmt stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                              "name = 'appointments'", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  return sqlite3_step (stmt) == SQLITE_ROW;
}

int
workspace_seal_appointments (sqlite3       *db,
                             WorkspaceSeal *seal)
{
  static const char * const queries[] = { WORKSPACE_SQL_APPOINTMENT_TYPES, WORKSPACE_SQL_APPOINTMENTS };
  static const char * const sections[] = { "appointment_service_types", "appointments" };

  if (!has_appointments (db))
    return SQLITE_OK;
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      auto_stmt stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL);

      if (rc != SQLITE_OK)
        return rc;
      workspace_seal_section (seal, sections[q]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        workspace_seal_stmt_row (seal, stmt);
      if (rc != SQLITE_DONE)
        return rc;
    }
  return SQLITE_OK;
}

static gboolean
load_types (sqlite3                  *db,
            WorkspaceSeal            *seal,
            PathwaysAppointmentTable *t)
{
  auto_stmt stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, WORKSPACE_SQL_APPOINTMENT_TYPES, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (seal != NULL)
    workspace_seal_section (seal, "appointment_service_types");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);
      guint before = pathways_dictionary_get_size (t->service_types);

      if (seal != NULL)
        workspace_seal_stmt_row (seal, stmt);
      /* each value once, in order: a repeated or missing one is not a table Pathways wrote */
      if (value == NULL || pathways_dictionary_intern (t->service_types, value) != before)
        return FALSE;
    }
  return rc == SQLITE_DONE;
}

static gboolean
load_rows (sqlite3                  *db,
           WorkspaceSeal            *seal,
           PathwaysDataset          *dataset,
           PathwaysAppointmentTable *t)
{
  auto_stmt stmt = NULL;
  guint n = 0, cap = 0;
  guint n_types = pathways_dictionary_get_size (t->service_types);
  int rc;

  if (sqlite3_prepare_v2 (db, WORKSPACE_SQL_APPOINTMENTS, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (seal != NULL)
    workspace_seal_section (seal, "appointments");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 c = sqlite3_column_int64 (stmt, 0);
      gboolean dated = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      gint64 day = sqlite3_column_int64 (stmt, 1);
      gint64 status = sqlite3_column_int64 (stmt, 2);
      gint64 kind = sqlite3_column_int64 (stmt, 3);
      gint64 type = sqlite3_column_int64 (stmt, 4);

      if (seal != NULL)
        workspace_seal_stmt_row (seal, stmt);
      if (c < 0 || c >= dataset->n_cases || (dated && (day < 1 || day > MAX_VALID_DAY)) ||
          status < 0 || status >= PATHWAYS_N_APPOINTMENT_STATUSES ||
          kind < 0 || kind >= PATHWAYS_N_APPOINTMENT_KINDS || type < 0 || type >= n_types)
        return FALSE;
      if (n == cap)
        {
          cap = MAX (cap * 2, 64);
          t->case_index = g_renew (guint32, t->case_index, cap);
          t->day = g_renew (gint32, t->day, cap);
          t->status = g_renew (guint8, t->status, cap);
          t->kind = g_renew (guint8, t->kind, cap);
          t->service_type = g_renew (guint16, t->service_type, cap);
        }
      t->case_index[n] = c;
      t->day[n] = dated ? (gint32) day : PATHWAYS_DAY_NONE;
      t->status[n] = status;
      t->kind[n] = kind;
      t->service_type[n] = type;
      t->n_rows = ++n;
    }
  return rc == SQLITE_DONE;
}

gboolean
workspace_load_appointments (sqlite3         *db,
                             WorkspaceSeal   *seal,
                             GHashTable      *meta,
                             const char      *display,
                             PathwaysDataset *dataset,
                             GError         **error)
{
  PathwaysAppointmentTable *t;

  if (!has_appointments (db))
    return TRUE;
  t = pathways_appointment_table_new (0);
  t->file = g_strdup (g_hash_table_lookup (meta, "appointments_file"));
  if (!load_types (db, seal, t) || !load_rows (db, seal, dataset, t))
    {
      pathways_appointment_table_free (t);
      workspace_set_corrupt (error, display, _("the appointments table is not readable"));
      return FALSE;
    }
  g_clear_pointer (&dataset->appointments, pathways_appointment_table_free);
  dataset->appointments = t;
  return TRUE;
}
