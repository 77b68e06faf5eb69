/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The importer on small files whose every figure is worked out by hand. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pathways.h"

static char *
fixture (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "import", name, NULL);
}

static gint32
ymd (int y, int m, int d)
{
  return pathways_day_from_ymd (y, m, d);
}

static const char *
category (PathwaysDataset *ds,
          PathwaysField    field,
          guint            row)
{
  PathwaysColumn *c = ds->columns[field];
  g_assert_nonnull (c);
  return pathways_dictionary_get (c->dict, c->codes[row]);
}

static guint
finding_row (PathwaysDataset *ds,
             const char      *kind,
             guint            nth)
{
  for (guint i = 0; i < ds->findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (ds->findings, i);
      if (g_str_equal (f->kind, kind) && nth-- == 0)
        return f->row;
    }
  return 0;
}

static PathwaysDataset *
import_two_files (GError **error)
{
  g_autofree char *cases = fixture ("cases.csv");
  g_autofree char *services = fixture ("services.csv");
  PathwaysImportOptions options = { 0 };

  options.cases_path = cases;
  options.services_path = services;
  return pathways_import (&options, NULL, NULL, NULL, error);
}

/* cases.csv has 9 data rows (rows 2-10): row 6 repeats C2 and row 7 has no case ID, so
 * 7 cases are kept: C1 C2 C3 C4 C6 C7 C8, in that order. */
