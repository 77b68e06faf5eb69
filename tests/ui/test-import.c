/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant on the real NYC 311 export (924 requests created on 1 May 2022,
 * US dates), saving a workspace and opening it again from the start page's recent
 * list, and compare mode. Screenshots of each step go to screenshots/ in the build. */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pathways-window.h"
#include "pathways-import-assistant.h"
#include "pathways-import-columns-page.h"
#include "pathways-import-findings-page.h"
#include "pathways-import-preview-page.h"
#include "pathways-import-values-page.h"
#include "pathways-outcomes.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

/* Runs the main loop while CHECK (DATA) holds, at most a minute (a guard against a
 * hang, not a measure). */
static void
wait_while (UiTestCheck check,
            gpointer    data)
{
  ui_test_wait_while (check, data, 60, 5);
}

static gboolean
assistant_busy (gpointer assistant)
{
  return pathways_import_assistant_is_busy (assistant);
}

/* The step page called NAME in the assistant's template. */
static gpointer
step_page (PathwaysImportAssistant *assistant,
           const char              *name)
{
  GObject *page = gtk_widget_get_template_child (GTK_WIDGET (assistant), PATHWAYS_TYPE_IMPORT_ASSISTANT, name);

  g_assert_nonnull (page);
  return page;
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

static const char *
grid_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static char *
nyc_path (void)
{
  /* the export is kept in tests/data: every test runs from a plain clone */
  return g_build_filename (TEST_DATA_DIR, "nyc-311", "311_Service_Requests_sample.csv", NULL);
}

static void
choose_column (PathwaysImportAssistant *assistant,
               PathwaysField            field,
               const char              *column)
{
  AdwComboRow *row = pathways_import_assistant_get_field_row (assistant, field);
  GListModel *model;

  g_assert_nonnull (row);
  model = adw_combo_row_get_model (row);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), column) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static guint
count_code (PathwaysColumn *column,
            const char     *value)
{
  int code = pathways_dictionary_lookup (column->dict, value);
  guint n = 0;

  g_assert_cmpint (code, >=, 0);
  for (guint i = 0; i < column->n_rows; i++)
    if ((int) column->codes[i] == code)
      n++;
  return n;
}

/* The columns step of the NYC import asks about every date column whose dates read
 * either way, under the column's own row, with the first such date read both ways: no
 * order is assumed, and Next waits for the answers. Answers month first (US). */
static void
answer_date_questions (PathwaysImportAssistant *assistant)
{
  PathwaysImportColumnsPage *columns = step_page (assistant, "columns_page");
  GtkCheckButton *day_first = NULL;
  GtkCheckButton *month_first = NULL;
  AdwExpanderRow *question;
  GtkWidget *row;

  /* 05/01/2022 12:00:03 AM: 5 January or 1 May 2022 */
  question = pathways_import_columns_page_get_date_question (columns, PATHWAYS_FIELD_REFERRAL_DATE,
                                                            &day_first, &month_first);
  g_assert_nonnull (question);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (question)));
  g_assert_true (adw_expander_row_get_expanded (question));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (question)), ==,
                   "Day or month first in “Created Date”?");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (question), "05/01/2022 12:00:03 AM"));
  row = gtk_widget_get_ancestor (GTK_WIDGET (day_first), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "5 January 2022 (day first)");
  row = gtk_widget_get_ancestor (GTK_WIDGET (month_first), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "1 May 2022 (month first)");
  /* each answer is announced by what it means */
  gtk_test_accessible_assert_property (day_first, GTK_ACCESSIBLE_PROPERTY_LABEL, "5 January 2022 (day first)");
  gtk_test_accessible_assert_property (month_first, GTK_ACCESSIBLE_PROPERTY_LABEL, "1 May 2022 (month first)");
  /* beside the column: the row after the referral date's own */
  g_assert_true (gtk_widget_get_prev_sibling (GTK_WIDGET (question)) ==
                 GTK_WIDGET (pathways_import_assistant_get_field_row (assistant, PATHWAYS_FIELD_REFERRAL_DATE)));
  /* nothing chosen for the person: Next stays on the step */
  g_assert_false (gtk_check_button_get_active (day_first));
  g_assert_false (gtk_check_button_get_active (month_first));
  g_assert_false (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "columns");
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-date-question.png", 10);
  /* the case ID's column has no dates: no question */
  g_assert_null (pathways_import_columns_page_get_date_question (columns, PATHWAYS_FIELD_CASE_ID, NULL, NULL));

  gtk_check_button_set_active (month_first, TRUE);
  g_assert_cmpstr (adw_expander_row_get_subtitle (question), ==,
                   "05/01/2022 12:00:03 AM is read as 1 May 2022 (month first)");
  /* the closure date's column (Closed Date) is asked about too */
  question = pathways_import_columns_page_get_date_question (columns, PATHWAYS_FIELD_CLOSURE_DATE,
                                                            NULL, &month_first);
  g_assert_nonnull (question);
  gtk_check_button_set_active (month_first, TRUE);
  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (pathways_import_columns_page_get_date_question (columns, f, NULL, &month_first) != NULL)
        gtk_check_button_set_active (month_first, TRUE);
    }

  {
    g_autoptr(PathwaysMapping) mapping = pathways_import_assistant_get_mapping (assistant);

    /* the answer goes into the mapping */
    g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==,
                     PATHWAYS_DATE_ORDER_MDY);
    g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_CLOSURE_DATE), ==,
                     PATHWAYS_DATE_ORDER_MDY);
  }
}

