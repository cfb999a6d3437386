/* test-store-expenses.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-store-common.h"

/* Expenses through OutlayStore: writes and their validation, optimistic
 * locking, delete and undo, transfer, listing with filters and keyset pages,
 * suggestions. */

static void
test_add_and_get (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayExpense) tea = make_expense (outlay_category_get_id (food),
                                               "Thé au jasmin, 茶"
                                               " \"special\"\ttab", 123456, "2025-02-28");
  g_autoptr(OutlayExpense) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *spent_on = NULL;

  outlay_expense_set_note (tea, "Line one\nline two \\ backslash");
  outlay_store_add_expense (store, tea, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_id (tea), >, 0);
  g_assert_cmpint (outlay_expense_get_version (tea), ==, 1);
  g_assert_nonnull (outlay_expense_get_created_at (tea));
  g_assert_nonnull (outlay_expense_get_updated_at (tea));

  /* Checked apart from the store: exact decimals and the calendar day. */
  amount = query_value (dsn,
                        "SELECT amount::text FROM outlay.expenses WHERE id = %" G_GINT64_FORMAT,
                        outlay_expense_get_id (tea));
  g_assert_cmpstr (amount, ==, "1234.56");
  spent_on = query_value (dsn, "SELECT to_char (spent_on, 'YYYY-MM-DD') FROM outlay.expenses"
                          " WHERE id = %" G_GINT64_FORMAT, outlay_expense_get_id (tea));
  g_assert_cmpstr (spent_on, ==, "2025-02-28");

  stored = outlay_store_get_expense (store, outlay_expense_get_id (tea), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_id (stored), ==, outlay_expense_get_id (tea));
  g_assert_cmpstr (outlay_expense_get_uuid (stored), ==, outlay_expense_get_uuid (tea));
  g_assert_cmpstr (outlay_expense_get_description (stored), ==,
                   outlay_expense_get_description (tea));
  g_assert_cmpint (outlay_expense_get_amount (stored), ==, 123456);
  g_assert_cmpint (g_date_compare (outlay_expense_get_date (stored), outlay_expense_get_date (tea)),
                   ==, 0);
  g_assert_cmpint (outlay_expense_get_category_id (stored), ==, outlay_category_get_id (food));
  g_assert_cmpstr (outlay_expense_get_category_name (stored), ==, "Food");
  g_assert_cmpstr (outlay_expense_get_note (stored), ==, "Line one\nline two \\ backslash");
  g_assert_cmpint (outlay_expense_get_version (stored), ==, 1);
  g_assert_true (g_date_time_equal (outlay_expense_get_created_at (stored),
                                    outlay_expense_get_created_at (tea)));

  /* The largest amount numeric(14,2) holds. */
  g_clear_object (&stored);
  stored = add_expense (store, outlay_category_get_id (food), "Everything", OUTLAY_MONEY_MAX, NULL);
  g_clear_object (&stored);
  stored = outlay_store_get_expense (store, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_amount (stored), ==, OUTLAY_MONEY_MAX);
}

