/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xlsx-reader"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "pathways-row-reader.h"
#include "pathways-xlsx-reader.h"

/* Helpers {{{ */

/* A fresh path in this test's own isolated cache folder. */
static char *
test_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* Every data row as "ROW:field|field|...\n", using n_fields of each row. */
static char *
read_rows (PathwaysRowReader  *reader,
           GError            **error)
{
  GString *out = g_string_new (NULL);

  while (pathways_row_reader_next_row (reader, error))
    {
      guint n = pathways_row_reader_get_n_fields (reader);

      g_string_append_printf (out, "%" G_GUINT64_FORMAT ":",
                              pathways_row_reader_get_row_number (reader));
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append (out, pathways_row_reader_get_field (reader, i));
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
header_string (PathwaysRowReader *reader)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pathways_row_reader_get_n_columns (reader); i++)
    {
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, pathways_row_reader_get_column_name (reader, i));
    }
  return g_string_free (out, FALSE);
}

/* Writes a zip at PATH from NULL-terminated (name, content) pairs. */
static void
write_zip_file (const char *path,
                const char *first_name,
                ...)
{
  va_list args;
  zip_t *zip;
  int code = 0;

  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  g_assert_nonnull (zip);

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *content = va_arg (args, const char *);
      zip_source_t *source;

      source = zip_source_buffer (zip, g_strdup (content), strlen (content), 1);
      g_assert_nonnull (source);
      g_assert_cmpint (zip_file_add (zip, name, source, ZIP_FL_OVERWRITE), >=, 0);
    }
  va_end (args);

  g_assert_cmpint (zip_close (zip), ==, 0);
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

#define WORKBOOK_ONE_SHEET(extra) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  extra \
  "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>"

#define WORKBOOK_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId7\" " \
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" " \
  "Target=\"worksheets/data.xml\"/>" \
  "<Relationship Id=\"rId8\" " \
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" " \
  "Target=\"styles.xml\"/>" \
  "<Relationship Id=\"rId9\" " \
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" " \
  "Target=\"sharedStrings.xml\"/>" \
  "</Relationships>"

#define SHEET(rows) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<sheetData>" rows "</sheetData></worksheet>"

#define STYLES_SIMPLE \
  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"

#define SST_EMPTY \
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"

/* A one-sheet workbook whose sheet part is SHEET_XML. */
static GBytes *
make_simple_workbook (const char *sheet_xml)
{
  g_autofree char *path = test_path ("simple.xlsx");

  write_zip_file (path,
                  "xl/workbook.xml", WORKBOOK_ONE_SHEET (""),
                  "xl/_rels/workbook.xml.rels", WORKBOOK_RELS,
                  "xl/styles.xml", STYLES_SIMPLE,
                  "xl/sharedStrings.xml", SST_EMPTY,
                  "xl/worksheets/data.xml", sheet_xml,
                  NULL);
  return file_bytes (path);
}

/* Opening BYTES and reading every row must fail with CODE somewhere. */
static void
assert_fails (GBytes     *bytes,
              int         code,
              const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;

  reader = pathways_xlsx_reader_new_from_bytes (bytes, "book.xlsx", NULL, &error);
  if (reader != NULL)
    {
      g_autofree char *rows = read_rows (reader, &error);
    }

  g_assert_error (error, PATHWAYS_READER_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "book.xlsx: "));
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” not in “%s”", message_part, error->message);
}

/* }}} */

/* Workbooks written by libxlsxwriter {{{ */

