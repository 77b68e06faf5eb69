/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-report: time to rebuild the whole report model after a filter change, with
 * pandas and SQL computing three of its measures on the same data (issue 3).
 *
 * Usage: bench-report [OPTION...] [CASES.csv SERVICES.csv [RUNS]]
 *   --data-dir DIR      folder of build-aux/make-bench-data's files
 *                       (default $PATHWAYS_BENCH_DATA)
 *   --sizes N,N...      case counts (default 100000,1000000,10000000; sizes whose files
 *                       are missing are skipped with a message)
 *   --runs N            reports per size (default 21)
 *   --compare-runs N    pandas and SQL computations per size (default 5)
 *   --no-pandas, --no-sql
 *   --work-dir DIR      where the workspaces for SQL go (default: a temporary folder)
 *
 * Ours: one full pathways_report_new after a filter change (the referral-source filter
 * changes between runs as a user clicking through the sidebar does), with the measures
 * cache kept as the application keeps it. That is the WHOLE report (funnel and its
 * split, case and service closure reasons, six planned-closure rate tables with Wilson
 * intervals, five waiting measures with bands, still-waiting and monthly trends, time
 * before support, returners, multi-category fields, completeness), much more than the
 * three measures the comparators compute.
 *
 * pandas (/usr/bin/python3: the pyenv python3 on PATH has no pandas) and SQL (the
 * workspace's tables through the SQLite C API) compute, for the cohort "referral
 * source = Police": the journey funnel of closed cases (later evidence implies earlier
 * stages), the case closure-reason table (count and percent of closed cases) and the
 * service_wait statistics of Therapy services (n, mean, median, p90 type 7, min, max).
 * Each result is checked against our report for the same filter: a mismatch is printed
 * and the program exits with status 1. pandas' load (read_csv, the importer's cleaning,
 * date parsing) and its filter-independent preparation are timed apart from the
 * computation, as our import and measures cache are.
 *
 * Times are wall clock (g_get_monotonic_time, Python's perf_counter); CPU times are
 * the process's user + system time (ours: both threads), which a busy shared machine
 * inflates less. Nothing here asserts a timing: it prints a markdown table.
 */
#define G_LOG_DOMAIN "bench-report"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pathways.h"

#define PANDAS_PYTHON "/usr/bin/python3"
#define FILTER_SOURCE "Police"
#define THERAPY "Therapy"

/* The pandas side. Load: read_csv as text (empty cells stay "") of the columns the three
 * measures need (fewer columns make pandas' filtering cheaper and let 10 M cases fit
 * in memory; we import every column), then what our importer
 * does: keep the first row of a repeated case ID, leave out services whose case is
 * unknown, parse the ISO dates (impossible ones become NaT). Preparation (once per
 * dataset, like our measures cache): each service's wait in days from its own referral
 * date, else its case's. Computation (timed, RUNS times): the three measures for the
 * cases whose referral source is SOURCE. */
static const char pandas_script[] =
  "import sys, time\n"
  "import numpy as np\n"
  "import pandas as pd\n"
  "cases_path, services_path, source, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])\n"
  "PLANNED = {'planned closure', 'planned ending', 'completed', 'support completed'}\n"
  "def day(col):\n"
  "    return pd.to_datetime(col, format='%Y-%m-%d', errors='coerce')\n"
  "t = time.perf_counter(); p = time.process_time()\n"
  "c = pd.read_csv(cases_path, dtype=str, keep_default_na=False, usecols=['case_id',\n"
  "    'referral_date', 'first_contact_date', 'assessment_date', 'closure_date',\n"
  "    'closure_reason', 'referral_source'])\n"
  "s = pd.read_csv(services_path, dtype=str, keep_default_na=False, usecols=['case_id',\n"
  "    'service_type', 'service_referral_date', 'service_start_date'])\n"
  "c = c[(c.case_id != '') & ~c.case_id.duplicated()].reset_index(drop=True)\n"
  "s = s[s.case_id.isin(c.case_id)].reset_index(drop=True)\n"
  "c['referral_day'] = day(c.referral_date)\n"
  "s['service_referral_day'] = day(s.service_referral_date)\n"
  "s['service_start_day'] = day(s.service_start_date)\n"
  "print('load_s=%r' % (time.perf_counter() - t)); print('load_cpu_s=%r' % (time.process_time() - p))\n"
  "t = time.perf_counter(); p = time.process_time()\n"
  "case_ref = s.case_id.map(c.set_index('case_id').referral_day)\n"
  "wait_from = s.service_referral_day.where(s.service_referral_date != '', case_ref)\n"
  "s['wait'] = (s.service_start_day - wait_from).dt.days\n"
  "print('prep_s=%r' % (time.perf_counter() - t)); print('prep_cpu_s=%r' % (time.process_time() - p))\n"
  "def compute():\n"
  "    sel = c[c.referral_source == source]\n"
  "    closed = sel[sel.closure_date != '']\n"
  "    ids = closed.case_id\n"
  "    sv = s[s.case_id.isin(ids)]\n"
  "    planned = closed.closure_reason.str.lower().isin(PLANNED).values\n"
  "    started = ids.isin(sv.case_id[sv.service_start_date != '']).values | planned\n"
  "    allocated = ids.isin(sv.case_id).values | started\n"
  "    assessed = (closed.assessment_date != '').values | allocated\n"
  "    contacted = (closed.first_contact_date != '').values | assessed\n"
  "    funnel = [len(closed), int(contacted.sum()), int(assessed.sum()), int(allocated.sum()),\n"
  "              int(started.sum()), int(planned.sum())]\n"
  "    counts = closed.closure_reason.replace('', 'Not recorded').value_counts()\n"
  "    pct = counts * 100.0 / len(closed)\n"
  "    w = s.wait[(s.service_type == 'Therapy') & s.case_id.isin(sel.case_id)].dropna()\n"
  "    w = w[w >= 0]\n"
  "    stats = [len(w), w.mean(), w.median(), w.quantile(0.9), w.min(), w.max()]\n"
  "    return funnel, counts, pct, stats\n"
  "wall = []; cpu = []\n"
  "for i in range(runs):\n"
  "    t = time.perf_counter(); p = time.process_time()\n"
  "    funnel, counts, pct, stats = compute()\n"
  "    wall.append(time.perf_counter() - t); cpu.append(time.process_time() - p)\n"
  "print('compute_s=%r' % float(np.median(wall))); print('compute_cpu_s=%r' % float(np.median(cpu)))\n"
  "print('funnel=%s' % ','.join(str(x) for x in funnel))\n"
  "print('wait=%s' % ','.join(repr(float(x)) for x in stats))\n"
  "for r in counts.index:\n"
  "    print('closure\\t%s\\t%d\\t%r' % (r, counts[r], float(pct[r])))\n";

/* The SQL side: the workspace's tables (integer day numbers: NULL = none, -1 = present
 * but not a date) with the dictionary for the text values. ?1 is the referral source. */
static const char sql_funnel[] =
  "WITH closed AS ("
  "  SELECT c.case_index, c.first_contact_date, c.assessment_date, d.value AS reason"
  "  FROM cases c LEFT JOIN dictionary d ON d.field = 'closure_reason' AND d.code = c.closure_reason"
  "  WHERE c.referral_source = (SELECT code FROM dictionary"
  "                             WHERE field = 'referral_source' AND value = ?1)"
  "    AND c.closure_date IS NOT NULL),"
  " svc AS ("
  "  SELECT case_index, max(service_start_date IS NOT NULL) AS started FROM services"
  "  WHERE case_index IN (SELECT case_index FROM closed) GROUP BY case_index),"
  " level AS ("
  "  SELECT CASE WHEN lower(closed.reason) IN ('planned closure', 'planned ending',"
  "                                            'completed', 'support completed') THEN 6"
  "              WHEN svc.started THEN 5"
  "              WHEN svc.case_index IS NOT NULL THEN 4"
  "              WHEN closed.assessment_date IS NOT NULL THEN 3"
  "              WHEN closed.first_contact_date IS NOT NULL THEN 2"
  "              ELSE 1 END AS l"
  "  FROM closed LEFT JOIN svc USING (case_index))"
  "SELECT count(*), sum(l >= 2), sum(l >= 3), sum(l >= 4), sum(l >= 5), sum(l >= 6) FROM level";

static const char sql_closure[] =
  "WITH closed AS ("
  "  SELECT c.closure_reason AS code FROM cases c"
  "  WHERE c.referral_source = (SELECT code FROM dictionary"
  "                             WHERE field = 'referral_source' AND value = ?1)"
  "    AND c.closure_date IS NOT NULL)"
  "SELECT d.value, count(*), 100.0 * count(*) / (SELECT count(*) FROM closed)"
  "FROM closed JOIN dictionary d ON d.field = 'closure_reason' AND d.code = closed.code "
  "GROUP BY closed.code";

static const char sql_wait[] =
  "WITH w AS ("
  "  SELECT s.service_start_date - coalesce(s.service_referral_date, c.referral_date) AS d"
  "  FROM services s JOIN cases c USING (case_index)"
  "  WHERE c.referral_source = (SELECT code FROM dictionary"
  "                             WHERE field = 'referral_source' AND value = ?1)"
  "    AND s.service_type = (SELECT code FROM dictionary"
  "                          WHERE field = 'service_type' AND value = '" THERAPY "')"
  "    AND s.service_start_date > 0"
  "    AND coalesce(s.service_referral_date, c.referral_date) > 0),"
  " v AS (SELECT d, row_number () OVER (ORDER BY d) - 1 AS i, count(*) OVER () AS n"
  "       FROM w WHERE d >= 0),"
  " q AS (SELECT n, avg(d) AS mean, min(d) AS lo, max(d) AS hi,"
  "              (n - 1) * 0.5 AS h5, (n - 1) * 0.9 AS h9 FROM v),"
  " r AS (SELECT q.*,"
  "         (SELECT d FROM v WHERE i = CAST(h5 AS INTEGER)) AS a5,"
  "         (SELECT d FROM v WHERE i = min(CAST(h5 AS INTEGER) + 1, n - 1)) AS b5,"
  "         (SELECT d FROM v WHERE i = CAST(h9 AS INTEGER)) AS a9,"
  "         (SELECT d FROM v WHERE i = min(CAST(h9 AS INTEGER) + 1, n - 1)) AS b9"
  "       FROM q)"
  "SELECT coalesce(n, 0), mean,"
  "       a5 + (h5 - CAST(h5 AS INTEGER)) * (b5 - a5),"
  "       a9 + (h9 - CAST(h9 AS INTEGER)) * (b9 - a9), lo, hi FROM r";

typedef struct {
  char   *reason;
  guint   count;
  double  pct;
} ReasonRow;

/* The three measures, as ours and as each comparator has them */
typedef struct {
  guint      funnel[PATHWAYS_N_STAGES];
  GPtrArray *reasons;       /* ReasonRow* */
  double     wait[6];       /* n, mean, median, p90, min, max */
} Figures;

typedef struct {
  guint   n_cases, n_services;
  double  import_s, cache_s;
  double  median_ms, min_ms, max_ms, cpu_ms;
  double  first_ms, first_cpu_ms;   /* run 0: no filter, nothing computed before */
  char   *load_start, *load_end;    /* /proc/loadavg's first three figures */
  guint   over_frame;           /* reports slower than one 60 Hz frame (16 ms) */
  double  variant_ms[3];        /* medians: no filter, one source, two sources */
  double  variant_cpu_ms[3];
  double  selection_ms, measures_ms;
  /* a protected output (perturbation): the cell keys of a report, and the whole
   * protection (copy, keys, perturbation); the exact report above never pays for them */
  double  keys_ms, protect_ms, keys_cpu_ms;
  /* comparators: negative when not run */
  double  pandas_load_s, pandas_prep_s, pandas_ms, pandas_cpu_ms;
  double  save_s, sql_ms, sql_cpu_ms;
  gboolean pandas_ok, sql_ok;
} SizeResult;

static void
reason_row_free (gpointer p)
{
  ReasonRow *r = p;

  g_free (r->reason);
  g_free (r);
}

static void
figures_init (Figures *f)
{
  memset (f, 0, sizeof *f);
  f->reasons = g_ptr_array_new_with_free_func (reason_row_free);
}

static void
figures_clear (Figures *f)
{
  g_clear_pointer (&f->reasons, g_ptr_array_unref);
}

static void
add_reason (Figures    *f,
            const char *reason,
            guint       count,
            double      pct)
{
  ReasonRow *r = g_new (ReasonRow, 1);

  r->reason = g_strdup (reason);
  r->count = count;
  r->pct = pct;
  g_ptr_array_add (f->reasons, r);
}

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

/* The load average over 1, 5 and 15 minutes, as uptime prints it, or "?" */
static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  parts = g_strsplit (g_strstrip (text), " ", 4);
  if (g_strv_length (parts) < 3)
    return g_strdup ("?");
  return g_strdup_printf ("%s, %s, %s", parts[0], parts[1], parts[2]);
}

