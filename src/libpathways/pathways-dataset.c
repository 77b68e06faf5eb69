/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-dataset"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include "pathways-i18n.h"

#include "pathways-dataset.h"
#include "pathways-outcomes.h"
#include "pathways-appointments.h"
#include "pathways-sha256.h"

PathwaysDictionary *
pathways_dictionary_new (void)
{
  PathwaysDictionary *dict = g_new0 (PathwaysDictionary, 1);

  dict->values = g_ptr_array_new_with_free_func (g_free);
  dict->index = g_hash_table_new (g_str_hash, g_str_equal);
  pathways_dictionary_intern (dict, PATHWAYS_NOT_RECORDED);
  return dict;
}

void
pathways_dictionary_free (PathwaysDictionary *dict)
{
  if (dict == NULL)
    return;
  g_hash_table_unref (dict->index);
  g_ptr_array_unref (dict->values);
  g_free (dict);
}

guint
pathways_dictionary_intern (PathwaysDictionary *dict,
                            const char         *value)
{
  gpointer found;
  char *copy;

  g_return_val_if_fail (dict != NULL, G_MAXUINT);
  g_return_val_if_fail (value != NULL, G_MAXUINT);

  found = g_hash_table_lookup (dict->index, value);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  if (dict->values->len > PATHWAYS_MAX_CATEGORY_VALUES)
    return G_MAXUINT;

  copy = g_strdup (value);
  g_ptr_array_add (dict->values, copy);
  g_hash_table_insert (dict->index, copy, GUINT_TO_POINTER (dict->values->len));
  return dict->values->len - 1;
}

int
pathways_dictionary_lookup (PathwaysDictionary *dict,
                            const char         *value)
{
  gpointer found;

  g_return_val_if_fail (dict != NULL, -1);
  if (value == NULL)
    return -1;

  found = g_hash_table_lookup (dict->index, value);
  return found != NULL ? (int) GPOINTER_TO_UINT (found) - 1 : -1;
}

const char *
pathways_dictionary_get (PathwaysDictionary *dict,
                         guint               code)
{
  g_return_val_if_fail (dict != NULL, NULL);
  g_return_val_if_fail (code < dict->values->len, NULL);
  return g_ptr_array_index (dict->values, code);
}

guint
pathways_dictionary_get_size (PathwaysDictionary *dict)
{
  g_return_val_if_fail (dict != NULL, 0);
  return dict->values->len;
}

void
pathways_finding_free (PathwaysFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->kind);
  g_free (finding->file);
  g_free (finding->column);
  g_free (finding->value);
  g_free (finding->message);
  g_free (finding->case_id);
  g_free (finding);
}

static void
finding_summary_free (PathwaysFindingSummary *summary)
{
  g_free (summary->kind);
  g_free (summary);
}

void
pathways_source_free (PathwaysSource *source)
{
  if (source == NULL)
    return;
  g_free (source->name);
  g_free (source->role);
  g_free (source->sha256);
  g_free (source->format);
  g_free (source);
}

/* 32 random bytes from the kernel; GRand only if it has none to give. */
static void
new_secret (guint8 *secret)
{
  gsize got = 0;

  while (got < PATHWAYS_DATASET_SECRET_SIZE)
    {
      ssize_t n = getrandom (secret + got, PATHWAYS_DATASET_SECRET_SIZE - got, 0);
      if (n > 0)
        got += n;
      else if (n < 0 && errno != EINTR)
        break;
    }
  for (; got < PATHWAYS_DATASET_SECRET_SIZE; got++)
    secret[got] = (guint8) g_random_int_range (0, 256);
}

PathwaysDataset *
pathways_dataset_new (void)
{
  PathwaysDataset *self = g_new0 (PathwaysDataset, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_source_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_finding_free);
  self->finding_summary = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_summary_free);
  self->case_service_start = g_new0 (guint32, 1);
  self->snapshot_day = PATHWAYS_DAY_NONE;
  new_secret (self->secret);
  return self;
}

PathwaysDataset *
pathways_dataset_ref (PathwaysDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
column_free (PathwaysColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->days);
  g_free (column->ints);
  g_free (column->codes);
  g_free (column->keys);
  g_clear_pointer (&column->key_strings, g_ptr_array_unref);
  g_clear_pointer (&column->key_chunk, g_string_chunk_free);
  g_free (column->key_block);
  g_free (column->multi_state);
  g_free (column->multi_offsets);
  g_free (column->multi_codes);
  g_clear_pointer (&column->dict, pathways_dictionary_free);
  g_free (column);
}