static void
write_basic_workbook (const char *path,
                      gboolean    constant_memory)
{
  lxw_workbook_options options = { .constant_memory = constant_memory, .tmpdir = NULL };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "cases");
  lxw_format *iso = workbook_add_format (workbook);
  lxw_format *stamp = workbook_add_format (workbook);
  lxw_format *uk = workbook_add_format (workbook);
  lxw_format *bold = workbook_add_format (workbook);
  lxw_format *fill = workbook_add_format (workbook);
  lxw_datetime day = { 2023, 5, 4, 0, 0, 0.0 };
  lxw_datetime moment = { 2023, 5, 4, 13, 45, 0.0 };
  lxw_rich_string_tuple part1 = { .format = NULL, .string = (char *) "Bo" };
  lxw_rich_string_tuple part2 = { .format = bold, .string = (char *) "b" };
  lxw_rich_string_tuple *rich[] = { &part1, &part2, NULL };
  const char *header[] = { "Case ID", "Name", "Count", "Ratio", "Active", "Referred",
                           "Seen at", "Closed", "Label" };

  format_set_num_format (iso, "yyyy-mm-dd");
  format_set_num_format (stamp, "dd/mm/yyyy hh:mm");
  format_set_num_format (uk, "dd/mm/yyyy");
  format_set_bold (bold);
  format_set_bg_color (fill, LXW_COLOR_YELLOW);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    worksheet_write_string (sheet, 0, (lxw_col_t) i, header[i], NULL);

  worksheet_write_string (sheet, 1, 0, "C1", NULL);
  worksheet_write_string (sheet, 1, 1, "Alice", NULL);
  worksheet_write_number (sheet, 1, 2, 42, NULL);
  worksheet_write_number (sheet, 1, 3, 3.5, NULL);
  worksheet_write_boolean (sheet, 1, 4, 1, NULL);
  worksheet_write_datetime (sheet, 1, 5, &day, iso);
  worksheet_write_datetime (sheet, 1, 6, &moment, stamp);
  worksheet_write_number (sheet, 1, 7, 45000, uk);
  worksheet_write_formula_str (sheet, 1, 8, "=\"A\"&\"B\"", NULL, "AB");

  /* Gaps: B, D and F to I are absent. */
  worksheet_write_string (sheet, 2, 0, "C2", NULL);
  worksheet_write_number (sheet, 2, 2, -7, NULL);
  worksheet_write_boolean (sheet, 2, 4, 0, NULL);

  /* Row 4 stays empty. Row 5: a rich string, and a styled blank beyond the header. */
  worksheet_write_string (sheet, 4, 0, "C3", NULL);
  worksheet_write_rich_string (sheet, 4, 1, rich, NULL);
  worksheet_write_number (sheet, 4, 2, 1234567.125, NULL);
  worksheet_write_number (sheet, 4, 3, 0.001, NULL);
  worksheet_write_blank (sheet, 4, 9, fill);

  /* Row 6 has only blanks: skipped. */
  worksheet_write_blank (sheet, 5, 1, fill);

  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

#define BASIC_HEADER "Case ID|Name|Count|Ratio|Active|Referred|Seen at|Closed|Label"
#define BASIC_ROWS \
  "2:C1|Alice|42|3.5|TRUE|2023-05-04|2023-05-04 13:45:00|2023-03-15|AB\n" \
  "3:C2||-7||FALSE||||\n" \
  "5:C3|Bob|1234567.125|0.001|||||\n"

static void
test_basic (void)
{
  g_autofree char *path = test_path ("basic.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autofree char *header = NULL;
  g_autofree char *rows = NULL;
  double fraction;

  write_basic_workbook (path, FALSE);

  reader = pathways_xlsx_reader_new (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);

  g_assert_cmpstr (pathways_row_reader_get_format (reader), ==, "XLSX");
  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==, "sheet “cases”");
  g_assert_cmpstr (pathways_row_reader_get_path (reader), ==, path);
  g_assert_false (pathways_row_reader_get_date1904 (reader));
  g_assert_cmpuint (pathways_row_reader_get_n_columns (reader), ==, 9);

  header = header_string (reader);
  g_assert_cmpstr (header, ==, BASIC_HEADER);

  fraction = pathways_row_reader_get_fraction (reader);
  g_assert_cmpfloat (fraction, >, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);

  rows = read_rows (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, BASIC_ROWS);
  g_assert_cmpfloat (pathways_row_reader_get_fraction (reader), ==, 1.0);

  /* At the end it stays at the end. */
  g_assert_false (pathways_row_reader_next_row (reader, &error));
  g_assert_no_error (error);
}