/* CPU time of the whole process (every thread), user + system */
static double
cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return NAN;
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gboolean
same_number (double a,
             double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

/* Prints every difference between OURS and THEIRS; TRUE when there is none */
static gboolean
check_figures (const char    *who,
               guint          n_cases,
               const Figures *ours,
               const Figures *theirs)
{
  static const char *wait_names[] = { "n", "mean", "median", "p90", "min", "max" };
  gboolean ok = TRUE;

  for (guint s = 0; s < PATHWAYS_N_STAGES; s++)
    if (ours->funnel[s] != theirs->funnel[s])
      {
        g_printerr ("MISMATCH (%s, %u cases): funnel stage %s: ours %u, %s %u\n", who, n_cases,
                    pathways_stage_get_id (s), ours->funnel[s], who, theirs->funnel[s]);
        ok = FALSE;
      }
  if (ours->reasons->len != theirs->reasons->len)
    {
      g_printerr ("MISMATCH (%s, %u cases): %u closure reasons in ours, %u in %s\n", who,
                  n_cases, ours->reasons->len, theirs->reasons->len, who);
      ok = FALSE;
    }
  for (guint i = 0; i < ours->reasons->len; i++)
    {
      ReasonRow *o = g_ptr_array_index (ours->reasons, i);
      ReasonRow *t = NULL;

      for (guint j = 0; j < theirs->reasons->len && t == NULL; j++)
        if (g_strcmp0 (((ReasonRow *) g_ptr_array_index (theirs->reasons, j))->reason, o->reason) == 0)
          t = g_ptr_array_index (theirs->reasons, j);
      if (t == NULL)
        {
          g_printerr ("MISMATCH (%s, %u cases): closure reason '%s' (%u cases) missing in %s\n",
                      who, n_cases, o->reason, o->count, who);
          ok = FALSE;
        }
      else if (t->count != o->count || !same_number (t->pct, o->pct))
        {
          g_printerr ("MISMATCH (%s, %u cases): closure reason '%s': ours %u (%.12g %%), "
                      "%s %u (%.12g %%)\n", who, n_cases, o->reason, o->count, o->pct, who,
                      t->count, t->pct);
          ok = FALSE;
        }
    }
  for (guint k = 0; k < 6; k++)
    if (!same_number (ours->wait[k], theirs->wait[k]))
      {
        g_printerr ("MISMATCH (%s, %u cases): Therapy service_wait %s: ours %.12g, %s %.12g\n",
                    who, n_cases, wait_names[k], ours->wait[k], who, theirs->wait[k]);
        ok = FALSE;
      }
  return ok;
}

/* ---- ours --------------------------------------------------------------------- */

static gboolean
figures_from_report (PathwaysReport *report,
                     Figures        *f)
{
  PathwaysMeasures *m = report->measures;
  PathwaysReportTable *t = pathways_report_get_table (report, "closure_reasons", NULL);
  PathwaysColumn *types = report->dataset->columns[PATHWAYS_FIELD_SERVICE_TYPE];
  int therapy = types != NULL ? pathways_dictionary_lookup (types->dict, THERAPY) : -1;
  int count_col, pct_col;

  for (guint s = 0; s < PATHWAYS_N_STAGES; s++)
    f->funnel[s] = m->stage_shown[s] ? m->stage_count[s] : G_MAXUINT;
  if (t == NULL || therapy < 0 || (guint) therapy >= m->svc_wait_n_types)
    {
      g_printerr ("bench-report: the report has no closure reasons or no %s services\n", THERAPY);
      return FALSE;
    }
  count_col = pathways_report_table_find_column (t, "count");
  pct_col = pathways_report_table_find_column (t, "pct");
  for (guint i = 0; i < t->rows->len; i++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i);

      add_reason (f, row->id, (guint) row->cells[count_col].value, row->cells[pct_col].value);
    }
  {
    PathwaysDurationStats *w = &m->svc_waits[therapy];

    f->wait[0] = w->n;
    f->wait[1] = w->mean;
    f->wait[2] = w->median;
    f->wait[3] = w->p90;
    f->wait[4] = w->n > 0 ? w->min : NAN;
    f->wait[5] = w->n > 0 ? w->max : NAN;
  }
  return TRUE;
}

