/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-disclosure"

#include "config.h"

#include <math.h>
#include "pathways-i18n.h"

#include "pathways-disclosure.h"
#include "pathways-disclosure-audit.h"
#include "pathways-disclosure-private.h"

void
pathways_disclosure_protect_lines (const double                 *values,
                                   gboolean                     *suppressed,
                                   guint                         n_values,
                                   const PathwaysDisclosureLine *lines,
                                   guint                         n_lines)
{
  gboolean changed = TRUE;

  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (suppressed != NULL || n_values == 0);

  /* Suppression only grows, so this reaches a fixed point. */
  while (changed)
    {
      changed = FALSE;
      for (guint l = 0; l < n_lines; l++)
        {
          const PathwaysDisclosureLine *line = &lines[l];
          guint hidden = 0;
          int pick = -1;
          guint total;

          if (line->n_members == 0)
            continue;
          total = line->members[line->n_members - 1];
          for (guint k = 0; k < line->n_members; k++)
            {
              g_return_if_fail (line->members[k] < n_values);
              hidden += suppressed[line->members[k]] ? 1 : 0;
            }
          if (hidden != 1)
            continue;

          /* the smallest other non-zero shown cell */
          for (guint k = 0; k + 1 < line->n_members; k++)
            {
              guint idx = line->members[k];
              if (suppressed[idx] || values[idx] <= 0)
                continue;
              if (pick < 0 || values[idx] < values[pick])
                pick = idx;
            }
          /* no such cell: the hidden cell equals the total, so hide the total */
          if (pick < 0 && !suppressed[total] && values[total] > 0)
            pick = total;
          if (pick >= 0)
            {
              suppressed[pick] = TRUE;
              changed = TRUE;
            }
        }
    }
}

static gboolean
is_hidden (const PathwaysCell *cell)
{
  return cell->suppression != PATHWAYS_SUPPRESSION_NONE;
}

static gboolean
small (double v,
       guint  k)
{
  return !isnan (v) && v > 0 && v < k;
}

#define CELL(t, r, c) (&((PathwaysReportRow *) g_ptr_array_index ((t)->rows, (r)))->cells[(c)])

/* 1. primary: counts 1..k-1 (base and totals included), and a count a reader forms
 * from two shown ones (a funnel drop) when it is 1..k-1 */
static void
mark_primary (PathwaysReportTable *t,
              guint                k)
{
  guint n_cols = t->columns->len;

  if (t->base.defined && small (t->base.value, k))
    t->base.suppression = PATHWAYS_SUPPRESSION_PRIMARY;
  if (t->totals != NULL)
    for (guint c = 0; c < n_cols; c++)
      if (t->totals[c].defined && small (t->totals[c].value, k))
        t->totals[c].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
  for (guint r = 0; r < t->rows->len; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        PathwaysCell *cell = CELL (t, r, c);

        if (cell->kind != PATHWAYS_CELL_COUNT || !cell->defined)
          continue;
        if (small (cell->value, k))
          cell->suppression = PATHWAYS_SUPPRESSION_PRIMARY;
        else if (cell->sources[0].row >= 0 && cell->value < 0 && cell->value > -(double) k)
          cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
      }
}

/* 2. small sections: a table whose true base is below 10 shows a sentence instead */
void
_pathways_disclosure_withhold_small (PathwaysReportTable *t)
{
  guint n_cols = t->columns->len;

  if (!t->base.defined || t->base.value >= PATHWAYS_DISCLOSURE_MIN_BASE)
    return;
  t->withheld = TRUE;
  for (guint r = 0; r < t->rows->len; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        PathwaysCell *cell = CELL (t, r, c);
        if (cell->kind != PATHWAYS_CELL_LABEL && cell->kind != PATHWAYS_CELL_SETTING && !is_hidden (cell))
          cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
      }
  for (guint c = 0; t->totals != NULL && c < n_cols; c++)
    if (t->totals[c].defined && !is_hidden (&t->totals[c]))
      t->totals[c].suppression = PATHWAYS_SUPPRESSION_DERIVED;
  if (!is_hidden (&t->base))
    t->base.suppression = PATHWAYS_SUPPRESSION_DERIVED;
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

/* The denominator of a percent, rate or statistic: the base, else its second source,
 * else its only one. */
static const PathwaysCell *
denominator (PathwaysReportTable *t,
             const PathwaysCell  *cell)
{
  if (cell->uses_base)
    return &t->base;
  if (source_cell (t, cell, 1) != NULL)
    return source_cell (t, cell, 1);
  return source_cell (t, cell, 0);
}

gboolean
_pathways_disclosure_never_shown (PathwaysReportTable *t,
                                  guint                c)
{
  PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);

  /* minimum and maximum durations are never shown in protected outputs */
  return g_str_equal (col->id, "min") || g_str_equal (col->id, "max") ||
         g_str_equal (col->id, "still_waiting_max_days");
}

