/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-measures"

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>

#include "pathways-measures.h"

/* ---- names ---- */

static const struct { const char *id; const char *label; } stage_names[] = {
  { "referred", N_("Referred") },
  { "contacted", N_("Contacted") },
  { "assessed", N_("Assessed") },
  { "service_allocated", N_("Service allocated") },
  { "service_started", N_("Service started") },
  { "planned_closure", N_("Planned closure") },
};

const char *
pathways_stage_get_id (PathwaysStage stage)
{
  g_return_val_if_fail (stage < PATHWAYS_N_STAGES, NULL);
  return stage_names[stage].id;
}

const char *
pathways_stage_get_label (PathwaysStage stage)
{
  g_return_val_if_fail (stage < PATHWAYS_N_STAGES, NULL);
  return _(stage_names[stage].label);
}

static const char *mix_labels[] = {
  N_("Therapy only"), N_("Advocacy only"), N_("Therapy and advocacy"),
  N_("Other services"), N_("No service"),
};

const char *
pathways_service_mix_get_label (PathwaysServiceMix mix)
{
  g_return_val_if_fail (mix < PATHWAYS_N_MIXES, NULL);
  return _(mix_labels[mix]);
}

static const struct { const char *id; const char *label; } wait_names[] = {
  { "referral_to_contact", N_("Referral to first contact") },
  { "referral_to_assessment", N_("Referral to assessment") },
  { "referral_to_service_start", N_("Referral to first service start") },
  { "service_wait", N_("Service waiting time") },
  { "time_in_service", N_("Referral to case closure") },
};

const char *
pathways_wait_measure_get_id (PathwaysWaitMeasure measure)
{
  g_return_val_if_fail (measure < PATHWAYS_N_WAITS, NULL);
  return wait_names[measure].id;
}

const char *
pathways_wait_measure_get_label (PathwaysWaitMeasure measure)
{
  g_return_val_if_fail (measure < PATHWAYS_N_WAITS, NULL);
  return _(wait_names[measure].label);
}

void
pathways_bands_init_default (PathwaysBands *bands)
{
  static const gint32 upper[] = { 7, 28, 56, 100, 182, 365, G_MAXINT32 };

  g_return_if_fail (bands != NULL);
  memset (bands, 0, sizeof *bands);
  bands->n_bands = G_N_ELEMENTS (upper);
  memcpy (bands->upper, upper, sizeof upper);
}

char *
pathways_bands_get_label (const PathwaysBands *bands,
                          guint                index)
{
  gint32 lo;

  g_return_val_if_fail (bands != NULL && index < bands->n_bands, NULL);

  lo = index == 0 ? 0 : bands->upper[index - 1] + 1;
  if (bands->upper[index] == G_MAXINT32)
    return g_strdup_printf (_("over %d"), lo - 1);
  return g_strdup_printf ("%d–%d", lo, bands->upper[index]);
}

void
pathways_measures_options_init (PathwaysMeasuresOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->population = PATHWAYS_POPULATION_CLOSED;
  options->split_field = -1;
  options->trend_unit = PATHWAYS_TREND_MONTH;
  pathways_bands_init_default (&options->bands);
  options->target_days[PATHWAYS_WAIT_REFERRAL_TO_CONTACT] = 28;
  options->target_days[PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT] = 28;
  options->target_days[PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START] = 100;
  options->target_days[PATHWAYS_WAIT_SERVICE] = 100;
  options->target_days[PATHWAYS_WAIT_TIME_IN_SERVICE] = 365;
}

/* ---- statistics ---- */

