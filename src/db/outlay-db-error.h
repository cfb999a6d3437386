/* outlay-db-error.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OUTLAY_DB_ERROR (outlay_db_error_quark ())

/**
 * OutlayDbError:
 *
 * Failures of the connection to the books, as opposed to what the data means
 * (%OUTLAY_ERROR). Messages name the host and never show a password.
 */
typedef enum
{
  OUTLAY_DB_ERROR_CONFIG,          /* malformed DSN, unsafe .env permissions */
  OUTLAY_DB_ERROR_CONNECT,         /* could not reach the server (refused, DNS, timeout, paused) */
  OUTLAY_DB_ERROR_AUTH,            /* SQLSTATE 28xxx: wrong user or password */
  OUTLAY_DB_ERROR_NO_DATABASE,     /* SQLSTATE 3D000 */
  OUTLAY_DB_ERROR_CONNECTION_LOST, /* 08xxx / 57P01–57P03 during a statement */
  OUTLAY_DB_ERROR_SERVER_MISSING,  /* PostgreSQL server binaries not installed */
  OUTLAY_DB_ERROR_SERVER_FAILED,   /* the embedded server could not be created/started */
  OUTLAY_DB_ERROR_SCHEMA,          /* the database is newer than this Outlay, or migration failed */
  OUTLAY_DB_ERROR_QUERY,           /* any other database error (message included) */
  OUTLAY_DB_ERROR_SERIALIZATION,   /* 40001/40P01: concurrent changes clashed; retry the transaction */
} OutlayDbError;

GQuark outlay_db_error_quark (void);

G_END_DECLS
