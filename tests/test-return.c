/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Funder returns (pathways-return.h): templates read and refused, and a return filled
 * on the hand-made fixture tests/data/activity (see test-activity.c for its cases; the
 * snapshot is 30 June 2023). Every expected figure is worked out by hand. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pathways.h"
#include "pathways-return.h"

static PathwaysDataset *
load (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "activity", "cases.csv", NULL);
  g_autofree char *services = g_build_filename (TEST_DATA_DIR, "activity", "services.csv", NULL);
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_preset ("sample", NULL);
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  PathwaysDataset *ds;

  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  options.snapshot_day = pathways_day_from_ymd (2023, 6, 30);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

static const char fixture_template[] =
  "{ \"id\": \"fixture\", \"title\": \"Fixture return\", \"sections\": ["
  "  { \"title\": \"Cohort\", \"rows\": ["
  "    { \"label\": \"Referrals\", \"measure\": \"referrals\", \"unit\": \"count\" },"
  "    { \"label\": \"Police\", \"measure\": \"referrals\", \"filters\": { \"referral_source\": \"Police\" } },"
  "    { \"label\": \"Closed\", \"measure\": \"closed_cases\" },"
  "    { \"label\": \"Open\", \"measure\": \"open_cases\" },"
  "    { \"label\": \"New\", \"measure\": \"new_cases\" },"
  "    { \"label\": \"Returning\", \"measure\": \"returning_cases\" },"
  "    { \"label\": \"Planned rate\", \"measure\": \"planned_closure_rate\" } ] },"
  "  { \"title\": \"Timeliness\", \"rows\": ["
  "    { \"label\": \"Contact\", \"measure\": \"target:contact=2wd\", \"unit\": \"percent\","
  "      \"target\": { \"at_least\": 90 } },"
  "    { \"label\": \"Median contact\", \"measure\": \"median_wait:referral_to_contact\","
  "      \"target\": { \"at_most\": 2 } } ] },"
  "  { \"title\": \"Activity\", \"rows\": ["
  "    { \"label\": \"Closures\", \"measure\": \"closures\" },"
  "    { \"label\": \"Planned closures\", \"measure\": \"planned_closures\" },"
  "    { \"label\": \"Caseload\", \"measure\": \"caseload\" },"
  "    { \"label\": \"Waiting\", \"measure\": \"waiting_list\" } ] } ] }";

static PathwaysReport *
fill (PathwaysDataset *ds,
      const char      *period,
      GError         **error)
{
  g_autoptr(PathwaysReturnTemplate) t = pathways_return_template_new_from_data (fixture_template, -1, "fixture", NULL);
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (ds);
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();

  g_assert_nonnull (t);
  g_assert_cmpuint (pathways_return_template_get_n_rows (t), ==, 13);
  if (period != NULL)
    g_assert_true (pathways_filter_set_period (filter, period, NULL));
  return pathways_return_fill (t, analysis, filter, error);
}

static double
figure (PathwaysReport *r,
        const char     *section,
        const char     *row,
        const char     *column)
{
  PathwaysCell *c = pathways_report_get_cell (r, "return", section, row, column);

  if (c == NULL)
    g_error ("no cell %s/%s/%s", section, row, column);
  return c->defined ? c->value : NAN;
}

