/* outlay-test-db.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "outlay-store.h"

G_BEGIN_DECLS

/*
 * Real PostgreSQL for tests, never a mock. The first call starts one
 * throwaway cluster for this test process (an OutlayLocalServer in a
 * temporary directory, Unix socket only, fsync off); it is stopped and
 * removed when the process exits. Tests cannot run as root (PostgreSQL
 * refuses): build-aux/dev runs them as an unprivileged account.
 *
 * A missing server is a test failure, not a skip.
 */

/* DSN of the throwaway server's "postgres" database. */
const char  *outlay_test_db_server_dsn       (void);

/* Creates a fresh, empty database on the server and returns its DSN. */
char        *outlay_test_db_create_database  (void);

/* An opened (migrated) store on a fresh database. */
OutlayStore *outlay_test_db_new_store        (char **out_dsn);

/* Independent checks of what the store wrote: run @sql on @dsn with libpq
 * and return the first column of the first row (NULL for SQL NULL or no
 * row). Fails the test on error. */
char        *outlay_test_db_query_value      (const char *dsn,
                                              const char *sql);
gint64       outlay_test_db_query_int64      (const char *dsn,
                                              const char *sql);

/* The same with printf-style SQL. */
char        *outlay_test_db_query_valuef     (const char *dsn,
                                              const char *format,
                                              ...) G_GNUC_PRINTF (2, 3);
gint64       outlay_test_db_query_int64f     (const char *dsn,
                                              const char *format,
                                              ...) G_GNUC_PRINTF (2, 3);

/* Runs @sql on @dsn; fails the test on error. */
void         outlay_test_db_exec             (const char *dsn,
                                              const char *sql);

/* Kills every other backend connected to the database of @dsn
 * (pg_terminate_backend), to test reconnects. */
void         outlay_test_db_kill_connections (const char *dsn);

/* The Neon-like path: PgBouncer in transaction mode with TLS in front of the
 * throwaway server, started on first use. Returns a postgresql:// DSN for
 * the same database as @dsn through it, with sslmode=verify-full against a
 * throwaway CA. Fails the test, naming the package, when pgbouncer or
 * openssl is missing. */
char        *outlay_test_db_pooler_dsn       (const char *dsn);

/* A new folder $TMPDIR/outlay-test-XXXXXX that is removed when the process
 * ends, however it ends (a watchdog waits for that); PostgreSQL clusters and
 * daemons with a *.pid file inside it are stopped first. For tests that run
 * servers of their own. */
char        *outlay_test_make_tmp_dir        (void);

/* Iterates the default main context until *@done is TRUE (async tests). */
void         outlay_test_wait_for            (gboolean   *done);

G_END_DECLS