/* Back to the first step and on again: the columns, the date answers and the values
 * chosen on the later steps are all still there. Ends on the values step. */
static void
assert_back_keeps_choices (PathwaysImportAssistant *assistant)
{
  PathwaysImportColumnsPage *columns = step_page (assistant, "columns_page");
  GtkCheckButton *month_first = NULL;
  AdwEntryRow *entry;
  AdwComboRow *row;
  GtkStringObject *item;

  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "values");
  for (guint i = 0; i < 3; i++)
    pathways_import_assistant_back (assistant);
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "files");
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "columns");

  row = pathways_import_assistant_get_field_row (assistant, PATHWAYS_FIELD_CLOSURE_REASON);
  item = adw_combo_row_get_selected_item (row);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Status");
  row = pathways_import_assistant_get_field_row (assistant, PATHWAYS_FIELD_REFERRAL_SOURCE);
  item = adw_combo_row_get_selected_item (row);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Open Data Channel Type");
  g_assert_nonnull (pathways_import_columns_page_get_date_question (columns, PATHWAYS_FIELD_REFERRAL_DATE,
                                                                   NULL, &month_first));
  g_assert_true (gtk_check_button_get_active (month_first));

  /* on to the values, read again: PHONE is still called Telephone */
  g_assert_true (pathways_import_assistant_next (assistant));
  wait_while (assistant_busy, assistant);
  entry = pathways_import_assistant_get_value_row (assistant, PATHWAYS_FIELD_REFERRAL_SOURCE, "PHONE");
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Telephone");
  entry = pathways_import_assistant_get_value_row (assistant, PATHWAYS_FIELD_REFERRAL_SOURCE, "UNKNOWN");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, PATHWAYS_NOT_RECORDED);
}

/* The preview step has all 41 columns of the NYC export, side by side in a scroller
 * whose scroll bar stays visible; scrolled to the end, the last column shows. */
static void
assert_wide_preview (PathwaysImportAssistant *assistant)
{
  GtkGrid *grid = pathways_import_preview_page_get_grid (step_page (assistant, "preview_page"));
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *h;

  g_assert_cmpstr (grid_text (grid, 40, 0), ==, "Location");
  g_assert_null (gtk_grid_get_child_at (grid, 41, 0));
  g_assert_nonnull (scroller);
  g_assert_false (gtk_scrolled_window_get_overlay_scrolling (GTK_SCROLLED_WINDOW (scroller)));
  ui_test_wait_layout (scroller);
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* wider than the window: 41 columns of up to 24 characters */
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, 2 * gtk_adjustment_get_page_size (h));
  gtk_adjustment_set_value (h, gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h));
  ui_test_wait_layout (scroller);
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-preview-wide.png", 10);
  gtk_adjustment_set_value (h, 0);
}

/* The columns step of the NYC import: the proposed mapping and the columns left out. */
static void
assert_columns_step (PathwaysImportAssistant *assistant)
{
  g_autoptr(PathwaysMapping) mapping = NULL;

  mapping = pathways_import_assistant_get_mapping (assistant);
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_CASE_ID), ==, "Unique Key");
  g_assert_cmpstr (pathways_mapping_get_column (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==, "Created Date");
  /* nothing that could identify someone is proposed */
  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      const char *column = pathways_mapping_get_column (mapping, f);

      g_assert_cmpstr (column, !=, "Incident Address");
      g_assert_cmpstr (column, !=, "Street Name");
      g_assert_cmpstr (column, !=, "Latitude");
      g_assert_cmpstr (column, !=, "Location");
    }
  {
    /* the columns left out, with those that could identify someone said so */
    PathwaysImportColumnsPage *columns = step_page (assistant, "columns_page");
    AdwActionRow *other = pathways_import_columns_page_get_other_row (columns, "Incident Address");

    g_assert_nonnull (other);
    g_assert_cmpstr (adw_action_row_get_subtitle (other), ==, "Not imported: may identify someone or is free text");
    other = pathways_import_columns_page_get_other_row (columns, "Agency");
    g_assert_nonnull (other);
    g_assert_cmpstr (adw_action_row_get_subtitle (other), ==, "Not imported");
    g_assert_null (pathways_import_columns_page_get_other_row (columns, "Unique Key"));
  }
}

/* After the NYC import: the mapping is saved with its name and date order, and a second
 * assistant offers it. */
static void
assert_mapping_saved (PathwaysWindow *window,
                      GFile          *file)
{
  g_autofree char *saved_dir = NULL;
  g_autofree char *saved_path = NULL;
  g_autoptr(PathwaysMapping) saved = NULL;
  g_autoptr(GError) error = NULL;

  /* the mapping is saved for next time, with the date order that was chosen */
  saved_dir = pathways_saved_mappings_dir ();
  saved_path = g_build_filename (saved_dir, "nyc-311-requests.json", NULL);
  saved = pathways_mapping_new_from_file (saved_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pathways_mapping_get_name (saved), ==, "NYC 311 requests");
  g_assert_cmpstr (pathways_mapping_get_column (saved, PATHWAYS_FIELD_REFERRAL_DATE), ==, "Created Date");
  g_assert_cmpint (pathways_mapping_get_date_order (saved, PATHWAYS_FIELD_REFERRAL_DATE), ==,
                   PATHWAYS_DATE_ORDER_MDY);

  /* ... and offered again as a choice: a second assistant imports with it */
  {
    PathwaysImportAssistant *again;
    g_autoptr(PathwaysMapping) proposed = NULL;

    again = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, &file, 1));
    wait_while (ui_test_not_mapped, again);
    g_assert_true (pathways_import_assistant_select_saved (again, "NYC 311 requests"));
    g_assert_true (pathways_import_assistant_next (again));
    g_assert_true (pathways_import_assistant_next (again));
    proposed = pathways_import_assistant_get_mapping (again);
    g_assert_cmpstr (pathways_mapping_get_name (proposed), ==, "NYC 311 requests");
    g_assert_cmpint (pathways_mapping_get_date_order (proposed, PATHWAYS_FIELD_REFERRAL_DATE), ==,
                     PATHWAYS_DATE_ORDER_MDY);
    gtk_window_destroy (GTK_WINDOW (again));
  }

}

