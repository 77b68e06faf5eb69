/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The attack test of spec/disclosure.md: many cohorts of the sample data and of the
 * journey fixture (periods from a day to the whole range, every filter value and its
 * complement), attacked the way a reader can:
 * - from one output: interval propagation over every relation the auditor lists
 *   (each table and its total, totals shown twice, funnel drops, split funnels, the
 *   activity series' new + returning = referrals and periods adding up ...),
 *   plus percents × shown bases, plus duration statistics over fewer than 10 records;
 * - by differencing two outputs: a value and its complement against the whole.
 * It must recover small counts from exact output and from primary-only suppression
 * (the attack works), and nothing from audited suppression (method 2). It prints the
 * counts it tried and found. */
#include "config.h"

#include <math.h>

#include "pathways.h"
#include "pathways-disclosure-audit.h"
#include "../journey-fixture.h"

#define K 5

typedef struct {
  guint outputs;     /* protected reports attacked */
  guint hidden;      /* small counts that were hidden */
  guint found;       /* of those, determined exactly */
  guint mislabelled; /* "<k" on a cell of k or more */
  guint statistics;  /* a duration statistic shown over fewer than 10 records */
} Tally;

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

/* What the reader of a cell knows: its shown value, or the interval its mark allows. */
static void
reader_bounds (const PathwaysCell *cell,
               double             *lo,
               double             *hi)
{
  if (cell->suppression == PATHWAYS_SUPPRESSION_NONE)
    *lo = *hi = cell->value;
  else if (cell->suppression == PATHWAYS_SUPPRESSION_PRIMARY)
    {
      *lo = 1;
      *hi = K - 1;
    }
  else
    {
      *lo = cell->sources[0].row >= 0 ? -INFINITY : 0;
      *hi = INFINITY;
    }
}

/* Percents × shown bases: a shown whole percent of a shown base bounds its count. */
static void
percent_bounds (PathwaysReport *report,
                GHashTable     *where,
                double         *lo,
                double         *hi)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      for (guint r = 0; r < t->rows->len; r++)
        for (guint c = 0; c < t->columns->len; c++)
          {
            PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
            PathwaysCell *pct = &row->cells[c];
            PathwaysCell *count;
            gpointer idx;

            if (pct->kind != PATHWAYS_CELL_PERCENT || !pct->uses_base || pct->suppression != PATHWAYS_SUPPRESSION_NONE ||
                !pct->defined || t->base.suppression != PATHWAYS_SUPPRESSION_NONE || pct->sources[0].row < 0)
              continue;
            count = &((PathwaysReportRow *) g_ptr_array_index (t->rows, pct->sources[0].row))->cells[pct->sources[0].col];
            if (!g_hash_table_lookup_extended (where, count, NULL, &idx))
              continue;
            /* the shown percent is rounded to a whole number (one decimal below 10) */
            {
              double step = pct->value < 9.95 ? 0.05 : 0.5;
              guint v = GPOINTER_TO_UINT (idx);
              lo[v] = MAX (lo[v], ceil ((pct->value - step) * t->base.value / 100.0 - 1e-9));
              hi[v] = MIN (hi[v], floor ((pct->value + step) * t->base.value / 100.0 + 1e-9));
            }
          }
    }
}

/* Interval propagation to a fixed point over every relation of REPORT (equalities and
 * the "at most" of multi-value fields). */
static void
propagate (PathwaysDisclosureRelations *rel,
           double                      *lo,
           double                      *hi)
{
  guint n_rel = pathways_disclosure_relations_get_n_relations (rel);
  gboolean changed = TRUE;

  for (guint pass = 0; changed && pass < 50; pass++)
    {
      changed = FALSE;
      for (guint r = 0; r < n_rel; r++)
        {
          guint n;
          const guint *vars;
          const int *co;
          gboolean at_most;

          pathways_disclosure_relations_get_relation (rel, r, &n, &vars, &co);
          at_most = pathways_disclosure_relations_is_at_most (rel, r);
          for (guint t = 0; t < n; t++)
            {
              /* co[t] x[t] = - sum of the others */
              double slo = 0, shi = 0;
              for (guint u = 0; u < n; u++)
                if (u != t)
                  {
                    slo += co[u] > 0 ? co[u] * lo[vars[u]] : co[u] * hi[vars[u]];
                    shi += co[u] > 0 ? co[u] * hi[vars[u]] : co[u] * lo[vars[u]];
                  }
              {
                double nlo = co[t] > 0 ? -shi / co[t] : -slo / co[t];
                double nhi = co[t] > 0 ? -slo / co[t] : -shi / co[t];
                /* sum <= 0: x at most (co > 0) or at least (co < 0) */
                if (at_most && co[t] > 0)
                  nlo = -INFINITY;
                else if (at_most)
                  nhi = INFINITY;
                if (nlo > lo[vars[t]] + 1e-9)
                  lo[vars[t]] = nlo, changed = TRUE;
                if (nhi < hi[vars[t]] - 1e-9)
                  hi[vars[t]] = nhi, changed = TRUE;
              }
            }
        }
    }
}

