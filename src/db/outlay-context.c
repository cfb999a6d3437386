/* outlay-context.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-context.h"
#include "outlay-db-exec.h"
#include "outlay-db-pool.h"
#include "outlay-dsn.h"
#include "outlay-local-server.h"
#include "outlay-store-private.h"

struct _OutlayContext
{
  GObject                 parent_instance;

  OutlayStore            *store;
  OutlayLocalServer      *local_server;
  OutlayCredentialSource  source;
};

G_DEFINE_FINAL_TYPE (OutlayContext, outlay_context, G_TYPE_OBJECT)

static void
stop_local_server (OutlayLocalServer *server)
{
  g_autoptr(GError) error = NULL;

  /* At exit there is nobody left to tell; the next start copes with a
   * server that is still running. */
  if (!outlay_local_server_stop (server, FALSE, &error))
    g_debug ("Stopping the local database server: %s", error->message);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OutlayContext *self = source_object;
  GError *error = NULL;

  if (outlay_context_open (self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

typedef struct
{
  int      server_version;
  gboolean has_books;
} Probe;

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *dsn = task_data;
  Probe probe = { 0, FALSE };
  GError *error = NULL;

  if (outlay_context_probe (dsn, &probe.server_version, &probe.has_books, cancellable, &error))
    g_task_return_pointer (task, g_memdup2 (&probe, sizeof probe), g_free);
  else
    g_task_return_error (task, error);
}

static void
outlay_context_dispose (GObject *object)
{
  OutlayContext *self = (OutlayContext *) object;

  outlay_context_close (self);

  G_OBJECT_CLASS (outlay_context_parent_class)->dispose (object);
}

static void
outlay_context_class_init (OutlayContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = outlay_context_dispose;
}

static void
outlay_context_init (OutlayContext *self)
{
  self->source = OUTLAY_CREDENTIAL_SOURCE_LOCAL;
}

OutlayContext *
outlay_context_new (void)
{
  return g_object_new (OUTLAY_TYPE_CONTEXT, NULL);
}

gboolean
outlay_context_open (OutlayContext  *self,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(OutlayLocalServer) local_server = NULL;
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dsn = NULL;
  OutlayCredentialSource source;

  g_return_val_if_fail (OUTLAY_IS_CONTEXT (self), FALSE);

  if (self->store != NULL)
    return TRUE;

  dsn = outlay_credentials_lookup (&source, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (source == OUTLAY_CREDENTIAL_SOURCE_LOCAL)
    {
      local_server = outlay_local_server_new_default ();
      if (!outlay_local_server_start (local_server, cancellable, error))
        return FALSE;
      dsn = g_strdup (outlay_local_server_get_dsn (local_server));
    }

  g_debug ("Opening the books (%s)", outlay_credential_source_to_string (source));

  store = outlay_store_new (dsn, error);
  if (store == NULL || !outlay_store_open (store, cancellable, error))
    {
      if (local_server != NULL)
        stop_local_server (local_server);
      return FALSE;
    }

  self->store = g_steal_pointer (&store);
  self->local_server = g_steal_pointer (&local_server);
  self->source = source;

  return TRUE;
}

void
outlay_context_open_async (OutlayContext       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OUTLAY_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, outlay_context_open_async);
  g_task_run_in_thread (task, open_thread);
}

gboolean
outlay_context_open_finish (OutlayContext  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (OUTLAY_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

OutlayStore *
outlay_context_get_store (OutlayContext *self)
{
  g_return_val_if_fail (OUTLAY_IS_CONTEXT (self), NULL);

  return self->store;
}

OutlayCredentialSource
outlay_context_get_source (OutlayContext *self)
{
  g_return_val_if_fail (OUTLAY_IS_CONTEXT (self), OUTLAY_CREDENTIAL_SOURCE_LOCAL);

  return self->source;
}

void
outlay_context_close (OutlayContext *self)
{
  g_return_if_fail (OUTLAY_IS_CONTEXT (self));

  g_clear_object (&self->store);

  if (self->local_server != NULL)
    {
      stop_local_server (self->local_server);
      g_clear_object (&self->local_server);
    }
}

gboolean
outlay_context_probe (const char    *dsn,
                      int           *out_server_version,
                      gboolean      *out_has_books,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(OutlayDbPool) pool = NULL;
  g_autofree char *normalized = NULL;
  PGconn *conn;
  int version;

  g_return_val_if_fail (dsn != NULL, FALSE);

  normalized = outlay_dsn_normalize (dsn, error);
  if (normalized == NULL)
    return FALSE;

  /* A pool of one rather than PQconnectdb(): the same retries and the same
   * messages as opening the books. */
  pool = outlay_db_pool_new (normalized, 1, 0);
  conn = outlay_db_pool_acquire (pool, cancellable, error);
  if (conn == NULL)
    return FALSE;

  if (!outlay_store_read_books_version (conn, &version, error))
    {
      outlay_db_pool_release (pool, conn);
      return FALSE;
    }

  if (out_has_books != NULL)
    *out_has_books = version >= 0;
  if (out_server_version != NULL)
    *out_server_version = PQserverVersion (conn);

  outlay_db_pool_release (pool, conn);

  return TRUE;
}

void
outlay_context_probe_async (const char          *dsn,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (dsn != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, outlay_context_probe_async);
  g_task_set_task_data (task, g_strdup (dsn), g_free);
  g_task_run_in_thread (task, probe_thread);
}

gboolean
outlay_context_probe_finish (GAsyncResult  *result,
                             int           *out_server_version,
                             gboolean      *out_has_books,
                             GError       **error)
{
  g_autofree Probe *probe = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == outlay_context_probe_async,
                        FALSE);

  probe = g_task_propagate_pointer (G_TASK (result), error);
  if (probe == NULL)
    return FALSE;

  if (out_server_version != NULL)
    *out_server_version = probe->server_version;
  if (out_has_books != NULL)
    *out_has_books = probe->has_books;

  return TRUE;
}
