/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-mapping.c: the mapping model: column assignments, value groupings, closure
 * classes, missing spellings and date orders, and the canonicalisation of raw values
 * (folding, grouping, missing spellings). Detection and presets are in
 * pathways-mapping-detect.c, the JSON file format in pathways-mapping-json.c. */
#define G_LOG_DOMAIN "pathways-mapping"

#include "config.h"

#include <string.h>


#include "pathways-mapping-private.h"


G_DEFINE_FINAL_TYPE (PathwaysMapping, pathways_mapping, G_TYPE_OBJECT)
G_DEFINE_QUARK (pathways-mapping-error-quark, pathways_mapping_error)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const default_missing_values[] = {
  "", "NA", "N/A", "null", "Unknown", "Not known", "Not recorded",
  "Not able to obtain", "Prefer not to say", "Did not disclose", NULL
};

static const char * const default_explicit_none[] = {
  "None", "None currently known", "No risks", "No known current risk", NULL
};

/* Default closure classes (spec/metrics.md "Closure classes"), compared folded.
 * A reason in none of these lists, and not assigned by the mapping, is "other": a
 * guess either way would inflate the planned or the unplanned rate, and the user can
 * reassign it. */
static const char * const default_planned[] = {
  "Planned closure", "Planned ending", "Completed", "Support completed", NULL
};

static const char * const default_unplanned[] = {
  "Did not engage", "Disengaged", "Declined service", "No service received",
  "Unplanned closure", "Not brought to service", "DNE W/L", "Service denied",
  "Dual status service denied", "Service withdrawn", "Referral withdrawn",
  "Referral incomplete", "Inappropriate referral", "Unexpected closure", NULL
};

static const char * const default_other[] = {
  "Referred on", "Transferred to another worker", "Transferred to another RC Centre",
  "Engaged W/L", "Deceased", "Deferred", NULL
};

/* Folding */

static inline gboolean
is_fold_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '-' || c == '_'
         || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014;
}

/* Fast path for short ASCII strings, the usual cell: folds S into BUF and returns it,
 * or returns NULL when S is not short ASCII. */
static const char *
fold_ascii (const char *s,
            char       *buf,
            gsize       buf_size)
{
  gsize n = 0;
  gboolean pending_space = FALSE;

  for (const char *p = s; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c >= 0x80)
        return NULL;
      if (g_ascii_isspace (c) || c == '-' || c == '_')
        {
          pending_space = n > 0;
          continue;
        }
      if (n + 2 >= buf_size)
        return NULL;
      if (pending_space)
        buf[n++] = ' ';
      pending_space = FALSE;
      buf[n++] = g_ascii_tolower (c);
    }

  buf[n] = '\0';
  return buf;
}

char *
pathways_fold (const char *s)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (s != NULL, NULL);

  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  folded = g_utf8_casefold (s, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_fold_separator (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Looks KEY up in TABLE, folding it first (without allocating for short ASCII). */
static gpointer
lookup_folded (GHashTable *table,
               const char *key)
{
  char buf[256];
  const char *folded;
  g_autofree char *slow = NULL;

  if (table == NULL || key == NULL)
    return NULL;

  folded = fold_ascii (key, buf, sizeof buf);
  if (folded == NULL)
    folded = slow = pathways_fold (key);

  return g_hash_table_lookup (table, folded);
}

static gboolean
contains_folded (GHashTable *table,
                 const char *key)
{
  char buf[256];
  const char *folded;
  g_autofree char *slow = NULL;

  folded = fold_ascii (key, buf, sizeof buf);
  if (folded == NULL)
    folded = slow = pathways_fold (key);

  return g_hash_table_contains (table, folded);
}

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* g_set_str () is GLib 2.76. */
static gboolean
set_str (char       **str_pointer,
         const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;
  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

/* Entries */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->source);
  g_free (entry->canonical);
  g_free (entry);
}

static GHashTable *
entry_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

static GHashTable *
entry_table_copy (GHashTable *table)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (table == NULL)
    return NULL;

  copy = entry_table_new ();
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Entry *entry = value;
      Entry *dup = g_new0 (Entry, 1);

      dup->source = g_strdup (entry->source);
      dup->canonical = g_strdup (entry->canonical);
      dup->klass = entry->klass;
      g_hash_table_insert (copy, g_strdup (key), dup);
    }

  return copy;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(const Entry * const *) a;
  const Entry *eb = *(const Entry * const *) b;
  g_autofree char *fa = pathways_fold (ea->source);
  g_autofree char *fb = pathways_fold (eb->source);
  int cmp = strcmp (fa, fb);

  return cmp != 0 ? cmp : strcmp (ea->source, eb->source);
}

