/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-outcomes-import.c: reading an outcomes file into the dataset (both shapes of
 * spec/data-model.md "Outcomes"). */
#define G_LOG_DOMAIN "pathways-outcomes"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-i18n.h"

#include "pathways-import.h"
#include "pathways-outcomes.h"
#include "pathways-row-reader.h"

typedef enum {
  ROLE_NONE, ROLE_CASE, ROLE_INSTRUMENT, ROLE_ITEM, ROLE_TIMEPOINT, ROLE_DATE, ROLE_SCORE,
  N_ROLES
} Role;

/* header names, folded */
static const char * const role_names[N_ROLES] = {
  NULL,
  "caseid|clientcaseid|caseref|casereference|casenumber|caseno|case|clientid|clientref|referenceid",
  "instrument|questionnaire|measure|tool|scale|form|outcometool|outcomemeasure",
  "item|question|questionid|itemid|domain",
  "timepoint|stage|occasion|wave|phase|point|when",
  "date|datecompleted|completed|completiondate|dateanswered|answereddate|outcomedate|questionnairedate",
  "score|answer|value|response|result|rating|total|totalscore",
};

typedef struct {
  PathwaysDataset   *ds;
  PathwaysDateOrder  order;
  gboolean           date1904;
  char              *file;
  GHashTable        *cases;      /* case id → case index + 1 */
  GHashTable        *measures;   /* "instrument\037item" → measure + 1 */
  GPtrArray         *instruments;
  GPtrArray         *items;
  GArray            *case_index, *measure, *timepoint, *day, *score;
  /* what the rows repeat, resolved once: see Resolution */
  guint              n_columns;
  GHashTable        *by_pair;        /* long: "instrument\037item" → Resolution */
  GHashTable        *by_instrument;  /* wide: instrument → InstrumentCache */
  struct _InstrumentCache *self;     /* wide without an instrument column */
  GString           *key, *case_id, *instrument, *item, *answer;
} Reader;

/* An instrument and item resolved once for all the answers that name them: the
 * preset, the scale, and the measure (interned at its first kept answer, so the
 * measures keep the order of the file). */
typedef struct {
  const PathwaysInstrument *preset;
  PathwaysItemScale         scale;
  int                       measure;   /* MEASURE_PENDING until an answer is kept */
  gboolean                  ready;
} Resolution;

#define MEASURE_PENDING (-2)

/* wide shape: one instrument's columns, resolved column by column as first met */
typedef struct _InstrumentCache {
  const PathwaysInstrument *preset;
  Resolution                total;
  Resolution                column[];  /* n_columns */
} InstrumentCache;

static InstrumentCache *
instrument_cache_new (const char *instrument,
                      guint       n_columns)
{
  InstrumentCache *cache = g_malloc0 (sizeof (InstrumentCache) + n_columns * sizeof (Resolution));

  cache->preset = instrument != NULL ? pathways_instrument_lookup (instrument) : NULL;
  return cache;
}

