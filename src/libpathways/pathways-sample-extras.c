/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-sample-extras.c: the sample's outcomes and appointments tables. */
#define G_LOG_DOMAIN "pathways-sample"

#include "config.h"

#include "pathways-sample.h"

#include "pathways-appointments.h"
#include "pathways-dataset.h"
#include "pathways-outcomes.h"

gboolean
pathways_sample_load_extras (PathwaysDataset  *dataset,
                             GError          **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *outcomes = NULL;
  g_autofree char *appointments = NULL;

  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = pathways_sample_get_dir ();
  if (dir == NULL)
    return TRUE;
  outcomes = g_build_filename (dir, PATHWAYS_SAMPLE_OUTCOMES_FILE, NULL);
  appointments = g_build_filename (dir, PATHWAYS_SAMPLE_APPOINTMENTS_FILE, NULL);
  /* the sample writes ISO dates */
  if (g_file_test (outcomes, G_FILE_TEST_IS_REGULAR) &&
      !pathways_outcomes_import (dataset, outcomes, PATHWAYS_DATE_ORDER_YMD, error))
    return FALSE;
  if (g_file_test (appointments, G_FILE_TEST_IS_REGULAR) &&
      !pathways_appointments_import (dataset, appointments, PATHWAYS_DATE_ORDER_YMD, error))
    return FALSE;
  return TRUE;
}
