/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-measures"

#include "config.h"

#include <math.h>
#include <string.h>
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

  build_periods (cache);
  return cache;
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
  pathways_dataset_unref (cache->dataset);
  g_free (cache);
}

/* ---- computing ---- */

/* Records of one duration measure, in scratch memory */
typedef struct {
  guint32 *d;
  guint16 *p;
  guint16 *g;     /* group (service type), or NULL */
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

static inline guint16
period_of (const PathwaysMeasuresCache *cache,
           const guint16               *table,
           gint32                       day)
{
  if (table == NULL || day < cache->day_lo || day > cache->day_hi)
    return G_MAXUINT16;
  return table[day - cache->day_lo];
}

/* Trend of one record set: median and n per period. Reorders R. */
static GArray *
compute_trend (const PathwaysMeasuresCache *cache,
               PathwaysTrendUnit            unit,
               guint32                     *d,
               const guint16               *p,
               guint                        n)
{
  GArray *starts = cache->period_start[unit];
  guint n_periods = starts->len;
  GArray *trend = g_array_new (FALSE, FALSE, sizeof (PathwaysTrendPoint));
  g_autofree guint *offsets = NULL;
  g_autofree guint *fill = NULL;
  g_autofree guint32 *sorted = NULL;

  if (n == 0 || n_periods == 0)
    return trend;
  offsets = g_new0 (guint, n_periods + 1);
  fill = g_new (guint, n_periods + 1);
  for (guint i = 0; i < n; i++)
    if (p[i] < n_periods)
      offsets[p[i] + 1]++;
  for (guint k = 0; k < n_periods; k++)
    offsets[k + 1] += offsets[k];
  memcpy (fill, offsets, sizeof (guint) * (n_periods + 1));
  sorted = g_new (guint32, MAX (offsets[n_periods], 1));
  for (guint i = 0; i < n; i++)
    if (p[i] < n_periods)
      sorted[fill[p[i]]++] = d[i];
  for (guint k = 0; k < n_periods; k++)
    {
      PathwaysTrendPoint pt;
      guint len = offsets[k + 1] - offsets[k];

      if (len == 0)
        continue;
      pt.period_start = g_array_index (starts, gint32, k);
      pt.n = len;
      pt.median = median_select (sorted + offsets[k], len);
      g_array_append_val (trend, pt);
    }
  return trend;
}

static void
finish_stats (const PathwaysMeasuresCache   *cache,
              const PathwaysMeasuresOptions *options,
              PathwaysDurationStats         *stats,
              guint32                       *d,
              guint16                       *p,
              guint                          n,
              guint32                       *still,
              guint                          n_still,
              gint32                         target)
{
  guint negative = stats->negative;

  stats->trend = compute_trend (cache, options->trend_unit, d, p, n);
  pathways_duration_stats_compute (stats, d, n, &options->bands, target);
  stats->negative = negative;
  stats->still_n = n_still;
  stats->still_max = 0;
  for (guint i = 0; i < n_still; i++)
    stats->still_max = MAX (stats->still_max, (gint32) still[i]);
  stats->still_median = median_select (still, n_still);
}

static guint
count_missing (PathwaysColumn *c,
               const guint64  *bits,
               guint           n_rows)
{
  guint missing = 0;

  for (guint w = 0; w < (n_rows + 63) / 64; w++)
    {
      guint64 word = bits[w];
      while (word != 0)
        {
          guint i = w * 64 + (guint) __builtin_ctzll (word);
          gboolean miss;

          word &= word - 1;
          switch (c->kind)
            {
            case PATHWAYS_KIND_DATE: miss = !PATHWAYS_DAY_IS_VALID (c->days[i]); break;
            case PATHWAYS_KIND_INTEGER: miss = c->ints[i] == PATHWAYS_INT_NONE; break;
            case PATHWAYS_KIND_CATEGORY: miss = c->codes[i] == PATHWAYS_CODE_NOT_RECORDED; break;
            case PATHWAYS_KIND_KEY: miss = c->keys[i] == 0; break;
            case PATHWAYS_KIND_MULTI: miss = c->multi_state[i] == PATHWAYS_MULTI_NOT_RECORDED; break;
            default: miss = FALSE; break;
            }
          missing += miss;
        }
    }
  return missing;
}

static guint16
code_or_zero (PathwaysColumn *c,
              guint           i)
{
  return c != NULL ? c->codes[i] : 0;
}

static gint32
day_or_none (PathwaysColumn *c,
             guint           i)
{
  return c != NULL ? c->days[i] : PATHWAYS_DAY_NONE;
}

#define N_CASE_WAITS 4
static const PathwaysWaitMeasure case_waits[N_CASE_WAITS] = {
  PATHWAYS_WAIT_REFERRAL_TO_CONTACT, PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT,
  PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START, PATHWAYS_WAIT_TIME_IN_SERVICE,
};

PathwaysMeasures *
pathways_measures_compute (PathwaysDataset               *ds,
                           PathwaysMeasuresCache         *cache,
                           const PathwaysSelection       *sel,
                           const PathwaysMeasuresOptions *options)
{
  PathwaysMeasures *m;
  PathwaysColumn *ref, *contact, *assess, *closure, *reasons, *split, *tbs, *nor, *person,
                 *age_band, *types, *svc_reasons, *svc_ref, *svc_start, *svc_end;
  PathwaysColumn *rate_cols[PATHWAYS_N_RATE_GROUPINGS] = { NULL, };
  static const PathwaysField rate_fields[] = {
    PATHWAYS_FIELD_REFERRAL_SOURCE, PATHWAYS_FIELD_PRIMARY_INCIDENT, PATHWAYS_FIELD_AGE_BAND,
    PATHWAYS_FIELD_GENDER, PATHWAYS_FIELD_NEW_OR_RETURNING,
  };
  static const PathwaysField multi_fields[] = {
    PATHWAYS_FIELD_RISKS, PATHWAYS_FIELD_ISSUES, PATHWAYS_FIELD_IMPACTS,
  };
  guint level_hist[PATHWAYS_N_STAGES] = { 0, };
  int max_level;
  Recs recs[N_CASE_WAITS], still[N_CASE_WAITS], svc_rec, svc_still;
  gsize need;
  guint n_case_words = (ds->n_cases + 63) / 64;
  gint32 snapshot = ds->snapshot_day;
  gboolean all_pop;
  const guint16 *ptable;
  g_autofree guint64 *person_seen = NULL;
  g_autofree guint64 *age_person_seen = NULL;
  guint n_keys = 0, person_words = 0;
  PathwaysColumn *multi_cols[3];
  guint *multi_counts[3] = { NULL, };
  guint multi_classes[3][4];

  g_return_val_if_fail (ds != NULL, NULL);
  g_return_val_if_fail (cache != NULL && cache->dataset == ds, NULL);
  g_return_val_if_fail (sel != NULL, NULL);
  g_return_val_if_fail (sel->n_cases == ds->n_cases && sel->n_services == ds->n_services, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  m = g_new0 (PathwaysMeasures, 1);
  ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  contact = ds->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE];
  assess = ds->columns[PATHWAYS_FIELD_ASSESSMENT_DATE];
  closure = ds->columns[PATHWAYS_FIELD_CLOSURE_DATE];
  reasons = ds->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  tbs = ds->columns[PATHWAYS_FIELD_TIME_BEFORE_SUPPORT];
  nor = ds->columns[PATHWAYS_FIELD_NEW_OR_RETURNING];
  person = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  age_band = ds->columns[PATHWAYS_FIELD_AGE_BAND];
  types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  svc_reasons = ds->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON];
  svc_ref = ds->columns[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
  svc_start = ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
  svc_end = ds->columns[PATHWAYS_FIELD_SERVICE_END_DATE];
  if (!ds->has_services)
    types = svc_reasons = svc_ref = svc_start = svc_end = NULL;
  split = NULL;
  if (options->split_field >= 0 && options->split_field < PATHWAYS_N_FIELDS &&
      pathways_field_get_table (options->split_field) == PATHWAYS_TABLE_CASES &&
      ds->columns[options->split_field] != NULL &&
      ds->columns[options->split_field]->codes != NULL)
    split = ds->columns[options->split_field];
  all_pop = options->population == PATHWAYS_POPULATION_ALL;
  ptable = cache->period[options->trend_unit < N_TREND_UNITS ? options->trend_unit : 0];

  m->n_cases = sel->n_selected_cases;
  m->n_services = sel->n_selected_services;

  /* which funnel stages exist */
  m->stage_shown[PATHWAYS_STAGE_REFERRED] = TRUE;
  m->stage_shown[PATHWAYS_STAGE_CONTACTED] = contact != NULL;
  m->stage_shown[PATHWAYS_STAGE_ASSESSED] = assess != NULL;
  m->stage_shown[PATHWAYS_STAGE_SERVICE_ALLOCATED] = ds->has_services;
  m->stage_shown[PATHWAYS_STAGE_SERVICE_STARTED] = ds->has_services && svc_start != NULL;
  m->stage_shown[PATHWAYS_STAGE_PLANNED_CLOSURE] = reasons != NULL;
  max_level = PATHWAYS_N_STAGES;

  m->split_field = split != NULL ? options->split_field : -1;
  if (split != NULL)
    {
      m->split_n_values = pathways_dictionary_get_size (split->dict);
      m->split_counts = g_new0 (guint, m->split_n_values * PATHWAYS_N_STAGES);
    }

  m->has_closure_reasons = reasons != NULL;
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
          rate_cols[r] = ds->columns[rate_fields[r]];
          t->present = rate_cols[r] != NULL && rate_cols[r]->codes != NULL;
          if (!t->present)
            rate_cols[r] = NULL;
          t->n_groups = t->present ? pathways_dictionary_get_size (rate_cols[r]->dict) : 0;
        }
      if (t->present)
        {
          t->closed = g_new0 (guint, t->n_groups);
          t->planned = g_new0 (guint, t->n_groups);
        }
    }

  m->has_time_before_support = tbs != NULL;
  if (tbs != NULL)
    {
      m->tbs_n_values = pathways_dictionary_get_size (tbs->dict);
      m->tbs_counts = g_new0 (guint, m->tbs_n_values);
    }

  m->has_returners = nor != NULL || person != NULL;
  m->returners_derived = nor == NULL && person != NULL;
  m->has_persons = person != NULL;
  if (person != NULL)
    {
      n_keys = person->key_strings->len;
      person_words = (n_keys + 63) / 64;
      person_seen = g_new0 (guint64, MAX (person_words, 1));
      if (age_band != NULL && pathways_dictionary_get_size (age_band->dict) <= 64)
        {
          m->age_n_bands = pathways_dictionary_get_size (age_band->dict);
          m->age_cases = g_new0 (guint, m->age_n_bands);
          m->age_persons = g_new0 (guint, m->age_n_bands);
          age_person_seen = g_new0 (guint64, (gsize) MAX (person_words, 1) * m->age_n_bands);
        }
    }

  for (guint f = 0; f < 3; f++)
    {
      multi_cols[f] = ds->columns[multi_fields[f]];
      memset (multi_classes[f], 0, sizeof multi_classes[f]);
      if (multi_cols[f] != NULL)
        multi_counts[f] = g_new0 (guint, pathways_dictionary_get_size (multi_cols[f]->dict));
    }

  /* scratch: per case measure, records and still-waiting records */
  need = (gsize) sel->n_selected_cases * N_CASE_WAITS * 2 + (gsize) sel->n_selected_services * 2;
  if (cache->scratch_len < need)
    {
      g_free (cache->scratch_d);
      g_free (cache->scratch_p);
      cache->scratch_d = g_new (guint32, MAX (need, 1));
      cache->scratch_p = g_new (guint16, MAX (need, 1));
      cache->scratch_len = need;
    }
  for (guint k = 0; k < N_CASE_WAITS; k++)
    {
      recs[k].d = cache->scratch_d + (gsize) sel->n_selected_cases * (2 * k);
      recs[k].p = cache->scratch_p + (gsize) sel->n_selected_cases * (2 * k);
      still[k].d = cache->scratch_d + (gsize) sel->n_selected_cases * (2 * k + 1);
      still[k].p = NULL;
      recs[k].n = still[k].n = 0;
      recs[k].g = still[k].g = NULL;
    }
  svc_rec.d = cache->scratch_d + (gsize) sel->n_selected_cases * N_CASE_WAITS * 2;
  svc_rec.p = cache->scratch_p + (gsize) sel->n_selected_cases * N_CASE_WAITS * 2;
  svc_still.d = svc_rec.d + sel->n_selected_services;
  svc_still.p = svc_rec.p + sel->n_selected_services;   /* used for the type */
  svc_rec.n = svc_still.n = 0;

  m->wait_present[PATHWAYS_WAIT_REFERRAL_TO_CONTACT] = ref != NULL && contact != NULL;
  m->wait_present[PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT] = ref != NULL && assess != NULL;
  m->wait_present[PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START] = ref != NULL && cache->first_start != NULL;
  m->wait_present[PATHWAYS_WAIT_SERVICE] = svc_start != NULL && (svc_ref != NULL || ref != NULL);
  m->wait_present[PATHWAYS_WAIT_TIME_IN_SERVICE] = ref != NULL && closure != NULL;

  /* ---- the case pass ---- */
  for (guint w = 0; w < n_case_words; w++)
    {
      guint64 word = sel->cases[w];

      while (word != 0)
        {
          guint i = w * 64 + (guint) __builtin_ctzll (word);
          guint8 info = ds->n_cases > 0 ? cache->case_info[i] : 0;
          gboolean closed = (info & INFO_CLOSED) != 0;
          gboolean planned = (info & INFO_PLANNED) != 0;
          int level = 0;
          gint32 r = day_or_none (ref, i);
          gboolean rvalid = PATHWAYS_DAY_IS_VALID (r);
          guint16 rp = rvalid ? period_of (cache, ptable, r) : G_MAXUINT16;
          gint32 ends[N_CASE_WAITS];
          gboolean open_wait[N_CASE_WAITS];

          word &= word - 1;

          /* funnel: the highest stage with evidence implies the earlier ones */
          if (contact != NULL && contact->days[i] != PATHWAYS_DAY_NONE)
            level = PATHWAYS_STAGE_CONTACTED;
          if (assess != NULL && assess->days[i] != PATHWAYS_DAY_NONE)
            level = PATHWAYS_STAGE_ASSESSED;
          if (info & INFO_HAS_SERVICE)
            level = PATHWAYS_STAGE_SERVICE_ALLOCATED;
          if ((info & INFO_HAS_START) && svc_start != NULL)
            level = PATHWAYS_STAGE_SERVICE_STARTED;
          if (planned && reasons != NULL)
            level = PATHWAYS_STAGE_PLANNED_CLOSURE;
          if (closed || all_pop)
            {
              level_hist[level]++;
              if (split != NULL)
                m->split_counts[split->codes[i] * PATHWAYS_N_STAGES + level]++;
            }

          if (closed)
            {
              m->n_closed++;
              if (reasons != NULL)
                m->closure_counts[reasons->codes[i]]++;
              for (guint g = 0; g < PATHWAYS_N_RATE_GROUPINGS; g++)
                {
                  guint code;

                  if (!m->rates[g].present)
                    continue;
                  code = g == PATHWAYS_RATE_BY_SERVICE_MIX ? (guint) (info >> INFO_MIX_SHIFT)
                                                            : rate_cols[g]->codes[i];
                  m->rates[g].closed[code]++;
                  m->rates[g].planned[code] += planned;
                }
            }

          /* durations from the referral date */
          ends[0] = day_or_none (contact, i);
          ends[1] = day_or_none (assess, i);
          ends[2] = cache->first_start != NULL ? cache->first_start[i] : PATHWAYS_DAY_NONE;
          ends[3] = day_or_none (closure, i);
          open_wait[0] = open_wait[1] = open_wait[3] = !closed;
          open_wait[2] = !closed && !(info & INFO_HAS_START);
          if (rvalid)
            for (guint k = 0; k < N_CASE_WAITS; k++)
              {
                gint32 e = ends[k];

                if (!m->wait_present[case_waits[k]])
                  continue;
                if (PATHWAYS_DAY_IS_VALID (e))
                  {
                    if (e < r)
                      m->waits[case_waits[k]].negative++;
                    else
                      {
                        recs[k].d[recs[k].n] = (guint32) (e - r);
                        recs[k].p[recs[k].n++] = rp;
                      }
                  }
                else if (e == PATHWAYS_DAY_NONE && open_wait[k] &&
                         PATHWAYS_DAY_IS_VALID (snapshot) && snapshot >= r)
                  still[k].d[still[k].n++] = (guint32) (snapshot - r);
              }

          if (tbs != NULL)
            m->tbs_counts[tbs->codes[i]]++;

          if (nor != NULL)
            {
              guint8 c = cache->nor_class[nor->codes[i]];
              if (c == 0)
                m->n_new++;
              else if (c == 1)
                m->n_returning++;
              else
                m->n_returner_unknown++;
            }
          else if (person != NULL)
            {
              if (person->keys[i] == 0)
                m->n_returner_unknown++;
              else if (info & INFO_RETURNING)
                m->n_returning++;
              else
                m->n_new++;
            }
          if (person != NULL && person->keys[i] != 0)
            {
              guint32 key = person->keys[i];
              person_seen[key >> 6] |= (guint64) 1 << (key & 63);
              if (age_person_seen != NULL)
                {
                  guint16 band = age_band->codes[i];
                  m->age_cases[band]++;
                  age_person_seen[(gsize) band * person_words + (key >> 6)] |= (guint64) 1 << (key & 63);
                }
            }

          for (guint f = 0; f < 3; f++)
            {
              PathwaysColumn *c = multi_cols[f];
              guint32 a, b;

              if (c == NULL)
                continue;
              if (c->multi_state[i] == PATHWAYS_MULTI_NOT_RECORDED)
                {
                  multi_classes[f][3]++;
                  continue;
                }
              a = c->multi_offsets[i];
              b = c->multi_offsets[i + 1];
              if (b <= a)
                {
                  multi_classes[f][0]++;
                  continue;
                }
              for (guint32 k = a; k < b; k++)
                {
                  gboolean seen = FALSE;
                  for (guint32 l = a; l < k && !seen; l++)
                    seen = c->multi_codes[l] == c->multi_codes[k];
                  if (!seen)
                    multi_counts[f][c->multi_codes[k]]++;
                }
              multi_classes[f][b - a == 1 ? 1 : 2]++;
            }
        }
    }

  /* funnel counts: suffix sums of the level histogram */
  {
    guint cum = 0;
    for (int s = max_level - 1; s >= 0; s--)
      {
        cum += level_hist[s];
        m->stage_count[s] = m->stage_shown[s] ? cum : 0;
      }
    if (split != NULL)
      for (guint v = 0; v < m->split_n_values; v++)
        {
          guint *row = m->split_counts + v * PATHWAYS_N_STAGES;
          cum = 0;
          for (int s = max_level - 1; s >= 0; s--)
            {
              cum += row[s];
              row[s] = m->stage_shown[s] ? cum : 0;
            }
        }
  }

  /* case-level waits */
  for (guint k = 0; k < N_CASE_WAITS; k++)
    if (m->wait_present[case_waits[k]])
      finish_stats (cache, options, &m->waits[case_waits[k]], recs[k].d, recs[k].p, recs[k].n,
                    still[k].d, still[k].n, options->target_days[case_waits[k]]);

  /* persons */
  if (person != NULL)
    {
      for (guint w = 0; w < person_words; w++)
        m->n_persons += (guint) __builtin_popcountll (person_seen[w]);
      for (guint b = 0; b < m->age_n_bands; b++)
        for (guint w = 0; w < person_words; w++)
          m->age_persons[b] += (guint) __builtin_popcountll (age_person_seen[(gsize) b * person_words + w]);
    }

  /* multi-category */
  m->multi = g_array_new (FALSE, TRUE, sizeof (PathwaysMultiResult));
  for (guint f = 0; f < 3; f++)
    if (multi_cols[f] != NULL)
      {
        PathwaysMultiResult res;
        res.field = multi_fields[f];
        res.n_values = pathways_dictionary_get_size (multi_cols[f]->dict);
        res.counts = multi_counts[f];
        memcpy (res.classes, multi_classes[f], sizeof res.classes);
        g_array_append_val (m->multi, res);
      }

  /* ---- the service pass ---- */
  m->has_service_closure = ds->has_services && svc_reasons != NULL;
  m->svc_n_types = types != NULL ? pathways_dictionary_get_size (types->dict) : 1;
  m->svc_n_reasons = cache->n_svc_reasons;
  m->svc_reason_class = cache->svc_reason_class;
  m->svc_base = g_new0 (guint, m->svc_n_types);
  if (m->has_service_closure && (guint64) m->svc_n_types * m->svc_n_reasons <= 16 * 1024 * 1024)
    m->svc_counts = g_new0 (guint, m->svc_n_types * m->svc_n_reasons);
  else
    m->has_service_closure = FALSE;

  if (ds->has_services)
    for (guint w = 0; w < (ds->n_services + 63) / 64; w++)
      {
        guint64 word = sel->services[w];

        while (word != 0)
          {
            guint j = w * 64 + (guint) __builtin_ctzll (word);
            guint16 type = code_or_zero (types, j);
            guint16 reason = code_or_zero (svc_reasons, j);
            gboolean sclosed = day_or_none (svc_end, j) != PATHWAYS_DAY_NONE || reason != 0;

            word &= word - 1;
            if (sclosed && m->svc_counts != NULL)
              {
                m->svc_base[type]++;
                m->svc_counts[type * m->svc_n_reasons + reason]++;
              }
            if (m->wait_present[PATHWAYS_WAIT_SERVICE])
              {
                gint32 s = day_or_none (svc_ref, j);
                gint32 e = svc_start->days[j];

                if (!PATHWAYS_DAY_IS_VALID (s))
                  s = s == PATHWAYS_DAY_NONE ? day_or_none (ref, ds->service_case[j]) : s;
                if (!PATHWAYS_DAY_IS_VALID (s))
                  continue;
                if (PATHWAYS_DAY_IS_VALID (e))
                  {
                    if (e < s)
                      {
                        /* counted per type below through a negative marker */
                        svc_still.d[svc_still.n] = G_MAXUINT32;
                        svc_still.p[svc_still.n++] = type;
                      }
                    else
                      {
                        svc_rec.d[svc_rec.n] = (guint32) (e - s);
                        svc_rec.p[svc_rec.n++] = type;
                      }
                  }
                else if (e == PATHWAYS_DAY_NONE && !sclosed &&
                         PATHWAYS_DAY_IS_VALID (snapshot) && snapshot >= s)
                  {
                    svc_still.d[svc_still.n] = (guint32) (snapshot - s);
                    svc_still.p[svc_still.n++] = type;
                  }
              }
          }
      }

  if (m->wait_present[PATHWAYS_WAIT_SERVICE])
    {
      guint nt = m->svc_n_types;
      g_autofree guint *off = g_new0 (guint, nt + 1);
      g_autofree guint *soff = g_new0 (guint, nt + 1);
      g_autofree guint *fill = g_new (guint, nt + 1);
      g_autofree guint *sfill = g_new (guint, nt + 1);
      g_autofree guint32 *d = g_new (guint32, MAX (svc_rec.n, 1));
      g_autofree guint16 *p = g_new (guint16, MAX (svc_rec.n, 1));
      g_autofree guint32 *sd = g_new (guint32, MAX (svc_still.n, 1));
      g_autofree guint *negative = g_new0 (guint, nt);
      const guint16 *stable = ptable;

      /* group the records by type (counting sort), with the trend period of each */
      for (guint i = 0; i < svc_rec.n; i++)
        off[svc_rec.p[i] + 1]++;
      for (guint i = 0; i < svc_still.n; i++)
        {
          if (svc_still.d[i] == G_MAXUINT32)
            negative[svc_still.p[i]]++;
          else
            soff[svc_still.p[i] + 1]++;
        }
      for (guint t = 0; t < nt; t++)
        {
          off[t + 1] += off[t];
          soff[t + 1] += soff[t];
        }
      memcpy (fill, off, sizeof (guint) * (nt + 1));
      memcpy (sfill, soff, sizeof (guint) * (nt + 1));
      /* the trend period needs the start day again: second look at the services */
      {
        guint idx = 0;
        for (guint w = 0; w < (ds->n_services + 63) / 64; w++)
          {
            guint64 word = sel->services[w];
            while (word != 0)
              {
                guint j = w * 64 + (guint) __builtin_ctzll (word);
                gint32 s = day_or_none (svc_ref, j);
                gint32 e = svc_start->days[j];
                guint16 type = code_or_zero (types, j);

                word &= word - 1;
                if (!PATHWAYS_DAY_IS_VALID (s))
                  s = s == PATHWAYS_DAY_NONE ? day_or_none (ref, ds->service_case[j]) : s;
                if (!PATHWAYS_DAY_IS_VALID (s) || !PATHWAYS_DAY_IS_VALID (e) || e < s)
                  continue;
                g_assert (idx < svc_rec.n);
                d[fill[type]] = svc_rec.d[idx++];
                p[fill[type]++] = period_of (cache, stable, s);
              }
          }
      }
      for (guint i = 0; i < svc_still.n; i++)
        if (svc_still.d[i] != G_MAXUINT32)
          sd[sfill[svc_still.p[i]]++] = svc_still.d[i];

      m->svc_wait_n_types = nt;
      m->svc_waits = g_new0 (PathwaysDurationStats, nt);
      for (guint t = 0; t < nt; t++)
        {
          m->svc_waits[t].negative = negative[t];
          finish_stats (cache, options, &m->svc_waits[t], d + off[t], p + off[t],
                        off[t + 1] - off[t], sd + soff[t], soff[t + 1] - soff[t],
                        options->target_days[PATHWAYS_WAIT_SERVICE]);
        }
    }

  /* completeness: every mapped field */
  m->completeness = g_array_new (FALSE, TRUE, sizeof (PathwaysCompleteness));
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *c = ds->columns[f];
      PathwaysCompleteness comp;
      gboolean svc = pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES;

      if (c == NULL || f == PATHWAYS_FIELD_DATE_OF_BIRTH || (svc && !ds->has_services))
        continue;
      comp.field = f;
      comp.base = svc ? sel->n_selected_services : sel->n_selected_cases;
      comp.missing = count_missing (c, svc ? sel->services : sel->cases,
                                    svc ? ds->n_services : ds->n_cases);
      g_array_append_val (m->completeness, comp);
    }

  return m;
}
