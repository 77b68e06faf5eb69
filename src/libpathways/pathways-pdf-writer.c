/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gstdio.h>
#include "pathways-i18n.h"

#include "pathways-pdf-writer.h"
#include "pathways-pdf-writer-private.h"
#include "pathways-analysis-compare.h"
#include "pathways-chart.h"
#include "pathways-chart-layout.h"
#include "pathways-disclosure.h"
#include "pathways-export.h"
#include "pathways-format.h"
#include "pathways-headline.h"
#include "pathways-labels.h"
#include "pathways-output.h"
#include "pathways-safe-file.h"
#include "pathways-version.h"

static void
set_font (PathwaysPdf *pdf,
          FontRole     role)
{
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);
  double size = BODY_SIZE;

  switch (role)
    {
    case F_BOLD: pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD); break;
    case F_SMALL: size = BODY_SIZE * 0.85; break;
    case F_SMALL_BOLD: size = BODY_SIZE * 0.85; pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD); break;
    case F_H1: size = 17; pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD); break;
    case F_H2: size = 11.5; pango_font_description_set_weight (desc, PANGO_WEIGHT_SEMIBOLD); break;
    case F_TITLE: size = 26; pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD); break;
    case F_SUBTITLE: size = 14; break;
    case F_BODY: default: break;
    }
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (pdf->layout, desc);
  pango_font_description_free (desc);
}