/* Attacks one output; EXACT is the same report unprotected (the truth). */
static void
attack_one (PathwaysReport *exact,
            PathwaysReport *shown,
            Tally          *tally)
{
  PathwaysDisclosureRelations *rel = pathways_disclosure_relations_new (shown);
  PathwaysDisclosureRelations *truth = pathways_disclosure_relations_new (exact);
  guint n = pathways_disclosure_relations_get_n_cells (rel);
  g_autofree double *lo = g_new (double, MAX (n, 1));
  g_autofree double *hi = g_new (double, MAX (n, 1));
  g_autoptr(GHashTable) where = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (n, ==, pathways_disclosure_relations_get_n_cells (truth));
  tally->outputs++;
  for (guint i = 0; i < n; i++)
    {
      reader_bounds (pathways_disclosure_relations_get_cell (rel, i), &lo[i], &hi[i]);
      g_hash_table_insert (where, pathways_disclosure_relations_get_cell (rel, i), GUINT_TO_POINTER (i));
    }
  percent_bounds (shown, where, lo, hi);
  propagate (rel, lo, hi);
  for (guint i = 0; i < n; i++)
    {
      PathwaysCell *cell = pathways_disclosure_relations_get_cell (rel, i);
      double v = pathways_disclosure_relations_get_cell (truth, i)->value;

      if (cell->suppression == PATHWAYS_SUPPRESSION_PRIMARY && v >= K)
        tally->mislabelled++;
      if (v < 1 || v >= K)
        continue;
      /* a small count: hidden, or shown (exact output) */
      tally->hidden++;
      if (cell->suppression == PATHWAYS_SUPPRESSION_NONE || hi[i] - lo[i] < 0.5)
        {
          tally->found++;
        }
    }
  /* duration statistics over fewer than 10 records, minimum and maximum */
  for (guint i = 0; i < shown->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (shown->tables, i);
      PathwaysReportTable *e = g_ptr_array_index (exact->tables, i);

      for (guint r = 0; r < t->rows->len; r++)
        for (guint c = 0; c < t->columns->len; c++)
          {
            PathwaysCell *cell = &((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[c];
            PathwaysCell *ecell = &((PathwaysReportRow *) g_ptr_array_index (e->rows, r))->cells[c];
            PathwaysCell *n_cell;

            if (cell->kind != PATHWAYS_CELL_STATISTIC || cell->suppression != PATHWAYS_SUPPRESSION_NONE ||
                !cell->defined || cell->sources[0].row < 0)
              continue;
            n_cell = &((PathwaysReportRow *) g_ptr_array_index (e->rows, cell->sources[0].row))->cells[cell->sources[0].col];
            if (n_cell->value < 10 && ecell->defined)
              tally->statistics++;
          }
    }
  pathways_disclosure_relations_free (rel);
  pathways_disclosure_relations_free (truth);
}

typedef enum { SHOW_EXACT, SHOW_PRIMARY_ONLY, SHOW_AUDITED } Showing;

static PathwaysReport *
output (PathwaysReport *exact,
        Showing         how)
{
  PathwaysReport *copy = pathways_report_copy (exact);

  if (how == SHOW_AUDITED)
    pathways_disclosure_apply (copy, K, FALSE);
  else if (how == SHOW_PRIMARY_ONLY)
    pathways_disclosure_apply_unaudited (copy, K);
  return copy;
}

/* The cohorts: the whole range, every year, quarter and month, single days, and every
 * value of the filter fields with its complement. */
static GPtrArray *
cohorts (PathwaysDataset *ds,
         guint            n_days)
{
  GPtrArray *filters = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_filter_free);
  static const PathwaysField fields[] = { PATHWAYS_FIELD_REFERRAL_SOURCE, PATHWAYS_FIELD_GENDER,
                                          PATHWAYS_FIELD_AGE_BAND };
  gint32 first, last;

  g_ptr_array_add (filters, pathways_filter_new ());
  pathways_dataset_get_referral_range (ds, &first, &last);
  g_assert_cmpint (first, !=, PATHWAYS_DAY_NONE);
  for (gint32 from = first; from <= last; from += 91)
    {
      PathwaysFilter *f = pathways_filter_new ();
      pathways_filter_set_range (f, from, from + 90);
      g_ptr_array_add (filters, f);
    }
  for (guint d = 0; d < n_days; d++)
    {
      PathwaysFilter *f = pathways_filter_new ();
      gint32 day = first + (gint32) ((last - first) * (double) d / MAX (n_days, 1));
      pathways_filter_set_range (f, day, day);
      g_ptr_array_add (filters, f);
    }
  for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
    {
      PathwaysDictionary *dict = ds->columns[fields[k]]->dict;
      guint n = pathways_dictionary_get_size (dict);

      for (guint v = 0; v < n; v++)
        {
          PathwaysFilter *f = pathways_filter_new ();
          PathwaysFilter *c = pathways_filter_new ();
          pathways_filter_add_value (f, fields[k], pathways_dictionary_get (dict, v));
          for (guint w = 0; w < n; w++)
            if (w != v)
              pathways_filter_add_value (c, fields[k], pathways_dictionary_get (dict, w));
          g_ptr_array_add (filters, f);
          g_ptr_array_add (filters, c);
        }
    }
  return filters;
}

/* Nothing may be found in an audited output, on either dataset. */
static void
attack_dataset (PathwaysDataset *ds,
                const char      *name,
                guint            n_days)
{
  g_autoptr(GPtrArray) filters = cohorts (ds, n_days);
  Tally tallies[3] = { { 0 } };
  static const char *names[] = { "exact", "primary only", "audited (method 2)" };
  gint64 t0 = g_get_monotonic_time ();

  g_autoptr(PathwaysMeasuresCache) cache = pathways_measures_cache_new (ds);
  PathwaysReportOptions options;

  /* with the activity series (new + returning = referrals per period, the periods'
   * referrals = the cohort's cases) */
  pathways_report_options_init (&options);
  options.cache = cache;
  options.measures.activity = TRUE;
  for (guint i = 0; i < filters->len; i++)
    {
      g_autoptr(PathwaysReport) exact = pathways_report_new (ds, g_ptr_array_index (filters, i), &options);

      for (guint how = 0; how < 3; how++)
        {
          g_autoptr(PathwaysReport) shown = output (exact, how);
          attack_one (exact, shown, &tallies[how]);
        }
    }
  for (guint how = 0; how < 3; how++)
    g_test_message ("%s, %s: %u outputs, %u small counts, %u found exactly, %u '<%d' cells of %d or more, "
                    "%u statistics over fewer than 10", name, names[how], tallies[how].outputs,
                    tallies[how].hidden, tallies[how].found, tallies[how].mislabelled, K, K,
                    tallies[how].statistics);
  g_printerr ("# %s: %u cohorts attacked in %.1f s\n", name, filters->len,
              (g_get_monotonic_time () - t0) / 1e6);
  for (guint how = 0; how < 3; how++)
    g_printerr ("# %s, %s: %u small counts, %u found exactly, %u mislabelled, %u statistics under 10\n",
                name, names[how], tallies[how].hidden, tallies[how].found, tallies[how].mislabelled,
                tallies[how].statistics);
  /* the attack works */
  g_assert_cmpuint (tallies[SHOW_EXACT].found, >, 0);
  g_assert_cmpuint (tallies[SHOW_PRIMARY_ONLY].found, >, 0);
  /* and finds nothing in an audited output */
  g_assert_cmpuint (tallies[SHOW_AUDITED].hidden, >, 0);
  g_assert_cmpuint (tallies[SHOW_AUDITED].found, ==, 0);
  g_assert_cmpuint (tallies[SHOW_AUDITED].mislabelled, ==, 0);
  g_assert_cmpuint (tallies[SHOW_AUDITED].statistics, ==, 0);
  g_assert_cmpuint (tallies[SHOW_PRIMARY_ONLY].mislabelled, ==, 0);
}

static void
test_attack_sample (void)
{
  g_autoptr(PathwaysDataset) ds = import_sample ();
  attack_dataset (ds, "sample", 4);
}

static void
test_attack_journey (void)
{
  g_autoptr(PathwaysDataset) ds = journey_fixture_load ();
  attack_dataset (ds, "journey fixture", 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pathways/disclosure/attack/journey", test_attack_journey);
  g_test_add_func ("/pathways/disclosure/attack/sample", test_attack_sample);
  return g_test_run ();
}