/* Imports the NYC export through every step of the assistant, as a person would. */
static void
test_assistant_nyc (void)
{
  g_autofree char *path = nyc_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PathwaysImportAssistant *assistant;
  PathwaysDataset *dataset;
  PathwaysWindow *window;
  AdwEntryRow *entry;
  gint32 may_first = pathways_day_from_ymd (2022, 5, 1);

  window = ui_test_new_window (app, 1200, 800);
  assistant = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, &file, 1));
  g_assert_nonnull (assistant);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (assistant)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (assistant)));
  /* resizable, opening wide enough for the steps, and not smaller than they need */
  g_assert_true (gtk_window_get_resizable (GTK_WINDOW (assistant)));
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (assistant), &width, &height);
    g_assert_cmpint (width, >=, 800);
    g_assert_cmpint (height, >=, 600);
    gtk_widget_get_size_request (GTK_WIDGET (assistant), &width, &height);
    g_assert_cmpint (width, >=, 480);
    g_assert_cmpint (height, >=, 400);
  }
  gtk_window_set_default_size (GTK_WINDOW (assistant), 900, 680);
  wait_while (ui_test_not_mapped, assistant);
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "files");
  /* nothing imported yet: the window still shows the start page */
  g_assert_cmpstr (pathways_window_get_page (window), ==, "start");

  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-files.png", 10);

  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "preview");
  {
    /* the header and the first 20 requests, as the preview read them */
    GtkGrid *grid = pathways_import_preview_page_get_grid (step_page (assistant, "preview_page"));

    g_assert_cmpstr (grid_text (grid, 0, 0), ==, "Unique Key");
    g_assert_cmpstr (grid_text (grid, 1, 0), ==, "Created Date");
    g_assert_cmpstr (grid_text (grid, 0, 1), ==, "54049402");
    g_assert_cmpstr (grid_text (grid, 0, 20), ==, "54052040");
    g_assert_null (gtk_grid_get_child_at (grid, 0, 21));
  }
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-preview.png", 10);
  assert_wide_preview (assistant);

  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "columns");
  assert_columns_step (assistant);
  answer_date_questions (assistant);
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-columns.png", 10);

  /* three more columns chosen by hand, as a person would */
  choose_column (assistant, PATHWAYS_FIELD_REFERRAL_SOURCE, "Open Data Channel Type");
  choose_column (assistant, PATHWAYS_FIELD_PRIMARY_INCIDENT, "Complaint Type");
  choose_column (assistant, PATHWAYS_FIELD_CLOSURE_REASON, "Status");
  {
    g_autoptr(PathwaysMapping) edited = pathways_import_assistant_get_mapping (assistant);

    g_assert_cmpstr (pathways_mapping_get_column (edited, PATHWAYS_FIELD_CLOSURE_REASON), ==, "Status");
  }

  /* the values step reads the file in a thread */
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "values");
  wait_while (assistant_busy, assistant);
  g_assert_cmpstr (pathways_import_values_page_get_state (step_page (assistant, "values_page")), ==, "values");
  /* "UNKNOWN" is a missing spelling; PHONE is grouped under a name of our own */
  entry = pathways_import_assistant_get_value_row (assistant, PATHWAYS_FIELD_REFERRAL_SOURCE, "UNKNOWN");
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, PATHWAYS_NOT_RECORDED);
  entry = pathways_import_assistant_get_value_row (assistant, PATHWAYS_FIELD_REFERRAL_SOURCE, "PHONE");
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "PHONE");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Telephone");
  g_assert_nonnull (pathways_import_assistant_get_value_row (assistant, PATHWAYS_FIELD_CLOSURE_REASON, "In Progress"));
  g_assert_null (pathways_import_assistant_get_value_row (assistant, PATHWAYS_FIELD_CLOSURE_REASON, "ONLINE"));
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-values.png", 10);
  assert_back_keeps_choices (assistant);

  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "findings");
  wait_while (assistant_busy, assistant);
  dataset = pathways_import_assistant_get_dataset (assistant);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (dataset->n_cases, ==, 924);
  for (guint i = 0; i < dataset->n_cases; i++)
    g_assert_cmpint (dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[i], ==, may_first);
  /* ONLINE 501, MOBILE 280, PHONE 139 (now "Telephone"), UNKNOWN 4 */
  g_assert_cmpuint (count_code (dataset->columns[PATHWAYS_FIELD_REFERRAL_SOURCE], "Telephone"), ==, 139);
  g_assert_cmpint (pathways_dictionary_lookup (dataset->columns[PATHWAYS_FIELD_REFERRAL_SOURCE]->dict, "PHONE"), <, 0);
  g_assert_cmpuint (count_code (dataset->columns[PATHWAYS_FIELD_REFERRAL_SOURCE], PATHWAYS_NOT_RECORDED), ==, 4);
  /* month first was chosen: nothing was assumed about the order */
  g_assert_cmpuint (pathways_dataset_count_findings (dataset, PATHWAYS_FINDING_DATE_ORDER_ASSUMED), ==, 0);
  {
    PathwaysImportFindingsPage *findings = step_page (assistant, "findings_page");

    g_assert_false (pathways_import_findings_page_get_progress_visible (findings));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pathways_import_findings_page_get_kinds_group (findings))));
  }
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-findings.png", 10);

  pathways_import_assistant_set_mapping_name (assistant, "NYC 311 requests");
  g_assert_true (pathways_import_assistant_next (assistant));
  ui_test_iterate (5);

  g_assert_cmpstr (pathways_window_get_page (window), ==, "dataset");
  g_assert_cmpuint (pathways_window_get_dataset (window)->n_cases, ==, 924);

  assert_mapping_saved (window, file);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
}

