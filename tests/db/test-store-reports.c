/* test-store-reports.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-store-common.h"

/* Reports (totals by category, monthly totals, summaries) and the bulk paths:
 * streaming, COPY import, CSV export. */

static GDate
day (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  outlay_date_parse_iso (iso, &date, &error);
  g_assert_no_error (error);
  return date;
}

/* Food 10.00 + 20.00 and Travel 100.00 in 2025; Bills 5.00 on the last day
 * of 2024. */
static OutlayStore *
new_store_with_spending (char **out_dsn)
{
  OutlayStore *store = outlay_test_db_new_store (out_dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  g_autoptr(OutlayCategory) travel = add_category (store, "Travel");
  g_autoptr(OutlayCategory) bills = add_category (store, "Bills");

  g_object_unref (add_expense (store, outlay_category_get_id (food), "Lunch", 1000, "2025-01-05"));
  g_object_unref (add_expense (store, outlay_category_get_id (food), "Dinner", 2000, "2025-02-10"));
  g_object_unref (add_expense (store, outlay_category_get_id (travel), "Train", 10000,
                               "2025-02-01"));
  g_object_unref (add_expense (store, outlay_category_get_id (bills), "Phone", 500, "2024-12-31"));

  return store;
}

static void
assert_category_total (GPtrArray  *totals,
                       guint       index,
                       const char *name,
                       gint64      total,
                       gint64      count)
{
  OutlayCategoryTotal *t;

  g_assert_cmpuint (index, <, totals->len);
  t = g_ptr_array_index (totals, index);
  g_assert_cmpstr (t->name, ==, name);
  g_assert_cmpint (t->total, ==, total);
  g_assert_cmpint (t->count, ==, count);
}

static void
test_totals_by_category (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = new_store_with_spending (&dsn);
  GDate start = day ("2025-01-01");
  GDate end = day ("2025-02-28");
  GDate open;
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  totals = outlay_store_totals_by_category (store, &start, &end, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 2);
  assert_category_total (totals, 0, "Travel", 10000, 1);
  assert_category_total (totals, 1, "Food", 3000, 2);
  g_clear_pointer (&totals, g_ptr_array_unref);

  /* Open at either end; an invalid date is open too. */
  g_date_clear (&open, 1);
  totals = outlay_store_totals_by_category (store, &open, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 3);
  assert_category_total (totals, 2, "Bills", 500, 1);
  g_clear_pointer (&totals, g_ptr_array_unref);

  /* The end is inclusive. */
  end = day ("2025-01-05");
  outlay_store_totals_by_category_async (store, NULL, &end, NULL, store_result_cb, &result);
  wait_for_result (&result);
  totals = outlay_store_totals_by_category_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 2);
  assert_category_total (totals, 0, "Food", 1000, 1);
  assert_category_total (totals, 1, "Bills", 500, 1);

  /* The source spec's "sum of amounts grouped by category name", apart. */
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT (sum (e.amount) * 100)::int8 FROM"
                                               " outlay.expenses e"
                                               " JOIN outlay.categories c ON c.id = e.category_id"
                                               " WHERE c.name = 'Food'"),
                   ==, 3000);
}

static void
assert_month_total (GPtrArray  *totals,
                    guint       index,
                    int         year,
                    int         month,
                    const char *name,
                    gint64      total,
                    gint64      count)
{
  OutlayMonthTotal *t;

  g_assert_cmpuint (index, <, totals->len);
  t = g_ptr_array_index (totals, index);
  g_assert_cmpint (t->year, ==, year);
  g_assert_cmpint (t->month, ==, month);
  g_assert_cmpstr (t->name, ==, name);
  g_assert_cmpint (t->category_id == 0, ==, name == NULL);
  g_assert_cmpint (t->total, ==, total);
  g_assert_cmpint (t->count, ==, count);
}

static void
test_monthly_totals (void)
{
  g_autoptr(OutlayStore) store = new_store_with_spending (NULL);
  GDate start = day ("2025-01-01");
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  totals = outlay_store_monthly_totals (store, NULL, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 3);
  assert_month_total (totals, 0, 2024, 12, NULL, 500, 1);
  assert_month_total (totals, 1, 2025, 1, NULL, 1000, 1);
  assert_month_total (totals, 2, 2025, 2, NULL, 12000, 2);
  g_clear_pointer (&totals, g_ptr_array_unref);

  outlay_store_monthly_totals_async (store, &start, NULL, TRUE, NULL, store_result_cb, &result);
  wait_for_result (&result);
  totals = outlay_store_monthly_totals_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 3);
  assert_month_total (totals, 0, 2025, 1, "Food", 1000, 1);
  assert_month_total (totals, 1, 2025, 2, "Travel", 10000, 1);
  assert_month_total (totals, 2, 2025, 2, "Food", 2000, 1);
}

