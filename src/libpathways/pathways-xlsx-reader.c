/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-xlsx-reader.c: one sheet of an XLSX workbook, row by row.
 *
 * The workbook is opened read-only with libzip. Every XML part is parsed with libxml2's
 * streaming xmlTextReader fed through zip_fread(), so no part is ever held uncompressed
 * in memory: only the shared strings and the date styles are kept, rows are streamed.
 *
 * Hostile input is expected: DOCTYPEs and entity references are refused (so no entity
 * expansion can happen), the network is never used, nesting depth, the uncompressed
 * size of each part and the shared string table are capped.
 */
#define G_LOG_DOMAIN "pathways-xlsx-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "pathways-xlsx-reader.h"
#include "pathways-row-reader-private.h"

#define MAX_XML_DEPTH          64
#define MAX_PART_SIZE          (G_GUINT64_CONSTANT (2) * 1024 * 1024 * 1024)
#define MAX_SHARED_STRINGS     (16 * 1024 * 1024)
#define MAX_SHARED_STRINGS_SIZE (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
#define MAX_CELL_XFS           (1024 * 1024)
#define MAX_SHEETS             65536
#define MAX_ROW_NUMBER         G_GUINT64_CONSTANT (4294967295)
/* 9999-12-31 in the 1900 system: later serials are not dates. */
#define MAX_DATE_SERIAL        2958465.0

#define NS_RELATIONSHIPS       "relationships"

/* One XML part of the package, parsed as a stream. */
typedef struct {
  const char       *display;      /* the file, for messages */
  char             *name;         /* the part, for messages */
  zip_file_t       *file;
  guint64           size;         /* uncompressed size as the zip directory says */
  guint64           n_read;       /* uncompressed bytes read so far */
  guint64           cap;
  GError           *io_error;     /* set by the read callback */
  char             *xml_error;    /* the parser's first complaint */
  xmlTextReaderPtr  xml;
  int               prolog_state; /* see scan_prolog() */
} PartReader;

enum {
  PROLOG_TEXT,
  PROLOG_LT,         /* after '<' */
  PROLOG_LT_BANG,    /* after "<!" */
  PROLOG_DONE,       /* the root element has started */
};

typedef struct {
  char *name;
  char *rel_id;
} SheetEntry;

typedef struct {
  PathwaysRowReader  parent;

  char              *display;
  GBytes            *bytes;
  zip_t             *zip;

  /* The workbook */
  char              *workbook_part;
  GPtrArray         *sheets;          /* SheetEntry */
  char              *sheet_part;
  char              *sheet_name;
  GPtrArray         *shared_strings;  /* char* */
  GArray            *xf_is_date;      /* guint8 per cellXfs entry */

  /* The sheet stream */
  PartReader        *sheet;
  gboolean           in_sheet_data;
  gboolean           done;
  guint64            last_row_number;
  GPtrArray         *cells;           /* char*, owned, NULL for an absent cell */
  guint              n_header;
} PathwaysXlsxReader;

static void
sheet_entry_free (gpointer data)
{
  SheetEntry *entry = data;

  g_free (entry->name);
  g_free (entry->rel_id);
  g_free (entry);
}

/* Part readers {{{ */

static void
part_reader_free (PartReader *pr)
{
  if (pr == NULL)
    return;

  g_clear_pointer (&pr->xml, xmlFreeTextReader);
  g_clear_pointer (&pr->file, zip_fclose);
  g_clear_error (&pr->io_error);
  g_free (pr->xml_error);
  g_free (pr->name);
  g_free (pr);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PartReader, part_reader_free)

/* Before libxml2 sees them, the bytes up to the root element are scanned for "<!D"
 * (a DOCTYPE), so that no entity declaration is ever parsed. Comments ("<!-") and
 * processing instructions ("<?") are let through. Returns FALSE on a DOCTYPE. */
