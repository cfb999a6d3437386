/* app-test-utils.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "outlay-application.h"
#include "outlay-test-db.h"

G_BEGIN_DECLS

/* What the UI tests share: GTK under Xvfb in the C locale, the app's
 * resources, a window to put widgets in, and waiting for the store. */

typedef gboolean (*AppTestCondition) (gpointer data);

void            app_test_init            (int              *argc,
                                          char           ***argv);

/* A shown window holding @child under a toast overlay, as in the app. */
GtkWindow      *app_test_window_new      (GtkWidget        *child);

/* Iterates the main context until @condition holds; everything it waits for
 * (the store's answers, timeouts of the model) wakes the loop. */
void            app_test_wait            (AppTestCondition  condition,
                                          gpointer          data);

/* Runs what is pending now (layout, idles) without blocking. */
void            app_test_flush           (void);

OutlayCategory *app_test_add_category    (OutlayStore      *store,
                                          const char       *name);
OutlayExpense  *app_test_add_expense     (OutlayStore      *store,
                                          OutlayCategory   *category,
                                          const char       *description,
                                          gint64            amount,
                                          const char       *iso_date);

/* A template child of @widget (of its class @type) by id. */
gpointer        app_test_child           (gpointer          widget,
                                          GType             type,
                                          const char       *id);

/* Starts @app on the books of @dsn (through DATABASE_URL) and returns its
 * window once it shows them. */
GtkWindow      *app_test_start_app       (OutlayApplication *app,
                                          const char        *dsn);

/* The newest toplevel window of @type, or NULL. */
gpointer        app_test_find_toplevel   (GType             type);

G_END_DECLS
