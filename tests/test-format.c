/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-format.h: the one way numbers, percents, days and severities are written. */
#include "config.h"

#include <math.h>

#include "pathways.h"
#include "pathways-format.h"

static void
check_count (guint64     n,
             const char *expected)
{
  g_autofree char *s = pathways_format_count (n);

  g_assert_cmpstr (s, ==, expected);
}

static void
check_percent (double      pct,
               const char *expected)
{
  g_autofree char *s = pathways_format_percent (pct);

  g_assert_cmpstr (s, ==, expected);
}

static void
test_numbers (void)
{
  check_count (0, "0");
  check_count (999, "999");
  check_count (1000, "1,000");
  check_count (1204, "1,204");
  check_count (999999, "999,999");
  check_count (1000000, "1,000,000");
  check_count (G_MAXUINT64, "18,446,744,073,709,551,615");

  check_percent (0, "0 %");
  check_percent (9.26, "9.3 %");
  check_percent (9.94, "9.9 %");
  check_percent (9.95, "10 %");
  check_percent (47.98, "48 %");
  check_percent (100, "100 %");
  check_percent (NAN, "–");
}

static void
test_days (void)
{
  g_autofree char *a = pathways_format_day (pathways_day_from_ymd (2023, 5, 5));
  g_autofree char *b = pathways_format_day (PATHWAYS_DAY_NONE);
  g_autofree char *c = pathways_format_day_range (pathways_day_from_ymd (2022, 4, 1),
                                                  pathways_day_from_ymd (2023, 3, 31));
  g_autofree char *d = pathways_format_day_range (PATHWAYS_DAY_NONE, pathways_day_from_ymd (2023, 3, 31));
  g_autofree char *e = pathways_format_day_range (PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);

  g_assert_cmpstr (a, ==, "5 May 2023");
  g_assert_cmpstr (b, ==, "–");
  g_assert_cmpstr (c, ==, "1 Apr 2022 – 31 Mar 2023");
  g_assert_cmpstr (d, ==, "until 31 Mar 2023");
  g_assert_cmpstr (e, ==, "Whole period");
}

static void
test_severities (void)
{
  g_assert_cmpstr (pathways_severity_get_id (PATHWAYS_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (pathways_severity_get_id (PATHWAYS_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (pathways_severity_get_id (PATHWAYS_SEVERITY_ASSUMPTION), ==, "assumption");
  g_assert_cmpstr (pathways_severity_get_label (PATHWAYS_SEVERITY_ERROR), ==, "Left out of the data");
  g_assert_cmpstr (pathways_finding_kind_get_label (PATHWAYS_FINDING_DUPLICATE_CASE_ID), ==,
                   "Duplicate case IDs");
  g_assert_cmpstr (pathways_finding_kind_get_label (PATHWAYS_FINDING_ORPHAN_SERVICE), ==,
                   "Services without a matching case");
  /* every finding kind has words: no identifier reaches a reader */
  {
    const char *kinds[] = {
      PATHWAYS_FINDING_DUPLICATE_CASE_ID, PATHWAYS_FINDING_MISSING_CASE_ID,
      PATHWAYS_FINDING_ORPHAN_SERVICE, PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD,
      PATHWAYS_FINDING_IMPOSSIBLE_DATE, PATHWAYS_FINDING_DATE_OUT_OF_RANGE,
      PATHWAYS_FINDING_MISSING_REFERRAL_DATE, PATHWAYS_FINDING_NEGATIVE_DURATION,
      PATHWAYS_FINDING_INCONSISTENT_CASE, PATHWAYS_FINDING_RAGGED_ROW,
      PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD, PATHWAYS_FINDING_DATE_ORDER_ASSUMED,
    };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      g_assert_cmpstr (pathways_finding_kind_get_label (kinds[i]), !=, kinds[i]);
  }
}

/* A statistic or rate as a table shows it: one decimal, halves up, thousands grouped
 * like the counts beside it, a minus sign (U+2212) and no "−0.0". */
static void
test_statistics (void)
{
  static const struct { double value; const char *shown; } cases[] = {
    { 1964.04, "1,964.0" },
    { 1234567.89, "1,234,567.9" },
    { 12.25, "12.3" },
    { 0.05, "0.1" },
    { 0.0, "0.0" },
    { -0.04, "0.0" },
    { -2.96, "−3.0" },
    { -494.0, "−494.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint kind = 0; kind < 2; kind++)
      {
        PathwaysCell cell = { .kind = kind == 0 ? PATHWAYS_CELL_STATISTIC : PATHWAYS_CELL_RATE,
                              .defined = TRUE, .value = cases[i].value };
        g_autofree char *shown = pathways_cell_format (&cell, 5);

        g_assert_cmpstr (shown, ==, cases[i].shown);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/format/numbers", test_numbers);
  g_test_add_func ("/pathways/format/days", test_days);
  g_test_add_func ("/pathways/format/severities", test_severities);
  g_test_add_func ("/pathways/format/statistics", test_statistics);

  return g_test_run ();
}
