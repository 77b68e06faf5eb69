/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-xlsx-reader-part.c: one XML part of an XLSX package, as a stream.
 *
 * A part is read with zip_fread() into libxml2's xmlTextReader, so no part is ever
 * held uncompressed in memory. Hostile input is expected: the bytes before the root
 * element are scanned for a DOCTYPE before libxml2 sees them, entity references are
 * refused, the network is never used, the nesting depth and the uncompressed size
 * are capped.
 */
#define G_LOG_DOMAIN "pathways-xlsx-reader"

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "pathways-i18n.h"

#include "pathways-xlsx-reader-private.h"

#define NS_RELATIONSHIPS       "relationships"

enum {
  PROLOG_TEXT,
  PROLOG_LT,         /* after '<' */
  PROLOG_LT_BANG,    /* after "<!" */
  PROLOG_DONE,       /* the root element has started */
};

void
_pathways_xlsx_part_free (PathwaysXlsxPart *pr)
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

/* Before libxml2 sees them, the bytes up to the root element are scanned for "<!D"
 * (a DOCTYPE), so that no entity declaration is ever parsed. Comments ("<!-") and
 * processing instructions ("<?") are let through. Returns FALSE on a DOCTYPE. */
static gboolean
scan_prolog (PathwaysXlsxPart *pr,
             const char       *buffer,
             gsize             len)
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
  PathwaysXlsxPart *pr = context;
  zip_int64_t n;
  guint64 want;

  if (pr->io_error != NULL || len <= 0)
    return -1;

  if (pr->n_read >= pr->cap)
    {
      g_set_error (&pr->io_error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                   _("%s: part %s is larger than %" PRIu64 " MiB uncompressed"),
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
  PathwaysXlsxPart *pr = context;

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

gboolean
_pathways_xlsx_has_part (zip_t      *zip,
                         const char *name)
{
  return locate_part (zip, name) >= 0;
}

/* Opens part NAME as an XML stream. A missing part is a FORMAT error. */
PathwaysXlsxPart *
_pathways_xlsx_part_open (zip_t       *zip,
                          const char  *display,
                          const char  *name,
                          guint64      cap,
                          GError     **error)
{
  g_autoptr(PathwaysXlsxPart) pr = NULL;
  zip_int64_t index;
  zip_stat_t st;

  index = locate_part (zip, name);
  if (index < 0)
    {
      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: part %s is missing"), display, name);
      return NULL;
    }

  pr = g_new0 (PathwaysXlsxPart, 1);
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

void
_pathways_xlsx_part_set_error (PathwaysXlsxPart  *pr,
                               GError           **error)
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
int
_pathways_xlsx_part_next (PathwaysXlsxPart  *pr,
                          GError           **error)
{
  int ret;
  int type;

  ret = xmlTextReaderRead (pr->xml);
  if (ret < 0 || pr->io_error != NULL)
    {
      _pathways_xlsx_part_set_error (pr, error);
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

gboolean
_pathways_xlsx_is_element (PathwaysXlsxPart *pr,
                           const char       *local_name)
{
  const char *name;

  if (xmlTextReaderNodeType (pr->xml) != XML_READER_TYPE_ELEMENT)
    return FALSE;
  name = (const char *) xmlTextReaderConstLocalName (pr->xml);
  return name != NULL && strcmp (name, local_name) == 0;
}

gboolean
_pathways_xlsx_is_end_element (PathwaysXlsxPart *pr,
                               const char       *local_name)
{
  const char *name;

  if (xmlTextReaderNodeType (pr->xml) != XML_READER_TYPE_END_ELEMENT)
    return FALSE;
  name = (const char *) xmlTextReaderConstLocalName (pr->xml);
  return name != NULL && strcmp (name, local_name) == 0;
}

static gboolean
is_text (PathwaysXlsxPart *pr)
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
char *
_pathways_xlsx_get_attribute (PathwaysXlsxPart *pr,
                              const char       *name)
{
  return (char *) xmlTextReaderGetAttribute (pr->xml, (const xmlChar *) name);
}

/* The relationship id attribute (r:id), whichever relationships namespace it uses
 * (transitional or strict). */
char *
_pathways_xlsx_get_relationship_id (PathwaysXlsxPart *pr)
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

gboolean
_pathways_xlsx_is_empty_element (PathwaysXlsxPart *pr)
{
  return xmlTextReaderIsEmptyElement (pr->xml) == 1;
}

/* Appends the text of the current element (<v>, <t>) to OUT up to its end tag. */
gboolean
_pathways_xlsx_read_text (PathwaysXlsxPart  *pr,
                          GString           *out,
                          const char        *what,
                          GError           **error)
{
  int depth = xmlTextReaderDepth (pr->xml);

  if (_pathways_xlsx_is_empty_element (pr))
    return TRUE;

  for (;;)
    {
      int ret = _pathways_xlsx_part_next (pr, error);

      if (ret < 0)
        return FALSE;
      if (ret == 0)
        {
          _pathways_xlsx_part_set_error (pr, error);
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
gboolean
_pathways_xlsx_read_rich_text (PathwaysXlsxPart  *pr,
                               GString           *out,
                               const char        *what,
                               GError           **error)
{
  int depth = xmlTextReaderDepth (pr->xml);
  int rph_depth = -1;

  if (_pathways_xlsx_is_empty_element (pr))
    return TRUE;

  for (;;)
    {
      int ret = _pathways_xlsx_part_next (pr, error);
      int node_depth;

      if (ret < 0)
        return FALSE;
      if (ret == 0)
        {
          _pathways_xlsx_part_set_error (pr, error);
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

      if (_pathways_xlsx_is_element (pr, "rPh") && !_pathways_xlsx_is_empty_element (pr))
        rph_depth = node_depth;
      else if (_pathways_xlsx_is_element (pr, "t"))
        {
          if (!_pathways_xlsx_read_text (pr, out, what, error))
            return FALSE;
        }
    }
}
