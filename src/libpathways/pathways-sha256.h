/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* SHA-256 of a file as lowercase hex, reading it in blocks, read-only. */
char *pathways_sha256_file (const char  *path,
                            gint64      *out_size,
                            GError     **error);

G_END_DECLS
