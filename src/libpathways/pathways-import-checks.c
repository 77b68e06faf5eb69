/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import-checks.c: the import's findings. A cell finding is made while the
 * rows are read; once every row is read, the day/month order of each date column is
 * settled from its values and the candidates become day numbers, then come the checks
 * that need whole columns or cases (missing referral dates, dates out of range, dates
 * running backwards). */
#define G_LOG_DOMAIN "pathways-import"

#include "config.h"

#include "pathways-import-private.h"
#include "pathways-format.h"

void
_pathways_import_pending_finding_free (gpointer data)
{
  PendingFinding *p = data;

  g_free (p->value);
  g_free (p->what);
  g_free (p);
}

static void
add_finding (Importer         *im,
             const char       *kind,
             PathwaysSeverity  severity,
             const char       *file,
             guint64           row,
             const char       *column,
             const char       *value,
             const char       *what)
{
  g_autofree char *row_text = pathways_format_count (row);
  g_autofree char *message = NULL;

  if (column != NULL && value != NULL)
    message = g_strdup_printf (_("%s: row %s, column “%s”: “%s” %s"),
                               file, row_text, column, value, what);
  else if (column != NULL)
    message = g_strdup_printf (_("%s: row %s, column “%s”: %s"), file, row_text, column, what);
  else
    message = g_strdup_printf (_("%s: row %s: %s"), file, row_text, what);

  pathways_dataset_add_finding (im->dataset, kind, severity, file, row, column, value, message);
}

void
_pathways_import_add_cell_finding (Importer         *im,
                                   const char       *kind,
                                   PathwaysSeverity  severity,
                                   const char       *file,
                                   guint64           row,
                                   const char       *column,
                                   const char       *value,
                                   const char       *what)
{
  /* a date of birth, even a malformed one, is never kept nor shown: the finding names
   * the row and the column only (spec/disclosure.md, data-quality findings) */
  if (column != NULL && im->mapping != NULL &&
      g_strcmp0 (column, pathways_mapping_get_column (im->mapping, PATHWAYS_FIELD_DATE_OF_BIRTH)) == 0)
    value = NULL;

  if (im->pending != NULL)
    {
      PendingFinding *p = g_new0 (PendingFinding, 1);

      p->kind = kind;
      p->severity = severity;
      p->is_cell = im->in_cell;
      p->file = file;
      p->row = row;
      p->column = column;
      p->value = g_strdup (value);
      p->what = g_strdup (what);
      g_ptr_array_add (im->pending, p);
      return;
    }

  add_finding (im, kind, severity, file, row, column, value, what);
}

void
_pathways_import_emit_pending (Importer       *im,
                               PendingFinding *p,
                               guint64         row_offset)
{
  add_finding (im, p->kind, p->severity, p->file, p->row + row_offset, p->column, p->value,
               p->what);
}

guint
_pathways_import_place_pending (Importer  *im,
                                GPtrArray *pending,
                                guint      k,
                                guint64    row,
                                gboolean   cells,
                                guint64    row_offset)
{
  for (; k < pending->len; k++)
    {
      PendingFinding *p = g_ptr_array_index (pending, k);

      if (p->row > row || (p->row == row && p->is_cell && !cells))
        break;
      _pathways_import_emit_pending (im, p, row_offset);
    }
  return k;
}

guint
_pathways_import_skip_pending (GPtrArray *pending,
                               guint      k,
                               guint64    row)
{
  while (k < pending->len && ((PendingFinding *) g_ptr_array_index (pending, k))->row == row)
    k++;
  return k;
}

void
_pathways_import_thread_init (Importer *tim,
                              Importer *im)
{
  tim->options = im->options;
  tim->mapping = im->mapping;
  tim->cancellable = im->cancellable;
  tim->cases_name = im->cases_name;
  tim->services_name = im->services_name;
  tim->pending = g_ptr_array_new_with_free_func (_pathways_import_pending_finding_free);
  tim->raw_ids = TRUE;
  tim->language = g_strdup (pathways_i18n_get_language ());
}

void
_pathways_import_thread_begin (Importer *tim)
{
  /* a report language is the starting thread's: the findings are worded in it */
  pathways_i18n_set_language (tim->language, NULL);
}

void
_pathways_import_thread_clear (Importer *tim)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_clear_pointer (&tim->builders[f], _pathways_field_builder_free);
  g_clear_pointer (&tim->case_rows, g_array_unref);
  g_clear_pointer (&tim->service_rows, g_array_unref);
  g_clear_pointer (&tim->service_case, g_array_unref);
  g_clear_pointer (&tim->pending, g_ptr_array_unref);
  g_clear_pointer (&tim->language, g_free);
}

