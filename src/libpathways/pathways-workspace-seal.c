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
 * add a second to opening them, so SHA-256 is computed here, with the CPU's SHA
 * instructions when it has them (x86 SHA extensions, over 1 GB/s), and portable C
 * otherwise. The two give the same digests; tests compare both with GChecksum.
 */
#define G_LOG_DOMAIN "pathways-workspace"

#include "config.h"

#include <string.h>

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define WORKSPACE_HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#include "pathways-workspace-private.h"

/* ---- SHA-256 ------------------------------------------------------------------------ */

static const guint32 sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const guint32 sha256_initial[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* One round: T1 and T2 of FIPS 180-4 with the eight working variables renamed in
 * place of shifting them. */
#define ROUND(a, b, c, d, e, f, g, h, i)                                          \
  do {                                                                            \
    guint32 t1 = h + (ROTR (e, 6) ^ ROTR (e, 11) ^ ROTR (e, 25)) +                \
                 ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];                       \
    guint32 t2 = (ROTR (a, 2) ^ ROTR (a, 13) ^ ROTR (a, 22)) +                    \
                 ((a & b) ^ (a & c) ^ (b & c));                                   \
    d += t1;                                                                      \
    h = t1 + t2;                                                                  \
  } while (0)

static void
sha256_blocks_portable (guint32       state[8],
                        const guint8 *data,
                        gsize         n_blocks)
{
  for (gsize blk = 0; blk < n_blocks; blk++, data += 64)
    {
      guint32 w[64];
      guint32 a = state[0], b = state[1], c = state[2], d = state[3];
      guint32 e = state[4], f = state[5], g = state[6], h = state[7];

      for (guint i = 0; i < 16; i++)
        w[i] = (guint32) data[4 * i] << 24 | (guint32) data[4 * i + 1] << 16 |
               (guint32) data[4 * i + 2] << 8 | (guint32) data[4 * i + 3];
      for (guint i = 16; i < 64; i++)
        {
          guint32 s0 = ROTR (w[i - 15], 7) ^ ROTR (w[i - 15], 18) ^ (w[i - 15] >> 3);
          guint32 s1 = ROTR (w[i - 2], 17) ^ ROTR (w[i - 2], 19) ^ (w[i - 2] >> 10);

          w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
      for (guint i = 0; i < 64; i += 8)
        {
          ROUND (a, b, c, d, e, f, g, h, i);
          ROUND (h, a, b, c, d, e, f, g, i + 1);
          ROUND (g, h, a, b, c, d, e, f, i + 2);
          ROUND (f, g, h, a, b, c, d, e, i + 3);
          ROUND (e, f, g, h, a, b, c, d, i + 4);
          ROUND (d, e, f, g, h, a, b, c, i + 5);
          ROUND (c, d, e, f, g, h, a, b, i + 6);
          ROUND (b, c, d, e, f, g, h, a, i + 7);
        }
      state[0] += a;
      state[1] += b;
      state[2] += c;
      state[3] += d;
      state[4] += e;
      state[5] += f;
      state[6] += g;
      state[7] += h;
    }
}

#ifdef WORKSPACE_HAVE_SHA_NI
/* The x86 SHA extensions: four rounds per pair of sha256rnds2, the message schedule
 * by sha256msg1/msg2 (Intel's "SHA extensions" paper, in a loop). */
__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
sha256_blocks_sha_ni (guint32       state[8],
                      const guint8 *data,
                      gsize         n_blocks)
{
  const __m128i mask = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i state0, state1, tmp;

  tmp = _mm_loadu_si128 ((const __m128i *) &state[0]);
  state1 = _mm_loadu_si128 ((const __m128i *) &state[4]);
  tmp = _mm_shuffle_epi32 (tmp, 0xb1);            /* CDAB */
  state1 = _mm_shuffle_epi32 (state1, 0x1b);      /* EFGH */
  state0 = _mm_alignr_epi8 (tmp, state1, 8);      /* ABEF */
  state1 = _mm_blend_epi16 (state1, tmp, 0xf0);   /* CDGH */

  for (gsize b = 0; b < n_blocks; b++, data += 64)
    {
      __m128i abef = state0, cdgh = state1;
      __m128i msg[4];

      for (guint i = 0; i < 4; i++)
        msg[i] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * i)), mask);

      for (guint i = 0; i < 16; i++)
        {
          __m128i m = _mm_add_epi32 (msg[i & 3], _mm_loadu_si128 ((const __m128i *) &sha256_k[4 * i]));

          state1 = _mm_sha256rnds2_epu32 (state1, state0, m);
          if (i >= 3 && i <= 14)
            {
              __m128i next = _mm_add_epi32 (msg[(i + 1) & 3],
                                            _mm_alignr_epi8 (msg[i & 3], msg[(i - 1) & 3], 4));

              msg[(i + 1) & 3] = _mm_sha256msg2_epu32 (next, msg[i & 3]);
            }
          m = _mm_shuffle_epi32 (m, 0x0e);
          state0 = _mm_sha256rnds2_epu32 (state0, state1, m);
          if (i >= 1 && i <= 12)
            msg[(i - 1) & 3] = _mm_sha256msg1_epu32 (msg[(i - 1) & 3], msg[i & 3]);
        }

      state0 = _mm_add_epi32 (state0, abef);
      state1 = _mm_add_epi32 (state1, cdgh);
    }

  tmp = _mm_shuffle_epi32 (state0, 0x1b);         /* FEBA */
  state1 = _mm_shuffle_epi32 (state1, 0xb1);      /* DCHG */
  state0 = _mm_blend_epi16 (tmp, state1, 0xf0);   /* DCBA */
  state1 = _mm_alignr_epi8 (state1, tmp, 8);      /* ABEF */
  _mm_storeu_si128 ((__m128i *) &state[0], state0);
  _mm_storeu_si128 ((__m128i *) &state[4], state1);
}

