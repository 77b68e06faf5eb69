/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window (issue 6): the window's responsiveness, measured under a display
 * (xvfb-run with GSK_RENDERER=cairo), printed as markdown tables:
 *
 *  1. start to first frame with the sample: fresh child processes of this program
 *     start the application as main.c does; the time runs from just before the
 *     spawn (and from the child's main()) to the first "after-paint" of the window's
 *     frame clock with the dataset page shown (target 1 s);
 *  2. the longest main-loop stall during a 1 M-case import started as the window
 *     starts it (pathways_window_open_files: a background GTask): a high-priority
 *     5 ms timeout records every gap from the start of the import to the first frame
 *     painted with the data, hand-over included (target 100 ms);
 *  3. filter click to redrawn charts on that window: a sidebar value is ticked, then
 *     unticked, through its PathwaysFilterItem (what the check button's binding does),
 *     and the time runs to the next "after-paint"; split from the window's timing
 *     log (g_debug) into report, sidebar counts, other views and layout + paint
 *     (target 50 ms).
 *
 * Usage: bench-window [--data-dir DIR] [--size N] [--starts N] [--values N]
 * DIR defaults to $PATHWAYS_BENCH_DATA, N to 1000000 cases; without the files the
 * import and filter parts use the sample instead. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <glib/gi18n.h>

#include "pathways-application.h"
#include "pathways-filter-sidebar.h"
#include "pathways-window.h"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  if (values->len == 0)
    return 0.0;
  g_array_sort (values, compare_double);
  index = (guint) (p * values->len + 0.999999);
  index = index > 0 ? index - 1 : 0;
  return g_array_index (values, double, MIN (index, values->len - 1));
}

static double
max_of (GArray *values)
{
  double m = 0.0;

  for (guint i = 0; i < values->len; i++)
    m = MAX (m, g_array_index (values, double, i));
  return m;
}

/* CPU time of the calling thread, and of the whole process, in µs */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
process_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The build's settings schemas and the source tree's sample, when the environment
 * does not name them (a build directory inside the source tree). */
static void
default_environment (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bench_dir = exe != NULL ? g_path_get_dirname (exe) : NULL;
  g_autofree char *build_dir = bench_dir != NULL ? g_build_filename (bench_dir, "..", "..", NULL) : NULL;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  if (build_dir == NULL)
    return;
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *schemas = g_build_filename (build_dir, "data", NULL);
      g_autofree char *compiled = g_build_filename (schemas, "gschemas.compiled", NULL);

      if (g_file_test (compiled, G_FILE_TEST_EXISTS))
        g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }
}

/* 1. Start to first frame (the child) */

static gint64 child_main_time;

