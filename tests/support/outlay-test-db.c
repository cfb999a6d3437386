/* outlay-test-db.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "outlay-db-error.h"
#include "outlay-local-server.h"
#include "outlay-test-db.h"

/*
 * One throwaway cluster per test process, in $TMPDIR/outlay-test-XXXXXX.
 *
 * Cleanup is left to watchdogs: a shell per temporary folder, in its own
 * session, that waits for end-of-file on a pipe only this process holds, then
 * stops the servers inside and removes the folder. The pipe closes however
 * the process ends (exit, abort, a crash, a killed test), so no server
 * outlives its test. Should one ever be left behind anyway (the machine lost
 * power), every throwaway folder is $TMPDIR/outlay-test-*.
 */

static const char watchdog_script[] =
  "cat >/dev/null\n"
  "find \"$1\" -name postmaster.pid | while read -r f; do\n"
  "  \"$0\" stop -D \"${f%/postmaster.pid}\" -m immediate -w\n"
  "done\n"
  "find \"$1\" -name '*.pid' ! -name postmaster.pid | while read -r f; do\n"
  "  kill \"$(head -n 1 \"$f\")\"\n"
  "done\n"
  "rm -rf \"$1\"\n";

G_LOCK_DEFINE_STATIC (server);
static OutlayLocalServer *server;
static char *server_dsn;
static guint n_databases;

G_LOCK_DEFINE_STATIC (watchdogs);
static GPtrArray *watchdogs;

static void
new_session_cb (gpointer user_data)
{
  /* Out of the test's process group, so killing the group on a timeout
   * leaves the watchdog to clean up. */
  setsid ();
}

/* At a normal exit, clean up before the test reports its result. */
static void
stop_watchdogs_at_exit (void)
{
  G_LOCK (watchdogs);
  for (guint i = 0; i < watchdogs->len; i++)
    {
      GSubprocess *watchdog = g_ptr_array_index (watchdogs, i);

      g_output_stream_close (g_subprocess_get_stdin_pipe (watchdog), NULL, NULL);
      g_subprocess_wait (watchdog, NULL, NULL);
    }
  G_UNLOCK (watchdogs);
}

char *
outlay_test_make_tmp_dir (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bindir = outlay_local_server_find_bindir (&error);
  g_autofree char *pg_ctl = NULL;
  g_autofree char *dir = NULL;
  GSubprocess *watchdog;

  g_assert_no_error (error);
  pg_ctl = g_build_filename (bindir, "pg_ctl", NULL);

  dir = g_dir_make_tmp ("outlay-test-XXXXXX", &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, g_get_tmp_dir ());
  g_subprocess_launcher_set_child_setup (launcher, new_session_cb, NULL, NULL);
  watchdog = g_subprocess_launcher_spawn (launcher, &error,
                                          "/bin/sh", "-c", watchdog_script, pg_ctl, dir, NULL);
  g_assert_no_error (error);

  G_LOCK (watchdogs);
  if (watchdogs == NULL)
    {
      watchdogs = g_ptr_array_new ();
      atexit (stop_watchdogs_at_exit);
    }
  g_ptr_array_add (watchdogs, watchdog);
  G_UNLOCK (watchdogs);

  return g_steal_pointer (&dir);
}

static void
ensure_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *socket_dir = NULL;

  G_LOCK (server);

  if (server != NULL)
    {
      G_UNLOCK (server);
      return;
    }

  if (geteuid () == 0)
    g_error ("PostgreSQL refuses to run as root: run the tests as an unprivileged user "
             "(build-aux/dev test does)");

  base_dir = outlay_test_make_tmp_dir ();
  data_dir = g_build_filename (base_dir, "data", NULL);
  socket_dir = g_build_filename (base_dir, "sock", NULL);

  server = outlay_local_server_new (data_dir, socket_dir);
  outlay_local_server_set_unsafe_fast (server, TRUE);
  outlay_local_server_start (server, NULL, &error);
  g_assert_no_error (error);

  /* In a connection string the last value of a repeated keyword wins. */
  server_dsn = g_strconcat (outlay_local_server_get_dsn (server), " dbname=postgres", NULL);

  G_UNLOCK (server);
}

const char *
outlay_test_db_server_dsn (void)
{
  ensure_server ();

  return server_dsn;
}

char *
outlay_test_db_create_database (void)
{
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  guint n;

  ensure_server ();

  /* One at a time: CREATE DATABASE copies template1, which refuses to be
   * copied twice at once. */
  G_LOCK (server);
  n = ++n_databases;
  name = g_strdup_printf ("t%u", n);
  sql = g_strdup_printf ("CREATE DATABASE %s", name);
  outlay_test_db_exec (server_dsn, sql);
  G_UNLOCK (server);

  return g_strdup_printf ("%s dbname=%s", outlay_local_server_get_dsn (server), name);
}

static void
assert_ok (PGconn     *conn,
           PGresult   *result,
           const char *dsn,
           const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (PQstatus (conn) != CONNECTION_OK)
    error = g_error_new (OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT,
                         "connecting to %s: %s", dsn, PQerrorMessage (conn));
  else if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    error = g_error_new (OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_QUERY,
                         "%s: %s", sql, PQresultErrorMessage (result));

  g_assert_no_error (error);
}

/* Runs @sql on a connection of its own; the caller clears the result. */
static PGresult *
run (const char *dsn,
     const char *sql)
{
  PGconn *conn = PQconnectdb (dsn);
  PGresult *result = NULL;

  if (PQstatus (conn) == CONNECTION_OK)
    result = PQexec (conn, sql);

  assert_ok (conn, result, dsn, sql);
  PQfinish (conn);

  return result;
}

char *
outlay_test_db_query_value (const char *dsn,
                            const char *sql)
{
  PGresult *result = run (dsn, sql);
  char *value = NULL;

  if (PQntuples (result) > 0 && PQnfields (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));

  PQclear (result);
  return value;
}

static gint64
value_to_int64 (const char *value)
{
  gint64 number = 0;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (value);
  g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, &error);
  g_assert_no_error (error);

  return number;
}

gint64
outlay_test_db_query_int64 (const char *dsn,
                            const char *sql)
{
  g_autofree char *value = outlay_test_db_query_value (dsn, sql);

  return value_to_int64 (value);
}

static char *
query_valuev (const char *dsn,
              const char *format,
              va_list     args)
{
  g_autofree char *sql = g_strdup_vprintf (format, args);

  return outlay_test_db_query_value (dsn, sql);
}

char *
outlay_test_db_query_valuef (const char *dsn,
                             const char *format,
                             ...)
{
  char *value;
  va_list args;

  va_start (args, format);
  value = query_valuev (dsn, format, args);
  va_end (args);

  return value;
}

gint64
outlay_test_db_query_int64f (const char *dsn,
                             const char *format,
                             ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = query_valuev (dsn, format, args);
  va_end (args);

  return value_to_int64 (value);
}

void
outlay_test_db_exec (const char *dsn,
                     const char *sql)
{
  PQclear (run (dsn, sql));
}

void
outlay_test_db_kill_connections (const char *dsn)
{
  /* The timeout makes pg_terminate_backend() wait until they are gone. */
  outlay_test_db_exec (dsn,
                       "SELECT pg_catalog.pg_terminate_backend (pid, 5000) "
                       "FROM pg_catalog.pg_stat_activity "
                       "WHERE datname = pg_catalog.current_database () AND pid <> pg_catalog.pg_backend_pid ()");
}

void
outlay_test_wait_for (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}
