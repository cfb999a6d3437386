/* outlay-bench-child.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The measured side: each workload runs through OutlayStore in a process of its
 * own, started by the benchmark as `outlay-bench --child WORKLOAD N` with the
 * database in the environment (not on the command line, where a password would
 * show), and prints one line: "seconds=… rows=… sum=…" (sum in minor units).
 */

#define OUTLAY_BENCH_CHILD_FLAG "--child"
#define OUTLAY_BENCH_DSN_ENV    "OUTLAY_BENCH_DSN"

/* Queries are run this many times and the fastest counts, here and in psql. */
#define OUTLAY_BENCH_QUERY_REPEATS 5

/* @argv: WORKLOAD N, where WORKLOAD is "setup" (migrate, create the
 * categories), "insert", "bulk", "list", "totals", "summary" or "transfer".
 * Returns the exit status. */
int  outlay_bench_child_main  (int     argc,
                               char  **argv);

G_END_DECLS
