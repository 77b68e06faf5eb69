/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-period.h: the one grammar of reporting periods (list, label, parse).
 *
 * Every layer names periods the same way: the CLI's --period, the window's period
 * chooser, compare mode, trend and activity series, funder returns.
 *
 *   kind       identifier (parse, to_string)   label (get_label)
 *   year       2023                            2023
 *   quarter    2023-Q2                         Q2 2023
 *   month      2023-05                         May 2023
 *   fyear      FY2023-24 (or 2023-24)          Financial year 2023-24
 *   fquarter   FY2023-24-Q1 (or 2023-24 Q1)    2023-24 Q1
 *   custom     2023-01-05..2023-02-28          5 Jan 2023 – 28 Feb 2023
 *
 * Financial years run 1 April to 31 March; their quarters are April–June (Q1),
 * July–September, October–December and January–March (Q4). "2011-12" alone reads as
 * December 2011; write FY2011-12 for the financial year.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PATHWAYS_PERIOD_ERROR (pathways_period_error_quark ())

typedef enum {
  PATHWAYS_PERIOD_ERROR_INVALID,    /* text that is none of the accepted forms */
} PathwaysPeriodError;

GQuark pathways_period_error_quark (void);

typedef enum {
  PATHWAYS_PERIOD_WHOLE,      /* no period: the whole dataset */
  PATHWAYS_PERIOD_YEAR,
  PATHWAYS_PERIOD_QUARTER,
  PATHWAYS_PERIOD_MONTH,
  PATHWAYS_PERIOD_FYEAR,
  PATHWAYS_PERIOD_FQUARTER,
  PATHWAYS_PERIOD_CUSTOM,     /* any range of days, ends inclusive (either may be open) */
} PathwaysPeriodKind;

typedef struct {
  PathwaysPeriodKind kind;
  int                year;     /* calendar year; for fyear and fquarter the year the FY starts */
  int                number;   /* quarter 1–4 or month 1–12; 0 otherwise */
  gint32             from;     /* first day, or PATHWAYS_DAY_NONE for an open start */
  gint32             to;       /* last day, or PATHWAYS_DAY_NONE for an open end */
} PathwaysPeriod;

/* KIND is year, quarter, month, fyear or fquarter; NUMBER as in PathwaysPeriod. FALSE
 * when the combination does not exist (quarter 5, month 13, a year before 1900). */
gboolean            pathways_period_init          (PathwaysPeriod     *period,
                                                   PathwaysPeriodKind  kind,
                                                   int                 year,
                                                   int                 number);
/* A custom range, or the whole period when both ends are PATHWAYS_DAY_NONE. */
void                pathways_period_init_range    (PathwaysPeriod     *period,
                                                   gint32              from,
                                                   gint32              to);
/* Any identifier of the table above (case and spaces around parts ignored), or a label
 * of a financial quarter ("2023-24 Q1"). */
gboolean            pathways_period_parse_full    (const char         *text,
                                                   PathwaysPeriod     *period,
                                                   GError            **error);
/* The same, giving only the days. */
gboolean            pathways_period_parse         (const char         *text,
                                                   gint32             *from,
                                                   gint32             *to,
                                                   GError            **error);
/* The identifier: "FY2023-24-Q1"; NULL for the whole period. */
char               *pathways_period_to_string     (const PathwaysPeriod *period);
/* What a reader sees: "2023-24 Q1", "Financial year 2023-24", "Q2 2023" (translated). */
char               *pathways_period_get_label     (const PathwaysPeriod *period);
/* The period of KIND (not custom nor whole) that contains DAY. */
gboolean            pathways_period_containing    (PathwaysPeriod     *period,
                                                   PathwaysPeriodKind  kind,
                                                   gint32              day);
/* The period STEPS periods of the same kind later (negative: earlier); FALSE for the
 * whole period and custom ranges. */
gboolean            pathways_period_shift         (const PathwaysPeriod *period,
                                                   int                   steps,
                                                   PathwaysPeriod       *out);
/* The same period a year before (2022-23 Q1 for 2023-24 Q1, May 2022 for May 2023). */
gboolean            pathways_period_year_before   (const PathwaysPeriod *period,
                                                   PathwaysPeriod       *out);
/* Every period of KIND overlapping FIRST..LAST, newest first (a GArray of
 * PathwaysPeriod); empty when either end is not a valid day. */
GArray             *pathways_period_list          (PathwaysPeriodKind  kind,
                                                   gint32              first,
                                                   gint32              last);
/* "year", "quarter", "month", "fyear", "fquarter" (the CLI's --trend units). */
const char         *pathways_period_kind_to_string   (PathwaysPeriodKind  kind);
gboolean            pathways_period_kind_from_string (const char         *text,
                                                      PathwaysPeriodKind *kind);
/* A heading for a group of periods: "Financial years", "Financial quarters" ... */
const char         *pathways_period_kind_get_label   (PathwaysPeriodKind  kind);

G_END_DECLS
