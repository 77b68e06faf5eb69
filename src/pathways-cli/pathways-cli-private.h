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

/* Writes the (already protected) report as pdf, xlsx or csv; returns the exit status. */
int   pathways_cli_export_report     (PathwaysReport              *report,
                                      const char                  *format,
                                      const char                  *output,
                                      const char                  *title,
                                      const char                  *organisation);

G_END_DECLS
