/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-field.h: the canonical fields of the data model (spec/data-model.md). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PATHWAYS_TABLE_CASES,
  PATHWAYS_TABLE_SERVICES,
} PathwaysTableKind;

typedef enum {
  PATHWAYS_KIND_KEY,       /* identifier: kept as a string (case_id) or a code (person_id) */
  PATHWAYS_KIND_DATE,      /* day numbers */
  PATHWAYS_KIND_CATEGORY,  /* small integer codes with a dictionary */
  PATHWAYS_KIND_INTEGER,   /* age */
  PATHWAYS_KIND_MULTI,     /* several category values per cell */
} PathwaysFieldKind;

typedef enum {
  /* case table */
  PATHWAYS_FIELD_CASE_ID,
  PATHWAYS_FIELD_PERSON_ID,
  PATHWAYS_FIELD_REFERRAL_DATE,
  PATHWAYS_FIELD_FIRST_CONTACT_DATE,
  PATHWAYS_FIELD_ASSESSMENT_DATE,
  PATHWAYS_FIELD_CLOSURE_DATE,
  PATHWAYS_FIELD_CLOSURE_REASON,
  PATHWAYS_FIELD_REFERRAL_SOURCE,
  PATHWAYS_FIELD_REFERRAL_SOURCE_DETAIL,
  PATHWAYS_FIELD_PRIMARY_INCIDENT,
  PATHWAYS_FIELD_NEW_OR_RETURNING,
  PATHWAYS_FIELD_CLIENT_ROLE,
  PATHWAYS_FIELD_GENDER,
  PATHWAYS_FIELD_ETHNICITY,
  PATHWAYS_FIELD_DISABILITY,
  PATHWAYS_FIELD_SEXUALITY,
  PATHWAYS_FIELD_RELIGION,
  PATHWAYS_FIELD_ACCOMMODATION,
  PATHWAYS_FIELD_EMPLOYMENT,
  PATHWAYS_FIELD_AGE,
  PATHWAYS_FIELD_DATE_OF_BIRTH,   /* read to derive age; never stored */
  PATHWAYS_FIELD_AGE_BAND,
  PATHWAYS_FIELD_TIME_BEFORE_SUPPORT,
  PATHWAYS_FIELD_RISKS,
  PATHWAYS_FIELD_ISSUES,
  PATHWAYS_FIELD_IMPACTS,
  /* version 2 case fields (spec/data-model.md "Further case fields") */
  PATHWAYS_FIELD_AREA,            /* district, borough or local authority of residence */
  PATHWAYS_FIELD_ETHNICITY_GROUP, /* ONS five groups; derived from ethnicity when not mapped */
  PATHWAYS_FIELD_USER_1,          /* user fields: any other kept column, a category */
  PATHWAYS_FIELD_USER_2,
  PATHWAYS_FIELD_USER_3,
  PATHWAYS_FIELD_USER_4,
  /* service table */
  PATHWAYS_FIELD_SERVICE_CASE_ID,
  PATHWAYS_FIELD_SERVICE_ID,
  PATHWAYS_FIELD_SERVICE_TYPE,
  PATHWAYS_FIELD_SERVICE_DETAIL,
  PATHWAYS_FIELD_SERVICE_REFERRAL_DATE,
  PATHWAYS_FIELD_SERVICE_START_DATE,
  PATHWAYS_FIELD_SERVICE_END_DATE,
  PATHWAYS_FIELD_SERVICE_CLOSURE_REASON,
  PATHWAYS_N_FIELDS
} PathwaysField;

#define PATHWAYS_FIELD_FIRST_SERVICE PATHWAYS_FIELD_SERVICE_CASE_ID
#define PATHWAYS_N_USER_FIELDS 4
#define PATHWAYS_FIELD_IS_USER(f) ((f) >= PATHWAYS_FIELD_USER_1 && (f) <= PATHWAYS_FIELD_USER_4)

typedef struct {
  PathwaysField      field;
  const char        *name;      /* canonical name as in the spec and the CLI: "referral_date" */
  const char        *label;     /* translatable display label: "Referral date" */
  PathwaysTableKind  table;
  PathwaysFieldKind  kind;
} PathwaysFieldInfo;

const PathwaysFieldInfo *pathways_field_get_info     (PathwaysField      field);
const char              *pathways_field_get_name     (PathwaysField      field);
const char              *pathways_field_get_label    (PathwaysField      field);
PathwaysFieldKind        pathways_field_get_kind     (PathwaysField      field);
PathwaysTableKind        pathways_field_get_table    (PathwaysField      field);
/* Looks up a canonical name within one table ("case_id" exists in both).
 * Returns FALSE when there is no such field. */
gboolean                 pathways_field_from_name    (PathwaysTableKind  table,
                                                      const char        *name,
                                                      PathwaysField     *out_field);

G_END_DECLS
