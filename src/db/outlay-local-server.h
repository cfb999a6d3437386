/* outlay-local-server.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define OUTLAY_TYPE_LOCAL_SERVER (outlay_local_server_get_type ())

G_DECLARE_FINAL_TYPE (OutlayLocalServer, outlay_local_server, OUTLAY, LOCAL_SERVER, GObject)

/*
 * A private PostgreSQL cluster: initdb on first use, `postgres` listening only on
 * a Unix socket, no TCP port. The default one lives in
 * $XDG_DATA_HOME/outlay/pg with its socket in $XDG_RUNTIME_DIR/outlay; the test
 * harness and outlay-bench make throwaway ones in temporary directories.
 *
 * Several processes may use one cluster: each start() takes a shared lock;
 * stop() stops the server only when no other user holds it.
 */

/* The default cluster for this user. */
OutlayLocalServer *outlay_local_server_new_default (void);

/* A cluster in @data_dir with its socket in @socket_dir. */
OutlayLocalServer *outlay_local_server_new         (const char         *data_dir,
                                                    const char         *socket_dir);

/* Tests only: fsync=off and friends. Never for real books or the benchmark. */
void               outlay_local_server_set_unsafe_fast (OutlayLocalServer *self,
                                                    gboolean            unsafe_fast);

/* Creates (initdb) when needed and starts the server, or reuses the one
 * already running on this data directory. Blocking: seconds on first run.
 * Errors: OUTLAY_DB_ERROR_SERVER_MISSING ("Install postgresql…"),
 * OUTLAY_DB_ERROR_SERVER_FAILED (with the server log's last lines; also when
 * running as root). */
gboolean           outlay_local_server_start       (OutlayLocalServer  *self,
                                                    GCancellable       *cancellable,
                                                    GError            **error);

/* libpq key=value DSN for the running server (host=<socket dir> port=… dbname=outlay). */
const char        *outlay_local_server_get_dsn     (OutlayLocalServer  *self);

const char        *outlay_local_server_get_data_dir (OutlayLocalServer *self);

/* Drops this process's share; stops the server (fast shutdown) when it was the
 * last user. With @force, stops it regardless (tests, benchmark). */
gboolean           outlay_local_server_stop        (OutlayLocalServer  *self,
                                                    gboolean            force,
                                                    GError            **error);

/* Where the server binaries are: OUTLAY_PG_BINDIR (when set, the only place
 * looked at), `pg_config --bindir`, the newest /usr/lib/postgresql/N/bin,
 * pg_ctl's folder on PATH, the build's pg_bindir option. NULL with
 * OUTLAY_DB_ERROR_SERVER_MISSING when none has initdb, pg_ctl and postgres. */
char              *outlay_local_server_find_bindir (GError            **error);

G_END_DECLS
