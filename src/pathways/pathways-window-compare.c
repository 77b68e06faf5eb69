/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-window-compare.c: compare mode (design/ux.md "Compare"). A second report,
 * for another period with the same other filters, is drawn beside the first for the
 * journey funnel and the case closure reasons, both panels on one scale. */
#define G_LOG_DOMAIN "pathways-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pathways-window-private.h"
#include "pathways-compare-view.h"

static GtkToggleButton *
compare_toggle (PathwaysWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "compare-toggle");
}

static GtkDropDown *
compare_dropdown (PathwaysWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "compare-dropdown");
}

static GPtrArray *
compare_views (PathwaysWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "compare-views");
}

static const char *
period_label (PathwaysWindow *self,
              guint           index)
{
  GListModel *model = gtk_drop_down_get_model (self->period_dropdown);
  g_autoptr(GtkStringObject) item = NULL;

  if (model == NULL || index >= g_list_model_get_n_items (model))
    return "";
  item = g_list_model_get_item (model, index);
  /* the string stays owned by the list, which outlives this call */
  return gtk_string_object_get_string (item);
}

/* FY, calendar year, quarter, or other: a comparison is between two of a kind. */
static int
period_kind (const char *period)
{
  if (period == NULL)
    return 0;
  if (g_str_has_prefix (period, "FY"))
    return 1;
  if (strstr (period, "-Q") != NULL)
    return 2;
  if (strlen (period) == 4)
    return 3;
  return 4;
}

/* The period before the one shown, of the same kind (the lists run newest first). */
static guint
default_compare_period (PathwaysWindow *self)
{
  guint n = self->periods->len;
  guint a = self->period_index;
  const char *period = a < n ? g_ptr_array_index (self->periods, a) : NULL;

  if (n < 3)
    return 0;
  if (period == NULL)
    return 1;
  if (a + 1 < n && period_kind (g_ptr_array_index (self->periods, a + 1)) == period_kind (period))
    return a + 1;
  if (a > 1 && period_kind (g_ptr_array_index (self->periods, a - 1)) == period_kind (period))
    return a - 1;
  return 0;
}

static void
fill_compare_dropdown (PathwaysWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  /* every period but "Custom Range…" */
  for (guint i = 0; i + 1 < self->periods->len; i++)
    gtk_string_list_append (list, period_label (self, i));
  self->setting_period = TRUE;
  gtk_drop_down_set_model (compare_dropdown (self), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (compare_dropdown (self), self->compare_period);
  self->setting_period = FALSE;
}

void
_pathways_window_compare_update (PathwaysWindow *self)
{
  g_autoptr(PathwaysFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysReportOptions options;
  GPtrArray *views = compare_views (self);
  const char *period;
  GListModel *choices;

  if (views == NULL)
    return;
  for (guint i = 0; i < views->len; i++)
    gtk_widget_set_visible (g_object_get_data (g_ptr_array_index (views, i), "card"), self->comparing);
  gtk_widget_set_visible (GTK_WIDGET (compare_dropdown (self)), self->comparing);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (self), "compare-with"), self->comparing);

  if (!self->comparing || self->dataset == NULL || self->report == NULL)
    {
      g_clear_pointer (&self->compare_report, pathways_report_unref);
      return;
    }

  if (self->compare_period + 1 >= self->periods->len)
    self->compare_period = 0;
  /* another dataset has other periods */
  choices = gtk_drop_down_get_model (compare_dropdown (self));
  if (choices == NULL || g_list_model_get_n_items (choices) + 1 != self->periods->len)
    fill_compare_dropdown (self);
  period = g_ptr_array_index (self->periods, self->compare_period);

  /* the same filters, another period */
  filter = pathways_filter_copy (self->filter);
  pathways_filter_set_range (filter, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  if (period != NULL && !pathways_filter_set_period (filter, period, &error))
    {
      g_warning ("Period %s: %s", period, error->message);
      return;
    }

  pathways_report_options_init (&options);
  options.cache = self->cache;
  g_clear_pointer (&self->compare_report, pathways_report_unref);
  self->compare_report = pathways_report_new (self->dataset, filter, &options);

  for (guint i = 0; i < views->len; i++)
    {
      GObject *view = g_ptr_array_index (views, i);
      const char *label_a = period_label (self, self->period_index);
      const char *label_b = period_label (self, self->compare_period);
      /* Translators: "Case closure reasons: Financial year 2022-23 compared with Financial year 2021-22" */
      g_autofree char *title = g_strdup_printf (_("%s: %s compared with %s"),
                                                (const char *) g_object_get_data (view, "title"),
                                                label_a, label_b);

      gtk_label_set_label (g_object_get_data (view, "title-label"), title);
      pathways_compare_view_set_reports (PATHWAYS_COMPARE_VIEW (view),
                                         self->report, label_a, self->compare_report, label_b);
    }
}

void
pathways_window_set_compare (PathwaysWindow *self,
                             gboolean        compare)
{
  g_return_if_fail (PATHWAYS_IS_WINDOW (self));

  compare = !!compare;
  if (self->dataset == NULL)
    compare = FALSE;
  if (self->comparing == compare)
    return;

  self->comparing = compare;
  if (compare)
    {
      self->compare_period = default_compare_period (self);
      fill_compare_dropdown (self);
    }
  if (gtk_toggle_button_get_active (compare_toggle (self)) != compare)
    gtk_toggle_button_set_active (compare_toggle (self), compare);
  _pathways_window_compare_update (self);
}

gboolean
pathways_window_get_compare (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), FALSE);

  return self->comparing;
}

