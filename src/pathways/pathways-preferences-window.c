/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "pathways-preferences-window.h"
#include "pathways.h"

struct _PathwaysPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (PathwaysPreferencesWindow, pathways_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The setting of each waiting measure's target, in PathwaysWaitMeasure order. */
static const char * const target_keys[PATHWAYS_N_WAITS] = {
  [PATHWAYS_WAIT_REFERRAL_TO_CONTACT] = "target-contact",
  [PATHWAYS_WAIT_REFERRAL_TO_ASSESSMENT] = "target-assessment",
  [PATHWAYS_WAIT_REFERRAL_TO_SERVICE_START] = "target-service-start",
  [PATHWAYS_WAIT_SERVICE] = "target-service",
  [PATHWAYS_WAIT_TIME_IN_SERVICE] = "target-time-in-service",
};

const char *
pathways_preferences_get_target_key (PathwaysWaitMeasure measure)
{
  g_return_val_if_fail (measure < PATHWAYS_N_WAITS, NULL);

  return target_keys[measure];
}

void
pathways_preferences_apply_color_scheme (GSettings *settings)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static gboolean
string_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *names = user_data;
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], s))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_string (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const char * const *names = user_data;
  guint index = g_value_get_uint (value);
  guint n = g_strv_length ((char **) names);

  return g_variant_new_string (names[index < n ? index : 0]);
}

static void
pathways_preferences_window_dispose (GObject *object)
{
  PathwaysPreferencesWindow *self = PATHWAYS_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pathways_preferences_window_parent_class)->dispose (object);
}

static void
pathways_preferences_window_class_init (PathwaysPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pathways_preferences_window_dispose;
}

static void
pathways_preferences_window_init (PathwaysPreferencesWindow *self)
{
}

static GtkWidget *
spin_row (GSettings  *settings,
          const char *key,
          const char *title,
          const char *subtitle,
          double      min,
          double      max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  g_settings_bind (settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

static GtkWidget *
combo_row (GSettings          *settings,
           const char         *key,
           const char         *title,
           const char         *subtitle,
           const char * const *names,
           const char * const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                string_to_index, index_to_string, (gpointer) names, NULL);
  return row;
}

PathwaysPreferencesWindow *
pathways_preferences_window_new (GtkWindow *parent,
                                 GSettings *settings)
{
  PathwaysPreferencesWindow *self;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  static const char * const date_order_names[] = { "auto", "dmy", "mdy", "ymd", NULL };
  static const char * const scheme_names[] = { "default", "light", "dark", NULL };
  const char *date_order_labels[] = {
    _("Work it out from the dates"),
    _("Day first (31/03/2023)"),
    _("Month first (03/31/2023)"),
    _("Year first (2023-03-31)"),
    NULL
  };
  const char *scheme_labels[] = {
    _("Follow the system"),
    _("Light"),
    _("Dark"),
    NULL
  };

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PATHWAYS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "search-enabled", FALSE,
                       NULL);
  self->settings = g_object_ref (settings);

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("General"));
  adw_preferences_page_set_icon_name (page, "preferences-system-symbolic");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Reports"));
  adw_preferences_group_add (group,
                             spin_row (settings, "threshold", _("Small-number _threshold"),
                                       _("Exported counts below this are hidden, so that no one can be identified"),
                                       PATHWAYS_DISCLOSURE_MIN_THRESHOLD,
                                       PATHWAYS_DISCLOSURE_MAX_THRESHOLD));
  adw_preferences_page_add (page, group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Waiting-Time Targets"));
  adw_preferences_group_set_description (group, _("In days; charts show the share seen within each target"));
  /* each measure by the name the pages and the exports give it (pathways-labels) */
  for (guint m = 0; m < PATHWAYS_N_WAITS; m++)
    adw_preferences_group_add (group,
                               spin_row (settings, target_keys[m],
                                         pathways_labels_get (pathways_wait_measure_get_id (m)),
                                         NULL, 1, 3650));
  adw_preferences_page_add (page, group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Opening Exports"));
  adw_preferences_group_add (group,
                             combo_row (settings, "date-order", _("_Date order"),
                                        _("How to read dates such as 04/05/2023"),
                                        date_order_names, date_order_labels));
  adw_preferences_page_add (page, group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Appearance"));
  adw_preferences_group_add (group,
                             combo_row (settings, "color-scheme", _("_Style"), NULL,
                                        scheme_names, scheme_labels));
  adw_preferences_page_add (page, group);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);

  return self;
}
