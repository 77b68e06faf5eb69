/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-export"

#include "config.h"

#include <inttypes.h>

#include <string.h>
#include "pathways-i18n.h"
#include <json-glib/json-glib.h>

#include "pathways-report-options.h"
#include "pathways-disclosure.h"
#include "pathways-workspace.h"

G_DEFINE_QUARK (pathways-export-error-quark, pathways_export_error)

static const struct {
  PathwaysSection  section;
  const char      *id;
  const char      *title;
} sections[PATHWAYS_N_SECTIONS] = {
  { PATHWAYS_SECTION_JOURNEY, "journey", N_("Journey") },
  { PATHWAYS_SECTION_CLOSURES, "closures", N_("Closures") },
  { PATHWAYS_SECTION_RATES, "rates", N_("Planned-closure rates") },
  { PATHWAYS_SECTION_WAITING, "waiting", N_("Waiting times") },
  { PATHWAYS_SECTION_PEOPLE, "people", N_("People") },
  { PATHWAYS_SECTION_QUALITY, "quality", N_("Data quality") },
  { PATHWAYS_SECTION_PROFILE, "profile", N_("Profile of the people served") },
  { PATHWAYS_SECTION_ACTIVITY, "activity", N_("Activity") },
  { PATHWAYS_SECTION_OUTCOMES, "outcomes", N_("Outcomes") },
};

const char *
pathways_section_get_id (PathwaysSection section)
{
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    if (sections[k].section == section)
      return sections[k].id;
  return NULL;
}

const char *
pathways_section_get_title (PathwaysSection section)
{
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    if (sections[k].section == section)
      return _(sections[k].title);
  return NULL;
}

PathwaysSection
pathways_section_from_id (const char *id)
{
  for (guint k = 0; id != NULL && k < G_N_ELEMENTS (sections); k++)
    if (g_str_equal (sections[k].id, id))
      return sections[k].section;
  return 0;
}

PathwaysExportOptions *
pathways_export_options_new (void)
{
  PathwaysExportOptions *self = g_new0 (PathwaysExportOptions, 1);

  self->sections = PATHWAYS_SECTION_ALL;
  self->commentary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->suppress = TRUE;
  self->method = PATHWAYS_PROTECTION_PERTURB;
  self->threshold = PATHWAYS_DISCLOSURE_DEFAULT_THRESHOLD;
  self->trend_periods = 24;
  return self;
}

PathwaysExportOptions *
pathways_export_options_copy (const PathwaysExportOptions *self)
{
  PathwaysExportOptions *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);

  copy = pathways_export_options_new ();
  copy->title = g_strdup (self->title);
  copy->organisation = g_strdup (self->organisation);
  copy->marking = g_strdup (self->marking);
  copy->sections = self->sections;
  copy->suppress = self->suppress;
  copy->method = self->method;
  copy->threshold = self->threshold;
  copy->round5 = self->round5;
  copy->trend_periods = self->trend_periods;
  copy->n_targets = MIN (self->n_targets, PATHWAYS_MAX_TARGETS);
  memcpy (copy->targets, self->targets, sizeof copy->targets);
  g_hash_table_iter_init (&iter, self->commentary);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->commentary, g_strdup (key), g_strdup (value));
  return copy;
}

void
pathways_export_options_free (PathwaysExportOptions *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->organisation);
  g_free (self->marking);
  g_hash_table_unref (self->commentary);
  g_free (self);
}

void
pathways_export_options_set_commentary (PathwaysExportOptions *self,
                                        PathwaysSection        section,
                                        const char            *text)
{
  const char *id;

  g_return_if_fail (self != NULL);
  id = pathways_section_get_id (section);
  g_return_if_fail (id != NULL);

  if (text == NULL || *text == '\0')
    g_hash_table_remove (self->commentary, id);
  else
    g_hash_table_insert (self->commentary, g_strdup (id), g_strdup (text));
}

const char *
pathways_export_options_get_commentary (const PathwaysExportOptions *self,
                                        PathwaysSection              section)
{
  const char *id;

  g_return_val_if_fail (self != NULL, NULL);
  id = pathways_section_get_id (section);
  return id != NULL ? g_hash_table_lookup (self->commentary, id) : NULL;
}

