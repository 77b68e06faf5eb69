/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-chart-card"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-chart-card.h"

struct _PathwaysChartCard
{
  GtkWidget          parent_instance;

  GtkLabel          *title_label;
  GtkSwitch         *table_switch;
  GtkStack          *stack;
  PathwaysChartView *view;
  GtkGrid           *grid;
  GtkLabel          *empty_label;
  gboolean           table_only;
  gboolean           grid_stale;
  PathwaysSession   *session;   /* weak */
};

G_DEFINE_FINAL_TYPE (PathwaysChartCard, pathways_chart_card, GTK_TYPE_WIDGET)

/* Empties GRID. A selectable label that has the keyboard focus or a selection is not
 * destroyed with them: GTK 4.8 then walks from the window's focus through widgets
 * already gone (a critical from gtk_widget_is_ancestor when a shown page's grids are
 * rebuilt). The focus leaves the grid first; *FOCUS_COLUMN and *FOCUS_ROW say which
 * cell had it (-1: none), for the new grid to give it back. */
static void
clear_grid (GtkGrid *grid,
            int     *focus_column,
            int     *focus_row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (grid));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  *focus_column = *focus_row = -1;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (grid)))
    {
      while (gtk_widget_get_parent (focus) != GTK_WIDGET (grid))
        focus = gtk_widget_get_parent (focus);
      gtk_grid_query_child (grid, focus, focus_column, focus_row, NULL, NULL);
      gtk_root_set_focus (root, NULL);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_selectable (GTK_LABEL (child)))
        gtk_label_select_region (GTK_LABEL (child), 0, 0);
      gtk_grid_remove (grid, child);
    }
}

static GtkWidget *
cell_label (const char *text,
            gboolean    numeric,
            gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), !header);
  gtk_label_set_wrap (GTK_LABEL (label), header);
  gtk_label_set_max_width_chars (GTK_LABEL (label), header ? 14 : 40);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (header)
    gtk_widget_add_css_class (label, "table-header");
  return label;
}

void
pathways_fill_table_grid (GtkGrid             *grid,
                          PathwaysReport      *report,
                          PathwaysReportTable *table)
{
  guint threshold;
  int focus_column, focus_row;

  g_return_if_fail (GTK_IS_GRID (grid));

  clear_grid (grid, &focus_column, &focus_row);
  if (report == NULL || table == NULL)
    return;

  threshold = report->threshold;
  for (guint c = 0; c < table->columns->len; c++)
    {
      PathwaysReportColumn *column = g_ptr_array_index (table->columns, c);

      gtk_grid_attach (grid,
                       cell_label (column->label, column->kind != PATHWAYS_CELL_LABEL, TRUE),
                       (int) c, 0, 1, 1);
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->columns->len; c++)
        {
          PathwaysCell *cell = &row->cells[c];
          g_autofree char *text = pathways_cell_format (cell, threshold);

          /* measure ids ("referral_to_contact") read as their labels */
          for (guint m = 0; cell->kind == PATHWAYS_CELL_LABEL && text != NULL && m < PATHWAYS_N_WAITS; m++)
            {
              if (g_strcmp0 (text, pathways_wait_measure_get_id (m)) == 0)
                {
                  g_free (text);
                  text = g_strdup (pathways_wait_measure_get_label (m));
                  break;
                }
            }

          gtk_grid_attach (grid, cell_label (text, cell->kind != PATHWAYS_CELL_LABEL, FALSE),
                           (int) c, (int) r + 1, 1, 1);
        }
    }

  /* the keyboard goes back to the same cell, or the nearest one left */
  if (focus_column >= 0 && focus_row >= 0 && table->rows->len > 0 && table->columns->len > 0)
    {
      GtkWidget *cell = gtk_grid_get_child_at (grid,
                                               MIN (focus_column, (int) table->columns->len - 1),
                                               CLAMP (focus_row, 1, (int) table->rows->len));

      if (cell != NULL)
        gtk_widget_grab_focus (cell);
    }
}

/* The table and its scrolled window, made when first shown or asked for: most cards
 * never show theirs, and a card is made for every chart at each open. */
