/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Outcome instruments and measures (pathways-instrument.h, pathways-outcomes.h) on the
 * hand-made fixture tests/data/outcomes. Every expected figure is worked out by hand
 * beside its assertion.
 *
 * The cases (closure, reason → class):
 *   O1 2023-04-01 Planned closure → planned      O6 2023-04-06 Referred on → other
 *   O2 2023-04-02 Planned closure → planned      O7 open
 *   O3 2023-04-03 Planned closure → planned      O8 open
 *   O4 2023-04-04 Did not engage  → unplanned    O9 2023-04-07 (no reason) → not recorded
 *   O5 2023-04-05 Did not engage  → unplanned    O10 2023-04-08 Planned closure → planned
 * Closed: 8 (planned 4: O1 O2 O3 O10; unplanned 2: O4 O5; other 1: O6; not recorded 1: O9).
 *
 * answers.csv (one row per answer), PHQ-9 totals (lower better, caseness >= 10,
 * reliable change 6), start → end:
 *   O1 start 10 (2023-01-20; a later "Baseline" 12 is not the earliest start), end 4
 *      (the latest of two ends, 6 on 03-01 and 4 on 03-15): change -6
 *   O2 start 15, end 10: change -5 (a review of 28 is out of range, left out)
 *   O3 start 9, end 3: change -6 (a row "sometime" without a date cannot be placed)
 *   O4 start 20, no end: closed, so the latest answer after the start, the review 18:
 *      change -2
 *   O5 start 12 only: not paired
 *   O6 start 11, end 9: change -2
 *   O7 (open) start 14, end 6 marked: change -8
 *   O8 (open) start 8, review 7: an open case has no end without one marked: not paired
 *   O10 start 12, end 18: change +6
 *   X99: no such case (an orphan answer)
 * Cope and recover, item "I feel able to cope" (1–5, higher better, change 1):
 *   O1 "Disagree" 2 → "Agree" 4; O2 3 → "Neither agree nor disagree" 3.
 *
 * questionnaires.csv (one row per questionnaire, items Q1–Q7), GAD-7 (lower better,
 * caseness >= 8, reliable change 4); totals are the sums of the seven items:
 *   O1 start 2+1+1+1+1+1+1 = 8, end 1+1+1+1+0+0+0 = 4: change -4
 *   O2 start 7 × 1 = 7, end "Several days" (1)+1+1+0+0+0+0 = 3: change -4
 *   O3 start 2+2+2+2+2+1+1 = 12, end 2+1+1+1+1+1+1 = 8: change -4; its review has Q1 = 4,
 *      out of the item range 0–3 (left out, and with six items that row has no total)
 *   O4 start with six items answered: items only, no total, no end
 */
#include "config.h"

#include <math.h>

#include "pathways.h"
#include "pathways-instrument.h"
#include "pathways-outcomes.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

static PathwaysDataset *
load (const char *outcomes)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "outcomes", "cases.csv", NULL);
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "outcomes", outcomes, NULL);
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  PathwaysDataset *ds;

  options.cases_path = cases;
  options.snapshot_day = pathways_day_from_ymd (2023, 6, 30);
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (ds->n_cases, ==, 10);
  g_assert_true (pathways_outcomes_import (ds, path, PATHWAYS_DATE_ORDER_AUTO, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ds->outcomes);
  return ds;
}

static const PathwaysOutcomeResult *
find_result (GArray     *results,
             const char *instrument,
             const char *item)
{
  for (guint i = 0; i < results->len; i++)
    {
      const PathwaysOutcomeResult *r = &g_array_index (results, PathwaysOutcomeResult, i);
      if (g_str_equal (r->instrument, instrument) && g_str_equal (r->item, item))
        return r;
    }
  g_assert_not_reached ();
  return NULL;
}

static GArray *
compute_all (PathwaysDataset *ds)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysSelection) sel = pathways_filter_apply (filter, ds);

  return pathways_outcomes_compute (ds, sel);
}

