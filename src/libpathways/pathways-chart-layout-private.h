/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-private.h: what the chart layout files share.
 *
 * pathways-chart-layout.c                the core: numbers, colours, text measured
 *                                        and placed, cells, frame (title and footer),
 *                                        horizontal bars, legends, panel grids, finding
 *                                        titles, the layout object and its drawing
 * pathways-chart-layout-hbars.c          horizontal bars: rows that fit, labels, values,
 *                                        many groups folded into "All other values"
 * pathways-chart-layout-funnel.c         the funnel (and its bars for small multiples)
 * pathways-chart-layout-bars.c           closure reasons, single-series bars, and the
 *                                        multi-panel bar figures
 * pathways-chart-layout-completeness.c   missing values per field
 * pathways-chart-layout-rates.c          planned-closure rates with intervals
 * pathways-chart-layout-distribution.c   waiting-time bands, one panel or several
 * pathways-chart-layout-trend.c          median waits over time
 * pathways-chart-layout-composition.c    a stacked share bar over count bars
 * pathways-chart-layout-outcomes.c       outcome answers (diverging) and change bars
 *
 * Every chart kind adds items and marks to the layout through the helpers below; only
 * the core touches the text cache and draws.
 */
#pragma once

#include <math.h>

#include "pathways-chart-layout.h"

G_BEGIN_DECLS

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
  char                **highlight;   /* the style's chosen rows, or NULL */
  /* Text cache of one layout pass: every (text, size, weight) is shaped once, and the
   * PangoLayout that measured it is the one drawn (shared between items by ref). */
  GPtrArray            *fonts;      /* FontEntry*: descriptions by size and weight */
  GHashTable           *texts;      /* "size:weight:text" -> TextEntry* (natural size) */
  GHashTable           *fitted;     /* "size:weight:width:text" -> TextEntry* (ellipsized) */
};

typedef struct {
  double x, y, w, h;
} Rect;

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

/* ---------------------------------------------------------------- numbers */

/* Percent as the spec writes it: whole numbers, one decimal below 10 %. */
char              *_pathways_chart_format_percent (double                     pct);

/* ---------------------------------------------------------------- items */

PathwaysChartItem  _pathways_chart_item_init      (PathwaysChartLayout       *self,
                                                   PathwaysChartItemKind      kind,
                                                   PathwaysChartInk           ink,
                                                   guint                      flags,
                                                   double x, double y, double w, double h,
                                                   int                        mark);
PathwaysChartItem *_pathways_chart_add_item       (PathwaysChartLayout       *self,
                                                   PathwaysChartItemKind      kind,
                                                   PathwaysChartInk           ink,
                                                   guint                      flags,
                                                   double x, double y, double w, double h,
                                                   int                        mark);
/* The natural extents of TEXT on one line at FACTOR times the body size. */
void               _pathways_chart_measure        (PathwaysChartLayout       *self,
                                                   const char                *text,
                                                   double                     factor,
                                                   gboolean                   bold,
                                                   double                    *width,
                                                   double                    *height);
double             _pathways_chart_line_height    (PathwaysChartLayout       *self,
                                                   double                     factor);
/* Places TEXT with its left, centre or right at X and its top at Y, at most MAX_WIDTH
 * wide (ellipsized or wrapped to MAX_LINES). Returns the item. */
PathwaysChartItem *_pathways_chart_add_text       (PathwaysChartLayout       *self,
                                                   const char                *text,
                                                   double                     x,
                                                   double                     y,
                                                   Align                      align,
                                                   double                     factor,
                                                   gboolean                   bold,
                                                   PathwaysChartInk           ink,
                                                   double                     max_width,
                                                   int                        max_lines,
                                                   int                        mark);
PathwaysChartItem *_pathways_chart_add_rect       (PathwaysChartLayout       *self,
                                                   double x, double y, double w, double h,
                                                   PathwaysChartInk           ink,
                                                   guint                      flags,
                                                   int                        mark);
PathwaysChartItem *_pathways_chart_add_line       (PathwaysChartLayout       *self,
                                                   double x0, double y0, double x1, double y1,
                                                   PathwaysChartInk           ink,
                                                   guint                      flags);
/* A mark for a data value; takes TOOLTIP. Returns its index for the items. */
int                _pathways_chart_add_mark       (PathwaysChartLayout       *self,
                                                   const PathwaysReportTable *table,
                                                   const char                *row_id,
                                                   const char                *label,
                                                   char                      *tooltip,
                                                   double                     value,
                                                   gboolean                   suppressed,
                                                   double x, double y, double w, double h);

