/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-filter"

#include "config.h"

#include <string.h>
#include "pathways-i18n.h"

#include "pathways-filter.h"
#include "pathways-mapping.h"
#include "pathways-measures.h"

G_DEFINE_QUARK (pathways-filter-error-quark, pathways_filter_error)

typedef struct {
  PathwaysField  field;
  GPtrArray     *values;   /* char*, NULL-terminated */
} FilterField;

struct _PathwaysFilter {
  gint32     from;
  gint32     to;
  GPtrArray *fields;       /* FilterField* */
  int        stage;        /* PathwaysStage the cases reached, or -1 */
};

static void
filter_field_free (FilterField *ff)
{
  g_ptr_array_unref (ff->values);
  g_free (ff);
}

PathwaysFilter *
pathways_filter_new (void)
{
  PathwaysFilter *self = g_new0 (PathwaysFilter, 1);

  self->from = PATHWAYS_DAY_NONE;
  self->to = PATHWAYS_DAY_NONE;
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) filter_field_free);
  self->stage = -1;
  return self;
}

void
pathways_filter_free (PathwaysFilter *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_free (self);
}

static FilterField *
find_field (const PathwaysFilter *self,
            PathwaysField         field)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FilterField *ff = g_ptr_array_index (self->fields, i);
      if (ff->field == field)
        return ff;
    }
  return NULL;
}

PathwaysFilter *
pathways_filter_copy (const PathwaysFilter *self)
{
  PathwaysFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = pathways_filter_new ();
  copy->from = self->from;
  copy->to = self->to;
  copy->stage = self->stage;
  for (guint i = 0; i < self->fields->len; i++)
    {
      FilterField *ff = g_ptr_array_index (self->fields, i);
      for (guint j = 0; j + 1 < ff->values->len; j++)
        pathways_filter_add_value (copy, ff->field, g_ptr_array_index (ff->values, j));
    }
  return copy;
}

