/* outlay-expense-sorter.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-expense-sorter.h"

struct _OutlayExpenseSorter
{
  GtkSorter      parent_instance;

  OutlaySortKey  key;
};

G_DEFINE_FINAL_TYPE (OutlayExpenseSorter, outlay_expense_sorter, GTK_TYPE_SORTER)

/* The first of our sorters the column view's sorter consulted during
 * outlay_expense_sorter_read(): its primary column. Main thread only. */
static OutlayExpenseSorter *consulted;

static GtkOrdering
outlay_expense_sorter_compare (GtkSorter *sorter,
                               gpointer   item1,
                               gpointer   item2)
{
  if (consulted == NULL)
    consulted = OUTLAY_EXPENSE_SORTER (sorter);

  /* Never equal, so the column view's sorter stops at its primary column
   * and reports its direction (it inverts the answer for descending). */
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
outlay_expense_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
outlay_expense_sorter_class_init (OutlayExpenseSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = outlay_expense_sorter_compare;
  sorter_class->get_order = outlay_expense_sorter_get_order;
}

static void
outlay_expense_sorter_init (OutlayExpenseSorter *self)
{
}

GtkSorter *
outlay_expense_sorter_new (OutlaySortKey key)
{
  OutlayExpenseSorter *self = g_object_new (OUTLAY_TYPE_EXPENSE_SORTER, NULL);

  self->key = key;

  return GTK_SORTER (self);
}

gboolean
outlay_expense_sorter_read (GtkSorter     *column_view_sorter,
                            OutlaySortKey *out_key,
                            gboolean      *out_ascending)
{
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) second = NULL;
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_SORTER (column_view_sorter), FALSE);

  /* Two objects: gtk_sorter_compare() calls no sorter for an item and
   * itself. */
  first = g_object_new (G_TYPE_OBJECT, NULL);
  second = g_object_new (G_TYPE_OBJECT, NULL);

  consulted = NULL;
  ordering = gtk_sorter_compare (column_view_sorter, first, second);

  if (consulted == NULL || ordering == GTK_ORDERING_EQUAL)
    {
      consulted = NULL;
      return FALSE;
    }

  *out_key = consulted->key;
  *out_ascending = ordering == GTK_ORDERING_SMALLER;
  consulted = NULL;

  return TRUE;
}
