/* outlay-db-listener.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib-unix.h>

#include "outlay-db-exec.h"
#include "outlay-db-listener.h"

/* How long notifications are gathered into one "changed". */
#define COALESCE_MSEC         100
/* Pauses before reconnecting: 1 s, doubling up to a minute. */
#define FIRST_RETRY_MSEC      1000
#define MAX_RETRY_MSEC        (60 * 1000)
/* So the connection can be told apart from the pool's in pg_stat_activity. */
#define APPLICATION_NAME      "outlay-live-sync"

struct _OutlayDbListener
{
  GObject        parent_instance;

  OutlayDbPool  *pool;
  char          *channel;
  char          *version_sql;
  GMainContext  *context;

  /* start_sync() and stop() may come from any thread, the rest from the
   * context: everything below is under the lock. */
  GMutex         lock;
  PGconn        *conn;
  GSource       *watch;        /* readable socket */
  GSource       *retry;        /* the pause before the next attempt */
  GSource       *coalesce;     /* "changed" soon */
  GCancellable  *cancellable;  /* of an attempt running in a worker */
  char          *version;      /* @version_sql's value at the last LISTEN */
  guint          n_failures;
  gboolean       stopped;
};

G_DEFINE_FINAL_TYPE (OutlayDbListener, outlay_db_listener, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker's attempt hands back. */
typedef struct
{
  PGconn *conn;
  char   *version;
} Attempt;

static void
attempt_free (gpointer data)
{
  Attempt *attempt = data;

  if (attempt->conn != NULL)
    PQfinish (attempt->conn);
  g_free (attempt->version);
  g_free (attempt);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Sources hold the listener weakly: they never keep it alive, and one
 * running while another thread drops the last reference holds a strong one
 * for its duration. */
static GSource *
attach_source (OutlayDbListener *self,
               GSource          *source,
               GSourceFunc       callback,
               const char       *name)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_source_set_callback (source, callback, ref, weak_ref_free);
  g_source_set_static_name (source, name);
  g_source_attach (source, self->context);

  return source;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* One attempt, in any thread: LISTEN, then read the version. */
static PGconn *
connect_and_listen (OutlayDbListener  *self,
                    char             **out_version,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autofree char *listen = NULL;
  PGresult *result = NULL;
  char *channel;
  PGconn *conn;

  conn = outlay_db_pool_open_dedicated (self->pool, APPLICATION_NAME, cancellable, error);
  if (conn == NULL)
    return NULL;

  channel = PQescapeIdentifier (conn, self->channel, strlen (self->channel));
  listen = g_strconcat ("LISTEN ", channel, NULL);
  PQfreemem (channel);

  /* Two transactions: LISTEN is in force once it commits, so every write
   * committed later is notified, and every one committed before is in the
   * version read afterwards. In one transaction, a write committing between
   * the version's snapshot and LISTEN's commit would be in neither. */
  if (!outlay_db_exec_simple (conn, listen, error) ||
      (result = outlay_db_exec (conn, self->version_sql, 0, NULL, error)) == NULL)
    {
      PQfinish (conn);
      return NULL;
    }

  *out_version = g_strdup (PQntuples (result) > 0 ? PQgetvalue (result, 0, 0) : "");
  PQclear (result);

  return conn;
}

static gboolean
coalesce_cb (gpointer data)
{
  g_autoptr(OutlayDbListener) self = g_weak_ref_get (data);
  gboolean stopped;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->coalesce, g_source_unref);
  stopped = self->stopped;
  g_mutex_unlock (&self->lock);

  if (!stopped)
    g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
queue_changed_locked (OutlayDbListener *self)
{
  if (self->coalesce == NULL)
    self->coalesce = attach_source (self, g_timeout_source_new (COALESCE_MSEC), coalesce_cb,
                                    "[outlay] live sync changed");
}

/* Notifications libpq has read: ours are the pool's own writes. */
static void
take_notifications_locked (OutlayDbListener *self)
{
  gboolean foreign = FALSE;
  PGnotify *notify;

  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      if (!outlay_db_pool_owns_backend (self->pool, notify->be_pid))
        foreign = TRUE;
      PQfreemem (notify);
    }

  if (foreign)
    queue_changed_locked (self);
}

static gboolean retry_cb (gpointer data);

static void
schedule_retry_locked (OutlayDbListener *self,
                       guint             delay_msec)
{
  if (self->stopped || self->retry != NULL || self->cancellable != NULL)
    return;

  self->retry = attach_source (self, g_timeout_source_new (delay_msec), retry_cb,
                               "[outlay] live sync reconnect");
}

/* The next pause: doubling with each failure, with jitter so that many
 * clients do not knock in step. */
static guint
next_delay_locked (OutlayDbListener *self)
{
  guint delay = FIRST_RETRY_MSEC << MIN (self->n_failures, 6);

  self->n_failures++;
  return (guint) (MIN (delay, MAX_RETRY_MSEC) * g_random_double_range (0.75, 1.25));
}

static gboolean
socket_readable_cb (int          fd,
                    GIOCondition condition,
                    gpointer     data)
{
  g_autoptr(OutlayDbListener) self = g_weak_ref_get (data);
  g_autofree char *reason = NULL;
  gboolean ok;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->lock);

  if (self->conn == NULL)
    {
      g_mutex_unlock (&self->lock);
      return G_SOURCE_REMOVE;
    }

  ok = PQconsumeInput (self->conn) && PQstatus (self->conn) == CONNECTION_OK;
  if (ok)
    {
      take_notifications_locked (self);
      g_mutex_unlock (&self->lock);
      return G_SOURCE_CONTINUE;
    }

  reason = g_strndup (PQerrorMessage (self->conn), strcspn (PQerrorMessage (self->conn), "\n"));
  g_debug ("Live sync lost its connection: %s", reason);
  g_clear_pointer (&self->conn, PQfinish);
  clear_source (&self->watch);
  schedule_retry_locked (self, next_delay_locked (self));

  g_mutex_unlock (&self->lock);
  return G_SOURCE_REMOVE;
}

