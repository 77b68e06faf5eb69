/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import.c: export files → columns in memory.
 *
 * One pass over the case file (and the service file, if any). Each mapped cell is turned
 * into its compact form at once: a category code through a per-column cache of raw texts,
 * a date into a packed candidate that keeps ambiguous day/month parts, an integer, a key.
 * When every row has been read, the day/month order of each date column is settled from
 * its values and the candidates become day numbers in place. Then the checks that need
 * whole cases (durations running backwards, dates after the snapshot) are made.
 */
#define G_LOG_DOMAIN "pathways-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "pathways-date-private.h"
#include "pathways-import.h"
#include "pathways-row-reader.h"
#include "pathways-xlsx-reader.h"
#include "pathways-sha256.h"

G_DEFINE_QUARK (pathways-import-error-quark, pathways_import_error)

/* Multi-category separators (spec/data-model.md): ';', '|' and newlines */
#define MULTI_SEPARATORS ";|\n\r"

/* A cache from raw cell text to a small value, for the hottest lookup of the import
 * (every category cell): open addressing with hashes kept beside the keys, so a lookup
 * is one hash of the text and usually one memcmp. Values are never 0. */
typedef struct {
  guint32  hash;
  guint32  value;
  char    *key;
} RawSlot;

typedef struct {
  RawSlot *slots;
  guint    mask;
  guint    n_used;
} RawCache;

/* A hash of LEN bytes, eight at a time (a byte at a time was a tenth of the cell
 * work), mixed at the end so that both the low bits (the slot) and the high byte (the
 * key index's tag) vary. */
static inline guint32
hash_len (const char *s,
          gsize       len)
{
  const guint64 k = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 h = len * k;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, s + i, sizeof w);
      h = (h ^ w) * k;
      h ^= h >> 29;
    }
  if (i < len)
    {
      guint64 w = 0;

      for (guint b = 0; i + b < len; b++)
        w |= (guint64) (guchar) s[i + b] << (8 * b);
      h = (h ^ w) * k;
      h ^= h >> 29;
    }
  h ^= h >> 32;
  h *= G_GUINT64_CONSTANT (0xd6e8feb86659fd93);
  h ^= h >> 32;
  return (guint32) h;
}

static inline guint32
raw_hash (const char *s,
          gsize      *out_len)
{
  *out_len = strlen (s);
  return hash_len (s, *out_len);
}

static RawCache *
raw_cache_new (void)
{
  RawCache *cache = g_new0 (RawCache, 1);

  cache->mask = 63;
  cache->slots = g_new0 (RawSlot, cache->mask + 1);
  return cache;
}

static void
raw_cache_free (RawCache *cache)
{
  if (cache == NULL)
    return;
  for (guint i = 0; i <= cache->mask; i++)
    g_free (cache->slots[i].key);
  g_free (cache->slots);
  g_free (cache);
}

/* TEXT is LEN bytes long (and terminated). */
static guint32
raw_cache_lookup_len (RawCache   *cache,
                      const char *text,
                      gsize       len)
{
  guint32 h = hash_len (text, len);

  for (guint i = h & cache->mask;; i = (i + 1) & cache->mask)
    {
      RawSlot *slot = &cache->slots[i];
      if (slot->key == NULL)
        return 0;
      if (slot->hash == h && memcmp (slot->key, text, len + 1) == 0)
        return slot->value;
    }
}


/* Returns the cache's copy of TEXT, which lives as long as the cache. */
static const char *
raw_cache_insert (RawCache   *cache,
                  const char *text,
                  guint32     value)
{
  gsize len;
  guint32 h;
  guint i;

  if ((cache->n_used + 1) * 2 > cache->mask + 1)
    {
      RawSlot *old = cache->slots;
      guint old_size = cache->mask + 1;

      cache->mask = cache->mask * 2 + 1;
      cache->slots = g_new0 (RawSlot, cache->mask + 1);
      for (guint k = 0; k < old_size; k++)
        if (old[k].key != NULL)
          {
            for (i = old[k].hash & cache->mask; cache->slots[i].key != NULL; i = (i + 1) & cache->mask)
              ;
            cache->slots[i] = old[k];
          }
      g_free (old);
    }

  h = raw_hash (text, &len);
  for (i = h & cache->mask; cache->slots[i].key != NULL; i = (i + 1) & cache->mask)
    ;
  cache->slots[i].hash = h;
  cache->slots[i].value = value;
  cache->slots[i].key = g_strndup (text, len);
  cache->n_used++;
  return cache->slots[i].key;
}

/* An index from identifier text to its number in a key column's key_strings, for
 * linking services to cases and interning person IDs. A million-case import holds two
 * of these at its memory peak, so a slot is 4 bytes: the key number in the low 24 bits
 * and the high byte of its hash above, to skip most string comparisons (a GHashTable
 * needs 20 bytes or more); the text itself already lives in the column's string chunk.
 * Past 16,777,215 keys the slots become "wide": the key number alone, every candidate
 * compared as text. */
#define KEY_INDEX_NARROW_MAX 0xffffffu

typedef struct {
  GPtrArray *strings;   /* the column's key_strings, not owned */
  guint32   *slots;     /* 0: empty */
  guint      mask;
  guint      n_used;
  gboolean   wide;
} KeyIndex;

static KeyIndex *
key_index_new (GPtrArray *strings)
{
  KeyIndex *ki = g_new0 (KeyIndex, 1);

  ki->strings = strings;
  ki->mask = 1023;
  ki->slots = g_new0 (guint32, ki->mask + 1);
  return ki;
}

static void
key_index_free (KeyIndex *ki)
{
  if (ki == NULL)
    return;
  g_free (ki->slots);
  g_free (ki);
}

static inline guint32
key_index_number (KeyIndex *ki,
                  guint32   slot)
{
  return ki->wide ? slot : slot & KEY_INDEX_NARROW_MAX;
}

/* Number of the LEN bytes at TEXT (H = hash_len (TEXT, LEN)) in the column, 0 when
 * absent. The caller hashes once for the lookup and the insertion that may follow. */
static guint32
key_index_find (KeyIndex   *ki,
                const char *text,
                gsize       len,
                guint32     h)
{
  guint32 tag = h >> 24;

  for (guint i = h & ki->mask;; i = (i + 1) & ki->mask)
    {
      guint32 slot = ki->slots[i];
      guint32 index;
      const char *key;

      if (slot == 0)
        return 0;
      if (!ki->wide && slot >> 24 != tag)
        continue;
      index = key_index_number (ki, slot);
      key = g_ptr_array_index (ki->strings, index);
      if (strncmp (key, text, len) == 0 && key[len] == '\0')
        return index;
    }
}

static void
key_index_place (KeyIndex *ki,
                 guint32   index,
                 guint32   h)
{
  guint i;

  for (i = h & ki->mask; ki->slots[i] != 0; i = (i + 1) & ki->mask)
    ;
  ki->slots[i] = ki->wide ? index : index | (h >> 24) << 24;
}

/* Makes room for N keys. Each doubling hashes every key again, reading its text from
 * wherever it is: an index that will hold a million keys is better sized once. */
static void
key_index_reserve (KeyIndex *ki,
                   guint64   n)
{
  guint32 *old = ki->slots;
  guint old_size = ki->mask + 1;
  guint size = old_size;
  gsize len;

  while (n * 10 > (guint64) size * 7 && size < (1u << 31))
    size *= 2;
  if (size == old_size)
    return;

  ki->mask = size - 1;
  ki->slots = g_new0 (guint32, size);
  for (guint k = 0; k < old_size; k++)
    if (old[k] != 0)
      {
        guint32 index = key_index_number (ki, old[k]);
        key_index_place (ki, index, raw_hash (g_ptr_array_index (ki->strings, index), &len));
      }
  g_free (old);
}

