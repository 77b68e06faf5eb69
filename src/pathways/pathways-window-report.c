/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main view: filters, the report built once per change, the pages of charts. */
#define G_LOG_DOMAIN "pathways-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pathways-window-private.h"

typedef enum {
  PAGE_JOURNEY,
  PAGE_CLOSURES,
  PAGE_WAITING,
  PAGE_PEOPLE,
  PAGE_QUALITY,
  PAGE_ACTIVITY,
  PAGE_OUTCOMES,
  PAGE_NONE,
} PageIndex;

static const char * const page_names[] = { "journey", "closures", "waiting", "people", "quality", "activity",
                                             "outcomes" };

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
      g_str_equal (id, "multi_category_classes") || g_str_equal (id, "profile") ||
      g_str_has_prefix (id, "appointments_"))
    return PAGE_PEOPLE;
  if (g_str_equal (id, "completeness"))
    return PAGE_QUALITY;
  if (g_str_equal (id, "activity") || g_str_equal (id, "activity_waiting_list"))
    return PAGE_ACTIVITY;
  if (g_str_equal (id, "outcomes") || g_str_equal (id, "outcome_distribution"))
    return PAGE_OUTCOMES;
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
    case PATHWAYS_CHART_DIVERGING:
      return 220;
    case PATHWAYS_CHART_CHANGE:
      return CLAMP (70 + 36 * rows, 200, 900);
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

static PathwaysReportPage *
report_page (PathwaysWindow *self,
             PageIndex       page)
{
  switch (page)
    {
    case PAGE_JOURNEY:
      return self->journey_page;
    case PAGE_CLOSURES:
      return self->closures_page;
    case PAGE_WAITING:
      return self->waiting_page;
    case PAGE_PEOPLE:
      return self->people_page;
    case PAGE_QUALITY:
      return self->quality_page;
    case PAGE_ACTIVITY:
      return self->activity_page;
    case PAGE_OUTCOMES:
      /* not a template child of its own: pathways-window.c stays small */
      return PATHWAYS_REPORT_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "outcomes"));
    case PAGE_NONE:
    default:
      return NULL;
    }
}

/* The page the view stack shows (PAGE_NONE: none yet). */
static PageIndex
visible_page (PathwaysWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (guint p = PAGE_JOURNEY; name != NULL && p < PAGE_NONE; p++)
    if (g_str_equal (page_names[p], name))
      return p;
  return PAGE_NONE;
}

/* Only the shown page's grid of cards is laid out: the view stack measures every
 * page at each size request, and a hidden page's cards (their titles, their charts'
 * sizes) would be measured with them; they are when their page is shown, which
 * also gives them the report made while it was hidden. Returns the cards updated. */
