/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout.c: every chart kind of design/charts.md as a display list.
 *
 * Sizes come from the body text size, which comes from the style or from the smaller
 * side of the canvas. Nothing is ever placed outside (0, 0, width, height): texts are
 * measured with Pango before they are placed, wrapped or ellipsized to the room they
 * have, and rows that cannot fit are counted in an "and N more" line. A suppressed
 * value gets a text at the axis and no bar, dot or segment.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pathways-chart-layout.h"
#include "pathways-disclosure.h"
#include "pathways-field.h"
#include "pathways-mapping.h"

#define DEFAULT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, sans"
#define SMALL_BASE 30

struct _PathwaysChartLayout {
  GArray               *items;   /* PathwaysChartItem */
  GArray               *marks;   /* PathwaysChartMark */
  PathwaysChartTheme    theme;
  double                fg[4];
  gboolean              fg_set;
  double                width, height;
  double                font_size;
  double                margin;
  PangoContext         *context;
  PangoFontDescription *font;
  PathwaysReport       *report;
  gboolean              show_title, show_footer;
  /* Text cache of one layout pass: every (text, size, weight) is shaped once, and the
   * PangoLayout that measured it is the one drawn (shared between items by ref). */
  GPtrArray            *fonts;      /* FontEntry*: descriptions by size and weight */
  GHashTable           *texts;      /* "size:weight:text" -> TextEntry* (natural size) */
  GHashTable           *fitted;     /* "size:weight:width:text" -> TextEntry* (ellipsized) */
};

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

typedef struct {
  double x, y, w, h;
} Rect;

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
static char *
format_percent (double pct)
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