gboolean
pathways_filter_equal (const PathwaysFilter *a,
                       const PathwaysFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->from != b->from || a->to != b->to || a->stage != b->stage ||
      a->fields->len != b->fields->len)
    return FALSE;
  for (guint i = 0; i < a->fields->len; i++)
    {
      FilterField *fa = g_ptr_array_index (a->fields, i);
      FilterField *fb = find_field (b, fa->field);

      if (fb == NULL || fa->values->len != fb->values->len)
        return FALSE;
      for (guint j = 0; j + 1 < fa->values->len; j++)
        {
          gboolean found = FALSE;
          for (guint k = 0; k + 1 < fb->values->len && !found; k++)
            found = g_str_equal (g_ptr_array_index (fa->values, j),
                                 g_ptr_array_index (fb->values, k));
          if (!found)
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
pathways_filter_is_empty (const PathwaysFilter *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->from == PATHWAYS_DAY_NONE && self->to == PATHWAYS_DAY_NONE &&
         self->fields->len == 0 && self->stage < 0;
}

void
pathways_filter_set_range (PathwaysFilter *self,
                           gint32          from,
                           gint32          to)
{
  g_return_if_fail (self != NULL);
  self->from = PATHWAYS_DAY_IS_VALID (from) ? from : PATHWAYS_DAY_NONE;
  self->to = PATHWAYS_DAY_IS_VALID (to) ? to : PATHWAYS_DAY_NONE;
}

gint32
pathways_filter_get_from (const PathwaysFilter *self)
{
  g_return_val_if_fail (self != NULL, PATHWAYS_DAY_NONE);
  return self->from;
}

gint32
pathways_filter_get_to (const PathwaysFilter *self)
{
  g_return_val_if_fail (self != NULL, PATHWAYS_DAY_NONE);
  return self->to;
}

/* Parses exactly N digits at *P. */
static gboolean
parse_digits (const char **p,
              guint        n,
              int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

static gint32
parse_iso (const char *text)
{
  const char *p = text;
  int y, m, d;

  if (!parse_digits (&p, 4, &y) || *p++ != '-' || !parse_digits (&p, 2, &m) ||
      *p++ != '-' || !parse_digits (&p, 2, &d) || *p != '\0')
    return PATHWAYS_DAY_INVALID;
  return pathways_day_from_ymd (y, m, d);
}

static gboolean
set_end (gint32      *end,
         const char  *iso,
         const char  *option,
         GError     **error)
{
  g_autofree char *text = NULL;
  gint32 day;

  if (iso == NULL || *iso == '\0')
    {
      *end = PATHWAYS_DAY_NONE;
      return TRUE;
    }
  text = g_strstrip (g_strdup (iso));
  day = parse_iso (text);
  if (!PATHWAYS_DAY_IS_VALID (day))
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_DATE,
                   _("%s: '%s' is not a date (expected YYYY-MM-DD)"), option, iso);
      return FALSE;
    }
  *end = day;
  return TRUE;
}

gboolean
pathways_filter_set_from_string (PathwaysFilter  *self,
                                 const char      *iso,
                                 GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return set_end (&self->from, iso, "--from", error);
}

gboolean
pathways_filter_set_to_string (PathwaysFilter  *self,
                               const char      *iso,
                               GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return set_end (&self->to, iso, "--to", error);
}

gboolean
pathways_filter_set_period (PathwaysFilter  *self,
                            const char      *period,
                            GError         **error)
{
  gint32 from, to;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  if (!pathways_period_parse (period, &from, &to, error))
    return FALSE;
  self->from = from;
  self->to = to;
  return TRUE;
}

void
pathways_filter_add_value (PathwaysFilter *self,
                           PathwaysField   field,
                           const char     *value)
{
  FilterField *ff;

  g_return_if_fail (self != NULL);
  g_return_if_fail (field < PATHWAYS_N_FIELDS);
  g_return_if_fail (value != NULL);

  ff = find_field (self, field);
  if (ff == NULL)
    {
      ff = g_new0 (FilterField, 1);
      ff->field = field;
      ff->values = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (ff->values, NULL);
      g_ptr_array_add (self->fields, ff);
    }
  for (guint i = 0; i + 1 < ff->values->len; i++)
    if (g_str_equal (g_ptr_array_index (ff->values, i), value))
      return;
  g_ptr_array_insert (ff->values, ff->values->len - 1, g_strdup (value));
}

void
pathways_filter_remove_value (PathwaysFilter *self,
                              PathwaysField   field,
                              const char     *value)
{
  FilterField *ff;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);

  ff = find_field (self, field);
  if (ff == NULL)
    return;
  for (guint i = 0; i + 1 < ff->values->len; i++)
    if (g_str_equal (g_ptr_array_index (ff->values, i), value))
      {
        g_ptr_array_remove_index (ff->values, i);
        break;
      }
  if (ff->values->len == 1)
    g_ptr_array_remove (self->fields, ff);
}

void
pathways_filter_clear_field (PathwaysFilter *self,
                             PathwaysField   field)
{
  FilterField *ff;

  g_return_if_fail (self != NULL);
  ff = find_field (self, field);
  if (ff != NULL)
    g_ptr_array_remove (self->fields, ff);
}

void
pathways_filter_clear (PathwaysFilter *self)
{
  g_return_if_fail (self != NULL);
  self->from = self->to = PATHWAYS_DAY_NONE;
  g_ptr_array_set_size (self->fields, 0);
  self->stage = -1;
}

gboolean
pathways_filter_set_stage (PathwaysFilter  *self,
                           const char      *stage,
                           GError         **error)
{
  int s;

  g_return_val_if_fail (self != NULL, FALSE);

  if (stage == NULL)
    {
      self->stage = -1;
      return TRUE;
    }
  s = pathways_stage_from_id (stage);
  if (s < 0)
    {
      GString *known = g_string_new (NULL);

      for (int k = 0; k < PATHWAYS_N_STAGES; k++)
        g_string_append_printf (known, "%s%s", k > 0 ? ", " : "", pathways_stage_get_id (k));
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE,
                   _("Stage '%s' is not a stage of the journey (stages: %s)"), stage, known->str);
      g_string_free (known, TRUE);
      return FALSE;
    }
  /* every case reached the first stage: no filter */
  self->stage = s == PATHWAYS_STAGE_REFERRED ? -1 : s;
  return TRUE;
}

