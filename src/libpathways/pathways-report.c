/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <glib-object.h>
#include "pathways-i18n.h"

#include "pathways-report.h"
#include "pathways-disclosure-keys.h"
#include "pathways-format.h"
#include "pathways-labels.h"
#include "pathways-report-activity.h"
#include "pathways-report-outcomes.h"
#include "pathways-report-profile.h"

void
pathways_report_options_init (PathwaysReportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  pathways_measures_options_init (&options->measures);
}

/* ---- cells, rows, tables ---- */

static void
cell_init (PathwaysCell     *cell,
           PathwaysCellKind  kind)
{
  memset (cell, 0, sizeof *cell);
  cell->kind = kind;
  cell->value = NAN;
  cell->sources[0].row = cell->sources[1].row = -1;
  cell->hidden_num = cell->hidden_den = -1;
}

static void
cell_clear (PathwaysCell *cell)
{
  g_clear_pointer (&cell->text, g_free);
}

static void
cell_copy (PathwaysCell       *dst,
           const PathwaysCell *src)
{
  *dst = *src;
  dst->text = g_strdup (src->text);
}

static void
column_free (PathwaysReportColumn *c)
{
  g_free (c->id);
  g_free (c->label);
  g_free (c);
}

static void
table_free (PathwaysReportTable *t)
{
  guint n_cols = t->columns->len;

  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      for (guint c = 0; c < n_cols; c++)
        cell_clear (&row->cells[c]);
      g_free (row->cells);
      g_free (row->id);
      g_free (row);
    }
  g_ptr_array_unref (t->rows);
  if (t->totals != NULL)
    for (guint c = 0; c < n_cols; c++)
      cell_clear (&t->totals[c]);
  g_free (t->totals);
  g_ptr_array_unref (t->columns);
  cell_clear (&t->base);
  g_free (t->base_label);
  g_free (t->id);
  g_free (t->key);
  g_free (t->title);
  g_free (t->chart.title);
  g_free (t->chart.unit);
  g_free (t->chart.base_text);
  g_free (t->chart.filters);
  g_ptr_array_unref (t->chart.notes);
  g_free (t);
}

static PathwaysReportTable *
table_new (PathwaysReport    *report,
           const char        *id,
           const char        *key,
           const char        *title,
           PathwaysChartKind  chart,
           const char        *unit)
{
  PathwaysReportTable *t = g_new0 (PathwaysReportTable, 1);

  t->id = g_strdup (id);
  t->key = g_strdup (key);
  t->title = g_strdup (title);
  t->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  t->rows = g_ptr_array_new ();
  t->protect = TRUE;
  cell_init (&t->base, PATHWAYS_CELL_COUNT);
  t->chart.kind = chart;
  t->chart.title = g_strdup (title);
  t->chart.unit = g_strdup (unit);
  t->chart.notes = g_ptr_array_new_with_free_func (g_free);
  t->chart.filters = g_strdup (report->filters_text);
  g_ptr_array_add (report->tables, t);
  return t;
}

static guint
add_column (PathwaysReportTable *t,
            const char          *id,
            const char          *label,
            PathwaysCellKind     kind,
            gboolean             additive)
{
  PathwaysReportColumn *c = g_new0 (PathwaysReportColumn, 1);

  g_assert (t->rows->len == 0);
  c->id = g_strdup (id);
  c->label = g_strdup (label);
  c->kind = kind;
  c->additive = additive;
  g_ptr_array_add (t->columns, c);
  return t->columns->len - 1;
}

static PathwaysReportRow *
add_row (PathwaysReportTable *t,
         const char          *id)
{
  PathwaysReportRow *row = g_new0 (PathwaysReportRow, 1);

  row->id = g_strdup (id);
  row->cells = g_new0 (PathwaysCell, t->columns->len);
  for (guint c = 0; c < t->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      cell_init (&row->cells[c], col->kind);
    }
  g_ptr_array_add (t->rows, row);
  return row;
}

static void
set_label (PathwaysCell *cell,
           const char   *text)
{
  g_free (cell->text);
  cell->text = g_strdup (text);
  cell->defined = text != NULL;
}

/* The same helpers for the tables built in other files (activity, outcomes, returns):
 * one way to make a table, its columns and rows, freed with the report. */
PathwaysReportTable *
_pathways_report_table_new (PathwaysReport    *report,
                            const char        *id,
                            const char        *key,
                            const char        *title,
                            PathwaysChartKind  chart,
                            const char        *unit)
{
  return table_new (report, id, key, title, chart, unit);
}

guint
_pathways_report_add_column (PathwaysReportTable *t,
                             const char          *id,
                             const char          *label,
                             PathwaysCellKind     kind)
{
  g_return_val_if_fail (t->rows->len == 0, 0);

  return add_column (t, id, label, kind, FALSE);
}

PathwaysReportRow *
_pathways_report_add_row (PathwaysReportTable *t,
                          const char          *id)
{
  return add_row (t, id);
}

void
_pathways_report_cell_set (PathwaysCell *cell,
                           double        value,
                           const char   *text)
{
  if (cell->kind == PATHWAYS_CELL_LABEL)
    {
      set_label (cell, text);
      return;
    }
  cell->value = value;
  cell->defined = !isnan (value);
}

void
_pathways_report_clear_tables (PathwaysReport *report)
{
  g_ptr_array_set_size (report->tables, 0);
}

static void
set_number (PathwaysCell *cell,
            double        value)
{
  cell->value = value;
  cell->defined = !isnan (value);
}

static void
set_source (PathwaysCell *cell,
            guint         slot,
            int           row,
            int           col)
{
  cell->sources[slot].row = row;
  cell->sources[slot].col = col;
}

static double
pct (guint64 num,
     guint64 den)
{
  return den == 0 ? NAN : 100.0 * (double) num / (double) den;
}

static void
set_base (PathwaysReportTable *t,
          guint                base,
          const char          *label)
{
  set_number (&t->base, base);
  g_free (t->base_label);
  t->base_label = g_strdup (label);
}

static void
set_totals (PathwaysReportTable *t,
            guint                col,
            double               total)
{
  if (t->totals == NULL)
    {
      t->totals = g_new0 (PathwaysCell, t->columns->len);
      for (guint c = 0; c < t->columns->len; c++)
        cell_init (&t->totals[c], PATHWAYS_CELL_COUNT);
    }
  set_number (&t->totals[col], total);
}

