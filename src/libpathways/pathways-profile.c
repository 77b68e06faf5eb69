/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-profile"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-profile.h"

static const PathwaysField profiled[] = {
  PATHWAYS_FIELD_GENDER, PATHWAYS_FIELD_AGE_BAND, PATHWAYS_FIELD_ETHNICITY,
  PATHWAYS_FIELD_ETHNICITY_GROUP, PATHWAYS_FIELD_DISABILITY, PATHWAYS_FIELD_SEXUALITY,
  PATHWAYS_FIELD_RELIGION, PATHWAYS_FIELD_ACCOMMODATION, PATHWAYS_FIELD_EMPLOYMENT,
  PATHWAYS_FIELD_AREA, PATHWAYS_FIELD_CLIENT_ROLE,
  PATHWAYS_FIELD_USER_1, PATHWAYS_FIELD_USER_2, PATHWAYS_FIELD_USER_3, PATHWAYS_FIELD_USER_4,
};

gboolean
pathways_profile_field_is_profiled (PathwaysField field)
{
  for (guint k = 0; k < G_N_ELEMENTS (profiled); k++)
    if (profiled[k] == field)
      return TRUE;
  return FALSE;
}

const char *
pathways_profile_field_label (PathwaysDataset *dataset,
                              PathwaysField    field)
{
  const char *column = NULL;

  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  if (PATHWAYS_FIELD_IS_USER (field) && dataset != NULL && dataset->mapping != NULL)
    column = pathways_mapping_get_column (dataset->mapping, field);
  return column != NULL ? column : pathways_field_get_label (field);
}

static gboolean
has_word (const char *folded,
          const char *word)
{
  return strstr (folded, word) != NULL;
}

const char *
pathways_ethnicity_group_of (const char *ethnicity)
{
  g_autofree char *f = NULL;

  if (ethnicity == NULL || g_str_equal (ethnicity, PATHWAYS_NOT_RECORDED))
    return NULL;
  f = pathways_fold (ethnicity);
  if (*f == '\0')
    return NULL;
  /* mixed first: "White and Black Caribbean" is a mixed background */
  if (has_word (f, "mixed") || has_word (f, "multiple") || has_word (f, "white and "))
    return PATHWAYS_ETHNICITY_GROUP_MIXED;
  if (has_word (f, "asian") || has_word (f, "indian") || has_word (f, "pakistani") ||
      has_word (f, "bangladeshi") || has_word (f, "chinese"))
    return PATHWAYS_ETHNICITY_GROUP_ASIAN;
  if (has_word (f, "black") || has_word (f, "african") || has_word (f, "caribbean"))
    return PATHWAYS_ETHNICITY_GROUP_BLACK;
  /* the 2021 census puts Irish, Gypsy or Irish Traveller and Roma in White */
  if (has_word (f, "white") || has_word (f, "irish") || has_word (f, "gypsy") ||
      has_word (f, "traveller") || has_word (f, "roma"))
    return PATHWAYS_ETHNICITY_GROUP_WHITE;
  return PATHWAYS_ETHNICITY_GROUP_OTHER;
}

void
pathways_profile_derive_ethnicity_group (PathwaysDataset *dataset)
{
  PathwaysColumn *eth, *group;
  guint16 *map;
  guint n;

  g_return_if_fail (dataset != NULL);

  eth = dataset->columns[PATHWAYS_FIELD_ETHNICITY];
  if (eth == NULL || eth->codes == NULL || dataset->columns[PATHWAYS_FIELD_ETHNICITY_GROUP] != NULL)
    return;

  group = pathways_dataset_add_column (dataset, PATHWAYS_FIELD_ETHNICITY_GROUP, eth->n_rows);
  n = pathways_dictionary_get_size (eth->dict);
  map = g_new0 (guint16, n);
  for (guint code = 1; code < n; code++)
    {
      const char *value = pathways_dictionary_get (eth->dict, code);
      const char *g = NULL;
      guint c;

      if (dataset->mapping != NULL)
        g = pathways_mapping_get_value (dataset->mapping, PATHWAYS_FIELD_ETHNICITY_GROUP, value);
      if (g == NULL)
        g = pathways_ethnicity_group_of (value);
      if (g == NULL || (dataset->mapping != NULL && pathways_mapping_is_missing (dataset->mapping, g)))
        continue;
      c = pathways_dictionary_intern (group->dict, g);
      map[code] = c == G_MAXUINT ? PATHWAYS_CODE_NOT_RECORDED : (guint16) c;
    }
  for (guint i = 0; i < eth->n_rows; i++)
    group->codes[i] = eth->codes[i] < n ? map[eth->codes[i]] : PATHWAYS_CODE_NOT_RECORDED;
  g_free (map);
}

