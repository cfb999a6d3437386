/* outlay-context.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "outlay-credentials.h"
#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_CONTEXT (outlay_context_get_type ())

G_DECLARE_FINAL_TYPE (OutlayContext, outlay_context, OUTLAY, CONTEXT, GObject)

/*
 * What one Outlay process shares: where the books are (credentials lookup,
 * the embedded local server when nothing is configured) and the open store.
 * The app and outlay-mcp each make one.
 */

OutlayContext          *outlay_context_new            (void);

/* Looks up credentials, starts the embedded server when needed, opens the
 * store and migrates. Blocking variant for outlay-mcp and tests. */
gboolean                outlay_context_open           (OutlayContext  *self,
                                                       GCancellable   *cancellable,
                                                       GError        **error);
void                    outlay_context_open_async     (OutlayContext  *self,
                                                       GCancellable   *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer        user_data);
gboolean                outlay_context_open_finish    (OutlayContext  *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);

/* NULL until opened. */
OutlayStore            *outlay_context_get_store      (OutlayContext  *self);
OutlayCredentialSource  outlay_context_get_source     (OutlayContext  *self);

/* Releases the store and stops the embedded server when this was its last
 * user. Called at exit. */
void                    outlay_context_close          (OutlayContext  *self);

/* Checks an address before it is used (Preferences' Test): connects to @dsn,
 * normalized as the store does (TLS for remote hosts) and retried while a
 * serverless compute wakes, and looks without creating or changing
 * anything. @out_server_version: as PQserverVersion() (150004 for 15.4);
 * @out_has_books: whether Outlay's books are set up there. Blocking variant
 * for tests. */
gboolean                outlay_context_probe          (const char     *dsn,
                                                       int            *out_server_version,
                                                       gboolean       *out_has_books,
                                                       GCancellable   *cancellable,
                                                       GError        **error);
void                    outlay_context_probe_async    (const char     *dsn,
                                                       GCancellable   *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer        user_data);
gboolean                outlay_context_probe_finish   (GAsyncResult   *result,
                                                       int            *out_server_version,
                                                       gboolean       *out_has_books,
                                                       GError        **error);

G_END_DECLS
