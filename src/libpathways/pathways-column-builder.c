/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-column-builder.c: one builder per mapped column. Each cell becomes its
 * compact form at once (a category code through a cache of raw texts, a date
 * candidate, an integer, a key); at the end the builders become the dataset's columns,
 * and the age and age band are derived. The per-cell appends are inline in
 * pathways-import-private.h. */
#define G_LOG_DOMAIN "pathways-import"

#include "config.h"

#include <sys/mman.h>
#include <unistd.h>

#include "pathways-import-private.h"

/* Multi-category separators (spec/data-model.md): ';', '|' and newlines */
#define MULTI_SEPARATORS ";|\n\r"

static FieldBuilder *
field_builder_new (PathwaysField  field,
                   int            src,
                   const char    *column_name)
{
  FieldBuilder *b = g_new0 (FieldBuilder, 1);

  b->field = field;
  b->kind = pathways_field_get_kind (field);
  b->src = src;
  b->column_name = column_name;

  switch (b->kind)
    {
    case PATHWAYS_KIND_CATEGORY:
      b->values = g_array_new (FALSE, FALSE, sizeof (guint16));
      b->dict = pathways_dictionary_new ();
      b->raw_cache = _pathways_raw_cache_new ();
      b->fold_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      break;
    case PATHWAYS_KIND_MULTI:
      b->multi_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
      b->multi_codes = g_array_new (FALSE, FALSE, sizeof (guint16));
      b->multi_state = g_array_new (FALSE, FALSE, sizeof (guint8));
      b->dict = pathways_dictionary_new ();
      b->raw_cache = _pathways_raw_cache_new ();
      b->fold_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      {
        guint32 zero = 0;
        g_array_append_val (b->multi_offsets, zero);
      }
      break;
    case PATHWAYS_KIND_DATE:
    case PATHWAYS_KIND_INTEGER:
      b->values = g_array_new (FALSE, FALSE, sizeof (gint32));
      break;
    case PATHWAYS_KIND_KEY:
      b->values = g_array_new (FALSE, FALSE, sizeof (guint32));
      b->key_chunk = g_string_chunk_new (64 * 1024);
      b->key_strings = g_ptr_array_new ();
      g_ptr_array_add (b->key_strings, NULL);
      if (field == PATHWAYS_FIELD_PERSON_ID)
        b->key_index = _pathways_key_index_new (b->key_strings);
      break;
    default:
      g_assert_not_reached ();
    }

  return b;
}

void
_pathways_field_builder_free (FieldBuilder *b)
{
  if (b == NULL)
    return;
  g_clear_pointer (&b->values, g_array_unref);
  g_clear_pointer (&b->multi_offsets, g_array_unref);
  g_clear_pointer (&b->multi_codes, g_array_unref);
  g_clear_pointer (&b->multi_state, g_array_unref);
  g_clear_pointer (&b->dict, pathways_dictionary_free);
  g_clear_pointer (&b->raw_texts, g_ptr_array_unref);
  g_clear_pointer (&b->raw_cache, _pathways_raw_cache_free);
  g_clear_pointer (&b->fold_index, g_hash_table_unref);
  g_clear_pointer (&b->key_index, _pathways_key_index_free);
  g_clear_pointer (&b->key_strings, g_ptr_array_unref);
  g_clear_pointer (&b->key_chunk, g_string_chunk_free);
  g_free (b);
}

const char *
_pathways_trim_view_len (const char *s,
                         gsize       len,
                         gsize      *out_len)
{
  const char *end = s + len;

  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
         ((guchar) s[0] == 0xc2 && (guchar) s[1] == 0xa0))
    s += ((guchar) s[0] == 0xc2) ? 2 : 1;
  while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n' ||
                     (end - s >= 2 && (guchar) end[-2] == 0xc2 && (guchar) end[-1] == 0xa0)))
    end -= ((guchar) end[-1] == 0xa0 && end - s >= 2 && (guchar) end[-2] == 0xc2) ? 2 : 1;
  *out_len = end - s;
  return s;
}

/* Canonical code of one category value (already trimmed, not missing). */
static guint
intern_category (Importer     *im,
                 FieldBuilder *b,
                 const char   *trimmed,
                 GError      **error)
{
  const char *canonical = pathways_mapping_map_value (im->mapping, b->field, trimmed);

  if (canonical == NULL)
    return PATHWAYS_CODE_NOT_RECORDED;
  return _pathways_builder_intern_canonical (im, b, canonical, error);
}

