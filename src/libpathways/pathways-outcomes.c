/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-outcomes.c: the outcomes table and its measures (spec/metrics.md "Outcomes"). */
#define G_LOG_DOMAIN "pathways-outcomes"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pathways-outcomes.h"

PathwaysOutcomeTable *
pathways_outcome_table_new (guint n_rows)
{
  PathwaysOutcomeTable *t = g_new0 (PathwaysOutcomeTable, 1);

  t->n_rows = n_rows;
  t->case_index = g_new0 (guint32, n_rows);
  t->measure = g_new0 (guint16, n_rows);
  t->timepoint = g_new0 (guint8, n_rows);
  t->day = g_new0 (gint32, n_rows);
  t->score = g_new0 (double, n_rows);
  t->instruments = g_ptr_array_new_with_free_func (g_free);
  t->items = g_ptr_array_new_with_free_func (g_free);
  return t;
}

void
pathways_outcome_table_free (PathwaysOutcomeTable *t)
{
  if (t == NULL)
    return;
  g_free (t->file);
  g_free (t->case_index);
  g_free (t->measure);
  g_free (t->timepoint);
  g_free (t->day);
  g_free (t->score);
  g_ptr_array_unref (t->instruments);
  g_ptr_array_unref (t->items);
  g_free (t);
}

guint
pathways_outcome_table_get_n_measures (PathwaysOutcomeTable *t)
{
  g_return_val_if_fail (t != NULL, 0);

  return t->instruments->len;
}

typedef struct {
  guint16 measure;
  guint32 case_index;
  guint32 row;
} SortKey;