static gboolean
is_score_column (PathwaysReportTable *t,
                 guint                c)
{
  PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);

  /* every statistic of the outcomes table is a score, not a duration */
  return col->kind == PATHWAYS_CELL_STATISTIC && g_str_equal (t->id, "outcomes");
}

double
_pathways_disclosure_round_statistic (PathwaysReportTable *t,
                                      guint                c,
                                      double               value)
{
  PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);

  if (g_str_equal (col->id, "mean") || is_score_column (t, c))
    return floor (value * 10 + 0.5) / 10;
  return floor (value + 0.5);   /* whole days */
}

/* 3. derived figures: hidden when a count they derive from is hidden, a percent or
 * rate whose shown base is below 10, a statistic whose true n is below 10 */
static gboolean
derived_hidden (PathwaysReportTable *t,
                guint                c,
                const PathwaysCell  *cell,
                guint                k)
{
  const PathwaysCell *den = denominator (t, cell);

  for (guint s = 0; s < 2; s++)
    if (source_cell (t, cell, s) != NULL && is_hidden (source_cell (t, cell, s)))
      return TRUE;
  if (cell->uses_base && is_hidden (&t->base))
    return TRUE;
  if (small (cell->hidden_num, k) || small (cell->hidden_den, k))
    return TRUE;
  if (cell->kind == PATHWAYS_CELL_STATISTIC)
    return _pathways_disclosure_never_shown (t, c) ||
           (den != NULL && (!den->defined || den->value < PATHWAYS_DISCLOSURE_MIN_BASE));
  if ((cell->kind == PATHWAYS_CELL_PERCENT || cell->kind == PATHWAYS_CELL_RATE) && den != NULL)
    return den->defined && den->value < PATHWAYS_DISCLOSURE_MIN_BASE;
  return FALSE;
}

static void
hide_derived (PathwaysReportTable *t,
              guint                k)
{
  for (guint r = 0; r < t->rows->len; r++)
    for (guint c = 0; c < t->columns->len; c++)
      {
        PathwaysCell *cell = CELL (t, r, c);

        if (cell->kind == PATHWAYS_CELL_LABEL || cell->kind == PATHWAYS_CELL_SETTING ||
            cell->kind == PATHWAYS_CELL_COUNT || is_hidden (cell) || !cell->defined)
          continue;   /* a figure with no value stays "–" */
        if (derived_hidden (t, c, cell, k))
          cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
        else if (cell->kind == PATHWAYS_CELL_STATISTIC && cell->defined &&
                 !g_str_equal (((PathwaysReportColumn *) g_ptr_array_index (t->columns, c))->id, "mean"))
          cell->value = _pathways_disclosure_round_statistic (t, c, cell->value);
      }
}

/* "% within target" × n is the sum of the bands up to the target: shown only when no
 * band of its measure is hidden. */
static void
hide_within_target (PathwaysReport *self)
{
  PathwaysReportTable *w = pathways_report_get_table (self, "waiting_times", NULL);
  int pct_col = w != NULL ? pathways_report_table_find_column (w, "within_target_pct") : -1;

  for (guint r = 0; pct_col >= 0 && r < w->rows->len; r++)
    {
      PathwaysCell *measure = CELL (w, r, 0), *type = CELL (w, r, 1), *pct = CELL (w, r, pct_col);
      g_autofree char *key = type->text != NULL ? g_strdup_printf ("%s/%s", measure->text, type->text)
                                                : g_strdup (measure->text);
      PathwaysReportTable *bands = pathways_report_get_table (self, "waiting_bands", key);
      gboolean any = FALSE;

      for (guint b = 0; bands != NULL && b < bands->rows->len; b++)
        for (guint c = 0; c < bands->columns->len; c++)
          any |= CELL (bands, b, c)->kind == PATHWAYS_CELL_COUNT && is_hidden (CELL (bands, b, c));
      if (any && pct->defined && !is_hidden (pct))
        pct->suppression = PATHWAYS_SUPPRESSION_DERIVED;
    }
}