GPtrArray *
_pathways_mapping_sorted_entries (GHashTable *table)
{
  GPtrArray *array = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (table == NULL)
    return array;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (array, value);
  g_ptr_array_sort (array, compare_entries);

  return array;
}

/* Spelling lists (missing values, explicit none) */

static void
spelling_list_set (GPtrArray         **list,
                   GHashTable        **folded,
                   const char * const *values)
{
  g_clear_pointer (list, g_ptr_array_unref);
  g_clear_pointer (folded, g_hash_table_unref);

  *list = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  *folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *key = pathways_fold (values[i]);

      /* Spellings that fold alike are one spelling: keep the first. */
      if (g_hash_table_contains (*folded, key))
        continue;
      g_ptr_array_add (*list, g_strdup (values[i]));
      g_hash_table_add (*folded, g_steal_pointer (&key));
    }
}

static char **
spelling_list_dup (GPtrArray *list)
{
  /* An empty array may have no pdata at all. */
  if (list->pdata == NULL)
    return g_new0 (char *, 1);
  return g_strdupv ((char **) list->pdata);
}

/* GObject */

static void
pathways_mapping_finalize (GObject *object)
{
  PathwaysMapping *self = (PathwaysMapping *) object;

  g_clear_pointer (&self->name, g_free);
  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    {
      g_clear_pointer (&self->columns[i], g_free);
      g_clear_pointer (&self->values[i], g_hash_table_unref);
    }
  g_clear_pointer (&self->closure_classes, g_hash_table_unref);
  g_clear_pointer (&self->missing_values, g_ptr_array_unref);
  g_clear_pointer (&self->missing_folded, g_hash_table_unref);
  g_clear_pointer (&self->explicit_none, g_ptr_array_unref);
  g_clear_pointer (&self->explicit_none_folded, g_hash_table_unref);

  G_OBJECT_CLASS (pathways_mapping_parent_class)->finalize (object);
}

static void
pathways_mapping_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PathwaysMapping *self = PATHWAYS_MAPPING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_mapping_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PathwaysMapping *self = PATHWAYS_MAPPING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pathways_mapping_set_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_mapping_class_init (PathwaysMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pathways_mapping_finalize;
  object_class->get_property = pathways_mapping_get_property;
  object_class->set_property = pathways_mapping_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pathways_mapping_init (PathwaysMapping *self)
{
  self->closure_classes = entry_table_new ();
  spelling_list_set (&self->missing_values, &self->missing_folded,
                     default_missing_values);
  spelling_list_set (&self->explicit_none, &self->explicit_none_folded,
                     default_explicit_none);
  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    self->date_orders[i] = PATHWAYS_DATE_ORDER_AUTO;
}

PathwaysMapping *
pathways_mapping_new (void)
{
  return g_object_new (PATHWAYS_TYPE_MAPPING, NULL);
}

PathwaysMapping *
pathways_mapping_copy (PathwaysMapping *self)
{
  PathwaysMapping *copy;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  copy = pathways_mapping_new ();
  copy->name = g_strdup (self->name);
  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    {
      copy->columns[i] = g_strdup (self->columns[i]);
      copy->values[i] = entry_table_copy (self->values[i]);
      copy->date_orders[i] = self->date_orders[i];
    }
  g_hash_table_unref (copy->closure_classes);
  copy->closure_classes = entry_table_copy (self->closure_classes);
  spelling_list_set (&copy->missing_values, &copy->missing_folded,
                     (const char * const *) self->missing_values->pdata);
  spelling_list_set (&copy->explicit_none, &copy->explicit_none_folded,
                     (const char * const *) self->explicit_none->pdata);

  return copy;
}

const char *
pathways_mapping_get_name (PathwaysMapping *self)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  return self->name;
}

