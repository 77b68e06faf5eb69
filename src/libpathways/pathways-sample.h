/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-sample.h: where the built-in sample dataset lives.
 *
 * Shared by the desktop application and pathways-cli --sample. The directory is, in
 * order: $PATHWAYS_SAMPLE_DIR; the installed PATHWAYS_PKGDATADIR/sample; the source
 * tree's data/sample (for the uninstalled program). Open the files with the "sample"
 * mapping preset.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PATHWAYS_SAMPLE_CASES_FILE    "pathways-sample-cases.csv"
#define PATHWAYS_SAMPLE_SERVICES_FILE "pathways-sample-services.csv"
#define PATHWAYS_SAMPLE_MAPPING       "sample"
#define PATHWAYS_SAMPLE_OUTCOMES_FILE     "pathways-sample-outcomes.csv"
#define PATHWAYS_SAMPLE_APPOINTMENTS_FILE "pathways-sample-appointments.csv"

/* The sample directory: $PATHWAYS_SAMPLE_DIR when set (even if it holds nothing), else
 * the first of the installed and the source-tree directories that holds the cases
 * file. NULL when there is none. */
char     *pathways_sample_get_dir   (void);

/* Full paths of the sample's cases and services files. CASES must exist; SERVICES is
 * set to NULL when the services file is missing. On failure sets a G_IO_ERROR_NOT_FOUND
 * error with a message a person understands. Either out argument may be NULL. */
gboolean  pathways_sample_get_paths (char   **cases,
                                     char   **services,
                                     GError **error);

/* Reads the sample's outcomes and appointments files, when the sample directory has
 * them, into DATASET (the sample's cases, just imported). TRUE when there is nothing to
 * read. Defined in pathways-sample-extras.c. */
struct _PathwaysDataset;
gboolean  pathways_sample_load_extras (struct _PathwaysDataset *dataset,
                                       GError                 **error);

G_END_DECLS
