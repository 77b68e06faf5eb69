/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-filter-sidebar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pathways-background.h"
#include "pathways-filter-sidebar.h"

struct _PathwaysFilterSidebar
{
  GtkWidget        parent_instance;

  GtkLabel        *summary_label;
  GtkButton       *clear_button;
  GtkBox          *fields_box;
  GtkListBox      *list;
  GListStore      *items;
  /* one Section per field shown, in order */
  GPtrArray       *rows;
  PathwaysDataset *dataset;
  guint            freeze;
  gboolean         changed_while_frozen;

  /* Per field: the filter in force, less that field, its counts were made for (NULL:
   * none yet). The counts of a field depend on nothing else, so a field whose entry
   * equals the filter now in force (less that field) is not counted again. */
  PathwaysFilter  *counted_for[PATHWAYS_N_FIELDS];
  /* the background count of a large dataset in progress */
  GCancellable    *count_cancellable;
  guint            count_serial;
  /* counts made elsewhere (a worker thread) for a dataset about to be set */
  PathwaysDataset *preset_dataset;
  GPtrArray       *preset_counts;
};

/* Datasets of this many cases or more are counted in a worker thread after a change,
 * so a click redraws the charts without waiting for the counts (about 3 ms a field
 * per million cases); smaller ones are counted at once. */
#define ASYNC_COUNT_CASES 200000

G_DEFINE_FINAL_TYPE (PathwaysFilterSidebar, pathways_filter_sidebar, GTK_TYPE_WIDGET)

/* The section of one field: its expander and the items of its values, whose rows are
 * made when the section is first expanded. */
typedef struct {
  GtkWidget     *expander;
  PathwaysField  field;
  GPtrArray     *items;    /* PathwaysFilterItem* */
  gboolean       filled;   /* the value rows are made */
} Section;

static void
section_free (gpointer data)
{
  Section *section = data;

  g_clear_pointer (&section->items, g_ptr_array_unref);
  g_free (section);
}

static Section *
section_at (PathwaysFilterSidebar *self,
            guint                  index)
{
  return g_ptr_array_index (self->rows, index);
}

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const PathwaysField sidebar_fields[] = {
  PATHWAYS_FIELD_REFERRAL_SOURCE,
  PATHWAYS_FIELD_PRIMARY_INCIDENT,
  PATHWAYS_FIELD_NEW_OR_RETURNING,
  PATHWAYS_FIELD_AGE_BAND,
  PATHWAYS_FIELD_GENDER,
  PATHWAYS_FIELD_SERVICE_TYPE,
  PATHWAYS_FIELD_CLIENT_ROLE,
  PATHWAYS_FIELD_ETHNICITY,
  PATHWAYS_FIELD_DISABILITY,
  PATHWAYS_FIELD_TIME_BEFORE_SUPPORT,
};

const PathwaysField *
pathways_filter_sidebar_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = G_N_ELEMENTS (sidebar_fields);
  return sidebar_fields;
}

static void
clear_counted (PathwaysFilterSidebar *self)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_clear_pointer (&self->counted_for[f], pathways_filter_free);
}

static void
cancel_count (PathwaysFilterSidebar *self)
{
  self->count_serial++;
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
}

