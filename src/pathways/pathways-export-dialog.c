/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-export-dialog.h"

#include "pathways-analysis-compare.h"
#include "pathways-i18n.h"

static const char * const formats[] = { "pdf", "xlsx", "csv" };

struct _PathwaysExportDialog
{
  AdwWindow         parent_instance;

  PathwaysReport   *report;
  AdwToastOverlay  *toasts;
  AdwEntryRow      *title_row;
  AdwEntryRow      *organisation_row;
  AdwEntryRow      *marking_row;
  AdwComboRow      *format_row;
  AdwComboRow      *language_row;
  GStrv             languages;   /* the language row's, after "the application's" */
  AdwExpanderRow   *section_rows[PATHWAYS_N_SECTIONS];
  GtkTextBuffer    *commentary[PATHWAYS_N_SECTIONS];
  AdwExpanderRow   *protect_row;
  AdwComboRow      *method_row;
  GtkSpinButton    *threshold_spin;
  GtkSwitch        *round_switch;
  GtkFileChooserNative *chooser;
  GCancellable     *cancellable;
  char             *workspace;   /* where the options are kept, or NULL */
  GStrv             inputs;      /* what an export must not overwrite */
  gboolean          busy;
};

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PathwaysExportDialog, pathways_export_dialog, ADW_TYPE_WINDOW)

static void
pathways_export_dialog_dispose (GObject *object)
{
  PathwaysExportDialog *self = PATHWAYS_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* an export still running answers to nobody */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->toasts);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, pathways_report_unref);
  g_clear_pointer (&self->workspace, g_free);
  g_clear_pointer (&self->inputs, g_strfreev);
  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (pathways_export_dialog_parent_class)->dispose (object);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void save_chosen (GtkNativeDialog *dialog, int response, gpointer user_data);

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PathwaysExportDialog *self = PATHWAYS_EXPORT_DIALOG (widget);
  const char *format = pathways_export_dialog_get_format (self);
  gboolean folder = g_str_equal (format, "csv");
  g_autofree char *name = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (self->chooser != NULL || self->busy)
    return;

  self->chooser = gtk_file_chooser_native_new (folder ? _("Export CSV Tables to a Folder")
                                                      : _("Save Report"),
                                               GTK_WINDOW (self),
                                               folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                      : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               folder ? _("_Select") : _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (!folder)
    {
      name = g_strdup_printf ("%s.%s", title[0] != '\0' ? title : _("Pathways report"), format);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
pathways_export_dialog_class_init (PathwaysExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_export_dialog_dispose;

  /* a report was written (and its options kept in the workspace, if any) */
  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "export.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "export.save", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.close", NULL);
}

static void
pathways_export_dialog_init (PathwaysExportDialog *self)
{
}

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          GtkWidget  *spin)
{
  GtkWidget *row = adw_action_row_new ();

  /* plain text: "“<5”" is no markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

/* A Welsh report for a Welsh funder from an English desktop, and the reverse. British
 * English is left out: the program's own English is British. */
static void
language_row (PathwaysExportDialog *self,
              AdwPreferencesGroup  *group)
{
  g_auto(GStrv) all = pathways_i18n_list_languages ();
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  gtk_string_list_append (names, _("Same as the application"));
  for (guint i = 0; all[i] != NULL; i++)
    if (!g_str_has_prefix (all[i], "en_"))
      {
        g_strv_builder_add (kept, all[i]);
        gtk_string_list_append (names, pathways_i18n_get_language_name (all[i]));
      }
  self->languages = g_strv_builder_end (kept);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Report _language"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  /* the choice as the subtitle, where it has the row's width: as the value beside
   * the title it was cut to "Same as the a…" in the dialog's width */
  gtk_widget_set_tooltip_text (row, _("The language of the report’s headings, labels and dates"));
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  self->language_row = ADW_COMBO_ROW (row);
  adw_preferences_group_add (group, row);
}

const char *
pathways_export_dialog_get_language (PathwaysExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->language_row);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > g_strv_length (self->languages))
    return NULL;
  return self->languages[selected - 1];
}

gboolean
pathways_export_dialog_set_language (PathwaysExportDialog *self,
                                     const char           *language)
{
  g_return_val_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; language != NULL && self->languages[i] != NULL; i++)
    if (g_str_equal (self->languages[i], language))
      {
        adw_combo_row_set_selected (self->language_row, i + 1);
        return TRUE;
      }
  adw_combo_row_set_selected (self->language_row, 0);
  return language == NULL;
}

