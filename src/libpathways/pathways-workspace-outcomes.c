/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-workspace-outcomes.c: the outcomes table in a workspace.
 *
 * Two tables, present only when the dataset has outcomes (a workspace without them
 * reads as before): outcome_measures (position, instrument, item) and outcome_answers
 * (position, case_index, measure, timepoint, day, score), with the source file's name
 * in meta as "outcomes_file". Both are covered by the data checksum, after
 * column_data, in the order of WORKSPACE_SQL_OUTCOME_*.
 */
#define G_LOG_DOMAIN "pathways-workspace"

#include "config.h"

#include "pathways-i18n.h"

#include "pathways-outcomes.h"
#include "pathways-workspace-private.h"

#define WORKSPACE_SQL_OUTCOME_MEASURES \
  "SELECT instrument, item FROM outcome_measures ORDER BY position"
#define WORKSPACE_SQL_OUTCOME_ANSWERS \
  "SELECT case_index, measure, timepoint, day, score FROM outcome_answers ORDER BY position"

static const char create_sql[] =
  "CREATE TABLE outcome_measures (position INTEGER PRIMARY KEY, instrument TEXT NOT NULL, "
  "  item TEXT NOT NULL);"
  "CREATE TABLE outcome_answers (position INTEGER PRIMARY KEY, case_index INTEGER NOT NULL, "
  "  measure INTEGER NOT NULL, timepoint INTEGER NOT NULL, day INTEGER, score REAL NOT NULL);";

static gboolean
step (sqlite3                *db,
      sqlite3_stmt           *stmt,
      const WorkspaceContext *context,
      GError                **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
workspace_write_outcomes (sqlite3                *db,
                          const WorkspaceContext *context,
                          PathwaysDataset        *dataset,
                          GError                **error)
{
  PathwaysOutcomeTable *t = dataset->outcomes;
  auto_stmt measures = NULL;
  auto_stmt answers = NULL;
  auto_stmt meta = NULL;
  int rc;

  if (t == NULL)
    return TRUE;
  rc = sqlite3_exec (db, create_sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO outcome_measures VALUES (?1, ?2, ?3)", -1, &measures, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO outcome_answers VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &answers, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO meta (key, value) VALUES ('outcomes_file', ?1)", -1, &meta, NULL);
  if (rc != SQLITE_OK)
    {
      workspace_set_sqlite_error (error, context, db, rc);
      return FALSE;
    }
  for (guint m = 0; m < t->instruments->len; m++)
    {
      sqlite3_bind_int64 (measures, 1, m);
      sqlite3_bind_text (measures, 2, g_ptr_array_index (t->instruments, m), -1, SQLITE_STATIC);
      sqlite3_bind_text (measures, 3, g_ptr_array_index (t->items, m), -1, SQLITE_STATIC);
      if (!step (db, measures, context, error))
        return FALSE;
    }
  for (guint i = 0; i < t->n_rows; i++)
    {
      sqlite3_bind_int64 (answers, 1, i);
      sqlite3_bind_int64 (answers, 2, t->case_index[i]);
      sqlite3_bind_int64 (answers, 3, t->measure[i]);
      sqlite3_bind_int64 (answers, 4, t->timepoint[i]);
      if (t->day[i] == PATHWAYS_DAY_NONE)
        sqlite3_bind_null (answers, 5);
      else
        sqlite3_bind_int64 (answers, 5, t->day[i]);
      sqlite3_bind_double (answers, 6, t->score[i]);
      if (!step (db, answers, context, error))
        return FALSE;
    }
  sqlite3_bind_text (meta, 1, t->file, -1, SQLITE_STATIC);
  return step (db, meta, context, error);
}

static gboolean
has_outcomes (sqlite3 *db)
{
  auto_stmt stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                              "name = 'outcome_answers'", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  return sqlite3_step (stmt) == SQLITE_ROW;
}

int
workspace_seal_outcomes (sqlite3       *db,
                         WorkspaceSeal *seal)
{
  static const char * const queries[] = { WORKSPACE_SQL_OUTCOME_MEASURES, WORKSPACE_SQL_OUTCOME_ANSWERS };
  static const char * const sections[] = { "outcome_measures", "outcome_answers" };

  if (!has_outcomes (db))
    return SQLITE_OK;
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      auto_stmt stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL);

      if (rc != SQLITE_OK)
        return rc;
      workspace_seal_section (seal, sections[q]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        workspace_seal_stmt_row (seal, stmt);
      if (rc != SQLITE_DONE)
        return rc;
    }
  return SQLITE_OK;
}

