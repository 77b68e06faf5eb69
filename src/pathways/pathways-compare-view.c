/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-compare-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "pathways-compare-view.h"

struct _PathwaysCompareView
{
  GtkWidget       parent_instance;

  char           *table_id;
  char           *table_key;   /* NULL: the table with no key */
  char           *title;
  PathwaysReport *reports[2];
  char           *labels[2];
};

G_DEFINE_FINAL_TYPE (PathwaysCompareView, pathways_compare_view, GTK_TYPE_WIDGET)

static const PathwaysReportTable *
find_table (PathwaysReport *report,
            const char     *id,
            const char     *key)
{
  for (guint i = 0; report != NULL && i < report->tables->len; i++)
    {
      const PathwaysReportTable *table = g_ptr_array_index (report->tables, i);

      if (g_strcmp0 (table->id, id) == 0 && g_strcmp0 (table->key, key) == 0)
        return table;
    }
  return NULL;
}

const PathwaysReportTable *
pathways_compare_view_get_table (PathwaysCompareView *self,
                                 guint                which)
{
  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (which < 2, NULL);

  return find_table (self->reports[which], self->table_id, self->table_key);
}

static void
get_style (PathwaysCompareView *self,
           PathwaysChartStyle  *style)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = context != NULL ? pango_context_get_font_description (context) : NULL;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA color;

  pathways_chart_style_init (style, dark ? PATHWAYS_CHART_THEME_DARK : PATHWAYS_CHART_THEME_LIGHT);
  /* the card above says what is compared: a finding over two periods would mislead */
  style->show_title = FALSE;
  /* the footer would name report A's period only; each panel names its own, with n */
  style->show_footer = FALSE;
  if (desc != NULL)
    {
      double size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;

      style->font_family = pango_font_description_get_family (desc);
      if (!pango_font_description_get_size_is_absolute (desc))
        size = size * 96.0 / 72.0;
      if (size > 0)
        style->font_size = size;
    }
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  style->fg_rgba[0] = color.red;
  style->fg_rgba[1] = color.green;
  style->fg_rgba[2] = color.blue;
  style->fg_rgba[3] = color.alpha;
}

/* Whether TABLE's rows are periods (a trend, the activity series): their periods differ
 * from side to side. */
static gboolean
rows_are_periods (const PathwaysReportTable *table)
{
  const PathwaysReportColumn *first = table->columns->len > 0 ? g_ptr_array_index (table->columns, 0) : NULL;

  return table->chart.kind == PATHWAYS_CHART_TREND ||
         (first != NULL && g_strcmp0 (first->id, "period") == 0);
}

/* Whether the table's chart is drawn as two charts side by side, each on its own axes
 * and headed by its side's label, rather than as panels of one figure: a trend (its
 * periods differ from side to side) or a composition. */
static gboolean
separate_charts (const PathwaysReportTable *table)
{
  return rows_are_periods (table) || table->chart.kind == PATHWAYS_CHART_COMPOSITION;
}

/* The room over each separate chart for its label. */
#define SEPARATE_LABEL_HEIGHT 28.0

/* The periods of a series of bars (the activity, ten years of quarters) each side
 * draws: its newest, in order. All of them would not fit, and bars that do not fit
 * fold into the largest few and "All other values", which for periods reads as a
 * ranking of quarters; the differences below keep every pair. */
#define SERIES_ROWS 8

/* Whether TABLE is a series of bars too long to draw whole (SERIES_ROWS). */
static gboolean
series_cut (const PathwaysReportTable *table)
{
  return table != NULL && table->chart.kind == PATHWAYS_CHART_BARS && rows_are_periods (table) &&
         table->rows->len > SERIES_ROWS;
}

