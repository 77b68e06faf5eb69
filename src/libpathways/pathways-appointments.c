/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-appointments.c: the appointments table and its measures. */
#define G_LOG_DOMAIN "pathways-appointments"

#include "config.h"

#include <math.h>

#include "pathways-i18n.h"

#include "pathways-appointments.h"

static const char * const status_ids[PATHWAYS_N_APPOINTMENT_STATUSES] = {
  NULL, "attended", "did_not_attend", "cancelled_by_client", "cancelled_by_service",
};

const char *
pathways_appointment_status_to_string (PathwaysAppointmentStatus status)
{
  g_return_val_if_fail (status < PATHWAYS_N_APPOINTMENT_STATUSES, NULL);
  return status_ids[status];
}

static gboolean
folded_is (const char *folded,
           const char *names)
{
  g_auto(GStrv) list = g_strsplit (names, "|", -1);

  return g_strv_contains ((const char * const *) list, folded);
}

PathwaysAppointmentStatus
pathways_appointment_status_parse (const char *text)
{
  g_autofree char *f = NULL;

  if (text == NULL)
    return PATHWAYS_APPOINTMENT_NOT_RECORDED;
  f = pathways_fold (text);
  if (folded_is (f, "attended|attend|seen|arrived|completed|yes|present|a"))
    return PATHWAYS_APPOINTMENT_ATTENDED;
  if (folded_is (f, "did not attend|dna|no show|noshow|not attended|"
                    "missed|did not arrive|failed to attend|fta|no|was not brought|wnb"))
    return PATHWAYS_APPOINTMENT_DID_NOT_ATTEND;
  if (folded_is (f, "cancelled by client|client cancelled|cancelled client|cancelled by patient|"
                    "patient cancelled|cancelled by survivor|cancelled by service user|"
                    "cbc|canceled by client|client canceled"))
    return PATHWAYS_APPOINTMENT_CANCELLED_BY_CLIENT;
  if (folded_is (f, "cancelled by service|service cancelled|cancelled by staff|"
                    "cancelled by counsellor|cancelled by worker|cancelled by provider|"
                    "staff cancelled|cbs|canceled by service|service canceled"))
    return PATHWAYS_APPOINTMENT_CANCELLED_BY_SERVICE;
  return PATHWAYS_APPOINTMENT_NOT_RECORDED;
}

PathwaysAppointmentKind
pathways_appointment_kind_parse (const char *text)
{
  g_autofree char *f = NULL;

  if (text == NULL)
    return PATHWAYS_APPOINTMENT_KIND_NOT_RECORDED;
  f = pathways_fold (text);
  if (*f == '\0')
    return PATHWAYS_APPOINTMENT_KIND_NOT_RECORDED;
  if (folded_is (f, "session|appointment|therapy session|counselling session|counselling|"
                    "therapy|group session|one to one|1 to 1"))
    return PATHWAYS_APPOINTMENT_KIND_SESSION;
  if (folded_is (f, "contact|call|phone|phone call|telephone|telephone call|email|e mail|"
                    "text|text message|letter|outreach|outreach contact|visit|home visit"))
    return PATHWAYS_APPOINTMENT_KIND_CONTACT;
  return PATHWAYS_APPOINTMENT_KIND_OTHER;
}

PathwaysAppointmentTable *
pathways_appointment_table_new (guint n_rows)
{
  PathwaysAppointmentTable *t = g_new0 (PathwaysAppointmentTable, 1);

  t->n_rows = n_rows;
  t->case_index = g_new0 (guint32, n_rows);
  t->day = g_new (gint32, n_rows);
  for (guint i = 0; i < n_rows; i++)
    t->day[i] = PATHWAYS_DAY_NONE;
  t->status = g_new0 (guint8, n_rows);
  t->kind = g_new0 (guint8, n_rows);
  t->service_type = g_new0 (guint16, n_rows);
  t->service_types = pathways_dictionary_new ();
  return t;
}

void
pathways_appointment_table_free (PathwaysAppointmentTable *table)
{
  if (table == NULL)
    return;
  g_free (table->file);
  g_free (table->case_index);
  g_free (table->day);
  g_free (table->status);
  g_free (table->kind);
  g_free (table->service_type);
  pathways_dictionary_free (table->service_types);
  g_free (table);
}

const char *
pathways_session_band_label (guint band)
{
  static const char * const labels[PATHWAYS_N_SESSION_BANDS] = {
    "0", "1", "2–5", "6–11", "12–19", "20+",
  };

  g_return_val_if_fail (band < PATHWAYS_N_SESSION_BANDS, NULL);
  return labels[band];
}

static guint
session_band (guint sessions)
{
  if (sessions <= 1)
    return sessions;
  if (sessions <= 5)
    return 2;
  if (sessions <= 11)
    return 3;
  if (sessions <= 19)
    return 4;
  return 5;
}

void
pathways_appointment_measures_free (PathwaysAppointmentMeasures *measures)
{
  if (measures == NULL)
    return;
  for (guint k = 0; measures->dna != NULL && k < measures->dna->len; k++)
    g_free (g_array_index (measures->dna, PathwaysDnaRow, k).service_type);
  g_clear_pointer (&measures->dna, g_array_unref);
  g_free (measures);
}

double
pathways_dna_row_pct (const PathwaysDnaRow *row)
{
  g_return_val_if_fail (row != NULL, NAN);
  return row->booked == 0 ? NAN : 100.0 * row->did_not_attend / row->booked;
}

