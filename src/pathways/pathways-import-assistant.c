/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-assistant"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pathways-background.h"
#include "pathways-import-assistant.h"
#include "pathways-window.h"

#define N_PREVIEW_ROWS    20
#define N_PREVIEW_COLUMNS 60
#define N_SCAN_VALUES     60   /* distinct values listed per field on the values step */

/* The fields whose values are grouped on the values step. */
static const PathwaysField grouped_fields[] = {
  PATHWAYS_FIELD_REFERRAL_SOURCE,
  PATHWAYS_FIELD_PRIMARY_INCIDENT,
  PATHWAYS_FIELD_CLOSURE_REASON,
};
#define N_GROUPED G_N_ELEMENTS (grouped_fields)

typedef struct
{
  PathwaysField  field;
  char          *source;
  AdwEntryRow   *entry;
  GtkDropDown   *klass;   /* closure reasons only */
} ValueRow;

static void
value_row_free (gpointer data)
{
  ValueRow *row = data;

  g_free (row->source);
  g_free (row);
}

struct _PathwaysImportAssistant
{
  AdwWindow               parent_instance;

  char                   *cases_path;
  char                   *services_path;
  PathwaysImportDoneFunc  done;
  gpointer                done_data;

  AdwWindowTitle         *title;
  GtkStack               *stack;
  GtkButton              *back_button;
  GtkButton              *next_button;
  AdwToastOverlay        *toasts;

  /* files */
  AdwComboRow            *sheet_row;
  AdwComboRow            *order_row;
  AdwComboRow            *preset_row;
  GPtrArray              *preset_args;    /* char*: NULL detect, a preset name or a file */

  /* preview */
  GtkBox                 *preview_box;
  GtkLabel               *preview_caption;
  GtkWidget              *preview_grid;
  GStrv                   header;
  GStrv                   services_header;
  GPtrArray              *samples;        /* GStrv per preview row */

  /* columns */
  GtkBox                 *columns_box;
  GtkWidget              *columns_page;
  AdwComboRow            *field_rows[PATHWAYS_N_FIELDS];
  AdwEntryRow            *name_row;
  PathwaysMapping        *base_mapping;   /* detected or chosen; keeps groupings */

  /* values */
  GtkBox                 *values_box;
  GtkWidget              *values_page;
  GPtrArray              *value_rows;     /* ValueRow* */

  /* findings */
  GtkBox                 *findings_box;
  GtkWidget              *findings_page;
  GtkWidget              *progress_box;
  GtkProgressBar         *progress_bar;
  GtkLabel               *progress_label;
  PathwaysDataset        *dataset;
  int                     percent;        /* written by the worker, atomically */
  guint                   progress_source;

  GCancellable           *cancellable;
  gboolean                busy;
  guint                   serial;         /* a result of an older run is dropped */
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
  adw_toast_overlay_add_toast (self->toasts, t);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
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

static gboolean
has_word (const char *folded,
          const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (folded, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean start = p == folded || !g_ascii_isalnum (p[-1]);
      gboolean end = !g_ascii_isalnum (p[len]);

      if (start && end)
        return TRUE;
    }
  return FALSE;
}

gboolean
pathways_column_looks_identifying (const char         *name,
                                   const char * const *values)
{
  static const char *words[] = {
    "name", "names", "surname", "forename", "firstname", "lastname", "address",
    "street", "road", "postcode", "zip", "phone", "telephone", "tel", "mobile",
    "email", "e mail", "mail", "latitude", "longitude", "location", "coordinate",
    "nhs", "ni", "notes", "note", "comments", "comment", "description", "narrative",
  };
  g_autofree char *folded = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint n = 0, n_long = 0, n_email = 0, n_phone = 0;
  gsize total = 0;

  g_return_val_if_fail (name != NULL, FALSE);

  folded = pathways_fold (name);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (has_word (folded, words[i]))
        return TRUE;
    }
  /* "(State Plane)" coordinates, "X Coordinate" ... */
  if (strstr (folded, "coordinate") != NULL || strstr (folded, "email") != NULL)
    return TRUE;

  if (values == NULL)
    return FALSE;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *v = values[i];
      guint digits = 0;

      if (v[0] == '\0')
        continue;
      n++;
      total += strlen (v);
      g_hash_table_add (seen, (gpointer) v);
      if (strlen (v) > 30)
        n_long++;
      if (strchr (v, '@') != NULL && strchr (v, '.') != NULL && strchr (v, ' ') == NULL)
        n_email++;
      for (const char *p = v; *p != '\0'; p++)
        digits += g_ascii_isdigit (*p) ? 1 : 0;
      if (digits >= 10 && (v[0] == '+' || v[0] == '0' || v[0] == '('))
        n_phone++;
    }

  if (n == 0)
    return FALSE;
  if (n_email * 2 > n || n_phone * 2 > n)
    return TRUE;
  /* long, mostly unique text: free text */
  if (n >= 3 && n_long * 2 > n && g_hash_table_size (seen) * 10 >= n * 8 && total / n > 30)
    return TRUE;

  return FALSE;
}

