/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import preview on files whose figures are counted by hand: the NYC 311 export
 * (924 requests, every one created on 05/01/2022), the small import fixture, the
 * privacy fixture and a LibreOffice workbook. */
#include "config.h"

#include <glib/gstdio.h>

#include "pathways.h"
#include "pathways-import-preview.h"

static char *
data_path (const char *dir,
           const char *name)
{
  return g_build_filename (TEST_DATA_DIR, dir, name, NULL);
}

static PathwaysImportPreview *
preview_of (const char *path,
            gboolean    all_rows)
{
  PathwaysImportPreviewOptions options = { .cases_path = path, .all_rows = all_rows };
  g_autoptr(GError) error = NULL;
  PathwaysImportPreview *preview = pathways_import_preview_new (&options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preview);
  return preview;
}

static int
column (PathwaysImportPreview *preview,
        const char            *name)
{
  int index = pathways_import_preview_find_column (preview, name);

  g_assert_cmpint (index, >=, 0);
  return index;
}

/* The Nth value of NAME is VALUE, COUNT times, recorded as CANONICAL. */
static void
assert_count (PathwaysImportPreview *preview,
              const char            *name,
              guint                  nth,
              const char            *value,
              guint                  count,
              const char            *canonical)
{
  GPtrArray *counts = pathways_import_preview_get_value_counts (preview, column (preview, name), NULL);
  PathwaysValueCount *vc;

  g_assert_cmpuint (nth, <, counts->len);
  vc = g_ptr_array_index (counts, nth);
  g_assert_cmpstr (vc->value, ==, value);
  g_assert_cmpuint (vc->count, ==, count);
  g_assert_cmpstr (vc->canonical, ==, canonical);
}

static guint
n_values (PathwaysImportPreview *preview,
          const char            *name)
{
  return pathways_import_preview_get_value_counts (preview, column (preview, name), NULL)->len;
}

