/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-report.h: the report model.
 *
 * Built once per filter change from the measures; every view and every export only
 * reads it. A report is a list of tables; each table has columns, rows of cells that
 * know what they hold (count, percent, rate, statistic, label) and whether they are
 * suppressed, a base, and a chart spec. Disclosure control (pathways-disclosure.h)
 * transforms a report in place before any output.
 *
 * Table ids (one table per id unless a key is given):
 *   dataset, cohort, funnel, funnel_split (key: value), closure_reasons,
 *   service_closure_reasons (key: service type), planned_closure_rates (key: "by"),
 *   waiting_times, waiting_bands (key: "measure" or "measure/service type"),
 *   waiting_trend (same keys), still_waiting is part of waiting_times,
 *   time_before_support, returners, cases_per_person, multi_category (key: field),
 *   multi_category_classes (key: field), completeness, data_quality.
 */
#pragma once

#include <glib.h>

#include "pathways-dataset.h"
#include "pathways-filter.h"
#include "pathways-measures.h"

G_BEGIN_DECLS

typedef enum {
  PATHWAYS_CELL_LABEL,      /* text */
  PATHWAYS_CELL_COUNT,      /* an exact integer count of records */
  PATHWAYS_CELL_PERCENT,    /* 0..100, unrounded */
  PATHWAYS_CELL_RATE,       /* a rate or interval bound in percent, or a ratio */
  PATHWAYS_CELL_STATISTIC,  /* mean, median, percentile, min, max (days) */
  PATHWAYS_CELL_SETTING,    /* a parameter such as a target: never suppressed */
} PathwaysCellKind;

typedef enum {
  PATHWAYS_SUPPRESSION_NONE,
  PATHWAYS_SUPPRESSION_PRIMARY,     /* 0 < count < k */
  PATHWAYS_SUPPRESSION_SECONDARY,   /* hidden so that another cannot be recovered */
  PATHWAYS_SUPPRESSION_DERIVED,     /* computed from a hidden count */
} PathwaysSuppression;

typedef struct {
  int row;    /* -1: unused */
  int col;
} PathwaysCellRef;

typedef struct {
  PathwaysCellKind     kind;
  gboolean             defined;       /* FALSE: null in JSON, "–" on screen */
  double               value;
  char                *text;          /* labels; NULL for a null label */
  PathwaysSuppression  suppression;
  gboolean             rounded;       /* value was rounded to 5 */
  /* provenance, for disclosure */
  PathwaysCellRef      sources[2];    /* counts of this table the value derives from */
  gboolean             uses_base;     /* derives from the table's base */
  gint64               hidden_num;    /* a count behind the value that is not shown, or -1 */
  gint64               hidden_den;
  /* cell key (spec/disclosure.md method 1): the sum of the counted records' keys mod
   * 256, when the measures provide one */
  gboolean             has_key;
  guint8               key;
  /* a percent formed from counts that are not shown (hidden_num, hidden_den): their
   * keys, in key and key_den, when has_key */
  guint8               key_den;
} PathwaysCell;

typedef struct {
  char             *id;      /* JSON key: "count", "pct_of_first" */
  char             *label;   /* column header */
  PathwaysCellKind  kind;
  gboolean          additive;  /* counts that add up to the table's total for this column */
} PathwaysReportColumn;

typedef struct {
  char         *id;          /* stage id, reason, group value, field name ... */
  PathwaysCell *cells;       /* one per column */
} PathwaysReportRow;

typedef enum {
  PATHWAYS_CHART_NONE,
  PATHWAYS_CHART_FUNNEL,
  PATHWAYS_CHART_CLOSURE_REASONS,
  PATHWAYS_CHART_RATES,
  PATHWAYS_CHART_DISTRIBUTION,
  PATHWAYS_CHART_TREND,
  PATHWAYS_CHART_COMPOSITION,
  PATHWAYS_CHART_BARS,
  PATHWAYS_CHART_COMPLETENESS,
  PATHWAYS_CHART_DIVERGING,     /* outcome answers at start and at end around zero */
  PATHWAYS_CHART_CHANGE,        /* outcome change: improved, same, worse per item */
} PathwaysChartKind;

