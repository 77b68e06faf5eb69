/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-split.c: the second half of a large case file on a thread of its own.
 *
 * Parsing the cases is most of an import. A CSV case file of some size is read as two
 * parts (pathways_csv_reader_split): the main thread reads the first half as usual,
 * this thread the second, each on its own core. What the result must not show is that
 * the work was split, so the thread decides nothing that depends on the first half:
 *
 *   - case IDs are kept as text; the main thread then finds repeats of earlier cases
 *     (left out with their findings, as a read in turn would) and numbers the cases;
 *   - a category cell holds the number of its raw text, coded once the rows are placed,
 *     so that codes follow the order in which values first appear in the file;
 *   - multi-value cells and person IDs are numbered in the thread's own dictionary and
 *     index, renumbered in the same way;
 *   - findings wait with their row in the second part and are placed in file order,
 *     the rows of the first part added to theirs.
 *
 * Whenever the thread cannot do its part exactly (the split fell inside a quoted cell,
 * its reader or a column gave an error, a category with more raw spellings than a
 * column can number), its work is dropped and the main thread reads on past the split
 * as if the file had never been split: errors then come with the rows a plain read
 * gives. test-import-split compares both ways on files built to break them.
 */
#define G_LOG_DOMAIN "pathways-import"

#include "config.h"

#include "pathways-import-private.h"
#include "pathways-csv-reader.h"
#include "pathways-format.h"

/* Below this the thread costs more than it saves. */
static guint64 split_min = 16 * 1024 * 1024;
static GMutex split_min_lock;

guint64
_pathways_import_set_split_min (guint64 min_bytes)
{
  guint64 before;

  g_mutex_lock (&split_min_lock);
  before = split_min;
  split_min = min_bytes;
  g_mutex_unlock (&split_min_lock);
  return before;
}

struct _CaseJob {
  Importer           im;         /* the thread's: case builders, pending findings */
  PathwaysRowReader *reader;     /* the second part */
  GCancellable      *stop;       /* set when the main thread gives up */
  GThread           *thread;
  GError            *error;
  gboolean           ok;         /* read to the end without an error */
  GArray            *id_hash;    /* guint32: hash_len of each kept case's ID */
  GArray            *id_len;     /* guint32: its length */
  guint              id_cap[2];
};

void
_pathways_case_job_free (CaseJob *job)
{
  if (job == NULL)
    return;
  if (job->thread != NULL)
    {
      g_cancellable_cancel (job->stop);
      g_thread_join (g_steal_pointer (&job->thread));
    }
  _pathways_import_thread_clear (&job->im);
  g_clear_pointer (&job->id_hash, g_array_unref);
  g_clear_pointer (&job->id_len, g_array_unref);
  g_clear_pointer (&job->reader, pathways_row_reader_free);
  g_clear_object (&job->stop);
  g_clear_error (&job->error);
  g_free (job);
}

/* read_cases() of the second part, minus what needs the first: every row with a case
 * ID is kept for now, its ID as the next key of the thread's case_id builder. */
static gboolean
read_part (CaseJob  *job,
           GError  **error)
{
  Importer *im = &job->im;
  PathwaysRowReader *reader = job->reader;
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_CASE_ID];
  const char *file = im->cases_name;
  guint64 n_rows = 0;

  while (pathways_row_reader_next_row (reader, error))
    {
      guint64 row = pathways_row_reader_get_row_number (reader);
      gsize raw_len, id_len;
      const char *raw_id = pathways_row_reader_get_field_len (reader, id->src, &raw_len);
      const char *id_view = _pathways_trim_view_len (raw_id, raw_len, &id_len);
      gboolean ok;

      if ((++n_rows & 0x3fff) == 0 &&
          (g_cancellable_is_cancelled (job->stop) || _pathways_import_check_cancelled (im, error)))
        return FALSE;

      _pathways_import_report_ragged (im, reader, file);
      if (n_rows == 4096)
        _pathways_import_reserve_rows (im, reader, n_rows, FALSE);

      if (id_len == 0)
        {
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_MISSING_CASE_ID,
                                             PATHWAYS_SEVERITY_ERROR, file, row, id->column_name,
                                             NULL, _("has no case ID; the row is left out"));
          continue;
        }

      builder_append (id, add_key (id, id_view, id_len, 0));
      push_u32 (im->case_rows, &im->case_rows_cap, (guint32) MIN (row, G_MAXUINT32));
      /* hashed here, beside the main thread, not when the case is placed */
      push_u32 (job->id_hash, &job->id_cap[0], hash_len (id_view, id_len));
      push_u32 (job->id_len, &job->id_cap[1], (guint32) id_len);
      im->n_cases++;

      im->in_cell = TRUE;
      ok = _pathways_import_read_case_fields (im, reader, file, row, error);
      im->in_cell = FALSE;
      if (!ok)
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static gpointer
case_job_run (gpointer data)
{
  CaseJob *job = data;

  _pathways_import_thread_begin (&job->im);
  job->ok = read_part (job, &job->error) && !job->im.overflow;
  g_clear_pointer (&job->reader, pathways_row_reader_free);
  return NULL;
}

