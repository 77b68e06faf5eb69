/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout.c: every chart kind of design/charts.md as a display list.
 *
 * Sizes come from the body text size, which comes from the style or from the smaller
 * side of the canvas. Nothing is ever placed outside (0, 0, width, height): texts are
 * measured with Pango before they are placed, wrapped or ellipsized to the room they
 * have, and rows that cannot fit are counted in an "and N more" line. A suppressed
 * value gets a text at the axis and no bar, dot or segment.
 *
 * This file is the core every chart kind shares: numbers, colours, text measured and
 * placed, cells, the frame (title and footer), horizontal bars, legends, panel grids,
 * finding titles, and the layout object itself (which kind lays out a table, the
 * accessors, drawing). Each kind has a file of its own
 * (pathways-chart-layout-private.h lists them).
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include <math.h>
#include <string.h>
#include "pathways-i18n.h"
#include <pango/pangocairo.h>

#include "pathways-chart-layout.h"
#include "pathways-chart-layout-private.h"
#include "pathways-disclosure.h"
#include "pathways-mapping.h"

#define DEFAULT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, sans"

typedef struct {
  int                   size;       /* absolute, Pango units */
  gboolean              bold;
  PangoFontDescription *desc;
} FontEntry;

typedef struct {
  PangoLayout *layout;
  int          pango_w;             /* logical right edge, Pango units */
  double       w, h;                /* pixels */
} TextEntry;

/* ---------------------------------------------------------------- numbers */

