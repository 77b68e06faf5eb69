/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-chart-view.h"
#include "pathways-chart-layout.h"

struct _PathwaysChartView
{
  GtkWidget        parent_instance;

  char            *table_id;
  char            *table_key;
  PathwaysReport  *report;
  PathwaysReportTable *table;   /* owned by the report */
  char            *description;
  double           font_size;
  gboolean         show_title;
  char           **highlight;      /* rows chosen by a filter, or NULL */
  gulong           dark_handler;
  /* for the pointer: the layout of the last size drawn, the mark under the pointer */
  PathwaysChartLayout *layout;
  int              layout_width, layout_height;
  int              hover;
  /* the keyboard: the mark arrows moved to (-1: the chart as a whole), and whether a
   * mark filters when clicked or activated */
  int              focus_mark;
  gboolean         activatable;
  char            *mark_text;
};

G_DEFINE_FINAL_TYPE (PathwaysChartView, pathways_chart_view, GTK_TYPE_WIDGET)

enum {
  MARK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_TABLE_ID,
  PROP_TABLE_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PathwaysChartLayout *ensure_layout (PathwaysChartView *self);

/* The accessible description: the mark the arrows moved to, else the whole chart. */
static void
update_accessible_description (PathwaysChartView *self)
{
  const char *text = self->mark_text;

  if (text == NULL)
    text = self->description != NULL ? self->description : _("No figures for this selection");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
update_accessible (PathwaysChartView *self)
{
  const char *label = NULL;

  g_clear_pointer (&self->description, g_free);

  if (self->table != NULL)
    {
      label = self->table->chart.title != NULL ? self->table->chart.title : self->table->title;
      self->description = pathways_chart_describe (self->report, self->table);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Chart"),
                                  -1);
  update_accessible_description (self);
}

/* The text of mark INDEX as the hover tooltip shows it: the exact count and percent,
 * or "<5" for a suppressed value (the layout never puts its number there). */
static char *
mark_text (const PathwaysChartMark *mark)
{
  if (mark->tooltip != NULL)
    return g_strdup (mark->tooltip);
  return g_strdup (mark->label);
}

/* Moves the keyboard to mark INDEX (-1: none), announcing it. */
static void
set_focus_mark (PathwaysChartView *self,
                int                index)
{
  PathwaysChartLayout *layout = ensure_layout (self);
  guint n = layout != NULL ? pathways_chart_layout_get_n_marks (layout) : 0;

  /* not laid out yet (a new card): kept, and read once it has a size */
  if (layout != NULL && index >= (int) n)
    index = (int) n - 1;
  if (index < -1)
    index = -1;

  g_clear_pointer (&self->mark_text, g_free);
  self->focus_mark = index;
  if (index >= 0 && layout != NULL)
    self->mark_text = mark_text (pathways_chart_layout_get_mark (layout, (guint) index));
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pathways_chart_view_get_style (PathwaysChartView  *self,
                               PathwaysChartStyle *style)
{
  PangoContext *context;
  const PangoFontDescription *desc;
  GdkRGBA color;
  gboolean dark;

  g_return_if_fail (PATHWAYS_IS_CHART_VIEW (self));
  g_return_if_fail (style != NULL);

  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  pathways_chart_style_init (style, dark ? PATHWAYS_CHART_THEME_DARK : PATHWAYS_CHART_THEME_LIGHT);
  style->show_title = self->show_title;
  style->show_footer = TRUE;
  style->highlight = (const char * const *) self->highlight;

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  desc = context != NULL ? pango_context_get_font_description (context) : NULL;
  if (desc != NULL)
    {
      double size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;

      /* the family string stays owned by the context, which outlives the draw */
      style->font_family = pango_font_description_get_family (desc);
      if (!pango_font_description_get_size_is_absolute (desc))
        size = size * 96.0 / 72.0;
      if (size > 0)
        style->font_size = size;
    }
  if (self->font_size > 0)
    style->font_size = self->font_size;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  style->fg_rgba[0] = color.red;
  style->fg_rgba[1] = color.green;
  style->fg_rgba[2] = color.blue;
  style->fg_rgba[3] = color.alpha;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The mark the arrows moved to: outlined in the theme's focus colour, with its exact
 * figures in a tooltip-like label beside it (the keyboard has no hover). */
static void
draw_focus_mark (PathwaysChartView *self,
                 cairo_t           *cr,
                 int                width,
                 int                height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PathwaysChartLayout *layout = ensure_layout (self);
  const PathwaysChartMark *mark;
  g_autoptr(PangoLayout) text = NULL;
  GdkRGBA focus;
  const double pad_x = 8, pad_y = 5, gap = 6;
  double bx, by, bw, bh, mx, my, mw, mh;
  int tw, th;

  if (layout == NULL || (guint) self->focus_mark >= pathways_chart_layout_get_n_marks (layout) ||
      self->mark_text == NULL)
    return;
  mark = pathways_chart_layout_get_mark (layout, (guint) self->focus_mark);

  /* Adwaita's accent colour, which its focus rings use */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &focus))
    gdk_rgba_parse (&focus, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS

  mx = MAX (mark->x - 3, 1.5);
  my = MAX (mark->y - 3, 1.5);
  mw = MIN (mark->x + mark->width + 3, width - 1.5) - mx;
  mh = MIN (mark->y + mark->height + 3, height - 1.5) - my;
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &focus);
  cairo_set_line_width (cr, 3);
  rounded_rectangle (cr, mx, my, MAX (mw, 4), MAX (mh, 4), 3);
  cairo_stroke (cr);

  /* the figures: above the mark when there is room, else below, inside the chart */
  text = gtk_widget_create_pango_layout (widget, self->mark_text);
  pango_layout_set_width (text, MAX (width - 2 * pad_x - 8, 40) * PANGO_SCALE);
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (text, &tw, &th);
  bw = tw + 2 * pad_x;
  bh = th + 2 * pad_y;
  bx = CLAMP (mark->x + mark->width / 2 - bw / 2, 4, MAX (width - bw - 4, 4));
  by = mark->y - gap - bh;
  if (by < 4)
    by = mark->y + mark->height + gap;
  if (by + bh > height - 4)
    by = MAX (height - bh - 4, 4);

  rounded_rectangle (cr, bx, by, bw, bh, 6);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_move_to (cr, bx + pad_x, by + pad_y);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  pango_cairo_show_layout (cr, text);
  cairo_restore (cr);
}

static void
pathways_chart_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  PathwaysChartView *self = PATHWAYS_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PathwaysChartStyle style;
  cairo_t *cr;

  if (self->report == NULL || self->table == NULL || width <= 0 || height <= 0)
    return;

  pathways_chart_view_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pathways_chart_draw (cr, self->report, self->table, width, height, &style);

  if (self->hover >= 0 && self->layout != NULL &&
      self->layout_width == width && self->layout_height == height &&
      (guint) self->hover < pathways_chart_layout_get_n_marks (self->layout))
    {
      const PathwaysChartMark *mark = pathways_chart_layout_get_mark (self->layout, (guint) self->hover);

      /* the mark under the pointer is outlined */
      cairo_set_source_rgba (cr, style.fg_rgba[0], style.fg_rgba[1], style.fg_rgba[2], 0.8);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, mark->x - 1, mark->y - 1, mark->width + 2, mark->height + 2);
      cairo_stroke (cr);
    }