static void
assert_refused (OutlayStore   *store,
                OutlayExpense *expense,
                OutlayError    code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (outlay_store_add_expense (store, expense, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, code);
  g_assert_cmpint (outlay_expense_get_id (expense), ==, 0);
}

static void
test_add_validation (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  gint64 food_id = outlay_category_get_id (food);
  g_autoptr(OutlayExpense) expense = make_expense (food_id, "Lunch", 1250, NULL);
  g_autofree char *long_text = g_strnfill (201, 'x');
  g_autoptr(GError) error = NULL;

  outlay_expense_set_description (expense, "");
  assert_refused (store, expense, OUTLAY_ERROR_INVALID_DESCRIPTION);
  outlay_expense_set_description (expense, "   ");
  assert_refused (store, expense, OUTLAY_ERROR_INVALID_DESCRIPTION);
  outlay_expense_set_description (expense, NULL);
  assert_refused (store, expense, OUTLAY_ERROR_INVALID_DESCRIPTION);
  outlay_expense_set_description (expense, long_text);
  assert_refused (store, expense, OUTLAY_ERROR_INVALID_DESCRIPTION);
  outlay_expense_set_description (expense, "Lunch");

  outlay_expense_set_amount (expense, 0);
  assert_refused (store, expense, OUTLAY_ERROR_INVALID_AMOUNT);
  outlay_expense_set_amount (expense, -500);
  assert_refused (store, expense, OUTLAY_ERROR_INVALID_AMOUNT);
  outlay_expense_set_amount (expense, OUTLAY_MONEY_MAX + 1);
  assert_refused (store, expense, OUTLAY_ERROR_INVALID_AMOUNT);
  outlay_expense_set_amount (expense, 1250);

  outlay_expense_set_category_id (expense, 0);
  assert_refused (store, expense, OUTLAY_ERROR_INVALID_CATEGORY);

  /* The database has the last word on categories. */
  outlay_expense_set_category_id (expense, 999);
  g_assert_false (outlay_store_add_expense (store, expense, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING);
  g_assert_nonnull (strstr (error->message, "#999"));
  g_assert_nonnull (strstr (error->message, "Create the category first"));

  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 0);

  /* 200 characters, not bytes. */
  g_clear_error (&error);
  {
    g_autoptr(GString) wide = g_string_new (NULL);
    g_autoptr(OutlayExpense) chinese = NULL;

    for (guint i = 0; i < 200; i++)
      g_string_append (wide, "茶");
    chinese = add_expense (store, food_id, wide->str, 100, NULL);
  }
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 1);
}

