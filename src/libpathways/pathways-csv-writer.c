/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include "pathways-i18n.h"

#include "pathways-csv-writer.h"
#include "pathways-disclosure.h"
#include "pathways-export.h"
#include "pathways-labels.h"

char *
pathways_csv_format_number (double value,
                            guint  decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[8];
  char *dot;

  if (isnan (value) || isinf (value))
    return g_strdup ("");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  g_snprintf (fmt, sizeof fmt, "%%.%uf", MIN (decimals, 9));
  g_ascii_formatd (buf, sizeof buf, fmt, value);
  dot = strchr (buf, '.');
  if (dot != NULL)
    {
      char *end = buf + strlen (buf) - 1;
      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *end = '\0';
    }
  if (g_str_equal (buf, "-0"))
    return g_strdup ("0");
  return g_strdup (buf);
}

/* TRUE when a spreadsheet would run TEXT as a formula: it starts with =, +, -, @, a tab,
 * a carriage return, or the full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) that
 * some spreadsheets read as their ASCII forms. */
static gboolean
runs_as_formula (const char *text)
{
  static const char *const full_width[] = { "\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d", "\xef\xbc\xa0" };

  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (full_width); i++)
    if (g_str_has_prefix (text, full_width[i]))
      return TRUE;
  return FALSE;
}

static void
append_field (GString    *out,
              const char *text,
              gboolean    is_label)
{
  gboolean quote = FALSE;

  if (text == NULL)
    text = "";
  /* a label from the data must not run as a formula when the file is opened (a
   * number is written as a number and is not a label: -3 stays -3) */
  if (is_label && runs_as_formula (text))
    {
      g_string_append (out, "\"'");
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
      return;
    }
  for (const char *p = text; *p && !quote; p++)
    quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
  if (!quote && (g_ascii_isspace (text[0]) || (*text && g_ascii_isspace (text[strlen (text) - 1]))))
    quote = TRUE;
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
cell_text (const PathwaysReportTable *t,
           guint                      column,
           const PathwaysCell        *cell,
           guint                      threshold)
{
  if (cell->kind == PATHWAYS_CELL_LABEL)
    return cell->text != NULL ? pathways_labels_format_cell (t, column, cell, threshold) : g_strdup ("");
  if (cell->suppression != PATHWAYS_SUPPRESSION_NONE)
    return pathways_cell_format (cell, threshold);
  if (!cell->defined)
    return g_strdup ("");
  return pathways_csv_format_number (cell->value, 2);
}

static char *
slug (const char *text)
{
  GString *s = g_string_new (NULL);
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (const char *p = lower; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (s, *p);
      else if (s->len > 0 && s->str[s->len - 1] != '-')
        g_string_append_c (s, '-');
      if (s->len >= 40)
        break;
    }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* The CSV text of one table. */
static GString *
table_csv (PathwaysReport            *report,
           const PathwaysReportTable *t)
{
  GString *out = g_string_new (NULL);
  g_autofree char *key = pathways_labels_format_key (t);

  if (t->withheld)
    {
      /* a protected table whose true base is below 10: the sentence instead */
      g_string_append (out, "withheld\r\n");
      append_field (out, pathways_disclosure_withheld_text (), FALSE);
      g_string_append (out, "\r\n");
      return out;
    }
  if (t->key != NULL)
    g_string_append (out, "key,");
  for (guint c = 0; c < t->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      if (c > 0)
        g_string_append_c (out, ',');
      append_field (out, col->id, FALSE);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      if (t->key != NULL)
        {
          append_field (out, key, TRUE);
          g_string_append_c (out, ',');
        }
      for (guint c = 0; c < t->columns->len; c++)
        {
          g_autofree char *text = cell_text (t, c, &row->cells[c], report->threshold);
          if (c > 0)
            g_string_append_c (out, ',');
          append_field (out, text, row->cells[c].kind == PATHWAYS_CELL_LABEL);
        }
      g_string_append (out, "\r\n");
    }
  return out;
}

gboolean
pathways_csv_write (PathwaysReport              *report,
                    const PathwaysExportOptions *options,
                    PathwaysSafeFolder          *out,
                    GError                     **error)
{
  g_auto(GStrv) provenance = NULL;
  g_autoptr(GString) readme = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  provenance = pathways_export_provenance (report, options);
  g_string_append_printf (readme, "%s\r\n\r\n", pathways_export_options_get_title (options));
  for (guint k = 0; provenance[k] != NULL && provenance[k + 1] != NULL; k += 2)
    g_string_append_printf (readme, "%s: %s\r\n", provenance[k], provenance[k + 1]);
  g_string_append_printf (readme, "\r\n%s\r\n%s\r\n\r\n",
                          _("One file per table, UTF-8, one header row of column names. Counts are whole "
                            "numbers; percents are unrounded to two decimals (33.48 means 33.48 %); hidden "
                            "figures are shown as a reader sees them; an empty cell has no value."),
                          _("Files:"));

  for (guint k = 0; k < report->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, k);
      g_autoptr(GString) csv = NULL;
      g_autofree char *name = NULL, *id_slug = NULL, *key_slug = NULL, *title = NULL;

      if (!pathways_export_table_selected (t, options))
        continue;
      id_slug = slug (t->id);
      key_slug = t->key != NULL ? slug (t->key) : NULL;
      name = g_strdup_printf ("%02u-%s%s%s.csv", ++n, id_slug,
                              key_slug != NULL && *key_slug ? "-" : "", key_slug != NULL ? key_slug : "");
      csv = table_csv (report, t);
      if (!pathways_safe_folder_write (out, name, csv->str, csv->len, error))
        return FALSE;
      title = pathways_export_table_title (t);
      g_string_append_printf (readme, "  %s  %s\r\n", name, title);
    }
  return pathways_safe_folder_write (out, "README.txt", readme->str, readme->len, error);
}
