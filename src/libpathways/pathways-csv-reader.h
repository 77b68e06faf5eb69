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
/* For tests and fuzzing: the same, reading BLOCK_SIZE bytes at a time (0 for the
 * default, at most 256 KiB), to reach the block-boundary code with small inputs. */
PathwaysRowReader *pathways_csv_reader_new_from_bytes_with_block_size (GBytes      *bytes,
                                                                       const char  *name,
                                                                       gsize        block_size,
                                                                       GError     **error);

G_END_DECLS