  if (self->focus_mark >= 0 && gtk_widget_has_visible_focus (widget))
    draw_focus_mark (self, cr, width, height);
  cairo_destroy (cr);
}

static void
invalidate_layout (PathwaysChartView *self)
{
  g_clear_pointer (&self->layout, pathways_chart_layout_free);
  self->hover = -1;
}

/* After new figures: the keyboard stays on the same place, with the new text. */
static void
refresh_focus_mark (PathwaysChartView *self)
{
  if (self->focus_mark >= 0)
    set_focus_mark (self, self->focus_mark);
}

static PathwaysChartLayout *
ensure_layout (PathwaysChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  PathwaysChartStyle style;

  if (self->report == NULL || self->table == NULL || width <= 0 || height <= 0)
    return NULL;
  if (self->layout != NULL && self->layout_width == width && self->layout_height == height)
    return self->layout;

  g_clear_pointer (&self->layout, pathways_chart_layout_free);
  pathways_chart_view_get_style (self, &style);
  self->layout = pathways_chart_layout_new (self->report, self->table, width, height, &style,
                                            gtk_widget_get_pango_context (GTK_WIDGET (self)));
  self->layout_width = width;
  self->layout_height = height;
  return self->layout;
}

static int
mark_at (PathwaysChartView *self,
         double             x,
         double             y)
{
  PathwaysChartLayout *layout = ensure_layout (self);

  return layout != NULL ? pathways_chart_layout_mark_at (layout, x, y) : -1;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           gpointer                  user_data)
{
  PathwaysChartView *self = user_data;
  int hover = mark_at (self, x, y);

  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                       hover >= 0 && self->activatable &&
                                       pathways_chart_layout_get_mark (self->layout, (guint) hover)->row_id != NULL
                                       ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          gpointer                  user_data)
{
  PathwaysChartView *self = user_data;

  if (self->hover >= 0)
    {
      self->hover = -1;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  PathwaysChartView *self = PATHWAYS_CHART_VIEW (widget);
  int index = mark_at (self, x, y);
  const PathwaysChartMark *mark;

  if (index < 0)
    return FALSE;
  mark = pathways_chart_layout_get_mark (self->layout, (guint) index);
  if (mark->tooltip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, mark->tooltip);
  return TRUE;
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             gpointer         user_data)
{
  PathwaysChartView *self = user_data;
  int index = mark_at (self, x, y);
  const PathwaysChartMark *mark;

  if (index < 0 || !self->activatable)
    return;
  mark = pathways_chart_layout_get_mark (self->layout, (guint) index);
  /* "All other values" stands for several rows: nothing to filter by */
  if (mark->row_id == NULL)
    return;
  g_signal_emit (self, signals[MARK_ACTIVATED], 0, mark->row_id, mark->label);
}

/* Arrows move between the marks in their order (bars top to bottom, stages, dots),
 * Home and End jump to the first and last, Enter or Space does what a click does,
 * Escape leaves the mark. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  PathwaysChartView *self = user_data;
  PathwaysChartLayout *layout;
  int n;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  layout = ensure_layout (self);
  n = layout != NULL ? (int) pathways_chart_layout_get_n_marks (layout) : 0;
  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      set_focus_mark (self, self->focus_mark < 0 ? n - 1 : MAX (self->focus_mark - 1, 0));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      set_focus_mark (self, self->focus_mark < 0 ? 0 : MIN (self->focus_mark + 1, n - 1));
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      set_focus_mark (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      set_focus_mark (self, n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->focus_mark < 0 || self->focus_mark >= n || !self->activatable)
        return FALSE;
      {
        const PathwaysChartMark *mark = pathways_chart_layout_get_mark (layout, (guint) self->focus_mark);

        if (mark->row_id == NULL)
          return FALSE;
        g_signal_emit (self, signals[MARK_ACTIVATED], 0, mark->row_id, mark->label);
      }
      return TRUE;
    case GDK_KEY_Escape:
      if (self->focus_mark < 0)
        return FALSE;
      set_focus_mark (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                gpointer                 user_data)
{
  PathwaysChartView *self = user_data;

  /* coming back starts from the chart as a whole */
  if (self->focus_mark >= 0)
    set_focus_mark (self, -1);
}

