/* outlay-bench-db.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "outlay-bench-db.h"
#include "outlay-bench-proc.h"
#include "outlay-dsn.h"

#define PSQL_STARTUP_RUNS 3

static gboolean
run_psql (OutlayBenchDb       *db,
          const char          *dsn,
          const char * const  *args,
          char               **out_stdout,
          OutlayBenchUsage    *out_usage,
          GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char * const fixed[] = { "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d" };

  g_ptr_array_add (argv, db->psql);
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, (gpointer) fixed[i]);
  g_ptr_array_add (argv, (gpointer) dsn);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  return outlay_bench_proc_run ((const char * const *) argv->pdata,
                                (const char * const *) db->tool_env,
                                out_stdout, out_usage, error);
}

static char *
query_on (OutlayBenchDb  *db,
          const char     *dsn,
          const char     *sql,
          GError        **error)
{
  char *answer = NULL;

  if (!run_psql (db, dsn, (const char *[]) { "-c", sql, NULL }, &answer, NULL, error))
    return NULL;

  return g_strstrip (answer);
}

static gboolean
execute_on (OutlayBenchDb  *db,
            const char     *dsn,
            const char     *sql,
            GError        **error)
{
  return run_psql (db, dsn, (const char *[]) { "-c", sql, NULL }, NULL, NULL, error);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR)
              && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }

  g_rmdir (path);
}

static char *
find_tool (const char  *bindir,
           const char  *name,
           GError     **error)
{
  char *path;

  if (bindir != NULL)
    {
      path = g_build_filename (bindir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return path;
      g_free (path);
    }

  path = g_find_program_in_path (name);
  if (path == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s not found: install the PostgreSQL server and client packages"), name);

  return path;
}

static gboolean
start_local_server (OutlayBenchDb  *db,
                    GError        **error)
{
  g_autofree char *data_dir = g_build_filename (db->tmp_dir, "pg", NULL);

  /* Deliberately not unsafe-fast: fsync stays on, as for real books. */
  db->server = outlay_local_server_new (data_dir, db->tmp_dir);
  if (!outlay_local_server_start (db->server, NULL, error))
    {
      g_clear_object (&db->server);
      return FALSE;
    }

  db->dsn = g_strdup (outlay_local_server_get_dsn (db->server));

  return TRUE;
}

/* @dsn with its database replaced by @database (libpq takes the last value). */
static char *
dsn_with_database (const char *dsn,
                   const char *database)
{
  if (g_str_has_prefix (dsn, "postgresql://") || g_str_has_prefix (dsn, "postgres://"))
    return g_strdup_printf ("%s%cdbname=%s", dsn, strchr (dsn, '?') != NULL ? '&' : '?',
                            database);

  return g_strdup_printf ("%s dbname=%s", dsn, database);
}

/* A database of its own when the role may create one; otherwise the given
 * database, but only when it has no outlay schema yet. */
static gboolean
use_existing_server (OutlayBenchDb  *db,
                     const char     *dsn,
                     GError        **error)
{
  g_autofree char *answer = NULL;

  db->admin_dsn = outlay_dsn_normalize (dsn, error);
  if (db->admin_dsn == NULL)
    return FALSE;

  answer = query_on (db, db->admin_dsn,
                     "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user",
                     error);
  if (answer == NULL)
    return FALSE;

  if (strcmp (answer, "t") == 0)
    {
      g_autofree char *name = g_strdup_printf ("outlay_bench_%d", (int) getpid ());
      g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);

      if (!execute_on (db, db->admin_dsn, sql, error))
        return FALSE;
      db->created_database = g_steal_pointer (&name);
      db->dsn = dsn_with_database (db->admin_dsn, db->created_database);

      return TRUE;
    }

  g_free (answer);
  answer = query_on (db, db->admin_dsn,
                     "SELECT count (*) FROM pg_namespace WHERE nspname = 'outlay'", error);
  if (answer == NULL)
    return FALSE;

  if (strcmp (answer, "0") != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("This role may not create databases, and the database already "
                             "has an “outlay” schema, which outlay-bench will not touch. Use a "
                             "role that can create databases, or a database without Outlay’s "
                             "books."));
      return FALSE;
    }

  db->owns_schema = TRUE;
  db->dsn = g_strdup (db->admin_dsn);

  return TRUE;
}

