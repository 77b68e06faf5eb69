/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-outcomes.h: the outcomes table (spec/data-model.md "Outcomes") and its
 * measures (spec/metrics.md "Outcomes (before and after)").
 *
 * The table holds one answer per row: a case, a measure (an instrument and one of its
 * items, or its total), a timepoint, a date and a score. Rows are sorted by measure,
 * then case, then file order, so that the answers of one case to one measure are
 * adjacent and in the order they were read.
 */
#pragma once

#include <gio/gio.h>

#include "pathways-dataset.h"
#include "pathways-filter.h"
#include "pathways-instrument.h"
#include "pathways-mapping.h"

G_BEGIN_DECLS

/* Finding kinds of the outcomes file */
#define PATHWAYS_FINDING_SCORE_OUT_OF_RANGE    "score_out_of_range"
#define PATHWAYS_FINDING_ORPHAN_ANSWER         "orphan_answer"
#define PATHWAYS_FINDING_TIMEPOINT_NOT_PLACED  "timepoint_not_placed"

struct _PathwaysOutcomeTable {
  char       *file;            /* base name of the source file */
  guint       n_rows;
  guint32    *case_index;      /* n_rows */
  guint16    *measure;         /* n_rows: index into instruments and items */
  guint8     *timepoint;       /* n_rows: PathwaysTimepoint */
  gint32     *day;             /* n_rows: day number or PATHWAYS_DAY_NONE */
  double     *score;           /* n_rows */
  GPtrArray  *instruments;     /* char*, one per measure */
  GPtrArray  *items;           /* char*, one per measure (the instrument's name for a total) */
};

/* Allocates N_ROWS rows (zeroed) and no measures. */
PathwaysOutcomeTable *pathways_outcome_table_new          (guint                 n_rows);
void                  pathways_outcome_table_free         (PathwaysOutcomeTable *table);
guint                 pathways_outcome_table_get_n_measures (PathwaysOutcomeTable *table);
/* Sorts the rows by measure, case and file order (stable). */
void                  pathways_outcome_table_sort         (PathwaysOutcomeTable *table);

/* Reads the outcomes file PATH (CSV or XLSX, first sheet) into DATASET's outcomes
 * table, replacing any. Both shapes are read: a column of items and a column of scores
 * (one row per answer), or one column per item (one row per questionnaire; a
 * built-in scale's total is then the sum of its items when every item is answered and
 * there is no total column). Columns are found by their header names. Findings (scores
 * out of range or not understood, answers without a case, timepoints that cannot be
 * placed) are added to DATASET; those rows are left out. */
gboolean pathways_outcomes_import (PathwaysDataset   *dataset,
                                   const char        *path,
                                   PathwaysDateOrder  date_order,
                                   GError           **error);

#define PATHWAYS_OUTCOME_MAX_BANDS 16

typedef struct {
  char              *instrument;
  char              *item;
  PathwaysItemScale  scale;
  guint              paired_n;           /* selected cases with a start and an end */
  guint              closed[PATHWAYS_N_CLOSURE_CLASSES];        /* selected closed cases */
  guint              closed_paired[PATHWAYS_N_CLOSURE_CLASSES]; /* of them, paired */
  double             mean_start, mean_end, mean_change;  /* NAN when paired_n = 0 */
  double             change_ci_low, change_ci_high;      /* NAN when paired_n < 2 */
  guint              improved, same, worse;
  /* clinical scales */
  guint              caseness_start;     /* paired cases at caseness at start */
  guint              reliable_improvement;
  guint              recovery;
  guint              reliable_recovery;
  /* the answers of the paired cases at start and at end, by value or band: a preset's
   * bands or whole-number range; for any other instrument, the observed whole numbers
   * of the whole table (fewer than PATHWAYS_OUTCOME_MAX_BANDS), whatever the selection */
  guint              n_bins;
  char              *bin_labels[PATHWAYS_OUTCOME_MAX_BANDS];
  guint              start_counts[PATHWAYS_OUTCOME_MAX_BANDS];
  guint              end_counts[PATHWAYS_OUTCOME_MAX_BANDS];
} PathwaysOutcomeResult;

/* The outcome measures of the selected cases, one per measure of DATASET's outcomes
 * table in instrument and item order; an empty array when there is no table. */
GArray *pathways_outcomes_compute (PathwaysDataset         *dataset,
                                   const PathwaysSelection *selection);
/* Completion of RESULT in percent: paired closed cases of CLASS (PATHWAYS_N_CLOSURE_CLASSES
 * for all) over closed cases; NAN when there is none. */
double  pathways_outcome_result_completion (const PathwaysOutcomeResult *result,
                                            guint                        closure_class);
/* Two-sided 95 % quantile of Student's t with DF degrees of freedom. */
double  pathways_t_quantile_975            (guint                        df);

G_END_DECLS
