/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Day numbers: pathways_day_from_ymd() is arithmetic for speed, and must give GDate's
 * Julian days exactly, since workspaces store them. */
#include "config.h"

#include "pathways.h"

/* Every day of years 1 to 9999, one after another. */
static void
test_day_from_ymd_every_day (void)
{
  GDate date;
  guint32 last = 0;
  guint32 checked = 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1);
  last = g_date_get_julian (&date);
  g_assert_cmpuint (last, ==, 1);
  g_assert_cmpint (pathways_day_from_ymd (1, 1, 1), ==, 1);

  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 9999);
  last = g_date_get_julian (&date);

  for (guint32 julian = 1; julian <= last; julian++)
    {
      int y, m, d;

      g_date_set_julian (&date, julian);
      y = g_date_get_year (&date);
      m = g_date_get_month (&date);
      d = g_date_get_day (&date);
      if (pathways_day_from_ymd (y, m, d) != (gint32) julian)
        g_error ("%04d-%02d-%02d: %d, GDate says %u", y, m, d,
                 pathways_day_from_ymd (y, m, d), julian);
      checked++;
    }
  /* 9999 years of 365.2425 days */
  g_assert_cmpuint (checked, ==, 3652059);
}

static void
test_day_from_ymd_known (void)
{
  /* 1 March 1 follows 28 February 1 (a common year): day 31 + 28 + 1 */
  g_assert_cmpint (pathways_day_from_ymd (1, 3, 1), ==, 60);
  /* 2000 is a leap year (divisible by 400), 1900 is not (by 100) */
  g_assert_cmpint (pathways_day_from_ymd (2000, 3, 1) - pathways_day_from_ymd (2000, 2, 28), ==, 2);
  g_assert_cmpint (pathways_day_from_ymd (1900, 3, 1) - pathways_day_from_ymd (1900, 2, 28), ==, 1);
  /* 2023-05-05 − 2023-01-01: 31 + 28 + 31 + 30 + 4 days */
  g_assert_cmpint (pathways_day_from_ymd (2023, 5, 5) - pathways_day_from_ymd (2023, 1, 1), ==, 124);
}

static void
test_day_from_ymd_invalid (void)
{
  g_assert_cmpint (pathways_day_from_ymd (2021, 2, 29), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (1900, 2, 29), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (2021, 2, 31), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (2018, 6, 31), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (2018, 4, 31), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (2018, 13, 1), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (2018, 0, 1), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (2018, 1, 0), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (2018, 1, 32), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (0, 1, 1), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (10000, 1, 1), ==, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (-5, 1, 1), ==, PATHWAYS_DAY_INVALID);
  /* the last valid days */
  g_assert_cmpint (pathways_day_from_ymd (2024, 2, 29), !=, PATHWAYS_DAY_INVALID);
  g_assert_cmpint (pathways_day_from_ymd (9999, 12, 31), ==, 3652059);
}

/* Day numbers go back to the same date. */
static void
test_day_round_trip (void)
{
  static const int dates[][3] = {
    { 1900, 1, 1 }, { 1970, 1, 1 }, { 2000, 2, 29 }, { 2023, 5, 5 }, { 2202, 12, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      int y, m, d;
      g_autofree char *iso = NULL;
      g_autofree char *expected = g_strdup_printf ("%04d-%02d-%02d", dates[i][0],
                                                   dates[i][1], dates[i][2]);
      gint32 day = pathways_day_from_ymd (dates[i][0], dates[i][1], dates[i][2]);

      pathways_day_to_ymd (day, &y, &m, &d);
      g_assert_cmpint (y, ==, dates[i][0]);
      g_assert_cmpint (m, ==, dates[i][1]);
      g_assert_cmpint (d, ==, dates[i][2]);
      iso = pathways_day_to_iso (day);
      g_assert_cmpstr (iso, ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dataset/day-from-ymd/every-day", test_day_from_ymd_every_day);
  g_test_add_func ("/dataset/day-from-ymd/known", test_day_from_ymd_known);
  g_test_add_func ("/dataset/day-from-ymd/invalid", test_day_from_ymd_invalid);
  g_test_add_func ("/dataset/day-round-trip", test_day_round_trip);

  return g_test_run ();
}
