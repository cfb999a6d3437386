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
window_has_store (gpointer data)
{
  return outlay_window_get_store (data) != NULL;
}

/* The application as it starts: its context finds the books through
 * DATABASE_URL, the window shows "Connecting…" and then the views. */
static void
test_open (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings = outlay_settings_get_gsettings (outlay_settings_get_default ());
  OutlayExpensesPage *expenses;
  AdwViewStack *views;
  GtkStack *main_stack;
  GtkWidget *focus;
  GtkWindow *window;
  GtkWidget *amount;

  g_setenv ("DATABASE_URL", dsn, TRUE);
  g_settings_set_string (settings, "last-view", "categories");

  app = outlay_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (OUTLAY_IS_WINDOW (window));
  main_stack = app_test_child (window, OUTLAY_TYPE_WINDOW, "main_stack");
  views = app_test_child (window, OUTLAY_TYPE_WINDOW, "view_stack");
  expenses = app_test_child (window, OUTLAY_TYPE_WINDOW, "expenses_page");

  app_test_wait (window_has_store, window);
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

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/outlay/app/window/open", test_open);

  return g_test_run ();
}
