/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import: CSV import, workspace save, workspace reopen and peak memory, with
 * pandas and the sqlite3 shell importing the same files in the same run (issue 2).
 *
 * Usage: bench-import [OPTION...]
 *   --data-dir DIR      folder of build-aux/make-bench-data's files
 *                       (default $PATHWAYS_BENCH_DATA)
 *   --sizes N,N...      case counts to run (default 100000,1000000)
 *   --runs N            imports per size, each in a fresh process (default 3)
 *   --reopen-runs N     workspace reopens per size, each in a fresh process (default 5)
 *   --compare-runs N    pandas and sqlite3 runs per size (default 3)
 *   --no-compare        skip pandas and sqlite3
 *   --generator PATH    pathways-generate, to write missing data files
 *   --work-dir DIR      where workspaces and the sqlite3 database go (default: a new
 *                       temporary folder, removed at the end)
 *
 * Every measurement runs in a fresh child process (this program run again with
 * --child), so the peak resident set (getrusage ru_maxrss, the kernel's VmHWM) of one
 * import is not mixed with another's. The child reports its peak before importing
 * (the baseline: the program, GLib and the mapping loaded) and after. Times are wall
 * clock from g_get_monotonic_time (); "import CPU" is the import's user + system
 * time, which a busy machine inflates less. The data files are read from the page
 * cache after the first run. For profiling, one import alone is
 *   bench-import --child import CASES SERVICES -
 * (a workspace path instead of "-" also saves it). Nothing here asserts a timing:
 * it prints a markdown table.
 */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "pathways.h"

#define PANDAS_PYTHON "/usr/bin/python3"

/* The pandas comparison: read_csv with dtype=str for every column that is not a date
 * and parse_dates for the dates (ISO, so pandas' fast path applies). The sample files
 * hold an impossible date on purpose (2021-02-31); read_csv then leaves that whole
 * column as text, so any date column still of object dtype is converted with
 * to_datetime (format ISO, errors='coerce'), which is what a careful pandas user has to
 * do and what our importer does (an impossible date becomes a finding). Only the reads
 * and the conversions are timed, not the interpreter start or "import pandas". */
static const char pandas_script[] =
  "import sys, time\n"
  "import pandas as pd\n"
  "cd = ['referral_date', 'first_contact_date', 'assessment_date', 'closure_date']\n"
  "sd = ['service_referral_date', 'service_start_date', 'service_end_date']\n"
  "fixed = []\n"
  "def read(path, dates):\n"
  "    header = pd.read_csv(path, nrows=0).columns\n"
  "    dtype = {c: str for c in header if c not in dates}\n"
  "    t = time.perf_counter()\n"
  "    df = pd.read_csv(path, dtype=dtype, parse_dates=dates)\n"
  "    for c in dates:\n"
  "        if df[c].dtype == object:\n"
  "            fixed.append(c)\n"
  "            df[c] = pd.to_datetime(df[c], format='%Y-%m-%d', errors='coerce')\n"
  "    return time.perf_counter() - t, len(df)\n"
  "t1, n1 = read(sys.argv[1], cd)\n"
  "t2, n2 = read(sys.argv[2], sd)\n"
  "print('seconds=%f' % (t1 + t2))\n"
  "print('rows=%d' % (n1 + n2))\n"
  "print('fixed=%s' % ','.join(fixed))\n";

typedef struct {
  guint n_cases;
  char *cases;
  char *services;
  gint64 input_bytes;
  /* ours */
  guint n_imported_cases, n_imported_services;
  double import_s, save_s, reopen_s;
  double import_min_s, import_max_s, import_cpu_s;
  double load_min, load_max;   /* 1-minute load average before each import */
  gint64 base_kb, import_peak_kb, save_peak_kb, reopen_peak_kb;
  gint64 workspace_bytes;
  /* comparators; negative when not run */
  double pandas_s, sqlite_s;
  guint pandas_runs, sqlite_runs;
} SizeResult;

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), cmp_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static gint64
cpu_us (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

/* The 1-minute load average, or -1: a shared machine's wall times need it beside them. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

static gint64
peak_kb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;  /* kilobytes on Linux */
}

/* ---- child side ---------------------------------------------------------------- */

