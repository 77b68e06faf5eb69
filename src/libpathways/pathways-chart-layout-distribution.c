/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-distribution.c: waiting times as bars over day bands, with the
 * median, the 90th percentile and the target as lines, one panel or one per service
 * type; the median as the finding ("Half of cases were contacted within 3 days").
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include <string.h>
#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"
#include "pathways-mapping.h"

/* Where the bands of one panel go. */
typedef struct {
  Rect   r;
  guint  n;               /* bands */
  double band_w;
  double pad;
  double text_h;          /* line height of the marker labels */
  double label_factor;    /* text size of the band labels and values */
  double label_h;
  guint  thin;            /* a band label every THIN bands */
  double top, bottom;     /* the bars grow up from BOTTOM, Y_MAX at TOP */
  double y_max;
} BandPlot;

/* The lines of a panel, at most three: median, 90th percentile, target. */
typedef struct {
  char     *text[3];
  double    x[3];
  gboolean  dashed[3];    /* the target */
  guint     n;
  gboolean  labelled;     /* FALSE: no room for the labels, lines only */
} Markers;

/* ---------------------------------------------------------------- waits */

/* The row of the "waiting_times" table that BANDS shows ("measure" or "measure/service
 * type" keys); *WT_OUT gets that table. */
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
      const PathwaysCell *pct = _pathways_chart_cell_at (table, g_ptr_array_index (table->rows, i),
                                                         "pct");
      if (_pathways_chart_cell_shown (pct))
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

/* ---------------------------------------------------------------- finding titles */

char *
_pathways_chart_distribution_finding (PathwaysReport            *report,
                                      const PathwaysReportTable *table)
{
  const PathwaysReportTable *wt = NULL;
  const PathwaysReportRow *w = waiting_row (report, table, &wt);
  const PathwaysCell *median = w != NULL ? _pathways_chart_cell_at (wt, w, "median") : NULL;
  const char *slash = table->key != NULL ? strchr (table->key, '/') : NULL;

  if (!_pathways_chart_cell_shown (median))
    return NULL;
  return median_title (w->id, slash != NULL ? slash + 1 : NULL, median->value);
}

/* Every type's median shown: the longest says how long half waited at most. */
char *
_pathways_chart_distribution_panels_finding (PathwaysReport             *report,
                                             const PathwaysReportTable **tables,
                                             guint                       n)
{
  double longest = -1;
  g_autofree char *d = NULL;

  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportTable *wt = NULL;
      const PathwaysReportRow *w = waiting_row (report, tables[i], &wt);
      const PathwaysCell *median = w != NULL ? _pathways_chart_cell_at (wt, w, "median") : NULL;
      if (!_pathways_chart_cell_shown (median))
        return NULL;
      longest = MAX (longest, median->value);
    }
  d = pathways_chart_format_number (longest, 1);
  /* Translators: a figure's title over one panel per service type */
  return g_strdup_printf (_("In every service type, half of services started within %s days"), d);
}

/* ---------------------------------------------------------------- one panel */

/* The text size of the band labels: shrunk to fit a band, down to 0.7 of the body
 * size; below that, a label every PLOT->thin bands. */
static void
band_labels_fit (PathwaysChartLayout       *self,
                 const PathwaysReportTable *table,
                 BandPlot                  *plot)
{
  double widest = 0, tw, th;

  for (guint i = 0; i < plot->n; i++)
    {
      _pathways_chart_measure (self, _pathways_chart_row_label (table, g_ptr_array_index (table->rows, i)),
                               plot->label_factor, FALSE, &tw, &th);
      widest = MAX (widest, tw);
    }
  if (widest + plot->pad > plot->band_w)
    {
      double f = plot->label_factor * plot->band_w / (widest + plot->pad);
      if (f >= 0.7)
        plot->label_factor = f;
      else
        {
          /* Widest label at 0.7: it may span THIN bands. */
          plot->thin = (guint) MAX (2, ceil ((widest * 0.7 / plot->label_factor + plot->pad) / plot->band_w));
          plot->label_factor = 0.7;
        }
    }
}

