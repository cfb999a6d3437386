/* outlay-ui.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "outlay-store.h"

G_BEGIN_DECLS

/* Small helpers the views share. */

/* Shows @toast (transfer full) in the window of @widget, if it has one. */
void   outlay_ui_add_toast       (GtkWidget   *widget,
                                  AdwToast    *toast);

/* Shows @error in a toast over @widget; a cancelled operation says nothing. */
void   outlay_ui_toast_error     (GtkWidget    *widget,
                                  const GError *error);

/* Adds the default categories to @store, telling a failure over @widget. */
void   outlay_ui_add_default_categories (GtkWidget    *widget,
                                         OutlayStore  *store,
                                         GCancellable *cancellable);

/* A toast showing @text as it is: libadwaita reads toast titles as markup. */
AdwToast *outlay_ui_toast_new    (const char  *text);

/* Adds @css_class to @widget when @set, else removes it. */
void   outlay_ui_set_css_class   (GtkWidget   *widget,
                                  const char  *css_class,
                                  gboolean     set);

/* Marks @field as wrong with @message as its tooltip; NULL clears both. */
void   outlay_ui_set_field_error (GtkWidget   *field,
                                  const char  *message);

/* Forms spell out their first problem in @error_label under the fields. */

/* Marks @field (if not NULL) as wrong with @message, which @error_label shows
 * unless it shows an earlier problem already. */
void   outlay_ui_show_form_error (GtkLabel    *error_label,
                                  GtkWidget   *field,
                                  const char  *message);

/* Clears the mark on @field once it is edited, and the message with it. */
void   outlay_ui_form_field_edited (GtkLabel  *error_label,
                                    GtkWidget *field);

/* Reads an expense's amount and (stripped) description from their fields,
 * showing what is wrong with them on the form; returns the first wrong
 * field, or NULL. @description is set either way. */
GtkWidget *outlay_ui_read_expense_fields (GtkLabel     *error_label,
                                          GtkEditable  *amount_field,
                                          GtkEditable  *description_field,
                                          gint64       *amount,
                                          char        **description);

/* "Today", "Yesterday", else the locale's short date; "" for an invalid date. */
char  *outlay_ui_format_date     (const GDate *date);

/* @date at local midnight, for g_date_time_format(). */
GDateTime *outlay_ui_date_to_date_time (const GDate *date);

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

/* Lets @column's title shrink with an ellipsis, so that narrow windows fit
 * every column, and puts it at @halign in its header (GTK_ALIGN_END over
 * end-aligned cells); kept so when columns move. */
void   outlay_ui_column_title_fit (GtkColumnViewColumn *column,
                                   GtkAlign             halign);

G_END_DECLS
