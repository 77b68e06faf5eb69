/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-pdf-table.c: the report's tables in the PDF: column widths from Pango's
 * measured text, pagination that keeps short tables whole, structure tags. */
#define G_LOG_DOMAIN "pathways-export"

#include "config.h"

#include <string.h>

#include "pathways-pdf-writer-private.h"

/* a compact table is set in small type */
#define TABLE_BODY(v) ((v)->compact ? F_SMALL : F_BODY)
#define TABLE_BOLD(v) ((v)->compact ? F_SMALL_BOLD : F_BOLD)
#include "pathways-i18n.h"
#include "pathways-labels.h"

gboolean
_pathways_pdf_is_label (const PathwaysReportTable *t,
                        guint                      c)
{
  PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
  return col->kind == PATHWAYS_CELL_LABEL;
}

void
_pathways_pdf_table_view_free (PathwaysPdfTableView *v)
{
  for (guint r = 0; r < v->end_row - v->first_row; r++)
    g_strfreev (v->text[r]);
  g_free (v->text);
  g_free (v->width);
  g_free (v->min);
  g_free (v->natural);
}

/* The width of the longest word of TEXT, the narrowest it can wrap to. */
static double
longest_word (PathwaysPdf *pdf,
              FontRole     role,
              const char  *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double max = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      double w;

      if (*words[i] == '\0')
        continue;
      _pathways_pdf_layout_text (pdf, role, words[i], -1, &w, NULL);
      max = MAX (max, w);
    }
  return max;
}

void
_pathways_pdf_table_view_init (PathwaysPdf               *pdf,
                               const PathwaysReportTable *t,
                               guint                      first_row,
                               PathwaysPdfTableView      *v)
{
  v->first_row = first_row;
  v->end_row = t->rows->len;
  v->n_cols = t->columns->len;
  v->width = g_new0 (double, v->n_cols);
  v->min = g_new0 (double, v->n_cols);
  v->text = g_new0 (char **, v->end_row - first_row);
  v->natural = g_new0 (double, (v->end_row - first_row) * v->n_cols + 1);
  _pathways_pdf_layout_text (pdf, TABLE_BODY (v), "0", -1, NULL, &v->line_h);

  for (guint c = 0; c < v->n_cols; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      double w;

      _pathways_pdf_layout_text (pdf, TABLE_BOLD (v), col->label, -1, &w, NULL);
      v->width[c] = MIN (w, _pathways_pdf_is_label (t, c) ? LABEL_COL_MAX : HEADER_COL_MAX);
      v->min[c] = MIN (longest_word (pdf, TABLE_BOLD (v), col->label), v->width[c]);
    }
  for (guint r = first_row; r < v->end_row; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      char **texts = g_new0 (char *, v->n_cols + 1);

      for (guint c = 0; c < v->n_cols; c++)
        {
          double w;

          texts[c] = pathways_labels_format_cell (t, c, &row->cells[c], pdf->report->threshold);
          _pathways_pdf_layout_text (pdf, TABLE_BODY (v), texts[c], -1, &w, NULL);
          v->natural[(r - first_row) * v->n_cols + c] = w;
          v->width[c] = MAX (v->width[c], MIN (w, _pathways_pdf_is_label (t, c) ? LABEL_COL_MAX : PORTRAIT_W / 3));
          /* labels wrap between words; numbers never wrap */
          v->min[c] = MAX (v->min[c], _pathways_pdf_is_label (t, c) ? MIN (longest_word (pdf, TABLE_BODY (v), texts[c]), LABEL_COL_MAX)
                                                      : MIN (w, PORTRAIT_W / 3));
        }
      v->text[r - first_row] = texts;
    }
  for (guint c = 0; c < v->n_cols; c++)
    {
      v->width[c] += 2 * CELL_PAD_X;
      v->min[c] = MIN (v->min[c] + 2 * CELL_PAD_X, v->width[c]);
    }
}

/* The narrowest the table can be set with every column side by side, headers and
 * labels wrapped between words. */
double
_pathways_pdf_table_view_min_width (const PathwaysPdfTableView *v)
{
  double sum = 0;

  for (guint c = 0; c < v->n_cols; c++)
    sum += v->min[c];
  return sum;
}

