/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-session"

#include "config.h"

#include <string.h>

#include "pathways-session.h"

struct _PathwaysSession
{
  GObject                   parent_instance;

  PathwaysAnalysis         *analysis;
  PathwaysFilter           *filter;
  PathwaysReport           *report;
  GHashTable               *without;    /* field -> report of the cohort without its filter */
  guint                     n_reports;
  PathwaysReport           *compare_report;
  char                     *workspace_path;
  char                     *sources[2];
  const char               *inputs[4];
  PathwaysExportOptions    *export_options;  /* NULL: the defaults */
  guint                     default_threshold;
  PathwaysDisclosurePolicy  policy;
};

G_DEFINE_FINAL_TYPE (PathwaysSession, pathways_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ANALYSIS,
  PROP_REPORT,
  PROP_COMPARE_REPORT,
  PROP_WORKSPACE_PATH,
  PROP_POLICY,
  N_PROPS
};

enum {
  SIGNAL_FILTER_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pathways_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PathwaysSession *self = PATHWAYS_SESSION (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS:
      g_value_set_object (value, self->analysis);
      break;
    case PROP_REPORT:
      g_value_set_pointer (value, self->report);
      break;
    case PROP_COMPARE_REPORT:
      g_value_set_pointer (value, self->compare_report);
      break;
    case PROP_WORKSPACE_PATH:
      g_value_set_string (value, self->workspace_path);
      break;
    case PROP_POLICY:
      g_value_set_pointer (value, &self->policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_session_finalize (GObject *object)
{
  PathwaysSession *self = PATHWAYS_SESSION (object);

  g_clear_object (&self->analysis);
  g_clear_pointer (&self->filter, pathways_filter_free);
  g_clear_pointer (&self->report, pathways_report_unref);
  g_clear_pointer (&self->without, g_hash_table_unref);
  g_clear_pointer (&self->compare_report, pathways_report_unref);
  g_clear_pointer (&self->workspace_path, g_free);
  g_clear_pointer (&self->sources[0], g_free);
  g_clear_pointer (&self->sources[1], g_free);
  g_clear_pointer (&self->export_options, pathways_export_options_free);

  G_OBJECT_CLASS (pathways_session_parent_class)->finalize (object);
}

static void
pathways_session_class_init (PathwaysSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pathways_session_get_property;
  object_class->finalize = pathways_session_finalize;

  properties[PROP_ANALYSIS] =
    g_param_spec_object ("analysis", NULL, NULL, PATHWAYS_TYPE_ANALYSIS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* PathwaysReport*, owned by the session */
  properties[PROP_REPORT] =
    g_param_spec_pointer ("report", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARE_REPORT] =
    g_param_spec_pointer ("compare-report", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKSPACE_PATH] =
    g_param_spec_string ("workspace-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* const PathwaysDisclosurePolicy* */
  properties[PROP_POLICY] =
    g_param_spec_pointer ("policy", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FILTER_CHANGED] =
    g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pathways_session_init (PathwaysSession *self)
{
  self->filter = pathways_filter_new ();
  self->default_threshold = PATHWAYS_DISCLOSURE_DEFAULT_THRESHOLD;
  pathways_disclosure_policy_init (&self->policy);
}

PathwaysSession *
pathways_session_new (void)
{
  return g_object_new (PATHWAYS_TYPE_SESSION, NULL);
}

static void
set_report (PathwaysSession *self,
            PathwaysReport  *report)
{
  if (report != NULL)
    pathways_report_ref (report);
  g_clear_pointer (&self->report, pathways_report_unref);
  self->report = report;
  if (self->without != NULL)
    g_hash_table_remove_all (self->without);
  if (report != NULL)
    self->n_reports++;
  /* a new report is a change even when it has the same figures */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

void
pathways_session_set_analysis (PathwaysSession  *self,
                               PathwaysAnalysis *analysis)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));
  g_return_if_fail (analysis == NULL || PATHWAYS_IS_ANALYSIS (analysis));

  pathways_filter_clear (self->filter);
  pathways_session_set_compare_report (self, NULL);
  if (self->workspace_path != NULL)
    {
      g_clear_pointer (&self->workspace_path, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_PATH]);
    }
  pathways_session_set_sources (self, NULL, NULL);
  if (g_set_object (&self->analysis, analysis))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
  g_clear_pointer (&self->report, pathways_report_unref);
  if (self->without != NULL)
    g_hash_table_remove_all (self->without);
}

PathwaysAnalysis *
pathways_session_get_analysis (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  return self->analysis;
}

PathwaysDataset *
pathways_session_get_dataset (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  return self->analysis != NULL ? pathways_analysis_get_dataset (self->analysis) : NULL;
}

PathwaysFilter *
pathways_session_get_filter (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  return self->filter;
}

void
pathways_session_set_filter (PathwaysSession      *self,
                             const PathwaysFilter *filter)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));
  g_return_if_fail (filter != NULL);

