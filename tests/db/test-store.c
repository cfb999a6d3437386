/* test-store.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "outlay-db-error.h"
#include "test-store-common.h"

/* OutlayStore as a whole: migrations, state, "changed", live sync, retries,
 * concurrency and the async machinery. Operations are tested in test-store-*.c. */

#define N_MIGRATIONS 2

/* --- Migrations ----------------------------------------------------------- */

static void
test_open_migrates (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayStore) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (count_rows (dsn, "outlay.schema_migrations"),
                   ==, N_MIGRATIONS);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT max (version) FROM"
                                               " outlay.schema_migrations"),
                   ==, N_MIGRATIONS);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT count (*) FROM pg_tables"
                                               " WHERE schemaname = 'outlay'"
                                               " AND tablename IN ('categories', 'expenses')"),
                   ==, 2);

  /* Opening migrated books changes nothing. */
  again = outlay_store_new (dsn, &error);
  g_assert_no_error (error);
  outlay_store_open (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (dsn, "outlay.schema_migrations"),
                   ==, N_MIGRATIONS);
}

typedef struct
{
  const char *dsn;
  GMutex      lock;
  GCond       cond;
  guint       n_threads;
  guint       n_ready;
} Race;

/* Each thread opens its own store, as separate Outlay processes would, and
 * they all start at once. */
static gpointer
open_in_thread (gpointer user_data)
{
  Race *race = user_data;
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = outlay_store_new (race->dsn, &error);
  g_assert_no_error (error);

  g_mutex_lock (&race->lock);
  if (++race->n_ready == race->n_threads)
    g_cond_broadcast (&race->cond);
  while (race->n_ready < race->n_threads)
    g_cond_wait (&race->cond, &race->lock);
  g_mutex_unlock (&race->lock);

  outlay_store_open (store, NULL, &error);
  g_assert_no_error (error);

  return NULL;
}

static void
test_open_concurrently (void)
{
  /* Several rounds on fresh books: an unserialised migration fails most of
   * the time ("relation already exists"), not every time. */
  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *dsn = outlay_test_db_create_database ();
      GThread *threads[4];
      Race race = { dsn };

      g_mutex_init (&race.lock);
      g_cond_init (&race.cond);
      race.n_threads = G_N_ELEMENTS (threads);

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("open", open_in_thread, &race);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        g_thread_join (threads[i]);

      g_mutex_clear (&race.lock);
      g_cond_clear (&race.cond);

      g_assert_cmpint (count_rows (dsn, "outlay.schema_migrations"),
                       ==, N_MIGRATIONS);
      g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                                   "SELECT count (DISTINCT version)"
                                                   " FROM outlay.schema_migrations"),
                       ==, N_MIGRATIONS);
    }

  drain_main_context ();
}

