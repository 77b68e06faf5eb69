/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace-seal.c: the checksums that make a damaged workspace show as
 * damaged instead of opening with wrong figures.
 *
 * A workspace carries two SHA-256 checksums (docs/workspace-format.md, "Checksums"):
 * one over every value opening reads (the metadata rows and every column blob), one
 * over the settings, sealed again by each setting written. Both are computed over a
 * stream of typed values, never over pages of the file, so that the writer can compute
 * the checksum as it writes and the reader as it reads, each exactly once.
 *
 * A million cases are about 100 MB of column blobs: GLib's SHA-256 (100 MB/s) would
 * add a second to opening them, so SHA-256 is the core's (pathways-sha256.c), with
 * the CPU's SHA instructions when it has them (x86 SHA extensions, over 1 GB/s), and
 * portable C otherwise. The two give the same digests; tests compare both with
 * GChecksum.
 */
#define G_LOG_DOMAIN "pathways-workspace"

#include "config.h"

#include <string.h>

#include "pathways-workspace-private.h"

/* ---- SHA-256 (pathways-sha256.c) ---------------------------------------------------- */

void
workspace_sha256_force_portable (gboolean portable)
{
  _pathways_sha256_force_portable (portable);
}

gboolean
workspace_sha256_accelerated (void)
{
  return pathways_sha256_accelerated ();
}

void
workspace_sha256_init (WorkspaceSha256 *sha)
{
  pathways_sha256_init (sha);
}

void
workspace_sha256_update (WorkspaceSha256 *sha,
                         gconstpointer    data,
                         gsize            length)
{
  pathways_sha256_update (sha, data, length);
}

