/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-period-chooser"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pathways-period-chooser.h"

/* The groups, in the order of the popover. */
static const PathwaysPeriodKind group_kinds[] = {
  PATHWAYS_PERIOD_FYEAR,
  PATHWAYS_PERIOD_FQUARTER,
  PATHWAYS_PERIOD_YEAR,
  PATHWAYS_PERIOD_QUARTER,
  PATHWAYS_PERIOD_MONTH,
};
#define N_GROUPS G_N_ELEMENTS (group_kinds)

/* One kind of period: its expander, its list (rows made when first expanded) and the
 * periods of the dataset's span, newest first. */
typedef struct {
  GtkExpander *expander;
  GtkListBox  *list;
  GArray      *periods;   /* PathwaysPeriod */
  gboolean     filled;
} Group;

struct _PathwaysPeriodChooser
{
  GtkWidget       parent_instance;

  /* template children */
  GtkMenuButton  *button;
  GtkPopover     *popover;
  GtkListBox     *top_list;
  GtkListBoxRow  *whole_row;
  GtkListBoxRow  *custom_row;
  GtkExpander    *expanders[N_GROUPS];
  GtkListBox     *lists[N_GROUPS];

  Group           groups[N_GROUPS];
  gint32          first;      /* the dataset's span */
  gint32          last;
  PathwaysPeriod  period;     /* the choice */
  char           *label;
  gboolean        allow_custom;
};

G_DEFINE_FINAL_TYPE (PathwaysPeriodChooser, pathways_period_chooser, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  INVALID_RANGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
group_of_kind (PathwaysPeriodKind kind)
{
  for (guint g = 0; g < N_GROUPS; g++)
    if (group_kinds[g] == kind)
      return (int) g;
  return -1;
}

static gboolean
same_period (const PathwaysPeriod *a,
             const PathwaysPeriod *b)
{
  return a->kind == b->kind && a->from == b->from && a->to == b->to;
}

/* The index of PERIOD in its group, or -1. */
static int
index_in_group (PathwaysPeriodChooser *self,
                const PathwaysPeriod  *period)
{
  int g = group_of_kind (period->kind);
  GArray *periods;

  if (g < 0)
    return -1;
  periods = self->groups[g].periods;
  for (guint i = 0; periods != NULL && i < periods->len; i++)
    if (same_period (&g_array_index (periods, PathwaysPeriod, i), period))
      return (int) i;
  return -1;
}

static void
fill_group (Group *group)
{
  if (group->filled)
    return;
  group->filled = TRUE;
  for (guint i = 0; group->periods != NULL && i < group->periods->len; i++)
    {
      g_autofree char *text = pathways_period_get_label (&g_array_index (group->periods, PathwaysPeriod, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_list_box_append (group->list, label);
    }
}

static void
on_expanded (GtkExpander *expander,
             GParamSpec  *pspec,
             gpointer     user_data)
{
  PathwaysPeriodChooser *self = user_data;

  for (guint g = 0; g < N_GROUPS; g++)
    if (self->groups[g].expander == expander && gtk_expander_get_expanded (expander))
      fill_group (&self->groups[g]);
}

static void
update_label (PathwaysPeriodChooser *self)
{
  g_free (self->label);
  self->label = self->period.kind == PATHWAYS_PERIOD_WHOLE
                ? g_strdup (_("Whole period"))
                : pathways_period_get_label (&self->period);
  gtk_menu_button_set_label (self->button, self->label);
}

/* Takes PERIOD as the choice; "changed" when it is another. */
static void
choose (PathwaysPeriodChooser *self,
        const PathwaysPeriod  *period)
{
  if (same_period (period, &self->period))
    return;
  self->period = *period;
  update_label (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GtkListBoxRow *
pathways_period_chooser_get_choice_row (PathwaysPeriodChooser *self)
{
  int g, index;

  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), NULL);

  g = group_of_kind (self->period.kind);
  index = index_in_group (self, &self->period);
  if (g < 0 || index < 0)
    return NULL;
  fill_group (&self->groups[g]);
  return gtk_list_box_get_row_at_index (self->groups[g].list, index);
}

/* The popover opens at the choice: its group alone expanded (the financial years for
 * the whole period or a range), its row selected and focused, so scrolled to. */
static void
open_at_choice (PathwaysPeriodChooser *self)
{
  int open = group_of_kind (self->period.kind);
  GtkListBoxRow *row;

  if (open < 0)
    open = 0;
  for (guint g = 0; g < N_GROUPS; g++)
    {
      gtk_expander_set_expanded (self->groups[g].expander, (int) g == open);
      gtk_list_box_unselect_all (self->groups[g].list);
    }
  gtk_list_box_unselect_all (self->top_list);
  row = pathways_period_chooser_get_choice_row (self);
  if (row == NULL)
    row = self->period.kind == PATHWAYS_PERIOD_CUSTOM ? self->custom_row : self->whole_row;
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_popover_shown (GtkWidget *popover,
                  gpointer   user_data)
{
  open_at_choice (PATHWAYS_PERIOD_CHOOSER (user_data));
}

/* Custom range */

/* The dialog's entries, for its answer. */
typedef struct {
  PathwaysPeriodChooser *chooser;
  GtkEditable           *from;
  GtkEditable           *to;
} RangeDialog;

static void
range_dialog_free (gpointer data,
                   GClosure *closure)
{
  RangeDialog *range = data;

  g_object_unref (range->chooser);
  g_free (range);
}

static void
range_response (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  RangeDialog *range = user_data;
  g_autoptr(PathwaysFilter) test = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysPeriod period;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  /* the filter's own reading of the two days, and its messages */
  test = pathways_filter_new ();
  if (!pathways_filter_set_from_string (test, gtk_editable_get_text (range->from), &error) ||
      !pathways_filter_set_to_string (test, gtk_editable_get_text (range->to), &error))
    {
      g_signal_emit (range->chooser, signals[INVALID_RANGE], 0, error->message);
      return;
    }
  pathways_period_init_range (&period, pathways_filter_get_from (test), pathways_filter_get_to (test));
  choose (range->chooser, &period);
}

static GtkEditable *
date_entry (GtkWidget  *grid,
            int         row,
            const char *mnemonic,
            gint32      day)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *iso = PATHWAYS_DAY_IS_VALID (day) ? pathways_day_to_iso (day) : NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (iso != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), iso);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), entry, 1, row, 1, 1);
  return GTK_EDITABLE (entry);
}