static gboolean
scan_prolog (PartReader *pr,
             const char *buffer,
             gsize       len)
{
  for (gsize i = 0; i < len && pr->prolog_state != PROLOG_DONE; i++)
    {
      char c = buffer[i];

      switch (pr->prolog_state)
        {
        case PROLOG_TEXT:
          if (c == '<')
            pr->prolog_state = PROLOG_LT;
          break;

        case PROLOG_LT:
          if (c == '!')
            pr->prolog_state = PROLOG_LT_BANG;
          else if (c == '?')
            pr->prolog_state = PROLOG_TEXT;
          else
            pr->prolog_state = PROLOG_DONE;
          break;

        case PROLOG_LT_BANG:
          if (c != '-')
            return FALSE;
          pr->prolog_state = PROLOG_TEXT;
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static int
part_read_cb (void *context,
              char *buffer,
              int   len)
{
  PartReader *pr = context;
  zip_int64_t n;
  guint64 want;

  if (pr->io_error != NULL || len <= 0)
    return -1;

  if (pr->n_read >= pr->cap)
    {
      g_set_error (&pr->io_error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                   _("%s: part %s is larger than %" G_GUINT64_FORMAT " MiB uncompressed"),
                   pr->display, pr->name, pr->cap / (1024 * 1024));
      return -1;
    }

  want = MIN ((guint64) len, pr->cap - pr->n_read);
  n = zip_fread (pr->file, buffer, want);
  if (n < 0)
    {
      g_set_error (&pr->io_error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: cannot read %s: %s"),
                   pr->display, pr->name, zip_file_strerror (pr->file));
      return -1;
    }

  pr->n_read += (guint64) n;

  if (!scan_prolog (pr, buffer, (gsize) n))
    {
      g_set_error (&pr->io_error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: %s has a DOCTYPE, which workbooks "
                     "never use"),
                   pr->display, pr->name);
      return -1;
    }

  return (int) n;
}

static int
part_close_cb (void *context)
{
  return 0;
}

static void
part_xml_error_cb (void        *context,
                   xmlErrorPtr  xml_error)
{
  PartReader *pr = context;

  if (pr->xml_error != NULL || xml_error == NULL)
    return;

  if (xml_error->level < XML_ERR_ERROR)
    return;

  pr->xml_error = g_strdup_printf ("line %d: %s", xml_error->line,
                                   xml_error->message != NULL ? xml_error->message : "?");
  g_strchomp (pr->xml_error);
}

static zip_int64_t
locate_part (zip_t      *zip,
             const char *name)
{
  while (name[0] == '/')
    name++;
  return zip_name_locate (zip, name, ZIP_FL_NOCASE);
}

static gboolean
has_part (zip_t      *zip,
          const char *name)
{
  return locate_part (zip, name) >= 0;
}

/* Opens part NAME as an XML stream. A missing part is a FORMAT error. */
static PartReader *
part_reader_open (zip_t       *zip,
                  const char  *display,
                  const char  *name,
                  guint64      cap,
                  GError     **error)
{
  g_autoptr(PartReader) pr = NULL;
  zip_int64_t index;
  zip_stat_t st;

  index = locate_part (zip, name);
  if (index < 0)
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: part %s is missing"), display, name);
      return NULL;
    }

  pr = g_new0 (PartReader, 1);
  pr->display = display;
  pr->name = g_strdup (name);
  pr->cap = cap;

  zip_stat_init (&st);
  if (zip_stat_index (zip, (zip_uint64_t) index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
    pr->size = st.size;

  pr->file = zip_fopen_index (zip, (zip_uint64_t) index, 0);
  if (pr->file == NULL)
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: cannot open %s: %s"),
                   display, name, zip_strerror (zip));
      return NULL;
    }

  /* No NOENT (no entity substitution), no DTDLOAD, no DTDATTR, no network. */
  pr->xml = xmlReaderForIO (part_read_cb, part_close_cb, pr, NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (pr->xml == NULL)
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: cannot parse %s"), display, name);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (pr->xml, part_xml_error_cb, pr);

  return g_steal_pointer (&pr);
}

static void
part_reader_set_error (PartReader  *pr,
                       GError     **error)
{
  if (pr->io_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pr->io_error));
      return;
    }

  g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
               _("%s: the workbook is damaged: %s is not well-formed XML (%s)"),
               pr->display, pr->name,
               pr->xml_error != NULL ? pr->xml_error : _("unreadable"));
}

/* Moves to the next node. Returns 1 on a node, 0 at the end of the part, -1 on an
 * error (ERROR set). Refuses DOCTYPEs and entity references, caps the depth. */
static int
part_reader_next (PartReader  *pr,
                  GError     **error)
{
  int ret;
  int type;

  ret = xmlTextReaderRead (pr->xml);
  if (ret < 0 || pr->io_error != NULL)
    {
      part_reader_set_error (pr, error);
      return -1;
    }
  if (ret == 0)
    return 0;

  type = xmlTextReaderNodeType (pr->xml);
  switch (type)
    {
    case XML_READER_TYPE_DOCUMENT_TYPE:
    case XML_READER_TYPE_ENTITY:
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_NOTATION:
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: %s has a DOCTYPE or entities, "
                     "which workbooks never use"),
                   pr->display, pr->name);
      return -1;

    case XML_READER_TYPE_ELEMENT:
      if (xmlTextReaderDepth (pr->xml) > MAX_XML_DEPTH)
        {
          g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                       _("%s: %s nests XML elements more than %d deep"),
                       pr->display, pr->name, MAX_XML_DEPTH);
          return -1;
        }
      break;

    default:
      break;
    }

  return 1;
}

static gboolean
is_element (PartReader *pr,
            const char *local_name)
{
  const char *name;

  if (xmlTextReaderNodeType (pr->xml) != XML_READER_TYPE_ELEMENT)
    return FALSE;
  name = (const char *) xmlTextReaderConstLocalName (pr->xml);
  return name != NULL && strcmp (name, local_name) == 0;
}

static gboolean
is_end_element (PartReader *pr,
                const char *local_name)
{
  const char *name;

  if (xmlTextReaderNodeType (pr->xml) != XML_READER_TYPE_END_ELEMENT)
    return FALSE;
  name = (const char *) xmlTextReaderConstLocalName (pr->xml);
  return name != NULL && strcmp (name, local_name) == 0;
}

