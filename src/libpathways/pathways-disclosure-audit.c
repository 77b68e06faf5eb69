/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-disclosure"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glpk.h>

#include "pathways-disclosure-audit.h"

struct _PathwaysDisclosureRelations {
  PathwaysReport *report;
  GPtrArray      *cells;     /* PathwaysCell*, not owned */
  GHashTable     *index;     /* PathwaysCell* -> index + 1 */
  GArray         *vars;      /* guint, the terms of every relation */
  GArray         *coeffs;    /* int */
  GArray         *starts;    /* guint: relation r is terms starts[r] .. starts[r + 1] - 1 */
  GArray         *at_most;   /* gboolean per relation: the sum is <= 0, not = 0 */
};

static gboolean
is_hidden (const PathwaysCell *cell)
{
  return cell->suppression != PATHWAYS_SUPPRESSION_NONE;
}

static void
add_cell (PathwaysDisclosureRelations *self,
          PathwaysCell                *cell)
{
  if (cell->kind != PATHWAYS_CELL_COUNT || !cell->defined || isnan (cell->value))
    return;
  g_ptr_array_add (self->cells, cell);
  g_hash_table_insert (self->index, cell, GUINT_TO_POINTER (self->cells->len));
}

static int
index_of (PathwaysDisclosureRelations *self,
          const PathwaysCell          *cell)
{
  if (cell == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->index, cell)) - 1;
}

/* A relation over N cells (any of them NULL or not a registered count: not added):
 * the sum of COEFFS × cells is 0, or at most 0 when AT_MOST. */
static void
add_relation_kind (PathwaysDisclosureRelations *self,
                   guint                        n,
                   PathwaysCell               **cells,
                   const int                   *coeffs,
                   gboolean                     at_most)
{
  g_autofree int *idx = g_new (int, MAX (n, 1));

  if (n < 2)
    return;
  for (guint t = 0; t < n; t++)
    if ((idx[t] = index_of (self, cells[t])) < 0)
      return;
  for (guint t = 0; t < n; t++)
    {
      guint v = idx[t];
      g_array_append_val (self->vars, v);
      g_array_append_val (self->coeffs, coeffs[t]);
    }
  g_array_append_val (self->starts, self->vars->len);
  g_array_append_val (self->at_most, at_most);
}

static void
add_relation (PathwaysDisclosureRelations *self,
              guint                        n,
              PathwaysCell               **cells,
              const int                   *coeffs)
{
  add_relation_kind (self, n, cells, coeffs, FALSE);
}

/* A = B */
static void
add_equal (PathwaysDisclosureRelations *self,
           PathwaysCell                *a,
           PathwaysCell                *b)
{
  PathwaysCell *cells[2] = { a, b };
  static const int coeffs[2] = { 1, -1 };

  if (a != b)
    add_relation (self, 2, cells, coeffs);
}

static PathwaysCell *
cell_of (PathwaysReportTable *t,
         guint                r,
         int                  c)
{
  PathwaysReportRow *row;

  if (t == NULL || c < 0 || r >= t->rows->len)
    return NULL;
  row = g_ptr_array_index (t->rows, r);
  return &row->cells[c];
}

/* Each additive column adds up to its total; the base is the first such total. */
static void
add_table_relations (PathwaysDisclosureRelations *self,
                     PathwaysReportTable         *t)
{
  gboolean base_tied = FALSE;
  guint n_rows = t->rows->len;

  for (guint c = 0; c < t->columns->len && t->totals != NULL; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      g_autofree PathwaysCell **cells = NULL;
      g_autofree int *coeffs = NULL;

      if (!col->additive || !t->totals[c].defined)
        continue;
      cells = g_new (PathwaysCell *, n_rows + 1);
      coeffs = g_new (int, n_rows + 1);
      for (guint r = 0; r < n_rows; r++)
        {
          cells[r] = cell_of (t, r, c);
          coeffs[r] = 1;
        }
      cells[n_rows] = &t->totals[c];
      coeffs[n_rows] = -1;
      add_relation (self, n_rows + 1, cells, coeffs);
      if (!base_tied && t->base.defined && t->base.value == t->totals[c].value)
        {
          add_equal (self, &t->base, &t->totals[c]);
          base_tied = TRUE;
        }
    }
  /* funnel drops and any count formed from two others: count = source1 - source0 */
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < t->columns->len; c++)
      {
        PathwaysCell *cell = cell_of (t, r, c);
        PathwaysCell *cells[3];
        static const int coeffs[3] = { 1, 1, -1 };

        if (cell->kind != PATHWAYS_CELL_COUNT || cell->sources[0].row < 0 || cell->sources[1].row < 0 ||
            cell->sources[0].row == cell->sources[1].row)
          continue;
        cells[0] = cell;
        cells[1] = cell_of (t, cell->sources[0].row, cell->sources[0].col);
        cells[2] = cell_of (t, cell->sources[1].row, cell->sources[1].col);
        add_relation (self, 3, cells, coeffs);
      }
  /* a table without totals whose first count row is its base (funnels) */
  if (t->totals == NULL && t->base.defined && n_rows > 0 && g_str_has_prefix (t->id, "funnel"))
    add_equal (self, &t->base, cell_of (t, 0, pathways_report_table_find_column (t, "count")));
}

