/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-mapping-detect.c: what a mapping can be found from: header synonyms and
 * column auto-detection, and the built-in presets. */
#define G_LOG_DOMAIN "pathways-mapping"

#include "config.h"

#include <string.h>

#include "pathways-i18n.h"

#include "pathways-mapping.h"

/* Header synonyms, written as detection keys: case folded, with everything but letters
 * and digits removed. The canonical name itself always matches first. */
typedef struct {
  PathwaysField       field;
  const char * const *synonyms;
} Synonyms;

#define SYN(f, ...) { f, (const char * const []) { __VA_ARGS__, NULL } }

static const Synonyms synonyms[] = {
  /* The last three are generic record keys ("Unique Key", "ID"): in a case file
   * they identify the case. The service table does not take them. */
  SYN (PATHWAYS_FIELD_CASE_ID, "caseid", "clientcaseid", "caseref", "casereference",
       "casenumber", "caseno", "casecode", "referralid", "referralref",
       "referralreference", "referralnumber", "uniquekey", "uniqueid", "id"),
  SYN (PATHWAYS_FIELD_PERSON_ID, "personid", "clientid", "personref", "personreference",
       "personnumber", "clientref", "clientreference", "clientnumber"),
  SYN (PATHWAYS_FIELD_REFERRAL_DATE, "referraldate", "startdate", "datereferred",
       "dateofreferral", "referreddate", "referralreceiveddate", "datereferralreceived",
       "casestartdate", "caseopeneddate", "dateopened", "opendate", "createddate",
       "datecreated"),
  SYN (PATHWAYS_FIELD_FIRST_CONTACT_DATE, "firstcontactdate", "datefirstcontact",
       "dateoffirstcontact", "initialcontactdate", "contactdate"),
  SYN (PATHWAYS_FIELD_ASSESSMENT_DATE, "assessmentdate", "needsassessmentdate",
       "dateofassessment", "dateassessed", "assessmentcompleteddate"),
  SYN (PATHWAYS_FIELD_CLOSURE_DATE, "closuredate", "enddate", "dateclosed", "closeddate",
       "closedate", "caseclosuredate", "caseclosedate", "caseenddate",
       "dateofclosure"),
  SYN (PATHWAYS_FIELD_CLOSURE_REASON, "closurereason", "reasonforclosure",
       "caseclosurereason", "closingreason", "reasonclosed", "endreason",
       "endingreason", "reasonforending", "outcome", "caseoutcome"),
  SYN (PATHWAYS_FIELD_REFERRAL_SOURCE, "referralsource", "referralsource1", "referredby",
       "sourceofreferral", "referrer", "referralroute", "referralfrom"),
  SYN (PATHWAYS_FIELD_REFERRAL_SOURCE_DETAIL, "referralsource2", "referralsourcedetail",
       "referralsourcedetails", "referrerdetail", "referringagency"),
  SYN (PATHWAYS_FIELD_PRIMARY_INCIDENT, "primaryincident", "incidenttype", "incident",
       "primaryoffence", "offencetype", "offence", "crimetype", "abusetype",
       "typeofabuse"),
  SYN (PATHWAYS_FIELD_NEW_OR_RETURNING, "newreturner", "newreturning",
       "newreturningclient", "neworreturning", "newreturn", "returner"),
  SYN (PATHWAYS_FIELD_CLIENT_ROLE, "role", "clientrole", "victimrole"),
  SYN (PATHWAYS_FIELD_GENDER, "gender", "sex", "genderidentity"),
  SYN (PATHWAYS_FIELD_ETHNICITY, "ethnicity", "ethnicity1", "ethnicgroup",
       "ethnicorigin", "ethnicbackground"),
  SYN (PATHWAYS_FIELD_DISABILITY, "disability", "disabilities", "disabled",
       "disabilitystatus"),
  SYN (PATHWAYS_FIELD_SEXUALITY, "sexuality", "sexualorientation"),
  SYN (PATHWAYS_FIELD_RELIGION, "religion", "religionbelief", "religionorbelief",
       "faith"),
  SYN (PATHWAYS_FIELD_ACCOMMODATION, "accommodation", "accommodationstatus",
       "accommodationtype", "housing", "housingstatus", "housingtype",
       "livingsituation"),
  SYN (PATHWAYS_FIELD_EMPLOYMENT, "employment", "employmentstatus", "workstatus"),
  SYN (PATHWAYS_FIELD_AGE, "age", "ageatreferral", "clientage", "ageyears"),
  SYN (PATHWAYS_FIELD_DATE_OF_BIRTH, "dateofbirth", "dob", "birthdate"),
  SYN (PATHWAYS_FIELD_AGE_BAND, "ageband", "agegroup", "agerange", "agebracket"),
  SYN (PATHWAYS_FIELD_TIME_BEFORE_SUPPORT, "timeelapsedbeforesupport",
       "timebeforesupport", "timebeforeseekingsupport", "timesinceincident",
       "timeelapsed"),
  SYN (PATHWAYS_FIELD_RISKS, "risks", "risk", "riskfactors", "identifiedrisks"),
  SYN (PATHWAYS_FIELD_ISSUES, "issues", "issue", "presentingissues"),
  SYN (PATHWAYS_FIELD_IMPACTS, "impacts", "impact", "incidentimpact", "incidentimpacts",
       "impactofincident"),
  SYN (PATHWAYS_FIELD_AREA, "area", "district", "borough", "localauthority",
       "localauthorityarea", "areaofresidence", "residencearea", "districtborough"),
  SYN (PATHWAYS_FIELD_ETHNICITY_GROUP, "ethnicitygroup", "ethnicgroup5", "ethnicitybroad",
       "broadethnicgroup", "onsethnicgroup"),
  /* user fields are never detected: the user keeps a column as one in the mapping */
  { PATHWAYS_FIELD_USER_1, (const char * const []) { NULL } },
  { PATHWAYS_FIELD_USER_2, (const char * const []) { NULL } },
  { PATHWAYS_FIELD_USER_3, (const char * const []) { NULL } },
  { PATHWAYS_FIELD_USER_4, (const char * const []) { NULL } },
  SYN (PATHWAYS_FIELD_SERVICE_CASE_ID, "caseid", "clientcaseid", "caseref",
       "casereference", "casenumber", "caseno", "casecode", "referralid", "referralref",
       "referralreference", "referralnumber"),
  SYN (PATHWAYS_FIELD_SERVICE_ID, "serviceid", "servicereference", "serviceref",
       "servicenumber"),
  SYN (PATHWAYS_FIELD_SERVICE_TYPE, "servicetype", "service", "typeofservice",
       "servicecategory"),
  SYN (PATHWAYS_FIELD_SERVICE_DETAIL, "servicedetail", "servicename", "servicesubtype",
       "servicedescription"),
  SYN (PATHWAYS_FIELD_SERVICE_REFERRAL_DATE, "servicereferraldate", "waitinglistdate",
       "dateaddedtowaitinglist", "waitlistdate", "datereferredtoservice"),
  SYN (PATHWAYS_FIELD_SERVICE_START_DATE, "servicestartdate", "firstappointmentdate",
       "datefirstappointment", "dateoffirstappointment"),
  SYN (PATHWAYS_FIELD_SERVICE_END_DATE, "serviceenddate", "serviceclosuredate",
       "serviceclosedate", "dateserviceended"),
  SYN (PATHWAYS_FIELD_SERVICE_CLOSURE_REASON, "serviceclosurereason", "serviceoutcome",
       "serviceendreason", "reasonserviceended"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (synonyms) == PATHWAYS_N_FIELDS);

/* Header key for detection: case folded, only letters and digits kept. */
static char *
header_key (const char *s)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  folded = g_utf8_casefold (s, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Detection */

static gboolean
column_taken (PathwaysMapping   *self,
              PathwaysTableKind  table,
              const char        *column)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (pathways_field_get_table (f) == table
        && g_strcmp0 (pathways_mapping_get_column (self, f), column) == 0)
      return TRUE;

  return FALSE;
}

/* Assigns FIELD the first free column whose key is KEY. */
static gboolean
detect_one (PathwaysMapping    *self,
            PathwaysField       field,
            const char         *key,
            const char * const *header,
            char              **keys,
            guint               n_columns)
{
  PathwaysTableKind table = pathways_field_get_table (field);

  for (guint c = 0; c < n_columns; c++)
    {
      if (keys[c] == NULL || strcmp (keys[c], key) != 0)
        continue;
      if (column_taken (self, table, header[c]))
        continue;
      pathways_mapping_set_column (self, field, header[c]);
      return TRUE;
    }

  return FALSE;
}

guint
pathways_mapping_detect_columns (PathwaysMapping    *self,
                                 PathwaysTableKind   table,
                                 const char * const *header,
                                 guint               n_columns)
{
  g_auto(GStrv) keys = NULL;
  guint assigned = 0;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), 0);
  g_return_val_if_fail (table == PATHWAYS_TABLE_CASES || table == PATHWAYS_TABLE_SERVICES, 0);
  g_return_val_if_fail (header != NULL || n_columns == 0, 0);

  keys = g_new0 (char *, n_columns + 1);
  for (guint c = 0; c < n_columns; c++)
    if (header[c] != NULL)
      keys[c] = header_key (header[c]);

  /* Pass 1: canonical names ("referral_date", "Referral Date") win over synonyms, so a
   * file with both "case_id" and "caseref" maps case_id to "case_id". */
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      g_autofree char *key = NULL;

      if (pathways_field_get_table (f) != table || pathways_mapping_get_column (self, f) != NULL)
        continue;
      key = header_key (pathways_field_get_name (f));
      if (detect_one (self, f, key, header, keys, n_columns))
        assigned++;
    }

  /* Pass 2: synonyms, in field order, each field's synonyms in order of preference. */
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (pathways_field_get_table (f) != table || pathways_mapping_get_column (self, f) != NULL)
        continue;
      g_assert (synonyms[f].field == f);
      for (guint s = 0; synonyms[f].synonyms[s] != NULL; s++)
        {
          if (detect_one (self, f, synonyms[f].synonyms[s], header, keys, n_columns))
            {
              assigned++;
              break;
            }
        }
    }

  return assigned;
}