static void
test_inline_strings (void)
{
  g_autofree char *path = test_path ("constant.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *header = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *sheet_xml = NULL;
  zip_t *zip;
  zip_file_t *file;
  zip_stat_t st;
  int code = 0;

  /* constant_memory mode writes every string inline. */
  write_basic_workbook (path, TRUE);

  /* Make sure the fixture really has inline strings and no shared ones. */
  zip = zip_open (path, ZIP_RDONLY, &code);
  g_assert_nonnull (zip);
  g_assert_cmpint (zip_stat (zip, "xl/worksheets/sheet1.xml", 0, &st), ==, 0);
  sheet_xml = g_malloc0 (st.size + 1);
  file = zip_fopen (zip, "xl/worksheets/sheet1.xml", 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, sheet_xml, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (file);
  zip_discard (zip);
  g_assert_nonnull (strstr (sheet_xml, "t=\"inlineStr\""));
  g_assert_null (strstr (sheet_xml, "t=\"s\""));

  bytes = file_bytes (path);
  reader = pathways_xlsx_reader_new_from_bytes (bytes, "constant.xlsx", NULL, &error);
  g_assert_no_error (error);
  header = header_string (reader);
  g_assert_cmpstr (header, ==, BASIC_HEADER);
  rows = read_rows (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, BASIC_ROWS);
}

static void
write_two_sheets (const char *path)
{
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *cases = workbook_add_worksheet (workbook, "cases");
  lxw_worksheet *services = workbook_add_worksheet (workbook, "services");

  worksheet_write_string (cases, 0, 0, "case_id", NULL);
  worksheet_write_string (cases, 0, 1, "status", NULL);
  worksheet_write_string (cases, 1, 0, "K-1", NULL);
  worksheet_write_string (cases, 1, 1, "open", NULL);

  /* The services sheet starts lower down, after an empty row 1 and 2. */
  worksheet_write_string (services, 2, 1, "case_id", NULL);
  worksheet_write_string (services, 2, 2, "service", NULL);
  worksheet_write_string (services, 3, 1, "K-1", NULL);
  worksheet_write_string (services, 3, 2, "ISVA", NULL);
  worksheet_write_string (services, 4, 1, "K-1", NULL);
  worksheet_write_string (services, 4, 2, "counselling", NULL);

  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

static void
test_sheet_by_name (void)
{
  g_autofree char *path = test_path ("two.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) first = NULL;
  g_autoptr(PathwaysRowReader) services = NULL;
  g_autoptr(PathwaysRowReader) upper = NULL;
  g_auto(GStrv) sheets = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *header = NULL;
  g_autofree char *upper_rows = NULL;
  g_autofree char *first_rows = NULL;

  write_two_sheets (path);

  sheets = pathways_xlsx_list_sheets (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sheets), ==, 2);
  g_assert_cmpstr (sheets[0], ==, "cases");
  g_assert_cmpstr (sheets[1], ==, "services");

  first = pathways_xlsx_reader_new (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_row_reader_get_description (first), ==, "sheet “cases”");
  first_rows = read_rows (first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first_rows, ==, "2:K-1|open\n");

  services = pathways_xlsx_reader_new (path, "services", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_row_reader_get_description (services), ==, "sheet “services”");
  /* The header is the first non-empty row; column A is empty in it. */
  header = header_string (services);
  g_assert_cmpstr (header, ==, "Column 1|case_id|service");
  rows = read_rows (services, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "4:|K-1|ISVA\n5:|K-1|counselling\n");

  /* Sheet names match regardless of case, as in Excel. */
  upper = pathways_xlsx_reader_new (path, "SERVICES", &error);
  g_assert_no_error (error);
  upper_rows = read_rows (upper, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upper_rows, ==, rows);
}

static void
test_unknown_sheet (void)
{
  g_autofree char *path = test_path ("two.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;

  write_two_sheets (path);

  reader = pathways_xlsx_reader_new (path, "clients", &error);
  g_assert_null (reader);
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "“clients”"));
  g_assert_nonnull (strstr (error->message, "“cases”, “services”"));
}

static void
test_open_dispatch (void)
{
  g_autofree char *path = test_path ("dispatch.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(PathwaysRowReader) services = NULL;
  g_autofree char *rows = NULL;

  write_two_sheets (path);

  reader = pathways_row_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_row_reader_get_format (reader), ==, "XLSX");
  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==, "sheet “cases”");

  services = pathways_row_reader_open (path, "services", &error);
  g_assert_no_error (error);
  rows = read_rows (services, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "4:|K-1|ISVA\n5:|K-1|counselling\n");
}

static void
test_empty_sheet (void)
{
  g_autofree char *path = test_path ("empty.xlsx");
  g_autoptr(GBytes) bytes = NULL;
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "nothing");
  lxw_format *fill = workbook_add_format (workbook);

  format_set_bg_color (fill, LXW_COLOR_RED);
  worksheet_write_blank (sheet, 3, 3, fill);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  bytes = file_bytes (path);
  assert_fails (bytes, PATHWAYS_READER_ERROR_EMPTY, "“nothing” is empty");
}