static void
test_instruments (void)
{
  PathwaysItemScale s;
  const PathwaysInstrument *p;
  double v;

  g_assert_cmpstr (pathways_instrument_lookup ("phq 9")->name, ==, "PHQ-9");
  g_assert_cmpstr (pathways_instrument_lookup ("GAD7")->name, ==, "GAD-7");
  g_assert_cmpstr (pathways_instrument_lookup ("Core-10")->name, ==, "CORE-10");
  g_assert_cmpstr (pathways_instrument_lookup ("swemwbs")->name, ==, "SWEMWBS");
  g_assert_null (pathways_instrument_lookup ("My own form"));

  /* PHQ-9 total: 0–27, lower better, caseness >= 10, reliable change 6 */
  pathways_item_scale_init (&s, "PHQ-9", "PHQ-9");
  g_assert_true (s.clinical);
  g_assert_true (pathways_item_scale_in_range (&s, 0) && pathways_item_scale_in_range (&s, 27));
  g_assert_false (pathways_item_scale_in_range (&s, 28) || pathways_item_scale_in_range (&s, -1));
  g_assert_true (pathways_item_scale_at_caseness (&s, 10));    /* the edge is caseness */
  g_assert_false (pathways_item_scale_at_caseness (&s, 9));
  g_assert_true (pathways_item_scale_reliable_improvement (&s, 16, 10));   /* fall of 6 */
  g_assert_false (pathways_item_scale_reliable_improvement (&s, 15, 10));  /* fall of 5 */
  g_assert_false (pathways_item_scale_reliable_improvement (&s, 10, 16));  /* a rise */
  g_assert_true (pathways_item_scale_recovery (&s, 10, 9));     /* at caseness → below */
  g_assert_false (pathways_item_scale_recovery (&s, 9, 0));     /* not a case at start */
  g_assert_false (pathways_item_scale_recovery (&s, 20, 10));   /* still a case at end */

  /* GAD-7: caseness >= 8, reliable change 4 */
  pathways_item_scale_init (&s, "GAD-7", NULL);
  g_assert_true (pathways_item_scale_at_caseness (&s, 8));
  g_assert_false (pathways_item_scale_at_caseness (&s, 7));
  g_assert_true (pathways_item_scale_reliable_improvement (&s, 8, 4));
  g_assert_false (pathways_item_scale_reliable_improvement (&s, 8, 5));
  g_assert_false (pathways_item_scale_in_range (&s, 22));

  /* CORE-10: 0–40, caseness >= 11, reliable change 6 */
  pathways_item_scale_init (&s, "CORE-10", "Total");
  g_assert_true (pathways_item_scale_at_caseness (&s, 11));
  g_assert_false (pathways_item_scale_at_caseness (&s, 10));
  g_assert_true (pathways_item_scale_recovery (&s, 11, 10));
  g_assert_true (pathways_item_scale_reliable_improvement (&s, 17, 11));
  g_assert_false (pathways_item_scale_reliable_improvement (&s, 16, 11));
  g_assert_true (pathways_item_scale_in_range (&s, 40));
  g_assert_false (pathways_item_scale_in_range (&s, 41));

  /* a PHQ-9 question: 0–3, lower better, change 1, not clinical */
  pathways_item_scale_init (&s, "PHQ-9", "Little interest or pleasure");
  g_assert_false (s.clinical);
  g_assert_false (pathways_item_scale_in_range (&s, 4));
  g_assert_cmpint (pathways_item_scale_classify (&s, 2, 1), ==, PATHWAYS_CHANGE_IMPROVED);
  g_assert_cmpint (pathways_item_scale_classify (&s, 1, 2), ==, PATHWAYS_CHANGE_WORSE);

  /* WEMWBS total 14–70, higher better, change 3: +3 improved, +2 same, -3 worse */
  pathways_item_scale_init (&s, "WEMWBS", "WEMWBS");
  g_assert_false (s.clinical);
  g_assert_cmpint (pathways_item_scale_classify (&s, 40, 43), ==, PATHWAYS_CHANGE_IMPROVED);
  g_assert_cmpint (pathways_item_scale_classify (&s, 40, 42), ==, PATHWAYS_CHANGE_SAME);
  g_assert_cmpint (pathways_item_scale_classify (&s, 40, 37), ==, PATHWAYS_CHANGE_WORSE);
  g_assert_false (pathways_item_scale_in_range (&s, 13));
  /* SWEMWBS raw 7–35, change 2 */
  pathways_item_scale_init (&s, "SWEMWBS", "");
  g_assert_true (pathways_item_scale_in_range (&s, 35) && !pathways_item_scale_in_range (&s, 36));
  g_assert_cmpint (pathways_item_scale_classify (&s, 20, 22), ==, PATHWAYS_CHANGE_IMPROVED);

  /* an instrument of the service's own: unbounded, higher better, change 1 */
  pathways_item_scale_init (&s, "Our form", "Q1");
  g_assert_false (s.bounded);
  g_assert_true (pathways_item_scale_in_range (&s, 1000));
  g_assert_cmpint (pathways_item_scale_classify (&s, 3, 4), ==, PATHWAYS_CHANGE_IMPROVED);

  /* answers as words */
  p = pathways_instrument_lookup ("PHQ-9");
  g_assert_true (pathways_instrument_parse_answer (p, "Nearly every day", &v));
  g_assert_cmpfloat (v, ==, 3);
  g_assert_true (pathways_instrument_parse_answer (NULL, " Strongly agree ", &v));
  g_assert_cmpfloat (v, ==, 5);
  g_assert_true (pathways_instrument_parse_answer (NULL, "2.5", &v));
  g_assert_cmpfloat (v, ==, 2.5);
  g_assert_false (pathways_instrument_parse_answer (p, "Strongly agree", &v));
  g_assert_false (pathways_instrument_parse_answer (NULL, "lots", &v));

  g_assert_cmpint (pathways_timepoint_parse ("Baseline"), ==, PATHWAYS_TIMEPOINT_START);
  g_assert_cmpint (pathways_timepoint_parse ("mid-point"), ==, PATHWAYS_TIMEPOINT_REVIEW);
  g_assert_cmpint (pathways_timepoint_parse ("EXIT"), ==, PATHWAYS_TIMEPOINT_END);
  g_assert_cmpint (pathways_timepoint_parse (""), ==, PATHWAYS_TIMEPOINT_NONE);
  g_assert_cmpint (pathways_timepoint_parse ("sometime"), ==, -1);
}

