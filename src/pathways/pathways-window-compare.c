/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-window-compare.c: compare mode (design/ux.md "Compare"). Two periods: a
 * second report, for another period with the same other filters, is drawn beside the
 * window's report. Two groups: two reports, each the window's filters with one value of
 * a field (referral source Police, Self-referral ...). Every card of every page
 * (journey, closures, waiting times, people, activity, outcomes) has its comparison:
 * a chart drawn side by side, both panels on one scale, or for a table of figures
 * (the outcomes) its differences alone; a side with nothing to compare says so. Each card
 * says what each side counts (its period or group, and the filters) and lists how every
 * row differs (pathways_compare_view_get_differences). The choices are in a bar under
 * the header, which keeps its room for the page switcher. Like the rest of the screen
 * the figures are exact; what leaves the window is protected. */
#define G_LOG_DOMAIN "pathways-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "pathways-window-private.h"
#include "pathways-compare-view.h"

/* The fields two groups can be taken from, in the order offered. */
static const PathwaysField group_fields[] = {
  PATHWAYS_FIELD_REFERRAL_SOURCE,
  PATHWAYS_FIELD_PRIMARY_INCIDENT,
  PATHWAYS_FIELD_AGE_BAND,
  PATHWAYS_FIELD_GENDER,
  PATHWAYS_FIELD_NEW_OR_RETURNING,
  PATHWAYS_FIELD_CLIENT_ROLE,
  PATHWAYS_FIELD_SERVICE_TYPE,
};

/* The pages that compare; each compares every card it shows. */
enum { N_COMPARED_PAGES = 6 };

/* Tables a page shows outside its grid of cards: the Activity page's targets. */
static const char *
page_extra_table (guint page)
{
  return page == 4 ? "targets" : NULL;
}

/* One comparison chart: its card on a page, the title over it. */
typedef struct {
  GtkWidget           *card;
  GtkLabel            *label;
  GtkLabel            *sides;        /* each side's period and filters */
  GtkLabel            *empty;        /* which side has nothing to compare, if one */
  GtkGrid             *differences;  /* each row's figures and how they differ */
  GtkLabel            *caption;      /* how the differences read */
  PathwaysCompareView *view;
  char                *table_id;
  char                *title;
  guint                page;         /* index into compared_pages */
} CompareCard;

static void sync_cards (PathwaysWindow *self,
                        PathwaysReport *report);

static void
compare_card_free (gpointer data)
{
  CompareCard *entry = data;

  g_free (entry->table_id);
  g_free (entry->title);
  g_free (entry);
}

struct _PathwaysCompareState {
  GtkToggleButton     *toggle;
  GtkWidget           *bar;        /* under the header: the controls below */
  PathwaysPeriodChooser *chooser;  /* the period compared with */
  GtkWidget           *with;       /* "compared with" */
  GPtrArray           *views;      /* CompareCard* */
  PathwaysCompareMode  mode;
  PathwaysDataset     *dataset;    /* the dataset the lists below were made for */
  GArray              *fields;     /* PathwaysField: group_fields the dataset can compare */
  guint                field;      /* index into fields */
  GPtrArray           *values;     /* char*: the values of that field, most cases first */
  guint                value[2];   /* indexes into values */
  PathwaysReport      *report_a;   /* groups: the first side (the second is compare_report) */
  gboolean             updating;   /* dropdowns being set from the code */
  GtkDropDown         *mode_dropdown;
  GtkMenuButton       *groups_button;
  GtkDropDown         *field_dropdown;
  GtkDropDown         *value_dropdown[2];
  GtkWidget           *boxes[N_COMPARED_PAGES];      /* each page's comparison cards */
  char                *signatures[N_COMPARED_PAGES]; /* the tables they were made for */
};
typedef struct _PathwaysCompareState CompareState;

static void
compare_state_free (gpointer data)
{
  CompareState *state = data;

  g_clear_pointer (&state->dataset, pathways_dataset_unref);
  g_clear_pointer (&state->fields, g_array_unref);
  g_clear_pointer (&state->values, g_ptr_array_unref);
  g_clear_pointer (&state->report_a, pathways_report_unref);
  g_clear_pointer (&state->views, g_ptr_array_unref);
  for (guint p = 0; p < N_COMPARED_PAGES; p++)
    g_free (state->signatures[p]);
  g_free (state);
}

static CompareState *
compare_state (PathwaysWindow *self)
{
  return self->compare_state;
}

static GtkToggleButton *
compare_toggle (PathwaysWindow *self)
{
  return self->compare_state->toggle;
}

static PathwaysPeriodChooser *
compare_chooser (PathwaysWindow *self)
{
  return self->compare_state->chooser;
}

static GPtrArray *
compare_views (PathwaysWindow *self)
{
  return self->compare_state != NULL ? self->compare_state->views : NULL;
}

typedef struct {
  guint code;
  guint count;
} CodeCount;

static int
cmp_code_count (gconstpointer a,
                gconstpointer b)
{
  const CodeCount *x = a, *y = b;

  /* "Not recorded" last, then most cases first, then dictionary order */
  if ((x->code == PATHWAYS_CODE_NOT_RECORDED) != (y->code == PATHWAYS_CODE_NOT_RECORDED))
    return x->code == PATHWAYS_CODE_NOT_RECORDED ? 1 : -1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->code < y->code ? -1 : x->code > y->code;
}