static void
test_open_newer_books (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayStore) older = NULL;
  g_autoptr(GError) error = NULL;

  outlay_test_db_exec (dsn, "INSERT INTO outlay.schema_migrations (version) VALUES (9999)");

  older = outlay_store_new (dsn, &error);
  g_assert_no_error (error);
  g_assert_false (outlay_store_open (older, NULL, &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer Outlay"));

  drain_main_context ();
  g_assert_cmpint (outlay_store_get_state (older), ==, OUTLAY_STORE_STATE_OFFLINE);
  g_assert_cmpstr (outlay_store_get_state_message (older), ==, error->message);

  /* Nothing was applied or taken back. */
  g_assert_cmpint (count_rows (dsn, "outlay.schema_migrations"),
                   ==, N_MIGRATIONS + 1);
}

static void
test_open_async (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store = outlay_store_new (dsn, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_DISCONNECTED);

  outlay_store_open_async (store, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (outlay_store_open_finish (store, result, &error));
  g_assert_no_error (error);

  drain_main_context ();
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_CONNECTED);
  g_assert_null (outlay_store_get_state_message (store));
  g_assert_cmpint (count_rows (dsn, "outlay.schema_migrations"),
                   ==, N_MIGRATIONS);
}

/* --- State and signals ------------------------------------------------------- */

static void
test_state_offline (void)
{
  g_autofree char *dsn = g_strconcat (outlay_test_db_server_dsn (), " dbname=outlay_no_such_books",
                                      NULL);
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_state = 0;

  store = outlay_store_new (dsn, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (store, "notify::state", G_CALLBACK (count_cb), &n_state);

  g_assert_false (outlay_store_open (store, NULL, &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_NO_DATABASE);

  drain_main_context ();
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_OFFLINE);
  g_assert_cmpstr (outlay_store_get_state_message (store), ==, error->message);
  g_assert_cmpuint (n_state, >=, 1);
}

/* Books that go away and come back: the store says offline, then reloads
 * everyone with "changed" once an operation succeeds again. */
static void
test_state_back_online (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autofree char *name = outlay_test_db_query_value (dsn, "SELECT current_database ()");
  g_autofree char *away = g_strconcat ("ALTER DATABASE ", name, " RENAME TO ", name, "_away",
                                       NULL);
  g_autofree char *back = g_strconcat ("ALTER DATABASE ", name, "_away RENAME TO ", name, NULL);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  /* Only the pool's connections, so the database can be renamed. */
  outlay_store_set_live_sync (store, FALSE);
  listed = outlay_store_list_categories (store, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&listed, g_ptr_array_unref);
  drain_main_context ();
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_CONNECTED);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_cb), &n_changed);

  outlay_test_db_kill_connections (dsn);
  outlay_test_db_exec (outlay_test_db_server_dsn (), away);
  g_assert_null (outlay_store_list_categories (store, TRUE, NULL, &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_NO_DATABASE);
  g_clear_error (&error);
  drain_main_context ();
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_OFFLINE);
  g_assert_cmpuint (n_changed, ==, 0);

  outlay_test_db_exec (outlay_test_db_server_dsn (), back);
  listed = outlay_store_list_categories (store, TRUE, NULL, &error);
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_CONNECTED);
  g_assert_cmpuint (n_changed, ==, 1);
}

static void
test_state_cancelled (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = outlay_store_new (dsn, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  g_assert_false (outlay_store_open (store, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  drain_main_context ();
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_DISCONNECTED);
  g_assert_cmpstr (outlay_store_get_display_dsn (store), !=, NULL);
}

static void
test_changed_signal (void)
{
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (NULL);
  g_autoptr(OutlayCategory) food = NULL;
  g_autoptr(OutlayExpense) lunch = NULL;
  g_autoptr(OutlayExpense) dinner = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_cb), &n_changed);

  food = add_category (store, "Food");
  drain_main_context ();
  g_assert_cmpuint (n_changed, ==, 1);

  lunch = add_expense (store, outlay_category_get_id (food), "Lunch", 1250, NULL);
  drain_main_context ();
  g_assert_cmpuint (n_changed, ==, 2);

  /* Reads are not changes. */
  listed = outlay_store_list_expenses (store, NULL, NULL, 10, NULL, &error);
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpuint (n_changed, ==, 2);

  /* From a worker thread, in this context. */
  dinner = make_expense (outlay_category_get_id (food), "Dinner", 3000, NULL);
  outlay_store_add_expense_async (store, dinner, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (outlay_store_add_expense_finish (store, result, &error));
  g_assert_no_error (error);
  drain_main_context ();
  g_assert_cmpuint (n_changed, ==, 3);

  /* A failed write is not a change. */
  outlay_expense_set_amount (dinner, 0);
  g_assert_false (outlay_store_update_expense (store, dinner, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT);
  drain_main_context ();
  g_assert_cmpuint (n_changed, ==, 3);
}

/* --- Retries and concurrency --------------------------------------------------- */

static void
test_retry_after_lost_connection (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayExpense) first = add_expense (store, outlay_category_get_id (food), "First", 100,
                                                NULL);
  g_autoptr(OutlayExpense) second = NULL;

  /* The pooled connection is dead; the store finds out on its next write. */
  outlay_test_db_kill_connections (dsn);

  second = add_expense (store, outlay_category_get_id (food), "Second", 200, NULL);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 2);

  drain_main_context ();
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_CONNECTED);
}

