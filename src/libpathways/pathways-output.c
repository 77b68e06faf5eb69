/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-output"

#include "config.h"

#include "pathways-i18n.h"
#include <string.h>

#include "pathways-output.h"

#include "pathways-csv-writer.h"
#include "pathways-export.h"
#include "pathways-format.h"
#include "pathways-pdf-writer.h"
#include "pathways-safe-file.h"
#include "pathways-xlsx-writer.h"

#define DEFAULT_WIDTH 1200
#define DEFAULT_HEIGHT 800

G_DEFINE_QUARK (pathways-output-error-quark, pathways_output_error)

static const char *format_ids[] = { "pdf", "xlsx", "csv", "png", "svg" };

gboolean
pathways_output_format_from_string (const char           *text,
                                    PathwaysOutputFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_ids); i++)
    {
      if (g_ascii_strcasecmp (text, format_ids[i]) == 0)
        {
          *format = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
pathways_output_format_to_string (PathwaysOutputFormat format)
{
  g_return_val_if_fail (format <= PATHWAYS_OUTPUT_SVG, NULL);

  return format_ids[format];
}

void
pathways_output_request_init (PathwaysOutputRequest *request)
{
  g_return_if_fail (request != NULL);

  memset (request, 0, sizeof *request);
}

/* ------------------------------------------------------------- labels */

static gboolean
table_needs_cleaning (const PathwaysReportTable *t,
                      guint                      max_chars)
{
  if (t->key != NULL && pathways_format_label_needed (t->key, max_chars))
    return TRUE;
  for (guint c = 0; c < t->columns->len; c++)
    {
      PathwaysReportColumn *col = g_ptr_array_index (t->columns, c);
      if (pathways_format_label_needed (col->label, max_chars))
        return TRUE;
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

      if (row->id != NULL && pathways_format_label_needed (row->id, max_chars))
        return TRUE;
      for (guint c = 0; c < t->columns->len; c++)
        if (row->cells[c].kind == PATHWAYS_CELL_LABEL && row->cells[c].text != NULL &&
            pathways_format_label_needed (row->cells[c].text, max_chars))
          return TRUE;
    }
  return FALSE;
}

static void
clean_text (char     **text,
            guint      max_chars)
{
  char *clean;

  if (*text == NULL || !pathways_format_label_needed (*text, max_chars))
    return;
  clean = pathways_format_label (*text, max_chars);
  g_free (*text);
  *text = clean;
}

/* REPORT with every category value (row labels, keys, column headers, the filters)
 * safe to show: bidirectional and control characters out and, when MAX_CHARS is not 0,
 * cut to MAX_CHARS characters. REPORT itself (a new reference) when nothing needs it. */
static PathwaysReport *
clean_labels (PathwaysReport *report,
              guint           max_chars)
{
  PathwaysReport *copy;
  gboolean needed = report->filters_text != NULL &&
                    pathways_format_label_needed (report->filters_text, max_chars);

  for (guint k = 0; !needed && k < report->tables->len; k++)
    needed = table_needs_cleaning (g_ptr_array_index (report->tables, k), max_chars);
  if (!needed)
    return pathways_report_ref (report);

  copy = pathways_report_copy (report);
  clean_text (&copy->filters_text, max_chars);
  for (guint k = 0; k < copy->tables->len; k++)
    {
      PathwaysReportTable *t = g_ptr_array_index (copy->tables, k);

      clean_text (&t->key, max_chars);
      clean_text (&t->chart.filters, max_chars);
      for (guint c = 0; c < t->columns->len; c++)
        clean_text (&((PathwaysReportColumn *) g_ptr_array_index (t->columns, c))->label, max_chars);
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

          clean_text (&row->id, max_chars);
          for (guint c = 0; c < t->columns->len; c++)
            if (row->cells[c].kind == PATHWAYS_CELL_LABEL)
              clean_text (&row->cells[c].text, max_chars);
        }
    }
  return copy;
}

/* ------------------------------------------------------------- identifiers */

#define IDENTIFIER_MIN_ROWS 20

/* spec/disclosure.md: a category field whose values are unique for more than half of
 * 20 or more cases (or services) looks like an identifier, such as a case ID mapped to
 * a category; a protected output refuses it rather than list every value. */
static gboolean
looks_like_identifier (const PathwaysColumn *col)
{
  g_autofree guint *uses = NULL;
  guint n_values, unique = 0;

  if (col == NULL || col->kind != PATHWAYS_KIND_CATEGORY || col->codes == NULL ||
      col->dict == NULL || col->n_rows < IDENTIFIER_MIN_ROWS)
    return FALSE;
  n_values = pathways_dictionary_get_size (col->dict);
  uses = g_new0 (guint, MAX (n_values, 1));
  for (guint r = 0; r < col->n_rows; r++)
    if (col->codes[r] != 0 && col->codes[r] < n_values)   /* 0: not recorded */
      uses[col->codes[r]]++;
  for (guint v = 1; v < n_values; v++)
    unique += uses[v] == 1;
  return unique * 2 > col->n_rows;
}

static gboolean
check_no_identifiers (PathwaysDataset  *dataset,
                      GError          **error)
{
  for (guint f = 0; dataset != NULL && f < PATHWAYS_N_FIELDS; f++)
    if (looks_like_identifier (dataset->columns[f]))
      {
        g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_IDENTIFIER,
                     /* Translators: %s is a field such as "Gender" */
                     _("The field “%s” looks like an identifier: most of its values belong to one "
                       "record each. A protected output cannot show it; map another column to it, "
                       "or leave it unmapped."),
                     _(pathways_field_get_label (f)));
        return FALSE;
      }
  return TRUE;
}

