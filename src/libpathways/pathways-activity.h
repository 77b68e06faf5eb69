/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-activity.h: activity over time, targets and two-way breakdowns
 * (spec/metrics.md "Activity over time", "Targets", "Two-way breakdowns").
 *
 * Computed from the dataset's columns in one pass over the selected cases and one over
 * the selected services; pathways-report-activity.c turns the result into report
 * tables when the measures options ask for them.
 *
 * Activity is over the cohort's filters but not its period: SELECTION is the filter
 * applied without its referral-date range. The series runs from the period holding the
 * first referral of the dataset, or ten years before its end when that is later (a
 * longer chain of caseloads cannot be protected usefully), to the one holding the end
 * of the filter's range (else the snapshot date, else the last referral); cases
 * referred before it and still open count in open_at_start. Per period:
 *   referrals     cases referred in it; new and returning among them
 *   closures      cases whose closure_date lies in it, by closure class
 *   caseload      cases referred on or before its last day and not closed by it (a closed
 *                 case whose closure date is missing or not understood is left out)
 *   waiting list  per service type, services referred (service_referral_date, else the
 *                 case's referral date) on or before its last day and neither started,
 *                 ended nor with their case closed by it; with the median of (last day -
 *                 referral day) over them (the median wait so far). Services whose end
 *                 cannot be told (closed without a date) are left out.
 *
 * Targets are over the cohort (filter with its period), and over the same filter for
 * the period before and the same period a year before when the filter's range is a
 * whole month, calendar or financial quarter or year (a custom range: the range of the
 * same length just before, and the same days a year earlier). A waiting target's base
 * is the cohort's cases with a valid referral date, less those whose end date is before
 * the start (a data error) or not understood; cases not (yet) contacted count against
 * the target. therapy_start counts services whose type contains "therapy" instead,
 * from their service referral date. planned_closure: planned / closed cases.
 */
#pragma once

#include <glib.h>

#include "pathways-dataset.h"
#include "pathways-filter.h"
#include "pathways-measures.h"
#include "pathways-period.h"

G_BEGIN_DECLS

typedef struct {
  PathwaysPeriod period;
  guint          referrals;
  guint          n_new;
  guint          n_returning;
  guint          closures[4];     /* by PathwaysClosureClass */
  guint          caseload;
  guint          closed_unknown;  /* referred in it, closed on a day not known: in no
                                   * caseload (caseload = caseload before + referrals -
                                   * closures - closed_unknown) */
} PathwaysActivityPeriod;

typedef struct {
  gboolean  defined;       /* FALSE: no such period (the whole dataset has no previous) */
  PathwaysPeriod period;
  guint     numerator;
  guint     base;
} PathwaysTargetCount;

typedef struct {
  PathwaysTarget       target;
  gboolean             present;     /* its fields are mapped */
  PathwaysTargetCount  now, previous, year_before;
} PathwaysTargetResult;

typedef struct {
  /* activity */
  gboolean   has_activity;
  PathwaysPeriodKind unit;
  GArray    *periods;          /* PathwaysActivityPeriod, oldest first; at most ten
                                * years, the latest */
  guint      open_at_start;    /* cases open when the first period starts */
  gboolean   has_returners;
  gboolean   has_closures;     /* closure_date mapped */
  gboolean   has_waiting_list; /* services with a type and a start date */
  guint      n_types;          /* service_type dictionary size */
  guint     *waiting;          /* [period * n_types + type] */
  double    *waiting_median;   /* the same; NAN for an empty list */
  /* targets */
  GArray    *targets;          /* PathwaysTargetResult */
  /* planned-closure rates by the split field (options->breakdowns) */
  int        split_field;      /* -1: none */
  guint      split_n;
  guint     *split_closed;
  guint     *split_planned;
  /* two-way breakdown (options->crosstab) */
  gboolean   has_crosstab;
  guint      xt_n_rows, xt_n_cols;
  guint     *xt_counts;        /* [row code * xt_n_cols + col code], cohort cases */
} PathwaysActivity;

/* The unit chosen when the options say WHOLE: months for a range up to two years,
 * financial quarters beyond. */
PathwaysPeriodKind pathways_activity_default_unit (gint32                         first,
                                                   gint32                         last);
/* FILTER is the cohort's filter, SELECTION its selection, the cache from the measures
 * (for closure classes and returners). */
PathwaysActivity *pathways_activity_compute (PathwaysDataset               *dataset,
                                             PathwaysMeasuresCache         *cache,
                                             const PathwaysFilter          *filter,
                                             const PathwaysSelection       *selection,
                                             const PathwaysMeasuresOptions *options);
void              pathways_activity_free    (PathwaysActivity              *activity);

/* The period a filter's range is (month, quarter, year, financial quarter or year),
 * else a custom range; FALSE for an open range. */
gboolean          pathways_activity_filter_period (const PathwaysFilter *filter,
                                                   PathwaysPeriod       *period);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysActivity, pathways_activity_free)

G_END_DECLS
