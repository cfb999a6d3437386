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
 */

OutlayApplication *outlay_application_new         (void);

OutlayContext     *outlay_application_get_context (OutlayApplication *self);
OutlayStore       *outlay_application_get_store   (OutlayApplication *self);
const GError      *outlay_application_get_error   (OutlayApplication *self);

/* Closes what is open and opens the books again (Retry, a changed connection). */
void               outlay_application_reconnect   (OutlayApplication *self);

G_END_DECLS