static void
test_t_quantile (void)
{
  /* tables of Student's t, two-sided 95 % */
  g_assert_cmpfloat_with_epsilon (pathways_t_quantile_975 (1), 12.706205, 1e-6);
  g_assert_cmpfloat_with_epsilon (pathways_t_quantile_975 (6), 2.446912, 1e-6);
  g_assert_cmpfloat_with_epsilon (pathways_t_quantile_975 (30), 2.042272, 1e-6);
  g_assert_cmpfloat_with_epsilon (pathways_t_quantile_975 (31), 2.039513, 1e-5);
  g_assert_cmpfloat_with_epsilon (pathways_t_quantile_975 (60), 2.000298, 1e-5);
  g_assert_cmpfloat_with_epsilon (pathways_t_quantile_975 (120), 1.979930, 1e-5);
}

static void
test_long_findings (void)
{
  g_autoptr(PathwaysDataset) ds = load ("answers.csv");

  /* O2's review of 28 (PHQ-9 is 0–27) */
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_SCORE_OUT_OF_RANGE), ==, 1);
  /* X99 */
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_ORPHAN_ANSWER), ==, 1);
  /* O3's "sometime" without a date */
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_TIMEPOINT_NOT_PLACED), ==, 1);
  /* 26 rows less those 3: 23 answers; two measures (PHQ-9 total, cope item) */
  g_assert_cmpuint (ds->outcomes->n_rows, ==, 23);
  g_assert_cmpuint (pathways_outcome_table_get_n_measures (ds->outcomes), ==, 2);
}

