/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace-private.h: what the workspace's reader, writer, checksum and
 * settings code share. Not installed, not for the rest of the library.
 *
 *   pathways-workspace.c         errors in the user's words, opening a file and
 *                                checking it is a workspace, settings, async calls
 *   pathways-workspace-writer.c  pathways_workspace_save
 *   pathways-workspace-reader.c  pathways_workspace_load
 *   pathways-workspace-seal.c    SHA-256 and the checksums over data and settings
 */
#pragma once

#include <sqlite3.h>

#include "pathways-sha256.h"
#include "pathways-workspace.h"

G_BEGIN_DECLS

/* "Path" in ASCII, stored in the SQLite header (PRAGMA application_id). */
#define WORKSPACE_APPLICATION_ID 0x50617468

/* How an invalid date (present but not understood) is stored in the normalised tables:
 * valid days are >= 1, a missing date is NULL. */
#define STORED_DAY_INVALID (-1)

/* GDate Julian day of 9999-12-31, the last day a PathwaysDataset can hold. */
#define MAX_VALID_DAY 3652059

/* meta key whose presence says the file carries checksums, and its only value. */
#define WORKSPACE_CHECKSUM_KEY "checksum"
#define WORKSPACE_CHECKSUM_ALGORITHM "sha256"

/* meta key of the dataset's secret for record keys (spec/disclosure.md, method 1):
 * 64 hex digits, covered by the checksum; a file without it gets a new one on open,
 * kept from the next save on. */
#define WORKSPACE_SECRET_KEY "disclosure_secret"
char     *workspace_secret_to_hex   (const guint8 *secret);
gboolean  workspace_secret_from_hex (const char   *hex,
                                     guint8       *secret);

typedef struct {
  PathwaysTableKind table;
  const char       *name;          /* "cases" */
  const char       *values_table;  /* "case_values" */
  const char       *index_column;  /* "case_index" */
} WorkspaceTableInfo;

extern const WorkspaceTableInfo workspace_tables[2];

typedef sqlite3_stmt *sqlite3_stmt_ptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (sqlite3_stmt_ptr, sqlite3_finalize, NULL)
#define auto_stmt g_auto (sqlite3_stmt_ptr)

const char *workspace_kind_to_string     (PathwaysFieldKind kind);
const char *workspace_severity_to_string (PathwaysSeverity  severity);
gboolean    workspace_severity_from_string (const char       *s,
                                            PathwaysSeverity *out);
guint       workspace_table_rows         (PathwaysDataset   *dataset,
                                          PathwaysTableKind  table);
gboolean    workspace_field_is_stored    (PathwaysDataset   *dataset,
                                          PathwaysField      field);

/* ---- errors in the user's words ------------------------------------------------------ */

typedef enum {
  WORKSPACE_OPENING,   /* reading a workspace */
  WORKSPACE_SAVING,    /* writing a new workspace in place of PATH */
  WORKSPACE_SETTING,   /* changing a setting in place */
} WorkspaceAction;

/* What was being done, for the messages. */
typedef struct {
  WorkspaceAction action;
  const char     *display;          /* the file's name as shown */
  gboolean        previous_exists;  /* saving: a file is already there (and stays) */
  GCancellable   *cancellable;      /* an interrupted statement is a cancellation */
} WorkspaceContext;

/* An error of SQLite (RC, the extended code, and DB's errno) in the user's words. */
void workspace_set_sqlite_error (GError                 **error,
                                 const WorkspaceContext  *context,
                                 sqlite3                 *db,
                                 int                      rc);
/* A system error (ERRNO) in the user's words. */
void workspace_set_errno_error  (GError                 **error,
                                 const WorkspaceContext  *context,
                                 int                      errsv);
