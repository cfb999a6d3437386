/* outlay-ui.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Small helpers the views share. */

/* Shows @toast (transfer full) in the window of @widget, if it has one. */
void   outlay_ui_add_toast       (GtkWidget   *widget,
                                  AdwToast    *toast);

/* Marks @field as wrong with @message as its tooltip; NULL clears both. */
void   outlay_ui_set_field_error (GtkWidget   *field,
                                  const char  *message);

/* "Today", "Yesterday", else the locale's short date; "" for an invalid date. */
char  *outlay_ui_format_date     (const GDate *date);

/* GDate ↔ GDateTime at local midnight, for GtkCalendar. */
GDateTime *outlay_ui_date_to_date_time (const GDate *date);
void       outlay_ui_date_from_date_time (GDate     *date,
                                          GDateTime *date_time);

typedef void (*OutlayUiTextFunc) (GtkWidget  *widget,
                                  const char *text);

/* Asks for a line of text in a dialog over the window of @widget, starting
 * from @text; @answered gets it when @apply_label is chosen. */
void   outlay_ui_ask_text        (GtkWidget        *widget,
                                  const char       *heading,
                                  const char       *body,
                                  const char       *text,
                                  const char       *apply_label,
                                  OutlayUiTextFunc  answered);

G_END_DECLS
