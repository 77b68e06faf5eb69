/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cell keys by bit planes (see pathways-disclosure-keys.h).
 *
 * Why it is exact: a count cell counts a set R of records, and the key it needs is
 * (sum over r in R of rk(r)) mod 256 = (sum over b of 2^b * |{r in R: bit b of rk(r)}|)
 * mod 256. Counting the report over the selection narrowed to the records whose key
 * has bit b set gives |{r in R: bit b of rk(r)}| for every cell at once, so eight
 * narrowed reports give every cell's key. This holds for every count whose records are
 * chosen one by one (a case counts when it is selected and meets its row's condition),
 * which is what the report's count cells are; a row a narrowed report does not show
 * counted nothing there.
 */
#define G_LOG_DOMAIN "pathways-disclosure"

#include "config.h"

#include <math.h>

#include "pathways-disclosure-keys.h"
#include "pathways-analysis.h"
#include "pathways-measures-private.h"

#define N_PLANES 8

#define CELL(t, r, c) (&((PathwaysReportRow *) g_ptr_array_index ((t)->rows, (r)))->cells[(c)])

void
_pathways_selection_mask (PathwaysSelection *sel,
                          const guint64     *cases,
                          const guint64     *services)
{
  guint n = 0;

  g_return_if_fail (sel != NULL);

  if (cases != NULL)
    {
      for (guint w = 0; w < (sel->n_cases + 63) / 64; w++)
        {
          sel->cases[w] &= cases[w];
          n += (guint) __builtin_popcountll (sel->cases[w]);
        }
      sel->n_selected_cases = n;
    }
  if (services != NULL)
    {
      n = 0;
      for (guint w = 0; w < (sel->n_services + 63) / 64; w++)
        {
          sel->services[w] &= services[w];
          n += (guint) __builtin_popcountll (sel->services[w]);
        }
      sel->n_selected_services = n;
    }
}

/* The records whose key has bit B set */
static guint64 *
plane_bits (const guint8 *keys,
            guint         n,
            guint         b)
{
  guint64 *bits = g_new0 (guint64, (n + 63) / 64 + 1);

  for (guint i = 0; i < n; i++)
    bits[i >> 6] |= (guint64) ((keys[i] >> b) & 1) << (i & 63);
  return bits;
}

static gboolean
is_person_column (PathwaysReportTable *t,
                  guint                c)
{
  return g_str_equal (((PathwaysReportColumn *) g_ptr_array_index (t->columns, c))->id, "persons");
}

static gboolean
wants_key (const PathwaysCell *cell)
{
  /* a count formed from two shown ones (a funnel drop) is derived again from them */
  return cell->kind == PATHWAYS_CELL_COUNT &&
         !(cell->sources[0].row >= 0 && cell->sources[1].row >= 0);
}

static void
key_init (PathwaysCell *cell)
{
  /* a percent of counts it does not show ("% within target", a completion rate)
   * carries their keys, to be formed again from them perturbed */
  cell->has_key = wants_key (cell) ||
                  (cell->kind == PATHWAYS_CELL_PERCENT && cell->hidden_num >= 0);
  cell->key = 0;
  cell->key_den = 0;
}

static void
init_keys (PathwaysReport *report)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (!t->protect)
        continue;
      key_init (&t->base);
      for (guint c = 0; t->totals != NULL && c < t->columns->len; c++)
        key_init (&t->totals[c]);
      for (guint r = 0; r < t->rows->len; r++)
        for (guint c = 0; c < t->columns->len; c++)
          key_init (CELL (t, r, c));
    }
}

/* KEY gains 2^B times COUNT, a count in plane B (mod 256: guint8 arithmetic). */
static void
add_count (guint8 *key,
           double  count,
           guint   b)
{
  if (!isnan (count) && count > 0)
    *key += (guint8) (((guint64) count) << b);
}

static void
add_plane (PathwaysCell       *cell,
           double              count,
           guint               b)
{
  if (cell->has_key)
    add_count (&cell->key, count, b);
}

/* CELL's keys from the same cell PLANE of plane B's report */
static void
add_plane_cell (PathwaysCell       *cell,
                const PathwaysCell *plane,
                guint               b)
{
  if (!cell->has_key)
    return;
  if (cell->kind == PATHWAYS_CELL_COUNT)
    add_count (&cell->key, plane->defined ? plane->value : NAN, b);
  else
    {
      add_count (&cell->key, plane->hidden_num >= 0 ? (double) plane->hidden_num : NAN, b);
      add_count (&cell->key_den, plane->hidden_den >= 0 ? (double) plane->hidden_den : NAN, b);
    }
}