static void
test_two_files_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) ds = import_two_files (&error);
  PathwaysColumn *referral, *closure, *age, *risks, *person;

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (ds->n_cases, ==, 7);
  g_assert_cmpstr (pathways_dataset_get_case_id (ds, 0), ==, "C1");
  g_assert_cmpstr (pathways_dataset_get_case_id (ds, 4), ==, "C6");
  g_assert_cmpstr (pathways_dataset_get_case_id (ds, 6), ==, "C8");
  g_assert_cmpstr (ds->name, ==, "cases.csv");

  /* Date Referred: 13/01/2023 settles day first, so 04/01/2023 is 4 January */
  referral = ds->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  g_assert_cmpint (referral->days[0], ==, ymd (2023, 1, 4));
  g_assert_cmpint (referral->days[2], ==, ymd (2023, 1, 13));
  g_assert_cmpint (referral->days[4], ==, PATHWAYS_DAY_INVALID);   /* "sometime" */
  g_assert_cmpint (referral->days[6], ==, ymd (2023, 1, 9));       /* ISO in a UK column */

  closure = ds->columns[PATHWAYS_FIELD_CLOSURE_DATE];
  g_assert_cmpint (closure->days[0], ==, ymd (2023, 3, 20));
  g_assert_cmpint (closure->days[1], ==, PATHWAYS_DAY_NONE);
  g_assert_cmpint (closure->days[3], ==, PATHWAYS_DAY_INVALID);   /* 31/02/2023 */

  /* closed: C1, C3, C4 (an impossible closure date is still a closure), C8 */
  g_assert_true (pathways_dataset_case_is_closed (ds, 0));
  g_assert_false (pathways_dataset_case_is_closed (ds, 1));
  g_assert_true (pathways_dataset_case_is_closed (ds, 2));
  g_assert_true (pathways_dataset_case_is_closed (ds, 3));
  g_assert_false (pathways_dataset_case_is_closed (ds, 4));
  g_assert_false (pathways_dataset_case_is_closed (ds, 5));
  g_assert_true (pathways_dataset_case_is_closed (ds, 6));

  /* closure classes from the defaults of metrics.md */
  g_assert_cmpint (pathways_dataset_case_closure_class (ds, 0), ==, PATHWAYS_CLOSURE_PLANNED);
  g_assert_cmpint (pathways_dataset_case_closure_class (ds, 2), ==, PATHWAYS_CLOSURE_UNPLANNED);
  g_assert_cmpint (pathways_dataset_case_closure_class (ds, 6), ==, PATHWAYS_CLOSURE_OTHER);
  g_assert_cmpint (pathways_dataset_case_closure_class (ds, 1), ==, PATHWAYS_CLOSURE_NOT_RECORDED);

  /* categories: spellings that fold together are one value ("Self" and "self
   * referral" do not fold together: grouping them is the mapping's job) */
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_REFERRAL_SOURCE, 0), ==, "Essex Police");
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_REFERRAL_SOURCE, 1), ==, "Self");
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_REFERRAL_SOURCE, 2), ==, "self referral");
  g_assert_cmpuint (pathways_dictionary_get_size (ds->columns[PATHWAYS_FIELD_REFERRAL_SOURCE]->dict), ==, 6);
  /* missing spellings become Not recorded (code 0) */
  g_assert_cmpuint (ds->columns[PATHWAYS_FIELD_PRIMARY_INCIDENT]->codes[4], ==, PATHWAYS_CODE_NOT_RECORDED);
  g_assert_cmpuint (ds->columns[PATHWAYS_FIELD_GENDER]->codes[4], ==, PATHWAYS_CODE_NOT_RECORDED);
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_GENDER, 4), ==, "Not recorded");

  /* ages, and bands derived from them */
  age = ds->columns[PATHWAYS_FIELD_AGE];
  g_assert_cmpint (age->ints[0], ==, 34);
  g_assert_cmpint (age->ints[4], ==, PATHWAYS_INT_NONE);  /* "forty" */
  g_assert_cmpint (age->ints[6], ==, PATHWAYS_INT_NONE);  /* empty */
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_AGE_BAND, 0), ==, "25–34");
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_AGE_BAND, 1), ==, "18–24");
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_AGE_BAND, 2), ==, "45–54");
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_AGE_BAND, 3), ==, "35–44");
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_AGE_BAND, 4), ==, "Not recorded");

  /* person IDs: C1 and C4 belong to P1 */
  person = ds->columns[PATHWAYS_FIELD_PERSON_ID];
  g_assert_cmpuint (person->keys[0], ==, person->keys[3]);
  g_assert_cmpuint (person->keys[0], !=, person->keys[1]);

  /* multi-category: separators ; and |, None is an explicit empty list, N/A missing */
  risks = ds->columns[PATHWAYS_FIELD_RISKS];
  g_assert_cmpuint (risks->multi_state[0], ==, PATHWAYS_MULTI_VALUES);
  g_assert_cmpuint (risks->multi_offsets[1] - risks->multi_offsets[0], ==, 2);
  g_assert_cmpuint (risks->multi_state[1], ==, PATHWAYS_MULTI_NONE);
  g_assert_cmpuint (risks->multi_state[2], ==, PATHWAYS_MULTI_NOT_RECORDED);
  g_assert_cmpuint (risks->multi_state[4], ==, PATHWAYS_MULTI_VALUES);
  g_assert_cmpuint (risks->multi_offsets[5] - risks->multi_offsets[4], ==, 2);
  g_assert_cmpuint (risks->multi_state[5], ==, PATHWAYS_MULTI_NOT_RECORDED);
  g_assert_cmpuint (risks->multi_state[6], ==, PATHWAYS_MULTI_NOT_RECORDED);
  /* "Low risk" is one value wherever it appears */
  g_assert_cmpuint (risks->multi_codes[risks->multi_offsets[3]], ==,
                    (guint) pathways_dictionary_lookup (risks->dict, "Low risk"));
  g_assert_cmpuint (pathways_dictionary_get_size (risks->dict), ==, 4);

  /* the snapshot is the latest date in the data: C1's closure on 20 March 2023 */
  g_assert_cmpint (ds->snapshot_day, ==, ymd (2023, 3, 20));
  g_assert_true (ds->snapshot_from_data);

  /* sources with their SHA-256 */
  g_assert_cmpuint (ds->sources->len, ==, 2);
  {
    PathwaysSource *s = g_ptr_array_index (ds->sources, 0);
    g_assert_cmpstr (s->name, ==, "cases.csv");
    g_assert_cmpstr (s->role, ==, "cases");
    g_assert_cmpuint (strlen (s->sha256), ==, 64);
  }
}

/* services.csv: S3 points to C99 (orphan); S1, S2 (C1), S4 (C4), S5 (C3) are kept and
 * sorted by case: C1 (index 0): S1 S2; C3 (index 2): S5; C4 (index 3): S4. */
