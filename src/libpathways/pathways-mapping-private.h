/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-mapping-private.h: the mapping's fields, shared by the model
 * (pathways-mapping.c) and the JSON file format (pathways-mapping-json.c). */
#pragma once

#include "pathways-mapping.h"

G_BEGIN_DECLS


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

/* Category and multi-category fields: the ones that take value groupings. */
gboolean   _pathways_mapping_field_has_values (PathwaysField  field);
/* The entries of TABLE (may be NULL) sorted by folded source, for stable output; the
 * array owns none of them. */
GPtrArray *_pathways_mapping_sorted_entries   (GHashTable    *table);

G_END_DECLS
