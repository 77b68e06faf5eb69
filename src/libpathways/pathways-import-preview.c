/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-preview"

#include "config.h"

#include <string.h>

#include "pathways-date-private.h"
#include "pathways-import.h"
#include "pathways-import-preview.h"
#include "pathways-row-reader.h"

/* as the import splits a multi-value cell */
#define MULTI_SEPARATORS ";|\n\r"

typedef struct
{
  GHashTable                *counts;       /* trimmed value → count */
  gboolean                   truncated;
  GPtrArray                 *sorted;       /* PathwaysValueCount* */
  PathwaysDateOrderEvidence  evidence;
  guint64                    n_written_dates;
  guint64                    n_not_dates;
  PathwaysField              field;        /* in the mapping, or PATHWAYS_N_FIELDS */
  PathwaysField              detected;
  gboolean                   identifying;
} Column;

struct _PathwaysImportPreview
{
  GObject          parent_instance;

  char            *description;
  GStrv            header;
  GStrv            services_header;
  GPtrArray       *samples;          /* GStrv per sample row */
  guint64          n_rows;
  PathwaysMapping *mapping;
  Column          *columns;
  guint            n_columns;
  gboolean         xlsx;
};

G_DEFINE_FINAL_TYPE (PathwaysImportPreview, pathways_import_preview, G_TYPE_OBJECT)

static void
value_count_free (gpointer data)
{
  PathwaysValueCount *vc = data;

  g_free (vc->value);
  g_free (vc->canonical);
  g_free (vc);
}

static void
pathways_import_preview_finalize (GObject *object)
{
  PathwaysImportPreview *self = PATHWAYS_IMPORT_PREVIEW (object);

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_clear_pointer (&self->columns[i].counts, g_hash_table_unref);
      g_clear_pointer (&self->columns[i].sorted, g_ptr_array_unref);
    }
  g_free (self->columns);
  g_free (self->description);
  g_strfreev (self->header);
  g_strfreev (self->services_header);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_object (&self->mapping);

  G_OBJECT_CLASS (pathways_import_preview_parent_class)->finalize (object);
}

static void
pathways_import_preview_class_init (PathwaysImportPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pathways_import_preview_finalize;
}

static void
pathways_import_preview_init (PathwaysImportPreview *self)
{
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/* ---- identifying columns --------------------------------------------------------- */

static gboolean
has_word (const char *folded,
          const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (folded, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean start = p == folded || !g_ascii_isalnum (p[-1]);
      gboolean end = !g_ascii_isalnum (p[len]);

      if (start && end)
        return TRUE;
    }
  return FALSE;
}

static gboolean
name_looks_identifying (const char *name)
{
  static const char *words[] = {
    "name", "names", "surname", "forename", "firstname", "lastname", "address",
    "street", "road", "postcode", "zip", "phone", "telephone", "tel", "mobile",
    "email", "e mail", "mail", "latitude", "longitude", "location", "coordinate",
    "nhs", "ni", "notes", "note", "comments", "comment", "description", "narrative",
  };
  g_autofree char *folded = pathways_fold (name);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (has_word (folded, words[i]))
        return TRUE;
    }
  /* "(State Plane)" coordinates, "X Coordinate" ... */
  return strstr (folded, "coordinate") != NULL || strstr (folded, "email") != NULL;
}