static PathwaysCell *
get (PathwaysReport *report,
     const char     *id,
     const char     *key,
     const char     *row,
     const char     *col)
{
  return pathways_report_get_cell (report, id, key, row, col);
}

static PathwaysCell *
total_of (PathwaysReportTable *t,
          const char          *col)
{
  int c = t != NULL ? pathways_report_table_find_column (t, col) : -1;

  return c >= 0 && t->totals != NULL ? &t->totals[c] : NULL;
}

/* open = cases - closed, in the cohort and in the dataset table */
static void
add_open_closed (PathwaysDisclosureRelations *self,
                 PathwaysReport              *report,
                 const char                  *id)
{
  PathwaysCell *cells[3] = { get (report, id, NULL, id, "open_cases"),
                             get (report, id, NULL, id, "closed_cases"),
                             get (report, id, NULL, id, "cases") };
  static const int coeffs[3] = { 1, 1, -1 };

  add_relation (self, 3, cells, coeffs);
}

/* The same total shown in several tables. */
static void
add_shared_totals (PathwaysDisclosureRelations *self,
                   PathwaysReport              *report)
{
  PathwaysCell *cases = get (report, "cohort", NULL, "cohort", "cases");
  PathwaysCell *closed = get (report, "cohort", NULL, "cohort", "closed_cases");
  PathwaysReportTable *funnel = pathways_report_get_table (report, "funnel", NULL);

  add_open_closed (self, report, "cohort");
  add_open_closed (self, report, "dataset");
  if (funnel != NULL)
    add_equal (self, &funnel->base,
               report->options.population == PATHWAYS_POPULATION_ALL ? cases : closed);
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (!t->protect)
        continue;
      if (g_str_equal (t->id, "closure_reasons") || g_str_equal (t->id, "planned_closure_rates"))
        add_equal (self, &t->base, closed);
      else if (g_str_equal (t->id, "returners") || g_str_equal (t->id, "multi_category_classes") ||
               g_str_equal (t->id, "multi_category"))
        add_equal (self, &t->base, cases);
      else if (g_str_equal (t->id, "waiting_bands") || g_str_equal (t->id, "waiting_trend"))
        {
          PathwaysReportTable *w = pathways_report_get_table (report, "waiting_times", NULL);
          int n_col = w != NULL ? pathways_report_table_find_column (w, "n") : -1;

          for (guint r = 0; n_col >= 0 && r < w->rows->len; r++)
            {
              PathwaysCell *row = cell_of (w, r, 0);
              PathwaysCell *type = cell_of (w, r, 1);
              g_autofree char *key = type->text != NULL ? g_strdup_printf ("%s/%s", row->text, type->text)
                                                        : g_strdup (row->text);
              if (g_strcmp0 (key, t->key) == 0)
                add_equal (self, &t->base, cell_of (w, r, n_col));
            }
        }
    }
}

/* The rows of each stage of the split funnels add up to the whole funnel's; the
 * planned closures of every rate table are the planned reasons of the closure table;
 * the cases per age band add up to the cohort's cases. */
