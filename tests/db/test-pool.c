/* test-pool.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "outlay-db-error.h"
#include "outlay-db-exec.h"
#include "outlay-db-pool.h"
#include "outlay-error.h"
#include "outlay-local-server.h"
#include "outlay-test-db.h"

#define PASSWORD "S3cr3tPw"
#define N_WORKERS 20

/* Counted by the server, independently of the pool. */
static gint64
count_server_connections (const char *dsn)
{
  g_autofree char *db = outlay_test_db_query_value (dsn, "SELECT pg_catalog.current_database ()");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_catalog.pg_stat_activity "
                                          "WHERE application_name = 'outlay' AND datname = '%s'", db);

  return outlay_test_db_query_int64 (dsn, sql);
}

static void
exec_ok (PGconn     *conn,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  outlay_db_exec_simple (conn, sql, &error);
  g_assert_no_error (error);
}

/* --- Concurrency ---------------------------------------------------------- */

typedef struct
{
  OutlayDbPool *pool;
  GMutex        mutex;
  GCond         cond;
  guint         n_holding;
  guint         max_holding;
  guint         max_open;
  gboolean      gate_open;
  guint         n_connecting;
  gboolean      connecting_off_main;
  GThread      *main_thread;
} Crowd;

static gpointer
worker_thread (gpointer data)
{
  Crowd *crowd = data;
  g_autoptr(GError) error = NULL;
  const char * const params[] = { "0.05" };
  PGresult *result;
  PGconn *conn;

  conn = outlay_db_pool_acquire (crowd->pool, NULL, &error);
  g_assert_no_error (error);

  g_mutex_lock (&crowd->mutex);
  crowd->n_holding++;
  crowd->max_holding = MAX (crowd->max_holding, crowd->n_holding);
  crowd->max_open = MAX (crowd->max_open, outlay_db_pool_get_n_open (crowd->pool));
  g_cond_broadcast (&crowd->cond);
  while (!crowd->gate_open)
    g_cond_wait (&crowd->cond, &crowd->mutex);
  g_mutex_unlock (&crowd->mutex);

  result = outlay_db_exec (conn, "SELECT pg_catalog.pg_sleep ($1::float8)", 1, params, &error);
  g_assert_no_error (error);
  PQclear (result);

  g_mutex_lock (&crowd->mutex);
  crowd->n_holding--;
  g_mutex_unlock (&crowd->mutex);

  outlay_db_pool_release (crowd->pool, conn);
  return NULL;
}

static void
pool_connecting_cb (OutlayDbPool *pool,
                    guint         attempt,
                    Crowd        *crowd)
{
  crowd->n_connecting++;
  if (g_thread_self () != crowd->main_thread)
    crowd->connecting_off_main = TRUE;
}

/* Twenty workers want a connection at once: fifteen (5 kept + 10 overflow)
 * get one, the rest wait until one comes back, and afterwards five stay. */
