/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the outcomes and appointments importers over arbitrary bytes.
 *
 * A small dataset (four cases, three services) is imported afresh for each input (an
 * import adds its findings to the dataset). The input is written to a file and read as
 * an outcomes file and as an appointments file (the first byte chooses the date
 * order): an importer either succeeds or fails with a UTF-8 message and leaves the
 * dataset usable; either way a whole report over the dataset, with every outcome and
 * appointment table, is built and its titles, row ids and texts are UTF-8. */
#define G_LOG_DOMAIN "fuzz-extras"

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <glib/gstdio.h>

#include "pathways.h"
#include "pathways-appointments.h"
#include "pathways-outcomes.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char cases_csv[] =
  "case_id,person_id,referral_date,first_contact_date,assessment_date,closure_date,closure_reason,"
  "referral_source,referral_source_detail,primary_incident,new_or_returning,client_role,gender,"
  "age_band,ethnicity,disability,sexuality,religion,accommodation,employment,time_before_support,"
  "risks,issues,impacts,area\n"
  "C1,P1,2023-01-05,2023-01-06,2023-01-20,2023-06-01,Planned closure,Police,,Rape,New,,Female,"
  "25–34,,,,,,,,,,,Basildon\n"
  "C2,P2,2023-01-10,2023-01-12,,2023-05-01,Did not engage,Self-referral,,Rape,New,,Female,"
  "18–24,,,,,,,,,,,\n"
  "C3,P1,2023-02-01,2023-02-02,2023-02-10,,,Police,,Child sexual abuse,Returning,,Male,"
  "35–44,,,,,,,,,,,Colchester\n"
  "C4,P3,2023-03-01,,,2023-08-01,Referred on,Healthcare,,Sexual violence,,,,,,,,,,,,,,,\n";

static const char services_csv[] =
  "service_id,case_id,service_type,service_detail,service_referral_date,service_start_date,"
  "service_end_date,service_closure_reason\n"
  "S1,C1,Therapy,Counselling,2023-01-20,2023-02-01,2023-05-30,Planned closure\n"
  "S2,C1,Advocacy,ISVA,2023-01-06,2023-01-10,,\n"
  "S3,C3,Therapy,Counselling,2023-02-10,2023-03-15,,\n";

static char *dir;
static char *cases;
static char *services;
static PathwaysMapping *mapping;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  dir = g_dir_make_tmp ("pathways-fuzz-extras-XXXXXX", &error);
  g_assert_no_error (error);
  cases = g_build_filename (dir, "cases.csv", NULL);
  services = g_build_filename (dir, "services.csv", NULL);
  g_assert (g_file_set_contents (cases, cases_csv, -1, NULL));
  g_assert (g_file_set_contents (services, services_csv, -1, NULL));
  mapping = pathways_mapping_new_preset ("sample", &error);
  g_assert_no_error (error);
}

static PathwaysDataset *
import_cases (void)
{
  g_autoptr(GError) error = NULL;
  PathwaysImportOptions io = { 0, };
  PathwaysDataset *ds;

  io.cases_path = cases;
  io.services_path = services;
  io.mapping = mapping;
  io.snapshot_day = pathways_day_from_ymd (2023, 9, 30);
  ds = pathways_import (&io, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert (ds != NULL);
  return ds;
}

static void
check_report (PathwaysDataset *dataset)
{
  g_autoptr(PathwaysReport) report = pathways_report_new (dataset, NULL, NULL);

  g_assert (report != NULL);
  for (guint i = 0; i < report->tables->len; i++)
    {
      PathwaysReportTable *t = g_ptr_array_index (report->tables, i);

      g_assert (g_utf8_validate (t->title, -1, NULL));
      for (guint r = 0; r < t->rows->len; r++)
        {
          PathwaysReportRow *row = g_ptr_array_index (t->rows, r);

          g_assert (g_utf8_validate (row->id, -1, NULL));
          for (guint c = 0; c < t->columns->len; c++)
            {
              const PathwaysCell *cell = &row->cells[c];

              g_assert (cell->text == NULL || g_utf8_validate (cell->text, -1, NULL));
              g_assert (!cell->defined || cell->text != NULL || !isinf (cell->value));
            }
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const PathwaysDateOrder orders[] = {
    PATHWAYS_DATE_ORDER_AUTO, PATHWAYS_DATE_ORDER_DMY, PATHWAYS_DATE_ORDER_MDY, PATHWAYS_DATE_ORDER_YMD,
  };
  g_autoptr(PathwaysDataset) dataset = NULL;
  g_autofree char *path = NULL;
  PathwaysDateOrder order;

  if (mapping == NULL)
    setup ();
  dataset = import_cases ();
  order = orders[size > 0 ? data[0] % G_N_ELEMENTS (orders) : 0];
  path = g_build_filename (dir, "extra.csv", NULL);
  g_assert (g_file_set_contents (path, size > 1 ? (const char *) data + 1 : "", size > 1 ? (gssize) size - 1 : 0, NULL));

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = k == 0 ? pathways_outcomes_import (dataset, path, order, &error)
                           : pathways_appointments_import (dataset, path, order, &error);

      if (!ok)
        {
          g_assert (error != NULL);
          g_assert (g_utf8_validate (error->message, -1, NULL));
        }
      else
        g_assert (error == NULL);
      check_report (dataset);
    }
  g_unlink (path);
  return 0;
}
