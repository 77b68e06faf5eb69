/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-background.h"
#include "pathways-window-private.h"
#include "pathways-import-assistant.h"
#include "pathways-findings-window.h"

G_DEFINE_FINAL_TYPE (PathwaysWindow, pathways_window, ADW_TYPE_APPLICATION_WINDOW)

/* What the worker thread needs; owned by the task. */
typedef struct
{
  char            *cases_path;
  char            *services_path;
  char            *workspace_path;
  char            *name;
  char            *display_name;
  PathwaysMapping *mapping;
  GMainContext    *context;
  guint            serial;
  PathwaysDateOrder date_order;
  gboolean         sample;       /* the built-in sample: its outcomes and appointments too */
  int              last_percent; /* touched by the worker only */
  /* an imported dataset (the import assistant's) that only needs preparing */
  PathwaysDataset *dataset;
  /* made by the worker after the import, so the hand-over to the window is short:
   * the counts of the sidebar, the prepared analysis (its measures cache) and the
   * first report (with the options the window had when the open started) */
  PathwaysMeasuresOptions measures_options;
  GPtrArray       *sidebar_counts;
  PathwaysAnalysis *analysis;
  PathwaysReport  *report;
  /* not a reference: load_done's user data holds one until the task is over */
  PathwaysWindow  *window;
} LoadData;

/* From this many cases on, an imported dataset handed to the window is prepared in a
 * worker thread (the measures cache alone is about 0.4 s at a million cases). */
#define PREPARE_IN_THREAD_MIN 200000

static void start_load (PathwaysWindow *self,
                        LoadData       *load);

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_free (load->cases_path);
  g_free (load->services_path);
  g_free (load->workspace_path);
  g_free (load->name);
  g_free (load->display_name);
  g_clear_object (&load->mapping);
  g_clear_pointer (&load->context, g_main_context_unref);
  g_clear_pointer (&load->sidebar_counts, g_ptr_array_unref);
  g_clear_object (&load->analysis);
  g_clear_pointer (&load->report, pathways_report_unref);
  g_clear_pointer (&load->dataset, pathways_dataset_unref);
  g_free (load);
}

typedef struct
{
  PathwaysWindow *window;
  guint           serial;
  double          fraction;
} Progress;

static void
set_page (PathwaysWindow *self,
          const char     *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_strcmp0 (name, "loading") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open",
                                 g_strcmp0 (name, "loading") == 0);
}

static void
show_error (PathwaysWindow *self,
            const char     *heading,
            const char     *message)
{
  GtkWidget *dialog;

  g_free (self->error_message);
  self->error_message = g_strdup (message);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the window shows of a dataset and every view of it needs, worked out from
 * DATASET alone, in any thread: the analysis with its measures cache (which counts the
 * closed cases), the sidebar's counts with no filter and the first report. */
static void
prepare_dataset (LoadData        *load,
                 PathwaysDataset *dataset,
                 GCancellable    *cancellable)
{
  g_autoptr(PathwaysFilter) empty = pathways_filter_new ();
  gint64 start = g_get_monotonic_time ();
  gint64 cached, counted;

  load->analysis = pathways_analysis_new (dataset);
  pathways_analysis_set_measures_options (load->analysis, &load->measures_options);
  pathways_analysis_prepare (load->analysis);
  /* the totals the dataset page shows, worked out here */
  pathways_analysis_get_totals (load->analysis, NULL, NULL, NULL, NULL);
  cached = g_get_monotonic_time ();
  if (g_cancellable_is_cancelled (cancellable))
    return;
  load->sidebar_counts = pathways_filter_sidebar_count (dataset, empty, cancellable);
  counted = g_get_monotonic_time ();
  if (g_cancellable_is_cancelled (cancellable))
    return;
  load->report = pathways_analysis_run (load->analysis, NULL);
  g_debug ("Worker: measures cache %.1f ms, filter counts %.1f ms, first report %.1f ms",
           (cached - start) / 1000.0, (counted - cached) / 1000.0,
           (g_get_monotonic_time () - counted) / 1000.0);
}

/* LOAD: what prepare_dataset() made for the dataset. */
static void
show_dataset (PathwaysWindow *self,
              LoadData       *load)
{
  PathwaysDataset *dataset = pathways_session_get_dataset (self->session);
  gint64 start = g_get_monotonic_time ();
  gint64 view_start;

  adw_window_title_set_title (self->window_title, dataset->name);
  adw_view_switcher_title_set_title (self->switcher_title, dataset->name);
  pathways_dataset_page_set_analysis (self->dataset_page, load->analysis);

  view_start = g_get_monotonic_time ();
  _pathways_window_set_dataset_view (self, load->report, &load->measures_options);
  set_page (self, "dataset");
  g_debug ("Dataset shown in %.1f ms (summary %.1f ms, filters, report and pages %.1f ms)",
           (g_get_monotonic_time () - start) / 1000.0, (view_start - start) / 1000.0,
           (g_get_monotonic_time () - view_start) / 1000.0);
}

/* A finding of the data-quality page opens its rows to fix. */
static void
show_finding_rows (PathwaysWindow *self,
                   const char     *kind)
{
  PathwaysDataset *dataset = pathways_session_get_dataset (self->session);
  PathwaysFindingsWindow *rows;

  if (dataset == NULL)
    return;
  rows = pathways_findings_window_new (GTK_WINDOW (self), dataset, kind,
                                       pathways_session_get_inputs (self->session));
  gtk_window_present (GTK_WINDOW (rows));
}

static gboolean
progress_dispatch (gpointer data)
{
  Progress *progress = data;
  PathwaysWindow *self = progress->window;

  if (progress->serial == self->load_serial && self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, progress->fraction);

  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->window);
  g_free (progress);
}

