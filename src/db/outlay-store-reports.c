/* outlay-store-reports.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-store-private.h"

/* Reports: each is one statement that groups on the server, so only the
 * totals travel. */

typedef struct
{
  OutlayExpenseFilter *filter;
  OutlaySummary        summary;
} SummarizeData;

typedef struct
{
  OutlayExpenseFilter *period;        /* start and end only */
  gboolean             by_category;
  GPtrArray           *result;
} TotalsData;

static SummarizeData *
summarize_data_new (const OutlayExpenseFilter *filter)
{
  SummarizeData *data = g_new0 (SummarizeData, 1);

  data->filter = filter != NULL ? outlay_expense_filter_copy (filter)
                                 : outlay_expense_filter_new ();
  return data;
}

static void
summarize_data_free (gpointer p)
{
  SummarizeData *data = p;

  g_clear_pointer (&data->filter, outlay_expense_filter_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SummarizeData, summarize_data_free)

static TotalsData *
totals_data_new (const GDate *start,
                 const GDate *end,
                 gboolean     by_category)
{
  TotalsData *data = g_new0 (TotalsData, 1);

  /* A period is a filter on dates alone. */
  data->period = outlay_expense_filter_new ();
  if (start != NULL && g_date_valid (start))
    data->period->start = *start;
  if (end != NULL && g_date_valid (end))
    data->period->end = *end;
  data->by_category = by_category;
  return data;
}

static void
totals_data_free (gpointer p)
{
  TotalsData *data = p;

  g_clear_pointer (&data->period, outlay_expense_filter_free);
  g_clear_pointer (&data->result, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TotalsData, totals_data_free)

static void
category_total_free_cb (gpointer p)
{
  outlay_category_total_free (p);
}

static void
month_total_free_cb (gpointer p)
{
  outlay_month_total_free (p);
}

/* --- Operations ------------------------------------------------------------------ */

typedef gpointer (*ReadTotalFunc) (PGresult *result,
                                   int       row);

/* Runs @query and keeps what @read_total makes of each row as @data's result. */
static gboolean
collect_totals (OutlayStoreQuery  *query,
                PGconn            *conn,
                TotalsData        *data,
                ReadTotalFunc      read_total,
                GDestroyNotify     free_total,
                GError           **error)
{
  PGresult *result;
  int n_rows;

  result = outlay_store_query_exec_in_transaction (query, conn, error);
  if (result == NULL)
    return FALSE;

  n_rows = PQntuples (result);
  g_clear_pointer (&data->result, g_ptr_array_unref);
  data->result = g_ptr_array_new_full (n_rows, free_total);

  for (int i = 0; i < n_rows; i++)
    g_ptr_array_add (data->result, read_total (result, i));

  PQclear (result);
  return TRUE;
}

static gboolean
op_summarize (PGconn        *conn,
              gpointer       p,
              GCancellable  *cancellable,
              GError       **error)
{
  SummarizeData *data = p;
  g_auto(OutlayStoreQuery) query = { 0 };
  PGresult *result;

  outlay_store_query_init (&query,
                           "SELECT count (*), coalesce (sum (e.amount), 0) FROM outlay.expenses e");
  outlay_store_query_add_filter (&query, data->filter);

  result = outlay_store_query_exec_in_transaction (&query, conn, error);
  if (result == NULL)
    return FALSE;

  data->summary.count = outlay_store_get_int64 (result, 0, 0);
  data->summary.total = outlay_store_get_money (result, 0, 1);
  PQclear (result);
  return TRUE;
}

static const OutlayStoreOp summarize_op = {
  op_summarize, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_OWN_TRANSACTION
};

static gpointer
read_category_total (PGresult *result,
                     int       i)
{
  OutlayCategoryTotal *total = g_new0 (OutlayCategoryTotal, 1);

  total->category_id = outlay_store_get_int64 (result, i, 0);
  total->name = g_strdup (PQgetvalue (result, i, 1));
  total->color = g_strdup (outlay_store_get_text (result, i, 2));
  total->budget = outlay_store_get_money (result, i, 3);
  total->total = outlay_store_get_money (result, i, 4);
  total->count = outlay_store_get_int64 (result, i, 5);
  return total;
}

static gboolean
op_totals_by_category (PGconn        *conn,
                       gpointer       p,
                       GCancellable  *cancellable,
                       GError       **error)
{
  TotalsData *data = p;
  g_auto(OutlayStoreQuery) query = { 0 };

  outlay_store_query_init (&query,
                           "SELECT c.id, c.name, c.color, c.monthly_budget, t.total, t.n"
                           "  FROM (SELECT e.category_id, sum (e.amount) AS total, count (*) AS n"
                           "          FROM outlay.expenses e");
  outlay_store_query_add_filter (&query, data->period);
  g_string_append (query.sql,
                   "         GROUP BY e.category_id) t"
                   "  JOIN outlay.categories c ON c.id = t.category_id"
                   " ORDER BY t.total DESC, lower (c.name)");

  return collect_totals (&query, conn, data, read_category_total, category_total_free_cb, error);
}

static const OutlayStoreOp totals_by_category_op = {
  op_totals_by_category, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_OWN_TRANSACTION
};

static gpointer
read_month_total (PGresult *result,
                  int       i)
{
  OutlayMonthTotal *total = g_new0 (OutlayMonthTotal, 1);

  total->year = (int) outlay_store_get_int64 (result, i, 0);
  total->month = (int) outlay_store_get_int64 (result, i, 1);
  total->category_id = PQgetisnull (result, i, 2) ? 0 : outlay_store_get_int64 (result, i, 2);
  total->name = g_strdup (outlay_store_get_text (result, i, 3));
  total->total = outlay_store_get_money (result, i, 4);
  total->count = outlay_store_get_int64 (result, i, 5);
  return total;
}

static gboolean
op_monthly_totals (PGconn        *conn,
                   gpointer       p,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TotalsData *data = p;
  g_auto(OutlayStoreQuery) query = { 0 };
  guint n;

  /* Not split by category, every row's category is NULL: one group a month. */
  outlay_store_query_init (&query, NULL);
  n = outlay_store_query_add_param (&query, g_strdup (data->by_category ? "true" : "false"));
  g_string_append_printf (query.sql,
                          "SELECT t.y, t.m, t.category_id, c.name, t.total, t.n"
                          "  FROM (SELECT extract (year FROM e.spent_on)::int AS y,"
                          "               extract (month FROM e.spent_on)::int AS m,"
                          "               CASE WHEN $%u::bool THEN e.category_id END"
                          "                 AS category_id,"
                          "               sum (e.amount) AS total, count (*) AS n"
                          "          FROM outlay.expenses e", n);
  outlay_store_query_add_filter (&query, data->period);
  g_string_append (query.sql,
                   "         GROUP BY 1, 2, 3) t"
                   "  LEFT JOIN outlay.categories c ON c.id = t.category_id"
                   " ORDER BY t.y, t.m, t.total DESC, lower (c.name)");

  return collect_totals (&query, conn, data, read_month_total, month_total_free_cb, error);
}

static const OutlayStoreOp monthly_totals_op = {
  op_monthly_totals, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_OWN_TRANSACTION
};

/* --- Public API --------------------------------------------------------------------- */

void
outlay_category_total_free (OutlayCategoryTotal *total)
{
  if (total == NULL)
    return;

  g_free (total->name);
  g_free (total->color);
  g_free (total);
}

void
outlay_month_total_free (OutlayMonthTotal *total)
{
  if (total == NULL)
    return;

  g_free (total->name);
  g_free (total);
}

gboolean
outlay_store_summarize (OutlayStore               *self,
                        const OutlayExpenseFilter *filter,
                        OutlaySummary             *out_summary,
                        GCancellable              *cancellable,
                        GError                   **error)
{
  g_autoptr(SummarizeData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_summary != NULL, FALSE);

  data = summarize_data_new (filter);
  if (!outlay_store_run (self, &summarize_op, data, cancellable, error))
    return FALSE;

  *out_summary = data->summary;
  return TRUE;
}

void
outlay_store_summarize_async (OutlayStore               *self,
                              const OutlayExpenseFilter *filter,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  outlay_store_run_async (self, &summarize_op, summarize_data_new (filter), summarize_data_free,
                          outlay_store_summarize_async, cancellable, callback, user_data);
}

gboolean
outlay_store_summarize_finish (OutlayStore    *self,
                               GAsyncResult   *result,
                               OutlaySummary  *out_summary,
                               GError        **error)
{
  SummarizeData *data;

  g_return_val_if_fail (out_summary != NULL, FALSE);

  if (!outlay_store_run_finish (self, result, outlay_store_summarize_async,
                                (gpointer *) &data, error))
    return FALSE;

  *out_summary = data->summary;
  return TRUE;
}

GPtrArray *
outlay_store_totals_by_category (OutlayStore   *self,
                                 const GDate   *start,
                                 const GDate   *end,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(TotalsData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  data = totals_data_new (start, end, TRUE);
  if (!outlay_store_run (self, &totals_by_category_op, data, cancellable, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

void
outlay_store_totals_by_category_async (OutlayStore         *self,
                                       const GDate         *start,
                                       const GDate         *end,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  outlay_store_run_async (self, &totals_by_category_op, totals_data_new (start, end, TRUE),
                          totals_data_free, outlay_store_totals_by_category_async,
                          cancellable, callback, user_data);
}

GPtrArray *
outlay_store_totals_by_category_finish (OutlayStore   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  TotalsData *data;

  if (!outlay_store_run_finish (self, result, outlay_store_totals_by_category_async,
                                (gpointer *) &data, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

GPtrArray *
outlay_store_monthly_totals (OutlayStore   *self,
                             const GDate   *start,
                             const GDate   *end,
                             gboolean       by_category,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(TotalsData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  data = totals_data_new (start, end, by_category);
  if (!outlay_store_run (self, &monthly_totals_op, data, cancellable, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

void
outlay_store_monthly_totals_async (OutlayStore         *self,
                                   const GDate         *start,
                                   const GDate         *end,
                                   gboolean             by_category,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  outlay_store_run_async (self, &monthly_totals_op, totals_data_new (start, end, by_category),
                          totals_data_free, outlay_store_monthly_totals_async,
                          cancellable, callback, user_data);
}

GPtrArray *
outlay_store_monthly_totals_finish (OutlayStore   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  TotalsData *data;

  if (!outlay_store_run_finish (self, result, outlay_store_monthly_totals_async,
                                (gpointer *) &data, error))
    return NULL;

  return g_steal_pointer (&data->result);
}
