/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-working-days"

#include "config.h"

#include "pathways-working-days.h"
#include "pathways-dataset.h"

int
pathways_day_get_weekday (gint32 day)
{
  /* day 1, 1 January 0001 (proleptic Gregorian), was a Monday */
  int w = (int) ((day - 1) % 7);

  return w < 0 ? w + 7 : w;
}

gint32
pathways_easter_sunday (int year)
{
  /* the anonymous Gregorian computus */
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int n = h + l - 7 * m + 114;

  return pathways_day_from_ymd (year, n / 31, n % 31 + 1);
}

/* The first MONDAY on or after DAY */
static gint32
monday_on_or_after (gint32 day)
{
  return day + (7 - pathways_day_get_weekday (day)) % 7;
}

/* The last Monday on or before DAY */
static gint32
monday_on_or_before (gint32 day)
{
  return day - pathways_day_get_weekday (day);
}

static void
add (GArray *days,
     gint32  day)
{
  g_array_append_val (days, day);
}

static int
cmp_day (gconstpointer a,
         gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;
  return (x > y) - (x < y);
}

static void
add_christmas (GArray *days,
               int     year)
{
  gint32 christmas = pathways_day_from_ymd (year, 12, 25);

  switch (pathways_day_get_weekday (christmas))
    {
    case 4:   /* Friday: Boxing Day moves to Monday 28 */
      add (days, christmas);
      add (days, christmas + 3);
      break;
    case 5:   /* Saturday: Monday 27 and Tuesday 28 */
      add (days, christmas + 2);
      add (days, christmas + 3);
      break;
    case 6:   /* Sunday: Boxing Day Monday 26, Christmas Tuesday 27 */
      add (days, christmas + 1);
      add (days, christmas + 2);
      break;
    default:
      add (days, christmas);
      add (days, christmas + 1);
      break;
    }
}

/* The spring bank holiday (last Monday of May, moved in jubilee years) and the
 * jubilee day beside it */
static void
add_spring (GArray *days,
            int     year)
{
  switch (year)
    {
    case 2002:   /* Golden Jubilee: Monday 3 and Tuesday 4 June */
      add (days, pathways_day_from_ymd (2002, 6, 3));
      add (days, pathways_day_from_ymd (2002, 6, 4));
      break;
    case 2012:   /* Diamond Jubilee: Monday 4 and Tuesday 5 June */
      add (days, pathways_day_from_ymd (2012, 6, 4));
      add (days, pathways_day_from_ymd (2012, 6, 5));
      break;
    case 2022:   /* Platinum Jubilee: Thursday 2 and Friday 3 June */
      add (days, pathways_day_from_ymd (2022, 6, 2));
      add (days, pathways_day_from_ymd (2022, 6, 3));
      break;
    default:
      add (days, monday_on_or_before (pathways_day_from_ymd (year, 5, 31)));
      break;
    }
}

GArray *
pathways_bank_holidays_in_year (int year)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (gint32));
  gint32 new_year, easter;

  if (year < PATHWAYS_BANK_HOLIDAYS_FIRST_YEAR || year > PATHWAYS_BANK_HOLIDAYS_LAST_YEAR)
    return days;

  new_year = pathways_day_from_ymd (year, 1, 1);
  add (days, pathways_day_get_weekday (new_year) >= 5 ? monday_on_or_after (new_year) : new_year);
  easter = pathways_easter_sunday (year);
  add (days, easter - 2);
  add (days, easter + 1);
  if (year == 2011)
    add (days, pathways_day_from_ymd (2011, 4, 29));      /* royal wedding */
  if (year == 2020)
    add (days, pathways_day_from_ymd (2020, 5, 8));       /* VE day: early May moved */
  else
    add (days, monday_on_or_after (pathways_day_from_ymd (year, 5, 1)));
  if (year == 2023)
    add (days, pathways_day_from_ymd (2023, 5, 8));       /* coronation */
  add_spring (days, year);
  add (days, monday_on_or_before (pathways_day_from_ymd (year, 8, 31)));
  if (year == 2022)
    add (days, pathways_day_from_ymd (2022, 9, 19));      /* state funeral */
  add_christmas (days, year);
  g_array_sort (days, cmp_day);
  return days;
}

/* Per day of 2000–2035: the bank holidays from 1 January 2000 up to and including it */
typedef struct {
  gint32   first, last;
  guint16 *upto;
} HolidayTable;

static gpointer
build_table (gpointer data)
{
  HolidayTable *t = g_new0 (HolidayTable, 1);
  guint n = 0;

  (void) data;
  t->first = pathways_day_from_ymd (PATHWAYS_BANK_HOLIDAYS_FIRST_YEAR, 1, 1);
  t->last = pathways_day_from_ymd (PATHWAYS_BANK_HOLIDAYS_LAST_YEAR, 12, 31);
  t->upto = g_new0 (guint16, t->last - t->first + 1);
  for (int y = PATHWAYS_BANK_HOLIDAYS_FIRST_YEAR; y <= PATHWAYS_BANK_HOLIDAYS_LAST_YEAR; y++)
    {
      g_autoptr(GArray) days = pathways_bank_holidays_in_year (y);
      for (guint i = 0; i < days->len; i++)
        t->upto[g_array_index (days, gint32, i) - t->first] = 1;
    }
  for (gint32 d = 0; d <= t->last - t->first; d++)
    {
      n += t->upto[d];
      t->upto[d] = n;
    }
  return t;
}

static const HolidayTable *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, build_table, NULL);
}

gboolean
pathways_is_bank_holiday (gint32 day)
{
  const HolidayTable *t = get_table ();

  if (day < t->first || day > t->last)
    return FALSE;
  return day == t->first ? t->upto[0] == 1
                         : t->upto[day - t->first] != t->upto[day - 1 - t->first];
}

gboolean
pathways_is_working_day (gint32 day)
{
  return pathways_day_get_weekday (day) < 5 && !pathways_is_bank_holiday (day);
}

/* Working days from day 1 up to and including DAY (DAY ≥ 1) */
static gint64
working_upto (const HolidayTable *t,
              gint32              day)
{
  gint64 weekdays = (gint64) (day / 7) * 5 + MIN (day % 7, 5);
  gint64 holidays;

  if (day < t->first)
    holidays = 0;
  else if (day > t->last)
    holidays = t->upto[t->last - t->first];
  else
    holidays = t->upto[day - t->first];
  return weekdays - holidays;
}

int
pathways_working_days_between (gint32 from,
                               gint32 to)
{
  const HolidayTable *t = get_table ();

  g_return_val_if_fail (from >= 1 && to >= 1, 0);

  return (int) (working_upto (t, to) - working_upto (t, from));
}