char *
pathways_chart_format_number (double value,
                              int    decimals)
{
  g_autofree char *digits = NULL;
  GString *out = g_string_new (NULL);
  gboolean negative = value < 0;
  double whole;
  gint64 n;
  gsize len, i;

  if (!isfinite (value))
    return g_strdup ("–");
  if (negative)
    value = -value;
  if (decimals > 0 && fabs (value - round (value)) >= 0.05)
    {
      whole = floor (value * 10 + 0.5) / 10;
      n = (gint64) floor (whole);
    }
  else
    {
      whole = round (value);
      n = (gint64) whole;
    }
  digits = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  len = strlen (digits);
  if (negative && (n > 0 || whole > 0))
    g_string_append (out, "−");
  for (i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (whole != floor (whole))
    g_string_append_printf (out, ".%d", (int) round ((whole - floor (whole)) * 10) % 10);
  return g_string_free (out, FALSE);
}

/* Percent as the spec writes it: whole numbers, one decimal below 10 %. */
char *
_pathways_chart_format_percent (double pct)
{
  if (!isfinite (pct))
    return g_strdup ("–");
  if (pct > 0 && pct < 9.95)
    return g_strdup_printf ("%.1f %%", pct);
  return g_strdup_printf ("%.0f %%", round (pct));
}

guint
pathways_chart_nice_ticks (double  lo,
                           double  hi,
                           guint   max_ticks,
                           double *ticks,
                           double *step)
{
  double raw, mag, f, s, t;
  guint n = 0;

  g_return_val_if_fail (ticks != NULL, 0);

  if (max_ticks < 1)
    max_ticks = 1;
  if (max_ticks > 31)
    max_ticks = 31;
  if (!isfinite (lo) || !isfinite (hi) || hi <= lo)
    {
      hi = lo + 1;
      if (!isfinite (hi))
        lo = 0, hi = 1;
    }
  raw = (hi - lo) / max_ticks;
  mag = pow (10, floor (log10 (raw)));
  f = raw / mag;
  if (f <= 1.0 + 1e-9)
    s = 1;
  else if (f <= 2.0 + 1e-9)
    s = 2;
  else if (f <= 5.0 + 1e-9)
    s = 5;
  else
    s = 10;
  s *= mag;
  if (s < 1 && raw >= 0.5)
    s = 1;
  for (t = floor (lo / s + 1e-9) * s; n < 32; t += s)
    {
      ticks[n++] = fabs (t) < s * 1e-9 ? 0 : t;
      if (t >= hi - s * 1e-9)
        break;
    }
  if (step != NULL)
    *step = s;
  return n;
}

/* ---------------------------------------------------------------- colours */

void
pathways_chart_ink_rgba (PathwaysChartTheme theme,
                         PathwaysChartInk   ink,
                         double             rgba[4])
{
  static const guint32 light[PATHWAYS_CHART_N_INKS] = {
    0x1f1f1f, 0x5e5e5e, 0x000000, 0x0072b2, 0x56b4e9, 0x009e73, 0xe69f00, 0xd55e00,
    0x999999, 0xcc79a7, 0xf0e442, 0xffffff, 0xffffff,
  };
  static const guint32 dark[PATHWAYS_CHART_N_INKS] = {
    0xf2f2f2, 0xb0b0b0, 0xffffff, 0x56b4e9, 0x0072b2, 0x2bc29a, 0xf0b43c, 0xf07a2e,
    0x8a8a8a, 0xcc79a7, 0xf0e442, 0x101010, 0x1e1e1e,
  };
  guint32 c = theme == PATHWAYS_CHART_THEME_DARK ? dark[ink] : light[ink];

  rgba[0] = ((c >> 16) & 0xff) / 255.0;
  rgba[1] = ((c >> 8) & 0xff) / 255.0;
  rgba[2] = (c & 0xff) / 255.0;
  rgba[3] = 1.0;
  if (ink == PATHWAYS_CHART_INK_GRID)
    rgba[3] = theme == PATHWAYS_CHART_THEME_DARK ? 0.18 : 0.12;
}

static void
ink_rgba (PathwaysChartLayout *self,
          PathwaysChartInk     ink,
          double               rgba[4])
{
  pathways_chart_ink_rgba (self->theme, ink, rgba);
  if (self->fg_set)
    {
      if (ink == PATHWAYS_CHART_INK_TEXT)
        memcpy (rgba, self->fg, sizeof self->fg);
      else if (ink == PATHWAYS_CHART_INK_MUTED)
        {
          memcpy (rgba, self->fg, sizeof self->fg);
          rgba[3] *= 0.72;
        }
      else if (ink == PATHWAYS_CHART_INK_GRID)
        {
          double a = rgba[3];
          memcpy (rgba, self->fg, sizeof self->fg);
          rgba[3] *= a;
        }
    }
}

/* ---------------------------------------------------------------- items */

PathwaysChartItem
_pathways_chart_item_init (PathwaysChartLayout   *self,
                           PathwaysChartItemKind  kind,
                           PathwaysChartInk       ink,
                           guint                  flags,
                           double x, double y, double w, double h,
                           int                    mark)
{
  PathwaysChartItem item = { kind, ink, flags, x, y, w, h, 1.0, NULL, NULL, mark };

  item.line_width = MAX (1.0, self->font_size / 12.0);
  return item;
}

PathwaysChartItem *
_pathways_chart_add_item (PathwaysChartLayout   *self,
                          PathwaysChartItemKind  kind,
                          PathwaysChartInk       ink,
                          guint                  flags,
                          double x, double y, double w, double h,
                          int                    mark)
{
  PathwaysChartItem item = _pathways_chart_item_init (self, kind, ink, flags, x, y, w, h, mark);

  g_array_append_val (self->items, item);
  return &g_array_index (self->items, PathwaysChartItem, self->items->len - 1);
}

static void
font_entry_free (gpointer data)
{
  FontEntry *f = data;

  pango_font_description_free (f->desc);
  g_free (f);
}

static void
text_entry_free (gpointer data)
{
  TextEntry *e = data;

  g_clear_object (&e->layout);
  g_free (e);
}

static int
font_size_units (PathwaysChartLayout *self,
                 double               factor)
{
  return (int) (MAX (1.0, self->font_size * factor) * PANGO_SCALE);
}

/* The font description for FACTOR and weight, made once per layout pass. */
static const PangoFontDescription *
font_for (PathwaysChartLayout *self,
          double               factor,
          gboolean             bold)
{
  int size = font_size_units (self, factor);
  FontEntry *f;

  for (guint i = 0; i < self->fonts->len; i++)
    {
      f = g_ptr_array_index (self->fonts, i);
      if (f->size == size && f->bold == bold)
        return f->desc;
    }
  f = g_new0 (FontEntry, 1);
  f->size = size;
  f->bold = bold;
  f->desc = pango_font_description_copy (self->font);
  pango_font_description_set_absolute_size (f->desc, size);
  if (bold)
    pango_font_description_set_weight (f->desc, PANGO_WEIGHT_SEMIBOLD);
  g_ptr_array_add (self->fonts, f);
  return f->desc;
}

static TextEntry *
text_entry_new (PathwaysChartLayout *self,
                const char          *text,
                double               factor,
                gboolean             bold,
                int                  width)
{
  TextEntry *e = g_new0 (TextEntry, 1);
  PangoRectangle logical;

  e->layout = pango_layout_new (self->context);
  pango_layout_set_font_description (e->layout, font_for (self, factor, bold));
  pango_layout_set_text (e->layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (e->layout, width);
      pango_layout_set_ellipsize (e->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (e->layout, -1);
    }
  pango_layout_get_extents (e->layout, NULL, &logical);
  e->pango_w = logical.x + logical.width;
  pango_extents_to_pixels (&logical, NULL);
  e->w = logical.x + logical.width;
  e->h = logical.height;
  return e;
}

/* TEXT on one line at its natural width, shaped once per pass. */
static const TextEntry *
text_natural (PathwaysChartLayout *self,
              const char          *text,
              double               factor,
              gboolean             bold)
{
  g_autofree char *key = g_strdup_printf ("%d:%d:%s", font_size_units (self, factor), bold, text);
  TextEntry *e = g_hash_table_lookup (self->texts, key);

  if (e == NULL)
    {
      e = text_entry_new (self, text, factor, bold, -1);
      g_hash_table_insert (self->texts, g_steal_pointer (&key), e);
    }
  return e;
}

/* A layout of TEXT at most MAX_WIDTH wide (ellipsized, or wrapped to MAX_LINES), with
 * its extents. Text that fits shares the layout that measured it; *CONSTRAINED tells
 * whether the returned layout has a width of its own (and may be changed). */
static PangoLayout *
make_text (PathwaysChartLayout *self,
           const char          *text,
           double               factor,
           gboolean             bold,
           double               max_width,
           int                  max_lines,
           double              *width,
           double              *height,
           gboolean            *constrained)
{
  const TextEntry *e = text_natural (self, text, factor, bold);
  int limit = max_width > 0 ? (int) floor (MAX (1.0, max_width) * PANGO_SCALE) : -1;
  PangoLayout *layout;
  PangoRectangle logical;

  if (constrained != NULL)
    *constrained = FALSE;
  if (limit < 0 || e->pango_w <= limit)
    {
      if (width != NULL)
        *width = max_width > 0 ? MIN (e->w, ceil (max_width)) : e->w;
      if (height != NULL)
        *height = e->h;
      return g_object_ref (e->layout);
    }
  if (max_lines <= 1)
    {
      /* Ellipsized on one line: the same label often comes back at the same width. */
      g_autofree char *key = g_strdup_printf ("%d:%d:%d:%s", font_size_units (self, factor), bold, limit, text);
      TextEntry *f = g_hash_table_lookup (self->fitted, key);
      if (f == NULL)
        {
          f = text_entry_new (self, text, factor, bold, limit);
          g_hash_table_insert (self->fitted, g_steal_pointer (&key), f);
        }
      if (width != NULL)
        *width = MIN (f->w, ceil (max_width));
      if (height != NULL)
        *height = f->h;
      return g_object_ref (f->layout);
    }
  layout = pango_layout_new (self->context);
  pango_layout_set_font_description (layout, font_for (self, factor, bold));
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, limit);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -max_lines);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = MIN (logical.x + logical.width, ceil (max_width));
  if (height != NULL)
    *height = logical.height;
  if (constrained != NULL)
    *constrained = TRUE;
  return layout;
}