static void
child_after_paint (GdkFrameClock *clock,
                   gpointer       user_data)
{
  PathwaysWindow *window = user_data;
  static gboolean done;

  if (done || g_strcmp0 (pathways_window_get_page (window), "dataset") != 0)
    return;
  done = TRUE;
  printf ("first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
          " %" G_GINT64_FORMAT "\n", child_main_time, g_get_monotonic_time (),
          process_cpu_us (), thread_cpu_us ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
child_window_realized (GtkWidget *widget,
                       gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (child_after_paint), widget);
}

static void
child_window_added (GtkApplication *app,
                    GtkWindow      *window,
                    gpointer        user_data)
{
  if (PATHWAYS_IS_WINDOW (window))
    g_signal_connect (window, "realize", G_CALLBACK (child_window_realized), NULL);
}

static int
run_first_frame_child (char *argv0)
{
  g_autoptr(PathwaysApplication) app = NULL;
  char *argv[] = { argv0, NULL };

  child_main_time = g_get_monotonic_time ();
  /* as main.c */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Pathways"));
  app = pathways_application_new (APPLICATION_ID,
                                  G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (app, "window-added", G_CALLBACK (child_window_added), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

static gboolean
measure_first_frame (const char *self_path,
                     guint       n_starts)
{
  g_autoptr(GArray) from_spawn = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) from_main = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) thread_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < n_starts + 1; run++)
    {
      const char *argv[] = { self_path, "--first-frame-child", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      gint64 spawned, main_time, paint_time, process_cpu, main_cpu;
      double spawn_ms, main_ms, cpu_ms, main_cpu_ms;
      const char *line;
      int status;

      spawned = g_get_monotonic_time ();
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, &err, &status, &error))
        {
          g_printerr ("bench-window: %s\n", error->message);
          return FALSE;
        }
      line = out != NULL ? strstr (out, "first-frame ") : NULL;
      if (line == NULL ||
          sscanf (line, "first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                  " %" G_GINT64_FORMAT, &main_time, &paint_time, &process_cpu, &main_cpu) != 4)
        {
          g_printerr ("bench-window: the child painted no frame with the sample (status %d): %s\n",
                      status, err != NULL ? err : "");
          return FALSE;
        }
      spawn_ms = (paint_time - spawned) / 1000.0;
      main_ms = (paint_time - main_time) / 1000.0;
      cpu_ms = process_cpu / 1000.0;
      main_cpu_ms = main_cpu / 1000.0;
      /* the first start warms the page cache */
      if (run == 0)
        continue;
      g_array_append_val (from_spawn, spawn_ms);
      g_array_append_val (from_main, main_ms);
      g_array_append_val (cpu, cpu_ms);
      g_array_append_val (thread_cpu, main_cpu_ms);
    }

  printf ("### Start to first frame with the sample (target 1 s)\n\n");
  printf ("| measure | median ms | max ms |\n|---|---:|---:|\n");
  printf ("| process start to first frame | %.0f | %.0f |\n",
          percentile (from_spawn, 0.5), max_of (from_spawn));
  printf ("| main() to first frame | %.0f | %.0f |\n",
          percentile (from_main, 0.5), max_of (from_main));
  printf ("| CPU time to first frame, all threads | %.0f | %.0f |\n",
          percentile (cpu, 0.5), max_of (cpu));
  printf ("| CPU time to first frame, main thread | %.0f | %.0f |\n\n",
          percentile (thread_cpu, 0.5), max_of (thread_cpu));
  printf ("%u fresh processes after one warm-up; verdict: %s\n\n", n_starts,
          percentile (from_spawn, 0.5) <= 1000.0 ? "met" : "missed");
  return TRUE;
}

/* The window's timing log */

static double log_report_ms = -1.0;
static double log_views_ms = -1.0;
static double log_sidebar_ms = -1.0;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }

  if ((level & G_LOG_LEVEL_DEBUG) == 0)
    return g_log_writer_default (level, fields, n_fields, user_data);
  if (message == NULL)
    return G_LOG_WRITER_HANDLED;

  /* the window logs "Views updated in V ms" (the session's new report shown), then
   * "Report rebuilt and shown in T ms": the rebuild is T less V */
  if (g_str_has_prefix (message, "Views updated in "))
    sscanf (message, "Views updated in %lf ms", &log_views_ms);
  else if (g_str_has_prefix (message, "Report rebuilt and shown in "))
    {
      double shown = -1.0;

      if (sscanf (message, "Report rebuilt and shown in %lf ms", &shown) == 1)
        log_report_ms = shown - MAX (log_views_ms, 0.0);
    }
  else if (g_str_has_prefix (message, "Sidebar counts updated in "))
    sscanf (message, "Sidebar counts updated in %lf ms", &log_sidebar_ms);
  if (g_getenv ("BENCH_WINDOW_LOG") != NULL)
    g_printerr ("log: %s\n", message);
  return G_LOG_WRITER_HANDLED;
}

/* Frames and stalls */

static guint n_paints;
static gint64 last_paint_time;
static gint64 last_paint_cpu;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  n_paints++;
  last_paint_time = g_get_monotonic_time ();
  last_paint_cpu = thread_cpu_us ();
}