static void
counts_free (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

/* The counts of the sidebar fields set in ONLY (NULL: all), indexed by field. */
static GPtrArray *
count_fields (PathwaysDataset      *dataset,
              const PathwaysFilter *filter,
              const gboolean       *only,
              GCancellable         *cancellable)
{
  GPtrArray *counts = g_ptr_array_new_full (PATHWAYS_N_FIELDS, counts_free);

  g_ptr_array_set_size (counts, PATHWAYS_N_FIELDS);
  for (guint f = 0; f < G_N_ELEMENTS (sidebar_fields); f++)
    {
      PathwaysField field = sidebar_fields[f];

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (only != NULL && !only[field])
        continue;
      if (pathways_field_get_table (field) == PATHWAYS_TABLE_SERVICES && !dataset->has_services)
        continue;
      g_ptr_array_index (counts, field) = pathways_filter_count_values (filter, dataset, field);
    }
  return counts;
}

GPtrArray *
pathways_filter_sidebar_count (PathwaysDataset      *dataset,
                               const PathwaysFilter *filter,
                               GCancellable         *cancellable)
{
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  return count_fields (dataset, filter, NULL, cancellable);
}

/* FILTER less FIELD: what the counts of FIELD depend on. */
static PathwaysFilter *
filter_without (const PathwaysFilter *filter,
                PathwaysField         field)
{
  PathwaysFilter *without = pathways_filter_copy (filter);

  pathways_filter_clear_field (without, field);
  return without;
}

static gboolean
counts_current (PathwaysFilterSidebar *self,
                const PathwaysFilter  *filter,
                PathwaysField          field)
{
  g_autoptr(PathwaysFilter) without = NULL;

  if (self->counted_for[field] == NULL)
    return FALSE;
  without = filter_without (filter, field);
  return pathways_filter_equal (self->counted_for[field], without);
}

/* Puts COUNTS (of FIELD's codes) on FIELD's items; FILTER is what they were made for. */
static void
set_field_counts (PathwaysFilterSidebar *self,
                  PathwaysField          field,
                  GArray                *counts,
                  const PathwaysFilter  *filter)
{
  GListModel *model = G_LIST_MODEL (self->items);

  for (guint i = 0; counts != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, i);
      guint code = pathways_filter_item_get_code (item);

      if (pathways_filter_item_get_field (item) == field && code < counts->len)
        pathways_filter_item_set_count (item, g_array_index (counts, guint, code));
    }
  g_clear_pointer (&self->counted_for[field], pathways_filter_free);
  self->counted_for[field] = filter_without (filter, field);
}

typedef struct {
  PathwaysDataset       *dataset;
  PathwaysFilter        *filter;
  gboolean               stale[PATHWAYS_N_FIELDS];
  guint                  serial;
} CountData;

static void
count_data_free (gpointer data)
{
  CountData *count = data;

  pathways_dataset_unref (count->dataset);
  pathways_filter_free (count->filter);
  g_free (count);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountData *count = task_data;
  gint64 start = g_get_monotonic_time ();
  GPtrArray *counts;

  pathways_background_thread_enter ();
  counts = count_fields (count->dataset, count->filter, count->stale, cancellable);

  g_debug ("Sidebar counted in the background in %.1f ms",
           (g_get_monotonic_time () - start) / 1000.0);
  g_task_return_pointer (task, counts, (GDestroyNotify) g_ptr_array_unref);
}

static void
count_done (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CountData *count = g_task_get_task_data (G_TASK (result));
  /* the task holds no widget: its last reference may go in the pool thread, and a
   * widget must be disposed in the main thread, here */
  g_autoptr(PathwaysFilterSidebar) self = user_data;
  g_autoptr(GPtrArray) counts = g_task_propagate_pointer (G_TASK (result), NULL);

  if (counts == NULL || count->serial != self->count_serial || count->dataset != self->dataset ||
      self->rows == NULL)
    return;
  for (guint r = 0; r < self->rows->len; r++)
    {
      PathwaysField field = section_at (self, r)->field;

      if (count->stale[field])
        set_field_counts (self, field, g_ptr_array_index (counts, field), count->filter);
    }
  g_clear_object (&self->count_cancellable);
}

static void
on_item_active (PathwaysFilterItem *item,
                GParamSpec         *pspec,
                gpointer            user_data)
{
  PathwaysFilterSidebar *self = user_data;

  if (self->freeze > 0)
    {
      self->changed_while_frozen = TRUE;
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_clicked (GtkButton *button,
               gpointer   user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "win.clear-filters", NULL);
}

static void
pathways_filter_sidebar_dispose (GObject *object)
{
  PathwaysFilterSidebar *self = PATHWAYS_FILTER_SIDEBAR (object);
  GtkWidget *child;

  if (self->items != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
        {
          g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

          g_signal_handlers_disconnect_by_data (item, self);
        }
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  cancel_count (self);
  clear_counted (self);
  g_clear_object (&self->items);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dataset, pathways_dataset_unref);
  g_clear_pointer (&self->preset_dataset, pathways_dataset_unref);
  g_clear_pointer (&self->preset_counts, g_ptr_array_unref);

  G_OBJECT_CLASS (pathways_filter_sidebar_parent_class)->dispose (object);
}

static void
pathways_filter_sidebar_class_init (PathwaysFilterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_filter_sidebar_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filtersidebar");
}

static void
pathways_filter_sidebar_init (PathwaysFilterSidebar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *heading_box, *heading, *scrolled;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->items = g_list_store_new (PATHWAYS_TYPE_FILTER_ITEM);
  self->rows = g_ptr_array_new_with_free_func (section_free);

  heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (heading_box, "filter-heading");
  heading = gtk_label_new (_("Filters"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (heading_box), heading);
  self->clear_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("C_lear")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->clear_button), _("Take the filters away (the period stays)"));
  gtk_widget_add_css_class (GTK_WIDGET (self->clear_button), "flat");
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (clear_clicked), self);
  gtk_box_append (GTK_BOX (heading_box), GTK_WIDGET (self->clear_button));
  gtk_widget_set_parent (heading_box, GTK_WIDGET (self));

  self->summary_label = GTK_LABEL (gtk_label_new (_("All cases")));
  gtk_label_set_xalign (self->summary_label, 0.0f);
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "filter-summary");
  gtk_widget_set_parent (GTK_WIDGET (self->summary_label), GTK_WIDGET (self));

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->fields_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_add_css_class (GTK_WIDGET (self->fields_box), "filter-fields");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->fields_box));
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filters"), -1);
  gtk_box_append (self->fields_box, GTK_WIDGET (self->list));
}