/* ------------------------------------------------------------- writing */

/* REPORT's chart as PNG or SVG; the table (a window card) is looked up in PROTECTED,
 * whose keys are as the window knows them, and drawn from REPORT, its cleaned copy. */
static gboolean
write_chart (PathwaysReport               *protected,
             PathwaysReport               *report,
             PathwaysOutputFormat          format,
             const char                   *destination,
             const PathwaysOutputRequest  *request,
             GError                      **error)
{
  int width = request->width > 0 ? request->width : DEFAULT_WIDTH;
  int height = request->height > 0 ? request->height : DEFAULT_HEIGHT;
  PathwaysReportTable *table = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (request->chart == NULL)
    {
      guint index;

      table = request->table_id != NULL
              ? pathways_report_get_table (protected, request->table_id, request->table_key) : NULL;
      if (table != NULL && g_ptr_array_find (protected->tables, table, &index))
        table = g_ptr_array_index (report->tables, index);
      if (table == NULL || table->chart.kind == PATHWAYS_CHART_NONE)
        {
          g_set_error_literal (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_NO_CHART,
                               _("The report has no such chart"));
          return FALSE;
        }
    }
  /* one route for both: rendered in memory, then written safely */
  bytes = pathways_chart_render (report, request->chart, table, format == PATHWAYS_OUTPUT_SVG,
                                 width, height, request->style, error);
  if (bytes == NULL)
    return FALSE;
  return pathways_safe_file_set_contents (destination, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), error);
}

/* The comparison REPORT protected with POLICY and cleaned as the report is; NULL for
 * none. */
static PathwaysReport *
protect_comparison (PathwaysReport                 *report,
                    const PathwaysDisclosurePolicy *policy)
{
  g_autoptr(PathwaysReport) protected = NULL;

  if (report == NULL)
    return NULL;
  protected = pathways_disclosure_policy_protect (policy, report);
  return clean_labels (protected, PATHWAYS_FORMAT_LABEL_MAX_CHARS);
}

