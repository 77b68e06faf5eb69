/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-tables.c: the distributions of the sample-data generator.
 *
 * Category values with their weights, the spellings of the two formats, the
 * multi-category items, closure reasons, waits and lengths of services, and the
 * referral rates per year: the shape of the published figures
 * (docs/sample-data.md) in one place.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include "pathways-generate-private.h"

/* Referral-source groups (canonical values). */
const Choice source_groups[] = {
  { "Police", NULL, 3330 },
  { "Self-referral", NULL, 2730 },
  { "Healthcare", NULL, 2220 },
  { "Support service", NULL, 1110 },
  { "Local authority", NULL, 400 },
  { "Other", NULL, 200 },
  { "", NULL, 10 },
};

/* Details per group: A = sample referral_source_detail, B = DPMS referralsource1
 * (the raw spelling, with a few odd ones the value grouping has to fold). */
static const Choice source_police[] = {
  { "Essex Police", "Essex Police", 9500 },
  { "Essex Police", "Essex police", 120 },
  { "Essex Police", "ESSEX POLICE", 80 },
  { "British Transport Police", "British Transport Police", 200 },
  { "Metropolitan Police", "Metropolitan Police Service", 100 },
};
static const Choice source_self[] = {
  { "Self", "Self", 8800 },
  { "Self", "self referral", 120 },
  { "Self", "SELF", 80 },
  { "Self", "Self-referral", 100 },
  { "Family or friend", "Family/friend", 900 },
};
static const Choice source_health[] = {
  { "SARC", "SARC", 3300 },
  { "Mental health", "Mental health services", 2400 },
  { "Mental health", "Mental Health  Services", 100 },
  { "IAPT", "IAPT", 1900 },
  { "GP", "GP", 1200 },
  { "Hospital", "Hospital/A&E", 600 },
  { "Other health service", "Other health", 500 },
};
static const Choice source_support[] = {
  { "Domestic violence service", "Domestic violence service", 2250 },
  { "Domestic violence service", "Domestic Violence Service", 50 },
  { "Other rape crisis centre", "Other rape crisis centre", 2000 },
  { "Victim support", "Victim Support", 1800 },
  { "Voluntary organisation", "Voluntary organisation", 1500 },
  { "Drug and alcohol service", "Drug and alcohol service", 900 },
  { "Housing support", "Housing support", 800 },
  { "Young people's service", "Young people's service", 700 },
};
static const Choice source_la[] = {
  { "Social services", "Social services", 5900 },
  { "Social services", "social services", 100 },
  { "Adult social care", "Adult social care", 3000 },
  { "Education", "Education/college", 1000 },
};
static const Choice source_other[] = {
  { "Employer", "Employer", 2500 },
  { "University", "University", 3000 },
  { "Solicitor", "Solicitor", 2000 },
  { "Other", "Other", 2500 },
};
static const Choice source_missing[] = {
  { "", "", 1 },
};

/* How the referral arrived: DPMS referralsource2, mostly empty. */
const Choice source_route[] = {
  { "", "", 6500 },
  { "", "Telephone", 1500 },
  { "", "Online form", 1200 },
  { "", "Email", 600 },
  { "", "Letter", 200 },
};


static const Choice incident_police[] = {
  { "Rape", "Rape", 7200 },
  { "Child sexual abuse", "Childhood sexual abuse", 1500 },
  { "Sexual violence", "Sexual assault", 900 },
  { "Sexual exploitation", "Sexual exploitation", 100 },
  { "Domestic abuse", "Domestic violence", 20 },
  { "Stalking and harassment", "Stalking/harassment", 30 },
  { "No incident", "N/A - secondary victim-survivor", 200 },
  { "", "", 50 },
};
static const Choice incident_self[] = {
  { "Rape", "Rape", 3700 },
  { "Child sexual abuse", "Childhood sexual abuse", 3300 },
  { "Sexual violence", "Sexual assault", 1400 },
  { "Sexual exploitation", "Sexual exploitation", 100 },
  { "Domestic abuse", "Domestic violence", 30 },
  { "Stalking and harassment", "Stalking/harassment", 30 },
  { "No incident", "N/A - secondary victim-survivor", 1300 },
  { "", "", 140 },
};
static const Choice incident_other[] = {
  { "Rape", "Rape", 4550 },
  { "Child sexual abuse", "Childhood sexual abuse", 3300 },
  { "Sexual violence", "Sexual assault", 950 },
  { "Sexual exploitation", "Sexual exploitation", 120 },
  { "Domestic abuse", "Domestic violence", 20 },
  { "Stalking and harassment", "Stalking/harassment", 20 },
  { "No incident", "N/A - secondary victim-survivor", 960 },
  { "", "", 80 },
};

