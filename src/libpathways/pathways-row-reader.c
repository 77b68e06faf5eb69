/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-row-reader"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "pathways-i18n.h"
#include <glib/gstdio.h>

#include "pathways-row-reader-private.h"

G_DEFINE_QUARK (pathways-reader-error-quark, pathways_reader_error)

PathwaysRowReader *
pathways_row_reader_alloc (const PathwaysRowReaderClass *klass,
                           gsize                         self_size,
                           const char                   *path)
{
  PathwaysRowReader *self;

  g_assert (klass != NULL);
  g_assert (self_size >= sizeof (PathwaysRowReader));

  self = g_malloc0 (self_size);
  self->klass = klass;
  self->path = g_strdup (path);
  self->header = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static gboolean
starts_with_zip_signature (const char  *path,
                           gboolean    *is_zip,
                           GError     **error)
{
  guint8 magic[4] = { 0 };
  ssize_t n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN,
                   _("%s: cannot open the file: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  n = read (fd, magic, sizeof magic);
  close (fd);

  *is_zip = (n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4);
  return TRUE;
}

PathwaysRowReader *
pathways_row_reader_open (const char  *path,
                          const char  *sheet,
                          GError     **error)
{
  gboolean is_zip = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN,
                   _("%s: is a folder, not a CSV or XLSX file"), path);
      return NULL;
    }

  if (!starts_with_zip_signature (path, &is_zip, error))
    return NULL;

  if (is_zip)
    return pathways_xlsx_reader_new (path, sheet, error);

  return pathways_csv_reader_new (path, error);
}

void
pathways_row_reader_free (PathwaysRowReader *self)
{
  if (self == NULL)
    return;

  if (self->klass->finalize != NULL)
    self->klass->finalize (self);

  g_clear_pointer (&self->header, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->description, g_free);
  g_free (self);
}

const char *
pathways_row_reader_get_path (PathwaysRowReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

const char *
pathways_row_reader_get_format (PathwaysRowReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->klass->format;
}

const char *
pathways_row_reader_get_description (PathwaysRowReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->description != NULL ? self->description : "";
}

guint
pathways_row_reader_get_n_columns (PathwaysRowReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->header->len;
}

const char *
pathways_row_reader_get_column_name (PathwaysRowReader *self,
                                     guint              column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->header->len, NULL);
  return g_ptr_array_index (self->header, column);
}

gboolean
pathways_row_reader_next_row (PathwaysRowReader  *self,
                              GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return self->klass->next_row (self, error);
}

guint
pathways_row_reader_get_n_fields (PathwaysRowReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_fields;
}

const char *
pathways_row_reader_get_field (PathwaysRowReader *self,
                               guint              column)
{
  g_return_val_if_fail (self != NULL, "");

  if (column >= self->n_fields || self->fields[column] == NULL)
    return "";
  return self->fields[column];
}

const char *
pathways_row_reader_get_field_len (PathwaysRowReader *self,
                                   guint              column,
                                   gsize             *out_len)
{
  const char *field;

  g_return_val_if_fail (self != NULL && out_len != NULL, "");

  if (column >= self->n_fields || self->fields[column] == NULL)
    {
      *out_len = 0;
      return "";
    }
  field = self->fields[column];
  *out_len = self->field_lengths != NULL ? self->field_lengths[column] : strlen (field);
  return field;
}

guint64
pathways_row_reader_get_row_number (PathwaysRowReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->row_number;
}

double
pathways_row_reader_get_fraction (PathwaysRowReader *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  if (self->klass->get_fraction == NULL)
    return 0.0;
  return CLAMP (self->klass->get_fraction (self), 0.0, 1.0);
}

gboolean
pathways_row_reader_get_date1904 (PathwaysRowReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->date1904;
}

void
pathways_row_reader_set_header (PathwaysRowReader  *self,
                                const char * const *names,
                                guint               n_names)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* base name → the next suffix number to try for it. Every number below it is already
   * taken, and names are never given back, so each base's search resumes where it
   * stopped: n copies of one name cost n lookups, not n²/2. */
  g_autoptr(GHashTable) next_suffix = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);

  g_ptr_array_set_size (self->header, 0);

  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *base = NULL;
      char *name;

      base = g_strstrip (g_strdup (names[i] != NULL ? names[i] : ""));
      if (base[0] == '\0')
        {
          g_free (base);
          base = g_strdup_printf (_("Column %u"), i + 1);
        }

      name = g_strdup (base);
      if (g_hash_table_contains (seen, name))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (next_suffix, base));

          if (n < 2)
            n = 2;
          do
            {
              g_free (name);
              name = g_strdup_printf ("%s (%u)", base, n++);
            }
          while (g_hash_table_contains (seen, name));
          g_hash_table_replace (next_suffix, g_strdup (base), GUINT_TO_POINTER (n));
        }

      g_hash_table_add (seen, g_strdup (name));
      g_ptr_array_add (self->header, name);
    }
}

const char *
pathways_row_reader_trimmed (GString    *buf,
                             const char *text)
{
  const char *end;

  g_return_val_if_fail (buf != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (text[0] == '\0')
    return text;
  end = text + strlen (text);
  if (!g_ascii_isspace (text[0]) && !g_ascii_isspace (end[-1]))
    return text;
  while (g_ascii_isspace (*text))
    text++;
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  g_string_truncate (buf, 0);
  g_string_append_len (buf, text, end - text);
  return buf->str;
}
