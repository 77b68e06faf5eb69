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
 *
 * This file: cells and rows, opening, the public functions. The other parts are
 * listed in pathways-xlsx-reader-private.h.
 */
#define G_LOG_DOMAIN "pathways-xlsx-reader"

#include "config.h"

#include <string.h>

#include "pathways-i18n.h"
#include <zip.h>

#include "pathways-xlsx-reader.h"
#include "pathways-format.h"
#include "pathways-xlsx-reader-private.h"

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

/* A cell location for messages: "row 1,204, column C". */
static char *
cell_location (guint64 row,
               guint64 column)
{
  g_autofree char *row_text = pathways_format_count (row);
  g_autofree char *letters = column_letters (column);

  return g_strdup_printf (_("row %s, column %s"), row_text, letters);
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

      if (_pathways_xlsx_style_is_date (self, style))
        {
          number = g_ascii_strtod (value->str, &end);
          if (end != value->str && *end == '\0')
            {
              char *iso = _pathways_xlsx_serial_to_iso (number, self->parent.date1904);

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
  PathwaysXlsxPart *pr = self->sheet;
  g_autofree char *ref = _pathways_xlsx_get_attribute (pr, "r");
  g_autofree char *type = _pathways_xlsx_get_attribute (pr, "t");
  g_autofree char *style = _pathways_xlsx_get_attribute (pr, "s");
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  gboolean has_inline = FALSE;
  guint64 column = *next_column;
  int depth = xmlTextReaderDepth (pr->xml);
  char *text;

  if (ref != NULL && !parse_cell_column (ref, &column))
    {
      g_autofree char *row_text = pathways_format_count (row);

      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_FORMAT,
                   _("%s: the workbook is damaged: row %s has a cell with reference “%s”"),
                   self->display, row_text, ref);
      return FALSE;
    }

  if (column >= PATHWAYS_MAX_COLUMNS)
    {
      g_autofree char *row_text = pathways_format_count (row);

      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_LIMIT,
                   _("%s: row %s has a cell beyond column %d (%s)"),
                   self->display, row_text, PATHWAYS_MAX_COLUMNS, ref != NULL ? ref : "?");
      return FALSE;
    }

  if (!_pathways_xlsx_is_empty_element (pr))
    {
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
            break;

          if (_pathways_xlsx_is_element (pr, "v"))
            {
              g_string_truncate (value, 0);
              if (!_pathways_xlsx_read_text (pr, value, _("a cell"), error))
                return FALSE;
            }
          else if (_pathways_xlsx_is_element (pr, "is"))
            {
              has_inline = TRUE;
              g_string_truncate (inline_text, 0);
              if (!_pathways_xlsx_read_rich_text (pr, inline_text, _("a cell"), error))
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
  PathwaysXlsxPart *pr = self->sheet;

  clear_cells (self);

  while (!self->done)
    {
      g_autofree char *row_ref = NULL;
      guint64 row_number;
      guint64 next_column = 0;
      gboolean any = FALSE;
      int depth;
      int ret;

      ret = _pathways_xlsx_part_next (pr, error);
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
          if (_pathways_xlsx_is_element (pr, "sheetData"))
            {
              if (_pathways_xlsx_is_empty_element (pr))
                self->done = TRUE;
              else
                self->in_sheet_data = TRUE;
            }
          continue;
        }

      if (_pathways_xlsx_is_end_element (pr, "sheetData"))
        {
          /* Nothing after the cells matters here. */
          self->done = TRUE;
          return FALSE;
        }

      if (!_pathways_xlsx_is_element (pr, "row"))
        continue;

      row_ref = _pathways_xlsx_get_attribute (pr, "r");
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

      if (_pathways_xlsx_is_empty_element (pr))
        continue;

      depth = xmlTextReaderDepth (pr->xml);
      for (;;)
        {
          ret = _pathways_xlsx_part_next (pr, error);
          if (ret == 0)
            {
              _pathways_xlsx_part_set_error (pr, error);
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

          if (_pathways_xlsx_is_element (pr, "c") &&
              !read_cell (self, row_number, &next_column, error))
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

  g_clear_pointer (&self->sheet, _pathways_xlsx_part_free);
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

  if (!_pathways_xlsx_open_workbook (self, error))
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
  PathwaysXlsxReader *self;
  const PathwaysXlsxSheet *entry;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;

  self = xlsx_reader_open_package (path, bytes, error);
  if (self == NULL)
    return NULL;
  reader = (PathwaysRowReader *) self;

  entry = _pathways_xlsx_find_sheet (self, sheet);
  if (entry == NULL)
    {
      g_autofree char *list = _pathways_xlsx_sheet_names_list (self);

      g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_NO_SHEET,
                   _("%s: there is no sheet “%s”; the workbook has %s"),
                   path, sheet, list);
      return NULL;
    }
  self->sheet_name = g_strdup (entry->name);

  if (!_pathways_xlsx_prepare_sheet (self, entry, error))
    return NULL;

  self->sheet = _pathways_xlsx_part_open (self->zip, self->display, self->sheet_part,
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
      const PathwaysXlsxSheet *entry = g_ptr_array_index (self->sheets, i);

      g_strv_builder_add (builder, entry->name);
    }
  sheets = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return sheets;
}

/* }}} */
