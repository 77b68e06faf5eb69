/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-preview.h: what an export holds, before it is imported.
 *
 * The import assistant shows a preview and never reads the files itself: the header,
 * the first rows, per column the values with how many rows have each (trimmed and
 * grouped as pathways_import() would record them), the day/month order of each date
 * column and whether the values leave it open, the columns that look as if they could
 * identify someone, and the field each column would be detected as. The files are
 * read through the import's own readers (pathways-row-reader.h).
 *
 * A quick preview (all_rows FALSE) reads the header and the sample rows only: counts
 * and date orders are then those of the sample. A full one reads every row of the
 * cases file; run it with pathways_import_preview_new_async(). The services file, when
 * there is one, gives its header only.
 */
#pragma once

#include <gio/gio.h>

#include "pathways-field.h"
#include "pathways-mapping.h"

G_BEGIN_DECLS

/* Sample rows kept when the options say 0. */
#define PATHWAYS_IMPORT_PREVIEW_N_SAMPLE_ROWS 20
/* Distinct values counted per column; a column with more is not a category. */
#define PATHWAYS_IMPORT_PREVIEW_MAX_VALUES    600

typedef struct {
  const char      *cases_path;      /* required */
  const char      *cases_sheet;     /* XLSX sheet, NULL for the first */
  const char      *services_path;   /* optional: its header is read */
  const char      *services_sheet;
  /* The mapping whose columns and groupings the counts follow (copied). NULL: the one
   * pathways_import_detect_mapping() finds, less the columns that look identifying. */
  PathwaysMapping *mapping;
  guint            n_sample_rows;   /* 0: PATHWAYS_IMPORT_PREVIEW_N_SAMPLE_ROWS */
  gboolean         all_rows;        /* count every row, not only the sample */
} PathwaysImportPreviewOptions;

/* One value of a column and how many rows (parts, for a multi-value field) have it. */
typedef struct {
  char  *value;       /* as the import reads it: trimmed of spaces and no-break spaces */
  char  *canonical;   /* what the import records: the grouped value, or NULL when missing */
  guint  count;
} PathwaysValueCount;

#define PATHWAYS_TYPE_IMPORT_PREVIEW (pathways_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysImportPreview, pathways_import_preview,
                      PATHWAYS, IMPORT_PREVIEW, GObject)

PathwaysImportPreview *pathways_import_preview_new           (const PathwaysImportPreviewOptions *options,
                                                              GCancellable                       *cancellable,
                                                              GError                            **error);
/* The same in a worker thread; OPTIONS are copied before this returns. */
void                   pathways_import_preview_new_async     (const PathwaysImportPreviewOptions *options,
                                                              GCancellable                       *cancellable,
                                                              GAsyncReadyCallback                 callback,
                                                              gpointer                            user_data);
PathwaysImportPreview *pathways_import_preview_new_finish    (GAsyncResult                       *result,
                                                              GError                            **error);

/* "UTF-8, comma-separated", "sheet “Cases”" */
const char            *pathways_import_preview_get_description  (PathwaysImportPreview *self);
/* The cases header, NULL-terminated, names as the reader makes them unique. */
const char * const    *pathways_import_preview_get_header       (PathwaysImportPreview *self);
guint                  pathways_import_preview_get_n_columns    (PathwaysImportPreview *self);
/* The services header, or NULL without a services file. */
const char * const    *pathways_import_preview_get_services_header (PathwaysImportPreview *self);
/* Index of the column called NAME as the import finds it (exact, else folded), or -1. */
int                    pathways_import_preview_find_column      (PathwaysImportPreview *self,
                                                                 const char            *name);

guint                  pathways_import_preview_get_n_sample_rows (PathwaysImportPreview *self);
/* Cell COLUMN of sample row ROW, never NULL ("" for a short row). */
const char            *pathways_import_preview_get_sample       (PathwaysImportPreview *self,
                                                                 guint                  row,
                                                                 guint                  column);
/* Data rows the counts are from: the sample, or every row. */
guint64                pathways_import_preview_get_n_rows       (PathwaysImportPreview *self);

/* The mapping the counts follow: the one given, or the proposed one (a new reference). */
PathwaysMapping       *pathways_import_preview_get_mapping      (PathwaysImportPreview *self);
/* The field detection would read from COLUMN, or PATHWAYS_N_FIELDS for none. */
PathwaysField          pathways_import_preview_get_detected_field (PathwaysImportPreview *self,
                                                                   guint                  column);
/* Whether COLUMN's name or its sample values look identifying or like free text. */
gboolean               pathways_import_preview_looks_identifying (PathwaysImportPreview *self,
                                                                  guint                  column);
/* The values of COLUMN, most frequent first, then by value (PathwaysValueCount*,
 * borrowed); the empty value is not listed. At most PATHWAYS_IMPORT_PREVIEW_MAX_VALUES:
 * *TRUNCATED (nullable) says whether more were left out. */
GPtrArray             *pathways_import_preview_get_value_counts (PathwaysImportPreview *self,
                                                                 guint                  column,
                                                                 gboolean              *truncated);
/* For a date column (mapped to a date field, or every value a written date): the order
 * the import would settle on by itself, *AMBIGUOUS (nullable) TRUE when no value
 * settles it and day first is assumed. PATHWAYS_DATE_ORDER_AUTO for other columns. */
PathwaysDateOrder      pathways_import_preview_get_date_order   (PathwaysImportPreview *self,
                                                                 guint                  column,
                                                                 gboolean              *ambiguous);

/* Whether COLUMN's dates leave the day/month order open (some written as 05/01/2022,
 * none with a part above 12): then TRUE, with a sample value as written (borrowed) and
 * the day it is under day-first and month-first order (the first that reads
 * differently either way, else the first; *TEXT, *DAY_FIRST, *MONTH_FIRST nullable).
 * FALSE for a settled order, a year-first or non-date column. */
gboolean               pathways_import_preview_get_date_example (PathwaysImportPreview  *self,
                                                                 guint                   column,
                                                                 const char            **text,
                                                                 gint32                 *day_first,
                                                                 gint32                 *month_first);

/* Whether a column name or its sample values look like something that identifies a
 * person or is free text (names, addresses, phone numbers, e-mail, long unique text).
 * VALUES: NULL-terminated, nullable. */
gboolean               pathways_column_looks_identifying        (const char         *name,
                                                                 const char * const *values);

G_END_DECLS
