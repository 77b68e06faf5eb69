/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-dataset-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-dataset-page.h"
#include "pathways-import-assistant.h"

struct _PathwaysDatasetPage
{
  GtkBox        parent_instance;

  GtkLabel     *cases_label;
  GtkLabel     *services_label;
  GtkLabel     *open_label;
  GtkLabel     *closed_label;
  GtkLabel     *referrals_label;
  GtkLabel     *snapshot_label;
  AdwActionRow *snapshot_row;
  GtkListBox   *findings_list;
  /* the finding kind of each row of findings_list, by row index */
  GPtrArray    *row_kinds;
};

G_DEFINE_FINAL_TYPE (PathwaysDatasetPage, pathways_dataset_page, GTK_TYPE_BOX)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finding_activated (GtkListBox          *list,
                   GtkListBoxRow       *row,
                   PathwaysDatasetPage *self)
{
  int index = gtk_list_box_row_get_index (row);
  const char *kind = index >= 0 && (guint) index < self->row_kinds->len
                     ? g_ptr_array_index (self->row_kinds, index) : NULL;

  if (kind != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, kind);
}

static void
pathways_dataset_page_dispose (GObject *object)
{
  PathwaysDatasetPage *self = PATHWAYS_DATASET_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_DATASET_PAGE);
  g_clear_pointer (&self->row_kinds, g_ptr_array_unref);

  G_OBJECT_CLASS (pathways_dataset_page_parent_class)->dispose (object);
}

static void
pathways_dataset_page_class_init (PathwaysDatasetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_dataset_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-dataset-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysDatasetPage, cases_label);
  gtk_widget_class_bind_template_child (widget_class, PathwaysDatasetPage, services_label);
  gtk_widget_class_bind_template_child (widget_class, PathwaysDatasetPage, open_label);
  gtk_widget_class_bind_template_child (widget_class, PathwaysDatasetPage, closed_label);
  gtk_widget_class_bind_template_child (widget_class, PathwaysDatasetPage, referrals_label);
  gtk_widget_class_bind_template_child (widget_class, PathwaysDatasetPage, snapshot_label);
  gtk_widget_class_bind_template_child (widget_class, PathwaysDatasetPage, snapshot_row);
  gtk_widget_class_bind_template_child (widget_class, PathwaysDatasetPage, findings_list);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated);

  /* A finding of KIND was chosen: its rows are to be shown. */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pathways_dataset_page_init (PathwaysDatasetPage *self)
{
  self->row_kinds = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = pathways_format_count (count);

  gtk_label_set_label (label, text);
}

static void
show_dates (PathwaysDatasetPage *self,
            PathwaysDataset     *dataset,
            gint32               first,
            gint32               last)
{
  g_autofree char *first_text = pathways_format_day_long (first);
  g_autofree char *last_text = pathways_format_day_long (last);
  g_autofree char *snapshot_text = NULL;

  if (first_text != NULL && last_text != NULL)
    {
      /* Translators: a range of referral dates, "1 April 2021 to 31 March 2024" */
      g_autofree char *range = g_strdup_printf (_("%s to %s"), first_text, last_text);

      gtk_label_set_label (self->referrals_label, range);
    }
  else
    {
      gtk_label_set_label (self->referrals_label, _("No referral dates"));
    }

  snapshot_text = pathways_format_day_long (dataset->snapshot_day);
  gtk_label_set_label (self->snapshot_label,
                       snapshot_text != NULL ? snapshot_text : _("Not set"));
  adw_action_row_set_subtitle (self->snapshot_row,
                               dataset->snapshot_from_data
                                 ? _("The latest date found in the data")
                                 : _("Chosen on import"));
}

static void
show_findings (PathwaysDatasetPage *self,
               PathwaysDataset     *dataset)
{
  GtkWidget *child;
  guint n_rows = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
  g_ptr_array_set_size (self->row_kinds, 0);

  for (guint i = 0; dataset->finding_summary != NULL && i < dataset->finding_summary->len; i++)
    {
      const PathwaysFindingSummary *summary = g_ptr_array_index (dataset->finding_summary, i);
      g_autofree char *count = NULL;
      GtkWidget *row;

      if (summary->count == 0)
        continue;

      count = pathways_format_count (summary->count);
      row = pathways_count_row_new (pathways_finding_kind_get_label (summary->kind),
                                    pathways_severity_get_label (summary->severity), count);
      /* a finding opens its rows */
      g_ptr_array_add (self->row_kinds, g_strdup (summary->kind));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, _("Show the rows to fix"));
      gtk_list_box_append (self->findings_list, row);
      n_rows++;
    }

  if (n_rows == 0)
    gtk_list_box_append (self->findings_list,
                         pathways_count_row_new (_("No problems found"), NULL, NULL));
}

void
pathways_dataset_page_set_analysis (PathwaysDatasetPage *self,
                                    PathwaysAnalysis    *analysis)
{
  PathwaysDataset *dataset;
  gint32 first = PATHWAYS_DAY_NONE;
  gint32 last = PATHWAYS_DAY_NONE;
  guint n_closed = 0;

  g_return_if_fail (PATHWAYS_IS_DATASET_PAGE (self));
  g_return_if_fail (PATHWAYS_IS_ANALYSIS (analysis));

  dataset = pathways_analysis_get_dataset (analysis);
  pathways_analysis_get_totals (analysis, &n_closed, NULL, &first, &last);

  set_count (self->cases_label, dataset->n_cases);
  if (dataset->has_services)
    set_count (self->services_label, dataset->n_services);
  else
    gtk_label_set_label (self->services_label, _("Not imported"));
  set_count (self->open_label, dataset->n_cases - n_closed);
  set_count (self->closed_label, n_closed);
  show_dates (self, dataset, first, last);
  show_findings (self, dataset);
}