/* Settles each date column's order and turns its candidates into day numbers. */
static void
resolve_dates (Importer *im)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      PathwaysDateOrder forced, order;
      gboolean assumed = FALSE;
      gboolean is_case = f < PATHWAYS_FIELD_FIRST_SERVICE;
      const char *file = is_case || im->long_shape ? im->cases_name : im->services_name;
      GArray *rows = is_case ? im->case_rows : im->service_rows;
      guint64 impossible = 0;

      if (b == NULL || b->kind != PATHWAYS_KIND_DATE)
        continue;

      forced = im->options->date_order != PATHWAYS_DATE_ORDER_AUTO
        ? im->options->date_order
        : pathways_mapping_get_date_order (im->mapping, f);

      for (guint i = 0; i < b->values->len; i++)
        pathways_date_order_evidence_add (&b->evidence, g_array_index (b->values, guint32, i));

      order = pathways_date_order_resolve (&b->evidence, forced, &assumed);
      /* What was found is written back, so the saved mapping reopens the same way. */
      if (forced == PATHWAYS_DATE_ORDER_AUTO && b->evidence.n_ab > 0)
        pathways_mapping_set_date_order (im->mapping, f, order);

      if (assumed)
        {
          g_autofree char *message =
            g_strdup_printf (_("%s: column “%s”: no date settles whether the day or the month "
                               "comes first; day first (UK order) is assumed. Set the date "
                               "order in the mapping if that is wrong."), file, b->column_name);
          pathways_dataset_add_finding (im->dataset, PATHWAYS_FINDING_DATE_ORDER_ASSUMED,
                                        PATHWAYS_SEVERITY_ASSUMPTION, file, 0, b->column_name,
                                        NULL, message);
        }

      for (guint i = 0; i < b->values->len; i++)
        {
          PathwaysDateCandidate c = g_array_index (b->values, guint32, i);
          gint32 day = pathways_date_candidate_to_day (c, order, b->date1904);

          if (day == PATHWAYS_DAY_INVALID && c != PATHWAYS_DATE_CANDIDATE_INVALID)
            {
              int y = 0, a = 0, d = 0;
              g_autofree char *text = NULL;

              pathways_date_candidate_parts (c, &y, &a, &d);
              if (pathways_date_candidate_tag (c) == PATHWAYS_DATE_TAG_AB)
                text = g_strdup_printf ("%02d/%02d/%04d", a, d, y);
              else
                text = g_strdup_printf ("%04d-%02d-%02d", y, a, d);
              impossible++;
              _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_IMPOSSIBLE_DATE,
                                                 PATHWAYS_SEVERITY_ERROR, file,
                                                 g_array_index (rows, guint32, i), b->column_name,
                                                 text,
                                                 order == PATHWAYS_DATE_ORDER_MDY
                                                   ? _("is not a real date (read month first)")
                                                   : _("is not a real date"));
            }
          g_array_index (b->values, gint32, i) = day;
        }
    }
}

static void
check_referral_dates (Importer *im)
{
  FieldBuilder *b = im->builders[PATHWAYS_FIELD_REFERRAL_DATE];

  for (guint i = 0; i < b->values->len; i++)
    if (g_array_index (b->values, gint32, i) == PATHWAYS_DAY_NONE)
      _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_MISSING_REFERRAL_DATE,
                                         PATHWAYS_SEVERITY_WARNING, im->cases_name,
                                         g_array_index (im->case_rows, guint32, i), b->column_name,
                                         NULL, _("has no referral date; the case is in no period"));
}

static gint32
today_day (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return pathways_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now));
}

static void
find_snapshot (Importer *im)
{
  gint32 today = today_day ();
  gint32 latest = PATHWAYS_DAY_NONE;

  if (im->options->snapshot_day > 0)
    {
      im->dataset->snapshot_day = im->options->snapshot_day;
      im->dataset->snapshot_from_data = FALSE;
      return;
    }

  /* The latest date in the data, not counting dates after today: a date in the future
   * is a typing error, not the day the export was taken. */
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];

      if (b == NULL || b->kind != PATHWAYS_KIND_DATE || f == PATHWAYS_FIELD_DATE_OF_BIRTH)
        continue;
      for (guint i = 0; i < b->values->len; i++)
        {
          gint32 day = g_array_index (b->values, gint32, i);
          if (PATHWAYS_DAY_IS_VALID (day) && day <= today && day > latest)
            latest = day;
        }
    }

  im->dataset->snapshot_day = latest != PATHWAYS_DAY_NONE ? latest : today;
  im->dataset->snapshot_from_data = TRUE;
}

