/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The summary JSON document of spec/cli.md and the text summary, on the journey
 * fixture (see test-measures.c for its layout and the hand-worked figures). */
#include "config.h"

#include <string.h>

#include "pathways.h"
#include "journey-fixture.h"

static PathwaysDataset *
load_journey (void)
{
  return journey_fixture_load ();
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
path (JsonNode   *root,
      const char *expression)
{
  g_autoptr(GError) error = NULL;
  JsonNode *result = json_path_query (expression, root, &error);
  JsonArray *array;
  JsonNode *node;

  g_assert_no_error (error);
  array = json_node_get_array (result);
  if (json_array_get_length (array) != 1)
    g_error ("%s: %u matches", expression, json_array_get_length (array));
  node = json_node_copy (json_array_get_element (array, 0));
  json_node_unref (result);
  return node;
}

static gint64
path_int (JsonNode   *root,
          const char *expression)
{
  g_autoptr(JsonNode) n = path (root, expression);
  g_assert_cmpint (json_node_get_value_type (n), ==, G_TYPE_INT64);
  return json_node_get_int (n);
}

static double
path_double (JsonNode   *root,
             const char *expression)
{
  g_autoptr(JsonNode) n = path (root, expression);
  return json_node_get_double (n);
}

static char *
path_string (JsonNode   *root,
             const char *expression)
{
  g_autoptr(JsonNode) n = path (root, expression);
  g_assert_cmpint (json_node_get_value_type (n), ==, G_TYPE_STRING);
  return g_strdup (json_node_get_string (n));
}

static gboolean
path_is_null (JsonNode   *root,
              const char *expression)
{
  g_autoptr(JsonNode) n = path (root, expression);
  return JSON_NODE_HOLDS_NULL (n);
}

static void
test_json_exact (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(PathwaysReport) r = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *s = NULL;
  JsonObject *obj;
  g_autoptr(GList) members = NULL;
  static const char *order[] = { "pathways_version", "dataset", "cohort", "funnel", "closure_reasons",
                                 "service_closure_reasons", "planned_closure_rates", "waiting_times",
                                 "time_before_support", "returners", "multi_category", "completeness",
                                 "data_quality", "profile", NULL };
  guint i = 0;

  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  r = pathways_report_new (ds, f, NULL);
  text = pathways_summary_to_json_string (r);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  root = parse (text);

  /* top-level keys in the order of spec/cli.md; no "disclosure" without suppression */
  obj = json_node_get_object (root);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, order[i]);
  g_assert_null (order[i]);

  s = path_string (root, "$.pathways_version");
  g_assert_cmpstr (s, ==, PACKAGE_VERSION);
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (path_int (root, "$.dataset.cases"), ==, 30);
  g_assert_cmpint (path_int (root, "$.dataset.services"), ==, 22);
  g_assert_cmpint (path_int (root, "$.dataset.persons"), ==, 29);
  g_assert_cmpint (path_int (root, "$.dataset.open_cases"), ==, 6);
  s = path_string (root, "$.dataset.snapshot_date");
  g_assert_cmpstr (s, ==, "2023-12-31");
  g_clear_pointer (&s, g_free);
  s = path_string (root, "$.dataset.first_referral");
  g_assert_cmpstr (s, ==, "2023-01-02");
  g_clear_pointer (&s, g_free);
  s = path_string (root, "$.dataset.last_referral");
  g_assert_cmpstr (s, ==, "2023-03-10");
  g_clear_pointer (&s, g_free);

  /* cohort: Police C01-C10, all closed, services S01-S14 (14) */
  g_assert_true (path_is_null (root, "$.cohort.from"));
  g_assert_true (path_is_null (root, "$.cohort.to"));
  s = path_string (root, "$.cohort.filters.referral_source[0]");
  g_assert_cmpstr (s, ==, "Police");
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (path_int (root, "$.cohort.cases"), ==, 10);
  g_assert_cmpint (path_int (root, "$.cohort.closed_cases"), ==, 10);
  g_assert_cmpint (path_int (root, "$.cohort.services"), ==, 14);

  /* funnel of closed Police cases: C09 C10 reach no stage, C01-C08 planned:
   * 10, 8, 8, 8, 8, 8; the first stage's drop is 0 and pct_of_previous 100 */
  s = path_string (root, "$.funnel.population");
  g_assert_cmpstr (s, ==, "closed");
  g_clear_pointer (&s, g_free);
  s = path_string (root, "$.funnel.stages[0].id");
  g_assert_cmpstr (s, ==, "referred");
  g_clear_pointer (&s, g_free);
  g_assert_cmpfloat (path_double (root, "$.funnel.stages[0].pct_of_previous"), ==, 100);
  g_assert_cmpint (path_int (root, "$.funnel.stages[0].drop"), ==, 0);
  s = path_string (root, "$.funnel.stages[1].id");
  g_assert_cmpstr (s, ==, "contacted");
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (path_int (root, "$.funnel.stages[1].count"), ==, 8);
  g_assert_cmpfloat (path_double (root, "$.funnel.stages[1].pct_of_first"), ==, 80);
  g_assert_cmpint (path_int (root, "$.funnel.stages[1].drop"), ==, 2);
  s = path_string (root, "$.funnel.stages[5].id");
  g_assert_cmpstr (s, ==, "planned_closure");
  g_clear_pointer (&s, g_free);

  /* closure reasons: Planned closure 8 of 10, Did not engage 2 (C09 C10) */
  g_assert_cmpint (path_int (root, "$.closure_reasons.base"), ==, 10);
  s = path_string (root, "$.closure_reasons.rows[0].reason");
  g_assert_cmpstr (s, ==, "Planned closure");
  g_clear_pointer (&s, g_free);
  s = path_string (root, "$.closure_reasons.rows[0].class");
  g_assert_cmpstr (s, ==, "planned");
  g_clear_pointer (&s, g_free);
  g_assert_cmpfloat (path_double (root, "$.closure_reasons.rows[1].pct"), ==, 20);

  /* service closure: the first service type with closed services in dictionary order
   * is Therapy: S01 S02 S03 S04 S10 S12 → base 6 */
  s = path_string (root, "$.service_closure_reasons[0].service_type");
  g_assert_cmpstr (s, ==, "Therapy");
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (path_int (root, "$.service_closure_reasons[0].base"), ==, 6);

  /* rates: the first grouping is referral_source, one row Police 10 closed, 8 planned */
  s = path_string (root, "$.planned_closure_rates[0].by");
  g_assert_cmpstr (s, ==, "referral_source");
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (path_int (root, "$.planned_closure_rates[0].rows[0].planned"), ==, 8);
  g_assert_cmpfloat (path_double (root, "$.planned_closure_rates[0].rows[0].rate"), ==, 80);

  /* waiting times: the first measure is referral_to_contact, case level (service_type
   * null): Police contact waits C01-C07 3 10 0 30 7 8 28 → n 7, median 8, min 0, max 30 */
  s = path_string (root, "$.waiting_times[0].measure");
  g_assert_cmpstr (s, ==, "referral_to_contact");
  g_clear_pointer (&s, g_free);
  g_assert_true (path_is_null (root, "$.waiting_times[0].service_type"));
  g_assert_cmpint (path_int (root, "$.waiting_times[0].n"), ==, 7);
  g_assert_cmpfloat (path_double (root, "$.waiting_times[0].median"), ==, 8);
  g_assert_cmpint (path_int (root, "$.waiting_times[0].min"), ==, 0);
  g_assert_cmpint (path_int (root, "$.waiting_times[0].max"), ==, 30);
  g_assert_cmpint (path_int (root, "$.waiting_times[0].target_days"), ==, 28);
  s = path_string (root, "$.waiting_times[0].bands[0].label");
  g_assert_cmpstr (s, ==, "0–7");
  g_clear_pointer (&s, g_free);
  /* 0 3 7 in 0–7 */
  g_assert_cmpint (path_int (root, "$.waiting_times[0].bands[0].count"), ==, 3);
  /* all Police cases are closed: nobody still waiting, so median and max are null */
  g_assert_cmpint (path_int (root, "$.waiting_times[0].still_waiting.n"), ==, 0);
  g_assert_true (path_is_null (root, "$.waiting_times[0].still_waiting.median_days"));
  g_assert_true (path_is_null (root, "$.waiting_times[0].still_waiting.max_days"));

  /* time before support: Police C01-C10 all "More than 2 years" */
  g_assert_cmpint (path_int (root, "$.time_before_support.base"), ==, 10);
  g_assert_cmpfloat (path_double (root, "$.time_before_support.rows[0].pct"), ==, 100);
  g_assert_cmpint (path_int (root, "$.returners.new"), ==, 10);
  g_assert_cmpint (path_int (root, "$.returners.returning"), ==, 0);
  g_assert_cmpint (path_int (root, "$.returners.persons"), ==, 10);

  /* issues of C01-C10: "Anxiety; Sleep problems" each */
  s = path_string (root, "$.multi_category[1].field");
  g_assert_cmpstr (s, ==, "issues");
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (path_int (root, "$.multi_category[1].count_classes.multiple"), ==, 10);
  g_assert_cmpfloat (path_double (root, "$.multi_category[1].rows[0].pct"), ==, 100);

  /* completeness of Police cases: risks missing on C02-C10 (9), worst first */
  s = path_string (root, "$.completeness[0].field");
  g_assert_cmpstr (s, ==, "risks");
  g_clear_pointer (&s, g_free);
  g_assert_cmpint (path_int (root, "$.completeness[0].missing"), ==, 9);
  g_assert_cmpint (path_int (root, "$.data_quality.warnings"), >=, 1);
}

