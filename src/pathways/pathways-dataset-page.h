/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-dataset-page.h: what a dataset holds (cases, services, open and closed
 * cases, the referral dates, the snapshot date) and what its import noticed; its own
 * template, ui/pathways-dataset-page.ui. */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_DATASET_PAGE (pathways_dataset_page_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysDatasetPage, pathways_dataset_page, PATHWAYS, DATASET_PAGE, GtkBox)

/* Shows ANALYSIS's dataset (its totals come from the analysis's measures cache). */
void pathways_dataset_page_set_analysis (PathwaysDatasetPage *self,
                                         PathwaysAnalysis    *analysis);

G_END_DECLS
