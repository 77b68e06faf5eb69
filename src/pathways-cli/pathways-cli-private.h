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
char *pathways_cli_findings_to_json  (PathwaysDataset             *dataset);

G_END_DECLS