gboolean
pathways_column_looks_identifying (const char         *name,
                                   const char * const *values)
{
  g_autoptr(GHashTable) seen = NULL;
  guint n = 0, n_long = 0, n_email = 0, n_phone = 0;
  gsize total = 0;

  g_return_val_if_fail (name != NULL, FALSE);

  if (name_looks_identifying (name))
    return TRUE;
  if (values == NULL)
    return FALSE;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *v = values[i];
      guint digits = 0;

      if (v[0] == '\0')
        continue;
      n++;
      total += strlen (v);
      g_hash_table_add (seen, (gpointer) v);
      if (strlen (v) > 30)
        n_long++;
      if (strchr (v, '@') != NULL && strchr (v, '.') != NULL && strchr (v, ' ') == NULL)
        n_email++;
      for (const char *p = v; *p != '\0'; p++)
        digits += g_ascii_isdigit (*p) ? 1 : 0;
      if (digits >= 10 && (v[0] == '+' || v[0] == '0' || v[0] == '('))
        n_phone++;
    }

  if (n == 0)
    return FALSE;
  if (n_email * 2 > n || n_phone * 2 > n)
    return TRUE;
  /* long, mostly unique text: free text */
  return n >= 3 && n_long * 2 > n && g_hash_table_size (seen) * 10 >= n * 8 && total / n > 30;
}

/* ---- reading ------------------------------------------------------------------- */

/* The import's trimming: ASCII white space and no-break spaces at both ends. */
static char *
trim_copy (const char *s)
{
  const char *end = s + strlen (s);

  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
         ((guchar) s[0] == 0xc2 && (guchar) s[1] == 0xa0))
    s += ((guchar) s[0] == 0xc2) ? 2 : 1;
  while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n' ||
                     (end - s >= 2 && (guchar) end[-2] == 0xc2 && (guchar) end[-1] == 0xa0)))
    end -= ((guchar) end[-1] == 0xa0 && end - s >= 2 && (guchar) end[-2] == 0xc2) ? 2 : 1;
  return g_strndup (s, end - s);
}

static int
find_in_header (const char * const *header,
                const char         *name)
{
  g_autofree char *folded = NULL;

  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    {
      if (g_str_equal (header[i], name))
        return (int) i;
    }
  /* forgiving about case and spacing, as the import is */
  folded = pathways_fold (name);
  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    {
      g_autofree char *other = pathways_fold (header[i]);

      if (g_str_equal (other, folded))
        return (int) i;
    }
  return -1;
}

static GStrv
reader_header (PathwaysRowReader *reader)
{
  guint n = pathways_row_reader_get_n_columns (reader);
  GStrv header = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    header[i] = g_strdup (pathways_row_reader_get_column_name (reader, i));
  return header;
}

static GStrv
reader_row (PathwaysRowReader *reader,
            guint              n)
{
  GStrv row = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    row[i] = g_strdup (pathways_row_reader_get_field (reader, i));
  return row;
}