void
_pathways_chart_measure (PathwaysChartLayout *self,
                         const char          *text,
                         double               factor,
                         gboolean             bold,
                         double              *width,
                         double              *height)
{
  const TextEntry *e = text_natural (self, text, factor, bold);

  if (width != NULL)
    *width = e->w;
  if (height != NULL)
    *height = e->h;
}

/* Places TEXT with its left, centre or right at X and its top at Y, at most MAX_WIDTH
 * wide (ellipsized or wrapped to MAX_LINES). Returns the item. */
PathwaysChartItem *
_pathways_chart_add_text (PathwaysChartLayout *self,
                          const char          *text,
                          double               x,
                          double               y,
                          Align                align,
                          double               factor,
                          gboolean             bold,
                          PathwaysChartInk     ink,
                          double               max_width,
                          int                  max_lines,
                          int                  mark)
{
  double w, h;
  gboolean constrained;
  PangoLayout *layout = make_text (self, text, factor, bold, max_width, max_lines, &w, &h, &constrained);
  PathwaysChartItem *item;

  if (align == ALIGN_CENTER)
    x -= w / 2;
  else if (align == ALIGN_RIGHT)
    x -= w;
  if (constrained)
    {
      PangoAlignment pa = align == ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                        : align == ALIGN_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
      /* Keep the block as wide as its text so that alignment stays inside it. */
      pango_layout_set_width (layout, (int) ceil (w) * PANGO_SCALE + PANGO_SCALE / 2);
      pango_layout_set_alignment (layout, pa);
    }
  item = _pathways_chart_add_item (self, PATHWAYS_CHART_ITEM_TEXT, ink, 0, x, y, w, h, mark);
  item->layout = layout;
  item->text = g_strdup (text);
  return item;
}

/* Takes back the last item added (a text that turned out not to fit). */
static void
drop_last_item (PathwaysChartLayout *self)
{
  PathwaysChartItem *item = &g_array_index (self->items, PathwaysChartItem, self->items->len - 1);

  g_clear_object (&item->layout);
  g_free (item->text);
  g_array_set_size (self->items, self->items->len - 1);
}

PathwaysChartItem *
_pathways_chart_add_rect (PathwaysChartLayout *self,
                          double x, double y, double w, double h,
                          PathwaysChartInk     ink,
                          guint                flags,
                          int                  mark)
{
  return _pathways_chart_add_item (self, PATHWAYS_CHART_ITEM_RECT, ink,
                                   flags | PATHWAYS_CHART_ITEM_FILL, x, y, w, h, mark);
}

PathwaysChartItem *
_pathways_chart_add_line (PathwaysChartLayout *self,
                          double x0, double y0, double x1, double y1,
                          PathwaysChartInk     ink,
                          guint                flags)
{
  return _pathways_chart_add_item (self, PATHWAYS_CHART_ITEM_LINE, ink, flags,
                                   x0, y0, x1 - x0, y1 - y0, -1);
}

int
_pathways_chart_add_mark (PathwaysChartLayout       *self,
                          const PathwaysReportTable *table,
                          const char                *row_id,
                          const char                *label,
                          char                      *tooltip,   /* taken */
                          double                     value,
                          gboolean                   suppressed,
                          double x, double y, double w, double h)
{
  PathwaysChartMark mark = { x, y, w, h, g_strdup (table != NULL ? table->key : NULL),
                             g_strdup (row_id), g_strdup (label), tooltip,
                             suppressed ? NAN : value, suppressed };

  g_array_append_val (self->marks, mark);
  return (int) self->marks->len - 1;
}

double
_pathways_chart_line_height (PathwaysChartLayout *self,
                             double               factor)
{
  return text_natural (self, "Ag", factor, FALSE)->h;
}

/* ---------------------------------------------------------------- cells */

