/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace.h: the *.pathways file, one SQLite database.
 *
 * Holds the normalised cases and services, the dictionaries, the multi-category values,
 * the mapping (JSON), the findings, the source files with their SHA-256 and a schema
 * version. Saving writes a new file next to the destination in one transaction, with
 * mode 0600, then renames it into place: a crash leaves the previous file intact.
 */
#pragma once

#include <gio/gio.h>

#include "pathways-dataset.h"

G_BEGIN_DECLS

#define PATHWAYS_WORKSPACE_SCHEMA_VERSION 1

#define PATHWAYS_WORKSPACE_ERROR (pathways_workspace_error_quark ())

typedef enum {
  PATHWAYS_WORKSPACE_ERROR_IO,          /* cannot write, rename, open */
  PATHWAYS_WORKSPACE_ERROR_NOT_WORKSPACE, /* not SQLite, or not a Pathways workspace */
  PATHWAYS_WORKSPACE_ERROR_NEWER,       /* written by a newer Pathways (schema version) */
  PATHWAYS_WORKSPACE_ERROR_CORRUPT,     /* inconsistent content */
} PathwaysWorkspaceError;

GQuark pathways_workspace_error_quark (void);

gboolean         pathways_workspace_save (PathwaysDataset  *dataset,
                                          const char       *path,
                                          GError          **error);
PathwaysDataset *pathways_workspace_load (const char       *path,
                                          GError          **error);

/* Key/value settings stored with the workspace (report options, saved views). */
gboolean         pathways_workspace_set_setting (const char  *path,
                                                 const char  *key,
                                                 const char  *value,
                                                 GError     **error);
char            *pathways_workspace_get_setting (const char  *path,
                                                 const char  *key,
                                                 GError     **error);

G_END_DECLS