static gboolean
timeout_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until a frame is painted after this call, at most 10 s. */
static gboolean
wait_for_paint (void)
{
  guint before = n_paints;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (n_paints == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return n_paints != before;
}

typedef struct {
  GArray *gaps;          /* double ms between two ticks */
  GArray *cpu_gaps;      /* double ms of main-thread CPU time between two ticks */
  gint64  last;
  gint64  last_cpu;
  gint64  switch_time;   /* when the dataset page came */
  double  switch_gap;    /* the gap the page came in */
  guint   switch_index;  /* its index in gaps and cpu_gaps */
} Stalls;

static gboolean
stall_tick (gpointer data)
{
  Stalls *stalls = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  double gap = (now - stalls->last) / 1000.0;
  double cpu_gap = (cpu - stalls->last_cpu) / 1000.0;

  g_array_append_val (stalls->gaps, gap);
  g_array_append_val (stalls->cpu_gaps, cpu_gap);
  stalls->last_cpu = cpu;
  if (stalls->switch_time != 0 && stalls->switch_gap < 0 && stalls->switch_time <= now)
    {
      stalls->switch_gap = gap;
      stalls->switch_index = stalls->gaps->len - 1;
    }
  if (gap > 50.0 && g_getenv ("BENCH_WINDOW_LOG") != NULL)
    g_printerr ("log: tick %u: gap %.1f ms, main-thread CPU %.1f ms (to %.1f ms of it), %s\n",
                stalls->gaps->len - 1, gap, cpu_gap, cpu / 1000.0, stalls->switch_time == 0 ? "before the dataset page" : "after it");
  stalls->last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_page_changed (GtkStack   *stack,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  Stalls *stalls = user_data;

  if (stalls->switch_time == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (stack), "dataset") == 0)
    stalls->switch_time = g_get_monotonic_time ();
}

static gboolean
measure_import (PathwaysWindow *window,
                const char     *cases,
                const char     *services,
                const char     *label)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              PATHWAYS_TYPE_WINDOW, "stack"));
  g_autoptr(GFile) cases_file = g_file_new_for_path (cases);
  g_autoptr(GFile) services_file = services != NULL ? g_file_new_for_path (services) : NULL;
  GFile *files[] = { cases_file, services_file };
  Stalls stalls = {
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    0, 0, 0, -1.0, 0,
  };
  gint64 start, shown = 0, painted = 0;
  gint64 deadline;
  guint id, handler;
  double worst, switch_cpu;
  g_autoptr(GString) after = NULL;

  handler = g_signal_connect (stack, "notify::visible-child", G_CALLBACK (on_page_changed), &stalls);
  start = stalls.last = g_get_monotonic_time ();
  stalls.last_cpu = thread_cpu_us ();
  id = g_timeout_add_full (G_PRIORITY_HIGH, 5, stall_tick, &stalls, NULL);
  pathways_window_open_files (window, files, services != NULL ? 2 : 1);
  deadline = start + 600 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!pathways_window_is_loading (window))
        break;
    }
  shown = stalls.switch_time;
  if (g_strcmp0 (pathways_window_get_page (window), "dataset") == 0 && wait_for_paint ())
    painted = last_paint_time;
  stall_tick (&stalls);
  g_source_remove (id);
  g_signal_handler_disconnect (stack, handler);

  if (painted == 0 || shown == 0)
    {
      g_printerr ("bench-window: the import of %s did not show: %s\n", cases,
                  pathways_window_get_error_message (window));
      g_array_unref (stalls.gaps);
      g_array_unref (stalls.cpu_gaps);
      return FALSE;
    }

  /* max_of() and percentile() sort the arrays: the gaps after the hand-over first */
  after = g_string_new (NULL);
  for (guint i = stalls.switch_index + 1; i < stalls.gaps->len && i <= stalls.switch_index + 3; i++)
    g_string_append_printf (after, "| gap %u after it, wall / main-thread CPU | %.1f / %.1f |\n",
                            i - stalls.switch_index, g_array_index (stalls.gaps, double, i),
                            g_array_index (stalls.cpu_gaps, double, i));
  switch_cpu = g_array_index (stalls.cpu_gaps, double, stalls.switch_index);

  worst = max_of (stalls.gaps);
  printf ("### Main-loop stalls during the %s import (target 100 ms)\n\n", label);
  printf ("| measure | ms |\n|---|---:|\n");
  printf ("| import start to dataset page | %.0f |\n", (shown - start) / 1000.0);
  printf ("| dataset page to first painted frame | %.0f |\n", (painted - shown) / 1000.0);
  printf ("| longest gap between 5 ms ticks | %.1f |\n", worst);
  printf ("| 99th percentile gap | %.1f |\n", percentile (stalls.gaps, 0.99));
  printf ("| most main-thread CPU time between two ticks | %.1f |\n", max_of (stalls.cpu_gaps));
  printf ("| 99th percentile of it | %.1f |\n", percentile (stalls.cpu_gaps, 0.99));
  printf ("| gap in which the import was handed over | %.1f |\n", stalls.switch_gap);
  printf ("| main-thread CPU time in it | %.1f |\n", switch_cpu);
  printf ("%s", after->str);
  printf ("| ticks | %u |\n\n", stalls.gaps->len);
  printf ("verdict: %s by the wall-clock gaps, %s by the main thread's CPU time\n\n",
          worst <= 100.0 ? "met" : "missed",
          max_of (stalls.cpu_gaps) <= 100.0 ? "met" : "missed");
  g_array_unref (stalls.gaps);
  g_array_unref (stalls.cpu_gaps);
  return TRUE;
}