/* "143 still waiting" under the panel, or NULL. */
static char *
still_waiting_text (PathwaysChartLayout       *self,
                    const PathwaysReportTable *wt,
                    const PathwaysReportRow   *w)
{
  const PathwaysCell *sw = _pathways_chart_cell_at (wt, w, "still_waiting_n");
  g_autofree char *c = NULL;

  if (sw == NULL || !(_pathways_chart_cell_hidden (sw) || (_pathways_chart_cell_shown (sw) && sw->value > 0)))
    return NULL;
  c = _pathways_chart_cell_text (self, sw);
  return g_strdup_printf (_("%s still waiting"), c);
}

static void
markers_add (Markers  *markers,
             char     *text,   /* taken */
             double    x,
             gboolean  dashed)
{
  markers->text[markers->n] = text;
  markers->x[markers->n] = x;
  markers->dashed[markers->n] = dashed;
  markers->n++;
}

/* The median, 90th percentile and target lines of waiting-times row W. A compact
 * panel labels the target "target" and says how many waited less under the panel, in
 * *STILL before the number still waiting. */
static void
panel_markers (PathwaysChartLayout       *self,
               const PathwaysReportTable *wt,
               const PathwaysReportRow   *w,
               const BandPlot            *plot,
               gboolean                   compact,
               Markers                   *markers,
               char                     **still)
{
  const PathwaysCell *median = _pathways_chart_cell_at (wt, w, "median");
  const PathwaysCell *p90 = _pathways_chart_cell_at (wt, w, "p90");
  const PathwaysCell *target = _pathways_chart_cell_at (wt, w, "target_days");
  const PathwaysCell *within = _pathways_chart_cell_at (wt, w, "within_target_pct");
  double x0 = plot->r.x;

  if (_pathways_chart_cell_shown (median))
    {
      g_autofree char *d = pathways_chart_format_number (median->value, 1);
      double x = band_x (self->report, plot->n, x0, plot->band_w, median->value);
      markers_add (markers, compact ? g_strdup_printf (_("median %s"), d)
                                    : g_strdup_printf (_("median %s days"), d), x, FALSE);
    }
  if (_pathways_chart_cell_shown (p90))
    {
      g_autofree char *d = pathways_chart_format_number (p90->value, 1);
      double x = band_x (self->report, plot->n, x0, plot->band_w, p90->value);
      markers_add (markers, compact ? g_strdup_printf (_("p90 %s"), d)
                                    : g_strdup_printf (_("90th percentile %s days"), d), x, FALSE);
    }
  if (target != NULL && target->defined && target->value > 0)
    {
      g_autofree char *d = pathways_chart_format_number (target->value, 0);
      g_autofree char *p = _pathways_chart_cell_shown (within) ? _pathways_chart_format_percent (within->value)
                                                               : g_strdup ("*");
      double x = band_x (self->report, plot->n, x0, plot->band_w, target->value);
      markers_add (markers, compact ? g_strdup (_("target"))
                                    : g_strdup_printf (_("target %s days: %s within"), d, p), x, TRUE);
      if (compact)
        {
          /* Translators: under a small panel: "63 % within 100 days · 143 still waiting" */
          char *within_text = g_strdup_printf (_("%s within %s days"), p, d);
          if (*still != NULL)
            {
              char *both = g_strdup_printf ("%s · %s", within_text, *still);
              g_free (within_text);
              within_text = both;
            }
          g_free (*still);
          *still = within_text;
        }
    }
}

/* The marker lines, labelled in rows from the leftmost line down, each label to the
 * right of its line: a line then only runs past labels that start to its right. */
static void
draw_markers (PathwaysChartLayout *self,
              const BandPlot      *plot,
              const Markers       *markers)
{
  const Rect r = plot->r;
  guint order[3] = { 0, 1, 2 };
  guint nm = markers->n;

  for (guint a = 0; a < nm; a++)
    for (guint b = a + 1; b < nm; b++)
      if (markers->x[order[b]] < markers->x[order[a]])
        {
          guint t = order[a];
          order[a] = order[b];
          order[b] = t;
        }
  /* the lines first, then their labels, so that the lines can be cut around texts */
  for (guint k = 0; k < nm; k++)
    {
      guint i = order[k];
      double x = markers->x[i];
      gboolean dashed = markers->dashed[i];
      double ty = r.y + k * plot->text_h * 1.15;
      _pathways_chart_add_line (self, x, markers->labelled ? ty : plot->top, x, plot->bottom,
                                dashed ? PATHWAYS_CHART_INK_REFERENCE : PATHWAYS_CHART_INK_TEXT,
                                dashed ? PATHWAYS_CHART_ITEM_DASHED : 0);
    }
  for (guint k = 0; k < nm && markers->labelled; k++)
    {
      guint i = order[k];
      double x = markers->x[i];
      gboolean dashed = markers->dashed[i];
      double ty = r.y + k * plot->text_h * 1.15;
      const char *t = markers->text[i];
      double tw, th, lx;
      _pathways_chart_measure (self, t, 0.85, FALSE, &tw, &th);
      tw = MIN (tw, r.w);
      lx = x + plot->pad;
      if (lx + tw > r.x + r.w)
        lx = MAX (r.x, x - plot->pad - tw);
      _pathways_chart_add_text (self, t, lx, ty, ALIGN_LEFT, 0.85, FALSE,
                                dashed ? PATHWAYS_CHART_INK_REFERENCE : PATHWAYS_CHART_INK_TEXT,
                                r.w, 1, -1);
    }
}