static double
plane_value (const PathwaysCell *cell)
{
  return cell != NULL && cell->defined ? cell->value : NAN;
}

/* Rows by id and occurrence ("id\x1fn"), so that a row is found when a narrowed
 * report leaves others out or orders them differently */
static GHashTable *
index_rows (PathwaysReportTable *t)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      const char *id = row->id != NULL ? row->id : "";
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, id));

      g_hash_table_insert (seen, (gpointer) id, GUINT_TO_POINTER (n + 1));
      g_hash_table_insert (index, g_strdup_printf ("%s\x1f%u", id, n), GUINT_TO_POINTER (r + 1));
    }
  return index;
}

static void
add_table_plane (PathwaysReportTable *t,
                 PathwaysReportTable *plane,
                 guint                b)
{
  g_autoptr(GHashTable) index = index_rows (plane);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree int *col = g_new (int, MAX (t->columns->len, 1));

  for (guint c = 0; c < t->columns->len; c++)
    {
      PathwaysReportColumn *column = g_ptr_array_index (t->columns, c);
      col[c] = is_person_column (t, c) ? -1 : pathways_report_table_find_column (plane, column->id);
    }
  add_plane (&t->base, plane_value (&plane->base), b);
  for (guint c = 0; t->totals != NULL && plane->totals != NULL && c < t->columns->len; c++)
    if (col[c] >= 0)
      add_plane (&t->totals[c], plane_value (&plane->totals[col[c]]), b);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      const char *id = row->id != NULL ? row->id : "";
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, id));
      g_autofree char *name = g_strdup_printf ("%s\x1f%u", id, n);
      guint pr = GPOINTER_TO_UINT (g_hash_table_lookup (index, name));

      g_hash_table_insert (seen, (gpointer) id, GUINT_TO_POINTER (n + 1));
      if (pr == 0)
        continue;   /* not shown there: it counted nothing in this plane */
      for (guint c = 0; c < t->columns->len; c++)
        if (col[c] >= 0)
          add_plane_cell (CELL (t, r, c), CELL (plane, pr - 1, col[c]), b);
    }
}

/* The "persons" columns, from the measures over the cases whose person's key has bit
 * B set: the distinct people among them are the people with bit B among the counted. */
static void
add_person_plane (PathwaysReport         *report,
                  const PathwaysMeasures *m,
                  guint                   b)
{
  PathwaysReportTable *cohort = pathways_report_get_table (report, "cohort", NULL);
  PathwaysReportTable *cpp = pathways_report_get_table (report, "cases_per_person", NULL);
  PathwaysColumn *age = report->dataset->columns[PATHWAYS_FIELD_AGE_BAND];
  int c;

  if (cohort != NULL && cohort->rows->len > 0 && (c = pathways_report_table_find_column (cohort, "persons")) >= 0)
    add_plane (CELL (cohort, 0, c), m->has_persons ? m->n_persons : NAN, b);
  if (cpp == NULL || age == NULL || (c = pathways_report_table_find_column (cpp, "persons")) < 0)
    return;
  for (guint r = 0; r < cpp->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (cpp->rows, r);

      for (guint code = 0; code < m->age_n_bands; code++)
        if (g_strcmp0 (pathways_dictionary_get (age->dict, code), row->id) == 0)
          {
            add_plane (CELL (cpp, r, c), m->age_persons[code], b);
            break;
          }
    }
}

/* The whole dataset's table does not follow the selection: its keys are summed
 * directly (closed cases from the cache's flags, each person once). */
static void
dataset_keys (PathwaysReport        *report,
              PathwaysMeasuresCache *cache)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "dataset", NULL);
  PathwaysDataset *ds = report->dataset;
  PathwaysColumn *person = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  const guint8 *ck, *sk, *pk;
  guint8 cases = 0, closed = 0, services = 0, persons = 0;
  const char *ids[] = { "cases", "services", "persons", "open_cases", "closed_cases" };
  guint8 keys[G_N_ELEMENTS (ids)];

  if (t == NULL || !t->protect || t->rows->len == 0)
    return;
  ck = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_CASE);
  sk = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_SERVICE);
  pk = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_PERSON);
  for (guint i = 0; i < ds->n_cases; i++)
    {
      cases += ck[i];
      closed += (cache->case_info[i] & INFO_CLOSED) ? ck[i] : 0;
    }
  for (guint j = 0; j < ds->n_services; j++)
    services += sk[j];
  if (person != NULL)
    {
      g_autofree guint64 *seen = g_new0 (guint64, person->key_strings->len / 64 + 1);

      for (guint i = 0; i < ds->n_cases; i++)
        {
          guint32 key = person->keys[i];

          if (key == 0 || (seen[key >> 6] >> (key & 63)) & 1)
            continue;   /* no person, or one counted already */
          seen[key >> 6] |= (guint64) 1 << (key & 63);
          persons += pk[i];
        }
    }
  keys[0] = cases;
  keys[1] = services;
  keys[2] = persons;
  keys[3] = (guint8) (cases - closed);
  keys[4] = closed;
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      int c = pathways_report_table_find_column (t, ids[k]);
      if (c >= 0 && CELL (t, 0, c)->has_key)
        CELL (t, 0, c)->key = keys[k];
    }
}

