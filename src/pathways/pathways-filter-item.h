/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-filter-item.h: one value of a category field in the filter sidebar: its
 * case count (what ticking it would give) and whether it is ticked. */
#pragma once

#include <glib-object.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_FILTER_ITEM (pathways_filter_item_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysFilterItem, pathways_filter_item, PATHWAYS, FILTER_ITEM, GObject)

PathwaysFilterItem *pathways_filter_item_new        (PathwaysField       field,
                                                     const char         *value,
                                                     guint               code);
PathwaysField       pathways_filter_item_get_field  (PathwaysFilterItem *self);
const char         *pathways_filter_item_get_value  (PathwaysFilterItem *self);
guint               pathways_filter_item_get_code   (PathwaysFilterItem *self);
guint               pathways_filter_item_get_count  (PathwaysFilterItem *self);
void                pathways_filter_item_set_count  (PathwaysFilterItem *self,
                                                     guint               count);
gboolean            pathways_filter_item_get_active (PathwaysFilterItem *self);
void                pathways_filter_item_set_active (PathwaysFilterItem *self,
                                                     gboolean            active);

G_END_DECLS