/* Lays TEXT out in WIDTH (<= 0: no wrap) and returns its size. */
void
_pathways_pdf_layout_text (PathwaysPdf *pdf,
                           FontRole     role,
                           const char  *text,
                           double       width,
                           double      *w,
                           double      *h)
{
  int pw, ph;

  set_font (pdf, role);
  pango_layout_set_width (pdf->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (pdf->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (pdf->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (pdf->layout, text, -1);
  pango_layout_get_size (pdf->layout, &pw, &ph);
  if (w != NULL)
    *w = (double) pw / PANGO_SCALE;
  if (h != NULL)
    *h = (double) ph / PANGO_SCALE;
}

void
_pathways_pdf_set_rgb (PathwaysPdf *pdf,
                       guint        rgb)
{
  cairo_set_source_rgb (pdf->cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* Draws the current layout at (X, Y). */
void
_pathways_pdf_show_layout_at (PathwaysPdf *pdf,
                              double       x,
                              double       y,
                              guint        rgb)
{
  if (pdf->dry)
    return;
  cairo_save (pdf->cr);
  _pathways_pdf_set_rgb (pdf, rgb);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, pdf->layout);
  cairo_restore (pdf->cr);
}

void
_pathways_pdf_draw_text (PathwaysPdf    *pdf,
                         FontRole        role,
                         const char     *text,
                         double          x,
                         double          y,
                         double          width,
                         guint           rgb,
                         PangoAlignment  align)
{
  if (pdf->dry)
    return;
  _pathways_pdf_layout_text (pdf, role, text, width, NULL, NULL);
  pango_layout_set_alignment (pdf->layout, align);
  _pathways_pdf_show_layout_at (pdf, x, y, rgb);
}

static void
page_decorations (PathwaysPdf *pdf)
{
  g_autofree char *number = NULL;
  const char *marking = pdf->options->marking;
  gboolean has_marking = marking != NULL && *marking != '\0';

  if (pdf->dry)
    return;
  if (pdf->page > 1)
    {
      _pathways_pdf_draw_text (pdf, F_SMALL, pdf->title, MARGIN_X, 30, CONTENT_W * 0.6, MUTED_RGB, PANGO_ALIGN_LEFT);
      if (pdf->options->organisation != NULL)
        _pathways_pdf_draw_text (pdf, F_SMALL, pdf->options->organisation, MARGIN_X + CONTENT_W * 0.6, 30,
                                 CONTENT_W * 0.4, MUTED_RGB, PANGO_ALIGN_RIGHT);
      cairo_save (pdf->cr);
      _pathways_pdf_set_rgb (pdf, 0xc0bfbc);
      cairo_set_line_width (pdf->cr, 0.5);
      cairo_move_to (pdf->cr, MARGIN_X, 46);
      cairo_line_to (pdf->cr, MARGIN_X + CONTENT_W, 46);
      cairo_stroke (pdf->cr);
      cairo_restore (pdf->cr);
    }
  if (has_marking)
    {
      _pathways_pdf_draw_text (pdf, F_BOLD, marking, MARGIN_X, 14, CONTENT_W, TEXT_RGB, PANGO_ALIGN_CENTER);
      _pathways_pdf_draw_text (pdf, F_BOLD, marking, MARGIN_X, pdf->page_h - 26, CONTENT_W, TEXT_RGB, PANGO_ALIGN_CENTER);
    }
  number = g_strdup_printf (_("Page %d of %d"), pdf->page, pdf->n_pages);
  _pathways_pdf_draw_text (pdf, F_SMALL, number, MARGIN_X, pdf->page_h - 44, CONTENT_W, MUTED_RGB, PANGO_ALIGN_RIGHT);
  _pathways_pdf_draw_text (pdf, F_SMALL, "Pathways " PATHWAYS_VERSION, MARGIN_X, pdf->page_h - 44, CONTENT_W * 0.5,
                           MUTED_RGB, PANGO_ALIGN_LEFT);
}

/* Records the first cairo error; TRUE while there is none and every write succeeded. */
static gboolean
pdf_ok (PathwaysPdf *pdf)
{
  if (pdf->status == CAIRO_STATUS_SUCCESS)
    pdf->status = cairo_status (pdf->cr);
  if (pdf->status == CAIRO_STATUS_SUCCESS)
    pdf->status = cairo_surface_status (pdf->surface);
  return pdf->status == CAIRO_STATUS_SUCCESS && pdf->write_errno == 0;
}

void
_pathways_pdf_new_page (PathwaysPdf *pdf)
{
  if (pdf->page > 0 && !pdf->dry)
    {
      cairo_show_page (pdf->cr);
      pdf_ok (pdf);
    }
  pdf->page++;
  pdf->page_w = pdf->landscape ? PAGE_H : PAGE_W;
  pdf->page_h = pdf->landscape ? PAGE_W : PAGE_H;
  if (!pdf->dry)
    cairo_pdf_surface_set_size (pdf->surface, pdf->page_w, pdf->page_h);
  pdf->y = TOP;
  page_decorations (pdf);
}

/* Starts a new page unless H more points fit on this one. */
gboolean
_pathways_pdf_ensure (PathwaysPdf *pdf,
                      double       h)
{
  if (pdf->y + h <= BOTTOM || pdf->y <= TOP)
    return FALSE;
  _pathways_pdf_new_page (pdf);
  return TRUE;
}

/* ---- structure tags (Tagged PDF, cairo 1.16: structure types without attributes) ---- */

/* cairo 1.16 marks the content of leaf elements only (H1, P, TD, Caption ...); a leaf
 * must begin and end on one page. Nothing is tagged in the counting pass. */
void
_pathways_pdf_tag_begin (PathwaysPdf *pdf,
                         const char  *name)
{
  if (!pdf->dry)
    cairo_tag_begin (pdf->cr, name, NULL);
}

void
_pathways_pdf_tag_end (PathwaysPdf *pdf,
                       const char  *name)
{
  if (!pdf->dry)
    cairo_tag_end (pdf->cr, name);
}

/* A paragraph in the content width, paginated by lines when long. */
static void
paragraph (PathwaysPdf *pdf,
           FontRole     role,
           const char  *text,
           guint        rgb,
           double       space_after)
{
  double h;

  _pathways_pdf_layout_text (pdf, role, text, CONTENT_W, NULL, &h);
  if (h > BOTTOM - TOP)
    h = BOTTOM - TOP;
  _pathways_pdf_ensure (pdf, h);
  _pathways_pdf_layout_text (pdf, role, text, CONTENT_W, NULL, &h);
  _pathways_pdf_tag_begin (pdf, "P");
  _pathways_pdf_show_layout_at (pdf, MARGIN_X, pdf->y, rgb);
  _pathways_pdf_tag_end (pdf, "P");
  pdf->y += h + space_after;
}

static void
outline (PathwaysPdf *pdf,
         int          parent,
         const char  *name,
         int         *id)
{
  g_autofree char *link = NULL;

  if (pdf->dry)
    return;
  link = g_strdup_printf ("page=%d pos=[%.1f %.1f]", pdf->page, MARGIN_X, MAX (pdf->heading_y - 6, 0));
  *id = cairo_pdf_surface_add_outline (pdf->surface, parent, name, link, 0);
}

/* ---- charts ---- */

static double
chart_height (const PathwaysReportTable *t)
{
  double n = t->rows->len;

  switch (t->chart.kind)
    {
    case PATHWAYS_CHART_FUNNEL:
      return MIN (60 + 34 * n, 360);
    case PATHWAYS_CHART_CLOSURE_REASONS:
    case PATHWAYS_CHART_BARS:
      return MIN (70 + 18 * n, 420);
    case PATHWAYS_CHART_RATES:
      /* one group (a report filtered to one referral source, say): its rate is the
       * overall rate, which the table says without a chart of one dot */
      return n <= 1 ? 0 : MIN (70 + 22 * n, 400);
    case PATHWAYS_CHART_COMPOSITION:
      return MIN (70 + 28 * n, 300);
    case PATHWAYS_CHART_COMPLETENESS:
      return MIN (60 + 14 * n, 420);
    case PATHWAYS_CHART_DISTRIBUTION:
      return 230;
    case PATHWAYS_CHART_TREND:
      return 210;
    case PATHWAYS_CHART_DIVERGING:
      return 150;
    case PATHWAYS_CHART_CHANGE:
      return MIN (60 + 30 * n, 460);
    case PATHWAYS_CHART_NONE:
    default:
      return 0;
    }
}

static void
draw_chart (PathwaysPdf               *pdf,
            const PathwaysReportTable *t,
            double                     h)
{
  PathwaysChartStyle style;

  if (pdf->dry)
    return;
  pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_LIGHT);
  style.font_size = BODY_SIZE;
  style.show_title = FALSE;
  style.show_footer = FALSE;
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN_X, pdf->y);
  cairo_rectangle (pdf->cr, 0, 0, CONTENT_W, h);
  cairo_clip (pdf->cr);
  pathways_chart_draw (pdf->cr, pdf->report, t, CONTENT_W, h, &style);
  cairo_restore (pdf->cr);
}

/* A chart that draws no figure, only a sentence ("No median is shown: every period has
 * too few cases"), needs a few lines, not a chart's height */
#define MESSAGE_CHART_H 56

static gboolean
chart_is_message (PathwaysPdf               *pdf,
                  const PathwaysReportTable *t,
                  double                     h)
{
  PathwaysChartStyle style;
  PathwaysChartLayout *layout;
  gboolean message;

  pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_LIGHT);
  style.font_size = BODY_SIZE;
  style.show_title = FALSE;
  style.show_footer = FALSE;
  layout = pathways_chart_layout_new (pdf->report, t, CONTENT_W, h, &style,
                                      pango_layout_get_context (pdf->layout));
  message = pathways_chart_layout_get_n_marks (layout) == 0;
  pathways_chart_layout_free (layout);
  return message;
}

/* ---- pages ---- */

static void
heading (PathwaysPdf *pdf,
         FontRole     role,
         const char  *text,
         double       keep_with)
{
  double h;

  _pathways_pdf_layout_text (pdf, role, text, CONTENT_W, NULL, &h);
  /* a new page draws its footer with the shared layout: lay the heading out again */
  if (_pathways_pdf_ensure (pdf, h + keep_with))
    _pathways_pdf_layout_text (pdf, role, text, CONTENT_W, NULL, &h);
  pdf->heading_y = pdf->y;
  _pathways_pdf_tag_begin (pdf, role == F_H1 ? "H1" : "H2");
  _pathways_pdf_show_layout_at (pdf, MARGIN_X, pdf->y, role == F_H1 ? ACCENT_RGB : TEXT_RGB);
  _pathways_pdf_tag_end (pdf, role == F_H1 ? "H1" : "H2");
  pdf->y += h + (role == F_H1 ? 10 : 6);
}

/* The funnel's heading says whom it follows (pathways-labels.h, as in the window). */
static char *
funnel_title (PathwaysPdf               *pdf,
              const PathwaysReportTable *t)
{
  char *title = pathways_labels_format_funnel_title (pdf->report, t);

  return title != NULL ? title : pathways_export_table_title (t);
}

/* What the chart of T shows, in one sentence: pathways_chart_describe() with any
 * quoted identifier (“service_start_date”) in its reader's words and the heading
 * above the chart in place of the chart's own title. */
static char *
chart_caption (PathwaysPdf               *pdf,
               const PathwaysReportTable *t,
               const char                *heading)
{
  g_autofree char *described = pathways_chart_describe (pdf->report, t);
  const char *chart_title = t->chart.title != NULL ? t->chart.title : t->title;
  GString *s = g_string_new (described);

  /* it starts with the chart's title: the section's heading, as the reader saw it */
  if (chart_title != NULL && g_str_has_prefix (described, chart_title) &&
      g_str_has_prefix (described + strlen (chart_title), ": "))
    {
      g_string_erase (s, 0, strlen (chart_title));
      g_string_prepend (s, heading);
    }

  for (guint c = 0; c < t->columns->len; c++)
    {
      if (!_pathways_pdf_is_label (t, c) || !pathways_labels_column_has_ids (t, c))
        continue;
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
          const char *id = row->cells[c].text, *label;
          g_autofree char *quoted = NULL, *words = NULL;

          if (id == NULL || (label = pathways_labels_get (id)) == NULL)
            continue;
          quoted = g_strdup_printf ("“%s”", id);
          words = g_strdup_printf ("“%s”", label);
          g_string_replace (s, quoted, words, 0);
        }
    }
  return g_string_free (s, FALSE);
}