static void
test_two_files_services (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) ds = import_two_files (&error);
  const guint32 expected_start[] = { 0, 2, 2, 3, 4, 4, 4, 4 };
  PathwaysColumn *id, *type, *start;

  g_assert_no_error (error);
  g_assert_true (ds->has_services);
  g_assert_cmpuint (ds->n_services, ==, 4);
  for (guint i = 0; i <= ds->n_cases; i++)
    g_assert_cmpuint (ds->case_service_start[i], ==, expected_start[i]);
  g_assert_cmpuint (ds->service_case[2], ==, 2);
  g_assert_cmpuint (ds->service_case[3], ==, 3);

  id = ds->columns[PATHWAYS_FIELD_SERVICE_ID];
  g_assert_cmpstr (g_ptr_array_index (id->key_strings, id->keys[0]), ==, "S1");
  g_assert_cmpstr (g_ptr_array_index (id->key_strings, id->keys[2]), ==, "S5");
  g_assert_cmpstr (g_ptr_array_index (id->key_strings, id->keys[3]), ==, "S4");

  type = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  g_assert_cmpstr (pathways_dictionary_get (type->dict, type->codes[1]), ==, "ISVA");
  start = ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
  g_assert_cmpint (start->days[2], ==, ymd (2023, 1, 20));
  g_assert_null (ds->columns[PATHWAYS_FIELD_SERVICE_CASE_ID]);  /* the link is service_case */

  g_assert_cmpint (pathways_dataset_service_closure_class (ds, 0), ==, PATHWAYS_CLOSURE_PLANNED);
  g_assert_cmpint (pathways_dataset_service_closure_class (ds, 2), ==, PATHWAYS_CLOSURE_UNPLANNED);
}

static void
test_two_files_findings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) ds = import_two_files (&error);

  g_assert_no_error (error);

  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DUPLICATE_CASE_ID), ==, 1);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_DUPLICATE_CASE_ID, 0), ==, 6);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_MISSING_CASE_ID), ==, 1);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_MISSING_CASE_ID, 0), ==, 7);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD), ==, 1);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD, 0), ==, 8);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD), ==, 1);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_RAGGED_ROW), ==, 1);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_RAGGED_ROW, 0), ==, 9);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_IMPOSSIBLE_DATE), ==, 1);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_IMPOSSIBLE_DATE, 0), ==, 5);
  /* C3 closed before its referral (row 4); S4 started before it was requested (row 5
   * of services.csv); S5 ended before it started (row 6) */
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_NEGATIVE_DURATION), ==, 3);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_NEGATIVE_DURATION, 0), ==, 4);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_ORPHAN_SERVICE), ==, 1);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_ORPHAN_SERVICE, 0), ==, 4);
  /* only the Assessment date column (10/01/2023, 03/02/2023) is ambiguous */
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DATE_ORDER_ASSUMED), ==, 1);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_DATE_OUT_OF_RANGE), ==, 0);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_INCONSISTENT_CASE), ==, 0);

  /* messages name the file, the row and the column */
  for (guint i = 0; i < ds->findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (ds->findings, i);
      if (g_str_equal (f->kind, PATHWAYS_FINDING_IMPOSSIBLE_DATE))
        {
          g_assert_cmpstr (f->message, ==, "cases.csv: row 5, column “Closure date”: “31/02/2023” is not a real date");
          g_assert_cmpstr (f->column, ==, "Closure date");
        }
    }
}

/* long.csv: one row per service. A1 has two services, A2 none, A3 two with a
 * primary incident that disagrees between its rows (row 6). */
static void
test_long_file (void)
{
  g_autofree char *path = fixture ("long.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) ds = NULL;
  PathwaysImportOptions options = { 0 };
  const guint32 expected_start[] = { 0, 2, 2, 4 };

  options.cases_path = path;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (ds->n_cases, ==, 3);
  g_assert_cmpuint (ds->n_services, ==, 4);
  g_assert_true (ds->has_services);
  for (guint i = 0; i <= ds->n_cases; i++)
    g_assert_cmpuint (ds->case_service_start[i], ==, expected_start[i]);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_INCONSISTENT_CASE), ==, 1);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_INCONSISTENT_CASE, 0), ==, 6);
  /* the first value wins */
  g_assert_cmpstr (category (ds, PATHWAYS_FIELD_PRIMARY_INCIDENT, 2), ==, "Rape");
  g_assert_cmpint (ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE]->days[1], ==, ymd (2022, 3, 15));
  g_assert_cmpint (ds->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[1], ==, ymd (2022, 3, 15));
  g_assert_cmpuint (ds->sources->len, ==, 1);
}

