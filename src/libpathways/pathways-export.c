/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-export"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pathways-i18n.h"

#include "pathways-export.h"
#include "pathways-disclosure.h"
#include "pathways-format.h"
#include "pathways-labels.h"
#include "pathways-output.h"

static const struct {
  const char      *id;
  PathwaysSection  section;
} table_sections[] = {
  { "dataset", 0 },
  { "cohort", 0 },
  { "funnel", PATHWAYS_SECTION_JOURNEY },
  { "funnel_split", PATHWAYS_SECTION_JOURNEY },
  { "closure_reasons", PATHWAYS_SECTION_CLOSURES },
  { "service_closure_reasons", PATHWAYS_SECTION_CLOSURES },
  { "planned_closure_rates", PATHWAYS_SECTION_RATES },
  { "waiting_times", PATHWAYS_SECTION_WAITING },
  { "waiting_bands", PATHWAYS_SECTION_WAITING },
  { "waiting_trend", PATHWAYS_SECTION_WAITING },
  { "activity", PATHWAYS_SECTION_ACTIVITY },
  { "activity_waiting_list", PATHWAYS_SECTION_ACTIVITY },
  { "targets", PATHWAYS_SECTION_ACTIVITY },
  { "time_before_support", PATHWAYS_SECTION_PEOPLE },
  { "returners", PATHWAYS_SECTION_PEOPLE },
  { "cases_per_person", PATHWAYS_SECTION_PEOPLE },
  { "multi_category", PATHWAYS_SECTION_PEOPLE },
  { "multi_category_classes", PATHWAYS_SECTION_PEOPLE },
  { "profile", PATHWAYS_SECTION_PROFILE },
  { "appointments_summary", PATHWAYS_SECTION_PEOPLE },
  { "appointments_sessions", PATHWAYS_SECTION_PEOPLE },
  { "appointments_dna", PATHWAYS_SECTION_PEOPLE },
  { "outcomes", PATHWAYS_SECTION_OUTCOMES },
  { "outcome_distribution", PATHWAYS_SECTION_OUTCOMES },
  { "completeness", PATHWAYS_SECTION_QUALITY },
  { "data_quality", PATHWAYS_SECTION_QUALITY },
};

PathwaysSection
pathways_export_table_section (const PathwaysReportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  for (guint k = 0; k < G_N_ELEMENTS (table_sections); k++)
    if (g_str_equal (table_sections[k].id, table->id))
      return table_sections[k].section;
  return PATHWAYS_SECTION_QUALITY;   /* a table added later: shown, at the end */
}

gboolean
pathways_export_table_selected (const PathwaysReportTable   *table,
                                const PathwaysExportOptions *options)
{
  PathwaysSection s = pathways_export_table_section (table);

  return s == 0 || (options->sections & s) != 0;
}

char *
pathways_export_table_title (const PathwaysReportTable *table)
{
  const char *field;

  g_return_val_if_fail (table != NULL, NULL);

  if (g_str_equal (table->id, "waiting_bands"))
    return g_strdup_printf (_("%s: waiting-time bands"), table->title);
  if (g_str_equal (table->id, "waiting_trend"))
    return g_strdup_printf (_("%s: median by period"), table->title);
  field = table->key != NULL ? pathways_labels_get (table->key) : NULL;
  if (field != NULL && g_str_equal (table->id, "multi_category"))
    return g_strdup_printf (_("%s: cases listing each value"), field);
  if (field != NULL && g_str_equal (table->id, "multi_category_classes"))
    return g_strdup_printf (_("%s: number of values listed per case"), field);
  if (field != NULL && g_str_equal (table->id, "planned_closure_rates"))
    {
      g_autofree char *in_sentence = pathways_labels_in_sentence (field);
      /* Translators: "Planned-closure rate by referral source" */
      return g_strdup_printf (_("Planned-closure rate by %s"), in_sentence);
    }
  return g_strdup (table->title);
}

char *
pathways_export_format_day (gint32 day)
{
  g_autofree char *iso = pathways_day_to_iso (day);
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12)
    return g_strdup ("–");
  return g_strdup_printf ("%d %s %d", d, pathways_i18n_month_abbrev (m), y);
}

GDateTime *
pathways_export_now (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      gint64 t = g_ascii_strtoll (epoch, &end, 10);
      if (end != NULL && *end == '\0' && t > 0)
        return g_date_time_new_from_unix_utc (t);
    }
  return g_date_time_new_now_local ();
}

