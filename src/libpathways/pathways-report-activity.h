/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-report-activity.h: the version 2 tables of a report (private to the core).
 *
 * Table ids, present only when the measures options ask for them:
 *   activity                 (key: the unit, "month", "fquarter" or "fyear") one row per
 *                            period (id: "2023-05", "2023-24 Q1", "2023-24")
 *   activity_waiting_list    (key: service type) count and median wait so far per period
 *   targets                  one row per target (id: "contact=2wd")
 *   breakdown_rates          (key: split field) planned-closure rate per group
 *   crosstab                 (key: "ROWS×COLS") count, row and column percents per pair
 * The funnel split by a field is pathways-report.c's funnel_split.
 */
#pragma once

#include "pathways-report.h"

G_BEGIN_DECLS

/* Called from pathways_report_new: start works out the activity, targets and
 * breakdowns REPORT's options ask for (NULL when none), on a thread of its own for a
 * large dataset; add waits for them and adds their tables. REPORT's filter and options,
 * CACHE and SELECTION must stay as they are in between. */
typedef struct _PathwaysReportActivityJob PathwaysReportActivityJob;

PathwaysReportActivityJob *_pathways_report_activity_start (PathwaysReport            *report,
                                                            PathwaysMeasuresCache     *cache,
                                                            const PathwaysSelection   *selection);
void                 _pathways_report_add_activity (PathwaysReport            *report,
                                                    PathwaysReportActivityJob *job);
/* For the tests: the fewest cases whose activity gets a thread (50,000 unless set);
 * returns the one before. */
guint                _pathways_report_set_activity_thread_min (guint min_cases);

/* A table appended to REPORT, built like pathways-report.c's (for funder returns). */
PathwaysReportTable *_pathways_report_table_new    (PathwaysReport          *report,
                                                    const char              *id,
                                                    const char              *key,
                                                    const char              *title,
                                                    PathwaysChartKind        chart,
                                                    const char              *unit);
guint                _pathways_report_add_column   (PathwaysReportTable     *t,
                                                    const char              *id,
                                                    const char              *label,
                                                    PathwaysCellKind         kind);
PathwaysReportRow   *_pathways_report_add_row      (PathwaysReportTable     *t,
                                                    const char              *id);
void                 _pathways_report_cell_set     (PathwaysCell            *cell,
                                                    double                   value,
                                                    const char              *text);
/* Empties REPORT's tables (a funder return replaces them with its own). */
void                 _pathways_report_clear_tables (PathwaysReport          *report);

/* "2023-05", "2023-24 Q1", "2023-24": the JSON's and the rows' period key */
char                *_pathways_activity_period_key (const PathwaysPeriod    *period);

G_END_DECLS
