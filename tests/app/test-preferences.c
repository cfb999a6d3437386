/* test-preferences.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "app-test-utils.h"
#include "outlay-application.h"
#include "outlay-preferences-window.h"
#include "outlay-test-keyring.h"

/*
 * The Books part of Preferences, driven as a person would: flip the switch,
 * type the URL, press Test or Save and Connect. Each test runs in a process
 * of its own with a real, empty keyring (tests/support/outlay-test-keyring.h)
 * and the whole application, from g_application_run() to Quit, on a
 * database whose URL was saved in the keyring before it started.
 */

#define PASSWORD "S3cr3tPw"

typedef struct _Books Books;
typedef void (*BooksFunc) (Books *books);

struct _Books
{
  BooksFunc                func;
  OutlayApplication       *app;
  char                    *saved_dsn;  /* in the keyring at the start */
  GtkSwitch               *remote_switch;
  GtkEditable             *url_row;
  AdwActionRow            *current_row;
  AdwActionRow            *test_row;
  GtkSpinner              *test_spinner;
  GtkWidget               *test_button;
  GtkWidget               *save_button;
};

static gboolean
app_settled (gpointer data)
{
  return outlay_application_get_store (data) != NULL || outlay_application_get_error (data) != NULL;
}

static gboolean
not_spinning (gpointer data)
{
  return !gtk_spinner_get_spinning (data);
}

static gboolean
switched_off (gpointer data)
{
  return !gtk_switch_get_active (data);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_saved (const char *expected)
{
  OutlayCredentialSource source;
  g_autoptr(GError) error = NULL;
  g_autofree char *dsn = outlay_credentials_lookup (&source, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (dsn, ==, expected);
  g_assert_cmpint (source, ==, expected != NULL ? OUTLAY_CREDENTIAL_SOURCE_KEYRING
                                                : OUTLAY_CREDENTIAL_SOURCE_LOCAL);
}

static void
wait_for_app (OutlayApplication *app)
{
  app_test_wait (app_settled, app);
  g_assert_no_error (outlay_application_get_error (app));
}

static OutlayCredentialSource
get_source (OutlayApplication *app)
{
  return outlay_context_get_source (outlay_application_get_context (app));
}

/* Once the window is up: opens Preferences from the menu, runs the test
 * and quits. */
static void
app_activated_cb (GApplication *app,
                  Books        *books)
{
  OutlayPreferencesWindow *window;

  wait_for_app (books->app);
  g_assert_cmpint (get_source (books->app), ==, OUTLAY_CREDENTIAL_SOURCE_KEYRING);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  window = app_test_find_toplevel (OUTLAY_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (window);
  app_test_flush ();

  books->remote_switch = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "remote_switch");
  books->url_row = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "url_row");
  books->current_row = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "current_row");
  books->test_row = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "test_row");
  books->test_spinner = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "test_spinner");
  books->test_button = find_button (GTK_WIDGET (books->test_row), "preferences.test");
  books->save_button = find_button (GTK_WIDGET (books->test_row), "preferences.save");
  g_assert_nonnull (books->test_button);
  g_assert_nonnull (books->save_button);

  /* What is in use, and that it came from here. */
  g_assert_cmpstr (adw_action_row_get_subtitle (books->current_row), ==,
                   outlay_store_get_display_dsn (outlay_application_get_store (books->app)));
  g_assert_true (gtk_switch_get_active (books->remote_switch));
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==, "Not tested yet");

  books->func (books);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* A URL saved in the keyring, and the application started on it (it finds
 * it there, as at a real start) to run @func. */
static void
run_books (BooksFunc func)
{
  g_autoptr(GError) error = NULL;
  Books books = { .func = func };

  g_unsetenv ("DATABASE_URL");
  books.saved_dsn = outlay_test_db_create_database ();
  outlay_credentials_store (books.saved_dsn, NULL, &error);
  g_assert_no_error (error);

  books.app = outlay_application_new ();
  g_application_set_flags (G_APPLICATION (books.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (books.app, "activate", G_CALLBACK (app_activated_cb), &books);
  g_assert_cmpint (g_application_run (G_APPLICATION (books.app), 0, NULL), ==, 0);

  g_assert_finalize_object (books.app);
  g_free (books.saved_dsn);
}

static void
type_url (Books      *books,
          const char *url)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (books->url_row)));
  gtk_editable_set_text (books->url_row, url);
  app_test_flush ();
}

/* Clicks @button and waits until the window is done with it. (Activating a
 * button would click it only after showing it pressed for a while.) */
static void
press (Books     *books,
       GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  app_test_wait (not_spinning, books->test_spinner);
}

/* The test row tells what is wrong with the URL, without its password, and
 * nothing is saved or reconnected. */