/* A count-and-percent row: (label, count, pct of base) */
static PathwaysReportRow *
add_count_row (PathwaysReportTable *t,
               const char          *id,
               const char          *label,
               guint                count,
               guint                base,
               guint                label_col,
               guint                count_col,
               guint                pct_col)
{
  PathwaysReportRow *row = add_row (t, id);
  int r = t->rows->len - 1;

  set_label (&row->cells[label_col], label);
  set_number (&row->cells[count_col], count);
  set_number (&row->cells[pct_col], pct (count, base));
  set_source (&row->cells[pct_col], 0, r, count_col);
  row->cells[pct_col].uses_base = TRUE;
  return row;
}

/* ---- sections ---- */

static void
build_dataset_tables (PathwaysReport        *report,
                      PathwaysMeasuresCache *cache)
{
  PathwaysDataset *ds = report->dataset;
  PathwaysMeasures *m = report->measures;
  PathwaysReportTable *t;
  PathwaysReportRow *row;
  guint closed = 0, persons = 0;
  PathwaysColumn *person = ds->columns[PATHWAYS_FIELD_PERSON_ID];

  pathways_measures_cache_get_totals (cache, &closed, &persons, NULL, NULL);

  t = table_new (report, "dataset", NULL, _("Dataset"), PATHWAYS_CHART_NONE, _("cases"));
  add_column (t, "cases", _("Cases"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "services", _("Services"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "persons", _("People"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "open_cases", _("Open cases"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "closed_cases", _("Closed cases"), PATHWAYS_CELL_COUNT, FALSE);
  row = add_row (t, "dataset");
  set_number (&row->cells[0], ds->n_cases);
  set_number (&row->cells[1], ds->n_services);
  set_number (&row->cells[2], person != NULL ? persons : NAN);
  set_number (&row->cells[3], ds->n_cases - closed);
  set_number (&row->cells[4], closed);

  t = table_new (report, "cohort", NULL, _("Cohort"), PATHWAYS_CHART_NONE, _("cases"));
  add_column (t, "cases", _("Cases"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "closed_cases", _("Closed cases"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "open_cases", _("Open cases"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "services", _("Services"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "persons", _("People"), PATHWAYS_CELL_COUNT, FALSE);
  row = add_row (t, "cohort");
  set_number (&row->cells[0], m->n_cases);
  set_number (&row->cells[1], m->n_closed);
  set_number (&row->cells[2], m->n_cases - m->n_closed);
  set_number (&row->cells[3], m->n_services);
  set_number (&row->cells[4], m->has_persons ? m->n_persons : NAN);
}

static void
fill_funnel (PathwaysReportTable    *t,
             const PathwaysMeasures *m,
             const guint            *counts)
{
  int first_row = -1, prev_row = -1;
  guint first = 0, prev = 0;

  add_column (t, "label", _("Stage"), PATHWAYS_CELL_LABEL, FALSE);
  add_column (t, "count", _("Cases"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "pct_of_first", _("% of referred"), PATHWAYS_CELL_PERCENT, FALSE);
  add_column (t, "pct_of_previous", _("% of previous stage"), PATHWAYS_CELL_PERCENT, FALSE);
  add_column (t, "drop", _("Drop"), PATHWAYS_CELL_COUNT, FALSE);

  for (guint s = 0; s < PATHWAYS_N_STAGES; s++)
    {
      PathwaysReportRow *row;
      int r;
      guint c = counts[s];

      if (!m->stage_shown[s])
        continue;
      row = add_row (t, pathways_stage_get_id (s));
      r = t->rows->len - 1;
      set_label (&row->cells[0], pathways_stage_get_label (s));
      set_number (&row->cells[1], c);
      if (first_row < 0)
        {
          first_row = prev_row = r;
          first = prev = c;
        }
      set_number (&row->cells[2], pct (c, first));
      set_source (&row->cells[2], 0, r, 1);
      set_source (&row->cells[2], 1, first_row, 1);
      set_number (&row->cells[3], r == first_row ? (first > 0 ? 100.0 : NAN) : pct (c, prev));
      set_source (&row->cells[3], 0, r, 1);
      set_source (&row->cells[3], 1, prev_row, 1);
      set_number (&row->cells[4], r == first_row ? 0 : (double) prev - (double) c);
      set_source (&row->cells[4], 0, r, 1);
      set_source (&row->cells[4], 1, prev_row, 1);
      prev_row = r;
      prev = c;
    }
  set_base (t, first, NULL);
}

static void
build_funnel (PathwaysReport *report)
{
  PathwaysMeasures *m = report->measures;
  const char *unit = report->options.population == PATHWAYS_POPULATION_ALL ? _("cases") : _("closed cases");
  PathwaysReportTable *t;

  t = table_new (report, "funnel", NULL, _("Journey funnel"), PATHWAYS_CHART_FUNNEL, _("cases"));
  fill_funnel (t, m, m->stage_count);
  g_free (t->base_label);
  t->base_label = g_strdup (unit);

  if (m->split_field >= 0)
    {
      PathwaysColumn *c = report->dataset->columns[m->split_field];
      for (guint v = 0; v < m->split_n_values; v++)
        {
          const char *value = pathways_dictionary_get (c->dict, v);
          g_autofree char *title = g_strdup_printf ("%s: %s", _(pathways_field_get_label (m->split_field)), value);

          if (m->split_counts[v * PATHWAYS_N_STAGES] == 0)
            continue;
          t = table_new (report, "funnel_split", value, title, PATHWAYS_CHART_FUNNEL, _("cases"));
          fill_funnel (t, m, m->split_counts + v * PATHWAYS_N_STAGES);
          g_free (t->base_label);
          t->base_label = g_strdup (unit);
        }
    }
}

typedef struct {
  guint code;
  guint count;
  guint8 klass;
} ReasonRow;

static int
cmp_reason (const void *a,
            const void *b)
{
  const ReasonRow *x = a, *y = b;

  if (x->klass != y->klass)
    return x->klass < y->klass ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->code < y->code ? -1 : x->code > y->code;
}

static void
fill_reasons (PathwaysReportTable *t,
              PathwaysDictionary  *dict,
              const guint         *counts,
              guint                n_codes,
              const guint8        *classes,
              guint                base)
{
  g_autofree ReasonRow *rows = g_new (ReasonRow, MAX (n_codes, 1));
  guint n = 0;

  add_column (t, "reason", _("Reason"), PATHWAYS_CELL_LABEL, FALSE);
  add_column (t, "class", _("Class"), PATHWAYS_CELL_LABEL, FALSE);
  add_column (t, "count", _("Count"), PATHWAYS_CELL_COUNT, TRUE);
  add_column (t, "pct", _("%"), PATHWAYS_CELL_PERCENT, FALSE);

  for (guint c = 0; c < n_codes; c++)
    if (counts[c] > 0)
      {
        rows[n].code = c;
        rows[n].count = counts[c];
        rows[n].klass = classes[c];
        n++;
      }
  qsort (rows, n, sizeof (ReasonRow), cmp_reason);
  for (guint k = 0; k < n; k++)
    {
      const char *reason = dict != NULL ? pathways_dictionary_get (dict, rows[k].code) : PATHWAYS_NOT_RECORDED;
      PathwaysReportRow *row = add_count_row (t, reason, reason, rows[k].count, base, 0, 2, 3);
      set_label (&row->cells[1], pathways_closure_class_to_string (rows[k].klass));
    }
  set_base (t, base, _("closed"));
  set_totals (t, 2, base);
}

static void
build_closure_reasons (PathwaysReport *report)
{
  PathwaysMeasures *m = report->measures;
  PathwaysDataset *ds = report->dataset;
  PathwaysReportTable *t;

  if (m->has_closure_reasons)
    {
      t = table_new (report, "closure_reasons", NULL, _("Closure reasons, closed cases"),
                     PATHWAYS_CHART_CLOSURE_REASONS, _("cases"));
      fill_reasons (t, ds->columns[PATHWAYS_FIELD_CLOSURE_REASON]->dict, m->closure_counts,
                    m->closure_n_reasons, m->closure_reason_class, m->n_closed);
      g_free (t->base_label);
      t->base_label = g_strdup (_("closed cases"));
    }

  if (m->has_service_closure)
    {
      PathwaysColumn *types = ds->columns[PATHWAYS_FIELD_SERVICE_TYPE];
      for (guint ty = 0; ty < m->svc_n_types; ty++)
        {
          const char *type = types != NULL ? pathways_dictionary_get (types->dict, ty) : PATHWAYS_NOT_RECORDED;
          g_autofree char *title = g_strdup_printf (_("Service closure reasons: %s"), type);

          if (m->svc_base[ty] == 0)
            continue;
          t = table_new (report, "service_closure_reasons", type, title,
                         PATHWAYS_CHART_CLOSURE_REASONS, _("services"));
          fill_reasons (t, ds->columns[PATHWAYS_FIELD_SERVICE_CLOSURE_REASON]->dict,
                        m->svc_counts + ty * m->svc_n_reasons, m->svc_n_reasons,
                        m->svc_reason_class, m->svc_base[ty]);
          g_free (t->base_label);
          t->base_label = g_strdup (_("closed services"));
        }
    }
}

/* Bands (age bands, time before support) read best in their own order, not in the order
 * the export first used them: "18–24" before "25–34", "Less than a week" before "1 to 6
 * months". A label's key is its first number (or "a"/"an", 1) in days when it names a
 * unit ("week", "month", "year"), nudged down by "under"/"less than" and up by
 * "more than"/"over"/"+". Returns FALSE when a label has no number: the order is then
 * the dictionary's. */
static gboolean
band_key (const char *label,
          double     *key)
{
  g_autofree char *lower = g_utf8_strdown (label, -1);
  const char *p = lower;
  double number = -1, days = 1;
  static const struct { const char *word; double days; } units[] = {
    { "day", 1 }, { "week", 7 }, { "month", 30.4375 }, { "year", 365.25 },
  };
  const char *first_unit = NULL;

  for (; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      {
        number = g_ascii_strtod (p, NULL);
        break;
      }
  if (number < 0)
    {
      if (g_str_has_prefix (lower, "less than a ") || g_str_has_prefix (lower, "under a ") ||
          g_str_has_prefix (lower, "more than a ") || g_str_has_prefix (lower, "over a "))
        number = 1;
      else
        return FALSE;
    }
  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      const char *at = strstr (lower, units[u].word);

      if (at != NULL && (first_unit == NULL || at < first_unit))
        {
          first_unit = at;
          days = units[u].days;
        }
    }
  *key = number * days;
  if (g_str_has_prefix (lower, "under") || g_str_has_prefix (lower, "less than") ||
      g_str_has_prefix (lower, "up to") || g_str_has_prefix (lower, "below"))
    *key -= 0.5;
  else if (g_str_has_prefix (lower, "more than") || g_str_has_prefix (lower, "over") ||
           strchr (lower, '+') != NULL)
    *key += 0.5;
  return TRUE;
}

typedef struct
{
  double key;
  guint  code;
} BandCode;

static int
band_code_compare (gconstpointer a,
                   gconstpointer b)
{
  const BandCode *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->code < y->code ? -1 : (x->code > y->code);
}

/* The codes 1 .. N - 1 of DICT in band order, then code 0 (not recorded) when
 * WITH_MISSING; in code order when a label is not a band. */
static GArray *
band_order (PathwaysDictionary *dict,
            guint               n,
            gboolean            with_missing)
{
  g_autoptr(GArray) bands = g_array_sized_new (FALSE, FALSE, sizeof (BandCode), n);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  gboolean all_bands = TRUE;

  for (guint c = 1; c < n; c++)
    {
      BandCode bc = { 0, c };

      if (all_bands && !band_key (pathways_dictionary_get (dict, c), &bc.key))
        all_bands = FALSE;
      g_array_append_val (bands, bc);
    }
  if (all_bands)
    g_array_sort (bands, band_code_compare);
  for (guint i = 0; i < bands->len; i++)
    g_array_append_val (order, g_array_index (bands, BandCode, i).code);
  if (with_missing && n > 0)
    {
      guint zero = 0;

      g_array_append_val (order, zero);
    }
  return order;
}

static void
build_rates (PathwaysReport *report)
{
  PathwaysMeasures *m = report->measures;
  static const PathwaysField fields[] = {
    PATHWAYS_FIELD_REFERRAL_SOURCE, PATHWAYS_FIELD_PRIMARY_INCIDENT, PATHWAYS_FIELD_AGE_BAND,
    PATHWAYS_FIELD_GENDER, PATHWAYS_FIELD_NEW_OR_RETURNING,
  };
  guint total_planned = 0;

  if (m->has_closure_reasons)
    for (guint c = 0; c < m->closure_n_reasons; c++)
      if (m->closure_reason_class[c] == PATHWAYS_CLOSURE_PLANNED)
        total_planned += m->closure_counts[c];

  for (guint g = 0; g < PATHWAYS_N_RATE_GROUPINGS; g++)
    {
      PathwaysRateTable *rt = &m->rates[g];
      PathwaysReportTable *t;
      const char *by;
      g_autofree char *title = NULL;
      PathwaysDictionary *dict = NULL;
      g_autoptr(GArray) order = NULL;

      if (!rt->present || !m->has_closure_reasons)
        continue;
      if (g == PATHWAYS_RATE_BY_SERVICE_MIX)
        {
          by = "service_mix";
          title = g_strdup (_("Planned-closure rate by service mix"));
        }
      else
        {
          by = pathways_field_get_name (fields[g]);
          dict = report->dataset->columns[fields[g]]->dict;
          g_autofree char *label = pathways_labels_in_sentence (_(pathways_field_get_label (fields[g])));

          title = g_strdup_printf (_("Planned-closure rate by %s"), label);
        }
      t = table_new (report, "planned_closure_rates", by, title, PATHWAYS_CHART_RATES, _("cases"));
      add_column (t, "group", _("Group"), PATHWAYS_CELL_LABEL, FALSE);
      add_column (t, "closed", _("Closed"), PATHWAYS_CELL_COUNT, TRUE);
      add_column (t, "planned", _("Planned"), PATHWAYS_CELL_COUNT, TRUE);
      add_column (t, "rate", _("Rate %"), PATHWAYS_CELL_RATE, FALSE);
      add_column (t, "ci_low", _("95 % CI low"), PATHWAYS_CELL_RATE, FALSE);
      add_column (t, "ci_high", _("95 % CI high"), PATHWAYS_CELL_RATE, FALSE);
      if (g != PATHWAYS_RATE_BY_SERVICE_MIX && fields[g] == PATHWAYS_FIELD_AGE_BAND)
        order = band_order (dict, rt->n_groups, TRUE);
      for (guint i = 0; i < rt->n_groups; i++)
        {
          /* service mix keeps its fixed order, with every group; fields list the
           * values that have closed cases (age bands in their own order) */
          guint v = order != NULL ? g_array_index (order, guint, i) : i;
          const char *group;
          PathwaysReportRow *row;
          int r;
          double lo, hi;

          if (g == PATHWAYS_RATE_BY_SERVICE_MIX)
            group = pathways_service_mix_get_label (v);
          else if (rt->closed[v] == 0)
            continue;
          else
            group = pathways_dictionary_get (dict, v);
          row = add_row (t, group);
          r = t->rows->len - 1;
          set_label (&row->cells[0], group);
          set_number (&row->cells[1], rt->closed[v]);
          set_number (&row->cells[2], rt->planned[v]);
          set_number (&row->cells[3], pct (rt->planned[v], rt->closed[v]));
          pathways_wilson_interval (rt->planned[v], rt->closed[v], &lo, &hi);
          set_number (&row->cells[4], lo);
          set_number (&row->cells[5], hi);
          /* the second source of a rate is its denominator, as everywhere */
          for (guint k = 3; k <= 5; k++)
            {
              set_source (&row->cells[k], 0, r, 2);
              set_source (&row->cells[k], 1, r, 1);
            }
        }
      set_base (t, m->n_closed, _("closed cases"));
      set_totals (t, 1, m->n_closed);
      set_totals (t, 2, total_planned);
      if (g == PATHWAYS_RATE_BY_SERVICE_MIX)
        g_ptr_array_add (t->chart.notes, g_strdup (_("Advocacy includes ISVA.")));
      g_ptr_array_add (t->chart.notes, g_strdup (_("Groups with fewer than 30 closed cases have a small base.")));
    }
}

static void
add_wait_tables (PathwaysReport              *report,
                 PathwaysReportTable         *main,
                 PathwaysWaitMeasure          measure,
                 const char                  *service_type,
                 const PathwaysDurationStats *s)
{
  PathwaysReportRow *row = add_row (main, pathways_wait_measure_get_id (measure));
  int r = main->rows->len - 1;
  PathwaysReportTable *t;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  const PathwaysBands *bands = &report->options.bands;

  set_label (&row->cells[0], pathways_wait_measure_get_id (measure));
  set_label (&row->cells[1], service_type);
  set_number (&row->cells[2], s->n);
  set_number (&row->cells[3], s->mean);
  set_number (&row->cells[4], s->median);
  set_number (&row->cells[5], s->p90);
  set_number (&row->cells[6], s->n > 0 ? s->min : NAN);
  set_number (&row->cells[7], s->n > 0 ? s->max : NAN);
  for (guint c = 3; c <= 7; c++)
    set_source (&row->cells[c], 0, r, 2);
  set_number (&row->cells[8], s->target_days);
  set_number (&row->cells[9], pct (s->within_target, s->n));
  set_source (&row->cells[9], 0, r, 2);
  row->cells[9].hidden_num = s->within_target;
  set_number (&row->cells[10], s->negative);
  set_number (&row->cells[11], s->still_n);
  set_number (&row->cells[12], s->still_median);
  set_number (&row->cells[13], s->still_n > 0 ? s->still_max : NAN);
  set_source (&row->cells[12], 0, r, 11);
  set_source (&row->cells[13], 0, r, 11);

  key = service_type != NULL ? g_strdup_printf ("%s/%s", pathways_wait_measure_get_id (measure), service_type)
                             : g_strdup (pathways_wait_measure_get_id (measure));
  title = service_type != NULL ? g_strdup_printf ("%s: %s", pathways_wait_measure_get_label (measure), service_type)
                               : g_strdup (pathways_wait_measure_get_label (measure));

  t = table_new (report, "waiting_bands", key, title, PATHWAYS_CHART_DISTRIBUTION, _("days"));
  add_column (t, "band", _("Days"), PATHWAYS_CELL_LABEL, FALSE);
  add_column (t, "count", _("Count"), PATHWAYS_CELL_COUNT, TRUE);
  add_column (t, "pct", _("%"), PATHWAYS_CELL_PERCENT, FALSE);
  for (guint b = 0; b < bands->n_bands; b++)
    {
      g_autofree char *label = pathways_bands_get_label (bands, b);
      add_count_row (t, label, label, s->band_counts[b], s->n, 0, 1, 2);
    }
  set_base (t, s->n, measure == PATHWAYS_WAIT_SERVICE ? _("services") : _("cases"));
  set_totals (t, 1, s->n);
  /* The still-waiting count lives in the waiting_times table, where disclosure control
   * reaches it; a note in free text would carry it past protection. */

  t = table_new (report, "waiting_trend", key, title, PATHWAYS_CHART_TREND, _("days"));
  add_column (t, "period", _("Period"), PATHWAYS_CELL_LABEL, FALSE);
  add_column (t, "n", _("n"), PATHWAYS_CELL_COUNT, TRUE);
  add_column (t, "median", _("Median days"), PATHWAYS_CELL_STATISTIC, FALSE);
  if (s->trend != NULL)
    for (guint k = 0; k < s->trend->len; k++)
      {
        const PathwaysTrendPoint *pt = &g_array_index (s->trend, PathwaysTrendPoint, k);
        g_autofree char *label = NULL;
        int y, mo, d;
        PathwaysReportRow *trow;

        pathways_day_to_ymd (pt->period_start, &y, &mo, &d);
        switch (report->options.trend_unit)
          {
          case PATHWAYS_TREND_QUARTER: label = g_strdup_printf ("%d-Q%d", y, (mo - 1) / 3 + 1); break;
          case PATHWAYS_TREND_FINANCIAL_YEAR: label = g_strdup_printf ("%d-%02d", y, (y + 1) % 100); break;
          case PATHWAYS_TREND_FINANCIAL_QUARTER:
            label = g_strdup_printf ("%d-%02d Q%d", mo >= 4 ? y : y - 1, (mo >= 4 ? y + 1 : y) % 100, (mo + 8) % 12 / 3 + 1);
            break;
          case PATHWAYS_TREND_MONTH:
          default: label = g_strdup_printf ("%d-%02d", y, mo); break;
          }
        trow = add_row (t, label);
        set_label (&trow->cells[0], label);
        set_number (&trow->cells[1], pt->n);
        set_number (&trow->cells[2], pt->median);
        set_source (&trow->cells[2], 0, t->rows->len - 1, 1);
      }
  set_base (t, s->n, measure == PATHWAYS_WAIT_SERVICE ? _("services") : _("cases"));
  set_totals (t, 1, s->n);
}

static void
build_waits (PathwaysReport *report)
{
  PathwaysMeasures *m = report->measures;
  PathwaysReportTable *t;
  static const char *ids[] = { "measure", "service_type", "n", "mean", "median", "p90", "min", "max",
                               "target_days", "within_target_pct", "negative", "still_waiting_n",
                               "still_waiting_median_days", "still_waiting_max_days" };
  const char *labels[] = { _("Measure"), _("Service type"), _("n"), _("Mean"), _("Median"), _("90th percentile"),
                           _("Min"), _("Max"), _("Target (days)"), _("Within target %"), _("Negative"),
                           _("Still waiting"), _("Still waiting: median days"), _("Still waiting: max days") };
  static const PathwaysCellKind kinds[] = {
    PATHWAYS_CELL_LABEL, PATHWAYS_CELL_LABEL, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_STATISTIC,
    PATHWAYS_CELL_STATISTIC, PATHWAYS_CELL_STATISTIC, PATHWAYS_CELL_STATISTIC, PATHWAYS_CELL_STATISTIC,
    PATHWAYS_CELL_SETTING, PATHWAYS_CELL_PERCENT, PATHWAYS_CELL_COUNT, PATHWAYS_CELL_COUNT,
    PATHWAYS_CELL_STATISTIC, PATHWAYS_CELL_STATISTIC };
  static const PathwaysWaitMeasure order[] = {
    PATHWAYS_WAIT_REFERRAL_TO_CONTACT, PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT,
    PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START, PATHWAYS_WAIT_SERVICE, PATHWAYS_WAIT_TIME_IN_SERVICE };

  t = table_new (report, "waiting_times", NULL, _("Waiting times and durations"), PATHWAYS_CHART_NONE, _("days"));
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    add_column (t, ids[c], labels[c], kinds[c], FALSE);

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      PathwaysWaitMeasure w = order[k];

      if (!m->wait_present[w])
        continue;
      if (w != PATHWAYS_WAIT_SERVICE)
        add_wait_tables (report, t, w, NULL, &m->waits[w]);
      else
        {
          PathwaysColumn *types = report->dataset->columns[PATHWAYS_FIELD_SERVICE_TYPE];
          for (guint ty = 0; ty < m->svc_wait_n_types; ty++)
            {
              const PathwaysDurationStats *s = &m->svc_waits[ty];
              if (s->n == 0 && s->still_n == 0 && s->negative == 0)
                continue;
              add_wait_tables (report, t, w,
                               types != NULL ? pathways_dictionary_get (types->dict, ty) : PATHWAYS_NOT_RECORDED,
                               s);
            }
        }
    }
}

static void
build_people (PathwaysReport *report)
{
  PathwaysMeasures *m = report->measures;
  PathwaysDataset *ds = report->dataset;
  PathwaysReportTable *t;

  if (m->has_time_before_support)
    {
      PathwaysDictionary *dict = ds->columns[PATHWAYS_FIELD_TIME_BEFORE_SUPPORT]->dict;
      g_autoptr(GArray) order = NULL;
      guint base = 0;

      for (guint c = 1; c < m->tbs_n_values; c++)
        base += m->tbs_counts[c];
      t = table_new (report, "time_before_support", NULL, _("Time before seeking support"),
                     PATHWAYS_CHART_BARS, _("cases"));
      add_column (t, "band", _("Time"), PATHWAYS_CELL_LABEL, FALSE);
      add_column (t, "count", _("Cases"), PATHWAYS_CELL_COUNT, TRUE);
      add_column (t, "pct", _("%"), PATHWAYS_CELL_PERCENT, FALSE);
      order = band_order (dict, m->tbs_n_values, FALSE);
      for (guint i = 0; i < order->len; i++)
        {
          guint c = g_array_index (order, guint, i);

          if (m->tbs_counts[c] > 0)
            add_count_row (t, pathways_dictionary_get (dict, c), pathways_dictionary_get (dict, c),
                           m->tbs_counts[c], base, 0, 1, 2);
        }
      set_base (t, base, _("cases with a recorded value"));
      set_totals (t, 1, base);
    }

  if (m->has_returners)
    {
      t = table_new (report, "returners", NULL, _("New and returning cases"),
                     PATHWAYS_CHART_COMPOSITION, _("cases"));
      add_column (t, "group", _("Group"), PATHWAYS_CELL_LABEL, FALSE);
      add_column (t, "count", _("Cases"), PATHWAYS_CELL_COUNT, TRUE);
      add_column (t, "pct", _("%"), PATHWAYS_CELL_PERCENT, FALSE);
      add_count_row (t, "new", _("New"), m->n_new, m->n_cases, 0, 1, 2);
      add_count_row (t, "returning", _("Returning"), m->n_returning, m->n_cases, 0, 1, 2);
      add_count_row (t, "not_recorded", _(PATHWAYS_NOT_RECORDED), m->n_returner_unknown, m->n_cases, 0, 1, 2);
      set_base (t, m->n_cases, _("cases"));
      set_totals (t, 1, m->n_cases);
      if (m->returners_derived)
        g_ptr_array_add (t->chart.notes, g_strdup (_("Derived from the person identifier: a person's first case in the data is new.")));
    }

  if (m->age_n_bands > 0)
    {
      PathwaysDictionary *dict = ds->columns[PATHWAYS_FIELD_AGE_BAND]->dict;
      g_autoptr(GArray) order = band_order (dict, m->age_n_bands, TRUE);

      t = table_new (report, "cases_per_person", NULL, _("Cases per person by age band"),
                     PATHWAYS_CHART_BARS, _("cases"));
      add_column (t, "age_band", _("Age band"), PATHWAYS_CELL_LABEL, FALSE);
      add_column (t, "cases", _("Cases"), PATHWAYS_CELL_COUNT, FALSE);
      add_column (t, "persons", _("People"), PATHWAYS_CELL_COUNT, FALSE);
      add_column (t, "cases_per_person", _("Cases per person"), PATHWAYS_CELL_RATE, FALSE);
      for (guint i = 0; i < order->len; i++)
        {
          guint b = g_array_index (order, guint, i);
          PathwaysReportRow *row;
          int r;

          if (m->age_cases[b] == 0)
            continue;
          row = add_row (t, pathways_dictionary_get (dict, b));
          r = t->rows->len - 1;
          set_label (&row->cells[0], pathways_dictionary_get (dict, b));
          set_number (&row->cells[1], m->age_cases[b]);
          set_number (&row->cells[2], m->age_persons[b]);
          set_number (&row->cells[3], m->age_persons[b] > 0 ? (double) m->age_cases[b] / m->age_persons[b] : NAN);
          set_source (&row->cells[3], 0, r, 1);
          set_source (&row->cells[3], 1, r, 2);
        }
    }

  for (guint f = 0; f < m->multi->len; f++)
    {
      const PathwaysMultiResult *res = &g_array_index (m->multi, PathwaysMultiResult, f);
      PathwaysDictionary *dict = ds->columns[res->field]->dict;
      const char *name = pathways_field_get_name (res->field);
      g_autofree guint *order = g_new (guint, MAX (res->n_values, 1));
      g_autofree char *title = NULL;
      guint n = 0;
      static const char *class_ids[] = { "none", "one", "multiple", "not_recorded" };
      const char *class_labels[] = { _("None"), _("One"), _("Multiple"), _(PATHWAYS_NOT_RECORDED) };

      /* Translators: %s is a field such as "Risks"; the chart of its values */
      title = g_strdup_printf (_("%s: values listed"), _(pathways_field_get_label (res->field)));
      t = table_new (report, "multi_category", name, title, PATHWAYS_CHART_BARS, _("cases"));
      add_column (t, "value", _("Value"), PATHWAYS_CELL_LABEL, FALSE);
      add_column (t, "count", _("Cases"), PATHWAYS_CELL_COUNT, FALSE);
      add_column (t, "pct", _("%"), PATHWAYS_CELL_PERCENT, FALSE);
      /* most frequent first (insertion sort: dictionaries are small) */
      for (guint c = 1; c < res->n_values; c++)
        {
          guint k;
          if (res->counts[c] == 0)
            continue;
          k = n++;
          while (k > 0 && res->counts[order[k - 1]] < res->counts[c])
            {
              order[k] = order[k - 1];
              k--;
            }
          order[k] = c;
        }
      for (guint k = 0; k < n; k++)
        add_count_row (t, pathways_dictionary_get (dict, order[k]), pathways_dictionary_get (dict, order[k]),
                       res->counts[order[k]], m->n_cases, 0, 1, 2);
      set_base (t, m->n_cases, _("cases"));
      g_ptr_array_add (t->chart.notes, g_strdup (_("A case can list several values: percents can add to more than 100.")));

      g_free (title);
      /* Translators: %s is a field such as "Risks"; how many values each case lists */
      title = g_strdup_printf (_("%s: values per case"), _(pathways_field_get_label (res->field)));
      t = table_new (report, "multi_category_classes", name, title,
                     PATHWAYS_CHART_COMPOSITION, _("cases"));
      add_column (t, "class", _("Values listed"), PATHWAYS_CELL_LABEL, FALSE);
      add_column (t, "count", _("Cases"), PATHWAYS_CELL_COUNT, TRUE);
      add_column (t, "pct", _("%"), PATHWAYS_CELL_PERCENT, FALSE);
      for (guint k = 0; k < 4; k++)
        add_count_row (t, class_ids[k], class_labels[k], res->classes[k], m->n_cases, 0, 1, 2);
      set_base (t, m->n_cases, _("cases"));
      set_totals (t, 1, m->n_cases);
    }
}

static int
cmp_completeness (const void *a,
                  const void *b)
{
  const PathwaysCompleteness *x = a, *y = b;
  double px = x->base > 0 ? (double) x->missing / x->base : 0;
  double py = y->base > 0 ? (double) y->missing / y->base : 0;

  if (px != py)
    return px > py ? -1 : 1;
  if (x->missing != y->missing)
    return x->missing > y->missing ? -1 : 1;
  return x->field < y->field ? -1 : x->field > y->field;
}

static void
build_quality (PathwaysReport *report)
{
  PathwaysMeasures *m = report->measures;
  PathwaysDataset *ds = report->dataset;
  g_autoptr(GArray) comp = g_array_copy (m->completeness);
  PathwaysReportTable *t;

  g_array_sort (comp, cmp_completeness);
  t = table_new (report, "completeness", NULL, _("Missing values by field"),
                 PATHWAYS_CHART_COMPLETENESS, _("records"));
  add_column (t, "field", _("Field"), PATHWAYS_CELL_LABEL, FALSE);
  add_column (t, "missing", _("Missing"), PATHWAYS_CELL_COUNT, FALSE);
  add_column (t, "pct", /* xgettext:no-c-format */ _("% missing"), PATHWAYS_CELL_PERCENT, FALSE);
  add_column (t, "base", _("Records"), PATHWAYS_CELL_COUNT, FALSE);
  for (guint k = 0; k < comp->len; k++)
    {
      const PathwaysCompleteness *c = &g_array_index (comp, PathwaysCompleteness, k);
      PathwaysReportRow *row = add_row (t, pathways_field_get_name (c->field));
      int r = t->rows->len - 1;

      set_label (&row->cells[0], pathways_field_get_name (c->field));
      set_number (&row->cells[1], c->missing);
      set_number (&row->cells[2], pct (c->missing, c->base));
      set_source (&row->cells[2], 0, r, 1);
      set_source (&row->cells[2], 1, r, 3);
      set_number (&row->cells[3], c->base);
    }

  t = table_new (report, "data_quality", NULL, _("Data-quality findings"), PATHWAYS_CHART_NONE, _("findings"));
  t->protect = FALSE;   /* counts of findings about the file, not of people */
  add_column (t, "kind", _("Finding"), PATHWAYS_CELL_LABEL, FALSE);
  add_column (t, "severity", _("Severity"), PATHWAYS_CELL_LABEL, FALSE);
  add_column (t, "count", _("Count"), PATHWAYS_CELL_COUNT, FALSE);
  for (guint k = 0; k < ds->finding_summary->len; k++)
    {
      PathwaysFindingSummary *s = g_ptr_array_index (ds->finding_summary, k);
      PathwaysReportRow *row = add_row (t, s->kind);
      static const char *sev[] = { "error", "warning", "assumption" };

      set_label (&row->cells[0], s->kind);
      set_label (&row->cells[1], s->severity <= PATHWAYS_SEVERITY_ASSUMPTION ? sev[s->severity] : "warning");
      set_number (&row->cells[2], (double) s->count);
    }
}

void
pathways_report_update_base_texts (PathwaysReport *report)
{
  for (guint k = 0; k < report->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, k);
      g_autofree char *n = NULL;

      g_clear_pointer (&t->chart.base_text, g_free);
      if (!t->base.defined)
        continue;
      n = pathways_cell_format (&t->base, report->threshold);
      t->chart.base_text = g_strdup_printf (_("Base: %s %s"), n, t->base_label ? t->base_label : "");
    }
}

/* The automatic trend unit: at most 36 periods over the referral days the filter
 * leaves (months up to 3 years, quarters up to 9, then financial years). */
static PathwaysTrendUnit
trend_unit_for (PathwaysReport       *report,
                const PathwaysFilter *filter)
{
  gint32 from = pathways_filter_get_from (filter), to = pathways_filter_get_to (filter);
  int y0, m0, y1, m1, d, months;

  if (!PATHWAYS_DAY_IS_VALID (from) || (PATHWAYS_DAY_IS_VALID (report->first_referral) && from < report->first_referral))
    from = report->first_referral;
  if (!PATHWAYS_DAY_IS_VALID (to) || (PATHWAYS_DAY_IS_VALID (report->last_referral) && to > report->last_referral))
    to = report->last_referral;
  if (!PATHWAYS_DAY_IS_VALID (from) || !PATHWAYS_DAY_IS_VALID (to) || to < from)
    return PATHWAYS_TREND_MONTH;
  pathways_day_to_ymd (from, &y0, &m0, &d);
  pathways_day_to_ymd (to, &y1, &m1, &d);
  months = (y1 - y0) * 12 + m1 - m0 + 1;
  return months <= 36 ? PATHWAYS_TREND_MONTH : months <= 36 * 3 ? PATHWAYS_TREND_QUARTER
                                                                : PATHWAYS_TREND_FINANCIAL_YEAR;
}

PathwaysReport *
pathways_report_new (PathwaysDataset             *dataset,
                     const PathwaysFilter        *filter,
                     const PathwaysReportOptions *options)
{
  PathwaysReport *report;
  PathwaysReportOptions defaults;
  g_autoptr(PathwaysMeasuresCache) own_cache = NULL;
  g_autoptr(PathwaysSelection) sel = NULL;
  g_autoptr(PathwaysFilter) empty = NULL;
  PathwaysMeasuresCache *cache;
  PathwaysReportActivityJob *activity;

  g_return_val_if_fail (dataset != NULL, NULL);

  if (options == NULL)
    {
      pathways_report_options_init (&defaults);
      options = &defaults;
    }
  if (filter == NULL)
    filter = empty = pathways_filter_new ();
  cache = options->cache;
  if (cache == NULL)
    cache = own_cache = pathways_measures_cache_new (dataset);

  report = g_new0 (PathwaysReport, 1);
  g_atomic_ref_count_init (&report->ref_count);
  report->dataset = pathways_dataset_ref (dataset);
  report->filter = pathways_filter_copy (filter);
  report->options = options->measures;
  report->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  report->filters_text = pathways_filter_describe (filter);
  report->snapshot_day = dataset->snapshot_day;
  pathways_measures_cache_get_totals (cache, NULL, NULL, &report->first_referral, &report->last_referral);
  if (report->options.trend_unit == PATHWAYS_TREND_AUTO)
    report->options.trend_unit = trend_unit_for (report, filter);

  sel = pathways_filter_apply (filter, dataset);
  if (options->case_mask != NULL || options->service_mask != NULL)
    _pathways_selection_mask (sel, options->case_mask, options->service_mask);
  activity = _pathways_report_activity_start (report, cache, sel);
  report->measures = pathways_measures_compute (dataset, cache, sel, &report->options);

  build_dataset_tables (report, cache);
  build_funnel (report);
  build_closure_reasons (report);
  build_rates (report);
  build_waits (report);
  build_people (report);
  build_quality (report);
  _pathways_report_add_activity (report, activity);
  _pathways_report_add_outcomes (report, sel);
  _pathways_report_add_profile (report, cache, sel);
  _pathways_report_add_appointments (report, sel);
  pathways_report_update_base_texts (report);
  return report;
}

PathwaysReport *
pathways_report_ref (PathwaysReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pathways_report_unref (PathwaysReport *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->tables);
  pathways_measures_free (self->measures);
  pathways_filter_free (self->filter);
  pathways_dataset_unref (self->dataset);
  g_clear_object (&self->analysis);
  g_free (self->filters_text);
  g_free (self);
}

static PathwaysReportTable *
table_copy (const PathwaysReportTable *src)
{
  PathwaysReportTable *t = g_new0 (PathwaysReportTable, 1);
  guint n_cols = src->columns->len;

  t->id = g_strdup (src->id);
  t->key = g_strdup (src->key);
  t->title = g_strdup (src->title);
  t->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  for (guint c = 0; c < n_cols; c++)
    {
      PathwaysReportColumn *sc = g_ptr_array_index (src->columns, c);
      PathwaysReportColumn *dc = g_new0 (PathwaysReportColumn, 1);
      *dc = *sc;
      dc->id = g_strdup (sc->id);
      dc->label = g_strdup (sc->label);
      g_ptr_array_add (t->columns, dc);
    }
  t->rows = g_ptr_array_new ();
  for (guint r = 0; r < src->rows->len; r++)
    {
      PathwaysReportRow *sr = g_ptr_array_index (src->rows, r);
      PathwaysReportRow *dr = g_new0 (PathwaysReportRow, 1);
      dr->id = g_strdup (sr->id);
      dr->cells = g_new0 (PathwaysCell, n_cols);
      for (guint c = 0; c < n_cols; c++)
        cell_copy (&dr->cells[c], &sr->cells[c]);
      g_ptr_array_add (t->rows, dr);
    }
  cell_copy (&t->base, &src->base);
  t->base_label = g_strdup (src->base_label);
  if (src->totals != NULL)
    {
      t->totals = g_new0 (PathwaysCell, n_cols);
      for (guint c = 0; c < n_cols; c++)
        cell_copy (&t->totals[c], &src->totals[c]);
    }
  t->protect = src->protect;
  t->withheld = src->withheld;
  t->chart.kind = src->chart.kind;
  t->chart.title = g_strdup (src->chart.title);
  t->chart.unit = g_strdup (src->chart.unit);
  t->chart.base_text = g_strdup (src->chart.base_text);
  t->chart.filters = g_strdup (src->chart.filters);
  t->chart.notes = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < src->chart.notes->len; k++)
    g_ptr_array_add (t->chart.notes, g_strdup (g_ptr_array_index (src->chart.notes, k)));
  return t;
}

PathwaysReport *
pathways_report_copy (PathwaysReport *self)
{
  PathwaysReport *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (PathwaysReport, 1);
  *copy = *self;
  g_atomic_ref_count_init (&copy->ref_count);
  copy->dataset = pathways_dataset_ref (self->dataset);
  copy->filter = pathways_filter_copy (self->filter);
  copy->filters_text = g_strdup (self->filters_text);
  if (self->analysis != NULL)
    g_object_ref (self->analysis);
  /* a deep copy: recomputing would need a measures cache (0.6 s at a million cases) */
  copy->measures = pathways_measures_copy (self->measures);
  copy->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  for (guint k = 0; k < self->tables->len; k++)
    g_ptr_array_add (copy->tables, table_copy (g_ptr_array_index (self->tables, k)));
  return copy;
}

PathwaysReportTable *
pathways_report_get_table (PathwaysReport *self,
                           const char     *id,
                           const char     *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint k = 0; k < self->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (self->tables, k);
      if (g_str_equal (t->id, id) && g_strcmp0 (t->key, key) == 0)
        return t;
    }
  return NULL;
}

int
pathways_report_table_find_column (PathwaysReportTable *table,
                                   const char          *column_id)
{
  g_return_val_if_fail (table != NULL, -1);
  for (guint c = 0; c < table->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);
      if (g_str_equal (col->id, column_id))
        return c;
    }
  return -1;
}

PathwaysReportRow *
pathways_report_table_find_row (PathwaysReportTable *table,
                                const char          *row_id)
{
  g_return_val_if_fail (table != NULL, NULL);
  for (guint r = 0; r < table->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (table->rows, r);
      if (g_strcmp0 (row->id, row_id) == 0)
        return row;
    }
  return NULL;
}

PathwaysCell *
pathways_report_get_cell (PathwaysReport *self,
                          const char     *id,
                          const char     *key,
                          const char     *row_id,
                          const char     *column_id)
{
  PathwaysReportTable *t = pathways_report_get_table (self, id, key);
  PathwaysReportRow *row;
  int c;

  if (t == NULL)
    return NULL;
  row = pathways_report_table_find_row (t, row_id);
  c = pathways_report_table_find_column (t, column_id);
  if (row == NULL || c < 0)
    return NULL;
  return &row->cells[c];
}

char *
pathways_cell_format (const PathwaysCell *cell,
                      guint               threshold)
{
  g_return_val_if_fail (cell != NULL, NULL);

  if (cell->kind == PATHWAYS_CELL_LABEL)
    return g_strdup (cell->text != NULL ? cell->text : "–");
  if (cell->suppression != PATHWAYS_SUPPRESSION_NONE)
    {
      if (cell->kind == PATHWAYS_CELL_COUNT && cell->suppression == PATHWAYS_SUPPRESSION_PRIMARY)
        return g_strdup_printf ("<%u", threshold);
      return g_strdup ("*");
    }
  if (!cell->defined)
    return g_strdup ("–");
  switch (cell->kind)
    {
    case PATHWAYS_CELL_COUNT:
    case PATHWAYS_CELL_SETTING:
      if (cell->value < 0)
        {
          g_autofree char *abs_text = pathways_format_count ((guint64) -cell->value);
          return g_strdup_printf ("−%s", abs_text);
        }
      return pathways_format_count ((guint64) cell->value);
    case PATHWAYS_CELL_PERCENT:
      /* whole percent, one decimal below 10 % */
      /* halves round up (12.5 % shows as 13 %), not to even as printf does */
      if (cell->value < 9.95 && cell->value > 0.0)
        return g_strdup_printf ("%.1f %%", floor (cell->value * 10.0 + 0.5) / 10.0);
      return g_strdup_printf ("%.0f %%", floor (cell->value + 0.5));
    case PATHWAYS_CELL_RATE:
    case PATHWAYS_CELL_STATISTIC:
      {
        /* one decimal, thousands grouped as the counts beside it ("1,964.0", not
         * "1964.0"), and a minus sign, not a hyphen ("−3.0") */
        guint64 tenths = (guint64) floor (fabs (cell->value) * 10.0 + 0.5);
        g_autofree char *whole = pathways_format_count (tenths / 10);

        return g_strdup_printf ("%s%s.%u", cell->value < 0 && tenths > 0 ? "−" : "", whole,
                                (guint) (tenths % 10));
      }
    case PATHWAYS_CELL_LABEL:
    default:
      return g_strdup ("");
    }
}
