/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Method 1 of spec/disclosure.md: perturbation by cell keys.
 *
 * Every count cell (rows, totals and bases alike: totals are cells in their own right)
 * is shown as c + v, v looked up from its cell key; 0 stays 0 and nothing goes below
 * 0; a shown value from 1 to k-1 is "<k", and a count of k or more is never shown
 * below k, so that "<k" never stands for k or more. Funnel stages are then made
 * non-increasing.
 * Every figure derived from counts (a drop, a percent, a rate and its interval) is
 * computed again from the shown counts, and is "*" when one of them is "<k" or hidden,
 * or when the shown base of a percent or rate is below 10. Duration statistics follow
 * the rule of both methods (true n of 10 or more, whole days, no minimum or maximum).
 * A count cell without a key (the measures did not provide one) is hidden as "*".
 */
#define G_LOG_DOMAIN "pathways-disclosure"

#include "config.h"

#include <math.h>

#include "pathways-disclosure.h"
#include "pathways-disclosure-private.h"
#include "pathways-stats.h"

int
pathways_disclosure_noise (guint8 key)
{
  if (key <= 25)
    return -2;
  if (key <= 76)
    return -1;
  if (key <= 178)
    return 0;
  if (key <= 229)
    return 1;
  return 2;
}

#define CELL(t, r, c) (&((PathwaysReportRow *) g_ptr_array_index ((t)->rows, (r)))->cells[(c)])

static gboolean
is_hidden (const PathwaysCell *cell)
{
  return cell->suppression != PATHWAYS_SUPPRESSION_NONE;
}

static gboolean
is_formed (const PathwaysCell *cell)
{
  return cell->sources[0].row >= 0 && cell->sources[1].row >= 0;
}

/* One count cell: c + v from its key, "<k" from 1 to k-1. */
static void
perturb_count (PathwaysCell *cell,
               guint         k)
{
  double v;

  if (cell->kind != PATHWAYS_CELL_COUNT || !cell->defined || isnan (cell->value) || is_hidden (cell))
    return;
  if (cell->value == 0)
    return;
  if (!cell->has_key)
    {
      cell->suppression = PATHWAYS_SUPPRESSION_SECONDARY;
      return;
    }
  v = MAX (0, cell->value + pathways_disclosure_noise (cell->key));
  /* "<k" stands for 1 to k-1 only: a count of k or more moved below k shows k */
  if (cell->value >= k && v < k)
    v = k;
  cell->value = v;
  if (v >= 1 && v < k)
    cell->suppression = PATHWAYS_SUPPRESSION_PRIMARY;
}

static void
perturb_counts (PathwaysReportTable *t,
                guint                k)
{
  perturb_count (&t->base, k);
  for (guint c = 0; t->totals != NULL && c < t->columns->len; c++)
    perturb_count (&t->totals[c], k);
  for (guint r = 0; r < t->rows->len; r++)
    for (guint c = 0; c < t->columns->len; c++)
      if (!is_formed (CELL (t, r, c)))
        perturb_count (CELL (t, r, c), k);
}

/* A later stage never shows more than an earlier one. */
static void
funnel_non_increasing (PathwaysReportTable *t,
                       guint                k)
{
  int col = pathways_report_table_find_column (t, "count");
  double last = G_MAXDOUBLE;

  if (col < 0 || !g_str_has_prefix (t->id, "funnel"))
    return;
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysCell *cell = CELL (t, r, col);

      if (!cell->defined || isnan (cell->value) || cell->suppression == PATHWAYS_SUPPRESSION_SECONDARY)
        continue;
      if (cell->value > last)
        {
          cell->value = last;
          cell->suppression = last >= 1 && last < k ? PATHWAYS_SUPPRESSION_PRIMARY : PATHWAYS_SUPPRESSION_NONE;
        }
      last = cell->value;
    }
}

static const PathwaysCell *
source_cell (PathwaysReportTable *t,
             const PathwaysCell  *cell,
             guint                s)
{
  const PathwaysCellRef *ref = &cell->sources[s];

  if (ref->row < 0 || (guint) ref->row >= t->rows->len || (guint) ref->col >= t->columns->len)
    return NULL;
  return CELL (t, ref->row, ref->col);
}

/* A percent or rate's numerator and denominator as shown; FALSE when either is hidden. */
static gboolean
shown_fraction (PathwaysReportTable *t,
                const PathwaysCell  *cell,
                double              *num,
                double              *den)
{
  const PathwaysCell *a = source_cell (t, cell, 0);
  const PathwaysCell *b = cell->uses_base ? &t->base : source_cell (t, cell, 1);

  if (a == NULL || b == NULL || a->kind != PATHWAYS_CELL_COUNT || is_hidden (a) || is_hidden (b) ||
      !a->defined || !b->defined)
    return FALSE;
  *num = a->value;
  *den = b->value;
  return TRUE;
}

/* c + v for a count that is not shown (the numerator of "% within target", the
 * counts of a completion rate), with its key; as for a shown one, a count of k or
 * more is never taken below k (a percent of a shown count then agrees with it) */
static double
perturbed (double v,
           guint8 key,
           guint  k)
{
  double p = v <= 0 ? 0 : MAX (0, v + pathways_disclosure_noise (key));

  return v >= k && p < k ? k : p;
}

/* A percent of counts it does not show, from them perturbed; its denominator is its
 * hidden one, else its shown source. FALSE when it cannot be formed. */