/* Dates such as 05/01/2022 are never read in an order nobody chose: with no order in
 * the preferences, the columns step waits for an answer; answered day first, the
 * dates are 5 January 2022 and the findings say nothing was assumed about them. */
static void
test_assistant_findings (void)
{
  g_autofree char *path = nyc_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PathwaysImportColumnsPage *columns;
  PathwaysImportAssistant *assistant;
  PathwaysDataset *dataset;
  PathwaysWindow *window;
  GtkCheckButton *day_first = NULL;

  window = ui_test_new_window (app, 1200, 800);
  assistant = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, &file, 1));
  gtk_window_set_default_size (GTK_WINDOW (assistant), 900, 680);
  wait_while (ui_test_not_mapped, assistant);
  pathways_import_assistant_set_date_order (assistant, PATHWAYS_DATE_ORDER_AUTO);
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_false (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "columns");

  columns = step_page (assistant, "columns_page");
  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      if (pathways_import_columns_page_get_date_question (columns, f, &day_first, NULL) != NULL)
        gtk_check_button_set_active (day_first, TRUE);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (pathways_import_assistant_next (assistant));
      wait_while (assistant_busy, assistant);
    }
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "findings");
  dataset = pathways_import_assistant_get_dataset (assistant);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (pathways_dataset_count_findings (dataset, PATHWAYS_FINDING_DATE_ORDER_ASSUMED), ==, 0);
  /* day first, as answered: 5 January 2022 */
  g_assert_cmpint (dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[0], ==,
                   pathways_day_from_ymd (2022, 1, 5));
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-findings-day-first.png", 10);

  /* Back from the findings goes to the values; the window has opened nothing */
  pathways_import_assistant_back (assistant);
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "values");
  g_assert_cmpstr (pathways_window_get_page (window), ==, "start");
  g_assert_null (pathways_window_get_dataset (window));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
}

/* The first 20 rows leave the order open, a later one (25/01/2022) settles it: an
 * answer the whole file contradicts is changed when the values step has read every
 * row, and the question shows the new reading. */
static void
test_assistant_dates_settled_later (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-dates-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "later.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("Case ID,Referral date\n");
  g_autoptr(PathwaysMapping) mapping = NULL;
  PathwaysImportColumnsPage *columns;
  PathwaysImportAssistant *assistant;
  PathwaysWindow *window;
  GtkCheckButton *day_first = NULL;
  GtkCheckButton *month_first = NULL;

  for (guint i = 1; i <= 24; i++)
    g_string_append_printf (csv, "C%u,%s\n", i, i == 22 ? "25/01/2022" : "05/01/2022");
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));

  window = ui_test_new_window (app, 1200, 800);
  assistant = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, &file, 1));
  wait_while (ui_test_not_mapped, assistant);
  pathways_import_assistant_set_date_order (assistant, PATHWAYS_DATE_ORDER_AUTO);
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_true (pathways_import_assistant_next (assistant));
  columns = step_page (assistant, "columns_page");
  g_assert_nonnull (pathways_import_columns_page_get_date_question (columns, PATHWAYS_FIELD_REFERRAL_DATE,
                                                                   &day_first, &month_first));
  gtk_check_button_set_active (month_first, TRUE);
  g_assert_true (pathways_import_assistant_next (assistant));
  wait_while (assistant_busy, assistant);

  g_assert_true (gtk_check_button_get_active (day_first));
  g_assert_false (gtk_check_button_get_active (month_first));
  mapping = pathways_import_assistant_get_mapping (assistant);
  g_assert_cmpint (pathways_mapping_get_date_order (mapping, PATHWAYS_FIELD_REFERRAL_DATE), ==,
                   PATHWAYS_DATE_ORDER_DMY);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* An outcomes file chosen on the first step is read with the cases: the findings step
 * counts its answers and its findings, and the window gets the outcomes table. A
 * picture chosen as the outcomes file is refused at the first step. */
