/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-columns-page.h: the import assistant's third step: the column each
 * field is read from, whether dates that read either way are day or month first (asked
 * under the date's row), the columns left out (and which of them could identify
 * someone), and the name the choices are saved under. */
#pragma once

#include <adwaita.h>

#include "pathways.h"
#include "pathways-import-preview.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_IMPORT_COLUMNS_PAGE (pathways_import_columns_page_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysImportColumnsPage, pathways_import_columns_page,
                      PATHWAYS, IMPORT_COLUMNS_PAGE, AdwBin)

/* Proposes PREVIEW's mapping for its columns; the name offered is the mapping's, else
 * CASES_PATH's base name without its extension. */
void         pathways_import_columns_page_set_preview    (PathwaysImportColumnsPage *self,
                                                          PathwaysImportPreview     *preview,
                                                          const char                *cases_path);
/* The choice for FIELD, or NULL before set_preview() or for a service field without
 * a service export. */
AdwComboRow *pathways_import_columns_page_get_field_row  (PathwaysImportColumnsPage *self,
                                                          PathwaysField              field);
/* The "Other Columns" row of COLUMN (a header name), or NULL when it is imported. */
AdwActionRow *pathways_import_columns_page_get_other_row (PathwaysImportColumnsPage *self,
                                                          const char                *column);
/* Writes the chosen columns and the name into MAPPING. */
void         pathways_import_columns_page_apply          (PathwaysImportColumnsPage *self,
                                                          PathwaysMapping           *mapping);
void         pathways_import_columns_page_set_name       (PathwaysImportColumnsPage *self,
                                                          const char                *name);
/* The answer proposed to a date question before any is given: DMY, MDY, or AUTO for
 * none (the preferences' date order). Takes effect at the next set_preview(). */
void         pathways_import_columns_page_set_date_order (PathwaysImportColumnsPage *self,
                                                          PathwaysDateOrder          order);
/* The question shown under FIELD's row when its column's dates read either way
 * (05/01/2022), with its two answers (nullable out-arguments); NULL when not asked. */
AdwExpanderRow *pathways_import_columns_page_get_date_question (PathwaysImportColumnsPage *self,
                                                                PathwaysField              field,
                                                                GtkCheckButton           **day_first,
                                                                GtkCheckButton           **month_first);
/* The answers that every row, read in FULL (a preview of all rows), shows to be wrong
 * (a later date such as 25/01/2022 settles the column) are changed to the order the
 * dates have; a sentence saying so, or NULL when none was. */
char        *pathways_import_columns_page_settle_dates   (PathwaysImportColumnsPage *self,
                                                          PathwaysImportPreview     *full);
/* A date field whose question has no answer (the question focused), or
 * PATHWAYS_N_FIELDS. */
PathwaysField pathways_import_columns_page_check_dates   (PathwaysImportColumnsPage *self);
/* A needed field without a column (its row focused), or PATHWAYS_N_FIELDS. */
PathwaysField pathways_import_columns_page_check_required (PathwaysImportColumnsPage *self);

G_END_DECLS
