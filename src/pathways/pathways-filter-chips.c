/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-filter-chips"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-filter-chips.h"

/* One chip: what it takes away, and its button. */
typedef struct {
  PathwaysFilterChips *chips;    /* not a reference: the chips own the chip */
  int                  field;    /* -1: the journey stage */
  char                *value;
  char                *text;
  GtkButton           *button;
} Chip;

struct _PathwaysFilterChips
{
  GtkWidget   parent_instance;

  /* template children */
  GtkFlowBox *flow;

  GPtrArray  *chips;   /* Chip* in the order shown */
};

G_DEFINE_FINAL_TYPE (PathwaysFilterChips, pathways_filter_chips, GTK_TYPE_WIDGET)

enum {
  REMOVE_VALUE,
  REMOVE_STAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chip_free (gpointer data)
{
  Chip *chip = data;

  g_free (chip->value);
  g_free (chip->text);
  g_free (chip);
}

static void
chip_clicked (GtkButton *button,
              gpointer   user_data)
{
  Chip *chip = user_data;
  PathwaysFilterChips *self = chip->chips;
  g_autofree char *value = g_strdup (chip->value);
  int field = chip->field;

  /* the handler may replace the chips, this one with them */
  if (field < 0)
    g_signal_emit (self, signals[REMOVE_STAGE], 0);
  else
    g_signal_emit (self, signals[REMOVE_VALUE], 0, (guint) field, value);
}

static void
add_chip (PathwaysFilterChips *self,
          int                  field,
          const char          *value,
          const char          *name,
          const char          *shown)
{
  Chip *chip = g_new0 (Chip, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label, *button;
  g_autofree char *remove = NULL;
  g_autofree char *clean = pathways_format_label (shown, PATHWAYS_FORMAT_LABEL_MAX_CHARS);

  chip->chips = self;
  chip->field = field;
  chip->value = g_strdup (value);
  /* Translators: a filter chip, "Referral source: Police" */
  chip->text = g_strdup_printf (_("%s: %s"), name, clean);
  g_ptr_array_add (self->chips, chip);

  gtk_widget_add_css_class (box, "filter-chip");
  label = gtk_label_new (chip->text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (GTK_BOX (box), label);
  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  /* Translators: the button of a filter chip, "Remove Referral source: Police" */
  remove = g_strdup_printf (_("Remove %s"), chip->text);
  gtk_widget_set_tooltip_text (button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (chip_clicked), chip);
  chip->button = GTK_BUTTON (button);
  gtk_box_append (GTK_BOX (box), button);
  gtk_flow_box_append (self->flow, box);
  /* the flow box is only a layout: Tab goes to the buttons */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
remove_chips (PathwaysFilterChips *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow))) != NULL)
    gtk_flow_box_remove (self->flow, child);
  if (self->chips != NULL)
    g_ptr_array_set_size (self->chips, 0);
}

static void
pathways_filter_chips_dispose (GObject *object)
{
  PathwaysFilterChips *self = PATHWAYS_FILTER_CHIPS (object);
  GtkWidget *child;

  if (self->flow != NULL)
    remove_chips (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_FILTER_CHIPS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->chips, g_ptr_array_unref);

  G_OBJECT_CLASS (pathways_filter_chips_parent_class)->dispose (object);
}

static void
pathways_filter_chips_class_init (PathwaysFilterChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_filter_chips_dispose;

  /* The chip of FIELD = VALUE was asked to go. */
  signals[REMOVE_VALUE] = g_signal_new ("remove-value", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /* The chip of the journey stage was asked to go. */
  signals[REMOVE_STAGE] = g_signal_new ("remove-stage", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-filter-chips.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysFilterChips, flow);
  gtk_widget_class_set_css_name (widget_class, "filterchips");
}

static void
pathways_filter_chips_init (PathwaysFilterChips *self)
{
  self->chips = g_ptr_array_new_with_free_func (chip_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pathways_filter_chips_new (void)
{
  return g_object_new (PATHWAYS_TYPE_FILTER_CHIPS, NULL);
}

void
pathways_filter_chips_set_filter (PathwaysFilterChips  *self,
                                  const PathwaysFilter *filter)
{
  const char *stage;

  g_return_if_fail (PATHWAYS_IS_FILTER_CHIPS (self));

  remove_chips (self);
  for (guint i = 0; filter != NULL && i < pathways_filter_get_n_fields (filter); i++)
    {
      PathwaysField field = pathways_filter_get_field (filter, i);
      const char * const *values = pathways_filter_get_values (filter, field);

      for (guint v = 0; values != NULL && values[v] != NULL; v++)
        add_chip (self, (int) field, values[v], _(pathways_field_get_label (field)), values[v]);
    }
  stage = filter != NULL ? pathways_filter_get_stage (filter) : NULL;
  for (guint s = 0; stage != NULL && s < PATHWAYS_N_STAGES; s++)
    if (g_str_equal (stage, pathways_stage_get_id (s)))
      /* Translators: the chip of a journey stage, "Reached: Assessed" */
      add_chip (self, -1, stage, C_("filter chip", "Reached"), pathways_stage_get_label (s));
  gtk_widget_set_visible (GTK_WIDGET (self), self->chips->len > 0);
}

guint
pathways_filter_chips_get_n_chips (PathwaysFilterChips *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_CHIPS (self), 0);

  return self->chips->len;
}

const char *
pathways_filter_chips_get_text (PathwaysFilterChips *self,
                                guint                index)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_CHIPS (self), NULL);
  g_return_val_if_fail (index < self->chips->len, NULL);

  return ((Chip *) g_ptr_array_index (self->chips, index))->text;
}

GtkButton *
pathways_filter_chips_get_button (PathwaysFilterChips *self,
                                  guint                index)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_CHIPS (self), NULL);
  g_return_val_if_fail (index < self->chips->len, NULL);

  return ((Chip *) g_ptr_array_index (self->chips, index))->button;
}
