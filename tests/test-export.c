/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exports read back as a reader would: pdftotext, pdffonts and pdfinfo on the PDF,
 * ssconvert (Gnumeric) on the workbook, the CSV folder parsed. Every protected output
 * is checked for counts between 1 and k − 1, and for the figures of the same report. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "pathways.h"
#include "sample-fixture.h"
#include "pathways-analysis-compare.h"
#include "pathways-headline.h"
#include "pathways-version.h"

#define K 5

static PathwaysReport *exact;       /* the sample report, exact figures */
static PathwaysReport *protected;   /* the same, protected with k = 5 */
static PathwaysDataset *sample;     /* its dataset */

/* ---- helpers ---- */

/* The report as FORMAT through the output module, with OPTIONS' policy. */
static gboolean
export_report (PathwaysReport               *report,
               const PathwaysExportOptions  *options,
               const char                   *format,
               const char                   *path,
               GError                      **error)
{
  PathwaysOutputRequest request;
  PathwaysDisclosurePolicy policy;
  PathwaysOutputFormat output;

  if (!pathways_output_format_from_string (format, &output))
    output = (PathwaysOutputFormat) 99;
  pathways_disclosure_policy_from_options (&policy, options);
  pathways_output_request_init (&request);
  request.options = options;
  return pathways_output_write (report, &policy, output, path, &request, error);
}

static const char *
tool (const char *name)
{
  static GHashTable *found;
  char *path;

  if (found == NULL)
    found = g_hash_table_new (g_str_hash, g_str_equal);
  path = g_hash_table_lookup (found, name);
  if (path != NULL)
    return path;
  path = g_find_program_in_path (name);
  if (path == NULL)
    g_error ("%s is not installed: run build-aux/install-deps (it installs poppler-utils and gnumeric)", name);
  g_hash_table_insert (found, (char *) name, path);
  return path;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pathways-export-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static PathwaysReportTable *
table (PathwaysReport *report,
       const char     *id,
       const char     *key)
{
  PathwaysReportTable *t = pathways_report_get_table (report, id, key);
  g_assert_nonnull (t);
  return t;
}

/* Splits a pdftotext -layout line into fields separated by two or more spaces. */
static GPtrArray *
layout_fields (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;

  while (*p == ' ')
    p++;
  while (*p)
    {
      const char *end = strstr (p, "  ");
      if (end == NULL)
        end = p + strlen (p);
      g_ptr_array_add (fields, g_strndup (p, end - p));
      p = end;
      while (*p == ' ')
        p++;
    }
  return fields;
}

/* "1,234" -> 1234; FALSE when TEXT is not a whole number. */
static gboolean
parse_count (const char *text,
             gint64     *value)
{
  gint64 v = 0;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (*p == ',')
        continue;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      v = v * 10 + (*p - '0');
    }
  *value = v;
  return TRUE;
}

/* The row labels (first column) of every protected table. */
static GHashTable *
protected_labels (PathwaysReport *report)
{
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint k = 0; k < report->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, k);
      if (!t->protect)
        continue;
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
          if (row->cells[0].kind == PATHWAYS_CELL_LABEL && row->cells[0].text != NULL)
            g_hash_table_add (labels, g_strdup (row->cells[0].text));
        }
    }
  return labels;
}

/* The checker: in TEXT (pdftotext -layout), every line that starts with the row label of
 * a protected table holds no whole number between 1 and K − 1. Returns the number of
 * such lines seen. */
static guint
check_no_small_counts (const char     *text,
                       PathwaysReport *report,
                       guint           k)
{
  g_autoptr(GHashTable) labels = protected_labels (report);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint seen = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = layout_fields (lines[i]);

      if (fields->len < 2 || !g_hash_table_contains (labels, g_ptr_array_index (fields, 0)))
        continue;
      seen++;
      for (guint f = 1; f < fields->len; f++)
        {
          gint64 v;
          if (parse_count (g_ptr_array_index (fields, f), &v) && v > 0 && v < k)
            g_error ("a count of %" G_GINT64_FORMAT " is shown on the protected line “%s”", v, lines[i]);
        }
    }
  return seen;
}

/* The fields a reader should see on the row of T. */
static GPtrArray *
expected_fields (PathwaysReport            *report,
                 const PathwaysReportTable *t,
                 PathwaysReportRow         *row)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < t->columns->len; c++)
    g_ptr_array_add (fields, pathways_labels_format_cell (t, c, &row->cells[c], report->threshold));
  return fields;
}

static char *
no_space_before_percent (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!(*p == ' ' && p[1] == '%'))
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

static gboolean
has_line (const char *text,
          GPtrArray  *want)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = layout_fields (lines[i]);
      gboolean same = fields->len == want->len;

      for (guint f = 0; same && f < want->len; f++)
        {
          /* pdftotext may or may not keep the space of "0 %" */
          g_autofree char *a = no_space_before_percent (g_ptr_array_index (fields, f));
          g_autofree char *b = no_space_before_percent (g_ptr_array_index (want, f));
          same = g_str_equal (a, b);
        }
      if (same)
        return TRUE;
    }
  return FALSE;
}

static void
assert_table_in_text (const char     *text,
                      PathwaysReport *report,
                      const char     *id,
                      const char     *key)
{
  PathwaysReportTable *t = table (report, id, key);

  g_assert_cmpuint (t->rows->len, >, 0);
  for (guint r = 0; r < t->rows->len; r++)
    {
      g_autoptr(GPtrArray) want = expected_fields (report, t, g_ptr_array_index (t->rows, r));
      if (!has_line (text, want))
        {
          g_autofree char *joined = NULL;
          g_ptr_array_add (want, NULL);
          joined = g_strjoinv (" | ", (char **) want->pdata);
          g_error ("table %s/%s: no line reads “%s”", id, key ? key : "", joined);
        }
    }
}

