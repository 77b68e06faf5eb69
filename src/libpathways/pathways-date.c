/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-date"

#include "config.h"

#include <string.h>

#include "pathways-dataset.h"
#include "pathways-date-private.h"
#include "pathways-import.h"

/* Packing: bits 30-31 tag; YMD and AB: year in bits 10-23 (0..16383), a in bits 5-9,
 * b in bits 0-4. SERIAL: the serial number in bits 0-29. Empty: 0, invalid: 1 (tag 0). */
#define TAG_SHIFT 30

static inline PathwaysDateCandidate
pack (PathwaysDateTag tag,
      int             year,
      int             a,
      int             b)
{
  return ((guint32) tag << TAG_SHIFT) | ((guint32) year << 10) | ((guint32) a << 5) | (guint32) b;
}

PathwaysDateTag
pathways_date_candidate_tag (PathwaysDateCandidate c)
{
  return (PathwaysDateTag) (c >> TAG_SHIFT);
}

void
pathways_date_candidate_parts (PathwaysDateCandidate  c,
                               int                   *year,
                               int                   *a,
                               int                   *b)
{
  *year = (c >> 10) & 0x3fff;
  *a = (c >> 5) & 0x1f;
  *b = c & 0x1f;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Reads 1..max_digits digits; returns the number of digits read (0 when none). */
static int
read_number (const char **pp,
             int          max_digits,
             int         *out)
{
  const char *p = *pp;
  int value = 0, n = 0;

  while (n < max_digits && p[n] >= '0' && p[n] <= '9')
    {
      value = value * 10 + (p[n] - '0');
      n++;
    }
  if (n == 0 || (p[n] >= '0' && p[n] <= '9'))
    return 0;
  *out = value;
  *pp = p + n;
  return n;
}

static int
month_from_name (const char **pp)
{
  static const char *names[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };
  const char *p = *pp;
  char lower[4];
  int len = 0;

  while (g_ascii_isalpha (p[len]))
    len++;
  if (len < 3)
    return 0;
  for (int i = 0; i < 3; i++)
    lower[i] = g_ascii_tolower (p[i]);
  lower[3] = '\0';

  for (int m = 0; m < 12; m++)
    {
      if (memcmp (lower, names[m], 3) == 0)
        {
          /* "May", "Sept", "September" all accepted; "Mayday" is not a month */
          if (len > 3)
            {
              static const char *full[] = {
                "january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december"
              };
              if (!(len == 4 && m == 8 && g_ascii_tolower (p[3]) == 't') &&
                  !((gsize) len == strlen (full[m]) && g_ascii_strncasecmp (p, full[m], len) == 0))
                return 0;
            }
          *pp = p + len;
          return m + 1;
        }
    }
  return 0;
}

static int
expand_year (int year,
             int digits)
{
  if (digits == 2)
    return year < 70 ? 2000 + year : 1900 + year;
  return year;
}

/* After the date: nothing, or a time (with 'T' or a space) and optional AM/PM, or a
 * time zone. The time itself is ignored: durations are whole days. */
static gboolean
rest_is_time (const char *p)
{
  int h, m;

  p = skip_spaces (p);
  if (*p == '\0')
    return TRUE;
  if (*p == 'T' || *p == 't')
    p++;
  p = skip_spaces (p);
  if (!read_number (&p, 2, &h) || *p != ':' || h > 24)
    return FALSE;
  p++;
  if (!read_number (&p, 2, &m) || m > 59)
    return FALSE;
  if (*p == ':')
    {
      int s;
      p++;
      if (!read_number (&p, 2, &s) || s > 60)
        return FALSE;
      if (*p == '.' || *p == ',')
        {
          p++;
          while (*p >= '0' && *p <= '9')
            p++;
        }
    }
  p = skip_spaces (p);
  if (g_ascii_strncasecmp (p, "am", 2) == 0 || g_ascii_strncasecmp (p, "pm", 2) == 0)
    p += 2;
  else if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      p++;
      while ((*p >= '0' && *p <= '9') || *p == ':')
        p++;
    }
  p = skip_spaces (p);
  return *p == '\0';
}