static void
test_concurrent (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, OUTLAY_DB_POOL_KEEP, OUTLAY_DB_POOL_OVERFLOW);
  GThread *threads[N_WORKERS];
  Crowd crowd = { 0 };
  gint64 start = g_get_monotonic_time ();

  crowd.pool = pool;
  crowd.main_thread = g_thread_self ();
  g_mutex_init (&crowd.mutex);
  g_cond_init (&crowd.cond);
  g_signal_connect (pool, "connecting", G_CALLBACK (pool_connecting_cb), &crowd);

  for (guint i = 0; i < N_WORKERS; i++)
    threads[i] = g_thread_new ("worker", worker_thread, &crowd);

  g_mutex_lock (&crowd.mutex);
  while (crowd.n_holding < OUTLAY_DB_POOL_KEEP + OUTLAY_DB_POOL_OVERFLOW)
    g_cond_wait (&crowd.cond, &crowd.mutex);
  g_mutex_unlock (&crowd.mutex);

  /* All fifteen are out, seen from both ends. */
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 15);
  g_assert_cmpuint (outlay_db_pool_get_n_idle (pool), ==, 0);
  g_assert_cmpint (count_server_connections (dsn), ==, 15);

  g_mutex_lock (&crowd.mutex);
  crowd.gate_open = TRUE;
  g_cond_broadcast (&crowd.cond);
  g_mutex_unlock (&crowd.mutex);

  for (guint i = 0; i < N_WORKERS; i++)
    g_thread_join (threads[i]);

  g_test_message ("%d workers done in %.0f ms", N_WORKERS, (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (crowd.max_holding, ==, 15);
  g_assert_cmpuint (crowd.max_open, <=, 15);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, OUTLAY_DB_POOL_KEEP);
  g_assert_cmpuint (outlay_db_pool_get_n_idle (pool), ==, OUTLAY_DB_POOL_KEEP);
  g_assert_cmpint (count_server_connections (dsn), ==, OUTLAY_DB_POOL_KEEP);

  /* "connecting" arrives in the creator's main context, once per connection
   * opened: the waiting five reused returned ones. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (crowd.n_connecting, ==, 15);
  g_assert_false (crowd.connecting_off_main);

  g_mutex_clear (&crowd.mutex);
  g_cond_clear (&crowd.cond);
}

/* --- Health --------------------------------------------------------------- */

static void
test_pre_ping (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, OUTLAY_DB_POOL_KEEP, OUTLAY_DB_POOL_OVERFLOW);
  g_autoptr(GError) error = NULL;
  PGconn *conns[3];
  int old_pids[3];

  for (guint i = 0; i < 3; i++)
    {
      conns[i] = outlay_db_pool_acquire (pool, NULL, &error);
      g_assert_no_error (error);
      old_pids[i] = PQbackendPID (conns[i]);
    }
  for (guint i = 0; i < 3; i++)
    outlay_db_pool_release (pool, conns[i]);
  g_assert_cmpuint (outlay_db_pool_get_n_idle (pool), ==, 3);

  outlay_test_db_kill_connections (dsn);

  /* The dead ones are noticed and replaced; nobody sees an error. */
  for (guint i = 0; i < 3; i++)
    {
      PGresult *result;

      conns[i] = outlay_db_pool_acquire (pool, NULL, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < 3; j++)
        g_assert_cmpint (PQbackendPID (conns[i]), !=, old_pids[j]);

      result = outlay_db_exec (conns[i], "SELECT 1", 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "1");
      PQclear (result);
    }
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 3);

  for (guint i = 0; i < 3; i++)
    outlay_db_pool_release (pool, conns[i]);
}

/* A connection handed back inside a transaction (open or failed) comes out
 * of the pool clean, and what it did is undone. */
static void
test_release_rolls_back (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, 1, 0);
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  outlay_test_db_exec (dsn, "CREATE TABLE t (v int)");

  conn = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  exec_ok (conn, "BEGIN");
  exec_ok (conn, "INSERT INTO t VALUES (1)");
  g_assert_cmpint (PQtransactionStatus (conn), ==, PQTRANS_INTRANS);
  outlay_db_pool_release (pool, conn);

  conn = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQtransactionStatus (conn), ==, PQTRANS_IDLE);
  exec_ok (conn, "BEGIN");
  g_assert_false (outlay_db_exec_simple (conn, "SELECT no_such_column FROM t", &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_QUERY);
  g_clear_error (&error);
  g_assert_cmpint (PQtransactionStatus (conn), ==, PQTRANS_INERROR);
  outlay_db_pool_release (pool, conn);

  conn = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (PQtransactionStatus (conn), ==, PQTRANS_IDLE);
  outlay_db_pool_release (pool, conn);

  g_assert_cmpint (outlay_test_db_query_int64 (dsn, "SELECT count(*) FROM t"), ==, 0);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 1);
}

static void
test_discard (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, 2, 0);
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  conn = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 1);
  outlay_db_pool_discard (pool, conn);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 0);
  g_assert_cmpuint (outlay_db_pool_get_n_idle (pool), ==, 0);
  g_assert_cmpstr (outlay_db_pool_get_dsn (pool), ==, dsn);
}

/* The backends of the pool's connections are known as its own (to tell the
 * store's writes from others' in live sync), also for a while after they
 * closed; anybody else's are not. */
