/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-findings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-import-assistant.h"
#include "pathways-import-findings-page.h"
#include "pathways-outcomes.h"

#define N_FIRST_FINDINGS 20

struct _PathwaysImportFindingsPage
{
  GtkBox               parent_instance;

  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  GtkWidget           *page;
  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *kinds_group;
  AdwPreferencesGroup *first_group;

  GPtrArray           *rows[3];      /* GtkWidget* per group, borrowed */
};

G_DEFINE_FINAL_TYPE (PathwaysImportFindingsPage, pathways_import_findings_page, GTK_TYPE_BOX)

enum { SIGNAL_CANCEL, N_SIGNALS };
static guint signals[N_SIGNALS];

static AdwPreferencesGroup *
group_at (PathwaysImportFindingsPage *self,
          guint                       i)
{
  return i == 0 ? self->summary_group : i == 1 ? self->kinds_group : self->first_group;
}

static void
add_row (PathwaysImportFindingsPage *self,
         guint                       group,
         const char                 *title,
         const char                 *subtitle,
         const char                 *count)
{
  GtkWidget *row = pathways_count_row_new (title, subtitle, count);

  adw_preferences_group_add (group_at (self, group), row);
  g_ptr_array_add (self->rows[group], row);
}

static void
clear_rows (PathwaysImportFindingsPage *self)
{
  for (guint g = 0; g < G_N_ELEMENTS (self->rows); g++)
    {
      for (guint i = 0; i < self->rows[g]->len; i++)
        adw_preferences_group_remove (group_at (self, g), g_ptr_array_index (self->rows[g], i));
      g_ptr_array_set_size (self->rows[g], 0);
    }
}

void
pathways_import_findings_page_show_progress (PathwaysImportFindingsPage *self,
                                             double                      fraction)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_FINDINGS_PAGE (self));

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_widget_set_visible (self->progress_box, TRUE);
}

void
pathways_import_findings_page_hide_progress (PathwaysImportFindingsPage *self)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_FINDINGS_PAGE (self));

  gtk_widget_set_visible (self->progress_box, FALSE);
}

gboolean
pathways_import_findings_page_get_progress_visible (PathwaysImportFindingsPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_FINDINGS_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->progress_box);
}

AdwPreferencesGroup *
pathways_import_findings_page_get_kinds_group (PathwaysImportFindingsPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_FINDINGS_PAGE (self), NULL);

  return self->kinds_group;
}

static void
add_summary (PathwaysImportFindingsPage *self,
             PathwaysDataset            *ds)
{
  g_autofree char *cases = pathways_format_count (ds->n_cases);
  gint32 first_day = PATHWAYS_DAY_NONE, last_day = PATHWAYS_DAY_NONE;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  add_row (self, 0, _("Cases"), NULL, cases);
  if (ds->has_services)
    {
      g_autofree char *services = pathways_format_count (ds->n_services);

      add_row (self, 0, _("Services"), NULL, services);
    }
  if (ds->outcomes != NULL)
    {
      g_autofree char *answers = pathways_format_count (ds->outcomes->n_rows);

      /* Translators: the row of the outcomes file's answers; its subtitle is the file */
      add_row (self, 0, _("Outcome answers"), ds->outcomes->file, answers);
    }

  pathways_dataset_get_referral_range (ds, &first_day, &last_day);
  first_text = pathways_format_day_long (first_day);
  last_text = pathways_format_day_long (last_day);
  if (first_text != NULL && last_text != NULL)
    {
      g_autofree char *range = g_strcmp0 (first_text, last_text) == 0
        ? g_strdup (first_text)
        /* Translators: a range of referral dates, "1 April 2021 to 31 March 2024" */
        : g_strdup_printf (_("%s to %s"), first_text, last_text);

      add_row (self, 0, _("Referrals"), NULL, range);
    }
}

static void
add_kinds (PathwaysImportFindingsPage *self,
           PathwaysDataset            *ds)
{
  for (guint i = 0; ds->finding_summary != NULL && i < ds->finding_summary->len; i++)
    {
      const PathwaysFindingSummary *s = g_ptr_array_index (ds->finding_summary, i);
      g_autofree char *count = pathways_format_count (s->count);

      if (s->count > 0)
        add_row (self, 1, pathways_finding_kind_get_label (s->kind),
                 pathways_severity_get_label (s->severity), count);
    }
  if (self->rows[1]->len == 0)
    add_row (self, 1, _("No problems found"), NULL, NULL);
}

static void
add_first (PathwaysImportFindingsPage *self,
           PathwaysDataset            *ds)
{
  for (guint i = 0; ds->findings != NULL && i < ds->findings->len && self->rows[2]->len < N_FIRST_FINDINGS; i++)
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
      add_row (self, 2, title, f->message, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->first_group), self->rows[2]->len > 0);
}

void
pathways_import_findings_page_set_dataset (PathwaysImportFindingsPage *self,
                                           PathwaysDataset            *dataset)
{
  g_return_if_fail (PATHWAYS_IS_IMPORT_FINDINGS_PAGE (self));

  clear_rows (self);
  gtk_widget_set_visible (self->page, dataset != NULL);
  if (dataset == NULL)
    return;

  add_summary (self, dataset);
  add_kinds (self, dataset);
  add_first (self, dataset);
}

static void
cancel_clicked (PathwaysImportFindingsPage *self)
{
  g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
}

static void
pathways_import_findings_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_IMPORT_FINDINGS_PAGE);

  G_OBJECT_CLASS (pathways_import_findings_page_parent_class)->dispose (object);
}

static void
pathways_import_findings_page_finalize (GObject *object)
{
  PathwaysImportFindingsPage *self = PATHWAYS_IMPORT_FINDINGS_PAGE (object);

  for (guint g = 0; g < G_N_ELEMENTS (self->rows); g++)
    g_clear_pointer (&self->rows[g], g_ptr_array_unref);

  G_OBJECT_CLASS (pathways_import_findings_page_parent_class)->finalize (object);
}

static void
pathways_import_findings_page_class_init (PathwaysImportFindingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_import_findings_page_dispose;
  object_class->finalize = pathways_import_findings_page_finalize;

  /* Cancel pressed under the progress bar */
  signals[SIGNAL_CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-import-findings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFindingsPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFindingsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFindingsPage, page);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFindingsPage, summary_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFindingsPage, kinds_group);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportFindingsPage, first_group);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
}

static void
pathways_import_findings_page_init (PathwaysImportFindingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint g = 0; g < G_N_ELEMENTS (self->rows); g++)
    self->rows[g] = g_ptr_array_new ();
}