static guint
show_pages (PathwaysWindow *self)
{
  PageIndex shown = visible_page (self);
  guint n = 0;

  for (guint p = PAGE_JOURNEY; p < PAGE_NONE; p++)
    n += pathways_report_page_set_shown (report_page (self, p), shown == PAGE_NONE || p == shown);
  return n;
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
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

/* What a click on a mark of table ID (KEY) filters by. */
typedef enum {
  CLICK_NONE,            /* bands, trends, fields, classes: no sensible filter */
  CLICK_FIELD,           /* the mark's value of a case field */
  CLICK_STAGE,           /* the funnel: cases that reached the stage */
  CLICK_SPLIT,           /* a split funnel: the panel's value of the split field */
  CLICK_SERVICE_REASON,  /* a service closure reason of the panel's service type */
} ClickKind;

static ClickKind
click_kind (PathwaysWindow *self,
            const char     *id,
            const char     *key,
            int            *field)
{
  PathwaysField f;

  *field = -1;
  if (g_strcmp0 (id, "funnel") == 0)
    return CLICK_STAGE;
  if (g_strcmp0 (id, "funnel_split") == 0)
    {
      *field = self->split_field;
      return self->split_field >= 0 && key != NULL ? CLICK_SPLIT : CLICK_NONE;
    }
  if (g_strcmp0 (id, "service_closure_reasons") == 0)
    return key != NULL ? CLICK_SERVICE_REASON : CLICK_NONE;
  if (g_strcmp0 (id, "closure_reasons") == 0)
    *field = PATHWAYS_FIELD_CLOSURE_REASON;
  else if (g_strcmp0 (id, "time_before_support") == 0)
    *field = PATHWAYS_FIELD_TIME_BEFORE_SUPPORT;
  else if (g_strcmp0 (id, "returners") == 0)
    *field = PATHWAYS_FIELD_NEW_OR_RETURNING;
  else if (g_strcmp0 (id, "cases_per_person") == 0)
    *field = PATHWAYS_FIELD_AGE_BAND;
  else if ((g_strcmp0 (id, "planned_closure_rates") == 0 || g_strcmp0 (id, "multi_category") == 0 ||
            g_strcmp0 (id, "profile") == 0) &&
           key != NULL && pathways_field_from_name (PATHWAYS_TABLE_CASES, key, &f))
    *field = f;
  return *field >= 0 ? CLICK_FIELD : CLICK_NONE;
}

static void
on_mark_activated (PathwaysChartView *view,
                   const char        *row_id,
                   const char        *label,
                   gpointer           user_data)
{
  PathwaysWindow *self = user_data;
  const char *key = pathways_chart_view_get_table_key (view);
  int field;

  switch (click_kind (self, pathways_chart_view_get_table_id (view), key, &field))
    {
    case CLICK_FIELD:
      if (row_id != NULL && _pathways_window_filter_to (self, field, row_id))
        return;
      if (label != NULL)
        _pathways_window_filter_to (self, field, label);
      break;
    case CLICK_STAGE:
      _pathways_window_filter_to_stage (self, row_id);
      break;
    case CLICK_SPLIT:
      _pathways_window_filter_to (self, field, key);
      break;
    case CLICK_SERVICE_REASON:
      _pathways_window_filter_to_service_reason (self, key, row_id);
      break;
    case CLICK_NONE:
    default:
      break;
    }
}

/* A card of TABLE: its chart (with a switch to its table), or only its table when
 * TABLE_ONLY or the table has no chart. */
static GtkWidget *
make_card (PathwaysWindow            *self,
           const PathwaysReportTable *table,
           gboolean                   table_only)
{
  /* a filtered field's chart keeps its other values (the chosen ones highlighted):
   * its height is that of the table it draws */
  int shown_field = pathways_chart_filter_field (table->id, table->key);
  PathwaysReport *without = shown_field >= 0 ? pathways_session_get_report_without (self->session, shown_field) : NULL;
  const PathwaysReportTable *shown = without != NULL ? pathways_report_get_table (without, table->id, table->key) : NULL;
  GtkWidget *card = pathways_chart_card_new (table->id, table->key, chart_height (shown != NULL ? shown : table),
                                             table_only || table->chart.kind == PATHWAYS_CHART_NONE);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  pathways_chart_card_set_session (PATHWAYS_CHART_CARD (card), self->session);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (card_pressed), self);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (focus, "enter", G_CALLBACK (card_focused), self);
  gtk_widget_add_controller (card, focus);

  int field;

  g_signal_connect (pathways_chart_card_get_view (PATHWAYS_CHART_CARD (card)), "mark-activated",
                    G_CALLBACK (on_mark_activated), self);
  /* marks that filter nothing get no pointer hand and ignore Enter */
  pathways_chart_view_set_activatable (pathways_chart_card_get_view (PATHWAYS_CHART_CARD (card)),
                                       click_kind (self, table->id, table->key, &field) != CLICK_NONE);
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
  PathwaysReport *report = pathways_session_get_report (self->session);
  gboolean has_outcomes = FALSE;
  PathwaysReportTable *outcomes = NULL;

  self->current_card = NULL;
  g_ptr_array_set_size (self->cards, 0);
  for (guint p = PAGE_JOURNEY; p < PAGE_NONE; p++)
    pathways_report_page_remove_cards (report_page (self, p));
  clear_flow_box (self->split_flow);

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *table = g_ptr_array_index (report->tables, i);
      PageIndex page = page_of_table (table);
      GtkWidget *card;

      if (g_str_equal (table->id, "funnel_split"))
        {
          card = make_card (self, table, FALSE);
          gtk_flow_box_append (self->split_flow, card);
          pathways_report_page_follow_card (self->journey_page, PATHWAYS_CHART_CARD (card));
          /* the flow box is only a layout: Tab goes to the charts, not its children */
          gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
          continue;
        }
      if (page == PAGE_NONE)
        continue;
      /* the waiting-times, appointments and outcomes summaries are tables of figures,
       * the rest are charts */
      if (table->chart.kind == PATHWAYS_CHART_NONE && !g_str_equal (table->id, "waiting_times") &&
          !g_str_has_prefix (table->id, "appointments_") && page != PAGE_OUTCOMES)
        continue;
      /* an instrument without answer labels has no distribution to show */
      if (g_str_equal (table->id, "outcome_distribution") && table->rows->len == 0)
        continue;

      card = make_card (self, table, FALSE);
      /* a table of many columns, or a long list of fields, takes the page's width */
      pathways_report_page_add_card (report_page (self, page), PATHWAYS_CHART_CARD (card),
                                     g_str_equal (table->id, "waiting_times") ||
                                     g_str_equal (table->id, "completeness") ||
                                     g_str_equal (table->id, "appointments_dna") ||
                                     g_str_equal (table->id, "outcomes"));
      has_outcomes |= page == PAGE_OUTCOMES;
      if (g_str_equal (table->id, "outcomes"))
        outcomes = table;

      /* a profiled field's planned-closure rate, where the report has it, follows its
       * distribution (the Closures page keeps its own card of the same table) */
      if (g_str_equal (table->id, "profile"))
        {
          PathwaysReportTable *rates = pathways_report_get_table (report, "planned_closure_rates", table->key);

          if (rates != NULL)
            pathways_report_page_add_card (self->people_page, PATHWAYS_CHART_CARD (make_card (self, rates, FALSE)),
                                           FALSE);
        }
    }

  /* under the charts of change and of answers, the outcomes table with every figure */
  if (outcomes != NULL)
    pathways_report_page_add_card (report_page (self, PAGE_OUTCOMES),
                                   PATHWAYS_CHART_CARD (make_card (self, outcomes, TRUE)), TRUE);

  /* the Outcomes page only for a dataset with an outcomes table */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack,
                                                            GTK_WIDGET (report_page (self, PAGE_OUTCOMES))),
                                   has_outcomes);

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
  guint n = pathways_session_get_report (self->session)->measures->n_cases;
  guint total = pathways_session_get_dataset (self->session)->n_cases;
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

