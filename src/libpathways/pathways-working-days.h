/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-working-days.h: bank holidays of England and Wales and working days
 * (spec/metrics.md "Periods for funders").
 *
 * The holidays of 2000–2035 are built in: New Year's Day, Good Friday, Easter Monday,
 * the early May, spring and summer bank holidays, Christmas Day and Boxing Day, with
 * substitute days when they fall at a weekend, the moves of 2002, 2012, 2020 and 2022,
 * and the one-off days (royal wedding 29 April 2011, jubilees 3 June 2002, 5 June 2012
 * and 3 June 2022, the state funeral of 19 September 2022, the coronation of 8 May
 * 2023). Outside those years only weekends are known.
 *
 * Days are the dataset's day numbers (pathways-dataset.h: 1 = 1 January 0001).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PATHWAYS_BANK_HOLIDAYS_FIRST_YEAR 2000
#define PATHWAYS_BANK_HOLIDAYS_LAST_YEAR  2035

/* 0 Monday … 6 Sunday */
int       pathways_day_get_weekday              (gint32 day);
/* The Gregorian Easter Sunday of YEAR. */
gint32    pathways_easter_sunday                (int    year);
gboolean  pathways_is_bank_holiday              (gint32 day);
/* Monday to Friday and not a bank holiday. */
gboolean  pathways_is_working_day               (gint32 day);
/* The bank holidays of YEAR in date order (a GArray of gint32); empty outside
 * 2000–2035. */
GArray   *pathways_bank_holidays_in_year        (int    year);
/* The working days after FROM up to and including TO: 0 for the same day, or for a
 * Friday and the Saturday after it; negative when TO is before FROM (minus the working
 * days after TO up to and including FROM). Both must be valid days. */
int       pathways_working_days_between         (gint32 from,
                                                 gint32 to);

G_END_DECLS