/* Adds key number INDEX, whose text is already in the column and hashes to H. */
static void
key_index_insert (KeyIndex *ki,
                  guint32   index,
                  guint32   h)
{
  if ((ki->n_used + 1) * 10 > (ki->mask + 1) * 7)
    key_index_reserve (ki, (guint64) ki->n_used + 1);
  if (!ki->wide && index > KEY_INDEX_NARROW_MAX)
    {
      /* no room left for the tags: the slots keep their places, without them */
      for (guint k = 0; k <= ki->mask; k++)
        ki->slots[k] &= KEY_INDEX_NARROW_MAX;
      ki->wide = TRUE;
    }

  key_index_place (ki, index, h);
  ki->n_used++;
}

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
  gboolean           overflow;        /* more raw texts than a column can number */
  struct _ServiceJob *service_job;    /* main thread: the job running, for progress */
} Importer;

typedef struct {
  const char       *kind;       /* a PATHWAYS_FINDING_ constant */
  PathwaysSeverity  severity;
  gboolean          is_cell;    /* dropped when the row's service is left out */
  guint64           row;
  const char       *column;     /* the mapping's */
  char             *value;
  char             *message;
} PendingFinding;

static void
pending_finding_free (gpointer data)
{
  PendingFinding *p = data;

  g_free (p->value);
  g_free (p->message);
  g_free (p);
}

/* Column arrays are appended to once per cell. g_array_append_val() is a call and a
 * memcpy of a few bytes each time; these write in place while the room reserved
 * (*CAP elements, which array_grow() sets) lasts, and double it when it runs out.
 * The room is a power of two, as GArray would allocate anyway: the row estimate
 * (reserve_rows) is often a little short, and the slack above it then saves a copy of
 * the whole column at the memory peak. Room never written is not resident. */
static void
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
      b->raw_cache = raw_cache_new ();
      b->fold_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      break;
    case PATHWAYS_KIND_MULTI:
      b->multi_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
      b->multi_codes = g_array_new (FALSE, FALSE, sizeof (guint16));
      b->multi_state = g_array_new (FALSE, FALSE, sizeof (guint8));
      b->dict = pathways_dictionary_new ();
      b->raw_cache = raw_cache_new ();
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
        b->key_index = key_index_new (b->key_strings);
      break;
    default:
      g_assert_not_reached ();
    }

  return b;
}

static void
field_builder_free (FieldBuilder *b)
{
  if (b == NULL)
    return;
  g_clear_pointer (&b->values, g_array_unref);
  g_clear_pointer (&b->multi_offsets, g_array_unref);
  g_clear_pointer (&b->multi_codes, g_array_unref);
  g_clear_pointer (&b->multi_state, g_array_unref);
  g_clear_pointer (&b->dict, pathways_dictionary_free);
  g_clear_pointer (&b->raw_texts, g_ptr_array_unref);
  g_clear_pointer (&b->raw_cache, raw_cache_free);
  g_clear_pointer (&b->fold_index, g_hash_table_unref);
  g_clear_pointer (&b->key_index, key_index_free);
  g_clear_pointer (&b->key_strings, g_ptr_array_unref);
  g_clear_pointer (&b->key_chunk, g_string_chunk_free);
  g_free (b);
}

static char *
format_row (guint64 row)
{
  /* "1,204": people read row numbers, not machines */
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, row);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
add_cell_finding (Importer         *im,
                  const char       *kind,
                  PathwaysSeverity  severity,
                  const char       *file,
                  guint64           row,
                  const char       *column,
                  const char       *value,
                  const char       *what)
{
  g_autofree char *row_text = format_row (row);
  g_autofree char *message = NULL;

  if (column != NULL && value != NULL)
    message = g_strdup_printf (_("%s: row %s, column “%s”: “%s” %s"),
                               file, row_text, column, value, what);
  else if (column != NULL)
    message = g_strdup_printf (_("%s: row %s, column “%s”: %s"), file, row_text, column, what);
  else
    message = g_strdup_printf (_("%s: row %s: %s"), file, row_text, what);

  if (im->pending != NULL)
    {
      PendingFinding *p = g_new0 (PendingFinding, 1);

      p->kind = kind;
      p->severity = severity;
      p->is_cell = im->in_cell;
      p->row = row;
      p->column = column;
      p->value = g_strdup (value);
      p->message = g_steal_pointer (&message);
      g_ptr_array_add (im->pending, p);
      return;
    }

  pathways_dataset_add_finding (im->dataset, kind, severity, file, row, column, value, message);
}

/* Trims ASCII and Unicode no-break spaces at both ends of S (LEN bytes, terminated)
 * into a buffer-free view. */
