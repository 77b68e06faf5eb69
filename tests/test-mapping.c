/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-mapping"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pathways-mapping.h"

static const char * const dpms_header[] = {
  "organisationid", "clientcaseid", "personid", "clientid", "startdate", "enddate",
  "newreturner", "role", "gender", "ageband", "primaryincident", "referralsource1",
  "referralsource2", "timeelapsedbeforesupport", "ethnicity1", "disabilities",
  "sexuality", "religion", "accommodation", "employmentstatus", "risks", "issues",
  "incidentimpact", "firstcontactdate", "assessmentdate", "closurereason", "serviceid",
  "servicetype", "servicename", "waitinglistdate", "servicestartdate", "serviceenddate",
  "serviceclosurereason",
};

static const char * const sample_case_header[] = {
  "case_id", "person_id", "referral_date", "first_contact_date", "assessment_date",
  "closure_date", "closure_reason", "referral_source", "referral_source_detail",
  "primary_incident", "new_or_returning", "client_role", "gender", "age_band",
  "ethnicity", "disability", "sexuality", "religion", "accommodation", "employment",
  "time_before_support", "risks", "issues", "impacts", "area",
};

static const char * const sample_service_header[] = {
  "service_id", "case_id", "service_type", "service_detail", "service_referral_date",
  "service_start_date", "service_end_date", "service_closure_reason",
};

/* The header of datasets/nyc-311/311_Service_Requests_sample.csv */
static const char nyc_header_line[] =
  "Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,"
  "Location Type,Incident Zip,Incident Address,Street Name,Cross Street 1,"
  "Cross Street 2,Intersection Street 1,Intersection Street 2,Address Type,City,"
  "Landmark,Facility Type,Status,Due Date,Resolution Description,"
  "Resolution Action Updated Date,Community Board,BBL,Borough,"
  "X Coordinate (State Plane),Y Coordinate (State Plane),Open Data Channel Type,"
  "Park Facility Name,Park Borough,Vehicle Type,Taxi Company Borough,"
  "Taxi Pick Up Location,Bridge Highway Name,Bridge Highway Direction,Road Ramp,"
  "Bridge Highway Segment,Latitude,Longitude,Location";

static guint
n_mapped (PathwaysMapping   *mapping,
          PathwaysTableKind  table)
{
  guint n = 0;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (pathways_field_get_table (f) == table
        && pathways_mapping_get_column (mapping, f) != NULL)
      n++;
  return n;
}

static void
assert_fold (const char *in,
             const char *expected)
{
  g_autofree char *folded = pathways_fold (in);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_fold (void)
{
  assert_fold ("SELF  REFERRAL", "self referral");
  assert_fold ("Self-referral", "self referral");
  assert_fold ("self_referral", "self referral");
  assert_fold ("Self referral", "self referral");
  assert_fold ("  Self - referral\t", "self referral");
  assert_fold ("\n Police \r\n", "police");
  assert_fold ("N/A", "n/a");
  assert_fold ("DNE W/L", "dne w/l");
  assert_fold ("", "");
  assert_fold (" -_ ", "");
  assert_fold ("ÉTÉ Straße", "été strasse");
  /* An en dash folds like a hyphen, so typed and pasted age bands agree. */
  assert_fold ("18–24", "18 24");
  assert_fold ("18-24", "18 24");
}

static void
test_detect_dpms (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autoptr(PathwaysMapping) preset = NULL;
  guint n;
  static const struct { PathwaysField field; const char *column; } expected[] = {
    { PATHWAYS_FIELD_CASE_ID, "clientcaseid" },
    { PATHWAYS_FIELD_PERSON_ID, "personid" },
    { PATHWAYS_FIELD_REFERRAL_DATE, "startdate" },
    { PATHWAYS_FIELD_FIRST_CONTACT_DATE, "firstcontactdate" },
    { PATHWAYS_FIELD_ASSESSMENT_DATE, "assessmentdate" },
    { PATHWAYS_FIELD_CLOSURE_DATE, "enddate" },
    { PATHWAYS_FIELD_CLOSURE_REASON, "closurereason" },
    { PATHWAYS_FIELD_REFERRAL_SOURCE, "referralsource1" },
    { PATHWAYS_FIELD_REFERRAL_SOURCE_DETAIL, "referralsource2" },
    { PATHWAYS_FIELD_PRIMARY_INCIDENT, "primaryincident" },
    { PATHWAYS_FIELD_NEW_OR_RETURNING, "newreturner" },
    { PATHWAYS_FIELD_CLIENT_ROLE, "role" },
    { PATHWAYS_FIELD_GENDER, "gender" },
    { PATHWAYS_FIELD_ETHNICITY, "ethnicity1" },
    { PATHWAYS_FIELD_DISABILITY, "disabilities" },
    { PATHWAYS_FIELD_SEXUALITY, "sexuality" },
    { PATHWAYS_FIELD_RELIGION, "religion" },
    { PATHWAYS_FIELD_ACCOMMODATION, "accommodation" },
    { PATHWAYS_FIELD_EMPLOYMENT, "employmentstatus" },
    { PATHWAYS_FIELD_AGE, NULL },
    { PATHWAYS_FIELD_DATE_OF_BIRTH, NULL },
    { PATHWAYS_FIELD_AGE_BAND, "ageband" },
    { PATHWAYS_FIELD_TIME_BEFORE_SUPPORT, "timeelapsedbeforesupport" },
    { PATHWAYS_FIELD_RISKS, "risks" },
    { PATHWAYS_FIELD_ISSUES, "issues" },
    { PATHWAYS_FIELD_IMPACTS, "incidentimpact" },
    /* version 2: the DPMS export has no area, no ethnic group and no user field */
    { PATHWAYS_FIELD_AREA, NULL },
    { PATHWAYS_FIELD_ETHNICITY_GROUP, NULL },
    { PATHWAYS_FIELD_USER_1, NULL },
    { PATHWAYS_FIELD_USER_2, NULL },
    { PATHWAYS_FIELD_USER_3, NULL },
    { PATHWAYS_FIELD_USER_4, NULL },
    { PATHWAYS_FIELD_SERVICE_CASE_ID, "clientcaseid" },
    { PATHWAYS_FIELD_SERVICE_ID, "serviceid" },
    { PATHWAYS_FIELD_SERVICE_TYPE, "servicetype" },
    { PATHWAYS_FIELD_SERVICE_DETAIL, "servicename" },
    { PATHWAYS_FIELD_SERVICE_REFERRAL_DATE, "waitinglistdate" },
    { PATHWAYS_FIELD_SERVICE_START_DATE, "servicestartdate" },
    { PATHWAYS_FIELD_SERVICE_END_DATE, "serviceenddate" },
    { PATHWAYS_FIELD_SERVICE_CLOSURE_REASON, "serviceclosurereason" },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == PATHWAYS_N_FIELDS);

  /* A long file: cases, then services, on the same header. */
  n = pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES, dpms_header,
                                       G_N_ELEMENTS (dpms_header));
  g_assert_cmpuint (n, ==, 24);
  n = pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_SERVICES, dpms_header,
                                       G_N_ELEMENTS (dpms_header));
  g_assert_cmpuint (n, ==, 8);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpuint (expected[i].field, ==, i);
      g_assert_cmpstr (pathways_mapping_get_column (mapping, i), ==, expected[i].column);
    }

  /* Detection proposes the same columns as the preset. */
  preset = pathways_mapping_new_preset ("dpms", NULL);
  g_assert_nonnull (preset);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_assert_cmpstr (pathways_mapping_get_column (preset, f), ==,
                     pathways_mapping_get_column (mapping, f));

  /* A second run has nothing left to assign. */
  n = pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES, dpms_header,
                                       G_N_ELEMENTS (dpms_header));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_detect_sample (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autoptr(PathwaysMapping) preset = pathways_mapping_new_preset ("sample", NULL);
  guint n;

  n = pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES, sample_case_header,
                                       G_N_ELEMENTS (sample_case_header));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (sample_case_header));
  n = pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_SERVICES,
                                       sample_service_header,
                                       G_N_ELEMENTS (sample_service_header));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (sample_service_header));

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      /* the sample has no ages, and derives its ethnic group; user fields are never
       * detected */
      if (f == PATHWAYS_FIELD_AGE || f == PATHWAYS_FIELD_DATE_OF_BIRTH ||
          f == PATHWAYS_FIELD_ETHNICITY_GROUP || PATHWAYS_FIELD_IS_USER (f))
        g_assert_null (pathways_mapping_get_column (mapping, f));
      else
        g_assert_cmpstr (pathways_mapping_get_column (mapping, f), ==,
                         pathways_field_get_name (f));
      g_assert_cmpstr (pathways_mapping_get_column (preset, f), ==,
                       pathways_mapping_get_column (mapping, f));
    }
}

