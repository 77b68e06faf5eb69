/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-return-template.c: reading, finding and keeping funder-return templates
 * (the format: docs/funder-returns.md). */
#define G_LOG_DOMAIN "pathways-return"

#include "config.h"

#include <math.h>
#include <string.h>
#include "pathways-i18n.h"
#include <json-glib/json-glib.h>

#include "pathways-return-private.h"
#include "pathways-target.h"
#include "pathways-workspace.h"

G_DEFINE_QUARK (pathways-return-error-quark, pathways_return_error)

static const struct {
  const char    *id;
  ReturnMeasure  measure;
  ReturnUnit     unit;
} measure_ids[] = {
  { "referrals", RETURN_REFERRALS, RETURN_UNIT_COUNT },
  { "closed_cases", RETURN_CLOSED_CASES, RETURN_UNIT_COUNT },
  { "open_cases", RETURN_OPEN_CASES, RETURN_UNIT_COUNT },
  { "people", RETURN_PEOPLE, RETURN_UNIT_COUNT },
  { "new_cases", RETURN_NEW_CASES, RETURN_UNIT_COUNT },
  { "returning_cases", RETURN_RETURNING_CASES, RETURN_UNIT_COUNT },
  { "planned_closure_rate", RETURN_PLANNED_CLOSURE_RATE, RETURN_UNIT_PERCENT },
  { "closures", RETURN_CLOSURES, RETURN_UNIT_COUNT },
  { "planned_closures", RETURN_PLANNED_CLOSURES, RETURN_UNIT_COUNT },
  { "caseload", RETURN_CASELOAD, RETURN_UNIT_COUNT },
  { "waiting_list", RETURN_WAITING_LIST, RETURN_UNIT_COUNT },
};

static const char * const wait_ids[] = {
  "referral_to_contact", "referral_to_assessment", "referral_to_service_start",
  "service_wait", "time_in_service",
};

gboolean
_pathways_return_measure_is_activity (ReturnMeasure measure)
{
  return measure == RETURN_CLOSURES || measure == RETURN_PLANNED_CLOSURES ||
         measure == RETURN_CASELOAD || measure == RETURN_WAITING_LIST;
}

static void
row_free (ReturnRow *row)
{
  g_free (row->label);
  g_free (row->argument);
  g_strfreev (row->filters);
  g_free (row->filters_key);
  g_free (row);
}

static void
section_free (ReturnSection *s)
{
  g_free (s->title);
  g_ptr_array_unref (s->rows);
  g_free (s);
}

void
pathways_return_template_free (PathwaysReturnTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->data);
  g_ptr_array_unref (self->sections);
  g_free (self);
}

static gboolean
invalid (GError    **error,
         const char *origin,
         const char *where,
         const char *what)
{
  g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID,
               _("The return template %s is not valid: %s: %s"), origin, where, what);
  return FALSE;
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

/* "referrals", "median_wait:referral_to_contact", "target:contact=2wd" */
static gboolean
parse_measure (ReturnRow  *row,
               const char *text,
               GError    **error)
{
  const char *colon = strchr (text, ':');

  if (colon == NULL)
    {
      for (guint k = 0; k < G_N_ELEMENTS (measure_ids); k++)
        if (g_str_equal (text, measure_ids[k].id))
          {
            row->measure = measure_ids[k].measure;
            row->unit = measure_ids[k].unit;
            return TRUE;
          }
    }
  else if (g_str_has_prefix (text, "median_wait:"))
    {
      for (guint k = 0; k < G_N_ELEMENTS (wait_ids); k++)
        if (g_str_equal (colon + 1, wait_ids[k]))
          {
            row->measure = RETURN_MEDIAN_WAIT;
            row->unit = RETURN_UNIT_DAYS;
            row->argument = g_strdup (wait_ids[k]);
            return TRUE;
          }
    }
  else if (g_str_has_prefix (text, "target:"))
    {
      PathwaysTarget target;

      if (!pathways_target_parse (colon + 1, &target, error))
        return FALSE;
      row->measure = RETURN_TARGET;
      row->unit = RETURN_UNIT_PERCENT;
      /* the targets table's row id: the spelling pathways_target_to_string gives */
      row->argument = pathways_target_to_string (&target);
      return TRUE;
    }
  g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID,
               _("unknown measure “%s”"), text);
  return FALSE;
}