const char *
pathways_filter_get_stage (const PathwaysFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stage >= 0 ? pathways_stage_get_id (self->stage) : NULL;
}

gboolean
pathways_filter_stage_is_offered (PathwaysDataset *dataset,
                                  const char      *stage)
{
  int s;

  g_return_val_if_fail (dataset != NULL, FALSE);

  s = pathways_stage_from_id (stage);
  return s >= 0 && pathways_stage_is_recorded (dataset, (PathwaysStage) s);
}

static gboolean
field_can_filter (PathwaysField field)
{
  PathwaysFieldKind kind = pathways_field_get_kind (field);
  return kind == PATHWAYS_KIND_CATEGORY || kind == PATHWAYS_KIND_MULTI;
}

/* The field named in ARGUMENT ("FIELD=..."), and in *VALUE_TEXT what follows "=". */
static gboolean
argument_field (const char     *argument,
                PathwaysField  *field,
                const char    **value_text,
                GError        **error)
{
  const char *eq = strchr (argument, '=');
  g_autofree char *name = NULL;

  if (eq == NULL)
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD,
                   _("--filter '%s': expected FIELD=VALUE"), argument);
      return FALSE;
    }
  name = g_strstrip (g_strndup (argument, eq - argument));
  if (!pathways_field_from_name (PATHWAYS_TABLE_CASES, name, field) &&
      !pathways_field_from_name (PATHWAYS_TABLE_SERVICES, name, field))
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD,
                   _("--filter '%s': '%s' is not a field name"), argument, name);
      return FALSE;
    }
  if (!field_can_filter (*field))
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD,
                   _("--filter '%s': '%s' is not a category field and cannot filter"),
                   argument, name);
      return FALSE;
    }
  *value_text = eq + 1;
  return TRUE;
}

/* The code of the value of DICT that folds like TEXT, or -1. */
static int
lookup_folded (PathwaysDictionary *dict,
               const char         *text)
{
  g_autofree char *wanted = pathways_fold (text);
  guint n = pathways_dictionary_get_size (dict);
  int code = pathways_dictionary_lookup (dict, text);

  if (code >= 0)
    return code;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folded = pathways_fold (pathways_dictionary_get (dict, i));

      if (g_strcmp0 (folded, wanted) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
dictionary_has_comma (PathwaysDictionary *dict)
{
  guint n = pathways_dictionary_get_size (dict);

  for (guint i = 0; i < n; i++)
    {
      if (strchr (pathways_dictionary_get (dict, i), ',') != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
set_unknown_value_error (GError             **error,
                         PathwaysField        field,
                         PathwaysDictionary  *dict,
                         const char          *value)
{
  g_autoptr(GString) known = g_string_new (NULL);
  guint n = pathways_dictionary_get_size (dict);

  for (guint k = 0; k < n && k < 20; k++)
    {
      if (k > 0)
        g_string_append (known, "; ");
      g_string_append (known, pathways_dictionary_get (dict, k));
    }
  if (n > 20)
    g_string_append (known, "; …");
  g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE,
               _("Filter on '%s': '%s' is not a value of this field (values: %s)"),
               pathways_field_get_name (field), value, known->str);
}

gboolean
pathways_filter_add_argument (PathwaysFilter   *self,
                              PathwaysDataset  *dataset,
                              const char       *argument,
                              GError          **error)
{
  g_autofree char *whole = NULL;
  g_auto(GStrv) parts = NULL;
  PathwaysColumn *column;
  PathwaysDictionary *dict;
  const char *value_text;
  PathwaysField field;
  int code;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (argument != NULL, FALSE);

  if (!argument_field (argument, &field, &value_text, error))
    return FALSE;
  whole = g_strstrip (g_strdup (value_text));
  if (whole[0] == '\0')
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE,
                   _("--filter '%s': no value given"), argument);
      return FALSE;
    }
  column = dataset->columns[field];
  if (column == NULL || column->dict == NULL)
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_NOT_MAPPED,
                   _("Filter on '%s': the field is not mapped in this dataset"),
                   pathways_field_get_name (field));
      return FALSE;
    }
  dict = column->dict;

  code = lookup_folded (dict, whole);
  if (code >= 0)
    {
      pathways_filter_add_value (self, field, pathways_dictionary_get (dict, code));
      return TRUE;
    }
  if (strchr (whole, ',') == NULL || dictionary_has_comma (dict))
    {
      set_unknown_value_error (error, field, dict, whole);
      return FALSE;
    }

  /* the old FIELD=A,B form: every part must be a value */
  parts = g_strsplit (whole, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;
      code = lookup_folded (dict, parts[i]);
      if (code < 0)
        {
          set_unknown_value_error (error, field, dict, parts[i]);
          return FALSE;
        }
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] != '\0')
        pathways_filter_add_value (self, field,
                                   pathways_dictionary_get (dict, lookup_folded (dict, parts[i])));
    }
  return TRUE;
}