static void
test_detect_nyc311 (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_auto(GStrv) header = g_strsplit (nyc_header_line, ",", -1);
  guint n_columns = g_strv_length (header);
  guint n;

  g_assert_cmpuint (n_columns, ==, 41);

  /* The record key is the case ID, and the created/closed pair the case's dates
   * ("uniquekey", "createddate" and "closeddate" are synonyms), and "Borough" the
   * area (not "Park Borough" or "Taxi Company Borough"); nothing else is a
   * victim-service field: not "Incident Zip", "Due Date", "Status" or "Agency". */
  n = pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES,
                                       (const char * const *) header, n_columns);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_AREA), ==, "Borough");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID),
                   ==, "Unique Key");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE),
                   ==, "Created Date");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CLOSURE_DATE),
                   ==, "Closed Date");
  g_assert_cmpuint (n_mapped (mapping, PATHWAYS_TABLE_CASES), ==, 4);

  n = pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_SERVICES,
                                       (const char * const *) header, n_columns);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (n_mapped (mapping, PATHWAYS_TABLE_SERVICES), ==, 0);
}

static void
test_detect_weird (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  static const char * const header[] = {
    "Case Ref", "Date Referred", "Source of referral", "Referred by", "D.O.B.",
    "Ethnic Group", "Age (at referral)", "Notes", "Client Name",
  };
  guint n;

  n = pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES, header,
                                       G_N_ELEMENTS (header));
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID), ==,
                   "Case Ref");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==,
                   "Date Referred");
  /* Both name the referral source; "referred by" comes first in its synonym list, and
   * the other column is left for the user. */
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE), ==,
                   "Referred by");
  g_assert_null (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE_DETAIL));
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_DATE_OF_BIRTH), ==,
                   "D.O.B.");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_ETHNICITY), ==,
                   "Ethnic Group");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_AGE), ==,
                   "Age (at referral)");
}

static void
test_detect_generic_id (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  static const char * const header[] = { "ID", "Referral Date", "Service" };

  /* A bare "ID" is taken for the case only when nothing better is there... */
  g_assert_cmpuint (pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES, header,
                                                     G_N_ELEMENTS (header)), ==, 2);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID), ==, "ID");
  /* ...and never as the service's link to its case. */
  g_assert_cmpuint (pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_SERVICES, header,
                                                     G_N_ELEMENTS (header)), ==, 1);
  g_assert_null (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_SERVICE_CASE_ID));
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_SERVICE_TYPE), ==, "Service");

  {
    g_autoptr(PathwaysMapping) m = pathways_mapping_new ();
    static const char * const header2[] = { "ID", "Case Number" };

    g_assert_cmpuint (pathways_mapping_detect_columns (m, PATHWAYS_TABLE_CASES, header2, 2), ==, 1);
    g_assert_cmpstr (pathways_mapping_get_column (m, PATHWAYS_FIELD_CASE_ID), ==, "Case Number");
  }
}

static void
test_detect_canonical_first (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  static const char * const header[] = { "Case Ref", "Case_ID", "Role", "Client Role" };

  g_assert_cmpuint (pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES, header,
                                                     G_N_ELEMENTS (header)), ==, 2);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID), ==,
                   "Case_ID");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CLIENT_ROLE), ==,
                   "Client Role");
}

static void
test_detect_never_twice (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  static const char * const header[] = { "Start Date", "End Date", "Gender" };
  static const char * const header2[] = { "Referral date", "Referral Date" };

  /* The user put "Start Date" on person_id: detection must not give it to
   * referral_date too, nor touch the user's choice. */
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_PERSON_ID, "Start Date");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_GENDER, "Sex");

  g_assert_cmpuint (pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES, header,
                                                     G_N_ELEMENTS (header)), ==, 1);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_PERSON_ID), ==,
                   "Start Date");
  g_assert_null (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE));
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CLOSURE_DATE), ==,
                   "End Date");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_GENDER), ==, "Sex");

  /* Two columns with the same key: the first is taken, once. */
  g_assert_cmpuint (pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES, header2,
                                                     G_N_ELEMENTS (header2)), ==, 1);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==,
                   "Referral date");

  /* The service case_id may share the case table's column (a long file)... */
  {
    static const char * const long_header[] = { "Case Ref", "Service Type" };
    g_autoptr(PathwaysMapping) m = pathways_mapping_new ();

    g_assert_cmpuint (pathways_mapping_detect_columns (m, PATHWAYS_TABLE_CASES, long_header, 2), ==, 1);
    g_assert_cmpuint (pathways_mapping_detect_columns (m, PATHWAYS_TABLE_SERVICES, long_header, 2), ==, 2);
    g_assert_cmpstr (pathways_mapping_get_column (m, PATHWAYS_FIELD_CASE_ID), ==, "Case Ref");
    g_assert_cmpstr (pathways_mapping_get_column (m, PATHWAYS_FIELD_SERVICE_CASE_ID), ==, "Case Ref");
    g_assert_cmpstr (pathways_mapping_get_column (m, PATHWAYS_FIELD_SERVICE_TYPE), ==, "Service Type");
  }

  /* ...but not another service field's. */
  {
    static const char * const svc_header[] = { "Service" };
    g_autoptr(PathwaysMapping) m = pathways_mapping_new ();

    pathways_mapping_set_column (m, PATHWAYS_FIELD_SERVICE_DETAIL, "Service");
    g_assert_cmpuint (pathways_mapping_detect_columns (m, PATHWAYS_TABLE_SERVICES, svc_header, 1), ==, 0);
    g_assert_null (pathways_mapping_get_column (m, PATHWAYS_FIELD_SERVICE_TYPE));
  }
}

