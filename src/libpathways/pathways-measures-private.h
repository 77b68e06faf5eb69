/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-measures-private.h: what the measures files share.
 *
 * pathways-measures-cache.c builds the PathwaysMeasuresCache once per dataset: per row
 * tables (funnel levels, encoded durations, trend periods), bitsets over the cases,
 * the cells of the one-pass period x day tables, and the scratch memory the
 * computations reuse. pathways-measures.c computes the measures of a selection from
 * it, pathways-measures-waits.c the waiting times among them.
 */
#pragma once

#include "pathways-measures.h"

G_BEGIN_DECLS

/* Per case flags of PathwaysMeasuresCache.case_info */
enum {
  INFO_CLOSED = 1 << 0,
  INFO_PLANNED = 1 << 1,
  INFO_HAS_SERVICE = 1 << 2,
  INFO_HAS_START = 1 << 3,
  INFO_RETURNING = 1 << 4,   /* derived from person_id */
  INFO_MIX_SHIFT = 5,        /* 3 bits */
};

#define N_TREND_UNITS 4   /* every unit but AUTO, which a report resolves first */

/* The case-level duration measures: from the referral to the first contact, to the
 * assessment, to the first service start, to the closure */
#define N_CASE_WAITS 4

/* Reusable scratch memory of one task: allocations of a computation come from one
 * block kept in the cache, so repeated computations do not fault fresh pages in; what
 * does not fit is allocated apart and the block grows for the next time. */
#define MAX_TASKS 16

typedef struct {
  guint8 *mem;
  gsize   size;
  gsize   used;
  gsize   wanted;
  GSList *extra;
} PathwaysArena;

gpointer _pathways_arena_alloc (PathwaysArena *a,
                                gsize          bytes,
                                gboolean       zero);
/* Frees what did not fit and grows the block to hold it all next time */
void     _pathways_arena_reset (PathwaysArena *a);

#define ARENA_NEW(a, type, n)  ((type *) _pathways_arena_alloc ((a), sizeof (type) * (gsize) (n), FALSE))
#define ARENA_NEW0(a, type, n) ((type *) _pathways_arena_alloc ((a), sizeof (type) * (gsize) (n), TRUE))

struct _PathwaysMeasuresCache {
  PathwaysDataset *dataset;
  guint8  *case_info;
  guint8  *case_class;          /* closure class per case */
  gint32  *first_start;         /* earliest service start per case, or NULL */
  guint8  *case_reason_class;   /* per case closure_reason code */
  guint    n_case_reasons;
  guint8  *svc_reason_class;    /* per service_closure_reason code */
  guint    n_svc_reasons;
  guint8  *nor_class;           /* per new_or_returning code: 0 new, 1 returning, 2 unknown */
  gboolean mix_present;
  /* pathways-activity.c's per-row periods, one per activity unit, then the cases by
   * referral day (filled on first use) */
  struct _PathwaysActivityRows *activity_rows[4];
  /* day → period */
  gint32   day_lo, day_hi;
  guint16 *period[N_TREND_UNITS];
  GArray  *period_start[N_TREND_UNITS];   /* gint32 */
  /* per row, filter-independent: funnel level, durations (see DUR_*), trend periods,
   * missing-value bitsets per column */
  guint8  *level;
  gint32  *case_dur[N_CASE_WAITS];
  gint32  *svc_dur;
  guint8  *svc_closed;
  guint16 *case_period[N_TREND_UNITS];   /* filled on first use */
  guint16 *svc_period[N_TREND_UNITS];
  /* services in service type order (stable): their index, encoded wait and trend
   * period, and where each type starts; so that the waits need no sort by type */
  guint    svc_n_types;
  guint   *svc_type_start;                /* svc_n_types + 1 */
  guint32 *svc_by_type;
  gint32  *svc_dur_by_type;
  guint16 *svc_period_by_type[N_TREND_UNITS];
  guint64 *missing[PATHWAYS_N_FIELDS];
  /* multi-category fields with few values: a bitset of cases per value, and per count
   * class (none, one, multiple, not recorded) */
  guint64 *multi_value_bits[3];
  guint64 *multi_class_bits[3];
  /* bitsets over cases, for counting by intersection: closed, planned, funnel level
   * (6), service mix (5), derived returners, people known; per code of the case
   * category fields with few values (made on first use) */
  gsize    words;
  guint64 *closed_bits;
  guint64 *planned_bits;
  guint64 *level_bits;
  guint64 *mix_bits;
  guint64 *returning_bits;
  guint64 *known_bits;
  /* distinct people: the cases whose person has no other case (per age band too), and
   * the cases of people with several, in person order, the first of each person
   * marked with PERSON_FIRST; per age band the cases with a person (see build_persons) */
  guint64 *sole_bits;
  guint64 *sole_band_bits;        /* n_person_bands x words */
  guint64 *person_band_bits;
  guint    n_person_bands;        /* 0: no age bands counted */
  guint32 *multi_cases;
  guint8  *multi_bands;           /* the age band of each, or NULL */
  guint    n_multi_cases;
  guint64 *code_bits[PATHWAYS_N_FIELDS];
  gint32   max_duration;   /* the longest non-negative duration of any measure */
  /* whole-dataset totals */
  guint    n_closed_all;
  guint    n_persons_all;
  gint32   first_referral, last_referral;
  /* one-pass duration tables (see _pathways_measures_cache_ensure_codes), for the
   * trend unit CODE_UNIT: per row a cell number in a table of period x day counts,
   * followed by a cell for the rows outside the measure, one for negative durations
   * and the still-waiting days; the services' tables one after the other, per type */
  int      code_unit;             /* -1: not built */
  guint32 *case_code[N_CASE_WAITS];
  guint    case_code_w[N_CASE_WAITS];      /* days per period row */
  guint    case_code_s[N_CASE_WAITS];      /* still-waiting day cells */
  gsize    case_code_cells[N_CASE_WAITS];
  guint32 *svc_code;              /* per service (dataset order) */
  gsize   *svc_code_base;         /* per type: its table's first cell; svc_n_types + 1 */
  guint   *svc_code_w;
  guint   *svc_code_s;
  guint32 *svc_close_code;        /* per service: type x reason cell, or the spare cell */
  /* the last computation over every case and service, with its options */
  PathwaysMeasures        *full;
  PathwaysMeasuresOptions  full_options;
  /* the profiles of every case (pathways-report-profile.c), once made */
  GPtrArray               *full_profiles;
  PathwaysArena arenas[MAX_TASKS];
  /* scratch, reused between computations */
  guint32 *scratch_d;
  guint16 *scratch_p;
  gsize    scratch_len;
};