static void
test_owns_backend (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, 1, 1);
  g_autoptr(GError) error = NULL;
  PGconn *kept;
  PGconn *extra;
  int kept_pid, extra_pid;
  gint64 stranger_pid;

  kept = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  extra = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  kept_pid = PQbackendPID (kept);
  extra_pid = PQbackendPID (extra);

  stranger_pid = outlay_test_db_query_int64 (dsn, "SELECT pg_catalog.pg_backend_pid ()");
  g_assert_cmpint (stranger_pid, !=, kept_pid);
  g_assert_cmpint (stranger_pid, !=, extra_pid);

  g_assert_true (outlay_db_pool_owns_backend (pool, kept_pid));
  g_assert_true (outlay_db_pool_owns_backend (pool, extra_pid));
  g_assert_false (outlay_db_pool_owns_backend (pool, (int) stranger_pid));

  /* The overflow connection closes on release, the other on discard. */
  outlay_db_pool_release (pool, kept);
  outlay_db_pool_release (pool, extra);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 1);
  kept = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  outlay_db_pool_discard (pool, kept);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 0);

  g_assert_true (outlay_db_pool_owns_backend (pool, kept_pid));
  g_assert_true (outlay_db_pool_owns_backend (pool, extra_pid));
  g_assert_false (outlay_db_pool_owns_backend (pool, (int) stranger_pid));
}

/* What the server says in passing goes to the debug log, not to stderr. */
static void
test_notices (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, 1, 0);
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  conn = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);

  g_test_expect_message ("outlay-db", G_LOG_LEVEL_DEBUG, "NOTICE:  Outlay notice test");
  exec_ok (conn, "DO $$ BEGIN RAISE NOTICE 'Outlay notice test'; END $$");
  g_test_assert_expected_messages ();

  outlay_db_pool_release (pool, conn);

  /* Dedicated connections too. */
  conn = outlay_db_pool_open_dedicated (pool, "outlay-test", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 1);

  g_test_expect_message ("outlay-db", G_LOG_LEVEL_DEBUG, "WARNING:  Outlay warning test");
  exec_ok (conn, "DO $$ BEGIN RAISE WARNING 'Outlay warning test'; END $$");
  g_test_assert_expected_messages ();

  PQfinish (conn);
}

/* --- Idle connections ----------------------------------------------------- */

typedef struct
{
  OutlayDbPool *pool;
  PGconn      **conns;
  guint         n_conns;
} Release;

static gpointer
release_thread (gpointer data)
{
  Release *release = data;

  for (guint i = 0; i < release->n_conns; i++)
    outlay_db_pool_release (release->pool, release->conns[i]);

  return NULL;
}

/* Runs the creator's main context, where the pool closes idle connections,
 * until the server counts @n of the pool's. */
static void
wait_for_server_connections (const char *dsn,
                             gint64      n)
{
  while (count_server_connections (dsn) != n)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (G_USEC_PER_SEC / 50);
    }
}

/* Connections left idle past the timeout are closed, the kept ones too (a
 * serverless compute scales to zero only once nobody is connected), from the
 * creator's main context whatever thread released them; one in use stays,
 * and asking again connects again. */
static void
test_idle_timeout (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, OUTLAY_DB_POOL_KEEP, OUTLAY_DB_POOL_OVERFLOW);
  g_autoptr(GError) error = NULL;
  PGconn *conns[3];
  Release release = { pool, conns, G_N_ELEMENTS (conns) };
  PGresult *result;
  PGconn *busy;
  int pids[3];

  outlay_db_pool_set_idle_timeout (pool, 100);

  busy = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (conns); i++)
    {
      conns[i] = outlay_db_pool_acquire (pool, NULL, &error);
      g_assert_no_error (error);
      pids[i] = PQbackendPID (conns[i]);
    }
  g_thread_join (g_thread_new ("release", release_thread, &release));

  g_assert_cmpuint (outlay_db_pool_get_n_idle (pool), ==, 3);
  g_assert_cmpint (count_server_connections (dsn), ==, 4);

  wait_for_server_connections (dsn, 1);
  g_assert_cmpuint (outlay_db_pool_get_n_idle (pool), ==, 0);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 1);
  /* Their last notifications are still known as the pool's. */
  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    g_assert_true (outlay_db_pool_owns_backend (pool, pids[i]));

  result = outlay_db_exec (busy, "SELECT 1", 0, NULL, &error);
  g_assert_no_error (error);
  PQclear (result);
  outlay_db_pool_release (pool, busy);

  wait_for_server_connections (dsn, 0);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 0);

  busy = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  exec_ok (busy, "SELECT 1");
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 1);
  g_assert_cmpint (count_server_connections (dsn), ==, 1);
  outlay_db_pool_release (pool, busy);
}