static int
child_import (const char *cases,
              const char *services,
              const char *save_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_preset ("sample", &error);
  g_autoptr(PathwaysDataset) ds = NULL;
  PathwaysImportOptions options = { 0, };
  gint64 t0, c0;

  if (mapping == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 1;
    }
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  options.snapshot_day = pathways_day_from_ymd (2023, 5, 5);

  g_print ("base_kb=%" G_GINT64_FORMAT "\n", peak_kb ());
  t0 = g_get_monotonic_time ();
  c0 = cpu_us ();
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  if (ds == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 1;
    }
  g_print ("import_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - t0);
  g_print ("import_cpu_us=%" G_GINT64_FORMAT "\n", cpu_us () - c0);
  g_print ("import_peak_kb=%" G_GINT64_FORMAT "\n", peak_kb ());
  g_print ("cases=%u\nservices=%u\n", ds->n_cases, ds->n_services);

  if (save_path != NULL)
    {
      t0 = g_get_monotonic_time ();
      if (!pathways_workspace_save (ds, save_path, &error))
        {
          g_printerr ("bench-import: %s\n", error->message);
          return 1;
        }
      g_print ("save_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - t0);
      g_print ("save_peak_kb=%" G_GINT64_FORMAT "\n", peak_kb ());
    }
  return 0;
}

static int
child_reopen (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) ds = NULL;
  gint64 t0;

  g_print ("base_kb=%" G_GINT64_FORMAT "\n", peak_kb ());
  t0 = g_get_monotonic_time ();
  ds = pathways_workspace_load (path, &error);
  if (ds == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 1;
    }
  g_print ("reopen_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - t0);
  g_print ("reopen_peak_kb=%" G_GINT64_FORMAT "\n", peak_kb ());
  g_print ("cases=%u\nservices=%u\n", ds->n_cases, ds->n_services);
  return 0;
}

/* ---- parent side --------------------------------------------------------------- */

/* Runs ARGV, returns its stdout as a key=value table (NULL on failure) and the wall
 * time in seconds in WALL_S. */
static GHashTable *
run_child (const char * const  *argv,
           double              *wall_s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *table;
  int status;
  gint64 t0 = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    {
      g_printerr ("bench-import: cannot run %s: %s\n", argv[0], error->message);
      return NULL;
    }
  if (wall_s != NULL)
    *wall_s = (g_get_monotonic_time () - t0) / 1e6;
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-import: %s failed: %s\n%s", argv[0], error->message, err);
      return NULL;
    }

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');

      if (eq != NULL)
        g_hash_table_insert (table, g_strndup (lines[i], eq - lines[i]), g_strdup (eq + 1));
    }
  return table;
}

