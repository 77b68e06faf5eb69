/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-period"

#include "config.h"

#include <string.h>

#include "pathways-i18n.h"

#include "pathways-period.h"

#include "pathways-dataset.h"
#include "pathways-format.h"

G_DEFINE_QUARK (pathways-period-error-quark, pathways_period_error)

#define MIN_YEAR 1900
#define MAX_YEAR 9998

static gint32
month_end (int y,
           int m)
{
  return pathways_day_from_ymd (y, m, g_date_get_days_in_month (m, y));
}

gboolean
pathways_period_init (PathwaysPeriod     *period,
                      PathwaysPeriodKind  kind,
                      int                 year,
                      int                 number)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (year < MIN_YEAR || year > MAX_YEAR)
    return FALSE;
  period->kind = kind;
  period->year = year;
  period->number = 0;
  switch (kind)
    {
    case PATHWAYS_PERIOD_YEAR:
      period->from = pathways_day_from_ymd (year, 1, 1);
      period->to = pathways_day_from_ymd (year, 12, 31);
      return TRUE;
    case PATHWAYS_PERIOD_QUARTER:
      if (number < 1 || number > 4)
        return FALSE;
      period->number = number;
      period->from = pathways_day_from_ymd (year, 3 * number - 2, 1);
      period->to = month_end (year, 3 * number);
      return TRUE;
    case PATHWAYS_PERIOD_MONTH:
      if (number < 1 || number > 12)
        return FALSE;
      period->number = number;
      period->from = pathways_day_from_ymd (year, number, 1);
      period->to = month_end (year, number);
      return TRUE;
    case PATHWAYS_PERIOD_FYEAR:
      period->from = pathways_day_from_ymd (year, 4, 1);
      period->to = pathways_day_from_ymd (year + 1, 3, 31);
      return TRUE;
    case PATHWAYS_PERIOD_FQUARTER:
      {
        /* Q1 April–June ... Q4 January–March of the next calendar year */
        int first_month = 3 * number + 1;
        int y = year;

        if (number < 1 || number > 4)
          return FALSE;
        if (first_month > 12)
          {
            first_month -= 12;
            y++;
          }
        period->number = number;
        period->from = pathways_day_from_ymd (y, first_month, 1);
        period->to = month_end (y, first_month + 2);
        return TRUE;
      }
    case PATHWAYS_PERIOD_WHOLE:
    case PATHWAYS_PERIOD_CUSTOM:
    default:
      return FALSE;
    }
}

void
pathways_period_init_range (PathwaysPeriod *period,
                            gint32          from,
                            gint32          to)
{
  g_return_if_fail (period != NULL);

  memset (period, 0, sizeof *period);
  period->from = PATHWAYS_DAY_IS_VALID (from) ? from : PATHWAYS_DAY_NONE;
  period->to = PATHWAYS_DAY_IS_VALID (to) ? to : PATHWAYS_DAY_NONE;
  period->kind = (period->from == PATHWAYS_DAY_NONE && period->to == PATHWAYS_DAY_NONE)
                 ? PATHWAYS_PERIOD_WHOLE : PATHWAYS_PERIOD_CUSTOM;
}

