/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-xlsx-reader-private.h: what the parts of the XLSX reader share.
 *
 * pathways-xlsx-reader.c           cells and rows, opening, the public functions
 * pathways-xlsx-reader-part.c      one XML part of the zip package, as a stream
 * pathways-xlsx-reader-workbook.c  relationships, the workbook, shared strings
 * pathways-xlsx-reader-styles.c    number formats and date serials
 */
#pragma once

#include <libxml/xmlreader.h>
#include <zip.h>

#include "pathways-row-reader-private.h"

G_BEGIN_DECLS

#define MAX_XML_DEPTH          64
#define MAX_PART_SIZE          (G_GUINT64_CONSTANT (2) * 1024 * 1024 * 1024)
#define MAX_SHARED_STRINGS     (16 * 1024 * 1024)
#define MAX_SHARED_STRINGS_SIZE (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
#define MAX_CELL_XFS           (1024 * 1024)
#define MAX_SHEETS             65536
#define MAX_ROW_NUMBER         G_GUINT64_CONSTANT (4294967295)

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
  int               prolog_state; /* how far the scan for a DOCTYPE has gone */
} PathwaysXlsxPart;

typedef struct {
  char *name;
  char *rel_id;
} PathwaysXlsxSheet;

typedef struct {
  PathwaysRowReader  parent;

  char              *display;
  GBytes            *bytes;
  zip_t             *zip;

  /* The workbook */
  char              *workbook_part;
  GPtrArray         *sheets;          /* PathwaysXlsxSheet */
  char              *sheet_part;
  char              *sheet_name;
  GPtrArray         *shared_strings;  /* char* */
  GArray            *xf_is_date;      /* guint8 per cellXfs entry */

  /* The sheet stream */
  PathwaysXlsxPart  *sheet;
  gboolean           in_sheet_data;
  gboolean           done;
  guint64            last_row_number;
  GPtrArray         *cells;           /* char*, owned, NULL for an absent cell */
  guint              n_header;
} PathwaysXlsxReader;

/* pathways-xlsx-reader-part.c */
gboolean          _pathways_xlsx_has_part                (zip_t             *zip,
                                                          const char        *name);
/* Opens part NAME as an XML stream of at most CAP bytes uncompressed. A missing part
 * is a FORMAT error. DISPLAY (the file, for messages) must outlive the part. */
PathwaysXlsxPart *_pathways_xlsx_part_open               (zip_t             *zip,
                                                          const char        *display,
                                                          const char        *name,
                                                          guint64            cap,
                                                          GError           **error);
void              _pathways_xlsx_part_free               (PathwaysXlsxPart  *pr);
/* Moves to the next node. Returns 1 on a node, 0 at the end of the part, -1 on an
 * error (ERROR set). Refuses DOCTYPEs and entity references, caps the depth. */
int               _pathways_xlsx_part_next               (PathwaysXlsxPart  *pr,
                                                          GError           **error);
/* Sets ERROR for a part that ended early or could not be read. */
void              _pathways_xlsx_part_set_error          (PathwaysXlsxPart  *pr,
                                                          GError           **error);
gboolean          _pathways_xlsx_is_element              (PathwaysXlsxPart  *pr,
                                                          const char        *local_name);
gboolean          _pathways_xlsx_is_end_element          (PathwaysXlsxPart  *pr,
                                                          const char        *local_name);
gboolean          _pathways_xlsx_is_empty_element        (PathwaysXlsxPart  *pr);
/* An attribute without namespace, by local name; NULL when absent. */
char             *_pathways_xlsx_get_attribute           (PathwaysXlsxPart  *pr,
                                                          const char        *name);
/* The relationship id attribute (r:id), whichever relationships namespace it uses
 * (transitional or strict). */
char             *_pathways_xlsx_get_relationship_id     (PathwaysXlsxPart  *pr);
/* Appends the text of the current element (<v>, <t>) to OUT up to its end tag. */
gboolean          _pathways_xlsx_read_text               (PathwaysXlsxPart  *pr,
                                                          GString           *out,
                                                          const char        *what,
                                                          GError           **error);
/* Rich text (<si> or <is>): the <t> of the element and of its runs <r>, concatenated;
 * phonetic runs <rPh> are left out. The reader is on the start tag. */
gboolean          _pathways_xlsx_read_rich_text          (PathwaysXlsxPart  *pr,
                                                          GString           *out,
                                                          const char        *what,
                                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysXlsxPart, _pathways_xlsx_part_free)

/* pathways-xlsx-reader-workbook.c */
void              _pathways_xlsx_sheet_entry_free        (gpointer            data);
/* Reads the workbook part, found through the package relationships: sheet names,
 * relationship ids, the date system. */
gboolean          _pathways_xlsx_open_workbook           (PathwaysXlsxReader *self,
                                                          GError            **error);
/* Finds the part of sheet ENTRY (self->sheet_part) and reads what its cells refer
 * to: the date styles and the shared strings. */
gboolean          _pathways_xlsx_prepare_sheet           (PathwaysXlsxReader      *self,
                                                          const PathwaysXlsxSheet *entry,
                                                          GError                 **error);
/* The sheet names, quoted, for messages. */
char             *_pathways_xlsx_sheet_names_list        (PathwaysXlsxReader *self);
/* The first sheet for a NULL SHEET; else SHEET by name, or regardless of case. */
const PathwaysXlsxSheet *_pathways_xlsx_find_sheet       (PathwaysXlsxReader *self,
                                                          const char         *sheet);

/* pathways-xlsx-reader-styles.c */
/* Reads which cell styles (cellXfs) have a date or time number format. */
gboolean          _pathways_xlsx_read_styles             (PathwaysXlsxReader  *self,
                                                          const char          *styles_part,
                                                          GError             **error);
/* Whether cell style STYLE (the s attribute, NULL when absent) is a date format. */
gboolean          _pathways_xlsx_style_is_date           (PathwaysXlsxReader  *self,
                                                          const char          *style);
/* Converts a date serial to ISO text; NULL when the value is not a plausible date. */
char             *_pathways_xlsx_serial_to_iso           (double               serial,
                                                          gboolean             date1904);

G_END_DECLS
