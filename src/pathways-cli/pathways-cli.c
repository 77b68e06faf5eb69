/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-cli: the command-line program (spec/cli.md).
 *
 * Exit status: 0 success; 1 the data could not be read or mapped; 2 bad usage.
 */
#define G_LOG_DOMAIN "pathways-cli"

#include "config.h"

#include <inttypes.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pathways-i18n.h"

#include "pathways.h"
#include "pathways-analysis-compare.h"
#include "pathways-cli-private.h"
#include "pathways-outcomes.h"
#include "pathways-output.h"
#include "pathways-return.h"
#include "pathways-safe-file.h"

enum {
  EXIT_OK = 0,
  EXIT_DATA = 1,
  EXIT_USAGE = 2,
};

typedef struct {
  char *cases;
  char *services;
  char *sheet;
  char *services_sheet;
  char *outcomes;
  char *appointments;
  char *workspace;
  char *mapping;
  gboolean sample;
  char *date_order;
  char *snapshot;
  char *output;
  gboolean json;
  char *language;
  PathwaysCliFilterArgs filter;
} Args;

static Args args;

static const GOptionEntry input_entries[] = {
  { "cases", 0, 0, G_OPTION_ARG_FILENAME, &args.cases, N_("Case file (CSV or XLSX)"), N_("FILE") },
  { "services", 0, 0, G_OPTION_ARG_FILENAME, &args.services, N_("Service file, optional"), N_("FILE") },
  { "sheet", 0, 0, G_OPTION_ARG_STRING, &args.sheet, N_("Sheet of an XLSX case file"), N_("NAME") },
  { "services-sheet", 0, 0, G_OPTION_ARG_STRING, &args.services_sheet, N_("Sheet of an XLSX service file"), N_("NAME") },
  { "outcomes", 0, 0, G_OPTION_ARG_FILENAME, &args.outcomes, N_("Outcomes file (questionnaire answers), optional"), N_("FILE") },
  { "appointments", 0, 0, G_OPTION_ARG_FILENAME, &args.appointments, N_("Appointments file (sessions and contacts), optional"), N_("FILE") },
  { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &args.workspace, N_("A saved *.pathways workspace"), N_("FILE") },
  { "mapping", 0, 0, G_OPTION_ARG_STRING, &args.mapping, N_("Mapping file or preset name (default: auto-detect)"), N_("FILE|PRESET") },
  { "sample", 0, 0, G_OPTION_ARG_NONE, &args.sample, N_("The built-in sample dataset"), NULL },
  { "date-order", 0, 0, G_OPTION_ARG_STRING, &args.date_order, N_("Force the day/month order of every date column"), "dmy|mdy|ymd" },
  { "snapshot", 0, 0, G_OPTION_ARG_STRING, &args.snapshot, N_("Snapshot date (default: latest date in the data)"), N_("YYYY-MM-DD") },
  { NULL }
};

static const GOptionEntry filter_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_STRING, &args.filter.from, N_("First referral date of the cohort"), N_("YYYY-MM-DD") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &args.filter.to, N_("Last referral date of the cohort"), N_("YYYY-MM-DD") },
  { "period", 0, 0, G_OPTION_ARG_STRING, &args.filter.period, N_("Year, quarter, month, financial year or financial quarter"), "2023|2023-Q2|2023-05|FY2023-24|FY2023-24-Q1" },
  { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.filter.filters, N_("Keep cases whose FIELD has this value (one whole value; repeat for more values)"), N_("FIELD=VALUE") },
  { "population", 0, 0, G_OPTION_ARG_STRING, &args.filter.population, N_("Funnel population (default closed)"), "closed|all" },
  { "split", 0, 0, G_OPTION_ARG_STRING, &args.filter.split, N_("Funnel and planned-closure rates split by a field"), N_("FIELD") },
  { "trend", 0, 0, G_OPTION_ARG_STRING, &args.filter.trend, N_("Activity over time by month, financial quarter or financial year"), "month|fquarter|fyear" },
  { "target", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.filter.targets, N_("A target, such as contact=2wd, assessment=10wd, therapy_start=90d (repeatable)"), N_("MEASURE=N[wd|d]") },
  { "protection", 0, 0, G_OPTION_ARG_STRING, &args.filter.protection, N_("How small numbers are protected (exports default to the workspace's choice, summary to none)"), "perturb|suppress|none" },
  { "threshold", 0, 0, G_OPTION_ARG_INT, &args.filter.threshold, N_("Small-value threshold (default 5)"), "K" },
  { "suppress", 0, 0, G_OPTION_ARG_INT, &args.filter.suppress, N_("The same as --protection suppress --threshold K"), "K" },
  { "no-suppress", 0, 0, G_OPTION_ARG_NONE, &args.filter.no_suppress, N_("The same as --protection none"), NULL },
  { NULL }
};