void
pathways_mapping_set_name (PathwaysMapping *self,
                           const char      *name)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));

  if (set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* Columns */

const char *
pathways_mapping_get_column (PathwaysMapping *self,
                             PathwaysField    field)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  return self->columns[field];
}

void
pathways_mapping_set_column (PathwaysMapping *self,
                             PathwaysField    field,
                             const char      *column)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (field < PATHWAYS_N_FIELDS);

  set_str (&self->columns[field], column);
}
/* Values */

gboolean
_pathways_mapping_field_has_values (PathwaysField field)
{
  PathwaysFieldKind kind = pathways_field_get_kind (field);

  return kind == PATHWAYS_KIND_CATEGORY || kind == PATHWAYS_KIND_MULTI;
}

void
pathways_mapping_set_value (PathwaysMapping *self,
                            PathwaysField    field,
                            const char      *source_value,
                            const char      *canonical_value)
{
  g_autofree char *key = NULL;

  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (field < PATHWAYS_N_FIELDS);
  g_return_if_fail (_pathways_mapping_field_has_values (field));
  g_return_if_fail (source_value != NULL);

  key = pathways_fold (source_value);

  if (canonical_value == NULL)
    {
      if (self->values[field] != NULL)
        g_hash_table_remove (self->values[field], key);
      return;
    }

  {
    Entry *entry = g_new0 (Entry, 1);

    entry->source = g_strdup (source_value);
    entry->canonical = g_strdup (canonical_value);
    if (self->values[field] == NULL)
      self->values[field] = entry_table_new ();
    g_hash_table_replace (self->values[field], g_steal_pointer (&key), entry);
  }
}

const char *
pathways_mapping_get_value (PathwaysMapping *self,
                            PathwaysField    field,
                            const char      *source_value)
{
  const Entry *entry;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);
  g_return_val_if_fail (source_value != NULL, NULL);

  entry = lookup_folded (self->values[field], source_value);
  return entry != NULL ? entry->canonical : NULL;
}

char **
pathways_mapping_get_value_sources (PathwaysMapping *self,
                                    PathwaysField    field)
{
  g_autoptr(GPtrArray) entries = NULL;
  char **strv;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  entries = _pathways_mapping_sorted_entries (self->values[field]);
  strv = g_new0 (char *, entries->len + 1);
  for (guint i = 0; i < entries->len; i++)
    strv[i] = g_strdup (((Entry *) g_ptr_array_index (entries, i))->source);

  return strv;
}

gboolean
pathways_mapping_is_missing (PathwaysMapping *self,
                             const char      *raw)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), TRUE);

  /* A blank cell is missing whatever the list says: it has no value to show. */
  if (raw == NULL || is_blank (raw))
    return TRUE;

  return contains_folded (self->missing_folded, raw);
}

const char *
pathways_mapping_map_value (PathwaysMapping *self,
                            PathwaysField    field,
                            const char      *raw)
{
  const Entry *entry;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  if (raw == NULL || is_blank (raw))
    return NULL;

  /* An explicit grouping wins over the missing spellings: grouping "Unknown" onto
   * "Other" is a deliberate choice. A grouping onto a missing spelling ("Not
   * recorded") makes the value missing. */
  entry = lookup_folded (self->values[field], raw);
  if (entry != NULL)
    {
      if (pathways_mapping_is_missing (self, entry->canonical)
          || g_ascii_strcasecmp (entry->canonical, PATHWAYS_NOT_RECORDED) == 0)
        return NULL;
      return entry->canonical;
    }

  if (pathways_mapping_is_missing (self, raw))
    return NULL;

  return raw;
}