static void
count_value (Column     *column,
             const char *trimmed)
{
  gpointer old;

  if (trimmed[0] == '\0')
    return;
  old = g_hash_table_lookup (column->counts, trimmed);
  /* bounded: a column with thousands of values is not a category */
  if (old == NULL && g_hash_table_size (column->counts) >= PATHWAYS_IMPORT_PREVIEW_MAX_VALUES)
    {
      column->truncated = TRUE;
      return;
    }
  g_hash_table_replace (column->counts, g_strdup (trimmed),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
}

static void
count_multi (Column     *column,
             const char *raw)
{
  g_auto(GStrv) parts = g_strsplit_set (raw, MULTI_SEPARATORS, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = trim_copy (parts[i]);

      count_value (column, part);
    }
}

static void
look_at_date (PathwaysImportPreview *self,
              Column                *column,
              const char            *raw,
              const char            *trimmed)
{
  PathwaysDateCandidate c = pathways_date_candidate_parse (raw, self->xlsx);

  switch (pathways_date_candidate_tag (c))
    {
    case PATHWAYS_DATE_TAG_YMD:
    case PATHWAYS_DATE_TAG_AB:
      column->n_written_dates++;
      pathways_date_order_evidence_add (&column->evidence, c);
      break;
    case PATHWAYS_DATE_TAG_SERIAL:
      /* a number: a date only where the mapping says so */
      column->n_not_dates++;
      break;
    case PATHWAYS_DATE_TAG_EMPTY:
    default:
      if (c == PATHWAYS_DATE_CANDIDATE_INVALID && !pathways_mapping_is_missing (self->mapping, trimmed))
        column->n_not_dates++;
      break;
    }
}

static void
look_at_cell (PathwaysImportPreview *self,
              Column                *column,
              const char            *raw)
{
  g_autofree char *trimmed = trim_copy (raw);

  if (column->field < PATHWAYS_N_FIELDS &&
      pathways_field_get_kind (column->field) == PATHWAYS_KIND_MULTI)
    count_multi (column, raw);
  else
    count_value (column, trimmed);
  look_at_date (self, column, raw, trimmed);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const PathwaysValueCount *x = *(PathwaysValueCount * const *) a;
  const PathwaysValueCount *y = *(PathwaysValueCount * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->value, y->value);
}

/* What the import records for VALUE of COLUMN. */
static char *
canonical_of (PathwaysImportPreview *self,
              Column                *column,
              const char            *value)
{
  if (column->field < PATHWAYS_N_FIELDS)
    {
      if (pathways_field_get_kind (column->field) == PATHWAYS_KIND_MULTI &&
          pathways_mapping_is_explicit_none (self->mapping, value))
        return NULL;
      return g_strdup (pathways_mapping_map_value (self->mapping, column->field, value));
    }
  return pathways_mapping_is_missing (self->mapping, value) ? NULL : g_strdup (value);
}

static void
sort_counts (PathwaysImportPreview *self)
{
  for (guint i = 0; i < self->n_columns; i++)
    {
      Column *column = &self->columns[i];
      GHashTableIter iter;
      gpointer key, value;

      column->sorted = g_ptr_array_new_with_free_func (value_count_free);
      g_hash_table_iter_init (&iter, column->counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          PathwaysValueCount *vc = g_new0 (PathwaysValueCount, 1);

          vc->value = g_strdup (key);
          vc->canonical = canonical_of (self, column, key);
          vc->count = GPOINTER_TO_UINT (value);
          g_ptr_array_add (column->sorted, vc);
        }
      g_ptr_array_sort (column->sorted, compare_counts);
      g_clear_pointer (&column->counts, g_hash_table_unref);
    }
}

/* ---- judgements ---------------------------------------------------------------- */

static void
judge_identifying (PathwaysImportPreview *self)
{
  g_autofree const char **values = g_new0 (const char *, self->samples->len + 1);

  for (guint c = 0; c < self->n_columns; c++)
    {
      for (guint r = 0; r < self->samples->len; r++)
        values[r] = pathways_import_preview_get_sample (self, r, c);
      self->columns[c].identifying = pathways_column_looks_identifying (self->header[c], values);
    }
}

/* Which column each field of MAPPING reads; services fields only from a one-file export. */
static void
assign_fields (PathwaysImportPreview *self,
               PathwaysMapping       *mapping,
               gboolean               detected)
{
  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      const char *name = pathways_mapping_get_column (mapping, f);
      Column *column;
      int index;

      if (name == NULL ||
          (self->services_header != NULL && pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES))
        continue;
      index = find_in_header ((const char * const *) self->header, name);
      if (index < 0)
        continue;
      column = &self->columns[index];
      if (detected && column->detected == PATHWAYS_N_FIELDS)
        column->detected = f;
      else if (!detected && column->field == PATHWAYS_N_FIELDS)
        column->field = f;
    }
}

/* Unmaps the detected columns that look like names, addresses or free text; keys and
 * dates are what they say. */
static void
drop_identifying (PathwaysImportPreview *self)
{
  for (PathwaysField f = 0; f < PATHWAYS_FIELD_FIRST_SERVICE; f++)
    {
      const char *name = pathways_mapping_get_column (self->mapping, f);
      PathwaysFieldKind kind = pathways_field_get_kind (f);
      int index;

      if (name == NULL || kind == PATHWAYS_KIND_KEY || kind == PATHWAYS_KIND_DATE ||
          f == PATHWAYS_FIELD_DATE_OF_BIRTH)
        continue;
      index = find_in_header ((const char * const *) self->header, name);
      if (index >= 0 && self->columns[index].identifying)
        pathways_mapping_set_column (self->mapping, f, NULL);
    }
}