/* Called in the worker thread: hands the fraction to the main thread, at most once
 * per percent. */
static void
load_progress (double   fraction,
               gpointer user_data)
{
  GTask *task = user_data;
  LoadData *load = g_task_get_task_data (task);
  Progress *progress;
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100.0);

  if (percent == load->last_percent)
    return;
  load->last_percent = percent;

  progress = g_new0 (Progress, 1);
  progress->window = g_object_ref (load->window);
  progress->serial = load->serial;
  progress->fraction = percent / 100.0;
  g_main_context_invoke_full (load->context, G_PRIORITY_DEFAULT,
                              progress_dispatch, progress, progress_free);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(GError) error = NULL;
  PathwaysDataset *dataset;

  pathways_background_thread_enter ();

  if (load->dataset != NULL)
    {
      dataset = pathways_dataset_ref (load->dataset);
    }
  else if (load->workspace_path != NULL)
    {
      dataset = pathways_workspace_load (load->workspace_path, &error);
    }
  else
    {
      PathwaysImportOptions options = {
        .cases_path = load->cases_path,
        .services_path = load->services_path,
        .mapping = load->mapping,
        .date_order = load->date_order,
        .name = load->name,
      };

      dataset = pathways_import (&options, cancellable, load_progress, task, &error);
      if (dataset != NULL && load->sample && !pathways_sample_load_extras (dataset, &error))
        g_clear_pointer (&dataset, pathways_dataset_unref);
    }

  /* what the window would otherwise work out on the main thread */
  if (dataset != NULL && !g_cancellable_is_cancelled (cancellable))
    prepare_dataset (load, dataset, cancellable);

  if (dataset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) pathways_dataset_unref);
}

/* Shows DATASET (a reference is taken) with what LOAD prepared. */
static void
hand_over (PathwaysWindow  *self,
           LoadData        *load,
           PathwaysDataset *dataset)
{
  double cpu = pathways_thread_cpu_ms ();

  g_clear_pointer (&self->error_message, g_free);
  pathways_session_set_analysis (self->session, load->analysis);
  pathways_session_set_sources (self->session, load->cases_path, load->services_path);
  if (load->workspace_path != NULL)
    {
      _pathways_window_set_workspace_path (self, load->workspace_path, dataset);
      _pathways_window_add_recent (self, load->workspace_path);
    }
  if (load->sidebar_counts != NULL)
    pathways_filter_sidebar_preset_counts (self->filter_sidebar, pathways_session_get_dataset (self->session),
                                           load->sidebar_counts);
  show_dataset (self, load);
  g_debug ("Hand-over: %.1f ms of main-thread CPU (from %.1f ms of it)", pathways_thread_cpu_ms () - cpu, cpu);
}