/* }}} */

/* Hand-made packages {{{ */

static void
test_dates_1900 (void)
{
  g_autofree char *path = test_path ("dates.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autofree char *header = NULL;
  g_autofree char *rows = NULL;

  write_zip_file (path,
    "xl/workbook.xml", WORKBOOK_ONE_SHEET ("<workbookPr date1904=\"false\"/>"),
    "xl/_rels/workbook.xml.rels", WORKBOOK_RELS,
    "xl/styles.xml",
      "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<numFmts count=\"3\">"
      "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"0.0 &quot;days&quot;\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[Red]#,##0;\\-0\"/>"
      "</numFmts>"
      /* Not the cell formats: must not shift the indexes below. */
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"6\">"
      "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
      "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"22\"/>"
      "</cellXfs></styleSheet>",
    "xl/sharedStrings.xml",
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<si><t>Label</t></si><si><t>Value</t></si>"
      "<si><r><t>Ali</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">ce </t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>アリス</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "</sst>",
    "xl/worksheets/data.xml", SHEET (
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>one</t></is></c>"
      "<c r=\"B2\" s=\"1\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>59</t></is></c>"
      "<c r=\"B3\" s=\"1\"><v>59</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>60</t></is></c>"
      "<c r=\"B4\" s=\"1\"><v>60</v></c></row>"
      "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>61</t></is></c>"
      "<c r=\"B5\" s=\"1\" t=\"n\"><v>61</v></c></row>"
      "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>noon</t></is></c>"
      "<c r=\"B6\" s=\"5\"><v>0.5</v></c></row>"
      "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t>custom</t></is></c>"
      "<c r=\"B7\" s=\"2\"><v>45000.75</v></c></row>"
      "<row r=\"8\"><c r=\"A8\" t=\"inlineStr\"><is><t>quoted</t></is></c>"
      "<c r=\"B8\" s=\"3\"><v>45000</v></c></row>"
      "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>colour</t></is></c>"
      "<c r=\"B9\" s=\"4\"><v>45000</v></c></row>"
      "<row r=\"10\"><c r=\"A10\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
      "<c r=\"B10\" t=\"str\"><f>\"x\"&amp;\"y\"</f><v>xy</v></c>"
      "<c r=\"C10\" s=\"1\" t=\"b\"><v>0</v></c></row>"
      "<row r=\"11\"><c r=\"A11\" t=\"s\"><v>2</v></c><c r=\"B11\" t=\"b\"><v>1</v></c></row>"
      /* Cells and rows without references follow on from the previous ones. */
      "<row r=\"20\"><c t=\"inlineStr\"><is><r><t>no </t></r><r><t>ref</t></r></is></c>"
      "<c><v>7</v></c></row>"
      "<row><c r=\"B21\"><v>8</v></c></row>"
      "<row r=\"22\" spans=\"1:2\"/>"
      "<row r=\"23\"><c r=\"A23\" s=\"1\"><v>not a number</v></c>"
      "<c r=\"B23\" s=\"1\"><v>-1</v></c></row>"),
    NULL);

  reader = pathways_xlsx_reader_new (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pathways_row_reader_get_date1904 (reader));
  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==, "sheet “Data”");
  header = header_string (reader);
  g_assert_cmpstr (header, ==, "Label|Value");

  rows = read_rows (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==,
                   "2:one|1900-01-01\n"
                   "3:59|1900-02-28\n"
                   "4:60|1900-02-29\n"
                   "5:61|1900-03-01\n"
                   "6:noon|12:00:00\n"
                   "7:custom|2023-03-15 18:00:00\n"
                   "8:quoted|45000\n"
                   "9:colour|45000\n"
                   "10:|xy|FALSE\n"
                   "11:Alice |TRUE\n"
                   "20:no ref|7\n"
                   "21:|8\n"
                   "23:not a number|-1\n");
}