static gboolean
parse_unit (const char *text,
            ReturnUnit *unit)
{
  static const char * const ids[] = { "count", "percent", "days" };

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    if (g_str_equal (text, ids[k]))
      {
        *unit = k;
        return TRUE;
      }
  return FALSE;
}

/* "filters": { "FIELD": "VALUE" | ["VALUE", ...] } */
static gboolean
parse_filters (ReturnRow  *row,
               JsonNode   *node,
               GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) members = NULL;
  GString *key = g_string_new (NULL);
  JsonObject *o;

  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_string_free (key, TRUE);
      g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID,
                   _("“filters” must be an object of field names"));
      return FALSE;
    }
  o = node != NULL ? json_node_get_object (node) : NULL;
  members = o != NULL ? json_object_get_members (o) : NULL;
  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *v = json_object_get_member (o, l->data);
      g_autoptr(JsonArray) values = NULL;

      if (JSON_NODE_HOLDS_ARRAY (v))
        values = json_array_ref (json_node_get_array (v));
      else
        {
          values = json_array_new ();
          json_array_add_element (values, json_node_copy (v));
        }
      for (guint i = 0; i < json_array_get_length (values); i++)
        {
          JsonNode *e = json_array_get_element (values, i);
          g_autofree char *arg = NULL;

          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
            {
              g_string_free (key, TRUE);
              g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID,
                           _("the values of filter “%s” must be text"), (const char *) l->data);
              return FALSE;
            }
          arg = g_strdup_printf ("%s=%s", (const char *) l->data, json_node_get_string (e));
          g_string_append_printf (key, "%s\n", arg);
          g_strv_builder_add (builder, arg);
        }
    }
  row->filters = g_strv_builder_end (builder);
  row->filters_key = g_string_free (key, FALSE);
  return TRUE;
}

/* "target": { "at_least": N } or { "at_most": N } */
static gboolean
parse_target (ReturnRow  *row,
              JsonNode   *node,
              GError    **error)
{
  JsonObject *o;
  JsonNode *v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  v = o != NULL ? json_object_get_member (o, "at_least") : NULL;
  if (v == NULL && o != NULL)
    {
      v = json_object_get_member (o, "at_most");
      row->at_most = TRUE;
    }
  if (v == NULL || !JSON_NODE_HOLDS_VALUE (v) ||
      (json_node_get_value_type (v) != G_TYPE_INT64 && json_node_get_value_type (v) != G_TYPE_DOUBLE) ||
      json_object_get_size (o) != 1)
    {
      g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID,
                   _("“target” must be {\"at_least\": N} or {\"at_most\": N}"));
      return FALSE;
    }
  row->has_target = TRUE;
  row->target = json_node_get_double (v);
  return isfinite (row->target);
}