guint
_pathways_builder_intern_canonical (Importer     *im,
                                    FieldBuilder *b,
                                    const char   *canonical,
                                    GError      **error)
{
  g_autofree char *folded = NULL;
  gpointer found;
  guint code;

  folded = pathways_fold (canonical);
  found = g_hash_table_lookup (b->fold_index, folded);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  code = pathways_dictionary_intern (b->dict, canonical);
  if (code == G_MAXUINT)
    {
      g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_TOO_MANY_VALUES,
                   _("Column “%s” has more than %u different values: it looks like free "
                     "text or an identifier, not a category. Leave it out of the mapping."),
                   b->column_name, PATHWAYS_MAX_CATEGORY_VALUES);
      return G_MAXUINT;
    }
  g_hash_table_insert (b->fold_index, g_steal_pointer (&folded), GUINT_TO_POINTER (code + 1));
  return code;
}

guint
_pathways_builder_category_of_raw (Importer     *im,
                                   FieldBuilder *b,
                                   const char   *raw,
                                   GError      **error)
{
  gsize len;
  const char *view = trim_view (raw, &len);
  g_autofree char *trimmed = g_strndup (view, len);

  if (pathways_mapping_is_missing (im->mapping, trimmed))
    return PATHWAYS_CODE_NOT_RECORDED;
  return intern_category (im, b, trimmed, error);
}

gboolean
_pathways_builder_parse_category (Importer     *im,
                                  FieldBuilder *b,
                                  const char   *raw,
                                  gsize         raw_len,
                                  guint16      *out,
                                  GError      **error)
{
  guint32 found = raw_cache_lookup_len (b->raw_cache, raw, raw_len);
  guint code;

  if (found != 0)
    {
      *out = found - 1;
      return TRUE;
    }

  if (im->raw_ids)
    {
      /* the service thread: number the raw text, the code comes later */
      guint id = b->raw_texts->len;

      if (id > G_MAXUINT16)
        {
          im->overflow = TRUE;
          g_set_error_literal (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_TOO_MANY_VALUES,
                               "too many raw texts");
          return FALSE;
        }
      g_ptr_array_add (b->raw_texts, (gpointer) _pathways_raw_cache_insert (b->raw_cache, raw,
                                                                            id + 1));
      *out = id;
      return TRUE;
    }

  code = _pathways_builder_category_of_raw (im, b, raw, error);
  if (code == G_MAXUINT)
    return FALSE;

  /* The cache keeps distinct raw spellings only, which a category has few of; a
   * free-text column fails above long before this grows. */
  _pathways_raw_cache_insert (b->raw_cache, raw, code + 1);
  *out = code;
  return TRUE;
}

/* What one part of a multi-category cell means, cached by its raw text:
 * MULTI_PART_MISSING, MULTI_PART_NONE, or MULTI_PART_CODE + code. */
enum {
  MULTI_PART_MISSING = 1,
  MULTI_PART_NONE = 2,
  MULTI_PART_CODE = 3,
};

static guint
classify_multi_part (Importer     *im,
                     FieldBuilder *b,
                     const char   *part,
                     gsize         len,
                     GError      **error)
{
  guint32 found = raw_cache_lookup_len (b->raw_cache, part, len);
  guint meaning;

  if (found != 0)
    return found;

  if (pathways_mapping_is_missing (im->mapping, part))
    meaning = MULTI_PART_MISSING;
  else if (pathways_mapping_is_explicit_none (im->mapping, part))
    meaning = MULTI_PART_NONE;
  else
    {
      guint code = intern_category (im, b, part, error);
      if (code == G_MAXUINT)
        return 0;
      meaning = MULTI_PART_CODE + code;
    }

  _pathways_raw_cache_insert (b->raw_cache, part, meaning);
  return meaning;
}

/* A cell of several values separated by ';', '|' or newlines. An empty cell, or one
 * whose parts are all missing spellings, is not recorded; one holding only "None"-like
 * parts is an explicit empty list. A case counts once per value. */
