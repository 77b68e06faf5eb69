/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bank holidays of England and Wales and working days (pathways-working-days.h),
 * against the lists published on gov.uk ("UK bank holidays", England and Wales),
 * written out by hand below. */
#include "config.h"

#include "pathways.h"
#include "pathways-working-days.h"

static gint32
ymd (int y, int m, int d)
{
  return pathways_day_from_ymd (y, m, d);
}

typedef struct {
  int year;
  const char *days[12];   /* MM-DD, in date order, NULL-terminated */
} Published;

static const Published published[] = {
  { 2000, { "01-03", "04-21", "04-24", "05-01", "05-29", "08-28", "12-25", "12-26" } },
  /* Golden Jubilee: spring holiday moved to Tuesday 4 June, Monday 3 June added */
  { 2002, { "01-01", "03-29", "04-01", "05-06", "06-03", "06-04", "08-26", "12-25", "12-26" } },
  /* Christmas on a Saturday: Monday 27 and Tuesday 28 */
  { 2004, { "01-01", "04-09", "04-12", "05-03", "05-31", "08-30", "12-27", "12-28" } },
  /* royal wedding 29 April; New Year's Day a Saturday */
  { 2011, { "01-03", "04-22", "04-25", "04-29", "05-02", "05-30", "08-29", "12-26", "12-27" } },
  /* Diamond Jubilee: spring holiday moved to Monday 4 June, Tuesday 5 June added */
  { 2012, { "01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26" } },
  /* Christmas on a Sunday: Boxing Day Monday 26, Christmas Tuesday 27 */
  { 2016, { "01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27" } },
  /* VE day: early May moved to Friday 8 May; Boxing Day a Saturday */
  { 2020, { "01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28" } },
  { 2021, { "01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28" } },
  /* Platinum Jubilee 2 and 3 June; state funeral 19 September; New Year a Saturday */
  { 2022, { "01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27" } },
  /* coronation 8 May */
  { 2023, { "01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26" } },
  { 2024, { "01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26" } },
  { 2025, { "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26" } },
  { 2026, { "01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28" } },
  { 2027, { "01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28" } },
};

static void
test_published (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      const Published *p = &published[i];
      g_autoptr(GArray) days = pathways_bank_holidays_in_year (p->year);
      guint n = 0;

      for (; n < G_N_ELEMENTS (p->days) && p->days[n] != NULL; n++)
        {
          int m, d;
          gint32 want;

          g_assert_cmpint (sscanf (p->days[n], "%d-%d", &m, &d), ==, 2);
          want = ymd (p->year, m, d);
          g_assert_cmpuint (n, <, days->len);
          if (g_array_index (days, gint32, n) != want)
            g_error ("%d: holiday %u is not %s", p->year, n, p->days[n]);
          g_assert_true (pathways_is_bank_holiday (want));
          g_assert_false (pathways_is_working_day (want));
        }
      g_assert_cmpuint (days->len, ==, n);
    }
}

static void
test_easter (void)
{
  /* Easter Sundays from the published tables */
  g_assert_cmpint (pathways_easter_sunday (2000), ==, ymd (2000, 4, 23));
  g_assert_cmpint (pathways_easter_sunday (2008), ==, ymd (2008, 3, 23));
  g_assert_cmpint (pathways_easter_sunday (2019), ==, ymd (2019, 4, 21));
  g_assert_cmpint (pathways_easter_sunday (2024), ==, ymd (2024, 3, 31));
  g_assert_cmpint (pathways_easter_sunday (2035), ==, ymd (2035, 3, 25));
}

static void
test_every_year (void)
{
  /* 8 a year, 9 or 10 in the years with one-off days; each a weekday */
  for (int y = PATHWAYS_BANK_HOLIDAYS_FIRST_YEAR; y <= PATHWAYS_BANK_HOLIDAYS_LAST_YEAR; y++)
    {
      g_autoptr(GArray) days = pathways_bank_holidays_in_year (y);
      guint want = 8 + (y == 2002 || y == 2011 || y == 2012 || y == 2023) + 2 * (y == 2022);

      g_assert_cmpuint (days->len, ==, want);
      for (guint i = 0; i < days->len; i++)
        {
          g_assert_cmpint (pathways_day_get_weekday (g_array_index (days, gint32, i)), <, 5);
          if (i > 0)
            g_assert_cmpint (g_array_index (days, gint32, i), >, g_array_index (days, gint32, i - 1));
        }
    }
  g_autoptr(GArray) none = pathways_bank_holidays_in_year (1999);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_between (void)
{
  /* 8 May 2023 was a Monday */
  g_assert_cmpint (pathways_day_get_weekday (ymd (2023, 5, 8)), ==, 0);
  g_assert_cmpint (pathways_day_get_weekday (ymd (2023, 5, 7)), ==, 6);
  /* the same day: 0; Friday to Saturday: 0; Friday to Monday: 1 */
  g_assert_cmpint (pathways_working_days_between (ymd (2023, 6, 2), ymd (2023, 6, 2)), ==, 0);
  g_assert_cmpint (pathways_working_days_between (ymd (2023, 6, 2), ymd (2023, 6, 3)), ==, 0);
  g_assert_cmpint (pathways_working_days_between (ymd (2023, 6, 2), ymd (2023, 6, 5)), ==, 1);
  /* Friday 5 May 2023 to Tuesday 9 May: Monday 8 May is the coronation, so 1 */
  g_assert_cmpint (pathways_working_days_between (ymd (2023, 5, 5), ymd (2023, 5, 9)), ==, 1);
  /* Thursday 6 April 2023 to Tuesday 11 April: Good Friday and Easter Monday, so 1 */
  g_assert_cmpint (pathways_working_days_between (ymd (2023, 4, 6), ymd (2023, 4, 11)), ==, 1);
  /* Thursday 21 Dec 2023 to Wednesday 27 Dec: Fri 22 and Wed 27, so 2 */
  g_assert_cmpint (pathways_working_days_between (ymd (2023, 12, 21), ymd (2023, 12, 27)), ==, 2);
  /* backwards: minus the forward count */
  g_assert_cmpint (pathways_working_days_between (ymd (2023, 12, 27), ymd (2023, 12, 21)), ==, -2);
  /* 2023 had 365 - 105 weekend days - 9 holidays = 251 working days */
  g_assert_cmpint (pathways_working_days_between (ymd (2022, 12, 31), ymd (2023, 12, 31)), ==, 251);
  /* 2022: 365 - 105 - 10 = 250 (1 Jan 2022 a Saturday, 31 Dec a Saturday) */
  g_assert_cmpint (pathways_working_days_between (ymd (2021, 12, 31), ymd (2022, 12, 31)), ==, 250);
  /* outside the built-in years only weekends count: 1999 had 261 weekdays */
  g_assert_cmpint (pathways_working_days_between (ymd (1998, 12, 31), ymd (1999, 12, 31)), ==, 261);
  /* across the table's end: Fri 28 Dec 2035 to Tue 1 Jan 2036 is Mon 31 and Tue 1 */
  g_assert_cmpint (pathways_working_days_between (ymd (2035, 12, 28), ymd (2036, 1, 1)), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/working-days/published", test_published);
  g_test_add_func ("/working-days/easter", test_easter);
  g_test_add_func ("/working-days/every-year", test_every_year);
  g_test_add_func ("/working-days/between", test_between);
  return g_test_run ();
}