/* The chart as a Figure with its caption: what the chart shows in one sentence
 * (pathways_chart_describe), the text a screen reader gives for it (cairo 1.16 writes no
 * /Alt entry, so the alternative is a caption every reader sees). */
static void
figure (PathwaysPdf               *pdf,
        const PathwaysReportTable *t,
        double                     ch,
        const char                *caption)
{
  double h;

  _pathways_pdf_tag_begin (pdf, "Figure");
  draw_chart (pdf, t, ch);
  pdf->y += ch + 4;
  _pathways_pdf_layout_text (pdf, F_SMALL, caption, CONTENT_W, NULL, &h);
  _pathways_pdf_tag_begin (pdf, "Caption");
  _pathways_pdf_show_layout_at (pdf, MARGIN_X, pdf->y, MUTED_RGB);
  _pathways_pdf_tag_end (pdf, "Caption");
  _pathways_pdf_tag_end (pdf, "Figure");
  pdf->y += h + 8;
}

/* A waiting list on which no one was at the end of any period of the series (a service
 * type taken up at once, as a helpline or groups often are): one sentence says so,
 * instead of a page of an empty chart and a column of zeros */
static char *
empty_waiting_list_text (const PathwaysReportTable *t)
{
  int n_col = pathways_report_table_find_column ((PathwaysReportTable *) t, "n");
  PathwaysReportRow *first, *last;

  if (!g_str_equal (t->id, "activity_waiting_list") || t->withheld || t->rows->len == 0 || n_col < 0)
    return NULL;
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      const PathwaysCell *cell = &row->cells[n_col];

      if (!cell->defined || isnan (cell->value) || cell->value != 0 ||
          cell->suppression != PATHWAYS_SUPPRESSION_NONE)
        return NULL;
    }
  first = g_ptr_array_index (t->rows, 0);
  last = g_ptr_array_index (t->rows, t->rows->len - 1);
  if (t->rows->len == 1)
    /* Translators: %s is a period, "2022-23 Q4" */
    return g_strdup_printf (_("No one was on this waiting list at the end of %s."), first->cells[0].text);
  /* Translators: the periods of the series, from "2013-14 Q1" to "2022-23 Q4" */
  return g_strdup_printf (_("No one was on this waiting list at the end of any period from %s to %s."),
                          first->cells[0].text, last->cells[0].text);
}

