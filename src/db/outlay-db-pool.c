/* outlay-db-pool.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-db-error.h"
#include "outlay-db-exec.h"
#include "outlay-db-pool.h"
#include "outlay-dsn.h"

/* A pooled connection that sat idle longer than this gets a round trip
 * before it is handed out (the spec's pre_ping). */
#define PING_AFTER_IDLE_USEC   (5 * G_USEC_PER_SEC)
/* One connection attempt, as libpq's connect_timeout. */
#define CONNECT_TIMEOUT_USEC   (10 * G_USEC_PER_SEC)
/* Attempts while a serverless compute wakes: waits of about 1, 2, 4 and 8 s. */
#define CONNECT_ATTEMPTS       5
#define FIRST_BACKOFF_USEC     (1 * G_USEC_PER_SEC)
/* How long acquire() waits for a busy pool before giving up. */
#define ACQUIRE_TIMEOUT_USEC   (30 * G_USEC_PER_SEC)
/* How long a closed connection's backend still counts as the pool's: its
 * last notifications may be read after it closed. */
#define BACKEND_GRACE_USEC     (30 * G_USEC_PER_SEC)
/* The connections acquire() hands out, unless the DSN names another. */
#define POOL_APPLICATION_NAME  "outlay"
/* An idle connection is closed after this long: a serverless compute (Neon)
 * scales to zero only once nobody is connected, and a pooler's server
 * connection is freed. Long enough that a burst of work, or live sync's
 * polls, reuse the connections. */
#define IDLE_TIMEOUT_MSEC      (60 * 1000)

typedef struct
{
  PGconn *conn;
  gint64  idle_since;
} IdleConn;

struct _OutlayDbPool
{
  GObject       parent_instance;

  char         *dsn;
  char         *host;
  guint         keep;
  guint         overflow;
  GMainContext *context;

  GMutex        mutex;
  GCond         cond;
  GQueue        idle;       /* IdleConn*, most recently released first */
  guint         n_open;     /* idle + handed out + being opened */
  guint         n_waiting;  /* in acquire(), for a connection to come back */
  guint         idle_timeout;  /* msec, 0: never */
  GSource      *reaper;     /* closes the oldest idle connection when it expires */
  /* Backend pid → when its connection closed (0: still open), for
   * outlay_db_pool_owns_backend(). */
  GHashTable   *backends;
};

G_DEFINE_FINAL_TYPE (OutlayDbPool, outlay_db_pool, G_TYPE_OBJECT)

enum
{
  CONNECTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef pool;
  guint    attempt;
} ConnectingData;

static void
connecting_data_free (gpointer data)
{
  ConnectingData *cd = data;

  g_weak_ref_clear (&cd->pool);
  g_free (cd);
}

static gboolean
emit_connecting_cb (gpointer data)
{
  ConnectingData *cd = data;
  g_autoptr(OutlayDbPool) self = g_weak_ref_get (&cd->pool);

  if (self != NULL)
    g_signal_emit (self, signals[CONNECTING], 0, cd->attempt);

  return G_SOURCE_REMOVE;
}

/* The signal is for the UI, so it goes to the creator's main context; a weak
 * reference lets the pool go even when nobody iterates that context. Not
 * g_main_context_invoke(): from a thread without a main context of its own it
 * would call straight away, in that thread. */
static void
notify_connecting (OutlayDbPool *self,
                   guint         attempt)
{
  g_autoptr(GSource) source = NULL;
  ConnectingData *cd;

  if (g_main_context_is_owner (self->context))
    {
      g_signal_emit (self, signals[CONNECTING], 0, attempt);
      return;
    }

  cd = g_new0 (ConnectingData, 1);
  g_weak_ref_init (&cd->pool, self);
  cd->attempt = attempt;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_connecting_cb, cd, connecting_data_free);
  g_source_set_static_name (source, "[outlay] pool connecting");
  g_source_attach (source, self->context);
}

