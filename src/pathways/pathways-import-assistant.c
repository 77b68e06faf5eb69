/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-assistant"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pathways-background.h"
#include "pathways-import-assistant.h"
#include "pathways-import-columns-page.h"
#include "pathways-import-file-page.h"
#include "pathways-import-findings-page.h"
#include "pathways-import-preview-page.h"
#include "pathways-import-values-page.h"
#include "pathways-outcomes.h"

/* The steps are pages with templates of their own (pathways-import-*-page); what they
 * show before the import comes from a PathwaysImportPreview, never from the files. */
struct _PathwaysImportAssistant
{
  AdwWindow                   parent_instance;

  char                       *cases_path;
  char                       *services_path;
  char                       *refusal;        /* why the files were refused, or NULL */
  PathwaysImportDoneFunc      done;
  gpointer                    done_data;

  AdwWindowTitle             *title;
  GtkLabel                   *instruction;
  GtkStack                   *stack;
  GtkButton                  *back_button;
  GtkButton                  *next_button;
  AdwToastOverlay            *toasts;
  AdwToast                   *last_toast;     /* dismissed when the person moves on */
  PathwaysImportFilePage     *file_page;
  PathwaysImportPreviewPage  *preview_page;
  PathwaysImportColumnsPage  *columns_page;
  PathwaysImportValuesPage   *values_page;
  PathwaysImportFindingsPage *findings_page;

  PathwaysMapping            *base_mapping;   /* detected or chosen; keeps groupings */
  gboolean                    files_read;     /* the later steps have the files' preview */
  char                       *read_sheet;     /* ... of this sheet, with this mapping */
  char                       *read_argument;
  gboolean                    values_read;    /* the values step has its rows */
  PathwaysDataset            *dataset;
  int                         percent;        /* written by the worker, atomically */
  guint                       progress_source;

  GCancellable               *cancellable;
  gboolean                    busy;
  guint                       serial;         /* a result of an older run is dropped */
};

G_DEFINE_FINAL_TYPE (PathwaysImportAssistant, pathways_import_assistant, ADW_TYPE_WINDOW)

static const char *page_names[] = { "files", "preview", "columns", "values", "findings" };

static const char *
page_title (const char *page)
{
  if (g_str_equal (page, "files"))
    return _("File");
  if (g_str_equal (page, "preview"))
    return _("Preview");
  if (g_str_equal (page, "columns"))
    return _("Columns");
  if (g_str_equal (page, "values"))
    return _("Values");
  return _("Data Quality");
}

/* What to do on each step, in one line. */
static const char *
page_instruction (const char *page)
{
  if (g_str_equal (page, "files"))
    return _("Check that this is the export to import and choose the columns to read, then press Next.");
  if (g_str_equal (page, "preview"))
    return _("Check that these are the rows and columns you expect; scroll sideways to see every column.");
  if (g_str_equal (page, "columns"))
    return _("Choose the column each field is read from, and answer any question about dates.");
  if (g_str_equal (page, "values"))
    return _("Give the same name to values that mean the same thing, and say which endings were planned.");
  return _("Read what was found in the data, then press Import to open it.");
}

static guint
page_index (PathwaysImportAssistant *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      if (g_strcmp0 (name, page_names[i]) == 0)
        return i;
    }
  return 0;
}

static void
update_buttons (PathwaysImportAssistant *self)
{
  guint index = page_index (self);
  gboolean last = index == G_N_ELEMENTS (page_names) - 1;
  g_autofree char *subtitle = NULL;

  /* Translators: "Step 2 of 5: Preview" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), index + 1,
                              (guint) G_N_ELEMENTS (page_names),
                              page_title (page_names[index]));
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_label_set_text (self->instruction, page_instruction (page_names[index]));

  gtk_button_set_label (self->back_button, index > 0 ? _("_Back") : _("_Cancel"));
  gtk_button_set_label (self->next_button, last ? _("_Import") : _("_Next"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            !self->busy && (!last || self->dataset != NULL));
}

static void
show_page (PathwaysImportAssistant *self,
           const char              *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_buttons (self);
}

static void
toast (PathwaysImportAssistant *self,
       const char              *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 6);
  g_set_object (&self->last_toast, t);
  adw_toast_overlay_add_toast (self->toasts, t);
}

/* What a step said about itself is stale once the person moves to another. */
static void
dismiss_toast (PathwaysImportAssistant *self)
{
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
  g_clear_object (&self->last_toast);
}

/* ---- helpers ------------------------------------------------------------------- */

char *
pathways_saved_mappings_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "pathways", "mappings", NULL);
}