static gboolean
is_text (PartReader *pr)
{
  switch (xmlTextReaderNodeType (pr->xml))
    {
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* An attribute without namespace, by local name; NULL when absent. */
static char *
get_attribute (PartReader *pr,
               const char *name)
{
  return (char *) xmlTextReaderGetAttribute (pr->xml, (const xmlChar *) name);
}

/* The relationship id attribute (r:id), whichever relationships namespace it uses
 * (transitional or strict). */
static char *
get_relationship_id (PartReader *pr)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (pr->xml) != 1)
    return NULL;

  do
    {
      const char *local = (const char *) xmlTextReaderConstLocalName (pr->xml);
      const char *ns = (const char *) xmlTextReaderConstNamespaceUri (pr->xml);

      if (local != NULL && ns != NULL && strcmp (local, "id") == 0 &&
          g_str_has_suffix (ns, NS_RELATIONSHIPS))
        {
          value = (char *) xmlTextReaderValue (pr->xml);
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (pr->xml) == 1);

  xmlTextReaderMoveToElement (pr->xml);
  return value;
}

static gboolean
is_empty_element (PartReader *pr)
{
  return xmlTextReaderIsEmptyElement (pr->xml) == 1;
}

/* Appends the text of the current element (<v>, <t>) to OUT up to its end tag. */
static gboolean
read_element_text (PartReader  *pr,
                   GString     *out,
                   const char  *what,
                   GError     **error)
{
  int depth = xmlTextReaderDepth (pr->xml);

  if (is_empty_element (pr))
    return TRUE;

  for (;;)
    {
      int ret = part_reader_next (pr, error);

      if (ret < 0)
        return FALSE;
      if (ret == 0)
        {
          part_reader_set_error (pr, error);
          return FALSE;
        }

      if (xmlTextReaderNodeType (pr->xml) == XML_READER_TYPE_END_ELEMENT &&
          xmlTextReaderDepth (pr->xml) == depth)
        return TRUE;

      if (is_text (pr))
        {
          const char *text = (const char *) xmlTextReaderConstValue (pr->xml);

          if (text != NULL)
            g_string_append (out, text);
          if (out->len > PATHWAYS_MAX_FIELD_SIZE)
            {
              g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                           _("%s: %s in %s is larger than %d MiB"),
                           pr->display, what, pr->name, PATHWAYS_MAX_FIELD_SIZE / (1024 * 1024));
              return FALSE;
            }
        }
    }
}

/* Rich text (<si> or <is>): the <t> of the element and of its runs <r>, concatenated;
 * phonetic runs <rPh> are left out. The reader is on the start tag. */
static gboolean
read_rich_text (PartReader  *pr,
                GString     *out,
                const char  *what,
                GError     **error)
{
  int depth = xmlTextReaderDepth (pr->xml);
  int rph_depth = -1;

  if (is_empty_element (pr))
    return TRUE;

  for (;;)
    {
      int ret = part_reader_next (pr, error);
      int node_depth;

      if (ret < 0)
        return FALSE;
      if (ret == 0)
        {
          part_reader_set_error (pr, error);
          return FALSE;
        }

      node_depth = xmlTextReaderDepth (pr->xml);
      if (xmlTextReaderNodeType (pr->xml) == XML_READER_TYPE_END_ELEMENT)
        {
          if (node_depth == depth)
            return TRUE;
          if (node_depth == rph_depth)
            rph_depth = -1;
          continue;
        }

      if (rph_depth >= 0)
        continue;

      if (is_element (pr, "rPh") && !is_empty_element (pr))
        rph_depth = node_depth;
      else if (is_element (pr, "t"))
        {
          if (!read_element_text (pr, out, what, error))
            return FALSE;
        }
    }
}

/* }}} */

