/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The waiting times of a selection (spec/metrics.md "Waiting times"): per measure the
 * durations of the selected rows, from the cache's encodings, summarised with their
 * trend by referral period. Two ways, giving the same figures to the bit: counting each
 * selected row into its cell of a period x day table made from the cache's cell
 * numbers (one read and one increment per row), or, when that table would be large
 * next to the selection, gathering the durations and building the histograms. */
#define G_LOG_DOMAIN "pathways-measures"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-measures-private.h"

static const PathwaysWaitMeasure case_waits[N_CASE_WAITS] = {
  PATHWAYS_WAIT_REFERRAL_TO_CONTACT, PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT,
  PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START, PATHWAYS_WAIT_TIME_IN_SERVICE,
};

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

/* The trend in the second pass of finish_stats. COUNT and COARSE hold the records per
 * period and per period x block of TREND_BLOCK days (row n_periods: the records without
 * a period); they give the blocks holding ranks (c - 1) / 2 and c / 2 of each period,
 * and a fine histogram of just those blocks the values. */
static GArray *
block_trend (GArray         *starts,
             const guint32  *d,
             const guint16  *p,
             guint           n,
             const guint    *count,
             const guint    *coarse,
             guint           n_blocks,
             PathwaysArena  *arena)
{
  guint n_periods = starts->len;
  guint *target_blk = ARENA_NEW (arena, guint, 2 * (n_periods + 1));
  guint *below = ARENA_NEW0 (arena, guint, 2 * n_periods);
  guint *fine;
  GArray *trend;

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
  trend = g_array_new (FALSE, FALSE, sizeof (PathwaysTrendPoint));
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
      g_array_append_val (trend, pt);
    }
  return trend;
}

/* Statistics and trend of one record set: N durations D with their periods P, N_STILL
 * still-waiting times STILL (reordered). In two passes: the first fills the overall
 * histogram, the sum and the coarse per-period histograms, the second (block_trend)
 * the fine histograms of the blocks holding each period's median ranks. Falls back to
 * the general functions when the day range is large next to the number of records. */
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
              PathwaysArena                 *arena)
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
      guint64 sum = 0;

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

      pathways_duration_stats_from_histogram (stats, hist, size, n, sum, bands, target);
      stats->trend = block_trend (starts, d, p, n, count, coarse, n_blocks, arena);
    }

  stats->negative = negative;
  stats->still_n = n_still;
  stats->still_max = 0;
  for (guint i = 0; i < n_still; i++)
    stats->still_max = MAX (stats->still_max, (gint32) still[i]);
  stats->still_median = pathways_median_select (still, n_still);
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

/* Statistics and trend from a one-pass table (see _pathways_measures_cache_ensure_codes):
 * N_PERIODS + 1 rows of W days (the last row: records without a period), the cell of
 * records outside the measure, the negative ones, then S still-waiting days. The
 * figures are those of finish_stats, to the bit: the same histograms, ranks and
 * formulas. */
static void
stats_from_table (const PathwaysMeasuresCache   *cache,
                  const PathwaysMeasuresOptions *options,
                  PathwaysDurationStats         *stats,
                  const guint32                 *table,
                  guint                          w,
                  guint                          s,
                  gint32                         target,
                  PathwaysArena                 *arena)
{
  PathwaysTrendUnit unit = options->trend_unit < N_TREND_UNITS ? options->trend_unit : PATHWAYS_TREND_MONTH;
  GArray *starts = cache->period_start[unit];
  guint n_periods = starts->len;
  const PathwaysBands *bands = &options->bands;
  const guint32 *tail = table + (gsize) (n_periods + 1) * w;
  const guint32 *still = tail + 2;
  guint32 *hist = ARENA_NEW0 (arena, guint32, w);
  guint64 n = 0, sum = 0, n_still = 0;

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
    pathways_duration_stats_from_histogram (stats, hist, w, (guint) n, sum, bands, target);

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
      /* as pathways_median_select: the lower middle value, and halfway to the next when even */
      guint32 lo = row_rank (still, (n_still - 1) / 2);

      if (n_still % 2 == 1)
        stats->still_median = lo;
      else
        stats->still_median = lo + 0.5 * ((double) row_rank (still, (n_still - 1) / 2 + 1) - (double) lo);
    }
}