static void
test_retry_insert_once (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayExpense) lunch = make_expense (outlay_category_get_id (food), "Lunch", 1250,
                                                 NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* The first insert kills its own connection halfway through the
   * transaction, as a server restart or a network cut would. The sequence
   * counts attempts outside the transaction that is rolled back. */
  outlay_test_db_exec (dsn,
                       "CREATE SEQUENCE public.attempts;"
                       "CREATE FUNCTION public.die_once () RETURNS trigger LANGUAGE plpgsql AS $$"
                       "BEGIN"
                       "  IF nextval ('public.attempts') = 1 THEN"
                       "    PERFORM pg_terminate_backend (pg_backend_pid ());"
                       "  END IF;"
                       "  RETURN NEW;"
                       "END $$;"
                       "CREATE TRIGGER die_once BEFORE INSERT ON outlay.expenses"
                       "  FOR EACH ROW EXECUTE FUNCTION public.die_once ()");

  outlay_store_add_expense (store, lunch, NULL, &error);
  g_assert_no_error (error);
  id = outlay_expense_get_id (lunch);
  g_assert_cmpint (id, >, 0);

  g_assert_cmpint (outlay_test_db_query_int64 (dsn, "SELECT last_value FROM public.attempts"), ==,
                   2);
  g_assert_cmpint (query_int64 (dsn, "SELECT count (*) FROM outlay.expenses WHERE uuid = '%s'",
                                outlay_expense_get_uuid (lunch)), ==, 1);

  /* Saving the same expense again (a retry whose first answer was lost)
   * finds the stored row instead of adding one. */
  outlay_expense_set_id (lunch, 0);
  outlay_store_add_expense (store, lunch, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_id (lunch), ==, id);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 1);
}

#define N_WRITERS 4
#define N_PER_WRITER 150

typedef struct
{
  OutlayStore *store;
  gint64       category_id;
  guint        writer;
} Writer;

static gpointer
write_in_thread (gpointer user_data)
{
  Writer *writer = user_data;

  for (guint i = 0; i < N_PER_WRITER; i++)
    {
      g_autofree char *description = g_strdup_printf ("Writer %u, expense %u", writer->writer, i);
      g_autoptr(OutlayExpense) expense = add_expense (writer->store, writer->category_id,
                                                      description, 100 + i, NULL);
    }

  return NULL;
}

static void
test_concurrent_writers (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) one = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayStore) two = NULL;
  g_autoptr(OutlayCategory) food = add_category (one, "Food");
  g_autoptr(GError) error = NULL;
  GThread *threads[N_WRITERS];
  Writer writers[N_WRITERS];

  /* Two stores on the same books, as two windows or two machines. */
  two = outlay_store_new (dsn, &error);
  g_assert_no_error (error);
  outlay_store_open (two, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_WRITERS; i++)
    {
      writers[i].store = i % 2 == 0 ? one : two;
      writers[i].category_id = outlay_category_get_id (food);
      writers[i].writer = i;
      threads[i] = g_thread_new ("writer", write_in_thread, &writers[i]);
    }
  for (guint i = 0; i < N_WRITERS; i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (count_rows (dsn, "outlay.expenses"),
                   ==, N_WRITERS * N_PER_WRITER);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT count (DISTINCT description) FROM"
                                               " outlay.expenses"),
                   ==, N_WRITERS * N_PER_WRITER);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT count (DISTINCT uuid) FROM outlay.expenses"),
                   ==, N_WRITERS * N_PER_WRITER);

  drain_main_context ();
}

/* --- Through a pooler ----------------------------------------------------------- */

static gboolean
one_record_cb (OutlayExpenseRecord *record,
               gpointer             user_data)
{
  gint64 *category_id = user_data;

  if (*category_id == 0)
    return FALSE;

  record->description = "Imported";
  record->amount = 4200;
  g_date_set_dmy (&record->date, 2, G_DATE_MARCH, 2025);
  record->category_id = *category_id;
  *category_id = 0;
  return TRUE;
}

