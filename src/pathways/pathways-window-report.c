/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main view: filters, the report built once per change, the pages of charts. */
#define G_LOG_DOMAIN "pathways-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-window-private.h"

typedef enum {
  PAGE_JOURNEY,
  PAGE_CLOSURES,
  PAGE_WAITING,
  PAGE_PEOPLE,
  PAGE_QUALITY,
  PAGE_NONE,
} PageIndex;

static const char * const page_names[] = { "journey", "closures", "waiting", "people", "quality" };

/* The fields a funnel can be split by, in the "Split by" list after "None". */
static const PathwaysField split_fields[] = {
  PATHWAYS_FIELD_REFERRAL_SOURCE,
  PATHWAYS_FIELD_PRIMARY_INCIDENT,
  PATHWAYS_FIELD_NEW_OR_RETURNING,
  PATHWAYS_FIELD_AGE_BAND,
  PATHWAYS_FIELD_GENDER,
};

static const struct {
  const char          *key;
  PathwaysWaitMeasure  measure;
} target_keys[] = {
  { "target-contact", PATHWAYS_WAIT_REFERRAL_TO_CONTACT },
  { "target-assessment", PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT },
  { "target-service-start", PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START },
  { "target-service", PATHWAYS_WAIT_SERVICE },
  { "target-time-in-service", PATHWAYS_WAIT_TIME_IN_SERVICE },
};

