/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting from the window: the report dialog on a workspace shows the options saved
 * in it (as `pathways-cli export --save-options` leaves them), is driven like a person
 * would (title, organisation, a section off, a commentary), writes a PDF and an XLSX of
 * the filtered report with protected figures, and keeps its options in the workspace.
 * Then a chart as PNG and SVG, and printing a page of charts to a PDF, both protected.
 * Every file goes to a temporary folder: no file chooser, no print dialog. */
#define G_LOG_DOMAIN "test-window-export"

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <string.h>

#include "pathways-window-private.h"
#include "pathways-export-dialog.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

/* Runs the main loop while CHECK (DATA) holds, at most two minutes (a guard against a
 * hang, not a measure). */
static void
wait_while (UiTestCheck check,
            gpointer    data)
{
  ui_test_wait_while (check, data, 120, 3);
}

static gboolean
window_busy (gpointer window)
{
  return pathways_window_is_loading (window) || pathways_window_is_saving (window) ||
         !gtk_widget_get_mapped (window);
}

static gboolean
still_there (gpointer pointer)
{
  return *(gpointer *) pointer != NULL;
}

static gboolean
title_is (GtkWidget     *widget,
          gconstpointer  title)
{
  return title == NULL ||
         (ADW_IS_PREFERENCES_ROW (widget) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0);
}

/* The first widget of TYPE under ROOT whose preferences-row title is TITLE (any
 * title when NULL). */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  return ui_test_find_widget (root, type, title_is, title);
}

/* The export dialog Ctrl+E opened over WINDOW. */
static PathwaysExportDialog *
open_export_dialog (PathwaysWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  ui_test_iterate (3);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PATHWAYS_IS_EXPORT_DIALOG (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window))
        return PATHWAYS_EXPORT_DIALOG (toplevel);
    }
  g_assert_not_reached ();
}

/* Exports through the dialog to PATH as FORMAT and waits until it has closed. */
static void
export_to (PathwaysExportDialog *dialog,
           const char           *format,
           const char           *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gpointer pointer = dialog;

  g_assert_true (pathways_export_dialog_set_format (dialog, format));
  g_assert_cmpstr (pathways_export_dialog_get_format (dialog), ==, format);
  g_object_add_weak_pointer (G_OBJECT (dialog), &pointer);
  pathways_export_dialog_export_to_file (dialog, file);
  g_assert_true (pathways_export_dialog_is_busy (dialog));
  /* a successful export closes the dialog; an error would keep it open */
  wait_while (still_there, &pointer);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s", argv[0], error->message, err);
  return out;
}

static void
assert_starts_with (const char *path,
                    const char *magic,
                    gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, length);
  g_assert_cmpmem (contents, length, magic, length);
}

/* The pages of PDF PATH, as pdfinfo counts them. */
static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

/* The fields of the row of sheet SHEET in XLSX PATH whose first field is LABEL, in the
 * block of TABLE (a sheet holds the tables of one subject, each under its title). */
static char **
xlsx_row (const char                *path,
          const char                *sheet,
          const PathwaysReportTable *table,
          const char                *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = pathways_xlsx_reader_new (path, sheet, &error);
  g_autofree char *title = pathways_export_table_title (table);
  gboolean in_block = FALSE;

  g_assert_no_error (error);
  while (pathways_row_reader_next_row (reader, &error))
    {
      if (!in_block)
        in_block = g_strcmp0 (pathways_row_reader_get_field (reader, 0), title) == 0;
      else if (g_strcmp0 (pathways_row_reader_get_field (reader, 0), label) == 0)
        {
          GStrvBuilder *builder = g_strv_builder_new ();
          char **row;

          for (guint c = 0; c < pathways_row_reader_get_n_fields (reader); c++)
            g_strv_builder_add (builder, pathways_row_reader_get_field (reader, c));
          row = g_strv_builder_end (builder);
          g_strv_builder_unref (builder);
          return row;
        }
    }
  g_assert_no_error (error);
  g_error ("sheet “%s” has no row “%s”", sheet, label);
}

