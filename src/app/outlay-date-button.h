/* outlay-date-button.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OUTLAY_TYPE_DATE_BUTTON (outlay_date_button_get_type ())

G_DECLARE_FINAL_TYPE (OutlayDateButton, outlay_date_button, OUTLAY, DATE_BUTTON, GtkWidget)

/*
 * A button showing a day that opens a calendar. Properties:
 *   date         GDate   the chosen day; invalid (g_date_clear) when none
 *   optional     boolean offers "Clear" and may have no date
 *   placeholder  string  shown without a date ("Any Day")
 */

GtkWidget   *outlay_date_button_new             (void);

/* NULL when no day is chosen. */
const GDate *outlay_date_button_get_date        (OutlayDateButton *self);
/* NULL or an invalid date clears it (when optional). */
void         outlay_date_button_set_date        (OutlayDateButton *self,
                                                 const GDate      *date);
gboolean     outlay_date_button_get_optional    (OutlayDateButton *self);
void         outlay_date_button_set_optional    (OutlayDateButton *self,
                                                 gboolean          optional);
const char  *outlay_date_button_get_placeholder (OutlayDateButton *self);
void         outlay_date_button_set_placeholder (OutlayDateButton *self,
                                                 const char       *placeholder);

G_END_DECLS
