/* outlay-quick-entry.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_QUICK_ENTRY (outlay_quick_entry_get_type ())

G_DECLARE_FINAL_TYPE (OutlayQuickEntry, outlay_quick_entry, OUTLAY, QUICK_ENTRY, GtkWidget)

/*
 * The row that adds an expense: amount, description, category and day; Enter
 * in a field saves. What cannot be saved is marked on its field with the
 * reason, and nothing typed is lost. After a save the amount and description
 * clear and the amount takes the focus again, for the next one.
 *
 * Signals:
 *   saved (OutlayExpense *expense)  an expense was stored
 *   failed (GError *error)          saving (or checking) it failed
 */

GtkWidget   *outlay_quick_entry_new       (void);

OutlayStore *outlay_quick_entry_get_store (OutlayQuickEntry *self);
void         outlay_quick_entry_set_store (OutlayQuickEntry *self,
                                           OutlayStore      *store);

/* Checks and stores what is typed (as Enter does). */
void         outlay_quick_entry_save      (OutlayQuickEntry *self);

G_END_DECLS
