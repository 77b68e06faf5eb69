/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-measures.h: every measure of spec/metrics.md over a selection.
 *
 * The results are plain counts and statistics; pathways-report.c turns them into
 * tables and chart specs. Computation works on the dataset's columns directly: one
 * pass over the selected cases, one over the selected services, histograms of day
 * counts for percentiles, lookup tables per dictionary code. Everything that does not
 * depend on the filter (closure classes per code, per-case service summaries, derived
 * returners) is computed once into a PathwaysMeasuresCache.
 *
 * The journey stages are pathways-stage.h's, the statistics (bands, duration
 * statistics, percentiles, Wilson intervals) pathways-stats.h's. The cache is built in
 * pathways-measures-cache.c, the waiting times computed in pathways-measures-waits.c,
 * the rest in pathways-measures.c; pathways-measures-private.h is what they share.
 */
#pragma once

#include <glib.h>

#include "pathways-dataset.h"
#include "pathways-filter.h"
#include "pathways-stage.h"
#include "pathways-stats.h"
#include "pathways-target.h"

G_BEGIN_DECLS

typedef enum {
  PATHWAYS_MIX_THERAPY_ONLY,
  PATHWAYS_MIX_ADVOCACY_ONLY,
  PATHWAYS_MIX_THERAPY_AND_ADVOCACY,
  PATHWAYS_MIX_OTHER,
  PATHWAYS_MIX_NO_SERVICE,
  PATHWAYS_N_MIXES
} PathwaysServiceMix;

const char *pathways_service_mix_get_label (PathwaysServiceMix mix);

typedef enum {
  PATHWAYS_WAIT_REFERRAL_TO_CONTACT,
  PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT,
  PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START,
  PATHWAYS_WAIT_SERVICE,               /* per service type */
  PATHWAYS_WAIT_TIME_IN_SERVICE,
  PATHWAYS_N_WAITS
} PathwaysWaitMeasure;

const char *pathways_wait_measure_get_id    (PathwaysWaitMeasure measure);
const char *pathways_wait_measure_get_label (PathwaysWaitMeasure measure);

typedef enum {
  PATHWAYS_TREND_MONTH,
  PATHWAYS_TREND_QUARTER,
  PATHWAYS_TREND_FINANCIAL_YEAR,
  PATHWAYS_TREND_FINANCIAL_QUARTER,    /* April–June is Q1 (spec/metrics.md "Periods for funders") */
  PATHWAYS_TREND_AUTO,   /* the default: at most 36 periods over the cohort's referral
                          * span: months up to 3 years, then quarters up to 9, then
                          * financial years (the report says which it chose) */
} PathwaysTrendUnit;

typedef struct _PathwaysMeasuresCache PathwaysMeasuresCache;

/* Filter-independent per-dataset tables (closure classes per code, funnel levels,
 * encoded durations, bitsets), plus scratch memory reused between computations.
 * Building it reads the whole dataset once (about 0.6 s for a million cases): do it
 * off the main thread. Rebuild after the mapping changes. A cache serves one
 * computation at a time; each computation uses up to two threads. It keeps the last
 * result over the whole dataset (every case and service selected) and returns a copy
 * of it when asked again with the same options. */
PathwaysMeasuresCache *pathways_measures_cache_new   (PathwaysDataset       *dataset);
void                   pathways_measures_cache_free  (PathwaysMeasuresCache *cache);
/* Whole-dataset figures, computed once: closed cases, distinct people (0 when
 * person_id is not mapped), earliest and latest valid referral day. */
void                   pathways_measures_cache_get_totals (PathwaysMeasuresCache *cache,
                                                           guint                 *n_closed,
                                                           guint                 *n_persons,
                                                           gint32                *first_referral,
                                                           gint32                *last_referral);

typedef struct {
  PathwaysPopulation  population;
  int                 split_field;       /* -1, or a case category field for the funnel */
  PathwaysTrendUnit   trend_unit;
  PathwaysBands       bands;
  gint32              target_days[PATHWAYS_N_WAITS];  /* 28, 28, 100, 100, 365 */
  /* version 2 (pathways-activity.h): the activity series, targets and breakdowns are
   * part of a report only when asked for */
  gboolean            activity;          /* build the activity series */
  PathwaysPeriodKind  activity_unit;     /* month, fquarter or fyear; WHOLE: automatic */
  guint               n_targets;
  PathwaysTarget      targets[PATHWAYS_MAX_TARGETS];
  gboolean            breakdowns;        /* the split_field breakdowns (needs split_field) */
  gboolean            crosstab;          /* the two-way breakdown rows x cols */
  PathwaysField       crosstab_rows;     /* case category fields */
  PathwaysField       crosstab_cols;
  /* a new option must be compared in pathways-measures.c's same_options too */
} PathwaysMeasuresOptions;

