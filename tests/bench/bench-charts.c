/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-charts: time to lay out and draw each chart of the sample at 1600 × 1000 on an
 * image surface (the target is 5 ms). Prints one line per chart: name, median ms.
 * PATHWAYS_BENCH_CHARTS (comma-separated names) limits it to some charts. */
#include "config.h"

#include <stdio.h>

#include "pathways.h"

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (void)
{
  g_autofree char *cases = NULL, *services = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_preset ("sample", NULL);
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(PathwaysReport) report = NULL;
  PathwaysImportOptions options = { 0 };
  PathwaysReportOptions report_options;
  const char * const *names = pathways_chart_list_names ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  int slow = 0;
  /* PATHWAYS_BENCH_CHARTS=trend,funnel times those charts only (for a profiler). */
  g_auto(GStrv) only = g_getenv ("PATHWAYS_BENCH_CHARTS") != NULL
                       ? g_strsplit (g_getenv ("PATHWAYS_BENCH_CHARTS"), ",", -1) : NULL;

  if (!pathways_sample_get_paths (&cases, &services, &error))
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

  printf ("%-26s %10s %10s\n", "chart (1600×1000)", "median ms", "max ms");
  for (guint i = 0; names[i] != NULL; i++)
    {
      double times[21];
      if (only != NULL && !g_strv_contains ((const char * const *) only, names[i]))
        continue;
      for (guint r = 0; r < G_N_ELEMENTS (times) + 2; r++)
        {
          cairo_t *cr = cairo_create (surface);
          gint64 t0 = g_get_monotonic_time ();
          pathways_chart_draw_named (cr, report, names[i], 1600, 1000, NULL, NULL);
          cairo_surface_flush (surface);
          if (r >= 2)   /* the first runs load fonts */
            times[r - 2] = (g_get_monotonic_time () - t0) / 1000.0;
          cairo_destroy (cr);
        }
      qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_double);
      printf ("%-26s %10.2f %10.2f\n", names[i], times[G_N_ELEMENTS (times) / 2], times[G_N_ELEMENTS (times) - 1]);
      slow += times[G_N_ELEMENTS (times) / 2] > 5.0;
    }
  cairo_surface_destroy (surface);
  printf ("%d of %u charts over 5 ms\n", slow, g_strv_length ((char **) names));
  return 0;
}