/* Sleeps for @usec, or less when @cancellable fires. FALSE when cancelled. */
static gboolean
sleep_cancellable (gint64         usec,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GPollFD fd;

  if (g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_poll (&fd, 1, (int) (usec / 1000));
      g_cancellable_release_fd (cancellable);
    }
  else
    {
      g_usleep (usec);
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Server notices ("NOTICE:  …", a terminated session's farewell) go to the
 * debug log rather than libpq's default, stderr. */
static void
log_notice (void       *user_data,
            const char *message)
{
  g_autofree char *line = g_strchomp (g_strdup (message));

  g_debug ("%s", line);
}

/* One attempt with PQconnectStartParams/PQconnectPoll, so that a cancelled
 * wait ends at once rather than after connect_timeout. @transient tells
 * whether a failure may go away by waiting. */
static PGconn *
connect_once (OutlayDbPool  *self,
              const char    *application_name,
              gboolean      *transient,
              GCancellable  *cancellable,
              GError       **error)
{
  /* Entries before the expanded dbname are defaults the DSN may override. */
  const char * const keywords[] = { "application_name", "dbname", NULL };
  const char * const values[] = { application_name, self->dsn, NULL };
  gint64 deadline = g_get_monotonic_time () + CONNECT_TIMEOUT_USEC;
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  gboolean negotiating = FALSE;
  PGconn *conn;

  *transient = FALSE;

  conn = PQconnectStartParams (keywords, values, 1);
  if (conn == NULL)
    g_error ("Out of memory");

  PQsetNoticeProcessor (conn, log_notice, NULL);
  /* Verbose errors carry the SQLSTATE of a refused login. */
  PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);

  while (PQstatus (conn) != CONNECTION_BAD && status != PGRES_POLLING_OK)
    {
      GPollFD fds[2];
      guint n_fds = 1;
      gint64 remaining = deadline - g_get_monotonic_time ();

      if (status == PGRES_POLLING_FAILED)
        break;

      if (remaining <= 0)
        {
          g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT,
                       _("Could not connect to the database at %s: no answer within %d seconds. "
                         "Check DATABASE_URL and that the project is running."),
                       self->host, (int) (CONNECT_TIMEOUT_USEC / G_USEC_PER_SEC));
          *transient = TRUE;
          PQfinish (conn);
          return NULL;
        }

      fds[0].fd = PQsocket (conn);
      if (fds[0].fd < 0)
        break;
      fds[0].events = (status == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT) | G_IO_ERR | G_IO_HUP;
      fds[0].revents = 0;
      if (g_cancellable_make_pollfd (cancellable, &fds[1]))
        n_fds++;

      g_poll (fds, n_fds, (int) MIN (remaining / 1000 + 1, G_MAXINT));

      if (n_fds > 1)
        g_cancellable_release_fd (cancellable);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          PQfinish (conn);
          return NULL;
        }

      if (fds[0].revents != 0)
        {
          status = PQconnectPoll (conn);

          /* Where it stood when it failed: in TLS (or GSSAPI) negotiation,
           * a failure is the certificate's or the protocol's. */
          if (PQstatus (conn) != CONNECTION_BAD)
            negotiating = PQstatus (conn) == CONNECTION_SSL_STARTUP ||
                          PQstatus (conn) == CONNECTION_GSS_STARTUP;
        }
    }

  if (PQstatus (conn) != CONNECTION_OK)
    {
      outlay_db_set_error_from_connection (error, conn, self->dsn);
      *transient = outlay_db_connect_failure_is_transient (conn, negotiating);
      PQfinish (conn);
      return NULL;
    }

  PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);
  return conn;
}

/* Retries only failures that waiting may cure: the server is unreachable,
 * starting, or (a serverless compute) waking up. A wrong password, an unknown
 * database or an untrusted certificate will not get better. */
static PGconn *
open_connection (OutlayDbPool  *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 backoff = FIRST_BACKOFF_USEC;

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean transient;
      PGconn *conn;

      notify_connecting (self, attempt);

      conn = connect_once (self, POOL_APPLICATION_NAME, &transient, cancellable, &local_error);
      if (conn != NULL)
        return conn;

      if (attempt >= CONNECT_ATTEMPTS || !transient ||
          !g_error_matches (local_error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_debug ("Connecting to %s failed (attempt %u): %s", self->host, attempt, local_error->message);

      /* Jitter keeps many clients from knocking in step. */
      if (!sleep_cancellable ((gint64) (backoff * g_random_double_range (0.75, 1.25)), cancellable, error))
        return NULL;
      backoff *= 2;
    }
}

/* Called with the mutex held: the backend of a connection we opened or
 * closed. */
static void
note_backend (OutlayDbPool *self,
              int           pid,
              gboolean      open)
{
  gint64 now = g_get_monotonic_time ();
  gint64 *closed_at;

  if (open)
    {
      GHashTableIter iter;

      /* Forget backends closed long ago; the server may reuse their pids. */
      g_hash_table_iter_init (&iter, self->backends);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &closed_at))
        {
          if (*closed_at != 0 && now - *closed_at > BACKEND_GRACE_USEC)
            g_hash_table_iter_remove (&iter);
        }
    }

  closed_at = g_new (gint64, 1);
  *closed_at = open ? 0 : now;
  g_hash_table_insert (self->backends, GINT_TO_POINTER (pid), closed_at);
}

