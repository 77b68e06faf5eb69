/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-summary.h: the summary of a report as the JSON document of spec/cli.md
 * ("summary --json document") and as readable text. Both read the report model only;
 * a report protected with pathways_disclosure_apply gives "<5" and "*" strings and the
 * top-level "disclosure" object. */
#pragma once

#include <json-glib/json-glib.h>

#include "pathways-report.h"

G_BEGIN_DECLS

JsonNode *pathways_summary_to_json        (PathwaysReport *report);
/* Pretty-printed, ending with a newline. */
char     *pathways_summary_to_json_string (PathwaysReport *report);
char     *pathways_summary_to_text        (PathwaysReport *report);

G_END_DECLS
