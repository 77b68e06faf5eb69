/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one period grammar (pathways-period.h): every form parsed, labelled and written
 * back, financial quarters at the year's edges, shifting across years, and the lists
 * the period chooser shows. Days are checked against dates written out by hand. */
#include "config.h"

#include <string.h>

#include "pathways.h"
#include "pathways-period.h"

static gint32
ymd (int y, int m, int d)
{
  return pathways_day_from_ymd (y, m, d);
}

static void
check (const char         *text,
       PathwaysPeriodKind  kind,
       gint32              from,
       gint32              to,
       const char         *id,
       const char         *label)
{
  g_autoptr(GError) error = NULL;
  PathwaysPeriod p;
  g_autofree char *s = NULL;
  g_autofree char *l = NULL;
  PathwaysPeriod again;

  g_assert_true (pathways_period_parse_full (text, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p.kind, ==, kind);
  g_assert_cmpint (p.from, ==, from);
  g_assert_cmpint (p.to, ==, to);
  s = pathways_period_to_string (&p);
  l = pathways_period_get_label (&p);
  g_assert_cmpstr (s, ==, id);
  g_assert_cmpstr (l, ==, label);
  /* the identifier reads back as the same period */
  g_assert_true (pathways_period_parse_full (s, &again, NULL));
  g_assert_cmpint (again.kind, ==, p.kind);
  g_assert_cmpint (again.from, ==, p.from);
  g_assert_cmpint (again.to, ==, p.to);
}

static void
test_forms (void)
{
  check ("2023", PATHWAYS_PERIOD_YEAR, ymd (2023, 1, 1), ymd (2023, 12, 31), "2023", "2023");
  check ("2023-Q1", PATHWAYS_PERIOD_QUARTER, ymd (2023, 1, 1), ymd (2023, 3, 31), "2023-Q1", "Q1 2023");
  check ("2024-q1", PATHWAYS_PERIOD_QUARTER, ymd (2024, 1, 1), ymd (2024, 3, 31), "2024-Q1", "Q1 2024");
  check ("2023/Q4", PATHWAYS_PERIOD_QUARTER, ymd (2023, 10, 1), ymd (2023, 12, 31), "2023-Q4", "Q4 2023");
  check ("2024-02", PATHWAYS_PERIOD_MONTH, ymd (2024, 2, 1), ymd (2024, 2, 29), "2024-02", "February 2024");
  check ("2023-02", PATHWAYS_PERIOD_MONTH, ymd (2023, 2, 1), ymd (2023, 2, 28), "2023-02", "February 2023");
  check ("FY2023-24", PATHWAYS_PERIOD_FYEAR, ymd (2023, 4, 1), ymd (2024, 3, 31), "FY2023-24", "Financial year 2023-24");
  check ("2023-24", PATHWAYS_PERIOD_FYEAR, ymd (2023, 4, 1), ymd (2024, 3, 31), "FY2023-24", "Financial year 2023-24");
  check ("fy 1999-00", PATHWAYS_PERIOD_FYEAR, ymd (1999, 4, 1), ymd (2000, 3, 31), "FY1999-00", "Financial year 1999-00");
  /* "2011-12" is December 2011; the FY prefix makes it the financial year */
  check ("2011-12", PATHWAYS_PERIOD_MONTH, ymd (2011, 12, 1), ymd (2011, 12, 31), "2011-12", "December 2011");
  check ("FY2011-12", PATHWAYS_PERIOD_FYEAR, ymd (2011, 4, 1), ymd (2012, 3, 31), "FY2011-12", "Financial year 2011-12");
  /* financial quarters: April–June, July–September, October–December, January–March */
  check ("FY2023-24-Q1", PATHWAYS_PERIOD_FQUARTER, ymd (2023, 4, 1), ymd (2023, 6, 30), "FY2023-24-Q1", "2023-24 Q1");
  check ("FY2023-24-Q2", PATHWAYS_PERIOD_FQUARTER, ymd (2023, 7, 1), ymd (2023, 9, 30), "FY2023-24-Q2", "2023-24 Q2");
  check ("fy2023-24 q3", PATHWAYS_PERIOD_FQUARTER, ymd (2023, 10, 1), ymd (2023, 12, 31), "FY2023-24-Q3", "2023-24 Q3");
  check ("2023-24 Q4", PATHWAYS_PERIOD_FQUARTER, ymd (2024, 1, 1), ymd (2024, 3, 31), "FY2023-24-Q4", "2023-24 Q4");
  check ("FY1999-00-Q4", PATHWAYS_PERIOD_FQUARTER, ymd (2000, 1, 1), ymd (2000, 3, 31), "FY1999-00-Q4", "1999-00 Q4");
  check ("2023-01-05..2023-02-28", PATHWAYS_PERIOD_CUSTOM, ymd (2023, 1, 5), ymd (2023, 2, 28),
         "2023-01-05..2023-02-28", "5 Jan 2023 – 28 Feb 2023");
  check ("2023-01-05..", PATHWAYS_PERIOD_CUSTOM, ymd (2023, 1, 5), PATHWAYS_DAY_NONE,
         "2023-01-05..", "from 5 Jan 2023");
}

static void
test_bad (void)
{
  static const char *bad[] = { "", " ", "23", "2023-13", "2023-Q5", "2023-Q0", "FY2023-25",
                               "2023-25", "2023/Q1x", "FY2023", "20234", "2023-5", "May 2023",
                               "FY2023-Q1", "FY2023-24-Q5", "2023-05-Q1", "2023-24-Q", "1899",
                               "2023-02-30..2023-03-01", "2023-03-01..2023-02-01", "..x",
                               NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      PathwaysPeriod p;

      g_assert_false (pathways_period_parse_full (bad[i], &p, &error));
      g_assert_error (error, PATHWAYS_PERIOD_ERROR, PATHWAYS_PERIOD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "FY2023-24-Q1"));
    }
}