char *
pathways_mapping_file_name (const char *name)
{
  GString *out = g_string_new (NULL);
  g_autofree char *folded = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  folded = g_utf8_strdown (name, -1);
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "mapping");
  g_string_append (out, ".json");

  return g_string_free (out, FALSE);
}

GtkWidget *
pathways_count_row_new (const char *title,
                        const char *subtitle,
                        const char *count)
{
  GtkWidget *row = adw_action_row_new ();

  g_return_val_if_fail (title != NULL, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (count != NULL)
    {
      GtkWidget *label = gtk_label_new (count);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

/* ---- files and preview --------------------------------------------------------- */

/* What binary data HEAD (N bytes) starts like, in words, or NULL when it is none of
 * the kinds people most often choose by mistake. */
static const char *
binary_kind (const guint8 *head,
             gssize        n)
{
  static const struct { const char *magic; gsize len; const char *kind; } kinds[] = {
    { "\x89PNG", 4, N_("a PNG picture") },
    { "\xff\xd8\xff", 3, N_("a JPEG picture") },
    { "GIF8", 4, N_("a GIF picture") },
    { "%PDF", 4, N_("a PDF document") },
    { "\xd0\xcf\x11\xe0", 4, N_("an older Office file, such as an XLS workbook") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if ((gsize) n >= kinds[i].len && memcmp (head, kinds[i].magic, kinds[i].len) == 0)
        return _(kinds[i].kind);
    }
  return NULL;
}

/* Whether HEAD (N bytes) holds nothing but a byte-order mark, spaces and line ends. */
static gboolean
is_blank (const guint8 *head,
          gssize        n)
{
  gssize i = n >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  for (; i < n; i++)
    {
      if (!g_ascii_isspace (head[i]))
        return FALSE;
    }
  return TRUE;
}

/* Why PATH cannot be an export, in words, or NULL: an empty file (or one of blank
 * lines), or one holding binary data that is not a workbook (a picture, a PDF), named
 * when it can be. Only the first bytes are read. */
static char *
file_refusal (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guint8 head[4096];
  const char *kind;
  gssize n;

  if (in == NULL)
    return NULL;   /* the preview says why it cannot be read */
  n = g_input_stream_read (G_INPUT_STREAM (in), head, sizeof head, NULL, NULL);
  if (n < 0)
    return NULL;
  if (n < (gssize) sizeof head && is_blank (head, n))
    /* Translators: %s is a file name */
    return g_strdup_printf (_("“%s” is empty. Choose the file your case-management system "
                              "exported: a CSV or Excel file with a row of column names and "
                              "a row per case."), name);
  /* an XLSX workbook is a ZIP archive: binary, and welcome */
  if (n >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    return NULL;
  kind = binary_kind (head, n);
  if (kind != NULL)
    /* Translators: "“cases.csv” is not a CSV or Excel file: it holds a PNG picture. ..." */
    return g_strdup_printf (_("“%s” is not a CSV or Excel file: it holds %s. Export the cases "
                              "from your case-management system as CSV or XLSX and choose "
                              "that file."), name, kind);
  if (memchr (head, '\0', (gsize) n) != NULL)
    /* Translators: %s is a file name */
    return g_strdup_printf (_("“%s” is not a CSV or Excel file: it holds binary data, such "
                              "as a picture or a document. Export the cases from your "
                              "case-management system as CSV or XLSX and choose that file."),
                            name);
  return NULL;
}

/* Shows why the files cannot be imported, in full (a toast would cut it short). */
static void
refuse (PathwaysImportAssistant *self,
        char                    *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                              _("This File Cannot Be Imported"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_free (self->refusal);
  self->refusal = message;
  gtk_window_present (GTK_WINDOW (dialog));
}

const char *
pathways_import_assistant_get_refusal (PathwaysImportAssistant *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), NULL);

  return self->refusal;
}

static gboolean
load_files_step (PathwaysImportAssistant *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysMapping) chosen = NULL;
  g_autoptr(PathwaysImportPreview) preview = NULL;
  const char *arg = pathways_import_file_page_get_mapping_argument (self->file_page);
  PathwaysImportPreviewOptions options = {
    .cases_path = self->cases_path,
    .cases_sheet = pathways_import_file_page_get_sheet (self->file_page),
    .services_path = self->services_path,
  };

  g_clear_pointer (&self->refusal, g_free);
  for (guint i = 0; i < 3; i++)
    {
      const char *path = i == 0 ? self->cases_path
                       : i == 1 ? self->services_path
                       : pathways_import_file_page_get_outcomes_path (self->file_page);
      char *refusal = path != NULL ? file_refusal (path) : NULL;

      if (refusal != NULL)
        {
          refuse (self, refusal);
          return FALSE;
        }
    }

  /* back at the first step and on again with the same choices: the later steps keep
   * what was chosen on them */
  if (self->files_read && g_strcmp0 (options.cases_sheet, self->read_sheet) == 0 &&
      g_strcmp0 (arg, self->read_argument) == 0)
    return TRUE;


  if (arg != NULL)
    {
      chosen = pathways_mapping_new_for_argument (arg, &error);
      if (chosen == NULL)
        {
          toast (self, error->message);
          return FALSE;
        }
      options.mapping = chosen;
    }

  /* the header and the first rows only: quick enough for the main thread */
  preview = pathways_import_preview_new (&options, NULL, &error);
  if (preview == NULL)
    {
      refuse (self, g_strdup (error->message));
      return FALSE;
    }
  if (pathways_import_preview_get_n_rows (preview) == 0)
    {
      g_autofree char *name = g_path_get_basename (self->cases_path);

      guint n_columns = pathways_import_preview_get_n_columns (preview);
      g_autofree char *count = pathways_format_count (n_columns);

      /* Translators: "“cases.csv” has a row of 3 column names but no rows of cases. ..." */
      refuse (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "“%s” has a row of %s column name but no rows of "
                                                  "cases. Export the cases again with their rows, "
                                                  "then choose the new file.",
                                                  "“%s” has a row of %s column names but no rows of "
                                                  "cases. Export the cases again with their rows, "
                                                  "then choose the new file.", n_columns),
                                     name, count));
      return FALSE;
    }

  g_clear_object (&self->base_mapping);
  self->base_mapping = pathways_import_preview_get_mapping (preview);
  pathways_import_preview_page_set_preview (self->preview_page, preview, self->cases_path);
  pathways_import_columns_page_set_preview (self->columns_page, preview, self->cases_path);
  /* groupings made on the values step were for the columns of the last reading */
  self->values_read = FALSE;
  self->files_read = TRUE;
  g_free (self->read_sheet);
  self->read_sheet = g_strdup (options.cases_sheet);
  g_free (self->read_argument);
  self->read_argument = g_strdup (arg);
  return TRUE;
}

PathwaysMapping *
pathways_import_assistant_get_mapping (PathwaysImportAssistant *self)
{
  PathwaysMapping *mapping;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), NULL);

  if (self->base_mapping == NULL)
    return NULL;

  mapping = pathways_mapping_copy (self->base_mapping);
  pathways_import_columns_page_apply (self->columns_page, mapping);
  /* the values step, once it has rows */
  if (self->values_read)
    pathways_import_values_page_apply (self->values_page, mapping);
  return mapping;
}