static void
test_forced_order_and_snapshot (void)
{
  g_autofree char *path = fixture ("long.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) ds = NULL;
  PathwaysImportOptions options = { 0 };

  /* Read month first, 15/03/2022 is impossible; the snapshot is what the user says. */
  options.cases_path = path;
  options.date_order = PATHWAYS_DATE_ORDER_MDY;
  options.snapshot_day = ymd (2022, 12, 31);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ds->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[0], ==, ymd (2022, 1, 3));
  g_assert_cmpint (ds->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[1], ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (ds->snapshot_day, ==, ymd (2022, 12, 31));
  g_assert_false (ds->snapshot_from_data);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_IMPOSSIBLE_DATE), >, 0);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autofree char *path = fixture ("cases.csv");
  g_autofree char *missing = fixture ("no-such-file.csv");
  g_autofree char *dir = g_dir_make_tmp ("pathways-import-XXXXXX", NULL);
  g_autofree char *header_only = g_build_filename (dir, "header-only.csv", NULL);
  PathwaysImportOptions options = { 0 };
  PathwaysDataset *ds;

  /* a mapping naming a column the file lacks */
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CASE_ID, "Case Ref");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE, "Referral");
  options.cases_path = path;
  options.mapping = mapping;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NO_COLUMN);
  g_assert_nonnull (strstr (error->message, "Referral"));
  g_clear_error (&error);

  /* no referral date mapped */
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE, NULL);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NOT_MAPPED);
  g_clear_error (&error);

  /* a file that is not there */
  options.cases_path = missing;
  options.mapping = NULL;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "no-such-file.csv"));
  g_clear_error (&error);

  /* a header and no rows */
  g_assert_true (g_file_set_contents (header_only, "case_id,referral_date\n", -1, NULL));
  options.cases_path = header_only;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NO_CASES);
  g_clear_error (&error);
  g_remove (header_only);
  g_rmdir (dir);
}

static void
test_cancel (void)
{
  g_autofree char *path = fixture ("cases.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-import-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("case_id,referral_date\n");
  PathwaysImportOptions options = { 0 };
  PathwaysDataset *ds;

  /* cancellation is checked every 16,384 rows */
  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (text, "C%u,2023-01-01\n", i);
  g_assert_true (g_file_set_contents (big, text->str, text->len, NULL));

  g_cancellable_cancel (cancellable);
  options.cases_path = big;
  ds = pathways_import (&options, cancellable, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED);
  g_remove (big);
  g_rmdir (dir);
  (void) path;
}

/* Writes TEXT as NAME in DIR and returns the path. */
static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
remove_files (const char *dir,
              const char *a,
              const char *b)
{
  g_remove (a);
  g_remove (b);
  g_rmdir (dir);
}

/* Waits over ten years are findings, kept in the data: C1 still waits for a first
 * contact 8,008 days after its referral at the snapshot (1 June 2001 to 5 May 2023),
 * C2 was first contacted 4,022 days after its referral (1 January 2010 to 5 January
 * 2021). C3 waits 489 days, C4 is closed without a contact, C5 waited a month. */
static void
test_implausible_waits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-import-XXXXXX", NULL);
  g_autofree char *cases = write_file (dir, "c.csv",
                                       "case_id,referral_date,first_contact_date,closure_date\n"
                                       "C1,2001-06-01,,\n"                       /* row 2 */
                                       "C2,2010-01-01,2021-01-05,\n"             /* row 3 */
                                       "C3,2022-01-01,,\n"
                                       "C4,2005-01-01,,2006-01-01\n"
                                       "C5,2012-01-01,2012-02-01,\n");
  PathwaysImportOptions options = { 0 };
  g_autoptr(PathwaysDataset) ds = NULL;
  const PathwaysFinding *f;

  options.cases_path = cases;
  options.snapshot_day = ymd (2023, 5, 5);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_cases, ==, 5);

  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_IMPLAUSIBLE_WAIT), ==, 2);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_IMPLAUSIBLE_WAIT, 0), ==, 2);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_IMPLAUSIBLE_WAIT, 1), ==, 3);
  for (guint i = 0; i < ds->findings->len; i++)
    {
      f = g_ptr_array_index (ds->findings, i);
      if (!g_str_equal (f->kind, PATHWAYS_FINDING_IMPLAUSIBLE_WAIT))
        continue;
      g_assert_cmpint (f->severity, ==, PATHWAYS_SEVERITY_WARNING);
      if (f->row == 2)
        {
          g_assert_cmpstr (f->column, ==, "referral_date");
          g_assert_cmpstr (f->value, ==, "2001-06-01");
          g_assert_nonnull (strstr (f->message, "8,008 days"));
        }
      else
        {
          g_assert_cmpstr (f->column, ==, "first_contact_date");
          g_assert_cmpstr (f->value, ==, "2021-01-05");
          g_assert_nonnull (strstr (f->message, "4,022 days"));
        }
    }
  /* kept: the wait still counts */
  g_assert_cmpint (ds->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE]->days[1], ==, ymd (2021, 1, 5));
  g_assert_cmpstr (pathways_finding_kind_get_label (PATHWAYS_FINDING_IMPLAUSIBLE_WAIT), ==,
                   "Waits of more than ten years");

  g_remove (cases);
  g_rmdir (dir);
}

