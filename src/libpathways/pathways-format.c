/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-i18n.h"

#include "pathways-format.h"

char *
pathways_format_count (guint64 n)
{
  char digits[32];
  GString *out = g_string_sized_new (32);
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
pathways_format_percent (double pct)
{
  if (!isfinite (pct))
    return g_strdup ("–");
  if (pct > 0 && pct < 9.95)
    return g_strdup_printf ("%.1f %%", pct);
  return g_strdup_printf ("%.0f %%", round (pct));
}

char *
pathways_format_day (gint32 day)
{
  int y, m, d;

  if (!PATHWAYS_DAY_IS_VALID (day))
    return g_strdup ("–");
  pathways_day_to_ymd (day, &y, &m, &d);
  if (m < 1 || m > 12)
    return g_strdup ("–");
  return g_strdup_printf ("%d %s %d", d, pathways_i18n_month_abbrev (m), y);
}

char *
pathways_format_day_long (gint32 day)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, mday;

  if (!PATHWAYS_DAY_IS_VALID (day))
    return NULL;
  pathways_day_to_ymd (day, &year, &month, &mday);
  dt = g_date_time_new_utc (year, month, mday, 0, 0, 0);
  /* Translators: a date as in "4 May 2023", see g_date_time_format() */
  return dt != NULL ? pathways_i18n_format_date (dt, _("%-d %B %Y")) : NULL;
}

char *
pathways_format_day_range (gint32 from,
                           gint32 to)
{
  g_autofree char *a = PATHWAYS_DAY_IS_VALID (from) ? pathways_format_day (from) : NULL;
  g_autofree char *b = PATHWAYS_DAY_IS_VALID (to) ? pathways_format_day (to) : NULL;

  if (a != NULL && b != NULL)
    return g_strdup_printf ("%s – %s", a, b);
  if (a != NULL)
    /* Translators: a period with no end, "from 1 Apr 2022" */
    return g_strdup_printf (_("from %s"), a);
  if (b != NULL)
    /* Translators: a period with no start, "until 31 Mar 2023" */
    return g_strdup_printf (_("until %s"), b);
  return g_strdup (_("Whole period"));
}

const char *
pathways_severity_get_id (PathwaysSeverity severity)
{
  switch (severity)
    {
    case PATHWAYS_SEVERITY_ERROR:
      return "error";
    case PATHWAYS_SEVERITY_WARNING:
      return "warning";
    case PATHWAYS_SEVERITY_ASSUMPTION:
    default:
      return "assumption";
    }
}

const char *
pathways_severity_get_label (PathwaysSeverity severity)
{
  switch (severity)
    {
    case PATHWAYS_SEVERITY_ERROR:
      return _("Left out of the data");
    case PATHWAYS_SEVERITY_WARNING:
      return _("Kept, but worth a look");
    case PATHWAYS_SEVERITY_ASSUMPTION:
      return _("A choice made on import");
    default:
      return NULL;
    }
}

const char *
pathways_finding_kind_get_label (const char *kind)
{
  static const struct {
    const char *kind;
    const char *label;
  } labels[] = {
    { PATHWAYS_FINDING_DUPLICATE_CASE_ID, N_("Duplicate case IDs") },
    { PATHWAYS_FINDING_MISSING_CASE_ID, N_("Rows without a case ID") },
    { PATHWAYS_FINDING_ORPHAN_SERVICE, N_("Services without a matching case") },
    { PATHWAYS_FINDING_DATE_NOT_UNDERSTOOD, N_("Dates not understood") },
    { PATHWAYS_FINDING_IMPOSSIBLE_DATE, N_("Impossible dates") },
    { PATHWAYS_FINDING_DATE_OUT_OF_RANGE, N_("Dates out of range") },
    { PATHWAYS_FINDING_MISSING_REFERRAL_DATE, N_("Cases without a referral date") },
    { PATHWAYS_FINDING_NEGATIVE_DURATION, N_("Dates that run backwards") },
    { PATHWAYS_FINDING_INCONSISTENT_CASE, N_("Case details that differ between rows") },
    { PATHWAYS_FINDING_RAGGED_ROW, N_("Rows with the wrong number of cells") },
    { PATHWAYS_FINDING_NUMBER_NOT_UNDERSTOOD, N_("Numbers not understood") },
    { PATHWAYS_FINDING_DATE_ORDER_ASSUMED, N_("Day and month order assumed") },
    { PATHWAYS_FINDING_IMPLAUSIBLE_WAIT, N_("Waits of more than ten years") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_strcmp0 (kind, labels[i].kind) == 0)
        return _(labels[i].label);
    }
  return kind;
}

/* What pathways_format_label () does with C: 0 keep, 1 drop, 2 a space, 3 U+FFFD. */
static int
label_action (gunichar c)
{
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
      c == 0x200E || c == 0x200F || c == 0x061C)
    return 1;
  if (c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
    return 2;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return 3;
  return 0;
}

gboolean
pathways_format_label_needed (const char *value,
                              guint       max_chars)
{
  guint n = 0;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return TRUE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (label_action (g_utf8_get_char (p)) != 0)
        return TRUE;
      if (max_chars > 0 && ++n > max_chars)
        return TRUE;
    }
  return FALSE;
}

char *
pathways_format_label (const char *value,
                       guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n = 0;

  if (value == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (value, -1, NULL))
    value = valid = g_utf8_make_valid (value, -1);
  out = g_string_sized_new (MIN (strlen (value), 4096) + 4);
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int action = label_action (c);

      if (action == 1)
        continue;
      if (max_chars > 0 && n + 1 >= max_chars)
        {
          /* room for this character only if it is the last one */
          const char *next = g_utf8_next_char (p);
          while (*next != '\0' && label_action (g_utf8_get_char (next)) == 1)
            next = g_utf8_next_char (next);
          if (*next != '\0')
            {
              g_string_append (out, "…");
              break;
            }
        }
      if (action == 2)
        g_string_append_c (out, ' ');
      else if (action == 3)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      n++;
    }
  return g_string_free (out, FALSE);
}