/* The values of FIELD that some case has, most cases first; NULL when fewer than two
 * (nothing to compare). */
static GPtrArray *
field_values (PathwaysDataset *dataset,
              PathwaysField    field)
{
  PathwaysColumn *column = dataset->columns[field];
  g_autoptr(PathwaysFilter) empty = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) order = NULL;
  GPtrArray *values;

  if (column == NULL || column->kind != PATHWAYS_KIND_CATEGORY || column->dict == NULL)
    return NULL;
  if (pathways_field_get_table (field) == PATHWAYS_TABLE_SERVICES && !dataset->has_services)
    return NULL;
  empty = pathways_filter_new ();
  counts = pathways_filter_count_values (empty, dataset, field);
  if (counts == NULL)
    return NULL;

  order = g_array_new (FALSE, FALSE, sizeof (CodeCount));
  for (guint code = 0; code < counts->len && code < pathways_dictionary_get_size (column->dict); code++)
    {
      CodeCount cc = { code, g_array_index (counts, guint, code) };

      if (cc.count > 0)
        g_array_append_val (order, cc);
    }
  if (order->len < 2)
    return NULL;
  g_array_sort (order, cmp_code_count);

  values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (values, g_strdup (pathways_dictionary_get (column->dict,
                                                                g_array_index (order, CodeCount, i).code)));
  return values;
}

static void
set_string_model (CompareState *state,
                  GtkDropDown  *dropdown,
                  GPtrArray    *strings,
                  guint         selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (strings, i));
  state->updating = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, selected);
  state->updating = FALSE;
}

/* Chooses field number INDEX: its values, the two most common ones compared. */
static void
choose_field (CompareState *state,
              guint         index)
{
  PathwaysField field;

  g_clear_pointer (&state->values, g_ptr_array_unref);
  state->field = index;
  if (state->fields == NULL || index >= state->fields->len)
    return;
  field = g_array_index (state->fields, PathwaysField, index);
  state->values = field_values (state->dataset, field);
  state->value[0] = 0;
  state->value[1] = 1;
  for (guint i = 0; i < 2; i++)
    set_string_model (state, state->value_dropdown[i], state->values, state->value[i]);
}

/* The fields and values of the window's dataset, made again for another dataset. */
static void
ensure_group_lists (PathwaysWindow *self)
{
  CompareState *state = compare_state (self);
  g_autoptr(GPtrArray) labels = NULL;

  if (state->dataset == pathways_session_get_dataset (self->session))
    return;
  g_clear_pointer (&state->dataset, pathways_dataset_unref);
  g_clear_pointer (&state->fields, g_array_unref);
  g_clear_pointer (&state->values, g_ptr_array_unref);
  if (pathways_session_get_dataset (self->session) == NULL)
    return;
  state->dataset = pathways_dataset_ref (pathways_session_get_dataset (self->session));

  state->fields = g_array_new (FALSE, FALSE, sizeof (PathwaysField));
  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (group_fields); i++)
    {
      g_autoptr(GPtrArray) values = field_values (pathways_session_get_dataset (self->session), group_fields[i]);

      if (values == NULL)
        continue;
      g_array_append_val (state->fields, group_fields[i]);
      g_ptr_array_add (labels, g_strdup (pathways_field_get_label (group_fields[i])));
    }
  set_string_model (state, state->field_dropdown, labels, 0);
  choose_field (state, 0);
}

static gboolean
groups_ready (CompareState *state)
{
  return state->values != NULL &&
         state->value[0] < state->values->len && state->value[1] < state->values->len;
}

static PathwaysField
group_field (CompareState *state)
{
  return g_array_index (state->fields, PathwaysField, state->field);
}

static const char *
group_value (CompareState *state,
             guint         which)
{
  return g_ptr_array_index (state->values, state->value[which]);
}

/* FILTER's report with the window's measures options (the funnel's population, the
 * targets), so that both sides count the same way; no split: none is drawn. */
static PathwaysReport *
run_side (PathwaysWindow       *self,
          const PathwaysFilter *filter)
{
  PathwaysAnalysis *analysis = pathways_session_get_analysis (self->session);
  PathwaysMeasuresOptions options = *pathways_analysis_get_measures_options (analysis);

  options.split_field = -1;
  return pathways_analysis_run_with_options (analysis, filter, &options);
}

/* "Financial year 2022-23: Referral source: Police · Age band: 25–34", what one side
 * counts: NAME (its period or group), then PERIOD when NAME is a group, then the
 * filters of REPORT other than its period. */