/* The sample values of COLUMN in the preview rows, NULL-terminated, borrowed strings. */
static const char **
column_samples (PathwaysImportAssistant *self,
                guint                    column)
{
  const char **values = g_new0 (const char *, self->samples->len + 1);

  for (guint i = 0; i < self->samples->len; i++)
    {
      GStrv row = g_ptr_array_index (self->samples, i);

      values[i] = column < g_strv_length (row) ? row[column] : "";
    }
  return values;
}

static int
header_index (GStrv        header,
              const char  *column)
{
  for (guint i = 0; header != NULL && header[i] != NULL; i++)
    {
      if (g_strcmp0 (header[i], column) == 0)
        return (int) i;
    }
  return -1;
}

/* ---- files --------------------------------------------------------------------- */

static const char *
selected_sheet (PathwaysImportAssistant *self)
{
  GtkStringObject *item;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->sheet_row)))
    return NULL;
  item = adw_combo_row_get_selected_item (self->sheet_row);
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static PathwaysDateOrder
selected_order (PathwaysImportAssistant *self)
{
  static const PathwaysDateOrder orders[] = {
    PATHWAYS_DATE_ORDER_AUTO, PATHWAYS_DATE_ORDER_DMY,
    PATHWAYS_DATE_ORDER_MDY, PATHWAYS_DATE_ORDER_YMD,
  };
  guint i = adw_combo_row_get_selected (self->order_row);

  return i < G_N_ELEMENTS (orders) ? orders[i] : PATHWAYS_DATE_ORDER_AUTO;
}

static void
fill_presets (PathwaysImportAssistant *self,
              GtkStringList           *list)
{
  const char * const *presets = pathways_mapping_list_presets ();
  g_autofree char *dir_path = pathways_saved_mappings_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (list, _("Detected from the column names"));
  g_ptr_array_add (self->preset_args, NULL);

  /* saved mappings first: they are this service's own */
  dir = g_dir_open (dir_path, 0, NULL);
  for (const char *name = dir != NULL ? g_dir_read_name (dir) : NULL; name != NULL;
       name = g_dir_read_name (dir))
    {
      if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
    }
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(PathwaysMapping) mapping = pathways_mapping_new_from_file (path, NULL);
      g_autofree char *label = NULL;

      if (mapping == NULL)
        continue;
      /* Translators: a mapping saved by an earlier import */
      label = g_strdup_printf (_("Saved: %s"),
                               pathways_mapping_get_name (mapping) != NULL
                                 ? pathways_mapping_get_name (mapping) : path);
      gtk_string_list_append (list, label);
      g_ptr_array_add (self->preset_args, g_strdup (path));
    }

  for (guint i = 0; presets != NULL && presets[i] != NULL; i++)
    {
      g_autofree char *label = NULL;

      /* Translators: a mapping that comes with Pathways, "Preset: dpms" */
      label = g_strdup_printf (_("Preset: %s"), presets[i]);
      gtk_string_list_append (list, label);
      g_ptr_array_add (self->preset_args, g_strdup (presets[i]));
    }
}

/* ---- preview ------------------------------------------------------------------- */

