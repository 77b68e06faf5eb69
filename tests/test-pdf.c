/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF's layout and structure as a reader and a screen reader get them: a wide table
 * on one landscape page with every column (pdftotext -layout per page, pdfinfo), short
 * tables never split, and the structure tags (pdfinfo -struct-text: Tagged PDF with
 * the document, headings by level, paragraphs, tables and figures with their captions),
 * with the outline and the subject line still there. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pathways.h"
#include "sample-fixture.h"
#include "pathways-return.h"

#define K 5

static PathwaysReport *exact;     /* the sample report, every year */
static PathwaysDataset *sample;   /* its dataset */

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
    g_error ("%s is not installed: run build-aux/install-deps (it installs poppler-utils)", name);
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

/* The sample report as a protected PDF in a new temporary folder; its path. */
static char *
write_pdf (PathwaysReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysExportOptions) o = pathways_export_options_new ();
  g_autofree char *dir = g_dir_make_tmp ("pathways-pdf-XXXXXX", &error);
  char *path;
  PathwaysOutputRequest request;
  PathwaysDisclosurePolicy policy;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.pdf", NULL);
  o->title = g_strdup ("Annual report to the funder");
  o->organisation = g_strdup ("Example Centre");
  o->suppress = TRUE;
  o->threshold = K;
  pathways_disclosure_policy_from_options (&policy, o);
  pathways_output_request_init (&request);
  request.options = o;
  g_assert_true (pathways_output_write (report, &policy, PATHWAYS_OUTPUT_PDF, path, &request, &error));
  g_assert_no_error (error);
  return path;
}

/* The pages of pdftotext -layout's text (form feeds between pages). */
static char **
pdf_pages (const char *path)
{
  const char *argv[] = { tool ("pdftotext"), "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run (argv);
  return g_strsplit (text, "\f", -1);
}

/* Lines of PAGE that start (after spaces) with WORD followed by a space, and then a
 * number: a table's row ("2022-04        59   3.0"), not a chart's axis labels
 * ("2022-04        2022-06 ..."), which the trend charts draw since they label their
 * first and last period. */
static guint
lines_starting (const char *page,
                const char *word)
{
  g_auto(GStrv) lines = g_strsplit (page, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i], *rest;

      while (*l == ' ')
        l++;
      if (!g_str_has_prefix (l, word) || l[strlen (word)] != ' ')
        continue;
      rest = l + strlen (word);
      while (*rest == ' ')
        rest++;
      /* an axis goes on with another period: "2022-06" */
      if (strlen (rest) >= 7 && g_ascii_isdigit (rest[0]) && rest[4] == '-' && g_ascii_isdigit (rest[5]))
        continue;
      n++;
    }
  return n;
}

/* No page holds a section's heading alone (between the running header and the page
 * number): the whole sample's Activity heading was left on a landscape page of its
 * own, its chart too tall to follow it. */
static void
assert_no_lone_heading (char **pages)
{
  for (guint p = 0; pages[p] != NULL && pages[p + 1] != NULL; p++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[p], "\n", -1);
      guint n_lines = 0;

      for (guint i = 0; lines[i] != NULL; i++)
        n_lines += g_strstrip (lines[i])[0] != '\0';
      if (n_lines <= 3)
        g_error ("page %u holds a heading alone:\n%s", p + 1, pages[p]);
    }
}

/* The whole sample by financial quarter: forty quarters of activity, a chart as tall
 * as a landscape page allows, still on the page of its section's heading. */
/* The pages of the whole sample's PDF with its activity by financial quarter, its
 * waiting-time trends by TREND_UNIT */
static char **
activity_pdf_pages (PathwaysTrendUnit trend_unit)
{
  PathwaysReportOptions ro;
  g_autoptr(PathwaysReport) report = NULL;
  g_autofree char *path = NULL;

  pathways_report_options_init (&ro);
  ro.measures.trend_unit = trend_unit;
  ro.measures.activity = TRUE;
  ro.measures.activity_unit = PATHWAYS_PERIOD_FQUARTER;
  report = pathways_report_new (sample, NULL, &ro);
  path = write_pdf (report);
  return pdf_pages (path);
}

