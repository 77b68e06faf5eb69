/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the CSV reader over arbitrary bytes, every row read.
 *
 * Each input is read twice: with the default block size and with a small one chosen
 * from the input, so that the block-boundary code is reached; both readings must give
 * exactly the same header, rows and error. */
#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "pathways-csv-reader.h"
#include "pathways-row-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Reads everything; returns a summary (header, fields, error) to compare. */
static GString *
read_all (GBytes *bytes,
          gsize   block_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  GString *out = g_string_new (NULL);
  gsize size = g_bytes_get_size (bytes);
  gsize total = 0;

  reader = pathways_csv_reader_new_from_bytes_with_block_size (bytes, "fuzz.csv",
                                                               block_size, &error);
  if (reader == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == PATHWAYS_READER_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_string_append_printf (out, "open: %d %s\n", error->code, error->message);
      return out;
    }

  g_assert (g_utf8_validate (pathways_row_reader_get_description (reader), -1, NULL));
  g_assert (pathways_row_reader_get_n_columns (reader) > 0);
  for (guint i = 0; i < pathways_row_reader_get_n_columns (reader); i++)
    {
      const char *name = pathways_row_reader_get_column_name (reader, i);
      g_assert (name[0] != '\0');
      g_assert (g_utf8_validate (name, -1, NULL));
      g_string_append_printf (out, "[%s]", name);
    }
  g_string_append_c (out, '\n');

  while (pathways_row_reader_next_row (reader, &error))
    {
      guint n = pathways_row_reader_get_n_fields (reader);
      gboolean blank = TRUE;

      g_assert (n > 0 && n <= PATHWAYS_MAX_COLUMNS);
      g_assert (pathways_row_reader_get_row_number (reader) >= 2);
      g_string_append_printf (out, "%" G_GUINT64_FORMAT ":",
                              pathways_row_reader_get_row_number (reader));
      for (guint i = 0; i <= n; i++)
        {
          const char *field = pathways_row_reader_get_field (reader, i);

          g_assert (field != NULL);
          g_assert (g_utf8_validate (field, -1, NULL));
          if (i < n)
            {
              blank = blank && field[0] == '\0';
              g_string_append_printf (out, "[%s]", field);
            }
          else
            g_assert (field[0] == '\0');
          total += strlen (field);
        }
      g_assert (!blank);            /* blank rows are skipped */
      g_assert (total <= 3 * size); /* one input byte decodes to 3 UTF-8 bytes at most */
      g_string_append_c (out, '\n');
    }

  if (error != NULL)
    {
      g_assert (error->domain == PATHWAYS_READER_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_string_append_printf (out, "error: %d %s\n", error->code, error->message);
    }
  g_assert (pathways_row_reader_get_fraction (reader) == 1.0 || error != NULL);
  return out;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GString) reference = read_all (bytes, 0);
  g_autoptr(GString) small = read_all (bytes, 1 + (size > 0 ? data[size - 1] % 8 : 0));

  g_assert (g_string_equal (reference, small));
  return 0;
}