static void
test_missing (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_auto(GStrv) values = NULL;
  static const char * const custom[] = { "Unknown", "Refused", "REFUSED", NULL };

  g_assert_true (pathways_mapping_is_missing (mapping, NULL));
  g_assert_true (pathways_mapping_is_missing (mapping, ""));
  g_assert_true (pathways_mapping_is_missing (mapping, "   "));
  g_assert_true (pathways_mapping_is_missing (mapping, "NA"));
  g_assert_true (pathways_mapping_is_missing (mapping, " na "));
  g_assert_true (pathways_mapping_is_missing (mapping, "n/a"));
  g_assert_true (pathways_mapping_is_missing (mapping, "NULL"));
  g_assert_true (pathways_mapping_is_missing (mapping, "UNKNOWN"));
  g_assert_true (pathways_mapping_is_missing (mapping, "not  known"));
  g_assert_true (pathways_mapping_is_missing (mapping, "Not recorded"));
  g_assert_true (pathways_mapping_is_missing (mapping, "not able to obtain"));
  g_assert_true (pathways_mapping_is_missing (mapping, "Prefer not to say"));
  g_assert_true (pathways_mapping_is_missing (mapping, "DID NOT DISCLOSE"));
  g_assert_false (pathways_mapping_is_missing (mapping, "None"));
  g_assert_false (pathways_mapping_is_missing (mapping, "Police"));
  g_assert_false (pathways_mapping_is_missing (mapping, "N"));
  g_assert_false (pathways_mapping_is_missing (mapping, "Not knowing"));

  values = pathways_mapping_get_missing_values (mapping);
  g_assert_cmpuint (g_strv_length (values), ==, 10);
  g_assert_cmpstr (values[0], ==, "");
  g_assert_cmpstr (values[1], ==, "NA");
  g_assert_cmpstr (values[9], ==, "Did not disclose");
  g_clear_pointer (&values, g_strfreev);

  /* Editable; spellings that fold alike count once. */
  pathways_mapping_set_missing_values (mapping, custom);
  values = pathways_mapping_get_missing_values (mapping);
  g_assert_cmpuint (g_strv_length (values), ==, 2);
  g_assert_cmpstr (values[0], ==, "Unknown");
  g_assert_cmpstr (values[1], ==, "Refused");
  g_assert_true (pathways_mapping_is_missing (mapping, "refused "));
  g_assert_false (pathways_mapping_is_missing (mapping, "NA"));
  g_assert_false (pathways_mapping_is_missing (mapping, "Prefer not to say"));
  /* Blank cells stay missing whatever the list. */
  g_assert_true (pathways_mapping_is_missing (mapping, ""));
  g_clear_pointer (&values, g_strfreev);

  pathways_mapping_set_missing_values (mapping, NULL);
  values = pathways_mapping_get_missing_values (mapping);
  g_assert_cmpuint (g_strv_length (values), ==, 0);
  g_assert_false (pathways_mapping_is_missing (mapping, "Unknown"));
  g_assert_true (pathways_mapping_is_missing (mapping, " "));
}

static void
test_explicit_none (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  static const char * const custom[] = { "Nothing", NULL };

  g_assert_true (pathways_mapping_is_explicit_none (mapping, "None"));
  g_assert_true (pathways_mapping_is_explicit_none (mapping, " NONE "));
  g_assert_true (pathways_mapping_is_explicit_none (mapping, "none currently known"));
  g_assert_true (pathways_mapping_is_explicit_none (mapping, "No risks"));
  g_assert_true (pathways_mapping_is_explicit_none (mapping, "No known current risk"));
  g_assert_false (pathways_mapping_is_explicit_none (mapping, "Low risk"));
  g_assert_false (pathways_mapping_is_explicit_none (mapping, ""));
  g_assert_false (pathways_mapping_is_explicit_none (mapping, NULL));

  pathways_mapping_set_explicit_none (mapping, custom);
  g_assert_true (pathways_mapping_is_explicit_none (mapping, "nothing"));
  g_assert_false (pathways_mapping_is_explicit_none (mapping, "None"));
}

static void
test_map_value (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  const char *raw = "Self";
  g_auto(GStrv) sources = NULL;

  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "Essex Police", "Police");
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "SARC", "Healthcare");

  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "Essex Police"), ==, "Police");
  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "ESSEX  POLICE"), ==, "Police");
  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "essex-police"), ==, "Police");
  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "sarc"), ==, "Healthcare");
  /* No grouping: the raw value itself. */
  g_assert_true (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, raw) == raw);
  /* Groupings belong to their field. */
  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_PRIMARY_INCIDENT, "SARC"), ==, "SARC");
  /* Missing spellings. */
  g_assert_null (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "Unknown"));
  g_assert_null (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, ""));
  g_assert_null (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, NULL));

  /* A deliberate grouping wins over a missing spelling... */
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "Unknown", "Other");
  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "unknown"), ==, "Other");
  /* ...and a grouping onto "Not recorded" makes a value missing. */
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "Misc", "Not recorded");
  g_assert_null (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "MISC"));

  g_assert_cmpstr (pathways_mapping_get_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "sarc"), ==, "Healthcare");
  g_assert_null (pathways_mapping_get_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "GP"));

  sources = pathways_mapping_get_value_sources (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE);
  g_assert_cmpuint (g_strv_length (sources), ==, 4);
  g_assert_cmpstr (sources[0], ==, "Essex Police");
  g_assert_cmpstr (sources[1], ==, "Misc");
  g_assert_cmpstr (sources[2], ==, "SARC");
  g_assert_cmpstr (sources[3], ==, "Unknown");

  /* A later spelling of the same folded value replaces the grouping. */
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "sarc", "Police");
  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "SARC"), ==, "Police");

  /* NULL removes it. */
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "SARC", NULL);
  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "SARC"), ==, "SARC");

  /* Multi-category fields group their items too. */
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_ISSUES, "PTSD", "Post trauma symptoms");
  g_assert_cmpstr (pathways_mapping_map_value (mapping, PATHWAYS_FIELD_ISSUES, "ptsd"), ==, "Post trauma symptoms");
}

