/* outlay-store.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "outlay-db-error.h"
#include "outlay-db-exec.h"
#include "outlay-db-listener.h"
#include "outlay-db-pool.h"
#include "outlay-db-resources.h"
#include "outlay-dsn.h"
#include "outlay-store-private.h"

/*
 * The store's core: its lifetime and state, the runner every operation goes
 * through (sync and async alike), migrations, live sync, and the helpers the
 * operation files share (statements of a variable shape, reading rows). The
 * operations themselves live in outlay-store-{expenses,categories,reports,io}.c.
 */

#define MIGRATIONS_PATH "/io/github/outlay/Outlay/db/migrations"

/* Serialises migrations between every Outlay that opens the same books:
 * "Outlay" in ASCII. */
#define MIGRATION_LOCK "87365883027833"

/* A serialization failure or deadlock is retried this many times; a lost
 * connection once. */
#define MAX_CONFLICT_RETRIES 5
#define MAX_RECONNECT_RETRIES 1

/* Live sync: every write statement NOTIFYs the channel (0001-init.sql) and
 * adds to the count (0002-change-counter.sql). */
#define CHANGES_CHANNEL "outlay_changes"
#define CHANGE_COUNT_SQL "SELECT sum (n) FROM outlay.changes"
#define DEFAULT_POLL_MSEC 10000

struct _OutlayStore
{
  GObject           parent_instance;

  OutlayDbPool     *pool;
  char             *display_dsn;
  GMainContext     *context;

  /* What workers post for the main context, coalesced: one dispatch at a time
   * however many writes happen meanwhile. */
  GMutex            lock;
  gboolean          dispatch_queued;
  gboolean          changed_pending;
  OutlayStoreState  posted_state;
  char             *posted_message;

  /* Main context only. */
  OutlayStoreState  state;
  char             *state_message;
  guint             poll_interval;    /* msec, 0: automatic */
  gboolean          polling;          /* a poll is running */

  /* Live sync, started by open in whatever thread it runs and stopped by
   * dispose in whatever thread drops the store: under the lock (live_sync is
   * set in the main context only, and read there without it). */
  gboolean          live_sync;
  gboolean          opened;
  OutlayDbListener *listener;
  GSource          *poll_source;
  GCancellable     *poll_cancellable;
  char             *change_count;     /* what the last poll saw */
};