static GStrv
read_header (const char *path,
             const char *sheet,
             GPtrArray  *samples,
             char      **description,
             GError    **error)
{
  g_autoptr(PathwaysRowReader) reader = pathways_row_reader_open (path, sheet, error);
  GStrvBuilder *builder;
  GStrv header;
  guint n;

  if (reader == NULL)
    return NULL;

  n = pathways_row_reader_get_n_columns (reader);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, pathways_row_reader_get_column_name (reader, i));
  header = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  if (description != NULL)
    *description = g_strdup (pathways_row_reader_get_description (reader));

  while (samples != NULL && samples->len < N_PREVIEW_ROWS)
    {
      GStrvBuilder *row;

      if (!pathways_row_reader_next_row (reader, error))
        {
          if (error != NULL && *error != NULL)
            {
              g_strfreev (header);
              return NULL;
            }
          break;
        }
      row = g_strv_builder_new ();
      for (guint i = 0; i < n; i++)
        g_strv_builder_add (row, pathways_row_reader_get_field (reader, i));
      g_ptr_array_add (samples, g_strv_builder_end (row));
      g_strv_builder_unref (row);
    }

  return header;
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* a grid in a scroller gets its minimum width: make that the text's, up to a point */
  gtk_label_set_width_chars (GTK_LABEL (label), CLAMP ((int) g_utf8_strlen (text, -1), 3, 24));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_tooltip_text (label, text);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_preview (PathwaysImportAssistant *self,
               const char              *description)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller;
  guint n = g_strv_length (self->header);
  g_autofree char *base = g_path_get_basename (self->cases_path);
  g_autofree char *caption = NULL;
  g_autofree char *rows = pathways_format_count (self->samples->len);
  g_autofree char *columns = pathways_format_count (n);

  clear_box (self->preview_box);

  /* Translators: "The first 20 rows of “cases.csv” (41 columns; UTF-8, comma-separated)" */
  caption = g_strdup_printf (_("The first %s rows of “%s” (%s columns; %s)"),
                             rows, base, columns, description != NULL ? description : "");
  self->preview_caption = GTK_LABEL (gtk_label_new (caption));
  gtk_label_set_xalign (self->preview_caption, 0.0);
  gtk_label_set_wrap (self->preview_caption, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_caption), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->preview_caption), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->preview_caption), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->preview_caption), 12);
  gtk_box_append (self->preview_box, GTK_WIDGET (self->preview_caption));

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_add_css_class (grid, "preview-grid");

  for (guint c = 0; c < n && c < N_PREVIEW_COLUMNS; c++)
    {
      gtk_grid_attach (GTK_GRID (grid), cell_label (self->header[c], TRUE), (int) c, 0, 1, 1);
      for (guint r = 0; r < self->samples->len; r++)
        {
          GStrv row = g_ptr_array_index (self->samples, r);
          const char *text = c < g_strv_length (row) ? row[c] : "";

          gtk_grid_attach (GTK_GRID (grid), cell_label (text, FALSE), (int) c, (int) r + 1, 1, 1);
        }
    }

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_box_append (self->preview_box, scroller);
  self->preview_grid = grid;
}

/* ---- columns ------------------------------------------------------------------- */

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
build_columns (PathwaysImportAssistant *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *cases_group;
  GtkWidget *services_group = NULL;
  GtkWidget *other_group;
  GtkWidget *save_group;
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *stem = NULL;
  guint n_other = 0;

  clear_box (self->columns_box);
  memset (self->field_rows, 0, sizeof self->field_rows);

  cases_group = new_group (_("Cases"),
                           _("The column each field is read from. Case ID and referral date are needed."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (cases_group));
  if (self->services_header != NULL)
    {
      services_group = new_group (_("Services"), NULL);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (services_group));
    }

  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      gboolean services = pathways_field_get_table (f) == PATHWAYS_TABLE_SERVICES;
      GStrv header = services ? self->services_header : self->header;
      g_autoptr(GtkStringList) model = NULL;
      const char *column;
      GtkWidget *row;
      int index;

      if (services && services_group == NULL)
        continue;

      model = gtk_string_list_new (NULL);
      gtk_string_list_append (model, _("Not imported"));
      for (guint i = 0; header[i] != NULL; i++)
        gtk_string_list_append (model, header[i]);

      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pathways_field_get_label (f));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
      gtk_widget_set_name (row, pathways_field_get_name (f));

      column = pathways_mapping_get_column (self->base_mapping, f);
      index = column != NULL ? header_index (header, column) : -1;
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), index >= 0 ? (guint) index + 1 : 0);
      if (index >= 0 && !services)
        g_hash_table_add (used, header[index]);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (services ? services_group : cases_group), row);
      self->field_rows[f] = ADW_COMBO_ROW (row);
    }

  other_group = new_group (_("Other Columns"),
                           _("Not imported. Columns that could identify someone, such as names, addresses, phone numbers and free text, are never imported unless you choose them above."));
  for (guint i = 0; self->header[i] != NULL; i++)
    {
      g_autofree const char **values = NULL;
      GtkWidget *row;

      if (g_hash_table_contains (used, self->header[i]))
        continue;
      if (++n_other > 200)
        break;
      values = column_samples (self, i);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->header[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   pathways_column_looks_identifying (self->header[i], values)
                                     ? _("Not imported: may identify someone or is free text")
                                     : _("Not imported"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (other_group), row);
    }
  if (n_other > 0)
    {
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (other_group));
    }
  else
    {
      g_object_ref_sink (other_group);
      g_object_unref (other_group);
    }

  save_group = new_group (_("Save for Next Time"),
                          _("The columns and values chosen here are offered again the next time you import. Leave the name empty not to save them."));
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Mapping name"));
  if (pathways_mapping_get_name (self->base_mapping) != NULL)
    stem = g_strdup (pathways_mapping_get_name (self->base_mapping));
  else
    {
      g_autofree char *base = g_path_get_basename (self->cases_path);
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      stem = g_strdup (base);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), stem);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (save_group), GTK_WIDGET (self->name_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (save_group));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (self->columns_box, page);
  self->columns_page = page;
}

/* Unmaps the detected columns that look like names, addresses or free text; keys and
 * dates are what they say. */
