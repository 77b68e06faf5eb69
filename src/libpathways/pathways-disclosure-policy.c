/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-disclosure"

#include "config.h"

#include "pathways-disclosure-policy.h"

#include "pathways-disclosure.h"
#include "pathways-disclosure-keys.h"

void
pathways_disclosure_policy_init (PathwaysDisclosurePolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->method = PATHWAYS_PROTECTION_PERTURB;
  policy->threshold = PATHWAYS_DISCLOSURE_DEFAULT_THRESHOLD;
  policy->round5 = FALSE;
}

void
pathways_disclosure_policy_from_options (PathwaysDisclosurePolicy    *policy,
                                         const PathwaysExportOptions *options)
{
  g_return_if_fail (policy != NULL);

  pathways_disclosure_policy_init (policy);
  if (options == NULL)
    return;
  if (!options->suppress)
    policy->method = PATHWAYS_PROTECTION_NONE;
  else
    policy->method = options->method == PATHWAYS_PROTECTION_PERTURB ? PATHWAYS_PROTECTION_PERTURB
                                                                     : PATHWAYS_PROTECTION_SUPPRESS;
  policy->threshold = CLAMP (options->threshold, PATHWAYS_DISCLOSURE_MIN_THRESHOLD,
                             PATHWAYS_DISCLOSURE_MAX_THRESHOLD);
  policy->round5 = options->round5;
}

void
pathways_disclosure_policy_to_options (const PathwaysDisclosurePolicy *policy,
                                       PathwaysExportOptions          *options)
{
  g_return_if_fail (policy != NULL);
  g_return_if_fail (options != NULL);

  options->suppress = policy->method != PATHWAYS_PROTECTION_NONE;
  if (policy->method != PATHWAYS_PROTECTION_NONE)
    options->method = policy->method;
  options->threshold = policy->threshold;
  options->round5 = policy->round5;
}

gboolean
pathways_disclosure_policy_is_protected (const PathwaysDisclosurePolicy *policy)
{
  return policy != NULL && policy->method != PATHWAYS_PROTECTION_NONE;
}

/* Every method is implemented: perturbation counts the cell keys of the report it
 * protects (pathways-disclosure-keys.h). */
gboolean
pathways_disclosure_policy_is_available (PathwaysProtection method)
{
  return method <= PATHWAYS_PROTECTION_PERTURB;
}

PathwaysReport *
pathways_disclosure_policy_protect (const PathwaysDisclosurePolicy *policy,
                                    PathwaysReport                 *report)
{
  PathwaysReport *copy;
  guint k;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);

  if (!pathways_disclosure_policy_is_protected (policy) || report->threshold != 0)
    return pathways_report_ref (report);
  copy = pathways_report_copy (report);
  k = CLAMP (policy->threshold, PATHWAYS_DISCLOSURE_MIN_THRESHOLD, PATHWAYS_DISCLOSURE_MAX_THRESHOLD);
  /* the keys are counted for the copy only: the exact view never pays for them. A
   * report with tables that cannot be keyed (a funder return's, made from other
   * reports' figures) is protected by audited suppression, and says so
   * (report->protection). */
  if (policy->method == PATHWAYS_PROTECTION_PERTURB && pathways_disclosure_add_cell_keys (copy))
    pathways_disclosure_apply_perturbation (copy, k, policy->round5);
  else
    pathways_disclosure_apply (copy, k, policy->round5);
  return copy;
}

char *
pathways_disclosure_policy_describe (const PathwaysDisclosurePolicy *policy)
{
  g_return_val_if_fail (policy != NULL, NULL);

  return pathways_disclosure_describe_method (policy->method, policy->threshold, policy->round5);
}

static const char *method_ids[] = { "none", "suppress", "perturb" };

const char *
pathways_protection_to_string (PathwaysProtection method)
{
  g_return_val_if_fail (method <= PATHWAYS_PROTECTION_PERTURB, NULL);

  return method_ids[method];
}

gboolean
pathways_protection_from_string (const char         *text,
                                 PathwaysProtection *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (method_ids); i++)
    {
      if (g_ascii_strcasecmp (text, method_ids[i]) == 0)
        {
          *method = i;
          return TRUE;
        }
    }
  return FALSE;
}
