/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-import.c: export files → columns in memory; the driver.
 *
 * One pass over the case file (and the service file, if any, on a second thread when
 * both are CSV). Each mapped cell is turned into its compact form at once by its
 * column's builder (pathways-column-builder.c): a category code through a per-column
 * cache of raw texts, a date into a packed candidate that keeps ambiguous day/month
 * parts, an integer, a key. When every row has been read, the day/month order of each
 * date column is settled from its values and the candidates become day numbers in
 * place; then the checks that need whole cases (durations running backwards, dates
 * after the snapshot) are made (pathways-import-checks.c). This file opens the
 * readers, reads the rows, links services to cases, hashes the source files and runs
 * the whole, synchronously or on a worker thread (pathways_import_async).
 */
#define G_LOG_DOMAIN "pathways-import"

#include "config.h"

#include "pathways-import-private.h"
#include "pathways-profile.h"
#include "pathways-format.h"
#include "pathways-xlsx-reader.h"
#include "pathways-csv-reader.h"
#include "pathways-sha256.h"

G_DEFINE_QUARK (pathways-import-error-quark, pathways_import_error)

/* Rows */

gboolean
_pathways_import_check_cancelled (Importer  *im,
                                  GError   **error)
{
  if (im->cancellable != NULL && g_cancellable_is_cancelled (im->cancellable))
    {
      g_set_error_literal (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED,
                           _("The import was cancelled"));
      return TRUE;
    }
  return FALSE;
}

void
_pathways_import_report_ragged (Importer          *im,
                                PathwaysRowReader *reader,
                                const char        *file)
{
  guint n_fields = pathways_row_reader_get_n_fields (reader);
  guint n_columns = pathways_row_reader_get_n_columns (reader);
  g_autofree char *what = NULL;

  if (n_fields == n_columns)
    return;

  what = g_strdup_printf (_("has %u fields where the header has %u columns"), n_fields, n_columns);
  _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_RAGGED_ROW, PATHWAYS_SEVERITY_WARNING,
                                     file, pathways_row_reader_get_row_number (reader), NULL, NULL,
                                     what);
}

/* Appends the service part of the current row; returns FALSE on a fatal error. */
static gboolean
append_service (Importer          *im,
                PathwaysRowReader *reader,
                guint              case_index,
                const char        *file,
                GError           **error)
{
  guint64 row = pathways_row_reader_get_row_number (reader);
  guint32 row32 = (guint32) MIN (row, G_MAXUINT32);

  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      guint32 value;

      if (b == NULL || f == PATHWAYS_FIELD_SERVICE_CASE_ID)
        continue;
      if (b->kind == PATHWAYS_KIND_MULTI)
        continue;
      if (!parse_field (im, b, reader, file, row, &value, error))
        return FALSE;
      builder_append (b, value);
    }

  push_u32 (im->service_case, &im->service_case_cap, case_index);
  push_u32 (im->service_rows, &im->service_rows_cap, row32);
  im->n_services++;
  return TRUE;
}