typedef struct {
  GArray *total, *report, *sidebar, *views, *paint, *cpu;
} Clicks;

static void
click (PathwaysFilterItem *item,
       gboolean            active,
       Clicks             *clicks)
{
  gint64 t0, t1, c0;
  double total, paint, report, sidebar, views, cpu;

  log_report_ms = log_views_ms = log_sidebar_ms = -1.0;
  c0 = thread_cpu_us ();
  t0 = g_get_monotonic_time ();
  pathways_filter_item_set_active (item, active);
  t1 = g_get_monotonic_time ();
  if (!wait_for_paint ())
    g_printerr ("bench-window: no frame after a filter click\n");
  total = (last_paint_time - t0) / 1000.0;
  paint = (last_paint_time - t1) / 1000.0;
  report = MAX (log_report_ms, 0.0);
  sidebar = MAX (log_sidebar_ms, 0.0);
  views = (t1 - t0) / 1000.0 - report - sidebar;
  cpu = (last_paint_cpu - c0) / 1000.0;
  g_array_append_val (clicks->cpu, cpu);
  g_array_append_val (clicks->total, total);
  g_array_append_val (clicks->paint, paint);
  g_array_append_val (clicks->report, report);
  g_array_append_val (clicks->sidebar, sidebar);
  g_array_append_val (clicks->views, views);
  if (g_getenv ("BENCH_WINDOW_LOG") != NULL)
    g_printerr ("click: %.1f ms to a painted frame (report %.1f, sidebar %.1f, views %.1f, paint %.1f)\n",
                total, report, sidebar, views, paint);
}

static void
measure_clicks (PathwaysWindow *window,
                guint           n_values,
                const char     *label)
{
  PathwaysFilterSidebar *sidebar =
    PATHWAYS_FILTER_SIDEBAR (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                            PATHWAYS_TYPE_WINDOW,
                                                            "filter_sidebar"));
  GListModel *model = pathways_filter_sidebar_get_model (sidebar);
  Clicks clicks = {
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
  };
  GArray *columns[] = {
    clicks.total, clicks.cpu, clicks.report, clicks.sidebar, clicks.views, clicks.paint,
  };
  const char *names[] = {
    "click to next painted frame", "the same in main-thread CPU time", "report rebuild", "sidebar counts",
    "cards, title and other views", "layout and paint (to after-paint)",
  };
  guint n_items = g_list_model_get_n_items (model);
  guint n_done = 0;

  /* one warm-up click: the first report of a filter fills caches */
  if (n_items > 0)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, 0);
      Clicks warm = {
        g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
        g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
        g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
      };

      click (item, TRUE, &warm);
      click (item, FALSE, &warm);
      g_array_unref (warm.total);
      g_array_unref (warm.report);
      g_array_unref (warm.sidebar);
      g_array_unref (warm.views);
      g_array_unref (warm.paint);
      g_array_unref (warm.cpu);
    }

  /* values spread over the fields: every (n_items / n_values)-th item */
  for (guint k = 0; k < n_values && k < n_items; k++)
    {
      guint index = n_items <= n_values ? k : (guint) ((guint64) k * n_items / n_values);
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, index);

      click (item, TRUE, &clicks);
      click (item, FALSE, &clicks);
      n_done++;
    }

  printf ("### Filter click to redrawn charts, %s (target 50 ms)\n\n", label);
  printf ("%u values ticked then unticked (%u clicks), window 1600 × 1000, journey page\n\n",
          n_done, clicks.total->len);
  printf ("| part | median ms | max ms |\n|---|---:|---:|\n");
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    printf ("| %s | %.1f | %.1f |\n", names[c], percentile (columns[c], 0.5), max_of (columns[c]));
  printf ("\nverdict (wall clock): %s; (main-thread CPU): %s\n\n",
          max_of (clicks.total) <= 50.0 ? "met" :
          percentile (clicks.total, 0.5) <= 50.0 ? "median met, max missed" : "missed",
          max_of (clicks.cpu) <= 50.0 ? "met" :
          percentile (clicks.cpu, 0.5) <= 50.0 ? "median met, max missed" : "missed");

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_array_unref (columns[c]);
}

