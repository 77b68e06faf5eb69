/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-targets"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pathways-targets-dialog.h"

struct _PathwaysTargetsDialog
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *list_group;
  GtkLabel            *empty_label;
  AdwComboRow         *measure_row;
  GtkSpinButton       *within_spin;
  AdwComboRow         *unit_row;
  GtkButton           *add_button;
  GtkLabel            *full_label;

  PathwaysTarget       targets[PATHWAYS_MAX_TARGETS];
  guint                n;
  GPtrArray           *rows;     /* AdwActionRow*, one per target, in the group */
  GPtrArray           *spins;    /* GtkSpinButton*, each row's threshold */
  gboolean             filling;  /* rows being made: their spin buttons are being set */
};

G_DEFINE_FINAL_TYPE (PathwaysTargetsDialog, pathways_targets_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fill_rows (PathwaysTargetsDialog *self);

static void
on_within_changed (GtkSpinButton         *spin,
                   PathwaysTargetsDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "index"));

  if (self->filling)
    return;
  pathways_targets_dialog_set_within (self, index, gtk_spin_button_get_value_as_int (spin));
}

static void
on_remove_clicked (GtkButton             *button,
                   PathwaysTargetsDialog *self)
{
  pathways_targets_dialog_remove (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static GtkWidget *
target_row (PathwaysTargetsDialog *self,
            guint                  index)
{
  const PathwaysTarget *t = &self->targets[index];
  g_autofree char *label = pathways_target_get_label (t);
  g_autofree char *id = pathways_target_to_string (t);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, t->unit == PATHWAYS_TARGET_PERCENT ? 100 : 3650, 1);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *spin_name = g_strdup_printf (_("Threshold of “%s”"), label);
  g_autofree char *remove_name = g_strdup_printf (_("Remove “%s”"), label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), id);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), t->within);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_name, -1);
  g_object_set_data (G_OBJECT (spin), "index", GUINT_TO_POINTER (index));
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_within_changed), self);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_ptr_array_add (self->spins, spin);
  return row;
}

static void
fill_rows (PathwaysTargetsDialog *self)
{
  self->filling = TRUE;
  for (guint k = 0; k < self->rows->len; k++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, k));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->spins, 0);
  for (guint k = 0; k < self->n; k++)
    {
      GtkWidget *row = target_row (self, k);
      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->n == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->n < PATHWAYS_MAX_TARGETS);
  gtk_widget_set_visible (GTK_WIDGET (self->full_label), self->n >= PATHWAYS_MAX_TARGETS);
  self->filling = FALSE;
}

/* The add form's target: a planned-closure rate is always in percent. */
static void
form_target (PathwaysTargetsDialog *self,
             PathwaysTarget        *t)
{
  t->measure = MIN (adw_combo_row_get_selected (self->measure_row), PATHWAYS_N_TARGET_MEASURES - 1);
  t->within = gtk_spin_button_get_value_as_int (self->within_spin);
  if (t->measure == PATHWAYS_TARGET_PLANNED_CLOSURE)
    {
      t->unit = PATHWAYS_TARGET_PERCENT;
      t->within = MIN (t->within, 100);
    }
  else
    t->unit = adw_combo_row_get_selected (self->unit_row) == 1 ? PATHWAYS_TARGET_DAYS
                                                               : PATHWAYS_TARGET_WORKING_DAYS;
}

static void
on_measure_changed (AdwComboRow           *row,
                    GParamSpec            *pspec,
                    PathwaysTargetsDialog *self)
{
  gboolean percent = adw_combo_row_get_selected (row) == PATHWAYS_TARGET_PLANNED_CLOSURE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_row), !percent);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->unit_row),
                               percent ? _("A planned-closure rate is a percent of closed cases") : "");
}

static void
on_add_clicked (GtkButton             *button,
                PathwaysTargetsDialog *self)
{
  PathwaysTarget t;

  form_target (self, &t);
  pathways_targets_dialog_add (self, &t);
}

gboolean
pathways_targets_dialog_add (PathwaysTargetsDialog *self,
                             const PathwaysTarget  *target)
{
  g_return_val_if_fail (PATHWAYS_IS_TARGETS_DIALOG (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (self->n >= PATHWAYS_MAX_TARGETS)
    return FALSE;
  for (guint k = 0; k < self->n; k++)
    if (pathways_target_equal (&self->targets[k], target))
      return FALSE;
  self->targets[self->n++] = *target;
  fill_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
pathways_targets_dialog_set_within (PathwaysTargetsDialog *self,
                                    guint                  index,
                                    int                    within)
{
  g_autofree char *label = NULL;

  g_return_if_fail (PATHWAYS_IS_TARGETS_DIALOG (self));
  g_return_if_fail (index < self->n);

  within = CLAMP (within, 0, self->targets[index].unit == PATHWAYS_TARGET_PERCENT ? 100 : 3650);
  if (self->targets[index].within == within)
    return;
  self->targets[index].within = within;
  /* the row's title, id and spin button follow (the spin button keeps the focus) */
  self->filling = TRUE;
  gtk_spin_button_set_value (g_ptr_array_index (self->spins, index), within);
  self->filling = FALSE;
  label = pathways_target_get_label (&self->targets[index]);
  adw_preferences_row_set_title (g_ptr_array_index (self->rows, index), label);
  {
    g_autofree char *id = pathways_target_to_string (&self->targets[index]);
    adw_action_row_set_subtitle (g_ptr_array_index (self->rows, index), id);
  }
  g_signal_emit (self, signals[CHANGED], 0);
}

void
pathways_targets_dialog_remove (PathwaysTargetsDialog *self,
                                guint                  index)
{
  g_return_if_fail (PATHWAYS_IS_TARGETS_DIALOG (self));
  g_return_if_fail (index < self->n);

  memmove (&self->targets[index], &self->targets[index + 1], (self->n - index - 1) * sizeof self->targets[0]);
  self->n--;
  fill_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
pathways_targets_dialog_get_targets (PathwaysTargetsDialog *self,
                                     PathwaysTarget        *out)
{
  g_return_val_if_fail (PATHWAYS_IS_TARGETS_DIALOG (self), 0);
  g_return_val_if_fail (out != NULL, 0);

  memcpy (out, self->targets, self->n * sizeof self->targets[0]);
  return self->n;
}

static void
pathways_targets_dialog_finalize (GObject *object)
{
  PathwaysTargetsDialog *self = PATHWAYS_TARGETS_DIALOG (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->spins);
  G_OBJECT_CLASS (pathways_targets_dialog_parent_class)->finalize (object);
}

static void
pathways_targets_dialog_class_init (PathwaysTargetsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pathways_targets_dialog_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-targets-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysTargetsDialog, list_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysTargetsDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PathwaysTargetsDialog, measure_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysTargetsDialog, within_spin);
  gtk_widget_class_bind_template_child (widget_class, PathwaysTargetsDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysTargetsDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, PathwaysTargetsDialog, full_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_measure_changed);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pathways_targets_dialog_init (PathwaysTargetsDialog *self)
{
  self->rows = g_ptr_array_new ();
  self->spins = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

PathwaysTargetsDialog *
pathways_targets_dialog_new (GtkWindow            *parent,
                             const PathwaysTarget *targets,
                             guint                 n)
{
  PathwaysTargetsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (n == 0 || targets != NULL, NULL);

  self = g_object_new (PATHWAYS_TYPE_TARGETS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->n = MIN (n, PATHWAYS_MAX_TARGETS);
  if (self->n > 0)
    memcpy (self->targets, targets, self->n * sizeof targets[0]);
  fill_rows (self);
  return self;
}