static gboolean
row_has_service (Importer          *im,
                 PathwaysRowReader *reader)
{
  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = im->builders[f];
      gsize len;

      if (b == NULL || f == PATHWAYS_FIELD_SERVICE_CASE_ID)
        continue;
      trim_view (pathways_row_reader_get_field (reader, b->src), &len);
      if (len > 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
_pathways_import_read_case_fields (Importer          *im,
                                   PathwaysRowReader *reader,
                                   const char        *file,
                                   guint64            row,
                                   GError           **error)
{
  for (guint f = 0; f < PATHWAYS_FIELD_FIRST_SERVICE; f++)
    {
      FieldBuilder *b = im->builders[f];
      guint32 value;

      if (b == NULL || f == PATHWAYS_FIELD_CASE_ID)
        continue;
      if (b->kind == PATHWAYS_KIND_MULTI)
        {
          if (!_pathways_builder_append_multi (im, b, pathways_row_reader_get_field (reader, b->src),
                                               error))
            return FALSE;
          continue;
        }
      if (!parse_field (im, b, reader, file, row, &value, error))
        return FALSE;
      builder_append (b, value);
    }
  return TRUE;
}

typedef struct _ServiceJob ServiceJob;
static double service_job_fraction (ServiceJob *job);

static gboolean
read_cases (Importer           *im,
            PathwaysRowReader  *reader,
            GError            **error)
{
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_CASE_ID];
  const char *file = im->cases_name;
  guint64 n_rows = 0;

  while (pathways_row_reader_next_row (reader, error))
    {
      guint64 row = pathways_row_reader_get_row_number (reader);
      gsize raw_len;
      const char *raw_id = pathways_row_reader_get_field_len (reader, id->src, &raw_len);
      gsize id_len;
      const char *id_view = _pathways_trim_view_len (raw_id, raw_len, &id_len);
      g_autofree char *case_id = NULL;
      guint32 found;
      guint32 h;
      guint case_index;

      if ((++n_rows & 0x3fff) == 0)
        {
          if (_pathways_import_check_cancelled (im, error))
            return FALSE;
          if (im->progress != NULL)
            {
              double fraction = pathways_row_reader_get_fraction (reader);

              if (im->service_job != NULL)
                fraction = 0.6 * fraction + 0.35 * service_job_fraction (im->service_job);
              else
                fraction *= im->options->services_path ? 0.6 : 0.95;
              im->progress (fraction, im->progress_data);
            }
        }

      _pathways_import_report_ragged (im, reader, file);
      if (n_rows == 4096)
        {
          _pathways_import_reserve_rows (im, reader, n_rows, FALSE);
          if (im->long_shape)
            _pathways_import_reserve_rows (im, reader, n_rows, TRUE);
        }

      if (id_len == 0)
        {
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_MISSING_CASE_ID,
                                             PATHWAYS_SEVERITY_ERROR, file, row, id->column_name,
                                             NULL, _("has no case ID; the row is left out"));
          continue;
        }

      h = hash_len (id_view, id_len);
      found = key_index_find (im->case_index, id_view, id_len, h);

      if (found != 0)
        {
          guint existing = found - 1;

          case_id = g_strndup (id_view, id_len);

          if (!im->long_shape)
            {
              g_autofree char *first_row =
                pathways_format_count (g_array_index (im->case_rows, guint32, existing));
              g_autofree char *what = g_strdup_printf (_("repeats a case ID first seen in row %s; "
                                                         "the later row is left out"), first_row);
              _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_DUPLICATE_CASE_ID,
                                                 PATHWAYS_SEVERITY_ERROR, file, row, id->column_name,
                                                 case_id, what);
              continue;
            }

          /* A long file: the case columns must repeat the case's first row. */
          for (guint f = 0; f < PATHWAYS_FIELD_FIRST_SERVICE; f++)
            {
              FieldBuilder *b = im->builders[f];
              guint32 value;

              if (b == NULL || f == PATHWAYS_FIELD_CASE_ID || b->kind == PATHWAYS_KIND_MULTI ||
                  f == PATHWAYS_FIELD_DATE_OF_BIRTH)
                continue;
              if (b->kind == PATHWAYS_KIND_DATE)
                value = pathways_date_candidate_parse (pathways_row_reader_get_field (reader, b->src), b->xlsx);
              else if (!parse_field (im, b, reader, file, row, &value, error))
                return FALSE;

              if (value != builder_get (b, existing))
                {
                  g_autofree char *first_row =
                    pathways_format_count (g_array_index (im->case_rows, guint32, existing));
                  g_autofree char *what = g_strdup_printf (_("differs from row %s of the same case %s; "
                                                             "the first value is kept"),
                                                           first_row, case_id);
                  _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_INCONSISTENT_CASE,
                                                     PATHWAYS_SEVERITY_WARNING, file, row,
                                                     b->column_name,
                                                     pathways_row_reader_get_field (reader, b->src),
                                                     what);
                }
            }

          if (row_has_service (im, reader) && !append_service (im, reader, existing, file, error))
            return FALSE;
          continue;
        }

      /* A new case */
      case_index = im->n_cases++;
      {
        guint32 key = add_key (id, id_view, id_len, 0);
        guint32 row32 = (guint32) MIN (row, G_MAXUINT32);

        builder_append (id, key);
        g_assert (key == case_index + 1);
        _pathways_key_index_insert (im->case_index, key, h);
        push_u32 (im->case_rows, &im->case_rows_cap, row32);
      }

      if (!_pathways_import_read_case_fields (im, reader, file, row, error))
        return FALSE;

      if (im->long_shape && row_has_service (im, reader) &&
          !append_service (im, reader, case_index, file, error))
        return FALSE;
    }

  if (error != NULL && *error != NULL)
    return FALSE;
  return TRUE;
}

static gboolean
read_services (Importer           *im,
               PathwaysRowReader  *reader,
               GError            **error)
{
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_SERVICE_CASE_ID];
  const char *file = im->services_name;
  guint64 n_rows = 0;

  while (pathways_row_reader_next_row (reader, error))
    {
      guint64 row = pathways_row_reader_get_row_number (reader);
      gsize id_len;
      const char *id_view = trim_view (pathways_row_reader_get_field (reader, id->src), &id_len);
      guint32 found;

      if ((++n_rows & 0x3fff) == 0)
        {
          if (_pathways_import_check_cancelled (im, error))
            return FALSE;
          if (im->progress != NULL)
            im->progress (0.6 + 0.35 * pathways_row_reader_get_fraction (reader), im->progress_data);
        }

      _pathways_import_report_ragged (im, reader, file);
      if (n_rows == 4096)
        _pathways_import_reserve_rows (im, reader, n_rows, TRUE);

      if (id_len == 0)
        {
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_ORPHAN_SERVICE,
                                             PATHWAYS_SEVERITY_WARNING, file, row, id->column_name,
                                             NULL, _("has no case ID; the service is left out"));
          continue;
        }

      found = key_index_find (im->case_index, id_view, id_len, hash_len (id_view, id_len));
      if (found == 0)
        {
          g_autofree char *case_id = g_strndup (id_view, id_len);

          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_ORPHAN_SERVICE,
                                             PATHWAYS_SEVERITY_WARNING, file, row, id->column_name,
                                             case_id, _("matches no case; the service is left out"));
          continue;
        }

      if (!append_service (im, reader, found - 1, file, error))
        return FALSE;
    }

  return error == NULL || *error == NULL;
}