static gboolean
check_required (PathwaysImportAssistant *self)
{
  PathwaysField missing = pathways_import_columns_page_check_required (self->columns_page);
  g_autofree char *message = NULL;

  if (missing != PATHWAYS_N_FIELDS)
    {
      /* Translators: %s is a field, "Case ID" */
      message = g_strdup_printf (_("Choose the column for “%s”"), pathways_field_get_label (missing));
      toast (self, message);
      return FALSE;
    }
  missing = pathways_import_columns_page_check_dates (self->columns_page);
  if (missing != PATHWAYS_N_FIELDS)
    {
      /* Translators: %s is a field, "Referral date" */
      message = g_strdup_printf (_("Choose whether the dates for “%s” are day or month first"),
                                 pathways_field_get_label (missing));
      toast (self, message);
      return FALSE;
    }
  return TRUE;
}

static void
set_busy (PathwaysImportAssistant *self,
          gboolean                 busy)
{
  self->busy = busy;
  update_buttons (self);
}

/* ---- values: every row counted, in a thread ------------------------------------------ */

/* The threads' tasks have no source object: the pool thread drops its reference to a
 * task after the main thread may have run its callback, and a last reference to the
 * assistant dropped there would dispose a GTK window outside the main thread. The
 * callback's data holds the assistant instead, released in the main thread; it keeps
 * the assistant alive until the thread has returned. */
