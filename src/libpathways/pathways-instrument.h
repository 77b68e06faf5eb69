/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-instrument.h: outcome questionnaires, their scales and what counts as change
 * (spec/metrics.md "Outcomes").
 *
 * Built-in instruments (totals unless said):
 *
 *   Cope and recover  the Ministry of Justice's victim-services outcome: one answer on a
 *                     five-point agreement scale, 1 to 5, higher better, change of 1.
 *   WEMWBS            Warwick-Edinburgh Mental Wellbeing Scale: 14 items 1–5, total
 *                     14–70, higher better; meaningful change 3 points (the WEMWBS user
 *                     guide, Warwick Medical School, citing Maheswaran et al. 2012).
 *   SWEMWBS           the short form: 7 items 1–5, raw total 7–35 (not the Rasch
 *                     metric score), higher better; meaningful change 2 points (the
 *                     guide's 1 to 3, its middle).
 *   PHQ-9             9 items 0–3, total 0–27, lower better; caseness 10 or more,
 *                     reliable change 6.
 *   GAD-7             7 items 0–3, total 0–21, lower better; caseness 8 or more,
 *                     reliable change 4.
 *   CORE-10           10 items 0–4, total 0–40, lower better; caseness 11 or more,
 *                     reliable change 6.
 *
 * Clinical scales (PHQ-9, GAD-7, CORE-10) follow the NHS Talking Therapies for anxiety
 * and depression Manual (NHS England, version 7, 2024, "Recovery" and "Reliable
 * improvement"; the thresholds of the IAPT Data Handbook, appendix):
 *
 *   caseness            score at or above the threshold (PHQ-9 >= 10, GAD-7 >= 8,
 *                       CORE-10 >= 11);
 *   reliable improvement  the score falls by at least the reliable change index
 *                       (PHQ-9 6, GAD-7 4, CORE-10 6) from start to end;
 *   recovery            at caseness at start and below the threshold at end;
 *   reliable recovery   both recovery and reliable improvement.
 *
 * The Manual applies these to the PHQ-9 and the anxiety measure together for a course
 * of treatment; Pathways applies them to each scale on its own, as spec/metrics.md
 * says, so a figure here is "reliable improvement on the PHQ-9", not the NHS's
 * combined recovery rate.
 *
 * An item of a built-in instrument (a question, not the total) has the item range and
 * direction, a meaningful change of 1 and no clinical threshold. An instrument that is
 * not built in has no range, higher is better, and a change of 1 is meaningful.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PATHWAYS_BETTER_HIGHER,
  PATHWAYS_BETTER_LOWER,
} PathwaysBetter;

typedef enum {
  PATHWAYS_TIMEPOINT_NONE = 0,   /* not marked: placed by its date */
  PATHWAYS_TIMEPOINT_START = 1,
  PATHWAYS_TIMEPOINT_REVIEW = 2,
  PATHWAYS_TIMEPOINT_END = 3,
} PathwaysTimepoint;

typedef struct {
  const char *label;    /* folded: lower case, letters and digits only */
  double      score;
} PathwaysAnswerLabel;

typedef struct {
  const char                *name;         /* "PHQ-9" */
  const char                *aliases;      /* folded names, separated by '|' */
  guint                      n_items;
  double                     item_min, item_max;
  double                     total_min, total_max;
  PathwaysBetter             better;
  double                     meaningful_change;   /* of the total */
  gboolean                   clinical;
  double                     caseness;            /* clinical: at or above is caseness */
  double                     reliable_change;     /* clinical */
  const PathwaysAnswerLabel *labels;              /* answers as words, NULL-terminated */
  const char                *bands;               /* total's bands: "0-4|5-9|...", or NULL */
} PathwaysInstrument;

/* The scale an answer is measured on. */
typedef struct {
  gboolean        bounded;          /* min and max hold */
  double          min, max;
  PathwaysBetter  better;
  double          meaningful_change;
  gboolean        clinical;
  double          caseness;
  double          reliable_change;
  const char     *bands;            /* as PathwaysInstrument, or NULL */
} PathwaysItemScale;

typedef enum {
  PATHWAYS_CHANGE_IMPROVED,
  PATHWAYS_CHANGE_SAME,
  PATHWAYS_CHANGE_WORSE,
} PathwaysChange;

/* The built-in instruments, *N_OUT of them. */
const PathwaysInstrument *pathways_instrument_get_presets (guint *n_out);
/* The built-in instrument NAME names ("phq 9", "PHQ9", "Patient Health Questionnaire"),
 * or NULL. */
const PathwaysInstrument *pathways_instrument_lookup      (const char *name);
/* TRUE when ITEM is the instrument's total: empty, the instrument's own name, or a word
 * such as "Total" or "Score". */
gboolean                  pathways_instrument_is_total    (const char *instrument,
                                                           const char *item);
/* The scale of ITEM of INSTRUMENT (see the top of this file). */
void                      pathways_item_scale_init        (PathwaysItemScale *scale,
                                                           const char        *instrument,
                                                           const char        *item);
/* TEXT as a score: a number ("3", "2.5"), or an answer label of INSTRUMENT (may be
 * NULL) or of the common agreement and frequency scales ("Strongly agree" 5, "Several
 * days" 1). FALSE when it is neither. */
gboolean                  pathways_instrument_parse_answer (const PathwaysInstrument *instrument,
                                                            const char               *text,
                                                            double                   *out);
/* "start", "Baseline", "Intake", "Pre" → START; "Review", "Mid" → REVIEW; "End",
 * "Exit", "Closure", "Post" → END; "" → NONE; -1 when not understood. */
int                       pathways_timepoint_parse        (const char *text);

/* Change from START to END in the scale's better direction. */
PathwaysChange pathways_item_scale_classify       (const PathwaysItemScale *scale,
                                                   double                   start,
                                                   double                   end);
gboolean       pathways_item_scale_in_range       (const PathwaysItemScale *scale,
                                                   double                   score);
/* Clinical scales only (FALSE otherwise). */
gboolean       pathways_item_scale_at_caseness    (const PathwaysItemScale *scale,
                                                   double                   score);
gboolean       pathways_item_scale_reliable_improvement (const PathwaysItemScale *scale,
                                                         double                   start,
                                                         double                   end);
gboolean       pathways_item_scale_recovery       (const PathwaysItemScale *scale,
                                                   double                   start,
                                                   double                   end);

/* NAME folded: lower case ASCII letters and digits only ("PHQ-9" → "phq9"). */
char          *pathways_instrument_fold           (const char *name);

G_END_DECLS
