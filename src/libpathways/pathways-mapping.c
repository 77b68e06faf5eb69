/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-mapping.c: column assignments, value groupings, closure classes, missing
 * spellings and date orders, with their JSON file format (docs/mapping-format.md). */
#define G_LOG_DOMAIN "pathways-mapping"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pathways-mapping.h"

#define MAPPING_FORMAT_NAME    "pathways-mapping"
#define MAPPING_FORMAT_VERSION 1
/* A mapping is a few kilobytes; anything this large is not one. */
#define MAPPING_MAX_FILE_SIZE  (10 * 1024 * 1024)
/* Arrays and objects inside each other: the format needs 3; json-glib parses them by
 * recursion, and 100,000 levels overflow the stack. */
#define MAPPING_MAX_DEPTH      32

/* One value grouping or closure-class assignment: the spelling as the user wrote it
 * (kept for saving) and what it maps to. Stored in hash tables keyed by the folded
 * spelling. */
typedef struct {
  char                 *source;
  char                 *canonical;
  PathwaysClosureClass  klass;
} Entry;

struct _PathwaysMapping
{
  GObject            parent_instance;

  char              *name;
  char              *columns[PATHWAYS_N_FIELDS];
  /* folded source value -> Entry; NULL until the field gets its first grouping */
  GHashTable        *values[PATHWAYS_N_FIELDS];
  /* folded reason -> Entry */
  GHashTable        *closure_classes;
  /* spellings as given, in order, and their folded forms for look-up */
  GPtrArray         *missing_values;
  GHashTable        *missing_folded;
  GPtrArray         *explicit_none;
  GHashTable        *explicit_none_folded;
  PathwaysDateOrder  date_orders[PATHWAYS_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PathwaysMapping, pathways_mapping, G_TYPE_OBJECT)
G_DEFINE_QUARK (pathways-mapping-error-quark, pathways_mapping_error)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const default_missing_values[] = {
  "", "NA", "N/A", "null", "Unknown", "Not known", "Not recorded",
  "Not able to obtain", "Prefer not to say", "Did not disclose", NULL
};

static const char * const default_explicit_none[] = {
  "None", "None currently known", "No risks", "No known current risk", NULL
};

/* Default closure classes (spec/metrics.md "Closure classes"), compared folded.
 * A reason in none of these lists, and not assigned by the mapping, is "other": a
 * guess either way would inflate the planned or the unplanned rate, and the user can
 * reassign it. */
static const char * const default_planned[] = {
  "Planned closure", "Planned ending", "Completed", "Support completed", NULL
};

static const char * const default_unplanned[] = {
  "Did not engage", "Disengaged", "Declined service", "No service received",
  "Unplanned closure", "Not brought to service", "DNE W/L", "Service denied",
  "Dual status service denied", "Service withdrawn", "Referral withdrawn",
  "Referral incomplete", "Inappropriate referral", "Unexpected closure", NULL
};

static const char * const default_other[] = {
  "Referred on", "Transferred to another worker", "Transferred to another RC Centre",
  "Engaged W/L", "Deceased", "Deferred", NULL
};

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

/* Folding */

static inline gboolean
is_fold_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '-' || c == '_'
         || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014;
}

/* Fast path for short ASCII strings, the usual cell: folds S into BUF and returns it,
 * or returns NULL when S is not short ASCII. */
static const char *
fold_ascii (const char *s,
            char       *buf,
            gsize       buf_size)
{
  gsize n = 0;
  gboolean pending_space = FALSE;

  for (const char *p = s; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c >= 0x80)
        return NULL;
      if (g_ascii_isspace (c) || c == '-' || c == '_')
        {
          pending_space = n > 0;
          continue;
        }
      if (n + 2 >= buf_size)
        return NULL;
      if (pending_space)
        buf[n++] = ' ';
      pending_space = FALSE;
      buf[n++] = g_ascii_tolower (c);
    }

  buf[n] = '\0';
  return buf;
}