static void
ensure_grid (PathwaysChartCard *self)
{
  GtkWidget *scrolled;

  if (self->grid != NULL)
    return;
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "report-table");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  /* a table wider than its card (the outcomes' 20 columns) shows its scrollbar, so it
   * never looks cut off; one that fits shows none. The scrollbar is not counted in
   * the height asked for (it appears at allocation): the grid keeps room for it below
   * its last row. */
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (scrolled), FALSE);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 16);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->grid));
  gtk_stack_add_named (self->stack, scrolled, "table");
  self->grid_stale = TRUE;
}

static void
update_grid (PathwaysChartCard *self)
{
  ensure_grid (self);
  pathways_fill_table_grid (self->grid,
                            pathways_chart_view_get_report (self->view),
                            pathways_chart_view_get_table (self->view));
  self->grid_stale = FALSE;
}

/* A trend of nothing but zeros and unknowns (a waiting list nobody was on at the end of
 * any quarter) would draw its axes and no line: the card says so instead, and its
 * table still shows the zeros. */
static gboolean
trend_is_empty (const PathwaysReportTable *table)
{
  if (table->chart.kind != PATHWAYS_CHART_TREND)
    return FALSE;
  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);

      for (guint c = 0; c < table->columns->len; c++)
        {
          const PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);
          const PathwaysCell *cell = &row->cells[c];

          if (col->kind == PATHWAYS_CELL_LABEL || !cell->defined)
            continue;
          if (cell->value != 0 || cell->suppression != PATHWAYS_SUPPRESSION_NONE)
            return FALSE;
        }
    }
  return TRUE;
}

static void
update_stack (PathwaysChartCard *self)
{
  PathwaysReportTable *table = pathways_chart_view_get_table (self->view);
  gboolean show_table = self->table_only || gtk_switch_get_active (self->table_switch);

  if (table == NULL)
    {
      gtk_label_set_label (self->empty_label, _("No figures for this selection"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (!show_table && trend_is_empty (table))
    {
      gtk_label_set_label (self->empty_label, _("Nothing to draw: every figure is zero or not known"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (show_table && self->grid_stale)
    update_grid (self);
  gtk_stack_set_visible_child_name (self->stack, show_table ? "table" : "chart");
}

static void
on_switch_active (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  update_stack (PATHWAYS_CHART_CARD (user_data));
}

static void
pathways_chart_card_dispose (GObject *object)
{
  PathwaysChartCard *self = PATHWAYS_CHART_CARD (object);
  GtkWidget *child;

  g_clear_weak_pointer (&self->session);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pathways_chart_card_parent_class)->dispose (object);
}

static void
pathways_chart_card_class_init (PathwaysChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_chart_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pathways_chart_card_init (PathwaysChartCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}

GtkWidget *
pathways_chart_card_new (const char *table_id,
                         const char *table_key,
                         int         chart_height,
                         gboolean    table_only)
{
  PathwaysChartCard *self;
  GtkWidget *header, *footer, *label, *empty;

  g_return_val_if_fail (table_id != NULL, NULL);

  self = g_object_new (PATHWAYS_TYPE_CHART_CARD, NULL);
  self->table_only = table_only;
  self->grid_stale = TRUE;

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0.0f);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "chart-title");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_hhomogeneous (self->stack, TRUE);
  /* beside a taller card (two columns) the card grows: the chart keeps its height at
   * the top and the switch stays at the bottom, in line with its neighbour's */
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->view = PATHWAYS_CHART_VIEW (pathways_chart_view_new (table_id, table_key));
  pathways_chart_view_set_show_title (self->view, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self->view), 320, chart_height);
  gtk_widget_set_valign (GTK_WIDGET (self->view), GTK_ALIGN_START);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->view), "chart");

  empty = gtk_label_new (_("No figures for this selection"));
  self->empty_label = GTK_LABEL (empty);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_size_request (empty, -1, 96);
  gtk_stack_add_named (self->stack, empty, "empty");

  footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (footer, GTK_ALIGN_END);
  label = gtk_label_new_with_mnemonic (_("Show as _table"));
  gtk_widget_add_css_class (label, "dim-label");
  self->table_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->table_switch), GTK_ALIGN_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->table_switch));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->table_switch),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (footer), label);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->table_switch));
  gtk_widget_set_parent (footer, GTK_WIDGET (self));
  gtk_widget_set_visible (footer, !table_only);
  g_signal_connect_object (self->table_switch, "notify::active",
                           G_CALLBACK (on_switch_active), self, 0);

  update_stack (self);

  return GTK_WIDGET (self);
}

