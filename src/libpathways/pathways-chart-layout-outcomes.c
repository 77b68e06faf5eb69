/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart-layout-outcomes.c: the outcome charts (spec/metrics.md "Outcomes").
 *
 * Diverging bars (an "outcome_distribution" table): the answers of one item at start
 * and at end as two stacked bars on a shared percent scale around zero, the lower
 * answers to the left, the higher to the right, the middle answer (of an odd number)
 * split across zero.
 *
 * Change bars (the "outcomes" table): per item, improved, same and worse as one 100 %
 * stacked bar, with counts and percents of the paired cases.
 *
 * A hidden count gets no segment (design/charts.md): the row says which answers are
 * not drawn, with their labels ("<5", "*"), at its end.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-chart-layout-private.h"

/* Text on a filled segment: dark on a light fill, light on a dark one. */
static PathwaysChartInk
ink_on (PathwaysChartLayout *self,
        PathwaysChartInk     fill)
{
  double rgba[4];
  double lum;

  pathways_chart_ink_rgba (self->theme, fill, rgba);
  lum = 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2];
  if (lum > 0.5)
    return self->theme == PATHWAYS_CHART_THEME_DARK ? PATHWAYS_CHART_INK_BACKGROUND : PATHWAYS_CHART_INK_TEXT;
  return self->theme == PATHWAYS_CHART_THEME_DARK ? PATHWAYS_CHART_INK_TEXT : PATHWAYS_CHART_INK_ON_BAR;
}

/* A segment of a stacked bar with its label inside when it fits: the longest of
 * TEXTS (NULL-terminated, longest first) that fits. */
static void
segment (PathwaysChartLayout *self,
         double               x,
         double               y,
         double               w,
         double               h,
         PathwaysChartInk     ink,
         gboolean             hatch,
         int                  mark,
         const char * const  *texts)
{
  double gap = MIN (1.0, w / 4);

  _pathways_chart_add_rect (self, x + gap / 2, y, MAX (0, w - gap), h, ink,
                            PATHWAYS_CHART_ITEM_DATA | (hatch ? PATHWAYS_CHART_ITEM_HATCH : 0), mark);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      double tw, th;

      _pathways_chart_measure (self, texts[i], 0.85, FALSE, &tw, &th);
      if (tw + self->font_size * 0.5 <= w && th <= h)
        {
          _pathways_chart_add_text (self, texts[i], x + w / 2, y + (h - th) / 2, ALIGN_CENTER, 0.85,
                                    FALSE, ink_on (self, ink), -1, 1, mark);
          return;
        }
    }
}

/* ---------------------------------------------------------------- diverging bars */

static const PathwaysChartInk low_inks[] = {
  PATHWAYS_CHART_INK_UNPLANNED, PATHWAYS_CHART_INK_OTHER, PATHWAYS_CHART_INK_YELLOW,
};
static const PathwaysChartInk high_inks[] = {
  PATHWAYS_CHART_INK_SERIES, PATHWAYS_CHART_INK_SERIES2, PATHWAYS_CHART_INK_PLANNED,
};

/* The colour of answer B of N: the strongest at each end, the middle grey; beyond
 * three answers a side the colours repeat hatched. */
static PathwaysChartInk
answer_ink (guint     b,
            guint     n,
            gboolean *hatch)
{
  guint k = n / 2, from_end;

  *hatch = FALSE;
  if (n % 2 == 1 && b == k)
    return PATHWAYS_CHART_INK_NOT_RECORDED;
  from_end = b < k ? b : n - 1 - b;
  *hatch = from_end >= G_N_ELEMENTS (low_inks);
  return (b < k ? low_inks : high_inks)[from_end % G_N_ELEMENTS (low_inks)];
}

typedef struct {
  double left, right;   /* shares (0..1) drawn left and right of zero */
} Extent;

/* Shares of the answers of one bar: SHARE[b] of the base, NAN when hidden. */
static Extent
bar_extent (const double *share,
            guint         n)
{
  Extent e = { 0, 0 };
  guint k = n / 2;

  for (guint b = 0; b < n; b++)
    {
      double s = isfinite (share[b]) ? share[b] : 0;

      if (n % 2 == 1 && b == k)
        {
          e.left += s / 2;
          e.right += s / 2;
        }
      else if (b < k)
        e.left += s;
      else
        e.right += s;
    }
  return e;
}

