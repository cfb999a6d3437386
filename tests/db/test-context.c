/* test-context.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <libpq-fe.h>

#include "outlay-context.h"
#include "outlay-db-error.h"
#include "outlay-local-server.h"
#include "outlay-test-db.h"

/* The default cluster lives in the XDG folders, here all temporary (set in
 * main(): GLib reads them once). */

static gboolean
default_server_answers (void)
{
  g_autoptr(OutlayLocalServer) server = outlay_local_server_new_default ();

  return PQping (outlay_local_server_get_dsn (server)) == PQPING_OK;
}

/* Nothing configured: the embedded server is started, the books opened,
 * and closing the context stops the server again. */
static void
test_local (void)
{
  g_autoptr(OutlayContext) context = outlay_context_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *migrations = NULL;
  g_autoptr(OutlayLocalServer) server = outlay_local_server_new_default ();

  g_unsetenv ("DATABASE_URL");
  g_assert_null (outlay_context_get_store (context));

  outlay_context_open (context, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outlay_context_get_source (context), ==, OUTLAY_CREDENTIAL_SOURCE_LOCAL);
  g_assert_nonnull (outlay_context_get_store (context));
  g_assert_true (default_server_answers ());

  /* Migrated. */
  migrations = outlay_test_db_query_value (outlay_local_server_get_dsn (server),
                                           "SELECT count(*) FROM outlay.schema_migrations");
  g_assert_cmpstr (migrations, !=, "0");

  outlay_context_close (context);
  g_assert_null (outlay_context_get_store (context));
  g_assert_false (default_server_answers ());
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  outlay_context_open_finish (OUTLAY_CONTEXT (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* DATABASE_URL wins, and no embedded server is started for it. */
static void
test_environment_async (void)
{
  g_autoptr(OutlayContext) context = outlay_context_new ();
  g_autofree char *dsn = outlay_test_db_create_database ();
  gboolean done = FALSE;

  g_setenv ("DATABASE_URL", dsn, TRUE);
  outlay_context_open_async (context, NULL, open_cb, &done);
  outlay_test_wait_for (&done);
  g_unsetenv ("DATABASE_URL");

  g_assert_cmpint (outlay_context_get_source (context), ==, OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT);
  g_assert_nonnull (outlay_context_get_store (context));
  g_assert_false (default_server_answers ());
  g_assert_cmpint (outlay_test_db_query_int64 (dsn, "SELECT count(*) FROM outlay.schema_migrations"), >, 0);

  outlay_context_close (context);
  g_assert_null (outlay_context_get_store (context));
}

/* Looking at books changes nothing, and tells a newer Outlay's books. */
static void
test_probe (void)
{
  g_autofree char *empty = outlay_test_db_create_database ();
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(GError) error = NULL;
  gboolean has_books = TRUE;
  int version = 0;

  g_assert_true (outlay_context_probe (empty, &version, &has_books, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_books);
  g_assert_cmpint (version, >=, 150000);
  g_assert_cmpint (outlay_test_db_query_int64 (empty, "SELECT count (*) FROM pg_namespace WHERE nspname = 'outlay'"),
                   ==, 0);

  g_assert_true (outlay_context_probe (dsn, NULL, &has_books, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (has_books);

  g_assert_cmpint (outlay_test_db_query_int64 (dsn, "INSERT INTO outlay.schema_migrations (version) VALUES (9999)"
                                                    " RETURNING version"), ==, 9999);
  g_assert_false (outlay_context_probe (dsn, NULL, &has_books, NULL, &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer Outlay"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = outlay_test_make_tmp_dir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *runtime = g_build_filename (dir, "run", NULL);

  g_assert_cmpint (g_mkdir (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  /* No Secret Service, no .env. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/outlay-test-bus", TRUE);
  g_assert_cmpint (g_chdir (dir), ==, 0);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/context/local", test_local);
  g_test_add_func ("/outlay/context/environment-async", test_environment_async);
  g_test_add_func ("/outlay/context/probe", test_probe);

  return g_test_run ();
}
