/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The part of PathwaysRowReader that the CSV and XLSX readers share. */
#pragma once

#include "pathways-row-reader.h"
#include "pathways-csv-reader.h"
#include "pathways-xlsx-reader.h"

G_BEGIN_DECLS

typedef struct {
  const char *format;                                   /* "CSV", "XLSX" */
  gboolean  (*next_row) (PathwaysRowReader *self, GError **error);
  double    (*get_fraction) (PathwaysRowReader *self);
  void      (*finalize) (PathwaysRowReader *self);      /* frees the subclass part only */
} PathwaysRowReaderClass;

struct _PathwaysRowReader {
  const PathwaysRowReaderClass *klass;
  char        *path;
  char        *description;
  GPtrArray   *header;        /* char*, unique names */
  /* The current row: the subclass fills these in next_row. */
  const char **fields;
  const guint *field_lengths; /* their lengths in bytes; NULL: not known */
  guint        n_fields;
  guint64      row_number;
  gboolean     date1904;
};

/* Sets the header from raw names: trims, names empty ones, makes duplicates unique. */
void pathways_row_reader_set_header (PathwaysRowReader  *self,
                                     const char * const *names,
                                     guint               n_names);

/* Readers behind pathways_row_reader_open(). SELF_SIZE is the size of the subclass
 * struct, which starts with a PathwaysRowReader. */
PathwaysRowReader *pathways_row_reader_alloc (const PathwaysRowReaderClass *klass,
                                              gsize                         self_size,
                                              const char                   *path);

G_END_DECLS