char *
workspace_sha256_finish (WorkspaceSha256 *sha)
{
  guint8 digest[PATHWAYS_SHA256_SIZE];
  GString *hex = g_string_sized_new (2 * PATHWAYS_SHA256_SIZE);

  pathways_sha256_finish (sha, digest);
  for (guint i = 0; i < PATHWAYS_SHA256_SIZE; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

/* ---- the stream of typed values ------------------------------------------------------ */

enum {
  TAG_SECTION = 'S',
  TAG_ROW = 'R',
  TAG_NULL = 'N',
  TAG_INTEGER = 'I',
  TAG_REAL = 'F',
  TAG_TEXT = 'T',
  TAG_BLOB = 'B',
};

/* ---- hashing on a thread of its own ------------------------------------------------ */

/* In deferred mode (workspace_seal_defer) the stream goes to a worker thread in
 * order: small items are gathered into owned chunks, a blob given with
 * workspace_seal_blob is hashed where it lies (its memory must stay untouched until
 * workspace_seal_sync). Opening a million cases then reads the next column while the
 * previous one is hashed, instead of one after the other. */
#define SEAL_CHUNK_SIZE (64 * 1024)

typedef struct {
  gconstpointer data;     /* NULL: the end */
  gsize         length;
  gpointer      owned;    /* freed once hashed */
} SealItem;

static gpointer
seal_worker (gpointer user_data)
{
  WorkspaceSeal *seal = user_data;

  for (;;)
    {
      SealItem *item = g_async_queue_pop (seal->queue);
      gboolean end = item->data == NULL;

      if (!end)
        workspace_sha256_update (&seal->sha, item->data, item->length);
      g_free (item->owned);
      g_free (item);
      if (end)
        return NULL;
    }
}

static void
seal_push (WorkspaceSeal *seal,
           gconstpointer  data,
           gsize          length,
           gpointer       owned)
{
  SealItem *item = g_new (SealItem, 1);

  item->data = data;
  item->length = length;
  item->owned = owned;
  g_async_queue_push (seal->queue, item);
}

static void
seal_flush_pending (WorkspaceSeal *seal)
{
  gsize length;
  guint8 *data;

  if (seal->pending == NULL || seal->pending->len == 0)
    return;
  length = seal->pending->len;
  data = g_byte_array_free (seal->pending, FALSE);
  seal_push (seal, data, length, data);
  seal->pending = g_byte_array_sized_new (SEAL_CHUNK_SIZE);
}

/* DATA goes into the checksum; BORROW: it stays untouched until the worker is done
 * with it (a column blob), otherwise it is copied when deferred. */
static void
seal_update (WorkspaceSeal *seal,
             gconstpointer  data,
             gsize          length,
             gboolean       borrow)
{
  if (seal->queue == NULL)
    {
      workspace_sha256_update (&seal->sha, data, length);
      return;
    }
  if (borrow && length >= SEAL_CHUNK_SIZE)
    {
      seal_flush_pending (seal);
      seal_push (seal, data, length, NULL);
      return;
    }
  g_byte_array_append (seal->pending, data, (guint) length);
  if (seal->pending->len >= SEAL_CHUNK_SIZE)
    seal_flush_pending (seal);
}

void
workspace_seal_defer (WorkspaceSeal *seal)
{
  if (seal == NULL || seal->queue != NULL)
    return;
  seal->queue = g_async_queue_new ();
  seal->pending = g_byte_array_sized_new (SEAL_CHUNK_SIZE);
  seal->worker = g_thread_new ("pathways-seal", seal_worker, seal);
}

void
workspace_seal_sync (WorkspaceSeal *seal)
{
  if (seal == NULL || seal->queue == NULL)
    return;
  seal_flush_pending (seal);
  seal_push (seal, NULL, 0, NULL);
  g_thread_join (seal->worker);
  seal->worker = NULL;
  g_clear_pointer (&seal->queue, g_async_queue_unref);
  g_clear_pointer (&seal->pending, g_byte_array_unref);
}

static void
seal_tag_u64 (WorkspaceSeal *seal,
              guint8         tag,
              guint64        value)
{
  guint8 bytes[9] = { tag };

  for (guint i = 0; i < 8; i++)
    bytes[1 + i] = (guint8) (value >> (8 * i));
  seal_update (seal, bytes, sizeof bytes, FALSE);
}

static void
seal_bytes (WorkspaceSeal *seal,
            guint8         tag,
            gconstpointer  data,
            gsize          length,
            gboolean       borrow)
{
  seal_tag_u64 (seal, tag, length);
  if (length > 0)
    seal_update (seal, data, length, borrow);
}

void
workspace_seal_init (WorkspaceSeal *seal,
                     const char    *scope)
{
  if (seal == NULL)
    return;
  workspace_sha256_init (&seal->sha);
  seal->queue = NULL;
  seal->pending = NULL;
  seal->worker = NULL;
  seal_bytes (seal, TAG_TEXT, scope, strlen (scope), FALSE);
}

void
workspace_seal_section (WorkspaceSeal *seal,
                        const char    *name)
{
  guint8 tag = TAG_SECTION;

  if (seal == NULL)
    return;
  seal_update (seal, &tag, 1, FALSE);
  seal_bytes (seal, TAG_TEXT, name, strlen (name), FALSE);
}

void
workspace_seal_row (WorkspaceSeal *seal)
{
  guint8 tag = TAG_ROW;

  if (seal != NULL)
    seal_update (seal, &tag, 1, FALSE);
}

void
workspace_seal_null (WorkspaceSeal *seal)
{
  guint8 tag = TAG_NULL;

  if (seal != NULL)
    seal_update (seal, &tag, 1, FALSE);
}

void
workspace_seal_int (WorkspaceSeal *seal,
                    gint64         value)
{
  if (seal != NULL)
    seal_tag_u64 (seal, TAG_INTEGER, (guint64) value);
}

void
workspace_seal_text (WorkspaceSeal *seal,
                     const char    *text)
{
  if (seal == NULL)
    return;
  if (text == NULL)
    workspace_seal_null (seal);
  else
    seal_bytes (seal, TAG_TEXT, text, strlen (text), FALSE);
}

void
workspace_seal_blob (WorkspaceSeal *seal,
                     gconstpointer  data,
                     gsize          length)
{
  if (seal != NULL)
    seal_bytes (seal, TAG_BLOB, data, length, TRUE);
}

void
workspace_seal_value (WorkspaceSeal *seal,
                      sqlite3_stmt  *stmt,
                      int            column)
{
  if (seal == NULL)
    return;
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      workspace_seal_int (seal, sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      {
        double d = sqlite3_column_double (stmt, column);
        guint64 bits;

        memcpy (&bits, &d, sizeof bits);
        seal_tag_u64 (seal, TAG_REAL, bits);
      }
      break;
    case SQLITE_TEXT:
      {
        const unsigned char *text = sqlite3_column_text (stmt, column);

        seal_bytes (seal, TAG_TEXT, text, (gsize) sqlite3_column_bytes (stmt, column), FALSE);
      }
      break;
    case SQLITE_BLOB:
      {
        const void *blob = sqlite3_column_blob (stmt, column);

        seal_bytes (seal, TAG_BLOB, blob, (gsize) sqlite3_column_bytes (stmt, column), FALSE);
      }
      break;
    case SQLITE_NULL:
    default:
      workspace_seal_null (seal);
      break;
    }
}

void
workspace_seal_stmt_row (WorkspaceSeal *seal,
                         sqlite3_stmt  *stmt)
{
  int n;

  if (seal == NULL)
    return;
  n = sqlite3_column_count (stmt);
  workspace_seal_row (seal);
  for (int i = 0; i < n; i++)
    workspace_seal_value (seal, stmt, i);
}

char *
workspace_seal_finish (WorkspaceSeal *seal)
{
  if (seal == NULL)
    return NULL;
  workspace_seal_sync (seal);
  return workspace_sha256_finish (&seal->sha);
}

/* Every row of SQL, every column by its storage type. */
static int
seal_query (sqlite3       *db,
            WorkspaceSeal *seal,
            const char    *section,
            const char    *sql)
{
  auto_stmt stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  workspace_seal_section (seal, section);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    workspace_seal_stmt_row (seal, stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The metadata, with the statements and in the order opening reads it. */
static const struct {
  const char *section;
  const char *sql;
} metadata_queries[] = {
  { "meta", WORKSPACE_SQL_META },
  { "sources", WORKSPACE_SQL_SOURCES },
  { "findings", WORKSPACE_SQL_FINDINGS },
  { "finding_summary", WORKSPACE_SQL_FINDING_SUMMARY },
  { "mapping", WORKSPACE_SQL_MAPPING },
  { "dictionary", WORKSPACE_SQL_DICTIONARY },
};

int
workspace_seal_metadata (sqlite3       *db,
                         WorkspaceSeal *seal)
{
  for (guint i = 0; i < G_N_ELEMENTS (metadata_queries); i++)
    {
      int rc = seal_query (db, seal, metadata_queries[i].section, metadata_queries[i].sql);

      if (rc != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

const char workspace_invalid_setting[] = "";

int
workspace_seal_settings (sqlite3     *db,
                         GHashTable  *out_settings,
                         char       **out_hex)
{
  WorkspaceSeal seal;
  auto_stmt stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, WORKSPACE_SQL_SETTINGS, -1, &stmt, NULL);

  *out_hex = NULL;
  if (rc != SQLITE_OK)
    return rc;
  workspace_seal_init (&seal, "pathways workspace settings 1");
  workspace_seal_section (&seal, "settings");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = NULL, *value = NULL;

      workspace_seal_stmt_row (&seal, stmt);   /* before any conversion */
      if (out_settings == NULL || !workspace_column_text (stmt, 0, FALSE, &key))
        continue;
      if (!workspace_column_text (stmt, 1, TRUE, &value))
        value = (char *) workspace_invalid_setting;
      g_hash_table_replace (out_settings, key, value);
    }
  if (rc != SQLITE_DONE)
    return rc;
  *out_hex = workspace_seal_finish (&seal);
  return SQLITE_OK;
}

/* ---- the stored checksums ------------------------------------------------------------ */

void
workspace_seals_clear (WorkspaceSeals *seals)
{
  g_clear_pointer (&seals->data, g_free);
  g_clear_pointer (&seals->settings, g_free);
  seals->sealed = FALSE;
}

static gboolean
is_sha256_hex (const char *s)
{
  if (s == NULL || strlen (s) != 64)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static int
checksums_table_exists (sqlite3  *db,
                        gboolean *exists)
{
  auto_stmt stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT count(*) FROM sqlite_schema "
                               "WHERE type = 'table' AND name = 'checksums'",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;
  *exists = sqlite3_column_int64 (stmt, 0) > 0;
  return SQLITE_OK;
}

/* The rows of the checksums table: FALSE for any malformed one. */
static gboolean
read_checksum_rows (sqlite3        *db,
                    WorkspaceSeals *seals,
                    int            *out_rc)
{
  auto_stmt stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT scope, sha256 FROM checksums", -1, &stmt, NULL);

  *out_rc = rc;
  if (rc != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *scope = NULL;
      g_autofree char *hex = NULL;
      char **slot;

      if (!workspace_column_text (stmt, 0, FALSE, &scope) ||
          !workspace_column_text (stmt, 1, FALSE, &hex) || !is_sha256_hex (hex))
        return FALSE;
      if (g_str_equal (scope, "data"))
        slot = &seals->data;
      else if (g_str_equal (scope, "settings"))
        slot = &seals->settings;
      else
        continue;   /* a later version's scope */
      if (*slot != NULL)
        return FALSE;
      *slot = g_steal_pointer (&hex);
    }
  *out_rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
  return rc == SQLITE_DONE;
}

gboolean
workspace_read_seals (sqlite3                *db,
                      GHashTable             *meta,
                      const WorkspaceContext *context,
                      WorkspaceSeals         *seals,
                      GError                **error)
{
  const char *algorithm = g_hash_table_lookup (meta, WORKSPACE_CHECKSUM_KEY);
  gboolean table = FALSE;
  int rc;

  workspace_seals_clear (seals);
  rc = checksums_table_exists (db, &table);
  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  if (algorithm == NULL && !table)
    return TRUE;   /* saved before workspaces had checksums */

  seals->sealed = TRUE;
  if (g_strcmp0 (algorithm, WORKSPACE_CHECKSUM_ALGORITHM) != 0 || !table ||
      !read_checksum_rows (db, seals, &rc) || seals->data == NULL)
    {
      if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_ERROR)
        workspace_set_sqlite_error (error, context, db, rc);
      else
        workspace_set_checksum_error (error, context->display, FALSE);
      return FALSE;
    }
  return TRUE;
}

static void
free_setting_value (gpointer value)
{
  if (value != workspace_invalid_setting)
    g_free (value);
}

GHashTable *
workspace_read_settings (sqlite3                *db,
                         const WorkspaceSeals   *seals,
                         const WorkspaceContext *context,
                         GError                **error)
{
  g_autoptr(GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          free_setting_value);
  g_autofree char *hex = NULL;
  int rc = workspace_seal_settings (db, settings, &hex);

  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_ERROR)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return NULL;
    }
  if (!seals->sealed)
    return g_steal_pointer (&settings);   /* no settings table: no settings */
  if (hex == NULL || seals->settings == NULL || !g_str_equal (hex, seals->settings))
    {
      workspace_set_checksum_error (error, context->display, TRUE);
      return NULL;
    }
  return g_steal_pointer (&settings);
}

gboolean
workspace_store_settings_seal (sqlite3                *db,
                               const WorkspaceContext *context,
                               GError                **error)
{
  g_autofree char *hex = NULL;
  auto_stmt stmt = NULL;
  int rc = workspace_seal_settings (db, NULL, &hex);

  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "INSERT OR REPLACE INTO checksums (scope, sha256) "
                             "VALUES ('settings', ?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_STATIC);
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