char *
pathways_fold (const char *s)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (s != NULL, NULL);

  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  folded = g_utf8_casefold (s, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_fold_separator (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Looks KEY up in TABLE, folding it first (without allocating for short ASCII). */
static gpointer
lookup_folded (GHashTable *table,
               const char *key)
{
  char buf[256];
  const char *folded;
  g_autofree char *slow = NULL;

  if (table == NULL || key == NULL)
    return NULL;

  folded = fold_ascii (key, buf, sizeof buf);
  if (folded == NULL)
    folded = slow = pathways_fold (key);

  return g_hash_table_lookup (table, folded);
}

static gboolean
contains_folded (GHashTable *table,
                 const char *key)
{
  char buf[256];
  const char *folded;
  g_autofree char *slow = NULL;

  folded = fold_ascii (key, buf, sizeof buf);
  if (folded == NULL)
    folded = slow = pathways_fold (key);

  return g_hash_table_contains (table, folded);
}

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

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* g_set_str () is GLib 2.76. */
static gboolean
set_str (char       **str_pointer,
         const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;
  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

/* Entries */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->source);
  g_free (entry->canonical);
  g_free (entry);
}

static GHashTable *
entry_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

static GHashTable *
entry_table_copy (GHashTable *table)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (table == NULL)
    return NULL;

  copy = entry_table_new ();
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Entry *entry = value;
      Entry *dup = g_new0 (Entry, 1);

      dup->source = g_strdup (entry->source);
      dup->canonical = g_strdup (entry->canonical);
      dup->klass = entry->klass;
      g_hash_table_insert (copy, g_strdup (key), dup);
    }

  return copy;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(const Entry * const *) a;
  const Entry *eb = *(const Entry * const *) b;
  g_autofree char *fa = pathways_fold (ea->source);
  g_autofree char *fb = pathways_fold (eb->source);
  int cmp = strcmp (fa, fb);

  return cmp != 0 ? cmp : strcmp (ea->source, eb->source);
}

/* The entries of TABLE sorted by folded source, for stable output. */
static GPtrArray *
sorted_entries (GHashTable *table)
{
  GPtrArray *array = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (table == NULL)
    return array;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (array, value);
  g_ptr_array_sort (array, compare_entries);

  return array;
}

/* Spelling lists (missing values, explicit none) */

static void
spelling_list_set (GPtrArray         **list,
                   GHashTable        **folded,
                   const char * const *values)
{
  g_clear_pointer (list, g_ptr_array_unref);
  g_clear_pointer (folded, g_hash_table_unref);

  *list = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  *folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *key = pathways_fold (values[i]);

      /* Spellings that fold alike are one spelling: keep the first. */
      if (g_hash_table_contains (*folded, key))
        continue;
      g_ptr_array_add (*list, g_strdup (values[i]));
      g_hash_table_add (*folded, g_steal_pointer (&key));
    }
}

static char **
spelling_list_dup (GPtrArray *list)
{
  /* An empty array may have no pdata at all. */
  if (list->pdata == NULL)
    return g_new0 (char *, 1);
  return g_strdupv ((char **) list->pdata);
}

/* GObject */

static void
pathways_mapping_finalize (GObject *object)
{
  PathwaysMapping *self = (PathwaysMapping *) object;

  g_clear_pointer (&self->name, g_free);
  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    {
      g_clear_pointer (&self->columns[i], g_free);
      g_clear_pointer (&self->values[i], g_hash_table_unref);
    }
  g_clear_pointer (&self->closure_classes, g_hash_table_unref);
  g_clear_pointer (&self->missing_values, g_ptr_array_unref);
  g_clear_pointer (&self->missing_folded, g_hash_table_unref);
  g_clear_pointer (&self->explicit_none, g_ptr_array_unref);
  g_clear_pointer (&self->explicit_none_folded, g_hash_table_unref);

  G_OBJECT_CLASS (pathways_mapping_parent_class)->finalize (object);
}

static void
pathways_mapping_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PathwaysMapping *self = PATHWAYS_MAPPING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_mapping_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PathwaysMapping *self = PATHWAYS_MAPPING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pathways_mapping_set_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_mapping_class_init (PathwaysMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pathways_mapping_finalize;
  object_class->get_property = pathways_mapping_get_property;
  object_class->set_property = pathways_mapping_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pathways_mapping_init (PathwaysMapping *self)
{
  self->closure_classes = entry_table_new ();
  spelling_list_set (&self->missing_values, &self->missing_folded,
                     default_missing_values);
  spelling_list_set (&self->explicit_none, &self->explicit_none_folded,
                     default_explicit_none);
  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    self->date_orders[i] = PATHWAYS_DATE_ORDER_AUTO;
}

PathwaysMapping *
pathways_mapping_new (void)
{
  return g_object_new (PATHWAYS_TYPE_MAPPING, NULL);
}

PathwaysMapping *
pathways_mapping_copy (PathwaysMapping *self)
{
  PathwaysMapping *copy;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  copy = pathways_mapping_new ();
  copy->name = g_strdup (self->name);
  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    {
      copy->columns[i] = g_strdup (self->columns[i]);
      copy->values[i] = entry_table_copy (self->values[i]);
      copy->date_orders[i] = self->date_orders[i];
    }
  g_hash_table_unref (copy->closure_classes);
  copy->closure_classes = entry_table_copy (self->closure_classes);
  spelling_list_set (&copy->missing_values, &copy->missing_folded,
                     (const char * const *) self->missing_values->pdata);
  spelling_list_set (&copy->explicit_none, &copy->explicit_none_folded,
                     (const char * const *) self->explicit_none->pdata);

  return copy;
}

const char *
pathways_mapping_get_name (PathwaysMapping *self)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  return self->name;
}

void
pathways_mapping_set_name (PathwaysMapping *self,
                           const char      *name)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));

  if (set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* Columns */

const char *
pathways_mapping_get_column (PathwaysMapping *self,
                             PathwaysField    field)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  return self->columns[field];
}