static void
drop_identifying (PathwaysImportAssistant *self)
{
  for (PathwaysField f = 0; f < PATHWAYS_FIELD_FIRST_SERVICE; f++)
    {
      const char *column = pathways_mapping_get_column (self->base_mapping, f);
      PathwaysFieldKind kind = pathways_field_get_kind (f);
      g_autofree const char **values = NULL;
      int index;

      if (column == NULL || kind == PATHWAYS_KIND_KEY || kind == PATHWAYS_KIND_DATE ||
          f == PATHWAYS_FIELD_DATE_OF_BIRTH)
        continue;
      index = header_index (self->header, column);
      if (index < 0)
        continue;
      values = column_samples (self, (guint) index);
      if (pathways_column_looks_identifying (column, values))
        pathways_mapping_set_column (self->base_mapping, f, NULL);
    }
}

static gboolean
load_files_step (PathwaysImportAssistant *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(PathwaysMapping) mapping = NULL;
  const char *sheet = selected_sheet (self);
  guint preset = adw_combo_row_get_selected (self->preset_row);
  const char *arg = preset < self->preset_args->len
                      ? g_ptr_array_index (self->preset_args, preset) : NULL;

  g_ptr_array_set_size (self->samples, 0);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->services_header, g_strfreev);

  self->header = read_header (self->cases_path, sheet, self->samples, &description, &error);
  if (self->header == NULL)
    {
      toast (self, error->message);
      return FALSE;
    }
  if (self->services_path != NULL)
    {
      self->services_header = read_header (self->services_path, NULL, NULL, NULL, &error);
      if (self->services_header == NULL)
        {
          toast (self, error->message);
          return FALSE;
        }
    }

  if (arg != NULL)
    {
      mapping = pathways_mapping_new_for_argument (arg, &error);
    }
  else
    {
      PathwaysImportOptions options = {
        .cases_path = self->cases_path,
        .cases_sheet = sheet,
        .services_path = self->services_path,
      };

      mapping = pathways_import_detect_mapping (&options, &error);
    }
  if (mapping == NULL)
    {
      toast (self, error->message);
      return FALSE;
    }

  g_set_object (&self->base_mapping, mapping);
  if (arg == NULL)
    drop_identifying (self);

  build_preview (self, description);
  build_columns (self);
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
  for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      GtkStringObject *item;
      guint selected;

      if (self->field_rows[f] == NULL)
        continue;
      selected = adw_combo_row_get_selected (self->field_rows[f]);
      item = adw_combo_row_get_selected_item (self->field_rows[f]);
      pathways_mapping_set_column (mapping, f,
                                   selected > 0 && item != NULL
                                     ? gtk_string_object_get_string (item) : NULL);
    }

  if (self->name_row != NULL)
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

      pathways_mapping_set_name (mapping, name[0] != '\0' ? name : NULL);
    }

  /* the values step, once it has rows */
  for (guint i = 0; self->value_rows != NULL && i < self->value_rows->len; i++)
    {
      ValueRow *row = g_ptr_array_index (self->value_rows, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->entry))));
      const char *before = pathways_mapping_map_value (mapping, row->field, row->source);

      if (text[0] == '\0')
        continue;
      if (before == NULL && g_strcmp0 (text, PATHWAYS_NOT_RECORDED) == 0)
        continue;
      if (g_strcmp0 (before, text) != 0)
        pathways_mapping_set_value (mapping, row->field, row->source, text);

      if (row->klass != NULL)
        {
          static const PathwaysClosureClass classes[] = {
            PATHWAYS_CLOSURE_PLANNED, PATHWAYS_CLOSURE_UNPLANNED, PATHWAYS_CLOSURE_OTHER,
          };
          guint k = gtk_drop_down_get_selected (row->klass);

          if (k < G_N_ELEMENTS (classes) &&
              pathways_mapping_get_closure_class (mapping, text) != classes[k])
            pathways_mapping_set_closure_class (mapping, text, classes[k]);
        }
    }

  return mapping;
}

