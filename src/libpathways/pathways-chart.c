/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-chart.c: draws the report's charts (design/charts.md) into any cairo_t.
 *
 * The layout (pathways-chart-layout.c) decides where everything goes; this file picks
 * the tables a chart name stands for, replays the layout, writes PNG and SVG files and
 * says in one sentence what a chart shows.
 */
#define G_LOG_DOMAIN "pathways-chart"

#include "config.h"

#include <math.h>
#include <string.h>
#include "pathways-i18n.h"
#include <pango/pangocairo.h>
#include <cairo-svg.h>

#include "pathways-chart.h"
#include "pathways-chart-layout.h"
#include "pathways-disclosure.h"
#include "pathways-format.h"
#include "pathways-labels.h"

G_DEFINE_QUARK (pathways-chart-error-quark, pathways_chart_error)

#define MAX_EXPORT_SIDE 16384

void
pathways_chart_style_init (PathwaysChartStyle *style,
                           PathwaysChartTheme  theme)
{
  g_return_if_fail (style != NULL);

  *style = (PathwaysChartStyle) { .theme = theme, .show_title = TRUE, .show_footer = TRUE };
}

/* Chart names and the table ids they draw. A name covering several tables draws one
 * panel per table. */
typedef struct {
  const char *name;
  const char *table_id;
  const char *default_key;   /* NULL: the first table with that id */
  gboolean    panels;        /* every table with that id (and key prefix) */
  const char *key_prefix;
} ChartName;

static const ChartName chart_names[] = {
  { "funnel", "funnel", NULL, FALSE, NULL },
  { "closure-reasons", "closure_reasons", NULL, FALSE, NULL },
  { "service-closure-reasons", "service_closure_reasons", NULL, TRUE, NULL },
  { "waiting-times", "waiting_bands", NULL, TRUE, "service_wait/" },
  { "planned-rates", "planned_closure_rates", NULL, FALSE, NULL },
  { "completeness", "completeness", NULL, FALSE, NULL },
  { "trend", "waiting_trend", "referral_to_service_start", FALSE, NULL },
  { "time-before-support", "time_before_support", NULL, FALSE, NULL },
  { "returners", "returners", NULL, FALSE, NULL },
  { "cases-per-person", "cases_per_person", NULL, FALSE, NULL },
  { "risks", "multi_category", "risks", FALSE, NULL },
  { "issues", "multi_category", "issues", FALSE, NULL },
  { "impacts", "multi_category", "impacts", FALSE, NULL },
  { "outcome-change", "outcomes", NULL, FALSE, NULL },
  { "outcome-answers", "outcome_distribution", NULL, FALSE, NULL },
};

const char * const *
pathways_chart_list_names (void)
{
  static const char *names[G_N_ELEMENTS (chart_names) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (chart_names); i++)
      names[i] = chart_names[i].name;
  return names;
}

static PangoContext *
context_for (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinting changes metrics with the scale: keep text the same size at any zoom. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/* A table's labels as a chart may show them: pathways_format_label () on every label
 * cell, row id and column header. The copy shares everything else with the table. */
typedef struct {
  PathwaysReportTable  table;
  GPtrArray           *strings;   /* the cleaned strings, freed with the copy */
} SafeTable;

static gboolean
table_labels_unsafe (const PathwaysReportTable *t)
{
  for (guint c = 0; c < t->columns->len; c++)
    if (pathways_format_label_needed (((PathwaysReportColumn *) g_ptr_array_index (t->columns, c))->label,
                                      PATHWAYS_FORMAT_LABEL_MAX_CHARS))
      return TRUE;
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);
      for (guint c = 0; c < t->columns->len; c++)
        if (row->cells[c].kind == PATHWAYS_CELL_LABEL && row->cells[c].text != NULL &&
            pathways_format_label_needed (row->cells[c].text, PATHWAYS_FORMAT_LABEL_MAX_CHARS))
          return TRUE;
      if (row->id != NULL && pathways_format_label_needed (row->id, PATHWAYS_FORMAT_LABEL_MAX_CHARS))
        return TRUE;
    }
  return FALSE;
}