const PathwaysCell *
_pathways_chart_cell_at (const PathwaysReportTable *table,
                         const PathwaysReportRow   *row,
                         const char                *column_id)
{
  int c = pathways_report_table_find_column ((PathwaysReportTable *) table, column_id);

  return c < 0 ? NULL : &row->cells[c];
}

char *
_pathways_chart_cell_text (PathwaysChartLayout *self,
                           const PathwaysCell  *cell)
{
  if (cell == NULL)
    return g_strdup ("–");
  /* A hidden count without a report in force reads as the default rule's "<5". */
  return pathways_cell_format (cell, self->report != NULL && self->report->threshold > 0
                                     ? self->report->threshold : 5);
}

/* The row's display label: its first LABEL cell, or its id. */
const char *
_pathways_chart_row_label (const PathwaysReportTable *table,
                           const PathwaysReportRow   *row)
{
  guint c;

  for (c = 0; c < table->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);
      if (col->kind == PATHWAYS_CELL_LABEL && row->cells[c].text != NULL)
        return row->cells[c].text;
    }
  return row->id != NULL ? row->id : "";
}

/* ---------------------------------------------------------------- finding titles */

char *
pathways_chart_finding_title (PathwaysReport            *report,
                              const PathwaysReportTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  switch (table->chart.kind)
    {
    case PATHWAYS_CHART_FUNNEL:
      return _pathways_chart_funnel_finding (table);
    case PATHWAYS_CHART_CLOSURE_REASONS:
      return _pathways_chart_closure_finding (table);
    case PATHWAYS_CHART_DISTRIBUTION:
      return _pathways_chart_distribution_finding (report, table);
    case PATHWAYS_CHART_CHANGE:
      return _pathways_chart_change_finding (table);
    case PATHWAYS_CHART_NONE:
    case PATHWAYS_CHART_RATES:
    case PATHWAYS_CHART_TREND:
    case PATHWAYS_CHART_COMPOSITION:
    case PATHWAYS_CHART_BARS:
    case PATHWAYS_CHART_COMPLETENESS:
    case PATHWAYS_CHART_DIVERGING:
    default:
      return NULL;
    }
}

/* The finding of a multi-panel figure, or NULL. */
static char *
panels_finding_title (PathwaysReport             *report,
                      const PathwaysReportTable **tables,
                      guint                       n)
{
  if (n == 0)
    return NULL;
  if (tables[0]->chart.kind == PATHWAYS_CHART_CLOSURE_REASONS)
    return _pathways_chart_closure_panels_finding (tables, n);
  if (tables[0]->chart.kind == PATHWAYS_CHART_DISTRIBUTION)
    return _pathways_chart_distribution_panels_finding (report, tables, n);
  return NULL;
}


/* ---------------------------------------------------------------- frame */

char *
_pathways_chart_footer_text (PathwaysChartLayout       *self,
                             const PathwaysReportTable *table,
                             gboolean                   with_notes)
{
  GString *s = g_string_new (NULL);
  const char *filters = table != NULL ? table->chart.filters : NULL;

  if (table != NULL && table->chart.base_text != NULL && *table->chart.base_text)
    g_string_append (s, table->chart.base_text);
  if ((filters == NULL || !*filters) && self->report != NULL)
    filters = self->report->filters_text;
  if (filters != NULL && *filters)
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append (s, filters);
    }
  if (with_notes && table != NULL && table->chart.notes != NULL)
    for (guint i = 0; i < table->chart.notes->len; i++)
      {
        if (s->len > 0)
          g_string_append (s, " · ");
        g_string_append (s, g_ptr_array_index (table->chart.notes, i));
      }
  if (self->report != NULL && self->report->threshold > 0)
    {
      g_autofree char *rule = pathways_disclosure_describe_method (self->report->protection,
                                                                   self->report->threshold,
                                                                   self->report->round5);
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, rule);
    }
  return g_string_free (s, FALSE);
}

/* Title on top, footer at the bottom; returns the room left for the plot. */
static Rect
frame (PathwaysChartLayout *self,
       const char          *title,
       const char          *footer)
{
  double m = self->margin;
  Rect r = { m, m, self->width - 2 * m, self->height - 2 * m };

  if (r.w < 1 || r.h < 1)
    return (Rect) { m, m, MAX (0, r.w), MAX (0, r.h) };
  if (self->show_title && title != NULL && *title)
    {
      PathwaysChartItem *t = _pathways_chart_add_text (self, title, r.x, r.y, ALIGN_LEFT, 1.25, TRUE,
                                                       PATHWAYS_CHART_INK_TEXT, r.w, 2, -1);
      if (t->height > r.h * 0.4)
        {
          drop_last_item (self);
          t = _pathways_chart_add_text (self, title, r.x, r.y, ALIGN_LEFT, 1.25, TRUE,
                                        PATHWAYS_CHART_INK_TEXT, r.w, 1, -1);
        }
      r.y += t->height + self->font_size * 0.8;
      r.h -= t->height + self->font_size * 0.8;
    }
  if (self->show_footer && footer != NULL && *footer && r.h > 0)
    {
      PathwaysChartItem *f = _pathways_chart_add_text (self, footer, r.x, 0, ALIGN_LEFT, 0.85, FALSE,
                                                       PATHWAYS_CHART_INK_MUTED, r.w, 3, -1);
      double h = f->height;
      if (h < r.h * 0.35)
        {
          f->y = r.y + r.h - h;
          r.h -= h + self->font_size * 0.8;
        }
      else
        drop_last_item (self);
    }
  r.h = MAX (0, r.h);
  return r;
}