static PathwaysChartItem
item_init (PathwaysChartLayout   *self,
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

static PathwaysChartItem *
add_item (PathwaysChartLayout   *self,
          PathwaysChartItemKind  kind,
          PathwaysChartInk       ink,
          guint                  flags,
          double x, double y, double w, double h,
          int                    mark)
{
  PathwaysChartItem item = item_init (self, kind, ink, flags, x, y, w, h, mark);

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

static void
measure (PathwaysChartLayout *self,
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

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

/* Places TEXT with its left, centre or right at X and its top at Y, at most MAX_WIDTH
 * wide (ellipsized or wrapped to MAX_LINES). Returns the item. */
static PathwaysChartItem *
add_text (PathwaysChartLayout *self,
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
  item = add_item (self, PATHWAYS_CHART_ITEM_TEXT, ink, 0, x, y, w, h, mark);
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

static PathwaysChartItem *
add_rect (PathwaysChartLayout *self,
          double x, double y, double w, double h,
          PathwaysChartInk     ink,
          guint                flags,
          int                  mark)
{
  return add_item (self, PATHWAYS_CHART_ITEM_RECT, ink, flags | PATHWAYS_CHART_ITEM_FILL,
                   x, y, w, h, mark);
}

static PathwaysChartItem *
add_line (PathwaysChartLayout *self,
          double x0, double y0, double x1, double y1,
          PathwaysChartInk     ink,
          guint                flags)
{
  return add_item (self, PATHWAYS_CHART_ITEM_LINE, ink, flags, x0, y0, x1 - x0, y1 - y0, -1);
}

static int
add_mark (PathwaysChartLayout       *self,
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

static double
line_height (PathwaysChartLayout *self,
             double               factor)
{
  return text_natural (self, "Ag", factor, FALSE)->h;
}

/* ---------------------------------------------------------------- cells */

static const PathwaysCell *
cell_at (const PathwaysReportTable *table,
         const PathwaysReportRow   *row,
         const char                *column_id)
{
  int c = pathways_report_table_find_column ((PathwaysReportTable *) table, column_id);

  return c < 0 ? NULL : &row->cells[c];
}

static gboolean
cell_shown (const PathwaysCell *cell)
{
  return cell != NULL && cell->defined && cell->suppression == PATHWAYS_SUPPRESSION_NONE
         && isfinite (cell->value);
}

static gboolean
cell_hidden (const PathwaysCell *cell)
{
  return cell != NULL && cell->suppression != PATHWAYS_SUPPRESSION_NONE;
}

static char *
cell_text (PathwaysChartLayout *self,
           const PathwaysCell  *cell)
{
  if (cell == NULL)
    return g_strdup ("–");
  /* A hidden count without a report in force reads as the default rule's "<5". */
  return pathways_cell_format (cell, self->report != NULL && self->report->threshold > 0
                                     ? self->report->threshold : 5);
}

/* The row's display label: its first LABEL cell, or its id. */
static const char *
row_label (const PathwaysReportTable *table,
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

/* A share as a reader says it: "Half", "A third" ... when within 1.5 points of a plain
 * fraction, else the percent ("42 %"). */
static char *
share_words (double share)
{
  static const struct { double value; const char *words; } plain[] = {
    { 1.0 / 4, N_("A quarter") }, { 1.0 / 3, N_("A third") }, { 1.0 / 2, N_("Half") },
    { 2.0 / 3, N_("Two thirds") }, { 3.0 / 4, N_("Three quarters") },
  };

  if (share >= 1.0)
    return g_strdup (_("All"));
  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    if (fabs (share - plain[i].value) <= 0.015)
      return g_strdup (_(plain[i].words));
  return format_percent (share * 100.0);
}

static const PathwaysCell *cell_at (const PathwaysReportTable *table,
                                    const PathwaysReportRow   *row,
                                    const char                *column_id);
static gboolean cell_shown (const PathwaysCell *cell);
static const char *row_label (const PathwaysReportTable *table,
                              const PathwaysReportRow   *row);
static const PathwaysReportRow *waiting_row (PathwaysReport             *report,
                                             const PathwaysReportTable  *bands,
                                             const PathwaysReportTable **wt_out);

/* Planned closures and base of a closure-reasons table, FALSE when one is hidden. */
static gboolean
planned_share (const PathwaysReportTable *table,
               double                    *planned,
               double                    *base)
{
  *planned = 0;
  if (!cell_shown (&table->base) || table->base.value <= 0)
    return FALSE;
  *base = table->base.value;
  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *cls = cell_at (table, row, "class");
      const PathwaysCell *count = cell_at (table, row, "count");
      if (cls == NULL || g_strcmp0 (cls->text, "planned") != 0)
        continue;
      if (!cell_shown (count))
        return FALSE;
      *planned += count->value;
    }
  return TRUE;
}

static char *
planned_title (double      planned,
               double      base,
               const char *unit)
{
  g_autofree char *words = share_words (planned / base);

  /* Translators: a chart title: "A third of closed cases ended as planned" */
  return g_strdup_printf (_("%s of %s ended as planned"), words, unit);
}

/* "Half of cases were contacted within 12 days" for the median of a wait. */
static char *
median_title (const char *measure_id,
              const char *service_type,
              double      median)
{
  g_autofree char *d = pathways_chart_format_number (median, 1);
  g_autofree char *when = median < 0.05 ? g_strdup (_("the same day"))
                          : g_str_equal (d, "1") ? g_strdup (_("within 1 day"))
                          /* Translators: "within 69 days" */
                          : g_strdup_printf (_("within %s days"), d);

  if (service_type != NULL)
    {
      if (g_str_equal (service_type, PATHWAYS_NOT_RECORDED))
        return NULL;
      /* Translators: "Half of Therapy services started within 69 days" */
      return g_strdup_printf (_("Half of %s services started %s"), service_type, when);
    }
  if (g_strcmp0 (measure_id, "referral_to_contact") == 0)
    return g_strdup_printf (_("Half of cases were contacted %s"), when);
  if (g_strcmp0 (measure_id, "referral_to_assessment") == 0)
    return g_strdup_printf (_("Half of cases were assessed %s"), when);
  if (g_strcmp0 (measure_id, "referral_to_service_start") == 0)
    return g_strdup_printf (_("Half of cases started a service %s"), when);
  if (g_strcmp0 (measure_id, "service_wait") == 0)
    return g_strdup_printf (_("Half of services started %s"), when);
  if (g_strcmp0 (measure_id, "time_in_service") == 0)
    return g_strdup_printf (_("Half of cases closed %s of referral"), when);
  return NULL;
}

char *
pathways_chart_finding_title (PathwaysReport            *report,
                              const PathwaysReportTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  switch (table->chart.kind)
    {
    case PATHWAYS_CHART_FUNNEL:
      {
        /* The step with the largest drop; none when a count is hidden or two tie. */
        const PathwaysReportRow *best = NULL;
        double best_drop = 0;
        gboolean tie = FALSE;
        for (guint i = 1; i < table->rows->len; i++)
          {
            const PathwaysReportRow *prev = g_ptr_array_index (table->rows, i - 1);
            const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
            const PathwaysCell *a = cell_at (table, prev, "count");
            const PathwaysCell *b = cell_at (table, row, "count");
            double drop;
            if (!cell_shown (a) || !cell_shown (b))
              return NULL;
            drop = a->value - b->value;
            if (drop > best_drop)
              {
                best_drop = drop;
                best = row;
                tie = FALSE;
              }
            else if (best != NULL && drop == best_drop)
              tie = TRUE;
          }
        if (best == NULL || tie)
          return NULL;
        /* Translators: a funnel's title: "The largest drop is before “Assessed”" */
        return g_strdup_printf (_("The largest drop is before “%s”"), row_label (table, best));
      }
    case PATHWAYS_CHART_CLOSURE_REASONS:
      {
        double planned, base;
        if (!planned_share (table, &planned, &base))
          return NULL;
        return planned_title (planned, base, table->base_label != NULL ? table->base_label : _("closed cases"));
      }
    case PATHWAYS_CHART_DISTRIBUTION:
      {
        const PathwaysReportTable *wt = NULL;
        const PathwaysReportRow *w = waiting_row (report, table, &wt);
        const PathwaysCell *median = w != NULL ? cell_at (wt, w, "median") : NULL;
        const char *slash = table->key != NULL ? strchr (table->key, '/') : NULL;
        if (!cell_shown (median))
          return NULL;
        return median_title (w->id, slash != NULL ? slash + 1 : NULL, median->value);
      }
    case PATHWAYS_CHART_NONE:
    case PATHWAYS_CHART_RATES:
    case PATHWAYS_CHART_TREND:
    case PATHWAYS_CHART_COMPOSITION:
    case PATHWAYS_CHART_BARS:
    case PATHWAYS_CHART_COMPLETENESS:
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
    {
      /* Over every panel: all planned counts and bases must be shown. */
      double planned = 0, base = 0;
      for (guint i = 0; i < n; i++)
        {
          double p, b;
          if (!planned_share (tables[i], &p, &b))
            return NULL;
          planned += p;
          base += b;
        }
      return planned_title (planned, base, tables[0]->base_label != NULL ? tables[0]->base_label
                                                                          : _("closed services"));
    }
  if (tables[0]->chart.kind == PATHWAYS_CHART_DISTRIBUTION)
    {
      /* Every type's median shown: the longest says how long half waited at most. */
      double longest = -1;
      for (guint i = 0; i < n; i++)
        {
          const PathwaysReportTable *wt = NULL;
          const PathwaysReportRow *w = waiting_row (report, tables[i], &wt);
          const PathwaysCell *median = w != NULL ? cell_at (wt, w, "median") : NULL;
          if (!cell_shown (median))
            return NULL;
          longest = MAX (longest, median->value);
        }
      {
        g_autofree char *d = pathways_chart_format_number (longest, 1);
        /* Translators: a figure's title over one panel per service type */
        return g_strdup_printf (_("In every service type, half of services started within %s days"), d);
      }
    }
  return NULL;
}

/* ---------------------------------------------------------------- frame */

static char *
footer_text (PathwaysChartLayout       *self,
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
      g_autofree char *rule = pathways_disclosure_describe (self->report->threshold,
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
      PathwaysChartItem *t = add_text (self, title, r.x, r.y, ALIGN_LEFT, 1.25, TRUE,
                                       PATHWAYS_CHART_INK_TEXT, r.w, 2, -1);
      if (t->height > r.h * 0.4)
        {
          drop_last_item (self);
          t = add_text (self, title, r.x, r.y, ALIGN_LEFT, 1.25, TRUE, PATHWAYS_CHART_INK_TEXT, r.w, 1, -1);
        }
      r.y += t->height + self->font_size * 0.8;
      r.h -= t->height + self->font_size * 0.8;
    }
  if (self->show_footer && footer != NULL && *footer && r.h > 0)
    {
      PathwaysChartItem *f = add_text (self, footer, r.x, 0, ALIGN_LEFT, 0.85, FALSE,
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

/* The frame of one table's chart, titled with its finding when there is one. */
static Rect
frame_table (PathwaysChartLayout       *self,
             const PathwaysReportTable *table,
             const char                *footer)
{
  g_autofree char *finding = self->show_title ? pathways_chart_finding_title (self->report, table) : NULL;

  return frame (self, finding != NULL ? finding : table->chart.title, footer);
}

static void
empty_message (PathwaysChartLayout *self,
               Rect                 r,
               const char          *text)
{
  double h = line_height (self, 1.0);

  if (r.h >= h)
    add_text (self, text, r.x + r.w / 2, r.y + (r.h - h) / 2, ALIGN_CENTER, 1.0, FALSE,
              PATHWAYS_CHART_INK_MUTED, r.w, 1, -1);
}

/* ---------------------------------------------------------------- horizontal bars */

typedef struct {
  const char       *row_id;
  const char       *label;
  double            value;        /* scale units */
  gboolean          suppressed;   /* no bar */
  char             *value_text;   /* "5,825 · 100 %", "<5" */
  char             *between;      /* funnel drop under the row, or NULL */
  char             *tooltip;      /* taken by the mark */
  PathwaysChartInk  ink;
  gboolean          hatch;
  gboolean          inside_ok;    /* value label may go inside the bar */
} HBar;

static void
hbars_clear (GArray *bars)
{
  for (guint i = 0; i < bars->len; i++)
    {
      HBar *b = &g_array_index (bars, HBar, i);
      g_free (b->value_text);
      g_free (b->between);
      g_free (b->tooltip);
    }
}

typedef struct {
  double factor;      /* text size */
  double row_h;
  guint  n_shown;     /* rows that fit; the rest are counted */
  double label_w;     /* room for category labels (0: none) */
  double value_w;     /* room for value labels after the bars */
  gboolean between;   /* room for the lines between rows */
} HBarMetrics;

/* How rows of BARS fit into a panel of height H and width W. */
static HBarMetrics
hbars_metrics (PathwaysChartLayout *self,
               GArray              *bars,
               double               w,
               double               h,
               gboolean             labels)
{
  HBarMetrics m = { 1.0, 0, 0, 0, 0, FALSE };
  guint n = bars->len;
  gboolean any_between = FALSE;
  double text_h;

  for (guint i = 0; i < n; i++)
    any_between |= g_array_index (bars, HBar, i).between != NULL;
  if (n == 0)
    return m;
  text_h = line_height (self, 1.0);
  m.row_h = h / n;
  if (any_between && m.row_h >= text_h * 2.3)
    m.between = TRUE;
  else if (m.row_h < text_h * 1.15)
    m.factor = MAX (0.72, m.row_h / (text_h * 1.15));
  text_h = line_height (self, m.factor);
  m.n_shown = n;
  if (m.row_h < text_h * 1.1)
    {
      /* Keep one line for "and N more". */
      guint fit = (guint) floor (h / (text_h * 1.15));
      m.n_shown = fit > 1 ? fit - 1 : 0;
      m.row_h = m.n_shown > 0 ? (h - text_h * 1.15) / m.n_shown : 0;
    }
  for (guint i = 0; i < m.n_shown; i++)
    {
      HBar *b = &g_array_index (bars, HBar, i);
      double tw, th;
      if (labels)
        {
          measure (self, b->label, m.factor, FALSE, &tw, &th);
          m.label_w = MAX (m.label_w, tw);
        }
      measure (self, b->value_text, m.factor, FALSE, &tw, &th);
      m.value_w = MAX (m.value_w, tw);
    }
  if (labels)
    m.label_w = MIN (ceil (m.label_w) + 1, w * 0.38);
  m.value_w = MIN (ceil (m.value_w) + 1, w * 0.3);
  return m;
}

/* Draws the rows in R; LABEL_W = 0 draws no category labels (a panel to the right of
 * another). SCALE_MAX is the value of a full-length bar. */
static void
hbars_draw (PathwaysChartLayout       *self,
            const PathwaysReportTable *table,
            Rect                       r,
            GArray                    *bars,
            const HBarMetrics         *m,
            double                     scale_max)
{
  double pad = self->font_size * 0.4;
  double x0 = r.x + (m->label_w > 0 ? m->label_w + pad * 1.5 : 0);
  double bar_room = r.x + r.w - x0 - m->value_w - pad;
  double text_h = line_height (self, m->factor);
  double small_h = line_height (self, m->factor * 0.85);
  double y = r.y;

  if (bars->len == 0)
    {
      empty_message (self, r, _("No records to show"));
      return;
    }
  if (bar_room < 2 || m->n_shown == 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row not shown: see the table",
                                                            "%u rows not shown: see the table", bars->len),
                                               bars->len);
      empty_message (self, r, more);
      return;
    }
  if (scale_max <= 0)
    scale_max = 1;

  add_line (self, x0, r.y, x0, r.y + m->n_shown * m->row_h, PATHWAYS_CHART_INK_GRID, 0);
  for (guint i = 0; i < m->n_shown; i++)
    {
      HBar *b = &g_array_index (bars, HBar, i);
      double band_h = m->between ? m->row_h - small_h * 1.1 : m->row_h;
      double bar_h = MAX (1.0, MIN (band_h * 0.72, text_h * 1.5));
      double by = y + (band_h - bar_h) / 2;
      double len = b->suppressed ? 0 : bar_room * CLAMP (b->value / scale_max, 0, 1);
      double tw, th;
      int mark;

      measure (self, b->value_text, m->factor, FALSE, &tw, &th);

      mark = add_mark (self, table, b->row_id, b->label, g_steal_pointer (&b->tooltip),
                       b->value, b->suppressed, r.x, y, r.w, m->row_h);
      if (m->label_w > 0)
        {
          int lines = band_h >= text_h * 2.2 ? 2 : 1;
          PathwaysChartItem *t = add_text (self, b->label, r.x + m->label_w, y, ALIGN_RIGHT,
                                           m->factor, FALSE, PATHWAYS_CHART_INK_TEXT, m->label_w, lines, mark);
          t->y = y + (band_h - t->height) / 2;
        }
      if (!b->suppressed && len > 0)
        add_rect (self, x0, by, len, bar_h, b->ink,
                  PATHWAYS_CHART_ITEM_DATA | (b->hatch ? PATHWAYS_CHART_ITEM_HATCH : 0), mark);
      if (b->inside_ok && !b->suppressed && len >= tw + 2 * pad && bar_h >= th)
        add_text (self, b->value_text, x0 + len - pad, by + (bar_h - th) / 2, ALIGN_RIGHT,
                  m->factor, FALSE, PATHWAYS_CHART_INK_ON_BAR, -1, 1, mark);
      else
        add_text (self, b->value_text, x0 + len + pad, by + (bar_h - th) / 2, ALIGN_LEFT,
                  m->factor, FALSE, b->suppressed ? PATHWAYS_CHART_INK_MUTED : PATHWAYS_CHART_INK_TEXT,
                  r.x + r.w - (x0 + len + pad), 1, mark);
      if (m->between && b->between != NULL && i + 1 < m->n_shown)
        add_text (self, b->between, x0 + pad, y + band_h + small_h * 0.05, ALIGN_LEFT,
                  m->factor * 0.85, FALSE, PATHWAYS_CHART_INK_MUTED, r.x + r.w - x0 - pad, 1, -1);
      y += m->row_h;
    }
  if (m->n_shown < bars->len)
    {
      guint rest = bars->len - m->n_shown;
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more: see the table",
                                                            "and %u more: see the table", rest), rest);
      add_text (self, more, x0, y + text_h * 0.1, ALIGN_LEFT, m->factor, FALSE,
                PATHWAYS_CHART_INK_MUTED, r.x + r.w - x0, 1, -1);
    }
}

/* ---------------------------------------------------------------- legend */

typedef struct {
  const char       *text;
  PathwaysChartInk  ink;
  gboolean          hatch;
} LegendEntry;

/* A row (or rows) of swatches and names; returns the height used. */
static double
legend (PathwaysChartLayout *self,
        double               x,
        double               y,
        double               w,
        const LegendEntry   *entries,
        guint                n)
{
  double sw = self->font_size * 0.9;
  double gap = self->font_size * 1.2;
  double lh = line_height (self, 0.9);
  double cx = x, cy = y;

  for (guint i = 0; i < n; i++)
    {
      double tw, th;
      measure (self, entries[i].text, 0.9, FALSE, &tw, &th);
      tw = MIN (tw, w - sw * 1.4);
      if (cx > x && cx + sw * 1.4 + tw > x + w)
        {
          cx = x;
          cy += lh * 1.2;
        }
      add_rect (self, cx, cy + (lh - sw) / 2, sw, sw, entries[i].ink,
                entries[i].hatch ? PATHWAYS_CHART_ITEM_HATCH : 0, -1);
      add_text (self, entries[i].text, cx + sw * 1.4, cy, ALIGN_LEFT, 0.9, FALSE,
                PATHWAYS_CHART_INK_TEXT, MAX (1, w - sw * 1.4), 1, -1);
      cx += sw * 1.4 + tw + gap;
    }
  return n > 0 ? cy - y + lh * 1.2 + self->font_size * 0.4 : 0;
}

/* ---------------------------------------------------------------- kinds: bars */

static int
class_rank (const char *cls)
{
  if (cls == NULL)
    return 3;
  if (g_str_equal (cls, "planned"))
    return 0;
  if (g_str_equal (cls, "other"))
    return 1;
  if (g_str_equal (cls, "unplanned"))
    return 2;
  return 3;
}

static const char *
class_name (int rank)
{
  switch (rank)
    {
    case 0: return _("Planned");
    case 1: return _("Other");
    case 2: return _("Unplanned");
    default: return _("Not recorded");
    }
}

static PathwaysChartInk
class_ink (int rank)
{
  static const PathwaysChartInk inks[] = {
    PATHWAYS_CHART_INK_PLANNED, PATHWAYS_CHART_INK_OTHER,
    PATHWAYS_CHART_INK_UNPLANNED, PATHWAYS_CHART_INK_NOT_RECORDED,
  };
  return inks[CLAMP (rank, 0, 3)];
}

typedef struct {
  const PathwaysReportRow *row;
  int    rank;
  double count;
  gboolean hidden;
  guint  order;
} ReasonSort;

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const ReasonSort *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank - y->rank;
  if (x->hidden != y->hidden)
    return x->hidden ? 1 : -1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (int) x->order - (int) y->order;
}

/* "1,950 · 33 %", or the count alone when the percent says nothing more. */
static char *
count_pct_text (PathwaysChartLayout *self,
                const PathwaysCell  *count,
                const PathwaysCell  *pct)
{
  g_autofree char *c = cell_text (self, count);

  if (cell_hidden (count) || pct == NULL)
    return g_steal_pointer (&c);
  if (cell_hidden (pct))
    return g_strdup_printf ("%s · *", c);
  if (!cell_shown (pct))
    return g_steal_pointer (&c);
  {
    g_autofree char *p = format_percent (pct->value);
    return g_strdup_printf ("%s · %s", c, p);
  }
}

static char *
tooltip_for (PathwaysChartLayout       *self,
             const PathwaysReportTable *table,
             const char                *label,
             const char                *value_text)
{
  const char *unit = table->chart.unit != NULL ? table->chart.unit : "";
  g_autofree char *base = table->base.defined ? cell_text (self, &table->base) : NULL;

  if (base != NULL && table->base_label != NULL)
    /* Translators: tooltip: "Assessed: 3,893 · 67 % cases (base 5,825 closed cases)" */
    return g_strdup_printf (_("%s: %s %s (base %s %s)"), label, value_text, unit, base, table->base_label);
  return g_strdup_printf ("%s: %s %s", label, value_text, unit);
}

/* Fills BARS from a closure-reasons table in the spec's order: class, then count. */
static void
reason_bars (PathwaysChartLayout       *self,
             const PathwaysReportTable *table,
             GArray                    *bars,
             guint                     *classes_present)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (ReasonSort));

  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *cls = cell_at (table, row, "class");
      const PathwaysCell *count = cell_at (table, row, "count");
      ReasonSort s = { row, class_rank (cls != NULL ? cls->text : NULL),
                       cell_shown (count) ? count->value : 0, !cell_shown (count), i };
      g_array_append_val (sorted, s);
    }
  g_array_sort (sorted, compare_reasons);
  for (guint i = 0; i < sorted->len; i++)
    {
      ReasonSort *s = &g_array_index (sorted, ReasonSort, i);
      const PathwaysCell *count = cell_at (table, s->row, "count");
      HBar b = { 0 };

      b.row_id = s->row->id;
      b.label = row_label (table, s->row);
      b.suppressed = !cell_shown (count);
      b.value = b.suppressed ? 0 : count->value;
      b.value_text = count_pct_text (self, count, cell_at (table, s->row, "pct"));
      b.tooltip = tooltip_for (self, table, b.label, b.value_text);
      b.ink = class_ink (s->rank);
      b.hatch = s->rank == 3;
      if (classes_present != NULL)
        *classes_present |= 1u << s->rank;
      g_array_append_val (bars, b);
    }
}

static double
bars_max (GArray *bars)
{
  double mx = 0;

  for (guint i = 0; i < bars->len; i++)
    if (!g_array_index (bars, HBar, i).suppressed)
      mx = MAX (mx, g_array_index (bars, HBar, i).value);
  return mx;
}

static void
layout_closure_reasons (PathwaysChartLayout       *self,
                        const PathwaysReportTable *table)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
  g_autofree char *footer = footer_text (self, table, TRUE);
  guint classes = 0, n = 0;
  LegendEntry entries[4];
  Rect r = frame_table (self, table, footer);
  HBarMetrics m;
  double lh;

  reason_bars (self, table, bars, &classes);
  for (int k = 0; k < 4; k++)
    if (classes & (1u << k))
      entries[n++] = (LegendEntry) { class_name (k), class_ink (k), k == 3 };
  lh = legend (self, r.x, r.y, r.w, entries, n);
  r.y += lh;
  r.h -= lh;
  m = hbars_metrics (self, bars, r.w, r.h, TRUE);
  hbars_draw (self, table, r, bars, &m, bars_max (bars));
  hbars_clear (bars);
}

