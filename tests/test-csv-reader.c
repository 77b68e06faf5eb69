/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-csv-reader"

#include "config.h"

#include <string.h>

#include "pathways-csv-reader.h"
#include "pathways-row-reader.h"

#define BLOCK 262144   /* the reader's block size, to put characters across a boundary */

static char *
fixture (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "csv", name, NULL);
}

static PathwaysRowReader *
open_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  PathwaysRowReader *reader = pathways_csv_reader_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

static PathwaysRowReader *
open_memory (const char  *data,
             gsize        len,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);

  return pathways_csv_reader_new_from_bytes (bytes, "memory.csv", error);
}

static PathwaysRowReader *
open_string (const char *data)
{
  g_autoptr(GError) error = NULL;
  PathwaysRowReader *reader = open_memory (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

static void
assert_next_row (PathwaysRowReader *reader,
                 guint64            row_number,
                 guint              n_fields)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pathways_row_reader_next_row (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pathways_row_reader_get_row_number (reader), ==, row_number);
  g_assert_cmpuint (pathways_row_reader_get_n_fields (reader), ==, n_fields);
}

static void
assert_end (PathwaysRowReader *reader)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pathways_row_reader_next_row (reader, &error));
  g_assert_no_error (error);
  /* and it stays at the end */
  g_assert_false (pathways_row_reader_next_row (reader, &error));
  g_assert_no_error (error);
}

#define FIELD(r, i) pathways_row_reader_get_field ((r), (i))
#define COLUMN(r, i) pathways_row_reader_get_column_name ((r), (i))

static void
test_quoted_newline (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("quoted.csv");

  g_assert_cmpstr (pathways_row_reader_get_format (reader), ==, "CSV");
  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 3);
  g_assert_cmpstr (COLUMN (reader, 1), ==, "text");

  assert_next_row (reader, 2, 3);
  g_assert_cmpstr (FIELD (reader, 0), ==, "1");
  g_assert_cmpstr (FIELD (reader, 1), ==, "line one\nline two");
  g_assert_cmpstr (FIELD (reader, 2), ==, "plain");

  /* the quoted newline does not make a new record: this is row 3, on line 4 */
  assert_next_row (reader, 3, 3);
  g_assert_cmpstr (FIELD (reader, 1), ==, "a, b");
  g_assert_cmpstr (FIELD (reader, 2), ==, "say \"hi\"");

  assert_next_row (reader, 4, 3);
  g_assert_cmpstr (FIELD (reader, 1), ==, "");
  g_assert_cmpstr (FIELD (reader, 2), ==, "x");
  assert_end (reader);
  g_assert_cmpfloat (pathways_row_reader_get_fraction (reader), ==, 1.0);
}

static void
test_quoting_edge_cases (void)
{
  g_autoptr(PathwaysRowReader) reader =
    open_string ("a,b,c\n"
                 "\"\",\"\"\"\",\"x\"\"\"\n"       /* "", """", "x""" */
                 "\"ab\"c,d\"e,f\n"                /* text after the closing quote; inner quote */
                 "1,2,\n"                          /* trailing empty field */
                 "\"last\",\"\"");                 /* no final line end */

  assert_next_row (reader, 2, 3);
  g_assert_cmpstr (FIELD (reader, 0), ==, "");
  g_assert_cmpstr (FIELD (reader, 1), ==, "\"");
  g_assert_cmpstr (FIELD (reader, 2), ==, "x\"");

  assert_next_row (reader, 3, 3);
  g_assert_cmpstr (FIELD (reader, 0), ==, "abc");
  g_assert_cmpstr (FIELD (reader, 1), ==, "d\"e");
  g_assert_cmpstr (FIELD (reader, 2), ==, "f");

  assert_next_row (reader, 4, 3);
  g_assert_cmpstr (FIELD (reader, 2), ==, "");

  assert_next_row (reader, 5, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "last");
  g_assert_cmpstr (FIELD (reader, 1), ==, "");
  assert_end (reader);
}

static void
test_bom_crlf (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("bom-crlf.csv");

  g_assert_cmpstr (COLUMN (reader, 0), ==, "Name");
  g_assert_cmpstr (COLUMN (reader, 1), ==, "Age");
  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==,
                   "UTF-8 with BOM, comma-separated, CRLF line ends");

  assert_next_row (reader, 2, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "Ann");
  g_assert_cmpstr (FIELD (reader, 1), ==, "34");
  assert_next_row (reader, 3, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "Bob");
  g_assert_cmpstr (FIELD (reader, 1), ==, "");
  assert_end (reader);
}

static void
test_lf (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("lf.csv");

  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==,
                   "UTF-8, comma-separated, LF line ends");
  assert_next_row (reader, 2, 2);
  g_assert_cmpstr (FIELD (reader, 1), ==, "34");
  assert_next_row (reader, 3, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "Bob");
  g_assert_cmpstr (FIELD (reader, 1), ==, "51");
  assert_end (reader);
}