/* ---- pandas -------------------------------------------------------------------- */

static gboolean
run_pandas (const char *cases,
            const char *services,
            guint       runs,
            SizeResult *r,
            Figures    *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *runs_text = g_strdup_printf ("%u", runs);
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { PANDAS_PYTHON, "-c", pandas_script, cases, services, FILTER_SOURCE,
                         runs_text, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-report: pandas failed: %s\n%s", error->message, err != NULL ? err : "");
      return FALSE;
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      char *eq = strchr (line, '=');

      if (g_str_has_prefix (line, "closure\t"))
        {
          g_auto(GStrv) parts = g_strsplit (line, "\t", -1);

          if (g_strv_length (parts) == 4)
            add_reason (f, parts[1], (guint) g_ascii_strtoull (parts[2], NULL, 10),
                        g_ascii_strtod (parts[3], NULL));
          continue;
        }
      if (eq == NULL)
        continue;
      *eq = '\0';
      if (strcmp (line, "load_s") == 0)
        r->pandas_load_s = g_ascii_strtod (eq + 1, NULL);
      else if (strcmp (line, "prep_s") == 0)
        r->pandas_prep_s = g_ascii_strtod (eq + 1, NULL);
      else if (strcmp (line, "compute_s") == 0)
        r->pandas_ms = g_ascii_strtod (eq + 1, NULL) * 1e3;
      else if (strcmp (line, "compute_cpu_s") == 0)
        r->pandas_cpu_ms = g_ascii_strtod (eq + 1, NULL) * 1e3;
      else if (strcmp (line, "funnel") == 0 || strcmp (line, "wait") == 0)
        {
          g_auto(GStrv) v = g_strsplit (eq + 1, ",", -1);
          gboolean funnel = line[0] == 'f';
          guint want = funnel ? PATHWAYS_N_STAGES : 6;

          if (g_strv_length (v) != want)
            {
              g_printerr ("bench-report: pandas printed %s=%s\n", line, eq + 1);
              return FALSE;
            }
          for (guint k = 0; k < want; k++)
            {
              if (funnel)
                f->funnel[k] = (guint) g_ascii_strtoull (v[k], NULL, 10);
              else
                f->wait[k] = g_ascii_strtod (v[k], NULL);
            }
        }
    }
  return r->pandas_ms >= 0;
}