void
_pathways_window_show_toast (PathwaysWindow *self,
                             const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static PageIndex
page_of_table (const PathwaysReportTable *table)
{
  const char *id = table->id;

  if (g_str_equal (id, "funnel"))
    return PAGE_JOURNEY;
  if (g_str_equal (id, "closure_reasons") || g_str_equal (id, "service_closure_reasons") ||
      g_str_equal (id, "planned_closure_rates"))
    return PAGE_CLOSURES;
  if (g_str_equal (id, "waiting_times") || g_str_equal (id, "waiting_bands") ||
      g_str_equal (id, "waiting_trend"))
    return PAGE_WAITING;
  if (g_str_equal (id, "time_before_support") || g_str_equal (id, "returners") ||
      g_str_equal (id, "cases_per_person") || g_str_equal (id, "multi_category") ||
      g_str_equal (id, "multi_category_classes"))
    return PAGE_PEOPLE;
  if (g_str_equal (id, "completeness"))
    return PAGE_QUALITY;
  return PAGE_NONE;
}

static int
chart_height (const PathwaysReportTable *table)
{
  int rows = (int) table->rows->len;

  switch (table->chart.kind)
    {
    case PATHWAYS_CHART_FUNNEL:
      return 200 + 34 * rows;
    case PATHWAYS_CHART_DISTRIBUTION:
      return 320;
    case PATHWAYS_CHART_TREND:
      return 300;
    case PATHWAYS_CHART_COMPOSITION:
      return CLAMP (140 + 36 * rows, 220, 640);
    case PATHWAYS_CHART_COMPLETENESS:
      return CLAMP (100 + 24 * rows, 220, 900);
    case PATHWAYS_CHART_CLOSURE_REASONS:
    case PATHWAYS_CHART_RATES:
    case PATHWAYS_CHART_BARS:
    case PATHWAYS_CHART_NONE:
    default:
      return CLAMP (120 + 30 * rows, 220, 720);
    }
}

static GtkBox *
page_box (PathwaysWindow *self,
          PageIndex       page)
{
  switch (page)
    {
    case PAGE_JOURNEY:
      return self->journey_box;
    case PAGE_CLOSURES:
      return self->closures_box;
    case PAGE_WAITING:
      return self->waiting_box;
    case PAGE_PEOPLE:
      return self->people_box;
    case PAGE_QUALITY:
      return self->quality_box;
    case PAGE_NONE:
    default:
      return NULL;
    }
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
card_pressed (GtkGestureClick *gesture,
              int              n_press,
              double           x,
              double           y,
              gpointer         user_data)
{
  PathwaysWindow *self = user_data;
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  self->current_card = PATHWAYS_CHART_CARD (card);
}

static void
card_focused (GtkEventControllerFocus *controller,
              gpointer                 user_data)
{
  PathwaysWindow *self = user_data;
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  self->current_card = PATHWAYS_CHART_CARD (card);
}

/* The field whose values are the rows of TABLE, or -1 (funnel stages, reasons). */
static int
field_of_rows (const char *id,
               const char *key)
{
  PathwaysField field;

  if (g_strcmp0 (id, "time_before_support") == 0)
    return PATHWAYS_FIELD_TIME_BEFORE_SUPPORT;
  if (g_strcmp0 (id, "returners") == 0)
    return PATHWAYS_FIELD_NEW_OR_RETURNING;
  if (g_strcmp0 (id, "cases_per_person") == 0)
    return PATHWAYS_FIELD_AGE_BAND;
  if ((g_strcmp0 (id, "planned_closure_rates") == 0 || g_strcmp0 (id, "multi_category") == 0) &&
      key != NULL && pathways_field_from_name (PATHWAYS_TABLE_CASES, key, &field))
    return field;
  return -1;
}

static void
on_mark_activated (PathwaysChartView *view,
                   const char        *row_id,
                   const char        *label,
                   gpointer           user_data)
{
  PathwaysWindow *self = user_data;
  int field = field_of_rows (pathways_chart_view_get_table_id (view),
                             pathways_chart_view_get_table_key (view));

  if (field < 0)
    return;
  if (row_id != NULL && _pathways_window_filter_to (self, field, row_id))
    return;
  if (label != NULL)
    _pathways_window_filter_to (self, field, label);
}

static GtkWidget *
make_card (PathwaysWindow            *self,
           const PathwaysReportTable *table)
{
  GtkWidget *card = pathways_chart_card_new (table->id, table->key, chart_height (table),
                                             table->chart.kind == PATHWAYS_CHART_NONE);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (card_pressed), self);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (focus, "enter", G_CALLBACK (card_focused), self);
  gtk_widget_add_controller (card, focus);

  g_signal_connect (pathways_chart_card_get_view (PATHWAYS_CHART_CARD (card)), "mark-activated",
                    G_CALLBACK (on_mark_activated), self);
  g_object_set_data (G_OBJECT (card), "page", GINT_TO_POINTER (page_of_table (table)));
  g_ptr_array_add (self->cards, card);
  return card;
}

/* The ids and keys of the tables with a place on a page, to know when the cards must
 * be made again (another dataset, another split). */
static char *
cards_signature (PathwaysReport *report)
{
  GString *sig = g_string_new (NULL);

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *table = g_ptr_array_index (report->tables, i);

      if (page_of_table (table) == PAGE_NONE && !g_str_equal (table->id, "funnel_split"))
        continue;
      g_string_append_printf (sig, "%s/%s\n", table->id, table->key != NULL ? table->key : "");
    }
  return g_string_free (sig, FALSE);
}

static void
make_cards (PathwaysWindow *self)
{
  PathwaysReport *report = self->report;

  self->current_card = NULL;
  g_ptr_array_set_size (self->cards, 0);
  for (guint p = PAGE_JOURNEY; p < PAGE_NONE; p++)
    clear_box (GTK_WIDGET (page_box (self, p)));
  clear_box (GTK_WIDGET (self->split_flow));

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *table = g_ptr_array_index (report->tables, i);
      PageIndex page = page_of_table (table);

      if (g_str_equal (table->id, "funnel_split"))
        {
          gtk_flow_box_append (self->split_flow, make_card (self, table));
          continue;
        }
      if (page == PAGE_NONE)
        continue;
      /* the waiting-times summary is a table of figures, the rest are charts */
      if (table->chart.kind == PATHWAYS_CHART_NONE && !g_str_equal (table->id, "waiting_times"))
        continue;

      gtk_box_append (page_box (self, page), make_card (self, table));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->split_flow), self->split_field >= 0);
}

