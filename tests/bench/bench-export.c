/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-export: time to write the full protected report as PDF, XLSX and CSV.
 *
 * Usage: bench-export [CASES.csv SERVICES.csv] [RUNS]
 * Without files, reads pathways-sample-{cases,services}-1000000.csv from
 * $PATHWAYS_BENCH_DATA (build-aux/make-bench-data), else the built-in sample. The
 * report is computed and protected first; only the writing is timed (median of RUNS,
 * default 5), into a temporary folder removed afterwards. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pathways.h"

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Writing through the output module (the writers are private to it): the report is
 * already protected, so the module writes it as it is. */
static double
time_writer (PathwaysOutputFormat         format,
             PathwaysReport              *report,
             const PathwaysExportOptions *options,
             const char                  *path,
             guint                        runs,
             goffset                     *size)
{
  g_autofree double *times = g_new (double, runs);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GError) error = NULL;
      PathwaysOutputRequest request;
      gint64 t0 = g_get_monotonic_time ();

      pathways_output_request_init (&request);
      request.options = options;
      if (!pathways_output_write (report, NULL, format, path, &request, &error))
        g_error ("bench-export: %s", error->message);
      times[run] = (g_get_monotonic_time () - t0) / 1e3;
    }
  if (size != NULL)
    {
      GStatBuf st;
      *size = g_stat (path, &st) == 0 ? st.st_size : 0;
    }
  qsort (times, runs, sizeof *times, cmp_double);
  return times[runs / 2];
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cases = NULL, *services = NULL, *dir = NULL;
  g_autofree char *pdf = NULL, *xlsx = NULL, *csv = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysReport) report = NULL, protected = NULL;
  g_autoptr(PathwaysExportOptions) options = pathways_export_options_new ();
  PathwaysImportOptions io = { 0, };
  PathwaysReportOptions ro;
  guint runs = 5, pages = 0;
  goffset pdf_size = 0, xlsx_size = 0;
  double t_pdf, t_xlsx, t_csv;
  gint64 t0;

  if (argc >= 3)
    {
      cases = g_strdup (argv[1]);
      services = g_strdup (argv[2]);
      if (argc >= 4)
        runs = MAX (1, atoi (argv[3]));
    }
  else
    {
      const char *data = g_getenv ("PATHWAYS_BENCH_DATA");
      if (data != NULL)
        {
          cases = g_build_filename (data, "pathways-sample-cases-1000000.csv", NULL);
          services = g_build_filename (data, "pathways-sample-services-1000000.csv", NULL);
        }
      if (cases == NULL || !g_file_test (cases, G_FILE_TEST_EXISTS))
        {
          g_print ("bench-export: no 1 M files in $PATHWAYS_BENCH_DATA (build-aux/make-bench-data); "
                   "using the built-in sample\n");
          g_clear_pointer (&cases, g_free);
          g_clear_pointer (&services, g_free);
          if (!pathways_sample_get_paths (&cases, &services, &error))
            g_error ("bench-export: %s", error->message);
        }
    }

  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
  io.cases_path = cases;
  io.services_path = services;
  io.mapping = mapping;
  t0 = g_get_monotonic_time ();
  ds = pathways_import (&io, NULL, NULL, NULL, &error);
  if (ds == NULL)
    g_error ("bench-export: %s", error->message);
  g_print ("%s: %u cases, %u services, imported in %.1f s\n", cases, ds->n_cases, ds->n_services,
           (g_get_monotonic_time () - t0) / 1e6);

  pathways_report_options_init (&ro);
  t0 = g_get_monotonic_time ();
  report = pathways_report_new (ds, NULL, &ro);
  {
    PathwaysDisclosurePolicy policy;

    pathways_disclosure_policy_from_options (&policy, options);
    protected = pathways_disclosure_policy_protect (&policy, report);
  }
  g_print ("report computed and protected in %.2f s (not counted): %u tables\n",
           (g_get_monotonic_time () - t0) / 1e6, protected->tables->len);

  options->title = g_strdup ("Benchmark report");
  options->organisation = g_strdup ("Pathways");
  dir = g_dir_make_tmp ("bench-export-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "report.pdf", NULL);
  xlsx = g_build_filename (dir, "report.xlsx", NULL);
  csv = g_build_filename (dir, "csv", NULL);

  t_pdf = time_writer (PATHWAYS_OUTPUT_PDF, protected, options, pdf, runs, &pdf_size);
  t_xlsx = time_writer (PATHWAYS_OUTPUT_XLSX, protected, options, xlsx, runs, &xlsx_size);
  t_csv = time_writer (PATHWAYS_OUTPUT_CSV, protected, options, csv, runs, NULL);
  {
    g_autofree char *text = NULL;
    gsize len = 0;
    /* the page count, from the PDF's page objects (the file holds NUL bytes) */
    if (g_file_get_contents (pdf, &text, &len, NULL))
      for (gsize i = 0; i + 12 < len; i++)
        if (memcmp (text + i, "/Type /Page", 11) == 0 && text[i + 11] != 's')
          pages++;
  }
  g_print ("median of %u runs, writing only:\n", runs);
  g_print ("  PDF   %7.0f ms  (%u pages, %.2f MB)\n", t_pdf, pages, pdf_size / 1e6);
  g_print ("  XLSX  %7.0f ms  (%.2f MB)\n", t_xlsx, xlsx_size / 1e6);
  g_print ("  CSV   %7.0f ms\n", t_csv);
  remove_tree (dir);
  return t_pdf <= 1000 && t_xlsx <= 1000 ? 0 : 1;
}