static void
empty_waiting_list_section (PathwaysPdf               *pdf,
                            const PathwaysReportTable *t,
                            const char                *text,
                            int                        parent)
{
  int id = 0;

  pdf->y += 8;
  heading (pdf, F_H2, t->title, 60);
  outline (pdf, parent, t->title, &id);
  paragraph (pdf, F_BODY, text, MUTED_RGB, 4);
  if (t->chart.filters != NULL && *t->chart.filters != '\0')
    paragraph (pdf, F_SMALL, t->chart.filters, MUTED_RGB, 2);
}

static void
table_section (PathwaysPdf               *pdf,
               const PathwaysReportTable *t,
               int                        parent)
{
  g_autofree char *title = funnel_title (pdf, t);
  g_autofree char *caption = NULL;
  guint first_row = 0;
  double ch = t->rows->len > 0 && !t->withheld ? chart_height (t) : 0, caption_h = 0;
  double after_h = 0, keep_with = 60;
  gboolean has_table = !t->withheld && t->rows->len > 0;
  GString *footer = g_string_new (NULL);
  PathwaysPdfTableView v = { 0 };
  g_autofree char *nobody = empty_waiting_list_text (t);
  gboolean message = FALSE;
  int id = 0;

  if (nobody != NULL)
    {
      g_string_free (footer, TRUE);
      empty_waiting_list_section (pdf, t, nobody, parent);
      return;
    }
  first_row = _pathways_pdf_first_row_shown (pdf, t);
  if (t->chart.base_text != NULL)
    g_string_append (footer, t->chart.base_text);
  if (t->chart.filters != NULL && *t->chart.filters != '\0')
    g_string_append_printf (footer, "%s%s", footer->len > 0 ? " · " : "", t->chart.filters);
  if (has_table)
    {
      _pathways_pdf_table_view_init (pdf, t, first_row, &v);
      /* a table too wide for a portrait page even wrapped goes on a landscape page,
       * with its heading and chart */
      if (_pathways_pdf_table_view_min_width (&v) > PORTRAIT_W && pdf->page_w < PAGE_H)
        {
          pdf->landscape = TRUE;
          _pathways_pdf_new_page (pdf);
        }
      /* too wide for a landscape page too: set in small type, not in column panels
       * that leave a column alone on a page */
      if (pdf->landscape && _pathways_pdf_table_view_min_width (&v) > CONTENT_W)
        {
          _pathways_pdf_table_view_free (&v);
          v = (PathwaysPdfTableView) { .compact = TRUE };
          _pathways_pdf_table_view_init (pdf, t, first_row, &v);
        }
    }
  if (ch > 0)
    {
      caption = chart_caption (pdf, t, title);
      _pathways_pdf_layout_text (pdf, F_SMALL, caption, CONTENT_W, NULL, &caption_h);
      /* the chart, its heading and caption fit below a section's heading on a fresh
       * page (a landscape page is short): else the section's heading is left alone on
       * a page of its own */
      ch = MIN (ch, BOTTOM - TOP - caption_h - 130);
      message = chart_is_message (pdf, t, ch);
      if (message)
        ch = MESSAGE_CHART_H;
    }

  /* what follows the table on its last page: its base line and notes */
  if (footer->len > 0)
    _pathways_pdf_layout_text (pdf, F_SMALL, footer->str, CONTENT_W, NULL, &after_h);
  for (guint k = 0; k < t->chart.notes->len; k++)
    {
      double nh;

      _pathways_pdf_layout_text (pdf, F_SMALL, g_ptr_array_index (t->chart.notes, k), CONTENT_W, NULL, &nh);
      after_h += nh + 2;
    }
  pdf->keep_after = after_h + 2;
  /* a heading without a chart, or with a chart of a few lines, keeps the start of its
   * table with it */
  if ((ch <= 0 || message) && has_table)
    keep_with = MAX (keep_with, _pathways_pdf_table_view_keep_height (pdf, t, &v) + 6);
  pdf->keep_after = 0;

  pdf->y += 8;
  heading (pdf, F_H2, title, ch <= 0 ? keep_with : message ? ch + caption_h + 12 + keep_with : ch + caption_h + 60);
  outline (pdf, parent, title, &id);
  pdf->continued = title;
  if (ch > 0)
    figure (pdf, t, ch, caption);

  if (first_row > 0)
    {
      g_autofree char *note = g_strdup_printf (_("The latest %u of %u periods; the spreadsheet and CSV exports have every period."),
                                               pdf->options->trend_periods, t->rows->len);
      paragraph (pdf, F_SMALL, note, MUTED_RGB, 4);
    }
  if (t->withheld)
    paragraph (pdf, F_BODY, pathways_disclosure_withheld_text (), MUTED_RGB, 4);
  else if (t->rows->len == 0)
    paragraph (pdf, F_BODY, _("No records in this cohort."), MUTED_RGB, 4);
  else
    {
      pdf->keep_after = after_h + 2;
      _pathways_pdf_draw_table_view (pdf, t, &v);
      _pathways_pdf_table_view_free (&v);
      pdf->keep_after = 0;
    }

  if (footer->len > 0)
    paragraph (pdf, F_SMALL, footer->str, MUTED_RGB, 2);
  g_string_free (footer, TRUE);
  for (guint k = 0; k < t->chart.notes->len; k++)
    paragraph (pdf, F_SMALL, g_ptr_array_index (t->chart.notes, k), MUTED_RGB, 2);
  pdf->continued = NULL;
  /* a landscape page holds its wide table only: what follows starts a portrait page */
  if (pdf->landscape)
    {
      pdf->landscape = FALSE;
      pdf->y = MAX (pdf->y, BOTTOM);
    }
}

