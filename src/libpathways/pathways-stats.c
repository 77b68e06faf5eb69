/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-stats"

#include "config.h"

#include <math.h>
#include <string.h>
#include "pathways-i18n.h"

#include "pathways-stats.h"

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

double
pathways_histogram_percentile (const guint32 *hist,
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
      stats->median = pathways_histogram_percentile (hist, size, n, 50.0);
      stats->p90 = pathways_histogram_percentile (hist, size, n, 90.0);
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

void
pathways_duration_stats_from_histogram (PathwaysDurationStats *stats,
                                        const guint32         *hist,
                                        guint32                size,
                                        guint                  n,
                                        guint64                sum,
                                        const PathwaysBands   *bands,
                                        gint32                 target_days)
{
  guint b = 0;
  gint64 limit;
  gboolean seen_min = FALSE;

  g_return_if_fail (stats != NULL && bands != NULL && n > 0);

  stats->n = n;
  stats->target_days = target_days;
  stats->within_target = 0;
  memset (stats->band_counts, 0, sizeof stats->band_counts);
  stats->mean = (double) sum / n;
  stats->median = pathways_histogram_percentile (hist, size, n, 50.0);
  stats->p90 = pathways_histogram_percentile (hist, size, n, 90.0);
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
      if ((gint64) v <= target_days)
        stats->within_target += hist[v];
    }
}

double
pathways_median_select (guint32 *v,
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