static gboolean
cpu_has_sha_ni (void)
{
  unsigned int a, b, c, d;

  if (!__get_cpuid (1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19)))
    return FALSE;   /* SSSE3, SSE4.1 */
  if (__get_cpuid_max (0, NULL) < 7)
    return FALSE;
  __cpuid_count (7, 0, a, b, c, d);
  return (b & (1u << 29)) != 0;   /* SHA */
}
#endif

static gint force_portable;

void
workspace_sha256_force_portable (gboolean portable)
{
  g_atomic_int_set (&force_portable, portable);
}

gboolean
workspace_sha256_accelerated (void)
{
#ifdef WORKSPACE_HAVE_SHA_NI
  static gsize detected = 0;
  static gboolean has = FALSE;

  if (g_once_init_enter (&detected))
    {
      has = cpu_has_sha_ni ();
      g_once_init_leave (&detected, 1);
    }
  return has && !g_atomic_int_get (&force_portable);
#else
  return FALSE;
#endif
}

static void
sha256_blocks (guint32       state[8],
               const guint8 *data,
               gsize         n_blocks)
{
#ifdef WORKSPACE_HAVE_SHA_NI
  if (workspace_sha256_accelerated ())
    {
      sha256_blocks_sha_ni (state, data, n_blocks);
      return;
    }
#endif
  sha256_blocks_portable (state, data, n_blocks);
}

void
workspace_sha256_init (WorkspaceSha256 *sha)
{
  memcpy (sha->state, sha256_initial, sizeof sha->state);
  sha->buffered = 0;
  sha->length = 0;
}

void
workspace_sha256_update (WorkspaceSha256 *sha,
                         gconstpointer    data,
                         gsize            length)
{
  const guint8 *p = data;

  sha->length += length;
  if (sha->buffered > 0)
    {
      gsize take = MIN (length, 64 - sha->buffered);

      memcpy (sha->buffer + sha->buffered, p, take);
      sha->buffered += take;
      p += take;
      length -= take;
      if (sha->buffered < 64)
        return;
      sha256_blocks (sha->state, sha->buffer, 1);
      sha->buffered = 0;
    }
  if (length >= 64)
    {
      sha256_blocks (sha->state, p, length / 64);
      p += length & ~(gsize) 63;
      length &= 63;
    }
  memcpy (sha->buffer, p, length);
  sha->buffered = length;
}

char *
workspace_sha256_finish (WorkspaceSha256 *sha)
{
  guint64 bits = sha->length * 8;
  guint8 tail[72] = { 0x80 };
  gsize pad = (sha->buffered < 56 ? 56 : 120) - sha->buffered;
  GString *hex = g_string_sized_new (64);

  for (guint i = 0; i < 8; i++)
    tail[pad + i] = (guint8) (bits >> (56 - 8 * i));
  workspace_sha256_update (sha, tail, pad + 8);
  g_assert (sha->buffered == 0);
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (hex, "%08x", sha->state[i]);
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

static void
seal_tag_u64 (WorkspaceSeal *seal,
              guint8         tag,
              guint64        value)
{
  guint8 bytes[9] = { tag };

  for (guint i = 0; i < 8; i++)
    bytes[1 + i] = (guint8) (value >> (8 * i));
  workspace_sha256_update (&seal->sha, bytes, sizeof bytes);
}

static void
seal_bytes (WorkspaceSeal *seal,
            guint8         tag,
            gconstpointer  data,
            gsize          length)
{
  seal_tag_u64 (seal, tag, length);
  if (length > 0)
    workspace_sha256_update (&seal->sha, data, length);
}

void
workspace_seal_init (WorkspaceSeal *seal,
                     const char    *scope)
{
  if (seal == NULL)
    return;
  workspace_sha256_init (&seal->sha);
  seal_bytes (seal, TAG_TEXT, scope, strlen (scope));
}

void
workspace_seal_section (WorkspaceSeal *seal,
                        const char    *name)
{
  guint8 tag = TAG_SECTION;

  if (seal == NULL)
    return;
  workspace_sha256_update (&seal->sha, &tag, 1);
  seal_bytes (seal, TAG_TEXT, name, strlen (name));
}

void
workspace_seal_row (WorkspaceSeal *seal)
{
  guint8 tag = TAG_ROW;

  if (seal != NULL)
    workspace_sha256_update (&seal->sha, &tag, 1);
}

void
workspace_seal_null (WorkspaceSeal *seal)
{
  guint8 tag = TAG_NULL;

  if (seal != NULL)
    workspace_sha256_update (&seal->sha, &tag, 1);
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
    seal_bytes (seal, TAG_TEXT, text, strlen (text));
}

void
workspace_seal_blob (WorkspaceSeal *seal,
                     gconstpointer  data,
                     gsize          length)
{
  if (seal != NULL)
    seal_bytes (seal, TAG_BLOB, data, length);
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

        seal_bytes (seal, TAG_TEXT, text, (gsize) sqlite3_column_bytes (stmt, column));
      }
      break;
    case SQLITE_BLOB:
      {
        const void *blob = sqlite3_column_blob (stmt, column);

        seal_bytes (seal, TAG_BLOB, blob, (gsize) sqlite3_column_bytes (stmt, column));
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
