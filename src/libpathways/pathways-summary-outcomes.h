/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-summary-outcomes.h: the "outcomes" section of the summary JSON (spec/cli.md),
 * from the tables of pathways-report-outcomes.h. Private to the core. */
#pragma once

#include <json-glib/json-glib.h>

#include "pathways-report.h"

G_BEGIN_DECLS

/* Adds "outcomes" to the open object of B when REPORT has an outcomes table; K is the
 * disclosure threshold in force (0: none). */
void _pathways_summary_add_outcomes (JsonBuilder    *b,
                                     PathwaysReport *report,
                                     guint           k);

G_END_DECLS