gboolean
pathways_filter_parse_argument (PathwaysFilter  *self,
                                const char      *argument,
                                GError         **error)
{
  g_auto(GStrv) values = NULL;
  const char *value_text;
  PathwaysField field;
  guint n_added = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (argument != NULL, FALSE);

  if (!argument_field (argument, &field, &value_text, error))
    return FALSE;
  values = g_strsplit (value_text, ",", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_strstrip (values[i]);
      if (values[i][0] == '\0')
        continue;
      pathways_filter_add_value (self, field, values[i]);
      n_added++;
    }
  if (n_added == 0)
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE,
                   _("--filter '%s': no value given"), argument);
      return FALSE;
    }
  return TRUE;
}

gboolean
pathways_filter_has_field (const PathwaysFilter *self,
                           PathwaysField         field)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return find_field (self, field) != NULL;
}

guint
pathways_filter_get_n_fields (const PathwaysFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->fields->len;
}

PathwaysField
pathways_filter_get_field (const PathwaysFilter *self,
                           guint                 index)
{
  FilterField *ff;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->fields->len, 0);
  ff = g_ptr_array_index (self->fields, index);
  return ff->field;
}

const char * const *
pathways_filter_get_values (const PathwaysFilter *self,
                            PathwaysField         field)
{
  FilterField *ff;

  g_return_val_if_fail (self != NULL, NULL);
  ff = find_field (self, field);
  return ff != NULL ? (const char * const *) ff->values->pdata : NULL;
}

static void
append_day (GString *s,
            gint32   day)
{
  int y, m, d;

  pathways_day_to_ymd (day, &y, &m, &d);
  g_string_append_printf (s, "%d %s %d", d, pathways_i18n_month_abbrev (m), y);
}

char *
pathways_filter_describe (const PathwaysFilter *self)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (NULL);
  for (guint i = 0; i < self->fields->len; i++)
    {
      FilterField *ff = g_ptr_array_index (self->fields, i);
      g_autofree char *joined = g_strjoinv (", ", (char **) ff->values->pdata);

      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append_printf (s, "%s: %s", _(pathways_field_get_label (ff->field)), joined);
    }
  if (self->stage >= 0)
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      /* Translators: the journey stage the cases reached, "Reached: Assessed" */
      g_string_append_printf (s, _("Reached: %s"), pathways_stage_get_label (self->stage));
    }
  if (self->from != PATHWAYS_DAY_NONE || self->to != PATHWAYS_DAY_NONE)
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      if (self->from != PATHWAYS_DAY_NONE && self->to != PATHWAYS_DAY_NONE)
        {
          append_day (s, self->from);
          g_string_append (s, " – ");
          append_day (s, self->to);
        }
      else if (self->from != PATHWAYS_DAY_NONE)
        {
          g_string_append (s, _("from "));
          append_day (s, self->from);
        }
      else
        {
          g_string_append (s, _("up to "));
          append_day (s, self->to);
        }
    }
  return g_string_free (s, FALSE);
}