/* --- Cancellation --------------------------------------------------------- */

typedef struct
{
  OutlayDbPool *pool;
  GCancellable *cancellable;
  GError       *error;
  PGconn       *conn;
} Waiter;

static gpointer
waiter_thread (gpointer data)
{
  Waiter *waiter = data;

  waiter->conn = outlay_db_pool_acquire (waiter->pool, waiter->cancellable, &waiter->error);
  return NULL;
}

static void
test_cancel_waiting (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, 1, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Waiter waiter = { pool, cancellable, NULL, NULL };
  GThread *thread;
  PGconn *held;

  held = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);

  thread = g_thread_new ("waiter", waiter_thread, &waiter);
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);

  g_assert_error (waiter.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (waiter.conn);
  g_clear_error (&waiter.error);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 1);

  outlay_db_pool_release (pool, held);

  /* Cancelled before asking: no connection either. */
  g_assert_null (outlay_db_pool_acquire (pool, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --- Connection errors ---------------------------------------------------- */

typedef struct
{
  const char *dsn;
  GError     *error;
  guint       attempts;
} Attempt;

static void
attempt_connecting_cb (OutlayDbPool *pool,
                       guint         attempt,
                       Attempt      *data)
{
  g_assert_cmpuint (attempt, ==, data->attempts + 1);
  data->attempts = attempt;
}

static gpointer
attempt_thread (gpointer data)
{
  Attempt *a = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(OutlayDbPool) pool = NULL;
  PGconn *conn;

  /* The signal comes in the creator's context: this thread's. */
  g_main_context_push_thread_default (context);
  pool = outlay_db_pool_new (a->dsn, 1, 0);
  g_signal_connect (pool, "connecting", G_CALLBACK (attempt_connecting_cb), a);

  conn = outlay_db_pool_acquire (pool, NULL, &a->error);
  g_assert_null (conn);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 0);

  while (g_main_context_iteration (context, FALSE))
    ;

  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
assert_safe_message (const GError *error,
                     const char   *host)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, PASSWORD));
  if (host != NULL)
    g_assert_nonnull (strstr (error->message, host));
}

static void
run_tool (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

/* A real server that answers but lets nobody in: a standby with hot_standby
 * off, which says 57P03 ("the database system is not accepting connections")
 * as one starting up does. Stopped by the folder's watchdog. */
static char *
start_closed_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bindir = outlay_local_server_find_bindir (&error);
  g_autofree char *dir = outlay_test_make_tmp_dir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *log = g_build_filename (dir, "log", NULL);
  g_autofree char *initdb = NULL;
  g_autofree char *pg_ctl = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *signal = NULL;
  g_autofree char *dsn = NULL;
  gint64 deadline;

  g_assert_no_error (error);
  initdb = g_build_filename (bindir, "initdb", NULL);
  pg_ctl = g_build_filename (bindir, "pg_ctl", NULL);

  {
    const char * const argv[] = { initdb, "-D", data, "-A", "trust", "--no-sync", NULL };

    run_tool (argv);
  }

  conf_path = g_build_filename (data, "postgresql.conf", NULL);
  g_file_get_contents (conf_path, &original, NULL, &error);
  g_assert_no_error (error);
  conf = g_strdup_printf ("%s\nhot_standby = off\nlisten_addresses = ''\n"
                          "unix_socket_directories = '%s'\nfsync = off\n",
                          original, dir);
  g_file_set_contents (conf_path, conf, -1, &error);
  g_assert_no_error (error);
  signal = g_build_filename (data, "standby.signal", NULL);
  g_file_set_contents (signal, "", 0, &error);
  g_assert_no_error (error);

  {
    const char * const argv[] = { pg_ctl, "start", "-W", "-D", data, "-l", log, NULL };

    run_tool (argv);
  }

  dsn = g_strdup_printf ("host=%s port=5432 dbname=postgres", dir);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (PQping (dsn) != PQPING_REJECT && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 20);
  g_assert_cmpint (PQping (dsn), ==, PQPING_REJECT);

  return g_steal_pointer (&dsn);
}

