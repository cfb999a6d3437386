/* outlay-settings.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema keeps its id in the development profile too, so both share one
 * set of preferences. */
#define OUTLAY_SETTINGS_SCHEMA_ID "io.github.outlay.Outlay"

#define OUTLAY_TYPE_SETTINGS (outlay_settings_get_type ())

G_DECLARE_FINAL_TYPE (OutlaySettings, outlay_settings, OUTLAY, SETTINGS, GObject)

/*
 * The app's preferences in one object. Properties:
 *   currency           string  the code amounts are shown with: the
 *                              preference, else the locale's, else ""
 *   first-day-of-week  int     0 = Sunday … 6 = Saturday: the preference,
 *                              else the locale's
 */

/* The process-wide instance. */
OutlaySettings *outlay_settings_get_default           (void);

GSettings      *outlay_settings_get_gsettings         (OutlaySettings *self);
const char     *outlay_settings_get_currency          (OutlaySettings *self);
int             outlay_settings_get_first_day_of_week (OutlaySettings *self);

/* @minor formatted for people, with the currency. */
char           *outlay_settings_format_money          (OutlaySettings *self,
                                                       gint64          minor);

G_END_DECLS