static void
test_lone_cr (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("lone-cr.csv");

  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==,
                   "UTF-8, comma-separated, CR line ends");
  assert_next_row (reader, 2, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "c");
  g_assert_cmpstr (FIELD (reader, 1), ==, "d");
  assert_next_row (reader, 3, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "e");
  g_assert_cmpstr (FIELD (reader, 1), ==, "f");
  assert_end (reader);
}

static void
test_crlf_across_blocks (void)
{
  /* The CR of a CRLF is the last byte of the first block, its LF the first of the
   * next: the LF must not count as a blank record. */
  g_autoptr(GString) csv = g_string_new ("h\r\n");
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append (csv, "x");
  while (csv->len < BLOCK - 1)
    g_string_append_c (csv, 'y');
  g_string_append (csv, "\r\nz\r\n");
  g_assert_cmpuint (csv->str[BLOCK - 1], ==, '\r');

  reader = open_memory (csv->str, csv->len, &error);
  g_assert_no_error (error);
  assert_next_row (reader, 2, 1);
  g_assert_cmpuint (strlen (FIELD (reader, 0)), ==, BLOCK - 1 - 3);
  assert_next_row (reader, 3, 1);
  g_assert_cmpstr (FIELD (reader, 0), ==, "z");
  assert_end (reader);
}

static void
test_windows_1252 (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("cp1252.csv");

  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==,
                   "Windows-1252, comma-separated, CRLF line ends");
  assert_next_row (reader, 2, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "José");
  g_assert_cmpstr (FIELD (reader, 1), ==, "café");
  assert_next_row (reader, 3, 2);
  g_assert_cmpstr (FIELD (reader, 1), ==, "£5");
  assert_end (reader);
}

static void
test_windows_1252_late (void)
{
  /* The first block is plain ASCII; the Windows-1252 bytes come after it. */
  g_autoptr(GString) csv = g_string_new ("Name,Note\n");
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  while (csv->len < BLOCK + 1000)
    g_string_append (csv, "plain,text\n");
  g_string_append (csv, "caf\xe9,\x80" "5 \x93quoted\x94\n");

  reader = open_memory (csv->str, csv->len, &error);
  g_assert_no_error (error);
  while (pathways_row_reader_next_row (reader, &error))
    {
      rows++;
      g_assert_true (g_utf8_validate (FIELD (reader, 0), -1, NULL));
    }
  g_assert_no_error (error);
  g_assert_cmpstr (FIELD (reader, 0), ==, "");   /* after the end, no row */

  g_clear_pointer (&reader, pathways_row_reader_free);
  reader = open_memory (csv->str, csv->len, &error);
  for (guint i = 0; i < rows; i++)
    g_assert_true (pathways_row_reader_next_row (reader, &error));
  g_assert_cmpstr (FIELD (reader, 0), ==, "café");
  g_assert_cmpstr (FIELD (reader, 1), ==, "€5 “quoted”");
}

static void
test_utf8_with_stray_bytes (void)
{
  /* Mostly UTF-8 with one byte that is not: the UTF-8 stays, the stray byte is read
   * as Windows-1252. Bad sequences of every kind come out as valid UTF-8. */
  g_autoptr(PathwaysRowReader) mostly_utf8 =
    open_string ("Name\n"
                 "na\xefve caf\xc3\xa9 \xc3\xa9t\xc3\xa9\n");
  g_autoptr(PathwaysRowReader) reader =
    open_string ("Name\n"
                 "x\n"
                 "\xc3\n"
                 "\xed\xa0\x80|\xf8\x88\x80\x80\x80|\xc0\xaf\n"
                 "end\xe2\x82");

  g_assert_cmpstr (pathways_row_reader_get_description (mostly_utf8), ==,
                   "UTF-8, comma-separated, LF line ends");
  assert_next_row (mostly_utf8, 2, 1);
  g_assert_cmpstr (FIELD (mostly_utf8, 0), ==, "naïve café été");
  assert_end (mostly_utf8);

  assert_next_row (reader, 2, 1);
  g_assert_cmpstr (FIELD (reader, 0), ==, "x");
  assert_next_row (reader, 3, 1);
  g_assert_cmpstr (FIELD (reader, 0), ==, "Ã");
  assert_next_row (reader, 4, 1);
  g_assert_true (g_utf8_validate (FIELD (reader, 0), -1, NULL));
  g_assert_cmpuint (strlen (FIELD (reader, 0)), >=, 12);
  assert_next_row (reader, 5, 1);
  g_assert_cmpstr (FIELD (reader, 0), ==, "endâ‚");
  assert_end (reader);
}

