/* outlay-db-listener.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Internal to src/db: live sync over LISTEN/NOTIFY. */

#include <gio/gio.h>

#include "outlay-db-pool.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_DB_LISTENER (outlay_db_listener_get_type ())

G_DECLARE_FINAL_TYPE (OutlayDbListener, outlay_db_listener, OUTLAY, DB_LISTENER, GObject)

/*
 * One connection of its own (not from the pool; application_name
 * "outlay-live-sync") LISTENs on a channel and is watched from a main
 * context, where "changed" is emitted too. Notifications sent by the
 * pool's own connections are ignored (the store reports its own writes when
 * they commit); the others are coalesced over a tenth of a second into one
 * "changed" signal.
 *
 * A dropped connection is made again in a worker thread, after a pause that
 * doubles with every failure (1 s up to a minute). Notifications sent
 * meanwhile are lost, so after every LISTEN the listener reads @version_sql,
 * a query whose one value changes with every write: a value that differs
 * from the one read at the previous LISTEN means writes were missed, and is
 * a "changed" too.
 */

/* @context: where to watch and emit (NULL: the thread default). */
OutlayDbListener *outlay_db_listener_new        (OutlayDbPool      *pool,
                                                 const char        *channel,
                                                 const char        *version_sql,
                                                 GMainContext      *context);

/* Connects and LISTENs before returning: one attempt, blocking (a worker
 * thread, or where blocking is fine). On failure returns FALSE with @error,
 * and keeps trying in the background. */
gboolean          outlay_db_listener_start_sync (OutlayDbListener  *self,
                                                 GCancellable      *cancellable,
                                                 GError           **error);

/* The same without blocking: the attempt runs in a worker thread. */
void              outlay_db_listener_start      (OutlayDbListener  *self);

/* Closes the connection and stops trying; from any thread. Nothing is
 * emitted afterwards. */
void              outlay_db_listener_stop       (OutlayDbListener  *self);

G_END_DECLS
