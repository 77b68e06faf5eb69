/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include "pathways-i18n.h"

#include "pathways-labels.h"
#include "pathways-report-activity.h"
#include "pathways-activity.h"

/* Tables are built with pathways-report.c's helpers (_pathways_report_table_new ...),
 * declared in pathways-report-activity.h, and freed with the report. */

static void
set_sources (PathwaysCell *cell,
             int           row,
             int           num_col,
             int           den_col)
{
  cell->sources[0].row = row;
  cell->sources[0].col = num_col;
  cell->sources[1].row = row;
  cell->sources[1].col = den_col;
}

static double
pct (guint num,
     guint den)
{
  return den == 0 ? NAN : 100.0 * num / den;
}

char *
_pathways_activity_period_key (const PathwaysPeriod *p)
{
  switch (p->kind)
    {
    case PATHWAYS_PERIOD_FQUARTER:
      return g_strdup_printf ("%d-%02d Q%d", p->year, (p->year + 1) % 100, p->number);
    case PATHWAYS_PERIOD_FYEAR:
      return g_strdup_printf ("%d-%02d", p->year, (p->year + 1) % 100);
    default:
      return pathways_period_to_string (p);
    }
}

/* ---- activity ---- */

static void
add_period_cells (PathwaysReportRow    *row,
                  const PathwaysPeriod *p)
{
  g_autofree char *label = pathways_period_get_label (p);
  g_autofree char *from = pathways_day_to_iso (p->from);
  g_autofree char *to = pathways_day_to_iso (p->to);

  _pathways_report_cell_set (&row->cells[0], NAN, label);
  _pathways_report_cell_set (&row->cells[1], NAN, from);
  _pathways_report_cell_set (&row->cells[2], NAN, to);
}