/* The edges of UTF-8 (spec/data-model.md: what is not UTF-8 is read as Windows-1252,
 * byte by byte): the smallest and largest of each length are kept, overlong forms,
 * surrogates and code points above U+10FFFF are not. The same for every block size,
 * so that a character cut by a block boundary makes no difference. */
static void
test_utf8_edges (void)
{
  static const char csv[] =
    "Name\n"
    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n"
    "a\xc2\x80z\n"             /* U+0080 */
    "a\xdf\xbfz\n"             /* U+07FF */
    "a\xe0\xa0\x80z\n"         /* U+0800 */
    "a\xed\x9f\xbfz\n"         /* U+D7FF */
    "a\xf0\x90\x80\x80z\n"     /* U+10000 */
    "a\xf4\x8f\xbf\xbfz\n"     /* U+10FFFF */
    "a\xc1\xbfz\n"             /* overlong '?' */
    "a\xe0\x9f\xbfz\n"         /* overlong U+07FF */
    "a\xed\xa0\x80z\n"         /* surrogate U+D800 */
    "a\xf0\x8f\xbf\xbfz\n"     /* overlong U+FFFF */
    "a\xf4\x90\x80\x80z\n"     /* U+110000 */
    "a\x80\xbfz\n";            /* continuation bytes alone */
  static const char * const expected[] = {
    "a\xc2\x80z", "a\xdf\xbfz", "a\xe0\xa0\x80z", "a\xed\x9f\xbfz", "a\xf0\x90\x80\x80z",
    "a\xf4\x8f\xbf\xbfz",
    "a\xc3\x81\xc2\xbfz",                          /* Á¿ */
    "a\xc3\xa0\xc5\xb8\xc2\xbfz",                  /* àŸ¿ */
    "a\xc3\xad\xc2\xa0\xe2\x82\xacz",              /* í, no-break space, € */
    "a\xc3\xb0\xef\xbf\xbd\xc2\xbf\xc2\xbfz",      /* ð, U+FFFD (0x8F is undefined), ¿¿ */
    "a\xc3\xb4\xef\xbf\xbd\xe2\x82\xac\xe2\x82\xacz",  /* ô, U+FFFD, €€ */
    "a\xe2\x82\xac\xc2\xbfz",                      /* €¿ */
  };

  for (gsize block = 0; block <= 9; block++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(PathwaysRowReader) reader =
        pathways_csv_reader_new_from_bytes_with_block_size (bytes, "edges.csv", block, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (pathways_row_reader_get_description (reader), ==,
                       "UTF-8, comma-separated, LF line ends");
      assert_next_row (reader, 2, 1);
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          assert_next_row (reader, 3 + i, 1);
          g_assert_cmpstr (FIELD (reader, 0), ==, expected[i]);
        }
      assert_end (reader);
    }
}

/* Field lengths come from the parser: quotes undone, the last field empty, a column
 * past the row's end empty. */
static void
test_field_lengths (void)
{
  g_autoptr(PathwaysRowReader) reader = open_string ("A,B,C,D\n"
                                                     "\"a\"\"b\",  x ,,\xc3\xa9\r\n"
                                                     "\"\",\"q,\nr\"\n");
  static const char * const first[] = { "a\"b", "  x ", "", "\xc3\xa9" };
  gsize len = 99;

  assert_next_row (reader, 2, 4);
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      g_assert_cmpstr (pathways_row_reader_get_field_len (reader, i, &len), ==, first[i]);
      g_assert_cmpuint (len, ==, strlen (first[i]));
    }
  assert_next_row (reader, 3, 2);
  g_assert_cmpstr (pathways_row_reader_get_field_len (reader, 0, &len), ==, "");
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpstr (pathways_row_reader_get_field_len (reader, 1, &len), ==, "q,\nr");
  g_assert_cmpuint (len, ==, 4);
  g_assert_cmpstr (pathways_row_reader_get_field_len (reader, 3, &len), ==, "");
  g_assert_cmpuint (len, ==, 0);
  assert_end (reader);
}

/* Unquoted fields of every length from 1 to 41 bytes, so that the field's end (';',
 * CR LF, LF or the end of the text) falls at every place of the reader's 16-byte scan
 * and after it. Row k is 'A', k × 'a', ';', 'B', (40 - k) × 'b', the line ends taking
 * turns; the last row has no line end at all. */
