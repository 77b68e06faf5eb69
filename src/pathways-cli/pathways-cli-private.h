/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pathways.h"

G_BEGIN_DECLS

/* The cohort and filter options, as typed. */
typedef struct {
  char     *from;
  char     *to;
  char     *period;
  char    **filters;      /* FIELD=VALUE, repeatable */
  char     *population;
  char     *protection;   /* perturb|suppress|none, or NULL */
  int       threshold;    /* -1 when not given */
  int       suppress;     /* -1 when not given: --suppress K */
  gboolean  no_suppress;
  char     *split;        /* --split FIELD */
  char     *trend;        /* --trend month|fquarter|fyear */
  char    **targets;      /* --target MEASURE=N[wd|d], repeatable */
  gboolean  activity;     /* the activity series without --trend (exports: automatic unit) */
} PathwaysCliFilterArgs;

int   pathways_cli_summary           (PathwaysDataset             *dataset,
                                      const PathwaysCliFilterArgs *filter,
                                      gboolean                     json);
/* The report for the cohort the options describe, exact (not yet protected); NULL with
 * *status 2 (bad option) or 1 (the data has no such field or value). */
PathwaysReport *pathways_cli_build_report (PathwaysDataset             *dataset,
                                           const PathwaysCliFilterArgs *filter,
                                           int                         *status);
/* Reads --split, --trend and --target into OPTIONS; FALSE with a message otherwise. */
gboolean pathways_cli_measures_options (PathwaysDataset             *dataset,
                                        const PathwaysCliFilterArgs *filter,
                                        PathwaysMeasuresOptions     *options,
                                        GError                     **error);
char *pathways_cli_findings_to_json  (PathwaysDataset             *dataset);
/* The disclosure policy the options ask for, starting from BASE (the workspace's saved
 * policy for export; no protection for summary). FALSE with a message for contradictory
 * or out-of-range options. */
gboolean pathways_cli_policy          (const PathwaysCliFilterArgs    *filter,
                                       const PathwaysDisclosurePolicy *base,
                                       PathwaysDisclosurePolicy       *policy,
                                       GError                        **error);

G_END_DECLS