static void
test_update (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayCategory) fun = add_category (store, "Fun");
  g_autoptr(OutlayExpense) lunch = add_expense (store, outlay_category_get_id (food), "Lunch", 1250,
                                                "2025-01-10");
  g_autoptr(OutlayExpense) stale = outlay_expense_copy (lunch);
  g_autoptr(OutlayExpense) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first_update = NULL;

  outlay_expense_set_description (lunch, "Lunch with Ana");
  outlay_expense_set_amount (lunch, 2400);
  outlay_expense_set_category_id (lunch, outlay_category_get_id (fun));
  outlay_expense_set_note (lunch, "Birthday");
  g_assert_true (outlay_store_update_expense (store, lunch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_version (lunch), ==, 2);
  first_update = g_date_time_ref (outlay_expense_get_updated_at (lunch));

  stored = outlay_store_get_expense (store, outlay_expense_get_id (lunch), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outlay_expense_get_description (stored), ==, "Lunch with Ana");
  g_assert_cmpint (outlay_expense_get_amount (stored), ==, 2400);
  g_assert_cmpstr (outlay_expense_get_category_name (stored), ==, "Fun");
  g_assert_cmpstr (outlay_expense_get_note (stored), ==, "Birthday");
  g_assert_cmpint (outlay_expense_get_version (stored), ==, 2);
  g_assert_true (g_date_time_equal (outlay_expense_get_updated_at (stored), first_update));

  /* An edit of what was read before that update. */
  outlay_expense_set_amount (stale, 999);
  g_assert_false (outlay_store_update_expense (store, stale, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==,
                   "This expense was changed elsewhere. Reload it to see the latest version.");
  g_clear_error (&error);
  g_assert_cmpint (query_int64 (dsn,
                                "SELECT (amount * 100)::int8 FROM outlay.expenses WHERE id ="
                                " %" G_GINT64_FORMAT,
                                outlay_expense_get_id (lunch)), ==, 2400);

  /* Into a category that does not exist: nothing changes. */
  outlay_expense_set_category_id (lunch, 4242);
  g_assert_false (outlay_store_update_expense (store, lunch, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING);
  g_clear_error (&error);
  g_assert_cmpint (outlay_expense_get_version (lunch), ==, 2);
  g_assert_cmpint (query_int64 (dsn,
                                "SELECT version FROM outlay.expenses WHERE id = %" G_GINT64_FORMAT,
                                outlay_expense_get_id (lunch)), ==, 2);

  /* Gone. */
  outlay_expense_set_category_id (lunch, outlay_category_get_id (food));
  outlay_test_db_exec (dsn, "DELETE FROM outlay.expenses");
  g_assert_false (outlay_store_update_expense (store, lunch, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Never saved. */
  g_clear_object (&stale);
  stale = make_expense (outlay_category_get_id (food), "Tea", 300, NULL);
  g_assert_false (outlay_store_update_expense (store, stale, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT);
}

static void
test_update_async (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayExpense) lunch = add_expense (store, outlay_category_get_id (food), "Lunch", 1250,
                                                NULL);
  g_autoptr(OutlayExpense) stale = outlay_expense_copy (lunch);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  outlay_expense_set_amount (lunch, 1500);
  outlay_store_update_expense_async (store, lunch, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (outlay_store_update_expense_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_version (lunch), ==, 2);

  g_clear_object (&result);
  outlay_store_update_expense_async (store, stale, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_false (outlay_store_update_expense_finish (store, result, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CONFLICT);
  g_assert_cmpint (outlay_expense_get_version (stale), ==, 1);
}

static void
test_patch (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayExpense) lunch = add_expense (store, outlay_category_get_id (food), "Lunch", 1250,
                                                NULL);
  gint64 id = outlay_expense_get_id (lunch);
  g_autoptr(OutlayExpense) patched = NULL;
  g_autoptr(GError) error = NULL;

  patched = outlay_store_patch_expense (store, id, 1999, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_amount (patched), ==, 1999);
  g_assert_cmpstr (outlay_expense_get_description (patched), ==, "Lunch");
  g_assert_cmpstr (outlay_expense_get_category_name (patched), ==, "Food");
  g_assert_cmpint (outlay_expense_get_version (patched), ==, 2);
  g_clear_object (&patched);

  patched = outlay_store_patch_expense (store, id, 0, "Brunch", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_amount (patched), ==, 1999);
  g_assert_cmpstr (outlay_expense_get_description (patched), ==, "Brunch");
  g_assert_cmpint (outlay_expense_get_version (patched), ==, 3);
  g_clear_object (&patched);

  g_assert_null (outlay_store_patch_expense (store, id, 0, NULL, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (outlay_store_patch_expense (store, id, -1, NULL, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);
  g_assert_null (outlay_store_patch_expense (store, id, 0, " ", NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION);
  g_clear_error (&error);

  g_assert_null (outlay_store_patch_expense (store, id + 100, 500, NULL, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "There is no expense #"));

  g_assert_cmpint (query_int64 (dsn,
                                "SELECT version FROM outlay.expenses WHERE id ="
                                " %" G_GINT64_FORMAT, id),
                   ==, 3);
}

static void
test_delete_and_restore (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  gint64 food_id = outlay_category_get_id (food);
  g_autoptr(OutlayExpense) a = add_expense (store, food_id, "A, with \"quotes\" {and} braces\\",
                                            100, "2024-02-29");
  g_autoptr(OutlayExpense) b = add_expense (store, food_id, "B", 200, "2024-03-01");
  g_autoptr(OutlayExpense) c = add_expense (store, food_id, "C", 300, "2024-03-02");
  g_autoptr(OutlayExpense) kept = add_expense (store, food_id, "Kept", 400, NULL);
  gint64 ids[] = { outlay_expense_get_id (c), outlay_expense_get_id (a), outlay_expense_get_id (b),
                   outlay_expense_get_id (a) };
  gint64 with_unknown[] = { outlay_expense_get_id (kept), 9999 };
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *snapshot_sql =
    "SELECT string_agg (concat_ws ('|', id, uuid, description, amount, spent_on, category_id, note,"
    "                              created_at, updated_at, version), E'\\n' ORDER BY id)"
    "  FROM outlay.expenses";

  before = outlay_test_db_query_value (dsn, snapshot_sql);

  /* An unknown id: nothing at all is deleted. */
  none = outlay_store_delete_expenses (store, with_unknown, G_N_ELEMENTS (with_unknown), NULL,
                                       &error);
  g_assert_null (none);
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no expense #9999");
  g_clear_error (&error);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 4);

  deleted = outlay_store_delete_expenses (store, ids, G_N_ELEMENTS (ids), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 3);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 1);
  g_assert_cmpstr (outlay_expense_get_description (g_ptr_array_index (deleted, 0)), ==,
                   outlay_expense_get_description (a));
  g_assert_cmpstr (outlay_expense_get_category_name (g_ptr_array_index (deleted, 0)), ==, "Food");

  /* Undo puts back exactly what was there. */
  g_assert_true (outlay_store_restore_expenses (store, deleted, NULL, &error));
  g_assert_no_error (error);
  after = outlay_test_db_query_value (dsn, snapshot_sql);
  g_assert_cmpstr (after, ==, before);

  /* Twice is harmless. */
  g_assert_true (outlay_store_restore_expenses (store, deleted, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 4);

  /* New expenses still get new ids. */
  g_clear_object (&kept);
  kept = add_expense (store, food_id, "After", 500, NULL);
  g_assert_cmpint (outlay_expense_get_id (kept), ==, 5);
}

static void
test_delete_restore_async (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayExpense) a = add_expense (store, outlay_category_get_id (food), "A", 100, NULL);
  gint64 *ids = g_new (gint64, 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GError) error = NULL;

  /* The ids may go as soon as the call returns. */
  ids[0] = outlay_expense_get_id (a);
  outlay_store_delete_expenses_async (store, ids, 1, NULL, store_result_cb, &result);
  g_free (ids);
  wait_for_result (&result);
  deleted = outlay_store_delete_expenses_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 0);

  g_clear_object (&result);
  outlay_store_restore_expenses_async (store, deleted, NULL, store_result_cb, &result);
  g_clear_pointer (&deleted, g_ptr_array_unref);
  wait_for_result (&result);
  g_assert_true (outlay_store_restore_expenses_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 1);
}

static void
test_transfer (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayCategory) fun = add_category (store, "Fun");
  g_autoptr(OutlayExpense) a = add_expense (store, outlay_category_get_id (food), "A", 100, NULL);
  g_autoptr(OutlayExpense) b = add_expense (store, outlay_category_get_id (food), "B", 200, NULL);
  g_autoptr(OutlayExpense) c = add_expense (store, outlay_category_get_id (food), "C", 300, NULL);
  gint64 ids[] = { outlay_expense_get_id (a), outlay_expense_get_id (b) };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (outlay_store_transfer_expenses (store, ids, G_N_ELEMENTS (ids),
                                                 outlay_category_get_id (fun), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (dsn, "SELECT count (*) FROM outlay.expenses"
                                " WHERE category_id = %" G_GINT64_FORMAT " AND version = 2",
                                outlay_category_get_id (fun)), ==, 2);
  g_assert_cmpint (query_int64 (dsn,
                                "SELECT category_id FROM outlay.expenses WHERE id ="
                                " %" G_GINT64_FORMAT,
                                outlay_expense_get_id (c)), ==, outlay_category_get_id (food));

  /* The source spec's transfer_expense: one expense. */
  ids[0] = outlay_expense_get_id (c);
  outlay_store_transfer_expenses_async (store, ids, 1, outlay_category_get_id (fun), NULL,
                                        store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (outlay_store_transfer_expenses_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (dsn,
                                "SELECT count (*) FROM outlay.expenses WHERE category_id ="
                                " %" G_GINT64_FORMAT,
                                outlay_category_get_id (fun)), ==, 3);

  g_assert_false (outlay_store_transfer_expenses (store, ids, 1, 0, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
}

static void
test_transfer_atomic (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayCategory) fun = add_category (store, "Fun");
  g_autoptr(OutlayExpense) a = add_expense (store, outlay_category_get_id (food), "A", 100, NULL);
  g_autoptr(OutlayExpense) b = add_expense (store, outlay_category_get_id (food), "B", 200, NULL);
  gint64 ids[] = { outlay_expense_get_id (a), 4242, outlay_expense_get_id (b) };
  g_autoptr(GError) error = NULL;
  const char *unchanged_sql =
    "SELECT count (*) FROM outlay.expenses WHERE category_id = 1 AND version = 1";

  /* One unknown expense: none moves. */
  g_assert_false (outlay_store_transfer_expenses (store, ids, G_N_ELEMENTS (ids),
                                                  outlay_category_get_id (fun), NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no expense #4242");
  g_clear_error (&error);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn, unchanged_sql), ==, 2);

  /* An unknown category: none moves, and people are told what to do. */
  ids[1] = outlay_expense_get_id (b);
  g_assert_false (outlay_store_transfer_expenses (store, ids, G_N_ELEMENTS (ids), 77, NULL,
                                                  &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING);
  g_assert_nonnull (strstr (error->message, "There is no category #77"));
  g_assert_nonnull (strstr (error->message, "pick an existing one"));
  g_assert_cmpint (outlay_test_db_query_int64 (dsn, unchanged_sql), ==, 2);
  g_clear_error (&error);

  /* One expense takes a shorter path; it must fail the same way. */
  ids[0] = 4242;
  g_assert_false (outlay_store_transfer_expenses (store, ids, 1, outlay_category_get_id (fun),
                                                  NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no expense #4242");
  g_clear_error (&error);

  ids[0] = outlay_expense_get_id (a);
  g_assert_false (outlay_store_transfer_expenses (store, ids, 1, 77, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING);
  g_assert_nonnull (strstr (error->message, "There is no category #77"));
  g_assert_cmpint (outlay_test_db_query_int64 (dsn, unchanged_sql), ==, 2);
}

/* --- Listing ------------------------------------------------------------------ */

typedef struct
{
  gint64 category_ids[3];
  guint  n;
  guint  total;
} Generator;

static const char * const words[] = {
  "Coffee", "coffee", "Bread", "Bus ticket", "Cinema", "Books", "Rent", "Électricité",
  "Zebra food", "apples", "茶", "Tea", "Water", "Pizza", "Pizza", "Train",
};

/* Many ties in every sort column, so the id tie-breaker matters. */
static gboolean
generate_cb (OutlayExpenseRecord *record,
             gpointer             user_data)
{
  Generator *gen = user_data;
  guint i = gen->n;

  if (gen->n++ == gen->total)
    return FALSE;

  record->description = words[(i * 7) % G_N_ELEMENTS (words)];
  record->amount = 100 * ((i * 37) % 90 + 1) + (i % 3 == 0 ? 50 : 0);
  g_date_set_dmy (&record->date, 1, G_DATE_JANUARY, 2024);
  g_date_add_days (&record->date, (i * 13) % 400);
  record->category_id = gen->category_ids[i % 3];
  record->note = i % 5 == 0 ? "Receipt 50% off_price" : NULL;
  return TRUE;
}

static OutlayStore *
new_store_with_rows (char  **out_dsn,
                     guint   n_rows)
{
  OutlayStore *store = outlay_test_db_new_store (out_dsn);
  g_autoptr(OutlayCategory) groceries = add_category (store, "groceries");
  g_autoptr(OutlayCategory) travel = add_category (store, "Travel");
  g_autoptr(OutlayCategory) bills = add_category (store, "Bills");
  Generator gen = { { outlay_category_get_id (groceries), outlay_category_get_id (travel),
                      outlay_category_get_id (bills) }, 0, n_rows };
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  outlay_store_bulk_add_expenses (store, generate_cb, &gen, &count, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, n_rows);

  return store;
}

static void
append_ids (GString   *ids,
            GPtrArray *page)
{
  for (guint i = 0; i < page->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "",
                            outlay_expense_get_id (g_ptr_array_index (page, i)));
}

/* Every page of @filter, as "id,id,…". */
static char *
list_all_pages (OutlayStore               *store,
                const OutlayExpenseFilter *filter,
                guint                      page_size)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(OutlayExpense) after = NULL;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = outlay_store_list_expenses (store, filter, after, page_size, NULL,
                                                              &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, page_size);
      append_ids (ids, page);

      if (page->len < page_size)
        break;

      g_set_object (&after, g_ptr_array_index (page, page->len - 1));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
query_ids (const char *dsn,
           const char *where,
           const char *order)
{
  g_autofree char *ids = query_value (dsn,
                                      "SELECT string_agg (e.id::text, ',' ORDER BY %s)"
                                      "  FROM outlay.expenses e"
                                      "  JOIN outlay.categories c ON c.id = e.category_id %s",
                                      order, where);

  return ids != NULL ? g_steal_pointer (&ids) : g_strdup ("");
}

static void
test_keyset_pages (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_store_with_rows (&dsn, 5000);
  static const struct {
    OutlaySortKey sort;
    const char *column;
  } keys[] = {
    { OUTLAY_SORT_DATE, "e.spent_on" },
    { OUTLAY_SORT_AMOUNT, "e.amount" },
    { OUTLAY_SORT_DESCRIPTION, "e.description" },
    { OUTLAY_SORT_CATEGORY, "c.name" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    for (guint ascending = 0; ascending < 2; ascending++)
      {
        g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
        const char *direction = ascending ? "ASC" : "DESC";
        g_autofree char *order = g_strdup_printf ("%s %s, e.id %s", keys[k].column, direction,
                                                  direction);
        g_autofree char *expected = query_ids (dsn, "", order);
        g_autofree char *paged = NULL;

        filter->sort = keys[k].sort;
        filter->ascending = ascending;
        paged = list_all_pages (store, filter, 137);

        g_test_message ("sort %s %s", keys[k].column, direction);
        g_assert_cmpuint (strlen (expected), >, 5000);
        g_assert_cmpstr (paged, ==, expected);
      }
}

static void
test_keyset_filtered (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_store_with_rows (&dsn, 2000);
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autofree char *expected = NULL;
  g_autofree char *paged = NULL;

  filter->category_id = 2;
  g_date_set_dmy (&filter->start, 1, G_DATE_MARCH, 2024);
  g_date_set_dmy (&filter->end, 31, G_DATE_DECEMBER, 2024);
  filter->min_amount = 1000;
  filter->max_amount = 6000;
  filter->text = g_strdup ("E");
  filter->sort = OUTLAY_SORT_AMOUNT;

  expected = query_ids (dsn,
                        "WHERE e.category_id = 2 AND e.spent_on BETWEEN '2024-03-01' AND"
                        " '2024-12-31'"
                        "  AND e.amount BETWEEN 10 AND 60"
                        "  AND (e.description ILIKE '%e%' OR e.note ILIKE '%e%')",
                        "e.amount DESC, e.id DESC");
  paged = list_all_pages (store, filter, 50);
  g_assert_cmpuint (strlen (expected), >, 100);
  g_assert_cmpstr (paged, ==, expected);
}

/* @n of the ids in @all ("id,id,…") from @offset on, the same way. */
static char *
slice_ids (const char *all,
           guint       offset,
           guint       n)
{
  g_auto(GStrv) ids = g_strsplit (all, ",", -1);
  guint n_ids = *all != '\0' ? g_strv_length (ids) : 0;
  g_autoptr(GString) slice = g_string_new (NULL);

  for (guint i = offset; i < n_ids && i < offset + n; i++)
    g_string_append_printf (slice, "%s%s", slice->len > 0 ? "," : "", ids[i]);

  return g_string_free (g_steal_pointer (&slice), FALSE);
}

/* The page of 50 at @offset is the slice of @all, the ids keyset paging gave. */
static void
check_page_at (OutlayStore               *store,
               const OutlayExpenseFilter *filter,
               const char                *all,
               guint                      offset)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = slice_ids (all, offset, 50);

  page = outlay_store_list_expenses_at (store, filter, offset, 50, NULL, &error);
  g_assert_no_error (error);
  append_ids (ids, page);

  g_test_message ("sort %d %s, offset %u", filter->sort, filter->ascending ? "ASC" : "DESC",
                  offset);
  g_assert_cmpstr (ids->str, ==, expected);
}

/* A page at an offset holds the rows keyset paging reaches there, in every
 * order, filtered or not, and past the end none. */
static void
test_offset_pages (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_store_with_rows (&dsn, 3000);
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func ((GDestroyNotify) outlay_expense_filter_free);
  OutlayExpenseFilter *narrow = outlay_expense_filter_new ();
  OutlayExpenseFilter *by_category = outlay_expense_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *expected = NULL;

  for (OutlaySortKey sort = OUTLAY_SORT_DATE; sort <= OUTLAY_SORT_CATEGORY; sort++)
    for (guint ascending = 0; ascending < 2; ascending++)
      {
        OutlayExpenseFilter *filter = outlay_expense_filter_new ();

        filter->sort = sort;
        filter->ascending = ascending;
        g_ptr_array_add (filters, filter);
      }

  narrow->category_id = 2;
  g_date_set_dmy (&narrow->start, 1, G_DATE_MARCH, 2024);
  g_date_set_dmy (&narrow->end, 31, G_DATE_DECEMBER, 2024);
  narrow->min_amount = 1000;
  narrow->text = g_strdup ("E");
  narrow->sort = OUTLAY_SORT_DESCRIPTION;
  narrow->ascending = TRUE;
  g_ptr_array_add (filters, narrow);

  by_category->max_amount = 4000;
  by_category->sort = OUTLAY_SORT_CATEGORY;
  g_ptr_array_add (filters, by_category);

  for (guint f = 0; f < filters->len; f++)
    {
      const OutlayExpenseFilter *filter = g_ptr_array_index (filters, f);
      g_auto(GStrv) split = NULL;
      guint n;

      g_free (all);
      all = list_all_pages (store, filter, 137);
      split = g_strsplit (all, ",", -1);
      n = g_strv_length (split);
      g_assert_cmpuint (n, >, 100);

      check_page_at (store, filter, all, 0);
      check_page_at (store, filter, all, 1);
      check_page_at (store, filter, all, 137);
      check_page_at (store, filter, all, n / 2);
      check_page_at (store, filter, all, n - 3);
      check_page_at (store, filter, all, n);
      check_page_at (store, filter, all, n + 7);
    }

  /* The same through a worker thread, in the last filter's order. */
  outlay_store_list_expenses_at_async (store, by_category, 200, 30, NULL, store_result_cb,
                                       &result);
  wait_for_result (&result);
  page = outlay_store_list_expenses_at_finish (store, result, &error);
  g_assert_no_error (error);
  append_ids (ids, page);
  expected = slice_ids (all, 200, 30);
  g_assert_cmpuint (page->len, ==, 30);
  g_assert_cmpstr (ids->str, ==, expected);
}

static void
assert_text_matches (OutlayStore *store,
                     const char  *text,
                     guint        expected)
{
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  filter->text = g_strdup (text);
  found = outlay_store_list_expenses (store, filter, NULL, 100, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("text “%s”", text);
  g_assert_cmpuint (found->len, ==, expected);
}

static void
test_text_search (void)
{
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (NULL);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  gint64 food_id = outlay_category_get_id (food);
  g_autoptr(OutlayExpense) half = add_expense (store, food_id, "50% off", 100, NULL);
  g_autoptr(OutlayExpense) plain = add_expense (store, food_id, "500 off", 100, NULL);
  g_autoptr(OutlayExpense) underscore = add_expense (store, food_id, "a_b", 100, NULL);
  g_autoptr(OutlayExpense) axb = add_expense (store, food_id, "axb", 100, NULL);
  g_autoptr(OutlayExpense) noted = add_expense (store, food_id, "Groceries", 100, NULL);
  g_autoptr(OutlayExpense) tea = add_expense (store, food_id, "下午茶 with friends", 100, NULL);
  g_autoptr(GError) error = NULL;

  outlay_expense_set_note (noted, "Hidden WORD! here");
  outlay_store_update_expense (store, noted, NULL, &error);
  g_assert_no_error (error);

  assert_text_matches (store, "50%", 1);
  assert_text_matches (store, "50", 2);
  assert_text_matches (store, "a_b", 1);
  assert_text_matches (store, "_", 1);
  assert_text_matches (store, "OFF", 2);
  assert_text_matches (store, "word!", 1);
  assert_text_matches (store, "!", 1);
  assert_text_matches (store, "下午茶", 1);
  assert_text_matches (store, "', NULL); --", 0);
  assert_text_matches (store, "", 6);
}

static void
test_spec_queries (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_store_with_rows (&dsn, 1000);
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autoptr(GPtrArray) above = NULL;
  g_autoptr(GPtrArray) groceries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 expected;

  /* Expenses with amount > 50, ordered by amount descending. */
  filter->min_amount = 5001;
  filter->sort = OUTLAY_SORT_AMOUNT;
  above = outlay_store_list_expenses (store, filter, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  expected = outlay_test_db_query_int64 (dsn,
                                         "SELECT count (*) FROM outlay.expenses WHERE amount > 50");
  g_assert_cmpuint (above->len, ==, expected);
  g_assert_cmpuint (above->len, >, 0);
  for (guint i = 0; i < above->len; i++)
    {
      OutlayExpense *expense = g_ptr_array_index (above, i);

      g_assert_cmpint (outlay_expense_get_amount (expense), >, 5000);
      if (i > 0)
        g_assert_cmpint (outlay_expense_get_amount (expense), <=,
                         outlay_expense_get_amount (g_ptr_array_index (above, i - 1)));
      /* Joined with their categories. */
      g_assert_nonnull (outlay_expense_get_category_name (expense));
    }

  /* read_expenses(category): a category's expenses. */
  g_clear_pointer (&filter, outlay_expense_filter_free);
  filter = outlay_expense_filter_new ();
  filter->category_id = 1;
  groceries = outlay_store_list_expenses (store, filter, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groceries->len, ==,
                    outlay_test_db_query_int64 (dsn,
                                                "SELECT count (*) FROM outlay.expenses WHERE"
                                                " category_id = 1"));
  for (guint i = 0; i < groceries->len; i++)
    g_assert_cmpstr (outlay_expense_get_category_name (g_ptr_array_index (groceries, i)), ==,
                     "groceries");
}

static void
test_list_async (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_store_with_rows (&dsn, 300);
  OutlayExpenseFilter *filter = outlay_expense_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  filter->text = g_strdup ("coffee");

  /* The filter may go as soon as the call returns. */
  outlay_store_list_expenses_async (store, filter, NULL, 1000, NULL, store_result_cb, &result);
  outlay_expense_filter_free (filter);

  wait_for_result (&result);
  page = outlay_store_list_expenses_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==,
                    outlay_test_db_query_int64 (dsn, "SELECT count (*) FROM outlay.expenses"
                                                     " WHERE description ILIKE '%coffee%'"));
}

static void
test_suggestions (void)
{
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (NULL);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayCategory) home = add_category (store, "Home");
  gint64 food_id = outlay_category_get_id (food);
  gint64 home_id = outlay_category_get_id (home);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const struct {
    const char *description;
    gint64 category_id;
  } rows[] = {
    { "Coffee", food_id }, { "Coffee", food_id }, { "Coffee", home_id },
    { "Coffee beans", home_id }, { "Cake", food_id }, { "Decaf coffee", food_id },
    { "100% juice", food_id }, { "100 pens", home_id },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_object_unref (add_expense (store, rows[i].category_id, rows[i].description, 100, NULL));

  found = outlay_store_suggest_descriptions (store, "co", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (((OutlaySuggestion *) found->pdata[0])->description, ==, "Coffee");
  g_assert_cmpint (((OutlaySuggestion *) found->pdata[0])->uses, ==, 3);
  g_assert_cmpint (((OutlaySuggestion *) found->pdata[0])->category_id, ==, food_id);
  g_assert_cmpstr (((OutlaySuggestion *) found->pdata[1])->description, ==, "Coffee beans");
  g_assert_cmpint (((OutlaySuggestion *) found->pdata[1])->category_id, ==, home_id);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Wildcards are letters. */
  found = outlay_store_suggest_descriptions (store, "100%", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((OutlaySuggestion *) found->pdata[0])->description, ==, "100% juice");
  g_clear_pointer (&found, g_ptr_array_unref);

  outlay_store_suggest_descriptions_async (store, "C", 1, NULL, store_result_cb, &result);
  wait_for_result (&result);
  found = outlay_store_suggest_descriptions_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((OutlaySuggestion *) found->pdata[0])->description, ==, "Coffee");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/store/expenses/add-get", test_add_and_get);
  g_test_add_func ("/outlay/store/expenses/validation", test_add_validation);
  g_test_add_func ("/outlay/store/expenses/update", test_update);
  g_test_add_func ("/outlay/store/expenses/update-async", test_update_async);
  g_test_add_func ("/outlay/store/expenses/patch", test_patch);
  g_test_add_func ("/outlay/store/expenses/delete-restore", test_delete_and_restore);
  g_test_add_func ("/outlay/store/expenses/delete-restore-async", test_delete_restore_async);
  g_test_add_func ("/outlay/store/transfer/move", test_transfer);
  g_test_add_func ("/outlay/store/transfer/atomic", test_transfer_atomic);
  g_test_add_func ("/outlay/store/list/keyset", test_keyset_pages);
  g_test_add_func ("/outlay/store/list/keyset-filtered", test_keyset_filtered);
  g_test_add_func ("/outlay/store/list/offset", test_offset_pages);
  g_test_add_func ("/outlay/store/list/text", test_text_search);
  g_test_add_func ("/outlay/store/list/spec-queries", test_spec_queries);
  g_test_add_func ("/outlay/store/list/async", test_list_async);
  g_test_add_func ("/outlay/store/suggestions", test_suggestions);

  return g_test_run ();
}
