/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the XLSX reader lands. */
#define G_LOG_DOMAIN "pathways-xlsx-reader"
#include "config.h"
#include "pathways-row-reader-private.h"

PathwaysRowReader *
pathways_xlsx_reader_new (const char *path, const char *sheet, GError **error)
{
  g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN, "%s: XLSX reader not written yet", path);
  return NULL;
}

PathwaysRowReader *
pathways_xlsx_reader_new_from_bytes (GBytes *bytes, const char *name, const char *sheet, GError **error)
{
  return pathways_xlsx_reader_new (name, sheet, error);
}

char **
pathways_xlsx_list_sheets (const char *path, GError **error)
{
  g_set_error (error, PATHWAYS_READER_ERROR, PATHWAYS_READER_ERROR_OPEN, "%s: XLSX reader not written yet", path);
  return NULL;
}