static void
fill_measures_options (PathwaysWindow          *self,
                       PathwaysMeasuresOptions *options)
{
  pathways_measures_options_init (options);
  options->split_field = self->split_field;
  options->population = pathways_report_page_get_population (self->journey_page);
  for (guint i = 0; i < G_N_ELEMENTS (target_keys); i++)
    options->target_days[target_keys[i].measure] = target_from_settings (self, target_keys[i].key);
  _pathways_window_activity_fill_options (self, options);
}

void
_pathways_window_init_measures_options (PathwaysWindow          *self,
                                        PathwaysMeasuresOptions *options)
{
  int split_field = self->split_field;

  self->split_field = -1;
  fill_measures_options (self, options);
  self->split_field = split_field;
}

/* Gives the current report to every page: the shown page's cards take it now (and
 * with EVERY_CARD, the hidden pages' cards too), the others when their page is shown.
 * A card of a hidden page keeps its table meanwhile: it has the same id, key and kind
 * (the cards are made again when the tables change), so lists of the charts stay
 * right. Returns the cards updated. */
static guint
update_pages (PathwaysWindow *self,
              gboolean        every_card)
{
  PathwaysReport *report = pathways_session_get_report (self->session);
  guint n = 0;

  for (guint p = PAGE_JOURNEY; p < PAGE_NONE; p++)
    n += pathways_report_page_set_report (report_page (self, p), report, every_card);
  return n;
}

/* A page is shown: its cards take the report made while it was hidden. */
static void
on_page_shown (AdwViewStack *stack,
               GParamSpec   *pspec,
               gpointer      user_data)
{
  PathwaysWindow *self = user_data;
  PageIndex page = visible_page (self);
  gint64 start = g_get_monotonic_time ();
  guint n;

  if (page == PAGE_NONE)
    return;
  n = show_pages (self);
  if (n > 0)
    g_debug ("Page %s: %u cards updated in %.1f ms", page_names[page], n,
             (g_get_monotonic_time () - start) / 1000.0);
}

/* The session has a new report: the cards, the sidebar, the title and compare show
 * it. */