/* psql's own start (connecting included) is taken off the limits timed as
 * whole psql runs, as the workloads are timed on an open connection. */
static gboolean
measure_psql_startup (OutlayBenchDb  *db,
                      GError        **error)
{
  db->psql_startup = G_MAXDOUBLE;

  for (guint run = 0; run < PSQL_STARTUP_RUNS; run++)
    {
      OutlayBenchUsage usage;

      if (!run_psql (db, db->dsn, (const char *[]) { "-c", "SELECT 1", NULL },
                     NULL, &usage, error))
        return FALSE;
      db->psql_startup = MIN (db->psql_startup, usage.seconds);
    }

  return TRUE;
}

/* Says where the benchmark runs and how the server is set up. */
static gboolean
describe (OutlayBenchDb  *db,
          GError        **error)
{
  g_autofree char *answer = NULL;
  g_auto(GStrv) fields = NULL;

  answer = outlay_bench_db_query (db,
                                  "SELECT current_setting ('server_version'),"
                                  " current_setting ('fsync'),"
                                  " current_setting ('synchronous_commit'),"
                                  " rolsuper OR EXISTS (SELECT 1 FROM pg_roles r"
                                  "   WHERE r.rolname = 'pg_checkpoint'"
                                  "   AND pg_has_role (r.oid, 'MEMBER'))"
                                  " FROM pg_roles WHERE rolname = current_user", error);
  if (answer == NULL)
    return FALSE;

  fields = g_strsplit (answer, "|", -1);
  if (g_strv_length (fields) != 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unexpected answer from psql: %s"), answer);
      return FALSE;
    }
  db->can_checkpoint = strcmp (fields[3], "t") == 0;

  if (db->server != NULL)
    {
      g_print ("server=local dir=%s", db->tmp_dir);
    }
  else
    {
      g_autofree char *masked = outlay_dsn_mask (db->admin_dsn);

      g_print ("server=%s target=", masked);
      if (db->created_database != NULL)
        g_print ("database:%s", db->created_database);
      else
        g_print ("schema:outlay");
      g_print (" (%s)", db->keep ? "kept afterwards" : "dropped afterwards");
    }
  g_print (" version=%s fsync=%s synchronous_commit=%s checkpoints=%s psql_startup_s=%.4f\n",
           fields[0], fields[1], fields[2], db->can_checkpoint ? "yes" : "no",
           db->psql_startup);
  fflush (stdout);

  return TRUE;
}

gboolean
outlay_bench_db_open (OutlayBenchDb  *db,
                      const char     *dsn,
                      gboolean        keep,
                      GError        **error)
{
  g_autofree char *bindir = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  db->keep = keep;

  /* The server's bindir, so pgbench and psql match the server the
   * benchmark starts. */
  bindir = outlay_local_server_find_bindir (NULL);
  db->psql = find_tool (bindir, "psql", error);
  if (db->psql == NULL)
    return FALSE;
  db->pgbench = find_tool (bindir, "pgbench", error);
  if (db->pgbench == NULL)
    return FALSE;

  db->tool_env = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);

  db->tmp_dir = g_dir_make_tmp ("outlay-bench-XXXXXX", error);
  if (db->tmp_dir == NULL)
    return FALSE;

  return (dsn != NULL ? use_existing_server (db, dsn, error) : start_local_server (db, error))
         && measure_psql_startup (db, error)
         && describe (db, error);
}