static const char *
trim_view_len (const char *s,
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

static const char *
trim_view (const char *s,
           gsize      *out_len)
{
  return trim_view_len (s, strlen (s), out_len);
}

/* Canonical code of one category value (already trimmed, not missing). */
static guint
intern_category (Importer     *im,
                 FieldBuilder *b,
                 const char   *trimmed,
                 GError      **error)
{
  const char *canonical = pathways_mapping_map_value (im->mapping, b->field, trimmed);
  g_autofree char *folded = NULL;
  gpointer found;
  guint code;

  if (canonical == NULL)
    return PATHWAYS_CODE_NOT_RECORDED;

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

/* Code of a raw category cell not seen before; G_MAXUINT on error. */
static guint
category_of_raw (Importer     *im,
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

static gboolean
parse_category (Importer     *im,
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
      g_ptr_array_add (b->raw_texts, (gpointer) raw_cache_insert (b->raw_cache, raw, id + 1));
      *out = id;
      return TRUE;
    }

  code = category_of_raw (im, b, raw, error);
  if (code == G_MAXUINT)
    return FALSE;

  /* The cache keeps distinct raw spellings only, which a category has few of; a
   * free-text column fails above long before this grows. */
  raw_cache_insert (b->raw_cache, raw, code + 1);
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

  raw_cache_insert (b->raw_cache, part, meaning);
  return meaning;
}

/* A cell of several values separated by ';', '|' or newlines. An empty cell, or one
 * whose parts are all missing spellings, is not recorded; one holding only "None"-like
 * parts is an explicit empty list. A case counts once per value. */
static gboolean
append_multi (Importer     *im,
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
        view = trim_view_len (tmp, span, &len);
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

/* Adds the LEN bytes at TEXT as a new key of B (hashing to H when B has an index). */
static guint32
add_key (FieldBuilder *b,
         const char   *text,
         gsize         len,
         guint32       h)
{
  g_ptr_array_add (b->key_strings, g_string_chunk_insert_len (b->key_chunk, text, len));
  if (b->key_index != NULL)
    key_index_insert (b->key_index, b->key_strings->len - 1, h);
  return b->key_strings->len - 1;
}

static guint32
intern_key (FieldBuilder *b,
            const char   *raw,
            gsize         raw_len)
{
  gsize len;
  const char *view = trim_view_len (raw, raw_len, &len);
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

static gint32
parse_integer (const char *raw,
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

/* Parses the cell of builder B into its compact value (not for MULTI). Returns FALSE on
 * an error that stops the import. */
static gboolean
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
        if (!parse_category (im, b, raw, raw_len, &code, error))
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
            const char *view = trim_view_len (raw, raw_len, &len);
            g_autofree char *trimmed = g_strndup (view, len);

            if (pathways_mapping_is_missing (im->mapping, trimmed))
              c = PATHWAYS_DATE_CANDIDATE_NONE;
            else
              add_cell_finding (im, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD, PATHWAYS_SEVERITY_ERROR,
                                file, row, b->column_name, trimmed, _("is not a date"));
          }
        *out = c;
        return TRUE;
      }

    case PATHWAYS_KIND_INTEGER:
      {
        gboolean ok;
        gint32 value = parse_integer (raw, &ok);

        if (!ok)
          {
            gsize len;
            const char *view = trim_view (raw, &len);
            g_autofree char *trimmed = g_strndup (view, len);

            if (!pathways_mapping_is_missing (im->mapping, trimmed))
              add_cell_finding (im, PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD, PATHWAYS_SEVERITY_ERROR,
                                file, row, b->column_name, trimmed,
                                _("is not an age in whole years"));
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

static guint32
builder_get (FieldBuilder *b,
             guint         i)
{
  if (b->kind == PATHWAYS_KIND_CATEGORY)
    return g_array_index (b->values, guint16, i);
  return g_array_index (b->values, guint32, i);
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

static gboolean
setup_builders (Importer           *im,
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

static gboolean
check_cancelled (Importer  *im,
                 GError   **error)
{
  if (im->cancellable != NULL && g_cancellable_is_cancelled (im->cancellable))
    {
      g_set_error_literal (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED,
                           _("The import was cancelled"));
      return TRUE;
    }
  return FALSE;
}

static void
report_ragged (Importer          *im,
               PathwaysRowReader *reader,
               const char        *file)
{
  guint n_fields = pathways_row_reader_get_n_fields (reader);
  guint n_columns = pathways_row_reader_get_n_columns (reader);
  g_autofree char *what = NULL;

  if (n_fields == n_columns)
    return;

  what = g_strdup_printf (_("has %u fields where the header has %u columns"), n_fields, n_columns);
  add_cell_finding (im, PATHWAYS_FINDING_RAGGED_ROW, PATHWAYS_SEVERITY_WARNING,
                    file, pathways_row_reader_get_row_number (reader), NULL, NULL, what);
}

/* Appends the service part of the current row; returns FALSE on a fatal error. */
static gboolean
append_service (Importer          *im,
                PathwaysRowReader *reader,
                guint              case_index,
                const char        *file,
                GError           **error)
{
  guint64 row = pathways_row_reader_get_row_number (reader);
  guint32 row32 = (guint32) MIN (row, G_MAXUINT32);

  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      guint32 value;

      if (b == NULL || f == PATHWAYS_FIELD_SERVICE_CASE_ID)
        continue;
      if (b->kind == PATHWAYS_KIND_MULTI)
        continue;
      if (!parse_field (im, b, reader, file, row, &value, error))
        return FALSE;
      builder_append (b, value);
    }

  push_u32 (im->service_case, &im->service_case_cap, case_index);
  push_u32 (im->service_rows, &im->service_rows_cap, row32);
  im->n_services++;
  return TRUE;
}

static gboolean
row_has_service (Importer          *im,
                 PathwaysRowReader *reader)
{
  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      gsize len;

      if (b == NULL || f == PATHWAYS_FIELD_SERVICE_CASE_ID)
        continue;
      trim_view (pathways_row_reader_get_field (reader, b->src), &len);
      if (len > 0)
        return TRUE;
    }
  return FALSE;
}

/* Arrays grow by doubling, copying everything each time; a large import spent a tenth
 * of its time there. After a first stretch of rows the file size tells roughly how
 * many rows there will be, so every array is given that room once. */
static void
array_reserve (GArray *array,
               guint  *cap,
               guint   n)
{
  if (array == NULL)
    return;
  array_grow (array, cap, n);

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

static void
reserve_rows (Importer          *im,
              PathwaysRowReader *reader,
              guint64            rows_so_far,
              gboolean           services)
{
  double fraction = pathways_row_reader_get_fraction (reader);
  guint64 estimate;

  if (fraction <= 0.0 || fraction >= 1.0)
    return;
  estimate = (guint64) (rows_so_far / fraction * 1.05) + 16;
  if (estimate > G_MAXUINT32 / 2)
    return;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      gboolean is_service = f >= PATHWAYS_FIELD_FIRST_SERVICE;

      /* a service's case ID becomes service_case: its own column stays empty */
      if (b == NULL || is_service != services || f == PATHWAYS_FIELD_SERVICE_CASE_ID)
        continue;
      array_reserve (b->values, &b->values_cap, estimate);
      array_reserve (b->multi_offsets, &b->offsets_cap, estimate + 1);
      array_reserve (b->multi_state, &b->state_cap, estimate);
      if (b->multi_codes != NULL && rows_so_far > 0)
        array_reserve (b->multi_codes, &b->codes_cap,
                       (guint64) ((double) b->multi_codes->len / rows_so_far * estimate * 1.05) + 16);
    }
  if (services)
    {
      array_reserve (im->service_case, &im->service_case_cap, estimate);
      array_reserve (im->service_rows, &im->service_rows_cap, estimate);
    }
  else
    {
      array_reserve (im->case_rows, &im->case_rows_cap, estimate);
      /* one key a case */
      key_index_reserve (im->case_index, estimate);
    }
}

typedef struct _ServiceJob ServiceJob;
static double service_job_fraction (ServiceJob *job);

static gboolean
read_cases (Importer           *im,
            PathwaysRowReader  *reader,
            GError            **error)
{
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_CASE_ID];
  const char *file = im->cases_name;
  guint64 n_rows = 0;

  while (pathways_row_reader_next_row (reader, error))
    {
      guint64 row = pathways_row_reader_get_row_number (reader);
      gsize raw_len;
      const char *raw_id = pathways_row_reader_get_field_len (reader, id->src, &raw_len);
      gsize id_len;
      const char *id_view = trim_view_len (raw_id, raw_len, &id_len);
      g_autofree char *case_id = NULL;
      guint32 found;
      guint32 h;
      guint case_index;

      if ((++n_rows & 0x3fff) == 0)
        {
          if (check_cancelled (im, error))
            return FALSE;
          if (im->progress != NULL)
            {
              double fraction = pathways_row_reader_get_fraction (reader);

              if (im->service_job != NULL)
                fraction = 0.6 * fraction + 0.35 * service_job_fraction (im->service_job);
              else
                fraction *= im->options->services_path ? 0.6 : 0.95;
              im->progress (fraction, im->progress_data);
            }
        }

      report_ragged (im, reader, file);
      if (n_rows == 4096)
        {
          reserve_rows (im, reader, n_rows, FALSE);
          if (im->long_shape)
            reserve_rows (im, reader, n_rows, TRUE);
        }

      if (id_len == 0)
        {
          add_cell_finding (im, PATHWAYS_FINDING_MISSING_CASE_ID, PATHWAYS_SEVERITY_ERROR,
                            file, row, id->column_name, NULL,
                            _("has no case ID; the row is left out"));
          continue;
        }

      h = hash_len (id_view, id_len);
      found = key_index_find (im->case_index, id_view, id_len, h);

      if (found != 0)
        {
          guint existing = found - 1;

          case_id = g_strndup (id_view, id_len);

          if (!im->long_shape)
            {
              g_autofree char *first_row = format_row (g_array_index (im->case_rows, guint32, existing));
              g_autofree char *what = g_strdup_printf (_("repeats a case ID first seen in row %s; "
                                                         "the later row is left out"), first_row);
              add_cell_finding (im, PATHWAYS_FINDING_DUPLICATE_CASE_ID, PATHWAYS_SEVERITY_ERROR,
                                file, row, id->column_name, case_id, what);
              continue;
            }

          /* A long file: the case columns must repeat the case's first row. */
          for (guint f = 0; f < PATHWAYS_FIELD_FIRST_SERVICE; f++)
            {
              FieldBuilder *b = im->builders[f];
              guint32 value;

              if (b == NULL || f == PATHWAYS_FIELD_CASE_ID || b->kind == PATHWAYS_KIND_MULTI ||
                  f == PATHWAYS_FIELD_DATE_OF_BIRTH)
                continue;
              if (b->kind == PATHWAYS_KIND_DATE)
                value = pathways_date_candidate_parse (pathways_row_reader_get_field (reader, b->src), b->xlsx);
              else if (!parse_field (im, b, reader, file, row, &value, error))
                return FALSE;

              if (value != builder_get (b, existing))
                {
                  g_autofree char *first_row = format_row (g_array_index (im->case_rows, guint32, existing));
                  g_autofree char *what = g_strdup_printf (_("differs from row %s of the same case %s; "
                                                             "the first value is kept"),
                                                           first_row, case_id);
                  add_cell_finding (im, PATHWAYS_FINDING_INCONSISTENT_CASE, PATHWAYS_SEVERITY_WARNING,
                                    file, row, b->column_name,
                                    pathways_row_reader_get_field (reader, b->src), what);
                }
            }

          if (row_has_service (im, reader) && !append_service (im, reader, existing, file, error))
            return FALSE;
          continue;
        }

      /* A new case */
      case_index = im->n_cases++;
      {
        guint32 key = add_key (id, id_view, id_len, 0);
        guint32 row32 = (guint32) MIN (row, G_MAXUINT32);

        builder_append (id, key);
        g_assert (key == case_index + 1);
        key_index_insert (im->case_index, key, h);
        push_u32 (im->case_rows, &im->case_rows_cap, row32);
      }

      for (guint f = 0; f < PATHWAYS_FIELD_FIRST_SERVICE; f++)
        {
          FieldBuilder *b = im->builders[f];
          guint32 value;

          if (b == NULL || f == PATHWAYS_FIELD_CASE_ID)
            continue;
          if (b->kind == PATHWAYS_KIND_MULTI)
            {
              if (!append_multi (im, b, pathways_row_reader_get_field (reader, b->src), error))
                return FALSE;
              continue;
            }
          if (!parse_field (im, b, reader, file, row, &value, error))
            return FALSE;
          builder_append (b, value);
        }

      if (im->long_shape && row_has_service (im, reader) &&
          !append_service (im, reader, case_index, file, error))
        return FALSE;
    }

  if (error != NULL && *error != NULL)
    return FALSE;
  return TRUE;
}

static gboolean
read_services (Importer           *im,
               PathwaysRowReader  *reader,
               GError            **error)
{
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_SERVICE_CASE_ID];
  const char *file = im->services_name;
  guint64 n_rows = 0;

  while (pathways_row_reader_next_row (reader, error))
    {
      guint64 row = pathways_row_reader_get_row_number (reader);
      gsize id_len;
      const char *id_view = trim_view (pathways_row_reader_get_field (reader, id->src), &id_len);
      guint32 found;

      if ((++n_rows & 0x3fff) == 0)
        {
          if (check_cancelled (im, error))
            return FALSE;
          if (im->progress != NULL)
            im->progress (0.6 + 0.35 * pathways_row_reader_get_fraction (reader), im->progress_data);
        }

      report_ragged (im, reader, file);
      if (n_rows == 4096)
        reserve_rows (im, reader, n_rows, TRUE);

      if (id_len == 0)
        {
          add_cell_finding (im, PATHWAYS_FINDING_ORPHAN_SERVICE, PATHWAYS_SEVERITY_WARNING,
                            file, row, id->column_name, NULL,
                            _("has no case ID; the service is left out"));
          continue;
        }

      found = key_index_find (im->case_index, id_view, id_len, hash_len (id_view, id_len));
      if (found == 0)
        {
          g_autofree char *case_id = g_strndup (id_view, id_len);

          add_cell_finding (im, PATHWAYS_FINDING_ORPHAN_SERVICE, PATHWAYS_SEVERITY_WARNING,
                            file, row, id->column_name, case_id,
                            _("matches no case; the service is left out"));
          continue;
        }

      if (!append_service (im, reader, found - 1, file, error))
        return FALSE;
    }

  return error == NULL || *error == NULL;
}

/* Settles each date column's order and turns its candidates into day numbers. */
static void
resolve_dates (Importer *im)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      PathwaysDateOrder forced, order;
      gboolean assumed = FALSE;
      gboolean is_case = f < PATHWAYS_FIELD_FIRST_SERVICE;
      const char *file = is_case || im->long_shape ? im->cases_name : im->services_name;
      GArray *rows = is_case ? im->case_rows : im->service_rows;
      guint64 impossible = 0;

      if (b == NULL || b->kind != PATHWAYS_KIND_DATE)
        continue;

      forced = im->options->date_order != PATHWAYS_DATE_ORDER_AUTO
        ? im->options->date_order
        : pathways_mapping_get_date_order (im->mapping, f);

      for (guint i = 0; i < b->values->len; i++)
        pathways_date_order_evidence_add (&b->evidence, g_array_index (b->values, guint32, i));

      order = pathways_date_order_resolve (&b->evidence, forced, &assumed);
      /* What was found is written back, so the saved mapping reopens the same way. */
      if (forced == PATHWAYS_DATE_ORDER_AUTO && b->evidence.n_ab > 0)
        pathways_mapping_set_date_order (im->mapping, f, order);

      if (assumed)
        {
          g_autofree char *message =
            g_strdup_printf (_("%s: column “%s”: no date settles whether the day or the month "
                               "comes first; day first (UK order) is assumed. Set the date "
                               "order in the mapping if that is wrong."), file, b->column_name);
          pathways_dataset_add_finding (im->dataset, PATHWAYS_FINDING_DATE_ORDER_ASSUMED,
                                        PATHWAYS_SEVERITY_ASSUMPTION, file, 0, b->column_name,
                                        NULL, message);
        }

      for (guint i = 0; i < b->values->len; i++)
        {
          PathwaysDateCandidate c = g_array_index (b->values, guint32, i);
          gint32 day = pathways_date_candidate_to_day (c, order, b->date1904);

          if (day == PATHWAYS_DAY_INVALID && c != PATHWAYS_DATE_CANDIDATE_INVALID)
            {
              int y = 0, a = 0, d = 0;
              g_autofree char *text = NULL;

              pathways_date_candidate_parts (c, &y, &a, &d);
              if (pathways_date_candidate_tag (c) == PATHWAYS_DATE_TAG_AB)
                text = g_strdup_printf ("%02d/%02d/%04d", a, d, y);
              else
                text = g_strdup_printf ("%04d-%02d-%02d", y, a, d);
              impossible++;
              add_cell_finding (im, PATHWAYS_FINDING_IMPOSSIBLE_DATE, PATHWAYS_SEVERITY_ERROR,
                                file, g_array_index (rows, guint32, i), b->column_name, text,
                                order == PATHWAYS_DATE_ORDER_MDY
                                  ? _("is not a real date (read month first)")
                                  : _("is not a real date"));
            }
          g_array_index (b->values, gint32, i) = day;
        }
    }
}

static gint32
today_day (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return pathways_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now));
}

