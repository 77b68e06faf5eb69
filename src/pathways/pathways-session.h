/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-session.h: what one window shows, apart from how it shows it.
 *
 * A session holds the dataset and its PathwaysAnalysis, the filter, the report of that
 * filter, the compare report, the workspace the dataset came from and the one
 * disclosure policy every output of the window uses (read from the workspace's saved
 * report options; for the sample or an unsaved import, the defaults seeded by the
 * preferences). Pages bind to its properties ("dataset", "report", "compare-report",
 * "workspace-path", "policy"); the report is rebuilt, through the analysis, when the
 * filter or the measures options change. Setters notify only on a change.
 */
#pragma once

#include "pathways.h"
#include "pathways-analysis.h"
#include "pathways-disclosure-policy.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_SESSION (pathways_session_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysSession, pathways_session, PATHWAYS, SESSION, GObject)

PathwaysSession  *pathways_session_new                 (void);

/* A new dataset (ANALYSIS's; NULL: none): the filter is cleared, the workspace path,
 * the source files, the report and the compare report are dropped, until
 * pathways_session_rebuild() or pathways_session_set_report(). */
void              pathways_session_set_analysis        (PathwaysSession  *self,
                                                        PathwaysAnalysis *analysis);
PathwaysAnalysis *pathways_session_get_analysis        (PathwaysSession  *self);
PathwaysDataset  *pathways_session_get_dataset         (PathwaysSession  *self);

/* The filter in force, owned by the session. Change it, then call
 * pathways_session_filter_changed(), or replace it with pathways_session_set_filter(). */
PathwaysFilter   *pathways_session_get_filter          (PathwaysSession  *self);
void              pathways_session_set_filter          (PathwaysSession      *self,
                                                        const PathwaysFilter *filter);
/* Emits "filter-changed" and rebuilds the report. */
void              pathways_session_filter_changed      (PathwaysSession  *self);

/* The measures options of the session's reports (split, targets ...): the report is
 * rebuilt when they differ from the ones in force (TRUE then). */
gboolean          pathways_session_set_measures_options (PathwaysSession               *self,
                                                         const PathwaysMeasuresOptions *options);
/* Rebuilds the report from the filter and the options (notify::report). */
void              pathways_session_rebuild             (PathwaysSession  *self);
PathwaysReport   *pathways_session_get_report          (PathwaysSession  *self);
/* A report built elsewhere (by a worker thread, with the analysis) for the filter and
 * the options in force; a reference is taken. */
void              pathways_session_set_report          (PathwaysSession  *self,
                                                        PathwaysReport   *report);
/* The current report's cohort without FIELD's own filter (a chart of the field a
 * click filters by keeps its other values, the chosen one highlighted): built once per
 * report and field, through the analysis; the current report when its filter has no
 * values of FIELD; NULL without a report. Owned by the session. */
PathwaysReport   *pathways_session_get_report_without  (PathwaysSession  *self,
                                                        PathwaysField     field);
/* The same without the filter's journey stage (the funnel keeps every stage, the
 * chosen one highlighted); the current report when no stage is set. */
PathwaysReport   *pathways_session_get_report_without_stage (PathwaysSession *self);
/* How many reports the session has had since it started (for the tests). */
guint             pathways_session_get_n_reports       (PathwaysSession  *self);
/* The report of FILTER with the default measures options (a compare side). */
PathwaysReport   *pathways_session_run_default         (PathwaysSession      *self,
                                                        const PathwaysFilter *filter);

PathwaysReport   *pathways_session_get_compare_report  (PathwaysSession  *self);
void              pathways_session_set_compare_report  (PathwaysSession  *self,
                                                        PathwaysReport   *report);

/* The workspace the dataset was opened from or saved to, or NULL. Setting it reads
 * the report options saved there, which become the session's policy and options. */
const char       *pathways_session_get_workspace_path  (PathwaysSession  *self);
void              pathways_session_set_workspace_path  (PathwaysSession  *self,
                                                        const char       *path,
                                                        GError          **error);

/* The one disclosure policy of every output of the window. */
const PathwaysDisclosurePolicy *
                  pathways_session_get_policy          (PathwaysSession                *self);
void              pathways_session_set_policy          (PathwaysSession                *self,
                                                        const PathwaysDisclosurePolicy *policy);
/* The policy of a dataset with no saved options: the defaults with threshold K. */
void              pathways_session_set_default_threshold (PathwaysSession *self,
                                                          guint            threshold);
/* The report options the export dialog starts from: the workspace's saved ones, or
 * this session's last ones, or NULL (the defaults, with the policy). */
const PathwaysExportOptions *
                  pathways_session_get_export_options  (PathwaysSession             *self);
/* Keeps OPTIONS (copied) for the next export; the policy follows them. */
void              pathways_session_set_export_options  (PathwaysSession             *self,
                                                        const PathwaysExportOptions *options);
/* The files the dataset was imported from (NULL: none, or a workspace's). */
void              pathways_session_set_sources         (PathwaysSession  *self,
                                                        const char       *cases_path,
                                                        const char       *services_path);
/* The paths an output must not overwrite: the workspace and the dataset's source
 * files (NULL-terminated, owned by the session). */
const char * const *
                  pathways_session_get_inputs          (PathwaysSession  *self);

G_END_DECLS
