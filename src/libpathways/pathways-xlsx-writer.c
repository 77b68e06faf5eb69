/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include "pathways-i18n.h"
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

/* Rates and interval bounds are percents: stored as fractions with a percent format,
 * like every other percent of the workbook. */
static gboolean
is_percent_column (const PathwaysReportColumn *col)
{
  return col->kind == PATHWAYS_CELL_PERCENT ||
         (col->kind == PATHWAYS_CELL_RATE &&
          (g_str_equal (col->id, "rate") || g_str_equal (col->id, "ci_low") || g_str_equal (col->id, "ci_high")));
}

static void
write_cell (lxw_worksheet             *ws,
            Formats                   *f,
            lxw_row_t                  r,
            lxw_col_t                  c,
            const PathwaysReportTable *t,
            const PathwaysReportColumn *col,
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
  if (is_percent_column (col))
    {
      worksheet_write_number (ws, r, c, cell->value / 100.0,
                              cell->value > -10 && cell->value < 10 ? f->pct1 : f->pct0);
      return;
    }
  switch (cell->kind)
    {
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
           lxw_row_t                  header,
           guint                      n_cols)
{
  lxw_chart_type type = LXW_CHART_BAR;
  int vc = chart_column (t, &type);
  lxw_row_t first = header + 1, last = first + t->rows->len - 1;
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
      /* rates are fractions in a percent format: 0 to 100 % */
      chart_axis_set_min (chart->x_axis, 0);
      chart_axis_set_max (chart->x_axis, 1);
      chart_axis_set_num_format (chart->x_axis, "0%");
    }
  worksheet_insert_chart_opt (ws, header, n_cols + 1, chart, &opt);
}

const char *
pathways_xlsx_sheet_for_table (const PathwaysReportTable *table)
{
  static const struct {
    const char *id;
    const char *sheet;
  } groups[] = {
    { "dataset", N_("Overview") },
    { "cohort", N_("Overview") },
    { "funnel", N_("Journey") },
    { "funnel_split", N_("Journey") },
    { "closure_reasons", N_("Closure reasons") },
    { "service_closure_reasons", N_("Service closures") },
    { "planned_closure_rates", N_("Planned-closure rates") },
    { "waiting_times", N_("Waiting times") },
    { "waiting_bands", N_("Waiting-time bands") },
    { "waiting_trend", N_("Waiting-time trends") },
    { "activity", N_("Activity") },
    { "activity_waiting_list", N_("Activity") },
    { "targets", N_("Activity") },
    { "time_before_support", N_("People") },
    { "returners", N_("People") },
    { "cases_per_person", N_("People") },
    { "completeness", N_("Completeness") },
    { "data_quality", N_("Data quality") },
    { "profile", N_("Profile") },
    { "appointments_summary", N_("Appointments") },
    { "appointments_sessions", N_("Appointments") },
    { "appointments_dna", N_("Appointments") },
    /* an answers table per questionnaire item: one sheet, not one each with its name
     * cut at 31 characters ("Wellbeing questionnaire  I (2)") */
    { "outcomes", N_("Outcomes") },
    { "outcome_distribution", N_("Outcome answers") },
  };
  const char *field;

  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (table->id, groups[i].id))
      return _(groups[i].sheet);
  /* risks, issues, impacts: a sheet each, named by the field */
  field = table->key != NULL ? pathways_labels_get (table->key) : NULL;
  return field != NULL ? field : table->title;
}

typedef struct {
  char          *name;
  lxw_worksheet *ws;
  lxw_row_t      row;      /* the next free row */
  guint          n_tables;
  lxw_row_t      header;   /* the header row of the first table */
  GArray        *widths;   /* double per column */
  GString       *tables;   /* the tables' titles, for the contents */
} Sheet;

static void
sheet_free (gpointer data)
{
  Sheet *s = data;

  g_free (s->name);
  g_array_unref (s->widths);
  g_string_free (s->tables, TRUE);
  g_free (s);
}

static void
widen (Sheet  *s,
       guint   c,
       double  w)
{
  if (s->widths->len <= c)
    g_array_set_size (s->widths, c + 1);
  g_array_index (s->widths, double, c) = MAX (g_array_index (s->widths, double, c), w);
}

/* The block's second line: the base and the filters in force (the dataset's totals are
 * before any period or filter: it says so instead). */