static void
test_long_phq9 (void)
{
  g_autoptr(PathwaysDataset) ds = load ("answers.csv");
  g_autoptr(GArray) results = compute_all (ds);
  const PathwaysOutcomeResult *r = find_result (results, "PHQ-9", "PHQ-9");
  static const guint start_bands[] = { 0, 1, 4, 1, 1 };
  static const guint end_bands[] = { 2, 2, 1, 2, 0 };

  /* paired: O1 O2 O3 O4 O6 O7 O10 */
  g_assert_cmpuint (r->paired_n, ==, 7);
  /* closed 8; paired closed: planned O1 O2 O3 O10 of 4, unplanned O4 of 2, other O6 of 1 */
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_N_CLOSURE_CLASSES), 75.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_CLOSURE_PLANNED), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_CLOSURE_UNPLANNED), 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_CLOSURE_OTHER), 100.0, 1e-9);
  /* O9 is closed without a reason and has no answers: 0 of 1 */
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_CLOSURE_NOT_RECORDED), 0.0, 1e-9);
  /* starts 10+15+9+20+11+14+12 = 91 / 7 = 13; ends 4+10+3+18+9+6+18 = 68 / 7 */
  g_assert_cmpfloat_with_epsilon (r->mean_start, 13.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->mean_end, 68.0 / 7, 1e-9);
  /* changes -6 -5 -6 -2 -2 -8 +6: mean -23/7 = -3.285714; sum of squares about the
   * mean 205 - 529/7 = 906/7, sd = sqrt (906/42) = 4.644505, t(6) = 2.446912, half
   * width 2.446912 × 4.644505 / sqrt 7 = 4.295451: [-7.581165, 1.009737] */
  g_assert_cmpfloat_with_epsilon (r->mean_change, -23.0 / 7, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->change_ci_low, -7.581165, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->change_ci_high, 1.009737, 1e-6);
  /* improved (fall >= 6): O1 O3 O7; same: O2 (5) O4 (2) O6 (2); worse (rise >= 6): O10 */
  g_assert_cmpuint (r->improved, ==, 3);
  g_assert_cmpuint (r->same, ==, 3);
  g_assert_cmpuint (r->worse, ==, 1);
  /* caseness at start (>= 10): O1 (10, the edge) O2 O4 O6 O7 O10, not O3 (9) */
  g_assert_cmpuint (r->caseness_start, ==, 6);
  /* reliable improvement: O1 (-6, the edge) O3 (-6) O7 (-8); not O2 (-5) */
  g_assert_cmpuint (r->reliable_improvement, ==, 3);
  /* recovery: O1 10 → 4, O6 11 → 9, O7 14 → 6; not O2 (ends at 10, the edge) */
  g_assert_cmpuint (r->recovery, ==, 3);
  /* reliable recovery: O1 and O7 (O6 fell by 2 only) */
  g_assert_cmpuint (r->reliable_recovery, ==, 2);
  /* bands 0–4 5–9 10–14 15–19 20–27: starts 9 | 10 11 12 14 | 15 | 20;
   * ends 3 4 | 6 9 | 10 | 18 18 */
  g_assert_cmpuint (r->n_bins, ==, 5);
  g_assert_cmpstr (r->bin_labels[2], ==, "10\u201314");
  for (guint b = 0; b < 5; b++)
    {
      g_assert_cmpuint (r->start_counts[b], ==, start_bands[b]);
      g_assert_cmpuint (r->end_counts[b], ==, end_bands[b]);
    }

  /* the Likert item: O1 2 → 4 improved, O2 3 → 3 same; not clinical */
  r = find_result (results, "Cope and recover", "I feel able to cope");
  g_assert_cmpuint (r->paired_n, ==, 2);
  g_assert_false (r->scale.clinical);
  g_assert_cmpuint (r->improved, ==, 1);
  g_assert_cmpuint (r->same, ==, 1);
  g_assert_cmpuint (r->worse, ==, 0);
  g_assert_cmpfloat_with_epsilon (r->mean_start, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->mean_end, 3.5, 1e-9);
  /* changes +2 and 0: mean 1, sd sqrt 2, t(1) 12.706205 × sqrt 2 / sqrt 2 = 12.706205 */
  g_assert_cmpfloat_with_epsilon (r->change_ci_low, 1 - 12.706205, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->change_ci_high, 1 + 12.706205, 1e-6);
  /* per value 1–5: starts 2, 3; ends 3, 4; completion 2 of 8 closed */
  g_assert_cmpuint (r->n_bins, ==, 5);
  g_assert_cmpuint (r->start_counts[1], ==, 1);
  g_assert_cmpuint (r->start_counts[2], ==, 1);
  g_assert_cmpuint (r->end_counts[2], ==, 1);
  g_assert_cmpuint (r->end_counts[3], ==, 1);
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_N_CLOSURE_CLASSES), 25.0, 1e-9);
}