static void
title_page (PathwaysPdf *pdf)
{
  g_auto(GStrv) lines = pathways_export_provenance (pdf->report, pdf->options);
  PathwaysReportTable *cohort = pathways_report_get_table (pdf->report, "cohort", NULL);
  double label_w = 0, h;
  int id = 0;

  _pathways_pdf_new_page (pdf);
  /* after the page's size is set: setting it starts the page's recording again */
  _pathways_pdf_tag_begin (pdf, "Document");
  pdf->y = 150;
  if (!pdf->dry)
    {
      _pathways_pdf_set_rgb (pdf, ACCENT_RGB);
      cairo_rectangle (pdf->cr, MARGIN_X, pdf->y - 24, 48, 5);
      cairo_fill (pdf->cr);
    }
  _pathways_pdf_layout_text (pdf, F_TITLE, pdf->title, CONTENT_W, NULL, &h);
  _pathways_pdf_tag_begin (pdf, "H1");
  _pathways_pdf_show_layout_at (pdf, MARGIN_X, pdf->y, TEXT_RGB);
  _pathways_pdf_tag_end (pdf, "H1");
  pdf->heading_y = pdf->y;
  outline (pdf, 0, pdf->title, &id);
  pdf->y += h + 8;
  if (pdf->options->organisation != NULL && *pdf->options->organisation != '\0')
    {
      _pathways_pdf_layout_text (pdf, F_SUBTITLE, pdf->options->organisation, CONTENT_W, NULL, &h);
      _pathways_pdf_tag_begin (pdf, "P");
      _pathways_pdf_show_layout_at (pdf, MARGIN_X, pdf->y, MUTED_RGB);
      _pathways_pdf_tag_end (pdf, "P");
      pdf->y += h;
    }
  pdf->y += 40;

  for (guint k = 0; lines[k] != NULL && lines[k + 1] != NULL; k += 2)
    {
      double w;
      _pathways_pdf_layout_text (pdf, F_BOLD, lines[k], -1, &w, NULL);
      label_w = MAX (label_w, w);
    }
  label_w += 16;
  for (guint k = 0; lines[k] != NULL && lines[k + 1] != NULL; k += 2)
    {
      double hv;

      /* the title and the organisation are already the page's heading */
      if (g_str_equal (lines[k], _("Title")) || g_str_equal (lines[k], _("Organisation")))
        continue;
      /* one paragraph, the label read first */
      _pathways_pdf_tag_begin (pdf, "P");
      _pathways_pdf_layout_text (pdf, F_BOLD, lines[k], -1, NULL, NULL);
      _pathways_pdf_show_layout_at (pdf, MARGIN_X, pdf->y, TEXT_RGB);
      _pathways_pdf_layout_text (pdf, F_BODY, lines[k + 1], CONTENT_W - label_w, NULL, &hv);
      _pathways_pdf_show_layout_at (pdf, MARGIN_X + label_w, pdf->y, TEXT_RGB);
      _pathways_pdf_tag_end (pdf, "P");
      pdf->y += hv + 6;
    }
  if (cohort != NULL)
    {
      pdf->y += 24;
      heading (pdf, F_H2, _("Cohort"), 40);
      _pathways_pdf_draw_table (pdf, cohort, 0);
    }
}

/* ---- summary page ---- */

#define FIGURE_H 84.0
#define BAR_H 11.0

/* The small chart of one figure at the right of its block: a bar per period, the year
 * before first and the period last, on a scale from zero (0–100 for a rate). */
static void
figure_bars (PathwaysPdf             *pdf,
             const PathwaysHeadlines *all,
             const PathwaysHeadline  *h,
             double                   x,
             double                   y,
             double                   width)
{
  static const int order[] = { PATHWAYS_HEADLINE_YEAR_BEFORE, PATHWAYS_HEADLINE_PREVIOUS,
                               PATHWAYS_HEADLINE_THIS };
  double label_w = width * 0.38, value_w = 52, bar_w;
  double max = h->kind == PATHWAYS_HEADLINE_PERCENT ? 100 : 0;

  /* room for the widest value on one line: "23 diwrnod" is longer than "23 days" */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (h->text[order[i]] != NULL)
      {
        double tw;

        _pathways_pdf_layout_text (pdf, F_BOLD, h->text[order[i]], -1, &tw, NULL);
        value_w = MAX (value_w, tw + 2);
      }
  bar_w = width - label_w - value_w - 8;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (h->known[order[i]])
      max = MAX (max, h->value[order[i]]);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      int side = order[i];
      const char *label = side == PATHWAYS_HEADLINE_THIS && all->period_label[side] == NULL
                          ? _("This report") : all->period_label[side];
      double w = 0, lh;

      if (h->text[side] == NULL || label == NULL)
        continue;
      _pathways_pdf_layout_text (pdf, F_SMALL, label, label_w - 4, NULL, &lh);
      _pathways_pdf_show_layout_at (pdf, x, y + (BAR_H - MIN (lh, BAR_H * 2)) / 2, side == PATHWAYS_HEADLINE_THIS ? TEXT_RGB : MUTED_RGB);
      if (h->known[side] && max > 0)
        w = MAX (bar_w * h->value[side] / max, h->value[side] > 0 ? 1.0 : 0.0);
      if (!pdf->dry && w > 0)
        {
          _pathways_pdf_set_rgb (pdf, side == PATHWAYS_HEADLINE_THIS ? ACCENT_RGB : SECOND_RGB);
          cairo_rectangle (pdf->cr, x + label_w, y, w, BAR_H);
          cairo_fill (pdf->cr);
        }
      _pathways_pdf_draw_text (pdf, side == PATHWAYS_HEADLINE_THIS ? F_BOLD : F_BODY, h->text[side],
                               x + label_w + w + 4, y - 0.5, value_w, TEXT_RGB, PANGO_ALIGN_LEFT);
      y += MAX (BAR_H, lh) + 7;
    }
}