static void
test_closure_classes (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_auto(GStrv) reasons = NULL;
  PathwaysClosureClass klass;

  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Planned closure"), ==, PATHWAYS_CLOSURE_PLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "PLANNED ENDING"), ==, PATHWAYS_CLOSURE_PLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "completed"), ==, PATHWAYS_CLOSURE_PLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Support completed"), ==, PATHWAYS_CLOSURE_PLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Did not engage"), ==, PATHWAYS_CLOSURE_UNPLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "dne w/l"), ==, PATHWAYS_CLOSURE_UNPLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Dual status service denied"), ==, PATHWAYS_CLOSURE_UNPLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Not-brought to service"), ==, PATHWAYS_CLOSURE_UNPLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Unexpected closure"), ==, PATHWAYS_CLOSURE_UNPLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Referred on"), ==, PATHWAYS_CLOSURE_OTHER);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Transferred to another RC Centre"), ==, PATHWAYS_CLOSURE_OTHER);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Engaged W/L"), ==, PATHWAYS_CLOSURE_OTHER);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Deferred"), ==, PATHWAYS_CLOSURE_OTHER);
  /* Unknown reasons are "other", not a guess either way. */
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Moved away"), ==, PATHWAYS_CLOSURE_OTHER);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, NULL), ==, PATHWAYS_CLOSURE_NOT_RECORDED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, ""), ==, PATHWAYS_CLOSURE_NOT_RECORDED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, PATHWAYS_NOT_RECORDED), ==, PATHWAYS_CLOSURE_NOT_RECORDED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Unknown"), ==, PATHWAYS_CLOSURE_NOT_RECORDED);

  /* Overrides, matched folded. */
  pathways_mapping_set_closure_class (mapping, "Referred on", PATHWAYS_CLOSURE_PLANNED);
  pathways_mapping_set_closure_class (mapping, "Closed", PATHWAYS_CLOSURE_PLANNED);
  pathways_mapping_set_closure_class (mapping, "Did not engage", PATHWAYS_CLOSURE_OTHER);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "REFERRED ON"), ==, PATHWAYS_CLOSURE_PLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "closed"), ==, PATHWAYS_CLOSURE_PLANNED);
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "did-not-engage"), ==, PATHWAYS_CLOSURE_OTHER);
  g_assert_cmpint (pathways_mapping_get_default_closure_class ("Did not engage"), ==, PATHWAYS_CLOSURE_UNPLANNED);

  reasons = pathways_mapping_get_closure_class_reasons (mapping);
  g_assert_cmpuint (g_strv_length (reasons), ==, 3);
  g_assert_cmpstr (reasons[0], ==, "Closed");
  g_assert_cmpstr (reasons[1], ==, "Did not engage");
  g_assert_cmpstr (reasons[2], ==, "Referred on");

  pathways_mapping_unset_closure_class (mapping, "referred on");
  g_assert_cmpint (pathways_mapping_get_closure_class (mapping, "Referred on"), ==, PATHWAYS_CLOSURE_OTHER);

  g_assert_cmpstr (pathways_closure_class_to_string (PATHWAYS_CLOSURE_PLANNED), ==, "planned");
  g_assert_cmpstr (pathways_closure_class_to_string (PATHWAYS_CLOSURE_OTHER), ==, "other");
  g_assert_cmpstr (pathways_closure_class_to_string (PATHWAYS_CLOSURE_UNPLANNED), ==, "unplanned");
  g_assert_cmpstr (pathways_closure_class_to_string (PATHWAYS_CLOSURE_NOT_RECORDED), ==, "not_recorded");
  g_assert_true (pathways_closure_class_from_string ("unplanned", &klass));
  g_assert_cmpint (klass, ==, PATHWAYS_CLOSURE_UNPLANNED);
  g_assert_true (pathways_closure_class_from_string ("not_recorded", &klass));
  g_assert_cmpint (klass, ==, PATHWAYS_CLOSURE_NOT_RECORDED);
  g_assert_false (pathways_closure_class_from_string ("good", &klass));
}

static void
test_date_orders (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  PathwaysDateOrder order;

  g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, PATHWAYS_DATE_ORDER_AUTO);
  pathways_mapping_set_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_DATE_ORDER_MDY);
  g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, PATHWAYS_DATE_ORDER_MDY);
  g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_CLOSURE_DATE), ==, PATHWAYS_DATE_ORDER_AUTO);

  g_assert_cmpstr (pathways_date_order_to_string (PATHWAYS_DATE_ORDER_AUTO), ==, "auto");
  g_assert_cmpstr (pathways_date_order_to_string (PATHWAYS_DATE_ORDER_DMY), ==, "dmy");
  g_assert_cmpstr (pathways_date_order_to_string (PATHWAYS_DATE_ORDER_MDY), ==, "mdy");
  g_assert_cmpstr (pathways_date_order_to_string (PATHWAYS_DATE_ORDER_YMD), ==, "ymd");
  g_assert_true (pathways_date_order_from_string ("ymd", &order));
  g_assert_cmpint (order, ==, PATHWAYS_DATE_ORDER_YMD);
  g_assert_true (pathways_date_order_from_string ("DMY", &order));
  g_assert_cmpint (order, ==, PATHWAYS_DATE_ORDER_DMY);
  g_assert_false (pathways_date_order_from_string ("dm", &order));
}

