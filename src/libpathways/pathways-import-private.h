/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-private.h: what the files of the import share.
 *
 * pathways-import.c         the driver: readers, rows, the service thread, the sources
 * pathways-column-builder.c one builder per mapped column: cells to compact values,
 *                           then the dataset's columns
 * pathways-import-checks.c  findings, and the checks made once every row is read
 * pathways-key-index.c      the hash tables (pathways-key-index.h)
 *
 * What runs once a cell stays inline, here: the column appends, the key interning and
 * the cell parser that dispatches on the column's kind.
 */
#pragma once

#include <string.h>

#include "pathways-i18n.h"

#include "pathways-date-private.h"
#include "pathways-import.h"
#include "pathways-key-index.h"
#include "pathways-row-reader.h"

G_BEGIN_DECLS

/* One mapped column while the rows are read. */
typedef struct {
  PathwaysField       field;
  PathwaysFieldKind   kind;
  int                 src;           /* column index in the reader */
  const char         *column_name;   /* owned by the mapping */
  /* growing storage, handed over to the dataset at the end */
  GArray             *values;        /* guint16 codes, gint32 candidates/ints, guint32 keys */
  GArray             *multi_offsets; /* guint32 */
  GArray             *multi_codes;   /* guint16 */
  GArray             *multi_state;   /* guint8 */
  /* room reserved in each array, in elements (see array_grow) */
  guint               values_cap;
  guint               offsets_cap;
  guint               codes_cap;
  guint               state_cap;
  /* categories and multi */
  PathwaysDictionary *dict;
  RawCache           *raw_cache;     /* raw cell text → code + 1 (raw number + 1 on the
                                        service thread) */
  GPtrArray          *raw_texts;     /* service thread: raw number → text, in raw_cache */
  GHashTable         *fold_index;    /* folded canonical value → code + 1 */
  /* keys */
  GStringChunk       *key_chunk;
  GPtrArray          *key_strings;
  KeyIndex           *key_index;     /* interned keys (person_id) → index; NULL: no interning */
  guint               n_kept_keys;   /* service thread's keys kept when linking */
  /* dates */
  PathwaysDateOrderEvidence evidence;
  gboolean            date1904;
  gboolean            xlsx;
  guint64             inconsistent;  /* long files: rows disagreeing with the case's first */
} FieldBuilder;

/* One import: its options, builders and row bookkeeping. */
typedef struct {
  const PathwaysImportOptions *options;
  PathwaysMapping   *mapping;
  PathwaysDataset   *dataset;
  GCancellable      *cancellable;
  PathwaysProgressFunc progress;
  gpointer           progress_data;

  FieldBuilder      *builders[PATHWAYS_N_FIELDS];
  char              *cases_name;      /* base names, for messages */
  char              *services_name;
  gboolean           long_shape;

  KeyIndex          *case_index;      /* case_id text → key number = case index + 1 */
  GArray            *case_rows;       /* guint32 file row of each case */
  GArray            *service_rows;    /* guint32 file row of each service */
  GArray            *service_case;    /* guint32 case index of each service */
  guint              case_rows_cap;
  guint              service_rows_cap;
  guint              service_case_cap;
  guint              n_cases;
  guint              n_services;
  gboolean           dob_only;        /* age derived from date_of_birth */

  /* The service file is read on a second thread while the main one reads the cases
   * (see ServiceJob). That thread has an Importer of its own, where these are set:
   * findings wait in PENDING for the main thread to place them in file order, and a
   * category cell holds the number of its raw text, not a code: codes are given in the
   * order of the rows kept once the services are linked to cases. */
  GPtrArray         *pending;         /* PendingFinding */
  gboolean           in_cell;         /* the findings made now are about a cell */
  gboolean           raw_ids;
  char              *language;        /* a thread's importer: the report language of
                                       * the thread that started it (findings' words) */
  gboolean           overflow;        /* more raw texts than a column can number */
  gboolean           split;           /* main thread: the case file's second half is
                                       * read by a CaseJob */
  struct _ServiceJob *service_job;    /* main thread: the job running, for progress */
} Importer;