/* Package structure: relationships, workbook, styles, shared strings {{{ */

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
  g_autoptr(PartReader) pr = NULL;
  g_autofree char *rels_part = rels_part_for (source_part);
  int ret;

  if (!has_part (zip, rels_part))
    return g_steal_pointer (&rels);

  pr = part_reader_open (zip, display, rels_part, MAX_PART_SIZE, error);
  if (pr == NULL)
    return NULL;

  while ((ret = part_reader_next (pr, error)) > 0)
    {
      g_autofree char *id = NULL;
      g_autofree char *type = NULL;
      g_autofree char *target = NULL;
      g_autofree char *mode = NULL;
      Relationship *rel;

      if (!is_element (pr, "Relationship"))
        continue;

      id = get_attribute (pr, "Id");
      type = get_attribute (pr, "Type");
      target = get_attribute (pr, "Target");
      mode = get_attribute (pr, "TargetMode");
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

/* Opens the package and reads the workbook part: sheet names, relationship ids,
 * the date system. */
static gboolean
open_workbook (PathwaysXlsxReader  *self,
               GError             **error)
{
  g_autoptr(GPtrArray) package_rels = NULL;
  g_autoptr(PartReader) pr = NULL;
  const Relationship *office;
  int ret;

  package_rels = read_relationships (self->zip, self->display, "", error);
  if (package_rels == NULL)
    return FALSE;

  office = find_relationship_by_type (package_rels, "/officeDocument");
  if (office != NULL && has_part (self->zip, office->target))
    self->workbook_part = g_strdup (office->target);
  else
    self->workbook_part = g_strdup ("xl/workbook.xml");

  pr = part_reader_open (self->zip, self->display, self->workbook_part, MAX_PART_SIZE, error);
  if (pr == NULL)
    return FALSE;

  self->sheets = g_ptr_array_new_with_free_func (sheet_entry_free);

  while ((ret = part_reader_next (pr, error)) > 0)
    {
      if (is_element (pr, "workbookPr"))
        {
          g_autofree char *date1904 = get_attribute (pr, "date1904");

          self->parent.date1904 = parse_xml_boolean (date1904);
        }
      else if (is_element (pr, "sheet"))
        {
          g_autofree char *name = get_attribute (pr, "name");
          g_autofree char *rel_id = get_relationship_id (pr);
          SheetEntry *entry;

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

          entry = g_new0 (SheetEntry, 1);
          entry->name = g_steal_pointer (&name);
          entry->rel_id = g_steal_pointer (&rel_id);
          g_ptr_array_add (self->sheets, entry);
        }
      else if (is_end_element (pr, "sheets"))
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
is_builtin_date_format (guint64 id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
         (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* A custom number format is a date or time format when it has d, m, y, h or s outside
 * quoted text, [brackets] (colours, locales, elapsed-time markers aside), escapes and
 * fill/padding characters. */
static gboolean
is_date_format_code (const char *code)
{
  for (const char *p = code; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          break;

        case '[':
          p = strchr (p + 1, ']');
          if (p == NULL)
            return FALSE;
          break;

        case '\\':
        case '_':
        case '*':
          if (p[1] == '\0')
            return FALSE;
          p++;
          break;

        case 'd': case 'D':
        case 'm': case 'M':
        case 'y': case 'Y':
        case 'h': case 'H':
        case 's': case 'S':
          return TRUE;

        default:
          break;
        }
    }
  return FALSE;
}

static gboolean
read_styles (PathwaysXlsxReader  *self,
             const char          *styles_part,
             GError             **error)
{
  g_autoptr(PartReader) pr = NULL;
  g_autoptr(GHashTable) custom = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) xf_formats = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) custom_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) custom_dates = g_array_new (FALSE, FALSE, sizeof (guint8));
  gboolean in_cell_xfs = FALSE;
  int ret;

  pr = part_reader_open (self->zip, self->display, styles_part, MAX_PART_SIZE, error);
  if (pr == NULL)
    return FALSE;

  while ((ret = part_reader_next (pr, error)) > 0)
    {
      if (is_element (pr, "numFmt"))
        {
          g_autofree char *id_text = get_attribute (pr, "numFmtId");
          g_autofree char *code = get_attribute (pr, "formatCode");
          guint64 id;
          guint8 is_date;

          if (id_text == NULL || code == NULL ||
              !g_ascii_string_to_unsigned (id_text, 10, 0, G_MAXINT32, &id, NULL))
            continue;
          if (custom_ids->len >= MAX_CELL_XFS)
            continue;

          is_date = is_date_format_code (code);
          g_array_append_val (custom_ids, id);
          g_array_append_val (custom_dates, is_date);
        }
      else if (is_element (pr, "cellXfs"))
        in_cell_xfs = !is_empty_element (pr);
      else if (is_end_element (pr, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_element (pr, "xf"))
        {
          g_autofree char *id_text = get_attribute (pr, "numFmtId");
          guint64 id = 0;

          if (xf_formats->len >= MAX_CELL_XFS)
            continue;
          if (id_text != NULL)
            g_ascii_string_to_unsigned (id_text, 10, 0, G_MAXINT32, &id, NULL);
          g_array_append_val (xf_formats, id);
        }
    }

  if (ret < 0)
    return FALSE;

  /* Custom formats may come in any order relative to cellXfs; later ones win. */
  for (guint i = 0; i < custom_ids->len; i++)
    g_hash_table_insert (custom, &g_array_index (custom_ids, gint64, i),
                         &g_array_index (custom_dates, guint8, i));

  self->xf_is_date = g_array_sized_new (FALSE, TRUE, sizeof (guint8), xf_formats->len);
  for (guint i = 0; i < xf_formats->len; i++)
    {
      gint64 id = g_array_index (xf_formats, gint64, i);
      const guint8 *custom_date = g_hash_table_lookup (custom, &id);
      guint8 is_date;

      if (custom_date != NULL)
        is_date = *custom_date;
      else
        is_date = is_builtin_date_format ((guint64) id);
      g_array_append_val (self->xf_is_date, is_date);
    }

  return TRUE;
}

static gboolean
read_shared_strings (PathwaysXlsxReader  *self,
                     const char          *sst_part,
                     GError             **error)
{
  g_autoptr(PartReader) pr = NULL;
  guint64 total = 0;
  int ret;

  pr = part_reader_open (self->zip, self->display, sst_part, MAX_PART_SIZE, error);
  if (pr == NULL)
    return FALSE;

  while ((ret = part_reader_next (pr, error)) > 0)
    {
      g_autoptr(GString) text = NULL;

      if (!is_element (pr, "si"))
        continue;

      if (self->shared_strings->len >= MAX_SHARED_STRINGS)
        {
          g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                       _("%s: the workbook has more than %d shared strings"),
                       self->display, MAX_SHARED_STRINGS);
          return FALSE;
        }

      text = g_string_new (NULL);
      if (!read_rich_text (pr, text, _("a shared string"), error))
        return FALSE;

      total += text->len + 1;
      if (total > MAX_SHARED_STRINGS_SIZE)
        {
          g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                       _("%s: the shared strings are larger than %" G_GUINT64_FORMAT " MiB"),
                       self->display, MAX_SHARED_STRINGS_SIZE / (1024 * 1024));
          return FALSE;
        }

      g_ptr_array_add (self->shared_strings, g_string_free (g_steal_pointer (&text), FALSE));
    }

  return ret == 0;
}