static void
test_presets (void)
{
  const char * const *names = pathways_mapping_list_presets ();
  g_autoptr(PathwaysMapping) dpms = NULL;
  g_autoptr(PathwaysMapping) sample = NULL;
  g_autoptr(PathwaysMapping) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_strv_contains (names, "dpms"));
  g_assert_true (g_strv_contains (names, "sample"));

  dpms = pathways_mapping_new_preset ("dpms", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_mapping_get_name (dpms), ==, "DPMS");
  g_assert_cmpstr (pathways_mapping_get_column (dpms, PATHWAYS_FIELD_CASE_ID), ==, "clientcaseid");
  g_assert_cmpstr (pathways_mapping_get_column (dpms, PATHWAYS_FIELD_SERVICE_CASE_ID), ==, "clientcaseid");
  g_assert_cmpstr (pathways_mapping_get_column (dpms, PATHWAYS_FIELD_REFERRAL_DATE), ==, "startdate");
  g_assert_cmpstr (pathways_mapping_get_column (dpms, PATHWAYS_FIELD_SERVICE_REFERRAL_DATE), ==, "waitinglistdate");
  g_assert_cmpstr (pathways_mapping_get_column (dpms, PATHWAYS_FIELD_IMPACTS), ==, "incidentimpact");
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      g_assert_cmpstr (pathways_mapping_get_column (dpms, f), !=, "clientid");
      g_assert_cmpstr (pathways_mapping_get_column (dpms, f), !=, "organisationid");
      if (pathways_field_get_kind (f) == PATHWAYS_KIND_DATE)
        g_assert_cmpint (pathways_mapping_get_date_order (dpms, f), ==, PATHWAYS_DATE_ORDER_DMY);
    }
  g_assert_cmpstr (pathways_mapping_map_value (dpms, PATHWAYS_FIELD_REFERRAL_SOURCE, "British Transport Police"), ==, "Police");
  g_assert_cmpstr (pathways_mapping_map_value (dpms, PATHWAYS_FIELD_REFERRAL_SOURCE, "self-referral"), ==, "Self-referral");
  g_assert_cmpstr (pathways_mapping_map_value (dpms, PATHWAYS_FIELD_REFERRAL_SOURCE, "SELF"), ==, "Self-referral");
  g_assert_cmpstr (pathways_mapping_map_value (dpms, PATHWAYS_FIELD_REFERRAL_SOURCE, "IAPT"), ==, "Healthcare");
  g_assert_cmpstr (pathways_mapping_map_value (dpms, PATHWAYS_FIELD_REFERRAL_SOURCE, "Other rape crisis centre"), ==, "Support service");
  g_assert_cmpstr (pathways_mapping_map_value (dpms, PATHWAYS_FIELD_REFERRAL_SOURCE, "Social services"), ==, "Local authority");
  g_assert_cmpstr (pathways_mapping_map_value (dpms, PATHWAYS_FIELD_SERVICE_TYPE, "Counselling"), ==, "Therapy");
  g_assert_cmpstr (pathways_mapping_map_value (dpms, PATHWAYS_FIELD_SERVICE_TYPE, "isva"), ==, "Advocacy");

  sample = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_mapped (sample, PATHWAYS_TABLE_CASES), ==, 25);   /* 24 and, since version 2, area */
  g_assert_cmpuint (n_mapped (sample, PATHWAYS_TABLE_SERVICES), ==, 8);
  g_assert_cmpstr (pathways_mapping_get_column (sample, PATHWAYS_FIELD_SERVICE_CASE_ID), ==, "case_id");
  g_assert_null (pathways_mapping_get_column (sample, PATHWAYS_FIELD_AGE));
  g_assert_cmpint (pathways_mapping_get_date_order (sample, PATHWAYS_FIELD_SERVICE_END_DATE), ==, PATHWAYS_DATE_ORDER_YMD);

  none = pathways_mapping_new_preset ("lamplight", &error);
  g_assert_null (none);
  g_assert_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lamplight"));
  g_assert_nonnull (strstr (error->message, "dpms"));
}

static PathwaysMapping *
build_full_mapping (void)
{
  PathwaysMapping *mapping = pathways_mapping_new ();
  static const char * const missing[] = { "", "Unknown", "Refused \"to say\"", "Ne sait pas – N/S", NULL };
  static const char * const none[] = { "None", "Nil", NULL };

  pathways_mapping_set_name (mapping, "Rape Crisis \"North\" – 2023\\24");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CASE_ID, "Case Ref");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE, "Date\treferred");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_GENDER, "Genre / Rhyw");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_SERVICE_CASE_ID, "Case Ref");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_SERVICE_TYPE, "Type\nof service");
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "Essex Police", "Police");
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "GP", "Healthcare");
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_SERVICE_TYPE, "ISVA", "Advocacy");
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_RISKS, "Suicidal", "Risk of self harm");
  pathways_mapping_set_closure_class (mapping, "Closed", PATHWAYS_CLOSURE_PLANNED);
  pathways_mapping_set_closure_class (mapping, "Moved away", PATHWAYS_CLOSURE_UNPLANNED);
  pathways_mapping_set_closure_class (mapping, "No reason given", PATHWAYS_CLOSURE_NOT_RECORDED);
  pathways_mapping_set_missing_values (mapping, missing);
  pathways_mapping_set_explicit_none (mapping, none);
  pathways_mapping_set_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_DATE_ORDER_MDY);
  pathways_mapping_set_date_order (mapping, PATHWAYS_FIELD_SERVICE_START_DATE, PATHWAYS_DATE_ORDER_YMD);

  return mapping;
}