static void
assert_nyc_counts (PathwaysImportPreview *preview)
{
  gboolean ambiguous = FALSE;

  g_assert_cmpuint (pathways_import_preview_get_n_rows (preview), ==, 924);
  /* "UNKNOWN" is a missing spelling: the import records it as not recorded */
  assert_count (preview, "Open Data Channel Type", 0, "ONLINE", 501, "ONLINE");
  assert_count (preview, "Open Data Channel Type", 1, "MOBILE", 280, "MOBILE");
  assert_count (preview, "Open Data Channel Type", 2, "PHONE", 139, "PHONE");
  assert_count (preview, "Open Data Channel Type", 3, "UNKNOWN", 4, NULL);
  g_assert_cmpuint (n_values (preview, "Open Data Channel Type"), ==, 4);
  assert_count (preview, "Status", 0, "Closed", 480, "Closed");
  assert_count (preview, "Status", 1, "In Progress", 440, "In Progress");
  assert_count (preview, "Status", 2, "Open", 4, "Open");
  /* empty cells are not listed: 444 requests are not closed */
  g_assert_cmpuint (n_values (preview, "Due Date"), ==, 0);

  /* every request was created on 05/01/2022: day and month cannot be told apart */
  g_assert_cmpint (pathways_import_preview_get_date_order (preview, column (preview, "Created Date"), &ambiguous),
                   ==, PATHWAYS_DATE_ORDER_DMY);
  g_assert_true (ambiguous);
  g_assert_cmpint (pathways_import_preview_get_date_order (preview, column (preview, "Closed Date"), &ambiguous),
                   ==, PATHWAYS_DATE_ORDER_DMY);
  g_assert_true (ambiguous);
  /* keys, numbers and names are not dates */
  g_assert_cmpint (pathways_import_preview_get_date_order (preview, column (preview, "Unique Key"), &ambiguous),
                   ==, PATHWAYS_DATE_ORDER_AUTO);
  g_assert_false (ambiguous);
  g_assert_cmpint (pathways_import_preview_get_date_order (preview, column (preview, "Incident Zip"), NULL),
                   ==, PATHWAYS_DATE_ORDER_AUTO);
  g_assert_cmpint (pathways_import_preview_get_date_order (preview, column (preview, "Agency"), NULL),
                   ==, PATHWAYS_DATE_ORDER_AUTO);

  /* the question the assistant asks: the first date, read both ways */
  {
    const char *text = NULL;
    gint32 day_first = 0, month_first = 0;

    g_assert_true (pathways_import_preview_get_date_example (preview, column (preview, "Created Date"),
                                                             &text, &day_first, &month_first));
    g_assert_cmpstr (text, ==, "05/01/2022 12:00:03 AM");
    g_assert_cmpint (day_first, ==, pathways_day_from_ymd (2022, 1, 5));
    g_assert_cmpint (month_first, ==, pathways_day_from_ymd (2022, 5, 1));
    /* Closed Date's first request is still open: its first date is the second row's */
    g_assert_true (pathways_import_preview_get_date_example (preview, column (preview, "Closed Date"),
                                                             &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "05/01/2022 12:07:46 AM");
    g_assert_false (pathways_import_preview_get_date_example (preview, column (preview, "Unique Key"),
                                                              &text, &day_first, &month_first));
    g_assert_false (pathways_import_preview_get_date_example (preview, column (preview, "Due Date"),
                                                              NULL, NULL, NULL));
  }
}

static void
test_nyc_sample (void)
{
  g_autofree char *path = data_path ("nyc-311", "311_Service_Requests_sample.csv");
  g_autoptr(PathwaysImportPreview) preview = preview_of (path, FALSE);
  const char * const *header = pathways_import_preview_get_header (preview);
  g_autoptr(PathwaysMapping) mapping = pathways_import_preview_get_mapping (preview);
  const char *identifying[] = {
    "Incident Address", "Street Name", "Cross Street 1", "Location", "Latitude",
    "Longitude", "X Coordinate (State Plane)", "Incident Zip", "Resolution Description",
  };
  const char *not_identifying[] = {
    "Unique Key", "Status", "Agency", "Open Data Channel Type", "Borough",
  };

  g_assert_cmpuint (pathways_import_preview_get_n_columns (preview), ==, 41);
  g_assert_cmpuint (g_strv_length ((char **) header), ==, 41);
  g_assert_cmpstr (header[0], ==, "Unique Key");
  g_assert_cmpstr (header[1], ==, "Created Date");
  g_assert_cmpstr (header[40], ==, "Location");
  g_assert_null (pathways_import_preview_get_services_header (preview));
  g_assert_nonnull (strstr (pathways_import_preview_get_description (preview), "comma"));

  g_assert_cmpuint (pathways_import_preview_get_n_sample_rows (preview), ==, 20);
  g_assert_cmpuint (pathways_import_preview_get_n_rows (preview), ==, 20);
  g_assert_cmpstr (pathways_import_preview_get_sample (preview, 0, 0), ==, "54049402");
  g_assert_cmpstr (pathways_import_preview_get_sample (preview, 0, 1), ==, "05/01/2022 12:00:03 AM");
  g_assert_cmpstr (pathways_import_preview_get_sample (preview, 0, 2), ==, "");
  g_assert_cmpstr (pathways_import_preview_get_sample (preview, 19, 0), ==, "54052040");
  g_assert_cmpstr (pathways_import_preview_get_sample (preview, 19, 2), ==, "05/01/2022 12:14:11 AM");
  /* counted from the 20 sample rows only */
  g_assert_cmpuint (n_values (preview, "Agency Name"), ==, 2);
  assert_count (preview, "Agency Name", 0, "New York City Police Department", 19,
                "New York City Police Department");
  assert_count (preview, "Agency Name", 1, "Department of Sanitation", 1, "Department of Sanitation");

  for (guint i = 0; i < G_N_ELEMENTS (identifying); i++)
    g_assert_true (pathways_import_preview_looks_identifying (preview, column (preview, identifying[i])));
  for (guint i = 0; i < G_N_ELEMENTS (not_identifying); i++)
    g_assert_false (pathways_import_preview_looks_identifying (preview, column (preview, not_identifying[i])));
  /* the rule as it stands: "05/01/2022 12:00:03 AM" has ten digits after a 0, as a
   * phone number has; dates are kept all the same, being dates */
  g_assert_true (pathways_import_preview_looks_identifying (preview, 1));

  /* what detection reads, and what is proposed: nothing that could identify someone */
  g_assert_cmpint (pathways_import_preview_get_detected_field (preview, 0), ==, PATHWAYS_FIELD_CASE_ID);
  g_assert_cmpint (pathways_import_preview_get_detected_field (preview, 1), ==, PATHWAYS_FIELD_REFERRAL_DATE);
  g_assert_cmpint (pathways_import_preview_get_detected_field (preview, column (preview, "Agency")), ==,
                   PATHWAYS_N_FIELDS);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID), ==, "Unique Key");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, "Created Date");
  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      const char *name = pathways_mapping_get_column (mapping, f);

      if (name != NULL && pathways_field_get_kind (f) != PATHWAYS_KIND_KEY &&
          pathways_field_get_kind (f) != PATHWAYS_KIND_DATE)
        g_assert_false (pathways_import_preview_looks_identifying (preview, column (preview, name)));
    }
}

