/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-dataset.h: the imported data as columns in memory.
 *
 * Plain data, read directly by the measures for speed: categories are 16-bit codes into
 * a dictionary (code 0 is always "Not recorded"), dates are day numbers (GDate Julian
 * days, 1 = 1 January 0001), services are sorted by case so that the services of case i
 * are services[case_service_start[i] .. case_service_start[i + 1]).
 */
#pragma once

#include <glib.h>

#include "pathways-field.h"
#include "pathways-mapping.h"

G_BEGIN_DECLS

#define PATHWAYS_DAY_NONE      G_MININT32         /* empty or missing */
#define PATHWAYS_DAY_INVALID   (G_MININT32 + 1)   /* present but not understood or impossible */
#define PATHWAYS_DAY_IS_VALID(d) ((d) > PATHWAYS_DAY_INVALID)
#define PATHWAYS_INT_NONE      G_MININT32
#define PATHWAYS_CODE_NOT_RECORDED 0
#define PATHWAYS_MAX_CATEGORY_VALUES 65535

/* multi-category cell states */
typedef enum {
  PATHWAYS_MULTI_NOT_RECORDED = 0,
  PATHWAYS_MULTI_NONE = 1,       /* explicit empty list ("None currently known") */
  PATHWAYS_MULTI_VALUES = 2,
} PathwaysMultiState;

typedef struct {
  GPtrArray  *values;   /* code → canonical value (char*); [0] = "Not recorded" */
  GHashTable *index;    /* canonical value → GUINT_TO_POINTER (code + 1) */
} PathwaysDictionary;

PathwaysDictionary *pathways_dictionary_new      (void);
void                pathways_dictionary_free     (PathwaysDictionary *dict);
/* Code of VALUE, added when new; G_MAXUINT when the dictionary is full. */
guint               pathways_dictionary_intern   (PathwaysDictionary *dict,
                                                  const char         *value);
/* Code of VALUE or -1 when absent. */
int                 pathways_dictionary_lookup   (PathwaysDictionary *dict,
                                                  const char         *value);
const char         *pathways_dictionary_get      (PathwaysDictionary *dict,
                                                  guint               code);
guint               pathways_dictionary_get_size (PathwaysDictionary *dict);

typedef struct {
  PathwaysField       field;
  PathwaysFieldKind   kind;
  guint               n_rows;
  gint32             *days;          /* DATE: day numbers or PATHWAYS_DAY_* */
  gint32             *ints;          /* INTEGER: value or PATHWAYS_INT_NONE */
  guint16            *codes;         /* CATEGORY codes */
  guint32            *keys;          /* KEY: index into key_strings; 0 = missing */
  GPtrArray          *key_strings;   /* KEY: [0] = NULL, then the distinct identifiers */
  GStringChunk       *key_chunk;     /* KEY: when set, key_strings point into it and are
                                      * not freed one by one (the importer does this) */
  char               *key_block;     /* KEY: the same for one block (a workspace read) */
  guint8             *multi_state;   /* MULTI: PathwaysMultiState per row */
  guint32            *multi_offsets; /* MULTI: n_rows + 1 offsets into multi_codes */
  guint16            *multi_codes;   /* MULTI: codes of the values of each row */
  PathwaysDictionary *dict;          /* CATEGORY, MULTI */
} PathwaysColumn;

typedef enum {
  PATHWAYS_SEVERITY_ERROR,       /* a row or value left out of the data */
  PATHWAYS_SEVERITY_WARNING,     /* kept, but worth a look */
  PATHWAYS_SEVERITY_ASSUMPTION,  /* a choice the importer made (UK date order) */
} PathwaysSeverity;