static void
test_round_trip (void)
{
  g_autoptr(PathwaysMapping) mapping = build_full_mapping ();
  g_autoptr(PathwaysMapping) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = pathways_mapping_to_data (mapping);
  g_autofree char *again = NULL;
  g_auto(GStrv) missing = NULL;
  const char *order[] = {
    "\"format\" : \"pathways-mapping\"", "\"version\" : 1", "\"name\"", "\"cases\"",
    "\"services\"", "\"values\"", "\"closure_classes\"", "\"missing_values\"",
    "\"explicit_none\"", "\"date_order\"",
  };
  const char *last = data;

  g_assert_true (g_str_has_prefix (data, "{\n  \"format\" : \"pathways-mapping\",\n"));
  g_assert_true (g_str_has_suffix (data, "\n}\n"));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *at = strstr (data, order[i]);

      g_assert_nonnull (at);
      g_assert_true (at >= last);
      last = at;
    }
  /* Unmapped fields are listed as null, so a hand editor sees them all. */
  g_assert_nonnull (strstr (data, "\n    \"person_id\" : null,\n"));
  g_assert_nonnull (strstr (data, "\"Type\\nof service\""));
  g_assert_nonnull (strstr (data,
                            "  \"values\" : {\n"
                            "    \"referral_source\" : {\n"
                            "      \"Essex Police\" : \"Police\",\n"
                            "      \"GP\" : \"Healthcare\"\n"
                            "    },\n"
                            "    \"risks\" : {\n"
                            "      \"Suicidal\" : \"Risk of self harm\"\n"
                            "    },\n"
                            "    \"service_type\" : {\n"
                            "      \"ISVA\" : \"Advocacy\"\n"
                            "    }\n"
                            "  },\n"));
  g_assert_nonnull (strstr (data,
                            "  \"date_order\" : {\n"
                            "    \"referral_date\" : \"mdy\",\n"
                            "    \"service_start_date\" : \"ymd\"\n"
                            "  }\n"));

  back = pathways_mapping_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_mapping_equal (mapping, back));
  g_assert_cmpstr (pathways_mapping_get_name (back), ==, "Rape Crisis \"North\" – 2023\\24");
  g_assert_cmpstr (pathways_mapping_get_column (back, PATHWAYS_FIELD_REFERRAL_DATE), ==, "Date\treferred");
  g_assert_cmpstr (pathways_mapping_get_column (back, PATHWAYS_FIELD_SERVICE_TYPE), ==, "Type\nof service");
  g_assert_null (pathways_mapping_get_column (back, PATHWAYS_FIELD_PERSON_ID));
  g_assert_cmpstr (pathways_mapping_map_value (back, PATHWAYS_FIELD_RISKS, "suicidal"), ==, "Risk of self harm");
  g_assert_cmpint (pathways_mapping_get_closure_class (back, "No reason given"), ==, PATHWAYS_CLOSURE_NOT_RECORDED);
  g_assert_cmpint (pathways_mapping_get_closure_class (back, "moved away"), ==, PATHWAYS_CLOSURE_UNPLANNED);
  g_assert_true (pathways_mapping_is_missing (back, "refused \"to say\""));
  g_assert_false (pathways_mapping_is_missing (back, "NA"));
  g_assert_true (pathways_mapping_is_explicit_none (back, "nil"));
  g_assert_cmpint (pathways_mapping_get_date_order (back, PATHWAYS_FIELD_SERVICE_START_DATE), ==, PATHWAYS_DATE_ORDER_YMD);
  missing = pathways_mapping_get_missing_values (back);
  g_assert_cmpuint (g_strv_length (missing), ==, 4);
  g_assert_cmpstr (missing[3], ==, "Ne sait pas – N/S");

  again = pathways_mapping_to_data (back);
  g_assert_cmpstr (again, ==, data);

  /* A difference is seen. */
  pathways_mapping_set_closure_class (back, "Closed", PATHWAYS_CLOSURE_OTHER);
  g_assert_false (pathways_mapping_equal (mapping, back));

  /* The presets and an empty mapping round-trip too. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PathwaysMapping) m = i < 2 ? pathways_mapping_new_preset (i == 0 ? "dpms" : "sample", NULL)
                                           : pathways_mapping_new ();
      g_autofree char *text = pathways_mapping_to_data (m);
      g_autoptr(PathwaysMapping) m2 = pathways_mapping_new_from_data (text, strlen (text), &error);

      g_assert_no_error (error);
      g_assert_true (pathways_mapping_equal (m, m2));
    }
}

static void
test_copy (void)
{
  g_autoptr(PathwaysMapping) mapping = build_full_mapping ();
  g_autoptr(PathwaysMapping) copy = pathways_mapping_copy (mapping);
  g_autofree char *before = pathways_mapping_to_data (mapping);
  g_autofree char *copy_data = NULL;
  static const char * const missing[] = { "x", NULL };

  g_assert_true (pathways_mapping_equal (mapping, copy));

  /* Changing the original leaves the copy alone. */
  pathways_mapping_set_name (mapping, "Changed");
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CASE_ID, "Other");
  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE, "GP", "Other");
  pathways_mapping_set_closure_class (mapping, "Closed", PATHWAYS_CLOSURE_OTHER);
  pathways_mapping_set_missing_values (mapping, missing);
  pathways_mapping_set_explicit_none (mapping, missing);
  pathways_mapping_set_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_DATE_ORDER_DMY);

  copy_data = pathways_mapping_to_data (copy);
  g_assert_cmpstr (copy_data, ==, before);
  g_assert_false (pathways_mapping_equal (mapping, copy));
}

/* What the writer before json-glib produced ("key": value, {} for an empty object,
 * \u0008 for a backspace), as every mapping file and workspace of that time holds it:
 * it reads as the same mapping, and is written again in today's layout. */
static const char old_writer_text[] =
    "{\n"
    "  \"format\": \"pathways-mapping\",\n"
    "  \"version\": 1,\n"
    "  \"name\": \"Rape Crisis \\\"North\\\" – 2023\\\\24\",\n"
    "  \"cases\": {\n"
    "    \"case_id\": \"Case Ref\",\n"
    "    \"person_id\": null,\n"
    "    \"referral_date\": \"Date\\treferred\",\n"
    "    \"first_contact_date\": null,\n"
    "    \"assessment_date\": null,\n"
    "    \"closure_date\": null,\n"
    "    \"closure_reason\": null,\n"
    "    \"referral_source\": null,\n"
    "    \"referral_source_detail\": null,\n"
    "    \"primary_incident\": null,\n"
    "    \"new_or_returning\": null,\n"
    "    \"client_role\": null,\n"
    "    \"gender\": \"Genre / Rhyw\",\n"
    "    \"ethnicity\": null,\n"
    "    \"disability\": null,\n"
    "    \"sexuality\": null,\n"
    "    \"religion\": null,\n"
    "    \"accommodation\": null,\n"
    "    \"employment\": null,\n"
    "    \"age\": null,\n"
    "    \"date_of_birth\": null,\n"
    "    \"age_band\": null,\n"
    "    \"time_before_support\": null,\n"
    "    \"risks\": null,\n"
    "    \"issues\": null,\n"
    "    \"impacts\": null\n"
    "  },\n"
    "  \"services\": {\n"
    "    \"case_id\": \"Case Ref\",\n"
    "    \"service_id\": null,\n"
    "    \"service_type\": \"Type\\nof service\",\n"
    "    \"service_detail\": null,\n"
    "    \"service_referral_date\": null,\n"
    "    \"service_start_date\": null,\n"
    "    \"service_end_date\": null,\n"
    "    \"service_closure_reason\": null\n"
    "  },\n"
    "  \"values\": {\n"
    "    \"referral_source\": {\n"
    "      \"Essex Police\": \"Police\",\n"
    "      \"GP\": \"Healthcare\"\n"
    "    },\n"
    "    \"risks\": {\n"
    "      \"Suicidal\": \"Risk of self harm\"\n"
    "    },\n"
    "    \"issues\": {\n"
    "      \"Bell\\u0008 and form feed\\u000c\": \"Other\"\n"
    "    },\n"
    "    \"service_type\": {\n"
    "      \"ISVA\": \"Advocacy\"\n"
    "    }\n"
    "  },\n"
    "  \"closure_classes\": {\n"
    "    \"Closed\": \"planned\",\n"
    "    \"Moved away\": \"unplanned\",\n"
    "    \"No reason given\": \"not_recorded\"\n"
    "  },\n"
    "  \"missing_values\": [\n"
    "    \"\",\n"
    "    \"Unknown\",\n"
    "    \"Refused \\\"to say\\\"\",\n"
    "    \"Ne sait pas – N/S\"\n"
    "  ],\n"
    "  \"explicit_none\": [\n"
    "    \"None\",\n"
    "    \"Nil\"\n"
    "  ],\n"
    "  \"date_order\": {\n"
    "    \"referral_date\": \"mdy\",\n"
    "    \"service_start_date\": \"ymd\"\n"
    "  }\n"
    "}\n";

