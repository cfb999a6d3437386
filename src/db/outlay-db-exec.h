/* outlay-db-exec.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Internal to src/db: running statements and turning failures into GErrors. */

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Runs one parameterised statement (text parameters, $1…$n; NULL entries are
 * SQL NULL; text results) with PQexecParams. Returns the result on
 * PGRES_COMMAND_OK / PGRES_TUPLES_OK (PGRES_COPY_IN/OUT for a COPY), otherwise
 * NULL with the error mapped by outlay_db_set_error_from_result(). Logs the
 * statement when SQL echo is on. */
PGresult *outlay_db_exec            (PGconn              *conn,
                                     const char          *sql,
                                     int                  n_params,
                                     const char * const  *params,
                                     GError             **error);

/* Runs @sql (no parameters) and discards the result. */
gboolean  outlay_db_exec_simple     (PGconn              *conn,
                                     const char          *sql,
                                     GError             **error);

/* SQL echo (the source spec's echo=True): on when OUTLAY_DB_ECHO is set or
 * G_MESSAGES_DEBUG contains outlay-db. Parameter values are left out unless
 * OUTLAY_DB_ECHO=values. */
void      outlay_db_log_statement   (const char          *sql,
                                     int                  n_params,
                                     const char * const  *params);

/* Maps a failed result to OUTLAY_ERROR / OUTLAY_DB_ERROR by SQLSTATE with a
 * friendly message: 23505 → OUTLAY_ERROR_DUPLICATE, 23503 →
 * OUTLAY_ERROR_CATEGORY_MISSING (insert/update) or CATEGORY_IN_USE (delete),
 * 23514/22xxx → OUTLAY_ERROR_INVALID_INPUT, 08xxx/57P0x →
 * OUTLAY_DB_ERROR_CONNECTION_LOST, 40001/40P01 → SERIALIZATION,
 * 28xxx → AUTH, 3D000 → NO_DATABASE,
 * anything else → OUTLAY_DB_ERROR_QUERY with the server's message. */
void      outlay_db_set_error_from_result (GError       **error,
                                           PGconn        *conn,
                                           PGresult      *result);

/* Maps a failed connection attempt (PQstatus == CONNECTION_BAD) with the host
 * named and the password masked. */
void      outlay_db_set_error_from_connection (GError   **error,
                                               PGconn    *conn,
                                               const char *dsn);

/* TRUE when a failed connection attempt (PQstatus == CONNECTION_BAD) may
 * succeed later: the server was unreachable, did not answer, was starting up
 * or out of connections, a pooler could not reach it, a serverless compute
 * was waking. FALSE for what waiting cannot cure: a refused login, an unknown
 * database, a failed TLS handshake (untrusted certificate, wrong host name,
 * no TLS on the server; @negotiating: the attempt ended while negotiating
 * encryption), invalid connection options, a host name that does not exist. */
gboolean  outlay_db_connect_failure_is_transient (PGconn   *conn,
                                                  gboolean  negotiating);

/* TRUE when @error means the connection broke and an idempotent statement may
 * be retried on a fresh one; likewise for serialization failures/deadlocks. */
gboolean  outlay_db_error_is_retryable (const GError *error);

G_END_DECLS