static void
test_no_lone_heading (void)
{
  g_auto(GStrv) pages = activity_pdf_pages (PATHWAYS_TREND_FINANCIAL_QUARTER);
  g_autofree char *all = g_strjoinv ("", pages);

  g_assert_nonnull (strstr (all, "Activity by financial quarter"));
  assert_no_lone_heading (pages);
  /* the activity table's 15 columns are too wide for a landscape page in body type:
   * set smaller, every page of it has every column (no panel of "Period, From, To,
   * Closed, day not known" on a page of its own) */
  for (guint p = 0; pages[p] != NULL; p++)
    if (strstr (pages[p], "Activity by financial quarter") != NULL && lines_starting (pages[p], "Period") > 0)
      {
        g_assert_nonnull (strstr (pages[p], "Referrals"));
        g_assert_nonnull (strstr (pages[p], "known"));
      }
}

/* The sample's Groups waiting list has no one on it at any quarter's end: one sentence,
 * not a page of an empty chart and forty zeros; Helpline's medians are all hidden (too
 * few waits): its chart is the sentence saying so, a few lines high, so that both
 * waiting lists share a page */
static void
test_empty_waiting_lists (void)
{
  g_auto(GStrv) pages = activity_pdf_pages (PATHWAYS_TREND_AUTO);
  int groups = -1, helpline = -1;

  for (guint p = 0; pages[p] != NULL; p++)
    {
      if (strstr (pages[p], "Waiting list: Groups") != NULL)
        {
          g_assert_cmpint (groups, ==, -1);
          groups = (int) p;
          g_assert_nonnull (strstr (pages[p], "No one was on this waiting list at the end of any period from "));
          g_assert_null (strstr (pages[p], "Waiting list: Groups: median days"));
        }
      if (strstr (pages[p], "Waiting list: Helpline") != NULL)
        {
          helpline = (int) p;
          g_assert_nonnull (strstr (pages[p], "No median is shown"));
        }
    }
  g_assert_cmpint (groups, >=, 0);
  g_assert_cmpint (helpline, ==, groups);
}

/* A report of one referral source: its rate by referral source is the overall rate, a
 * table of one row without a chart of one dot (no chart caption); the rate by primary
 * incident keeps its chart */
static void
test_one_group_rate (void)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *all = NULL;
  g_auto(GStrv) pages = NULL;

  pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  report = pathways_report_new (sample, filter, NULL);
  g_assert_cmpuint (pathways_report_get_table (report, "planned_closure_rates", "referral_source")->rows->len, ==, 1);
  path = write_pdf (report);
  pages = pdf_pages (path);
  all = g_strjoinv ("", pages);
  g_assert_nonnull (strstr (all, "Planned-closure rate by referral source"));
  g_assert_null (strstr (all, "Planned-closure rate by referral source:"));
  g_assert_nonnull (strstr (all, "Planned-closure rate by primary incident:"));
}

/* The 14 columns of "Waiting times and durations" (Measure, Service type, n, Mean, ...,
 * Still waiting: max days) do not fit a portrait page, even wrapped (their longest
 * words and numbers add up to about 590 points of the 482 between the margins): the
 * table is set on one landscape page with every heading on the page of the first
 * column, once (no column panels: 0.1 put "95 % CI high" alone on a page). */
