/* outlay-expense-model.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_EXPENSE_MODEL (outlay_expense_model_get_type ())

G_DECLARE_FINAL_TYPE (OutlayExpenseModel, outlay_expense_model, OUTLAY, EXPENSE_MODEL, GObject)

/*
 * OutlayExpenseModel: the expenses a filter matches, in the filter's order,
 * as a GListModel that stays flat in memory however many there are.
 *
 * It knows how many there are (a count), and fetches pages of rows as
 * positions are asked for. The first page is asked for with the count: until
 * the first count arrives, the model holds the first page's rows alone, and
 * the count then adds the rest after them. Until its page arrives, a
 * position holds a placeholder: an OutlayExpense with id 0 that the page
 * later fills in place, so rows bound to its properties update without
 * items-changed.
 * Pages far from what was asked for lately are dropped.
 *
 * Sorting and filtering happen in the database: change the filter and the
 * model starts over. When the store changes, the model counts again and
 * refreshes the pages it holds, keeping positions (and so the scroll
 * position) where they were.
 *
 * Properties:
 *   store     OutlayStore  where the expenses come from
 *   filter    OutlayExpenseFilter (boxed)
 *   loaded    boolean      the count is known
 *   total     int64        the sum of every match (minor units)
 *
 * Signals:
 *   rows-loaded (guint position, guint n_rows)  rows now hold current data;
 *               the expense at a position may differ from before
 */

OutlayExpenseModel        *outlay_expense_model_new        (OutlayStore               *store);

OutlayStore               *outlay_expense_model_get_store  (OutlayExpenseModel        *self);
void                       outlay_expense_model_set_store  (OutlayExpenseModel        *self,
                                                            OutlayStore               *store);
const OutlayExpenseFilter *outlay_expense_model_get_filter (OutlayExpenseModel        *self);
void                       outlay_expense_model_set_filter (OutlayExpenseModel        *self,
                                                            const OutlayExpenseFilter *filter);
void                       outlay_expense_model_set_sort   (OutlayExpenseModel        *self,
                                                            OutlaySortKey              sort,
                                                            gboolean                   ascending);
gboolean                   outlay_expense_model_get_loaded (OutlayExpenseModel        *self);
gint64                     outlay_expense_model_get_total  (OutlayExpenseModel        *self);

/* The row at @position if it is loaded, else NULL: unlike
 * g_list_model_get_item() it never starts a load (transfer none). */
OutlayExpense             *outlay_expense_model_peek       (OutlayExpenseModel        *self,
                                                            guint                      position);

/* Counts again and refreshes the loaded pages (the store does this by
 * itself on "changed"). */
void                       outlay_expense_model_refresh    (OutlayExpenseModel        *self);

G_END_DECLS