void
pathways_wilson_interval (guint   successes,
                          guint   trials,
                          double *low,
                          double *high)
{
  const double z = 1.959964;
  double n, p, z2, denom, centre, half;

  g_return_if_fail (low != NULL && high != NULL);

  if (trials == 0 || successes > trials)
    {
      *low = *high = NAN;
      return;
    }
  n = trials;
  p = successes / n;
  z2 = z * z;
  denom = 1.0 + z2 / n;
  centre = (p + z2 / (2.0 * n)) / denom;
  half = z * sqrt (p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom;
  *low = 100.0 * MAX (0.0, centre - half);
  *high = 100.0 * MIN (1.0, centre + half);
}

double
pathways_percentile_sorted (const guint32 *values,
                            guint          n,
                            double         p)
{
  double h;
  guint lo;

  if (n == 0)
    return NAN;
  h = (n - 1) * p / 100.0;
  lo = (guint) floor (h);
  if (lo + 1 >= n)
    return values[n - 1];
  return values[lo] + (h - lo) * ((double) values[lo + 1] - (double) values[lo]);
}

/* Value of rank K (0-based) from a histogram over [0, size). */
static guint32
hist_rank (const guint32 *hist,
           guint32        size,
           guint64        k)
{
  guint64 cum = 0;

  for (guint32 v = 0; v < size; v++)
    {
      cum += hist[v];
      if (cum > k)
        return v;
    }
  return size - 1;
}

static double
hist_percentile (const guint32 *hist,
                 guint32        size,
                 guint          n,
                 double         p)
{
  double h = (n - 1) * p / 100.0;
  guint64 lo = (guint64) floor (h);
  guint32 a = hist_rank (hist, size, lo);
  guint32 b = lo + 1 < n ? hist_rank (hist, size, lo + 1) : a;

  return a + (h - lo) * ((double) b - (double) a);
}

static int
cmp_u32 (const void *a,
         const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

static guint
band_of (const PathwaysBands *bands,
         guint32              d)
{
  guint b = 0;
  while (b + 1 < bands->n_bands && (gint64) d > bands->upper[b])
    b++;
  return b;
}

void
pathways_duration_stats_compute (PathwaysDurationStats *stats,
                                 guint32               *values,
                                 guint                  n,
                                 const PathwaysBands   *bands,
                                 gint32                 target_days)
{
  guint64 sum = 0;
  guint32 lo = G_MAXUINT32, hi = 0;

  g_return_if_fail (stats != NULL && bands != NULL);

  stats->n = n;
  stats->target_days = target_days;
  stats->within_target = 0;
  memset (stats->band_counts, 0, sizeof stats->band_counts);
  if (n == 0)
    {
      stats->mean = stats->median = stats->p90 = NAN;
      stats->min = stats->max = 0;
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      guint32 v = values[i];
      sum += v;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  stats->mean = (double) sum / n;
  stats->min = lo;
  stats->max = hi;

  if ((guint64) hi < 4 * (guint64) n + 4096)
    {
      /* day counts are small integers: a counting array gives exact percentiles */
      guint32 size = hi + 1;
      g_autofree guint32 *hist = g_new0 (guint32, size);
      guint b = 0;
      guint64 limit;

      for (guint i = 0; i < n; i++)
        hist[values[i]]++;
      stats->median = hist_percentile (hist, size, n, 50.0);
      stats->p90 = hist_percentile (hist, size, n, 90.0);
      limit = bands->upper[0];
      for (guint32 v = 0; v < size; v++)
        {
          while (b + 1 < bands->n_bands && (gint64) v > (gint64) limit)
            limit = bands->upper[++b];
          stats->band_counts[b] += hist[v];
          if ((gint64) v <= target_days)
            stats->within_target += hist[v];
        }
    }
  else
    {
      qsort (values, n, sizeof (guint32), cmp_u32);
      stats->median = pathways_percentile_sorted (values, n, 50.0);
      stats->p90 = pathways_percentile_sorted (values, n, 90.0);
      for (guint i = 0; i < n; i++)
        {
          stats->band_counts[band_of (bands, values[i])]++;
          if ((gint64) values[i] <= target_days)
            stats->within_target++;
        }
    }
}

/* Median by selection, reordering VALUES. */
static double
median_select (guint32 *v,
               guint    n)
{
  guint k, lo = 0, hi, next;

  if (n == 0)
    return NAN;
  k = (n - 1) / 2;
  hi = n - 1;
  while (lo < hi)
    {
      guint32 pivot = v[lo + (hi - lo) / 2];
      guint i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              guint32 t = v[i];
              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  if (n % 2 == 1)
    return v[k];
  next = G_MAXUINT32;
  for (guint i = k + 1; i < n; i++)
    next = MIN (next, v[i]);
  return v[k] + 0.5 * ((double) next - (double) v[k]);
}

/* ---- cache ---- */

enum {
  INFO_CLOSED = 1 << 0,
  INFO_PLANNED = 1 << 1,
  INFO_HAS_SERVICE = 1 << 2,
  INFO_HAS_START = 1 << 3,
  INFO_RETURNING = 1 << 4,   /* derived from person_id */
  INFO_MIX_SHIFT = 5,        /* 3 bits */
};

#define N_TREND_UNITS 3
#define MAX_PERIOD_DAYS 73050   /* 200 years */

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
} Arena;

static gpointer
arena_alloc (Arena    *a,
             gsize     bytes,
             gboolean  zero)
{
  gpointer p;

  bytes = (MAX (bytes, 1) + 15) & ~(gsize) 15;
  a->wanted += bytes;
  if (a->used + bytes <= a->size)
    {
      p = a->mem + a->used;
      a->used += bytes;
    }
  else
    {
      p = g_malloc (bytes);
      a->extra = g_slist_prepend (a->extra, p);
    }
  if (zero)
    memset (p, 0, bytes);
  return p;
}

static void
arena_reset (Arena *a)
{
  g_slist_free_full (g_steal_pointer (&a->extra), g_free);
  if (a->wanted > a->size)
    {
      g_free (a->mem);
      a->size = a->wanted + a->wanted / 4;
      a->mem = g_malloc (a->size);
    }
  a->used = a->wanted = 0;
}

static void
arena_clear (Arena *a)
{
  g_slist_free_full (g_steal_pointer (&a->extra), g_free);
  g_clear_pointer (&a->mem, g_free);
  a->size = a->used = a->wanted = 0;
}

#define ARENA_NEW(a, type, n)  ((type *) arena_alloc ((a), sizeof (type) * (gsize) (n), FALSE))
#define ARENA_NEW0(a, type, n) ((type *) arena_alloc ((a), sizeof (type) * (gsize) (n), TRUE))

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
  /* day → period */
  gint32   day_lo, day_hi;
  guint16 *period[N_TREND_UNITS];
  GArray  *period_start[N_TREND_UNITS];   /* gint32 */
  /* per row, filter-independent: funnel level, durations (see DUR_*), trend periods,
   * missing-value bitsets per column */
  guint8  *level;
  gint32  *case_dur[4];
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
  /* one-pass duration tables (see ensure_codes), for the trend unit CODE_UNIT: per
   * row a cell number in a table of period x day counts, followed by a cell for
   * the rows outside the measure, one for negative durations and the still-waiting
   * days; the services' tables one after the other, per type */
  int      code_unit;             /* -1: not built */
  guint32 *case_code[4];
  guint    case_code_w[4];        /* days per period row */
  guint    case_code_s[4];        /* still-waiting day cells */
  gsize    case_code_cells[4];
  guint32 *svc_code;              /* per service (dataset order) */
  gsize   *svc_code_base;         /* per type: its table's first cell; svc_n_types + 1 */
  guint   *svc_code_w;
  guint   *svc_code_s;
  guint32 *svc_close_code;        /* per service: type x reason cell, or the spare cell */
  /* the last computation over every case and service, with its options */
  PathwaysMeasures        *full;
  PathwaysMeasuresOptions  full_options;
  Arena    arenas[MAX_TASKS];
  /* scratch, reused between computations */
  guint32 *scratch_d;
  guint16 *scratch_p;
  gsize    scratch_len;
};

static guint8 *
class_table (PathwaysDataset *dataset,
             PathwaysColumn  *column,
             guint           *n_out)
{
  guint n = column != NULL ? pathways_dictionary_get_size (column->dict) : 1;
  guint8 *table = g_new (guint8, MAX (n, 1));

  table[0] = PATHWAYS_CLOSURE_NOT_RECORDED;
  for (guint c = 1; c < n; c++)
    table[c] = pathways_mapping_get_closure_class (dataset->mapping,
                                                   pathways_dictionary_get (column->dict, c));
  *n_out = n;
  return table;
}

static guint8
type_kind (const char *value)
{
  g_autofree char *folded = pathways_fold (value);
  guint8 kind = 0;

  if (strstr (folded, "therapy") != NULL || strstr (folded, "counselling") != NULL)
    kind |= 1;
  if (strstr (folded, "advocacy") != NULL || strstr (folded, "isva") != NULL)
    kind |= 2;
  return kind;
}

static void
build_periods (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;
  PathwaysField fields[] = { PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_FIELD_SERVICE_REFERRAL_DATE };
  gint32 lo = G_MAXINT32, hi = G_MININT32;
  int y, m, d, y0, fy0;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      PathwaysColumn *c = ds->columns[fields[f]];
      if (c == NULL)
        continue;
      for (guint i = 0; i < c->n_rows; i++)
        if (PATHWAYS_DAY_IS_VALID (c->days[i]) && c->days[i] > 0)
          {
            lo = MIN (lo, c->days[i]);
            hi = MAX (hi, c->days[i]);
          }
    }
  for (guint u = 0; u < N_TREND_UNITS; u++)
    cache->period_start[u] = g_array_new (FALSE, FALSE, sizeof (gint32));
  if (lo > hi)
    {
      cache->day_lo = 1;
      cache->day_hi = 0;
      return;
    }
  if (hi - lo > MAX_PERIOD_DAYS)
    lo = hi - MAX_PERIOD_DAYS;
  cache->day_lo = lo;
  cache->day_hi = hi;
  for (guint u = 0; u < N_TREND_UNITS; u++)
    cache->period[u] = g_new (guint16, hi - lo + 1);

  pathways_day_to_ymd (lo, &y0, &m, &d);
  fy0 = m >= 4 ? y0 : y0 - 1;
  y = y0;
  /* walk month by month */
  for (int mm = m;; )
    {
      gint32 start = pathways_day_from_ymd (y, mm, 1);
      gint32 end = start + g_date_get_days_in_month (mm, y) - 1;
      int fy = mm >= 4 ? y : y - 1;
      guint idx[N_TREND_UNITS];
      gint32 pstart[N_TREND_UNITS];

      idx[PATHWAYS_TREND_MONTH] = (y - y0) * 12 + (mm - m);
      idx[PATHWAYS_TREND_QUARTER] = (y - y0) * 4 + (mm - 1) / 3 - (m - 1) / 3;
      idx[PATHWAYS_TREND_FINANCIAL_YEAR] = fy - fy0;
      pstart[PATHWAYS_TREND_MONTH] = start;
      pstart[PATHWAYS_TREND_QUARTER] = pathways_day_from_ymd (y, (mm - 1) / 3 * 3 + 1, 1);
      pstart[PATHWAYS_TREND_FINANCIAL_YEAR] = pathways_day_from_ymd (fy, 4, 1);
      for (guint u = 0; u < N_TREND_UNITS; u++)
        {
          if (cache->period_start[u]->len <= idx[u])
            g_array_append_val (cache->period_start[u], pstart[u]);
          for (gint32 day = MAX (start, lo); day <= MIN (end, hi); day++)
            cache->period[u][day - lo] = idx[u];
        }
      if (end >= hi)
        break;
      if (++mm > 12)
        {
          mm = 1;
          y++;
        }
    }
}

#define MULTI_BITSET_MAX_VALUES 128

static inline guint
popcount64 (guint64 x)
{
  /* SWAR: the build does not assume a popcnt instruction */
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
  return (guint) ((x * 0x0101010101010101ULL) >> 56);
}

/* Durations, encoded in one gint32 per row: ≥ 0 a duration in days; DUR_NONE not part
 * of the measure; DUR_NEGATIVE the end before the start; ≤ DUR_STILL_BASE still
 * waiting for DUR_STILL_BASE - value days at the snapshot. */
#define DUR_NONE (-1)
#define DUR_NEGATIVE (-2)
#define DUR_STILL_BASE (-3)

static inline gint32
encode_duration (gint32   start,
                 gint32   end,
                 gboolean open,
                 gint32   snapshot)
{
  if (!PATHWAYS_DAY_IS_VALID (start))
    return DUR_NONE;
  if (PATHWAYS_DAY_IS_VALID (end))
    return end < start ? DUR_NEGATIVE : end - start;
  if (end == PATHWAYS_DAY_NONE && open && PATHWAYS_DAY_IS_VALID (snapshot) && snapshot >= start)
    return DUR_STILL_BASE - (snapshot - start);
  return DUR_NONE;
}

static gint32 service_start_day (PathwaysDataset *ds, guint j);
static void build_persons (PathwaysMeasuresCache *cache);
static inline guint16 period_of (const PathwaysMeasuresCache *cache, const guint16 *table, gint32 day);

static guint64 *
missing_bits (PathwaysColumn *c)
{
  guint64 *bits = g_new0 (guint64, c->n_rows / 64 + 1);

  for (guint i = 0; i < c->n_rows; i++)
    {
      gboolean miss;

      switch (c->kind)
        {
        case PATHWAYS_KIND_DATE: miss = !PATHWAYS_DAY_IS_VALID (c->days[i]); break;
        case PATHWAYS_KIND_INTEGER: miss = c->ints[i] == PATHWAYS_INT_NONE; break;
        case PATHWAYS_KIND_CATEGORY: miss = c->codes[i] == PATHWAYS_CODE_NOT_RECORDED; break;
        case PATHWAYS_KIND_KEY: miss = c->keys[i] == 0; break;
        case PATHWAYS_KIND_MULTI: miss = c->multi_state[i] == PATHWAYS_MULTI_NOT_RECORDED; break;
        default: miss = FALSE; break;
        }
      bits[i >> 6] |= (guint64) miss << (i & 63);
    }
  return bits;
}

/* The services grouped by type (a stable counting sort), with their waits */
static void
build_svc_type_order (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;
  PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  guint nt = types != NULL ? pathways_dictionary_get_size (types->dict) : 1;
  guint ns = ds->n_services;
  g_autofree guint *fill = g_new (guint, MAX (nt, 1));

  cache->svc_n_types = nt;
  cache->svc_type_start = g_new0 (guint, nt + 1);
  cache->svc_by_type = g_new (guint32, MAX (ns, 1));
  cache->svc_dur_by_type = g_new (gint32, MAX (ns, 1));
  for (guint j = 0; j < ns; j++)
    cache->svc_type_start[(types != NULL ? types->codes[j] : 0) + 1]++;
  for (guint t = 0; t < nt; t++)
    cache->svc_type_start[t + 1] += cache->svc_type_start[t];
  memcpy (fill, cache->svc_type_start, sizeof (guint) * nt);
  for (guint j = 0; j < ns; j++)
    {
      guint at = fill[types != NULL ? types->codes[j] : 0]++;
      cache->svc_by_type[at] = j;
      cache->svc_dur_by_type[at] = cache->svc_dur[j];
    }
}

static void
build_row_tables (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  PathwaysColumn *contact = ds->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE];
  PathwaysColumn *assess = ds->columns[PATHWAYS_FIELD_ASSESSMENT_DATE];
  PathwaysColumn *closure = ds->columns[PATHWAYS_FIELD_CLOSURE_DATE];
  PathwaysColumn *reasons = ds->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  PathwaysColumn *svc_start = ds->has_services ? ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE] : NULL;
  PathwaysColumn *svc_ref = ds->has_services ? ds->columns[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE] : NULL;
  PathwaysColumn *svc_end = ds->has_services ? ds->columns[PATHWAYS_FIELD_SERVICE_END_DATE] : NULL;
  PathwaysColumn *svc_reasons = ds->has_services ? ds->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON] : NULL;
  PathwaysColumn *ends[4] = { contact, assess, NULL, closure };
  PathwaysColumn *person = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  gint32 snapshot = ds->snapshot_day;
  guint n = ds->n_cases;

  cache->level = g_new (guint8, MAX (n, 1));
  cache->words = n / 64 + 1;
  cache->closed_bits = g_new0 (guint64, cache->words);
  cache->planned_bits = g_new0 (guint64, cache->words);
  cache->level_bits = g_new0 (guint64, cache->words * PATHWAYS_N_STAGES);
  cache->mix_bits = g_new0 (guint64, cache->words * 8);
  cache->returning_bits = g_new0 (guint64, cache->words);
  cache->known_bits = g_new0 (guint64, cache->words);
  for (guint k = 0; k < 4; k++)
    if (ref != NULL && (ends[k] != NULL || (k == 2 && cache->first_start != NULL)))
      cache->case_dur[k] = g_new (gint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint8 info = cache->case_info[i];
      gboolean open = !(info & INFO_CLOSED);
      guint8 level = 0;

      /* funnel: the highest stage with evidence implies the earlier ones */
      if (contact != NULL && contact->days[i] != PATHWAYS_DAY_NONE)
        level = PATHWAYS_STAGE_CONTACTED;
      if (assess != NULL && assess->days[i] != PATHWAYS_DAY_NONE)
        level = PATHWAYS_STAGE_ASSESSED;
      if (info & INFO_HAS_SERVICE)
        level = PATHWAYS_STAGE_SERVICE_ALLOCATED;
      if ((info & INFO_HAS_START) && svc_start != NULL)
        level = PATHWAYS_STAGE_SERVICE_STARTED;
      if ((info & INFO_PLANNED) && reasons != NULL)
        level = PATHWAYS_STAGE_PLANNED_CLOSURE;
      cache->level[i] = level;
      {
        guint64 bit = (guint64) 1 << (i & 63);
        gsize w = i >> 6;

        if (info & INFO_CLOSED)
          cache->closed_bits[w] |= bit;
        if (info & INFO_PLANNED)
          cache->planned_bits[w] |= bit;
        cache->level_bits[level * cache->words + w] |= bit;
        cache->mix_bits[(info >> INFO_MIX_SHIFT) * cache->words + w] |= bit;
        if (info & INFO_RETURNING)
          cache->returning_bits[w] |= bit;
        if (person != NULL && person->keys[i] != 0)
          cache->known_bits[w] |= bit;
      }

      for (guint k = 0; k < 4; k++)
        {
          gint32 e;
          gboolean waiting = open;

          if (cache->case_dur[k] == NULL)
            continue;
          if (k == 2)
            {
              e = cache->first_start[i];
              waiting = open && !(info & INFO_HAS_START);
            }
          else
            e = ends[k]->days[i];
          cache->case_dur[k][i] = encode_duration (ref->days[i], e, waiting, snapshot);
        }
    }

  for (guint k = 0; k < 4; k++)
    if (cache->case_dur[k] != NULL)
      for (guint i = 0; i < n; i++)
        cache->max_duration = MAX (cache->max_duration, cache->case_dur[k][i]);

  if (ds->has_services)
    {
      PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
      guint nt = types != NULL ? pathways_dictionary_get_size (types->dict) : 1;

      cache->svc_closed = g_new0 (guint8, MAX (ds->n_services, 1));
      for (guint j = 0; j < ds->n_services; j++)
        cache->svc_closed[j] = (svc_end != NULL && svc_end->days[j] != PATHWAYS_DAY_NONE) ||
                               (svc_reasons != NULL && svc_reasons->codes[j] != 0);
      /* the service closure table's cell of each service; open ones go to a spare cell */
      if (svc_reasons != NULL && (guint64) nt * cache->n_svc_reasons <= 16 * 1024 * 1024)
        {
          guint32 spare = nt * cache->n_svc_reasons;

          cache->svc_close_code = g_new (guint32, MAX (ds->n_services, 1));
          for (guint j = 0; j < ds->n_services; j++)
            cache->svc_close_code[j] = cache->svc_closed[j]
                                       ? (types != NULL ? types->codes[j] : 0u) * cache->n_svc_reasons + svc_reasons->codes[j]
                                       : spare;
        }
      if (svc_start != NULL && (svc_ref != NULL || ref != NULL))
        {
          cache->svc_dur = g_new (gint32, MAX (ds->n_services, 1));
          for (guint j = 0; j < ds->n_services; j++)
            {
              cache->svc_dur[j] = encode_duration (service_start_day (ds, j), svc_start->days[j],
                                                   !cache->svc_closed[j], snapshot);
              cache->max_duration = MAX (cache->max_duration, cache->svc_dur[j]);
            }
          build_svc_type_order (cache);
        }
    }

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *c = ds->columns[f];
      if (c == NULL || f == PATHWAYS_FIELD_DATE_OF_BIRTH ||
          (pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES && !ds->has_services))
        continue;
      cache->missing[f] = missing_bits (c);
    }

  for (guint f = 0; f < 3; f++)
    {
      static const PathwaysField fields[] = { PATHWAYS_FIELD_RISKS, PATHWAYS_FIELD_ISSUES, PATHWAYS_FIELD_IMPACTS };
      PathwaysColumn *c = ds->columns[fields[f]];
      gsize words = n / 64 + 1;
      guint n_values;

      if (c == NULL)
        continue;
      n_values = pathways_dictionary_get_size (c->dict);
      if (n_values > MULTI_BITSET_MAX_VALUES)
        continue;
      cache->multi_value_bits[f] = g_new0 (guint64, words * n_values);
      cache->multi_class_bits[f] = g_new0 (guint64, words * 4);
      for (guint i = 0; i < n; i++)
        {
          guint32 len = c->multi_offsets[i + 1] - c->multi_offsets[i];
          guint cls = c->multi_state[i] == PATHWAYS_MULTI_NOT_RECORDED ? 3 : MIN (len, 2);
          guint64 bit = (guint64) 1 << (i & 63);

          cache->multi_class_bits[f][cls * words + (i >> 6)] |= bit;
          for (guint32 k = c->multi_offsets[i]; k < c->multi_offsets[i + 1]; k++)
            cache->multi_value_bits[f][c->multi_codes[k] * words + (i >> 6)] |= bit;
        }
    }
}

