/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-appointments-import.c: reading an appointments file into the dataset
 * (spec/data-model.md "Appointments"). */
#define G_LOG_DOMAIN "pathways-appointments"

#include "config.h"

#include <string.h>

#include "pathways-i18n.h"

#include "pathways-appointments.h"
#include "pathways-import.h"
#include "pathways-row-reader.h"

typedef enum {
  ROLE_NONE, ROLE_CASE, ROLE_SERVICE, ROLE_DATE, ROLE_STATUS, ROLE_KIND, ROLE_TYPE,
  N_ROLES
} Role;

/* header names, folded to letters and digits */
static const char * const role_names[N_ROLES] = {
  NULL,
  "caseid|clientcaseid|caseref|casereference|casenumber|caseno|case|referralid",
  "serviceid|serviceref|servicereference|servicenumber",
  "date|appointmentdate|sessiondate|contactdate|dateofappointment|dateofsession|"
    "dateofcontact|appointmentstart|start|startdate|when",
  "status|attendance|attended|outcome|appointmentstatus|attendancestatus|appointmentoutcome",
  "kind|type|appointmenttype|contacttype|sessiontype|category|mode",
  "servicetype|service|typeofservice|servicecategory",
};

static char *
header_key (const char *header)
{
  GString *s = g_string_new (NULL);

  for (const char *p = header; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));
      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static Role
role_of (const char *header,
         const char *case_column)
{
  g_autofree char *key = header_key (header);
  g_autofree char *ckey = header_key (case_column);

  if (ckey[0] != '\0' && g_str_equal (key, ckey))
    return ROLE_CASE;
  for (guint r = ROLE_CASE; r < N_ROLES; r++)
    {
      g_auto(GStrv) names = g_strsplit (role_names[r], "|", -1);
      if (g_strv_contains ((const char * const *) names, key))
        return r;
    }
  return ROLE_NONE;
}

typedef struct {
  PathwaysDataset   *ds;
  PathwaysDateOrder  order;
  gboolean           date1904;
  char              *file;
  GHashTable        *cases;      /* case id → case index + 1 */
  GArray            *case_index, *day, *status, *kind, *type;
  PathwaysDictionary *types;
  /* the few distinct texts of the status, kind and type columns, parsed once:
   * raw text → value + 1 */
  GHashTable        *statuses, *kinds, *type_codes;
  GString           *case_id, *service;
} Reader;