/* Dates before 1900 or after the snapshot are findings, kept out of the measures. */
static void
check_date_ranges (Importer *im)
{
  gint32 min_day = pathways_day_from_ymd (1900, 1, 1);
  gint32 limit = im->dataset->snapshot_day;

  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      gboolean is_case = f < PATHWAYS_FIELD_FIRST_SERVICE;
      const char *file = is_case || im->long_shape ? im->cases_name : im->services_name;
      GArray *rows = is_case ? im->case_rows : im->service_rows;

      if (b == NULL || b->kind != PATHWAYS_KIND_DATE)
        continue;

      for (guint i = 0; i < b->values->len; i++)
        {
          gint32 day = g_array_index (b->values, gint32, i);
          g_autofree char *iso = NULL;

          if (!PATHWAYS_DAY_IS_VALID (day) || (day >= min_day && day <= limit))
            continue;

          iso = pathways_day_to_iso (day);
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_DATE_OUT_OF_RANGE,
                                             PATHWAYS_SEVERITY_ERROR, file,
                                             g_array_index (rows, guint32, i), b->column_name, iso,
                                             day < min_day ? _("is before 1900")
                                                           : _("is after the snapshot date"));
          g_array_index (b->values, gint32, i) = PATHWAYS_DAY_INVALID;
        }
    }
}

static void
check_order (Importer         *im,
             PathwaysField     earlier,
             PathwaysField     later,
             const char       *what)
{
  FieldBuilder *a = im->builders[earlier];
  FieldBuilder *b = im->builders[later];
  gboolean is_case = later < PATHWAYS_FIELD_FIRST_SERVICE;
  const char *file = is_case || im->long_shape ? im->cases_name : im->services_name;
  GArray *rows = is_case ? im->case_rows : im->service_rows;

  if (a == NULL || b == NULL)
    return;

  for (guint i = 0; i < b->values->len; i++)
    {
      gint32 from = g_array_index (a->values, gint32, i);
      gint32 to = g_array_index (b->values, gint32, i);

      if (PATHWAYS_DAY_IS_VALID (from) && PATHWAYS_DAY_IS_VALID (to) && to < from)
        {
          g_autofree char *iso = pathways_day_to_iso (to);
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_NEGATIVE_DURATION,
                                             PATHWAYS_SEVERITY_WARNING, file,
                                             g_array_index (rows, guint32, i), b->column_name, iso,
                                             what);
        }
    }
}

static void
check_service_referral_order (Importer *im)
{
  FieldBuilder *start = im->builders[PATHWAYS_FIELD_SERVICE_START_DATE];
  FieldBuilder *from = im->builders[PATHWAYS_FIELD_SERVICE_REFERRAL_DATE];
  const char *file = im->long_shape ? im->cases_name : im->services_name;

  if (start == NULL || from == NULL)
    return;
  for (guint j = 0; j < im->n_services; j++)
    {
      gint32 f = g_array_index (from->values, gint32, j);
      gint32 s = g_array_index (start->values, gint32, j);

      if (PATHWAYS_DAY_IS_VALID (f) && PATHWAYS_DAY_IS_VALID (s) && s < f)
        {
          g_autofree char *iso = pathways_day_to_iso (s);
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_NEGATIVE_DURATION,
                                             PATHWAYS_SEVERITY_WARNING, file,
                                             g_array_index (im->service_rows, guint32, j),
                                             start->column_name, iso,
                                             _("is before the date the service was requested"));
        }
    }
}

/* A wait longer than ten years is implausible: a typing error in a year, or a case
 * left open by mistake. A wait is from the referral to the first contact, the
 * assessment or the closure, and for an open case with no first contact, to the
 * snapshot date (the case is "still waiting"). The waits are kept: the finding asks
 * for a look. */
#define IMPLAUSIBLE_WAIT_DAYS 3652