/* The service file is read on a second thread and linked to the cases afterwards; the
 * result must be what reading it row after row gives. Services of a case that does not
 * exist (C9) are left out with the findings of their cells, and a spelling seen first
 * in such a row ("therapy") or only there ("Helpline") is not in the dictionary. */
static void
test_services_thread_orphans (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-import-XXXXXX", NULL);
  g_autofree char *cases = write_file (dir, "c.csv",
                                       "case_id,referral_date\n"
                                       "C1,2023-01-02\n"
                                       "C2,2023-01-03\n");
  g_autofree char *services = write_file (dir, "s.csv",
                                          "service_id,case_id,service_type,service_start_date,service_end_date\n"
                                          "S1,C9,therapy,bad-date,2023-01-05\n"         /* row 2 */
                                          "S2,C1,Therapy,2023-01-04,2023-01-05\n"       /* row 3 */
                                          "S3,,Advocacy,2023-01-04,\n"                  /* row 4 */
                                          "S4,C2,THERAPY,nonsense,2023-01-06,extra\n"   /* row 5 */
                                          "S5,C9,Helpline,x,\n"                         /* row 6 */
                                          "S6,C2,Advocacy,2023-01-07,2023-01-08\n");    /* row 7 */
  static const struct { const char *kind; guint row; } expected[] = {
    { PATHWAYS_FINDING_ORPHAN_SERVICE, 2 },
    { PATHWAYS_FINDING_ORPHAN_SERVICE, 4 },
    { PATHWAYS_FINDING_RAGGED_ROW, 5 },
    { PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD, 5 },
    { PATHWAYS_FINDING_ORPHAN_SERVICE, 6 },
  };
  PathwaysImportOptions options = { 0 };
  g_autoptr(PathwaysDataset) ds = NULL;
  PathwaysColumn *id, *type, *start;

  options.cases_path = cases;
  options.services_path = services;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (ds->n_cases, ==, 2);
  g_assert_cmpuint (ds->n_services, ==, 3);
  /* S2 belongs to C1 (index 0), S4 and S6 to C2 (index 1) */
  g_assert_cmpuint (ds->service_case[0], ==, 0);
  g_assert_cmpuint (ds->service_case[1], ==, 1);
  g_assert_cmpuint (ds->service_case[2], ==, 1);

  /* the service IDs of the rows kept, and no other */
  id = ds->columns[PATHWAYS_FIELD_SERVICE_ID];
  g_assert_cmpuint (id->key_strings->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (id->key_strings, id->keys[0]), ==, "S2");
  g_assert_cmpstr (g_ptr_array_index (id->key_strings, id->keys[1]), ==, "S4");
  g_assert_cmpstr (g_ptr_array_index (id->key_strings, id->keys[2]), ==, "S6");

  type = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  g_assert_cmpstr (pathways_dictionary_get (type->dict, type->codes[0]), ==, "Therapy");
  g_assert_cmpuint (type->codes[1], ==, type->codes[0]);
  g_assert_cmpstr (pathways_dictionary_get (type->dict, type->codes[2]), ==, "Advocacy");
  g_assert_cmpint (pathways_dictionary_lookup (type->dict, "therapy"), <, 0);
  g_assert_cmpint (pathways_dictionary_lookup (type->dict, "Helpline"), <, 0);

  start = ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE];
  g_assert_cmpint (start->days[0], ==, ymd (2023, 1, 4));
  g_assert_cmpint (start->days[1], ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (start->days[2], ==, ymd (2023, 1, 7));

  /* findings in the order of the file, the left-out rows' cells not among them */
  g_assert_cmpuint (ds->findings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PathwaysFinding *f = g_ptr_array_index (ds->findings, i);

      g_assert_cmpstr (f->kind, ==, expected[i].kind);
      g_assert_cmpuint (f->row, ==, expected[i].row);
      g_assert_cmpstr (f->file, ==, "s.csv");
    }
  g_assert_cmpstr (((PathwaysFinding *) g_ptr_array_index (ds->findings, 0))->message, ==,
                   "s.csv: row 2, column “case_id”: “C9” matches no case; the service is left out");
  g_assert_cmpstr (((PathwaysFinding *) g_ptr_array_index (ds->findings, 3))->message, ==,
                   "s.csv: row 5, column “service_start_date”: “nonsense” is not a date");

  remove_files (dir, cases, services);
}