/* A connection that can be handed out: open, in no transaction, and
 * answering when in doubt. An idle connection has nothing to read; when it
 * has, the server probably said goodbye (a terminated backend, a restart). */
static gboolean
is_healthy (PGconn *conn,
            gint64  idle_since)
{
  GPollFD fd = { PQsocket (conn), G_IO_IN, 0 };
  gboolean in_doubt;

  if (PQstatus (conn) != CONNECTION_OK || PQtransactionStatus (conn) != PQTRANS_IDLE)
    return FALSE;

  in_doubt = g_poll (&fd, 1, 0) != 0 || g_get_monotonic_time () - idle_since > PING_AFTER_IDLE_USEC;
  if (in_doubt)
    {
      PGresult *result = PQexec (conn, "");
      gboolean ok = PQresultStatus (result) == PGRES_EMPTY_QUERY;

      PQclear (result);
      return ok && PQstatus (conn) == CONNECTION_OK;
    }

  return TRUE;
}

static void
forget_connection (OutlayDbPool *self,
                   PGconn       *conn)
{
  int pid = PQbackendPID (conn);

  PQfinish (conn);

  g_mutex_lock (&self->mutex);
  note_backend (self, pid, FALSE);
  g_assert (self->n_open > 0);
  self->n_open--;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Called with the mutex held: takes the longest idle connection out, for
 * the caller to PQfinish() once unlocked. */
static PGconn *
pop_oldest_idle_locked (OutlayDbPool *self)
{
  IdleConn *oldest = g_queue_pop_tail (&self->idle);
  PGconn *conn = oldest->conn;

  note_backend (self, PQbackendPID (conn), FALSE);
  g_free (oldest);
  self->n_open--;

  return conn;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean reap_idle_cb (gpointer data);

/* Called with the mutex held: a timer for when the longest idle connection
 * expires, in the creator's main context. One at a time; it sets the next
 * itself. Weak, like "connecting": a context nobody iterates must not keep
 * the pool alive. */
static void
schedule_reaper_locked (OutlayDbPool *self)
{
  IdleConn *oldest = g_queue_peek_tail (&self->idle);
  gint64 remaining;
  GWeakRef *ref;

  if (self->reaper != NULL || oldest == NULL || self->idle_timeout == 0)
    return;

  remaining = oldest->idle_since + (gint64) self->idle_timeout * 1000 - g_get_monotonic_time ();

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  self->reaper = g_timeout_source_new ((guint) CLAMP (remaining / 1000 + 1, 0, G_MAXUINT));
  g_source_set_callback (self->reaper, reap_idle_cb, ref, weak_ref_free);
  g_source_set_static_name (self->reaper, "[outlay] pool idle timeout");
  g_source_attach (self->reaper, self->context);
}

static gboolean
reap_idle_cb (gpointer data)
{
  g_autoptr(OutlayDbPool) self = g_weak_ref_get (data);
  gint64 now = g_get_monotonic_time ();
  GList *expired = NULL;
  IdleConn *oldest;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->mutex);
  /* Unless the timeout changed meanwhile and a new timer took this one's place. */
  if (self->reaper != g_main_current_source ())
    {
      g_mutex_unlock (&self->mutex);
      return G_SOURCE_REMOVE;
    }
  g_clear_pointer (&self->reaper, g_source_unref);
  while (self->idle_timeout > 0 &&
         (oldest = g_queue_peek_tail (&self->idle)) != NULL &&
         now - oldest->idle_since >= (gint64) self->idle_timeout * 1000)
    expired = g_list_prepend (expired, pop_oldest_idle_locked (self));
  schedule_reaper_locked (self);
  g_mutex_unlock (&self->mutex);

  if (expired != NULL)
    g_debug ("Closing %u idle connections to %s", g_list_length (expired), self->host);
  g_list_free_full (expired, (GDestroyNotify) PQfinish);

  return G_SOURCE_REMOVE;
}

static void
cancellable_cancelled_cb (GCancellable *cancellable,
                          OutlayDbPool *self)
{
  g_mutex_lock (&self->mutex);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

static void
outlay_db_pool_finalize (GObject *object)
{
  OutlayDbPool *self = (OutlayDbPool *) object;
  IdleConn *idle;

  if (self->reaper != NULL)
    {
      g_source_destroy (self->reaper);
      g_clear_pointer (&self->reaper, g_source_unref);
    }

  while ((idle = g_queue_pop_head (&self->idle)) != NULL)
    {
      PQfinish (idle->conn);
      g_free (idle);
    }

  g_clear_pointer (&self->dsn, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->backends, g_hash_table_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (outlay_db_pool_parent_class)->finalize (object);
}

static void
outlay_db_pool_class_init (OutlayDbPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = outlay_db_pool_finalize;

  /**
   * OutlayDbPool::connecting:
   * @attempt: 1 for the first try, more while a sleeping server wakes
   *
   * A new connection is being opened.
   */
  signals[CONNECTING] =
    g_signal_new ("connecting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
outlay_db_pool_init (OutlayDbPool *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->idle);
  self->idle_timeout = IDLE_TIMEOUT_MSEC;
  self->backends = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

OutlayDbPool *
outlay_db_pool_new (const char *dsn,
                    guint       keep,
                    guint       overflow)
{
  OutlayDbPool *self;

  g_return_val_if_fail (dsn != NULL, NULL);
  g_return_val_if_fail (keep + overflow > 0, NULL);

  self = g_object_new (OUTLAY_TYPE_DB_POOL, NULL);
  self->dsn = g_strdup (dsn);
  self->host = outlay_dsn_describe_host (dsn);
  self->keep = keep;
  self->overflow = overflow;
  self->context = g_main_context_ref_thread_default ();

  return self;
}

PGconn *
outlay_db_pool_acquire (OutlayDbPool  *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + ACQUIRE_TIMEOUT_USEC;
  PGconn *conn = NULL;
  gulong cancelled_id = 0;
  gboolean open_new = FALSE;

  g_return_val_if_fail (OUTLAY_IS_DB_POOL (self), NULL);

  /* Connected outside the lock: the handler takes it, and runs at once when
   * @cancellable is already cancelled. */
  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancellable_cancelled_cb), self, NULL);

  g_mutex_lock (&self->mutex);

  while (conn == NULL && !open_new)
    {
      IdleConn *idle;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if ((idle = g_queue_pop_head (&self->idle)) != NULL)
        {
          gint64 idle_since = idle->idle_since;

          conn = idle->conn;
          g_free (idle);

          /* The check may take a round trip: not under the lock. */
          g_mutex_unlock (&self->mutex);
          if (!is_healthy (conn, idle_since))
            {
              int pid = PQbackendPID (conn);

              g_debug ("Dropping a dead pooled connection to %s", self->host);
              PQfinish (conn);
              conn = NULL;
              g_mutex_lock (&self->mutex);
              note_backend (self, pid, FALSE);
              self->n_open--;
              continue;
            }
          g_mutex_lock (&self->mutex);
        }
      else if (self->n_open < self->keep + self->overflow)
        {
          self->n_open++;
          open_new = TRUE;
        }
      else
        {
          gboolean woken;

          self->n_waiting++;
          woken = g_cond_wait_until (&self->cond, &self->mutex, deadline);
          self->n_waiting--;
          if (!woken)
            break;
        }
    }

  g_mutex_unlock (&self->mutex);

  if (cancelled_id != 0)
    g_cancellable_disconnect (cancellable, cancelled_id);

  if (conn != NULL)
    return conn;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!open_new)
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT,
                   _("All %u connections to the database at %s are busy"),
                   self->keep + self->overflow, self->host);
      return NULL;
    }

  conn = open_connection (self, cancellable, error);

  g_mutex_lock (&self->mutex);
  if (conn != NULL)
    {
      note_backend (self, PQbackendPID (conn), TRUE);
    }
  else
    {
      self->n_open--;
      g_cond_signal (&self->cond);
    }
  g_mutex_unlock (&self->mutex);

  return conn;
}

