/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-activity"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-activity-page.h"
#include "pathways-return-dialog.h"
#include "pathways-targets-dialog.h"
#include "pathways-window-private.h"

struct _PathwaysActivityPage
{
  GtkBox               parent_instance;

  AdwPreferencesGroup *targets_group;
  GtkGrid             *targets_grid;
  GtkLabel            *empty_label;
  /* the texts shown, row by row, four columns each */
  GPtrArray           *texts;
};

G_DEFINE_FINAL_TYPE (PathwaysActivityPage, pathways_activity_page, GTK_TYPE_BOX)

/* "72 of 100 met: 72 % (63.0–79.0)" over "2023-24 Q1"; "–" when the period does not
 * exist (a year before the first data). */
static char *
count_text (PathwaysReport      *report,
            PathwaysReportTable *t,
            PathwaysReportRow   *row,
            const char          *prefix)
{
  static const char * const ids[] = { "period", "numerator", "base", "pct", "ci_low", "ci_high" };
  /* g_autofree on an array frees only its first element: freed by hand below */
  char *text[G_N_ELEMENTS (ids)] = { NULL, };
  char *result = NULL;
  guint threshold = report->threshold > 0 ? report->threshold : 5;

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      g_autofree char *id = g_strconcat (prefix, ids[k], NULL);
      int c = pathways_report_table_find_column (t, id);

      if (c < 0)
        result = g_strdup ("–");
      else if (k > 0 && !row->cells[c].defined && row->cells[c].suppression == PATHWAYS_SUPPRESSION_NONE)
        result = g_strdup (_("No such period in the data"));
      else
        text[k] = pathways_cell_format (&row->cells[c], threshold);
      if (result != NULL)
        break;
    }
  /* Translators: a target's figure: "72 of 100: 72 % (95 % interval 63.0–79.0)",
   * then the period on its own line */
  if (result == NULL)
    result = g_strdup_printf (_("%s of %s: %s (95 %% interval %s–%s)\n%s"), text[1], text[2], text[3],
                              text[4], text[5], text[0]);
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    g_free (text[k]);
  return result;
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
clear_grid (PathwaysActivityPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->targets_grid))) != NULL)
    gtk_grid_remove (self->targets_grid, child);
  g_ptr_array_set_size (self->texts, 0);
}

void
pathways_activity_page_set_report (PathwaysActivityPage *self,
                                   PathwaysReport       *report)
{
  const char *headings[4] = { _("Target"), _("This period"), _("Period before"), _("A year before") };
  static const char * const prefixes[3] = { "", "previous_", "year_before_" };
  PathwaysReportTable *t;

  g_return_if_fail (PATHWAYS_IS_ACTIVITY_PAGE (self));

  clear_grid (self);
  t = report != NULL ? pathways_report_get_table (report, "targets", NULL) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->targets_grid), t != NULL && t->rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), t == NULL || t->rows->len == 0);
  if (t == NULL)
    return;
  for (guint c = 0; c < 4; c++)
    gtk_grid_attach (self->targets_grid, cell_label (headings[c], TRUE), c, 0, 1, 1);
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      g_ptr_array_add (self->texts, g_strdup (row->cells[0].text != NULL ? row->cells[0].text : row->id));
      for (guint s = 0; s < 3; s++)
        g_ptr_array_add (self->texts, count_text (report, t, row, prefixes[s]));
      for (guint c = 0; c < 4; c++)
        {
          GtkWidget *label = cell_label (g_ptr_array_index (self->texts, r * 4 + c), FALSE);
          gtk_widget_set_hexpand (label, TRUE);
          gtk_grid_attach (self->targets_grid, label, c, r + 1, 1, 1);
        }
    }
}

guint
pathways_activity_page_get_n_targets (PathwaysActivityPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_ACTIVITY_PAGE (self), 0);

  return self->texts->len / 4;
}