/* "The workspace FILE is damaged: DETAIL. Open the original export again ..." */
void workspace_set_corrupt      (GError    **error,
                                 const char *display,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (3, 4);
/* The data or the settings do not match their checksum. */
void workspace_set_checksum_error (GError    **error,
                                   const char *display,
                                   gboolean    settings);
/* G_IO_ERROR_CANCELLED when CANCELLABLE is cancelled; FALSE then. */
gboolean workspace_check_cancelled (const WorkspaceContext  *context,
                                    GError                 **error);
/* Makes long SQLite statements on DB stop once CONTEXT's cancellable is cancelled. */
void workspace_watch_cancellable  (sqlite3                *db,
                                   const WorkspaceContext *context);

/* ---- SHA-256 and checksums ----------------------------------------------------------- */

typedef PathwaysSha256 WorkspaceSha256;   /* pathways-sha256.h */

void  workspace_sha256_init   (WorkspaceSha256 *sha);
void  workspace_sha256_update (WorkspaceSha256 *sha,
                               gconstpointer    data,
                               gsize            length);
/* Lower-case hex, 64 characters. */
char *workspace_sha256_finish (WorkspaceSha256 *sha);
/* Tests: TRUE to use only the portable code, not the CPU's SHA instructions. */
void  workspace_sha256_force_portable (gboolean portable);
/* TRUE when the CPU's SHA instructions are used. */
gboolean workspace_sha256_accelerated (void);

/* The checksum of a workspace: SHA-256 over a stream of typed values
 * (docs/workspace-format.md, "Checksums"). Every function accepts a NULL seal and then
 * does nothing, so that legacy files (no checksum) are read without hashing. */
typedef struct {
  WorkspaceSha256 sha;
  GAsyncQueue    *queue;     /* deferred: items for the worker */
  GByteArray     *pending;   /* deferred: small items gathered into one */
  GThread        *worker;
} WorkspaceSeal;

void  workspace_seal_init    (WorkspaceSeal *seal,
                              const char    *scope);
void  workspace_seal_section (WorkspaceSeal *seal,
                              const char    *name);
void  workspace_seal_row     (WorkspaceSeal *seal);
void  workspace_seal_null    (WorkspaceSeal *seal);
void  workspace_seal_int     (WorkspaceSeal *seal,
                              gint64         value);
void  workspace_seal_text    (WorkspaceSeal *seal,
                              const char    *text);
/* DATA as it lies: once deferred, it must stay untouched until workspace_seal_sync. */
void  workspace_seal_blob    (WorkspaceSeal *seal,
                              gconstpointer  data,
                              gsize          length);
/* From now on SEAL hashes on a thread of its own, in order, while the caller goes on
 * reading; workspace_seal_sync waits for it (workspace_seal_finish does). */
void  workspace_seal_defer   (WorkspaceSeal *seal);
void  workspace_seal_sync    (WorkspaceSeal *seal);
/* Column COLUMN of STMT's current row, by its storage type. Call it before anything
 * reads the column: a conversion makes its storage type undefined. */
void  workspace_seal_value   (WorkspaceSeal *seal,
                              sqlite3_stmt  *stmt,
                              int            column);
/* A row marker and every column of STMT's current row. */
void  workspace_seal_stmt_row (WorkspaceSeal *seal,
                               sqlite3_stmt  *stmt);
char *workspace_seal_finish  (WorkspaceSeal *seal);
/* The first item of the data checksum's stream. */
#define WORKSPACE_DATA_SEAL_SCOPE "pathways workspace data 1"

/* Every metadata row (meta, sources, findings, finding_summary, mapping, dictionary)
 * into SEAL, read back from DB with the statements above. SQLITE_OK or the error. */
int   workspace_seal_metadata (sqlite3       *db,
                               WorkspaceSeal *seal);
/* The statement the settings are read and sealed with (there is no other). */
#define WORKSPACE_SQL_SETTINGS "SELECT key, value FROM settings ORDER BY key"
/* The value of a setting that is not text. */
extern const char workspace_invalid_setting[];
/* The checksum of the settings table of DB into *OUT_HEX, and when OUT_SETTINGS is not
 * NULL, the settings into it (key → value, NULL, or workspace_invalid_setting).
 * SQLITE_OK or the error. */
int   workspace_seal_settings (sqlite3       *db,
                               GHashTable    *out_settings,
                               char         **out_hex);

/* The stored checksums of a workspace. */
typedef struct {
  gboolean sealed;      /* FALSE: written before checksums existed */
  char    *data;        /* hex of the data checksum */
  char    *settings;    /* hex of the settings checksum */
} WorkspaceSeals;

void     workspace_seals_clear (WorkspaceSeals *seals);
/* Reads the checksums of DB, whose meta table is META. A file with neither the
 * checksum key in meta nor the checksums table is a legacy file (sealed FALSE); one
 * with either must have both, well formed, or it is damaged. */
gboolean workspace_read_seals  (sqlite3                *db,
                                GHashTable             *meta,
                                const WorkspaceContext *context,
                                WorkspaceSeals         *seals,
                                GError                **error);
/* The settings of DB (key → value, as workspace_seal_settings gives them), checked
 * against SEALS (nothing to check in a legacy file), read and sealed by one statement.
 * NULL with ERROR when they do not match their checksum. */
GHashTable *workspace_read_settings (sqlite3                *db,
                                     const WorkspaceSeals   *seals,
                                     const WorkspaceContext *context,
                                     GError                **error);
/* Writes the settings checksum of DB into its checksums table. */
gboolean workspace_store_settings_seal (sqlite3                *db,
                                        const WorkspaceContext *context,
                                        GError                **error);

/* ---- opening ------------------------------------------------------------------------- */

/* The statements opening reads the metadata with, in the order it reads them. The
 * writer seals its metadata by reading it back with the same statements, and opening
 * seals each row as it reads it: what the checksum covers is exactly what the dataset
 * is built from, even in a file whose indexes and tables disagree. */
#define WORKSPACE_SQL_META "SELECT key, value FROM meta ORDER BY rowid"
#define WORKSPACE_SQL_SOURCES \
  "SELECT name, role, format, size, sha256 FROM sources ORDER BY position"
#define WORKSPACE_SQL_FINDINGS \
  "SELECT kind, severity, file, row, column_name, value, message, case_id FROM findings " \
  "ORDER BY position"
/* The findings of a schema 1 file, which have no case_id column. */
#define WORKSPACE_SQL_FINDINGS_1 \
  "SELECT kind, severity, file, row, column_name, value, message FROM findings ORDER BY position"
#define WORKSPACE_SQL_FINDING_SUMMARY \
  "SELECT kind, severity, count FROM finding_summary ORDER BY position"
#define WORKSPACE_SQL_MAPPING "SELECT json FROM mapping ORDER BY rowid"
#define WORKSPACE_SQL_DICTIONARY \
  "SELECT field, code, value FROM dictionary ORDER BY field, code"

/* Opens PATH (SQLITE_OPEN_READONLY or _READWRITE), checks that it is a workspace this
 * version reads and returns its meta table (key → value) in OUT_META. A read-only
 * file is opened inside a read transaction, so that everything read from it after
 * is one consistent view. SEAL, when not NULL, is started as the data checksum and
 * takes the meta rows as they are read. */
sqlite3 *workspace_open (const char              *path,
                         int                      flags,
                         const WorkspaceContext  *context,
                         GHashTable             **out_meta,
                         WorkspaceSeal           *seal,
                         GError                 **error);

/* A text column as a new UTF-8 string; NULL stays NULL. FALSE for blobs or bad UTF-8. */
gboolean workspace_column_text (sqlite3_stmt  *stmt,
                                int            column,
                                gboolean       nullable,
                                char         **out);

/* ---- the reader and the writer, with a cancellable ----------------------------------- */

gboolean         workspace_save_cancellable (PathwaysDataset  *dataset,
                                             const char       *path,
                                             GCancellable     *cancellable,
                                             GError          **error);
PathwaysDataset *workspace_load_cancellable (const char       *path,
                                             GCancellable     *cancellable,
                                             GError          **error);

/* ---- the outcomes table (pathways-workspace-outcomes.c) ------------------------------ */

/* Writes DATASET's outcomes table, when it has one. */
gboolean workspace_write_outcomes (sqlite3                *db,
                                   const WorkspaceContext *context,
                                   PathwaysDataset        *dataset,
                                   GError                **error);
/* Seals the outcomes tables, when the file has them, as opening reads them. */
int      workspace_seal_outcomes  (sqlite3                *db,
                                   WorkspaceSeal          *seal);
/* Reads the outcomes table, when the file has one, sealing it into SEAL (nullable);
 * the cases must be loaded first. */
gboolean workspace_load_outcomes  (sqlite3                *db,
                                   WorkspaceSeal          *seal,
                                   GHashTable             *meta,
                                   const char             *display,
                                   PathwaysDataset        *dataset,
                                   GError                **error);

/* ---- the appointments table (pathways-workspace-appointments.c), as the outcomes -- */

gboolean workspace_write_appointments (sqlite3                *db,
                                       const WorkspaceContext *context,
                                       PathwaysDataset        *dataset,
                                       GError                **error);
int      workspace_seal_appointments  (sqlite3                *db,
                                       WorkspaceSeal          *seal);
gboolean workspace_load_appointments  (sqlite3                *db,
                                       WorkspaceSeal          *seal,
                                       GHashTable             *meta,
                                       const char             *display,
                                       PathwaysDataset        *dataset,
                                       GError                **error);

G_END_DECLS