GtkWidget *
pathways_filter_sidebar_new (void)
{
  return g_object_new (PATHWAYS_TYPE_FILTER_SIDEBAR, NULL);
}

typedef struct {
  guint code;
  guint count;
} CodeCount;

static int
cmp_code_count (gconstpointer a,
                gconstpointer b)
{
  const CodeCount *x = a, *y = b;

  /* "Not recorded" last, then by count, most first */
  if ((x->code == PATHWAYS_CODE_NOT_RECORDED) != (y->code == PATHWAYS_CODE_NOT_RECORDED))
    return x->code == PATHWAYS_CODE_NOT_RECORDED ? 1 : -1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->code < y->code ? -1 : (x->code > y->code);
}

static GtkWidget *
value_row (PathwaysFilterSidebar *self,
           PathwaysFilterItem    *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *count = gtk_label_new (NULL);
  const char *value = pathways_filter_item_get_value (item);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "filter-value");
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_bind_property (item, "active", check, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "dim-label");
  g_object_bind_property (item, "count-text", count, "label", G_BINDING_SYNC_CREATE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);

  return row;
}

/* Builds the value rows of SECTION (once); returns how many. */
static guint
fill_section (PathwaysFilterSidebar *self,
              Section               *section)
{
  if (section->filled)
    return 0;
  section->filled = TRUE;
  for (guint i = 0; i < section->items->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (section->expander),
                              value_row (self, g_ptr_array_index (section->items, i)));
  return section->items->len;
}

static void
on_section_expanded (AdwExpanderRow *expander,
                     GParamSpec     *pspec,
                     gpointer        user_data)
{
  PathwaysFilterSidebar *self = user_data;

  if (!adw_expander_row_get_expanded (expander))
    return;
  g_signal_handlers_disconnect_by_func (expander, on_section_expanded, self);
  for (guint r = 0; r < self->rows->len; r++)
    if (section_at (self, r)->expander == GTK_WIDGET (expander))
      fill_section (self, section_at (self, r));
}

void
pathways_filter_sidebar_preset_counts (PathwaysFilterSidebar *self,
                                       PathwaysDataset       *dataset,
                                       GPtrArray             *counts)
{
  g_return_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self));
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (counts != NULL && counts->len == PATHWAYS_N_FIELDS);

  g_clear_pointer (&self->preset_dataset, pathways_dataset_unref);
  g_clear_pointer (&self->preset_counts, g_ptr_array_unref);
  self->preset_dataset = pathways_dataset_ref (dataset);
  self->preset_counts = g_ptr_array_ref (counts);
}

