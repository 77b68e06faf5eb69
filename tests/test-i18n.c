/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's language (pathways-i18n.h): a Welsh report from an English process and
 * the reverse, one language per thread, the .mo reader and plural forms. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pathways.h"
#include "sample-fixture.h"
#include "pathways-i18n.h"

static PathwaysDataset *sample;

/* ---- .mo files written here: the reader and the plural expressions -------------- */

static void
put_u32 (GByteArray *b,
         guint32     v)
{
  guint8 le[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (b, le, 4);
}

/* A catalogue of N messages (sorted originals, with their lengths: a plural's original
 * is "msgid\0plural") in DIR/LANG/LC_MESSAGES/pathways.mo. */
static void
write_mo (const char   *dir,
          const char   *lang,
          guint         n,
          const char  **ids,
          const gsize  *id_lens,
          const char  **strs,
          const gsize  *str_lens)
{
  g_autoptr(GByteArray) b = g_byte_array_new ();
  g_autofree char *folder = g_build_filename (dir, lang, "LC_MESSAGES", NULL);
  g_autofree char *path = g_build_filename (folder, "pathways.mo", NULL);
  g_autoptr(GError) error = NULL;
  guint32 offset = 28 + n * 16;

  put_u32 (b, 0x950412de);
  put_u32 (b, 0);
  put_u32 (b, n);
  put_u32 (b, 28);
  put_u32 (b, 28 + n * 8);
  put_u32 (b, 0);
  put_u32 (b, 0);
  for (guint i = 0; i < n; i++)
    {
      put_u32 (b, id_lens[i]);
      put_u32 (b, offset);
      offset += id_lens[i] + 1;
    }
  for (guint i = 0; i < n; i++)
    {
      put_u32 (b, str_lens[i]);
      put_u32 (b, offset);
      offset += str_lens[i] + 1;
    }
  for (guint i = 0; i < n; i++)
    g_byte_array_append (b, (const guint8 *) ids[i], id_lens[i] + 1);
  for (guint i = 0; i < n; i++)
    g_byte_array_append (b, (const guint8 *) strs[i], str_lens[i] + 1);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, (const char *) b->data, b->len, &error);
  g_assert_no_error (error);
}

#define HEADER(forms) "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: " forms "\n"

