/* outlay-preferences-window.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "outlay-application.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_PREFERENCES_WINDOW (outlay_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (OutlayPreferencesWindow, outlay_preferences_window, OUTLAY, PREFERENCES_WINDOW, AdwPreferencesWindow)

/*
 * Preferences: where the books are (this computer, or a PostgreSQL server by
 * URL, tested and kept in the keyring; when DATABASE_URL decides, it says so
 * and offers no choice), the currency and the first day of the week.
 */

OutlayPreferencesWindow *outlay_preferences_window_new (OutlayApplication *app);

G_END_DECLS