static void
reader_clear (Reader *r)
{
  g_free (r->file);
  g_clear_pointer (&r->cases, g_hash_table_unref);
  g_clear_pointer (&r->case_index, g_array_unref);
  g_clear_pointer (&r->day, g_array_unref);
  g_clear_pointer (&r->status, g_array_unref);
  g_clear_pointer (&r->kind, g_array_unref);
  g_clear_pointer (&r->type, g_array_unref);
  g_clear_pointer (&r->types, pathways_dictionary_free);
  g_clear_pointer (&r->statuses, g_hash_table_unref);
  g_clear_pointer (&r->kinds, g_hash_table_unref);
  g_clear_pointer (&r->type_codes, g_hash_table_unref);
  if (r->case_id != NULL)
    g_string_free (r->case_id, TRUE);
  if (r->service != NULL)
    g_string_free (r->service, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static const char *
field (PathwaysRowReader *reader,
       int                col)
{
  return col >= 0 ? pathways_row_reader_get_field (reader, col) : NULL;
}

/* PARSE (TEXT), remembered in CACHE for each distinct TEXT (NULL parsed each time:
 * the column is absent). */
static guint
parse_cached (GHashTable  *cache,
              const char  *text,
              guint      (*parse) (const char *text))
{
  gpointer found;
  guint value;

  if (text == NULL)
    return parse (NULL);
  found = g_hash_table_lookup (cache, text);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  value = parse (text);
  g_hash_table_insert (cache, g_strdup (text), GUINT_TO_POINTER (value + 1));
  return value;
}

static guint
parse_status (const char *text)
{
  return pathways_appointment_status_parse (text);
}

static guint
parse_kind (const char *text)
{
  return pathways_appointment_kind_parse (text);
}

/* The code in R->types of the service type written TEXT (0: none). */
static guint
type_code (Reader     *r,
           const char *text)
{
  g_autofree char *type_text = g_strstrip (g_strdup (text));
  const char *type = NULL;
  guint code = 0;

  if (r->ds->mapping != NULL && !pathways_mapping_is_missing (r->ds->mapping, type_text))
    type = pathways_mapping_map_value (r->ds->mapping, PATHWAYS_FIELD_SERVICE_TYPE, type_text);
  if (type != NULL && !g_str_equal (type, PATHWAYS_NOT_RECORDED))
    code = pathways_dictionary_intern (r->types, type);
  return code == G_MAXUINT ? 0 : code;
}

/* The service type of an appointment of case I: the type of the service named SERVICE,
 * else of the case's only service; NULL when neither settles it. */
static const char *
service_type_of (PathwaysDataset *ds,
                 guint32          i,
                 const char      *service)
{
  PathwaysColumn *type = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  PathwaysColumn *ids = ds->columns[PATHWAYS_FIELD_SERVICE_ID];
  guint start, end;

  if (type == NULL || ds->case_service_start == NULL)
    return NULL;
  start = ds->case_service_start[i];
  end = ds->case_service_start[i + 1];
  if (service != NULL && *service != '\0' && ids != NULL && ids->keys != NULL)
    for (guint j = start; j < end; j++)
      {
        const char *id = ids->keys[j] != 0 ? g_ptr_array_index (ids->key_strings, ids->keys[j]) : NULL;
        if (id != NULL && g_str_equal (id, service))
          return pathways_dictionary_get (type->dict, type->codes[j]);
      }
  if (end == start + 1)
    return pathways_dictionary_get (type->dict, type->codes[start]);
  return NULL;
}

static gint32
read_day (Reader            *r,
          PathwaysRowReader *reader,
          const int         *col,
          guint32            i,
          guint64            row)
{
  const char *text = field (reader, col[ROLE_DATE]);
  gint32 day, referral = PATHWAYS_DAY_NONE;
  PathwaysColumn *ref = r->ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  const char *why = NULL;

  if (text == NULL)
    return PATHWAYS_DAY_NONE;
  day = pathways_parse_date (text, r->order, r->date1904);
  if (ref != NULL && ref->days != NULL)
    referral = ref->days[i];
  if (day == PATHWAYS_DAY_INVALID)
    why = _("This date is not understood: the appointment is counted, but not placed in time.");
  else if (day != PATHWAYS_DAY_NONE && PATHWAYS_DAY_IS_VALID (referral) && day < referral)
    why = _("This appointment is dated before its case’s referral: it is counted, but not placed in time.");
  else if (day != PATHWAYS_DAY_NONE && r->ds->snapshot_day > 0 && day > r->ds->snapshot_day)
    why = _("This appointment is dated after the snapshot date: it is counted, but not placed in time.");
  if (why == NULL)
    return day;
  pathways_dataset_add_finding (r->ds, PATHWAYS_FINDING_APPOINTMENT_NOT_PLACED, PATHWAYS_SEVERITY_WARNING,
                                r->file, row, pathways_row_reader_get_column_name (reader, col[ROLE_DATE]),
                                text, why);
  return PATHWAYS_DAY_INVALID;
}

static void
read_row (Reader            *r,
          PathwaysRowReader *reader,
          const int         *col)
{
  const char *id = pathways_row_reader_trimmed (r->case_id, field (reader, col[ROLE_CASE]));
  guint64 row = pathways_row_reader_get_row_number (reader);
  gpointer found = g_hash_table_lookup (r->cases, id);
  guint32 i;
  gint32 day;
  guint8 status, kind;
  guint code = 0;

  if (*id == '\0' || found == NULL)
    {
      pathways_dataset_add_finding (r->ds, PATHWAYS_FINDING_ORPHAN_APPOINTMENT, PATHWAYS_SEVERITY_WARNING,
                                    r->file, row, pathways_row_reader_get_column_name (reader, col[ROLE_CASE]),
                                    id, _("No case has this case ID: the appointment is left out."));
      return;
    }
  i = GPOINTER_TO_UINT (found) - 1;
  day = read_day (r, reader, col, i, row);
  status = parse_cached (r->statuses, field (reader, col[ROLE_STATUS]), parse_status);
  kind = parse_cached (r->kinds, field (reader, col[ROLE_KIND]), parse_kind);
  if (col[ROLE_TYPE] >= 0)
    {
      /* the types are interned in the order first met, as without the cache */
      const char *text = field (reader, col[ROLE_TYPE]);
      gpointer known = g_hash_table_lookup (r->type_codes, text);

      if (known != NULL)
        code = GPOINTER_TO_UINT (known) - 1;
      else
        {
          code = type_code (r, text);
          g_hash_table_insert (r->type_codes, g_strdup (text), GUINT_TO_POINTER (code + 1));
        }
    }
  else
    {
      const char *type = service_type_of (r->ds, i, pathways_row_reader_trimmed (r->service, field (reader, col[ROLE_SERVICE]) ?: ""));

      if (type != NULL && !g_str_equal (type, PATHWAYS_NOT_RECORDED))
        code = pathways_dictionary_intern (r->types, type);
      if (code == G_MAXUINT)
        code = 0;
    }
  g_array_append_val (r->case_index, i);
  g_array_append_val (r->day, day);
  g_array_append_val (r->status, status);
  g_array_append_val (r->kind, kind);
  g_array_append_vals (r->type, &(guint16) { code }, 1);
}

static PathwaysAppointmentTable *
take_table (Reader *r)
{
  PathwaysAppointmentTable *t = pathways_appointment_table_new (0);

  g_free (t->case_index);
  g_free (t->day);
  g_free (t->status);
  g_free (t->kind);
  g_free (t->service_type);
  pathways_dictionary_free (t->service_types);
  t->file = g_strdup (r->file);
  t->n_rows = r->case_index->len;
  t->case_index = (guint32 *) g_array_free (g_steal_pointer (&r->case_index), FALSE);
  t->day = (gint32 *) g_array_free (g_steal_pointer (&r->day), FALSE);
  t->status = (guint8 *) g_array_free (g_steal_pointer (&r->status), FALSE);
  t->kind = (guint8 *) g_array_free (g_steal_pointer (&r->kind), FALSE);
  t->service_type = (guint16 *) g_array_free (g_steal_pointer (&r->type), FALSE);
  t->service_types = g_steal_pointer (&r->types);
  return t;
}

gboolean
pathways_appointments_import (PathwaysDataset   *dataset,
                              const char        *path,
                              PathwaysDateOrder  date_order,
                              GError           **error)
{
  g_auto(Reader) r = { 0 };
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  PathwaysColumn *ids;
  const char *case_column = NULL;
  int col[N_ROLES];

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

  for (guint k = 0; k < N_ROLES; k++)
    col[k] = -1;
  for (guint c = 0; c < pathways_row_reader_get_n_columns (reader); c++)
    {
      Role role = role_of (pathways_row_reader_get_column_name (reader, c), case_column);
      if (role != ROLE_NONE && col[role] < 0)
        col[role] = c;
    }
  if (col[ROLE_CASE] < 0)
    {
      g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NOT_MAPPED,
                   _("%s: no column of case IDs was found (a header such as “Case ID”)"), r.file);
      return FALSE;
    }

  r.cases = g_hash_table_new (g_str_hash, g_str_equal);
  ids = dataset->columns[PATHWAYS_FIELD_CASE_ID];
  for (guint i = 0; ids != NULL && i < dataset->n_cases; i++)
    {
      const char *id = pathways_dataset_get_case_id (dataset, i);
      if (id != NULL && !g_hash_table_contains (r.cases, id))
        g_hash_table_insert (r.cases, (gpointer) id, GUINT_TO_POINTER (i + 1));
    }
  r.case_index = g_array_new (FALSE, FALSE, sizeof (guint32));
  r.day = g_array_new (FALSE, FALSE, sizeof (gint32));
  r.status = g_array_new (FALSE, FALSE, sizeof (guint8));
  r.kind = g_array_new (FALSE, FALSE, sizeof (guint8));
  r.type = g_array_new (FALSE, FALSE, sizeof (guint16));
  r.types = pathways_dictionary_new ();
  r.statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.type_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.case_id = g_string_new (NULL);
  r.service = g_string_new (NULL);

  while (pathways_row_reader_next_row (reader, &local_error))
    read_row (&r, reader, col);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_pointer (&dataset->appointments, pathways_appointment_table_free);
  dataset->appointments = take_table (&r);
  return TRUE;
}
