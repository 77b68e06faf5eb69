/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A large case file is read on two threads (pathways-import-split.c): the result must
 * be the one of a read in turn, column by column, finding by finding, error by error.
 * Each test builds a case file from the shipped sample's cases with something planted
 * just after the split point (the first line start after the middle of the file),
 * imports it once with the split forced and once without, and compares everything. */
#include "config.h"

#include <string.h>

#include <libintl.h>

#include "pathways.h"
#include "pathways-csv-reader.h"
#include "pathways-import-private.h"
#include "workspace-fixture.h"

typedef struct {
  char *header;
  GPtrArray *lines;   /* the data lines of the sample's cases, without line ends */
  char *services;
} Sample;

static void
sample_clear (Sample *s)
{
  g_free (s->header);
  g_clear_pointer (&s->lines, g_ptr_array_unref);
  g_free (s->services);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sample, sample_clear)

static void
sample_load (Sample *s)
{
  g_autofree char *cases = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (pathways_sample_get_paths (&cases, &s->services, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (cases, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  s->header = g_strdup (lines[0]);
  s->lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (s->lines, g_strdup (lines[i]));
  g_assert_cmpuint (s->lines->len, >, 6000);
}

/* Field I of a sample line (no quoted fields in the sample). */
static char *
field (const char *line,
       guint       i)
{
  g_auto(GStrv) parts = g_strsplit (line, ",", -1);

  g_assert_cmpuint (g_strv_length (parts), >, i);
  return g_strdup (parts[i]);
}

/* LINE with field I replaced by VALUE. */
static char *
with_field (const char *line,
            guint       i,
            const char *value)
{
  g_auto(GStrv) parts = g_strsplit (line, ",", -1);

  g_assert_cmpuint (g_strv_length (parts), >, i);
  g_free (parts[i]);
  parts[i] = g_strdup (value);
  return g_strjoinv (",", parts);
}

/* The file: header, the sample's lines before K, PLANTED, the rest; with EOL as line
 * end and a byte-order mark when BOM. */
static GString *
build (const Sample *s,
       guint         k,
       GPtrArray    *planted,
       const char   *eol,
       gboolean      bom)
{
  GString *out = g_string_new (bom ? "\xEF\xBB\xBF" : "");

  g_string_append (out, s->header);
  g_string_append (out, eol);
  for (guint i = 0; i < s->lines->len; i++)
    {
      if (i == k)
        for (guint p = 0; p < planted->len; p++)
          {
            g_string_append (out, g_ptr_array_index (planted, p));
            g_string_append (out, eol);
          }
      g_string_append (out, g_ptr_array_index (s->lines, i));
      g_string_append (out, eol);
    }
  return out;
}

/* Where the second part of TEXT starts: the first byte after the first LF at or after
 * the middle (as pathways_csv_reader_split chooses). */
static gsize
split_point (const GString *text)
{
  const char *nl = memchr (text->str + text->len / 2, '\n', text->len - text->len / 2);

  g_assert_nonnull (nl);
  return nl - text->str + 1;
}

/* The file with PLANTED as the first lines of its second part: the sample line the
 * planted lines go before is chosen so that the split falls just before them. */
static GString *
build_at_split (const Sample *s,
                GPtrArray    *planted,
                const char   *eol,
                gboolean      bom)
{
  for (guint k = s->lines->len / 2 - 200; k < s->lines->len / 2 + 200; k++)
    {
      GString *text = build (s, k, planted, eol, bom);
      gsize at = split_point (text);
      gsize before = bom ? 3 : 0;

      before += strlen (s->header) + strlen (eol);
      for (guint i = 0; i < k; i++)
        before += strlen (g_ptr_array_index (s->lines, i)) + strlen (eol);
      if (at == before)
        return text;
      g_string_free (text, TRUE);
    }
  g_assert_not_reached ();
  return NULL;
}

static PathwaysDataset *
import (const char  *cases,
        const char  *services,
        gboolean     split,
        GError     **error)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_preset ("sample", NULL);
  PathwaysImportOptions io = { 0, };
  guint64 before = _pathways_import_set_split_min (split ? 0 : G_MAXUINT64);
  PathwaysDataset *ds;

  io.cases_path = cases;
  io.services_path = services;
  io.mapping = mapping;
  io.name = "split";
  ds = pathways_import (&io, NULL, NULL, NULL, error);
  _pathways_import_set_split_min (before);
  return ds;
}

typedef enum {
  EXPECT_MERGED,       /* the thread's half placed */
  EXPECT_READ_AGAIN,   /* the thread's half dropped, the file read in turn */
  EXPECT_STOPPED,      /* the first half stopped the import: the thread is stopped */
} Expect;

/* Imports TEXT both ways and compares; returns the dataset (or NULL and the error,
 * which must be the same both ways). */
static void
check_both_ways (const GString *text,
                 const char    *services,
                 Expect         expect)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.csv", NULL);
  g_autoptr(PathwaysDataset) plain = NULL;
  g_autoptr(PathwaysDataset) split = NULL;
  g_autoptr(GError) plain_error = NULL;
  g_autoptr(GError) split_error = NULL;
  guint merged0, again0, merged1, again1;

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  plain = import (path, services, FALSE, &plain_error);
  _pathways_import_get_split_counts (&merged0, &again0);
  split = import (path, services, TRUE, &split_error);
  _pathways_import_get_split_counts (&merged1, &again1);

  /* the path the split import took */
  g_assert_cmpuint (merged1 - merged0, ==, expect == EXPECT_MERGED ? 1 : 0);
  g_assert_cmpuint (again1 - again0, ==, expect == EXPECT_READ_AGAIN ? 1 : 0);

  if (plain_error != NULL)
    {
      g_assert_null (plain);
      g_assert_null (split);
      g_assert_nonnull (split_error);
      g_assert_cmpstr (split_error->message, ==, plain_error->message);
      g_assert_true (split_error->domain == plain_error->domain);
      g_assert_cmpint (split_error->code, ==, plain_error->code);
    }
  else
    {
      g_assert_no_error (split_error);
      g_assert_nonnull (plain);
      assert_datasets_equal (plain, split);
    }
  rm_rf (dir);
}

/* The sample as it is: the same dataset from two threads. */
static void
test_sample (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GString) text = NULL;

  sample_load (&s);
  text = build (&s, 0, none, "\n", FALSE);
  check_both_ways (text, s.services, EXPECT_MERGED);
}