static char *
sheet_names_list (PathwaysXlsxReader *self)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < self->sheets->len; i++)
    {
      const SheetEntry *entry = g_ptr_array_index (self->sheets, i);

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "“%s”", entry->name);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static const SheetEntry *
find_sheet (PathwaysXlsxReader *self,
            const char         *sheet)
{
  g_autofree char *folded = NULL;

  if (sheet == NULL)
    return g_ptr_array_index (self->sheets, 0);

  for (guint i = 0; i < self->sheets->len; i++)
    {
      const SheetEntry *entry = g_ptr_array_index (self->sheets, i);

      if (strcmp (entry->name, sheet) == 0)
        return entry;
    }

  /* Excel's sheet names are unique regardless of case. */
  if (!g_utf8_validate (sheet, -1, NULL))
    return NULL;
  folded = g_utf8_casefold (sheet, -1);
  for (guint i = 0; i < self->sheets->len; i++)
    {
      const SheetEntry *entry = g_ptr_array_index (self->sheets, i);
      g_autofree char *entry_folded = g_utf8_casefold (entry->name, -1);

      if (strcmp (entry_folded, folded) == 0)
        return entry;
    }

  return NULL;
}

/* }}} */

/* Cells and rows {{{ */

/* "C7" → column index 2. Returns FALSE when REF does not start with column letters. */
static gboolean
parse_cell_column (const char *ref,
                   guint64    *column)
{
  guint64 value = 0;
  const char *p;

  for (p = ref; g_ascii_isalpha (*p); p++)
    {
      value = value * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
      if (value > (guint64) PATHWAYS_MAX_COLUMNS + 1)
        value = (guint64) PATHWAYS_MAX_COLUMNS + 1;
    }

  if (p == ref)
    return FALSE;

  *column = value - 1;
  return TRUE;
}

static char *
column_letters (guint64 column)
{
  char buffer[16];
  int i = (int) sizeof buffer - 1;

  buffer[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      column--;
      buffer[--i] = (char) ('A' + column % 26);
      column /= 26;
    }
  return g_strdup (buffer + i);
}

static char *
format_row_number (guint64 number)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, number);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* A cell location for messages: "row 1,204, column C". */
static char *
cell_location (guint64 row,
               guint64 column)
{
  g_autofree char *row_text = format_row_number (row);
  g_autofree char *letters = column_letters (column);

  return g_strdup_printf (_("row %s, column %s"), row_text, letters);
}

/* Converts a date serial to ISO text; NULL when the value is not a plausible date. */
static char *
serial_to_iso (double   serial,
               gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  double whole;
  gint64 days;
  gint64 seconds;

  if (!isfinite (serial) || serial < 0.0 || serial >= MAX_DATE_SERIAL + 1.0)
    return NULL;

  whole = floor (serial);
  days = (gint64) whole;
  seconds = (gint64) llround ((serial - whole) * 86400.0);
  if (seconds >= 86400)
    {
      days++;
      seconds -= 86400;
    }

  /* A bare time of day (a serial below 1) has no date. */
  if (days == 0 && serial < 1.0)
    return g_strdup_printf ("%02d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  if (date1904)
    {
      date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
      g_date_add_days (date, (guint) days);
    }
  else if (days == 60)
    {
      /* Excel's 29 February 1900, which never was: given as it shows it. */
      if (seconds == 0)
        return g_strdup ("1900-02-29");
      return g_strdup_printf ("1900-02-29 %02d:%02d:%02d", (int) (seconds / 3600),
                              (int) (seconds / 60 % 60), (int) (seconds % 60));
    }
  else if (days < 60)
    {
      /* Before the fictitious day, serial 1 is 1900-01-01. */
      date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
      g_date_add_days (date, (guint) days);
    }
  else
    {
      date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
      g_date_add_days (date, (guint) days);
    }

  if (!g_date_valid (date))
    return NULL;

  if (seconds == 0)
    return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                            g_date_get_month (date), g_date_get_day (date));

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date),
                          (int) (seconds / 3600), (int) (seconds / 60 % 60),
                          (int) (seconds % 60));
}

static gboolean
style_is_date (PathwaysXlsxReader *self,
               const char         *style)
{
  guint64 index;

  if (style == NULL || self->xf_is_date == NULL)
    return FALSE;
  if (!g_ascii_string_to_unsigned (style, 10, 0, G_MAXUINT32, &index, NULL))
    return FALSE;
  if (index >= self->xf_is_date->len)
    return FALSE;
  return g_array_index (self->xf_is_date, guint8, index) != 0;
}

/* Turns a parsed cell into its text. Returns NULL with ERROR set on bad input; an
 * empty string for an empty cell. */