/* ---- SQL ------------------------------------------------------------------------ */

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-report: SQL: %s\n", sqlite3_errmsg (db));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, FILTER_SOURCE, -1, SQLITE_STATIC);
  return stmt;
}

static double
column_number (sqlite3_stmt *stmt,
               int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, col);
}

/* The three queries once, into F (cleared first) */
static gboolean
sql_compute (sqlite3 *db,
             Figures *f)
{
  sqlite3_stmt *stmt;
  int rc;

  g_ptr_array_set_size (f->reasons, 0);
  if ((stmt = prepare (db, sql_funnel)) == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint k = 0; k < PATHWAYS_N_STAGES; k++)
      f->funnel[k] = (guint) sqlite3_column_int64 (stmt, k);
  sqlite3_finalize (stmt);

  if ((stmt = prepare (db, sql_closure)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_reason (f, (const char *) sqlite3_column_text (stmt, 0),
                (guint) sqlite3_column_int64 (stmt, 1), sqlite3_column_double (stmt, 2));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_printerr ("bench-report: SQL: %s\n", sqlite3_errmsg (db));
      return FALSE;
    }

  if ((stmt = prepare (db, sql_wait)) == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (guint k = 0; k < 6; k++)
      f->wait[k] = column_number (stmt, k);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
run_sql (PathwaysDataset *ds,
         const char      *work_dir,
         guint            runs,
         SizeResult      *r,
         Figures         *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("bench-report-%u.pathways", ds->n_cases);
  g_autofree char *path = g_build_filename (work_dir, name, NULL);
  g_autofree double *wall = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  sqlite3 *db = NULL;
  gboolean ok = TRUE;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  if (!pathways_workspace_save (ds, path, &error))
    {
      g_printerr ("bench-report: %s\n", error->message);
      return FALSE;
    }
  r->save_s = (g_get_monotonic_time () - t0) / 1e6;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("bench-report: %s: %s\n", path, sqlite3_errmsg (db));
      sqlite3_close (db);
      g_unlink (path);
      return FALSE;
    }
  /* the first run reads the file into SQLite's page cache and the kernel's; it is not
   * counted, as ours is measured with the dataset in memory */
  ok = sql_compute (db, f);
  for (guint i = 0; i < runs && ok; i++)
    {
      double c0 = cpu_ms ();

      t0 = g_get_monotonic_time ();
      ok = sql_compute (db, f);
      wall[i] = (g_get_monotonic_time () - t0) / 1e3;
      cpu[i] = cpu_ms () - c0;
    }
  sqlite3_close (db);
  g_unlink (path);
  if (!ok)
    return FALSE;
  r->sql_ms = median (wall, runs);
  r->sql_cpu_ms = median (cpu, runs);
  return TRUE;
}

/* ---- one size ------------------------------------------------------------------- */

/* Imports CASES and SERVICES with the sample mapping, timed; NULL on error */
static PathwaysDataset *
import_timed (const char *cases,
              const char *services,
              SizeResult *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_preset ("sample", &error);
  PathwaysImportOptions options = { 0, };
  PathwaysDataset *ds;
  gint64 t0;

  g_assert_no_error (error);
  options.cases_path = cases;
  options.services_path = services;
  options.mapping = mapping;
  t0 = g_get_monotonic_time ();
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  if (ds == NULL)
    {
      g_printerr ("bench-report: %s\n", error->message);
      return NULL;
    }
  r->import_s = (g_get_monotonic_time () - t0) / 1e6;
  r->n_cases = ds->n_cases;
  r->n_services = ds->n_services;
  g_printerr ("%s: %u cases, %u services, imported in %.1f s\n", cases, ds->n_cases,
              ds->n_services, r->import_s);
  return ds;
}

/* RUNS whole reports, each after a filter change: wall and CPU time, overall and per
 * kind of filter */
static void
time_reports (PathwaysDataset             *ds,
              const PathwaysReportOptions *report_options,
              guint                        runs,
              SizeResult                  *r)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  const char *source_values[] = { "Police", "Self-referral", NULL };
  gint64 t0;

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
      g_autoptr(PathwaysReport) report = NULL;
      double c0;

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
      c0 = cpu_ms ();
      t0 = g_get_monotonic_time ();
      report = pathways_report_new (ds, filter, report_options);
      times[run] = (g_get_monotonic_time () - t0) / 1e3;
      cpu[run] = cpu_ms () - c0;
      g_assert_nonnull (report);
    }
  /* the first report computes the whole dataset; later unfiltered ones find it kept in
   * the measures cache, so it is shown apart (it stays one of the runs) */
  r->first_ms = times[0];
  r->first_cpu_ms = cpu[0];
  for (guint v = 0; v < 3; v++)
    {
      g_autofree double *these = g_new (double, runs);
      g_autofree double *these_cpu = g_new (double, runs);
      guint k = 0;

      for (guint run = v; run < runs; run += 3, k++)
        {
          these[k] = times[run];
          these_cpu[k] = cpu[run];
        }
      r->variant_ms[v] = k > 0 ? median (these, k) : NAN;
      r->variant_cpu_ms[v] = k > 0 ? median (these_cpu, k) : NAN;
    }
  for (guint run = 0; run < runs; run++)
    if (times[run] > 16.0)
      r->over_frame++;
  r->median_ms = median (times, runs);
  r->min_ms = times[0];
  r->max_ms = times[runs - 1];
  r->cpu_ms = median (cpu, runs);
}