/* A table no narrowed report has (one made from other reports' figures, as a funder
 * return's): its cells get no key, and if it counts anyone the report cannot be
 * perturbed. */
static gboolean
unkeyed_table (PathwaysReportTable *t)
{
  gboolean counts = FALSE;

  for (guint r = 0; r < t->rows->len; r++)
    for (guint c = 0; c < t->columns->len; c++)
      {
        PathwaysCell *cell = CELL (t, r, c);

        counts |= cell->has_key && cell->kind == PATHWAYS_CELL_COUNT && cell->defined &&
                  !isnan (cell->value) && cell->value > 0;
        cell->has_key = FALSE;
      }
  counts |= t->base.has_key && t->base.defined && !isnan (t->base.value) && t->base.value > 0;
  t->base.has_key = FALSE;
  for (guint c = 0; t->totals != NULL && c < t->columns->len; c++)
    t->totals[c].has_key = FALSE;
  return counts;
}

gboolean
_pathways_disclosure_compute_cell_keys (PathwaysReport        *report,
                                        PathwaysMeasuresCache *cache)
{
  g_autoptr(PathwaysMeasuresCache) own = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new (NULL, NULL);
  PathwaysDataset *ds;
  const guint8 *ck, *sk, *pk;
  gboolean complete = TRUE;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (report->threshold == 0, FALSE);

  ds = report->dataset;
  if (cache == NULL)
    cache = own = pathways_measures_cache_new (ds);
  ck = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_CASE);
  sk = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_SERVICE);
  pk = pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_PERSON);
  init_keys (report);

  for (guint b = 0; b < N_PLANES; b++)
    {
      g_autofree guint64 *case_bits = plane_bits (ck, ds->n_cases, b);
      g_autofree guint64 *service_bits = plane_bits (sk, ds->n_services, b);
      g_autoptr(PathwaysReport) plane = NULL;
      PathwaysReportOptions options;

      pathways_report_options_init (&options);
      options.measures = report->options;
      options.cache = cache;
      options.case_mask = case_bits;
      options.service_mask = service_bits;
      plane = pathways_report_new (ds, report->filter, &options);
      for (guint i = 0; i < report->tables->len; i++)
        {
          PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
          PathwaysReportTable *pt;

          if (!t->protect || g_str_equal (t->id, "dataset"))
            continue;
          pt = pathways_report_get_table (plane, t->id, t->key);
          if (pt != NULL)
            {
              add_table_plane (t, pt, b);
              g_hash_table_add (found, t);
            }
        }
    }

  /* people: the cases narrowed by their person's key */
  for (guint b = 0; ds->columns[PATHWAYS_FIELD_PERSON_ID] != NULL && b < N_PLANES; b++)
    {
      g_autofree guint64 *person_bits = plane_bits (pk, ds->n_cases, b);
      g_autoptr(PathwaysSelection) sel = pathways_filter_apply (report->filter, ds);
      g_autoptr(PathwaysMeasures) m = NULL;

      _pathways_selection_mask (sel, person_bits, NULL);
      m = pathways_measures_compute (ds, cache, sel, &report->options);
      add_person_plane (report, m, b);
    }
  dataset_keys (report, cache);

  /* every record counted has a key with some bit set, so a table that counts anyone
   * is in some narrowed report, unless it is not made from the selection */
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (t->protect && !g_str_equal (t->id, "dataset") && !g_hash_table_contains (found, t))
        complete &= !unkeyed_table (t);
    }
  return complete;
}

gboolean
pathways_disclosure_add_cell_keys (PathwaysReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  if (report->analysis != NULL)
    return _pathways_analysis_add_cell_keys (report->analysis, report);
  return _pathways_disclosure_compute_cell_keys (report, NULL);
}
#undef CELL