gboolean
pathways_mapping_is_explicit_none (PathwaysMapping *self,
                                   const char      *raw)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), FALSE);

  if (raw == NULL)
    return FALSE;

  return contains_folded (self->explicit_none_folded, raw);
}

char **
pathways_mapping_get_missing_values (PathwaysMapping *self)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  return spelling_list_dup (self->missing_values);
}

void
pathways_mapping_set_missing_values (PathwaysMapping    *self,
                                     const char * const *values)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));

  spelling_list_set (&self->missing_values, &self->missing_folded, values);
}

char **
pathways_mapping_get_explicit_none (PathwaysMapping *self)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  return spelling_list_dup (self->explicit_none);
}

void
pathways_mapping_set_explicit_none (PathwaysMapping    *self,
                                    const char * const *values)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));

  spelling_list_set (&self->explicit_none, &self->explicit_none_folded, values);
}

/* Closure classes */

static const char * const closure_class_names[PATHWAYS_N_CLOSURE_CLASSES] = {
  [PATHWAYS_CLOSURE_PLANNED] = "planned",
  [PATHWAYS_CLOSURE_OTHER] = "other",
  [PATHWAYS_CLOSURE_UNPLANNED] = "unplanned",
  [PATHWAYS_CLOSURE_NOT_RECORDED] = "not_recorded",
};

const char *
pathways_closure_class_to_string (PathwaysClosureClass klass)
{
  g_return_val_if_fail (klass < PATHWAYS_N_CLOSURE_CLASSES, NULL);

  return closure_class_names[klass];
}

gboolean
pathways_closure_class_from_string (const char           *s,
                                    PathwaysClosureClass *out)
{
  g_return_val_if_fail (s != NULL, FALSE);

  for (guint i = 0; i < PATHWAYS_N_CLOSURE_CLASSES; i++)
    {
      if (g_ascii_strcasecmp (s, closure_class_names[i]) == 0)
        {
          if (out != NULL)
            *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
in_default_list (const char * const *list,
                 const char         *folded)
{
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *item = pathways_fold (list[i]);

      if (strcmp (item, folded) == 0)
        return TRUE;
    }

  return FALSE;
}

PathwaysClosureClass
pathways_mapping_get_default_closure_class (const char *reason)
{
  g_autofree char *folded = NULL;

  if (reason == NULL)
    return PATHWAYS_CLOSURE_NOT_RECORDED;

  folded = pathways_fold (reason);
  if (folded[0] == '\0' || strcmp (folded, "not recorded") == 0)
    return PATHWAYS_CLOSURE_NOT_RECORDED;
  if (in_default_list (default_planned, folded))
    return PATHWAYS_CLOSURE_PLANNED;
  if (in_default_list (default_unplanned, folded))
    return PATHWAYS_CLOSURE_UNPLANNED;
  if (in_default_list (default_other, folded))
    return PATHWAYS_CLOSURE_OTHER;
  /* A reason nobody classified: "other", see default_planned above. */
  return PATHWAYS_CLOSURE_OTHER;
}

PathwaysClosureClass
pathways_mapping_get_closure_class (PathwaysMapping *self,
                                    const char      *reason)
{
  const Entry *entry;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), PATHWAYS_CLOSURE_NOT_RECORDED);

  if (reason == NULL || pathways_mapping_is_missing (self, reason))
    return PATHWAYS_CLOSURE_NOT_RECORDED;

  entry = lookup_folded (self->closure_classes, reason);
  if (entry != NULL)
    return entry->klass;

  return pathways_mapping_get_default_closure_class (reason);
}

void
pathways_mapping_set_closure_class (PathwaysMapping      *self,
                                    const char           *reason,
                                    PathwaysClosureClass  klass)
{
  Entry *entry;

  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (reason != NULL);
  g_return_if_fail (klass < PATHWAYS_N_CLOSURE_CLASSES);

  entry = g_new0 (Entry, 1);
  entry->source = g_strdup (reason);
  entry->klass = klass;
  g_hash_table_replace (self->closure_classes, pathways_fold (reason), entry);
}