static void
layout_funnel_bars (PathwaysChartLayout       *self,
                    const PathwaysReportTable *table,
                    GArray                    *bars)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *count = cell_at (table, row, "count");
      const PathwaysCell *first = cell_at (table, row, "pct_of_first");
      HBar b = { 0 };

      b.row_id = row->id;
      b.label = row_label (table, row);
      b.suppressed = !cell_shown (count);
      b.value = b.suppressed ? 0 : count->value;
      b.value_text = count_pct_text (self, count, first);
      b.ink = PATHWAYS_CHART_INK_SERIES;
      b.inside_ok = TRUE;
      if (i + 1 < table->rows->len)
        {
          const PathwaysReportRow *next = g_ptr_array_index (table->rows, i + 1);
          const PathwaysCell *drop = cell_at (table, next, "drop");
          const PathwaysCell *prev = cell_at (table, next, "pct_of_previous");
          if (cell_shown (drop) && cell_shown (prev))
            {
              g_autofree char *d = pathways_chart_format_number (drop->value, 0);
              g_autofree char *p = format_percent (100.0 - prev->value);
              /* Translators: the drop between two funnel stages */
              b.between = g_strdup_printf (_("−%s (%s of previous step)"), d, p);
            }
          else if (drop != NULL)
            b.between = g_strdup_printf (_("−%s"), "*");
        }
      {
        const PathwaysCell *prev = cell_at (table, row, "pct_of_previous");
        g_autofree char *pp = cell_shown (prev) ? format_percent (prev->value) : g_strdup ("*");
        g_autofree char *base = tooltip_for (self, table, b.label, b.value_text);
        b.tooltip = i == 0 ? g_steal_pointer (&base)
                           : g_strdup_printf (_("%s; %s of previous step"), base, pp);
      }
      g_array_append_val (bars, b);
    }
}