/* Lines planted at the start of the second part, each something the thread must not
 * decide alone: repeats of a case of the first part and of the second, no case ID, too
 * many fields, impossible and unreadable dates, a category value and spellings of it
 * first seen there, multi-value cells with new values in reverse order, a person of the
 * first part, a blank line. */
static GPtrArray *
traps (const Sample *s)
{
  GPtrArray *planted = g_ptr_array_new_with_free_func (g_free);
  const char *first = g_ptr_array_index (s->lines, 10);
  const char *other = g_ptr_array_index (s->lines, 20);
  g_autofree char *person = field (first, 1);
  char *line;

  g_ptr_array_add (planted, g_strdup (first));                          /* repeats row 12 */
  g_ptr_array_add (planted, with_field (other, 0, ""));                 /* no case ID */
  g_ptr_array_add (planted, with_field (other, 0, "   "));              /* blank case ID */
  line = with_field (other, 0, "SPLIT-1");
  g_ptr_array_add (planted, g_strconcat (line, ",extra,fields", NULL)); /* ragged */
  g_free (line);
  g_ptr_array_add (planted, with_field (other, 0, "SPLIT-1"));          /* repeats the line above */
  line = with_field (other, 0, "SPLIT-2");
  g_ptr_array_add (planted, with_field (line, 2, "2023-02-31"));        /* no such day */
  g_free (line);
  line = with_field (other, 0, "SPLIT-3");
  g_ptr_array_add (planted, with_field (line, 3, "soon"));              /* not a date */
  g_free (line);
  line = with_field (other, 0, "SPLIT-4");
  g_ptr_array_add (planted, with_field (line, 7, "A source first seen here"));
  g_free (line);
  line = with_field (other, 0, "SPLIT-5");
  g_ptr_array_add (planted, with_field (line, 7, "a SOURCE first seen here"));
  g_free (line);
  line = with_field (other, 0, "SPLIT-6");
  g_ptr_array_add (planted, with_field (line, 23, "Zeta impact; Alpha impact; Zeta impact"));
  g_free (line);
  line = with_field (other, 0, "SPLIT-7");
  g_ptr_array_add (planted, with_field (line, 23, "alpha impact; None"));
  g_free (line);
  line = with_field (other, 0, "SPLIT-8");
  g_ptr_array_add (planted, with_field (line, 1, person));              /* a returning person */
  g_free (line);
  g_ptr_array_add (planted, g_strdup (""));                             /* blank line */
  line = with_field (other, 0, "SPLIT-9");
  g_ptr_array_add (planted, with_field (line, 21, "Not recorded"));
  g_free (line);
  return planted;
}

static void
test_traps (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GPtrArray) planted = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) crlf = NULL;

  sample_load (&s);
  planted = traps (&s);
  text = build_at_split (&s, planted, "\n", FALSE);
  check_both_ways (text, s.services, EXPECT_MERGED);
  /* Windows line ends and a byte-order mark */
  crlf = build_at_split (&s, planted, "\r\n", TRUE);
  check_both_ways (crlf, s.services, EXPECT_MERGED);
}

/* An import in another report language (the CLI's --language): the findings of the
 * second half, worded on the case thread, in that language too, as are the services'
 * (worded on the services thread). */
