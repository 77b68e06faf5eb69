/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV reader's state, shared by pathways-csv-reader.c (reading) and
 * pathways-csv-reader-split.c (one file read as two parts). */
#pragma once

#include "pathways-row-reader-private.h"

G_BEGIN_DECLS

/* Worst-case growth when decoding: one Windows-1252 byte becomes 3 UTF-8 bytes. */
#define DECODE_FACTOR     3

typedef enum {
  ENCODING_UTF8,
  ENCODING_UTF8_BOM,
  ENCODING_WINDOWS_1252,
  ENCODING_UTF16LE,
  ENCODING_UTF16BE,
} Encoding;

typedef struct {
  PathwaysRowReader parent;

  char        *name;            /* file name used in messages */

  /* Source: a file descriptor, or bytes in memory. */
  int          fd;
  GBytes      *bytes;
  gsize        bytes_offset;
  guint64      size;
  guint64      consumed;
  gsize        block_size;      /* bytes read at a time */
  gboolean     seekable;        /* a regular file: the encoding sniffer can peek */
  gboolean     eof;             /* source exhausted and every byte decoded */

  Encoding     encoding;
  char         delimiter;
  guint8       stop[256];       /* bytes that end an unquoted field */

  /* Decoded UTF-8 text: [row_start, text_end) is not parsed yet; buf[text_end] is a
   * NUL sentinel, so the unquoted scan needs no bounds check. */
  char        *buf;
  gsize        buf_size;
  gsize        row_start;
  gsize        text_end;

  /* Raw bytes of a character split across two blocks. */
  guint8       carry[4];
  guint        n_carry;
  guint8      *raw;             /* block_size + 8 bytes of scratch (at least 12) */

  gboolean     saw_nul;         /* a NUL byte was decoded somewhere */
  gboolean     pending_cr;      /* the last record ended on CR: skip one LF */
  gboolean     done;
  gboolean     failed;

  /* The current record. */
  guint       *starts;          /* field offsets from the record's start */
  guint       *lengths;         /* field lengths in bytes */
  const char **field_ptrs;
  guint        fields_alloc;
  guint64      records;         /* records read so far, blank ones included */

  /* A file read as two parts (pathways_csv_reader_split): the first part's reader
   * stops at LIMIT, the byte where the second part's starts (START). */
  guint64      limit;           /* 0: none */
  guint64      start;           /* the first byte this reader reads */
  gboolean     at_limit;        /* stopped at the limit, at a record's start */
} PathwaysCsvReader;

extern const PathwaysRowReaderClass _pathways_csv_reader_class;

/* The block and text buffers of SELF, whose block_size is set. */
void _pathways_csv_reader_init_buffers (PathwaysCsvReader *self);

G_END_DECLS
