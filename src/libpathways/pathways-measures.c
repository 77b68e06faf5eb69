/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The measures of a selection, from the measures cache: counts by intersecting the
 * selection with the cache's bitsets (or one pass over the selected cases when a field
 * has too many values), distinct people, multi-category fields, service closure
 * reasons, completeness; the waiting times are pathways-measures-waits.c's. The work
 * is split into tasks that two threads take in turn. */
#define G_LOG_DOMAIN "pathways-measures"

#include "config.h"

#include <string.h>
#include <time.h>
#include "pathways-i18n.h"

#include "pathways-measures-private.h"

/* ---- names and options ---- */

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
pathways_measures_options_init (PathwaysMeasuresOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->population = PATHWAYS_POPULATION_CLOSED;
  options->split_field = -1;
  options->trend_unit = PATHWAYS_TREND_AUTO;
  pathways_bands_init_default (&options->bands);
  options->target_days[PATHWAYS_WAIT_REFERRAL_TO_CONTACT] = 28;
  options->target_days[PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT] = 28;
  options->target_days[PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START] = 100;
  options->target_days[PATHWAYS_WAIT_SERVICE] = 100;
  options->target_days[PATHWAYS_WAIT_TIME_IN_SERVICE] = 365;
}

/* ---- results ---- */

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

/* ---- counting ---- */