static void
test_assistant_outcomes (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "outcomes", "cases.csv", NULL);
  g_autofree char *answers = g_build_filename (TEST_DATA_DIR, "outcomes", "answers.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("pathways-outcomes-XXXXXX", NULL);
  g_autofree char *picture = g_build_filename (dir, "answers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (cases);
  PathwaysImportAssistant *assistant;
  PathwaysDataset *dataset;
  PathwaysWindow *window;

  g_assert_true (g_file_set_contents (picture, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  window = ui_test_new_window (app, 1200, 800);
  assistant = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, &file, 1));
  wait_while (ui_test_not_mapped, assistant);

  pathways_import_assistant_set_outcomes_path (assistant, picture);
  g_assert_false (pathways_import_assistant_next (assistant));
  g_assert_true (g_str_has_prefix (pathways_import_assistant_get_refusal (assistant),
                                   "“answers.csv” is not a CSV or Excel file: it holds a PNG picture."));
  ui_test_wait_while (no_message_dialog, NULL, 10, 4);
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));

  pathways_import_assistant_set_outcomes_path (assistant, answers);
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-files-outcomes.png", 10);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (pathways_import_assistant_next (assistant));
      wait_while (assistant_busy, assistant);
    }
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "findings");
  dataset = pathways_import_assistant_get_dataset (assistant);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (dataset->n_cases, ==, 10);
  g_assert_nonnull (dataset->outcomes);
  /* 26 answers less a score of 28 on PHQ-9, one for case X99 and one "sometime"
   * without a date (as tests/test-outcomes.c counts them) */
  g_assert_cmpuint (dataset->outcomes->n_rows, ==, 23);
  g_assert_cmpuint (pathways_dataset_count_findings (dataset, PATHWAYS_FINDING_ORPHAN_ANSWER), ==, 1);
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-findings-outcomes.png", 10);

  g_assert_true (pathways_import_assistant_finish (assistant));
  ui_test_iterate (5);
  g_assert_nonnull (pathways_window_get_dataset (window)->outcomes);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
  g_assert_cmpint (g_remove (picture), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The preferences' date order is proposed as the answer, in view: month first there,
 * and Next goes on without a further question. */
static void
test_assistant_date_preference (void)
{
  g_autofree char *path = nyc_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PathwaysImportAssistant *assistant;
  PathwaysWindow *window;
  GtkCheckButton *day_first = NULL;
  GtkCheckButton *month_first = NULL;

  window = ui_test_new_window (app, 1200, 800);
  assistant = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, &file, 1));
  wait_while (ui_test_not_mapped, assistant);
  pathways_import_assistant_set_date_order (assistant, PATHWAYS_DATE_ORDER_MDY);
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_nonnull (pathways_import_columns_page_get_date_question (step_page (assistant, "columns_page"),
                                                                   PATHWAYS_FIELD_REFERRAL_DATE,
                                                                   &day_first, &month_first));
  g_assert_false (gtk_check_button_get_active (day_first));
  g_assert_true (gtk_check_button_get_active (month_first));

  /* made as small as it lets itself be, the question still fits: nothing asks for more */
  gtk_window_set_default_size (GTK_WINDOW (assistant), 560, 460);
  ui_test_wait_layout (GTK_WIDGET (assistant));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (assistant)), <=, 600);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (assistant)), <=, 500);
  ui_test_save_screenshot (GTK_WIDGET (assistant), "app-import-columns-small.png", 10);

  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "values");
  wait_while (assistant_busy, assistant);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
}

/* A case export and its service export (given services first): the columns step has
 * the service fields, and Back while importing stops the import and drops its result. */
static void
test_assistant_services (void)
{
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autoptr(GError) error = NULL;
  GFile *files[2];
  PathwaysImportAssistant *assistant;
  PathwaysWindow *window;
  PathwaysDataset *dataset;

  g_assert_true (pathways_sample_get_paths (&cases, &services, &error));
  g_assert_no_error (error);
  files[0] = g_file_new_for_path (services);
  files[1] = g_file_new_for_path (cases);

  window = ui_test_new_window (app, 1200, 800);
  assistant = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, files, 2));
  g_assert_nonnull (assistant);
  wait_while (ui_test_not_mapped, assistant);
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "columns");
  g_assert_nonnull (pathways_import_assistant_get_field_row (assistant, PATHWAYS_FIELD_SERVICE_TYPE));
  g_assert_true (pathways_import_assistant_next (assistant));
  wait_while (assistant_busy, assistant);

  /* into the import, and straight back: nothing is kept, whenever the thread ends */
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "findings");
  g_assert_true (pathways_import_findings_page_get_progress_visible (step_page (assistant, "findings_page")));
  pathways_import_assistant_back (assistant);
  g_assert_false (pathways_import_assistant_is_busy (assistant));
  g_assert_false (pathways_import_findings_page_get_progress_visible (step_page (assistant, "findings_page")));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "values");
  ui_test_iterate (50);
  g_assert_null (pathways_import_assistant_get_dataset (assistant));

  /* and again, to the end */
  g_assert_true (pathways_import_assistant_next (assistant));
  wait_while (assistant_busy, assistant);
  dataset = pathways_import_assistant_get_dataset (assistant);
  g_assert_nonnull (dataset);
  g_assert_true (dataset->has_services);
  g_assert_cmpuint (dataset->n_services, >, 0);
  g_assert_true (pathways_import_assistant_finish (assistant));
  ui_test_iterate (5);
  g_assert_cmpstr (pathways_window_get_page (window), ==, "dataset");
  g_assert_true (pathways_window_get_dataset (window)->has_services);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
}


