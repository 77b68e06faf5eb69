/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace.c: what the workspace's reader and writer share, its settings and
 * its asynchronous calls.
 *
 * The file is one SQLite database (docs/workspace-format.md). Saving is in
 * pathways-workspace-writer.c, opening in pathways-workspace-reader.c, the checksums in
 * pathways-workspace-seal.c. Here: the errors in the user's words (a full disk, a
 * read-only folder, a damaged file), opening a file and checking that it is a
 * workspace, the settings (changed in place, with their own checksum), and the async
 * versions of opening and saving.
 */
#define G_LOG_DOMAIN "pathways-workspace"

#include "config.h"

#include <errno.h>

#include "pathways-i18n.h"

#include "pathways-workspace-private.h"

G_DEFINE_QUARK (pathways-workspace-error-quark, pathways_workspace_error)

const WorkspaceTableInfo workspace_tables[2] = {
  { PATHWAYS_TABLE_CASES, "cases", "case_values", "case_index" },
  { PATHWAYS_TABLE_SERVICES, "services", "service_values", "service_index" },
};

const char *
workspace_kind_to_string (PathwaysFieldKind kind)
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

const char *
workspace_severity_to_string (PathwaysSeverity severity)
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

gboolean
workspace_severity_from_string (const char       *s,
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

guint
workspace_table_rows (PathwaysDataset   *dataset,
                      PathwaysTableKind  table)
{
  return table == PATHWAYS_TABLE_CASES ? dataset->n_cases : dataset->n_services;
}

/* Fields that are written: mapped, in the right table, and never the date of birth. */
gboolean
workspace_field_is_stored (PathwaysDataset *dataset,
                           PathwaysField    field)
{
  return dataset->columns[field] != NULL && field != PATHWAYS_FIELD_DATE_OF_BIRTH;
}

/* ---- errors in the user's words ------------------------------------------------------ */

/* One sentence per action: opening, saving over a file that stays, saving a new file,
 * changing a setting. Each names the file (%s). */
typedef struct {
  const char *opening;
  const char *saving_over;
  const char *saving_new;
  const char *setting;
} Sentences;

static const Sentences disk_full = {
  N_("The disk is full: Pathways could not open %s."),
  N_("The disk is full: Pathways could not save %s; the previous file is unchanged."),
  N_("The disk is full: Pathways could not save %s."),
  N_("The disk is full: Pathways could not save the settings of %s; the workspace is unchanged."),
};

static const Sentences disk_error = {
  N_("The disk reported an error: Pathways could not read %s."),
  N_("The disk reported an error: Pathways could not save %s; the previous file is unchanged."),
  N_("The disk reported an error: Pathways could not save %s."),
  N_("The disk reported an error: Pathways could not save the settings of %s; "
     "the workspace is unchanged."),
};

static const Sentences read_only = {
  N_("Pathways is not allowed to read %s."),
  N_("Pathways could not save %s: its folder is read-only or you are not allowed to write "
     "there; the previous file is unchanged."),
  N_("Pathways could not save %s: the folder is read-only or you are not allowed to write "
     "there."),
  N_("Pathways could not save the settings of %s: the file is read-only; "
     "the workspace is unchanged."),
};

static const Sentences no_memory = {
  /* SQLite runs out of memory on some damaged files too */
  N_("There is not enough memory to open %s, or the file is damaged."),
  N_("There is not enough memory to save %s; the previous file is unchanged."),
  N_("There is not enough memory to save %s."),
  N_("There is not enough memory to save the settings of %s; the workspace is unchanged."),
};

static const Sentences in_use = {
  N_("%s is in use by another program; try again in a moment."),
  N_("%s is in use by another program; try again in a moment. The previous file is unchanged."),
  N_("%s is in use by another program; try again in a moment."),
  N_("%s is in use by another program; try again in a moment."),
};

static const Sentences cancelled = {
  N_("Opening %s was cancelled."),
  N_("Saving %s was cancelled; the previous file is unchanged."),
  N_("Saving %s was cancelled."),
  N_("Saving the settings of %s was cancelled."),
};

static const char *
pick_sentence (const Sentences        *sentences,
               const WorkspaceContext *context)
{
  switch (context->action)
    {
    case WORKSPACE_OPENING:
      return _(sentences->opening);
    case WORKSPACE_SAVING:
      return context->previous_exists ? _(sentences->saving_over) : _(sentences->saving_new);
    case WORKSPACE_SETTING:
    default:
      return _(sentences->setting);
    }
}

/* A sentence of the tables above (each with one %s, the file) for CONTEXT. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
set_picked (GError                **error,
            GQuark                  domain,
            int                     code,
            const Sentences        *sentences,
            const WorkspaceContext *context)
{
  g_autofree char *message = g_strdup_printf (pick_sentence (sentences, context),
                                              context->display);

  g_set_error_literal (error, domain, code, message);
}
#pragma GCC diagnostic pop

static void
set_sentence (GError                **error,
              int                     code,
              const Sentences        *sentences,
              const WorkspaceContext *context)
{
  set_picked (error, PATHWAYS_WORKSPACE_ERROR, code, sentences, context);
}

/* Anything else: what was being done, and the system's or SQLite's words. */
static void
set_other (GError                **error,
           const WorkspaceContext *context,
           const char             *detail)
{
  g_autofree char *valid = g_utf8_make_valid (detail, -1);

  switch (context->action)
    {
    case WORKSPACE_OPENING:
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO,
                   _("Could not open %s: %s"), context->display, valid);
      break;
    case WORKSPACE_SAVING:
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO,
                   _("Could not save %s: %s"), context->display, valid);
      break;
    case WORKSPACE_SETTING:
    default:
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO,
                   _("Could not save the settings of %s: %s"), context->display, valid);
      break;
    }
}

