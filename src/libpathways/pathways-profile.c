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

PathwaysProfile *
pathways_profile_compute_field (PathwaysDataset         *dataset,
                                const PathwaysSelection *selection,
                                PathwaysField            field)
{
  PathwaysColumn *col;
  const guint8 *keys;
  g_autofree guint *counts = NULL;
  g_autofree guint *sums = NULL;
  PathwaysProfile *p;
  guint n_values;
  guint base_sum = 0;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  col = dataset->columns[field];
  if (col == NULL || col->codes == NULL || pathways_field_get_table (field) != PATHWAYS_TABLE_CASES ||
      pathways_field_get_kind (field) != PATHWAYS_KIND_CATEGORY)
    return NULL;

  keys = pathways_dataset_get_record_keys (dataset, PATHWAYS_RECORD_CASE);
  n_values = pathways_dictionary_get_size (col->dict);
  counts = g_new0 (guint, n_values);
  sums = g_new0 (guint, n_values);
  p = g_new0 (PathwaysProfile, 1);
  p->field = field;
  p->rows = g_array_new (FALSE, FALSE, sizeof (PathwaysProfileRow));

  for (guint i = 0; i < dataset->n_cases && i < col->n_rows; i++)
    {
      guint16 code = col->codes[i];

      if (selection != NULL && !PATHWAYS_SELECTION_HAS (selection->cases, i))
        continue;
      if (code >= n_values)
        code = PATHWAYS_CODE_NOT_RECORDED;
      counts[code]++;
      sums[code] += keys != NULL ? keys[i] : 0;
      p->base++;
      base_sum += keys != NULL ? keys[i] : 0;
    }
  p->base_key = base_sum & 0xff;
  p->recorded = p->base - counts[PATHWAYS_CODE_NOT_RECORDED];
  p->recorded_key = (base_sum - sums[PATHWAYS_CODE_NOT_RECORDED]) & 0xff;

  for (guint code = 1; code < n_values; code++)
    if (counts[code] > 0)
      {
        PathwaysProfileRow row = { pathways_dictionary_get (col->dict, code), code,
                                   counts[code], sums[code] & 0xff };
        g_array_append_val (p->rows, row);
      }
  g_array_sort (p->rows, field == PATHWAYS_FIELD_AGE_BAND ? cmp_by_band : cmp_by_count);
  if (counts[PATHWAYS_CODE_NOT_RECORDED] > 0)
    {
      PathwaysProfileRow row = { pathways_dictionary_get (col->dict, PATHWAYS_CODE_NOT_RECORDED),
                                 PATHWAYS_CODE_NOT_RECORDED,
                                 counts[PATHWAYS_CODE_NOT_RECORDED],
                                 sums[PATHWAYS_CODE_NOT_RECORDED] & 0xff };
      g_array_append_val (p->rows, row);
    }
  return p;
}

GPtrArray *
pathways_profile_compute (PathwaysDataset         *dataset,
                          const PathwaysSelection *selection)
{
  GPtrArray *out;

  g_return_val_if_fail (dataset != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_profile_free);
  for (guint k = 0; k < G_N_ELEMENTS (profiled); k++)
    {
      PathwaysProfile *p = pathways_profile_compute_field (dataset, selection, profiled[k]);

      if (p != NULL)
        g_ptr_array_add (out, p);
    }
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
                                       guint                 *count,
                                       guint8                *key)
{
  guint n = 0, sum = 0;

  g_return_val_if_fail (profile != NULL, FALSE);

  if (profile->field != PATHWAYS_FIELD_ETHNICITY_GROUP)
    return FALSE;
  for (guint r = 0; r < profile->rows->len; r++)
    {
      const PathwaysProfileRow *row = &g_array_index (profile->rows, PathwaysProfileRow, r);

      if (row->code == PATHWAYS_CODE_NOT_RECORDED || g_str_equal (row->value, PATHWAYS_ETHNICITY_GROUP_WHITE))
        continue;
      n += row->count;
      sum += row->key;
    }
  if (count != NULL)
    *count = n;
  if (key != NULL)
    *key = sum & 0xff;
  return TRUE;
}