/* The day a service's wait starts: its own referral date, else its case's */
static gint32
service_start_day (PathwaysDataset *ds,
                   guint            j)
{
  PathwaysColumn *svc_ref = ds->columns[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  gint32 s = svc_ref != NULL ? svc_ref->days[j] : PATHWAYS_DAY_NONE;

  if (s == PATHWAYS_DAY_NONE && ref != NULL)
    s = ref->days[ds->service_case[j]];
  return s;
}

#define CODE_BITSET_MAX_VALUES 128

/* Per-code bitsets of a case category field, made on first use; FALSE when the field
 * is not mapped or has too many values for them to pay */
static gboolean
ensure_code_bits (PathwaysMeasuresCache *cache,
                  PathwaysField          field)
{
  PathwaysColumn *c = cache->dataset->columns[field];
  guint n_values;

  if (c == NULL || c->codes == NULL || pathways_field_get_table (field) != PATHWAYS_TABLE_CASES)
    return FALSE;
  if (cache->code_bits[field] != NULL)
    return TRUE;
  n_values = pathways_dictionary_get_size (c->dict);
  if (n_values > CODE_BITSET_MAX_VALUES)
    return FALSE;
  cache->code_bits[field] = g_new0 (guint64, cache->words * n_values);
  for (guint i = 0; i < cache->dataset->n_cases; i++)
    cache->code_bits[field][c->codes[i] * cache->words + (i >> 6)] |= (guint64) 1 << (i & 63);
  return TRUE;
}

/* Set bits of A & B (B NULL: of A) over N_WORDS words. The build does not assume a
 * popcnt instruction (SWAR); where the processor has one, a second copy of the loop
 * compiled for it is chosen once at run time (x86: 3 to 4 times faster). */
static guint
and_count_swar (const guint64 *a,
                const guint64 *b,
                guint          n_words)
{
  guint n = 0;

  if (b == NULL)
    for (guint w = 0; w < n_words; w++)
      n += popcount64 (a[w]);
  else
    for (guint w = 0; w < n_words; w++)
      n += popcount64 (a[w] & b[w]);
  return n;
}

#if (defined (__x86_64__) || defined (__i386__)) && defined (__GNUC__)
__attribute__ ((target ("popcnt")))
static guint
and_count_popcnt (const guint64 *a,
                  const guint64 *b,
                  guint          n_words)
{
  guint n = 0;

  if (b == NULL)
    for (guint w = 0; w < n_words; w++)
      n += (guint) __builtin_popcountll (a[w]);
  else
    for (guint w = 0; w < n_words; w++)
      n += (guint) __builtin_popcountll (a[w] & b[w]);
  return n;
}
#endif

typedef guint (*AndCountFunc) (const guint64 *a, const guint64 *b, guint n_words);

static AndCountFunc
and_count_func (void)
{
  static gsize func = 0;

  if (g_once_init_enter (&func))
    {
      AndCountFunc f = and_count_swar;

#if (defined (__x86_64__) || defined (__i386__)) && defined (__GNUC__)
      __builtin_cpu_init ();
      if (__builtin_cpu_supports ("popcnt"))
        f = and_count_popcnt;
#endif
      g_once_init_leave (&func, (gsize) f);
    }
  return (AndCountFunc) func;
}

static inline guint
and_count (const guint64 *a,
           const guint64 *b,
           guint          n_words)
{
  return and_count_func () (a, b, n_words);
}

/* Trend periods per row for UNIT, made on first use */
static void
ensure_periods (PathwaysMeasuresCache *cache,
                PathwaysTrendUnit      unit)
{
  PathwaysDataset *ds = cache->dataset;
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  const guint16 *table = cache->period[unit];

  if (cache->case_period[unit] == NULL)
    {
      cache->case_period[unit] = g_new (guint16, MAX (ds->n_cases, 1));
      for (guint i = 0; i < ds->n_cases; i++)
        {
          gint32 d = ref != NULL ? ref->days[i] : PATHWAYS_DAY_NONE;
          cache->case_period[unit][i] = PATHWAYS_DAY_IS_VALID (d) ? period_of (cache, table, d) : G_MAXUINT16;
        }
    }
  if (cache->svc_period[unit] == NULL && cache->svc_dur != NULL)
    {
      cache->svc_period[unit] = g_new (guint16, MAX (ds->n_services, 1));
      for (guint j = 0; j < ds->n_services; j++)
        {
          gint32 d = service_start_day (ds, j);
          cache->svc_period[unit][j] = PATHWAYS_DAY_IS_VALID (d) ? period_of (cache, table, d) : G_MAXUINT16;
        }
    }
  if (cache->svc_period_by_type[unit] == NULL && cache->svc_by_type != NULL)
    {
      cache->svc_period_by_type[unit] = g_new (guint16, MAX (ds->n_services, 1));
      for (guint k = 0; k < ds->n_services; k++)
        cache->svc_period_by_type[unit][k] = cache->svc_period[unit][cache->svc_by_type[k]];
    }
}

/* The one-pass tables are used while they stay small: at most this many cells per
 * measure (16 MB), and (per computation) at most 8 per selected record plus 65,536 */
#define CODE_CELLS_MAX (1 << 22)

static inline guint32
duration_code (gint32  v,
               guint16 period,
               guint   n_periods,
               guint   w)
{
  gsize rows = (gsize) (n_periods + 1) * w;

  if (v >= 0)
    return (guint32) ((gsize) MIN (period, n_periods) * w + (guint32) v);
  if (v == DUR_NONE)
    return (guint32) rows;
  if (v == DUR_NEGATIVE)
    return (guint32) rows + 1;
  return (guint32) rows + 2 + (guint32) (DUR_STILL_BASE - v);
}

/* Cells of one measure's table: FALSE when it would be too large. W and S come from
 * the longest duration and the longest still-waiting time of ROWS */
static gboolean
code_layout (const gint32 *dur,
             const guint32 *rows,
             guint          n,
             guint          n_periods,
             guint         *w,
             guint         *s,
             gsize         *cells)
{
  gint32 max = 0, max_still = 0;

  for (guint k = 0; k < n; k++)
    {
      gint32 v = dur[rows != NULL ? rows[k] : k];

      max = MAX (max, v);
      if (v <= DUR_STILL_BASE)
        max_still = MAX (max_still, DUR_STILL_BASE - v);
    }
  *w = (guint) max + 1;
  *s = (guint) max_still + 1;
  *cells = (gsize) (n_periods + 1) * *w + 2 + *s;
  return *cells <= CODE_CELLS_MAX;
}

/* Cell numbers per row for UNIT (the unit's periods must exist: ensure_periods) */
static void
ensure_codes (PathwaysMeasuresCache *cache,
              PathwaysTrendUnit      unit)
{
  PathwaysDataset *ds = cache->dataset;
  guint n_periods = cache->period_start[unit]->len;

  if (cache->code_unit == (int) unit)
    return;
  for (guint k = 0; k < 4; k++)
    g_clear_pointer (&cache->case_code[k], g_free);
  g_clear_pointer (&cache->svc_code, g_free);
  cache->code_unit = unit;

  for (guint k = 0; k < 4; k++)
    {
      const gint32 *dur = cache->case_dur[k];
      const guint16 *per = cache->case_period[unit];
      guint32 *code;
      guint w;

      if (dur == NULL || per == NULL ||
          !code_layout (dur, NULL, ds->n_cases, n_periods, &w, &cache->case_code_s[k],
                        &cache->case_code_cells[k]))
        continue;
      cache->case_code_w[k] = w;
      code = cache->case_code[k] = g_new (guint32, MAX (ds->n_cases, 1));
      for (guint i = 0; i < ds->n_cases; i++)
        code[i] = duration_code (dur[i], per[i], n_periods, w);
    }

  if (cache->svc_by_type != NULL && cache->svc_period[unit] != NULL)
    {
      PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
      guint nt = cache->svc_n_types;
      const guint16 *per = cache->svc_period[unit];

      if (cache->svc_code_base == NULL)
        {
          cache->svc_code_base = g_new (gsize, nt + 1);
          cache->svc_code_w = g_new (guint, MAX (nt, 1));
          cache->svc_code_s = g_new (guint, MAX (nt, 1));
        }
      cache->svc_code_base[0] = 0;
      for (guint t = 0; t < nt; t++)
        {
          guint first = cache->svc_type_start[t];
          gsize cells;

          /* the type-ordered copy of the waits gives each type's longest */
          code_layout (cache->svc_dur_by_type + first, NULL, cache->svc_type_start[t + 1] - first,
                       n_periods, &cache->svc_code_w[t], &cache->svc_code_s[t], &cells);
          cache->svc_code_base[t + 1] = cache->svc_code_base[t] + cells;
        }
      if (cache->svc_code_base[nt] <= CODE_CELLS_MAX)
        {
          cache->svc_code = g_new (guint32, MAX (ds->n_services, 1));
          for (guint j = 0; j < ds->n_services; j++)
            {
              guint t = types != NULL ? types->codes[j] : 0;

              cache->svc_code[j] = (guint32) cache->svc_code_base[t] +
                                   duration_code (cache->svc_dur[j], per[j], n_periods, cache->svc_code_w[t]);
            }
        }
    }
}

PathwaysMeasuresCache *
pathways_measures_cache_new (PathwaysDataset *dataset)
{
  PathwaysMeasuresCache *cache;
  PathwaysColumn *reasons, *svc_reasons, *types, *starts, *nor, *person, *ref;
  g_autofree guint8 *type_kinds = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);

  cache = g_new0 (PathwaysMeasuresCache, 1);
  cache->dataset = pathways_dataset_ref (dataset);
  reasons = dataset->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  svc_reasons = dataset->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON];
  types = dataset->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  starts = dataset->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
  nor = dataset->columns[PATHWAYS_FIELD_NEW_OR_RETURNING];
  person = dataset->columns[PATHWAYS_FIELD_PERSON_ID];
  ref = dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE];

  /* one mapping call per dictionary code, never per row */
  cache->case_reason_class = class_table (dataset, reasons, &cache->n_case_reasons);
  cache->svc_reason_class = class_table (dataset, svc_reasons, &cache->n_svc_reasons);

  if (nor != NULL)
    {
      guint n = pathways_dictionary_get_size (nor->dict);
      cache->nor_class = g_new (guint8, n);
      cache->nor_class[0] = 2;
      for (guint c = 1; c < n; c++)
        {
          g_autofree char *f = pathways_fold (pathways_dictionary_get (nor->dict, c));
          if (g_str_has_prefix (f, "new") || g_str_has_prefix (f, "first"))
            cache->nor_class[c] = 0;
          else if (g_str_has_prefix (f, "return") || g_str_has_prefix (f, "repeat") ||
                   g_str_has_prefix (f, "re referral") || g_str_has_prefix (f, "rereferral"))
            cache->nor_class[c] = 1;
          else
            cache->nor_class[c] = 2;
        }
    }

  cache->mix_present = dataset->has_services && types != NULL;
  if (types != NULL)
    {
      guint n = pathways_dictionary_get_size (types->dict);
      type_kinds = g_new0 (guint8, n);
      for (guint c = 1; c < n; c++)
        type_kinds[c] = type_kind (pathways_dictionary_get (types->dict, c));
    }

  cache->case_info = g_new0 (guint8, MAX (dataset->n_cases, 1));
  cache->case_class = g_new (guint8, MAX (dataset->n_cases, 1));
  if (dataset->has_services && starts != NULL)
    cache->first_start = g_new (gint32, MAX (dataset->n_cases, 1));

  for (guint i = 0; i < dataset->n_cases; i++)
    {
      guint8 info = 0, klass = PATHWAYS_CLOSURE_NOT_RECORDED;
      guint32 s0 = dataset->case_service_start[i], s1 = dataset->case_service_start[i + 1];
      guint8 kinds = 0;
      gboolean other = FALSE;
      gint32 first = PATHWAYS_DAY_NONE;
      guint mix;

      if (pathways_dataset_case_is_closed (dataset, i))
        {
          info |= INFO_CLOSED;
          if (reasons != NULL)
            klass = cache->case_reason_class[reasons->codes[i]];
          if (klass == PATHWAYS_CLOSURE_PLANNED)
            info |= INFO_PLANNED;
        }
      cache->case_class[i] = klass;
      if (dataset->has_services && s1 > s0)
        info |= INFO_HAS_SERVICE;
      for (guint32 j = s0; j < s1; j++)
        {
          if (starts != NULL && starts->days[j] != PATHWAYS_DAY_NONE)
            {
              info |= INFO_HAS_START;
              if (PATHWAYS_DAY_IS_VALID (starts->days[j]) &&
                  (first == PATHWAYS_DAY_NONE || starts->days[j] < first))
                first = starts->days[j];
            }
          if (type_kinds != NULL)
            {
              guint8 k = type_kinds[types->codes[j]];
              kinds |= k;
              if (k == 0)
                other = TRUE;
            }
        }
      if (cache->first_start != NULL)
        cache->first_start[i] = first;
      if (s1 == s0)
        mix = PATHWAYS_MIX_NO_SERVICE;
      else if (kinds == 3)
        mix = PATHWAYS_MIX_THERAPY_AND_ADVOCACY;
      else if (kinds == 1 && !other)
        mix = PATHWAYS_MIX_THERAPY_ONLY;
      else if (kinds == 2 && !other)
        mix = PATHWAYS_MIX_ADVOCACY_ONLY;
      else if (kinds == 1)
        mix = PATHWAYS_MIX_THERAPY_ONLY;   /* therapy plus e.g. groups: still therapy only */
      else if (kinds == 2)
        mix = PATHWAYS_MIX_ADVOCACY_ONLY;
      else
        mix = PATHWAYS_MIX_OTHER;
      info |= mix << INFO_MIX_SHIFT;
      cache->case_info[i] = info;
    }

  /* returners derived from person_id: a person's first case in the data is new */
  if (nor == NULL && person != NULL && ref != NULL)
    {
      guint n_keys = person->key_strings->len;
      g_autofree guint32 *first_case = g_new (guint32, MAX (n_keys, 1));

      for (guint k = 0; k < n_keys; k++)
        first_case[k] = G_MAXUINT32;
      for (guint i = 0; i < dataset->n_cases; i++)
        {
          guint32 key = person->keys[i];
          guint32 f;
          gint32 d, fd;

          if (key == 0)
            continue;
          f = first_case[key];
          if (f == G_MAXUINT32)
            {
              first_case[key] = i;
              continue;
            }
          d = PATHWAYS_DAY_IS_VALID (ref->days[i]) ? ref->days[i] : G_MAXINT32;
          fd = PATHWAYS_DAY_IS_VALID (ref->days[f]) ? ref->days[f] : G_MAXINT32;
          if (d < fd)
            first_case[key] = i;
        }
      for (guint i = 0; i < dataset->n_cases; i++)
        {
          guint32 key = person->keys[i];
          if (key != 0 && first_case[key] != i)
            cache->case_info[i] |= INFO_RETURNING;
        }
    }

  for (guint i = 0; i < dataset->n_cases; i++)
    cache->n_closed_all += cache->case_info[i] & INFO_CLOSED;
  if (person != NULL)
    {
      g_autofree guint64 *seen = g_new0 (guint64, person->key_strings->len / 64 + 1);
      for (guint i = 0; i < dataset->n_cases; i++)
        seen[person->keys[i] >> 6] |= (guint64) 1 << (person->keys[i] & 63);
      seen[0] &= ~(guint64) 1;   /* key 0: missing */
      for (guint w = 0; w <= person->key_strings->len / 64; w++)
        cache->n_persons_all += (guint) __builtin_popcountll (seen[w]);
    }
  pathways_dataset_get_referral_range (dataset, &cache->first_referral, &cache->last_referral);

  build_periods (cache);
  build_row_tables (cache);
  build_persons (cache);
  /* the first report (monthly trend, the default) finds everything ready */
  cache->code_unit = -1;
  ensure_periods (cache, PATHWAYS_TREND_MONTH);
  ensure_codes (cache, PATHWAYS_TREND_MONTH);
  {
    static const PathwaysField counted[] = {
      PATHWAYS_FIELD_CLOSURE_REASON, PATHWAYS_FIELD_TIME_BEFORE_SUPPORT, PATHWAYS_FIELD_NEW_OR_RETURNING,
      PATHWAYS_FIELD_REFERRAL_SOURCE, PATHWAYS_FIELD_PRIMARY_INCIDENT, PATHWAYS_FIELD_AGE_BAND,
      PATHWAYS_FIELD_GENDER,
    };

    for (guint f = 0; f < G_N_ELEMENTS (counted); f++)
      ensure_code_bits (cache, counted[f]);
  }
  g_debug ("cache: %u months, longest duration %d days", cache->period_start[PATHWAYS_TREND_MONTH]->len,
           cache->max_duration);
  return cache;
}