/* The SHA-256 of each source file is computed on another thread while the rows are
 * parsed: on two cores it costs the import nothing. */
typedef struct {
  char    *path;
  char    *role;
  char    *format;
  GThread *thread;
  char    *sha256;
  gint64   size;
  GError  *error;
} SourceJob;

static gpointer
source_job_run (gpointer data)
{
  SourceJob *job = data;

  job->sha256 = pathways_sha256_file (job->path, &job->size, &job->error);
  return NULL;
}

static SourceJob *
source_job_new (const char *path,
                const char *role,
                const char *format)
{
  SourceJob *job = g_new0 (SourceJob, 1);

  job->path = g_strdup (path);
  job->role = g_strdup (role);
  job->format = g_strdup (format);
  return job;
}

static SourceJob *
source_job_start (const char *path,
                  const char *role,
                  const char *format)
{
  SourceJob *job = source_job_new (path, role, format);

  job->thread = g_thread_new ("pathways-sha256", source_job_run, job);
  return job;
}

static void
source_job_free (SourceJob *job)
{
  if (job == NULL)
    return;
  if (job->thread != NULL)
    g_thread_join (job->thread);
  g_free (job->path);
  g_free (job->role);
  g_free (job->format);
  g_free (job->sha256);
  g_clear_error (&job->error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SourceJob, source_job_free)

static gboolean
add_source (Importer   *im,
            SourceJob  *job,
            GError    **error)
{
  PathwaysSource *source;

  /* without a thread of its own, the service thread has filled it in */
  if (job->thread != NULL)
    g_thread_join (g_steal_pointer (&job->thread));
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }

  source = g_new0 (PathwaysSource, 1);
  source->sha256 = g_steal_pointer (&job->sha256);
  source->size = job->size;
  source->name = g_path_get_basename (job->path);
  source->role = g_strdup (job->role);
  source->format = g_strdup (job->format);
  g_ptr_array_add (im->dataset->sources, source);
  return TRUE;
}

static gboolean
has_service_fields (PathwaysMapping *mapping)
{
  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    if (f != PATHWAYS_FIELD_SERVICE_CASE_ID && pathways_mapping_get_column (mapping, f) != NULL)
      return TRUE;
  return FALSE;
}

static void
detect_from_reader (PathwaysMapping   *mapping,
                    PathwaysTableKind  table,
                    PathwaysRowReader *reader)
{
  guint n = pathways_row_reader_get_n_columns (reader);
  g_autofree const char **header = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    header[i] = pathways_row_reader_get_column_name (reader, i);
  pathways_mapping_detect_columns (mapping, table, header, n);
}

/* Opens the readers, mapping the columns by detection when no mapping is given. A
 * workbook with "cases" and "services" sheets is read as two tables. */
static gboolean
open_readers (const PathwaysImportOptions  *options,
              PathwaysMapping              *mapping,
              gboolean                      detect,
              PathwaysRowReader           **out_cases,
              PathwaysRowReader           **out_services,
              GError                      **error)
{
  g_autoptr(PathwaysRowReader) cases = NULL;
  g_autoptr(PathwaysRowReader) services = NULL;
  const char *cases_sheet = options->cases_sheet;
  const char *services_path = options->services_path;
  const char *services_sheet = options->services_sheet;

  if (services_path == NULL && cases_sheet == NULL)
    {
      g_auto(GStrv) sheets = NULL;
      g_autoptr(GError) local_error = NULL;

      /* Only a workbook has sheets; for a CSV this fails quietly. */
      sheets = pathways_xlsx_list_sheets (options->cases_path, &local_error);
      if (sheets != NULL)
        {
          const char *c = NULL, *s = NULL;
          for (guint i = 0; sheets[i] != NULL; i++)
            {
              g_autofree char *folded = pathways_fold (sheets[i]);
              if (g_str_equal (folded, "cases"))
                c = sheets[i];
              else if (g_str_equal (folded, "services"))
                s = sheets[i];
            }
          if (c != NULL && s != NULL)
            {
              cases = pathways_row_reader_open (options->cases_path, c, error);
              if (cases == NULL)
                return FALSE;
              services = pathways_row_reader_open (options->cases_path, s, error);
              if (services == NULL)
                return FALSE;
            }
        }
    }

  if (cases == NULL)
    {
      cases = pathways_row_reader_open (options->cases_path, cases_sheet, error);
      if (cases == NULL)
        return FALSE;
      if (services_path != NULL)
        {
          services = pathways_row_reader_open (services_path, services_sheet, error);
          if (services == NULL)
            return FALSE;
        }
    }

  if (detect)
    {
      detect_from_reader (mapping, PATHWAYS_TABLE_CASES, cases);
      /* One file: it may be long (one row per service), so look for service columns
       * in it too. */
      detect_from_reader (mapping, PATHWAYS_TABLE_SERVICES, services != NULL ? services : cases);
    }

  *out_cases = g_steal_pointer (&cases);
  *out_services = g_steal_pointer (&services);
  return TRUE;
}

