/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-report-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pathways-report-page.h"

struct _PathwaysReportPage
{
  GtkWidget         parent_instance;

  /* template children */
  GtkScrolledWindow *scrolled;
  GtkBox            *box;
  PathwaysCardGrid  *grid;

  GPtrArray         *cards;     /* PathwaysChartCard*: the grid's, in order */
  GPtrArray         *followed;  /* PathwaysChartCard*: elsewhere on the page */
  PathwaysReport    *report;
  gboolean           shown;

  /* whom the funnel follows (the journey page): NULL until shown */
  GtkWidget         *population_row;
  GtkToggleButton   *population_buttons[2];   /* PathwaysPopulation order */
  PathwaysPopulation population;
};

enum {
  PROP_0,
  PROP_POPULATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static void pathways_report_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PathwaysReportPage, pathways_report_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      pathways_report_page_buildable_init))

/* Children given in a .ui file (once the template is built) go below the grid. */
static void
pathways_report_page_add_child (GtkBuildable *buildable,
                                GtkBuilder   *builder,
                                GObject      *child,
                                const char   *type)
{
  PathwaysReportPage *self = PATHWAYS_REPORT_PAGE (buildable);

  if (self->box != NULL && GTK_IS_WIDGET (child) && type == NULL)
    gtk_box_append (self->box, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
pathways_report_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = pathways_report_page_add_child;
}

static void
pathways_report_page_dispose (GObject *object)
{
  PathwaysReportPage *self = PATHWAYS_REPORT_PAGE (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->followed, g_ptr_array_unref);
  g_clear_pointer (&self->report, pathways_report_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_REPORT_PAGE);

  G_OBJECT_CLASS (pathways_report_page_parent_class)->dispose (object);
}

static void
pathways_report_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PathwaysReportPage *self = PATHWAYS_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_POPULATION:
      g_value_set_int (value, self->population);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_report_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PathwaysReportPage *self = PATHWAYS_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_POPULATION:
      pathways_report_page_set_population (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pathways_report_page_class_init (PathwaysReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_report_page_dispose;
  object_class->get_property = pathways_report_page_get_property;
  object_class->set_property = pathways_report_page_set_property;

  /* a PathwaysPopulation: whom the funnel follows */
  properties[PROP_POPULATION] =
    g_param_spec_int ("population", NULL, NULL,
                      PATHWAYS_POPULATION_CLOSED, PATHWAYS_POPULATION_ALL, PATHWAYS_POPULATION_CLOSED,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PATHWAYS_TYPE_CARD_GRID);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysReportPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PathwaysReportPage, box);
  gtk_widget_class_bind_template_child (widget_class, PathwaysReportPage, grid);
  gtk_widget_class_set_css_name (widget_class, "reportpage");
}

static void
pathways_report_page_init (PathwaysReportPage *self)
{
  self->cards = g_ptr_array_new_with_free_func (g_object_unref);
  self->followed = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pathways_report_page_new (void)
{
  return g_object_new (PATHWAYS_TYPE_REPORT_PAGE, NULL);
}

PathwaysCardGrid *
pathways_report_page_get_grid (PathwaysReportPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_REPORT_PAGE (self), NULL);

  return self->grid;
}

void
pathways_report_page_add_card (PathwaysReportPage *self,
                               PathwaysChartCard  *card,
                               gboolean            wide)
{
  g_return_if_fail (PATHWAYS_IS_REPORT_PAGE (self));
  g_return_if_fail (PATHWAYS_IS_CHART_CARD (card));

  pathways_card_grid_append (self->grid, GTK_WIDGET (card), wide);
  g_ptr_array_add (self->cards, g_object_ref (card));
}

void
pathways_report_page_follow_card (PathwaysReportPage *self,
                                  PathwaysChartCard  *card)
{
  g_return_if_fail (PATHWAYS_IS_REPORT_PAGE (self));
  g_return_if_fail (PATHWAYS_IS_CHART_CARD (card));

  g_ptr_array_add (self->followed, g_object_ref (card));
}

void
pathways_report_page_remove_cards (PathwaysReportPage *self)
{
  g_return_if_fail (PATHWAYS_IS_REPORT_PAGE (self));

  pathways_card_grid_remove_all (self->grid);
  g_ptr_array_set_size (self->cards, 0);
  g_ptr_array_set_size (self->followed, 0);
}

GPtrArray *
pathways_report_page_get_cards (PathwaysReportPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_REPORT_PAGE (self), NULL);

  return self->cards;
}