static void
on_report_changed (PathwaysSession *session,
                   GParamSpec      *pspec,
                   gpointer         user_data)
{
  PathwaysWindow *self = user_data;
  PathwaysReport *report = pathways_session_get_report (session);
  g_autofree char *signature = NULL;
  g_autofree char *focus_id = NULL;
  g_autofree char *focus_key = NULL;
  int focus_mark = -1;
  gint64 start = g_get_monotonic_time ();

  if (report == NULL || pathways_session_get_dataset (session) == NULL)
    return;

  signature = cards_signature (report);
  if (g_strcmp0 (signature, self->cards_signature) != 0)
    {
      /* the keyboard was on a chart (Enter filtered by one of its marks): it goes back
       * to the new card of the same chart */
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && PATHWAYS_IS_CHART_VIEW (focus))
        {
          focus_id = g_strdup (pathways_chart_view_get_table_id (PATHWAYS_CHART_VIEW (focus)));
          focus_key = g_strdup (pathways_chart_view_get_table_key (PATHWAYS_CHART_VIEW (focus)));
          focus_mark = pathways_chart_view_get_focus_mark (PATHWAYS_CHART_VIEW (focus));
        }
      gint64 made;

      make_cards (self);
      made = g_get_monotonic_time ();
      g_free (self->cards_signature);
      self->cards_signature = g_steal_pointer (&signature);
      /* new cards: every page's, so that every chart has its table to list */
      update_pages (self, TRUE);
      show_pages (self);
      g_debug ("Cards made in %.1f ms, given the report in %.1f ms", (made - start) / 1000.0,
               (g_get_monotonic_time () - made) / 1000.0);
    }
  else
    {
      /* only the shown page's cards: the others keep their figures (and the sizes
       * GTK measured for them, since the view stack measures every page) until
       * their page is shown, on_page_shown() */
      update_pages (self, FALSE);
    }

  for (guint i = 0; focus_id != NULL && i < self->cards->len; i++)
    {
      PathwaysChartView *view = pathways_chart_card_get_view (g_ptr_array_index (self->cards, i));

      if (g_strcmp0 (pathways_chart_view_get_table_id (view), focus_id) == 0 &&
          g_strcmp0 (pathways_chart_view_get_table_key (view), focus_key) == 0)
        {
          gtk_widget_grab_focus (GTK_WIDGET (view));
          pathways_chart_view_set_focus_mark (view, focus_mark);
          break;
        }
    }

  pathways_filter_sidebar_update (self->filter_sidebar, pathways_session_get_filter (session));
  pathways_filter_chips_set_filter (self->filter_chips, pathways_session_get_filter (session));

  update_counts_title (self);
  _pathways_window_activity_update (self);
  _pathways_window_compare_update (self);

  g_debug ("Views updated in %.1f ms: %u of %u cases", (g_get_monotonic_time () - start) / 1000.0,
           report->measures->n_cases, pathways_session_get_dataset (session)->n_cases);
}

/* The session rebuilds the report (through its analysis) with the filter and the
 * split and targets in force; on_report_changed() shows it. */