/* The filters in force other than the period, which has its own line; made safe to show. */
static char *
filters_text (PathwaysReport *report)
{
  g_autoptr(PathwaysFilter) rest = pathways_filter_copy (report->filter);
  g_autofree char *text = NULL;

  pathways_filter_set_range (rest, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  text = pathways_filter_describe (rest);
  if (text == NULL || *text == '\0')
    return g_strdup (_("none"));
  return pathways_format_label (text, PATHWAYS_FORMAT_LABEL_MAX_CHARS);
}

char *
pathways_export_cohort_text (PathwaysReport *report)
{
  gint32 from, to;
  g_autofree char *period = NULL, *filters = NULL;
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  from = pathways_filter_get_from (report->filter);
  to = pathways_filter_get_to (report->filter);
  period = pathways_format_day_range (from != PATHWAYS_DAY_NONE ? from : report->first_referral,
                                      to != PATHWAYS_DAY_NONE ? to : report->last_referral);
  /* Translators: the cohort: "cases referred 1 Apr 2022 – 31 Mar 2023" */
  g_string_append_printf (s, _("cases referred %s"), period);
  filters = filters_text (report);
  if (!pathways_filter_is_empty (report->filter) && !g_str_equal (filters, _("none")))
    g_string_append_printf (s, " (%s)", filters);
  return g_string_free (s, FALSE);
}

char *
pathways_export_subject (PathwaysReport              *report,
                         const PathwaysExportOptions *options)
{
  g_autofree char *cohort = NULL;
  GString *s;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  s = g_string_new (pathways_export_options_get_title (options));
  cohort = pathways_export_cohort_text (report);
  if (options->organisation != NULL && *options->organisation != '\0')
    g_string_append_printf (s, ", %s", options->organisation);
  g_string_append_printf (s, ": %s.", cohort);
  return g_string_free (s, FALSE);
}

static void
add_line (GPtrArray  *lines,
          const char *label,
          char       *value)
{
  g_ptr_array_add (lines, g_strdup (label));
  g_ptr_array_add (lines, value);
}

char **
pathways_export_provenance (PathwaysReport              *report,
                            const PathwaysExportOptions *options)
{
  GPtrArray *lines = g_ptr_array_new ();
  PathwaysDataset *ds = report->dataset;
  gint32 from = pathways_filter_get_from (report->filter);
  gint32 to = pathways_filter_get_to (report->filter);
  g_autofree char *from_text = NULL, *to_text = NULL;
  g_autoptr(GDateTime) now = pathways_export_now ();
  GString *files = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (from == PATHWAYS_DAY_NONE)
    from = report->first_referral;
  if (to == PATHWAYS_DAY_NONE)
    to = report->last_referral;
  from_text = pathways_export_format_day (from);
  to_text = pathways_export_format_day (to);

  add_line (lines, _("Title"), g_strdup (pathways_export_options_get_title (options)));
  if (options->organisation != NULL && *options->organisation != '\0')
    add_line (lines, _("Organisation"), g_strdup (options->organisation));
  add_line (lines, _("Period (referral date)"), g_strdup_printf ("%s – %s", from_text, to_text));
  add_line (lines, _("Filters"), filters_text (report));
  add_line (lines, _("Dataset"), g_strdup (ds->name != NULL ? ds->name : _("unnamed")));
  for (guint k = 0; ds->sources != NULL && k < ds->sources->len; k++)
    {
      PathwaysSource *src = g_ptr_array_index (ds->sources, k);
      if (files->len > 0)
        g_string_append (files, ", ");
      g_string_append (files, src->name != NULL ? src->name : "?");
    }
  if (files->len > 0)
    add_line (lines, _("Source files"), g_string_free (files, FALSE));
  else
    g_string_free (files, TRUE);
  add_line (lines, _("Snapshot date"), pathways_export_format_day (report->snapshot_day));
  add_line (lines, _("Generated"), pathways_i18n_format_date (now, "%-d %b %Y %H:%M"));
  add_line (lines, _("Small numbers"),
            pathways_disclosure_describe_method (report->protection, report->threshold, report->round5));
  if (options->marking != NULL && *options->marking != '\0')
    add_line (lines, _("Protective marking"), g_strdup (options->marking));
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