static void
add_period_columns (PathwaysReportTable *t)
{
  _pathways_report_add_column (t, "period", _("Period"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "from", _("From"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "to", _("To"), PATHWAYS_CELL_LABEL);
}

/* A series is over the filters but not their period (the latest ten years at most):
 * its charts' filter line says so. */
static void
set_series_filters (PathwaysReport      *report,
                    PathwaysReportTable *t)
{
  g_autoptr(PathwaysFilter) rest = pathways_filter_copy (report->filter);
  g_autofree char *text = NULL;

  pathways_filter_set_range (rest, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  text = pathways_filter_describe (rest);
  g_free (t->chart.filters);
  t->chart.filters = text != NULL && *text != '\0' ? g_strdup_printf (_("Up to ten years; %s"), text)
                                                    : g_strdup (_("Up to ten years, all cases"));
}

static const char *
unit_title (PathwaysPeriodKind unit)
{
  switch (unit)
    {
    case PATHWAYS_PERIOD_FQUARTER: return _("Activity by financial quarter");
    case PATHWAYS_PERIOD_FYEAR: return _("Activity by financial year");
    default: return _("Activity by month");
    }
}

static void
build_activity (PathwaysReport         *report,
                const PathwaysActivity *a)
{
  static const char * const class_ids[4] = {
    "closures_planned", "closures_other", "closures_unplanned", "closures_not_recorded",
  };
  const char *class_labels[4] = {
    _("Planned closures"), _("Other closures"), _("Unplanned closures"), _("Closures, reason not recorded"),
  };
  PathwaysReportTable *t;
  int c_new = -1, c_closures = -1, c_caseload, c_ret_unknown = -1, c_closed_unknown, c_start;
  int c_ref;

  t = _pathways_report_table_new (report, "activity", pathways_period_kind_to_string (a->unit),
                                  unit_title (a->unit),
                                  PATHWAYS_CHART_BARS, _("cases"));
  add_period_columns (t);
  c_ref = _pathways_report_add_column (t, "referrals", _("Referrals"), PATHWAYS_CELL_COUNT);
  if (a->has_returners)
    {
      c_new = _pathways_report_add_column (t, "new", _("New"), PATHWAYS_CELL_COUNT);
      _pathways_report_add_column (t, "returning", _("Returning"), PATHWAYS_CELL_COUNT);
    }
  if (a->has_closures)
    {
      /* in the JSON's order: planned, unplanned, other, not recorded */
      static const int order[4] = { PATHWAYS_CLOSURE_PLANNED, PATHWAYS_CLOSURE_UNPLANNED,
                                    PATHWAYS_CLOSURE_OTHER, PATHWAYS_CLOSURE_NOT_RECORDED };
      for (guint k = 0; k < 4; k++)
        {
          int col = _pathways_report_add_column (t, class_ids[order[k]], class_labels[order[k]],
                                                 PATHWAYS_CELL_COUNT);
          if (k == 0)
            c_closures = col;
        }
    }
  c_caseload = _pathways_report_add_column (t, "caseload", _("Open at the end"), PATHWAYS_CELL_COUNT);
  /* what makes each row add up exactly, so that disclosure control sees every relation
   * (pathways-disclosure-audit.c): referrals = new + returning + not recorded, and
   * open at the end = open at the start + referrals - closures - closed on a day not
   * known; a period's start is the end of the one before */
  c_start = _pathways_report_add_column (t, "open_at_start", _("Open at the start"), PATHWAYS_CELL_COUNT);
  if (c_new >= 0)
    c_ret_unknown = _pathways_report_add_column (t, "returning_not_recorded", _("New or returning not recorded"),
                                                 PATHWAYS_CELL_COUNT);
  c_closed_unknown = _pathways_report_add_column (t, "closed_date_unknown", _("Closed, day not known"),
                                                  PATHWAYS_CELL_COUNT);
  set_series_filters (report, t);

  /* newest first: a long series' bar chart and table open on the latest periods */
  for (guint q = a->periods->len; q-- > 0; )
    {
      const PathwaysActivityPeriod *ap = &g_array_index (a->periods, PathwaysActivityPeriod, q);
      g_autofree char *key = _pathways_activity_period_key (&ap->period);
      PathwaysReportRow *row = _pathways_report_add_row (t, key);

      add_period_cells (row, &ap->period);
      _pathways_report_cell_set (&row->cells[c_ref], ap->referrals, NULL);
      if (c_new >= 0)
        {
          _pathways_report_cell_set (&row->cells[c_new], ap->n_new, NULL);
          _pathways_report_cell_set (&row->cells[c_new + 1], ap->n_returning, NULL);
        }
      if (c_closures >= 0)
        {
          _pathways_report_cell_set (&row->cells[c_closures], ap->closures[PATHWAYS_CLOSURE_PLANNED], NULL);
          _pathways_report_cell_set (&row->cells[c_closures + 1], ap->closures[PATHWAYS_CLOSURE_UNPLANNED], NULL);
          _pathways_report_cell_set (&row->cells[c_closures + 2], ap->closures[PATHWAYS_CLOSURE_OTHER], NULL);
          _pathways_report_cell_set (&row->cells[c_closures + 3], ap->closures[PATHWAYS_CLOSURE_NOT_RECORDED], NULL);
        }
      _pathways_report_cell_set (&row->cells[c_caseload], ap->caseload, NULL);
      if (c_ret_unknown >= 0)
        _pathways_report_cell_set (&row->cells[c_ret_unknown], ap->referrals - ap->n_new - ap->n_returning, NULL);
      _pathways_report_cell_set (&row->cells[c_closed_unknown], ap->closed_unknown, NULL);
      _pathways_report_cell_set (&row->cells[c_start],
                                 q > 0 ? g_array_index (a->periods, PathwaysActivityPeriod, q - 1).caseload
                                       : a->open_at_start, NULL);
    }
  g_ptr_array_add (t->chart.notes, g_strdup (_("Over the filters in force, whatever the period; the latest period first.")));
}

/* Whether any service of the dataset has no type: the tables must not depend on the
 * filters (the window keeps its cards while the tables stay the same). */
static gboolean
any_type_missing (PathwaysDataset *ds)
{
  PathwaysColumn *c = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];

  for (guint i = 0; c != NULL && c->codes != NULL && i < c->n_rows; i++)
    if (c->codes[i] == 0)
      return TRUE;
  return FALSE;
}

/* A table per service type of the dataset (whatever the filters), "Not recorded"
 * only when some service has no type. */
static void
build_waiting_list (PathwaysReport         *report,
                    const PathwaysActivity *a)
{
  PathwaysDictionary *dict = report->dataset->columns[PATHWAYS_FIELD_SERVICE_TYPE]->dict;
  guint n = a->periods->len;
  gboolean missing = any_type_missing (report->dataset);

  for (guint type = missing ? 0 : 1; type < a->n_types; type++)
    {
      const char *name = pathways_dictionary_get (dict, type);
      g_autofree char *title = g_strdup_printf (_("Waiting list: %s"), name);
      PathwaysReportTable *t;

      t = _pathways_report_table_new (report, "activity_waiting_list", name, title,
                                      PATHWAYS_CHART_TREND, _("services"));
      set_series_filters (report, t);
      add_period_columns (t);
      /* "n" and "median": the columns the trend chart draws (the JSON's "count" and
       * "median_wait_so_far") */
      _pathways_report_add_column (t, "n", _("Waiting at the end"), PATHWAYS_CELL_COUNT);
      _pathways_report_add_column (t, "median", _("Median wait so far (days)"),
                                   PATHWAYS_CELL_STATISTIC);
      for (guint p = 0; p < n; p++)
        {
          const PathwaysActivityPeriod *ap = &g_array_index (a->periods, PathwaysActivityPeriod, p);
          g_autofree char *key = _pathways_activity_period_key (&ap->period);
          PathwaysReportRow *row = _pathways_report_add_row (t, key);
          gsize c = (gsize) p * a->n_types + type;

          add_period_cells (row, &ap->period);
          _pathways_report_cell_set (&row->cells[3], a->waiting[c], NULL);
          _pathways_report_cell_set (&row->cells[4], a->waiting_median[c], NULL);
          row->cells[4].sources[0].row = t->rows->len - 1;
          row->cells[4].sources[0].col = 3;
        }
    }
}

/* ---- targets ---- */

static const char * const target_sets[3] = { "", "previous_", "year_before_" };

static void
add_target_columns (PathwaysReportTable *t)
{
  const char *titles[3] = { _("This period"), _("Period before"), _("A year before") };

  _pathways_report_add_column (t, "label", _("Target"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "measure", _("Measure"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "within", _("Within"), PATHWAYS_CELL_SETTING);
  _pathways_report_add_column (t, "unit", _("Unit"), PATHWAYS_CELL_LABEL);
  for (guint s = 0; s < 3; s++)
    {
      static const char * const ids[] = { "period", "numerator", "base", "pct", "ci_low", "ci_high" };
      const PathwaysCellKind kinds[] = { PATHWAYS_CELL_LABEL, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT,
                                         PATHWAYS_CELL_PERCENT, PATHWAYS_CELL_RATE, PATHWAYS_CELL_RATE };
      const char *labels[] = { _("Period"), _("Met"), _("Base"), _("%"), _("95 % CI low"), _("95 % CI high") };

      for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
        {
          g_autofree char *id = g_strconcat (target_sets[s], ids[k], NULL);
          g_autofree char *label = g_strdup_printf ("%s: %s", titles[s], labels[k]);
          _pathways_report_add_column (t, id, label, kinds[k]);
        }
    }
}

static void
fill_target_count (PathwaysReportRow         *row,
                   int                        r,
                   guint                      col,
                   const PathwaysTargetCount *count)
{
  double lo = NAN, hi = NAN;
  g_autofree char *label = NULL;

  if (!count->defined)
    return;
  if (count->period.kind != PATHWAYS_PERIOD_WHOLE)
    label = pathways_period_get_label (&count->period);
  _pathways_report_cell_set (&row->cells[col], NAN, label);
  _pathways_report_cell_set (&row->cells[col + 1], count->numerator, NULL);
  _pathways_report_cell_set (&row->cells[col + 2], count->base, NULL);
  _pathways_report_cell_set (&row->cells[col + 3], pct (count->numerator, count->base), NULL);
  pathways_wilson_interval (count->numerator, count->base, &lo, &hi);
  _pathways_report_cell_set (&row->cells[col + 4], lo, NULL);
  _pathways_report_cell_set (&row->cells[col + 5], hi, NULL);
  for (guint k = 3; k <= 5; k++)
    set_sources (&row->cells[col + k], r, col + 1, col + 2);
}

static void
build_targets (PathwaysReport         *report,
               const PathwaysActivity *a)
{
  PathwaysReportTable *t = NULL;

  for (guint k = 0; k < a->targets->len; k++)
    {
      const PathwaysTargetResult *tr = &g_array_index (a->targets, PathwaysTargetResult, k);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      PathwaysReportRow *row;
      int r;

      if (!tr->present)
        continue;
      if (t == NULL)
        {
          t = _pathways_report_table_new (report, "targets", NULL, _("Targets"),
                                          PATHWAYS_CHART_RATES, _("percent"));
          add_target_columns (t);
        }
      id = pathways_target_to_string (&tr->target);
      label = pathways_target_get_label (&tr->target);
      row = _pathways_report_add_row (t, id);
      r = t->rows->len - 1;
      _pathways_report_cell_set (&row->cells[0], NAN, label);
      _pathways_report_cell_set (&row->cells[1], NAN, pathways_target_measure_get_id (tr->target.measure));
      _pathways_report_cell_set (&row->cells[2], tr->target.within, NULL);
      _pathways_report_cell_set (&row->cells[3], NAN, pathways_target_unit_get_id (tr->target.unit));
      fill_target_count (row, r, 4, &tr->now);
      fill_target_count (row, r, 10, &tr->previous);
      fill_target_count (row, r, 16, &tr->year_before);
    }
  if (t != NULL)
    g_ptr_array_add (t->chart.notes,
                     g_strdup (_("Working days are Monday to Friday less the bank holidays of England and Wales.")));
}

/* ---- breakdowns ---- */

/* Codes 1.. in dictionary order, then Not recorded */
static guint
code_at (guint k,
         guint n)
{
  return k + 1 < n ? k + 1 : 0;
}

static void
build_split_rates (PathwaysReport         *report,
                   const PathwaysActivity *a)
{
  PathwaysDictionary *dict = report->dataset->columns[a->split_field]->dict;
  const char *field = pathways_field_get_name (a->split_field);
  g_autofree char *label = pathways_labels_in_sentence (_(pathways_field_get_label (a->split_field)));
  g_autofree char *title = g_strdup_printf (_("Planned-closure rate by %s"), label);
  PathwaysReportTable *t = _pathways_report_table_new (report, "breakdown_rates", field, title,
                                                       PATHWAYS_CHART_RATES, _("percent"));
  guint closed = 0;

  _pathways_report_add_column (t, "group", _("Group"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "closed", _("Closed"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "planned", _("Planned"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "rate", _("Rate %"), PATHWAYS_CELL_RATE);
  _pathways_report_add_column (t, "ci_low", _("95 % CI low"), PATHWAYS_CELL_RATE);
  _pathways_report_add_column (t, "ci_high", _("95 % CI high"), PATHWAYS_CELL_RATE);
  for (guint k = 0; k < a->split_n; k++)
    {
      guint v = code_at (k, a->split_n);
      const char *group = pathways_dictionary_get (dict, v);
      PathwaysReportRow *row;
      double lo, hi;
      int r;

      if (a->split_closed[v] == 0)
        continue;
      closed += a->split_closed[v];
      row = _pathways_report_add_row (t, group);
      r = t->rows->len - 1;
      _pathways_report_cell_set (&row->cells[0], NAN, group);
      _pathways_report_cell_set (&row->cells[1], a->split_closed[v], NULL);
      _pathways_report_cell_set (&row->cells[2], a->split_planned[v], NULL);
      _pathways_report_cell_set (&row->cells[3], pct (a->split_planned[v], a->split_closed[v]), NULL);
      pathways_wilson_interval (a->split_planned[v], a->split_closed[v], &lo, &hi);
      _pathways_report_cell_set (&row->cells[4], lo, NULL);
      _pathways_report_cell_set (&row->cells[5], hi, NULL);
      for (guint c = 3; c <= 5; c++)
        set_sources (&row->cells[c], r, 1, 2);
    }
  _pathways_report_cell_set (&t->base, closed, NULL);
  t->base_label = g_strdup (_("closed cases"));
}

static void
build_crosstab (PathwaysReport         *report,
                const PathwaysActivity *a)
{
  PathwaysField fr = report->options.crosstab_rows, fc = report->options.crosstab_cols;
  PathwaysDictionary *dr = report->dataset->columns[fr]->dict, *dc = report->dataset->columns[fc]->dict;
  g_autofree char *key = g_strdup_printf ("%s×%s", pathways_field_get_name (fr), pathways_field_get_name (fc));
  g_autofree char *title = g_strdup_printf (_("%s by %s"), pathways_field_get_label (fr),
                                            pathways_field_get_label (fc));
  g_autofree guint *row_tot = g_new0 (guint, a->xt_n_rows);
  g_autofree guint *col_tot = g_new0 (guint, a->xt_n_cols);
  PathwaysReportTable *t = _pathways_report_table_new (report, "crosstab", key, title,
                                                       PATHWAYS_CHART_NONE, _("cases"));
  guint total = 0;

  _pathways_report_add_column (t, "row", pathways_field_get_label (fr), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "column", pathways_field_get_label (fc), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "count", _("Cases"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "row_total", _("Row total"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "column_total", _("Column total"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "row_pct", _("% of row"), PATHWAYS_CELL_PERCENT);
  _pathways_report_add_column (t, "column_pct", _("% of column"), PATHWAYS_CELL_PERCENT);
  for (guint i = 0; i < a->xt_n_rows; i++)
    for (guint j = 0; j < a->xt_n_cols; j++)
      {
        guint n = a->xt_counts[(gsize) i * a->xt_n_cols + j];
        row_tot[i] += n;
        col_tot[j] += n;
        total += n;
      }
  for (guint ki = 0; ki < a->xt_n_rows; ki++)
    for (guint kj = 0; kj < a->xt_n_cols; kj++)
      {
        guint i = code_at (ki, a->xt_n_rows), j = code_at (kj, a->xt_n_cols);
        guint n = a->xt_counts[(gsize) i * a->xt_n_cols + j];
        const char *vr = pathways_dictionary_get (dr, i), *vc = pathways_dictionary_get (dc, j);
        g_autofree char *id = NULL;
        PathwaysReportRow *row;
        int r;

        if (row_tot[i] == 0 || col_tot[j] == 0)
          continue;
        id = g_strdup_printf ("%s\x1f%s", vr, vc);
        row = _pathways_report_add_row (t, id);
        r = t->rows->len - 1;
        _pathways_report_cell_set (&row->cells[0], NAN, vr);
        _pathways_report_cell_set (&row->cells[1], NAN, vc);
        _pathways_report_cell_set (&row->cells[2], n, NULL);
        _pathways_report_cell_set (&row->cells[3], row_tot[i], NULL);
        _pathways_report_cell_set (&row->cells[4], col_tot[j], NULL);
        _pathways_report_cell_set (&row->cells[5], pct (n, row_tot[i]), NULL);
        _pathways_report_cell_set (&row->cells[6], pct (n, col_tot[j]), NULL);
        set_sources (&row->cells[5], r, 2, 3);
        set_sources (&row->cells[6], r, 2, 4);
      }
  _pathways_report_cell_set (&t->base, total, NULL);
  t->base_label = g_strdup (_("cases"));
}

/* The activity's figures take as long as the rest of a report at a million cases and
 * read only the dataset, the selections and the cache's tables made with it (never
 * those the measures add as they go), so that a report works them out on a thread
 * of their own beside the measures. */
#define ACTIVITY_THREAD_MIN_CASES 50000

static gint thread_min_cases = ACTIVITY_THREAD_MIN_CASES;

guint
_pathways_report_set_activity_thread_min (guint min_cases)
{
  return (guint) g_atomic_int_exchange (&thread_min_cases, (gint) MIN (min_cases, G_MAXINT));
}

struct _PathwaysReportActivityJob {
  PathwaysReport          *report;
  PathwaysMeasuresCache   *cache;
  const PathwaysSelection *selection;
  PathwaysActivity        *activity;
  GThread                 *thread;
};

static gpointer
activity_thread (gpointer data)
{
  PathwaysReportActivityJob *job = data;
  PathwaysReport *report = job->report;

  job->activity = pathways_activity_compute (report->dataset, job->cache, report->filter,
                                             job->selection, &report->options);
  return NULL;
}

PathwaysReportActivityJob *
_pathways_report_activity_start (PathwaysReport          *report,
                                 PathwaysMeasuresCache   *cache,
                                 const PathwaysSelection *selection)
{
  const PathwaysMeasuresOptions *o = &report->options;
  PathwaysReportActivityJob *job;

  if (!o->activity && o->n_targets == 0 && !o->breakdowns && !o->crosstab)
    return NULL;
  job = g_new0 (PathwaysReportActivityJob, 1);
  job->report = report;
  job->cache = cache;
  job->selection = selection;
  if (report->dataset->n_cases >= (guint) g_atomic_int_get (&thread_min_cases))
    job->thread = g_thread_try_new ("pathways-activity", activity_thread, job, NULL);
  if (job->thread == NULL)
    activity_thread (job);
  return job;
}

void
_pathways_report_add_activity (PathwaysReport            *report,
                               PathwaysReportActivityJob *job)
{
  g_autoptr(PathwaysActivity) a = NULL;

  if (job == NULL)
    return;
  if (job->thread != NULL)
    g_thread_join (job->thread);
  a = g_steal_pointer (&job->activity);
  g_free (job);
  if (a->has_activity && a->periods->len > 0)
    {
      build_activity (report, a);
      if (a->has_waiting_list)
        build_waiting_list (report, a);
    }
  build_targets (report, a);
  if (a->split_field >= 0)
    build_split_rates (report, a);
  if (a->has_crosstab)
    build_crosstab (report, a);
}
