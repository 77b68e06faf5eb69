/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-disclosure-audit.h: the suppression auditor of spec/disclosure.md, method 2.
 *
 * The auditor lists every linear relation a reader can form between the counts a
 * report shows (PathwaysDisclosureRelations): each table's rows and its total, a
 * table's base and that total, the same total shown in several tables (cohort cases,
 * closed and open cases, the first funnel stage, the waiting n, its bands and its
 * trend), funnel drops between stages, the split funnels adding up to the whole one,
 * the planned closures of the rate tables and the planned reasons of the closure
 * table, and, as inequalities, a multi-value field's value counts against the cases
 * listing one value or more. Percents, rates and statistics are shown only when every count they derive
 * from is shown (pathways-disclosure.c), so they add no relation of their own.
 *
 * For a hidden count it computes the smallest and largest value consistent with every
 * shown figure: two linear programs (GLPK) whose unknowns are the hidden counts, a
 * "<k" count lying in 1..k-1 and a "*" count being at least 1 (zero is always shown).
 */
#pragma once

#include <glib.h>

#include "pathways-report.h"

G_BEGIN_DECLS

typedef struct _PathwaysDisclosureRelations PathwaysDisclosureRelations;

/* The count cells of REPORT's protected tables and the relations between them. The
 * cells are REPORT's own: the relations stay valid while their state changes. */
PathwaysDisclosureRelations *pathways_disclosure_relations_new      (PathwaysReport *report);
void                         pathways_disclosure_relations_free     (PathwaysDisclosureRelations *self);
guint                        pathways_disclosure_relations_get_n_cells     (PathwaysDisclosureRelations *self);
PathwaysCell                *pathways_disclosure_relations_get_cell        (PathwaysDisclosureRelations *self,
                                                                            guint                        i);
guint                        pathways_disclosure_relations_get_n_relations (PathwaysDisclosureRelations *self);
/* Relation R: sum over its terms of COEFFS[t] × cell VARS[t] = 0. */
void                         pathways_disclosure_relations_get_relation    (PathwaysDisclosureRelations *self,
                                                                            guint                        r,
                                                                            guint                       *n_terms,
                                                                            const guint                **vars,
                                                                            const int                  **coeffs);

/* Whether relation R is "sum <= 0" (a multi-value field's values against its cases)
 * rather than "sum = 0". */
gboolean pathways_disclosure_relations_is_at_most (PathwaysDisclosureRelations *self,
                                                   guint                        r);

/* The range of hidden cell I consistent with the shown cells and the relations, given
 * threshold K. FALSE when the cell is shown (LO = HI = its value). */
gboolean pathways_disclosure_feasible_range (PathwaysDisclosureRelations *self,
                                             guint                        k,
                                             guint                        i,
                                             double                      *lo,
                                             double                      *hi);

/* Secondary suppression over the whole REPORT (primaries already marked): until every
 * primary cell's range is all of 1..k-1, hides the smallest shown count that widens
 * it. Returns the number of cells it hid. */
guint    pathways_disclosure_audit          (PathwaysReport              *report,
                                             guint                        k);

G_END_DECLS
