/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-disclosure"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "pathways-disclosure.h"

void
pathways_disclosure_protect_lines (const double                 *values,
                                   gboolean                     *suppressed,
                                   guint                         n_values,
                                   const PathwaysDisclosureLine *lines,
                                   guint                         n_lines)
{
  gboolean changed = TRUE;

  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (suppressed != NULL || n_values == 0);

  /* Suppression only grows, so this reaches a fixed point. */
  while (changed)
    {
      changed = FALSE;
      for (guint l = 0; l < n_lines; l++)
        {
          const PathwaysDisclosureLine *line = &lines[l];
          guint hidden = 0;
          int pick = -1;
          guint total;

          if (line->n_members == 0)
            continue;
          total = line->members[line->n_members - 1];
          for (guint k = 0; k < line->n_members; k++)
            {
              g_return_if_fail (line->members[k] < n_values);
              hidden += suppressed[line->members[k]] ? 1 : 0;
            }
          if (hidden != 1)
            continue;

          /* the smallest other non-zero shown cell */
          for (guint k = 0; k + 1 < line->n_members; k++)
            {
              guint idx = line->members[k];
              if (suppressed[idx] || values[idx] <= 0)
                continue;
              if (pick < 0 || values[idx] < values[pick])
                pick = idx;
            }
          /* no such cell: the hidden cell equals the total, so hide the total */
          if (pick < 0 && !suppressed[total] && values[total] > 0)
            pick = total;
          if (pick >= 0)
            {
              suppressed[pick] = TRUE;
              changed = TRUE;
            }
        }
    }
}

static gboolean
is_hidden (const PathwaysCell *cell)
{
  return cell->suppression != PATHWAYS_SUPPRESSION_NONE;
}

static gboolean
small (double v,
       guint  k)
{
  return !isnan (v) && v > 0 && v < k;
}

