/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-row-reader.h: a pull reader over the rows of a CSV file or an XLSX sheet.
 *
 * Both readers give the same thing: a header of unique column names, then one row at a
 * time as UTF-8 strings, with the row number a spreadsheet would show (the header is
 * row 1, the first data row is row 2). Memory stays bounded by the longest row, never
 * by the file size.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Hard limits; anything beyond is an error naming file, row and column. */
#define PATHWAYS_MAX_COLUMNS    16384                 /* Excel's own limit */
#define PATHWAYS_MAX_FIELD_SIZE (16 * 1024 * 1024)    /* bytes in one cell */

#define PATHWAYS_READER_ERROR (pathways_reader_error_quark ())

typedef enum {
  PATHWAYS_READER_ERROR_OPEN,       /* cannot open or read the file */
  PATHWAYS_READER_ERROR_EMPTY,      /* no header row */
  PATHWAYS_READER_ERROR_ENCODING,   /* bytes that no supported encoding explains */
  PATHWAYS_READER_ERROR_QUOTING,    /* unterminated quoted field, stray quote */
  PATHWAYS_READER_ERROR_LIMIT,      /* too many columns, cell too large, XML too deep */
  PATHWAYS_READER_ERROR_FORMAT,     /* not a workbook, missing part, corrupt zip or XML */
  PATHWAYS_READER_ERROR_NO_SHEET,   /* the requested sheet does not exist */
} PathwaysReaderError;

GQuark pathways_reader_error_quark (void);

typedef struct _PathwaysRowReader PathwaysRowReader;

/* Opens PATH read-only, as XLSX when it starts with a zip signature, else as CSV.
 * SHEET (XLSX only, nullable) chooses the sheet by name; NULL means the first sheet. */
PathwaysRowReader *pathways_row_reader_open             (const char         *path,
                                                         const char         *sheet,
                                                         GError            **error);
void               pathways_row_reader_free             (PathwaysRowReader  *self);

const char        *pathways_row_reader_get_path         (PathwaysRowReader  *self);
/* "CSV" or "XLSX" */
const char        *pathways_row_reader_get_format       (PathwaysRowReader  *self);
/* Human-readable details: "UTF-8, comma-separated, CRLF", "sheet “Cases”" */
const char        *pathways_row_reader_get_description  (PathwaysRowReader  *self);

/* Header: column names, trimmed, duplicates made unique ("DATE OCC", "DATE OCC (2)"),
 * empty names become "Column 7". */
guint              pathways_row_reader_get_n_columns    (PathwaysRowReader  *self);
const char        *pathways_row_reader_get_column_name  (PathwaysRowReader  *self,
                                                         guint               column);

/* Moves to the next data row. Returns FALSE at the end (ERROR left unset) or on an
 * error (ERROR set, message naming file, row and column). Fully empty rows are skipped. */
gboolean           pathways_row_reader_next_row         (PathwaysRowReader  *self,
                                                         GError            **error);
/* Number of fields in the current row as found in the file. It differs from the number
 * of columns for a ragged row; the caller decides what to report. */
guint              pathways_row_reader_get_n_fields     (PathwaysRowReader  *self);
/* Field COLUMN of the current row, UTF-8, never NULL: "" when absent. Valid until the
 * next call to next_row. */
const char        *pathways_row_reader_get_field        (PathwaysRowReader  *self,
                                                         guint               column);
/* The same, with its length in bytes (what strlen() would say, without the scan). */
const char        *pathways_row_reader_get_field_len    (PathwaysRowReader  *self,
                                                         guint               column,
                                                         gsize              *out_len);
/* Spreadsheet row number of the current row (header is row 1). */
guint64            pathways_row_reader_get_row_number   (PathwaysRowReader  *self);
/* 0.0 to 1.0, for progress bars. */
double             pathways_row_reader_get_fraction     (PathwaysRowReader  *self);
/* TRUE for a workbook using the 1904 date system (XLSX only). Date-formatted cells are
 * already given as ISO text ("2023-05-04" or "2023-05-04 13:45:00"); this matters only
 * for serial numbers in cells without a date format. */
gboolean           pathways_row_reader_get_date1904     (PathwaysRowReader  *self);
/* TEXT (a field) without the spaces around it, as g_strstrip () leaves it: TEXT itself
 * when it has none, else a copy in BUF, so no cell is allocated once BUF has grown to
 * the longest one. Valid until BUF's next use. */
const char        *pathways_row_reader_trimmed          (GString            *buf,
                                                         const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysRowReader, pathways_row_reader_free)

G_END_DECLS