void
pathways_measures_cache_get_totals (PathwaysMeasuresCache *cache,
                                    guint                 *n_closed,
                                    guint                 *n_persons,
                                    gint32                *first_referral,
                                    gint32                *last_referral)
{
  g_return_if_fail (cache != NULL);
  if (n_closed != NULL)
    *n_closed = cache->n_closed_all;
  if (n_persons != NULL)
    *n_persons = cache->n_persons_all;
  if (first_referral != NULL)
    *first_referral = cache->first_referral;
  if (last_referral != NULL)
    *last_referral = cache->last_referral;
}

void
pathways_measures_cache_free (PathwaysMeasuresCache *cache)
{
  if (cache == NULL)
    return;
  g_free (cache->case_info);
  g_free (cache->case_class);
  g_free (cache->first_start);
  g_free (cache->case_reason_class);
  g_free (cache->svc_reason_class);
  g_free (cache->nor_class);
  for (guint u = 0; u < N_TREND_UNITS; u++)
    {
      g_free (cache->period[u]);
      g_clear_pointer (&cache->period_start[u], g_array_unref);
    }
  g_free (cache->scratch_d);
  g_free (cache->scratch_p);
  for (guint t = 0; t < MAX_TASKS; t++)
    arena_clear (&cache->arenas[t]);
  g_free (cache->level);
  for (guint k = 0; k < 4; k++)
    g_free (cache->case_dur[k]);
  g_free (cache->svc_dur);
  g_free (cache->svc_closed);
  for (guint u = 0; u < N_TREND_UNITS; u++)
    {
      g_free (cache->case_period[u]);
      g_free (cache->svc_period[u]);
      g_free (cache->svc_period_by_type[u]);
    }
  for (guint k = 0; k < 4; k++)
    g_free (cache->case_code[k]);
  g_free (cache->svc_code);
  g_free (cache->svc_code_base);
  g_free (cache->svc_code_w);
  g_free (cache->svc_code_s);
  g_free (cache->svc_close_code);
  pathways_measures_free (cache->full);
  g_free (cache->svc_type_start);
  g_free (cache->svc_by_type);
  g_free (cache->svc_dur_by_type);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_free (cache->missing[f]);
  g_free (cache->closed_bits);
  g_free (cache->planned_bits);
  g_free (cache->level_bits);
  g_free (cache->mix_bits);
  g_free (cache->returning_bits);
  g_free (cache->known_bits);
  g_free (cache->sole_bits);
  g_free (cache->sole_band_bits);
  g_free (cache->person_band_bits);
  g_free (cache->multi_cases);
  g_free (cache->multi_bands);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_free (cache->code_bits[f]);
  for (guint f = 0; f < 3; f++)
    {
      g_free (cache->multi_value_bits[f]);
      g_free (cache->multi_class_bits[f]);
    }
  pathways_dataset_unref (cache->dataset);
  g_free (cache);
}

/* ---- computing ---- */

/* Records of one duration measure, in scratch memory */
typedef struct {
  guint32 *d;
  guint16 *p;
  guint    n;
} Recs;

static void
duration_stats_clear (PathwaysDurationStats *s)
{
  g_clear_pointer (&s->trend, g_array_unref);
}

void
pathways_measures_free (PathwaysMeasures *m)
{
  if (m == NULL)
    return;
  g_free (m->split_counts);
  g_free (m->closure_counts);
  g_free (m->svc_base);
  g_free (m->svc_counts);
  for (guint r = 0; r < PATHWAYS_N_RATE_GROUPINGS; r++)
    {
      g_free (m->rates[r].closed);
      g_free (m->rates[r].planned);
    }
  for (guint w = 0; w < PATHWAYS_N_WAITS; w++)
    duration_stats_clear (&m->waits[w]);
  for (guint t = 0; t < m->svc_wait_n_types; t++)
    duration_stats_clear (&m->svc_waits[t]);
  g_free (m->svc_waits);
  g_free (m->tbs_counts);
  g_free (m->age_cases);
  g_free (m->age_persons);
  if (m->multi != NULL)
    {
      for (guint i = 0; i < m->multi->len; i++)
        g_free (g_array_index (m->multi, PathwaysMultiResult, i).counts);
      g_array_unref (m->multi);
    }
  g_clear_pointer (&m->completeness, g_array_unref);
  g_free (m);
}

static gpointer
memdup_n (gconstpointer p,
          gsize         n,
          gsize         size)
{
  return p != NULL ? g_memdup2 (p, MAX (n, 1) * size) : NULL;
}

static void
duration_stats_copy (PathwaysDurationStats       *dst,
                     const PathwaysDurationStats *src)
{
  *dst = *src;
  if (src->trend != NULL)
    dst->trend = g_array_copy (src->trend);
}

PathwaysMeasures *
pathways_measures_copy (const PathwaysMeasures *m)
{
  PathwaysMeasures *c;

  g_return_val_if_fail (m != NULL, NULL);

  c = g_new (PathwaysMeasures, 1);
  *c = *m;
  c->split_counts = memdup_n (m->split_counts, (gsize) m->split_n_values * PATHWAYS_N_STAGES, sizeof (guint));
  c->closure_counts = memdup_n (m->closure_counts, m->closure_n_reasons, sizeof (guint));
  c->svc_base = memdup_n (m->svc_base, m->svc_n_types, sizeof (guint));
  c->svc_counts = memdup_n (m->svc_counts, (gsize) m->svc_n_types * m->svc_n_reasons, sizeof (guint));
  for (guint r = 0; r < PATHWAYS_N_RATE_GROUPINGS; r++)
    {
      c->rates[r].closed = memdup_n (m->rates[r].closed, m->rates[r].n_groups, sizeof (guint));
      c->rates[r].planned = memdup_n (m->rates[r].planned, m->rates[r].n_groups, sizeof (guint));
    }
  for (guint w = 0; w < PATHWAYS_N_WAITS; w++)
    duration_stats_copy (&c->waits[w], &m->waits[w]);
  if (m->svc_waits != NULL)
    {
      c->svc_waits = g_new (PathwaysDurationStats, MAX (m->svc_wait_n_types, 1));
      for (guint t = 0; t < m->svc_wait_n_types; t++)
        duration_stats_copy (&c->svc_waits[t], &m->svc_waits[t]);
    }
  c->tbs_counts = memdup_n (m->tbs_counts, m->tbs_n_values, sizeof (guint));
  c->age_cases = memdup_n (m->age_cases, m->age_n_bands, sizeof (guint));
  c->age_persons = memdup_n (m->age_persons, m->age_n_bands, sizeof (guint));
  if (m->multi != NULL)
    {
      c->multi = g_array_copy (m->multi);
      for (guint i = 0; i < c->multi->len; i++)
        {
          PathwaysMultiResult *r = &g_array_index (c->multi, PathwaysMultiResult, i);
          r->counts = memdup_n (r->counts, r->n_values, sizeof (guint));
        }
    }
  if (m->completeness != NULL)
    c->completeness = g_array_copy (m->completeness);
  return c;
}

static inline guint16
period_of (const PathwaysMeasuresCache *cache,
           const guint16               *table,
           gint32                       day)
{
  if (table == NULL || day < cache->day_lo || day > cache->day_hi)
    return G_MAXUINT16;
  return table[day - cache->day_lo];
}

/* Trend of one record set: median and n per period, exactly, in two passes over the
 * records with small tables: a coarse histogram per period over blocks of 64 days finds
 * the block holding each median rank, then a fine histogram of just those blocks gives
 * the values. */
#define TREND_BLOCK_SHIFT 6
#define TREND_BLOCK (1 << TREND_BLOCK_SHIFT)

static GArray *
compute_trend (const PathwaysMeasuresCache *cache,
               PathwaysTrendUnit            unit,
               const guint32               *d,
               const guint16               *p,
               guint                        n)
{
  GArray *starts = cache->period_start[unit];
  guint n_periods = starts->len;
  GArray *trend = g_array_new (FALSE, FALSE, sizeof (PathwaysTrendPoint));
  g_autofree guint *count = NULL;
  g_autofree guint *coarse = NULL;
  g_autofree guint *target = NULL;   /* per period: block of rank k1, block of rank k2 */
  g_autofree guint *below = NULL;    /* records of the period below each target block */
  g_autofree guint *fine = NULL;     /* per period: 2 × TREND_BLOCK */
  guint32 max = 0;
  guint n_blocks;

  if (n == 0 || n_periods == 0)
    return trend;
  for (guint i = 0; i < n; i++)
    max = MAX (max, d[i]);
  n_blocks = (max >> TREND_BLOCK_SHIFT) + 1;

  count = g_new0 (guint, n_periods);
  coarse = g_new0 (guint, (gsize) n_periods * n_blocks);
  for (guint i = 0; i < n; i++)
    if (p[i] < n_periods)
      {
        count[p[i]]++;
        coarse[(gsize) p[i] * n_blocks + (d[i] >> TREND_BLOCK_SHIFT)]++;
      }

  target = g_new (guint, 2 * n_periods);
  below = g_new0 (guint, 2 * n_periods);
  for (guint k = 0; k < n_periods; k++)
    {
      guint ranks[2] = { (count[k] - 1) / 2, count[k] / 2 };
      const guint *h = coarse + (gsize) k * n_blocks;

      target[2 * k] = target[2 * k + 1] = G_MAXUINT;
      if (count[k] == 0)
        continue;
      for (guint r = 0; r < 2; r++)
        {
          guint cum = 0, blk = 0;
          while (cum + h[blk] <= ranks[r])
            cum += h[blk++];
          target[2 * k + r] = blk;
          below[2 * k + r] = cum;
        }
    }

  fine = g_new0 (guint, (gsize) n_periods * 2 * TREND_BLOCK);
  for (guint i = 0; i < n; i++)
    {
      guint k = p[i];
      guint blk;

      if (k >= n_periods)
        continue;
      blk = d[i] >> TREND_BLOCK_SHIFT;
      if (blk == target[2 * k])
        fine[(gsize) k * 2 * TREND_BLOCK + (d[i] & (TREND_BLOCK - 1))]++;
      else if (blk == target[2 * k + 1])
        fine[(gsize) k * 2 * TREND_BLOCK + TREND_BLOCK + (d[i] & (TREND_BLOCK - 1))]++;
    }

  for (guint k = 0; k < n_periods; k++)
    {
      PathwaysTrendPoint pt;
      guint ranks[2] = { (count[k] - 1) / 2, count[k] / 2 };
      double v[2];

      if (count[k] == 0)
        continue;
      for (guint r = 0; r < 2; r++)
        {
          /* the second rank shares the first's histogram when in the same block */
          guint half = target[2 * k + r] == target[2 * k] ? 0 : 1;
          const guint *h = fine + (gsize) k * 2 * TREND_BLOCK + half * TREND_BLOCK;
          guint cum = below[2 * k + r], off = 0;

          while (cum + h[off] <= ranks[r])
            cum += h[off++];
          v[r] = (double) (target[2 * k + r] * TREND_BLOCK + off);
        }
      pt.period_start = g_array_index (starts, gint32, k);
      pt.n = count[k];
      pt.median = v[0] + 0.5 * (v[1] - v[0]);
      g_array_append_val (trend, pt);
    }
  return trend;
}