static void
test_field_ends_every_offset (void)
{
  g_autoptr(GString) text = g_string_new ("first;second\n");
  g_autoptr(PathwaysRowReader) reader = NULL;
  gsize len = 0;

  for (guint k = 0; k <= 40; k++)
    {
      g_string_append_c (text, 'A');
      for (guint i = 0; i < k; i++)
        g_string_append_c (text, 'a');
      g_string_append_c (text, ';');
      g_string_append_c (text, 'B');
      for (guint i = k; i < 40; i++)
        g_string_append_c (text, 'b');
      if (k < 40)
        g_string_append (text, k % 2 == 0 ? "\r\n" : "\n");
    }
  reader = open_string (text->str);
  for (guint k = 0; k <= 40; k++)
    {
      const char *a, *b;

      assert_next_row (reader, k + 2, 2);
      a = pathways_row_reader_get_field_len (reader, 0, &len);
      g_assert_cmpuint (len, ==, k + 1);
      g_assert_cmpuint (strlen (a), ==, k + 1);
      g_assert_cmpint (a[0], ==, 'A');
      g_assert_cmpint (a[k], ==, k == 0 ? 'A' : 'a');
      b = pathways_row_reader_get_field_len (reader, 1, &len);
      g_assert_cmpuint (len, ==, 41 - k);
      g_assert_cmpuint (strlen (b), ==, 41 - k);
      g_assert_cmpint (b[0], ==, 'B');
      g_assert_cmpint (b[40 - k], ==, k == 40 ? 'B' : 'b');
    }
  assert_end (reader);
}

static void
test_utf8_split_across_blocks (void)
{
  /* "é" (2 bytes) and "😀" (4 bytes) cut by the block boundary */
  for (guint cut = 1; cut <= 3; cut++)
    {
      g_autoptr(GString) csv = g_string_new ("Name\n");
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(PathwaysRowReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      const char *c = cut == 1 ? "é" : "😀";

      while (csv->len < BLOCK - cut)
        g_string_append_c (csv, 'a');
      g_string_append (expected, csv->str + 5);
      g_string_append (expected, c);
      g_string_append (csv, c);
      g_string_append (csv, "\nb\n");

      reader = open_memory (csv->str, csv->len, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pathways_row_reader_get_description (reader), ==,
                       "UTF-8, comma-separated, LF line ends");
      assert_next_row (reader, 2, 1);
      g_assert_cmpstr (FIELD (reader, 0), ==, expected->str);
      assert_next_row (reader, 3, 1);
      g_assert_cmpstr (FIELD (reader, 0), ==, "b");
      assert_end (reader);
    }
}

static void
check_utf16 (const char *name,
             const char *description)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture (name);

  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==, description);
  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 2);
  g_assert_cmpstr (COLUMN (reader, 0), ==, "Name");
  g_assert_cmpstr (COLUMN (reader, 1), ==, "Town");
  assert_next_row (reader, 2, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "Zoë");
  g_assert_cmpstr (FIELD (reader, 1), ==, "Cardiff");
  assert_next_row (reader, 3, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "😀");
  g_assert_cmpstr (FIELD (reader, 1), ==, "Newport");
  assert_end (reader);
}

static void
test_utf16_le (void)
{
  check_utf16 ("utf16le.csv", "UTF-16LE, comma-separated, CRLF line ends");
}

static void
test_utf16_be (void)
{
  check_utf16 ("utf16be.csv", "UTF-16BE, comma-separated, CRLF line ends");
}

static void
test_utf16_split_across_blocks (void)
{
  /* UTF-16LE whose surrogate pair is cut by the block boundary, then a lone surrogate
   * and an odd final byte, which become U+FFFD. */
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 bom[] = { 0xFF, 0xFE };
  static const guint8 header[] = { 'N', 0, '\n', 0 };
  static const guint8 smiley[] = { 0x3D, 0xD8, 0x00, 0xDE, '\n', 0 };
  static const guint8 tail[] = { 0x00, 0xD8, 'x', 0, '\n', 0, 'y' };
  guint n_a = 0;
  g_autofree char *expected = NULL;

  g_byte_array_append (data, bom, sizeof bom);
  g_byte_array_append (data, header, sizeof header);
  while (data->len < BLOCK - 2)
    {
      static const guint8 a[] = { 'a', 0 };
      g_byte_array_append (data, a, 2);
      n_a++;
    }
  g_byte_array_append (data, smiley, sizeof smiley);
  g_byte_array_append (data, tail, sizeof tail);

  reader = open_memory ((const char *) data->data, data->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (COLUMN (reader, 0), ==, "N");

  assert_next_row (reader, 2, 1);
  expected = g_strnfill (n_a, 'a');
  g_assert_true (g_str_has_prefix (FIELD (reader, 0), expected));
  g_assert_cmpstr (FIELD (reader, 0) + n_a, ==, "😀");
  assert_next_row (reader, 3, 1);
  g_assert_cmpstr (FIELD (reader, 0), ==, "\xef\xbf\xbdx");
  assert_next_row (reader, 4, 1);
  g_assert_cmpstr (FIELD (reader, 0), ==, "\xef\xbf\xbd");
  assert_end (reader);
}

static void
test_ragged (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("ragged.csv");

  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 3);
  assert_next_row (reader, 2, 2);
  g_assert_cmpstr (FIELD (reader, 1), ==, "2");
  g_assert_cmpstr (FIELD (reader, 2), ==, "");   /* absent */
  assert_next_row (reader, 3, 4);
  g_assert_cmpstr (FIELD (reader, 3), ==, "4");
  assert_next_row (reader, 4, 3);
  g_assert_cmpstr (FIELD (reader, 2), ==, "7");
  assert_end (reader);
}