static char *
cell_text (PathwaysXlsxReader  *self,
           const char          *type,
           const char          *style,
           GString             *value,
           GString             *inline_text,
           gboolean             has_inline,
           guint64              row,
           guint64              column,
           GError             **error)
{
  if (type == NULL || strcmp (type, "n") == 0)
    {
      char *end = NULL;
      double number;

      if (value->len == 0 && has_inline)
        return g_strdup (inline_text->str);
      if (value->len == 0)
        return g_strdup ("");

      if (style_is_date (self, style))
        {
          number = g_ascii_strtod (value->str, &end);
          if (end != value->str && *end == '\0')
            {
              char *iso = serial_to_iso (number, self->parent.date1904);

              if (iso != NULL)
                return iso;
            }
        }
      return g_strdup (value->str);
    }

  if (strcmp (type, "s") == 0)
    {
      guint64 index;

      if (value->len == 0)
        return g_strdup ("");
      if (!g_ascii_string_to_unsigned (value->str, 10, 0, G_MAXUINT32, &index, NULL) ||
          index >= self->shared_strings->len)
        {
          g_autofree char *where = cell_location (row, column);

          g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                       _("%s: the workbook is damaged: %s refers to shared string “%s”, "
                         "but there are %u"),
                       self->display, where, value->str, self->shared_strings->len);
          return NULL;
        }
      return g_strdup (g_ptr_array_index (self->shared_strings, index));
    }

  if (strcmp (type, "inlineStr") == 0)
    return g_strdup (has_inline ? inline_text->str : value->str);

  if (strcmp (type, "b") == 0)
    {
      if (strcmp (value->str, "1") == 0)
        return g_strdup ("TRUE");
      if (strcmp (value->str, "0") == 0)
        return g_strdup ("FALSE");
      return g_strdup (value->str);
    }

  if (strcmp (type, "e") == 0)
    return g_strdup ("");

  /* "str" (a formula's text result), "d" (ISO 8601 date) and anything unknown: as
   * stored. */
  return g_strdup (value->str);
}

static void
clear_cells (PathwaysXlsxReader *self)
{
  g_ptr_array_set_size (self->cells, 0);
  self->parent.fields = NULL;
  self->parent.n_fields = 0;
}

/* Reads one <c> element into self->cells. The reader is on its start tag. */
static gboolean
read_cell (PathwaysXlsxReader  *self,
           guint64              row,
           guint64             *next_column,
           GError             **error)
{
  PartReader *pr = self->sheet;
  g_autofree char *ref = get_attribute (pr, "r");
  g_autofree char *type = get_attribute (pr, "t");
  g_autofree char *style = get_attribute (pr, "s");
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  gboolean has_inline = FALSE;
  guint64 column = *next_column;
  int depth = xmlTextReaderDepth (pr->xml);
  char *text;

  if (ref != NULL && !parse_cell_column (ref, &column))
    {
      g_autofree char *row_text = format_row_number (row);

      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: row %s has a cell with reference “%s”"),
                   self->display, row_text, ref);
      return FALSE;
    }

  if (column >= PATHWAYS_MAX_COLUMNS)
    {
      g_autofree char *row_text = format_row_number (row);

      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                   _("%s: row %s has a cell beyond column %d (%s)"),
                   self->display, row_text, PATHWAYS_MAX_COLUMNS, ref != NULL ? ref : "?");
      return FALSE;
    }

  if (!is_empty_element (pr))
    {
      for (;;)
        {
          int ret = part_reader_next (pr, error);

          if (ret < 0)
            return FALSE;
          if (ret == 0)
            {
              part_reader_set_error (pr, error);
              return FALSE;
            }

          if (xmlTextReaderNodeType (pr->xml) == XML_READER_TYPE_END_ELEMENT &&
              xmlTextReaderDepth (pr->xml) == depth)
            break;

          if (is_element (pr, "v"))
            {
              g_string_truncate (value, 0);
              if (!read_element_text (pr, value, _("a cell"), error))
                return FALSE;
            }
          else if (is_element (pr, "is"))
            {
              has_inline = TRUE;
              g_string_truncate (inline_text, 0);
              if (!read_rich_text (pr, inline_text, _("a cell"), error))
                return FALSE;
            }
        }
    }

  text = cell_text (self, type, style, value, inline_text, has_inline, row, column, error);
  if (text == NULL)
    return FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      /* libxml2 hands out UTF-8 only; this cannot happen, but never pass bad text on. */
      g_free (text);
      text = g_strdup ("");
    }

  if (column >= self->cells->len)
    g_ptr_array_set_size (self->cells, (guint) column + 1);
  g_free (g_ptr_array_index (self->cells, column));
  g_ptr_array_index (self->cells, column) = text;

  *next_column = column + 1;
  return TRUE;
}

/* Reads the next <row> with content. Returns FALSE at the end (ERROR unset) or on an
 * error. Fills self->cells; sets row_number. */