/* A protected chart whose true base is below 10: its frame holds the sentence
 * (spec/disclosure.md, "Small sections"), never an empty chart or a chart of stars. */
static void
withheld_message (PathwaysChartLayout       *self,
                  const char                *title,
                  const PathwaysReportTable *footer_of)
{
  g_autofree char *footer = _pathways_chart_footer_text (self, footer_of, FALSE);
  Rect r = frame (self, title, footer);
  double h = _pathways_chart_line_height (self, 1.0);

  if (r.h >= h)
    _pathways_chart_add_text (self, pathways_disclosure_withheld_text (), r.x + r.w / 2,
                              r.y + MAX (0, r.h / 2 - h * 1.5), ALIGN_CENTER, 1.0, FALSE,
                              PATHWAYS_CHART_INK_MUTED, r.w, 3, -1);
}

/* The frame of one table's chart, titled with its finding when there is one. */
Rect
_pathways_chart_frame_table (PathwaysChartLayout       *self,
                             const PathwaysReportTable *table,
                             const char                *footer)
{
  g_autofree char *finding = self->show_title ? pathways_chart_finding_title (self->report, table)
                                              : NULL;

  return frame (self, finding != NULL ? finding : table->chart.title, footer);
}

void
_pathways_chart_empty_message (PathwaysChartLayout *self,
                               Rect                 r,
                               const char          *text)
{
  double h = _pathways_chart_line_height (self, 1.0);

  if (r.h >= h)
    _pathways_chart_add_text (self, text, r.x + r.w / 2, r.y + (r.h - h) / 2, ALIGN_CENTER, 1.0,
                              FALSE, PATHWAYS_CHART_INK_MUTED, r.w, 1, -1);
}

void
_pathways_chart_hidden_message (PathwaysChartLayout *self,
                                Rect                 r,
                                const char          *text)
{
  double h = _pathways_chart_line_height (self, 1.0);

  if (r.h >= h)
    _pathways_chart_add_text (self, text, r.x + r.w / 2, r.y + MAX (0, r.h / 2 - h * 1.5), ALIGN_CENTER,
                              1.0, FALSE, PATHWAYS_CHART_INK_MUTED, r.w, 3, -1);
}

/* ---------------------------------------------------------------- legend */

/* A row (or rows) of swatches and names; returns the height used. */
double
_pathways_chart_legend (PathwaysChartLayout *self,
                        double               x,
                        double               y,
                        double               w,
                        const LegendEntry   *entries,
                        guint                n)
{
  double sw = self->font_size * 0.9;
  double gap = self->font_size * 1.2;
  double lh = _pathways_chart_line_height (self, 0.9);
  double cx = x, cy = y;

  for (guint i = 0; i < n; i++)
    {
      double tw, th;
      _pathways_chart_measure (self, entries[i].text, 0.9, FALSE, &tw, &th);
      tw = MIN (tw, w - sw * 1.4);
      if (cx > x && cx + sw * 1.4 + tw > x + w)
        {
          cx = x;
          cy += lh * 1.2;
        }
      _pathways_chart_add_rect (self, cx, cy + (lh - sw) / 2, sw, sw, entries[i].ink,
                                entries[i].hatch ? PATHWAYS_CHART_ITEM_HATCH : 0, -1);
      _pathways_chart_add_text (self, entries[i].text, cx + sw * 1.4, cy, ALIGN_LEFT, 0.9, FALSE,
                                PATHWAYS_CHART_INK_TEXT, MAX (1, w - sw * 1.4), 1, -1);
      cx += sw * 1.4 + tw + gap;
    }
  return n > 0 ? cy - y + lh * 1.2 + self->font_size * 0.4 : 0;
}

/* ---------------------------------------------------------------- values and tooltips */

/* "1,950 · 33 %", or the count alone when the percent says nothing more. */
char *
_pathways_chart_count_pct_text (PathwaysChartLayout *self,
                                const PathwaysCell  *count,
                                const PathwaysCell  *pct)
{
  g_autofree char *c = _pathways_chart_cell_text (self, count);

  if (_pathways_chart_cell_hidden (count) || pct == NULL)
    return g_steal_pointer (&c);
  if (_pathways_chart_cell_hidden (pct))
    return g_strdup_printf ("%s · *", c);
  if (!_pathways_chart_cell_shown (pct))
    return g_steal_pointer (&c);
  {
    g_autofree char *p = _pathways_chart_format_percent (pct->value);
    return g_strdup_printf ("%s · %s", c, p);
  }
}

char *
_pathways_chart_tooltip_for (PathwaysChartLayout       *self,
                             const PathwaysReportTable *table,
                             const char                *label,
                             const char                *value_text)
{
  const char *unit = table->chart.unit != NULL ? table->chart.unit : "";
  g_autofree char *base = table->base.defined ? _pathways_chart_cell_text (self, &table->base) : NULL;

  if (base != NULL && table->base_label != NULL)
    /* Translators: tooltip: "Assessed: 3,893 · 67 % cases (base 5,825 closed cases)" */
    return g_strdup_printf (_("%s: %s %s (base %s %s)"), label, value_text, unit, base, table->base_label);
  return g_strdup_printf ("%s: %s %s", label, value_text, unit);
}