/* Dates before 1900 or after the snapshot are findings, kept out of the measures. */
static void
check_date_ranges (Importer *im)
{
  gint32 min_day = pathways_day_from_ymd (1900, 1, 1);
  gint32 limit = im->dataset->snapshot_day;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      gboolean is_case = f < PATHWAYS_FIELD_FIRST_SERVICE;
      const char *file = is_case || im->long_shape ? im->cases_name : im->services_name;
      GArray *rows = is_case ? im->case_rows : im->service_rows;

      if (b == NULL || b->kind != PATHWAYS_KIND_DATE)
        continue;

      for (guint i = 0; i < b->values->len; i++)
        {
          gint32 day = g_array_index (b->values, gint32, i);
          g_autofree char *iso = NULL;

          if (!PATHWAYS_DAY_IS_VALID (day) || (day >= min_day && day <= limit))
            continue;

          iso = pathways_day_to_iso (day);
          add_cell_finding (im, PATHWAYS_FINDING_DATE_OUT_OF_RANGE, PATHWAYS_SEVERITY_ERROR,
                            file, g_array_index (rows, guint32, i), b->column_name, iso,
                            day < min_day ? _("is before 1900")
                                          : _("is after the snapshot date"));
          g_array_index (b->values, gint32, i) = PATHWAYS_DAY_INVALID;
        }
    }
}

