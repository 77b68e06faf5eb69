/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-analysis"

#include "config.h"

#include "pathways-analysis.h"
#include "pathways-disclosure-keys.h"

struct _PathwaysAnalysis
{
  GObject                  parent_instance;

  PathwaysDataset         *dataset;
  PathwaysMeasuresOptions  options;
  /* guards the cache: built once, then used by one report at a time */
  GMutex                   mutex;
  PathwaysMeasuresCache   *cache;
};

G_DEFINE_FINAL_TYPE (PathwaysAnalysis, pathways_analysis, G_TYPE_OBJECT)

static void
pathways_analysis_finalize (GObject *object)
{
  PathwaysAnalysis *self = PATHWAYS_ANALYSIS (object);

  g_clear_pointer (&self->cache, pathways_measures_cache_free);
  g_clear_pointer (&self->dataset, pathways_dataset_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pathways_analysis_parent_class)->finalize (object);
}

static void
pathways_analysis_class_init (PathwaysAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pathways_analysis_finalize;
}

static void
pathways_analysis_init (PathwaysAnalysis *self)
{
  g_mutex_init (&self->mutex);
  pathways_measures_options_init (&self->options);
}

PathwaysAnalysis *
pathways_analysis_new (PathwaysDataset *dataset)
{
  PathwaysAnalysis *self;

  g_return_val_if_fail (dataset != NULL, NULL);

  self = g_object_new (PATHWAYS_TYPE_ANALYSIS, NULL);
  self->dataset = pathways_dataset_ref (dataset);
  return self;
}

PathwaysDataset *
pathways_analysis_get_dataset (PathwaysAnalysis *self)
{
  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (self), NULL);

  return self->dataset;
}

/* Called with the mutex held. */
static PathwaysMeasuresCache *
ensure_cache (PathwaysAnalysis *self)
{
  if (self->cache == NULL)
    self->cache = pathways_measures_cache_new (self->dataset);
  return self->cache;
}

void
pathways_analysis_prepare (PathwaysAnalysis *self)
{
  g_return_if_fail (PATHWAYS_IS_ANALYSIS (self));

  g_mutex_lock (&self->mutex);
  ensure_cache (self);
  g_mutex_unlock (&self->mutex);
}

void
pathways_analysis_get_totals (PathwaysAnalysis *self,
                              guint            *n_closed,
                              guint            *n_persons,
                              gint32           *first_referral,
                              gint32           *last_referral)
{
  g_return_if_fail (PATHWAYS_IS_ANALYSIS (self));

  g_mutex_lock (&self->mutex);
  pathways_measures_cache_get_totals (ensure_cache (self), n_closed, n_persons,
                                      first_referral, last_referral);
  g_mutex_unlock (&self->mutex);
}

const PathwaysMeasuresOptions *
pathways_analysis_get_measures_options (PathwaysAnalysis *self)
{
  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (self), NULL);

  return &self->options;
}

void
pathways_analysis_set_measures_options (PathwaysAnalysis              *self,
                                        const PathwaysMeasuresOptions *options)
{
  g_return_if_fail (PATHWAYS_IS_ANALYSIS (self));
  g_return_if_fail (options != NULL);

  g_mutex_lock (&self->mutex);
  self->options = *options;
  g_mutex_unlock (&self->mutex);
}

gboolean
pathways_analysis_validate (PathwaysAnalysis      *self,
                            const PathwaysFilter  *filter,
                            GError               **error)
{
  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  return pathways_filter_validate (filter, self->dataset, error);
}

PathwaysReport *
pathways_analysis_run_with_options (PathwaysAnalysis              *self,
                                    const PathwaysFilter          *filter,
                                    const PathwaysMeasuresOptions *options)
{
  g_autoptr(PathwaysFilter) empty = NULL;
  PathwaysReportOptions report_options;
  PathwaysReport *report;

  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (filter == NULL)
    filter = empty = pathways_filter_new ();
  pathways_report_options_init (&report_options);
  report_options.measures = *options;

  g_mutex_lock (&self->mutex);
  report_options.cache = ensure_cache (self);
  report = pathways_report_new (self->dataset, filter, &report_options);
  g_mutex_unlock (&self->mutex);
  /* a protected copy gets its cell keys from this analysis's cache */
  report->analysis = g_object_ref (self);
  return report;
}

gboolean
_pathways_analysis_add_cell_keys (gpointer        analysis,
                                  PathwaysReport *report)
{
  PathwaysAnalysis *self = analysis;
  gboolean complete;

  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  complete = _pathways_disclosure_compute_cell_keys (report, ensure_cache (self));
  g_mutex_unlock (&self->mutex);
  return complete;
}

PathwaysReport *
pathways_analysis_run (PathwaysAnalysis     *self,
                       const PathwaysFilter *filter)
{
  PathwaysMeasuresOptions options;

  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (self), NULL);

  g_mutex_lock (&self->mutex);
  options = self->options;
  g_mutex_unlock (&self->mutex);
  return pathways_analysis_run_with_options (self, filter, &options);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PathwaysAnalysis *self = source_object;
  PathwaysReport *report;

  if (g_task_return_error_if_cancelled (task))
    return;
  report = pathways_analysis_run (self, task_data);
  g_task_return_pointer (task, report, (GDestroyNotify) pathways_report_unref);
}

void
pathways_analysis_run_async (PathwaysAnalysis     *self,
                             const PathwaysFilter *filter,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PATHWAYS_IS_ANALYSIS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pathways_analysis_run_async);
  g_task_set_task_data (task, filter != NULL ? pathways_filter_copy (filter) : pathways_filter_new (),
                        (GDestroyNotify) pathways_filter_free);
  g_task_run_in_thread (task, run_thread);
}

PathwaysReport *
pathways_analysis_run_finish (PathwaysAnalysis  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