static gboolean
take_digits (const char **p,
             guint        n,
             int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
take_quarter (const char **p,
              int         *q)
{
  if (**p == '-' || **p == '/')
    (*p)++;
  if (**p != 'Q')
    return FALSE;
  (*p)++;
  return take_digits (p, 1, q) && **p == '\0';
}

/* "YYYY-MM-DD", or "" for an open end. */
static gboolean
parse_iso_end (const char *text,
               gint32     *day)
{
  const char *p = text;
  int y, m, d;

  if (*text == '\0')
    {
      *day = PATHWAYS_DAY_NONE;
      return TRUE;
    }
  if (!take_digits (&p, 4, &y) || *p++ != '-' || !take_digits (&p, 2, &m) ||
      *p++ != '-' || !take_digits (&p, 2, &d) || *p != '\0')
    return FALSE;
  *day = pathways_day_from_ymd (y, m, d);
  return PATHWAYS_DAY_IS_VALID (*day);
}

static gboolean
parse_custom (const char     *text,
              const char     *dots,
              PathwaysPeriod *period)
{
  g_autofree char *a = g_strndup (text, dots - text);
  gint32 from, to;

  if (!parse_iso_end (a, &from) || !parse_iso_end (dots + 2, &to))
    return FALSE;
  if (from != PATHWAYS_DAY_NONE && to != PATHWAYS_DAY_NONE && from > to)
    return FALSE;
  pathways_period_init_range (period, from, to);
  return TRUE;
}

/* TEXT: upper case, without spaces. */
static gboolean
parse_compact (const char     *text,
               PathwaysPeriod *period)
{
  const char *p = text;
  gboolean fy = FALSE;
  const char *dots = strstr (text, "..");
  int y, n, q;

  if (dots != NULL)
    return parse_custom (text, dots, period);
  if (g_str_has_prefix (p, "FY"))
    {
      fy = TRUE;
      p += 2;
    }
  if (!take_digits (&p, 4, &y) || y < MIN_YEAR || y > MAX_YEAR)
    return FALSE;
  if (*p == '\0')
    return !fy && pathways_period_init (period, PATHWAYS_PERIOD_YEAR, y, 0);
  if (*p != '-' && *p != '/')
    return FALSE;
  p++;
  if (*p == 'Q')
    return !fy && take_quarter (&p, &q) && pathways_period_init (period, PATHWAYS_PERIOD_QUARTER, y, q);
  if (!take_digits (&p, 2, &n))
    return FALSE;
  if (*p == '\0')
    {
      /* a month unless the FY prefix is there or the number can only be a year */
      if (!fy && n >= 1 && n <= 12)
        return pathways_period_init (period, PATHWAYS_PERIOD_MONTH, y, n);
      return n == (y + 1) % 100 && pathways_period_init (period, PATHWAYS_PERIOD_FYEAR, y, 0);
    }
  return n == (y + 1) % 100 && take_quarter (&p, &q) &&
         pathways_period_init (period, PATHWAYS_PERIOD_FQUARTER, y, q);
}

gboolean
pathways_period_parse_full (const char      *text,
                            PathwaysPeriod  *period,
                            GError         **error)
{
  g_autoptr(GString) compact = NULL;
  PathwaysPeriod parsed = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  compact = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        g_string_append_c (compact, g_ascii_toupper (*p));
    }
  if (compact->len == 0 || compact->len > 64 || !parse_compact (compact->str, &parsed))
    {
      g_set_error (error, PATHWAYS_PERIOD_ERROR, PATHWAYS_PERIOD_ERROR_INVALID,
                   _("'%s' is not a period: use a year (2023), a quarter (2023-Q2), "
                     "a month (2023-05), a financial year (FY2023-24), a financial "
                     "quarter (FY2023-24-Q1) or a range (2023-01-01..2023-03-31)"), text);
      return FALSE;
    }
  *period = parsed;
  return TRUE;
}

gboolean
pathways_period_parse (const char  *text,
                       gint32      *from,
                       gint32      *to,
                       GError     **error)
{
  PathwaysPeriod period;

  if (!pathways_period_parse_full (text, &period, error))
    return FALSE;
  *from = period.from;
  *to = period.to;
  return TRUE;
}

char *
pathways_period_to_string (const PathwaysPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case PATHWAYS_PERIOD_YEAR:
      return g_strdup_printf ("%d", period->year);
    case PATHWAYS_PERIOD_QUARTER:
      return g_strdup_printf ("%d-Q%d", period->year, period->number);
    case PATHWAYS_PERIOD_MONTH:
      return g_strdup_printf ("%d-%02d", period->year, period->number);
    case PATHWAYS_PERIOD_FYEAR:
      return g_strdup_printf ("FY%d-%02d", period->year, (period->year + 1) % 100);
    case PATHWAYS_PERIOD_FQUARTER:
      return g_strdup_printf ("FY%d-%02d-Q%d", period->year, (period->year + 1) % 100,
                              period->number);
    case PATHWAYS_PERIOD_CUSTOM:
      {
        g_autofree char *a = pathways_day_to_iso (period->from);
        g_autofree char *b = pathways_day_to_iso (period->to);

        return g_strdup_printf ("%s..%s", a != NULL ? a : "", b != NULL ? b : "");
      }
    case PATHWAYS_PERIOD_WHOLE:
    default:
      return NULL;
    }
}

char *
pathways_period_get_label (const PathwaysPeriod *period)
{
  static const char *months[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
    N_("December"),
  };

  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case PATHWAYS_PERIOD_YEAR:
      return g_strdup_printf ("%d", period->year);
    case PATHWAYS_PERIOD_QUARTER:
      /* Translators: a calendar quarter, "Q2 2023" */
      return g_strdup_printf (_("Q%d %d"), period->number, period->year);
    case PATHWAYS_PERIOD_MONTH:
      /* Translators: a month, "May 2023" */
      return g_strdup_printf (_("%s %d"), _(months[period->number - 1]), period->year);
    case PATHWAYS_PERIOD_FYEAR:
      /* Translators: a financial year, "2023-24" */
      return g_strdup_printf (_("Financial year %d-%02d"), period->year, (period->year + 1) % 100);
    case PATHWAYS_PERIOD_FQUARTER:
      /* Translators: a quarter of a financial year, "2023-24 Q1" */
      return g_strdup_printf (_("%d-%02d Q%d"), period->year, (period->year + 1) % 100,
                              period->number);
    case PATHWAYS_PERIOD_CUSTOM:
      return pathways_format_day_range (period->from, period->to);
    case PATHWAYS_PERIOD_WHOLE:
    default:
      return g_strdup (_("Whole period"));
    }
}