void
pathways_window_set_compare_period (PathwaysWindow *self,
                                    guint           index)
{
  g_return_if_fail (PATHWAYS_IS_WINDOW (self));

  if (index + 1 >= self->periods->len)
    return;
  self->compare_period = index;
  if (self->comparing)
    {
      self->setting_period = TRUE;
      gtk_drop_down_set_selected (compare_dropdown (self), index);
      self->setting_period = FALSE;
      _pathways_window_compare_update (self);
    }
}

PathwaysReport *
pathways_window_get_compare_report (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);

  return self->compare_report;
}

static void
on_toggled (GtkToggleButton *button,
            gpointer         user_data)
{
  pathways_window_set_compare (PATHWAYS_WINDOW (user_data), gtk_toggle_button_get_active (button));
}

static void
on_compare_selected (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     gpointer     user_data)
{
  PathwaysWindow *self = user_data;

  if (self->setting_period)
    return;
  pathways_window_set_compare_period (self, gtk_drop_down_get_selected (dropdown));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);

  pathways_window_set_compare (self, !self->comparing);
}

static void
add_view (PathwaysWindow *self,
          GtkBox         *page_box,
          const char     *table_id,
          const char     *title)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (page_box));
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = pathways_compare_view_new (table_id, title);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "compare-card");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_start (label, 16);
  gtk_widget_set_margin_end (label, 16);
  gtk_widget_set_margin_top (label, 14);
  gtk_box_append (GTK_BOX (card), label);

  gtk_widget_set_size_request (view, -1, 400);
  gtk_widget_set_margin_start (view, 16);
  gtk_widget_set_margin_end (view, 16);
  gtk_widget_set_margin_bottom (view, 12);
  gtk_box_append (GTK_BOX (card), view);

  g_object_set_data (G_OBJECT (view), "title-label", label);
  g_object_set_data_full (G_OBJECT (view), "title", g_strdup (title), g_free);
  g_object_set_data (G_OBJECT (view), "card", card);
  gtk_widget_set_visible (card, FALSE);
  gtk_box_prepend (GTK_BOX (parent), card);
  g_ptr_array_add (compare_views (self), view);
}

void
_pathways_window_compare_init (PathwaysWindow *self)
{
  GtkWidget *toggle = gtk_toggle_button_new ();
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  g_object_set_data_full (G_OBJECT (self), "compare-views",
                          g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);

  gtk_button_set_icon_name (GTK_BUTTON (toggle), "view-dual-symbolic");
  gtk_widget_set_tooltip_text (toggle, _("Compare With Another Period"));
  g_signal_connect (toggle, "toggled", G_CALLBACK (on_toggled), self);
  g_object_set_data (G_OBJECT (self), "compare-toggle", toggle);

  gtk_widget_set_tooltip_text (dropdown, _("Period to compare with"));
  gtk_widget_set_visible (dropdown, FALSE);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_compare_selected), self);
  g_object_set_data (G_OBJECT (self), "compare-dropdown", dropdown);

  adw_header_bar_pack_start (self->content_header, toggle);
  {
    GtkWidget *with = gtk_label_new (_("compared with"));

    gtk_widget_add_css_class (with, "dim-label");
    gtk_widget_set_visible (with, FALSE);
    g_object_set_data (G_OBJECT (self), "compare-with", with);
    adw_header_bar_pack_start (self->content_header, with);
  }
  adw_header_bar_pack_start (self->content_header, dropdown);

  add_view (self, self->journey_box, "funnel", _("Journey"));
  add_view (self, self->closures_box, "closure_reasons", _("Case closure reasons"));
}

void
_pathways_window_compare_dispose (PathwaysWindow *self)
{
  g_clear_pointer (&self->compare_report, pathways_report_unref);
}

void
_pathways_window_compare_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
}
