/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-filter.h: the cohort (spec/metrics.md "Cohort and filters").
 *
 * A filter is a referral-date period plus, per category field, a set of canonical
 * values: values of one field are OR-ed, fields are AND-ed, "Not recorded" is a value
 * like any other. Applying it to a dataset gives a selection: one bitset over cases
 * and one over services. Service-level filters (service_type ...) narrow the services,
 * and narrow the cases to those having at least one selected service.
 */
#pragma once

#include <glib.h>

#include "pathways-dataset.h"
#include "pathways-period.h"

G_BEGIN_DECLS

#define PATHWAYS_FILTER_ERROR (pathways_filter_error_quark ())

typedef enum {
  PATHWAYS_FILTER_ERROR_DATE,        /* a date that is not YYYY-MM-DD */
  PATHWAYS_FILTER_ERROR_PERIOD,      /* a period that is none of the accepted forms */
  PATHWAYS_FILTER_ERROR_FIELD,       /* unknown field, or a field that cannot filter */
  PATHWAYS_FILTER_ERROR_VALUE,       /* a value the dataset does not have */
  PATHWAYS_FILTER_ERROR_POPULATION,  /* --population other than closed|all */
  PATHWAYS_FILTER_ERROR_NOT_MAPPED,  /* the field is not mapped in the dataset */
} PathwaysFilterError;

GQuark pathways_filter_error_quark (void);

typedef enum {
  PATHWAYS_POPULATION_CLOSED,
  PATHWAYS_POPULATION_ALL,
} PathwaysPopulation;

typedef struct _PathwaysFilter PathwaysFilter;

PathwaysFilter *pathways_filter_new              (void);
PathwaysFilter *pathways_filter_copy             (const PathwaysFilter *self);
void            pathways_filter_free             (PathwaysFilter       *self);
gboolean        pathways_filter_equal            (const PathwaysFilter *a,
                                                  const PathwaysFilter *b);
/* TRUE when neither a period, a value nor a stage is set. */
gboolean        pathways_filter_is_empty         (const PathwaysFilter *self);

/* Referral-date range, inclusive; PATHWAYS_DAY_NONE for an open end. */
void            pathways_filter_set_range        (PathwaysFilter       *self,
                                                  gint32                from,
                                                  gint32                to);
gint32          pathways_filter_get_from         (const PathwaysFilter *self);
gint32          pathways_filter_get_to           (const PathwaysFilter *self);
/* --from / --to: "YYYY-MM-DD"; NULL or "" clears that end. */
gboolean        pathways_filter_set_from_string  (PathwaysFilter       *self,
                                                  const char           *iso,
                                                  GError              **error);
gboolean        pathways_filter_set_to_string    (PathwaysFilter       *self,
                                                  const char           *iso,
                                                  GError              **error);
/* --period: any identifier of pathways-period.h ("2023", "2023-Q2", "2023-05",
 * "FY2023-24", "FY2023-24-Q1", "2023-01-05..2023-02-28"); errors in
 * PATHWAYS_PERIOD_ERROR. */
gboolean        pathways_filter_set_period       (PathwaysFilter       *self,
                                                  const char           *period,
                                                  GError              **error);

/* Adds VALUE (a canonical value, or "Not recorded") to FIELD's set. FIELD must be a
 * category or multi-category field. */
void            pathways_filter_add_value        (PathwaysFilter       *self,
                                                  PathwaysField         field,
                                                  const char           *value);
void            pathways_filter_remove_value     (PathwaysFilter       *self,
                                                  PathwaysField         field,
                                                  const char           *value);
void            pathways_filter_clear_field      (PathwaysFilter       *self,
                                                  PathwaysField         field);
void            pathways_filter_clear            (PathwaysFilter       *self);
/* --filter "FIELD=V1,V2": FIELD a canonical field name (case table first, then
 * service table). Values are trimmed; repeat the option to add more values. */
gboolean        pathways_filter_parse_argument   (PathwaysFilter       *self,
                                                  const char           *argument,
                                                  GError              **error);
