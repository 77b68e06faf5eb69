/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-csv-reader-split.c: one CSV file read as two parts, each by its own reader,
 * so that two threads parse it (pathways-import-split.c). The second part starts at
 * the first line start after the middle; the first part's reader stops there, exactly
 * at a record's start, or reads on when that line end was inside a quoted cell (which
 * only reading from the start can tell). */
#define G_LOG_DOMAIN "pathways-csv-reader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pathways-csv-reader.h"
#include "pathways-csv-reader-private.h"

/* The first line end at or after the middle of the file, looked for in the next
 * megabyte; 0 when there is none. */
static guint64
middle_line_start (PathwaysCsvReader *self)
{
  gsize window = 1024 * 1024;
  g_autofree char *data = g_malloc (window);
  guint64 middle = self->size / 2;
  gsize total = 0;
  const char *nl;

  while (total < window)
    {
      gssize n = pread (self->fd, data + total, window - total, middle + total);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      total += n;
    }
  nl = memchr (data, '\n', total);
  if (nl == NULL)
    return 0;
  return middle + (nl - data) + 1;
}

static gboolean
same_file (int a,
           int b)
{
  struct stat sa, sb;

  return fstat (a, &sa) == 0 && fstat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && sa.st_size == sb.st_size &&
         sa.st_mtim.tv_sec == sb.st_mtim.tv_sec && sa.st_mtim.tv_nsec == sb.st_mtim.tv_nsec;
}

PathwaysRowReader *
pathways_csv_reader_split (PathwaysRowReader *reader,
                           guint64            min_size)
{
  PathwaysCsvReader *self = (PathwaysCsvReader *) reader;
  PathwaysCsvReader *second;
  guint64 boundary;
  int fd;

  g_return_val_if_fail (reader != NULL, NULL);

  if (reader->klass != &_pathways_csv_reader_class || self->fd < 0 || !self->seekable ||
      (self->encoding != ENCODING_UTF8 && self->encoding != ENCODING_UTF8_BOM) ||
      self->size < MAX (min_size, 2) || self->limit > 0 || self->done || self->failed ||
      self->start > 0)
    return NULL;
  boundary = middle_line_start (self);
  /* the first part must not be read past it already (the header and the first block) */
  if (boundary == 0 || boundary <= self->consumed || boundary >= self->size)
    return NULL;

  /* The second reader opens the path again: it must be the file the first one has
   * open (an export replaced meanwhile would mix two files), at its own offset. */
  fd = g_open (reader->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  if (!same_file (self->fd, fd) || lseek (fd, (off_t) boundary, SEEK_SET) != (off_t) boundary)
    {
      close (fd);
      return NULL;
    }

  second = (PathwaysCsvReader *) pathways_row_reader_alloc (&_pathways_csv_reader_class,
                                                            sizeof (PathwaysCsvReader),
                                                            reader->path);
  second->fd = fd;
  second->size = self->size;
  second->seekable = TRUE;
  second->block_size = self->block_size;
  second->name = g_strdup (self->name);
  second->encoding = ENCODING_UTF8;   /* a byte-order mark is only at the very start */
  second->delimiter = self->delimiter;
  memcpy (second->stop, self->stop, sizeof second->stop);
  second->start = second->consumed = boundary;
  _pathways_csv_reader_init_buffers (second);
  for (guint i = 0; i < reader->header->len; i++)
    g_ptr_array_add (second->parent.header, g_strdup (g_ptr_array_index (reader->header, i)));
  second->parent.description = g_strdup (reader->description);

  self->limit = boundary;
  return (PathwaysRowReader *) second;
}

gboolean
pathways_csv_reader_at_split (PathwaysRowReader *reader,
                              guint64           *records)
{
  PathwaysCsvReader *self = (PathwaysCsvReader *) reader;

  g_return_val_if_fail (reader != NULL, FALSE);
  if (reader->klass != &_pathways_csv_reader_class || !self->at_limit)
    return FALSE;
  if (records != NULL)
    *records = self->records;
  return TRUE;
}

void
pathways_csv_reader_resume (PathwaysRowReader *reader)
{
  PathwaysCsvReader *self = (PathwaysCsvReader *) reader;

  g_return_if_fail (reader != NULL && reader->klass == &_pathways_csv_reader_class);
  self->limit = 0;
  self->at_limit = FALSE;
}