static gboolean
choose_mapping (PathwaysImportPreview              *self,
                const PathwaysImportPreviewOptions *options,
                GError                            **error)
{
  PathwaysImportOptions import = {
    .cases_path = options->cases_path,
    .cases_sheet = options->cases_sheet,
    .services_path = options->services_path,
    .services_sheet = options->services_sheet,
  };
  g_autoptr(PathwaysMapping) detected = pathways_import_detect_mapping (&import, error);

  if (detected == NULL)
    return FALSE;
  assign_fields (self, detected, TRUE);

  if (options->mapping != NULL)
    {
      self->mapping = pathways_mapping_copy (options->mapping);
    }
  else
    {
      self->mapping = pathways_mapping_copy (detected);
      drop_identifying (self);
    }
  assign_fields (self, self->mapping, FALSE);
  return TRUE;
}

/* ---- building ------------------------------------------------------------------ */

static gboolean
read_services_header (PathwaysImportPreview              *self,
                      const PathwaysImportPreviewOptions *options,
                      GError                            **error)
{
  g_autoptr(PathwaysRowReader) reader = NULL;

  if (options->services_path == NULL)
    return TRUE;
  reader = pathways_row_reader_open (options->services_path, options->services_sheet, error);
  if (reader == NULL)
    return FALSE;
  self->services_header = reader_header (reader);
  return TRUE;
}

