/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-xlsx-reader-workbook.c: the structure of an XLSX package.
 *
 * The package relationships lead to the workbook part (its sheets, their
 * relationship ids, the date system); the workbook's relationships lead to each
 * sheet's part, the styles and the shared strings, which are read whole (capped)
 * before the sheet is streamed.
 */
#define G_LOG_DOMAIN "pathways-xlsx-reader"

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "pathways-i18n.h"

#include "pathways-xlsx-reader-private.h"

void
_pathways_xlsx_sheet_entry_free (gpointer data)
{
  PathwaysXlsxSheet *entry = data;

  g_free (entry->name);
  g_free (entry->rel_id);
  g_free (entry);
}

/* Resolves TARGET relative to the folder of SOURCE_PART ("xl/workbook.xml"). */
static char *
resolve_target (const char *source_part,
                const char *target)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *folder = NULL;

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else
    {
      const char *slash = strrchr (source_part, '/');

      folder = slash != NULL ? g_strndup (source_part, (gsize) (slash - source_part)) : g_strdup ("");
      joined = folder[0] != '\0' ? g_strconcat (folder, "/", target, NULL) : g_strdup (target);
    }

  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (segments->len > 0)
            g_ptr_array_set_size (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, parts[i]);
    }
  g_ptr_array_add (segments, NULL);

  return g_strjoinv ("/", (char **) segments->pdata);
}

/* The relationships part of PART: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
static char *
rels_part_for (const char *part)
{
  const char *slash = strrchr (part, '/');

  if (slash == NULL)
    return g_strconcat ("_rels/", part, ".rels", NULL);
  return g_strdup_printf ("%.*s/_rels/%s.rels", (int) (slash - part), part, slash + 1);
}

typedef struct {
  char *id;
  char *type;
  char *target;  /* resolved part name */
} Relationship;

static void
relationship_free (gpointer data)
{
  Relationship *rel = data;

  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

/* Reads the relationships of SOURCE_PART. A missing rels part gives an empty list. */
static GPtrArray *
read_relationships (zip_t       *zip,
                    const char  *display,
                    const char  *source_part,
                    GError     **error)
{
  g_autoptr(GPtrArray) rels = g_ptr_array_new_with_free_func (relationship_free);
  g_autoptr(PathwaysXlsxPart) pr = NULL;
  g_autofree char *rels_part = rels_part_for (source_part);
  int ret;

  if (!_pathways_xlsx_has_part (zip, rels_part))
    return g_steal_pointer (&rels);

  pr = _pathways_xlsx_part_open (zip, display, rels_part, MAX_PART_SIZE, error);
  if (pr == NULL)
    return NULL;

  while ((ret = _pathways_xlsx_part_next (pr, error)) > 0)
    {
      g_autofree char *id = NULL;
      g_autofree char *type = NULL;
      g_autofree char *target = NULL;
      g_autofree char *mode = NULL;
      Relationship *rel;

      if (!_pathways_xlsx_is_element (pr, "Relationship"))
        continue;

      id = _pathways_xlsx_get_attribute (pr, "Id");
      type = _pathways_xlsx_get_attribute (pr, "Type");
      target = _pathways_xlsx_get_attribute (pr, "Target");
      mode = _pathways_xlsx_get_attribute (pr, "TargetMode");
      if (id == NULL || type == NULL || target == NULL ||
          (mode != NULL && g_ascii_strcasecmp (mode, "External") == 0))
        continue;

      if (rels->len >= MAX_SHEETS * 4)
        break;

      rel = g_new0 (Relationship, 1);
      rel->id = g_steal_pointer (&id);
      rel->type = g_steal_pointer (&type);
      rel->target = resolve_target (source_part, target);
      g_ptr_array_add (rels, rel);
    }

  if (ret < 0)
    return NULL;

  return g_steal_pointer (&rels);
}

static const Relationship *
find_relationship_by_type (GPtrArray  *rels,
                           const char *type_suffix)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const Relationship *rel = g_ptr_array_index (rels, i);

      if (g_str_has_suffix (rel->type, type_suffix))
        return rel;
    }
  return NULL;
}

