/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pathways.h"
#include "pathways-application.h"

G_BEGIN_DECLS

#define PATHWAYS_TYPE_WINDOW (pathways_window_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysWindow, pathways_window, PATHWAYS, WINDOW, AdwApplicationWindow)

PathwaysWindow  *pathways_window_new          (PathwaysApplication *application);

/* Opening runs in a worker thread; the window shows the loading page meanwhile and
 * the dataset page (or an error) when done. Opening again cancels an open in progress.
 * FILES: one *.pathways workspace, or a cases export (CSV/XLSX) with an optional
 * services export (the file whose name mentions "service"). */
void             pathways_window_open_files   (PathwaysWindow      *self,
                                               GFile              **files,
                                               guint                n_files);
void             pathways_window_open_sample  (PathwaysWindow      *self);
/* Asks for files with a file chooser, then opens them. */
void             pathways_window_choose_files (PathwaysWindow      *self);

/* The dataset shown, or NULL. */
PathwaysDataset *pathways_window_get_dataset  (PathwaysWindow      *self);
/* "start", "loading" or "dataset". */
const char      *pathways_window_get_page     (PathwaysWindow      *self);
gboolean         pathways_window_is_loading   (PathwaysWindow      *self);
/* The message of the last failed open, or NULL. */
const char      *pathways_window_get_error_message (PathwaysWindow *self);

/* The report every page shows (rebuilt on each filter change), or NULL. */
PathwaysReport  *pathways_window_get_report   (PathwaysWindow      *self);
/* How many reports the window has built: one per filter change. */
guint            pathways_window_get_n_reports (PathwaysWindow     *self);
/* Adds FIELD = VALUE to the filters as a click on a bar does, with an Undo toast.
 * FALSE when the sidebar has no such value or it is already ticked. */
gboolean         pathways_window_add_filter   (PathwaysWindow      *self,
                                               PathwaysField        field,
                                               const char          *value);
/* Undoes the last pathways_window_add_filter() (the toast's Undo button). */
void             pathways_window_undo_filter  (PathwaysWindow      *self);

/* Opens the import assistant for a CSV/XLSX export (with an optional service export);
 * a *.pathways workspace opens directly. Returns the assistant (owned by GTK) or NULL. */
GtkWindow       *pathways_window_import_files (PathwaysWindow      *self,
                                               GFile              **files,
                                               guint                n_files);
/* Saves the dataset as a workspace in a worker thread; the file joins the recent list. */
void             pathways_window_save_workspace (PathwaysWindow    *self,
                                                 GFile             *file);
gboolean         pathways_window_is_saving    (PathwaysWindow      *self);
/* The recent-workspaces list of the start page: its rows, newest first. */
GtkListBox      *pathways_window_get_recent_list (PathwaysWindow   *self);

/* Compare mode: a chart of each page (the journey funnel, the closure reasons, the
 * waits for a first contact, the time before seeking support) of a second period
 * (with the same other filters) beside the first, on one scale. */
void             pathways_window_set_compare  (PathwaysWindow      *self,
                                               gboolean             compare);
gboolean         pathways_window_get_compare  (PathwaysWindow      *self);
/* The period compared with: an identifier of pathways-period's grammar ("FY2022-23",
 * "FY2022-23-Q1", "2023-05" ...; NULL: the whole period). FALSE when the dataset's
 * span has no such period (custom ranges are not compared). */
gboolean         pathways_window_set_compare_period (PathwaysWindow *self,
                                                     const char     *period);
/* The second report while comparing, or NULL. */
PathwaysReport  *pathways_window_get_compare_report (PathwaysWindow *self);

/* Display labels of finding kinds and severities. */

/* 6457 → "6,457" */

G_END_DECLS
