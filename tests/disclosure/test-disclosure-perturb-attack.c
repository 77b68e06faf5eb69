/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The attack test of spec/disclosure.md for method 1, perturbation by cell keys, on the
 * sample data. Each attack is run on exact output first, to prove it works there, then
 * on perturbed output, where it must fail; it prints the counts it tried and found.
 *
 * - Asking again: the same cohort asked twice (another import of the same files,
 *   another analysis) gives identical figures, so averaging repeated answers gains
 *   nothing. The control is the same perturbation with a new secret at every asking
 *   (what a fresh random secret per import would do): averaging six answers then
 *   recovers most counts.
 * - Differencing: the whole against the complement of a filter value gives that
 *   value's counts; two periods one day apart give the cases of that day. On exact
 *   output every small count (1 to 4) is recovered; on perturbed output the difference
 *   hits the true count no more often than the noise allows (about 26 % for two
 *   independent cells, 40 % when one side is an exact 0).
 * - Labels: a cell shown as "<5" never holds 5 or more. The control is the plain rule
 *   without the floor at k (a count of 5 or 6 moved down by the noise would show "<5"),
 *   computed here from the same keys.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways.h"

#define K 5

static PathwaysDataset *
import_sample (void)
{
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0 };
  PathwaysDataset *ds;

  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

/* What an output of ANALYSIS for FILTER shows under METHOD */
static PathwaysReport *
ask (PathwaysAnalysis     *analysis,
     const PathwaysFilter *filter,
     PathwaysProtection    method)
{
  g_autoptr(PathwaysReport) exact = pathways_analysis_run (analysis, filter);
  PathwaysDisclosurePolicy policy;

  pathways_disclosure_policy_init (&policy);
  policy.method = method;
  return pathways_disclosure_policy_protect (&policy, exact);
}

#define CELL(t, r, c) (&((PathwaysReportRow *) g_ptr_array_index ((t)->rows, (r)))->cells[(c)])

static gboolean
is_plain_count (const PathwaysCell *cell)
{
  return cell->kind == PATHWAYS_CELL_COUNT && cell->defined &&
         !(cell->sources[0].row >= 0 && cell->sources[1].row >= 0);
}