static void
check_shift (const char *text,
             int         steps,
             const char *expected)
{
  PathwaysPeriod p, q;
  g_autofree char *s = NULL;

  g_assert_true (pathways_period_parse_full (text, &p, NULL));
  g_assert_true (pathways_period_shift (&p, steps, &q));
  s = pathways_period_to_string (&q);
  g_assert_cmpstr (s, ==, expected);
}

static void
check_year_before (const char *text,
                   const char *expected)
{
  PathwaysPeriod p, q;
  g_autofree char *s = NULL;

  g_assert_true (pathways_period_parse_full (text, &p, NULL));
  g_assert_true (pathways_period_year_before (&p, &q));
  s = pathways_period_to_string (&q);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_shift (void)
{
  PathwaysPeriod p, q;

  check_shift ("FY2023-24-Q1", -1, "FY2022-23-Q4");
  check_shift ("FY2022-23-Q4", 1, "FY2023-24-Q1");
  check_shift ("FY2023-24-Q3", 5, "FY2024-25-Q4");
  check_shift ("2023-Q1", -1, "2022-Q4");
  check_shift ("2023-01", -1, "2022-12");
  check_shift ("2023-12", 1, "2024-01");
  check_shift ("2023-05", -17, "2021-12");
  check_shift ("FY2023-24", -1, "FY2022-23");
  check_shift ("2023", 2, "2025");
  check_year_before ("FY2023-24-Q1", "FY2022-23-Q1");
  check_year_before ("2023-05", "2022-05");
  check_year_before ("2023-Q2", "2022-Q2");
  check_year_before ("FY2023-24", "FY2022-23");

  /* a custom range and the whole period have no neighbours */
  pathways_period_init_range (&p, ymd (2023, 1, 1), ymd (2023, 1, 9));
  g_assert_cmpint (p.kind, ==, PATHWAYS_PERIOD_CUSTOM);
  g_assert_false (pathways_period_shift (&p, -1, &q));
  pathways_period_init_range (&p, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  g_assert_cmpint (p.kind, ==, PATHWAYS_PERIOD_WHOLE);
  g_assert_null (pathways_period_to_string (&p));
  g_assert_false (pathways_period_year_before (&p, &q));
}

static void
test_containing (void)
{
  PathwaysPeriod p;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  /* 31 March is the last day of a financial year; 1 April the first of the next */
  g_assert_true (pathways_period_containing (&p, PATHWAYS_PERIOD_FQUARTER, ymd (2024, 3, 31)));
  a = pathways_period_to_string (&p);
  g_assert_cmpstr (a, ==, "FY2023-24-Q4");
  g_assert_true (pathways_period_containing (&p, PATHWAYS_PERIOD_FYEAR, ymd (2024, 4, 1)));
  b = pathways_period_to_string (&p);
  g_assert_cmpstr (b, ==, "FY2024-25");
  g_assert_true (pathways_period_containing (&p, PATHWAYS_PERIOD_QUARTER, ymd (2024, 7, 1)));
  c = pathways_period_to_string (&p);
  g_assert_cmpstr (c, ==, "2024-Q3");
  g_assert_false (pathways_period_containing (&p, PATHWAYS_PERIOD_FQUARTER, PATHWAYS_DAY_NONE));
}

static void
test_list (void)
{
  /* 15 Feb 2022 to 4 May 2023: financial quarters from 2021-22 Q4 to 2023-24 Q1 */
  g_autoptr(GArray) fq = pathways_period_list (PATHWAYS_PERIOD_FQUARTER, ymd (2022, 2, 15), ymd (2023, 5, 4));
  g_autoptr(GArray) fy = pathways_period_list (PATHWAYS_PERIOD_FYEAR, ymd (2022, 2, 15), ymd (2023, 5, 4));
  g_autoptr(GArray) months = pathways_period_list (PATHWAYS_PERIOD_MONTH, ymd (2022, 2, 15), ymd (2023, 5, 4));
  g_autoptr(GArray) none = pathways_period_list (PATHWAYS_PERIOD_MONTH, PATHWAYS_DAY_NONE, ymd (2023, 5, 4));
  const char *fq_ids[] = { "FY2023-24-Q1", "FY2022-23-Q4", "FY2022-23-Q3", "FY2022-23-Q2",
                           "FY2022-23-Q1", "FY2021-22-Q4" };

  g_assert_cmpuint (fq->len, ==, G_N_ELEMENTS (fq_ids));
  for (guint i = 0; i < fq->len; i++)
    {
      g_autofree char *s = pathways_period_to_string (&g_array_index (fq, PathwaysPeriod, i));

      g_assert_cmpstr (s, ==, fq_ids[i]);
    }
  g_assert_cmpuint (fy->len, ==, 3);     /* 2023-24, 2022-23, 2021-22 */
  g_assert_cmpuint (months->len, ==, 16); /* Feb 2022 .. May 2023 */
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_kinds (void)
{
  PathwaysPeriodKind kind;

  g_assert_true (pathways_period_kind_from_string ("fquarter", &kind));
  g_assert_cmpint (kind, ==, PATHWAYS_PERIOD_FQUARTER);
  g_assert_true (pathways_period_kind_from_string ("Month", &kind));
  g_assert_cmpint (kind, ==, PATHWAYS_PERIOD_MONTH);
  g_assert_false (pathways_period_kind_from_string ("week", &kind));
  g_assert_cmpstr (pathways_period_kind_to_string (PATHWAYS_PERIOD_FYEAR), ==, "fyear");
  g_assert_cmpstr (pathways_period_kind_get_label (PATHWAYS_PERIOD_FQUARTER), ==, "Financial quarters");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/period/forms", test_forms);
  g_test_add_func ("/pathways/period/bad", test_bad);
  g_test_add_func ("/pathways/period/shift", test_shift);
  g_test_add_func ("/pathways/period/containing", test_containing);
  g_test_add_func ("/pathways/period/list", test_list);
  g_test_add_func ("/pathways/period/kinds", test_kinds);

  return g_test_run ();
}
