/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-field"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-field.h"

static const PathwaysFieldInfo fields[PATHWAYS_N_FIELDS] = {
  { PATHWAYS_FIELD_CASE_ID, "case_id", N_("Case ID"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_KEY },
  { PATHWAYS_FIELD_PERSON_ID, "person_id", N_("Person ID"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_KEY },
  { PATHWAYS_FIELD_REFERRAL_DATE, "referral_date", N_("Referral date"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_DATE },
  { PATHWAYS_FIELD_FIRST_CONTACT_DATE, "first_contact_date", N_("First contact date"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_DATE },
  { PATHWAYS_FIELD_ASSESSMENT_DATE, "assessment_date", N_("Assessment date"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_DATE },
  { PATHWAYS_FIELD_CLOSURE_DATE, "closure_date", N_("Closure date"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_DATE },
  { PATHWAYS_FIELD_CLOSURE_REASON, "closure_reason", N_("Closure reason"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_REFERRAL_SOURCE, "referral_source", N_("Referral source"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_REFERRAL_SOURCE_DETAIL, "referral_source_detail", N_("Referral source detail"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_PRIMARY_INCIDENT, "primary_incident", N_("Primary incident"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_NEW_OR_RETURNING, "new_or_returning", N_("New or returning"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_CLIENT_ROLE, "client_role", N_("Client role"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_GENDER, "gender", N_("Gender"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_ETHNICITY, "ethnicity", N_("Ethnicity"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_DISABILITY, "disability", N_("Disability"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_SEXUALITY, "sexuality", N_("Sexuality"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_RELIGION, "religion", N_("Religion"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_ACCOMMODATION, "accommodation", N_("Accommodation"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_EMPLOYMENT, "employment", N_("Employment"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_AGE, "age", N_("Age at referral"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_INTEGER },
  { PATHWAYS_FIELD_DATE_OF_BIRTH, "date_of_birth", N_("Date of birth"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_DATE },
  { PATHWAYS_FIELD_AGE_BAND, "age_band", N_("Age band"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_TIME_BEFORE_SUPPORT, "time_before_support", N_("Time before seeking support"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_RISKS, "risks", N_("Risks"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_MULTI },
  { PATHWAYS_FIELD_ISSUES, "issues", N_("Issues"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_MULTI },
  { PATHWAYS_FIELD_IMPACTS, "impacts", N_("Impacts"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_MULTI },
  { PATHWAYS_FIELD_AREA, "area", N_("Area"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_ETHNICITY_GROUP, "ethnicity_group", N_("Ethnic group"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_USER_1, "user_1", N_("User field 1"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_USER_2, "user_2", N_("User field 2"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_USER_3, "user_3", N_("User field 3"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_USER_4, "user_4", N_("User field 4"), PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_SERVICE_CASE_ID, "case_id", N_("Case ID"), PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_KEY },
  { PATHWAYS_FIELD_SERVICE_ID, "service_id", N_("Service ID"), PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_KEY },
  { PATHWAYS_FIELD_SERVICE_TYPE, "service_type", N_("Service type"), PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_SERVICE_DETAIL, "service_detail", N_("Service detail"), PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_CATEGORY },
  { PATHWAYS_FIELD_SERVICE_REFERRAL_DATE, "service_referral_date", N_("Service referral date"), PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_DATE },
  { PATHWAYS_FIELD_SERVICE_START_DATE, "service_start_date", N_("Service start date"), PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_DATE },
  { PATHWAYS_FIELD_SERVICE_END_DATE, "service_end_date", N_("Service end date"), PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_DATE },
  { PATHWAYS_FIELD_SERVICE_CLOSURE_REASON, "service_closure_reason", N_("Service closure reason"), PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_CATEGORY },
};

const PathwaysFieldInfo *
pathways_field_get_info (PathwaysField field)
{
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);
  g_assert (fields[field].field == field);
  return &fields[field];
}

const char *
pathways_field_get_name (PathwaysField field)
{
  return pathways_field_get_info (field)->name;
}

const char *
pathways_field_get_label (PathwaysField field)
{
  return g_dgettext (GETTEXT_PACKAGE, pathways_field_get_info (field)->label);
}

PathwaysFieldKind
pathways_field_get_kind (PathwaysField field)
{
  return pathways_field_get_info (field)->kind;
}

PathwaysTableKind
pathways_field_get_table (PathwaysField field)
{
  return pathways_field_get_info (field)->table;
}

gboolean
pathways_field_from_name (PathwaysTableKind  table,
                          const char        *name,
                          PathwaysField     *out_field)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    {
      if (fields[i].table == table && g_strcmp0 (fields[i].name, name) == 0)
        {
          if (out_field != NULL)
            *out_field = fields[i].field;
          return TRUE;
        }
    }

  return FALSE;
}