static gboolean
errno_means_full (int errsv)
{
  return errsv == ENOSPC || errsv == EFBIG
#ifdef EDQUOT
         || errsv == EDQUOT
#endif
         ;
}

static gboolean
errno_means_read_only (int errsv)
{
  return errsv == EROFS || errsv == EACCES || errsv == EPERM;
}

void
workspace_set_errno_error (GError                 **error,
                           const WorkspaceContext  *context,
                           int                      errsv)
{
  if (errno_means_full (errsv))
    set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &disk_full, context);
  else if (errno_means_read_only (errsv))
    set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &read_only, context);
  else if (errsv == EIO)
    set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &disk_error, context);
  else if (errsv == ENOMEM)
    set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &no_memory, context);
  else
    set_other (error, context, g_strerror (errsv));
}

static void
set_not_workspace_or_damaged (GError                **error,
                              int                     code,
                              const WorkspaceContext *context)
{
  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, code,
               _("%s is not a Pathways workspace or is damaged."), context->display);
}

/* The errno of DB's last failed read or write: the file's own (sqlite3_system_errno
 * is the thread's errno when SQLite asked, which later calls may have changed). */
static int
last_errno (sqlite3 *db)
{
  int errsv = 0;

  if (db == NULL)
    return 0;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_LAST_ERRNO, &errsv) == SQLITE_OK &&
      errsv != 0)
    return errsv;
  return sqlite3_system_errno (db);
}