/* ---------------------------------------------------------------- panels */

Grid
_pathways_chart_choose_grid (PathwaysChartLayout *self,
                             guint                n,
                             double               w,
                             double               h,
                             double               min_w,
                             double               min_h)
{
  Grid best = { MAX (1, n), 1 };
  double best_score = -1;

  for (guint cols = 1; cols <= MAX (1, n); cols++)
    {
      guint rows = (n + cols - 1) / cols;
      double pw = w / cols, ph = h / MAX (1, rows);
      double score = MIN (pw / min_w, ph / min_h);
      if (rows > 0 && (cols - 1) * rows >= n)
        continue;
      if (score > best_score + 1e-9)
        {
          best_score = score;
          best = (Grid) { cols, MAX (1, rows) };
        }
    }
  (void) self;
  return best;
}

char *
_pathways_chart_panel_title (const PathwaysReportTable *table)
{
  const char *key = table->key != NULL ? table->key : table->title;
  const char *slash = key != NULL ? strrchr (key, '/') : NULL;

  if (slash != NULL)
    key = slash + 1;
  if (table->base.defined && table->base.suppression == PATHWAYS_SUPPRESSION_NONE)
    {
      g_autofree char *n = pathways_chart_format_number (table->base.value, 0);
      /* Translators: a small-multiple panel's title: "Therapy (n = 4,029)" */
      return g_strdup_printf (_("%s (n = %s)"), key, n);
    }
  return g_strdup (key != NULL ? key : "");
}

/* ---------------------------------------------------------------- highlight */

/* The marks of the style's chosen rows are outlined and every other mark is muted,
 * when at least one mark of the chart is chosen. */
static void
apply_highlight (PathwaysChartLayout *self)
{
  gboolean any = FALSE;

  if (self->highlight == NULL)
    return;
  for (guint i = 0; i < self->marks->len; i++)
    {
      PathwaysChartMark *m = &g_array_index (self->marks, PathwaysChartMark, i);
      m->chosen = m->row_id != NULL && g_strv_contains ((const char * const *) self->highlight, m->row_id);
      any |= m->chosen;
    }
  if (!any)
    return;
  for (guint i = 0; i < self->items->len; i++)
    {
      PathwaysChartItem *item = &g_array_index (self->items, PathwaysChartItem, i);
      if (item->mark < 0)
        continue;
      if (!g_array_index (self->marks, PathwaysChartMark, item->mark).chosen)
        {
          item->flags |= PATHWAYS_CHART_ITEM_MUTED;
          /* a faded bar no longer carries white text: its value reads in the text colour */
          if (item->ink == PATHWAYS_CHART_INK_ON_BAR)
            item->ink = PATHWAYS_CHART_INK_TEXT;
        }
      else if (item->flags & PATHWAYS_CHART_ITEM_DATA)
        item->flags |= PATHWAYS_CHART_ITEM_CHOSEN;
    }
}

/* ---------------------------------------------------------------- public */

static PathwaysChartLayout *
layout_alloc (PathwaysReport           *report,
              double                    width,
              double                    height,
              const PathwaysChartStyle *style,
              PangoContext             *context)
{
  PathwaysChartLayout *self = g_new0 (PathwaysChartLayout, 1);
  PathwaysChartStyle defaults;
  double side;

  if (style == NULL)
    {
      pathways_chart_style_init (&defaults, PATHWAYS_CHART_THEME_LIGHT);
      style = &defaults;
    }
  self->items = g_array_new (FALSE, TRUE, sizeof (PathwaysChartItem));
  self->marks = g_array_new (FALSE, TRUE, sizeof (PathwaysChartMark));
  self->theme = style->theme;
  self->fg_set = style->fg_rgba[3] > 0;
  memcpy (self->fg, style->fg_rgba, sizeof self->fg);
  self->width = MAX (0, width);
  self->height = MAX (0, height);
  side = MIN (self->width, self->height);
  self->font_size = style->font_size > 0 ? style->font_size : MAX (7.0, side * 0.028);
  self->margin = MIN (side * 0.04, MAX (2.0, self->font_size * 1.2));
  self->report = report;
  self->show_title = style->show_title;
  self->show_footer = style->show_footer;
  self->highlight = style->highlight != NULL ? g_strdupv ((char **) style->highlight) : NULL;
  if (context != NULL)
    self->context = g_object_ref (context);
  else
    {
      self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_cairo_context_set_resolution (self->context, 96);
    }
  self->fonts = g_ptr_array_new_with_free_func (font_entry_free);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, text_entry_free);
  self->fitted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, text_entry_free);
  self->font = pango_font_description_from_string (style->font_family != NULL ? style->font_family
                                                                              : DEFAULT_FAMILY);
  if (style->font_family != NULL && pango_font_description_get_family (self->font) == NULL)
    pango_font_description_set_family (self->font, DEFAULT_FAMILY);
  return self;
}

