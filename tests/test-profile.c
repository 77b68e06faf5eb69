/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The profile of the people served (pathways-profile.h) and the area and user fields
 * on the hand-made fixture tests/data/profile (tests/profile-fixture.h has its cases).
 * Every expected figure is worked out by hand beside its assertion. */
#include "config.h"

#include <string.h>

#include <math.h>

#include "pathways.h"
#include "profile-fixture.h"

#include <glib/gstdio.h>

static void
assert_pct (double value,
            double expected)
{
  g_assert_cmpfloat_with_epsilon (value, expected, 1e-9);
}

static void
test_ethnicity_group_of (void)
{
  g_assert_cmpstr (pathways_ethnicity_group_of ("White British"), ==, "White");
  g_assert_cmpstr (pathways_ethnicity_group_of ("Gypsy or Irish Traveller"), ==, "White");
  g_assert_cmpstr (pathways_ethnicity_group_of ("WHITE - OTHER"), ==, "White");
  /* mixed backgrounds name two groups: mixed wins */
  g_assert_cmpstr (pathways_ethnicity_group_of ("White and Black Caribbean"), ==, "Mixed");
  g_assert_cmpstr (pathways_ethnicity_group_of ("Mixed or multiple ethnic groups"), ==, "Mixed");
  g_assert_cmpstr (pathways_ethnicity_group_of ("Asian or Asian British: Pakistani"), ==, "Asian");
  g_assert_cmpstr (pathways_ethnicity_group_of ("Chinese"), ==, "Asian");
  g_assert_cmpstr (pathways_ethnicity_group_of ("Black African"), ==, "Black");
  g_assert_cmpstr (pathways_ethnicity_group_of ("Arab"), ==, "Other ethnic group");
  g_assert_null (pathways_ethnicity_group_of (PATHWAYS_NOT_RECORDED));
  g_assert_null (pathways_ethnicity_group_of (NULL));
}

static const PathwaysProfile *
find_profile (GPtrArray    *profiles,
              PathwaysField field)
{
  for (guint k = 0; k < profiles->len; k++)
    {
      const PathwaysProfile *p = g_ptr_array_index (profiles, k);
      if (p->field == field)
        return p;
    }
  return NULL;
}

static const PathwaysProfileRow *
row_at (const PathwaysProfile *p,
        guint                  r,
        const char            *value,
        guint                  count)
{
  const PathwaysProfileRow *row;

  g_assert_cmpuint (r, <, p->rows->len);
  row = &g_array_index (p->rows, PathwaysProfileRow, r);
  g_assert_cmpstr (row->value, ==, value);
  g_assert_cmpuint (row->count, ==, count);
  return row;
}

