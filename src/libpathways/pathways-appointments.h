/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-appointments.h: the appointments table (spec/data-model.md "Appointments")
 * and its measures (spec/metrics.md "Appointments and contacts").
 *
 * One row per appointment: its case, date, status, kind and service type. The service
 * type is the file's own column when it has one, else the type of the case's service
 * whose service ID the row names, else the type of the case's only service.
 */
#pragma once

#include <gio/gio.h>

#include "pathways-dataset.h"
#include "pathways-filter.h"
#include "pathways-mapping.h"

G_BEGIN_DECLS

/* Finding kinds of the appointments file */
#define PATHWAYS_FINDING_ORPHAN_APPOINTMENT     "orphan_appointment"
#define PATHWAYS_FINDING_APPOINTMENT_NOT_PLACED "appointment_date_not_placed"

typedef enum {
  PATHWAYS_APPOINTMENT_NOT_RECORDED,
  PATHWAYS_APPOINTMENT_ATTENDED,
  PATHWAYS_APPOINTMENT_DID_NOT_ATTEND,
  PATHWAYS_APPOINTMENT_CANCELLED_BY_CLIENT,
  PATHWAYS_APPOINTMENT_CANCELLED_BY_SERVICE,
  PATHWAYS_N_APPOINTMENT_STATUSES
} PathwaysAppointmentStatus;

typedef enum {
  PATHWAYS_APPOINTMENT_KIND_NOT_RECORDED,   /* counted as a session */
  PATHWAYS_APPOINTMENT_KIND_SESSION,
  PATHWAYS_APPOINTMENT_KIND_CONTACT,
  PATHWAYS_APPOINTMENT_KIND_OTHER,
  PATHWAYS_N_APPOINTMENT_KINDS
} PathwaysAppointmentKind;

/* "attended", "did_not_attend" ... as in the spec; NULL for not recorded */
const char               *pathways_appointment_status_to_string (PathwaysAppointmentStatus status);
/* A status as exports spell it ("DNA", "Did not attend", "Client cancelled" ...);
 * PATHWAYS_APPOINTMENT_NOT_RECORDED when empty or not understood. */
PathwaysAppointmentStatus pathways_appointment_status_parse     (const char *text);
PathwaysAppointmentKind   pathways_appointment_kind_parse       (const char *text);

typedef struct _PathwaysAppointmentTable PathwaysAppointmentTable;

struct _PathwaysAppointmentTable {
  char               *file;          /* base name of the source file */
  guint               n_rows;
  guint32            *case_index;    /* n_rows */
  gint32             *day;           /* n_rows: day number or PATHWAYS_DAY_NONE */
  guint8             *status;        /* n_rows: PathwaysAppointmentStatus */
  guint8             *kind;          /* n_rows: PathwaysAppointmentKind */
  guint16            *service_type;  /* n_rows: code into service_types */
  PathwaysDictionary *service_types; /* [0] = Not recorded */
};

PathwaysAppointmentTable *pathways_appointment_table_new  (guint                     n_rows);
void                      pathways_appointment_table_free (PathwaysAppointmentTable *table);

/* Reads the appointments file PATH (CSV or XLSX, first sheet) into DATASET's
 * appointments table, replacing any. Columns are found by their header names (case ID;
 * service ID, date, status, kind, service type optional). Appointments without a case
 * are findings and left out; dates that cannot be placed (not understood, before the
 * case's referral or after the snapshot) are findings, the appointment is kept. */
gboolean pathways_appointments_import (PathwaysDataset   *dataset,
                                       const char        *path,
                                       PathwaysDateOrder  date_order,
                                       GError           **error);

/* Bands of sessions attended per closed case: 0, 1, 2–5, 6–11, 12–19, 20+ */
#define PATHWAYS_N_SESSION_BANDS 6
const char *pathways_session_band_label (guint band);

typedef struct {
  char  *service_type;       /* canonical value; "Not recorded" last */
  guint  booked;             /* attended + did not attend */
  guint  attended;
  guint  did_not_attend;
  guint  cancelled_by_client;
  guint  cancelled_by_service;
} PathwaysDnaRow;

typedef struct {
  guint   closed_cases;                      /* selected closed cases */
  guint   sessions;                          /* sessions they attended */
  double  median_sessions;                   /* NAN when no closed case */
  double  mean_sessions;                     /* NAN when no closed case */
  guint   bands[PATHWAYS_N_SESSION_BANDS];   /* closed cases by sessions attended */
  guint8  band_keys[PATHWAYS_N_SESSION_BANDS]; /* their cell keys (case record keys) */
  guint8  closed_key;
  guint   cases;                             /* selected cases */
  guint   cases_with_contact;                /* of them, with a contact (not missed) */
  guint   contacts;                          /* contacts of the selected cases */
  double  contacts_per_case;                 /* contacts / cases with a contact; NAN */
  GArray *dna;                               /* PathwaysDnaRow, most booked first */
} PathwaysAppointmentMeasures;

void     pathways_appointment_measures_free (PathwaysAppointmentMeasures *measures);
/* The measures of the selected cases, or NULL when DATASET has no appointments table. */
PathwaysAppointmentMeasures *pathways_appointments_compute (PathwaysDataset         *dataset,
                                                           const PathwaysSelection *selection);
/* Did-not-attend percent of ROW: did not attend / booked; NAN when nothing was booked. */
double   pathways_dna_row_pct (const PathwaysDnaRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysAppointmentMeasures, pathways_appointment_measures_free)

G_END_DECLS
