/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-instrument"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pathways-instrument.h"

static const PathwaysAnswerLabel agreement_labels[] = {
  { "stronglydisagree", 1 }, { "disagree", 2 }, { "neitheragreenordisagree", 3 },
  { "neutral", 3 }, { "agree", 4 }, { "stronglyagree", 5 }, { NULL, 0 },
};

/* WEMWBS and SWEMWBS */
static const PathwaysAnswerLabel wellbeing_labels[] = {
  { "noneofthetime", 1 }, { "rarely", 2 }, { "someofthetime", 3 }, { "often", 4 },
  { "allofthetime", 5 }, { NULL, 0 },
};

/* PHQ-9 and GAD-7: "over the last two weeks, how often ..." */
static const PathwaysAnswerLabel frequency_labels[] = {
  { "notatall", 0 }, { "severaldays", 1 }, { "morethanhalfthedays", 2 },
  { "nearlyeveryday", 3 }, { NULL, 0 },
};

/* CORE-10: "over the last week" */
static const PathwaysAnswerLabel core_labels[] = {
  { "notatall", 0 }, { "onlyoccasionally", 1 }, { "sometimes", 2 }, { "often", 3 },
  { "mostoralloftime", 4 }, { "mostorallofthetime", 4 }, { NULL, 0 },
};

static const PathwaysInstrument presets[] = {
  { "Cope and recover", "copeandrecover|copingandrecovery|copeandrecovery|mojcopeandrecover",
    1, 1, 5, 1, 5, PATHWAYS_BETTER_HIGHER, 1, FALSE, 0, 0, agreement_labels, NULL },
  { "WEMWBS", "wemwbs|warwickedinburghmentalwellbeingscale",
    14, 1, 5, 14, 70, PATHWAYS_BETTER_HIGHER, 3, FALSE, 0, 0, wellbeing_labels,
    "14-40|41-44|45-59|60-70" },
  { "SWEMWBS", "swemwbs|shortwarwickedinburghmentalwellbeingscale",
    7, 1, 5, 7, 35, PATHWAYS_BETTER_HIGHER, 2, FALSE, 0, 0, wellbeing_labels, NULL },
  { "PHQ-9", "phq9|patienthealthquestionnaire|patienthealthquestionnaire9",
    9, 0, 3, 0, 27, PATHWAYS_BETTER_LOWER, 6, TRUE, 10, 6, frequency_labels,
    "0-4|5-9|10-14|15-19|20-27" },
  { "GAD-7", "gad7|generalisedanxietydisorder7|generalizedanxietydisorder7",
    7, 0, 3, 0, 21, PATHWAYS_BETTER_LOWER, 4, TRUE, 8, 4, frequency_labels,
    "0-4|5-9|10-14|15-21" },
  { "CORE-10", "core10|clinicaloutcomesinroutineevaluation10",
    10, 0, 4, 0, 40, PATHWAYS_BETTER_LOWER, 6, TRUE, 11, 6, core_labels,
    "0-10|11-14|15-19|20-24|25-29|30-40" },
};

const PathwaysInstrument *
pathways_instrument_get_presets (guint *n_out)
{
  g_return_val_if_fail (n_out != NULL, NULL);

  *n_out = G_N_ELEMENTS (presets);
  return presets;
}