void
_pathways_window_rebuild_report (PathwaysWindow *self)
{
  PathwaysMeasuresOptions options;
  gint64 start = g_get_monotonic_time ();

  if (pathways_session_get_dataset (self->session) == NULL)
    return;
  fill_measures_options (self, &options);
  if (!pathways_session_set_measures_options (self->session, &options))
    pathways_session_filter_changed (self->session);
  g_debug ("Report rebuilt and shown in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static void
on_sidebar_changed (PathwaysFilterSidebar *sidebar,
                    gpointer               user_data)
{
  PathwaysWindow *self = user_data;

  pathways_filter_sidebar_apply (sidebar, pathways_session_get_filter (self->session));
  _pathways_window_rebuild_report (self);
}

/* Periods */

/* The user chose another period: the filter's range follows. */
static void
on_period_changed (PathwaysPeriodChooser *chooser,
                   gpointer               user_data)
{
  PathwaysWindow *self = user_data;
  const PathwaysPeriod *period = pathways_period_chooser_get_period (chooser);

  if (self->setting_period || pathways_session_get_dataset (self->session) == NULL)
    return;
  /* the whole period has neither end */
  pathways_filter_set_range (pathways_session_get_filter (self->session), period->from, period->to);
  _pathways_window_rebuild_report (self);
}

static void
on_invalid_range (PathwaysPeriodChooser *chooser,
                  const char            *message,
                  gpointer               user_data)
{
  _pathways_window_show_toast (PATHWAYS_WINDOW (user_data), message);
}

/* The periods of the dataset's referrals; the choice goes back to the whole period. */
static void
set_periods (PathwaysWindow *self)
{
  gint32 first = PATHWAYS_DAY_NONE, last = PATHWAYS_DAY_NONE;

  if (pathways_session_get_analysis (self->session) != NULL)
    pathways_analysis_get_totals (pathways_session_get_analysis (self->session),
                                  NULL, NULL, &first, &last);
  pathways_period_chooser_set_range (self->period_chooser, first, last);
  _pathways_window_compare_set_periods (self, first, last);
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
  if (field >= 0 && (pathways_session_get_dataset (self->session) == NULL || pathways_session_get_dataset (self->session)->columns[field] == NULL))
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
  else if (g_str_equal (key, "threshold"))
    {
      /* the preferences edit the one policy (and seed that of new data) */
      PathwaysDisclosurePolicy policy = *pathways_session_get_policy (self->session);

      policy.threshold = (guint) g_settings_get_int (settings, key);
      pathways_session_set_policy (self->session, &policy);
    }
}

void
_pathways_window_set_dataset_view (PathwaysWindow                *self,
                                   PathwaysReport                *first_report,
                                   const PathwaysMeasuresOptions *options)
{
  PathwaysMeasuresOptions now;
  gint64 start = g_get_monotonic_time ();

  g_clear_pointer (&self->cards_signature, g_free);
  pathways_filter_sidebar_set_dataset (self->filter_sidebar,
                                       pathways_session_get_dataset (self->session));
  set_periods (self);
  self->split_field = -1;
  gtk_drop_down_set_selected (self->split_dropdown, 0);
  adw_view_stack_set_visible_child_name (self->view_stack, "journey");
  g_debug ("Dataset view: filters and periods in %.1f ms",
           (g_get_monotonic_time () - start) / 1000.0);

  /* the worker's first report, unless a target changed meanwhile */
  _pathways_window_init_measures_options (self, &now);
  if (first_report != NULL && options != NULL &&
      memcmp (now.target_days, options->target_days, sizeof now.target_days) == 0)
    pathways_session_set_report (self->session, first_report);
  else
    _pathways_window_rebuild_report (self);
}

void
_pathways_window_clear_filters (PathwaysWindow *self)
{
  PathwaysFilter *filter = pathways_session_get_filter (self->session);
  PathwaysReport *report;
  gint32 from = pathways_filter_get_from (filter);
  gint32 to = pathways_filter_get_to (filter);

  /* the filters, not the period: a stage and values the sidebar does not show
   * (closure reasons) go too */
  pathways_filter_clear (filter);
  pathways_filter_set_range (filter, from, to);
  /* rebuilds through "changed" when a value was ticked */
  pathways_filter_sidebar_clear (self->filter_sidebar);
  pathways_filter_sidebar_apply (self->filter_sidebar, filter);
  /* the report now: the sidebar may have had it rebuilt */
  report = pathways_session_get_report (self->session);
  if (report == NULL || !pathways_filter_equal (report->filter, filter))
    _pathways_window_rebuild_report (self);
}

static void
restore_filter (PathwaysWindow       *self,
                const PathwaysFilter *previous)
{
  if (pathways_session_get_dataset (self->session) == NULL)
    return;
  pathways_filter_sidebar_set_from_filter (self->filter_sidebar, previous);
  /* the whole filter: the stage and the fields the sidebar does not show too */
  pathways_session_set_filter (self->session, previous);
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

  return pathways_session_get_report (self->session);
}

guint
pathways_window_get_n_reports (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), 0);

  return pathways_session_get_n_reports (self->session);
}

/* Keeps the filter in force for Undo; returns what the toast's button restores. */
static UndoData *
remember_for_undo (PathwaysWindow *self)
{
  UndoData *undo = g_new0 (UndoData, 1);

  undo->window = g_object_ref (self);
  undo->previous = pathways_filter_copy (pathways_session_get_filter (self->session));
  g_clear_pointer (&self->undo_filter, pathways_filter_free);
  self->undo_filter = pathways_filter_copy (pathways_session_get_filter (self->session));
  return undo;
}