static char *
safe_string (SafeTable  *safe,
             const char *text)
{
  char *clean;

  if (text == NULL)
    return NULL;
  clean = pathways_format_label (text, PATHWAYS_FORMAT_LABEL_MAX_CHARS);
  g_ptr_array_add (safe->strings, clean);
  return clean;
}

static void
safe_table_init (SafeTable                 *safe,
                 const PathwaysReportTable *t)
{
  guint n_cols = t->columns->len;

  safe->table = *t;
  safe->strings = g_ptr_array_new_with_free_func (g_free);
  safe->table.columns = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < n_cols; c++)
    {
      PathwaysReportColumn *col = g_memdup2 (g_ptr_array_index (t->columns, c), sizeof (PathwaysReportColumn));
      col->label = safe_string (safe, col->label);
      g_ptr_array_add (safe->table.columns, col);
    }
  safe->table.rows = g_ptr_array_new ();
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *src = g_ptr_array_index (t->rows, r);
      PathwaysReportRow *row = g_new0 (PathwaysReportRow, 1);

      row->id = safe_string (safe, src->id);
      row->cells = g_memdup2 (src->cells, n_cols * sizeof (PathwaysCell));
      for (guint c = 0; c < n_cols; c++)
        if (row->cells[c].kind == PATHWAYS_CELL_LABEL)
          row->cells[c].text = safe_string (safe, row->cells[c].text);
      g_ptr_array_add (safe->table.rows, row);
    }
}

static void
safe_table_clear (SafeTable *safe)
{
  for (guint r = 0; r < safe->table.rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (safe->table.rows, r);
      g_free (row->cells);
      g_free (row);
    }
  g_ptr_array_unref (safe->table.rows);
  g_ptr_array_unref (safe->table.columns);
  g_ptr_array_unref (safe->strings);
}

void
pathways_chart_draw (cairo_t                   *cr,
                     PathwaysReport            *report,
                     const PathwaysReportTable *table,
                     double                     width,
                     double                     height,
                     const PathwaysChartStyle  *style)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;
  g_autoptr(PathwaysChartLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (table != NULL);

  context = context_for (cr);
  context_ref = G_OBJECT (context);
  if (table_labels_unsafe (table))
    {
      /* a category value with a bidi override, a control character or 100,000
       * characters: drawn from a copy with its labels made safe (issue 13) */
      SafeTable safe;

      safe_table_init (&safe, table);
      layout = pathways_chart_layout_new (report, &safe.table, width, height, style, context);
      pathways_chart_layout_draw (layout, cr);
      g_clear_pointer (&layout, pathways_chart_layout_free);
      safe_table_clear (&safe);
      return;
    }
  layout = pathways_chart_layout_new (report, table, width, height, style, context);
  pathways_chart_layout_draw (layout, cr);
}

/* The tables chart NAME stands for ("NAME" or "NAME:KEY"); empty when the report has
 * none. The title of a multi-panel figure goes to *TITLE. */