/* One bar of the diverging chart at Y: answers of column COL ("start" or "end"). */
static void
diverging_bar (PathwaysChartLayout       *self,
               const PathwaysReportTable *table,
               const char                *col,
               const char                *bar_label,
               const double              *share,
               double                     zero_x,
               double                     scale,
               double                     y,
               double                     h,
               GString                   *not_drawn)
{
  guint n = table->rows->len, k = n / 2;
  double left = zero_x, right = zero_x;

  /* outwards from zero: the middle answer's halves, then each side's answers */
  for (guint step = 0; step < n; step++)
    {
      guint b;
      gboolean hatch;
      PathwaysChartInk ink;
      const PathwaysReportRow *row;
      const PathwaysCell *count;
      g_autofree char *ct = NULL, *pt = NULL, *both = NULL, *label = NULL, *tip = NULL;
      int mark;
      double w;

      if (n % 2 == 1)
        b = step == 0 ? k : (step % 2 == 1 ? k - 1 - step / 2 : k + (step + 1) / 2);
      else
        b = step % 2 == 0 ? k + step / 2 : k - 1 - step / 2;
      row = g_ptr_array_index (table->rows, b);
      count = _pathways_chart_cell_at (table, row, col);
      ct = _pathways_chart_cell_text (self, count);
      /* Translators: a segment of the answers chart: "At start, answer 3" */
      label = g_strdup_printf (_("%s, answer %s"), bar_label, _pathways_chart_row_label (table, row));
      if (!isfinite (share[b]))
        {
          if (not_drawn->len > 0)
            g_string_append (not_drawn, ", ");
          g_string_append_printf (not_drawn, "%s %s", _pathways_chart_row_label (table, row), ct);
          mark = _pathways_chart_add_mark (self, table, row->id, label,
                                           _pathways_chart_tooltip_for (self, table, label, ct),
                                           NAN, TRUE, zero_x, y, 0, h);
          continue;
        }
      pt = _pathways_chart_format_percent (100 * share[b]);
      both = g_strdup_printf ("%s · %s", ct, pt);
      tip = _pathways_chart_tooltip_for (self, table, label, both);
      ink = answer_ink (b, n, &hatch);
      w = share[b] * scale;
      if (n % 2 == 1 && b == k)
        {
          mark = _pathways_chart_add_mark (self, table, row->id, label, g_steal_pointer (&tip),
                                           100 * share[b], FALSE, zero_x - w / 2, y, w, h);
          segment (self, zero_x - w / 2, y, w, h, ink, hatch, mark,
                   (const char * const[]) { both, pt, NULL });
          left -= w / 2;
          right += w / 2;
        }
      else if (b < k)
        {
          left -= w;
          mark = _pathways_chart_add_mark (self, table, row->id, label, g_steal_pointer (&tip),
                                           100 * share[b], FALSE, left, y, w, h);
          segment (self, left, y, w, h, ink, hatch, mark, (const char * const[]) { both, pt, NULL });
        }
      else
        {
          mark = _pathways_chart_add_mark (self, table, row->id, label, g_steal_pointer (&tip),
                                           100 * share[b], FALSE, right, y, w, h);
          segment (self, right, y, w, h, ink, hatch, mark, (const char * const[]) { both, pt, NULL });
          right += w;
        }
    }
}

/* The shares of the answers in column COL of the base; NAN for a hidden count. */
static void
answer_shares (const PathwaysReportTable *table,
               const char                *col,
               double                     base,
               double                    *share)
{
  for (guint b = 0; b < table->rows->len; b++)
    {
      const PathwaysCell *count = _pathways_chart_cell_at (table, g_ptr_array_index (table->rows, b), col);

      share[b] = _pathways_chart_cell_shown (count) ? CLAMP (count->value / base, 0, 1) : NAN;
    }
}

/* Ticks under the plot: 0 at ZERO_X, percents both ways. */
static void
diverging_axis (PathwaysChartLayout *self,
                Extent               most,
                double               zero_x,
                double               scale,
                double               top,
                double               bottom)
{
  double ticks[32], step;
  /* a tick label about every five text heights along the longer side */
  guint max_ticks = CLAMP ((guint) (MAX (most.left, most.right) * scale / (self->font_size * 5)), 2, 8);
  guint n = pathways_chart_nice_ticks (0, 100 * MAX (most.left, most.right), max_ticks, ticks, &step);

  _pathways_chart_add_line (self, zero_x, top, zero_x, bottom, PATHWAYS_CHART_INK_TEXT, 0);
  for (guint i = 0; i < n; i++)
    for (int side = -1; side <= 1; side += 2)
      {
        double share = ticks[i] / 100, x = zero_x + side * share * scale;
        g_autofree char *t = NULL;

        if ((side < 0 && share > most.left + 1e-9) || (side > 0 && share > most.right + 1e-9) ||
            (ticks[i] == 0 && side < 0))
          continue;
        t = ticks[i] == 0 ? g_strdup ("0") : g_strdup_printf ("%g %%", ticks[i]);
        if (ticks[i] > 0)
          _pathways_chart_add_line (self, x, top, x, bottom, PATHWAYS_CHART_INK_GRID, 0);
        _pathways_chart_add_text (self, t, x, bottom + self->font_size * 0.2, ALIGN_CENTER, 0.85, FALSE,
                                  PATHWAYS_CHART_INK_MUTED, -1, 1, -1);
      }
}