static gint32
target_from_settings (PathwaysWindow *self,
                      const char     *key)
{
  return g_settings_get_int (self->settings, key);
}

/* The cases in the cohort under the dataset name: "1,234 of 6,457 cases". */
static void
update_counts_title (PathwaysWindow *self)
{
  guint n = self->report->measures->n_cases;
  guint total = self->dataset->n_cases;
  g_autofree char *n_text = pathways_format_count (n);
  g_autofree char *total_text = pathways_format_count (total);
  g_autofree char *subtitle = NULL;

  if (n == total)
    /* Translators: under the dataset name, %s is a number such as "6,457" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s case", "%s cases", total),
                                total_text);
  else
    /* Translators: under the dataset name when filters are on: "1,234 of 6,457 cases" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s case", "%s of %s cases",
                                             total),
                                n_text, total_text);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

void
_pathways_window_rebuild_report (PathwaysWindow *self)
{
  PathwaysReportOptions options;
  g_autofree char *signature = NULL;
  gint64 start, built;

  if (self->dataset == NULL)
    return;

  start = g_get_monotonic_time ();

  pathways_report_options_init (&options);
  options.cache = self->cache;
  options.measures.split_field = self->split_field;
  for (guint i = 0; i < G_N_ELEMENTS (target_keys); i++)
    options.measures.target_days[target_keys[i].measure] =
      target_from_settings (self, target_keys[i].key);

  g_clear_pointer (&self->report, pathways_report_unref);
  self->report = pathways_report_new (self->dataset, self->filter, &options);
  self->n_reports++;
  built = g_get_monotonic_time ();

  signature = cards_signature (self->report);
  if (g_strcmp0 (signature, self->cards_signature) != 0)
    {
      make_cards (self);
      g_free (self->cards_signature);
      self->cards_signature = g_steal_pointer (&signature);
    }

  for (guint i = 0; i < self->cards->len; i++)
    pathways_chart_card_set_report (g_ptr_array_index (self->cards, i), self->report);

  pathways_filter_sidebar_update (self->filter_sidebar, self->filter);

  update_counts_title (self);
  _pathways_window_compare_update (self);

  g_debug ("Report rebuilt in %.1f ms (views updated after %.1f ms): %u of %u cases",
           (built - start) / 1000.0, (g_get_monotonic_time () - start) / 1000.0,
           self->report->measures->n_cases, self->dataset->n_cases);
}

static void
on_sidebar_changed (PathwaysFilterSidebar *sidebar,
                    gpointer               user_data)
{
  PathwaysWindow *self = user_data;

  pathways_filter_sidebar_apply (sidebar, self->filter);
  _pathways_window_rebuild_report (self);
}

/* Periods */

static void
add_period (PathwaysWindow *self,
            GtkStringList  *list,
            const char     *label,
            const char     *period)
{
  gtk_string_list_append (list, label);
  g_ptr_array_add (self->periods, g_strdup (period));
}

static void
fill_periods (PathwaysWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gint32 first = PATHWAYS_DAY_NONE, last = PATHWAYS_DAY_NONE;
  int y0, y1, m0, m1, d;

  g_ptr_array_set_size (self->periods, 0);
  add_period (self, list, _("Whole period"), NULL);

  if (self->dataset != NULL)
    pathways_dataset_get_referral_range (self->dataset, &first, &last);

  if (PATHWAYS_DAY_IS_VALID (first) && PATHWAYS_DAY_IS_VALID (last))
    {
      pathways_day_to_ymd (first, &y0, &m0, &d);
      pathways_day_to_ymd (last, &y1, &m1, &d);

      /* financial years, 1 April to 31 March, newest first */
      for (int fy = (m1 >= 4 ? y1 : y1 - 1); fy >= (m0 >= 4 ? y0 : y0 - 1); fy--)
        {
          /* Translators: a financial year, "2023-24" */
          g_autofree char *label = g_strdup_printf (_("Financial year %d-%02d"), fy, (fy + 1) % 100);
          g_autofree char *period = g_strdup_printf ("FY%d-%02d", fy, (fy + 1) % 100);

          add_period (self, list, label, period);
        }
      for (int y = y1; y >= y0; y--)
        {
          g_autofree char *label = g_strdup_printf ("%d", y);

          add_period (self, list, label, label);
        }
      for (int y = y1; y >= y0; y--)
        {
          for (int q = 4; q >= 1; q--)
            {
              g_autofree char *label = NULL;
              g_autofree char *period = NULL;

              if ((y == y1 && (q - 1) * 3 + 1 > m1) || (y == y0 && q * 3 < m0))
                continue;
              /* Translators: a calendar quarter, "Q2 2023" */
              label = g_strdup_printf (_("Q%d %d"), q, y);
              period = g_strdup_printf ("%d-Q%d", y, q);
              add_period (self, list, label, period);
            }
        }
    }

  add_period (self, list, _("Custom Range…"), "custom");

  self->setting_period = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->period_dropdown, 0);
  self->period_index = 0;
  self->setting_period = FALSE;
}