  if (filter != self->filter)
    {
      pathways_filter_free (self->filter);
      self->filter = pathways_filter_copy (filter);
    }
  pathways_session_filter_changed (self);
}

void
pathways_session_filter_changed (PathwaysSession *self)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));

  g_signal_emit (self, signals[SIGNAL_FILTER_CHANGED], 0);
  pathways_session_rebuild (self);
}

static gboolean
same_measures_options (const PathwaysMeasuresOptions *a,
                       const PathwaysMeasuresOptions *b)
{
  return a->population == b->population && a->split_field == b->split_field &&
         a->trend_unit == b->trend_unit &&
         memcmp (&a->bands, &b->bands, sizeof a->bands) == 0 &&
         memcmp (a->target_days, b->target_days, sizeof a->target_days) == 0 &&
         a->activity == b->activity && a->n_targets == b->n_targets &&
         memcmp (a->targets, b->targets, sizeof a->targets) == 0;
}

gboolean
pathways_session_set_measures_options (PathwaysSession               *self,
                                       const PathwaysMeasuresOptions *options)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (self->analysis == NULL ||
      same_measures_options (pathways_analysis_get_measures_options (self->analysis), options))
    return FALSE;
  pathways_analysis_set_measures_options (self->analysis, options);
  pathways_session_rebuild (self);
  return TRUE;
}

void
pathways_session_rebuild (PathwaysSession *self)
{
  g_autoptr(PathwaysReport) report = NULL;

  g_return_if_fail (PATHWAYS_IS_SESSION (self));

  if (self->analysis == NULL)
    return;
  report = pathways_analysis_run (self->analysis, self->filter);
  set_report (self, report);
}

PathwaysReport *
pathways_session_get_report (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  return self->report;
}

void
pathways_session_set_report (PathwaysSession *self,
                             PathwaysReport  *report)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));
  g_return_if_fail (report != NULL);

  set_report (self, report);
}

PathwaysReport *
pathways_session_get_report_without (PathwaysSession *self,
                                     PathwaysField    field)
{
  g_autoptr(PathwaysFilter) filter = NULL;
  PathwaysReport *report;

  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  if (self->report == NULL || self->analysis == NULL || self->report->filter == NULL ||
      !pathways_filter_has_field (self->report->filter, field))
    return self->report;
  if (self->without == NULL)
    self->without = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) pathways_report_unref);
  report = g_hash_table_lookup (self->without, GINT_TO_POINTER (field));
  if (report == NULL)
    {
      filter = pathways_filter_copy (self->report->filter);
      pathways_filter_clear_field (filter, field);
      report = pathways_analysis_run (self->analysis, filter);
      g_hash_table_insert (self->without, GINT_TO_POINTER (field), report);
    }
  return report;
}

/* The key of the report without the stage in the cache of reports without a filter. */
#define WITHOUT_STAGE (-1)

PathwaysReport *
pathways_session_get_report_without_stage (PathwaysSession *self)
{
  g_autoptr(PathwaysFilter) filter = NULL;
  PathwaysReport *report;

  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  if (self->report == NULL || self->analysis == NULL || self->report->filter == NULL ||
      pathways_filter_get_stage (self->report->filter) == NULL)
    return self->report;
  if (self->without == NULL)
    self->without = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) pathways_report_unref);
  report = g_hash_table_lookup (self->without, GINT_TO_POINTER (WITHOUT_STAGE));
  if (report == NULL)
    {
      filter = pathways_filter_copy (self->report->filter);
      pathways_filter_set_stage (filter, NULL, NULL);
      report = pathways_analysis_run (self->analysis, filter);
      g_hash_table_insert (self->without, GINT_TO_POINTER (WITHOUT_STAGE), report);
    }
  return report;
}

guint
pathways_session_get_n_reports (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), 0);

  return self->n_reports;
}