static char *
squeeze_spaces (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

static PathwaysExportOptions *
options_new (void)
{
  PathwaysExportOptions *o = pathways_export_options_new ();
  o->title = g_strdup ("Quarterly report to the funder");
  o->organisation = g_strdup ("Example Centre");
  o->marking = g_strdup ("OFFICIAL-SENSITIVE");
  /* the figures below are checked against the suppressed report (method 2), so these
   * exports ask for suppression explicitly; perturbation, the default, has its tests in
   * test-disclosure and tests/disclosure */
  o->method = PATHWAYS_PROTECTION_SUPPRESS;
  return o;
}

/* ---- options ---- */

static void
test_options_defaults (void)
{
  g_autoptr(PathwaysExportOptions) o = pathways_export_options_new ();

  g_assert_true (o->suppress);
  g_assert_cmpint (o->method, ==, PATHWAYS_PROTECTION_PERTURB);   /* spec/disclosure.md: the default */
  g_assert_cmpuint (o->threshold, ==, 5);
  g_assert_cmpuint (pathways_export_options_get_k (o), ==, 5);
  g_assert_false (o->round5);
  g_assert_cmpuint (o->sections, ==, PATHWAYS_SECTION_ALL);
  g_assert_cmpstr (pathways_export_options_get_title (o), ==, "Pathways report");
  o->suppress = FALSE;
  g_assert_cmpuint (pathways_export_options_get_k (o), ==, 0);
}

static void
test_options_json (void)
{
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(PathwaysExportOptions) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *json2 = NULL;
  static const char *bad[] = {
    "not json", "[1]", "{\"threshold\": 1}", "{\"threshold\": 21}", "{\"threshold\": \"5\"}",
    "{\"suppress\": 1}", "{\"sections\": [\"journey\", \"nope\"]}", "{\"sections\": \"journey\"}",
    "{\"commentary\": {\"nope\": \"x\"}}", "{\"commentary\": {\"rates\": 3}}", "{\"title\": 7}",
  };

  o->threshold = 7;
  o->round5 = TRUE;
  o->sections = PATHWAYS_SECTION_CLOSURES | PATHWAYS_SECTION_WAITING;
  pathways_export_options_set_commentary (o, PATHWAYS_SECTION_CLOSURES, "Fewer “did not engage” closures.\nSee p. 3");
  json = pathways_export_options_to_json (o);
  back = pathways_export_options_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->title, ==, "Quarterly report to the funder");
  g_assert_cmpstr (back->organisation, ==, "Example Centre");
  g_assert_cmpstr (back->marking, ==, "OFFICIAL-SENSITIVE");
  g_assert_cmpuint (back->threshold, ==, 7);
  g_assert_true (back->round5);
  g_assert_true (back->suppress);
  g_assert_cmpuint (back->sections, ==, PATHWAYS_SECTION_CLOSURES | PATHWAYS_SECTION_WAITING);
  g_assert_cmpstr (pathways_export_options_get_commentary (back, PATHWAYS_SECTION_CLOSURES), ==,
                   "Fewer “did not engage” closures.\nSee p. 3");
  g_assert_null (pathways_export_options_get_commentary (back, PATHWAYS_SECTION_JOURNEY));
  json2 = pathways_export_options_to_json (back);
  g_assert_cmpstr (json, ==, json2);

  /* missing keys take the defaults */
  g_clear_pointer (&back, pathways_export_options_free);
  back = pathways_export_options_new_from_json ("{\"title\": \"Q1\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->title, ==, "Q1");
  g_assert_true (back->suppress);
  g_assert_cmpuint (back->threshold, ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(PathwaysExportOptions) none = pathways_export_options_new_from_json (bad[i], &e);
      g_assert_null (none);
      g_assert_error (e, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_OPTIONS);
    }
}

static void
test_options_workspace (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "centre.pathways", NULL);
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(PathwaysExportOptions) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pathways_workspace_save (exact->dataset, path, &error));
  g_assert_no_error (error);
  /* nothing saved yet: the defaults */
  back = pathways_export_options_load (path, &error);
  g_assert_no_error (error);
  g_assert_null (back->title);
  g_assert_true (back->suppress);
  g_clear_pointer (&back, pathways_export_options_free);

  o->suppress = FALSE;
  pathways_export_options_set_commentary (o, PATHWAYS_SECTION_RATES, "Self-referrals do best.");
  g_assert_true (pathways_export_options_save (o, path, &error));
  g_assert_no_error (error);
  back = pathways_export_options_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->title, ==, o->title);
  g_assert_false (back->suppress);
  g_assert_cmpstr (pathways_export_options_get_commentary (back, PATHWAYS_SECTION_RATES), ==,
                   "Self-referrals do best.");
}

/* ---- sheet names ---- */

static void
test_sheet_names (void)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *a = pathways_xlsx_sheet_name ("Closure reasons: a/b [c] *?\\", used);
  g_autofree char *b = pathways_xlsx_sheet_name ("Service closure reasons: Independent advocacy (ISVA)", used);
  g_autofree char *c = pathways_xlsx_sheet_name ("Service closure reasons: Independent advocacy (IDVA)", used);
  g_autofree char *d = pathways_xlsx_sheet_name ("'quoted'", used);
  g_autofree char *e = pathways_xlsx_sheet_name ("QUOTED", used);
  g_autofree char *f = pathways_xlsx_sheet_name ("", used);
  g_autofree char *g = pathways_xlsx_sheet_name ("Âge : été", used);

  g_assert_cmpstr (a, ==, "Closure reasons  a-b -c- ---");
  g_assert_cmpstr (b, ==, "Service closure reasons  Indepe");
  g_assert_cmpint (g_utf8_strlen (b, -1), ==, 31);
  g_assert_cmpstr (c, ==, "Service closure reasons  In (2)");
  g_assert_cmpstr (d, ==, "quoted");
  g_assert_cmpstr (e, ==, "QUOTED (2)");
  g_assert_cmpstr (f, ==, "Table");
  g_assert_cmpstr (g, ==, "Âge   été");
}

/* The outcome tables share two sheets: the sample's eight answers tables (one per
 * questionnaire item) took a sheet each, named "Wellbeing questionnaire  I (2)" and so
 * on, cut at 31 characters. */
static void
test_sheet_groups (void)
{
  PathwaysReportTable answers = { 0 }, more = { 0 }, outcomes = { 0 };

  answers.id = (char *) "outcome_distribution";
  answers.title = (char *) "Wellbeing questionnaire: I feel good about myself: answers at start and at end";
  more.id = (char *) "outcome_distribution";
  more.title = (char *) "Wellbeing questionnaire: I feel confident in myself: answers at start and at end";
  outcomes.id = (char *) "outcomes";
  outcomes.title = (char *) "Outcomes at start and at end";
  g_assert_cmpstr (pathways_xlsx_sheet_for_table (&answers), ==, "Outcome answers");
  g_assert_cmpstr (pathways_xlsx_sheet_for_table (&more), ==, "Outcome answers");
  g_assert_cmpstr (pathways_xlsx_sheet_for_table (&outcomes), ==, "Outcomes");
}