static void
test_empty (void)
{
  g_autofree char *path = fixture ("empty.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = pathways_csv_reader_new (path, &error);

  g_assert_null (reader);
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "empty.csv: the file is empty; a header row is expected");
  g_clear_error (&error);

  /* blank lines and a BOM are no header either */
  reader = open_memory ("\xef\xbb\xbf\r\n\n,,\n", 9, &error);
  g_assert_null (reader);
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_EMPTY);
}

static void
test_header_only (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("header-only.csv");
  g_autoptr(PathwaysRowReader) no_newline = open_string ("a;b;c");

  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 2);
  g_assert_cmpstr (COLUMN (reader, 0), ==, "Case ID");
  g_assert_cmpstr (COLUMN (reader, 1), ==, "Referral date");
  assert_end (reader);

  g_assert_cmpuint (pathways_row_reader_get_n_columns (no_newline), ==, 3);
  g_assert_cmpstr (COLUMN (no_newline, 2), ==, "c");
  g_assert_cmpstr (pathways_row_reader_get_description (no_newline), ==,
                   "UTF-8, semicolon-separated");
  assert_end (no_newline);
}

static char *
make_big_value (gsize size)
{
  static const char pattern[] = "abc,\"\n\r d;|\t";
  char *value = g_malloc (size + 1);

  /* quotes, delimiters and line ends all through it */
  for (gsize i = 0; i < size; i++)
    value[i] = pattern[i % (sizeof pattern - 1)];
  value[size] = '\0';
  return value;
}

static void
test_big_field (void)
{
  const gsize size = 1024 * 1024;
  g_autofree char *value = make_big_value (size);
  g_autoptr(GString) csv = g_string_new ("id,blob\n1,\"");
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    {
      if (value[i] == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, value[i]);
    }
  g_string_append (csv, "\"\n2,");
  memset (value, 'u', size);    /* an unquoted 1 MB field too */
  g_string_append (csv, value);
  g_string_append (csv, "\n");

  reader = open_memory (csv->str, csv->len, &error);
  g_assert_no_error (error);

  assert_next_row (reader, 2, 2);
  g_assert_cmpuint (strlen (FIELD (reader, 1)), ==, size);
  {
    g_autofree char *original = make_big_value (size);
    g_assert_true (memcmp (FIELD (reader, 1), original, size) == 0);
  }
  assert_next_row (reader, 3, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "2");
  g_assert_cmpstr (FIELD (reader, 1), ==, value);
  assert_end (reader);
}

static void
test_field_over_limit (void)
{
  const gsize size = PATHWAYS_MAX_FIELD_SIZE + 1;

  for (guint quoted = 0; quoted < 2; quoted++)
    {
      g_autoptr(GString) csv = g_string_sized_new (size + 100);
      g_autoptr(PathwaysRowReader) reader = NULL;
      g_autoptr(GError) error = NULL;

      g_string_append (csv, "id,blob\n1,ok\n2,");
      if (quoted)
        g_string_append_c (csv, '"');
      for (gsize i = 0; i < size; i++)
        g_string_append_c (csv, 'x');
      g_string_append (csv, quoted ? "\"\n" : "\n");

      reader = open_memory (csv->str, csv->len, &error);
      g_assert_no_error (error);
      assert_next_row (reader, 2, 2);
      g_assert_false (pathways_row_reader_next_row (reader, &error));
      g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT);
      g_assert_true (g_str_has_prefix (error->message,
                                       "memory.csv: row 3, column 'blob': a cell is larger than 16 MB"));
      g_clear_error (&error);
      /* no more rows after an error */
      g_assert_false (pathways_row_reader_next_row (reader, &error));
      g_assert_no_error (error);
    }
}

static void
test_too_many_columns (void)
{
  g_autoptr(GString) csv = g_string_new ("c1");
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  /* exactly the limit is fine */
  for (guint i = 2; i <= PATHWAYS_MAX_COLUMNS; i++)
    g_string_append_printf (csv, ",c%u", i);
  g_string_append (csv, "\n1");
  reader = open_memory (csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, PATHWAYS_MAX_COLUMNS);
  g_assert_cmpstr (COLUMN (reader, PATHWAYS_MAX_COLUMNS - 1), ==, "c16384");
  assert_next_row (reader, 2, 1);
  g_clear_pointer (&reader, pathways_row_reader_free);

  /* one more, even empty, is not */
  g_string_truncate (csv, csv->len - 2);
  g_string_append (csv, ",\n1");
  reader = open_memory (csv->str, csv->len, &error);
  g_assert_null (reader);
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, "memory.csv: row 1 has more than 16384 columns");
}

