/* outlay-window.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "outlay-application.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_WINDOW (outlay_window_get_type ())

G_DECLARE_FINAL_TYPE (OutlayWindow, outlay_window, OUTLAY, WINDOW, AdwApplicationWindow)

/* The window follows @app's store: "Connecting…" until it is open, the
 * reason and a Retry button when opening failed. */
OutlayWindow *outlay_window_new       (OutlayApplication *app);

/* Shows the books of @store (NULL: "Connecting…"). The application calls it;
 * tests give a window a store of their own. */
void          outlay_window_set_store (OutlayWindow      *self,
                                       OutlayStore       *store);
OutlayStore  *outlay_window_get_store (OutlayWindow      *self);

/* Shows why the books could not be opened, with a Retry button. */
void          outlay_window_set_error (OutlayWindow      *self,
                                       const GError      *error);

G_END_DECLS