static GPtrArray *
tables_for_name (PathwaysReport  *report,
                 const char      *name,
                 char           **title,
                 GError         **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autofree char *base = g_strdup (name);
  const char *key = NULL;
  const ChartName *cn = NULL;
  char *colon = strchr (base, ':');

  if (colon != NULL)
    {
      *colon = '\0';
      key = colon + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (chart_names); i++)
    if (g_str_equal (chart_names[i].name, base))
      cn = &chart_names[i];
  if (cn == NULL)
    {
      g_autofree char *all = g_strjoinv (", ", (char **) pathways_chart_list_names ());
      g_set_error (error, PATHWAYS_CHART_ERROR, PATHWAYS_CHART_ERROR_UNKNOWN,
                   _("“%s” is not a chart: use one of %s"), name, all);
      return NULL;
    }
  *title = NULL;
  if (key == NULL && g_str_equal (cn->name, "funnel"))
    {
      /* Small multiples when the report was split by a field. */
      for (guint i = 0; i < report->tables->len; i++)
        {
          PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
          if (g_str_equal (t->id, "funnel_split"))
            g_ptr_array_add (tables, t);
        }
      if (tables->len > 0)
        {
          PathwaysReportTable *f = pathways_report_get_table (report, "funnel", NULL);
          *title = g_strdup (f != NULL ? f->chart.title : _("Journey funnel"));
          return g_steal_pointer (&tables);
        }
    }
  for (guint pass = 0; pass < 2 && tables->len == 0; pass++)
    for (guint i = 0; i < report->tables->len; i++)
      {
        PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
        const char *want = key != NULL ? key : cn->default_key;
        if (!g_str_equal (t->id, cn->table_id))
          continue;
        if (pass == 0 && cn->panels && key == NULL)
          {
            if (cn->key_prefix == NULL || (t->key != NULL && g_str_has_prefix (t->key, cn->key_prefix)))
              g_ptr_array_add (tables, t);
            continue;
          }
        if (pass == 0 && want != NULL && g_strcmp0 (t->key, want) != 0)
          continue;
        if (pass == 1 && key != NULL)
          break;
        g_ptr_array_add (tables, t);
        break;
      }
  if (tables->len == 0)
    {
      g_set_error (error, PATHWAYS_CHART_ERROR, PATHWAYS_CHART_ERROR_NO_CHART,
                   _("This report has no “%s” chart: the fields it needs are not mapped"), name);
      return NULL;
    }
  if (tables->len > 1)
    {
      if (g_str_equal (cn->name, "service-closure-reasons"))
        *title = g_strdup (_("Service closure reasons by service type"));
      else if (g_str_equal (cn->name, "waiting-times"))
        *title = g_strdup (_("Waiting time for a service, by service type"));
      else
        *title = g_strdup (((PathwaysReportTable *) tables->pdata[0])->chart.title);
    }
  return g_steal_pointer (&tables);
}

static PathwaysChartLayout *
layout_for_name (PathwaysReport            *report,
                 const char                *name,
                 double                     width,
                 double                     height,
                 const PathwaysChartStyle  *style,
                 PangoContext              *context,
                 GPtrArray                **tables_out,
                 GError                   **error)
{
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) tables = tables_for_name (report, name, &title, error);
  PathwaysChartLayout *layout;

  if (tables == NULL)
    return NULL;
  if (tables->len == 1)
    layout = pathways_chart_layout_new (report, tables->pdata[0], width, height, style, context);
  else
    layout = pathways_chart_layout_new_panels (report, (const PathwaysReportTable **) tables->pdata,
                                               tables->len, title, width, height, style, context);
  if (tables_out != NULL)
    *tables_out = g_steal_pointer (&tables);
  return layout;
}

gboolean
pathways_chart_draw_named (cairo_t                  *cr,
                           PathwaysReport           *report,
                           const char               *name,
                           double                    width,
                           double                    height,
                           const PathwaysChartStyle *style,
                           GError                  **error)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;
  g_autoptr(PathwaysChartLayout) layout = NULL;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  context = context_for (cr);
  context_ref = G_OBJECT (context);
  layout = layout_for_name (report, name, width, height, style, context, NULL, error);
  if (layout == NULL)
    return FALSE;
  pathways_chart_layout_draw (layout, cr);
  return TRUE;
}

/* ---------------------------------------------------------------- describe */

static const PathwaysCell *
cell (const PathwaysReportTable *table,
      const PathwaysReportRow   *row,
      const char                *column)
{
  int c = pathways_report_table_find_column ((PathwaysReportTable *) table, column);
  return c < 0 ? NULL : &row->cells[c];
}

static gboolean
shown (const PathwaysCell *c)
{
  return c != NULL && c->defined && c->suppression == PATHWAYS_SUPPRESSION_NONE && isfinite (c->value);
}

static char *
fmt (PathwaysReport     *report,
     const PathwaysCell *c)
{
  if (c == NULL)
    return g_strdup ("–");
  return pathways_cell_format (c, report != NULL ? report->threshold : 0);
}

static const char *
label_of (const PathwaysReportTable *table,
          const PathwaysReportRow   *row)
{
  for (guint c = 0; c < table->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);
      if (col->kind == PATHWAYS_CELL_LABEL && row->cells[c].text != NULL)
        {
          /* an identifier ("service_start_date") reads as its label */
          const char *label = pathways_labels_column_has_ids (table, c)
                              ? pathways_labels_get (row->cells[c].text) : NULL;
          return label != NULL ? label : row->cells[c].text;
        }
    }
  return row->id;
}