/* One figure at (X, pdf->y) in WIDTH: its name, the figure, the comparison in words and
 * what it counts, with the small chart at the right when COMPARED. Returns the height. */
static double
figure_block (PathwaysPdf             *pdf,
              const PathwaysHeadlines *all,
              const PathwaysHeadline  *h,
              double                   x,
              double                   width,
              gboolean                 compared)
{
  double text_w = compared ? width * 0.55 : width - 12, y, h1;
  double top = y = pdf->y;

  if (!pdf->dry)
    {
      _pathways_pdf_set_rgb (pdf, 0xdeddda);
      cairo_set_line_width (pdf->cr, 0.5);
      cairo_move_to (pdf->cr, x, top - 6);
      cairo_line_to (pdf->cr, x + width - (compared ? 0 : 12), top - 6);
      cairo_stroke (pdf->cr);
    }
  _pathways_pdf_layout_text (pdf, F_BOLD, h->label, text_w, NULL, &h1);
  _pathways_pdf_tag_begin (pdf, "H2");
  _pathways_pdf_show_layout_at (pdf, x, y, TEXT_RGB);
  _pathways_pdf_tag_end (pdf, "H2");
  y += h1 + 1;
  _pathways_pdf_layout_text (pdf, F_H1, h->text[PATHWAYS_HEADLINE_THIS], text_w, NULL, &h1);
  _pathways_pdf_tag_begin (pdf, "P");
  _pathways_pdf_show_layout_at (pdf, x, y, ACCENT_RGB);
  _pathways_pdf_tag_end (pdf, "P");
  y += h1 + 1;
  if (h->sentence != NULL)
    {
      _pathways_pdf_layout_text (pdf, F_BODY, h->sentence, text_w, NULL, &h1);
      _pathways_pdf_tag_begin (pdf, "P");
      _pathways_pdf_show_layout_at (pdf, x, y, TEXT_RGB);
      _pathways_pdf_tag_end (pdf, "P");
      y += h1 + 1;
    }
  _pathways_pdf_layout_text (pdf, F_SMALL, h->note, text_w, NULL, &h1);
  _pathways_pdf_tag_begin (pdf, "P");
  _pathways_pdf_show_layout_at (pdf, x, y, MUTED_RGB);
  _pathways_pdf_tag_end (pdf, "P");
  y += h1;
  if (compared)
    {
      /* the small bars say the figures of the sentence again, with their periods */
      _pathways_pdf_tag_begin (pdf, "Figure");
      figure_bars (pdf, all, h, x + text_w + 16, top + 4, width - text_w - 16);
      _pathways_pdf_tag_end (pdf, "Figure");
    }
  return MAX (y - top, FIGURE_H - 24) + 24;
}