void
pathways_dataset_unref (PathwaysDataset *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    column_free (self->columns[i]);
  g_free (self->service_case);
  g_free (self->case_service_start);
  g_clear_object (&self->mapping);
  g_ptr_array_unref (self->sources);
  g_ptr_array_unref (self->findings);
  g_ptr_array_unref (self->finding_summary);
  g_clear_pointer (&self->outcomes, pathways_outcome_table_free);
  g_clear_pointer (&self->appointments, pathways_appointment_table_free);
  g_free (self->name);
  for (guint k = 0; k < PATHWAYS_N_RECORD_KINDS; k++)
    g_free (self->record_keys[k]);
  g_free (self);
}

void
pathways_dataset_set_secret (PathwaysDataset *self,
                             const guint8    *secret)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (secret != NULL);

  memcpy (self->secret, secret, PATHWAYS_DATASET_SECRET_SIZE);
  for (guint k = 0; k < PATHWAYS_N_RECORD_KINDS; k++)
    g_clear_pointer (&self->record_keys[k], g_free);
}

static guint8
record_key (const PathwaysHmacSha256 *proto,
            const char               *prefix,
            const char               *id,
            const char               *suffix)
{
  PathwaysHmacSha256 hmac = *proto;
  guint8 digest[PATHWAYS_SHA256_SIZE];

  pathways_hmac_sha256_update (&hmac, prefix, strlen (prefix));
  if (id != NULL)
    pathways_hmac_sha256_update (&hmac, id, strlen (id));
  if (suffix != NULL)
    pathways_hmac_sha256_update (&hmac, suffix, strlen (suffix));
  pathways_hmac_sha256_finish (&hmac, digest);
  return digest[0];
}

static const char *
key_text (PathwaysColumn *column,
          guint           row)
{
  if (column == NULL || column->keys == NULL || row >= column->n_rows || column->keys[row] == 0)
    return NULL;
  return g_ptr_array_index (column->key_strings, column->keys[row]);
}

void
pathways_dataset_derive_secret (PathwaysDataset *self)
{
  static const char label[] = "pathways record keys 1";
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_if_fail (self != NULL);

  if (self->sources->len == 0)
    return;
  for (guint i = 0; i < self->sources->len; i++)
    if (((PathwaysSource *) g_ptr_array_index (self->sources, i))->sha256 == NULL)
      return;   /* nothing fixed to derive it from: the random one stays */
  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) label, sizeof label - 1);
  for (guint i = 0; i < self->sources->len; i++)
    {
      PathwaysSource *source = g_ptr_array_index (self->sources, i);

      g_hmac_update (hmac, (const guchar *) (source->role != NULL ? source->role : ""), -1);
      g_hmac_update (hmac, (const guchar *) "\n", 1);
      g_hmac_update (hmac, (const guchar *) source->sha256, -1);
      g_hmac_update (hmac, (const guchar *) "\n", 1);
    }
  g_hmac_get_digest (hmac, digest, &len);
  G_STATIC_ASSERT (sizeof digest == PATHWAYS_DATASET_SECRET_SIZE);
  pathways_dataset_set_secret (self, digest);
}

static guint8 *
make_record_keys (PathwaysDataset   *self,
                  PathwaysRecordKind kind)
{
  PathwaysHmacSha256 hmac;
  const PathwaysHmacSha256 *proto = &hmac;
  PathwaysColumn *cases = self->columns[PATHWAYS_FIELD_CASE_ID];
  guint n = kind == PATHWAYS_RECORD_SERVICE ? self->n_services : self->n_cases;
  guint8 *keys = g_new0 (guint8, MAX (n, 1));

  pathways_hmac_sha256_init (&hmac, self->secret, PATHWAYS_DATASET_SECRET_SIZE);
  for (guint i = 0; i < n; i++)
    {
      if (kind == PATHWAYS_RECORD_CASE)
        keys[i] = record_key (proto, "case:", key_text (cases, i), NULL);
      else if (kind == PATHWAYS_RECORD_PERSON)
        {
          const char *person = key_text (self->columns[PATHWAYS_FIELD_PERSON_ID], i);
          /* a case without a person is a person of its own */
          keys[i] = person != NULL ? record_key (proto, "person:", person, NULL)
                                   : record_key (proto, "person:case:", key_text (cases, i), NULL);
        }
      else
        {
          const char *service = key_text (self->columns[PATHWAYS_FIELD_SERVICE_ID], i);
          guint c = self->service_case != NULL ? self->service_case[i] : 0;
          g_autofree char *ordinal = NULL;

          if (service != NULL)
            keys[i] = record_key (proto, "service:", service, NULL);
          else
            {
              guint start = c < self->n_cases ? self->case_service_start[c] : 0;
              ordinal = g_strdup_printf ("#%u", i >= start ? i - start : i);
              keys[i] = record_key (proto, "service:case:", key_text (cases, c), ordinal);
            }
        }
    }
  return keys;
}

