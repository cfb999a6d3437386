/* outlay-test-pooler.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libpq-fe.h>

#include "outlay-db-error.h"
#include "outlay-test-db.h"

/*
 * PgBouncer in transaction mode in front of the throwaway server, as Neon's
 * "-pooler" endpoints are: clients speak TLS to it (a certificate for
 * localhost from a CA made here), it reaches the server on its Unix socket.
 * Its pid file lies in a folder from outlay_test_make_tmp_dir(), so the
 * watchdog stops it with the test.
 */

G_LOCK_DEFINE_STATIC (pooler);
static char *pooler_dir;
static guint16 pooler_port;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

static char *
find_tool (const char *name,
           const char *package)
{
  g_autofree char *sbin = g_build_filename ("/usr/sbin", name, NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_find_program_in_path (name);

  if (path == NULL && g_file_test (sbin, G_FILE_TEST_IS_EXECUTABLE))
    path = g_steal_pointer (&sbin);

  if (path == NULL)
    error = g_error_new (OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_MISSING,
                         "%s is missing: install the %s package (build-aux/dev does)", name, package);
  g_assert_no_error (error);

  return path;
}

static void
run_in (const char         *dir,
        const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    error = g_error_new (OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED,
                         "%s failed: %s", argv[0], output);
  g_assert_no_error (error);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
make_certificates (const char *dir)
{
  g_autofree char *openssl = find_tool ("openssl", "openssl");
  const char * const ca[] = {
    openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-subj", "/CN=Outlay test CA", "-keyout", "ca.key", "-out", "ca.crt", NULL
  };
  const char * const request[] = {
    openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
    "-keyout", "server.key", "-out", "server.csr", NULL
  };
  const char * const sign[] = {
    openssl, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
    "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt", NULL
  };

  run_in (dir, ca);
  run_in (dir, request);
  write_file (dir, "server.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  run_in (dir, sign);
}

static guint16
find_free_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return port;
}

static char *
get_option (const char *dsn,
            const char *keyword)
{
  g_autoptr(PQconninfoOption) options = PQconninfoParse (dsn, NULL);

  g_assert_nonnull (options);
  for (const PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (strcmp (o->keyword, keyword) == 0)
        return g_strdup (o->val);
    }

  return NULL;
}

static void
start_pooler (void)
{
  const char *server_dsn = outlay_test_db_server_dsn ();
  g_autofree char *pgbouncer = find_tool ("pgbouncer", "pgbouncer");
  g_autofree char *socket_dir = get_option (server_dsn, "host");
  g_autofree char *server_port = get_option (server_dsn, "port");
  g_autofree char *ini = NULL;
  g_autofree char *users = NULL;
  g_autofree char *probe = NULL;
  const char *argv[] = { pgbouncer, "-d", "pgbouncer.ini", NULL };
  gint64 deadline;

  pooler_dir = outlay_test_make_tmp_dir ();
  pooler_port = find_free_port ();
  make_certificates (pooler_dir);

  ini = g_strdup_printf ("[databases]\n"
                         "* = host=%s port=%s\n"
                         "[pgbouncer]\n"
                         "listen_addr = 127.0.0.1\n"
                         "listen_port = %u\n"
                         "unix_socket_dir =\n"
                         "auth_type = trust\n"
                         "auth_file = users.txt\n"
                         "pool_mode = transaction\n"
                         "client_tls_sslmode = require\n"
                         "client_tls_key_file = server.key\n"
                         "client_tls_cert_file = server.crt\n"
                         "logfile = pgbouncer.log\n"
                         "pidfile = pgbouncer.pid\n"
                         "ignore_startup_parameters = extra_float_digits,options\n",
                         socket_dir, server_port, pooler_port);
  write_file (pooler_dir, "pgbouncer.ini", ini);
  users = g_strdup_printf ("\"%s\" \"\"\n", g_get_user_name ());
  write_file (pooler_dir, "users.txt", users);

  run_in (pooler_dir, argv);

  /* -d returns once it forked; wait until it answers. */
  probe = g_strdup_printf ("host=127.0.0.1 port=%u dbname=postgres sslmode=require", pooler_port);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (PQping (probe) != PQPING_OK && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 20);

  if (PQping (probe) != PQPING_OK)
    {
      g_autofree char *log_path = g_build_filename (pooler_dir, "pgbouncer.log", NULL);
      g_autofree char *log = NULL;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (log_path, &log, NULL, NULL);
      error = g_error_new (OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED,
                           "PgBouncer does not answer on port %u: %s", pooler_port, log);
      g_assert_no_error (error);
    }
}

char *
outlay_test_db_pooler_dsn (const char *dsn)
{
  g_autofree char *dbname = get_option (dsn, "dbname");
  g_autofree char *user = g_uri_escape_string (g_get_user_name (), NULL, FALSE);
  g_autofree char *ca = NULL;
  g_autofree char *ca_escaped = NULL;

  G_LOCK (pooler);
  if (pooler_dir == NULL)
    start_pooler ();
  G_UNLOCK (pooler);

  ca = g_build_filename (pooler_dir, "ca.crt", NULL);
  ca_escaped = g_uri_escape_string (ca, "/", FALSE);

  return g_strdup_printf ("postgresql://%s@localhost:%u/%s?sslmode=verify-full&sslrootcert=%s",
                          user, pooler_port, dbname, ca_escaped);
}