PathwaysMapping *
pathways_import_detect_mapping (const PathwaysImportOptions  *options,
                                GError                      **error)
{
  g_autoptr(PathwaysMapping) mapping = pathways_mapping_new ();
  g_autoptr(PathwaysRowReader) cases = NULL;
  g_autoptr(PathwaysRowReader) services = NULL;

  g_return_val_if_fail (options != NULL && options->cases_path != NULL, NULL);

  if (!open_readers (options, mapping, TRUE, &cases, &services, error))
    return NULL;
  return g_steal_pointer (&mapping);
}

static void
importer_clear (Importer *im)
{
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    g_clear_pointer (&im->builders[f], _pathways_field_builder_free);
  g_clear_pointer (&im->case_index, _pathways_key_index_free);
  g_clear_pointer (&im->case_rows, g_array_unref);
  g_clear_pointer (&im->service_rows, g_array_unref);
  g_clear_pointer (&im->service_case, g_array_unref);
  g_clear_object (&im->mapping);
  g_clear_pointer (&im->dataset, pathways_dataset_unref);
  g_clear_pointer (&im->cases_name, g_free);
  g_clear_pointer (&im->services_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Importer, importer_clear)

/* ---------------------------------------------------------------------------------- */
/* The service file on a second thread                                                 */

/* With a case file and a separate service file (both CSV), the services are parsed on
 * a second thread while the main thread parses the cases; that thread then computes
 * the SHA-256 of both files. Linking a service to its case needs every case ID, so the
 * thread keeps each service's case ID as text (consecutive services of one case share
 * it) and the main thread links them afterwards. What the result must not show is that
 * the work was split: a service that matches no case is left out with its findings and
 * its key, category codes are numbered in the order of the rows kept (the thread only
 * numbers raw texts), and the findings keep the order of a file read row after row.
 * When the thread cannot do its part exactly (a category with more raw spellings than
 * a column can number), the service file is read again the plain way. */
struct _ServiceJob {
  Importer           im;            /* the thread's: service builders, pending findings */
  PathwaysRowReader *reader;
  GByteArray        *ids;           /* case IDs, NUL-terminated, one per run of services */
  SourceJob         *sources[2];    /* cases, services: filled in by the thread */
  GCancellable      *stop;          /* set when the main thread gives up */
  GThread           *thread;
  GMutex             lock;
  GCond              cond;
  gint               done;          /* atomic, set under lock (for the condition) */
  gint               permille;      /* atomic: services read, for progress */
  GError            *error;         /* the parse's */
};

static double
service_job_fraction (ServiceJob *job)
{
  return g_atomic_int_get (&job->permille) / 1000.0;
}

static void
service_job_free (ServiceJob *job)
{
  if (job == NULL)
    return;
  if (job->thread != NULL)
    {
      g_cancellable_cancel (job->stop);
      g_thread_join (g_steal_pointer (&job->thread));
    }
  _pathways_import_thread_clear (&job->im);
  g_clear_pointer (&job->reader, pathways_row_reader_free);
  g_clear_pointer (&job->ids, g_byte_array_unref);
  g_clear_pointer (&job->sources[0], source_job_free);
  g_clear_pointer (&job->sources[1], source_job_free);
  g_clear_object (&job->stop);
  g_clear_error (&job->error);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServiceJob, service_job_free)

/* read_services() on the thread: every service with a case ID is kept for now, its
 * case ID's offset in job->ids in place of the case index. */
static gboolean
read_services_unlinked (ServiceJob  *job,
                        GError     **error)
{
  Importer *im = &job->im;
  PathwaysRowReader *reader = job->reader;
  FieldBuilder *id = im->builders[PATHWAYS_FIELD_SERVICE_CASE_ID];
  const char *file = im->services_name;
  guint64 n_rows = 0;
  guint32 last = G_MAXUINT32;      /* offset of the last case ID stored */
  gsize last_len = 0;

  while (pathways_row_reader_next_row (reader, error))
    {
      guint64 row = pathways_row_reader_get_row_number (reader);
      gsize raw_len;
      const char *raw_id = pathways_row_reader_get_field_len (reader, id->src, &raw_len);
      gsize id_len;
      const char *id_view = _pathways_trim_view_len (raw_id, raw_len, &id_len);
      gboolean ok;

      if ((++n_rows & 0x3fff) == 0)
        {
          g_atomic_int_set (&job->permille, (gint) (pathways_row_reader_get_fraction (reader) * 1000));
          if (g_cancellable_is_cancelled (job->stop) || _pathways_import_check_cancelled (im, error))
            return FALSE;
        }

      _pathways_import_report_ragged (im, reader, file);
      if (n_rows == 4096)
        _pathways_import_reserve_rows (im, reader, n_rows, TRUE);

      if (id_len == 0)
        {
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_ORPHAN_SERVICE,
                                             PATHWAYS_SEVERITY_WARNING, file, row, id->column_name,
                                             NULL, _("has no case ID; the service is left out"));
          continue;
        }

      if (last == G_MAXUINT32 || id_len != last_len ||
          memcmp (job->ids->data + last, id_view, id_len) != 0)
        {
          if ((guint64) job->ids->len + id_len + 1 > G_MAXUINT32 - 1)
            {
              im->overflow = TRUE;
              g_set_error_literal (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_TOO_MANY_VALUES,
                                   "too many case IDs");
              return FALSE;
            }
          last = job->ids->len;
          last_len = id_len;
          g_byte_array_append (job->ids, (const guint8 *) id_view, id_len);
          g_byte_array_append (job->ids, (const guint8 *) "", 1);
        }

      im->in_cell = TRUE;
      ok = append_service (im, reader, last, file, error);
      im->in_cell = FALSE;
      if (!ok)
        return FALSE;
    }

  return error == NULL || *error == NULL;
}

