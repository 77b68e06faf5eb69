/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-return.h: funder returns (issue 16, spec/cli.md "pathways-cli return").
 *
 * A template (docs/funder-returns.md) is a JSON document of sections of rows, each row a
 * label, a measure, optional filters, a unit and a target. Filling it for a cohort
 * (usually one period) gives a report holding only the return's tables, one per
 * section (id "return", key: the section's title), which goes through
 * pathways_output_write () like every export and is protected the same way.
 *
 * Templates are found by name: the built-in ones (data/returns/NAME.json, found like
 * the sample: $PATHWAYS_RETURNS_DIR, the installed PATHWAYS_PKGDATADIR/returns, the
 * source tree's data/returns), then the ones kept with a workspace (its setting
 * "return_templates", a JSON object of id → template), else NAME is a file.
 */
#pragma once

#include <gio/gio.h>

#include "pathways-analysis.h"
#include "pathways-filter.h"
#include "pathways-report.h"

G_BEGIN_DECLS

#define PATHWAYS_RETURN_ERROR (pathways_return_error_quark ())

typedef enum {
  PATHWAYS_RETURN_ERROR_NOT_FOUND,   /* no template of that name or file */
  PATHWAYS_RETURN_ERROR_INVALID,     /* not a template: the message says where */
  PATHWAYS_RETURN_ERROR_PERIOD,      /* a measure needs a month, quarter or financial year */
  PATHWAYS_RETURN_ERROR_FILTER,      /* a row's filter names no such field or value */
} PathwaysReturnError;

GQuark pathways_return_error_quark (void);

/* The workspace setting holding the user's templates. */
#define PATHWAYS_RETURN_SETTING "return_templates"

typedef struct _PathwaysReturnTemplate PathwaysReturnTemplate;

/* ORIGIN names the source in error messages (a file name, a template id). */
PathwaysReturnTemplate *pathways_return_template_new_from_data (const char   *data,
                                                                gssize        length,
                                                                const char   *origin,
                                                                GError      **error);
PathwaysReturnTemplate *pathways_return_template_new_from_file (const char   *path,
                                                                GError      **error);
/* NAME: a built-in template's id, a template kept with WORKSPACE (may be NULL), or a
 * file; in that order. */
PathwaysReturnTemplate *pathways_return_template_find          (const char   *name,
                                                                const char   *workspace,
                                                                GError      **error);
void                    pathways_return_template_free          (PathwaysReturnTemplate *self);
const char             *pathways_return_template_get_id        (const PathwaysReturnTemplate *self);
const char             *pathways_return_template_get_title     (const PathwaysReturnTemplate *self);
const char             *pathways_return_template_get_description (const PathwaysReturnTemplate *self);
guint                   pathways_return_template_get_n_rows    (const PathwaysReturnTemplate *self);
/* The template as JSON (to keep it with a workspace). */
char                   *pathways_return_template_to_data       (const PathwaysReturnTemplate *self);

/* The built-in templates' directory, or NULL when none is found. */
char                   *pathways_return_get_dir                (void);
/* The templates on offer: built-in ones, then WORKSPACE's (may be NULL), sorted by id
 * within each; PathwaysReturnTemplate*. */
GPtrArray              *pathways_return_list_templates         (const char   *workspace,
                                                                GError      **error);
/* Keeps TEMPLATE with WORKSPACE under its id (replacing one of the same id). */
gboolean                pathways_return_template_keep          (const PathwaysReturnTemplate *self,
                                                                const char   *workspace,
                                                                GError      **error);

/* Fills TEMPLATE for FILTER (the cohort: period and filters) with ANALYSIS's dataset and
 * options: an exact report holding the return's tables only. */
PathwaysReport         *pathways_return_fill                   (const PathwaysReturnTemplate *self,
                                                                PathwaysAnalysis             *analysis,
                                                                const PathwaysFilter         *filter,
                                                                GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysReturnTemplate, pathways_return_template_free)

G_END_DECLS