static void
layout_funnel (PathwaysChartLayout       *self,
               const PathwaysReportTable *table)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
  g_autofree char *footer = footer_text (self, table, TRUE);
  Rect r = frame_table (self, table, footer);
  HBarMetrics m;

  layout_funnel_bars (self, table, bars);
  m = hbars_metrics (self, bars, r.w, r.h, TRUE);
  hbars_draw (self, table, r, bars, &m, bars_max (bars));
  hbars_clear (bars);
}

/* Single-series bars: the first count column (or percent for completeness). */
static void
layout_bars (PathwaysChartLayout       *self,
             const PathwaysReportTable *table)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
  g_autofree char *footer = footer_text (self, table, TRUE);
  Rect r = frame_table (self, table, footer);
  const char *count_id = NULL;
  HBarMetrics m;

  for (guint c = 0; c < table->columns->len && count_id == NULL; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);
      if (col->kind == PATHWAYS_CELL_COUNT)
        count_id = col->id;
    }
  for (guint i = 0; count_id != NULL && i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *count = cell_at (table, row, count_id);
      HBar b = { 0 };

      b.row_id = row->id;
      b.label = row_label (table, row);
      b.suppressed = !cell_shown (count);
      b.value = b.suppressed ? 0 : count->value;
      b.value_text = count_pct_text (self, count, cell_at (table, row, "pct"));
      b.tooltip = tooltip_for (self, table, b.label, b.value_text);
      b.ink = PATHWAYS_CHART_INK_SERIES;
      g_array_append_val (bars, b);
    }
  m = hbars_metrics (self, bars, r.w, r.h, TRUE);
  hbars_draw (self, table, r, bars, &m, bars_max (bars));
  hbars_clear (bars);
}

typedef struct {
  const PathwaysReportRow *row;
  double pct;
  guint order;
} PctSort;

static int
compare_pct (gconstpointer a,
             gconstpointer b)
{
  const PctSort *x = a, *y = b;

  if (x->pct != y->pct)
    return x->pct > y->pct ? -1 : 1;
  return (int) x->order - (int) y->order;
}

static const char *
field_label (const char *name)
{
  PathwaysField field;

  if (pathways_field_from_name (PATHWAYS_TABLE_CASES, name, &field)
      || pathways_field_from_name (PATHWAYS_TABLE_SERVICES, name, &field))
    return pathways_field_get_label (field);
  return name;
}

static void
layout_completeness (PathwaysChartLayout       *self,
                     const PathwaysReportTable *table)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (PctSort));
  g_autofree char *footer = NULL;
  guint complete = 0;
  HBarMetrics m;
  Rect r;

  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *pct = cell_at (table, row, "pct");
      PctSort s = { row, cell_shown (pct) ? pct->value : 0, i };
      if (cell_shown (pct) && pct->value <= 0)
        complete++;
      else
        g_array_append_val (sorted, s);
    }
  g_array_sort (sorted, compare_pct);
  {
    g_autofree char *base = footer_text (self, table, TRUE);
    if (complete > 0)
      {
        g_autofree char *done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field has no missing values",
                                                              "%u fields have no missing values", complete),
                                                 complete);
        footer = *base ? g_strdup_printf ("%s · %s", done, base) : g_steal_pointer (&done);
      }
    else
      footer = g_steal_pointer (&base);
  }
  r = frame_table (self, table, footer);
  for (guint i = 0; i < sorted->len; i++)
    {
      PctSort *s = &g_array_index (sorted, PctSort, i);
      const PathwaysCell *pct = cell_at (table, s->row, "pct");
      const PathwaysCell *missing = cell_at (table, s->row, "missing");
      HBar b = { 0 };
      g_autofree char *p = cell_shown (pct) ? format_percent (pct->value) : cell_text (self, pct);
      g_autofree char *c = cell_text (self, missing);

      b.row_id = s->row->id;
      b.label = field_label (row_label (table, s->row));
      b.suppressed = !cell_shown (pct);
      b.value = b.suppressed ? 0 : pct->value;
      b.value_text = g_strdup_printf ("%s (%s)", p, c);
      /* Translators: tooltip of a completeness bar: "Assessment date: 36 % (2,295) missing" */
      b.tooltip = g_strdup_printf (_("%s: %s missing"), b.label, b.value_text);
      b.ink = PATHWAYS_CHART_INK_SERIES;
      g_array_append_val (bars, b);
    }
  m = hbars_metrics (self, bars, r.w, r.h, TRUE);
  if (bars->len == 0)
    empty_message (self, r, _("No values are missing"));
  else
    hbars_draw (self, table, r, bars, &m, 100);
  hbars_clear (bars);
}

/* ---------------------------------------------------------------- multi-panel bars */

typedef struct {
  guint cols, rows;
} Grid;

static Grid
choose_grid (PathwaysChartLayout *self,
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

static char *
panel_title (const PathwaysReportTable *table)
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

static void
layout_hbar_panels (PathwaysChartLayout        *self,
                    const PathwaysReportTable **tables,
                    guint                       n,
                    Rect                        r,
                    gboolean                    reasons)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *first;
  double mx = 0, label_w = 0, title_h;
  Grid grid;
  guint classes = 0;

  for (guint i = 0; i < n; i++)
    {
      GArray *bars = g_array_new (FALSE, TRUE, sizeof (HBar));
      if (reasons)
        reason_bars (self, tables[i], bars, &classes);
      else
        layout_funnel_bars (self, tables[i], bars);
      mx = MAX (mx, bars_max (bars));
      g_ptr_array_add (all, bars);
    }
  if (reasons)
    {
      LegendEntry entries[4];
      guint ne = 0;
      double lh;
      for (int k = 0; k < 4; k++)
        if (classes & (1u << k))
          entries[ne++] = (LegendEntry) { class_name (k), class_ink (k), k == 3 };
      lh = legend (self, r.x, r.y, r.w, entries, ne);
      r.y += lh;
      r.h -= lh;
    }
  title_h = line_height (self, 0.95) * 1.3;
  {
    guint most = 0;
    for (guint i = 0; i < n; i++)
      most = MAX (most, ((GArray *) g_ptr_array_index (all, i))->len);
    grid = choose_grid (self, n, r.w, r.h, self->font_size * 16,
                        title_h + (most + 1) * line_height (self, 0.9) * 1.1);
    first = NULL;
    for (guint i = 0; i < n; i++)
      if (((GArray *) g_ptr_array_index (all, i))->len == most)
        first = g_ptr_array_index (all, i);
  }
  {
    /* One text size and row height for every panel: the fullest panel decides. */
    double gap = self->font_size;
    double pw = (r.w - gap * (grid.cols - 1)) / grid.cols;
    double ph = r.h / grid.rows - gap * 0.5 - title_h;
    HBarMetrics shared = hbars_metrics (self, first, pw, ph, TRUE);

    /* Same room for value labels in every panel, so that bars share one scale. */
    for (guint i = 0; i < n; i++)
      {
        GArray *bars = g_ptr_array_index (all, i);
        for (guint j = 0; j < MIN (bars->len, shared.n_shown); j++)
          {
            double tw, th;
            measure (self, g_array_index (bars, HBar, j).value_text, shared.factor, FALSE, &tw, &th);
            shared.value_w = MAX (shared.value_w, MIN (ceil (tw) + 1, pw * 0.3));
          }
      }
    for (guint i = 0; i < n; i++)
      {
        guint col = i % grid.cols, row = i / grid.cols;
        Rect p = { r.x + col * (pw + gap), r.y + row * (r.h / grid.rows), pw, ph };
        GArray *bars = g_ptr_array_index (all, i);
        g_autofree char *title = panel_title (tables[i]);
        HBarMetrics m = hbars_metrics (self, bars, p.w, p.h, TRUE);

        m.factor = shared.factor;
        m.row_h = shared.row_h;
        m.between = FALSE;
        m.n_shown = MIN (bars->len, shared.n_shown);
        if (m.n_shown < bars->len && m.n_shown > 0 && shared.n_shown == first->len)
          m.n_shown--;
        m.label_w = shared.label_w;
        m.value_w = shared.value_w;
        add_text (self, title, p.x, p.y, ALIGN_LEFT, 0.95, TRUE, PATHWAYS_CHART_INK_TEXT, p.w, 1, -1);
        p.y += title_h;
        hbars_draw (self, tables[i], p, bars, &m, mx);
        hbars_clear (bars);
      }
  }
  (void) label_w;
  (void) first;
}

/* ---------------------------------------------------------------- rates */

