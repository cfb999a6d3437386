/* outlay-expenses-page.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_EXPENSES_PAGE (outlay_expenses_page_get_type ())

G_DECLARE_FINAL_TYPE (OutlayExpensesPage, outlay_expenses_page, OUTLAY, EXPENSES_PAGE, GtkWidget)

/*
 * The Expenses view: the quick-entry row, the list of every expense (sorted
 * and filtered by the database, paged as it scrolls), a search bar, and
 * actions on the selection. Properties:
 *   store        OutlayStore
 *   search-mode  boolean     the search bar is shown
 *
 * Actions (group "expenses"): new (focuses the quick entry), delete, undo,
 * move (asks where), move-to (int64 category id), edit (uint position),
 * add-categories, clear-filters.
 */

GtkWidget   *outlay_expenses_page_new          (OutlayStore        *store);

OutlayStore *outlay_expenses_page_get_store    (OutlayExpensesPage *self);
void         outlay_expenses_page_set_store    (OutlayExpensesPage *self,
                                                OutlayStore        *store);

/* Focuses the amount of the quick-entry row (Ctrl+N). */
void         outlay_expenses_page_focus_entry  (OutlayExpensesPage *self);
/* Shows the search bar and focuses it (Ctrl+F). */
void         outlay_expenses_page_start_search (OutlayExpensesPage *self);
/* Shows the search bar with its category and dates set from @filter (the
 * rest of the search cleared), so the list shows what @filter matches. */
void         outlay_expenses_page_show_filter  (OutlayExpensesPage        *self,
                                                const OutlayExpenseFilter *filter);

G_END_DECLS