static void
test_wide_gad7 (void)
{
  g_autoptr(PathwaysDataset) ds = load ("questionnaires.csv");
  g_autoptr(GArray) results = compute_all (ds);
  const PathwaysOutcomeResult *r;

  /* O3's review Q1 = 4 */
  g_assert_cmpuint (pathways_dataset_count_findings (ds, PATHWAYS_FINDING_SCORE_OUT_OF_RANGE), ==, 1);
  /* Q1–Q7 and the total */
  g_assert_cmpuint (results->len, ==, 8);

  r = find_result (results, "GAD-7", "GAD-7");
  /* O1 8 → 4, O2 7 → 3, O3 12 → 8 */
  g_assert_cmpuint (r->paired_n, ==, 3);
  g_assert_cmpfloat_with_epsilon (r->mean_start, 9.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->mean_end, 5.0, 1e-9);
  /* every change -4: no spread, the interval is the mean */
  g_assert_cmpfloat_with_epsilon (r->mean_change, -4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->change_ci_low, -4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->change_ci_high, -4.0, 1e-9);
  /* a fall of 4 is the meaningful (reliable) change: all improved, all reliable */
  g_assert_cmpuint (r->improved, ==, 3);
  g_assert_cmpuint (r->reliable_improvement, ==, 3);
  /* caseness (>= 8) at start: O1 (8, the edge) and O3; O2 (7) is not */
  g_assert_cmpuint (r->caseness_start, ==, 2);
  /* recovery: O1 8 → 4; O3 ends at 8, still a case */
  g_assert_cmpuint (r->recovery, ==, 1);
  g_assert_cmpuint (r->reliable_recovery, ==, 1);
  /* closed 8, paired closed: O1 O2 O3 (planned) → 3 of 8; planned 3 of 4; unplanned 0 of 2 */
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_N_CLOSURE_CLASSES), 37.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_CLOSURE_PLANNED), 75.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_CLOSURE_UNPLANNED), 0.0, 1e-9);

  /* Q1 (0–3): O1 2 → 1 improved, O2 1 → "Several days" 1 same, O3 2 → 2 same */
  r = find_result (results, "GAD-7", "Q1");
  g_assert_false (r->scale.clinical);
  g_assert_cmpuint (r->paired_n, ==, 3);
  g_assert_cmpuint (r->improved, ==, 1);
  g_assert_cmpuint (r->same, ==, 2);
  g_assert_cmpuint (r->n_bins, ==, 4);
  /* starts 2 1 2 → values 0 1 2 3: 0 1 2 0; ends 1 1 2: 0 2 1 0 */
  g_assert_cmpuint (r->start_counts[1], ==, 1);
  g_assert_cmpuint (r->start_counts[2], ==, 2);
  g_assert_cmpuint (r->end_counts[1], ==, 2);
  g_assert_cmpuint (r->end_counts[2], ==, 1);
}

/* own-items.csv: "Our questionnaire" is not a preset, so its items have no stated range.
 *   "I feel safe": answers 2 4 (O1), 3 3 (O2), 2 5 (O3), 6 (O5, start only): all whole,
 *      observed 2..6, a span of 4: bins 2 3 4 5 6. Paired starts 2 3 2 → 2: 2, 3: 1;
 *      ends 4 3 5 → 3: 1, 4: 1, 5: 1. O5's 6 is in no pair but still makes a bin.
 *   "Hours of sleep": 4.5 is not a whole number: no bins.
 *   "Distress": 15 and 0, a span of 15 < 16: sixteen bins 0..15.
 *   "Worries": 16 and 0, a span of 16: too many answers for bins. */
