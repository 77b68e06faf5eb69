/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-stage"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-stage.h"

static const struct { const char *id; const char *label; } stage_names[] = {
  { "referred", N_("Referred") },
  { "contacted", N_("Contacted") },
  { "assessed", N_("Assessed") },
  { "service_allocated", N_("Service allocated") },
  { "service_started", N_("Service started") },
  { "planned_closure", N_("Planned closure") },
};

const char *
pathways_stage_get_id (PathwaysStage stage)
{
  g_return_val_if_fail (stage < PATHWAYS_N_STAGES, NULL);
  return stage_names[stage].id;
}

const char *
pathways_stage_get_label (PathwaysStage stage)
{
  g_return_val_if_fail (stage < PATHWAYS_N_STAGES, NULL);
  return _(stage_names[stage].label);
}

int
pathways_stage_from_id (const char *id)
{
  for (int s = 0; s < PATHWAYS_N_STAGES; s++)
    if (g_strcmp0 (id, stage_names[s].id) == 0)
      return s;
  return -1;
}

gboolean
pathways_stage_is_recorded (PathwaysDataset *dataset,
                            PathwaysStage    stage)
{
  g_return_val_if_fail (dataset != NULL, FALSE);

  switch (stage)
    {
    case PATHWAYS_STAGE_REFERRED:
      return TRUE;
    case PATHWAYS_STAGE_CONTACTED:
      return dataset->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE] != NULL;
    case PATHWAYS_STAGE_ASSESSED:
      return dataset->columns[PATHWAYS_FIELD_ASSESSMENT_DATE] != NULL;
    case PATHWAYS_STAGE_SERVICE_ALLOCATED:
      return dataset->has_services;
    case PATHWAYS_STAGE_SERVICE_STARTED:
      return dataset->has_services && dataset->columns[PATHWAYS_FIELD_SERVICE_START_DATE] != NULL;
    case PATHWAYS_STAGE_PLANNED_CLOSURE:
      return dataset->columns[PATHWAYS_FIELD_CLOSURE_REASON] != NULL;
    case PATHWAYS_N_STAGES:
    default:
      return FALSE;
    }
}

/* Whether one of the services of case I has a start date */
static gboolean
case_has_start (PathwaysDataset *dataset,
                guint            i)
{
  PathwaysColumn *starts = dataset->columns[PATHWAYS_FIELD_SERVICE_START_DATE];

  for (guint32 j = dataset->case_service_start[i]; j < dataset->case_service_start[i + 1]; j++)
    if (starts->days[j] != PATHWAYS_DAY_NONE)
      return TRUE;
  return FALSE;
}

PathwaysStage
pathways_stage_reached (PathwaysDataset *dataset,
                        guint            i,
                        gboolean         planned_closure)
{
  PathwaysColumn *contact = dataset->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE];
  PathwaysColumn *assess = dataset->columns[PATHWAYS_FIELD_ASSESSMENT_DATE];

  /* the furthest first: later evidence implies the earlier stages */
  if (planned_closure && dataset->columns[PATHWAYS_FIELD_CLOSURE_REASON] != NULL)
    return PATHWAYS_STAGE_PLANNED_CLOSURE;
  if (pathways_stage_is_recorded (dataset, PATHWAYS_STAGE_SERVICE_STARTED) &&
      case_has_start (dataset, i))
    return PATHWAYS_STAGE_SERVICE_STARTED;
  if (dataset->has_services && dataset->case_service_start[i + 1] > dataset->case_service_start[i])
    return PATHWAYS_STAGE_SERVICE_ALLOCATED;
  if (assess != NULL && assess->days[i] != PATHWAYS_DAY_NONE)
    return PATHWAYS_STAGE_ASSESSED;
  if (contact != NULL && contact->days[i] != PATHWAYS_DAY_NONE)
    return PATHWAYS_STAGE_CONTACTED;
  return PATHWAYS_STAGE_REFERRED;
}