void pathways_measures_options_init (PathwaysMeasuresOptions *options);

/* Planned-closure rate groupings, in report order */
typedef enum {
  PATHWAYS_RATE_BY_REFERRAL_SOURCE,
  PATHWAYS_RATE_BY_PRIMARY_INCIDENT,
  PATHWAYS_RATE_BY_AGE_BAND,
  PATHWAYS_RATE_BY_GENDER,
  PATHWAYS_RATE_BY_NEW_OR_RETURNING,
  PATHWAYS_RATE_BY_SERVICE_MIX,
  PATHWAYS_N_RATE_GROUPINGS
} PathwaysRateGrouping;

typedef struct {
  gboolean  present;      /* the field is mapped (service mix: services + type) */
  guint     n_groups;     /* dictionary size, or PATHWAYS_N_MIXES */
  guint    *closed;       /* per group */
  guint    *planned;
} PathwaysRateTable;

typedef struct {
  PathwaysField field;
  guint   n_values;       /* dictionary size */
  guint  *counts;         /* cases listing each code (code 0 unused) */
  guint   classes[4];     /* none, one, multiple, not recorded */
} PathwaysMultiResult;

typedef struct {
  PathwaysField field;
  guint   base;           /* cohort cases, or cohort services for service fields; for the
                           * closure fields, those with a closure date or reason */
  guint   missing;
} PathwaysCompleteness;

typedef struct {
  /* cohort */
  guint     n_cases;
  guint     n_closed;
  guint     n_services;
  /* funnel */
  gboolean  stage_shown[PATHWAYS_N_STAGES];
  guint     stage_count[PATHWAYS_N_STAGES];
  int       split_field;                /* -1 when not split */
  guint     split_n_values;
  guint    *split_counts;               /* [value * PATHWAYS_N_STAGES + stage] */
  /* case closure reasons */
  gboolean  has_closure_reasons;
  guint     closure_n_reasons;
  guint    *closure_counts;             /* per case closure_reason code, closed cases */
  guint8   *closure_reason_class;       /* per code (shared with the cache) */
  /* service closure reasons */
  gboolean  has_service_closure;
  guint     svc_n_types;
  guint     svc_n_reasons;
  guint    *svc_base;                   /* per type: closed services */
  guint    *svc_counts;                 /* [type * svc_n_reasons + reason] */
  guint8   *svc_reason_class;           /* per service closure reason code */
  /* rates */
  PathwaysRateTable rates[PATHWAYS_N_RATE_GROUPINGS];
  /* waiting times: case measures, then service_wait per type */
  gboolean  wait_present[PATHWAYS_N_WAITS];
  PathwaysDurationStats waits[PATHWAYS_N_WAITS];  /* [PATHWAYS_WAIT_SERVICE] unused */
  guint     svc_wait_n_types;
  PathwaysDurationStats *svc_waits;     /* per service type code */
  /* time before support */
  gboolean  has_time_before_support;
  guint     tbs_n_values;
  guint    *tbs_counts;                 /* per code; base excludes code 0 */
  /* returners */
  gboolean  has_returners;
  gboolean  returners_derived;          /* from person_id */
  guint     n_new, n_returning, n_returner_unknown;
  gboolean  has_persons;
  guint     n_persons;
  guint     age_n_bands;
  guint    *age_cases;                  /* per age_band code (cases with a person) */
  guint    *age_persons;
  /* multi-category */
  GArray   *multi;                      /* PathwaysMultiResult */
  /* completeness, in field order (the report sorts) */
  GArray   *completeness;               /* PathwaysCompleteness */
} PathwaysMeasures;

PathwaysMeasures *pathways_measures_compute (PathwaysDataset               *dataset,
                                             PathwaysMeasuresCache         *cache,
                                             const PathwaysSelection       *selection,
                                             const PathwaysMeasuresOptions *options);
void              pathways_measures_free    (PathwaysMeasures              *measures);
/* A deep copy (the closure class tables stay shared with the cache, as in MEASURES). */
PathwaysMeasures *pathways_measures_copy    (const PathwaysMeasures        *measures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysMeasures, pathways_measures_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysMeasuresCache, pathways_measures_cache_free)

G_END_DECLS
