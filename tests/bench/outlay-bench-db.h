/* outlay-bench-db.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "outlay-local-server.h"

G_BEGIN_DECLS

/*
 * Where the benchmark runs, and PostgreSQL's own tools pointed at it: a
 * throwaway local server in a temporary directory (fsync on), or a database of
 * its own on an existing server. psql and pgbench come from the server's
 * bindir and run in the C locale, since their figures are parsed.
 */

typedef struct
{
  char              *tmp_dir;          /* scratch files (and the local server) */
  char              *dsn;              /* the database the benchmark uses */
  gboolean           can_checkpoint;
  double             psql_startup;     /* seconds psql takes to start and connect */

  OutlayLocalServer *server;
  char              *admin_dsn;        /* --dsn: where databases are created and dropped */
  char              *created_database; /* --dsn: ours to drop */
  gboolean           owns_schema;      /* --dsn: the outlay schema is ours to drop */
  gboolean           keep;
  char              *psql;
  char              *pgbench;
  char             **tool_env;
} OutlayBenchDb;

/* With @dsn NULL, makes and starts a throwaway server. With @dsn, creates a
 * database of its own when the role may, otherwise uses the given database if
 * it has no outlay schema yet. Prints one line saying where and how. */
gboolean  outlay_bench_db_open           (OutlayBenchDb       *db,
                                          const char          *dsn,
                                          gboolean             keep,
                                          GError             **error);

/* Stops and removes the throwaway server, or drops the database or schema
 * (unless kept); also after an interrupt. Frees @db's members. */
void      outlay_bench_db_close          (OutlayBenchDb       *db);

/* The first row of @sql's answer, columns separated by '|'. */
char     *outlay_bench_db_query          (OutlayBenchDb       *db,
                                          const char          *sql,
                                          GError             **error);

gboolean  outlay_bench_db_execute        (OutlayBenchDb       *db,
                                          const char          *sql,
                                          GError             **error);

/* Best effort: without the right to, nothing happens. */
gboolean  outlay_bench_db_checkpoint     (OutlayBenchDb       *db,
                                          GError             **error);

/* One psql run with @args (its output discarded), less psql's own start. */
gboolean  outlay_bench_db_time_psql      (OutlayBenchDb       *db,
                                          const char * const  *args,
                                          double              *out_seconds,
                                          GError             **error);

/* The fastest of @runs runs of @sql in one psql session, by psql's \timing:
 * sent, and the whole answer read (and written to /dev/null). */
gboolean  outlay_bench_db_best_psql_time (OutlayBenchDb       *db,
                                          const char          *sql,
                                          guint                runs,
                                          double              *out_seconds,
                                          GError             **error);

/* pgbench with one client running @script @n times, in the extended protocol
 * (unnamed statements, as OutlayStore sends them); its own figure, which
 * leaves connecting out. */
gboolean  outlay_bench_db_pgbench        (OutlayBenchDb       *db,
                                          const char          *script,
                                          guint64              n,
                                          double              *out_seconds,
                                          GError             **error);

G_END_DECLS