static gboolean
read_next_row (PathwaysXlsxReader  *self,
               GError             **error)
{
  PartReader *pr = self->sheet;

  clear_cells (self);

  while (!self->done)
    {
      g_autofree char *row_ref = NULL;
      guint64 row_number;
      guint64 next_column = 0;
      gboolean any = FALSE;
      int depth;
      int ret;

      ret = part_reader_next (pr, error);
      if (ret < 0)
        {
          self->done = TRUE;
          return FALSE;
        }
      if (ret == 0)
        {
          self->done = TRUE;
          return FALSE;
        }

      if (!self->in_sheet_data)
        {
          if (is_element (pr, "sheetData"))
            {
              if (is_empty_element (pr))
                self->done = TRUE;
              else
                self->in_sheet_data = TRUE;
            }
          continue;
        }

      if (is_end_element (pr, "sheetData"))
        {
          /* Nothing after the cells matters here. */
          self->done = TRUE;
          return FALSE;
        }

      if (!is_element (pr, "row"))
        continue;

      row_ref = get_attribute (pr, "r");
      if (row_ref != NULL)
        {
          if (!g_ascii_string_to_unsigned (row_ref, 10, 1, MAX_ROW_NUMBER, &row_number, NULL))
            {
              g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                           _("%s: the workbook is damaged: a row has the number “%s”"),
                           self->display, row_ref);
              self->done = TRUE;
              return FALSE;
            }
        }
      else
        row_number = MIN (self->last_row_number + 1, MAX_ROW_NUMBER);
      self->last_row_number = row_number;

      if (is_empty_element (pr))
        continue;

      depth = xmlTextReaderDepth (pr->xml);
      for (;;)
        {
          ret = part_reader_next (pr, error);
          if (ret == 0)
            {
              part_reader_set_error (pr, error);
              ret = -1;
            }
          if (ret < 0)
            {
              self->done = TRUE;
              clear_cells (self);
              return FALSE;
            }

          if (xmlTextReaderNodeType (pr->xml) == XML_READER_TYPE_END_ELEMENT &&
              xmlTextReaderDepth (pr->xml) == depth)
            break;

          if (is_element (pr, "c") && !read_cell (self, row_number, &next_column, error))
            {
              self->done = TRUE;
              clear_cells (self);
              return FALSE;
            }
        }

      for (guint i = 0; i < self->cells->len && !any; i++)
        {
          const char *text = g_ptr_array_index (self->cells, i);

          any = text != NULL && text[0] != '\0';
        }

      if (!any)
        {
          clear_cells (self);
          continue;
        }

      self->parent.row_number = row_number;
      return TRUE;
    }

  return FALSE;
}

/* Gives the current cells to the parent: at least as many fields as the header has,
 * and more when there is data beyond it. */
static void
publish_row (PathwaysXlsxReader *self)
{
  guint last = 0;

  for (guint i = 0; i < self->cells->len; i++)
    {
      const char *text = g_ptr_array_index (self->cells, i);

      if (text != NULL && text[0] != '\0')
        last = i + 1;
    }

  if (self->cells->len < MAX (last, self->n_header))
    g_ptr_array_set_size (self->cells, MAX (last, self->n_header));

  self->parent.fields = (const char **) self->cells->pdata;
  self->parent.n_fields = MAX (last, self->n_header);
}

static gboolean
xlsx_next_row (PathwaysRowReader  *reader,
               GError            **error)
{
  PathwaysXlsxReader *self = (PathwaysXlsxReader *) reader;

  if (!read_next_row (self, error))
    return FALSE;

  publish_row (self);
  return TRUE;
}

static double
xlsx_get_fraction (PathwaysRowReader *reader)
{
  PathwaysXlsxReader *self = (PathwaysXlsxReader *) reader;

  if (self->sheet == NULL)
    return 1.0;
  if (self->done)
    return 1.0;
  if (self->sheet->size == 0)
    return 0.0;
  return (double) self->sheet->n_read / (double) self->sheet->size;
}

static void
xlsx_finalize (PathwaysRowReader *reader)
{
  PathwaysXlsxReader *self = (PathwaysXlsxReader *) reader;

  g_clear_pointer (&self->sheet, part_reader_free);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->shared_strings, g_ptr_array_unref);
  g_clear_pointer (&self->xf_is_date, g_array_unref);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->workbook_part, g_free);
  g_clear_pointer (&self->sheet_part, g_free);
  g_clear_pointer (&self->sheet_name, g_free);
  if (self->zip != NULL)
    zip_discard (self->zip);
  self->zip = NULL;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->display, g_free);
}

static const PathwaysRowReaderClass xlsx_reader_class = {
  .format = "XLSX",
  .next_row = xlsx_next_row,
  .get_fraction = xlsx_get_fraction,
  .finalize = xlsx_finalize,
};

/* }}} */

/* Opening {{{ */

static void
set_zip_error (GError     **error,
               const char  *display,
               int          code,
               int          system_code)
{
  zip_error_t zerr;

  zip_error_init_with_code (&zerr, code);
  if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_NOENT ||
      code == ZIP_ER_MEMORY)
    g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN,
                 _("%s: cannot open the file: %s"), display, zip_error_strerror (&zerr));
  else
    g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                 _("%s: the workbook is damaged: %s"), display, zip_error_strerror (&zerr));
  zip_error_fini (&zerr);
}