static gboolean
parse_serial (const char *p,
              gboolean    accept_small,
              guint32    *serial)
{
  guint64 whole = 0;
  int n = 0;

  while (*p >= '0' && *p <= '9' && n < 8)
    {
      whole = whole * 10 + (guint64) (*p - '0');
      p++;
      n++;
    }
  if (n == 0)
    return FALSE;
  if (*p == '.')
    {
      p++;
      while (*p >= '0' && *p <= '9')
        p++;
    }
  p = skip_spaces (p);
  if (*p != '\0')
    return FALSE;
  if (whole > 2958465 || whole < (accept_small ? 1u : 10000u))
    return FALSE;
  *serial = (guint32) whole;
  return TRUE;
}

PathwaysDateCandidate
pathways_date_candidate_parse (const char *text,
                               gboolean    accept_small_serials)
{
  const char *p;
  int first, second, third, d1, d2, d3;

  if (text == NULL)
    return PATHWAYS_DATE_CANDIDATE_NONE;

  p = skip_spaces (text);
  if (*p == '\0')
    return PATHWAYS_DATE_CANDIDATE_NONE;

  if (*p >= '0' && *p <= '9')
    {
      const char *start = p;

      d1 = read_number (&p, 4, &first);
      if (d1 == 0)
        {
          guint32 serial;
          if (parse_serial (start, accept_small_serials, &serial))
            return pack (PATHWAYS_DATE_TAG_SERIAL, 0, 0, 0) | serial;
          return PATHWAYS_DATE_CANDIDATE_INVALID;
        }

      if (d1 == 4 && (*p == '-' || *p == '/' || *p == '.'))
        {
          /* Year first: YYYY-MM-DD, YYYY/MM/DD, YYYY-MM */
          char sep = *p++;
          if (!read_number (&p, 2, &second))
            return PATHWAYS_DATE_CANDIDATE_INVALID;
          if (*p != sep)
            {
              if (sep == '-' && rest_is_time (p) && *skip_spaces (p) == '\0' && second >= 1 && second <= 12)
                return pack (PATHWAYS_DATE_TAG_YMD, first, second, 1);
              return PATHWAYS_DATE_CANDIDATE_INVALID;
            }
          p++;
          if (!read_number (&p, 2, &third) || !rest_is_time (p))
            return PATHWAYS_DATE_CANDIDATE_INVALID;
          if (second > 31 || third > 31)
            return PATHWAYS_DATE_CANDIDATE_INVALID;
          return pack (PATHWAYS_DATE_TAG_YMD, first, second, third);
        }

      if (d1 <= 2 && (*p == '/' || *p == '-' || *p == '.'))
        {
          char sep = *p++;
          int month;

          /* DD-Mon-YYYY */
          if ((month = month_from_name (&p)) != 0)
            {
              if (*p != sep)
                return PATHWAYS_DATE_CANDIDATE_INVALID;
              p++;
              d3 = read_number (&p, 4, &third);
              if ((d3 != 2 && d3 != 4) || !rest_is_time (p))
                return PATHWAYS_DATE_CANDIDATE_INVALID;
              return pack (PATHWAYS_DATE_TAG_YMD, expand_year (third, d3), month, first);
            }

          d2 = read_number (&p, 2, &second);
          if (d2 == 0 || *p != sep)
            return PATHWAYS_DATE_CANDIDATE_INVALID;
          p++;
          d3 = read_number (&p, 4, &third);
          if ((d3 != 2 && d3 != 4) || !rest_is_time (p))
            return PATHWAYS_DATE_CANDIDATE_INVALID;
          if (first > 31 || second > 31)
            return PATHWAYS_DATE_CANDIDATE_INVALID;
          return pack (PATHWAYS_DATE_TAG_AB, expand_year (third, d3), first, second);
        }

      if (d1 <= 2 && *p == ' ')
        {
          /* D Mon YYYY */
          int month;
          p = skip_spaces (p);
          if ((month = month_from_name (&p)) == 0)
            return PATHWAYS_DATE_CANDIDATE_INVALID;
          p = skip_spaces (p);
          if (*p == ',')
            p = skip_spaces (p + 1);
          d3 = read_number (&p, 4, &third);
          if (d3 != 4 || !rest_is_time (p))
            return PATHWAYS_DATE_CANDIDATE_INVALID;
          return pack (PATHWAYS_DATE_TAG_YMD, third, month, first);
        }

      {
        guint32 serial;
        if (parse_serial (start, accept_small_serials, &serial))
          return pack (PATHWAYS_DATE_TAG_SERIAL, 0, 0, 0) | serial;
      }
    }

  return PATHWAYS_DATE_CANDIDATE_INVALID;
}