gboolean
pathways_filter_validate (const PathwaysFilter *self,
                          PathwaysDataset      *dataset,
                          GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);

  if (self->from != PATHWAYS_DAY_NONE && self->to != PATHWAYS_DAY_NONE &&
      self->from > self->to)
    {
      g_autofree char *a = pathways_day_to_iso (self->from);
      g_autofree char *b = pathways_day_to_iso (self->to);
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_DATE,
                   _("The period starts (%s) after it ends (%s)"), a, b);
      return FALSE;
    }

  if (self->stage >= 0 && !pathways_stage_is_recorded (dataset, self->stage))
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_NOT_MAPPED,
                   _("Filter on the stage '%s': its evidence is not mapped in this dataset"),
                   pathways_stage_get_id (self->stage));
      return FALSE;
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      FilterField *ff = g_ptr_array_index (self->fields, i);
      PathwaysColumn *column = dataset->columns[ff->field];

      if (column == NULL || column->dict == NULL)
        {
          g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_NOT_MAPPED,
                       _("Filter on '%s': the field is not mapped in this dataset"),
                       pathways_field_get_name (ff->field));
          return FALSE;
        }
      for (guint j = 0; j + 1 < ff->values->len; j++)
        {
          const char *value = g_ptr_array_index (ff->values, j);

          if (pathways_dictionary_lookup (column->dict, value) < 0)
            {
              GString *known = g_string_new (NULL);
              guint n = pathways_dictionary_get_size (column->dict);

              for (guint k = 0; k < n && k < 20; k++)
                {
                  if (k > 0)
                    g_string_append (known, ", ");
                  g_string_append (known, pathways_dictionary_get (column->dict, k));
                }
              if (n > 20)
                g_string_append (known, ", …");
              g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE,
                           _("Filter on '%s': '%s' is not a value of this field "
                             "(values: %s)"),
                           pathways_field_get_name (ff->field), value, known->str);
              g_string_free (known, TRUE);
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
pathways_population_from_string (const char          *s,
                                 PathwaysPopulation  *out,
                                 GError             **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (s != NULL && g_ascii_strcasecmp (s, "closed") == 0)
    *out = PATHWAYS_POPULATION_CLOSED;
  else if (s != NULL && g_ascii_strcasecmp (s, "all") == 0)
    *out = PATHWAYS_POPULATION_ALL;
  else
    {
      g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_POPULATION,
                   _("--population '%s': expected 'closed' or 'all'"), s ? s : "");
      return FALSE;
    }
  return TRUE;
}

const char *
pathways_population_to_string (PathwaysPopulation population)
{
  return population == PATHWAYS_POPULATION_ALL ? "all" : "closed";
}

/* ---- applying ---- */

typedef struct {
  PathwaysColumn *column;
  guint8         *allow;     /* per code */
} Matcher;

static void
matcher_clear (Matcher *m)
{
  g_free (m->allow);
}

/* Builds matchers for the fields of TABLE, leaving out SKIP. Returns FALSE when a
 * filtered field is not mapped (nothing can match). */
static gboolean
build_matchers (const PathwaysFilter *self,
                PathwaysDataset      *dataset,
                PathwaysTableKind     table,
                int                   skip,
                GArray               *out)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FilterField *ff = g_ptr_array_index (self->fields, i);
      PathwaysColumn *column;
      Matcher m;
      guint size;

      if ((int) ff->field == skip || pathways_field_get_table (ff->field) != table)
        continue;
      column = dataset->columns[ff->field];
      if (column == NULL || column->dict == NULL)
        return FALSE;
      size = pathways_dictionary_get_size (column->dict);
      m.column = column;
      m.allow = g_new0 (guint8, MAX (size, 1));
      for (guint j = 0; j + 1 < ff->values->len; j++)
        {
          int code = pathways_dictionary_lookup (column->dict,
                                                 g_ptr_array_index (ff->values, j));
          if (code >= 0)
            m.allow[code] = 1;
        }
      g_array_append_val (out, m);
    }
  return TRUE;
}