CaseJob *
_pathways_case_job_start (Importer          *im,
                          PathwaysRowReader *reader)
{
  g_autoptr(CaseJob) job = NULL;
  Importer *tim;
  guint64 min;

  g_mutex_lock (&split_min_lock);
  min = split_min;
  g_mutex_unlock (&split_min_lock);

  if (im->long_shape || !g_str_equal (pathways_row_reader_get_format (reader), "CSV"))
    return NULL;

  job = g_new0 (CaseJob, 1);
  job->reader = pathways_csv_reader_split (reader, min);
  if (job->reader == NULL)
    return NULL;
  job->stop = g_cancellable_new ();

  tim = &job->im;
  _pathways_import_thread_init (tim, im);
  tim->case_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  job->id_hash = g_array_new (FALSE, FALSE, sizeof (guint32));
  job->id_len = g_array_new (FALSE, FALSE, sizeof (guint32));
  /* the same header, so the same columns: this cannot fail where the main one did not */
  if (!_pathways_import_setup_builders (tim, job->reader, PATHWAYS_TABLE_CASES, NULL))
    {
      pathways_csv_reader_resume (reader);
      return NULL;
    }
  for (guint f = 0; f < PATHWAYS_FIELD_FIRST_SERVICE; f++)
    if (tim->builders[f] != NULL && tim->builders[f]->kind == PATHWAYS_KIND_CATEGORY)
      tim->builders[f]->raw_texts = g_ptr_array_new ();

  (void) pathways_import_error_quark ();
  (void) pathways_reader_error_quark ();
  (void) g_io_error_quark ();
  job->thread = g_thread_new ("pathways-cases", case_job_run, job);
  im->split = TRUE;
  return g_steal_pointer (&job);
}

/* ---- placing the thread's cases ---------------------------------------------------- */

typedef struct {
  guint32 *category;   /* CATEGORY: raw number → code + 1 */
  guint32 *multi;      /* MULTI: the thread's code → code + 1 */
  guint32 *keys;       /* KEY with an index (person_id): the thread's key → key */
  guint32 *hashes;     /* and the hash of each of the thread's keys */
} FieldMap;

static void
field_map_clear (FieldMap *map)
{
  g_free (map->category);
  g_free (map->multi);
  g_free (map->keys);
  g_free (map->hashes);
}

static void
field_map_init (FieldMap     *map,
                FieldBuilder *tb)
{
  if (tb->raw_texts != NULL)
    map->category = g_new0 (guint32, MAX (tb->raw_texts->len, 1));
  if (tb->kind == PATHWAYS_KIND_MULTI)
    map->multi = g_new0 (guint32, MAX (pathways_dictionary_get_size (tb->dict), 1));
  if (tb->key_index != NULL)
    {
      map->keys = g_new0 (guint32, MAX (tb->key_strings->len, 1));
      map->hashes = g_new (guint32, MAX (tb->key_strings->len, 1));
      for (guint k = 1; k < tb->key_strings->len; k++)
        {
          const char *text = g_ptr_array_index (tb->key_strings, k);
          map->hashes[k] = hash_len (text, strlen (text));
        }
    }
}

/* The key of the thread's key K of TB in B: interned, or added once a row. */
static guint32
place_key (FieldBuilder *b,
           FieldBuilder *tb,
           FieldMap     *map,
           guint32       k)
{
  const char *text;
  gsize len;
  guint32 h, found;

  if (k == 0)
    return 0;
  if (map->keys != NULL && map->keys[k] != 0)
    return map->keys[k];
  text = g_ptr_array_index (tb->key_strings, k);
  len = strlen (text);
  if (b->key_index == NULL)
    return add_key (b, text, len, 0);
  h = map->hashes[k];
  found = key_index_find (b->key_index, text, len, h);
  if (found == 0)
    found = add_key (b, text, len, h);
  map->keys[k] = found;
  return found;
}