static void
layout_rates (PathwaysChartLayout       *self,
              const PathwaysReportTable *table)
{
  g_autofree char *footer = footer_text (self, table, TRUE);
  Rect r = frame_table (self, table, footer);
  double ticks[32], step, hi = 0, overall = NAN;
  double text_h, row_h, label_w = 0, n_w = 0, pad = self->font_size * 0.5;
  double x0, x1, factor = 1.0;
  guint n = table->rows->len, nt, n_shown;
  int c_closed = pathways_report_table_find_column ((PathwaysReportTable *) table, "closed");
  int c_planned = pathways_report_table_find_column ((PathwaysReportTable *) table, "planned");
  g_autofree char *ref_label = NULL;

  if (n == 0)
    {
      empty_message (self, r, _("No records to show"));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *high = cell_at (table, row, "ci_high");
      const PathwaysCell *rate = cell_at (table, row, "rate");
      if (cell_shown (high))
        hi = MAX (hi, high->value);
      if (cell_shown (rate))
        hi = MAX (hi, rate->value);
    }
  if (table->totals != NULL && c_closed >= 0 && c_planned >= 0
      && cell_shown (&table->totals[c_closed]) && cell_shown (&table->totals[c_planned])
      && table->totals[c_closed].value > 0)
    overall = 100.0 * table->totals[c_planned].value / table->totals[c_closed].value;
  if (isfinite (overall))
    {
      g_autofree char *p = format_percent (overall);
      hi = MAX (hi, overall);
      /* Translators: the reference line of a rates chart */
      ref_label = g_strdup_printf (_("overall %s"), p);
    }
  hi = MIN (100, MAX (hi, 10));

  text_h = line_height (self, 1.0);
  /* Room: one line on top for the reference label, one at the bottom for ticks. */
  row_h = (r.h - text_h * 2.6) / n;
  if (row_h < text_h * 1.2)
    factor = MAX (0.72, row_h / (text_h * 1.2));
  text_h = line_height (self, factor);
  n_shown = n;
  if (row_h < text_h * 1.1)
    {
      n_shown = row_h > 0 ? (guint) MAX (0, floor ((r.h - text_h * 2.6) / (text_h * 1.15))) : 0;
      row_h = n_shown > 0 ? (r.h - text_h * 2.6) / n_shown : 0;
    }
  for (guint i = 0; i < n_shown; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *closed = cell_at (table, row, "closed");
      g_autofree char *c = cell_text (self, closed);
      g_autofree char *nt_text = g_strdup_printf (_("n = %s"), c);
      double tw, th;
      measure (self, row_label (table, row), factor, FALSE, &tw, &th);
      label_w = MAX (label_w, tw);
      measure (self, nt_text, factor, FALSE, &tw, &th);
      n_w = MAX (n_w, tw);
    }
  {
    double tw, th;
    measure (self, _("small base"), factor * 0.85, FALSE, &tw, &th);
    n_w = MAX (n_w, tw);
  }
  label_w = MIN (ceil (label_w) + 1, r.w * 0.3);
  n_w = MIN (ceil (n_w) + 1, r.w * 0.22);
  x0 = r.x + label_w + pad * 2;
  x1 = r.x + r.w - n_w - pad * 2;
  if (x1 - x0 < self->font_size * 3 || n_shown == 0)
    {
      empty_message (self, r, _("Too small to draw: see the table"));
      return;
    }
  {
    double lw;
    measure (self, "100 %", 0.85, FALSE, &lw, NULL);
    nt = pathways_chart_nice_ticks (0, hi, (guint) CLAMP ((x1 - x0) / (lw * 2.2), 1, 10), ticks, &step);
  }
  hi = ticks[nt - 1];
  {
    double top = r.y + text_h * 1.3;
    double bottom = top + n_shown * row_h;
#define RX(v) (x0 + (x1 - x0) * CLAMP ((v) / hi, 0, 1))
    for (guint t = 0; t < nt; t++)
      {
        g_autofree char *lab = g_strdup_printf ("%.0f %%", ticks[t]);
        add_line (self, RX (ticks[t]), top, RX (ticks[t]), bottom, PATHWAYS_CHART_INK_GRID, 0);
        add_text (self, lab, RX (ticks[t]), bottom + text_h * 0.2, ALIGN_CENTER, 0.85, FALSE,
                  PATHWAYS_CHART_INK_MUTED, -1, 1, -1);
      }
    if (ref_label != NULL)
      {
        double tw, th, lx = RX (overall);
        add_line (self, lx, top - text_h * 0.2, lx, bottom, PATHWAYS_CHART_INK_REFERENCE,
                  PATHWAYS_CHART_ITEM_DASHED);
        measure (self, ref_label, 0.85, FALSE, &tw, &th);
        lx = CLAMP (lx - tw / 2, x0, r.x + r.w - tw);
        add_text (self, ref_label, lx, r.y, ALIGN_LEFT, 0.85, FALSE, PATHWAYS_CHART_INK_REFERENCE, -1, 1, -1);
      }
    for (guint i = 0; i < n_shown; i++)
      {
        const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
        const PathwaysCell *closed = cell_at (table, row, "closed");
        const PathwaysCell *rate = cell_at (table, row, "rate");
        const PathwaysCell *lo = cell_at (table, row, "ci_low");
        const PathwaysCell *up = cell_at (table, row, "ci_high");
        const char *label = row_label (table, row);
        double y = top + i * row_h, cy = y + row_h / 2;
        gboolean small = !cell_shown (closed) || closed->value < SMALL_BASE;
        g_autofree char *c = cell_text (self, closed);
        g_autofree char *n_text = g_strdup_printf (_("n = %s"), c);
        g_autofree char *rt = cell_shown (rate) ? format_percent (rate->value) : g_strdup ("*");
        g_autofree char *lot = cell_shown (lo) ? format_percent (lo->value) : g_strdup ("*");
        g_autofree char *upt = cell_shown (up) ? format_percent (up->value) : g_strdup ("*");
        /* Translators: tooltip: "Police: 25 % planned closures (95 % interval 23 % to 27 %), n = 2,008" */
        char *tip = g_strdup_printf (_("%s: %s planned closures (95 %% interval %s to %s), %s"),
                                     label, rt, lot, upt, n_text);
        int mark = add_mark (self, table, row->id, label, tip, cell_shown (rate) ? rate->value : NAN,
                             !cell_shown (rate), r.x, y, r.w, row_h);
        double tw, th, dot_r = MAX (2.0, MIN (row_h * 0.22, self->font_size * 0.36));

        measure (self, label, factor, FALSE, &tw, &th);
        add_text (self, label, r.x + label_w, cy - th / 2, ALIGN_RIGHT, factor, FALSE,
                  PATHWAYS_CHART_INK_TEXT, label_w, 1, mark);
        if (small && row_h >= th * 1.9)
          {
            add_text (self, n_text, x1 + pad * 2, cy - th, ALIGN_LEFT, factor, FALSE,
                      PATHWAYS_CHART_INK_TEXT, n_w, 1, mark);
            add_text (self, _("small base"), x1 + pad * 2, cy, ALIGN_LEFT, factor * 0.85, FALSE,
                      PATHWAYS_CHART_INK_MUTED, n_w, 1, mark);
          }
        else
          {
            g_autofree char *t = small ? g_strdup_printf ("%s*", n_text) : g_strdup (n_text);
            add_text (self, small ? t : n_text, x1 + pad * 2, cy - th / 2, ALIGN_LEFT, factor, FALSE,
                      PATHWAYS_CHART_INK_TEXT, n_w, 1, mark);
          }
        if (cell_shown (lo) && cell_shown (up))
          {
            double cap = dot_r * 0.9;
            PathwaysChartItem *w = add_line (self, RX (lo->value), cy, RX (up->value), cy,
                                             PATHWAYS_CHART_INK_TEXT, PATHWAYS_CHART_ITEM_DATA);
            w->mark = mark;
            add_line (self, RX (lo->value), cy - cap, RX (lo->value), cy + cap, PATHWAYS_CHART_INK_TEXT, 0)->mark = mark;
            add_line (self, RX (up->value), cy - cap, RX (up->value), cy + cap, PATHWAYS_CHART_INK_TEXT, 0)->mark = mark;
          }
        if (cell_shown (rate))
          add_item (self, PATHWAYS_CHART_ITEM_DOT, PATHWAYS_CHART_INK_SERIES,
                    PATHWAYS_CHART_ITEM_DATA | (small ? PATHWAYS_CHART_ITEM_HOLLOW : PATHWAYS_CHART_ITEM_FILL),
                    RX (rate->value), cy, dot_r, 0, mark);
        else
          add_text (self, "*", x0 + pad, cy - th / 2, ALIGN_LEFT, factor, FALSE,
                    PATHWAYS_CHART_INK_MUTED, -1, 1, mark);
      }
#undef RX
    if (n_shown < n)
      {
        g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more: see the table",
                                                              "and %u more: see the table", n - n_shown), n - n_shown);
        double tw0;
        measure (self, "0 %", 0.85, FALSE, &tw0, NULL);
        /* Beside the tick labels, left of the first one. */
        add_text (self, more, r.x, bottom + text_h * 0.2, ALIGN_LEFT, 0.85, FALSE,
                  PATHWAYS_CHART_INK_MUTED, MAX (1, x0 - r.x - tw0 / 2 - pad), 1, -1);
      }
  }
}

/* ---------------------------------------------------------------- distribution */