void
pathways_filter_sidebar_set_dataset (PathwaysFilterSidebar *self,
                                     PathwaysDataset       *dataset)
{
  g_autoptr(PathwaysFilter) empty = NULL;
  g_autoptr(GPtrArray) all_counts = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n_built = 0;

  g_return_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self));

  cancel_count (self);
  clear_counted (self);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      g_signal_handlers_disconnect_by_data (item, self);
    }
  g_list_store_remove_all (self->items);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *expander = section_at (self, i)->expander;

      g_signal_handlers_disconnect_by_data (expander, self);
      gtk_list_box_remove (self->list, expander);
    }
  g_ptr_array_set_size (self->rows, 0);

  if (dataset != NULL)
    pathways_dataset_ref (dataset);
  g_clear_pointer (&self->dataset, pathways_dataset_unref);
  self->dataset = dataset;
  if (dataset != NULL && dataset == self->preset_dataset)
    all_counts = g_steal_pointer (&self->preset_counts);
  g_clear_pointer (&self->preset_dataset, pathways_dataset_unref);
  g_clear_pointer (&self->preset_counts, g_ptr_array_unref);
  if (dataset == NULL)
    return;

  empty = pathways_filter_new ();
  if (all_counts == NULL)
    all_counts = pathways_filter_sidebar_count (dataset, empty, NULL);

  for (guint f = 0; f < G_N_ELEMENTS (sidebar_fields); f++)
    {
      PathwaysField field = sidebar_fields[f];
      PathwaysColumn *column = dataset->columns[field];
      GArray *counts = g_ptr_array_index (all_counts, field);
      g_autoptr(GArray) order = NULL;
      Section *section;
      GtkWidget *expander;
      guint n_values;

      if (column == NULL || column->kind != PATHWAYS_KIND_CATEGORY || column->dict == NULL)
        continue;
      if (pathways_field_get_table (field) == PATHWAYS_TABLE_SERVICES && !dataset->has_services)
        continue;

      n_values = pathways_dictionary_get_size (column->dict);
      if (counts == NULL || n_values < 2)
        continue;

      order = g_array_sized_new (FALSE, FALSE, sizeof (CodeCount), n_values);
      for (guint code = 0; code < n_values && code < counts->len; code++)
        {
          CodeCount cc = { code, g_array_index (counts, guint, code) };

          /* a value nobody has (an unused "Not recorded") is no use as a filter */
          if (cc.count == 0)
            continue;
          g_array_append_val (order, cc);
        }
      if (order->len < 2)
        continue;
      g_array_sort (order, cmp_code_count);

      expander = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     _(pathways_field_get_label (field)));
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), self->rows->len < 2);

      section = g_new0 (Section, 1);
      section->expander = expander;
      section->field = field;
      section->items = g_ptr_array_new_full (order->len, g_object_unref);
      for (guint i = 0; i < order->len; i++)
        {
          CodeCount *cc = &g_array_index (order, CodeCount, i);
          const char *value = pathways_dictionary_get (column->dict, cc->code);
          PathwaysFilterItem *item = pathways_filter_item_new (field, value, cc->code);

          pathways_filter_item_set_count (item, cc->count);
          g_signal_connect (item, "notify::active", G_CALLBACK (on_item_active), self);
          g_list_store_append (self->items, item);
          g_ptr_array_add (section->items, item);
        }
      /* The value rows of a collapsed section are built when it is first expanded:
       * they are most of the widgets of the sidebar, and of the hand-over's time. */
      g_ptr_array_add (self->rows, section);
      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
        n_built += fill_section (self, section);
      else
        g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_section_expanded), self);

      gtk_list_box_append (self->list, expander);
      self->counted_for[field] = pathways_filter_new ();
    }

  g_debug ("Sidebar built in %.1f ms (%u of %u value rows)",
           (g_get_monotonic_time () - start) / 1000.0, n_built,
           g_list_model_get_n_items (G_LIST_MODEL (self->items)));
}

GListModel *
pathways_filter_sidebar_get_model (PathwaysFilterSidebar *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->items);
}

PathwaysFilterItem *
pathways_filter_sidebar_find_item (PathwaysFilterSidebar *self,
                                   PathwaysField          field,
                                   const char            *value)
{
  GListModel *model;

  g_return_val_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  model = G_LIST_MODEL (self->items);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, i);

      if (pathways_filter_item_get_field (item) == field &&
          g_strcmp0 (pathways_filter_item_get_value (item), value) == 0)
        return item;
    }
  return NULL;
}

void
pathways_filter_sidebar_apply (PathwaysFilterSidebar *self,
                               PathwaysFilter        *filter)
{
  GListModel *model;

  g_return_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self));
  g_return_if_fail (filter != NULL);

  for (guint f = 0; f < G_N_ELEMENTS (sidebar_fields); f++)
    pathways_filter_clear_field (filter, sidebar_fields[f]);

  model = G_LIST_MODEL (self->items);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, i);

      if (pathways_filter_item_get_active (item))
        pathways_filter_add_value (filter, pathways_filter_item_get_field (item),
                                   pathways_filter_item_get_value (item));
    }
}