static void
test_compute (void)
{
  g_autoptr(PathwaysDataset) ds = profile_fixture_load ();
  g_autoptr(GPtrArray) profiles = pathways_profile_compute (ds, NULL);
  const PathwaysProfile *p;
  const PathwaysProfileRow *row;

  /* mapped and profiled, in the field order: gender, ethnicity, ethnicity_group (derived),
   * area, user_1 */
  g_assert_cmpuint (profiles->len, ==, 5);
  g_assert_cmpint (((PathwaysProfile *) profiles->pdata[0])->field, ==, PATHWAYS_FIELD_GENDER);
  g_assert_cmpint (((PathwaysProfile *) profiles->pdata[4])->field, ==, PATHWAYS_FIELD_USER_1);

  /* gender: Female 3 (C1 C2 C4), Male 1, Non-binary 1, Not recorded 1 (C5); base 6,
   * recorded 5. Female: 3/6 = 50 % of cases, 3/5 = 60 % of recorded */
  p = find_profile (profiles, PATHWAYS_FIELD_GENDER);
  g_assert_cmpuint (p->base, ==, 6);
  g_assert_cmpuint (p->recorded, ==, 5);
  g_assert_cmpuint (p->rows->len, ==, 4);
  row = row_at (p, 0, "Female", 3);
  assert_pct (pathways_profile_row_pct (p, row), 50.0);
  assert_pct (pathways_profile_row_pct_recorded (p, row), 60.0);
  /* equal counts in value order; Not recorded last, with no recorded percent */
  row_at (p, 1, "Male", 1);
  row_at (p, 2, "Non-binary", 1);
  row = row_at (p, 3, PATHWAYS_NOT_RECORDED, 1);
  assert_pct (pathways_profile_row_pct (p, row), 100.0 / 6);
  g_assert_true (isnan (pathways_profile_row_pct_recorded (p, row)));

  /* ethnic group derived from ethnicity: White (C1), Asian (C2 Indian, C6 Chinese),
   * Black (C3), Mixed (C4 White and Black African), Not recorded (C5 "Not known").
   * Asian: 2/6 = 33.33 %, 2/5 = 40 % of recorded */
  p = find_profile (profiles, PATHWAYS_FIELD_ETHNICITY_GROUP);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->recorded, ==, 5);
  row = row_at (p, 0, "Asian", 2);
  assert_pct (pathways_profile_row_pct (p, row), 100.0 * 2 / 6);
  assert_pct (pathways_profile_row_pct_recorded (p, row), 40.0);
  row_at (p, 1, "Black", 1);
  row_at (p, 2, "Mixed", 1);
  row_at (p, 3, "White", 1);
  row_at (p, 4, PATHWAYS_NOT_RECORDED, 1);
  {
    guint bame = 0;

    /* Asian 2 + Black 1 + Mixed 1 = 4 of the 5 recorded */
    g_assert_true (pathways_profile_ethnicity_complement (p, &bame));
    g_assert_cmpuint (bame, ==, 4);
    g_assert_false (pathways_profile_ethnicity_complement (find_profile (profiles, PATHWAYS_FIELD_GENDER),
                                                           &bame));
  }

  /* area: Basildon 3 (C1 C2 C6), Colchester 2 (C3 C4), Not recorded 1 (C5) */
  p = find_profile (profiles, PATHWAYS_FIELD_AREA);
  row = row_at (p, 0, "Basildon", 3);
  assert_pct (pathways_profile_row_pct_recorded (p, row), 60.0);
  row_at (p, 1, "Colchester", 2);
  row_at (p, 2, PATHWAYS_NOT_RECORDED, 1);

  /* the user field keeps its column's name */
  g_assert_cmpstr (pathways_profile_field_label (ds, PATHWAYS_FIELD_USER_1), ==, "Team");
  g_assert_cmpstr (pathways_profile_field_label (ds, PATHWAYS_FIELD_AREA), ==, "Area");
  p = find_profile (profiles, PATHWAYS_FIELD_USER_1);
  row_at (p, 0, "North", 3);
  row_at (p, 1, "South", 2);
}

/* Filters on area and on a user field, and the report's tables */
/* One analysis (one measures cache) for a run of reports: the profiles of every case
 * are counted once and kept; a filtered report between two unfiltered ones neither
 * changes them nor takes them */
static char *
profile_text (PathwaysReport *report)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (!g_str_equal (t->id, "profile"))
        continue;
      g_string_append_printf (out, "%s base %g:", t->key, t->base.value);
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

          g_string_append_printf (out, " %s=%g", row->id, row->cells[1].value);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_shared_cache (void)
{
  g_autoptr(PathwaysDataset) ds = profile_fixture_load ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (ds);
  g_autoptr(PathwaysFilter) none = pathways_filter_new ();
  g_autoptr(PathwaysFilter) north = pathways_filter_new ();
  g_autoptr(PathwaysReport) all_alone = profile_fixture_report (ds, NULL, NULL);
  g_autoptr(PathwaysReport) north_alone = profile_fixture_report (ds, "user_1", "North");
  g_autoptr(PathwaysReport) first = NULL, filtered = NULL, again = NULL;
  g_autofree char *all_text = NULL, *north_text = NULL;
  g_autofree char *first_text = NULL, *filtered_text = NULL, *again_text = NULL;
  PathwaysField team;

  g_assert_true (pathways_field_from_name (PATHWAYS_TABLE_CASES, "user_1", &team));
  pathways_filter_add_value (north, team, "North");
  first = pathways_analysis_run (analysis, none);
  filtered = pathways_analysis_run (analysis, north);
  again = pathways_analysis_run (analysis, none);
  all_text = profile_text (all_alone);
  north_text = profile_text (north_alone);
  first_text = profile_text (first);
  filtered_text = profile_text (filtered);
  again_text = profile_text (again);

  /* the fixture's 6 cases by gender, and North's 3 */
  g_assert_nonnull (strstr (all_text, "gender base 6:"));
  g_assert_nonnull (strstr (north_text, "gender base 3:"));
  g_assert_cmpstr (first_text, ==, all_text);
  g_assert_cmpstr (again_text, ==, all_text);
  g_assert_cmpstr (filtered_text, ==, north_text);
}

