/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-window-private.h: what the parts of the window share
 * (pathways-window.c: opening; pathways-window-report.c: filters, report, pages;
 * pathways-window-export.c: export, print, presentation). */
#pragma once

#include "pathways-window.h"
#include "pathways-chart-card.h"
#include "pathways-filter-sidebar.h"
#include "pathways-compare-view.h"
#include "pathways-session.h"
#include "pathways-dataset-page.h"
#include "pathways-report-page.h"
#include "pathways-period-chooser.h"
#include "pathways-filter-chips.h"
#include "pathways-activity-page.h"

G_BEGIN_DECLS

struct _PathwaysWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *spinner;
  GtkProgressBar       *progress_bar;
  PathwaysDatasetPage  *dataset_page;
  AdwFlap              *flap;
  AdwHeaderBar         *content_header;
  PathwaysFilterSidebar *filter_sidebar;
  PathwaysFilterChips  *filter_chips;
  PathwaysPeriodChooser *period_chooser;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  PathwaysReportPage   *journey_page;
  PathwaysReportPage   *closures_page;
  PathwaysReportPage   *waiting_page;
  PathwaysReportPage   *people_page;
  PathwaysReportPage   *quality_page;
  PathwaysReportPage   *activity_page;
  PathwaysActivityPage *activity_view;    /* the targets, below activity_page's charts */
  GtkDropDown          *split_dropdown;
  GtkFlowBox           *split_flow;

  GSettings            *settings;
  /* the dataset, filter, report, compare report, workspace and policy shown */
  PathwaysSession      *session;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *error_message;
  /* the page to go back to when an open fails or is cancelled */
  const char           *return_page;
  /* counts opens: a result that is not the latest one is dropped */
  guint                 load_serial;

  /* the main view */
  PathwaysFilter        *undo_filter;     /* before the last click-to-filter */
  GPtrArray             *cards;           /* PathwaysChartCard*, every page */
  char                  *cards_signature; /* the table ids/keys the cards were made for */
  gboolean               setting_period;  /* a chooser being set by the code */
  int                    split_field;
  PathwaysChartCard     *current_card;    /* the chart last clicked or focused */
  GtkFileChooserNative  *export_chooser;
  char                  *export_format;   /* what export_chooser saves: "png" or "svg" */
  PathwaysChartCard     *export_card;     /* ... and of which chart */
  GCancellable          *export_cancellable;

  /* workspaces (pathways-window-workspace.c) */
  AdwPreferencesGroup   *recent_group;
  GtkListBox            *recent_list;
  GPtrArray             *recent_paths;    /* char*: the path of each row of recent_list */
  GtkFileChooserNative  *save_chooser;
  GCancellable          *save_cancellable;
  gboolean               saving;
  gpointer               pending_open;    /* opened once the unsaved import is saved */

  /* compare (pathways-window-compare.c) */
  gboolean               comparing;
  struct _PathwaysCompareState *compare_state;
};

/* pathways-window.c */
/* Shows DATASET (a new reference is taken), as a finished open does. */
void     _pathways_window_adopt_dataset      (PathwaysWindow  *self,
                                              PathwaysDataset *dataset);

/* pathways-window-compare.c */
void     _pathways_window_compare_init       (PathwaysWindow *self);
void     _pathways_window_compare_dispose    (PathwaysWindow *self);
void     _pathways_window_compare_finalize   (PathwaysWindow *self);
void     _pathways_window_compare_class_init (GtkWidgetClass *widget_class);
/* The periods of a new dataset, FIRST..LAST, offered to compare with. */
void     _pathways_window_compare_set_periods (PathwaysWindow *self,
                                               gint32          first,
                                               gint32          last);
/* Rebuilds the second report after the first one changed. */
void     _pathways_window_compare_update     (PathwaysWindow *self);
/* Two periods (the default) or two groups. */
void     pathways_window_set_compare_mode    (PathwaysWindow      *self,
                                              PathwaysCompareMode  mode);
PathwaysCompareMode pathways_window_get_compare_mode (PathwaysWindow *self);
/* Compares two groups: the window's filters with FIELD = VALUE_A, and with FIELD =
 * VALUE_B (FIELD's own filter values replaced); turns compare mode on. FALSE when FIELD
 * cannot be compared in this dataset or a value is not one of its values. */
gboolean pathways_window_set_compare_groups  (PathwaysWindow *self,
                                              PathwaysField   field,
                                              const char     *value_a,
                                              const char     *value_b);
/* The first side while comparing (the window's report for two periods, the first
 * group's report for two groups), or NULL; pathways_window_get_compare_report() is
 * the second side. */
PathwaysReport *pathways_window_get_compare_first_report (PathwaysWindow *self);
/* The comparison chart of TABLE_ID ("funnel", "closure_reasons"), or NULL. */
PathwaysCompareView *_pathways_window_get_compare_view (PathwaysWindow *self,
                                                        const char     *table_id);

