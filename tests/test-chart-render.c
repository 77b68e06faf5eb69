/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chart rendering: pixels stay inside the chart's rectangle, every chart draws at any
 * size without a Cairo error, PNG and SVG files are written and say what they show. */
#include "config.h"

#include <glib/gstdio.h>

#include "chart-test-util.h"
#include "pathways-output.h"

#define SENTINEL 0xff123456u

static PathwaysReport *
shared_report (void)
{
  static PathwaysReport *report;

  if (report == NULL)
    report = chart_test_sample_report (TRUE);
  return report;
}

static void
test_stays_inside (void)
{
  PathwaysReport *report = shared_report ();
  const char * const *names = pathways_chart_list_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GError) error = NULL;
      guint32 *px;
      int stride;
      guint changed = 0;

      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_rgba (cr, 0x12 / 255.0, 0x34 / 255.0, 0x56 / 255.0, 1);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_translate (cr, 100, 100);
      g_assert_true (pathways_chart_draw_named (cr, report, names[i], 800, 500, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      px = (guint32 *) cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface) / 4;
      for (int y = 0; y < 700; y++)
        for (int x = 0; x < 1000; x++)
          {
            gboolean inside = x >= 100 && x < 900 && y >= 100 && y < 600;
            if (!inside && px[y * stride + x] != SENTINEL)
              g_error ("%s: pixel %d,%d outside the chart was drawn on", names[i], x, y);
            changed += inside && px[y * stride + x] != SENTINEL;
          }
      /* Not blank: a chart inks at least 1 % of its rectangle. */
      if (changed < 800 * 500 / 100)
        g_error ("%s: only %u pixels drawn", names[i], changed);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
test_all_sizes (void)
{
  PathwaysReport *report = shared_report ();
  const char * const *names = pathways_chart_list_names ();
  static const int sizes[][2] = { { 320, 200 }, { 2400, 1600 } };

  g_assert_cmpuint (g_strv_length ((char **) names), >=, 6);
  for (guint i = 0; names[i] != NULL; i++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (int theme = PATHWAYS_CHART_THEME_LIGHT; theme <= PATHWAYS_CHART_THEME_DARK; theme++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[s][0], sizes[s][1]);
          cairo_t *cr = cairo_create (surface);
          PathwaysChartStyle style;
          g_autoptr(GError) error = NULL;

          pathways_chart_style_init (&style, theme);
          g_assert_true (pathways_chart_draw_named (cr, report, names[i], sizes[s][0], sizes[s][1], &style, &error));
          g_assert_no_error (error);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
}

static void
test_every_table_draws (void)
{
  PathwaysReport *report = shared_report ();

  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *sentence = pathways_chart_describe (report, t);

      pathways_chart_draw (cr, report, t, 640, 400, NULL);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_true (g_str_has_prefix (sentence, t->chart.title));
      g_assert_true (g_str_has_suffix (sentence, "."));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
test_describe (void)
{
  PathwaysReport *report = shared_report ();
  g_autofree char *funnel = pathways_chart_describe (report, pathways_report_get_table (report, "funnel", NULL));
  g_autofree char *reasons = pathways_chart_describe (report, pathways_report_get_table (report, "closure_reasons", NULL));

  /* The sample's funnel: 5,825 referred, 1,950 (33 %) planned closures. */
  g_assert_cmpstr (funnel, ==, "Journey funnel: of 5,825 cases at “Referred”, 1,950 (33 %) reached “Planned closure”, over 6 stages.");
  g_assert_nonnull (strstr (reasons, "“Planned closure” with 1,950 (33 %)"));
}

/* The text alternative names fields by their labels, and says what a rates chart shows
 * when only one rate, or none, is shown. */
static void
test_describe_labels (void)
{
  g_autoptr(PathwaysReport) report = chart_test_sample_report (TRUE);
  PathwaysReportTable *rates = pathways_report_get_table (report, "planned_closure_rates", "gender");
  PathwaysReportTable *complete = NULL;
  g_autofree char *missing = NULL, *one = NULL, *none = NULL;
  const PathwaysReportRow *first;
  int c;

  for (guint k = 0; complete == NULL && k < report->tables->len; k++)
    if (((PathwaysReportTable *) g_ptr_array_index (report->tables, k))->chart.kind == PATHWAYS_CHART_COMPLETENESS)
      complete = g_ptr_array_index (report->tables, k);
  g_assert_nonnull (complete);
  missing = pathways_chart_describe (report, complete);
  /* the sample's most incomplete field: assessment_date, 36 % missing */
  g_assert_nonnull (strstr (missing, "“Assessment date” is missing most often"));
  g_assert_null (strchr (missing, '_'));

  g_assert_nonnull (rates);
  g_assert_cmpuint (rates->rows->len, >, 2);
  c = pathways_report_table_find_column (rates, "rate");
  /* keep the first rate shown, hide every other */
  first = NULL;
  for (guint r = 0; r < rates->rows->len; r++)
    {
      PathwaysReportRow *row = g_ptr_array_index (rates->rows, r);
      if (first == NULL && row->cells[c].defined && row->cells[c].suppression == PATHWAYS_SUPPRESSION_NONE)
        first = row;
      else
        row->cells[c].suppression = PATHWAYS_SUPPRESSION_DERIVED;
    }
  g_assert_nonnull (first);
  one = pathways_chart_describe (report, rates);
  g_assert_null (strstr (one, "range from"));
  g_assert_nonnull (strstr (one, "the planned-closure rate is"));
  g_assert_nonnull (strstr (one, "other groups are not shown"));
  {
    /* the only group: no "0 other groups are not shown" */
    GPtrArray *all = rates->rows;
    g_autofree char *only = NULL;

    rates->rows = g_ptr_array_new ();
    g_ptr_array_add (rates->rows, (gpointer) first);
    only = pathways_chart_describe (report, rates);
    g_ptr_array_unref (rates->rows);
    rates->rows = all;
    g_assert_nonnull (strstr (only, "the planned-closure rate is"));
    g_assert_true (g_str_has_suffix (only, "with a 95 % interval."));
    g_assert_null (strstr (only, "other group"));
  }
  ((PathwaysReportRow *) first)->cells[c].suppression = PATHWAYS_SUPPRESSION_DERIVED;
  none = pathways_chart_describe (report, rates);
  g_assert_nonnull (strstr (none, "no rate is shown"));
  {
    /* a trend whose every median is hidden says so, not "median days for 23 periods" */
    PathwaysReportTable *t = pathways_report_get_table (report, "waiting_trend", "referral_to_contact");
    int cm = pathways_report_table_find_column (t, "median");
    g_autofree char *trend = NULL;

    for (guint r = 0; r < t->rows->len; r++)
      ((PathwaysReportRow *) g_ptr_array_index (t->rows, r))->cells[cm].suppression = PATHWAYS_SUPPRESSION_PRIMARY;
    trend = pathways_chart_describe (report, t);
    g_assert_nonnull (strstr (trend, "no median is shown"));
  }
}

/* Chart NAME, or the chart of table TABLE_ID when NAME is NULL, through the output
 * module (the only way to a file). */
static gboolean
write_chart (PathwaysReport            *report,
             const char                *name,
             const char                *table_id,
             const char                *format,
             const char                *path,
             int                        width,
             int                        height,
             const PathwaysChartStyle  *style,
             GError                   **error)
{
  PathwaysOutputRequest request;
  PathwaysOutputFormat output;

  g_assert_true (pathways_output_format_from_string (format, &output));
  pathways_output_request_init (&request);
  request.chart = name;
  request.table_id = table_id;
  request.width = width;
  request.height = height;
  request.style = style;
  return pathways_output_write (report, NULL, output, path, &request, error);
}

static void
test_export_files (void)
{
  PathwaysReport *report = shared_report ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chart-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "funnel.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "reasons.svg", NULL);
  g_autofree char *card = g_build_filename (dir, "card.svg", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-dir", "x.png", NULL);
  g_autofree char *text = NULL, *card_text = NULL;
  cairo_surface_t *image;
  PathwaysChartStyle style;
  PathwaysOutputFormat format;

  g_assert_no_error (error);
  pathways_chart_style_init (&style, PATHWAYS_CHART_THEME_DARK);
  g_assert_true (write_chart (report, "funnel", NULL, "png", png, 640, 360, &style, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360);
  cairo_surface_destroy (image);

  g_assert_true (write_chart (report, "service-closure-reasons", NULL, "svg", svg, 800, 500, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<title>"));
  g_assert_nonnull (strstr (text, "Planned closure"));
  g_assert_nonnull (strstr (text, "Therapy"));
  g_assert_nonnull (strstr (text, "</svg>"));

  /* a window card (by table) takes the same route: the same text alternative */
  g_assert_true (write_chart (report, NULL, "funnel", "svg", card, 800, 500, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (card, &card_text, NULL, NULL));
  g_assert_nonnull (strstr (card_text, "<title>"));
  g_assert_nonnull (strstr (card_text, "<desc>"));

  g_assert_false (write_chart (report, "pie", NULL, "png", png, 640, 360, NULL, &error));
  g_assert_error (error, PATHWAYS_CHART_ERROR, PATHWAYS_CHART_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (write_chart (report, NULL, "no-such-table", "png", png, 640, 360, NULL, &error));
  g_assert_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_NO_CHART);
  g_clear_error (&error);
  g_assert_false (pathways_output_format_from_string ("gif", &format));
  g_assert_false (write_chart (report, "funnel", NULL, "png", png, 8, 360, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (write_chart (report, "funnel", NULL, "png", bad, 640, 360, NULL, &error));
  g_assert_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "x.png"));
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (png), ==, 0);
  g_assert_cmpint (g_unlink (svg), ==, 0);
  g_assert_cmpint (g_unlink (card), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_hidden_never_drawn (void)
{
  PathwaysReport *report = shared_report ();
  PathwaysReportTable *groups = pathways_report_get_table (report, "service_closure_reasons", "Groups");
  g_autoptr(PathwaysChartLayout) layout = NULL;
  guint hidden = 0;

  g_assert_nonnull (groups);
  layout = pathways_chart_layout_new (report, groups, 800, 500, NULL, NULL);
  for (guint m = 0; m < pathways_chart_layout_get_n_marks (layout); m++)
    {
      const PathwaysChartMark *mark = pathways_chart_layout_get_mark (layout, m);
      if (!mark->suppressed)
        continue;
      hidden++;
      /* Its text is "<5" and it has no shape of its own. */
      for (guint i = 0; i < pathways_chart_layout_get_n_items (layout); i++)
        {
          const PathwaysChartItem *item = pathways_chart_layout_get_item (layout, i);
          if (item->mark != (int) m)
            continue;
          g_assert_cmpint (item->kind, ==, PATHWAYS_CHART_ITEM_TEXT);
          g_assert_true (g_str_equal (item->text, "<5") || g_str_equal (item->text, "*") || g_str_equal (item->text, mark->label));
        }
    }
  /* Groups: Deferred, Unplanned closure and Not recorded are below 5; the report-wide
   * auditor (disclosure version 2) hides one more so none of them can be worked out. */
  g_assert_cmpuint (hidden, ==, 4);
}

/* The axis ticks and number format every chart uses (moved from test-chart-layout.c,
 * which had reached its 1,500 lines). */
static void
test_nice_ticks (void)
{
  double ticks[32], step;
  guint n;

  n = pathways_chart_nice_ticks (0, 5825, 5, ticks, &step);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (step, ==, 2000);
  g_assert_cmpfloat (ticks[0], ==, 0);
  g_assert_cmpfloat (ticks[3], ==, 6000);

  n = pathways_chart_nice_ticks (0, 100, 5, ticks, &step);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpfloat (step, ==, 20);
  g_assert_cmpfloat (ticks[5], ==, 100);

  /* 0 to 0.5 in at most 4 steps: 0.2 apart, up to 0.6. */
  n = pathways_chart_nice_ticks (0, 0.5, 4, ticks, &step);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat_with_epsilon (step, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (ticks[3], 0.6, 1e-9);

  /* An empty range still gives an axis. */
  n = pathways_chart_nice_ticks (0, 0, 5, ticks, &step);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpfloat (ticks[0], ==, 0);
}

static void
test_format_number (void)
{
  struct { double v; int d; const char *want; } cases[] = {
    { 1930, 0, "1,930" }, { 1234567, 0, "1,234,567" }, { 999, 0, "999" }, { 0, 0, "0" },
    { 12.5, 1, "12.5" }, { 12.0, 1, "12" }, { 228.25, 1, "228.3" }, { 1000, 1, "1,000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = pathways_chart_format_number (cases[i].v, cases[i].d);
      g_assert_cmpstr (s, ==, cases[i].want);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/chart-render/nice-ticks", test_nice_ticks);
  g_test_add_func ("/pathways/chart-render/format-number", test_format_number);
  g_test_add_func ("/pathways/chart-render/stays-inside", test_stays_inside);
  g_test_add_func ("/pathways/chart-render/all-sizes", test_all_sizes);
  g_test_add_func ("/pathways/chart-render/every-table", test_every_table_draws);
  g_test_add_func ("/pathways/chart-render/describe", test_describe);
  g_test_add_func ("/pathways/chart-render/describe-labels", test_describe_labels);
  g_test_add_func ("/pathways/chart-render/export-files", test_export_files);
  g_test_add_func ("/pathways/chart-render/hidden-never-drawn", test_hidden_never_drawn);
  status = g_test_run ();
  if (shared_report () != NULL)
    pathways_report_unref (shared_report ());
  return status;
}