/* ---------------------------------------------------------------- cells */

/* The cell of COLUMN_ID in ROW, or NULL when the table has no such column. */
const PathwaysCell *_pathways_chart_cell_at       (const PathwaysReportTable *table,
                                                   const PathwaysReportRow   *row,
                                                   const char                *column_id);
/* The cell's text as shown ("<5" for a hidden count). */
char               *_pathways_chart_cell_text     (PathwaysChartLayout       *self,
                                                   const PathwaysCell        *cell);
/* The row's display label: its first LABEL cell, or its id. */
const char         *_pathways_chart_row_label     (const PathwaysReportTable *table,
                                                   const PathwaysReportRow   *row);

/* A value that may be drawn: defined, not suppressed, finite. */
static inline gboolean
_pathways_chart_cell_shown (const PathwaysCell *cell)
{
  return cell != NULL && cell->defined && cell->suppression == PATHWAYS_SUPPRESSION_NONE
         && isfinite (cell->value);
}

/* A value hidden by disclosure control. */
static inline gboolean
_pathways_chart_cell_hidden (const PathwaysCell *cell)
{
  return cell != NULL && cell->suppression != PATHWAYS_SUPPRESSION_NONE;
}

/* ---------------------------------------------------------------- frame */

/* Base, filters (and notes when WITH_NOTES) and the disclosure rule, for the footer. */
char *_pathways_chart_footer_text   (PathwaysChartLayout       *self,
                                     const PathwaysReportTable *table,
                                     gboolean                   with_notes);
/* The frame of one table's chart, titled with its finding when there is one; returns
 * the room left for the plot. */
Rect  _pathways_chart_frame_table   (PathwaysChartLayout       *self,
                                     const PathwaysReportTable *table,
                                     const char                *footer);
/* TEXT centred in R, when a line fits. */
void  _pathways_chart_empty_message (PathwaysChartLayout       *self,
                                     Rect                       r,
                                     const char                *text);

/* TEXT centred in R on up to three lines: a chart whose every value is hidden says so
 * in words (spec/disclosure.md, "Small sections"), never a chart of stars. */
void  _pathways_chart_hidden_message (PathwaysChartLayout       *self,
                                      Rect                       r,
                                      const char                *text);

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
  char             *owned_label;  /* the label when the bar made it ("All other values") */
} HBar;

typedef struct {
  double factor;      /* text size */
  double row_h;
  guint  n_shown;     /* rows that fit; the rest are counted */
  double label_w;     /* room for category labels (0: none) */
  double value_w;     /* room for value labels after the bars */
  gboolean between;   /* room for the lines between rows */
} HBarMetrics;

/* Over the groups that fit a chart of height H (at most 12): the largest by count
 * ("Not recorded" last, and counted among them), then one "All other values (N
 * groups)" bar for the rest, whose count is shown only when the table's figures give
 * it (an additive COUNT_COLUMN: its shown total less the groups kept, or the sum of
 * the rest when every one is shown). KEEP_ORDER keeps the bars' order (closure
 * classes), else the groups kept are sorted by count. The table keeps every row. */
void        _pathways_chart_hbars_fold    (PathwaysChartLayout       *self,
                                           const PathwaysReportTable *table,
                                           GArray                    *bars,
                                           const char                *count_column,
                                           double                     h,
                                           gboolean                   keep_order);
/* A series of periods (newest first, as the report lists them) keeps its order: the
 * latest periods that fit a chart of height H, then one row that counts the earlier
 * ones (in the table). */
void        _pathways_chart_hbars_latest  (PathwaysChartLayout       *self,
                                           GArray                    *bars,
                                           double                     h);
/* Frees the texts of every HBar in BARS. */
void        _pathways_chart_hbars_clear   (GArray                    *bars);
/* The largest value of a bar that is drawn. */
double      _pathways_chart_hbars_max     (GArray                    *bars);
/* How rows of BARS fit into a panel of height H and width W. */
HBarMetrics _pathways_chart_hbars_metrics (PathwaysChartLayout       *self,
                                           GArray                    *bars,
                                           double                     w,
                                           double                     h,
                                           gboolean                   labels);
/* Draws the rows in R; LABEL_W = 0 draws no category labels (a panel to the right of
 * another). SCALE_MAX is the value of a full-length bar. */