static void
load_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  /* the task holds no widget: its last reference may go in the pool thread, and the
   * window must be disposed in the main thread, here */
  g_autoptr(PathwaysWindow) self = user_data;
  LoadData *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = g_task_propagate_pointer (G_TASK (result), &error);

  /* Superseded by a later open, cancelled, or the window is gone. */
  if (load->serial != self->load_serial)
    return;

  if (dataset == NULL)
    {
      g_autofree char *heading = NULL;

      set_page (self, self->return_page);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED))
        return;

      /* Translators: %s is a file name or "Sample data" */
      heading = g_strdup_printf (_("Could Not Open “%s”"), load->display_name);
      show_error (self, heading, error->message);
      return;
    }

  hand_over (self, load, dataset);
}

void
_pathways_window_adopt_dataset (PathwaysWindow  *self,
                                PathwaysDataset *dataset)
{
  LoadData *load;

  /* a large dataset is prepared in a worker thread, as an open's is */
  if (dataset->n_cases >= PREPARE_IN_THREAD_MIN)
    {
      load = g_new0 (LoadData, 1);
      load->dataset = pathways_dataset_ref (dataset);
      load->display_name = g_strdup (dataset->name != NULL ? dataset->name : "");
      start_load (self, load);
      return;
    }

  /* an open still running would replace this one */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->load_serial++;

  load = g_new0 (LoadData, 1);
  _pathways_window_init_measures_options (self, &load->measures_options);
  prepare_dataset (load, dataset, NULL);
  hand_over (self, load, dataset);
  load_data_free (load);
}

/* Takes LOAD. */
static void
start_load (PathwaysWindow *self,
            LoadData       *load)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *description = NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0)
    self->return_page = pathways_session_get_dataset (self->session) != NULL ? "dataset" : "start";

  load->serial = ++self->load_serial;
  {
    g_autofree char *order = g_settings_get_string (self->settings, "date-order");

    if (!pathways_date_order_from_string (order, &load->date_order))
      load->date_order = PATHWAYS_DATE_ORDER_AUTO;
  }
  load->last_percent = -1;
  load->context = g_main_context_ref_thread_default ();
  _pathways_window_init_measures_options (self, &load->measures_options);

  if (load->dataset != NULL)
    /* Translators: %s is the name of a dataset just imported */
    description = g_strdup_printf (_("Preparing “%s”"), load->display_name);
  else
    /* Translators: %s is a file name or "Sample data" */
    description = g_strdup_printf (_("Reading “%s”"), load->display_name);
  adw_status_page_set_description (self->loading_page, description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  set_page (self, "loading");

  load->window = self;
  task = g_task_new (NULL, self->cancellable, load_done, g_object_ref (self));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
show_toast (PathwaysWindow *self,
            const char     *message)
{
  _pathways_window_show_toast (self, message);
}

static gboolean
name_has_suffix (GFile      *file,
                 const char *suffix)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folded = basename != NULL ? g_utf8_casefold (basename, -1) : NULL;

  return folded != NULL && g_str_has_suffix (folded, suffix);
}

static gboolean
name_mentions_services (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folded = basename != NULL ? g_utf8_casefold (basename, -1) : NULL;

  return folded != NULL && strstr (folded, "service") != NULL;
}

void
pathways_window_open_files (PathwaysWindow  *self,
                            GFile          **files,
                            guint            n_files)
{
  LoadData *load;
  GFile *cases;
  GFile *services = NULL;

  g_return_if_fail (PATHWAYS_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  for (guint i = 0; i < n_files; i++)
    {
      if (!g_file_is_native (files[i]))
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message = g_strdup_printf (_("“%s” is not a local file"), uri);

          show_toast (self, message);
          return;
        }
    }

  if (n_files == 1 && name_has_suffix (files[0], ".pathways"))
    {
      load = g_new0 (LoadData, 1);
      load->workspace_path = g_file_get_path (files[0]);
      load->display_name = g_file_get_basename (files[0]);
      start_load (self, load);
      return;
    }

  for (guint i = 0; i < n_files; i++)
    {
      if (name_has_suffix (files[i], ".pathways"))
        {
          show_toast (self, _("Open one workspace at a time"));
          return;
        }
    }

  if (n_files > 2)
    {
      show_toast (self, _("Choose one case export and at most one service export"));
      return;
    }

  cases = files[0];
  if (n_files == 2)
    {
      services = files[1];
      if (name_mentions_services (files[0]) && !name_mentions_services (files[1]))
        {
          cases = files[1];
          services = files[0];
        }
    }

  load = g_new0 (LoadData, 1);
  load->cases_path = g_file_get_path (cases);
  load->services_path = services != NULL ? g_file_get_path (services) : NULL;
  load->display_name = g_file_get_basename (cases);
  start_load (self, load);
}

