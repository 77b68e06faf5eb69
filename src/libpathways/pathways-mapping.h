/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-mapping.h: how one system's export maps onto the canonical model.
 *
 * Column assignments per canonical field, value grouping per category field, closure
 * classes, the spellings that mean "missing", and the day/month order of date columns.
 * Saved as a small hand-editable JSON file (docs/mapping-format.md) and inside every
 * workspace.
 */
#pragma once

#include <glib-object.h>

#include "pathways-field.h"

G_BEGIN_DECLS

#define PATHWAYS_MAPPING_ERROR (pathways_mapping_error_quark ())

typedef enum {
  PATHWAYS_MAPPING_ERROR_PARSE,      /* not JSON, or not the mapping format */
  PATHWAYS_MAPPING_ERROR_INVALID,    /* unknown field, preset, class or date order */
  PATHWAYS_MAPPING_ERROR_IO,
} PathwaysMappingError;

GQuark pathways_mapping_error_quark (void);

typedef enum {
  PATHWAYS_DATE_ORDER_AUTO,   /* detect from the values; UK order when ambiguous */
  PATHWAYS_DATE_ORDER_DMY,
  PATHWAYS_DATE_ORDER_MDY,
  PATHWAYS_DATE_ORDER_YMD,
} PathwaysDateOrder;

typedef enum {
  PATHWAYS_CLOSURE_PLANNED,
  PATHWAYS_CLOSURE_OTHER,
  PATHWAYS_CLOSURE_UNPLANNED,
  PATHWAYS_CLOSURE_NOT_RECORDED,
  PATHWAYS_N_CLOSURE_CLASSES
} PathwaysClosureClass;

/* The canonical missing value as shown to people. */
#define PATHWAYS_NOT_RECORDED "Not recorded"

#define PATHWAYS_TYPE_MAPPING (pathways_mapping_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysMapping, pathways_mapping, PATHWAYS, MAPPING, GObject)

PathwaysMapping    *pathways_mapping_new                 (void);
/* Presets: "dpms" (DPMS-style rape-crisis export) and "sample" (the built-in sample). */
const char * const *pathways_mapping_list_presets        (void);
PathwaysMapping    *pathways_mapping_new_preset          (const char          *name,
                                                          GError             **error);
/* A file path or a preset name, as --mapping takes. */
PathwaysMapping    *pathways_mapping_new_for_argument    (const char          *file_or_preset,
                                                          GError             **error);
PathwaysMapping    *pathways_mapping_new_from_file       (const char          *path,
                                                          GError             **error);
PathwaysMapping    *pathways_mapping_new_from_data       (const char          *data,
                                                          gssize               length,
                                                          GError             **error);
/* JSON text in the saved-mapping format, ending with a newline. */
char               *pathways_mapping_to_data             (PathwaysMapping     *self);
gboolean            pathways_mapping_save                (PathwaysMapping     *self,
                                                          const char          *path,
                                                          GError             **error);
PathwaysMapping    *pathways_mapping_copy                (PathwaysMapping     *self);

const char         *pathways_mapping_get_name            (PathwaysMapping     *self);
void                pathways_mapping_set_name            (PathwaysMapping     *self,
                                                          const char          *name);

/* Auto-detection: assigns every still unmapped field of TABLE whose synonym matches a
 * header name (case-insensitive, ignoring spaces, '_' and '-'). Returns the number of
 * fields assigned. */
guint               pathways_mapping_detect_columns      (PathwaysMapping     *self,
                                                          PathwaysTableKind    table,
                                                          const char * const  *header,
                                                          guint                n_columns);
/* Source column of FIELD, or NULL when not mapped. */
const char         *pathways_mapping_get_column          (PathwaysMapping     *self,
                                                          PathwaysField        field);
void                pathways_mapping_set_column          (PathwaysMapping     *self,
                                                          PathwaysField        field,
                                                          const char          *column);