/* ---- PDF ---- */

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { tool ("pdftotext"), "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  return run (argv);
}

static void
test_pdf (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *exact_path = g_build_filename (dir, "exact.pdf", NULL);
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL, *fonts = NULL, *text = NULL, *flat = NULL, *rule = NULL, *exact_text = NULL;
  g_auto(GStrv) font_lines = NULL;
  const char *info_argv[] = { tool ("pdfinfo"), path, NULL };
  const char *fonts_argv[] = { tool ("pdffonts"), path, NULL };
  guint n_fonts = 0, lines_seen;
  int pages = 0;
  char *p;

  pathways_export_options_set_commentary (o, PATHWAYS_SECTION_JOURNEY, "Commentary for the funder.");
  g_assert_true (export_report (exact, o, "pdf", path, &error));
  g_assert_no_error (error);

  info = run (info_argv);
  g_assert_nonnull (strstr (info, "Title:           Quarterly report to the funder\n"));
  g_assert_nonnull (strstr (info, "Author:          Example Centre\n"));
  g_assert_nonnull (strstr (info, "Page size:       595.276 x 841.89 pts (A4)"));
  p = strstr (info, "Pages:");
  g_assert_nonnull (p);
  pages = atoi (p + strlen ("Pages:"));
  g_assert_cmpint (pages, >=, 8);

  fonts = run (fonts_argv);
  font_lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; font_lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) f = NULL;
      if (*font_lines[i] == '\0')
        continue;
      /* name type encoding emb sub uni object ID: emb is the 4th field from the end
       * of "yes yes yes 6 0" */
      f = g_ptr_array_new_with_free_func (g_free);
      {
        g_auto(GStrv) words = g_strsplit_set (font_lines[i], " ", -1);
        for (guint w = 0; words[w] != NULL; w++)
          if (*words[w])
            g_ptr_array_add (f, g_strdup (words[w]));
      }
      g_assert_cmpuint (f->len, >=, 6);
      if (!g_str_equal (g_ptr_array_index (f, f->len - 5), "yes"))
        g_error ("font not embedded: %s", font_lines[i]);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 2);

  text = pdf_text (path);
  /* every page numbered */
  {
    g_autofree char *last = g_strdup_printf ("Page %d of %d", pages, pages);
    g_assert_nonnull (strstr (text, "Page 1 of "));
    g_assert_nonnull (strstr (text, last));
  }
  /* title page and provenance */
  g_assert_nonnull (strstr (text, "Quarterly report to the funder"));
  g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));
  g_assert_nonnull (strstr (text, "pathways-sample-cases.csv"));
  g_assert_nonnull (strstr (text, "5 May 2023"));
  g_assert_nonnull (strstr (text, "Commentary for the funder."));
  g_assert_nonnull (strstr (text, "Methods"));
  flat = squeeze_spaces (text);
  rule = pathways_disclosure_describe (K, FALSE);
  g_assert_nonnull (strstr (flat, rule));

  /* the figures of the same report, protected */
  assert_table_in_text (text, protected, "funnel", NULL);
  assert_table_in_text (text, protected, "closure_reasons", NULL);
  assert_table_in_text (text, protected, "service_closure_reasons", "Groups");
  assert_table_in_text (text, protected, "service_closure_reasons", "Helpline");
  assert_table_in_text (text, protected, "returners", NULL);
  /* the small count of the Groups table is hidden */
  {
    PathwaysCell *cell = pathways_report_get_cell (exact, "service_closure_reasons", "Groups",
                                                   "Unplanned closure", "count");
    g_assert_nonnull (cell);
    g_assert_cmpfloat (cell->value, ==, 1);
  }
  lines_seen = check_no_small_counts (text, protected, K);
  g_assert_cmpuint (lines_seen, >, 100);

  /* the checker catches small counts: the unprotected PDF shows them */
  o->suppress = FALSE;
  g_assert_true (export_report (exact, o, "pdf", exact_path, &error));
  g_assert_no_error (error);
  exact_text = pdf_text (exact_path);
  assert_table_in_text (exact_text, exact, "service_closure_reasons", "Groups");
  g_assert_null (strstr (exact_text, "<5"));
  {
    g_autofree char *flat_exact = squeeze_spaces (exact_text);
    g_autofree char *none = pathways_disclosure_describe (0, FALSE);
    g_assert_nonnull (strstr (flat_exact, none));
  }
  g_assert_nonnull (strstr (text, "<5"));
}

/* Lines of TEXT equal to WANT once their spaces are trimmed. */
static guint
count_lines (const char *text,
             const char *want)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (g_strstrip (lines[i]), want))
      n++;
  return n;
}

/* Every table of the PDF has its heading once, also when the heading starts a page
 * (it printed the footer's "Pathways 0.1.0" instead), and the footer is on every page. */
static void
test_pdf_headings (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL, *text = NULL;
  const char *info_argv[] = { tool ("pdfinfo"), path, NULL };
  guint n_titles = 0, footers = 0;
  int pages;

  g_assert_true (export_report (exact, o, "pdf", path, &error));
  g_assert_no_error (error);
  info = run (info_argv);
  pages = atoi (strstr (info, "Pages:") + strlen ("Pages:"));
  text = pdf_text (path);
  for (const char *p = text; (p = strstr (p, "Pathways " PATHWAYS_VERSION)) != NULL; p++)
    footers++;
  g_assert_cmpuint (footers, ==, (guint) pages);

  for (guint k = 0; k < protected->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (protected->tables, k);
      g_autofree char *title = NULL;

      if (pathways_export_table_section (t) == 0 || g_str_equal (t->id, "data_quality"))
        continue;
      /* the funnel's heading says its population */
      title = g_str_equal (t->id, "funnel") && t->key == NULL
              ? g_strdup ("Journey of the 5,825 closed cases") : pathways_export_table_title (t);
      if (count_lines (text, title) != 1)
        g_error ("the heading “%s” is shown %u times", title, count_lines (text, title));
      n_titles++;
    }
  g_assert_cmpuint (n_titles, >, 30);
}

/* The strings after every /Title in the PDF file at PATH (its outline and its
 * metadata): literal (…) strings with their escapes, or <FEFF…> UTF-16 hex strings. */