/* pathways-activity-page.c: the Activity page, the targets editor, the funder return */
void     _pathways_window_activity_class_init   (GtkWidgetClass          *widget_class);
/* Activity on, the targets of the report options. */
void     _pathways_window_activity_fill_options (PathwaysWindow          *self,
                                                 PathwaysMeasuresOptions *options);
/* The report changed: the targets follow. */
void     _pathways_window_activity_update       (PathwaysWindow          *self);

/* pathways-window-workspace.c */
void     _pathways_window_workspace_init     (PathwaysWindow *self);
void     _pathways_window_workspace_dispose  (PathwaysWindow *self);
void     _pathways_window_workspace_class_init (GtkWidgetClass *widget_class);
/* Puts PATH first in the recent-workspaces list. */
void     _pathways_window_add_recent         (PathwaysWindow *self,
                                              const char     *path);
typedef enum {
  _PATHWAYS_OPEN_SAMPLE,   /* pathways_window_open_sample() */
  _PATHWAYS_OPEN_FILES,    /* pathways_window_open_files() */
  _PATHWAYS_OPEN_IMPORT,   /* pathways_window_import_files() */
} PathwaysOpenKind;
/* Opens as KIND says, at once, or when an import not saved as a workspace is shown,
 * after asking whether to discard it, save it first, or cancel. */
void     _pathways_window_open_asking        (PathwaysWindow   *self,
                                              PathwaysOpenKind  kind,
                                              GFile           **files,
                                              guint             n_files);

/* pathways-window-report.c */
void     _pathways_window_report_init        (PathwaysWindow *self);
void     _pathways_window_report_dispose     (PathwaysWindow *self);
void     _pathways_window_report_class_init  (GtkWidgetClass *widget_class);
/* The session has a new dataset: filters cleared, periods and checklists rebuilt,
 * report built. FIRST_REPORT (optional) is the analysis's report with no filter, built
 * in a worker thread with OPTIONS: used when the settings still give the same options. */
void     _pathways_window_set_dataset_view   (PathwaysWindow                *self,
                                              PathwaysReport                *first_report,
                                              const PathwaysMeasuresOptions *options);
/* The measures options of the report of a new dataset (no split, the targets of the
 * settings): for a worker thread to build the first report. */
void     _pathways_window_init_measures_options (PathwaysWindow          *self,
                                                 PathwaysMeasuresOptions *options);
/* Rebuilds the report once from the filter and the settings; every view reads it. */
void     _pathways_window_rebuild_report     (PathwaysWindow *self);
void     _pathways_window_clear_filters      (PathwaysWindow *self);
/* Adds FIELD = VALUE as a filter and says so with an Undo toast. */
gboolean _pathways_window_filter_to          (PathwaysWindow *self,
                                              PathwaysField   field,
                                              const char     *value);
/* Keeps the cases that reached STAGE (a funnel stage id), with an Undo toast. */
gboolean _pathways_window_filter_to_stage    (PathwaysWindow *self,
                                              const char     *stage);
/* Keeps the services of SERVICE_TYPE closed for REASON (and their cases), with an
 * Undo toast. */
gboolean _pathways_window_filter_to_service_reason (PathwaysWindow *self,
                                                    const char     *service_type,
                                                    const char     *reason);
PathwaysChartCard *_pathways_window_get_current_card (PathwaysWindow *self);
/* The cards of the visible page, in order. */
GPtrArray *_pathways_window_get_visible_cards (PathwaysWindow *self);
void     _pathways_window_show_toast         (PathwaysWindow *self,
                                              const char     *message);

/* pathways-window-export.c */
void     _pathways_window_export_class_init  (GtkWidgetClass *widget_class);
/* Called when DATASET was opened from or saved to the workspace PATH: the session
 * takes the report options saved there (a toast says when they cannot be read). */
void     _pathways_window_set_workspace_path (PathwaysWindow  *self,
                                              const char      *path,
                                              PathwaysDataset *dataset);
/* The workspace the shown dataset was opened from or saved to, or NULL. */
const char *_pathways_window_get_workspace_path (PathwaysWindow *self);
/* What Ctrl+E does: the report dialog with the workspace's saved options (or this
 * session's last ones, or the defaults); exporting keeps them in the workspace. */
struct _PathwaysExportDialog *_pathways_window_show_export_dialog (PathwaysWindow *self);
/* What the chooser's answer does for PNG/SVG of CARD: a protected picture in FILE. */
gboolean _pathways_window_export_chart_to_file (PathwaysWindow     *self,
                                                PathwaysChartCard  *card,
                                                const char         *format,
                                                GFile              *file,
                                                GError            **error);
/* Prints the visible page's charts, one a page, protected, to a PDF at PDF_PATH with
 * no dialog (GTK_PRINT_OPERATION_ACTION_EXPORT); *N_PAGES gets the pages asked for. */
gboolean _pathways_window_print_to_file      (PathwaysWindow  *self,
                                              const char      *pdf_path,
                                              guint           *n_pages,
                                              GError         **error);
/* The charts of every page in order, as "id\nkey" strings. */
GPtrArray *_pathways_window_list_charts      (PathwaysWindow *self);

G_END_DECLS
