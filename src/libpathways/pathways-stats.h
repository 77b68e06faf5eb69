/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-stats.h: the statistics of spec/metrics.md, on plain numbers.
 *
 * Percentiles (type 7), medians, the 95 % Wilson score interval, duration bands and
 * the summary of a set of durations. Nothing here knows a dataset: the measures gather
 * the numbers (pathways-measures.c) and these functions describe them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PATHWAYS_N_BANDS_MAX 16

typedef struct {
  guint   n_bands;
  gint32  upper[PATHWAYS_N_BANDS_MAX];   /* inclusive upper bound; last is G_MAXINT32 */
} PathwaysBands;

/* The default bands 0–7, 8–28, 29–56, 57–100, 101–182, 183–365, over 365. */
void  pathways_bands_init_default (PathwaysBands *bands);
/* "0–7" (EN DASH), "over 365" */
char *pathways_bands_get_label    (const PathwaysBands *bands,
                                   guint                index);

typedef struct {
  gint32  period_start;   /* first day of the period */
  guint   n;
  double  median;         /* NAN when n = 0 */
} PathwaysTrendPoint;

typedef struct {
  guint    n;
  double   mean, median, p90;    /* NAN when n = 0 */
  gint32   min, max;             /* 0 when n = 0 */
  gint32   target_days;
  guint    within_target;
  guint    negative;
  guint    band_counts[PATHWAYS_N_BANDS_MAX];
  guint    still_n;
  double   still_median;         /* NAN when still_n = 0 */
  gint32   still_max;
  GArray  *trend;                /* PathwaysTrendPoint, periods with n > 0, in order */
} PathwaysDurationStats;

/* Statistics of N durations (≥ 0, unsorted; VALUES is reordered). Exposed for tests:
 * type-7 percentiles, bands, target. TREND is left NULL. */
void pathways_duration_stats_compute (PathwaysDurationStats *stats,
                                      guint32               *values,
                                      guint                  n,
                                      const PathwaysBands   *bands,
                                      gint32                 target_days);
/* The same figures from a histogram: HIST[v] durations of v days for v < SIZE, N > 0 of
 * them in all, SUM their total (n, mean, median, p90, min, max, bands, target; the
 * negative, still-waiting and trend fields are left alone). */
void pathways_duration_stats_from_histogram (PathwaysDurationStats *stats,
                                             const guint32         *hist,
                                             guint32                size,
                                             guint                  n,
                                             guint64                sum,
                                             const PathwaysBands   *bands,
                                             gint32                 target_days);
/* Type-7 percentile of sorted VALUES. */
double pathways_percentile_sorted    (const guint32 *values,
                                      guint          n,
                                      double         p);
/* Type-7 percentile of N > 0 values held as a histogram over [0, SIZE). */
double pathways_histogram_percentile (const guint32 *hist,
                                      guint32        size,
                                      guint          n,
                                      double         p);
/* Median of N values by selection, reordering VALUES; NAN when N = 0. */
double pathways_median_select        (guint32       *values,
                                      guint          n);
/* 95 % Wilson score interval (z = 1.959964) for SUCCESSES of TRIALS, in percent. */
void   pathways_wilson_interval      (guint          successes,
                                      guint          trials,
                                      double        *low,
                                      double        *high);

G_END_DECLS