static char *
side_line (const char     *name,
           const char     *period,
           PathwaysReport *report)
{
  g_autoptr(PathwaysFilter) rest = pathways_filter_copy (report->filter);
  g_autofree char *filters = NULL;

  pathways_filter_set_range (rest, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  filters = pathways_filter_describe (rest);
  if (filters == NULL || filters[0] == '\0')
    {
      g_free (filters);
      filters = g_strdup (_("no other filters"));
    }
  if (period != NULL)
    /* Translators: one side of two groups compared: "Police: Financial year 2022-23 ·
     * Referral source: Police" */
    return g_strdup_printf (_("%s: %s · %s"), name, period, filters);
  /* Translators: one side of two periods compared: "Financial year 2022-23: no other filters" */
  return g_strdup_printf (_("%s: %s"), name, filters);
}

/* Empties GRID. As for the cards' tables (pathways-chart-card.c), the keyboard focus
 * leaves it and no selectable label keeps a selection first: GTK 4.8 would walk from
 * the focus through labels already gone. */
static void
clear_grid (GtkGrid *grid)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (grid));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (grid)))
    gtk_root_set_focus (root, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_selectable (GTK_LABEL (child)))
        gtk_label_select_region (GTK_LABEL (child), 0, 0);
      gtk_grid_remove (grid, child);
    }
}

static void
grid_text (GtkGrid    *grid,
           const char *text,
           int         column,
           int         row,
           gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_label_set_wrap (GTK_LABEL (label), column == 0);
  gtk_widget_add_css_class (label, heading ? "heading" : "numeric");
  gtk_widget_set_hexpand (label, column == 0);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* A sentence for each side with nothing to compare (no outcome data in it), rather
 * than a column of zeros and dashes to puzzle over. */
static void
show_empty (CompareCard *entry,
            const char  *label_a,
            const char  *label_b)
{
  const char *labels[2] = { label_a, label_b };
  gboolean outcomes = g_str_has_prefix (entry->table_id, "outcome");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 2; i++)
    {
      if (!pathways_compare_view_side_is_empty (entry->view, i))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (outcomes)
        /* Translators: %s is a compared period or group, "Financial year 2016-17" */
        g_string_append_printf (text, _("%s has no outcome data: no case in it answered "
                                        "a questionnaire both at the start and at the "
                                        "end of support."), labels[i]);
      else
        /* Translators: %s is a compared period or group, "Financial year 2016-17" */
        g_string_append_printf (text, _("%s has no cases to compare here."), labels[i]);
    }
  gtk_label_set_label (entry->empty, text->str);
  gtk_widget_set_visible (GTK_WIDGET (entry->empty), text->len > 0);
  g_string_free (text, TRUE);
}

/* The card's sides, its differences and how they read, for the reports its view
 * draws (LABEL_A and LABEL_B name them; PERIOD, for groups, the period of both). */
static void
show_sides (CompareCard *entry,
            const char  *label_a,
            const char  *label_b,
            const char  *period)
{
  PathwaysReport *reports[2] = { NULL, NULL };
  g_autoptr(GPtrArray) differences = pathways_compare_view_get_differences (entry->view);
  g_autoptr(GPtrArray) figures = pathways_compare_view_get_figure_differences (entry->view);
  const PathwaysReportTable *table = pathways_compare_view_get_table (entry->view, 0);
  g_autofree char *caption = NULL;
  guint row;

  clear_grid (entry->differences);
  for (guint i = 0; i < 2; i++)
    reports[i] = pathways_compare_view_get_report (entry->view, i);
  /* a table of figures with no chart (the waiting-times summary, the targets), or
   * whose chart has no side-by-side panels (the outcome charts), is compared by its
   * differences alone */
  gtk_widget_set_visible (GTK_WIDGET (entry->view),
                          table != NULL && table->chart.kind != PATHWAYS_CHART_NONE &&
                          table->chart.kind != PATHWAYS_CHART_DIVERGING &&
                          table->chart.kind != PATHWAYS_CHART_CHANGE);
  gtk_widget_set_visible (GTK_WIDGET (entry->empty), FALSE);
  if (reports[0] == NULL || reports[1] == NULL || differences == NULL)
    {
      gtk_label_set_label (entry->sides, "");
      gtk_label_set_label (entry->caption, "");
      return;
    }
  show_empty (entry, label_a, label_b);
  {
    g_autofree char *a = side_line (label_a, period, reports[0]);
    g_autofree char *b = side_line (label_b, period, reports[1]);
    g_autofree char *both = g_strdup_printf ("%s\n%s", a, b);

    gtk_label_set_label (entry->sides, both);
  }
  grid_text (entry->differences, "", 0, 0, TRUE);
  grid_text (entry->differences, label_a, 1, 0, TRUE);
  grid_text (entry->differences, label_b, 2, 0, TRUE);
  grid_text (entry->differences, _("Difference"), 3, 0, TRUE);
  for (guint r = 0; r < differences->len; r++)
    {
      const PathwaysCompareDifference *d = g_ptr_array_index (differences, r);

      grid_text (entry->differences, d->label, 0, r + 1, FALSE);
      grid_text (entry->differences, d->text[0], 1, r + 1, FALSE);
      grid_text (entry->differences, d->text[1], 2, r + 1, FALSE);
      grid_text (entry->differences, d->change, 3, r + 1, FALSE);
    }
  /* then the card's other figures: medians, means, further counts and percents */
  row = differences->len + 1;
  for (guint r = 0; figures != NULL && r < figures->len; r++, row++)
    {
      const PathwaysCompareDifference *d = g_ptr_array_index (figures, r);

      grid_text (entry->differences, d->label, 0, row, FALSE);
      grid_text (entry->differences, d->text[0], 1, row, FALSE);
      grid_text (entry->differences, d->text[1], 2, row, FALSE);
      grid_text (entry->differences, d->change, 3, row, FALSE);
    }
  /* Translators: under the differences: "Differences are Police minus Self-referral ..." */
  caption = g_strdup_printf (_("Differences are %s minus %s: percent change for counts, "
                               "points for percents, days or scale points for medians "
                               "and means. Figures on screen are exact."),
                             label_a, label_b);
  gtk_label_set_label (entry->caption, caption);
}