void
pathways_mapping_unset_closure_class (PathwaysMapping *self,
                                      const char      *reason)
{
  g_autofree char *key = NULL;

  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (reason != NULL);

  key = pathways_fold (reason);
  g_hash_table_remove (self->closure_classes, key);
}

char **
pathways_mapping_get_closure_class_reasons (PathwaysMapping *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  char **strv;

  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), NULL);

  entries = _pathways_mapping_sorted_entries (self->closure_classes);
  strv = g_new0 (char *, entries->len + 1);
  for (guint i = 0; i < entries->len; i++)
    strv[i] = g_strdup (((Entry *) g_ptr_array_index (entries, i))->source);

  return strv;
}

/* Date orders */

static const char * const date_order_names[] = {
  [PATHWAYS_DATE_ORDER_AUTO] = "auto",
  [PATHWAYS_DATE_ORDER_DMY] = "dmy",
  [PATHWAYS_DATE_ORDER_MDY] = "mdy",
  [PATHWAYS_DATE_ORDER_YMD] = "ymd",
};

const char *
pathways_date_order_to_string (PathwaysDateOrder order)
{
  g_return_val_if_fail (order < G_N_ELEMENTS (date_order_names), NULL);

  return date_order_names[order];
}

gboolean
pathways_date_order_from_string (const char        *s,
                                 PathwaysDateOrder *out)
{
  g_return_val_if_fail (s != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (date_order_names); i++)
    {
      if (g_ascii_strcasecmp (s, date_order_names[i]) == 0)
        {
          if (out != NULL)
            *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

PathwaysDateOrder
pathways_mapping_get_date_order (PathwaysMapping *self,
                                 PathwaysField    field)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (self), PATHWAYS_DATE_ORDER_AUTO);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, PATHWAYS_DATE_ORDER_AUTO);

  return self->date_orders[field];
}

void
pathways_mapping_set_date_order (PathwaysMapping   *self,
                                 PathwaysField      field,
                                 PathwaysDateOrder  order)
{
  g_return_if_fail (PATHWAYS_IS_MAPPING (self));
  g_return_if_fail (field < PATHWAYS_N_FIELDS);
  g_return_if_fail (pathways_field_get_kind (field) == PATHWAYS_KIND_DATE);
  g_return_if_fail (order <= PATHWAYS_DATE_ORDER_YMD);

  self->date_orders[field] = order;
}

/* Equality */

static gboolean
entry_tables_equal (GHashTable *a,
                    GHashTable *b,
                    gboolean    compare_canonical)
{
  guint na = a != NULL ? g_hash_table_size (a) : 0;
  guint nb = b != NULL ? g_hash_table_size (b) : 0;
  GHashTableIter iter;
  gpointer key, value;

  if (na != nb)
    return FALSE;
  if (na == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Entry *ea = value;
      const Entry *eb = g_hash_table_lookup (b, key);

      if (eb == NULL || strcmp (ea->source, eb->source) != 0)
        return FALSE;
      if (compare_canonical ? strcmp (ea->canonical, eb->canonical) != 0
                            : ea->klass != eb->klass)
        return FALSE;
    }

  return TRUE;
}

static gboolean
spelling_lists_equal (GPtrArray *a,
                      GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
pathways_mapping_equal (PathwaysMapping *a,
                        PathwaysMapping *b)
{
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (a), FALSE);
  g_return_val_if_fail (PATHWAYS_IS_MAPPING (b), FALSE);

  if (g_strcmp0 (a->name, b->name) != 0)
    return FALSE;
  for (guint i = 0; i < PATHWAYS_N_FIELDS; i++)
    {
      if (g_strcmp0 (a->columns[i], b->columns[i]) != 0
          || a->date_orders[i] != b->date_orders[i]
          || !entry_tables_equal (a->values[i], b->values[i], TRUE))
        return FALSE;
    }

  return entry_tables_equal (a->closure_classes, b->closure_classes, FALSE)
         && spelling_lists_equal (a->missing_values, b->missing_values)
         && spelling_lists_equal (a->explicit_none, b->explicit_none);
}