/* An empty file, a CSV with its header only, a PNG picture renamed .csv, a file of
 * blank lines and other binary data are refused at the first step, each with a
 * sentence that names the file, says what it holds and what to choose instead, shown
 * whole in a dialog (never a message about a NUL byte). */
static void
test_assistant_refusals (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };
  static const struct { const char *name; const char *says; } files[] = {
    { "empty.csv", "“empty.csv” is empty. Choose the file" },
    { "header.csv", "“header.csv” has a row of 3 column names but no rows of cases." },
    /* a picture renamed as if it were an export */
    { "picture.csv", "“picture.csv” is not a CSV or Excel file: it holds a PNG picture. Export "
                     "the cases from your case-management system as CSV or XLSX" },
    { "blank.csv", "“blank.csv” is empty. Choose the file" },
    { "scan.csv", "“scan.csv” is not a CSV or Excel file: it holds binary data, such as a picture" },
  };
  g_autofree char *dir = g_dir_make_tmp ("pathways-refuse-XXXXXX", NULL);
  PathwaysWindow *window = ui_test_new_window (app, 1200, 800);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      PathwaysImportAssistant *assistant;
      GtkWidget *dialog;

      if (i == 0)
        g_assert_true (g_file_set_contents (path, "", 0, NULL));
      else if (i == 1)
        g_assert_true (g_file_set_contents (path, "case_id,referral_date,closure_date\n", -1, NULL));
      else if (i == 2)
        g_assert_true (g_file_set_contents (path, (const char *) png, sizeof png, NULL));
      else if (i == 3)
        g_assert_true (g_file_set_contents (path, "\xef\xbb\xbf\r\n  \r\n", -1, NULL));
      else
        g_assert_true (g_file_set_contents (path, "ab\0\0\x01\x02" "cd", 8, NULL));

      assistant = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, &file, 1));
      g_assert_nonnull (assistant);
      wait_while (ui_test_not_mapped, assistant);
      g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "files");
      g_assert_false (pathways_import_assistant_next (assistant));
      g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "files");
      g_assert_nonnull (pathways_import_assistant_get_refusal (assistant));
      g_assert_true (g_str_has_prefix (pathways_import_assistant_get_refusal (assistant),
                                       files[i].says));
      g_assert_null (strstr (pathways_import_assistant_get_refusal (assistant), "NUL"));
      ui_test_wait_while (no_message_dialog, NULL, 10, 4);
      dialog = find_message_dialog ();
      g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                       pathways_import_assistant_get_refusal (assistant));
      if (i == 2)
        {
          /* the sentence shown whole, not cut short */
          g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                                    "CSV or XLSX and choose that file."));
          ui_test_wait_layout (dialog);
          ui_test_save_screenshot (dialog, "app-import-refused.png", 4);
        }
      gtk_window_destroy (GTK_WINDOW (dialog));
      gtk_window_destroy (GTK_WINDOW (assistant));
      ui_test_iterate (3);
      g_remove (path);
    }

  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
}

static gboolean
window_not_on_sample (gpointer window)
{
  PathwaysDataset *dataset = pathways_window_get_dataset (window);

  return ui_test_window_loading (window) || dataset == NULL ||
         g_strcmp0 (dataset->name, "Sample data") != 0;
}

/* Asks for the sample over what WINDOW shows, as the menu does, and returns the
 * question about the unsaved import (asserted: Cancel, Discard and Save, in words that
 * name the export), or NULL when none was asked. */
static AdwMessageDialog *
ask_for_sample (PathwaysWindow *window)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  ui_test_iterate (3);
  dialog = (AdwMessageDialog *) find_message_dialog ();
  if (dialog == NULL)
    return NULL;
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard the Unsaved Import?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“311_Service_Requests_sample.csv”"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  return dialog;
}

/* RESPONSE, as a click on its button: the dialog goes with it. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
open_nyc (PathwaysWindow *window)
{
  g_autofree char *path = nyc_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pathways_window_open_files (window, &file, 1);
  wait_while (ui_test_window_loading, window);
  g_assert_cmpuint (pathways_window_get_dataset (window)->n_cases, ==, 924);
}

/* An import not saved as a workspace is not thrown away by opening the sample: the
 * window asks. Cancel keeps it; Discard opens the sample; Save saves it first, then
 * opens the sample. The sample itself, or a saved import, is replaced without asking. */