static void
test_nyc_all_rows (void)
{
  g_autofree char *path = data_path ("nyc-311", "311_Service_Requests_sample.csv");
  g_autoptr(PathwaysImportPreview) preview = preview_of (path, TRUE);

  /* the sample is still the first 20 rows */
  g_assert_cmpuint (pathways_import_preview_get_n_sample_rows (preview), ==, 20);
  assert_nyc_counts (preview);
  assert_count (preview, "Agency", 0, "NYPD", 885, "NYPD");
}

static void
preview_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static PathwaysImportPreview *
run_async (const PathwaysImportPreviewOptions *options,
           GCancellable                       *cancellable,
           GError                            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pathways_import_preview_new_async (options, cancellable, preview_ready, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pathways_import_preview_new_finish (result, error);
}

/* In a thread, with the groupings of a mapping that maps channels */
static void
test_nyc_async (void)
{
  g_autofree char *path = data_path ("nyc-311", "311_Service_Requests_sample.csv");
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  PathwaysImportPreviewOptions options = {
    .cases_path = path, .mapping = mapping, .all_rows = TRUE, .n_sample_rows = 3,
  };
  g_autoptr(PathwaysImportPreview) preview = NULL;
  g_autoptr(PathwaysImportPreview) cancelled = NULL;
  g_autoptr(PathwaysMapping) used = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CASE_ID, "Unique Key");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE, "Created Date");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "open data channel type");
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "phone", "Telephone");
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "Mobile", "Telephone");

  preview = run_async (&options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  /* the mapping given is the one used, as it was */
  used = pathways_import_preview_get_mapping (preview);
  g_assert_true (pathways_mapping_equal (used, mapping));
  g_assert_cmpuint (pathways_import_preview_get_n_sample_rows (preview), ==, 3);
  g_assert_cmpuint (pathways_import_preview_get_n_rows (preview), ==, 924);
  assert_count (preview, "Open Data Channel Type", 0, "ONLINE", 501, "ONLINE");
  assert_count (preview, "Open Data Channel Type", 1, "MOBILE", 280, "Telephone");
  assert_count (preview, "Open Data Channel Type", 2, "PHONE", 139, "Telephone");
  assert_count (preview, "Open Data Channel Type", 3, "UNKNOWN", 4, NULL);

  g_cancellable_cancel (cancellable);
  cancelled = run_async (&options, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

/* Date Referred has 13/01/2023 (day first) and a text that is not a date; Assessment
 * date has only 10/01/2023 and 03/02/2023; Risks holds several values per cell. */
static void
test_import_fixture (void)
{
  g_autofree char *path = data_path ("import", "cases.csv");
  g_autoptr(PathwaysImportPreview) preview = preview_of (path, TRUE);
  gboolean ambiguous = TRUE;

  g_assert_cmpuint (pathways_import_preview_get_n_rows (preview), ==, 9);
  g_assert_cmpuint (pathways_import_preview_get_n_sample_rows (preview), ==, 9);
  /* the short row of C7 reads as empty cells */
  g_assert_cmpstr (pathways_import_preview_get_sample (preview, 7, 11), ==, "");

  g_assert_cmpint (pathways_import_preview_get_date_order (preview, column (preview, "Date Referred"), &ambiguous),
                   ==, PATHWAYS_DATE_ORDER_DMY);
  g_assert_false (ambiguous);
  g_assert_cmpint (pathways_import_preview_get_date_order (preview, column (preview, "Assessment date"), &ambiguous),
                   ==, PATHWAYS_DATE_ORDER_DMY);
  g_assert_true (ambiguous);
  g_assert_cmpint (pathways_import_preview_get_date_order (preview, column (preview, "Age"), NULL),
                   ==, PATHWAYS_DATE_ORDER_AUTO);
  {
    gint32 day_first = 0, month_first = 0;

    /* settled by a part above 12: no question */
    g_assert_false (pathways_import_preview_get_date_example (preview, column (preview, "Date Referred"),
                                                              NULL, NULL, NULL));
    /* 10/01/2023 and 03/02/2023: open; 10 January or 1 October 2023 */
    g_assert_true (pathways_import_preview_get_date_example (preview, column (preview, "Assessment date"),
                                                             NULL, &day_first, &month_first));
    g_assert_cmpint (day_first, ==, pathways_day_from_ymd (2023, 1, 10));
    g_assert_cmpint (month_first, ==, pathways_day_from_ymd (2023, 10, 1));
  }

  /* Police 3, Self 3, then one each, ties by value */
  g_assert_cmpuint (n_values (preview, "Referred by"), ==, 5);
  assert_count (preview, "Referred by", 0, "Police", 3, "Police");
  assert_count (preview, "Referred by", 1, "Self", 3, "Self");
  assert_count (preview, "Referred by", 2, "Essex Police", 1, "Essex Police");
  assert_count (preview, "Referred by", 3, "SARC", 1, "SARC");
  assert_count (preview, "Referred by", 4, "self referral", 1, "self referral");
  assert_count (preview, "Primary incident", 0, "Rape", 6, "Rape");
  assert_count (preview, "Primary incident", 1, "Child sexual abuse", 1, "Child sexual abuse");
  assert_count (preview, "Primary incident", 2, "Not recorded", 1, NULL);

  /* each part of a multi-value cell, trimmed; "None" and "N/A" record nothing */
  g_assert_cmpuint (n_values (preview, "Risks"), ==, 5);
  assert_count (preview, "Risks", 0, "Low risk", 3, "Low risk");
  assert_count (preview, "Risks", 1, "At risk of mental illness", 1, "At risk of mental illness");
  assert_count (preview, "Risks", 2, "N/A", 1, NULL);
  assert_count (preview, "Risks", 3, "None", 1, NULL);
  assert_count (preview, "Risks", 4, "Risk of self harm", 1, "Risk of self harm");
}

static void
test_identifiers (void)
{
  g_autofree char *path = data_path ("privacy", "identifiers.csv");
  g_autoptr(PathwaysImportPreview) preview = preview_of (path, FALSE);
  g_autoptr(PathwaysMapping) mapping = pathways_import_preview_get_mapping (preview);
  const char *identifying[] = {
    "Client name", "Address", "Postcode", "Phone", "Email", "NHS number", "Notes", "Case notes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (identifying); i++)
    g_assert_true (pathways_import_preview_looks_identifying (preview, column (preview, identifying[i])));
  g_assert_false (pathways_import_preview_looks_identifying (preview, column (preview, "Gender")));
  g_assert_false (pathways_import_preview_looks_identifying (preview, column (preview, "Case Ref")));
  g_assert_cmpint (pathways_import_preview_get_detected_field (preview, column (preview, "Case Ref")), ==,
                   PATHWAYS_FIELD_CASE_ID);
  g_assert_cmpint (pathways_import_preview_get_detected_field (preview, column (preview, "Gender")), ==,
                   PATHWAYS_FIELD_GENDER);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_GENDER), ==, "Gender");
}

static void
test_xlsx (void)
{
  g_autofree char *path = data_path ("xlsx", "libreoffice.xlsx");
  g_auto(GStrv) sheets = pathways_xlsx_list_sheets (path, NULL);
  PathwaysImportPreviewOptions options = { .cases_path = path, .all_rows = TRUE };
  g_autoptr(PathwaysImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ambiguous = TRUE;

  g_assert_nonnull (sheets);
  options.cases_sheet = sheets[0];
  preview = pathways_import_preview_new (&options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pathways_import_preview_get_n_columns (preview), ==, 6);
  g_assert_cmpstr (pathways_import_preview_get_header (preview)[2], ==, "Referred");
  g_assert_cmpuint (pathways_import_preview_get_n_rows (preview), ==, 4);
  g_assert_cmpstr (pathways_import_preview_get_sample (preview, 2, 1), ==, "Chloé O'Brien");
  /* written year first: nothing left open */
  g_assert_cmpint (pathways_import_preview_get_date_order (preview, 2, &ambiguous), ==, PATHWAYS_DATE_ORDER_DMY);
  g_assert_false (ambiguous);
  g_assert_false (pathways_import_preview_get_date_example (preview, 2, NULL, NULL, NULL));
  g_assert_true (pathways_import_preview_looks_identifying (preview, 1));
  g_assert_false (pathways_import_preview_looks_identifying (preview, 3));
}

/* A date that reads the same either way (01/01/2023) is no example: the first that
 * reads differently is given; with none, the first. */
static void
test_date_example (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-preview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dates.csv", NULL);
  g_autoptr(PathwaysImportPreview) preview = NULL;
  const char *text = NULL;
  gint32 day_first = 0, month_first = 0;

  g_assert_true (g_file_set_contents (path,
                                      "id,referred,assessed,year first\n"
                                      "1,01/01/2023,02/02/2023,2023-04-05\n"
                                      "2,not known,02/02/2023,2023-04-06\n"
                                      "3,03/04/2023,,2023-04-07\n"
                                      "4,05/06/2023,02/02/2023,\n", -1, NULL));
  preview = preview_of (path, FALSE);
  g_assert_true (pathways_import_preview_get_date_example (preview, 1, &text, &day_first, &month_first));
  g_assert_cmpstr (text, ==, "03/04/2023");
  g_assert_cmpint (day_first, ==, pathways_day_from_ymd (2023, 4, 3));
  g_assert_cmpint (month_first, ==, pathways_day_from_ymd (2023, 3, 4));
  g_assert_true (pathways_import_preview_get_date_example (preview, 2, &text, &day_first, &month_first));
  g_assert_cmpstr (text, ==, "02/02/2023");
  g_assert_cmpint (day_first, ==, month_first);
  g_assert_false (pathways_import_preview_get_date_example (preview, 3, NULL, NULL, NULL));
  g_assert_false (pathways_import_preview_get_date_example (preview, 0, NULL, NULL, NULL));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_errors (void)
{
  g_autofree char *missing = data_path ("nyc-311", "no-such-file.csv");
  g_autofree char *empty = data_path ("bad", "empty.csv");
  PathwaysImportPreviewOptions options = { .cases_path = missing };
  g_autoptr(GError) error = NULL;

  g_assert_null (pathways_import_preview_new (&options, NULL, &error));
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN);
  g_clear_error (&error);

  options.cases_path = empty;
  g_assert_null (pathways_import_preview_new (&options, NULL, &error));
  g_assert_nonnull (error);
}

static void
test_looks_identifying (void)
{
  const char *emails[] = { "a.b@example.org", "c@example.com", "", NULL };
  const char *phones[] = { "07700 900123", "+44 7700 900456", NULL };
  const char *channels[] = { "ONLINE", "PHONE", "ONLINE", "MOBILE", NULL };

  g_assert_true (pathways_column_looks_identifying ("Client surname", NULL));
  g_assert_true (pathways_column_looks_identifying ("E-mail", NULL));
  g_assert_true (pathways_column_looks_identifying ("Contact", emails));
  g_assert_true (pathways_column_looks_identifying ("Contact", phones));
  g_assert_false (pathways_column_looks_identifying ("Open Data Channel Type", channels));
  /* "name" as a word, not inside another */
  g_assert_false (pathways_column_looks_identifying ("Tenancy", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-preview/nyc-sample", test_nyc_sample);
  g_test_add_func ("/import-preview/nyc-all-rows", test_nyc_all_rows);
  g_test_add_func ("/import-preview/nyc-async", test_nyc_async);
  g_test_add_func ("/import-preview/import-fixture", test_import_fixture);
  g_test_add_func ("/import-preview/identifiers", test_identifiers);
  g_test_add_func ("/import-preview/xlsx", test_xlsx);
  g_test_add_func ("/import-preview/date-example", test_date_example);
  g_test_add_func ("/import-preview/errors", test_errors);
  g_test_add_func ("/import-preview/looks-identifying", test_looks_identifying);

  return g_test_run ();
}