/* The headline figures first: what a board reads when it reads one page. */
static void
summary_page (PathwaysPdf *pdf)
{
  g_autoptr(PathwaysHeadlines) all = pathways_headlines_new (pdf->report, pdf->previous, pdf->year_before);
  const char *this_label = all->period_label[PATHWAYS_HEADLINE_THIS];
  const char *previous = all->period_label[PATHWAYS_HEADLINE_PREVIOUS];
  const char *year = all->period_label[PATHWAYS_HEADLINE_YEAR_BEFORE];
  g_autofree char *intro = NULL;
  int id = 0;

  if (all->figures->len == 0)
    return;
  _pathways_pdf_new_page (pdf);
  heading (pdf, F_H1, _("At a glance"), 60);
  outline (pdf, 0, _("At a glance"), &id);
  if (this_label != NULL && previous != NULL && year != NULL)
    intro = g_strdup_printf (_("%s beside the period before (%s) and the same period a year before (%s)."),
                             this_label, previous, year);
  else if (this_label != NULL && (previous != NULL || year != NULL))
    intro = g_strdup_printf (_("%s beside the period before (%s)."), this_label,
                             previous != NULL ? previous : year);
  else if (this_label != NULL)
    intro = g_strdup_printf (_("%s. The data holds no referrals in the period before to compare with."),
                             this_label);
  else
    intro = g_strdup (_("The report's headline figures. A report of a year, quarter or month shows them "
                        "beside the period before and the same period a year before."));
  if (pdf->report->filter != NULL && pathways_filter_get_n_fields (pdf->report->filter) > 0)
    {
      /* the filters other than the period, which every period shares */
      g_autoptr(PathwaysFilter) others = pathways_filter_copy (pdf->report->filter);
      g_autofree char *described = NULL;
      char *joined;

      pathways_filter_set_range (others, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
      described = pathways_filter_describe (others);
      joined = g_strdup_printf (_("%s Filters: %s."), intro, described);
      g_free (intro);
      intro = joined;
    }
  paragraph (pdf, F_BODY, intro, MUTED_RGB, 18);
  for (guint f = 0; f < all->figures->len; f++)
    {
      gboolean compared = previous != NULL || year != NULL;
      double h;

      /* alone, the figures need no chart: two to a row */
      if (compared || f % 2 == 0)
        _pathways_pdf_ensure (pdf, FIGURE_H);
      if (compared)
        {
          pdf->y += figure_block (pdf, all, g_ptr_array_index (all->figures, f), MARGIN_X, CONTENT_W, TRUE);
          continue;
        }
      h = figure_block (pdf, all, g_ptr_array_index (all->figures, f),
                        MARGIN_X + (f % 2) * CONTENT_W / 2, CONTENT_W / 2, FALSE);
      if (f + 1 < all->figures->len && f % 2 == 0)
        {
          double h2 = figure_block (pdf, all, g_ptr_array_index (all->figures, ++f),
                                    MARGIN_X + CONTENT_W / 2, CONTENT_W / 2, FALSE);
          h = MAX (h, h2);
        }
      pdf->y += h;
    }
}

static void
methods_page (PathwaysPdf *pdf)
{
  static const struct { const char *term, *text; } definitions[] = {
    { N_("Cohort"), N_("Every case referred in the period (by referral date) that passes the filters. "
                      "A case is closed when it has a closure date, or, when closure dates are not "
                      "recorded, a closure reason.") },
    { N_("Journey funnel"), N_("How many cases reached each stage: referred, contacted, assessed, service "
                              "allocated, service started, planned closure. A case counts at a stage when it "
                              "shows evidence of that stage or of any later one (a case with a service counts "
                              "as assessed). Unless stated, the funnel counts closed cases. Percentages are of "
                              "the first stage and of the stage before; the drop is how many fewer cases "
                              "reached a stage than the stage before.") },
    { N_("Closure reasons"), N_("The reason each closed case ended, grouped as planned, other, unplanned or "
                               "not recorded; percentages are of all closed cases. Service closure reasons "
                               "are counted the same way for each service type, over closed services.") },
    { N_("Planned-closure rate"), /* xgettext:no-c-format */ N_("Closed cases that ended as planned, as a percentage of the group's "
                                    "closed cases, with a 95 % confidence interval (Wilson score). Groups with "
                                    "fewer than 30 closed cases have a small base: read their rates with care.") },
    { N_("Waiting times"), N_("Whole days between two dates, such as referral and first contact, over the "
                             "records with both dates and the end not before the start. The median and 90th "
                             "percentile interpolate between neighbouring values (as R and NumPy do). Within "
                             "target is the percentage who waited no longer than the target. Still waiting "
                             "counts open records with a start date but no end date, measured to the snapshot "
                             "date.") },
    { N_("Multiple answers"), N_("For risks, issues and impacts a case can list several values, so percentages "
                                "can add up to more than 100.") },
    { N_("Completeness"), N_("For each mapped field, the records whose value is missing.") },
    { N_("Rounding"), N_("Percentages are computed from exact counts and shown as whole numbers, with one "
                        "decimal below 10 %.") },
  };
  PathwaysReportTable *dq = pathways_report_get_table (pdf->report, "data_quality", NULL);
  g_autofree char *rule = pathways_disclosure_describe_method (pdf->report->protection, pdf->report->threshold,
                                                               pdf->report->round5);
  int id = 0, child = 0;

  _pathways_pdf_new_page (pdf);
  heading (pdf, F_H1, _("Methods"), 40);
  outline (pdf, 0, _("Methods"), &id);
  heading (pdf, F_H2, _("Definitions"), 30);
  outline (pdf, id, _("Definitions"), &child);
  for (guint k = 0; k < G_N_ELEMENTS (definitions); k++)
    {
      g_autofree char *text = g_strdup_printf ("%s. %s", _(definitions[k].term), _(definitions[k].text));
      paragraph (pdf, F_BODY, text, TEXT_RGB, 6);
    }

  pdf->y += 8;
  heading (pdf, F_H2, _("Protecting small numbers"), 30);
  outline (pdf, id, _("Protecting small numbers"), &child);
  paragraph (pdf, F_BODY, rule, TEXT_RGB, 6);
  if (pdf->report->threshold > 0)
    paragraph (pdf, F_BODY,
               _("Where a row or column adds up to a shown total and only one figure in it is hidden, the "
                 "next smallest figure is hidden too, so that no hidden figure can be worked out by "
                 "subtraction. Funnel drops are shown only when both stages are shown. Waiting-time "
                 "statistics over too few records are hidden."), TEXT_RGB, 6);

  /* a funder return has no data-quality table: no heading without its text */
  if (dq != NULL)
    {
      pdf->y += 8;
      heading (pdf, F_H2, _("Data quality"), 40);
      outline (pdf, id, _("Data quality"), &child);
    }
  if (dq != NULL)
    {
      guint errors = 0, warnings = 0;
      g_autofree char *summary = NULL;

      for (guint r = 0; r < dq->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (dq->rows, r);
          if (g_strcmp0 (row->cells[1].text, "error") == 0)
            errors++;
          else if (g_strcmp0 (row->cells[1].text, "warning") == 0)
            warnings++;
        }
      summary = g_strdup_printf (_("The import found %u kinds of error and %u kinds of warning in the data "
                                   "(counts of records below; they describe the file, not people)."),
                                 errors, warnings);
      paragraph (pdf, F_BODY, summary, TEXT_RGB, 6);
      if (dq->rows->len > 0)
        _pathways_pdf_draw_table (pdf, dq, 0);
    }
}

static void
write_document (PathwaysPdf *pdf)
{
  static const PathwaysSection order[] = {
    PATHWAYS_SECTION_JOURNEY, PATHWAYS_SECTION_CLOSURES, PATHWAYS_SECTION_RATES,
    PATHWAYS_SECTION_WAITING, PATHWAYS_SECTION_ACTIVITY, PATHWAYS_SECTION_PEOPLE,
    PATHWAYS_SECTION_PROFILE, PATHWAYS_SECTION_OUTCOMES, PATHWAYS_SECTION_QUALITY,
  };

  pdf->page = 0;
  pdf->landscape = FALSE;
  title_page (pdf);
  summary_page (pdf);
  /* a funder return (pathways-return.h): its sections in the template's order, one
   * after another on a page while they fit (a board pack's six short tables took six
   * pages, each nearly empty); a wide one on a landscape page of its own */
  for (guint k = 0, n_return = 0; k < pdf->report->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (pdf->report->tables, k);
      gboolean wide;

      if (!g_str_equal (t->id, "return") || !pdf_ok (pdf))
        continue;
      wide = _pathways_pdf_needs_landscape (pdf, t);
      if (n_return++ == 0 || wide || pdf->page_w > PAGE_W)
        {
          pdf->landscape = wide;
          _pathways_pdf_new_page (pdf);
        }
      else
        pdf->y += 12;
      table_section (pdf, t, 0);
    }
  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    {
      const char *commentary;
      gboolean started = FALSE;
      int id = 0;

      if (!(pdf->options->sections & order[s]))
        continue;
      for (guint k = 0; k < pdf->report->tables->len; k++)
        {
          PathwaysReportTable *t = g_ptr_array_index (pdf->report->tables, k);

          if (!pdf_ok (pdf))
            {
              _pathways_pdf_tag_end (pdf, "Document");
              return;   /* the disk is full: no point drawing the rest */
            }
          if (pathways_export_table_section (t) != order[s] || g_str_equal (t->id, "data_quality") ||
              g_str_equal (t->id, "return"))
            continue;
          if (!started)
            {
              /* the section's heading goes with its first table onto a landscape page */
              pdf->landscape = _pathways_pdf_needs_landscape (pdf, t);
              _pathways_pdf_new_page (pdf);
              heading (pdf, F_H1, pathways_section_get_title (order[s]), 60);
              outline (pdf, 0, pathways_section_get_title (order[s]), &id);
              commentary = pathways_export_options_get_commentary (pdf->options, order[s]);
              if (commentary != NULL)
                paragraph (pdf, F_BODY, commentary, TEXT_RGB, 10);
              started = TRUE;
            }
          table_section (pdf, t, id);
        }
    }
  methods_page (pdf);
  _pathways_pdf_tag_end (pdf, "Document");
}

/* A failed write is remembered and the rest discarded, but cairo is told it succeeded:
 * cairo's own error paths after a failed stream write have aborted on an assertion
 * (a full disk, issue "Nothing is ever lost"). The caller reports the errno. */
static cairo_status_t
write_func (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  PathwaysPdf *pdf = closure;

  if (pdf->write_errno != 0)
    return CAIRO_STATUS_SUCCESS;
  errno = 0;
  if (fwrite (data, 1, length, pdf->file) != length)
    pdf->write_errno = errno != 0 ? errno : EIO;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (PathwaysPdf                 *pdf,
              PathwaysReport              *report,
              const PathwaysExportOptions *options)
{
  g_autoptr(GDateTime) now = pathways_export_now ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *subject = pathways_export_subject (report, options);

  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, pdf->title);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_AUTHOR,
                                  options->organisation != NULL && *options->organisation != '\0'
                                  ? options->organisation : "Pathways");
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, "Pathways " PATHWAYS_VERSION);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