static const Relationship *
find_relationship_by_id (GPtrArray  *rels,
                         const char *id)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const Relationship *rel = g_ptr_array_index (rels, i);

      if (strcmp (rel->id, id) == 0)
        return rel;
    }
  return NULL;
}

static gboolean
parse_xml_boolean (const char *value)
{
  return value != NULL && (strcmp (value, "1") == 0 || g_ascii_strcasecmp (value, "true") == 0);
}

gboolean
_pathways_xlsx_open_workbook (PathwaysXlsxReader  *self,
                              GError             **error)
{
  g_autoptr(GPtrArray) package_rels = NULL;
  g_autoptr(PathwaysXlsxPart) pr = NULL;
  const Relationship *office;
  int ret;

  package_rels = read_relationships (self->zip, self->display, "", error);
  if (package_rels == NULL)
    return FALSE;

  office = find_relationship_by_type (package_rels, "/officeDocument");
  if (office != NULL && _pathways_xlsx_has_part (self->zip, office->target))
    self->workbook_part = g_strdup (office->target);
  else
    self->workbook_part = g_strdup ("xl/workbook.xml");

  pr = _pathways_xlsx_part_open (self->zip, self->display, self->workbook_part,
                                 MAX_PART_SIZE, error);
  if (pr == NULL)
    return FALSE;

  self->sheets = g_ptr_array_new_with_free_func (_pathways_xlsx_sheet_entry_free);

  while ((ret = _pathways_xlsx_part_next (pr, error)) > 0)
    {
      if (_pathways_xlsx_is_element (pr, "workbookPr"))
        {
          g_autofree char *date1904 = _pathways_xlsx_get_attribute (pr, "date1904");

          self->parent.date1904 = parse_xml_boolean (date1904);
        }
      else if (_pathways_xlsx_is_element (pr, "sheet"))
        {
          g_autofree char *name = _pathways_xlsx_get_attribute (pr, "name");
          g_autofree char *rel_id = _pathways_xlsx_get_relationship_id (pr);
          PathwaysXlsxSheet *entry;

          if (name == NULL || rel_id == NULL)
            {
              g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                           _("%s: the workbook is damaged: a sheet in %s has no name or no "
                             "relationship id"),
                           self->display, self->workbook_part);
              return FALSE;
            }
          if (!g_utf8_validate (name, -1, NULL))
            {
              g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                           _("%s: the workbook is damaged: a sheet name is not UTF-8"),
                           self->display);
              return FALSE;
            }
          if (self->sheets->len >= MAX_SHEETS)
            {
              g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                           _("%s: the workbook has more than %d sheets"),
                           self->display, MAX_SHEETS);
              return FALSE;
            }

          entry = g_new0 (PathwaysXlsxSheet, 1);
          entry->name = g_steal_pointer (&name);
          entry->rel_id = g_steal_pointer (&rel_id);
          g_ptr_array_add (self->sheets, entry);
        }
      else if (_pathways_xlsx_is_end_element (pr, "sheets"))
        {
          /* workbookPr comes before sheets: nothing more is needed. */
          break;
        }
    }

  if (ret < 0)
    return FALSE;

  if (self->sheets->len == 0)
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: %s lists no sheets"),
                   self->display, self->workbook_part);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_shared_strings (PathwaysXlsxReader  *self,
                     const char          *sst_part,
                     GError             **error)
{
  g_autoptr(PathwaysXlsxPart) pr = NULL;
  guint64 total = 0;
  int ret;

  pr = _pathways_xlsx_part_open (self->zip, self->display, sst_part, MAX_PART_SIZE, error);
  if (pr == NULL)
    return FALSE;

  while ((ret = _pathways_xlsx_part_next (pr, error)) > 0)
    {
      g_autoptr(GString) text = NULL;

      if (!_pathways_xlsx_is_element (pr, "si"))
        continue;

      if (self->shared_strings->len >= MAX_SHARED_STRINGS)
        {
          g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                       _("%s: the workbook has more than %d shared strings"),
                       self->display, MAX_SHARED_STRINGS);
          return FALSE;
        }

      text = g_string_new (NULL);
      if (!_pathways_xlsx_read_rich_text (pr, text, _("a shared string"), error))
        return FALSE;

      total += text->len + 1;
      if (total > MAX_SHARED_STRINGS_SIZE)
        {
          g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                       _("%s: the shared strings are larger than %" PRIu64 " MiB"),
                       self->display, MAX_SHARED_STRINGS_SIZE / (1024 * 1024));
          return FALSE;
        }

      g_ptr_array_add (self->shared_strings, g_string_free (g_steal_pointer (&text), FALSE));
    }

  return ret == 0;
}