void
_pathways_chart_layout_diverging (PathwaysChartLayout       *self,
                                  const PathwaysReportTable *table)
{
  g_autofree char *footer = _pathways_chart_footer_text (self, table, TRUE);
  Rect r = _pathways_chart_frame_table (self, table, footer);
  guint n = table->rows->len;
  const char *cols[2] = { "start", "end" };
  const char *labels[2] = { _("At start"), _("At end") };
  g_autofree double *share = g_new0 (double, 2 * MAX (n, 1));
  g_autofree LegendEntry *entries = g_new0 (LegendEntry, MAX (n, 1));
  Extent most = { 0, 0 };
  double label_w = 0, base, lh = _pathways_chart_line_height (self, 1.0), legend_h, bar_h, gap;
  double zero_x, scale, y, tick_h = _pathways_chart_line_height (self, 0.85) * 1.2;
  double plot_bottom, note_y, note_h;
  guint notes = 0;

  if (n == 0)
    {
      _pathways_chart_empty_message (self, r, _("No answers to show"));
      return;
    }
  if (!_pathways_chart_cell_shown (&table->base) || table->base.value <= 0)
    {
      _pathways_chart_hidden_message (self, r, _("No answers are shown: too few cases have answers "
                                                 "at start and at end."));
      return;
    }
  base = table->base.value;
  for (guint i = 0; i < 2; i++)
    {
      Extent e;
      double tw, th;

      answer_shares (table, cols[i], base, share + i * n);
      e = bar_extent (share + i * n, n);
      most.left = MAX (most.left, e.left);
      most.right = MAX (most.right, e.right);
      _pathways_chart_measure (self, labels[i], 1.0, FALSE, &tw, &th);
      label_w = MAX (label_w, tw);
    }
  if (most.left + most.right <= 0)
    most.left = most.right = 0.5;
  for (guint b = 0; b < n; b++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, b);
      entries[b].text = _pathways_chart_row_label (table, row);
      entries[b].ink = answer_ink (b, n, &entries[b].hatch);
    }
  label_w = MIN (label_w + self->font_size, r.w * 0.3);
  _pathways_chart_add_text (self, _("Answer"), r.x, r.y, ALIGN_LEFT, 0.9, FALSE, PATHWAYS_CHART_INK_MUTED,
                            label_w - self->font_size * 0.5, 1, -1);
  legend_h = _pathways_chart_legend (self, r.x + label_w, r.y, r.w - label_w, entries, n);
  /* Two bars with a line and a gap between them, the tick labels, then a note line for
   * each bar with hidden answers: under the ticks, so a note never meets a tick label,
   * a grid line or the other bar. */
  for (guint i = 0; i < 2; i++)
    for (guint b = 0; b < n; b++)
      if (!isfinite (share[i * n + b]))
        {
          notes++;
          break;
        }
  gap = lh * 0.6;
  note_h = _pathways_chart_line_height (self, 0.85);
  bar_h = CLAMP ((r.h - legend_h - tick_h - 1.3 * lh - gap - notes * note_h) / 2, lh, self->font_size * 3.2);
  scale = (r.w - label_w - self->font_size) / (most.left + most.right);
  zero_x = r.x + label_w + most.left * scale;
  y = r.y + legend_h + self->font_size * 0.3;
  plot_bottom = y + 2 * bar_h + 1.3 * lh + gap;
  note_y = plot_bottom + tick_h;
  diverging_axis (self, most, zero_x, scale, y - self->font_size * 0.2, plot_bottom);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GString) not_drawn = g_string_new (NULL);

      _pathways_chart_add_text (self, labels[i], r.x, y + (bar_h - lh) / 2, ALIGN_LEFT, 1.0, FALSE,
                                PATHWAYS_CHART_INK_TEXT, label_w - self->font_size * 0.5, 1, -1);
      diverging_bar (self, table, cols[i], labels[i], share + i * n, zero_x, scale, y, bar_h, not_drawn);
      if (not_drawn->len > 0)
        {
          /* Translators: under the answers chart's axis, the answers of one bar whose
           * counts are hidden: "At start, not drawn: 4 <5" */
          g_autofree char *t = g_strdup_printf (_("%s, not drawn: %s"), labels[i], not_drawn->str);
          _pathways_chart_add_text (self, t, r.x + label_w, note_y, ALIGN_LEFT, 0.85, FALSE,
                                    PATHWAYS_CHART_INK_MUTED, r.w - label_w, 1, -1);
          note_y += note_h;
        }
      y += bar_h + lh + gap;
    }
}