/* a return's rows say what they count: its cohort is a period and filters */
static const GOptionEntry return_filter_entries[] = {
  { "period", 0, 0, G_OPTION_ARG_STRING, &args.filter.period, N_("Year, quarter, month, financial year or financial quarter"), "2023|2023-Q2|2023-05|FY2023-24|FY2023-24-Q1" },
  { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.filter.filters, N_("Keep cases whose FIELD has this value (one whole value; repeat for more values)"), N_("FIELD=VALUE") },
  { "protection", 0, 0, G_OPTION_ARG_STRING, &args.filter.protection, N_("How small numbers are protected (exports default to the workspace's choice, summary to none)"), "perturb|suppress|none" },
  { "threshold", 0, 0, G_OPTION_ARG_INT, &args.filter.threshold, N_("Small-value threshold (default 5)"), "K" },
  { "suppress", 0, 0, G_OPTION_ARG_INT, &args.filter.suppress, N_("The same as --protection suppress --threshold K"), "K" },
  { "no-suppress", 0, 0, G_OPTION_ARG_NONE, &args.filter.no_suppress, N_("The same as --protection none"), NULL },
  { NULL }
};

/* the report's language, whatever the desktop's: a Welsh report for a Welsh funder */
#define LANGUAGE_ENTRY \
  { "language", 0, 0, G_OPTION_ARG_STRING, &args.language, \
    N_("Language of the report: en, cy (Welsh) or en_GB (default: the desktop's)"), N_("LANG") }

static const GOptionEntry output_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output, N_("Where to write"), N_("FILE") },
  { NULL }
};

static const GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &args.json, N_("Write JSON to standard output"), NULL },
  LANGUAGE_ENTRY,
  { NULL }
};

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("pathways-cli: %s\n", message);
  if (context != NULL)
    g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
  return EXIT_USAGE;
}

static int
data_error (const GError *error)
{
  g_printerr ("pathways-cli: %s\n", error->message);
  return EXIT_DATA;
}

static gboolean
parse_day (const char *text,
           gint32     *out)
{
  int y, m, d;
  char extra;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
    return FALSE;
  *out = pathways_day_from_ymd (y, m, d);
  return PATHWAYS_DAY_IS_VALID (*out);
}

