/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-target.h: a target (key performance indicator) of spec/metrics.md
 * "Targets": a measure, a threshold and a unit, written MEASURE=N[wd|d|%]
 * ("contact=2wd", "assessment=10wd", "therapy_start=90d", "planned_closure=50%").
 * Plain values, kept in PathwaysMeasuresOptions; pathways-activity.h computes them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PATHWAYS_TARGET_CONTACT,          /* referral_date → first_contact_date, per case */
  PATHWAYS_TARGET_ASSESSMENT,       /* referral_date → assessment_date, per case */
  PATHWAYS_TARGET_SERVICE_START,    /* referral_date → earliest service start, per case */
  PATHWAYS_TARGET_THERAPY_START,    /* service referral → start of therapy services */
  PATHWAYS_TARGET_PLANNED_CLOSURE,  /* planned-closure rate of closed cases, at least N % */
  PATHWAYS_N_TARGET_MEASURES
} PathwaysTargetMeasure;

typedef enum {
  PATHWAYS_TARGET_WORKING_DAYS,
  PATHWAYS_TARGET_DAYS,
  PATHWAYS_TARGET_PERCENT,
} PathwaysTargetUnit;

typedef struct {
  PathwaysTargetMeasure measure;
  int                   within;     /* days, or a percent for planned_closure */
  PathwaysTargetUnit    unit;
} PathwaysTarget;

#define PATHWAYS_MAX_TARGETS 8

#define PATHWAYS_TARGET_ERROR (pathways_target_error_quark ())
GQuark      pathways_target_error_quark        (void);

/* "contact=2wd": N from 0 to 3650 days, or 0 to 100 % for planned_closure (whose unit
 * is always %); FALSE with PATHWAYS_TARGET_ERROR 0 otherwise. */
gboolean    pathways_target_parse              (const char            *text,
                                                PathwaysTarget        *target,
                                                GError               **error);
/* "contact=2wd" */
char       *pathways_target_to_string          (const PathwaysTarget  *target);
/* "First contact within 2 working days" (translated) */
char       *pathways_target_get_label          (const PathwaysTarget  *target);
/* "contact", "assessment", "service_start", "therapy_start", "planned_closure" */
const char *pathways_target_measure_get_id     (PathwaysTargetMeasure  measure);
/* "working_days", "days", "percent" (the JSON's "unit") */
const char *pathways_target_unit_get_id        (PathwaysTargetUnit     unit);
gboolean    pathways_target_equal              (const PathwaysTarget  *a,
                                                const PathwaysTarget  *b);

G_END_DECLS