void
workspace_set_sqlite_error (GError                 **error,
                            const WorkspaceContext  *context,
                            sqlite3                 *db,
                            int                      rc)
{
  int errsv = last_errno (db);

  /* the extended code (SQLITE_IOERR_WRITE ...) when RC is its primary code */
  if (db != NULL && (rc == SQLITE_OK || (sqlite3_extended_errcode (db) & 0xff) == (rc & 0xff)))
    rc = sqlite3_extended_errcode (db);

  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      if (context->cancellable != NULL && g_cancellable_is_cancelled (context->cancellable))
        set_picked (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, &cancelled, context);
      else
        set_other (error, context, sqlite3_errstr (rc));
      return;
    case SQLITE_FULL:
      set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &disk_full, context);
      return;
    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_NOMEM)
        set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &no_memory, context);
      else if (errno_means_full (errsv))
        set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &disk_full, context);
      else
        set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &disk_error, context);
      return;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &read_only, context);
      return;
    case SQLITE_NOMEM:
      set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &no_memory, context);
      return;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      set_sentence (error, PATHWAYS_WORKSPACE_ERROR_IO, &in_use, context);
      return;
    case SQLITE_CANTOPEN:
      if (errsv != 0)
        workspace_set_errno_error (error, context, errsv);
      else
        set_other (error, context, sqlite3_errstr (rc));
      return;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      if (context->action != WORKSPACE_SAVING)
        {
          set_not_workspace_or_damaged (error,
                                        (rc & 0xff) == SQLITE_NOTADB
                                        ? PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE
                                        : PATHWAYS_WORKSPACE_ERROR_CORRUPT,
                                        context);
          return;
        }
      break;
    default:
      break;
    }
  /* SQLite can quote bytes of a damaged file in its message */
  set_other (error, context, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

void
workspace_set_corrupt (GError    **error,
                       const char *display,
                       const char *format,
                       ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *valid = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  valid = g_utf8_make_valid (detail, -1);

  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT,
               _("The workspace %s is damaged: %s. Open the original export again to rebuild it."),
               display, valid);
}

void
workspace_set_checksum_error (GError    **error,
                              const char *display,
                              gboolean    settings)
{
  if (settings)
    g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT,
                 _("The workspace %s is damaged: its saved settings do not match their "
                   "checksum. Open the original export again to rebuild it."), display);
  else
    g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_CORRUPT,
                 _("The workspace %s is damaged: its data does not match its checksum. "
                   "Open the original export again to rebuild it."), display);
}

gboolean
workspace_check_cancelled (const WorkspaceContext  *context,
                           GError                 **error)
{
  if (context->cancellable == NULL || !g_cancellable_is_cancelled (context->cancellable))
    return TRUE;
  set_picked (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, &cancelled, context);
  return FALSE;
}

static int
interrupt_if_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable) ? 1 : 0;
}

void
workspace_watch_cancellable (sqlite3                *db,
                             const WorkspaceContext *context)
{
  if (context->cancellable != NULL)
    sqlite3_progress_handler (db, 10000, interrupt_if_cancelled, context->cancellable);
}

/* ---- opening ------------------------------------------------------------------------- */

static void
set_not_workspace (GError    **error,
                   const char *display)
{
  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE,
               _("%s is not a Pathways workspace"), display);
}

/* The integer of a one-row PRAGMA. */
static gboolean
read_pragma (sqlite3                *db,
             const char             *sql,
             const WorkspaceContext *context,
             sqlite3_int64          *out,
             GError                **error)
{
  auto_stmt stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
read_meta (sqlite3                *db,
           const WorkspaceContext *context,
           GHashTable             *meta,
           WorkspaceSeal          *seal,
           GError                **error)
{
  auto_stmt stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, WORKSPACE_SQL_META, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_ERROR)  /* no such table */
        set_not_workspace (error, context->display);
      else
        workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  workspace_seal_init (seal, WORKSPACE_DATA_SEAL_SCOPE);
  workspace_seal_section (seal, "meta");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key, *value;

      workspace_seal_stmt_row (seal, stmt);   /* before any conversion */
      key = (const char *) sqlite3_column_text (stmt, 0);
      value = (const char *) sqlite3_column_text (stmt, 1);
      if (key != NULL && value != NULL)
        g_hash_table_replace (meta, g_strdup (key), g_strdup (value));
    }
  if (rc != SQLITE_DONE)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* The schema version in meta and in the header: one this version reads. */