/* Nobody listening, or a server not taking connections yet: tried five
 * times with growing pauses (about 15 s), then a message naming the host. A
 * socket folder, a TCP port and the closed server at once. */
static void
test_connect_refused (void)
{
  g_autofree char *dir = outlay_test_make_tmp_dir ();
  g_autofree char *socket_dsn = g_strdup_printf ("host=%s port=5432 user=alice password=%s dbname=books", dir, PASSWORD);
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tcp_dsn = NULL;
  g_autofree char *closed_dsn = start_closed_server ();
  Attempt by_socket = { socket_dsn, NULL, 0 };
  Attempt by_tcp = { NULL, NULL, 0 };
  Attempt closed = { closed_dsn, NULL, 0 };
  GThread *threads[3];
  guint16 port;
  gint64 start = g_get_monotonic_time ();

  /* A port that was free a moment ago. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  tcp_dsn = g_strdup_printf ("postgresql://alice:%s@127.0.0.1:%u/books", PASSWORD, port);
  by_tcp.dsn = tcp_dsn;

  threads[0] = g_thread_new ("socket", attempt_thread, &by_socket);
  threads[1] = g_thread_new ("tcp", attempt_thread, &by_tcp);
  threads[2] = g_thread_new ("closed", attempt_thread, &closed);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_test_message ("gave up after %.1f s", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_assert_error (by_socket.error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT);
  assert_safe_message (by_socket.error, dir);
  g_assert_cmpuint (by_socket.attempts, ==, 5);

  g_assert_error (by_tcp.error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT);
  assert_safe_message (by_tcp.error, "Could not connect to the database at 127.0.0.1: connection refused. "
                                     "Check DATABASE_URL");
  g_assert_cmpuint (by_tcp.attempts, ==, 5);

  g_assert_error (closed.error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT);
  assert_safe_message (closed.error, "not accepting connections");
  g_assert_cmpuint (closed.attempts, ==, 5);

  g_clear_error (&by_socket.error);
  g_clear_error (&by_tcp.error);
  g_clear_error (&closed.error);
}

/* Options libpq refuses are said at once: waiting would not change them. */
static void
test_connect_bad_options (void)
{
  g_autofree char *dsn = g_strconcat (outlay_test_db_server_dsn (), " sslmode=sometimes", NULL);
  Attempt a = { dsn, NULL, 0 };

  attempt_thread (&a);
  g_assert_error (a.error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT);
  assert_safe_message (a.error, "invalid sslmode value");
  g_assert_cmpuint (a.attempts, ==, 1);
  g_clear_error (&a.error);
}

/* A wrong password or database is said at once, without retries. */
static void
test_connect_refused_login (void)
{
  const char *server_dsn = outlay_test_db_server_dsn ();
  g_autofree char *hba_file = outlay_test_db_query_value (server_dsn, "SHOW hba_file");
  g_autofree char *hba = NULL;
  g_autofree char *new_hba = NULL;
  g_autofree char *wrong_password = NULL;
  g_autofree char *no_password = NULL;
  g_autofree char *no_database = NULL;
  g_autofree char *reloaded = NULL;
  g_autoptr(GError) error = NULL;
  Attempt a = { 0 };

  /* alice logs in with a password, even on the socket. */
  g_unsetenv ("PGPASSWORD");
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);
  outlay_test_db_exec (server_dsn, "CREATE ROLE alice LOGIN PASSWORD 'right'");
  g_file_get_contents (hba_file, &hba, NULL, &error);
  g_assert_no_error (error);
  new_hba = g_strconcat ("local all alice scram-sha-256\n", hba, NULL);
  g_file_set_contents (hba_file, new_hba, -1, &error);
  g_assert_no_error (error);
  reloaded = outlay_test_db_query_value (server_dsn, "SELECT pg_catalog.pg_reload_conf ()::text");
  g_assert_cmpstr (reloaded, ==, "true");

  wrong_password = g_strconcat (server_dsn, " user=alice password=" PASSWORD, NULL);
  a.dsn = wrong_password;
  attempt_thread (&a);
  g_assert_error (a.error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_AUTH);
  assert_safe_message (a.error, NULL);
  g_assert_cmpstr (a.error->message, ==, "The database refused the password for user “alice”");
  g_assert_cmpuint (a.attempts, ==, 1);
  g_clear_error (&a.error);

  no_password = g_strconcat (server_dsn, " user=alice", NULL);
  a.dsn = no_password;
  a.attempts = 0;
  attempt_thread (&a);
  g_assert_error (a.error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_AUTH);
  assert_safe_message (a.error, "needs a password for user “alice”");
  g_assert_cmpuint (a.attempts, ==, 1);
  g_clear_error (&a.error);

  no_database = g_strconcat (server_dsn, " user=alice password=right dbname=nope", NULL);
  a.dsn = no_database;
  a.attempts = 0;
  attempt_thread (&a);
  g_assert_error (a.error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_NO_DATABASE);
  assert_safe_message (a.error, "There is no database named “nope” on /");
  g_assert_cmpuint (a.attempts, ==, 1);
  g_clear_error (&a.error);
}