static gboolean
check_required (PathwaysImportAssistant *self)
{
  static const PathwaysField required[] = { PATHWAYS_FIELD_CASE_ID, PATHWAYS_FIELD_REFERRAL_DATE };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      AdwComboRow *row = self->field_rows[required[i]];

      if (row == NULL || adw_combo_row_get_selected (row) == 0)
        {
          /* Translators: %s is a field, "Case ID" */
          g_autofree char *message = g_strdup_printf (_("Choose the column for “%s”"),
                                                      pathways_field_get_label (required[i]));

          toast (self, message);
          if (row != NULL)
            gtk_widget_grab_focus (GTK_WIDGET (row));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- values -------------------------------------------------------------------- */

typedef struct
{
  char        *path;
  char        *sheet;
  char        *columns[N_GROUPED];  /* NULL: not mapped */
} ScanData;

typedef struct
{
  char  *value;
  guint  count;
} ValueCount;

static void
scan_data_free (gpointer data)
{
  ScanData *scan = data;

  g_free (scan->path);
  g_free (scan->sheet);
  for (guint i = 0; i < N_GROUPED; i++)
    g_free (scan->columns[i]);
  g_free (scan);
}

static void
value_count_free (gpointer data)
{
  ValueCount *vc = data;

  g_free (vc->value);
  g_free (vc);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const ValueCount *x = *(ValueCount * const *) a;
  const ValueCount *y = *(ValueCount * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->value, y->value);
}

static void
free_results (gpointer data)
{
  GPtrArray **results = data;

  for (guint i = 0; i < N_GROUPED; i++)
    g_clear_pointer (&results[i], g_ptr_array_unref);
  g_free (results);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *scan = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysRowReader) reader = pathways_row_reader_open (scan->path, scan->sheet, &error);
  GHashTable *counts[N_GROUPED] = { NULL };
  int index[N_GROUPED];
  GPtrArray **results;

  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < N_GROUPED; i++)
    {
      index[i] = -1;
      counts[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint c = 0; scan->columns[i] != NULL && c < pathways_row_reader_get_n_columns (reader); c++)
        {
          if (g_strcmp0 (pathways_row_reader_get_column_name (reader, c), scan->columns[i]) == 0)
            index[i] = (int) c;
        }
    }

  while (pathways_row_reader_next_row (reader, &error))
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      for (guint i = 0; i < N_GROUPED; i++)
        {
          g_autofree char *value = NULL;
          gpointer old;

          if (index[i] < 0)
            continue;
          value = g_strstrip (g_strdup (pathways_row_reader_get_field (reader, (guint) index[i])));
          old = g_hash_table_lookup (counts[i], value);
          /* bounded: a column with thousands of values is not a category to group */
          if (old == NULL && g_hash_table_size (counts[i]) >= 10 * N_SCAN_VALUES)
            continue;
          g_hash_table_replace (counts[i], g_steal_pointer (&value),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
        }
    }

  results = g_new0 (GPtrArray *, N_GROUPED);
  for (guint i = 0; i < N_GROUPED; i++)
    {
      GHashTableIter iter;
      gpointer key, value;

      results[i] = g_ptr_array_new_with_free_func (value_count_free);
      g_hash_table_iter_init (&iter, counts[i]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          ValueCount *vc = g_new0 (ValueCount, 1);

          vc->value = g_strdup (key);
          vc->count = GPOINTER_TO_UINT (value);
          g_ptr_array_add (results[i], vc);
        }
      g_ptr_array_sort (results[i], compare_counts);
      if (results[i]->len > N_SCAN_VALUES)
        g_ptr_array_set_size (results[i], N_SCAN_VALUES);
      g_hash_table_unref (counts[i]);
    }

  if (error != NULL)
    {
      free_results (results);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      free_results (results);
      return;
    }
  g_task_return_pointer (task, results, free_results);
}

static void
set_busy (PathwaysImportAssistant *self,
          gboolean                 busy)
{
  self->busy = busy;
  update_buttons (self);
}

static void
build_values (PathwaysImportAssistant *self,
              GPtrArray              **results)
{
  GtkWidget *page = adw_preferences_page_new ();
  g_autoptr(PathwaysMapping) mapping = pathways_import_assistant_get_mapping (self);
  guint n_groups = 0;

  clear_box (self->values_box);
  g_ptr_array_set_size (self->value_rows, 0);

  for (guint i = 0; i < N_GROUPED; i++)
    {
      PathwaysField field = grouped_fields[i];
      gboolean closure = field == PATHWAYS_FIELD_CLOSURE_REASON;
      GtkWidget *group;

      if (results[i] == NULL || results[i]->len == 0)
        continue;

      group = new_group (pathways_field_get_label (field),
                         closure
                           ? _("Each reason found in the export, the reason it is reported as, and whether that ending was planned.")
                           : _("Each value found in the export and the value it is reported as. Give several values the same name to group them."));
      for (guint j = 0; j < results[i]->len; j++)
        {
          ValueCount *vc = g_ptr_array_index (results[i], j);
          const char *canonical;
          g_autofree char *title = NULL;
          g_autofree char *count = pathways_format_count (vc->count);
          GtkWidget *entry;
          ValueRow *row;

          if (vc->value[0] == '\0')
            continue;
          canonical = pathways_mapping_map_value (mapping, field, vc->value);
          /* Translators: a value in the export and how many rows have it, "ONLINE (501 rows)" */
          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s row)", "%s (%s rows)",
                                                vc->count), vc->value, count);
          entry = adw_entry_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
          gtk_editable_set_text (GTK_EDITABLE (entry),
                                 canonical != NULL ? canonical : PATHWAYS_NOT_RECORDED);

          row = g_new0 (ValueRow, 1);
          row->field = field;
          row->source = g_strdup (vc->value);
          row->entry = ADW_ENTRY_ROW (entry);
          if (closure && canonical != NULL)
            {
              const char *classes[] = { _("Planned"), _("Unplanned"), _("Other"), NULL };
              GtkWidget *dropdown = gtk_drop_down_new_from_strings (classes);
              PathwaysClosureClass klass = pathways_mapping_get_closure_class (mapping, canonical);

              gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
              gtk_widget_set_tooltip_text (dropdown, _("How the case ended"));
              gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                          klass == PATHWAYS_CLOSURE_PLANNED ? 0
                                          : klass == PATHWAYS_CLOSURE_UNPLANNED ? 1 : 2);
              adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), dropdown);
              row->klass = GTK_DROP_DOWN (dropdown);
            }
          g_ptr_array_add (self->value_rows, row);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
        }
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
      n_groups++;
    }

  if (n_groups == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Nothing to Group"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Referral source, primary incident and closure reason are not imported, or have no values."));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (self->values_box, status);
      g_object_ref_sink (page);
      g_object_unref (page);
      self->values_page = status;
      return;
    }

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (self->values_box, page);
  self->values_page = page;
}

