/* outlay-store.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "outlay-core.h"

G_BEGIN_DECLS

/*
 * OutlayStore: the only data API of the app, outlay-mcp and the benchmark.
 *
 * Every operation exists twice: synchronous (outlay-mcp, the benchmark, tests)
 * and as an _async/_finish pair that runs the same code in a worker thread, so
 * the GTK main loop never waits on the network. Each operation takes a pooled
 * connection, runs parameterised statements inside BEGIN … COMMIT, and on any
 * error rolls back and returns a GError (OUTLAY_ERROR for what the data means,
 * OUTLAY_DB_ERROR for the connection). Statements carry no session state, so
 * the store works through transaction-mode poolers.
 *
 * Returned objects are new each time; the caller merges them into what it
 * shows (outlay_expense_update_from()).
 */

#define OUTLAY_TYPE_STORE (outlay_store_get_type ())

G_DECLARE_FINAL_TYPE (OutlayStore, outlay_store, OUTLAY, STORE, GObject)

typedef enum
{
  OUTLAY_SORT_DATE,
  OUTLAY_SORT_AMOUNT,
  OUTLAY_SORT_DESCRIPTION,
  OUTLAY_SORT_CATEGORY,
} OutlaySortKey;

/*
 * Which expenses, in which order. Zero-initialised means "all, newest first".
 * Ties are broken by id in the same direction, so keyset pages are stable.
 */
typedef struct
{
  gint64         category_id;   /* 0: any */
  GDate          start;         /* g_date_clear()ed (invalid): open */
  GDate          end;           /* inclusive; invalid: open */
  gint64         min_amount;    /* inclusive, minor units; 0: open */
  gint64         max_amount;    /* inclusive; 0: open */
  char          *text;          /* case-insensitive substring of description or note; NULL/"": any */
  OutlaySortKey  sort;
  gboolean       ascending;     /* FALSE (default): descending */
} OutlayExpenseFilter;

#define OUTLAY_TYPE_EXPENSE_FILTER (outlay_expense_filter_get_type ())
GType                 outlay_expense_filter_get_type (void) G_GNUC_CONST;
OutlayExpenseFilter  *outlay_expense_filter_new      (void);
OutlayExpenseFilter  *outlay_expense_filter_copy     (const OutlayExpenseFilter *filter);
void                  outlay_expense_filter_free     (OutlayExpenseFilter       *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OutlayExpenseFilter, outlay_expense_filter_free)

/* A row of a streamed listing or a bulk import; strings are borrowed. */
typedef struct
{
  gint64       id;
  const char  *uuid;            /* import: NULL lets the database make one */
  const char  *description;
  gint64       amount;
  GDate        date;
  gint64       category_id;
  const char  *category_name;
  const char  *note;
} OutlayExpenseRecord;

/* Return FALSE to stop early (not an error). */
typedef gboolean (*OutlayExpenseFunc)   (const OutlayExpenseRecord *record,
                                         gpointer                   user_data);
/* Fill @record and return TRUE, or return FALSE at the end. */
typedef gboolean (*OutlayExpenseSource) (OutlayExpenseRecord       *record,
                                         gpointer                   user_data);

/* Per category, for a period. */
typedef struct
{
  gint64  category_id;
  char   *name;
  char   *color;
  gint64  budget;   /* monthly budget, 0 = none */
  gint64  total;    /* minor units */
  gint64  count;
} OutlayCategoryTotal;

void outlay_category_total_free (OutlayCategoryTotal *total);

/* Per month (and category, when asked). */
typedef struct
{
  int     year;
  int     month;          /* 1..12 */
  gint64  category_id;    /* 0 when not split by category */
  char   *name;           /* category name or NULL */
  gint64  total;
  gint64  count;
} OutlayMonthTotal;

void outlay_month_total_free (OutlayMonthTotal *total);

/* Count and sum of what a filter matches. */
typedef struct
{
  gint64  count;
  gint64  total;
} OutlaySummary;

/* A description typed before, with the category it is usually filed under. */
typedef struct
{
  char   *description;
  gint64  category_id;
  gint64  uses;
} OutlaySuggestion;

void outlay_suggestion_free (OutlaySuggestion *suggestion);