static void
assistant_done (PathwaysDataset *dataset,
                gpointer         user_data)
{
  _pathways_window_adopt_dataset (PATHWAYS_WINDOW (user_data), dataset);
}

GtkWindow *
pathways_window_import_files (PathwaysWindow  *self,
                              GFile          **files,
                              guint            n_files)
{
  PathwaysImportAssistant *assistant;
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autofree char *order_text = NULL;
  PathwaysDateOrder order;
  guint cases_index = 0;

  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  /* workspaces, and what the assistant cannot take, go the usual way with its message */
  if (n_files == 0 || n_files > 2 || name_has_suffix (files[0], ".pathways") ||
      (n_files == 2 && name_has_suffix (files[1], ".pathways")) ||
      !g_file_is_native (files[0]) || (n_files == 2 && !g_file_is_native (files[1])))
    {
      pathways_window_open_files (self, files, n_files);
      return NULL;
    }

  if (n_files == 2 && name_mentions_services (files[0]) && !name_mentions_services (files[1]))
    cases_index = 1;
  cases = g_file_get_path (files[cases_index]);
  if (n_files == 2)
    services = g_file_get_path (files[1 - cases_index]);

  order_text = g_settings_get_string (self->settings, "date-order");
  if (!pathways_date_order_from_string (order_text, &order))
    order = PATHWAYS_DATE_ORDER_AUTO;

  assistant = pathways_import_assistant_new (GTK_WINDOW (self), cases, services, order,
                                             assistant_done, self);
  gtk_window_present (GTK_WINDOW (assistant));
  return GTK_WINDOW (assistant);
}

void
pathways_window_open_sample (PathwaysWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cases = NULL;
  g_autofree char *services = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  LoadData *load;

  g_return_if_fail (PATHWAYS_IS_WINDOW (self));

  if (!pathways_sample_get_paths (&cases, &services, &error))
    {
      /* Without a sample the start page is the way in. */
      g_debug ("No sample data: %s", error->message);
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0)
        set_page (self, pathways_session_get_dataset (self->session) != NULL ? "dataset" : "start");
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      return;
    }

  mapping = pathways_mapping_new_preset (PATHWAYS_SAMPLE_MAPPING, &error);
  if (mapping == NULL)
    {
      show_error (self, _("Could Not Open the Sample Data"), error->message);
      return;
    }

  load = g_new0 (LoadData, 1);
  load->cases_path = g_steal_pointer (&cases);
  load->services_path = g_steal_pointer (&services);
  load->mapping = g_steal_pointer (&mapping);
  load->name = g_strdup (_("Sample data"));
  load->sample = TRUE;
  load->display_name = g_strdup (load->name);
  start_load (self, load);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  PathwaysWindow *self = user_data;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GPtrArray) files = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
  files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (files, g_list_model_get_item (model, i));

  if (files->len > 0)
    {
      g_autoptr(GFile) parent = g_file_get_parent (g_ptr_array_index (files, 0));
      g_autofree char *folder = parent != NULL ? g_file_get_path (parent) : NULL;

      if (folder != NULL)
        g_settings_set_string (self->settings, "last-folder", folder);
    }

  _pathways_window_open_asking (self, _PATHWAYS_OPEN_IMPORT, (GFile **) files->pdata, files->len);

out:
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