static void
test_own_items_bins (void)
{
  g_autoptr(PathwaysDataset) ds = load ("own-items.csv");
  g_autoptr(GArray) results = compute_all (ds);
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysSelection) sel = NULL;
  g_autoptr(GArray) men = NULL;
  const PathwaysOutcomeResult *r;

  r = find_result (results, "Our questionnaire", "I feel safe");
  g_assert_false (r->scale.bounded);
  g_assert_cmpuint (r->paired_n, ==, 3);
  g_assert_cmpuint (r->n_bins, ==, 5);
  g_assert_cmpstr (r->bin_labels[0], ==, "2");
  g_assert_cmpstr (r->bin_labels[4], ==, "6");
  g_assert_cmpuint (r->start_counts[0], ==, 2);   /* 2: O1 O3 */
  g_assert_cmpuint (r->start_counts[1], ==, 1);   /* 3: O2 */
  g_assert_cmpuint (r->start_counts[4], ==, 0);   /* 6: O5, not paired */
  g_assert_cmpuint (r->end_counts[0], ==, 0);
  g_assert_cmpuint (r->end_counts[1], ==, 1);     /* 3: O2 */
  g_assert_cmpuint (r->end_counts[2], ==, 1);     /* 4: O1 */
  g_assert_cmpuint (r->end_counts[3], ==, 1);     /* 5: O3 */

  r = find_result (results, "Our questionnaire", "Hours of sleep");
  g_assert_cmpuint (r->paired_n, ==, 1);
  g_assert_cmpuint (r->n_bins, ==, 0);

  r = find_result (results, "Our questionnaire", "Distress");
  g_assert_cmpuint (r->n_bins, ==, PATHWAYS_OUTCOME_MAX_BANDS);
  g_assert_cmpstr (r->bin_labels[0], ==, "0");
  g_assert_cmpstr (r->bin_labels[15], ==, "15");
  g_assert_cmpuint (r->start_counts[15], ==, 1);
  g_assert_cmpuint (r->end_counts[0], ==, 1);

  r = find_result (results, "Our questionnaire", "Worries");
  g_assert_cmpuint (r->n_bins, ==, 0);

  /* men (O2, O5, O9): only O2 is paired, 3 → 3, but the bins are still 2..6 */
  pathways_filter_add_value (filter, PATHWAYS_FIELD_GENDER, "Male");
  sel = pathways_filter_apply (filter, ds);
  men = pathways_outcomes_compute (ds, sel);
  r = find_result (men, "Our questionnaire", "I feel safe");
  g_assert_cmpuint (r->paired_n, ==, 1);
  g_assert_cmpuint (r->n_bins, ==, 5);
  g_assert_cmpstr (r->bin_labels[0], ==, "2");
  g_assert_cmpuint (r->start_counts[0], ==, 0);
  g_assert_cmpuint (r->start_counts[1], ==, 1);
  g_assert_cmpuint (r->end_counts[1], ==, 1);
}

static double
report_value (PathwaysReport *r,
              const char     *row_id,
              const char     *column)
{
  PathwaysReportTable *t = pathways_report_get_table (r, "outcomes", NULL);
  int c = pathways_report_table_find_column (t, column);

  /* its own section of every export, not the data quality's */
  g_assert_cmpint (pathways_export_table_section (t), ==, PATHWAYS_SECTION_OUTCOMES);
  g_assert_cmpint (c, >=, 0);
  for (guint i = 0; i < t->rows->len; i++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, i);
      if (g_str_equal (row->id, row_id))
        {
          g_assert_true (row->cells[c].suppression == PATHWAYS_SUPPRESSION_NONE);
          return row->cells[c].value;
        }
    }
  g_assert_not_reached ();
  return NAN;
}

/* ten-pairs.csv: "Mood" of all ten cases, start → end
 *   1→3 2→3 2→4 3→4 3→3 3→5 2→2 1→3 2→4 2→3
 * starts sum 21: mean 2.1; ends sum 34: mean 3.4; changes 2 1 2 1 0 2 0 2 2 1, sum 13:
 * mean 1.3; squared deviations 5 × 0.49 + 3 × 0.09 + 2 × 1.69 = 6.1, s = sqrt (6.1 / 9)
 * = 0.8233, se = 0.8233 / sqrt (10) = 0.2603, t(9) = 2.262157, half 0.5889: 95 %
 * interval 0.7111 to 1.8889. Protected (paired n 10, the smallest base shown), scores
 * keep one decimal, as means do: 2.1, 3.4, 1.3, 0.7 to 1.9, under both methods; whole
 * numbers would be 2, 3, 1, 1 to 2. */