static ReturnRow *
parse_row (JsonNode   *node,
           GError    **error)
{
  g_autoptr(GError) local = NULL;
  ReturnRow *row = g_new0 (ReturnRow, 1);
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *label = o != NULL ? member_string (o, "label") : NULL;
  const char *measure = o != NULL ? member_string (o, "measure") : NULL;
  const char *unit = o != NULL ? member_string (o, "unit") : NULL;
  ReturnUnit declared;

  if (label == NULL || measure == NULL)
    g_set_error (&local, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID,
                 _("a row needs a “label” and a “measure”"));
  else
    row->label = g_strdup (label);
  if (local == NULL)
    parse_measure (row, measure, &local);
  if (local == NULL && unit != NULL && (!parse_unit (unit, &declared) || declared != row->unit))
    g_set_error (&local, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID,
                 _("the measure “%s” is in %s, not “%s”"), measure,
                 row->unit == RETURN_UNIT_COUNT ? "count" : row->unit == RETURN_UNIT_PERCENT ? "percent" : "days",
                 unit);
  if (local == NULL)
    parse_filters (row, json_object_get_member (o, "filters"), &local);
  if (local == NULL)
    parse_target (row, json_object_get_member (o, "target"), &local);
  if (local != NULL)
    {
      row_free (row);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return row;
}

static ReturnSection *
parse_section (JsonObject *o,
               const char *title,
               const char *origin,
               guint       number,
               GError    **error)
{
  JsonNode *rows = json_object_get_member (o, "rows");
  ReturnSection *s;

  if (rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows) || json_array_get_length (json_node_get_array (rows)) == 0)
    {
      g_autofree char *where = g_strdup_printf (_("section %u"), number);
      invalid (error, origin, where, _("“rows” must be a list of at least one row"));
      return NULL;
    }
  s = g_new0 (ReturnSection, 1);
  s->title = g_strdup (title);
  s->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      g_autoptr(GError) local = NULL;
      ReturnRow *row = parse_row (json_array_get_element (json_node_get_array (rows), i), &local);

      if (row == NULL)
        {
          g_autofree char *where = g_strdup_printf (_("section %u, row %u"), number, i + 1);
          invalid (error, origin, where, local->message);
          section_free (s);
          return NULL;
        }
      g_ptr_array_add (s->rows, row);
    }
  return s;
}

