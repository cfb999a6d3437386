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
 * and jitter (about 5 tries over ~15 s) so a serverless compute can wake up;
 * @cancellable stops the wait. Thread-safe. */
PGconn       *outlay_db_pool_acquire     (OutlayDbPool   *self,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* Hands @conn back. A connection left inside a transaction is rolled back; a
 * broken one is closed. Beyond `keep` idle connections, the extra is closed. */
void          outlay_db_pool_release     (OutlayDbPool   *self,
                                          PGconn         *conn);

/* Closes @conn instead of pooling it (after a protocol error). */
void          outlay_db_pool_discard     (OutlayDbPool   *self,
                                          PGconn         *conn);

/* Progress of a slow connect, for the UI's "Waking the database…": emitted
 * in the main context of the pool's creator, signal "connecting" (guint attempt). */

guint         outlay_db_pool_get_n_idle  (OutlayDbPool   *self);
guint         outlay_db_pool_get_n_open  (OutlayDbPool   *self);

const char   *outlay_db_pool_get_dsn     (OutlayDbPool   *self);

G_END_DECLS
