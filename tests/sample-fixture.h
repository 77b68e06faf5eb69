/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shipped sample dataset (data/sample, docs/sample-data.md) as the core tests read
 * it: its cases and services imported with the "sample" mapping preset. */
#pragma once

#include "pathways.h"

/* NAME: the dataset's name ("Sample data"), or NULL for the default */
static inline PathwaysDataset *
sample_fixture_import (const char *name)
{
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions io = { 0, };
  PathwaysDataset *ds;

  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  g_assert_no_error (error);
  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  io.cases_path = cases;
  io.services_path = services;
  io.mapping = mapping;
  io.name = name;
  ds = pathways_import (&io, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}
