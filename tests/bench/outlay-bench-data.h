/* outlay-bench-data.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "outlay-store.h"

G_BEGIN_DECLS

/*
 * The benchmark's rows, the same in every implementation that wants to compare
 * figures with Outlay: a splitmix64 stream seeded with 42; row i (1-based) takes
 * the next three outputs r1, r2, r3:
 *
 *   amount      = 100 + r1 % 49901 minor units (1.00 .. 500.00)
 *   category_id = 1 + r2 % 12 (the categories below, created in this order)
 *   date        = 2023-01-01 + (r3 % (730 * 86400)) / 86400 days
 *   description = "<category name> expense <i>"
 *
 * For 1000 rows the amounts add up to 254020.78.
 */

#define OUTLAY_BENCH_N_CATEGORIES 12

/* The list workload's "amount > 50", in minor units (inclusive). */
#define OUTLAY_BENCH_LIST_MIN_AMOUNT 5001

extern const char * const outlay_bench_category_names[OUTLAY_BENCH_N_CATEGORIES];

typedef struct
{
  guint64  state;
  guint64  index;     /* rows produced so far */
  guint64  n_rows;    /* produce this many, then stop */
  char     description[64];
} OutlayBenchData;

/* Counts and sums over the first @n_rows rows, to check what a workload saw. */
typedef struct
{
  guint64  rows;
  gint64   sum;           /* minor units */
  gint64   category_sum;  /* sum of category ids */
} OutlayBenchStats;

void      outlay_bench_data_init       (OutlayBenchData      *data,
                                        guint64               n_rows);

/* An OutlayExpenseSource: fills @record with the next row (the description is
 * borrowed from @user_data, an OutlayBenchData, until the next call). */
gboolean  outlay_bench_data_next       (OutlayExpenseRecord  *record,
                                        gpointer              user_data);

/* The summary workload's period: 2023-01-01 to 2023-12-31. */
void      outlay_bench_summary_period  (GDate                *out_start,
                                        GDate                *out_end);

/* Where transfer moves a row of category @category_id. */
gint64    outlay_bench_transfer_target (gint64                category_id);

/* What the first @n_rows rows add up to: all of them (@min_amount 0, @start
 * and @end NULL) or those with amount ≥ @min_amount dated in [@start, @end].
 * With @transferred, category_sum counts the categories after transfer. */
void      outlay_bench_data_stats      (guint64               n_rows,
                                        gint64                min_amount,
                                        const GDate          *start,
                                        const GDate          *end,
                                        gboolean              transferred,
                                        OutlayBenchStats     *out_stats);

/* Writes the first @n_rows rows to @path in COPY text format with the columns
 * (description, amount, spent_on, category_id). */
gboolean  outlay_bench_data_write_copy (guint64               n_rows,
                                        const char           *path,
                                        GError              **error);

G_END_DECLS