/* A finding made on the service thread, placed in file order by the main thread. */
typedef struct {
  const char       *kind;       /* a PATHWAYS_FINDING_ constant */
  PathwaysSeverity  severity;
  gboolean          is_cell;    /* dropped when the row's service or case is left out */
  const char       *file;       /* the importer's */
  guint64           row;        /* in the part of the file the thread read */
  const char       *column;     /* the mapping's */
  char             *value;
  char             *what;       /* the message is made when the finding is placed */
} PendingFinding;

/* pathways-import-checks.c */
void         _pathways_import_pending_finding_free (gpointer data);
/* "1,204": people read row numbers, not machines */
/* A finding about ROW of FILE (and COLUMN and VALUE when not NULL): added to the dataset,
 * or kept in IM's pending list on the service thread. */
void         _pathways_import_add_cell_finding     (Importer         *im,
                                                    const char       *kind,
                                                    PathwaysSeverity  severity,
                                                    const char       *file,
                                                    guint64           row,
                                                    const char       *column,
                                                    const char       *value,
                                                    const char       *what);
/* Adds P to IM's dataset, its row ROW_OFFSET further on. */
void         _pathways_import_emit_pending         (Importer         *im,
                                                    PendingFinding   *p,
                                                    guint64           row_offset);
/* From K on, the pending findings of rows before ROW and ROW's own that are not about
 * its cells (with them when CELLS), placed; returns the next one. */
guint        _pathways_import_place_pending        (Importer         *im,
                                                    GPtrArray        *pending,
                                                    guint             k,
                                                    guint64           row,
                                                    gboolean          cells,
                                                    guint64           row_offset);
/* From K on, past ROW's pending findings (its row is left out). */
guint        _pathways_import_skip_pending         (GPtrArray        *pending,
                                                    guint             k,
                                                    guint64           row);
/* TIM, a thread's importer, shares IM's options, mapping, cancellable and file names,
 * keeps its findings pending and numbers raw texts; _clear frees what it built. */
void         _pathways_import_thread_init          (Importer         *tim,
                                                    Importer         *im);
void         _pathways_import_thread_clear         (Importer         *tim);
/* First thing on the thread: its report language set to the starting thread's. */
void         _pathways_import_thread_begin         (Importer         *tim);
/* pathways-import.c */
/* TRUE (and the error set) when IM's cancellable is cancelled. */
gboolean     _pathways_import_check_cancelled      (Importer         *im,
                                                    GError          **error);
/* A finding when the reader's current row has more or fewer fields than its header. */
void         _pathways_import_report_ragged        (Importer          *im,
                                                    PathwaysRowReader *reader,
                                                    const char        *file);
/* The case fields (all but the case ID) of the reader's current row, appended. */
gboolean     _pathways_import_read_case_fields     (Importer          *im,
                                                    PathwaysRowReader *reader,
                                                    const char        *file,
                                                    guint64            row,
                                                    GError           **error);

/* pathways-import-split.c: the second half of a large case file on its own thread */
typedef struct _CaseJob CaseJob;
/* The fewest bytes of a case file read on two threads (tests lower it); returns the
 * one before. */
guint64      _pathways_import_set_split_min        (guint64            min_bytes);
/* A thread reading the second part of the case file READER (CSV, not long), or NULL
 * when the file is too small or cannot be split. */
CaseJob     *_pathways_case_job_start              (Importer          *im,
                                                    PathwaysRowReader *reader);
/* Once the case reader has stopped: when it stopped AT_SPLIT after RECORDS records,
 * the thread's cases appended to IM as if read in turn (*MERGED), or nothing when the
 * thread could not read its part exactly (the reader must then read on); when it read
 * past the split, the thread's work is dropped. FALSE on an error that stops the
 * import. */
gboolean     _pathways_case_job_finish             (Importer          *im,
                                                    CaseJob           *job,
                                                    gboolean           at_split,
                                                    guint64            records,
                                                    gboolean          *merged,
                                                    GError           **error);
/* For the tests: how many case files were read on two threads, and how many had their
 * second half read again in turn, since the program started. */
void         _pathways_import_get_split_counts     (guint             *merged,
                                                    guint             *read_again);
void         _pathways_case_job_free               (CaseJob           *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaseJob, _pathways_case_job_free)