gboolean
_pathways_builder_append_multi (Importer     *im,
                                FieldBuilder *b,
                                const char   *raw,
                                GError      **error)
{
  char small[256];
  guint8 state;
  guint start = b->multi_codes->len;
  guint32 end;
  gboolean saw_none = FALSE;
  const char *p = raw;

  while (*p != '\0')
    {
      gsize span = strcspn (p, MULTI_SEPARATORS);
      gsize len;
      const char *view;
      g_autofree char *heap = NULL;
      char *part;
      guint meaning;

      /* a trimmed, terminated copy of the part */
      {
        char *tmp = span < sizeof small ? small : (heap = g_malloc (span + 1));
        memcpy (tmp, p, span);
        tmp[span] = '\0';
        view = _pathways_trim_view_len (tmp, span, &len);
        part = (char *) view;
        part[len] = '\0';
      }

      p += span;
      if (*p != '\0')
        p++;

      if (len == 0)
        continue;

      meaning = classify_multi_part (im, b, part, len, error);
      if (meaning == 0)
        return FALSE;
      if (meaning == MULTI_PART_MISSING)
        continue;
      if (meaning == MULTI_PART_NONE)
        {
          saw_none = TRUE;
          continue;
        }

      {
        guint16 code = meaning - MULTI_PART_CODE;
        gboolean seen = FALSE;

        for (guint k = start; k < b->multi_codes->len; k++)
          if (g_array_index (b->multi_codes, guint16, k) == code)
            seen = TRUE;
        if (!seen)
          push_u16 (b->multi_codes, &b->codes_cap, code);
      }
    }

  if (b->multi_codes->len > start)
    state = PATHWAYS_MULTI_VALUES;
  else if (saw_none)
    state = PATHWAYS_MULTI_NONE;
  else
    state = PATHWAYS_MULTI_NOT_RECORDED;

  if (b->multi_codes->len > start + 1)
    {
      /* a cell holds a few values: insertion sort, not a qsort call */
      guint16 *codes = &g_array_index (b->multi_codes, guint16, start);
      guint n = b->multi_codes->len - start;

      for (guint i = 1; i < n; i++)
        {
          guint16 v = codes[i];
          guint k = i;

          for (; k > 0 && codes[k - 1] > v; k--)
            codes[k] = codes[k - 1];
          codes[k] = v;
        }
    }

  end = b->multi_codes->len;
  push_u32 (b->multi_offsets, &b->offsets_cap, end);
  push_u8 (b->multi_state, &b->state_cap, state);
  return TRUE;
}

gint32
_pathways_builder_parse_integer (const char *raw,
                                 gboolean   *ok)
{
  gsize len;
  const char *view = trim_view (raw, &len);
  g_autofree char *text = g_strndup (view, len);
  char *end = NULL;
  double value;

  *ok = TRUE;
  if (len == 0)
    return PATHWAYS_INT_NONE;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || value != value || value < 0 || value > 150 ||
      value != (double) (gint32) value)
    {
      *ok = FALSE;
      return PATHWAYS_INT_NONE;
    }
  return (gint32) value;
}

static int
find_column (PathwaysRowReader *reader,
             const char        *name)
{
  guint n = pathways_row_reader_get_n_columns (reader);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (pathways_row_reader_get_column_name (reader, i), name))
      return i;
  /* be forgiving about case and spacing, as people type mapping files by hand */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = pathways_fold (pathways_row_reader_get_column_name (reader, i));
      g_autofree char *b = pathways_fold (name);
      if (g_str_equal (a, b))
        return i;
    }
  return -1;
}

gboolean
_pathways_import_setup_builders (Importer           *im,
                                 PathwaysRowReader  *reader,
                                 PathwaysTableKind   table,
                                 GError            **error)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      const char *column;
      int src;

      if (pathways_field_get_table (f) != table)
        continue;
      column = pathways_mapping_get_column (im->mapping, f);
      if (column == NULL)
        continue;

      src = find_column (reader, column);
      /* the sample format gained its area column in version 2: a sample-format file
       * written before simply has no area */
      if (src < 0 && f == PATHWAYS_FIELD_AREA &&
          g_strcmp0 (pathways_mapping_get_name (im->mapping), "Sample") == 0)
        {
          pathways_mapping_set_column (im->mapping, f, NULL);
          continue;
        }
      if (src < 0)
        {
          g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NO_COLUMN,
                       _("%s: the mapping puts “%s” in column “%s”, but the file has no such column"),
                       pathways_row_reader_get_path (reader), pathways_field_get_name (f), column);
          return FALSE;
        }

      im->builders[f] = field_builder_new (f, src, column);
      im->builders[f]->xlsx = g_str_equal (pathways_row_reader_get_format (reader), "XLSX");
      im->builders[f]->date1904 = pathways_row_reader_get_date1904 (reader);
    }

  return TRUE;
}

/* Arrays grow by doubling, copying everything each time; a large import spent a tenth
 * of its time there. After a first stretch of rows the file size tells roughly how
 * many rows there will be, so every array is given that room once. */
