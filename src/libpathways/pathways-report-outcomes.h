/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-report-outcomes.h: the outcome tables of a report (private to the core).
 *
 * Table ids, present only when the dataset has an outcomes table:
 *   outcomes              one row per measure (id: "INSTRUMENT: ITEM"): paired n,
 *                         completion by closure class, means, change and its interval,
 *                         improved/same/worse and the clinical counts
 *   outcome_distribution  (key: the row id of outcomes) answers at start and at end of
 *                         the paired cases, by value or band
 */
#pragma once

#include "pathways-filter.h"
#include "pathways-report.h"

G_BEGIN_DECLS

/* Called from pathways_report_new once the measures are computed. */
void _pathways_report_add_outcomes (PathwaysReport          *report,
                                    const PathwaysSelection *selection);

G_END_DECLS
