/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-summary-activity.h: the version 2 sections of the summary JSON ("activity",
 * "targets", "breakdowns", "crosstabs"; spec/cli.md), from the tables of
 * pathways-report-activity.h. Private to the core. */
#pragma once

#include <json-glib/json-glib.h>

#include "pathways-report.h"

G_BEGIN_DECLS

/* Adds the sections REPORT has tables for, as members of the open object of B; K is
 * the disclosure threshold in force (0: none). */
void _pathways_summary_add_activity (JsonBuilder    *b,
                                     PathwaysReport *report,
                                     guint           k);

G_END_DECLS
