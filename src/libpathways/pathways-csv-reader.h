/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pathways-row-reader.h"

G_BEGIN_DECLS

/* A CSV reader (spec/data-model.md): RFC 4180 quoting, delimiter detected among
 * , ; tab |, UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 fallback,
 * CRLF or LF. The file is opened read-only and read in blocks. */
PathwaysRowReader *pathways_csv_reader_new            (const char  *path,
                                                       GError     **error);
/* The same over bytes in memory (tests, fuzzing); NAME is used in messages. */
PathwaysRowReader *pathways_csv_reader_new_from_bytes (GBytes      *bytes,
                                                       const char  *name,
                                                       GError     **error);

G_END_DECLS