typedef struct
{
  PathwaysImportAssistant *self;
  guint                    serial;
} RunData;

static RunData *
run_data_new (PathwaysImportAssistant *self)
{
  RunData *run = g_new0 (RunData, 1);

  run->self = g_object_ref (self);
  run->serial = self->serial;
  return run;
}

static void
run_data_free (RunData *run)
{
  g_object_unref (run->self);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunData, run_data_free)

static void
values_read (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RunData) run = user_data;
  PathwaysImportAssistant *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysImportPreview) preview = pathways_import_preview_new_finish (result, &error);

  if (run->serial != self->serial || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  set_busy (self, FALSE);
  if (preview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      show_page (self, "columns");
      return;
    }

  {
    /* the mapping it was read with, the values step's earlier choices included: the
     * rows show them again */
    g_autoptr(PathwaysMapping) mapping = pathways_import_preview_get_mapping (preview);
    /* the first rows left a date column's order open, and later ones settle it */
    g_autofree char *settled = pathways_import_columns_page_settle_dates (self->columns_page, preview);

    pathways_import_values_page_set_preview (self->values_page, preview, mapping);
    if (settled != NULL)
      toast (self, settled);
  }
  self->values_read = TRUE;
}

static void
start_reading_values (PathwaysImportAssistant *self)
{
  g_autoptr(PathwaysMapping) mapping = pathways_import_assistant_get_mapping (self);
  PathwaysImportPreviewOptions options = {
    .cases_path = self->cases_path,
    .cases_sheet = pathways_import_file_page_get_sheet (self->file_page),
    .mapping = mapping,
    .all_rows = TRUE,
  };

  /* the rows of the last reading are rebuilt from the new values */
  self->values_read = FALSE;
  pathways_import_values_page_set_loading (self->values_page);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->serial++;
  set_busy (self, TRUE);

  pathways_import_preview_new_async (&options, self->cancellable, values_read, run_data_new (self));
}

/* ---- findings: the import ---------------------------------------------------------- */

typedef struct
{
  char              *cases_path;
  char              *cases_sheet;
  char              *services_path;
  char              *outcomes_path;
  PathwaysMapping   *mapping;
  PathwaysDateOrder  date_order;
  char              *name;
  PathwaysImportAssistant *assistant;  /* for the progress; alive until the thread returns */
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->cases_path);
  g_free (import->cases_sheet);
  g_free (import->services_path);
  g_free (import->outcomes_path);
  g_clear_object (&import->mapping);
  g_free (import->name);
  g_free (import);
}

static void
import_progress (double   fraction,
                 gpointer user_data)
{
  PathwaysImportAssistant *self = user_data;

  g_atomic_int_set (&self->percent, (int) (fraction * 100.0));
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *import = task_data;
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = {
    .cases_path = import->cases_path,
    .cases_sheet = import->cases_sheet,
    .services_path = import->services_path,
    .mapping = import->mapping,
    .date_order = import->date_order,
    .name = import->name,
  };
  PathwaysDataset *dataset;

  pathways_background_thread_enter ();

  dataset = pathways_import (&options, cancellable, import_progress, import->assistant, &error);
  if (dataset != NULL && import->outcomes_path != NULL)
    {
      /* its dates written as the cases' referral dates were read, when that was asked */
      PathwaysDateOrder order = pathways_mapping_get_date_order (dataset->mapping, PATHWAYS_FIELD_REFERRAL_DATE);

      if (order != PATHWAYS_DATE_ORDER_DMY && order != PATHWAYS_DATE_ORDER_MDY)
        order = PATHWAYS_DATE_ORDER_AUTO;
      if (!pathways_outcomes_import (dataset, import->outcomes_path, order, &error))
        g_clear_pointer (&dataset, pathways_dataset_unref);
    }
  if (dataset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) pathways_dataset_unref);
}

static gboolean
progress_tick (gpointer user_data)
{
  PathwaysImportAssistant *self = user_data;

  pathways_import_findings_page_show_progress (self->findings_page,
                                               g_atomic_int_get (&self->percent) / 100.0);
  return G_SOURCE_CONTINUE;
}

static void
import_done (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RunData) run = user_data;
  PathwaysImportAssistant *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) dataset = g_task_propagate_pointer (G_TASK (result), &error);

  if (run->serial != self->serial || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  pathways_import_findings_page_hide_progress (self->findings_page);
  set_busy (self, FALSE);

  if (dataset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED))
        toast (self, error->message);
      else
        toast (self, _("Import cancelled"));
      show_page (self, "values");
      return;
    }

  self->dataset = g_steal_pointer (&dataset);
  pathways_import_findings_page_set_dataset (self->findings_page, self->dataset);
  update_buttons (self);
}

