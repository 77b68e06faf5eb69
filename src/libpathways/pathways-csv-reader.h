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

/* Reading a large file on two threads. For a UTF-8 file of MIN_SIZE bytes or more,
 * read from disk and not yet read past its middle: a second reader for the records
 * from the first line start after the middle (its row numbers count from 1 there), and
 * READER then stops at that byte; NULL when the file cannot be split. Where READER
 * stopped at the split exactly, pathways_csv_reader_at_split() is TRUE and gives the
 * records read, header included, which the second part's row numbers add to.
 * Otherwise the split fell inside a quoted cell and READER went on to the end: the
 * second part is worth nothing. pathways_csv_reader_resume() makes READER read on
 * past the split, as if the file had never been split. */
PathwaysRowReader *pathways_csv_reader_split          (PathwaysRowReader *reader,
                                                       guint64            min_size);
gboolean           pathways_csv_reader_at_split       (PathwaysRowReader *reader,
                                                       guint64           *records);
void               pathways_csv_reader_resume         (PathwaysRowReader *reader);

G_END_DECLS