static GHashTable *
pdf_titles (const char *path)
{
  GHashTable *titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  /* byte by byte: the file holds NUL bytes */
  for (const char *p = data; p + 8 < data + len; p++)
    {
      GString *s;

      if (memcmp (p, "/Title ", 7) != 0)
        continue;
      s = g_string_new (NULL);
      p += strlen ("/Title ");
      if (*p == '(')
        for (p++; p < data + len && *p != ')'; p++)
          {
            if (*p == '\\' && p[1] >= '0' && p[1] <= '7')
              {
                g_string_append_c (s, (char) strtol ((char[]) { p[1], p[2], p[3], 0 }, NULL, 8));
                p += 3;
              }
            else if (*p == '\\')
              g_string_append_c (s, *++p);
            else
              g_string_append_c (s, *p);
          }
      else if (*p == '<')
        {
          g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gunichar2));
          g_autofree char *utf8 = NULL;

          for (p++; p + 4 <= data + len && g_ascii_isxdigit (*p); p += 4)
            {
              gunichar2 u = (gunichar2) strtol ((char[]) { p[0], p[1], p[2], p[3], 0 }, NULL, 16);
              g_array_append_val (units, u);
            }
          if (units->len > 0 && g_array_index (units, gunichar2, 0) == 0xFEFF)
            utf8 = g_utf16_to_utf8 ((gunichar2 *) units->data + 1, units->len - 1, NULL, NULL, NULL);
          if (utf8 != NULL)
            g_string_append (s, utf8);
        }
      g_hash_table_add (titles, g_string_free (s, FALSE));
    }
  return titles;
}

/* Bookmarks: the title page, every section, every table and the methods' parts. */
static void
test_pdf_outline (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) titles = NULL;
  const char *fixed[] = { "Quarterly report to the funder", "Journey", "Closures", "Waiting times", "Methods",
                          "Definitions", "Protecting small numbers", "Data quality" };
  guint n = 0;

  g_assert_true (export_report (exact, o, "pdf", path, &error));
  g_assert_no_error (error);
  titles = pdf_titles (path);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (!g_hash_table_contains (titles, fixed[i]))
      g_error ("no bookmark “%s”", fixed[i]);
  for (guint k = 0; k < protected->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (protected->tables, k);
      g_autofree char *title = NULL;

      if (pathways_export_table_section (t) == 0 || g_str_equal (t->id, "data_quality"))
        continue;
      title = g_str_equal (t->id, "funnel") && t->key == NULL
              ? g_strdup ("Journey of the 5,825 closed cases") : pathways_export_table_title (t);
      if (!g_hash_table_contains (titles, title))
        g_error ("no bookmark “%s”", title);
      n++;
    }
  g_assert_cmpuint (n, >, 30);
  g_assert_cmpuint (g_hash_table_size (titles), >=, n + G_N_ELEMENTS (fixed));
}

/* ---- CSV reading (RFC 4180) ---- */

static GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;
  gboolean quoted = FALSE, any = FALSE;

  while (*p)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, '"'), p++;
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (*p == '\n' || *p == '\r')
        {
          if (*p == '\r' && p[1] == '\n')
            p++;
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          any = FALSE;
          p++;
          continue;
        }
      else
        g_string_append_c (field, *p);
      any = TRUE;
      p++;
    }
  if (any)
    {
      g_ptr_array_add (row, g_string_free (field, FALSE));
      g_ptr_array_add (rows, row);
    }
  else
    {
      g_string_free (field, TRUE);
      g_ptr_array_unref (row);
    }
  return rows;
}

static const char *
csv_cell (GPtrArray *rows,
          guint      r,
          guint      c)
{
  GPtrArray *row;

  if (r >= rows->len)
    return "";
  row = g_ptr_array_index (rows, r);
  return c < row->len ? g_ptr_array_index (row, c) : "";
}

/* Compares a table as read back (FIRST_ROW onwards, columns from FIRST_COL) with the
 * model; PERCENT_SCALE is 100 when percents are stored as fractions. Also checks that no
 * count cell of a protected table holds 1 .. K − 1. */
static void
assert_table_values (GPtrArray                 *rows,
                     guint                      first_row,
                     guint                      first_col,
                     PathwaysReport            *report,
                     const PathwaysReportTable *t,
                     double                     percent_scale,
                     double                     tolerance)
{
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      for (guint c = 0; c < t->columns->len; c++)
        {
          const PathwaysCell *cell = &row->cells[c];
          const char *got = csv_cell (rows, first_row + r, first_col + c);
          double v, want;
          char *end = NULL;

          if (cell->kind == PATHWAYS_CELL_LABEL)
            {
              g_autofree char *shown = cell->text != NULL
                                       ? pathways_labels_format_cell (t, c, cell, report->threshold)
                                       : g_strdup ("");
              g_assert_cmpstr (got, ==, shown);
              continue;
            }
          if (cell->suppression != PATHWAYS_SUPPRESSION_NONE)
            {
              g_autofree char *shown = pathways_cell_format (cell, report->threshold);
              g_assert_cmpstr (got, ==, shown);
              continue;
            }
          if (!cell->defined)
            {
              g_assert_cmpstr (got, ==, "");
              continue;
            }
          v = g_ascii_strtod (got, &end);
          if (end == got || *end != '\0')
            g_error ("%s/%s row %u column %u: “%s” is not a number", t->id, t->key ? t->key : "", r, c, got);
          {
            PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
            /* the workbook stores rates and their intervals as percents too */
            gboolean pct = cell->kind == PATHWAYS_CELL_PERCENT ||
                           (cell->kind == PATHWAYS_CELL_RATE && !g_str_equal (col->id, "cases_per_person"));
            want = pct ? cell->value / percent_scale : cell->value;
          }
          if (fabs (v - want) > tolerance * MAX (1, fabs (want)))
            g_error ("%s/%s row %u column %u: read %s, want %g", t->id, t->key ? t->key : "", r, c, got, want);
          if (t->protect && report->threshold > 0 && cell->kind == PATHWAYS_CELL_COUNT &&
              v > 0 && v < report->threshold)
            g_error ("%s/%s row %u column %u: a count of %g is shown", t->id, t->key ? t->key : "", r, c, v);
        }
    }
}

static guint
n_selected (PathwaysReport              *report,
            const PathwaysExportOptions *o)
{
  guint n = 0;
  for (guint k = 0; k < report->tables->len; k++)
    if (pathways_export_table_selected (g_ptr_array_index (report->tables, k), o))
      n++;
  return n;
}