static void
add_cross_tables (PathwaysDisclosureRelations *self,
                  PathwaysReport              *report)
{
  PathwaysReportTable *funnel = pathways_report_get_table (report, "funnel", NULL);
  PathwaysReportTable *reasons = pathways_report_get_table (report, "closure_reasons", NULL);
  PathwaysReportTable *per_person = pathways_report_get_table (report, "cases_per_person", NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(GArray) coeffs = g_array_new (FALSE, FALSE, sizeof (int));
  int one = 1, minus = -1;
  gboolean split = FALSE;

  for (guint i = 0; i < report->tables->len; i++)
    split |= g_str_equal (((PathwaysReportTable *) g_ptr_array_index (report->tables, i))->id, "funnel_split");
  for (guint r = 0; split && funnel != NULL && r < funnel->rows->len; r++)
    {
      const char *stage = ((PathwaysReportRow *) g_ptr_array_index (funnel->rows, r))->id;

      g_ptr_array_set_size (cells, 0);
      g_array_set_size (coeffs, 0);
      for (guint i = 0; i < report->tables->len; i++)
        {
          PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
          if (g_str_equal (t->id, "funnel_split"))
            {
              g_ptr_array_add (cells, get (report, t->id, t->key, stage, "count"));
              g_array_append_val (coeffs, one);
            }
        }
      g_ptr_array_add (cells, get (report, "funnel", NULL, stage, "count"));
      g_array_append_val (coeffs, minus);
      add_relation (self, cells->len, (PathwaysCell **) cells->pdata, (int *) (gpointer) coeffs->data);
    }

  for (guint i = 0; reasons != NULL && i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (!g_str_equal (t->id, "planned_closure_rates"))
        continue;
      g_ptr_array_set_size (cells, 0);
      g_array_set_size (coeffs, 0);
      for (guint r = 0; r < reasons->rows->len; r++)
        if (g_strcmp0 (cell_of (reasons, r, 1)->text, "planned") == 0)
          {
            g_ptr_array_add (cells, cell_of (reasons, r, 2));
            g_array_append_val (coeffs, one);
          }
      g_ptr_array_add (cells, total_of (t, "planned"));
      g_array_append_val (coeffs, minus);
      add_relation (self, cells->len, (PathwaysCell **) cells->pdata, (int *) (gpointer) coeffs->data);
    }

  if (per_person != NULL && per_person->rows->len > 0)
    {
      g_ptr_array_set_size (cells, 0);
      g_array_set_size (coeffs, 0);
      for (guint r = 0; r < per_person->rows->len; r++)
        {
          g_ptr_array_add (cells, cell_of (per_person, r, 1));
          g_array_append_val (coeffs, one);
        }
      g_ptr_array_add (cells, get (report, "cohort", NULL, "cohort", "cases"));
      g_array_append_val (coeffs, minus);
      add_relation (self, cells->len, (PathwaysCell **) cells->pdata, (int *) (gpointer) coeffs->data);
    }
}

/* A multi-value field: each value is listed by at most the cases that list one value
 * or more (value - one - multiple <= 0), and the values listed add up to at least one
 * per case with one value and two per case with several (one + 2 multiple - sum <= 0). */
static void
add_multi_values (PathwaysDisclosureRelations *self,
                  PathwaysReport              *report)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      PathwaysCell *one, *multiple;
      g_autoptr(GPtrArray) cells = NULL;
      g_autoptr(GArray) coeffs = NULL;
      int two = 1 + 1, one_c = 1, m = -1;

      if (!t->protect || !g_str_equal (t->id, "multi_category"))
        continue;
      one = get (report, "multi_category_classes", t->key, "one", "count");
      multiple = get (report, "multi_category_classes", t->key, "multiple", "count");
      cells = g_ptr_array_new ();
      coeffs = g_array_new (FALSE, FALSE, sizeof (int));
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysCell *three[3] = { cell_of (t, r, 1), one, multiple };
          static const int co[3] = { 1, -1, -1 };

          add_relation_kind (self, 3, three, co, TRUE);
          g_ptr_array_add (cells, cell_of (t, r, 1));
          g_array_append_val (coeffs, m);
        }
      g_ptr_array_add (cells, one);
      g_array_append_val (coeffs, one_c);
      g_ptr_array_add (cells, multiple);
      g_array_append_val (coeffs, two);
      add_relation_kind (self, cells->len, (PathwaysCell **) cells->pdata, (int *) (gpointer) coeffs->data, TRUE);
    }
}

/* PARTS (N cells of one row or column) add up to WHOLE: an equality where they do in
 * the exact figures (a reader who guesses it is right), else "at most" (the parts
 * leave some out, those whose kind is not recorded). */
static void
add_parts (PathwaysDisclosureRelations *self,
           PathwaysCell               **parts,
           guint                        n,
           PathwaysCell                *whole)
{
  g_autofree PathwaysCell **cells = g_new (PathwaysCell *, n + 1);
  g_autofree int *coeffs = g_new (int, n + 1);
  double sum = 0;

  for (guint k = 0; k < n; k++)
    {
      if (parts[k] == NULL || !parts[k]->defined || whole == NULL || !whole->defined)
        return;
      cells[k] = parts[k];
      coeffs[k] = 1;
      sum += parts[k]->value;
    }
  cells[n] = whole;
  coeffs[n] = -1;
  add_relation_kind (self, n + 1, cells, coeffs, fabs (sum - whole->value) > 0.5);
}

/* The outcome tables: improved + same + worse = the paired records of each row. */
static void
add_outcomes (PathwaysDisclosureRelations *self,
                       PathwaysReport              *report)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      int paired = pathways_report_table_find_column (t, "paired_n");
      int improved = pathways_report_table_find_column (t, "improved");

      if (!t->protect)
        continue;
      if (g_str_equal (t->id, "outcomes") && paired >= 0 && improved >= 0)
        for (guint r = 0; r < t->rows->len; r++)
          {
            PathwaysCell *parts[3] = { cell_of (t, r, improved), cell_of (t, r, improved + 1),
                                       cell_of (t, r, improved + 2) };
            add_parts (self, parts, 3, cell_of (t, r, paired));
          }
    }
}

