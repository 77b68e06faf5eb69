/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-summary-profile.h: the "profile" and "appointments" sections of the summary
 * JSON (spec/cli.md), from the tables of pathways-report-profile.h. Private to the core. */
#pragma once

#include <json-glib/json-glib.h>

#include "pathways-report.h"

G_BEGIN_DECLS

/* Adds "profile" to the open object of B when REPORT has profile tables; K is the
 * disclosure threshold in force (0: none). */
void _pathways_summary_add_profile      (JsonBuilder    *b,
                                         PathwaysReport *report,
                                         guint           k);
/* Adds "appointments" when REPORT has appointment tables. */
void _pathways_summary_add_appointments (JsonBuilder    *b,
                                         PathwaysReport *report,
                                         guint           k);

G_END_DECLS