/* The method: adjusted figures (perturbation, the default) or suppression */
static AdwComboRow *
method_row_new (const PathwaysExportOptions *options)
{
  const char *methods[] = { _("Adjusted figures"), _("Suppression"), NULL };
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Method"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Adjusted figures also protect against comparing reports; "
                                 "suppression keeps tables adding up"));
  adw_combo_row_set_model (row, G_LIST_MODEL (gtk_string_list_new (methods)));
  adw_combo_row_set_selected (row, options->method == PATHWAYS_PROTECTION_SUPPRESS ? 1 : 0);
  return row;
}

PathwaysExportDialog *
pathways_export_dialog_new (GtkWindow                   *parent,
                            PathwaysReport              *report,
                            const PathwaysExportOptions    *options,
                            const PathwaysDisclosurePolicy *policy,
                            AdwToastOverlay                *toasts)
{
  g_autoptr(PathwaysExportOptions) defaults = NULL;
  g_autofree char *filters = NULL;
  PathwaysExportDialog *self;
  GtkWidget *box, *header, *cancel, *save, *page, *title_widget, *row;
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) format_names = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (options == NULL)
    {
      defaults = pathways_export_options_new ();
      if (policy != NULL)
        pathways_disclosure_policy_to_options (policy, defaults);
      options = defaults;
    }

  self = g_object_new (PATHWAYS_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", _("Export Report"),
                       "default-width", 560,
                       "default-height", 720,
                       NULL);
  self->report = pathways_report_ref (report);
  self->toasts = toasts != NULL ? g_object_ref (toasts) : NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title_widget = adw_window_title_new (_("Export Report"), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title_widget);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "export.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  save = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "export.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  /* the report */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Report"));
  filters = report->filters_text != NULL && report->filters_text[0] != '\0'
    ? g_strdup (report->filters_text) : g_strdup (_("All cases"));
  adw_preferences_group_set_description (group, filters);
  self->title_row = entry_row (group, _("_Title"), pathways_export_options_get_title (options));
  self->organisation_row = entry_row (group, _("_Organisation"), options->organisation);
  self->marking_row = entry_row (group, _("Protective _marking"), options->marking);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->marking_row),
                               _("Such as OFFICIAL-SENSITIVE; leave empty for none"));

  format_names = gtk_string_list_new ((const char * const[]) {
    _("PDF document"), _("Spreadsheet (XLSX)"), _("CSV tables (a folder)"), NULL });
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Format"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (format_names));
  self->format_row = ADW_COMBO_ROW (row);
  adw_preferences_group_add (group, row);
  language_row (self, group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* sections, each with its commentary */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Sections"));
  adw_preferences_group_set_description (group, _("Commentary appears under the section’s heading"));
  for (guint i = 0; i < PATHWAYS_N_SECTIONS; i++)
    {
      PathwaysSection section = 1u << i;
      const char *text = pathways_export_options_get_commentary (options, section);
      GtkWidget *view = gtk_text_view_new ();
      GtkWidget *frame;

      row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pathways_section_get_title (section));
      adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row),
                                             (options->sections & section) != 0);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Commentary"));

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
      gtk_widget_set_size_request (view, -1, 96);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Commentary"), -1);
      if (text != NULL)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
      frame = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_widget_set_margin_top (frame, 6);
      gtk_widget_set_margin_bottom (frame, 6);
      gtk_widget_set_margin_start (frame, 6);
      gtk_widget_set_margin_end (frame, 6);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), frame);

      self->section_rows[i] = ADW_EXPANDER_ROW (row);
      self->commentary[i] = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      adw_preferences_group_add (group, row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* protection */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Protection"));
  row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Protect small numbers"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                 _("Adjust or hide counts that could identify someone"));
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), options->suppress);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  self->protect_row = ADW_EXPANDER_ROW (row);
  self->method_row = method_row_new (options);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (self->method_row));
  self->threshold_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (PATHWAYS_DISCLOSURE_MIN_THRESHOLD,
                                                                          PATHWAYS_DISCLOSURE_MAX_THRESHOLD, 1));
  gtk_spin_button_set_value (self->threshold_spin, options->threshold);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            spin_row (_("_Threshold"), _("Counts below this are shown as “<5”"),
                                      GTK_WIDGET (self->threshold_spin)));
  self->round_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->round_switch, options->round5);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            spin_row (_("_Round counts to 5"), NULL,
                                      GTK_WIDGET (self->round_switch)));
  adw_preferences_group_add (group, row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);

  return self;
}

