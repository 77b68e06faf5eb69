/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report: time to rebuild the whole report model after a filter change.
 *
 * Usage: bench-report [CASES.csv SERVICES.csv] [RUNS]
 * Without files, reads pathways-sample-{cases,services}-N.csv for N = 100000 and
 * 1000000 from $PATHWAYS_BENCH_DATA (made by build-aux/make-bench-data); sizes whose
 * files are missing are skipped with a message. Prints the median of RUNS (default 21)
 * recomputations, each after changing the filter, with the measures cache kept as the
 * application keeps it. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "pathways.h"

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gboolean
bench_files (const char *cases,
             const char *services,
             guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_preset ("sample", &error);
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysMeasuresCache) cache = NULL;
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  PathwaysImportOptions options = { 0, };
  PathwaysReportOptions report_options;
  gint64 t0;
  double cache_ms;
  const char *source_values[] = { "Police", "Self-referral", NULL };

  g_assert_no_error (error);
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  t0 = g_get_monotonic_time ();
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  if (ds == NULL)
    {
      g_printerr ("bench-report: %s\n", error->message);
      return FALSE;
    }
  g_print ("%s: %u cases, %u services, imported in %.1f s\n", cases, ds->n_cases, ds->n_services,
           (g_get_monotonic_time () - t0) / 1e6);

  t0 = g_get_monotonic_time ();
  cache = pathways_measures_cache_new (ds);
  cache_ms = (g_get_monotonic_time () - t0) / 1e3;
  pathways_report_options_init (&report_options);
  report_options.cache = cache;

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
      g_autoptr(PathwaysReport) report = NULL;

      /* a different filter each time, as a user clicking through the sidebar */
      switch (run % 3)
        {
        case 0:
          break;
        case 1:
          pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, source_values[run % 2]);
          break;
        default:
          pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
          pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Healthcare");
          break;
        }
      {
        double c0 = cpu_ms ();
        t0 = g_get_monotonic_time ();
        report = pathways_report_new (ds, filter, &report_options);
        times[run] = (g_get_monotonic_time () - t0) / 1e3;
        cpu[run] = cpu_ms () - c0;
      }
      g_assert_nonnull (report);
    }
  qsort (times, runs, sizeof (double), cmp_double);
  qsort (cpu, runs, sizeof (double), cmp_double);
  {
    /* where the time goes: the selection, then the measures */
    g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
    g_autofree double *t_apply = g_new (double, runs);
    g_autofree double *t_measures = g_new (double, runs);

    pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
    for (guint run = 0; run < runs; run++)
      {
        g_autoptr(PathwaysSelection) sel = NULL;
        g_autoptr(PathwaysMeasures) m = NULL;

        t0 = g_get_monotonic_time ();
        sel = pathways_filter_apply (filter, ds);
        t_apply[run] = (g_get_monotonic_time () - t0) / 1e3;
        t0 = g_get_monotonic_time ();
        m = pathways_measures_compute (ds, cache, sel, &report_options.measures);
        t_measures[run] = (g_get_monotonic_time () - t0) / 1e3;
      }
    qsort (t_apply, runs, sizeof (double), cmp_double);
    qsort (t_measures, runs, sizeof (double), cmp_double);
    g_print ("  of which: selection %.2f ms, measures %.2f ms (medians)\n",
             t_apply[runs / 2], t_measures[runs / 2]);
  }
  g_print ("  measures cache: %.1f ms (once per dataset)\n", cache_ms);
  g_print ("  report after a filter change: median %.2f ms, min %.2f ms, max %.2f ms (%u runs)\n",
           times[runs / 2], times[0], times[runs - 1], runs);
  g_print ("  CPU time per report (both threads): median %.2f ms\n", cpu[runs / 2]);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 21;
  const char *dir;
  static const char *sizes[] = { "100000", "1000000", "10000000" };
  gboolean any = FALSE;

  if (argc >= 3)
    {
      if (argc >= 4)
        runs = MAX (1, atoi (argv[3]));
      return bench_files (argv[1], argv[2], runs) ? 0 : 1;
    }

  dir = g_getenv ("PATHWAYS_BENCH_DATA");
  if (dir == NULL)
    {
      g_printerr ("Usage: bench-report CASES.csv SERVICES.csv [RUNS], or set PATHWAYS_BENCH_DATA\n");
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name_c = g_strdup_printf ("pathways-sample-cases-%s.csv", sizes[i]);
      g_autofree char *name_s = g_strdup_printf ("pathways-sample-services-%s.csv", sizes[i]);
      g_autofree char *cases = g_build_filename (dir, name_c, NULL);
      g_autofree char *services = g_build_filename (dir, name_s, NULL);

      if (!g_file_test (cases, G_FILE_TEST_EXISTS))
        {
          g_print ("%s: missing, skipped (run build-aux/make-bench-data)\n", cases);
          continue;
        }
      if (!bench_files (cases, services, runs))
        return 1;
      any = TRUE;
    }
  return any ? 0 : 1;
}