static void
select_period_index (PathwaysWindow *self,
                     guint           index)
{
  self->setting_period = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, index);
  self->setting_period = FALSE;
  self->period_index = index;
}

static void
custom_range_response (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  PathwaysWindow *self = user_data;
  GtkEditable *from = g_object_get_data (G_OBJECT (dialog), "from");
  GtkEditable *to = g_object_get_data (G_OBJECT (dialog), "to");
  g_autoptr(PathwaysFilter) test = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    {
      select_period_index (self, self->period_index);
      return;
    }

  test = pathways_filter_copy (self->filter);
  if (!pathways_filter_set_from_string (test, gtk_editable_get_text (from), &error) ||
      !pathways_filter_set_to_string (test, gtk_editable_get_text (to), &error))
    {
      select_period_index (self, self->period_index);
      _pathways_window_show_toast (self, error->message);
      return;
    }

  pathways_filter_set_range (self->filter, pathways_filter_get_from (test),
                             pathways_filter_get_to (test));
  self->period_index = self->periods->len - 1;
  _pathways_window_rebuild_report (self);
}

static GtkWidget *
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
  return entry;
}

static void
ask_custom_range (PathwaysWindow *self)
{
  GtkWidget *dialog, *grid, *from, *to;
  gint32 first = PATHWAYS_DAY_NONE, last = PATHWAYS_DAY_NONE;

  pathways_dataset_get_referral_range (self->dataset, &first, &last);
  if (PATHWAYS_DAY_IS_VALID (pathways_filter_get_from (self->filter)))
    first = pathways_filter_get_from (self->filter);
  if (PATHWAYS_DAY_IS_VALID (pathways_filter_get_to (self->filter)))
    last = pathways_filter_get_to (self->filter);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Custom Referral Period"),
                                   _("Cases referred between these dates, both included"));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  from = date_entry (grid, 0, _("_From"), first);
  to = date_entry (grid, 1, _("_To"), last);
  g_object_set_data (G_OBJECT (dialog), "from", from);
  g_object_set_data (G_OBJECT (dialog), "to", to);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (custom_range_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_period_selected (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    gpointer     user_data)
{
  PathwaysWindow *self = user_data;
  guint index = gtk_drop_down_get_selected (dropdown);
  const char *period;
  g_autoptr(GError) error = NULL;

  if (self->setting_period || self->dataset == NULL || index >= self->periods->len)
    return;

  period = g_ptr_array_index (self->periods, index);
  if (g_strcmp0 (period, "custom") == 0)
    {
      ask_custom_range (self);
      return;
    }

  if (period == NULL)
    pathways_filter_set_range (self->filter, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  else if (!pathways_filter_set_period (self->filter, period, &error))
    {
      g_warning ("Period %s: %s", period, error->message);
      return;
    }

  self->period_index = index;
  _pathways_window_rebuild_report (self);
}

/* Split by */

static void
fill_split (PathwaysWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, C_("split by", "Nothing"));
  for (guint i = 0; i < G_N_ELEMENTS (split_fields); i++)
    gtk_string_list_append (list, _(pathways_field_get_label (split_fields[i])));
  gtk_drop_down_set_model (self->split_dropdown, G_LIST_MODEL (list));
}

static void
on_split_selected (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  PathwaysWindow *self = user_data;
  guint index = gtk_drop_down_get_selected (dropdown);
  int field = -1;

  if (index >= 1 && index <= G_N_ELEMENTS (split_fields))
    field = split_fields[index - 1];
  if (field >= 0 && (self->dataset == NULL || self->dataset->columns[field] == NULL))
    field = -1;
  if (field == self->split_field)
    return;

  self->split_field = field;
  _pathways_window_rebuild_report (self);
}

static void
on_setting_changed (GSettings  *settings,
                    const char *key,
                    gpointer    user_data)
{
  PathwaysWindow *self = user_data;

  if (g_str_has_prefix (key, "target-"))
    _pathways_window_rebuild_report (self);
}

void
_pathways_window_set_dataset_view (PathwaysWindow *self)
{
  pathways_filter_clear (self->filter);
  g_clear_pointer (&self->cache, pathways_measures_cache_free);
  g_clear_pointer (&self->cards_signature, g_free);
  if (self->dataset != NULL)
    self->cache = pathways_measures_cache_new (self->dataset);

  pathways_filter_sidebar_set_dataset (self->filter_sidebar, self->dataset);
  fill_periods (self);
  self->split_field = -1;
  gtk_drop_down_set_selected (self->split_dropdown, 0);
  adw_view_stack_set_visible_child_name (self->view_stack, "journey");

  _pathways_window_rebuild_report (self);
}

void
_pathways_window_clear_filters (PathwaysWindow *self)
{
  gboolean had_period = self->period_index != 0;

  if (had_period)
    {
      select_period_index (self, 0);
      pathways_filter_set_range (self->filter, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
    }
  /* rebuilds through "changed" when a value was ticked */
  pathways_filter_sidebar_clear (self->filter_sidebar);
  pathways_filter_sidebar_apply (self->filter_sidebar, self->filter);
  if (had_period || !pathways_filter_is_empty (self->filter) ||
      self->report == NULL || !pathways_filter_equal (self->report->filter, self->filter))
    _pathways_window_rebuild_report (self);
}

static void
restore_filter (PathwaysWindow       *self,
                const PathwaysFilter *previous)
{
  if (self->dataset == NULL)
    return;
  pathways_filter_sidebar_set_from_filter (self->filter_sidebar, previous);
  pathways_filter_sidebar_apply (self->filter_sidebar, self->filter);
  _pathways_window_rebuild_report (self);
}

typedef struct {
  PathwaysWindow *window;
  PathwaysFilter *previous;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_object_unref (undo->window);
  pathways_filter_free (undo->previous);
  g_free (undo);
}

static void
undo_clicked (AdwToast *toast,
              gpointer  user_data)
{
  UndoData *undo = user_data;

  restore_filter (undo->window, undo->previous);
  g_clear_pointer (&undo->window->undo_filter, pathways_filter_free);
}

void
pathways_window_undo_filter (PathwaysWindow *self)
{
  g_return_if_fail (PATHWAYS_IS_WINDOW (self));

  if (self->undo_filter == NULL)
    return;
  restore_filter (self, self->undo_filter);
  g_clear_pointer (&self->undo_filter, pathways_filter_free);
}

gboolean
pathways_window_add_filter (PathwaysWindow *self,
                            PathwaysField   field,
                            const char     *value)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return _pathways_window_filter_to (self, field, value);
}

PathwaysReport *
pathways_window_get_report (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);

  return self->report;
}