static const PathwaysReportRow *
waiting_row (PathwaysReport            *report,
             const PathwaysReportTable *bands,
             const PathwaysReportTable **wt_out)
{
  PathwaysReportTable *wt = report != NULL ? pathways_report_get_table (report, "waiting_times", NULL) : NULL;
  g_autofree char *measure_id = NULL;
  const char *service = NULL;
  int c_service;

  *wt_out = wt;
  if (wt == NULL || bands->key == NULL)
    return NULL;
  measure_id = g_strdup (bands->key);
  if (strchr (measure_id, '/') != NULL)
    {
      *strchr (measure_id, '/') = '\0';
      service = strchr (bands->key, '/') + 1;
    }
  c_service = pathways_report_table_find_column (wt, "service_type");
  for (guint i = 0; i < wt->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (wt->rows, i);
      const char *st = c_service >= 0 ? row->cells[c_service].text : NULL;
      if (g_strcmp0 (row->id, measure_id) != 0)
        continue;
      if (service == NULL || g_strcmp0 (st, service) == 0)
        return row;
    }
  return NULL;
}

static double
band_max_pct (const PathwaysReportTable *table)
{
  double mx = 0;

  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysCell *pct = cell_at (table, g_ptr_array_index (table->rows, i), "pct");
      if (cell_shown (pct))
        mx = MAX (mx, pct->value);
    }
  return mx;
}

/* x of DAYS on the band axis: linear inside the band that holds it. */
static double
band_x (PathwaysReport *report,
        guint           n_bands,
        double          x0,
        double          band_w,
        double          days)
{
  const PathwaysBands *bands = report != NULL ? &report->options.bands : NULL;
  double lo = 0;

  for (guint b = 0; b < n_bands; b++)
    {
      double up;
      if (bands == NULL || b >= bands->n_bands)
        break;
      up = bands->upper[b] == G_MAXINT32 ? lo * 2 + 1 : bands->upper[b];
      if (days <= up || b + 1 == n_bands)
        return x0 + band_w * (b + CLAMP ((days - lo + 0.5) / (up - lo + 1), 0, 1));
      lo = up + 1;
    }
  return x0;
}

static void
distribution_panel (PathwaysChartLayout       *self,
                    const PathwaysReportTable *table,
                    Rect                       r,
                    double                     y_max,
                    gboolean                   compact)
{
  const PathwaysReportTable *wt = NULL;
  const PathwaysReportRow *w = waiting_row (self->report, table, &wt);
  guint n = table->rows->len;
  double pad = self->font_size * 0.3;
  double text_h = line_height (self, 0.85);
  double label_factor = compact ? 0.8 : 0.9;
  double band_w, x0 = r.x, bottom, top, label_h, last_label_right = -G_MAXDOUBLE;
  guint thin = 1;
  GPtrArray *marker_texts = g_ptr_array_new_with_free_func (g_free);
  GArray *marker_x = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *marker_dashed = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree char *still = NULL;

  if (n == 0 || r.w < self->font_size * 2 || r.h < text_h * 4)
    {
      empty_message (self, r, n == 0 ? _("No records to show") : _("Too small to draw: see the table"));
      goto out;
    }
  band_w = r.w / n;
  /* Band labels: shrink to fit, then show every other one. */
  {
    double widest = 0, tw, th;
    for (guint i = 0; i < n; i++)
      {
        measure (self, row_label (table, g_ptr_array_index (table->rows, i)), label_factor, FALSE, &tw, &th);
        widest = MAX (widest, tw);
      }
    if (widest + pad > band_w)
      {
        double f = label_factor * band_w / (widest + pad);
        if (f >= 0.7)
          label_factor = f;
        else
          {
            /* Widest label at 0.7: it may span THIN bands. */
            thin = (guint) MAX (2, ceil ((widest * 0.7 / label_factor + pad) / band_w));
            label_factor = 0.7;
          }
      }
  }
  label_h = line_height (self, label_factor);
  if (w != NULL)
    {
      const PathwaysCell *sw = cell_at (wt, w, "still_waiting_n");
      if (sw != NULL && (cell_hidden (sw) || (cell_shown (sw) && sw->value > 0)))
        {
          g_autofree char *c = cell_text (self, sw);
          still = g_strdup_printf (_("%s still waiting"), c);
        }
    }
  /* Marker labels, one line each, above the bars. */
  if (w != NULL)
    {
      const PathwaysCell *median = cell_at (wt, w, "median");
      const PathwaysCell *p90 = cell_at (wt, w, "p90");
      const PathwaysCell *target = cell_at (wt, w, "target_days");
      const PathwaysCell *within = cell_at (wt, w, "within_target_pct");
      if (cell_shown (median))
        {
          g_autofree char *d = pathways_chart_format_number (median->value, 1);
          double x = band_x (self->report, n, x0, band_w, median->value);
          g_ptr_array_add (marker_texts, compact ? g_strdup_printf (_("median %s"), d)
                                                 : g_strdup_printf (_("median %s days"), d));
          g_array_append_val (marker_x, x);
          g_array_append_val (marker_dashed, (gboolean) { FALSE });
        }
      if (cell_shown (p90))
        {
          g_autofree char *d = pathways_chart_format_number (p90->value, 1);
          double x = band_x (self->report, n, x0, band_w, p90->value);
          g_ptr_array_add (marker_texts, compact ? g_strdup_printf (_("p90 %s"), d)
                                                 : g_strdup_printf (_("90th percentile %s days"), d));
          g_array_append_val (marker_x, x);
          g_array_append_val (marker_dashed, (gboolean) { FALSE });
        }
      if (target != NULL && target->defined && target->value > 0)
        {
          g_autofree char *d = pathways_chart_format_number (target->value, 0);
          g_autofree char *p = cell_shown (within) ? format_percent (within->value) : g_strdup ("*");
          double x = band_x (self->report, n, x0, band_w, target->value);
          g_ptr_array_add (marker_texts, compact ? g_strdup (_("target"))
                                                 : g_strdup_printf (_("target %s days: %s within"), d, p));
          if (compact)
            {
              /* Translators: under a small panel: "63 % within 100 days · 143 still waiting" */
              char *within_text = g_strdup_printf (_("%s within %s days"), p, d);
              if (still != NULL)
                {
                  char *both = g_strdup_printf ("%s · %s", within_text, still);
                  g_free (within_text);
                  within_text = both;
                }
              g_free (still);
              still = within_text;
            }
          g_array_append_val (marker_x, x);
          g_array_append_val (marker_dashed, (gboolean) { TRUE });
        }
    }
  bottom = r.y + r.h - label_h * 1.2 - (still != NULL ? text_h * 1.2 : 0);
  top = r.y + marker_texts->len * text_h * 1.15 + text_h * 1.3;
  if (bottom - top < text_h * 2)
    {
      /* No room for marker labels: keep the lines only. */
      top = r.y + text_h * 1.3;
      g_ptr_array_set_size (marker_texts, 0);
    }
  add_line (self, r.x, bottom, r.x + r.w, bottom, PATHWAYS_CHART_INK_GRID, 0);
  {
    /* Label rows from the leftmost line down, each label to the right of its line:
     * a line then only runs past labels that start to its right. */
    guint order[3] = { 0, 1, 2 };
    guint nm = marker_x->len;
    for (guint a = 0; a < nm; a++)
      for (guint b = a + 1; b < nm; b++)
        if (g_array_index (marker_x, double, order[b]) < g_array_index (marker_x, double, order[a]))
          {
            guint t = order[a];
            order[a] = order[b];
            order[b] = t;
          }
    for (guint k = 0; k < nm; k++)
      {
        guint i = order[k];
        double x = g_array_index (marker_x, double, i);
        gboolean dashed = g_array_index (marker_dashed, gboolean, i);
        double ty = r.y + k * text_h * 1.15;
        gboolean labelled = marker_texts->len > 0;
        add_line (self, x, labelled ? ty : top, x, bottom,
                  dashed ? PATHWAYS_CHART_INK_REFERENCE : PATHWAYS_CHART_INK_TEXT,
                  dashed ? PATHWAYS_CHART_ITEM_DASHED : 0);
        if (labelled)
          {
            const char *t = g_ptr_array_index (marker_texts, i);
            double tw, th, lx;
            measure (self, t, 0.85, FALSE, &tw, &th);
            tw = MIN (tw, r.w);
            lx = x + pad;
            if (lx + tw > r.x + r.w)
              lx = MAX (r.x, x - pad - tw);
            add_text (self, t, lx, ty, ALIGN_LEFT, 0.85, FALSE,
                      dashed ? PATHWAYS_CHART_INK_REFERENCE : PATHWAYS_CHART_INK_TEXT, r.w, 1, -1);
          }
      }
  }
  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *count = cell_at (table, row, "count");
      const PathwaysCell *pct = cell_at (table, row, "pct");
      const char *label = row_label (table, row);
      gboolean hidden = !cell_shown (pct) || !cell_shown (count);
      double bx = x0 + i * band_w, bw = band_w * 0.78;
      double h = hidden ? 0 : (bottom - top) * CLAMP (pct->value / MAX (y_max, 1e-9), 0, 1);
      g_autofree char *top_text = hidden ? cell_text (self, count) : format_percent (pct->value);
      g_autofree char *ct = cell_text (self, count);
      /* Translators: tooltip of a waiting-time band: "29–56 days: 582 (17 %)" */
      char *tip = g_strdup_printf (_("%s days: %s (%s)"), label, ct, hidden ? "*" : top_text);
      int mark = add_mark (self, table, row->id, label, tip, hidden ? NAN : pct->value, hidden,
                           bx, top, band_w, bottom - top + label_h * 1.2);
      double tw, th;

      if (h > 0)
        add_rect (self, bx + (band_w - bw) / 2, bottom - h, bw, h, PATHWAYS_CHART_INK_SERIES,
                  PATHWAYS_CHART_ITEM_DATA, mark);
      measure (self, top_text, label_factor, FALSE, &tw, &th);
      if (tw <= band_w)
        add_text (self, top_text, bx + band_w / 2, bottom - h - th * 1.05, ALIGN_CENTER, label_factor, FALSE,
                  hidden ? PATHWAYS_CHART_INK_MUTED : PATHWAYS_CHART_INK_TEXT, -1, 1, mark);
      if (i % thin == 0)
        {
          double lw, lx;
          measure (self, label, label_factor, FALSE, &lw, NULL);
          lw = MIN (lw, band_w * thin);
          lx = CLAMP (bx + band_w / 2 - lw / 2, r.x, r.x + r.w - lw);
          if (lx >= last_label_right + pad)
            {
              add_text (self, label, lx, bottom + label_h * 0.1, ALIGN_LEFT, label_factor, FALSE,
                        PATHWAYS_CHART_INK_MUTED, band_w * thin, 1, mark);
              last_label_right = lx + lw;
            }
        }
    }
  if (still != NULL)
    add_text (self, still, r.x, r.y + r.h - text_h, ALIGN_LEFT, 0.85, FALSE,
              PATHWAYS_CHART_INK_MUTED, r.w, 1, -1);