int
pathways_chart_filter_field (const char *table_id,
                             const char *table_key)
{
  static const struct { const char *id; PathwaysField field; } fixed[] = {
    { "closure_reasons", PATHWAYS_FIELD_CLOSURE_REASON },
    /* a panel per service type; its click also ticks the type, which stays */
    { "service_closure_reasons", PATHWAYS_FIELD_SERVICE_CLOSURE_REASON },
    { "time_before_support", PATHWAYS_FIELD_TIME_BEFORE_SUPPORT },
    { "returners", PATHWAYS_FIELD_NEW_OR_RETURNING },
    { "cases_per_person", PATHWAYS_FIELD_AGE_BAND },
  };
  PathwaysField field;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (g_strcmp0 (table_id, fixed[i].id) == 0)
      return fixed[i].field;
  if ((g_strcmp0 (table_id, "planned_closure_rates") == 0 || g_strcmp0 (table_id, "multi_category") == 0 ||
       g_strcmp0 (table_id, "profile") == 0) &&
      table_key != NULL && pathways_field_from_name (PATHWAYS_TABLE_CASES, table_key, &field))
    return field;
  return -1;
}

void
pathways_chart_card_set_session (PathwaysChartCard *self,
                                 PathwaysSession   *session)
{
  g_return_if_fail (PATHWAYS_IS_CHART_CARD (self));
  g_return_if_fail (session == NULL || PATHWAYS_IS_SESSION (session));

  g_set_weak_pointer (&self->session, session);
}

void
pathways_chart_card_set_report (PathwaysChartCard *self,
                                PathwaysReport    *report)
{
  PathwaysReportTable *table;
  const char *title = NULL;
  const char * const *chosen = NULL;
  const char *stage[2] = { NULL, NULL };
  int field;

  g_return_if_fail (PATHWAYS_IS_CHART_CARD (self));

  /* the chart of a field the cohort is filtered by: every value, the chosen ones
   * highlighted (the session's own report only, not a compare side) */
  field = pathways_chart_filter_field (pathways_chart_view_get_table_id (self->view),
                                       pathways_chart_view_get_table_key (self->view));
  if (self->session != NULL && report != NULL && field >= 0 && report->filter != NULL &&
      report == pathways_session_get_report (self->session) &&
      pathways_filter_has_field (report->filter, field))
    {
      chosen = pathways_filter_get_values (report->filter, field);
      report = pathways_session_get_report_without (self->session, field);
    }
  else if (self->session != NULL && report != NULL && report->filter != NULL &&
           report == pathways_session_get_report (self->session) &&
           g_strcmp0 (pathways_chart_view_get_table_id (self->view), "funnel") == 0 &&
           pathways_filter_get_stage (report->filter) != NULL)
    {
      /* the funnel of a stage clicked: every stage, the chosen one highlighted */
      stage[0] = pathways_filter_get_stage (report->filter);
      chosen = stage;
      report = pathways_session_get_report_without_stage (self->session);
    }
  pathways_chart_view_set_highlight (self->view, chosen);
  pathways_chart_view_set_report (self->view, report);
  table = pathways_chart_view_get_table (self->view);
  /* a card of the table alone is titled by the table, a chart's by its chart */
  if (table != NULL)
    title = table->chart.title != NULL && !self->table_only ? table->chart.title : table->title;
  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                  -1);

  self->grid_stale = TRUE;
  update_stack (self);
}

PathwaysChartView *
pathways_chart_card_get_view (PathwaysChartCard *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_CARD (self), NULL);

  return self->view;
}

GtkLabel *
pathways_chart_card_get_title_label (PathwaysChartCard *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_CARD (self), NULL);

  return self->title_label;
}

void
pathways_chart_card_set_show_table (PathwaysChartCard *self,
                                    gboolean           show_table)
{
  g_return_if_fail (PATHWAYS_IS_CHART_CARD (self));

  gtk_switch_set_active (self->table_switch, show_table);
}

gboolean
pathways_chart_card_get_show_table (PathwaysChartCard *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_CARD (self), FALSE);

  return self->table_only || gtk_switch_get_active (self->table_switch);
}

GtkGrid *
pathways_chart_card_get_grid (PathwaysChartCard *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CHART_CARD (self), NULL);

  if (self->grid == NULL || self->grid_stale)
    update_grid (self);
  return self->grid;
}