/* Finding kinds (stable identifiers, used in JSON and the workspace) */
#define PATHWAYS_FINDING_DUPLICATE_CASE_ID     "duplicate_case_id"
#define PATHWAYS_FINDING_MISSING_CASE_ID       "missing_case_id"
#define PATHWAYS_FINDING_ORPHAN_SERVICE        "orphan_service"
#define PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD   "date_not_understood"
#define PATHWAYS_FINDING_IMPOSSIBLE_DATE       "impossible_date"
#define PATHWAYS_FINDING_DATE_OUT_OF_RANGE     "date_out_of_range"
#define PATHWAYS_FINDING_MISSING_REFERRAL_DATE "missing_referral_date"
#define PATHWAYS_FINDING_NEGATIVE_DURATION     "negative_duration"
#define PATHWAYS_FINDING_INCONSISTENT_CASE     "inconsistent_case_column"
#define PATHWAYS_FINDING_RAGGED_ROW            "ragged_row"
#define PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD "number_not_understood"
#define PATHWAYS_FINDING_DATE_ORDER_ASSUMED    "date_order_assumed"
#define PATHWAYS_FINDING_IMPLAUSIBLE_WAIT      "implausible_wait"

typedef struct {
  char             *kind;       /* one of PATHWAYS_FINDING_* */
  PathwaysSeverity  severity;
  char             *file;       /* base name of the source file, or NULL */
  guint64           row;        /* spreadsheet row number, 0 when not about one row */
  char             *column;     /* source column name, or NULL */
  char             *value;      /* the offending value, or NULL */
  char             *message;    /* a sentence a service manager understands */
  char             *case_id;    /* the case of that row, or NULL (a row with no case ID,
                                 * a finding about a whole column); shown with the rows
                                 * to fix, never in a report */
} PathwaysFinding;

void pathways_finding_free (PathwaysFinding *finding);

typedef struct {
  char *kind;
  PathwaysSeverity severity;
  guint64 count;                /* all occurrences, even beyond the listed ones */
} PathwaysFindingSummary;

typedef struct {
  char *name;        /* base name */
  char *role;        /* "cases", "services" */
  char *sha256;      /* hex */
  char *format;      /* "CSV", "XLSX" */
  gint64 size;
} PathwaysSource;

void pathways_source_free (PathwaysSource *source);

/* spec/disclosure.md, method 1: the records a cell can count, each with its key. */
typedef enum {
  PATHWAYS_RECORD_CASE,      /* "case:" + case ID, one per case */
  PATHWAYS_RECORD_SERVICE,   /* "service:" + service ID, else case ID + ordinal; one per service */
  PATHWAYS_RECORD_PERSON,    /* "person:" + person ID, one per case (its person's key) */
  PATHWAYS_N_RECORD_KINDS
} PathwaysRecordKind;

#define PATHWAYS_DATASET_SECRET_SIZE 32

typedef struct _PathwaysDataset PathwaysDataset;
/* pathways-outcomes.h */
typedef struct _PathwaysOutcomeTable PathwaysOutcomeTable;
/* pathways-appointments.h */
typedef struct _PathwaysAppointmentTable PathwaysAppointmentTable;

struct _PathwaysDataset {
  gatomicrefcount   ref_count;
  char             *name;                /* display name, e.g. the export's base name */
  guint             n_cases;
  guint             n_services;
  gboolean          has_services;        /* a service table was imported */
  /* columns[field] is NULL when the field is not mapped (date_of_birth never is) */
  PathwaysColumn   *columns[PATHWAYS_N_FIELDS];
  guint32          *service_case;        /* n_services: index of the service's case */
  guint32          *case_service_start;  /* n_cases + 1 */
  gint32            snapshot_day;        /* Julian day */
  gboolean          snapshot_from_data;  /* TRUE when taken as the latest date found */
  PathwaysMapping  *mapping;
  GPtrArray        *sources;             /* PathwaysSource* */
  GPtrArray        *findings;            /* PathwaysFinding*, at most a few per kind listed */
  GPtrArray        *finding_summary;     /* PathwaysFindingSummary*, every kind with its count */
  PathwaysOutcomeTable *outcomes;        /* the outcomes table, or NULL (pathways-outcomes.h) */
  PathwaysAppointmentTable *appointments; /* the appointments table, or NULL (pathways-appointments.h) */
  /* the workspace's secret for record keys (spec/disclosure.md, method 1): random when
   * the dataset is made, derived from the source files' digests by an import
   * (pathways_dataset_derive_secret), replaced by the saved one when a workspace is
   * opened; never exported or shown */
  guint8            secret[PATHWAYS_DATASET_SECRET_SIZE];
  guint8           *record_keys[PATHWAYS_N_RECORD_KINDS];   /* computed once, on demand */
};