PathwaysChartLayout *
pathways_chart_layout_new (PathwaysReport            *report,
                           const PathwaysReportTable *table,
                           double                     width,
                           double                     height,
                           const PathwaysChartStyle  *style,
                           PangoContext              *context)
{
  PathwaysChartLayout *self;

  g_return_val_if_fail (table != NULL, NULL);

  self = layout_alloc (report, width, height, style, context);
  if (self->width < 4 || self->height < 4)
    return self;
  if (table->withheld)
    {
      withheld_message (self, table->chart.title, table);
      return self;
    }
  switch (table->chart.kind)
    {
    case PATHWAYS_CHART_FUNNEL:
      _pathways_chart_layout_funnel (self, table);
      break;
    case PATHWAYS_CHART_CLOSURE_REASONS:
      _pathways_chart_layout_closure_reasons (self, table);
      break;
    case PATHWAYS_CHART_RATES:
      _pathways_chart_layout_rates (self, table);
      break;
    case PATHWAYS_CHART_DISTRIBUTION:
      _pathways_chart_layout_distribution (self, table);
      break;
    case PATHWAYS_CHART_TREND:
      _pathways_chart_layout_trend (self, table);
      break;
    case PATHWAYS_CHART_COMPOSITION:
      _pathways_chart_layout_composition (self, table);
      break;
    case PATHWAYS_CHART_COMPLETENESS:
      _pathways_chart_layout_completeness (self, table);
      break;
    case PATHWAYS_CHART_DIVERGING:
      _pathways_chart_layout_diverging (self, table);
      break;
    case PATHWAYS_CHART_CHANGE:
      _pathways_chart_layout_change (self, table);
      break;
    case PATHWAYS_CHART_BARS:
    case PATHWAYS_CHART_NONE:
    default:
      _pathways_chart_layout_bars (self, table);
      break;
    }
  apply_highlight (self);
  return self;
}

PathwaysChartLayout *
pathways_chart_layout_new_panels (PathwaysReport             *report,
                                  const PathwaysReportTable **tables,
                                  guint                       n_tables,
                                  const char                 *title,
                                  double                      width,
                                  double                      height,
                                  const PathwaysChartStyle   *style,
                                  PangoContext               *context)
{
  PathwaysChartLayout *self;
  g_autofree char *footer = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  Rect r;

  g_return_val_if_fail (tables != NULL || n_tables == 0, NULL);

  if (n_tables == 1)
    return pathways_chart_layout_new (report, tables[0], width, height, style, context);
  self = layout_alloc (report, width, height, style, context);
  if (self->width < 4 || self->height < 4)
    return self;
  /* withheld panels are left out; when every one is, the figure holds the sentence */
  shown = g_ptr_array_new ();
  for (guint i = 0; i < n_tables; i++)
    if (!tables[i]->withheld)
      g_ptr_array_add (shown, (gpointer) tables[i]);
  if (n_tables > 0 && shown->len == 0)
    {
      PathwaysReportTable shared = { 0 };
      shared.chart.filters = tables[0]->chart.filters;
      withheld_message (self, title, &shared);
      return self;
    }
  tables = (const PathwaysReportTable **) shown->pdata;
  n_tables = shown->len;
  {
    /* The footer of the whole figure: the filters and the rule, not one panel's base. */
    PathwaysReportTable shared = { 0 };
    if (n_tables > 0)
      shared.chart.filters = tables[0]->chart.filters;
    footer = _pathways_chart_footer_text (self, &shared, FALSE);
  }
  {
    g_autofree char *finding = self->show_title ? panels_finding_title (report, tables, n_tables)
                                                : NULL;
    r = frame (self, finding != NULL ? finding : title, footer);
  }
  if (n_tables == 0)
    {
      _pathways_chart_empty_message (self, r, _("No records to show"));
      return self;
    }
  if (tables[0]->chart.kind == PATHWAYS_CHART_DISTRIBUTION)
    _pathways_chart_layout_distribution_panels (self, tables, n_tables, r);
  else
    _pathways_chart_layout_bar_panels (self, tables, n_tables, r,
                                       tables[0]->chart.kind == PATHWAYS_CHART_CLOSURE_REASONS);
  apply_highlight (self);
  return self;
}

void
pathways_chart_layout_free (PathwaysChartLayout *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->items->len; i++)
    {
      PathwaysChartItem *item = &g_array_index (self->items, PathwaysChartItem, i);
      g_clear_object (&item->layout);
      g_free (item->text);
    }
  for (guint i = 0; i < self->marks->len; i++)
    {
      PathwaysChartMark *m = &g_array_index (self->marks, PathwaysChartMark, i);
      g_free (m->table_key);
      g_free (m->row_id);
      g_free (m->label);
      g_free (m->tooltip);
    }
  g_array_unref (self->items);
  g_array_unref (self->marks);
  g_hash_table_unref (self->texts);
  g_hash_table_unref (self->fitted);
  g_ptr_array_unref (self->fonts);
  g_object_unref (self->context);
  pango_font_description_free (self->font);
  g_strfreev (self->highlight);
  g_free (self);
}

guint
pathways_chart_layout_get_n_items (PathwaysChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->items->len;
}

const PathwaysChartItem *
pathways_chart_layout_get_item (PathwaysChartLayout *self,
                                guint                index)
{
  g_return_val_if_fail (self != NULL && index < self->items->len, NULL);
  return &g_array_index (self->items, PathwaysChartItem, index);
}

