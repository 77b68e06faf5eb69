/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-target"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "pathways-i18n.h"

#include "pathways-target.h"

G_DEFINE_QUARK (pathways-target-error-quark, pathways_target_error)

static const char * const measure_ids[PATHWAYS_N_TARGET_MEASURES] = {
  "contact", "assessment", "service_start", "therapy_start", "planned_closure",
};

const char *
pathways_target_measure_get_id (PathwaysTargetMeasure measure)
{
  g_return_val_if_fail (measure < PATHWAYS_N_TARGET_MEASURES, NULL);
  return measure_ids[measure];
}

const char *
pathways_target_unit_get_id (PathwaysTargetUnit unit)
{
  switch (unit)
    {
    case PATHWAYS_TARGET_WORKING_DAYS: return "working_days";
    case PATHWAYS_TARGET_DAYS: return "days";
    case PATHWAYS_TARGET_PERCENT: return "percent";
    default: g_return_val_if_reached (NULL);
    }
}

static const char *
unit_suffix (PathwaysTargetUnit unit)
{
  return unit == PATHWAYS_TARGET_WORKING_DAYS ? "wd" : unit == PATHWAYS_TARGET_DAYS ? "d" : "%";
}

gboolean
pathways_target_parse (const char      *text,
                       PathwaysTarget  *target,
                       GError         **error)
{
  g_autofree char *name = NULL;
  const char *eq, *p;
  char *end;
  long n;
  guint m;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  eq = strchr (text, '=');
  if (eq == NULL)
    goto bad;
  name = g_strstrip (g_strndup (text, eq - text));
  for (m = 0; m < PATHWAYS_N_TARGET_MEASURES; m++)
    if (g_ascii_strcasecmp (name, measure_ids[m]) == 0)
      break;
  if (m == PATHWAYS_N_TARGET_MEASURES)
    {
      g_set_error (error, PATHWAYS_TARGET_ERROR, 0,
                   _("Unknown target measure “%s”: use contact, assessment, service_start, "
                     "therapy_start or planned_closure"), name);
      return FALSE;
    }
  p = eq + 1;
  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    goto bad;
  n = strtol (p, &end, 10);
  while (*end == ' ')
    end++;
  target->measure = m;
  target->within = (int) CLAMP (n, 0, G_MAXINT);
  if (m == PATHWAYS_TARGET_PLANNED_CLOSURE)
    {
      if ((*end != '%' && *end != '\0') || (*end == '%' && end[1] != '\0') || n > 100)
        goto bad;
      target->unit = PATHWAYS_TARGET_PERCENT;
      return TRUE;
    }
  if (g_ascii_strcasecmp (end, "wd") == 0)
    target->unit = PATHWAYS_TARGET_WORKING_DAYS;
  else if (g_ascii_strcasecmp (end, "d") == 0)
    target->unit = PATHWAYS_TARGET_DAYS;
  else
    goto bad;
  if (n > 3650)
    goto bad;
  return TRUE;

bad:
  g_set_error (error, PATHWAYS_TARGET_ERROR, 0,
               _("“%s” is not a target: write MEASURE=N followed by wd (working days) or d "
                 "(days), as in contact=2wd, or planned_closure=N%%"), text);
  return FALSE;
}

char *
pathways_target_to_string (const PathwaysTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);
  return g_strdup_printf ("%s=%d%s", pathways_target_measure_get_id (target->measure),
                          target->within, unit_suffix (target->unit));
}

char *
pathways_target_get_label (const PathwaysTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  if (target->measure == PATHWAYS_TARGET_PLANNED_CLOSURE)
    return g_strdup_printf (_("Planned-closure rate at least %d %%"), target->within);
  {
    const char *what[] = { N_("First contact"), N_("Assessment"), N_("Service start"), N_("Therapy start") };
    if (target->unit == PATHWAYS_TARGET_WORKING_DAYS)
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s within %d working day", "%s within %d working days",
                                        target->within), _(what[target->measure]), target->within);
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s within %d day", "%s within %d days", target->within),
                            _(what[target->measure]), target->within);
  }
}

gboolean
pathways_target_equal (const PathwaysTarget *a,
                       const PathwaysTarget *b)
{
  return a->measure == b->measure && a->within == b->within && a->unit == b->unit;
}