static void
test_language (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GPtrArray) planted = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.csv", NULL);
  g_autofree char *services = g_build_filename (dir, "services.csv", NULL);
  g_autofree char *services_text = NULL;
  g_autoptr(PathwaysDataset) split = NULL;
  g_autoptr(GError) error = NULL;
  gboolean welsh_date = FALSE, welsh_orphan = FALSE;

  sample_load (&s);
  planted = traps (&s);
  text = build_at_split (&s, planted, "\n", FALSE);
  /* a service of a case that does not exist */
  g_assert_true (g_file_get_contents (s.services, &services_text, NULL, NULL));
  {
    g_autofree char *more = g_strconcat (services_text, "S-NONE,NO-SUCH-CASE,Therapy,Counselling,"
                                         "2023-01-02,2023-01-03,,\n", NULL);
    g_assert_true (g_file_set_contents (services, more, -1, NULL));
  }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  g_assert_true (pathways_i18n_set_language ("cy", NULL));
  check_both_ways (text, services, EXPECT_MERGED);
  split = import (path, services, TRUE, &error);
  g_assert_true (pathways_i18n_set_language (NULL, NULL));
  g_assert_no_error (error);

  for (guint i = 0; i < split->findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (split->findings, i);

      g_assert_null (strstr (f->message, "is not a date"));
      g_assert_null (strstr (f->message, "matches no case"));
      welsh_date |= strstr (f->message, "nid yw'n ddyddiad") != NULL;
      welsh_orphan |= g_strcmp0 (f->kind, PATHWAYS_FINDING_ORPHAN_SERVICE) == 0;
    }
  g_assert_true (welsh_date);
  g_assert_true (welsh_orphan);
  rm_rf (dir);
}

/* The middle of the file inside a quoted cell of many lines: the first part's reader
 * reads on, and the thread's half is dropped. */
static void
test_quoted_across (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GPtrArray) planted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new ("\"Anxiety");
  g_autoptr(GString) text = NULL;
  const char *other = NULL;

  sample_load (&s);
  other = g_ptr_array_index (s.lines, 30);
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (cell, "\nnote line %u, with a comma", i);
  g_string_append (cell, "\"");
  g_ptr_array_add (planted, with_field (other, 22, cell->str));
  text = build (&s, s.lines->len / 2 - 20, planted, "\n", FALSE);
  /* the split point is inside the planted cell */
  {
    gsize at = split_point (text);
    const char *start = strstr (text->str, "\"Anxiety\nnote line 0");

    g_assert_nonnull (start);
    g_assert_cmpuint (at, >, start - text->str);
    g_assert_cmpuint (at, <, start - text->str + cell->len);
  }
  check_both_ways (text, s.services, EXPECT_READ_AGAIN);
}

/* A reader error in the second part (a quoted cell never closed) and one in the first
 * (a NUL byte): the same message, the same row, both ways. */
static void
test_errors (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GPtrArray) planted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) early = NULL;

  sample_load (&s);
  g_ptr_array_add (planted, with_field (g_ptr_array_index (s.lines, 40), 22, "\"never closed"));
  text = build (&s, s.lines->len - 5, planted, "\n", FALSE);
  check_both_ways (text, s.services, EXPECT_READ_AGAIN);

  early = build (&s, 0, none, "\n", FALSE);
  early->str[strlen (s.header) + 40] = '\0';
  check_both_ways (early, s.services, EXPECT_STOPPED);
}

/* A file too small, or not split, reads in turn without a thread. */
static void
test_not_split (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.csv", NULL);
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "case_id,referral_date\nC1,2023-01-01\n", -1, NULL));
  reader = pathways_row_reader_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pathways_csv_reader_split (reader, 1024));
  /* one line only after the header: no line start after the middle */
  g_assert_null (pathways_csv_reader_split (reader, 0));
  g_assert_false (pathways_csv_reader_at_split (reader, NULL));
  g_clear_pointer (&reader, pathways_row_reader_free);

  /* a file replaced by another after it was opened: the second part would come from
   * the new one, so there is no split */
  {
    g_autoptr(GString) lines = g_string_new ("case_id,referral_date\n");
    g_autofree char *other = g_build_filename (dir, "other.csv", NULL);

    /* larger than the first block read (256 kB), which is read before a split */
    for (guint i = 0; i < 100000; i++)
      g_string_append_printf (lines, "C%u,2023-01-01\n", i);
    g_assert_true (g_file_set_contents (path, lines->str, lines->len, NULL));
    g_assert_true (g_file_set_contents (other, lines->str, lines->len, NULL));
    reader = pathways_row_reader_open (path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_rename (other, path), ==, 0);
    g_assert_null (pathways_csv_reader_split (reader, 0));
    g_clear_pointer (&reader, pathways_row_reader_free);

    /* the same file, untouched: split */
    reader = pathways_row_reader_open (path, NULL, &error);
    g_assert_no_error (error);
    {
      g_autoptr(PathwaysRowReader) second = pathways_csv_reader_split (reader, 0);
      g_assert_nonnull (second);
    }
  }
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* the build's catalogues, for the Welsh import */
  bindtextdomain (GETTEXT_PACKAGE, pathways_i18n_get_localedir ());
  g_test_add_func ("/import/split/sample", test_sample);
  g_test_add_func ("/import/split/traps", test_traps);
  g_test_add_func ("/import/split/language", test_language);
  g_test_add_func ("/import/split/quoted-across", test_quoted_across);
  g_test_add_func ("/import/split/errors", test_errors);
  g_test_add_func ("/import/split/not-split", test_not_split);
  return g_test_run ();
}