/* Reads the sample rows, then (ALL_ROWS) the others, looking at each. */
static gboolean
read_rows (PathwaysImportPreview              *self,
           PathwaysRowReader                  *reader,
           const PathwaysImportPreviewOptions *options,
           GCancellable                       *cancellable,
           GError                            **error)
{
  guint n_samples = options->n_sample_rows > 0 ? options->n_sample_rows
                                               : PATHWAYS_IMPORT_PREVIEW_N_SAMPLE_ROWS;
  GError *local_error = NULL;

  while (self->samples->len < n_samples && pathways_row_reader_next_row (reader, &local_error))
    g_ptr_array_add (self->samples, reader_row (reader, self->n_columns));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* the judgements and the mapping are the sample's, whatever is counted */
  judge_identifying (self);
  if (!choose_mapping (self, options, error))
    return FALSE;

  for (guint r = 0; r < self->samples->len; r++)
    {
      GStrv row = g_ptr_array_index (self->samples, r);

      for (guint c = 0; c < self->n_columns; c++)
        look_at_cell (self, &self->columns[c], row[c]);
    }
  self->n_rows = self->samples->len;

  if (!options->all_rows || self->samples->len < n_samples)
    return TRUE;

  while (pathways_row_reader_next_row (reader, &local_error))
    {
      if ((self->n_rows & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint c = 0; c < self->n_columns; c++)
        look_at_cell (self, &self->columns[c], pathways_row_reader_get_field (reader, c));
      self->n_rows++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

PathwaysImportPreview *
pathways_import_preview_new (const PathwaysImportPreviewOptions *options,
                             GCancellable                       *cancellable,
                             GError                            **error)
{
  g_autoptr(PathwaysImportPreview) self = NULL;
  g_autoptr(PathwaysRowReader) reader = NULL;

  g_return_val_if_fail (options != NULL && options->cases_path != NULL, NULL);
  g_return_val_if_fail (options->mapping == NULL || PATHWAYS_IS_MAPPING (options->mapping), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = pathways_row_reader_open (options->cases_path, options->cases_sheet, error);
  if (reader == NULL)
    return NULL;

  self = g_object_new (PATHWAYS_TYPE_IMPORT_PREVIEW, NULL);
  self->description = g_strdup (pathways_row_reader_get_description (reader));
  self->xlsx = g_str_equal (pathways_row_reader_get_format (reader), "XLSX");
  self->header = reader_header (reader);
  self->n_columns = g_strv_length (self->header);
  self->columns = g_new0 (Column, MAX (self->n_columns, 1));
  for (guint i = 0; i < self->n_columns; i++)
    {
      self->columns[i].counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      self->columns[i].field = PATHWAYS_N_FIELDS;
      self->columns[i].detected = PATHWAYS_N_FIELDS;
    }

  if (!read_services_header (self, options, error) ||
      !read_rows (self, reader, options, cancellable, error))
    return NULL;

  sort_counts (self);
  return g_steal_pointer (&self);
}

/* ---- in a thread --------------------------------------------------------------- */

static void
options_free (gpointer data)
{
  PathwaysImportPreviewOptions *options = data;

  g_free ((char *) options->cases_path);
  g_free ((char *) options->cases_sheet);
  g_free ((char *) options->services_path);
  g_free ((char *) options->services_sheet);
  g_clear_object (&options->mapping);
  g_free (options);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  PathwaysImportPreview *preview = pathways_import_preview_new (task_data, cancellable, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

void
pathways_import_preview_new_async (const PathwaysImportPreviewOptions *options,
                                   GCancellable                       *cancellable,
                                   GAsyncReadyCallback                 callback,
                                   gpointer                            user_data)
{
  g_autoptr(GTask) task = NULL;
  PathwaysImportPreviewOptions *copy;

  g_return_if_fail (options != NULL && options->cases_path != NULL);
  g_return_if_fail (options->mapping == NULL || PATHWAYS_IS_MAPPING (options->mapping));

  copy = g_new0 (PathwaysImportPreviewOptions, 1);
  *copy = *options;
  copy->cases_path = g_strdup (options->cases_path);
  copy->cases_sheet = g_strdup (options->cases_sheet);
  copy->services_path = g_strdup (options->services_path);
  copy->services_sheet = g_strdup (options->services_sheet);
  /* the thread has a mapping of its own: the caller may change theirs meanwhile */
  copy->mapping = options->mapping != NULL ? pathways_mapping_copy (options->mapping) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pathways_import_preview_new_async);
  g_task_set_task_data (task, copy, options_free);
  g_task_run_in_thread (task, preview_thread);
}

PathwaysImportPreview *
pathways_import_preview_new_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pathways_import_preview_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- getters ------------------------------------------------------------------- */

const char *
pathways_import_preview_get_description (PathwaysImportPreview *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), NULL);

  return self->description;
}

const char * const *
pathways_import_preview_get_header (PathwaysImportPreview *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), NULL);

  return (const char * const *) self->header;
}

guint
pathways_import_preview_get_n_columns (PathwaysImportPreview *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), 0);

  return self->n_columns;
}

const char * const *
pathways_import_preview_get_services_header (PathwaysImportPreview *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), NULL);

  return (const char * const *) self->services_header;
}

int
pathways_import_preview_find_column (PathwaysImportPreview *self,
                                     const char            *name)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  return find_in_header ((const char * const *) self->header, name);
}

guint
pathways_import_preview_get_n_sample_rows (PathwaysImportPreview *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), 0);

  return self->samples->len;
}

const char *
pathways_import_preview_get_sample (PathwaysImportPreview *self,
                                    guint                  row,
                                    guint                  column)
{
  GStrv cells;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), "");
  g_return_val_if_fail (row < self->samples->len, "");

  cells = g_ptr_array_index (self->samples, row);
  return column < self->n_columns ? cells[column] : "";
}

guint64
pathways_import_preview_get_n_rows (PathwaysImportPreview *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), 0);

  return self->n_rows;
}

PathwaysMapping *
pathways_import_preview_get_mapping (PathwaysImportPreview *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), NULL);

  return g_object_ref (self->mapping);
}