static void
test_protected_means (void)
{
  g_autoptr(PathwaysDataset) ds = load ("ten-pairs.csv");
  g_autoptr(PathwaysReport) exact = pathways_report_new (ds, NULL, NULL);
  const char *row = "Our questionnaire: Mood";

  g_assert_cmpfloat_with_epsilon (report_value (exact, row, "change_ci_low"), 0.71106, 1e-4);
  g_assert_cmpfloat_with_epsilon (report_value (exact, row, "change_ci_high"), 1.88894, 1e-4);
  for (guint method = 0; method < 2; method++)
    {
      g_autoptr(PathwaysReport) r = pathways_report_copy (exact);

      if (method == 0)
        pathways_disclosure_apply_perturbation (r, 5, FALSE);
      else
        pathways_disclosure_apply (r, 5, FALSE);
      g_assert_cmpfloat_with_epsilon (report_value (r, row, "mean_start"), 2.1, 1e-9);
      g_assert_cmpfloat_with_epsilon (report_value (r, row, "mean_end"), 3.4, 1e-9);
      g_assert_cmpfloat_with_epsilon (report_value (r, row, "mean_change"), 1.3, 1e-9);
      g_assert_cmpfloat_with_epsilon (report_value (r, row, "change_ci_low"), 0.7, 1e-9);
      g_assert_cmpfloat_with_epsilon (report_value (r, row, "change_ci_high"), 1.9, 1e-9);
    }
}

static void
test_filtered (void)
{
  g_autoptr(PathwaysDataset) ds = load ("answers.csv");
  g_autoptr(PathwaysFilter) filter = pathways_filter_new ();
  g_autoptr(PathwaysSelection) sel = NULL;
  g_autoptr(GArray) results = NULL;
  const PathwaysOutcomeResult *r;

  pathways_filter_add_value (filter, PATHWAYS_FIELD_GENDER, "Male");
  sel = pathways_filter_apply (filter, ds);
  results = pathways_outcomes_compute (ds, sel);
  r = find_result (results, "PHQ-9", "PHQ-9");
  /* men: O2 (paired 15 → 10), O5 (start only), O9 (no answers); closed: O2 planned,
   * O5 unplanned, O9 not recorded */
  g_assert_cmpuint (r->paired_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (r->mean_change, -5.0, 1e-9);
  g_assert_true (isnan (r->change_ci_low));    /* one pair: no interval */
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_N_CLOSURE_CLASSES), 100.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (pathways_outcome_result_completion (r, PATHWAYS_CLOSURE_UNPLANNED), 0.0, 1e-9);
  g_assert_true (isnan (pathways_outcome_result_completion (r, PATHWAYS_CLOSURE_OTHER)));
}

static void
test_json (void)
{
  g_autoptr(PathwaysDataset) ds = load ("answers.csv");
  g_autoptr(PathwaysReport) report = pathways_report_new (ds, NULL, NULL);
  g_autoptr(JsonNode) root = pathways_summary_to_json (report);
  JsonObject *o = json_node_get_object (root);
  JsonArray *outcomes = json_object_get_array_member (o, "outcomes");
  JsonObject *phq = NULL, *cope = NULL, *completion;
  JsonArray *ci, *dist;

  g_assert_cmpuint (json_array_get_length (outcomes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *m = json_array_get_object_element (outcomes, i);
      if (g_str_equal (json_object_get_string_member (m, "instrument"), "PHQ-9"))
        phq = m;
      else
        cope = m;
    }
  g_assert_nonnull (phq);
  g_assert_nonnull (cope);
  g_assert_cmpstr (json_object_get_string_member (phq, "item"), ==, "PHQ-9");
  g_assert_cmpint (json_object_get_int_member (phq, "paired_n"), ==, 7);
  completion = json_object_get_object_member (phq, "completion");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (completion, "all"), 75.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (completion, "unplanned"), 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (phq, "mean_start"), 13.0, 1e-9);
  ci = json_object_get_array_member (phq, "change_ci");
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (ci, 0), -7.581165, 1e-6);
  g_assert_cmpint (json_object_get_int_member (phq, "improved"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (phq, "reliable_improvement"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (phq, "recovery"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (phq, "reliable_recovery"), ==, 2);
  dist = json_object_get_array_member (phq, "start_distribution");
  g_assert_cmpuint (json_array_get_length (dist), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dist, 2), "value"), ==, "10\u201314");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (dist, 2), "count"), ==, 4);
  /* clinical keys are null for an item that is not a clinical scale */
  g_assert_true (json_object_get_null_member (cope, "reliable_improvement"));
  g_assert_true (json_object_get_null_member (cope, "recovery"));
  g_assert_cmpint (json_object_get_int_member (cope, "improved"), ==, 1);
}