/* The row with the largest shown value of COLUMN, or NULL. */
static const PathwaysReportRow *
largest (const PathwaysReportTable *table,
         const char                *column)
{
  const PathwaysReportRow *best = NULL;
  double v = -G_MAXDOUBLE;

  for (guint i = 0; i < table->rows->len; i++)
    {
      const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
      const PathwaysCell *c = cell (table, row, column);
      if (shown (c) && c->value > v)
        {
          v = c->value;
          best = row;
        }
    }
  return best;
}

static const char *
first_count_column (const PathwaysReportTable *table)
{
  for (guint c = 0; c < table->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (table->columns, c);
      if (col->kind == PATHWAYS_CELL_COUNT)
        return col->id;
    }
  return "count";
}

/* The outcome charts' sentences (pathways-chart-layout-outcomes.c). */
static char *
describe_outcome (PathwaysReport            *report,
                  const PathwaysReportTable *table,
                  const char                *title,
                  guint                      n)
{
  g_autofree char *b = NULL;

  if (table->chart.kind == PATHWAYS_CHART_CHANGE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: the cases whose answers improved, stayed the same or "
                                         "worsened, for %u item.",
                                         "%s: the cases whose answers improved, stayed the same or "
                                         "worsened, for %u items.", n),
                            title, n);
  if (!shown (&table->base))
    return g_strdup_printf (_("%s: %u values, too few to show."), title, n);
  b = fmt (report, &table->base);
  return g_strdup_printf (_("%s: the answers of %s cases at start and at end, lower answers left of zero "
                            "and higher ones right."), title, b);
}