static void
show_spinner (GtkBox     *box,
              const char *title)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  clear_box (box);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), spinner);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (box, status);
}

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
scan_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RunData) run = user_data;
  PathwaysImportAssistant *self = run->self;
  g_autoptr(GError) error = NULL;
  GPtrArray **results = g_task_propagate_pointer (G_TASK (result), &error);

  if (run->serial != self->serial || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      if (results != NULL)
        free_results (results);
      return;
    }

  set_busy (self, FALSE);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      show_page (self, "columns");
      return;
    }

  build_values (self, results);
  free_results (results);
}

static void
start_scan (PathwaysImportAssistant *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PathwaysMapping) mapping = pathways_import_assistant_get_mapping (self);
  ScanData *scan = g_new0 (ScanData, 1);

  scan->path = g_strdup (self->cases_path);
  scan->sheet = g_strdup (selected_sheet (self));
  for (guint i = 0; i < N_GROUPED; i++)
    scan->columns[i] = g_strdup (pathways_mapping_get_column (mapping, grouped_fields[i]));

  /* the rows of the last scan are rebuilt from the new values */
  g_ptr_array_set_size (self->value_rows, 0);
  show_spinner (self->values_box, _("Reading the Values"));
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->serial++;
  set_busy (self, TRUE);

  task = g_task_new (NULL, self->cancellable, scan_done, run_data_new (self));
  g_task_set_source_tag (task, start_scan);
  g_task_set_task_data (task, scan, scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

/* ---- findings: the import ---------------------------------------------------------- */

typedef struct
{
  char              *cases_path;
  char              *cases_sheet;
  char              *services_path;
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
  if (dataset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) pathways_dataset_unref);
}

static gboolean
progress_tick (gpointer user_data)
{
  PathwaysImportAssistant *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->percent) / 100.0);
  return G_SOURCE_CONTINUE;
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

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle,
         const char *suffix)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             pathways_count_row_new (title, subtitle, suffix));
}

static void
build_findings (PathwaysImportAssistant *self)
{
  PathwaysDataset *ds = self->dataset;
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *summary = new_group (_("Ready to Open"), _("Press Import to see the reports, or go back to change the choices."));
  GtkWidget *kinds = new_group (_("Findings"), NULL);
  GtkWidget *first = new_group (_("First Findings"), _("The first few, with the row number when a finding is about one row"));
  g_autofree char *cases = pathways_format_count (ds->n_cases);
  guint n_kinds = 0, n_first = 0;

  clear_box (self->findings_box);

  add_row (summary, _("Cases"), NULL, cases);
  if (ds->has_services)
    {
      g_autofree char *services = pathways_format_count (ds->n_services);

      add_row (summary, _("Services"), NULL, services);
    }
  {
    gint32 first_day = PATHWAYS_DAY_NONE, last_day = PATHWAYS_DAY_NONE;
    g_autofree char *first_text = NULL;
    g_autofree char *last_text = NULL;

    pathways_dataset_get_referral_range (ds, &first_day, &last_day);
    first_text = pathways_format_day_long (first_day);
    last_text = pathways_format_day_long (last_day);
    if (first_text != NULL && last_text != NULL)
      {
        g_autofree char *range = g_strcmp0 (first_text, last_text) == 0
          ? g_strdup (first_text)
          /* Translators: a range of referral dates, "1 April 2021 to 31 March 2024" */
          : g_strdup_printf (_("%s to %s"), first_text, last_text);

        add_row (summary, _("Referrals"), NULL, range);
      }
  }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (summary));

  for (guint i = 0; ds->finding_summary != NULL && i < ds->finding_summary->len; i++)
    {
      const PathwaysFindingSummary *s = g_ptr_array_index (ds->finding_summary, i);
      g_autofree char *count = pathways_format_count (s->count);

      if (s->count == 0)
        continue;
      add_row (kinds, pathways_finding_kind_get_label (s->kind), pathways_severity_get_label (s->severity), count);
      n_kinds++;
    }
  if (n_kinds == 0)
    add_row (kinds, _("No problems found"), NULL, NULL);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (kinds));

  for (guint i = 0; ds->findings != NULL && i < ds->findings->len && n_first < 20; i++)
    {
      const PathwaysFinding *f = g_ptr_array_index (ds->findings, i);
      g_autofree char *title = NULL;

      if (f->row > 0)
        {
          g_autofree char *row = pathways_format_count (f->row);

          /* Translators: "Row 1,204: Created Date" */
          title = f->column != NULL ? g_strdup_printf (_("Row %s: %s"), row, f->column)
                                    : g_strdup_printf (_("Row %s"), row);
        }
      else
        {
          title = g_strdup (f->column != NULL ? f->column : pathways_finding_kind_get_label (f->kind));
        }
      add_row (first, title, f->message, NULL);
      n_first++;
    }
  if (n_first > 0)
    {
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (first));
    }
  else
    {
      g_object_ref_sink (first);
      g_object_unref (first);
    }

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (self->findings_box, page);
  self->findings_page = page;
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
  gtk_widget_set_visible (self->progress_box, FALSE);
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
  build_findings (self);
  update_buttons (self);
}

