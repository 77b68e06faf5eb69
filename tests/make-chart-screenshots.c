/* SPDX-License-Identifier: GPL-3.0-or-later */
/* make-chart-screenshots: every chart of the sample report (protected with k = 5) as
 * PNG, light and dark, at 800 × 500 and 1600 × 1000, named NAME-WxH-THEME.png, through
 * the same pathways_chart_render() as exports. docs/screenshots/ keeps the 800 × 500
 * pair of each chart and the 1600 × 1000 light picture of four (docs/charts.md):
 *
 *   _build/tests/make-chart-screenshots docs/screenshots --docs
 *
 * Without --docs every size and theme is written (to look at them all). With
 * --cases FILE and --mapping FILE|PRESET another export is drawn instead of the sample.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pathways.h"

static const char * const docs_large[] = {
  "funnel", "closure-reasons", "waiting-times", "planned-rates", NULL,
};

static gboolean
write_one (PathwaysReport *report,
           const char     *dir,
           const char     *name,
           int             width,
           int             height,
           gboolean        dark)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%dx%d-%s.png", name, width, height, dark ? "dark" : "light");
  g_autofree char *path = g_build_filename (dir, file, NULL);
  PathwaysChartStyle style;

  pathways_chart_style_init (&style, dark ? PATHWAYS_CHART_THEME_DARK : PATHWAYS_CHART_THEME_LIGHT);
  png = pathways_chart_render (report, name, NULL, FALSE, width, height, &style, &error);
  if (png == NULL)
    {
      if (g_error_matches (error, PATHWAYS_CHART_ERROR, PATHWAYS_CHART_ERROR_NO_CHART))
        return TRUE;
      g_printerr ("%s: %s\n", name, error->message);
      return FALSE;
    }
  if (!g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  g_print ("%s\n", path);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cases = NULL, *services = NULL, *mapping_arg = NULL;
  gboolean docs = FALSE;
  GOptionEntry entries[] = {
    { "docs", 0, 0, G_OPTION_ARG_NONE, &docs, "Only the pictures docs/screenshots keeps", NULL },
    { "cases", 0, 0, G_OPTION_ARG_FILENAME, &cases, "Case file instead of the sample", "FILE" },
    { "mapping", 0, 0, G_OPTION_ARG_STRING, &mapping_arg, "Mapping file or preset", "FILE|PRESET" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUTPUT-DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(PathwaysReport) report = NULL;
  PathwaysImportOptions options = { 0 };
  PathwaysReportOptions report_options;
  const char * const *names = pathways_chart_list_names ();
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: make-chart-screenshots [--docs] OUTPUT-DIR");
      return 2;
    }
  if (cases == NULL)
    {
      if (!pathways_sample_get_paths (&cases, &services, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      mapping = pathways_mapping_new_preset ("sample", &error);
    }
  else if (mapping_arg != NULL)
    mapping = pathways_mapping_new_for_argument (mapping_arg, &error);
  if (mapping_arg != NULL && mapping == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  dataset = pathways_import (&options, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  pathways_report_options_init (&report_options);
  report = pathways_report_new (dataset, filter, &report_options);
  pathways_disclosure_apply (report, 5, FALSE);
  g_mkdir_with_parents (argv[1], 0755);
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean large = !docs || g_strv_contains (docs_large, names[i]);
      if (!write_one (report, argv[1], names[i], 800, 500, FALSE)
          || !write_one (report, argv[1], names[i], 800, 500, TRUE)
          || (large && !write_one (report, argv[1], names[i], 1600, 1000, FALSE))
          || (!docs && !write_one (report, argv[1], names[i], 1600, 1000, TRUE)))
        status = 1;
    }
  return status;
}
