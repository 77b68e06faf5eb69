/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-filter-item"

#include "config.h"

#include "pathways-filter-item.h"

struct _PathwaysFilterItem
{
  GObject        parent_instance;

  PathwaysField  field;
  char          *value;
  guint          code;
  guint          count;
  gboolean       active;
};

G_DEFINE_FINAL_TYPE (PathwaysFilterItem, pathways_filter_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_COUNT,
  PROP_COUNT_TEXT,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pathways_filter_item_finalize (GObject *object)
{
  PathwaysFilterItem *self = PATHWAYS_FILTER_ITEM (object);

  g_free (self->value);

  G_OBJECT_CLASS (pathways_filter_item_parent_class)->finalize (object);
}

static void
pathways_filter_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PathwaysFilterItem *self = PATHWAYS_FILTER_ITEM (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_COUNT_TEXT:
      g_value_take_string (value, pathways_format_count (self->count));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_filter_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PathwaysFilterItem *self = PATHWAYS_FILTER_ITEM (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      pathways_filter_item_set_count (self, g_value_get_uint (value));
      break;
    case PROP_ACTIVE:
      pathways_filter_item_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_filter_item_class_init (PathwaysFilterItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pathways_filter_item_finalize;
  object_class->get_property = pathways_filter_item_get_property;
  object_class->set_property = pathways_filter_item_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT_TEXT] =
    g_param_spec_string ("count-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pathways_filter_item_init (PathwaysFilterItem *self)
{
}

PathwaysFilterItem *
pathways_filter_item_new (PathwaysField  field,
                          const char    *value,
                          guint          code)
{
  PathwaysFilterItem *self;

  g_return_val_if_fail (value != NULL, NULL);

  self = g_object_new (PATHWAYS_TYPE_FILTER_ITEM, NULL);
  self->field = field;
  self->value = g_strdup (value);
  self->code = code;
  return self;
}

PathwaysField
pathways_filter_item_get_field (PathwaysFilterItem *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_ITEM (self), 0);
  return self->field;
}

const char *
pathways_filter_item_get_value (PathwaysFilterItem *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_ITEM (self), NULL);
  return self->value;
}

guint
pathways_filter_item_get_code (PathwaysFilterItem *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_ITEM (self), 0);
  return self->code;
}

guint
pathways_filter_item_get_count (PathwaysFilterItem *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_ITEM (self), 0);
  return self->count;
}

void
pathways_filter_item_set_count (PathwaysFilterItem *self,
                                guint               count)
{
  g_return_if_fail (PATHWAYS_IS_FILTER_ITEM (self));

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT_TEXT]);
}

gboolean
pathways_filter_item_get_active (PathwaysFilterItem *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_ITEM (self), FALSE);
  return self->active;
}

void
pathways_filter_item_set_active (PathwaysFilterItem *self,
                                 gboolean            active)
{
  g_return_if_fail (PATHWAYS_IS_FILTER_ITEM (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}