/* The chart of side WHICH alone over WIDTH × HEIGHT, on its own scale. */
static PathwaysChartLayout *
layout_side (PathwaysCompareView *self,
             guint                which,
             double               width,
             double               height,
             PangoContext        *context)
{
  const PathwaysReportTable *table = find_table (self->reports[which], self->table_id, self->table_key);
  PathwaysChartStyle style;

  if (table == NULL || width < 4 || height < 4)
    return NULL;
  get_style (self, &style);
  if (series_cut (table))
    {
      /* the same table with its newest rows only (newest first, as the series is) */
      PathwaysReportTable newest = *table;
      g_autoptr(GPtrArray) rows = g_ptr_array_sized_new (SERIES_ROWS);

      for (guint r = 0; r < SERIES_ROWS; r++)
        g_ptr_array_add (rows, g_ptr_array_index (table->rows, r));
      newest.rows = rows;
      return pathways_chart_layout_new (self->reports[which], &newest, width, height, &style, context);
    }
  return pathways_chart_layout_new (self->reports[which], table, width, height, &style, context);
}

/* The scale of LAYOUT's bars, in units of width per unit of value, from its largest
 * bar (whose width goes into BAR_WIDTH); 0 without a bar. */
static double
bar_scale (PathwaysChartLayout *layout,
           double              *bar_width)
{
  double largest = 0, scale = 0;

  *bar_width = 0;
  for (guint i = 0; layout != NULL && i < pathways_chart_layout_get_n_items (layout); i++)
    {
      const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
      const PathwaysChartMark *mark;

      if (item->kind != PATHWAYS_CHART_ITEM_RECT || !(item->flags & PATHWAYS_CHART_ITEM_DATA) ||
          item->mark < 0)
        continue;
      mark = pathways_chart_layout_get_mark (layout, item->mark);
      if (mark == NULL || !isfinite (mark->value) || mark->value <= largest)
        continue;
      largest = mark->value;
      scale = item->width / mark->value;
      *bar_width = item->width;
    }
  return scale;
}

/* The chart of side WHICH alone over WIDTH × HEIGHT (separate_charts()). Bars are on
 * the scale of both sides, as panels of one figure are: the side whose largest bar is
 * smaller is drawn narrower, so that a count is as long on both sides. */
static PathwaysChartLayout *
make_side_layout (PathwaysCompareView *self,
                  guint                which,
                  double               width,
                  double               height,
                  PangoContext        *context)
{
  const PathwaysReportTable *table = find_table (self->reports[which], self->table_id, self->table_key);
  PathwaysChartLayout *layout = layout_side (self, which, width, height, context);
  PathwaysChartLayout *other;
  double bar, other_bar, scale, target;

  if (layout == NULL || table->chart.kind != PATHWAYS_CHART_BARS)
    return layout;
  other = layout_side (self, 1 - which, width, height, context);
  target = bar_scale (other, &other_bar);
  g_clear_pointer (&other, pathways_chart_layout_free);
  /* the bars' room is the width less the labels and values, which do not change:
   * a few rounds find the width whose scale is the other side's */
  for (guint round = 0; round < 4; round++)
    {
      scale = bar_scale (layout, &bar);
      if (target <= 0 || scale <= target * 1.002 || bar <= 0)
        break;
      width -= bar * (1 - target / scale);
      pathways_chart_layout_free (layout);
      layout = layout_side (self, which, width, height, context);
      if (layout == NULL)
        break;
    }
  return layout;
}

