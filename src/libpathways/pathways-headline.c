/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-report"

#include "config.h"

#include "pathways-i18n.h"
#include <math.h>

#include "pathways-headline.h"

#include "pathways-analysis-compare.h"
#include "pathways-format.h"

/* One figure of one report: the cell as the report shows it. */
static gboolean
read_cell (PathwaysReport *report,
           const char     *id,
           PathwaysCell   *out)
{
  static const struct { const char *id, *table, *row, *column; } cells[] = {
    { "referrals", "cohort", "cohort", "cases" },
    /* whatever the funnel's population: every referral with a first service start */
    { "cases_supported", "waiting_times", "referral_to_service_start", "n" },
    { "median_contact", "waiting_times", "referral_to_contact", "median" },
    { "median_assessment", "waiting_times", "referral_to_assessment", "median" },
    { "median_service", "waiting_times", "referral_to_service_start", "median" },
    { "waiting_list", "waiting_times", "referral_to_service_start", "still_waiting_n" },
  };

  if (g_str_equal (id, "planned_rate"))
    {
      /* closed cases that ended as planned, over closed cases: the rate tables' totals */
      PathwaysReportTable *t = pathways_report_get_table (report, "planned_closure_rates", NULL);

      for (guint k = 0; t == NULL && k < report->tables->len; k++)
        {
          PathwaysReportTable *candidate = g_ptr_array_index (report->tables, k);
          if (g_str_equal (candidate->id, "planned_closure_rates"))
            t = candidate;
        }
      if (t == NULL || t->totals == NULL)
        return FALSE;
      *out = t->totals[2];
      out->kind = PATHWAYS_CELL_PERCENT;
      out->suppression = MAX (t->totals[1].suppression, t->totals[2].suppression);
      out->defined = t->totals[1].defined && t->totals[2].defined && t->totals[1].value > 0;
      out->value = out->defined ? 100.0 * t->totals[2].value / t->totals[1].value : 0;
      if (t->withheld && out->suppression == PATHWAYS_SUPPRESSION_NONE)
        out->suppression = PATHWAYS_SUPPRESSION_SECONDARY;
      return TRUE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (cells); k++)
    if (g_str_equal (cells[k].id, id))
      {
        PathwaysReportTable *t = pathways_report_get_table (report, cells[k].table, NULL);
        PathwaysCell *cell = pathways_report_get_cell (report, cells[k].table, NULL, cells[k].row,
                                                       cells[k].column);
        if (cell == NULL)
          return FALSE;
        *out = *cell;
        out->text = NULL;
        if (t->withheld && out->suppression == PATHWAYS_SUPPRESSION_NONE)
          out->suppression = PATHWAYS_SUPPRESSION_SECONDARY;
        return TRUE;
      }
  return FALSE;
}

static char *
format_value (PathwaysHeadlineKind kind,
              double               value)
{
  PathwaysCell cell = { 0 };

  switch (kind)
    {
    case PATHWAYS_HEADLINE_DAYS:
      /* medians interpolate: halves are kept, whole days shown without ".0" */
      if (fabs (value - floor (value)) < 0.05)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f day", "%.0f days", (gulong) value), value);
      return g_strdup_printf (_("%.1f days"), value);
    case PATHWAYS_HEADLINE_PERCENT:
      cell.kind = PATHWAYS_CELL_PERCENT;
      break;
    case PATHWAYS_HEADLINE_COUNT:
    default:
      cell.kind = PATHWAYS_CELL_COUNT;
      break;
    }
  cell.defined = TRUE;
  cell.value = value;
  return pathways_cell_format (&cell, 0);
}

/* "12 % more than in 2021-22 (738)" */
static char *
compare_words (const PathwaysHeadline *h,
               int                     side,
               const char             *period)
{
  double a = h->value[PATHWAYS_HEADLINE_THIS], b = h->value[side];
  const char *other = h->text[side];

  if (!h->known[side])
    return g_strdup_printf (_("not shown for %s (%s)"), period, other);
  switch (h->kind)
    {
    case PATHWAYS_HEADLINE_PERCENT:
      if (fabs (a - b) < 0.5)
        return g_strdup_printf (_("about the same as in %s (%s)"), period, other);
      return g_strdup_printf (a > b ? _("%.0f points higher than in %s (%s)")
                                    : _("%.0f points lower than in %s (%s)"),
                              floor (fabs (a - b) + 0.5), period, other);
    case PATHWAYS_HEADLINE_DAYS:
      {
        g_autofree char *diff = NULL;

        if (fabs (a - b) < 0.5)
          return g_strdup_printf (_("about the same as in %s (%s)"), period, other);
        diff = format_value (PATHWAYS_HEADLINE_DAYS, floor (fabs (a - b) + 0.5));
        return g_strdup_printf (a > b ? _("%s longer than in %s (%s)") : _("%s shorter than in %s (%s)"),
                                diff, period, other);
      }
    case PATHWAYS_HEADLINE_COUNT:
    default:
      {
        g_autofree char *pct = NULL;

        if (a == b)
          return g_strdup_printf (_("the same as in %s (%s)"), period, other);
        if (b == 0)
          return g_strdup_printf (_("none in %s"), period);
        pct = pathways_format_percent (100.0 * fabs (a - b) / b);
        return g_strdup_printf (a > b ? _("%s more than in %s (%s)") : _("%s fewer than in %s (%s)"),
                                pct, period, other);
      }
    }
}