/* The sheet holding TABLE: the workbook has one sheet per subject, after "Contents" and
 * "Read me". */
static const char *
sheet_of (char                        **sheets,
          PathwaysReport               *report,
          const PathwaysReportTable    *table,
          const PathwaysExportOptions  *options)
{
  const char *name = pathways_xlsx_sheet_for_table (table);

  g_assert_true (pathways_export_table_selected (table, options));
  g_assert_true (g_strv_contains ((const char * const *) sheets, name));
  return name;
}

/* A count the export must hide: in a selected table, below the threshold. */
static gboolean
find_suppressed (PathwaysReport               *protected,
                 const PathwaysExportOptions  *options,
                 PathwaysReportTable         **out_table,
                 guint                        *out_row,
                 guint                        *out_col)
{
  for (guint i = 0; i < protected->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (protected->tables, i);

      if (!pathways_export_table_selected (t, options) || !t->protect)
        continue;
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

          if (row->cells[0].kind != PATHWAYS_CELL_LABEL || row->cells[0].text == NULL)
            continue;
          for (guint c = 1; c < t->columns->len; c++)
            if (row->cells[c].kind == PATHWAYS_CELL_COUNT &&
                row->cells[c].suppression == PATHWAYS_SUPPRESSION_PRIMARY)
              {
                *out_table = t;
                *out_row = r;
                *out_col = c;
                return TRUE;
              }
        }
    }
  return FALSE;
}

/* Saves export options in WORKSPACE as the CLI saves them. */
static void
save_preset_options (const char *workspace)
{
  g_autoptr(PathwaysExportOptions) preset = pathways_export_options_new ();
  g_autoptr(GError) error = NULL;

  g_free (preset->title);
  preset->title = g_strdup ("Quarterly return to the PCC");
  g_free (preset->organisation);
  preset->organisation = g_strdup ("Northshire Victim Care");
  g_free (preset->marking);
  preset->marking = g_strdup ("OFFICIAL-SENSITIVE");
  preset->sections = PATHWAYS_SECTION_ALL & ~PATHWAYS_SECTION_PEOPLE;
  pathways_export_options_set_commentary (preset, PATHWAYS_SECTION_JOURNEY, "Referrals held steady.");
  preset->threshold = 7;
  preset->round5 = TRUE;
  g_assert_true (pathways_export_options_save (preset, workspace, &error));
  g_assert_no_error (error);
}

/* The dialog shows the options save_preset_options() saved. */
static void
assert_dialog_shows_preset (PathwaysExportDialog *dialog)
{
  g_autoptr(PathwaysExportOptions) shown = pathways_export_dialog_get_options (dialog);
  GtkWidget *row;

  g_assert_cmpstr (shown->title, ==, "Quarterly return to the PCC");
  g_assert_cmpstr (shown->organisation, ==, "Northshire Victim Care");
  g_assert_cmpstr (shown->marking, ==, "OFFICIAL-SENSITIVE");
  g_assert_cmphex (shown->sections, ==, PATHWAYS_SECTION_ALL & ~PATHWAYS_SECTION_PEOPLE);
  g_assert_cmpstr (pathways_export_options_get_commentary (shown, PATHWAYS_SECTION_JOURNEY), ==,
                   "Referrals held steady.");
  g_assert_cmpuint (shown->threshold, ==, 7);
  g_assert_true (shown->round5);
  g_assert_true (shown->suppress);
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "_Title");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Quarterly return to the PCC");
}

/* Drives the dialog as a person would: title, organisation, waiting times off, people
 * on, a commentary, k = 5, no rounding. */
