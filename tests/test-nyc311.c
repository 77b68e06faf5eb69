/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real public export in tests/data/nyc-311: 924 requests created on
 * 1 May 2022, US dates such as "05/01/2022 12:00:09 AM", 480 closed, 444 open. */
#include "config.h"

#include <string.h>

#include "pathways.h"

static char *
nyc_path (void)
{
  /* the export is kept in tests/data: every test runs from a plain clone */
  return g_build_filename (TEST_DATA_DIR, "nyc-311", "311_Service_Requests_sample.csv", NULL);
}

static PathwaysMapping *
nyc_mapping (void)
{
  PathwaysMapping *mapping = pathways_mapping_new ();

  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CASE_ID, "Unique Key");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE, "Created Date");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CLOSURE_DATE, "Closed Date");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "Open Data Channel Type");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_PRIMARY_INCIDENT, "Complaint Type");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CLOSURE_REASON, "Status");
  return mapping;
}

static guint
count_code (PathwaysColumn *column,
            const char     *value)
{
  int code = pathways_dictionary_lookup (column->dict, value);
  guint n = 0;

  for (guint i = 0; i < column->n_rows; i++)
    if ((int) column->codes[i] == code)
      n++;
  return n;
}

/* Every date is like 05/01/2022: nothing settles the order, so it is reported as an
 * assumption (UK order: 5 January 2022) for both date columns. */
static void
test_ambiguous_order (void)
{
  g_autofree char *path = nyc_path ();
  g_autoptr(PathwaysMapping) mapping = nyc_mapping ();
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0 };
  guint assumptions = 0;

  options.cases_path = path;
  options.mapping = mapping;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_cases, ==, 924);

  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DATE_ORDER_ASSUMED), ==, 2);
  for (guint i = 0; i < ds->findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (ds->findings, i);
      if (g_str_equal (f->kind, PATHWAYS_FINDING_DATE_ORDER_ASSUMED))
        {
          g_assert_cmpint (f->severity, ==, PATHWAYS_SEVERITY_ASSUMPTION);
          g_assert_true (g_str_equal (f->column, "Created Date") || g_str_equal (f->column, "Closed Date"));
          assumptions++;
        }
    }
  g_assert_cmpuint (assumptions, ==, 2);
  g_assert_cmpint (ds->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[0], ==, pathways_day_from_ymd (2022, 1, 5));
  /* what was assumed is written into the mapping, so a saved mapping says it */
  g_assert_cmpint (pathways_mapping_get_date_order (ds->mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==,
                   PATHWAYS_DATE_ORDER_DMY);
}

static void
check_month_first (PathwaysDataset *ds)
{
  PathwaysColumn *referral = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  PathwaysColumn *closure = ds->columns[PATHWAYS_FIELD_CLOSURE_DATE];
  gint32 may_first = pathways_day_from_ymd (2022, 5, 1);
  guint closed = 0;

  g_assert_cmpuint (ds->n_cases, ==, 924);
  for (guint i = 0; i < ds->n_cases; i++)
    g_assert_cmpint (referral->days[i], ==, may_first);
  for (guint i = 0; i < ds->n_cases; i++)
    if (pathways_dataset_case_is_closed (ds, i))
      {
        closed++;
        g_assert_cmpint (closure->days[i], ==, may_first);
      }
  g_assert_cmpuint (closed, ==, 480);
  g_assert_cmpint (ds->snapshot_day, ==, may_first);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DATE_ORDER_ASSUMED), ==, 0);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DUPLICATE_CASE_ID), ==, 0);

  /* channels: ONLINE 501, MOBILE 280, PHONE 139, and UNKNOWN (a missing spelling) 4 */
  g_assert_cmpuint (count_code (ds->columns[PATHWAYS_FIELD_REFERRAL_SOURCE], "ONLINE"), ==, 501);
  g_assert_cmpuint (count_code (ds->columns[PATHWAYS_FIELD_REFERRAL_SOURCE], "MOBILE"), ==, 280);
  g_assert_cmpuint (count_code (ds->columns[PATHWAYS_FIELD_REFERRAL_SOURCE], "PHONE"), ==, 139);
  g_assert_cmpuint (count_code (ds->columns[PATHWAYS_FIELD_REFERRAL_SOURCE], PATHWAYS_NOT_RECORDED), ==, 4);
  /* status: Closed 480, In Progress 440, Open 4 */
  g_assert_cmpuint (count_code (ds->columns[PATHWAYS_FIELD_CLOSURE_REASON], "Closed"), ==, 480);
  g_assert_cmpuint (count_code (ds->columns[PATHWAYS_FIELD_CLOSURE_REASON], "In Progress"), ==, 440);
  g_assert_cmpstr (pathways_dataset_get_case_id (ds, 0), ==, "54049402");
}

/* --date-order mdy: every request dated 1 May 2022 */
static void
test_forced_month_first (void)
{
  g_autofree char *path = nyc_path ();
  g_autoptr(PathwaysMapping) mapping = nyc_mapping ();
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0 };

  options.cases_path = path;
  options.mapping = mapping;
  options.date_order = PATHWAYS_DATE_ORDER_MDY;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_month_first (ds);
}

/* The committed mapping file says mdy for both date columns. */
static void
test_mapping_file (void)
{
  g_autofree char *path = nyc_path ();
  g_autofree char *mapping_path = g_build_filename (TEST_DATA_DIR, "mapping", "nyc-311.json", NULL);
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0 };

  mapping = pathways_mapping_new_from_file (mapping_path, &error);
  g_assert_no_error (error);
  options.cases_path = path;
  options.mapping = mapping;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_month_first (ds);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/nyc311/ambiguous-order", test_ambiguous_order);
  g_test_add_func ("/pathways/nyc311/forced-month-first", test_forced_month_first);
  g_test_add_func ("/pathways/nyc311/mapping-file", test_mapping_file);

  return g_test_run ();
}
