/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-outcomes: importing an outcomes file of many answers beside a large case file
 * (issue 17: 1 M cases with 3 M answers).
 *
 * Usage: bench-outcomes CASES SERVICES N_ANSWERS [WORK_DIR]
 *
 * Imports CASES and SERVICES (the sample format, the "sample" preset), then writes an
 * outcomes file in WORK_DIR (default: a new temporary folder, removed at the end) with
 * N_ANSWERS answers, one row per answer: PHQ-9 and GAD-7 totals at start and at end
 * for the first N_ANSWERS / 4 cases (scores drawn from a fixed-seed generator), and
 * imports it with pathways_outcomes_import (). Then one report with the outcome
 * measures. Prints wall and CPU seconds of each step and the peak resident set
 * (getrusage ru_maxrss) after each. Nothing here asserts a timing.
 */
#define G_LOG_DOMAIN "bench-outcomes"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pathways.h"
#include "pathways-outcomes.h"

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static double
peak_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

static void
report_step (const char *what,
             gint64      t0,
             double      cpu0)
{
  g_print ("| %s | %.2f | %.2f | %.1f |\n", what, (g_get_monotonic_time () - t0) / 1e6,
           cpu_seconds () - cpu0, peak_mb ());
}

static gboolean
write_outcomes (PathwaysDataset *ds,
                const char      *path,
                guint64          n_answers,
                GError         **error)
{
  static const char * const timepoints[] = { "Start", "End" };
  FILE *f = fopen (path, "w");
  GRand *rand = g_rand_new_with_seed (20230505);
  guint64 written = 0;

  if (f == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: cannot write", path);
      g_rand_free (rand);
      return FALSE;
    }
  fputs ("Case ID,Questionnaire,Timepoint,Date,Score\n", f);
  for (guint i = 0; written < n_answers && i < ds->n_cases; i++)
    {
      const char *id = pathways_dataset_get_case_id (ds, i);

      for (guint q = 0; q < 4 && written < n_answers; q++, written++)
        {
          gboolean phq = q < 2;
          int score = g_rand_int_range (rand, 0, phq ? 28 : 22);

          fprintf (f, "%s,%s,%s,2023-0%u-15,%d\n", id, phq ? "PHQ-9" : "GAD-7",
                   timepoints[q % 2], q % 2 == 0 ? 1u : 4u, score);
        }
    }
  g_rand_free (rand);
  if (fclose (f) != 0 || written < n_answers)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "%s: %" G_GUINT64_FORMAT " answers written of %" G_GUINT64_FORMAT,
                   path, written, n_answers);
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_preset ("sample", NULL);
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysAnalysis) analysis = NULL;
  g_autoptr(PathwaysReport) report = NULL;
  g_autofree char *work = NULL, *path = NULL;
  PathwaysImportOptions options = { 0 };
  guint64 n_answers;
  gint64 t0, size = 0;
  double cpu0;
  GStatBuf st;

  if (argc < 4)
    {
      g_printerr ("usage: bench-outcomes CASES SERVICES N_ANSWERS [WORK_DIR]\n");
      return 2;
    }
  n_answers = g_ascii_strtoull (argv[3], NULL, 10);
  work = argc > 4 ? g_strdup (argv[4]) : g_dir_make_tmp ("bench-outcomes-XXXXXX", NULL);
  path = g_build_filename (work, "outcomes.csv", NULL);

  g_print ("| step | wall s | CPU s | peak MB after |\n|---|---|---|---|\n");
  g_print ("| start | 0 | 0 | %.1f |\n", peak_mb ());
  options.cases_path = argv[1];
  options.services_path = argv[2];
  options.mapping = mapping;
  t0 = g_get_monotonic_time ();
  cpu0 = cpu_seconds ();
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  if (ds == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  report_step ("import cases and services", t0, cpu0);

  if (!write_outcomes (ds, path, n_answers, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_stat (path, &st) == 0)
    size = st.st_size;

  t0 = g_get_monotonic_time ();
  cpu0 = cpu_seconds ();
  if (!pathways_outcomes_import (ds, path, PATHWAYS_DATE_ORDER_YMD, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  report_step ("import outcomes", t0, cpu0);

  /* the case record keys (HMAC-SHA256 of each case ID), made once per dataset for the
   * cell keys of the profile's counts */
  t0 = g_get_monotonic_time ();
  cpu0 = cpu_seconds ();
  pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_CASE);
  report_step ("case record keys", t0, cpu0);

  analysis = pathways_analysis_new (ds);
  t0 = g_get_monotonic_time ();
  cpu0 = cpu_seconds ();
  report = pathways_analysis_run (analysis, NULL);
  report_step ("first report (cache, measures, outcomes, profile)", t0, cpu0);

  g_print ("\n%u cases, %u services; outcomes file %.1f MB, %u answers kept of %"
           G_GUINT64_FORMAT "\n", ds->n_cases, ds->n_services, size / 1e6,
           ds->outcomes->n_rows, n_answers);
  if (argc <= 4)
    {
      g_unlink (path);
      g_rmdir (work);
    }
  return report != NULL ? 0 : 1;
}