/* The window's filters with FIELD's values replaced by VALUE: one group. */
static PathwaysReport *
group_report (PathwaysWindow *self,
              PathwaysField   field,
              const char     *value)
{
  g_autoptr(PathwaysFilter) filter = pathways_filter_copy (pathways_session_get_filter (self->session));

  pathways_filter_clear_field (filter, field);
  pathways_filter_add_value (filter, field, value);
  return run_side (self, filter);
}

static void
update_groups_button (CompareState *state)
{
  g_autofree char *label = NULL;

  if (!groups_ready (state))
    {
      gtk_menu_button_set_label (state->groups_button, _("No Groups"));
      return;
    }
  /* Translators: the button choosing the groups compared: "Referral source: Police, Self-referral" */
  label = g_strdup_printf (_("%s: %s, %s"), pathways_field_get_label (group_field (state)),
                           group_value (state, 0), group_value (state, 1));
  gtk_menu_button_set_label (state->groups_button, label);
}

static void
update_groups (PathwaysWindow *self,
               GPtrArray      *views)
{
  CompareState *state = compare_state (self);
  const char *field_label;

  ensure_group_lists (self);
  update_groups_button (state);
  g_clear_pointer (&state->report_a, pathways_report_unref);
  pathways_session_set_compare_report (self->session, NULL);
  if (!groups_ready (state))
    {
      for (guint i = 0; i < views->len; i++)
        {
          CompareCard *entry = g_ptr_array_index (views, i);

          pathways_compare_view_set_reports (entry->view, NULL, NULL, NULL, NULL);
          show_sides (entry, NULL, NULL, NULL);
        }
      return;
    }

  state->report_a = group_report (self, group_field (state), group_value (state, 0));
  {
    g_autoptr(PathwaysReport) second = group_report (self, group_field (state), group_value (state, 1));

    pathways_session_set_compare_report (self->session, second);
  }
  field_label = pathways_field_get_label (group_field (state));

  for (guint i = 0; i < views->len; i++)
    {
      CompareCard *entry = g_ptr_array_index (views, i);
      /* Translators: "Journey by referral source: Police compared with Self-referral";
       * the second %s is a field name such as "Referral source" */
      g_autofree char *title = g_strdup_printf (_("%s, %s: %s compared with %s"),
                                                entry->title,
                                                field_label,
                                                group_value (state, 0), group_value (state, 1));

      gtk_label_set_label (entry->label, title);
      pathways_compare_view_set_reports (entry->view,
                                         state->report_a, group_value (state, 0),
                                         pathways_session_get_compare_report (self->session), group_value (state, 1));
      show_sides (entry, group_value (state, 0), group_value (state, 1),
                  pathways_period_chooser_get_label (self->period_chooser));
    }
}

/* Whether the compare chooser offers PERIOD. */
static gboolean
offered (PathwaysWindow       *self,
         const PathwaysPeriod *period)
{
  return pathways_period_chooser_offers (compare_chooser (self), period);
}

/* The period to compare the one shown with: the one before, of the same kind (else
 * the one after); the newest financial year for the whole period; the whole period
 * for a custom range or when there is none. */