/* Value grouping: SOURCE_VALUE (compared folded) becomes CANONICAL_VALUE. */
void                pathways_mapping_set_value           (PathwaysMapping     *self,
                                                          PathwaysField        field,
                                                          const char          *source_value,
                                                          const char          *canonical_value);
/* The grouping of SOURCE_VALUE (compared folded), or NULL. */
const char         *pathways_mapping_get_value           (PathwaysMapping     *self,
                                                          PathwaysField        field,
                                                          const char          *source_value);
/* Source values of FIELD that have a grouping, sorted by their folded form. */
char              **pathways_mapping_get_value_sources   (PathwaysMapping     *self,
                                                          PathwaysField        field);
/* Canonical value for a trimmed raw value of FIELD: NULL when the value is missing
 * (one of the missing spellings); the grouped value when there is a grouping; else
 * RAW itself. The result is owned by the mapping or is RAW. */
const char         *pathways_mapping_map_value           (PathwaysMapping     *self,
                                                          PathwaysField        field,
                                                          const char          *raw);
gboolean            pathways_mapping_is_missing          (PathwaysMapping     *self,
                                                          const char          *raw);
/* A multi-category cell that holds only "None", "No risks" ... : an explicit empty list. */
gboolean            pathways_mapping_is_explicit_none    (PathwaysMapping     *self,
                                                          const char          *raw);
char              **pathways_mapping_get_missing_values  (PathwaysMapping     *self);
/* Blank cells are always missing; VALUES NULL leaves only them. */
void                pathways_mapping_set_missing_values  (PathwaysMapping     *self,
                                                          const char * const  *values);
char              **pathways_mapping_get_explicit_none   (PathwaysMapping     *self);
void                pathways_mapping_set_explicit_none   (PathwaysMapping     *self,
                                                          const char * const  *values);

/* Closure class of a canonical closure reason (case or service level): not recorded
 * for NULL and missing values, else the mapping's own assignment, else the defaults of
 * spec/metrics.md, else other (an unknown reason is not guessed planned or unplanned). */
PathwaysClosureClass pathways_mapping_get_closure_class  (PathwaysMapping     *self,
                                                          const char          *reason);
void                pathways_mapping_set_closure_class   (PathwaysMapping     *self,
                                                          const char          *reason,
                                                          PathwaysClosureClass klass);
void                pathways_mapping_unset_closure_class (PathwaysMapping     *self,
                                                          const char          *reason);
/* Reasons with an assignment of their own, sorted by their folded form. */
char              **pathways_mapping_get_closure_class_reasons (PathwaysMapping *self);
/* The class a reason has when the mapping does not assign one. */
PathwaysClosureClass pathways_mapping_get_default_closure_class (const char   *reason);
const char         *pathways_closure_class_to_string     (PathwaysClosureClass klass);
gboolean            pathways_closure_class_from_string   (const char          *s,
                                                          PathwaysClosureClass *out);

PathwaysDateOrder   pathways_mapping_get_date_order      (PathwaysMapping     *self,
                                                          PathwaysField        field);
void                pathways_mapping_set_date_order      (PathwaysMapping     *self,
                                                          PathwaysField        field,
                                                          PathwaysDateOrder    order);
const char         *pathways_date_order_to_string        (PathwaysDateOrder    order);
gboolean            pathways_date_order_from_string      (const char          *s,
                                                          PathwaysDateOrder   *out);

/* Same columns, groupings, classes, spellings, date orders and name. */
gboolean            pathways_mapping_equal               (PathwaysMapping     *a,
                                                          PathwaysMapping     *b);

/* Folding used for header names and category values: lower case, trimmed, inner runs of
 * white space, '-' and '_' folded to one space. "SELF  REFERRAL", "self-referral" and
 * "Self referral" all fold to "self referral". */
char               *pathways_fold                        (const char          *s);

G_END_DECLS
