/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-return.c: filling a funder-return template for a cohort.
 *
 * The rows are grouped by their filters; each group is one report of the cohort's
 * filter narrowed by the row's (with the activity series and the template's targets
 * when a row asks for them), and each row reads its figure from that report's tables.
 * The report of the cohort itself carries the return: its tables are replaced by one
 * table per section (columns: label, figure, numerator, base, unit, target; the
 * figure's kind is the row's, percents and medians derive from the numerator and base
 * so that disclosure control hides them with their counts). */
#define G_LOG_DOMAIN "pathways-return"

#include "config.h"

#include <math.h>
#include <string.h>
#include "pathways-i18n.h"

#include "pathways-return-private.h"
#include "pathways-activity.h"
#include "pathways-report-activity.h"
#include "pathways-labels.h"

enum { C_LABEL, C_FIGURE, C_NUMERATOR, C_BASE, C_UNIT, C_TARGET };

typedef struct {
  gboolean            activity;
  PathwaysPeriodKind  unit;
  PathwaysPeriod      period;     /* the cohort's period (activity rows) */
  guint               n_targets;
  PathwaysTarget      targets[PATHWAYS_MAX_TARGETS];
} Needs;

/* What the template asks of every report: the activity unit of the cohort's period,
 * the targets. */
static gboolean
template_needs (const PathwaysReturnTemplate *self,
                const PathwaysFilter         *filter,
                Needs                        *needs,
                GError                      **error)
{
  memset (needs, 0, sizeof *needs);
  for (guint s = 0; s < self->sections->len; s++)
    {
      ReturnSection *section = g_ptr_array_index (self->sections, s);

      for (guint r = 0; r < section->rows->len; r++)
        {
          ReturnRow *row = g_ptr_array_index (section->rows, r);
          PathwaysTarget target;
          gboolean known = FALSE;

          needs->activity |= _pathways_return_measure_is_activity (row->measure);
          if (row->measure != RETURN_TARGET)
            continue;
          pathways_target_parse (row->argument, &target, NULL);
          for (guint k = 0; k < needs->n_targets; k++)
            known |= pathways_target_equal (&needs->targets[k], &target);
          if (known)
            continue;
          if (needs->n_targets == PATHWAYS_MAX_TARGETS)
            {
              g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_INVALID,
                           _("The return template %s asks for more than %d targets"),
                           self->id, PATHWAYS_MAX_TARGETS);
              return FALSE;
            }
          needs->targets[needs->n_targets++] = target;
        }
    }
  if (!needs->activity)
    return TRUE;
  /* closures, caseload and the waiting list are read from the activity series: the
   * cohort's period must be one of its periods */
  if (!pathways_activity_filter_period (filter, &needs->period) ||
      (needs->period.kind != PATHWAYS_PERIOD_MONTH && needs->period.kind != PATHWAYS_PERIOD_QUARTER &&
       needs->period.kind != PATHWAYS_PERIOD_FQUARTER && needs->period.kind != PATHWAYS_PERIOD_FYEAR))
    {
      g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_PERIOD,
                   _("The return template %s counts closures, caseload or the waiting list: "
                     "give --period a month, a quarter or a financial year"), self->id);
      return FALSE;
    }
  needs->unit = needs->period.kind == PATHWAYS_PERIOD_MONTH ? PATHWAYS_PERIOD_MONTH
              : needs->period.kind == PATHWAYS_PERIOD_FYEAR ? PATHWAYS_PERIOD_FYEAR
              : PATHWAYS_PERIOD_FQUARTER;
  return TRUE;
}

/* The cohort's filter narrowed by ROW's: a field the cohort already filters keeps only
 * the row's values (which must be among the cohort's). */
