/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "pathways-xlsx-writer.h"
#include "pathways-disclosure.h"
#include "pathways-export.h"
#include "pathways-labels.h"
#include "pathways-output.h"
#include "pathways-version.h"

#define MAX_SHEET_NAME 31

char *
pathways_xlsx_sheet_name (const char *title,
                          GHashTable *used)
{
  GString *s = g_string_new (NULL);
  g_autofree char *base = NULL;
  g_autofree char *folded = NULL;
  glong len;

  g_return_val_if_fail (used != NULL, NULL);

  for (const char *p = title != NULL && g_utf8_validate (title, -1, NULL) ? title : "";
       *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (strchr ("[]:*?/\\", (int) (ch < 128 ? ch : 'a')) != NULL && ch < 128)
        g_string_append_c (s, ch == ':' ? ' ' : '-');
      else if (g_unichar_iscntrl (ch))
        g_string_append_c (s, ' ');
      else
        g_string_append_unichar (s, ch);
    }
  /* collapse spaces, trim, no apostrophe at either end */
  base = g_strstrip (g_string_free (s, FALSE));
  while (base[0] == '\'')
    memmove (base, base + 1, strlen (base));
  len = g_utf8_strlen (base, -1);
  if (len > MAX_SHEET_NAME)
    {
      char *end = g_utf8_offset_to_pointer (base, MAX_SHEET_NAME);
      *end = '\0';
    }
  g_strchomp (base);
  while (*base && base[strlen (base) - 1] == '\'')
    base[strlen (base) - 1] = '\0';
  if (*base == '\0')
    {
      g_free (base);
      base = g_strdup ("Table");
    }

  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = NULL;

      if (n == 1)
        candidate = g_strdup (base);
      else
        {
          g_autofree char *suffix = g_strdup_printf (" (%u)", n);
          glong room = MAX_SHEET_NAME - (glong) strlen (suffix);
          g_autofree char *head = g_strdup (base);
          if (g_utf8_strlen (head, -1) > room)
            *g_utf8_offset_to_pointer (head, room) = '\0';
          g_strchomp (head);
          candidate = g_strconcat (head, suffix, NULL);
        }
      folded = g_utf8_casefold (candidate, -1);
      if (!g_hash_table_contains (used, folded))
        {
          g_hash_table_add (used, g_steal_pointer (&folded));
          return g_steal_pointer (&candidate);
        }
      g_clear_pointer (&folded, g_free);
    }
}

typedef struct {
  lxw_workbook *wb;
  lxw_format   *title, *subtitle, *header, *header_num, *count, *pct0, *pct1, *decimal;
  lxw_format   *hidden, *note, *label, *bold, *wrap;
} Formats;

static void
make_formats (Formats *f)
{
  f->title = workbook_add_format (f->wb);
  format_set_bold (f->title);
  format_set_font_size (f->title, 13);
  f->subtitle = workbook_add_format (f->wb);
  format_set_italic (f->subtitle);
  format_set_font_color (f->subtitle, 0x5E5C64);
  f->header = workbook_add_format (f->wb);
  format_set_bold (f->header);
  format_set_text_wrap (f->header);
  format_set_align (f->header, LXW_ALIGN_VERTICAL_BOTTOM);
  format_set_bottom (f->header, LXW_BORDER_THIN);
  f->header_num = workbook_add_format (f->wb);
  format_set_bold (f->header_num);
  format_set_text_wrap (f->header_num);
  format_set_align (f->header_num, LXW_ALIGN_RIGHT);
  format_set_align (f->header_num, LXW_ALIGN_VERTICAL_BOTTOM);
  format_set_bottom (f->header_num, LXW_BORDER_THIN);
  f->count = workbook_add_format (f->wb);
  format_set_num_format (f->count, "#,##0");
  f->pct0 = workbook_add_format (f->wb);
  format_set_num_format (f->pct0, "0%");
  f->pct1 = workbook_add_format (f->wb);
  format_set_num_format (f->pct1, "0.0%");
  f->decimal = workbook_add_format (f->wb);
  format_set_num_format (f->decimal, "0.0");
  f->hidden = workbook_add_format (f->wb);
  format_set_align (f->hidden, LXW_ALIGN_RIGHT);
  format_set_font_color (f->hidden, 0x5E5C64);
  f->note = workbook_add_format (f->wb);
  format_set_font_color (f->note, 0x5E5C64);
  f->label = workbook_add_format (f->wb);
  f->bold = workbook_add_format (f->wb);
  format_set_bold (f->bold);
  f->wrap = workbook_add_format (f->wb);
  format_set_text_wrap (f->wrap);
  format_set_align (f->wrap, LXW_ALIGN_VERTICAL_TOP);
}

