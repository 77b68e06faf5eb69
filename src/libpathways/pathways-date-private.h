/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Date texts read in one pass, resolved per column once the day/month order is known.
 *
 * A cell is parsed into a packed 32-bit "candidate" that keeps the parts of an
 * ambiguous date (04/05/2023) until the whole column has been seen: a value whose first
 * part is above 12 settles the column as day-first, one whose second part is above 12 as
 * month-first (spec/data-model.md "Values").
 */
#pragma once

#include <glib.h>

#include "pathways-mapping.h"

G_BEGIN_DECLS

typedef guint32 PathwaysDateCandidate;

#define PATHWAYS_DATE_CANDIDATE_NONE    0u           /* empty */
#define PATHWAYS_DATE_CANDIDATE_INVALID 1u           /* text not understood */

typedef enum {
  PATHWAYS_DATE_TAG_EMPTY,     /* NONE or INVALID */
  PATHWAYS_DATE_TAG_YMD,       /* year, month, day known */
  PATHWAYS_DATE_TAG_AB,        /* a/b/year: day and month in an order still unknown */
  PATHWAYS_DATE_TAG_SERIAL,    /* spreadsheet serial number, kept in the low bits */
} PathwaysDateTag;

/* Parses TEXT (trimmed by the caller or not). Never fails: returns INVALID for a text
 * that is not a date in any accepted form. Accepted: YYYY-MM-DD[ T]time, YYYY/MM/DD,
 * A/B/YYYY and A-B-YYYY and A.B.YYYY with optional time and AM/PM, two-digit years
 * (pivot: 00-69 → 2000s), DD-Mon-YYYY, D Mon YYYY, YYYY-MM, and serial numbers from
 * 10000 to 2958465 (accept_small_serials also accepts 1 to 9999, for XLSX). */
PathwaysDateCandidate pathways_date_candidate_parse   (const char            *text,
                                                       gboolean               accept_small_serials);
PathwaysDateTag       pathways_date_candidate_tag     (PathwaysDateCandidate  c);
/* For AB candidates: the first and second parts. */
void                  pathways_date_candidate_parts   (PathwaysDateCandidate  c,
                                                       int                   *year,
                                                       int                   *a,
                                                       int                   *b);

/* What a column's values say about its order. */
typedef struct {
  guint64 n_ab;             /* ambiguous-form values */
  guint64 n_first_over_12;  /* settle day-first */
  guint64 n_second_over_12; /* settle month-first */
} PathwaysDateOrderEvidence;

void                  pathways_date_order_evidence_add (PathwaysDateOrderEvidence *ev,
                                                        PathwaysDateCandidate      c);
/* The order to use: FORCED unless AUTO; else settled by the evidence; else DMY (UK)
 * with *assumed set to TRUE when there were ambiguous values. */
PathwaysDateOrder     pathways_date_order_resolve      (const PathwaysDateOrderEvidence *ev,
                                                        PathwaysDateOrder          forced,
                                                        gboolean                  *assumed);
/* Julian day of a candidate under ORDER: PATHWAYS_DAY_NONE, PATHWAYS_DAY_INVALID
 * (impossible such as 31/02/2023, or not understood), or a day. */
gint32                pathways_date_candidate_to_day   (PathwaysDateCandidate  c,
                                                        PathwaysDateOrder      order,
                                                        gboolean               date1904);

G_END_DECLS