char *
pathways_instrument_fold (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name != NULL ? name : ""; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

/* Folds NAME as pathways_instrument_fold () does, into BUF when it fits (a folded name
 * is never longer than the name), else into *HEAP, which the caller frees: no
 * allocation for the short names and answers of an outcomes file. */
static const char *
fold_into (const char *name,
           char       *buf,
           gsize       size,
           char      **heap)
{
  gsize len = name != NULL ? strlen (name) : 0;
  char *out = buf;
  gsize n = 0;

  if (len >= size)
    out = *heap = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    if (g_ascii_isalnum (name[i]))
      out[n++] = g_ascii_tolower (name[i]);
  out[n] = '\0';
  return out;
}

/* TRUE when FOLDED is one of ALIASES (folded names separated by '|'). */
static gboolean
alias_matches (const char *aliases,
               const char *folded)
{
  gsize len = strlen (folded);

  for (const char *p = aliases; p != NULL; )
    {
      const char *bar = strchr (p, '|');
      gsize n = bar != NULL ? (gsize) (bar - p) : strlen (p);

      if (n == len && memcmp (p, folded, n) == 0)
        return TRUE;
      p = bar != NULL ? bar + 1 : NULL;
    }
  return FALSE;
}

/* Every preset's folded aliases → the preset (the first to name one), built once. */
static gpointer
build_alias_table (gpointer data G_GNUC_UNUSED)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_auto(GStrv) names = g_strsplit (presets[i].aliases, "|", -1);

      for (guint k = 0; names[k] != NULL; k++)
        if (!g_hash_table_contains (table, names[k]))
          g_hash_table_insert (table, g_strdup (names[k]), (gpointer) &presets[i]);
    }
  return table;
}

static const PathwaysInstrument *
lookup_folded (const char *folded)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *table = g_once (&once, build_alias_table, NULL);

  return g_hash_table_lookup (table, folded);
}

const PathwaysInstrument *
pathways_instrument_lookup (const char *name)
{
  char buf[64];
  g_autofree char *heap = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  return lookup_folded (fold_into (name, buf, sizeof buf, &heap));
}

gboolean
pathways_instrument_is_total (const char *instrument,
                              const char *item)
{
  char ibuf[64], nbuf[64];
  g_autofree char *iheap = NULL;
  g_autofree char *nheap = NULL;
  const char *fi, *fn;
  const PathwaysInstrument *preset;

  if (item == NULL || item[0] == '\0')
    return TRUE;
  fi = fold_into (item, ibuf, sizeof ibuf, &iheap);
  fn = fold_into (instrument, nbuf, sizeof nbuf, &nheap);
  if (g_str_equal (fi, fn) || g_str_equal (fi, "total") || g_str_equal (fi, "score") ||
      g_str_equal (fi, "totalscore"))
    return TRUE;
  preset = instrument != NULL ? lookup_folded (fn) : NULL;
  return preset != NULL && alias_matches (preset->aliases, fi);
}

void
pathways_item_scale_init (PathwaysItemScale *scale,
                          const char        *instrument,
                          const char        *item)
{
  const PathwaysInstrument *preset;

  g_return_if_fail (scale != NULL);

  memset (scale, 0, sizeof *scale);
  scale->better = PATHWAYS_BETTER_HIGHER;
  scale->meaningful_change = 1;
  preset = instrument != NULL ? pathways_instrument_lookup (instrument) : NULL;
  if (preset == NULL)
    return;
  scale->bounded = TRUE;
  scale->better = preset->better;
  if (pathways_instrument_is_total (instrument, item))
    {
      scale->min = preset->total_min;
      scale->max = preset->total_max;
      scale->meaningful_change = preset->meaningful_change;
      scale->clinical = preset->clinical;
      scale->caseness = preset->caseness;
      scale->reliable_change = preset->reliable_change;
      scale->bands = preset->bands;
    }
  else
    {
      scale->min = preset->item_min;
      scale->max = preset->item_max;
    }
}

static gboolean
label_lookup (const PathwaysAnswerLabel *labels,
              const char                *folded,
              double                    *out)
{
  for (guint i = 0; labels != NULL && labels[i].label != NULL; i++)
    if (g_str_equal (labels[i].label, folded))
      {
        *out = labels[i].score;
        return TRUE;
      }
  return FALSE;
}

gboolean
pathways_instrument_parse_answer (const PathwaysInstrument *instrument,
                                  const char               *text,
                                  double                   *out)
{
  char buf[64];
  g_autofree char *heap = NULL;
  g_autofree char *copy = NULL;
  const char *trimmed = text;
  const char *folded;
  char *end = NULL;
  gsize len;
  double v;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  /* the importers pass trimmed text: copy only when there is space to strip */
  len = strlen (text);
  if (len > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1])))
    trimmed = copy = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0')
    return FALSE;
  v = g_ascii_strtod (trimmed, &end);
  if (end != trimmed && *end == '\0' && isfinite (v))
    {
      *out = v;
      return TRUE;
    }
  folded = fold_into (trimmed, buf, sizeof buf, &heap);
  if (instrument != NULL)
    return label_lookup (instrument->labels, folded, out);
  /* no instrument known: the common scales, agreement first */
  return label_lookup (agreement_labels, folded, out) ||
         label_lookup (wellbeing_labels, folded, out) ||
         label_lookup (frequency_labels, folded, out);
}