static void
test_fill_quarter (void)
{
  g_autoptr(PathwaysDataset) ds = load ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysReport) r = fill (ds, "FY2023-24-Q1", &error);
  PathwaysCell *c;

  g_assert_no_error (error);
  /* only the return's three tables */
  g_assert_cmpuint (r->tables->len, ==, 3);
  /* 2023-24 Q1 (1 Apr – 30 Jun 2023) referrals: A4, A5, A6, A7; by the police A4, A7 */
  g_assert_cmpfloat (figure (r, "Cohort", "Referrals", "figure"), ==, 4);
  g_assert_cmpfloat (figure (r, "Cohort", "Police", "figure"), ==, 2);
  /* closed by the snapshot: A4 (1 Jun), A7 (20 Jun); open A5, A6 */
  g_assert_cmpfloat (figure (r, "Cohort", "Closed", "figure"), ==, 2);
  g_assert_cmpfloat (figure (r, "Cohort", "Open", "figure"), ==, 2);
  /* new A4, A5, A7; returning A6 */
  g_assert_cmpfloat (figure (r, "Cohort", "New", "figure"), ==, 3);
  g_assert_cmpfloat (figure (r, "Cohort", "Returning", "figure"), ==, 1);
  /* A4 referred on (other), A7 no reason: 0 planned of 2 closed */
  g_assert_cmpfloat (figure (r, "Cohort", "Planned rate", "figure"), ==, 0);
  g_assert_cmpfloat (figure (r, "Cohort", "Planned rate", "numerator"), ==, 0);
  g_assert_cmpfloat (figure (r, "Cohort", "Planned rate", "base"), ==, 2);
  /* contact within 2 working days: A4 (1, Easter between), A5 (2, the coronation
   * Monday between) met; A6 not contacted; A7 3 → 2 of 4 */
  g_assert_cmpfloat (figure (r, "Timeliness", "Contact", "figure"), ==, 50);
  g_assert_cmpfloat (figure (r, "Timeliness", "Contact", "numerator"), ==, 2);
  g_assert_cmpfloat (figure (r, "Timeliness", "Contact", "base"), ==, 4);
  c = pathways_report_get_cell (r, "return", "Timeliness", "Contact", "target");
  g_assert_cmpstr (c->text, ==, "at least 90 %");
  g_assert_cmpint (pathways_report_get_cell (r, "return", "Timeliness", "Contact", "figure")->kind, ==,
                   PATHWAYS_CELL_PERCENT);
  /* referral to contact: A4 5 days, A5 5, A7 3 → median 5 over n 3 */
  g_assert_cmpfloat (figure (r, "Timeliness", "Median contact", "figure"), ==, 5);
  g_assert_cmpfloat (figure (r, "Timeliness", "Median contact", "base"), ==, 3);
  c = pathways_report_get_cell (r, "return", "Timeliness", "Median contact", "target");
  g_assert_cmpstr (c->text, ==, "at most 2 days");
  /* closed in the quarter whatever their referral: A2 (5 Apr, did not engage), A4
   * (referred on), A7 (no reason) → 3, none planned */
  g_assert_cmpfloat (figure (r, "Activity", "Closures", "figure"), ==, 3);
  g_assert_cmpfloat (figure (r, "Activity", "Planned closures", "figure"), ==, 0);
  /* open on 30 Jun: A3, A5, A6 */
  g_assert_cmpfloat (figure (r, "Activity", "Caseload", "figure"), ==, 3);
  /* waiting on 30 Jun: S2 (A3) and S3 (A5); S4's and S6's cases are closed, S1 and
   * S5 started */
  g_assert_cmpfloat (figure (r, "Activity", "Waiting", "figure"), ==, 2);
  /* the note of a filtered row names the field by its label, never "referral_source=" */
  {
    gboolean found = FALSE;
    for (guint i = 0; i < r->tables->len; i++)
      {
        PathwaysReportTable *t = g_ptr_array_index (r->tables, i);
        for (guint k = 0; t->chart.notes != NULL && k < t->chart.notes->len; k++)
          {
            const char *note = g_ptr_array_index (t->chart.notes, k);
            g_assert_null (strstr (note, "referral_source"));
            found |= g_strcmp0 (note, "Police: only Referral source: Police.") == 0;
          }
      }
    g_assert_true (found);
  }
}

static void
test_fill_year_end (void)
{
  g_autoptr(PathwaysDataset) ds = load ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysReport) r = fill (ds, "FY2022-23-Q4", &error);

  g_assert_no_error (error);
  /* 2022-23 Q4 (Jan–Mar 2023): A1, A2, A3; by the police A1, A3 */
  g_assert_cmpfloat (figure (r, "Cohort", "Referrals", "figure"), ==, 3);
  g_assert_cmpfloat (figure (r, "Cohort", "Police", "figure"), ==, 2);
  /* closed in the quarter: A8 (31 Jan) and A1 (20 Mar), both planned */
  g_assert_cmpfloat (figure (r, "Activity", "Closures", "figure"), ==, 2);
  g_assert_cmpfloat (figure (r, "Activity", "Planned closures", "figure"), ==, 2);
  /* open on 31 Mar: A2 (closed 5 Apr) and A3 */
  g_assert_cmpfloat (figure (r, "Activity", "Caseload", "figure"), ==, 2);
  /* contact within 2 working days: A1 2 met, A2 3 not, A3 (Fri 31 Mar, Mon 3 Apr,
   * across the financial year end) 2 met → 2 of 3 */
  g_assert_cmpfloat (figure (r, "Timeliness", "Contact", "numerator"), ==, 2);
  g_assert_cmpfloat (figure (r, "Timeliness", "Contact", "base"), ==, 3);
}

