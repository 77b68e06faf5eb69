/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hand-made fixture tests/data/profile, shared by test-profile.c and
 * test-appointments.c: six cases, six services, a user field "Team".
 *
 *   case referral    closed      reason           gender      ethnicity (→ group)            area        Team
 *   C1   2023-01-05  2023-06-01  Planned closure  Female      White British (White)          Basildon    North
 *   C2   2023-01-10  2023-05-01  Did not engage   Female      Indian (Asian)                 Basildon    North
 *   C3   2023-02-01  2023-07-01  Planned closure  Male        Black Caribbean (Black)        Colchester  South
 *   C4   2023-02-15  open                         Female      White and Black African (Mixed) Colchester South
 *   C5   2023-03-01  2023-08-01  Referred on      (empty)     Not known (not recorded)      (empty)     (empty)
 *   C6   2023-03-05  open                         Non-binary  Chinese (Asian)               Basildon    North
 *
 * Services: S1 C1 Therapy, S2 C2 Therapy, S3 C3 Advocacy, S4 C3 Therapy, S5 C4 Outreach,
 * S6 C6 Therapy; C5 has none.
 */
#pragma once

#include "pathways.h"

static inline PathwaysDataset *
profile_fixture_load (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "profile", "cases.csv", NULL);
  g_autofree char *services = g_build_filename (TEST_DATA_DIR, "profile", "services.csv", NULL);
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  static const struct { PathwaysField field; const char *column; } columns[] = {
    { PATHWAYS_FIELD_CASE_ID, "case_id" }, { PATHWAYS_FIELD_REFERRAL_DATE, "referral_date" },
    { PATHWAYS_FIELD_CLOSURE_DATE, "closure_date" }, { PATHWAYS_FIELD_CLOSURE_REASON, "closure_reason" },
    { PATHWAYS_FIELD_GENDER, "gender" }, { PATHWAYS_FIELD_ETHNICITY, "ethnicity" },
    { PATHWAYS_FIELD_AREA, "area" }, { PATHWAYS_FIELD_USER_1, "Team" },
    { PATHWAYS_FIELD_SERVICE_CASE_ID, "case_id" }, { PATHWAYS_FIELD_SERVICE_ID, "service_id" },
    { PATHWAYS_FIELD_SERVICE_TYPE, "service_type" },
  };
  PathwaysDataset *ds;

  for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
    pathways_mapping_set_column (mapping, columns[k].field, columns[k].column);
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  options.snapshot_day = pathways_day_from_ymd (2023, 9, 30);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (ds->n_cases, ==, 6);
  g_assert_cmpuint (ds->n_services, ==, 6);
  return ds;
}

static inline PathwaysReport *
profile_fixture_report (PathwaysDataset *ds,
                        const char      *filter_field,
                        const char      *filter_value)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (ds);

  if (filter_field != NULL)
    {
      PathwaysField f;
      g_assert_true (pathways_field_from_name (PATHWAYS_TABLE_CASES, filter_field, &f));
      pathways_filter_add_value (filter, f, filter_value);
    }
  return pathways_analysis_run (analysis, filter);
}