/* The dataset named by the input options; NULL with *status set on failure. */
static PathwaysDataset *
load_inputs (GOptionContext *context,
             int            *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autofree char *sample_cases = NULL;
  g_autofree char *sample_services = NULL;
  PathwaysImportOptions options = { 0 };

  /* the core writes the report's words in this language, the CLI's own in the desktop's */
  if (!pathways_i18n_set_language (args.language, &error))
    {
      *status = usage_error (context, error->message);
      return NULL;
    }
  PathwaysDataset *dataset;
  int n_sources = (args.cases != NULL) + (args.workspace != NULL) + (args.sample != FALSE);

  *status = EXIT_USAGE;

  if (n_sources == 0)
    {
      usage_error (context, _("say what to read: --cases FILE, --workspace FILE or --sample"));
      return NULL;
    }
  if (n_sources > 1)
    {
      usage_error (context, _("--cases, --workspace and --sample cannot be combined"));
      return NULL;
    }
  if (args.services != NULL && args.cases == NULL)
    {
      usage_error (context, _("--services needs --cases"));
      return NULL;
    }
  if (args.outcomes != NULL && args.workspace != NULL)
    {
      usage_error (context, _("--outcomes needs --cases or --sample"));
      return NULL;
    }
  if (args.appointments != NULL && args.workspace != NULL)
    {
      usage_error (context, _("--appointments needs --cases or --sample"));
      return NULL;
    }

  options.date_order = PATHWAYS_DATE_ORDER_AUTO;
  if (args.date_order != NULL && (!pathways_date_order_from_string (args.date_order, &options.date_order) ||
                                  options.date_order == PATHWAYS_DATE_ORDER_AUTO))
    {
      usage_error (context, _("--date-order takes dmy, mdy or ymd"));
      return NULL;
    }
  if (args.snapshot != NULL && !parse_day (args.snapshot, &options.snapshot_day))
    {
      usage_error (context, _("--snapshot takes a date as YYYY-MM-DD"));
      return NULL;
    }

  *status = EXIT_DATA;

  if (args.workspace != NULL)
    {
      dataset = pathways_workspace_load (args.workspace, &error);
      if (dataset == NULL)
        data_error (error);
      else
        *status = EXIT_OK;
      return dataset;
    }

  if (args.mapping != NULL)
    {
      mapping = pathways_mapping_new_for_argument (args.mapping, &error);
      if (mapping == NULL)
        {
          data_error (error);
          return NULL;
        }
    }

  if (args.sample)
    {
      if (!pathways_sample_get_paths (&sample_cases, &sample_services, &error))
        {
          data_error (error);
          return NULL;
        }
      if (mapping == NULL)
        mapping = pathways_mapping_new_preset ("sample", NULL);
      options.cases_path = sample_cases;
      options.services_path = sample_services;
      /* the dataset is named in the report, so in the report's language */
      options.name = pathways_i18n_dgettext (GETTEXT_PACKAGE, N_("Sample data"));
    }
  else
    {
      options.cases_path = args.cases;
      options.cases_sheet = args.sheet;
      options.services_path = args.services;
      options.services_sheet = args.services_sheet;
    }
  options.mapping = mapping;

  dataset = pathways_import (&options, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      data_error (error);
      return NULL;
    }
  if (args.sample && !pathways_sample_load_extras (dataset, &error))
    {
      pathways_dataset_unref (dataset);
      data_error (error);
      return NULL;
    }
  if ((args.outcomes != NULL && !pathways_outcomes_import (dataset, args.outcomes, options.date_order, &error)) ||
      (args.appointments != NULL &&
       !pathways_appointments_import (dataset, args.appointments, options.date_order, &error)))
    {
      pathways_dataset_unref (dataset);
      data_error (error);
      return NULL;
    }

  *status = EXIT_OK;
  return dataset;
}

static GOptionContext *
new_context (const char         *parameter,
             const char         *summary,
             const GOptionEntry *extra,
             const GOptionEntry *extra2,
             const GOptionEntry *extra3)
{
  GOptionContext *context = g_option_context_new (parameter);
  GOptionGroup *group;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, input_entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    {
      group = g_option_group_new ("filters", _("Cohort and filters:"), _("Show cohort and filter options"), NULL, NULL);
      g_option_group_add_entries (group, extra);
      g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
      g_option_context_add_group (context, group);
    }
  if (extra2 != NULL)
    g_option_context_add_main_entries (context, extra2, GETTEXT_PACKAGE);
  if (extra3 != NULL)
    g_option_context_add_main_entries (context, extra3, GETTEXT_PACKAGE);
  return context;
}

static gboolean
parse_args (GOptionContext  *context,
            int             *argc,
            char          ***argv,
            int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”"), (*argv)[1]);
      *status = usage_error (context, message);
      return FALSE;
    }
  return TRUE;
}

/* The files the command reads, which --output must not be (NULL-terminated). */
static const char * const *
input_paths (void)
{
  static const char *inputs[4];
  guint n = 0;

  if (args.cases != NULL)
    inputs[n++] = args.cases;
  if (args.services != NULL)
    inputs[n++] = args.services;
  if (args.workspace != NULL)
    inputs[n++] = args.workspace;
  inputs[n] = NULL;
  return inputs;
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = new_context (_("— build a workspace"),
                                                   _("Reads an export and saves it as a workspace."),
                                                   NULL, output_entries, NULL);
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!parse_args (context, &argc, &argv, &status))
    return status;
  if (args.output == NULL)
    return usage_error (context, _("import needs --output FILE.pathways"));
  if (!pathways_safe_file_check_not_input (args.output, input_paths (), &error))
    return data_error (error);

  dataset = load_inputs (context, &status);
  if (dataset == NULL)
    return status;

  if (!pathways_workspace_save (dataset, args.output, &error))
    return data_error (error);

  {
    /* "1,000,000 cases", as every count in the text output is written */
    g_autofree char *cases = pathways_chart_format_number (dataset->n_cases, 0);
    g_autofree char *services = pathways_chart_format_number (dataset->n_services, 0);

    g_print (_("Saved %s: %s cases, %s services, %u kinds of data-quality finding.\n"),
             args.output, cases, services, dataset->finding_summary->len);
  }
  return EXIT_OK;
}