/* ---- XLSX ---- */

static void
test_xlsx (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *pattern = g_build_filename (dir, "sheet-%n.csv", NULL);
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { tool ("ssconvert"), "-S", "--export-type=Gnumeric_stf:stf_csv", path, pattern, NULL };
  guint n_sheets = 0, charts = 0;
  zip_t *zip;
  int zerr = 0;

  g_assert_true (export_report (exact, o, "xlsx", path, &error));
  g_assert_no_error (error);
  out = run (argv);
  for (;; n_sheets++)
    {
      g_autofree char *name = g_strdup_printf ("sheet-%u.csv", n_sheets);
      g_autofree char *file = g_build_filename (dir, name, NULL);
      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        break;
    }

  /* native charts are in the package */
  zip = zip_open (path, ZIP_RDONLY, &zerr);
  g_assert_nonnull (zip);
  for (zip_int64_t i = 0; i < zip_get_num_entries (zip, 0); i++)
    if (g_str_has_prefix (zip_get_name (zip, i, 0), "xl/charts/chart"))
      charts++;
  zip_close (zip);
  g_assert_cmpuint (charts, >=, 10);

  /* Read me */
  {
    g_autofree char *file = g_build_filename (dir, "sheet-1.csv", NULL);
    g_autofree char *text = NULL, *rule = pathways_disclosure_describe (K, FALSE);
    g_autoptr(GPtrArray) rows = NULL;
    g_assert_true (g_file_get_contents (file, &text, NULL, &error));
    rows = csv_parse (text);
    g_assert_cmpstr (csv_cell (rows, 0, 0), ==, "Quarterly report to the funder");
    g_assert_nonnull (strstr (text, rule));
    g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));
    g_assert_nonnull (strstr (text, "5 May 2023"));
  }
  /* Contents: a link to every other sheet; about 15 short, unique sheet names */
  {
    g_autofree char *file = g_build_filename (dir, "sheet-0.csv", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GBytes) sheet1 = NULL;
    guint links = 0;

    g_assert_true (g_file_get_contents (file, &text, NULL, &error));
    rows = csv_parse (text);
    g_assert_cmpstr (csv_cell (rows, 0, 0), ==, "Contents");
    g_assert_cmpstr (csv_cell (rows, 4, 0), ==, "Read me");
    for (guint r = 4; r < rows->len && *csv_cell (rows, r, 0) != '\0'; r++)
      {
        const char *name = csv_cell (rows, r, 0);
        g_assert_cmpuint (g_utf8_strlen (name, -1), <=, 24);
        g_assert_null (strstr (name, "(2)"));
        g_assert_true (g_hash_table_add (names, (char *) name));
      }
    g_assert_cmpuint (g_hash_table_size (names), ==, n_sheets - 1);
    g_assert_cmpuint (n_sheets, >=, 12);
    g_assert_cmpuint (n_sheets, <=, 20);
    zip = zip_open (path, ZIP_RDONLY, &zerr);
    {
      zip_file_t *zf = zip_fopen (zip, "xl/worksheets/sheet1.xml", 0);
      char buf[65536];
      zip_int64_t got = zip_fread (zf, buf, sizeof buf - 1);
      g_assert_cmpint (got, >, 0);
      buf[got] = '\0';
      for (const char *p = buf; (p = strstr (p, "location=\"")) != NULL; p++)
        links++;
      zip_fclose (zf);
    }
    zip_close (zip);
    g_assert_cmpuint (links, ==, n_sheets - 1);
  }
  /* every table under its title in its subject's sheet, numbers as numbers */
  for (guint k = 0; k < protected->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (protected->tables, k);
      g_autofree char *title = NULL;
      guint found = 0;

      if (!pathways_export_table_selected (t, o))
        continue;
      title = pathways_export_table_title (t);
      for (guint s = 2; s < n_sheets; s++)
        {
          g_autofree char *name = g_strdup_printf ("sheet-%u.csv", s);
          g_autofree char *file = g_build_filename (dir, name, NULL);
          g_autofree char *text = NULL;
          g_autoptr(GPtrArray) rows = NULL;

          g_assert_true (g_file_get_contents (file, &text, NULL, &error));
          rows = csv_parse (text);
          for (guint r = 1; r < rows->len; r++)
            {
              /* a block starts after an empty row (a field's label can be a title too) */
              if (!g_str_equal (csv_cell (rows, r, 0), title) || *csv_cell (rows, r - 1, 0) != '\0')
                continue;
              for (guint c = 0; c < t->columns->len; c++)
                {
                  PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
                  g_assert_cmpstr (csv_cell (rows, r + PATHWAYS_XLSX_HEADER_ROW, c), ==, col->label);
                }
              assert_table_values (rows, r + PATHWAYS_XLSX_HEADER_ROW + 1, 0, protected, t, 100.0, 1e-9);
              found++;
            }
        }
      if (found != 1)
        g_error ("the workbook has the table “%s” %u times", title, found);
    }
  {
    g_autofree char *name = g_strdup_printf ("sheet-%u.csv", n_sheets);
    g_autofree char *file = g_build_filename (dir, name, NULL);
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  }
  /* a hand-checked cell: 1,950 planned closures of 5,825 closed cases */
  {
    PathwaysCell *cell = pathways_report_get_cell (protected, "closure_reasons", NULL, "Planned closure", "count");
    g_assert_cmpfloat (cell->value, ==, 1950);
  }
}