PathwaysReturnTemplate *
pathways_return_template_new_from_data (const char  *data,
                                        gssize       length,
                                        const char  *origin,
                                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(PathwaysReturnTemplate) self = NULL;
  JsonObject *root;
  JsonNode *sections;
  const char *title;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      invalid (error, origin, _("JSON"), local->message);
      return NULL;
    }
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  title = root != NULL ? member_string (root, "title") : NULL;
  if (title == NULL || member_string (root, "id") == NULL)
    {
      invalid (error, origin, _("the document"), _("it needs an “id” and a “title”"));
      return NULL;
    }
  self = g_new0 (PathwaysReturnTemplate, 1);
  self->id = g_strdup (member_string (root, "id"));
  self->title = g_strdup (title);
  self->description = g_strdup (member_string (root, "description"));
  self->data = length < 0 ? g_strdup (data) : g_strndup (data, length);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);

  /* either "sections": [{ "title", "rows" }] or "rows" directly (one section) */
  sections = json_object_get_member (root, "sections");
  if (sections == NULL)
    {
      ReturnSection *s = parse_section (root, title, origin, 1, error);
      if (s == NULL)
        return NULL;
      g_ptr_array_add (self->sections, s);
      return g_steal_pointer (&self);
    }
  if (!JSON_NODE_HOLDS_ARRAY (sections) || json_array_get_length (json_node_get_array (sections)) == 0)
    {
      invalid (error, origin, _("the document"), _("“sections” must be a list of at least one section"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (sections)); i++)
    {
      JsonNode *n = json_array_get_element (json_node_get_array (sections), i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *stitle = o != NULL ? member_string (o, "title") : NULL;
      ReturnSection *s;

      if (stitle == NULL)
        {
          g_autofree char *where = g_strdup_printf (_("section %u"), i + 1);
          invalid (error, origin, where, _("a section needs a “title”"));
          return NULL;
        }
      s = parse_section (o, stitle, origin, i + 1, error);
      if (s == NULL)
        return NULL;
      g_ptr_array_add (self->sections, s);
    }
  return g_steal_pointer (&self);
}

PathwaysReturnTemplate *
pathways_return_template_new_from_file (const char  *path,
                                        GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return pathways_return_template_new_from_data (data, length, path, error);
}

const char *
pathways_return_template_get_id (const PathwaysReturnTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
pathways_return_template_get_title (const PathwaysReturnTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
pathways_return_template_get_description (const PathwaysReturnTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->description;
}

guint
pathways_return_template_get_n_rows (const PathwaysReturnTemplate *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint s = 0; s < self->sections->len; s++)
    n += ((ReturnSection *) g_ptr_array_index (self->sections, s))->rows->len;
  return n;
}

char *
pathways_return_template_to_data (const PathwaysReturnTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strdup (self->data);
}

/* ---- finding ---- */

char *
pathways_return_get_dir (void)
{
  const char *env = g_getenv ("PATHWAYS_RETURNS_DIR");
  const char *candidates[] = {
    PATHWAYS_PKGDATADIR G_DIR_SEPARATOR_S "returns",
    PATHWAYS_SOURCE_DATADIR G_DIR_SEPARATOR_S "returns",
  };

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_strdup (candidates[i]);
  return NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const PathwaysReturnTemplate *ta = *(PathwaysReturnTemplate * const *) a;
  const PathwaysReturnTemplate *tb = *(PathwaysReturnTemplate * const *) b;

  return g_strcmp0 (ta->id, tb->id);
}

static gboolean
add_builtin (GPtrArray  *out,
             GError    **error)
{
  g_autofree char *dir = pathways_return_get_dir ();
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return TRUE;
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      PathwaysReturnTemplate *t;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      t = pathways_return_template_new_from_file (path, error);
      if (t == NULL)
        return FALSE;
      g_ptr_array_add (out, t);
    }
  g_ptr_array_sort (out, compare_ids);
  return TRUE;
}

/* The workspace's templates as a JSON object (a new empty one without any). */
static JsonObject *
kept_object (const char  *workspace,
             GError     **error)
{
  g_autofree char *value = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;

  value = pathways_workspace_get_setting (workspace, PATHWAYS_RETURN_SETTING, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (value == NULL)
    return json_object_new ();
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, value, -1, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, workspace, PATHWAYS_RETURN_SETTING, local != NULL ? local->message : _("not an object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
add_kept (GPtrArray   *out,
          const char  *workspace,
          GError     **error)
{
  g_autoptr(JsonObject) kept = kept_object (workspace, error);
  g_autoptr(GList) members = NULL;
  guint first = out->len;

  if (kept == NULL)
    return FALSE;
  members = json_object_get_members (kept);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *data = json_to_string (json_object_get_member (kept, l->data), FALSE);
      PathwaysReturnTemplate *t = pathways_return_template_new_from_data (data, -1, l->data, error);

      if (t == NULL)
        return FALSE;
      g_ptr_array_add (out, t);
    }
  /* sorted by id after the built-in ones */
  if (out->len > first)
    qsort (out->pdata + first, out->len - first, sizeof (gpointer), compare_ids);
  return TRUE;
}

GPtrArray *
pathways_return_list_templates (const char  *workspace,
                                GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_return_template_free);

  if (!add_builtin (out, error))
    return NULL;
  if (workspace != NULL && !add_kept (out, workspace, error))
    return NULL;
  return g_steal_pointer (&out);
}

PathwaysReturnTemplate *
pathways_return_template_find (const char  *name,
                               const char  *workspace,
                               GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  all = pathways_return_list_templates (workspace, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      PathwaysReturnTemplate *t = g_ptr_array_index (all, i);
      if (g_str_equal (t->id, name))
        return g_ptr_array_steal_index (all, i);
    }
  if (!g_file_test (name, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_NOT_FOUND,
                   _("No return template is called “%s”, and no such file exists "
                     "(pathways-cli return --list names the templates)"), name);
      return NULL;
    }
  return pathways_return_template_new_from_file (name, error);
}

gboolean
pathways_return_template_keep (const PathwaysReturnTemplate  *self,
                               const char                    *workspace,
                               GError                       **error)
{
  g_autoptr(JsonObject) kept = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (workspace != NULL, FALSE);

  kept = kept_object (workspace, error);
  if (kept == NULL || !json_parser_load_from_data (parser, self->data, -1, error))
    return FALSE;
  json_object_set_member (kept, self->id, json_node_copy (json_parser_get_root (parser)));
  node = json_node_init_object (json_node_alloc (), kept);
  value = json_to_string (node, FALSE);
  return pathways_workspace_set_setting (workspace, PATHWAYS_RETURN_SETTING, value, error);
}
