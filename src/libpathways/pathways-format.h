/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-format.h: how every layer writes numbers, percents, days and severities.
 *
 * One place for what the window, the CLI, the reports and the readers' messages show,
 * so they never drift apart: "1,930", "48 %", "9.3 %", "5 May 2023", "Left out of the
 * data". Finding and severity identifiers for JSON live here too.
 */
#pragma once

#include <glib.h>

#include "pathways-dataset.h"

G_BEGIN_DECLS

/* "1204" → "1,204" (comma groups of three, as UK reports write them). */
char       *pathways_format_count           (guint64           n);
/* Percent as the spec writes it: whole numbers, one decimal below 10 % ("9.3 %",
 * "48 %"); "–" when not finite. */
char       *pathways_format_percent         (double            pct);
/* "5 May 2023"; "–" for a missing or invalid day. */
char       *pathways_format_day             (gint32            day);
/* "4 January 2023", with the month in full as the locale writes it; NULL for a missing
 * or invalid day. */
char       *pathways_format_day_long        (gint32            day);
/* "5 May 2023 – 31 Mar 2024" with either end possibly open ("from 5 May 2023"). */
char       *pathways_format_day_range       (gint32            from,
                                             gint32            to);
/* "error", "warning", "assumption": the stable identifier used in JSON. */
const char *pathways_severity_get_id        (PathwaysSeverity  severity);
/* What a service manager reads: "Left out of the data", "Kept, but worth a look",
 * "A choice made on import" (translated). */
const char *pathways_severity_get_label     (PathwaysSeverity  severity);
/* A finding kind in words: "Duplicate case IDs" (translated); unknown kinds as given. */
const char *pathways_finding_kind_get_label (const char       *kind);

/* The display length of a category value in the PDF, the summary text and charts. */
#define PATHWAYS_FORMAT_LABEL_MAX_CHARS 200

/* VALUE made safe to show: bidirectional controls (U+202A–U+202E, U+2066–U+2069,
 * U+200E, U+200F, U+061C) removed; tab, line and paragraph breaks as one space; other
 * C0 and C1 controls and DEL as U+FFFD (visible); invalid UTF-8 repaired; cut to
 * MAX_CHARS characters with a final "…" when longer (0: never cut). Linear in the
 * length of VALUE; NULL gives "". */
char       *pathways_format_label           (const char       *value,
                                             guint             max_chars);
/* TRUE when pathways_format_label (VALUE, MAX_CHARS) differs from VALUE. */
gboolean    pathways_format_label_needed    (const char       *value,
                                             guint             max_chars);

G_END_DECLS