static void
test_old_writer_file (void)
{
  g_autoptr(PathwaysMapping) mapping = build_full_mapping ();
  g_autoptr(PathwaysMapping) back = NULL;
  g_autoptr(PathwaysMapping) empty = pathways_mapping_new ();
  g_autoptr(PathwaysMapping) empty_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  g_autofree char *empty_data = NULL;

  pathways_mapping_set_value (mapping, PATHWAYS_FIELD_ISSUES, "Bell\b and form feed\f", "Other");

  back = pathways_mapping_new_from_data (old_writer_text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_mapping_equal (mapping, back));
  g_assert_cmpstr (pathways_mapping_get_value (back, PATHWAYS_FIELD_ISSUES, "bell\b and form feed\f"),
                   ==, "Other");

  again = pathways_mapping_to_data (back);
  g_assert_nonnull (strstr (again, "\"Bell\\b and form feed\\f\" : \"Other\""));
  g_assert_null (strstr (again, "\": "));

  /* An empty mapping: json-glib writes an empty object as "{  }"; the old "{}" reads. */
  empty_data = pathways_mapping_to_data (empty);
  g_assert_nonnull (strstr (empty_data, "\n  \"values\" : {  },\n"));
  empty_back = pathways_mapping_new_from_data ("{\"cases\": {}, \"values\": {}, \"closure_classes\": {},"
                                               " \"date_order\": {}}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_mapping_equal (empty, empty_back));
}

/* JSON has no raw control character in a string; json-glib 1.6 would write U+001F as
 * one. Every control character comes out escaped, and reads back. */
static void
test_control_characters (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autoptr(PathwaysMapping) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GString *all = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (char c = 1; c < 0x20; c++)
    g_string_append_c (all, c);
  g_string_append_c (all, 0x7f);
  text = g_string_free (all, FALSE);

  pathways_mapping_set_name (mapping, text);
  pathways_mapping_set_column (mapping, PATHWAYS_FIELD_CASE_ID, text);
  pathways_mapping_set_closure_class (mapping, text, PATHWAYS_CLOSURE_PLANNED);
  data = pathways_mapping_to_data (mapping);

  for (const char *p = data; *p != '\0'; p++)
    if (*p != '\n')
      g_assert_cmpint ((guchar) *p, >=, 0x20);
  g_assert_nonnull (strstr (data, "\\u001f\\u007f\""));

  back = pathways_mapping_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_mapping_equal (mapping, back));
  g_assert_cmpstr (pathways_mapping_get_name (back), ==, text);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *n = user_data;

  (*n)++;
}