/* Watches @conn from now on. A version other than the last one means
 * writes were missed while there was no connection. */
static void
take_connection (OutlayDbListener *self,
                 PGconn           *conn,
                 char             *version)
{
  g_mutex_lock (&self->lock);

  if (self->stopped)
    {
      g_mutex_unlock (&self->lock);
      PQfinish (conn);
      g_free (version);
      return;
    }

  g_assert (self->conn == NULL);

  if (self->version != NULL && strcmp (self->version, version) != 0)
    queue_changed_locked (self);
  g_free (self->version);
  self->version = version;
  self->n_failures = 0;
  self->conn = conn;
  self->watch = attach_source (self,
                               g_unix_fd_source_new (PQsocket (conn), G_IO_IN | G_IO_ERR | G_IO_HUP),
                               G_SOURCE_FUNC (socket_readable_cb), "[outlay] live sync socket");

  /* Some may have come in with the version. */
  take_notifications_locked (self);

  g_mutex_unlock (&self->lock);
}

static void
attempt_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Attempt *attempt = g_new0 (Attempt, 1);
  GError *error = NULL;

  attempt->conn = connect_and_listen (source_object, &attempt->version, cancellable, &error);
  if (attempt->conn != NULL)
    g_task_return_pointer (task, attempt, attempt_free);
  else
    {
      attempt_free (attempt);
      g_task_return_error (task, error);
    }
}

static void
attempt_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OutlayDbListener *self = OUTLAY_DB_LISTENER (source);
  g_autoptr(GError) error = NULL;
  Attempt *attempt;

  attempt = g_task_propagate_pointer (G_TASK (result), &error);

  g_mutex_lock (&self->lock);
  g_clear_object (&self->cancellable);
  if (attempt == NULL && !self->stopped)
    {
      g_debug ("Live sync could not reconnect: %s", error->message);
      schedule_retry_locked (self, next_delay_locked (self));
    }
  g_mutex_unlock (&self->lock);

  if (attempt != NULL)
    {
      take_connection (self, g_steal_pointer (&attempt->conn), g_steal_pointer (&attempt->version));
      attempt_free (attempt);
    }
}

