/* test-expense-model.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-test-utils.h"
#include "outlay-expense-model.h"

#define N_ROWS 100000

/* The listings the store sent, counted from its statement log. */
static gint n_listings;

typedef struct
{
  guint   next;
  gint64  category_id;
  GDate   base;
  char    description[64];
} Generator;

static gboolean
generate_cb (OutlayExpenseRecord *record,
             gpointer             user_data)
{
  Generator *gen = user_data;
  guint i = gen->next;

  if (i >= N_ROWS)
    return FALSE;

  gen->next++;

  /* A hundred rows per day, so the order leans on ties broken by id. */
  g_snprintf (gen->description, sizeof gen->description, "Expense %06u", (i * 7919u) % N_ROWS);
  memset (record, 0, sizeof *record);
  record->description = gen->description;
  record->amount = (i * 104729u) % 50000 + 1;
  record->date = gen->base;
  g_date_subtract_days (&record->date, i / 100);
  record->category_id = gen->category_id;

  return TRUE;
}

typedef struct
{
  OutlayExpenseModel *model;
  guint               changes;
} Watch;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  watch->changes++;
}

/* With OUTLAY_DB_ECHO set, the store logs each statement as a message of
 * its domain, from its worker threads: listings are counted, and nothing is
 * shown. */
static void
count_listings_cb (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  if (g_str_has_prefix (message, "SELECT e.id,"))
    g_atomic_int_inc (&n_listings);
}

static gboolean
model_loaded (gpointer data)
{
  return outlay_expense_model_get_loaded (data);
}

static gboolean
row_loaded (gpointer data)
{
  return outlay_expense_get_id (data) != 0;
}

static gboolean
changed_again (gpointer data)
{
  Watch *watch = data;

  return watch->changes > 0;
}

