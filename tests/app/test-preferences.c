/* test-preferences.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "app-test-utils.h"
#include "outlay-application.h"
#include "outlay-db-error.h"
#include "outlay-preferences-window.h"
#include "outlay-test-keyring.h"

/*
 * The Books part of Preferences, driven as a person would: flip the switch,
 * type the URL, press Test or Save and Connect. Each test runs in a process
 * of its own with a real, empty keyring (tests/support/outlay-test-keyring.h)
 * and the whole application, from g_application_run() to Quit, on a
 * database whose URL was saved in the keyring before it started (with
 * DATABASE_URL or a .env set as well, where that is the point).
 */

#define PASSWORD "S3cr3tPw"

typedef struct _Books Books;
typedef void (*BooksFunc) (Books *books);

struct _Books
{
  BooksFunc                func;
  /* Set by the test before run_books(); freed by it. */
  char                    *saved_dsn;  /* in the keyring at the start; NULL: a new database */
  char                    *env_dsn;    /* DATABASE_URL at the start, or NULL */
  char                    *dotenv_dsn; /* DATABASE_URL in ./.env at the start, or NULL */
  int                      dotenv_mode;
  gboolean                 at_once;    /* Preferences opens before the books are open */

  OutlayApplication       *app;
  OutlayPreferencesWindow *window;
  GtkSwitch               *remote_switch;
  GtkEditable             *url_row;
  AdwActionRow            *current_row;
  AdwActionRow            *source_row;
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

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
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

/* How the store shows @dsn, without connecting. */
static char *
get_display_dsn (const char *dsn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OutlayStore) store = outlay_store_new (dsn, &error);

  g_assert_no_error (error);
  return g_strdup (outlay_store_get_display_dsn (store));
}

static void
assert_in_use (Books      *books,
               const char *dsn)
{
  g_autofree char *display = get_display_dsn (dsn);
  OutlayStore *store;

  wait_for_app (books->app);
  store = outlay_application_get_store (books->app);
  g_assert_cmpstr (outlay_store_get_display_dsn (store), ==, display);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->current_row), ==, display);
}

/* Once the window is up: opens Preferences from the menu (at once, or once
 * the books are open or have failed to), runs the test and quits. */
static void
app_activated_cb (GApplication *app,
                  Books        *books)
{
  OutlayPreferencesWindow *window;

  if (!books->at_once)
    app_test_wait (app_settled, books->app);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  window = app_test_find_toplevel (OUTLAY_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (window);

  books->window = window;
  books->remote_switch = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "remote_switch");
  books->url_row = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "url_row");
  books->current_row = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "current_row");
  books->source_row = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "source_row");
  books->test_row = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "test_row");
  books->test_spinner = app_test_child (window, OUTLAY_TYPE_PREFERENCES_WINDOW, "test_spinner");
  books->test_button = find_button (GTK_WIDGET (window), "preferences.test");
  books->save_button = find_button (GTK_WIDGET (window), "preferences.save");
  g_assert_nonnull (books->test_button);
  g_assert_nonnull (books->save_button);

  books->func (books);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
write_dotenv (const char *dsn,
              int         mode)
{
  g_autoptr(GError) error = NULL;
  /* Double quotes: the test server's DSN has single ones. */
  g_autofree char *contents = g_strdup_printf ("DATABASE_URL=\"%s\"\n", dsn);

  g_file_set_contents (".env", contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (".env", mode), ==, 0);
}

/* The URL saved in the keyring (a new database unless the test chose one),
 * and the application started on what it finds, as at a real start, to run
 * books->func. */