static void
start_import (PathwaysImportAssistant *self)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import = g_new0 (ImportData, 1);
  g_autofree char *base = g_path_get_basename (self->cases_path);

  import->cases_path = g_strdup (self->cases_path);
  import->cases_sheet = g_strdup (selected_sheet (self));
  import->services_path = g_strdup (self->services_path);
  import->mapping = pathways_import_assistant_get_mapping (self);
  import->date_order = selected_order (self);
  import->name = g_strdup (base);
  import->assistant = self;

  g_clear_pointer (&self->dataset, pathways_dataset_unref);
  clear_box (self->findings_box);
  gtk_widget_set_visible (self->progress_box, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
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
      start_scan (self);
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

void
pathways_import_assistant_back (PathwaysImportAssistant *self)
{
  guint index;

  g_return_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self));

  index = page_index (self);
  if (self->busy)
    {
      /* leaving a step that is reading: stop it */
      cancel_clicked (self);
      self->serial++;
      g_clear_handle_id (&self->progress_source, g_source_remove);
      gtk_widget_set_visible (self->progress_box, FALSE);
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

      /* the dates as read, so the saved mapping says the order that was chosen */
      for (PathwaysField f = 0; f < PATHWAYS_N_FIELDS; f++)
        {
          if (pathways_field_get_kind (f) == PATHWAYS_KIND_DATE &&
              pathways_mapping_get_column (mapping, f) != NULL)
            pathways_mapping_set_date_order (mapping, f,
                                             selected_order (self) != PATHWAYS_DATE_ORDER_AUTO
                                               ? selected_order (self)
                                               : pathways_mapping_get_date_order (self->dataset->mapping, f));
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

static GtkBox *
page_box (PathwaysImportAssistant *self,
          const char              *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_stack_add_named (self->stack, box, name);
  return GTK_BOX (box);
}

static void
build_files_page (PathwaysImportAssistant *self,
                  PathwaysDateOrder        order)
{
  GtkBox *box = page_box (self, "files");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = new_group (_("Export"), _("The case-management export to read"));
  GtkWidget *options = new_group (_("Reading"), NULL);
  g_autoptr(GtkStringList) sheets = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) orders = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);
  g_auto(GStrv) sheet_names = NULL;
  GtkWidget *row;

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? self->cases_path : self->services_path;
      g_autofree char *base = NULL;
      g_autofree char *folder = NULL;

      if (path == NULL)
        continue;
      base = g_path_get_basename (path);
      folder = g_path_get_dirname (path);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("x-office-spreadsheet-symbolic"));
      {
        GtkWidget *role = gtk_label_new (i == 0 ? _("Cases") : _("Services"));

        gtk_widget_add_css_class (role, "dim-label");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);
      }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  sheet_names = pathways_xlsx_list_sheets (self->cases_path, NULL);
  for (guint i = 0; sheet_names != NULL && sheet_names[i] != NULL; i++)
    gtk_string_list_append (sheets, sheet_names[i]);
  self->sheet_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sheet_row), _("Sheet"));
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (sheets));
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), sheet_names != NULL && sheet_names[0] != NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->sheet_row));

  gtk_string_list_append (orders, _("Worked out from the dates"));
  gtk_string_list_append (orders, _("Day first (04/05/2023 is 4 May)"));
  gtk_string_list_append (orders, _("Month first (04/05/2023 is 5 April)"));
  gtk_string_list_append (orders, _("Year first (2023-05-04)"));
  self->order_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->order_row), _("Date order"));
  adw_combo_row_set_model (self->order_row, G_LIST_MODEL (orders));
  adw_combo_row_set_use_subtitle (self->order_row, TRUE);
  pathways_import_assistant_set_date_order (self, order);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options), GTK_WIDGET (self->order_row));

  fill_presets (self, presets);
  self->preset_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preset_row), _("Columns to read"));
  adw_combo_row_set_model (self->preset_row, G_LIST_MODEL (presets));
  adw_combo_row_set_use_subtitle (self->preset_row, TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (options), GTK_WIDGET (self->preset_row));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (options));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (box, page);
}