/* Drops @model and waits for whatever it still had in flight: it must go. */
static void
finalize_model (OutlayExpenseModel *model)
{
  outlay_expense_model_set_store (model, NULL);
  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  g_object_unref (model);

  while (model != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static OutlayStore *
new_big_store (char **out_dsn)
{
  OutlayStore *store = outlay_test_db_new_store (out_dsn);
  g_autoptr(OutlayCategory) category = app_test_add_category (store, "Everything");
  g_autoptr(GError) error = NULL;
  Generator gen = { 0, };
  guint64 count = 0;

  gen.category_id = outlay_category_get_id (category);
  g_date_clear (&gen.base, 1);
  g_date_set_dmy (&gen.base, 31, 12, 2025);

  outlay_store_bulk_add_expenses (store, generate_cb, &gen, &count, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, N_ROWS);

  return store;
}

/* Every asked position eventually holds the row the database puts there. */
static void
check_positions (OutlayExpenseModel *model,
                 const char         *dsn,
                 const char         *order,
                 const guint        *positions,
                 guint               n_positions)
{
  for (guint i = 0; i < n_positions; i++)
    {
      g_autoptr(OutlayExpense) row = g_list_model_get_item (G_LIST_MODEL (model), positions[i]);
      g_autofree char *sql = NULL;

      g_assert_nonnull (row);
      app_test_wait (row_loaded, row);

      sql = g_strdup_printf ("SELECT id FROM outlay.expenses ORDER BY %s OFFSET %u LIMIT 1",
                             order, positions[i]);
      g_assert_cmpint (outlay_expense_get_id (row), ==, outlay_test_db_query_int64 (dsn, sql));
    }
}

static void
test_paging (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_big_store (&dsn);
  g_autoptr(OutlayExpenseModel) model = outlay_expense_model_new (store);
  const guint far[] = { 0, 99999, 50000, 199, 200, 77777, 12345, 99800, 1 };
  const guint near[] = { 0, 99999, 49999, 50001 };
  g_autofree char *total = NULL;
  Watch watch = { model, 0 };

  app_test_wait (model_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_ROWS));
  total = outlay_test_db_query_value (dsn, "SELECT sum(amount) * 100 FROM outlay.expenses");
  g_assert_cmpint (outlay_expense_model_get_total (model), ==, g_ascii_strtoll (total, NULL, 10));

  check_positions (model, dsn, "spent_on DESC, id DESC", far, G_N_ELEMENTS (far));

  /* Sorting is the database's: a new order starts over. */
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  outlay_expense_model_set_sort (model, OUTLAY_SORT_AMOUNT, TRUE);
  app_test_wait (changed_again, &watch);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  check_positions (model, dsn, "amount ASC, id ASC", near, G_N_ELEMENTS (near));

  watch.changes = 0;
  outlay_expense_model_set_sort (model, OUTLAY_SORT_DESCRIPTION, FALSE);
  app_test_wait (changed_again, &watch);
  check_positions (model, dsn, "description DESC, id DESC", near, G_N_ELEMENTS (near));

  g_signal_handlers_disconnect_by_data (model, &watch);
  finalize_model (g_steal_pointer (&model));
}

/* A page far from every row seen is one query at its offset, not a walk
 * there; its neighbour is one more, by keyset. */
static void
test_far_jump (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_big_store (&dsn);
  g_autoptr(OutlayExpenseModel) model = NULL;
  g_autoptr(OutlayExpense) top = NULL;
  const char *order = "spent_on DESC, id DESC";

  /* The import's "changed" goes before there is a model to refresh. */
  app_test_flush ();

  model = outlay_expense_model_new (store);
  app_test_wait (model_loaded, model);
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  app_test_wait (row_loaded, top);

  g_atomic_int_set (&n_listings, 0);
  check_positions (model, dsn, order, (const guint[]) { 31234 }, 1);
  g_assert_cmpint (g_atomic_int_get (&n_listings), ==, 1);

  check_positions (model, dsn, order, (const guint[]) { 31234 + 200 }, 1);
  g_assert_cmpint (g_atomic_int_get (&n_listings), ==, 2);

  /* Near the end the offset counts from there, in the opposite order. */
  check_positions (model, dsn, order, (const guint[]) { 95000 }, 1);
  g_assert_cmpint (g_atomic_int_get (&n_listings), ==, 3);

  finalize_model (g_steal_pointer (&model));
}

/* Whether every items-changed only added rows at the end. */
static void
appended_cb (GListModel *model,
             guint       position,
             guint       removed,
             guint       added,
             gboolean   *appended)
{
  if (removed != 0 || position + added != g_list_model_get_n_items (model))
    *appended = FALSE;
}

/* The first page is asked for with the count, not after it: its listing
 * goes out while no answer is taken in (the main loop does not run), and
 * the count then adds the rest after it without asking again. */
static void
test_first_page (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_big_store (&dsn);
  g_autoptr(OutlayExpenseModel) model = NULL;
  g_autoptr(OutlayExpense) top = NULL;
  gboolean appended = TRUE;
  gint64 deadline;

  /* The import's "changed" goes before there is a model to refresh. */
  app_test_flush ();
  g_atomic_int_set (&n_listings, 0);

  model = outlay_expense_model_new (store);
  g_signal_connect (model, "items-changed", G_CALLBACK (appended_cb), &appended);

  /* The deadline only ends the wait should the listing never go out. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_atomic_int_get (&n_listings) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpint (g_atomic_int_get (&n_listings), ==, 1);

  app_test_wait (model_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  app_test_wait (row_loaded, top);
  check_positions (model, dsn, "spent_on DESC, id DESC", (const guint[]) { 0, 199 }, 2);
  g_assert_cmpint (g_atomic_int_get (&n_listings), ==, 1);
  g_assert_true (appended);

  g_signal_handlers_disconnect_by_data (model, &appended);
  finalize_model (g_steal_pointer (&model));
}

/* Pages far from what was asked for lately are let go. */
static void
test_eviction (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_big_store (&dsn);
  g_autoptr(OutlayExpenseModel) model = outlay_expense_model_new (store);
  OutlayExpense *first;
  OutlayExpense *again;

  app_test_wait (model_loaded, model);

  first = g_list_model_get_item (G_LIST_MODEL (model), 100);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  again = g_list_model_get_item (G_LIST_MODEL (model), 100);
  g_assert_true (again == first);
  g_object_unref (again);
  g_object_unref (first);
  g_assert_nonnull (first);

  /* Scrolling through 100 pages, as a scrollbar drag does. */
  for (guint page = 1; page <= 100; page++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), page * 200 + 100));

  g_assert_null (first);
  finalize_model (g_steal_pointer (&model));
}