out:
  g_ptr_array_unref (marker_texts);
  g_array_unref (marker_x);
  g_array_unref (marker_dashed);
}

static void
layout_distribution (PathwaysChartLayout       *self,
                     const PathwaysReportTable *table)
{
  g_autofree char *footer = footer_text (self, table, FALSE);
  Rect r = frame_table (self, table, footer);
  double mx = band_max_pct (table);

  distribution_panel (self, table, r, mx > 0 ? mx : 1, FALSE);
}

/* ---------------------------------------------------------------- trend */

/* The period's place on a time axis ("2022-05" month, "2022-Q2", "2022-23" FY), or
 * NAN when the label is not one of those. */
static double
period_index (PathwaysReport *report,
              const char     *label)
{
  PathwaysTrendUnit unit = report != NULL ? report->options.trend_unit : PATHWAYS_TREND_MONTH;
  int y = 0, m = 0;

  if (label == NULL)
    return NAN;
  if (unit == PATHWAYS_TREND_QUARTER && sscanf (label, "%d-Q%d", &y, &m) == 2 && m >= 1 && m <= 4)
    return y * 4.0 + m - 1;
  if (unit == PATHWAYS_TREND_FINANCIAL_YEAR && sscanf (label, "%d-%d", &y, &m) == 2)
    return y;
  if (unit == PATHWAYS_TREND_MONTH && sscanf (label, "%d-%d", &y, &m) == 2 && m >= 1 && m <= 12)
    return y * 12.0 + m - 1;
  return NAN;
}

static void
layout_trend (PathwaysChartLayout       *self,
              const PathwaysReportTable *table)
{
  g_autofree char *footer = footer_text (self, table, TRUE);
  Rect r = frame_table (self, table, footer);
  guint n = table->rows->len, nt, thin = 1;
  guint hollow_below = self->report != NULL && self->report->threshold > 0 ? self->report->threshold : 5;
  double ticks[32], step, hi = 0, text_h = line_height (self, 0.85);
  double axis_w = 0, x0, x1, top, bottom, spacing, label_w = 0, n_w = 0;
  double prev_x = NAN, prev_y = NAN, t0, tn, last_label_x = -G_MAXDOUBLE;
  gboolean show_n, by_index = FALSE;
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (PathwaysChartItem));
  g_autoptr(GArray) dots = g_array_new (FALSE, FALSE, sizeof (PathwaysChartItem));
  g_autoptr(GArray) hollow = g_array_new (FALSE, FALSE, sizeof (PathwaysChartItem));

  if (n == 0)
    {
      empty_message (self, r, _("No records to show"));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const PathwaysCell *median = cell_at (table, g_ptr_array_index (table->rows, i), "median");
      if (cell_shown (median))
        hi = MAX (hi, median->value);
    }
  top = r.y + text_h * 1.7;
  bottom = r.y + r.h - text_h * 2.6;
  if (bottom - top < text_h * 2 || r.w < self->font_size * 6)
    {
      empty_message (self, r, _("Too small to draw: see the table"));
      return;
    }
  nt = pathways_chart_nice_ticks (0, MAX (hi, 1), (guint) CLAMP ((bottom - top) / (text_h * 2.5), 1, 8), ticks, &step);
  hi = ticks[nt - 1];
  for (guint t = 0; t < nt; t++)
    {
      g_autofree char *lab = pathways_chart_format_number (ticks[t], 0);
      double tw, th;
      measure (self, lab, 0.85, FALSE, &tw, &th);
      axis_w = MAX (axis_w, tw);
    }
  x0 = r.x + axis_w + self->font_size * 0.8;
  x1 = r.x + r.w - self->font_size * 0.8;
  {
    /* Places on a time axis when every label is a period, so gaps show as gaps. */
    const PathwaysReportRow *r0 = g_ptr_array_index (table->rows, 0);
    const PathwaysReportRow *rn = g_ptr_array_index (table->rows, n - 1);
    t0 = period_index (self->report, row_label (table, r0));
    tn = period_index (self->report, row_label (table, rn));
    for (guint i = 0; i < n && isfinite (t0); i++)
      if (!isfinite (period_index (self->report, row_label (table, g_ptr_array_index (table->rows, i)))))
        t0 = NAN;
    if (!isfinite (t0) || !isfinite (tn) || tn <= t0)
      {
        t0 = 0;
        tn = n - 1;
        by_index = TRUE;
      }
  }
  spacing = n > 1 ? (x1 - x0) / (tn - t0) : 0;
  if (n == 1)
    x0 = x1 = (x0 + x1) / 2;
  {
    /* The n under each point shows only when the widest fits the spacing: measure the
     * longest text first, and the others only when that one fits. */
    g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func (g_free);
    guint longest = 0;
    for (guint i = 0; i < n; i++)
      {
        const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
        double tw, th;
        g_ptr_array_add (counts, cell_text (self, cell_at (table, row, "n")));
        if (strlen (counts->pdata[i]) > strlen (counts->pdata[longest]))
          longest = i;
        measure (self, row_label (table, row), 0.85, FALSE, &tw, &th);
        label_w = MAX (label_w, tw);
      }
    measure (self, counts->pdata[longest], 0.75, FALSE, &n_w, NULL);
    if (n == 1 || spacing >= n_w + self->font_size * 0.5)
      for (guint i = 0; i < n; i++)
        {
          double tw;
          measure (self, counts->pdata[i], 0.75, FALSE, &tw, NULL);
          n_w = MAX (n_w, tw);
        }
  }
  if (n > 1)
    thin = (guint) MAX (1, ceil ((label_w + self->font_size) / spacing));
  (void) thin;
  show_n = n == 1 || spacing >= n_w + self->font_size * 0.5;
#define TY(v) (bottom - (bottom - top) * CLAMP ((v) / hi, 0, 1))
  add_text (self, _("Median days"), r.x, r.y, ALIGN_LEFT, 0.85, FALSE, PATHWAYS_CHART_INK_MUTED, r.w, 1, -1);
  for (guint t = 0; t < nt; t++)
    {
      g_autofree char *lab = pathways_chart_format_number (ticks[t], 0);
      add_line (self, x0, TY (ticks[t]), x1, TY (ticks[t]), PATHWAYS_CHART_INK_GRID, 0);
      add_text (self, lab, x0 - self->font_size * 0.5, TY (ticks[t]) - text_h / 2, ALIGN_RIGHT, 0.85, FALSE,
                PATHWAYS_CHART_INK_MUTED, -1, 1, -1);
    }
  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *cn = cell_at (table, row, "n");
      const PathwaysCell *median = cell_at (table, row, "median");
      const char *label = row_label (table, row);
      double t = by_index ? i : period_index (self->report, label);
      double x = x0 + spacing * (t - t0);
      gboolean shown = cell_shown (median);
      gboolean small = !cell_shown (cn) || cn->value < hollow_below;
      double y = shown ? TY (median->value) : bottom;
      double dot_r = MAX (1.5, MIN (self->font_size * 0.3, spacing * 0.35));
      g_autofree char *ct = cell_text (self, cn);
      g_autofree char *mt = shown ? pathways_chart_format_number (median->value, 1) : cell_text (self, median);
      /* Translators: tooltip of a trend point: "2022-04: median 23 days, n = 41" */
      char *tip = g_strdup_printf (_("%s: median %s days, n = %s"), label, mt, ct);
      int mark = add_mark (self, table, row->id, label, tip, shown ? median->value : NAN, !shown,
                           x - MAX (spacing, dot_r * 2) / 2, top, MAX (spacing, dot_r * 2), bottom - top);

      if (shown)
        {
          PathwaysChartItem dot = item_init (self, PATHWAYS_CHART_ITEM_DOT, PATHWAYS_CHART_INK_SERIES,
                                             PATHWAYS_CHART_ITEM_DATA | (small ? PATHWAYS_CHART_ITEM_HOLLOW
                                                                               : PATHWAYS_CHART_ITEM_FILL),
                                             x, y, dot_r, 0, mark);
          if (isfinite (prev_x) && x - prev_x <= spacing * 1.5)
            {
              PathwaysChartItem seg = item_init (self, PATHWAYS_CHART_ITEM_LINE, PATHWAYS_CHART_INK_SERIES, 0,
                                                 prev_x, prev_y, x - prev_x, y - prev_y, -1);
              g_array_append_val (segments, seg);
            }
          g_array_append_val (small ? hollow : dots, dot);
          prev_x = x;
          prev_y = y;
        }
      else
        prev_x = prev_y = NAN;
      if (show_n && !small)
        add_text (self, ct, x, bottom + text_h * 0.1, ALIGN_CENTER, 0.75, FALSE,
                  PATHWAYS_CHART_INK_MUTED, -1, 1, mark);
      /* Period labels thinned to fit: each starts past the end of the one before. */
      if (x - label_w / 2 >= last_label_x + self->font_size && x + label_w / 2 <= r.x + r.w
          && x - label_w / 2 >= x0 - self->font_size * 0.4)
        {
          add_text (self, label, x, bottom + text_h * (show_n ? 1.2 : 0.3), ALIGN_CENTER, 0.85, FALSE,
                    PATHWAYS_CHART_INK_TEXT, -1, 1, mark);
          last_label_x = x + label_w / 2;
        }
    }
  /* The line under the points, and points of one kind together: each run is one path. */
  g_array_append_vals (self->items, segments->data, segments->len);
  g_array_append_vals (self->items, dots->data, dots->len);
  g_array_append_vals (self->items, hollow->data, hollow->len);