static void
window_realized (GtkWidget *widget,
                 gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autofree char *label = NULL;
  g_autoptr(PathwaysApplication) app = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysWindow *window;
  int size = 1000000, n_starts = 7, n_values = 20;
  gint64 deadline;
  guint id;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "make-bench-data's folder", "DIR" },
    { "size", 0, 0, G_OPTION_ARG_INT, &size, "cases in the import (default 1000000)", "N" },
    { "starts", 0, 0, G_OPTION_ARG_INT, &n_starts, "fresh processes to start (default 7)", "N" },
    { "values", 0, 0, G_OPTION_ARG_INT, &n_values, "filter values to click (default 20)", "N" },
    { NULL },
  };

  default_environment ();
  if (argc == 2 && g_str_equal (argv[1], "--first-frame-child"))
    return run_first_frame_child (argv[0]);

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— the window's responsiveness");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 2;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: no display; run it under xvfb-run -a -s \"-screen 0 1600x1000x24\"\n");
      return 77;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL || !measure_first_frame (self_path, (guint) MAX (n_starts, 1)))
    return 1;

  /* the window's timing log, for this process only */
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "pathways-window pathways-filter-sidebar", TRUE);

  if (data_dir == NULL && g_getenv ("PATHWAYS_BENCH_DATA") != NULL)
    data_dir = g_strdup (g_getenv ("PATHWAYS_BENCH_DATA"));
  if (data_dir != NULL)
    {
      g_autofree char *c = g_strdup_printf ("pathways-sample-cases-%d.csv", size);
      g_autofree char *s = g_strdup_printf ("pathways-sample-services-%d.csv", size);

      cases = g_build_filename (data_dir, c, NULL);
      services = g_build_filename (data_dir, s, NULL);
    }
  if (cases == NULL || !g_file_test (cases, G_FILE_TEST_IS_REGULAR))
    {
      g_clear_pointer (&cases, g_free);
      g_clear_pointer (&services, g_free);
      if (!pathways_sample_get_paths (&cases, &services, &error))
        {
          g_printerr ("bench-window: %s\n", error->message);
          return 1;
        }
      label = g_strdup ("the sample (no benchmark data)");
    }
  else
    {
      g_autofree char *count = pathways_format_count ((guint64) size);

      if (!g_file_test (services, G_FILE_TEST_IS_REGULAR))
        g_clear_pointer (&services, g_free);
      label = g_strdup_printf ("%s cases", count);
    }

  app = pathways_application_new (APPLICATION_ID,
                                  G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 1;
    }
  window = pathways_window_new (app);
  g_signal_connect (window, "realize", G_CALLBACK (window_realized), NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  id = g_timeout_add (10, timeout_tick, NULL);
  while ((!gtk_widget_get_mapped (GTK_WIDGET (window)) || n_paints == 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);

  if (!measure_import (window, cases, services, label))
    return 1;
  measure_clicks (window, (guint) MAX (n_values, 1), label);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return 0;
}