PathwaysChartLayout *
pathways_compare_view_get_side_layout (PathwaysCompareView *self,
                                       guint                which,
                                       double               width,
                                       double               height)
{
  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (which < 2, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  return make_side_layout (self, which, width, height, NULL);
}

/* The layout of both panels over WIDTH × HEIGHT, or NULL when a report lacks the table. */
static PathwaysChartLayout *
make_layout (PathwaysCompareView *self,
             double               width,
             double               height,
             PangoContext        *context)
{
  const PathwaysReportTable *found[2];
  PathwaysReportTable panels[2];
  const PathwaysReportTable *tables[2] = { &panels[0], &panels[1] };
  PathwaysChartStyle style;

  for (guint i = 0; i < 2; i++)
    {
      found[i] = find_table (self->reports[i], self->table_id, self->table_key);
      if (found[i] == NULL)
        return NULL;
      /* the same table, headed by its period or group: the panel title is the key */
      panels[i] = *found[i];
      panels[i].key = self->labels[i];
    }
  if (separate_charts (found[0]))
    /* the first side's chart; the second is drawn beside it the same way */
    return make_side_layout (self, 0, width / 2, height - SEPARATE_LABEL_HEIGHT, context);
  get_style (self, &style);
  /* Both panels are laid out on one scale; the panel titles name each side. */
  return pathways_chart_layout_new_panels (self->reports[0], tables, 2, self->title,
                                           width, height, &style, context);
}

PathwaysChartLayout *
pathways_compare_view_get_layout (PathwaysCompareView *self,
                                  double               width,
                                  double               height)
{
  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  return make_layout (self, width, height, NULL);
}

PathwaysReport *
pathways_compare_view_get_report (PathwaysCompareView *self,
                                  guint                which)
{
  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (which < 2, NULL);

  return self->reports[which];
}

const char *
pathways_compare_view_get_label (PathwaysCompareView *self,
                                 guint                which)
{
  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (which < 2, NULL);

  return self->labels[which];
}

static void
pathways_compare_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  PathwaysCompareView *self = PATHWAYS_COMPARE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PathwaysChartLayout *layout;
  PangoContext *context;
  cairo_t *cr;

  if (width <= 0 || height <= 0 ||
      find_table (self->reports[0], self->table_id, self->table_key) == NULL ||
      find_table (self->reports[1], self->table_id, self->table_key) == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  context = pango_cairo_create_context (cr);
  if (separate_charts (find_table (self->reports[0], self->table_id, self->table_key)))
    {
      /* two charts side by side, each headed by its side's label */
      GdkRGBA color;

      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      for (guint i = 0; i < 2; i++)
        {
          PangoLayout *text = gtk_widget_create_pango_layout (widget, self->labels[i]);
          const char *label = self->labels[i] != NULL ? self->labels[i] : "";
          g_autofree char *markup = NULL;

          if (series_cut (find_table (self->reports[i], self->table_id, self->table_key)))
            /* Translators: over one side of a compared series: "Financial year
             * 2022-23 · its newest 8 periods" */
            markup = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE, "<b>%s</b> · its newest %u period",
                                                           "<b>%s</b> · its newest %u periods", SERIES_ROWS),
                                              label, SERIES_ROWS);
          else
            markup = g_markup_printf_escaped ("<b>%s</b>", label);

          pango_layout_set_markup (text, markup, -1);
          pango_layout_set_width (text, (int) (width / 2 - 8) * PANGO_SCALE);
          pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
          cairo_save (cr);
          cairo_translate (cr, i * width / 2.0, 0);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_move_to (cr, 4, 4);
          pango_cairo_show_layout (cr, text);
          cairo_translate (cr, 0, SEPARATE_LABEL_HEIGHT);
          layout = make_side_layout (self, i, width / 2.0, height - SEPARATE_LABEL_HEIGHT, context);
          if (layout != NULL)
            {
              pathways_chart_layout_draw (layout, cr);
              pathways_chart_layout_free (layout);
            }
          cairo_restore (cr);
          g_object_unref (text);
        }
    }
  else
    {
      layout = make_layout (self, width, height, context);
      if (layout != NULL)
        {
          pathways_chart_layout_draw (layout, cr);
          pathways_chart_layout_free (layout);
        }
    }
  g_object_unref (context);
  cairo_destroy (cr);
}

static void
pathways_compare_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 280;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 400;
}