static gboolean
write_file (PathwaysReport                 *report,
            const PathwaysDisclosurePolicy *policy,
            const PathwaysOutputRequest    *request,
            const PathwaysExportOptions    *options,
            PathwaysOutputFormat            format,
            const char                     *destination,
            GError                        **error)
{
  g_autoptr(PathwaysSafeFile) out = pathways_safe_file_new (destination, error);
  g_autoptr(PathwaysReport) previous = NULL;
  g_autoptr(PathwaysReport) year_before = NULL;

  if (out == NULL)
    return FALSE;
  if (format == PATHWAYS_OUTPUT_PDF)
    {
      /* the comparisons leave the program too: the same rule protects them */
      previous = protect_comparison (request->previous, policy);
      year_before = protect_comparison (request->year_before, policy);
    }
  if (format == PATHWAYS_OUTPUT_PDF ? !pathways_pdf_write (report, previous, year_before, options, out, error)
                                    : !pathways_xlsx_write (report, options, out, error))
    return FALSE;
  return pathways_safe_file_commit (out, error);
}

static gboolean
write_folder (PathwaysReport               *report,
              const PathwaysExportOptions  *options,
              const char                   *destination,
              GError                      **error)
{
  g_autoptr(PathwaysSafeFolder) out = pathways_safe_folder_new (destination, error);

  if (out == NULL || !pathways_csv_write (report, options, out, error))
    return FALSE;
  return pathways_safe_folder_commit (out, error);
}

gboolean
pathways_output_write (PathwaysReport                 *report,
                       const PathwaysDisclosurePolicy *policy,
                       PathwaysOutputFormat            format,
                       const char                     *destination,
                       const PathwaysOutputRequest    *request,
                       GError                        **error)
{
  PathwaysOutputRequest defaults_request;
  PathwaysDisclosurePolicy defaults_policy;
  g_autoptr(PathwaysExportOptions) defaults_options = NULL;
  g_autoptr(PathwaysReport) protected = NULL;
  g_autoptr(PathwaysReport) shown = NULL;
  const PathwaysExportOptions *options;
  gboolean spreadsheet = format == PATHWAYS_OUTPUT_XLSX || format == PATHWAYS_OUTPUT_CSV;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format > PATHWAYS_OUTPUT_SVG)
    {
      g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_FORMAT,
                   _("Unknown output format"));
      return FALSE;
    }
  if (request == NULL)
    {
      pathways_output_request_init (&defaults_request);
      request = &defaults_request;
    }
  if (policy == NULL)
    {
      pathways_disclosure_policy_init (&defaults_policy);
      policy = &defaults_policy;
    }
  options = request->options;
  if (options == NULL)
    options = defaults_options = pathways_export_options_new ();
  if (!pathways_safe_file_check_not_input (destination, request->inputs, error))
    return FALSE;

  if (pathways_disclosure_policy_is_protected (policy) && !check_no_identifiers (report->dataset, error))
    return FALSE;
  /* the one place where an output's figures are protected */
  protected = pathways_disclosure_policy_protect (policy, report);
  /* and its labels made safe: whole in a spreadsheet, cut to a display length elsewhere */
  shown = clean_labels (protected, spreadsheet ? 0 : PATHWAYS_FORMAT_LABEL_MAX_CHARS);
  switch (format)
    {
    case PATHWAYS_OUTPUT_PDF:
    case PATHWAYS_OUTPUT_XLSX:
      return write_file (shown, policy, request, options, format, destination, error);
    case PATHWAYS_OUTPUT_CSV:
      return write_folder (shown, options, destination, error);
    case PATHWAYS_OUTPUT_PNG:
    case PATHWAYS_OUTPUT_SVG:
    default:
      return write_chart (protected, shown, format, destination, request, error);
    }
}