static gboolean
load_measures (sqlite3              *db,
               WorkspaceSeal        *seal,
               PathwaysOutcomeTable *t)
{
  auto_stmt stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, WORKSPACE_SQL_OUTCOME_MEASURES, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (seal != NULL)
    workspace_seal_section (seal, "outcome_measures");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *instrument = (const char *) sqlite3_column_text (stmt, 0);
      const char *item = (const char *) sqlite3_column_text (stmt, 1);

      if (seal != NULL)
        workspace_seal_stmt_row (seal, stmt);
      if (instrument == NULL || item == NULL || t->instruments->len >= G_MAXUINT16)
        return FALSE;
      g_ptr_array_add (t->instruments, g_strdup (instrument));
      g_ptr_array_add (t->items, g_strdup (item));
    }
  return rc == SQLITE_DONE;
}

static gboolean
load_answers (sqlite3              *db,
              WorkspaceSeal        *seal,
              PathwaysDataset      *dataset,
              PathwaysOutcomeTable *t)
{
  auto_stmt stmt = NULL;
  guint n = 0, cap = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, WORKSPACE_SQL_OUTCOME_ANSWERS, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (seal != NULL)
    workspace_seal_section (seal, "outcome_answers");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 c = sqlite3_column_int64 (stmt, 0);
      gint64 m = sqlite3_column_int64 (stmt, 1);
      gint64 tp = sqlite3_column_int64 (stmt, 2);
      gboolean dated = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      gint64 day = sqlite3_column_int64 (stmt, 3);

      if (seal != NULL)
        workspace_seal_stmt_row (seal, stmt);
      if (c < 0 || c >= dataset->n_cases || m < 0 || m >= t->instruments->len ||
          tp < 0 || tp > PATHWAYS_TIMEPOINT_END || (dated && (day < 1 || day > MAX_VALID_DAY)))
        return FALSE;
      if (n == cap)
        {
          cap = MAX (cap * 2, 64);
          t->case_index = g_renew (guint32, t->case_index, cap);
          t->measure = g_renew (guint16, t->measure, cap);
          t->timepoint = g_renew (guint8, t->timepoint, cap);
          t->day = g_renew (gint32, t->day, cap);
          t->score = g_renew (double, t->score, cap);
        }
      t->case_index[n] = c;
      t->measure[n] = m;
      t->timepoint[n] = tp;
      t->day[n] = dated ? (gint32) day : PATHWAYS_DAY_NONE;
      t->score[n] = sqlite3_column_double (stmt, 4);
      t->n_rows = ++n;
    }
  return rc == SQLITE_DONE;
}

gboolean
workspace_load_outcomes (sqlite3         *db,
                         WorkspaceSeal   *seal,
                         GHashTable      *meta,
                         const char      *display,
                         PathwaysDataset *dataset,
                         GError         **error)
{
  PathwaysOutcomeTable *t;

  if (!has_outcomes (db))
    return TRUE;
  t = pathways_outcome_table_new (0);
  t->file = g_strdup (g_hash_table_lookup (meta, "outcomes_file"));
  if (!load_measures (db, seal, t) || !load_answers (db, seal, dataset, t))
    {
      pathways_outcome_table_free (t);
      workspace_set_corrupt (error, display, _("the outcomes table is not readable"));
      return FALSE;
    }
  g_clear_pointer (&dataset->outcomes, pathways_outcome_table_free);
  dataset->outcomes = t;
  return TRUE;
}