static void
array_reserve (GArray *array,
               guint  *cap,
               guint   n,
               guint   populate)
{
  if (array == NULL)
    return;
  array_grow (array, cap, n);
  n = MIN (n, populate);

#ifdef MADV_POPULATE_WRITE
  /* The rows expected will be written: map their pages now, in one call, rather than
   * in one page fault each (a tenth of the import's time on a virtual machine). The
   * estimate errs short, so this maps no page that would not be used. Where the kernel
   * cannot (before Linux 5.14), nothing happens and the pages come as before. */
  if (n > array->len)
    {
      gsize page = (gsize) sysconf (_SC_PAGESIZE);
      gsize element = g_array_get_element_size (array);
      guintptr from = (guintptr) (array->data + (gsize) array->len * element);
      guintptr to = (guintptr) (array->data + (gsize) n * element);

      from = (from + page - 1) / page * page;
      to = to / page * page;
      if (to > from)
        (void) madvise ((void *) from, to - from, MADV_POPULATE_WRITE);
    }
#endif
}

void
_pathways_import_reserve_rows (Importer          *im,
                               PathwaysRowReader *reader,
                               guint64            rows_so_far,
                               gboolean           services)
{
  double fraction = pathways_row_reader_get_fraction (reader);
  guint64 estimate, populate;

  if (fraction <= 0.0 || fraction >= 1.0)
    return;
  estimate = (guint64) (rows_so_far / fraction * 1.05) + 16;
  if (estimate > G_MAXUINT32 / 2)
    return;
  /* With the second half of the case file on another thread, this thread's rows are
   * the first half: the rest come when its cases are placed, page by page. */
  populate = services || !im->split ? estimate : estimate / 2;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      gboolean is_service = f >= PATHWAYS_FIELD_FIRST_SERVICE;

      /* a service's case ID becomes service_case: its own column stays empty */
      if (b == NULL || is_service != services || f == PATHWAYS_FIELD_SERVICE_CASE_ID)
        continue;
      array_reserve (b->values, &b->values_cap, estimate, populate);
      array_reserve (b->multi_offsets, &b->offsets_cap, estimate + 1, populate + 1);
      array_reserve (b->multi_state, &b->state_cap, estimate, populate);
      if (b->multi_codes != NULL && rows_so_far > 0)
        {
          double per_row = (double) b->multi_codes->len / rows_so_far * 1.05;

          array_reserve (b->multi_codes, &b->codes_cap, (guint64) (per_row * estimate) + 16,
                         (guint64) (per_row * populate) + 16);
        }
    }
  if (services)
    {
      array_reserve (im->service_case, &im->service_case_cap, estimate, populate);
      array_reserve (im->service_rows, &im->service_rows_cap, estimate, populate);
    }
  else
    {
      array_reserve (im->case_rows, &im->case_rows_cap, estimate, populate);
      /* one key a case (the case thread has no index: the main thread keys its cases) */
      if (im->case_index != NULL)
        _pathways_key_index_reserve (im->case_index, estimate);
    }
}

static gpointer
steal_array (GArray *array,
             gsize   element_size)
{
  gpointer data;

  if (array->len == 0)
    {
      g_array_unref (array);
      return g_malloc0 (element_size);
    }
  data = g_array_steal (array, NULL);
  g_array_unref (array);
  return data;
}