void
pathways_mapping_set_column (PathwaysMapping *self,
                             PathwaysField    field,
                             const char      *column)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (field < PATHWAYS_N_FIELDS);

  set_str (&self->columns[field], column);
}

static gboolean
column_taken (PathwaysMapping   *self,
              PathwaysTableKind  table,
              const char        *column)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (pathways_field_get_table (f) == table
        && g_strcmp0 (self->columns[f], column) == 0)
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

      if (pathways_field_get_table (f) != table || self->columns[f] != NULL)
        continue;
      key = header_key (pathways_field_get_name (f));
      if (detect_one (self, f, key, header, keys, n_columns))
        assigned++;
    }

  /* Pass 2: synonyms, in field order, each field's synonyms in order of preference. */
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (pathways_field_get_table (f) != table || self->columns[f] != NULL)
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

/* Values */

static gboolean
field_has_values (PathwaysField field)
{
  PathwaysFieldKind kind = pathways_field_get_kind (field);

  return kind == PATHWAYS_KIND_CATEGORY || kind == PATHWAYS_KIND_MULTI;
}

void
pathways_mapping_set_value (PathwaysMapping *self,
                            PathwaysField    field,
                            const char      *source_value,
                            const char      *canonical_value)
{
  g_autofree char *key = NULL;

  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (field < PATHWAYS_N_FIELDS);
  g_return_if_fail (field_has_values (field));
  g_return_if_fail (source_value != NULL);

  key = pathways_fold (source_value);

  if (canonical_value == NULL)
    {
      if (self->values[field] != NULL)
        g_hash_table_remove (self->values[field], key);
      return;
    }

  {
    Entry *entry = g_new0 (Entry, 1);

    entry->source = g_strdup (source_value);
    entry->canonical = g_strdup (canonical_value);
    if (self->values[field] == NULL)
      self->values[field] = entry_table_new ();
    g_hash_table_replace (self->values[field], g_steal_pointer (&key), entry);
  }
}

const char *
pathways_mapping_get_value (PathwaysMapping *self,
                            PathwaysField    field,
                            const char      *source_value)
{
  const Entry *entry;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);
  g_return_val_if_fail (source_value != NULL, NULL);

  entry = lookup_folded (self->values[field], source_value);
  return entry != NULL ? entry->canonical : NULL;
}

char **
pathways_mapping_get_value_sources (PathwaysMapping *self,
                                    PathwaysField    field)
{
  g_autoptr(GPtrArray) entries = NULL;
  char **strv;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  entries = sorted_entries (self->values[field]);
  strv = g_new0 (char *, entries->len + 1);
  for (guint i = 0; i < entries->len; i++)
    strv[i] = g_strdup (((Entry *) g_ptr_array_index (entries, i))->source);

  return strv;
}

gboolean
pathways_mapping_is_missing (PathwaysMapping *self,
                             const char      *raw)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), TRUE);

  /* A blank cell is missing whatever the list says: it has no value to show. */
  if (raw == NULL || is_blank (raw))
    return TRUE;

  return contains_folded (self->missing_folded, raw);
}

const char *
pathways_mapping_map_value (PathwaysMapping *self,
                            PathwaysField    field,
                            const char      *raw)
{
  const Entry *entry;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  if (raw == NULL || is_blank (raw))
    return NULL;

  /* An explicit grouping wins over the missing spellings: grouping "Unknown" onto
   * "Other" is a deliberate choice. A grouping onto a missing spelling ("Not
   * recorded") makes the value missing. */
  entry = lookup_folded (self->values[field], raw);
  if (entry != NULL)
    {
      if (pathways_mapping_is_missing (self, entry->canonical)
          || g_ascii_strcasecmp (entry->canonical, PATHWAYS_NOT_RECORDED) == 0)
        return NULL;
      return entry->canonical;
    }

  if (pathways_mapping_is_missing (self, raw))
    return NULL;

  return raw;
}

gboolean
pathways_mapping_is_explicit_none (PathwaysMapping *self,
                                   const char      *raw)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), FALSE);

  if (raw == NULL)
    return FALSE;

  return contains_folded (self->explicit_none_folded, raw);
}

char **
pathways_mapping_get_missing_values (PathwaysMapping *self)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  return spelling_list_dup (self->missing_values);
}

void
pathways_mapping_set_missing_values (PathwaysMapping    *self,
                                     const char * const *values)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));

  spelling_list_set (&self->missing_values, &self->missing_folded, values);
}

char **
pathways_mapping_get_explicit_none (PathwaysMapping *self)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  return spelling_list_dup (self->explicit_none);
}

void
pathways_mapping_set_explicit_none (PathwaysMapping    *self,
                                    const char * const *values)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));

  spelling_list_set (&self->explicit_none, &self->explicit_none_folded, values);
}

/* Closure classes */

