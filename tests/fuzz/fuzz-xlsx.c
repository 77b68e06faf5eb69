/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the XLSX reader over arbitrary bytes, every row read.
 *
 * An input that starts with a zip signature is read as a workbook as it is. Any other
 * input is split on "\n====\n" into the parts of a package (sheet, shared strings,
 * styles, workbook) which are stored, uncompressed, in a zip made here: mutations then
 * reach the XML handling instead of dying on the zip's checksums. */
#define G_LOG_DOMAIN "fuzz-xlsx"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <zip.h>

#include "pathways-row-reader.h"
#include "pathways-xlsx-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define SEPARATOR "\n====\n"

static const char default_workbook[] =
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"Fuzz\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char default_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
  "2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "</Relationships>";

static void
add_part (zip_t      *zip,
          const char *name,
          const void *data,
          gsize       len)
{
  zip_source_t *source = zip_source_buffer (zip, data, len, 0);
  zip_int64_t index;

  g_assert (source != NULL);
  index = zip_file_add (zip, name, source, ZIP_FL_OVERWRITE);
  g_assert (index >= 0);
  zip_set_file_compression (zip, (zip_uint64_t) index, ZIP_CM_STORE, 0);
}

/* Builds a package from the "\n====\n"-separated parts of DATA. */
static GBytes *
make_package (const uint8_t *data,
              size_t         size)
{
  static const char *names[] = {
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
  };
  const gsize sep_len = strlen (SEPARATOR);
  zip_source_t *source;
  zip_error_t zerr;
  zip_t *zip;
  gsize start = 0;
  guint n_parts = 0;
  gboolean has_workbook = FALSE;
  zip_int64_t length;
  guint8 *buffer;

  zip_error_init (&zerr);
  source = zip_source_buffer_create (NULL, 0, 0, &zerr);
  g_assert (source != NULL);
  zip = zip_open_from_source (source, ZIP_TRUNCATE, &zerr);
  g_assert (zip != NULL);
  zip_source_keep (source);

  while (n_parts < G_N_ELEMENTS (names))
    {
      gsize end = start;

      while (end + sep_len <= size && memcmp (data + end, SEPARATOR, sep_len) != 0)
        end++;
      if (end + sep_len > size)
        end = size;

      add_part (zip, names[n_parts], data + start, end - start);
      has_workbook = has_workbook || n_parts == 3;
      n_parts++;

      if (end >= size)
        break;
      start = end + sep_len;
    }

  if (!has_workbook)
    add_part (zip, "xl/workbook.xml", default_workbook, strlen (default_workbook));
  add_part (zip, "xl/_rels/workbook.xml.rels", default_rels, strlen (default_rels));

  g_assert (zip_close (zip) == 0);

  g_assert (zip_source_open (source) == 0);
  g_assert (zip_source_seek (source, 0, SEEK_END) == 0);
  length = zip_source_tell (source);
  g_assert (length >= 0);
  g_assert (zip_source_seek (source, 0, SEEK_SET) == 0);
  buffer = g_malloc ((gsize) length + 1);
  g_assert (zip_source_read (source, buffer, (zip_uint64_t) length) == length);
  zip_source_close (source);
  zip_source_free (source);
  zip_error_fini (&zerr);

  return g_bytes_new_take (buffer, (gsize) length);
}

static void
read_all (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;

  reader = pathways_xlsx_reader_new_from_bytes (bytes, "fuzz.xlsx", NULL, &error);
  if (reader == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == PATHWAYS_READER_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert (g_str_has_prefix (error->message, "fuzz.xlsx: "));
      return;
    }

  g_assert (strcmp (pathways_row_reader_get_format (reader), "XLSX") == 0);
  g_assert (g_utf8_validate (pathways_row_reader_get_description (reader), -1, NULL));
  g_assert (pathways_row_reader_get_n_columns (reader) > 0);
  g_assert (pathways_row_reader_get_n_columns (reader) <= PATHWAYS_MAX_COLUMNS);
  for (guint i = 0; i < pathways_row_reader_get_n_columns (reader); i++)
    {
      const char *name = pathways_row_reader_get_column_name (reader, i);

      g_assert (name[0] != '\0');
      g_assert (g_utf8_validate (name, -1, NULL));
    }

  while (pathways_row_reader_next_row (reader, &error))
    {
      guint n = pathways_row_reader_get_n_fields (reader);
      gboolean blank = TRUE;
      double fraction = pathways_row_reader_get_fraction (reader);

      g_assert (n >= pathways_row_reader_get_n_columns (reader));
      g_assert (n <= PATHWAYS_MAX_COLUMNS);
      g_assert (fraction >= 0.0 && fraction <= 1.0);
      g_assert (pathways_row_reader_get_row_number (reader) >= 1);
      for (guint i = 0; i <= n; i++)
        {
          const char *field = pathways_row_reader_get_field (reader, i);

          g_assert (field != NULL);
          g_assert (g_utf8_validate (field, -1, NULL));
          g_assert (strlen (field) <= PATHWAYS_MAX_FIELD_SIZE);
          if (i < n)
            blank = blank && field[0] == '\0';
          else
            g_assert (field[0] == '\0');
        }
      g_assert (!blank);
    }

  if (error != NULL)
    {
      g_assert (error->domain == PATHWAYS_READER_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert (g_str_has_prefix (error->message, "fuzz.xlsx: "));
    }
  g_assert (pathways_row_reader_get_fraction (reader) == 1.0);

  /* Once at the end, it stays there. */
  g_clear_error (&error);
  g_assert (!pathways_row_reader_next_row (reader, &error));
  g_assert (error == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;

  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    bytes = g_bytes_new_static (data, size);
  else
    bytes = make_package (data, size);

  read_all (bytes);
  return 0;
}