/* --filter "FIELD=VALUE" against DATASET (spec/cli.md): VALUE is one whole value,
 * commas, brackets and all, matched ignoring case and inner spaces as the mapping
 * folds values (pathways_fold), and added in its canonical spelling; "Not recorded" is
 * a value. The old "FIELD=A,B" form is read as several values only when the whole text
 * is not a value and no value of FIELD contains a comma. Errors name the field, the
 * value and the values the field has. */
gboolean        pathways_filter_add_argument     (PathwaysFilter       *self,
                                                  PathwaysDataset      *dataset,
                                                  const char           *argument,
                                                  GError              **error);
gboolean        pathways_filter_has_field        (const PathwaysFilter *self,
                                                  PathwaysField         field);
/* The fields with values, in the order they were first set. */
guint           pathways_filter_get_n_fields     (const PathwaysFilter *self);
PathwaysField   pathways_filter_get_field        (const PathwaysFilter *self,
                                                  guint                 index);
/* NULL-terminated, owned by the filter; NULL when FIELD has no values. */
const char * const *pathways_filter_get_values   (const PathwaysFilter *self,
                                                  PathwaysField         field);
/* Keeps the cases that reached STAGE of the journey funnel, a stage id of
 * spec/metrics.md ("contacted", "assessed", "service_allocated", ...) with the funnel's
 * evidence: later evidence implies earlier stages, and services count whatever the
 * service-level filters. NULL (or "referred", which every case reached) clears it.
 * FALSE with PATHWAYS_FILTER_ERROR_VALUE for an unknown id. Applying a stage whose
 * evidence field is not mapped matches nothing (validate says why). */
gboolean        pathways_filter_set_stage        (PathwaysFilter       *self,
                                                  const char           *stage,
                                                  GError              **error);
/* The stage id in force, or NULL. */
const char     *pathways_filter_get_stage        (const PathwaysFilter *self);
/* Whether DATASET maps the evidence of STAGE (the funnel shows it). */
gboolean        pathways_filter_stage_is_offered (PathwaysDataset      *dataset,
                                                  const char           *stage);

/* A one-line description: "Referral source: Police · Reached: Assessed ·
 * 1 Apr 2022 – 31 Mar 2023". */
char           *pathways_filter_describe         (const PathwaysFilter *self);

/* Checks the filter against a dataset: every field mapped, every value known.
 * (Applying an unchecked filter simply matches nothing for unknown values.) */
gboolean        pathways_filter_validate         (const PathwaysFilter *self,
                                                  PathwaysDataset      *dataset,
                                                  GError              **error);

/* --population closed|all */
gboolean        pathways_population_from_string  (const char           *s,
                                                  PathwaysPopulation   *out,
                                                  GError              **error);
const char     *pathways_population_to_string    (PathwaysPopulation    population);

/* The result of applying a filter: bitsets, bit i of word i / 64. */
typedef struct {
  guint     n_cases;
  guint     n_services;
  guint64  *cases;              /* (n_cases + 63) / 64 words */
  guint64  *services;           /* (n_services + 63) / 64 words */
  guint     n_selected_cases;
  guint     n_selected_services;
  gboolean  services_filtered;  /* a service-level filter is in force */
} PathwaysSelection;

#define PATHWAYS_SELECTION_HAS(bits, i) (((bits)[(i) >> 6] >> ((i) & 63)) & 1)

PathwaysSelection *pathways_filter_apply         (const PathwaysFilter *self,
                                                  PathwaysDataset      *dataset);
void               pathways_selection_free       (PathwaysSelection    *selection);

/* Sidebar counts: for each code of FIELD's dictionary, the cases passing every filter
 * except FIELD's own (so unticked values show what ticking them would add). For a
 * service-level field, the selected cases having a service with that value. Returns
 * an array of guint with one element per code, or NULL when FIELD is not mapped. */
GArray            *pathways_filter_count_values  (const PathwaysFilter *self,
                                                  PathwaysDataset      *dataset,
                                                  PathwaysField         field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysFilter, pathways_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysSelection, pathways_selection_free)

G_END_DECLS
