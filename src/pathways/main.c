/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pathways-application.h"
#include "pathways-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PathwaysApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pathways_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Pathways"));

  app = pathways_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