char *
_pathways_xlsx_sheet_names_list (PathwaysXlsxReader *self)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < self->sheets->len; i++)
    {
      const PathwaysXlsxSheet *entry = g_ptr_array_index (self->sheets, i);

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "“%s”", entry->name);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

const PathwaysXlsxSheet *
_pathways_xlsx_find_sheet (PathwaysXlsxReader *self,
                           const char         *sheet)
{
  g_autofree char *folded = NULL;

  if (sheet == NULL)
    return g_ptr_array_index (self->sheets, 0);

  for (guint i = 0; i < self->sheets->len; i++)
    {
      const PathwaysXlsxSheet *entry = g_ptr_array_index (self->sheets, i);

      if (strcmp (entry->name, sheet) == 0)
        return entry;
    }

  /* Excel's sheet names are unique regardless of case. */
  if (!g_utf8_validate (sheet, -1, NULL))
    return NULL;
  folded = g_utf8_casefold (sheet, -1);
  for (guint i = 0; i < self->sheets->len; i++)
    {
      const PathwaysXlsxSheet *entry = g_ptr_array_index (self->sheets, i);
      g_autofree char *entry_folded = g_utf8_casefold (entry->name, -1);

      if (strcmp (entry_folded, folded) == 0)
        return entry;
    }

  return NULL;
}

gboolean
_pathways_xlsx_prepare_sheet (PathwaysXlsxReader       *self,
                              const PathwaysXlsxSheet  *entry,
                              GError                  **error)
{
  g_autoptr(GPtrArray) workbook_rels = NULL;
  const Relationship *rel;
  g_autofree char *styles_part = NULL;
  g_autofree char *sst_part = NULL;

  workbook_rels = read_relationships (self->zip, self->display, self->workbook_part, error);
  if (workbook_rels == NULL)
    return FALSE;

  rel = find_relationship_by_id (workbook_rels, entry->rel_id);
  if (rel == NULL)
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: sheet “%s” has no part "
                     "(relationship “%s” is missing)"),
                   self->display, entry->name, entry->rel_id);
      return FALSE;
    }
  self->sheet_part = g_strdup (rel->target);

  rel = find_relationship_by_type (workbook_rels, "/styles");
  if (rel != NULL && _pathways_xlsx_has_part (self->zip, rel->target))
    styles_part = g_strdup (rel->target);
  else if (_pathways_xlsx_has_part (self->zip, "xl/styles.xml"))
    styles_part = g_strdup ("xl/styles.xml");

  rel = find_relationship_by_type (workbook_rels, "/sharedStrings");
  if (rel != NULL && _pathways_xlsx_has_part (self->zip, rel->target))
    sst_part = g_strdup (rel->target);
  else if (_pathways_xlsx_has_part (self->zip, "xl/sharedStrings.xml"))
    sst_part = g_strdup ("xl/sharedStrings.xml");

  if (styles_part != NULL && !_pathways_xlsx_read_styles (self, styles_part, error))
    return FALSE;
  if (sst_part != NULL && !read_shared_strings (self, sst_part, error))
    return FALSE;
  return TRUE;
}