static int
cmd_mapping (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = new_context (_("— print the detected mapping"),
                                                   _("Prints the auto-detected mapping in the saved-mapping format, "
                                                     "to edit and pass back with --mapping."),
                                                   NULL, NULL, NULL);
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PathwaysImportOptions options = { 0 };
  int status;

  if (!parse_args (context, &argc, &argv, &status))
    return status;
  if (args.cases == NULL)
    return usage_error (context, _("mapping needs --cases FILE"));
  if (args.workspace != NULL || args.sample)
    return usage_error (context, _("mapping reads an export: use --cases (and --services)"));

  options.cases_path = args.cases;
  options.cases_sheet = args.sheet;
  options.services_path = args.services;
  options.services_sheet = args.services_sheet;
  options.date_order = PATHWAYS_DATE_ORDER_AUTO;
  if (args.date_order != NULL && (!pathways_date_order_from_string (args.date_order, &options.date_order) ||
                                  options.date_order == PATHWAYS_DATE_ORDER_AUTO))
    return usage_error (context, _("--date-order takes dmy, mdy or ymd"));

  if (args.mapping != NULL)
    {
      options.mapping = mapping = pathways_mapping_new_for_argument (args.mapping, &error);
      if (mapping == NULL)
        return data_error (error);
    }

  /* A full read settles the date order of each date column too; when the columns
   * needed for that are not found, the header alone still gives a mapping to edit. */
  dataset = pathways_import (&options, NULL, NULL, NULL, &error);
  if (dataset != NULL)
    {
      g_clear_object (&mapping);
      mapping = g_object_ref (dataset->mapping);
    }
  else if (g_error_matches (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NOT_MAPPED))
    {
      g_printerr ("pathways-cli: %s\n", error->message);
      g_clear_error (&error);
      if (mapping == NULL)
        {
          mapping = pathways_import_detect_mapping (&options, &error);
          if (mapping == NULL)
            return data_error (error);
        }
    }
  else
    return data_error (error);

  text = pathways_mapping_to_data (mapping);
  fputs (text, stdout);
  return EXIT_OK;
}

static const char *
severity_label (PathwaysSeverity severity)
{
  switch (severity)
    {
    case PATHWAYS_SEVERITY_ERROR:
      return _("error");
    case PATHWAYS_SEVERITY_WARNING:
      return _("warning");
    case PATHWAYS_SEVERITY_ASSUMPTION:
    default:
      return _("assumption");
    }
}

static int
cmd_check (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = new_context (_("— data-quality findings"),
                                                   _("Prints the data-quality findings of an export."),
                                                   NULL, NULL, json_entries);
  g_autoptr(PathwaysDataset) dataset = NULL;
  int status;

  if (!parse_args (context, &argc, &argv, &status))
    return status;

  dataset = load_inputs (context, &status);
  if (dataset == NULL)
    return status;

  if (args.json)
    {
      g_autofree char *json = pathways_cli_findings_to_json (dataset);
      fputs (json, stdout);
      return EXIT_OK;
    }

  {
    g_autofree char *cases = pathways_format_count (dataset->n_cases);
    g_autofree char *services = pathways_format_count (dataset->n_services);
    g_autofree char *name = pathways_format_label (dataset->name, PATHWAYS_FORMAT_LABEL_MAX_CHARS);

    g_print (_("%s: %s cases, %s services\n"), name, cases, services);
  }
  if (dataset->finding_summary->len == 0)
    {
      g_print (_("No data-quality findings.\n"));
      return EXIT_OK;
    }

  g_print ("\n%s\n", _("Findings:"));
  for (guint i = 0; i < dataset->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (dataset->finding_summary, i);
      g_autofree char *count = pathways_format_count (s->count);

      /* words, not identifiers: the JSON output keeps the kinds for scripts */
      g_print ("  %-40s %-10s %s\n", pathways_finding_kind_get_label (s->kind),
               severity_label (s->severity), count);
    }

  g_print ("\n%s\n", _("Details:"));
  for (guint i = 0; i < dataset->findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (dataset->findings, i);
      /* messages quote the file's values: no control or bidi character reaches the
       * terminal, and no value floods it */
      g_autofree char *message = pathways_format_label (f->message, 4 * PATHWAYS_FORMAT_LABEL_MAX_CHARS);

      g_print ("  [%s] %s\n", severity_label (f->severity), message);
    }
  for (guint i = 0; i < dataset->finding_summary->len; i++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (dataset->finding_summary, i);
      if (s->count > PATHWAYS_MAX_LISTED_FINDINGS)
        g_print (_("  … and %" PRIu64 " more of kind %s\n"),
                 s->count - PATHWAYS_MAX_LISTED_FINDINGS, pathways_finding_kind_get_label (s->kind));
    }

  return EXIT_OK;
}