gboolean
pathways_period_containing (PathwaysPeriod     *period,
                            PathwaysPeriodKind  kind,
                            gint32              day)
{
  int y, m, d;

  g_return_val_if_fail (period != NULL, FALSE);

  if (!PATHWAYS_DAY_IS_VALID (day))
    return FALSE;
  pathways_day_to_ymd (day, &y, &m, &d);
  switch (kind)
    {
    case PATHWAYS_PERIOD_YEAR:
      return pathways_period_init (period, kind, y, 0);
    case PATHWAYS_PERIOD_QUARTER:
      return pathways_period_init (period, kind, y, (m - 1) / 3 + 1);
    case PATHWAYS_PERIOD_MONTH:
      return pathways_period_init (period, kind, y, m);
    case PATHWAYS_PERIOD_FYEAR:
      return pathways_period_init (period, kind, m >= 4 ? y : y - 1, 0);
    case PATHWAYS_PERIOD_FQUARTER:
      return pathways_period_init (period, kind, m >= 4 ? y : y - 1,
                                   m >= 4 ? (m - 4) / 3 + 1 : 4);
    case PATHWAYS_PERIOD_WHOLE:
    case PATHWAYS_PERIOD_CUSTOM:
    default:
      return FALSE;
    }
}

static int
floor_div (int a,
           int b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

gboolean
pathways_period_shift (const PathwaysPeriod *period,
                       int                   steps,
                       PathwaysPeriod       *out)
{
  int per_year, index;

  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  switch (period->kind)
    {
    case PATHWAYS_PERIOD_YEAR:
    case PATHWAYS_PERIOD_FYEAR:
      return pathways_period_init (out, period->kind, period->year + steps, 0);
    case PATHWAYS_PERIOD_QUARTER:
    case PATHWAYS_PERIOD_FQUARTER:
      per_year = 4;
      break;
    case PATHWAYS_PERIOD_MONTH:
      per_year = 12;
      break;
    case PATHWAYS_PERIOD_WHOLE:
    case PATHWAYS_PERIOD_CUSTOM:
    default:
      return FALSE;
    }
  index = period->year * per_year + (period->number - 1) + steps;
  return pathways_period_init (out, period->kind, floor_div (index, per_year),
                               index - floor_div (index, per_year) * per_year + 1);
}

gboolean
pathways_period_year_before (const PathwaysPeriod *period,
                             PathwaysPeriod       *out)
{
  g_return_val_if_fail (period != NULL, FALSE);

  switch (period->kind)
    {
    case PATHWAYS_PERIOD_QUARTER:
    case PATHWAYS_PERIOD_FQUARTER:
      return pathways_period_shift (period, -4, out);
    case PATHWAYS_PERIOD_MONTH:
      return pathways_period_shift (period, -12, out);
    default:
      return pathways_period_shift (period, -1, out);
    }
}

GArray *
pathways_period_list (PathwaysPeriodKind kind,
                      gint32             first,
                      gint32             last)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (PathwaysPeriod));
  PathwaysPeriod p;

  if (!PATHWAYS_DAY_IS_VALID (first) || !PATHWAYS_DAY_IS_VALID (last) || first > last)
    return list;
  if (!pathways_period_containing (&p, kind, last))
    return list;
  while (p.to >= first)
    {
      PathwaysPeriod before;

      g_array_append_val (list, p);
      if (!pathways_period_shift (&p, -1, &before))
        break;
      p = before;
    }
  return list;
}

static const struct {
  PathwaysPeriodKind  kind;
  const char         *id;
  const char         *label;
} kinds[] = {
  { PATHWAYS_PERIOD_YEAR, "year", N_("Calendar years") },
  { PATHWAYS_PERIOD_QUARTER, "quarter", N_("Calendar quarters") },
  { PATHWAYS_PERIOD_MONTH, "month", N_("Months") },
  { PATHWAYS_PERIOD_FYEAR, "fyear", N_("Financial years") },
  { PATHWAYS_PERIOD_FQUARTER, "fquarter", N_("Financial quarters") },
  { PATHWAYS_PERIOD_CUSTOM, "custom", N_("Custom range") },
  { PATHWAYS_PERIOD_WHOLE, "whole", N_("Whole period") },
};

const char *
pathways_period_kind_to_string (PathwaysPeriodKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (kinds[i].kind == kind)
        return kinds[i].id;
    }
  return NULL;
}

gboolean
pathways_period_kind_from_string (const char         *text,
                                  PathwaysPeriodKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_ascii_strcasecmp (kinds[i].id, text) == 0)
        {
          *kind = kinds[i].kind;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pathways_period_kind_get_label (PathwaysPeriodKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (kinds[i].kind == kind)
        return _(kinds[i].label);
    }
  return NULL;
}