static void
ask_custom_range (PathwaysPeriodChooser *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *grid;
  RangeDialog *range;
  gint32 first = self->first, last = self->last;

  /* the range in force, else the dataset's span */
  if (self->period.kind != PATHWAYS_PERIOD_WHOLE)
    {
      if (PATHWAYS_DAY_IS_VALID (self->period.from))
        first = self->period.from;
      if (PATHWAYS_DAY_IS_VALID (self->period.to))
        last = self->period.to;
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Custom Referral Period"),
                                   _("Cases referred between these dates, both included"));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  range = g_new0 (RangeDialog, 1);
  range->chooser = g_object_ref (self);
  range->from = date_entry (grid, 0, _("_From"), first);
  range->to = date_entry (grid, 1, _("_To"), last);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* the dialog goes with its window */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (range_response), range,
                         range_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rows */

static void
on_top_row_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      gpointer       user_data)
{
  PathwaysPeriodChooser *self = user_data;
  PathwaysPeriod whole;

  gtk_popover_popdown (self->popover);
  if (row == self->custom_row)
    {
      ask_custom_range (self);
      return;
    }
  pathways_period_init_range (&whole, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  choose (self, &whole);
}

static void
on_group_row_activated (GtkListBox    *list,
                        GtkListBoxRow *row,
                        gpointer       user_data)
{
  PathwaysPeriodChooser *self = user_data;
  int index = gtk_list_box_row_get_index (row);

  for (guint g = 0; g < N_GROUPS; g++)
    {
      Group *group = &self->groups[g];

      if (group->list != list || index < 0 || (guint) index >= group->periods->len)
        continue;
      gtk_popover_popdown (self->popover);
      choose (self, &g_array_index (group->periods, PathwaysPeriod, index));
    }
}

static void
pathways_period_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_PERIOD_CHOOSER);

  G_OBJECT_CLASS (pathways_period_chooser_parent_class)->dispose (object);
}

static void
pathways_period_chooser_finalize (GObject *object)
{
  PathwaysPeriodChooser *self = PATHWAYS_PERIOD_CHOOSER (object);

  for (guint g = 0; g < N_GROUPS; g++)
    g_clear_pointer (&self->groups[g].periods, g_array_unref);
  g_free (self->label);
  G_OBJECT_CLASS (pathways_period_chooser_parent_class)->finalize (object);
}

static void
pathways_period_chooser_class_init (PathwaysPeriodChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const names[N_GROUPS] = { "fyear", "fquarter", "year", "quarter", "month" };

  object_class->dispose = pathways_period_chooser_dispose;
  object_class->finalize = pathways_period_chooser_finalize;

  /* The choice changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The custom range asked for is not two days: the message says why. */
  signals[INVALID_RANGE] = g_signal_new ("invalid-range", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-period-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysPeriodChooser, button);
  gtk_widget_class_bind_template_child (widget_class, PathwaysPeriodChooser, popover);
  gtk_widget_class_bind_template_child (widget_class, PathwaysPeriodChooser, top_list);
  gtk_widget_class_bind_template_child (widget_class, PathwaysPeriodChooser, whole_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysPeriodChooser, custom_row);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *expander = g_strdup_printf ("%s_expander", names[g]);
      g_autofree char *list = g_strdup_printf ("%s_list", names[g]);

      gtk_widget_class_bind_template_child_full (widget_class, expander, FALSE,
                                                 G_STRUCT_OFFSET (PathwaysPeriodChooser, expanders) +
                                                 g * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, list, FALSE,
                                                 G_STRUCT_OFFSET (PathwaysPeriodChooser, lists) +
                                                 g * sizeof (gpointer));
    }
  gtk_widget_class_set_css_name (widget_class, "periodchooser");
}

