/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-application.h"
#include "pathways-window.h"
#include "pathways-preferences-window.h"

struct _PathwaysApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (PathwaysApplication, pathways_application, ADW_TYPE_APPLICATION)

PathwaysApplication *
pathways_application_new (const char        *application_id,
                          GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (PATHWAYS_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/pathways_app/Pathways",
                       NULL);
}

static PathwaysWindow *
get_window (PathwaysApplication *self,
            gboolean            *created)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (PATHWAYS_IS_WINDOW (window))
    {
      *created = FALSE;
      return PATHWAYS_WINDOW (window);
    }

  *created = TRUE;
  return pathways_window_new (self);
}

static void
pathways_application_activate (GApplication *app)
{
  PathwaysApplication *self = PATHWAYS_APPLICATION (app);
  PathwaysWindow *window;
  gboolean created;

  window = get_window (self, &created);
  gtk_window_present (GTK_WINDOW (window));

  /* A new window with nothing to open shows the sample straight away: the fastest way
   * to see what Pathways does. The start page stays when the sample is missing. */
  if (created)
    pathways_window_open_sample (window);
}

static void
pathways_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  PathwaysApplication *self = PATHWAYS_APPLICATION (app);
  PathwaysWindow *window;
  gboolean created;

  window = get_window (self, &created);
  gtk_window_present (GTK_WINDOW (window));
  pathways_window_open_files (window, files, (guint) n_files);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PathwaysApplication *self = user_data;
  GList *windows;

  /* Closing the windows lets each save its size first. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PathwaysApplication *self = user_data;
  PathwaysWindow *window;
  gboolean created;

  window = get_window (self, &created);
  gtk_window_present (GTK_WINDOW (window));
  pathways_window_choose_files (window);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PathwaysApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Pathways developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Pathways"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Pathways developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("See where people come from, how they move through "
                                      "your service, and where they leave"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: replace with your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  PathwaysApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* The Mallard help of help/C/, installed under the application ID, shown by Yelp */
  gtk_show_uri (parent, "help:" APPLICATION_ID, GDK_CURRENT_TIME);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  PathwaysApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PathwaysPreferencesWindow *preferences;

  preferences = pathways_preferences_window_new (parent, self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_color_scheme_changed (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  pathways_preferences_apply_color_scheme (settings);
}

static const GActionEntry app_actions[] = {
  { .name = "preferences", .activate = preferences_activated },
  { .name = "quit", .activate = quit_activated },
  { .name = "open", .activate = open_activated },
  { .name = "about", .activate = about_activated },
  { .name = "help", .activate = help_activated },
};

static void
pathways_application_startup (GApplication *app)
{
  PathwaysApplication *self = PATHWAYS_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *open_accels[] = { "<Control>o", NULL };
  const char *close_accels[] = { "<Control>w", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (pathways_application_parent_class)->startup (app);

  /* The dark style follows the system unless the preferences say otherwise. */
  self->settings = g_settings_new (APPLICATION_ID);
  pathways_preferences_apply_color_scheme (self->settings);
  g_signal_connect (self->settings, "changed::color-scheme",
                    G_CALLBACK (on_color_scheme_changed), self);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
}

static void
pathways_application_finalize (GObject *object)
{
  PathwaysApplication *self = PATHWAYS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pathways_application_parent_class)->finalize (object);
}

static void
pathways_application_class_init (PathwaysApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pathways_application_finalize;

  app_class->startup = pathways_application_startup;
  app_class->activate = pathways_application_activate;
  app_class->open = pathways_application_open;
}

static void
pathways_application_init (PathwaysApplication *self)
{
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Opens a case-management export (CSV or XLSX, "
                                              "with an optional services export) or a saved "
                                              "workspace. With no file, the sample data opens."));
}