typedef struct {
  PathwaysChartKind  kind;
  char              *title;
  char              *unit;        /* "cases", "services", "days" */
  char              *base_text;   /* "Base: 1,930 closed cases" (follows disclosure) */
  GPtrArray         *notes;       /* char* */
  char              *filters;     /* filters in force, one line */
} PathwaysChartSpec;

typedef struct {
  char                *id;
  char                *key;        /* NULL, or the sub-key (service type, field ...) */
  char                *title;
  GPtrArray           *columns;    /* PathwaysReportColumn* */
  GPtrArray           *rows;       /* PathwaysReportRow* */
  PathwaysCell         base;       /* COUNT, or undefined when the table has none */
  char                *base_label; /* "closed cases" */
  PathwaysCell        *totals;     /* per column: what an additive column adds up to */
  gboolean             protect;    /* disclosure applies (not to data-quality counts) */
  gboolean             withheld;   /* protected and its true base is below 10: outputs show
                                    * pathways_disclosure_withheld_text () instead */
  PathwaysChartSpec    chart;
} PathwaysReportTable;

typedef struct {
  PathwaysMeasuresOptions  measures;
  PathwaysMeasuresCache   *cache;    /* optional, reused between reports of one dataset
                                      * (one report at a time); NULL builds a temporary one */
  /* cell keys (pathways-disclosure-keys.c): when set, the filter's selection is
   * narrowed to these bitsets over the cases and the services */
  const guint64           *case_mask;
  const guint64           *service_mask;
} PathwaysReportOptions;

void pathways_report_options_init (PathwaysReportOptions *options);

typedef struct _PathwaysReport PathwaysReport;

struct _PathwaysReport {
  gatomicrefcount   ref_count;
  PathwaysDataset  *dataset;
  PathwaysFilter   *filter;
  PathwaysMeasuresOptions options;
  PathwaysMeasures *measures;     /* the exact figures */
  GPtrArray        *tables;       /* PathwaysReportTable* */
  char             *filters_text;
  gint32            snapshot_day;
  gint32            first_referral, last_referral;
  /* disclosure in force: 0 = none */
  guint             threshold;
  gboolean          round5;
  guint             protection;   /* PathwaysProtection in force (pathways-disclosure.h) */
  /* the PathwaysAnalysis that made the report (a reference), or NULL: cell keys for a
   * protected copy are counted with its cache (pathways-disclosure-keys.h) */
  gpointer          analysis;
};

PathwaysReport *pathways_report_new   (PathwaysDataset             *dataset,
                                       const PathwaysFilter        *filter,
                                       const PathwaysReportOptions *options);
PathwaysReport *pathways_report_ref   (PathwaysReport *self);
void            pathways_report_unref (PathwaysReport *self);
/* A deep copy (to protect a copy while the screen keeps exact figures). */
PathwaysReport *pathways_report_copy  (PathwaysReport *self);

/* The table with ID and KEY (NULL matches a table without key), or NULL. */
PathwaysReportTable *pathways_report_get_table (PathwaysReport *self,
                                                const char     *id,
                                                const char     *key);
int                  pathways_report_table_find_column (PathwaysReportTable *table,
                                                        const char          *column_id);
PathwaysReportRow   *pathways_report_table_find_row    (PathwaysReportTable *table,
                                                        const char          *row_id);
/* The cell at ROW_ID / COLUMN_ID of table ID/KEY, or NULL. */
PathwaysCell        *pathways_report_get_cell  (PathwaysReport *self,
                                                const char     *id,
                                                const char     *key,
                                                const char     *row_id,
                                                const char     *column_id);

/* Recomputes the charts' footers ("Base: 1,930 closed cases") from the base cells. */
void  pathways_report_update_base_texts (PathwaysReport *self);

/* What a reader sees: "1,930", "48 %", "<5" (a primary-suppressed count), "*" (any
 * other hidden figure), "–". */
char *pathways_cell_format (const PathwaysCell *cell,
                            guint               threshold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysReport, pathways_report_unref)

G_END_DECLS