/* Says what the click did, with Undo (UNDO is taken). */
static void
toast_filtered (PathwaysWindow *self,
                const char     *message,
                UndoData       *undo)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked), undo,
                         (GClosureNotify) (void (*) (void)) undo_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Whether VALUE is a value of FIELD in the dataset (so a filter on it can match). */
static gboolean
dataset_has_value (PathwaysWindow *self,
                   PathwaysField   field,
                   const char     *value)
{
  PathwaysColumn *column;

  if (pathways_session_get_dataset (self->session) == NULL || field >= PATHWAYS_N_FIELDS)
    return FALSE;
  column = pathways_session_get_dataset (self->session)->columns[field];
  return column != NULL && column->dict != NULL &&
         pathways_dictionary_lookup (column->dict, value) >= 0;
}

static gboolean
filter_has_value (const PathwaysFilter *filter,
                  PathwaysField         field,
                  const char           *value)
{
  const char * const *values = pathways_filter_get_values (filter, field);

  return values != NULL && g_strv_contains (values, value);
}

gboolean
_pathways_window_filter_to (PathwaysWindow *self,
                            PathwaysField   field,
                            const char     *value)
{
  PathwaysFilterItem *item;
  g_autofree char *message = NULL;
  UndoData *undo;

  if (value == NULL)
    return FALSE;
  item = pathways_filter_sidebar_find_item (self->filter_sidebar, field, value);
  if (item != NULL && pathways_filter_item_get_active (item))
    return FALSE;
  /* a field the sidebar does not list (closure reason): straight into the filter */
  if (item == NULL && (!dataset_has_value (self, field, value) ||
                       filter_has_value (pathways_session_get_filter (self->session), field, value)))
    return FALSE;

  undo = remember_for_undo (self);
  if (item != NULL)
    /* rebuilds through the sidebar's "changed" */
    pathways_filter_item_set_active (item, TRUE);
  else
    {
      pathways_filter_add_value (pathways_session_get_filter (self->session), field, value);
      _pathways_window_rebuild_report (self);
    }

  /* Translators: %s is a value such as "Police" */
  message = g_strdup_printf (_("Filtered to %s"), value);
  toast_filtered (self, message, undo);
  return TRUE;
}

gboolean
_pathways_window_filter_to_stage (PathwaysWindow *self,
                                  const char     *stage)
{
  g_autofree char *message = NULL;
  const char *label = NULL;
  UndoData *undo;

  /* every case reached the first stage; a stage the funnel does not show is not offered */
  if (stage == NULL || pathways_session_get_dataset (self->session) == NULL || g_strcmp0 (stage, "referred") == 0 ||
      !pathways_filter_stage_is_offered (pathways_session_get_dataset (self->session), stage) ||
      g_strcmp0 (pathways_filter_get_stage (pathways_session_get_filter (self->session)), stage) == 0)
    return FALSE;
  for (guint s = 0; s < PATHWAYS_N_STAGES; s++)
    if (g_str_equal (stage, pathways_stage_get_id (s)))
      label = pathways_stage_get_label (s);
  if (label == NULL)
    return FALSE;

  undo = remember_for_undo (self);
  if (!pathways_filter_set_stage (pathways_session_get_filter (self->session), stage, NULL))
    {
      undo_data_free (undo);
      return FALSE;
    }
  _pathways_window_rebuild_report (self);

  /* Translators: %s is a journey stage such as "Assessed" */
  message = g_strdup_printf (_("Filtered to cases that reached “%s”"), label);
  toast_filtered (self, message, undo);
  return TRUE;
}