static gboolean
count_record_cb (const OutlayExpenseRecord *record,
                 gpointer                   user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* PgBouncer in transaction mode with TLS, as Neon's -pooler hosts: every
 * kind of statement the store sends (pipelines, cursors, COPY) must work
 * without session state. */
static void
test_through_pooler (void)
{
  g_autofree char *direct = NULL;
  g_autoptr(OutlayStore) migrated = outlay_test_db_new_store (&direct);
  g_autofree char *dsn = outlay_test_db_pooler_dsn (direct);
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(OutlayCategory) food = NULL;
  g_autoptr(OutlayCategory) fun = NULL;
  g_autoptr(OutlayExpense) lunch = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GOutputStream) csv = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gint64 id, category_id;
  guint64 count = 0;
  guint n_streamed = 0;

  store = outlay_store_new (dsn, &error);
  g_assert_no_error (error);
  outlay_store_open (store, NULL, &error);
  g_assert_no_error (error);

  food = add_category (store, "Food");
  fun = add_category (store, "Fun");
  lunch = add_expense (store, outlay_category_get_id (food), "Lunch", 1250, NULL);
  id = outlay_expense_get_id (lunch);

  outlay_expense_set_amount (lunch, 1300);
  outlay_store_update_expense (store, lunch, NULL, &error);
  g_assert_no_error (error);

  outlay_store_transfer_expenses (store, &id, 1, outlay_category_get_id (fun), NULL, &error);
  g_assert_no_error (error);

  category_id = outlay_category_get_id (food);
  outlay_store_bulk_add_expenses (store, one_record_cb, &category_id, &count, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);

  listed = outlay_store_list_expenses (store, NULL, NULL, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);

  outlay_store_foreach_expense (store, NULL, count_record_cb, &n_streamed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_streamed, ==, 2);

  outlay_store_export_csv (store, NULL, csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (csv)), >, 0);

  deleted = outlay_store_delete_expenses (store, &id, 1, NULL, &error);
  g_assert_no_error (error);
  outlay_store_restore_expenses (store, deleted, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (query_int64 (direct, "SELECT (amount * 100)::int8 FROM outlay.expenses"
                                " WHERE id ="
                                " %" G_GINT64_FORMAT " AND category_id = %" G_GINT64_FORMAT,
                                id, outlay_category_get_id (fun)), ==, 1300);
  g_assert_cmpint (count_rows (direct, "outlay.expenses"), ==, 2);
}

/* --- Live sync ------------------------------------------------------------------ */

static gboolean
keep_waiting_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until *@count reaches @target. The deadline is
 * generous, a bound on a hang rather than a demand on speed. */
static void
wait_for_count (guint *count,
                guint  target)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, keep_waiting_cb, NULL);

  while (*count < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  g_assert_cmpuint (*count, >=, target);
}

/* Live-sync connections on the books of @dsn that have LISTENed and read the
 * count (the last thing they run). */
static gint64
count_listeners (const char *dsn)
{
  return outlay_test_db_query_int64 (dsn,
                                     "SELECT count (*) FROM pg_stat_activity"
                                     " WHERE datname = current_database ()"
                                     " AND application_name = 'outlay-live-sync'"
                                     " AND state = 'idle' AND query LIKE 'SELECT sum%'");
}

static void
wait_for_listeners (const char *dsn,
                    gint64      n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (count_listeners (dsn) != n && g_get_monotonic_time () < deadline)
    {
      drain_main_context ();
      g_usleep (G_USEC_PER_SEC / 50);
    }

  g_assert_cmpint (count_listeners (dsn), ==, n);
}