/* The activity series (pathways-report-activity.c, newest period first): a period's
 * referrals are its new, returning and not recorded cases; its cases open at the end
 * are those open at the start plus its referrals, less its closures and its cases
 * closed on a day not known; a period starts with the cases open at the end of the one
 * before. */
static void
add_activity (PathwaysDisclosureRelations *self,
              PathwaysReport              *report)
{
  static const char * const parts[] = { "new", "returning", "returning_not_recorded", "referrals" };
  static const char * const flows[] = {
    "closures_planned", "closures_unplanned", "closures_other", "closures_not_recorded", "closed_date_unknown",
  };

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      int c_end = pathways_report_table_find_column (t, "caseload");
      int c_start = pathways_report_table_find_column (t, "open_at_start");
      int c_ref = pathways_report_table_find_column (t, "referrals");

      if (!t->protect || !g_str_equal (t->id, "activity") || c_end < 0 || c_start < 0 || c_ref < 0)
        continue;
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysCell *cells[8];
          int coeffs[8];
          guint n = 0;

          for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
            {
              cells[k] = cell_of (t, r, pathways_report_table_find_column (t, parts[k]));
              coeffs[k] = k + 1 < G_N_ELEMENTS (parts) ? 1 : -1;
            }
          if (cells[0] != NULL)
            add_relation (self, G_N_ELEMENTS (parts), cells, coeffs);

          cells[n] = cell_of (t, r, c_end);
          coeffs[n++] = 1;
          cells[n] = cell_of (t, r, c_start);
          coeffs[n++] = -1;
          cells[n] = cell_of (t, r, c_ref);
          coeffs[n++] = -1;
          for (guint k = 0; k < G_N_ELEMENTS (flows); k++)
            {
              int c = pathways_report_table_find_column (t, flows[k]);
              if (c < 0)
                continue;
              cells[n] = cell_of (t, r, c);
              coeffs[n++] = 1;
            }
          add_relation (self, n, cells, coeffs);
          if (r + 1 < t->rows->len)
            add_equal (self, cell_of (t, r, c_start), cell_of (t, r + 1, c_end));
        }
    }
}

PathwaysDisclosureRelations *
pathways_disclosure_relations_new (PathwaysReport *report)
{
  PathwaysDisclosureRelations *self;
  guint zero = 0;

  g_return_val_if_fail (report != NULL, NULL);

  self = g_new0 (PathwaysDisclosureRelations, 1);
  self->report = pathways_report_ref (report);
  self->cells = g_ptr_array_new ();
  self->index = g_hash_table_new (NULL, NULL);
  self->vars = g_array_new (FALSE, FALSE, sizeof (guint));
  self->coeffs = g_array_new (FALSE, FALSE, sizeof (int));
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->at_most = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_array_append_val (self->starts, zero);

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      if (!t->protect)
        continue;
      add_cell (self, &t->base);
      for (guint c = 0; t->totals != NULL && c < t->columns->len; c++)
        add_cell (self, &t->totals[c]);
      for (guint r = 0; r < t->rows->len; r++)
        for (guint c = 0; c < t->columns->len; c++)
          add_cell (self, cell_of (t, r, c));
    }
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      if (t->protect)
        add_table_relations (self, t);
    }
  add_shared_totals (self, report);
  add_cross_tables (self, report);
  add_multi_values (self, report);
  add_outcomes (self, report);
  add_activity (self, report);
  return self;
}

void
pathways_disclosure_relations_free (PathwaysDisclosureRelations *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->cells);
  g_hash_table_unref (self->index);
  g_array_unref (self->vars);
  g_array_unref (self->coeffs);
  g_array_unref (self->starts);
  g_array_unref (self->at_most);
  pathways_report_unref (self->report);
  g_free (self);
}

guint
pathways_disclosure_relations_get_n_cells (PathwaysDisclosureRelations *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->cells->len;
}

PathwaysCell *
pathways_disclosure_relations_get_cell (PathwaysDisclosureRelations *self,
                                        guint                        i)
{
  g_return_val_if_fail (self != NULL && i < self->cells->len, NULL);
  return g_ptr_array_index (self->cells, i);
}

guint
pathways_disclosure_relations_get_n_relations (PathwaysDisclosureRelations *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->starts->len - 1;
}

void
pathways_disclosure_relations_get_relation (PathwaysDisclosureRelations *self,
                                            guint                        r,
                                            guint                       *n_terms,
                                            const guint                **vars,
                                            const int                  **coeffs)
{
  guint start;

  g_return_if_fail (self != NULL && r + 1 < self->starts->len);
  start = g_array_index (self->starts, guint, r);
  *n_terms = g_array_index (self->starts, guint, r + 1) - start;
  *vars = &g_array_index (self->vars, guint, start);
  *coeffs = &g_array_index (self->coeffs, int, start);
}

gboolean
pathways_disclosure_relations_is_at_most (PathwaysDisclosureRelations *self,
                                          guint                        r)
{
  g_return_val_if_fail (self != NULL && r < self->at_most->len, FALSE);
  return g_array_index (self->at_most, gboolean, r);
}