static void
find_snapshot (Importer *im)
{
  gint32 today = today_day ();
  gint32 latest = PATHWAYS_DAY_NONE;

  if (im->options->snapshot_day > 0)
    {
      im->dataset->snapshot_day = im->options->snapshot_day;
      im->dataset->snapshot_from_data = FALSE;
      return;
    }

  /* The latest date in the data, not counting dates after today: a date in the future
   * is a typing error, not the day the export was taken. */
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];

      if (b == NULL || b->kind != PATHWAYS_KIND_DATE || f == PATHWAYS_FIELD_DATE_OF_BIRTH)
        continue;
      for (guint i = 0; i < b->values->len; i++)
        {
          gint32 day = g_array_index (b->values, gint32, i);
          if (PATHWAYS_DAY_IS_VALID (day) && day <= today && day > latest)
            latest = day;
        }
    }

  im->dataset->snapshot_day = latest != PATHWAYS_DAY_NONE ? latest : today;
  im->dataset->snapshot_from_data = TRUE;
}

static void
check_order (Importer         *im,
             PathwaysField     earlier,
             PathwaysField     later,
             const char       *what)
{
  FieldBuilder *a = im->builders[earlier];
  FieldBuilder *b = im->builders[later];
  gboolean is_case = later < PATHWAYS_FIELD_FIRST_SERVICE;
  const char *file = is_case || im->long_shape ? im->cases_name : im->services_name;
  GArray *rows = is_case ? im->case_rows : im->service_rows;

  if (a == NULL || b == NULL)
    return;

  for (guint i = 0; i < b->values->len; i++)
    {
      gint32 from = g_array_index (a->values, gint32, i);
      gint32 to = g_array_index (b->values, gint32, i);

      if (PATHWAYS_DAY_IS_VALID (from) && PATHWAYS_DAY_IS_VALID (to) && to < from)
        {
          g_autofree char *iso = pathways_day_to_iso (to);
          add_cell_finding (im, PATHWAYS_FINDING_NEGATIVE_DURATION, PATHWAYS_SEVERITY_WARNING,
                            file, g_array_index (rows, guint32, i), b->column_name, iso, what);
        }
    }
}