PathwaysExportOptions *
pathways_export_dialog_get_options (PathwaysExportDialog *self)
{
  PathwaysExportOptions *options;
  const char *text;

  g_return_val_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self), NULL);

  options = pathways_export_options_new ();
  text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_free (options->title);
  options->title = text[0] != '\0' ? g_strdup (text) : NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (self->organisation_row));
  g_free (options->organisation);
  options->organisation = text[0] != '\0' ? g_strdup (text) : NULL;
  text = gtk_editable_get_text (GTK_EDITABLE (self->marking_row));
  g_free (options->marking);
  options->marking = text[0] != '\0' ? g_strdup (text) : NULL;

  options->sections = 0;
  for (guint i = 0; i < PATHWAYS_N_SECTIONS; i++)
    {
      GtkTextIter start, end;
      g_autofree char *commentary = NULL;

      if (adw_expander_row_get_enable_expansion (self->section_rows[i]))
        options->sections |= 1u << i;
      gtk_text_buffer_get_bounds (self->commentary[i], &start, &end);
      commentary = gtk_text_buffer_get_text (self->commentary[i], &start, &end, FALSE);
      pathways_export_options_set_commentary (options, 1u << i, g_strstrip (commentary));
    }

  options->suppress = adw_expander_row_get_enable_expansion (self->protect_row);
  options->method = adw_combo_row_get_selected (self->method_row) == 1 ? PATHWAYS_PROTECTION_SUPPRESS
                                                                      : PATHWAYS_PROTECTION_PERTURB;
  options->threshold = (guint) gtk_spin_button_get_value_as_int (self->threshold_spin);
  options->round5 = gtk_switch_get_active (self->round_switch);

  return options;
}

const char *
pathways_export_dialog_get_format (PathwaysExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->format_row);
  return formats[selected < G_N_ELEMENTS (formats) ? selected : 0];
}