static void
pathways_chart_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  PathwaysChartView *self = PATHWAYS_CHART_VIEW (widget);

  if (width != self->layout_width || height != self->layout_height)
    invalidate_layout (self);
  /* a mark chosen before the view had a size */
  if (self->focus_mark >= 0 && self->mark_text == NULL)
    set_focus_mark (self, self->focus_mark);
}

static void
on_dark_changed (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 gpointer         user_data)
{
  gtk_widget_queue_draw (GTK_WIDGET (user_data));
}

static void
pathways_chart_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (pathways_chart_view_parent_class)->css_changed (widget, change);
  invalidate_layout (PATHWAYS_CHART_VIEW (widget));
  gtk_widget_queue_draw (widget);
}

static void
pathways_chart_view_dispose (GObject *object)
{
  PathwaysChartView *self = PATHWAYS_CHART_VIEW (object);

  g_clear_signal_handler (&self->dark_handler, adw_style_manager_get_default ());
  invalidate_layout (self);
  self->table = NULL;
  g_clear_pointer (&self->report, pathways_report_unref);

  G_OBJECT_CLASS (pathways_chart_view_parent_class)->dispose (object);
}

static void
pathways_chart_view_finalize (GObject *object)
{
  PathwaysChartView *self = PATHWAYS_CHART_VIEW (object);

  g_free (self->table_id);
  g_free (self->table_key);
  g_free (self->description);
  g_free (self->mark_text);
  g_strfreev (self->highlight);

  G_OBJECT_CLASS (pathways_chart_view_parent_class)->finalize (object);
}