void
pathways_date_order_evidence_add (PathwaysDateOrderEvidence *ev,
                                  PathwaysDateCandidate      c)
{
  int year, a, b;

  if (pathways_date_candidate_tag (c) != PATHWAYS_DATE_TAG_AB)
    return;
  pathways_date_candidate_parts (c, &year, &a, &b);
  ev->n_ab++;
  if (a > 12)
    ev->n_first_over_12++;
  if (b > 12)
    ev->n_second_over_12++;
}

PathwaysDateOrder
pathways_date_order_resolve (const PathwaysDateOrderEvidence *ev,
                             PathwaysDateOrder                forced,
                             gboolean                        *assumed)
{
  *assumed = FALSE;

  if (forced != PATHWAYS_DATE_ORDER_AUTO)
    return forced;
  if (ev->n_first_over_12 > 0 || ev->n_second_over_12 > 0)
    {
      /* Both kinds in one column cannot both be right; the majority wins and the
       * others become impossible dates, reported as such. */
      return ev->n_second_over_12 > ev->n_first_over_12 ? PATHWAYS_DATE_ORDER_MDY : PATHWAYS_DATE_ORDER_DMY;
    }
  if (ev->n_ab > 0)
    *assumed = TRUE;
  return PATHWAYS_DATE_ORDER_DMY;
}

gint32
pathways_date_candidate_to_day (PathwaysDateCandidate c,
                                PathwaysDateOrder     order,
                                gboolean              date1904)
{
  int year, a, b;

  if (c == PATHWAYS_DATE_CANDIDATE_NONE)
    return PATHWAYS_DAY_NONE;
  if (c == PATHWAYS_DATE_CANDIDATE_INVALID)
    return PATHWAYS_DAY_INVALID;

  switch (pathways_date_candidate_tag (c))
    {
    case PATHWAYS_DATE_TAG_YMD:
      pathways_date_candidate_parts (c, &year, &a, &b);
      return pathways_day_from_ymd (year, a, b);

    case PATHWAYS_DATE_TAG_AB:
      pathways_date_candidate_parts (c, &year, &a, &b);
      if (order == PATHWAYS_DATE_ORDER_MDY)
        return pathways_day_from_ymd (year, a, b);
      if (order == PATHWAYS_DATE_ORDER_YMD)
        return PATHWAYS_DAY_INVALID;  /* D/M/Y text in a column said to be year first */
      return pathways_day_from_ymd (year, b, a);

    case PATHWAYS_DATE_TAG_SERIAL:
      {
        /* Julian day of 1899-12-31 is 693595: serial 1 = 1900-01-01. Excel counts a
         * 29 February 1900 that never was, so serials from 61 on are one day ahead. */
        gint64 serial = c & 0x3fffffff;
        gint64 day;

        if (date1904)
          day = 695056 + serial;  /* serial 0 = 1904-01-01 */
        else if (serial >= 61)
          day = 693594 + serial;
        else if (serial == 60)
          return PATHWAYS_DAY_INVALID;
        else
          day = 693595 + serial;
        return (gint32) day;
      }

    case PATHWAYS_DATE_TAG_EMPTY:
    default:
      return PATHWAYS_DAY_INVALID;
    }
}

gint32
pathways_parse_date (const char        *text,
                     PathwaysDateOrder  order,
                     gboolean           date1904)
{
  return pathways_date_candidate_to_day (pathways_date_candidate_parse (text, FALSE),
                                         order, date1904);
}
