/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-report"

#include "config.h"

#include <math.h>

#include "pathways-i18n.h"

#include "pathways-appointments.h"
#include "pathways-measures-private.h"
#include "pathways-profile.h"
#include "pathways-report-activity.h"
#include "pathways-report-profile.h"

enum { COL_VALUE, COL_COUNT, COL_PCT, COL_PCT_RECORDED };

static void
set_count (PathwaysCell *cell,
           guint         count,
           guint8        key)
{
  _pathways_report_cell_set (cell, count, NULL);
  cell->has_key = TRUE;
  cell->key = key;
}

static void
set_totals (PathwaysReportTable *t,
            guint                col,
            guint                total,
            guint8               key)
{
  t->totals = g_new0 (PathwaysCell, t->columns->len);
  for (guint c = 0; c < t->columns->len; c++)
    {
      PathwaysReportColumn *column = g_ptr_array_index (t->columns, c);

      t->totals[c].kind = column->kind;
      t->totals[c].value = NAN;
      t->totals[c].sources[0].row = t->totals[c].sources[1].row = -1;
      t->totals[c].hidden_num = t->totals[c].hidden_den = -1;
    }
  set_count (&t->totals[col], total, key);
}

static void
add_field_table (PathwaysReport        *report,
                 const PathwaysProfile *p)
{
  const char *name = pathways_field_get_name (p->field);
  /* Translators: %s is a field such as "Ethnicity"; the people served by its values */
  g_autofree char *title = g_strdup_printf (_("%s of the people served"),
                                            pathways_profile_field_label (report->dataset, p->field));
  PathwaysReportTable *t = _pathways_report_table_new (report, "profile", name, title,
                                                       PATHWAYS_CHART_BARS, _("cases"));
  PathwaysReportColumn *count_col;
  int not_recorded = -1;

  _pathways_report_add_column (t, "value", _("Value"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "count", _("Cases"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "pct", _("% of cases"), PATHWAYS_CELL_PERCENT);
  _pathways_report_add_column (t, "pct_recorded", _("% of recorded"), PATHWAYS_CELL_PERCENT);
  count_col = g_ptr_array_index (t->columns, COL_COUNT);
  count_col->additive = TRUE;   /* the values add up to the cohort */

  /* Not recorded is the last row when there is one */
  if (p->rows->len > 0 &&
      g_array_index (p->rows, PathwaysProfileRow, p->rows->len - 1).code == PATHWAYS_CODE_NOT_RECORDED)
    not_recorded = p->rows->len - 1;
  for (guint r = 0; r < p->rows->len; r++)
    {
      const PathwaysProfileRow *pr = &g_array_index (p->rows, PathwaysProfileRow, r);
      PathwaysReportRow *row = _pathways_report_add_row (t, pr->value);
      PathwaysCell *c = row->cells;

      _pathways_report_cell_set (&c[COL_VALUE], 0, pr->value);
      /* keys 0: a profile's keys are worked out from narrowed reports */
      set_count (&c[COL_COUNT], pr->count, 0);
      _pathways_report_cell_set (&c[COL_PCT], pathways_profile_row_pct (p, pr), NULL);
      c[COL_PCT].sources[0] = (PathwaysCellRef) { r, COL_COUNT };
      c[COL_PCT].uses_base = TRUE;
      _pathways_report_cell_set (&c[COL_PCT_RECORDED], pathways_profile_row_pct_recorded (p, pr), NULL);
      /* its denominator, the recorded cases, is the cohort less Not recorded, which a
       * reader could work out from it and its count: it hides with either count, like
       * a percent of a count under 10, and when the recorded are fewer than k */
      c[COL_PCT_RECORDED].sources[0] = (PathwaysCellRef) { not_recorded >= 0 ? not_recorded : (int) r, COL_COUNT };
      c[COL_PCT_RECORDED].sources[1] = (PathwaysCellRef) { r, COL_COUNT };
      c[COL_PCT_RECORDED].hidden_den = p->recorded;
      /* the recorded cases are shown nowhere: perturbed (method 1), the percent is
       * formed again from its count and them, each by its own cell key, not from its
       * two sources above (which would give Not recorded over the count) */
      if (pr->code != PATHWAYS_CODE_NOT_RECORDED)
        c[COL_PCT_RECORDED].hidden_num = pr->count;
    }
  set_count (&t->base, p->base, 0);
  t->base_label = g_strdup (_("cases"));
  set_totals (t, COL_COUNT, p->base, 0);
  g_ptr_array_add (t->chart.notes,
                   g_strdup (_("% of recorded: of the cases whose value is recorded, the form "
                               "to compare with census populations.")));
}

void
_pathways_report_add_profile (PathwaysReport          *report,
                              PathwaysMeasuresCache   *cache,
                              const PathwaysSelection *selection)
{
  g_autoptr(GPtrArray) profiles = NULL;

  /* every case (the window with no filter): counted once per dataset */
  if (selection->n_selected_cases == report->dataset->n_cases && cache != NULL)
    {
      if (cache->full_profiles == NULL)
        cache->full_profiles = pathways_profile_compute (report->dataset, selection);
      profiles = g_ptr_array_ref (cache->full_profiles);
    }
  else
    profiles = pathways_profile_compute (report->dataset, selection);

  for (guint k = 0; k < profiles->len; k++)
    add_field_table (report, g_ptr_array_index (profiles, k));

}

/* ---- appointments ---- */

static PathwaysReportRow *
summary_row (PathwaysReportTable *t,
             const char          *id,
             const char          *label,
             double               value,
             PathwaysCellKind     kind,
             int                  source)
{
  PathwaysReportRow *row = _pathways_report_add_row (t, id);

  _pathways_report_cell_set (&row->cells[0], 0, label);
  row->cells[1].kind = kind;
  _pathways_report_cell_set (&row->cells[1], value, NULL);
  if (source >= 0)
    row->cells[1].sources[0] = (PathwaysCellRef) { source, 1 };
  return row;
}

static void
add_appointment_summary (PathwaysReport                    *report,
                         const PathwaysAppointmentMeasures *m)
{
  PathwaysReportTable *t = _pathways_report_table_new (report, "appointments_summary", NULL,
                                                       _("Sessions and contacts"),
                                                       PATHWAYS_CHART_NONE, _("cases"));
  PathwaysReportRow *row;

  _pathways_report_add_column (t, "measure", _("Measure"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "value", _("Value"), PATHWAYS_CELL_STATISTIC);
  row = summary_row (t, "closed_cases", _("Closed cases"), m->closed_cases, PATHWAYS_CELL_COUNT, -1);
  row->cells[1].has_key = TRUE;
  row->cells[1].key = m->closed_key;
  summary_row (t, "sessions", _("Sessions attended by them"), m->sessions, PATHWAYS_CELL_COUNT, -1);
  summary_row (t, "median_sessions", _("Median sessions attended per closed case"),
               m->median_sessions, PATHWAYS_CELL_STATISTIC, 0);
  summary_row (t, "mean_sessions", _("Mean sessions attended per closed case"),
               m->mean_sessions, PATHWAYS_CELL_STATISTIC, 0);
  summary_row (t, "cases", _("Cases"), m->cases, PATHWAYS_CELL_COUNT, -1);
  summary_row (t, "cases_with_contact", _("Cases with a contact"), m->cases_with_contact,
               PATHWAYS_CELL_COUNT, -1);
  summary_row (t, "contacts", _("Contacts"), m->contacts, PATHWAYS_CELL_COUNT, -1);
  summary_row (t, "contacts_per_case", _("Contacts per case with a contact"),
               m->contacts_per_case, PATHWAYS_CELL_STATISTIC, 5);
}

static void
add_sessions_table (PathwaysReport                    *report,
                    const PathwaysAppointmentMeasures *m)
{
  PathwaysReportTable *t = _pathways_report_table_new (report, "appointments_sessions", NULL,
                                                       _("Sessions attended per closed case"),
                                                       PATHWAYS_CHART_BARS, _("cases"));
  PathwaysReportColumn *count_col;

  _pathways_report_add_column (t, "band", _("Sessions attended"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, "count", _("Closed cases"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, "pct", _("%"), PATHWAYS_CELL_PERCENT);
  count_col = g_ptr_array_index (t->columns, 1);
  count_col->additive = TRUE;
  for (guint band = 0; band < PATHWAYS_N_SESSION_BANDS; band++)
    {
      PathwaysReportRow *row = _pathways_report_add_row (t, pathways_session_band_label (band));

      _pathways_report_cell_set (&row->cells[0], 0, pathways_session_band_label (band));
      set_count (&row->cells[1], m->bands[band], m->band_keys[band]);
      _pathways_report_cell_set (&row->cells[2], m->closed_cases > 0 ? 100.0 * m->bands[band] / m->closed_cases : NAN, NULL);
      row->cells[2].sources[0] = (PathwaysCellRef) { band, 1 };
      row->cells[2].uses_base = TRUE;
    }
  set_count (&t->base, m->closed_cases, m->closed_key);
  t->base_label = g_strdup (_("closed cases"));
  set_totals (t, 1, m->closed_cases, m->closed_key);
  if (!isnan (m->median_sessions))
    {
      g_autofree char *median = g_strdup_printf ("%g", m->median_sessions);
      /* Translators: %s is a number of sessions, "4" or "4.5" */
      g_ptr_array_add (t->chart.notes, g_strdup_printf (_("Median: %s sessions attended."), median));
    }
}

static void
add_dna_table (PathwaysReport                    *report,
               const PathwaysAppointmentMeasures *m)
{
  static const char * const ids[] = {
    "service_type", "booked", "did_not_attend", "pct",
    "cancelled_by_client", "cancelled_by_service",
  };
  PathwaysReportTable *t = _pathways_report_table_new (report, "appointments_dna", NULL,
                                                       _("Did-not-attend rate by service type"),
                                                       PATHWAYS_CHART_NONE, _("appointments"));

  _pathways_report_add_column (t, ids[0], _("Service type"), PATHWAYS_CELL_LABEL);
  _pathways_report_add_column (t, ids[1], _("Booked"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, ids[2], _("Did not attend"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, ids[3], _("Did not attend %"), PATHWAYS_CELL_PERCENT);
  _pathways_report_add_column (t, ids[4], _("Cancelled by client"), PATHWAYS_CELL_COUNT);
  _pathways_report_add_column (t, ids[5], _("Cancelled by service"), PATHWAYS_CELL_COUNT);
  for (guint r = 0; r < m->dna->len; r++)
    {
      const PathwaysDnaRow *d = &g_array_index (m->dna, PathwaysDnaRow, r);
      PathwaysReportRow *row = _pathways_report_add_row (t, d->service_type);
      PathwaysCell *c = row->cells;

      _pathways_report_cell_set (&c[0], 0, d->service_type);
      _pathways_report_cell_set (&c[1], d->booked, NULL);
      _pathways_report_cell_set (&c[2], d->did_not_attend, NULL);
      _pathways_report_cell_set (&c[3], pathways_dna_row_pct (d), NULL);
      c[3].sources[0] = (PathwaysCellRef) { r, 2 };
      c[3].sources[1] = (PathwaysCellRef) { r, 1 };
      _pathways_report_cell_set (&c[4], d->cancelled_by_client, NULL);
      _pathways_report_cell_set (&c[5], d->cancelled_by_service, NULL);
    }
  g_ptr_array_add (t->chart.notes,
                   g_strdup (_("Booked: appointments attended or not attended; cancelled ones are "
                               "not booked.")));
}

void
_pathways_report_add_appointments (PathwaysReport          *report,
                                   const PathwaysSelection *selection)
{
  g_autoptr(PathwaysAppointmentMeasures) m = pathways_appointments_compute (report->dataset, selection);

  if (m == NULL)
    return;
  add_appointment_summary (report, m);
  add_sessions_table (report, m);
  add_dna_table (report, m);
}
