/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-stage.h: the stages of the journey funnel (spec/metrics.md "Journey funnel").
 *
 * Each stage has an id, a label and its evidence in the data: a first contact date, an
 * assessment date, a service, a service start date, a closure classed planned. A case
 * reached a stage when it shows the evidence of that stage or of a later one: a case
 * with a service start and no contact date was still contacted.
 */
#pragma once

#include <glib.h>

#include "pathways-dataset.h"

G_BEGIN_DECLS

typedef enum {
  PATHWAYS_STAGE_REFERRED,
  PATHWAYS_STAGE_CONTACTED,
  PATHWAYS_STAGE_ASSESSED,
  PATHWAYS_STAGE_SERVICE_ALLOCATED,
  PATHWAYS_STAGE_SERVICE_STARTED,
  PATHWAYS_STAGE_PLANNED_CLOSURE,
  PATHWAYS_N_STAGES
} PathwaysStage;

const char    *pathways_stage_get_id      (PathwaysStage    stage);   /* "service_allocated" */
const char    *pathways_stage_get_label   (PathwaysStage    stage);   /* translated */
/* The stage whose id is ID, or -1. */
int            pathways_stage_from_id     (const char      *id);
/* Whether DATASET maps the evidence of STAGE (every case was referred): the funnel
 * shows the stages it maps. */
gboolean       pathways_stage_is_recorded (PathwaysDataset *dataset,
                                           PathwaysStage    stage);
/* The furthest stage case I of DATASET reached. A date counts as evidence even when it
 * is not a valid date (something was written down). PLANNED_CLOSURE: whether the case
 * is closed with a reason classed planned (the caller knows the closure classes). */
PathwaysStage  pathways_stage_reached     (PathwaysDataset *dataset,
                                           guint            i,
                                           gboolean         planned_closure);

G_END_DECLS