static void
test_dates_1904 (void)
{
  g_autofree char *path = test_path ("1904.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autofree char *rows = NULL;

  write_zip_file (path,
    "_rels/.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"xl/workbook.xml\"/></Relationships>",
    "xl/workbook.xml", WORKBOOK_ONE_SHEET ("<workbookPr date1904=\"1\"/>"),
    "xl/_rels/workbook.xml.rels", WORKBOOK_RELS,
    "xl/styles.xml", STYLES_SIMPLE,
    "xl/worksheets/data.xml", SHEET (
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>When</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>Raw</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>1</v></c><c r=\"B2\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>43000</v></c><c r=\"B3\"><v>43000</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>43000.25</v></c></row>"),
    NULL);

  reader = pathways_xlsx_reader_new (path, "data", &error);
  g_assert_no_error (error);
  g_assert_true (pathways_row_reader_get_date1904 (reader));
  rows = read_rows (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==,
                   "2:1904-01-02|1\n"
                   "3:2021-09-23|43000\n"
                   "4:2021-09-23 06:00:00|\n");
}

static void
test_prefixed_strict (void)
{
  g_autofree char *path = test_path ("strict.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autofree char *rows = NULL;

  /* Strict OOXML namespaces, prefixed elements, an absolute relationship target. */
  write_zip_file (path,
    "xl/workbook.xml",
      "<x:workbook xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
      "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
      "<x:sheets><x:sheet name=\"Only\" sheetId=\"3\" r:id=\"a\"/></x:sheets></x:workbook>",
    "xl/_rels/workbook.xml.rels",
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"a\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet\" "
      "Target=\"/xl/sheets/../worksheets/only.xml\"/></Relationships>",
    "xl/worksheets/only.xml",
      "<x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><x:sheetData>"
      "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>id</x:t></x:is></x:c></x:row>"
      "<x:row r=\"2\"><x:c r=\"A2\"><x:v>5</x:v></x:c></x:row>"
      "</x:sheetData></x:worksheet>",
    NULL);

  reader = pathways_xlsx_reader_new (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_row_reader_get_column_name (reader, 0), ==, "id");
  rows = read_rows (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "2:5\n");
}

static void
test_columns_limit (void)
{
  g_autoptr(GBytes) last = NULL;
  g_autoptr(GBytes) beyond = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;

  /* XFD is column 16,384, the last one Excel has. */
  last = make_simple_workbook (SHEET (
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row>"
    "<row r=\"2\"><c r=\"XFD2\"><v>9</v></c></row>"));
  reader = pathways_xlsx_reader_new_from_bytes (last, "book.xlsx", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_row_reader_next_row (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pathways_row_reader_get_n_fields (reader), ==, 16384);
  g_assert_cmpstr (pathways_row_reader_get_field (reader, 16383), ==, "9");
  g_assert_cmpstr (pathways_row_reader_get_field (reader, 0), ==, "");

  beyond = make_simple_workbook (SHEET (
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row>"
    "<row r=\"2\"><c r=\"XFE2\"><v>9</v></c></row>"));
  assert_fails (beyond, PATHWAYS_READER_ERROR_LIMIT, "row 2");
}

static void
test_bad_shared_string (void)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = make_simple_workbook (SHEET (
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row>"
    "<row r=\"1204\"><c r=\"C1204\" t=\"s\"><v>3</v></c></row>"));
  assert_fails (bytes, PATHWAYS_READER_ERROR_FORMAT, "row 1,204, column C");
}

static void
test_corrupt_zip (void)
{
  static const char garbage[] = "PK\003\004this is not really a zip file at all, sorry";
  g_autoptr(GBytes) bytes = g_bytes_new_static (garbage, sizeof garbage - 1);

  assert_fails (bytes, PATHWAYS_READER_ERROR_FORMAT, "the workbook is damaged");
}

static void
test_truncated (void)
{
  g_autofree char *path = test_path ("whole.xlsx");
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) half = NULL;

  write_basic_workbook (path, FALSE);
  whole = file_bytes (path);
  half = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);
  assert_fails (half, PATHWAYS_READER_ERROR_FORMAT, "the workbook is damaged");
}

