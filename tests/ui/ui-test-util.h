/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every UI test does the same way: the set-up of main(), bounded main-loop waits
 * (a guard against a hang, never a measure, never a sleep), screenshots for a person
 * to look at, opening the sample in a window, finding widgets. */
#pragma once

#include <adwaita.h>

#include "pathways-window.h"
#include "pathways-chart-view.h"
#include "pathways-period-chooser.h"

G_BEGIN_DECLS

/* main(): the locale, the system's MIME directories kept (G_TEST_OPTION_ISOLATE_DIRS
 * hides them, and gdk-pixbuf needs them for the application icon's SVG), then
 * g_test_init() with isolated directories. */
void                 ui_test_init              (int                *argc,
                                                char             ***argv);

/* After ui_test_init() (and any environment the test sets before GTK starts): GTK on
 * the display (asserted: without one the test fails rather than passes unseen),
 * animations off (a crossfade would leave a screenshot half-way), and the application
 * with FLAGS, registered. The application is the module's until ui_test_run(). */
PathwaysApplication *ui_test_start_app         (GApplicationFlags   flags);

/* g_test_run(), then the application is released. */
int                  ui_test_run               (void);

/* ROUNDS blocking main-loop iterations (with a 10 ms timer, so none blocks for
 * long), then whatever is pending. */
void                 ui_test_iterate           (guint               rounds);

typedef gboolean (*UiTestCheck) (gpointer data);

/* Runs the main loop while CHECK (DATA) holds, at most SECONDS, then SETTLE_ROUNDS
 * iterations (ui_test_iterate()); asserts CHECK no longer holds. */
void                 ui_test_wait_while        (UiTestCheck         check,
                                                gpointer            data,
                                                guint               seconds,
                                                guint               settle_rounds);

/* Checks for ui_test_wait_while(). */
gboolean             ui_test_not_mapped        (gpointer            widget);
gboolean             ui_test_window_loading    (gpointer            window);
gboolean             ui_test_window_saving     (gpointer            window);

/* Runs the main loop until WIDGET's window has been laid out and painted twice since
 * the call (at most a minute), so that what was changed before is allocated, whatever
 * the machine's load. */
void                 ui_test_wait_layout       (GtkWidget          *widget);

/* A picture of WIDGET as NAME in screenshots/ of the build, to look at (not
 * compared). Its size is read first, then SETTLE_ROUNDS iterations are run. */
void                 ui_test_save_screenshot   (GtkWidget          *widget,
                                                const char         *name,
                                                guint               settle_rounds);

/* A new window of APP at WIDTH x HEIGHT, presented and mapped (asserted), with a
 * few rounds after for its first frames. */
PathwaysWindow      *ui_test_new_window        (PathwaysApplication *app,
                                                int                 width,
                                                int                 height);

/* A new window of APP at WIDTH x HEIGHT with the sample opened, mapped, laid out and
 * painted; asserted: no error, the dataset page, a report. */
PathwaysWindow      *ui_test_open_sample       (PathwaysApplication *app,
                                                int                 width,
                                                int                 height);

/* The template child ID of WINDOW (asserted to exist). */
gpointer             ui_test_window_child      (PathwaysWindow     *window,
                                                const char         *id);

/* Chooses the referral period ID ("FY2022-23", "FY2022-23-Q1", "2023-05" ...; NULL:
 * the whole period) in WINDOW's period chooser, as a click on its row does
 * (asserted to be offered), and lets the report follow. */
void                 ui_test_select_period     (PathwaysWindow     *window,
                                                const char         *id);

/* The cases of the window's report, from its cohort table. */
guint                ui_test_cohort_cases      (PathwaysWindow     *window);

typedef gboolean (*UiTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);

/* The first widget of TYPE under ROOT (not ROOT itself), depth first, for which
 * MATCH (widget, DATA) holds (any when MATCH is NULL); NULL if none. */
GtkWidget           *ui_test_find_widget       (GtkWidget          *root,
                                                GType               type,
                                                UiTestWidgetMatch   match,
                                                gconstpointer       data);

/* The first chart view of table ID (KEY, or any key when NULL) under ROOT. */
PathwaysChartView   *ui_test_find_chart_view   (GtkWidget          *root,
                                                const char         *id,
                                                const char         *key);

/* Asserts that a mapped label under ROOT reads TEXT, whole: not ellipsized. */
void                 ui_test_assert_label_whole (GtkWidget         *root,
                                                 const char        *text);

G_END_DECLS
