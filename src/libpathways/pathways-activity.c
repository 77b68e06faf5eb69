/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-activity"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-activity.h"
#include "pathways-measures-private.h"
#include "pathways-working-days.h"

PathwaysPeriodKind
pathways_activity_default_unit (gint32 first,
                                gint32 last)
{
  int y0, m0, d0, y1, m1, d1;

  if (!PATHWAYS_DAY_IS_VALID (first) || !PATHWAYS_DAY_IS_VALID (last))
    return PATHWAYS_PERIOD_MONTH;
  pathways_day_to_ymd (first, &y0, &m0, &d0);
  pathways_day_to_ymd (last, &y1, &m1, &d1);
  /* up to 24 calendar months */
  return (y1 * 12 + m1) - (y0 * 12 + m0) < 24 ? PATHWAYS_PERIOD_MONTH : PATHWAYS_PERIOD_FQUARTER;
}

void
pathways_activity_free (PathwaysActivity *activity)
{
  if (activity == NULL)
    return;
  g_clear_pointer (&activity->periods, g_array_unref);
  g_clear_pointer (&activity->targets, g_array_unref);
  g_free (activity->waiting);
  g_free (activity->waiting_median);
  g_free (activity->split_closed);
  g_free (activity->split_planned);
  g_free (activity->xt_counts);
  g_free (activity);
}

gboolean
pathways_activity_filter_period (const PathwaysFilter *filter,
                                 PathwaysPeriod       *period)
{
  static const PathwaysPeriodKind kinds[] = {
    PATHWAYS_PERIOD_MONTH, PATHWAYS_PERIOD_FQUARTER, PATHWAYS_PERIOD_QUARTER,
    PATHWAYS_PERIOD_FYEAR, PATHWAYS_PERIOD_YEAR,
  };
  gint32 from = pathways_filter_get_from (filter), to = pathways_filter_get_to (filter);

  if (!PATHWAYS_DAY_IS_VALID (from) || !PATHWAYS_DAY_IS_VALID (to) || to < from)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (pathways_period_containing (period, kinds[k], from) && period->from == from && period->to == to)
      return TRUE;
  pathways_period_init_range (period, from, to);
  return TRUE;
}

static gint32
year_earlier (gint32 day)
{
  int y, m, d;

  pathways_day_to_ymd (day, &y, &m, &d);
  if (m == 2 && d == 29)
    d = 28;
  return pathways_day_from_ymd (y - 1, m, d);
}

/* The period before P and the same period a year before (custom ranges included) */
static void
related_periods (const PathwaysPeriod *p,
                 PathwaysPeriod       *previous,
                 PathwaysPeriod       *year_before)
{
  if (p->kind == PATHWAYS_PERIOD_CUSTOM)
    {
      gint32 len = p->to - p->from + 1;
      pathways_period_init_range (previous, p->from - len, p->from - 1);
      pathways_period_init_range (year_before, year_earlier (p->from), year_earlier (p->to));
      return;
    }
  pathways_period_shift (p, -1, previous);
  pathways_period_year_before (p, year_before);
}

/* ---- the activity series ---- */

typedef struct {
  gint32   first;      /* first day of the first period */
  gint32   last;       /* last day of the last period */
  guint16 *index;      /* per day first..last: its period */
} DayIndex;

static inline int
period_of (const DayIndex *di,
           gint32          day)
{
  if (!PATHWAYS_DAY_IS_VALID (day) || day > di->last)
    return -1;
  if (day < di->first)
    return -2;
  return di->index[day - di->first];
}

static void
build_periods (PathwaysActivity *a,
               DayIndex         *di,
               gint32            first,
               gint32            last)
{
  g_autoptr(GArray) list = pathways_period_list (a->unit, first, last);   /* newest first */
  guint n = list->len;

  a->periods = g_array_sized_new (FALSE, TRUE, sizeof (PathwaysActivityPeriod), n);
  g_array_set_size (a->periods, n);
  for (guint i = 0; i < n; i++)
    g_array_index (a->periods, PathwaysActivityPeriod, i).period =
      g_array_index (list, PathwaysPeriod, n - 1 - i);
  if (n == 0 || n > G_MAXUINT16)
    {
      g_array_set_size (a->periods, 0);
      di->first = 1;
      di->last = 0;
      return;
    }
  di->first = g_array_index (a->periods, PathwaysActivityPeriod, 0).period.from;
  di->last = g_array_index (a->periods, PathwaysActivityPeriod, n - 1).period.to;
  di->index = g_new (guint16, di->last - di->first + 1);
  for (guint i = 0; i < n; i++)
    {
      const PathwaysPeriod *p = &g_array_index (a->periods, PathwaysActivityPeriod, i).period;
      for (gint32 d = p->from; d <= p->to; d++)
        di->index[d - di->first] = i;
    }
}

/* ---- per-row periods, once per dataset and unit ----
 *
 * What a report's series needs of each case and service does not depend on the
 * filters: the period of the referral and of the closure, the returner class, a
 * service's first and last period on a waiting list. They are worked out once per
 * unit and kept with the measures cache; a report then only adds up the selected
 * rows. Periods are counted from the one holding the dataset's first referral, as
 * every report's series is; an index at or past a report's number of periods means
 * "after its last period" (ROW_AFTER for days far beyond the data, ROW_NONE for a row
 * that never counts, ROW_OPEN for a case not closed or a service still waiting). */

#define ROW_NONE           0xFFFFu
#define ROW_OPEN           0xFFFFu
#define ROW_AFTER          0xFFFDu
#define ROW_MAX_PERIODS    (0xFFFFu / 6 - 1)   /* a case's keys fit in 16 bits */