static void
test_damaged_data (void)
{
  g_autofree char *path = test_path ("bitrot.xlsx");
  g_autofree char *sheet = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data;
  guint8 *name;
  guint8 *header;
  gsize size;
  gsize start;
  zip_t *zip;
  zip_stat_t st;
  int code = 0;

  /* A large sheet, then flip bytes inside its compressed data: the CRC or the
   * deflate stream must catch it. */
  for (guint i = 2; i < 2000; i++)
    g_string_append_printf (rows, "<row r=\"%u\"><c r=\"A%u\"><v>%u</v></c></row>", i, i, i * 7919);
  sheet = g_strdup_printf (SHEET ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>n</t></is></c></row>%s"),
                           rows->str);
  write_zip_file (path,
                  "xl/workbook.xml", WORKBOOK_ONE_SHEET (""),
                  "xl/_rels/workbook.xml.rels", WORKBOOK_RELS,
                  "xl/worksheets/data.xml", sheet,
                  NULL);

  zip = zip_open (path, ZIP_RDONLY, &code);
  g_assert_nonnull (zip);
  g_assert_cmpint (zip_stat (zip, "xl/worksheets/data.xml", 0, &st), ==, 0);
  zip_discard (zip);

  g_assert_true (g_file_get_contents (path, (char **) &data, &size, NULL));
  /* The first copy of the name is in the sheet's local header: 30 fixed bytes, the
   * name, the extra field, then the compressed data. Damage its middle. */
  name = NULL;
  for (gsize i = 30; i + 22 <= size && name == NULL; i++)
    if (memcmp (data + i, "xl/worksheets/data.xml", 22) == 0)
      name = data + i;
  g_assert_nonnull (name);
  header = name - 30;
  g_assert_cmpmem (header, 4, "PK\003\004", 4);
  start = (gsize) (name - data) + strlen ("xl/worksheets/data.xml") + (header[28] | header[29] << 8);
  g_assert_cmpuint (st.comp_size, >, 200);
  g_assert_cmpuint (start + st.comp_size, <=, size);
  for (gsize i = 0; i < 16; i++)
    data[start + st.comp_size / 2 + i] ^= 0x5a;
  bytes = g_bytes_new_take (data, size);

  assert_fails (bytes, PATHWAYS_READER_ERROR_FORMAT, "the workbook is damaged");
}

static void
test_no_workbook (void)
{
  g_autofree char *path = test_path ("notes.zip");
  g_autoptr(GBytes) bytes = NULL;

  write_zip_file (path, "notes.txt", "just some notes", NULL);
  bytes = file_bytes (path);
  assert_fails (bytes, PATHWAYS_READER_ERROR_FORMAT, "xl/workbook.xml is missing");
}

static void
test_missing_sheet_part (void)
{
  g_autofree char *path = test_path ("nosheet.xlsx");
  g_autoptr(GBytes) bytes = NULL;

  write_zip_file (path,
                  "xl/workbook.xml", WORKBOOK_ONE_SHEET (""),
                  "xl/_rels/workbook.xml.rels", WORKBOOK_RELS,
                  NULL);
  bytes = file_bytes (path);
  assert_fails (bytes, PATHWAYS_READER_ERROR_FORMAT, "xl/worksheets/data.xml is missing");
}

static void
test_malformed_xml (void)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = make_simple_workbook (
    "<worksheet><sheetData><row r=\"1\"><c><v>1</v></row></sheetData></worksheet>");
  assert_fails (bytes, PATHWAYS_READER_ERROR_FORMAT, "not well-formed XML");
}

#define LAUGHS \
  "<?xml version=\"1.0\"?>" \
  "<!DOCTYPE lolz [" \
  "<!ENTITY lol \"lol\">" \
  "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" \
  "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">" \
  "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">" \
  "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">" \
  "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">" \
  "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">" \
  "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">" \
  "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">" \
  "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">" \
  "]>"