/* Durations, encoded in one gint32 per row: ≥ 0 a duration in days; DUR_NONE not part
 * of the measure; DUR_NEGATIVE the end before the start; ≤ DUR_STILL_BASE still
 * waiting for DUR_STILL_BASE - value days at the snapshot. */
#define DUR_NONE (-1)
#define DUR_NEGATIVE (-2)
#define DUR_STILL_BASE (-3)

/* In PathwaysMeasuresCache.multi_cases: the first case of a person */
#define PERSON_FIRST 0x80000000u

/* Per-code bitsets of a case category field, made on first use; FALSE when the field
 * is not mapped or has too many values for them to pay */
gboolean _pathways_measures_cache_ensure_code_bits (PathwaysMeasuresCache *cache,
                                                    PathwaysField          field);
/* Trend periods per row for UNIT, made on first use */
void     _pathways_measures_cache_ensure_periods   (PathwaysMeasuresCache *cache,
                                                    PathwaysTrendUnit      unit);
/* Cell numbers per row in the one-pass tables for UNIT (after ensure_periods) */
/* For the tests: the fewest cases whose cache builds its column tables on a second
 * thread (50,000 unless set); returns the one before. */
guint    _pathways_measures_cache_set_thread_min   (guint                  min_cases);
void     _pathways_measures_cache_ensure_codes     (PathwaysMeasuresCache *cache,
                                                    PathwaysTrendUnit      unit);

/* Records of one duration measure, in scratch memory */
typedef struct {
  guint32 *d;
  guint16 *p;
  guint    n;
} PathwaysRecords;

/* Everything one computation reads, shared by the two halves of the work */
typedef struct {
  PathwaysDataset               *ds;
  PathwaysMeasuresCache         *cache;
  const PathwaysSelection       *sel;
  const PathwaysMeasuresOptions *options;
  PathwaysMeasures              *m;
  PathwaysColumn *ref, *contact, *assess, *closure, *reasons, *split, *tbs, *nor, *person,
                 *age_band, *types, *svc_reasons, *svc_ref, *svc_start, *svc_end;
  PathwaysTrendUnit unit;    /* options->trend_unit, checked */
  gboolean count_by_bits;    /* every field case_part counts has per-code bitsets */
  int next_task;
  PathwaysRecords recs[N_CASE_WAITS], still[N_CASE_WAITS], svc_rec, svc_still;
} PathwaysMeasuresContext;

/* Counts the selected rows (bitset SEL over N_ROWS) into TABLE at their cells CODE */
void     _pathways_measures_count_cells            (guint32                 *table,
                                                    const guint32           *code,
                                                    const guint64           *sel,
                                                    guint                    n_rows);
/* The same for two tables at once: one walk over the selection */
void     _pathways_measures_count_cells2           (guint32                 *table_a,
                                                    const guint32           *code_a,
                                                    guint32                 *table_b,
                                                    const guint32           *code_b,
                                                    const guint64           *sel,
                                                    guint                    n_rows);
/* Case-level duration measure K (see N_CASE_WAITS) of the selection */
void     _pathways_measures_case_wait_part         (PathwaysMeasuresContext *x,
                                                    guint                    k,
                                                    PathwaysArena           *arena);
/* The table the selected services' waits are counted into in one pass (zeroed, in
 * ARENA), or NULL when they are gathered instead */
guint32 *_pathways_measures_service_wait_table     (PathwaysMeasuresContext *x,
                                                    PathwaysArena           *arena);
/* The service waits per type; COUNTED: WAIT_TABLE was filled already */
void     _pathways_measures_service_waits          (PathwaysMeasuresContext *x,
                                                    guint32                 *wait_table,
                                                    gboolean                 counted,
                                                    PathwaysArena           *arena);

/* pathways-activity.c */
void _pathways_activity_rows_free (struct _PathwaysActivityRows *rows);

G_END_DECLS