/* ---------------------------------------------------------------- change bars */

static const struct {
  const char       *col;
  const char       *label;
  PathwaysChartInk  ink;
} change_parts[] = {
  { "improved", N_("Improved"), PATHWAYS_CHART_INK_PLANNED },
  { "same", N_("Same"), PATHWAYS_CHART_INK_NOT_RECORDED },
  { "worse", N_("Worse"), PATHWAYS_CHART_INK_UNPLANNED },
};

/* The row's item, with its instrument when the table has several. */
static char *
item_label (const PathwaysReportTable *table,
            const PathwaysReportRow   *row,
            gboolean                   several)
{
  const PathwaysCell *inst = _pathways_chart_cell_at (table, row, "instrument");
  const PathwaysCell *item = _pathways_chart_cell_at (table, row, "item");

  if (item == NULL || item->text == NULL)
    return g_strdup (row->id);
  if (several && inst != NULL && inst->text != NULL && g_strcmp0 (inst->text, item->text) != 0)
    return g_strdup_printf ("%s: %s", inst->text, item->text);
  return g_strdup (item->text);
}

static void
change_row (PathwaysChartLayout       *self,
            const PathwaysReportTable *table,
            const PathwaysReportRow   *row,
            const char                *label,
            double                     x,
            double                     y,
            double                     w,
            double                     h)
{
  const PathwaysCell *paired = _pathways_chart_cell_at (table, row, "paired_n");
  g_autoptr(GString) not_drawn = g_string_new (NULL);
  double base = _pathways_chart_cell_shown (paired) ? paired->value : 0;
  double cx = x;

  for (guint p = 0; p < G_N_ELEMENTS (change_parts); p++)
    {
      const PathwaysCell *count = _pathways_chart_cell_at (table, row, change_parts[p].col);
      const char *part = _(change_parts[p].label);
      g_autofree char *ct = _pathways_chart_cell_text (self, count);
      g_autofree char *pt = NULL, *both = NULL, *name = g_strdup_printf ("%s, %s", label, part);
      g_autofree char *lower = g_utf8_strdown (part, -1);
      double share, sw;
      int mark;

      if (!_pathways_chart_cell_shown (count) || base <= 0)
        {
          if (not_drawn->len > 0)
            g_string_append (not_drawn, ", ");
          g_string_append_printf (not_drawn, "%s %s", lower, ct);
          _pathways_chart_add_mark (self, table, row->id, name,
                                    _pathways_chart_tooltip_for (self, table, name, ct),
                                    NAN, TRUE, cx, y, 0, h);
          continue;
        }
      share = CLAMP (count->value / base, 0, 1);
      sw = MIN (share * w, x + w - cx);
      pt = _pathways_chart_format_percent (100 * share);
      both = g_strdup_printf ("%s · %s", ct, pt);
      mark = _pathways_chart_add_mark (self, table, row->id, name,
                                       _pathways_chart_tooltip_for (self, table, name, both),
                                       100 * share, FALSE, cx, y, sw, h);
      segment (self, cx, y, sw, h, change_parts[p].ink, FALSE, mark,
               (const char * const[]) { both, pt, NULL });
      cx += sw;
    }
  if (not_drawn->len > 0)
    {
      g_autofree char *t = g_strdup_printf (_("Not drawn: %s"), not_drawn->str);
      _pathways_chart_add_text (self, t, x + w, y + h, ALIGN_RIGHT, 0.85, FALSE, PATHWAYS_CHART_INK_MUTED,
                                w, 1, -1);
    }
}

/* "More cases improved than worsened on 6 of 8 items", from the shown counts; NULL
 * when a count it needs is hidden. */
