/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The measures cache: what does not depend on the selection, built once per dataset
 * (pathways-measures-private.h describes the tables), and the tables made on first
 * use for a trend unit or a field. */
#define G_LOG_DOMAIN "pathways-measures"

#include "config.h"

#include <string.h>

#include "pathways-measures-private.h"

/* ---- scratch memory ---- */

gpointer
_pathways_arena_alloc (PathwaysArena *a,
                       gsize          bytes,
                       gboolean       zero)
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

void
_pathways_arena_reset (PathwaysArena *a)
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
arena_clear (PathwaysArena *a)
{
  g_slist_free_full (g_steal_pointer (&a->extra), g_free);
  g_clear_pointer (&a->mem, g_free);
  a->size = a->used = a->wanted = 0;
}

/* ---- per dictionary code ---- */

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

/* Per new_or_returning code: 0 new, 1 returning, 2 unknown */
static guint8 *
returner_class_table (PathwaysColumn *nor)
{
  guint n = pathways_dictionary_get_size (nor->dict);
  guint8 *table = g_new (guint8, n);

  table[0] = 2;
  for (guint c = 1; c < n; c++)
    {
      g_autofree char *f = pathways_fold (pathways_dictionary_get (nor->dict, c));
      if (g_str_has_prefix (f, "new") || g_str_has_prefix (f, "first"))
        table[c] = 0;
      else if (g_str_has_prefix (f, "return") || g_str_has_prefix (f, "repeat") ||
               g_str_has_prefix (f, "re referral") || g_str_has_prefix (f, "rereferral"))
        table[c] = 1;
      else
        table[c] = 2;
    }
  return table;
}

/* ---- per case ---- */

/* The service mix of a case: KINDS the kinds of its services or-ed (1 therapy, 2
 * advocacy, see type_kind), OTHER when one of them is neither */
static guint
service_mix (gboolean has_service,
             guint8   kinds,
             gboolean other)
{
  if (!has_service)
    return PATHWAYS_MIX_NO_SERVICE;
  if (kinds == 3)
    return PATHWAYS_MIX_THERAPY_AND_ADVOCACY;
  if (kinds == 1 && !other)
    return PATHWAYS_MIX_THERAPY_ONLY;
  if (kinds == 2 && !other)
    return PATHWAYS_MIX_ADVOCACY_ONLY;
  if (kinds == 1)
    return PATHWAYS_MIX_THERAPY_ONLY;   /* therapy plus e.g. groups: still therapy only */
  if (kinds == 2)
    return PATHWAYS_MIX_ADVOCACY_ONLY;
  return PATHWAYS_MIX_OTHER;
}

/* Per case: closed, planned, has a service, has a service start, its service mix
 * (case_info); its closure class; its earliest service start */
static void
build_case_info (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *dataset = cache->dataset;
  PathwaysColumn *reasons = dataset->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  PathwaysColumn *types = dataset->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  PathwaysColumn *starts = dataset->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
  g_autofree guint8 *type_kinds = NULL;

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
      info |= service_mix (s1 > s0, kinds, other) << INFO_MIX_SHIFT;
      cache->case_info[i] = info;
    }
}

/* Returners derived from person_id, when new_or_returning is not mapped: a person's
 * first case in the data (by referral date) is new, the others returning */