static void
check_service_referral_order (Importer *im)
{
  FieldBuilder *start = im->builders[PATHWAYS_FIELD_SERVICE_START_DATE];
  FieldBuilder *from = im->builders[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
  const char *file = im->long_shape ? im->cases_name : im->services_name;

  if (start == NULL || from == NULL)
    return;
  for (guint j = 0; j < im->n_services; j++)
    {
      gint32 f = g_array_index (from->values, gint32, j);
      gint32 s = g_array_index (start->values, gint32, j);

      if (PATHWAYS_DAY_IS_VALID (f) && PATHWAYS_DAY_IS_VALID (s) && s < f)
        {
          g_autofree char *iso = pathways_day_to_iso (s);
          add_cell_finding (im, PATHWAYS_FINDING_NEGATIVE_DURATION, PATHWAYS_SEVERITY_WARNING,
                            file, g_array_index (im->service_rows, guint32, j),
                            start->column_name, iso,
                            _("is before the date the service was requested"));
        }
    }
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

/* Age from date of birth (never kept), and age band from age when the export has no
 * band of its own. */
static void
derive_age (Importer *im)
{
  FieldBuilder *dob = im->builders[PATHWAYS_FIELD_DATE_OF_BIRTH];
  /* finish_columns has moved the referral dates into the dataset (the builder's array
   * is gone by now); case rows keep their order there. The date of birth is the one
   * field it leaves in its builder, never in the dataset. */
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

/* Moves builder data into dataset columns, services reordered by case. */
static void
finish_columns (Importer *im)
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

/* The SHA-256 of each source file is computed on another thread while the rows are
 * parsed: on two cores it costs the import nothing. */
typedef struct {
  char    *path;
  char    *role;
  char    *format;
  GThread *thread;
  char    *sha256;
  gint64   size;
  GError  *error;
} SourceJob;

static gpointer
source_job_run (gpointer data)
{
  SourceJob *job = data;

  job->sha256 = pathways_sha256_file (job->path, &job->size, &job->error);
  return NULL;
}

static SourceJob *
source_job_new (const char *path,
                const char *role,
                const char *format)
{
  SourceJob *job = g_new0 (SourceJob, 1);

  job->path = g_strdup (path);
  job->role = g_strdup (role);
  job->format = g_strdup (format);
  return job;
}

static SourceJob *
source_job_start (const char *path,
                  const char *role,
                  const char *format)
{
  SourceJob *job = source_job_new (path, role, format);

  job->thread = g_thread_new ("pathways-sha256", source_job_run, job);
  return job;
}

static void
source_job_free (SourceJob *job)
{
  if (job == NULL)
    return;
  if (job->thread != NULL)
    g_thread_join (job->thread);
  g_free (job->path);
  g_free (job->role);
  g_free (job->format);
  g_free (job->sha256);
  g_clear_error (&job->error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SourceJob, source_job_free)

static gboolean
add_source (Importer   *im,
            SourceJob  *job,
            GError    **error)
{
  PathwaysSource *source;

  /* without a thread of its own, the service thread has filled it in */
  if (job->thread != NULL)
    g_thread_join (g_steal_pointer (&job->thread));
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }

  source = g_new0 (PathwaysSource, 1);
  source->sha256 = g_steal_pointer (&job->sha256);
  source->size = job->size;
  source->name = g_path_get_basename (job->path);
  source->role = g_strdup (job->role);
  source->format = g_strdup (job->format);
  g_ptr_array_add (im->dataset->sources, source);
  return TRUE;
}

static gboolean
has_service_fields (PathwaysMapping *mapping)
{
  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    if (f != PATHWAYS_FIELD_SERVICE_CASE_ID && pathways_mapping_get_column (mapping, f) != NULL)
      return TRUE;
  return FALSE;
}

static void
detect_from_reader (PathwaysMapping   *mapping,
                    PathwaysTableKind  table,
                    PathwaysRowReader *reader)
{
  guint n = pathways_row_reader_get_n_columns (reader);
  g_autofree const char **header = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    header[i] = pathways_row_reader_get_column_name (reader, i);
  pathways_mapping_detect_columns (mapping, table, header, n);
}

/* Opens the readers, mapping the columns by detection when no mapping is given. A
 * workbook with "cases" and "services" sheets is read as two tables. */
static gboolean
open_readers (const PathwaysImportOptions  *options,
              PathwaysMapping              *mapping,
              gboolean                      detect,
              PathwaysRowReader           **out_cases,
              PathwaysRowReader           **out_services,
              GError                      **error)
{
  g_autoptr(PathwaysRowReader) cases = NULL;
  g_autoptr(PathwaysRowReader) services = NULL;
  const char *cases_sheet = options->cases_sheet;
  const char *services_path = options->services_path;
  const char *services_sheet = options->services_sheet;

  if (services_path == NULL && cases_sheet == NULL)
    {
      g_auto(GStrv) sheets = NULL;
      g_autoptr(GError) local_error = NULL;

      /* Only a workbook has sheets; for a CSV this fails quietly. */
      sheets = pathways_xlsx_list_sheets (options->cases_path, &local_error);
      if (sheets != NULL)
        {
          const char *c = NULL, *s = NULL;
          for (guint i = 0; sheets[i] != NULL; i++)
            {
              g_autofree char *folded = pathways_fold (sheets[i]);
              if (g_str_equal (folded, "cases"))
                c = sheets[i];
              else if (g_str_equal (folded, "services"))
                s = sheets[i];
            }
          if (c != NULL && s != NULL)
            {
              cases = pathways_row_reader_open (options->cases_path, c, error);
              if (cases == NULL)
                return FALSE;
              services = pathways_row_reader_open (options->cases_path, s, error);
              if (services == NULL)
                return FALSE;
            }
        }
    }

  if (cases == NULL)
    {
      cases = pathways_row_reader_open (options->cases_path, cases_sheet, error);
      if (cases == NULL)
        return FALSE;
      if (services_path != NULL)
        {
          services = pathways_row_reader_open (services_path, services_sheet, error);
          if (services == NULL)
            return FALSE;
        }
    }

  if (detect)
    {
      detect_from_reader (mapping, PATHWAYS_TABLE_CASES, cases);
      /* One file: it may be long (one row per service), so look for service columns
       * in it too. */
      detect_from_reader (mapping, PATHWAYS_TABLE_SERVICES, services != NULL ? services : cases);
    }

  *out_cases = g_steal_pointer (&cases);
  *out_services = g_steal_pointer (&services);
  return TRUE;
}

PathwaysMapping *
pathways_import_detect_mapping (const PathwaysImportOptions  *options,
                                GError                      **error)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autoptr(PathwaysRowReader) cases = NULL;
  g_autoptr(PathwaysRowReader) services = NULL;

  g_return_val_if_fail (options != NULL && options->cases_path != NULL, NULL);

  if (!open_readers (options, mapping, TRUE, &cases, &services, error))
    return NULL;
  return g_steal_pointer (&mapping);
}

static void
importer_clear (Importer *im)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_clear_pointer (&im->builders[f], field_builder_free);
  g_clear_pointer (&im->case_index, key_index_free);
  g_clear_pointer (&im->case_rows, g_array_unref);
  g_clear_pointer (&im->service_rows, g_array_unref);
  g_clear_pointer (&im->service_case, g_array_unref);
  g_clear_object (&im->mapping);
  g_clear_pointer (&im->dataset, pathways_dataset_unref);
  g_clear_pointer (&im->cases_name, g_free);
  g_clear_pointer (&im->services_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Importer, importer_clear)

static void
check_referral_dates (Importer *im)
{
  FieldBuilder *b = im->builders[PATHWAYS_FIELD_REFERRAL_DATE];

  for (guint i = 0; i < b->values->len; i++)
    if (g_array_index (b->values, gint32, i) == PATHWAYS_DAY_NONE)
      add_cell_finding (im, PATHWAYS_FINDING_MISSING_REFERRAL_DATE, PATHWAYS_SEVERITY_WARNING,
                        im->cases_name, g_array_index (im->case_rows, guint32, i), b->column_name,
                        NULL, _("has no referral date; the case is in no period"));
}

/* ---------------------------------------------------------------------------------- */
/* The service file on a second thread                                                 */

/* With a case file and a separate service file (both CSV), the services are parsed on
 * a second thread while the main thread parses the cases; that thread then computes
 * the SHA-256 of both files. Linking a service to its case needs every case ID, so the
 * thread keeps each service's case ID as text (consecutive services of one case share
 * it) and the main thread links them afterwards. What the result must not show is that
 * the work was split: a service that matches no case is left out with its findings and
 * its key, category codes are numbered in the order of the rows kept (the thread only
 * numbers raw texts), and the findings keep the order of a file read row after row.
 * When the thread cannot do its part exactly (a category with more raw spellings than
 * a column can number), the service file is read again the plain way. */
struct _ServiceJob {
  Importer           im;            /* the thread's: service builders, pending findings */
  PathwaysRowReader *reader;
  GByteArray        *ids;           /* case IDs, NUL-terminated, one per run of services */
  SourceJob         *sources[2];    /* cases, services: filled in by the thread */
  GCancellable      *stop;          /* set when the main thread gives up */
  GThread           *thread;
  GMutex             lock;
  GCond              cond;
  gint               done;          /* atomic, set under lock (for the condition) */
  gint               permille;      /* atomic: services read, for progress */
  GError            *error;         /* the parse's */
};

static double
service_job_fraction (ServiceJob *job)
{
  return g_atomic_int_get (&job->permille) / 1000.0;
}

static void
service_job_free (ServiceJob *job)
{
  if (job == NULL)
    return;
  if (job->thread != NULL)
    {
      g_cancellable_cancel (job->stop);
      g_thread_join (g_steal_pointer (&job->thread));
    }
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_clear_pointer (&job->im.builders[f], field_builder_free);
  g_clear_pointer (&job->im.service_rows, g_array_unref);
  g_clear_pointer (&job->im.service_case, g_array_unref);
  g_clear_pointer (&job->im.pending, g_ptr_array_unref);
  g_clear_pointer (&job->reader, pathways_row_reader_free);
  g_clear_pointer (&job->ids, g_byte_array_unref);
  g_clear_pointer (&job->sources[0], source_job_free);
  g_clear_pointer (&job->sources[1], source_job_free);
  g_clear_object (&job->stop);
  g_clear_error (&job->error);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServiceJob, service_job_free)

/* read_services() on the thread: every service with a case ID is kept for now, its
 * case ID's offset in job->ids in place of the case index. */
static gboolean
read_services_unlinked (ServiceJob  *job,
                        GError     **error)
{
  Importer *im = &job->im;
  PathwaysRowReader *reader = job->reader;
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_SERVICE_CASE_ID];
  const char *file = im->services_name;
  guint64 n_rows = 0;
  guint32 last = G_MAXUINT32;      /* offset of the last case ID stored */
  gsize last_len = 0;

  while (pathways_row_reader_next_row (reader, error))
    {
      guint64 row = pathways_row_reader_get_row_number (reader);
      gsize raw_len;
      const char *raw_id = pathways_row_reader_get_field_len (reader, id->src, &raw_len);
      gsize id_len;
      const char *id_view = trim_view_len (raw_id, raw_len, &id_len);
      gboolean ok;

      if ((++n_rows & 0x3fff) == 0)
        {
          g_atomic_int_set (&job->permille, (gint) (pathways_row_reader_get_fraction (reader) * 1000));
          if (g_cancellable_is_cancelled (job->stop) || check_cancelled (im, error))
            return FALSE;
        }

      report_ragged (im, reader, file);
      if (n_rows == 4096)
        reserve_rows (im, reader, n_rows, TRUE);

      if (id_len == 0)
        {
          add_cell_finding (im, PATHWAYS_FINDING_ORPHAN_SERVICE, PATHWAYS_SEVERITY_WARNING,
                            file, row, id->column_name, NULL,
                            _("has no case ID; the service is left out"));
          continue;
        }

      if (last == G_MAXUINT32 || id_len != last_len ||
          memcmp (job->ids->data + last, id_view, id_len) != 0)
        {
          if ((guint64) job->ids->len + id_len + 1 > G_MAXUINT32 - 1)
            {
              im->overflow = TRUE;
              g_set_error_literal (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_TOO_MANY_VALUES,
                                   "too many case IDs");
              return FALSE;
            }
          last = job->ids->len;
          last_len = id_len;
          g_byte_array_append (job->ids, (const guint8 *) id_view, id_len);
          g_byte_array_append (job->ids, (const guint8 *) "", 1);
        }

      im->in_cell = TRUE;
      ok = append_service (im, reader, last, file, error);
      im->in_cell = FALSE;
      if (!ok)
        return FALSE;
    }

  return error == NULL || *error == NULL;
}

static gpointer
service_job_run (gpointer data)
{
  ServiceJob *job = data;

  read_services_unlinked (job, &job->error);
  g_atomic_int_set (&job->permille, 1000);

  /* The reader is done with: its buffers go before the hashing. */
  g_clear_pointer (&job->reader, pathways_row_reader_free);
  for (guint i = 0; i < G_N_ELEMENTS (job->sources); i++)
    {
      SourceJob *source = job->sources[i];

      if (g_cancellable_is_cancelled (job->stop))
        break;
      source->sha256 = pathways_sha256_file_cancellable (source->path, &source->size,
                                                         job->stop, &source->error);
    }

  g_mutex_lock (&job->lock);
  g_atomic_int_set (&job->done, TRUE);
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
  return NULL;
}

/* Hands the service builders of IM and READER to a new thread. */
static ServiceJob *
service_job_start (Importer          *im,
                   PathwaysRowReader *reader,
                   const char        *cases_format)
{
  ServiceJob *job = g_new0 (ServiceJob, 1);
  Importer *tim = &job->im;

  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->stop = g_cancellable_new ();
  job->reader = reader;
  job->ids = g_byte_array_new ();
  job->sources[0] = source_job_new (im->options->cases_path, "cases", cases_format);
  job->sources[1] = source_job_new (im->options->services_path, "services",
                                    pathways_row_reader_get_format (reader));

  tim->options = im->options;
  tim->mapping = im->mapping;
  tim->cancellable = im->cancellable;
  tim->cases_name = im->cases_name;
  tim->services_name = im->services_name;
  tim->service_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  tim->service_case = g_array_new (FALSE, FALSE, sizeof (guint32));
  tim->pending = g_ptr_array_new_with_free_func (pending_finding_free);
  tim->raw_ids = TRUE;
  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      tim->builders[f] = g_steal_pointer (&im->builders[f]);
      if (tim->builders[f] != NULL && tim->builders[f]->raw_cache != NULL)
        tim->builders[f]->raw_texts = g_ptr_array_new ();
    }

  /* G_DEFINE_QUARK initialises on first use: do that here, not on both threads */
  (void) pathways_import_error_quark ();
  (void) pathways_reader_error_quark ();
  (void) g_io_error_quark ();
  job->thread = g_thread_new ("pathways-services", service_job_run, job);
  return job;
}