/* --- Statements ----------------------------------------------------------- */

static void
test_exec_errors (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayDbPool) pool = outlay_db_pool_new (dsn, 1, 0);
  g_autoptr(GError) error = NULL;
  const char * const params[] = { "x'); DROP TABLE t; --", NULL };
  PGresult *result;
  PGconn *conn;

  conn = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  exec_ok (conn, "CREATE TABLE t (id int PRIMARY KEY, v varchar(5) CHECK (v <> 'bad'))");

  /* Parameters are values, never SQL; NULL is SQL NULL. */
  result = outlay_db_exec (conn, "SELECT $1::text, $2::text IS NULL", 2, params, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, params[0]);
  g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, "t");
  PQclear (result);

  exec_ok (conn, "INSERT INTO t VALUES (1, 'a')");
  g_assert_false (outlay_db_exec_simple (conn, "INSERT INTO t VALUES (1, 'b')", &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_false (outlay_db_exec_simple (conn, "INSERT INTO t VALUES (2, 'bad')", &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (outlay_db_exec_simple (conn, "INSERT INTO t VALUES (3, 'toolong')", &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The server ends the session: the connection is lost, and retryable. */
  g_assert_false (outlay_db_exec_simple (conn, "SELECT pg_catalog.pg_terminate_backend (pg_catalog.pg_backend_pid ())", &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECTION_LOST);
  g_assert_true (outlay_db_error_is_retryable (error));
  g_clear_error (&error);
  outlay_db_pool_release (pool, conn);
  g_assert_cmpuint (outlay_db_pool_get_n_open (pool), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/pool/concurrent", test_concurrent);
  g_test_add_func ("/outlay/pool/pre-ping", test_pre_ping);
  g_test_add_func ("/outlay/pool/release-rolls-back", test_release_rolls_back);
  g_test_add_func ("/outlay/pool/discard", test_discard);
  g_test_add_func ("/outlay/pool/owns-backend", test_owns_backend);
  g_test_add_func ("/outlay/pool/notices", test_notices);
  g_test_add_func ("/outlay/pool/idle-timeout", test_idle_timeout);
  g_test_add_func ("/outlay/pool/cancel-waiting", test_cancel_waiting);
  g_test_add_func ("/outlay/pool/exec-errors", test_exec_errors);
  g_test_add_func ("/outlay/pool/connect/refused", test_connect_refused);
  g_test_add_func ("/outlay/pool/connect/login-refused", test_connect_refused_login);
  g_test_add_func ("/outlay/pool/connect/bad-options", test_connect_bad_options);

  return g_test_run ();
}