/* Once every row is read: date orders settled, dates checked, the snapshot found. */
void         _pathways_import_run_checks           (Importer         *im);

/* pathways-column-builder.c */
void         _pathways_field_builder_free          (FieldBuilder     *b);
/* Trims ASCII and Unicode no-break spaces at both ends of S (LEN bytes, terminated)
 * into a buffer-free view. */
const char  *_pathways_trim_view_len               (const char       *s,
                                                    gsize             len,
                                                    gsize            *out_len);
gboolean     _pathways_builder_parse_category      (Importer         *im,
                                                    FieldBuilder     *b,
                                                    const char       *raw,
                                                    gsize             raw_len,
                                                    guint16          *out,
                                                    GError          **error);
/* Code of a raw category cell not seen before; G_MAXUINT on error. */
guint        _pathways_builder_category_of_raw     (Importer         *im,
                                                    FieldBuilder     *b,
                                                    const char       *raw,
                                                    GError          **error);
/* The code of a value the mapping has already made canonical (the case thread's
 * dictionary entries); G_MAXUINT on error. */
guint        _pathways_builder_intern_canonical    (Importer         *im,
                                                    FieldBuilder     *b,
                                                    const char       *canonical,
                                                    GError          **error);
/* A cell of several values separated by ';', '|' or newlines. */
gboolean     _pathways_builder_append_multi        (Importer         *im,
                                                    FieldBuilder     *b,
                                                    const char       *raw,
                                                    GError          **error);
gint32       _pathways_builder_parse_integer       (const char       *raw,
                                                    gboolean         *ok);
/* A builder for each field of TABLE that the mapping puts in a column of READER. */
gboolean     _pathways_import_setup_builders       (Importer           *im,
                                                    PathwaysRowReader  *reader,
                                                    PathwaysTableKind   table,
                                                    GError            **error);
/* After a first stretch of rows, the room the whole file needs, reserved once. */
void         _pathways_import_reserve_rows         (Importer          *im,
                                                    PathwaysRowReader *reader,
                                                    guint64            rows_so_far,
                                                    gboolean           services);
/* Moves builder data into dataset columns, services reordered by case. */
void         _pathways_import_finish_columns       (Importer         *im);
/* Age from date of birth, age band from age, when the export has none of its own. */
void         _pathways_import_derive_age           (Importer         *im);

/* Column arrays are appended to once per cell. g_array_append_val() is a call and a
 * memcpy of a few bytes each time; these write in place while the room reserved
 * (*CAP elements, which array_grow() sets) lasts, and double it when it runs out.
 * The room is a power of two, as GArray would allocate anyway: the row estimate
 * (_pathways_import_reserve_rows) is often a little short, and the slack above it then
 * saves a copy of the whole column at the memory peak. Room never written is not
 * resident. */
static inline void
array_grow (GArray *array,
            guint  *cap,
            guint   n)
{
  guint len = array->len;
  guint room = 64;

  if (n <= *cap)
    return;
  while (room < n && room < G_MAXUINT / 2 + 1)
    room *= 2;
  room = MAX (room, n);
  g_array_set_size (array, room);
  g_array_set_size (array, len);
  *cap = room;
}

static inline guint
array_room (GArray *array,
            guint  *cap)
{
  if (G_UNLIKELY (array->len >= *cap))
    array_grow (array, cap, MAX (64, array->len * 2));
  return array->len++;
}

static inline void
push_u32 (GArray  *array,
          guint   *cap,
          guint32  value)
{
  guint i = array_room (array, cap);
  ((guint32 *) (gpointer) array->data)[i] = value;
}

static inline void
push_u16 (GArray  *array,
          guint   *cap,
          guint16  value)
{
  guint i = array_room (array, cap);
  ((guint16 *) (gpointer) array->data)[i] = value;
}

static inline void
push_u8 (GArray *array,
         guint  *cap,
         guint8  value)
{
  guint i = array_room (array, cap);
  ((guint8 *) array->data)[i] = value;
}

static inline const char *
trim_view (const char *s,
           gsize      *out_len)
{
  return _pathways_trim_view_len (s, strlen (s), out_len);
}