const guint8 *
pathways_dataset_get_record_keys (PathwaysDataset   *self,
                                  PathwaysRecordKind kind)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind < PATHWAYS_N_RECORD_KINDS, NULL);

  if (self->record_keys[kind] == NULL)
    self->record_keys[kind] = make_record_keys (self, kind);
  return self->record_keys[kind];
}

PathwaysColumn *
pathways_dataset_add_column (PathwaysDataset *self,
                             PathwaysField    field,
                             guint            n_rows)
{
  PathwaysColumn *column;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  g_clear_pointer (&self->columns[field], column_free);

  column = g_new0 (PathwaysColumn, 1);
  column->field = field;
  column->kind = pathways_field_get_kind (field);
  column->n_rows = n_rows;

  switch (column->kind)
    {
    case PATHWAYS_KIND_DATE:
      column->days = g_new (gint32, MAX (n_rows, 1));
      for (guint i = 0; i < n_rows; i++)
        column->days[i] = PATHWAYS_DAY_NONE;
      break;
    case PATHWAYS_KIND_INTEGER:
      column->ints = g_new (gint32, MAX (n_rows, 1));
      for (guint i = 0; i < n_rows; i++)
        column->ints[i] = PATHWAYS_INT_NONE;
      break;
    case PATHWAYS_KIND_CATEGORY:
      column->codes = g_new0 (guint16, MAX (n_rows, 1));
      column->dict = pathways_dictionary_new ();
      break;
    case PATHWAYS_KIND_KEY:
      column->keys = g_new0 (guint32, MAX (n_rows, 1));
      column->key_strings = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (column->key_strings, NULL);
      break;
    case PATHWAYS_KIND_MULTI:
      column->multi_state = g_new0 (guint8, MAX (n_rows, 1));
      column->multi_offsets = g_new0 (guint32, n_rows + 1);
      column->multi_codes = NULL;
      column->dict = pathways_dictionary_new ();
      break;
    default:
      g_assert_not_reached ();
    }

  self->columns[field] = column;
  return column;
}

PathwaysColumn *
pathways_dataset_get_column (PathwaysDataset *self,
                             PathwaysField    field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);
  return self->columns[field];
}

gboolean
pathways_dataset_has_field (PathwaysDataset *self,
                            PathwaysField    field)
{
  return pathways_dataset_get_column (self, field) != NULL;
}

const char *
pathways_dataset_get_case_id (PathwaysDataset *self,
                              guint            i)
{
  PathwaysColumn *column;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_cases, NULL);

  column = self->columns[PATHWAYS_FIELD_CASE_ID];
  if (column == NULL || column->keys[i] == 0)
    return NULL;
  return g_ptr_array_index (column->key_strings, column->keys[i]);
}

gboolean
pathways_dataset_case_is_closed (PathwaysDataset *self,
                                 guint            i)
{
  PathwaysColumn *closure_date = self->columns[PATHWAYS_FIELD_CLOSURE_DATE];
  PathwaysColumn *closure_reason = self->columns[PATHWAYS_FIELD_CLOSURE_REASON];

  /* spec/metrics.md: closed when it has a closure_date, or (no closure_date mapped)
   * a closure_reason. */
  if (closure_date != NULL)
    return closure_date->days[i] != PATHWAYS_DAY_NONE;
  if (closure_reason != NULL)
    return closure_reason->codes[i] != PATHWAYS_CODE_NOT_RECORDED;
  return FALSE;
}

static PathwaysClosureClass
class_of_code (PathwaysDataset *self,
               PathwaysColumn  *column,
               guint16          code)
{
  if (code == PATHWAYS_CODE_NOT_RECORDED)
    return PATHWAYS_CLOSURE_NOT_RECORDED;
  return pathways_mapping_get_closure_class (self->mapping,
                                             pathways_dictionary_get (column->dict, code));
}