void        _pathways_chart_hbars_draw    (PathwaysChartLayout       *self,
                                           const PathwaysReportTable *table,
                                           Rect                       r,
                                           GArray                    *bars,
                                           const HBarMetrics         *m,
                                           double                     scale_max);

/* "1,950 · 33 %", or the count alone when the percent says nothing more. */
char *_pathways_chart_count_pct_text (PathwaysChartLayout       *self,
                                      const PathwaysCell        *count,
                                      const PathwaysCell        *pct);
/* "Assessed: 3,893 · 67 % cases (base 5,825 closed cases)" */
char *_pathways_chart_tooltip_for    (PathwaysChartLayout       *self,
                                      const PathwaysReportTable *table,
                                      const char                *label,
                                      const char                *value_text);

/* Reference lines (a median, a target, an overall rate) never strike through a text:
 * each vertical line of items FIRST_LINE to LAST_LINE (exclusive) is cut into the
 * pieces that keep a small gap from every text from item FIRST_ITEM on, so that the
 * text reads whole and the line stops short of it. The lines must come before the
 * texts they are cut around. */
void        _pathways_chart_cut_lines     (PathwaysChartLayout       *self,
                                           guint                      first_item,
                                           guint                      first_line,
                                           guint                      last_line);

/* ---------------------------------------------------------------- legend */

typedef struct {
  const char       *text;
  PathwaysChartInk  ink;
  gboolean          hatch;
} LegendEntry;

/* A row (or rows) of swatches and names; returns the height used. */
double _pathways_chart_legend (PathwaysChartLayout *self,
                               double               x,
                               double               y,
                               double               w,
                               const LegendEntry   *entries,
                               guint                n);

/* ---------------------------------------------------------------- panels */

typedef struct {
  guint cols, rows;
} Grid;

/* The grid of N panels over W × H that gives each the most room relative to
 * MIN_W × MIN_H. */
Grid  _pathways_chart_choose_grid (PathwaysChartLayout       *self,
                                   guint                      n,
                                   double                     w,
                                   double                     h,
                                   double                     min_w,
                                   double                     min_h);
/* "Therapy (n = 4,029)": the table's key after its last slash, with its base. */
char *_pathways_chart_panel_title (const PathwaysReportTable *table);

/* ---------------------------------------------------------------- chart kinds */

/* pathways-chart-layout-funnel.c */
void  _pathways_chart_funnel_bars                  (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table,
                                                    GArray                     *bars);
void  _pathways_chart_layout_funnel                (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);
char *_pathways_chart_funnel_finding               (const PathwaysReportTable  *table);

/* pathways-chart-layout-bars.c */
void  _pathways_chart_layout_closure_reasons       (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);
void  _pathways_chart_layout_bars                  (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);
/* One panel per table on one scale: closure reasons (REASONS) or funnels. */
void  _pathways_chart_layout_bar_panels            (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable **tables,
                                                    guint                       n,
                                                    Rect                        r,
                                                    gboolean                    reasons);
char *_pathways_chart_closure_finding              (const PathwaysReportTable  *table);
char *_pathways_chart_closure_panels_finding       (const PathwaysReportTable **tables,
                                                    guint                       n);

/* pathways-chart-layout-completeness.c */
void  _pathways_chart_layout_completeness          (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);

/* pathways-chart-layout-rates.c */
void  _pathways_chart_layout_rates                 (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);

/* pathways-chart-layout-distribution.c */
void  _pathways_chart_layout_distribution          (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);
void  _pathways_chart_layout_distribution_panels   (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable **tables,
                                                    guint                       n,
                                                    Rect                        r);
char *_pathways_chart_distribution_finding         (PathwaysReport             *report,
                                                    const PathwaysReportTable  *table);
char *_pathways_chart_distribution_panels_finding  (PathwaysReport             *report,
                                                    const PathwaysReportTable **tables,
                                                    guint                       n);

/* pathways-chart-layout-trend.c */
void  _pathways_chart_layout_trend                 (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);

/* pathways-chart-layout-composition.c */
void  _pathways_chart_layout_composition           (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);

/* pathways-chart-layout-outcomes.c */
void  _pathways_chart_layout_diverging             (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);
void  _pathways_chart_layout_change                (PathwaysChartLayout        *self,
                                                    const PathwaysReportTable  *table);
char *_pathways_chart_change_finding               (const PathwaysReportTable  *table);

G_END_DECLS