static void
pathways_chart_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PathwaysChartView *self = PATHWAYS_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_TABLE_ID:
      g_value_set_string (value, self->table_id);
      break;
    case PROP_TABLE_KEY:
      g_value_set_string (value, self->table_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_chart_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PathwaysChartView *self = PATHWAYS_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_TABLE_ID:
      g_free (self->table_id);
      self->table_id = g_value_dup_string (value);
      break;
    case PROP_TABLE_KEY:
      g_free (self->table_key);
      self->table_key = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_chart_view_class_init (PathwaysChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_chart_view_dispose;
  object_class->finalize = pathways_chart_view_finalize;
  object_class->get_property = pathways_chart_view_get_property;
  object_class->set_property = pathways_chart_view_set_property;

  widget_class->snapshot = pathways_chart_view_snapshot;
  widget_class->css_changed = pathways_chart_view_css_changed;
  widget_class->size_allocate = pathways_chart_view_size_allocate;

  /* a bar, dot or stage was clicked: ROW_ID is the report row, LABEL its full label */
  signals[MARK_ACTIVATED] = g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  properties[PROP_TABLE_ID] =
    g_param_spec_string ("table-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TABLE_KEY] =
    g_param_spec_string ("table-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pathways_chart_view_init (PathwaysChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->show_title = TRUE;
  self->hover = -1;
  self->focus_mark = -1;
  self->activatable = TRUE;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  self->dark_handler = g_signal_connect_object (adw_style_manager_get_default (),
                                                "notify::dark",
                                                G_CALLBACK (on_dark_changed),
                                                self, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  update_accessible (self);
}

GtkWidget *
pathways_chart_view_new (const char *table_id,
                         const char *table_key)
{
  g_return_val_if_fail (table_id != NULL, NULL);

  return g_object_new (PATHWAYS_TYPE_CHART_VIEW,
                       "table-id", table_id,
                       "table-key", table_key,
                       NULL);
}

void
pathways_chart_view_set_report (PathwaysChartView *self,
                                PathwaysReport    *report)
{
  g_return_if_fail (PATHWAYS_IS_CHART_VIEW (self));

  if (report != NULL)
    pathways_report_ref (report);
  g_clear_pointer (&self->report, pathways_report_unref);
  self->report = report;
  self->table = report != NULL
    ? pathways_report_get_table (report, self->table_id, self->table_key)
    : NULL;

  invalidate_layout (self);
  update_accessible (self);
  refresh_focus_mark (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PathwaysReport *
pathways_chart_view_get_report (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), NULL);

  return self->report;
}

PathwaysReportTable *
pathways_chart_view_get_table (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), NULL);

  return self->table;
}

const char *
pathways_chart_view_get_table_id (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), NULL);

  return self->table_id;
}

const char *
pathways_chart_view_get_table_key (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), NULL);

  return self->table_key;
}

void
pathways_chart_view_set_font_size (PathwaysChartView *self,
                                   double             font_size)
{
  g_return_if_fail (PATHWAYS_IS_CHART_VIEW (self));

  self->font_size = MAX (font_size, 0);
  invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pathways_chart_view_set_show_title (PathwaysChartView *self,
                                    gboolean           show_title)
{
  g_return_if_fail (PATHWAYS_IS_CHART_VIEW (self));

  self->show_title = !!show_title;
  invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pathways_chart_view_set_highlight (PathwaysChartView  *self,
                                   const char * const *row_ids)
{
  g_return_if_fail (PATHWAYS_IS_CHART_VIEW (self));

  if (row_ids == NULL && self->highlight == NULL)
    return;
  if (row_ids != NULL && self->highlight != NULL &&
      g_strv_equal ((const char * const *) self->highlight, row_ids))
    return;
  g_strfreev (self->highlight);
  self->highlight = row_ids != NULL ? g_strdupv ((char **) row_ids) : NULL;
  invalidate_layout (self);
  refresh_focus_mark (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char * const *
pathways_chart_view_get_highlight (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), NULL);

  return (const char * const *) self->highlight;
}

PathwaysChartLayout *
pathways_chart_view_get_layout (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), NULL);

  return ensure_layout (self);
}

const char *
pathways_chart_view_get_description (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), NULL);

  return self->description;
}

void
pathways_chart_view_set_activatable (PathwaysChartView *self,
                                     gboolean           activatable)
{
  g_return_if_fail (PATHWAYS_IS_CHART_VIEW (self));

  self->activatable = !!activatable;
  if (!self->activatable)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

gboolean
pathways_chart_view_get_activatable (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), FALSE);

  return self->activatable;
}

int
pathways_chart_view_get_focus_mark (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), -1);

  return self->focus_mark;
}

void
pathways_chart_view_set_focus_mark (PathwaysChartView *self,
                                    int                index)
{
  g_return_if_fail (PATHWAYS_IS_CHART_VIEW (self));

  set_focus_mark (self, index);
}

const char *
pathways_chart_view_get_mark_text (PathwaysChartView *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_VIEW (self), NULL);

  return self->mark_text;
}