/* The multi-value cell of row J of TB, in B's codes, sorted as a read in turn sorts. */
static gboolean
place_multi (Importer      *im,
             FieldBuilder  *b,
             FieldBuilder  *tb,
             FieldMap      *map,
             guint          j,
             GError       **error)
{
  const guint32 *offsets = (const guint32 *) (gpointer) tb->multi_offsets->data;
  const guint16 *codes = (const guint16 *) (gpointer) tb->multi_codes->data;
  guint start = b->multi_codes->len;
  guint16 *cell;
  guint n;

  for (guint32 k = offsets[j]; k < offsets[j + 1]; k++)
    {
      guint16 c = codes[k];

      if (map->multi[c] == 0)
        {
          guint code = _pathways_builder_intern_canonical (im, b, pathways_dictionary_get (tb->dict, c),
                                                           error);
          if (code == G_MAXUINT)
            return FALSE;
          map->multi[c] = code + 1;
        }
      push_u16 (b->multi_codes, &b->codes_cap, (guint16) (map->multi[c] - 1));
    }
  cell = &g_array_index (b->multi_codes, guint16, start);
  n = b->multi_codes->len - start;
  for (guint i = 1; i < n; i++)
    {
      guint16 v = cell[i];
      guint k = i;

      for (; k > 0 && cell[k - 1] > v; k--)
        cell[k] = cell[k - 1];
      cell[k] = v;
    }
  push_u32 (b->multi_offsets, &b->offsets_cap, b->multi_codes->len);
  push_u8 (b->multi_state, &b->state_cap, g_array_index (tb->multi_state, guint8, j));
  return TRUE;
}

/* Column F of the thread's KEPT rows appended to IM's builder. FALSE on an error,
 * at the position *AT in KEPT. */
static gboolean
place_column (Importer      *im,
              Importer      *tim,
              PathwaysField  f,
              GArray        *kept,
              guint         *at,
              GError       **error)
{
  FieldBuilder *b = im->builders[f];
  FieldBuilder *tb = tim->builders[f];
  const guint32 *rows = (const guint32 *) (gpointer) kept->data;
  guint n = kept->len;
  FieldMap map = { 0 };
  gboolean ok = TRUE;
  guint i = 0;

  field_map_init (&map, tb);
  switch (b->kind)
    {
    case PATHWAYS_KIND_CATEGORY:
      for (; ok && i < n; i++)
        {
          guint16 raw = g_array_index (tb->values, guint16, rows[i]);

          if (map.category[raw] == 0)
            {
              guint code = _pathways_builder_category_of_raw (im, b, g_ptr_array_index (tb->raw_texts, raw),
                                                              error);
              ok = code != G_MAXUINT;
              map.category[raw] = code + 1;
            }
          if (ok)
            builder_append (b, map.category[raw] - 1);
        }
      break;
    case PATHWAYS_KIND_KEY:
      for (; i < n; i++)
        {
          const guint32 *values = (const guint32 *) (gpointer) tb->values->data;

          /* the index is far larger than the caches: ask for a later row's slot now */
          if (map.hashes != NULL && i + 16 < n)
            {
              guint32 k = values[rows[i + 16]];
              if (k != 0 && map.keys[k] == 0)
                key_index_prefetch (b->key_index, map.hashes[k]);
            }
          builder_append (b, place_key (b, tb, &map, values[rows[i]]));
        }
      break;
    case PATHWAYS_KIND_MULTI:
      for (; ok && i < n; i++)
        ok = place_multi (im, b, tb, &map, rows[i], error);
      break;
    case PATHWAYS_KIND_DATE:
    case PATHWAYS_KIND_INTEGER:
    default:
      for (; i < n; i++)
        builder_append (b, g_array_index (tb->values, guint32, rows[i]));
      break;
    }
  field_map_clear (&map);
  *at = i - 1;
  return ok;
}

/* The thread's cases after IM's, in file order: a case ID seen before is a repeat, left
 * out with its cell findings; rows numbered OFFSET further on. The cases first, then
 * their columns one at a time, each freed once placed: memory grows by a column, not
 * by half the file. */
