/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-disclosure-policy.h: the one rule that protects every output.
 *
 * A policy is the method, the threshold k and the rounding in force. It is read from
 * the workspace's report options (PathwaysExportOptions), so the PDF, the XLSX, the
 * CSV folder, a PNG, a print, presentation mode and `summary --json --protection` of a
 * workspace all use the same rule; nothing else holds a threshold.
 * pathways_output_write() (pathways-output.h) is the one caller that protects before
 * writing; views that show protected figures on screen (presentation, the protected
 * preview) use pathways_disclosure_policy_protect().
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"
#include "pathways-report-options.h"

G_BEGIN_DECLS

typedef struct {
  PathwaysProtection method;
  guint              threshold;   /* k, 3–20 (PATHWAYS_DISCLOSURE_MIN/MAX_THRESHOLD) */
  gboolean           round5;      /* shown counts rounded to the nearest 5 on top */
} PathwaysDisclosurePolicy;

/* The default for every output: perturbation by cell keys with k = 5, no rounding. */
void        pathways_disclosure_policy_init          (PathwaysDisclosurePolicy       *policy);
/* The policy OPTIONS save (NULL: the default). */
void        pathways_disclosure_policy_from_options  (PathwaysDisclosurePolicy       *policy,
                                                      const PathwaysExportOptions    *options);
/* Writes POLICY into OPTIONS (method, threshold, rounding). */
void        pathways_disclosure_policy_to_options    (const PathwaysDisclosurePolicy *policy,
                                                      PathwaysExportOptions          *options);
gboolean    pathways_disclosure_policy_is_protected  (const PathwaysDisclosurePolicy *policy);
/* Whether this version implements METHOD (perturbation needs cell keys). */
gboolean    pathways_disclosure_policy_is_available  (PathwaysProtection              method);
/* The report an output shows: REPORT itself (a new reference) when the policy is none
 * or REPORT is already protected, else a protected copy. REPORT is never changed. */
PathwaysReport *pathways_disclosure_policy_protect   (const PathwaysDisclosurePolicy *policy,
                                                      PathwaysReport                 *report);
/* The sentence an output states, matching what it shows. */
char       *pathways_disclosure_policy_describe      (const PathwaysDisclosurePolicy *policy);
/* "perturb", "suppress", "none" (the CLI's --protection). */
const char *pathways_protection_to_string            (PathwaysProtection              method);
gboolean    pathways_protection_from_string          (const char                     *text,
                                                      PathwaysProtection             *method);

G_END_DECLS
