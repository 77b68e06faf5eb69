/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-file-page.h: the import assistant's first step: the export's files,
 * its sheet, the columns to read (detected, saved or a preset) and an optional
 * outcomes file. Dates that read
 * either way are asked about on the columns step, beside their column. */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_IMPORT_FILE_PAGE (pathways_import_file_page_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysImportFilePage, pathways_import_file_page,
                      PATHWAYS, IMPORT_FILE_PAGE, AdwBin)

/* Shows CASES_PATH and SERVICES_PATH (nullable), with the sheets of a workbook. */
void               pathways_import_file_page_set_files      (PathwaysImportFilePage *self,
                                                             const char             *cases_path,
                                                             const char             *services_path);
/* The sheet chosen, or NULL for a file without sheets. */
const char        *pathways_import_file_page_get_sheet      (PathwaysImportFilePage *self);
/* The optional outcomes file (questionnaire answers), or NULL. */
const char        *pathways_import_file_page_get_outcomes_path (PathwaysImportFilePage *self);
void               pathways_import_file_page_set_outcomes_path (PathwaysImportFilePage *self,
                                                                const char             *path);
/* NULL to detect the columns, else a preset name or a saved mapping's file. */
const char        *pathways_import_file_page_get_mapping_argument (PathwaysImportFilePage *self);
/* Chooses the saved mapping called NAME; FALSE when there is none. */
gboolean           pathways_import_file_page_select_saved   (PathwaysImportFilePage *self,
                                                             const char             *name);

G_END_DECLS