/* Statistics and trend of one record set in two passes: the first fills the overall
 * histogram, the sum and the coarse per-period histograms; the second the fine
 * histograms of the blocks holding each period's median ranks. Falls back to the
 * general functions when the day range is large next to the number of records. */
/* Records go to HIST_WAYS copies of the histogram in turn, so that runs of equal
 * values do not chain each increment on the one before; the copies are summed after. */
#define HIST_WAYS 4

static void
finish_stats (const PathwaysMeasuresCache   *cache,
              const PathwaysMeasuresOptions *options,
              PathwaysDurationStats         *stats,
              guint32                       *d,
              guint16                       *p,
              guint                          n,
              guint32                       *still,
              guint                          n_still,
              gint32                         target,
              Arena                         *arena)
{
  guint negative = stats->negative;
  PathwaysTrendUnit unit = options->trend_unit < N_TREND_UNITS ? options->trend_unit : PATHWAYS_TREND_MONTH;
  GArray *starts = cache->period_start[unit];
  guint n_periods = starts->len;
  guint32 size = (guint32) cache->max_duration + 1;
  guint n_blocks = (size >> TREND_BLOCK_SHIFT) + 1;
  const PathwaysBands *bands = &options->bands;

  if (n == 0 || (guint64) size > 8 * (guint64) n + 4096 ||
      (guint64) n_periods * n_blocks > 4 * (guint64) n + 65536)
    {
      stats->trend = compute_trend (cache, unit, d, p, n);
      pathways_duration_stats_compute (stats, d, n, bands, target);
    }
  else
    {
      /* row n_periods of the per-period tables takes the records without a period */
      guint32 *hist = ARENA_NEW0 (arena, guint32, (gsize) size * HIST_WAYS);
      guint *count = ARENA_NEW0 (arena, guint, n_periods + 1);
      guint *coarse = ARENA_NEW0 (arena, guint, (gsize) (n_periods + 1) * n_blocks);
      guint *target_blk = ARENA_NEW (arena, guint, 2 * (n_periods + 1));
      guint *below = ARENA_NEW0 (arena, guint, 2 * n_periods);
      guint *fine;
      guint64 sum = 0;
      guint b = 0;
      gint64 limit;
      gboolean seen_min = FALSE;

      for (guint i = 0; i < n; i++)
        {
          guint32 v = d[i];
          guint k = MIN (p[i], n_periods);

          hist[(gsize) (i & (HIST_WAYS - 1)) * size + v]++;
          sum += v;
          coarse[(gsize) k * n_blocks + (v >> TREND_BLOCK_SHIFT)]++;
        }
      for (guint w = 1; w < HIST_WAYS; w++)
        for (guint32 v = 0; v < size; v++)
          hist[v] += hist[(gsize) w * size + v];
      for (guint k = 0; k < n_periods; k++)
        for (guint blk = 0; blk < n_blocks; blk++)
          count[k] += coarse[(gsize) k * n_blocks + blk];

      stats->n = n;
      stats->target_days = target;
      stats->within_target = 0;
      memset (stats->band_counts, 0, sizeof stats->band_counts);
      stats->mean = (double) sum / n;
      stats->median = hist_percentile (hist, size, n, 50.0);
      stats->p90 = hist_percentile (hist, size, n, 90.0);
      limit = bands->upper[0];
      for (guint32 v = 0; v < size; v++)
        {
          if (hist[v] == 0)
            continue;
          if (!seen_min)
            {
              stats->min = v;
              seen_min = TRUE;
            }
          stats->max = v;
          while (b + 1 < bands->n_bands && (gint64) v > limit)
            limit = bands->upper[++b];
          stats->band_counts[b] += hist[v];
          if ((gint64) v <= target)
            stats->within_target += hist[v];
        }

      /* trend: the blocks holding ranks (c - 1) / 2 and c / 2 of each period */
      for (guint k = 0; k < n_periods; k++)
        {
          guint ranks[2] = { (count[k] - 1) / 2, count[k] / 2 };
          const guint *h = coarse + (gsize) k * n_blocks;

          target_blk[2 * k] = target_blk[2 * k + 1] = G_MAXUINT;
          if (count[k] == 0)
            continue;
          for (guint r = 0; r < 2; r++)
            {
              guint cum = 0, blk = 0;
              while (cum + h[blk] <= ranks[r])
                cum += h[blk++];
              target_blk[2 * k + r] = blk;
              below[2 * k + r] = cum;
            }
        }
      target_blk[2 * n_periods] = target_blk[2 * n_periods + 1] = G_MAXUINT;
      /* TREND_BLOCK more slots take the records outside both target blocks, in turn (one
       * slot would chain every increment on the one before): no branches */
      fine = ARENA_NEW0 (arena, guint, (gsize) (n_periods + 1) * 2 * TREND_BLOCK);
      for (guint i = 0; i < n; i++)
        {
          guint k = MIN (p[i], n_periods);
          guint blk = d[i] >> TREND_BLOCK_SHIFT;
          gsize at = (gsize) k * 2 * TREND_BLOCK + (d[i] & (TREND_BLOCK - 1));
          gsize m0 = -(gsize) (blk == target_blk[2 * k]);
          gsize m1 = -(gsize) (blk == target_blk[2 * k + 1]) & ~m0;
          gsize trash = (gsize) n_periods * 2 * TREND_BLOCK + (i & (TREND_BLOCK - 1));

          fine[(m0 & at) | (m1 & (at + TREND_BLOCK)) | (~(m0 | m1) & trash)]++;
        }
      stats->trend = g_array_new (FALSE, FALSE, sizeof (PathwaysTrendPoint));
      for (guint k = 0; k < n_periods; k++)
        {
          PathwaysTrendPoint pt;
          guint ranks[2] = { (count[k] - 1) / 2, count[k] / 2 };
          double v[2];

          if (count[k] == 0)
            continue;
          for (guint r = 0; r < 2; r++)
            {
              guint half = target_blk[2 * k + r] == target_blk[2 * k] ? 0 : 1;
              const guint *h = fine + (gsize) k * 2 * TREND_BLOCK + half * TREND_BLOCK;
              guint cum = below[2 * k + r], off = 0;

              while (cum + h[off] <= ranks[r])
                cum += h[off++];
              v[r] = (double) (target_blk[2 * k + r] * TREND_BLOCK + off);
            }
          pt.period_start = g_array_index (starts, gint32, k);
          pt.n = count[k];
          pt.median = v[0] + 0.5 * (v[1] - v[0]);
          g_array_append_val (stats->trend, pt);
        }
    }

  stats->negative = negative;
  stats->still_n = n_still;
  stats->still_max = 0;
  for (guint i = 0; i < n_still; i++)
    stats->still_max = MAX (stats->still_max, (gint32) still[i]);
  stats->still_median = median_select (still, n_still);
}

/* Value of rank K (0-based) in a histogram known to hold more than K records */
static guint
row_rank (const guint32 *row,
          guint64        k)
{
  guint64 cum = 0;
  guint v = 0;

  while (cum + row[v] <= k)
    cum += row[v++];
  return v;
}

/* Statistics and trend from a one-pass table (see ensure_codes): N_PERIODS + 1 rows of
 * W days (the last row: records without a period), the cell of records outside the
 * measure, the negative ones, then S still-waiting days. The figures are those of
 * finish_stats, to the bit: the same histograms, ranks and formulas. */
static void
stats_from_table (const PathwaysMeasuresCache   *cache,
                  const PathwaysMeasuresOptions *options,
                  PathwaysDurationStats         *stats,
                  const guint32                 *table,
                  guint                          w,
                  guint                          s,
                  gint32                         target,
                  Arena                         *arena)
{
  PathwaysTrendUnit unit = options->trend_unit < N_TREND_UNITS ? options->trend_unit : PATHWAYS_TREND_MONTH;
  GArray *starts = cache->period_start[unit];
  guint n_periods = starts->len;
  const PathwaysBands *bands = &options->bands;
  const guint32 *tail = table + (gsize) (n_periods + 1) * w;
  const guint32 *still = tail + 2;
  guint32 *hist = ARENA_NEW0 (arena, guint32, w);
  guint64 n = 0, sum = 0, n_still = 0;
  guint b = 0;
  gint64 limit;
  gboolean seen_min = FALSE;

  stats->trend = g_array_new (FALSE, FALSE, sizeof (PathwaysTrendPoint));
  for (guint k = 0; k <= n_periods; k++)
    {
      const guint32 *row = table + (gsize) k * w;
      guint count = 0;

      for (guint v = 0; v < w; v++)
        {
          count += row[v];
          hist[v] += row[v];
        }
      if (k < n_periods && count > 0)
        {
          PathwaysTrendPoint pt;
          double v0 = row_rank (row, (count - 1) / 2), v1 = row_rank (row, count / 2);

          pt.period_start = g_array_index (starts, gint32, k);
          pt.n = count;
          pt.median = v0 + 0.5 * (v1 - v0);
          g_array_append_val (stats->trend, pt);
        }
    }
  for (guint v = 0; v < w; v++)
    {
      n += hist[v];
      sum += (guint64) v * hist[v];
    }

  if (n == 0)
    pathways_duration_stats_compute (stats, NULL, 0, bands, target);
  else
    {
      stats->n = (guint) n;
      stats->target_days = target;
      stats->within_target = 0;
      memset (stats->band_counts, 0, sizeof stats->band_counts);
      stats->mean = (double) sum / (guint) n;
      stats->median = hist_percentile (hist, w, (guint) n, 50.0);
      stats->p90 = hist_percentile (hist, w, (guint) n, 90.0);
      limit = bands->upper[0];
      for (guint v = 0; v < w; v++)
        {
          if (hist[v] == 0)
            continue;
          if (!seen_min)
            {
              stats->min = v;
              seen_min = TRUE;
            }
          stats->max = v;
          while (b + 1 < bands->n_bands && (gint64) v > limit)
            limit = bands->upper[++b];
          stats->band_counts[b] += hist[v];
          if ((gint64) v <= target)
            stats->within_target += hist[v];
        }
    }

  stats->negative = tail[1];
  stats->still_max = 0;
  for (guint v = 0; v < s; v++)
    if (still[v] > 0)
      {
        n_still += still[v];
        stats->still_max = v;
      }
  stats->still_n = (guint) n_still;
  if (n_still == 0)
    stats->still_median = NAN;
  else
    {
      /* as median_select: the lower middle value, and halfway to the next when even */
      guint32 lo = row_rank (still, (n_still - 1) / 2);

      if (n_still % 2 == 1)
        stats->still_median = lo;
      else
        stats->still_median = lo + 0.5 * ((double) row_rank (still, (n_still - 1) / 2 + 1) - (double) lo);
    }
}

/* Counts the selected rows (bitset SEL over N_ROWS) into TABLE at their cells CODE: one
 * read and one increment per row, whole words of selected rows without bit tests */
static void
count_cells (guint32        *table,
             const guint32  *code,
             const guint64  *sel,
             guint           n_rows)
{
  for (guint wd = 0; wd < (n_rows + 63) / 64; wd++)
    {
      guint64 word = sel[wd];

      if (word == G_MAXUINT64 && (wd + 1) * 64 <= n_rows)
        {
          const guint32 *c = code + (gsize) wd * 64;

          for (guint i = 0; i < 64; i++)
            table[c[i]]++;
          continue;
        }
      while (word != 0)
        {
          guint i = wd * 64 + (guint) __builtin_ctzll (word);

          word &= word - 1;
          table[code[i]]++;
        }
    }
}