/* Height of one line of cells (header when TEXTS is NULL) over columns COLS. */
static double
line_height (PathwaysPdf                *pdf,
             const PathwaysReportTable  *t,
             PathwaysPdfTableView       *v,
             char                      **texts,
             const guint                *cols,
             guint                       n,
             guint                       row)
{
  double hmax = 0;

  for (guint i = 0; i < n; i++)
    {
      guint c = cols[i];
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      double h;

      /* most cells fit on one line: no need to lay them out again */
      if (texts != NULL && v->natural[row * v->n_cols + c] <= v->width[c] - 2 * CELL_PAD_X)
        {
          hmax = MAX (hmax, v->line_h);
          continue;
        }

      _pathways_pdf_layout_text (pdf, texts == NULL ? TABLE_BOLD (v) : TABLE_BODY (v), texts == NULL ? col->label : texts[c],
                                 v->width[c] - 2 * CELL_PAD_X, NULL, &h);
      hmax = MAX (hmax, h);
    }
  return hmax + 2 * CELL_PAD_Y;
}

/* One line of the table: the header (TEXTS NULL) or a row; TAGGED wraps it in TR with
 * TH or TD cells (a header repeated on a later page is not tagged again). */
static void
draw_line (PathwaysPdf                *pdf,
           const PathwaysReportTable  *t,
           PathwaysPdfTableView       *v,
           char                      **texts,
           const guint                *cols,
           guint                       n,
           double                      h,
           gboolean                    stripe,
           gboolean                    tagged)
{
  const char *cell_tag = texts == NULL ? "TH" : "TD";
  double x = MARGIN_X, total = 0;

  for (guint i = 0; i < n; i++)
    total += v->width[cols[i]];
  if (!pdf->dry && stripe)
    {
      _pathways_pdf_set_rgb (pdf, STRIPE_RGB);
      cairo_rectangle (pdf->cr, MARGIN_X, pdf->y, total, h);
      cairo_fill (pdf->cr);
    }
  if (tagged)
    _pathways_pdf_tag_begin (pdf, "TR");
  for (guint i = 0; i < n; i++)
    {
      guint c = cols[i];
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      gboolean right = col->kind != PATHWAYS_CELL_LABEL;

      if (tagged)
        _pathways_pdf_tag_begin (pdf, cell_tag);
      _pathways_pdf_draw_text (pdf, texts == NULL ? TABLE_BOLD (v) : TABLE_BODY (v), texts == NULL ? col->label : texts[c],
                               x + CELL_PAD_X, pdf->y + CELL_PAD_Y, v->width[c] - 2 * CELL_PAD_X,
                               TEXT_RGB, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      if (tagged)
        _pathways_pdf_tag_end (pdf, cell_tag);
      x += v->width[c];
    }
  if (tagged)
    _pathways_pdf_tag_end (pdf, "TR");
  if (!pdf->dry && texts == NULL)
    {
      _pathways_pdf_set_rgb (pdf, RULE_RGB);
      cairo_set_line_width (pdf->cr, 0.8);
      cairo_move_to (pdf->cr, MARGIN_X, pdf->y + h);
      cairo_line_to (pdf->cr, MARGIN_X + total, pdf->y + h);
      cairo_stroke (pdf->cr);
    }
  pdf->y += h;
}

static void
continued_heading (PathwaysPdf *pdf)
{
  g_autofree char *text = g_strdup_printf (_("%s (continued)"), pdf->continued);
  double h;

  _pathways_pdf_layout_text (pdf, F_SMALL, text, CONTENT_W, NULL, &h);
  _pathways_pdf_show_layout_at (pdf, MARGIN_X, pdf->y, MUTED_RGB);
  pdf->y += h + 4;
}

#define KEEP_WHOLE_ROWS 15   /* a table of up to this many rows is not split */
#define KEEP_ROWS 3          /* else no fewer rows than this on either side of a break */

/* What must fit on a page for a panel to start there: the header and the whole table
 * when it is short (with what follows it), else the header and 2 × KEEP_ROWS rows. */
static double
panel_keep (PathwaysPdf  *pdf,
            double        header_h,
            const double *heights,
            guint         n_rows)
{
  double keep = header_h;

  for (guint r = 0; r < (n_rows <= KEEP_WHOLE_ROWS ? n_rows : MIN (n_rows, 2 * KEEP_ROWS)); r++)
    keep += heights[r];
  if (n_rows <= KEEP_WHOLE_ROWS)
    keep += pdf->keep_after;
  return MIN (keep, BOTTOM - TOP - 40);
}

/* One panel of columns COLS, every row, paginated with the header repeated: a short
 * table is kept whole, a long one leaves no fewer than KEEP_ROWS rows on a page. */
static void
draw_panel (PathwaysPdf               *pdf,
            const PathwaysReportTable *t,
            PathwaysPdfTableView      *v,
            const guint               *cols,
            guint                      n)
{
  double hh = line_height (pdf, t, v, NULL, cols, n, 0);
  guint n_rows = v->end_row - v->first_row;
  g_autofree double *heights = g_new0 (double, n_rows + 1);

  for (guint r = 0; r < n_rows; r++)
    heights[r] = line_height (pdf, t, v, v->text[r], cols, n, r);
  if (_pathways_pdf_ensure (pdf, panel_keep (pdf, hh, heights, n_rows)))
    continued_heading (pdf);
  _pathways_pdf_tag_begin (pdf, "Table");
  draw_line (pdf, t, v, NULL, cols, n, hh, FALSE, TRUE);
  for (guint r = 0; r < n_rows; r++)
    {
      double tail = 0;

      /* the last rows go over together, with the base under them, so that no row
       * and no base line is left alone on a page */
      if (r >= KEEP_ROWS && n_rows - r <= KEEP_ROWS)
        {
          tail = pdf->keep_after;
          for (guint k = r; k < n_rows; k++)
            tail += heights[k];
        }
      if (pdf->y + MAX (heights[r], tail) > BOTTOM)
        {
          _pathways_pdf_new_page (pdf);
          continued_heading (pdf);
          draw_line (pdf, t, v, NULL, cols, n, hh, FALSE, FALSE);
        }
      draw_line (pdf, t, v, v->text[r], cols, n, heights[r], r % 2 == 1, TRUE);
    }
  _pathways_pdf_tag_end (pdf, "Table");
  pdf->y += 6;
}

/* Column panels, the leading label columns repeated in each: only for a table too wide
 * for a landscape page even with its headers and labels wrapped. */
static void
draw_panels (PathwaysPdf               *pdf,
             const PathwaysReportTable *t,
             PathwaysPdfTableView      *v)
{
  g_autofree guint *cols = g_new0 (guint, v->n_cols);
  guint n_stub = 0, c;
  double stub_w = 0;

  for (c = 0; c < v->n_cols; c++)
    v->width[c] = v->min[c];
  while (n_stub < v->n_cols && _pathways_pdf_is_label (t, n_stub) && stub_w + v->width[n_stub] <= CONTENT_W * 0.5)
    stub_w += v->width[n_stub++];
  c = n_stub;
  do
    {
      guint n = 0;
      double w = stub_w;

      for (guint s = 0; s < n_stub; s++)
        cols[n++] = s;
      while (c < v->n_cols && (n == n_stub || w + v->width[c] <= CONTENT_W))
        {
          v->width[c] = MIN (v->width[c], CONTENT_W - stub_w);
          w += v->width[c];
          cols[n++] = c++;
        }
      draw_panel (pdf, t, v, cols, n);
    }
  while (c < v->n_cols);
}

/* Shares ROOM out over the columns that LABELS selects, in proportion to what each
 * needs beyond its narrowest; returns what is left. */
static double
share_room (const PathwaysReportTable *t,
            PathwaysPdfTableView      *v,
            const double              *natural,
            gboolean                   labels,
            double                     room)
{
  double need = 0, given;

  for (guint c = 0; c < v->n_cols; c++)
    if (_pathways_pdf_is_label (t, c) == labels)
      need += natural[c] - v->width[c];
  if (need <= 0)
    return room;
  given = MIN (room, need);
  for (guint c = 0; c < v->n_cols; c++)
    if (_pathways_pdf_is_label (t, c) == labels)
      v->width[c] += (natural[c] - v->width[c]) * given / need;
  return room - given;
}

/* Sets the table in the page's width: at its natural widths when they fit, else from
 * each column's longest word with the room left given first to the label columns (a
 * wrapped label makes a row taller) and then to the headers, else in column panels. */
/* The widths the table is drawn at in the page's width: natural when they fit, else
 * from each column's longest word with the room shared out (once). */
static void
fit_widths (PathwaysPdf               *pdf,
            const PathwaysReportTable *t,
            PathwaysPdfTableView      *v,
            double                     min)
{
  double natural = 0;

  if (v->fitted)
    return;
  v->fitted = TRUE;
  for (guint c = 0; c < v->n_cols; c++)
    natural += v->width[c];
  if (natural > CONTENT_W)
    {
      g_autofree double *wanted = g_memdup2 (v->width, v->n_cols * sizeof (double));
      double room = CONTENT_W - min;

      memcpy (v->width, v->min, v->n_cols * sizeof (double));
      room = share_room (t, v, wanted, TRUE, room);
      share_room (t, v, wanted, FALSE, room);
    }
}

void
_pathways_pdf_draw_table_view (PathwaysPdf               *pdf,
                               const PathwaysReportTable *t,
                               PathwaysPdfTableView      *v)
{
  g_autofree guint *cols = g_new0 (guint, v->n_cols);
  double min = _pathways_pdf_table_view_min_width (v);

  for (guint c = 0; c < v->n_cols; c++)
    cols[c] = c;
  if (min > CONTENT_W)
    {
      draw_panels (pdf, t, v);
      return;
    }
  fit_widths (pdf, t, v, min);
  draw_panel (pdf, t, v, cols, v->n_cols);
}

/* What must fit below a heading for the table to start under it, as draw_panel()
 * will ask with pdf->keep_after as it is now; 0 for a table set in column panels. */
double
_pathways_pdf_table_view_keep_height (PathwaysPdf               *pdf,
                                      const PathwaysReportTable *t,
                                      PathwaysPdfTableView      *v)
{
  g_autofree guint *cols = g_new0 (guint, v->n_cols);
  guint n_rows = v->end_row - v->first_row;
  g_autofree double *heights = g_new0 (double, n_rows + 1);
  double min = _pathways_pdf_table_view_min_width (v);

  if (min > CONTENT_W)
    return 0;
  fit_widths (pdf, t, v, min);
  for (guint c = 0; c < v->n_cols; c++)
    cols[c] = c;
  for (guint r = 0; r < n_rows; r++)
    heights[r] = line_height (pdf, t, v, v->text[r], cols, v->n_cols, r);
  return panel_keep (pdf, line_height (pdf, t, v, NULL, cols, v->n_cols, 0), heights, n_rows);
}

/* The first row a section shows of T: the latest periods of a long trend. */
guint
_pathways_pdf_first_row_shown (PathwaysPdf               *pdf,
                               const PathwaysReportTable *t)
{
  if ((g_str_equal (t->id, "waiting_trend") || g_str_equal (t->id, "activity_waiting_list")) && !t->withheld && pdf->options->trend_periods > 0 &&
      t->rows->len > pdf->options->trend_periods)
    return t->rows->len - pdf->options->trend_periods;
  return 0;
}

/* TRUE when T is too wide for a portrait page even with its headers and labels
 * wrapped: it is set on a landscape page. */
gboolean
_pathways_pdf_needs_landscape (PathwaysPdf               *pdf,
                               const PathwaysReportTable *t)
{
  PathwaysPdfTableView v = { 0 };
  gboolean wide;

  if (t->withheld || t->rows->len == 0)
    return FALSE;
  _pathways_pdf_table_view_init (pdf, t, _pathways_pdf_first_row_shown (pdf, t), &v);
  wide = _pathways_pdf_table_view_min_width (&v) > PORTRAIT_W;
  _pathways_pdf_table_view_free (&v);
  return wide;
}

void
_pathways_pdf_draw_table (PathwaysPdf               *pdf,
                          const PathwaysReportTable *t,
                          guint                      first_row)
{
  PathwaysPdfTableView v = { 0 };

  _pathways_pdf_table_view_init (pdf, t, first_row, &v);
  _pathways_pdf_draw_table_view (pdf, t, &v);
  _pathways_pdf_table_view_free (&v);
}