static void
drive_dialog (PathwaysExportDialog *dialog)
{
  GtkWidget *row, *view;

  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "_Title");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Other referrals, 2023-24");
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "_Organisation");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Westshire Support");
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW,
                  pathways_section_get_title (PATHWAYS_SECTION_WAITING));
  g_assert_nonnull (row);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW,
                  pathways_section_get_title (PATHWAYS_SECTION_PEOPLE));
  g_assert_nonnull (row);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), TRUE);
  view = find_row (row, GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Mostly adults.", -1);
  row = find_row (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (row);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row), 5);
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "_Round counts to 5");
  g_assert_nonnull (row);
  row = find_row (row, GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (row);
  gtk_switch_set_active (GTK_SWITCH (row), FALSE);
}

/* The options drive_dialog() set are back in WORKSPACE, for the next export and the
 * CLI. Returns them. */
static PathwaysExportOptions *
load_kept_options (const char *workspace)
{
  g_autoptr(GError) error = NULL;
  PathwaysExportOptions *kept = pathways_export_options_load (workspace, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kept->title, ==, "Other referrals, 2023-24");
  g_assert_cmpstr (kept->organisation, ==, "Westshire Support");
  g_assert_cmpstr (kept->marking, ==, "OFFICIAL-SENSITIVE");
  g_assert_cmphex (kept->sections, ==, PATHWAYS_SECTION_ALL & ~PATHWAYS_SECTION_WAITING);
  g_assert_cmpstr (pathways_export_options_get_commentary (kept, PATHWAYS_SECTION_JOURNEY), ==,
                   "Referrals held steady.");
  g_assert_cmpstr (pathways_export_options_get_commentary (kept, PATHWAYS_SECTION_PEOPLE), ==,
                   "Mostly adults.");
  g_assert_cmpuint (kept->threshold, ==, 5);
  g_assert_false (kept->round5);
  return kept;
}

/* A real PDF with the title, the organisation and the commentary. */
static void
assert_report_pdf (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  const char *info_argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;

  assert_starts_with (pdf, "%PDF-", 5);
  text = run_tool (argv);
  info = run_tool (info_argv);
  g_assert_nonnull (strstr (text, "Other referrals, 2023-24"));
  g_assert_nonnull (strstr (text, "Westshire Support"));
  g_assert_nonnull (strstr (text, "Mostly adults."));
  g_assert_nonnull (strstr (info, "Other referrals, 2023-24"));
  g_assert_cmpuint (pdf_pages (pdf), >, 3);
}

/* The XLSX's funnel sheet: its first count is the filtered REPORT's as PROTECTED shows
 * it (perturbation, the default: the exact count moved by at most 2). */
static void
assert_xlsx_funnel (const char                  *xlsx,
                    char                       **sheets,
                    PathwaysReport              *report,
                    PathwaysReport              *protected,
                    const PathwaysExportOptions *kept)
{
  PathwaysReportTable *funnel = pathways_report_get_table (protected, "funnel", NULL);
  PathwaysReportRow *first = g_ptr_array_index (funnel->rows, 0);
  PathwaysReportTable *exact_funnel = pathways_report_get_table (report, "funnel", NULL);
  PathwaysReportRow *exact_first = g_ptr_array_index (exact_funnel->rows, 0);
  int col = pathways_report_table_find_column (funnel, "count");
  g_auto(GStrv) fields = xlsx_row (xlsx, sheet_of (sheets, protected, funnel, kept), funnel,
                                   first->cells[0].text);
  g_autofree char *want = g_strdup_printf ("%.0f", first->cells[col].value);

  g_assert_cmpint (col, >, 0);
  g_assert_cmpuint (g_strv_length (fields), >, (guint) col);
  g_assert_cmpfloat (exact_first->cells[col].value, >=, 5);
  g_assert_cmpint (first->cells[col].suppression, ==, PATHWAYS_SUPPRESSION_NONE);
  g_assert_cmpfloat (fabs (first->cells[col].value - exact_first->cells[col].value), <=, 2);
  g_assert_cmpstr (fields[col], ==, want);
}

/* A count below 5 is not written in the XLSX as its number, but as the protected
 * report shows it. */
