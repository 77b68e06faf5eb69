/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: opening a workspace (*.pathways, one SQLite file) of arbitrary bytes.
 *
 * The bytes are written to one file in memory (/dev/shm when there is one, otherwise
 * the temporary folder), reused for every input, and opened with
 * pathways_workspace_load. Either the load fails with a GError of the workspace domain,
 * or the dataset it gives holds together: every index it hands out is in range. */
#define G_LOG_DOMAIN "fuzz-workspace"

#include "config.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pathways-dataset.h"
#include "pathways-workspace.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *workspace_path;

static void
remove_workspace (void)
{
  g_unlink (workspace_path);
  g_free (workspace_path);
}

static void
check_column (PathwaysColumn *column,
              guint           n_rows)
{
  g_assert (column->n_rows == n_rows);
  for (guint r = 0; r < n_rows; r++)
    {
      switch (column->kind)
        {
        case PATHWAYS_KIND_KEY:
          g_assert (column->keys[r] < column->key_strings->len);
          g_assert (column->keys[r] == 0 ||
                    g_ptr_array_index (column->key_strings, column->keys[r]) != NULL);
          break;
        case PATHWAYS_KIND_CATEGORY:
          g_assert (column->codes[r] < pathways_dictionary_get_size (column->dict));
          break;
        case PATHWAYS_KIND_MULTI:
          g_assert (column->multi_offsets[r] <= column->multi_offsets[r + 1]);
          for (guint32 k = column->multi_offsets[r]; k < column->multi_offsets[r + 1]; k++)
            g_assert (column->multi_codes[k] < pathways_dictionary_get_size (column->dict));
          break;
        case PATHWAYS_KIND_DATE:
        case PATHWAYS_KIND_INTEGER:
        default:
          break;
        }
    }
}

static void
check_dataset (PathwaysDataset *dataset)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      PathwaysColumn *column = dataset->columns[f];

      if (column == NULL)
        continue;
      g_assert (f != PATHWAYS_FIELD_DATE_OF_BIRTH);
      check_column (column,
                    pathways_field_get_table (f) == PATHWAYS_TABLE_CASES
                    ? dataset->n_cases : dataset->n_services);
    }

  if (dataset->n_services > 0)
    {
      g_assert (dataset->service_case != NULL);
      for (guint s = 0; s < dataset->n_services; s++)
        g_assert (dataset->service_case[s] < dataset->n_cases);
    }
  if (dataset->case_service_start != NULL)
    {
      g_assert (dataset->case_service_start[0] == 0);
      for (guint c = 0; c < dataset->n_cases; c++)
        g_assert (dataset->case_service_start[c] <= dataset->case_service_start[c + 1]);
      g_assert (dataset->case_service_start[dataset->n_cases] == dataset->n_services);
    }
  for (guint c = 0; c < dataset->n_cases; c++)
    {
      (void) pathways_dataset_case_is_closed (dataset, c);
      (void) pathways_dataset_get_case_id (dataset, c);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PathwaysDataset) dataset = NULL;

  /* A g_critical or g_warning is a bug too (such as a NULL node handed to json-glib). */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (workspace_path == NULL)
    {
      const char *dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) &&
                        access ("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir ();

      workspace_path = g_strdup_printf ("%s/fuzz-workspace-%d.pathways", dir, (int) getpid ());
      atexit (remove_workspace);
    }

  if (!g_file_set_contents (workspace_path, (const char *) data, (gssize) size, &error))
    g_error ("%s", error->message);

  dataset = pathways_workspace_load (workspace_path, &error);
  if (dataset == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == PATHWAYS_WORKSPACE_ERROR);
      /* Not checked: the message is valid UTF-8. SQLite's own message, which the
       * workspace passes on, can quote bytes of a damaged schema as they are (the
       * corpus file schema-error-not-utf8 holds one); see docs/security.md. */
      return 0;
    }
  g_assert (error == NULL);
  check_dataset (dataset);
  return 0;
}