static void
check_implausible_waits (Importer *im)
{
  static const PathwaysField ends[] = {
    PATHWAYS_FIELD_FIRST_CONTACT_DATE,
    PATHWAYS_FIELD_ASSESSMENT_DATE,
    PATHWAYS_FIELD_CLOSURE_DATE,
  };
  FieldBuilder *ref = im->builders[PATHWAYS_FIELD_REFERRAL_DATE];
  FieldBuilder *contact = im->builders[PATHWAYS_FIELD_FIRST_CONTACT_DATE];
  FieldBuilder *closure = im->builders[PATHWAYS_FIELD_CLOSURE_DATE];
  FieldBuilder *reason = im->builders[PATHWAYS_FIELD_CLOSURE_REASON];

  if (ref == NULL)
    return;
  for (guint i = 0; i < ref->values->len; i++)
    {
      gint32 from = g_array_index (ref->values, gint32, i);
      guint64 row = g_array_index (im->case_rows, guint32, i);
      gboolean contacted = FALSE, closed;

      if (!PATHWAYS_DAY_IS_VALID (from))
        continue;
      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        {
          FieldBuilder *b = im->builders[ends[e]];
          gint32 to = b != NULL ? g_array_index (b->values, gint32, i) : PATHWAYS_DAY_NONE;
          g_autofree char *iso = NULL;
          g_autofree char *days = NULL;
          g_autofree char *what = NULL;

          if (!PATHWAYS_DAY_IS_VALID (to))
            continue;
          contacted |= b == contact;
          if (to - from <= IMPLAUSIBLE_WAIT_DAYS)
            continue;
          iso = pathways_day_to_iso (to);
          days = pathways_format_count ((guint64) (to - from));
          /* Translators: %s is a number of days, "4,022" */
          what = g_strdup_printf (_("is %s days after the referral date, more than ten years"),
                                  days);
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_IMPLAUSIBLE_WAIT,
                                             PATHWAYS_SEVERITY_WARNING, im->cases_name, row,
                                             b->column_name, iso, what);
        }

      closed = closure != NULL
        ? PATHWAYS_DAY_IS_VALID (g_array_index (closure->values, gint32, i))
        : reason != NULL && g_array_index (reason->values, guint16, i) != PATHWAYS_CODE_NOT_RECORDED;
      if (contact != NULL && !contacted && !closed &&
          im->dataset->snapshot_day - from > IMPLAUSIBLE_WAIT_DAYS)
        {
          g_autofree char *iso = pathways_day_to_iso (from);
          g_autofree char *days = pathways_format_count ((guint64) (im->dataset->snapshot_day - from));
          /* Translators: %s is a number of days, "7,510" */
          g_autofree char *what =
            g_strdup_printf (_("has waited %s days for a first contact at the snapshot date, "
                               "more than ten years"), days);

          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_IMPLAUSIBLE_WAIT,
                                             PATHWAYS_SEVERITY_WARNING, im->cases_name, row,
                                             ref->column_name, iso, what);
        }
    }
}

/* The index of ROW in ROWS (ascending: the rows were kept in file order), or -1. */
static gint64
find_row (GArray  *rows,
          guint64  row)
{
  guint lo = 0, hi = rows != NULL ? rows->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint64 at = g_array_index (rows, guint32, mid);

      if (at == row)
        return mid;
      if (at < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

/* The case of ROW of FILE: a case's row, or a service's row and its case; G_MAXUINT
 * for a row left out of the data. */
static guint
case_of_row (Importer   *im,
             const char *file,
             guint64     row)
{
  gboolean in_cases = g_strcmp0 (file, im->cases_name) == 0;
  gboolean in_services = im->long_shape ? in_cases : g_strcmp0 (file, im->services_name) == 0;
  gint64 at;

  if (in_cases && (at = find_row (im->case_rows, row)) >= 0)
    return (guint) at;
  if (in_services && (at = find_row (im->service_rows, row)) >= 0)
    return g_array_index (im->service_case, guint32, at);
  return G_MAXUINT;
}

/* Each listed finding about a row names its case, for the rows to fix: the case of
 * that row, or for a row left out because of its case ID (repeated, or matching no
 * case), that ID. A row with no case ID, a column, a date of birth's row name none
 * beyond what the finding already shows. Done once every check has run, while the
 * row numbers are still kept: at most PATHWAYS_MAX_LISTED_FINDINGS of a kind, each
 * found by a binary search. */
static void
attach_case_ids (Importer *im)
{
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_CASE_ID];
  GPtrArray *findings = im->dataset->findings;

  if (id == NULL || id->key_strings == NULL)
    return;
  for (guint i = 0; i < findings->len; i++)
    {
      PathwaysFinding *f = g_ptr_array_index (findings, i);
      guint index;

      if (f->row == 0 || f->case_id != NULL)
        continue;
      if (g_strcmp0 (f->kind, PATHWAYS_FINDING_DUPLICATE_CASE_ID) == 0 ||
          g_strcmp0 (f->kind, PATHWAYS_FINDING_ORPHAN_SERVICE) == 0)
        {
          f->case_id = g_strdup (f->value);
          continue;
        }
      index = case_of_row (im, f->file, f->row);
      if (index != G_MAXUINT && index + 1 < id->key_strings->len)
        f->case_id = g_strdup (g_ptr_array_index (id->key_strings, index + 1));
    }
}

void
_pathways_import_run_checks (Importer *im)
{
  resolve_dates (im);
  check_referral_dates (im);
  find_snapshot (im);
  check_date_ranges (im);

  check_order (im, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_FIELD_FIRST_CONTACT_DATE,
               _("is before the referral date"));
  check_order (im, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_FIELD_ASSESSMENT_DATE,
               _("is before the referral date"));
  check_order (im, PATHWAYS_FIELD_REFERRAL_DATE, PATHWAYS_FIELD_CLOSURE_DATE,
               _("is before the referral date"));
  check_order (im, PATHWAYS_FIELD_SERVICE_START_DATE, PATHWAYS_FIELD_SERVICE_END_DATE,
               _("is before the service start date"));
  check_service_referral_order (im);
  check_implausible_waits (im);
  attach_case_ids (im);
}