static gint64
get_int (GHashTable *table,
         const char *key)
{
  const char *v = g_hash_table_lookup (table, key);

  return v != NULL ? g_ascii_strtoll (v, NULL, 10) : -1;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static gboolean
ensure_data (SizeResult *r,
             const char *data_dir,
             const char *generator)
{
  if (g_file_test (r->cases, G_FILE_TEST_EXISTS) && g_file_test (r->services, G_FILE_TEST_EXISTS))
    return TRUE;
  if (generator == NULL)
    {
      g_printerr ("bench-import: %s is missing; run build-aux/make-bench-data "
                  "or pass --generator\n", r->cases);
      return FALSE;
    }
  else
    {
      g_autofree char *n = g_strdup_printf ("%u", r->n_cases);
      const char *argv[] = { generator, "--cases", n, "--seed", "20230505", "--format",
                             "sample", "--output-dir", data_dir, "--quiet", NULL };
      g_autoptr(GHashTable) t = NULL;

      g_mkdir_with_parents (data_dir, 0755);
      t = run_child (argv, NULL);
      return t != NULL && g_file_test (r->cases, G_FILE_TEST_EXISTS);
    }
}

static gboolean
bench_ours (SizeResult *r,
            const char *self,
            const char *work_dir,
            guint       runs,
            guint       reopen_runs)
{
  g_autofree char *ws_name = g_strdup_printf ("bench-%u.pathways", r->n_cases);
  g_autofree char *ws = g_build_filename (work_dir, ws_name, NULL);
  g_autofree double *imp = g_new0 (double, runs);
  g_autofree double *save = g_new0 (double, runs);
  g_autofree double *cpu = g_new0 (double, runs);
  g_autofree double *reopen = g_new0 (double, reopen_runs);

  r->load_min = G_MAXDOUBLE;
  r->load_max = -1;
  for (guint i = 0; i < runs; i++)
    {
      const char *argv[] = { self, "--child", "import", r->cases, r->services, ws, NULL };
      double load = load_average ();
      g_autoptr(GHashTable) t = run_child (argv, NULL);

      if (t == NULL)
        return FALSE;
      imp[i] = get_int (t, "import_us") / 1e6;
      save[i] = get_int (t, "save_us") / 1e6;
      cpu[i] = get_int (t, "import_cpu_us") / 1e6;
      r->base_kb = get_int (t, "base_kb");
      r->import_peak_kb = MAX (r->import_peak_kb, get_int (t, "import_peak_kb"));
      r->save_peak_kb = MAX (r->save_peak_kb, get_int (t, "save_peak_kb"));
      r->n_imported_cases = get_int (t, "cases");
      r->n_imported_services = get_int (t, "services");
      r->load_min = MIN (r->load_min, load);
      r->load_max = MAX (r->load_max, load);
      g_printerr ("  %u cases, import run %u: %.2f s (CPU %.2f s), save %.2f s, peak %.1f MB, "
                  "load average %.2f\n", r->n_cases, i + 1, imp[i], cpu[i], save[i],
                  get_int (t, "import_peak_kb") / 1024.0, load);
    }
  r->workspace_bytes = file_size (ws);

  for (guint i = 0; i < reopen_runs; i++)
    {
      const char *argv[] = { self, "--child", "reopen", ws, NULL };
      g_autoptr(GHashTable) t = run_child (argv, NULL);

      if (t == NULL)
        return FALSE;
      reopen[i] = get_int (t, "reopen_us") / 1e6;
      r->reopen_peak_kb = MAX (r->reopen_peak_kb, get_int (t, "reopen_peak_kb"));
      if ((guint) get_int (t, "cases") != r->n_imported_cases)
        g_printerr ("bench-import: reopened workspace has %" G_GINT64_FORMAT
                    " cases, import had %u\n", get_int (t, "cases"), r->n_imported_cases);
    }
  g_printerr ("  %u cases, reopen x%u: median %.3f s\n", r->n_cases, reopen_runs,
              median (reopen, reopen_runs));

  r->import_s = median (imp, runs);  /* sorts imp */
  r->import_min_s = imp[0];
  r->import_max_s = imp[runs - 1];
  r->save_s = median (save, runs);
  r->import_cpu_s = median (cpu, runs);
  r->reopen_s = median (reopen, reopen_runs);
  return TRUE;
}

static void
bench_comparators (SizeResult *r,
                   const char *work_dir,
                   guint       runs)
{
  g_autofree double *pandas = g_new0 (double, runs);
  g_autofree double *sqlite = g_new0 (double, runs);
  g_autofree char *db = g_build_filename (work_dir, "bench-sqlite.db", NULL);
  g_autofree char *import_cases = g_strdup_printf (".import --csv '%s' cases", r->cases);
  g_autofree char *import_services = g_strdup_printf (".import --csv '%s' services",
                                                      r->services);

  r->pandas_s = r->sqlite_s = -1;
  r->pandas_runs = r->sqlite_runs = 0;

  if (g_file_test (PANDAS_PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      for (guint i = 0; i < runs; i++)
        {
          const char *argv[] = { PANDAS_PYTHON, "-c", pandas_script, r->cases, r->services,
                                 NULL };
          g_autoptr(GHashTable) t = run_child (argv, NULL);
          const char *s = t != NULL ? g_hash_table_lookup (t, "seconds") : NULL;

          if (s == NULL)
            break;
          pandas[r->pandas_runs++] = g_ascii_strtod (s, NULL);
          g_printerr ("  %u cases, pandas run %u: %.2f s (columns left as text by "
                      "parse_dates: %s)\n", r->n_cases, i + 1, pandas[r->pandas_runs - 1],
                      (const char *) g_hash_table_lookup (t, "fixed"));
        }
      if (r->pandas_runs > 0)
        r->pandas_s = median (pandas, r->pandas_runs);
    }
  else
    g_printerr ("bench-import: %s not found, pandas skipped\n", PANDAS_PYTHON);

  for (guint i = 0; i < runs; i++)
    {
      const char *argv[] = { "sqlite3", db, import_cases, import_services, NULL };
      g_autoptr(GHashTable) t = NULL;
      double wall;

      g_unlink (db);
      t = run_child (argv, &wall);
      if (t == NULL)
        break;
      sqlite[r->sqlite_runs++] = wall;
      g_printerr ("  %u cases, sqlite3 run %u: %.2f s\n", r->n_cases, i + 1, wall);
    }
  g_unlink (db);
  if (r->sqlite_runs > 0)
    r->sqlite_s = median (sqlite, r->sqlite_runs);
}

static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static void
print_tables (SizeResult *results,
              guint       n,
              guint       runs,
              guint       reopen_runs,
              guint       compare_runs,
              gboolean    compare)
{
  g_print ("\n### Import, save, reopen (median of %u imports, %u reopens; "
           "MB = 10^6 bytes)\n\n", runs, reopen_runs);
  g_print ("| cases | services | input MB | import s (min-max) | MB/s | import CPU s | save s "
           "| workspace MB | reopen s | peak MB | baseline MB | bytes/case over baseline "
           "| target peak MB | peak save MB | peak reopen MB | load average |\n");
  g_print ("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < n; i++)
    {
      SizeResult *r = &results[i];
      g_autofree char *nc = format_count (r->n_imported_cases);
      g_autofree char *ns = format_count (r->n_imported_services);
      double peak = r->import_peak_kb * 1024.0;
      double base = r->base_kb * 1024.0;

      g_print ("| %s | %s | %.1f | %.2f (%.2f-%.2f) | %.0f | %.2f | %.2f | %.1f | %.3f "
               "| %.1f | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f-%.1f |\n",
               nc, ns, r->input_bytes / 1e6,
               r->import_s, r->import_min_s, r->import_max_s,
               r->input_bytes / 1e6 / r->import_s, r->import_cpu_s, r->save_s, r->workspace_bytes / 1e6,
               r->reopen_s, peak / 1e6, base / 1e6,
               (peak - base) / MAX (r->n_imported_cases, 1),
               (150.0 * r->n_cases + 50e6) / 1e6,
               r->save_peak_kb * 1024.0 / 1e6, r->reopen_peak_kb * 1024.0 / 1e6,
               r->load_min, r->load_max);
    }

  if (!compare)
    return;
  g_print ("\n### The same import elsewhere (median of up to %u runs; ratio = their time "
           "/ ours)\n\n", compare_runs);
  g_print ("| cases | ours s | pandas s | pandas / ours | sqlite3 .import s "
           "| sqlite3 / ours |\n");
  g_print ("|---:|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < n; i++)
    {
      SizeResult *r = &results[i];
      g_autofree char *nc = format_count (r->n_cases);
      g_autofree char *ps = r->pandas_s >= 0 ? g_strdup_printf ("%.2f (%u run%s)", r->pandas_s,
                                                                r->pandas_runs,
                                                                r->pandas_runs == 1 ? "" : "s")
                                             : g_strdup ("-");
      g_autofree char *pr = r->pandas_s >= 0 ? g_strdup_printf ("%.1f x", r->pandas_s / r->import_s)
                                             : g_strdup ("-");
      g_autofree char *ss = r->sqlite_s >= 0 ? g_strdup_printf ("%.2f (%u run%s)", r->sqlite_s,
                                                                r->sqlite_runs,
                                                                r->sqlite_runs == 1 ? "" : "s")
                                             : g_strdup ("-");
      g_autofree char *sr = r->sqlite_s >= 0 ? g_strdup_printf ("%.1f x", r->sqlite_s / r->import_s)
                                             : g_strdup ("-");

      g_print ("| %s | %.2f | %s | %s | %s | %s |\n", nc, r->import_s, ps, pr, ss, sr);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *generator = NULL;
  g_autofree char *work_dir = NULL;
  g_autofree char *child = NULL;
  g_autofree char *self = NULL;
  g_auto(GStrv) size_list = NULL;
  g_autofree SizeResult *results = NULL;
  gboolean no_compare = FALSE;
  gboolean own_work_dir = FALSE;
  gboolean ok = TRUE;
  int runs = 3, reopen_runs = 5, compare_runs = 3;
  guint n = 0;
  GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Benchmark data folder", "DIR" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Case counts, comma-separated", "N,N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Imports per size", "N" },
    { "reopen-runs", 0, 0, G_OPTION_ARG_INT, &reopen_runs, "Reopens per size", "N" },
    { "compare-runs", 0, 0, G_OPTION_ARG_INT, &compare_runs, "pandas/sqlite3 runs", "N" },
    { "no-compare", 0, 0, G_OPTION_ARG_NONE, &no_compare, "Skip pandas and sqlite3", NULL },
    { "generator", 0, 0, G_OPTION_ARG_FILENAME, &generator, "pathways-generate", "PATH" },
    { "work-dir", 0, 0, G_OPTION_ARG_FILENAME, &work_dir, "Workspace folder", "DIR" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("- import benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 2;
    }

  if (g_strcmp0 (child, "import") == 0 && argc == 4)
    return child_import (argv[1], argv[2], strcmp (argv[3], "-") != 0 ? argv[3] : NULL);
  if (g_strcmp0 (child, "reopen") == 0 && argc == 2)
    return child_reopen (argv[1]);
  if (child != NULL)
    {
      g_printerr ("bench-import: bad --child call\n");
      return 2;
    }

  if (runs < 1 || reopen_runs < 1 || compare_runs < 1)
    {
      g_printerr ("bench-import: run counts must be at least 1\n");
      return 2;
    }
  if (data_dir == NULL)
    data_dir = g_strdup (g_getenv ("PATHWAYS_BENCH_DATA"));
  if (data_dir == NULL)
    {
      g_printerr ("bench-import: say where the data are: --data-dir DIR or "
                  "PATHWAYS_BENCH_DATA\n");
      return 2;
    }
  self = g_file_read_link ("/proc/self/exe", &error);
  if (self == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 1;
    }
  if (work_dir == NULL)
    {
      work_dir = g_dir_make_tmp ("pathways-bench-XXXXXX", &error);
      if (work_dir == NULL)
        {
          g_printerr ("bench-import: %s\n", error->message);
          return 1;
        }
      own_work_dir = TRUE;
    }
  else if (g_mkdir_with_parents (work_dir, 0700) != 0)
    {
      g_printerr ("bench-import: cannot create %s: %s\n", work_dir, g_strerror (errno));
      return 1;
    }

  size_list = g_strsplit (sizes != NULL ? sizes : "100000,1000000", ",", -1);
  results = g_new0 (SizeResult, g_strv_length (size_list));
  for (guint i = 0; size_list[i] != NULL && ok; i++)
    {
      SizeResult *r = &results[n];
      g_autofree char *cases_name = NULL;
      g_autofree char *services_name = NULL;
      guint64 v;

      if (!g_ascii_string_to_unsigned (g_strstrip (size_list[i]), 10, 1, G_MAXUINT32, &v, &error))
        {
          g_printerr ("bench-import: --sizes: %s\n", error->message);
          return 2;
        }
      r->n_cases = v;
      cases_name = g_strdup_printf ("pathways-sample-cases-%u.csv", r->n_cases);
      services_name = g_strdup_printf ("pathways-sample-services-%u.csv", r->n_cases);
      r->cases = g_build_filename (data_dir, cases_name, NULL);
      r->services = g_build_filename (data_dir, services_name, NULL);
      if (!ensure_data (r, data_dir, generator))
        {
          ok = FALSE;
          break;
        }
      r->input_bytes = file_size (r->cases) + file_size (r->services);

      g_printerr ("bench-import: %u cases (%.1f MB)\n", r->n_cases, r->input_bytes / 1e6);
      ok = bench_ours (r, self, work_dir, runs, reopen_runs);
      if (ok && !no_compare)
        bench_comparators (r, work_dir, compare_runs);
      if (ok)
        n++;
    }

  if (n > 0)
    print_tables (results, n, runs, reopen_runs, compare_runs, !no_compare);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ws_name = g_strdup_printf ("bench-%u.pathways", results[i].n_cases);
      g_autofree char *ws = g_build_filename (work_dir, ws_name, NULL);

      g_unlink (ws);
    }
  for (guint i = 0; size_list[i] != NULL; i++)
    {
      g_free (results[i].cases);
      g_free (results[i].services);
    }
  if (own_work_dir)
    g_rmdir (work_dir);
  return ok ? 0 : 1;
}