static PathwaysFilter *
row_filter (const PathwaysFilter *cohort,
            PathwaysDataset      *dataset,
            const ReturnRow      *row,
            GError              **error)
{
  g_autoptr(PathwaysFilter) narrowed = pathways_filter_copy (cohort);
  g_autoptr(PathwaysFilter) wanted = pathways_filter_new ();

  for (guint i = 0; row->filters[i] != NULL; i++)
    if (!pathways_filter_add_argument (wanted, dataset, row->filters[i], error))
      return NULL;
  for (guint f = 0; f < pathways_filter_get_n_fields (wanted); f++)
    {
      PathwaysField field = pathways_filter_get_field (wanted, f);
      const char * const *values = pathways_filter_get_values (wanted, field);
      const char * const *allowed = pathways_filter_get_values (cohort, field);

      for (guint v = 0; allowed != NULL && values[v] != NULL; v++)
        if (!g_strv_contains (allowed, values[v]))
          {
            g_set_error (error, PATHWAYS_RETURN_ERROR, PATHWAYS_RETURN_ERROR_FILTER,
                         _("The row “%s” counts %s “%s”, which the filters given leave out"),
                         row->label, pathways_field_get_label (field), values[v]);
            return NULL;
          }
      pathways_filter_clear_field (narrowed, field);
      for (guint v = 0; values[v] != NULL; v++)
        pathways_filter_add_value (narrowed, field, values[v]);
    }
  return g_steal_pointer (&narrowed);
}

static double
cell_value (PathwaysReport *report,
            const char     *id,
            const char     *key,
            const char     *row,
            const char     *column)
{
  PathwaysCell *cell = pathways_report_get_cell (report, id, key, row, column);

  return cell != NULL && cell->defined ? cell->value : NAN;
}

/* The activity table's row of the cohort's period, or NULL. */
static PathwaysReportRow *
activity_row (PathwaysReportTable  *t,
              const PathwaysPeriod *period)
{
  g_autofree char *from = pathways_day_to_iso (period->from);

  for (guint r = 0; t != NULL && r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      if (g_strcmp0 (row->cells[1].text, from) == 0)
        return row;
    }
  return NULL;
}

static double
activity_figure (PathwaysReport  *report,
                 const Needs     *needs,
                 ReturnMeasure    measure)
{
  PathwaysReportTable *t = pathways_report_get_table (report, "activity",
                                                      pathways_period_kind_to_string (needs->unit));
  PathwaysReportRow *row = activity_row (t, &needs->period);
  static const char * const classes[] = {
    "closures_planned", "closures_unplanned", "closures_other", "closures_not_recorded",
  };
  double sum = 0;

  if (row == NULL)
    return NAN;
  switch (measure)
    {
    case RETURN_CASELOAD:
      return row->cells[pathways_report_table_find_column (t, "caseload")].value;
    case RETURN_PLANNED_CLOSURES:
    case RETURN_CLOSURES:
      for (guint k = 0; k < (measure == RETURN_CLOSURES ? G_N_ELEMENTS (classes) : 1); k++)
        {
          int c = pathways_report_table_find_column (t, classes[k]);
          if (c < 0)
            return NAN;   /* closure dates are not mapped */
          sum += row->cells[c].value;
        }
      return sum;
    case RETURN_WAITING_LIST:
    default:
      /* every service type's list: the tables of types with no one waiting are left out */
      for (guint k = 0; k < report->tables->len; k++)
        {
          PathwaysReportTable *w = g_ptr_array_index (report->tables, k);
          PathwaysReportRow *wr;

          if (!g_str_equal (w->id, "activity_waiting_list"))
            continue;
          wr = activity_row (w, &needs->period);
          if (wr != NULL && wr->cells[3].defined)
            sum += wr->cells[3].value;
        }
      return sum;
    }
}

static guint
planned_closures (PathwaysReport *report)
{
  const PathwaysMeasures *m = report->measures;
  guint planned = 0;

  for (guint c = 0; m->has_closure_reasons && c < m->closure_n_reasons; c++)
    if (m->closure_reason_class[c] == PATHWAYS_CLOSURE_PLANNED)
      planned += m->closure_counts[c];
  return planned;
}