/* A service on a waiting list at some period's end (its until after its from); the
 * rows are kept in the order of the period it leaves the list. The day it joined the
 * list (its first period on it is that day's) is kept from WAIT_BASE, at most 40,000
 * days before the first period, as a report's counts are: it takes WAIT_DAY_BITS, the
 * service type code the bits above when the types are few enough (wait_packed) */
typedef struct {
  guint32 j;       /* the service */
  guint32 td;      /* its day from wait_base, and its type when packed */
} WaitRow;

#define WAIT_DAY_BITS 17   /* 40,000 days before the first period to 200 years after */
#define WAIT_DAY_MASK ((1u << WAIT_DAY_BITS) - 1)

struct _PathwaysActivityRows {
  gint32   first;        /* first day of period 0 */
  guint    n_periods;    /* periods 0..n_periods - 1 hold every day of the data */
  /* per case, what a report adds up: its referral's period and kind, and its
   * closure's period and class (see REF_KEYS) */
  guint32 *case_keys;
  /* the services that are on a list at some period's end, by the period they leave
   * it (in service order within one), then those that leave it after the last
   * period or not at all: WAIT_START (n_periods + 2) is where each run begins; the
   * others never count */
  WaitRow *wait;
  guint   *wait_start;
  guint    n_wait;
  gint32   wait_min_day; /* the earliest day among them */
  gint32   wait_base;
  gboolean wait_packed;
  /* the cases by referral day, from DAY_FIRST (the targets' cohorts; the cache's
   * last slot only) */
  guint32 *by_day;
  guint   *day_start;    /* n_days + 1 */
  gint32   day_first;
  guint    n_days;
};

void
_pathways_activity_rows_free (struct _PathwaysActivityRows *rows)
{
  if (rows == NULL)
    return;
  g_free (rows->case_keys);
  g_free (rows->wait);
  g_free (rows->wait_start);
  g_free (rows->by_day);
  g_free (rows->day_start);
  g_free (rows);
}

static void rows_fill_cases    (struct _PathwaysActivityRows *rows,
                                const DayIndex               *di,
                                PathwaysDataset              *ds,
                                PathwaysMeasuresCache        *cache);
static void rows_fill_services (struct _PathwaysActivityRows *rows,
                                const DayIndex               *di,
                                PathwaysDataset              *ds,
                                PathwaysMeasuresCache        *cache);

static inline guint16
row_period (const DayIndex *di,
            gint32          day)
{
  int p = period_of (di, day);

  return p == -1 ? (PATHWAYS_DAY_IS_VALID (day) ? ROW_AFTER : ROW_NONE) : (guint16) MAX (p, 0);
}

/* The latest valid day of the dates a series reads, at most 200 years after FIRST */
static gint32
rows_last_day (PathwaysDataset *ds,
               gint32           first)
{
  static const PathwaysField fields[] = {
    PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_FIELD_CLOSURE_DATE, PATHWAYS_FIELD_SERVICE_REFERRAL_DATE,
    PATHWAYS_FIELD_SERVICE_START_DATE, PATHWAYS_FIELD_SERVICE_END_DATE,
  };
  gint32 last = first, cap = first + 200 * 366;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      PathwaysColumn *c = ds->columns[fields[f]];
      for (guint i = 0; c != NULL && c->days != NULL && i < c->n_rows; i++)
        if (PATHWAYS_DAY_IS_VALID (c->days[i]) && c->days[i] > last && c->days[i] <= cap)
          last = c->days[i];
    }
  return last;
}

static struct _PathwaysActivityRows *
activity_rows (PathwaysDataset       *ds,
               PathwaysMeasuresCache *cache,
               PathwaysPeriodKind     unit)
{
  guint slot = unit == PATHWAYS_PERIOD_MONTH ? 0 : unit == PATHWAYS_PERIOD_FQUARTER ? 1 : 2;
  struct _PathwaysActivityRows *rows = cache->activity_rows[slot];
  PathwaysActivity scratch = { 0 };
  DayIndex di = { 0 };

  if (rows != NULL)
    return rows;
  scratch.unit = unit;
  build_periods (&scratch, &di, cache->first_referral, rows_last_day (ds, cache->first_referral));
  if (scratch.periods->len == 0 || scratch.periods->len > ROW_MAX_PERIODS)
    {
      g_array_unref (scratch.periods);
      g_free (di.index);
      return NULL;
    }
  rows = g_new0 (struct _PathwaysActivityRows, 1);
  rows->first = di.first;
  rows->n_periods = scratch.periods->len;
  rows_fill_cases (rows, &di, ds, cache);
  if (ds->has_services && ds->columns[PATHWAYS_FIELD_SERVICE_TYPE] != NULL &&
      ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE] != NULL)
    rows_fill_services (rows, &di, ds, cache);
  g_array_unref (scratch.periods);
  g_free (di.index);
  cache->activity_rows[slot] = rows;
  return rows;
}

/* The cases by referral day (in case order within a day), for the targets' cohorts:
 * once per dataset, in the cache's last slot; NULL when the referral days span more
 * than 200 years (a typing error: the cohorts are then found by a pass over every
 * case) */