static void
start_import (PathwaysImportAssistant *self)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import = g_new0 (ImportData, 1);
  g_autofree char *base = g_path_get_basename (self->cases_path);

  import->cases_path = g_strdup (self->cases_path);
  import->cases_sheet = g_strdup (pathways_import_file_page_get_sheet (self->file_page));
  import->services_path = g_strdup (self->services_path);
  import->outcomes_path = g_strdup (pathways_import_file_page_get_outcomes_path (self->file_page));
  import->mapping = pathways_import_assistant_get_mapping (self);
  /* each date column's order is in the mapping: answered, saved, or worked out */
  import->date_order = PATHWAYS_DATE_ORDER_AUTO;
  import->name = g_strdup (base);
  import->assistant = self;

  g_clear_pointer (&self->dataset, pathways_dataset_unref);
  pathways_import_findings_page_set_dataset (self->findings_page, NULL);
  pathways_import_findings_page_show_progress (self->findings_page, 0.0);
  g_atomic_int_set (&self->percent, 0);
  self->progress_source = g_timeout_add (100, progress_tick, self);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->serial++;
  set_busy (self, TRUE);

  task = g_task_new (NULL, self->cancellable, import_done, run_data_new (self));
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, import, import_data_free);
  g_task_run_in_thread (task, import_thread);
}

static void
cancel_clicked (PathwaysImportAssistant *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- navigation ---------------------------------------------------------------- */

gboolean
pathways_import_assistant_next (PathwaysImportAssistant *self)
{
  guint index;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), FALSE);

  if (self->busy)
    return FALSE;

  dismiss_toast (self);
  index = page_index (self);
  switch (index)
    {
    case 0:
      if (!load_files_step (self))
        return FALSE;
      break;
    case 2:
      if (!check_required (self))
        return FALSE;
      start_reading_values (self);
      break;
    case 3:
      start_import (self);
      break;
    case 4:
      return pathways_import_assistant_finish (self);
    default:
      break;
    }

  show_page (self, page_names[index + 1]);
  return TRUE;
}

static void
next_clicked (PathwaysImportAssistant *self)
{
  pathways_import_assistant_next (self);
}

void
pathways_import_assistant_back (PathwaysImportAssistant *self)
{
  guint index;

  g_return_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self));

  dismiss_toast (self);
  index = page_index (self);
  if (self->busy)
    {
      /* leaving a step that is reading: stop it */
      cancel_clicked (self);
      self->serial++;
      g_clear_handle_id (&self->progress_source, g_source_remove);
      pathways_import_findings_page_hide_progress (self->findings_page);
      self->busy = FALSE;
    }
  if (index > 0)
    show_page (self, page_names[index - 1]);
  else
    gtk_window_close (GTK_WINDOW (self));
}

gboolean
pathways_import_assistant_finish (PathwaysImportAssistant *self)
{
  g_autoptr(PathwaysMapping) mapping = NULL;
  const char *name;

  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), FALSE);

  if (self->busy || self->dataset == NULL)
    return FALSE;

  mapping = pathways_import_assistant_get_mapping (self);
  name = pathways_mapping_get_name (mapping);
  if (name != NULL && name[0] != '\0')
    {
      g_autofree char *dir = pathways_saved_mappings_dir ();
      g_autofree char *file = pathways_mapping_file_name (name);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(GError) error = NULL;

      /* the dates as read, so the saved mapping says the order that was chosen or
       * worked out */
      for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
        {
          if (pathways_field_get_kind (f) == PATHWAYS_KIND_DATE &&
              pathways_mapping_get_column (mapping, f) != NULL &&
              pathways_mapping_get_date_order (mapping, f) == PATHWAYS_DATE_ORDER_AUTO)
            pathways_mapping_set_date_order (mapping, f,
                                             pathways_mapping_get_date_order (self->dataset->mapping, f));
        }
      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          !pathways_mapping_save (mapping, path, &error))
        g_warning ("Could not save the mapping to %s: %s", path,
                   error != NULL ? error->message : g_strerror (errno));
    }

  if (self->done != NULL)
    self->done (self->dataset, self->done_data);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* ---- object -------------------------------------------------------------------- */