static void
build_findings_page (PathwaysImportAssistant *self)
{
  GtkBox *box = page_box (self, "findings");
  GtkWidget *progress = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *cancel;

  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (progress, TRUE);
  gtk_widget_set_margin_start (progress, 48);
  gtk_widget_set_margin_end (progress, 48);

  self->progress_label = GTK_LABEL (gtk_label_new (_("Importing and checking the data…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_label), "title-4");
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->progress_label));

  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->progress_bar));

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "pill");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked), self);
  gtk_box_append (GTK_BOX (progress), cancel);

  gtk_widget_set_visible (progress, FALSE);
  gtk_box_append (box, progress);
  self->progress_box = progress;

  self->findings_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_vexpand (GTK_WIDGET (self->findings_box), TRUE);
  gtk_box_append (box, GTK_WIDGET (self->findings_box));
}

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

  G_OBJECT_CLASS (pathways_import_assistant_parent_class)->dispose (object);
}

static void
pathways_import_assistant_finalize (GObject *object)
{
  PathwaysImportAssistant *self = PATHWAYS_IMPORT_ASSISTANT (object);

  g_free (self->cases_path);
  g_free (self->services_path);
  g_clear_pointer (&self->preset_args, g_ptr_array_unref);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->services_header, g_strfreev);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_object (&self->base_mapping);
  g_clear_pointer (&self->dataset, pathways_dataset_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pathways_import_assistant_parent_class)->finalize (object);
}

static void
pathways_import_assistant_class_init (PathwaysImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pathways_import_assistant_dispose;
  object_class->finalize = pathways_import_assistant_finalize;
  window_class->close_request = on_close_request;
  /* Escape closes, as in any dialog */
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
pathways_import_assistant_init (PathwaysImportAssistant *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->preset_args = g_ptr_array_new_with_free_func (g_free);
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->value_rows = g_ptr_array_new_with_free_func (value_row_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Import Export"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 620);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Import Export"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);

  self->back_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Back")));
  g_signal_connect_swapped (self->back_button, "clicked",
                            G_CALLBACK (pathways_import_assistant_back), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->back_button));

  self->next_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Next")));
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  g_signal_connect_swapped (self->next_button, "clicked",
                            G_CALLBACK (pathways_import_assistant_next), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->next_button));

  gtk_box_append (GTK_BOX (content), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));

  adw_window_set_content (ADW_WINDOW (self), content);
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

  build_files_page (self, date_order);
  self->preview_box = page_box (self, "preview");
  self->columns_box = page_box (self, "columns");
  self->values_box = page_box (self, "values");
  build_findings_page (self);
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

  adw_combo_row_set_selected (self->order_row,
                              order == PATHWAYS_DATE_ORDER_DMY ? 1
                              : order == PATHWAYS_DATE_ORDER_MDY ? 2
                              : order == PATHWAYS_DATE_ORDER_YMD ? 3 : 0);
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

  if (self->name_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

gboolean
pathways_import_assistant_select_saved (PathwaysImportAssistant *self,
                                        const char              *name)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->preset_args->len; i++)
    {
      const char *arg = g_ptr_array_index (self->preset_args, i);
      g_autoptr(PathwaysMapping) mapping = NULL;

      if (arg == NULL || !g_path_is_absolute (arg))
        continue;
      mapping = pathways_mapping_new_from_file (arg, NULL);
      if (mapping != NULL && g_strcmp0 (pathways_mapping_get_name (mapping), name) == 0)
        {
          adw_combo_row_set_selected (self->preset_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

AdwComboRow *
pathways_import_assistant_get_field_row (PathwaysImportAssistant *self,
                                         PathwaysField            field)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), NULL);
  g_return_val_if_fail (field < PATHWAYS_N_FIELDS, NULL);

  return self->field_rows[field];
}

AdwEntryRow *
pathways_import_assistant_get_value_row (PathwaysImportAssistant *self,
                                         PathwaysField            field,
                                         const char              *source)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_ASSISTANT (self), NULL);

  for (guint i = 0; i < self->value_rows->len; i++)
    {
      ValueRow *row = g_ptr_array_index (self->value_rows, i);

      if (row->field == field && g_strcmp0 (row->source, source) == 0)
        return row->entry;
    }
  return NULL;
}
