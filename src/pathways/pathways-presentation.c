/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-presentation"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-presentation.h"
#include "pathways-chart-view.h"

struct _PathwaysPresentation
{
  AdwWindow       parent_instance;

  PathwaysReport *report;      /* protected copy */
  GPtrArray      *views;       /* PathwaysChartView*, one per chart */
  GtkStack       *stack;
  GtkLabel       *position_label;
  guint           index;
};

G_DEFINE_FINAL_TYPE (PathwaysPresentation, pathways_presentation, ADW_TYPE_WINDOW)

static void
show_index (PathwaysPresentation *self)
{
  g_autofree char *position = NULL;

  if (self->views->len == 0)
    return;
  gtk_stack_set_visible_child (self->stack, g_ptr_array_index (self->views, self->index));
  /* Translators: "3 of 12" charts */
  position = g_strdup_printf (_("%u of %u"), self->index + 1, self->views->len);
  gtk_label_set_label (self->position_label, position);
}

void
pathways_presentation_go (PathwaysPresentation *self,
                          int                   delta)
{
  int index;

  g_return_if_fail (PATHWAYS_IS_PRESENTATION (self));

  if (self->views->len == 0)
    return;
  index = CLAMP ((int) self->index + delta, 0, (int) self->views->len - 1);
  self->index = (guint) index;
  show_index (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pathways_presentation_go (PATHWAYS_PRESENTATION (widget), 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pathways_presentation_go (PATHWAYS_PRESENTATION (widget), -1);
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PathwaysPresentation *self = PATHWAYS_PRESENTATION (widget);

  pathways_presentation_go (self, -(int) self->index);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PathwaysPresentation *self = PATHWAYS_PRESENTATION (widget);

  pathways_presentation_go (self, (int) self->views->len);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
pathways_presentation_finalize (GObject *object)
{
  PathwaysPresentation *self = PATHWAYS_PRESENTATION (object);

  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->report, pathways_report_unref);

  G_OBJECT_CLASS (pathways_presentation_parent_class)->finalize (object);
}

static void
pathways_presentation_class_init (PathwaysPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pathways_presentation_finalize;

  gtk_widget_class_install_action (widget_class, "presentation.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "presentation.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "presentation.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "presentation.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "presentation.close", NULL, close_action);
}

/* The keys the footer and the shortcuts window name. */
static const struct {
  guint       keyval;
  const char *action;
} keys[] = {
  { GDK_KEY_Right, "presentation.next" },
  { GDK_KEY_Down, "presentation.next" },
  { GDK_KEY_Page_Down, "presentation.next" },
  { GDK_KEY_space, "presentation.next" },
  { GDK_KEY_Left, "presentation.previous" },
  { GDK_KEY_Up, "presentation.previous" },
  { GDK_KEY_Page_Up, "presentation.previous" },
  { GDK_KEY_BackSpace, "presentation.previous" },
  { GDK_KEY_Home, "presentation.first" },
  { GDK_KEY_End, "presentation.last" },
  { GDK_KEY_Escape, "presentation.close" },
  { GDK_KEY_F5, "presentation.close" },
};

static void
pathways_presentation_init (PathwaysPresentation *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->views = g_ptr_array_new ();

  /* in the capture phase, before any widget inside: a chart would take arrows, Space
   * and Home for its marks */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, 0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

PathwaysPresentation *
pathways_presentation_new (GtkWindow                      *parent,
                           PathwaysReport                 *report,
                           GPtrArray                      *tables,
                           const PathwaysDisclosurePolicy *policy)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(PathwaysOutputPages) pages = NULL;
  PathwaysPresentation *self;
  GtkWidget *overlay, *footer, *hint;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (tables != NULL, NULL);

  self = g_object_new (PATHWAYS_TYPE_PRESENTATION,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("Presentation"),
                       NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");

  /* the slides show the output module's protected copy, as print does */
  names = g_ptr_array_sized_new (tables->len + 1);   /* borrowed strings */
  for (guint i = 0; i < tables->len; i++)
    g_ptr_array_add (names, g_ptr_array_index (tables, i));
  g_ptr_array_add (names, NULL);
  pages = pathways_output_pages_new (report, policy, (const char * const *) names->pdata);
  self->report = pathways_report_ref (pathways_output_pages_get_report (pages));

  overlay = gtk_overlay_new ();
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->stack));

  for (guint i = 0; i < tables->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (tables, i), "\n", 2);
      const char *key = parts[1] != NULL && parts[1][0] != '\0' ? parts[1] : NULL;
      GtkWidget *view = pathways_chart_view_new (parts[0], key);

      pathways_chart_view_set_report (PATHWAYS_CHART_VIEW (view), self->report);
      if (pathways_chart_view_get_table (PATHWAYS_CHART_VIEW (view)) == NULL)
        {
          g_object_ref_sink (view);
          g_object_unref (view);
          continue;
        }
      gtk_widget_add_css_class (view, "presentation-chart");
      /* a slide is looked at, not worked with: the keys move between slides */
      gtk_widget_set_focusable (view, FALSE);
      gtk_widget_set_vexpand (view, TRUE);
      pathways_chart_view_set_font_size (PATHWAYS_CHART_VIEW (view), 26);
      gtk_stack_add_child (self->stack, view);
      g_ptr_array_add (self->views, view);
    }

  footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_set_valign (footer, GTK_ALIGN_END);
  gtk_widget_set_halign (footer, GTK_ALIGN_END);
  gtk_widget_add_css_class (footer, "presentation-footer");
  hint = gtk_label_new (_("Arrow keys to move, Esc to leave"));
  gtk_widget_add_css_class (hint, "dim-label");
  self->position_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "numeric");
  gtk_box_append (GTK_BOX (footer), hint);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->position_label));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), footer);

  if (self->views->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Charts to Show"));
      gtk_stack_add_child (self->stack, empty);
    }

  adw_window_set_content (ADW_WINDOW (self), overlay);
  show_index (self);

  return self;
}

guint
pathways_presentation_get_index (PathwaysPresentation *self)
{
  g_return_val_if_fail (PATHWAYS_IS_PRESENTATION (self), 0);

  return self->index;
}

guint
pathways_presentation_get_n_charts (PathwaysPresentation *self)
{
  g_return_val_if_fail (PATHWAYS_IS_PRESENTATION (self), 0);

  return self->views->len;
}

PathwaysReport *
pathways_presentation_get_report (PathwaysPresentation *self)
{
  g_return_val_if_fail (PATHWAYS_IS_PRESENTATION (self), NULL);

  return self->report;
}