/* The first word_word in TEXT (an internal name such as referral_to_contact), or NULL. */
static char *
find_snake_case (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("\\b[a-z]+_[a-z]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (re, text, 0, &match))
    return g_match_info_fetch (match, 0);
  return NULL;
}

/* Readers see words: no internal name in the PDF's text or any workbook cell, no
 * repeated title, the period stated once on the cover, a subject that is a sentence. */
static void
test_labels (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *pattern = g_build_filename (dir, "sheet-%n.csv", NULL);
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysReport) fy = NULL;
  g_autofree char *text = NULL, *snake = NULL, *info = NULL;
  const char *ss_argv[] = { tool ("ssconvert"), "-S", "--export-type=Gnumeric_stf:stf_csv", xlsx, pattern, NULL };
  const char *info_argv[] = { tool ("pdfinfo"), pdf, NULL };
  g_autoptr(GDir) d = NULL;
  PathwaysReportOptions ro;
  const char *name;
  guint n_sheets = 0;

  g_assert_cmpstr (pathways_labels_get ("referral_to_contact"), ==, "Referral to first contact");
  g_assert_cmpstr (pathways_labels_get ("service_allocated"), ==, "Service allocated");
  g_assert_cmpstr (pathways_labels_get ("orphan_service"), ==, "Services without a matching case");
  g_assert_cmpstr (pathways_labels_get ("not_recorded"), ==, "Not recorded");
  g_assert_cmpstr (pathways_labels_get ("referral_source"), ==, "Referral source");
  g_assert_null (pathways_labels_get ("Police"));
  g_assert_cmpstr (pathways_labels_get_class ("unplanned"), ==, "Unplanned");
  /* a field's label inside a sentence: "Planned-closure rate by referral source", in
   * the report's own title (the window's card showed "by Referral source") */
  {
    g_autofree char *a = pathways_labels_in_sentence ("Referral source");
    g_autofree char *b = pathways_labels_in_sentence ("GP practice");
    g_autofree char *c = pathways_labels_in_sentence ("");
    g_assert_cmpstr (a, ==, "referral source");
    g_assert_cmpstr (b, ==, "GP practice");
    g_assert_cmpstr (c, ==, "");
    g_assert_cmpstr (table (exact, "planned_closure_rates", "referral_source")->title, ==,
                     "Planned-closure rate by referral source");
  }
  {
    g_autofree char *key = pathways_labels_format_key (table (exact, "waiting_bands", "service_wait/Therapy"));
    g_assert_cmpstr (key, ==, "Service waiting time: Therapy");
  }

  g_assert_true (pathways_filter_set_period (filter, "FY2022-23", &error));
  g_assert_no_error (error);
  pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  pathways_report_options_init (&ro);
  fy = pathways_report_new (exact->dataset, filter, &ro);

  g_assert_true (export_report (fy, o, "pdf", pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  snake = find_snake_case (text);
  if (snake != NULL)
    g_error ("the PDF shows the internal name “%s”", snake);
  g_assert_null (strstr (text, "values per case: values"));
  g_assert_nonnull (strstr (text, "Referral to first contact"));
  g_assert_nonnull (strstr (text, "Duplicate case IDs"));
  /* the cover: the period on its own line, the filters without it */
  {
    g_autofree char *flat = squeeze_spaces (text);
    g_assert_nonnull (strstr (flat, "Period (referral date) 1 Apr 2022 – 31 Mar 2023 Filters Referral source: Police "));
  }
  info = run (info_argv);
  g_assert_nonnull (strstr (info, "Subject:         Quarterly report to the funder, Example Centre: cases "
                                  "referred 1 Apr 2022 – 31 Mar 2023 (Referral source: Police).\n"));

  g_assert_true (export_report (fy, o, "xlsx", xlsx, &error));
  g_assert_no_error (error);
  g_free (run (ss_argv));
  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *cells = NULL, *found = NULL;

      if (!g_str_has_suffix (name, ".csv"))
        continue;
      g_assert_true (g_file_get_contents (file, &cells, NULL, &error));
      found = find_snake_case (cells);
      if (found != NULL)
        g_error ("the workbook's %s shows the internal name “%s”", name, found);
      n_sheets++;
    }
  g_assert_cmpuint (n_sheets, >, 10);
}

/* ---- CSV ---- */

static void
test_csv (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "report", NULL);
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *readme = NULL, *readme_path = NULL, *rule = pathways_disclosure_describe (K, FALSE);
  g_autoptr(GDir) d = NULL;
  guint n_files = 0, index = 0;

  g_assert_true (export_report (exact, o, "csv", folder, &error));
  g_assert_no_error (error);
  readme_path = g_build_filename (folder, "README.txt", NULL);
  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, &error));
  g_assert_nonnull (strstr (readme, rule));
  g_assert_nonnull (strstr (readme, "04-closure-reasons.csv"));

  d = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (d) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, n_selected (protected, o) + 1);

  for (guint k = 0; k < protected->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (protected->tables, k);
      g_autofree char *text = NULL, *file = NULL, *prefix = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GDir) scan = NULL;
      const char *name;
      guint first_col = t->key != NULL ? 1 : 0;

      if (!pathways_export_table_selected (t, o))
        continue;
      prefix = g_strdup_printf ("%02u-", ++index);
      scan = g_dir_open (folder, 0, NULL);
      while ((name = g_dir_read_name (scan)) != NULL)
        if (g_str_has_prefix (name, prefix))
          file = g_build_filename (folder, name, NULL);
      g_assert_nonnull (file);
      g_assert_true (g_file_get_contents (file, &text, NULL, &error));
      g_assert_true (g_utf8_validate (text, -1, NULL));
      rows = csv_parse (text);
      g_assert_cmpuint (rows->len, ==, t->rows->len + 1);
      if (t->key != NULL)
        g_assert_cmpstr (csv_cell (rows, 0, 0), ==, "key");
      for (guint c = 0; c < t->columns->len; c++)
        {
          PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
          g_assert_cmpstr (csv_cell (rows, 0, first_col + c), ==, col->id);
        }
      assert_table_values (rows, 1, first_col, protected, t, 1.0, 0.006);
    }
}

/* ---- options that change what is written ---- */

static void
test_sections (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "closures", NULL);
  g_autoptr(PathwaysExportOptions) o = pathways_export_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n = 0;

  o->sections = PATHWAYS_SECTION_CLOSURES;
  g_assert_true (export_report (exact, o, "csv", folder, &error));
  g_assert_no_error (error);
  d = g_dir_open (folder, 0, &error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      n++;
      g_assert_true (g_str_equal (name, "README.txt") || strstr (name, "closure-reasons") != NULL ||
                     strstr (name, "-dataset.csv") != NULL || strstr (name, "-cohort.csv") != NULL);
    }
  /* README, dataset, cohort, closure reasons, six service types */
  g_assert_cmpuint (n, ==, 1 + 2 + 1 + 6);
}

static void
test_exact_report_unchanged (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "csv", NULL);
  g_autoptr(GError) error = NULL;
  PathwaysCell *cell;

  g_assert_true (export_report (exact, NULL, "csv", folder, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exact->threshold, ==, 0);
  cell = pathways_report_get_cell (exact, "service_closure_reasons", "Groups", "Unplanned closure", "count");
  g_assert_cmpint (cell->suppression, ==, PATHWAYS_SUPPRESSION_NONE);
  g_assert_cmpfloat (cell->value, ==, 1);
}