static gboolean
retry_cb (gpointer data)
{
  g_autoptr(OutlayDbListener) self = g_weak_ref_get (data);
  g_autoptr(GTask) task = NULL;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->lock);

  g_clear_pointer (&self->retry, g_source_unref);
  if (self->stopped || self->conn != NULL)
    {
      g_mutex_unlock (&self->lock);
      return G_SOURCE_REMOVE;
    }

  self->cancellable = g_cancellable_new ();

  /* The answer comes back in the listener's context, which is not
   * necessarily the thread default while its sources run. */
  g_main_context_push_thread_default (self->context);
  task = g_task_new (self, self->cancellable, attempt_done_cb, NULL);
  g_main_context_pop_thread_default (self->context);
  g_task_set_source_tag (task, retry_cb);
  g_task_run_in_thread (task, attempt_thread);

  g_mutex_unlock (&self->lock);
  return G_SOURCE_REMOVE;
}

static void
outlay_db_listener_dispose (GObject *object)
{
  outlay_db_listener_stop (OUTLAY_DB_LISTENER (object));

  G_OBJECT_CLASS (outlay_db_listener_parent_class)->dispose (object);
}

static void
outlay_db_listener_finalize (GObject *object)
{
  OutlayDbListener *self = (OutlayDbListener *) object;

  g_clear_object (&self->pool);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->version_sql, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (outlay_db_listener_parent_class)->finalize (object);
}

static void
outlay_db_listener_class_init (OutlayDbListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = outlay_db_listener_dispose;
  object_class->finalize = outlay_db_listener_finalize;

  /**
   * OutlayDbListener::changed:
   *
   * Another client wrote, or may have while the connection was down.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
outlay_db_listener_init (OutlayDbListener *self)
{
  g_mutex_init (&self->lock);
}

OutlayDbListener *
outlay_db_listener_new (OutlayDbPool *pool,
                        const char   *channel,
                        const char   *version_sql,
                        GMainContext *context)
{
  OutlayDbListener *self;

  g_return_val_if_fail (OUTLAY_IS_DB_POOL (pool), NULL);
  g_return_val_if_fail (channel != NULL, NULL);
  g_return_val_if_fail (version_sql != NULL, NULL);

  self = g_object_new (OUTLAY_TYPE_DB_LISTENER, NULL);
  self->pool = g_object_ref (pool);
  self->channel = g_strdup (channel);
  self->version_sql = g_strdup (version_sql);
  self->context = context != NULL ? g_main_context_ref (context)
                                  : g_main_context_ref_thread_default ();

  return self;
}

gboolean
outlay_db_listener_start_sync (OutlayDbListener  *self,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  char *version = NULL;
  PGconn *conn;

  g_return_val_if_fail (OUTLAY_IS_DB_LISTENER (self), FALSE);

  conn = connect_and_listen (self, &version, cancellable, &local_error);
  if (conn != NULL)
    {
      take_connection (self, conn, version);
      return TRUE;
    }

  g_mutex_lock (&self->lock);
  schedule_retry_locked (self, next_delay_locked (self));
  g_mutex_unlock (&self->lock);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
outlay_db_listener_start (OutlayDbListener *self)
{
  g_return_if_fail (OUTLAY_IS_DB_LISTENER (self));

  g_mutex_lock (&self->lock);
  if (self->conn == NULL)
    schedule_retry_locked (self, 0);
  g_mutex_unlock (&self->lock);
}

void
outlay_db_listener_stop (OutlayDbListener *self)
{
  g_return_if_fail (OUTLAY_IS_DB_LISTENER (self));

  g_mutex_lock (&self->lock);
  self->stopped = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  clear_source (&self->watch);
  clear_source (&self->retry);
  clear_source (&self->coalesce);
  g_clear_pointer (&self->conn, PQfinish);
  g_mutex_unlock (&self->lock);
}
