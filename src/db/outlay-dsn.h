/* outlay-dsn.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Connection strings as people write them: postgresql:// and postgres:// URLs
 * (the source spec's postgresql+psycopg2:// too) and libpq key=value strings.
 */

/* Checks @dsn and returns the libpq form to connect with: the driver suffix
 * dropped ("postgresql+psycopg2://" → "postgresql://") and, for a remote host
 * (not a Unix socket, not localhost/127.0.0.1/::1) without sslmode,
 * sslmode=require added. OUTLAY_DB_ERROR_CONFIG with a readable message for
 * anything libpq cannot parse. */
char     *outlay_dsn_normalize   (const char  *dsn,
                                  GError     **error);

/* The same DSN with any password replaced by "***", safe to log or show.
 * Works on malformed input too (best effort, never reveals the password). */
char     *outlay_dsn_mask        (const char  *dsn);

/* "db.example.neon.tech", "localhost", or the socket directory: for messages. */
char     *outlay_dsn_describe_host (const char *dsn);

/* TRUE for a pooler endpoint (PgBouncer in transaction mode, Neon "-pooler"
 * hosts), where LISTEN/NOTIFY is unavailable. */
gboolean  outlay_dsn_is_pooler   (const char  *dsn);

G_END_DECLS