/* Width in Excel's character units of TEXT. */
static double
text_width (const char *text)
{
  return text != NULL ? (double) g_utf8_strlen (text, -1) : 0;
}

static void
write_cell (lxw_worksheet             *ws,
            Formats                   *f,
            lxw_row_t                  r,
            lxw_col_t                  c,
            const PathwaysReportTable *t,
            const PathwaysCell        *cell,
            guint                      threshold,
            gboolean                  *hidden)
{
  if (cell->kind == PATHWAYS_CELL_LABEL)
    {
      g_autofree char *text = cell->text != NULL ? pathways_labels_format_cell (t, c, cell, threshold)
                                                 : g_strdup ("");
      worksheet_write_string (ws, r, c, text, f->label);
      return;
    }
  if (cell->suppression != PATHWAYS_SUPPRESSION_NONE)
    {
      g_autofree char *text = pathways_cell_format (cell, threshold);
      worksheet_write_string (ws, r, c, text, f->hidden);
      *hidden = TRUE;
      return;
    }
  if (!cell->defined || isnan (cell->value))
    return;
  switch (cell->kind)
    {
    case PATHWAYS_CELL_PERCENT:
      worksheet_write_number (ws, r, c, cell->value / 100.0,
                              cell->value > 0 && cell->value < 10 ? f->pct1 : f->pct0);
      break;
    case PATHWAYS_CELL_RATE:
    case PATHWAYS_CELL_STATISTIC:
      worksheet_write_number (ws, r, c, cell->value, f->decimal);
      break;
    case PATHWAYS_CELL_COUNT:
    case PATHWAYS_CELL_SETTING:
    case PATHWAYS_CELL_LABEL:
    default:
      worksheet_write_number (ws, r, c, cell->value, f->count);
      break;
    }
}

/* The column a native chart plots, or -1 for none. */
static int
chart_column (const PathwaysReportTable *t,
              lxw_chart_type            *type)
{
  const char *col = NULL;

  if (t->rows->len == 0)
    return -1;
  switch (t->chart.kind)
    {
    case PATHWAYS_CHART_FUNNEL:
    case PATHWAYS_CHART_CLOSURE_REASONS:
      col = "count";
      *type = LXW_CHART_BAR;
      break;
    case PATHWAYS_CHART_RATES:
      col = "rate";
      *type = LXW_CHART_BAR;
      break;
    case PATHWAYS_CHART_DISTRIBUTION:
      col = "count";
      *type = LXW_CHART_COLUMN;
      break;
    default:
      return -1;
    }
  return pathways_report_table_find_column ((PathwaysReportTable *) t, col);
}

