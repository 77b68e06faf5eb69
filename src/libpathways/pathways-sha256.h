/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PATHWAYS_SHA256_SIZE 32

/* SHA-256 (FIPS 180-4), incremental. A plain struct: copy it to fork a running hash.
 * The compression uses the CPU's SHA instructions where it has them (chosen at run
 * time) and portable C elsewhere; both give the same digest. */
typedef struct
{
  guint32 state[8];
  guint64 n_bytes;
  guint8  block[64];
} PathwaysSha256;

void pathways_sha256_init   (PathwaysSha256 *self);
void pathways_sha256_update (PathwaysSha256 *self,
                             const void     *data,
                             gsize           len);
void pathways_sha256_finish (PathwaysSha256 *self,
                             guint8          digest[PATHWAYS_SHA256_SIZE]);

/* HMAC-SHA-256 (RFC 2104): init with the key, then update and finish; copy an
 * initialised one to reuse its key without hashing the key again. */
typedef struct
{
  PathwaysSha256 inner;
  PathwaysSha256 outer;
} PathwaysHmacSha256;

void pathways_hmac_sha256_init   (PathwaysHmacSha256 *self,
                                  const guint8       *key,
                                  gsize               key_len);
void pathways_hmac_sha256_update (PathwaysHmacSha256 *self,
                                  const void         *data,
                                  gsize               len);
void pathways_hmac_sha256_finish (PathwaysHmacSha256 *self,
                                  guint8              digest[PATHWAYS_SHA256_SIZE]);

/* TRUE when the CPU's SHA instructions are used. */
gboolean pathways_sha256_accelerated     (void);
/* Tests: TRUE to use only the portable code, not the CPU's SHA instructions. */
void     _pathways_sha256_force_portable (gboolean portable);

/* SHA-256 of a file as lowercase hex, reading it in blocks, read-only. */
char *pathways_sha256_file (const char  *path,
                            gint64      *out_size,
                            GError     **error);
/* The same, stopping with G_IO_ERROR_CANCELLED between blocks once CANCELLABLE (may be
 * NULL) is cancelled. */
char *pathways_sha256_file_cancellable (const char    *path,
                                        gint64        *out_size,
                                        GCancellable  *cancellable,
                                        GError       **error);

G_END_DECLS