static int
cmd_summary (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = new_context (_("— every measure for a cohort"),
                                                   _("Prints every measure of the cohort."),
                                                   filter_entries, NULL, json_entries);
  g_autoptr(PathwaysDataset) dataset = NULL;
  int status;

  args.filter.suppress = -1;
  args.filter.threshold = -1;
  if (!parse_args (context, &argc, &argv, &status))
    return status;

  dataset = load_inputs (context, &status);
  if (dataset == NULL)
    return status;

  return pathways_cli_summary (dataset, &args.filter, args.json);
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *title = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *marking = NULL;
  gboolean save_options = FALSE;
  int width = 0, height = 0;
  GOptionEntry export_entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format"), "pdf|xlsx|csv|png|svg" },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &chart, N_("Chart for png and svg"), N_("KIND") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (png) or points (svg)"), "N" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (png) or points (svg)"), "N" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Report title"), N_("TEXT") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, N_("Organisation named on the report"), N_("TEXT") },
    { "marking", 0, 0, G_OPTION_ARG_STRING, &marking, N_("Protective marking, such as OFFICIAL-SENSITIVE"), N_("TEXT") },
    { "save-options", 0, 0, G_OPTION_ARG_NONE, &save_options, N_("Remember title, organisation, marking and protection in the workspace for the next report"), NULL },
    LANGUAGE_ENTRY,
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context (_("— export a report or a chart"),
                                                   _("Writes the report as PDF, XLSX or CSV, or one chart as PNG or SVG. "
                                                     "Small numbers are protected unless --no-suppress is given."),
                                                   filter_entries, output_entries, export_entries);
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(PathwaysReport) previous = NULL;
  g_autoptr(PathwaysReport) year_before = NULL;
  g_autoptr(PathwaysExportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysDisclosurePolicy saved, policy;
  PathwaysOutputRequest request;
  PathwaysOutputFormat output_format;
  gboolean image;
  int status;

  args.filter.suppress = -1;
  args.filter.threshold = -1;
  if (!parse_args (context, &argc, &argv, &status))
    return status;
  if (format == NULL || args.output == NULL)
    return usage_error (context, _("export needs --format and --output"));

  if (!pathways_output_format_from_string (format, &output_format))
    return usage_error (context, _("--format takes pdf, xlsx, csv, png or svg"));
  image = output_format == PATHWAYS_OUTPUT_PNG || output_format == PATHWAYS_OUTPUT_SVG;
  if (image && chart == NULL)
    return usage_error (context, _("png and svg export one chart: say which with --chart"));
  if (!image && chart != NULL)
    return usage_error (context, _("--chart goes with --format png or svg"));
  if (width < 0 || height < 0 || width > 20000 || height > 20000)
    return usage_error (context, _("--width and --height take sizes from 1 to 20,000"));
  if (save_options && args.workspace == NULL)
    return usage_error (context, _("--save-options needs --workspace"));

  /* A workspace remembers the last report's options (title, organisation, marking,
   * sections, commentary, protection): next quarter's report is the same command with
   * another --period. Options given here override them. */
  if (args.workspace != NULL)
    {
      options = pathways_export_options_load (args.workspace, &error);
      if (options == NULL)
        return data_error (error);
    }
  else
    options = pathways_export_options_new ();
  /* exports leave the service's hands: protected unless the user says otherwise */
  pathways_disclosure_policy_from_options (&saved, options);
  if (!pathways_cli_policy (&args.filter, &saved, &policy, &error))
    return usage_error (context, error->message);
  pathways_disclosure_policy_to_options (&policy, options);

  if (title != NULL)
    {
      g_free (options->title);
      options->title = g_strdup (title);
    }
  if (organisation != NULL)
    {
      g_free (options->organisation);
      options->organisation = g_strdup (organisation);
    }
  if (marking != NULL)
    {
      g_free (options->marking);
      options->marking = g_strdup (marking);
    }

  dataset = load_inputs (context, &status);
  if (dataset == NULL)
    return status;

  /* every report has its activity section, and the targets the workspace keeps unless
   * --target gives others */
  args.filter.activity = TRUE;
  if (args.filter.targets == NULL && options->n_targets > 0)
    {
      args.filter.targets = g_new0 (char *, options->n_targets + 1);
      for (guint k = 0; k < options->n_targets; k++)
        args.filter.targets[k] = pathways_target_to_string (&options->targets[k]);
    }
  report = pathways_cli_build_report (dataset, &args.filter, &status);
  if (report == NULL)
    return status;

  if (save_options && !pathways_export_options_save (options, args.workspace, &error))
    return data_error (error);

  if (output_format == PATHWAYS_OUTPUT_PDF)
    {
      /* the summary page sets the period beside the one before and a year before */
      g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (dataset);

      pathways_analysis_set_measures_options (analysis, &report->options);
      pathways_analysis_run_comparisons (analysis, report->filter, &previous, &year_before);
    }

  pathways_output_request_init (&request);
  request.previous = previous;
  request.year_before = year_before;
  request.options = options;
  request.chart = chart;
  request.width = width > 0 ? width : 1600;
  request.height = height > 0 ? height : 1000;
  /* the files read must never be the file written */
  request.inputs = input_paths ();
  if (!pathways_output_write (report, &policy, output_format, args.output, &request, &error))
    return g_error_matches (error, PATHWAYS_CHART_ERROR, PATHWAYS_CHART_ERROR_UNKNOWN)
           ? usage_error (context, error->message) : data_error (error);
  return EXIT_OK;
}