static void
default_compare_period (PathwaysWindow *self,
                        PathwaysPeriod *out)
{
  const PathwaysPeriod *shown = pathways_period_chooser_get_period (self->period_chooser);
  GArray *years;

  pathways_period_init_range (out, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  if (shown->kind == PATHWAYS_PERIOD_WHOLE)
    {
      years = pathways_period_chooser_get_periods (compare_chooser (self), PATHWAYS_PERIOD_FYEAR);
      if (years != NULL && years->len > 0)
        *out = g_array_index (years, PathwaysPeriod, 0);
      return;
    }
  if (shown->kind == PATHWAYS_PERIOD_CUSTOM)
    return;
  if (pathways_period_shift (shown, -1, out) && offered (self, out))
    return;
  if (pathways_period_shift (shown, 1, out) && offered (self, out))
    return;
  pathways_period_init_range (out, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
}

/* Chooses PERIOD in the compare chooser without its "changed". */
static void
set_compare_period (PathwaysWindow       *self,
                    const PathwaysPeriod *period)
{
  self->setting_period = TRUE;
  pathways_period_chooser_set_period (compare_chooser (self), period);
  self->setting_period = FALSE;
}

void
_pathways_window_compare_set_periods (PathwaysWindow *self,
                                      gint32          first,
                                      gint32          last)
{
  if (self->compare_state != NULL)
    pathways_period_chooser_set_range (compare_chooser (self), first, last);
}

void
_pathways_window_compare_update (PathwaysWindow *self)
{
  g_autoptr(PathwaysFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *views = compare_views (self);
  CompareState *state = compare_state (self);
  gboolean periods, groups;
  const PathwaysPeriod *period;

  if (views == NULL || state == NULL)
    return;
  periods = self->comparing && state->mode == PATHWAYS_COMPARE_PERIODS;
  groups = self->comparing && state->mode == PATHWAYS_COMPARE_GROUPS;
  for (guint p = 0; p < N_COMPARED_PAGES; p++)
    gtk_widget_set_visible (state->boxes[p], self->comparing);
  gtk_widget_set_visible (state->bar, self->comparing);
  gtk_widget_set_visible (GTK_WIDGET (state->mode_dropdown), self->comparing);
  gtk_widget_set_visible (GTK_WIDGET (compare_chooser (self)), periods);
  gtk_widget_set_visible (state->with, periods);
  gtk_widget_set_visible (GTK_WIDGET (state->groups_button), groups);

  if (!self->comparing || pathways_session_get_dataset (self->session) == NULL || pathways_session_get_report (self->session) == NULL)
    {
      pathways_session_set_compare_report (self->session, NULL);
      g_clear_pointer (&state->report_a, pathways_report_unref);
      return;
    }
  sync_cards (self, pathways_session_get_report (self->session));
  if (groups)
    {
      update_groups (self, views);
      return;
    }
  g_clear_pointer (&state->report_a, pathways_report_unref);

  period = pathways_period_chooser_get_period (compare_chooser (self));

  /* the same filters, another period */
  filter = pathways_filter_copy (pathways_session_get_filter (self->session));
  pathways_filter_set_range (filter, period->from, period->to);

  pathways_session_set_compare_report (self->session, NULL);
  {
    g_autoptr(PathwaysReport) second = run_side (self, filter);

    pathways_session_set_compare_report (self->session, second);
  }

  for (guint i = 0; i < views->len; i++)
    {
      CompareCard *entry = g_ptr_array_index (views, i);
      const char *label_a = pathways_period_chooser_get_label (self->period_chooser);
      const char *label_b = pathways_period_chooser_get_label (compare_chooser (self));
      /* Translators: "Case closure reasons: Financial year 2022-23 compared with Financial year 2021-22" */
      g_autofree char *title = g_strdup_printf (_("%s: %s compared with %s"),
                                                entry->title,
                                                label_a, label_b);

      gtk_label_set_label (entry->label, title);
      pathways_compare_view_set_reports (entry->view,
                                         pathways_session_get_report (self->session), label_a, pathways_session_get_compare_report (self->session), label_b);
      show_sides (entry, label_a, label_b, NULL);
    }
}

void
pathways_window_set_compare (PathwaysWindow *self,
                             gboolean        compare)
{
  g_return_if_fail (PATHWAYS_IS_WINDOW (self));

  compare = !!compare;
  if (pathways_session_get_dataset (self->session) == NULL)
    compare = FALSE;
  if (self->comparing == compare)
    return;

  self->comparing = compare;
  if (compare)
    {
      PathwaysPeriod period;

      default_compare_period (self, &period);
      set_compare_period (self, &period);
    }
  if (gtk_toggle_button_get_active (compare_toggle (self)) != compare)
    gtk_toggle_button_set_active (compare_toggle (self), compare);
  _pathways_window_compare_update (self);
}

gboolean
pathways_window_get_compare (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), FALSE);

  return self->comparing;
}

gboolean
pathways_window_set_compare_period (PathwaysWindow *self,
                                    const char     *period)
{
  PathwaysPeriod parsed;

  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), FALSE);

  if (period == NULL)
    pathways_period_init_range (&parsed, PATHWAYS_DAY_NONE, PATHWAYS_DAY_NONE);
  else if (!pathways_period_parse_full (period, &parsed, NULL))
    return FALSE;
  if (!offered (self, &parsed))
    return FALSE;
  set_compare_period (self, &parsed);
  if (self->comparing)
    _pathways_window_compare_update (self);
  return TRUE;
}

PathwaysReport *
pathways_window_get_compare_report (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);

  return pathways_session_get_compare_report (self->session);
}

PathwaysReport *
pathways_window_get_compare_first_report (PathwaysWindow *self)
{
  CompareState *state;

  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), NULL);

  state = compare_state (self);
  if (!self->comparing)
    return NULL;
  return state->mode == PATHWAYS_COMPARE_GROUPS ? state->report_a : pathways_session_get_report (self->session);
}

void
pathways_window_set_compare_mode (PathwaysWindow      *self,
                                  PathwaysCompareMode  mode)
{
  CompareState *state;

  g_return_if_fail (PATHWAYS_IS_WINDOW (self));
  g_return_if_fail (mode == PATHWAYS_COMPARE_PERIODS || mode == PATHWAYS_COMPARE_GROUPS);

  state = compare_state (self);
  if (state->mode == mode)
    return;
  state->mode = mode;
  if (gtk_drop_down_get_selected (state->mode_dropdown) != (guint) mode)
    {
      state->updating = TRUE;
      gtk_drop_down_set_selected (state->mode_dropdown, mode);
      state->updating = FALSE;
    }
  _pathways_window_compare_update (self);
}