static gpointer
service_job_run (gpointer data)
{
  ServiceJob *job = data;

  _pathways_import_thread_begin (&job->im);
  read_services_unlinked (job, &job->error);
  g_atomic_int_set (&job->permille, 1000);

  /* The reader is done with: its buffers go before the hashing. */
  g_clear_pointer (&job->reader, pathways_row_reader_free);
  for (guint i = 0; i < G_N_ELEMENTS (job->sources); i++)
    {
      SourceJob *source = job->sources[i];

      if (g_cancellable_is_cancelled (job->stop))
        break;
      source->sha256 = pathways_sha256_file_cancellable (source->path, &source->size,
                                                         job->stop, &source->error);
    }

  g_mutex_lock (&job->lock);
  g_atomic_int_set (&job->done, TRUE);
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
  return NULL;
}

/* Hands the service builders of IM and READER to a new thread. */
static ServiceJob *
service_job_start (Importer          *im,
                   PathwaysRowReader *reader,
                   const char        *cases_format)
{
  ServiceJob *job = g_new0 (ServiceJob, 1);
  Importer *tim = &job->im;

  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->stop = g_cancellable_new ();
  job->reader = reader;
  job->ids = g_byte_array_new ();
  job->sources[0] = source_job_new (im->options->cases_path, "cases", cases_format);
  job->sources[1] = source_job_new (im->options->services_path, "services",
                                    pathways_row_reader_get_format (reader));

  _pathways_import_thread_init (tim, im);
  tim->service_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  tim->service_case = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      tim->builders[f] = g_steal_pointer (&im->builders[f]);
      if (tim->builders[f] != NULL && tim->builders[f]->raw_cache != NULL)
        tim->builders[f]->raw_texts = g_ptr_array_new ();
    }

  /* G_DEFINE_QUARK initialises on first use: do that here, not on both threads */
  (void) pathways_import_error_quark ();
  (void) pathways_reader_error_quark ();
  (void) g_io_error_quark ();
  job->thread = g_thread_new ("pathways-services", service_job_run, job);
  return job;
}

/* Waits for the thread, reporting progress; FALSE when cancelled meanwhile. */
static gboolean
service_job_wait (Importer    *im,
                  ServiceJob  *job,
                  GError     **error)
{
  g_mutex_lock (&job->lock);
  while (!g_atomic_int_get (&job->done))
    {
      gint64 until = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;

      if (g_cond_wait_until (&job->cond, &job->lock, until))
        continue;
      g_mutex_unlock (&job->lock);
      if (im->progress != NULL)
        im->progress (0.6 + 0.35 * service_job_fraction (job), im->progress_data);
      if (_pathways_import_check_cancelled (im, error))
        return FALSE;   /* service_job_free stops the thread */
      g_mutex_lock (&job->lock);
    }
  g_mutex_unlock (&job->lock);
  g_thread_join (g_steal_pointer (&job->thread));
  return TRUE;
}

/* Links the thread's services to cases, leaving out those that match none, gives the
 * category cells their codes, places the findings, and moves everything into IM. */