PathwaysDataset *pathways_dataset_new            (void);
PathwaysDataset *pathways_dataset_ref            (PathwaysDataset *self);
void             pathways_dataset_unref          (PathwaysDataset *self);

/* Allocates an empty column of FIELD for N_ROWS rows (all missing). */
PathwaysColumn  *pathways_dataset_add_column     (PathwaysDataset *self,
                                                  PathwaysField    field,
                                                  guint            n_rows);
PathwaysColumn  *pathways_dataset_get_column     (PathwaysDataset *self,
                                                  PathwaysField    field);
gboolean         pathways_dataset_has_field      (PathwaysDataset *self,
                                                  PathwaysField    field);
/* Replaces the secret (a workspace's saved one) and forgets the keys made from the old. */
void             pathways_dataset_set_secret     (PathwaysDataset *self,
                                                  const guint8    *secret);
/* Derives the secret from the SHA-256 digests of the dataset's source files (an
 * import): the same files give the same secret, so two outputs of the same data made
 * without a workspace cannot be differenced, and outputs are reproducible. Nobody
 * without the files' exact bytes can compute it; a workspace keeps its secret when it
 * is saved again or re-imported (pathways-workspace.h). Without digests the random
 * secret stays. */
void             pathways_dataset_derive_secret  (PathwaysDataset *self);
/* The record keys of KIND (0–255 each: the first byte of HMAC-SHA256 (secret,
 * "case:" + ID) ...), computed on the first call. Not thread-safe on the first call. */
const guint8    *pathways_dataset_get_record_keys (PathwaysDataset   *self,
                                                   PathwaysRecordKind kind);
/* Case identifier of case I as text. */
const char      *pathways_dataset_get_case_id    (PathwaysDataset *self,
                                                  guint            i);
/* Closure class of case I (PATHWAYS_CLOSURE_NOT_RECORDED for open cases too: check
 * pathways_dataset_case_is_closed first) and of service J. */
gboolean         pathways_dataset_case_is_closed (PathwaysDataset *self,
                                                  guint            i);
PathwaysClosureClass pathways_dataset_case_closure_class    (PathwaysDataset *self,
                                                             guint            i);
PathwaysClosureClass pathways_dataset_service_closure_class (PathwaysDataset *self,
                                                             guint            j);
/* Adds a finding: every call counts in the summary; only the first
 * PATHWAYS_MAX_LISTED_FINDINGS of each kind are kept with their details. */
#define PATHWAYS_MAX_LISTED_FINDINGS 200
void             pathways_dataset_add_finding    (PathwaysDataset *self,
                                                  const char      *kind,
                                                  PathwaysSeverity severity,
                                                  const char      *file,
                                                  guint64          row,
                                                  const char      *column,
                                                  const char      *value,
                                                  const char      *message);
guint64          pathways_dataset_count_findings (PathwaysDataset *self,
                                                  const char      *kind);
/* Earliest and latest valid referral day, PATHWAYS_DAY_NONE when there is none. */
void             pathways_dataset_get_referral_range (PathwaysDataset *self,
                                                      gint32          *first,
                                                      gint32          *last);

/* Julian day helpers */
gint32           pathways_day_from_ymd           (int year, int month, int day); /* PATHWAYS_DAY_INVALID when impossible */
void             pathways_day_to_ymd             (gint32 day, int *year, int *month, int *d);
char            *pathways_day_to_iso             (gint32 day);  /* "2023-05-04"; NULL for none/invalid */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysDataset, pathways_dataset_unref)

G_END_DECLS
