/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-disclosure-private.h: the rules both methods share (pathways-disclosure.c),
 * for the perturbation of method 1 (pathways-disclosure-perturb.c). */
#pragma once

#include "pathways-report.h"

G_BEGIN_DECLS

/* A protected table whose true base is below 10: withheld, every figure hidden. */
void     _pathways_disclosure_withhold_small (PathwaysReportTable *t);
/* Minimum and maximum durations: never shown in protected outputs. */
gboolean _pathways_disclosure_never_shown    (PathwaysReportTable *t,
                                              guint                c);

/* Statistics of column C of T as protected outputs show them: durations in whole
 * days, means of days and outcome scores (means, mean change and its interval) to one
 * decimal (spec/disclosure.md, spec/metrics.md "Outcomes"). */
double   _pathways_disclosure_round_statistic (PathwaysReportTable *t,
                                               guint                c,
                                               double               value);

G_END_DECLS