const Choice roles[] = {
  { "Primary victim-survivor", "Primary", 0 },
  { "Secondary victim-survivor", "Secondary", 0 },
  { "", "", 0 },
};

const Choice genders[] = {
  { "Female", "Female", 9060 },
  { "Male", "Male", 950 },
  { "Non-binary", "Non-binary", 20 },
  { "Other", "Other", 10 },
  { "Prefer not to say", "Prefer not to say", 10 },
};

const Choice age_bands[] = {
  { "18\xe2\x80\x93" "24", "18-24", 2600 },
  { "25\xe2\x80\x93" "34", "25-34", 2900 },
  { "35\xe2\x80\x93" "44", "35-44", 2200 },
  { "45\xe2\x80\x93" "54", "45-54", 1300 },
  { "55\xe2\x80\x93" "64", "55-64", 700 },
  { "65\xe2\x80\x93" "74", "65-74", 250 },
  { "75+", "75+", 50 },
  { "", "", 110 },
};
const gint32 age_lo[] = { 18, 25, 35, 45, 55, 65, 75 };
const gint32 age_hi[] = { 24, 34, 44, 54, 64, 74, 89 };

const Choice ethnicities[] = {
  { "White British", "White - British", 7600 },
  { "White other", "White - Other", 500 },
  { "White Irish", "White - Irish", 50 },
  { "Mixed or multiple ethnic groups", "Mixed/multiple ethnic groups", 350 },
  { "Asian or Asian British", "Asian/Asian British", 340 },
  { "Black or Black British", "Black/Black British", 250 },
  { "Gypsy or Irish Traveller", "Gypsy or Irish Traveller", 30 },
  { "Other ethnic group", "Other ethnic group", 180 },
  { "", "", 500 },
  { "Not recorded", "Not recorded", 150 },
  { "Unknown", "Not known", 50 },
};

const Choice disabilities[] = {
  { "Yes", "Mental health condition", 2000 },
  { "Yes", "Physical impairment", 700 },
  { "Yes", "Long-term illness", 600 },
  { "Yes", "Learning disability", 400 },
  { "Yes", "Neurodivergent", 400 },
  { "Yes", "Sensory impairment", 300 },
  { "No", "None", 4900 },
  { "", "", 500 },
  { "Prefer not to say", "Prefer not to say", 200 },
};

const Choice sexualities[] = {
  { "Heterosexual", "Heterosexual/straight", 7600 },
  { "Bisexual", "Bisexual", 700 },
  { "Lesbian", "Lesbian", 200 },
  { "Gay", "Gay", 150 },
  { "Pansexual", "Pansexual", 100 },
  { "Asexual", "Asexual", 50 },
  { "Other", "Other", 100 },
  { "Prefer not to say", "Prefer not to say", 300 },
  { "", "", 600 },
  { "Not recorded", "Not recorded", 200 },
};

const Choice religions[] = {
  { "No religion", "None", 4900 },
  { "Christian", "Christian", 2300 },
  { "Muslim", "Muslim", 200 },
  { "Hindu", "Hindu", 70 },
  { "Sikh", "Sikh", 30 },
  { "Jewish", "Jewish", 30 },
  { "Buddhist", "Buddhist", 50 },
  { "Other religion", "Other", 220 },
  { "Prefer not to say", "Prefer not to say", 1300 },
  { "", "", 700 },
  { "Not recorded", "Not recorded", 200 },
};

const Choice accommodations[] = {
  { "Owns or rents", "Owner occupier", 1900 },
  { "Owns or rents", "Private rented", 2100 },
  { "Owns or rents", "Social housing", 2050 },
  { "With family or friends", "Living with parents/family", 1700 },
  { "With family or friends", "Living with friends", 500 },
  { "Temporary or other", "Temporary accommodation", 300 },
  { "Temporary or other", "Refuge", 100 },
  { "Temporary or other", "Supported accommodation", 200 },
  { "Temporary or other", "Other", 150 },
  { "Homeless (including sofa surfing)", "Homeless", 60 },
  { "Homeless (including sofa surfing)", "Sofa surfing", 40 },
  { "", "", 800 },
  { "Not recorded", "Not recorded", 100 },
};
const guint8 accommodation_class[] = {
  ACC_OWNS, ACC_OWNS, ACC_OWNS, ACC_FAMILY, ACC_FAMILY, ACC_TEMP, ACC_TEMP,
  ACC_TEMP, ACC_TEMP, ACC_HOMELESS, ACC_HOMELESS, ACC_MISSING, ACC_MISSING,
};