/* Presets */

static const char * const preset_names[] = { "dpms", "sample", NULL };

static const char dpms_preset[] =
  "{\n"
  "  \"format\": \"pathways-mapping\",\n"
  "  \"version\": 1,\n"
  "  \"name\": \"DPMS\",\n"
  "  \"cases\": {\n"
  "    \"case_id\": \"clientcaseid\",\n"
  "    \"person_id\": \"personid\",\n"
  "    \"referral_date\": \"startdate\",\n"
  "    \"first_contact_date\": \"firstcontactdate\",\n"
  "    \"assessment_date\": \"assessmentdate\",\n"
  "    \"closure_date\": \"enddate\",\n"
  "    \"closure_reason\": \"closurereason\",\n"
  "    \"referral_source\": \"referralsource1\",\n"
  "    \"referral_source_detail\": \"referralsource2\",\n"
  "    \"primary_incident\": \"primaryincident\",\n"
  "    \"new_or_returning\": \"newreturner\",\n"
  "    \"client_role\": \"role\",\n"
  "    \"gender\": \"gender\",\n"
  "    \"ethnicity\": \"ethnicity1\",\n"
  "    \"disability\": \"disabilities\",\n"
  "    \"sexuality\": \"sexuality\",\n"
  "    \"religion\": \"religion\",\n"
  "    \"accommodation\": \"accommodation\",\n"
  "    \"employment\": \"employmentstatus\",\n"
  "    \"age_band\": \"ageband\",\n"
  "    \"time_before_support\": \"timeelapsedbeforesupport\",\n"
  "    \"risks\": \"risks\",\n"
  "    \"issues\": \"issues\",\n"
  "    \"impacts\": \"incidentimpact\"\n"
  "  },\n"
  "  \"services\": {\n"
  "    \"case_id\": \"clientcaseid\",\n"
  "    \"service_id\": \"serviceid\",\n"
  "    \"service_type\": \"servicetype\",\n"
  "    \"service_detail\": \"servicename\",\n"
  "    \"service_referral_date\": \"waitinglistdate\",\n"
  "    \"service_start_date\": \"servicestartdate\",\n"
  "    \"service_end_date\": \"serviceenddate\",\n"
  "    \"service_closure_reason\": \"serviceclosurereason\"\n"
  "  },\n"
  "  \"values\": {\n"
  "    \"referral_source\": {\n"
  "      \"Essex Police\": \"Police\",\n"
  "      \"British Transport Police\": \"Police\",\n"
  "      \"Metropolitan Police\": \"Police\",\n"
  "      \"Metropolitan Police Service\": \"Police\",\n"
  "      \"Police\": \"Police\",\n"
  "      \"Self\": \"Self-referral\",\n"
  "      \"Self referral\": \"Self-referral\",\n"
  "      \"Family/friend\": \"Self-referral\",\n"
  "      \"SARC\": \"Healthcare\",\n"
  "      \"GP\": \"Healthcare\",\n"
  "      \"IAPT\": \"Healthcare\",\n"
  "      \"Mental health services\": \"Healthcare\",\n"
  "      \"Hospital\": \"Healthcare\",\n"
  "      \"Hospital/A&E\": \"Healthcare\",\n"
  "      \"Other health\": \"Healthcare\",\n"
  "      \"Healthcare agency\": \"Healthcare\",\n"
  "      \"Domestic violence service\": \"Support service\",\n"
  "      \"Other rape crisis centre\": \"Support service\",\n"
  "      \"Victim Support\": \"Support service\",\n"
  "      \"Voluntary organisation\": \"Support service\",\n"
  "      \"Housing support\": \"Support service\",\n"
  "      \"Drug and alcohol service\": \"Support service\",\n"
  "      \"Young people's service\": \"Support service\",\n"
  "      \"Support service\": \"Support service\",\n"
  "      \"Social services\": \"Local authority\",\n"
  "      \"Adult social care\": \"Local authority\",\n"
  "      \"Education/college\": \"Local authority\",\n"
  "      \"Local authority\": \"Local authority\",\n"
  "      \"Employer\": \"Other\",\n"
  "      \"Solicitor\": \"Other\",\n"
  "      \"University\": \"Other\",\n"
  "      \"Other\": \"Other\"\n"
  "    },\n"
  "    \"primary_incident\": {\n"
  "      \"Childhood sexual abuse\": \"Child sexual abuse\",\n"
  "      \"Sexual assault\": \"Sexual violence\",\n"
  "      \"Domestic violence\": \"Domestic abuse\",\n"
  "      \"Stalking/harassment\": \"Stalking and harassment\",\n"
  "      \"N/A - secondary victim-survivor\": \"No incident\"\n"
  "    },\n"
  "    \"time_before_support\": {\n"
  "      \"Less than 1 week\": \"Less than a week\",\n"
  "      \"1 week - 1 month\": \"1 week to 1 month\",\n"
  "      \"1-6 months\": \"1 to 6 months\",\n"
  "      \"6-12 months\": \"6 to 12 months\",\n"
  "      \"1-2 years\": \"1 to 2 years\",\n"
  "      \"Over 2 years\": \"More than 2 years\"\n"
  "    },\n"
  "    \"service_type\": {\n"
  "      \"Counselling\": \"Therapy\",\n"
  "      \"Telephone counselling\": \"Therapy\",\n"
  "      \"Pre-trial therapy\": \"Therapy\",\n"
  "      \"Therapy - other\": \"Therapy\",\n"
  "      \"Therapy\": \"Therapy\",\n"
  "      \"ISVA\": \"Advocacy\",\n"
  "      \"Financial Advocacy\": \"Advocacy\",\n"
  "      \"Legal Advocacy\": \"Advocacy\",\n"
  "      \"Health Advocacy\": \"Advocacy\",\n"
  "      \"Education Advocacy\": \"Advocacy\",\n"
  "      \"Advocacy\": \"Advocacy\",\n"
  "      \"Group Work\": \"Groups\",\n"
  "      \"Helpline\": \"Helpline\",\n"
  "      \"Outreach\": \"Outreach\"\n"
  "    }\n"
  "  },\n"
  "  \"date_order\": {\n"
  "    \"referral_date\": \"dmy\",\n"
  "    \"first_contact_date\": \"dmy\",\n"
  "    \"assessment_date\": \"dmy\",\n"
  "    \"closure_date\": \"dmy\",\n"
  "    \"date_of_birth\": \"dmy\",\n"
  "    \"service_referral_date\": \"dmy\",\n"
  "    \"service_start_date\": \"dmy\",\n"
  "    \"service_end_date\": \"dmy\"\n"
  "  }\n"
  "}\n";