guint
pathways_export_options_get_k (const PathwaysExportOptions *self)
{
  g_return_val_if_fail (self != NULL, 0);
  if (!self->suppress)
    return 0;
  return CLAMP (self->threshold, PATHWAYS_DISCLOSURE_MIN_THRESHOLD, PATHWAYS_DISCLOSURE_MAX_THRESHOLD);
}

const char *
pathways_export_options_get_title (const PathwaysExportOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->title != NULL && *self->title != '\0')
    return self->title;
  return _("Pathways report");
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

char *
pathways_export_options_to_json (const PathwaysExportOptions *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 3);
  add_string (b, "title", self->title);
  add_string (b, "organisation", self->organisation);
  add_string (b, "marking", self->marking);
  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    if (self->sections & sections[k].section)
      json_builder_add_string_value (b, sections[k].id);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "commentary");
  json_builder_begin_object (b);
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    {
      const char *text = g_hash_table_lookup (self->commentary, sections[k].id);
      if (text != NULL)
        add_string (b, sections[k].id, text);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "suppress");
  json_builder_add_boolean_value (b, self->suppress);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, !self->suppress ? "none"
                                 : self->method == PATHWAYS_PROTECTION_PERTURB ? "perturb" : "suppress");
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, self->threshold);
  json_builder_set_member_name (b, "round5");
  json_builder_add_boolean_value (b, self->round5);
  json_builder_set_member_name (b, "trend_periods");
  json_builder_add_int_value (b, self->trend_periods);
  json_builder_set_member_name (b, "targets");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->n_targets && k < PATHWAYS_MAX_TARGETS; k++)
    {
      g_autofree char *text = pathways_target_to_string (&self->targets[k]);
      json_builder_add_string_value (b, text);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static gboolean
bad_member (GError    **error,
            const char *name,
            const char *expected)
{
  g_set_error (error, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_OPTIONS,
               _("Report options: “%s” should be %s"), name, expected);
  return FALSE;
}

static gboolean
read_string (JsonObject  *obj,
             const char  *name,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_member (error, name, _("text"));
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_bool (JsonObject  *obj,
           const char  *name,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad_member (error, name, _("true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_uint (JsonObject  *obj,
           const char  *name,
           guint        min,
           guint        max,
           guint       *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  gint64 v;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return bad_member (error, name, _("a whole number"));
  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      g_set_error (error, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_OPTIONS,
                   _("Report options: “%s” is %" PRId64 ", not between %u and %u"),
                   name, v, min, max);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

/* "targets": a list of "contact=2wd" */
static gboolean
read_targets (JsonObject             *obj,
              PathwaysExportOptions  *self,
              GError                **error)
{
  JsonNode *node = json_object_get_member (obj, "targets");
  JsonArray *arr;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad_member (error, "targets", _("a list of targets such as “contact=2wd”"));
  arr = json_node_get_array (node);
  if (json_array_get_length (arr) > PATHWAYS_MAX_TARGETS)
    return bad_member (error, "targets", _("a list of at most 8 targets"));
  for (guint k = 0; k < json_array_get_length (arr); k++)
    {
      JsonNode *item = json_array_get_element (arr, k);
      g_autoptr(GError) local = NULL;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
          !pathways_target_parse (json_node_get_string (item), &self->targets[k], &local))
        {
          g_set_error (error, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_OPTIONS,
                       _("Report options: item %u of “targets” is not a target: %s"), k + 1,
                       local != NULL ? local->message : _("not text"));
          return FALSE;
        }
    }
  self->n_targets = json_array_get_length (arr);
  return TRUE;
}

/* "method" wins over the older "suppress" key. */
static gboolean
read_method (JsonObject             *obj,
             PathwaysExportOptions  *self,
             GError                **error)
{
  g_autofree char *text = NULL;
  static const char *ids[] = { "none", "suppress", "perturb" };

  if (!read_string (obj, "method", &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (g_strcmp0 (text, ids[i]) == 0)
      {
        self->suppress = i != PATHWAYS_PROTECTION_NONE;
        if (i != PATHWAYS_PROTECTION_NONE)
          self->method = i;
        return TRUE;
      }
  return bad_member (error, "method", _("“perturb”, “suppress” or “none”"));
}

PathwaysExportOptions *
pathways_export_options_new_from_json (const char  *json,
                                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PathwaysExportOptions) self = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root, *node;
  JsonObject *obj;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local))
    {
      g_set_error (error, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_OPTIONS,
                   _("Report options are not valid JSON: %s"), local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_OPTIONS,
                   _("Report options are not a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);
  self = pathways_export_options_new ();

  if (!read_string (obj, "title", &self->title, error) ||
      !read_string (obj, "organisation", &self->organisation, error) ||
      !read_string (obj, "marking", &self->marking, error) ||
      !read_bool (obj, "suppress", &self->suppress, error) ||
      !read_uint (obj, "threshold", PATHWAYS_DISCLOSURE_MIN_THRESHOLD,
                  PATHWAYS_DISCLOSURE_MAX_THRESHOLD, &self->threshold, error) ||
      !read_bool (obj, "round5", &self->round5, error) ||
      !read_uint (obj, "trend_periods", 0, 100000, &self->trend_periods, error) ||
      !read_method (obj, self, error) ||
      !read_targets (obj, self, error))
    return NULL;

  node = json_object_get_member (obj, "sections");
  if (node != NULL)
    {
      JsonArray *arr;
      gint64 version;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          bad_member (error, "sections", _("a list of section names"));
          return NULL;
        }
      arr = json_node_get_array (node);
      self->sections = 0;
      for (guint k = 0; k < json_array_get_length (arr); k++)
        {
          JsonNode *item = json_array_get_element (arr, k);
          PathwaysSection s = 0;

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            s = pathways_section_from_id (json_node_get_string (item));
          if (s == 0)
            {
              g_set_error (error, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_OPTIONS,
                           _("Report options: item %u of “sections” is not a section name"), k + 1);
              return NULL;
            }
          self->sections |= s;
        }
      /* version 1 had no activity or profile section, version 2 no outcomes section:
       * nobody left them out */
      node = json_object_get_member (obj, "version");
      version = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 1;
      if (version < 2)
        self->sections |= PATHWAYS_SECTION_ACTIVITY | PATHWAYS_SECTION_PROFILE;
      if (version < 3)
        self->sections |= PATHWAYS_SECTION_OUTCOMES;
    }

  node = json_object_get_member (obj, "commentary");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *com;
      g_autoptr(GList) names = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          bad_member (error, "commentary", _("an object of texts by section"));
          return NULL;
        }
      com = json_node_get_object (node);
      names = json_object_get_members (com);
      for (GList *l = names; l != NULL; l = l->next)
        {
          PathwaysSection s = pathways_section_from_id (l->data);
          JsonNode *text = json_object_get_member (com, l->data);

          if (s == 0)
            {
              g_set_error (error, PATHWAYS_EXPORT_ERROR, PATHWAYS_EXPORT_ERROR_OPTIONS,
                           _("Report options: “%s” in “commentary” is not a section name"),
                           (const char *) l->data);
              return NULL;
            }
          if (!JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
            {
              bad_member (error, l->data, _("text"));
              return NULL;
            }
          pathways_export_options_set_commentary (self, s, json_node_get_string (text));
        }
    }
  return g_steal_pointer (&self);
}

gboolean
pathways_export_options_save (const PathwaysExportOptions *self,
                              const char                  *workspace_path,
                              GError                     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (workspace_path != NULL, FALSE);

  json = pathways_export_options_to_json (self);
  return pathways_workspace_set_setting (workspace_path, PATHWAYS_EXPORT_OPTIONS_SETTING, json, error);
}

PathwaysExportOptions *
pathways_export_options_load (const char  *workspace_path,
                              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (workspace_path != NULL, NULL);

  json = pathways_workspace_get_setting (workspace_path, PATHWAYS_EXPORT_OPTIONS_SETTING, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (json == NULL)
    return pathways_export_options_new ();
  return pathways_export_options_new_from_json (json, error);
}