static const struct _PathwaysActivityRows *
cases_by_day (PathwaysDataset       *ds,
              PathwaysMeasuresCache *cache)
{
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  struct _PathwaysActivityRows *rows = cache->activity_rows[3];
  gint32 first = cache->first_referral, last = cache->last_referral;
  g_autofree guint *next = NULL;
  guint n_days;

  if (rows != NULL)
    return rows;
  if (!PATHWAYS_DAY_IS_VALID (first) || !PATHWAYS_DAY_IS_VALID (last) || last < first ||
      last - first > 200 * 366)
    return NULL;
  n_days = last - first + 1;
  rows = g_new0 (struct _PathwaysActivityRows, 1);
  rows->day_first = first;
  rows->n_days = n_days;
  rows->day_start = g_new0 (guint, n_days + 1);
  for (guint i = 0; i < ds->n_cases; i++)
    if (PATHWAYS_DAY_IS_VALID (ref->days[i]) && ref->days[i] >= first && ref->days[i] <= last)
      rows->day_start[ref->days[i] - first + 1]++;
  for (guint d = 1; d <= n_days; d++)
    rows->day_start[d] += rows->day_start[d - 1];
  next = g_memdup2 (rows->day_start, sizeof (guint) * n_days);
  rows->by_day = g_new (guint32, MAX (rows->day_start[n_days], 1));
  for (guint i = 0; i < ds->n_cases; i++)
    if (PATHWAYS_DAY_IS_VALID (ref->days[i]) && ref->days[i] >= first && ref->days[i] <= last)
      rows->by_day[next[ref->days[i] - first]++] = i;
  cache->activity_rows[3] = rows;
  return rows;
}

/* 0 new, 1 returning, 2 unknown */
static guint
returner_class (PathwaysMeasuresCache *cache,
                PathwaysDataset       *ds,
                guint                  i)
{
  PathwaysColumn *nor = ds->columns[PATHWAYS_FIELD_NEW_OR_RETURNING];
  PathwaysColumn *person = ds->columns[PATHWAYS_FIELD_PERSON_ID];

  if (nor != NULL && cache->nor_class != NULL)
    return cache->nor_class[nor->codes[i]];
  if (person != NULL && person->keys[i] != 0)
    return (cache->case_info[i] & INFO_RETURNING) ? 1 : 0;
  return 2;
}

/* Counts KEYS[0..N-1] (each below N_KEYS) into START (N_KEYS + 1): where each key's
 * run begins in key order, the runs keeping the rows' order; START[N_KEYS] is N */
static void
runs_by_key (const guint16 *keys,
             guint          n,
             guint          n_keys,
             guint         *start)
{
  memset (start, 0, sizeof (guint) * (n_keys + 1));
  for (guint k = 0; k < n; k++)
    start[keys[k] + 1]++;
  for (guint r = 1; r <= n_keys; r++)
    start[r] += start[r - 1];
}

/* A case's two keys, each an index in a report's counts: in the low half its
 * referral's period P (from the dataset's first) and kind, P * REF_KEYS + returner
 * class * 2 + whether it was closed on a day not known; in the high half its closure's
 * period Q and class, Q * CLOSE_KEYS + class. A key the series never counts (no
 * referral period, no closure within the periods, or a referral day not known) is
 * the number of periods times the keys per period. */
#define REF_KEYS   6
#define CLOSE_KEYS 4

static void
rows_fill_cases (struct _PathwaysActivityRows *rows,
                 const DayIndex               *di,
                 PathwaysDataset              *ds,
                 PathwaysMeasuresCache        *cache)
{
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  PathwaysColumn *closure = ds->columns[PATHWAYS_FIELD_CLOSURE_DATE];
  guint np = rows->n_periods;

  rows->case_keys = g_new (guint32, MAX (ds->n_cases, 1));
  for (guint i = 0; i < ds->n_cases; i++)
    {
      guint pr = row_period (di, ref->days[i]), pc = ROW_OPEN;
      gboolean unknown = FALSE;
      guint32 rk = np * REF_KEYS, ck = np * CLOSE_KEYS;

      if (cache->case_info[i] & INFO_CLOSED)
        {
          if (closure == NULL || !PATHWAYS_DAY_IS_VALID (closure->days[i]))
            unknown = TRUE;                    /* closed, but when is not known */
          else
            pc = row_period (di, MAX (closure->days[i], ref->days[i]));
        }
      if (pr < np)
        {
          rk = pr * REF_KEYS + returner_class (cache, ds, i) * 2 + unknown;
          /* a closure is never before its referral */
          if (!unknown && pc < np)
            ck = pc * CLOSE_KEYS + cache->case_class[i];
        }
      rows->case_keys[i] = rk | (ck << 16);
    }
}

/* Referrals, closures and caseload per period over SEL's cases: one pass adding up
 * their keys, then the series' periods read from the counts. A case referred before
 * the series is open at its start unless closed by then or on a day not known. */
static void
count_cases (PathwaysActivity                   *a,
             const struct _PathwaysActivityRows *rows,
             guint                               offset,
             const PathwaysSelection            *sel)
{
  guint n = a->periods->len, np = rows->n_periods;
  g_autofree guint *refs = g_new0 (guint, np * REF_KEYS + 1);
  g_autofree guint *closes = g_new0 (guint, np * CLOSE_KEYS + 1);
  PathwaysActivityPeriod *ps = (PathwaysActivityPeriod *) a->periods->data;
  gint64 open = 0;

  for (guint w = 0; w < (sel->n_cases + 63) / 64; w++)
    {
      guint64 bits = sel->cases[w];
      while (bits != 0)
        {
          guint32 k = rows->case_keys[w * 64 + __builtin_ctzll (bits)];

          bits &= bits - 1;
          refs[k & 0xFFFF]++;
          closes[k >> 16]++;
        }
    }
  /* open at the series' start: referred before it, minus closed before it */
  for (guint q = 0; q < MIN (offset, np); q++)
    {
      for (guint r = 0; r < 3; r++)
        open += refs[q * REF_KEYS + r * 2];
      for (guint c = 0; c < CLOSE_KEYS; c++)
        open -= closes[q * CLOSE_KEYS + c];
    }
  a->open_at_start = open;
  for (guint p = 0; p < n && offset + p < np; p++)
    {
      const guint *rk = refs + (offset + p) * REF_KEYS, *ck = closes + (offset + p) * CLOSE_KEYS;

      ps[p].n_new = rk[0] + rk[1];
      ps[p].n_returning = rk[2] + rk[3];
      ps[p].referrals = ps[p].n_new + ps[p].n_returning + rk[4] + rk[5];
      ps[p].closed_unknown = rk[1] + rk[3] + rk[5];
      open += ps[p].referrals - ps[p].closed_unknown;
      for (guint c = 0; c < CLOSE_KEYS; c++)
        {
          ps[p].closures[c] = ck[c];
          open -= ck[c];
        }
      ps[p].caseload = open;
    }
  for (guint p = np > offset ? np - offset : 0; p < n; p++)
    ps[p].caseload = open;
}