static gboolean
on_close_request (GtkWindow *window)
{
  cancel_clicked (PATHWAYS_IMPORT_ASSISTANT (window));
  return GDK_EVENT_PROPAGATE;
}

static void
pathways_import_assistant_dispose (GObject *object)
{
  PathwaysImportAssistant *self = PATHWAYS_IMPORT_ASSISTANT (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PATHWAYS_TYPE_IMPORT_ASSISTANT);

  G_OBJECT_CLASS (pathways_import_assistant_parent_class)->dispose (object);
}

static void
pathways_import_assistant_finalize (GObject *object)
{
  PathwaysImportAssistant *self = PATHWAYS_IMPORT_ASSISTANT (object);

  g_free (self->cases_path);
  g_free (self->services_path);
  g_free (self->refusal);
  g_free (self->read_sheet);
  g_free (self->read_argument);
  g_clear_object (&self->base_mapping);
  g_clear_object (&self->last_toast);
  g_clear_pointer (&self->dataset, pathways_dataset_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pathways_import_assistant_parent_class)->finalize (object);
}

static void
pathways_import_assistant_class_init (PathwaysImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pathways_import_assistant_dispose;
  object_class->finalize = pathways_import_assistant_finalize;
  window_class->close_request = on_close_request;
  /* Escape closes, as in any dialog */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (PATHWAYS_TYPE_IMPORT_FILE_PAGE);
  g_type_ensure (PATHWAYS_TYPE_IMPORT_PREVIEW_PAGE);
  g_type_ensure (PATHWAYS_TYPE_IMPORT_COLUMNS_PAGE);
  g_type_ensure (PATHWAYS_TYPE_IMPORT_VALUES_PAGE);
  g_type_ensure (PATHWAYS_TYPE_IMPORT_FINDINGS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, title);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, instruction);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, toasts);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, file_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, preview_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, columns_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, values_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportAssistant, findings_page);
  gtk_widget_class_bind_template_callback (widget_class, pathways_import_assistant_back);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
}

static void
pathways_import_assistant_init (PathwaysImportAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PathwaysImportAssistant *
pathways_import_assistant_new (GtkWindow              *parent,
                               const char             *cases_path,
                               const char             *services_path,
                               PathwaysDateOrder       date_order,
                               PathwaysImportDoneFunc  done,
                               gpointer                user_data)
{
  PathwaysImportAssistant *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (cases_path != NULL, NULL);

  self = g_object_new (PATHWAYS_TYPE_IMPORT_ASSISTANT, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->cases_path = g_strdup (cases_path);
  self->services_path = g_strdup (services_path);
  self->done = done;
  self->done_data = user_data;

  pathways_import_file_page_set_files (self->file_page, cases_path, services_path);
  pathways_import_columns_page_set_date_order (self->columns_page, date_order);
  show_page (self, "files");

  return self;
}

const char *
pathways_import_assistant_get_page (PathwaysImportAssistant *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
pathways_import_assistant_is_busy (PathwaysImportAssistant *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), FALSE);

  return self->busy;
}

void
pathways_import_assistant_set_date_order (PathwaysImportAssistant *self,
                                          PathwaysDateOrder        order)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self));

  pathways_import_columns_page_set_date_order (self->columns_page, order);
}

PathwaysDataset *
pathways_import_assistant_get_dataset (PathwaysImportAssistant *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), NULL);

  return self->dataset;
}

void
pathways_import_assistant_set_mapping_name (PathwaysImportAssistant *self,
                                            const char              *name)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self));

  pathways_import_columns_page_set_name (self->columns_page, name);
}

gboolean
pathways_import_assistant_select_saved (PathwaysImportAssistant *self,
                                        const char              *name)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return pathways_import_file_page_select_saved (self->file_page, name);
}

AdwComboRow *
pathways_import_assistant_get_field_row (PathwaysImportAssistant *self,
                                         PathwaysField            field)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  return pathways_import_columns_page_get_field_row (self->columns_page, field);
}

AdwEntryRow *
pathways_import_assistant_get_value_row (PathwaysImportAssistant *self,
                                         PathwaysField            field,
                                         const char              *source)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), NULL);

  return pathways_import_values_page_get_value_row (self->values_page, field, source);
}

void
pathways_import_assistant_set_outcomes_path (PathwaysImportAssistant *self,
                                             const char              *path)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self));

  pathways_import_file_page_set_outcomes_path (self->file_page, path);
}