static void
test_report_filtered (void)
{
  g_autoptr(PathwaysDataset) ds = profile_fixture_load ();
  g_autoptr(PathwaysReport) report = profile_fixture_report (ds, "area", "Colchester");
  g_autoptr(PathwaysReport) by_team = profile_fixture_report (ds, "user_1", "North");
  g_autoptr(PathwaysReport) all = profile_fixture_report (ds, NULL, NULL);
  PathwaysReportTable *t;
  PathwaysCell *cell;

  /* area = Colchester: C3 (Male) and C4 (Female): 1 each, 50 % */
  t = pathways_report_get_table (report, "profile", "gender");
  g_assert_nonnull (t);
  g_assert_cmpfloat (t->base.value, ==, 2);
  g_assert_cmpuint (t->rows->len, ==, 2);
  cell = pathways_report_get_cell (report, "profile", "gender", "Female", "count");
  g_assert_cmpfloat (cell->value, ==, 1);
  cell = pathways_report_get_cell (report, "profile", "gender", "Male", "pct_recorded");
  g_assert_cmpfloat_with_epsilon (cell->value, 50.0, 1e-9);
  g_assert_true (cell->has_key == FALSE);   /* a percent carries no key of its own */
  cell = pathways_report_get_cell (report, "profile", "gender", "Male", "count");
  g_assert_true (cell->has_key);
  /* the percent of the recorded follows the Not recorded count (base 2 less it) */
  g_assert_null (pathways_report_get_cell (report, "profile", "area", PATHWAYS_NOT_RECORDED, "count"));
  cell = pathways_report_get_cell (all, "profile", "area", "Basildon", "pct_recorded");
  /* Basildon 3 of the 5 recorded; the Not recorded row (C5) is the last of 3 */
  g_assert_cmpfloat_with_epsilon (cell->value, 60.0, 1e-9);
  g_assert_cmpint (cell->sources[0].row, ==, 2);
  g_assert_cmpint (cell->sources[1].row, ==, 0);
  /* the title names the user field by its column */
  t = pathways_report_get_table (report, "profile", "user_1");
  g_assert_cmpstr (t->title, ==, "Team of the people served");
  g_assert_true (pathways_export_table_section (t) == PATHWAYS_SECTION_PROFILE);

  /* Team = North: C1, C2, C6; ethnic groups White 1, Asian 2 */
  cell = pathways_report_get_cell (by_team, "profile", "ethnicity_group", "Asian", "count");
  g_assert_cmpfloat (cell->value, ==, 2);
  cell = pathways_report_get_cell (by_team, "profile", "ethnicity_group", "White", "pct");
  g_assert_cmpfloat_with_epsilon (cell->value, 100.0 / 3, 1e-9);
  g_assert_null (pathways_report_get_cell (by_team, "profile", "ethnicity_group", "Black", "count"));
}

/* The planned-closure rate and the funnel by a profile field: the measures' split */
static void
test_split_by_area (void)
{
  g_autoptr(PathwaysDataset) ds = profile_fixture_load ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (ds);
  g_autoptr(PathwaysReport) report = NULL;
  PathwaysMeasuresOptions options = *pathways_analysis_get_measures_options (analysis);
  PathwaysCell *cell;

  options.split_field = PATHWAYS_FIELD_AREA;
  options.breakdowns = TRUE;
  report = pathways_analysis_run_with_options (analysis, NULL, &options);
  /* closed: Basildon C1 (planned), C2 (unplanned) → 1 of 2 = 50 %;
   * Colchester C3 (planned) → 1 of 1 = 100 % */
  cell = pathways_report_get_cell (report, "breakdown_rates", "area", "Basildon", "rate");
  g_assert_nonnull (cell);
  g_assert_cmpfloat_with_epsilon (cell->value, 50.0, 1e-9);
  cell = pathways_report_get_cell (report, "breakdown_rates", "area", "Colchester", "rate");
  g_assert_cmpfloat_with_epsilon (cell->value, 100.0, 1e-9);
  g_assert_nonnull (pathways_report_get_table (report, "funnel_split", "Basildon"));
}

