/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The summary and check outputs of pathways-cli. */
#define G_LOG_DOMAIN "pathways-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pathways-cli-private.h"
#include "pathways-version.h"

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

static void
add_day (JsonBuilder *b,
         const char  *name,
         gint32       day)
{
  g_autofree char *iso = pathways_day_to_iso (day);

  json_builder_set_member_name (b, name);
  if (iso != NULL)
    json_builder_add_string_value (b, iso);
  else
    json_builder_add_null_value (b);
}

static guint
count_persons (PathwaysDataset *dataset)
{
  PathwaysColumn *persons = dataset->columns[PATHWAYS_FIELD_PERSON_ID];
  g_autofree guint8 *seen = NULL;
  guint n = 0;

  if (persons == NULL)
    return 0;
  seen = g_new0 (guint8, persons->key_strings->len);
  for (guint i = 0; i < dataset->n_cases; i++)
    {
      guint32 key = persons->keys[i];
      if (key != 0 && !seen[key])
        {
          seen[key] = 1;
          n++;
        }
    }
  return n;
}

static guint
count_open (PathwaysDataset *dataset)
{
  guint n = 0;

  for (guint i = 0; i < dataset->n_cases; i++)
    if (!pathways_dataset_case_is_closed (dataset, i))
      n++;
  return n;
}

static void
add_dataset_object (JsonBuilder     *b,
                    PathwaysDataset *dataset)
{
  gint32 first, last;
  guint open = count_open (dataset);

  pathways_dataset_get_referral_range (dataset, &first, &last);

  json_builder_set_member_name (b, "dataset");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, dataset->name);
  json_builder_set_member_name (b, "cases");
  json_builder_add_int_value (b, dataset->n_cases);
  json_builder_set_member_name (b, "services");
  json_builder_add_int_value (b, dataset->n_services);
  json_builder_set_member_name (b, "persons");
  if (dataset->columns[PATHWAYS_FIELD_PERSON_ID] != NULL)
    json_builder_add_int_value (b, count_persons (dataset));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "open_cases");
  json_builder_add_int_value (b, open);
  json_builder_set_member_name (b, "closed_cases");
  json_builder_add_int_value (b, dataset->n_cases - open);
  add_day (b, "snapshot_date", dataset->snapshot_day);
  add_day (b, "first_referral", first);
  add_day (b, "last_referral", last);
  json_builder_end_object (b);
}

static void
add_data_quality_object (JsonBuilder     *b,
                         PathwaysDataset *dataset,
                         gboolean         with_details)
{
  guint64 errors = 0, warnings = 0;

  for (guint i = 0; i < dataset->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (dataset->finding_summary, i);
      if (s->severity == PATHWAYS_SEVERITY_ERROR)
        errors += s->count;
      else if (s->severity == PATHWAYS_SEVERITY_WARNING)
        warnings += s->count;
    }

  json_builder_set_member_name (b, "data_quality");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (b, errors);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_int_value (b, warnings);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < dataset->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (dataset->finding_summary, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, s->kind);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, severity_id (s->severity));
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, s->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (with_details)
    {
      json_builder_set_member_name (b, "details");
      json_builder_begin_array (b);
      for (guint i = 0; i < dataset->findings->len; i++)
        {
          PathwaysFinding *f = g_ptr_array_index (dataset->findings, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, f->kind);
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
    }
  json_builder_end_object (b);
}

static char *
builder_to_string (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

char *
pathways_cli_findings_to_json (PathwaysDataset *dataset)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "pathways_version");
  json_builder_add_string_value (b, PATHWAYS_VERSION);
  add_dataset_object (b, dataset);
  add_data_quality_object (b, dataset, TRUE);
  json_builder_end_object (b);
  return builder_to_string (b);
}

/* Builds the report for the cohort the options describe; NULL with the exit status
 * set when an option is wrong (2) or names what the data does not have (1). */
PathwaysReport *
pathways_cli_build_report (PathwaysDataset             *dataset,
              const PathwaysCliFilterArgs *args,
              int                         *status)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(GError) error = NULL;
  PathwaysReportOptions options;

  *status = 2;
  pathways_report_options_init (&options);

  if (args->period != NULL && (args->from != NULL || args->to != NULL))
    {
      g_printerr ("pathways-cli: %s\n", _("--period cannot be combined with --from or --to"));
      return NULL;
    }
  if ((args->period != NULL && !pathways_filter_set_period (filter, args->period, &error)) ||
      (args->from != NULL && !pathways_filter_set_from_string (filter, args->from, &error)) ||
      (args->to != NULL && !pathways_filter_set_to_string (filter, args->to, &error)) ||
      (args->population != NULL &&
       !pathways_population_from_string (args->population, &options.measures.population, &error)))
    {
      g_printerr ("pathways-cli: %s\n", error->message);
      return NULL;
    }
  for (guint i = 0; args->filters != NULL && args->filters[i] != NULL; i++)
    if (!pathways_filter_parse_argument (filter, args->filters[i], &error))
      {
        g_printerr ("pathways-cli: %s\n", error->message);
        return NULL;
      }
  if (args->suppress != -1 &&
      (args->suppress < PATHWAYS_DISCLOSURE_MIN_THRESHOLD || args->suppress > PATHWAYS_DISCLOSURE_MAX_THRESHOLD))
    {
      g_printerr ("pathways-cli: %s\n", _("--suppress takes a threshold from 2 to 20"));
      return NULL;
    }

  *status = 1;
  if (!pathways_filter_validate (filter, dataset, &error))
    {
      g_printerr ("pathways-cli: %s\n", error->message);
      return NULL;
    }

  *status = 0;
  return pathways_report_new (dataset, filter, &options);
}

int
pathways_cli_summary (PathwaysDataset             *dataset,
                      const PathwaysCliFilterArgs *filter,
                      gboolean                     json)
{
  g_autoptr(PathwaysReport) report = NULL;
  g_autofree char *text = NULL;
  int status;

  report = pathways_cli_build_report (dataset, filter, &status);
  if (report == NULL)
    return status;

  /* summary shows exact figures unless --suppress K is given (spec/cli.md) */
  if (filter->suppress != -1 && !filter->no_suppress)
    pathways_disclosure_apply (report, filter->suppress, FALSE);

  text = json ? pathways_summary_to_json_string (report) : pathways_summary_to_text (report);
  fputs (text, stdout);
  if (text[0] != '\0' && text[strlen (text) - 1] != '\n')
    fputc ('\n', stdout);
  return 0;
}
