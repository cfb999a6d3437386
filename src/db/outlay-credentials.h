/* outlay-credentials.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT, /* DATABASE_URL */
  OUTLAY_CREDENTIAL_SOURCE_DOTENV,      /* DATABASE_URL in ./.env */
  OUTLAY_CREDENTIAL_SOURCE_KEYRING,     /* saved from Preferences */
  OUTLAY_CREDENTIAL_SOURCE_LOCAL,       /* nothing configured: the embedded server */
} OutlayCredentialSource;

/* First found wins: DATABASE_URL in the environment, then DATABASE_URL in
 * .env in the working directory (refused with OUTLAY_DB_ERROR_CONFIG when the
 * file is readable by group or others: "chmod 600 .env"), then the keyring.
 * Returns the DSN, or NULL with *out_source = LOCAL when nothing is
 * configured. NULL with @error set on failure. Blocking (keyring): call from a
 * worker thread. */
char     *outlay_credentials_lookup  (OutlayCredentialSource  *out_source,
                                      GCancellable            *cancellable,
                                      GError                 **error);

/* Saves/clears the remote DSN in the keyring (schema
 * io.github.outlay.Outlay.Connection). Blocking. */
gboolean  outlay_credentials_store   (const char              *dsn,
                                      GCancellable            *cancellable,
                                      GError                 **error);
gboolean  outlay_credentials_clear   (GCancellable            *cancellable,
                                      GError                 **error);

const char *outlay_credential_source_to_string (OutlayCredentialSource source);

G_END_DECLS