guint
pathways_window_get_n_reports (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), 0);

  return self->n_reports;
}

gboolean
_pathways_window_filter_to (PathwaysWindow *self,
                            PathwaysField   field,
                            const char     *value)
{
  PathwaysFilterItem *item;
  g_autofree char *message = NULL;
  AdwToast *toast;
  UndoData *undo;

  item = pathways_filter_sidebar_find_item (self->filter_sidebar, field, value);
  if (item == NULL || pathways_filter_item_get_active (item))
    return FALSE;

  undo = g_new0 (UndoData, 1);
  undo->window = g_object_ref (self);
  undo->previous = pathways_filter_copy (self->filter);
  g_clear_pointer (&self->undo_filter, pathways_filter_free);
  self->undo_filter = pathways_filter_copy (self->filter);

  pathways_filter_item_set_active (item, TRUE);

  /* Translators: %s is a value such as "Police" */
  message = g_strdup_printf (_("Filtered to %s"), value);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked), undo,
                         (GClosureNotify) (void (*) (void)) undo_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
}

PathwaysChartCard *
_pathways_window_get_current_card (PathwaysWindow *self)
{
  g_autoptr(GPtrArray) visible = NULL;

  if (self->current_card != NULL &&
      gtk_widget_is_drawable (GTK_WIDGET (self->current_card)))
    return self->current_card;

  visible = _pathways_window_get_visible_cards (self);
  for (guint i = 0; i < visible->len; i++)
    {
      PathwaysChartCard *card = g_ptr_array_index (visible, i);

      if (pathways_chart_view_get_table (pathways_chart_card_get_view (card)) != NULL)
        return card;
    }
  return NULL;
}

