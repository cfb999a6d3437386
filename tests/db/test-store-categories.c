/* test-store-categories.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-store-common.h"

/* Categories through OutlayStore: CRUD, unique names regardless of case,
 * and deleting one that is in use. */

static OutlayCategory *
find_in (GPtrArray  *categories,
         const char *name)
{
  for (guint i = 0; i < categories->len; i++)
    if (g_strcmp0 (outlay_category_get_name (g_ptr_array_index (categories, i)), name) == 0)
      return g_ptr_array_index (categories, i);

  return NULL;
}

static char *
join_names (GPtrArray *categories)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < categories->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            outlay_category_get_name (g_ptr_array_index (categories, i)));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_crud (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = outlay_category_new ("Food");
  g_autoptr(OutlayCategory) travel = add_category (store, "Travel");
  g_autoptr(OutlayCategory) apples = add_category (store, "apples");
  g_autoptr(OutlayCategory) pets = outlay_category_new ("  Pets ");
  g_autoptr(OutlayCategory) found = NULL;
  g_autoptr(OutlayExpense) today = NULL;
  g_autoptr(OutlayExpense) long_ago = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *budget = NULL;

  outlay_category_set_color (food, "#33d17a");
  outlay_category_set_monthly_budget (food, 50000);
  outlay_store_add_category (store, food, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_category_get_id (food), >, outlay_category_get_id (apples));

  /* Stored trimmed, so " Pets" cannot sit beside "Pets". */
  outlay_store_add_category (store, pets, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outlay_category_get_name (pets), ==, "Pets");
  g_assert_cmpint (query_int64 (dsn, "SELECT count (*) FROM outlay.categories WHERE name = 'Pets'"),
                   ==, 1);

  today = add_expense (store, outlay_category_get_id (food), "Lunch", 1250, NULL);
  long_ago = add_expense (store, outlay_category_get_id (food), "Old lunch", 999, "2001-01-01");

  listed = outlay_store_list_categories (store, FALSE, NULL, &error);
  g_assert_no_error (error);
  names = join_names (listed);
  g_assert_cmpstr (names, ==, "apples,Food,Pets,Travel");
  g_assert_cmpstr (outlay_category_get_color (find_in (listed, "Food")), ==, "#33d17a");
  g_assert_cmpint (outlay_category_get_monthly_budget (find_in (listed, "Food")), ==, 50000);
  g_assert_cmpint (outlay_category_get_month_total (find_in (listed, "Food")), ==, 1250);
  g_assert_cmpint (outlay_category_get_month_total (find_in (listed, "Travel")), ==, 0);
  g_assert_null (outlay_category_get_color (find_in (listed, "Travel")));

  found = outlay_store_find_category (store, "FOOD", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_category_get_id (found), ==, outlay_category_get_id (food));
  g_assert_cmpint (outlay_category_get_month_total (found), ==, 1250);
  g_clear_object (&found);

  g_assert_null (outlay_store_find_category (store, "Nope", NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  outlay_category_set_name (travel, "Trips");
  outlay_category_set_color (travel, "#3584e4");
  outlay_category_set_monthly_budget (travel, 120000);
  g_assert_true (outlay_store_update_category (store, travel, NULL, &error));
  g_assert_no_error (error);
  budget = query_value (dsn,
                        "SELECT monthly_budget::text FROM outlay.categories WHERE name = 'Trips'");
  g_assert_cmpstr (budget, ==, "1200.00");
  g_clear_pointer (&budget, g_free);

  /* No budget is NULL, not zero; archived ones are listed only when asked. */
  outlay_category_set_monthly_budget (travel, 0);
  outlay_category_set_archived (travel, TRUE);
  g_assert_true (outlay_store_update_category (store, travel, NULL, &error));
  g_assert_no_error (error);
  budget = query_value (dsn, "SELECT monthly_budget FROM outlay.categories WHERE name = 'Trips'");
  g_assert_null (budget);

  g_clear_pointer (&listed, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);
  listed = outlay_store_list_categories (store, FALSE, NULL, &error);
  g_assert_no_error (error);
  names = join_names (listed);
  g_assert_cmpstr (names, ==, "apples,Food,Pets");

  g_clear_pointer (&listed, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);
  listed = outlay_store_list_categories (store, TRUE, NULL, &error);
  g_assert_no_error (error);
  names = join_names (listed);
  g_assert_cmpstr (names, ==, "apples,Food,Pets,Trips");
  g_assert_true (outlay_category_get_archived (find_in (listed, "Trips")));

  /* Archived categories are still found by name. */
  found = outlay_store_find_category (store, "trips", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (outlay_category_get_archived (found));

  outlay_category_set_id (found, 999);
  g_assert_false (outlay_store_update_category (store, found, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no category #999");
}

static void
test_validation (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autofree char *long_name = g_strnfill (51, 'n');
  const char *bad_names[] = { "", "   ", long_name };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(OutlayCategory) category = outlay_category_new (bad_names[i]);

      g_assert_false (outlay_store_add_category (store, category, NULL, &error));
      g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
      g_clear_error (&error);
    }

  {
    g_autoptr(OutlayCategory) category = outlay_category_new ("Colorful");

    outlay_category_set_color (category, "red");
    g_assert_false (outlay_store_add_category (store, category, NULL, &error));
    g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
    g_clear_error (&error);

    outlay_category_set_color (category, NULL);
    outlay_category_set_monthly_budget (category, -100);
    g_assert_false (outlay_store_add_category (store, category, NULL, &error));
    g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
  }

  g_assert_cmpint (count_rows (dsn, "outlay.categories"), ==, 0);
}

static void
test_duplicate (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayCategory) fun = add_category (store, "Fun");
  g_autoptr(OutlayCategory) again = outlay_category_new ("fOOD");
  g_autoptr(GError) error = NULL;

  g_assert_false (outlay_store_add_category (store, again, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "A category named “fOOD” already exists");
  g_assert_cmpint (outlay_category_get_id (again), ==, 0);
  g_clear_error (&error);

  outlay_category_set_name (fun, "FOOD");
  g_assert_false (outlay_store_update_category (store, fun, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "A category named “FOOD” already exists");

  g_assert_cmpint (count_rows (dsn, "outlay.categories"), ==, 2);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT count (*) FROM outlay.categories WHERE name"
                                               " = 'Fun'"),
                   ==, 1);
}

static void
test_delete_in_use (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayCategory) fun = add_category (store, "Fun");
  g_autoptr(OutlayCategory) empty = add_category (store, "Empty");
  gint64 food_id = outlay_category_get_id (food);
  gint64 fun_id = outlay_category_get_id (fun);
  g_autoptr(OutlayExpense) a = add_expense (store, food_id, "A", 100, NULL);
  g_autoptr(OutlayExpense) b = add_expense (store, food_id, "B", 200, NULL);
  g_autoptr(OutlayExpense) c = add_expense (store, fun_id, "C", 300, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (outlay_store_delete_category (store, food_id, 0, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_IN_USE);
  g_assert_cmpstr (error->message, ==,
                   "“Food” still has 2 expenses; move them to another category first");
  g_clear_error (&error);

  g_assert_false (outlay_store_delete_category (store, fun_id, 0, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_IN_USE);
  g_assert_cmpstr (error->message, ==,
                   "“Fun” still has 1 expense; move it to another category first");
  g_clear_error (&error);

  /* Moving into a category that does not exist moves and deletes nothing. */
  g_assert_false (outlay_store_delete_category (store, food_id, 555, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING);
  g_assert_nonnull (strstr (error->message, "#555"));
  g_clear_error (&error);

  g_assert_false (outlay_store_delete_category (store, food_id, food_id, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
  g_clear_error (&error);

  g_assert_false (outlay_store_delete_category (store, 4242, 0, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no category #4242");
  g_clear_error (&error);

  g_assert_cmpint (count_rows (dsn, "outlay.categories"), ==, 3);
  g_assert_cmpint (query_int64 (dsn,
                                "SELECT count (*) FROM outlay.expenses WHERE category_id ="
                                " %" G_GINT64_FORMAT,
                                food_id), ==, 2);

  /* Moved, then deleted, in one go. */
  g_assert_true (outlay_store_delete_category (store, food_id, fun_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (dsn, "outlay.categories"), ==, 2);
  g_assert_cmpint (query_int64 (dsn,
                                "SELECT count (*) FROM outlay.expenses WHERE category_id ="
                                " %" G_GINT64_FORMAT,
                                fun_id), ==, 3);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn, "SELECT sum (version) FROM outlay.expenses"),
                   ==, 5);

  g_assert_true (outlay_store_delete_category (store, outlay_category_get_id (empty), 0, NULL,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (dsn, "outlay.categories"), ==, 1);
}

static void
test_async (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = outlay_category_new ("Food");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  outlay_store_add_category_async (store, food, NULL, store_result_cb, &result);
  /* What the caller does meanwhile is not what gets saved. */
  outlay_category_set_color (food, "#ffffff");
  wait_for_result (&result);
  g_assert_true (outlay_store_add_category_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outlay_category_get_id (food), ==, 1);
  g_assert_null (outlay_test_db_query_value (dsn, "SELECT color FROM outlay.categories"));

  g_clear_object (&result);
  outlay_category_set_name (food, "Groceries");
  outlay_store_update_category_async (store, food, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (outlay_store_update_category_finish (store, result, &error));
  g_assert_no_error (error);

  g_clear_object (&result);
  outlay_store_list_categories_async (store, FALSE, NULL, store_result_cb, &result);
  wait_for_result (&result);
  listed = outlay_store_list_categories_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (outlay_category_get_name (g_ptr_array_index (listed, 0)), ==, "Groceries");
  g_assert_cmpstr (outlay_category_get_color (g_ptr_array_index (listed, 0)), ==, "#ffffff");

  g_clear_object (&result);
  outlay_store_delete_category_async (store, 1, 0, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (outlay_store_delete_category_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (dsn, "outlay.categories"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/store/categories/crud", test_crud);
  g_test_add_func ("/outlay/store/categories/validation", test_validation);
  g_test_add_func ("/outlay/store/categories/duplicate", test_duplicate);
  g_test_add_func ("/outlay/store/categories/delete-in-use", test_delete_in_use);
  g_test_add_func ("/outlay/store/categories/async", test_async);

  return g_test_run ();
}