static int
cmp_key (const void *a,
         const void *b)
{
  const SortKey *x = a, *y = b;

  if (x->measure != y->measure)
    return x->measure < y->measure ? -1 : 1;
  if (x->case_index != y->case_index)
    return x->case_index < y->case_index ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

#define PERMUTE(type, field) \
  G_STMT_START { \
    type *copy = g_new (type, t->n_rows); \
    for (guint i = 0; i < t->n_rows; i++) \
      copy[i] = t->field[keys[i].row]; \
    g_free (t->field); \
    t->field = copy; \
  } G_STMT_END

void
pathways_outcome_table_sort (PathwaysOutcomeTable *t)
{
  g_autofree SortKey *keys = NULL;

  g_return_if_fail (t != NULL);

  keys = g_new (SortKey, MAX (t->n_rows, 1));
  for (guint i = 0; i < t->n_rows; i++)
    keys[i] = (SortKey) { t->measure[i], t->case_index[i], i };
  qsort (keys, t->n_rows, sizeof (SortKey), cmp_key);
  PERMUTE (guint32, case_index);
  PERMUTE (guint16, measure);
  PERMUTE (guint8, timepoint);
  PERMUTE (gint32, day);
  PERMUTE (double, score);
}

/* ---- measures ---- */

double
pathways_t_quantile_975 (guint df)
{
  static const double table[] = {
    NAN, 12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624,
    2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450,
    2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658,
    2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
  };
  const double z = 1.959964;
  double n = df;

  if (df < G_N_ELEMENTS (table))
    return table[df];
  /* Cornish-Fisher expansion (Abramowitz and Stegun 26.7.5): within 1e-6 beyond 30 */
  return z + (pow (z, 3) + z) / (4 * n) +
         (5 * pow (z, 5) + 16 * pow (z, 3) + 3 * z) / (96 * n * n) +
         (3 * pow (z, 7) + 19 * pow (z, 5) + 17 * pow (z, 3) - 15 * z) / (384 * n * n * n);
}

/* earliest by date (undated last), then file order */
static gboolean
earlier (const PathwaysOutcomeTable *t,
         guint                       a,
         guint                       b)
{
  gboolean da = t->day[a] != PATHWAYS_DAY_NONE, db = t->day[b] != PATHWAYS_DAY_NONE;

  if (da != db)
    return da;
  if (da && t->day[a] != t->day[b])
    return t->day[a] < t->day[b];
  return a < b;
}

/* The start and end rows of rows [FROM, TO) of one case and measure; -1 when none. */
static void
place (const PathwaysOutcomeTable *t,
       guint                       from,
       guint                       to,
       gboolean                    closed,
       int                        *start,
       int                        *end)
{
  int s = -1, e = -1;

  for (guint i = from; i < to; i++)
    if (t->timepoint[i] == PATHWAYS_TIMEPOINT_START && (s < 0 || earlier (t, i, s)))
      s = i;
  if (s < 0)
    for (guint i = from; i < to; i++)
      if (t->timepoint[i] != PATHWAYS_TIMEPOINT_END && (s < 0 || earlier (t, i, s)))
        s = i;
  /* latest marked end: the latest date, else the last undated in file order */
  for (guint i = from; i < to; i++)
    if (t->timepoint[i] == PATHWAYS_TIMEPOINT_END &&
        (e < 0 || (t->day[i] != PATHWAYS_DAY_NONE && (t->day[e] == PATHWAYS_DAY_NONE || t->day[i] >= t->day[e])) ||
         (t->day[i] == PATHWAYS_DAY_NONE && t->day[e] == PATHWAYS_DAY_NONE)))
      e = i;
  /* a closed case without one: its latest answer dated after the start */
  if (e < 0 && closed && s >= 0 && t->day[s] != PATHWAYS_DAY_NONE)
    for (guint i = from; i < to; i++)
      if ((int) i != s && t->day[i] != PATHWAYS_DAY_NONE && t->day[i] > t->day[s] &&
          (e < 0 || t->day[i] >= t->day[e]))
        e = i;
  *start = s;
  *end = e;
}

static void
init_bins (PathwaysOutcomeResult *res)
{
  const PathwaysItemScale *sc = &res->scale;

  if (sc->bands != NULL)
    {
      g_auto(GStrv) bands = g_strsplit (sc->bands, "|", -1);
      for (guint i = 0; bands[i] != NULL && i < PATHWAYS_OUTCOME_MAX_BANDS; i++)
        {
          g_auto(GStrv) ends = g_strsplit (bands[i], "-", 2);
          /* "0–4", with an EN DASH as every band label */
          res->bin_labels[res->n_bins++] = g_strjoinv ("\u2013", ends);
        }
    }
  else if (sc->bounded && sc->max - sc->min < PATHWAYS_OUTCOME_MAX_BANDS &&
           sc->min == floor (sc->min) && sc->max == floor (sc->max))
    for (double v = sc->min; v <= sc->max; v++)
      res->bin_labels[res->n_bins++] = g_strdup_printf ("%g", v);
}

/* An instrument that is not a preset has no stated range: when every answer to a
 * measure in the whole table (not the selection, so the bins do not move with the
 * filters) is a whole number and they span fewer than PATHWAYS_OUTCOME_MAX_BANDS values,
 * the observed minimum to maximum are its answers. */
static void
init_observed_bins (const PathwaysOutcomeTable *t,
                    GArray                     *results)
{
  guint n_measures = results->len;
  g_autofree double *lo = g_new (double, MAX (n_measures, 1));
  g_autofree double *hi = g_new (double, MAX (n_measures, 1));
  g_autofree gboolean *usable = g_new (gboolean, MAX (n_measures, 1));

  for (guint m = 0; m < n_measures; m++)
    {
      lo[m] = INFINITY;
      hi[m] = -INFINITY;
      usable[m] = TRUE;
    }
  for (guint i = 0; i < t->n_rows; i++)
    {
      guint m = t->measure[i];
      double v = t->score[i];

      if (m >= n_measures)
        continue;
      if (!isfinite (v) || v != floor (v))
        usable[m] = FALSE;
      lo[m] = MIN (lo[m], v);
      hi[m] = MAX (hi[m], v);
    }
  for (guint m = 0; m < n_measures; m++)
    {
      PathwaysOutcomeResult *res = &g_array_index (results, PathwaysOutcomeResult, m);

      if (res->n_bins > 0 || res->scale.bounded || res->scale.bands != NULL ||
          !usable[m] || lo[m] > hi[m] || hi[m] - lo[m] >= PATHWAYS_OUTCOME_MAX_BANDS)
        continue;
      for (double v = lo[m]; v <= hi[m]; v++)
        res->bin_labels[res->n_bins++] = g_strdup_printf ("%g", v);
    }
}

static int
bin_of (const PathwaysOutcomeResult *res,
        double                       v)
{
  int found = -1;

  for (guint b = 0; b < res->n_bins; b++)
    if (v >= g_ascii_strtod (res->bin_labels[b], NULL))
      found = b;
  return found;
}

typedef struct {
  double sum_start, sum_end;
  GArray *changes;   /* double */
} Accumulator;

static void
add_pair (PathwaysOutcomeResult *res,
          Accumulator           *acc,
          double                 s,
          double                 e)
{
  const PathwaysItemScale *sc = &res->scale;
  double change = e - s;
  int bs = bin_of (res, s), be = bin_of (res, e);

  res->paired_n++;
  acc->sum_start += s;
  acc->sum_end += e;
  g_array_append_val (acc->changes, change);
  switch (pathways_item_scale_classify (sc, s, e))
    {
    case PATHWAYS_CHANGE_IMPROVED: res->improved++; break;
    case PATHWAYS_CHANGE_SAME:     res->same++; break;
    case PATHWAYS_CHANGE_WORSE:    res->worse++; break;
    default: g_assert_not_reached ();
    }
  if (sc->clinical)
    {
      gboolean reliable = pathways_item_scale_reliable_improvement (sc, s, e);
      gboolean recovered = pathways_item_scale_recovery (sc, s, e);

      res->caseness_start += pathways_item_scale_at_caseness (sc, s);
      res->reliable_improvement += reliable;
      res->recovery += recovered;
      res->reliable_recovery += reliable && recovered;
    }
  if (bs >= 0)
    res->start_counts[bs]++;
  if (be >= 0)
    res->end_counts[be]++;
}

static void
finish_result (PathwaysOutcomeResult *res,
               Accumulator           *acc)
{
  guint n = res->paired_n;
  double mean, ss = 0;

  res->mean_start = res->mean_end = res->mean_change = NAN;
  res->change_ci_low = res->change_ci_high = NAN;
  if (n == 0)
    return;
  res->mean_start = acc->sum_start / n;
  res->mean_end = acc->sum_end / n;
  mean = 0;
  for (guint i = 0; i < n; i++)
    mean += g_array_index (acc->changes, double, i);
  mean /= n;
  res->mean_change = mean;
  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    {
      double d = g_array_index (acc->changes, double, i) - mean;
      ss += d * d;
    }
  {
    double half = pathways_t_quantile_975 (n - 1) * sqrt (ss / (n - 1)) / sqrt (n);
    res->change_ci_low = mean - half;
    res->change_ci_high = mean + half;
  }
}

static void
result_clear (gpointer data)
{
  PathwaysOutcomeResult *res = data;

  g_free (res->instrument);
  g_free (res->item);
  for (guint b = 0; b < res->n_bins; b++)
    g_free (res->bin_labels[b]);
}

GArray *
pathways_outcomes_compute (PathwaysDataset         *dataset,
                           const PathwaysSelection *selection)
{
  PathwaysOutcomeTable *t;
  GArray *results;
  guint closed[PATHWAYS_N_CLOSURE_CLASSES] = { 0 };
  guint n_measures;
  g_autofree Accumulator *acc = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (selection != NULL, NULL);

  results = g_array_new (FALSE, TRUE, sizeof (PathwaysOutcomeResult));
  g_array_set_clear_func (results, result_clear);
  t = dataset->outcomes;
  if (t == NULL)
    return results;

  for (guint i = 0; i < dataset->n_cases; i++)
    if (PATHWAYS_SELECTION_HAS (selection->cases, i) && pathways_dataset_case_is_closed (dataset, i))
      closed[pathways_dataset_case_closure_class (dataset, i)]++;

  n_measures = t->instruments->len;
  g_array_set_size (results, n_measures);
  acc = g_new0 (Accumulator, MAX (n_measures, 1));
  for (guint m = 0; m < n_measures; m++)
    {
      PathwaysOutcomeResult *res = &g_array_index (results, PathwaysOutcomeResult, m);

      res->instrument = g_strdup (g_ptr_array_index (t->instruments, m));
      res->item = g_strdup (g_ptr_array_index (t->items, m));
      pathways_item_scale_init (&res->scale, res->instrument, res->item);
      memcpy (res->closed, closed, sizeof closed);
      init_bins (res);
      acc[m].changes = g_array_new (FALSE, FALSE, sizeof (double));
    }
  init_observed_bins (t, results);

  for (guint from = 0, to; from < t->n_rows; from = to)
    {
      guint m = t->measure[from], c = t->case_index[from];
      PathwaysOutcomeResult *res = &g_array_index (results, PathwaysOutcomeResult, m);
      gboolean is_closed;
      int s, e;

      for (to = from + 1; to < t->n_rows && t->measure[to] == m && t->case_index[to] == c; to++)
        ;
      if (!PATHWAYS_SELECTION_HAS (selection->cases, c))
        continue;
      is_closed = pathways_dataset_case_is_closed (dataset, c);
      place (t, from, to, is_closed, &s, &e);
      if (s < 0 || e < 0)
        continue;
      add_pair (res, &acc[m], t->score[s], t->score[e]);
      if (is_closed)
        res->closed_paired[pathways_dataset_case_closure_class (dataset, c)]++;
    }

  for (guint m = 0; m < n_measures; m++)
    {
      finish_result (&g_array_index (results, PathwaysOutcomeResult, m), &acc[m]);
      g_array_unref (acc[m].changes);
    }
  return results;
}

double
pathways_outcome_result_completion (const PathwaysOutcomeResult *res,
                                    guint                        closure_class)
{
  guint num = 0, den = 0;

  g_return_val_if_fail (res != NULL, NAN);

  for (guint k = 0; k < PATHWAYS_N_CLOSURE_CLASSES; k++)
    if (closure_class == PATHWAYS_N_CLOSURE_CLASSES || k == closure_class)
      {
        num += res->closed_paired[k];
        den += res->closed[k];
      }
  return den > 0 ? 100.0 * num / den : NAN;
}
