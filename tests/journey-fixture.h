/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hand-made journey fixture (tests/data/journey: 30 cases, every figure worked out
 * by hand in test-measures.c), imported with the sample mapping and snapshot
 * 31 December 2023. Shared by the core and UI tests that use it. */
#pragma once

#include "pathways.h"

/* SERVICES is "services.csv" (22 services) or "services-extended.csv" (40); the
 * mapping's UNMAPPED field is left unmapped when it is 0 or more. */
G_GNUC_UNUSED static PathwaysDataset *
journey_fixture_load_full (const char *services_file,
                           int         unmapped)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "journey", "cases.csv", NULL);
  g_autofree char *services = g_build_filename (TEST_DATA_DIR, "journey", services_file, NULL);
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  PathwaysDataset *ds;

  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  if (unmapped >= 0)
    pathways_mapping_set_column (mapping, unmapped, NULL);
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  options.snapshot_day = pathways_day_from_ymd (2023, 12, 31);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

/* The fixture with its 22-service file, every field mapped. */
G_GNUC_UNUSED static PathwaysDataset *
journey_fixture_load (void)
{
  return journey_fixture_load_full ("services.csv", -1);
}