/* Where the time goes: the selection, then the measures */
static void
time_selection_and_measures (PathwaysDataset             *ds,
                             PathwaysMeasuresCache       *cache,
                             const PathwaysReportOptions *report_options,
                             guint                        runs,
                             SizeResult                  *r)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autofree double *t_apply = g_new (double, runs);
  g_autofree double *t_measures = g_new (double, runs);
  gint64 t0;

  pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(PathwaysSelection) sel = NULL;
      g_autoptr(PathwaysMeasures) m = NULL;

      t0 = g_get_monotonic_time ();
      sel = pathways_filter_apply (filter, ds);
      t_apply[run] = (g_get_monotonic_time () - t0) / 1e3;
      t0 = g_get_monotonic_time ();
      m = pathways_measures_compute (ds, cache, sel, &report_options->measures);
      t_measures[run] = (g_get_monotonic_time () - t0) / 1e3;
    }
  r->selection_ms = median (t_apply, runs);
  r->measures_ms = median (t_measures, runs);
}

/* A protected output by perturbation: its cell keys (eight narrowed reports and
 * eight narrowed measures for the people) and the whole protection of a copy */
static void
time_protection (PathwaysDataset             *ds,
                 PathwaysMeasuresCache       *cache,
                 const PathwaysReportOptions *report_options,
                 guint                        runs,
                 SizeResult                  *r)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysReport) report = NULL;
  g_autofree double *t_keys = g_new (double, runs);
  g_autofree double *t_protect = g_new (double, runs);
  g_autofree double *c_keys = g_new (double, runs);
  gint64 t0;

  pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  report = pathways_report_new (ds, filter, report_options);
  /* the record keys are made once per dataset (HMAC of every ID), before the first */
  pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_CASE);
  pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_SERVICE);
  pathways_dataset_get_record_keys (ds, PATHWAYS_RECORD_PERSON);
  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(PathwaysReport) copy = pathways_report_copy (report);
      g_autoptr(PathwaysReport) copy2 = pathways_report_copy (report);

      double c0 = cpu_ms ();

      t0 = g_get_monotonic_time ();
      _pathways_disclosure_compute_cell_keys (copy, cache);
      t_keys[run] = (g_get_monotonic_time () - t0) / 1e3;
      c_keys[run] = cpu_ms () - c0;
      t0 = g_get_monotonic_time ();
      _pathways_disclosure_compute_cell_keys (copy2, cache);
      pathways_disclosure_apply_perturbation (copy2, PATHWAYS_DISCLOSURE_DEFAULT_THRESHOLD, FALSE);
      t_protect[run] = (g_get_monotonic_time () - t0) / 1e3;
    }
  r->keys_ms = median (t_keys, runs);
  r->keys_cpu_ms = median (c_keys, runs);
  r->protect_ms = median (t_protect, runs);
}

/* Pandas and SQL on the workspace compute three of the measures: the same figures as
 * ours, and their times */