char *
pathways_chart_describe (PathwaysReport            *report,
                         const PathwaysReportTable *table)
{
  const char *title;
  guint n;

  g_return_val_if_fail (table != NULL, NULL);

  title = table->chart.title != NULL ? table->chart.title : table->title != NULL ? table->title : "";
  n = table->rows->len;
  if (table->withheld)
    return g_strdup_printf ("%s: %s", title, pathways_disclosure_withheld_text ());
  if (n == 0)
    return g_strdup_printf (_("%s: there are no records to show."), title);

  switch (table->chart.kind)
    {
    case PATHWAYS_CHART_FUNNEL:
      {
        const PathwaysReportRow *first = g_ptr_array_index (table->rows, 0);
        const PathwaysReportRow *last = g_ptr_array_index (table->rows, n - 1);
        g_autofree char *c0 = fmt (report, cell (table, first, "count"));
        g_autofree char *c1 = fmt (report, cell (table, last, "count"));
        g_autofree char *p1 = fmt (report, cell (table, last, "pct_of_first"));
        return g_strdup_printf (_("%s: of %s cases at “%s”, %s (%s) reached “%s”, over %u stages."),
                                title, c0, label_of (table, first), c1, p1, label_of (table, last), n);
      }
    case PATHWAYS_CHART_CLOSURE_REASONS:
      {
        const PathwaysReportRow *top = largest (table, "count");
        if (top != NULL)
          {
            g_autofree char *c = fmt (report, cell (table, top, "count"));
            g_autofree char *p = fmt (report, cell (table, top, "pct"));
            return g_strdup_printf (_("%s: %u reasons; the most common is “%s” with %s (%s)."),
                                    title, n, label_of (table, top), c, p);
          }
        break;
      }
    case PATHWAYS_CHART_RATES:
      {
        const PathwaysReportRow *lo = NULL, *hi = NULL;
        guint n_shown = 0;
        for (guint i = 0; i < n; i++)
          {
            const PathwaysReportRow *row = g_ptr_array_index (table->rows, i);
            const PathwaysCell *r = cell (table, row, "rate");
            if (!shown (r))
              continue;
            n_shown++;
            if (lo == NULL || r->value < cell (table, lo, "rate")->value)
              lo = row;
            if (hi == NULL || r->value > cell (table, hi, "rate")->value)
              hi = row;
          }
        if (lo == NULL)
          return g_strdup_printf (_("%s: no rate is shown, every group has too few cases."), title);
        if (n_shown == 1)
          {
            g_autofree char *a = fmt (report, cell (table, lo, "rate"));
            /* say what is shown: one rate, never "from 14.8 % to 14.8 %", nor "0 other
             * groups" when it is the only one */
            if (n == 1)
              return g_strdup_printf (_("%s: the planned-closure rate is %s %% for %s, with a 95 %% interval."),
                                      title, a, label_of (table, lo));
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s: the planned-closure rate is %s %% for %s, with a 95 %% interval; "
                                                 "%u other group is not shown (too few cases).",
                                                 "%s: the planned-closure rate is %s %% for %s, with a 95 %% interval; "
                                                 "%u other groups are not shown (too few cases).", n - 1),
                                    title, a, label_of (table, lo), n - 1);
          }
        {
          g_autofree char *a = fmt (report, cell (table, lo, "rate"));
          g_autofree char *b = fmt (report, cell (table, hi, "rate"));
          if (n_shown < n)
            return g_strdup_printf (_("%s: planned-closure rates range from %s %% (%s) to %s %% (%s) across the %u groups shown of %u, with 95 %% intervals."),
                                    title, a, label_of (table, lo), b, label_of (table, hi), n_shown, n);
          return g_strdup_printf (_("%s: planned-closure rates range from %s %% (%s) to %s %% (%s) across %u groups, with 95 %% intervals."),
                                  title, a, label_of (table, lo), b, label_of (table, hi), n);
        }
      }
    case PATHWAYS_CHART_DISTRIBUTION:
      {
        const PathwaysReportRow *top = largest (table, "pct");
        if (top != NULL)
          {
            g_autofree char *p = fmt (report, cell (table, top, "pct"));
            return g_strdup_printf (_("%s: waiting times in %u bands; the largest band is %s days with %s."),
                                    title, n, label_of (table, top), p);
          }
        break;
      }
    case PATHWAYS_CHART_TREND:
      {
        const PathwaysReportRow *first = g_ptr_array_index (table->rows, 0);
        const PathwaysReportRow *last = g_ptr_array_index (table->rows, n - 1);
        /* every median hidden by disclosure control: the chart holds a sentence */
        gboolean any = FALSE;
        for (guint i = 0; i < n && !any; i++)
          {
            const PathwaysCell *m = cell (table, g_ptr_array_index (table->rows, i), "median");
            any = m == NULL || m->suppression == PATHWAYS_SUPPRESSION_NONE;
          }
        if (!any)
          return g_strdup_printf (_("%s: no median is shown, every period has too few cases."), title);
        return g_strdup_printf (_("%s: median days for %u periods from %s to %s."),
                                title, n, label_of (table, first), label_of (table, last));
      }
    case PATHWAYS_CHART_COMPLETENESS:
      {
        const PathwaysReportRow *top = largest (table, "pct");
        if (top != NULL)
          {
            g_autofree char *p = fmt (report, cell (table, top, "pct"));
            return g_strdup_printf (_("%s: missing values for %u fields; “%s” is missing most often (%s)."),
                                    title, n, label_of (table, top), p);
          }
        break;
      }
    case PATHWAYS_CHART_DIVERGING:
    case PATHWAYS_CHART_CHANGE:
      return describe_outcome (report, table, title, n);
    case PATHWAYS_CHART_COMPOSITION:
    case PATHWAYS_CHART_BARS:
    case PATHWAYS_CHART_NONE:
    default:
      {
        const char *col = first_count_column (table);
        const PathwaysReportRow *top = largest (table, col);
        if (top != NULL)
          {
            g_autofree char *c = fmt (report, cell (table, top, col));
            return g_strdup_printf (_("%s: %u groups; the largest is “%s” with %s."),
                                    title, n, label_of (table, top), c);
          }
        break;
      }
    }
  return g_strdup_printf (_("%s: %u values, too few to show."), title, n);
}