static gboolean
service_job_merge (Importer    *im,
                   ServiceJob  *job,
                   GError     **error)
{
  Importer *tim = &job->im;
  FieldBuilder *id = tim->builders[PATHWAYS_FIELD_SERVICE_CASE_ID];
  guint32 *links = (guint32 *) (gpointer) tim->service_case->data;
  guint32 *rows = (guint32 *) (gpointer) tim->service_rows->data;
  GPtrArray *pending = tim->pending;
  g_autoptr(GPtrArray) code_maps = g_ptr_array_new_with_free_func (g_free);
  guint32 *codes[PATHWAYS_N_FIELDS] = { NULL, };   /* raw number → code + 1 */
  guint n = tim->n_services;
  guint k = 0;
  guint w = 0;
  guint32 last_offset = G_MAXUINT32;
  guint32 last_link = 0;

  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = tim->builders[f];

      if (b != NULL && b->raw_texts != NULL)
        {
          codes[f] = g_new0 (guint32, MAX (b->raw_texts->len, 1));
          g_ptr_array_add (code_maps, codes[f]);
        }
      g_assert (b == NULL || b->key_index == NULL);
    }

  for (guint j = 0; j < n; j++)
    {
      guint64 row = rows[j];
      guint32 offset = links[j];
      guint32 link;

      if (offset != last_offset)
        {
          const char *text = (const char *) job->ids->data + offset;
          gsize len = strlen (text);
          guint32 found = key_index_find (im->case_index, text, len, hash_len (text, len));

          last_offset = offset;
          last_link = found != 0 ? found - 1 : G_MAXUINT32;
        }
      link = last_link;

      /* the row's findings that come before its cells' (a ragged row) */
      k = _pathways_import_place_pending (im, pending, k, row, FALSE, 0);

      if (link == G_MAXUINT32)
        {
          _pathways_import_add_cell_finding (im, PATHWAYS_FINDING_ORPHAN_SERVICE,
                                             PATHWAYS_SEVERITY_WARNING, im->services_name, row,
                                             id->column_name, (const char *) job->ids->data + offset,
                                             _("matches no case; the service is left out"));
          k = _pathways_import_skip_pending (pending, k, row);
          continue;
        }

      k = _pathways_import_place_pending (im, pending, k, row, TRUE, 0);

      for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
        {
          FieldBuilder *b = tim->builders[f];

          if (b == NULL || b->values == NULL || f == PATHWAYS_FIELD_SERVICE_CASE_ID)
            continue;
          switch (b->kind)
            {
            case PATHWAYS_KIND_CATEGORY:
              {
                guint16 *values = (guint16 *) (gpointer) b->values->data;
                guint16 raw = values[j];

                if (codes[f][raw] == 0)
                  {
                    const char *text = g_ptr_array_index (b->raw_texts, raw);
                    guint code = _pathways_builder_category_of_raw (im, b, text, error);
                    if (code == G_MAXUINT)
                      return FALSE;
                    codes[f][raw] = code + 1;
                  }
                values[w] = codes[f][raw] - 1;
              }
              break;
            case PATHWAYS_KIND_KEY:
              {
                /* keys are not interned here: one per service, in row order */
                guint32 *values = (guint32 *) (gpointer) b->values->data;
                guint32 key = values[j];

                if (key != 0)
                  {
                    guint32 kept = b->n_kept_keys + 1;
                    b->key_strings->pdata[kept] = b->key_strings->pdata[key];
                    b->n_kept_keys = kept;
                    key = kept;
                  }
                values[w] = key;
              }
              break;
            default:
              ((guint32 *) (gpointer) b->values->data)[w] = ((guint32 *) (gpointer) b->values->data)[j];
              break;
            }
        }
      links[w] = link;
      rows[w] = row;
      w++;
    }
  _pathways_import_place_pending (im, pending, k, G_MAXUINT64, TRUE, 0);

  /* Move the kept services over. */
  for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
    {
      FieldBuilder *b = tim->builders[f];

      if (b == NULL)
        continue;
      if (b->values != NULL && f != PATHWAYS_FIELD_SERVICE_CASE_ID)
        g_array_set_size (b->values, w);
      if (b->key_strings != NULL && f != PATHWAYS_FIELD_SERVICE_CASE_ID)
        g_ptr_array_set_size (b->key_strings, b->n_kept_keys + 1);
      g_clear_pointer (&b->raw_texts, g_ptr_array_unref);
      g_clear_pointer (&im->builders[f], _pathways_field_builder_free);
      im->builders[f] = g_steal_pointer (&tim->builders[f]);
    }
  g_array_set_size (tim->service_case, w);
  g_array_set_size (tim->service_rows, w);
  g_clear_pointer (&im->service_case, g_array_unref);
  g_clear_pointer (&im->service_rows, g_array_unref);
  im->service_case = g_steal_pointer (&tim->service_case);
  im->service_rows = g_steal_pointer (&tim->service_rows);
  im->n_services = w;
  g_clear_pointer (&job->ids, g_byte_array_unref);
  return TRUE;
}

/* After the cases: the thread's services linked in, or the file read again when the
 * thread could not do it exactly. */
