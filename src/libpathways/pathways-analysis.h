/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-analysis.h: dataset + filter + options → report, the one way to a report.
 *
 * The window's session and pathways-cli both ask an analysis for their reports; nothing
 * else calls pathways_report_new() or reads the measures cache to work out a figure.
 * An analysis owns the dataset's measures cache (built once, about 0.4 s at a million
 * cases: call pathways_analysis_prepare() or the async run from a worker thread) and
 * the measures options (population, split field, targets). Reports are exact; outputs
 * protect them (pathways-output.h).
 *
 * One report is computed at a time (the cache is not shared between threads): runs
 * from several threads are serialised.
 */
#pragma once

#include <gio/gio.h>

#include "pathways-dataset.h"
#include "pathways-filter.h"
#include "pathways-measures.h"
#include "pathways-report.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_ANALYSIS (pathways_analysis_get_type ())

G_DECLARE_FINAL_TYPE (PathwaysAnalysis, pathways_analysis, PATHWAYS, ANALYSIS, GObject)

PathwaysAnalysis *pathways_analysis_new                  (PathwaysDataset               *dataset);
PathwaysDataset  *pathways_analysis_get_dataset          (PathwaysAnalysis              *self);
/* Builds the measures cache now (any thread); later runs reuse it. */
void              pathways_analysis_prepare              (PathwaysAnalysis              *self);
/* Whole-dataset figures from the cache (prepared on first use). */
void              pathways_analysis_get_totals           (PathwaysAnalysis              *self,
                                                          guint                         *n_closed,
                                                          guint                         *n_persons,
                                                          gint32                        *first_referral,
                                                          gint32                        *last_referral);
const PathwaysMeasuresOptions *
                  pathways_analysis_get_measures_options (PathwaysAnalysis              *self);
void              pathways_analysis_set_measures_options (PathwaysAnalysis              *self,
                                                          const PathwaysMeasuresOptions *options);
/* Checks FILTER against the dataset (every field mapped, every value known). */
gboolean          pathways_analysis_validate             (PathwaysAnalysis              *self,
                                                          const PathwaysFilter          *filter,
                                                          GError                       **error);
/* The exact report of FILTER (NULL: everything) with the analysis's options. */
PathwaysReport   *pathways_analysis_run                  (PathwaysAnalysis              *self,
                                                          const PathwaysFilter          *filter);
/* The same with other measures options for this one report (a compare side, a split). */
PathwaysReport   *pathways_analysis_run_with_options     (PathwaysAnalysis              *self,
                                                          const PathwaysFilter          *filter,
                                                          const PathwaysMeasuresOptions *options);
/* In a worker thread; FILTER is copied. */
void              pathways_analysis_run_async            (PathwaysAnalysis              *self,
                                                          const PathwaysFilter          *filter,
                                                          GCancellable                  *cancellable,
                                                          GAsyncReadyCallback            callback,
                                                          gpointer                       user_data);
PathwaysReport   *pathways_analysis_run_finish           (PathwaysAnalysis              *self,
                                                          GAsyncResult                  *result,
                                                          GError                       **error);
/* Gives the count cells of REPORT (made by ANALYSIS, exact) their cell keys, with
 * the analysis's measures cache (pathways-disclosure-keys.h); FALSE when some table
 * could not be keyed. */
gboolean          _pathways_analysis_add_cell_keys       (gpointer                       analysis,
                                                          PathwaysReport                *report);

G_END_DECLS