static void
test_no_outcomes (void)
{
  g_autofree char *cases = g_build_filename (TEST_DATA_DIR, "outcomes", "cases.csv", NULL);
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions options = { 0, };
  g_autoptr(PathwaysDataset) ds = NULL;
  g_autoptr(PathwaysReport) report = NULL;
  g_autoptr(JsonNode) root = NULL;

  options.cases_path = cases;
  ds = pathways_import (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  report = pathways_report_new (ds, NULL, NULL);
  root = pathways_summary_to_json (report);
  /* no table, no section (not an empty one) */
  g_assert_false (json_object_has_member (json_node_get_object (root), "outcomes"));
  g_assert_null (pathways_report_get_table (report, "outcomes", NULL));
}

/* save, reopen: the same answers and figures; an answer changed behind Pathways' back
 * is a damaged file, not other figures */
static void
test_workspace (void)
{
  g_autoptr(PathwaysDataset) ds = load ("answers.csv");
  g_autoptr(PathwaysDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pathways-outcomes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "o.pathways", NULL);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  sqlite3 *db;

  g_assert_true (pathways_workspace_save (ds, path, &error));
  g_assert_no_error (error);
  back = pathways_workspace_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back->outcomes);
  g_assert_cmpuint (back->outcomes->n_rows, ==, 23);
  g_assert_cmpstr (back->outcomes->file, ==, "answers.csv");
  g_assert_cmpmem (back->outcomes->score, 23 * sizeof (double), ds->outcomes->score, 23 * sizeof (double));
  g_assert_cmpmem (back->outcomes->day, 23 * sizeof (gint32), ds->outcomes->day, 23 * sizeof (gint32));
  before = compute_all (ds);
  after = compute_all (back);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      const PathwaysOutcomeResult *a = &g_array_index (before, PathwaysOutcomeResult, i);
      const PathwaysOutcomeResult *b = &g_array_index (after, PathwaysOutcomeResult, i);

      g_assert_cmpstr (a->instrument, ==, b->instrument);
      g_assert_cmpstr (a->item, ==, b->item);
      g_assert_cmpuint (a->paired_n, ==, b->paired_n);
      g_assert_cmpfloat (a->mean_change, ==, b->mean_change);
      g_assert_cmpuint (a->reliable_recovery, ==, b->reliable_recovery);
      g_assert_cmpmem (a->closed_paired, sizeof a->closed_paired, b->closed_paired, sizeof b->closed_paired);
    }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE outcome_answers SET score = 0 WHERE position = 0",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_pointer (&back, pathways_dataset_unref);
  back = pathways_workspace_load (path, &error);
  g_assert_null (back);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/outcomes/instruments", test_instruments);
  g_test_add_func ("/outcomes/t-quantile", test_t_quantile);
  g_test_add_func ("/outcomes/long/findings", test_long_findings);
  g_test_add_func ("/outcomes/long/phq9", test_long_phq9);
  g_test_add_func ("/outcomes/wide/gad7", test_wide_gad7);
  g_test_add_func ("/outcomes/own-items-bins", test_own_items_bins);
  g_test_add_func ("/outcomes/protected-means", test_protected_means);
  g_test_add_func ("/outcomes/filtered", test_filtered);
  g_test_add_func ("/outcomes/json", test_json);
  g_test_add_func ("/outcomes/no-outcomes", test_no_outcomes);
  g_test_add_func ("/outcomes/workspace", test_workspace);
  return g_test_run ();
}
