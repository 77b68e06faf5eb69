/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The summary and check outputs of pathways-cli. */
#define G_LOG_DOMAIN "pathways-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pathways-cli-private.h"

static const char *
severity_id (PathwaysSeverity severity)
{
  switch (severity)
    {
    case PATHWAYS_SEVERITY_ERROR:
      return "error";
    case PATHWAYS_SEVERITY_WARNING:
      return "warning";
    case PATHWAYS_SEVERITY_ASSUMPTION:
    default:
      return "assumption";
    }
}

static JsonNode *
findings_details (PathwaysDataset *dataset)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < dataset->findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (dataset->findings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, f->kind);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, severity_id (f->severity));
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, f->file);
      json_builder_set_member_name (b, "row");
      if (f->row > 0)
        json_builder_add_int_value (b, f->row);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "column");
      json_builder_add_string_value (b, f->column);
      json_builder_set_member_name (b, "value");
      json_builder_add_string_value (b, f->value);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* check --json: the summary document's dataset and data_quality members, the latter
 * with every listed finding in "details". */
char *
pathways_cli_findings_to_json (PathwaysDataset *dataset)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  JsonObject *object, *quality;
  JsonObject *out = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (dataset);

  report = pathways_analysis_run (analysis, filter);
  summary = pathways_summary_to_json (report);
  object = json_node_get_object (summary);

  json_object_set_member (out, "pathways_version", json_object_dup_member (object, "pathways_version"));
  json_object_set_member (out, "dataset", json_object_dup_member (object, "dataset"));
  json_object_set_member (out, "data_quality", json_object_dup_member (object, "data_quality"));
  quality = json_object_get_object_member (out, "data_quality");
  json_object_set_member (quality, "details", findings_details (dataset));

  json_node_take_object (root, out);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json_node_unref (root);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

gboolean
pathways_cli_policy (const PathwaysCliFilterArgs    *args,
                     const PathwaysDisclosurePolicy *base,
                     PathwaysDisclosurePolicy       *policy,
                     GError                        **error)
{
  int k = args->threshold != -1 ? args->threshold : args->suppress;

  *policy = *base;
  if ((args->no_suppress && (args->suppress != -1 || args->threshold != -1)) ||
      (args->protection != NULL && (args->no_suppress || args->suppress != -1)))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--protection, --suppress and --no-suppress say different things: give one"));
      return FALSE;
    }
  if (args->threshold != -1 && args->suppress != -1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--suppress K is --protection suppress --threshold K: give one of them"));
      return FALSE;
    }
  if (k != -1 && (k < PATHWAYS_DISCLOSURE_MIN_THRESHOLD || k > PATHWAYS_DISCLOSURE_MAX_THRESHOLD))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s takes a threshold from %d to %d"),
                   args->threshold != -1 ? "--threshold" : "--suppress",
                   PATHWAYS_DISCLOSURE_MIN_THRESHOLD, PATHWAYS_DISCLOSURE_MAX_THRESHOLD);
      return FALSE;
    }
  if (args->protection != NULL && !pathways_protection_from_string (args->protection, &policy->method))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--protection takes perturb, suppress or none"));
      return FALSE;
    }
  if (args->no_suppress)
    policy->method = PATHWAYS_PROTECTION_NONE;
  if (args->suppress != -1)
    policy->method = PATHWAYS_PROTECTION_SUPPRESS;
  if (k != -1)
    {
      policy->threshold = (guint) k;
      /* a threshold alone asks for protection, by the default method */
      if (args->protection == NULL && policy->method == PATHWAYS_PROTECTION_NONE)
        policy->method = PATHWAYS_PROTECTION_PERTURB;
    }
  return TRUE;
}