/* The summary JSON's "profile" section (spec/cli.md) */
static void
test_json (void)
{
  g_autoptr(PathwaysDataset) ds = profile_fixture_load ();
  g_autoptr(PathwaysReport) report = profile_fixture_report (ds, NULL, NULL);
  g_autoptr(JsonNode) root = pathways_summary_to_json (report);
  JsonArray *profile = json_object_get_array_member (json_node_get_object (root), "profile");
  JsonObject *gender, *first;

  g_assert_nonnull (profile);
  g_assert_cmpuint (json_array_get_length (profile), ==, 5);
  gender = json_array_get_object_element (profile, 0);
  g_assert_cmpstr (json_object_get_string_member (gender, "field"), ==, "gender");
  g_assert_cmpint (json_object_get_int_member (gender, "base"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (gender, "recorded"), ==, 5);
  first = json_array_get_object_element (json_object_get_array_member (gender, "rows"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "value"), ==, "Female");
  g_assert_cmpint (json_object_get_int_member (first, "count"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "pct"), 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "pct_recorded"), 60.0, 1e-9);
  first = json_array_get_object_element (json_object_get_array_member (gender, "rows"), 3);
  g_assert_true (json_object_get_null_member (first, "pct_recorded"));
}

/* Area is detected by its header; the ethnic group is not derived over a mapped one */
static void
test_detect_area (void)
{
  g_autoptr(PathwaysMapping) m = pathways_mapping_new ();
  const char *header[] = { "Client Case ID", "Local Authority", "Ethnicity group" };

  pathways_mapping_detect_columns (m, PATHWAYS_TABLE_CASES, header, 3);
  g_assert_cmpstr (pathways_mapping_get_column (m, PATHWAYS_FIELD_AREA), ==, "Local Authority");
  g_assert_cmpstr (pathways_mapping_get_column (m, PATHWAYS_FIELD_ETHNICITY_GROUP), ==, "Ethnicity group");
  g_assert_null (pathways_mapping_get_column (m, PATHWAYS_FIELD_USER_1));
}

/* A user field survives the mapping file and the workspace */
static void
test_user_field_saved (void)
{
  g_autoptr(PathwaysDataset) ds = profile_fixture_load ();
  g_autofree char *data = pathways_mapping_to_data (ds->mapping);
  g_autoptr(PathwaysMapping) back = pathways_mapping_new_from_data (data, -1, NULL);
  g_autofree char *dir = g_dir_make_tmp ("pathways-profile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.pathways", NULL);
  g_autoptr(PathwaysDataset) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (back);
  g_assert_cmpstr (pathways_mapping_get_column (back, PATHWAYS_FIELD_USER_1), ==, "Team");
  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
  loaded = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded->columns[PATHWAYS_FIELD_USER_1]);
  g_assert_nonnull (loaded->columns[PATHWAYS_FIELD_ETHNICITY_GROUP]);
  g_assert_cmpstr (pathways_profile_field_label (loaded, PATHWAYS_FIELD_USER_1), ==, "Team");
  g_unlink (path);
  g_rmdir (dir);
}

/* Gives every count and percent cell of table ID (KEY) cell key KEY (noise 0 for 100,
 * +2 for 240: pathways_disclosure_noise()). */
static void
key_table (PathwaysReport *r,
           const char     *id,
           const char     *key,
           guint8          cell_key)
{
  PathwaysReportTable *t = pathways_report_get_table (r, id, key);

  g_assert_nonnull (t);
  t->base.has_key = TRUE, t->base.key = cell_key;
  for (guint c = 0; t->totals != NULL && c < t->columns->len; c++)
    t->totals[c].has_key = TRUE, t->totals[c].key = cell_key;
  for (guint row = 0; row < t->rows->len; row++)
    for (guint c = 0; c < t->columns->len; c++)
      {
        PathwaysCell *cell = &((PathwaysReportRow *) g_ptr_array_index (t->rows, row))->cells[c];

        cell->has_key = TRUE;
        cell->key = cell->key_den = cell_key;
      }
}

/* Perturbed (method 1), "% of recorded" is its count over the recorded cases, each by
 * its own cell key; not Not recorded over the count, which its two sources would give.
 * 33 cases: 20 Female, 8 Male, 5 not recorded; 28 recorded. */