typedef enum
{
  OUTLAY_STORE_STATE_DISCONNECTED,
  OUTLAY_STORE_STATE_CONNECTING,  /* includes waking a paused serverless compute */
  OUTLAY_STORE_STATE_CONNECTED,
  OUTLAY_STORE_STATE_OFFLINE,     /* the last attempt failed; see "state-message" */
} OutlayStoreState;

#define OUTLAY_TYPE_STORE_STATE (outlay_store_state_get_type ())
GType outlay_store_state_get_type (void) G_GNUC_CONST;

/* --- Lifetime ------------------------------------------------------------- */

/* No I/O: connections are made on first use. @dsn as given by people or the
 * credentials lookup; it is normalized (TLS for remote hosts). */
OutlayStore      *outlay_store_new              (const char     *dsn,
                                                 GError        **error);

/* Connects (retrying while a serverless compute wakes) and applies pending
 * migrations under an advisory lock. */
gboolean          outlay_store_open             (OutlayStore    *self,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
void              outlay_store_open_async       (OutlayStore    *self,
                                                 GCancellable   *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer        user_data);
gboolean          outlay_store_open_finish      (OutlayStore    *self,
                                                 GAsyncResult   *result,
                                                 GError        **error);

/* The DSN with the password masked, for display. */
const char       *outlay_store_get_display_dsn  (OutlayStore    *self);
/* Properties "state" (OutlayStoreState) and "state-message" (why offline). */
OutlayStoreState  outlay_store_get_state        (OutlayStore    *self);
const char       *outlay_store_get_state_message (OutlayStore   *self);

/* Signal "changed" (no arguments) is emitted in the store's main context after
 * any write through this store, when another client's write is noticed (live
 * sync, below), and when an operation succeeds again after the store was
 * offline (what is shown may be stale or may never have loaded). */

/* --- Live sync ------------------------------------------------------------ */

/*
 * From the moment outlay_store_open() returns until the store is disposed,
 * "changed" also reports what other clients write to the same books (a
 * second window, another machine):
 *
 *  - On a direct connection one more connection, not from the pool
 *    (application_name "outlay-live-sync"), LISTENs on "outlay_changes",
 *    which every write statement NOTIFYs; it is watched from the store's main
 *    context. Notifications from the store's own pooled connections are
 *    ignored (their "changed" came when they committed); the rest are
 *    coalesced over a tenth of a second. When the connection drops it is made
 *    again in a worker thread, after 1 s and then doubling pauses up to a
 *    minute, and "changed" follows if anything was written meanwhile.
 *  - Through a transaction-mode pooler (outlay_dsn_is_pooler()), where
 *    LISTEN does not work, a worker thread reads a count of committed writes
 *    (outlay.changes) every 10 s while the store is connected. There the
 *    store's own writes are reported a second time by the next poll.
 *
 * Either needs the store's main context to be iterated. Either costs a
 * connection or a query every 10 s, and may keep a serverless compute from
 * scaling to zero: programs that do not show the books (outlay-mcp,
 * outlay-bench) should turn it off, and the app may while its window is in
 * the background.
 */

/* Property "live-sync", TRUE by default. Takes effect at once on an open
 * store: FALSE closes the connection or stops polling; TRUE again emits
 * "changed" once it listens, since writes made meanwhile went unheard. */
void              outlay_store_set_live_sync     (OutlayStore    *self,
                                                  gboolean        live_sync);
gboolean          outlay_store_get_live_sync     (OutlayStore    *self);

/* Property "poll-interval", in milliseconds. 0 (the default): LISTEN on a
 * direct connection, poll every 10 s through a pooler. Anything else polls at
 * that interval whatever the connection (a pooler the address does not give
 * away, tests). */
void              outlay_store_set_poll_interval (OutlayStore    *self,
                                                  guint           poll_interval_msec);
guint             outlay_store_get_poll_interval (OutlayStore    *self);

/* --- Expenses ------------------------------------------------------------- */

/* Validates, inserts (idempotent on uuid) and fills in id, created-at,
 * updated-at and version. */
gboolean          outlay_store_add_expense        (OutlayStore    *self,
                                                   OutlayExpense  *expense,
                                                   GCancellable   *cancellable,
                                                   GError        **error);
void              outlay_store_add_expense_async  (OutlayStore    *self,
                                                   OutlayExpense  *expense,
                                                   GCancellable   *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer        user_data);
gboolean          outlay_store_add_expense_finish (OutlayStore    *self,
                                                   GAsyncResult   *result,
                                                   GError        **error);

/* NULL with OUTLAY_ERROR_NOT_FOUND. Joined with its category. */
OutlayExpense    *outlay_store_get_expense        (OutlayStore    *self,
                                                   gint64          id,
                                                   GCancellable   *cancellable,
                                                   GError        **error);
void              outlay_store_get_expense_async  (OutlayStore    *self,
                                                   gint64          id,
                                                   GCancellable   *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer        user_data);
OutlayExpense    *outlay_store_get_expense_finish (OutlayStore    *self,
                                                   GAsyncResult   *result,
                                                   GError        **error);

/* Saves every field of @expense if its version still matches the stored one,
 * then updates its version/updated-at. OUTLAY_ERROR_CONFLICT when it changed
 * elsewhere, OUTLAY_ERROR_NOT_FOUND when it is gone. */
gboolean          outlay_store_update_expense        (OutlayStore    *self,
                                                      OutlayExpense  *expense,
                                                      GCancellable   *cancellable,
                                                      GError        **error);
void              outlay_store_update_expense_async  (OutlayStore    *self,
                                                      OutlayExpense  *expense,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
gboolean          outlay_store_update_expense_finish (OutlayStore    *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);

/* The source spec's update_expense(id, amount?, description?): changes only
 * what is given (amount 0 / description NULL: unchanged), no version check.
 * Returns the updated expense, NULL with OUTLAY_ERROR_NOT_FOUND. */
OutlayExpense    *outlay_store_patch_expense       (OutlayStore    *self,
                                                    gint64          id,
                                                    gint64          amount,
                                                    const char     *description,
                                                    GCancellable   *cancellable,
                                                    GError        **error);

/* Deletes all of @ids in one transaction; OUTLAY_ERROR_NOT_FOUND (and nothing
 * deleted) when any is unknown. Returns the deleted expenses (for undo:
 * outlay_store_restore_expenses()). */
GPtrArray        *outlay_store_delete_expenses        (OutlayStore    *self,
                                                       const gint64   *ids,
                                                       guint           n_ids,
                                                       GCancellable   *cancellable,
                                                       GError        **error);
void              outlay_store_delete_expenses_async  (OutlayStore    *self,
                                                       const gint64   *ids,
                                                       guint           n_ids,
                                                       GCancellable   *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer        user_data);
GPtrArray        *outlay_store_delete_expenses_finish (OutlayStore    *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);

/* Puts deleted expenses back with their ids, uuids and dates (undo). */
gboolean          outlay_store_restore_expenses        (OutlayStore    *self,
                                                        GPtrArray      *expenses,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
void              outlay_store_restore_expenses_async  (OutlayStore    *self,
                                                        GPtrArray      *expenses,
                                                        GCancellable   *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer        user_data);
gboolean          outlay_store_restore_expenses_finish (OutlayStore    *self,
                                                        GAsyncResult   *result,
                                                        GError        **error);

/* Moves all of @ids to @category_id atomically (the source spec's
 * transfer_expense): all or nothing. OUTLAY_ERROR_NOT_FOUND for an unknown
 * expense, OUTLAY_ERROR_CATEGORY_MISSING for an unknown category. Returns the
 * number moved. */
gboolean          outlay_store_transfer_expenses        (OutlayStore    *self,
                                                         const gint64   *ids,
                                                         guint           n_ids,
                                                         gint64          category_id,
                                                         GCancellable   *cancellable,
                                                         GError        **error);
void              outlay_store_transfer_expenses_async  (OutlayStore    *self,
                                                         const gint64   *ids,
                                                         guint           n_ids,
                                                         gint64          category_id,
                                                         GCancellable   *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer        user_data);
gboolean          outlay_store_transfer_expenses_finish (OutlayStore    *self,
                                                         GAsyncResult   *result,
                                                         GError        **error);

/* One keyset page: up to @limit expenses (0: no limit) matching @filter that
 * come after @after in the filter's order (NULL: from the start). Joined with categories
 * (category-name, category-color). GPtrArray of OutlayExpense. */
GPtrArray        *outlay_store_list_expenses        (OutlayStore               *self,
                                                     const OutlayExpenseFilter *filter,
                                                     OutlayExpense             *after,
                                                     guint                      limit,
                                                     GCancellable              *cancellable,
                                                     GError                   **error);
void              outlay_store_list_expenses_async  (OutlayStore               *self,
                                                     const OutlayExpenseFilter *filter,
                                                     OutlayExpense             *after,
                                                     guint                      limit,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
GPtrArray        *outlay_store_list_expenses_finish (OutlayStore               *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error);

/* Like outlay_store_list_expenses(), but starting @offset rows into the
 * filter's order, for jumping far into a long list where no keyset row is
 * known. One statement: the row at @offset is found by ORDER BY … OFFSET $n
 * LIMIT 1 over the sort key and id alone (an index-only scan where an index
 * has the order), and the page is the keyset page from it. Still O(offset) in
 * the database (a scan that skips rows), so callers prefer keysets when they
 * have one. */
GPtrArray        *outlay_store_list_expenses_at        (OutlayStore               *self,
                                                        const OutlayExpenseFilter *filter,
                                                        guint64                    offset,
                                                        guint                      limit,
                                                        GCancellable              *cancellable,
                                                        GError                   **error);
void              outlay_store_list_expenses_at_async  (OutlayStore               *self,
                                                        const OutlayExpenseFilter *filter,
                                                        guint64                    offset,
                                                        guint                      limit,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
GPtrArray        *outlay_store_list_expenses_at_finish (OutlayStore               *self,
                                                        GAsyncResult              *result,
                                                        GError                   **error);

/* Count and total of what @filter matches. */
gboolean          outlay_store_summarize        (OutlayStore               *self,
                                                 const OutlayExpenseFilter *filter,
                                                 OutlaySummary             *out_summary,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);
void              outlay_store_summarize_async  (OutlayStore               *self,
                                                 const OutlayExpenseFilter *filter,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
gboolean          outlay_store_summarize_finish (OutlayStore               *self,
                                                 GAsyncResult              *result,
                                                 OutlaySummary             *out_summary,
                                                 GError                   **error);

/* Streams every match in order with flat memory (a cursor fetched in
 * batches), calling @func for each row. Synchronous only (bench, export). */
gboolean          outlay_store_foreach_expense  (OutlayStore               *self,
                                                 const OutlayExpenseFilter *filter,
                                                 OutlayExpenseFunc          func,
                                                 gpointer                   user_data,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);

/* Past descriptions starting with @prefix (case-insensitive, answered from an
 * index), most used first, each with its usual category. GPtrArray of
 * OutlaySuggestion. */
GPtrArray        *outlay_store_suggest_descriptions        (OutlayStore    *self,
                                                            const char     *prefix,
                                                            guint           limit,
                                                            GCancellable   *cancellable,
                                                            GError        **error);
void              outlay_store_suggest_descriptions_async  (OutlayStore    *self,
                                                            const char     *prefix,
                                                            guint           limit,
                                                            GCancellable   *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer        user_data);
GPtrArray        *outlay_store_suggest_descriptions_finish (OutlayStore    *self,
                                                            GAsyncResult   *result,
                                                            GError        **error);

/* --- Categories ----------------------------------------------------------- */

/* All categories by name (archived too when @include_archived), each with
 * month-total for the current month. GPtrArray of OutlayCategory. */
GPtrArray        *outlay_store_list_categories        (OutlayStore    *self,
                                                       gboolean        include_archived,
                                                       GCancellable   *cancellable,
                                                       GError        **error);
void              outlay_store_list_categories_async  (OutlayStore    *self,
                                                       gboolean        include_archived,
                                                       GCancellable   *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer        user_data);
GPtrArray        *outlay_store_list_categories_finish (OutlayStore    *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);

/* Case-insensitive; NULL with OUTLAY_ERROR_NOT_FOUND. */
OutlayCategory   *outlay_store_find_category          (OutlayStore    *self,
                                                       const char     *name,
                                                       GCancellable   *cancellable,
                                                       GError        **error);

/* Validates and inserts; sets the id. OUTLAY_ERROR_DUPLICATE when the name
 * exists (“A category named “Food” already exists”). */
gboolean          outlay_store_add_category        (OutlayStore     *self,
                                                    OutlayCategory  *category,
                                                    GCancellable    *cancellable,
                                                    GError         **error);
void              outlay_store_add_category_async  (OutlayStore     *self,
                                                    OutlayCategory  *category,
                                                    GCancellable    *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer         user_data);
gboolean          outlay_store_add_category_finish (OutlayStore     *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);

/* Saves name, color, budget, archived. */
gboolean          outlay_store_update_category        (OutlayStore     *self,
                                                       OutlayCategory  *category,
                                                       GCancellable    *cancellable,
                                                       GError         **error);
void              outlay_store_update_category_async  (OutlayStore     *self,
                                                       OutlayCategory  *category,
                                                       GCancellable    *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer         user_data);
gboolean          outlay_store_update_category_finish (OutlayStore     *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

/* Deletes a category. With @move_to = 0 it refuses with
 * OUTLAY_ERROR_CATEGORY_IN_USE while expenses use it; otherwise moves them to
 * @move_to first, in the same transaction. */
gboolean          outlay_store_delete_category        (OutlayStore     *self,
                                                       gint64           id,
                                                       gint64           move_to,
                                                       GCancellable    *cancellable,
                                                       GError         **error);
void              outlay_store_delete_category_async  (OutlayStore     *self,
                                                       gint64           id,
                                                       gint64           move_to,
                                                       GCancellable    *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer         user_data);
gboolean          outlay_store_delete_category_finish (OutlayStore     *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);

/* --- Reports -------------------------------------------------------------- */

/* Sum and count per category for expenses dated in [@start, @end] (either may
 * be NULL/invalid: open); categories without expenses are left out. Largest
 * total first. GPtrArray of OutlayCategoryTotal. */
GPtrArray        *outlay_store_totals_by_category        (OutlayStore    *self,
                                                          const GDate    *start,
                                                          const GDate    *end,
                                                          GCancellable   *cancellable,
                                                          GError        **error);
void              outlay_store_totals_by_category_async  (OutlayStore    *self,
                                                          const GDate    *start,
                                                          const GDate    *end,
                                                          GCancellable   *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer        user_data);
GPtrArray        *outlay_store_totals_by_category_finish (OutlayStore    *self,
                                                          GAsyncResult   *result,
                                                          GError        **error);

/* Per month in [@start, @end], oldest first; split by category when
 * @by_category. GPtrArray of OutlayMonthTotal. */
GPtrArray        *outlay_store_monthly_totals        (OutlayStore    *self,
                                                      const GDate    *start,
                                                      const GDate    *end,
                                                      gboolean        by_category,
                                                      GCancellable   *cancellable,
                                                      GError        **error);
void              outlay_store_monthly_totals_async  (OutlayStore    *self,
                                                      const GDate    *start,
                                                      const GDate    *end,
                                                      gboolean        by_category,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
GPtrArray        *outlay_store_monthly_totals_finish (OutlayStore    *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);

/* --- Import and export ---------------------------------------------------- */

/* Inserts every record from @source with COPY … FROM STDIN in one
 * transaction. Each record is validated first; the first bad one aborts the
 * import with its row number and nothing is written. Returns the count. */
gboolean          outlay_store_bulk_add_expenses (OutlayStore          *self,
                                                  OutlayExpenseSource   source,
                                                  gpointer              user_data,
                                                  guint64              *out_count,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* CSV (RFC 4180, UTF-8, header "date,description,amount,category,note";
 * ISO dates, decimal amounts) of what @filter matches. */
gboolean          outlay_store_export_csv        (OutlayStore               *self,
                                                  const OutlayExpenseFilter *filter,
                                                  GOutputStream             *stream,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);
void              outlay_store_export_csv_async  (OutlayStore               *self,
                                                  const OutlayExpenseFilter *filter,
                                                  GOutputStream             *stream,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
gboolean          outlay_store_export_csv_finish (OutlayStore               *self,
                                                  GAsyncResult              *result,
                                                  GError                   **error);

G_END_DECLS
