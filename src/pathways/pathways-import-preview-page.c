/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import-preview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-import-preview-page.h"

#define N_PREVIEW_COLUMNS 60

struct _PathwaysImportPreviewPage
{
  GtkBox    parent_instance;

  GtkLabel *caption;
  GtkGrid  *grid;
};

G_DEFINE_FINAL_TYPE (PathwaysImportPreviewPage, pathways_import_preview_page, GTK_TYPE_BOX)

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

void
pathways_import_preview_page_set_preview (PathwaysImportPreviewPage *self,
                                          PathwaysImportPreview     *preview,
                                          const char                *cases_path)
{
  const char * const *header;
  const char *description;
  guint n_columns, n_rows;
  g_autofree char *base = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *columns = NULL;
  GtkWidget *child;

  g_return_if_fail (PATHWAYS_IS_IMPORT_PREVIEW_PAGE (self));
  g_return_if_fail (PATHWAYS_IS_IMPORT_PREVIEW (preview));
  g_return_if_fail (cases_path != NULL);

  header = pathways_import_preview_get_header (preview);
  description = pathways_import_preview_get_description (preview);
  n_columns = pathways_import_preview_get_n_columns (preview);
  n_rows = pathways_import_preview_get_n_sample_rows (preview);
  base = g_path_get_basename (cases_path);
  rows = pathways_format_count (n_rows);
  columns = pathways_format_count (n_columns);

  if (n_columns > N_PREVIEW_COLUMNS)
    {
      g_autofree char *shown = pathways_format_count (N_PREVIEW_COLUMNS);

      /* Translators: "The first 20 rows of “cases.csv” and the first 60 of its 75 columns (UTF-8, comma-separated)" */
      caption = g_strdup_printf (_("The first %s rows of “%s” and the first %s of its %s columns (%s)"),
                                 rows, base, shown, columns, description != NULL ? description : "");
    }
  else
    /* Translators: "The first 20 rows of “cases.csv” (41 columns; UTF-8, comma-separated)" */
    caption = g_strdup_printf (_("The first %s rows of “%s” (%s columns; %s)"),
                               rows, base, columns, description != NULL ? description : "");
  gtk_label_set_text (self->caption, caption);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  for (guint c = 0; c < n_columns && c < N_PREVIEW_COLUMNS; c++)
    {
      gtk_grid_attach (self->grid, cell_label (header[c], TRUE), (int) c, 0, 1, 1);
      for (guint r = 0; r < n_rows; r++)
        gtk_grid_attach (self->grid, cell_label (pathways_import_preview_get_sample (preview, r, c), FALSE),
                         (int) c, (int) r + 1, 1, 1);
    }
}

GtkGrid *
pathways_import_preview_page_get_grid (PathwaysImportPreviewPage *self)
{
  g_return_val_if_fail (PATHWAYS_IS_IMPORT_PREVIEW_PAGE (self), NULL);

  return self->grid;
}

static void
pathways_import_preview_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PATHWAYS_TYPE_IMPORT_PREVIEW_PAGE);

  G_OBJECT_CLASS (pathways_import_preview_page_parent_class)->dispose (object);
}

static void
pathways_import_preview_page_class_init (PathwaysImportPreviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pathways_import_preview_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pathways_app/Pathways/pathways-import-preview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportPreviewPage, caption);
  gtk_widget_class_bind_template_child (widget_class, PathwaysImportPreviewPage, grid);
}

static void
pathways_import_preview_page_init (PathwaysImportPreviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
