/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout.h: where everything of a chart goes, computed apart from drawing.
 *
 * A layout is a display list (rectangles, lines, dots and Pango texts at their final
 * positions) plus the marks: one per data value, with its row id, its full label and a
 * tooltip, so that a window can outline the mark under the pointer and filter by it.
 * pathways_chart_layout_draw() only replays the list, so every figure can be tested
 * with numbers: positions, extents, overlaps, and that a suppressed value has no bar.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "pathways-chart.h"
#include "pathways-report.h"

G_BEGIN_DECLS

typedef enum {
  PATHWAYS_CHART_INK_TEXT,        /* theme foreground */
  PATHWAYS_CHART_INK_MUTED,       /* footers, drops, axis labels */
  PATHWAYS_CHART_INK_GRID,
  PATHWAYS_CHART_INK_SERIES,      /* single series, funnel */
  PATHWAYS_CHART_INK_SERIES2,
  PATHWAYS_CHART_INK_PLANNED,
  PATHWAYS_CHART_INK_OTHER,
  PATHWAYS_CHART_INK_UNPLANNED,
  PATHWAYS_CHART_INK_NOT_RECORDED,
  PATHWAYS_CHART_INK_REFERENCE,   /* targets, overall rate */
  PATHWAYS_CHART_INK_YELLOW,
  PATHWAYS_CHART_INK_ON_BAR,      /* text drawn inside a bar */
  PATHWAYS_CHART_INK_BACKGROUND,
  PATHWAYS_CHART_N_INKS
} PathwaysChartInk;

typedef enum {
  PATHWAYS_CHART_ITEM_RECT,       /* x, y, width, height */
  PATHWAYS_CHART_ITEM_LINE,       /* from (x, y) to (x + width, y + height) */
  PATHWAYS_CHART_ITEM_DOT,        /* centre (x, y), radius width */
  PATHWAYS_CHART_ITEM_TEXT,       /* top-left (x, y), extents width × height */
} PathwaysChartItemKind;

typedef enum {
  PATHWAYS_CHART_ITEM_FILL    = 1 << 0,
  PATHWAYS_CHART_ITEM_HATCH   = 1 << 1,   /* diagonal hatching over the fill */
  PATHWAYS_CHART_ITEM_DASHED  = 1 << 2,
  PATHWAYS_CHART_ITEM_HOLLOW  = 1 << 3,   /* outline only */
  PATHWAYS_CHART_ITEM_DATA    = 1 << 4,   /* a bar or dot whose size carries a value */
  PATHWAYS_CHART_ITEM_MUTED   = 1 << 5,   /* a mark not among the style's highlight */
  PATHWAYS_CHART_ITEM_CHOSEN  = 1 << 6,   /* a mark of the highlight: outlined */
} PathwaysChartItemFlags;

typedef struct {
  PathwaysChartItemKind  kind;
  PathwaysChartInk       ink;
  guint                  flags;
  double                 x, y, width, height;
  double                 line_width;
  PangoLayout           *layout;      /* TEXT only */
  char                  *text;        /* TEXT only: the text as shown (maybe ellipsized) */
  int                    mark;        /* index of the mark it belongs to, or -1 */
} PathwaysChartItem;

typedef struct {
  double      x, y, width, height;    /* the area that reacts to the pointer */
  char       *table_key;              /* the table's key (service type ...), or NULL */
  char       *row_id;                 /* the report row: the value to filter by */
  char       *label;                  /* the full category label, never ellipsized */
  char       *tooltip;                /* "Assessed: 3,893 cases, 67 % of referred" */
  double      value;                  /* the value drawn (NAN when not shown) */
  gboolean    suppressed;             /* shown as "<5" or "*", drawn with no bar */
  gboolean    chosen;                 /* among the style's highlight */
} PathwaysChartMark;

typedef struct _PathwaysChartLayout PathwaysChartLayout;

/* Lays out chart TABLE of REPORT over (0, 0, WIDTH, HEIGHT). CONTEXT is the Pango
 * context of the target (pango_cairo_create_context()); NULL makes one for a 1:1 image
 * surface. The tables of a multi-panel chart are passed with _new_panels(). */
PathwaysChartLayout *pathways_chart_layout_new        (PathwaysReport             *report,
                                                       const PathwaysReportTable  *table,
                                                       double                      width,
                                                       double                      height,
                                                       const PathwaysChartStyle   *style,
                                                       PangoContext               *context);
/* One panel per table side by side (or in a grid) on one shared scale: service
 * closure reasons per service type, waiting-time bands per service type, funnel
 * small multiples. TITLE heads the whole figure. */
PathwaysChartLayout *pathways_chart_layout_new_panels (PathwaysReport             *report,
                                                       const PathwaysReportTable **tables,
                                                       guint                       n_tables,
                                                       const char                 *title,
                                                       double                      width,
                                                       double                      height,
                                                       const PathwaysChartStyle   *style,
                                                       PangoContext               *context);
void                 pathways_chart_layout_free       (PathwaysChartLayout        *self);

guint                     pathways_chart_layout_get_n_items (PathwaysChartLayout *self);
const PathwaysChartItem  *pathways_chart_layout_get_item    (PathwaysChartLayout *self,
                                                             guint                index);
guint                     pathways_chart_layout_get_n_marks (PathwaysChartLayout *self);
const PathwaysChartMark  *pathways_chart_layout_get_mark    (PathwaysChartLayout *self,
                                                             guint                index);
/* The mark under (X, Y), or -1. */
int                       pathways_chart_layout_mark_at     (PathwaysChartLayout *self,
                                                             double               x,
                                                             double               y);
/* The body text size chosen (from the style, or from the smaller side). */
double                    pathways_chart_layout_get_font_size (PathwaysChartLayout *self);

/* Replays the layout into CR. */
void                      pathways_chart_layout_draw        (PathwaysChartLayout *self,
                                                             cairo_t             *cr);

/* The colour of INK in THEME, as RGBA 0..1. */
void                      pathways_chart_ink_rgba           (PathwaysChartTheme   theme,
                                                             PathwaysChartInk     ink,
                                                             double               rgba[4]);

/* Axis ticks from 0 (or LO) to at least HI with a 1-2-5 step and at most MAX_TICKS
 * intervals. Fills TICKS (at most 32) and returns how many; *STEP gets the step. */
guint                     pathways_chart_nice_ticks         (double               lo,
                                                             double               hi,
                                                             guint                max_ticks,
                                                             double              *ticks,
                                                             double              *step);

/* The title stating TABLE's finding (design/charts.md), from the figures as shown:
 * funnel "The largest drop is before “Assessed”", closure reasons "A third of closed
 * cases ended as planned", waiting bands "Half of Therapy services started within 69
 * days". NULL when the chart has no such rule or a figure it needs is hidden: the
 * chart then keeps its subject title. */
char                     *pathways_chart_finding_title      (PathwaysReport            *report,
                                                             const PathwaysReportTable *table);

/* "1,930" (thousands separators), "12.5" when the value is not whole and DECIMALS > 0. */
char                     *pathways_chart_format_number      (double               value,
                                                             int                  decimals);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysChartLayout, pathways_chart_layout_free)

G_END_DECLS
