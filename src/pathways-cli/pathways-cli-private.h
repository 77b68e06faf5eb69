/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pathways.h"

G_BEGIN_DECLS

/* The cohort and filter options, as typed. */
typedef struct {
  char     *from;
  char     *to;
  char     *period;
  char    **filters;      /* FIELD=VALUE[,VALUE...] */
  char     *population;
  int       suppress;     /* -1 when not given */
  gboolean  no_suppress;
} PathwaysCliFilterArgs;

int   pathways_cli_summary           (PathwaysDataset             *dataset,
                                      const PathwaysCliFilterArgs *filter,
                                      gboolean                     json);
/* The report for the cohort the options describe, exact (not yet protected); NULL with
 * *status 2 (bad option) or 1 (the data has no such field or value). */
PathwaysReport *pathways_cli_build_report (PathwaysDataset             *dataset,
                                           const PathwaysCliFilterArgs *filter,
                                           int                         *status);
char *pathways_cli_findings_to_json  (PathwaysDataset             *dataset);

G_END_DECLS
