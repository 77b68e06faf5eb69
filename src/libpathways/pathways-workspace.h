/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace.h: the *.pathways file, one SQLite database.
 *
 * Holds the normalised cases and services, the dictionaries, the multi-category values,
 * the mapping (JSON), the findings, the source files with their SHA-256, a schema
 * version, and SHA-256 checksums of the data and of the settings
 * (docs/workspace-format.md). Saving writes a new file next to the destination in one
 * transaction, with mode 0600, then renames it into place: a crash, a full disk or a
 * cancellation leaves the previous file intact. Opening checks everything it reads and
 * the checksum before it hands out a dataset: a damaged file is reported as damaged,
 * never opened with wrong figures.
 *
 * Errors are in the user's words and name the file ("The disk is full: Pathways could
 * not save x.pathways; the previous file is unchanged.").
 */
#pragma once

#include <gio/gio.h>

#include "pathways-dataset.h"

G_BEGIN_DECLS

/* 2: findings name their case (findings.case_id); schema 1 files open as before */
#define PATHWAYS_WORKSPACE_SCHEMA_VERSION 2

#define PATHWAYS_WORKSPACE_ERROR (pathways_workspace_error_quark ())

typedef enum {
  PATHWAYS_WORKSPACE_ERROR_IO,          /* cannot write, rename, open; full disk, read-only */
  PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE, /* not SQLite, or not a Pathways workspace */
  PATHWAYS_WORKSPACE_ERROR_NEWER,       /* written by a newer Pathways (schema version) */
  PATHWAYS_WORKSPACE_ERROR_CORRUPT,     /* damaged: inconsistent content, wrong checksum */
} PathwaysWorkspaceError;

GQuark pathways_workspace_error_quark (void);

gboolean         pathways_workspace_save (PathwaysDataset  *dataset,
                                          const char       *path,
                                          GError          **error);
PathwaysDataset *pathways_workspace_load (const char       *path,
                                          GError          **error);

/* The same on a worker thread. Cancelling stops them at the next check (between
 * columns, or within a long SQLite statement) with G_IO_ERROR_CANCELLED; a cancelled
 * save leaves the previous file as it was. A save that finished before it saw the
 * cancellation reports success: the file was replaced. The dataset is referenced
 * until the save is done and must not change meanwhile. */
void             pathways_workspace_open_async  (const char          *path,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
PathwaysDataset *pathways_workspace_open_finish (GAsyncResult        *result,
                                                 GError             **error);
void             pathways_workspace_save_async  (PathwaysDataset     *dataset,
                                                 const char          *path,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean         pathways_workspace_save_finish (GAsyncResult        *result,
                                                 GError             **error);

/* Key/value settings stored with the workspace (report options, saved views), changed
 * in place with their own checksum, sealed again by every change. A workspace whose
 * settings do not match their checksum gives PATHWAYS_WORKSPACE_ERROR_CORRUPT. */
gboolean         pathways_workspace_set_setting (const char  *path,
                                                 const char  *key,
                                                 const char  *value,
                                                 GError     **error);
char            *pathways_workspace_get_setting (const char  *path,
                                                 const char  *key,
                                                 GError     **error);

G_END_DECLS