void
pathways_profile_free (PathwaysProfile *profile)
{
  if (profile == NULL)
    return;
  g_clear_pointer (&profile->rows, g_array_unref);
  g_free (profile);
}

/* Age bands sort by their first number ("Under 18" first, "75+" last); other values by
 * count, then by value. Not recorded is added after the sort. */
static int
band_start (const char *value)
{
  const char *p = value;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  if (*p == '\0')
    return -1;
  return (int) g_ascii_strtoll (p, NULL, 10) - (g_str_has_prefix (value, "Under") ? 1 : 0);
}

static int
cmp_by_count (gconstpointer a,
              gconstpointer b)
{
  const PathwaysProfileRow *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->value, y->value);
}

static int
cmp_by_band (gconstpointer a,
             gconstpointer b)
{
  const PathwaysProfileRow *x = a, *y = b;
  int bx = band_start (x->value), by = band_start (y->value);

  if (bx != by)
    return bx < by ? -1 : 1;
  return g_utf8_collate (x->value, y->value);
}

/* The selected cases are counted a block at a time: the block's selected rows are
 * listed once (from the selection's words, not a test per case), then every field's
 * codes are counted over that list into four interleaved tables, so that a run of one
 * value does not make each count wait for the one before. Cell keys are not summed
 * here: the report's keys are worked out exactly from narrowed reports
 * (pathways-disclosure-keys.c), which count these tables again. */
#define BLOCK 4096
#define BANKS 4

typedef struct {
  PathwaysField  field;
  const guint16 *codes;
  guint          n_rows;
  guint          n_values;
  guint         *banks;    /* BANKS tables of n_values counts */
} Tally;

static guint
list_selected (const PathwaysSelection *selection,
               guint                    start,
               guint                    end,
               guint32                 *rows)
{
  guint n = 0;

  if (selection == NULL)
    {
      for (guint i = start; i < end; i++)
        rows[n++] = i;
      return n;
    }
  /* START is a multiple of 64; bits past the last case are clear */
  for (guint w = start / 64; w * 64 < end; w++)
    for (guint64 bits = selection->cases[w]; bits != 0; bits &= bits - 1)
      rows[n++] = w * 64 + (guint) __builtin_ctzll (bits);
  return n;
}

static void
tally_rows (Tally         *t,
            const guint32 *rows,
            guint          n)
{
  const guint16 *codes = t->codes;
  guint nv = t->n_values;
  guint *b0 = t->banks, *b1 = b0 + nv, *b2 = b1 + nv, *b3 = b2 + nv;
  guint j = 0;

  /* a field shorter than the cases counts only its own rows */
  while (n > 0 && rows[n - 1] >= t->n_rows)
    n--;
#define CODE(r) (codes[(r)] < nv ? codes[(r)] : PATHWAYS_CODE_NOT_RECORDED)
  for (; j + BANKS <= n; j += BANKS)
    {
      b0[CODE (rows[j])]++;
      b1[CODE (rows[j + 1])]++;
      b2[CODE (rows[j + 2])]++;
      b3[CODE (rows[j + 3])]++;
    }
  for (; j < n; j++)
    b0[CODE (rows[j])]++;
#undef CODE
}

static PathwaysProfile *
profile_from_tally (PathwaysDataset *dataset,
                    const Tally     *t)
{
  PathwaysDictionary *dict = dataset->columns[t->field]->dict;
  g_autofree guint *counts = g_new0 (guint, t->n_values);
  PathwaysProfile *p = g_new0 (PathwaysProfile, 1);

  p->field = t->field;
  p->rows = g_array_new (FALSE, FALSE, sizeof (PathwaysProfileRow));
  for (guint code = 0; code < t->n_values; code++)
    {
      for (guint k = 0; k < BANKS; k++)
        counts[code] += t->banks[k * t->n_values + code];
      p->base += counts[code];
    }
  p->recorded = p->base - counts[PATHWAYS_CODE_NOT_RECORDED];

  for (guint code = 1; code < t->n_values; code++)
    if (counts[code] > 0)
      {
        PathwaysProfileRow row = { pathways_dictionary_get (dict, code), code, counts[code] };
        g_array_append_val (p->rows, row);
      }
  g_array_sort (p->rows, t->field == PATHWAYS_FIELD_AGE_BAND ? cmp_by_band : cmp_by_count);
  if (counts[PATHWAYS_CODE_NOT_RECORDED] > 0)
    {
      PathwaysProfileRow row = { pathways_dictionary_get (dict, PATHWAYS_CODE_NOT_RECORDED),
                                 PATHWAYS_CODE_NOT_RECORDED,
                                 counts[PATHWAYS_CODE_NOT_RECORDED] };
      g_array_append_val (p->rows, row);
    }
  return p;
}