static void
reader_clear (Reader *r)
{
  g_free (r->file);
  g_clear_pointer (&r->cases, g_hash_table_unref);
  g_clear_pointer (&r->measures, g_hash_table_unref);
  g_clear_pointer (&r->instruments, g_ptr_array_unref);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_clear_pointer (&r->case_index, g_array_unref);
  g_clear_pointer (&r->measure, g_array_unref);
  g_clear_pointer (&r->timepoint, g_array_unref);
  g_clear_pointer (&r->day, g_array_unref);
  g_clear_pointer (&r->score, g_array_unref);
  g_clear_pointer (&r->by_pair, g_hash_table_unref);
  g_clear_pointer (&r->by_instrument, g_hash_table_unref);
  g_clear_pointer (&r->self, g_free);
  if (r->key != NULL)
    g_string_free (r->key, TRUE);
  if (r->case_id != NULL)
    g_string_free (r->case_id, TRUE);
  if (r->instrument != NULL)
    g_string_free (r->instrument, TRUE);
  if (r->item != NULL)
    g_string_free (r->item, TRUE);
  if (r->answer != NULL)
    g_string_free (r->answer, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static Role
role_of (const char *header,
         const char *case_column)
{
  g_autofree char *folded = pathways_instrument_fold (header);
  g_autofree char *fcase = pathways_instrument_fold (case_column);

  if (fcase[0] != '\0' && g_str_equal (folded, fcase))
    return ROLE_CASE;
  for (guint r = ROLE_CASE; r < N_ROLES; r++)
    {
      g_auto(GStrv) names = g_strsplit (role_names[r], "|", -1);
      if (g_strv_contains ((const char * const *) names, folded))
        return r;
    }
  return ROLE_NONE;
}

static void
finding (Reader           *r,
         const char       *kind,
         PathwaysSeverity  severity,
         guint64           row,
         const char       *column,
         const char       *value,
         const char       *message)
{
  pathways_dataset_add_finding (r->ds, kind, severity, r->file, row, column, value, message);
}

/* The measure of INSTRUMENT and ITEM (a total when ITEM names none), or -1 when full. */
static int
intern_measure (Reader     *r,
                const char *instrument,
                const char *item)
{
  const PathwaysInstrument *preset = pathways_instrument_lookup (instrument);
  const char *name = preset != NULL ? preset->name : instrument;
  const char *it = pathways_instrument_is_total (instrument, item) ? name : item;
  g_autofree char *key = g_strconcat (name, "\037", it, NULL);
  gpointer found = g_hash_table_lookup (r->measures, key);

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;
  if (r->instruments->len >= G_MAXUINT16)
    return -1;
  g_ptr_array_add (r->instruments, g_strdup (name));
  g_ptr_array_add (r->items, g_strdup (it));
  g_hash_table_insert (r->measures, g_steal_pointer (&key), GINT_TO_POINTER (r->instruments->len));
  return r->instruments->len - 1;
}

typedef struct {
  guint32 case_index;
  guint8  timepoint;
  gint32  day;
  guint64 row;
} RowContext;

static void
resolve (Resolution *res,
         const char *instrument,
         const char *item)
{
  res->preset = pathways_instrument_lookup (instrument);
  pathways_item_scale_init (&res->scale, instrument, item);
  res->measure = MEASURE_PENDING;
  res->ready = TRUE;
}

/* The resolution of INSTRUMENT and ITEM in the long shape, made at their first row. */
static Resolution *
resolve_pair (Reader     *r,
              const char *instrument,
              const char *item)
{
  Resolution *res;

  g_string_assign (r->key, instrument);
  g_string_append_c (r->key, '\037');
  g_string_append (r->key, item);
  res = g_hash_table_lookup (r->by_pair, r->key->str);
  if (res == NULL)
    {
      res = g_new0 (Resolution, 1);
      resolve (res, instrument, item);
      g_hash_table_insert (r->by_pair, g_strdup (r->key->str), res);
    }
  return res;
}

/* Adds one answer to INSTRUMENT and ITEM (resolved as RES); FALSE when it was left out
 * (with a finding). */
static gboolean
add_answer (Reader           *r,
            const RowContext *ctx,
            Resolution       *res,
            const char       *instrument,
            const char       *item,
            const char       *column,
            const char       *text,
            double           *out)
{
  guint16 m16;
  double v;

  if (!pathways_instrument_parse_answer (res->preset, text, &v))
    {
      finding (r, PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD, PATHWAYS_SEVERITY_ERROR, ctx->row, column, text,
               _("This answer is neither a number nor a label of the questionnaire's scale: it is left out."));
      return FALSE;
    }
  if (!pathways_item_scale_in_range (&res->scale, v))
    {
      finding (r, PATHWAYS_FINDING_SCORE_OUT_OF_RANGE, PATHWAYS_SEVERITY_ERROR, ctx->row, column, text,
               _("This score is outside the questionnaire's range: it is left out."));
      return FALSE;
    }
  /* once full, the measures stay full: -1 is kept */
  if (res->measure == MEASURE_PENDING)
    res->measure = intern_measure (r, instrument, item);
  if (res->measure < 0)
    return FALSE;
  m16 = (guint16) res->measure;
  g_array_append_val (r->case_index, ctx->case_index);
  g_array_append_val (r->measure, m16);
  g_array_append_val (r->timepoint, ctx->timepoint);
  g_array_append_val (r->day, ctx->day);
  g_array_append_val (r->score, v);
  if (out != NULL)
    *out = v;
  return TRUE;
}

/* The case, timepoint and date of the current row; FALSE when the row cannot be used. */
static gboolean
row_context (Reader            *r,
             PathwaysRowReader *reader,
             const int         *col,
             RowContext        *ctx)
{
  const char *id = pathways_row_reader_trimmed (r->case_id, col[ROLE_CASE] >= 0 ? pathways_row_reader_get_field (reader, col[ROLE_CASE]) : "");
  gpointer found = g_hash_table_lookup (r->cases, id);
  int tp = PATHWAYS_TIMEPOINT_NONE;

  ctx->row = pathways_row_reader_get_row_number (reader);
  if (found == NULL)
    {
      finding (r, PATHWAYS_FINDING_ORPHAN_ANSWER, PATHWAYS_SEVERITY_WARNING, ctx->row,
               pathways_row_reader_get_column_name (reader, col[ROLE_CASE]), id,
               _("No case has this case ID: the answers on this row are left out."));
      return FALSE;
    }
  ctx->case_index = GPOINTER_TO_UINT (found) - 1;
  ctx->day = PATHWAYS_DAY_NONE;
  if (col[ROLE_DATE] >= 0)
    {
      const char *text = pathways_row_reader_get_field (reader, col[ROLE_DATE]);

      ctx->day = pathways_parse_date (text, r->order, r->date1904);
      if (ctx->day == PATHWAYS_DAY_INVALID)
        {
          finding (r, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD, PATHWAYS_SEVERITY_WARNING, ctx->row,
                   pathways_row_reader_get_column_name (reader, col[ROLE_DATE]), text,
                   _("This date is not understood: the answer is placed by its timepoint only."));
          ctx->day = PATHWAYS_DAY_NONE;
        }
    }
  if (col[ROLE_TIMEPOINT] >= 0)
    tp = pathways_timepoint_parse (pathways_row_reader_get_field (reader, col[ROLE_TIMEPOINT]));
  /* a timepoint not understood is placed by the date, like one not given */
  ctx->timepoint = tp > 0 ? (guint8) tp : PATHWAYS_TIMEPOINT_NONE;
  if (ctx->timepoint == PATHWAYS_TIMEPOINT_NONE && ctx->day == PATHWAYS_DAY_NONE)
    {
      finding (r, PATHWAYS_FINDING_TIMEPOINT_NOT_PLACED, PATHWAYS_SEVERITY_ERROR, ctx->row,
               col[ROLE_TIMEPOINT] >= 0 ? pathways_row_reader_get_column_name (reader, col[ROLE_TIMEPOINT]) : NULL,
               col[ROLE_TIMEPOINT] >= 0 ? pathways_row_reader_get_field (reader, col[ROLE_TIMEPOINT]) : NULL,
               _("Neither a timepoint (start, review, end) nor a date places these answers: they are left out."));
      return FALSE;
    }
  return TRUE;
}

static void
read_long_row (Reader            *r,
               PathwaysRowReader *reader,
               const int         *col,
               const RowContext  *ctx)
{
  const char *it = pathways_row_reader_trimmed (r->item, pathways_row_reader_get_field (reader, col[ROLE_ITEM]));
  const char *inst = col[ROLE_INSTRUMENT] >= 0 ? pathways_row_reader_trimmed (r->instrument, pathways_row_reader_get_field (reader, col[ROLE_INSTRUMENT])) : it;
  const char *answer = pathways_row_reader_trimmed (r->answer, pathways_row_reader_get_field (reader, col[ROLE_SCORE]));

  if (inst[0] == '\0' || answer[0] == '\0')
    return;   /* not answered */
  add_answer (r, ctx, resolve_pair (r, inst, it), inst, it,
              pathways_row_reader_get_column_name (reader, col[ROLE_SCORE]), answer, NULL);
}

/* The resolutions of the wide shape's columns for INSTRUMENT (NULL: without an
 * instrument column, each item column its own instrument). */
static InstrumentCache *
instrument_cache (Reader     *r,
                  const char *instrument)
{
  InstrumentCache *cache;

  if (instrument == NULL)
    {
      if (r->self == NULL)
        r->self = instrument_cache_new (NULL, r->n_columns);
      return r->self;
    }
  cache = g_hash_table_lookup (r->by_instrument, instrument);
  if (cache == NULL)
    {
      cache = instrument_cache_new (instrument, r->n_columns);
      g_hash_table_insert (r->by_instrument, g_strdup (instrument), cache);
    }
  return cache;
}

/* One questionnaire per row: item columns, and a total (the score column, or the sum of
 * a built-in scale's items when all are answered). Without an instrument column, each
 * item column is an instrument's total. */
static void
read_wide_row (Reader            *r,
               PathwaysRowReader *reader,
               const int         *col,
               const gboolean    *is_item,
               const RowContext  *ctx)
{
  const char *inst = NULL;
  InstrumentCache *cache;
  guint answered = 0;
  double sum = 0;
  gboolean has_total = FALSE;

  if (col[ROLE_INSTRUMENT] >= 0)
    {
      inst = pathways_row_reader_trimmed (r->instrument, pathways_row_reader_get_field (reader, col[ROLE_INSTRUMENT]));
      if (inst[0] == '\0')
        return;   /* no instrument: nothing on the row is kept */
    }
  cache = instrument_cache (r, inst);
  for (guint c = 0; c < r->n_columns; c++)
    {
      const char *name, *text;
      Resolution *res = &cache->column[c];
      double v;

      if (!is_item[c])
        continue;
      text = pathways_row_reader_trimmed (r->answer, pathways_row_reader_get_field (reader, c));
      if (text[0] == '\0')
        continue;
      name = pathways_row_reader_get_column_name (reader, c);
      if (!res->ready)
        resolve (res, inst != NULL ? inst : name, name);
      if (add_answer (r, ctx, res, inst != NULL ? inst : name, name, name, text, &v) && inst != NULL)
        {
          answered++;
          sum += v;
        }
    }
  if (inst == NULL)
    return;
  if (!cache->total.ready)
    resolve (&cache->total, inst, inst);
  if (col[ROLE_SCORE] >= 0)
    {
      const char *total = pathways_row_reader_trimmed (r->answer, pathways_row_reader_get_field (reader, col[ROLE_SCORE]));
      if (total[0] != '\0')
        {
          add_answer (r, ctx, &cache->total, inst, inst,
                      pathways_row_reader_get_column_name (reader, col[ROLE_SCORE]), total, NULL);
          has_total = TRUE;
        }
    }
  if (!has_total && cache->preset != NULL && cache->preset->n_items > 1 &&
      answered == cache->preset->n_items)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_snprintf (text, sizeof text, "%g", sum);
      add_answer (r, ctx, &cache->total, inst, inst, NULL, text, NULL);
    }
}

static void
index_cases (Reader          *r,
             PathwaysDataset *ds)
{
  r->cases = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < ds->n_cases; i++)
    {
      const char *id = pathways_dataset_get_case_id (ds, i);
      if (id != NULL && !g_hash_table_contains (r->cases, id))
        g_hash_table_insert (r->cases, (gpointer) id, GUINT_TO_POINTER (i + 1));
    }
}