/* Fills ROW's figure, numerator and base from REPORT. */
static void
fill_figure (PathwaysReport  *report,
             const Needs     *needs,
             const ReturnRow *row,
             PathwaysCell    *cells,
             int              r)
{
  double figure = NAN, num = NAN, base = NAN;

  switch (row->measure)
    {
    case RETURN_REFERRALS:
      figure = cell_value (report, "cohort", NULL, "cohort", "cases");
      break;
    case RETURN_CLOSED_CASES:
      figure = cell_value (report, "cohort", NULL, "cohort", "closed_cases");
      break;
    case RETURN_OPEN_CASES:
      figure = cell_value (report, "cohort", NULL, "cohort", "open_cases");
      break;
    case RETURN_PEOPLE:
      figure = cell_value (report, "cohort", NULL, "cohort", "persons");
      break;
    case RETURN_NEW_CASES:
      figure = cell_value (report, "returners", NULL, "new", "count");
      break;
    case RETURN_RETURNING_CASES:
      figure = cell_value (report, "returners", NULL, "returning", "count");
      break;
    case RETURN_PLANNED_CLOSURE_RATE:
      if (report->measures->has_closure_reasons)
        {
          num = planned_closures (report);
          base = report->measures->n_closed;
          figure = base > 0 ? 100.0 * num / base : NAN;
        }
      break;
    case RETURN_MEDIAN_WAIT:
      figure = cell_value (report, "waiting_times", NULL, row->argument, "median");
      base = cell_value (report, "waiting_times", NULL, row->argument, "n");
      break;
    case RETURN_TARGET:
      figure = cell_value (report, "targets", NULL, row->argument, "pct");
      num = cell_value (report, "targets", NULL, row->argument, "numerator");
      base = cell_value (report, "targets", NULL, row->argument, "base");
      break;
    default:
      figure = activity_figure (report, needs, row->measure);
      break;
    }

  cells[C_FIGURE].kind = row->unit == RETURN_UNIT_COUNT ? PATHWAYS_CELL_COUNT
                       : row->unit == RETURN_UNIT_PERCENT ? PATHWAYS_CELL_PERCENT
                       : PATHWAYS_CELL_STATISTIC;
  _pathways_report_cell_set (&cells[C_FIGURE], figure, NULL);
  _pathways_report_cell_set (&cells[C_NUMERATOR], num, NULL);
  _pathways_report_cell_set (&cells[C_BASE], base, NULL);
  if (row->unit == RETURN_UNIT_PERCENT)
    {
      cells[C_FIGURE].sources[0].row = r;
      cells[C_FIGURE].sources[0].col = C_NUMERATOR;
      cells[C_FIGURE].sources[1].row = r;
      cells[C_FIGURE].sources[1].col = C_BASE;
    }
  else if (row->unit == RETURN_UNIT_DAYS)
    {
      /* a median is shown only over enough records: its n is the base */
      cells[C_FIGURE].sources[0].row = r;
      cells[C_FIGURE].sources[0].col = C_BASE;
    }
}

static char *
target_text (const ReturnRow *row)
{
  g_autofree char *n = g_strdup_printf (row->target == floor (row->target) ? "%.0f" : "%.1f", row->target);
  const char *unit = row->unit == RETURN_UNIT_PERCENT ? " %" : row->unit == RETURN_UNIT_DAYS ? _(" days") : "";

  if (!row->has_target)
    return NULL;
  /* Translators: a return's target, "at least 90 %", "at most 10 days" */
  return row->at_most ? g_strdup_printf (_("at most %s%s"), n, unit)
                      : g_strdup_printf (_("at least %s%s"), n, unit);
}

static const char *
unit_text (const ReturnRow *row)
{
  switch (row->unit)
    {
    case RETURN_UNIT_PERCENT:
      return "%";
    case RETURN_UNIT_DAYS:
      return _("days");
    case RETURN_UNIT_COUNT:
    default:
      return row->measure == RETURN_WAITING_LIST ? _("services") : _("cases");
    }
}

/* A row's filters ("referral_source=Police") in words: "Referral source: Police". */
static char *
filters_text (char **filters)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; filters[i] != NULL; i++)
    {
      const char *eq = strchr (filters[i], '=');
      g_autofree char *field = eq != NULL ? g_strndup (filters[i], eq - filters[i]) : g_strdup (filters[i]);
      const char *label = pathways_labels_get (field);

      if (i > 0)
        g_string_append (s, ", ");
      if (eq != NULL)
        /* Translators: a return row's filter, "Referral source: Police" */
        g_string_append_printf (s, _("%s: %s"), label != NULL ? label : field, eq + 1);
      else
        g_string_append (s, filters[i]);
    }
  return g_string_free (s, FALSE);
}