static OutlayStore *
open_store (const char *dsn,
            gboolean    live_sync,
            guint       poll_interval)
{
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = outlay_store_new (dsn, &error);
  g_assert_no_error (error);
  outlay_store_set_live_sync (store, live_sync);
  outlay_store_set_poll_interval (store, poll_interval);
  outlay_store_open (store, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* What one store writes, or anybody, another store on the same books hears
 * of: inserts, updates and deletes alike. */
static void
check_hears_writes (OutlayStore *writer,
                    OutlayStore *listener,
                    const char  *dsn,
                    const char  *category)
{
  g_autoptr(OutlayCategory) food = NULL;
  g_autoptr(OutlayExpense) lunch = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;
  gint64 id;

  g_signal_connect_swapped (listener, "changed", G_CALLBACK (count_cb), &n_changed);

  food = add_category (writer, category);
  wait_for_count (&n_changed, 1);

  lunch = add_expense (writer, outlay_category_get_id (food), "Lunch", 1250, NULL);
  wait_for_count (&n_changed, 2);

  id = outlay_expense_get_id (lunch);
  deleted = outlay_store_delete_expenses (writer, &id, 1, NULL, &error);
  g_assert_no_error (error);
  wait_for_count (&n_changed, 3);

  outlay_test_db_exec (dsn, "UPDATE outlay.categories SET color = '#3584e4'");
  wait_for_count (&n_changed, 4);

  g_signal_handlers_disconnect_by_data (listener, &n_changed);
}

/* Two windows on one machine, or two machines, straight to the server. */
static void
test_live_sync_listen (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) one = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayStore) two = open_store (dsn, TRUE, 0);

  /* Each listens on a connection of its own from the moment it is open. */
  g_assert_cmpint (count_listeners (dsn), ==, 2);

  check_hears_writes (one, two, dsn, "Food");
  check_hears_writes (two, one, dsn, "Fun");
}

/* Through PgBouncer in transaction mode LISTEN cannot work: the store polls
 * the count of writes instead. */
static void
test_live_sync_poll (void)
{
  g_autofree char *direct = NULL;
  g_autoptr(OutlayStore) writer = outlay_test_db_new_store (&direct);
  g_autofree char *pooled = outlay_test_db_pooler_dsn (direct);
  g_autoptr(OutlayStore) store = open_store (pooled, TRUE, 200);

  g_assert_cmpuint (outlay_store_get_poll_interval (store), ==, 200);
  /* The writer's is the only listener. */
  g_assert_cmpint (count_listeners (direct), ==, 1);

  check_hears_writes (writer, store, direct, "Food");
}

/* The listening connection dies; what is written while it is gone is
 * reported once it is back, and it goes on listening. */
static void
test_live_sync_reconnect (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) listener = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayStore) writer = open_store (dsn, FALSE, 0);
  g_autoptr(OutlayCategory) food = NULL;
  g_autoptr(OutlayExpense) lunch = NULL;
  g_autofree char *pid_sql = NULL;
  guint n_changed = 0;
  gint64 old_pid;

  g_assert_false (outlay_store_get_live_sync (writer));
  g_assert_cmpint (count_listeners (dsn), ==, 1);
  old_pid = outlay_test_db_query_int64 (dsn,
                                        "SELECT pid FROM pg_stat_activity"
                                        " WHERE datname = current_database ()"
                                        " AND application_name = 'outlay-live-sync'");

  g_signal_connect_swapped (listener, "changed", G_CALLBACK (count_cb), &n_changed);

  pid_sql = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ", 5000)", old_pid);
  outlay_test_db_exec (dsn, pid_sql);
  food = add_category (writer, "Food");
  wait_for_count (&n_changed, 1);

  g_assert_cmpint (count_listeners (dsn), ==, 1);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT pid FROM pg_stat_activity"
                                               " WHERE datname = current_database ()"
                                               " AND application_name = 'outlay-live-sync'"),
                   !=, old_pid);

  lunch = add_expense (writer, outlay_category_get_id (food), "Lunch", 1250, NULL);
  wait_for_count (&n_changed, 2);
}

/* Turned off, the connection goes; turned on again, it comes back (without
 * blocking) and hears writes again. */
static void
test_live_sync_toggle (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayStore) writer = open_store (dsn, FALSE, 0);
  g_autoptr(OutlayCategory) food = NULL;
  guint n_changed = 0;
  guint n_notify = 0;

  g_signal_connect_swapped (store, "notify::live-sync", G_CALLBACK (count_cb), &n_notify);

  outlay_store_set_live_sync (store, FALSE);
  outlay_store_set_live_sync (store, FALSE);
  g_assert_cmpuint (n_notify, ==, 1);
  wait_for_listeners (dsn, 0);

  /* Back on, the store says "changed" once it listens: writes made
   * meanwhile went unheard. */
  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_cb), &n_changed);
  g_object_set (store, "live-sync", TRUE, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  wait_for_count (&n_changed, 1);
  wait_for_listeners (dsn, 1);

  food = add_category (writer, "Food");
  wait_for_count (&n_changed, 2);
}