static PathwaysOutcomeTable *
take_table (Reader *r)
{
  PathwaysOutcomeTable *t = pathways_outcome_table_new (0);

  t->file = g_strdup (r->file);
  t->n_rows = r->case_index->len;
  t->case_index = (guint32 *) g_array_free (g_steal_pointer (&r->case_index), FALSE);
  t->measure = (guint16 *) g_array_free (g_steal_pointer (&r->measure), FALSE);
  t->timepoint = (guint8 *) g_array_free (g_steal_pointer (&r->timepoint), FALSE);
  t->day = (gint32 *) g_array_free (g_steal_pointer (&r->day), FALSE);
  t->score = (double *) g_array_free (g_steal_pointer (&r->score), FALSE);
  g_ptr_array_extend_and_steal (t->instruments, g_steal_pointer (&r->instruments));
  g_ptr_array_extend_and_steal (t->items, g_steal_pointer (&r->items));
  pathways_outcome_table_sort (t);
  return t;
}

gboolean
pathways_outcomes_import (PathwaysDataset   *dataset,
                          const char        *path,
                          PathwaysDateOrder  date_order,
                          GError           **error)
{
  g_auto(Reader) r = { 0 };
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autofree gboolean *is_item = NULL;
  int col[N_ROLES];
  guint n_columns;
  gboolean long_shape;
  const char *case_column = NULL;

  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reader = pathways_row_reader_open (path, NULL, error);
  if (reader == NULL)
    return FALSE;
  r.ds = dataset;
  r.order = date_order;
  r.date1904 = pathways_row_reader_get_date1904 (reader);
  r.file = g_path_get_basename (path);
  if (dataset->mapping != NULL)
    case_column = pathways_mapping_get_column (dataset->mapping, PATHWAYS_FIELD_CASE_ID);

  n_columns = pathways_row_reader_get_n_columns (reader);
  is_item = g_new0 (gboolean, n_columns);
  for (guint k = 0; k < N_ROLES; k++)
    col[k] = -1;
  for (guint c = 0; c < n_columns; c++)
    {
      Role role = role_of (pathways_row_reader_get_column_name (reader, c), case_column);
      if (role != ROLE_NONE && col[role] < 0)
        col[role] = c;
      else
        is_item[c] = TRUE;
    }
  if (col[ROLE_CASE] < 0)
    {
      g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NOT_MAPPED,
                   _("%s: no column of case IDs was found (a header such as “Case ID”)"), r.file);
      return FALSE;
    }
  long_shape = col[ROLE_ITEM] >= 0 && col[ROLE_SCORE] >= 0;
  if (!long_shape && col[ROLE_ITEM] >= 0)
    is_item[col[ROLE_ITEM]] = TRUE;

  index_cases (&r, dataset);
  r.measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.instruments = g_ptr_array_new_with_free_func (g_free);
  r.items = g_ptr_array_new_with_free_func (g_free);
  r.case_index = g_array_new (FALSE, FALSE, sizeof (guint32));
  r.measure = g_array_new (FALSE, FALSE, sizeof (guint16));
  r.timepoint = g_array_new (FALSE, FALSE, sizeof (guint8));
  r.day = g_array_new (FALSE, FALSE, sizeof (gint32));
  r.score = g_array_new (FALSE, FALSE, sizeof (double));
  r.n_columns = n_columns;
  r.by_pair = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.by_instrument = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.key = g_string_new (NULL);
  r.case_id = g_string_new (NULL);
  r.instrument = g_string_new (NULL);
  r.item = g_string_new (NULL);
  r.answer = g_string_new (NULL);

  while (pathways_row_reader_next_row (reader, error))
    {
      RowContext ctx;

      if (!row_context (&r, reader, col, &ctx))
        continue;
      if (long_shape)
        read_long_row (&r, reader, col, &ctx);
      else
        read_wide_row (&r, reader, col, is_item, &ctx);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  g_clear_pointer (&dataset->outcomes, pathways_outcome_table_free);
  dataset->outcomes = take_table (&r);
  return TRUE;
}
