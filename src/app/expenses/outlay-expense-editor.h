/* outlay-expense-editor.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_EXPENSE_EDITOR (outlay_expense_editor_get_type ())

G_DECLARE_FINAL_TYPE (OutlayExpenseEditor, outlay_expense_editor, OUTLAY, EXPENSE_EDITOR, AdwWindow)

/*
 * A dialog to change every field of an expense, its note included. Save
 * stores it if nobody changed it meanwhile (else it offers to reload), then
 * updates @expense in place so the rows showing it follow.
 *
 * Signals:
 *   delete-requested (gint64 id)  Delete was chosen; whoever opened the
 *                                 editor deletes it (with an undo toast)
 *   saved ()                      the changes are stored
 */

OutlayExpenseEditor *outlay_expense_editor_new (OutlayStore   *store,
                                                OutlayExpense *expense);

/* Checks and stores the changes (as the Save button does). */
void                 outlay_expense_editor_save (OutlayExpenseEditor *self);

G_END_DECLS