static void
derive_returners (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *dataset = cache->dataset;
  PathwaysColumn *person = dataset->columns[PATHWAYS_FIELD_PERSON_ID];
  PathwaysColumn *ref = dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  guint n_keys;
  g_autofree guint32 *first_case = NULL;

  if (dataset->columns[PATHWAYS_FIELD_NEW_OR_RETURNING] != NULL || person == NULL || ref == NULL)
    return;
  n_keys = person->key_strings->len;
  first_case = g_new (guint32, MAX (n_keys, 1));
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

/* Whole-dataset figures: closed cases, distinct people, the referral range */
static void
count_totals (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *dataset = cache->dataset;
  PathwaysColumn *person = dataset->columns[PATHWAYS_FIELD_PERSON_ID];

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
}

/* ---- trend periods ---- */

#define MAX_PERIOD_DAYS 73050   /* 200 years */

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
      /* financial quarters: Q1 = April–June; counted from the one holding the first day */
      idx[PATHWAYS_TREND_FINANCIAL_QUARTER] = (fy - fy0) * 4 + (mm + 8) % 12 / 3 - (m + 8) % 12 / 3;
      pstart[PATHWAYS_TREND_MONTH] = start;
      pstart[PATHWAYS_TREND_QUARTER] = pathways_day_from_ymd (y, (mm - 1) / 3 * 3 + 1, 1);
      pstart[PATHWAYS_TREND_FINANCIAL_YEAR] = pathways_day_from_ymd (fy, 4, 1);
      pstart[PATHWAYS_TREND_FINANCIAL_QUARTER] = pathways_day_from_ymd (y, (mm - 1) / 3 * 3 + 1, 1);
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

static inline guint16
period_of (const PathwaysMeasuresCache *cache,
           const guint16               *table,
           gint32                       day)
{
  if (table == NULL || day < cache->day_lo || day > cache->day_hi)
    return G_MAXUINT16;
  return table[day - cache->day_lo];
}

/* ---- per row tables ---- */

#define MULTI_BITSET_MAX_VALUES 128

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

/* MISS (a test of row i) over every row, 64 rows to a word: the test compiles to a
 * branch-free loop per kind instead of a switch and a read-modify-write per row. */
#define MISSING_WORDS(bits, n, MISS)                                                  \
  G_STMT_START {                                                                      \
    for (guint w_ = 0; w_ < (n) / 64; w_++)                                           \
      {                                                                               \
        guint64 word_ = 0;                                                            \
        for (guint b_ = 0; b_ < 64; b_++)                                             \
          {                                                                           \
            guint i = w_ * 64 + b_;                                                   \
            word_ |= (guint64) (MISS) << b_;                                          \
          }                                                                           \
        (bits)[w_] = word_;                                                           \
      }                                                                               \
    for (guint i = (n) / 64 * 64; i < (n); i++)                                       \
      (bits)[i >> 6] |= (guint64) (MISS) << (i & 63);                                 \
  } G_STMT_END

static guint64 *
missing_bits (PathwaysColumn *c)
{
  guint64 *bits = g_new0 (guint64, c->n_rows / 64 + 1);
  guint n = c->n_rows;

  switch (c->kind)
    {
    case PATHWAYS_KIND_DATE:
      MISSING_WORDS (bits, n, !PATHWAYS_DAY_IS_VALID (c->days[i]));
      break;
    case PATHWAYS_KIND_INTEGER:
      MISSING_WORDS (bits, n, c->ints[i] == PATHWAYS_INT_NONE);
      break;
    case PATHWAYS_KIND_CATEGORY:
      MISSING_WORDS (bits, n, c->codes[i] == PATHWAYS_CODE_NOT_RECORDED);
      break;
    case PATHWAYS_KIND_KEY:
      MISSING_WORDS (bits, n, c->keys[i] == 0);
      break;
    case PATHWAYS_KIND_MULTI:
      MISSING_WORDS (bits, n, c->multi_state[i] == PATHWAYS_MULTI_NOT_RECORDED);
      break;
    default:
      break;
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

/* Per case: the funnel level, and the bitsets of the closed cases, the planned ones,
 * each level, each service mix, the derived returners and the cases with a person */
static void
build_case_bits (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;
  PathwaysColumn *person = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  guint n = ds->n_cases;

  cache->level = g_new (guint8, MAX (n, 1));
  cache->closed_bits = g_new0 (guint64, cache->words);
  cache->planned_bits = g_new0 (guint64, cache->words);
  cache->level_bits = g_new0 (guint64, cache->words * PATHWAYS_N_STAGES);
  cache->mix_bits = g_new0 (guint64, cache->words * 8);
  cache->returning_bits = g_new0 (guint64, cache->words);
  cache->known_bits = g_new0 (guint64, cache->words);

  for (guint i = 0; i < n; i++)
    {
      guint8 info = cache->case_info[i];
      guint8 level = pathways_stage_reached (ds, i, (info & INFO_PLANNED) != 0);
      guint64 bit = (guint64) 1 << (i & 63);
      gsize w = i >> 6;

      cache->level[i] = level;
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
}

/* Per case the encoded durations (see DUR_*) of the case-level measures: from the
 * referral to the first contact, the assessment, the first service start, the closure */
static void
build_case_durations (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  PathwaysColumn *ends[N_CASE_WAITS] = {
    ds->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE], ds->columns[PATHWAYS_FIELD_ASSESSMENT_DATE],
    NULL, ds->columns[PATHWAYS_FIELD_CLOSURE_DATE],
  };
  gint32 snapshot = ds->snapshot_day;
  guint n = ds->n_cases;

  for (guint k = 0; k < N_CASE_WAITS; k++)
    if (ref != NULL && (ends[k] != NULL || (k == 2 && cache->first_start != NULL)))
      cache->case_dur[k] = g_new (gint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint8 info = cache->case_info[i];
      gboolean open = !(info & INFO_CLOSED);

      for (guint k = 0; k < N_CASE_WAITS; k++)
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

  for (guint k = 0; k < N_CASE_WAITS; k++)
    if (cache->case_dur[k] != NULL)
      for (guint i = 0; i < n; i++)
        cache->max_duration = MAX (cache->max_duration, cache->case_dur[k][i]);
}

/* Per service: whether it is closed, its cell in the service closure table and its
 * encoded wait, then the services in type order */
static void
build_service_rows (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;
  PathwaysColumn *ref = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  PathwaysColumn *svc_start = ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
  PathwaysColumn *svc_ref = ds->columns[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
  PathwaysColumn *svc_end = ds->columns[PATHWAYS_FIELD_SERVICE_END_DATE];
  PathwaysColumn *svc_reasons = ds->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON];
  PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  guint nt = types != NULL ? pathways_dictionary_get_size (types->dict) : 1;

  if (!ds->has_services)
    return;

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
                                               !cache->svc_closed[j], ds->snapshot_day);
          cache->max_duration = MAX (cache->max_duration, cache->svc_dur[j]);
        }
      build_svc_type_order (cache);
    }
}

/* The missing values of every mapped column, as bitsets */
static void
build_missing_bits (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *c = ds->columns[f];
      if (c == NULL || f == PATHWAYS_FIELD_DATE_OF_BIRTH ||
          (pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES && !ds->has_services))
        continue;
      cache->missing[f] = missing_bits (c);
    }
}