int
pathways_timepoint_parse (const char *text)
{
  static const struct { const char *folded; PathwaysTimepoint tp; } names[] = {
    { "start", PATHWAYS_TIMEPOINT_START }, { "baseline", PATHWAYS_TIMEPOINT_START },
    { "intake", PATHWAYS_TIMEPOINT_START }, { "initial", PATHWAYS_TIMEPOINT_START },
    { "pre", PATHWAYS_TIMEPOINT_START }, { "first", PATHWAYS_TIMEPOINT_START },
    { "entry", PATHWAYS_TIMEPOINT_START }, { "assessment", PATHWAYS_TIMEPOINT_START },
    { "review", PATHWAYS_TIMEPOINT_REVIEW }, { "mid", PATHWAYS_TIMEPOINT_REVIEW },
    { "midpoint", PATHWAYS_TIMEPOINT_REVIEW }, { "interim", PATHWAYS_TIMEPOINT_REVIEW },
    { "progress", PATHWAYS_TIMEPOINT_REVIEW },
    { "end", PATHWAYS_TIMEPOINT_END }, { "exit", PATHWAYS_TIMEPOINT_END },
    { "final", PATHWAYS_TIMEPOINT_END }, { "closure", PATHWAYS_TIMEPOINT_END },
    { "post", PATHWAYS_TIMEPOINT_END }, { "discharge", PATHWAYS_TIMEPOINT_END },
    { "last", PATHWAYS_TIMEPOINT_END }, { "ending", PATHWAYS_TIMEPOINT_END },
  };
  char buf[64];
  g_autofree char *heap = NULL;
  const char *folded;

  if (text == NULL)
    return PATHWAYS_TIMEPOINT_NONE;
  folded = fold_into (text, buf, sizeof buf, &heap);
  if (folded[0] == '\0')
    return PATHWAYS_TIMEPOINT_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].folded, folded))
      return names[i].tp;
  return -1;
}

/* the change towards better */
static double
gain (const PathwaysItemScale *scale,
      double                   start,
      double                   end)
{
  return scale->better == PATHWAYS_BETTER_HIGHER ? end - start : start - end;
}

PathwaysChange
pathways_item_scale_classify (const PathwaysItemScale *scale,
                              double                   start,
                              double                   end)
{
  double g;

  g_return_val_if_fail (scale != NULL, PATHWAYS_CHANGE_SAME);

  g = gain (scale, start, end);
  if (g >= scale->meaningful_change)
    return PATHWAYS_CHANGE_IMPROVED;
  if (g <= -scale->meaningful_change)
    return PATHWAYS_CHANGE_WORSE;
  return PATHWAYS_CHANGE_SAME;
}

gboolean
pathways_item_scale_in_range (const PathwaysItemScale *scale,
                              double                   score)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  return !scale->bounded || (score >= scale->min && score <= scale->max);
}

gboolean
pathways_item_scale_at_caseness (const PathwaysItemScale *scale,
                                 double                   score)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  return scale->clinical && score >= scale->caseness;
}

gboolean
pathways_item_scale_reliable_improvement (const PathwaysItemScale *scale,
                                          double                   start,
                                          double                   end)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  return scale->clinical && gain (scale, start, end) >= scale->reliable_change;
}

gboolean
pathways_item_scale_recovery (const PathwaysItemScale *scale,
                              double                   start,
                              double                   end)
{
  g_return_val_if_fail (scale != NULL, FALSE);

  return scale->clinical && pathways_item_scale_at_caseness (scale, start) &&
         !pathways_item_scale_at_caseness (scale, end);
}
