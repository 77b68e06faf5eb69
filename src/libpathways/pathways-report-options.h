/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-report-options.h: what an exported report contains and how it is protected.
 *
 * Saved with the workspace (pathways_workspace_set_setting, key
 * PATHWAYS_EXPORT_OPTIONS_SETTING) as JSON, so next quarter's report is one click.
 * (PathwaysReportOptions in pathways-report.h are the measures' options; these are
 * the export's.)
 */
#pragma once

#include <glib.h>

#include "pathways-disclosure.h"
#include "pathways-target.h"

G_BEGIN_DECLS

#define PATHWAYS_EXPORT_OPTIONS_SETTING "export-options"

#define PATHWAYS_EXPORT_ERROR (pathways_export_error_quark ())

typedef enum {
  PATHWAYS_EXPORT_ERROR_OPTIONS,   /* saved options that cannot be read */
  PATHWAYS_EXPORT_ERROR_FORMAT,    /* unknown export format */
  PATHWAYS_EXPORT_ERROR_WRITE,     /* the file or folder cannot be written */
} PathwaysExportError;

GQuark pathways_export_error_quark (void);

/* The sections of a report, in the order every export writes them. */
typedef enum {
  PATHWAYS_SECTION_JOURNEY  = 1 << 0,   /* journey funnel and its splits */
  PATHWAYS_SECTION_CLOSURES = 1 << 1,   /* closure reasons, case and service level */
  PATHWAYS_SECTION_RATES    = 1 << 2,   /* planned-closure rates */
  PATHWAYS_SECTION_WAITING  = 1 << 3,   /* waiting times, bands and trends */
  PATHWAYS_SECTION_PEOPLE   = 1 << 4,   /* time before support, returners, multi-category */
  PATHWAYS_SECTION_QUALITY  = 1 << 5,   /* completeness and data-quality findings */
  PATHWAYS_SECTION_PROFILE  = 1 << 6,   /* profile of the people served */
  PATHWAYS_SECTION_ACTIVITY = 1 << 7,   /* activity over time, waiting lists, targets;
                                         * written after the waiting times */
  PATHWAYS_SECTION_OUTCOMES = 1 << 8,   /* questionnaire answers at start and at end;
                                         * written before the data quality */
} PathwaysSection;

#define PATHWAYS_SECTION_ALL 0x1ff
#define PATHWAYS_N_SECTIONS 9

typedef struct {
  char       *title;          /* NULL: "Pathways report" */
  char       *organisation;   /* NULL: not stated */
  char       *marking;        /* protective marking, e.g. "OFFICIAL-SENSITIVE"; NULL: none */
  guint       sections;       /* PathwaysSection bits; default all */
  GHashTable *commentary;     /* section id ("journey" ...) -> the user's text */
  gboolean    suppress;       /* disclosure control on; default TRUE */
  PathwaysProtection method;  /* when on: SUPPRESS or PERTURB; default PERTURB */
  guint       threshold;      /* k, 3–20; default 5 */
  gboolean    round5;         /* round shown counts to 5; default FALSE */
  guint       trend_periods;  /* PDF: latest periods of a trend table shown; 0: all; default 24 */
  guint       n_targets;      /* the targets (spec/metrics.md "Targets"); default none */
  PathwaysTarget targets[PATHWAYS_MAX_TARGETS];
} PathwaysExportOptions;

PathwaysExportOptions *pathways_export_options_new        (void);
PathwaysExportOptions *pathways_export_options_copy       (const PathwaysExportOptions *self);
void                   pathways_export_options_free       (PathwaysExportOptions *self);

/* Section ids: "journey", "closures", "rates", "waiting", "people", "quality", "profile", "activity",
 * "outcomes". */
const char            *pathways_section_get_id            (PathwaysSection section);
const char            *pathways_section_get_title         (PathwaysSection section);   /* translated */
PathwaysSection        pathways_section_from_id           (const char *id);            /* 0 if unknown */

/* Commentary shown under the section's heading; NULL or "" removes it. */
void                   pathways_export_options_set_commentary (PathwaysExportOptions *self,
                                                               PathwaysSection        section,
                                                               const char            *text);
const char            *pathways_export_options_get_commentary (const PathwaysExportOptions *self,
                                                               PathwaysSection              section);

/* The threshold in force: 0 when suppression is off. */
guint                  pathways_export_options_get_k      (const PathwaysExportOptions *self);
/* The title, or the default title. */
const char            *pathways_export_options_get_title  (const PathwaysExportOptions *self);

/* JSON: {"version":1,"title":...,"organisation":...,"marking":...,"sections":[...],
 * "commentary":{...},"suppress":true,"method":"suppress","threshold":5,"round5":false,
 * "trend_periods":24,"targets":["contact=2wd"]} ("version":2 since the activity
 * section: a version 1 document's sections gain it). "method" ("none", "suppress", "perturb") wins over the older
 * "suppress" when both are present; "suppress" is still written for older readers.
 * Reading is lenient about missing keys (defaults) and strict about wrong types. */
char                  *pathways_export_options_to_json    (const PathwaysExportOptions *self);
PathwaysExportOptions *pathways_export_options_new_from_json (const char  *json,
                                                              GError     **error);

/* Save to / load from a workspace file. Loading a workspace with no saved options gives
 * the defaults. */
gboolean               pathways_export_options_save       (const PathwaysExportOptions *self,
                                                           const char                  *workspace_path,
                                                           GError                     **error);
PathwaysExportOptions *pathways_export_options_load       (const char  *workspace_path,
                                                           GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysExportOptions, pathways_export_options_free)

G_END_DECLS
