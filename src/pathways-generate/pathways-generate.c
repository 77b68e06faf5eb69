/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate.c: writes the synthetic sample dataset.
 *
 * A fixed-seed generator of case-management exports shaped like the figures
 * published for one rape-crisis service (see docs/sample-data.md and
 * /shared/datasets/reference-figures.md). It writes either the application's sample
 * format (a case file and a service file, canonical values, ISO dates) or a
 * DPMS-style "long" export (one row per service, case columns repeated, raw
 * spellings, UK dates, CRLF line ends).
 *
 * Everything is integer arithmetic on a private xoshiro256** generator, so the
 * output is byte-identical on every machine, compiler and GLib version. Cases are
 * generated in referral-date order and written as they are made: memory stays
 * small (the day histogram and the pool of people who may come back) whatever
 * the number of cases.
 *
 * This file: the referral dates, the run and the command line. The other parts are
 * listed in pathways-generate-private.h.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib.h>

#include "pathways-generate-private.h"

static guint
digits (guint64 v)
{
  guint n = 1;

  while (v >= 10)
    {
      v /= 10;
      n++;
    }
  return n;
}

/* ------------------------------------------------------------------------ */
/* Referral dates                                                            */

/* Fills COUNTS (one per day from g->first_day to the day before the snapshot) with
 * the number of referrals on each day. */
static guint32 *
make_day_counts (Gen     *g,
                 gint32  *n_days_out)
{
  gint32 first_year, last_year, y, m, d, n_days;
  guint n_years;
  guint32 *weights, total = 0;
  gint32 *year_start, *year_len;
  guint32 *counts;
  Rng *rng = &g->rng;

  civil_from_days (g->first_day, &first_year, &m, &d);
  civil_from_days (g->snapshot - 1, &last_year, &m, &d);
  n_years = (guint) (last_year - first_year + 1);
  weights = g_new0 (guint32, n_years);
  year_start = g_new0 (gint32, n_years);
  year_len = g_new0 (gint32, n_years);
  for (guint i = 0; i < n_years; i++)
    {
      gint32 from_end = (gint32) (n_years - 1 - i);
      gint32 idx = (gint32) G_N_ELEMENTS (year_weights) - 1 - from_end;
      gint32 start, end;

      y = first_year + (gint32) i;
      weights[i] = year_weights[idx < 0 ? 0 : idx];
      start = i == 0 ? g->first_day : days_from_civil (y, 1, 1);
      end = i == n_years - 1 ? g->snapshot - 1 : days_from_civil (y, 12, 31);
      year_start[i] = start;
      year_len[i] = end - start + 1;
      /* Partial years weigh in proportion (a full year is 365 days). */
      weights[i] = (guint32) ((guint64) weights[i] * 1000 * (guint32) year_len[i] / 365);
      total += weights[i];
    }
  n_days = g->snapshot - g->first_day;
  counts = g_new0 (guint32, n_days);
  for (guint64 k = 0; k < g->n_cases; k++)
    {
      guint32 r = rng_below (rng, total);
      guint i = 0;

      while (i + 1 < n_years && r >= weights[i])
        r -= weights[i++];
      counts[year_start[i] - g->first_day + (gint32) rng_below (rng, (guint32) year_len[i])]++;
    }
  /* The export runs to the day before the snapshot: make sure that day has one. */
  if (counts[n_days - 1] == 0)
    {
      for (gint32 i = n_days - 2; i >= 0; i--)
        if (counts[i] > 0)
          {
            counts[i]--;
            counts[n_days - 1]++;
            break;
          }
    }
  g_free (weights);
  g_free (year_start);
  g_free (year_len);
  *n_days_out = n_days;
  return counts;
}

/* ------------------------------------------------------------------------ */

static gboolean
parse_iso_date (const char *s,
                gint32     *out)
{
  int y, m, d;
  char tail;

  if (s == NULL || sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1900 || y > 2999)
    return FALSE;
  *out = days_from_civil (y, m, d);
  return TRUE;
}

/* The sample's outcomes and appointments files ("-N" before ".csv" as above). */
static char *
extra_name (const char *what,
            guint64     n)
{
  if (n == SAMPLE_CASES)
    return g_strdup_printf ("pathways-sample-%s.csv", what);
  return g_strdup_printf ("pathways-sample-%s-%" G_GUINT64_FORMAT ".csv", what, n);
}