static int
cmp_dna (gconstpointer a,
         gconstpointer b)
{
  const PathwaysDnaRow *x = a, *y = b;
  gboolean xn = g_str_equal (x->service_type, PATHWAYS_NOT_RECORDED);
  gboolean yn = g_str_equal (y->service_type, PATHWAYS_NOT_RECORDED);

  if (xn != yn)
    return xn ? 1 : -1;
  if (x->booked != y->booked)
    return x->booked > y->booked ? -1 : 1;
  return g_utf8_collate (x->service_type, y->service_type);
}

static int
cmp_guint (gconstpointer a,
           gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
compute_dna (PathwaysAppointmentTable    *t,
             const PathwaysSelection     *selection,
             PathwaysAppointmentMeasures *m)
{
  guint n_types = pathways_dictionary_get_size (t->service_types);
  g_autofree PathwaysDnaRow *rows = g_new0 (PathwaysDnaRow, n_types);

  for (guint r = 0; r < t->n_rows; r++)
    {
      PathwaysDnaRow *row;

      if (selection != NULL && !PATHWAYS_SELECTION_HAS (selection->cases, t->case_index[r]))
        continue;
      row = &rows[t->service_type[r] < n_types ? t->service_type[r] : 0];
      switch (t->status[r])
        {
        case PATHWAYS_APPOINTMENT_ATTENDED: row->attended++; row->booked++; break;
        case PATHWAYS_APPOINTMENT_DID_NOT_ATTEND: row->did_not_attend++; row->booked++; break;
        case PATHWAYS_APPOINTMENT_CANCELLED_BY_CLIENT: row->cancelled_by_client++; break;
        case PATHWAYS_APPOINTMENT_CANCELLED_BY_SERVICE: row->cancelled_by_service++; break;
        default: break;
        }
    }
  for (guint k = 0; k < n_types; k++)
    {
      PathwaysDnaRow *row = &rows[k];

      if (row->booked + row->cancelled_by_client + row->cancelled_by_service == 0)
        continue;
      row->service_type = g_strdup (pathways_dictionary_get (t->service_types, k));
      g_array_append_val (m->dna, *row);
    }
  g_array_sort (m->dna, cmp_dna);
}

PathwaysAppointmentMeasures *
pathways_appointments_compute (PathwaysDataset         *dataset,
                               const PathwaysSelection *selection)
{
  PathwaysAppointmentTable *t;
  PathwaysAppointmentMeasures *m;
  g_autofree guint *sessions = NULL;
  g_autofree guint *contacts = NULL;
  g_autoptr(GArray) closed = NULL;
  const guint8 *keys;

  g_return_val_if_fail (dataset != NULL, NULL);

  t = dataset->appointments;
  if (t == NULL)
    return NULL;

  m = g_new0 (PathwaysAppointmentMeasures, 1);
  m->dna = g_array_new (FALSE, FALSE, sizeof (PathwaysDnaRow));
  sessions = g_new0 (guint, dataset->n_cases);
  contacts = g_new0 (guint, dataset->n_cases);
  for (guint r = 0; r < t->n_rows; r++)
    {
      guint32 i = t->case_index[r];

      if (i >= dataset->n_cases)
        continue;
      if (t->status[r] != PATHWAYS_APPOINTMENT_ATTENDED &&
          !(t->kind[r] == PATHWAYS_APPOINTMENT_KIND_CONTACT && t->status[r] == PATHWAYS_APPOINTMENT_NOT_RECORDED))
        continue;
      if (t->kind[r] == PATHWAYS_APPOINTMENT_KIND_SESSION || t->kind[r] == PATHWAYS_APPOINTMENT_KIND_NOT_RECORDED)
        sessions[i]++;
      else if (t->kind[r] == PATHWAYS_APPOINTMENT_KIND_CONTACT)
        contacts[i]++;
    }

  closed = g_array_new (FALSE, FALSE, sizeof (guint));
  keys = pathways_dataset_get_record_keys (dataset, PATHWAYS_RECORD_CASE);
  for (guint i = 0; i < dataset->n_cases; i++)
    {
      if (selection != NULL && !PATHWAYS_SELECTION_HAS (selection->cases, i))
        continue;
      m->cases++;
      m->contacts += contacts[i];
      m->cases_with_contact += contacts[i] > 0;
      if (!pathways_dataset_case_is_closed (dataset, i))
        continue;
      m->closed_cases++;
      m->sessions += sessions[i];
      m->bands[session_band (sessions[i])]++;
      m->band_keys[session_band (sessions[i])] += keys[i];
      m->closed_key += keys[i];
      g_array_append_val (closed, sessions[i]);
    }
  m->median_sessions = NAN;
  m->mean_sessions = NAN;
  if (closed->len > 0)
    {
      guint n = closed->len;

      g_array_sort (closed, cmp_guint);
      /* the middle value, or the mean of the two middle values */
      m->median_sessions = n % 2 == 1 ? g_array_index (closed, guint, n / 2)
        : (g_array_index (closed, guint, n / 2 - 1) + g_array_index (closed, guint, n / 2)) / 2.0;
      m->mean_sessions = (double) m->sessions / n;
    }
  m->contacts_per_case = m->cases_with_contact > 0 ? (double) m->contacts / m->cases_with_contact : NAN;
  compute_dna (t, selection, m);
  return m;
}