PathwaysCompareMode
pathways_window_get_compare_mode (PathwaysWindow *self)
{
  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), PATHWAYS_COMPARE_PERIODS);

  return compare_state (self)->mode;
}

static int
index_of (GPtrArray  *values,
          const char *value)
{
  for (guint i = 0; values != NULL && i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return (int) i;
  return -1;
}

gboolean
pathways_window_set_compare_groups (PathwaysWindow *self,
                                    PathwaysField   field,
                                    const char     *value_a,
                                    const char     *value_b)
{
  CompareState *state;
  int field_index = -1;
  int a, b;

  g_return_val_if_fail (PATHWAYS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (value_a != NULL && value_b != NULL, FALSE);

  state = compare_state (self);
  if (pathways_session_get_dataset (self->session) == NULL)
    return FALSE;
  ensure_group_lists (self);
  for (guint i = 0; i < state->fields->len; i++)
    if (g_array_index (state->fields, PathwaysField, i) == field)
      field_index = (int) i;
  if (field_index < 0)
    return FALSE;

  if ((guint) field_index != state->field || state->values == NULL)
    {
      g_autoptr(GPtrArray) values = field_values (pathways_session_get_dataset (self->session), field);

      /* check before changing anything */
      if (index_of (values, value_a) < 0 || index_of (values, value_b) < 0)
        return FALSE;
      choose_field (state, field_index);
      state->updating = TRUE;
      gtk_drop_down_set_selected (state->field_dropdown, field_index);
      state->updating = FALSE;
    }
  a = index_of (state->values, value_a);
  b = index_of (state->values, value_b);
  if (a < 0 || b < 0)
    return FALSE;
  state->value[0] = a;
  state->value[1] = b;
  state->updating = TRUE;
  gtk_drop_down_set_selected (state->value_dropdown[0], a);
  gtk_drop_down_set_selected (state->value_dropdown[1], b);
  state->updating = FALSE;

  state->mode = PATHWAYS_COMPARE_GROUPS;
  if (gtk_drop_down_get_selected (state->mode_dropdown) != PATHWAYS_COMPARE_GROUPS)
    {
      state->updating = TRUE;
      gtk_drop_down_set_selected (state->mode_dropdown, PATHWAYS_COMPARE_GROUPS);
      state->updating = FALSE;
    }
  if (!self->comparing)
    pathways_window_set_compare (self, TRUE);
  else
    _pathways_window_compare_update (self);
  return self->comparing;
}

PathwaysCompareView *
_pathways_window_get_compare_view (PathwaysWindow *self,
                                   const char     *table_id)
{
  GPtrArray *views = compare_views (self);

  for (guint i = 0; views != NULL && i < views->len; i++)
    {
      CompareCard *entry = g_ptr_array_index (views, i);

      if (g_strcmp0 (entry->table_id, table_id) == 0)
        return entry->view;
    }
  return NULL;
}

static void
on_mode_selected (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  gpointer     user_data)
{
  PathwaysWindow *self = user_data;

  if (compare_state (self)->updating)
    return;
  pathways_window_set_compare_mode (self, gtk_drop_down_get_selected (dropdown) == 1
                                          ? PATHWAYS_COMPARE_GROUPS : PATHWAYS_COMPARE_PERIODS);
}

static void
on_field_selected (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  PathwaysWindow *self = user_data;
  CompareState *state = compare_state (self);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (state->updating || state->fields == NULL || selected >= state->fields->len ||
      selected == state->field)
    return;
  choose_field (state, selected);
  _pathways_window_compare_update (self);
}

static void
on_value_selected (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   gpointer     user_data)
{
  PathwaysWindow *self = user_data;
  CompareState *state = compare_state (self);
  guint which = dropdown == state->value_dropdown[0] ? 0 : 1;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (state->updating || state->values == NULL || selected >= state->values->len ||
      selected == state->value[which])
    return;
  state->value[which] = selected;
  _pathways_window_compare_update (self);
}

/* A labelled dropdown in the groups popover; the label's mnemonic focuses it. */
static GtkDropDown *
grid_dropdown (GtkGrid    *grid,
               int         row,
               const char *label_text,
               GCallback   callback,
               gpointer    user_data)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  g_signal_connect (dropdown, "notify::selected", callback, user_data);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, dropdown, 1, row, 1, 1);
  return GTK_DROP_DOWN (dropdown);
}

static void
on_toggled (GtkToggleButton *button,
            gpointer         user_data)
{
  pathways_window_set_compare (PATHWAYS_WINDOW (user_data), gtk_toggle_button_get_active (button));
}

static void
on_compare_changed (PathwaysPeriodChooser *chooser,
                    gpointer               user_data)
{
  PathwaysWindow *self = user_data;

  if (self->setting_period || !self->comparing)
    return;
  _pathways_window_compare_update (self);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PathwaysWindow *self = PATHWAYS_WINDOW (widget);

  pathways_window_set_compare (self, !self->comparing);
}