static inline gboolean
matcher_test (const Matcher *m,
              guint          row)
{
  const PathwaysColumn *c = m->column;

  if (c->codes != NULL)
    return m->allow[c->codes[row]];

  if (c->multi_state[row] == PATHWAYS_MULTI_NOT_RECORDED)
    return m->allow[PATHWAYS_CODE_NOT_RECORDED];
  for (guint32 k = c->multi_offsets[row]; k < c->multi_offsets[row + 1]; k++)
    if (m->allow[c->multi_codes[k]])
      return TRUE;
  return FALSE;
}

static inline gboolean
matchers_test (const GArray *matchers,
               guint         row)
{
  for (guint k = 0; k < matchers->len; k++)
    if (!matcher_test (&g_array_index (matchers, Matcher, k), row))
      return FALSE;
  return TRUE;
}

static guint
popcount_bits (const guint64 *bits,
               guint          n_words)
{
  guint n = 0;
  for (guint w = 0; w < n_words; w++)
    n += (guint) __builtin_popcountll (bits[w]);
  return n;
}

/* Clears the cases of CASES that did not reach STAGE: spec/metrics.md "Journey funnel",
 * a case counts at a stage when it shows the evidence of that stage or of a later one
 * (the services of the case count whatever the service-level filters, as in the
 * funnel). A stage whose evidence is not mapped keeps nothing. */
static void
narrow_to_stage (PathwaysDataset *ds,
                 int              stage,
                 guint64         *cases,
                 guint            n_case_words)
{
  PathwaysColumn *contact = ds->columns[PATHWAYS_FIELD_FIRST_CONTACT_DATE];
  PathwaysColumn *assess = ds->columns[PATHWAYS_FIELD_ASSESSMENT_DATE];
  PathwaysColumn *reasons = ds->columns[PATHWAYS_FIELD_CLOSURE_REASON];
  PathwaysColumn *starts = ds->has_services ? ds->columns[PATHWAYS_FIELD_SERVICE_START_DATE] : NULL;
  g_autofree guint8 *planned = NULL;

  if (!pathways_stage_is_recorded (ds, stage))
    {
      memset (cases, 0, sizeof (guint64) * n_case_words);
      return;
    }
  if (stage <= PATHWAYS_STAGE_REFERRED)
    return;

  if (reasons != NULL)
    {
      guint size = pathways_dictionary_get_size (reasons->dict);

      /* planned per reason code, looked up once (code 0 is "Not recorded") */
      planned = g_new0 (guint8, MAX (size, 1));
      for (guint c = 1; c < size; c++)
        planned[c] = pathways_mapping_get_closure_class (ds->mapping,
                                                         pathways_dictionary_get (reasons->dict, c))
                     == PATHWAYS_CLOSURE_PLANNED;
    }

  for (guint w = 0; w < n_case_words; w++)
    {
      guint64 word = cases[w];

      while (word != 0)
        {
          guint i = w * 64 + (guint) __builtin_ctzll (word);
          guint32 s0 = ds->has_services ? ds->case_service_start[i] : 0;
          guint32 s1 = ds->has_services ? ds->case_service_start[i + 1] : 0;
          gboolean reached = FALSE;

          word &= word - 1;
          if (stage <= PATHWAYS_STAGE_CONTACTED && contact != NULL)
            reached = contact->days[i] != PATHWAYS_DAY_NONE;
          if (!reached && stage <= PATHWAYS_STAGE_ASSESSED && assess != NULL)
            reached = assess->days[i] != PATHWAYS_DAY_NONE;
          if (!reached && stage <= PATHWAYS_STAGE_SERVICE_ALLOCATED && ds->has_services)
            reached = s1 > s0;
          if (!reached && stage <= PATHWAYS_STAGE_SERVICE_STARTED && starts != NULL)
            for (guint32 j = s0; j < s1 && !reached; j++)
              reached = starts->days[j] != PATHWAYS_DAY_NONE;
          if (!reached && planned != NULL)
            reached = planned[reasons->codes[i]] && pathways_dataset_case_is_closed (ds, i);
          if (!reached)
            cases[w] &= ~((guint64) 1 << (i & 63));
        }
    }
}