static void
test_wide_table (void)
{
  g_autofree char *path = write_pdf (exact);
  g_auto(GStrv) pages = pdf_pages (path);
  PathwaysReportTable *t = pathways_report_get_table (exact, "waiting_times", NULL);
  int found = -1;

  g_assert_nonnull (t);
  g_assert_cmpuint (t->columns->len, ==, 14);
  for (guint p = 0; pages[p] != NULL; p++)
    if (strstr (pages[p], "Waiting times and durations") != NULL)
      {
        g_assert_cmpint (found, ==, -1);
        found = (int) p;
      }
  g_assert_cmpint (found, >=, 0);

  /* the header row once: a column panel would repeat the first column's heading */
  g_assert_cmpuint (lines_starting (pages[found], "Measure"), ==, 1);
  for (guint c = 0; c < t->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      g_auto(GStrv) words = g_strsplit (col->label, " ", -1);

      /* a heading may wrap: each of its words is on the page */
      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0' && strstr (pages[found], words[w]) == NULL)
          g_error ("the heading “%s” is not on the page of the table (page %d)", col->label, found + 1);
    }
  /* and no panel of its other columns on the next page */
  g_assert_nonnull (pages[found + 1]);
  g_assert_cmpuint (lines_starting (pages[found + 1], "Measure"), ==, 0);
  g_assert_null (strstr (pages[found + 1], "Waiting times and durations (continued)"));
  /* every row with the first column: "Referral to first contact" may wrap after "first" */
  g_assert_nonnull (strstr (pages[found], "Referral to first"));
  g_assert_nonnull (strstr (pages[found], "Outreach"));

  /* that page is landscape, the first and the next portrait */
  {
    g_autofree char *n = g_strdup_printf ("%d", found + 1);
    g_autofree char *next = g_strdup_printf ("%d", found + 2);
    const char *argv[] = { tool ("pdfinfo"), "-f", "1", "-l", next, path, NULL };
    g_autofree char *info = run (argv);
    g_autofree char *landscape = g_strdup_printf ("Page %4s size:  841.89 x 595.276 pts", n);
    g_autofree char *after = g_strdup_printf ("Page %4s size:  595.276 x 841.89 pts", next);

    g_assert_nonnull (strstr (info, "Page    1 size:  595.276 x 841.89 pts"));
    g_assert_nonnull (strstr (info, landscape));
    g_assert_nonnull (strstr (info, after));
  }
}

/* A table of up to 15 rows is never split over two pages: the 12 months of each
 * trend table of a financial year are on one page. */
static void
test_short_tables_whole (void)
{
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (sample);
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_trend_pages = 0;

  g_assert_true (pathways_filter_set_period (filter, "FY2022-23", &error));
  g_assert_no_error (error);
  report = pathways_analysis_run (analysis, filter);
  path = write_pdf (report);
  pages = pdf_pages (path);
  for (guint p = 0; pages[p] != NULL; p++)
    {
      /* a month's row of a trend table: the year's 12 months are on its page */
      if (lines_starting (pages[p], "2022-04") > 0)
        {
          if (lines_starting (pages[p], "2022-04") != lines_starting (pages[p], "2023-03"))
            g_error ("page %u splits a trend table:\n%s", p + 1, pages[p]);
          n_trend_pages++;
        }
      /* the rates by gender: four rows, Other last (0.2 left it alone on a page) */
      if (lines_starting (pages[p], "Non-binary") > 0 && strstr (pages[p], "95 % CI high") != NULL)
        g_assert_cmpuint (lines_starting (pages[p], "Female"), >=, 1);
      if (lines_starting (pages[p], "Female") > 0 && strstr (pages[p], "95 % CI high") != NULL)
        g_assert_cmpuint (lines_starting (pages[p], "Other"), >=, 1);
    }
  assert_no_lone_heading (pages);
  /* referral to first contact, to assessment, to first service start and to closure,
   * and the trend of each service type shown */
  g_assert_cmpuint (n_trend_pages, >=, 4);
}

/* TRUE when a line of PAGE is TEXT and nothing else. */
static gboolean
has_line (const char *page,
          const char *text)
{
  g_auto(GStrv) lines = g_strsplit (page, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (g_strstrip (lines[i]), text))
      return TRUE;
  return FALSE;
}

/* A heading without a chart keeps its table's start with it, and a table's notes go
 * with its last rows: in the FY2022-23 sample, 0.2 left "Sessions and contacts" alone
 * at the foot of a page (its nine rows on the next, "continued") and the did-not-attend
 * table's note "Booked: ..." alone on a page. */