static void
pathways_period_chooser_init (PathwaysPeriodChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->allow_custom = TRUE;
  self->first = self->last = PATHWAYS_DAY_NONE;
  pathways_period_init_range (&self->period, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      Group *group = &self->groups[g];

      group->expander = self->expanders[g];
      group->list = self->lists[g];
      group->periods = g_array_new (FALSE, FALSE, sizeof (PathwaysPeriod));
      gtk_expander_set_label (group->expander, pathways_period_kind_get_label (group_kinds[g]));
      gtk_widget_set_visible (GTK_WIDGET (group->expander), FALSE);
      g_signal_connect (group->expander, "notify::expanded", G_CALLBACK (on_expanded), self);
      g_signal_connect (group->list, "row-activated", G_CALLBACK (on_group_row_activated), self);
    }
  g_signal_connect (self->top_list, "row-activated", G_CALLBACK (on_top_row_activated), self);
  g_signal_connect (self->popover, "show", G_CALLBACK (on_popover_shown), self);
  update_label (self);
}

GtkWidget *
pathways_period_chooser_new (void)
{
  return g_object_new (PATHWAYS_TYPE_PERIOD_CHOOSER, NULL);
}

void
pathways_period_chooser_set_range (PathwaysPeriodChooser *self,
                                   gint32                 first,
                                   gint32                 last)
{
  g_return_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self));

  self->first = first;
  self->last = last;
  for (guint g = 0; g < N_GROUPS; g++)
    {
      Group *group = &self->groups[g];
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (group->list))) != NULL)
        gtk_list_box_remove (group->list, child);
      group->filled = FALSE;
      g_clear_pointer (&group->periods, g_array_unref);
      group->periods = pathways_period_list (group_kinds[g], first, last);
      gtk_widget_set_visible (GTK_WIDGET (group->expander), group->periods->len > 0);
      if (gtk_expander_get_expanded (group->expander))
        fill_group (group);
    }
  pathways_period_init_range (&self->period, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  update_label (self);
}

void
pathways_period_chooser_set_allow_custom (PathwaysPeriodChooser *self,
                                          gboolean               allow)
{
  g_return_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self));

  self->allow_custom = !!allow;
  gtk_widget_set_visible (GTK_WIDGET (self->custom_row), self->allow_custom);
}

const PathwaysPeriod *
pathways_period_chooser_get_period (PathwaysPeriodChooser *self)
{
  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), NULL);

  return &self->period;
}

char *
pathways_period_chooser_dup_id (PathwaysPeriodChooser *self)
{
  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), NULL);

  return pathways_period_to_string (&self->period);
}

const char *
pathways_period_chooser_get_label (PathwaysPeriodChooser *self)
{
  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), NULL);

  return self->label;
}

gboolean
pathways_period_chooser_offers (PathwaysPeriodChooser *self,
                                const PathwaysPeriod  *period)
{
  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  if (period->kind == PATHWAYS_PERIOD_WHOLE)
    return TRUE;
  if (period->kind == PATHWAYS_PERIOD_CUSTOM)
    return self->allow_custom;
  return index_in_group (self, period) >= 0;
}

gboolean
pathways_period_chooser_set_period (PathwaysPeriodChooser *self,
                                    const PathwaysPeriod  *period)
{
  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  if (!pathways_period_chooser_offers (self, period))
    return FALSE;
  choose (self, period);
  return TRUE;
}

gboolean
pathways_period_chooser_select (PathwaysPeriodChooser *self,
                                const char            *id)
{
  PathwaysPeriod period;

  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), FALSE);

  if (id == NULL)
    pathways_period_init_range (&period, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  else if (!pathways_period_parse_full (id, &period, NULL))
    return FALSE;
  return pathways_period_chooser_set_period (self, &period);
}

GArray *
pathways_period_chooser_get_periods (PathwaysPeriodChooser *self,
                                     PathwaysPeriodKind     kind)
{
  int g;

  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), NULL);

  g = group_of_kind (kind);
  return g >= 0 ? self->groups[g].periods : NULL;
}

GtkPopover *
pathways_period_chooser_get_popover (PathwaysPeriodChooser *self)
{
  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), NULL);

  return self->popover;
}

GtkExpander *
pathways_period_chooser_get_expander (PathwaysPeriodChooser *self,
                                      PathwaysPeriodKind     kind)
{
  int g;

  g_return_val_if_fail (PATHWAYS_IS_PERIOD_CHOOSER (self), NULL);

  g = group_of_kind (kind);
  return g >= 0 ? self->groups[g].expander : NULL;
}
