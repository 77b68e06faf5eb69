/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-disclosure-keys.h: cell keys for method 1 of spec/disclosure.md.
 *
 * A count cell's key is the sum of the record keys (0–255) of the records it counts,
 * modulo 256. The sum is taken bit plane by bit plane: for each bit b of the record
 * keys, the report is counted again over the records whose key has bit b set (the
 * selection narrowed by a bitset, so the measures' own counting passes do the work),
 * and the cell's key is the sum over b of 2^b times its count there, modulo 256. That
 * is exactly the sum of the keys, for every count a report shows, without a second,
 * weighted copy of every counting loop; the plain counting of the window's exact view
 * does not change. Cases count with case keys, services with service keys, the
 * "persons" columns with person keys.
 *
 * Keys are computed only for a protected output (pathways_disclosure_policy_protect),
 * eight or sixteen times the work of one report (docs/performance.md).
 */
#pragma once

#include <glib.h>

#include "pathways-filter.h"
#include "pathways-measures.h"
#include "pathways-report.h"

G_BEGIN_DECLS

/* Gives every count cell of REPORT's protected tables (rows, totals, bases) its cell
 * key, with CACHE (NULL: a temporary one). REPORT must be exact (not protected).
 * FALSE when a protected table that counts someone is not made from the report's
 * selection (a funder return's tables, made from other reports' figures): its cells
 * get no key, and REPORT is then protected by suppression instead. */
gboolean _pathways_disclosure_compute_cell_keys (PathwaysReport        *report,
                                                 PathwaysMeasuresCache *cache);

/* The same through the analysis that made REPORT (its cache, under its lock), or a
 * temporary cache when none did. */
gboolean pathways_disclosure_add_cell_keys      (PathwaysReport        *report);

/* Narrows SEL to the cases in CASES and the services in SERVICES (bitsets over the
 * dataset's cases and services; NULL leaves that side as it is). */
void _pathways_selection_mask               (PathwaysSelection     *sel,
                                             const guint64         *cases,
                                             const guint64         *services);

G_END_DECLS