void
outlay_db_pool_release (OutlayDbPool *self,
                        PGconn       *conn)
{
  IdleConn *idle;
  GList *excess = NULL;

  g_return_if_fail (OUTLAY_IS_DB_POOL (self));
  g_return_if_fail (conn != NULL);

  /* A transaction left open or failed must not leak into the next user. */
  if (PQstatus (conn) == CONNECTION_OK &&
      (PQtransactionStatus (conn) == PQTRANS_INTRANS || PQtransactionStatus (conn) == PQTRANS_INERROR))
    {
      PGresult *result = PQexec (conn, "ROLLBACK");

      PQclear (result);
    }

  if (PQstatus (conn) != CONNECTION_OK || PQtransactionStatus (conn) != PQTRANS_IDLE)
    {
      forget_connection (self, conn);
      return;
    }

  idle = g_new0 (IdleConn, 1);
  idle->conn = conn;
  idle->idle_since = g_get_monotonic_time ();

  /* Someone waiting takes it as it is; otherwise only `keep` stay open, the
   * longest idle going first. */
  g_mutex_lock (&self->mutex);
  g_queue_push_head (&self->idle, idle);
  while (self->n_waiting == 0 && self->idle.length > self->keep)
    excess = g_list_prepend (excess, pop_oldest_idle_locked (self));
  schedule_reaper_locked (self);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_list_free_full (excess, (GDestroyNotify) PQfinish);
}