static gboolean
check_version (GHashTable             *meta,
               sqlite3_int64           user_version,
               const WorkspaceContext *context,
               GError                **error)
{
  const char *version_text = g_hash_table_lookup (meta, "schema_version");
  guint64 version = 0;

  if (version_text == NULL ||
      g_strcmp0 (g_hash_table_lookup (meta, "application"), "pathways") != 0)
    {
      set_not_workspace (error, context->display);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (version_text, 10, 1, G_MAXUINT32, &version, NULL))
    {
      workspace_set_corrupt (error, context->display,
                             _("the schema version “%s” is not a number"), version_text);
      return FALSE;
    }
  version = MAX (version, (guint64) MAX (user_version, 0));
  if (version > PATHWAYS_WORKSPACE_SCHEMA_VERSION)
    {
      g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_NEWER,
                   _("%s was saved by a newer version of Pathways (schema %u); "
                     "this version reads schema %d"),
                   context->display, (guint) version, PATHWAYS_WORKSPACE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

sqlite3 *
workspace_open (const char              *path,
                int                      flags,
                const WorkspaceContext  *context,
                GHashTable             **out_meta,
                WorkspaceSeal           *seal,
                GError                 **error)
{
  g_autoptr(GHashTable) meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_int64 application_id = 0, user_version = 0;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      set_other (error, context, g_strerror (ENOENT));
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      set_not_workspace (error, context->display);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  workspace_watch_cancellable (db, context);

  /* One read transaction: a consistent view even if someone changes the file. */
  if ((flags & SQLITE_OPEN_READONLY) &&
      (rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      goto fail;
    }

  if (!read_pragma (db, "PRAGMA application_id", context, &application_id, error))
    goto fail;
  if (application_id != WORKSPACE_APPLICATION_ID)
    {
      set_not_workspace (error, context->display);
      goto fail;
    }
  if (!read_pragma (db, "PRAGMA user_version", context, &user_version, error) ||
      !read_meta (db, context, meta, seal, error) ||
      !check_version (meta, user_version, context, error))
    goto fail;

  if (out_meta != NULL)
    *out_meta = g_steal_pointer (&meta);
  return db;

fail:
  sqlite3_close (db);
  return NULL;
}

gboolean
workspace_column_text (sqlite3_stmt  *stmt,
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

/* ---- settings ---------------------------------------------------------------------- */

static gboolean
exec_setting_sql (sqlite3                *db,
                  const char             *sql,
                  const WorkspaceContext *context,
                  GError                **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_setting (sqlite3                *db,
               const char             *key,
               const char             *value,
               const WorkspaceContext *context,
               GError                **error)
{
  auto_stmt stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               value != NULL
                               ? "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)"
                               : "DELETE FROM settings WHERE key = ?1",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (value != NULL)
        sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
pathways_workspace_set_setting (const char  *path,
                                const char  *key,
                                const char  *value,
                                GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GHashTable) meta = NULL;
  WorkspaceContext context = { WORKSPACE_SETTING };
  WorkspaceSeals seals = { 0 };
  g_autoptr(GHashTable) current = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_basename (path);
  context.display = display;
  db = workspace_open (path, SQLITE_OPEN_READWRITE, &context, &meta, NULL, error);
  if (db == NULL)
    return FALSE;

  /* A rollback journal makes the change atomic; synchronous=FULL makes it durable. The
   * settings are checked before the change and sealed again after it, in the same
   * transaction: a damaged setting is never sealed as if it were good. */
  ok = exec_setting_sql (db,
                         "PRAGMA journal_mode = DELETE;"
                         "PRAGMA synchronous = FULL;"
                         "BEGIN IMMEDIATE;"
                         "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);",
                         &context, error) &&
       workspace_read_seals (db, meta, &context, &seals, error) &&
       (current = workspace_read_settings (db, &seals, &context, error)) != NULL &&
       write_setting (db, key, value, &context, error) &&
       (!seals.sealed || workspace_store_settings_seal (db, &context, error)) &&
       exec_setting_sql (db, "COMMIT", &context, error);

  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  workspace_seals_clear (&seals);
  sqlite3_close (db);
  return ok;
}

char *
pathways_workspace_get_setting (const char  *path,
                                const char  *key,
                                GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GHashTable) meta = NULL;
  g_autoptr(GHashTable) settings = NULL;
  WorkspaceContext context = { WORKSPACE_OPENING };
  WorkspaceSeals seals = { 0 };
  const char *value = NULL;
  char *result = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_basename (path);
  context.display = display;
  db = workspace_open (path, SQLITE_OPEN_READONLY, &context, &meta, NULL, error);
  if (db == NULL)
    return NULL;

  /* All of them, read and checked by one statement: the value returned is one the
   * checksum has seen. */
  if (workspace_read_seals (db, meta, &context, &seals, error))
    settings = workspace_read_settings (db, &seals, &context, error);
  if (settings != NULL)
    value = g_hash_table_lookup (settings, key);
  if (value == workspace_invalid_setting)
    workspace_set_corrupt (error, display, _("the setting “%s” is not valid text"), key);
  else
    result = g_strdup (value);

  workspace_seals_clear (&seals);
  sqlite3_close (db);
  return result;
}

/* ---- asynchronous opening and saving ------------------------------------------------- */

gboolean
pathways_workspace_save (PathwaysDataset  *dataset,
                         const char       *path,
                         GError          **error)
{
  return workspace_save_cancellable (dataset, path, NULL, error);
}

PathwaysDataset *
pathways_workspace_load (const char  *path,
                         GError     **error)
{
  return workspace_load_cancellable (path, NULL, error);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  PathwaysDataset *dataset = workspace_load_cancellable (task_data, cancellable, &error);

  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) pathways_dataset_unref);
}

void
pathways_workspace_open_async (const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* G_DEFINE_QUARK initialises on first use: here, not on the worker thread */
  (void) pathways_workspace_error_quark ();
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pathways_workspace_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

PathwaysDataset *
pathways_workspace_open_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pathways_workspace_open_async,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  PathwaysDataset *dataset;
  char            *path;
} SaveData;

static void
save_data_free (SaveData *data)
{
  pathways_dataset_unref (data->dataset);
  g_free (data->path);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (workspace_save_cancellable (data->dataset, data->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pathways_workspace_save_async (PathwaysDataset     *dataset,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (dataset != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  (void) pathways_workspace_error_quark ();
  data = g_new0 (SaveData, 1);
  data->dataset = pathways_dataset_ref (dataset);
  data->path = g_strdup (path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pathways_workspace_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  /* What happened to the file decides the result: a save that finished before the
   * cancellation was seen did replace the file, and says so. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
pathways_workspace_save_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pathways_workspace_save_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
workspace_secret_to_hex (const guint8 *secret)
{
  GString *hex = g_string_sized_new (2 * PATHWAYS_DATASET_SECRET_SIZE);

  for (guint i = 0; i < PATHWAYS_DATASET_SECRET_SIZE; i++)
    g_string_append_printf (hex, "%02x", secret[i]);
  return g_string_free (hex, FALSE);
}

gboolean
workspace_secret_from_hex (const char *hex,
                           guint8     *secret)
{
  if (hex == NULL || strlen (hex) != 2 * PATHWAYS_DATASET_SECRET_SIZE)
    return FALSE;
  for (guint i = 0; i < PATHWAYS_DATASET_SECRET_SIZE; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]), lo = g_ascii_xdigit_value (hex[2 * i + 1]);
      if (hi < 0 || lo < 0)
        return FALSE;
      secret[i] = (guint8) (hi * 16 + lo);
    }
  return TRUE;
}