static int
list_returns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pathways_return_list_templates (args.workspace, &error);

  if (all == NULL)
    return data_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      PathwaysReturnTemplate *t = g_ptr_array_index (all, i);
      g_print ("%-24s %s\n", pathways_return_template_get_id (t), pathways_return_template_get_title (t));
    }
  return EXIT_OK;
}

/* The cohort of a return: its period and filters (a return is always for a period). */
static PathwaysFilter *
return_filter (PathwaysDataset *dataset,
               int             *status)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(GError) error = NULL;

  *status = EXIT_USAGE;
  if (!pathways_filter_set_period (filter, args.filter.period, &error))
    {
      usage_error (NULL, error->message);
      return NULL;
    }
  *status = EXIT_DATA;
  for (guint i = 0; args.filter.filters != NULL && args.filter.filters[i] != NULL; i++)
    if (!pathways_filter_add_argument (filter, dataset, args.filter.filters[i], &error))
      {
        if (g_error_matches (error, PATHWAYS_FILTER_ERROR, PATHWAYS_FILTER_ERROR_FIELD))
          *status = EXIT_USAGE;
        data_error (error);
        return NULL;
      }
  *status = EXIT_OK;
  return g_steal_pointer (&filter);
}

static int
cmd_return (int    argc,
            char **argv)
{
  g_autofree char *template_name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *marking = NULL;
  gboolean list = FALSE, keep = FALSE;
  GOptionEntry return_entries[] = {
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_name, N_("The return's template: a name from --list or a file"), N_("NAME|FILE") },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("Name the templates (built in, and kept with --workspace)"), NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep the template file with the workspace, to name it next time"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format"), "xlsx|pdf|csv" },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, N_("Organisation named on the return"), N_("TEXT") },
    { "marking", 0, 0, G_OPTION_ARG_STRING, &marking, N_("Protective marking, such as OFFICIAL-SENSITIVE"), N_("TEXT") },
    LANGUAGE_ENTRY,
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context (_("— fill a funder return"),
                                                   _("Fills a funder-return template for a period and writes it as XLSX, PDF "
                                                     "or CSV, protected like every export."),
                                                   return_filter_entries, output_entries, return_entries);
  g_autoptr(PathwaysReturnTemplate) template = NULL;
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(PathwaysAnalysis) analysis = NULL;
  g_autoptr(PathwaysFilter) filter = NULL;
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(PathwaysExportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysDisclosurePolicy saved, policy;
  PathwaysOutputRequest request;
  PathwaysOutputFormat output_format;
  int status;

  args.filter.suppress = -1;
  args.filter.threshold = -1;
  if (!parse_args (context, &argc, &argv, &status))
    return status;
  if (list)
    return list_returns ();
  if (template_name == NULL)
    return usage_error (context, _("return needs --template NAME|FILE (--list names them)"));
  if (keep && args.workspace == NULL)
    return usage_error (context, _("--keep needs --workspace"));
  if (args.filter.period == NULL)
    return usage_error (context, _("return needs --period"));
  if (format == NULL || args.output == NULL)
    return usage_error (context, _("return needs --format and --output"));
  if (!pathways_output_format_from_string (format, &output_format) ||
      output_format == PATHWAYS_OUTPUT_PNG || output_format == PATHWAYS_OUTPUT_SVG)
    return usage_error (context, _("--format takes xlsx, pdf or csv"));

  options = args.workspace != NULL ? pathways_export_options_load (args.workspace, &error)
                                   : pathways_export_options_new ();
  if (options == NULL)
    return data_error (error);
  pathways_disclosure_policy_from_options (&saved, options);
  if (!pathways_cli_policy (&args.filter, &saved, &policy, &error))
    return usage_error (context, error->message);

  template = pathways_return_template_find (template_name, args.workspace, &error);
  if (template == NULL)
    return g_error_matches (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_NOT_FOUND)
           ? usage_error (context, error->message) : data_error (error);

  dataset = load_inputs (context, &status);
  if (dataset == NULL)
    return status;
  filter = return_filter (dataset, &status);
  if (filter == NULL)
    return status;
  if (keep && !pathways_return_template_keep (template, args.workspace, &error))
    return data_error (error);

  analysis = pathways_analysis_new (dataset);
  report = pathways_return_fill (template, analysis, filter, &error);
  if (report == NULL)
    return g_error_matches (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_PERIOD)
           ? usage_error (context, error->message) : data_error (error);

  /* the return's own title; every table of it is written */
  g_free (options->title);
  options->title = g_strdup (pathways_return_template_get_title (template));
  options->sections = PATHWAYS_SECTION_ALL;
  if (organisation != NULL)
    {
      g_free (options->organisation);
      options->organisation = g_strdup (organisation);
    }
  if (marking != NULL)
    {
      g_free (options->marking);
      options->marking = g_strdup (marking);
    }

  pathways_output_request_init (&request);
  request.options = options;
  request.inputs = input_paths ();
  if (!pathways_output_write (report, &policy, output_format, args.output, &request, &error))
    return data_error (error);
  return EXIT_OK;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage: pathways-cli COMMAND [OPTIONS]\n"
             "\n"
             "Commands:\n"
             "  summary   every measure for a cohort (--json for the JSON document)\n"
             "  export    the report as PDF, XLSX or CSV, or a chart as PNG or SVG\n"
             "  import    build a workspace (--output FILE.pathways)\n"
             "  mapping   print the auto-detected mapping, to edit and reuse\n"
             "  check     the data-quality findings only\n"
             "  return    a funder return filled from a template (--list names them)\n"
             "\n"
             "Run “pathways-cli COMMAND --help” for the options of a command.\n"));
}

int
main (int    argc,
      char **argv)
{
  const char *command;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pathways_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") || g_str_equal (command, "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (command, "--version"))
    {
      g_print ("pathways-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  /* The subcommand becomes argv[0] for the option parser. */
  argv[1] = g_strdup_printf ("pathways-cli %s", command);
  g_set_prgname (argv[1]);
  argc--;
  argv++;

  if (g_str_equal (command, "summary"))
    status = cmd_summary (argc, argv);
  else if (g_str_equal (command, "export"))
    status = cmd_export (argc, argv);
  else if (g_str_equal (command, "import"))
    status = cmd_import (argc, argv);
  else if (g_str_equal (command, "mapping"))
    status = cmd_mapping (argc, argv);
  else if (g_str_equal (command, "check"))
    status = cmd_check (argc, argv);
  else if (g_str_equal (command, "return"))
    status = cmd_return (argc, argv);
  else
    {
      g_printerr (_("pathways-cli: unknown command “%s”\n"), command);
      print_usage (stderr);
      status = EXIT_USAGE;
    }

  g_free (argv[0]);
  return status;
}