typedef struct {
  PathwaysReport        *report;
  PathwaysExportOptions *options;
  char                  *format;
  char                  *path;
  char                  *workspace;      /* NULL: nowhere to keep the options */
  GStrv                  inputs;         /* what the export must not overwrite */
  char                  *options_error;  /* why they could not be kept */
  char                  *language;       /* NULL: the application's */
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  pathways_report_unref (save->report);
  pathways_export_options_free (save->options);
  g_free (save->format);
  g_free (save->path);
  g_free (save->workspace);
  g_strfreev (save->inputs);
  g_free (save->options_error);
  g_free (save->language);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* SAVE belongs to the dialog's task, which may be gone once this one has returned:
   * nothing of it is touched after g_task_return_*() */
  PathwaysDisclosurePolicy policy;
  PathwaysOutputRequest request;
  PathwaysOutputFormat format = PATHWAYS_OUTPUT_PDF;
  g_autoptr(PathwaysReport) previous = NULL;
  g_autoptr(PathwaysReport) year_before = NULL;
  gboolean known = pathways_output_format_from_string (save->format, &format);
  g_autoptr(PathwaysReport) translated = NULL;
  PathwaysReport *report = save->report;

  /* Another language than the window's: the report is built again in this thread, in
   * that language (the thread's alone: the window and other exports are unaffected) */
  if (save->language != NULL && pathways_i18n_set_language (save->language, NULL))
    {
      g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (report->dataset);

      translated = pathways_analysis_run_with_options (analysis, report->filter, &report->options);
      report = translated;
    }
  /* the PDF's summary page sets the period beside the one before and a year before */
  if (known && format == PATHWAYS_OUTPUT_PDF && report->filter != NULL)
    {
      g_autoptr(PathwaysAnalysis) analysis = pathways_analysis_new (report->dataset);

      pathways_analysis_set_measures_options (analysis, &report->options);
      pathways_analysis_run_comparisons (analysis, report->filter, &previous, &year_before);
    }
  /* the policy the dialog shows, which becomes the window's on success */
  pathways_disclosure_policy_from_options (&policy, save->options);
  pathways_output_request_init (&request);
  request.options = save->options;
  request.inputs = (const char * const *) save->inputs;
  request.previous = previous;
  request.year_before = year_before;
  if (!known ||
      !pathways_output_write (report, &policy, format, save->path, &request, &error))
    {
      pathways_i18n_set_language (NULL, NULL);   /* pool threads are reused */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Next quarter's report, from the window or the CLI, starts from these options. The
   * workspace takes them in one SQLite transaction: a crash leaves the old ones. */
  if (save->workspace != NULL &&
      !pathways_export_options_save (save->options, save->workspace, &error))
    save->options_error = g_strdup (error->message);
  g_debug ("Exported %s in %.1f ms", save->format, (g_get_monotonic_time () - start) / 1000.0);
  pathways_i18n_set_language (NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

/* The worker's task is done, in the main thread: hand its result to the dialog's task
 * (USER_DATA, whose reference this was). */
static void
save_thread_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
pathways_export_dialog_save_async (PathwaysExportDialog *self,
                                   const char           *path,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  SaveData *save;

  g_return_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  save = g_new0 (SaveData, 1);
  save->report = pathways_report_ref (self->report);
  save->options = pathways_export_dialog_get_options (self);
  save->format = g_strdup (pathways_export_dialog_get_format (self));
  save->path = g_strdup (path);
  save->workspace = g_strdup (self->workspace);
  save->inputs = g_strdupv (self->inputs);
  save->language = g_strdup (pathways_export_dialog_get_language (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pathways_export_dialog_save_async);
  g_task_set_task_data (task, save, save_data_free);

  /* The thread runs a task of its own, with no source object: the pool thread drops
   * its reference after the main thread may have run the callback, and a last
   * reference to the dialog dropped there would dispose a GTK window outside the main
   * thread (seen as "Source ID ... was not found" and a crash in GTK). The dialog's
   * task is only ever touched in the main thread. */
  worker = g_task_new (NULL, cancellable, save_thread_done, g_object_ref (task));
  g_task_set_source_tag (worker, save_thread);
  g_task_set_task_data (worker, save, NULL);
  g_task_run_in_thread (worker, save_thread);
}

gboolean
pathways_export_dialog_save_finish (PathwaysExportDialog *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PathwaysExportDialog *self = PATHWAYS_EXPORT_DIALOG (source);
  SaveData *save = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!pathways_export_dialog_save_finish (self, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the dialog was disposed while the report was written */
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the Report"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (self->toasts != NULL)
    {
      g_autofree char *message = NULL;

      if (save->options_error != NULL)
        /* Translators: %s says why, e.g. "nyc.pathways: the file is read-only" */
        message = g_strdup_printf (_("Report exported; its options could not be kept in the workspace: %s"),
                                   save->options_error);
      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (message != NULL ? message : _("Report exported")));
    }
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

void
pathways_export_dialog_export_to_file (PathwaysExportDialog *self,
                                       GFile                *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      if (self->toasts != NULL)
        adw_toast_overlay_add_toast (self->toasts,
                                     adw_toast_new (_("Reports can only be exported to local folders")));
      return;
    }

  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  pathways_export_dialog_save_async (self, path, self->cancellable, save_done, NULL);
}

void
pathways_export_dialog_set_workspace (PathwaysExportDialog *self,
                                      const char           *workspace_path)
{
  g_return_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self));

  g_free (self->workspace);
  self->workspace = g_strdup (workspace_path);
}

void
pathways_export_dialog_set_inputs (PathwaysExportDialog *self,
                                   const char * const   *inputs)
{
  g_return_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self));

  g_strfreev (self->inputs);
  self->inputs = g_strdupv ((char **) inputs);
}

const char *
pathways_export_dialog_get_workspace (PathwaysExportDialog *self)
{
  g_return_val_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self), NULL);

  return self->workspace;
}

gboolean
pathways_export_dialog_is_busy (PathwaysExportDialog *self)
{
  g_return_val_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self), FALSE);

  return self->busy;
}

gboolean
pathways_export_dialog_set_format (PathwaysExportDialog *self,
                                   const char           *format)
{
  g_return_val_if_fail (PATHWAYS_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i], format))
      {
        adw_combo_row_set_selected (self->format_row, i);
        return TRUE;
      }
  return FALSE;
}

static void
save_chosen (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  PathwaysExportDialog *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);

  if (file != NULL)
    pathways_export_dialog_export_to_file (self, file);
}
