/* outlay-store-private.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Internal to src/db: what the files of OutlayStore share. */

#include <libpq-fe.h>

#include "outlay-store.h"

G_BEGIN_DECLS

/* --- Running operations --------------------------------------------------- */

typedef enum
{
  OUTLAY_STORE_OP_READ             = 0,
  /* Emit "changed" after it committed. */
  OUTLAY_STORE_OP_WRITE            = 1 << 0,
  /* The operation begins and commits its transaction itself, saving round
   * trips: outlay_store_exec_in_transaction(), or
   * outlay_store_exec_after_begin() then outlay_store_commit(). Otherwise the
   * runner wraps it in BEGIN … COMMIT. */
  OUTLAY_STORE_OP_OWN_TRANSACTION  = 1 << 1,
  /* Must not run twice (it consumes a one-shot source, or has called back
   * with rows already), so failures are never retried. */
  OUTLAY_STORE_OP_NO_RETRY         = 1 << 2,
} OutlayStoreOpFlags;

/* One operation: @run does the work on @conn inside a transaction, reading its
 * inputs from @data and leaving its results there. It may run more than once
 * (the runner retries on a fresh connection), so it replaces earlier results
 * rather than adding to them. @check, optional, validates @data before any
 * I/O. */
typedef struct
{
  gboolean           (*run)   (PGconn        *conn,
                               gpointer       data,
                               GCancellable  *cancellable,
                               GError       **error);
  gboolean           (*check) (gpointer       data,
                               GError       **error);
  OutlayStoreOpFlags   flags;
} OutlayStoreOp;

/* Takes a pooled connection, runs @op in a transaction, commits; on failure
 * rolls back, and retries the whole transaction after a serialization
 * failure, a deadlock or (once) a lost connection. */
gboolean  outlay_store_run          (OutlayStore          *self,
                                     const OutlayStoreOp  *op,
                                     gpointer              data,
                                     GCancellable         *cancellable,
                                     GError              **error);

/* The same in a worker thread. @data belongs to the task from now on (freed
 * with @data_free); outlay_store_run_finish() hands it back to read the
 * results. */
void      outlay_store_run_async    (OutlayStore          *self,
                                     const OutlayStoreOp  *op,
                                     gpointer              data,
                                     GDestroyNotify        data_free,
                                     gpointer              source_tag,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);

/* Sets @out_data (optional) to the operation's data, still owned by
 * @result, or returns FALSE with @error. */
gboolean  outlay_store_run_finish   (OutlayStore          *self,
                                     GAsyncResult         *result,
                                     gpointer              source_tag,
                                     gpointer             *out_data,
                                     GError              **error);

/* BEGIN, @sql, COMMIT in one round trip (libpq pipeline mode). Returns the
 * result of @sql once committed; on any failure the transaction is rolled
 * back and NULL returned with the error mapped. */
PGresult *outlay_store_exec_in_transaction (PGconn              *conn,
                                            const char          *sql,
                                            int                  n_params,
                                            const char * const  *params,
                                            GError             **error);

/* BEGIN and @sql in one round trip, leaving the transaction open: for a
 * statement whose result decides between outlay_store_commit() and failing
 * (the runner then rolls back). */
PGresult *outlay_store_exec_after_begin    (PGconn              *conn,
                                            const char          *sql,
                                            int                  n_params,
                                            const char * const  *params,
                                            GError             **error);
gboolean  outlay_store_commit              (PGconn              *conn,
                                            GError             **error);

/* Which version of Outlay's books @conn's database holds: -1 when it has
 * none, and an OUTLAY_DB_ERROR_SCHEMA error when they are a newer Outlay's.
 * Reads only. */
gboolean  outlay_store_read_books_version  (PGconn              *conn,
                                            int                 *out_version,
                                            GError             **error);

/* --- Statements with a variable shape ------------------------------------- */

/* SQL text with its parameters, numbered as they are added. Values only ever
 * travel as parameters. */
typedef struct
{
  GString   *sql;
  GPtrArray *params;        /* char *, NULL for SQL NULL */
  guint      n_conditions;  /* so far in the WHERE clause */
} OutlayStoreQuery;

void        outlay_store_query_init       (OutlayStoreQuery          *query,
                                           const char                *sql);
void        outlay_store_query_clear      (OutlayStoreQuery          *query);
/* Takes @value; returns its number, for "$n". */
guint       outlay_store_query_add_param  (OutlayStoreQuery          *query,
                                           char                      *value);