static void
test_json_suppressed (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysFilter) f = pathways_filter_new ();
  g_autoptr(PathwaysReport) r = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *s = NULL;

  pathways_filter_add_value (f, PATHWAYS_FIELD_REFERRAL_SOURCE, "Police");
  r = pathways_report_new (ds, f, NULL);
  pathways_disclosure_apply (r, 5, FALSE);
  text = pathways_summary_to_json_string (r);
  root = parse (text);

  g_assert_cmpint (path_int (root, "$.disclosure.threshold"), ==, 5);
  g_assert_true (path_is_null (root, "$.disclosure.rounding"));
  /* Did not engage 2 of 10: "<5"; its percent "*"; Planned closure 8 is then the only
   * other non-zero cell: secondary, shown "*" (version 2: never "<5") */
  s = path_string (root, "$.closure_reasons.rows[1].count");
  g_assert_cmpstr (s, ==, "<5");
  g_clear_pointer (&s, g_free);
  s = path_string (root, "$.closure_reasons.rows[1].pct");
  g_assert_cmpstr (s, ==, "*");
  g_clear_pointer (&s, g_free);
  s = path_string (root, "$.closure_reasons.rows[0].count");
  g_assert_cmpstr (s, ==, "*");
  g_clear_pointer (&s, g_free);
  /* the funnel: 10 then 8: the drop of 2 is "<5" and the stage it is formed from, 8,
   * is hidden ("*") so that it cannot be worked out */
  s = path_string (root, "$.funnel.stages[1].count");
  g_assert_cmpstr (s, ==, "*");
  g_clear_pointer (&s, g_free);
  s = path_string (root, "$.funnel.stages[1].drop");
  g_assert_cmpstr (s, ==, "<5");
  g_clear_pointer (&s, g_free);
  /* ISVA waits of Police cases: S05 0, S07 7: n 2 → every statistic "*" */
  {
    g_autoptr(JsonNode) waits = path (root, "$.waiting_times");
    JsonArray *a = json_node_get_array (waits);
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (a); i++)
      {
        JsonObject *o = json_array_get_object_element (a, i);
        if (json_object_get_null_member (o, "service_type") ||
            g_strcmp0 (json_object_get_string_member (o, "service_type"), "ISVA") != 0)
          continue;
        found = TRUE;
        g_assert_cmpstr (json_object_get_string_member (o, "n"), ==, "<5");
        g_assert_cmpstr (json_object_get_string_member (o, "mean"), ==, "*");
        g_assert_cmpstr (json_object_get_string_member (o, "median"), ==, "*");
        g_assert_cmpstr (json_object_get_string_member (o, "min"), ==, "*");
        g_assert_cmpstr (json_object_get_string_member (o, "within_target_pct"), ==, "*");
        g_assert_cmpint (json_object_get_int_member (o, "target_days"), ==, 100);
      }
    g_assert_true (found);
  }
}