static void
test_delimiters (void)
{
  struct {
    const char *file;
    const char *description;
    const char *second;      /* field 1 of the first data row */
  } cases[] = {
    { "semicolon.csv", "UTF-8, semicolon-separated, LF line ends", "2" },
    { "tab.tsv", "UTF-8, tab-separated, LF line ends", "Smith, Jo" },
    { "pipe.csv", "UTF-8, pipe-separated, LF line ends", "Jo, Smith" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PathwaysRowReader) reader = open_fixture (cases[i].file);

      g_assert_cmpstr (pathways_row_reader_get_description (reader), ==, cases[i].description);
      g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 3);
      assert_next_row (reader, 2, 3);
      g_assert_cmpstr (FIELD (reader, 1), ==, cases[i].second);
    }

  {
    g_autoptr(PathwaysRowReader) semicolon = open_fixture ("semicolon.csv");
    g_autoptr(PathwaysRowReader) tie = open_string ("a,b;c|d\tx\n1;2,3\n");

    g_assert_cmpstr (COLUMN (semicolon, 0), ==, "a,b,c");   /* commas inside quotes */
    assert_next_row (semicolon, 2, 3);
    g_assert_cmpstr (FIELD (semicolon, 0), ==, "1,5");

    g_assert_cmpuint (pathways_row_reader_get_n_columns (tie), ==, 2);
    g_assert_cmpstr (COLUMN (tie, 1), ==, "b;c|d\tx");
    assert_next_row (tie, 2, 2);
    g_assert_cmpstr (FIELD (tie, 0), ==, "1;2");
  }
}

static void
test_header_names (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("dup-header.csv");

  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 5);
  g_assert_cmpstr (COLUMN (reader, 0), ==, "DATE OCC");
  g_assert_cmpstr (COLUMN (reader, 1), ==, "DATE OCC (2)");
  g_assert_cmpstr (COLUMN (reader, 2), ==, "Column 3");
  g_assert_cmpstr (COLUMN (reader, 3), ==, "Name");
  g_assert_cmpstr (COLUMN (reader, 4), ==, "DATE OCC (3)");
  assert_next_row (reader, 2, 5);
  g_assert_cmpstr (FIELD (reader, 4), ==, "5");
}

static void
test_unterminated_quote (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("unterminated.csv");
  g_autoptr(GError) error = NULL;

  assert_next_row (reader, 2, 3);
  g_assert_false (pathways_row_reader_next_row (reader, &error));
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_QUOTING);
  g_assert_cmpstr (error->message, ==,
                   "unterminated.csv: row 3, column 'b': "
                   "the quoted cell that starts here is never closed");
  g_clear_error (&error);

  /* in the header, the column is given by number */
  g_clear_pointer (&reader, pathways_row_reader_free);
  reader = open_memory ("a,\"b\n1,2\n", 9, &error);
  g_assert_null (reader);
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_QUOTING);
  g_assert_cmpstr (error->message, ==,
                   "memory.csv: row 1, column 2: the quoted cell that starts here is never closed");
}

static void
test_error_row_thousands (void)
{
  /* 1,202 data rows, then a quote left open on row 1,204 */
  g_autoptr(GString) csv = g_string_new ("id,name\n");
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  for (guint i = 0; i < 1202; i++)
    g_string_append_printf (csv, "%u,x\n", i);
  g_string_append (csv, "1202,\"never closed\n1203,y\n");

  reader = open_memory (csv->str, csv->len, &error);
  g_assert_no_error (error);
  while (pathways_row_reader_next_row (reader, &error))
    rows++;
  g_assert_cmpuint (rows, ==, 1202);
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_QUOTING);
  g_assert_cmpstr (error->message, ==,
                   "memory.csv: row 1,204, column 'name': "
                   "the quoted cell that starts here is never closed");
}

static void
test_row_numbers (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("row-numbers.csv");

  assert_next_row (reader, 2, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "a\nb");
  /* row 3 is an empty line and row 4 has only empty fields: both skipped, counted */
  assert_next_row (reader, 5, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "c");
  assert_next_row (reader, 6, 2);
  g_assert_cmpstr (FIELD (reader, 0), ==, "d\r\n\r\ne");
  g_assert_cmpstr (FIELD (reader, 1), ==, "3");
  assert_end (reader);
}

static void
test_nul_byte (void)
{
  g_autoptr(PathwaysRowReader) reader = open_fixture ("nul.csv");
  g_autoptr(GError) error = NULL;

  g_assert_false (pathways_row_reader_next_row (reader, &error));
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "nul.csv: row 2, column 'b': the file contains a NUL byte"));
  g_clear_error (&error);

  g_clear_pointer (&reader, pathways_row_reader_free);
  reader = open_memory ("a,b\n1,\"x\0y\"\n", 12, &error);
  g_assert_no_error (error);
  g_assert_false (pathways_row_reader_next_row (reader, &error));
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_ENCODING);
}