static char *
block_subtitle (const PathwaysReportTable *t)
{
  GString *sub;

  if (g_str_equal (t->id, "dataset"))
    return g_strdup (_("Every case imported, before the period and the filters"));
  sub = g_string_new (NULL);
  if (t->chart.base_text != NULL)
    g_string_append (sub, t->chart.base_text);
  if (t->chart.filters != NULL && *t->chart.filters != '\0')
    g_string_append_printf (sub, "%s%s", sub->len > 0 ? " · " : "", t->chart.filters);
  return g_string_free (sub, FALSE);
}

/* Rows a native chart of TABLE covers (at 20 pixels a row), 0 without one. */
static guint
chart_rows (const PathwaysReportTable *t)
{
  lxw_chart_type type = LXW_CHART_BAR;
  double y_scale = 1.0;

  if (chart_column (t, &type) < 0)
    return 0;
  if (type == LXW_CHART_BAR)
    y_scale = MAX (1.0, MIN (3.0, (60.0 + 20.0 * t->rows->len) / 288.0));
  return (guint) ceil (288.0 * y_scale / 20.0) + 1;
}

/* TABLE as a block of SHEET from its next free row: title, base, header, rows, notes,
 * its native chart to the right. */
static void
write_block (lxw_workbook              *wb,
             Formats                   *f,
             PathwaysReport            *report,
             const PathwaysReportTable *t,
             Sheet                     *s,
             const char                *title)
{
  lxw_worksheet *ws = s->ws;
  guint n_cols = t->columns->len;
  g_autofree char *sub = block_subtitle (t);
  lxw_row_t first = s->row, header = first + PATHWAYS_XLSX_HEADER_ROW, r;
  gboolean hidden = FALSE;
  double lines = 1;

  worksheet_write_string (ws, first, 0, title, f->bold);
  if (*sub != '\0')
    worksheet_write_string (ws, first + 1, 0, sub, f->subtitle);
  if (t->withheld)
    {
      /* a protected table whose true base is below 10: the sentence, no table or chart */
      worksheet_write_string (ws, header, 0, pathways_disclosure_withheld_text (), f->note);
      if (s->n_tables++ == 0)
        s->header = header;
      g_string_append_printf (s->tables, "%s%s", s->tables->len > 0 ? "; " : "", title);
      s->row = header + 3;
      return;
    }
  for (guint c = 0; c < n_cols; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      worksheet_write_string (ws, header, c, col->label,
                              col->kind == PATHWAYS_CELL_LABEL ? f->header : f->header_num);
      widen (s, c, MIN (text_width (col->label), 14));
    }
  r = header + 1;
  for (guint i = 0; i < t->rows->len; i++, r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i);
      for (guint c = 0; c < n_cols; c++)
        {
          const PathwaysCell *cell = &row->cells[c];
          g_autofree char *shown = pathways_labels_format_cell (t, c, cell, report->threshold);

          write_cell (ws, f, r, c, t, g_ptr_array_index (t->columns, c), cell, report->threshold, &hidden);
          widen (s, c, text_width (shown));
        }
    }
  /* viewers do not grow a row for wrapped text by themselves: give the header the
   * lines its longest label needs in its column */
  for (guint c = 0; c < n_cols; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      double room = MIN (g_array_index (s->widths, double, c), 60) * 1.1;
      lines = MAX (lines, ceil (text_width (col->label) / MAX (room, 1)));
    }
  worksheet_set_row (ws, header, 15 * MIN (lines, 4), NULL);

  r++;
  if (hidden)
    {
      g_autofree char *rule = pathways_disclosure_describe_method (report->protection, report->threshold,
                                                                   report->round5);
      worksheet_write_string (ws, r++, 0, rule, f->note);
    }
  for (guint k = 0; k < t->chart.notes->len; k++)
    worksheet_write_string (ws, r++, 0, g_ptr_array_index (t->chart.notes, k), f->note);

  add_chart (wb, ws, s->name, t, title, header, n_cols);
  if (s->n_tables++ == 0)
    s->header = header;
  g_string_append_printf (s->tables, "%s%s", s->tables->len > 0 ? "; " : "", title);
  s->row = MAX (r, header + chart_rows (t)) + 2;
}

static void
write_readme (lxw_worksheet               *ws,
              Formats                     *f,
              PathwaysReport              *report,
              const PathwaysExportOptions *options)
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
                          _("Numbers are stored as numbers; percents and rates as fractions shown as "
                            "percents. Figures hidden to protect people are text: <5 for a small count, * "
                            "for a figure computed from hidden ones."), NULL);
}