static void
test_pct_recorded_perturbed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-profile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("case_id,referral_date,gender\n");
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysReport) exact = NULL;
  g_autoptr(PathwaysReport) r = NULL;
  g_autoptr(PathwaysReport) den_up = NULL;
  g_autoptr(PathwaysReport) at_k = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  PathwaysCell *female;

  for (guint i = 0; i < 33; i++)
    g_string_append_printf (csv, "P%02u,2023-01-%02u,%s\n", i, 1 + i % 28,
                            i < 20 ? "Female" : i < 28 ? "Male" : "");
  g_assert_true (g_file_set_contents (path, csv->str, -1, &error));
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CASE_ID, "case_id");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE, "referral_date");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_GENDER, "gender");
  options.cases_path = path;
  options.mapping = mapping;
  options.snapshot_day = pathways_day_from_ymd (2023, 9, 30);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_cases, ==, 33);
  exact = profile_fixture_report (ds, NULL, NULL);
  assert_pct (pathways_report_get_cell (exact, "profile", "gender", "Female", "pct_recorded")->value,
              100.0 * 20 / 28);

  /* noise 0 everywhere: the exact figures, 20 / 28 = 71.4 % and 8 / 28 = 28.6 %
   * (the two sources would give 5 / 20 = 25 % and 5 / 8 = 62.5 %) */
  r = pathways_report_copy (exact);
  key_table (r, "profile", "gender", 100);
  pathways_disclosure_apply_perturbation (r, 5, FALSE);
  female = pathways_report_get_cell (r, "profile", "gender", "Female", "pct_recorded");
  g_assert_cmpint (female->suppression, ==, PATHWAYS_SUPPRESSION_NONE);
  assert_pct (female->value, 100.0 * 20 / 28);
  assert_pct (pathways_report_get_cell (r, "profile", "gender", "Male", "pct_recorded")->value, 100.0 * 8 / 28);
  assert_pct (pathways_report_get_cell (r, "profile", "gender", "Female", "pct")->value, 100.0 * 20 / 33);
  /* Not recorded has no percent of the recorded */
  g_assert_false (pathways_report_get_cell (r, "profile", "gender", PATHWAYS_NOT_RECORDED,
                                            "pct_recorded")->defined);

  /* the recorded cases moved by their own key (+2): 20 / 30 = 66.7 % */
  den_up = pathways_report_copy (exact);
  key_table (den_up, "profile", "gender", 100);
  pathways_report_get_cell (den_up, "profile", "gender", "Female", "pct_recorded")->key_den = 240;
  pathways_disclosure_apply_perturbation (den_up, 5, FALSE);
  assert_pct (pathways_report_get_cell (den_up, "profile", "gender", "Female", "pct_recorded")->value,
              100.0 * 20 / 30);

  /* k = 7: the 8 men moved by -2 (key 0) would be 6, shown as 7 since a count of k or
   * more is never shown below k; the percent agrees with it: 7 / 28 = 25 % */
  at_k = pathways_report_copy (exact);
  key_table (at_k, "profile", "gender", 100);
  pathways_report_get_cell (at_k, "profile", "gender", "Male", "count")->key = 0;
  pathways_report_get_cell (at_k, "profile", "gender", "Male", "pct_recorded")->key = 0;
  pathways_disclosure_apply_perturbation (at_k, 7, FALSE);
  g_assert_cmpfloat (pathways_report_get_cell (at_k, "profile", "gender", "Male", "count")->value, ==, 7);
  assert_pct (pathways_report_get_cell (at_k, "profile", "gender", "Male", "pct_recorded")->value, 25.0);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pathways/profile/ethnicity-group", test_ethnicity_group_of);
  g_test_add_func ("/pathways/profile/compute", test_compute);
  g_test_add_func ("/pathways/profile/report-filtered", test_report_filtered);
  g_test_add_func ("/pathways/profile/shared-cache", test_shared_cache);
  g_test_add_func ("/pathways/profile/split-by-area", test_split_by_area);
  g_test_add_func ("/pathways/profile/json", test_json);
  g_test_add_func ("/pathways/profile/detect-area", test_detect_area);
  g_test_add_func ("/pathways/profile/user-field-saved", test_user_field_saved);
  g_test_add_func ("/pathways/profile/pct-recorded-perturbed", test_pct_recorded_perturbed);
  return g_test_run ();
}