static void
protect_table (PathwaysReportTable *t,
               guint                k,
               gboolean             round5)
{
  guint n_cols = t->columns->len;
  guint n_rows = t->rows->len;

#define CELL(r, c) (&((PathwaysReportRow *) g_ptr_array_index (t->rows, (r)))->cells[(c)])

  /* 1. primary: counts (base and totals included) */
  if (small (t->base.value, k) && t->base.defined)
    t->base.suppression = PATHWAYS_SUPPRESSION_PRIMARY;
  if (t->totals != NULL)
    for (guint c = 0; c < n_cols; c++)
      if (t->totals[c].defined && small (t->totals[c].value, k))
        t->totals[c].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        PathwaysCell *cell = CELL (r, c);
        /* counts computed from other counts (funnel drops) are handled in step 3 */
        if (cell->kind == PATHWAYS_CELL_COUNT && cell->defined && cell->sources[0].row < 0 &&
            small (cell->value, k))
          cell->suppression = PATHWAYS_SUPPRESSION_PRIMARY;
      }

  /* 2. secondary: each additive column adds up to its total */
  {
    g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (PathwaysDisclosureLine));
    g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
    guint n_values = n_rows * n_cols + n_cols;
    g_autofree double *values = g_new0 (double, MAX (n_values, 1));
    g_autofree gboolean *supp = g_new0 (gboolean, MAX (n_values, 1));

    for (guint c = 0; c < n_cols; c++)
      {
        PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
        PathwaysCell *total;
        PathwaysDisclosureLine line;
        guint *mem;

        if (!col->additive || t->totals == NULL || !t->totals[c].defined)
          continue;
        total = &t->totals[c];
        mem = g_new (guint, n_rows + 1);
        for (guint r = 0; r < n_rows; r++)
          {
            PathwaysCell *cell = CELL (r, c);
            mem[r] = r * n_cols + c;
            values[mem[r]] = cell->defined ? cell->value : 0;
            supp[mem[r]] = is_hidden (cell);
          }
        mem[n_rows] = n_rows * n_cols + c;
        values[mem[n_rows]] = total->value;
        supp[mem[n_rows]] = is_hidden (total);
        line.n_members = n_rows + 1;
        line.members = mem;
        g_ptr_array_add (members, mem);
        g_array_append_val (lines, line);
      }
    if (lines->len > 0)
      {
        pathways_disclosure_protect_lines (values, supp, n_values,
                                           (const PathwaysDisclosureLine *) (gpointer) lines->data,
                                           lines->len);
        for (guint l = 0; l < lines->len; l++)
          {
            const PathwaysDisclosureLine *line = &g_array_index (lines, PathwaysDisclosureLine, l);
            for (guint m = 0; m < line->n_members; m++)
              {
                guint idx = line->members[m];
                PathwaysCell *cell = idx >= n_rows * n_cols ? &t->totals[idx - n_rows * n_cols]
                                                            : CELL (idx / n_cols, idx % n_cols);
                if (supp[idx] && !is_hidden (cell))
                  cell->suppression = PATHWAYS_SUPPRESSION_SECONDARY;
              }
          }
        /* the base is the total of the first additive column when they agree */
        for (guint c = 0; c < n_cols; c++)
          if (t->totals[c].defined && t->totals[c].value == t->base.value &&
              is_hidden (&t->totals[c]) && !is_hidden (&t->base))
            t->base.suppression = t->totals[c].suppression;
      }
  }

  /* 3. derived values, in row order (sources are counts, already settled) */
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        PathwaysCell *cell = CELL (r, c);
        gboolean hide = FALSE;

        if (cell->kind == PATHWAYS_CELL_LABEL || cell->kind == PATHWAYS_CELL_SETTING)
          continue;
        for (guint s = 0; s < 2; s++)
          {
            const PathwaysCellRef *ref = &cell->sources[s];
            if (ref->row >= 0 && (guint) ref->row < n_rows && (guint) ref->col < n_cols &&
                is_hidden (CELL (ref->row, ref->col)))
              hide = TRUE;
          }
        if (cell->uses_base && is_hidden (&t->base))
          hide = TRUE;
        if (small (cell->hidden_num, k) || small (cell->hidden_den, k))
          hide = TRUE;
        /* a count computed from others (a funnel drop) must itself be 0 or ≥ k */
        if (cell->kind == PATHWAYS_CELL_COUNT && cell->sources[0].row >= 0 &&
            cell->defined && fabs (cell->value) > 0 && fabs (cell->value) < k)
          hide = TRUE;
        if (hide && !is_hidden (cell))
          cell->suppression = PATHWAYS_SUPPRESSION_DERIVED;
      }

  /* 4. rounding of every shown count */
  if (round5)
    {
      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_cols; c++)
          {
            PathwaysCell *cell = CELL (r, c);
            if (cell->kind == PATHWAYS_CELL_COUNT && cell->defined && !is_hidden (cell))
              {
                double sign = cell->value < 0 ? -1 : 1;
                cell->value = sign * 5.0 * floor (fabs (cell->value) / 5.0 + 0.5);
                cell->rounded = TRUE;
              }
          }
      if (t->base.defined && !is_hidden (&t->base))
        {
          t->base.value = 5.0 * floor (t->base.value / 5.0 + 0.5);
          t->base.rounded = TRUE;
        }
    }
#undef CELL
}

void
pathways_disclosure_apply (PathwaysReport *self,
                           guint           k,
                           gboolean        round5)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (k >= PATHWAYS_DISCLOSURE_MIN_THRESHOLD && k <= PATHWAYS_DISCLOSURE_MAX_THRESHOLD);
  g_return_if_fail (self->threshold == 0);

  self->threshold = k;
  self->round5 = round5;
  for (guint i = 0; i < self->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (self->tables, i);
      if (t->protect)
        protect_table (t, k, round5);
    }
  pathways_report_update_base_texts (self);
}

char *
pathways_disclosure_describe (guint    k,
                              gboolean round5)
{
  g_autofree char *first = NULL;

  if (k == 0)
    return g_strdup (_("Exact figures: small numbers are not protected."));
  first = g_strdup_printf (_("Counts from 1 to %u are shown as <%u; figures computed from them, "
                             "and other cells that would reveal them, are shown as *."),
                           k - 1, k);
  if (!round5)
    return g_steal_pointer (&first);
  return g_strdup_printf ("%s %s", first, _("Other counts are rounded to the nearest 5."));
}