GPtrArray *
_pathways_window_get_visible_cards (PathwaysWindow *self)
{
  GPtrArray *visible = g_ptr_array_new ();
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (guint i = 0; i < self->cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->cards, i);
      guint page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (card), "page"));

      if (page < G_N_ELEMENTS (page_names) && g_strcmp0 (page_names[page], name) == 0 &&
          gtk_widget_get_visible (card))
        g_ptr_array_add (visible, card);
    }
  return visible;
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _pathways_window_clear_filters (PATHWAYS_WINDOW (widget));
}

static void
focus_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);

  if (self->dataset == NULL)
    return;
  adw_flap_set_reveal_flap (self->flap, TRUE);
  pathways_filter_sidebar_focus_first (self->filter_sidebar);
}

static void
on_flap_folded (AdwFlap    *flap,
                GParamSpec *pspec,
                gpointer    user_data)
{
  PathwaysWindow *self = user_data;

  /* folded: the sidebar floats over the content, whose header carries the buttons */
  adw_header_bar_set_show_start_title_buttons (self->content_header, adw_flap_get_folded (flap));
}

void
_pathways_window_report_init (PathwaysWindow *self)
{
  self->filter = pathways_filter_new ();
  self->cards = g_ptr_array_new ();
  self->periods = g_ptr_array_new_with_free_func (g_free);
  self->split_field = -1;

  g_signal_connect (self->filter_sidebar, "changed", G_CALLBACK (on_sidebar_changed), self);
  g_signal_connect (self->period_dropdown, "notify::selected",
                    G_CALLBACK (on_period_selected), self);
  fill_split (self);
  g_signal_connect (self->split_dropdown, "notify::selected",
                    G_CALLBACK (on_split_selected), self);
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_setting_changed), self);
  g_signal_connect (self->flap, "notify::folded", G_CALLBACK (on_flap_folded), self);
  on_flap_folded (self->flap, NULL, self);
}

void
_pathways_window_report_dispose (PathwaysWindow *self)
{
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  self->current_card = NULL;
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->report, pathways_report_unref);
  g_clear_pointer (&self->cache, pathways_measures_cache_free);
  g_clear_pointer (&self->filter, pathways_filter_free);
  g_clear_pointer (&self->undo_filter, pathways_filter_free);
  g_clear_pointer (&self->cards_signature, g_free);
}

void
_pathways_window_report_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.focus-filters", NULL, focus_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-filters", NULL);
}