static double
round_to_5 (double v)
{
  double sign = v < 0 ? -1 : 1;

  return sign * 5.0 * floor (fabs (v) / 5.0 + 0.5);
}

/* 4. rounding of every shown count */
static void
round_counts (PathwaysReportTable *t)
{
  for (guint r = 0; r < t->rows->len; r++)
    for (guint c = 0; c < t->columns->len; c++)
      {
        PathwaysCell *cell = CELL (t, r, c);
        if (cell->kind == PATHWAYS_CELL_COUNT && cell->defined && !is_hidden (cell))
          {
            cell->value = round_to_5 (cell->value);
            cell->rounded = TRUE;
          }
      }
  for (guint c = 0; t->totals != NULL && c < t->columns->len; c++)
    if (t->totals[c].defined && !is_hidden (&t->totals[c]))
      {
        t->totals[c].value = round_to_5 (t->totals[c].value);
        t->totals[c].rounded = TRUE;
      }
  if (t->base.defined && !is_hidden (&t->base))
    {
      t->base.value = round_to_5 (t->base.value);
      t->base.rounded = TRUE;
    }
}
#undef CELL

static void
apply (PathwaysReport *self,
       guint           k,
       gboolean        round5,
       gboolean        audit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (k >= PATHWAYS_DISCLOSURE_MIN_THRESHOLD && k <= PATHWAYS_DISCLOSURE_MAX_THRESHOLD);
  g_return_if_fail (self->threshold == 0);

  self->threshold = k;
  self->round5 = round5;
  self->protection = PATHWAYS_PROTECTION_SUPPRESS;
  for (guint i = 0; i < self->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (self->tables, i);
      if (t->protect)
        {
          mark_primary (t, k);
          _pathways_disclosure_withhold_small (t);
        }
    }
  /* secondary suppression over the whole report, not one table at a time */
  if (audit)
    pathways_disclosure_audit (self, k);
  for (guint i = 0; i < self->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (self->tables, i);
      if (!t->protect)
        continue;
      hide_derived (t, k);
    }
  hide_within_target (self);
  for (guint i = 0; round5 && i < self->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (self->tables, i);
      if (t->protect)
        round_counts (t);
    }
  pathways_report_update_base_texts (self);
}

void
pathways_disclosure_apply (PathwaysReport *self,
                           guint           k,
                           gboolean        round5)
{
  apply (self, k, round5, TRUE);
}

void
pathways_disclosure_apply_unaudited (PathwaysReport *self,
                                     guint           k)
{
  apply (self, k, FALSE, FALSE);
}

const char *
pathways_disclosure_withheld_text (void)
{
  return _("Fewer than 10 cases in this group: not shown, to protect the people in it.");
}

char *
pathways_disclosure_describe (guint    k,
                              gboolean round5)
{
  return pathways_disclosure_describe_method (k == 0 ? PATHWAYS_PROTECTION_NONE : PATHWAYS_PROTECTION_SUPPRESS,
                                              k, round5);
}

char *
pathways_disclosure_describe_method (PathwaysProtection method,
                                     guint              k,
                                     gboolean           round5)
{
  g_autofree char *first = NULL;

  switch (method)
    {
    case PATHWAYS_PROTECTION_SUPPRESS:
      first = g_strdup_printf (_("Counts from 1 to %u are shown as <%u; other figures that would reveal "
                                 "them are shown as *. This protects one report: comparing several reports "
                                 "of overlapping groups can reveal small numbers."), k - 1, k);
      break;
    case PATHWAYS_PROTECTION_PERTURB:
      first = g_strdup_printf (_("Figures are adjusted slightly to protect the people in them; totals may "
                                 "differ from the sum of the rows. Adjusted counts from 1 to %u are shown "
                                 "as <%u; percents of fewer than 10, and figures made from hidden ones "
                                 "(such as a group of other values), as *."), k - 1, k);
      break;
    case PATHWAYS_PROTECTION_NONE:
    default:
      return g_strdup (_("Exact figures: small numbers are not protected."));
    }
  if (!round5)
    return g_steal_pointer (&first);
  return g_strdup_printf ("%s %s", first, _("Other counts are rounded to the nearest 5."));
}