static void
test_fraction (void)
{
  g_autoptr(GString) csv = g_string_new ("n\n");
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  double first;

  while (csv->len < 3 * BLOCK)
    g_string_append (csv, "123456789\n");
  reader = open_memory (csv->str, csv->len, &error);
  g_assert_no_error (error);

  assert_next_row (reader, 2, 1);
  first = pathways_row_reader_get_fraction (reader);
  /* one block of three or so has been read */
  g_assert_cmpfloat (first, >, 0.0);
  g_assert_cmpfloat (first, <, 0.5);
  while (pathways_row_reader_next_row (reader, &error))
    ;
  g_assert_no_error (error);
  g_assert_cmpfloat (pathways_row_reader_get_fraction (reader), ==, 1.0);
}

/* Everything a reader gives, as text: header, rows with their numbers, the error. */
static char *
dump_reader (PathwaysRowReader *reader,
             GError            *open_error)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (reader == NULL)
    {
      g_string_append_printf (out, "open error: %s\n", open_error->message);
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < pathways_row_reader_get_n_columns (reader); i++)
    g_string_append_printf (out, "[%s]", COLUMN (reader, i));
  g_string_append_c (out, '\n');
  while (pathways_row_reader_next_row (reader, &error))
    {
      g_string_append_printf (out, "%" G_GUINT64_FORMAT ":", pathways_row_reader_get_row_number (reader));
      for (guint i = 0; i < pathways_row_reader_get_n_fields (reader); i++)
        g_string_append_printf (out, "[%s]", FIELD (reader, i));
      g_string_append_c (out, '\n');
    }
  if (error != NULL)
    g_string_append_printf (out, "error: %s\n", error->message);
  return g_string_free (out, FALSE);
}

static void
test_block_sizes (void)
{
  /* Whatever the block size, so wherever the block boundaries fall, the result is the
   * same: split characters, CRLF, doubled quotes, quoted line ends across blocks. */
  static const char *files[] = {
    "quoted.csv", "bom-crlf.csv", "lf.csv", "lone-cr.csv", "cp1252.csv", "utf16le.csv",
    "utf16be.csv", "ragged.csv", "header-only.csv", "semicolon.csv", "tab.tsv",
    "pipe.csv", "dup-header.csv", "unterminated.csv", "row-numbers.csv", "nul.csv",
  };
  static const char *strings[] = {
    "a,b\r\n\"x\"\"y\r\nz\",\"\"\"\"\r\n\r\n\"\",\r\n\"q\"tail,\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\r\n",
    "\xef\xbb\xbfh\rv1\r\r\nv2\n\"\r\"",
    "\xfe\xff\x00h\x00\n\xd8\x3d\xde\x00\x00\n\xdc\x00\x00x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files) + G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PathwaysRowReader) reference = NULL;
      g_autofree char *expected = NULL;

      if (i < G_N_ELEMENTS (files))
        {
          char *contents = NULL;
          gsize len = 0;

          path = fixture (files[i]);
          g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
          bytes = g_bytes_new_take (contents, len);
        }
      else
        {
          const char *data = strings[i - G_N_ELEMENTS (files)];
          gsize len = strlen (data);

          if (data[0] == '\xfe')   /* UTF-16BE with NUL bytes */
            len = 16;
          bytes = g_bytes_new_static (data, len);
        }

      reference = pathways_csv_reader_new_from_bytes (bytes, "memory.csv", &error);
      expected = dump_reader (reference, error);
      g_clear_error (&error);

      for (gsize block = 1; block <= 17; block++)
        {
          g_autoptr(PathwaysRowReader) reader = NULL;
          g_autofree char *got = NULL;

          reader = pathways_csv_reader_new_from_bytes_with_block_size (bytes, "memory.csv",
                                                                       block, &error);
          got = dump_reader (reader, error);
          g_clear_error (&error);
          if (g_strcmp0 (got, expected) != 0)
            g_test_message ("input %u, block size %" G_GSIZE_FORMAT, i, block);
          g_assert_cmpstr (got, ==, expected);
        }
    }
}

static void
test_open_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = fixture ("no-such-file.csv");
  g_autoptr(PathwaysRowReader) reader = pathways_csv_reader_new (missing, &error);

  g_assert_null (reader);
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "no-such-file.csv"));
}

static void
test_open_dispatch (void)
{
  g_autofree char *path = fixture ("quoted.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = pathways_row_reader_open (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpstr (pathways_row_reader_get_format (reader), ==, "CSV");
  g_assert_cmpstr (pathways_row_reader_get_path (reader), ==, path);
  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 3);
  assert_next_row (reader, 2, 3);
  g_assert_cmpstr (FIELD (reader, 1), ==, "line one\nline two");
}