/* One read and one increment per row, whole words of selected rows without bit tests */
void
_pathways_measures_count_cells (guint32        *table,
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

void
_pathways_measures_count_cells2 (guint32        *table_a,
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

/* One case-level duration measure: count the selected cases into the one-pass table,
 * or gather their precomputed durations; then the statistics and the trend */
void
_pathways_measures_case_wait_part (PathwaysMeasuresContext *x,
                                   guint                    k,
                                   PathwaysArena           *arena)
{
  PathwaysMeasures *m = x->m;
  const PathwaysMeasuresCache *cache = x->cache;
  const gint32 *dur = cache->case_dur[k];
  const guint16 *periods = cache->case_period[x->unit];
  PathwaysRecords *rec = &x->recs[k], *st = &x->still[k];
  PathwaysDurationStats *stats = &m->waits[case_waits[k]];
  guint negative = 0;

  if (!m->wait_present[case_waits[k]] || dur == NULL)
    return;
  if (cache->case_code[k] != NULL && cache->code_unit == (int) x->unit &&
      cache->case_code_cells[k] <= 8 * (gsize) x->sel->n_selected_cases + 65536)
    {
      /* one pass: each selected row adds one to its period x day cell */
      guint32 *table = ARENA_NEW0 (arena, guint32, cache->case_code_cells[k]);

      _pathways_measures_count_cells (table, cache->case_code[k], x->sel->cases, x->ds->n_cases);
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

/* Whether the service waits are measured: service start dates, and the cache's
 * type-ordered copies of the waits for the dictionary of service types */
static gboolean
service_waits_present (PathwaysMeasuresContext *x)
{
  const PathwaysMeasuresCache *cache = x->cache;

  return x->m->wait_present[PATHWAYS_WAIT_SERVICE] && cache->svc_dur != NULL &&
         cache->svc_by_type != NULL && cache->svc_n_types == x->m->svc_n_types;
}

guint32 *
_pathways_measures_service_wait_table (PathwaysMeasuresContext *x,
                                       PathwaysArena           *arena)
{
  const PathwaysMeasuresCache *cache = x->cache;
  guint nt = x->m->svc_n_types;

  if (service_waits_present (x) && cache->svc_code != NULL && cache->code_unit == (int) x->unit &&
      cache->svc_code_base[nt] <= 8 * (gsize) x->sel->n_selected_services + 65536)
    return ARENA_NEW0 (arena, guint32, cache->svc_code_base[nt]);
  return NULL;
}

/* The waits per service type from the cache's type-ordered copies, so no sort by type
 * is needed: branch-free appends, as in _pathways_measures_case_wait_part */
static void
gather_service_waits (PathwaysMeasuresContext *x,
                      PathwaysArena           *arena)
{
  PathwaysMeasures *m = x->m;
  const PathwaysMeasuresCache *cache = x->cache;
  const guint64 *sel = x->sel->services;
  const guint32 *order = cache->svc_by_type;
  const gint32 *dur = cache->svc_dur_by_type;
  const guint16 *periods = cache->svc_period_by_type[x->unit];
  guint32 *d = x->svc_rec.d, *sd = x->svc_still.d;
  guint16 *p = x->svc_rec.p;

  for (guint t = 0; t < m->svc_wait_n_types; t++)
    {
      guint rn = 0, sn = 0, negative = 0;

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

void
_pathways_measures_service_waits (PathwaysMeasuresContext *x,
                                  guint32                 *wait_table,
                                  gboolean                 counted,
                                  PathwaysArena           *arena)
{
  PathwaysMeasures *m = x->m;
  const PathwaysMeasuresCache *cache = x->cache;
  guint nt = m->svc_n_types;

  if (wait_table == NULL && !service_waits_present (x))
    return;
  m->svc_wait_n_types = nt;
  m->svc_waits = g_new0 (PathwaysDurationStats, nt);
  if (wait_table == NULL)
    {
      gather_service_waits (x, arena);
      return;
    }
  /* one pass: each selected service adds one to its type's period x day cell */
  if (!counted)
    _pathways_measures_count_cells (wait_table, cache->svc_code, x->sel->services, x->ds->n_services);
  for (guint t = 0; t < nt; t++)
    stats_from_table (cache, x->options, &m->svc_waits[t], wait_table + cache->svc_code_base[t],
                      cache->svc_code_w[t], cache->svc_code_s[t],
                      x->options->target_days[PATHWAYS_WAIT_SERVICE], arena);
}