static gboolean
service_job_finish (Importer    *im,
                    ServiceJob  *job,
                    GError     **error)
{
  g_autoptr(PathwaysRowReader) reader = NULL;

  if (!service_job_wait (im, job, error))
    return FALSE;

  if (job->im.overflow)
    {
      for (guint f = PATHWAYS_FIELD_FIRST_SERVICE; f < PATHWAYS_N_FIELDS; f++)
        g_clear_pointer (&job->im.builders[f], _pathways_field_builder_free);
      reader = pathways_row_reader_open (im->options->services_path, im->options->services_sheet, error);
      if (reader == NULL)
        return FALSE;
      return _pathways_import_setup_builders (im, reader, PATHWAYS_TABLE_SERVICES, error) &&
             read_services (im, reader, error);
    }

  if (job->error != NULL && g_error_matches (job->error, PATHWAYS_IMPORT_ERROR,
                                             PATHWAYS_IMPORT_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }

  /* A reader error stopped the thread at some row; a category error in an earlier
   * row would have stopped a plain read first. */
  if (!service_job_merge (im, job, error))
    return FALSE;
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------- */
/* The import                                                                          */

/* The identifier indexes are only needed while rows are linked: they are freed before
 * the columns are finished, which is when memory peaks. */
static void
free_indexes (Importer *im)
{
  g_clear_pointer (&im->case_index, _pathways_key_index_free);
  for (guint f = 0; f < PATHWAYS_N_FIELDS; f++)
    if (im->builders[f] != NULL)
      {
        g_clear_pointer (&im->builders[f]->key_index, _pathways_key_index_free);
        g_clear_pointer (&im->builders[f]->raw_cache, _pathways_raw_cache_free);
        g_clear_pointer (&im->builders[f]->fold_index, g_hash_table_unref);
      }
}

/* The builders of the case table and, when there are services (a service file, or
 * service columns in a long case file), of the service table; FALSE when a field every
 * case or service needs is not mapped. */
static gboolean
setup_tables (Importer           *im,
              PathwaysRowReader  *cases,
              PathwaysRowReader  *services,
              GError            **error)
{
  if (pathways_mapping_get_column (im->mapping, PATHWAYS_FIELD_CASE_ID) == NULL ||
      pathways_mapping_get_column (im->mapping, PATHWAYS_FIELD_REFERRAL_DATE) == NULL)
    {
      g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NOT_MAPPED,
                   _("%s: no column is mapped to %s. Every case needs a case ID and a "
                     "referral date; choose their columns in the mapping."),
                   im->cases_name,
                   pathways_mapping_get_column (im->mapping, PATHWAYS_FIELD_CASE_ID) == NULL
                     ? "case_id" : "referral_date");
      return FALSE;
    }

  if (!_pathways_import_setup_builders (im, cases, PATHWAYS_TABLE_CASES, error))
    return FALSE;
  im->case_index = _pathways_key_index_new (im->builders[PATHWAYS_FIELD_CASE_ID]->key_strings);

  if (services != NULL || im->long_shape)
    {
      PathwaysRowReader *service_reader = services != NULL ? services : cases;

      if (pathways_mapping_get_column (im->mapping, PATHWAYS_FIELD_SERVICE_CASE_ID) == NULL)
        {
          if (im->long_shape)
            pathways_mapping_set_column (im->mapping, PATHWAYS_FIELD_SERVICE_CASE_ID,
                                         pathways_mapping_get_column (im->mapping, PATHWAYS_FIELD_CASE_ID));
          else
            {
              g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NOT_MAPPED,
                           _("%s: no column is mapped to the case ID of each service, so "
                             "services cannot be linked to cases"), im->services_name);
              return FALSE;
            }
        }
      if (!_pathways_import_setup_builders (im, service_reader, PATHWAYS_TABLE_SERVICES, error))
        return FALSE;
      im->dataset->has_services = TRUE;
    }
  return TRUE;
}

PathwaysDataset *
pathways_import (const PathwaysImportOptions  *options,
                 GCancellable                 *cancellable,
                 PathwaysProgressFunc          progress,
                 gpointer                      user_data,
                 GError                      **error)
{
  g_auto(Importer) im = { 0 };
  g_autoptr(PathwaysRowReader) cases = NULL;
  g_autoptr(PathwaysRowReader) services = NULL;
  g_autoptr(SourceJob) cases_job = NULL;
  g_autoptr(SourceJob) services_job = NULL;
  g_autoptr(ServiceJob) service_job = NULL;   /* freed (stopped) before IM */
  g_autoptr(CaseJob) case_job = NULL;         /* the same */

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->cases_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  im.options = options;
  im.cancellable = cancellable;
  im.progress = progress;
  im.progress_data = user_data;
  im.mapping = options->mapping != NULL ? pathways_mapping_copy (options->mapping) : pathways_mapping_new ();
  im.dataset = pathways_dataset_new ();

  im.case_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  im.service_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  im.service_case = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!open_readers (options, im.mapping, options->mapping == NULL, &cases, &services, error))
    return NULL;

  im.cases_name = g_path_get_basename (pathways_row_reader_get_path (cases));
  im.services_name = services != NULL ? g_path_get_basename (pathways_row_reader_get_path (services)) : NULL;
  im.long_shape = services == NULL && has_service_fields (im.mapping);

  if (!setup_tables (&im, cases, services, error))
    return NULL;

  if (services != NULL && options->services_path != NULL &&
      g_str_equal (pathways_row_reader_get_format (cases), "CSV") &&
      g_str_equal (pathways_row_reader_get_format (services), "CSV"))
    {
      service_job = service_job_start (&im, g_steal_pointer (&services),
                                       pathways_row_reader_get_format (cases));
      im.service_job = service_job;
    }
  else
    {
      cases_job = source_job_start (options->cases_path, "cases", pathways_row_reader_get_format (cases));
      if (options->services_path != NULL)
        services_job = source_job_start (options->services_path, "services",
                                         pathways_row_reader_get_format (services));
    }

  /* a large case file: its second half on a thread of its own */
  case_job = _pathways_case_job_start (&im, cases);

  if (!read_cases (&im, cases, error))
    return NULL;

  if (case_job != NULL)
    {
      guint64 records = 0;
      gboolean at_split = pathways_csv_reader_at_split (cases, &records);
      gboolean merged = FALSE;

      if (!_pathways_case_job_finish (&im, case_job, at_split, records, &merged, error))
        return NULL;
      im.split = FALSE;
      if (at_split && !merged)
        {
          pathways_csv_reader_resume (cases);
          if (!read_cases (&im, cases, error))
            return NULL;
        }
      g_clear_pointer (&case_job, _pathways_case_job_free);
    }

  if (service_job != NULL)
    {
      if (!service_job_finish (&im, service_job, error))
        return NULL;
      im.service_job = NULL;
    }
  else if (services != NULL && !read_services (&im, services, error))
    return NULL;

  free_indexes (&im);

  if (im.n_cases == 0)
    {
      g_set_error (error, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_NO_CASES,
                   _("%s: the file has a header but no case with a case ID"), im.cases_name);
      return NULL;
    }

  if (service_job != NULL)
    {
      cases_job = g_steal_pointer (&service_job->sources[0]);
      services_job = g_steal_pointer (&service_job->sources[1]);
    }
  if (!add_source (&im, cases_job, error))
    return NULL;
  if (services_job != NULL && !add_source (&im, services_job, error))
    return NULL;
  /* the same files, the same record keys (spec/disclosure.md, method 1) */
  pathways_dataset_derive_secret (im.dataset);

  _pathways_import_run_checks (&im);

  /* row numbers were kept for the findings only */
  g_clear_pointer (&im.case_rows, g_array_unref);
  g_clear_pointer (&im.service_rows, g_array_unref);

  _pathways_import_finish_columns (&im);
  _pathways_import_derive_age (&im);

  im.dataset->mapping = g_object_ref (im.mapping);
  im.dataset->name = g_strdup (options->name != NULL ? options->name : im.cases_name);
  pathways_profile_derive_ethnicity_group (im.dataset);

  if (progress != NULL)
    progress (1.0, user_data);

  return g_steal_pointer (&im.dataset);
}