void
pathways_window_choose_files (PathwaysWindow *self)
{
  g_autoptr(GtkFileFilter) exports = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  g_autofree char *last_folder = NULL;

  g_return_if_fail (PATHWAYS_IS_WINDOW (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Open Export"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  exports = gtk_file_filter_new ();
  gtk_file_filter_set_name (exports, _("Exports and Workspaces"));
  gtk_file_filter_add_suffix (exports, "csv");
  gtk_file_filter_add_suffix (exports, "xlsx");
  gtk_file_filter_add_suffix (exports, "pathways");
  gtk_file_filter_add_mime_type (exports, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), exports);

  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  last_folder = g_settings_get_string (self->settings, "last-folder");
  if (last_folder != NULL && last_folder[0] != '\0' &&
      g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  PathwaysWindow *self = user_data;
  GdkFileList *list;
  GSList *files;
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);

  _pathways_window_open_asking (self, _PATHWAYS_OPEN_FILES, (GFile **) array->pdata, array->len);
  g_slist_free (files);

  return array->len > 0;
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pathways_sample_get_paths (NULL, NULL, &error))
    {
      show_error (self, _("Could Not Open the Sample Data"), error->message);
      return;
    }

  _pathways_window_open_asking (self, _PATHWAYS_OPEN_SAMPLE, NULL, 0);
}

static void
cancel_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->load_serial++;
  set_page (self, self->return_page != NULL ? self->return_page : "start");
}

static gboolean
on_close_request (GtkWindow *window,
                  gpointer   user_data)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GDK_EVENT_PROPAGATE;
}

static void
pathways_window_dispose (GObject *object)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  /* A result arriving after this is dropped. */
  self->load_serial++;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  _pathways_window_report_dispose (self);
  _pathways_window_workspace_dispose (self);
  _pathways_window_compare_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PATHWAYS_TYPE_WINDOW);

  G_OBJECT_CLASS (pathways_window_parent_class)->dispose (object);
}

static void
pathways_window_finalize (GObject *object)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  _pathways_window_compare_finalize (self);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (pathways_window_parent_class)->finalize (object);
}

static void
pathways_window_class_init (PathwaysWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_window_dispose;
  object_class->finalize = pathways_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, dataset_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, filter_sidebar);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, period_chooser);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, filter_chips);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, journey_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, closures_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, waiting_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, people_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, quality_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, split_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, split_flow);

  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-open", NULL, cancel_open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-open", NULL);

  _pathways_window_report_class_init (widget_class);
  _pathways_window_export_class_init (widget_class);
  _pathways_window_workspace_class_init (widget_class);
  _pathways_window_compare_class_init (widget_class);
  _pathways_window_activity_class_init (widget_class);
}

static void
pathways_window_init (PathwaysWindow *self)
{
  GtkDropTarget *drop;

  g_type_ensure (PATHWAYS_TYPE_FILTER_SIDEBAR);
  g_type_ensure (PATHWAYS_TYPE_DATASET_PAGE);
  g_type_ensure (PATHWAYS_TYPE_REPORT_PAGE);
  g_type_ensure (PATHWAYS_TYPE_PERIOD_CHOOSER);
  g_type_ensure (PATHWAYS_TYPE_FILTER_CHIPS);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->return_page = "start";
  self->settings = g_settings_new (APPLICATION_ID);
  self->session = pathways_session_new ();
  /* the preferences' threshold seeds the policy of data with no saved options */
  pathways_session_set_default_threshold (self->session,
                                          (guint) g_settings_get_int (self->settings, "threshold"));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  g_signal_connect_swapped (self->dataset_page, "finding-activated",
                            G_CALLBACK (show_finding_rows), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample",
                                 pathways_sample_get_paths (NULL, NULL, NULL));
  _pathways_window_report_init (self);
  _pathways_window_workspace_init (self);
  _pathways_window_compare_init (self);
  set_page (self, "start");
}

PathwaysWindow *
pathways_window_new (PathwaysApplication *application)
{
  g_return_val_if_fail (application == NULL || PATHWAYS_IS_APPLICATION (application), NULL);

  return g_object_new (PATHWAYS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

PathwaysDataset *
pathways_window_get_dataset (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);

  return pathways_session_get_dataset (self->session);
}

const char *
pathways_window_get_page (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
pathways_window_is_loading (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;
}

const char *
pathways_window_get_error_message (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);

  return self->error_message;
}