static gboolean
merge (Importer  *im,
       CaseJob   *job,
       guint64    offset,
       GError   **error)
{
  Importer *tim = &job->im;
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_CASE_ID];
  FieldBuilder *tid = tim->builders[PATHWAYS_FIELD_CASE_ID];
  GPtrArray *pending = tim->pending;
  const guint32 *hashes = (const guint32 *) (gpointer) job->id_hash->data;
  const guint32 *lengths = (const guint32 *) (gpointer) job->id_len->data;
  g_autoptr(GArray) kept = g_array_sized_new (FALSE, FALSE, sizeof (guint32), tim->n_cases);
  GError *first_error = NULL;
  guint first_at = G_MAXUINT;
  guint k = 0;

  for (guint j = 0; j < tim->n_cases; j++)
    {
      guint64 row = g_array_index (tim->case_rows, guint32, j);
      const char *text = g_ptr_array_index (tid->key_strings, j + 1);
      gsize len = lengths[j];
      guint32 h = hashes[j];
      guint32 found, key;

      if (j + 16 < tim->n_cases)
        key_index_prefetch (im->case_index, hashes[j + 16]);
      found = key_index_find (im->case_index, text, len, h);

      /* the findings of rows left out before this one, and this row's before its cells */
      k = _pathways_import_place_pending (im, pending, k, row, FALSE, offset);

      if (found != 0)
        {
          g_autofree char *first_row =
            pathways_format_count (g_array_index (im->case_rows, guint32, found - 1));
          g_autofree char *what = g_strdup_printf (_("repeats a case ID first seen in row %s; "
                                                     "the later row is left out"), first_row);

          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_DUPLICATE_CASE_ID,
                                             PATHWAYS_SEVERITY_ERROR, im->cases_name, row + offset,
                                             id->column_name, text, what);
          k = _pathways_import_skip_pending (pending, k, row);
          continue;
        }

      k = _pathways_import_place_pending (im, pending, k, row, TRUE, offset);

      im->n_cases++;
      key = add_key (id, text, len, 0);
      builder_append (id, key);
      _pathways_key_index_insert (im->case_index, key, h);
      push_u32 (im->case_rows, &im->case_rows_cap, (guint32) MIN (row + offset, G_MAXUINT32));
      g_array_append_val (kept, j);
    }
  _pathways_import_place_pending (im, pending, k, G_MAXUINT64, TRUE, offset);
  /* what placing the cases needed goes before the columns come */
  g_clear_pointer (&tim->builders[PATHWAYS_FIELD_CASE_ID], _pathways_field_builder_free);
  g_clear_pointer (&tim->case_rows, g_array_unref);
  g_clear_pointer (&tim->pending, g_ptr_array_unref);
  g_clear_pointer (&job->id_hash, g_array_unref);
  g_clear_pointer (&job->id_len, g_array_unref);

  /* A column error (too many values) is the one a read in turn meets first: the
   * earliest row, then the first column. */
  for (guint f = 0; f < PATHWAYS_FIELD_FIRST_SERVICE; f++)
    {
      GError *local = NULL;
      guint at = 0;

      if (im->builders[f] == NULL || f == PATHWAYS_FIELD_CASE_ID)
        continue;
      if (!place_column (im, tim, f, kept, &at, &local))
        {
          if (at < first_at)
            {
              g_clear_error (&first_error);
              first_error = local;
              first_at = at;
            }
          else
            g_clear_error (&local);
        }
      g_clear_pointer (&tim->builders[f], _pathways_field_builder_free);
    }
  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}

static gint n_merged;
static gint n_read_again;

void
_pathways_import_get_split_counts (guint *merged,
                                   guint *read_again)
{
  *merged = (guint) g_atomic_int_get (&n_merged);
  *read_again = (guint) g_atomic_int_get (&n_read_again);
}

gboolean
_pathways_case_job_finish (Importer  *im,
                           CaseJob   *job,
                           gboolean   at_split,
                           guint64    records,
                           gboolean  *merged,
                           GError   **error)
{
  *merged = FALSE;
  if (!at_split)
    {
      /* the split fell inside a quoted cell: the main thread has read everything */
      g_cancellable_cancel (job->stop);
      g_thread_join (g_steal_pointer (&job->thread));
      g_atomic_int_inc (&n_read_again);
      return TRUE;
    }
  g_thread_join (g_steal_pointer (&job->thread));

  if (job->error != NULL &&
      g_error_matches (job->error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  if (!job->ok)
    {
      g_debug ("the second half of the case file is read again in turn: %s",
               job->error != NULL ? job->error->message : "too many raw values");
      g_atomic_int_inc (&n_read_again);
      return TRUE;
    }
  if (!merge (im, job, records, error))
    return FALSE;
  g_atomic_int_inc (&n_merged);
  *merged = TRUE;
  return TRUE;
}