/* ---- feasible ranges ---- */

/* What a reader knows of a hidden count: "<k" is 1..k-1; "*" for a count is at least
 * 1 (zero is always shown), for a count formed from others (a drop) at least 0. */
static void
hidden_bounds (const PathwaysCell *cell,
               guint               k,
               double             *lo,
               double             *hi)
{
  *hi = G_MAXDOUBLE;
  if (cell->suppression == PATHWAYS_SUPPRESSION_PRIMARY)
    {
      *lo = 1;
      *hi = k - 1;
    }
  else if (cell->suppression == PATHWAYS_SUPPRESSION_SECONDARY)
    *lo = 1;
  else
    *lo = MIN (0, cell->value);
}

/* cell -> the relations it is in */
static GPtrArray *
relations_of_cells (PathwaysDisclosureRelations *self)
{
  GPtrArray *of = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < self->cells->len; i++)
    g_ptr_array_add (of, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint r = 0; r + 1 < self->starts->len; r++)
    {
      guint n_terms;
      const guint *vars;
      const int *coeffs;

      pathways_disclosure_relations_get_relation (self, r, &n_terms, &vars, &coeffs);
      for (guint t = 0; t < n_terms; t++)
        g_array_append_val (g_ptr_array_index (of, vars[t]), r);
    }
  return of;
}

/* The part of the relations that bears on hidden cell I: the hidden cells linked to it
 * through relations (the unknowns), the relations that hold them, and the shown
 * non-zero counts in those relations (what could be hidden next). A relation between
 * shown cells only, or another group of hidden cells, cannot narrow I's range. */
typedef struct {
  GArray *hidden;      /* guint cell indexes, I first */
  GArray *relations;   /* guint relation indexes */
  GArray *shown;       /* guint cell indexes */
} Component;

static void
component_clear (Component *comp)
{
  g_clear_pointer (&comp->hidden, g_array_unref);
  g_clear_pointer (&comp->relations, g_array_unref);
  g_clear_pointer (&comp->shown, g_array_unref);
}

static void
component_find (PathwaysDisclosureRelations *self,
                GPtrArray                   *of,
                guint                        i,
                Component                   *comp)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);

  comp->hidden = g_array_new (FALSE, FALSE, sizeof (guint));
  comp->relations = g_array_new (FALSE, FALSE, sizeof (guint));
  comp->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_hash_table_add (seen, GUINT_TO_POINTER (i + 1));
  g_array_append_val (comp->hidden, i);
  for (guint q = 0; q < comp->hidden->len; q++)
    {
      GArray *rels = g_ptr_array_index (of, g_array_index (comp->hidden, guint, q));

      for (guint j = 0; j < rels->len; j++)
        {
          guint r = g_array_index (rels, guint, j), n_terms;
          const guint *vars;
          const int *coeffs;

          if (!g_hash_table_add (used, GUINT_TO_POINTER (r + 1)))
            continue;
          g_array_append_val (comp->relations, r);
          pathways_disclosure_relations_get_relation (self, r, &n_terms, &vars, &coeffs);
          for (guint t = 0; t < n_terms; t++)
            {
              PathwaysCell *cell = g_ptr_array_index (self->cells, vars[t]);

              if (!g_hash_table_add (seen, GUINT_TO_POINTER (vars[t] + 1)))
                continue;
              if (is_hidden (cell))
                g_array_append_val (comp->hidden, vars[t]);
              else if (cell->value > 0)
                g_array_append_val (comp->shown, vars[t]);
            }
        }
    }
}

/* An integer program over one component: its hidden cells are the unknowns, one row
 * per relation. */
typedef struct {
  glp_prob   *lp;
  GHashTable *col_of;    /* cell index + 1 -> LP column (1-based) */
} Program;

/* GLPK keeps one environment per thread and frees it only when asked; the audit runs
 * in export worker threads, so each thread hands its environment back once its last
 * program is gone (otherwise every export thread leaks a few kilobytes). */
static _Thread_local guint live_programs;

static void
program_clear (Program *p)
{
  if (p->lp != NULL)
    {
      g_clear_pointer (&p->lp, glp_delete_prob);
      if (--live_programs == 0)
        glp_free_env ();
    }
  g_clear_pointer (&p->col_of, g_hash_table_unref);
}

static int
program_col (Program *p,
             guint    cell)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (p->col_of, GUINT_TO_POINTER (cell + 1)));
}

