/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

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
