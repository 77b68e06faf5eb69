/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-card-grid"

#include "config.h"

#include "pathways-card-grid.h"

#define COLUMN_MIN  560
#define SPACING     18
#define MAX_COLUMNS 3

struct _PathwaysCardGrid
{
  GtkWidget   parent_instance;

  /* the children that take a row to themselves */
  GHashTable *wide;
};

G_DEFINE_FINAL_TYPE (PathwaysCardGrid, pathways_card_grid, GTK_TYPE_WIDGET)

/* As many columns of COLUMN_MIN pixels as fit, up to MAX_COLUMNS. */
static guint
columns_for_width (int width)
{
  int n = (width + SPACING) / (COLUMN_MIN + SPACING);

  return (guint) CLAMP (n, 1, MAX_COLUMNS);
}

/* The visible children in rows of one or two for WIDTH: ROWS gets the children,
 * a NULL after each row. */
static void
grid_rows (PathwaysCardGrid *self,
           int               width,
           GPtrArray        *rows)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint columns = columns_for_width (width);
  guint n_visible = 0, in_row = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n_visible += gtk_widget_should_layout (c);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      gboolean alone;

      if (!gtk_widget_should_layout (c))
        continue;
      alone = columns == 1 || n_visible == 1 || g_hash_table_contains (self->wide, c);
      if (in_row > 0 && (alone || in_row == columns))
        {
          g_ptr_array_add (rows, NULL);
          in_row = 0;
        }
      g_ptr_array_add (rows, c);
      in_row++;
      if (alone)
        {
          g_ptr_array_add (rows, NULL);
          in_row = 0;
        }
    }
  if (in_row > 0)
    g_ptr_array_add (rows, NULL);
}

/* Height of the row of ROWS starting at *AT for WIDTH (min and natural); moves *AT past
 * the row and says how many children it has. */
static guint
row_height (GPtrArray *rows,
            guint     *at,
            int        width,
            int       *minimum,
            int       *natural)
{
  guint start = *at, n = 0;
  int child_width;

  while (*at < rows->len && g_ptr_array_index (rows, *at) != NULL)
    {
      (*at)++;
      n++;
    }
  (*at)++;   /* the NULL */
  child_width = n > 1 ? (width - SPACING * ((int) n - 1)) / (int) n : width;
  *minimum = *natural = 0;
  for (guint k = start; k < start + n; k++)
    {
      int min = 0, nat = 0;

      gtk_widget_measure (g_ptr_array_index (rows, k), GTK_ORIENTATION_VERTICAL, child_width,
                          &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
  return n;
}

static void
pathways_card_grid_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        {
          int min = 0, nat = 0;

          if (!gtk_widget_should_layout (c))
            continue;
          gtk_widget_measure (c, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      int width = for_size;
      guint at = 0, n_rows = 0;

      if (width < 0)
        {
          int natural_width, unused_baseline;

          /* the minimum width: no height-for-width asked for */
          pathways_card_grid_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, &natural_width,
                                      &unused_baseline, &unused_baseline);
        }
      grid_rows (PATHWAYS_CARD_GRID (widget), width, rows);
      while (at < rows->len)
        {
          int min, nat;

          row_height (rows, &at, width, &min, &nat);
          *minimum += min;
          *natural += nat;
          n_rows++;
        }
      if (n_rows > 1)
        {
          *minimum += SPACING * ((int) n_rows - 1);
          *natural += SPACING * ((int) n_rows - 1);
        }
    }
}

static void
pathways_card_grid_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint at = 0;
  int y = 0;

  grid_rows (PATHWAYS_CARD_GRID (widget), width, rows);
  while (at < rows->len)
    {
      guint start = at, n;
      int min, nat, x = 0, child_width;

      n = row_height (rows, &at, width, &min, &nat);
      child_width = n > 1 ? (width - SPACING * ((int) n - 1)) / (int) n : width;
      for (guint k = start; k < start + n; k++)
        {
          gtk_widget_size_allocate (g_ptr_array_index (rows, k),
                                    &(GtkAllocation) { x, y, child_width, nat }, -1);
          x += child_width + SPACING;
        }
      y += nat + SPACING;
    }
}

static GtkSizeRequestMode
pathways_card_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pathways_card_grid_dispose (GObject *object)
{
  PathwaysCardGrid *self = PATHWAYS_CARD_GRID (object);

  pathways_card_grid_remove_all (self);
  G_OBJECT_CLASS (pathways_card_grid_parent_class)->dispose (object);
}

static void
pathways_card_grid_finalize (GObject *object)
{
  PathwaysCardGrid *self = PATHWAYS_CARD_GRID (object);

  g_clear_pointer (&self->wide, g_hash_table_unref);
  G_OBJECT_CLASS (pathways_card_grid_parent_class)->finalize (object);
}

static void
pathways_card_grid_class_init (PathwaysCardGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pathways_card_grid_dispose;
  object_class->finalize = pathways_card_grid_finalize;
  widget_class->measure = pathways_card_grid_measure;
  widget_class->size_allocate = pathways_card_grid_size_allocate;
  widget_class->get_request_mode = pathways_card_grid_get_request_mode;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pathways_app/Pathways/pathways-card-grid.ui");
  gtk_widget_class_set_css_name (widget_class, "cardgrid");
}

static void
pathways_card_grid_init (PathwaysCardGrid *self)
{
  self->wide = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pathways_card_grid_new (void)
{
  return g_object_new (PATHWAYS_TYPE_CARD_GRID, NULL);
}

void
pathways_card_grid_append (PathwaysCardGrid *self,
                           GtkWidget        *card,
                           gboolean          wide)
{
  g_return_if_fail (PATHWAYS_IS_CARD_GRID (self));
  g_return_if_fail (GTK_IS_WIDGET (card));
  g_return_if_fail (gtk_widget_get_parent (card) == NULL);

  gtk_widget_insert_before (card, GTK_WIDGET (self), NULL);
  if (wide)
    g_hash_table_add (self->wide, card);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
pathways_card_grid_remove_all (PathwaysCardGrid *self)
{
  GtkWidget *child;

  g_return_if_fail (PATHWAYS_IS_CARD_GRID (self));

  if (self->wide != NULL)
    g_hash_table_remove_all (self->wide);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

gboolean
pathways_card_grid_is_wide (PathwaysCardGrid *self,
                            GtkWidget        *card)
{
  g_return_val_if_fail (PATHWAYS_IS_CARD_GRID (self), FALSE);

  return g_hash_table_contains (self->wide, card);
}

guint
pathways_card_grid_get_columns (PathwaysCardGrid *self)
{
  g_return_val_if_fail (PATHWAYS_IS_CARD_GRID (self), 1);

  return columns_for_width (gtk_widget_get_width (GTK_WIDGET (self)));
}