static void
check_bad (Books *books)
{
  g_autofree char *missing = NULL;
  OutlayStore *store = outlay_application_get_store (books->app);
  const char *shown;

  /* Not a PostgreSQL URL at all: known before connecting. */
  type_url (books, "mysql://alice:" PASSWORD "@db.example.com/books");
  press (books, books->test_button);
  shown = adw_action_row_get_subtitle (books->test_row);
  g_assert_cmpstr (shown, ==,
                   "“mysql://” addresses are not supported; use a postgresql:// address");

  /* Editing again forgets the old verdict. */
  missing = g_strdup_printf ("%s dbname=nosuchbooks password=" PASSWORD,
                             outlay_test_db_server_dsn ());
  type_url (books, missing);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==, "Not tested yet");

  /* A server that answers, without those books. */
  press (books, books->test_button);
  shown = adw_action_row_get_subtitle (books->test_row);
  g_assert_true (g_str_has_prefix (shown, "There is no database named “nosuchbooks”"));
  g_assert_null (strstr (shown, PASSWORD));
  g_assert_true (gtk_widget_is_sensitive (books->test_button));
  g_assert_true (gtk_widget_is_sensitive (books->save_button));

  assert_saved (books->saved_dsn);
  g_assert_true (outlay_application_get_store (books->app) == store);
}

static void
test_check_bad (void)
{
  run_books (check_bad);
}

static void
check_good (Books *books)
{
  g_autofree char *other = outlay_test_db_create_database ();
  OutlayStore *store = outlay_application_get_store (books->app);

  type_url (books, other);
  press (books, books->test_button);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==,
                   "Connected: the books there are ready");

  /* A test is only a test. */
  assert_saved (books->saved_dsn);
  g_assert_true (outlay_application_get_store (books->app) == store);
}

static void
test_check_good (void)
{
  run_books (check_good);
}

#define COUNT_MOVED_SQL "SELECT count (*) FROM outlay.categories WHERE name = 'Moved Here'"

/* Save and Connect puts the URL in the keyring and moves the application's
 * store there: what it writes lands in the new books, not the old. */
static void
save_remote (Books *books)
{
  g_autofree char *other = outlay_test_db_create_database ();
  g_autoptr(OutlayCategory) category = NULL;
  OutlayStore *store;

  type_url (books, other);
  press (books, books->save_button);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==, "Not tested yet");
  assert_saved (other);

  /* The old store is let go at once; the new one opens in the background. */
  g_assert_null (outlay_application_get_store (books->app));
  g_assert_cmpstr (adw_action_row_get_subtitle (books->current_row), ==, "Connecting…");
  wait_for_app (books->app);
  store = outlay_application_get_store (books->app);
  g_assert_cmpint (get_source (books->app), ==, OUTLAY_CREDENTIAL_SOURCE_KEYRING);

  category = app_test_add_category (store, "Moved Here");
  g_assert_cmpint (outlay_test_db_query_int64 (other, COUNT_MOVED_SQL), ==, 1);
  g_assert_cmpint (outlay_test_db_query_int64 (books->saved_dsn, COUNT_MOVED_SQL), ==, 0);

  /* The window says where the books are now. */
  g_assert_cmpstr (adw_action_row_get_subtitle (books->current_row), ==,
                   outlay_store_get_display_dsn (store));
  g_assert_true (gtk_switch_get_active (books->remote_switch));
}

static void
test_save_remote (void)
{
  run_books (save_remote);
}

/* The embedded server's, which starts in the test's home. */
static char *
get_local_pid_file (void)
{
  return g_build_filename (g_get_user_data_dir (), "outlay", "pg", "postmaster.pid", NULL);
}

/* Turning the switch off and saving forgets the URL: the books on this
 * computer are used. */
static void
save_local (Books *books)
{
  g_autofree char *pid_file = get_local_pid_file ();

  /* The switch moves over a few frames. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (books->remote_switch)));
  app_test_wait (switched_off, books->remote_switch);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (books->url_row)));

  press (books, books->test_button);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==,
                   "The books on this computer need no setup");

  press (books, books->save_button);
  assert_saved (NULL);

  wait_for_app (books->app);
  g_assert_cmpint (get_source (books->app), ==, OUTLAY_CREDENTIAL_SOURCE_LOCAL);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->current_row), ==, "This computer");
  g_assert_false (gtk_switch_get_active (books->remote_switch));
  g_assert_true (g_file_test (pid_file, G_FILE_TEST_EXISTS));
}

static void
test_save_local (void)
{
  g_autofree char *pid_file = get_local_pid_file ();

  run_books (save_local);

  /* The application stopped the server it started when it quit. */
  g_assert_false (g_file_test (pid_file, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  outlay_test_keyring_add_func ("/outlay/app/preferences/check/bad", test_check_bad);
  outlay_test_keyring_add_func ("/outlay/app/preferences/check/good", test_check_good);
  outlay_test_keyring_add_func ("/outlay/app/preferences/save/remote", test_save_remote);
  outlay_test_keyring_add_func ("/outlay/app/preferences/save/local", test_save_local);

  return g_test_run ();
}