static void
test_summarize (void)
{
  g_autoptr(OutlayStore) store = new_store_with_spending (NULL);
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OutlaySummary summary = { -1, -1 };

  /* The source spec's summarize_spending(start, end). */
  filter->start = day ("2025-02-01");
  filter->end = day ("2025-02-28");
  g_assert_true (outlay_store_summarize (store, filter, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.count, ==, 2);
  g_assert_cmpint (summary.total, ==, 12000);

  /* Nothing matches: zero, not NULL. */
  g_free (filter->text);
  filter->text = g_strdup ("nothing like this");
  g_assert_true (outlay_store_summarize (store, filter, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.count, ==, 0);
  g_assert_cmpint (summary.total, ==, 0);

  outlay_store_summarize_async (store, NULL, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (outlay_store_summarize_finish (store, result, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.count, ==, 4);
  g_assert_cmpint (summary.total, ==, 13500);
}

/* --- Import and streaming ---------------------------------------------------- */

typedef struct
{
  guint        n;
  guint        total;
  gint64       category_id;
  guint        zero_amount_row;   /* 1-based; 0: none */
  guint        bad_category_row;
  gint64       bad_category;
  const char  *uuid;              /* every row's, when set */
} Source;

static const char * const tricky[] = {
  "Tab\there", "Line\nbreak", "Back\\slash", "\\N", "Comma, \"quoted\"", "中文 描述",
  "Carriage\rreturn",
};

static gboolean
source_cb (OutlayExpenseRecord *record,
           gpointer             user_data)
{
  Source *source = user_data;
  guint row;

  if (source->n == source->total)
    return FALSE;
  row = ++source->n;

  record->description = tricky[row % G_N_ELEMENTS (tricky)];
  record->note = row % 2 == 0 ? tricky[(row + 3) % G_N_ELEMENTS (tricky)] : NULL;
  record->amount = row == source->zero_amount_row ? 0 : 100 + row;
  g_date_set_dmy (&record->date, 1 + row % 28, 1 + row % 12, 2024);
  record->category_id = row == source->bad_category_row ? source->bad_category
                                                        : source->category_id;
  record->uuid = source->uuid;
  return TRUE;
}

static void
test_bulk_add (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  Source source = { 0, 10000, outlay_category_get_id (food) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  guint n_changed = 0;
  guint64 count = 0;

  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_cb), &n_changed);

  g_assert_true (outlay_store_bulk_add_expenses (store, source_cb, &source, &count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 10000);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT count (DISTINCT uuid) FROM"
                                               " outlay.expenses"), ==, 10000);
  g_assert_cmpint (outlay_test_db_query_int64 (dsn,
                                               "SELECT (sum (amount) * 100)::int8 FROM"
                                               " outlay.expenses"),
                   ==, 100 * 10000 + 10000 * 10001 / 2);
  drain_main_context ();
  g_assert_cmpuint (n_changed, ==, 1);

  /* Text that needs escaping comes back as it went in. */
  listed = outlay_store_list_expenses (store, NULL, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < listed->len; i++)
    {
      OutlayExpense *expense = g_ptr_array_index (listed, i);
      gint64 row = outlay_expense_get_amount (expense) - 100;

      g_assert_cmpstr (outlay_expense_get_description (expense), ==,
                       tricky[row % G_N_ELEMENTS (tricky)]);
      g_assert_cmpstr (outlay_expense_get_note (expense), ==,
                       row % 2 == 0 ? tricky[(row + 3) % G_N_ELEMENTS (tricky)] : NULL);
    }
}

static void
test_bulk_add_refused (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  Source bad_amount = { 0, 8000, outlay_category_get_id (food), 5000 };
  Source bad_category = { 0, 8000, outlay_category_get_id (food), 0, 7, 31337 };
  Source twice = { 0, 2, outlay_category_get_id (food), 0, 0, 0,
                   "6f1c2b1e-8a1f-4f7e-9d35-0c6c4b1a2f11" };
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  /* The first bad record stops the import and nothing is written, although
   * the rows before it had been sent. */
  g_assert_false (outlay_store_bulk_add_expenses (store, source_cb, &bad_amount, &count, NULL,
                                                  &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT);
  g_assert_true (g_str_has_prefix (error->message, "Row 5000: "));
  g_assert_cmpuint (bad_amount.n, ==, 5000);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 0);

  /* The database finds the missing category. */
  g_assert_false (outlay_store_bulk_add_expenses (store, source_cb, &bad_category, &count, NULL,
                                                  &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING);
  g_assert_nonnull (strstr (error->message, "#31337"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 0);

  /* The same uuid twice, and the row that repeats it named. */
  g_assert_false (outlay_store_bulk_add_expenses (store, source_cb, &twice, &count, NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE);
  g_assert_true (g_str_has_prefix (error->message, "Row 2: "));
  g_assert_cmpint (count_rows (dsn, "outlay.expenses"), ==, 0);
}

typedef struct
{
  GString *ids;
  guint    n;
  guint    stop_after;
} Collector;

static gboolean
collect_cb (const OutlayExpenseRecord *record,
            gpointer                   user_data)
{
  Collector *collector = user_data;

  g_assert_true (g_date_valid (&record->date));
  g_assert_nonnull (record->uuid);
  g_assert_cmpstr (record->category_name, ==, "Food");
  g_string_append_printf (collector->ids, "%s%" G_GINT64_FORMAT, collector->n > 0 ? "," : "",
                          record->id);
  return ++collector->n != collector->stop_after;
}

static void
test_foreach (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = add_category (store, "Food");
  Source source = { 0, 25000, outlay_category_get_id (food) };
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autoptr(GString) ids = g_string_new (NULL);
  Collector collector = { ids, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  outlay_store_bulk_add_expenses (store, source_cb, &source, NULL, NULL, &error);
  g_assert_no_error (error);

  /* More rows than one batch, in the filter's order. */
  filter->sort = OUTLAY_SORT_AMOUNT;
  filter->ascending = TRUE;
  g_assert_true (outlay_store_foreach_expense (store, filter, collect_cb, &collector, NULL,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collector.n, ==, 25000);
  expected = outlay_test_db_query_value (dsn,
                                         "SELECT string_agg (id::text, ',' ORDER BY amount, id)"
                                              " FROM outlay.expenses");
  g_assert_cmpstr (ids->str, ==, expected);

  /* Stopping early is not an error. */
  g_string_truncate (ids, 0);
  collector.n = 0;
  collector.stop_after = 5;
  g_assert_true (outlay_store_foreach_expense (store, NULL, collect_cb, &collector, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collector.n, ==, 5);
}

/* --- CSV export ------------------------------------------------------------------ */

/* RFC 4180, as a spreadsheet reads it: rows of fields. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      else
        {
          size_t n = strcspn (p, ",\r\n");

          g_string_append_len (field, p, n);
          p += n;
        }

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        {
          p++;
          continue;
        }

      g_assert_true (g_str_has_prefix (p, "\r\n"));
      p += 2;
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
    }

  return rows;
}

static void
assert_csv_row (GPtrArray  *rows,
                guint       index,
                const char *expected[5])
{
  char **row;

  g_assert_cmpuint (index, <, rows->len);
  row = g_ptr_array_index (rows, index);
  g_assert_cmpuint (g_strv_length (row), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (row[i], ==, expected[i]);
}

static void
test_export_csv (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) odd = add_category (store, "Food, \"fine\"");
  g_autoptr(OutlayExpense) a = make_expense (outlay_category_get_id (odd), "Dinner, with \"Bob\"",
                                             123456,
                                             "2025-03-31");
  g_autoptr(OutlayExpense) b = make_expense (outlay_category_get_id (odd), "午饭", 5, "2025-03-30");
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) again = g_memory_output_stream_new_resizable ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *header[] = { "date", "description", "amount", "category", "note" };
  const char *first[] = {
    "2025-03-31", "Dinner, with \"Bob\"", "1234.56", "Food, \"fine\"", "Line one\r\nline two"
  };
  const char *second[] = { "2025-03-30", "午饭", "0.05", "Food, \"fine\"", "" };

  outlay_expense_set_note (a, "Line one\r\nline two");
  outlay_store_add_expense (store, a, NULL, &error);
  g_assert_no_error (error);
  outlay_store_add_expense (store, b, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (outlay_store_export_csv (store, NULL, stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (stream, "", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));

  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_csv_row (rows, 0, header);
  assert_csv_row (rows, 1, first);
  assert_csv_row (rows, 2, second);

  /* The same through a worker thread. */
  outlay_store_export_csv_async (store, NULL, again, NULL, store_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (outlay_store_export_csv_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (again)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (again)),
                   text, strlen (text));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/store/reports/totals-by-category", test_totals_by_category);
  g_test_add_func ("/outlay/store/reports/monthly-totals", test_monthly_totals);
  g_test_add_func ("/outlay/store/reports/summarize", test_summarize);
  g_test_add_func ("/outlay/store/io/bulk-add", test_bulk_add);
  g_test_add_func ("/outlay/store/io/bulk-add-refused", test_bulk_add_refused);
  g_test_add_func ("/outlay/store/io/foreach", test_foreach);
  g_test_add_func ("/outlay/store/io/export-csv", test_export_csv);

  return g_test_run ();
}