static void
run_books (Books *books)
{
  g_autoptr(GError) error = NULL;

  if (books->saved_dsn == NULL)
    books->saved_dsn = outlay_test_db_create_database ();
  outlay_credentials_store (books->saved_dsn, NULL, &error);
  g_assert_no_error (error);

  /* Each test has a process and a folder of its own, without DATABASE_URL
   * or .env at first. */
  if (books->env_dsn != NULL)
    g_setenv ("DATABASE_URL", books->env_dsn, TRUE);
  if (books->dotenv_dsn != NULL)
    write_dotenv (books->dotenv_dsn, books->dotenv_mode != 0 ? books->dotenv_mode : 0600);

  books->app = outlay_application_new ();
  g_application_set_flags (G_APPLICATION (books->app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (books->app, "activate", G_CALLBACK (app_activated_cb), books);
  g_assert_cmpint (g_application_run (G_APPLICATION (books->app), 0, NULL), ==, 0);

  g_assert_finalize_object (books->app);
  g_free (books->saved_dsn);
  g_free (books->env_dsn);
  g_free (books->dotenv_dsn);
}

static void
run_books_func (BooksFunc func)
{
  Books books = { .func = func };

  run_books (&books);
}

/* Once the keyring has answered. */
static void
wait_for_window (Books *books)
{
  app_test_wait (not_spinning, books->test_spinner);
  app_test_flush ();
}

/* The books saved in the keyring are open, and the window says they came
 * from here. */
static void
expect_saved_books (Books *books)
{
  wait_for_window (books);
  assert_in_use (books, books->saved_dsn);
  g_assert_cmpint (get_source (books->app), ==, OUTLAY_CREDENTIAL_SOURCE_KEYRING);
  g_assert_true (gtk_switch_get_active (books->remote_switch));
  g_assert_cmpstr (gtk_editable_get_text (books->url_row), ==, books->saved_dsn);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (books->source_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==, "Not tested yet");
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
  OutlayStore *store;
  const char *shown;

  expect_saved_books (books);
  store = outlay_application_get_store (books->app);

  /* Not a PostgreSQL URL at all. */
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
  run_books_func (check_bad);
}

#define COUNT_SCHEMA_SQL "SELECT count (*) FROM pg_namespace WHERE nspname = 'outlay'"

/* Test only looks: a database without books is told so and left as it was
 * (the books are set up by Save and Connect, where the person chose). */
static void
check_good (Books *books)
{
  g_autofree char *empty = outlay_test_db_create_database ();
  g_autofree char *ready = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(OutlayStore) ready_store = NULL;
  OutlayStore *store;

  expect_saved_books (books);
  store = outlay_application_get_store (books->app);

  type_url (books, empty);
  press (books, books->test_button);
  expected = g_strdup_printf ("Connected: PostgreSQL %" G_GINT64_FORMAT ", no Outlay books yet — "
                              "they will be set up on Save",
                              outlay_test_db_query_int64 (empty, "SELECT current_setting "
                                                          "('server_version_num')::int / 10000"));
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==, expected);
  g_assert_cmpint (outlay_test_db_query_int64 (empty, COUNT_SCHEMA_SQL), ==, 0);

  ready_store = outlay_test_db_new_store (&ready);
  type_url (books, ready);
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
  run_books_func (check_good);
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

  expect_saved_books (books);
  type_url (books, other);
  press (books, books->save_button);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==, "Not tested yet");
  assert_saved (other);

  /* The old store is let go at once; the new one opens in the background. */
  g_assert_null (outlay_application_get_store (books->app));
  g_assert_cmpstr (adw_action_row_get_subtitle (books->current_row), ==, "Connecting…");
  assert_in_use (books, other);
  store = outlay_application_get_store (books->app);
  g_assert_cmpint (get_source (books->app), ==, OUTLAY_CREDENTIAL_SOURCE_KEYRING);

  category = app_test_add_category (store, "Moved Here");
  g_assert_cmpint (outlay_test_db_query_int64 (other, COUNT_MOVED_SQL), ==, 1);
  g_assert_cmpint (outlay_test_db_query_int64 (books->saved_dsn, COUNT_MOVED_SQL), ==, 0);
  g_assert_true (gtk_switch_get_active (books->remote_switch));
}

static void
test_save_remote (void)
{
  run_books_func (save_remote);
}

static gboolean
no_store (gpointer data)
{
  return outlay_application_get_store (data) == NULL;
}

/* Closing the window does not stop a save under way: the address is kept
 * and the books are opened there all the same. */
static void
save_closed (Books *books)
{
  g_autofree char *other = outlay_test_db_create_database ();
  g_autofree char *display = get_display_dsn (other);
  OutlayPreferencesWindow *window = books->window;

  expect_saved_books (books);
  type_url (books, other);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  /* Closed before the keyring has answered: nothing runs in between. */
  g_signal_emit_by_name (books->save_button, "clicked");
  gtk_window_close (GTK_WINDOW (window));

  /* The window goes at once; the save carries on without it. */
  app_test_wait (is_null, &window);
  app_test_wait (no_store, books->app);
  assert_saved (other);

  wait_for_app (books->app);
  g_assert_cmpstr (outlay_store_get_display_dsn (outlay_application_get_store (books->app)), ==,
                   display);
}

static void
test_save_closed (void)
{
  run_books_func (save_closed);
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

  expect_saved_books (books);

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

  run_books_func (save_local);

  /* The application stopped the server it started when it quit. */
  g_assert_false (g_file_test (pid_file, G_FILE_TEST_EXISTS));
}

/* Opened while the application is still connecting: nothing can be saved
 * until the keyring has answered, and then the switch and the URL show the
 * saved address, not "this computer". */
static void
source_connecting (Books *books)
{
  g_assert_null (outlay_application_get_store (books->app));
  g_assert_null (outlay_application_get_error (books->app));
  g_assert_cmpstr (adw_action_row_get_subtitle (books->current_row), ==, "Connecting…");
  g_assert_false (gtk_widget_is_sensitive (books->save_button));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (books->remote_switch)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (books->url_row)));

  expect_saved_books (books);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (books->remote_switch)));
  g_assert_true (gtk_widget_is_sensitive (books->save_button));
}