/* When service J leaves the waiting list: the earliest of its start, its end and its
 * case's closure; PATHWAYS_DAY_NONE when it has not; PATHWAYS_DAY_INVALID when it has
 * but the day is not known */
static gint32
leave_day (PathwaysDataset       *ds,
           PathwaysMeasuresCache *cache,
           guint                  j)
{
  PathwaysColumn *cols[3] = {
    ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE], ds->columns[PATHWAYS_FIELD_SERVICE_END_DATE],
    ds->columns[PATHWAYS_FIELD_CLOSURE_DATE],
  };
  PathwaysColumn *svc_reason = ds->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON];
  guint i = ds->service_case[j];
  gint32 leave = PATHWAYS_DAY_NONE;

  for (guint k = 0; k < 3; k++)
    {
      gint32 d;
      if (cols[k] == NULL)
        continue;
      d = cols[k]->days[k == 2 ? i : j];
      if (d == PATHWAYS_DAY_NONE)
        continue;
      if (!PATHWAYS_DAY_IS_VALID (d))
        return PATHWAYS_DAY_INVALID;
      if (leave == PATHWAYS_DAY_NONE || d < leave)
        leave = d;
    }
  if (leave == PATHWAYS_DAY_NONE &&
      ((cache->case_info[i] & INFO_CLOSED) ||
       (svc_reason != NULL && svc_reason->codes[j] != PATHWAYS_CODE_NOT_RECORDED)))
    return PATHWAYS_DAY_INVALID;
  return leave;
}