static void
assert_xlsx_suppressed (const char                  *xlsx,
                        char                       **sheets,
                        PathwaysReport              *report,
                        PathwaysReport              *protected,
                        const PathwaysExportOptions *kept)
{
  PathwaysReportTable *table = NULL;
  guint r = 0, c = 0;
  PathwaysReportRow *row_p;
  PathwaysCell *exact;
  g_auto(GStrv) fields = NULL;
  g_autofree char *number = NULL;
  g_autofree char *shown_text = NULL;

  g_assert_true (find_suppressed (protected, kept, &table, &r, &c));
  row_p = g_ptr_array_index (table->rows, r);
  exact = pathways_report_get_cell (report, table->id, table->key, row_p->id,
                                    ((PathwaysReportColumn *) g_ptr_array_index (table->columns, c))->id);
  g_assert_nonnull (exact);
  g_assert_cmpfloat (exact->value, >, 0);
  g_assert_cmpfloat (exact->value, <, 5);
  fields = xlsx_row (xlsx, sheet_of (sheets, protected, table, kept), table, row_p->cells[0].text);
  g_assert_cmpuint (g_strv_length (fields), >, c);
  number = g_strdup_printf ("%.0f", exact->value);
  shown_text = pathways_cell_format (&row_p->cells[c], protected->threshold);
  g_assert_cmpstr (fields[c], !=, number);
  g_assert_cmpstr (fields[c], ==, shown_text);
}

