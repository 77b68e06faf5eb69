/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window in Welsh (LANGUAGE=cy), its Help menu item, and the export dialog's
 * report language: an English report from a Welsh desktop, and the Welsh one. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pathways-export-dialog.h"
#include "pathways-i18n.h"
#include "ui-test-util.h"

static PathwaysApplication *app;

static gboolean
still_there (gpointer pointer)
{
  return *(gpointer *) pointer != NULL;
}

static gboolean
is_main_menu (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The label of the item of MENU (sections included) that activates ACTION, or NULL. */
static char *
menu_label (GMenuModel *menu,
            const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          char *found = menu_label (section, action);

          if (found != NULL)
            return found;
          continue;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return g_steal_pointer (&label);
    }
  return NULL;
}

static PathwaysExportDialog *
open_export_dialog (PathwaysWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  ui_test_iterate (3);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PATHWAYS_IS_EXPORT_DIALOG (toplevel))
        return PATHWAYS_EXPORT_DIALOG (toplevel);
    }
  g_assert_not_reached ();
}

/* The dialog's PDF in LANGUAGE (NULL: the application's), as text. */
static char *
export_pdf (PathwaysWindow *window,
            const char     *language,
            const char     *path)
{
  PathwaysExportDialog *dialog = open_export_dialog (window);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *argv[] = { "pdftotext", "-l", "2", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  gpointer pointer = dialog;
  char *text = NULL;
  int status = 0;

  g_assert_true (pathways_export_dialog_set_language (dialog, language));
  g_assert_cmpstr (pathways_export_dialog_get_language (dialog), ==, language);
  g_assert_true (pathways_export_dialog_set_format (dialog, "pdf"));
  g_object_add_weak_pointer (G_OBJECT (dialog), &pointer);
  pathways_export_dialog_export_to_file (dialog, file);
  /* a successful export closes the dialog; an error would keep it open */
  ui_test_wait_while (still_there, &pointer, 120, 3);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

static void
test_window (void)
{
  static const char *pages[] = { "closures", "waiting", "people", "quality" };
  PathwaysWindow *window = ui_test_open_sample (app, 1400, 900);
  GtkWidget *button;
  g_autofree char *help = NULL;
  PathwaysExportDialog *dialog;

  /* the window speaks Welsh: its menu button, and the Help item beside the shortcuts */
  button = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, is_main_menu, "Prif Ddewislen");
  g_assert_nonnull (button);
  help = menu_label (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), "app.help");
  g_assert_cmpstr (help, ==, "_Cymorth");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  ui_test_save_screenshot (GTK_WIDGET (window), "welsh-window.png", 5);
  /* every page, to look at for Welsh words cut short or running over */
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      AdwViewStack *stack = ui_test_window_child (window, "view_stack");
      g_autofree char *name = g_strdup_printf ("welsh-%s.png", pages[p]);

      adw_view_stack_set_visible_child_name (stack, pages[p]);
      ui_test_iterate (5);
      ui_test_wait_layout (GTK_WIDGET (window));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[p]);
      ui_test_save_screenshot (GTK_WIDGET (window), name, 0);
    }

  dialog = open_export_dialog (window);
  /* "the application's", then English and Welsh; British English is the sources' own */
  g_assert_null (pathways_export_dialog_get_language (dialog));
  g_assert_true (pathways_export_dialog_set_language (dialog, "cy"));
  g_assert_false (pathways_export_dialog_set_language (dialog, "en_GB"));
  g_assert_null (pathways_export_dialog_get_language (dialog));
  ui_test_save_screenshot (GTK_WIDGET (dialog), "welsh-export-dialog.png", 5);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (3);
}

static void
test_export_language (void)
{
  PathwaysWindow *window = ui_test_open_sample (app, 1200, 800);
  g_autofree char *dir = g_dir_make_tmp ("pathways-welsh-XXXXXX", NULL);
  g_autofree char *english_pdf = g_build_filename (dir, "english.pdf", NULL);
  g_autofree char *welsh_pdf = g_build_filename (dir, "welsh.pdf", NULL);
  g_autofree char *english = export_pdf (window, "en", english_pdf);
  g_autofree char *welsh = export_pdf (window, NULL, welsh_pdf);

  /* an English report from a Welsh desktop, built again in the export's thread ... */
  g_assert_nonnull (strstr (english, "Period (referral date)"));
  g_assert_nonnull (strstr (english, "4 May 2023"));
  g_assert_null (strstr (english, "Cyfnod (dyddiad atgyfeirio)"));
  /* ... while the window, and the next report, stay Welsh */
  g_assert_null (pathways_i18n_get_language ());
  g_assert_nonnull (strstr (welsh, "Cyfnod (dyddiad atgyfeirio)"));
  g_assert_nonnull (strstr (welsh, "4 Mai 2023"));
  g_assert_null (strstr (welsh, "Period (referral date)"));

  g_remove (english_pdf);
  g_remove (welsh_pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (3);
}

int
main (int   argc,
      char *argv[])
{
  /* a Welsh desktop: C.UTF-8 is on every machine, and gettext follows LANGUAGE in it */
  g_setenv ("LANGUAGE", "cy", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  ui_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, pathways_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  app = ui_test_start_app (G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/pathways/welsh/window", test_window);
  g_test_add_func ("/pathways/welsh/export-language", test_export_language);

  return ui_test_run ();
}