static void
rows_fill_services (struct _PathwaysActivityRows *rows,
                    const DayIndex               *di,
                    PathwaysDataset              *ds,
                    PathwaysMeasuresCache        *cache)
{
  PathwaysColumn *svc_ref = ds->columns[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  guint np = rows->n_periods;
  g_autofree WaitRow *all = g_new (WaitRow, MAX (ds->n_services, 1));
  g_autofree guint16 *key = g_new (guint16, MAX (ds->n_services, 1));
  g_autofree guint *next = g_new (guint, np + 2);

  rows->n_wait = 0;
  rows->wait_min_day = G_MAXINT32;
  rows->wait_base = rows->first - 40000;
  rows->wait_packed = pathways_dictionary_get_size (types->dict) <= (1u << (32 - WAIT_DAY_BITS));
  for (guint j = 0; j < ds->n_services; j++)
    {
      gint32 day = svc_ref != NULL && PATHWAYS_DAY_IS_VALID (svc_ref->days[j])
                   ? svc_ref->days[j] : ref->days[ds->service_case[j]];
      gint32 leave = leave_day (ds, cache, j);
      guint from, until;
      WaitRow *w = &all[rows->n_wait];

      if (leave == PATHWAYS_DAY_INVALID)
        continue;                              /* its end cannot be told */
      from = row_period (di, day);
      until = leave == PATHWAYS_DAY_NONE ? ROW_OPEN : row_period (di, MAX (leave, day));
      /* a service whose until is not after its from is on no list at any period's
       * end, whatever a report's first period */
      if (from >= ROW_AFTER || until <= from)
        continue;
      w->j = j;
      w->td = (guint32) (MAX (day, rows->wait_base) - rows->wait_base);
      if (rows->wait_packed)
        w->td |= (guint32) types->codes[j] << WAIT_DAY_BITS;
      key[rows->n_wait++] = until < np ? until : np;
      rows->wait_min_day = MIN (rows->wait_min_day, day);
    }
  rows->wait = g_new (WaitRow, MAX (rows->n_wait, 1));
  rows->wait_start = g_new (guint, np + 2);
  runs_by_key (key, rows->n_wait, np + 1, rows->wait_start);
  memcpy (next, rows->wait_start, sizeof (guint) * (np + 2));
  for (guint k = 0; k < rows->n_wait; k++)
    rows->wait[next[key[k]]++] = all[k];
}

/* The K-th smallest (1-based) referral day on TYPE's list: through the counts per
 * period of referral (BUCKET, periods 0..LAST), then the days of that period (HIST
 * from day LO; period 0 also holds the days before it) */
static gint32
kth_day (const guint             *hist,
         const guint             *bucket,
         const PathwaysActivity  *a,
         gint32                   lo,
         guint                    last,
         guint                    k)
{
  for (guint b = 0; b <= last; b++)
    {
      const PathwaysPeriod *p = &g_array_index (a->periods, PathwaysActivityPeriod, b).period;

      if (bucket[b] < k)
        {
          k -= bucket[b];
          continue;
        }
      for (gint32 d = b == 0 ? lo : p->from; d <= p->to; d++)
        {
          if (hist[d - lo] >= k)
            return d;
          k -= hist[d - lo];
        }
      break;
    }
  g_return_val_if_reached (lo);
}

/* Per period and type: the services on the list at the period's end, and the median of
 * their waits so far. A service's referral day lies in the period it joins the list
 * (or before the first), so the days on a list are counted per day and per period of
 * referral, and a period's median reads only the counts of it and the periods before:
 * every selected service still on a list at the series' start or joining one later is
 * counted in at once, then those that leave within the series are taken out period by
 * period (the rows being in the order of their leaving). A median walks the periods'
 * counts, then one period's days. */
/* Row W's day, and its service type in TYPE */
static inline gint32
wait_row_get (const struct _PathwaysActivityRows *rows,
              const guint16                      *codes,
              const WaitRow                      *w,
              guint                              *type)
{
  if (rows->wait_packed)
    {
      *type = w->td >> WAIT_DAY_BITS;
      return rows->wait_base + (gint32) (w->td & WAIT_DAY_MASK);
    }
  *type = codes[w->j];
  return rows->wait_base + (gint32) w->td;
}

static void
count_waiting_list (PathwaysActivity                   *a,
                    const DayIndex                     *di,
                    const struct _PathwaysActivityRows *rows,
                    guint                               offset,
                    const guint16                      *codes,
                    const PathwaysSelection            *sel)
{
  guint n = a->periods->len, nt = a->n_types, np = rows->n_periods;
  /* a referral day centuries early is a typing error: keep the counts small */
  gint32 floor_day = di->first - 40000;
  gint32 lo = MIN (di->first, MAX (rows->wait_min_day, floor_day));
  gsize span = (gsize) (di->last - lo + 1);
  g_autofree guint *hist = g_new0 (guint, nt * span);
  g_autofree guint *bucket = g_new0 (guint, (gsize) nt * n);
  g_autofree int *delta = g_new0 (int, (gsize) nt * n);
  g_autofree guint *running = g_new0 (guint, nt);

  a->waiting = g_new0 (guint, (gsize) n * nt);
  a->waiting_median = g_new (double, (gsize) n * nt);
  for (gsize c = 0; c < (gsize) n * nt; c++)
    a->waiting_median[c] = NAN;

  /* on a list after the series' start: leaving after its first period */
  for (guint k = rows->wait_start[MIN (offset + 1, np)]; k < rows->n_wait; k++)
    {
      const WaitRow *w = &rows->wait[k];
      guint type, from;
      gint32 day;

      if (!PATHWAYS_SELECTION_HAS (sel->services, w->j))
        continue;
      day = wait_row_get (rows, codes, w, &type);
      if (day > di->last)
        continue;
      /* joined before the series: on its list from its first period */
      from = day < di->first ? 0 : di->index[day - di->first];
      hist[type * span + (MAX (day, floor_day) - lo)]++;
      bucket[(gsize) type * n + from]++;
      delta[(gsize) from * nt + type]++;
    }

  for (guint p = 0; p < n; p++)
    {
      gint32 end = g_array_index (a->periods, PathwaysActivityPeriod, p).period.to;
      /* those leaving in period P (none leaves in the first: they were not counted) */
      guint k0 = p > 0 && offset + p < np ? rows->wait_start[offset + p] : 0;
      guint k1 = p > 0 && offset + p < np ? rows->wait_start[offset + p + 1] : 0;

      for (guint k = k0; k < k1; k++)
        {
          const WaitRow *w = &rows->wait[k];
          guint type, from;
          gint32 day;

          if (!PATHWAYS_SELECTION_HAS (sel->services, w->j))
            continue;
          day = wait_row_get (rows, codes, w, &type);
          from = day < di->first ? 0 : di->index[day - di->first];
          hist[type * span + (MAX (day, floor_day) - lo)]--;
          bucket[(gsize) type * n + from]--;
          delta[(gsize) p * nt + type]--;
        }
      for (guint t = 0; t < nt; t++)
        {
          guint cnt = running[t] += delta[(gsize) p * nt + t];
          const guint *h = hist + t * span, *bk = bucket + (gsize) t * n;
          gint32 d1, d2;

          a->waiting[(gsize) p * nt + t] = cnt;
          if (cnt == 0)
            continue;
          /* type 7 median: the middle value, or the mean of the two middle ones */
          d1 = kth_day (h, bk, a, lo, p, (cnt + 1) / 2);
          d2 = kth_day (h, bk, a, lo, p, cnt / 2 + 1);
          a->waiting_median[(gsize) p * nt + t] = end - (d1 + d2) / 2.0;
        }
    }
}

/* ---- targets ---- */

static gboolean
is_therapy (const char *type)
{
  g_autofree char *folded = g_utf8_casefold (type, -1);
  return strstr (folded, "therapy") != NULL;
}

/* Whether a wait from START to END (valid days, END ≥ START) meets T */
static inline gboolean
within (const PathwaysTarget *t,
        gint32                start,
        gint32                end)
{
  if (t->unit == PATHWAYS_TARGET_WORKING_DAYS)
    return pathways_working_days_between (start, end) <= t->within;
  return end - start <= t->within;
}

/* Adds a case's wait to COUNT: counted against the target when not (yet) reached */
static inline void
count_wait (PathwaysTargetCount  *count,
            const PathwaysTarget *t,
            gint32                start,
            gint32                end)
{
  if (end == PATHWAYS_DAY_NONE)
    {
      count->base++;
      return;
    }
  if (!PATHWAYS_DAY_IS_VALID (end) || end < start)
    return;
  count->base++;
  count->numerator += within (t, start, end);
}

/* Over SEL's services; with PERIODS (N of them), over ALL's services whose case is in
 * ALL and referred in periods[k], into counts[k] (the cohorts of those periods) */
static void
count_therapy (PathwaysTargetCount     *count,
               const PathwaysTarget    *t,
               PathwaysDataset         *ds,
               const PathwaysSelection *sel,
               const PathwaysPeriod    *periods,
               guint                    n)
{
  PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  PathwaysColumn *start = ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
  PathwaysColumn *svc_ref = ds->columns[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  guint n_types = pathways_dictionary_get_size (types->dict);
  g_autofree gboolean *therapy = g_new0 (gboolean, n_types);

  for (guint c = 1; c < n_types; c++)
    therapy[c] = is_therapy (pathways_dictionary_get (types->dict, c));
  for (guint j = 0; j < ds->n_services; j++)
    {
      guint i = ds->service_case[j];
      gint32 day;

      if (!PATHWAYS_SELECTION_HAS (sel->services, j) || !therapy[types->codes[j]])
        continue;
      if (periods != NULL && !PATHWAYS_SELECTION_HAS (sel->cases, i))
        continue;
      day = svc_ref != NULL && PATHWAYS_DAY_IS_VALID (svc_ref->days[j])
            ? svc_ref->days[j] : ref->days[i];
      if (!PATHWAYS_DAY_IS_VALID (day))
        continue;
      if (periods == NULL)
        {
          count_wait (count, t, day, start->days[j]);
          continue;
        }
      for (guint k = 0; k < n; k++)
        if (PATHWAYS_DAY_IS_VALID (ref->days[i]) && ref->days[i] >= periods[k].from &&
            ref->days[i] <= periods[k].to)
          count_wait (&count[k], t, day, start->days[j]);
    }
}

/* Whether the dataset maps what target T needs */
static gboolean
target_present (PathwaysDataset       *ds,
                PathwaysMeasuresCache *cache,
                const PathwaysTarget  *t)
{
  if (ds->columns[PATHWAYS_FIELD_REFERRAL_DATE] == NULL)
    return FALSE;
  switch (t->measure)
    {
    case PATHWAYS_TARGET_CONTACT: return ds->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE] != NULL;
    case PATHWAYS_TARGET_ASSESSMENT: return ds->columns[PATHWAYS_FIELD_ASSESSMENT_DATE] != NULL;
    case PATHWAYS_TARGET_SERVICE_START: return cache->first_start != NULL;
    case PATHWAYS_TARGET_THERAPY_START:
      return ds->has_services && ds->columns[PATHWAYS_FIELD_SERVICE_TYPE] != NULL &&
             ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE] != NULL;
    case PATHWAYS_TARGET_PLANNED_CLOSURE: return ds->columns[PATHWAYS_FIELD_CLOSURE_REASON] != NULL;
    default: return FALSE;
    }
}

