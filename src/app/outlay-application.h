/* outlay-application.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "outlay-context.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_APPLICATION (outlay_application_get_type ())

G_DECLARE_FINAL_TYPE (OutlayApplication, outlay_application, OUTLAY, APPLICATION, AdwApplication)

/*
 * Properties:
 *   store  OutlayStore  the opened store; NULL while connecting or after a failure
 *   error  GError       why the last attempt to open the books failed, or NULL
 *   live-sync-grace  guint  seconds (5 minutes by default) after which live sync
 *                           pauses when no window of the application is active,
 *                           so that a serverless database can scale to zero;
 *                           once one is active again it resumes and the views
 *                           catch up
 */

OutlayApplication *outlay_application_new         (void);

OutlayContext     *outlay_application_get_context (OutlayApplication *self);
OutlayStore       *outlay_application_get_store   (OutlayApplication *self);
const GError      *outlay_application_get_error   (OutlayApplication *self);

guint              outlay_application_get_live_sync_grace (OutlayApplication *self);
void               outlay_application_set_live_sync_grace (OutlayApplication *self,
                                                           guint              seconds);

/* Closes what is open and opens the books again (Retry, a changed connection). */
void               outlay_application_reconnect   (OutlayApplication *self);

/* Keeps @dsn in the keyring (NULL: forgets it, for the books on this
 * computer) and, once saved, reconnects. Both happen whatever becomes of the
 * caller: cancelling @cancellable only means it no longer wants the answer. */
void               outlay_application_save_connection_async  (OutlayApplication   *self,
                                                              const char          *dsn,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean           outlay_application_save_connection_finish (OutlayApplication   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

G_END_DECLS