static gboolean
compare_with_others (const char                  *cases,
                     const char                  *services,
                     PathwaysDataset             *ds,
                     const PathwaysReportOptions *report_options,
                     guint                        compare_runs,
                     gboolean                     pandas,
                     gboolean                     sql,
                     const char                  *work_dir,
                     SizeResult                  *r)
{
  Figures ours;
  gboolean ok;

  figures_init (&ours);
  {
    g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
    g_autoptr(PathwaysReport) report = NULL;

    pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, FILTER_SOURCE);
    report = pathways_report_new (ds, filter, report_options);
    ok = figures_from_report (report, &ours);
  }

  if (ok && pandas)
    {
      Figures theirs;

      figures_init (&theirs);
      if (!g_file_test (PANDAS_PYTHON, G_FILE_TEST_IS_EXECUTABLE))
        g_printerr ("bench-report: %s not found, pandas skipped\n", PANDAS_PYTHON);
      else if (run_pandas (cases, services, compare_runs, r, &theirs))
        {
          r->pandas_ok = check_figures ("pandas", r->n_cases, &ours, &theirs);
          ok = r->pandas_ok;
          g_printerr ("  pandas: load %.1f s, preparation %.2f s, computation %.1f ms "
                      "(CPU %.1f ms)%s\n", r->pandas_load_s, r->pandas_prep_s, r->pandas_ms,
                      r->pandas_cpu_ms, r->pandas_ok ? ", same figures as ours" : "");
        }
      else
        ok = FALSE;
      figures_clear (&theirs);
    }
  if (ok && sql)
    {
      Figures theirs;

      figures_init (&theirs);
      if (run_sql (ds, work_dir, compare_runs, r, &theirs))
        {
          r->sql_ok = check_figures ("SQL", r->n_cases, &ours, &theirs);
          ok = r->sql_ok;
          g_printerr ("  SQL: workspace saved in %.1f s, queries %.1f ms (CPU %.1f ms)%s\n",
                      r->save_s, r->sql_ms, r->sql_cpu_ms, r->sql_ok ? ", same figures as ours" : "");
        }
      else
        ok = FALSE;
      figures_clear (&theirs);
    }
  figures_clear (&ours);
  return ok;
}

static gboolean
bench_files (const char *cases,
             const char *services,
             guint       runs,
             guint       compare_runs,
             gboolean    pandas,
             gboolean    sql,
             const char *work_dir,
             SizeResult *r)
{
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysMeasuresCache) cache = NULL;
  PathwaysReportOptions report_options;
  gint64 t0;

  memset (r, 0, sizeof *r);
  r->pandas_ms = r->sql_ms = -1;
  ds = import_timed (cases, services, r);
  if (ds == NULL)
    return FALSE;

  r->load_start = load_average ();
  t0 = g_get_monotonic_time ();
  cache = pathways_measures_cache_new (ds);
  r->cache_s = (g_get_monotonic_time () - t0) / 1e6;
  pathways_report_options_init (&report_options);
  report_options.cache = cache;

  time_reports (ds, &report_options, runs, r);
  time_selection_and_measures (ds, cache, &report_options, runs, r);
  time_protection (ds, cache, &report_options, MAX (runs / 4, 3), r);
  r->load_end = load_average ();
  g_printerr ("  protected by perturbation (one source): cell keys %.1f ms (CPU %.1f ms), keys "
              "and perturbation %.1f ms\n", r->keys_ms, r->keys_cpu_ms, r->protect_ms);
  g_printerr ("  report after a filter change: median %.2f ms (%.2f-%.2f), CPU %.2f ms; "
              "no filter %.2f ms (CPU %.2f), one source %.2f ms (CPU %.2f), two sources %.2f ms "
              "(CPU %.2f); first (unfiltered, cold) %.2f ms (CPU %.2f); selection %.2f ms, "
              "measures %.2f ms; cache %.2f s; load average %s -> %s\n", r->median_ms,
              r->min_ms, r->max_ms, r->cpu_ms, r->variant_ms[0], r->variant_cpu_ms[0],
              r->variant_ms[1], r->variant_cpu_ms[1], r->variant_ms[2], r->variant_cpu_ms[2],
              r->first_ms, r->first_cpu_ms, r->selection_ms, r->measures_ms, r->cache_s,
              r->load_start, r->load_end);

  if (!pandas && !sql)
    return TRUE;
  return compare_with_others (cases, services, ds, &report_options, compare_runs, pandas, sql,
                              work_dir, r);
}

/* ---- activity and targets (issue 16) ---- */

/* The report after a filter change with the activity series (automatic unit) and three
 * targets, beside the same reports without them; the cohort is the data's last whole
 * financial quarter (targets compare it with the quarter before and a year before),
 * the referral-source filter changing between runs as in time_reports(). */
