/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the mapping lands: only what the rest needs to link. */
#define G_LOG_DOMAIN "pathways-mapping"
#include "config.h"
#include "pathways-mapping.h"

struct _PathwaysMapping { GObject parent_instance; char *columns[PATHWAYS_N_FIELDS]; };
G_DEFINE_FINAL_TYPE (PathwaysMapping, pathways_mapping, G_TYPE_OBJECT)
G_DEFINE_QUARK (pathways-mapping-error-quark, pathways_mapping_error)
static void pathways_mapping_class_init (PathwaysMappingClass *klass) { }
static void pathways_mapping_init (PathwaysMapping *self) { }
PathwaysMapping *pathways_mapping_new (void) { return g_object_new (PATHWAYS_TYPE_MAPPING, NULL); }
const char *pathways_mapping_get_column (PathwaysMapping *self, PathwaysField field) { return self->columns[field]; }
void pathways_mapping_set_column (PathwaysMapping *self, PathwaysField field, const char *column) { g_free (self->columns[field]); self->columns[field] = g_strdup (column); }
PathwaysClosureClass pathways_mapping_get_closure_class (PathwaysMapping *self, const char *reason) { return PATHWAYS_CLOSURE_UNPLANNED; }
