/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-report-profile.h: the profile and appointment tables of a report (private to
 * the core).
 *
 * Table ids:
 *   profile              (key: field name) one row per value (id: the value): cases,
 *                        percent of the cohort, percent of the recorded; Not recorded last
 *   appointments_sessions   sessions attended per closed case, by band; median in a note
 *                           and in the appointments_summary table
 *   appointments_summary    one row per measure (id): closed cases, median sessions,
 *                           cases with a contact, contacts, contacts per case
 *   appointments_dna        one row per service type: booked, did not attend, percent,
 *                           cancellations (no attended column: booked less did not
 *                           attend would give it, and a hidden count back)
 * The recorded cases of a profile are its base less its Not recorded row.
 * Present only when the fields are mapped (profile) or the dataset has an appointments
 * table (appointments_*).
 */
#pragma once

#include "pathways-filter.h"
#include "pathways-report.h"

G_BEGIN_DECLS

/* Called from pathways_report_new once the measures are computed. */
void _pathways_report_add_profile      (PathwaysReport          *report,
                                        PathwaysMeasuresCache   *cache,
                                        const PathwaysSelection *selection);
void _pathways_report_add_appointments (PathwaysReport          *report,
                                        const PathwaysSelection *selection);

G_END_DECLS