static void
add_view (PathwaysWindow     *self,
          guint               page,
          const char         *table_id,
          const char         *table_key,
          const char         *title)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = pathways_compare_view_new (table_id, title);
  GtkWidget *sides = gtk_label_new (NULL);
  GtkWidget *empty = gtk_label_new (NULL);
  GtkWidget *differences = gtk_grid_new ();
  GtkWidget *caption = gtk_label_new (NULL);
  CompareCard *entry;

  pathways_compare_view_set_table_key (PATHWAYS_COMPARE_VIEW (view), table_key);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "compare-card");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_start (label, 16);
  gtk_widget_set_margin_end (label, 16);
  gtk_widget_set_margin_top (label, 14);
  gtk_box_append (GTK_BOX (card), label);

  gtk_box_append (GTK_BOX (card), sides);
  gtk_box_append (GTK_BOX (card), empty);

  gtk_widget_set_size_request (view, -1, 360);
  gtk_widget_set_margin_start (view, 16);
  gtk_widget_set_margin_end (view, 16);
  gtk_box_append (GTK_BOX (card), view);

  gtk_grid_set_column_spacing (GTK_GRID (differences), 18);
  gtk_grid_set_row_spacing (GTK_GRID (differences), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (differences), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Differences"), -1);
  gtk_box_append (GTK_BOX (card), differences);
  gtk_box_append (GTK_BOX (card), caption);
  {
    GtkWidget *texts[] = { sides, empty, differences, caption };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        gtk_widget_set_margin_start (texts[i], 16);
        gtk_widget_set_margin_end (texts[i], 16);
      }
  }
  gtk_widget_set_margin_bottom (caption, 12);
  gtk_label_set_xalign (GTK_LABEL (sides), 0.0);
  gtk_label_set_wrap (GTK_LABEL (sides), TRUE);
  gtk_label_set_xalign (GTK_LABEL (empty), 0.0);
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_widget_set_visible (empty, FALSE);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (sides, "dim-label");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (caption, "caption");

  entry = g_new0 (CompareCard, 1);
  entry->card = card;
  entry->label = GTK_LABEL (label);
  entry->sides = GTK_LABEL (sides);
  entry->empty = GTK_LABEL (empty);
  entry->differences = GTK_GRID (differences);
  entry->caption = GTK_LABEL (caption);
  entry->view = PATHWAYS_COMPARE_VIEW (view);
  entry->table_id = g_strdup (table_id);
  entry->title = g_strdup (title);
  entry->page = page;
  gtk_box_append (GTK_BOX (compare_state (self)->boxes[page]), card);
  g_ptr_array_add (compare_views (self), entry);
}

static PathwaysReportPage *
compared_page (PathwaysWindow *self,
               guint           page)
{
  PathwaysReportPage *pages[N_COMPARED_PAGES] = {
    self->journey_page, self->closures_page, self->waiting_page, self->people_page,
    self->activity_page,
    /* h/people's Outcomes page, found by name as pathways-window-report.c does */
    PATHWAYS_REPORT_PAGE (adw_view_stack_get_child_by_name (self->view_stack, "outcomes")),
  };

  return pages[page];
}

/* The ids and keys of the tables page PAGE shows ("funnel/\n"), in its order, and
 * their titles in REPORT into TITLES when not NULL. */
static char *
page_signature (PathwaysWindow *self,
                guint           page,
                PathwaysReport *report,
                GPtrArray      *tables)
{
  GPtrArray *cards = pathways_report_page_get_cards (compared_page (self, page));
  GString *sig = g_string_new (NULL);
  const char *extra = page_extra_table (page);
  /* a table with two cards (the outcomes: its chart, and its table of figures) is
   * compared once */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; cards != NULL && i <= cards->len; i++)
    {
      const char *id, *key;
      PathwaysReportTable *table;

      if (i < cards->len)
        {
          PathwaysChartView *view = pathways_chart_card_get_view (g_ptr_array_index (cards, i));

          id = pathways_chart_view_get_table_id (view);
          key = pathways_chart_view_get_table_key (view);
        }
      else if (extra != NULL)
        {
          id = extra;
          key = NULL;
        }
      else
        break;
      table = pathways_report_get_table (report, id, key);
      if (table == NULL ||
          !g_hash_table_add (seen, g_strdup_printf ("%s/%s", id, key != NULL ? key : "")))
        continue;
      g_string_append_printf (sig, "%s/%s\n", id, key != NULL ? key : "");
      if (tables != NULL)
        g_ptr_array_add (tables, table);
    }
  return g_string_free (sig, FALSE);
}

/* Each page's comparison cards, made again when the page's cards change: one for every
 * card the page shows (and the tables it shows beside them), in the same order. */