/* A change in the store updates the rows in place, at the same positions. */
static void
test_refresh (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) category = app_test_add_category (store, "Food");
  g_autoptr(OutlayExpense) old = app_test_add_expense (store, category, "Old", 100, "2025-01-01");
  g_autoptr(OutlayExpense) older = app_test_add_expense (store, category, "Older", 200, "2024-01-01");
  g_autoptr(OutlayExpenseModel) model = outlay_expense_model_new (store);
  g_autoptr(OutlayExpense) newer = NULL;
  g_autoptr(OutlayExpense) top = NULL;
  g_autoptr(OutlayExpense) bottom = NULL;
  Watch watch = { model, 0 };

  app_test_wait (model_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  bottom = g_list_model_get_item (G_LIST_MODEL (model), 1);
  app_test_wait (row_loaded, bottom);
  g_assert_cmpstr (outlay_expense_get_description (top), ==, "Old");

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  newer = app_test_add_expense (store, category, "New", 300, "2025-06-01");
  app_test_wait (changed_again, &watch);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  /* The same objects, refilled: whatever shows them follows. */
  while (g_strcmp0 (outlay_expense_get_description (top), "New") != 0 ||
         g_strcmp0 (outlay_expense_get_description (bottom), "Old") != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (outlay_expense_get_id (top), ==, outlay_expense_get_id (newer));

  g_signal_handlers_disconnect_by_data (model, &watch);
}

/* A filter is applied by the database, count and total included. */
static void
test_filter (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = app_test_add_category (store, "Food");
  g_autoptr(OutlayCategory) rent = app_test_add_category (store, "Rent");
  g_autoptr(OutlayExpenseModel) model = NULL;
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autoptr(OutlayExpense) row = NULL;
  Watch watch = { NULL, 0 };

  g_object_unref (app_test_add_expense (store, food, "Bread", 250, "2025-03-01"));
  g_object_unref (app_test_add_expense (store, food, "Cheese", 700, "2025-03-02"));
  g_object_unref (app_test_add_expense (store, rent, "March rent", 90000, "2025-03-01"));

  model = outlay_expense_model_new (store);
  watch.model = model;
  app_test_wait (model_loaded, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  filter->category_id = outlay_category_get_id (food);
  filter->min_amount = 500;
  outlay_expense_model_set_filter (model, filter);
  app_test_wait (changed_again, &watch);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpint (outlay_expense_model_get_total (model), ==, 700);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  app_test_wait (row_loaded, row);
  g_assert_cmpstr (outlay_expense_get_description (row), ==, "Cheese");

  g_signal_handlers_disconnect_by_data (model, &watch);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread: the store reads it once. */
  g_setenv ("OUTLAY_DB_ECHO", "1", TRUE);
  g_log_set_handler ("outlay-db", G_LOG_LEVEL_MESSAGE, count_listings_cb, NULL);

  app_test_init (&argc, &argv);

  g_test_add_func ("/outlay/app/expense-model/paging", test_paging);
  g_test_add_func ("/outlay/app/expense-model/far-jump", test_far_jump);
  g_test_add_func ("/outlay/app/expense-model/first-page", test_first_page);
  g_test_add_func ("/outlay/app/expense-model/eviction", test_eviction);
  g_test_add_func ("/outlay/app/expense-model/refresh", test_refresh);
  g_test_add_func ("/outlay/app/expense-model/filter", test_filter);

  return g_test_run ();
}