/* A service column with more distinct raw spellings (70,000) than the thread can
 * number in a column: the file is read again the plain way, with the same result.
 * All of them are "therapy" with other capitals and spaces around, so they make one
 * category, spelled as its first row spells it. */
static void
test_services_thread_many_spellings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-import-XXXXXX", NULL);
  g_autofree char *cases = write_file (dir, "c.csv", "case_id,referral_date\nC1,2023-01-02\n");
  g_autofree char *services = NULL;
  g_autoptr(GString) text = g_string_new ("service_id,case_id,service_type,service_start_date\n");
  PathwaysImportOptions options = { 0 };
  g_autoptr(PathwaysDataset) ds = NULL;
  PathwaysColumn *type;
  const guint n = 70000;

  for (guint i = 0; i < n; i++)
    {
      const char *word = "therapy";

      g_string_append_printf (text, "S%u,C1,", i);
      for (guint k = 0; k < i % 40; k++)
        g_string_append_c (text, ' ');
      for (guint k = 0; k < 7; k++)
        g_string_append_c (text, ((i / 40) >> k) & 1 ? g_ascii_toupper (word[k]) : word[k]);
      for (guint k = 0; k < i / (40 * 128); k++)
        g_string_append_c (text, ' ');
      g_string_append (text, ",2023-01-04\n");
      if (i == 1)
        g_string_append (text, "X1,C9,Outreach,2023-01-04\n");   /* row 4, left out */
    }
  services = write_file (dir, "s.csv", text->str);

  options.cases_path = cases;
  options.services_path = services;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (ds->n_services, ==, n);
  type = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  for (guint j = 0; j < n; j++)
    g_assert_cmpuint (type->codes[j], ==, type->codes[0]);
  g_assert_cmpstr (pathways_dictionary_get (type->dict, type->codes[0]), ==, "therapy");
  g_assert_cmpint (pathways_dictionary_lookup (type->dict, "Outreach"), <, 0);
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_ORPHAN_SERVICE), ==, 1);
  g_assert_cmpuint (finding_row (ds, PATHWAYS_FINDING_ORPHAN_SERVICE, 0), ==, 4);

  remove_files (dir, cases, services);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

/* Progress goes up only, to 1, while both files are read; cancelling stops both. */
static void
test_services_thread_progress_and_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-import-XXXXXX", NULL);
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autoptr(GString) c = g_string_new ("case_id,referral_date\n");
  g_autoptr(GString) s = g_string_new ("service_id,case_id,service_type\n");
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PathwaysImportOptions options = { 0 };
  PathwaysDataset *ds;

  for (guint i = 0; i < 40000; i++)
    {
      g_string_append_printf (c, "C%u,2023-01-01\n", i);
      g_string_append_printf (s, "S%u,C%u,Therapy\n", i, i);
    }
  cases = write_file (dir, "c.csv", c->str);
  services = write_file (dir, "s.csv", s->str);
  options.cases_path = cases;
  options.services_path = services;

  ds = pathways_import (&options, NULL, record_progress, seen, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_services, ==, 40000);
  g_assert_cmpuint (ds->service_case[39999], ==, 39999);
  pathways_dataset_unref (ds);
  /* 40,000 rows: reported at rows 16,384 and 32,768, then at the end */
  g_assert_cmpuint (seen->len, >=, 3);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, 0), >, 0.0);
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);

  g_cancellable_cancel (cancellable);
  ds = pathways_import (&options, cancellable, NULL, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED);

  remove_files (dir, cases, services);
}