static void
test_mo_plurals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-i18n-XXXXXX", NULL);
  g_autofree char *bound = g_strdup (bindtextdomain (GETTEXT_PACKAGE, NULL));
  /* Welsh's six forms, each a different text */
  static const char cy_header[] =
    HEADER ("nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;");
  static const char plural_id[] = "%u thing\0%u things";
  static const char six[] = "zero %u\0one %u\0two %u\0few %u\0many %u\0other %u";
  const char *ids[] = { "", plural_id, "Journey funnel" };
  gsize id_lens[] = { 0, sizeof plural_id - 1, strlen ("Journey funnel") };
  const char *strs[] = { cy_header, six, "Twndis" };
  gsize str_lens[] = { strlen (cy_header), sizeof six - 1, strlen ("Twndis") };
  /* the expressions' other operators: three forms as in Russian */
  static const char ru_header[] =
    HEADER ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);");
  static const char three[] = "A %u\0B %u\0C %u";
  const char *ru_strs[] = { ru_header, three, "" };
  gsize ru_lens[] = { strlen (ru_header), sizeof three - 1, 0 };
  static const struct { gulong n; const char *cy, *ru; } cases[] = {
    { 0, "zero %u", "C %u" },  { 1, "one %u", "A %u" },    { 2, "two %u", "B %u" },
    { 3, "few %u", "B %u" },   { 6, "many %u", "C %u" },   { 7, "other %u", "C %u" },
    { 11, "other %u", "C %u" }, { 22, "other %u", "B %u" }, { 101, "other %u", "A %u" },
  };

  write_mo (dir, "xx", 3, ids, id_lens, strs, str_lens);
  write_mo (dir, "yy", 3, ids, id_lens, ru_strs, ru_lens);
  bindtextdomain (GETTEXT_PACKAGE, dir);

  g_assert_true (pathways_i18n_set_language ("xx", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (pathways_i18n_dngettext (GETTEXT_PACKAGE, "%u thing", "%u things", cases[i].n), ==, cases[i].cy);
  g_assert_cmpstr (pathways_i18n_dgettext (GETTEXT_PACKAGE, "Journey funnel"), ==, "Twndis");
  /* a message the catalogue lacks is the English */
  g_assert_cmpstr (pathways_i18n_dgettext (GETTEXT_PACKAGE, "Not in it"), ==, "Not in it");
  g_assert_cmpstr (pathways_i18n_dngettext (GETTEXT_PACKAGE, "%u cat", "%u cats", 1), ==, "%u cat");
  g_assert_cmpstr (pathways_i18n_dngettext (GETTEXT_PACKAGE, "%u cat", "%u cats", 2), ==, "%u cats");

  g_assert_true (pathways_i18n_set_language ("yy", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (pathways_i18n_dngettext (GETTEXT_PACKAGE, "%u thing", "%u things", cases[i].n), ==, cases[i].ru);
  /* an empty translation is the English */
  g_assert_cmpstr (pathways_i18n_dgettext (GETTEXT_PACKAGE, "Journey funnel"), ==, "Journey funnel");

  g_assert_true (pathways_i18n_set_language (NULL, NULL));
  bindtextdomain (GETTEXT_PACKAGE, bound);
}

static void
test_mo_damaged (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-i18n-XXXXXX", NULL);
  g_autofree char *bound = g_strdup (bindtextdomain (GETTEXT_PACKAGE, NULL));
  g_autofree char *folder = g_build_filename (dir, "zz", "LC_MESSAGES", NULL);
  g_autofree char *path = g_build_filename (folder, "pathways.mo", NULL);
  /* the right magic, then a table of one message whose text lies beyond the file */
  static const guint8 damaged[] = {
    0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 36, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 5, 0, 0, 0, 0xff, 0xff, 0, 0, 5, 0, 0, 0, 0xff, 0xff, 0, 0,
  };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not a catalogue at all, but long enough", -1, NULL));
  bindtextdomain (GETTEXT_PACKAGE, dir);
  g_test_expect_message ("pathways-i18n", G_LOG_LEVEL_WARNING, "*is not a message catalogue*");
  g_assert_false (pathways_i18n_set_language ("zz", &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, PATHWAYS_I18N_ERROR, PATHWAYS_I18N_ERROR_UNKNOWN_LANGUAGE);
  g_assert_null (pathways_i18n_get_language ());

  /* offsets outside the file: read up to them, no crash, English for the rest */
  g_assert_true (g_file_set_contents (path, (const char *) damaged, sizeof damaged, NULL));
  g_test_expect_message ("pathways-i18n", G_LOG_LEVEL_WARNING, "*lies outside the file*");
  g_assert_true (pathways_i18n_set_language ("zz_ZZ.UTF-8", NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpstr (pathways_i18n_get_language (), ==, "zz");
  g_assert_cmpstr (pathways_i18n_dgettext (GETTEXT_PACKAGE, "Journey funnel"), ==, "Journey funnel");
  g_assert_true (pathways_i18n_set_language (NULL, NULL));
  bindtextdomain (GETTEXT_PACKAGE, bound);
}

/* ---- the project's catalogues ------------------------------------------------ */

static void
test_languages (void)
{
  g_auto(GStrv) languages = pathways_i18n_list_languages ();
  g_autoptr(GError) error = NULL;

  /* "en" and po/LINGUAS, built into the folder $PATHWAYS_LOCALEDIR names */
  g_assert_true (g_strv_contains ((const char * const *) languages, "en"));
  g_assert_true (g_strv_contains ((const char * const *) languages, "cy"));
  g_assert_true (g_strv_contains ((const char * const *) languages, "en_GB"));
  g_assert_cmpstr (pathways_i18n_get_language_name ("cy"), ==, "Cymraeg");

  g_assert_false (pathways_i18n_set_language ("xx", &error));
  g_assert_error (error, PATHWAYS_I18N_ERROR, PATHWAYS_I18N_ERROR_UNKNOWN_LANGUAGE);
  g_assert_null (pathways_i18n_get_language ());
  /* a locale name finds its language; C is the English of the sources */
  g_assert_true (pathways_i18n_set_language ("cy_GB.UTF-8", NULL));
  g_assert_cmpstr (pathways_i18n_get_language (), ==, "cy");
  g_assert_true (pathways_i18n_set_language ("en_US.UTF-8", NULL));
  g_assert_cmpstr (pathways_i18n_get_language (), ==, "en");
  g_assert_true (pathways_i18n_set_language ("C", NULL));
  g_assert_cmpstr (pathways_i18n_get_language (), ==, "en");
  g_assert_true (pathways_i18n_set_language (NULL, NULL));
}

static void
test_welsh_words (void)
{
  gint32 day = pathways_day_from_ymd (2023, 5, 4);
  g_autofree char *english = NULL;
  g_autofree char *welsh = NULL;
  g_autofree char *welsh_short = NULL;

  english = pathways_format_day_long (day);
  g_assert_cmpstr (english, ==, "4 May 2023");
  g_assert_true (pathways_i18n_set_language ("cy", NULL));
  welsh = pathways_format_day_long (day);
  welsh_short = pathways_format_day (day);
  g_assert_cmpstr (welsh, ==, "4 Mai 2023");
  g_assert_cmpstr (welsh_short, ==, "4 Mai 2023");
  g_assert_cmpstr (pathways_i18n_month_name (3), ==, "Mawrth");
  g_assert_cmpstr (pathways_i18n_month_abbrev (2), ==, "Chwef");
  g_assert_cmpstr (pathways_field_get_label (PATHWAYS_FIELD_REFERRAL_DATE), ==, "Dyddiad atgyfeirio");
  /* Welsh plural forms from the project's catalogue: 2 mutates ("ddiwrnod") */
  g_assert_cmpstr (pathways_i18n_dngettext (GETTEXT_PACKAGE, "%.0f day", "%.0f days", 2), ==, "%.0f ddiwrnod");
  g_assert_cmpstr (pathways_i18n_dngettext (GETTEXT_PACKAGE, "%.0f day", "%.0f days", 5), ==, "%.0f diwrnod");
  g_assert_true (pathways_i18n_set_language ("en", NULL));
  g_assert_cmpstr (pathways_field_get_label (PATHWAYS_FIELD_REFERRAL_DATE), ==, "Referral date");
  g_assert_true (pathways_i18n_set_language (NULL, NULL));
}

/* ---- a Welsh report from a worker thread while the process is English ---------- */

typedef struct {
  GMutex      lock;
  GCond       cond;
  int         step;       /* 1: the worker is in Welsh; 2: the main thread has looked */
  char       *folder;
  char       *pdf;
} Export;

static void
export_wait (Export *e,
             int     step)
{
  g_mutex_lock (&e->lock);
  while (e->step < step)
    g_cond_wait (&e->cond, &e->lock);
  g_mutex_unlock (&e->lock);
}

static void
export_step (Export *e,
             int     step)
{
  g_mutex_lock (&e->lock);
  e->step = step;
  g_cond_broadcast (&e->cond);
  g_mutex_unlock (&e->lock);
}

static gpointer
export_thread (gpointer data)
{
  Export *e = data;
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysReportOptions ro;

  g_assert_true (pathways_i18n_set_language ("cy", NULL));
  export_step (e, 1);
  export_wait (e, 2);
  /* the report is built and written in this thread, in Welsh */
  pathways_report_options_init (&ro);
  report = pathways_report_new (sample, NULL, &ro);
  g_assert_true (pathways_output_write (report, NULL, PATHWAYS_OUTPUT_CSV, e->folder, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pathways_output_write (report, NULL, PATHWAYS_OUTPUT_PDF, e->pdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pathways_i18n_set_language (NULL, NULL));
  return NULL;
}

static void
test_welsh_report_thread (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-i18n-XXXXXX", NULL);
  g_autofree char *readme_path = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *funnel = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *funnel_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-l", "3", NULL, "-", NULL };
  Export e = { 0, };
  GThread *thread;
  int status = 0;

  g_mutex_init (&e.lock);
  g_cond_init (&e.cond);
  e.folder = g_build_filename (dir, "csv", NULL);
  e.pdf = g_build_filename (dir, "report.pdf", NULL);
  thread = g_thread_new ("export", export_thread, &e);
  export_wait (&e, 1);
  /* the worker is in Welsh; this thread, and the process, are not */
  g_assert_null (pathways_i18n_get_language ());
  g_assert_cmpstr (pathways_i18n_dgettext (GETTEXT_PACKAGE, "Journey funnel"), ==, "Journey funnel");
  g_assert_cmpstr (pathways_field_get_label (PATHWAYS_FIELD_REFERRAL_DATE), ==, "Referral date");
  export_step (&e, 2);
  g_thread_join (thread);

  /* README.txt: Welsh words and a Welsh month ("Period ... 1 Jun 2001 – 4 May 2023") */
  readme_path = g_build_filename (e.folder, "README.txt", NULL);
  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (readme, "Cyfnod (dyddiad atgyfeirio): 1 Meh 2001 – 4 Mai 2023"));
  g_assert_nonnull (strstr (readme, "Un ffeil i bob tabl"));
  g_assert_null (strstr (readme, "Period (referral date)"));
  /* the funnel's table: Welsh stage names (its columns are ids, the same in every language) */
  funnel_path = g_build_filename (e.folder, "03-funnel.csv", NULL);
  g_assert_true (g_file_get_contents (funnel_path, &funnel, NULL, &error));
  g_assert_nonnull (strstr (funnel, "Aseswyd"));
  g_assert_null (strstr (funnel, "Assessed"));
  /* the PDF's first pages: the report's title and headings */
  argv[3] = e.pdf;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &pdf_text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (pdf_text, "Adroddiad Pathways"));
  g_assert_nonnull (strstr (pdf_text, "Cipolwg"));
  g_assert_nonnull (strstr (pdf_text, "Tudalen 1 o "));
  g_assert_nonnull (strstr (pdf_text, "Dyddiad ciplun\n\n5 Mai 2023"));
  g_assert_null (strstr (pdf_text, "At a glance"));

  g_free (e.folder);
  g_free (e.pdf);
  g_mutex_clear (&e.lock);
  g_cond_clear (&e.cond);
}

/* ---- the CLI: --language, both ways ----------------------------------------------- */

static char *
run_summary (const char *desktop,
             const char *language)
{
  const char *cli = g_getenv ("PATHWAYS_CLI");
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_nonnull (cli);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", desktop, TRUE);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "summary");
  g_ptr_array_add (argv, (char *) "--sample");
  if (language != NULL)
    {
      g_ptr_array_add (argv, (char *) "--language");
      g_ptr_array_add (argv, (char *) language);
    }
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_cli_language (void)
{
  g_autofree char *english_desktop = run_summary ("en", NULL);
  g_autofree char *welsh_report = run_summary ("en", "cy");
  g_autofree char *welsh_desktop = run_summary ("cy", NULL);
  g_autofree char *english_report = run_summary ("cy", "en");

  g_assert_true (g_str_has_prefix (english_desktop, "Pathways 0"));
  g_assert_nonnull (strstr (english_desktop, "Journey funnel"));
  /* a Welsh report from an English desktop ... */
  g_assert_true (g_str_has_prefix (welsh_report, "Crynodeb Pathways"));
  g_assert_nonnull (strstr (welsh_report, "Twndis y daith"));
  g_assert_nonnull (strstr (welsh_report, "Set ddata: Data sampl"));
  g_assert_null (strstr (welsh_report, "Journey funnel"));
  /* ... and an English report from a Welsh desktop */
  g_assert_true (g_str_has_prefix (welsh_desktop, "Crynodeb Pathways"));
  g_assert_cmpstr (english_report, ==, english_desktop);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PathwaysDataset) ds = NULL;

  /* an English process: whatever the machine's, the desktop language is English here */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  bindtextdomain (GETTEXT_PACKAGE, pathways_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  ds = sample_fixture_import ("Sample data");
  sample = ds;

  g_test_add_func ("/pathways/i18n/mo/plurals", test_mo_plurals);
  g_test_add_func ("/pathways/i18n/mo/damaged", test_mo_damaged);
  g_test_add_func ("/pathways/i18n/languages", test_languages);
  g_test_add_func ("/pathways/i18n/welsh-words", test_welsh_words);
  g_test_add_func ("/pathways/i18n/welsh-report-thread", test_welsh_report_thread);
  g_test_add_func ("/pathways/i18n/cli-language", test_cli_language);
  return g_test_run ();
}