/* count_cells for two tables at once: one walk over the selection */
static void
count_cells2 (guint32        *table_a,
              const guint32  *code_a,
              guint32        *table_b,
              const guint32  *code_b,
              const guint64  *sel,
              guint           n_rows)
{
  for (guint wd = 0; wd < (n_rows + 63) / 64; wd++)
    {
      guint64 word = sel[wd];

      if (word == G_MAXUINT64 && (wd + 1) * 64 <= n_rows)
        {
          const guint32 *a = code_a + (gsize) wd * 64, *b = code_b + (gsize) wd * 64;

          for (guint i = 0; i < 64; i++)
            {
              table_a[a[i]]++;
              table_b[b[i]]++;
            }
          continue;
        }
      while (word != 0)
        {
          guint i = wd * 64 + (guint) __builtin_ctzll (word);

          word &= word - 1;
          table_a[code_a[i]]++;
          table_b[code_b[i]]++;
        }
    }
}

#define N_CASE_WAITS 4
static const PathwaysWaitMeasure case_waits[N_CASE_WAITS] = {
  PATHWAYS_WAIT_REFERRAL_TO_CONTACT, PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT,
  PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START, PATHWAYS_WAIT_TIME_IN_SERVICE,
};

static const PathwaysField rate_fields[] = {
  PATHWAYS_FIELD_REFERRAL_SOURCE, PATHWAYS_FIELD_PRIMARY_INCIDENT, PATHWAYS_FIELD_AGE_BAND,
  PATHWAYS_FIELD_GENDER, PATHWAYS_FIELD_NEW_OR_RETURNING,
};

static const PathwaysField multi_fields[] = {
  PATHWAYS_FIELD_RISKS, PATHWAYS_FIELD_ISSUES, PATHWAYS_FIELD_IMPACTS,
};

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
  Recs recs[N_CASE_WAITS], still[N_CASE_WAITS], svc_rec, svc_still;
} Ctx;

#define FOREACH_SELECTED(bits, n_rows, i)                                      \
  for (guint _w = 0; _w < ((n_rows) + 63) / 64; _w++)                          \
    for (guint64 _word = (bits)[_w]; _word != 0; _word &= _word - 1)           \
      for (guint i = _w * 64 + (guint) __builtin_ctzll (_word), _once = 1; _once; _once = 0)

/* Case-level counts by intersecting the selection with cached bitsets: funnel levels,
 * closure reasons, rates, time before support, returners. */
static void
case_counts_bits (Ctx   *x,
                  guint *level_hist,
                  Arena *arena)
{
  PathwaysMeasures *m = x->m;
  PathwaysDataset *ds = x->ds;
  const PathwaysMeasuresCache *cache = x->cache;
  guint n_words = (ds->n_cases + 63) / 64;
  gsize words = cache->words;
  const guint64 *sel = x->sel->cases;
  guint64 *selc = ARENA_NEW (arena, guint64, MAX (n_words, 1));
  guint64 *selcp = ARENA_NEW (arena, guint64, MAX (n_words, 1));
  const guint64 *pop;

  for (guint w = 0; w < n_words; w++)
    {
      selc[w] = sel[w] & cache->closed_bits[w];
      selcp[w] = selc[w] & cache->planned_bits[w];
    }
  pop = x->options->population == PATHWAYS_POPULATION_ALL ? sel : selc;
  m->n_closed += and_count (selc, NULL, n_words);

  for (guint l = 0; l < PATHWAYS_N_STAGES; l++)
    level_hist[l] = and_count (pop, cache->level_bits + l * words, n_words);

  if (x->split != NULL)
    {
      const guint64 *vbits = cache->code_bits[m->split_field];
      guint64 *tmp = ARENA_NEW (arena, guint64, MAX (n_words, 1));

      for (guint v = 0; v < m->split_n_values; v++)
        {
          guint any = 0;

          for (guint w = 0; w < n_words; w++)
            {
              tmp[w] = pop[w] & vbits[v * words + w];
              any |= tmp[w] != 0;
            }
          if (!any)
            continue;
          for (guint l = 0; l < PATHWAYS_N_STAGES; l++)
            m->split_counts[v * PATHWAYS_N_STAGES + l] = and_count (tmp, cache->level_bits + l * words, n_words);
        }
    }

  if (x->reasons != NULL)
    for (guint r = 0; r < m->closure_n_reasons; r++)
      m->closure_counts[r] = and_count (selc, cache->code_bits[PATHWAYS_FIELD_CLOSURE_REASON] + r * words, n_words);

  for (guint g = 0; g < PATHWAYS_N_RATE_GROUPINGS; g++)
    {
      PathwaysRateTable *t = &m->rates[g];
      const guint64 *bits;

      if (!t->present)
        continue;
      bits = g == PATHWAYS_RATE_BY_SERVICE_MIX ? cache->mix_bits : cache->code_bits[rate_fields[g]];
      for (guint v = 0; v < t->n_groups; v++)
        {
          t->closed[v] = and_count (selc, bits + v * words, n_words);
          t->planned[v] = t->closed[v] > 0 ? and_count (selcp, bits + v * words, n_words) : 0;
        }
    }

  if (x->tbs != NULL)
    for (guint v = 0; v < m->tbs_n_values; v++)
      m->tbs_counts[v] = and_count (sel, cache->code_bits[PATHWAYS_FIELD_TIME_BEFORE_SUPPORT] + v * words, n_words);

  if (x->nor != NULL)
    {
      guint n_values = pathways_dictionary_get_size (x->nor->dict);
      for (guint v = 0; v < n_values; v++)
        {
          guint c = and_count (sel, cache->code_bits[PATHWAYS_FIELD_NEW_OR_RETURNING] + v * words, n_words);
          guint8 klass = cache->nor_class[v];
          m->n_new += klass == 0 ? c : 0;
          m->n_returning += klass == 1 ? c : 0;
          m->n_returner_unknown += klass == 2 ? c : 0;
        }
    }
  else if (x->person != NULL)
    {
      guint known = and_count (sel, cache->known_bits, n_words);
      guint returning = and_count (sel, cache->returning_bits, n_words);
      m->n_returning = returning;
      m->n_new = known - returning;
      m->n_returner_unknown = x->sel->n_selected_cases - known;
    }
}

/* The same counts in one pass over the selected cases, for fields with many values */
static void
case_counts_loop (Ctx  *x,
                  guint *level_hist)
{
  PathwaysMeasures *m = x->m;
  PathwaysDataset *ds = x->ds;
  const PathwaysMeasuresCache *cache = x->cache;
  gboolean all_pop = x->options->population == PATHWAYS_POPULATION_ALL;
  const guint8 *level_of = cache->level;
  guint n_rates = 0;
  const guint16 *rate_codes[PATHWAYS_N_RATE_GROUPINGS];
  guint *rate_closed[PATHWAYS_N_RATE_GROUPINGS], *rate_planned[PATHWAYS_N_RATE_GROUPINGS];
  gboolean mix = FALSE;
  guint *mix_closed = NULL, *mix_planned = NULL;
  const guint8 *info_of = cache->case_info;
  const guint16 *split_codes = x->split != NULL ? x->split->codes : NULL;
  const guint16 *reason_codes = x->reasons != NULL ? x->reasons->codes : NULL;
  const guint16 *tbs_codes = x->tbs != NULL ? x->tbs->codes : NULL;

  for (guint g = 0; g < PATHWAYS_N_RATE_GROUPINGS; g++)
    {
      if (!m->rates[g].present)
        continue;
      if (g == PATHWAYS_RATE_BY_SERVICE_MIX)
        {
          mix = TRUE;
          mix_closed = m->rates[g].closed;
          mix_planned = m->rates[g].planned;
          continue;
        }
      rate_codes[n_rates] = ds->columns[rate_fields[g]]->codes;
      rate_closed[n_rates] = m->rates[g].closed;
      rate_planned[n_rates] = m->rates[g].planned;
      n_rates++;
    }

  FOREACH_SELECTED (x->sel->cases, ds->n_cases, i)
    {
      guint8 info = info_of[i];
      gboolean closed = (info & INFO_CLOSED) != 0;
      guint planned = (info & INFO_PLANNED) != 0;
      guint level = level_of[i];

      if (closed || all_pop)
        {
          level_hist[level]++;
          if (split_codes != NULL)
            m->split_counts[split_codes[i] * PATHWAYS_N_STAGES + level]++;
        }
      if (closed)
        {
          m->n_closed++;
          if (reason_codes != NULL)
            m->closure_counts[reason_codes[i]]++;
          for (guint g = 0; g < n_rates; g++)
            {
              guint16 code = rate_codes[g][i];
              rate_closed[g][code]++;
              rate_planned[g][code] += planned;
            }
          if (mix)
            {
              mix_closed[info >> INFO_MIX_SHIFT]++;
              mix_planned[info >> INFO_MIX_SHIFT] += planned;
            }
        }
      if (tbs_codes != NULL)
        m->tbs_counts[tbs_codes[i]]++;
      if (x->nor != NULL)
        {
          guint8 c = cache->nor_class[x->nor->codes[i]];
          m->n_new += c == 0;
          m->n_returning += c == 1;
          m->n_returner_unknown += c == 2;
        }
      else if (x->person != NULL)
        {
          gboolean known = x->person->keys[i] != 0;
          gboolean ret = (info & INFO_RETURNING) != 0;
          m->n_returner_unknown += !known;
          m->n_returning += known && ret;
          m->n_new += known && !ret;
        }
    }
}

static void
case_part (Ctx   *x,
           Arena *arena)
{
  PathwaysMeasures *m = x->m;
  guint level_hist[PATHWAYS_N_STAGES] = { 0, };
  guint cum = 0;

  if (x->count_by_bits)
    case_counts_bits (x, level_hist, arena);
  else
    case_counts_loop (x, level_hist);

  /* funnel counts: suffix sums of the level histogram */
  for (int st = PATHWAYS_N_STAGES - 1; st >= 0; st--)
    {
      cum += level_hist[st];
      m->stage_count[st] = m->stage_shown[st] ? cum : 0;
    }
  if (x->split != NULL)
    for (guint v = 0; v < m->split_n_values; v++)
      {
        guint *row = m->split_counts + v * PATHWAYS_N_STAGES;
        cum = 0;
        for (int st = PATHWAYS_N_STAGES - 1; st >= 0; st--)
          {
            cum += row[st];
            row[st] = m->stage_shown[st] ? cum : 0;
          }
      }
}

#define PERSON_FIRST 0x80000000u

/* Most people have one case: whether they are among the selected is a bit count. The
 * others' cases are kept in person order, so that their people are counted in one
 * pass over those cases, however the selection is spread (the bitset of people seen,
 * per age band too, cost a bit set per selected case and 9 bitsets to clear and count:
 * 30 ms at 10 M cases). */
