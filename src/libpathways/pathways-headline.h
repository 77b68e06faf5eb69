/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-headline.h: the headline figures of a report, beside two others.
 *
 * What a board reads first (the PDF's summary page): referrals, cases that started a
 * service, the planned-closure rate, median waits and the waiting list now, each for
 * the report's period, the previous period and the same period a year before, with a
 * sentence that says how they differ. The reports are read as they are: give protected
 * reports (pathways-output.h does), and a hidden figure stays hidden ("<5", "*").
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"

G_BEGIN_DECLS

typedef enum {
  PATHWAYS_HEADLINE_COUNT,
  PATHWAYS_HEADLINE_PERCENT,
  PATHWAYS_HEADLINE_DAYS,
} PathwaysHeadlineKind;

/* the sides of a comparison */
enum {
  PATHWAYS_HEADLINE_THIS,
  PATHWAYS_HEADLINE_PREVIOUS,
  PATHWAYS_HEADLINE_YEAR_BEFORE,
  PATHWAYS_HEADLINE_N_SIDES
};

typedef struct {
  const char           *id;       /* "referrals", "cases_supported", "planned_rate",
                                   * "median_contact", "median_assessment",
                                   * "median_service", "waiting_list" */
  char                 *label;    /* "Referrals" */
  char                 *note;     /* what it counts: "Cases referred in the period" */
  PathwaysHeadlineKind  kind;
  gboolean              known[PATHWAYS_HEADLINE_N_SIDES];   /* a figure to draw */
  double                value[PATHWAYS_HEADLINE_N_SIDES];
  char                 *text[PATHWAYS_HEADLINE_N_SIDES];    /* "826", "15 %", "23 days", "<5";
                                                             * NULL: no such report */
  char                 *sentence; /* "12 % more than in 2021-22 (738)."; NULL alone */
} PathwaysHeadline;

typedef struct {
  /* "2022-23", "Q2 2023", "May 2023"; NULL when there is no such report (or no period) */
  char      *period_label[PATHWAYS_HEADLINE_N_SIDES];
  GPtrArray *figures;    /* PathwaysHeadline*, those REPORT has, in the order above */
} PathwaysHeadlines;

/* PREVIOUS and YEAR_BEFORE may be NULL. */
PathwaysHeadlines *pathways_headlines_new  (PathwaysReport    *report,
                                            PathwaysReport    *previous,
                                            PathwaysReport    *year_before);
void               pathways_headlines_free (PathwaysHeadlines *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysHeadlines, pathways_headlines_free)

G_END_DECLS