static void
test_text (void)
{
  g_autoptr(PathwaysDataset) ds = load_journey ();
  g_autoptr(PathwaysReport) r = pathways_report_new (ds, NULL, NULL);
  g_autoptr(PathwaysReport) p = NULL;
  g_autofree char *text = pathways_summary_to_text (r);
  g_autofree char *protected_text = NULL;

  g_assert_nonnull (strstr (text, "Journey funnel"));
  g_assert_nonnull (strstr (text, "Base: 24 closed cases"));
  g_assert_nonnull (strstr (text, "Snapshot date: 2023-12-31"));
  g_assert_nonnull (strstr (text, "Filters: none"));
  g_assert_null (strstr (text, "<5"));

  p = pathways_report_copy (r);
  pathways_disclosure_apply (p, 5, TRUE);
  protected_text = pathways_summary_to_text (p);
  g_assert_nonnull (strstr (protected_text, "Counts from 1 to 4 are shown as <5"));
  g_assert_nonnull (strstr (protected_text, "rounded to the nearest 5"));
  g_assert_nonnull (strstr (protected_text, "<5"));
  /* 24 closed cases rounds to 25 */
  g_assert_nonnull (strstr (protected_text, "Base: 25 closed cases"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pathways/summary/json-exact", test_json_exact);
  g_test_add_func ("/pathways/summary/json-suppressed", test_json_suppressed);
  g_test_add_func ("/pathways/summary/text", test_text);

  return g_test_run ();
}