static void
test_source_connecting (void)
{
  Books books = { .func = source_connecting, .at_once = TRUE };

  run_books (&books);
}

/* The saved address could not be opened (here a database that is not
 * there; as well a server that is down for now). Preferences still shows
 * it, and Save and Connect as it stands keeps it. */
static void
source_failed (Books *books)
{
  g_assert_nonnull (outlay_application_get_error (books->app));
  wait_for_window (books);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->current_row), ==, "Not connected");
  g_assert_true (gtk_switch_get_active (books->remote_switch));
  g_assert_cmpstr (gtk_editable_get_text (books->url_row), ==, books->saved_dsn);

  press (books, books->save_button);
  assert_saved (books->saved_dsn);

  /* It was tried again. */
  app_test_wait (app_settled, books->app);
  g_assert_error (outlay_application_get_error (books->app), OUTLAY_DB_ERROR,
                  OUTLAY_DB_ERROR_NO_DATABASE);
}

static void
test_source_failed (void)
{
  Books books = { .func = source_failed };

  books.saved_dsn = g_strdup_printf ("%s dbname=nosuchbooks", outlay_test_db_server_dsn ());
  run_books (&books);
}

/* DATABASE_URL, in the environment or in .env, decides over the keyring:
 * the window says so, shows that address, and offers no choice that the
 * next start would ignore. Test still checks it. */
static void
expect_set_elsewhere (Books      *books,
                      const char *dsn,
                      const char *title)
{
  wait_for_window (books);
  assert_in_use (books, dsn);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (books->source_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (books->source_row)), ==,
                   title);
  g_assert_true (gtk_switch_get_active (books->remote_switch));
  g_assert_cmpstr (gtk_editable_get_text (books->url_row), ==, dsn);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (books->remote_switch)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (books->url_row)));
  g_assert_false (gtk_widget_is_sensitive (books->save_button));

  press (books, books->test_button);
  g_assert_cmpstr (adw_action_row_get_subtitle (books->test_row), ==,
                   "Connected: the books there are ready");
  g_assert_false (gtk_widget_is_sensitive (books->save_button));
}

static void
source_environment (Books *books)
{
  expect_set_elsewhere (books, books->env_dsn, "Set by DATABASE_URL");
  g_assert_cmpint (get_source (books->app), ==, OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT);
}

static void
test_source_environment (void)
{
  Books books = { .func = source_environment };

  books.env_dsn = outlay_test_db_create_database ();
  run_books (&books);
}

static void
source_dotenv (Books *books)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = g_build_filename (cwd, ".env", NULL);

  expect_set_elsewhere (books, books->dotenv_dsn, "Set by DATABASE_URL in .env");
  g_assert_cmpint (get_source (books->app), ==, OUTLAY_CREDENTIAL_SOURCE_DOTENV);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (books->source_row), path));
}

static void
test_source_dotenv (void)
{
  Books books = { .func = source_dotenv };

  books.dotenv_dsn = outlay_test_db_create_database ();
  run_books (&books);
}

/* Where the books are set cannot be read (here a .env others can read,
 * which Outlay refuses): the window says why and offers no choice, as
 * saving would not be used either. */
static void
source_unreadable (Books *books)
{
  g_assert_error (outlay_application_get_error (books->app), OUTLAY_DB_ERROR,
                  OUTLAY_DB_ERROR_CONFIG);
  wait_for_window (books);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (books->source_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (books->source_row)), ==,
                   "Could Not Read the Connection Settings");
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (books->source_row),
                                   "/.env is readable by other users; run chmod 600 .env"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (books->remote_switch)));
  g_assert_false (gtk_widget_is_sensitive (books->save_button));
}

static void
test_source_unreadable (void)
{
  Books books = { .func = source_unreadable, .dotenv_mode = 0644 };

  books.dotenv_dsn = outlay_test_db_create_database ();
  run_books (&books);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *path; GTestFunc func; } tests[] = {
    { "/outlay/app/preferences/check/bad", test_check_bad },
    { "/outlay/app/preferences/check/good", test_check_good },
    { "/outlay/app/preferences/save/remote", test_save_remote },
    { "/outlay/app/preferences/save/closed", test_save_closed },
    { "/outlay/app/preferences/save/local", test_save_local },
    { "/outlay/app/preferences/source/connecting", test_source_connecting },
    { "/outlay/app/preferences/source/failed", test_source_failed },
    { "/outlay/app/preferences/source/environment", test_source_environment },
    { "/outlay/app/preferences/source/dotenv", test_source_dotenv },
    { "/outlay/app/preferences/source/unreadable", test_source_unreadable },
  };

  app_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    outlay_test_keyring_add_func (tests[i].path, tests[i].func);

  return g_test_run ();
}
