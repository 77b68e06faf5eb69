/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-disclosure.h: protecting small numbers (spec/metrics.md, last section).
 *
 * A transformation of the report model, applied before any output:
 * - a count c with 0 < c < k is primary suppressed ("<k"); zero stays 0;
 * - in a table whose rows add up to a shown total, no line is left with exactly one
 *   hidden cell (the smallest other non-zero cell is hidden too);
 * - percents, rates, intervals and statistics computed from a hidden count are hidden
 *   ("*"); waiting-time statistics over fewer than k records are hidden;
 * - funnels: stage counts below k hidden; a drop is shown only when both stages around
 *   it are shown and it is 0 or at least k;
 * - optionally every shown count is rounded to the nearest 5, after suppression.
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"

G_BEGIN_DECLS

#define PATHWAYS_DISCLOSURE_DEFAULT_THRESHOLD 5
#define PATHWAYS_DISCLOSURE_MIN_THRESHOLD 3
#define PATHWAYS_DISCLOSURE_MAX_THRESHOLD 20
/* percents, rates and statistics need a base of at least this; smaller sections are
 * withheld */
#define PATHWAYS_DISCLOSURE_MIN_BASE 10

/* The methods of spec/disclosure.md (pathways-disclosure-policy.h chooses one). */
typedef enum {
  PATHWAYS_PROTECTION_NONE,      /* exact figures: the output says so on every page */
  PATHWAYS_PROTECTION_SUPPRESS,  /* method 2: counts 1..k-1 shown as <k, figures revealing them as * */
  PATHWAYS_PROTECTION_PERTURB,   /* method 1: cell-key perturbation */
} PathwaysProtection;

/* Applies the rule with threshold K (3–20) to every protected table of SELF, in place.
 * A report can be protected once; to keep exact figures, protect a copy
 * (pathways_report_copy). */
void  pathways_disclosure_apply       (PathwaysReport *self,
                                       guint           k,
                                       gboolean        round5);

/* Primary suppression and the display rules without the auditor's secondary
 * suppression: version 1's weakness, for the attack test to prove it works. */
void  pathways_disclosure_apply_unaudited (PathwaysReport *self,
                                           guint           k);

/* Method 1, perturbation by cell keys (pathways-disclosure-perturb.c), with threshold
 * K: counts shown as c + noise (cells without a key hidden as "*"), "<k" from 1 to
 * k-1, funnels non-increasing, derived figures from the shown counts. */
void  pathways_disclosure_apply_perturbation (PathwaysReport *self,
                                              guint           k,
                                              gboolean        round5);
/* The noise for cell key KEY: -2 (0–25), -1 (26–76), 0 (77–178), +1 (179–229), +2. */
int   pathways_disclosure_noise       (guint8          key);

/* The sentence an output of method 2 (K > 0) or of exact figures (K = 0) states:
 * "Counts from 1 to 4 are shown as <5 ...". */
char *pathways_disclosure_describe    (guint           k,
                                       gboolean        round5);
/* The sentence for METHOD, matching what it shows (spec/disclosure.md). */
char *pathways_disclosure_describe_method (PathwaysProtection method,
                                           guint              k,
                                           gboolean           round5);
/* "Fewer than 10 cases in this group: not shown, ..." for a withheld table. */
const char *pathways_disclosure_withheld_text (void);

/* The secondary-suppression core, exposed for tests. VALUES are the counts of a set
 * of cells, SUPPRESSED their state (in: primary; out: primary and secondary). Each
 * line lists the members that add up to its total; its LAST member is the total.
 * On return no line has exactly one suppressed member. */
typedef struct {
  guint        n_members;
  const guint *members;
} PathwaysDisclosureLine;

void  pathways_disclosure_protect_lines (const double                 *values,
                                         gboolean                     *suppressed,
                                         guint                         n_values,
                                         const PathwaysDisclosureLine *lines,
                                         guint                         n_lines);

G_END_DECLS