PathwaysClosureClass
pathways_dataset_case_closure_class (PathwaysDataset *self,
                                     guint            i)
{
  PathwaysColumn *column = self->columns[PATHWAYS_FIELD_CLOSURE_REASON];

  if (column == NULL)
    return PATHWAYS_CLOSURE_NOT_RECORDED;
  return class_of_code (self, column, column->codes[i]);
}

PathwaysClosureClass
pathways_dataset_service_closure_class (PathwaysDataset *self,
                                        guint            j)
{
  PathwaysColumn *column = self->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON];

  if (column == NULL)
    return PATHWAYS_CLOSURE_NOT_RECORDED;
  return class_of_code (self, column, column->codes[j]);
}

void
pathways_dataset_add_finding (PathwaysDataset *self,
                              const char      *kind,
                              PathwaysSeverity severity,
                              const char      *file,
                              guint64          row,
                              const char      *column,
                              const char      *value,
                              const char      *message)
{
  PathwaysFindingSummary *summary = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (kind != NULL);

  for (guint i = 0; i < self->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (self->finding_summary, i);
      if (g_str_equal (s->kind, kind))
        {
          summary = s;
          break;
        }
    }

  if (summary == NULL)
    {
      summary = g_new0 (PathwaysFindingSummary, 1);
      summary->kind = g_strdup (kind);
      summary->severity = severity;
      g_ptr_array_add (self->finding_summary, summary);
    }

  summary->count++;

  if (summary->count <= PATHWAYS_MAX_LISTED_FINDINGS)
    {
      PathwaysFinding *finding = g_new0 (PathwaysFinding, 1);

      finding->kind = g_strdup (kind);
      finding->severity = severity;
      finding->file = g_strdup (file);
      finding->row = row;
      finding->column = g_strdup (column);
      finding->value = g_strdup (value);
      finding->message = g_strdup (message);
      g_ptr_array_add (self->findings, finding);
    }
}

guint64
pathways_dataset_count_findings (PathwaysDataset *self,
                                 const char      *kind)
{
  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (self->finding_summary, i);
      if (g_str_equal (s->kind, kind))
        return s->count;
    }
  return 0;
}

void
pathways_dataset_get_referral_range (PathwaysDataset *self,
                                     gint32          *first,
                                     gint32          *last)
{
  PathwaysColumn *column = self->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  gint32 lo = G_MAXINT32, hi = G_MININT32;

  if (column != NULL)
    {
      for (guint i = 0; i < self->n_cases; i++)
        {
          gint32 d = column->days[i];
          if (!PATHWAYS_DAY_IS_VALID (d))
            continue;
          lo = MIN (lo, d);
          hi = MAX (hi, d);
        }
    }

  if (lo > hi)
    lo = hi = PATHWAYS_DAY_NONE;
  if (first != NULL)
    *first = lo;
  if (last != NULL)
    *last = hi;
}

gint32
pathways_day_from_ymd (int year,
                       int month,
                       int day)
{
  /* Days before each month in a common year. The import calls this for every date
   * cell, so it is arithmetic rather than a GDate; the numbers are GDate's Julian
   * days all the same (day 1 is 1 January of year 1), which test-dataset checks for
   * every day of years 1 to 9999. */
  static const guint16 before[13] = { 0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
  static const guint8 length[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap;
  gint32 y;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
    return PATHWAYS_DAY_INVALID;
  leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > length[month] + (month == 2 && leap))
    return PATHWAYS_DAY_INVALID;

  y = year - 1;
  return y * 365 + y / 4 - y / 100 + y / 400 + before[month] + (month > 2 && leap) + day;
}

void
pathways_day_to_ymd (gint32  day,
                     int    *year,
                     int    *month,
                     int    *d)
{
  GDate date;

  g_return_if_fail (PATHWAYS_DAY_IS_VALID (day) && day > 0);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (year != NULL)
    *year = g_date_get_year (&date);
  if (month != NULL)
    *month = g_date_get_month (&date);
  if (d != NULL)
    *d = g_date_get_day (&date);
}

char *
pathways_day_to_iso (gint32 day)
{
  int y, m, d;

  if (!PATHWAYS_DAY_IS_VALID (day) || day <= 0)
    return NULL;
  pathways_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}