/* The day a waiting target's wait ends per case; NULL for planned closure */
static const gint32 *
target_end (const PathwaysTarget  *t,
            PathwaysDataset       *ds,
            PathwaysMeasuresCache *cache)
{
  if (t->measure == PATHWAYS_TARGET_CONTACT)
    return ds->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE]->days;
  if (t->measure == PATHWAYS_TARGET_ASSESSMENT)
    return ds->columns[PATHWAYS_FIELD_ASSESSMENT_DATE]->days;
  if (t->measure == PATHWAYS_TARGET_SERVICE_START)
    return cache->first_start;
  return NULL;
}

/* Adds case I (referred on REF) to COUNT */
static inline void
count_case (PathwaysTargetCount  *count,
            const PathwaysTarget *t,
            const gint32         *end,
            gint32                ref,
            guint8                info,
            guint                 i)
{
  if (end == NULL)
    {
      count->base += (info & INFO_CLOSED) != 0;
      count->numerator += (info & INFO_CLOSED) && (info & INFO_PLANNED);
    }
  else if (PATHWAYS_DAY_IS_VALID (ref))
    count_wait (count, t, ref, end[i]);
}

static void
count_target (PathwaysTargetCount     *count,
              const PathwaysTarget    *t,
              PathwaysDataset         *ds,
              PathwaysMeasuresCache   *cache,
              const PathwaysSelection *sel)
{
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  const gint32 *end = target_end (t, ds, cache);

  count->defined = TRUE;
  if (t->measure == PATHWAYS_TARGET_THERAPY_START)
    {
      count_therapy (count, t, ds, sel, NULL, 0);
      return;
    }
  for (guint w = 0; w < (sel->n_cases + 63) / 64; w++)
    {
      guint64 bits = sel->cases[w];
      while (bits != 0)
        {
          guint i = w * 64 + __builtin_ctzll (bits);

          bits &= bits - 1;
          count_case (count, t, end, ref->days[i], cache->case_info[i], i);
        }
    }
}

/* Adds case I, referred on day D, to the by-case targets' counts of the period before
 * and a year before (PERIODS) it lies in */
static inline void
count_cohorts (PathwaysTargetResult  *results,
               const guint           *by_case,
               const gint32 * const  *ends,
               guint                  n_by_case,
               PathwaysMeasuresCache *cache,
               const PathwaysPeriod   periods[2],
               guint                  i,
               gint32                 d)
{
  gboolean in_previous, in_year_before;

  if (!PATHWAYS_DAY_IS_VALID (d))
    return;
  in_previous = d >= periods[0].from && d <= periods[0].to;
  in_year_before = d >= periods[1].from && d <= periods[1].to;
  for (guint m = 0; m < n_by_case && (in_previous || in_year_before); m++)
    {
      PathwaysTargetResult *r = &results[by_case[m]];

      if (in_previous)
        count_case (&r->previous, &r->target, ends[m], d, cache->case_info[i], i);
      if (in_year_before)
        count_case (&r->year_before, &r->target, ends[m], d, cache->case_info[i], i);
    }
}