/* ---- pathways_import_async () ---------------------------------------------------- */

typedef struct {
  GThread         *thread;              /* the test's: progress and the callback come here */
  GArray          *progress;            /* fractions seen */
  GCancellable    *cancel_on_progress;  /* cancelled at the first fraction */
  PathwaysDataset *dataset;
  GError          *error;
  gboolean         done;
  guint            progress_after_done;
} AsyncRun;

static void
async_run_clear (AsyncRun *run)
{
  g_clear_pointer (&run->progress, g_array_unref);
  g_clear_pointer (&run->dataset, pathways_dataset_unref);
  g_clear_error (&run->error);
  *run = (AsyncRun) { 0 };
}

static void
async_progress (double   fraction,
                gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->thread);
  if (run->done)
    run->progress_after_done++;
  g_array_append_val (run->progress, fraction);
  if (run->cancel_on_progress != NULL)
    g_cancellable_cancel (run->cancel_on_progress);
}

static void
async_done (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  g_assert_null (source_object);
  g_assert_true (g_thread_self () == run->thread);
  g_assert_false (run->done);
  run->dataset = pathways_import_finish (result, &run->error);
  run->done = TRUE;
}

/* Starts the import; SCRIBBLE, when not NULL, is called at once after that (to change
 * what the options point to); then the main context runs until the callback, and on
 * until nothing is left in it. */
static void
run_async (const PathwaysImportOptions *options,
           GCancellable                *cancellable,
           gboolean                     with_progress,
           void                       (*scribble) (const PathwaysImportOptions *options),
           AsyncRun                    *run)
{
  run->thread = g_thread_self ();
  run->progress = g_array_new (FALSE, FALSE, sizeof (double));
  pathways_import_async (options, cancellable, with_progress ? async_progress : NULL, run,
                         async_done, run);
  if (scribble != NULL)
    scribble (options);
  g_assert_false (run->done);   /* never from within the call */
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (run->progress_after_done, ==, 0);
}

/* The caller's strings and mapping may change once the call has returned. */
static void
scribble_options (const PathwaysImportOptions *options)
{
  memset ((char *) options->cases_path, 'x', strlen (options->cases_path));
  memset ((char *) options->services_path, 'x', strlen (options->services_path));
  pathways_mapping_set_column (options->mapping, PATHWAYS_FIELD_CASE_ID, "No such column");
}

static void
assert_same_import (PathwaysDataset *a,
                    PathwaysDataset *b)
{
  g_assert_cmpuint (a->n_cases, ==, b->n_cases);
  g_assert_cmpuint (a->n_services, ==, b->n_services);
  g_assert_cmpint (a->snapshot_day, ==, b->snapshot_day);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_true (pathways_mapping_equal (a->mapping, b->mapping));
  for (guint i = 0; i < a->n_cases; i++)
    g_assert_cmpstr (pathways_dataset_get_case_id (a, i), ==, pathways_dataset_get_case_id (b, i));
  g_assert_cmpuint (a->findings->len, ==, b->findings->len);
  for (guint i = 0; i < a->findings->len; i++)
    g_assert_cmpstr (((PathwaysFinding *) g_ptr_array_index (a->findings, i))->message, ==,
                     ((PathwaysFinding *) g_ptr_array_index (b->findings, i))->message);
  g_assert_cmpuint (a->sources->len, ==, b->sources->len);
  for (guint i = 0; i < a->sources->len; i++)
    g_assert_cmpstr (((PathwaysSource *) g_ptr_array_index (a->sources, i))->sha256, ==,
                     ((PathwaysSource *) g_ptr_array_index (b->sources, i))->sha256);
}

/* The async import gives what the sync one gives, with progress and the callback in
 * the caller's context, and copies what the options point to. */
