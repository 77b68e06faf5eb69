/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-sample"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-sample.h"

static gboolean
dir_has_sample (const char *dir)
{
  g_autofree char *cases = g_build_filename (dir, PATHWAYS_SAMPLE_CASES_FILE, NULL);

  return g_file_test (cases, G_FILE_TEST_IS_REGULAR);
}

char *
pathways_sample_get_dir (void)
{
  const char *env = g_getenv ("PATHWAYS_SAMPLE_DIR");
  const char *candidates[] = {
    PATHWAYS_PKGDATADIR G_DIR_SEPARATOR_S "sample",
    PATHWAYS_SOURCE_DATADIR G_DIR_SEPARATOR_S "sample",
  };

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (dir_has_sample (candidates[i]))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

gboolean
pathways_sample_get_paths (char   **cases,
                           char   **services,
                           GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *cases_path = NULL;
  g_autofree char *services_path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = pathways_sample_get_dir ();
  if (dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sample data is not installed: no folder holds “%s”"),
                   PATHWAYS_SAMPLE_CASES_FILE);
      return FALSE;
    }

  cases_path = g_build_filename (dir, PATHWAYS_SAMPLE_CASES_FILE, NULL);
  if (!g_file_test (cases_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sample data is missing: “%s” does not exist"),
                   cases_path);
      return FALSE;
    }

  services_path = g_build_filename (dir, PATHWAYS_SAMPLE_SERVICES_FILE, NULL);
  if (!g_file_test (services_path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&services_path, g_free);

  if (cases != NULL)
    *cases = g_steal_pointer (&cases_path);
  if (services != NULL)
    *services = g_steal_pointer (&services_path);

  return TRUE;
}
