/* test-pooler.c
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
#include "outlay-dsn.h"
#include "outlay-test-db.h"

#define N_WORKERS 8
#define N_ROWS_EACH 25

/*
 * The Neon-like path: PgBouncer in transaction mode with TLS
 * (sslmode=verify-full) in front of PostgreSQL. Between transactions a
 * client's server connection may change, so nothing may rely on session
 * state; the pool's unnamed, parameterised statements must simply work.
 */

typedef struct
{
  OutlayDbPool *pool;
  guint         worker;
} Worker;

static gpointer
insert_thread (gpointer data)
{
  Worker *w = data;

  for (guint i = 0; i < N_ROWS_EACH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("%u", w->worker * 1000 + i);
      g_autofree char *label = g_strdup_printf ("worker %u row %u", w->worker, i);
      const char * const params[] = { id, label };
      PGresult *result;
      PGconn *conn;

      conn = outlay_db_pool_acquire (w->pool, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (PQsslInUse (conn));

      outlay_db_exec_simple (conn, "BEGIN", &error);
      g_assert_no_error (error);
      result = outlay_db_exec (conn, "INSERT INTO t (id, label) VALUES ($1::int, $2) RETURNING id", 2, params, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, id);
      PQclear (result);
      outlay_db_exec_simple (conn, "COMMIT", &error);
      g_assert_no_error (error);

      outlay_db_pool_release (w->pool, conn);
    }

  return NULL;
}

static void
test_tls_and_statements (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autofree char *pooler_dsn = outlay_test_db_pooler_dsn (dsn);
  g_autofree char *normalized = NULL;
  g_autoptr(OutlayDbPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  const char * const params[] = { "2000", "%row 1_" };
  Worker workers[N_WORKERS];
  GThread *threads[N_WORKERS];
  PGresult *result;
  PGconn *conn;

  g_test_message ("through %s", pooler_dsn);
  normalized = outlay_dsn_normalize (pooler_dsn, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, pooler_dsn);
  pool = outlay_db_pool_new (normalized, OUTLAY_DB_POOL_KEEP, OUTLAY_DB_POOL_OVERFLOW);

  conn = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (PQsslInUse (conn));
  g_test_message ("TLS: %s, %s", PQsslAttribute (conn, "protocol"), PQsslAttribute (conn, "cipher"));
  outlay_db_exec_simple (conn, "CREATE TABLE t (id int PRIMARY KEY, label text NOT NULL)", &error);
  g_assert_no_error (error);
  outlay_db_pool_release (pool, conn);

  for (guint i = 0; i < N_WORKERS; i++)
    {
      workers[i].pool = pool;
      workers[i].worker = i + 1;
      threads[i] = g_thread_new ("insert", insert_thread, &workers[i]);
    }
  for (guint i = 0; i < N_WORKERS; i++)
    g_thread_join (threads[i]);

  /* Checked on the server directly, past PgBouncer. */
  g_assert_cmpint (outlay_test_db_query_int64 (dsn, "SELECT count(*) FROM t"), ==, N_WORKERS * N_ROWS_EACH);

  conn = outlay_db_pool_acquire (pool, NULL, &error);
  g_assert_no_error (error);
  result = outlay_db_exec (conn, "SELECT count(*) FROM t WHERE id < $1::int AND label LIKE $2", 2, params, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "10");
  PQclear (result);

  /* Errors come through the pooler as they would directly. */
  g_assert_false (outlay_db_exec_simple (conn, "INSERT INTO t VALUES (1001, 'again')", &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE);
  outlay_db_pool_release (pool, conn);
}

static void
count_attempt_cb (OutlayDbPool *pool,
                  guint         attempt,
                  guint        *attempts)
{
  *attempts = attempt;
}

/* verify-full means it: a certificate from another CA is refused, at once,
 * since trying again cannot make it trusted. */
static void
test_verify_full (void)
{
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autofree char *pooler_dsn = outlay_test_db_pooler_dsn (dsn);
  g_autofree char *dir = outlay_test_make_tmp_dir ();
  g_autofree char *other_ca = g_build_filename (dir, "other-ca.crt", NULL);
  g_autofree char *other_key = g_build_filename (dir, "other-ca.key", NULL);
  g_autoptr(GSubprocess) openssl = NULL;
  g_autoptr(OutlayDbPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) wrong = g_string_new (pooler_dsn);
  guint attempts = 0;

  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                              "-subj", "/CN=Someone else", "-keyout", other_key, "-out", other_ca, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (openssl, NULL, &error);
  g_assert_no_error (error);

  g_string_truncate (wrong, strstr (wrong->str, "sslrootcert=") - wrong->str);
  g_string_append_printf (wrong, "sslrootcert=%s", other_ca);

  pool = outlay_db_pool_new (wrong->str, 1, 0);
  g_signal_connect (pool, "connecting", G_CALLBACK (count_attempt_cb), &attempts);

  g_assert_null (outlay_db_pool_acquire (pool, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT);
  g_assert_true (g_str_has_prefix (error->message, "Could not connect to the database at localhost: "));
  g_assert_nonnull (strstr (error->message, "certificate verify failed"));

  /* "connecting" comes through this thread's main context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (attempts, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/pooler/tls-and-statements", test_tls_and_statements);
  g_test_add_func ("/outlay/pooler/verify-full", test_verify_full);

  return g_test_run ();
}
