/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-analysis-compare.h: the reports a period is compared with.
 *
 * A report of a whole year, quarter, financial year, financial quarter or month is
 * read beside the period before it and the same period a year before (the PDF's
 * summary page). Both are run with the same filters and measures options as the
 * report itself; outputs protect them with the same policy (pathways-output.h).
 */
#pragma once

#include "pathways-analysis.h"
#include "pathways-period.h"

G_BEGIN_DECLS

/* The period FILTER's referral dates cover exactly, when it is a year, quarter, month,
 * financial year or financial quarter; FALSE otherwise (no period, a custom range). */
gboolean pathways_analysis_compare_get_period (const PathwaysFilter *filter,
                                               PathwaysPeriod       *period);

/* Runs FILTER over the previous period (*PREVIOUS) and the same period a year before
 * (*YEAR_BEFORE). Either is NULL when FILTER has no such period or the dataset has no
 * referral in it; *YEAR_BEFORE is NULL too when it is the previous period (years and
 * financial years). TRUE when at least one report was run. */
gboolean pathways_analysis_run_comparisons    (PathwaysAnalysis     *self,
                                               const PathwaysFilter *filter,
                                               PathwaysReport      **previous,
                                               PathwaysReport      **year_before);

G_END_DECLS