static gboolean
tally_init (PathwaysDataset *dataset,
            PathwaysField    field,
            Tally           *t)
{
  PathwaysColumn *col = dataset->columns[field];

  if (col == NULL || col->codes == NULL || pathways_field_get_table (field) != PATHWAYS_TABLE_CASES ||
      pathways_field_get_kind (field) != PATHWAYS_KIND_CATEGORY)
    return FALSE;
  t->field = field;
  t->codes = col->codes;
  t->n_rows = col->n_rows;
  /* Not recorded (code 0) always has a place */
  t->n_values = MAX (pathways_dictionary_get_size (col->dict), PATHWAYS_CODE_NOT_RECORDED + 1);
  t->banks = g_new0 (guint, BANKS * t->n_values);
  return TRUE;
}

/* Counts the selected cases of each of the N_FIELDS fields; a field that is not a
 * mapped category of the cases gives NULL in OUT */
static void
compute_fields (PathwaysDataset         *dataset,
                const PathwaysSelection *selection,
                const PathwaysField     *fields,
                guint                    n_fields,
                PathwaysProfile        **out)
{
  g_autofree Tally *tallies = g_new0 (Tally, n_fields);
  g_autofree guint32 *rows = g_new (guint32, BLOCK);
  guint n_tallies = 0;

  for (guint k = 0; k < n_fields; k++)
    if (tally_init (dataset, fields[k], &tallies[n_tallies]))
      n_tallies++;
  for (guint start = 0; n_tallies > 0 && start < dataset->n_cases; start += BLOCK)
    {
      guint n = list_selected (selection, start, MIN (start + BLOCK, dataset->n_cases), rows);

      for (guint k = 0; k < n_tallies; k++)
        tally_rows (&tallies[k], rows, n);
    }
  for (guint k = 0, t = 0; k < n_fields; k++)
    {
      out[k] = NULL;
      if (t < n_tallies && tallies[t].field == fields[k])
        {
          out[k] = profile_from_tally (dataset, &tallies[t]);
          g_free (tallies[t++].banks);
        }
    }
}

PathwaysProfile *
pathways_profile_compute_field (PathwaysDataset         *dataset,
                                const PathwaysSelection *selection,
                                PathwaysField            field)
{
  PathwaysProfile *p = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  compute_fields (dataset, selection, &field, 1, &p);
  return p;
}

GPtrArray *
pathways_profile_compute (PathwaysDataset         *dataset,
                          const PathwaysSelection *selection)
{
  PathwaysProfile *profiles[G_N_ELEMENTS (profiled)];
  GPtrArray *out;

  g_return_val_if_fail (dataset != NULL, NULL);

  compute_fields (dataset, selection, profiled, G_N_ELEMENTS (profiled), profiles);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_profile_free);
  for (guint k = 0; k < G_N_ELEMENTS (profiled); k++)
    if (profiles[k] != NULL)
      g_ptr_array_add (out, profiles[k]);
  return out;
}

double
pathways_profile_row_pct (const PathwaysProfile    *profile,
                          const PathwaysProfileRow *row)
{
  g_return_val_if_fail (profile != NULL && row != NULL, NAN);

  return profile->base == 0 ? NAN : 100.0 * row->count / profile->base;
}

double
pathways_profile_row_pct_recorded (const PathwaysProfile    *profile,
                                   const PathwaysProfileRow *row)
{
  g_return_val_if_fail (profile != NULL && row != NULL, NAN);

  if (row->code == PATHWAYS_CODE_NOT_RECORDED || profile->recorded == 0)
    return NAN;
  return 100.0 * row->count / profile->recorded;
}

gboolean
pathways_profile_ethnicity_complement (const PathwaysProfile *profile,
                                       guint                 *count)
{
  guint n = 0;

  g_return_val_if_fail (profile != NULL, FALSE);

  if (profile->field != PATHWAYS_FIELD_ETHNICITY_GROUP)
    return FALSE;
  for (guint r = 0; r < profile->rows->len; r++)
    {
      const PathwaysProfileRow *row = &g_array_index (profile->rows, PathwaysProfileRow, r);

      if (row->code == PATHWAYS_CODE_NOT_RECORDED || g_str_equal (row->value, PATHWAYS_ETHNICITY_GROUP_WHITE))
        continue;
      n += row->count;
    }
  if (count != NULL)
    *count = n;
  return TRUE;
}