static const char * const closure_class_names[PATHWAYS_N_CLOSURE_CLASSES] = {
  [PATHWAYS_CLOSURE_PLANNED] = "planned",
  [PATHWAYS_CLOSURE_OTHER] = "other",
  [PATHWAYS_CLOSURE_UNPLANNED] = "unplanned",
  [PATHWAYS_CLOSURE_NOT_RECORDED] = "not_recorded",
};

const char *
pathways_closure_class_to_string (PathwaysClosureClass klass)
{
  g_return_val_if_fail (klass < PATHWAYS_N_CLOSURE_CLASSES, NULL);

  return closure_class_names[klass];
}

gboolean
pathways_closure_class_from_string (const char           *s,
                                    PathwaysClosureClass *out)
{
  g_return_val_if_fail (s != NULL, FALSE);

  for (guint i = 0; i < PATHWAYS_N_CLOSURE_CLASSES; i++)
    {
      if (g_ascii_strcasecmp (s, closure_class_names[i]) == 0)
        {
          if (out != NULL)
            *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
in_default_list (const char * const *list,
                 const char         *folded)
{
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *item = pathways_fold (list[i]);

      if (strcmp (item, folded) == 0)
        return TRUE;
    }

  return FALSE;
}

PathwaysClosureClass
pathways_mapping_get_default_closure_class (const char *reason)
{
  g_autofree char *folded = NULL;

  if (reason == NULL)
    return PATHWAYS_CLOSURE_NOT_RECORDED;

  folded = pathways_fold (reason);
  if (folded[0] == '\0' || strcmp (folded, "not recorded") == 0)
    return PATHWAYS_CLOSURE_NOT_RECORDED;
  if (in_default_list (default_planned, folded))
    return PATHWAYS_CLOSURE_PLANNED;
  if (in_default_list (default_unplanned, folded))
    return PATHWAYS_CLOSURE_UNPLANNED;
  if (in_default_list (default_other, folded))
    return PATHWAYS_CLOSURE_OTHER;
  /* A reason nobody classified: "other", see default_planned above. */
  return PATHWAYS_CLOSURE_OTHER;
}

PathwaysClosureClass
pathways_mapping_get_closure_class (PathwaysMapping *self,
                                    const char      *reason)
{
  const Entry *entry;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), PATHWAYS_CLOSURE_NOT_RECORDED);

  if (reason == NULL || pathways_mapping_is_missing (self, reason))
    return PATHWAYS_CLOSURE_NOT_RECORDED;

  entry = lookup_folded (self->closure_classes, reason);
  if (entry != NULL)
    return entry->klass;

  return pathways_mapping_get_default_closure_class (reason);
}

void
pathways_mapping_set_closure_class (PathwaysMapping      *self,
                                    const char           *reason,
                                    PathwaysClosureClass  klass)
{
  Entry *entry;

  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (reason != NULL);
  g_return_if_fail (klass < PATHWAYS_N_CLOSURE_CLASSES);

  entry = g_new0 (Entry, 1);
  entry->source = g_strdup (reason);
  entry->klass = klass;
  g_hash_table_replace (self->closure_classes, pathways_fold (reason), entry);
}

void
pathways_mapping_unset_closure_class (PathwaysMapping *self,
                                      const char      *reason)
{
  g_autofree char *key = NULL;

  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (reason != NULL);

  key = pathways_fold (reason);
  g_hash_table_remove (self->closure_classes, key);
}

char **
pathways_mapping_get_closure_class_reasons (PathwaysMapping *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  char **strv;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  entries = sorted_entries (self->closure_classes);
  strv = g_new0 (char *, entries->len + 1);
  for (guint i = 0; i < entries->len; i++)
    strv[i] = g_strdup (((Entry *) g_ptr_array_index (entries, i))->source);

  return strv;
}

/* Date orders */

static const char * const date_order_names[] = {
  [PATHWAYS_DATE_ORDER_AUTO] = "auto",
  [PATHWAYS_DATE_ORDER_DMY] = "dmy",
  [PATHWAYS_DATE_ORDER_MDY] = "mdy",
  [PATHWAYS_DATE_ORDER_YMD] = "ymd",
};

const char *
pathways_date_order_to_string (PathwaysDateOrder order)
{
  g_return_val_if_fail (order < G_N_ELEMENTS (date_order_names), NULL);

  return date_order_names[order];
}

gboolean
pathways_date_order_from_string (const char        *s,
                                 PathwaysDateOrder *out)
{
  g_return_val_if_fail (s != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (date_order_names); i++)
    {
      if (g_ascii_strcasecmp (s, date_order_names[i]) == 0)
        {
          if (out != NULL)
            *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

PathwaysDateOrder
pathways_mapping_get_date_order (PathwaysMapping *self,
                                 PathwaysField    field)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), PATHWAYS_DATE_ORDER_AUTO);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, PATHWAYS_DATE_ORDER_AUTO);

  return self->date_orders[field];
}