static void
build_persons (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;
  PathwaysColumn *person = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  PathwaysColumn *age = ds->columns[PATHWAYS_FIELD_AGE_BAND];
  guint n = ds->n_cases, n_keys;
  g_autofree guint32 *count = NULL;
  g_autofree guint32 *at = NULL;
  gsize words = cache->words;

  if (person == NULL || n >= PERSON_FIRST)
    return;
  n_keys = person->key_strings->len;
  if (age != NULL && pathways_dictionary_get_size (age->dict) <= 64)
    cache->n_person_bands = pathways_dictionary_get_size (age->dict);
  count = g_new0 (guint32, (gsize) n_keys + 1);
  for (guint i = 0; i < n; i++)
    count[person->keys[i]]++;
  cache->sole_bits = g_new0 (guint64, words);
  cache->sole_band_bits = g_new0 (guint64, words * MAX (cache->n_person_bands, 1));
  cache->person_band_bits = g_new0 (guint64, words * MAX (cache->n_person_bands, 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 key = person->keys[i];
      guint64 bit = (guint64) 1 << (i & 63);

      if (key == 0)
        continue;
      if (count[key] == 1)
        {
          cache->sole_bits[i >> 6] |= bit;
          if (cache->n_person_bands > 0)
            cache->sole_band_bits[age->codes[i] * words + (i >> 6)] |= bit;
        }
      else
        cache->n_multi_cases++;
      if (cache->n_person_bands > 0)
        cache->person_band_bits[age->codes[i] * words + (i >> 6)] |= bit;
    }
  /* a counting sort by person of the others' cases (stable: case order within a person) */
  at = g_new0 (guint32, (gsize) n_keys + 1);
  for (guint32 k = 1, sum = 0; k < n_keys; k++)
    {
      at[k] = sum;
      sum += count[k] >= 2 ? count[k] : 0;
    }
  cache->multi_cases = g_new (guint32, MAX (cache->n_multi_cases, 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 key = person->keys[i];

      if (key != 0 && count[key] >= 2)
        cache->multi_cases[at[key]++] = i;
    }
  /* mark the first case of each person: at[] now points past each person's run */
  for (guint32 k = 1; k < n_keys; k++)
    if (count[k] >= 2)
      cache->multi_cases[at[k] - count[k]] |= PERSON_FIRST;
  /* their age bands in the same order, read in turn rather than all over the column */
  if (cache->n_person_bands > 0)
    {
      cache->multi_bands = g_new (guint8, MAX (cache->n_multi_cases, 1));
      for (guint k = 0; k < cache->n_multi_cases; k++)
        cache->multi_bands[k] = (guint8) age->codes[cache->multi_cases[k] & ~PERSON_FIRST];
    }
}

/* Distinct people among the selected cases, in all and per age band */
static void
persons_part (Ctx   *x,
              Arena *arena)
{
  PathwaysMeasures *m = x->m;
  PathwaysDataset *ds = x->ds;
  guint64 *person_seen = NULL;
  guint64 *age_person_seen = NULL;
  guint person_words;
  const guint32 *keys;
  const guint16 *bands = NULL;

  if (x->person == NULL)
    return;
  if (x->cache->sole_bits != NULL && x->cache->n_person_bands == m->age_n_bands)
    {
      const PathwaysMeasuresCache *cache = x->cache;
      const guint64 *sel = x->sel->cases;
      guint n_words = (ds->n_cases + 63) / 64;
      const guint8 *age = m->age_n_bands > 0 ? cache->multi_bands : NULL;
      guint n_multi = 0;
      guint *band_multi = ARENA_NEW0 (arena, guint, 64);

      m->n_persons = and_count (sel, cache->sole_bits, n_words);
      for (guint b = 0; b < m->age_n_bands; b++)
        {
          m->age_persons[b] = and_count (sel, cache->sole_band_bits + (gsize) b * cache->words, n_words);
          m->age_cases[b] = and_count (sel, cache->person_band_bits + (gsize) b * cache->words, n_words);
        }
      /* people with several cases: one run of cases each, in person order; a person
       * (and a person in an age band) counts at its first selected case. Branch-free:
       * a run starts at every other case or so, which no predictor guesses */
      {
        const guint32 *mc = cache->multi_cases;
        guint64 any = 0, seen = 0;

        for (guint k = 0; k < cache->n_multi_cases; k++)
          {
            guint32 e = mc[k];
            guint32 i = e & ~PERSON_FIRST;
            guint64 in = (sel[i >> 6] >> (i & 63)) & 1;
            guint64 keep = (guint64) (e >> 31) - 1;   /* 0 at a person's first case */

            any &= keep;
            n_multi += (guint) (in & ~any);
            any |= in;
            if (age != NULL)
              {
                guint band = age[k];

                seen &= keep;
                band_multi[band] += (guint) (in & ~(seen >> band));
                seen |= in << band;
              }
          }
      }
      m->n_persons += n_multi;
      for (guint b = 0; b < m->age_n_bands; b++)
        m->age_persons[b] += band_multi[b];
      return;
    }
  keys = x->person->keys;
  person_words = (x->person->key_strings->len + 63) / 64;
  person_seen = ARENA_NEW0 (arena, guint64, MAX (person_words, 1));
  if (m->age_n_bands > 0)
    {
      age_person_seen = ARENA_NEW0 (arena, guint64, (gsize) MAX (person_words, 1) * m->age_n_bands);
      bands = x->age_band->codes;
    }

  FOREACH_SELECTED (x->sel->cases, ds->n_cases, i)
    {
      guint32 key = keys[i];

      if (key == 0)
        continue;
      person_seen[key >> 6] |= (guint64) 1 << (key & 63);
      if (bands != NULL)
        {
          guint16 band = bands[i];
          m->age_cases[band]++;
          age_person_seen[(gsize) band * person_words + (key >> 6)] |= (guint64) 1 << (key & 63);
        }
    }

  m->n_persons += and_count (person_seen, NULL, person_words);
  for (guint b = 0; b < m->age_n_bands; b++)
    m->age_persons[b] += and_count (age_person_seen + (gsize) b * person_words, NULL, person_words);
}

/* One case-level duration measure: gather the selected cases' precomputed durations,
 * then the statistics and the trend */
static void
case_wait_part (Ctx   *x,
                guint  k,
                Arena *arena)
{
  PathwaysMeasures *m = x->m;
  const PathwaysMeasuresCache *cache = x->cache;
  const gint32 *dur = cache->case_dur[k];
  const guint16 *periods = cache->case_period[x->unit];
  Recs *rec = &x->recs[k], *st = &x->still[k];
  PathwaysDurationStats *stats = &m->waits[case_waits[k]];
  guint negative = 0;

  if (!m->wait_present[case_waits[k]] || dur == NULL)
    return;
  if (cache->case_code[k] != NULL && cache->code_unit == (int) x->unit &&
      cache->case_code_cells[k] <= 8 * (gsize) x->sel->n_selected_cases + 65536)
    {
      /* one pass: each selected row adds one to its period x day cell */
      guint32 *table = ARENA_NEW0 (arena, guint32, cache->case_code_cells[k]);

      count_cells (table, cache->case_code[k], x->sel->cases, x->ds->n_cases);
      stats_from_table (cache, x->options, stats, table, cache->case_code_w[k], cache->case_code_s[k],
                        x->options->target_days[case_waits[k]], arena);
      return;
    }
  {
    /* branch-free appends: every row is written, the counters advance only for the
     * rows that belong; whole words of selected rows need no bit tests */
    guint32 *rd = rec->d, *sd = st->d;
    guint16 *rp = rec->p;
    guint rn = 0, sn = 0;
    const guint64 *bits = x->sel->cases;
    guint n_rows = x->ds->n_cases;

#define GATHER(i)                                                         \
    G_STMT_START {                                                        \
      gint32 v = dur[i];                                                  \
      rd[rn] = (guint32) v;                                               \
      rp[rn] = periods[i];                                                \
      rn += v >= 0;                                                       \
      negative += v == DUR_NEGATIVE;                                      \
      sd[sn] = (guint32) (DUR_STILL_BASE - v);                            \
      sn += v <= DUR_STILL_BASE;                                          \
    } G_STMT_END

    for (guint w = 0; w < (n_rows + 63) / 64; w++)
      {
        guint64 word = bits[w];

        if (word == G_MAXUINT64 && (w + 1) * 64 <= n_rows)
          {
            for (guint i = w * 64; i < w * 64 + 64; i++)
              GATHER (i);
            continue;
          }
        while (word != 0)
          {
            guint i = w * 64 + (guint) __builtin_ctzll (word);
            word &= word - 1;
            GATHER (i);
          }
      }
#undef GATHER
    rec->n = rn;
    st->n = sn;
  }
  stats->negative = negative;
  finish_stats (cache, x->options, stats, rec->d, rec->p, rec->n, st->d, st->n,
                x->options->target_days[case_waits[k]], arena);
}

/* Multi-category fields: count classes per case, and per value the cases listing it
 * (the values of one cell are distinct: the importer keeps each once). */
static void
multi_part (Ctx *x)
{
  PathwaysDataset *ds = x->ds;

  x->m->multi = g_array_new (FALSE, TRUE, sizeof (PathwaysMultiResult));
  for (guint f = 0; f < G_N_ELEMENTS (multi_fields); f++)
    {
      PathwaysColumn *c = ds->columns[multi_fields[f]];
      PathwaysMultiResult res;
      const guint32 *off;
      const guint16 *codes;

      if (c == NULL)
        continue;
      memset (&res, 0, sizeof res);
      res.field = multi_fields[f];
      res.n_values = pathways_dictionary_get_size (c->dict);
      res.counts = g_new0 (guint, MAX (res.n_values, 1));
      off = c->multi_offsets;
      codes = c->multi_codes;
      if (x->cache->multi_value_bits[f] != NULL)
        {
          gsize words = ds->n_cases / 64 + 1;
          guint n_words = (ds->n_cases + 63) / 64;
          const guint64 *sel = x->sel->cases;

          for (guint v = 0; v < res.n_values + 4; v++)
            {
              const guint64 *bits = v < res.n_values ? x->cache->multi_value_bits[f] + v * words
                                                     : x->cache->multi_class_bits[f] + (v - res.n_values) * words;
              guint count = and_count (sel, bits, n_words);

              if (v < res.n_values)
                res.counts[v] = count;
              else
                res.classes[v - res.n_values] = count;
            }
          g_array_append_val (x->m->multi, res);
          continue;
        }
      for (guint w = 0; w < (ds->n_cases + 63) / 64; w++)
        {
          guint64 word = x->sel->cases[w];

          if (word == G_MAXUINT64 && (w + 1) * 64 <= ds->n_cases)
            {
              /* every case of the word: their values are one contiguous run */
              for (guint32 k = off[w * 64]; k < off[w * 64 + 64]; k++)
                res.counts[codes[k]]++;
              for (guint i = w * 64; i < w * 64 + 64; i++)
                {
                  guint32 len = off[i + 1] - off[i];
                  guint cls = c->multi_state[i] == PATHWAYS_MULTI_NOT_RECORDED ? 3 : MIN (len, 2);
                  res.classes[cls]++;
                }
              continue;
            }
          while (word != 0)
            {
              guint i = w * 64 + (guint) __builtin_ctzll (word);
              guint32 len = off[i + 1] - off[i];
              guint cls = c->multi_state[i] == PATHWAYS_MULTI_NOT_RECORDED ? 3 : MIN (len, 2);

              word &= word - 1;
              res.classes[cls]++;
              for (guint32 k = off[i]; k < off[i + 1]; k++)
                res.counts[codes[k]]++;
            }
        }
      g_array_append_val (x->m->multi, res);
    }
}

/* The selected services: closure reasons in one pass over them, then the waits per
 * service type from the cache's type-ordered copies, so no sort by type is needed */
static void
service_part (Ctx   *x,
              Arena *arena)
{
  PathwaysMeasures *m = x->m;
  PathwaysDataset *ds = x->ds;
  const PathwaysMeasuresCache *cache = x->cache;
  const guint16 *types = x->types != NULL ? x->types->codes : NULL;
  const guint16 *svc_reasons = x->svc_reasons != NULL ? x->svc_reasons->codes : NULL;
  const guint8 *svc_closed = cache->svc_closed;
  guint *svc_counts = m->svc_counts;
  guint n_reasons = m->svc_n_reasons;
  const guint64 *sel = x->sel->services;
  gboolean waits = m->wait_present[PATHWAYS_WAIT_SERVICE] && cache->svc_dur != NULL &&
                   cache->svc_by_type != NULL && cache->svc_n_types == m->svc_n_types;
  guint nt = m->svc_n_types;
  gboolean table_waits, waits_counted = FALSE;
  guint32 *wait_table = NULL;

  if (!ds->has_services)
    return;

  table_waits = waits && cache->svc_code != NULL && cache->code_unit == (int) x->unit &&
                cache->svc_code_base[nt] <= 8 * (gsize) x->sel->n_selected_services + 65536;
  if (table_waits)
    wait_table = ARENA_NEW0 (arena, guint32, cache->svc_code_base[nt]);
  if (svc_counts != NULL && cache->svc_close_code != NULL)
    {
      /* each closed service adds one to its type x reason cell; open ones to a spare */
      gsize cells = (gsize) nt * n_reasons;
      guint32 *table = ARENA_NEW0 (arena, guint32, cells + 1);

      if (wait_table != NULL)
        {
          /* and, in the same walk, to its type's period x day cell */
          count_cells2 (table, cache->svc_close_code, wait_table, cache->svc_code, sel, ds->n_services);
          waits_counted = TRUE;
        }
      else
        count_cells (table, cache->svc_close_code, sel, ds->n_services);
      for (guint t = 0; t < nt; t++)
        for (guint r = 0; r < n_reasons; r++)
          {
            svc_counts[t * n_reasons + r] = table[t * n_reasons + r];
            m->svc_base[t] += table[t * n_reasons + r];
          }
    }
  else if (svc_counts != NULL)
    FOREACH_SELECTED (sel, ds->n_services, j)
      {
        guint16 type = types != NULL ? types[j] : 0;
        guint closed = svc_closed[j];

        /* branch-free: an open service adds 0 */
        m->svc_base[type] += closed;
        svc_counts[type * n_reasons + svc_reasons[j]] += closed;
      }

  if (table_waits)
    {
      /* one pass: each selected service adds one to its type's period x day cell */
      if (!waits_counted)
        count_cells (wait_table, cache->svc_code, sel, ds->n_services);
      m->svc_wait_n_types = nt;
      m->svc_waits = g_new0 (PathwaysDurationStats, nt);
      for (guint t = 0; t < nt; t++)
        stats_from_table (cache, x->options, &m->svc_waits[t], wait_table + cache->svc_code_base[t],
                          cache->svc_code_w[t], cache->svc_code_s[t],
                          x->options->target_days[PATHWAYS_WAIT_SERVICE], arena);
      return;
    }

  if (!waits)
    return;

  m->svc_wait_n_types = nt;
  m->svc_waits = g_new0 (PathwaysDurationStats, nt);
  {
    const guint32 *order = cache->svc_by_type;
    const gint32 *dur = cache->svc_dur_by_type;
    const guint16 *periods = cache->svc_period_by_type[x->unit];
    guint32 *d = x->svc_rec.d, *sd = x->svc_still.d;
    guint16 *p = x->svc_rec.p;

    for (guint t = 0; t < nt; t++)
      {
        guint rn = 0, sn = 0, negative = 0;

        /* branch-free appends, as in case_wait_part */
        for (guint k = cache->svc_type_start[t]; k < cache->svc_type_start[t + 1]; k++)
          {
            guint32 j = order[k];
            guint in = (guint) (sel[j >> 6] >> (j & 63)) & 1;
            gint32 v = dur[k];

            d[rn] = (guint32) v;
            p[rn] = periods[k];
            rn += in & (v >= 0);
            negative += in & (v == DUR_NEGATIVE);
            sd[sn] = (guint32) (DUR_STILL_BASE - v);
            sn += in & (v <= DUR_STILL_BASE);
          }
        m->svc_waits[t].negative = negative;
        finish_stats (cache, x->options, &m->svc_waits[t], d, p, rn, sd, sn,
                      x->options->target_days[PATHWAYS_WAIT_SERVICE], arena);
      }
  }
}

/* Completeness: every mapped field */
static void
completeness_part (Ctx *x)
{
  PathwaysDataset *ds = x->ds;

  x->m->completeness = g_array_new (FALSE, TRUE, sizeof (PathwaysCompleteness));
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *c = ds->columns[f];
      PathwaysCompleteness comp;
      gboolean svc = pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES;

      if (c == NULL || f == PATHWAYS_FIELD_DATE_OF_BIRTH || (svc && !ds->has_services))
        continue;
      comp.field = f;
      comp.base = svc ? x->sel->n_selected_services : x->sel->n_selected_cases;
      comp.missing = 0;
      {
        const guint64 *sel_bits = svc ? x->sel->services : x->sel->cases;
        const guint64 *miss = x->cache->missing[f];
        guint n_words = ((svc ? ds->n_services : ds->n_cases) + 63) / 64;

        comp.missing = and_count (sel_bits, miss, n_words);
      }
      g_array_append_val (x->m->completeness, comp);
    }
}

/* The work as independent tasks, longest first, taken in turn by two threads */
enum {
  TASK_CASES,   /* ≤ MAX_TASKS tasks */
  TASK_PERSONS,
  TASK_SERVICES,
  TASK_MULTI,
  TASK_WAIT_0,
  TASK_WAIT_1,
  TASK_WAIT_2,
  TASK_WAIT_3,
  TASK_COMPLETENESS,
  N_TASKS
};

static void
run_tasks (Ctx *x)
{
  int t;

  while ((t = g_atomic_int_add (&x->next_task, 1)) < N_TASKS)
    {
      struct timespec ts0, ts1;
      Arena *arena = &x->cache->arenas[t];

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts0);
      switch (t)
        {
        case TASK_CASES: case_part (x, arena); break;
        case TASK_PERSONS: persons_part (x, arena); break;
        case TASK_SERVICES: service_part (x, arena); break;
        case TASK_MULTI: multi_part (x); break;
        case TASK_COMPLETENESS: completeness_part (x); break;
        default: case_wait_part (x, t - TASK_WAIT_0, arena); break;
        }
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts1);
      /* CPU time of this thread: wall time says little on a shared machine */
      g_debug ("task %d: %.3f ms CPU", t, (ts1.tv_sec - ts0.tv_sec) * 1e3 + (ts1.tv_nsec - ts0.tv_nsec) / 1e6);
    }
}