static void
test_discard_unsaved (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pathways-discard-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "nyc.pathways", NULL);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  PathwaysWindow *window = ui_test_new_window (app, 1200, 800);
  AdwMessageDialog *dialog;

  open_nyc (window);
  dialog = ask_for_sample (window);
  g_assert_nonnull (dialog);
  ui_test_wait_layout (GTK_WIDGET (dialog));
  ui_test_save_screenshot (GTK_WIDGET (dialog), "app-import-discard.png", 4);
  respond (dialog, "cancel");
  ui_test_iterate (5);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (pathways_window_get_dataset (window)->n_cases, ==, 924);

  dialog = ask_for_sample (window);
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  wait_while (window_not_on_sample, window);
  g_assert_cmpuint (pathways_window_get_dataset (window)->n_cases, !=, 924);

  /* the sample can be had again at any time: no question */
  g_assert_null (ask_for_sample (window));
  wait_while (window_not_on_sample, window);

  /* Save: the workspace is written (here as if chosen in the file chooser), then the
   * sample opens */
  open_nyc (window);
  dialog = ask_for_sample (window);
  g_assert_nonnull (dialog);
  respond (dialog, "save");
  ui_test_iterate (3);
  g_assert_cmpstr (pathways_window_get_dataset (window)->name, !=, "Sample data");
  pathways_window_save_workspace (window, saved_file);
  wait_while (ui_test_window_saving, window);
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
  wait_while (window_not_on_sample, window);

  /* a saved workspace, opened again, is replaced without asking */
  pathways_window_open_files (window, &saved_file, 1);
  wait_while (ui_test_window_loading, window);
  g_assert_cmpuint (pathways_window_get_dataset (window)->n_cases, ==, 924);
  g_assert_null (ask_for_sample (window));
  wait_while (window_not_on_sample, window);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
  g_assert_cmpint (g_remove (saved), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A required field left out: the columns step does not go on. */
static void
test_assistant_required (void)
{
  g_autofree char *path = nyc_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PathwaysImportAssistant *assistant;
  PathwaysWindow *window;
  AdwComboRow *row = NULL;

  window = ui_test_new_window (app, 1200, 800);
  assistant = PATHWAYS_IMPORT_ASSISTANT (pathways_window_import_files (window, &file, 1));
  wait_while (ui_test_not_mapped, assistant);
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_true (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "columns");

  row = pathways_import_assistant_get_field_row (assistant, PATHWAYS_FIELD_REFERRAL_DATE);
  g_assert_nonnull (row);
  adw_combo_row_set_selected (row, 0);   /* "Not imported" */
  g_assert_false (pathways_import_assistant_next (assistant));
  g_assert_cmpstr (pathways_import_assistant_get_page (assistant), ==, "columns");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
}

static void
test_looks_identifying (void)
{
  const char *emails[] = { "a.b@example.org", "c@example.com", "", NULL };
  const char *phones[] = { "07700 900123", "+44 7700 900456", NULL };
  const char *notes[] = {
    "Called back twice and left a message about the appointment",
    "Said she would rather be seen at the Leeds office next week",
    "Referred on to the children and young people service after review",
    NULL
  };
  const char *channels[] = { "ONLINE", "PHONE", "ONLINE", "MOBILE", NULL };

  g_assert_true (pathways_column_looks_identifying ("Incident Address", NULL));
  g_assert_true (pathways_column_looks_identifying ("Client surname", NULL));
  g_assert_true (pathways_column_looks_identifying ("Phone", NULL));
  g_assert_true (pathways_column_looks_identifying ("E-mail", NULL));
  g_assert_true (pathways_column_looks_identifying ("X Coordinate (State Plane)", NULL));
  g_assert_true (pathways_column_looks_identifying ("Contact", emails));
  g_assert_true (pathways_column_looks_identifying ("Contact", phones));
  g_assert_true (pathways_column_looks_identifying ("Outcome", notes));
  g_assert_false (pathways_column_looks_identifying ("Open Data Channel Type", channels));
  g_assert_false (pathways_column_looks_identifying ("Status", NULL));
  /* "name" as a word, not inside another */
  g_assert_false (pathways_column_looks_identifying ("Tenancy", NULL));
}

static void
test_mapping_file_name (void)
{
  const struct {
    const char *name;
    const char *file;
  } cases[] = {
    { "NYC 311 requests", "nyc-311-requests.json" },
    { "  DPMS: Leeds / 2023 ", "dpms-leeds-2023.json" },
    { "../../etc/passwd", "etc-passwd.json" },
    { "", "mapping.json" },
    { "–", "mapping.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = pathways_mapping_file_name (cases[i].name);

      g_assert_cmpstr (file, ==, cases[i].file);
    }
}

/* Save Workspace writes the file in a thread; the start page of a new window lists it,
 * and a click on it opens the same data. */
static void
test_save_and_recent (void)
{
  g_autofree char *path = nyc_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = NULL;
  g_autofree char *workspace = NULL;
  g_autoptr(GFile) workspace_file = NULL;
  g_autoptr(GError) error = NULL;
  PathwaysWindow *window;
  PathwaysWindow *second;
  GtkListBox *recent;
  GtkListBoxRow *row;
  guint n_cases;

  dir = g_dir_make_tmp ("pathways-ui-XXXXXX", &error);
  g_assert_no_error (error);
  workspace = g_build_filename (dir, "nyc.pathways", NULL);
  workspace_file = g_file_new_for_path (workspace);

  window = ui_test_new_window (app, 1200, 800);
  pathways_window_open_files (window, &file, 1);
  wait_while (ui_test_window_loading, window);
  g_assert_cmpstr (pathways_window_get_page (window), ==, "dataset");
  n_cases = pathways_window_get_dataset (window)->n_cases;
  g_assert_cmpuint (n_cases, ==, 924);

  pathways_window_save_workspace (window, workspace_file);
  g_assert_true (pathways_window_is_saving (window));
  wait_while (ui_test_window_saving, window);
  g_assert_true (g_file_test (workspace, G_FILE_TEST_IS_REGULAR));

  second = ui_test_new_window (app, 1200, 800);
  g_assert_cmpstr (pathways_window_get_page (second), ==, "start");
  recent = pathways_window_get_recent_list (second);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (recent)));
  row = gtk_list_box_get_row_at_index (recent, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "nyc.pathways");
  g_assert_null (gtk_list_box_get_row_at_index (recent, 1));
  ui_test_save_screenshot (GTK_WIDGET (second), "app-start-recent.png", 10);

  g_signal_emit_by_name (recent, "row-activated", row);
  wait_while (ui_test_window_loading, second);
  g_assert_cmpstr (pathways_window_get_page (second), ==, "dataset");
  g_assert_cmpuint (pathways_window_get_dataset (second)->n_cases, ==, n_cases);

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);

  g_assert_cmpint (g_remove (workspace), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static guint
count_in_fy (PathwaysDataset *dataset,
             int              fy)
{
  gint32 from = pathways_day_from_ymd (fy, 4, 1);
  gint32 to = pathways_day_from_ymd (fy + 1, 3, 31);
  guint n = 0;

  for (guint i = 0; i < dataset->n_cases; i++)
    {
      gint32 day = dataset->columns[PATHWAYS_FIELD_REFERRAL_DATE]->days[i];

      if (PATHWAYS_DAY_IS_VALID (day) && day >= from && day <= to)
        n++;
    }
  return n;
}

/* A financial year beside the one before, on the Journey and Closures pages. */
static void
test_compare (void)
{
  PathwaysWindow *window;
  PathwaysDataset *dataset;
  PathwaysReport *report_b;
  g_autofree char *fy_a = NULL;
  g_autofree char *fy_b = NULL;
  AdwViewStack *stack;
  gint32 first, last;
  int year, month, day, fy;
  guint n_a, n_b;

  window = ui_test_new_window (app, 1200, 800);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  pathways_window_open_sample (window);
  wait_while (ui_test_window_loading, window);
  dataset = pathways_window_get_dataset (window);
  g_assert_nonnull (dataset);

  /* nothing to compare before it is asked for */
  g_assert_false (pathways_window_get_compare (window));
  g_assert_null (pathways_window_get_compare_report (window));

  pathways_dataset_get_referral_range (dataset, &first, &last);
  pathways_day_to_ymd (last, &year, &month, &day);
  fy = month >= 4 ? year : year - 1;
  /* the newest year may have begun only lately: the two before it */
  n_a = count_in_fy (dataset, fy - 1);
  n_b = count_in_fy (dataset, fy - 2);
  g_assert_cmpuint (n_a, >, 0);
  g_assert_cmpuint (n_b, >, 0);
  g_assert_cmpuint (n_a, !=, n_b);

  /* the two financial years before the newest, chosen by their identifiers */
  fy_a = g_strdup_printf ("FY%d-%02d", fy - 1, fy % 100);
  fy_b = g_strdup_printf ("FY%d-%02d", fy - 2, (fy - 1) % 100);
  ui_test_select_period (window, fy_a);
  ui_test_iterate (5);
  g_assert_cmpuint (pathways_window_get_report (window)->measures->n_cases, ==, n_a);

  /* compare mode proposes the year before */
  pathways_window_set_compare (window, TRUE);
  ui_test_iterate (5);
  g_assert_true (pathways_window_get_compare (window));
  report_b = pathways_window_get_compare_report (window);
  g_assert_nonnull (report_b);
  g_assert_cmpuint (report_b->measures->n_cases, ==, n_b);
  /* the first report is still the newest year */
  g_assert_cmpuint (pathways_window_get_report (window)->measures->n_cases, ==, n_a);
  ui_test_save_screenshot (GTK_WIDGET (window), "app-compare-journey.png", 10);

  stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), PATHWAYS_TYPE_WINDOW,
                                                         "view_stack"));
  adw_view_stack_set_visible_child_name (stack, "closures");
  ui_test_iterate (10);
  ui_test_save_screenshot (GTK_WIDGET (window), "app-compare-closures.png", 10);

  /* the whole period as B: every case */
  g_assert_true (pathways_window_set_compare_period (window, NULL));
  g_assert_cmpuint (pathways_window_get_compare_report (window)->measures->n_cases, ==, dataset->n_cases);

  /* a filter change rebuilds both */
  ui_test_select_period (window, fy_b);
  ui_test_iterate (5);
  g_assert_cmpuint (pathways_window_get_report (window)->measures->n_cases, ==, n_b);
  g_assert_cmpuint (pathways_window_get_compare_report (window)->measures->n_cases, ==, dataset->n_cases);

  pathways_window_set_compare (window, FALSE);
  g_assert_null (pathways_window_get_compare_report (window));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);

  g_test_add_func ("/pathways/import/looks-identifying", test_looks_identifying);
  g_test_add_func ("/pathways/import/mapping-file-name", test_mapping_file_name);
  g_test_add_func ("/pathways/import/assistant-nyc", test_assistant_nyc);
  g_test_add_func ("/pathways/import/assistant-findings", test_assistant_findings);
  g_test_add_func ("/pathways/import/assistant-date-preference", test_assistant_date_preference);
  g_test_add_func ("/pathways/import/assistant-dates-settled-later", test_assistant_dates_settled_later);
  g_test_add_func ("/pathways/import/assistant-services", test_assistant_services);
  g_test_add_func ("/pathways/import/assistant-required", test_assistant_required);
  g_test_add_func ("/pathways/import/assistant-refusals", test_assistant_refusals);
  g_test_add_func ("/pathways/import/assistant-outcomes", test_assistant_outcomes);
  g_test_add_func ("/pathways/import/save-and-recent", test_save_and_recent);
  g_test_add_func ("/pathways/import/discard-unsaved", test_discard_unsaved);
  g_test_add_func ("/pathways/import/compare", test_compare);

  return ui_test_run ();
}