static void
test_billion_laughs (void)
{
  g_autofree char *path = test_path ("laughs.xlsx");
  g_autoptr(GBytes) in_sheet = NULL;
  g_autoptr(GBytes) in_strings = NULL;
  g_autoptr(GBytes) external = NULL;

  in_sheet = make_simple_workbook (
    LAUGHS "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&lol9;</t></is>"
    "</c></row></sheetData></worksheet>");
  assert_fails (in_sheet, PATHWAYS_READER_ERROR_FORMAT, "DOCTYPE");

  write_zip_file (path,
                  "xl/workbook.xml", WORKBOOK_ONE_SHEET (""),
                  "xl/_rels/workbook.xml.rels", WORKBOOK_RELS,
                  "xl/sharedStrings.xml", LAUGHS "<sst><si><t>&lol9;</t></si></sst>",
                  "xl/worksheets/data.xml", SHEET (""),
                  NULL);
  in_strings = file_bytes (path);
  assert_fails (in_strings, PATHWAYS_READER_ERROR_FORMAT, "DOCTYPE");

  /* An external entity must never be fetched either. */
  external = make_simple_workbook (
    "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&xxe;</t></is>"
    "</c></row></sheetData></worksheet>");
  assert_fails (external, PATHWAYS_READER_ERROR_FORMAT, "DOCTYPE");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) xml = g_string_new ("<worksheet><sheetData><row r=\"1\"><c><is>");
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (xml, "<r>");
  for (guint i = 0; i < 10000; i++)
    g_string_append (xml, "</r>");
  g_string_append (xml, "</is></c></row></sheetData></worksheet>");

  bytes = make_simple_workbook (xml->str);
  assert_fails (bytes, PATHWAYS_READER_ERROR_LIMIT, "deep");
}

/* }}} */

/* A workbook saved by LibreOffice Calc {{{ */

static void
test_libreoffice (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "xlsx", "libreoffice.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autofree char *header = NULL;
  g_autofree char *rows = NULL;
  g_auto(GStrv) sheets = NULL;

  sheets = pathways_xlsx_list_sheets (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (sheets), ==, 1);
  g_assert_cmpstr (sheets[0], ==, "libreoffice");

  reader = pathways_row_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_row_reader_get_format (reader), ==, "XLSX");
  g_assert_cmpstr (pathways_row_reader_get_description (reader), ==, "sheet “libreoffice”");
  g_assert_false (pathways_row_reader_get_date1904 (reader));

  header = header_string (reader);
  g_assert_cmpstr (header, ==, "Case ID|Name|Referred|Age|Score|Note");

  rows = read_rows (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==,
                   "2:C001|Alice Smith|2023-01-15|34|7.25|first\n"
                   "3:C002|Bob Jones|2023-02-28||12|\n"
                   "4:C003|Chloé O'Brien|2022-12-01|51|3|with, comma\n"
                   "5:C004|Dev Patel|2024-02-29 13:45:00|28|-0.5|last\n");
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/xlsx-reader/basic", test_basic);
  g_test_add_func ("/pathways/xlsx-reader/inline-strings", test_inline_strings);
  g_test_add_func ("/pathways/xlsx-reader/sheet-by-name", test_sheet_by_name);
  g_test_add_func ("/pathways/xlsx-reader/unknown-sheet", test_unknown_sheet);
  g_test_add_func ("/pathways/xlsx-reader/open-dispatch", test_open_dispatch);
  g_test_add_func ("/pathways/xlsx-reader/empty-sheet", test_empty_sheet);
  g_test_add_func ("/pathways/xlsx-reader/dates-1900", test_dates_1900);
  g_test_add_func ("/pathways/xlsx-reader/dates-1904", test_dates_1904);
  g_test_add_func ("/pathways/xlsx-reader/prefixed-strict", test_prefixed_strict);
  g_test_add_func ("/pathways/xlsx-reader/columns-limit", test_columns_limit);
  g_test_add_func ("/pathways/xlsx-reader/bad-shared-string", test_bad_shared_string);
  g_test_add_func ("/pathways/xlsx-reader/corrupt-zip", test_corrupt_zip);
  g_test_add_func ("/pathways/xlsx-reader/truncated", test_truncated);
  g_test_add_func ("/pathways/xlsx-reader/damaged-data", test_damaged_data);
  g_test_add_func ("/pathways/xlsx-reader/no-workbook", test_no_workbook);
  g_test_add_func ("/pathways/xlsx-reader/missing-sheet-part", test_missing_sheet_part);
  g_test_add_func ("/pathways/xlsx-reader/malformed-xml", test_malformed_xml);
  g_test_add_func ("/pathways/xlsx-reader/billion-laughs", test_billion_laughs);
  g_test_add_func ("/pathways/xlsx-reader/deep-nesting", test_deep_nesting);
  g_test_add_func ("/pathways/xlsx-reader/libreoffice", test_libreoffice);

  return g_test_run ();
}