/* One bar per band with its percent above it and its label below (thinned). */
static void
draw_bands (PathwaysChartLayout       *self,
            const PathwaysReportTable *table,
            const BandPlot            *plot)
{
  const Rect r = plot->r;
  double x0 = r.x, band_w = plot->band_w, top = plot->top, bottom = plot->bottom;
  double label_factor = plot->label_factor, last_label_right = -G_MAXDOUBLE;

  for (guint i = 0; i < plot->n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *count = _pathways_chart_cell_at (table, row, "count");
      const PathwaysCell *pct = _pathways_chart_cell_at (table, row, "pct");
      const char *label = _pathways_chart_row_label (table, row);
      gboolean hidden = !_pathways_chart_cell_shown (pct) || !_pathways_chart_cell_shown (count);
      double bx = x0 + i * band_w, bw = band_w * 0.78;
      double h = hidden ? 0 : (bottom - top) * CLAMP (pct->value / MAX (plot->y_max, 1e-9), 0, 1);
      gboolean count_hidden = _pathways_chart_cell_hidden (count);
      /* one mark for a hidden figure: a hidden count ("<5") alone, a hidden percent "*",
       * never a count among percents */
      g_autofree char *top_text = count_hidden ? _pathways_chart_cell_text (self, count)
                                  : _pathways_chart_cell_hidden (pct) ? g_strdup ("*")
                                  : hidden ? _pathways_chart_cell_text (self, count)
                                  : _pathways_chart_format_percent (pct->value);
      g_autofree char *ct = _pathways_chart_cell_text (self, count);
      char *tip = count_hidden
                  /* Translators: tooltip of a waiting-time band whose count is hidden: "29–56 days: <5" */
                  ? g_strdup_printf (_("%s days: %s"), label, ct)
                  /* Translators: tooltip of a waiting-time band: "29–56 days: 582 (17 %)" */
                  : g_strdup_printf (_("%s days: %s (%s)"), label, ct, hidden ? "*" : top_text);
      int mark = _pathways_chart_add_mark (self, table, row->id, label, tip, hidden ? NAN : pct->value, hidden,
                                           bx, top, band_w, bottom - top + plot->label_h * 1.2);
      double tw, th;

      if (h > 0)
        _pathways_chart_add_rect (self, bx + (band_w - bw) / 2, bottom - h, bw, h, PATHWAYS_CHART_INK_SERIES,
                                  PATHWAYS_CHART_ITEM_DATA, mark);
      _pathways_chart_measure (self, top_text, label_factor, FALSE, &tw, &th);
      if (tw <= band_w)
        _pathways_chart_add_text (self, top_text, bx + band_w / 2, bottom - h - th * 1.05, ALIGN_CENTER,
                                  label_factor, FALSE,
                                  hidden ? PATHWAYS_CHART_INK_MUTED : PATHWAYS_CHART_INK_TEXT, -1, 1, mark);
      if (i % plot->thin == 0)
        {
          double lw, lx;
          _pathways_chart_measure (self, label, label_factor, FALSE, &lw, NULL);
          lw = MIN (lw, band_w * plot->thin);
          lx = CLAMP (bx + band_w / 2 - lw / 2, r.x, r.x + r.w - lw);
          if (lx >= last_label_right + plot->pad)
            {
              _pathways_chart_add_text (self, label, lx, bottom + plot->label_h * 0.1, ALIGN_LEFT,
                                        label_factor, FALSE, PATHWAYS_CHART_INK_MUTED,
                                        band_w * plot->thin, 1, mark);
              last_label_right = lx + lw;
            }
        }
    }
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
  BandPlot plot = { r, table->rows->len };
  Markers markers = { .labelled = TRUE };
  g_autofree char *still = NULL;
  guint first_item;

  plot.pad = self->font_size * 0.3;
  plot.text_h = _pathways_chart_line_height (self, 0.85);
  plot.label_factor = compact ? 0.8 : 0.9;
  plot.thin = 1;
  plot.y_max = y_max;
  if (plot.n == 0 || r.w < self->font_size * 2 || r.h < plot.text_h * 4)
    {
      _pathways_chart_empty_message (self, r, plot.n == 0 ? _("No records to show")
                                                           : _("Too small to draw: see the table"));
      return;
    }
  plot.band_w = r.w / plot.n;
  band_labels_fit (self, table, &plot);
  plot.label_h = _pathways_chart_line_height (self, plot.label_factor);
  if (w != NULL)
    {
      still = still_waiting_text (self, wt, w);
      /* Marker labels, one line each, above the bars. */
      panel_markers (self, wt, w, &plot, compact, &markers, &still);
    }
  plot.bottom = r.y + r.h - plot.label_h * 1.2 - (still != NULL ? plot.text_h * 1.2 : 0);
  plot.top = r.y + markers.n * plot.text_h * 1.15 + plot.text_h * 1.3;
  if (plot.bottom - plot.top < plot.text_h * 2)
    {
      /* No room for marker labels: keep the lines only. */
      plot.top = r.y + plot.text_h * 1.3;
      markers.labelled = FALSE;
    }
  _pathways_chart_add_line (self, r.x, plot.bottom, r.x + r.w, plot.bottom, PATHWAYS_CHART_INK_GRID, 0);
  first_item = self->items->len;
  draw_markers (self, &plot, &markers);
  draw_bands (self, table, &plot);
  if (still != NULL)
    _pathways_chart_add_text (self, still, r.x, r.y + r.h - plot.text_h, ALIGN_LEFT, 0.85, FALSE,
                              PATHWAYS_CHART_INK_MUTED, r.w, 1, -1);
  _pathways_chart_cut_lines (self, first_item, first_item, first_item + markers.n);
  for (guint i = 0; i < markers.n; i++)
    g_free (markers.text[i]);
}