/* The first sheet: a link to every sheet and what it holds. */
static void
write_contents (lxw_worksheet               *ws,
                Formats                     *f,
                PathwaysReport              *report,
                const PathwaysExportOptions *options,
                GPtrArray                   *sheets)
{
  g_autofree char *subject = pathways_export_subject (report, options);
  g_autofree char *readme_url = g_strdup_printf ("internal:'%s'!A1", _("Read me"));
  lxw_row_t r = 0;

  worksheet_set_column (ws, 0, 0, 28, NULL);
  worksheet_set_column (ws, 1, 1, 110, f->wrap);
  worksheet_write_string (ws, r++, 0, _("Contents"), f->title);
  worksheet_write_string (ws, r++, 0, subject, f->subtitle);
  r++;
  worksheet_write_string (ws, r, 0, _("Sheet"), f->header);
  worksheet_write_string (ws, r++, 1, _("What it holds"), f->header);
  worksheet_write_url_opt (ws, r, 0, readme_url, NULL, _("Read me"), NULL);
  worksheet_write_string (ws, r++, 1, _("Where the figures come from, the period, the filters and how small "
                                        "numbers are protected"), f->wrap);
  for (guint k = 0; k < sheets->len; k++, r++)
    {
      Sheet *s = g_ptr_array_index (sheets, k);
      g_autofree char *url = g_strdup_printf ("internal:'%s'!A1", s->name);

      worksheet_write_url_opt (ws, r, 0, url, NULL, s->name, NULL);
      worksheet_write_string (ws, r, 1, s->tables->str, f->wrap);
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
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func (sheet_free);
  g_autoptr(GHashTable) by_group = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *subject = NULL;
  g_autoptr(GDateTime) now = pathways_export_now ();
  lxw_workbook_options wopt = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  lxw_doc_properties props = { 0 };
  lxw_worksheet *contents, *readme;
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

  g_hash_table_add (used, g_utf8_casefold (_("Contents"), -1));
  g_hash_table_add (used, g_utf8_casefold (_("Read me"), -1));
  contents = workbook_add_worksheet (f.wb, _("Contents"));
  readme = workbook_add_worksheet (f.wb, _("Read me"));

  /* one sheet per subject, in the order the report first has it */
  for (guint k = 0; k < report->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, k);
      const char *group;

      if (!pathways_export_table_selected (t, options))
        continue;
      group = pathways_xlsx_sheet_for_table (t);
      if (!g_hash_table_contains (by_group, group))
        {
          Sheet *s = g_new0 (Sheet, 1);
          g_autofree char *heading = NULL, *cohort = pathways_export_cohort_text (report);

          s->name = pathways_xlsx_sheet_name (group, used);
          s->ws = workbook_add_worksheet (f.wb, s->name);
          s->widths = g_array_new (FALSE, TRUE, sizeof (double));
          s->tables = g_string_new (NULL);
          if (g_str_equal (group, _("Overview")))
            /* Translators: the overview sheet's heading; %s: "cases referred 1 Apr 2022 – 31 Mar 2023" */
            heading = g_strdup_printf (_("Overview: the whole dataset, and the cohort of %s"), cohort);
          else
            /* Translators: a sheet's heading: "Journey: cases referred 1 Apr 2022 – 31 Mar 2023" */
            heading = g_strdup_printf (_("%s: %s"), s->name, cohort);
          worksheet_write_string (s->ws, 0, 0, heading, f.title);
          s->row = 2;
          g_hash_table_insert (by_group, (char *) group, s);
          g_ptr_array_add (sheets, s);
        }
    }
  for (guint k = 0; k < report->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, k);
      g_autofree char *title = NULL;
      Sheet *s;

      if (!pathways_export_table_selected (t, options))
        continue;
      s = g_hash_table_lookup (by_group, pathways_xlsx_sheet_for_table (t));
      title = pathways_export_table_title (t);
      write_block (f.wb, &f, report, t, s, title);
    }
  for (guint k = 0; k < sheets->len; k++)
    {
      Sheet *s = g_ptr_array_index (sheets, k);

      for (guint c = 0; c < s->widths->len; c++)
        worksheet_set_column (s->ws, c, c, MIN (g_array_index (s->widths, double, c), 60) * 1.1 + 2, NULL);
      if (s->n_tables == 1)
        worksheet_freeze_panes (s->ws, s->header + 1, 0);
    }
  write_contents (contents, &f, report, options, sheets);
  write_readme (readme, &f, report, options);

  errno = 0;
  err = workbook_close (f.wb);
  return check_close (err, errno, out, error);
}
