/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-analysis"

#include "config.h"

#include "pathways-analysis-compare.h"

#include "pathways-dataset.h"

gboolean
pathways_analysis_compare_get_period (const PathwaysFilter *filter,
                                      PathwaysPeriod       *period)
{
  static const PathwaysPeriodKind kinds[] = {
    PATHWAYS_PERIOD_MONTH, PATHWAYS_PERIOD_QUARTER, PATHWAYS_PERIOD_FQUARTER,
    PATHWAYS_PERIOD_YEAR, PATHWAYS_PERIOD_FYEAR,
  };
  gint32 from, to;

  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  from = pathways_filter_get_from (filter);
  to = pathways_filter_get_to (filter);
  if (from == PATHWAYS_DAY_NONE || to == PATHWAYS_DAY_NONE)
    return FALSE;
  /* a calendar quarter and a financial quarter can be the same days: the first kind
   * that fits is taken, and both shift the same way */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (pathways_period_containing (period, kinds[k], from) && period->from == from && period->to == to)
      return TRUE;
  return FALSE;
}

/* FILTER over PERIOD, or NULL when the dataset has no referral in it. */
static PathwaysReport *
run_period (PathwaysAnalysis     *self,
            const PathwaysFilter *filter,
            const PathwaysPeriod *period)
{
  g_autoptr(PathwaysFilter) shifted = NULL;
  gint32 first = PATHWAYS_DAY_NONE, last = PATHWAYS_DAY_NONE;

  pathways_dataset_get_referral_range (pathways_analysis_get_dataset (self), &first, &last);
  if (first == PATHWAYS_DAY_NONE || period->to < first || period->from > last)
    return NULL;
  shifted = pathways_filter_copy (filter);
  pathways_filter_set_range (shifted, period->from, period->to);
  return pathways_analysis_run (self, shifted);
}

gboolean
pathways_analysis_run_comparisons (PathwaysAnalysis     *self,
                                   const PathwaysFilter *filter,
                                   PathwaysReport      **previous,
                                   PathwaysReport      **year_before)
{
  PathwaysPeriod period, before, year;
  gboolean has_before, has_year;

  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (previous != NULL && *previous == NULL, FALSE);
  g_return_val_if_fail (year_before != NULL && *year_before == NULL, FALSE);

  if (!pathways_analysis_compare_get_period (filter, &period))
    return FALSE;
  has_before = pathways_period_shift (&period, -1, &before);
  has_year = pathways_period_year_before (&period, &year);
  if (has_before)
    *previous = run_period (self, filter, &before);
  if (has_year && !(has_before && before.from == year.from && before.to == year.to))
    *year_before = run_period (self, filter, &year);
  return *previous != NULL || *year_before != NULL;
}