static void
program_build (PathwaysDisclosureRelations *self,
               const Component             *comp,
               guint                        k,
               Program                     *p)
{
  g_autoptr(GArray) ia = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) ja = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) ar = g_array_new (FALSE, FALSE, sizeof (double));
  int zero = 0;
  double dzero = 0;

  p->lp = glp_create_prob ();
  live_programs++;
  p->col_of = g_hash_table_new (NULL, NULL);
  glp_add_cols (p->lp, comp->hidden->len);
  for (guint h = 0; h < comp->hidden->len; h++)
    {
      guint i = g_array_index (comp->hidden, guint, h);
      double lo, hi;

      g_hash_table_insert (p->col_of, GUINT_TO_POINTER (i + 1), GINT_TO_POINTER (h + 1));
      hidden_bounds (g_ptr_array_index (self->cells, i), k, &lo, &hi);
      glp_set_col_bnds (p->lp, h + 1, hi == G_MAXDOUBLE ? GLP_LO : GLP_DB, lo, hi);
      glp_set_col_kind (p->lp, h + 1, GLP_IV);   /* counts are whole numbers */
    }
  /* GLPK's arrays start at 1 */
  g_array_append_val (ia, zero);
  g_array_append_val (ja, zero);
  g_array_append_val (ar, dzero);
  if (comp->relations->len > 0)
    glp_add_rows (p->lp, comp->relations->len);
  for (guint j = 0; j < comp->relations->len; j++)
    {
      guint n_terms;
      const guint *vars;
      const int *coeffs;
      double rhs = 0;
      int row = j + 1;

      pathways_disclosure_relations_get_relation (self, g_array_index (comp->relations, guint, j),
                                                  &n_terms, &vars, &coeffs);
      for (guint t = 0; t < n_terms; t++)
        {
          int col = program_col (p, vars[t]);

          if (col == 0)
            rhs -= coeffs[t] * ((PathwaysCell *) g_ptr_array_index (self->cells, vars[t]))->value;
          else
            {
              double a = coeffs[t];
              g_array_append_val (ia, row);
              g_array_append_val (ja, col);
              g_array_append_val (ar, a);
            }
        }
      if (g_array_index (self->at_most, gboolean, g_array_index (comp->relations, guint, j)))
        glp_set_row_bnds (p->lp, row, GLP_UP, 0, rhs);
      else
        glp_set_row_bnds (p->lp, row, GLP_FX, rhs, rhs);
    }
  glp_load_matrix (p->lp, ia->len - 1, (int *) (gpointer) ia->data, (int *) (gpointer) ja->data,
                   (double *) (gpointer) ar->data);
}

/* The smallest or largest whole value of column COL. FALSE when GLPK finds none. */
static gboolean
program_solve (Program *p,
               int      col,
               int      dir,
               double  *out)
{
  glp_smcp sparm;
  glp_iocp iparm;

  glp_init_smcp (&sparm);
  sparm.msg_lev = GLP_MSG_OFF;
  for (int j = 1; j <= glp_get_num_cols (p->lp); j++)
    glp_set_obj_coef (p->lp, j, j == col ? 1 : 0);
  glp_set_obj_dir (p->lp, dir);
  if (glp_simplex (p->lp, &sparm) != 0)
    return FALSE;
  if (glp_get_status (p->lp) == GLP_UNBND)
    {
      *out = dir == GLP_MIN ? -G_MAXDOUBLE : G_MAXDOUBLE;
      return TRUE;
    }
  if (glp_get_status (p->lp) != GLP_OPT)
    return FALSE;
  /* the relaxation's bound is the integer one when it is whole (the usual case:
   * the relations are sums); else branch and bound */
  *out = glp_get_obj_val (p->lp);
  if (fabs (*out - round (*out)) < 1e-6)
    return TRUE;
  glp_init_iocp (&iparm);
  iparm.msg_lev = GLP_MSG_OFF;
  if (glp_intopt (p->lp, &iparm) != 0 || glp_mip_status (p->lp) != GLP_OPT)
    return FALSE;
  *out = glp_mip_obj_val (p->lp);
  return TRUE;
}

/* Exact interval propagation over the component: the reader's bounds, a fallback for
 * when GLPK gives no answer (never tighter than the true range). */
