/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-cli export: the report as PDF, XLSX or CSV. */
#define G_LOG_DOMAIN "pathways-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-cli-private.h"

int
pathways_cli_export_report (PathwaysReport *report,
                            const char     *format,
                            const char     *output,
                            const char     *title,
                            const char     *organisation)
{
  g_printerr ("pathways-cli: %s\n", _("PDF, XLSX and CSV reports are not available in this version yet"));
  return 2;
}