void
outlay_bench_db_close (OutlayBenchDb *db)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (db != NULL);

  outlay_bench_proc_begin_clean_up ();

  if (db->server != NULL)
    {
      if (!outlay_local_server_stop (db->server, TRUE, &error))
        g_printerr ("outlay-bench: %s\n", error->message);
    }
  else if (!db->keep && db->created_database != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE %s", db->created_database);

      if (!execute_on (db, db->admin_dsn, sql, &error))
        g_printerr ("outlay-bench: %s\n", error->message);
    }
  else if (!db->keep && db->owns_schema)
    {
      if (!execute_on (db, db->dsn,
                       "SET client_min_messages = warning; DROP SCHEMA outlay CASCADE", &error))
        g_printerr ("outlay-bench: %s\n", error->message);
    }

  if (db->tmp_dir != NULL)
    {
      if (db->keep && db->server != NULL)
        g_print ("kept=%s\n", db->tmp_dir);
      else
        remove_tree (db->tmp_dir);
    }

  g_clear_object (&db->server);
  g_clear_pointer (&db->tmp_dir, g_free);
  g_clear_pointer (&db->admin_dsn, g_free);
  g_clear_pointer (&db->dsn, g_free);
  g_clear_pointer (&db->created_database, g_free);
  g_clear_pointer (&db->psql, g_free);
  g_clear_pointer (&db->pgbench, g_free);
  g_clear_pointer (&db->tool_env, g_strfreev);
}

char *
outlay_bench_db_query (OutlayBenchDb  *db,
                       const char     *sql,
                       GError        **error)
{
  return query_on (db, db->dsn, sql, error);
}

gboolean
outlay_bench_db_execute (OutlayBenchDb  *db,
                         const char     *sql,
                         GError        **error)
{
  return execute_on (db, db->dsn, sql, error);
}

gboolean
outlay_bench_db_checkpoint (OutlayBenchDb  *db,
                            GError        **error)
{
  return !db->can_checkpoint || outlay_bench_db_execute (db, "CHECKPOINT", error);
}

gboolean
outlay_bench_db_time_psql (OutlayBenchDb       *db,
                           const char * const  *args,
                           double              *out_seconds,
                           GError             **error)
{
  OutlayBenchUsage usage;

  if (!run_psql (db, db->dsn, args, NULL, &usage, error))
    return FALSE;

  *out_seconds = MAX (usage.seconds - db->psql_startup, 1e-6);

  return TRUE;
}

gboolean
outlay_bench_db_best_psql_time (OutlayBenchDb  *db,
                                const char     *sql,
                                guint           runs,
                                double         *out_seconds,
                                GError        **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  double best_ms = G_MAXDOUBLE;

  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, (gpointer) "/dev/null");
  g_ptr_array_add (args, (gpointer) "-c");
  g_ptr_array_add (args, (gpointer) "\\timing on");
  for (guint run = 0; run < runs; run++)
    {
      g_ptr_array_add (args, (gpointer) "-c");
      g_ptr_array_add (args, (gpointer) sql);
    }
  g_ptr_array_add (args, NULL);

  if (!run_psql (db, db->dsn, (const char * const *) args->pdata, &output, NULL, error))
    return FALSE;

  /* \timing prints to stdout even with -o: "Time: 12.345 ms". */
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double ms;

      if (sscanf (lines[i], "Time: %lf ms", &ms) == 1)
        best_ms = MIN (best_ms, ms);
    }

  if (best_ms == G_MAXDOUBLE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("psql printed no timing: %s"), output);
      return FALSE;
    }

  *out_seconds = best_ms / 1000.0;

  return TRUE;
}

gboolean
outlay_bench_db_pgbench (OutlayBenchDb  *db,
                         const char     *script,
                         guint64         n,
                         double         *out_seconds,
                         GError        **error)
{
  g_autofree char *path = g_build_filename (db->tmp_dir, "script.pgbench", NULL);
  g_autofree char *transactions = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  g_autofree char *output = NULL;
  const char *tps_text;
  double tps;

  if (!g_file_set_contents (path, script, -1, error))
    return FALSE;

  if (!outlay_bench_proc_run ((const char *[]) {
                                db->pgbench, "-n", "-c", "1", "-t", transactions,
                                "-M", "extended", "-f", path, db->dsn, NULL,
                              },
                              (const char * const *) db->tool_env, &output, NULL, error))
    return FALSE;

  tps_text = strstr (output, "tps = ");
  if (tps_text == NULL || sscanf (tps_text, "tps = %lf", &tps) != 1 || tps <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("pgbench printed no rate: %s"), output);
      return FALSE;
    }

  *out_seconds = n / tps;

  return TRUE;
}
