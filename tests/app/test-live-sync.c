/* test-live-sync.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-test-utils.h"
#include "outlay-application.h"
#include "outlay-expenses-page.h"
#include "outlay-window.h"

typedef struct
{
  GListModel *rows;
  const char *description;
} Row;

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static gboolean
window_is_inactive (gpointer data)
{
  return !gtk_window_is_active (data);
}

static gboolean
shows_row (gpointer data)
{
  Row *row = data;
  guint n_items = g_list_model_get_n_items (row->rows);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OutlayExpense) expense = g_list_model_get_item (row->rows, i);

      if (g_strcmp0 (outlay_expense_get_description (expense), row->description) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Waits until the list shows an expense described as @description. */
static void
wait_for_row (GListModel *rows,
              const char *description)
{
  Row row = { rows, description };

  app_test_wait (shows_row, &row);
}

/* Connections of the application's store to the books of @dsn that
 * @application_name tells apart ("outlay-live-sync": the LISTEN; "outlay":
 * the pool), counted by the server. */
static gint64
count_connections (const char *dsn,
                   const char *application_name)
{
  return outlay_test_db_query_int64f (dsn,
                                      "SELECT count (*) FROM pg_stat_activity"
                                      " WHERE datname = current_database ()"
                                      " AND application_name = '%s'"
                                      " AND pid <> pg_backend_pid ()",
                                      application_name);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Nothing but the server tells when a connection has gone: ask it again
 * and again while the main context runs (the grace period's timer, the
 * store). */
static void
wait_for_listeners (const char *dsn,
                    gint64      n)
{
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (count_connections (dsn, "outlay-live-sync") != n)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
}

/* Another client, with no live sync of its own, and a name of its own on
 * the server. */
static OutlayStore *
open_writer (const char *dsn)
{
  g_autofree char *writer_dsn = g_strdup_printf ("%s application_name=outlay-test-writer", dsn);
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = outlay_store_new (writer_dsn, &error);
  g_assert_no_error (error);
  outlay_store_set_live_sync (store, FALSE);
  outlay_store_open (store, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* No window in use for the grace period: the LISTEN connection goes, and
 * what another client writes meanwhile is not heard. A window in use again:
 * it comes back and the list catches up, then hears writes as before. */
static void
run_pause (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayApplication) app = outlay_application_new ();
  g_autoptr(OutlayStore) writer = NULL;
  g_autoptr(OutlayCategory) food = NULL;
  g_autoptr(OutlayExpense) taxi = NULL;
  g_autoptr(OutlayExpense) bus = NULL;
  OutlayExpensesPage *expenses;
  GtkColumnView *column_view;
  GListModel *rows;
  OutlayStore *store;
  GtkWindow *window;
  GtkWidget *elsewhere;

  g_assert_cmpuint (outlay_application_get_live_sync_grace (app), ==, 5 * 60);
  g_object_set (app, "live-sync-grace", 1, NULL);
  g_assert_cmpuint (outlay_application_get_live_sync_grace (app), ==, 1);

  window = app_test_start_app (app, dsn);
  store = outlay_window_get_store (OUTLAY_WINDOW (window));
  writer = open_writer (dsn);
  food = app_test_add_category (writer, "Food");

  adw_view_stack_set_visible_child_name (app_test_child (window, OUTLAY_TYPE_WINDOW, "view_stack"),
                                         "expenses");
  expenses = app_test_child (window, OUTLAY_TYPE_WINDOW, "expenses_page");
  column_view = app_test_child (expenses, OUTLAY_TYPE_EXPENSES_PAGE, "column_view");
  rows = G_LIST_MODEL (gtk_column_view_get_model (column_view));

  /* In use: listening. */
  app_test_wait (window_is_active, window);
  wait_for_listeners (dsn, 1);
  g_assert_true (outlay_store_get_live_sync (store));
  g_test_message ("In use: %" G_GINT64_FORMAT " LISTEN, %" G_GINT64_FORMAT " pooled connections",
                  count_connections (dsn, "outlay-live-sync"), count_connections (dsn, "outlay"));

  /* A window of another program takes the focus. */
  elsewhere = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (elsewhere));
  app_test_wait (window_is_inactive, window);

  wait_for_listeners (dsn, 0);
  g_assert_false (outlay_store_get_live_sync (store));
  g_test_message ("Paused: %" G_GINT64_FORMAT " LISTEN, %" G_GINT64_FORMAT " pooled connections",
                  count_connections (dsn, "outlay-live-sync"), count_connections (dsn, "outlay"));

  /* Written while paused, heard of only once live sync is back. */
  taxi = app_test_add_expense (writer, food, "Taxi", 2300, "2026-01-15");

  /* Back to Outlay. */
  gtk_window_present (window);
  app_test_wait (window_is_active, window);
  g_assert_true (outlay_store_get_live_sync (store));
  wait_for_row (rows, "Taxi");
  wait_for_listeners (dsn, 1);

  bus = app_test_add_expense (writer, food, "Bus", 290, "2026-01-16");
  wait_for_row (rows, "Bus");

  gtk_window_destroy (GTK_WINDOW (elsewhere));
  gtk_window_close (window);
  app_test_flush ();
  g_unsetenv ("DATABASE_URL");
}

/* In a process of its own: an application stays exported on the session
 * bus under its id for as long as the process lives. */
static void
test_pause (void)
{
  if (g_test_subprocess ())
    {
      run_pause ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/outlay/app/live-sync/pause", test_pause);

  return g_test_run ();
}