static void
add_chart (lxw_workbook              *wb,
           lxw_worksheet             *ws,
           const char                *sheet,
           const PathwaysReportTable *t,
           const char                *title,
           guint                      n_cols)
{
  lxw_chart_type type = LXW_CHART_BAR;
  int vc = chart_column (t, &type);
  lxw_row_t first = PATHWAYS_XLSX_HEADER_ROW + 1, last = first + t->rows->len - 1;
  lxw_chart *chart;
  lxw_chart_series *series;
  lxw_chart_fill fill = { .color = 0x0072B2 };
  lxw_chart_options opt = { .x_offset = 10, .y_offset = 4, .x_scale = 1.25, .y_scale = 1.0 };
  PathwaysReportColumn *column;

  if (vc < 0)
    return;
  column = g_ptr_array_index (t->columns, vc);
  chart = workbook_add_chart (wb, type);
  series = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (series, sheet, first, 0, last, 0);
  chart_series_set_values (series, sheet, first, vc, last, vc);
  chart_series_set_name (series, column->label);
  chart_series_set_fill (series, &fill);
  chart_title_set_name (chart, title);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
  if (type == LXW_CHART_BAR)
    {
      /* after libxlsxwriter's swap, y_axis is a bar chart's category axis: first row on top */
      chart_axis_set_reverse (chart->y_axis);
      opt.y_scale = MAX (1.0, MIN (3.0, (60.0 + 20.0 * t->rows->len) / 288.0));
    }
  if (t->chart.kind == PATHWAYS_CHART_RATES)
    {
      chart_axis_set_min (chart->x_axis, 0);
      chart_axis_set_max (chart->x_axis, 100);
    }
  worksheet_insert_chart_opt (ws, PATHWAYS_XLSX_HEADER_ROW, n_cols + 1, chart, &opt);
}

static void
write_table_sheet (lxw_workbook              *wb,
                   Formats                   *f,
                   PathwaysReport            *report,
                   const PathwaysReportTable *t,
                   const char                *sheet,
                   const char                *title)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, sheet);
  guint n_cols = t->columns->len;
  g_autofree double *widths = g_new0 (double, n_cols);
  GString *sub = g_string_new (NULL);
  gboolean hidden = FALSE;
  lxw_row_t r;

  worksheet_write_string (ws, 0, 0, title, f->title);
  if (t->chart.base_text != NULL)
    g_string_append (sub, t->chart.base_text);
  if (t->chart.filters != NULL && *t->chart.filters != '\0')
    g_string_append_printf (sub, "%s%s", sub->len > 0 ? " · " : "", t->chart.filters);
  if (sub->len > 0)
    worksheet_write_string (ws, 1, 0, sub->str, f->subtitle);
  g_string_free (sub, TRUE);

  for (guint c = 0; c < n_cols; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      worksheet_write_string (ws, PATHWAYS_XLSX_HEADER_ROW, c, col->label,
                              col->kind == PATHWAYS_CELL_LABEL ? f->header : f->header_num);
      widths[c] = MIN (text_width (col->label), 14);
    }
  r = PATHWAYS_XLSX_HEADER_ROW + 1;
  for (guint i = 0; i < t->rows->len; i++, r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i);
      for (guint c = 0; c < n_cols; c++)
        {
          const PathwaysCell *cell = &row->cells[c];
          double w;

          write_cell (ws, f, r, c, t, cell, report->threshold, &hidden);
          {
            g_autofree char *shown = pathways_labels_format_cell (t, c, cell, report->threshold);
            w = text_width (shown);
          }
          widths[c] = MAX (widths[c], w);
        }
    }
  {
    /* viewers do not grow a row for wrapped text by themselves: give the header the
     * lines its longest label needs in its column */
    double lines = 1;
    for (guint c = 0; c < n_cols; c++)
      {
        PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
        double room = MIN (widths[c], 60) * 1.1;
        lines = MAX (lines, ceil (text_width (col->label) / MAX (room, 1)));
      }
    worksheet_set_row (ws, PATHWAYS_XLSX_HEADER_ROW, 15 * MIN (lines, 4), NULL);
  }
  for (guint c = 0; c < n_cols; c++)
    worksheet_set_column (ws, c, c, MIN (widths[c], 60) * 1.1 + 2, NULL);
  worksheet_freeze_panes (ws, PATHWAYS_XLSX_HEADER_ROW + 1, 0);

  r++;
  if (hidden)
    {
      g_autofree char *rule = pathways_disclosure_describe (report->threshold, report->round5);
      worksheet_write_string (ws, r++, 0, rule, f->note);
    }
  for (guint k = 0; k < t->chart.notes->len; k++)
    worksheet_write_string (ws, r++, 0, g_ptr_array_index (t->chart.notes, k), f->note);

  add_chart (wb, ws, sheet, t, title, n_cols);
}