PathwaysReport *
pathways_session_run_default (PathwaysSession      *self,
                              const PathwaysFilter *filter)
{
  PathwaysMeasuresOptions options;

  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);
  g_return_val_if_fail (self->analysis != NULL, NULL);

  pathways_measures_options_init (&options);
  return pathways_analysis_run_with_options (self->analysis, filter, &options);
}

PathwaysReport *
pathways_session_get_compare_report (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  return self->compare_report;
}

void
pathways_session_set_compare_report (PathwaysSession *self,
                                     PathwaysReport  *report)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));

  if (report == self->compare_report)
    return;
  if (report != NULL)
    pathways_report_ref (report);
  g_clear_pointer (&self->compare_report, pathways_report_unref);
  self->compare_report = report;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE_REPORT]);
}

const char *
pathways_session_get_workspace_path (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  return self->workspace_path;
}

static void
update_policy (PathwaysSession *self)
{
  PathwaysDisclosurePolicy policy;

  if (self->export_options != NULL)
    pathways_disclosure_policy_from_options (&policy, self->export_options);
  else
    {
      pathways_disclosure_policy_init (&policy);
      policy.threshold = self->default_threshold;
    }
  if (memcmp (&policy, &self->policy, sizeof policy) == 0)
    return;
  self->policy = policy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

/* The options saved in the workspace become the session's: its policy with them. A
 * workspace with none (one just saved) keeps the session's. */
void
pathways_session_set_workspace_path (PathwaysSession  *self,
                                     const char       *path,
                                     GError          **error)
{
  g_autofree char *json = NULL;

  g_return_if_fail (PATHWAYS_IS_SESSION (self));

  if (g_strcmp0 (path, self->workspace_path) != 0)
    {
      g_free (self->workspace_path);
      self->workspace_path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_PATH]);
    }
  if (path == NULL)
    return;
  json = pathways_workspace_get_setting (path, PATHWAYS_EXPORT_OPTIONS_SETTING, error);
  if (json != NULL)
    {
      g_autoptr(PathwaysExportOptions) saved = pathways_export_options_new_from_json (json, error);

      if (saved != NULL)
        pathways_session_set_export_options (self, saved);
    }
}

const PathwaysDisclosurePolicy *
pathways_session_get_policy (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  return &self->policy;
}

void
pathways_session_set_policy (PathwaysSession                *self,
                             const PathwaysDisclosurePolicy *policy)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));
  g_return_if_fail (policy != NULL);

  if (self->export_options != NULL)
    pathways_disclosure_policy_to_options (policy, self->export_options);
  else if (policy->method == PATHWAYS_PROTECTION_PERTURB && !policy->round5)
    self->default_threshold = policy->threshold;
  else
    {
      self->export_options = pathways_export_options_new ();
      pathways_disclosure_policy_to_options (policy, self->export_options);
    }
  update_policy (self);
}

void
pathways_session_set_default_threshold (PathwaysSession *self,
                                        guint            threshold)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));

  self->default_threshold = CLAMP (threshold, PATHWAYS_DISCLOSURE_MIN_THRESHOLD,
                                   PATHWAYS_DISCLOSURE_MAX_THRESHOLD);
  update_policy (self);
}

const PathwaysExportOptions *
pathways_session_get_export_options (PathwaysSession *self)
{
  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  return self->export_options;
}

void
pathways_session_set_export_options (PathwaysSession             *self,
                                     const PathwaysExportOptions *options)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));

  g_clear_pointer (&self->export_options, pathways_export_options_free);
  if (options != NULL)
    self->export_options = pathways_export_options_copy (options);
  update_policy (self);
}

void
pathways_session_set_sources (PathwaysSession *self,
                              const char      *cases_path,
                              const char      *services_path)
{
  g_return_if_fail (PATHWAYS_IS_SESSION (self));

  g_free (self->sources[0]);
  self->sources[0] = g_strdup (cases_path);
  g_free (self->sources[1]);
  self->sources[1] = g_strdup (services_path);
}

const char * const *
pathways_session_get_inputs (PathwaysSession *self)
{
  guint n = 0;

  g_return_val_if_fail (PATHWAYS_IS_SESSION (self), NULL);

  if (self->workspace_path != NULL)
    self->inputs[n++] = self->workspace_path;
  for (guint i = 0; i < G_N_ELEMENTS (self->sources); i++)
    if (self->sources[i] != NULL)
      self->inputs[n++] = self->sources[i];
  self->inputs[n] = NULL;
  return self->inputs;
}
