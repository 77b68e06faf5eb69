/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-return-private.h: a parsed funder-return template (pathways-return.h). */
#pragma once

#include "pathways-return.h"

G_BEGIN_DECLS

typedef enum {
  RETURN_REFERRALS,           /* cohort: cases referred */
  RETURN_CLOSED_CASES,        /* cohort: of them, closed */
  RETURN_OPEN_CASES,          /* cohort: of them, open */
  RETURN_PEOPLE,              /* cohort: people */
  RETURN_NEW_CASES,           /* returners: new */
  RETURN_RETURNING_CASES,     /* returners: returning */
  RETURN_PLANNED_CLOSURE_RATE,/* cohort: planned / closed */
  RETURN_CLOSURES,            /* activity: cases closed in the period */
  RETURN_PLANNED_CLOSURES,    /* activity: of them, planned */
  RETURN_CASELOAD,            /* activity: open at the period's end */
  RETURN_WAITING_LIST,        /* activity: services waiting at the period's end */
  RETURN_MEDIAN_WAIT,         /* waiting_times: median of a wait (argument: the wait's id) */
  RETURN_TARGET,              /* targets: percent within (argument: "contact=2wd") */
} ReturnMeasure;

typedef enum {
  RETURN_UNIT_COUNT,
  RETURN_UNIT_PERCENT,
  RETURN_UNIT_DAYS,
} ReturnUnit;

typedef struct {
  char          *label;
  ReturnMeasure  measure;
  char          *argument;      /* wait id or target ("contact=2wd"), else NULL */
  ReturnUnit     unit;
  char         **filters;       /* "FIELD=VALUE", NULL-terminated (maybe empty) */
  char          *filters_key;   /* the filters, joined: rows with the same share a report */
  gboolean       has_target;
  gboolean       at_most;       /* target: at most (else at least) */
  double         target;
} ReturnRow;

typedef struct {
  char      *title;
  GPtrArray *rows;              /* ReturnRow* */
} ReturnSection;

struct _PathwaysReturnTemplate {
  char      *id;
  char      *title;
  char      *description;
  char      *data;              /* the JSON as read */
  GPtrArray *sections;          /* ReturnSection* */
};

/* TRUE for the measures read from the activity series. */
gboolean _pathways_return_measure_is_activity (ReturnMeasure measure);

G_END_DECLS