static PathwaysSelection *
apply_internal (const PathwaysFilter *self,
                PathwaysDataset      *dataset,
                int                   skip)
{
  PathwaysSelection *sel = g_new0 (PathwaysSelection, 1);
  g_autoptr(GArray) case_m = g_array_new (FALSE, FALSE, sizeof (Matcher));
  g_autoptr(GArray) svc_m = g_array_new (FALSE, FALSE, sizeof (Matcher));
  PathwaysColumn *ref = dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE];
  guint n_case_words = (dataset->n_cases + 63) / 64;
  guint n_svc_words = (dataset->n_services + 63) / 64;
  gboolean possible;
  gint32 from = self->from, to = self->to;
  gboolean ranged = from != PATHWAYS_DAY_NONE || to != PATHWAYS_DAY_NONE;

  g_array_set_clear_func (case_m, (GDestroyNotify) matcher_clear);
  g_array_set_clear_func (svc_m, (GDestroyNotify) matcher_clear);

  sel->n_cases = dataset->n_cases;
  sel->n_services = dataset->n_services;
  sel->cases = g_new0 (guint64, MAX (n_case_words, 1));
  sel->services = g_new0 (guint64, MAX (n_svc_words, 1));

  possible = build_matchers (self, dataset, PATHWAYS_TABLE_CASES, skip, case_m);
  possible = build_matchers (self, dataset, PATHWAYS_TABLE_SERVICES, skip, svc_m) && possible;
  sel->services_filtered = svc_m->len > 0 || !possible;
  if (!possible)
    return sel;
  if (from == PATHWAYS_DAY_NONE)
    from = G_MININT32 + 2;
  if (to == PATHWAYS_DAY_NONE)
    to = G_MAXINT32;

  /* cases: the period, then one column at a time, AND-ed word by word */
  for (guint w = 0; w < n_case_words; w++)
    {
      guint base = w * 64;
      guint end = MIN (base + 64, dataset->n_cases);
      guint64 word = 0;

      if (!ranged)
        word = end - base == 64 ? G_MAXUINT64 : (((guint64) 1 << (end - base)) - 1);
      else
        for (guint i = base; i < end; i++)
          {
            gint32 d = ref != NULL ? ref->days[i] : PATHWAYS_DAY_NONE;
            word |= (guint64) (PATHWAYS_DAY_IS_VALID (d) && d >= from && d <= to) << (i - base);
          }
      sel->cases[w] = word;
    }
  for (guint k = 0; k < case_m->len; k++)
    {
      const Matcher *mt = &g_array_index (case_m, Matcher, k);

      for (guint w = 0; w < n_case_words; w++)
        {
          guint base = w * 64;
          guint end = MIN (base + 64, dataset->n_cases);
          guint64 word = 0;

          if (sel->cases[w] == 0)
            continue;
          if (mt->column->codes != NULL)
            {
              const guint16 *codes = mt->column->codes;
              for (guint i = base; i < end; i++)
                word |= (guint64) mt->allow[codes[i]] << (i - base);
            }
          else
            for (guint i = base; i < end; i++)
              word |= (guint64) matcher_test (mt, i) << (i - base);
          sel->cases[w] &= word;
        }
    }

  if (self->stage >= 0)
    narrow_to_stage (dataset, self->stage, sel->cases, n_case_words);

  /* services: their case selected and every service-level field matching (all of
   * them when every case is) */
  if (svc_m->len == 0 && !ranged && case_m->len == 0 && self->stage < 0)
    {
      for (guint w = 0; w < n_svc_words; w++)
        {
          guint left = dataset->n_services - w * 64;

          sel->services[w] = left >= 64 ? G_MAXUINT64 : (((guint64) 1 << left) - 1);
        }
    }
  else if (svc_m->len == 0)
    {
      for (guint w = 0; w < n_svc_words; w++)
        {
          guint base = w * 64;
          guint end = MIN (base + 64, dataset->n_services);
          guint64 word = 0;

          for (guint j = base; j < end; j++)
            {
              guint32 c = dataset->service_case[j];
              word |= ((sel->cases[c >> 6] >> (c & 63)) & 1) << (j - base);
            }
          sel->services[w] = word;
        }
    }
  else
    {
      for (guint w = 0; w < n_case_words; w++)
        {
          guint64 word = sel->cases[w];

          while (word != 0)
            {
              guint i = w * 64 + (guint) __builtin_ctzll (word);
              gboolean any = FALSE;

              word &= word - 1;
              for (guint32 j = dataset->case_service_start[i];
                   j < dataset->case_service_start[i + 1]; j++)
                if (matchers_test (svc_m, j))
                  {
                    sel->services[j >> 6] |= (guint64) 1 << (j & 63);
                    any = TRUE;
                  }
              if (!any)
                sel->cases[i >> 6] &= ~((guint64) 1 << (i & 63));
            }
        }
    }

  sel->n_selected_cases = popcount_bits (sel->cases, n_case_words);
  sel->n_selected_services = popcount_bits (sel->services, n_svc_words);
  return sel;
}

