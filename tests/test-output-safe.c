/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 13 "Nothing is ever lost", the outputs: a full disk leaves the previous file
 * byte-identical and no temporary file; an output is never one of its inputs (by path,
 * by ./../, by symbolic or hard link, the workspace); a symbolic link is never followed;
 * spreadsheet formulas in category values never run; bidi and control characters never
 * reach a PDF or the terminal. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <glib/gstdio.h>

#include "pathways.h"
#include "sample-fixture.h"
#include "pathways-output.h"
#include "pathways-safe-file.h"

static PathwaysReport *sample;   /* the sample report, exact figures */

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("output-safe-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The sample report with the first label of closure_reasons set to LABEL. */
static PathwaysReport *
report_with_label (const char *label)
{
  PathwaysReport *copy = pathways_report_copy (sample);
  PathwaysReportTable *t = pathways_report_get_table (copy, "closure_reasons", NULL);
  PathwaysReportRow *row;

  g_assert_nonnull (t);
  g_assert_cmpuint (t->rows->len, >, 0);
  row = g_ptr_array_index (t->rows, 0);
  g_assert_cmpint (row->cells[0].kind, ==, PATHWAYS_CELL_LABEL);
  g_free (row->cells[0].text);
  row->cells[0].text = g_strdup (label);
  return copy;
}

static gboolean
write_to (PathwaysReport        *report,
          PathwaysOutputFormat   format,
          const char            *path,
          const char * const    *inputs,
          GError               **error)
{
  PathwaysOutputRequest request;

  pathways_output_request_init (&request);
  request.inputs = inputs;
  if (format == PATHWAYS_OUTPUT_PNG || format == PATHWAYS_OUTPUT_SVG)
    request.chart = "funnel";
  return pathways_output_write (report, NULL, format, path, &request, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in DIR, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_file (const char *path)
{
  char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

/* Every file of a CSV folder, concatenated. */
static GString *
read_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GString *all = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = read_file (path);
      g_string_append (all, text);
    }
  return all;
}

/* ---- a full disk ---- */

/* Writes FORMAT to PATH in a child whose files may not grow past 256 bytes (a full
 * disk as the program sees it: EFBIG); the child exits 0 when the write failed with
 * the disk-full message. */
static int
write_on_full_disk (PathwaysOutputFormat format,
                    const char          *path)
{
  int status = -1;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 256, 256 };
      g_autoptr(GError) error = NULL;

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (3);
      if (write_to (sample, format, path, NULL, &error))
        _exit (1);
      g_printerr ("%s\n", error->message);
      _exit (strstr (error->message, "The disk is full") != NULL &&
             strstr (error->message, "unchanged") != NULL ? 0 : 2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_full_disk (void)
{
  static const struct { PathwaysOutputFormat format; const char *name; } cases[] = {
    { PATHWAYS_OUTPUT_PDF, "report.pdf" },
    { PATHWAYS_OUTPUT_XLSX, "report.xlsx" },
    { PATHWAYS_OUTPUT_PNG, "funnel.png" },
    { PATHWAYS_OUTPUT_SVG, "funnel.svg" },
    { PATHWAYS_OUTPUT_CSV, "csv" },
  };
  g_autofree char *dir = tmp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *before_list = NULL, *after_list = NULL;
      g_autoptr(GBytes) before = NULL, after = NULL;
      gboolean folder = cases[i].format == PATHWAYS_OUTPUT_CSV;

      g_test_message ("%s", cases[i].name);
      g_assert_true (write_to (sample, cases[i].format, path, NULL, &error));
      g_assert_no_error (error);
      before_list = list_dir (dir);
      before = folder ? g_string_free_to_bytes (read_folder (path)) : read_bytes (path);
      g_assert_cmpuint (g_bytes_get_size (before), >, 256);

      g_assert_cmpint (write_on_full_disk (cases[i].format, path), ==, 0);

      after_list = list_dir (dir);
      g_assert_cmpstr (after_list, ==, before_list);   /* no temporary file left */
      after = folder ? g_string_free_to_bytes (read_folder (path)) : read_bytes (path);
      g_assert_true (g_bytes_equal (after, before));
    }
}

static void
test_mode_and_replace (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autofree char *stale = g_build_filename (csv, "99-stale.csv", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old = umask (027);
  GStatBuf st;

  g_assert_true (write_to (sample, PATHWAYS_OUTPUT_PDF, pdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_true (write_to (sample, PATHWAYS_OUTPUT_PDF, pdf, NULL, &error));   /* replaced */
  g_assert_no_error (error);

  /* a second CSV export replaces the first whole: no file of the first one is left */
  g_assert_true (write_to (sample, PATHWAYS_OUTPUT_CSV, csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (stale, "x\r\n", -1, NULL));
  g_assert_true (write_to (sample, PATHWAYS_OUTPUT_CSV, csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0750);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "csv report.pdf");
  umask (old);
}

/* ---- an output that is an input ---- */

static void
assert_refused (const char          *path,
                PathwaysOutputFormat format,
                const char * const  *inputs,
                GQuark               domain,
                int                  code)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("refused: %s", path);
  g_assert_false (write_to (sample, format, path, inputs, &error));
  g_assert_error (error, domain, code);
}

static void
test_inputs_and_links (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *x = g_build_filename (dir, "x", NULL);
  g_autofree char *cases = g_build_filename (x, "cases.csv", NULL);
  g_autofree char *workspace = g_build_filename (dir, "w.pathways", NULL);
  g_autofree char *dotted = g_build_filename (x, "..", "x", ".", "cases.csv", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.pdf", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.pdf", NULL);
  g_autofree char *target = g_build_filename (dir, "target.pdf", NULL);
  g_autofree char *other = g_build_filename (dir, "other.pdf", NULL);
  g_autofree char *other_link = g_build_filename (dir, "other-link.pdf", NULL);
  g_autofree char *notes_dir = g_build_filename (dir, "notes", NULL);
  g_autofree char *notes = g_build_filename (notes_dir, "notes.txt", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *relative = NULL, *text = NULL, *link_target = NULL;
  const char *inputs[] = { cases, workspace, NULL };
  const char *content = "case_id,referral_date\r\n1,2023-01-01\r\n";
  g_autoptr(GError) error = NULL;
  const GQuark out = PATHWAYS_OUTPUT_ERROR;

  g_assert_cmpint (g_mkdir (x, 0755), ==, 0);
  g_assert_true (g_file_set_contents (cases, content, -1, NULL));
  g_assert_true (g_file_set_contents (workspace, "workspace", -1, NULL));
  g_assert_cmpint (symlink (cases, symlink_path), ==, 0);
  g_assert_cmpint (link (cases, hard), ==, 0);
  g_assert_cmpint (symlink (target, dangling), ==, 0);

  assert_refused (cases, PATHWAYS_OUTPUT_PDF, inputs, out, PATHWAYS_OUTPUT_ERROR_IS_INPUT);
  assert_refused (cases, PATHWAYS_OUTPUT_CSV, inputs, out, PATHWAYS_OUTPUT_ERROR_IS_INPUT);
  assert_refused (dotted, PATHWAYS_OUTPUT_XLSX, inputs, out, PATHWAYS_OUTPUT_ERROR_IS_INPUT);
  assert_refused (symlink_path, PATHWAYS_OUTPUT_PDF, inputs, out, PATHWAYS_OUTPUT_ERROR_IS_INPUT);
  assert_refused (hard, PATHWAYS_OUTPUT_PNG, inputs, out, PATHWAYS_OUTPUT_ERROR_IS_INPUT);
  assert_refused (workspace, PATHWAYS_OUTPUT_PDF, inputs, out, PATHWAYS_OUTPUT_ERROR_IS_INPUT);
  assert_refused (x, PATHWAYS_OUTPUT_CSV, inputs, out, PATHWAYS_OUTPUT_ERROR_IS_INPUT);   /* holds cases.csv */
  /* ./../x/ relative to the current folder */
  g_assert_cmpint (g_chdir (x), ==, 0);
  relative = g_build_filename (".", "..", "x", "cases.csv", NULL);
  assert_refused (relative, PATHWAYS_OUTPUT_SVG, inputs, out, PATHWAYS_OUTPUT_ERROR_IS_INPUT);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  /* the message names both */
  g_assert_false (write_to (sample, PATHWAYS_OUTPUT_PDF, hard, inputs, &error));
  g_assert_nonnull (strstr (error->message, "hard.pdf"));
  g_assert_nonnull (strstr (error->message, "cases.csv"));
  g_clear_error (&error);

  /* a dangling link never creates what it points to; a link is never replaced */
  assert_refused (dangling, PATHWAYS_OUTPUT_PDF, NULL, out, PATHWAYS_OUTPUT_ERROR_WRITE);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_set_contents (other, "other", -1, NULL));
  g_assert_cmpint (symlink (other, other_link), ==, 0);
  assert_refused (other_link, PATHWAYS_OUTPUT_XLSX, NULL, out, PATHWAYS_OUTPUT_ERROR_WRITE);
  link_target = g_file_read_link (other_link, NULL);
  g_assert_cmpstr (link_target, ==, other);

  /* a folder of other files is never swapped away */
  g_assert_cmpint (g_mkdir (notes_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (notes, "mine", -1, NULL));
  assert_refused (notes_dir, PATHWAYS_OUTPUT_CSV, NULL, out, PATHWAYS_OUTPUT_ERROR_WRITE);
  g_free (text);
  text = read_file (notes);
  g_assert_cmpstr (text, ==, "mine");

  /* every input is intact */
  g_free (text);
  text = read_file (cases);
  g_assert_cmpstr (text, ==, content);
  g_free (text);
  text = read_file (workspace);
  g_assert_cmpstr (text, ==, "workspace");
  g_assert_true (pathways_safe_file_check_not_input (other, inputs, &error));
  g_assert_no_error (error);
}

/* ---- formulas ---- */

static const char *payloads[] = {
  "=1+1", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx",
  "\xef\xbc\x9d" "1", "\xef\xbc\x8b" "1", "\xef\xbc\x8d" "1", "\xef\xbc\xa0" "x",
};

static gboolean
runs_as_formula (const char *field)
{
  return (field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL) ||
         g_str_has_prefix (field, "\xef\xbc\x9d") || g_str_has_prefix (field, "\xef\xbc\x8b") ||
         g_str_has_prefix (field, "\xef\xbc\x8d") || g_str_has_prefix (field, "\xef\xbc\xa0");
}

static void
test_csv_formulas (void)
{
  g_autofree char *dir = tmp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autofree char *label = g_strdup_printf ("%sZZ%u", payloads[i], i);
      g_autofree char *marker = g_strdup_printf ("ZZ%u", i);
      g_autofree char *folder = g_strdup_printf ("%s/csv%u", dir, i);
      g_autoptr(PathwaysReport) report = report_with_label (label);
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) all = NULL;
      const char *hit, *start;

      g_assert_true (write_to (report, PATHWAYS_OUTPUT_CSV, folder, NULL, &error));
      g_assert_no_error (error);
      all = read_folder (folder);
      hit = strstr (all->str, marker);
      g_assert_nonnull (hit);
      /* the start of the field holding the label */
      start = hit;
      while (start > all->str && start[-1] != ',' && start[-1] != '\n')
        start--;
      if (*start == '"')
        start++;
      g_test_message ("payload %u: %.*s", i, (int) (hit - start) + 4, start);
      g_assert_false (runs_as_formula (start));
    }
  {
    g_autofree char *folder = g_strdup_printf ("%s/cmd", dir);
    g_autoptr(PathwaysReport) report = report_with_label ("-2+3+cmd|' /C calc'!A0");
    g_autoptr(GString) all = NULL;

    g_assert_true (write_to (report, PATHWAYS_OUTPUT_CSV, folder, NULL, NULL));
    all = read_folder (folder);
    g_assert_nonnull (strstr (all->str, "\"'-2+3+cmd|' /C calc'!A0\""));
    /* a negative number written as a number is not a label and is not touched */
    g_assert_null (strstr (all->str, "'-0"));
  }
}

static char *
zip_entry (const char *path,
           const char *name)
{
  int err = 0;
  zip_t *z = zip_open (path, ZIP_RDONLY, &err);
  zip_file_t *f;
  zip_stat_t st;
  char *text;

  g_assert_nonnull (z);
  if (zip_stat (z, name, 0, &st) != 0)
    {
      zip_close (z);
      return NULL;
    }
  f = zip_fopen (z, name, 0);
  g_assert_nonnull (f);
  text = g_malloc0 (st.size + 1);
  g_assert_cmpint (zip_fread (f, text, st.size), ==, (zip_int64_t) st.size);
  zip_fclose (f);
  zip_close (z);
  return text;
}

static void
test_xlsx_formulas (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "r.xlsx", NULL);
  g_autoptr(PathwaysReport) report = report_with_label ("-2+3+cmd|' /C calc'!A0");
  g_autoptr(GError) error = NULL;
  g_autofree char *strings = NULL;
  guint sheets = 0;

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      PathwaysReportTable *t = pathways_report_get_table (report, "closure_reasons", NULL);
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i % t->rows->len);
      if (i == 0)
        continue;   /* row 0 keeps the cmd payload */
      if (i >= t->rows->len)
        break;
      g_free (row->cells[0].text);
      row->cells[0].text = g_strdup (payloads[i]);
    }
  g_assert_true (write_to (report, PATHWAYS_OUTPUT_XLSX, path, NULL, &error));
  g_assert_no_error (error);
  strings = zip_entry (path, "xl/sharedStrings.xml");
  g_assert_nonnull (strings);
  g_assert_nonnull (strstr (strings, "-2+3+cmd|"));
  g_assert_nonnull (strstr (strings, "+1+1"));
  g_assert_nonnull (strstr (strings, "@SUM(A1)"));
  /* every cell is a value: no sheet holds a formula */
  for (guint i = 1; i < 64; i++)
    {
      g_autofree char *name = g_strdup_printf ("xl/worksheets/sheet%u.xml", i);
      g_autofree char *sheet = zip_entry (path, name);
      if (sheet == NULL)
        break;
      sheets++;
      g_assert_null (strstr (sheet, "<f>"));
      g_assert_null (strstr (sheet, "<f "));
    }
  g_assert_cmpuint (sheets, >, 1);
}

/* ---- labels ---- */

static void
test_format_label (void)
{
  g_autofree char *bidi = pathways_format_label ("abc\xe2\x80\xae" "def\xe2\x81\xa6" "g\xe2\x80\x8f", 0);
  g_autofree char *esc = pathways_format_label ("red\x1b[31m\x7f\xc2\x9b", 0);
  g_autofree char *tabs = pathways_format_label ("a\tb\nc\rd", 0);
  g_autofree char *cut = pathways_format_label ("Planned closure", 8);
  g_autofree char *cut_utf8 = pathways_format_label ("ééééé", 3);
  g_autofree char *fits = pathways_format_label ("ééé", 3);
  g_autofree char *invalid = pathways_format_label ("a\xff" "b", 0);
  g_autofree char *null_label = pathways_format_label (NULL, 5);
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *big_cut = NULL;

  g_assert_cmpstr (bidi, ==, "abcdefg");
  g_assert_cmpstr (esc, ==, "red\xef\xbf\xbd[31m\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpstr (tabs, ==, "a b c d");
  g_assert_cmpstr (cut, ==, "Planned…");
  g_assert_cmpstr (cut_utf8, ==, "éé…");
  g_assert_cmpstr (fits, ==, "ééé");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_cmpstr (null_label, ==, "");
  g_assert_false (pathways_format_label_needed ("Planned closure", 200));
  g_assert_true (pathways_format_label_needed ("Planned closure", 5));
  g_assert_true (pathways_format_label_needed ("a\xe2\x80\xae", 0));

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (big, 'a' + i % 26);
  big_cut = pathways_format_label (big->str, PATHWAYS_FORMAT_LABEL_MAX_CHARS);
  g_assert_cmpint (g_utf8_strlen (big_cut, -1), ==, PATHWAYS_FORMAT_LABEL_MAX_CHARS);
  g_assert_true (g_str_has_suffix (big_cut, "…"));
}

static char *
pdf_text (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  const char *argv[] = { NULL, "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (tool == NULL)
    g_error ("pdftotext is not installed: run build-aux/install-deps");
  argv[0] = tool;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_labels_shown (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autoptr(PathwaysReport) report = report_with_label ("Moved\xe2\x80\xae" "away\x1b[2J");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *summary = NULL;
  g_autoptr(GString) all = NULL;
  PathwaysReportTable *t;
  PathwaysReportRow *row;

  g_assert_true (write_to (report, PATHWAYS_OUTPUT_PDF, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Movedaway"));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_null (strchr (text, '\x1b'));

  g_assert_true (write_to (report, PATHWAYS_OUTPUT_CSV, csv, NULL, &error));
  g_assert_no_error (error);
  all = read_folder (csv);
  g_assert_nonnull (strstr (all->str, "Movedaway"));
  g_assert_null (strstr (all->str, "\xe2\x80\xae"));
  g_assert_null (strchr (all->str, '\x1b'));

  summary = pathways_summary_to_text (report);
  g_assert_nonnull (strstr (summary, "Movedaway"));
  g_assert_null (strstr (summary, "\xe2\x80\xae"));
  g_assert_null (strchr (summary, '\x1b'));

  /* the window's charts draw from a safe copy of the table (pathways_chart_draw) */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
    cairo_t *cr = cairo_create (surface);

    pathways_chart_draw (cr, report, pathways_report_get_table (report, "closure_reasons", NULL),
                         800, 500, NULL);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  /* the caller's report is never changed */
  t = pathways_report_get_table (report, "closure_reasons", NULL);
  row = g_ptr_array_index (t->rows, 0);
  g_assert_nonnull (strstr (row->cells[0].text, "\x1b"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PathwaysDataset) ds = NULL;
  PathwaysReportOptions ro;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ds = sample_fixture_import (NULL);
  pathways_report_options_init (&ro);
  sample = pathways_report_new (ds, NULL, &ro);

  g_test_add_func ("/pathways/output/full-disk", test_full_disk);
  g_test_add_func ("/pathways/output/mode-and-replace", test_mode_and_replace);
  g_test_add_func ("/pathways/output/inputs-and-links", test_inputs_and_links);
  g_test_add_func ("/pathways/output/csv-formulas", test_csv_formulas);
  g_test_add_func ("/pathways/output/xlsx-formulas", test_xlsx_formulas);
  g_test_add_func ("/pathways/output/format-label", test_format_label);
  g_test_add_func ("/pathways/output/labels-shown", test_labels_shown);
  ret = g_test_run ();
  pathways_report_unref (sample);
  return ret;
}
