/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-preview-page.h: the import assistant's second step: the first rows of
 * the export as a PathwaysImportPreview read them. */
#pragma once

#include <gtk/gtk.h>

#include "pathways.h"
#include "pathways-import-preview.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_IMPORT_PREVIEW_PAGE (pathways_import_preview_page_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysImportPreviewPage, pathways_import_preview_page,
                      PATHWAYS, IMPORT_PREVIEW_PAGE, GtkBox)

/* Shows the sample rows of PREVIEW, read from CASES_PATH. */
void pathways_import_preview_page_set_preview (PathwaysImportPreviewPage *self,
                                               PathwaysImportPreview     *preview,
                                               const char                *cases_path);
/* The cell grid: the header on row 0, sample row R on row R + 1. */
GtkGrid *pathways_import_preview_page_get_grid (PathwaysImportPreviewPage *self);

G_END_DECLS