PathwaysSelection *
pathways_filter_apply (const PathwaysFilter *self,
                       PathwaysDataset      *dataset)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  return apply_internal (self, dataset, -1);
}

void
pathways_selection_free (PathwaysSelection *selection)
{
  if (selection == NULL)
    return;
  g_free (selection->cases);
  g_free (selection->services);
  g_free (selection);
}

GArray *
pathways_filter_count_values (const PathwaysFilter *self,
                              PathwaysDataset      *dataset,
                              PathwaysField         field)
{
  PathwaysColumn *column;
  g_autoptr(PathwaysSelection) sel = NULL;
  GArray *counts;
  guint size;
  gboolean service_field;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  column = dataset->columns[field];
  if (column == NULL || column->dict == NULL)
    return NULL;

  size = pathways_dictionary_get_size (column->dict);
  counts = g_array_sized_new (FALSE, TRUE, sizeof (guint), size);
  g_array_set_size (counts, size);
  sel = apply_internal (self, dataset, field);
  service_field = pathways_field_get_table (field) == PATHWAYS_TABLE_SERVICES;

  if (!service_field)
    {
      for (guint i = 0; i < dataset->n_cases; i++)
        {
          if (!PATHWAYS_SELECTION_HAS (sel->cases, i))
            continue;
          if (column->codes != NULL)
            g_array_index (counts, guint, column->codes[i])++;
          else if (column->multi_state[i] == PATHWAYS_MULTI_NOT_RECORDED)
            g_array_index (counts, guint, 0)++;
          else
            for (guint32 k = column->multi_offsets[i]; k < column->multi_offsets[i + 1]; k++)
              {
                /* a value listed twice in one cell counts the case once */
                gboolean seen = FALSE;
                for (guint32 l = column->multi_offsets[i]; l < k && !seen; l++)
                  seen = column->multi_codes[l] == column->multi_codes[k];
                if (!seen)
                  g_array_index (counts, guint, column->multi_codes[k])++;
              }
        }
    }
  else
    {
      g_autofree guint *last = g_new (guint, MAX (size, 1));

      for (guint c = 0; c < size; c++)
        last[c] = G_MAXUINT;
      for (guint i = 0; i < dataset->n_cases; i++)
        {
          if (!PATHWAYS_SELECTION_HAS (sel->cases, i))
            continue;
          for (guint32 j = dataset->case_service_start[i];
               j < dataset->case_service_start[i + 1]; j++)
            {
              guint16 code;

              if (!PATHWAYS_SELECTION_HAS (sel->services, j))
                continue;
              code = column->codes[j];
              if (last[code] != i)
                {
                  last[code] = i;
                  g_array_index (counts, guint, code)++;
                }
            }
        }
    }
  return counts;
}
