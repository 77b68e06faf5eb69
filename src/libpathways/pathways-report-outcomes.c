/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-report"

#include "config.h"

#include <math.h>

#include "pathways-i18n.h"

#include "pathways-outcomes.h"
#include "pathways-report-activity.h"
#include "pathways-report-outcomes.h"

enum {
  COL_INSTRUMENT, COL_ITEM, COL_PAIRED, COL_CLOSED,
  COL_COMPLETION, COL_COMPLETION_PLANNED, COL_COMPLETION_UNPLANNED, COL_COMPLETION_OTHER,
  COL_MEAN_START, COL_MEAN_END, COL_MEAN_CHANGE, COL_CI_LOW, COL_CI_HIGH,
  COL_IMPROVED, COL_SAME, COL_WORSE,
  COL_CASENESS, COL_RELIABLE_IMPROVEMENT, COL_RECOVERY, COL_RELIABLE_RECOVERY,
  N_COLS
};

static void
add_columns (PathwaysReportTable *t)
{
  _pathways_report_add_column (t, "instrument", _("Instrument"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "item", _("Item"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "paired_n", _("Paired"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "closed", _("Closed cases"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "completion", _("Completion %"), PATHWAYS_CELL_PERCENT);
  _pathways_report_add_column (t, "completion_planned", _("Planned %"), PATHWAYS_CELL_PERCENT);
  _pathways_report_add_column (t, "completion_unplanned", _("Unplanned %"), PATHWAYS_CELL_PERCENT);
  _pathways_report_add_column (t, "completion_other", _("Other %"), PATHWAYS_CELL_PERCENT);
  _pathways_report_add_column (t, "mean_start", _("Mean at start"), PATHWAYS_CELL_STATISTIC);
  _pathways_report_add_column (t, "mean_end", _("Mean at end"), PATHWAYS_CELL_STATISTIC);
  _pathways_report_add_column (t, "mean_change", _("Mean change"), PATHWAYS_CELL_STATISTIC);
  _pathways_report_add_column (t, "change_ci_low", _("Low"), PATHWAYS_CELL_STATISTIC);
  _pathways_report_add_column (t, "change_ci_high", _("High"), PATHWAYS_CELL_STATISTIC);
  _pathways_report_add_column (t, "improved", _("Improved"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "same", _("Same"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "worse", _("Worse"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "caseness_start", _("At caseness"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "reliable_improvement", _("Reliable improvement"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "recovery", _("Recovery"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "reliable_recovery", _("Reliable recovery"), PATHWAYS_CELL_COUNT);
}

/* a statistic of the paired cases: hidden with their count */
static void
set_stat (PathwaysCell *cell,
          int           row,
          double        value)
{
  _pathways_report_cell_set (cell, value, NULL);
  cell->sources[0] = (PathwaysCellRef) { row, COL_PAIRED };
}

static void
set_completion (PathwaysCell                *cell,
                const PathwaysOutcomeResult *res,
                guint                        closure_class)
{
  guint num = 0, den = 0;

  for (guint k = 0; k < PATHWAYS_N_CLOSURE_CLASSES; k++)
    if (closure_class == PATHWAYS_N_CLOSURE_CLASSES || k == closure_class)
      {
        num += res->closed_paired[k];
        den += res->closed[k];
      }
  _pathways_report_cell_set (cell, pathways_outcome_result_completion (res, closure_class), NULL);
  cell->hidden_num = num;
  cell->hidden_den = den;
}

static void
add_result_row (PathwaysReportTable         *t,
                const PathwaysOutcomeResult *res,
                const char                  *id)
{
  PathwaysReportRow *row = _pathways_report_add_row (t, id);
  PathwaysCell *c = row->cells;
  int r = t->rows->len - 1;
  guint closed = 0;

  for (guint k = 0; k < PATHWAYS_N_CLOSURE_CLASSES; k++)
    closed += res->closed[k];
  _pathways_report_cell_set (&c[COL_INSTRUMENT], 0, res->instrument);
  _pathways_report_cell_set (&c[COL_ITEM], 0, res->item);
  _pathways_report_cell_set (&c[COL_PAIRED], res->paired_n, NULL);
  _pathways_report_cell_set (&c[COL_CLOSED], closed, NULL);
  set_completion (&c[COL_COMPLETION], res, PATHWAYS_N_CLOSURE_CLASSES);
  set_completion (&c[COL_COMPLETION_PLANNED], res, PATHWAYS_CLOSURE_PLANNED);
  set_completion (&c[COL_COMPLETION_UNPLANNED], res, PATHWAYS_CLOSURE_UNPLANNED);
  set_completion (&c[COL_COMPLETION_OTHER], res, PATHWAYS_CLOSURE_OTHER);
  set_stat (&c[COL_MEAN_START], r, res->mean_start);
  set_stat (&c[COL_MEAN_END], r, res->mean_end);
  set_stat (&c[COL_MEAN_CHANGE], r, res->mean_change);
  set_stat (&c[COL_CI_LOW], r, res->change_ci_low);
  set_stat (&c[COL_CI_HIGH], r, res->change_ci_high);
  _pathways_report_cell_set (&c[COL_IMPROVED], res->improved, NULL);
  _pathways_report_cell_set (&c[COL_SAME], res->same, NULL);
  _pathways_report_cell_set (&c[COL_WORSE], res->worse, NULL);
  /* clinical counts: undefined (null) for a scale that is not clinical */
  _pathways_report_cell_set (&c[COL_CASENESS], res->scale.clinical ? res->caseness_start : NAN, NULL);
  _pathways_report_cell_set (&c[COL_RELIABLE_IMPROVEMENT], res->scale.clinical ? res->reliable_improvement : NAN, NULL);
  _pathways_report_cell_set (&c[COL_RECOVERY], res->scale.clinical ? res->recovery : NAN, NULL);
  _pathways_report_cell_set (&c[COL_RELIABLE_RECOVERY], res->scale.clinical ? res->reliable_recovery : NAN, NULL);
}

static void
add_distribution (PathwaysReport              *report,
                  const PathwaysOutcomeResult *res,
                  const char                  *id)
{
  /* one colon at most: "Answers to “I feel safe” (Cope and recover), at start and at
   * end"; a questionnaire's total is named once: "PHQ-9 scores at start and at end" */
  g_autofree char *title = g_strcmp0 (res->item, res->instrument) == 0
    /* Translators: %s is a questionnaire, "PHQ-9 scores at start and at end" */
    ? g_strdup_printf (_("%s scores at start and at end"), res->instrument)
    /* Translators: an item in quotes, then its questionnaire */
    : g_strdup_printf (_("Answers to “%s” (%s), at start and at end"), res->item, res->instrument);
  PathwaysReportTable *t = _pathways_report_table_new (report, "outcome_distribution", id, title,
                                                       PATHWAYS_CHART_DIVERGING, _("cases"));

  _pathways_report_add_column (t, "value", _("Answer"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "start", _("At start"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "end", _("At end"), PATHWAYS_CELL_COUNT);
  for (guint b = 0; b < res->n_bins; b++)
    {
      PathwaysReportRow *row = _pathways_report_add_row (t, res->bin_labels[b]);

      _pathways_report_cell_set (&row->cells[0], 0, res->bin_labels[b]);
      _pathways_report_cell_set (&row->cells[1], res->start_counts[b], NULL);
      _pathways_report_cell_set (&row->cells[2], res->end_counts[b], NULL);
    }
  _pathways_report_cell_set (&t->base, res->paired_n, NULL);
  t->base_label = g_strdup (_("cases with answers at start and at end"));
}

void
_pathways_report_add_outcomes (PathwaysReport          *report,
                               const PathwaysSelection *selection)
{
  g_autoptr(GArray) results = NULL;
  PathwaysReportTable *t;

  if (report->dataset->outcomes == NULL)
    return;
  results = pathways_outcomes_compute (report->dataset, selection);
  t = _pathways_report_table_new (report, "outcomes", NULL, _("Outcomes at start and at end"),
                                  PATHWAYS_CHART_CHANGE, _("cases"));
  add_columns (t);
  /* its chart is the change chart: the table's figures are more than it shows */
  g_free (t->chart.title);
  t->chart.title = g_strdup (_("Improved, same or worse, by item"));
  g_ptr_array_add (t->chart.notes,
                   g_strdup (_("Completion: closed cases with answers at start and at end, of closed cases.")));
  for (guint m = 0; m < results->len; m++)
    {
      const PathwaysOutcomeResult *res = &g_array_index (results, PathwaysOutcomeResult, m);
      g_autofree char *id = g_strdup_printf ("%s: %s", res->instrument, res->item);

      add_result_row (t, res, id);
    }
  for (guint m = 0; m < results->len; m++)
    {
      const PathwaysOutcomeResult *res = &g_array_index (results, PathwaysOutcomeResult, m);
      g_autofree char *id = g_strdup_printf ("%s: %s", res->instrument, res->item);

      add_distribution (report, res, id);
    }
}