static inline guint
popcount64 (guint64 x)
{
  /* SWAR: the build does not assume a popcnt instruction */
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
  return (guint) ((x * 0x0101010101010101ULL) >> 56);
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

static const PathwaysField rate_fields[] = {
  PATHWAYS_FIELD_REFERRAL_SOURCE, PATHWAYS_FIELD_PRIMARY_INCIDENT, PATHWAYS_FIELD_AGE_BAND,
  PATHWAYS_FIELD_GENDER, PATHWAYS_FIELD_NEW_OR_RETURNING,
};

static const PathwaysField multi_fields[] = {
  PATHWAYS_FIELD_RISKS, PATHWAYS_FIELD_ISSUES, PATHWAYS_FIELD_IMPACTS,
};

#define FOREACH_SELECTED(bits, n_rows, i)                                      \
  for (guint _w = 0; _w < ((n_rows) + 63) / 64; _w++)                          \
    for (guint64 _word = (bits)[_w]; _word != 0; _word &= _word - 1)           \
      for (guint i = _w * 64 + (guint) __builtin_ctzll (_word), _once = 1; _once; _once = 0)

/* Case-level counts by intersecting the selection with cached bitsets: funnel levels,
 * closure reasons, rates, time before support, returners. */
static void
case_counts_bits (PathwaysMeasuresContext *x,
                  guint                   *level_hist,
                  PathwaysArena           *arena)
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
case_counts_loop (PathwaysMeasuresContext *x,
                  guint                   *level_hist)
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
case_part (PathwaysMeasuresContext *x,
           PathwaysArena           *arena)
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

/* Distinct people among the selected cases, in all and per age band */
static void
persons_part (PathwaysMeasuresContext *x,
              PathwaysArena           *arena)
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

/* Multi-category fields: count classes per case, and per value the cases listing it
 * (the values of one cell are distinct: the importer keeps each once). */
static void
multi_part (PathwaysMeasuresContext *x)
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

/* Service closure reasons: per service type the closed services, and per type x
 * reason the count. Returns whether the same walk counted the services into
 * WAIT_TABLE, the one-pass table of their waits (see
 * _pathways_measures_service_wait_table) */
static gboolean
service_closure_counts (PathwaysMeasuresContext *x,
                        guint32                 *wait_table,
                        PathwaysArena           *arena)
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
  guint nt = m->svc_n_types;
  gboolean waits_counted = FALSE;

  if (svc_counts != NULL && cache->svc_close_code != NULL)
    {
      /* each closed service adds one to its type x reason cell; open ones to a spare */
      gsize cells = (gsize) nt * n_reasons;
      guint32 *table = ARENA_NEW0 (arena, guint32, cells + 1);

      if (wait_table != NULL)
        {
          /* and, in the same walk, to its type's period x day cell */
          _pathways_measures_count_cells2 (table, cache->svc_close_code, wait_table, cache->svc_code,
                                           sel, ds->n_services);
          waits_counted = TRUE;
        }
      else
        _pathways_measures_count_cells (table, cache->svc_close_code, sel, ds->n_services);
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
  return waits_counted;
}

/* The selected services: closure reasons and waits, in one walk over them when both
 * count into tables */
static void
service_part (PathwaysMeasuresContext *x,
              PathwaysArena           *arena)
{
  guint32 *wait_table;
  gboolean counted;

  if (!x->ds->has_services)
    return;
  wait_table = _pathways_measures_service_wait_table (x, arena);
  counted = service_closure_counts (x, wait_table, arena);
  _pathways_measures_service_waits (x, wait_table, counted, arena);
}

/* A closure field (a case's closure date or reason, a service's end date or closure
 * reason) is missing only where the case or service is closed: an open case has no
 * closure to record. Its base is the selected cases with a closure date or reason (the
 * selected services with an end date or closure reason), its missing ones those of
 * them without F. */
static gboolean
closure_completeness (PathwaysMeasuresContext *x,
                      PathwaysField            f,
                      PathwaysCompleteness    *comp)
{
  PathwaysDataset *ds = x->ds;
  gboolean svc = pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES;
  PathwaysField date = svc ? PATHWAYS_FIELD_SERVICE_END_DATE : PATHWAYS_FIELD_CLOSURE_DATE;
  PathwaysField reason = svc ? PATHWAYS_FIELD_SERVICE_CLOSURE_REASON : PATHWAYS_FIELD_CLOSURE_REASON;
  const guint64 *sel = svc ? x->sel->services : x->sel->cases;
  const guint64 *no_date, *no_reason, *own;
  guint n_words = ((svc ? ds->n_services : ds->n_cases) + 63) / 64;

  if (f != date && f != reason)
    return FALSE;
  no_date = ds->columns[date] != NULL ? x->cache->missing[date] : NULL;
  no_reason = ds->columns[reason] != NULL ? x->cache->missing[reason] : NULL;
  own = f == date ? no_date : no_reason;
  comp->base = comp->missing = 0;
  for (guint w = 0; w < n_words; w++)
    {
      guint64 closed = ~((no_date != NULL ? no_date[w] : ~(guint64) 0) &
                         (no_reason != NULL ? no_reason[w] : ~(guint64) 0)) & sel[w];

      comp->base += popcount64 (closed);
      comp->missing += popcount64 (closed & own[w]);
    }
  return TRUE;
}

/* Completeness: every mapped field, the closure fields over closed records only */
static void
completeness_part (PathwaysMeasuresContext *x)
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
      if (closure_completeness (x, f, &comp))
        {
          g_array_append_val (x->m->completeness, comp);
          continue;
        }
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

/* ---- computing ---- */

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
run_tasks (PathwaysMeasuresContext *x)
{
  int t;

  while ((t = g_atomic_int_add (&x->next_task, 1)) < N_TASKS)
    {
      struct timespec ts0, ts1;
      PathwaysArena *arena = &x->cache->arenas[t];

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts0);
      switch (t)
        {
        case TASK_CASES: case_part (x, arena); break;
        case TASK_PERSONS: persons_part (x, arena); break;
        case TASK_SERVICES: service_part (x, arena); break;
        case TASK_MULTI: multi_part (x); break;
        case TASK_COMPLETENESS: completeness_part (x); break;
        default: _pathways_measures_case_wait_part (x, t - TASK_WAIT_0, arena); break;
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
  if (a->activity != b->activity || a->activity_unit != b->activity_unit ||
      a->n_targets != b->n_targets || a->breakdowns != b->breakdowns ||
      a->crosstab != b->crosstab || a->crosstab_rows != b->crosstab_rows ||
      a->crosstab_cols != b->crosstab_cols)
    return FALSE;
  for (guint t = 0; t < a->n_targets && t < PATHWAYS_MAX_TARGETS; t++)
    if (!pathways_target_equal (&a->targets[t], &b->targets[t]))
      return FALSE;
  return TRUE;
}

/* Below this many selected rows a second thread costs more than it saves */
#define THREAD_MIN_ROWS 50000

/* The columns one computation reads */
static void
context_init (PathwaysMeasuresContext       *x,
              PathwaysDataset               *ds,
              PathwaysMeasuresCache         *cache,
              const PathwaysSelection       *sel,
              const PathwaysMeasuresOptions *options)
{
  memset (x, 0, sizeof *x);
  x->ds = ds;
  x->cache = cache;
  x->sel = sel;
  x->options = options;
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
  x->unit = options->trend_unit < N_TREND_UNITS ? options->trend_unit : PATHWAYS_TREND_MONTH;
}

/* The planned-closure rate tables: which groupings the dataset maps, zeroed counts */
static void
rates_init (PathwaysMeasuresContext *x)
{
  for (guint r = 0; r < PATHWAYS_N_RATE_GROUPINGS; r++)
    {
      PathwaysRateTable *t = &x->m->rates[r];

      if (r == PATHWAYS_RATE_BY_SERVICE_MIX)
        {
          t->present = x->cache->mix_present;
          t->n_groups = PATHWAYS_N_MIXES;
        }
      else
        {
          PathwaysColumn *c = x->ds->columns[rate_fields[r]];
          t->present = c != NULL && c->codes != NULL;
          t->n_groups = t->present ? pathways_dictionary_get_size (c->dict) : 0;
        }
      if (t->present)
        {
          t->closed = g_new0 (guint, t->n_groups);
          t->planned = g_new0 (guint, t->n_groups);
        }
    }
}

/* A new result: which measures the dataset allows, their counts zeroed */
static PathwaysMeasures *
measures_new (PathwaysMeasuresContext *x)
{
  PathwaysDataset *ds = x->ds;
  const PathwaysMeasuresCache *cache = x->cache;
  PathwaysMeasures *m = g_new0 (PathwaysMeasures, 1);

  x->m = m;
  m->n_cases = x->sel->n_selected_cases;
  m->n_services = x->sel->n_selected_services;

  /* which funnel stages exist */
  for (guint st = 0; st < PATHWAYS_N_STAGES; st++)
    m->stage_shown[st] = pathways_stage_is_recorded (ds, st);

  m->split_field = x->split != NULL ? x->options->split_field : -1;
  if (x->split != NULL)
    {
      m->split_n_values = pathways_dictionary_get_size (x->split->dict);
      m->split_counts = g_new0 (guint, m->split_n_values * PATHWAYS_N_STAGES);
    }

  m->has_closure_reasons = x->reasons != NULL;
  m->closure_n_reasons = cache->n_case_reasons;
  m->closure_counts = g_new0 (guint, MAX (cache->n_case_reasons, 1));
  m->closure_reason_class = cache->case_reason_class;

  rates_init (x);

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
  return m;
}

/* The records of the waits, in scratch memory kept in the cache between computations:
 * per case measure its records and its still-waiting records; per service one record
 * either way (the service waits write one past their last, hence the 2) */
static void
scratch_init (PathwaysMeasuresContext *x)
{
  PathwaysMeasuresCache *cache = x->cache;
  gsize nc = x->sel->n_selected_cases;
  gsize ns = x->sel->n_selected_services;
  gsize need = nc * N_CASE_WAITS * 2 + ns * 2 + 2;

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
}

/* The cache's tables this computation needs: per-code bitsets of the fields it counts
 * (counting by bitsets when every one has them), trend periods and one-pass tables for
 * its trend unit */
static void
cache_prepare (PathwaysMeasuresContext *x)
{
  PathwaysMeasuresCache *cache = x->cache;

  x->count_by_bits = TRUE;
  if (x->reasons != NULL)
    x->count_by_bits &= _pathways_measures_cache_ensure_code_bits (cache, PATHWAYS_FIELD_CLOSURE_REASON);
  if (x->tbs != NULL)
    x->count_by_bits &= _pathways_measures_cache_ensure_code_bits (cache, PATHWAYS_FIELD_TIME_BEFORE_SUPPORT);
  if (x->nor != NULL)
    x->count_by_bits &= _pathways_measures_cache_ensure_code_bits (cache, PATHWAYS_FIELD_NEW_OR_RETURNING);
  if (x->split != NULL)
    x->count_by_bits &= _pathways_measures_cache_ensure_code_bits (cache, x->m->split_field);
  for (guint g = 0; g < PATHWAYS_N_RATE_GROUPINGS; g++)
    if (g != PATHWAYS_RATE_BY_SERVICE_MIX && x->m->rates[g].present)
      x->count_by_bits &= _pathways_measures_cache_ensure_code_bits (cache, rate_fields[g]);
  _pathways_measures_cache_ensure_periods (cache, x->unit);
  _pathways_measures_cache_ensure_codes (cache, x->unit);
}

PathwaysMeasures *
pathways_measures_compute (PathwaysDataset               *ds,
                           PathwaysMeasuresCache         *cache,
                           const PathwaysSelection       *sel,
                           const PathwaysMeasuresOptions *options)
{
  PathwaysMeasures *m;
  PathwaysMeasuresContext ctx, *x = &ctx;
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

  context_init (x, ds, cache, sel, options);
  m = measures_new (x);
  scratch_init (x);
  cache_prepare (x);

  /* two cores: the services, multi-category fields and completeness beside the cases */
  if ((gsize) sel->n_selected_cases + sel->n_selected_services >= THREAD_MIN_ROWS)
    thread = g_thread_try_new ("pathways-measures", task_thread, x, NULL);
  run_tasks (x);
  if (thread != NULL)
    g_thread_join (thread);
  for (guint t = 0; t < N_TASKS; t++)
    _pathways_arena_reset (&cache->arenas[t]);

  if (full)
    {
      pathways_measures_free (cache->full);
      cache->full = pathways_measures_copy (m);
      cache->full_options = *options;
    }
  return m;
}