/* Per multi-category field with few values: a bitset of the cases listing each value,
 * and one per count class (none, one, multiple, not recorded) */
static void
build_multi_bits (PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = cache->dataset;
  guint n = ds->n_cases;

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

/* ---- made on first use ---- */

#define CODE_BITSET_MAX_VALUES 128

gboolean
_pathways_measures_cache_ensure_code_bits (PathwaysMeasuresCache *cache,
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

void
_pathways_measures_cache_ensure_periods (PathwaysMeasuresCache *cache,
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

void
_pathways_measures_cache_ensure_codes (PathwaysMeasuresCache *cache,
                                       PathwaysTrendUnit      unit)
{
  PathwaysDataset *ds = cache->dataset;
  guint n_periods = cache->period_start[unit]->len;

  if (cache->code_unit == (int) unit)
    return;
  for (guint k = 0; k < N_CASE_WAITS; k++)
    g_clear_pointer (&cache->case_code[k], g_free);
  g_clear_pointer (&cache->svc_code, g_free);
  cache->code_unit = unit;

  for (guint k = 0; k < N_CASE_WAITS; k++)
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

/* ---- the cache ---- */

/* Below this many cases the column tables are built in place: a thread costs more
 * than it saves (tests lower it to run both ways). */
static gint cache_thread_min = 50000;

guint
_pathways_measures_cache_set_thread_min (guint min_cases)
{
  return (guint) g_atomic_int_exchange (&cache_thread_min, (gint) MIN (min_cases, G_MAXINT));
}

/* The tables built from the dataset's columns alone: they write only their own
 * fields of CACHE, so they can be built beside the others */
static gpointer
build_column_tables (gpointer data)
{
  PathwaysMeasuresCache *cache = data;

  build_missing_bits (cache);
  build_multi_bits (cache);
  build_persons (cache);
  return NULL;
}

PathwaysMeasuresCache *
pathways_measures_cache_new (PathwaysDataset *dataset)
{
  static const PathwaysField counted[] = {
    PATHWAYS_FIELD_CLOSURE_REASON, PATHWAYS_FIELD_TIME_BEFORE_SUPPORT, PATHWAYS_FIELD_NEW_OR_RETURNING,
    PATHWAYS_FIELD_REFERRAL_SOURCE, PATHWAYS_FIELD_PRIMARY_INCIDENT, PATHWAYS_FIELD_AGE_BAND,
    PATHWAYS_FIELD_GENDER,
  };
  PathwaysMeasuresCache *cache;
  PathwaysColumn *nor;
  GThread *others = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);

  cache = g_new0 (PathwaysMeasuresCache, 1);
  cache->dataset = pathways_dataset_ref (dataset);
  nor = dataset->columns[PATHWAYS_FIELD_NEW_OR_RETURNING];

  /* one mapping call per dictionary code, never per row */
  cache->case_reason_class = class_table (dataset, dataset->columns[PATHWAYS_FIELD_CLOSURE_REASON],
                                          &cache->n_case_reasons);
  cache->svc_reason_class = class_table (dataset, dataset->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON],
                                         &cache->n_svc_reasons);
  if (nor != NULL)
    cache->nor_class = returner_class_table (nor);

  cache->words = dataset->n_cases / 64 + 1;
  /* The tables that read only the dataset's columns (missing values, multi-value
   * bitsets, people) on a second core for a large dataset, the others here: the
   * first report after an import or a reopen waits for the longer of the two */
  if (dataset->n_cases >= (guint) g_atomic_int_get (&cache_thread_min))
    others = g_thread_new ("pathways-cache", build_column_tables, cache);
  else
    build_column_tables (cache);
  build_case_info (cache);
  derive_returners (cache);
  count_totals (cache);
  build_periods (cache);
  build_case_bits (cache);
  build_case_durations (cache);
  build_service_rows (cache);
  /* the first report (monthly trend, the default) finds everything ready */
  cache->code_unit = -1;
  _pathways_measures_cache_ensure_periods (cache, PATHWAYS_TREND_MONTH);
  _pathways_measures_cache_ensure_codes (cache, PATHWAYS_TREND_MONTH);
  if (others != NULL)
    g_thread_join (others);
  for (guint f = 0; f < G_N_ELEMENTS (counted); f++)
    _pathways_measures_cache_ensure_code_bits (cache, counted[f]);
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
  for (guint k = 0; k < N_CASE_WAITS; k++)
    g_free (cache->case_dur[k]);
  g_free (cache->svc_dur);
  g_free (cache->svc_closed);
  for (guint u = 0; u < G_N_ELEMENTS (cache->activity_rows); u++)
    _pathways_activity_rows_free (cache->activity_rows[u]);
  for (guint u = 0; u < N_TREND_UNITS; u++)
    {
      g_free (cache->case_period[u]);
      g_free (cache->svc_period[u]);
      g_free (cache->svc_period_by_type[u]);
    }
  for (guint k = 0; k < N_CASE_WAITS; k++)
    g_free (cache->case_code[k]);
  g_free (cache->svc_code);
  g_free (cache->svc_code_base);
  g_free (cache->svc_code_w);
  g_free (cache->svc_code_s);
  g_free (cache->svc_close_code);
  pathways_measures_free (cache->full);
  g_clear_pointer (&cache->full_profiles, g_ptr_array_unref);
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
