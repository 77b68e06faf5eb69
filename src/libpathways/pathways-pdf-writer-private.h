/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-pdf-writer-private.h: what the PDF writer's files share: the page geometry,
 * the writer's state, text and structure-tag helpers (pathways-pdf-writer.c) and the
 * tables (pathways-pdf-table.c). Private to the output module. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "pathways-export.h"
#include "pathways-report.h"

G_BEGIN_DECLS

/* A4 in points; the current page is portrait or landscape */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_X 56.7
#define TOP 72.0
/* the width and bottom of the current page (portrait or landscape) */
#define CONTENT_W (pdf->page_w - 2 * MARGIN_X)
#define PORTRAIT_W (PAGE_W - 2 * MARGIN_X)
#define LANDSCAPE_W (PAGE_H - 2 * MARGIN_X)
#define BOTTOM (pdf->page_h - 64.0)
#define FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, sans"
#define BODY_SIZE 9.0
#define CELL_PAD_X 6.0
#define CELL_PAD_Y 2.5
#define LABEL_COL_MAX 190.0
#define HEADER_COL_MAX 78.0

typedef struct {
  cairo_surface_t             *surface;
  cairo_t                     *cr;
  PangoLayout                 *layout;
  PathwaysReport              *report;
  PathwaysReport              *previous;     /* the summary page's comparisons, or NULL */
  PathwaysReport              *year_before;
  const PathwaysExportOptions *options;
  gboolean                     dry;        /* first pass: count pages, draw nothing */
  int                          page;       /* 1-based, 0 before the first page */
  gboolean                     landscape;  /* the orientation of the next page */
  double                       page_w;     /* the size of the current page */
  double                       page_h;
  int                          n_pages;    /* from the first pass */
  double                       y;
  double                       heading_y;  /* where the last heading was drawn: bookmarks go there */
  char                        *title;
  const char                  *continued;  /* heading repeated on a table's next page */
  double                       keep_after; /* what follows a table on its last page (its base) */
  FILE                        *file;
  int                          write_errno;  /* the first failed write's errno */
  cairo_status_t               status;       /* the first cairo error */
} PathwaysPdf;

typedef enum { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_H1, F_H2, F_TITLE, F_SUBTITLE } FontRole;

#define TEXT_RGB 0x1a1a1a
#define MUTED_RGB 0x5e5c64
#define RULE_RGB 0x9a9996
#define STRIPE_RGB 0xf3f3f2
#define ACCENT_RGB 0x0072b2
#define SECOND_RGB 0x56b4e9

/* ---- pathways-pdf-writer.c ---- */

/* Lays TEXT out in WIDTH (<= 0: no wrap) and returns its size. */
void     _pathways_pdf_layout_text    (PathwaysPdf *pdf,
                                       FontRole     role,
                                       const char  *text,
                                       double       width,
                                       double      *w,
                                       double      *h);
/* Draws the current layout at (X, Y) in colour RGB; nothing in the counting pass. */
void     _pathways_pdf_show_layout_at (PathwaysPdf *pdf,
                                       double       x,
                                       double       y,
                                       guint        rgb);
void     _pathways_pdf_draw_text      (PathwaysPdf   *pdf,
                                       FontRole       role,
                                       const char    *text,
                                       double         x,
                                       double         y,
                                       double         width,
                                       guint          rgb,
                                       PangoAlignment align);
void     _pathways_pdf_set_rgb        (PathwaysPdf *pdf,
                                       guint        rgb);
/* Ends the page and starts the next, in the orientation pdf->landscape asks for. */
void     _pathways_pdf_new_page       (PathwaysPdf *pdf);
/* Starts a new page unless H more points fit on this one; TRUE when it did. */
gboolean _pathways_pdf_ensure         (PathwaysPdf *pdf,
                                       double       h);
/* Structure tags (cairo 1.16: standard structure types, no attributes); nothing in
 * the counting pass. A leaf element must begin and end on one page. */
void     _pathways_pdf_tag_begin      (PathwaysPdf *pdf,
                                       const char  *name);
void     _pathways_pdf_tag_end        (PathwaysPdf *pdf,
                                       const char  *name);

/* ---- pathways-pdf-table.c ---- */

typedef struct {
  guint   first_row, end_row;    /* rows shown */
  guint   n_cols;
  double *width;                 /* per column, as drawn */
  double *min;                   /* per column: its longest word (labels) or widest number */
  char ***text;                  /* [row - first_row][col] */
  double *natural;               /* [(row - first_row) * n_cols + col]: unwrapped width */
  double  line_h;                /* height of one unwrapped line of body text */
  gboolean fitted;               /* width holds the widths as drawn in the page's width */
  gboolean compact;              /* set in small type: too wide for a landscape page in
                                  * body type (activity by quarter, 15 columns) */
} PathwaysPdfTableView;

/* TRUE when column C of T holds row labels. */
gboolean _pathways_pdf_is_label             (const PathwaysReportTable *t,
                                             guint                      c);
/* Lays out every cell of T from FIRST_ROW: natural and narrowest column widths. */
void     _pathways_pdf_table_view_init      (PathwaysPdf               *pdf,
                                             const PathwaysReportTable *t,
                                             guint                      first_row,
                                             PathwaysPdfTableView      *v);
void     _pathways_pdf_table_view_free      (PathwaysPdfTableView      *v);
/* What must fit below a heading for the table to start under it (0: in column panels). */
double   _pathways_pdf_table_view_keep_height (PathwaysPdf               *pdf,
                                               const PathwaysReportTable *t,
                                               PathwaysPdfTableView      *v);
/* The narrowest the table can be with every column side by side. */
double   _pathways_pdf_table_view_min_width (const PathwaysPdfTableView *v);
/* Draws the table in the page's width, paginated, tagged Table/TR/TH/TD. */
void     _pathways_pdf_draw_table_view      (PathwaysPdf               *pdf,
                                             const PathwaysReportTable *t,
                                             PathwaysPdfTableView      *v);
void     _pathways_pdf_draw_table           (PathwaysPdf               *pdf,
                                             const PathwaysReportTable *t,
                                             guint                      first_row);
/* The first row a section shows of T: the latest periods of a long trend. */
guint    _pathways_pdf_first_row_shown      (PathwaysPdf               *pdf,
                                             const PathwaysReportTable *t);
/* TRUE when T is too wide for a portrait page even wrapped. */
gboolean _pathways_pdf_needs_landscape      (PathwaysPdf               *pdf,
                                             const PathwaysReportTable *t);

G_END_DECLS