static void
sync_cards (PathwaysWindow *self,
            PathwaysReport *report)
{
  CompareState *state = compare_state (self);

  for (guint p = 0; p < N_COMPARED_PAGES; p++)
    {
      g_autoptr(GPtrArray) tables = g_ptr_array_new ();
      g_autofree char *sig = page_signature (self, p, report, tables);
      GtkWidget *child;

      if (g_strcmp0 (sig, state->signatures[p]) == 0)
        continue;
      g_free (state->signatures[p]);
      state->signatures[p] = g_steal_pointer (&sig);
      for (guint i = state->views->len; i > 0; i--)
        if (((CompareCard *) g_ptr_array_index (state->views, i - 1))->page == p)
          g_ptr_array_remove_index (state->views, i - 1);
      while ((child = gtk_widget_get_first_child (state->boxes[p])) != NULL)
        gtk_box_remove (GTK_BOX (state->boxes[p]), child);
      for (guint i = 0; i < tables->len; i++)
        {
          PathwaysReportTable *table = g_ptr_array_index (tables, i);

          add_view (self, p, table->id, table->key, table->title);
        }
    }
}

void
_pathways_window_compare_init (PathwaysWindow *self)
{
  CompareState *state = g_new0 (CompareState, 1);
  GtkWidget *toggle = gtk_toggle_button_new ();
  GtkWidget *chooser = pathways_period_chooser_new ();
  GtkWidget *grid, *popover;

  self->compare_state = state;
  state->views = g_ptr_array_new_with_free_func (compare_card_free);

  gtk_button_set_icon_name (GTK_BUTTON (toggle), "view-dual-symbolic");
  gtk_widget_set_tooltip_text (toggle, _("Compare Periods or Groups"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Compare Periods or Groups"), -1);
  g_signal_connect (toggle, "toggled", G_CALLBACK (on_toggled), self);
  state->toggle = GTK_TOGGLE_BUTTON (toggle);
  adw_header_bar_pack_start (self->content_header, toggle);

  /* what is compared, in a bar of its own under the header: in the header it took the
   * room of the page switcher and kept the window over 1,000 px wide */
  state->bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (state->bar, "toolbar");
  gtk_widget_set_visible (state->bar, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (state->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What is compared"), -1);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->content_header))),
                              state->bar, GTK_WIDGET (self->content_header));

  /* what is compared; the order follows PathwaysCompareMode */
  state->mode_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const[]) {
    _("Two periods"), _("Two groups"), NULL }));
  gtk_widget_set_tooltip_text (GTK_WIDGET (state->mode_dropdown), _("What to compare"));
  gtk_widget_set_visible (GTK_WIDGET (state->mode_dropdown), FALSE);
  g_signal_connect (state->mode_dropdown, "notify::selected", G_CALLBACK (on_mode_selected), self);
  gtk_box_append (GTK_BOX (state->bar), GTK_WIDGET (state->mode_dropdown));

  gtk_widget_set_tooltip_text (chooser, _("Period to compare with"));
  gtk_widget_set_visible (chooser, FALSE);
  pathways_period_chooser_set_allow_custom (PATHWAYS_PERIOD_CHOOSER (chooser), FALSE);
  g_signal_connect (chooser, "changed", G_CALLBACK (on_compare_changed), self);
  state->chooser = PATHWAYS_PERIOD_CHOOSER (chooser);

  {
    GtkWidget *with = gtk_label_new (_("compared with"));

    gtk_widget_add_css_class (with, "dim-label");
    gtk_widget_set_visible (with, FALSE);
    state->with = with;
    gtk_box_append (GTK_BOX (state->bar), with);
  }
  gtk_box_append (GTK_BOX (state->bar), chooser);

  /* two groups: a field and a value for each side, in a popover */
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  state->field_dropdown = grid_dropdown (GTK_GRID (grid), 0, _("_Field"),
                                         G_CALLBACK (on_field_selected), self);
  state->value_dropdown[0] = grid_dropdown (GTK_GRID (grid), 1, _("F_irst group"),
                                            G_CALLBACK (on_value_selected), self);
  state->value_dropdown[1] = grid_dropdown (GTK_GRID (grid), 2, _("_Second group"),
                                            G_CALLBACK (on_value_selected), self);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  state->groups_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (state->groups_button, popover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (state->groups_button), _("Groups to compare"));
  gtk_widget_set_visible (GTK_WIDGET (state->groups_button), FALSE);
  gtk_box_append (GTK_BOX (state->bar), GTK_WIDGET (state->groups_button));

  /* every page that compares: its comparison cards above its own, made for the cards
   * it shows (sync_cards()) */
  for (guint p = 0; p < N_COMPARED_PAGES; p++)
    {
      state->boxes[p] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_widget_set_visible (state->boxes[p], FALSE);
      pathways_report_page_prepend (compared_page (self, p), state->boxes[p]);
    }
}

void
_pathways_window_compare_dispose (PathwaysWindow *self)
{
  CompareState *state = compare_state (self);

  if (self->session != NULL)
    pathways_session_set_compare_report (self->session, NULL);
  if (state != NULL)
    {
      g_clear_pointer (&state->report_a, pathways_report_unref);
      g_clear_pointer (&state->dataset, pathways_dataset_unref);
    }
}

void
_pathways_window_compare_finalize (PathwaysWindow *self)
{
  g_clear_pointer (&self->compare_state, compare_state_free);
}

void
_pathways_window_compare_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
}
