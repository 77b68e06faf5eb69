/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-xlsx-reader-styles.c: number formats and dates of an XLSX workbook.
 *
 * A cell is a date when its style's number format is a date or time format (a
 * built-in one, or a custom format code with date or time parts). Its value is
 * then a serial number of days in the 1900 or 1904 system, given to the reader as
 * ISO text.
 */
#define G_LOG_DOMAIN "pathways-xlsx-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-xlsx-reader-private.h"

/* 9999-12-31 in the 1900 system: later serials are not dates. */
#define MAX_DATE_SERIAL        2958465.0

static gboolean
is_builtin_date_format (guint64 id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
         (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* A custom number format is a date or time format when it has d, m, y, h or s outside
 * quoted text, [brackets] (colours, locales, elapsed-time markers aside), escapes and
 * fill/padding characters. */
static gboolean
is_date_format_code (const char *code)
{
  for (const char *p = code; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          break;

        case '[':
          p = strchr (p + 1, ']');
          if (p == NULL)
            return FALSE;
          break;

        case '\\':
        case '_':
        case '*':
          if (p[1] == '\0')
            return FALSE;
          p++;
          break;

        case 'd': case 'D':
        case 'm': case 'M':
        case 'y': case 'Y':
        case 'h': case 'H':
        case 's': case 'S':
          return TRUE;

        default:
          break;
        }
    }
  return FALSE;
}

gboolean
_pathways_xlsx_read_styles (PathwaysXlsxReader  *self,
                            const char          *styles_part,
                            GError             **error)
{
  g_autoptr(PathwaysXlsxPart) pr = NULL;
  g_autoptr(GHashTable) custom = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) xf_formats = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) custom_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) custom_dates = g_array_new (FALSE, FALSE, sizeof (guint8));
  gboolean in_cell_xfs = FALSE;
  int ret;

  pr = _pathways_xlsx_part_open (self->zip, self->display, styles_part, MAX_PART_SIZE, error);
  if (pr == NULL)
    return FALSE;

  while ((ret = _pathways_xlsx_part_next (pr, error)) > 0)
    {
      if (_pathways_xlsx_is_element (pr, "numFmt"))
        {
          g_autofree char *id_text = _pathways_xlsx_get_attribute (pr, "numFmtId");
          g_autofree char *code = _pathways_xlsx_get_attribute (pr, "formatCode");
          guint64 id;
          guint8 is_date;

          if (id_text == NULL || code == NULL ||
              !g_ascii_string_to_unsigned (id_text, 10, 0, G_MAXINT32, &id, NULL))
            continue;
          if (custom_ids->len >= MAX_CELL_XFS)
            continue;

          is_date = is_date_format_code (code);
          g_array_append_val (custom_ids, id);
          g_array_append_val (custom_dates, is_date);
        }
      else if (_pathways_xlsx_is_element (pr, "cellXfs"))
        in_cell_xfs = !_pathways_xlsx_is_empty_element (pr);
      else if (_pathways_xlsx_is_end_element (pr, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && _pathways_xlsx_is_element (pr, "xf"))
        {
          g_autofree char *id_text = _pathways_xlsx_get_attribute (pr, "numFmtId");
          guint64 id = 0;

          if (xf_formats->len >= MAX_CELL_XFS)
            continue;
          if (id_text != NULL)
            g_ascii_string_to_unsigned (id_text, 10, 0, G_MAXINT32, &id, NULL);
          g_array_append_val (xf_formats, id);
        }
    }

  if (ret < 0)
    return FALSE;

  /* Custom formats may come in any order relative to cellXfs; later ones win. */
  for (guint i = 0; i < custom_ids->len; i++)
    g_hash_table_insert (custom, &g_array_index (custom_ids, gint64, i),
                         &g_array_index (custom_dates, guint8, i));

  self->xf_is_date = g_array_sized_new (FALSE, TRUE, sizeof (guint8), xf_formats->len);
  for (guint i = 0; i < xf_formats->len; i++)
    {
      gint64 id = g_array_index (xf_formats, gint64, i);
      const guint8 *custom_date = g_hash_table_lookup (custom, &id);
      guint8 is_date;

      if (custom_date != NULL)
        is_date = *custom_date;
      else
        is_date = is_builtin_date_format ((guint64) id);
      g_array_append_val (self->xf_is_date, is_date);
    }

  return TRUE;
}

/* Converts a date serial to ISO text; NULL when the value is not a plausible date. */
char *
_pathways_xlsx_serial_to_iso (double   serial,
                              gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  double whole;
  gint64 days;
  gint64 seconds;

  if (!isfinite (serial) || serial < 0.0 || serial >= MAX_DATE_SERIAL + 1.0)
    return NULL;

  whole = floor (serial);
  days = (gint64) whole;
  seconds = (gint64) llround ((serial - whole) * 86400.0);
  if (seconds >= 86400)
    {
      days++;
      seconds -= 86400;
    }

  /* A bare time of day (a serial below 1) has no date. */
  if (days == 0 && serial < 1.0)
    return g_strdup_printf ("%02d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  if (date1904)
    {
      date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
      g_date_add_days (date, (guint) days);
    }
  else if (days == 60)
    {
      /* Excel's 29 February 1900, which never was: given as it shows it. */
      if (seconds == 0)
        return g_strdup ("1900-02-29");
      return g_strdup_printf ("1900-02-29 %02d:%02d:%02d", (int) (seconds / 3600),
                              (int) (seconds / 60 % 60), (int) (seconds % 60));
    }
  else if (days < 60)
    {
      /* Before the fictitious day, serial 1 is 1900-01-01. */
      date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
      g_date_add_days (date, (guint) days);
    }
  else
    {
      date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
      g_date_add_days (date, (guint) days);
    }

  if (!g_date_valid (date))
    return NULL;

  if (seconds == 0)
    return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                            g_date_get_month (date), g_date_get_day (date));

  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date),
                          (int) (seconds / 3600), (int) (seconds / 60 % 60),
                          (int) (seconds % 60));
}

gboolean
_pathways_xlsx_style_is_date (PathwaysXlsxReader *self,
                              const char         *style)
{
  guint64 index;

  if (style == NULL || self->xf_is_date == NULL)
    return FALSE;
  if (!g_ascii_string_to_unsigned (style, 10, 0, G_MAXUINT32, &index, NULL))
    return FALSE;
  if (index >= self->xf_is_date->len)
    return FALSE;
  return g_array_index (self->xf_is_date, guint8, index) != 0;
}