static const char *
row_id (PathwaysReportTable *t,
        guint                r)
{
  return ((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->id;
}

/* The OCCURRENCE-th row (from 0) with ID: a few tables repeat a row id */
static int
find_row (PathwaysReportTable *t,
          const char          *id,
          guint                occurrence)
{
  for (guint r = 0; t != NULL && r < t->rows->len; r++)
    if (g_strcmp0 (row_id (t, r), id) == 0 && occurrence-- == 0)
      return r;
  return -1;
}

/* Which occurrence of its id row R of T is */
static guint
occurrence_of (PathwaysReportTable *t,
               guint                r)
{
  guint n = 0;

  for (guint q = 0; q < r; q++)
    n += g_strcmp0 (row_id (t, q), row_id (t, r)) == 0;
  return n;
}

/* What a reader knows of the cell like (row ID, column COL of T's kind) in OTHER: a
 * number (a row a table leaves out counted 0), or nothing ("<k", "*", withheld). */
static gboolean
read_value (PathwaysReport      *other,
            PathwaysReportTable *t,
            guint                row,
            guint                col,
            double              *value)
{
  PathwaysReportTable *o = pathways_report_get_table (other, t->id, t->key);
  const char *col_id = ((PathwaysReportColumn *) g_ptr_array_index (t->columns, col))->id;
  int r, c;

  if (o == NULL || o->withheld)
    return FALSE;
  c = pathways_report_table_find_column (o, col_id);
  r = find_row (o, row_id (t, row), occurrence_of (t, row));
  if (c < 0)
    return FALSE;
  if (r < 0)
    {
      *value = 0;
      return TRUE;
    }
  if (CELL (o, r, c)->suppression != PATHWAYS_SUPPRESSION_NONE || !CELL (o, r, c)->defined)
    return FALSE;
  *value = CELL (o, r, c)->value;
  return TRUE;
}

typedef struct {
  guint  tried;
  guint  found;
  double allowed;    /* hits the noise allows */
} Tally;

/* A - B against the small counts (1 to k-1) of TARGET (exact): the cohort A minus B. */
static void
difference (PathwaysReport *a,
            PathwaysReport *b,
            PathwaysReport *b_exact,
            PathwaysReport *target,
            Tally          *tally)
{
  for (guint i = 0; i < target->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (target->tables, i);

      if (!t->protect || g_str_equal (t->id, "dataset"))
        continue;
      for (guint r = 0; r < t->rows->len; r++)
        for (guint c = 0; c < t->columns->len; c++)
          {
            PathwaysCell *truth = CELL (t, r, c);
            double va, vb, vb_exact = 0;

            if (!is_plain_count (truth) || truth->value < 1 || truth->value >= K)
              continue;
            if (!read_value (a, t, r, c, &va) || !read_value (b, t, r, c, &vb))
              continue;
            tally->tried++;
            read_value (b_exact, t, r, c, &vb_exact);
            tally->allowed += vb_exact == 0 ? 0.40 : 0.26;
            if (fabs (va - vb - truth->value) < 0.5)
              tally->found++;
          }
    }
}

/* The filter values and their complements, whole against complement */
static void
attack_differencing (PathwaysAnalysis *analysis,
                     PathwaysDataset  *ds,
                     PathwaysProtection method,
                     Tally            *values,
                     Tally            *days)
{
  static const PathwaysField fields[] = { PATHWAYS_FIELD_REFERRAL_SOURCE, PATHWAYS_FIELD_GENDER,
                                          PATHWAYS_FIELD_AGE_BAND };
  g_autoptr(PathwaysFilter) all = pathways_filter_new ();
  g_autoptr(PathwaysReport) whole = ask (analysis, all, method);
  gint32 first, last;

  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    {
      PathwaysDictionary *dict = ds->columns[fields[k]]->dict;
      guint n = pathways_dictionary_get_size (dict);

      for (guint v = 0; v < n; v++)
        {
          g_autoptr(PathwaysFilter) f = pathways_filter_new ();
          g_autoptr(PathwaysFilter) rest = pathways_filter_new ();
          g_autoptr(PathwaysReport) target = NULL, b = NULL, b_exact = NULL;

          pathways_filter_add_value (f, fields[k], pathways_dictionary_get (dict, v));
          for (guint w = 0; w < n; w++)
            if (w != v)
              pathways_filter_add_value (rest, fields[k], pathways_dictionary_get (dict, w));
          target = pathways_analysis_run (analysis, f);
          b = ask (analysis, rest, method);
          b_exact = pathways_analysis_run (analysis, rest);
          difference (whole, b, b_exact, target, values);
        }
    }

  /* a half year ending on day D against the same ending the day before: day D */
  pathways_dataset_get_referral_range (ds, &first, &last);
  for (guint d = 0; d < 24; d++)
    {
      gint32 day = last - 30 - (gint32) d * 97;
      g_autoptr(PathwaysFilter) longer = pathways_filter_new ();
      g_autoptr(PathwaysFilter) shorter = pathways_filter_new ();
      g_autoptr(PathwaysFilter) one = pathways_filter_new ();
      g_autoptr(PathwaysReport) a = NULL, b = NULL, b_exact = NULL, target = NULL;

      if (day - 182 < first)
        break;
      pathways_filter_set_range (longer, day - 182, day);
      pathways_filter_set_range (shorter, day - 182, day - 1);
      pathways_filter_set_range (one, day, day);
      a = ask (analysis, longer, method);
      b = ask (analysis, shorter, method);
      b_exact = pathways_analysis_run (analysis, shorter);
      target = pathways_analysis_run (analysis, one);
      difference (a, b, b_exact, target, days);
    }
}

static void
test_differencing (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (ds);
  Tally values[2] = { { 0 } }, days[2] = { { 0 } };
  static const PathwaysProtection methods[] = { PATHWAYS_PROTECTION_NONE, PATHWAYS_PROTECTION_PERTURB };
  static const char *names[] = { "exact", "perturbed" };

  for (guint m = 0; m < 2; m++)
    {
      attack_differencing (analysis, ds, methods[m], &values[m], &days[m]);
      g_printerr ("# differencing, %s: value against complement %u small counts tried, %u found "
                  "(noise allows %.0f); periods a day apart %u tried, %u found (noise allows %.0f)\n",
                  names[m], values[m].tried, values[m].found, values[m].allowed,
                  days[m].tried, days[m].found, days[m].allowed);
    }
  /* the attack works on exact output: nearly every small count (the few it misses
   * are not additive: distinct people with cases on both sides, the cases whose value
   * is not recorded, which neither side counts) */
  g_assert_cmpuint (values[0].tried, >, 100);
  g_assert_cmpfloat (values[0].found, >=, 0.98 * values[0].tried);
  g_assert_cmpuint (days[0].tried, >, 50);
  g_assert_cmpfloat (days[0].found, >=, 0.98 * days[0].tried);
  /* and on perturbed output hits no more often than the noise allows (a margin of
   * four standard deviations of a binomial count) */
  g_assert_cmpuint (values[1].tried, >, 50);
  g_assert_cmpfloat (values[1].found, <=, values[1].allowed + 4 * sqrt (values[1].allowed) + 2);
  g_assert_cmpuint (days[1].tried, >, 20);
  g_assert_cmpfloat (days[1].found, <=, days[1].allowed + 4 * sqrt (days[1].allowed) + 2);
  /* far below what exact output gives */
  g_assert_cmpfloat (values[1].found, <, 0.5 * values[1].tried);
  g_assert_cmpfloat (days[1].found, <, 0.5 * days[1].tried);
}

/* The cohorts asked again: the whole range, quarters, gender values */
static GPtrArray *
repeat_cohorts (PathwaysDataset *ds)
{
  GPtrArray *filters = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_filter_free);
  PathwaysDictionary *dict = ds->columns[PATHWAYS_FIELD_GENDER]->dict;
  gint32 first, last;

  g_ptr_array_add (filters, pathways_filter_new ());
  pathways_dataset_get_referral_range (ds, &first, &last);
  for (gint32 from = last - 4 * 365; from <= last; from += 91)
    {
      PathwaysFilter *f = pathways_filter_new ();
      pathways_filter_set_range (f, from, from + 90);
      g_ptr_array_add (filters, f);
    }
  for (guint v = 0; v < pathways_dictionary_get_size (dict); v++)
    {
      PathwaysFilter *f = pathways_filter_new ();
      pathways_filter_add_value (f, PATHWAYS_FIELD_GENDER, pathways_dictionary_get (dict, v));
      g_ptr_array_add (filters, f);
    }
  return filters;
}

#define N_ASKS 6

/* Averages the readable answers of ASKED (N_ASKS outputs of one cohort) against the
 * exact EXACT; counts cells whose answers differ between asks. */
static void
average_attack (PathwaysReport  *exact,
                PathwaysReport **asked,
                Tally           *tally,
                guint           *compared,
                guint           *differing)
{
  for (guint i = 0; i < exact->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (exact->tables, i);

      if (!t->protect || g_str_equal (t->id, "dataset"))
        continue;
      for (guint r = 0; r < t->rows->len; r++)
        for (guint c = 0; c < t->columns->len; c++)
          {
            PathwaysCell *truth = CELL (t, r, c);
            double sum = 0, v, first = 0;
            gboolean all = TRUE;

            if (!is_plain_count (truth) || truth->value < 1)
              continue;
            for (guint a = 0; a < N_ASKS && all; a++)
              {
                all = read_value (asked[a], t, r, c, &v);
                sum += v;
                if (a == 0)
                  first = v;
                else if (all)
                  {
                    (*compared)++;
                    *differing += v != first;
                  }
              }
            if (!all)
              continue;
            tally->tried++;
            if (fabs (floor (sum / N_ASKS + 0.5) - truth->value) < 0.5)
              tally->found++;
          }
    }
}

static void
test_asking_again (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(GPtrArray) filters = repeat_cohorts (ds);
  PathwaysDataset *again[N_ASKS];
  PathwaysAnalysis *analyses[N_ASKS];
  g_autoptr(PathwaysDataset) naive = import_sample ();
  g_autoptr(PathwaysAnalysis) naive_analysis = pathways_analysis_new (naive);
  Tally exact_tally = { 0 }, kept = { 0 }, fresh = { 0 };
  guint compared[2] = { 0 }, differing[2] = { 0 };

  /* every asking: another import of the same files, another analysis */
  for (guint a = 0; a < N_ASKS; a++)
    {
      again[a] = a == 0 ? pathways_dataset_ref (ds) : import_sample ();
      analyses[a] = pathways_analysis_new (again[a]);
    }
  for (guint i = 0; i < filters->len; i++)
    {
      PathwaysFilter *f = g_ptr_array_index (filters, i);
      g_autoptr(PathwaysReport) exact = pathways_analysis_run (analyses[0], f);
      PathwaysReport *asked[N_ASKS], *naive_asked[N_ASKS], *exact_asked[N_ASKS];
      guint ignore_c = 0, ignore_d = 0;

      for (guint a = 0; a < N_ASKS; a++)
        {
          guint8 secret[PATHWAYS_DATASET_SECRET_SIZE];

          asked[a] = ask (analyses[a], f, PATHWAYS_PROTECTION_PERTURB);
          exact_asked[a] = ask (analyses[a], f, PATHWAYS_PROTECTION_NONE);
          /* the control: a new secret at every asking */
          for (guint b = 0; b < PATHWAYS_DATASET_SECRET_SIZE; b++)
            secret[b] = (guint8) g_test_rand_int_range (0, 256);
          pathways_dataset_set_secret (naive, secret);
          naive_asked[a] = ask (naive_analysis, f, PATHWAYS_PROTECTION_PERTURB);
        }
      average_attack (exact, exact_asked, &exact_tally, &ignore_c, &ignore_d);
      average_attack (exact, asked, &kept, &compared[0], &differing[0]);
      average_attack (exact, naive_asked, &fresh, &compared[1], &differing[1]);
      for (guint a = 0; a < N_ASKS; a++)
        {
          pathways_report_unref (asked[a]);
          pathways_report_unref (naive_asked[a]);
          pathways_report_unref (exact_asked[a]);
        }
    }
  for (guint a = 0; a < N_ASKS; a++)
    {
      g_object_unref (analyses[a]);
      pathways_dataset_unref (again[a]);
    }
  g_printerr ("# asking again (%u cohorts, %u askings): exact: %u counts averaged, %u found; "
              "perturbed, the workspace's secret: %u of %u answers differ, %u averaged, %u found; "
              "perturbed, a new secret at each asking: %u of %u differ, %u averaged, %u found\n",
              filters->len, N_ASKS, exact_tally.tried, exact_tally.found, differing[0], compared[0],
              kept.tried, kept.found, differing[1], compared[1], fresh.tried, fresh.found);
  /* exact output: every count */
  g_assert_cmpuint (exact_tally.found, ==, exact_tally.tried);
  /* the same question gives the same answer */
  g_assert_cmpuint (compared[0], >, 1000);
  g_assert_cmpuint (differing[0], ==, 0);
  /* so averaging finds what one answer gives (noise 0: about 40 %) ... */
  g_assert_cmpuint (kept.tried, >, 300);
  g_assert_cmpfloat (kept.found, <, 0.55 * kept.tried);
  /* ... where fresh noise at each asking averages out (the control) */
  g_assert_cmpuint (differing[1], >, compared[1] / 3);
  g_assert_cmpfloat (fresh.found, >, 0.6 * fresh.tried);
  g_assert_cmpfloat (fresh.found, >, kept.found + 0.15 * kept.tried);
}

static void
test_small_labels (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (ds);
  g_autoptr(GPtrArray) filters = repeat_cohorts (ds);
  guint labelled = 0, wrong = 0, plain_labelled = 0, plain_wrong = 0, exact_labelled = 0;

  for (guint i = 0; i < filters->len; i++)
    {
      PathwaysFilter *f = g_ptr_array_index (filters, i);
      g_autoptr(PathwaysReport) exact = pathways_analysis_run (analysis, f);
      g_autoptr(PathwaysReport) shown = ask (analysis, f, PATHWAYS_PROTECTION_PERTURB);
      g_autoptr(PathwaysReport) none = ask (analysis, f, PATHWAYS_PROTECTION_NONE);

      g_assert_cmpuint (shown->tables->len, ==, exact->tables->len);
      for (guint k = 0; k < exact->tables->len; k++)
        {
          PathwaysReportTable *e = g_ptr_array_index (exact->tables, k);
          PathwaysReportTable *s = g_ptr_array_index (shown->tables, k);
          PathwaysReportTable *n = g_ptr_array_index (none->tables, k);

          if (!e->protect || s->withheld)
            continue;
          for (guint r = 0; r < e->rows->len; r++)
            for (guint c = 0; c < e->columns->len; c++)
              {
                PathwaysCell *truth = CELL (e, r, c), *cell = CELL (s, r, c);
                double plain;

                exact_labelled += CELL (n, r, c)->suppression == PATHWAYS_SUPPRESSION_PRIMARY;
                if (!is_plain_count (truth) || !cell->has_key || g_str_has_prefix (e->id, "funnel"))
                  continue;
                if (cell->suppression == PATHWAYS_SUPPRESSION_PRIMARY)
                  {
                    labelled++;
                    wrong += truth->value >= K;
                  }
                /* the plain rule, from the same key: c + v, "<k" from 1 to k-1 */
                plain = truth->value == 0 ? 0 : MAX (0, truth->value + pathways_disclosure_noise (cell->key));
                if (plain >= 1 && plain < K)
                  {
                    plain_labelled++;
                    plain_wrong += truth->value >= K;
                  }
              }
        }
    }
  g_printerr ("# labels over %u cohorts: perturbed %u cells shown '<%d', %u of them %d or more; "
              "without the floor at k %u, %u of %d or more; exact output %u\n", filters->len,
              labelled, K, wrong, K, plain_labelled, plain_wrong, K, exact_labelled);
  g_assert_cmpuint (exact_labelled, ==, 0);
  g_assert_cmpuint (plain_wrong, >, 0);        /* the check catches a wrong label */
  g_assert_cmpuint (labelled, >, 50);
  g_assert_cmpuint (wrong, ==, 0);
}

#undef CELL

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pathways/disclosure/perturb-attack/asking-again", test_asking_again);
  g_test_add_func ("/pathways/disclosure/perturb-attack/differencing", test_differencing);
  g_test_add_func ("/pathways/disclosure/perturb-attack/small-labels", test_small_labels);
  return g_test_run ();
}
