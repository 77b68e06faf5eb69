/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-assistant.h: the steps from a new export to a dataset
 * (design/ux.md "Import assistant"): files and sheet, preview, columns, values,
 * data-quality findings (the import itself, in a worker thread), then Import. Each step
 * is a page with a template of its own (pathways-import-*-page.h); what they show
 * before the import is read by a PathwaysImportPreview. */
#pragma once

#include <adwaita.h>

#include "pathways.h"
/* pathways_column_looks_identifying() lives in the core now, with the preview */
#include "pathways-import-preview.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_IMPORT_ASSISTANT (pathways_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysImportAssistant, pathways_import_assistant,
                      PATHWAYS, IMPORT_ASSISTANT, AdwWindow)

typedef void (*PathwaysImportDoneFunc) (PathwaysDataset *dataset,
                                        gpointer         user_data);

/* CASES_PATH: a CSV or XLSX export; SERVICES_PATH (nullable): its service export.
 * DATE_ORDER (the preferences'): the answer proposed when a date column reads either
 * way (DMY or MDY), or AUTO to propose none: the columns step then asks.
 * DONE is called with the dataset when the person presses Import. */
PathwaysImportAssistant *pathways_import_assistant_new (GtkWindow              *parent,
                                                        const char             *cases_path,
                                                        const char             *services_path,
                                                        PathwaysDateOrder       date_order,
                                                        PathwaysImportDoneFunc  done,
                                                        gpointer                user_data);

/* "files", "preview", "columns", "values" or "findings" */
const char      *pathways_import_assistant_get_page       (PathwaysImportAssistant *self);
/* Next / Back as the buttons do; FALSE when the step cannot be left yet. */
gboolean         pathways_import_assistant_next           (PathwaysImportAssistant *self);
void             pathways_import_assistant_back           (PathwaysImportAssistant *self);
/* TRUE while reading values or importing in the worker thread. */
gboolean         pathways_import_assistant_is_busy        (PathwaysImportAssistant *self);
/* The mapping as the pages show it now (a new object). */
PathwaysMapping *pathways_import_assistant_get_mapping    (PathwaysImportAssistant *self);
/* The answer proposed to date questions, as DATE_ORDER of _new(); before the columns
 * step is reached. */
void             pathways_import_assistant_set_date_order (PathwaysImportAssistant *self,
                                                           PathwaysDateOrder        order);
/* The optional outcomes file (questionnaire answers) read after the cases, as if
 * chosen on the files step; NULL for none. */
void             pathways_import_assistant_set_outcomes_path (PathwaysImportAssistant *self,
                                                              const char              *path);
/* The dataset of the findings step, or NULL before it is imported. */
PathwaysDataset *pathways_import_assistant_get_dataset    (PathwaysImportAssistant *self);
/* Saves the mapping under this name (empty: not saved) when Import is pressed. */
void             pathways_import_assistant_set_mapping_name (PathwaysImportAssistant *self,
                                                             const char              *name);
/* Chooses the saved mapping called NAME on the files step; FALSE when there is none. */
gboolean         pathways_import_assistant_select_saved   (PathwaysImportAssistant *self,
                                                           const char              *name);
/* The columns step's choice for FIELD, or NULL before that step or for a service
 * field without a service export. */
AdwComboRow     *pathways_import_assistant_get_field_row  (PathwaysImportAssistant *self,
                                                           PathwaysField            field);
/* The values step's entry for SOURCE (a value of FIELD in the export), or NULL. */
AdwEntryRow     *pathways_import_assistant_get_value_row  (PathwaysImportAssistant *self,
                                                           PathwaysField            field,
                                                           const char              *source);
/* Why the first step refused the files (an empty, header-only or binary file, or one
 * that cannot be read), as the dialog said it; NULL when they were not refused. */
const char      *pathways_import_assistant_get_refusal    (PathwaysImportAssistant *self);
/* Import: saves the mapping, hands the dataset over, closes. FALSE when not ready. */
gboolean         pathways_import_assistant_finish         (PathwaysImportAssistant *self);

/* g_get_user_data_dir()/pathways/mappings */
char            *pathways_saved_mappings_dir              (void);
/* A file name for a mapping name: "NYC 311" → "nyc-311.json" */
char            *pathways_mapping_file_name               (const char *name);

/* Shared with the window's dataset page, which shows the same summary: */
/* A row with TITLE, an optional SUBTITLE and COUNT (optional) at its end, as plain text. */
GtkWidget       *pathways_count_row_new                   (const char *title,
                                                           const char *subtitle,
                                                           const char *count);

G_END_DECLS