/* ---------------------------------------------------------------- layouts */

void
_pathways_chart_layout_distribution (PathwaysChartLayout       *self,
                                     const PathwaysReportTable *table)
{
  g_autofree char *footer = _pathways_chart_footer_text (self, table, FALSE);
  Rect r = _pathways_chart_frame_table (self, table, footer);
  double mx = band_max_pct (table);

  distribution_panel (self, table, r, mx > 0 ? mx : 1, FALSE);
}

/* One compact panel per table in a grid, all on the scale of the highest band. */
void
_pathways_chart_layout_distribution_panels (PathwaysChartLayout        *self,
                                            const PathwaysReportTable **tables,
                                            guint                       n,
                                            Rect                        r)
{
  double mx = 0;
  Grid g;

  for (guint i = 0; i < n; i++)
    mx = MAX (mx, band_max_pct (tables[i]));
  g = _pathways_chart_choose_grid (self, n, r.w, r.h, self->font_size * 22, self->font_size * 14);
  for (guint i = 0; i < n; i++)
    {
      guint col = i % g.cols, row = i / g.cols;
      double gap = self->font_size * 1.5;
      double pw = (r.w - gap * (g.cols - 1)) / g.cols, ph = r.h / g.rows;
      Rect p = { r.x + col * (pw + gap), r.y + row * ph, pw, ph - gap * 0.6 };
      g_autofree char *pt = _pathways_chart_panel_title (tables[i]);
      double th = _pathways_chart_line_height (self, 0.95) * 1.25;
      _pathways_chart_add_text (self, pt, p.x, p.y, ALIGN_LEFT, 0.95, TRUE, PATHWAYS_CHART_INK_TEXT,
                                p.w, 1, -1);
      p.y += th;
      p.h -= th;
      distribution_panel (self, tables[i], p, mx > 0 ? mx : 1, TRUE);
    }
}
