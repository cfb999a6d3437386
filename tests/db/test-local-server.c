/* test-local-server.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "outlay-db-error.h"
#include "outlay-local-server.h"
#include "outlay-test-db.h"

typedef struct
{
  char *dir;
  char *data_dir;
  char *socket_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = outlay_test_make_tmp_dir ();
  fixture->data_dir = g_build_filename (fixture->dir, "pg", NULL);
  fixture->socket_dir = g_build_filename (fixture->dir, "sock", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(OutlayLocalServer) server = outlay_local_server_new (fixture->data_dir, fixture->socket_dir);
  g_autoptr(GError) error = NULL;

  outlay_local_server_stop (server, TRUE, &error);
  g_assert_no_error (error);

  g_free (fixture->dir);
  g_free (fixture->data_dir);
  g_free (fixture->socket_dir);
}

static OutlayLocalServer *
start_server (Fixture *fixture)
{
  g_autoptr(OutlayLocalServer) server = outlay_local_server_new (fixture->data_dir, fixture->socket_dir);
  g_autoptr(GError) error = NULL;

  outlay_local_server_set_unsafe_fast (server, TRUE);
  outlay_local_server_start (server, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

static char *
read_pid_file (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->data_dir, "postmaster.pid", NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

static gint64
get_postmaster_pid (Fixture *fixture)
{
  g_autofree char *contents = read_pid_file (fixture);

  g_assert_nonnull (contents);
  return g_ascii_strtoll (contents, NULL, 10);
}

static gboolean
is_answering (OutlayLocalServer *server)
{
  return PQping (outlay_local_server_get_dsn (server)) == PQPING_OK;
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(OutlayLocalServer) first = NULL;
  g_autoptr(OutlayLocalServer) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version_file = g_build_filename (fixture->data_dir, "PG_VERSION", NULL);
  g_autofree char *value = NULL;
  gint64 pid;

  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));

  /* The first start creates the cluster and the books' database. */
  first = start_server (fixture);
  g_assert_true (g_file_test (version_file, G_FILE_TEST_EXISTS));
  g_assert_true (is_answering (first));
  g_assert_cmpstr (outlay_local_server_get_data_dir (first), ==, fixture->data_dir);
  value = outlay_test_db_query_value (outlay_local_server_get_dsn (first), "SELECT current_database ()");
  g_assert_cmpstr (value, ==, "outlay");
  g_clear_pointer (&value, g_free);
  pid = get_postmaster_pid (fixture);

  /* No TCP port: only the socket. */
  value = outlay_test_db_query_value (outlay_local_server_get_dsn (first), "SHOW listen_addresses");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  /* A second user reuses the running server. */
  second = start_server (fixture);
  g_assert_cmpint (get_postmaster_pid (fixture), ==, pid);
  g_assert_cmpstr (outlay_local_server_get_dsn (second), ==, outlay_local_server_get_dsn (first));

  outlay_test_db_exec (outlay_local_server_get_dsn (first),
                       "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");

  /* Not the last user: the server stays up. */
  outlay_local_server_stop (second, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (is_answering (first));
  g_assert_cmpint (get_postmaster_pid (fixture), ==, pid);

  /* The last user stops it. */
  outlay_local_server_stop (first, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (is_answering (first));
  g_assert_null (read_pid_file (fixture));

  /* It starts again, with the data. */
  outlay_local_server_start (first, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (is_answering (first));
  value = outlay_test_db_query_value (outlay_local_server_get_dsn (first), "SELECT v FROM kept");
  g_assert_cmpstr (value, ==, "still here");
}

/* After a crash, postmaster.pid names a PID that may by now belong to any
 * other process; PostgreSQL itself would refuse to start then. */
static void
test_stale_pid_file (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(OutlayLocalServer) server = start_server (fixture);
  g_autoptr(GSubprocess) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = read_pid_file (fixture);
  g_autofree char *path = g_build_filename (fixture->data_dir, "postmaster.pid", NULL);
  g_autofree char *stale = NULL;
  gsize first_line;

  g_assert_nonnull (contents);
  outlay_local_server_stop (server, FALSE, &error);
  g_assert_no_error (error);

  other = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sleep", "600", NULL);
  g_assert_no_error (error);
  /* Same file, but the first line (the pid) names another live process. */
  first_line = strcspn (contents, "\n");
  stale = g_strdup_printf ("%s%s", g_subprocess_get_identifier (other), contents + first_line);
  g_file_set_contents (path, stale, -1, &error);
  g_assert_no_error (error);

  outlay_local_server_start (server, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (is_answering (server));
  g_assert_cmpint (get_postmaster_pid (fixture), !=, g_ascii_strtoll (g_subprocess_get_identifier (other), NULL, 10));

  g_subprocess_force_exit (other);
}

/* A server that cannot start says why, from its own log. */
static void
test_start_failure (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(OutlayLocalServer) server = start_server (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = g_build_filename (fixture->data_dir, "postgresql.conf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *broken = NULL;

  outlay_local_server_stop (server, FALSE, &error);
  g_assert_no_error (error);

  g_file_get_contents (conf, &contents, NULL, &error);
  g_assert_no_error (error);
  broken = g_strconcat (contents, "\nshared_buffers = 'plenty'\n", NULL);
  g_file_set_contents (conf, broken, -1, &error);
  g_assert_no_error (error);

  g_assert_false (outlay_local_server_start (server, NULL, &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "shared_buffers"));
  g_assert_false (is_answering (server));
}

static void
test_binaries_missing (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(OutlayLocalServer) server = outlay_local_server_new (fixture->data_dir, fixture->socket_dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (fixture->dir, "empty", NULL);
  g_autofree char *bindir = NULL;

  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  g_setenv ("OUTLAY_PG_BINDIR", empty, TRUE);

  bindir = outlay_local_server_find_bindir (&error);
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_MISSING);
  g_assert_null (bindir);
  g_assert_nonnull (strstr (error->message, "apt install postgresql"));
  g_clear_error (&error);

  g_assert_false (outlay_local_server_start (server, NULL, &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_MISSING);
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_unsetenv ("OUTLAY_PG_BINDIR");
  bindir = outlay_local_server_find_bindir (&error);
  g_assert_no_error (error);
  g_assert_nonnull (bindir);
}

/* The default cluster follows the XDG directories. */
static void
test_default_location (void)
{
  g_autoptr(OutlayLocalServer) server = outlay_local_server_new_default ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "outlay", "pg", NULL);
  g_autofree char *socket_dir = g_build_filename (g_get_user_runtime_dir (), "outlay", NULL);

  g_assert_cmpstr (outlay_local_server_get_data_dir (server), ==, expected);
  g_assert_nonnull (strstr (outlay_local_server_get_dsn (server), socket_dir));
  g_assert_nonnull (strstr (outlay_local_server_get_dsn (server), "dbname=outlay"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/outlay/local-server/lifecycle", Fixture, NULL,
              fixture_set_up, test_lifecycle, fixture_tear_down);
  g_test_add ("/outlay/local-server/stale-pid-file", Fixture, NULL,
              fixture_set_up, test_stale_pid_file, fixture_tear_down);
  g_test_add ("/outlay/local-server/start-failure", Fixture, NULL,
              fixture_set_up, test_start_failure, fixture_tear_down);
  g_test_add ("/outlay/local-server/binaries-missing", Fixture, NULL,
              fixture_set_up, test_binaries_missing, fixture_tear_down);
  g_test_add_func ("/outlay/local-server/default-location", test_default_location);

  return g_test_run ();
}