/* Waits for the thread, reporting progress; FALSE when cancelled meanwhile. */
static gboolean
service_job_wait (Importer    *im,
                  ServiceJob  *job,
                  GError     **error)
{
  g_mutex_lock (&job->lock);
  while (!g_atomic_int_get (&job->done))
    {
      gint64 until = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;

      if (g_cond_wait_until (&job->cond, &job->lock, until))
        continue;
      g_mutex_unlock (&job->lock);
      if (im->progress != NULL)
        im->progress (0.6 + 0.35 * service_job_fraction (job), im->progress_data);
      if (check_cancelled (im, error))
        return FALSE;   /* service_job_free stops the thread */
      g_mutex_lock (&job->lock);
    }
  g_mutex_unlock (&job->lock);
  g_thread_join (g_steal_pointer (&job->thread));
  return TRUE;
}

static void
emit_pending (Importer       *im,
              PendingFinding *p)
{
  g_autofree char *message = g_steal_pointer (&p->message);

  pathways_dataset_add_finding (im->dataset, p->kind, p->severity, im->services_name, p->row,
                                p->column, p->value, message);
}

/* Links the thread's services to cases, leaving out those that match none, gives the
 * category cells their codes, places the findings, and moves everything into IM. */
static gboolean
service_job_merge (Importer    *im,
                   ServiceJob  *job,
                   GError     **error)
{
  Importer *tim = &job->im;
  FieldBuilder *id = tim->builders[PATHWAYS_FIELD_SERVICE_CASE_ID];
  guint32 *links = (guint32 *) (gpointer) tim->service_case->data;
  guint32 *rows = (guint32 *) (gpointer) tim->service_rows->data;
  GPtrArray *pending = tim->pending;
  g_autoptr(GPtrArray) code_maps = g_ptr_array_new_with_free_func (g_free);
  guint32 *codes[PATHWAYS_N_FIELDS] = { NULL, };   /* raw number → code + 1 */
  guint n = tim->n_services;
  guint k = 0;
  guint w = 0;
  guint32 last_offset = G_MAXUINT32;
  guint32 last_link = 0;

  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = tim->builders[f];

      if (b != NULL && b->raw_texts != NULL)
        {
          codes[f] = g_new0 (guint32, MAX (b->raw_texts->len, 1));
          g_ptr_array_add (code_maps, codes[f]);
        }
      g_assert (b == NULL || b->key_index == NULL);
    }

  for (guint j = 0; j < n; j++)
    {
      guint64 row = rows[j];
      guint32 offset = links[j];
      guint32 link;

      if (offset != last_offset)
        {
          const char *text = (const char *) job->ids->data + offset;
          gsize len = strlen (text);
          guint32 found = key_index_find (im->case_index, text, len, hash_len (text, len));

          last_offset = offset;
          last_link = found != 0 ? found - 1 : G_MAXUINT32;
        }
      link = last_link;

      /* the row's findings that come before its cells' (a ragged row) */
      for (; k < pending->len; k++)
        {
          PendingFinding *p = g_ptr_array_index (pending, k);
          if (p->row > row || (p->row == row && p->is_cell))
            break;
          emit_pending (im, p);
        }

      if (link == G_MAXUINT32)
        {
          add_cell_finding (im, PATHWAYS_FINDING_ORPHAN_SERVICE, PATHWAYS_SEVERITY_WARNING,
                            im->services_name, row, id->column_name,
                            (const char *) job->ids->data + offset,
                            _("matches no case; the service is left out"));
          while (k < pending->len && ((PendingFinding *) g_ptr_array_index (pending, k))->row == row)
            k++;
          continue;
        }

      for (; k < pending->len; k++)
        {
          PendingFinding *p = g_ptr_array_index (pending, k);
          if (p->row != row)
            break;
          emit_pending (im, p);
        }

      for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
        {
          FieldBuilder *b = tim->builders[f];

          if (b == NULL || b->values == NULL || f == PATHWAYS_FIELD_SERVICE_CASE_ID)
            continue;
          switch (b->kind)
            {
            case PATHWAYS_KIND_CATEGORY:
              {
                guint16 *values = (guint16 *) (gpointer) b->values->data;
                guint16 raw = values[j];

                if (codes[f][raw] == 0)
                  {
                    guint code = category_of_raw (im, b, g_ptr_array_index (b->raw_texts, raw), error);
                    if (code == G_MAXUINT)
                      return FALSE;
                    codes[f][raw] = code + 1;
                  }
                values[w] = codes[f][raw] - 1;
              }
              break;
            case PATHWAYS_KIND_KEY:
              {
                /* keys are not interned here: one per service, in row order */
                guint32 *values = (guint32 *) (gpointer) b->values->data;
                guint32 key = values[j];

                if (key != 0)
                  {
                    guint32 kept = b->n_kept_keys + 1;
                    b->key_strings->pdata[kept] = b->key_strings->pdata[key];
                    b->n_kept_keys = kept;
                    key = kept;
                  }
                values[w] = key;
              }
              break;
            default:
              ((guint32 *) (gpointer) b->values->data)[w] = ((guint32 *) (gpointer) b->values->data)[j];
              break;
            }
        }
      links[w] = link;
      rows[w] = row;
      w++;
    }
  for (; k < pending->len; k++)
    emit_pending (im, g_ptr_array_index (pending, k));

  /* Move the kept services over. */
  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = tim->builders[f];

      if (b == NULL)
        continue;
      if (b->values != NULL && f != PATHWAYS_FIELD_SERVICE_CASE_ID)
        g_array_set_size (b->values, w);
      if (b->key_strings != NULL && f != PATHWAYS_FIELD_SERVICE_CASE_ID)
        g_ptr_array_set_size (b->key_strings, b->n_kept_keys + 1);
      g_clear_pointer (&b->raw_texts, g_ptr_array_unref);
      g_clear_pointer (&im->builders[f], field_builder_free);
      im->builders[f] = g_steal_pointer (&tim->builders[f]);
    }
  g_array_set_size (tim->service_case, w);
  g_array_set_size (tim->service_rows, w);
  g_clear_pointer (&im->service_case, g_array_unref);
  g_clear_pointer (&im->service_rows, g_array_unref);
  im->service_case = g_steal_pointer (&tim->service_case);
  im->service_rows = g_steal_pointer (&tim->service_rows);
  im->n_services = w;
  g_clear_pointer (&job->ids, g_byte_array_unref);
  return TRUE;
}