/* Adds the LEN bytes at TEXT as a new key of B (hashing to H when B has an index). */
static inline guint32
add_key (FieldBuilder *b,
         const char   *text,
         gsize         len,
         guint32       h)
{
  g_ptr_array_add (b->key_strings, g_string_chunk_insert_len (b->key_chunk, text, len));
  if (b->key_index != NULL)
    _pathways_key_index_insert (b->key_index, b->key_strings->len - 1, h);
  return b->key_strings->len - 1;
}

static inline guint32
intern_key (FieldBuilder *b,
            const char   *raw,
            gsize         raw_len)
{
  gsize len;
  const char *view = _pathways_trim_view_len (raw, raw_len, &len);
  guint32 h = 0;

  if (len == 0)
    return 0;

  if (b->key_index != NULL)
    {
      guint32 found;

      h = hash_len (view, len);
      found = key_index_find (b->key_index, view, len, h);
      if (found != 0)
        return found;
    }

  return add_key (b, view, len, h);
}

/* Parses the cell of builder B into its compact value (not for MULTI). Returns FALSE on
 * an error that stops the import. */
static inline gboolean
parse_cell (Importer     *im,
            FieldBuilder *b,
            const char   *raw,
            gsize         raw_len,
            const char   *file,
            guint64       row,
            guint32      *out,
            GError      **error)
{
  switch (b->kind)
    {
    case PATHWAYS_KIND_CATEGORY:
      {
        guint16 code;
        if (!_pathways_builder_parse_category (im, b, raw, raw_len, &code, error))
          return FALSE;
        *out = code;
        return TRUE;
      }

    case PATHWAYS_KIND_DATE:
      {
        PathwaysDateCandidate c;

        c = pathways_date_candidate_parse (raw, b->xlsx);
        if (c == PATHWAYS_DATE_CANDIDATE_INVALID)
          {
            gsize len;
            const char *view = _pathways_trim_view_len (raw, raw_len, &len);
            g_autofree char *trimmed = g_strndup (view, len);

            if (pathways_mapping_is_missing (im->mapping, trimmed))
              c = PATHWAYS_DATE_CANDIDATE_NONE;
            else
              _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD,
                                                 PATHWAYS_SEVERITY_ERROR, file, row, b->column_name,
                                                 trimmed, _("is not a date"));
          }
        *out = c;
        return TRUE;
      }

    case PATHWAYS_KIND_INTEGER:
      {
        gboolean ok;
        gint32 value = _pathways_builder_parse_integer (raw, &ok);

        if (!ok)
          {
            gsize len;
            const char *view = trim_view (raw, &len);
            g_autofree char *trimmed = g_strndup (view, len);

            if (!pathways_mapping_is_missing (im->mapping, trimmed))
              _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD,
                                                 PATHWAYS_SEVERITY_ERROR, file, row, b->column_name,
                                                 trimmed, _("is not an age in whole years"));
          }
        *out = (guint32) value;
        return TRUE;
      }

    case PATHWAYS_KIND_KEY:
      *out = intern_key (b, raw, raw_len);
      return TRUE;

    case PATHWAYS_KIND_MULTI:
    default:
      g_assert_not_reached ();
    }
}

/* parse_cell() of B's field in the reader's current row. */
static inline gboolean
parse_field (Importer          *im,
             FieldBuilder      *b,
             PathwaysRowReader *reader,
             const char        *file,
             guint64            row,
             guint32           *out,
             GError           **error)
{
  gsize len;
  const char *raw = pathways_row_reader_get_field_len (reader, b->src, &len);

  return parse_cell (im, b, raw, len, file, row, out, error);
}

static inline void
builder_append (FieldBuilder *b,
                guint32       value)
{
  if (b->kind == PATHWAYS_KIND_CATEGORY)
    push_u16 (b->values, &b->values_cap, value);
  else
    push_u32 (b->values, &b->values_cap, value);
}

static inline guint32
builder_get (FieldBuilder *b,
             guint         i)
{
  if (b->kind == PATHWAYS_KIND_CATEGORY)
    return g_array_index (b->values, guint16, i);
  return g_array_index (b->values, guint32, i);
}

G_END_DECLS