static void
pathways_compare_view_finalize (GObject *object)
{
  PathwaysCompareView *self = PATHWAYS_COMPARE_VIEW (object);

  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&self->reports[i], pathways_report_unref);
      g_clear_pointer (&self->labels[i], g_free);
    }
  g_free (self->table_id);
  g_free (self->table_key);
  g_free (self->title);

  G_OBJECT_CLASS (pathways_compare_view_parent_class)->finalize (object);
}

static void
on_dark_changed (PathwaysCompareView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pathways_compare_view_class_init (PathwaysCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pathways_compare_view_finalize;
  widget_class->snapshot = pathways_compare_view_snapshot;
  widget_class->measure = pathways_compare_view_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pathways_compare_view_init (PathwaysCompareView *self)
{
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
pathways_compare_view_new (const char *table_id,
                           const char *title)
{
  PathwaysCompareView *self;

  g_return_val_if_fail (table_id != NULL, NULL);

  self = g_object_new (PATHWAYS_TYPE_COMPARE_VIEW, NULL);
  self->table_id = g_strdup (table_id);
  self->title = g_strdup (title);
  return GTK_WIDGET (self);
}

void
pathways_compare_view_set_reports (PathwaysCompareView *self,
                                   PathwaysReport      *report_a,
                                   const char          *label_a,
                                   PathwaysReport      *report_b,
                                   const char          *label_b)
{
  PathwaysReport *reports[2] = { report_a, report_b };
  const char *labels[2] = { label_a, label_b };

  g_return_if_fail (PATHWAYS_IS_COMPARE_VIEW (self));

  for (guint i = 0; i < 2; i++)
    {
      if (reports[i] != NULL)
        pathways_report_ref (reports[i]);
      g_clear_pointer (&self->reports[i], pathways_report_unref);
      self->reports[i] = reports[i];
      g_free (self->labels[i]);
      self->labels[i] = g_strdup (labels[i]);
    }

  {
    /* Translators: what assistive technologies say for a comparison chart */
    g_autofree char *description = g_strdup_printf (_("%s: %s compared with %s"),
                                                    self->title != NULL ? self->title : "",
                                                    label_a != NULL ? label_a : "",
                                                    label_b != NULL ? label_b : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pathways_compare_view_set_table_key (PathwaysCompareView *self,
                                     const char          *key)
{
  g_return_if_fail (PATHWAYS_IS_COMPARE_VIEW (self));

  g_free (self->table_key);
  self->table_key = g_strdup (key);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
pathways_compare_view_get_table_key (PathwaysCompareView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), NULL);

  return self->table_key;
}

void
pathways_compare_difference_free (PathwaysCompareDifference *difference)
{
  if (difference == NULL)
    return;
  g_free (difference->label);
  g_free (difference->text[0]);
  g_free (difference->text[1]);
  g_free (difference->change);
  g_free (difference);
}

/* The first column of TABLE of KIND (or of KIND2), -1 when none. */
static int
first_column (const PathwaysReportTable *table,
              PathwaysCellKind           kind,
              PathwaysCellKind           kind2)
{
  for (guint c = 0; c < table->columns->len; c++)
    {
      const PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);

      if (col->kind == kind || col->kind == kind2)
        return (int) c;
    }
  return -1;
}

/* The value of ROW's cell COL, NAN when undefined or absent. */
static double
cell_value (const PathwaysReportRow *row,
            int                      col)
{
  if (row == NULL || col < 0 || !row->cells[col].defined)
    return NAN;
  return row->cells[col].value;
}

/* Whether ROW of TABLE and OTHER of OTHER_TABLE are the same row: the same id and the
 * same texts in the label columns (the service waits share the id "service" and differ
 * by their service type). */
static gboolean
same_row (const PathwaysReportTable *table,
          const PathwaysReportRow   *row,
          const PathwaysReportTable *other_table,
          const PathwaysReportRow   *other)
{
  if (g_strcmp0 (row->id, other->id) != 0)
    return FALSE;
  for (guint c = 0; c < table->columns->len && c < other_table->columns->len; c++)
    {
      const PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);

      if (col->kind == PATHWAYS_CELL_LABEL &&
          g_strcmp0 (row->cells[c].text, other->cells[c].text) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The row of TABLE that is ROW (number R) of FIRST, or NULL. A trend's rows are its
 * periods, different on each side: they pair in order (the newest with the newest, a
 * year before for two financial years). */
static const PathwaysReportRow *
matching_row (const PathwaysReportTable *table,
              const PathwaysReportTable *first,
              const PathwaysReportRow   *row,
              guint                      r)
{
  if (rows_are_periods (first))
    return r < table->rows->len ? g_ptr_array_index (table->rows, r) : NULL;
  for (guint k = 0; k < table->rows->len; k++)
    {
      const PathwaysReportRow *other = g_ptr_array_index (table->rows, k);

      if (same_row (first, row, table, other))
        return other;
    }
  return NULL;
}

/* ROW in words: its label cells, "Service waiting time · Therapy"; a trend's period
 * by its name alone, "2022-23 Q4" (its dates follow from it); its id without any. */
static char *
row_label (const PathwaysReportTable *table,
           const PathwaysReportRow   *row)
{
  GString *label = g_string_new (NULL);

  for (guint c = 0; c < table->columns->len; c++)
    {
      const PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);
      g_autofree char *text = NULL;

      if (label->len > 0 && rows_are_periods (table))
        break;
      /* an empty label (a wait with no service type) says nothing */
      if (col->kind != PATHWAYS_CELL_LABEL || row->cells[c].kind != PATHWAYS_CELL_LABEL ||
          row->cells[c].text == NULL || row->cells[c].text[0] == '\0')
        continue;
      text = pathways_labels_format_cell (table, c, &row->cells[c], 0);
      if (text == NULL || text[0] == '\0')
        continue;
      if (label->len > 0)
        g_string_append (label, " · ");
      g_string_append (label, text);
    }
  if (label->len == 0)
    g_string_append (label, row->id);
  return g_string_free (label, FALSE);
}

/* The label of row RA of A compared with RB of B: RA's, or for a trend both periods,
 * "2022-23 Q4 / 2021-22 Q4". */
static char *
pair_label (const PathwaysReportTable *a,
            const PathwaysReportRow   *ra,
            const PathwaysReportTable *b,
            const PathwaysReportRow   *rb)
{
  g_autofree char *first = row_label (a, ra);
  g_autofree char *second = NULL;

  if (rb == NULL || !rows_are_periods (a))
    return g_steal_pointer (&first);
  second = row_label (b, rb);
  if (g_strcmp0 (first, second) == 0)
    return g_steal_pointer (&first);
  /* Translators: a period compared with another: "2022-23 Q4 / 2021-22 Q4" */
  return g_strdup_printf (_("%s / %s"), first, second);
}

/* A signed figure with DECIMALS decimals and a real minus sign: "+12", "−1.4",
 * "+83,114"; no sign on nothing ("0", not "−0"). */
static char *
signed_text (double value,
             int    decimals)
{
  /* whole numbers grouped as counts are: "+83,114" */
  g_autofree char *number = decimals == 0 ? pathways_format_count ((guint64) llround (fabs (value)))
                                          : g_strdup_printf ("%.*f", decimals, fabs (value));

  if (strspn (number, "0.") == strlen (number))
    return g_steal_pointer (&number);
  return g_strdup_printf ("%s%s", value < 0 ? "−" : "+", number);
}

/* "443 (9.3 %)", "443", "9.3 %" */
static char *
side_text (double count,
           double share)
{
  g_autofree char *n = isnan (count) ? NULL : pathways_format_count ((guint64) MAX (count, 0));
  g_autofree char *pct = isnan (share) ? NULL : pathways_format_percent (share);

  if (n != NULL && pct != NULL)
    return g_strdup_printf ("%s (%s)", n, pct);
  return g_strdup (n != NULL ? n : pct != NULL ? pct : "–");
}

static char *
change_text (double count_change,
             double points)
{
  g_autofree char *count = NULL, *pts = NULL;

  if (!isnan (count_change))
    {
      g_autofree char *number = signed_text (count_change, 0);

      /* Translators: the percent change of a count, "+12 %" */
      count = g_strdup_printf (_("%s %%"), number);
    }
  if (!isnan (points))
    {
      g_autofree char *number = signed_text (points, 1);

      /* Translators: a difference of two percents, "−1.4 points" */
      pts = g_strdup_printf (_("%s points"), number);
    }
  if (count != NULL && pts != NULL)
    return g_strdup_printf ("%s · %s", count, pts);
  return g_strdup (count != NULL ? count : pts != NULL ? pts : "–");
}

GPtrArray *
pathways_compare_view_get_differences (PathwaysCompareView *self)
{
  const PathwaysReportTable *a, *b;
  GPtrArray *out;
  int count_col, share_col;

  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), NULL);

  a = find_table (self->reports[0], self->table_id, self->table_key);
  b = find_table (self->reports[1], self->table_id, self->table_key);
  if (a == NULL || b == NULL)
    return NULL;
  count_col = first_column (a, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT);
  share_col = first_column (a, PATHWAYS_CELL_PERCENT, PATHWAYS_CELL_RATE);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_compare_difference_free);
  for (guint r = 0; r < a->rows->len; r++)
    {
      const PathwaysReportRow *ra = g_ptr_array_index (a->rows, r);
      const PathwaysReportRow *rb = matching_row (b, a, ra, r);
      PathwaysCompareDifference *d = g_new0 (PathwaysCompareDifference, 1);
      double ca = cell_value (ra, count_col), cb = cell_value (rb, count_col);
      double sa = cell_value (ra, share_col), sb = cell_value (rb, share_col);

      /* a value the second side does not have is none of its cases */
      if (rb == NULL && count_col >= 0)
        cb = 0;
      if (rb == NULL && share_col >= 0)
        sb = 0;
      d->label = pair_label (a, ra, b, rb);
      d->text[0] = side_text (ca, sa);
      d->text[1] = side_text (cb, sb);
      d->count_change = !isnan (ca) && !isnan (cb) && cb > 0 ? (ca - cb) / cb * 100.0 : NAN;
      d->points = !isnan (sa) && !isnan (sb) ? sa - sb : NAN;
      d->change = change_text (d->count_change, d->points);
      g_ptr_array_add (out, d);
    }
  return out;
}

/* Whether column C of TABLE is compared beside the first count and share: a figure,
 * not a label, a setting or an interval bound. */
static gboolean
further_column (const PathwaysReportTable *table,
                int                        c,
                int                        count_col,
                int                        share_col)
{
  const PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);

  if (c == count_col || c == share_col)
    return FALSE;
  if (col->kind == PATHWAYS_CELL_LABEL || col->kind == PATHWAYS_CELL_SETTING)
    return FALSE;
  return !(g_str_has_suffix (col->id, "_low") || g_str_has_suffix (col->id, "_high"));
}

/* One figure of a side: "443", "9.3 %", "12.5", "−3.0" */
static char *
figure_text (PathwaysCellKind kind,
             double           value)
{
  if (isnan (value))
    return g_strdup ("–");
  switch (kind)
    {
    case PATHWAYS_CELL_COUNT:
      return pathways_format_count ((guint64) MAX (llround (value), 0));
    case PATHWAYS_CELL_PERCENT:
      return pathways_format_percent (value);
    case PATHWAYS_CELL_RATE:
    case PATHWAYS_CELL_STATISTIC:
    case PATHWAYS_CELL_LABEL:
    case PATHWAYS_CELL_SETTING:
    default:
      {
        /* as the report's tables show it: "1,964.0", a real minus ("−3.0") */
        PathwaysCell cell = { .kind = PATHWAYS_CELL_STATISTIC, .defined = TRUE, .value = value };

        return pathways_cell_format (&cell, 0);
      }
    }
}

GPtrArray *
pathways_compare_view_get_figure_differences (PathwaysCompareView *self)
{
  const PathwaysReportTable *a, *b;
  GPtrArray *out;
  int count_col, share_col;

  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), NULL);

  a = find_table (self->reports[0], self->table_id, self->table_key);
  b = find_table (self->reports[1], self->table_id, self->table_key);
  if (a == NULL || b == NULL)
    return NULL;
  count_col = first_column (a, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT);
  share_col = first_column (a, PATHWAYS_CELL_PERCENT, PATHWAYS_CELL_RATE);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pathways_compare_difference_free);
  for (guint r = 0; r < a->rows->len; r++)
    {
      const PathwaysReportRow *ra = g_ptr_array_index (a->rows, r);
      const PathwaysReportRow *rb = matching_row (b, a, ra, r);
      g_autofree char *label = pair_label (a, ra, b, rb);

      for (guint c = 0; c < a->columns->len; c++)
        {
          const PathwaysReportColumn *col = g_ptr_array_index (a->columns, c);
          PathwaysCompareDifference *d;
          double va, vb;
          int cb = -1;

          if (!further_column (a, (int) c, count_col, share_col))
            continue;
          /* the same column on the second side, by its id */
          for (guint k = 0; k < b->columns->len; k++)
            if (g_strcmp0 (((PathwaysReportColumn *) g_ptr_array_index (b->columns, k))->id, col->id) == 0)
              cb = (int) k;
          va = cell_value (ra, (int) c);
          vb = cell_value (rb, cb);
          /* a value the second side does not have is none of its cases */
          if (rb == NULL && col->kind == PATHWAYS_CELL_COUNT)
            vb = 0;
          /* a figure neither side has (recovery of a scale that is not clinical) */
          if (isnan (va) && isnan (vb))
            continue;

          d = g_new0 (PathwaysCompareDifference, 1);
          /* Translators: one figure of a compared row: "Referral to contact: Median days" */
          d->label = g_strdup_printf (_("%s: %s"), label, col->label);
          d->text[0] = figure_text (col->kind, va);
          d->text[1] = figure_text (col->kind, vb);
          d->count_change = NAN;
          d->points = NAN;
          if (col->kind == PATHWAYS_CELL_COUNT)
            {
              d->count_change = !isnan (va) && !isnan (vb) && vb > 0 ? (va - vb) / vb * 100.0 : NAN;
              d->change = change_text (d->count_change, NAN);
            }
          else if (col->kind == PATHWAYS_CELL_PERCENT || col->kind == PATHWAYS_CELL_RATE)
            {
              d->points = !isnan (va) && !isnan (vb) ? va - vb : NAN;
              d->change = change_text (NAN, d->points);
            }
          else
            /* a statistic: the difference in its own unit (days, points of a scale) */
            d->change = !isnan (va) && !isnan (vb) ? signed_text (va - vb, 1) : g_strdup ("–");
          g_ptr_array_add (out, d);
        }
    }
  return out;
}

gboolean
pathways_compare_view_side_is_empty (PathwaysCompareView *self,
                                     guint                which)
{
  const PathwaysReportTable *table;
  int count_col;

  g_return_val_if_fail (PATHWAYS_IS_COMPARE_VIEW (self), TRUE);
  g_return_val_if_fail (which < 2, TRUE);

  table = find_table (self->reports[which], self->table_id, self->table_key);
  if (table == NULL)
    return TRUE;
  count_col = first_column (table, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT);
  if (count_col < 0)
    return table->rows->len == 0;
  for (guint r = 0; r < table->rows->len; r++)
    if (cell_value (g_ptr_array_index (table->rows, r), count_col) > 0)
      return FALSE;
  return TRUE;
}