static void
write_readme (lxw_worksheet               *ws,
              Formats                     *f,
              PathwaysReport              *report,
              const PathwaysExportOptions *options,
              GPtrArray                   *sheets)
{
  g_auto(GStrv) lines = pathways_export_provenance (report, options);
  lxw_row_t r = 0;

  worksheet_set_column (ws, 0, 0, 34, NULL);
  worksheet_set_column (ws, 1, 1, 100, f->wrap);
  worksheet_write_string (ws, r++, 0, pathways_export_options_get_title (options), f->title);
  r++;
  for (guint k = 0; lines[k] != NULL && lines[k + 1] != NULL; k += 2, r++)
    {
      worksheet_write_string (ws, r, 0, lines[k], f->bold);
      worksheet_write_string (ws, r, 1, lines[k + 1], f->wrap);
    }
  r++;
  worksheet_write_string (ws, r++, 0,
                          _("Numbers are stored as numbers. Figures hidden to protect people are text: "
                            "<5 for a small count, * for a figure computed from hidden ones."), NULL);
  r++;
  worksheet_write_string (ws, r, 0, _("Sheet"), f->header);
  worksheet_write_string (ws, r++, 1, _("Table"), f->header);
  for (guint k = 0; k + 1 < sheets->len; k += 2, r++)
    {
      worksheet_write_string (ws, r, 0, g_ptr_array_index (sheets, k), NULL);
      worksheet_write_string (ws, r, 1, g_ptr_array_index (sheets, k + 1), NULL);
    }
}

/* libxlsxwriter says only "error creating output xlsx file" or "zip error": the errno
 * left by its failed write tells a full disk from the rest. */
static gboolean
check_close (lxw_error          err,
             int                errsv,
             PathwaysSafeFile  *out,
             GError           **error)
{
  g_autofree char *display = NULL;

  if (err == LXW_NO_ERROR)
    return TRUE;
  if (errsv != 0)
    {
      pathways_safe_file_set_error (error, errsv, pathways_safe_file_get_path (out));
      return FALSE;
    }
  display = g_filename_display_basename (pathways_safe_file_get_path (out));
  g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
               _("Pathways could not save %s: %s"), display, lxw_strerror (err));
  return FALSE;
}

gboolean
pathways_xlsx_write (PathwaysReport              *report,
                     const PathwaysExportOptions *options,
                     PathwaysSafeFile            *out,
                     GError                     **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subject = NULL;
  g_autoptr(GDateTime) now = pathways_export_now ();
  lxw_workbook_options wopt = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  lxw_doc_properties props = { 0 };
  lxw_worksheet *readme;
  lxw_error err;
  Formats f = { 0 };

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* the temporary file exists and is writable: libxlsxwriter replaces its contents */
  f.wb = workbook_new_opt (pathways_safe_file_get_temp_path (out), &wopt);
  if (f.wb == NULL)
    {
      pathways_safe_file_set_error (error, errno != 0 ? errno : ENOMEM, pathways_safe_file_get_path (out));
      return FALSE;
    }
  make_formats (&f);

  subject = pathways_export_subject (report, options);
  props.title = (char *) pathways_export_options_get_title (options);
  props.subject = subject;
  props.author = options->organisation != NULL ? options->organisation : (char *) "Pathways";
  props.company = options->organisation;
  props.comments = (char *) "Pathways " PATHWAYS_VERSION;
  props.created = (time_t) g_date_time_to_unix (now);
  workbook_set_properties (f.wb, &props);

  g_hash_table_add (used, g_utf8_casefold (_("Read me"), -1));
  readme = workbook_add_worksheet (f.wb, _("Read me"));

  for (guint k = 0; k < report->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, k);
      g_autofree char *title = NULL;
      char *name;

      if (!pathways_export_table_selected (t, options))
        continue;
      title = pathways_export_table_title (t);
      name = pathways_xlsx_sheet_name (title, used);
      write_table_sheet (f.wb, &f, report, t, name, title);
      g_ptr_array_add (sheets, name);
      g_ptr_array_add (sheets, g_steal_pointer (&title));
    }
  write_readme (readme, &f, report, options, sheets);

  errno = 0;
  err = workbook_close (f.wb);
  return check_close (err, errno, out, error);
}