void
pathways_mapping_set_date_order (PathwaysMapping   *self,
                                 PathwaysField      field,
                                 PathwaysDateOrder  order)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (field < PATHWAYS_N_FIELDS);
  g_return_if_fail (pathways_field_get_kind (field) == PATHWAYS_KIND_DATE);
  g_return_if_fail (order <= PATHWAYS_DATE_ORDER_YMD);

  self->date_orders[field] = order;
}

/* Equality */

static gboolean
entry_tables_equal (GHashTable *a,
                    GHashTable *b,
                    gboolean    compare_canonical)
{
  guint na = a != NULL ? g_hash_table_size (a) : 0;
  guint nb = b != NULL ? g_hash_table_size (b) : 0;
  GHashTableIter iter;
  gpointer key, value;

  if (na != nb)
    return FALSE;
  if (na == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Entry *ea = value;
      const Entry *eb = g_hash_table_lookup (b, key);

      if (eb == NULL || strcmp (ea->source, eb->source) != 0)
        return FALSE;
      if (compare_canonical ? strcmp (ea->canonical, eb->canonical) != 0
                            : ea->klass != eb->klass)
        return FALSE;
    }

  return TRUE;
}

static gboolean
spelling_lists_equal (GPtrArray *a,
                      GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
pathways_mapping_equal (PathwaysMapping *a,
                        PathwaysMapping *b)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (a), FALSE);
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (b), FALSE);

  if (g_strcmp0 (a->name, b->name) != 0)
    return FALSE;
  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    {
      if (g_strcmp0 (a->columns[i], b->columns[i]) != 0
          || a->date_orders[i] != b->date_orders[i]
          || !entry_tables_equal (a->values[i], b->values[i], TRUE))
        return FALSE;
    }

  return entry_tables_equal (a->closure_classes, b->closure_classes, FALSE)
         && spelling_lists_equal (a->missing_values, b->missing_values)
         && spelling_lists_equal (a->explicit_none, b->explicit_none);
}

/* Writing */

static void
append_json_string (GString    *out,
                    const char *s)
{
  g_autofree char *valid = NULL;

  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Starts member NAME of an object at indentation INDENT, after the FIRST member or
 * not. */
static void
append_member (GString    *out,
               guint       indent,
               gboolean   *first,
               const char *name)
{
  g_string_append (out, *first ? "\n" : ",\n");
  *first = FALSE;
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
  append_json_string (out, name);
  g_string_append (out, ": ");
}

static void
close_container (GString *out,
                 guint    indent,
                 gboolean empty,
                 char     closing)
{
  if (!empty)
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < indent; i++)
        g_string_append (out, "  ");
    }
  g_string_append_c (out, closing);
}

static void
append_columns (PathwaysMapping   *self,
                GString           *out,
                PathwaysTableKind  table)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (pathways_field_get_table (f) != table)
        continue;
      append_member (out, 2, &first, pathways_field_get_name (f));
      append_json_string (out, self->columns[f]);
    }
  close_container (out, 1, first, '}');
}

static void
append_string_array (GString   *out,
                     GPtrArray *list)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < list->len; i++)
    {
      g_string_append (out, i == 0 ? "\n    " : ",\n    ");
      append_json_string (out, g_ptr_array_index (list, i));
    }
  close_container (out, 1, list->len == 0, ']');
}

char *
pathways_mapping_to_data (PathwaysMapping *self)
{
  GString *out;
  gboolean first = TRUE;
  gboolean first_inner;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  out = g_string_new ("{");

  append_member (out, 1, &first, "format");
  append_json_string (out, MAPPING_FORMAT_NAME);
  append_member (out, 1, &first, "version");
  g_string_append_printf (out, "%d", MAPPING_FORMAT_VERSION);
  if (self->name != NULL)
    {
      append_member (out, 1, &first, "name");
      append_json_string (out, self->name);
    }

  append_member (out, 1, &first, "cases");
  append_columns (self, out, PATHWAYS_TABLE_CASES);
  append_member (out, 1, &first, "services");
  append_columns (self, out, PATHWAYS_TABLE_SERVICES);

  append_member (out, 1, &first, "values");
  g_string_append_c (out, '{');
  first_inner = TRUE;
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      g_autoptr(GPtrArray) entries = NULL;
      gboolean first_value = TRUE;

      if (self->values[f] == NULL || g_hash_table_size (self->values[f]) == 0)
        continue;
      entries = sorted_entries (self->values[f]);
      append_member (out, 2, &first_inner, pathways_field_get_name (f));
      g_string_append_c (out, '{');
      for (guint i = 0; i < entries->len; i++)
        {
          const Entry *entry = g_ptr_array_index (entries, i);

          append_member (out, 3, &first_value, entry->source);
          append_json_string (out, entry->canonical);
        }
      close_container (out, 2, first_value, '}');
    }
  close_container (out, 1, first_inner, '}');

  append_member (out, 1, &first, "closure_classes");
  g_string_append_c (out, '{');
  first_inner = TRUE;
  {
    g_autoptr(GPtrArray) entries = sorted_entries (self->closure_classes);

    for (guint i = 0; i < entries->len; i++)
      {
        const Entry *entry = g_ptr_array_index (entries, i);

        append_member (out, 2, &first_inner, entry->source);
        append_json_string (out, pathways_closure_class_to_string (entry->klass));
      }
  }
  close_container (out, 1, first_inner, '}');

  append_member (out, 1, &first, "missing_values");
  append_string_array (out, self->missing_values);
  append_member (out, 1, &first, "explicit_none");
  append_string_array (out, self->explicit_none);

  append_member (out, 1, &first, "date_order");
  g_string_append_c (out, '{');
  first_inner = TRUE;
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (self->date_orders[f] == PATHWAYS_DATE_ORDER_AUTO)
        continue;
      append_member (out, 2, &first_inner, pathways_field_get_name (f));
      append_json_string (out, pathways_date_order_to_string (self->date_orders[f]));
    }
  close_container (out, 1, first_inner, '}');

  close_container (out, 0, FALSE, '}');
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