const Choice employments[] = {
  { "Employed full-time", "Employed - full time", 3000 },
  { "Employed part-time", "Employed - part time", 1400 },
  { "Self-employed", "Self employed", 300 },
  { "Unemployed", "Unemployed", 1600 },
  { "Student", "Student", 1100 },
  { "Unable to work", "Unable to work - sickness/disability", 1000 },
  { "Retired", "Retired", 400 },
  { "Carer or homemaker", "Carer/homemaker", 250 },
  { "Other", "Other", 150 },
  { "", "", 650 },
  { "Not recorded", "Not recorded", 150 },
};

/* Time from incident to seeking support: six bands, then the missing spellings. */
const char *tbs_sample[] = {
  "Less than a week", "1 week to 1 month", "1 to 6 months", "6 to 12 months",
  "1 to 2 years", "More than 2 years",
};
const char *tbs_dpms[] = {
  "Less than 1 week", "1 week - 1 month", "1-6 months", "6-12 months",
  "1-2 years", "Over 2 years",
};
const guint32 tbs_weights[N_TBS_CLASS][6] = {
  [TBS_CSA] = { 50, 50, 100, 150, 350, 9300 },
  [TBS_POLICE] = { 3300, 1100, 1300, 700, 500, 3100 },
  [TBS_SELF] = { 1100, 700, 1300, 900, 1200, 4800 },
  [TBS_OTHER] = { 2000, 800, 1100, 700, 700, 4700 },
};

/* Multi-category fields. ONE is the weight when the case lists exactly one value,
 * MULTI the chance (ppm) that a case listing several includes it. */
const Item issue_items[] = {
  { "Post trauma symptoms", 3500, 488000 },
  { "Anxiety", 1200, 294000 },
  { "Mental health present", 1000, 250000 },
  { "Diagnosed \xe2\x80\x93 Depression", 1000, 235000 },
  { "Diagnosed \xe2\x80\x93 Anxiety", 800, 202000 },
  { "Self harm", 400, 130000 },
  { "Suicidal thoughts", 400, 120000 },
  { "Substance misuse", 300, 90000 },
  { "Eating disorder", 200, 70000 },
  { "Relationship difficulties", 400, 140000 },
  { "Housing issues", 300, 80000 },
  { "Financial difficulties", 300, 90000 },
  { "Physical health condition", 200, 80000 },
};
const Item impact_items[] = {
  { "Post trauma symptoms", 3000, 729000 },
  { "Anxiety", 2000, 706000 },
  { "Depression", 1000, 497000 },
  { "Sleep problems", 800, 337000 },
  { "Low mood", 800, 334000 },
  { "Flashbacks", 400, 172000 },
  { "Panic attacks", 400, 162000 },
  { "Self-blame", 300, 151000 },
  { "Anger", 300, 118000 },
  { "Isolation", 300, 129000 },
  { "Trust issues", 400, 151000 },
  { "Nightmares", 300, 129000 },
};
const Item risk_items[] = {
  { "At risk of mental illness", 1900, 250000 },
  { "Low risk", 2800, 60000 },
  { "At high risk of mental illness", 1000, 170000 },
  { "Risk of self harm", 600, 130000 },
  { "At high risk of DV", 700, 118000 },
  { "Risk of suicide", 500, 170000 },
  { "At risk of DV", 700, 180000 },
  { "Risk of further sexual violence", 600, 170000 },
  { "Substance misuse risk", 600, 150000 },
};

/* Count classes (per 10,000): multiple, one, none, not recorded. */
const guint32 risk_classes[] = { 1800, 4500, 2600, 1100 };
const guint32 issue_classes[] = { 6900, 2300, 200, 600 };
const guint32 impact_classes[] = { 6800, 2100, 100, 1000 };

/* Closure reasons, case and service level (the DPMS system's list). */
const char *reason_names[N_REASONS] = {
  "Planned closure", "Did not engage", "Not brought to service", "Disengaged",
  "Unplanned closure", "Inappropriate referral", "Declined service", "Service denied",
  "Dual status service denied", "Referral incomplete", "Referral withdrawn",
  "Referred on", "Engaged W/L", "DNE W/L", "Transferred to another worker",
  "Transferred to another RC Centre", "Service withdrawn", "Deferred",
};