static void
test_nyc311 (void)
{
  g_autofree char *path = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;
  guint with_comma = 0;
  guint location = 0;

  path = g_build_filename (TEST_DATA_DIR, "nyc-311", "311_Service_Requests_sample.csv", NULL);
  reader = pathways_csv_reader_new (path, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==,
                   "UTF-8, comma-separated, LF line ends");
  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 41);
  g_assert_cmpstr (COLUMN (reader, 0), ==, "Unique Key");
  g_assert_cmpstr (COLUMN (reader, 1), ==, "Created Date");
  g_assert_cmpstr (COLUMN (reader, 40), ==, "Location");
  location = 40;

  while (pathways_row_reader_next_row (reader, &error))
    {
      rows++;
      g_assert_cmpuint (pathways_row_reader_get_row_number (reader), ==, rows + 1);
      g_assert_cmpuint (pathways_row_reader_get_n_fields (reader), ==, 41);
      if (rows == 1)
        {
          g_assert_cmpstr (FIELD (reader, 0), ==, "54049402");
          g_assert_cmpstr (FIELD (reader, 1), ==, "05/01/2022 12:00:03 AM");
          g_assert_cmpstr (FIELD (reader, 2), ==, "");
          g_assert_cmpstr (FIELD (reader, 5), ==, "Noise - Residential");
          g_assert_cmpstr (FIELD (reader, location), ==,
                           "(40.83065331987539, -73.92308231033165)");
        }
      if (strchr (FIELD (reader, location), ',') != NULL)
        with_comma++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 924);
  g_assert_cmpuint (with_comma, >, 0);
  g_assert_cmpfloat (pathways_row_reader_get_fraction (reader), ==, 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/csv-reader/quoted-newline", test_quoted_newline);
  g_test_add_func ("/pathways/csv-reader/quoting-edge-cases", test_quoting_edge_cases);
  g_test_add_func ("/pathways/csv-reader/bom-crlf", test_bom_crlf);
  g_test_add_func ("/pathways/csv-reader/lf", test_lf);
  g_test_add_func ("/pathways/csv-reader/lone-cr", test_lone_cr);
  g_test_add_func ("/pathways/csv-reader/crlf-across-blocks", test_crlf_across_blocks);
  g_test_add_func ("/pathways/csv-reader/windows-1252", test_windows_1252);
  g_test_add_func ("/pathways/csv-reader/windows-1252-late", test_windows_1252_late);
  g_test_add_func ("/pathways/csv-reader/utf8-stray-bytes", test_utf8_with_stray_bytes);
  g_test_add_func ("/pathways/csv-reader/utf8-split", test_utf8_split_across_blocks);
  g_test_add_func ("/pathways/csv-reader/utf8-edges", test_utf8_edges);
  g_test_add_func ("/pathways/csv-reader/field-lengths", test_field_lengths);
  g_test_add_func ("/pathways/csv-reader/field-ends-every-offset", test_field_ends_every_offset);
  g_test_add_func ("/pathways/csv-reader/utf16-le", test_utf16_le);
  g_test_add_func ("/pathways/csv-reader/utf16-be", test_utf16_be);
  g_test_add_func ("/pathways/csv-reader/utf16-split", test_utf16_split_across_blocks);
  g_test_add_func ("/pathways/csv-reader/ragged", test_ragged);
  g_test_add_func ("/pathways/csv-reader/empty", test_empty);
  g_test_add_func ("/pathways/csv-reader/header-only", test_header_only);
  g_test_add_func ("/pathways/csv-reader/big-field", test_big_field);
  g_test_add_func ("/pathways/csv-reader/field-over-limit", test_field_over_limit);
  g_test_add_func ("/pathways/csv-reader/too-many-columns", test_too_many_columns);
  g_test_add_func ("/pathways/csv-reader/delimiters", test_delimiters);
  g_test_add_func ("/pathways/csv-reader/header-names", test_header_names);
  g_test_add_func ("/pathways/csv-reader/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/pathways/csv-reader/row-numbers", test_row_numbers);
  g_test_add_func ("/pathways/csv-reader/error-row-thousands", test_error_row_thousands);
  g_test_add_func ("/pathways/csv-reader/nul-byte", test_nul_byte);
  g_test_add_func ("/pathways/csv-reader/fraction", test_fraction);
  g_test_add_func ("/pathways/csv-reader/block-sizes", test_block_sizes);
  g_test_add_func ("/pathways/csv-reader/open-errors", test_open_errors);
  g_test_add_func ("/pathways/csv-reader/open-dispatch", test_open_dispatch);
  g_test_add_func ("/pathways/csv-reader/nyc311", test_nyc311);

  return g_test_run ();
}