static void
describe (PathwaysHeadline        *h,
          const PathwaysHeadlines *all)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (!h->known[PATHWAYS_HEADLINE_THIS])
    {
      h->sentence = g_strdup (_("Not shown: too few records to show safely."));
      return;
    }
  for (int side = PATHWAYS_HEADLINE_PREVIOUS; side < PATHWAYS_HEADLINE_N_SIDES; side++)
    if (h->text[side] != NULL && all->period_label[side] != NULL)
      g_ptr_array_add (parts, compare_words (h, side, all->period_label[side]));
  if (parts->len == 0)
    return;
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: joins "12 % more than in 2021-22 (738)" and "5 % fewer than in ..." */
  joined = g_strjoinv (_("; "), (char **) parts->pdata);
  h->sentence = g_strdup_printf ("%c%s.", g_ascii_toupper (joined[0]), joined + 1);
}

static char *
period_label (PathwaysReport *report)
{
  PathwaysPeriod period;

  if (report == NULL || report->filter == NULL ||
      !pathways_analysis_compare_get_period (report->filter, &period))
    return NULL;
  /* short enough for a chart's label: "2022-23" rather than "Financial year 2022-23" */
  if (period.kind == PATHWAYS_PERIOD_FYEAR)
    return g_strdup_printf ("%d-%02d", period.year, (period.year + 1) % 100);
  return pathways_period_get_label (&period);
}

PathwaysHeadlines *
pathways_headlines_new (PathwaysReport *report,
                        PathwaysReport *previous,
                        PathwaysReport *year_before)
{
  static const struct { const char *id, *label; PathwaysHeadlineKind kind; } figures[] = {
    { "referrals", N_("Referrals"), PATHWAYS_HEADLINE_COUNT },
    { "cases_supported", N_("Cases that started a service"), PATHWAYS_HEADLINE_COUNT },
    { "planned_rate", N_("Planned-closure rate"), PATHWAYS_HEADLINE_PERCENT },
    { "median_contact", N_("Median wait for a first contact"), PATHWAYS_HEADLINE_DAYS },
    { "median_assessment", N_("Median wait for an assessment"), PATHWAYS_HEADLINE_DAYS },
    { "median_service", N_("Median wait for a first service"), PATHWAYS_HEADLINE_DAYS },
    { "waiting_list", N_("Waiting for a first service now"), PATHWAYS_HEADLINE_COUNT },
  };
  PathwaysReport *reports[PATHWAYS_HEADLINE_N_SIDES] = { report, previous, year_before };
  PathwaysHeadlines *self;
  g_autofree char *snapshot = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  self = g_new0 (PathwaysHeadlines, 1);
  self->figures = g_ptr_array_new ();
  for (int side = 0; side < PATHWAYS_HEADLINE_N_SIDES; side++)
    self->period_label[side] = period_label (reports[side]);
  snapshot = pathways_format_day (report->snapshot_day);

  for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
    {
      PathwaysHeadline *h = g_new0 (PathwaysHeadline, 1);
      PathwaysCell cell;

      h->id = figures[f].id;
      h->kind = figures[f].kind;
      h->label = g_strdup (_(figures[f].label));
      for (int side = 0; side < PATHWAYS_HEADLINE_N_SIDES; side++)
        {
          if (reports[side] == NULL || !read_cell (reports[side], h->id, &cell))
            continue;
          h->known[side] = cell.defined && cell.suppression == PATHWAYS_SUPPRESSION_NONE;
          h->value[side] = cell.value;
          h->text[side] = h->known[side] ? format_value (h->kind, cell.value)
                                         : pathways_cell_format (&cell, reports[side]->threshold);
        }
      if (h->text[PATHWAYS_HEADLINE_THIS] == NULL)
        {
          /* the report has no such figure (dates not mapped, no closure reasons) */
          g_free (h->label);
          g_free (h);
          continue;
        }
      if (g_str_equal (h->id, "referrals"))
        h->note = g_strdup (_("Cases referred in the period."));
      else if (g_str_equal (h->id, "cases_supported"))
        h->note = g_strdup (_("Cases referred in the period, open or closed, with a first service started."));
      else if (g_str_equal (h->id, "planned_rate"))
        h->note = g_strdup (_("Closed cases that ended as planned, of all closed cases."));
      else if (g_str_equal (h->id, "waiting_list"))
        h->note = g_strdup_printf (_("Cases referred in the period with no service started on %s, the snapshot date."),
                                   snapshot);
      else
        h->note = g_strdup (_("Days from referral, over the cases with both dates."));
      describe (h, self);
      g_ptr_array_add (self->figures, h);
    }
  return self;
}

void
pathways_headlines_free (PathwaysHeadlines *self)
{
  if (self == NULL)
    return;
  for (guint f = 0; f < self->figures->len; f++)
    {
      PathwaysHeadline *h = g_ptr_array_index (self->figures, f);

      g_free (h->label);
      g_free (h->note);
      for (int side = 0; side < PATHWAYS_HEADLINE_N_SIDES; side++)
        g_free (h->text[side]);
      g_free (h->sentence);
      g_free (h);
    }
  g_ptr_array_unref (self->figures);
  for (int side = 0; side < PATHWAYS_HEADLINE_N_SIDES; side++)
    g_free (self->period_label[side]);
  g_free (self);
}
