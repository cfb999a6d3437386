/* outlay-bench-proc.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Every measurement runs in a child process of its own (the benchmark itself
 * re-executed, psql, pgbench): its peak RSS is then its own, read from wait4(),
 * and Ctrl+C or SIGTERM stops the child and lets the benchmark clean up.
 */

typedef struct
{
  gint64  started;    /* g_get_monotonic_time () just before the spawn */
  double  seconds;    /* wall time from spawn to exit */
  glong   maxrss_kb;  /* the child's own peak resident set */
} OutlayBenchUsage;

/* Catches SIGINT, SIGTERM and SIGHUP: the running child is stopped, and
 * outlay_bench_proc_run() fails with G_IO_ERROR_CANCELLED from then on… */
void      outlay_bench_proc_init_signals   (void);

/* … until this is called: cleaning up still runs what it needs. */
void      outlay_bench_proc_begin_clean_up (void);

gboolean  outlay_bench_proc_interrupted    (void);

/* Runs @argv (an absolute path first) with @envp (NULL: ours) and waits for it.
 * Its stdout goes to @out_stdout, or to /dev/null when that is NULL; its stderr
 * is ours. Fails unless it exits with status 0. @out_usage may be NULL. */
gboolean  outlay_bench_proc_run            (const char * const  *argv,
                                            const char * const  *envp,
                                            char               **out_stdout,
                                            OutlayBenchUsage    *out_usage,
                                            GError             **error);

G_END_DECLS