const char *
pathways_activity_page_get_text (PathwaysActivityPage *self,
                                 guint                 row,
                                 guint                 column)
{
  g_return_val_if_fail (PATHWAYS_IS_ACTIVITY_PAGE (self), NULL);

  if (column >= 4 || row * 4 + column >= self->texts->len)
    return NULL;
  return g_ptr_array_index (self->texts, row * 4 + column);
}

static void
pathways_activity_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_ACTIVITY_PAGE);
  G_OBJECT_CLASS (pathways_activity_page_parent_class)->dispose (object);
}

static void
pathways_activity_page_finalize (GObject *object)
{
  PathwaysActivityPage *self = PATHWAYS_ACTIVITY_PAGE (object);

  g_ptr_array_unref (self->texts);
  G_OBJECT_CLASS (pathways_activity_page_parent_class)->finalize (object);
}

static void
pathways_activity_page_class_init (PathwaysActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_activity_page_dispose;
  object_class->finalize = pathways_activity_page_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysActivityPage, targets_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysActivityPage, targets_grid);
  gtk_widget_class_bind_template_child (widget_class, PathwaysActivityPage, empty_label);
}

static void
pathways_activity_page_init (PathwaysActivityPage *self)
{
  self->texts = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- the window's side ---- */

void
_pathways_window_activity_fill_options (PathwaysWindow          *self,
                                        PathwaysMeasuresOptions *options)
{
  const PathwaysExportOptions *saved = pathways_session_get_export_options (self->session);

  options->activity = TRUE;
  options->n_targets = 0;
  for (guint k = 0; saved != NULL && k < saved->n_targets && k < PATHWAYS_MAX_TARGETS; k++)
    options->targets[options->n_targets++] = saved->targets[k];
}

void
_pathways_window_activity_update (PathwaysWindow *self)
{
  pathways_activity_page_set_report (self->activity_view, pathways_session_get_report (self->session));
}

/* The editor's targets become the report options' (kept with the workspace when one
 * is open) and the report is made again with them. */
static void
on_targets_changed (PathwaysTargetsDialog *dialog,
                    gpointer               user_data)
{
  PathwaysWindow *self = user_data;
  const PathwaysExportOptions *saved = pathways_session_get_export_options (self->session);
  g_autoptr(PathwaysExportOptions) options = saved != NULL ? pathways_export_options_copy (saved)
                                                           : pathways_export_options_new ();
  const char *workspace = pathways_session_get_workspace_path (self->session);
  g_autoptr(GError) error = NULL;

  if (saved == NULL)
    pathways_disclosure_policy_to_options (pathways_session_get_policy (self->session), options);
  options->n_targets = pathways_targets_dialog_get_targets (dialog, options->targets);
  pathways_session_set_export_options (self->session, options);
  if (workspace != NULL && !pathways_export_options_save (options, workspace, &error))
    _pathways_window_show_toast (self, error->message);
  _pathways_window_rebuild_report (self);
}

static void
edit_targets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  const PathwaysExportOptions *saved = pathways_session_get_export_options (self->session);
  PathwaysTargetsDialog *dialog;

  dialog = pathways_targets_dialog_new (GTK_WINDOW (self), saved != NULL ? saved->targets : NULL,
                                        saved != NULL ? saved->n_targets : 0);
  g_signal_connect (dialog, "changed", G_CALLBACK (on_targets_changed), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
funder_return_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);
  PathwaysReturnDialog *dialog;

  if (pathways_session_get_dataset (self->session) == NULL)
    return;
  dialog = pathways_return_dialog_new (GTK_WINDOW (self), self->session, self->toast_overlay);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_pathways_window_activity_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PATHWAYS_TYPE_ACTIVITY_PAGE);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, activity_page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysWindow, activity_view);
  gtk_widget_class_install_action (widget_class, "win.edit-targets", NULL, edit_targets_action);
  gtk_widget_class_install_action (widget_class, "win.funder-return", NULL, funder_return_action);
}