static void
test_errors (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no", "such", "folder", "r.pdf", NULL);
  g_autofree char *missing_x = g_build_filename (dir, "no", "such", "folder", "r.xlsx", NULL);
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;

  g_assert_false (export_report (exact, NULL, "docx", file, &e1));
  g_assert_error (e1, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_FORMAT);

  g_assert_false (export_report (exact, NULL, "pdf", missing, &e2));
  g_assert_error (e2, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE);
  g_assert_nonnull (strstr (e2->message, "r.pdf"));

  g_assert_false (export_report (exact, NULL, "xlsx", missing_x, &e3));
  g_assert_error (e3, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE);
  g_assert_nonnull (strstr (e3->message, "r.xlsx"));

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_false (export_report (exact, NULL, "csv", file, &e4));
  g_assert_error (e4, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE);
}

/* ---- summary page ---- */

static PathwaysFilter *
period_filter (const char *period,
               const char *value)
{
  PathwaysFilter *filter = pathways_filter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (pathways_filter_set_period (filter, period, &error));
  g_assert_no_error (error);
  if (value != NULL)
    pathways_filter_add_value (filter, PATHWAYS_FIELD_PRIMARY_INCIDENT, value);
  return filter;
}

/* The comparison reports: the period before and a year before, same filters. */
static void
test_compare_periods (void)
{
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (sample);
  g_autoptr(PathwaysFilter) quarter = period_filter ("FY2022-23-Q2", "Rape");
  g_autoptr(PathwaysFilter) fyear = period_filter ("FY2022-23", NULL);
  g_autoptr(PathwaysFilter) custom = period_filter ("2022-07-05..2022-08-31", NULL);
  g_autoptr(PathwaysFilter) early = period_filter ("1990", NULL);
  g_autoptr(PathwaysReport) previous = NULL;
  g_autoptr(PathwaysReport) year_before = NULL;
  PathwaysReport *none = NULL, *none2 = NULL;
  PathwaysPeriod period, expected;

  g_assert_true (pathways_analysis_compare_get_period (quarter, &period));
  g_assert_true (pathways_analysis_run_comparisons (analysis, quarter, &previous, &year_before));
  g_assert_nonnull (previous);
  g_assert_nonnull (year_before);
  g_assert_true (pathways_period_shift (&period, -1, &expected));
  g_assert_cmpint (pathways_filter_get_from (previous->filter), ==, expected.from);
  g_assert_cmpint (pathways_filter_get_to (previous->filter), ==, expected.to);
  g_assert_true (pathways_period_year_before (&period, &expected));
  g_assert_cmpint (pathways_filter_get_from (year_before->filter), ==, expected.from);
  g_assert_cmpint (pathways_filter_get_to (year_before->filter), ==, expected.to);
  /* the other filters come along */
  g_assert_cmpstr (pathways_filter_get_values (year_before->filter, PATHWAYS_FIELD_PRIMARY_INCIDENT)[0], ==, "Rape");
  g_clear_pointer (&previous, pathways_report_unref);
  g_clear_pointer (&year_before, pathways_report_unref);

  /* a financial year's previous period is the year before: one comparison */
  g_assert_true (pathways_analysis_run_comparisons (analysis, fyear, &previous, &year_before));
  g_assert_nonnull (previous);
  g_assert_null (year_before);
  g_assert_true (pathways_period_parse_full ("FY2021-22", &expected, NULL));
  g_assert_cmpint (pathways_filter_get_from (previous->filter), ==, expected.from);

  /* no period, or none before the data starts: nothing to compare with */
  g_assert_false (pathways_analysis_compare_get_period (custom, &period));
  g_assert_false (pathways_analysis_run_comparisons (analysis, custom, &none, &none2));
  g_assert_false (pathways_analysis_run_comparisons (analysis, early, &none, &none2));
  g_assert_null (none);
  g_assert_null (none2);
}

/* The headline figures in words, and a hidden figure stays hidden. */
static void
test_headlines (void)
{
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (sample);
  g_autoptr(PathwaysFilter) filter = period_filter ("FY2022-23-Q2", NULL);
  g_autoptr(PathwaysReport) report = pathways_analysis_run (analysis, filter);
  g_autoptr(PathwaysReport) previous = NULL, year_before = NULL;
  g_autoptr(PathwaysHeadlines) lines = NULL;
  g_autoptr(PathwaysHeadlines) alone = NULL;
  PathwaysHeadline *h;
  PathwaysCell *cell;
  double a, b;
  g_autofree char *pct = NULL, *words = NULL;

  g_assert_true (pathways_analysis_run_comparisons (analysis, filter, &previous, &year_before));
  a = pathways_report_get_cell (report, "cohort", NULL, "cohort", "cases")->value;
  b = pathways_report_get_cell (previous, "cohort", NULL, "cohort", "cases")->value;
  g_assert_cmpfloat (a, !=, b);
  lines = pathways_headlines_new (report, previous, year_before);
  g_assert_cmpstr (lines->period_label[PATHWAYS_HEADLINE_THIS], ==, "Q3 2022");
  g_assert_cmpstr (lines->period_label[PATHWAYS_HEADLINE_PREVIOUS], ==, "Q2 2022");
  g_assert_cmpstr (lines->period_label[PATHWAYS_HEADLINE_YEAR_BEFORE], ==, "Q3 2021");
  g_assert_cmpuint (lines->figures->len, ==, 7);
  h = g_ptr_array_index (lines->figures, 0);
  g_assert_cmpstr (h->id, ==, "referrals");
  pct = pathways_format_percent (100.0 * fabs (a - b) / b);
  words = g_strdup_printf ("%s %s than in Q2 2022 (%.0f)", pct, a > b ? "more" : "fewer", b);
  words[0] = g_ascii_toupper (words[0]);
  g_assert_true (g_str_has_prefix (h->sentence, words));
  h = g_ptr_array_index (lines->figures, 2);
  g_assert_cmpstr (h->id, ==, "planned_rate");
  g_assert_cmpstr (strstr (h->sentence, "points") != NULL || strstr (h->sentence, "about the same") != NULL
                   ? "ok" : h->sentence, ==, "ok");

  /* a hidden comparison is named, never shown */
  cell = pathways_report_get_cell (previous, "cohort", NULL, "cohort", "cases");
  cell->suppression = PATHWAYS_SUPPRESSION_PRIMARY;
  previous->threshold = K;
  g_clear_pointer (&lines, pathways_headlines_free);
  lines = pathways_headlines_new (report, previous, NULL);
  h = g_ptr_array_index (lines->figures, 0);
  g_assert_cmpstr (h->text[PATHWAYS_HEADLINE_PREVIOUS], ==, "<5");
  g_assert_false (h->known[PATHWAYS_HEADLINE_PREVIOUS]);
  g_assert_true (g_str_has_prefix (h->sentence, "Not shown for Q2 2022 (<5)"));

  /* without comparisons: the figures alone */
  alone = pathways_headlines_new (exact, NULL, NULL);
  h = g_ptr_array_index (alone->figures, 0);
  g_assert_null (h->sentence);
  g_assert_cmpstr (h->text[PATHWAYS_HEADLINE_THIS], ==, "6,457");
}