gboolean
_pathways_window_filter_to_service_reason (PathwaysWindow *self,
                                           const char     *service_type,
                                           const char     *reason)
{
  PathwaysFilterItem *type_item;
  g_autofree char *message = NULL;
  UndoData *undo;
  gboolean add_type, add_reason;

  if (service_type == NULL || reason == NULL)
    return FALSE;
  type_item = pathways_filter_sidebar_find_item (self->filter_sidebar, PATHWAYS_FIELD_SERVICE_TYPE,
                                                 service_type);
  add_type = type_item != NULL && !pathways_filter_item_get_active (type_item);
  add_reason = dataset_has_value (self, PATHWAYS_FIELD_SERVICE_CLOSURE_REASON, reason) &&
               !filter_has_value (pathways_session_get_filter (self->session), PATHWAYS_FIELD_SERVICE_CLOSURE_REASON, reason);
  if (!add_reason)
    return add_type && _pathways_window_filter_to (self, PATHWAYS_FIELD_SERVICE_TYPE, service_type);

  undo = remember_for_undo (self);
  pathways_filter_add_value (pathways_session_get_filter (self->session), PATHWAYS_FIELD_SERVICE_CLOSURE_REASON, reason);
  if (add_type)
    /* one rebuild, through the sidebar's "changed" (the reason stays in the filter) */
    pathways_filter_item_set_active (type_item, TRUE);
  else
    _pathways_window_rebuild_report (self);

  /* Translators: a service type and a service closure reason, "Therapy: Planned ending" */
  message = g_strdup_printf (_("Filtered to %s: %s"), service_type, reason);
  toast_filtered (self, message, undo);
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
  PathwaysReportPage *page = report_page (self, visible_page (self));
  GPtrArray *cards = page != NULL ? pathways_report_page_get_cards (page) : NULL;

  for (guint i = 0; cards != NULL && i < cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (cards, i);

      if (gtk_widget_get_visible (card))
        g_ptr_array_add (visible, card);
    }
  return visible;
}

/* A chip's button: FIELD = VALUE goes (unticked in the sidebar when it lists it). */
static void
on_chip_remove_value (PathwaysFilterChips *chips,
                      guint                field,
                      const char          *value,
                      gpointer             user_data)
{
  PathwaysWindow *self = user_data;
  PathwaysFilterItem *item = pathways_filter_sidebar_find_item (self->filter_sidebar, field, value);

  if (item != NULL && pathways_filter_item_get_active (item))
    {
      /* rebuilds through the sidebar's "changed" */
      pathways_filter_item_set_active (item, FALSE);
      return;
    }
  pathways_filter_remove_value (pathways_session_get_filter (self->session), field, value);
  _pathways_window_rebuild_report (self);
}

static void
on_chip_remove_stage (PathwaysFilterChips *chips,
                      gpointer             user_data)
{
  PathwaysWindow *self = user_data;

  pathways_filter_set_stage (pathways_session_get_filter (self->session), NULL, NULL);
  _pathways_window_rebuild_report (self);
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

  if (pathways_session_get_dataset (self->session) == NULL)
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
  g_signal_connect (self->session, "notify::report", G_CALLBACK (on_report_changed), self);
  self->cards = g_ptr_array_new ();
  self->split_field = -1;
  /* cards fill the height of their row; the page itself does not stretch */
  gtk_widget_set_vexpand (GTK_WIDGET (self->split_flow), FALSE);

  g_signal_connect (self->filter_sidebar, "changed", G_CALLBACK (on_sidebar_changed), self);
  g_signal_connect (self->filter_chips, "remove-value", G_CALLBACK (on_chip_remove_value), self);
  g_signal_connect (self->filter_chips, "remove-stage", G_CALLBACK (on_chip_remove_stage), self);
  g_signal_connect (self->period_chooser, "changed", G_CALLBACK (on_period_changed), self);
  g_signal_connect (self->period_chooser, "invalid-range", G_CALLBACK (on_invalid_range), self);
  fill_split (self);
  g_signal_connect (self->split_dropdown, "notify::selected",
                    G_CALLBACK (on_split_selected), self);
  pathways_report_page_show_population (self->journey_page);
  g_signal_connect_swapped (self->journey_page, "notify::population",
                            G_CALLBACK (_pathways_window_rebuild_report), self);
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_setting_changed), self);
  g_signal_connect (self->flap, "notify::folded", G_CALLBACK (on_flap_folded), self);
  g_signal_connect (self->view_stack, "notify::visible-child", G_CALLBACK (on_page_shown), self);
  on_flap_folded (self->flap, NULL, self);
}

void
_pathways_window_report_dispose (PathwaysWindow *self)
{
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->view_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->view_stack, on_page_shown, self);
  self->current_card = NULL;
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_pointer (&self->export_format, g_free);
  g_clear_object (&self->export_card);
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