static void
file_names (Format       format,
            gboolean     quirky,
            guint64      n,
            char       **cases,
            char       **services)
{
  const char *stem = quirky ? "pathways-quirky" : "pathways-sample";

  if (format == FORMAT_DPMS)
    {
      *cases = n == SAMPLE_CASES ? g_strdup ("dpms-export.csv")
                                 : g_strdup_printf ("dpms-export-%" G_GUINT64_FORMAT ".csv", n);
      *services = NULL;
    }
  else if (n == SAMPLE_CASES)
    {
      *cases = g_strdup_printf ("%s-cases.csv", stem);
      *services = g_strdup_printf ("%s-services.csv", stem);
    }
  else
    {
      *cases = g_strdup_printf ("%s-cases-%" G_GUINT64_FORMAT ".csv", stem, n);
      *services = g_strdup_printf ("%s-services-%" G_GUINT64_FORMAT ".csv", stem, n);
    }
}

static gboolean
generate (Gen         *g,
          const char  *dir,
          guint64      seed,
          GError     **error)
{
  g_autofree char *cases_name = NULL;
  g_autofree char *services_name = NULL;
  g_autofree guint32 *counts = NULL;
  gint32 n_days;
  guint64 index = 0;
  Case *c;
  gboolean ok;

  rng_seed (&g->rng, seed);
  rng_seed (&g->plant_rng, seed ^ G_GUINT64_CONSTANT (0x5eed0fda7a0dd1e5));
  rng_seed (&g->extras_rng, seed ^ G_GUINT64_CONSTANT (0xa9ea0ca5e5a11ed0));
  gen_init_tables (g);
  extras_init (g);
  g->heap = g_array_new (FALSE, FALSE, sizeof (Returner));
  g->report = g_string_new (NULL);
  g->case_width = MAX (6, digits (g->n_cases + 1000));
  g->person_width = MAX (6, digits (g->n_cases + 100000));
  g->service_width = MAX (6, digits (g->n_cases * 2));

  /* Where the planted problems go (the same handful whatever the size). */
  plants_place (g);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: cannot create the folder: %s", dir, g_strerror (saved));
      return FALSE;
    }
  file_names (g->format, g->quirky, g->n_cases, &cases_name, &services_name);
  if (!out_open (&g->cases_out, dir, cases_name, g->format == FORMAT_DPMS,
                 g->format == FORMAT_DPMS, error))
    return FALSE;
  if (services_name != NULL
      && !out_open (&g->services_out, dir, services_name, FALSE, FALSE, error))
    {
      out_close (&g->cases_out, NULL);
      return FALSE;
    }
  if (g->quirky)
    {
      /* The quirks of some real exports, for the benchmarks: ';' between fields,
       * UK dates and CRLF line ends in both files. */
      g->cases_out.delimiter = g->services_out.delimiter = ';';
      g->cases_out.uk_dates = g->services_out.uk_dates = TRUE;
      g->cases_out.crlf = g->services_out.crlf = TRUE;
    }
  if (g->format == FORMAT_SAMPLE)
    {
      g_autofree char *outcomes_name = extra_name ("outcomes", g->n_cases);
      g_autofree char *appointments_name = extra_name ("appointments", g->n_cases);

      if (!out_open (&g->outcomes_out, dir, outcomes_name, FALSE, FALSE, error) ||
          !out_open (&g->appointments_out, dir, appointments_name, FALSE, FALSE, error))
        {
          out_close (&g->cases_out, NULL);
          out_close (&g->services_out, NULL);
          out_close (&g->outcomes_out, NULL);
          return FALSE;
        }
      extras_write_headers (g);
    }
  write_headers (g);

  counts = make_day_counts (g, &n_days);
  c = g_new0 (Case, 1);
  for (gint32 day = 0; day < n_days; day++)
    for (guint32 k = 0; k < counts[day]; k++, index++)
      {
        Marks m;
        guint64 first_service = g->next_service + 1;

        gen_case (g, c, index, g->first_day + day);
        apply_plants (g, c, &m);
        if (g->format == FORMAT_DPMS)
          write_dpms (g, c, &m);
        else
          {
            extras_pick_area (g, c);
            write_sample (g, c, &m);
            extras_write (g, c, first_service);
          }
        if (g->cases_out.failed || g->services_out.failed ||
            g->outcomes_out.failed || g->appointments_out.failed)
          break;
      }
  g_free (c);

  ok = out_close (&g->cases_out, error);
  ok = out_close (&g->services_out, ok ? error : NULL) && ok;
  ok = out_close (&g->outcomes_out, ok ? error : NULL) && ok;
  ok = out_close (&g->appointments_out, ok ? error : NULL) && ok;
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *snapshot = NULL;
  gint64 n_cases = SAMPLE_CASES;
  gint64 seed = (gint64) DEFAULT_SEED;
  int first_year = 2001;
  gboolean quiet = FALSE;
  gboolean quirky = FALSE;
  GOptionEntry entries[] = {
    { "cases", 'n', 0, G_OPTION_ARG_INT64, &n_cases, "Number of cases (default 6457)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 20230505)", "S" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "sample (default) or dpms", "FORMAT" },
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir, "Folder to write into (default .)", "DIR" },
    { "snapshot", 0, 0, G_OPTION_ARG_STRING, &snapshot, "Snapshot date (default 2023-05-05)", "YYYY-MM-DD" },
    { "first-year", 0, 0, G_OPTION_ARG_INT, &first_year, "Year of the first referrals, from June (default 2001)", "YEAR" },
    { "quirky", 0, 0, G_OPTION_ARG_NONE, &quirky, "Sample format with ';', UK dates and CRLF (pathways-quirky-*.csv)", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print nothing on success", NULL },
    { NULL }
  };
  Gen *g;
  gint64 t0;
  gboolean ok;

  context = g_option_context_new ("- write the synthetic Pathways sample dataset");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Writes DIR/pathways-sample-cases.csv, DIR/pathways-sample-services.csv,\n"
    "DIR/pathways-sample-outcomes.csv and DIR/pathways-sample-appointments.csv\n"
    "(with -N before .csv when N is not 6457), or DIR/dpms-export.csv for --format dpms;\n"
    "--quirky names the case and service files pathways-quirky-*.csv.\n"
    "The same seed gives byte-identical files on every machine.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pathways-generate: %s\n", error->message);
      return 2;
    }

  g = g_new0 (Gen, 1);
  if (format == NULL || g_str_equal (format, "sample"))
    g->format = FORMAT_SAMPLE;
  else if (g_str_equal (format, "dpms"))
    g->format = FORMAT_DPMS;
  else
    {
      g_printerr ("pathways-generate: --format must be 'sample' or 'dpms', not '%s'\n", format);
      g_free (g);
      return 2;
    }
  if (n_cases < 1 || n_cases > G_GINT64_CONSTANT (100000000))
    {
      g_printerr ("pathways-generate: --cases must be between 1 and 100,000,000\n");
      g_free (g);
      return 2;
    }
  if (quirky && g->format != FORMAT_SAMPLE)
    {
      g_printerr ("pathways-generate: --quirky is for the sample format\n");
      g_free (g);
      return 2;
    }
  g->quirky = quirky;
  g->n_cases = (guint64) n_cases;
  if (snapshot == NULL)
    g->snapshot = days_from_civil (2023, 5, 5);
  else if (!parse_iso_date (snapshot, &g->snapshot))
    {
      g_printerr ("pathways-generate: --snapshot '%s' is not a date (YYYY-MM-DD)\n", snapshot);
      g_free (g);
      return 2;
    }
  if (first_year < 1950 || days_from_civil (first_year, 6, 1) >= g->snapshot - 30)
    {
      g_printerr ("pathways-generate: --first-year must be from 1950 and at least a month "
                  "before the snapshot\n");
      g_free (g);
      return 2;
    }
  g->first_day = days_from_civil (first_year, 6, 1);

  t0 = g_get_monotonic_time ();
  ok = generate (g, output_dir != NULL ? output_dir : ".", (guint64) seed, &error);
  if (!ok)
    g_printerr ("pathways-generate: %s\n", error->message);
  else if (!quiet)
    {
      guint64 planted = 0;

      /* A long export cannot hold orphan services: they are not counted there. */
      for (guint i = 0; i < g->n_plants; i++)
        planted += g->plants[i].done
                   && !(g->format == FORMAT_DPMS && g->plants[i].kind == PLANT_ORPHAN_SERVICE);
      g_print ("%" G_GUINT64_FORMAT " cases, %" G_GUINT64_FORMAT " persons, %"
               G_GUINT64_FORMAT " services, %" G_GUINT64_FORMAT " bytes in %.1f s\n",
               g->n_cases, g->next_person, g->next_service,
               g->cases_out.bytes + g->services_out.bytes,
               (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);
      if (g->format == FORMAT_SAMPLE)
        g_print ("%" G_GUINT64_FORMAT " outcome answers, %" G_GUINT64_FORMAT " appointments\n",
                 g->n_answers, g->n_appointments);
      g_print ("planted data-quality problems: %" G_GUINT64_FORMAT "\n%s",
               planted, g->report->str);
    }
  g_array_unref (g->heap);
  g_string_free (g->report, TRUE);
  g_free (g);
  return ok ? 0 : 1;
}
