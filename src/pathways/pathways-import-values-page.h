/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-values-page.h: the import assistant's fourth step: each value of
 * referral source, primary incident and closure reason found in the export, how many
 * rows have it, the value it is reported as and (closure reasons) its class. */
#pragma once

#include <adwaita.h>

#include "pathways.h"
#include "pathways-import-preview.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_IMPORT_VALUES_PAGE (pathways_import_values_page_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysImportValuesPage, pathways_import_values_page,
                      PATHWAYS, IMPORT_VALUES_PAGE, AdwBin)

/* A spinner while the values are read; the rows of an earlier reading are dropped. */
void         pathways_import_values_page_set_loading   (PathwaysImportValuesPage *self);
/* The values PREVIEW counted (every row, with MAPPING's groupings) for the columns
 * MAPPING reads the grouped fields from. */
void         pathways_import_values_page_set_preview   (PathwaysImportValuesPage *self,
                                                        PathwaysImportPreview    *preview,
                                                        PathwaysMapping          *mapping);
/* "loading", "empty" or "values" */
const char  *pathways_import_values_page_get_state     (PathwaysImportValuesPage *self);
/* The entry for SOURCE (a value of FIELD in the export), or NULL. */
AdwEntryRow *pathways_import_values_page_get_value_row (PathwaysImportValuesPage *self,
                                                        PathwaysField             field,
                                                        const char               *source);
/* Writes the groupings and closure classes typed here into MAPPING. */
void         pathways_import_values_page_apply         (PathwaysImportValuesPage *self,
                                                        PathwaysMapping          *mapping);

G_END_DECLS