/* ---------------------------------------------------------------- export */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
paint_background (cairo_t                  *cr,
                  const PathwaysChartStyle *style,
                  double                    width,
                  double                    height)
{
  double rgba[4];

  pathways_chart_ink_rgba (style->theme, PATHWAYS_CHART_INK_BACKGROUND, rgba);
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

/* An SVG's text alternative: <title> and a <desc> with the sentence and every mark's
 * label and tooltip, so that the file can be read and searched. */
static char *
svg_text_alternative (PathwaysReport      *report,
                      GPtrArray           *tables,
                      PathwaysChartLayout *layout)
{
  GString *s = g_string_new (NULL);
  const PathwaysReportTable *first = g_ptr_array_index (tables, 0);
  g_autofree char *title = g_markup_escape_text (first->chart.title != NULL ? first->chart.title : "", -1);

  g_string_append_printf (s, "<title>%s</title>\n<desc>", title);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *d = pathways_chart_describe (report, g_ptr_array_index (tables, i));
      g_autofree char *e = g_markup_escape_text (d, -1);
      g_string_append_printf (s, "%s%s", i > 0 ? " " : "", e);
    }
  for (guint i = 0; i < pathways_chart_layout_get_n_marks (layout); i++)
    {
      const PathwaysChartMark *m = pathways_chart_layout_get_mark (layout, i);
      g_autofree char *e = g_markup_escape_text (m->tooltip != NULL ? m->tooltip : m->label, -1);
      g_string_append_printf (s, "\n%s", e);
    }
  g_string_append (s, "</desc>\n");
  return g_string_free (s, FALSE);
}

/* The SVG in BYTES with the text alternative right after its <svg ...> element. */
static GBytes *
svg_with_alternative (GByteArray *bytes,
                      const char *alt)
{
  const char *text = (const char *) bytes->data;
  const char *open = g_strstr_len (text, bytes->len, "<svg");
  const char *end = open != NULL ? memchr (open, '>', bytes->len - (open - text)) : NULL;
  GString *out = g_string_sized_new (bytes->len + strlen (alt));

  if (end != NULL)
    {
      g_string_append_len (out, text, end + 1 - text);
      g_string_append_c (out, '\n');
      g_string_append (out, alt);
      g_string_append_len (out, end + 1, bytes->len - (end + 1 - text));
    }
  else
    g_string_append_len (out, text, bytes->len);
  return g_string_free_to_bytes (out);
}

GBytes *
pathways_chart_render (PathwaysReport             *report,
                       const char                 *name,
                       const PathwaysReportTable  *table,
                       gboolean                    svg,
                       int                         width,
                       int                         height,
                       const PathwaysChartStyle   *style,
                       GError                    **error)
{
  PathwaysChartStyle defaults;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GObject) context_ref = NULL;
  g_autoptr(PathwaysChartLayout) layout = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_status_t status;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail ((name != NULL) != (table != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (style == NULL)
    {
      pathways_chart_style_init (&defaults, PATHWAYS_CHART_THEME_LIGHT);
      style = &defaults;
    }
  if (width < 16 || height < 16 || width > MAX_EXPORT_SIDE || height > MAX_EXPORT_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A chart is between 16 and %d pixels wide and high, not %d × %d"),
                   MAX_EXPORT_SIDE, width, height);
      return NULL;
    }
  if (svg)
    surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  context_ref = G_OBJECT (context_for (cr));
  if (name != NULL)
    layout = layout_for_name (report, name, width, height, style, PANGO_CONTEXT (context_ref), &tables, error);
  else
    {
      tables = g_ptr_array_new ();
      g_ptr_array_add (tables, (gpointer) table);
      layout = pathways_chart_layout_new (report, table, width, height, style, PANGO_CONTEXT (context_ref));
    }
  if (layout == NULL)
    {
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      return NULL;
    }
  paint_background (cr, style, width, height);
  pathways_chart_layout_draw (layout, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && !svg)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PATHWAYS_CHART_ERROR, PATHWAYS_CHART_ERROR_WRITE,
                   _("Cannot draw the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }
  if (svg)
    {
      g_autofree char *alt = svg_text_alternative (report, tables, layout);
      return svg_with_alternative (bytes, alt);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