const char * const *
pathways_mapping_list_presets (void)
{
  return preset_names;
}

static PathwaysMapping *
new_sample_preset (void)
{
  PathwaysMapping *self = pathways_mapping_new ();

  pathways_mapping_set_name (self, "Sample");
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      /* The sample records age bands, not ages or dates of birth. */
      if (f == PATHWAYS_FIELD_AGE || f == PATHWAYS_FIELD_DATE_OF_BIRTH)
        continue;
      /* the ethnic group is derived from ethnicity; the sample has no user fields */
      if (f == PATHWAYS_FIELD_ETHNICITY_GROUP || PATHWAYS_FIELD_IS_USER (f))
        continue;
      pathways_mapping_set_column (self, f, pathways_field_get_name (f));
      if (pathways_field_get_kind (f) == PATHWAYS_KIND_DATE)
        pathways_mapping_set_date_order (self, f, PATHWAYS_DATE_ORDER_YMD);
    }

  return self;
}

PathwaysMapping *
pathways_mapping_new_preset (const char  *name,
                             GError     **error)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_ascii_strcasecmp (name, "dpms") == 0)
    {
      g_autoptr(GError) local_error = NULL;
      PathwaysMapping *self = pathways_mapping_new_from_data (dpms_preset, -1, &local_error);

      /* The preset is compiled in; the tests load it. */
      g_assert_no_error (local_error);
      return self;
    }
  if (g_ascii_strcasecmp (name, "sample") == 0)
    return new_sample_preset ();

  {
    g_autofree char *names = g_strjoinv (", ", (char **) preset_names);

    g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                 _("There is no mapping preset “%s”; the presets are: %s"), name, names);
  }
  return NULL;
}

PathwaysMapping *
pathways_mapping_new_for_argument (const char  *file_or_preset,
                                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PathwaysMapping *self;

  g_return_val_if_fail (file_or_preset != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; preset_names[i] != NULL; i++)
    if (g_ascii_strcasecmp (file_or_preset, preset_names[i]) == 0)
      return pathways_mapping_new_preset (file_or_preset, error);

  self = pathways_mapping_new_from_file (file_or_preset, &local_error);
  if (self != NULL)
    return self;

  if (g_error_matches (local_error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_IO)
      && !g_file_test (file_or_preset, G_FILE_TEST_EXISTS))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) preset_names);
      g_autofree char *display = g_filename_display_name (file_or_preset);

      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                   _("“%s” is neither a mapping preset (%s) nor an existing mapping file"),
                   display, names);
      return NULL;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
