/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the workspace lands. */
#define G_LOG_DOMAIN "pathways-workspace"
#include "config.h"
#include "pathways-workspace.h"

G_DEFINE_QUARK (pathways-workspace-error-quark, pathways_workspace_error)

gboolean
pathways_workspace_save (PathwaysDataset *dataset, const char *path, GError **error)
{
  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO, "not written yet");
  return FALSE;
}

PathwaysDataset *
pathways_workspace_load (const char *path, GError **error)
{
  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO, "not written yet");
  return NULL;
}

gboolean
pathways_workspace_set_setting (const char *path, const char *key, const char *value, GError **error)
{
  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO, "not written yet");
  return FALSE;
}

char *
pathways_workspace_get_setting (const char *path, const char *key, GError **error)
{
  g_set_error (error, PATHWAYS_WORKSPACE_ERROR, PATHWAYS_WORKSPACE_ERROR_IO, "not written yet");
  return NULL;
}
