/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pathways.h"
#include "pathways-date-private.h"

static gint32
ymd (int y, int m, int d)
{
  return pathways_day_from_ymd (y, m, d);
}

static void
test_iso (void)
{
  g_assert_cmpint (pathways_parse_date ("2023-05-04", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("2023-05-04T13:45:00", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("2023-05-04 13:45", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("2023-05-04T13:45:00.123Z", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("  2023-05-04  ", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("2023/05/04", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  /* YYYY-MM is the first day of the month */
  g_assert_cmpint (pathways_parse_date ("2023-05", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 1));
  /* ISO is never read in another order */
  g_assert_cmpint (pathways_parse_date ("2023-05-04", PATHWAYS_DATE_ORDER_MDY, FALSE), ==, ymd (2023, 5, 4));
}

static void
test_day_month_order (void)
{
  /* 04/05/2023 is 4 May in UK order, 5 April in US order */
  g_assert_cmpint (pathways_parse_date ("04/05/2023", PATHWAYS_DATE_ORDER_DMY, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("04/05/2023", PATHWAYS_DATE_ORDER_MDY, FALSE), ==, ymd (2023, 4, 5));
  g_assert_cmpint (pathways_parse_date ("04/05/2023", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("4-5-2023", PATHWAYS_DATE_ORDER_DMY, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("4.5.2023", PATHWAYS_DATE_ORDER_DMY, FALSE), ==, ymd (2023, 5, 4));
  /* US with a 12-hour time, as the NYC 311 export writes it */
  g_assert_cmpint (pathways_parse_date ("05/01/2022 12:00:09 AM", PATHWAYS_DATE_ORDER_MDY, FALSE), ==, ymd (2022, 5, 1));
  g_assert_cmpint (pathways_parse_date ("05/01/2022 11:59:59 pm", PATHWAYS_DATE_ORDER_MDY, FALSE), ==, ymd (2022, 5, 1));
  /* two-digit years: 00-69 are 2000s */
  g_assert_cmpint (pathways_parse_date ("04/05/23", PATHWAYS_DATE_ORDER_DMY, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("04/05/99", PATHWAYS_DATE_ORDER_DMY, FALSE), ==, ymd (1999, 5, 4));
}

static void
test_month_names (void)
{
  g_assert_cmpint (pathways_parse_date ("04-May-2023", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("4-may-23", PATHWAYS_DATE_ORDER_MDY, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("4 September 2023", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 9, 4));
  g_assert_cmpint (pathways_parse_date ("4 Sept 2023", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 9, 4));
  g_assert_cmpint (pathways_parse_date ("4 Mayday 2023", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, PATHWAYS_DAY_INVALID);
}

static void
test_impossible_and_garbage (void)
{
  const char *bad[] = {
    "31/02/2023", "00/00/0000", "2023-02-29", "2023-13-01", "32/01/2023",
    "yesterday", "2023-05-04x", "05/01/2022 25:00", "1/2", "12345678901234567890",
    "2023--05-04", "--", "/", "2023-5-", "0x7e7",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint32 d = pathways_parse_date (bad[i], PATHWAYS_DATE_ORDER_DMY, FALSE);
      if (d != PATHWAYS_DAY_INVALID)
        g_error ("“%s” should not be a date, got day %d", bad[i], d);
    }

  /* a leap day is fine in a leap year */
  g_assert_cmpint (pathways_parse_date ("29/02/2024", PATHWAYS_DATE_ORDER_DMY, FALSE), ==, ymd (2024, 2, 29));
  /* empty is missing, not invalid */
  g_assert_cmpint (pathways_parse_date ("", PATHWAYS_DATE_ORDER_DMY, FALSE), ==, PATHWAYS_DAY_NONE);
  g_assert_cmpint (pathways_parse_date ("   ", PATHWAYS_DATE_ORDER_DMY, FALSE), ==, PATHWAYS_DAY_NONE);
}

static void
test_serials (void)
{
  /* Excel 1900 system: 45050 is 2023-05-04; 1 is 1900-01-01; 61 is 1900-03-01;
   * 60 is Excel's 29 February 1900, which never was. */
  g_assert_cmpint (pathways_parse_date ("45050", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_parse_date ("45050.75", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (2023, 5, 4));
  g_assert_cmpint (pathways_date_candidate_to_day (pathways_date_candidate_parse ("1", TRUE),
                                                   PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (1900, 1, 1));
  g_assert_cmpint (pathways_date_candidate_to_day (pathways_date_candidate_parse ("61", TRUE),
                                                   PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, ymd (1900, 3, 1));
  g_assert_cmpint (pathways_date_candidate_to_day (pathways_date_candidate_parse ("60", TRUE),
                                                   PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, PATHWAYS_DAY_INVALID);
  /* small numbers are not dates in a CSV */
  g_assert_cmpint (pathways_parse_date ("2023", PATHWAYS_DATE_ORDER_AUTO, FALSE), ==, PATHWAYS_DAY_INVALID);
  /* 1904 system: serial 0 is 1904-01-01, so 43588 is 2023-05-04 (1462 days less) */
  g_assert_cmpint (pathways_parse_date ("43588", PATHWAYS_DATE_ORDER_AUTO, TRUE), ==, ymd (2023, 5, 4));
}

static void
test_order_evidence (void)
{
  PathwaysDateOrderEvidence ev = { 0 };
  gboolean assumed;

  /* only ambiguous values: UK order, and it is an assumption */
  pathways_date_order_evidence_add (&ev, pathways_date_candidate_parse ("04/05/2023", FALSE));
  pathways_date_order_evidence_add (&ev, pathways_date_candidate_parse ("01/02/2023", FALSE));
  g_assert_cmpint (pathways_date_order_resolve (&ev, PATHWAYS_DATE_ORDER_AUTO, &assumed), ==, PATHWAYS_DATE_ORDER_DMY);
  g_assert_true (assumed);

  /* 05/13/2023 settles month first */
  pathways_date_order_evidence_add (&ev, pathways_date_candidate_parse ("05/13/2023", FALSE));
  g_assert_cmpint (pathways_date_order_resolve (&ev, PATHWAYS_DATE_ORDER_AUTO, &assumed), ==, PATHWAYS_DATE_ORDER_MDY);
  g_assert_false (assumed);

  /* a forced order wins over the values */
  g_assert_cmpint (pathways_date_order_resolve (&ev, PATHWAYS_DATE_ORDER_DMY, &assumed), ==, PATHWAYS_DATE_ORDER_DMY);
  g_assert_false (assumed);

  /* ISO values say nothing about day/month order, and need no assumption */
  {
    PathwaysDateOrderEvidence iso = { 0 };
    pathways_date_order_evidence_add (&iso, pathways_date_candidate_parse ("2023-05-04", FALSE));
    g_assert_cmpint (pathways_date_order_resolve (&iso, PATHWAYS_DATE_ORDER_AUTO, &assumed), ==, PATHWAYS_DATE_ORDER_DMY);
    g_assert_false (assumed);
  }

  /* 25/12/2023 settles day first */
  {
    PathwaysDateOrderEvidence uk = { 0 };
    pathways_date_order_evidence_add (&uk, pathways_date_candidate_parse ("25/12/2023", FALSE));
    pathways_date_order_evidence_add (&uk, pathways_date_candidate_parse ("01/02/2023", FALSE));
    g_assert_cmpint (pathways_date_order_resolve (&uk, PATHWAYS_DATE_ORDER_AUTO, &assumed), ==, PATHWAYS_DATE_ORDER_DMY);
    g_assert_false (assumed);
  }
}

static void
test_day_helpers (void)
{
  g_autofree char *iso = pathways_day_to_iso (ymd (2023, 5, 4));
  int y, m, d;

  g_assert_cmpstr (iso, ==, "2023-05-04");
  g_assert_null (pathways_day_to_iso (PATHWAYS_DAY_NONE));
  g_assert_null (pathways_day_to_iso (PATHWAYS_DAY_INVALID));
  pathways_day_to_ymd (ymd (2000, 2, 29), &y, &m, &d);
  g_assert_cmpint (y, ==, 2000);
  g_assert_cmpint (m, ==, 2);
  g_assert_cmpint (d, ==, 29);
  /* durations are whole days */
  g_assert_cmpint (ymd (2023, 3, 1) - ymd (2023, 2, 1), ==, 28);
  g_assert_cmpint (ymd (2024, 3, 1) - ymd (2024, 2, 1), ==, 29);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/date/iso", test_iso);
  g_test_add_func ("/pathways/date/day-month-order", test_day_month_order);
  g_test_add_func ("/pathways/date/month-names", test_month_names);
  g_test_add_func ("/pathways/date/impossible-and-garbage", test_impossible_and_garbage);
  g_test_add_func ("/pathways/date/serials", test_serials);
  g_test_add_func ("/pathways/date/order-evidence", test_order_evidence);
  g_test_add_func ("/pathways/date/day-helpers", test_day_helpers);

  return g_test_run ();
}
