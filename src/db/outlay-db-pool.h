/* outlay-db-pool.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Internal to src/db: the only headers besides outlay-db-exec.h that include libpq. */

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define OUTLAY_TYPE_DB_POOL (outlay_db_pool_get_type ())

G_DECLARE_FINAL_TYPE (OutlayDbPool, outlay_db_pool, OUTLAY, DB_POOL, GObject)

/* The source spec's pool_size=5, max_overflow=10. */
#define OUTLAY_DB_POOL_KEEP     5
#define OUTLAY_DB_POOL_OVERFLOW 10

/* Connecting happens lazily in acquire(). @dsn must already be normalized. */
OutlayDbPool *outlay_db_pool_new         (const char     *dsn,
                                          guint           keep,
                                          guint           overflow);

/* A healthy connection, idle in no transaction. Reuses a pooled one (checked
 * with a cheap round trip when it sat idle for more than a few seconds: the
 * spec's pre-ping), or opens a new one while fewer than keep + overflow are
 * out, or waits for one to come back. Opening retries with exponential backoff
 * and jitter (about 5 tries over ~15 s) so a serverless compute can wake up,
 * but only failures that waiting may cure (outlay_db_connect_failure_is_transient());
 * @cancellable stops the wait. Thread-safe. */
PGconn       *outlay_db_pool_acquire     (OutlayDbPool   *self,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* Hands @conn back. A connection left inside a transaction is rolled back; a
 * broken one is closed. Beyond `keep` idle connections, the extra is closed;
 * any left idle for a minute is closed too, so that a serverless compute can
 * scale to zero (a timer in the main context of the pool's creator, which
 * must be iterated for that). */
void          outlay_db_pool_release     (OutlayDbPool   *self,
                                          PGconn         *conn);

/* Closes @conn instead of pooling it (after a protocol error). */
void          outlay_db_pool_discard     (OutlayDbPool   *self,
                                          PGconn         *conn);

/* A connection of its own to the pool's database, for long-lived use (the
 * live-sync LISTEN): one attempt, not counted in the pool, not reported by
 * "connecting". @application_name unless the DSN names one. Server notices
 * go to the debug log, as on pooled connections. Close it with PQfinish(). */
PGconn       *outlay_db_pool_open_dedicated (OutlayDbPool  *self,
                                             const char    *application_name,
                                             GCancellable  *cancellable,
                                             GError       **error);

/* TRUE when @backend_pid (a notification's be_pid) is the server process of
 * a connection this pool opened, still open or closed in the last 30
 * seconds: the store's own writes. Thread-safe. */
gboolean      outlay_db_pool_owns_backend (OutlayDbPool *self,
                                           int           backend_pid);

/* Progress of a slow connect, for the UI's "Waking the database…": emitted
 * in the main context of the pool's creator, signal "connecting" (guint attempt). */

/* How long a connection may stay idle before it is closed, in milliseconds:
 * a minute unless changed (tests shorten it); 0: never. Thread-safe. */
void          outlay_db_pool_set_idle_timeout (OutlayDbPool *self,
                                               guint         idle_timeout_msec);

guint         outlay_db_pool_get_n_idle  (OutlayDbPool   *self);
guint         outlay_db_pool_get_n_open  (OutlayDbPool   *self);

const char   *outlay_db_pool_get_dsn     (OutlayDbPool   *self);

G_END_DECLS