static void
test_name_property (void)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autofree char *name = NULL;
  guint notified = 0;

  g_signal_connect (mapping, "notify::name", G_CALLBACK (count_notify), &notified);
  pathways_mapping_set_name (mapping, "Essex");
  pathways_mapping_set_name (mapping, "Essex");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (mapping, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Essex");
  g_object_set (mapping, "name", NULL, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (pathways_mapping_get_name (mapping));
}

static void
assert_parse_error (const char *json,
                    int         code,
                    const char *needle,
                    const char *needle2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_from_data (json, -1, &error);

  g_assert_null (mapping);
  g_assert_error (error, PATHWAYS_MAPPING_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
  if (needle2 != NULL && strstr (error->message, needle2) == NULL)
    g_error ("“%s” not in “%s”", needle2, error->message);
}

static void
test_parse_errors (void)
{
  /* Malformed JSON: the position comes from json-glib. */
  assert_parse_error ("{\n  \"cases\": {\n    \"case_id\": \"x\",\n  }\n}\n",
                      PATHWAYS_MAPPING_ERROR_PARSE, "line 3, column 19", NULL);
  assert_parse_error ("{\n  \"name\": \"x\"\n  \"cases\": {}\n}\n",
                      PATHWAYS_MAPPING_ERROR_PARSE, "line 2, column 13", NULL);
  assert_parse_error ("", PATHWAYS_MAPPING_ERROR_PARSE, "JSON", NULL);
  assert_parse_error ("[1, 2]", PATHWAYS_MAPPING_ERROR_PARSE, "object", NULL);
  assert_parse_error ("{\"format\": \"something-else\"}", PATHWAYS_MAPPING_ERROR_PARSE,
                      "pathways-mapping", NULL);
  assert_parse_error ("{\"colums\": {}}", PATHWAYS_MAPPING_ERROR_PARSE, "colums", "cases");
  assert_parse_error ("{\"cases\": []}", PATHWAYS_MAPPING_ERROR_PARSE, "cases", NULL);
  assert_parse_error ("{\"cases\": {\"case_id\": 12}}", PATHWAYS_MAPPING_ERROR_PARSE,
                      "case_id", NULL);
  assert_parse_error ("{\"missing_values\": [\"NA\", 0]}", PATHWAYS_MAPPING_ERROR_PARSE,
                      "missing_values", "item 2");

  /* Unknown fields are named, with the valid ones listed. */
  assert_parse_error ("{\"cases\": {\"caseid\": \"Case Ref\"}}",
                      PATHWAYS_MAPPING_ERROR_INVALID, "caseid", "referral_date");
  assert_parse_error ("{\"cases\": {\"service_type\": \"Type\"}}",
                      PATHWAYS_MAPPING_ERROR_INVALID, "service_type", "case_id");
  assert_parse_error ("{\"services\": {\"referral_date\": \"x\"}}",
                      PATHWAYS_MAPPING_ERROR_INVALID, "referral_date", "service_start_date");
  assert_parse_error ("{\"values\": {\"referral_date\": {\"a\": \"b\"}}}",
                      PATHWAYS_MAPPING_ERROR_INVALID, "referral_date", "referral_source");
  assert_parse_error ("{\"closure_classes\": {\"Closed\": \"good\"}}",
                      PATHWAYS_MAPPING_ERROR_INVALID, "good", "unplanned");
  assert_parse_error ("{\"date_order\": {\"referral_date\": \"dm\"}}",
                      PATHWAYS_MAPPING_ERROR_INVALID, "dm", "mdy");
  assert_parse_error ("{\"date_order\": {\"gender\": \"dmy\"}}",
                      PATHWAYS_MAPPING_ERROR_INVALID, "gender", "closure_date");
  assert_parse_error ("{\"format\": \"pathways-mapping\", \"version\": 2}",
                      PATHWAYS_MAPPING_ERROR_INVALID, "newer", NULL);
  assert_parse_error ("{\"version\": 0}", PATHWAYS_MAPPING_ERROR_INVALID, "version", NULL);
  assert_parse_error ("{\"version\": \"1\"}", PATHWAYS_MAPPING_ERROR_PARSE, "version", NULL);

  /* Too large is refused before parsing. */
  {
    gsize size = 10 * 1024 * 1024 + 1;
    g_autofree char *big = g_malloc (size + 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(PathwaysMapping) mapping = NULL;

    memset (big, ' ', size);
    big[0] = '{';
    big[size - 1] = '}';
    big[size] = '\0';
    mapping = pathways_mapping_new_from_data (big, size, &error);
    g_assert_null (mapping);
    g_assert_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE);
  }
}

static void
test_minimal_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping =
    pathways_mapping_new_from_data ("{ \"cases\": { \"case_id\": \"Ref\", \"gender\": \"\" },"
                                    "  \"missing_values\": [ \"Unknown\" ] }", -1, &error);
  g_auto(GStrv) none = NULL;

  g_assert_no_error (error);
  g_assert_null (pathways_mapping_get_name (mapping));
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID), ==, "Ref");
  /* An empty column name means not mapped. */
  g_assert_null (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_GENDER));
  g_assert_false (pathways_mapping_is_missing (mapping, "NA"));
  g_assert_true (pathways_mapping_is_missing (mapping, "unknown"));
  /* Absent keys keep their defaults. */
  none = pathways_mapping_get_explicit_none (mapping);
  g_assert_cmpuint (g_strv_length (none), ==, 4);
  g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, PATHWAYS_DATE_ORDER_AUTO);
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-mapping-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *bad_path = NULL;
  g_autoptr(PathwaysMapping) mapping = build_full_mapping ();
  g_autoptr(PathwaysMapping) loaded = NULL;
  g_autoptr(PathwaysMapping) preset = NULL;
  g_autoptr(PathwaysMapping) missing = NULL;
  g_autoptr(PathwaysMapping) bad = NULL;
  g_autoptr(PathwaysMapping) directory = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "mine.json", NULL);
  g_assert_true (pathways_mapping_save (mapping, path, &error));
  g_assert_no_error (error);

  loaded = pathways_mapping_new_for_argument (path, &error);
  g_assert_no_error (error);
  g_assert_true (pathways_mapping_equal (mapping, loaded));

  preset = pathways_mapping_new_for_argument ("dpms", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_mapping_get_name (preset), ==, "DPMS");

  missing = pathways_mapping_new_for_argument ("no-such-mapping.json", &error);
  g_assert_null (missing);
  g_assert_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "preset"));
  g_assert_nonnull (strstr (error->message, "file"));
  g_assert_nonnull (strstr (error->message, "no-such-mapping.json"));
  g_clear_error (&error);

  /* Errors in a file name the file. */
  bad_path = g_build_filename (dir, "bad.json", NULL);
  g_assert_true (g_file_set_contents (bad_path, "{\n  \"version\": 7\n}\n", -1, NULL));
  bad = pathways_mapping_new_for_argument (bad_path, &error);
  g_assert_null (bad);
  g_assert_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);

  directory = pathways_mapping_new_from_file (dir, &error);
  g_assert_null (directory);
  g_assert_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_IO);
  g_clear_error (&error);

  g_assert_cmpint (g_remove (bad_path), ==, 0);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_nyc311_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "mapping", "nyc-311.json", NULL);
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_from_file (path, &error);
  g_auto(GStrv) header = g_strsplit (nyc_header_line, ",", -1);

  g_assert_no_error (error);
  g_assert_cmpstr (pathways_mapping_get_name (mapping), ==, "NYC 311 service requests");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID), ==, "Unique Key");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, "Created Date");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CLOSURE_DATE), ==, "Closed Date");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_SOURCE), ==, "Open Data Channel Type");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_PRIMARY_INCIDENT), ==, "Complaint Type");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CLOSURE_REASON), ==, "Status");
  g_assert_cmpuint (n_mapped (mapping, PATHWAYS_TABLE_CASES), ==, 6);
  g_assert_cmpuint (n_mapped (mapping, PATHWAYS_TABLE_SERVICES), ==, 0);
  g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, PATHWAYS_DATE_ORDER_MDY);
  g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_CLOSURE_DATE), ==, PATHWAYS_DATE_ORDER_MDY);

  /* Every mapped column is in the export's header; detection adds only the area
   * (Borough), which the file predates. */
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (pathways_mapping_get_column (mapping, f) != NULL)
      g_assert_true (g_strv_contains ((const char * const *) header,
                                      pathways_mapping_get_column (mapping, f)));
  g_assert_cmpuint (pathways_mapping_detect_columns (mapping, PATHWAYS_TABLE_CASES,
                                                     (const char * const *) header,
                                                     g_strv_length (header)), ==, 1);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_AREA), ==, "Borough");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/mapping/fold", test_fold);
  g_test_add_func ("/pathways/mapping/detect-dpms", test_detect_dpms);
  g_test_add_func ("/pathways/mapping/detect-sample", test_detect_sample);
  g_test_add_func ("/pathways/mapping/detect-nyc311", test_detect_nyc311);
  g_test_add_func ("/pathways/mapping/detect-weird", test_detect_weird);
  g_test_add_func ("/pathways/mapping/detect-generic-id", test_detect_generic_id);
  g_test_add_func ("/pathways/mapping/detect-canonical-first", test_detect_canonical_first);
  g_test_add_func ("/pathways/mapping/detect-never-twice", test_detect_never_twice);
  g_test_add_func ("/pathways/mapping/missing", test_missing);
  g_test_add_func ("/pathways/mapping/explicit-none", test_explicit_none);
  g_test_add_func ("/pathways/mapping/map-value", test_map_value);
  g_test_add_func ("/pathways/mapping/closure-classes", test_closure_classes);
  g_test_add_func ("/pathways/mapping/date-orders", test_date_orders);
  g_test_add_func ("/pathways/mapping/presets", test_presets);
  g_test_add_func ("/pathways/mapping/round-trip", test_round_trip);
  g_test_add_func ("/pathways/mapping/copy", test_copy);
  g_test_add_func ("/pathways/mapping/old-writer-file", test_old_writer_file);
  g_test_add_func ("/pathways/mapping/control-characters", test_control_characters);
  g_test_add_func ("/pathways/mapping/name-property", test_name_property);
  g_test_add_func ("/pathways/mapping/parse-errors", test_parse_errors);
  g_test_add_func ("/pathways/mapping/minimal-file", test_minimal_file);
  g_test_add_func ("/pathways/mapping/files", test_files);
  g_test_add_func ("/pathways/mapping/nyc311-file", test_nyc311_file);

  return g_test_run ();
}