gboolean
pathways_cli_measures_options (PathwaysDataset             *dataset,
                               const PathwaysCliFilterArgs *args,
                               PathwaysMeasuresOptions     *options,
                               GError                     **error)
{
  if (args->trend != NULL)
    {
      PathwaysPeriodKind kind;

      if (!pathways_period_kind_from_string (args->trend, &kind) ||
          (kind != PATHWAYS_PERIOD_MONTH && kind != PATHWAYS_PERIOD_FQUARTER && kind != PATHWAYS_PERIOD_FYEAR))
        {
          g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE,
                       _("--trend takes month, fquarter or fyear"));
          return FALSE;
        }
      options->activity = TRUE;
      options->activity_unit = kind;
      /* the waiting-time trends follow; without --trend their unit follows the span */
      options->trend_unit = kind == PATHWAYS_PERIOD_FYEAR ? PATHWAYS_TREND_FINANCIAL_YEAR
                            : kind == PATHWAYS_PERIOD_FQUARTER ? PATHWAYS_TREND_FINANCIAL_QUARTER
                            : PATHWAYS_TREND_MONTH;
    }
  if (args->activity)
    options->activity = TRUE;
  for (guint i = 0; args->targets != NULL && args->targets[i] != NULL; i++)
    {
      if (options->n_targets == PATHWAYS_MAX_TARGETS)
        {
          g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_VALUE,
                       _("At most %d targets can be given"), PATHWAYS_MAX_TARGETS);
          return FALSE;
        }
      if (!pathways_target_parse (args->targets[i], &options->targets[options->n_targets], error))
        return FALSE;
      options->n_targets++;
    }
  if (args->split != NULL)
    {
      PathwaysField field;

      if (!pathways_field_from_name (PATHWAYS_TABLE_CASES, args->split, &field) || field >= PATHWAYS_FIELD_FIRST_SERVICE ||
          pathways_field_get_kind (field) != PATHWAYS_KIND_CATEGORY)
        {
          g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD,
                       _("--split takes a case category field, such as referral_source"));
          return FALSE;
        }
      if (!pathways_dataset_has_field (dataset, field))
        {
          g_set_error (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_NOT_MAPPED,
                       _("--split: the field %s is not mapped in this data"), args->split);
          return FALSE;
        }
      options->split_field = field;
      options->breakdowns = TRUE;
    }
  return TRUE;
}

/* Builds the report for the cohort the options describe; NULL with the exit status
 * set when an option is wrong (2) or names what the data does not have (1). */
PathwaysReport *
pathways_cli_build_report (PathwaysDataset             *dataset,
                           const PathwaysCliFilterArgs *args,
                           int                         *status)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (dataset);
  g_autoptr(GError) error = NULL;
  PathwaysMeasuresOptions options = *pathways_analysis_get_measures_options (analysis);

  *status = 2;
  if (args->period != NULL && (args->from != NULL || args->to != NULL))
    {
      g_printerr ("pathways-cli: %s\n", _("--period cannot be combined with --from or --to"));
      return NULL;
    }
  if ((args->period != NULL && !pathways_filter_set_period (filter, args->period, &error)) ||
      (args->from != NULL && !pathways_filter_set_from_string (filter, args->from, &error)) ||
      (args->to != NULL && !pathways_filter_set_to_string (filter, args->to, &error)) ||
      (args->population != NULL &&
       !pathways_population_from_string (args->population, &options.population, &error)))
    {
      g_printerr ("pathways-cli: %s\n", error->message);
      return NULL;
    }

  if (!pathways_cli_measures_options (dataset, args, &options, &error))
    {
      g_printerr ("pathways-cli: %s\n", error->message);
      return NULL;
    }

  /* values are matched against the data, so a wrong one is a data error (1) */
  *status = 1;
  for (guint i = 0; args->filters != NULL && args->filters[i] != NULL; i++)
    {
      if (!pathways_filter_add_argument (filter, dataset, args->filters[i], &error))
        {
          if (g_error_matches (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD))
            *status = 2;
          g_printerr ("pathways-cli: %s\n", error->message);
          return NULL;
        }
    }
  if (!pathways_analysis_validate (analysis, filter, &error))
    {
      g_printerr ("pathways-cli: %s\n", error->message);
      return NULL;
    }

  *status = 0;
  pathways_analysis_set_measures_options (analysis, &options);
  return pathways_analysis_run (analysis, filter);
}

int
pathways_cli_summary (PathwaysDataset             *dataset,
                      const PathwaysCliFilterArgs *filter,
                      gboolean                     json)
{
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(PathwaysReport) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PathwaysDisclosurePolicy base, policy;
  int status;

  /* summary shows exact figures unless a protection is asked for (spec/cli.md) */
  pathways_disclosure_policy_init (&base);
  base.method = PATHWAYS_PROTECTION_NONE;
  if (!pathways_cli_policy (filter, &base, &policy, &error))
    {
      g_printerr ("pathways-cli: %s\n", error->message);
      return 2;
    }

  report = pathways_cli_build_report (dataset, filter, &status);
  if (report == NULL)
    return status;
  shown = pathways_disclosure_policy_protect (&policy, report);

  text = json ? pathways_summary_to_json_string (shown) : pathways_summary_to_text (shown);
  fputs (text, stdout);
  if (text[0] != '\0' && text[strlen (text) - 1] != '\n')
    fputc ('\n', stdout);
  return 0;
}