const ReasonChoice reasons_not_contacted[] = {
  { R_DNE, 5500 }, { R_INCOMPLETE, 1800 }, { R_WITHDRAWN_REF, 1500 },
  { R_INAPPROPRIATE, 1000 }, { R_NOT_BROUGHT, 200 },
};
const ReasonChoice reasons_not_assessed[] = {
  { R_DNE, 3800 }, { R_DECLINED, 3200 }, { R_WITHDRAWN_REF, 1000 },
  { R_INAPPROPRIATE, 800 }, { R_NOT_BROUGHT, 200 }, { R_REFERRED_ON, 500 },
  { R_DENIED, 300 }, { R_UNPLANNED, 200 },
};
const ReasonChoice reasons_no_service[] = {
  { R_DECLINED, 4500 }, { R_REFERRED_ON, 2200 }, { R_INAPPROPRIATE, 1200 },
  { R_DENIED, 1300 }, { R_DUAL_DENIED, 500 }, { R_TRANSFER_RC, 300 },
};
const ReasonChoice reasons_not_started[] = {
  { R_DNE_WL, 4200 }, { R_DNE, 1800 }, { R_DECLINED, 2500 },
  { R_SERVICE_WITHDRAWN, 500 }, { R_ENGAGED_WL, 400 }, { R_DEFERRED, 200 },
};
const ReasonChoice reasons_started_unplanned[] = {
  { R_DISENGAGED, 6000 }, { R_UNPLANNED, 1600 }, { R_DNE, 400 }, { R_DECLINED, 400 },
  { R_SERVICE_WITHDRAWN, 500 }, { R_REFERRED_ON, 500 }, { R_TRANSFER_WORKER, 300 },
  { R_TRANSFER_RC, 200 }, { R_DEFERRED, 100 },
};

/* Service reasons. */
const ReasonChoice svc_not_started[] = {
  { R_DNE, 4000 }, { R_DECLINED, 3800 }, { R_DNE_WL, 700 }, { R_DEFERRED, 1000 },
  { R_SERVICE_WITHDRAWN, 500 },
};
const ReasonChoice svc_therapy_planned_case[] = {
  { R_PLANNED, 7000 }, { R_DISENGAGED, 1600 }, { R_REFERRED_ON, 400 },
  { R_TRANSFER_WORKER, 400 }, { R_DEFERRED, 300 }, { R_UNPLANNED, 300 },
};
const ReasonChoice svc_therapy_unplanned_case[] = {
  { R_DISENGAGED, 6600 }, { R_PLANNED, 500 }, { R_UNPLANNED, 1000 },
  { R_TRANSFER_WORKER, 400 }, { R_REFERRED_ON, 500 }, { R_DEFERRED, 600 },
  { R_SERVICE_WITHDRAWN, 400 },
};
const ReasonChoice svc_advocacy_planned_case[] = {
  { R_PLANNED, 9200 }, { R_DISENGAGED, 400 }, { R_TRANSFER_WORKER, 300 },
  { R_REFERRED_ON, 100 },
};
const ReasonChoice svc_advocacy_unplanned_case[] = {
  { R_DISENGAGED, 6000 }, { R_PLANNED, 3300 }, { R_UNPLANNED, 700 },
  { R_TRANSFER_WORKER, 700 }, { R_REFERRED_ON, 700 }, { R_SERVICE_WITHDRAWN, 500 },
};

/* Services. */
const char *service_types[N_SVC] = {
  "Therapy", "Advocacy", "Groups", "Helpline", "Outreach",
};

/* A = sample service_detail, B = DPMS servicetype; the DPMS servicename follows. */
const Choice therapy_details[] = {
  { "Counselling", "Counselling", 8300 },
  { "Telephone counselling", "Telephone Counselling", 600 },
  { "Pre-trial therapy", "Pre-Trial Therapy", 1000 },
  { "Other therapy", "Therapy - other", 100 },
};
const Choice advocacy_details[] = {
  { "ISVA", "ISVA", 8000 },
  { "Financial advocacy", "Financial Advocacy", 600 },
  { "Legal advocacy", "Legal Advocacy", 500 },
  { "Health advocacy", "Health Advocacy", 500 },
  { "Education advocacy", "Education Advocacy", 400 },
};
const Choice group_details[] = {
  { "Support group", "Group Work", 1 },
};
const Choice helpline_details[] = {
  { "Helpline support", "Helpline", 1 },
};
const Choice outreach_details[] = {
  { "Outreach", "Outreach", 1 },
};
const char *therapy_names[] = {
  "Adult counselling", "Telephone counselling", "Pre-trial therapy", "Specialist therapy",
};
const char *advocacy_names[] = {
  "Adult ISVA service", "Financial advocacy", "Legal advocacy", "Health advocacy",
  "Education advocacy",
};