G_DEFINE_FINAL_TYPE (OutlayStore, outlay_store, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (OutlayStoreState, outlay_store_state,
  G_DEFINE_ENUM_VALUE (OUTLAY_STORE_STATE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (OUTLAY_STORE_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (OUTLAY_STORE_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (OUTLAY_STORE_STATE_OFFLINE, "offline"))

enum {
  PROP_0,
  PROP_DISPLAY_DSN,
  PROP_STATE,
  PROP_STATE_MESSAGE,
  PROP_LIVE_SYNC,
  PROP_POLL_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  int         version;
  const char *name;
} Migration;

typedef struct
{
  const OutlayStoreOp *op;
  gpointer             data;
  GDestroyNotify       data_free;
} RunTask;

/* --- State and "changed", from any thread -------------------------------- */

static void
set_state (OutlayStore      *self,
           OutlayStoreState  state,
           const char       *message)
{
  gboolean state_changed = self->state != state;
  gboolean message_changed = g_strcmp0 (self->state_message, message) != 0;

  if (!state_changed && !message_changed)
    return;

  self->state = state;
  if (message_changed)
    {
      g_free (self->state_message);
      self->state_message = g_strdup (message);
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_MESSAGE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* In the store's context: what was posted becomes properties and signals. */
static void
dispatch (OutlayStore *self)
{
  g_autofree char *message = NULL;
  OutlayStoreState state;
  gboolean changed;

  g_mutex_lock (&self->lock);
  self->dispatch_queued = FALSE;
  changed = self->changed_pending;
  self->changed_pending = FALSE;
  state = self->posted_state;
  message = g_strdup (self->posted_message);
  g_mutex_unlock (&self->lock);

  /* Back from offline: whatever was shown may be stale or never loaded, and
   * others may have written meanwhile, so everyone reloads. */
  if (self->state == OUTLAY_STORE_STATE_OFFLINE && state == OUTLAY_STORE_STATE_CONNECTED)
    changed = TRUE;

  set_state (self, state, message);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
dispatch_cb (gpointer data)
{
  g_autoptr(OutlayStore) self = g_weak_ref_get (data);

  if (self != NULL)
    dispatch (self);

  return G_SOURCE_REMOVE;
}

/* Called with the lock held; TRUE when the caller must queue a dispatch
 * (after unlocking: it may run at once in this thread). */
static gboolean
claim_dispatch (OutlayStore *self)
{
  if (self->dispatch_queued)
    return FALSE;

  self->dispatch_queued = TRUE;
  return TRUE;
}

static void
queue_dispatch (OutlayStore *self)
{
  g_autoptr(GSource) source = NULL;
  GWeakRef *ref;

  /* At once when the caller runs the context already. Not
   * g_main_context_invoke(), nor acquiring it here: from a worker (which
   * may even be the thread that made the store) that runs the callback right
   * there whenever the main thread happens not to hold the context. */
  if (g_main_context_is_owner (self->context))
    {
      dispatch (self);
      return;
    }

  /* Weak: nobody is left to tell once the store is gone, and a context that
   * is never iterated must not keep it alive. */
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch_cb, ref, weak_ref_free);
  g_source_set_static_name (source, "[outlay] store dispatch");
  g_source_attach (source, self->context);
}

static void
post_state (OutlayStore      *self,
            OutlayStoreState  state,
            const char       *message)
{
  gboolean queue = FALSE;

  g_mutex_lock (&self->lock);
  if (self->posted_state != state || g_strcmp0 (self->posted_message, message) != 0)
    {
      self->posted_state = state;
      g_free (self->posted_message);
      self->posted_message = g_strdup (message);
      queue = claim_dispatch (self);
    }
  g_mutex_unlock (&self->lock);

  if (queue)
    queue_dispatch (self);
}

static void
post_changed (OutlayStore *self)
{
  gboolean queue;

  g_mutex_lock (&self->lock);
  self->changed_pending = TRUE;
  queue = claim_dispatch (self);
  g_mutex_unlock (&self->lock);

  if (queue)
    queue_dispatch (self);
}

/* What an operation's outcome says about the connection. */
static void
post_outcome (OutlayStore  *self,
              const GError *error)
{
  if (error == NULL || error->domain == OUTLAY_ERROR)
    {
      post_state (self, OUTLAY_STORE_STATE_CONNECTED, NULL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gboolean was_connecting;

      g_mutex_lock (&self->lock);
      was_connecting = self->posted_state == OUTLAY_STORE_STATE_CONNECTING;
      g_mutex_unlock (&self->lock);

      if (was_connecting)
        post_state (self, OUTLAY_STORE_STATE_DISCONNECTED, NULL);
      return;
    }

  if (error->domain != OUTLAY_DB_ERROR)
    return;

  switch ((OutlayDbError) error->code)
    {
    case OUTLAY_DB_ERROR_QUERY:
    case OUTLAY_DB_ERROR_SERIALIZATION:
      /* The server answered. */
      post_state (self, OUTLAY_STORE_STATE_CONNECTED, NULL);
      break;

    case OUTLAY_DB_ERROR_CONFIG:
    case OUTLAY_DB_ERROR_CONNECT:
    case OUTLAY_DB_ERROR_AUTH:
    case OUTLAY_DB_ERROR_NO_DATABASE:
    case OUTLAY_DB_ERROR_CONNECTION_LOST:
    case OUTLAY_DB_ERROR_SERVER_MISSING:
    case OUTLAY_DB_ERROR_SERVER_FAILED:
    case OUTLAY_DB_ERROR_SCHEMA:
    default:
      post_state (self, OUTLAY_STORE_STATE_OFFLINE, error->message);
      break;
    }
}

static void
pool_connecting_cb (OutlayDbPool *pool,
                    guint         attempt,
                    OutlayStore  *self)
{
  /* The first attempt is every new pooled connection; later ones mean the
   * server does not answer yet, as a paused serverless compute. */
  if (attempt > 1)
    post_state (self, OUTLAY_STORE_STATE_CONNECTING, _("Waking the database…"));
}

/* --- Transactions ---------------------------------------------------------- */

static void
rollback (PGconn *conn)
{
  PGTransactionStatusType status = PQtransactionStatus (conn);

  if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR)
    {
      g_autoptr(GError) ignored = NULL;

      if (!outlay_db_exec_simple (conn, "ROLLBACK", &ignored))
        g_debug ("ROLLBACK failed: %s", ignored->message);
    }
}

static gboolean
is_ok (PGresult *result)
{
  ExecStatusType status = PQresultStatus (result);

  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

/* BEGIN, @sql and (with @commit) COMMIT in one round trip. */
static PGresult *
exec_pipelined (PGconn              *conn,
                const char          *sql,
                int                  n_params,
                const char * const  *params,
                gboolean             commit,
                GError             **error)
{
  int n_statements = commit ? 3 : 2;
  PGresult *statement_result = NULL;
  PGresult *failure = NULL;
  gboolean sent;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  outlay_db_log_statement (sql, n_params, params);

  if (!PQenterPipelineMode (conn))
    {
      outlay_db_set_error_from_result (error, conn, NULL);
      return NULL;
    }

  sent = PQsendQueryParams (conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0) &&
         PQsendQueryParams (conn, sql, n_params, NULL, params, NULL, NULL, 0) &&
         (!commit || PQsendQueryParams (conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0)) &&
         PQpipelineSync (conn);

  if (sent)
    {
      /* Each statement's results end with NULL; an error aborts the rest of
       * the pipeline (PGRES_PIPELINE_ABORTED) up to the sync. */
      for (int i = 0; i < n_statements && PQstatus (conn) != CONNECTION_BAD; i++)
        {
          PGresult *result;

          while ((result = PQgetResult (conn)) != NULL)
            {
              if (PQresultStatus (result) == PGRES_FATAL_ERROR && failure == NULL)
                failure = result;
              else if (i == 1 && statement_result == NULL && is_ok (result))
                statement_result = result;
              else
                PQclear (result);
            }
        }

      if (PQstatus (conn) != CONNECTION_BAD)
        PQclear (PQgetResult (conn));   /* PGRES_PIPELINE_SYNC */
    }

  /* A connection left in pipeline mode is discarded by the runner. */
  if (PQstatus (conn) != CONNECTION_BAD)
    PQexitPipelineMode (conn);

  if (sent && failure == NULL && statement_result != NULL)
    return statement_result;

  PQclear (statement_result);

  /* The statement failed inside the transaction (COMMIT was skipped): end it.
   * A failed COMMIT has ended it already. */
  if (PQpipelineStatus (conn) == PQ_PIPELINE_OFF)
    rollback (conn);

  outlay_db_set_error_from_result (error, conn, failure);
  PQclear (failure);
  return NULL;
}

PGresult *
outlay_store_exec_in_transaction (PGconn              *conn,
                                  const char          *sql,
                                  int                  n_params,
                                  const char * const  *params,
                                  GError             **error)
{
  return exec_pipelined (conn, sql, n_params, params, TRUE, error);
}

PGresult *
outlay_store_exec_after_begin (PGconn              *conn,
                               const char          *sql,
                               int                  n_params,
                               const char * const  *params,
                               GError             **error)
{
  return exec_pipelined (conn, sql, n_params, params, FALSE, error);
}

gboolean
outlay_store_commit (PGconn  *conn,
                     GError **error)
{
  /* COMMIT of a failed transaction "succeeds" by rolling back. */
  if (PQtransactionStatus (conn) != PQTRANS_INTRANS)
    {
      g_set_error_literal (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_QUERY,
                           _("The database transaction was aborted"));
      return FALSE;
    }

  return outlay_db_exec_simple (conn, "COMMIT", error);
}

static gboolean
run_in_transaction (PGconn               *conn,
                    const OutlayStoreOp  *op,
                    gpointer              data,
                    GCancellable         *cancellable,
                    GError              **error)
{
  gboolean ok;

  if (op->flags & OUTLAY_STORE_OP_OWN_TRANSACTION)
    ok = op->run (conn, data, cancellable, error);
  else
    ok = outlay_db_exec_simple (conn, "BEGIN", error) &&
         op->run (conn, data, cancellable, error) &&
         outlay_store_commit (conn, error);

  if (!ok)
    rollback (conn);

  return ok;
}

static gboolean
should_retry (const OutlayStoreOp *op,
              const GError        *error,
              guint               *n_reconnects,
              guint               *n_conflicts)
{
  if ((op->flags & OUTLAY_STORE_OP_NO_RETRY) || !outlay_db_error_is_retryable (error))
    return FALSE;

  if (g_error_matches (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECTION_LOST))
    return (*n_reconnects)++ < MAX_RECONNECT_RETRIES;

  return (*n_conflicts)++ < MAX_CONFLICT_RETRIES;
}

gboolean
outlay_store_run (OutlayStore          *self,
                  const OutlayStoreOp  *op,
                  gpointer              data,
                  GCancellable         *cancellable,
                  GError              **error)
{
  guint n_reconnects = 0;
  guint n_conflicts = 0;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (op != NULL && op->run != NULL, FALSE);

  if (op->check != NULL && !op->check (data, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      PGconn *conn;
      gboolean ok;

      conn = outlay_db_pool_acquire (self->pool, cancellable, &local_error);
      if (conn != NULL)
        {
          ok = run_in_transaction (conn, op, data, cancellable, &local_error);

          /* Pipeline mode left on means the exchange broke off halfway. */
          if (PQpipelineStatus (conn) != PQ_PIPELINE_OFF)
            outlay_db_pool_discard (self->pool, conn);
          else
            outlay_db_pool_release (self->pool, conn);

          if (ok)
            {
              post_outcome (self, NULL);
              if (op->flags & OUTLAY_STORE_OP_WRITE)
                post_changed (self);
              return TRUE;
            }

          if (should_retry (op, local_error, &n_reconnects, &n_conflicts) &&
              !g_cancellable_is_cancelled (cancellable))
            {
              g_debug ("Retrying a transaction: %s", local_error->message);
              continue;
            }
        }

      post_outcome (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

static void
run_task_free (gpointer data)
{
  RunTask *run = data;

  if (run->data_free != NULL)
    g_clear_pointer (&run->data, run->data_free);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunTask *run = task_data;
  GError *error = NULL;

  if (outlay_store_run (source_object, run->op, run->data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
outlay_store_run_async (OutlayStore          *self,
                        const OutlayStoreOp  *op,
                        gpointer              data,
                        GDestroyNotify        data_free,
                        gpointer              source_tag,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RunTask *run;

  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (op != NULL);

  run = g_new0 (RunTask, 1);
  run->op = op;
  run->data = data;
  run->data_free = data_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, run, run_task_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
outlay_store_run_finish (OutlayStore   *self,
                         GAsyncResult  *result,
                         gpointer       source_tag,
                         gpointer      *out_data,
                         GError       **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (out_data != NULL)
    *out_data = ((RunTask *) g_task_get_task_data (G_TASK (result)))->data;
  return TRUE;
}

/* --- Live sync ------------------------------------------------------------- */

static gboolean
op_count_changes (PGconn        *conn,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  char **count = data;
  PGresult *result;

  result = outlay_db_exec (conn, CHANGE_COUNT_SQL, 0, NULL, error);
  if (result == NULL)
    return FALSE;

  g_free (*count);
  *count = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return TRUE;
}

/* One statement needs no BEGIN … COMMIT around it: a single round trip. */
static const OutlayStoreOp count_changes_op = {
  op_count_changes, NULL, OUTLAY_STORE_OP_OWN_TRANSACTION
};

static void
count_free (gpointer data)
{
  char **count = data;

  g_free (*count);
  g_free (count);
}

/* The first count is the baseline; a different one later means writes. The
 * store's own are among them: through a pooler, "changed" comes once more
 * for those. */
static void
compare_change_count (OutlayStore *self,
                      const char  *count)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = self->change_count != NULL && g_strcmp0 (self->change_count, count) != 0;
  g_free (self->change_count);
  self->change_count = g_strdup (count);
  g_mutex_unlock (&self->lock);

  if (changed)
    post_changed (self);
}

static gboolean poll_tick_cb (gpointer data);

static void
poll_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  OutlayStore *self = OUTLAY_STORE (source);
  g_autoptr(GError) error = NULL;
  char **count = NULL;

  self->polling = FALSE;

  if (outlay_store_run_finish (self, result, poll_tick_cb, (gpointer *) &count, &error))
    compare_change_count (self, *count);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Polling for changes failed: %s", error->message);
}

static gboolean
poll_tick_cb (gpointer data)
{
  g_autoptr(OutlayStore) self = g_weak_ref_get (data);
  g_autoptr(GCancellable) cancellable = NULL;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  /* Not while offline or connecting: a poll would retry connections in the
   * background, and the app's next operation finds out when the books are
   * back. */
  if (self->polling || self->state != OUTLAY_STORE_STATE_CONNECTED)
    return G_SOURCE_CONTINUE;

  g_mutex_lock (&self->lock);
  g_set_object (&cancellable, self->poll_cancellable);
  g_mutex_unlock (&self->lock);

  if (cancellable == NULL)
    return G_SOURCE_REMOVE;

  self->polling = TRUE;

  /* The answer comes back to the thread default: make that the store's. */
  g_main_context_push_thread_default (self->context);
  outlay_store_run_async (self, &count_changes_op, g_new0 (char *, 1), count_free, poll_tick_cb,
                          cancellable, poll_done_cb, NULL);
  g_main_context_pop_thread_default (self->context);

  return G_SOURCE_CONTINUE;
}

static void
listener_changed_cb (OutlayDbListener *listener,
                     OutlayStore      *self)
{
  post_changed (self);
}

static gboolean
uses_polling (OutlayStore *self)
{
  return self->poll_interval > 0 || outlay_dsn_is_pooler (outlay_db_pool_get_dsn (self->pool));
}

/* Called with the lock held. Checked again when the listener or the timer
 * is put in place: live sync may have been turned off meanwhile. */
static gboolean
live_sync_wanted_locked (OutlayStore *self)
{
  return self->live_sync && self->opened && self->listener == NULL && self->poll_source == NULL;
}

/* Open calls it with @block: the listener is in place, or the first count
 * taken, before open returns, so that no write after it goes unnoticed. The
 * setters, in the main context, must not block. */
static void
start_live_sync (OutlayStore  *self,
                 gboolean      block,
                 GCancellable *cancellable)
{
  g_autoptr(OutlayDbListener) listener = NULL;
  g_autoptr(GError) error = NULL;
  gboolean wanted;

  g_mutex_lock (&self->lock);
  wanted = live_sync_wanted_locked (self);
  g_mutex_unlock (&self->lock);

  if (!wanted)
    return;

  if (uses_polling (self))
    {
      guint interval = self->poll_interval > 0 ? self->poll_interval : DEFAULT_POLL_MSEC;
      g_autofree char *count = NULL;
      GSource *source;
      GWeakRef *ref;

      if (block && outlay_store_run (self, &count_changes_op, &count, cancellable, &error))
        compare_change_count (self, count);

      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, self);
      source = g_timeout_source_new (interval);
      g_source_set_callback (source, poll_tick_cb, ref, weak_ref_free);
      g_source_set_static_name (source, "[outlay] live sync poll");

      /* Attached under the lock, so that stop_live_sync() finds it attached. */
      g_mutex_lock (&self->lock);
      if (live_sync_wanted_locked (self))
        {
          self->poll_source = g_source_ref (source);
          self->poll_cancellable = g_cancellable_new ();
          g_source_attach (source, self->context);
        }
      g_mutex_unlock (&self->lock);

      g_source_unref (source);
      return;
    }

  listener = outlay_db_listener_new (self->pool, CHANGES_CHANNEL, CHANGE_COUNT_SQL, self->context);
  g_signal_connect (listener, "changed", G_CALLBACK (listener_changed_cb), self);

  /* Once in place, stop_live_sync() stops it, even while it connects. */
  g_mutex_lock (&self->lock);
  wanted = live_sync_wanted_locked (self);
  if (wanted)
    self->listener = g_object_ref (listener);
  g_mutex_unlock (&self->lock);

  if (!wanted)
    return;

  if (!block)
    outlay_db_listener_start (listener);
  else if (!outlay_db_listener_start_sync (listener, cancellable, &error))
    g_debug ("Live sync will keep trying to connect: %s", error->message);
}

static void
stop_live_sync (OutlayStore *self)
{
  g_autoptr(OutlayDbListener) listener = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  GSource *source;

  g_mutex_lock (&self->lock);
  listener = g_steal_pointer (&self->listener);
  source = g_steal_pointer (&self->poll_source);
  cancellable = g_steal_pointer (&self->poll_cancellable);
  g_clear_pointer (&self->change_count, g_free);
  g_mutex_unlock (&self->lock);

  if (listener != NULL)
    {
      g_signal_handlers_disconnect_by_data (listener, self);
      outlay_db_listener_stop (listener);
    }

  if (source != NULL)
    {
      g_source_destroy (source);
      g_source_unref (source);
    }

  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
}

static void
restart_live_sync (OutlayStore *self)
{
  stop_live_sync (self);
  start_live_sync (self, FALSE, NULL);
}

/* Blocking, as at open: the listener is in place, or the first count taken,
 * when it returns. */
static void
resume_live_sync_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  start_live_sync (source_object, TRUE, cancellable);
  g_task_return_boolean (task, TRUE);
}

/* Live sync is back after a pause, in which nothing was heard: everyone
 * reloads, as when the store comes back from offline, and what is written
 * from now on is heard. Posted from the caller's context rather than the
 * worker's. */
static void
live_sync_resumed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  post_changed (OUTLAY_STORE (source));
}

/* --- Migrations ------------------------------------------------------------ */

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  const Migration *ma = a;
  const Migration *mb = b;

  return (ma->version > mb->version) - (ma->version < mb->version);
}

/* The numbered SQL files ("0001-init.sql") in the resource, oldest first.
 * Their names point into @names. */
static GArray *
list_migrations (GStrv *names)
{
  GArray *migrations = g_array_new (FALSE, FALSE, sizeof (Migration));
  g_autoptr(GError) error = NULL;

  *names = g_resource_enumerate_children (outlay_db_get_resource (), MIGRATIONS_PATH,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (*names == NULL)
    g_error ("No migrations in the resource: %s", error->message);

  for (guint i = 0; (*names)[i] != NULL; i++)
    {
      const char *name = (*names)[i];
      char *end = NULL;
      Migration m;

      if (!g_str_has_suffix (name, ".sql"))
        continue;

      m.version = (int) g_ascii_strtoll (name, &end, 10);
      m.name = name;
      g_assert (end != name && *end == '-' && m.version > 0);
      g_array_append_val (migrations, m);
    }

  g_array_sort (migrations, compare_migrations);
  return migrations;
}

static gboolean
apply_migration (PGconn           *conn,
                 const Migration  *migration,
                 GError          **error)
{
  g_autofree char *path = g_build_path ("/", MIGRATIONS_PATH, migration->name, NULL);
  g_autofree char *version = g_strdup_printf ("%d", migration->version);
  const char *params[] = { version };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  const char *text;
  PGresult *result;
  gsize size;

  bytes = g_resource_lookup_data (outlay_db_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  text = g_bytes_get_data (bytes, &size);
  sql = g_strndup (text, size);

  g_debug ("Applying migration %s", migration->name);

  if (!outlay_db_exec_simple (conn, sql, &local_error))
    {
      /* A lost connection keeps its code, so the runner retries. */
      if (outlay_db_error_is_retryable (local_error))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SCHEMA,
                     _("Could not update the books to version %d: %s"),
                     migration->version, local_error->message);
      return FALSE;
    }

  result = outlay_db_exec (conn, "INSERT INTO outlay.schema_migrations (version) VALUES ($1)",
                           1, params, error);
  PQclear (result);
  return result != NULL;
}

gboolean
outlay_store_read_books_version (PGconn  *conn,
                                 int     *out_version,
                                 GError **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GArray) migrations = list_migrations (&names);
  int latest = g_array_index (migrations, Migration, migrations->len - 1).version;
  PGresult *result;
  int current;

  /* to_regclass() answers NULL for a missing table: no privilege is needed
   * beyond logging in. */
  result = outlay_db_exec (conn, "SELECT to_regclass ('outlay.schema_migrations') IS NOT NULL",
                           0, NULL, error);
  if (result == NULL)
    return FALSE;
  current = PQgetvalue (result, 0, 0)[0] == 't' ? 0 : -1;
  PQclear (result);

  if (current == 0)
    {
      result = outlay_db_exec (conn, "SELECT coalesce (max (version), 0) FROM outlay.schema_migrations",
                               0, NULL, error);
      if (result == NULL)
        return FALSE;
      current = (int) outlay_store_get_int64 (result, 0, 0);
      PQclear (result);
    }

  if (current > latest)
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SCHEMA,
                   _("These books were written by a newer Outlay (version %d of the books; "
                     "this Outlay knows up to %d). Update Outlay to open them."),
                   current, latest);
      return FALSE;
    }

  *out_version = current;
  return TRUE;
}

static gboolean
op_migrate (PGconn        *conn,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GArray) migrations = list_migrations (&names);
  PGresult *result;
  int current;

  /* Another Outlay opening the same books waits here until we commit, then
   * finds nothing left to do. */
  result = outlay_db_exec (conn, "SELECT pg_advisory_xact_lock (" MIGRATION_LOCK ")",
                           0, NULL, error);
  if (result == NULL)
    return FALSE;
  PQclear (result);

  /* Checked first: CREATE SCHEMA needs a privilege that using the books
   * does not. */
  if (!outlay_store_read_books_version (conn, &current, error))
    return FALSE;

  if (current < 0 &&
      !outlay_db_exec_simple (conn,
                              "CREATE SCHEMA IF NOT EXISTS outlay;"
                              "CREATE TABLE IF NOT EXISTS outlay.schema_migrations ("
                              "  version    integer PRIMARY KEY,"
                              "  applied_at timestamptz NOT NULL DEFAULT now ())",
                              error))
    return FALSE;

  for (guint i = 0; i < migrations->len; i++)
    {
      const Migration *m = &g_array_index (migrations, Migration, i);

      if (m->version > current && !apply_migration (conn, m, error))
        return FALSE;
    }

  return TRUE;
}

static const OutlayStoreOp migrate_op = { op_migrate, NULL, OUTLAY_STORE_OP_READ };

/* Migrates, then starts live sync. */
static gboolean
open_books (OutlayStore   *self,
            GCancellable  *cancellable,
            GError       **error)
{
  if (!outlay_store_run (self, &migrate_op, NULL, cancellable, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  self->opened = TRUE;
  g_mutex_unlock (&self->lock);

  start_live_sync (self, TRUE, cancellable);
  return TRUE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (open_books (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* --- Statements with a variable shape --------------------------------------- */

void
outlay_store_query_init (OutlayStoreQuery *query,
                         const char       *sql)
{
  query->sql = g_string_new (sql);
  query->params = g_ptr_array_new_with_free_func (g_free);
  query->n_conditions = 0;
}

void
outlay_store_query_clear (OutlayStoreQuery *query)
{
  if (query->sql != NULL)
    g_string_free (g_steal_pointer (&query->sql), TRUE);
  g_clear_pointer (&query->params, g_ptr_array_unref);
}

void
outlay_store_query_begin_condition (OutlayStoreQuery *query)
{
  g_string_append (query->sql, query->n_conditions++ == 0 ? " WHERE " : " AND ");
}

guint
outlay_store_query_add_param (OutlayStoreQuery *query,
                              char             *value)
{
  g_ptr_array_add (query->params, value);
  return query->params->len;
}

PGresult *
outlay_store_query_exec (OutlayStoreQuery  *query,
                         PGconn            *conn,
                         GError           **error)
{
  return outlay_db_exec (conn, query->sql->str, query->params->len,
                         (const char * const *) query->params->pdata, error);
}

PGresult *
outlay_store_query_exec_in_transaction (OutlayStoreQuery  *query,
                                        PGconn            *conn,
                                        GError           **error)
{
  return outlay_store_exec_in_transaction (conn, query->sql->str, query->params->len,
                                           (const char * const *) query->params->pdata, error);
}

/* --- Rows ------------------------------------------------------------------- */

/* Integers as the server prints them; hand-parsed because a listing reads
 * millions of them. */
static gint64
parse_int64 (const char *text)
{
  gboolean negative = *text == '-';
  gint64 value = 0;

  if (negative)
    text++;

  for (; *text >= '0' && *text <= '9'; text++)
    value = value * 10 + (*text - '0');

  return negative ? -value : value;
}

gint64
outlay_store_get_int64 (PGresult *result,
                        int       row,
                        int       column)
{
  return parse_int64 (PQgetvalue (result, row, column));
}

gint64
outlay_store_get_money (PGresult *result,
                        int       row,
                        int       column)
{
  const char *text = PQgetvalue (result, row, column);
  const char *p = text;
  gboolean negative = *p == '-';
  gint64 value = 0;
  int decimals = -1;

  if (negative)
    p++;

  /* numeric(14,2) and its sums print as "1234.50": at most two decimals. */
  for (; *p != '\0'; p++)
    {
      if (*p >= '0' && *p <= '9' && decimals < 2)
        {
          value = value * 10 + (*p - '0');
          if (decimals >= 0)
            decimals++;
        }
      else if (*p == '.' && decimals < 0)
        {
          decimals = 0;
        }
      else
        {
          g_critical ("Unexpected amount from the database: “%s”", text);
          return 0;
        }
    }

  for (decimals = MAX (decimals, 0); decimals < 2; decimals++)
    value *= 10;

  return negative ? -value : value;
}

const char *
outlay_store_get_text (PGresult *result,
                       int       row,
                       int       column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

GDateTime *
outlay_store_get_date_time (PGresult *result,
                            int       row,
                            int       column)
{
  gint64 usec = outlay_store_get_int64 (result, row, column);
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      seconds--;
      rest += G_USEC_PER_SEC;
    }

  /* UTC: the local zone is looked up on disk every time it is asked for,
   * and people see these converted (g_date_time_to_local()) if at all. */
  whole = g_date_time_new_from_unix_utc (seconds);
  return g_date_time_add (whole, rest);
}

void
outlay_store_record_from_row (PGresult            *result,
                              int                  row,
                              OutlayExpenseRecord *record)
{
  record->id = parse_int64 (PQgetvalue (result, row, 0));
  record->uuid = PQgetvalue (result, row, 1);
  record->description = PQgetvalue (result, row, 2);
  record->amount = outlay_store_get_money (result, row, 3);
  g_date_clear (&record->date, 1);
  g_date_set_julian (&record->date, (guint32) parse_int64 (PQgetvalue (result, row, 4)));
  record->category_id = parse_int64 (PQgetvalue (result, row, 5));
  record->category_name = outlay_store_get_text (result, row, 6);
  record->note = outlay_store_get_text (result, row, 7);
}

OutlayExpense *
outlay_store_expense_from_row (PGresult *result,
                               int       row)
{
  OutlayExpense *expense = outlay_expense_new ();
  g_autoptr(GDateTime) created_at = outlay_store_get_date_time (result, row, 9);
  g_autoptr(GDateTime) updated_at = outlay_store_get_date_time (result, row, 10);
  OutlayExpenseRecord record;

  g_assert (PQnfields (result) == OUTLAY_STORE_N_EXPENSE_COLUMNS);

  outlay_store_record_from_row (result, row, &record);

  outlay_expense_set_id (expense, record.id);
  outlay_expense_set_uuid (expense, record.uuid);
  outlay_expense_set_description (expense, record.description);
  outlay_expense_set_amount (expense, record.amount);
  outlay_expense_set_date (expense, &record.date);
  outlay_expense_set_category_id (expense, record.category_id);
  outlay_expense_set_category_name (expense, record.category_name);
  outlay_expense_set_note (expense, record.note);
  outlay_expense_set_category_color (expense, outlay_store_get_text (result, row, 8));
  outlay_expense_set_created_at (expense, created_at);
  outlay_expense_set_updated_at (expense, updated_at);
  outlay_expense_set_version (expense, (int) outlay_store_get_int64 (result, row, 11));

  return expense;
}

GPtrArray *
outlay_store_expenses_from_result (PGresult *result)
{
  int n_rows = PQntuples (result);
  GPtrArray *expenses = g_ptr_array_new_full (n_rows, g_object_unref);

  for (int i = 0; i < n_rows; i++)
    g_ptr_array_add (expenses, outlay_store_expense_from_row (result, i));

  return expenses;
}

char *
outlay_store_format_id_array (const gint64 *ids,
                              guint         n_ids)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);

  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return (ia > ib) - (ia < ib);
}

GArray *
outlay_store_distinct_ids (const gint64 *ids,
                           guint         n_ids)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  guint n = 0;

  g_array_append_vals (sorted, ids, n_ids);
  g_array_sort (sorted, compare_int64);

  for (guint i = 0; i < sorted->len; i++)
    if (n == 0 || g_array_index (sorted, gint64, i) != g_array_index (sorted, gint64, n - 1))
      g_array_index (sorted, gint64, n++) = g_array_index (sorted, gint64, i);

  g_array_set_size (sorted, n);
  return sorted;
}

void
outlay_store_set_expense_missing (GError **error,
                                  gint64   id)
{
  g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND,
               _("There is no expense #%" PRId64), id);
}

void
outlay_store_set_category_missing (GError **error,
                                   gint64   category_id)
{
  g_clear_error (error);
  g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING,
               _("There is no category #%" PRId64 ". "
                 "Create the category first, or pick an existing one."),
               category_id);
}

/* --- GObject ----------------------------------------------------------------- */

static void
outlay_store_dispose (GObject *object)
{
  OutlayStore *self = (OutlayStore *) object;

  stop_live_sync (self);

  if (self->pool != NULL)
    g_signal_handlers_disconnect_by_data (self->pool, self);
  g_clear_object (&self->pool);

  G_OBJECT_CLASS (outlay_store_parent_class)->dispose (object);
}

static void
outlay_store_finalize (GObject *object)
{
  OutlayStore *self = (OutlayStore *) object;

  g_clear_pointer (&self->display_dsn, g_free);
  g_clear_pointer (&self->posted_message, g_free);
  g_clear_pointer (&self->state_message, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (outlay_store_parent_class)->finalize (object);
}

static void
outlay_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OutlayStore *self = OUTLAY_STORE (object);

  switch (prop_id)
    {
    case PROP_DISPLAY_DSN:
      g_value_set_string (value, self->display_dsn);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_STATE_MESSAGE:
      g_value_set_string (value, self->state_message);
      break;

    case PROP_LIVE_SYNC:
      g_value_set_boolean (value, self->live_sync);
      break;

    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OutlayStore *self = OUTLAY_STORE (object);

  switch (prop_id)
    {
    case PROP_LIVE_SYNC:
      outlay_store_set_live_sync (self, g_value_get_boolean (value));
      break;

    case PROP_POLL_INTERVAL:
      outlay_store_set_poll_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_store_class_init (OutlayStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = outlay_store_dispose;
  object_class->finalize = outlay_store_finalize;
  object_class->get_property = outlay_store_get_property;
  object_class->set_property = outlay_store_set_property;

  /* The DSN with the password masked. */
  properties[PROP_DISPLAY_DSN] =
    g_param_spec_string ("display-dsn", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       OUTLAY_TYPE_STORE_STATE,
                       OUTLAY_STORE_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Why the store is offline (or what it is waiting for), for people. */
  properties[PROP_STATE_MESSAGE] =
    g_param_spec_string ("state-message", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Whether "changed" also reports other clients' writes. */
  properties[PROP_LIVE_SYNC] =
    g_param_spec_boolean ("live-sync", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Milliseconds between polls; 0: LISTEN when the connection allows it. */
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OutlayStore::changed:
   *
   * Something was written through this store or, with live sync, by another
   * client; also when the store reconnects after being offline, and when live
   * sync is turned on again (writes made meanwhile went unheard).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
outlay_store_init (OutlayStore *self)
{
  g_mutex_init (&self->lock);
  self->live_sync = TRUE;
  self->context = g_main_context_ref_thread_default ();
}

/* --- Public API -------------------------------------------------------------- */

OutlayStore *
outlay_store_new (const char  *dsn,
                  GError     **error)
{
  g_autoptr(OutlayStore) self = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (dsn != NULL, NULL);

  normalized = outlay_dsn_normalize (dsn, error);
  if (normalized == NULL)
    return NULL;

  self = g_object_new (OUTLAY_TYPE_STORE, NULL);
  self->display_dsn = outlay_dsn_mask (normalized);
  self->pool = outlay_db_pool_new (normalized, OUTLAY_DB_POOL_KEEP, OUTLAY_DB_POOL_OVERFLOW);
  g_signal_connect (self->pool, "connecting", G_CALLBACK (pool_connecting_cb), self);

  return g_steal_pointer (&self);
}

gboolean
outlay_store_open (OutlayStore   *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  post_state (self, OUTLAY_STORE_STATE_CONNECTING, _("Connecting…"));
  return open_books (self, cancellable, error);
}

void
outlay_store_open_async (OutlayStore         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  post_state (self, OUTLAY_STORE_STATE_CONNECTING, _("Connecting…"));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, outlay_store_open_async);
  g_task_run_in_thread (task, open_thread);
}

gboolean
outlay_store_open_finish (OutlayStore   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == outlay_store_open_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
outlay_store_get_display_dsn (OutlayStore *self)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  return self->display_dsn;
}

OutlayStoreState
outlay_store_get_state (OutlayStore *self)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), OUTLAY_STORE_STATE_DISCONNECTED);

  return self->state;
}

const char *
outlay_store_get_state_message (OutlayStore *self)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  return self->state_message;
}

void
outlay_store_set_live_sync (OutlayStore *self,
                            gboolean     live_sync)
{
  g_autoptr(GTask) task = NULL;
  gboolean opened;

  g_return_if_fail (OUTLAY_IS_STORE (self));

  live_sync = !!live_sync;
  if (self->live_sync == live_sync)
    return;

  g_mutex_lock (&self->lock);
  self->live_sync = live_sync;
  opened = self->opened;
  g_mutex_unlock (&self->lock);

  if (!live_sync)
    {
      stop_live_sync (self);
    }
  else if (opened)
    {
      task = g_task_new (self, NULL, live_sync_resumed_cb, NULL);
      g_task_set_source_tag (task, outlay_store_set_live_sync);
      g_task_run_in_thread (task, resume_live_sync_thread);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_SYNC]);
}

gboolean
outlay_store_get_live_sync (OutlayStore *self)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);

  return self->live_sync;
}

void
outlay_store_set_poll_interval (OutlayStore *self,
                                guint        poll_interval_msec)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  if (self->poll_interval == poll_interval_msec)
    return;

  self->poll_interval = poll_interval_msec;
  restart_live_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

guint
outlay_store_get_poll_interval (OutlayStore *self)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), 0);

  return self->poll_interval;
}