static gboolean
hidden_fraction (PathwaysReportTable *t,
                 const PathwaysCell  *cell,
                 guint                k,
                 double              *num,
                 double              *den)
{
  const PathwaysCell *n = cell->uses_base ? &t->base : source_cell (t, cell, 0);

  if (!cell->has_key)
    return FALSE;
  *num = perturbed ((double) cell->hidden_num, cell->key, k);
  if (cell->hidden_den >= 0)
    *den = perturbed ((double) cell->hidden_den, cell->key_den, k);
  else if (n != NULL && n->kind == PATHWAYS_CELL_COUNT && n->defined && !is_hidden (n))
    *den = n->value;
  else
    return FALSE;
  return TRUE;
}

static void
derive_figure (PathwaysReportTable *t,
               guint                c,
               PathwaysCell        *cell,
               guint                k)
{
  const char *col = ((PathwaysReportColumn *) g_ptr_array_index (t->columns, c))->id;
  double num, den, lo, hi;

  if (cell->kind == PATHWAYS_CELL_COUNT)
    {
      /* a count formed from two others (a funnel drop): source 1 - source 0, as shown */
      const PathwaysCell *a = source_cell (t, cell, 0), *b = source_cell (t, cell, 1);
      if (a == NULL || b == NULL || is_hidden (a) || is_hidden (b))
        cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
      else
        {
          cell->value = b->value - a->value;
          if (cell->value >= 1 && cell->value < k)
            cell->suppression = PATHWAYS_SUPPRESSION_PRIMARY;
        }
      return;
    }
  if (cell->kind == PATHWAYS_CELL_PERCENT && cell->hidden_num >= 0)
    {
      if (!hidden_fraction (t, cell, k, &num, &den) || den < PATHWAYS_DISCLOSURE_MIN_BASE)
        cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
      else
        cell->value = 100.0 * MIN (num, den) / den;
      return;
    }
  if (!shown_fraction (t, cell, &num, &den) || den < PATHWAYS_DISCLOSURE_MIN_BASE)
    {
      cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
      return;
    }
  if (g_str_equal (col, "cases_per_person"))
    {
      cell->value = num / den;   /* a ratio, 1 or more */
      return;
    }
  num = MIN (num, den);
  if (cell->kind == PATHWAYS_CELL_PERCENT || g_str_equal (col, "rate"))
    cell->value = 100.0 * num / den;
  else if (g_str_equal (col, "ci_low") || g_str_equal (col, "ci_high"))
    {
      pathways_wilson_interval ((guint) num, (guint) den, &lo, &hi);
      cell->value = g_str_equal (col, "ci_low") ? lo : hi;
    }
  else
    cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;   /* no rule to form it again */
}

/* Statistics by the true n (before the counts are perturbed). */
static void
statistics (PathwaysReportTable *t)
{
  for (guint r = 0; r < t->rows->len; r++)
    for (guint c = 0; c < t->columns->len; c++)
      {
        PathwaysCell *cell = CELL (t, r, c);
        const PathwaysCell *n = source_cell (t, cell, 0);

        if (cell->kind != PATHWAYS_CELL_STATISTIC || !cell->defined || is_hidden (cell))
          continue;
        if (_pathways_disclosure_never_shown (t, c) || n == NULL || !n->defined ||
            n->value < PATHWAYS_DISCLOSURE_MIN_BASE)
          cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
        else
          cell->value = _pathways_disclosure_round_statistic (t, c, cell->value);
      }
}

static void
derive_figures (PathwaysReportTable *t,
                guint                k)
{
  for (guint r = 0; r < t->rows->len; r++)
    for (guint c = 0; c < t->columns->len; c++)
      {
        PathwaysCell *cell = CELL (t, r, c);

        if (!cell->defined || is_hidden (cell) ||
            (cell->kind == PATHWAYS_CELL_COUNT && !is_formed (cell)))
          continue;
        if (cell->kind == PATHWAYS_CELL_COUNT || cell->kind == PATHWAYS_CELL_PERCENT ||
            cell->kind == PATHWAYS_CELL_RATE)
          derive_figure (t, c, cell, k);
      }
}

static double
round_to_5 (double v)
{
  return 5.0 * floor (v / 5.0 + 0.5);
}

static void
round_cell (PathwaysCell *cell)
{
  if (cell->kind == PATHWAYS_CELL_COUNT && cell->defined && !is_hidden (cell) && cell->value > 0)
    {
      cell->value = round_to_5 (cell->value);
      cell->rounded = TRUE;
    }
}

void
pathways_disclosure_apply_perturbation (PathwaysReport *self,
                                        guint           k,
                                        gboolean        round5)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (k >= PATHWAYS_DISCLOSURE_MIN_THRESHOLD && k <= PATHWAYS_DISCLOSURE_MAX_THRESHOLD);
  g_return_if_fail (self->threshold == 0);

  self->threshold = k;
  self->round5 = round5;
  self->protection = PATHWAYS_PROTECTION_PERTURB;
  for (guint i = 0; i < self->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (self->tables, i);

      if (!t->protect)
        continue;
      _pathways_disclosure_withhold_small (t);
      statistics (t);
      perturb_counts (t, k);
      funnel_non_increasing (t, k);
      derive_figures (t, k);
      if (!round5)
        continue;
      round_cell (&t->base);
      for (guint c = 0; t->totals != NULL && c < t->columns->len; c++)
        round_cell (&t->totals[c]);
      for (guint r = 0; r < t->rows->len; r++)
        for (guint c = 0; c < t->columns->len; c++)
          round_cell (CELL (t, r, c));
    }
  pathways_report_update_base_texts (self);
}
#undef CELL