static void
test_heading_keeps_table (void)
{
  g_autofree char *cases = NULL, *services = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_preset ("sample", NULL);
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysAnalysis) analysis = NULL;
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  PathwaysImportOptions io = { 0, };
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_headings = 0, n_notes = 0;

  /* the sample with its appointments, as pathways-cli --sample reads it */
  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  io.cases_path = cases;
  io.services_path = services;
  io.mapping = mapping;
  ds = pathways_import (&io, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_sample_load_extras (ds, &error));
  g_assert_no_error (error);
  analysis = pathways_analysis_new (ds);
  g_assert_true (pathways_filter_set_period (filter, "FY2022-23", &error));
  g_assert_no_error (error);
  report = pathways_analysis_run (analysis, filter);
  path = write_pdf (report);
  pages = pdf_pages (path);
  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_assert_null (strstr (pages[p], "Sessions and contacts (continued)"));
      if (has_line (pages[p], "Sessions and contacts"))
        {
          /* the table's first and last rows are under the heading */
          if (lines_starting (pages[p], "Closed cases") != 1 || lines_starting (pages[p], "Contacts per case") != 1)
            g_error ("page %u has the heading without its table:\n%s", p + 1, pages[p]);
          n_headings++;
        }
      if (strstr (pages[p], "Booked: appointments") != NULL)
        {
          if (!has_line (pages[p], "Did-not-attend rate by service type"))
            g_error ("page %u has the note without its table:\n%s", p + 1, pages[p]);
          n_notes++;
        }
    }
  g_assert_cmpuint (n_headings, ==, 1);
  g_assert_cmpuint (n_notes, ==, 1);
  assert_no_lone_heading (pages);
}

/* A return's sections follow one another on a page while they fit: the board pack's
 * six short tables (five or six rows each) took a page each in 0.2, eight pages in all
 * with the title and the methods. Now "1. Demand" to "4. Services" share a page. */
static void
test_return_sections_share_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (sample);
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  PathwaysReturnTemplate *template = pathways_return_template_find ("board-pack", NULL, &error);
  g_autoptr(PathwaysReport) report = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  int demand = -1, services = -1, caseload = -1;
  guint n_pages;

  g_assert_no_error (error);
  g_assert_nonnull (template);
  g_assert_true (pathways_filter_set_period (filter, "FY2022-23", &error));
  report = pathways_return_fill (template, analysis, filter, &error);
  g_assert_no_error (error);
  path = write_pdf (report);
  pages = pdf_pages (path);
  n_pages = g_strv_length (pages) - 1;   /* the text ends with a form feed */
  for (guint p = 0; pages[p] != NULL; p++)
    {
      if (has_line (pages[p], "1. Demand"))
        demand = p;
      if (has_line (pages[p], "4. Services"))
        services = p;
      if (has_line (pages[p], "6. Caseload"))
        caseload = p;
    }
  g_assert_cmpint (demand, >=, 1);
  g_assert_cmpint (services, ==, demand);
  g_assert_cmpint (caseload, >=, services);
  g_assert_cmpint (caseload, <=, services + 1);
  /* the title page, two pages of sections, the methods; a summary page may come first */
  g_assert_cmpuint (n_pages, <=, 5);
  pathways_return_template_free (template);
}

/* Tagged PDF: pdfinfo says so, and the structure tree has the document, the title and
 * the sections as H1, every table's title as H2, paragraphs, tables with header and
 * data cells, and each chart as a Figure whose Caption says what it shows. */