static void
test_fill_needs_period (void)
{
  g_autoptr(PathwaysDataset) ds = load ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysReport) r = fill (ds, "2023-01-05..2023-02-28", &error);

  /* closures and caseload are read from the series: a custom range has no row */
  g_assert_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_PERIOD);
  g_assert_null (r);
}

static void
test_refused (void)
{
  static const char * const bad[] = {
    "[]",
    "{ \"title\": \"no id\", \"rows\": [ { \"label\": \"a\", \"measure\": \"referrals\" } ] }",
    "{ \"id\": \"x\", \"title\": \"t\", \"rows\": [] }",
    "{ \"id\": \"x\", \"title\": \"t\", \"rows\": [ { \"label\": \"a\", \"measure\": \"referals\" } ] }",
    "{ \"id\": \"x\", \"title\": \"t\", \"rows\": [ { \"label\": \"a\", \"measure\": \"referrals\", \"unit\": \"percent\" } ] }",
    "{ \"id\": \"x\", \"title\": \"t\", \"rows\": [ { \"label\": \"a\", \"measure\": \"median_wait:nothing\" } ] }",
    "{ \"id\": \"x\", \"title\": \"t\", \"rows\": [ { \"label\": \"a\", \"measure\": \"target:contact=2weeks\" } ] }",
    "{ \"id\": \"x\", \"title\": \"t\", \"rows\": [ { \"label\": \"a\", \"measure\": \"referrals\", \"target\": 90 } ] }",
    "{ \"id\": \"x\", \"title\": \"t\", \"rows\": [ { \"label\": \"a\", \"measure\": \"referrals\", \"filters\": { \"gender\": 1 } } ] }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PathwaysReturnTemplate) t = pathways_return_template_new_from_data (bad[i], -1, "bad", &error);

      g_assert_null (t);
      g_assert_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID);
    }
}

static void
test_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pathways_return_list_templates (NULL, &error);
  g_autoptr(PathwaysReturnTemplate) pcc = NULL;
  g_autoptr(PathwaysReturnTemplate) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (pathways_return_template_get_id (g_ptr_array_index (all, 0)), ==, "board-pack");
  g_assert_cmpstr (pathways_return_template_get_id (g_ptr_array_index (all, 1)), ==, "pcc-quarterly");
  pcc = pathways_return_template_find ("pcc-quarterly", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_return_template_get_title (pcc), ==, "Police and Crime Commissioner quarterly return");
  missing = pathways_return_template_find ("no-such-return", NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_NOT_FOUND);
}

static void
test_kept_with_workspace (void)
{
  g_autoptr(PathwaysDataset) ds = load ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-return-XXXXXX", &error);
  g_autofree char *ws = g_build_filename (dir, "w.pathways", NULL);
  g_autoptr(PathwaysReturnTemplate) t = pathways_return_template_new_from_data (fixture_template, -1, "fixture", NULL);
  g_autoptr(PathwaysReturnTemplate) found = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_true (pathways_workspace_save (ds, ws, &error));
  g_assert_no_error (error);
  g_assert_true (pathways_return_template_keep (t, ws, &error));
  g_assert_no_error (error);
  all = pathways_return_list_templates (ws, &error);
  g_assert_no_error (error);
  /* the built-in two, then the kept one */
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (pathways_return_template_get_id (g_ptr_array_index (all, 2)), ==, "fixture");
  found = pathways_return_template_find ("fixture", ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pathways_return_template_get_n_rows (found), ==, 13);
  g_unlink (ws);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("PATHWAYS_RETURNS_DIR", SOURCE_RETURNS_DIR, TRUE);
  g_test_add_func ("/return/fill-quarter", test_fill_quarter);
  g_test_add_func ("/return/fill-year-end", test_fill_year_end);
  g_test_add_func ("/return/needs-period", test_fill_needs_period);
  g_test_add_func ("/return/refused", test_refused);
  g_test_add_func ("/return/builtin", test_builtin);
  g_test_add_func ("/return/kept-with-workspace", test_kept_with_workspace);
  return g_test_run ();
}