static void
build_section (PathwaysReport      *carrier,
               GHashTable          *reports,
               const Needs         *needs,
               const ReturnSection *section)
{
  PathwaysReportTable *t = _pathways_report_table_new (carrier, "return", section->title, section->title,
                                                       PATHWAYS_CHART_NONE, _("cases"));

  _pathways_report_add_column (t, "label", _("Measure"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "figure", _("Figure"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "numerator", _("Numerator"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "base", _("Base"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "unit", _("Unit"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "target", _("Target"), PATHWAYS_CELL_LABEL);
  for (guint i = 0; i < section->rows->len; i++)
    {
      const ReturnRow *row = g_ptr_array_index (section->rows, i);
      PathwaysReport *report = g_hash_table_lookup (reports, row->filters_key);
      PathwaysReportRow *rrow = _pathways_report_add_row (t, row->label);
      g_autofree char *target = target_text (row);

      _pathways_report_cell_set (&rrow->cells[C_LABEL], NAN, row->label);
      fill_figure (report, needs, row, rrow->cells, t->rows->len - 1);
      _pathways_report_cell_set (&rrow->cells[C_UNIT], NAN, unit_text (row));
      _pathways_report_cell_set (&rrow->cells[C_TARGET], NAN, target);
      if (row->filters[0] != NULL)
        {
          g_autofree char *joined = filters_text (row->filters);
          g_autofree char *note = g_strdup_printf (_("%s: only %s."), row->label, joined);
          g_ptr_array_add (t->chart.notes, g_steal_pointer (&note));
        }
    }
}

PathwaysReport *
pathways_return_fill (const PathwaysReturnTemplate *self,
                      PathwaysAnalysis             *analysis,
                      const PathwaysFilter         *filter,
                      GError                      **error)
{
  g_autoptr(GHashTable) reports = NULL;
  PathwaysMeasuresOptions options;
  PathwaysDataset *dataset;
  PathwaysReport *carrier;
  Needs needs;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (PATHWAYS_IS_ANALYSIS (analysis), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!template_needs (self, filter, &needs, error))
    return NULL;
  dataset = pathways_analysis_get_dataset (analysis);
  options = *pathways_analysis_get_measures_options (analysis);
  options.activity = needs.activity;
  if (needs.activity)
    options.activity_unit = needs.unit;
  options.n_targets = needs.n_targets;
  memcpy (options.targets, needs.targets, sizeof needs.targets);

  reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pathways_report_unref);
  /* the cohort's own report first: it carries the return */
  carrier = pathways_analysis_run_with_options (analysis, filter, &options);
  g_hash_table_insert (reports, g_strdup (""), carrier);
  for (guint s = 0; s < self->sections->len; s++)
    {
      ReturnSection *section = g_ptr_array_index (self->sections, s);

      for (guint r = 0; r < section->rows->len; r++)
        {
          ReturnRow *row = g_ptr_array_index (section->rows, r);
          g_autoptr(PathwaysFilter) narrowed = NULL;

          if (g_hash_table_contains (reports, row->filters_key))
            continue;
          narrowed = row_filter (filter, dataset, row, error);
          if (narrowed == NULL)
            return NULL;
          g_hash_table_insert (reports, g_strdup (row->filters_key),
                               pathways_analysis_run_with_options (analysis, narrowed, &options));
        }
    }

  /* the figures are read before the carrier's tables give way to the return's */
  {
    g_autoptr(PathwaysReport) copy = NULL;

    carrier = pathways_report_ref (carrier);
    copy = pathways_report_copy (carrier);
    g_hash_table_replace (reports, g_strdup (""), pathways_report_ref (copy));
    _pathways_report_clear_tables (carrier);
    for (guint s = 0; s < self->sections->len; s++)
      build_section (carrier, reports, &needs, g_ptr_array_index (self->sections, s));
  }
  return carrier;
}