/* After the cases: the thread's services linked in, or the file read again when the
 * thread could not do it exactly. */
static gboolean
service_job_finish (Importer    *im,
                    ServiceJob  *job,
                    GError     **error)
{
  g_autoptr(PathwaysRowReader) reader = NULL;

  if (!service_job_wait (im, job, error))
    return FALSE;

  if (job->im.overflow)
    {
      for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
        g_clear_pointer (&job->im.builders[f], field_builder_free);
      reader = pathways_row_reader_open (im->options->services_path, im->options->services_sheet, error);
      if (reader == NULL)
        return FALSE;
      return setup_builders (im, reader, PATHWAYS_TABLE_SERVICES, error) &&
             read_services (im, reader, error);
    }

  if (job->error != NULL && g_error_matches (job->error, PATHWAYS_IMPORT_ERROR,
                                             PATHWAYS_IMPORT_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }

  /* A reader error stopped the thread at some row; a category error in an earlier
   * row would have stopped a plain read first. */
  if (!service_job_merge (im, job, error))
    return FALSE;
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  return TRUE;
}

PathwaysDataset *
pathways_import (const PathwaysImportOptions  *options,
                 GCancellable                 *cancellable,
                 PathwaysProgressFunc          progress,
                 gpointer                      user_data,
                 GError                      **error)
{
  g_auto(Importer) im = { 0 };
  g_autoptr(PathwaysRowReader) cases = NULL;
  g_autoptr(PathwaysRowReader) services = NULL;
  g_autoptr(SourceJob) cases_job = NULL;
  g_autoptr(SourceJob) services_job = NULL;
  g_autoptr(ServiceJob) service_job = NULL;   /* freed (stopped) before IM */

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->cases_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  im.options = options;
  im.cancellable = cancellable;
  im.progress = progress;
  im.progress_data = user_data;
  im.mapping = options->mapping != NULL ? pathways_mapping_copy (options->mapping) : pathways_mapping_new ();
  im.dataset = pathways_dataset_new ();

  im.case_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  im.service_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  im.service_case = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!open_readers (options, im.mapping, options->mapping == NULL, &cases, &services, error))
    return NULL;

  im.cases_name = g_path_get_basename (pathways_row_reader_get_path (cases));
  im.services_name = services != NULL ? g_path_get_basename (pathways_row_reader_get_path (services)) : NULL;
  im.long_shape = services == NULL && has_service_fields (im.mapping);

  if (pathways_mapping_get_column (im.mapping, PATHWAYS_FIELD_CASE_ID) == NULL ||
      pathways_mapping_get_column (im.mapping, PATHWAYS_FIELD_REFERRAL_DATE) == NULL)
    {
      g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NOT_MAPPED,
                   _("%s: no column is mapped to %s. Every case needs a case ID and a "
                     "referral date; choose their columns in the mapping."),
                   im.cases_name,
                   pathways_mapping_get_column (im.mapping, PATHWAYS_FIELD_CASE_ID) == NULL
                     ? "case_id" : "referral_date");
      return NULL;
    }

  if (!setup_builders (&im, cases, PATHWAYS_TABLE_CASES, error))
    return NULL;
  im.case_index = key_index_new (im.builders[PATHWAYS_FIELD_CASE_ID]->key_strings);

  if (services != NULL || im.long_shape)
    {
      PathwaysRowReader *service_reader = services != NULL ? services : cases;

      if (pathways_mapping_get_column (im.mapping, PATHWAYS_FIELD_SERVICE_CASE_ID) == NULL)
        {
          if (im.long_shape)
            pathways_mapping_set_column (im.mapping, PATHWAYS_FIELD_SERVICE_CASE_ID,
                                         pathways_mapping_get_column (im.mapping, PATHWAYS_FIELD_CASE_ID));
          else
            {
              g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NOT_MAPPED,
                           _("%s: no column is mapped to the case ID of each service, so "
                             "services cannot be linked to cases"), im.services_name);
              return NULL;
            }
        }
      if (!setup_builders (&im, service_reader, PATHWAYS_TABLE_SERVICES, error))
        return NULL;
      im.dataset->has_services = TRUE;
    }

  if (services != NULL && options->services_path != NULL &&
      g_str_equal (pathways_row_reader_get_format (cases), "CSV") &&
      g_str_equal (pathways_row_reader_get_format (services), "CSV"))
    {
      service_job = service_job_start (&im, g_steal_pointer (&services),
                                       pathways_row_reader_get_format (cases));
      im.service_job = service_job;
    }
  else
    {
      cases_job = source_job_start (options->cases_path, "cases", pathways_row_reader_get_format (cases));
      if (options->services_path != NULL)
        services_job = source_job_start (options->services_path, "services",
                                         pathways_row_reader_get_format (services));
    }

  if (!read_cases (&im, cases, error))
    return NULL;

  if (service_job != NULL)
    {
      if (!service_job_finish (&im, service_job, error))
        return NULL;
      im.service_job = NULL;
    }
  else if (services != NULL && !read_services (&im, services, error))
    return NULL;

  /* The identifier indexes are only needed while rows are linked: free them before
   * the columns are finished, which is when memory peaks. */
  g_clear_pointer (&im.case_index, key_index_free);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (im.builders[f] != NULL)
      {
        g_clear_pointer (&im.builders[f]->key_index, key_index_free);
        g_clear_pointer (&im.builders[f]->raw_cache, raw_cache_free);
        g_clear_pointer (&im.builders[f]->fold_index, g_hash_table_unref);
      }

  if (im.n_cases == 0)
    {
      g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NO_CASES,
                   _("%s: the file has a header but no case with a case ID"), im.cases_name);
      return NULL;
    }

  if (service_job != NULL)
    {
      cases_job = g_steal_pointer (&service_job->sources[0]);
      services_job = g_steal_pointer (&service_job->sources[1]);
    }
  if (!add_source (&im, cases_job, error))
    return NULL;
  if (services_job != NULL && !add_source (&im, services_job, error))
    return NULL;

  resolve_dates (&im);
  check_referral_dates (&im);
  find_snapshot (&im);
  check_date_ranges (&im);

  check_order (&im, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_FIELD_FIRST_CONTACT_DATE,
               _("is before the referral date"));
  check_order (&im, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_FIELD_ASSESSMENT_DATE,
               _("is before the referral date"));
  check_order (&im, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_FIELD_CLOSURE_DATE,
               _("is before the referral date"));
  check_order (&im, PATHWAYS_FIELD_SERVICE_START_DATE, PATHWAYS_FIELD_SERVICE_END_DATE,
               _("is before the service start date"));
  check_service_referral_order (&im);

  /* row numbers were kept for the findings only */
  g_clear_pointer (&im.case_rows, g_array_unref);
  g_clear_pointer (&im.service_rows, g_array_unref);

  finish_columns (&im);
  derive_age (&im);

  im.dataset->mapping = g_object_ref (im.mapping);
  im.dataset->name = g_strdup (options->name != NULL ? options->name : im.cases_name);

  if (progress != NULL)
    progress (1.0, user_data);

  return g_steal_pointer (&im.dataset);
}