/* --- Async ----------------------------------------------------------------------- */

static void
test_async_copies_inputs (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayExpense) lunch = make_expense (outlay_category_get_id (food), "Lunch", 1250,
                                                 "2025-03-31");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OutlayExpense) stored = NULL;
  g_autofree char *description = NULL;
  GWeakRef weak;

  outlay_store_add_expense_async (store, lunch, NULL, store_result_cb, &result);

  /* What the caller does meanwhile is not what gets saved. */
  outlay_expense_set_description (lunch, "Changed after the call");
  g_weak_ref_init (&weak, lunch);

  wait_for_result (&result);
  g_assert_true (outlay_store_add_expense_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outlay_expense_get_id (lunch), >, 0);
  g_assert_cmpint (outlay_expense_get_version (lunch), ==, 1);
  g_assert_nonnull (outlay_expense_get_created_at (lunch));

  description = query_value (dsn,
                             "SELECT description FROM outlay.expenses WHERE id = %" G_GINT64_FORMAT,
                             outlay_expense_get_id (lunch));
  g_assert_cmpstr (description, ==, "Lunch");

  g_clear_object (&result);
  outlay_store_get_expense_async (store, outlay_expense_get_id (lunch), NULL, store_result_cb,
                                  &result);
  wait_for_result (&result);
  stored = outlay_store_get_expense_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outlay_expense_get_description (stored), ==, "Lunch");
  g_assert_cmpstr (outlay_expense_get_category_name (stored), ==, "Food");

  /* The task let go of the caller's expense. */
  g_clear_object (&result);
  g_clear_object (&lunch);
  drain_main_context ();
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
}

static void
test_async_error (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayExpense) ghost = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  outlay_store_get_expense_async (store, 42, NULL, store_result_cb, &result);
  wait_for_result (&result);
  ghost = outlay_store_get_expense_finish (store, result, &error);
  g_assert_null (ghost);
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no expense #42");
}

static void
test_cancelled_write (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayExpense) lunch = make_expense (outlay_category_get_id (food), "Lunch", 1250,
                                                 NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  outlay_store_add_expense_async (store, lunch, cancellable, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_false (outlay_store_add_expense_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (outlay_expense_get_id (lunch), ==, 0);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 0);
}

static void
test_finalize (void)
{
  OutlayStore *store = outlay_test_db_new_store (NULL);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");

  drain_main_context ();
  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/store/open/migrates", test_open_migrates);
  g_test_add_func ("/outlay/store/open/concurrently", test_open_concurrently);
  g_test_add_func ("/outlay/store/open/newer-books", test_open_newer_books);
  g_test_add_func ("/outlay/store/open/async", test_open_async);
  g_test_add_func ("/outlay/store/state/offline", test_state_offline);
  g_test_add_func ("/outlay/store/state/back-online", test_state_back_online);
  g_test_add_func ("/outlay/store/state/cancelled", test_state_cancelled);
  g_test_add_func ("/outlay/store/changed", test_changed_signal);
  g_test_add_func ("/outlay/store/retry/lost-connection", test_retry_after_lost_connection);
  g_test_add_func ("/outlay/store/retry/insert-once", test_retry_insert_once);
  g_test_add_func ("/outlay/store/concurrent-writers", test_concurrent_writers);
  g_test_add_func ("/outlay/store/pooler", test_through_pooler);
  g_test_add_func ("/outlay/store/live-sync/listen", test_live_sync_listen);
  g_test_add_func ("/outlay/store/live-sync/poll", test_live_sync_poll);
  g_test_add_func ("/outlay/store/live-sync/reconnect", test_live_sync_reconnect);
  g_test_add_func ("/outlay/store/live-sync/toggle", test_live_sync_toggle);
  g_test_add_func ("/outlay/store/async/copies-inputs", test_async_copies_inputs);
  g_test_add_func ("/outlay/store/async/error", test_async_error);
  g_test_add_func ("/outlay/store/async/cancelled", test_cancelled_write);
  g_test_add_func ("/outlay/store/finalize", test_finalize);

  return g_test_run ();
}