void
outlay_db_pool_discard (OutlayDbPool *self,
                        PGconn       *conn)
{
  g_return_if_fail (OUTLAY_IS_DB_POOL (self));
  g_return_if_fail (conn != NULL);

  forget_connection (self, conn);
}

PGconn *
outlay_db_pool_open_dedicated (OutlayDbPool  *self,
                               const char    *application_name,
                               GCancellable  *cancellable,
                               GError       **error)
{
  gboolean transient;

  g_return_val_if_fail (OUTLAY_IS_DB_POOL (self), NULL);
  g_return_val_if_fail (application_name != NULL, NULL);

  return connect_once (self, application_name, &transient, cancellable, error);
}

gboolean
outlay_db_pool_owns_backend (OutlayDbPool *self,
                             int           backend_pid)
{
  gint64 *closed_at;
  gboolean owns;

  g_return_val_if_fail (OUTLAY_IS_DB_POOL (self), FALSE);

  g_mutex_lock (&self->mutex);
  closed_at = g_hash_table_lookup (self->backends, GINT_TO_POINTER (backend_pid));
  owns = closed_at != NULL &&
         (*closed_at == 0 || g_get_monotonic_time () - *closed_at <= BACKEND_GRACE_USEC);
  g_mutex_unlock (&self->mutex);

  return owns;
}

void
outlay_db_pool_set_idle_timeout (OutlayDbPool *self,
                                 guint         idle_timeout_msec)
{
  g_return_if_fail (OUTLAY_IS_DB_POOL (self));

  g_mutex_lock (&self->mutex);
  self->idle_timeout = idle_timeout_msec;
  if (self->reaper != NULL)
    {
      g_source_destroy (self->reaper);
      g_clear_pointer (&self->reaper, g_source_unref);
    }
  schedule_reaper_locked (self);
  g_mutex_unlock (&self->mutex);
}

guint
outlay_db_pool_get_n_idle (OutlayDbPool *self)
{
  guint n;

  g_return_val_if_fail (OUTLAY_IS_DB_POOL (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->idle.length;
  g_mutex_unlock (&self->mutex);

  return n;
}

guint
outlay_db_pool_get_n_open (OutlayDbPool *self)
{
  guint n;

  g_return_val_if_fail (OUTLAY_IS_DB_POOL (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->n_open;
  g_mutex_unlock (&self->mutex);

  return n;
}

const char *
outlay_db_pool_get_dsn (OutlayDbPool *self)
{
  g_return_val_if_fail (OUTLAY_IS_DB_POOL (self), NULL);

  return self->dsn;
}
