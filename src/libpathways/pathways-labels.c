/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-labels"

#include "config.h"

#include <string.h>
#include "pathways-i18n.h"

#include "pathways-labels.h"

#include "pathways-analysis-compare.h"
#include "pathways-field.h"
#include "pathways-format.h"
#include "pathways-mapping.h"
#include "pathways-measures.h"
#include "pathways-stage.h"

static const struct {
  const char *id;
  const char *label;
} other_labels[] = {
  { "not_recorded", N_("Not recorded") },
  { "service_mix", N_("Service mix") },
  { "error", N_("Left out of the data") },
  { "warning", N_("Kept, but worth a look") },
  { "assumption", N_("A choice made on import") },
};

const char *
pathways_labels_get_class (const char *id)
{
  static const struct {
    const char *id;
    const char *label;
  } classes[] = {
    { "planned", N_("Planned") },
    { "other", N_("Other") },
    { "unplanned", N_("Unplanned") },
    { "not_recorded", N_("Not recorded") },
  };

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_str_equal (id, classes[i].id))
      return _(classes[i].label);
  return NULL;
}

const char *
pathways_labels_get (const char *id)
{
  const char *finding;

  g_return_val_if_fail (id != NULL, NULL);

  for (guint m = 0; m < PATHWAYS_N_WAITS; m++)
    if (g_str_equal (id, pathways_wait_measure_get_id (m)))
      return pathways_wait_measure_get_label (m);
  for (guint s = 0; s < PATHWAYS_N_STAGES; s++)
    if (g_str_equal (id, pathways_stage_get_id (s)))
      return pathways_stage_get_label (s);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (g_str_equal (id, pathways_field_get_name (f)))
      return _(pathways_field_get_label (f));
  for (guint i = 0; i < G_N_ELEMENTS (other_labels); i++)
    if (g_str_equal (id, other_labels[i].id))
      return _(other_labels[i].label);
  finding = pathways_finding_kind_get_label (id);
  return finding != id ? finding : NULL;
}

gboolean
pathways_labels_column_has_ids (const PathwaysReportTable *table,
                                guint                      column)
{
  PathwaysReportColumn *col;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (column < table->columns->len, FALSE);

  col = g_ptr_array_index (table->columns, column);
  if (col->kind != PATHWAYS_CELL_LABEL)
    return FALSE;
  if (g_str_equal (table->id, "waiting_times"))
    return g_str_equal (col->id, "measure");
  if (g_str_equal (table->id, "closure_reasons") || g_str_equal (table->id, "service_closure_reasons"))
    return g_str_equal (col->id, "class");
  if (g_str_equal (table->id, "completeness"))
    return g_str_equal (col->id, "field");
  if (g_str_equal (table->id, "data_quality"))
    return g_str_equal (col->id, "kind") || g_str_equal (col->id, "severity");
  return FALSE;
}

char *
pathways_labels_format_cell (const PathwaysReportTable *table,
                             guint                      column,
                             const PathwaysCell        *cell,
                             guint                      threshold)
{
  const char *label = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (cell != NULL, NULL);

  if (cell->kind == PATHWAYS_CELL_LABEL && cell->text != NULL &&
      pathways_labels_column_has_ids (table, column))
    {
      PathwaysReportColumn *col = g_ptr_array_index (table->columns, column);

      label = g_str_equal (col->id, "class") ? pathways_labels_get_class (cell->text)
                                             : pathways_labels_get (cell->text);
    }
  return label != NULL ? g_strdup (label) : pathways_cell_format (cell, threshold);
}

char *
pathways_labels_format_key (const PathwaysReportTable *table)
{
  const char *slash;
  const char *label;

  g_return_val_if_fail (table != NULL, NULL);

  if (table->key == NULL)
    return NULL;
  slash = strchr (table->key, '/');
  if (slash != NULL && (g_str_equal (table->id, "waiting_bands") || g_str_equal (table->id, "waiting_trend")))
    {
      g_autofree char *measure = g_strndup (table->key, slash - table->key);

      label = pathways_labels_get (measure);
      /* Translators: a waiting measure and a service type: "Service wait: Therapy" */
      return g_strdup_printf (_("%s: %s"), label != NULL ? label : measure, slash + 1);
    }
  if (g_str_equal (table->id, "waiting_bands") || g_str_equal (table->id, "waiting_trend") ||
      g_str_equal (table->id, "planned_closure_rates") || g_str_equal (table->id, "multi_category") ||
      g_str_equal (table->id, "multi_category_classes"))
    {
      label = pathways_labels_get (table->key);
      if (label != NULL)
        return g_strdup (label);
    }
  return g_strdup (table->key);
}

char *
pathways_labels_format_funnel_title (PathwaysReport            *report,
                                     const PathwaysReportTable *table)
{
  gboolean all;
  g_autofree char *n = NULL, *when = NULL;
  PathwaysPeriod period;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (!g_str_equal (table->id, "funnel") || table->key != NULL || !table->base.defined ||
      table->base.suppression != PATHWAYS_SUPPRESSION_NONE)
    return NULL;
  all = report->options.population == PATHWAYS_POPULATION_ALL;
  n = pathways_cell_format (&table->base, report->threshold);
  /* "in 2022-23" reads better mid-sentence than "in Financial year 2022-23" */
  if (report->filter != NULL && pathways_analysis_compare_get_period (report->filter, &period))
    when = period.kind == PATHWAYS_PERIOD_FYEAR
           ? g_strdup_printf ("%d-%02d", period.year, (period.year + 1) % 100)
           : pathways_period_get_label (&period);
  else if (report->filter != NULL && (pathways_filter_get_from (report->filter) != PATHWAYS_DAY_NONE ||
                                      pathways_filter_get_to (report->filter) != PATHWAYS_DAY_NONE))
    when = pathways_format_day_range (pathways_filter_get_from (report->filter),
                                      pathways_filter_get_to (report->filter));
  if (when == NULL)
    return g_strdup_printf (all ? _("Journey of all %s cases") : _("Journey of the %s closed cases"), n);
  return g_strdup_printf (all ? _("Journey of all %s cases referred in %s")
                              : _("Journey of the %s closed cases referred in %s"), n, when);
}

char *
pathways_labels_in_sentence (const char *label)
{
  const char *rest;
  g_autofree char *first = NULL;

  g_return_val_if_fail (label != NULL, NULL);

  if (*label == '\0')
    return g_strdup ("");
  rest = g_utf8_next_char (label);
  /* "GP", "PCC area": an abbreviation keeps its capitals */
  if (*rest != '\0' && g_unichar_isupper (g_utf8_get_char (rest)))
    return g_strdup (label);
  first = g_utf8_strdown (label, rest - label);
  return g_strconcat (first, rest, NULL);
}