gboolean
pathways_mapping_save (PathwaysMapping  *self,
                       const char       *path,
                       GError          **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = pathways_mapping_to_data (self);
  if (!g_file_set_contents (path, data, -1, &local_error))
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_IO,
                   _("Could not save the mapping: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Reading */

static const char *
json_type_label (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return _("a string");
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return _("true or false");
      return _("a number");
    }
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static JsonObject *
expect_object (JsonNode    *node,
               const char  *where,
               GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                   _("“%s” must be an object ({ … }), not %s"),
                   where, json_type_label (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static const char *
expect_string (JsonNode    *node,
               const char  *where,
               GError     **error)
{
  if (!is_string_node (node))
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                   _("%s must be a string in quotes, not %s"),
                   where, json_type_label (node));
      return NULL;
    }
  return json_node_get_string (node);
}

/* The canonical names of TABLE's fields (of KIND, or all when KIND < 0), comma
 * separated, for error messages. */
static char *
valid_field_names (PathwaysTableKind table,
                   int               kind)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (pathways_field_get_table (f) != table)
        continue;
      if (kind >= 0 && pathways_field_get_kind (f) != (PathwaysFieldKind) kind)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, pathways_field_get_name (f));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Field NAME of either table (case table first: "case_id" means the case's). */
static gboolean
field_from_any_name (const char    *name,
                     PathwaysField *out)
{
  return pathways_field_from_name (PATHWAYS_TABLE_CASES, name, out)
         || pathways_field_from_name (PATHWAYS_TABLE_SERVICES, name, out);
}

static gboolean
parse_columns (PathwaysMapping    *self,
               JsonNode           *node,
               PathwaysTableKind   table,
               const char         *key,
               GError            **error)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if ((object = expect_object (node, key, error)) == NULL)
    return FALSE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      PathwaysField field;
      const char *column;
      g_autofree char *where = NULL;

      if (!pathways_field_from_name (table, name, &field))
        {
          g_autofree char *valid = valid_field_names (table, -1);

          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                       _("“%s” has an unknown field “%s”; the fields are: %s"),
                       key, name, valid);
          return FALSE;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        {
          pathways_mapping_set_column (self, field, NULL);
          continue;
        }
      where = g_strdup_printf (_("The column of “%s” in “%s”"), name, key);
      if ((column = expect_string (value, where, error)) == NULL)
        return FALSE;
      /* An empty string is a hand edit's way of saying "not mapped". */
      pathways_mapping_set_column (self, field, column[0] != '\0' ? column : NULL);
    }

  return TRUE;
}

static gboolean
parse_values (PathwaysMapping  *self,
              JsonNode         *node,
              GError          **error)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if ((object = expect_object (node, "values", error)) == NULL)
    return FALSE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      PathwaysField field;
      JsonObject *groups;
      JsonObjectIter group_iter;
      const char *source;
      JsonNode *target;
      g_autofree char *where = NULL;

      if (!field_from_any_name (name, &field) || !field_has_values (field))
        {
          g_autofree char *cases = valid_field_names (PATHWAYS_TABLE_CASES, PATHWAYS_KIND_CATEGORY);
          g_autofree char *multi = valid_field_names (PATHWAYS_TABLE_CASES, PATHWAYS_KIND_MULTI);
          g_autofree char *services = valid_field_names (PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_CATEGORY);

          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                       _("“values” has an unknown category field “%s”; the category fields are: %s, %s, %s"),
                       name, cases, multi, services);
          return FALSE;
        }

      where = g_strdup_printf ("values.%s", name);
      if ((groups = expect_object (value, where, error)) == NULL)
        return FALSE;

      json_object_iter_init (&group_iter, groups);
      while (json_object_iter_next (&group_iter, &source, &target))
        {
          g_autofree char *what = g_strdup_printf (_("The value for “%s” in “%s”"),
                                                   source, where);
          const char *canonical;

          if ((canonical = expect_string (target, what, error)) == NULL)
            return FALSE;
          pathways_mapping_set_value (self, field, source, canonical);
        }
    }

  return TRUE;
}