gboolean
pathways_pdf_write (PathwaysReport               *report,
                    PathwaysReport               *previous,
                    PathwaysReport               *year_before,
                    const PathwaysExportOptions  *options,
                    PathwaysSafeFile             *out,
                    GError                      **error)
{
  PathwaysPdf pdf = { 0 };
  gboolean ok;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf.file = pathways_safe_file_get_stream (out);
  pdf.report = report;
  pdf.previous = previous;
  pdf.year_before = year_before;
  pdf.options = options;
  pdf.title = g_strdup (pathways_export_options_get_title (options));
  pdf.surface = cairo_pdf_surface_create_for_stream (write_func, &pdf, PAGE_W, PAGE_H);
  pdf.cr = cairo_create (pdf.surface);
  pdf.layout = pango_cairo_create_layout (pdf.cr);
  {
    /* metrics independent of the device: the same in both passes and every viewer */
    cairo_font_options_t *fo = cairo_font_options_create ();
    cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options (pango_layout_get_context (pdf.layout), fo);
    cairo_font_options_destroy (fo);
    pango_layout_context_changed (pdf.layout);
  }
  set_metadata (&pdf, report, options);

  /* pass 1 counts the pages for "Page N of M"; pass 2 draws */
  pdf.dry = TRUE;
  write_document (&pdf);
  pdf.n_pages = pdf.page;
  pdf.dry = FALSE;
  if (pdf_ok (&pdf))
    write_document (&pdf);
  cairo_show_page (pdf.cr);
  pdf_ok (&pdf);

  g_object_unref (pdf.layout);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (pdf.surface);
  if (pdf.status == CAIRO_STATUS_SUCCESS)
    pdf.status = cairo_surface_status (pdf.surface);
  cairo_surface_destroy (pdf.surface);
  if (pdf.write_errno == 0 && ferror (pdf.file))
    pdf.write_errno = EIO;

  ok = pdf.write_errno == 0 && pdf.status == CAIRO_STATUS_SUCCESS;
  if (pdf.write_errno != 0)
    pathways_safe_file_set_error (error, pdf.write_errno, pathways_safe_file_get_path (out));
  else if (!ok)
    {
      g_autofree char *display = g_filename_display_basename (pathways_safe_file_get_path (out));
      g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                   _("Pathways could not save %s: %s"), display, cairo_status_to_string (pdf.status));
    }
  g_free (pdf.title);
  return ok;
}