static void
propagate_range (PathwaysDisclosureRelations *self,
                 const Component             *comp,
                 guint                        k,
                 double                      *out_lo,
                 double                      *out_hi)
{
  g_autoptr(GHashTable) pos = g_hash_table_new (NULL, NULL);
  guint n = comp->hidden->len;
  g_autofree double *lo = g_new (double, n);
  g_autofree double *hi = g_new (double, n);
  gboolean changed = TRUE;

  for (guint h = 0; h < n; h++)
    {
      guint i = g_array_index (comp->hidden, guint, h);
      g_hash_table_insert (pos, GUINT_TO_POINTER (i + 1), GUINT_TO_POINTER (h + 1));
      hidden_bounds (g_ptr_array_index (self->cells, i), k, &lo[h], &hi[h]);
    }
  for (guint pass = 0; changed && pass < 100; pass++)
    {
      changed = FALSE;
      for (guint j = 0; j < comp->relations->len; j++)
        {
          guint rel = g_array_index (comp->relations, guint, j), n_terms;
          const guint *vars;
          const int *co;
          gboolean at_most = g_array_index (self->at_most, gboolean, rel);

          pathways_disclosure_relations_get_relation (self, rel, &n_terms, &vars, &co);
          for (guint t = 0; t < n_terms; t++)
            {
              guint h = GPOINTER_TO_UINT (g_hash_table_lookup (pos, GUINT_TO_POINTER (vars[t] + 1)));
              double slo = 0, shi = 0;

              if (h-- == 0)
                continue;
              for (guint u = 0; u < n_terms; u++)
                {
                  guint g = GPOINTER_TO_UINT (g_hash_table_lookup (pos, GUINT_TO_POINTER (vars[u] + 1)));
                  double l, m;

                  if (u == t)
                    continue;
                  if (g == 0)
                    l = m = ((PathwaysCell *) g_ptr_array_index (self->cells, vars[u]))->value;
                  else
                    l = lo[g - 1], m = hi[g - 1];
                  slo += co[u] > 0 ? co[u] * l : co[u] * m;
                  shi += co[u] > 0 ? co[u] * m : co[u] * l;
                }
              /* co[t] x = -(the others), or <= when AT_MOST: then only the bound
               * that "x at most" or "x at least" gives */
              {
                double nlo = co[t] > 0 ? -shi / co[t] : -slo / co[t];
                double nhi = co[t] > 0 ? -slo / co[t] : -shi / co[t];
                if (at_most && co[t] > 0)
                  nlo = -G_MAXDOUBLE;
                else if (at_most)
                  nhi = G_MAXDOUBLE;
                if (nlo > lo[h] + 1e-9)
                  lo[h] = nlo, changed = TRUE;
                if (nhi < hi[h] - 1e-9)
                  hi[h] = nhi, changed = TRUE;
              }
            }
        }
    }
  *out_lo = lo[0];
  *out_hi = hi[0];
}

/* The range of hidden cell I (the first of COMP). */
static void
component_range (PathwaysDisclosureRelations *self,
                 const Component             *comp,
                 guint                        k,
                 double                      *lo,
                 double                      *hi)
{
  Program p = { 0 };

  program_build (self, comp, k, &p);
  if (!program_solve (&p, 1, GLP_MIN, lo) || !program_solve (&p, 1, GLP_MAX, hi))
    {
      g_debug ("no answer from GLPK over %u hidden cells: interval propagation instead", comp->hidden->len);
      propagate_range (self, comp, k, lo, hi);
    }
  program_clear (&p);
}

gboolean
pathways_disclosure_feasible_range (PathwaysDisclosureRelations *self,
                                    guint                        k,
                                    guint                        i,
                                    double                      *lo,
                                    double                      *hi)
{
  g_autoptr(GPtrArray) of = NULL;
  Component comp = { 0 };
  PathwaysCell *cell;

  g_return_val_if_fail (self != NULL && i < self->cells->len, FALSE);
  g_return_val_if_fail (lo != NULL && hi != NULL, FALSE);

  cell = g_ptr_array_index (self->cells, i);
  *lo = *hi = cell->value;
  if (!is_hidden (cell))
    return FALSE;
  of = relations_of_cells (self);
  component_find (self, of, i, &comp);
  component_range (self, &comp, k, lo, hi);
  component_clear (&comp);
  return TRUE;
}

/* ---- the auditor ---- */

/* A count formed from others (a funnel drop) is hidden when one of them is. */
static void
hide_formed_counts (PathwaysReport *report)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      for (guint r = 0; t->protect && r < t->rows->len; r++)
        for (guint c = 0; c < t->columns->len; c++)
          {
            PathwaysCell *cell = cell_of (t, r, c);
            for (guint s = 0; s < 2 && cell->kind == PATHWAYS_CELL_COUNT; s++)
              {
                PathwaysCell *src = cell->sources[s].row >= 0
                                    ? cell_of (t, cell->sources[s].row, cell->sources[s].col) : NULL;
                if (src != NULL && is_hidden (src) && !is_hidden (cell))
                  cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
              }
          }
    }
}

/* Whether cell I's range is all of 1..k-1; WIDTH its width. */
static gboolean
range_is_full (PathwaysDisclosureRelations *self,
               GPtrArray                   *of,
               guint                        i,
               guint                        k,
               double                      *width)
{
  Component comp = { 0 };
  double lo, hi;

  component_find (self, of, i, &comp);
  component_range (self, &comp, k, &lo, &hi);
  component_clear (&comp);
  *width = hi - lo;
  return lo <= 1 + 1e-6 && hi >= k - 1 - 1e-6;
}