void
pathways_report_page_prepend (PathwaysReportPage *self,
                              GtkWidget          *widget)
{
  g_return_if_fail (PATHWAYS_IS_REPORT_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* the choice of whom the funnel follows stays first */
  gtk_box_insert_child_after (self->box, widget, self->population_row);
}

static void
on_population_toggled (GtkToggleButton    *button,
                       PathwaysReportPage *self)
{
  if (gtk_toggle_button_get_active (button))
    pathways_report_page_set_population (self, button == self->population_buttons[PATHWAYS_POPULATION_ALL]
                                               ? PATHWAYS_POPULATION_ALL : PATHWAYS_POPULATION_CLOSED);
}

void
pathways_report_page_show_population (PathwaysReportPage *self)
{
  static const char *labels[] = { N_("_Closed Cases"), N_("_All Referrals") };
  static const char *tooltips[] = {
    N_("Follow the cases closed in the period, each to its end"),
    N_("Follow every case referred in the period, open ones included"),
  };
  GtkWidget *label, *buttons;

  g_return_if_fail (PATHWAYS_IS_REPORT_PAGE (self));

  if (self->population_row != NULL)
    return;
  self->population_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("Journey of"));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (buttons, "linked");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (buttons), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cases the journey follows"), -1);
  for (guint p = 0; p < G_N_ELEMENTS (labels); p++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_mnemonic (_(labels[p]));

      gtk_widget_set_tooltip_text (button, _(tooltips[p]));
      if (p > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->population_buttons[0]);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), p == self->population);
      g_signal_connect (button, "toggled", G_CALLBACK (on_population_toggled), self);
      self->population_buttons[p] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  gtk_box_append (GTK_BOX (self->population_row), label);
  gtk_box_append (GTK_BOX (self->population_row), buttons);
  gtk_box_prepend (self->box, self->population_row);
}

PathwaysPopulation
pathways_report_page_get_population (PathwaysReportPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_REPORT_PAGE (self), PATHWAYS_POPULATION_CLOSED);

  return self->population;
}

void
pathways_report_page_set_population (PathwaysReportPage *self,
                                     PathwaysPopulation  population)
{
  g_return_if_fail (PATHWAYS_IS_REPORT_PAGE (self));
  g_return_if_fail (population == PATHWAYS_POPULATION_CLOSED || population == PATHWAYS_POPULATION_ALL);

  if (self->population == population)
    return;
  self->population = population;
  if (self->population_buttons[population] != NULL)
    gtk_toggle_button_set_active (self->population_buttons[population], TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POPULATION]);
}

/* Gives the page's report to the cards of CARDS that show another; returns how many. */
static guint
update_cards (PathwaysReportPage *self,
              GPtrArray          *cards)
{
  guint n = 0;

  for (guint i = 0; self->report != NULL && i < cards->len; i++)
    {
      PathwaysChartCard *card = g_ptr_array_index (cards, i);

      PathwaysChartView *view = pathways_chart_card_get_view (card);
      g_autofree char *funnel = NULL;

      if (pathways_chart_view_get_report (view) == self->report)
        continue;
      pathways_chart_card_set_report (card, self->report);
      /* the funnel's title says whom it follows, as in the report */
      if (pathways_chart_view_get_table (view) != NULL &&
          (funnel = pathways_labels_format_funnel_title (self->report,
                                                         pathways_chart_view_get_table (view))) != NULL)
        {
          gtk_label_set_label (pathways_chart_card_get_title_label (card), funnel);
          gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          funnel, -1);
        }
      n++;
    }
  return n;
}

guint
pathways_report_page_set_report (PathwaysReportPage *self,
                                 PathwaysReport     *report,
                                 gboolean            every_card)
{
  g_return_val_if_fail (PATHWAYS_IS_REPORT_PAGE (self), 0);

  if (report != self->report)
    {
      g_clear_pointer (&self->report, pathways_report_unref);
      self->report = report != NULL ? pathways_report_ref (report) : NULL;
    }
  if (!self->shown && !every_card)
    return 0;
  return update_cards (self, self->cards) + update_cards (self, self->followed);
}

guint
pathways_report_page_set_shown (PathwaysReportPage *self,
                                gboolean            shown)
{
  guint n = 0;

  g_return_val_if_fail (PATHWAYS_IS_REPORT_PAGE (self), 0);

  self->shown = !!shown;
  if (self->shown)
    n = update_cards (self, self->cards) + update_cards (self, self->followed);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), self->shown);
  return n;
}

gboolean
pathways_report_page_get_shown (PathwaysReportPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_REPORT_PAGE (self), FALSE);

  return self->shown;
}
