/* outlay-bench-child.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-bench-child.h"
#include "outlay-bench-data.h"

typedef struct
{
  double   seconds;
  guint64  rows;
  gint64   sum;
} Result;

typedef gboolean (*WorkloadFunc) (OutlayStore  *store,
                                  guint64       n,
                                  Result       *result,
                                  GError      **error);

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static gboolean
run_setup (OutlayStore  *store,
           guint64       n,
           Result       *result,
           GError      **error)
{
  for (guint i = 0; i < OUTLAY_BENCH_N_CATEGORIES; i++)
    {
      g_autoptr(OutlayCategory) category = outlay_category_new (outlay_bench_category_names[i]);

      if (!outlay_store_add_category (store, category, NULL, error))
        return FALSE;

      /* The rows name their categories by id. */
      if (outlay_category_get_id (category) != i + 1)
        {
          g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                       _("Category “%s” got id %" G_GINT64_FORMAT " instead of %u: "
                         "the database was not empty"),
                       outlay_bench_category_names[i], outlay_category_get_id (category),
                       i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
run_insert (OutlayStore  *store,
            guint64       n,
            Result       *result,
            GError      **error)
{
  OutlayBenchData data;
  OutlayExpenseRecord record;
  gint64 started;

  outlay_bench_data_init (&data, n);
  started = g_get_monotonic_time ();

  while (outlay_bench_data_next (&record, &data))
    {
      g_autoptr(OutlayExpense) expense = outlay_expense_new ();

      outlay_expense_set_description (expense, record.description);
      outlay_expense_set_amount (expense, record.amount);
      outlay_expense_set_date (expense, &record.date);
      outlay_expense_set_category_id (expense, record.category_id);

      if (!outlay_store_add_expense (store, expense, NULL, error))
        return FALSE;

      result->rows++;
      result->sum += record.amount;
    }

  result->seconds = seconds_since (started);

  return TRUE;
}

static gboolean
run_bulk (OutlayStore  *store,
          guint64       n,
          Result       *result,
          GError      **error)
{
  OutlayBenchData data;
  gint64 started;

  outlay_bench_data_init (&data, n);
  started = g_get_monotonic_time ();

  if (!outlay_store_bulk_add_expenses (store, outlay_bench_data_next, &data, &result->rows,
                                       NULL, error))
    return FALSE;

  result->seconds = seconds_since (started);

  return TRUE;
}

static gboolean
count_expense (const OutlayExpenseRecord *record,
               gpointer                   user_data)
{
  Result *result = user_data;

  result->rows++;
  result->sum += record->amount;

  return TRUE;
}

static gboolean
run_list (OutlayStore  *store,
          guint64       n,
          Result       *result,
          GError      **error)
{
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  gint64 started;

  filter->min_amount = OUTLAY_BENCH_LIST_MIN_AMOUNT;
  filter->sort = OUTLAY_SORT_AMOUNT;
  filter->ascending = FALSE;

  started = g_get_monotonic_time ();

  if (!outlay_store_foreach_expense (store, filter, count_expense, result, NULL, error))
    return FALSE;

  result->seconds = seconds_since (started);

  return TRUE;
}

/* The fastest of OUTLAY_BENCH_QUERY_REPEATS runs, as psql is timed. */
static gboolean
run_totals_between (OutlayStore  *store,
                    const GDate  *start,
                    const GDate  *end,
                    Result       *result,
                    GError      **error)
{
  result->seconds = G_MAXDOUBLE;

  for (guint run = 0; run < OUTLAY_BENCH_QUERY_REPEATS; run++)
    {
      g_autoptr(GPtrArray) totals = NULL;
      gint64 started = g_get_monotonic_time ();

      totals = outlay_store_totals_by_category (store, start, end, NULL, error);
      if (totals == NULL)
        return FALSE;

      result->seconds = MIN (result->seconds, seconds_since (started));
      result->rows = 0;
      result->sum = 0;
      for (guint i = 0; i < totals->len; i++)
        {
          OutlayCategoryTotal *total = g_ptr_array_index (totals, i);

          result->rows += total->count;
          result->sum += total->total;
        }
    }

  return TRUE;
}

static gboolean
run_totals (OutlayStore  *store,
            guint64       n,
            Result       *result,
            GError      **error)
{
  return run_totals_between (store, NULL, NULL, result, error);
}

static gboolean
run_summary (OutlayStore  *store,
             guint64       n,
             Result       *result,
             GError      **error)
{
  GDate start, end;

  outlay_bench_summary_period (&start, &end);

  return run_totals_between (store, &start, &end, result, error);
}

/* Expense i was loaded with id i (the table starts empty, identity restarted). */
static gboolean
run_transfer (OutlayStore  *store,
              guint64       n,
              Result       *result,
              GError      **error)
{
  OutlayBenchData data;
  OutlayExpenseRecord record;
  gint64 started;

  outlay_bench_data_init (&data, n);
  started = g_get_monotonic_time ();

  while (outlay_bench_data_next (&record, &data))
    {
      gint64 id = (gint64) data.index;

      if (!outlay_store_transfer_expenses (store, &id, 1,
                                           outlay_bench_transfer_target (record.category_id),
                                           NULL, error))
        return FALSE;

      result->rows++;
    }

  result->seconds = seconds_since (started);

  return TRUE;
}

static const struct
{
  const char   *name;
  WorkloadFunc  func;
} workloads[] = {
  { "setup", run_setup },
  { "insert", run_insert },
  { "bulk", run_bulk },
  { "list", run_list },
  { "totals", run_totals },
  { "summary", run_summary },
  { "transfer", run_transfer },
};

static WorkloadFunc
find_workload (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (workloads); i++)
    {
      if (g_strcmp0 (workloads[i].name, name) == 0)
        return workloads[i].func;
    }

  return NULL;
}

int
outlay_bench_child_main (int    argc,
                         char **argv)
{
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Result result = { 0 };
  WorkloadFunc func;
  const char *dsn;
  guint64 n;

  dsn = g_getenv (OUTLAY_BENCH_DSN_ENV);
  func = argc == 2 ? find_workload (argv[0]) : NULL;
  if (func == NULL || dsn == NULL
      || !g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXINT64, &n, NULL))
    {
      g_printerr ("outlay-bench: internal use only: " OUTLAY_BENCH_CHILD_FLAG
                  " WORKLOAD N, with " OUTLAY_BENCH_DSN_ENV " set\n");
      return 2;
    }

  store = outlay_store_new (dsn, &error);
  /* Workloads measure the store's statements, not change notifications. */
  if (store != NULL)
    outlay_store_set_live_sync (store, FALSE);
  if (store == NULL
      || !outlay_store_open (store, NULL, &error)
      || !func (store, n, &result, &error))
    {
      g_printerr ("outlay-bench: %s: %s\n", argv[0], error->message);
      return 1;
    }

  g_print ("seconds=%.6f rows=%" G_GUINT64_FORMAT " sum=%" G_GINT64_FORMAT "\n",
           result.seconds, result.rows, result.sum);

  return 0;
}