void
pathways_filter_sidebar_set_from_filter (PathwaysFilterSidebar *self,
                                         const PathwaysFilter  *filter)
{
  GListModel *model;

  g_return_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self));
  g_return_if_fail (filter != NULL);

  self->freeze++;
  model = G_LIST_MODEL (self->items);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, i);
      const char * const *values = pathways_filter_get_values (filter,
                                                               pathways_filter_item_get_field (item));

      pathways_filter_item_set_active (item,
                                       values != NULL &&
                                       g_strv_contains (values, pathways_filter_item_get_value (item)));
    }
  self->freeze--;
  self->changed_while_frozen = FALSE;
}

void
pathways_filter_sidebar_update (PathwaysFilterSidebar *self,
                                const PathwaysFilter  *filter)
{
  g_autofree char *summary = NULL;
  GListModel *model;
  gint64 start = g_get_monotonic_time ();
  gboolean stale[PATHWAYS_N_FIELDS] = { FALSE };
  guint n_stale = 0;

  g_return_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self));
  g_return_if_fail (filter != NULL);

  if (self->dataset == NULL)
    return;

  model = G_LIST_MODEL (self->items);
  for (guint r = 0; r < self->rows->len; r++)
    {
      GtkWidget *expander = section_at (self, r)->expander;
      PathwaysField field = section_at (self, r)->field;
      g_autoptr(GString) ticked = g_string_new (NULL);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, i);

          if (pathways_filter_item_get_field (item) != field ||
              !pathways_filter_item_get_active (item))
            continue;
          if (ticked->len > 0)
            g_string_append (ticked, ", ");
          g_string_append (ticked, pathways_filter_item_get_value (item));
        }
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), ticked->str);
      stale[field] = !counts_current (self, filter, field);
      n_stale += stale[field];
    }

  summary = pathways_filter_describe (filter);
  gtk_label_set_label (self->summary_label,
                       summary != NULL && summary[0] != '\0' ? summary : _("All cases"));
  /* Clear leaves the period, chosen above the pages */
  {
    g_autoptr(PathwaysFilter) without_period = pathways_filter_copy (filter);

    pathways_filter_set_range (without_period, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
    gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), !pathways_filter_is_empty (without_period));
  }

  /* the counts of a field do not change with its own ticks */
  cancel_count (self);
  if (n_stale > 0 && self->dataset->n_cases >= ASYNC_COUNT_CASES)
    {
      g_autoptr(GTask) task = NULL;
      CountData *count = g_new0 (CountData, 1);

      memcpy (count->stale, stale, sizeof stale);
      count->dataset = pathways_dataset_ref (self->dataset);
      count->filter = pathways_filter_copy (filter);
      count->serial = self->count_serial;
      self->count_cancellable = g_cancellable_new ();
      task = g_task_new (NULL, self->count_cancellable, count_done, g_object_ref (self));
      g_task_set_source_tag (task, pathways_filter_sidebar_update);
      g_task_set_task_data (task, count, count_data_free);
      g_task_run_in_thread (task, count_thread);
    }
  else if (n_stale > 0)
    {
      for (guint r = 0; r < self->rows->len; r++)
        {
          PathwaysField field = section_at (self, r)->field;
          g_autoptr(GArray) counts = NULL;

          if (!stale[field])
            continue;
          counts = pathways_filter_count_values (filter, self->dataset, field);
          set_field_counts (self, field, counts, filter);
        }
    }

  g_debug ("Sidebar counts updated in %.1f ms (%u of %u fields %s)",
           (g_get_monotonic_time () - start) / 1000.0, n_stale, self->rows->len,
           self->dataset->n_cases >= ASYNC_COUNT_CASES ? "counted in the background" : "counted");
}

void
pathways_filter_sidebar_clear (PathwaysFilterSidebar *self)
{
  GListModel *model;
  gboolean changed;

  g_return_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self));

  self->freeze++;
  self->changed_while_frozen = FALSE;
  model = G_LIST_MODEL (self->items);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PathwaysFilterItem) item = g_list_model_get_item (model, i);

      pathways_filter_item_set_active (item, FALSE);
    }
  self->freeze--;
  changed = self->changed_while_frozen;
  self->changed_while_frozen = FALSE;
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

GtkLabel *
pathways_filter_sidebar_get_summary_label (PathwaysFilterSidebar *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self), NULL);

  return self->summary_label;
}

gboolean
pathways_filter_sidebar_focus_first (PathwaysFilterSidebar *self)
{
  g_return_val_if_fail (PATHWAYS_IS_FILTER_SIDEBAR (self), FALSE);

  if (self->rows->len > 0)
    return gtk_widget_grab_focus (section_at (self, 0)->expander);
  return gtk_widget_grab_focus (GTK_WIDGET (self->clear_button));
}