/* The targets' counts for the period before and a year before (PERIODS), over the
 * filters without their period (ALL): what pathways_filter_apply () gives for the
 * filters with either period's range (its range only keeps the cases referred in it,
 * and a service goes with its case), counted for every target at once over the cases
 * referred in either period (through the cases by referral day) that ALL holds,
 * instead of a selection and a pass per period and target. */
static void
count_related (PathwaysTargetResult    *results,
               guint                    n_results,
               PathwaysDataset         *ds,
               PathwaysMeasuresCache   *cache,
               const PathwaysSelection *all,
               const PathwaysPeriod     periods[2])
{
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  const struct _PathwaysActivityRows *index = NULL;
  const gint32 *ends[PATHWAYS_MAX_TARGETS] = { NULL };
  guint by_case[PATHWAYS_MAX_TARGETS], n_by_case = 0;
  gint32 first, last;

  for (guint k = 0; k < n_results; k++)
    {
      PathwaysTargetResult *r = &results[k];

      if (!r->present)
        continue;
      r->previous.defined = r->year_before.defined = TRUE;
      r->previous.period = periods[0];
      r->year_before.period = periods[1];
      if (r->target.measure == PATHWAYS_TARGET_THERAPY_START)
        {
          PathwaysTargetCount counts[2] = { r->previous, r->year_before };

          count_therapy (counts, &r->target, ds, all, periods, 2);
          r->previous = counts[0];
          r->year_before = counts[1];
          continue;
        }
      ends[n_by_case] = target_end (&r->target, ds, cache);
      by_case[n_by_case++] = k;
    }
  if (n_by_case == 0)
    return;
  index = cases_by_day (ds, cache);
  if (index == NULL)
    {
      for (guint w = 0; w < (all->n_cases + 63) / 64; w++)
        {
          guint64 bits = all->cases[w];
          while (bits != 0)
            {
              guint i = w * 64 + __builtin_ctzll (bits);

              bits &= bits - 1;
              count_cohorts (results, by_case, ends, n_by_case, cache, periods, i, ref->days[i]);
            }
        }
      return;
    }
  /* the cases referred in either period, through the index by day */
  first = MAX (MIN (periods[0].from, periods[1].from), index->day_first);
  last = MIN (MAX (periods[0].to, periods[1].to), index->day_first + (gint32) index->n_days - 1);
  for (gint32 d = first; d <= last; d++)
    {
      const guint *start = index->day_start + (d - index->day_first);

      if ((d < periods[0].from || d > periods[0].to) && (d < periods[1].from || d > periods[1].to))
        continue;
      for (guint k = start[0]; k < start[1]; k++)
        if (PATHWAYS_SELECTION_HAS (all->cases, index->by_day[k]))
          count_cohorts (results, by_case, ends, n_by_case, cache, periods, index->by_day[k], d);
    }
}

static void
compute_targets (PathwaysActivity              *a,
                 PathwaysDataset               *ds,
                 PathwaysMeasuresCache         *cache,
                 const PathwaysFilter          *filter,
                 const PathwaysSelection       *sel,
                 const PathwaysSelection       *all,
                 const PathwaysMeasuresOptions *options)
{
  PathwaysPeriod now, related[2];
  gboolean has_period = all != NULL && pathways_activity_filter_period (filter, &now);

  a->targets = g_array_new (FALSE, TRUE, sizeof (PathwaysTargetResult));
  if (has_period)
    related_periods (&now, &related[0], &related[1]);
  for (guint k = 0; k < MIN (options->n_targets, PATHWAYS_MAX_TARGETS); k++)
    {
      PathwaysTargetResult r = { 0 };

      r.target = options->targets[k];
      r.present = target_present (ds, cache, &r.target);
      if (r.present)
        {
          count_target (&r.now, &r.target, ds, cache, sel);
          if (has_period)
            r.now.period = now;
        }
      g_array_append_val (a->targets, r);
    }
  /* the cohorts of the period before and a year before, in one pass for every target */
  if (has_period)
    count_related ((PathwaysTargetResult *) a->targets->data, a->targets->len, ds, cache, all, related);
}

/* ---- breakdowns ---- */