static gboolean
bench_activity (const char *cases,
                const char *services,
                guint       runs)
{
  static const char * const targets[] = { "contact=2wd", "assessment=10wd", "planned_closure=50%" };
  static const char * const variants[] = { "without", "activity", "targets", "both" };
  const char *source_values[] = { "Police", "Self-referral", NULL };
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysMeasuresCache) cache = NULL;
  g_autofree double *times = g_new (double, 4 * runs);
  g_autofree double *cpu = g_new (double, 4 * runs);
  g_autofree char *label = NULL;
  PathwaysReportOptions options[4];
  PathwaysPeriod quarter;
  SizeResult r;
  gint32 first, last;
  guint n_closed, n_persons, n_periods = 0;

  memset (&r, 0, sizeof r);
  ds = import_timed (cases, services, &r);
  if (ds == NULL)
    return FALSE;
  cache = pathways_measures_cache_new (ds);
  pathways_measures_cache_get_totals (cache, &n_closed, &n_persons, &first, &last);
  if (!pathways_period_containing (&quarter, PATHWAYS_PERIOD_FQUARTER, last) ||
      !pathways_period_shift (&quarter, -1, &quarter))
    {
      g_printerr ("bench-report: the data has no whole financial quarter\n");
      return FALSE;
    }
  label = pathways_period_get_label (&quarter);
  for (guint v = 0; v < 4; v++)
    {
      pathways_report_options_init (&options[v]);
      options[v].cache = cache;
      options[v].measures.activity = v == 1 || v == 3;
      if (v < 2)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (targets); k++)
        g_assert_true (pathways_target_parse (targets[k], &options[v].measures.targets[k], NULL));
      options[v].measures.n_targets = G_N_ELEMENTS (targets);
    }

  for (guint run = 0; run < runs; run++)
    for (guint v = 0; v < 4; v++)
      {
        g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
        g_autoptr(PathwaysReport) report = NULL;
        double c0 = cpu_ms ();
        gint64 t0;

        pathways_filter_set_range (filter, quarter.from, quarter.to);
        if (run % 3 == 1)
          pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, source_values[run % 2]);
        else if (run % 3 == 2)
          {
            pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
            pathways_filter_add_value (filter, PATHWAYS_FIELD_REFERRAL_SOURCE, "Healthcare");
          }
        t0 = g_get_monotonic_time ();
        report = pathways_report_new (ds, filter, &options[v]);
        times[v * runs + run] = (g_get_monotonic_time () - t0) / 1e3;
        cpu[v * runs + run] = cpu_ms () - c0;
        if (v == 3)
          {
            for (guint k = 0; k < report->tables->len; k++)
              {
                PathwaysReportTable *t = g_ptr_array_index (report->tables, k);
                if (g_str_equal (t->id, "activity"))
                  n_periods = t->rows->len;
              }
            if (pathways_report_get_table (report, "targets", NULL) == NULL || n_periods == 0)
              {
                g_printerr ("bench-report: the report has no activity or no targets table\n");
                return FALSE;
              }
          }
      }
  g_print ("\n#### The report with activity and targets after a filter change (%u cases, cohort %s, "
           "%u activity periods; median of %u; target: 1 M cases <= 16 ms)\n\n", ds->n_cases, label,
           n_periods, runs);
  g_print ("| report | wall | CPU |\n|---|---:|---:|\n");
  for (guint v = 0; v < 4; v++)
    {
      double m = median (times + v * runs, runs), mc = median (cpu + v * runs, runs);
      g_print ("| %s | %.2f ms | %.2f ms |\n", variants[v], m, mc);
    }
  return TRUE;
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
print_tables (const SizeResult *results,
              guint             n,
              guint             runs,
              guint             compare_runs)
{
  guint i_compared;

  g_print ("\n#### The whole report after a filter change (median of %u; targets: 1 M cases "
           "<= 16 ms, 10 M <= 150 ms)\n\n", runs);
  g_print ("| cases | services | report ms (min-max) | no filter / one source / two sources ms "
           "| runs over 16 ms | report CPU ms | CPU ms no filter / one / two "
           "| first report ms (CPU) | selection ms | measures ms "
           "| measures cache s (once) | import s | load average (start -> end) |\n");
  g_print ("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
  for (guint i = 0; i < n; i++)
    {
      const SizeResult *r = &results[i];
      g_autofree char *nc = format_count (r->n_cases);
      g_autofree char *ns = format_count (r->n_services);

      g_print ("| %s | %s | %.2f (%.2f-%.2f) | %.2f / %.2f / %.2f | %u of %u | %.2f "
               "| %.2f / %.2f / %.2f | %.2f (%.2f) | %.2f | %.2f | %.2f | %.1f | %s -> %s |\n",
               nc, ns, r->median_ms, r->min_ms, r->max_ms, r->variant_ms[0], r->variant_ms[1],
               r->variant_ms[2], r->over_frame, runs, r->cpu_ms, r->variant_cpu_ms[0],
               r->variant_cpu_ms[1], r->variant_cpu_ms[2], r->first_ms, r->first_cpu_ms,
               r->selection_ms, r->measures_ms, r->cache_s, r->import_s,
               r->load_start != NULL ? r->load_start : "?", r->load_end != NULL ? r->load_end : "?");
    }

  g_print ("\n#### A protected output by perturbation (referral source = %s): cell keys, "
           "then keys and perturbation of a copy (median of %u; the exact report above "
           "does not count keys)\n\n", FILTER_SOURCE, MAX (runs / 4, 3));
  g_print ("| cases | cell keys ms (CPU) | keys + perturbation ms |\n|---:|---:|---:|\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *nc = format_count (results[i].n_cases);
      g_print ("| %s | %.1f (%.1f) | %.1f |\n", nc, results[i].keys_ms, results[i].keys_cpu_ms,
               results[i].protect_ms);
    }

  for (i_compared = 0; i_compared < n; i_compared++)
    if (results[i_compared].pandas_ms >= 0 || results[i_compared].sql_ms >= 0)
      break;
  if (i_compared == n)
    return;
  g_print ("\n#### Funnel, closure reasons and Therapy waits elsewhere (referral source = "
           "%s; median of %u; ratio = their time / our whole report)\n\n", FILTER_SOURCE,
           compare_runs);
  g_print ("| cases | ours ms | pandas ms (CPU) | pandas / ours | pandas load s "
           "| pandas prep s | SQL ms (CPU) | SQL / ours | workspace save s | figures |\n");
  g_print ("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
  for (guint i = 0; i < n; i++)
    {
      const SizeResult *r = &results[i];
      g_autofree char *nc = format_count (r->n_cases);
      g_autofree char *pm = r->pandas_ms >= 0 ? g_strdup_printf ("%.1f (%.1f)", r->pandas_ms,
                                                                 r->pandas_cpu_ms)
                                              : g_strdup ("-");
      g_autofree char *pr = r->pandas_ms >= 0 ? g_strdup_printf ("%.0f x", r->pandas_ms / r->median_ms)
                                              : g_strdup ("-");
      g_autofree char *pl = r->pandas_ms >= 0 ? g_strdup_printf ("%.1f", r->pandas_load_s)
                                              : g_strdup ("-");
      g_autofree char *pp = r->pandas_ms >= 0 ? g_strdup_printf ("%.2f", r->pandas_prep_s)
                                              : g_strdup ("-");
      g_autofree char *sm = r->sql_ms >= 0 ? g_strdup_printf ("%.1f (%.1f)", r->sql_ms, r->sql_cpu_ms)
                                           : g_strdup ("-");
      g_autofree char *sr = r->sql_ms >= 0 ? g_strdup_printf ("%.0f x", r->sql_ms / r->median_ms)
                                           : g_strdup ("-");
      g_autofree char *ss = r->sql_ms >= 0 ? g_strdup_printf ("%.1f", r->save_s) : g_strdup ("-");
      const char *same = (r->pandas_ms >= 0 || r->sql_ms >= 0) ? "identical" : "-";

      g_print ("| %s | %.2f | %s | %s | %s | %s | %s | %s | %s | %s |\n", nc, r->median_ms, pm,
               pr, pl, pp, sm, sr, ss, same);
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
  g_autofree char *work_dir = NULL;
  g_auto(GStrv) size_list = NULL;
  g_autofree SizeResult *results = NULL;
  gboolean no_pandas = FALSE, no_sql = FALSE, own_work_dir = FALSE, ok = TRUE, activity = FALSE;
  int runs = 21, compare_runs = 5;
  guint n = 0, n_slots = 0;
  GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Benchmark data folder", "DIR" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Case counts, comma-separated", "N,N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Reports per size", "N" },
    { "compare-runs", 0, 0, G_OPTION_ARG_INT, &compare_runs, "pandas/SQL runs", "N" },
    { "no-pandas", 0, 0, G_OPTION_ARG_NONE, &no_pandas, "Skip pandas", NULL },
    { "no-sql", 0, 0, G_OPTION_ARG_NONE, &no_sql, "Skip SQL", NULL },
    { "work-dir", 0, 0, G_OPTION_ARG_FILENAME, &work_dir, "Workspace folder", "DIR" },
    { "activity", 0, 0, G_OPTION_ARG_NONE, &activity, "Only the report with activity and targets", NULL },
    { NULL }
  };

  context = g_option_context_new ("[CASES.csv SERVICES.csv [RUNS]] - report benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-report: %s\n", error->message);
      return 2;
    }
  if (argc >= 4)
    runs = atoi (argv[3]);
  if (runs < 1 || compare_runs < 1)
    {
      g_printerr ("bench-report: run counts must be at least 1\n");
      return 2;
    }
  if (work_dir == NULL)
    {
      work_dir = g_dir_make_tmp ("pathways-bench-report-XXXXXX", &error);
      if (work_dir == NULL)
        {
          g_printerr ("bench-report: %s\n", error->message);
          return 1;
        }
      own_work_dir = TRUE;
    }
  else if (g_mkdir_with_parents (work_dir, 0700) != 0)
    {
      g_printerr ("bench-report: cannot create %s: %s\n", work_dir, g_strerror (errno));
      return 1;
    }

  if (argc >= 3)
    {
      results = g_new0 (SizeResult, 1);
      n_slots = 1;
      ok = bench_files (argv[1], argv[2], runs, compare_runs, !no_pandas, !no_sql, work_dir,
                        &results[0]);
      n = ok ? 1 : 0;
    }
  else
    {
      if (data_dir == NULL)
        data_dir = g_strdup (g_getenv ("PATHWAYS_BENCH_DATA"));
      if (data_dir == NULL)
        {
          g_printerr ("Usage: bench-report CASES.csv SERVICES.csv [RUNS], or --data-dir DIR "
                      "or PATHWAYS_BENCH_DATA\n");
          if (own_work_dir)
            g_rmdir (work_dir);
          return 2;
        }
      size_list = g_strsplit (sizes != NULL ? sizes : "100000,1000000,10000000", ",", -1);
      n_slots = g_strv_length (size_list);
      results = g_new0 (SizeResult, n_slots);
      for (guint i = 0; size_list[i] != NULL && ok; i++)
        {
          g_autofree char *name_c = g_strdup_printf ("pathways-sample-cases-%s.csv", g_strstrip (size_list[i]));
          g_autofree char *name_s = g_strdup_printf ("pathways-sample-services-%s.csv", size_list[i]);
          g_autofree char *cases = g_build_filename (data_dir, name_c, NULL);
          g_autofree char *services = g_build_filename (data_dir, name_s, NULL);

          if (!g_file_test (cases, G_FILE_TEST_EXISTS))
            {
              g_printerr ("%s: missing, skipped (run build-aux/make-bench-data)\n", cases);
              continue;
            }
          if (activity)
            {
              ok = bench_activity (cases, services, runs);
              continue;
            }
          ok = bench_files (cases, services, runs, compare_runs, !no_pandas, !no_sql, work_dir,
                            &results[n]);
          if (ok)
            n++;
        }
    }
  if (n > 0)
    print_tables (results, n, runs, compare_runs);
  for (guint i = 0; i < n_slots; i++)
    {
      g_free (results[i].load_start);
      g_free (results[i].load_end);
    }
  if (own_work_dir)
    g_rmdir (work_dir);
  if (!ok)
    g_printerr ("bench-report: FAILED (see the messages above)\n");
  return ok && (n > 0 || activity) ? 0 : 1;
}
