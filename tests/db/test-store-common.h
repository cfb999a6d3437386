/* test-store-common.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Shortcuts shared by the tests of OutlayStore (test-store*.c). */

#include "outlay-test-db.h"

G_BEGIN_DECLS

static inline OutlayCategory *
add_category (OutlayStore *store,
              const char  *name)
{
  g_autoptr(OutlayCategory) category = outlay_category_new (name);
  g_autoptr(GError) error = NULL;

  outlay_store_add_category (store, category, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_category_get_id (category), >, 0);

  return g_steal_pointer (&category);
}

/* An unsaved expense; @date is ISO 8601 or NULL for today. */
static inline OutlayExpense *
make_expense (gint64      category_id,
              const char *description,
              gint64      amount,
              const char *date)
{
  OutlayExpense *expense = outlay_expense_new ();

  outlay_expense_set_category_id (expense, category_id);
  outlay_expense_set_description (expense, description);
  outlay_expense_set_amount (expense, amount);

  if (date != NULL)
    {
      g_autoptr(GError) error = NULL;
      GDate day;

      outlay_date_parse_iso (date, &day, &error);
      g_assert_no_error (error);
      outlay_expense_set_date (expense, &day);
    }

  return expense;
}

static inline OutlayExpense *
add_expense (OutlayStore *store,
             gint64       category_id,
             const char  *description,
             gint64       amount,
             const char  *date)
{
  g_autoptr(OutlayExpense) expense = make_expense (category_id, description, amount, date);
  g_autoptr(GError) error = NULL;

  outlay_store_add_expense (store, expense, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_id (expense), >, 0);

  return g_steal_pointer (&expense);
}

/* Independent checks with printf-style SQL, by shorter names. */
#define query_int64 outlay_test_db_query_int64f
#define query_value outlay_test_db_query_valuef

/* Rows in @table, e.g. "outlay.expenses", counted apart from the store. */
static inline gint64
count_rows (const char *dsn,
            const char *table)
{
  return query_int64 (dsn, "SELECT count (*) FROM %s", table);
}

/* For async tests: stores the result and flags that it came. */
static inline void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static inline void
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Connected swapped: the count comes first, whatever the signal's
 * arguments. */
static inline void
count_cb (guint *count)
{
  (*count)++;
}

/* Lets queued "changed" and "notify" emissions run. */
static inline void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

G_END_DECLS