#undef TY
}

/* ---------------------------------------------------------------- composition */

static void
layout_composition (PathwaysChartLayout       *self,
                    const PathwaysReportTable *table)
{
  static const PathwaysChartInk seq[] = {
    PATHWAYS_CHART_INK_SERIES, PATHWAYS_CHART_INK_OTHER, PATHWAYS_CHART_INK_PLANNED,
    PATHWAYS_CHART_INK_SERIES2, PATHWAYS_CHART_INK_UNPLANNED, PATHWAYS_CHART_INK_REFERENCE,
    PATHWAYS_CHART_INK_YELLOW,
  };
  g_autofree char *footer = footer_text (self, table, TRUE);
  Rect r = frame_table (self, table, footer);
  guint n = table->rows->len, k = 0;
  g_autofree LegendEntry *entries = g_new0 (LegendEntry, MAX (1, n));
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  double bar_h, x = r.x, y, lh;

  if (n == 0)
    {
      empty_message (self, r, _("No records to show"));
      g_ptr_array_unref (texts);
      return;
    }
  bar_h = MIN (r.h * 0.35, self->font_size * 4);
  y = r.y + self->font_size * 0.5;
  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *count = cell_at (table, row, "count");
      const PathwaysCell *pct = cell_at (table, row, "pct");
      const char *label = row_label (table, row);
      gboolean hidden = !cell_shown (pct) || !cell_shown (count);
      gboolean nr = g_strcmp0 (row->id, "not_recorded") == 0;
      PathwaysChartInk ink = nr ? PATHWAYS_CHART_INK_NOT_RECORDED : seq[(k++) % G_N_ELEMENTS (seq)];
      double w = hidden ? 0 : MIN (r.w * CLAMP (pct->value / 100.0, 0, 1), r.x + r.w - x);
      g_autofree char *vt = count_pct_text (self, count, pct);
      char *entry = g_strdup_printf ("%s: %s", label, vt);
      int mark = add_mark (self, table, row->id, label, tooltip_for (self, table, label, vt),
                           hidden ? NAN : pct->value, hidden, x, y, w, bar_h);

      g_ptr_array_add (texts, entry);
      entries[i] = (LegendEntry) { entry, ink, nr };
      if (w > 0)
        {
          g_autofree char *p = format_percent (pct->value);
          double tw, th;
          add_rect (self, x, y, w, bar_h, ink, PATHWAYS_CHART_ITEM_DATA | (nr ? PATHWAYS_CHART_ITEM_HATCH : 0), mark);
          measure (self, p, 0.9, FALSE, &tw, &th);
          if (tw + self->font_size * 0.6 <= w && th <= bar_h)
            add_text (self, p, x + w / 2, y + (bar_h - th) / 2, ALIGN_CENTER, 0.9, TRUE,
                      ink == PATHWAYS_CHART_INK_SERIES ? PATHWAYS_CHART_INK_ON_BAR : PATHWAYS_CHART_INK_BACKGROUND,
                      -1, 1, mark);
        }
      x += w;
    }
  lh = legend (self, r.x, y + bar_h + self->font_size, r.w, entries, n);
  {
    /* Below the stack, the same groups as plain count bars, when there is room. */
    Rect rest = { r.x, y + bar_h + self->font_size + lh + self->font_size,
                  r.w, 0 };
    rest.h = r.y + r.h - rest.y;
    if (rest.h >= n * line_height (self, 1.0) * 1.4)
      {
        g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (HBar));
        HBarMetrics m;
        guint kk = 0;
        for (guint i = 0; i < n; i++)
          {
            const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
            const PathwaysCell *count = cell_at (table, row, "count");
            gboolean nr = g_strcmp0 (row->id, "not_recorded") == 0;
            HBar b = { 0 };
            b.row_id = row->id;
            b.label = row_label (table, row);
            b.suppressed = !cell_shown (count);
            b.value = b.suppressed ? 0 : count->value;
            b.value_text = cell_text (self, count);
            b.tooltip = tooltip_for (self, table, b.label, b.value_text);
            b.ink = nr ? PATHWAYS_CHART_INK_NOT_RECORDED : seq[(kk++) % G_N_ELEMENTS (seq)];
            b.hatch = nr;
            g_array_append_val (bars, b);
          }
        m = hbars_metrics (self, bars, rest.w, MIN (rest.h, n * line_height (self, 1.0) * 2.2), TRUE);
        hbars_draw (self, table, rest, bars, &m, bars_max (bars));
        hbars_clear (bars);
      }
  }
  g_ptr_array_unref (texts);
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
  switch (table->chart.kind)
    {
    case PATHWAYS_CHART_FUNNEL:
      layout_funnel (self, table);
      break;
    case PATHWAYS_CHART_CLOSURE_REASONS:
      layout_closure_reasons (self, table);
      break;
    case PATHWAYS_CHART_RATES:
      layout_rates (self, table);
      break;
    case PATHWAYS_CHART_DISTRIBUTION:
      layout_distribution (self, table);
      break;
    case PATHWAYS_CHART_TREND:
      layout_trend (self, table);
      break;
    case PATHWAYS_CHART_COMPOSITION:
      layout_composition (self, table);
      break;
    case PATHWAYS_CHART_COMPLETENESS:
      layout_completeness (self, table);
      break;
    case PATHWAYS_CHART_BARS:
    case PATHWAYS_CHART_NONE:
    default:
      layout_bars (self, table);
      break;
    }
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
  Rect r;

  g_return_val_if_fail (tables != NULL || n_tables == 0, NULL);

  if (n_tables == 1)
    return pathways_chart_layout_new (report, tables[0], width, height, style, context);
  self = layout_alloc (report, width, height, style, context);
  if (self->width < 4 || self->height < 4)
    return self;
  {
    /* The footer of the whole figure: the filters and the rule, not one panel's base. */
    PathwaysReportTable shared = { 0 };
    if (n_tables > 0)
      shared.chart.filters = tables[0]->chart.filters;
    footer = footer_text (self, &shared, FALSE);
  }
  {
    g_autofree char *finding = self->show_title ? panels_finding_title (report, tables, n_tables) : NULL;
    r = frame (self, finding != NULL ? finding : title, footer);
  }
  if (n_tables == 0)
    {
      empty_message (self, r, _("No records to show"));
      return self;
    }
  if (tables[0]->chart.kind == PATHWAYS_CHART_DISTRIBUTION)
    {
      double mx = 0;
      Grid g;
      for (guint i = 0; i < n_tables; i++)
        mx = MAX (mx, band_max_pct (tables[i]));
      g = choose_grid (self, n_tables, r.w, r.h, self->font_size * 22, self->font_size * 14);
      for (guint i = 0; i < n_tables; i++)
        {
          guint col = i % g.cols, row = i / g.cols;
          double gap = self->font_size * 1.5;
          double pw = (r.w - gap * (g.cols - 1)) / g.cols, ph = r.h / g.rows;
          Rect p = { r.x + col * (pw + gap), r.y + row * ph, pw, ph - gap * 0.6 };
          g_autofree char *pt = panel_title (tables[i]);
          double th = line_height (self, 0.95) * 1.25;
          add_text (self, pt, p.x, p.y, ALIGN_LEFT, 0.95, TRUE, PATHWAYS_CHART_INK_TEXT, p.w, 1, -1);
          p.y += th;
          p.h -= th;
          distribution_panel (self, tables[i], p, mx > 0 ? mx : 1, TRUE);
        }
    }
  else
    layout_hbar_panels (self, tables, n_tables, r,
                        tables[0]->chart.kind == PATHWAYS_CHART_CLOSURE_REASONS);
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
      switch (item->kind)
        {
        case PATHWAYS_CHART_ITEM_RECT:
          cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          set_ink (self, cr, item->ink, item->flags & PATHWAYS_CHART_ITEM_HATCH ? 0.35 : 1.0);
          cairo_fill (cr);
          if (item->flags & PATHWAYS_CHART_ITEM_HATCH)
            draw_hatch (self, cr, item);
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
    }
  cairo_restore (cr);
}