void
_pathways_import_finish_columns (Importer *im)
{
  PathwaysDataset *ds = im->dataset;
  guint32 *order = NULL;   /* new service position → old index */

  ds->n_cases = im->n_cases;
  ds->n_services = im->n_services;

  /* services sorted by case, stable (counting sort) */
  g_free (ds->case_service_start);
  ds->case_service_start = g_new0 (guint32, im->n_cases + 1);
  ds->service_case = g_new (guint32, MAX (im->n_services, 1));
  order = g_new (guint32, MAX (im->n_services, 1));
  for (guint j = 0; j < im->n_services; j++)
    ds->case_service_start[g_array_index (im->service_case, guint32, j) + 1]++;
  for (guint i = 0; i < im->n_cases; i++)
    ds->case_service_start[i + 1] += ds->case_service_start[i];
  {
    g_autofree guint32 *next = g_memdup2 (ds->case_service_start, sizeof (guint32) * (im->n_cases + 1));
    for (guint j = 0; j < im->n_services; j++)
      {
        guint32 c = g_array_index (im->service_case, guint32, j);
        guint32 pos = next[c]++;
        order[pos] = j;
        ds->service_case[pos] = c;
      }
  }
  g_clear_pointer (&im->service_case, g_array_unref);

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      gboolean is_service = f >= PATHWAYS_FIELD_FIRST_SERVICE;
      guint n = is_service ? im->n_services : im->n_cases;
      PathwaysColumn *column;

      if (b == NULL || f == PATHWAYS_FIELD_DATE_OF_BIRTH)
        continue;
      if (f == PATHWAYS_FIELD_SERVICE_CASE_ID)
        continue;  /* the link is service_case */

      column = g_new0 (PathwaysColumn, 1);
      column->field = f;
      column->kind = b->kind;
      column->n_rows = n;

      if (is_service && b->values != NULL && n > 0)
        {
          /* reorder by case */
          gsize size = b->kind == PATHWAYS_KIND_CATEGORY ? sizeof (guint16) : sizeof (guint32);
          guint8 *sorted = g_malloc (size * n);
          for (guint j = 0; j < n; j++)
            memcpy (sorted + j * size, b->values->data + order[j] * size, size);
          memcpy (b->values->data, sorted, size * n);
          g_free (sorted);
        }

      switch (b->kind)
        {
        case PATHWAYS_KIND_CATEGORY:
          column->codes = steal_array (g_steal_pointer (&b->values), sizeof (guint16));
          column->dict = g_steal_pointer (&b->dict);
          break;
        case PATHWAYS_KIND_DATE:
          column->days = steal_array (g_steal_pointer (&b->values), sizeof (gint32));
          break;
        case PATHWAYS_KIND_INTEGER:
          column->ints = steal_array (g_steal_pointer (&b->values), sizeof (gint32));
          break;
        case PATHWAYS_KIND_KEY:
          column->keys = steal_array (g_steal_pointer (&b->values), sizeof (guint32));
          column->key_strings = g_steal_pointer (&b->key_strings);
          column->key_chunk = g_steal_pointer (&b->key_chunk);
          break;
        case PATHWAYS_KIND_MULTI:
          column->multi_state = steal_array (g_steal_pointer (&b->multi_state), sizeof (guint8));
          column->multi_offsets = steal_array (g_steal_pointer (&b->multi_offsets), sizeof (guint32));
          column->multi_codes = steal_array (g_steal_pointer (&b->multi_codes), sizeof (guint16));
          column->dict = g_steal_pointer (&b->dict);
          break;
        default:
          g_assert_not_reached ();
        }

      g_clear_pointer (&ds->columns[f], g_free);
      ds->columns[f] = column;
    }

  g_free (order);
}

static const char *age_bands[] = { "Under 18", "18–24", "25–34", "35–44", "45–54", "55–64", "65–74", "75+" };

static guint
age_band_index (gint32 age)
{
  static const int lower[] = { 18, 25, 35, 45, 55, 65, 75 };
  guint band = 0;

  for (guint i = 0; i < G_N_ELEMENTS (lower); i++)
    if (age >= lower[i])
      band = i + 1;
  return band;
}

void
_pathways_import_derive_age (Importer *im)
{
  FieldBuilder *dob = im->builders[PATHWAYS_FIELD_DATE_OF_BIRTH];
  /* _pathways_import_finish_columns () has moved the referral dates into the dataset
   * (the builder's array is gone by now); case rows keep their order there. The date of
   * birth is the one field it leaves in its builder, never in the dataset. */
  PathwaysColumn *referral = im->dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  PathwaysColumn *age;
  PathwaysColumn *band;

  if (dob != NULL && dob->values != NULL && referral != NULL && referral->days != NULL &&
      im->builders[PATHWAYS_FIELD_AGE] == NULL)
    {
      age = pathways_dataset_add_column (im->dataset, PATHWAYS_FIELD_AGE, im->n_cases);
      for (guint i = 0; i < im->n_cases && i < dob->values->len; i++)
        {
          gint32 born = g_array_index (dob->values, gint32, i);
          gint32 referred = referral->days[i];
          int by, bm, bd, ry, rm, rd, years;

          if (!PATHWAYS_DAY_IS_VALID (born) || !PATHWAYS_DAY_IS_VALID (referred) || born > referred)
            continue;
          pathways_day_to_ymd (born, &by, &bm, &bd);
          pathways_day_to_ymd (referred, &ry, &rm, &rd);
          years = ry - by - ((rm < bm || (rm == bm && rd < bd)) ? 1 : 0);
          if (years >= 0 && years <= 150)
            age->ints[i] = years;
        }
    }

  age = im->dataset->columns[PATHWAYS_FIELD_AGE];
  if (age != NULL && im->builders[PATHWAYS_FIELD_AGE_BAND] == NULL)
    {
      band = pathways_dataset_add_column (im->dataset, PATHWAYS_FIELD_AGE_BAND, im->n_cases);
      for (guint k = 0; k < G_N_ELEMENTS (age_bands); k++)
        pathways_dictionary_intern (band->dict, age_bands[k]);
      for (guint i = 0; i < im->n_cases; i++)
        if (age->ints[i] != PATHWAYS_INT_NONE)
          band->codes[i] = 1 + age_band_index (age->ints[i]);
    }
}