/* Appends " WHERE " before the first condition, " AND " before the others. */
void        outlay_store_query_begin_condition (OutlayStoreQuery     *query);
/* A condition for every field of @filter that is set (the FROM clause names
 * the expenses "e"). */
void        outlay_store_query_add_filter (OutlayStoreQuery          *query,
                                           const OutlayExpenseFilter *filter);
/* " ORDER BY …" in @filter's order (needs the categories joined as "c"). */
void        outlay_store_query_add_order  (OutlayStoreQuery          *query,
                                           const OutlayExpenseFilter *filter);
PGresult   *outlay_store_query_exec       (OutlayStoreQuery          *query,
                                           PGconn                    *conn,
                                           GError                   **error);
PGresult   *outlay_store_query_exec_in_transaction (OutlayStoreQuery  *query,
                                                    PGconn            *conn,
                                                    GError           **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OutlayStoreQuery, outlay_store_query_clear)

/* Every UPDATE of outlay.expenses sets this, so a version check sees it. */
#define OUTLAY_STORE_BUMP_VERSION "version = version + 1, updated_at = now ()"

/* --- Rows ------------------------------------------------------------------ */

/* Calendar days travel out of the database as day numbers ("spent_on - DATE
 * '0001-01-01' + 1" is GDate's Julian day), which no session setting
 * (DateStyle) can change and which cost nothing to read; they travel in as
 * ISO 8601 text. */
#define OUTLAY_STORE_DAY(col) "(" col " - DATE '0001-01-01' + 1)"
/* Instants as microseconds since the epoch, whatever the session's TimeZone. */
#define OUTLAY_STORE_USEC(col) "(extract (epoch FROM " col ") * 1000000)::int8"

/* The columns of an OutlayExpenseRecord, from outlay.expenses "e" joined with
 * outlay.categories "c", then those only an OutlayExpense has. */
#define OUTLAY_STORE_RECORD_COLUMNS \
  "e.id, e.uuid, e.description, e.amount, " OUTLAY_STORE_DAY ("e.spent_on") ", " \
  "e.category_id, c.name, e.note"
#define OUTLAY_STORE_EXPENSE_COLUMNS \
  OUTLAY_STORE_RECORD_COLUMNS ", c.color, " OUTLAY_STORE_USEC ("e.created_at") ", " \
  OUTLAY_STORE_USEC ("e.updated_at") ", e.version"

/* The number of columns of OUTLAY_STORE_EXPENSE_COLUMNS. */
#define OUTLAY_STORE_N_EXPENSE_COLUMNS 12

/* Fills @record with strings borrowed from @result. */
void            outlay_store_record_from_row  (PGresult            *result,
                                               int                  row,
                                               OutlayExpenseRecord *record);
OutlayExpense  *outlay_store_expense_from_row (PGresult            *result,
                                               int                  row);
/* Every row, as OutlayExpense. */
GPtrArray      *outlay_store_expenses_from_result (PGresult        *result);

gint64          outlay_store_get_int64        (PGresult            *result,
                                               int                  row,
                                               int                  column);
/* Numeric text (as the server prints numeric(14,2) and its sums) to minor
 * units; NULL is 0. */
gint64          outlay_store_get_money        (PGresult            *result,
                                               int                  row,
                                               int                  column);
/* NULL for SQL NULL. */
const char     *outlay_store_get_text         (PGresult            *result,
                                               int                  row,
                                               int                  column);
GDateTime      *outlay_store_get_date_time    (PGresult            *result,
                                               int                  row,
                                               int                  column);

/* "{1,2,3}", for "= ANY ($n::bigint[])". */
char           *outlay_store_format_id_array  (const gint64        *ids,
                                               guint                n_ids);
/* @ids sorted without repeats. */
GArray         *outlay_store_distinct_ids     (const gint64        *ids,
                                               guint                n_ids);

/* OUTLAY_ERROR_NOT_FOUND: “There is no expense #42”. */
void            outlay_store_set_expense_missing  (GError         **error,
                                                   gint64           id);
/* Replaces a foreign-key failure by OUTLAY_ERROR_CATEGORY_MISSING naming
 * @category_id, and what to do about it. */
void            outlay_store_set_category_missing (GError         **error,
                                                   gint64           category_id);

G_END_DECLS