static gboolean
parse_closure_classes (PathwaysMapping  *self,
                       JsonNode         *node,
                       GError          **error)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *reason;
  JsonNode *value;

  if ((object = expect_object (node, "closure_classes", error)) == NULL)
    return FALSE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &reason, &value))
    {
      g_autofree char *what = g_strdup_printf (_("The class of “%s” in “closure_classes”"),
                                               reason);
      PathwaysClosureClass klass;
      const char *name;

      if ((name = expect_string (value, what, error)) == NULL)
        return FALSE;
      if (!pathways_closure_class_from_string (name, &klass))
        {
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                       _("“closure_classes”: “%s” is not a closure class for “%s”; use planned, other, unplanned or not_recorded"),
                       name, reason);
          return FALSE;
        }
      pathways_mapping_set_closure_class (self, reason, klass);
    }

  return TRUE;
}

static char **
parse_string_list (JsonNode    *node,
                   const char  *key,
                   GError     **error)
{
  JsonArray *array;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                   _("“%s” must be a list ([ … ]) of strings, not %s"),
                   key, json_type_label (node));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_string_node (element))
        {
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                       _("“%s”: item %u must be a string in quotes, not %s"),
                       key, i + 1, json_type_label (element));
          return NULL;
        }
      g_ptr_array_add (list, g_strdup (json_node_get_string (element)));
    }
  g_ptr_array_add (list, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

static gboolean
parse_date_orders (PathwaysMapping  *self,
                   JsonNode         *node,
                   GError          **error)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if ((object = expect_object (node, "date_order", error)) == NULL)
    return FALSE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *what = NULL;
      PathwaysField field;
      PathwaysDateOrder order;
      const char *order_name;

      if (!field_from_any_name (name, &field)
          || pathways_field_get_kind (field) != PATHWAYS_KIND_DATE)
        {
          g_autofree char *cases = valid_field_names (PATHWAYS_TABLE_CASES, PATHWAYS_KIND_DATE);
          g_autofree char *services = valid_field_names (PATHWAYS_TABLE_SERVICES, PATHWAYS_KIND_DATE);

          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                       _("“date_order” has an unknown date field “%s”; the date fields are: %s, %s"),
                       name, cases, services);
          return FALSE;
        }

      what = g_strdup_printf (_("The date order of “%s”"), name);
      if ((order_name = expect_string (value, what, error)) == NULL)
        return FALSE;
      if (!pathways_date_order_from_string (order_name, &order))
        {
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                       _("“date_order”: “%s” is not a date order for “%s”; use auto, dmy, mdy or ymd"),
                       order_name, name);
          return FALSE;
        }
      pathways_mapping_set_date_order (self, field, order);
    }

  return TRUE;
}

static gboolean
parse_root (PathwaysMapping  *self,
            JsonNode         *root,
            GError          **error)
{
  static const char * const known_keys[] = {
    "format", "version", "name", "cases", "services", "values", "closure_classes",
    "missing_values", "explicit_none", "date_order", NULL
  };
  JsonObject *object;
  JsonNode *node;
  JsonObjectIter iter;
  const char *key;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                   _("Not a Pathways mapping: the file must hold one JSON object ({ … })"));
      return FALSE;
    }
  object = json_node_get_object (root);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, NULL))
    {
      if (!g_strv_contains (known_keys, key))
        {
          g_autofree char *valid = g_strjoinv (", ", (char **) known_keys);

          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                       _("Unknown key “%s” in the mapping; the keys are: %s"),
                       key, valid);
          return FALSE;
        }
    }

  if ((node = json_object_get_member (object, "format")) != NULL)
    {
      if (!is_string_node (node)
          || strcmp (json_node_get_string (node), MAPPING_FORMAT_NAME) != 0)
        {
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                       _("Not a Pathways mapping: “format” must be “%s”"),
                       MAPPING_FORMAT_NAME);
          return FALSE;
        }
    }

  if ((node = json_object_get_member (object, "version")) != NULL)
    {
      gint64 version;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                       _("“version” must be a whole number, not %s"),
                       json_type_label (node));
          return FALSE;
        }
      version = json_node_get_int (node);
      if (version > MAPPING_FORMAT_VERSION)
        {
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                       _("This mapping is version %" G_GINT64_FORMAT ", written by a newer Pathways; this one reads version %d"),
                       version, MAPPING_FORMAT_VERSION);
          return FALSE;
        }
      if (version < 1)
        {
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                       _("“version” %" G_GINT64_FORMAT " is not a mapping version"),
                       version);
          return FALSE;
        }
    }

  if ((node = json_object_get_member (object, "name")) != NULL
      && !JSON_NODE_HOLDS_NULL (node))
    {
      const char *name = expect_string (node, "“name”", error);

      if (name == NULL)
        return FALSE;
      pathways_mapping_set_name (self, name);
    }

  if ((node = json_object_get_member (object, "cases")) != NULL
      && !parse_columns (self, node, PATHWAYS_TABLE_CASES, "cases", error))
    return FALSE;
  if ((node = json_object_get_member (object, "services")) != NULL
      && !parse_columns (self, node, PATHWAYS_TABLE_SERVICES, "services", error))
    return FALSE;
  if ((node = json_object_get_member (object, "values")) != NULL
      && !parse_values (self, node, error))
    return FALSE;
  if ((node = json_object_get_member (object, "closure_classes")) != NULL
      && !parse_closure_classes (self, node, error))
    return FALSE;

  if ((node = json_object_get_member (object, "missing_values")) != NULL)
    {
      g_auto(GStrv) list = parse_string_list (node, "missing_values", error);

      if (list == NULL)
        return FALSE;
      pathways_mapping_set_missing_values (self, (const char * const *) list);
    }
  if ((node = json_object_get_member (object, "explicit_none")) != NULL)
    {
      g_auto(GStrv) list = parse_string_list (node, "explicit_none", error);

      if (list == NULL)
        return FALSE;
      pathways_mapping_set_explicit_none (self, (const char * const *) list);
    }

  if ((node = json_object_get_member (object, "date_order")) != NULL
      && !parse_date_orders (self, node, error))
    return FALSE;

  return TRUE;
}

