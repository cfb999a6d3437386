/* test-window.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-test-utils.h"
#include "outlay-application.h"
#include "outlay-expenses-page.h"
#include "outlay-preferences-window.h"
#include "outlay-settings.h"
#include "outlay-window.h"

static gboolean
revealed (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

static gboolean
hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (data);
}

static gboolean
category_chosen (gpointer data)
{
  return gtk_drop_down_get_selected_item (data) != NULL;
}

static gboolean
has_one_expense (gpointer data)
{
  return outlay_test_db_query_int64 (data, "SELECT count (*) FROM outlay.expenses") == 1;
}

/* The application as it starts: its context finds the books through
 * DATABASE_URL, the window shows "Connecting…" and then the views. */
static void
test_open (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayApplication) app = NULL;
  GSettings *settings = outlay_settings_get_gsettings (outlay_settings_get_default ());
  OutlayExpensesPage *expenses;
  AdwViewStack *views;
  GtkStack *main_stack;
  GtkWidget *focus;
  GtkWindow *window;
  GtkWidget *amount;

  g_settings_set_string (settings, "last-view", "categories");
  app = outlay_application_new ();
  window = app_test_start_app (app, dsn);
  main_stack = app_test_child (window, OUTLAY_TYPE_WINDOW, "main_stack");
  views = app_test_child (window, OUTLAY_TYPE_WINDOW, "view_stack");
  expenses = app_test_child (window, OUTLAY_TYPE_WINDOW, "expenses_page");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "books");

  /* The last view comes back, and a new one is remembered. */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "categories");

  /* Ctrl+F and Ctrl+N bring the Expenses view and what they are for. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "expenses");
  g_assert_cmpstr (g_settings_get_string (settings, "last-view"), ==, "expenses");
  g_assert_true (outlay_expenses_page_get_store (expenses) != NULL);
  g_assert_true (gtk_search_bar_get_search_mode (app_test_child (expenses, OUTLAY_TYPE_EXPENSES_PAGE,
                                                                 "search_bar")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-expense", NULL));
  amount = app_test_child (app_test_child (expenses, OUTLAY_TYPE_EXPENSES_PAGE, "quick_entry"),
                           g_type_from_name ("OutlayQuickEntry"), "amount_entry");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == amount || gtk_widget_is_ancestor (focus, amount));

  /* The dialogs build. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_nonnull (app_test_find_toplevel (OUTLAY_TYPE_PREFERENCES_WINDOW));
  gtk_window_destroy (app_test_find_toplevel (OUTLAY_TYPE_PREFERENCES_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_nonnull (app_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  gtk_window_destroy (app_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_nonnull (app_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  gtk_window_destroy (app_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  /* Closing saves the size. */
  gtk_window_set_default_size (window, 777, 555);
  gtk_window_close (window);
  app_test_flush ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);

  g_unsetenv ("DATABASE_URL");
}

/* The books go away while someone types: the window says so and offers to
 * try again, what was typed stays, and it saves once the books are back. */
static void
run_offline (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayApplication) app = NULL;
  g_autoptr(OutlayCategory) food = NULL;
  g_autofree char *name = NULL;
  g_autofree char *away = NULL;
  g_autofree char *back = NULL;
  g_autofree char *description = NULL;
  OutlayExpensesPage *expenses;
  GtkRevealer *offline;
  OutlayStore *store;
  GtkWindow *window;
  GtkWidget *quick;
  GtkEditable *amount_entry;
  GtkEditable *description_entry;

  app = outlay_application_new ();
  window = app_test_start_app (app, dsn);
  store = outlay_window_get_store (OUTLAY_WINDOW (window));
  offline = app_test_child (window, OUTLAY_TYPE_WINDOW, "offline_revealer");
  expenses = app_test_child (window, OUTLAY_TYPE_WINDOW, "expenses_page");
  quick = app_test_child (expenses, OUTLAY_TYPE_EXPENSES_PAGE, "quick_entry");
  amount_entry = app_test_child (quick, g_type_from_name ("OutlayQuickEntry"), "amount_entry");
  description_entry = app_test_child (quick, g_type_from_name ("OutlayQuickEntry"),
                                      "description_entry");
  food = app_test_add_category (store, "Food");
  app_test_wait (category_chosen,
                 app_test_child (quick, g_type_from_name ("OutlayQuickEntry"),
                                 "category_dropdown"));
  g_assert_false (gtk_revealer_get_reveal_child (offline));

  /* Live sync holds a connection of its own; the rename needs none. */
  outlay_store_set_live_sync (store, FALSE);
  name = outlay_test_db_query_value (dsn, "SELECT current_database ()");
  away = g_strdup_printf ("ALTER DATABASE %s RENAME TO %s_away", name, name);
  back = g_strdup_printf ("ALTER DATABASE %s_away RENAME TO %s", name, name);
  outlay_test_db_kill_connections (dsn);
  outlay_test_db_exec (outlay_test_db_server_dsn (), away);

  gtk_editable_set_text (amount_entry, "4.20");
  gtk_editable_set_text (description_entry, "Coffee beans");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-connection", NULL));
  app_test_wait (revealed, offline);
  g_assert_cmpint (outlay_store_get_state (store), ==, OUTLAY_STORE_STATE_OFFLINE);

  /* Saving while offline fails and keeps the text. */
  g_signal_emit_by_name (description_entry, "activate");
  app_test_flush ();
  g_assert_cmpstr (gtk_editable_get_text (amount_entry), ==, "4.20");
  g_assert_cmpstr (gtk_editable_get_text (description_entry), ==, "Coffee beans");

  outlay_test_db_exec (outlay_test_db_server_dsn (), back);
  app_test_wait (category_chosen,
                 app_test_child (quick, g_type_from_name ("OutlayQuickEntry"),
                                 "category_dropdown"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-connection", NULL));
  app_test_wait (hidden, offline);
  g_assert_cmpstr (gtk_editable_get_text (description_entry), ==, "Coffee beans");

  g_signal_emit_by_name (description_entry, "activate");
  app_test_wait (has_one_expense, dsn);
  description = outlay_test_db_query_value (dsn, "SELECT description FROM outlay.expenses");
  g_assert_cmpstr (description, ==, "Coffee beans");

  gtk_window_close (window);
  app_test_flush ();
  g_unsetenv ("DATABASE_URL");
}

/* In a process of its own: an application stays exported on the session
 * bus under its id for as long as the process lives. */
static void
test_offline (void)
{
  if (g_test_subprocess ())
    {
      run_offline ();
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

  g_test_add_func ("/outlay/app/window/open", test_open);
  g_test_add_func ("/outlay/app/window/offline", test_offline);

  return g_test_run ();
}