static void
test_async_two_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) sync = import_two_files (&error);
  g_autofree char *cases = fixture ("cases.csv");
  g_autofree char *services = fixture ("services.csv");
  PathwaysImportOptions options = { 0 };
  g_autoptr(PathwaysMapping) mapping = NULL;
  AsyncRun run = { 0 };
  AsyncRun quiet = { 0 };

  g_assert_no_error (error);
  options.cases_path = cases;
  options.services_path = services;
  mapping = pathways_import_detect_mapping (&options, &error);
  g_assert_no_error (error);
  options.mapping = mapping;

  run_async (&options, NULL, TRUE, scribble_options, &run);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.dataset);
  assert_same_import (run.dataset, sync);
  g_assert_cmpuint (run.progress->len, >=, 1);
  for (guint i = 1; i < run.progress->len; i++)
    g_assert_cmpfloat (g_array_index (run.progress, double, i), >=,
                       g_array_index (run.progress, double, i - 1));
  g_assert_cmpfloat (g_array_index (run.progress, double, run.progress->len - 1), ==, 1.0);
  async_run_clear (&run);

  /* Without a progress callback */
  g_free (cases);
  g_free (services);
  cases = fixture ("cases.csv");
  services = fixture ("services.csv");
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = NULL;
  run_async (&options, NULL, FALSE, NULL, &quiet);
  g_assert_no_error (quiet.error);
  assert_same_import (quiet.dataset, sync);
  g_assert_cmpuint (quiet.progress->len, ==, 0);
  async_run_clear (&quiet);

  /* An error comes as from the sync call */
  options.cases_path = "/nonexistent/cases.csv";
  options.services_path = NULL;
  run_async (&options, NULL, TRUE, NULL, &quiet);
  g_assert_null (quiet.dataset);
  g_assert_error (quiet.error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN);
  async_run_clear (&quiet);
}

/* Cancelled before it starts or while it reads, the async import ends with the sync
 * call's error, and no progress comes after the callback. */
static void
test_async_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-import-XXXXXX", NULL);
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autoptr(GString) c = g_string_new ("case_id,referral_date\n");
  g_autoptr(GString) s = g_string_new ("service_id,case_id,service_type\n");
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  PathwaysImportOptions options = { 0 };
  AsyncRun run = { 0 };

  /* enough rows that the import checks the cancellable many times after the first
   * progress report (every 16,384 rows) */
  for (guint i = 0; i < 300000; i++)
    {
      g_string_append_printf (c, "C%u,2023-01-01\n", i);
      if (i % 10 == 0)
        g_string_append_printf (s, "S%u,C%u,Therapy\n", i, i);
    }
  cases = write_file (dir, "c.csv", c->str);
  services = write_file (dir, "s.csv", s->str);
  options.cases_path = cases;
  options.services_path = services;

  g_cancellable_cancel (before);
  run_async (&options, before, TRUE, NULL, &run);
  g_assert_null (run.dataset);
  g_assert_error (run.error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED);
  g_assert_cmpuint (run.progress->len, ==, 0);
  async_run_clear (&run);

  run.cancel_on_progress = during;
  run_async (&options, during, TRUE, NULL, &run);
  g_assert_null (run.dataset);
  g_assert_error (run.error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED);
  g_assert_cmpuint (run.progress->len, >=, 1);
  async_run_clear (&run);

  remove_files (dir, cases, services);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/import/two-files/cases", test_two_files_cases);
  g_test_add_func ("/pathways/import/two-files/services", test_two_files_services);
  g_test_add_func ("/pathways/import/two-files/findings", test_two_files_findings);
  g_test_add_func ("/pathways/import/implausible-waits", test_implausible_waits);
  g_test_add_func ("/pathways/import/long-file", test_long_file);
  g_test_add_func ("/pathways/import/forced-order-and-snapshot", test_forced_order_and_snapshot);
  g_test_add_func ("/pathways/import/errors", test_errors);
  g_test_add_func ("/pathways/import/cancel", test_cancel);
  g_test_add_func ("/pathways/import/services-thread/orphans", test_services_thread_orphans);
  g_test_add_func ("/pathways/import/services-thread/many-spellings", test_services_thread_many_spellings);
  g_test_add_func ("/pathways/import/services-thread/progress-and-cancel",
                   test_services_thread_progress_and_cancel);
  g_test_add_func ("/pathways/import/async/two-files", test_async_two_files);
  g_test_add_func ("/pathways/import/async/cancel", test_async_cancel);

  return g_test_run ();
}