typedef struct {
  PathwaysReport           *report;
  PathwaysDisclosurePolicy  policy;
  PathwaysOutputFormat      format;
  char                     *destination;
  PathwaysOutputRequest     request;
  PathwaysExportOptions    *options;
  PathwaysChartStyle        style;
  char                     *chart;
  char                     *table_id;
  char                     *table_key;
  char                    **inputs;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *w = data;

  g_clear_pointer (&w->report, pathways_report_unref);
  g_clear_pointer (&w->request.previous, pathways_report_unref);
  g_clear_pointer (&w->request.year_before, pathways_report_unref);
  g_clear_pointer (&w->options, pathways_export_options_free);
  g_free (w->destination);
  g_free (w->chart);
  g_free (w->table_id);
  g_free (w->table_key);
  g_strfreev (w->inputs);
  g_free (w);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *w = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (pathways_output_write (w->report, &w->policy, w->format, w->destination, &w->request, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pathways_output_write_async (PathwaysReport                 *report,
                             const PathwaysDisclosurePolicy *policy,
                             PathwaysOutputFormat            format,
                             const char                     *destination,
                             const PathwaysOutputRequest    *request,
                             GCancellable                   *cancellable,
                             GAsyncReadyCallback             callback,
                             gpointer                        user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *w;

  g_return_if_fail (report != NULL);
  g_return_if_fail (destination != NULL);

  w = g_new0 (WriteData, 1);
  w->report = pathways_report_ref (report);
  if (policy != NULL)
    w->policy = *policy;
  else
    pathways_disclosure_policy_init (&w->policy);
  w->format = format;
  w->destination = g_strdup (destination);
  pathways_output_request_init (&w->request);
  if (request != NULL)
    {
      w->request = *request;
      w->options = request->options != NULL ? pathways_export_options_copy (request->options) : NULL;
      w->request.options = w->options;
      if (request->style != NULL)
        {
          w->style = *request->style;
          w->request.style = &w->style;
        }
      w->request.chart = w->chart = g_strdup (request->chart);
      w->request.table_id = w->table_id = g_strdup (request->table_id);
      w->request.table_key = w->table_key = g_strdup (request->table_key);
      w->inputs = g_strdupv ((char **) request->inputs);
      w->request.inputs = (const char * const *) w->inputs;
      if (request->previous != NULL)
        w->request.previous = pathways_report_ref (request->previous);
      if (request->year_before != NULL)
        w->request.year_before = pathways_report_ref (request->year_before);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pathways_output_write_async);
  g_task_set_task_data (task, w, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
pathways_output_write_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

struct _PathwaysOutputPages
{
  PathwaysReport *report;    /* protected */
  GPtrArray      *tables;    /* PathwaysReportTable* of report */
};

PathwaysOutputPages *
pathways_output_pages_new (PathwaysReport                 *report,
                           const PathwaysDisclosurePolicy *policy,
                           const char * const             *tables)
{
  PathwaysDisclosurePolicy defaults;
  PathwaysOutputPages *self;

  g_return_val_if_fail (report != NULL, NULL);

  if (policy == NULL)
    {
      pathways_disclosure_policy_init (&defaults);
      policy = &defaults;
    }
  self = g_new0 (PathwaysOutputPages, 1);
  self->report = pathways_disclosure_policy_protect (policy, report);
  self->tables = g_ptr_array_new ();
  for (guint i = 0; tables != NULL && tables[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (tables[i], "\n", 2);
      const char *key = parts[1] != NULL && parts[1][0] != '\0' ? parts[1] : NULL;
      PathwaysReportTable *table = pathways_report_get_table (self->report, parts[0], key);

      if (table != NULL && table->chart.kind != PATHWAYS_CHART_NONE)
        g_ptr_array_add (self->tables, table);
    }
  return self;
}

void
pathways_output_pages_free (PathwaysOutputPages *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->report, pathways_report_unref);
  g_free (self);
}

guint
pathways_output_pages_get_n_pages (PathwaysOutputPages *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tables->len;
}

PathwaysReport *
pathways_output_pages_get_report (PathwaysOutputPages *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->report;
}

PathwaysReportTable *
pathways_output_pages_get_table (PathwaysOutputPages *self,
                                 guint                page)
{
  g_return_val_if_fail (self != NULL, NULL);

  return page < self->tables->len ? g_ptr_array_index (self->tables, page) : NULL;
}

void
pathways_output_pages_draw (PathwaysOutputPages      *self,
                            guint                     page,
                            cairo_t                  *cr,
                            double                    width,
                            double                    height,
                            const PathwaysChartStyle *style)
{
  PathwaysChartStyle defaults;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (page >= self->tables->len)
    return;
  if (style == NULL)
    {
      pathways_chart_style_init (&defaults, PATHWAYS_CHART_THEME_LIGHT);
      style = &defaults;
    }
  pathways_chart_draw (cr, self->report, g_ptr_array_index (self->tables, page), width, height, style);
}
