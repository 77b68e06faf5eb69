/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-mapping-json.c: the mapping file (docs/mapping-format.md), read with
 * JsonParser and written with JsonBuilder and JsonGenerator. */
#define G_LOG_DOMAIN "pathways-mapping"

#include "config.h"

#include <inttypes.h>

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include "pathways-i18n.h"
#include <json-glib/json-glib.h>

#include "pathways-mapping-private.h"

#define MAPPING_FORMAT_NAME    "pathways-mapping"
#define MAPPING_FORMAT_VERSION 1
/* A mapping is a few kilobytes; anything this large is not one. */
#define MAPPING_MAX_FILE_SIZE  (10 * 1024 * 1024)
/* Arrays and objects inside each other: the format needs 3; json-glib parses them by
 * recursion, and 100,000 levels overflow the stack. */
#define MAPPING_MAX_DEPTH      32

/* Writing */

/* A mapping set by a caller may hold bytes that are not UTF-8, which JSON text cannot:
 * they are written as U+FFFD. */
static void
add_string (JsonBuilder *b,
            const char  *s)
{
  g_autofree char *valid = NULL;

  if (s == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);
  json_builder_add_string_value (b, s);
}

static void
set_member (JsonBuilder *b,
            const char  *name)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (name, -1, NULL))
    name = valid = g_utf8_make_valid (name, -1);
  json_builder_set_member_name (b, name);
}

/* Every field of TABLE, null where it has no column, so a hand editor sees them all. */
static void
add_columns (JsonBuilder       *b,
             PathwaysMapping   *self,
             PathwaysTableKind  table)
{
  json_builder_begin_object (b);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (pathways_field_get_table (f) != table)
        continue;
      set_member (b, pathways_field_get_name (f));
      add_string (b, self->columns[f]);
    }
  json_builder_end_object (b);
}

/* Value groupings (source → canonical value) or closure classes (reason → class) of
 * TABLE, sorted by their folded source. */
static void
add_entries (JsonBuilder *b,
             GHashTable  *table,
             gboolean     closure_classes)
{
  g_autoptr(GPtrArray) entries = _pathways_mapping_sorted_entries (table);

  json_builder_begin_object (b);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (entries, i);

      set_member (b, entry->source);
      add_string (b, closure_classes ? pathways_closure_class_to_string (entry->klass)
                                     : entry->canonical);
    }
  json_builder_end_object (b);
}

static void
add_string_array (JsonBuilder *b,
                  GPtrArray   *list)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    add_string (b, g_ptr_array_index (list, i));
  json_builder_end_array (b);
}

static JsonNode *
mapping_to_node (PathwaysMapping *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  json_builder_begin_object (b);
  set_member (b, "format");
  add_string (b, MAPPING_FORMAT_NAME);
  set_member (b, "version");
  json_builder_add_int_value (b, MAPPING_FORMAT_VERSION);
  if (self->name != NULL)
    {
      set_member (b, "name");
      add_string (b, self->name);
    }

  set_member (b, "cases");
  add_columns (b, self, PATHWAYS_TABLE_CASES);
  set_member (b, "services");
  add_columns (b, self, PATHWAYS_TABLE_SERVICES);

  set_member (b, "values");
  json_builder_begin_object (b);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (self->values[f] == NULL || g_hash_table_size (self->values[f]) == 0)
        continue;
      set_member (b, pathways_field_get_name (f));
      add_entries (b, self->values[f], FALSE);
    }
  json_builder_end_object (b);

  set_member (b, "closure_classes");
  add_entries (b, self->closure_classes, TRUE);

  set_member (b, "missing_values");
  add_string_array (b, self->missing_values);
  set_member (b, "explicit_none");
  add_string_array (b, self->explicit_none);

  set_member (b, "date_order");
  json_builder_begin_object (b);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (self->date_orders[f] == PATHWAYS_DATE_ORDER_AUTO)
        continue;
      set_member (b, pathways_field_get_name (f));
      add_string (b, pathways_date_order_to_string (self->date_orders[f]));
    }
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
pathways_mapping_to_data (PathwaysMapping *self)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GString *out;
  gsize len = 0;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  root = mapping_to_node (self);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  /* json-glib escapes every control character in a string but U+001F, which it writes
   * as the raw byte that JSON does not allow (and other readers refuse). That byte can
   * only stand inside a string, and no UTF-8 sequence holds it: it is escaped here. */
  out = g_string_sized_new (len + 2);
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == 0x1f)
        g_string_append (out, "\\u001f");
      else
        g_string_append_c (out, text[i]);
    }
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

      if (!field_from_any_name (name, &field) || !_pathways_mapping_field_has_values (field))
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
                       _("This mapping is version %" PRId64 ", written by a newer Pathways; this one reads version %d"),
                       version, MAPPING_FORMAT_VERSION);
          return FALSE;
        }
      if (version < 1)
        {
          g_set_error (error, PATHWAYS_MAPPING_ERROR, PATHWAYS_MAPPING_ERROR_INVALID,
                       _("“version” %" PRId64 " is not a mapping version"),
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
                   _("Not a Pathways mapping: %zu bytes is too large (at most %d MB)"),
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