/* json-glib accepts raw control characters and unknown escapes in strings, and can
 * turn them into bytes that are not UTF-8 instead of failing (found by fuzz-mapping):
 * every string and member name of the tree is checked, so that a mapping only ever
 * holds valid text. */
static gboolean
node_is_valid_text (JsonNode *node)
{
  if (node == NULL)   /* empty text: parse_root says what is wrong */
    return TRUE;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *child;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member, &child))
          if (!g_utf8_validate (member, -1, NULL) || !node_is_valid_text (child))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_valid_text (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL);
      return TRUE;
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* Rejects JSON text whose arrays and objects nest deeper than MAPPING_MAX_DEPTH,
 * before json-glib's recursive parser sees it. Brackets inside strings don't count. */
static gboolean
check_depth (const char  *data,
             gsize        len,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAPPING_MAX_DEPTH)
            {
              g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                           _("Not a Pathways mapping: line %u nests more than %d lists or objects inside each other"),
                           line, MAPPING_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

PathwaysMapping *
pathways_mapping_new_from_data (const char  *data,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PathwaysMapping) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > MAPPING_MAX_FILE_SIZE)
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                   _("Not a Pathways mapping: %" G_GSIZE_FORMAT " bytes is too large (at most %d MB)"),
                   len, MAPPING_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                   _("Not a Pathways mapping: the file holds binary data"));
      return NULL;
    }
  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                   _("Not a Pathways mapping: the file is not UTF-8 text"));
      return NULL;
    }

  if (!check_depth (data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib's message gives the line and column: "<data>:3:14: Parse error: …".
       * It may quote the offending token cut in the middle of a UTF-8 sequence (a
       * string holding control characters), so it is made valid before it is shown. */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);
      const char *message = valid;
      unsigned int line, column;
      int consumed = 0;

      if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2
          && consumed > 0)
        {
          message += consumed;
          if (g_str_has_prefix (message, "Parse error: "))
            message += strlen ("Parse error: ");
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                       _("Not valid JSON at line %u, column %u: %s"),
                       line, column, message);
        }
      else
        g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                     _("Not valid JSON: %s"), message);
      return NULL;
    }

  if (!node_is_valid_text (json_parser_get_root (parser)))
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_PARSE,
                   _("Not valid JSON: a string holds bytes that are not text (raw control characters or an escape JSON does not have)"));
      return NULL;
    }

  self = pathways_mapping_new ();
  if (!parse_root (self, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

PathwaysMapping *
pathways_mapping_new_from_file (const char  *path,
                                GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *buffer = NULL;
  PathwaysMapping *self;
  gsize n_read = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  display = g_filename_display_name (path);

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_IO,
                   _("%s: could not read the mapping: %s"), display, local_error->message);
      return NULL;
    }

  /* Read one byte more than allowed, so a file that is too large (or endless, like a
   * device) is refused without reading all of it. */
  buffer = g_malloc (MAPPING_MAX_FILE_SIZE + 2);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, MAPPING_MAX_FILE_SIZE + 1,
                                &n_read, NULL, &local_error))
    {
      g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_IO,
                   _("%s: could not read the mapping: %s"), display, local_error->message);
      return NULL;
    }
  buffer[n_read] = '\0';

  self = pathways_mapping_new_from_data (buffer, n_read, error);
  if (self == NULL)
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }

  return self;
}

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