PathwaysField
pathways_import_preview_get_detected_field (PathwaysImportPreview *self,
                                            guint                  column)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), PATHWAYS_N_FIELDS);
  g_return_val_if_fail (column < self->n_columns, PATHWAYS_N_FIELDS);

  return self->columns[column].detected;
}

gboolean
pathways_import_preview_looks_identifying (PathwaysImportPreview *self,
                                           guint                  column)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), FALSE);
  g_return_val_if_fail (column < self->n_columns, FALSE);

  return self->columns[column].identifying;
}

GPtrArray *
pathways_import_preview_get_value_counts (PathwaysImportPreview *self,
                                          guint                  column,
                                          gboolean              *truncated)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  if (truncated != NULL)
    *truncated = self->columns[column].truncated;
  return self->columns[column].sorted;
}

PathwaysDateOrder
pathways_import_preview_get_date_order (PathwaysImportPreview *self,
                                        guint                  column,
                                        gboolean              *ambiguous)
{
  Column *c;
  gboolean assumed = FALSE;
  PathwaysDateOrder order = PATHWAYS_DATE_ORDER_AUTO;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), PATHWAYS_DATE_ORDER_AUTO);
  g_return_val_if_fail (column < self->n_columns, PATHWAYS_DATE_ORDER_AUTO);

  c = &self->columns[column];
  if ((c->field < PATHWAYS_N_FIELDS && pathways_field_get_kind (c->field) == PATHWAYS_KIND_DATE) ||
      (c->n_not_dates == 0 && c->n_written_dates > 0))
    order = pathways_date_order_resolve (&c->evidence, PATHWAYS_DATE_ORDER_AUTO, &assumed);
  if (ambiguous != NULL)
    *ambiguous = assumed;
  return order;
}

gboolean
pathways_import_preview_get_date_example (PathwaysImportPreview  *self,
                                          guint                   column,
                                          const char            **text,
                                          gint32                 *day_first,
                                          gint32                 *month_first)
{
  const PathwaysDateOrderEvidence *ev;
  const char *found = NULL;
  gint32 found_dmy = PATHWAYS_DAY_NONE;
  gint32 found_mdy = PATHWAYS_DAY_NONE;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (self), FALSE);
  g_return_val_if_fail (column < self->n_columns, FALSE);

  /* open: written a/b/year somewhere, and no value above 12 in either place */
  ev = &self->columns[column].evidence;
  if (ev->n_ab == 0 || ev->n_first_over_12 > 0 || ev->n_second_over_12 > 0)
    return FALSE;

  for (guint r = 0; r < self->samples->len; r++)
    {
      const char *cell = ((GStrv) g_ptr_array_index (self->samples, r))[column];
      PathwaysDateCandidate c = pathways_date_candidate_parse (cell, self->xlsx);
      gint32 dmy, mdy;

      if (pathways_date_candidate_tag (c) != PATHWAYS_DATE_TAG_AB)
        continue;
      dmy = pathways_date_candidate_to_day (c, PATHWAYS_DATE_ORDER_DMY, FALSE);
      mdy = pathways_date_candidate_to_day (c, PATHWAYS_DATE_ORDER_MDY, FALSE);
      if (!PATHWAYS_DAY_IS_VALID (dmy) || !PATHWAYS_DAY_IS_VALID (mdy))
        continue;
      /* the first value that reads differently either way; else the first one */
      if (found == NULL || (found_dmy == found_mdy && dmy != mdy))
        {
          found = cell;
          found_dmy = dmy;
          found_mdy = mdy;
        }
      if (dmy != mdy)
        break;
    }
  if (found == NULL)
    return FALSE;

  if (text != NULL)
    *text = found;
  if (day_first != NULL)
    *day_first = found_dmy;
  if (month_first != NULL)
    *month_first = found_mdy;
  return TRUE;
}