/* ---------------------------------------------------------------------------------- */
/* pathways_import_async ()                                                            */

typedef struct {
  PathwaysImportOptions  options;     /* its strings and mapping are the ones below */
  char                  *cases_path;
  char                  *cases_sheet;
  char                  *services_path;
  char                  *services_sheet;
  char                  *name;
  PathwaysMapping       *mapping;     /* the caller's, copied */
  PathwaysProgressFunc   progress;
  gpointer               progress_data;
  GTask                 *task;        /* not a reference: the task owns this */
  GMutex                 lock;
  double                 fraction;    /* the latest from the thread, under LOCK */
  gboolean               pending;     /* a progress source is attached, under LOCK */
} ImportAsync;

static void
import_async_free (gpointer data)
{
  ImportAsync *job = data;

  g_free (job->cases_path);
  g_free (job->cases_sheet);
  g_free (job->services_path);
  g_free (job->services_sheet);
  g_free (job->name);
  g_clear_object (&job->mapping);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* In the caller's context: the latest fraction, unless the task has completed. */
static gboolean
import_async_progress_dispatch (gpointer user_data)
{
  GTask *task = user_data;
  ImportAsync *job = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (!g_task_get_completed (task))
    job->progress (fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the import's thread: keeps FRACTION, and attaches a source to the caller's context
 * unless one is waiting there already. Attached before the task returns, at the same
 * priority as the task's own completion, the source runs before CALLBACK. */
static void
import_async_progress (double   fraction,
                       gpointer user_data)
{
  ImportAsync *job = user_data;
  gboolean attach;
  GSource *source;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  attach = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);
  if (!attach)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, g_task_get_priority (job->task));
  g_source_set_static_name (source, "[pathways] import progress");
  g_source_set_callback (source, import_async_progress_dispatch,
                         g_object_ref (job->task), g_object_unref);
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

static void
import_async_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ImportAsync *job = task_data;
  GError *error = NULL;
  PathwaysDataset *dataset;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, PATHWAYS_IMPORT_ERROR, PATHWAYS_IMPORT_ERROR_CANCELLED,
                               _("The import was cancelled"));
      return;
    }

  dataset = pathways_import (&job->options, cancellable,
                             job->progress != NULL ? import_async_progress : NULL, job,
                             &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, (GDestroyNotify) pathways_dataset_unref);
}

void
pathways_import_async (const PathwaysImportOptions *options,
                       GCancellable                *cancellable,
                       PathwaysProgressFunc         progress,
                       gpointer                     progress_data,
                       GAsyncReadyCallback          callback,
                       gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportAsync *job;

  g_return_if_fail (options != NULL);
  g_return_if_fail (options->cases_path != NULL);
  g_return_if_fail (options->mapping == NULL || PATHWAYS_IS_MAPPING (options->mapping));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportAsync, 1);
  job->cases_path = g_strdup (options->cases_path);
  job->cases_sheet = g_strdup (options->cases_sheet);
  job->services_path = g_strdup (options->services_path);
  job->services_sheet = g_strdup (options->services_sheet);
  job->name = g_strdup (options->name);
  job->mapping = options->mapping != NULL ? pathways_mapping_copy (options->mapping) : NULL;
  job->options = (PathwaysImportOptions) {
    .cases_path = job->cases_path,
    .cases_sheet = job->cases_sheet,
    .services_path = job->services_path,
    .services_sheet = job->services_sheet,
    .mapping = job->mapping,
    .date_order = options->date_order,
    .snapshot_day = options->snapshot_day,
    .name = job->name,
  };
  job->progress = progress;
  job->progress_data = progress_data;
  g_mutex_init (&job->lock);

  task = g_task_new (NULL, cancellable, callback, user_data);
  job->task = task;
  g_task_set_source_tag (task, pathways_import_async);
  g_task_set_name (task, "[pathways] import");
  g_task_set_task_data (task, job, import_async_free);
  /* A cancel is the import's own error, as from the sync call; a dataset that was
   * ready before the cancel is returned (GTask would turn it into G_IO_ERROR_CANCELLED). */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, import_async_thread);
}

PathwaysDataset *
pathways_import_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pathways_import_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