char *
_pathways_chart_change_finding (const PathwaysReportTable *table)
{
  guint n = table->rows->len, more = 0;

  if (n == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *improved = _pathways_chart_cell_at (table, row, "improved");
      const PathwaysCell *worse = _pathways_chart_cell_at (table, row, "worse");

      if (!_pathways_chart_cell_shown (improved) || !_pathways_chart_cell_shown (worse))
        return NULL;
      more += improved->value > worse->value;
    }
  if (more == n)
    return g_strdup (n == 1 ? _("More cases improved than worsened")
                            : _("More cases improved than worsened on every item"));
  /* Translators: a chart title, "More cases improved than worsened on 6 of 8 items" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "More cases improved than worsened on %u of %u item",
                                       "More cases improved than worsened on %u of %u items", n),
                          more, n);
}

void
_pathways_chart_layout_change (PathwaysChartLayout       *self,
                               const PathwaysReportTable *table)
{
  g_autofree char *footer = _pathways_chart_footer_text (self, table, FALSE);
  Rect r = _pathways_chart_frame_table (self, table, footer);
  guint n = table->rows->len, shown;
  LegendEntry entries[G_N_ELEMENTS (change_parts)];
  gboolean several = FALSE;
  double lh = _pathways_chart_line_height (self, 1.0), small_h = _pathways_chart_line_height (self, 0.85);
  double label_w = 0, n_w = 0, legend_h, row_h, bar_h, y;
  g_autofree char **labels = g_new0 (char *, n + 1);
  g_autofree char **n_texts = g_new0 (char *, n + 1);

  if (n == 0)
    {
      _pathways_chart_empty_message (self, r, _("No answers to show"));
      return;
    }
  for (guint p = 0; p < G_N_ELEMENTS (change_parts); p++)
    entries[p] = (LegendEntry) { _(change_parts[p].label), change_parts[p].ink, FALSE };
  legend_h = _pathways_chart_legend (self, r.x, r.y, r.w, entries, G_N_ELEMENTS (entries));
  for (guint i = 1; i < n; i++)
    several |= g_strcmp0 (_pathways_chart_row_label (table, g_ptr_array_index (table->rows, i)),
                          _pathways_chart_row_label (table, g_ptr_array_index (table->rows, 0))) != 0;
  for (guint i = 0; i < n; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      g_autofree char *count = _pathways_chart_cell_text (self, _pathways_chart_cell_at (table, row, "paired_n"));
      double tw, th;

      labels[i] = item_label (table, row, several);
      /* Translators: the paired cases of one item, at the end of its bar */
      n_texts[i] = g_strdup_printf (_("n = %s"), count);
      _pathways_chart_measure (self, labels[i], 1.0, FALSE, &tw, &th);
      label_w = MAX (label_w, tw);
      _pathways_chart_measure (self, n_texts[i], 0.85, FALSE, &tw, &th);
      n_w = MAX (n_w, tw);
    }
  label_w = MIN (label_w + self->font_size, r.w * 0.38);
  n_w += self->font_size;
  /* a row: the bar and room under it for a note of what is not drawn */
  row_h = CLAMP ((r.h - legend_h) / n, lh * 1.2, lh * 2.6);
  shown = MIN (n, (guint) floor ((r.h - legend_h) / row_h));
  if (shown < n)   /* room for the line that says so */
    shown = (guint) MAX (0, floor ((r.h - legend_h - small_h) / row_h));
  bar_h = MAX (row_h - small_h - self->font_size * 0.3, lh * 0.9);
  y = r.y + legend_h;
  for (guint i = 0; i < shown; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);

      _pathways_chart_add_text (self, labels[i], r.x, y + (bar_h - lh) / 2, ALIGN_LEFT, 1.0, FALSE,
                                PATHWAYS_CHART_INK_TEXT, label_w - self->font_size * 0.5, 1, -1);
      change_row (self, table, row, labels[i], r.x + label_w, y, r.w - label_w - n_w, bar_h);
      _pathways_chart_add_text (self, n_texts[i], r.x + r.w, y + (bar_h - small_h) / 2, ALIGN_RIGHT, 0.85,
                                FALSE, PATHWAYS_CHART_INK_MUTED, n_w, 1, -1);
      y += row_h;
    }
  if (shown < n)
    {
      /* Translators: under a chart with no room for every item */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more item in the table",
                                                            "%u more items in the table", n - shown),
                                               n - shown);
      _pathways_chart_add_text (self, more, r.x + label_w, r.y + r.h - small_h, ALIGN_LEFT, 0.85, FALSE,
                                PATHWAYS_CHART_INK_MUTED, r.w - label_w, 1, -1);
    }
  for (guint i = 0; i < n; i++)
    {
      g_free (labels[i]);
      g_free (n_texts[i]);
    }
}