/* Opens the zip package of a path or of bytes, and reads the workbook part. */
static PathwaysXlsxReader *
xlsx_reader_open_package (const char  *path,
                          GBytes      *bytes,
                          GError     **error)
{
  g_autoptr(PathwaysRowReader) reader = NULL;
  PathwaysXlsxReader *self;

  reader = pathways_row_reader_alloc (&xlsx_reader_class, sizeof (PathwaysXlsxReader), path);
  self = (PathwaysXlsxReader *) reader;
  self->display = g_strdup (path);
  self->cells = g_ptr_array_new_with_free_func (g_free);
  self->shared_strings = g_ptr_array_new_with_free_func (g_free);

  if (bytes != NULL)
    {
      zip_source_t *source;
      zip_error_t zerr;
      gsize size = 0;
      const void *data = g_bytes_get_data (bytes, &size);

      self->bytes = g_bytes_ref (bytes);
      zip_error_init (&zerr);
      source = zip_source_buffer_create (data, size, 0, &zerr);
      if (source == NULL)
        {
          set_zip_error (error, path, zip_error_code_zip (&zerr), 0);
          zip_error_fini (&zerr);
          return NULL;
        }
      self->zip = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
      if (self->zip == NULL)
        {
          zip_source_free (source);
          set_zip_error (error, path, zip_error_code_zip (&zerr), zip_error_code_system (&zerr));
          zip_error_fini (&zerr);
          return NULL;
        }
      zip_error_fini (&zerr);
    }
  else
    {
      int code = 0;

      self->zip = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
      if (self->zip == NULL)
        {
          set_zip_error (error, path, code, 0);
          return NULL;
        }
    }

  if (!open_workbook (self, error))
    return NULL;

  return (PathwaysXlsxReader *) g_steal_pointer (&reader);
}

static PathwaysRowReader *
xlsx_reader_new (const char  *path,
                 GBytes      *bytes,
                 const char  *sheet,
                 GError     **error)
{
  g_autoptr(PathwaysRowReader) reader = NULL;
  g_autoptr(GPtrArray) workbook_rels = NULL;
  PathwaysXlsxReader *self;
  const SheetEntry *entry;
  const Relationship *rel;
  g_autofree char *styles_part = NULL;
  g_autofree char *sst_part = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;

  self = xlsx_reader_open_package (path, bytes, error);
  if (self == NULL)
    return NULL;
  reader = (PathwaysRowReader *) self;

  entry = find_sheet (self, sheet);
  if (entry == NULL)
    {
      g_autofree char *list = sheet_names_list (self);

      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_NO_SHEET,
                   _("%s: there is no sheet “%s”; the workbook has %s"),
                   path, sheet, list);
      return NULL;
    }
  self->sheet_name = g_strdup (entry->name);

  workbook_rels = read_relationships (self->zip, self->display, self->workbook_part, error);
  if (workbook_rels == NULL)
    return NULL;

  rel = find_relationship_by_id (workbook_rels, entry->rel_id);
  if (rel == NULL)
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: sheet “%s” has no part "
                     "(relationship “%s” is missing)"),
                   path, entry->name, entry->rel_id);
      return NULL;
    }
  self->sheet_part = g_strdup (rel->target);

  rel = find_relationship_by_type (workbook_rels, "/styles");
  if (rel != NULL && has_part (self->zip, rel->target))
    styles_part = g_strdup (rel->target);
  else if (has_part (self->zip, "xl/styles.xml"))
    styles_part = g_strdup ("xl/styles.xml");

  rel = find_relationship_by_type (workbook_rels, "/sharedStrings");
  if (rel != NULL && has_part (self->zip, rel->target))
    sst_part = g_strdup (rel->target);
  else if (has_part (self->zip, "xl/sharedStrings.xml"))
    sst_part = g_strdup ("xl/sharedStrings.xml");

  if (styles_part != NULL && !read_styles (self, styles_part, error))
    return NULL;
  if (sst_part != NULL && !read_shared_strings (self, sst_part, error))
    return NULL;

  self->sheet = part_reader_open (self->zip, self->display, self->sheet_part,
                                  MAX_PART_SIZE, error);
  if (self->sheet == NULL)
    return NULL;

  reader->description = g_strdup_printf (_("sheet “%s”"), self->sheet_name);

  /* The header: the first row with anything in it. */
  if (!read_next_row (self, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_EMPTY,
                     _("%s: sheet “%s” is empty"), path, self->sheet_name);
      return NULL;
    }

  names = g_ptr_array_new ();
  for (guint i = 0; i < self->cells->len; i++)
    {
      const char *text = g_ptr_array_index (self->cells, i);

      if (text != NULL && text[0] != '\0')
        self->n_header = i + 1;
    }
  for (guint i = 0; i < self->n_header; i++)
    g_ptr_array_add (names, g_ptr_array_index (self->cells, i));
  pathways_row_reader_set_header (reader, (const char * const *) names->pdata, self->n_header);
  clear_cells (self);

  return g_steal_pointer (&reader);
}

PathwaysRowReader *
pathways_xlsx_reader_new (const char  *path,
                          const char  *sheet,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return xlsx_reader_new (path, NULL, sheet, error);
}

PathwaysRowReader *
pathways_xlsx_reader_new_from_bytes (GBytes      *bytes,
                                     const char  *name,
                                     const char  *sheet,
                                     GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return xlsx_reader_new (name != NULL ? name : "workbook.xlsx", bytes, sheet, error);
}

char **
pathways_xlsx_list_sheets (const char  *path,
                           GError     **error)
{
  g_autoptr(PathwaysRowReader) reader = NULL;
  PathwaysXlsxReader *self;
  GStrvBuilder *builder;
  char **sheets;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = xlsx_reader_open_package (path, NULL, error);
  if (self == NULL)
    return NULL;
  reader = (PathwaysRowReader *) self;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->sheets->len; i++)
    {
      const SheetEntry *entry = g_ptr_array_index (self->sheets, i);

      g_strv_builder_add (builder, entry->name);
    }
  sheets = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return sheets;
}

/* }}} */