static gpointer
task_thread (gpointer data)
{
  run_tasks (data);
  return NULL;
}

static gboolean
same_options (const PathwaysMeasuresOptions *a,
              const PathwaysMeasuresOptions *b)
{
  if (a->population != b->population || a->split_field != b->split_field ||
      a->trend_unit != b->trend_unit || a->bands.n_bands != b->bands.n_bands)
    return FALSE;
  for (guint i = 0; i < a->bands.n_bands && i < PATHWAYS_N_BANDS_MAX; i++)
    if (a->bands.upper[i] != b->bands.upper[i])
      return FALSE;
  for (guint w = 0; w < PATHWAYS_N_WAITS; w++)
    if (a->target_days[w] != b->target_days[w])
      return FALSE;
  return TRUE;
}

/* Below this many selected rows a second thread costs more than it saves */
#define THREAD_MIN_ROWS 50000

PathwaysMeasures *
pathways_measures_compute (PathwaysDataset               *ds,
                           PathwaysMeasuresCache         *cache,
                           const PathwaysSelection       *sel,
                           const PathwaysMeasuresOptions *options)
{
  PathwaysMeasures *m;
  Ctx ctx, *x = &ctx;
  gsize need, nc, ns;
  GThread *thread = NULL;
  gboolean full;

  g_return_val_if_fail (ds != NULL, NULL);
  g_return_val_if_fail (cache != NULL && cache->dataset == ds, NULL);
  g_return_val_if_fail (sel != NULL, NULL);
  g_return_val_if_fail (sel->n_cases == ds->n_cases && sel->n_services == ds->n_services, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  /* every case and service, as last time: the figures cannot have changed */
  full = sel->n_selected_cases == ds->n_cases && sel->n_selected_services == ds->n_services;
  if (full && cache->full != NULL && same_options (&cache->full_options, options))
    return pathways_measures_copy (cache->full);

  memset (x, 0, sizeof *x);
  m = g_new0 (PathwaysMeasures, 1);
  x->ds = ds;
  x->cache = cache;
  x->sel = sel;
  x->options = options;
  x->m = m;
  x->ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  x->contact = ds->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE];
  x->assess = ds->columns[PATHWAYS_FIELD_ASSESSMENT_DATE];
  x->closure = ds->columns[PATHWAYS_FIELD_CLOSURE_DATE];
  x->reasons = ds->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  x->tbs = ds->columns[PATHWAYS_FIELD_TIME_BEFORE_SUPPORT];
  x->nor = ds->columns[PATHWAYS_FIELD_NEW_OR_RETURNING];
  x->person = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  x->age_band = ds->columns[PATHWAYS_FIELD_AGE_BAND];
  if (ds->has_services)
    {
      x->types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
      x->svc_reasons = ds->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON];
      x->svc_ref = ds->columns[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
      x->svc_start = ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
      x->svc_end = ds->columns[PATHWAYS_FIELD_SERVICE_END_DATE];
    }
  if (options->split_field >= 0 && options->split_field < PATHWAYS_N_FIELDS &&
      pathways_field_get_table (options->split_field) == PATHWAYS_TABLE_CASES &&
      ds->columns[options->split_field] != NULL &&
      ds->columns[options->split_field]->codes != NULL)
    x->split = ds->columns[options->split_field];

  m->n_cases = sel->n_selected_cases;
  m->n_services = sel->n_selected_services;

  /* which funnel stages exist */
  m->stage_shown[PATHWAYS_STAGE_REFERRED] = TRUE;
  m->stage_shown[PATHWAYS_STAGE_CONTACTED] = x->contact != NULL;
  m->stage_shown[PATHWAYS_STAGE_ASSESSED] = x->assess != NULL;
  m->stage_shown[PATHWAYS_STAGE_SERVICE_ALLOCATED] = ds->has_services;
  m->stage_shown[PATHWAYS_STAGE_SERVICE_STARTED] = ds->has_services && x->svc_start != NULL;
  m->stage_shown[PATHWAYS_STAGE_PLANNED_CLOSURE] = x->reasons != NULL;

  m->split_field = x->split != NULL ? options->split_field : -1;
  if (x->split != NULL)
    {
      m->split_n_values = pathways_dictionary_get_size (x->split->dict);
      m->split_counts = g_new0 (guint, m->split_n_values * PATHWAYS_N_STAGES);
    }

  m->has_closure_reasons = x->reasons != NULL;
  m->closure_n_reasons = cache->n_case_reasons;
  m->closure_counts = g_new0 (guint, MAX (cache->n_case_reasons, 1));
  m->closure_reason_class = cache->case_reason_class;

  for (guint r = 0; r < PATHWAYS_N_RATE_GROUPINGS; r++)
    {
      PathwaysRateTable *t = &m->rates[r];

      if (r == PATHWAYS_RATE_BY_SERVICE_MIX)
        {
          t->present = cache->mix_present;
          t->n_groups = PATHWAYS_N_MIXES;
        }
      else
        {
          PathwaysColumn *c = ds->columns[rate_fields[r]];
          t->present = c != NULL && c->codes != NULL;
          t->n_groups = t->present ? pathways_dictionary_get_size (c->dict) : 0;
        }
      if (t->present)
        {
          t->closed = g_new0 (guint, t->n_groups);
          t->planned = g_new0 (guint, t->n_groups);
        }
    }

  m->has_time_before_support = x->tbs != NULL;
  if (x->tbs != NULL)
    {
      m->tbs_n_values = pathways_dictionary_get_size (x->tbs->dict);
      m->tbs_counts = g_new0 (guint, m->tbs_n_values);
    }

  m->has_returners = x->nor != NULL || x->person != NULL;
  m->returners_derived = x->nor == NULL && x->person != NULL;
  m->has_persons = x->person != NULL;
  if (x->person != NULL && x->age_band != NULL && pathways_dictionary_get_size (x->age_band->dict) <= 64)
    {
      m->age_n_bands = pathways_dictionary_get_size (x->age_band->dict);
      m->age_cases = g_new0 (guint, m->age_n_bands);
      m->age_persons = g_new0 (guint, m->age_n_bands);
    }

  m->wait_present[PATHWAYS_WAIT_REFERRAL_TO_CONTACT] = x->ref != NULL && x->contact != NULL;
  m->wait_present[PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT] = x->ref != NULL && x->assess != NULL;
  m->wait_present[PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START] = x->ref != NULL && cache->first_start != NULL;
  m->wait_present[PATHWAYS_WAIT_SERVICE] = x->svc_start != NULL && (x->svc_ref != NULL || x->ref != NULL);
  m->wait_present[PATHWAYS_WAIT_TIME_IN_SERVICE] = x->ref != NULL && x->closure != NULL;

  m->has_service_closure = ds->has_services && x->svc_reasons != NULL;
  m->svc_n_types = x->types != NULL ? pathways_dictionary_get_size (x->types->dict) : 1;
  m->svc_n_reasons = cache->n_svc_reasons;
  m->svc_reason_class = cache->svc_reason_class;
  m->svc_base = g_new0 (guint, m->svc_n_types);
  if (m->has_service_closure && (guint64) m->svc_n_types * m->svc_n_reasons <= 16 * 1024 * 1024)
    m->svc_counts = g_new0 (guint, m->svc_n_types * m->svc_n_reasons);
  else
    m->has_service_closure = FALSE;

  /* scratch, kept in the cache between computations: per case measure its records and
   * its still-waiting records; per service one record either way (the service waits
   * write one past their last, hence the 2) */
  nc = sel->n_selected_cases;
  ns = sel->n_selected_services;
  need = nc * N_CASE_WAITS * 2 + ns * 2 + 2;
  if (cache->scratch_len < need)
    {
      g_free (cache->scratch_d);
      g_free (cache->scratch_p);
      cache->scratch_d = g_new (guint32, MAX (need, 1));
      cache->scratch_p = g_new (guint16, need);
      cache->scratch_len = need;
    }
  for (guint k = 0; k < N_CASE_WAITS; k++)
    {
      x->recs[k].d = cache->scratch_d + nc * (2 * k);
      x->recs[k].p = cache->scratch_p + nc * (2 * k);
      x->still[k].d = cache->scratch_d + nc * (2 * k + 1);
    }
  x->svc_rec.d = cache->scratch_d + nc * N_CASE_WAITS * 2;
  x->svc_rec.p = cache->scratch_p + nc * N_CASE_WAITS * 2;
  /* the service waits write one record past the last selected one */
  x->svc_still.d = x->svc_rec.d + ns + 1;

  x->unit = options->trend_unit < N_TREND_UNITS ? options->trend_unit : PATHWAYS_TREND_MONTH;
  x->count_by_bits = TRUE;
  if (x->reasons != NULL)
    x->count_by_bits &= ensure_code_bits (cache, PATHWAYS_FIELD_CLOSURE_REASON);
  if (x->tbs != NULL)
    x->count_by_bits &= ensure_code_bits (cache, PATHWAYS_FIELD_TIME_BEFORE_SUPPORT);
  if (x->nor != NULL)
    x->count_by_bits &= ensure_code_bits (cache, PATHWAYS_FIELD_NEW_OR_RETURNING);
  if (x->split != NULL)
    x->count_by_bits &= ensure_code_bits (cache, m->split_field);
  for (guint g = 0; g < PATHWAYS_N_RATE_GROUPINGS; g++)
    if (g != PATHWAYS_RATE_BY_SERVICE_MIX && m->rates[g].present)
      x->count_by_bits &= ensure_code_bits (cache, rate_fields[g]);
  ensure_periods (cache, x->unit);
  ensure_codes (cache, x->unit);

  /* two cores: the services, multi-category fields and completeness beside the cases */
  if (nc + ns >= THREAD_MIN_ROWS)
    thread = g_thread_try_new ("pathways-measures", task_thread, x, NULL);
  run_tasks (x);
  if (thread != NULL)
    g_thread_join (thread);
  for (guint t = 0; t < N_TASKS; t++)
    arena_reset (&cache->arenas[t]);

  if (full)
    {
      pathways_measures_free (cache->full);
      cache->full = pathways_measures_copy (m);
      cache->full_options = *options;
    }
  return m;
}
