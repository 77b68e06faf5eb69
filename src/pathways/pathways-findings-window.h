/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-findings-window.h: the rows behind one data-quality finding ("rows to fix").
 *
 * Opened from a finding on the data-quality page: every listed row of that kind with
 * its file, row number, case ID, column and the offending value (never a date of birth: the
 * import keeps no value for one), to copy or to save as CSV ("Save rows to fix…")
 * and correct the source. These rows stay on screen and in that explicit file: no
 * report, workbook or CSV export carries them.
 */
#pragma once

#include <adwaita.h>

#include "pathways.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_FINDINGS_WINDOW (pathways_findings_window_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysFindingsWindow, pathways_findings_window, PATHWAYS, FINDINGS_WINDOW,
                      AdwWindow)

/* The rows of DATASET's findings of KIND, for PARENT; INPUTS (NULL-terminated, may be
 * NULL) are the files a save must never overwrite. */
PathwaysFindingsWindow *pathways_findings_window_new      (GtkWindow           *parent,
                                                           PathwaysDataset     *dataset,
                                                           const char          *kind,
                                                           const char * const  *inputs);
/* The rows listed (at most PATHWAYS_MAX_LISTED_FINDINGS of a kind are kept). */
guint                   pathways_findings_window_get_n_rows (PathwaysFindingsWindow *self);
GtkListBox             *pathways_findings_window_get_list (PathwaysFindingsWindow *self);
/* The rows as CSV: a header "file,row,case_id,column,value,problem", one line per row. */
char                   *pathways_findings_window_to_csv   (PathwaysFindingsWindow *self);
/* Writes the CSV to PATH through the safe file writer: refused for an input file or
 * a symbolic link; the previous file is untouched on failure. */
gboolean                pathways_findings_window_save     (PathwaysFindingsWindow *self,
                                                           const char             *path,
                                                           GError                **error);

G_END_DECLS