static void
compute_breakdowns (PathwaysActivity              *a,
                    PathwaysDataset               *ds,
                    PathwaysMeasuresCache         *cache,
                    const PathwaysSelection       *sel,
                    const PathwaysMeasuresOptions *options)
{
  PathwaysColumn *split = NULL, *xr = NULL, *xc = NULL;

  a->split_field = -1;
  if (options->breakdowns && options->split_field >= 0 && options->split_field < PATHWAYS_N_FIELDS)
    split = ds->columns[options->split_field];
  if (split != NULL && split->codes != NULL && split->kind == PATHWAYS_KIND_CATEGORY &&
      options->split_field < PATHWAYS_FIELD_FIRST_SERVICE)
    {
      a->split_field = options->split_field;
      a->split_n = pathways_dictionary_get_size (split->dict);
      a->split_closed = g_new0 (guint, a->split_n);
      a->split_planned = g_new0 (guint, a->split_n);
    }
  else
    split = NULL;
  if (options->crosstab && options->crosstab_rows < PATHWAYS_FIELD_FIRST_SERVICE &&
      options->crosstab_cols < PATHWAYS_FIELD_FIRST_SERVICE)
    {
      xr = ds->columns[options->crosstab_rows];
      xc = ds->columns[options->crosstab_cols];
      if (xr == NULL || xc == NULL || xr->codes == NULL || xc->codes == NULL ||
          xr->kind != PATHWAYS_KIND_CATEGORY || xc->kind != PATHWAYS_KIND_CATEGORY)
        xr = xc = NULL;
    }
  if (xr != NULL)
    {
      a->has_crosstab = TRUE;
      a->xt_n_rows = pathways_dictionary_get_size (xr->dict);
      a->xt_n_cols = pathways_dictionary_get_size (xc->dict);
      a->xt_counts = g_new0 (guint, (gsize) a->xt_n_rows * a->xt_n_cols);
    }
  if (split == NULL && xr == NULL)
    return;
  for (guint i = 0; i < ds->n_cases; i++)
    {
      guint8 info;

      if (!PATHWAYS_SELECTION_HAS (sel->cases, i))
        continue;
      info = cache->case_info[i];
      if (split != NULL && (info & INFO_CLOSED))
        {
          a->split_closed[split->codes[i]]++;
          a->split_planned[split->codes[i]] += (info & INFO_PLANNED) != 0;
        }
      if (xr != NULL)
        a->xt_counts[(gsize) xr->codes[i] * a->xt_n_cols + xc->codes[i]]++;
    }
}

/* ---- everything ---- */

static void
compute_series (PathwaysActivity              *a,
                PathwaysDataset               *ds,
                PathwaysMeasuresCache         *cache,
                const PathwaysFilter          *filter,
                const PathwaysSelection       *sel,
                const PathwaysMeasuresOptions *options)
{
  DayIndex di = { 0 };
  struct _PathwaysActivityRows *rows;
  gint32 first = cache->first_referral, series_first = first;
  guint offset = 0;
  gint32 last = PATHWAYS_DAY_IS_VALID (ds->snapshot_day) ? ds->snapshot_day : cache->last_referral;
  PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];

  if (ds->columns[PATHWAYS_FIELD_REFERRAL_DATE] == NULL || !PATHWAYS_DAY_IS_VALID (first))
    return;
  if (PATHWAYS_DAY_IS_VALID (pathways_filter_get_to (filter)))
    last = pathways_filter_get_to (filter);
  if (!PATHWAYS_DAY_IS_VALID (last) || last < first)
    last = MAX (first, cache->last_referral);
  a->has_activity = TRUE;
  a->unit = options->activity_unit;
  if (a->unit != PATHWAYS_PERIOD_MONTH && a->unit != PATHWAYS_PERIOD_FQUARTER &&
      a->unit != PATHWAYS_PERIOD_FYEAR)
    a->unit = pathways_activity_default_unit (first, last);
  /* at most ten years, the latest */
  {
    PathwaysPeriod end, start;
    int max = a->unit == PATHWAYS_PERIOD_MONTH ? 120 : a->unit == PATHWAYS_PERIOD_FQUARTER ? 40 : 10;

    if (pathways_period_containing (&end, a->unit, last) && pathways_period_shift (&end, 1 - max, &start) &&
        start.from > first)
      series_first = start.from;
  }
  build_periods (a, &di, series_first, last);
  if (a->periods->len == 0)
    return;

  a->has_returners = ds->columns[PATHWAYS_FIELD_NEW_OR_RETURNING] != NULL ||
                     ds->columns[PATHWAYS_FIELD_PERSON_ID] != NULL;
  a->has_closures = ds->columns[PATHWAYS_FIELD_CLOSURE_DATE] != NULL;
  rows = activity_rows (ds, cache, a->unit);
  if (rows == NULL)
    {
      g_array_set_size (a->periods, 0);
      g_free (di.index);
      return;
    }
  /* the series' first period in the rows' count, from the dataset's first */
  if (series_first > first)
    {
      g_autoptr(GArray) before = pathways_period_list (a->unit, first, series_first - 1);
      offset = before->len;
    }
  count_cases (a, rows, offset, sel);
  a->has_waiting_list = ds->has_services && types != NULL &&
                        ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE] != NULL;
  if (a->has_waiting_list)
    {
      a->n_types = pathways_dictionary_get_size (types->dict);
      count_waiting_list (a, &di, rows, offset, types->codes, sel);
    }
  g_free (di.index);
}

PathwaysActivity *
pathways_activity_compute (PathwaysDataset               *dataset,
                           PathwaysMeasuresCache         *cache,
                           const PathwaysFilter          *filter,
                           const PathwaysSelection       *selection,
                           const PathwaysMeasuresOptions *options)
{
  PathwaysActivity *a;
  g_autoptr(PathwaysSelection) own = NULL;
  const PathwaysSelection *all = NULL;
  PathwaysPeriod whole;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (selection != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  a = g_new0 (PathwaysActivity, 1);
  a->split_field = -1;
  /* the filters without their period: the series' cases, and where the targets'
   * periods before and a year before are taken from */
  if (options->activity || (options->n_targets > 0 && pathways_activity_filter_period (filter, &whole)))
    {
      if (pathways_filter_get_from (filter) != PATHWAYS_DAY_NONE ||
          pathways_filter_get_to (filter) != PATHWAYS_DAY_NONE)
        {
          g_autoptr(PathwaysFilter) f = pathways_filter_copy (filter);

          pathways_filter_set_range (f, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
          all = own = pathways_filter_apply (f, dataset);
        }
      else
        all = selection;
    }
  if (options->activity)
    compute_series (a, dataset, cache, filter, all, options);
  compute_targets (a, dataset, cache, filter, selection, all, options);
  compute_breakdowns (a, dataset, cache, selection, options);
  return a;
}