guint
pathways_chart_layout_get_n_marks (PathwaysChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->marks->len;
}

const PathwaysChartMark *
pathways_chart_layout_get_mark (PathwaysChartLayout *self,
                                guint                index)
{
  g_return_val_if_fail (self != NULL && index < self->marks->len, NULL);
  return &g_array_index (self->marks, PathwaysChartMark, index);
}

int
pathways_chart_layout_mark_at (PathwaysChartLayout *self,
                               double               x,
                               double               y)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const PathwaysChartMark *m = &g_array_index (self->marks, PathwaysChartMark, i);
      if (x >= m->x && x < m->x + MAX (m->width, 1) && y >= m->y && y < m->y + m->height)
        return (int) i;
    }
  return -1;
}

double
pathways_chart_layout_get_font_size (PathwaysChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->font_size;
}

static void
set_ink (PathwaysChartLayout *self,
         cairo_t             *cr,
         PathwaysChartInk     ink,
         double               alpha)
{
  double rgba[4];

  ink_rgba (self, ink, rgba);
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

static void
draw_hatch (PathwaysChartLayout     *self,
            cairo_t                 *cr,
            const PathwaysChartItem *item)
{
  double s = MAX (3.0, self->font_size * 0.35);

  cairo_save (cr);
  cairo_rectangle (cr, item->x, item->y, item->width, item->height);
  cairo_clip (cr);
  set_ink (self, cr, item->ink, 1.0);
  cairo_set_line_width (cr, MAX (1.0, s * 0.3));
  for (double d = -item->height; d < item->width; d += s)
    {
      cairo_move_to (cr, item->x + d, item->y + item->height);
      cairo_line_to (cr, item->x + d + item->height, item->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
pathways_chart_layout_draw (PathwaysChartLayout *self,
                            cairo_t             *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_clip (cr);
  for (guint i = 0; i < self->items->len; i++)
    {
      const PathwaysChartItem *item = &g_array_index (self->items, PathwaysChartItem, i);
      /* muted marks stay readable, their shapes fade */
      double alpha = !(item->flags & PATHWAYS_CHART_ITEM_MUTED) ? 1.0
                     : item->kind == PATHWAYS_CHART_ITEM_TEXT ? 0.6 : 0.3;

      if (alpha < 1.0)
        cairo_push_group (cr);
      switch (item->kind)
        {
        case PATHWAYS_CHART_ITEM_RECT:
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          set_ink (self, cr, item->ink, item->flags & PATHWAYS_CHART_ITEM_HATCH ? 0.35 : 1.0);
          cairo_fill (cr);
          if (item->flags & PATHWAYS_CHART_ITEM_HATCH)
            draw_hatch (self, cr, item);
          if (item->flags & PATHWAYS_CHART_ITEM_CHOSEN)
            {
              double lw = item->line_width * 2;
              cairo_rectangle (cr, item->x - lw / 2, item->y - lw / 2, item->width + lw, item->height + lw);
              set_ink (self, cr, PATHWAYS_CHART_INK_TEXT, 1.0);
              cairo_set_line_width (cr, lw);
              cairo_stroke (cr);
            }
          break;
        case PATHWAYS_CHART_ITEM_LINE:
          /* One stroke per segment: cairo fills many small strokes faster than one
           * path across the chart (measured on the trend's 241 segments). */
          cairo_move_to (cr, item->x, item->y);
          cairo_line_to (cr, item->x + item->width, item->y + item->height);
          set_ink (self, cr, item->ink, 1.0);
          cairo_set_line_width (cr, item->line_width * (item->ink == PATHWAYS_CHART_INK_SERIES ? 2 : 1));
          if (item->flags & PATHWAYS_CHART_ITEM_DASHED)
            {
              double dash[] = { item->line_width * 4, item->line_width * 3 };
              cairo_set_dash (cr, dash, 2, 0);
            }
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          break;
        case PATHWAYS_CHART_ITEM_DOT:
          cairo_new_sub_path (cr);
          cairo_arc (cr, item->x, item->y, item->width, 0, 2 * G_PI);
          if (item->flags & PATHWAYS_CHART_ITEM_HOLLOW)
            {
              set_ink (self, cr, PATHWAYS_CHART_INK_BACKGROUND, 1.0);
              cairo_fill_preserve (cr);
              set_ink (self, cr, item->ink, 1.0);
              cairo_set_line_width (cr, item->line_width * 1.5);
              cairo_stroke (cr);
            }
          else
            {
              set_ink (self, cr, item->ink, 1.0);
              cairo_fill (cr);
            }
          if (item->flags & PATHWAYS_CHART_ITEM_CHOSEN)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, item->x, item->y, item->width + item->line_width * 2, 0, 2 * G_PI);
              set_ink (self, cr, PATHWAYS_CHART_INK_TEXT, 1.0);
              cairo_set_line_width (cr, item->line_width * 1.5);
              cairo_stroke (cr);
            }
          break;
        case PATHWAYS_CHART_ITEM_TEXT:
          set_ink (self, cr, item->ink, 1.0);
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, item->layout);
          cairo_new_path (cr);
          break;
        default:
          break;
        }
      if (alpha < 1.0)
        {
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, alpha);
        }
    }
  cairo_restore (cr);
}
