/* outlay-expense-sorter.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_EXPENSE_SORTER (outlay_expense_sorter_get_type ())

G_DECLARE_FINAL_TYPE (OutlayExpenseSorter, outlay_expense_sorter, OUTLAY, EXPENSE_SORTER, GtkSorter)

/*
 * The sorter of a column of expenses. It never sorts anything: the database
 * does (OutlayExpenseModel). It names its column's sort key, so clicking a
 * header makes the column view's sorter say which key and direction the
 * model should ask for.
 */

GtkSorter *outlay_expense_sorter_new (OutlaySortKey  key);

/* Which key and direction @column_view_sorter (gtk_column_view_get_sorter())
 * asks for; FALSE when no column is sorted. GTK 4.8 has no API to read it,
 * so this asks the sorter to compare and sees which column answers first. */
gboolean   outlay_expense_sorter_read (GtkSorter     *column_view_sorter,
                                       OutlaySortKey *out_key,
                                       gboolean      *out_ascending);

G_END_DECLS