/* The PDF's second page: the headline figures, protected as the report is. */
static void
test_pdf_summary (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "summary.pdf", NULL);
  g_autoptr(PathwaysExportOptions) o = options_new ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (sample);
  g_autoptr(PathwaysReport) report = NULL, previous = NULL, year_before = NULL;
  g_autoptr(PathwaysFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *hidden = NULL;
  PathwaysOutputRequest request;
  PathwaysDisclosurePolicy policy;
  const char *argv[] = { tool ("pdftotext"), "-layout", "-f", "2", "-l", "2", path, "-", NULL };
  double n = 0;

  /* a month of a rare incident whose previous month has 1 to 4 referrals */
  for (int month = 1; month <= 12 && !(n >= 1 && n < K); month++)
    {
      g_autofree char *id = g_strdup_printf ("2022-%02d", month);

      g_clear_pointer (&filter, pathways_filter_free);
      g_clear_pointer (&report, pathways_report_unref);
      g_clear_pointer (&previous, pathways_report_unref);
      g_clear_pointer (&year_before, pathways_report_unref);
      filter = period_filter (id, "Sexual exploitation");
      report = pathways_analysis_run (analysis, filter);
      pathways_analysis_run_comparisons (analysis, filter, &previous, &year_before);
      n = previous != NULL ? pathways_report_get_cell (previous, "cohort", NULL, "cohort", "cases")->value : 0;
    }
  g_assert_cmpfloat (n, >=, 1);
  g_assert_cmpfloat (n, <, K);

  pathways_disclosure_policy_from_options (&policy, o);
  pathways_output_request_init (&request);
  request.options = o;
  request.previous = previous;
  request.year_before = year_before;
  g_assert_true (pathways_output_write (report, &policy, PATHWAYS_OUTPUT_PDF, path, &request, &error));
  g_assert_no_error (error);
  text = run (argv);
  g_assert_nonnull (strstr (text, "At a glance"));
  g_assert_nonnull (strstr (text, "Referrals"));
  g_assert_nonnull (strstr (text, "Median wait for a first contact"));
  g_assert_nonnull (strstr (text, "beside the period before"));
  /* the previous month's small count is hidden in words and in the small chart */
  g_assert_nonnull (strstr (text, "(<5)"));
  hidden = g_strdup_printf ("(%.0f)", n);
  g_assert_null (strstr (text, hidden));

  /* the funnel follows all referrals when asked, and says so */
  {
    PathwaysMeasuresOptions mo = *pathways_analysis_get_measures_options (analysis);
    g_autoptr(PathwaysFilter) fyear = period_filter ("FY2022-23", NULL);
    g_autoptr(PathwaysReport) all = NULL;
    g_autofree char *all_text = NULL, *want = NULL, *n_text = NULL;
    const char *all_argv[] = { tool ("pdftotext"), path, "-", NULL };

    mo.population = PATHWAYS_POPULATION_ALL;
    all = pathways_analysis_run_with_options (analysis, fyear, &mo);
    g_assert_true (export_report (all, o, "pdf", path, &error));
    all_text = run (all_argv);
    n_text = pathways_format_count ((guint64) pathways_report_get_cell (all, "cohort", NULL, "cohort", "cases")->value);
    want = g_strdup_printf ("Journey of all %s cases referred in 2022-23", n_text);
    g_assert_nonnull (strstr (all_text, want));
  }

  /* without comparisons the page still comes first, with the figures alone */
  g_clear_pointer (&text, g_free);
  g_assert_true (export_report (exact, o, "pdf", path, &error));
  text = run (argv);
  g_assert_nonnull (strstr (text, "At a glance"));
  g_assert_nonnull (strstr (text, "6,457"));
  g_assert_null (strstr (text, "than in"));
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
  exact = pathways_report_new (ds, NULL, &ro);
  sample = ds;
  protected = pathways_report_copy (exact);
  pathways_disclosure_apply (protected, K, FALSE);

  g_test_add_func ("/pathways/export/options/defaults", test_options_defaults);
  g_test_add_func ("/pathways/export/options/json", test_options_json);
  g_test_add_func ("/pathways/export/options/workspace", test_options_workspace);
  g_test_add_func ("/pathways/export/xlsx/sheet-names", test_sheet_names);
  g_test_add_func ("/pathways/export/xlsx/sheet-groups", test_sheet_groups);
  g_test_add_func ("/pathways/export/pdf", test_pdf);
  g_test_add_func ("/pathways/export/pdf/headings", test_pdf_headings);
  g_test_add_func ("/pathways/export/pdf/outline", test_pdf_outline);
  g_test_add_func ("/pathways/export/pdf/summary", test_pdf_summary);
  g_test_add_func ("/pathways/export/compare-periods", test_compare_periods);
  g_test_add_func ("/pathways/export/headlines", test_headlines);
  g_test_add_func ("/pathways/export/xlsx", test_xlsx);
  g_test_add_func ("/pathways/export/labels", test_labels);
  g_test_add_func ("/pathways/export/csv", test_csv);
  g_test_add_func ("/pathways/export/sections", test_sections);
  g_test_add_func ("/pathways/export/exact-report-unchanged", test_exact_report_unchanged);
  g_test_add_func ("/pathways/export/errors", test_errors);
  ret = g_test_run ();
  pathways_report_unref (protected);
  pathways_report_unref (exact);
  return ret;
}