static void
test_tags (void)
{
  g_autofree char *path = write_pdf (exact);
  const char *info_argv[] = { tool ("pdfinfo"), path, NULL };
  const char *struct_argv[] = { tool ("pdfinfo"), "-struct-text", path, NULL };
  g_autofree char *info = run (info_argv);
  g_autofree char *tree = run (struct_argv);
  g_autofree char *funnel = NULL;
  PathwaysReportTable *closures = pathways_report_get_table (exact, "closure_reasons", NULL);
  g_autofree char *closures_caption = NULL;
  g_auto(GStrv) lines = g_strsplit (tree, "\n", -1);
  guint n_h1 = 0, n_h2 = 0, n_figures = 0, n_captions = 0, n_tables = 0, n_th = 0, n_td = 0, n_p = 0;

  g_assert_nonnull (strstr (info, "Tagged:          yes\n"));
  /* the subject line from the report's title */
  g_assert_nonnull (strstr (info, "Subject:         Annual report to the funder, Example Centre"));
  g_assert_true (g_str_has_prefix (tree, "Document\n"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      /* depth 1 (two spaces): the document's children */
      if (g_str_has_prefix (l, "  H1 "))
        n_h1++;
      else if (g_str_has_prefix (l, "  H2 "))
        n_h2++;
      else if (g_str_has_prefix (l, "  P "))
        n_p++;
      else if (g_str_equal (l, "  Figure"))
        n_figures++;
      else if (g_str_has_prefix (l, "  Table"))
        n_tables++;
      else if (g_str_has_prefix (l, "    Caption"))
        n_captions++;
      else if (g_str_has_prefix (l, "      TH"))
        n_th++;
      else if (g_str_has_prefix (l, "      TD"))
        n_td++;
    }
  /* H1: the title, At a glance, Journey, Closures, Rates, Waiting times, People, Data
   * quality, Methods */
  g_assert_cmpuint (n_h1, >=, 8);
  g_assert_cmpuint (n_h2, >, 30);
  g_assert_cmpuint (n_p, >, 50);
  g_assert_cmpuint (n_tables, >, 30);
  g_assert_cmpuint (n_th, >, 100);
  g_assert_cmpuint (n_td, >, n_th);
  /* every chart's figure has its caption; the summary page's small bars have none */
  g_assert_cmpuint (n_captions, >, 25);
  g_assert_cmpuint (n_figures, >=, n_captions);

  /* headings with their text, in order */
  g_assert_nonnull (strstr (tree, "  H1 (block)\n    \"Annual report to the funder\""));
  g_assert_nonnull (strstr (tree, "  H1 (block)\n    \"Closures\""));
  g_assert_nonnull (strstr (tree, "  H2 (block)\n    \"Closure reasons, closed cases\""));
  /* a chart's caption is its title and what it shows (pathways_chart_describe); the
   * text is checked without its quotation marks, which poppler may print as escapes */
  g_assert_nonnull (closures);
  closures_caption = pathways_chart_describe (exact, closures);
  g_assert_true (g_str_has_prefix (closures_caption, "Closure reasons, closed cases: "));
  funnel = g_strdup_printf ("    Caption\n      \"%.*s", 40, closures_caption);
  g_assert_nonnull (strstr (tree, funnel));
}

/* TRUE when the LEN bytes of DATA (which hold NUL bytes) contain WANT. */
static gboolean
has_bytes (const char *data,
           gsize       len,
           const char *want)
{
  gsize n = strlen (want);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, want, n) == 0)
      return TRUE;
  return FALSE;
}

/* Bookmarks and the document's metadata are kept beside the tags. */
static void
test_outline_kept (void)
{
  g_autofree char *path = write_pdf (exact);
  g_autofree char *data = NULL;
  gsize len = 0;
  guint n_titles = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (const char *p = data; p + 7 < data + len; p++)
    if (memcmp (p, "/Title ", 7) == 0)
      n_titles++;
  /* the document's title, the sections and every table */
  g_assert_cmpuint (n_titles, >, 40);
  g_assert_true (has_bytes (data, len, "/Type /Outlines"));
  g_assert_true (has_bytes (data, len, "/Type /StructTreeRoot"));
  g_assert_true (has_bytes (data, len, "/Marked true"));
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

  g_test_add_func ("/pathways/pdf/wide-table", test_wide_table);
  g_test_add_func ("/pathways/pdf/short-tables-whole", test_short_tables_whole);
  g_test_add_func ("/pathways/pdf/tags", test_tags);
  g_test_add_func ("/pathways/pdf/outline-kept", test_outline_kept);
  g_test_add_func ("/pathways/pdf/no-lone-heading", test_no_lone_heading);
  g_test_add_func ("/pathways/pdf/empty-waiting-lists", test_empty_waiting_lists);
  g_test_add_func ("/pathways/pdf/one-group-rate", test_one_group_rate);
  g_test_add_func ("/pathways/pdf/heading-keeps-table", test_heading_keeps_table);
  g_test_add_func ("/pathways/pdf/return-sections-share-pages", test_return_sections_share_pages);
  ret = g_test_run ();
  pathways_report_unref (exact);
  return ret;
}