static int
cmp_by_value (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  PathwaysDisclosureRelations *self = data;
  const PathwaysCell *x = g_ptr_array_index (self->cells, *(const guint *) a);
  const PathwaysCell *y = g_ptr_array_index (self->cells, *(const guint *) b);

  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* What can be hidden next to widen cell I's range: the shown non-zero counts around
 * it, smallest first; when every figure around it is hidden already, its "<k" counts
 * (I included), largest first, to be shown as "*": the reader then no longer knows
 * that they are below k (a total of 4 with four rows of 1 gives every row away). */
static GArray *
candidates (PathwaysDisclosureRelations *self,
            GPtrArray                   *of,
            guint                        i,
            gboolean                    *relabel)
{
  Component comp = { 0 };
  GArray *out;

  component_find (self, of, i, &comp);
  *relabel = comp.shown->len == 0;
  if (!*relabel)
    {
      out = g_steal_pointer (&comp.shown);
      g_array_sort_with_data (out, cmp_by_value, self);
    }
  else
    {
      out = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint h = comp.hidden->len; h-- > 0;)
        {
          guint j = g_array_index (comp.hidden, guint, h);
          if (((PathwaysCell *) g_ptr_array_index (self->cells, j))->suppression == PATHWAYS_SUPPRESSION_PRIMARY)
            g_array_append_val (out, j);
        }
      g_array_sort_with_data (out, cmp_by_value, self);
      for (guint a = 0, b = out->len; a + 1 < b; a++, b--)
        {
          guint tmp = g_array_index (out, guint, a);
          g_array_index (out, guint, a) = g_array_index (out, guint, b - 1);
          g_array_index (out, guint, b - 1) = tmp;
        }
    }
  component_clear (&comp);
  return out;
}

#define MAX_TRIES 6

static void
set_states (PathwaysDisclosureRelations *self,
            PathwaysSuppression         *states,
            gboolean                     save)
{
  for (guint j = 0; j < self->cells->len; j++)
    {
      PathwaysCell *cell = g_ptr_array_index (self->cells, j);
      if (save)
        states[j] = cell->suppression;
      else
        cell->suppression = states[j];
    }
}

/* Hides cells until primary cell I's range is all of 1..k-1, each time the candidate
 * that widens it (or, when none does alone, the first). Every step hides a shown cell
 * or turns a "<k" into "*", so it ends. */
static void
protect_cell (PathwaysDisclosureRelations *self,
              GPtrArray                   *of,
              guint                        k,
              guint                        i)
{
  g_autofree PathwaysSuppression *saved = g_new (PathwaysSuppression, MAX (self->cells->len, 1));
  double width;
  gboolean full = range_is_full (self, of, i, k, &width);

  while (!full)
    {
      gboolean relabel;
      g_autoptr(GArray) cand = candidates (self, of, i, &relabel);
      gboolean widened = FALSE;

      if (cand->len == 0)
        return;   /* cannot happen: I itself is a "<k" with nothing shown around it */
      set_states (self, saved, TRUE);
      for (guint c = 0; c < MIN (cand->len, MAX_TRIES) && !widened; c++)
        {
          PathwaysCell *pick = g_ptr_array_index (self->cells, g_array_index (cand, guint, c));
          double w;

          pick->suppression = PATHWAYS_SUPPRESSION_SECONDARY;
          hide_formed_counts (self->report);
          full = range_is_full (self, of, i, k, &w);
          widened = full || w > width + 1e-6;
          if (widened)
            width = w;
          else
            set_states (self, saved, FALSE);
        }
      if (!widened)
        {
          ((PathwaysCell *) g_ptr_array_index (self->cells, g_array_index (cand, guint, 0)))->suppression =
            PATHWAYS_SUPPRESSION_SECONDARY;
          hide_formed_counts (self->report);
          full = range_is_full (self, of, i, k, &width);
        }
    }
}

guint
pathways_disclosure_audit (PathwaysReport *report,
                           guint           k)
{
  PathwaysDisclosureRelations *self;
  g_autoptr(GPtrArray) of = NULL;
  g_autofree gboolean *primary = NULL;
  guint before = 0, after = 0;

  g_return_val_if_fail (report != NULL, 0);

  self = pathways_disclosure_relations_new (report);
  of = relations_of_cells (self);
  hide_formed_counts (report);
  primary = g_new0 (gboolean, MAX (self->cells->len, 1));
  for (guint j = 0; j < self->cells->len; j++)
    {
      PathwaysCell *cell = g_ptr_array_index (self->cells, j);
      before += is_hidden (cell);
      primary[j] = cell->suppression == PATHWAYS_SUPPRESSION_PRIMARY;
    }
  /* hiding a cell only takes a constraint away, so a range never narrows again: one
   * pass over the primary cells is enough (a "<k" turned "*" stays protected) */
  for (guint i = 0; i < self->cells->len; i++)
    if (primary[i])
      protect_cell (self, of, k, i);
  for (guint j = 0; j < self->cells->len; j++)
    after += is_hidden (g_ptr_array_index (self->cells, j));
  pathways_disclosure_relations_free (self);
  return after - before;
}