/* Waits (days) from the waiting-list date to the first session, given a wait. */
const Bucket therapy_wait[] = {
  { 1, 28, 1800 }, { 29, 56, 2000 }, { 57, 100, 2050 },
  { 101, 140, 2350 }, { 141, 200, 1300 }, { 201, 365, 570 },
};
const Bucket advocacy_wait[] = {
  { 1, 28, 2300 }, { 29, 56, 1700 }, { 57, 100, 1700 },
  { 101, 200, 1700 }, { 201, 365, 1500 }, { 366, 730, 900 }, { 731, 1000, 200 },
};
const Bucket other_wait[] = {
  { 1, 14, 5000 }, { 15, 60, 5000 },
};
const Bucket therapy_length[] = {
  { 20, 120, 3000 }, { 121, 240, 5000 }, { 241, 400, 2000 },
};
const Bucket advocacy_length[] = {
  { 30, 180, 3500 }, { 181, 540, 4500 }, { 541, 1100, 2000 },
};
const Bucket short_length[] = {
  { 7, 90, 1 },
};
const Bucket return_gap[] = {
  { 30, 365, 4000 }, { 366, 1095, 4000 }, { 1096, 3000, 2000 },
};

/* Referral rates per year (a part year weighs in proportion), the last entry being
 * the snapshot's year (cut at the snapshot): few referrals in the early years, most after 2012. */
const guint32 year_weights[] = {
  12, 14, 18, 22, 27, 33, 40, 48, 58, 70, 85, 120, 200, 280, 340, 390, 430, 470,
  520, 480, 590, 640, 740,
};

void
gen_init_tables (Gen *g)
{
  static const Choice *sources[N_SRC] = {
    source_police, source_self, source_health, source_support, source_la,
    source_other, source_missing,
  };
  static const guint n_sources[N_SRC] = {
    G_N_ELEMENTS (source_police), G_N_ELEMENTS (source_self),
    G_N_ELEMENTS (source_health), G_N_ELEMENTS (source_support),
    G_N_ELEMENTS (source_la), G_N_ELEMENTS (source_other),
    G_N_ELEMENTS (source_missing),
  };
  Table groups = TABLE (source_groups);
  Table route = TABLE (source_route);
  Table inc0 = TABLE (incident_police), inc1 = TABLE (incident_self);
  Table inc2 = TABLE (incident_other);
  Table gender = TABLE (genders), age = TABLE (age_bands), eth = TABLE (ethnicities);
  Table dis = TABLE (disabilities), sex = TABLE (sexualities), rel = TABLE (religions);
  Table acc = TABLE (accommodations), emp = TABLE (employments);
  Table th = TABLE (therapy_details), ad = TABLE (advocacy_details);
  Table gr = TABLE (group_details), he = TABLE (helpline_details);
  Table ou = TABLE (outreach_details);

  g->t_groups = groups;
  for (guint i = 0; i < N_SRC; i++)
    {
      g->t_sources[i].c = sources[i];
      g->t_sources[i].n = n_sources[i];
      table_init (&g->t_sources[i]);
    }
  g->t_route = route;
  g->t_incident[0] = inc0;
  g->t_incident[1] = inc1;
  g->t_incident[2] = inc2;
  g->t_gender = gender;
  g->t_age = age;
  g->t_ethnicity = eth;
  g->t_disability = dis;
  g->t_sexuality = sex;
  g->t_religion = rel;
  g->t_accommodation = acc;
  g->t_employment = emp;
  g->t_therapy = th;
  g->t_advocacy = ad;
  g->t_group = gr;
  g->t_helpline = he;
  g->t_outreach = ou;
  {
    Table *all[] = {
      &g->t_groups, &g->t_route, &g->t_incident[0], &g->t_incident[1],
      &g->t_incident[2], &g->t_gender, &g->t_age, &g->t_ethnicity, &g->t_disability,
      &g->t_sexuality, &g->t_religion, &g->t_accommodation, &g->t_employment,
      &g->t_therapy, &g->t_advocacy, &g->t_group, &g->t_helpline, &g->t_outreach,
    };
    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      table_init (all[i]);
  }
}
