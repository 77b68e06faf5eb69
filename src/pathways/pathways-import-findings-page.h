/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-findings-page.h: the import assistant's last step: the import's
 * progress with Cancel, then what was imported and the data-quality findings. */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_IMPORT_FINDINGS_PAGE (pathways_import_findings_page_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysImportFindingsPage, pathways_import_findings_page,
                      PATHWAYS, IMPORT_FINDINGS_PAGE, GtkBox)

/* Shows the progress bar at FRACTION (0 to 1) and hides any findings. */
void     pathways_import_findings_page_show_progress (PathwaysImportFindingsPage *self,
                                                      double                      fraction);
void     pathways_import_findings_page_hide_progress (PathwaysImportFindingsPage *self);
/* The counts, the referral dates and the findings of DATASET; NULL: none. */
void     pathways_import_findings_page_set_dataset   (PathwaysImportFindingsPage *self,
                                                      PathwaysDataset            *dataset);
gboolean pathways_import_findings_page_get_progress_visible (PathwaysImportFindingsPage *self);
/* The "Findings" group, one row per kind of finding found. */
AdwPreferencesGroup *pathways_import_findings_page_get_kinds_group (PathwaysImportFindingsPage *self);

G_END_DECLS
