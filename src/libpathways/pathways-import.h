/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import.h: from export files to a PathwaysDataset (spec/data-model.md). */
#pragma once

#include <gio/gio.h>

#include "pathways-dataset.h"
#include "pathways-mapping.h"

G_BEGIN_DECLS

#define PATHWAYS_IMPORT_ERROR (pathways_import_error_quark ())

typedef enum {
  PATHWAYS_IMPORT_ERROR_NOT_MAPPED,      /* a required field has no column */
  PATHWAYS_IMPORT_ERROR_NO_COLUMN,       /* the mapping names a column the file lacks */
  PATHWAYS_IMPORT_ERROR_TOO_MANY_VALUES, /* a category with more than 65,535 values */
  PATHWAYS_IMPORT_ERROR_NO_CASES,        /* nothing usable in the file */
  PATHWAYS_IMPORT_ERROR_CANCELLED,
} PathwaysImportError;

GQuark pathways_import_error_quark (void);

typedef struct {
  const char        *cases_path;      /* required */
  const char        *cases_sheet;     /* XLSX sheet, NULL for the first */
  const char        *services_path;   /* optional */
  const char        *services_sheet;
  PathwaysMapping   *mapping;         /* NULL: auto-detect from the headers */
  PathwaysDateOrder  date_order;      /* not AUTO: forced for every date column */
  gint32             snapshot_day;    /* 0: the latest date found in the data */
  const char        *name;            /* dataset name; NULL: the cases file's base name */
} PathwaysImportOptions;

typedef void (*PathwaysProgressFunc) (double fraction, gpointer user_data);

PathwaysDataset *pathways_import (const PathwaysImportOptions  *options,
                                  GCancellable                 *cancellable,
                                  PathwaysProgressFunc          progress,
                                  gpointer                      user_data,
                                  GError                      **error);

/* pathways_import () on a worker thread, for a caller with a main loop.
 *
 * OPTIONS is copied, with its strings and its mapping: the caller may free or change
 * them as soon as this returns. PROGRESS, when not NULL, is called with
 * PROGRESS_DATA in the thread-default main context of the caller, never after
 * CALLBACK; fractions that come faster than that context runs are coalesced, so not
 * every one is seen (the last one before CALLBACK is 1.0 after a successful import).
 * PROGRESS_DATA must stay valid until CALLBACK has run. CALLBACK is called in that
 * same context; it gets the dataset with pathways_import_finish ().
 *
 * Cancelling CANCELLABLE ends the import with PATHWAYS_IMPORT_ERROR_CANCELLED, as the
 * sync call does, also before the thread has started; an import that has already
 * finished when the cancel comes returns its dataset. */
void             pathways_import_async          (const PathwaysImportOptions  *options,
                                                 GCancellable                 *cancellable,
                                                 PathwaysProgressFunc          progress,
                                                 gpointer                      progress_data,
                                                 GAsyncReadyCallback           callback,
                                                 gpointer                      user_data);
/* The dataset of pathways_import_async (), or NULL with ERROR set (as pathways_import). */
PathwaysDataset *pathways_import_finish         (GAsyncResult                 *result,
                                                 GError                      **error);

/* The mapping auto-detection would use for these files (headers only are read).
 * Also detects the input shape: a workbook with "cases" and "services" sheets. */
PathwaysMapping *pathways_import_detect_mapping (const PathwaysImportOptions  *options,
                                                 GError                      **error);

/* Parses one date text as the data model allows, in ORDER (AUTO means: ISO first, then
 * DD/MM). Returns a Julian day, PATHWAYS_DAY_NONE for an empty text or
 * PATHWAYS_DAY_INVALID. Exposed for tests. */
gint32           pathways_parse_date            (const char         *text,
                                                 PathwaysDateOrder   order,
                                                 gboolean            date1904);

G_END_DECLS