static void
test_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-export-XXXXXX", &error);
  g_autofree char *workspace = g_build_filename (dir, "sample.pathways", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autoptr(GFile) workspace_file = g_file_new_for_path (workspace);
  g_autoptr(PathwaysExportOptions) kept = NULL;
  g_autoptr(PathwaysExportOptions) again = NULL;
  g_autoptr(PathwaysReport) protected = NULL;
  g_auto(GStrv) sheets = NULL;
  PathwaysExportDialog *dialog;
  PathwaysWindow *window;
  PathwaysReport *report;

  g_assert_no_error (error);

  /* a workspace of the sample, with options saved as the CLI saves them */
  window = ui_test_open_sample (app, 1400, 900);
  pathways_window_save_workspace (window, workspace_file);
  wait_while (window_busy, window);
  g_assert_true (g_file_test (workspace, G_FILE_TEST_IS_REGULAR));
  save_preset_options (workspace);

  /* open the workspace: the window knows where its data came from */
  pathways_window_open_files (window, &workspace_file, 1);
  wait_while (window_busy, window);
  g_assert_cmpstr (pathways_window_get_page (window), ==, "dataset");
  g_assert_cmpstr (_pathways_window_get_workspace_path (window), ==, workspace);

  /* a filter: the report exported is the filtered one */
  g_assert_true (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Other"));
  ui_test_iterate (5);
  report = pathways_window_get_report (window);
  g_assert_cmpuint (report->measures->n_cases, ==, 127);

  /* the dialog shows the saved options; driven, it writes the PDF and keeps them */
  dialog = open_export_dialog (window);
  g_assert_cmpstr (pathways_export_dialog_get_workspace (dialog), ==, workspace);
  /* the report language reads whole in the dialog's own width (it was "Same as the a…") */
  ui_test_wait_layout (GTK_WIDGET (dialog));
  ui_test_assert_label_whole (GTK_WIDGET (dialog), "Same as the application");
  assert_dialog_shows_preset (dialog);
  drive_dialog (dialog);
  export_to (dialog, "pdf", pdf);
  kept = load_kept_options (workspace);
  assert_report_pdf (pdf);

  /* the next dialog starts from what was exported */
  dialog = open_export_dialog (window);
  again = pathways_export_dialog_get_options (dialog);
  g_assert_cmpstr (again->title, ==, "Other referrals, 2023-24");
  g_assert_cmphex (again->sections, ==, kept->sections);
  g_assert_cmpuint (again->threshold, ==, 5);
  export_to (dialog, "xlsx", xlsx);

  /* the XLSX: Read me, then one sheet per selected table; the funnel's first count is
   * the filtered report's, and a count below 5 is not written as its number */
  assert_starts_with (xlsx, "PK\x03\x04", 4);
  sheets = pathways_xlsx_list_sheets (xlsx, &error);
  g_assert_no_error (error);
  {
    PathwaysDisclosurePolicy policy;

    pathways_disclosure_policy_from_options (&policy, kept);
    protected = pathways_disclosure_policy_protect (&policy, report);
  }
  assert_xlsx_funnel (xlsx, sheets, report, protected, kept);
  assert_xlsx_suppressed (xlsx, sheets, report, protected, kept);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
  g_assert_cmpint (g_remove (xlsx), ==, 0);
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_remove (workspace), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Without a workspace the dialog starts from the defaults with the preferences'
 * threshold, then from the session's last export; nothing is written anywhere else. */
static void
test_no_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tables", NULL);
  g_autoptr(PathwaysExportOptions) first = NULL;
  g_autoptr(PathwaysExportOptions) second = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  PathwaysExportDialog *dialog;
  PathwaysWindow *window;
  GtkWidget *row;

  g_assert_no_error (error);
  g_settings_set_int (settings, "threshold", 8);
  window = ui_test_open_sample (app, 1400, 900);
  g_assert_null (_pathways_window_get_workspace_path (window));

  dialog = open_export_dialog (window);
  g_assert_null (pathways_export_dialog_get_workspace (dialog));
  first = pathways_export_dialog_get_options (dialog);
  /* the default title is shown, to be edited */
  {
    g_autoptr(PathwaysExportOptions) defaults = pathways_export_options_new ();

    g_assert_cmpstr (first->title, ==, pathways_export_options_get_title (defaults));
  }
  g_assert_cmpuint (first->threshold, ==, 8);
  g_assert_cmphex (first->sections, ==, PATHWAYS_SECTION_ALL);
  row = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "_Title");
  gtk_editable_set_text (GTK_EDITABLE (row), "Session report");

  /* CSV: a folder of tables */
  {
    g_autoptr(GFile) folder = g_file_new_for_path (path);
    gpointer pointer = dialog;

    g_assert_true (pathways_export_dialog_set_format (dialog, "csv"));
    g_object_add_weak_pointer (G_OBJECT (dialog), &pointer);
    pathways_export_dialog_export_to_file (dialog, folder);
    wait_while (still_there, &pointer);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  }

  dialog = open_export_dialog (window);
  second = pathways_export_dialog_get_options (dialog);
  g_assert_cmpstr (second->title, ==, "Session report");
  g_assert_cmpuint (second->threshold, ==, 8);
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
  g_settings_reset (settings, "threshold");
  {
    g_autoptr(GDir) d = g_dir_open (path, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (path, name, NULL);

        g_assert_cmpint (g_remove (file), ==, 0);
      }
  }
  g_assert_cmpint (g_rmdir (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Draws TABLE of REPORT as the window's chart pictures are drawn, into a PNG. */
static GBytes *
png_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (mapped);
}

static void
test_chart_and_print (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-export-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *want_png = g_build_filename (dir, "protected.png", NULL);
  g_autofree char *exact_png = g_build_filename (dir, "exact.png", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
  AdwViewStack *stack;
  PathwaysWindow *window;
  PathwaysChartCard *card = NULL;
  PathwaysReportTable *shown = NULL;
  guint n_charts = 0, n_pages = 0;
  guint threshold = (guint) g_settings_get_int (settings, "threshold");

  g_assert_no_error (error);
  window = ui_test_open_sample (app, 1400, 900);
  g_assert_true (pathways_window_add_filter (window, PATHWAYS_FIELD_REFERRAL_SOURCE, "Other"));
  ui_test_iterate (5);
  stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), PATHWAYS_TYPE_WINDOW,
                                                         "view_stack"));
  adw_view_stack_set_visible_child_name (stack, "closures");
  ui_test_iterate (10);

  /* a chart of the page with a count the pictures must hide */
  cards = _pathways_window_get_visible_cards (window);
  for (guint i = 0; i < cards->len; i++)
    {
      PathwaysChartCard *c = g_ptr_array_index (cards, i);
      PathwaysReportTable *t = pathways_chart_view_get_table (pathways_chart_card_get_view (c));
      g_autoptr(PathwaysReport) copy = NULL;
      PathwaysReportTable *pt;

      if (t == NULL || t->chart.kind == PATHWAYS_CHART_NONE)
        continue;
      n_charts++;
      if (card != NULL)
        continue;
      copy = pathways_report_copy (pathways_window_get_report (window));
      pathways_disclosure_apply (copy, threshold, FALSE);
      pt = pathways_report_get_table (copy, t->id, t->key);
      for (guint r = 0; r < pt->rows->len && card == NULL; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (pt->rows, r);

          for (guint k = 0; k < pt->columns->len; k++)
            if (row->cells[k].suppression != PATHWAYS_SUPPRESSION_NONE)
              {
                card = c;
                shown = t;
                break;
              }
        }
    }
  g_assert_nonnull (card);
  g_assert_cmpuint (n_charts, >=, 2);

  g_assert_true (_pathways_window_export_chart_to_file (window, card, "png", png_file, &error));
  g_assert_no_error (error);
  g_assert_true (_pathways_window_export_chart_to_file (window, card, "svg", svg_file, &error));
  g_assert_no_error (error);
  assert_starts_with (png, "\x89PNG\r\n\x1a\n", 8);
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (svg, &text, NULL, &error));
    g_assert_nonnull (strstr (text, "<svg"));
  }

  /* the PNG is the protected chart, not the exact one: drawn again both ways at the
   * same size, it is byte for byte the first */
  {
    PathwaysChartView *view = pathways_chart_card_get_view (card);
    int width = MAX (gtk_widget_get_width (GTK_WIDGET (view)), 640) * 2;
    int height = MAX (gtk_widget_get_height (GTK_WIDGET (view)), 400) * 2;
    PathwaysReport *exact = pathways_window_get_report (window);
    PathwaysDisclosurePolicy policy, none;
    PathwaysOutputRequest request;
    g_autoptr(GBytes) got = NULL, want = NULL, unprotected = NULL;

    pathways_disclosure_policy_init (&policy);
    policy.threshold = threshold;
    pathways_disclosure_policy_init (&none);
    none.method = PATHWAYS_PROTECTION_NONE;
    pathways_output_request_init (&request);
    request.table_id = shown->id;
    request.table_key = shown->key;
    request.width = width;
    request.height = height;
    g_assert_true (pathways_output_write (exact, &policy, PATHWAYS_OUTPUT_PNG, want_png, &request, &error));
    g_assert_no_error (error);
    g_assert_true (pathways_output_write (exact, &none, PATHWAYS_OUTPUT_PNG, exact_png, &request, &error));
    g_assert_no_error (error);
    got = png_bytes (png);
    want = png_bytes (want_png);
    unprotected = png_bytes (exact_png);
    g_assert_true (g_bytes_equal (got, want));
    g_assert_false (g_bytes_equal (got, unprotected));
  }

  /* Print: the page's charts, one a page, into a PDF with no dialog */
  g_assert_true (_pathways_window_print_to_file (window, printed, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, n_charts);
  assert_starts_with (printed, "%PDF-", 5);
  g_assert_cmpuint (pdf_pages (printed), ==, n_charts);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (5);
  for (const char * const *p = (const char * const[]) { png, svg, want_png, exact_png, printed, NULL };
       *p != NULL; p++)
    g_assert_cmpint (g_remove (*p), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/window-export/report", test_report);
  g_test_add_func ("/pathways/window-export/no-workspace", test_no_workspace);
  g_test_add_func ("/pathways/window-export/chart-and-print", test_chart_and_print);

  return ui_test_run ();
}
