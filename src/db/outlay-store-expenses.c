/* outlay-store-expenses.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-db-error.h"
#include "outlay-db-exec.h"
#include "outlay-store-private.h"

/* Expenses: writes, reads, listing (by keyset or by offset) and the filter
 * every listing, summary and export shares. */

/* An expense going in, and what the database made of it. */
typedef struct
{
  OutlayExpense *target;      /* the caller's, updated in the caller's thread */
  OutlayExpense *input;       /* what the worker reads: @target when sync, a copy when async */
  gint64         id;
  int            version;
  GDateTime     *created_at;
  GDateTime     *updated_at;
} ExpenseData;

/* Get and patch by id. */
typedef struct
{
  gint64         id;
  gint64         amount;      /* patch: 0 leaves it */
  char          *description; /* patch: NULL leaves it */
  OutlayExpense *result;
} ExpenseByIdData;

typedef struct
{
  GArray        *ids;         /* gint64, sorted, distinct */
  gint64         category_id;
  GPtrArray     *expenses;    /* deleted or to restore */
} ExpensesData;

/* A keyset page (after a row) or a page at an offset. */
typedef struct
{
  OutlayExpenseFilter *filter;
  gboolean             has_after;
  gint64               after_id;
  char                *after_key;  /* the sort column's value of the last row seen */
  guint64              offset;
  guint                limit;
  GPtrArray           *result;
} ListData;

typedef struct
{
  char      *prefix;
  guint      limit;
  GPtrArray *result;
} SuggestData;

#define EXPENSE_STAMP_COLUMNS \
  "id, version, " OUTLAY_STORE_USEC ("created_at") ", " OUTLAY_STORE_USEC ("updated_at")

G_DEFINE_BOXED_TYPE (OutlayExpenseFilter, outlay_expense_filter,
                     outlay_expense_filter_copy, outlay_expense_filter_free)

static ExpenseData *
expense_data_new (OutlayExpense *expense,
                  gboolean       copy)
{
  ExpenseData *data = g_new0 (ExpenseData, 1);

  data->target = g_object_ref (expense);
  data->input = copy ? outlay_expense_copy (expense) : g_object_ref (expense);
  return data;
}

static void
expense_data_free (gpointer p)
{
  ExpenseData *data = p;

  g_clear_object (&data->target);
  g_clear_object (&data->input);
  g_clear_pointer (&data->created_at, g_date_time_unref);
  g_clear_pointer (&data->updated_at, g_date_time_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExpenseData, expense_data_free)

/* What the database set, onto the caller's expense. */
static void
expense_data_apply (ExpenseData *data)
{
  if (data->id != 0)
    outlay_expense_set_id (data->target, data->id);
  if (data->created_at != NULL)
    outlay_expense_set_created_at (data->target, data->created_at);
  outlay_expense_set_updated_at (data->target, data->updated_at);
  outlay_expense_set_version (data->target, data->version);
}

/* Reads EXPENSE_STAMP_COLUMNS. */
static void
expense_data_set_stamp (ExpenseData *data,
                        PGresult    *result)
{
  data->id = outlay_store_get_int64 (result, 0, 0);
  data->version = (int) outlay_store_get_int64 (result, 0, 1);
  g_clear_pointer (&data->created_at, g_date_time_unref);
  data->created_at = outlay_store_get_date_time (result, 0, 2);
  g_clear_pointer (&data->updated_at, g_date_time_unref);
  data->updated_at = outlay_store_get_date_time (result, 0, 3);
}

static ExpenseByIdData *
expense_by_id_data_new (gint64      id,
                        gint64      amount,
                        const char *description)
{
  ExpenseByIdData *data = g_new0 (ExpenseByIdData, 1);

  data->id = id;
  data->amount = amount;
  data->description = g_strdup (description);
  return data;
}

static void
expense_by_id_data_free (gpointer p)
{
  ExpenseByIdData *data = p;

  g_free (data->description);
  g_clear_object (&data->result);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExpenseByIdData, expense_by_id_data_free)

static ExpensesData *
expenses_data_new (const gint64 *ids,
                   guint         n_ids,
                   gint64        category_id)
{
  ExpensesData *data = g_new0 (ExpensesData, 1);

  data->ids = outlay_store_distinct_ids (ids, n_ids);
  data->category_id = category_id;
  return data;
}

static void
expenses_data_free (gpointer p)
{
  ExpensesData *data = p;

  g_clear_pointer (&data->ids, g_array_unref);
  g_clear_pointer (&data->expenses, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExpensesData, expenses_data_free)

static void
list_data_free (gpointer p)
{
  ListData *data = p;

  g_clear_pointer (&data->filter, outlay_expense_filter_free);
  g_free (data->after_key);
  g_clear_pointer (&data->result, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListData, list_data_free)

static void
suggest_data_free (gpointer p)
{
  SuggestData *data = p;

  g_free (data->prefix);
  g_clear_pointer (&data->result, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuggestData, suggest_data_free)

/* Names @category_id when the failure was a missing category. */
static gboolean
fail_category_missing (GError **error,
                       gint64   category_id)
{
  if (g_error_matches (*error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING))
    outlay_store_set_category_missing (error, category_id);
  return FALSE;
}

/* --- Filters and order -------------------------------------------------------- */

/* "%text%" for LIKE with '!' escaping, so "50%" matches only "50%". */
static char *
make_like_pattern (const char *text,
                   gboolean    prefix_only)
{
  GString *pattern = g_string_new (prefix_only ? NULL : "%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '!')
        g_string_append_c (pattern, '!');
      g_string_append_c (pattern, *p);
    }

  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

void
outlay_store_query_add_filter (OutlayStoreQuery          *query,
                               const OutlayExpenseFilter *filter)
{
  if (filter == NULL)
    return;

  if (filter->category_id > 0)
    {
      guint n = outlay_store_query_add_param (query, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                                      filter->category_id));

      outlay_store_query_begin_condition (query);
      g_string_append_printf (query->sql, "e.category_id = $%u::int8", n);
    }

  if (g_date_valid (&filter->start))
    {
      guint n = outlay_store_query_add_param (query, outlay_date_to_iso (&filter->start));

      outlay_store_query_begin_condition (query);
      g_string_append_printf (query->sql, "e.spent_on >= $%u::date", n);
    }

  if (g_date_valid (&filter->end))
    {
      guint n = outlay_store_query_add_param (query, outlay_date_to_iso (&filter->end));

      outlay_store_query_begin_condition (query);
      g_string_append_printf (query->sql, "e.spent_on <= $%u::date", n);
    }

  if (filter->min_amount > 0)
    {
      guint n = outlay_store_query_add_param (query, outlay_money_to_decimal (filter->min_amount));

      outlay_store_query_begin_condition (query);
      g_string_append_printf (query->sql, "e.amount >= $%u::numeric", n);
    }

  if (filter->max_amount > 0)
    {
      guint n = outlay_store_query_add_param (query, outlay_money_to_decimal (filter->max_amount));

      outlay_store_query_begin_condition (query);
      g_string_append_printf (query->sql, "e.amount <= $%u::numeric", n);
    }

  if (filter->text != NULL && filter->text[0] != '\0')
    {
      guint n = outlay_store_query_add_param (query, make_like_pattern (filter->text, FALSE));

      outlay_store_query_begin_condition (query);
      g_string_append_printf (query->sql,
                              "(e.description ILIKE $%u ESCAPE '!' OR e.note ILIKE $%u ESCAPE '!')",
                              n, n);
    }
}

static const char *
get_sort_column (OutlaySortKey sort)
{
  switch (sort)
    {
    case OUTLAY_SORT_AMOUNT:
      return "e.amount";
    case OUTLAY_SORT_DESCRIPTION:
      return "e.description";
    case OUTLAY_SORT_CATEGORY:
      return "c.name";
    case OUTLAY_SORT_DATE:
    default:
      return "e.spent_on";
    }
}

void
outlay_store_query_add_order (OutlayStoreQuery          *query,
                              const OutlayExpenseFilter *filter)
{
  OutlaySortKey sort = filter != NULL ? filter->sort : OUTLAY_SORT_DATE;
  const char *direction = filter != NULL && filter->ascending ? "ASC" : "DESC";

  g_string_append_printf (query->sql, " ORDER BY %s %s, e.id %s",
                          get_sort_column (sort), direction, direction);
}

/* The keyset: rows after (@key, @id) in the filter's order. A category sort
 * names the category by id, so the name is the stored one. */
static void
add_keyset_condition (OutlayStoreQuery          *query,
                      const OutlayExpenseFilter *filter,
                      const char                *key,
                      gint64                     id)
{
  guint nk = outlay_store_query_add_param (query, g_strdup (key));
  guint ni = outlay_store_query_add_param (query, g_strdup_printf ("%" G_GINT64_FORMAT, id));
  const char *op = filter->ascending ? ">" : "<";

  outlay_store_query_begin_condition (query);

  switch (filter->sort)
    {
    case OUTLAY_SORT_AMOUNT:
      g_string_append_printf (query->sql, "(e.amount, e.id) %s ($%u::numeric, $%u::int8)",
                              op, nk, ni);
      break;
    case OUTLAY_SORT_DESCRIPTION:
      g_string_append_printf (query->sql, "(e.description, e.id) %s ($%u::text, $%u::int8)",
                              op, nk, ni);
      break;
    case OUTLAY_SORT_CATEGORY:
      g_string_append_printf (query->sql,
                              "(c.name, e.id) %s"
                              " ((SELECT name FROM outlay.categories WHERE id = $%u::int8),"
                              "  $%u::int8)",
                              op, nk, ni);
      break;
    case OUTLAY_SORT_DATE:
    default:
      g_string_append_printf (query->sql, "(e.spent_on, e.id) %s ($%u::date, $%u::int8)",
                              op, nk, ni);
      break;
    }
}

/* The rows from the one @offset rows into the filter's order on. That row is
 * found by a subquery (with its own WHERE, the filter's parameters again)
 * over the sort key and id alone, which an index-only scan answers where an
 * index has the order: a plain OFFSET fetches and joins every row it skips,
 * some fifteen times slower on a million expenses. Past the end the subquery
 * is NULL, and so no row matches. */
static void
add_offset_condition (OutlayStoreQuery          *query,
                      const OutlayExpenseFilter *filter,
                      guint64                    offset)
{
  const char *column = get_sort_column (filter->sort);
  guint n_conditions;
  guint n;

  outlay_store_query_begin_condition (query);
  g_string_append_printf (query->sql, "(%s, e.id) %s= (SELECT %s, e.id FROM outlay.expenses e%s",
                          column, filter->ascending ? ">" : "<", column,
                          filter->sort == OUTLAY_SORT_CATEGORY
                          ? " JOIN outlay.categories c ON c.id = e.category_id" : "");

  n_conditions = query->n_conditions;
  query->n_conditions = 0;
  outlay_store_query_add_filter (query, filter);
  query->n_conditions = n_conditions;

  outlay_store_query_add_order (query, filter);
  n = outlay_store_query_add_param (query, g_strdup_printf ("%" G_GUINT64_FORMAT, offset));
  g_string_append_printf (query->sql, " OFFSET $%u LIMIT 1)", n);
}

/* @after's value of the sort column, as the keyset parameter. */
static char *
get_keyset_key (OutlayExpense *after,
                OutlaySortKey  sort)
{
  switch (sort)
    {
    case OUTLAY_SORT_AMOUNT:
      return outlay_money_to_decimal (outlay_expense_get_amount (after));
    case OUTLAY_SORT_DESCRIPTION:
      return g_strdup (outlay_expense_get_description (after));
    case OUTLAY_SORT_CATEGORY:
      return g_strdup_printf ("%" G_GINT64_FORMAT, outlay_expense_get_category_id (after));
    case OUTLAY_SORT_DATE:
    default:
      return outlay_date_to_iso (outlay_expense_get_date (after));
    }
}

/* --- Operations ----------------------------------------------------------------- */

static gboolean
check_expense (gpointer   p,
               GError   **error)
{
  ExpenseData *data = p;

  return outlay_expense_validate (data->input, error);
}

#define ADD_EXPENSE_SQL \
  "INSERT INTO outlay.expenses" \
  " (uuid, description, amount, spent_on, category_id, note)" \
  " VALUES ($1, $2, $3, $4, $5, $6)" \
  " ON CONFLICT (uuid) DO NOTHING" \
  " RETURNING " EXPENSE_STAMP_COLUMNS

#define ADD_EXPENSE_READ_SQL \
  "SELECT " EXPENSE_STAMP_COLUMNS \
  " FROM outlay.expenses WHERE uuid = $1"

static gboolean
op_add_expense (PGconn        *conn,
                gpointer       p,
                GCancellable  *cancellable,
                GError       **error)
{
  ExpenseData *data = p;
  OutlayExpense *expense = data->input;
  g_autofree char *amount = outlay_money_to_decimal (outlay_expense_get_amount (expense));
  g_autofree char *date = outlay_date_to_iso (outlay_expense_get_date (expense));
  g_autofree char *category_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  outlay_expense_get_category_id (expense));
  const char *params[] = {
    outlay_expense_get_uuid (expense),
    outlay_expense_get_description (expense),
    amount,
    date,
    category_id,
    outlay_expense_get_note (expense),
  };
  PGresult *result;

  /* A retry after a lost connection may find the row already there: the uuid
   * tells, and the stored row is read back instead. */
  result = outlay_store_exec_in_transaction (conn, ADD_EXPENSE_SQL,
                                             G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return fail_category_missing (error, outlay_expense_get_category_id (expense));

  if (PQntuples (result) == 0)
    {
      PQclear (result);
      result = outlay_store_exec_in_transaction (conn, ADD_EXPENSE_READ_SQL, 1, params, error);
      if (result == NULL)
        return FALSE;
    }

  if (PQntuples (result) == 0)
    {
      /* Deleted between the two statements: try again from the start. */
      PQclear (result);
      g_set_error_literal (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERIALIZATION,
                           _("The expense changed while it was being saved"));
      return FALSE;
    }

  expense_data_set_stamp (data, result);
  PQclear (result);
  return TRUE;
}

static const OutlayStoreOp add_expense_op = {
  op_add_expense, check_expense, OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_OWN_TRANSACTION
};

#define GET_EXPENSE_SQL \
  "SELECT " OUTLAY_STORE_EXPENSE_COLUMNS \
  " FROM outlay.expenses e" \
  " JOIN outlay.categories c ON c.id = e.category_id" \
  " WHERE e.id = $1"

static gboolean
op_get_expense (PGconn        *conn,
                gpointer       p,
                GCancellable  *cancellable,
                GError       **error)
{
  ExpenseByIdData *data = p;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, data->id);
  const char *params[] = { id };
  PGresult *result;

  result = outlay_store_exec_in_transaction (conn, GET_EXPENSE_SQL,
                                             G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  g_clear_object (&data->result);
  if (PQntuples (result) == 1)
    data->result = outlay_store_expense_from_row (result, 0);
  PQclear (result);

  if (data->result == NULL)
    {
      outlay_store_set_expense_missing (error, data->id);
      return FALSE;
    }

  return TRUE;
}

static const OutlayStoreOp get_expense_op = {
  op_get_expense, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_OWN_TRANSACTION
};

#define UPDATE_EXPENSE_SQL \
  "WITH updated AS (" \
  "  UPDATE outlay.expenses" \
  "     SET description = $3, amount = $4, spent_on = $5," \
  "         category_id = $6, note = $7, " OUTLAY_STORE_BUMP_VERSION \
  "   WHERE id = $1 AND version = $2" \
  "  RETURNING version, updated_at)" \
  " SELECT u.version, " OUTLAY_STORE_USEC ("u.updated_at") "," \
  "        EXISTS (SELECT FROM outlay.expenses WHERE id = $1)" \
  "   FROM (VALUES (1)) AS one LEFT JOIN updated u ON true"

static gboolean
op_update_expense (PGconn        *conn,
                   gpointer       p,
                   GCancellable  *cancellable,
                   GError       **error)
{
  ExpenseData *data = p;
  OutlayExpense *expense = data->input;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, outlay_expense_get_id (expense));
  g_autofree char *version = g_strdup_printf ("%d", outlay_expense_get_version (expense));
  g_autofree char *amount = outlay_money_to_decimal (outlay_expense_get_amount (expense));
  g_autofree char *date = outlay_date_to_iso (outlay_expense_get_date (expense));
  g_autofree char *category_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  outlay_expense_get_category_id (expense));
  const char *params[] = {
    id,
    version,
    outlay_expense_get_description (expense),
    amount,
    date,
    category_id,
    outlay_expense_get_note (expense),
  };
  PGresult *result;
  gboolean exists;

  /* One row whatever happened: the new version, or NULL and whether the
   * expense is still there (changed elsewhere) or gone. */
  result = outlay_store_exec_in_transaction (conn, UPDATE_EXPENSE_SQL,
                                             G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return fail_category_missing (error, outlay_expense_get_category_id (expense));

  if (!PQgetisnull (result, 0, 0))
    {
      data->version = (int) outlay_store_get_int64 (result, 0, 0);
      g_clear_pointer (&data->updated_at, g_date_time_unref);
      data->updated_at = outlay_store_get_date_time (result, 0, 1);
      PQclear (result);
      return TRUE;
    }

  exists = PQgetvalue (result, 0, 2)[0] == 't';
  PQclear (result);

  if (exists)
    g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_CONFLICT,
                         _("This expense was changed elsewhere. "
                           "Reload it to see the latest version."));
  else
    outlay_store_set_expense_missing (error, outlay_expense_get_id (expense));

  return FALSE;
}

static gboolean
check_update_expense (gpointer   p,
                      GError   **error)
{
  ExpenseData *data = p;

  if (outlay_expense_get_id (data->input) <= 0)
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                           _("This expense has not been saved yet"));
      return FALSE;
    }

  return check_expense (data, error);
}

static const OutlayStoreOp update_expense_op = {
  op_update_expense, check_update_expense, OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_OWN_TRANSACTION
};

static gboolean
check_patch_expense (gpointer   p,
                     GError   **error)
{
  ExpenseByIdData *data = p;

  if (data->amount == 0 && data->description == NULL)
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                           _("Give a new amount or a new description"));
      return FALSE;
    }

  return (data->amount == 0 || outlay_money_validate (data->amount, error)) &&
         (data->description == NULL || outlay_validate_description (data->description, error));
}

#define PATCH_EXPENSE_SQL \
  "WITH e AS (" \
  "  UPDATE outlay.expenses" \
  "     SET amount = coalesce ($2::numeric, amount)," \
  "         description = coalesce ($3, description)," \
  "         " OUTLAY_STORE_BUMP_VERSION \
  "   WHERE id = $1" \
  "  RETURNING *)" \
  " SELECT " OUTLAY_STORE_EXPENSE_COLUMNS \
  " FROM e JOIN outlay.categories c ON c.id = e.category_id"

static gboolean
op_patch_expense (PGconn        *conn,
                  gpointer       p,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ExpenseByIdData *data = p;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, data->id);
  g_autofree char *amount = data->amount != 0 ? outlay_money_to_decimal (data->amount) : NULL;
  const char *params[] = { id, amount, data->description };
  PGresult *result;

  result = outlay_store_exec_in_transaction (conn, PATCH_EXPENSE_SQL,
                                             G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  g_clear_object (&data->result);
  if (PQntuples (result) == 1)
    data->result = outlay_store_expense_from_row (result, 0);
  PQclear (result);

  if (data->result == NULL)
    {
      outlay_store_set_expense_missing (error, data->id);
      return FALSE;
    }

  return TRUE;
}

static const OutlayStoreOp patch_expense_op = {
  op_patch_expense, check_patch_expense, OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_OWN_TRANSACTION
};

/* The first of @data's ids that @found (sorted ids) lacks. */
static gint64
find_missing_id (ExpensesData *data,
                 GArray       *found)
{
  guint j = 0;

  for (guint i = 0; i < data->ids->len; i++)
    {
      gint64 id = g_array_index (data->ids, gint64, i);

      while (j < found->len && g_array_index (found, gint64, j) < id)
        j++;
      if (j == found->len || g_array_index (found, gint64, j) != id)
        return id;
    }

  g_assert_not_reached ();
}

#define DELETE_EXPENSES_SQL \
  "WITH e AS (" \
  "  DELETE FROM outlay.expenses WHERE id = ANY ($1::int8[]) RETURNING *)" \
  " SELECT " OUTLAY_STORE_EXPENSE_COLUMNS \
  " FROM e JOIN outlay.categories c ON c.id = e.category_id" \
  " ORDER BY e.id"

static gboolean
op_delete_expenses (PGconn        *conn,
                    gpointer       p,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ExpensesData *data = p;
  g_autofree char *ids = outlay_store_format_id_array ((const gint64 *) (gpointer) data->ids->data,
                                                       data->ids->len);
  const char *params[] = { ids };
  PGresult *result;

  result = outlay_store_exec_after_begin (conn, DELETE_EXPENSES_SQL,
                                          G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  g_clear_pointer (&data->expenses, g_ptr_array_unref);
  data->expenses = outlay_store_expenses_from_result (result);
  PQclear (result);

  /* All or nothing: when one is missing, the runner rolls back. */
  if (data->expenses->len < data->ids->len)
    {
      g_autoptr(GArray) found = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                                   data->expenses->len);

      for (guint i = 0; i < data->expenses->len; i++)
        {
          gint64 id = outlay_expense_get_id (g_ptr_array_index (data->expenses, i));

          g_array_append_val (found, id);
        }

      outlay_store_set_expense_missing (error, find_missing_id (data, found));
      return FALSE;
    }

  return outlay_store_commit (conn, error);
}

static const OutlayStoreOp delete_expenses_op = {
  op_delete_expenses, NULL, OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_OWN_TRANSACTION
};

/* An element of a PostgreSQL array literal started with "{": quoted, or
 * NULL. */
static void
append_array_element (GString    *array,
                      const char *value)
{
  if (array->len > 1)
    g_string_append_c (array, ',');

  if (value == NULL)
    {
      g_string_append (array, "NULL");
      return;
    }

  g_string_append_c (array, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

static gboolean
check_restore_expenses (gpointer   p,
                        GError   **error)
{
  ExpensesData *data = p;

  for (guint i = 0; i < data->expenses->len; i++)
    {
      OutlayExpense *expense = g_ptr_array_index (data->expenses, i);

      if (outlay_expense_get_id (expense) <= 0 || outlay_expense_get_uuid (expense) == NULL)
        {
          g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                               _("Only deleted expenses can be restored"));
          return FALSE;
        }

      if (!outlay_expense_validate (expense, error))
        return FALSE;
    }

  return TRUE;
}

enum {
  RESTORE_ID,
  RESTORE_UUID,
  RESTORE_DESCRIPTION,
  RESTORE_AMOUNT,
  RESTORE_DATE,
  RESTORE_CATEGORY,
  RESTORE_NOTE,
  RESTORE_CREATED_AT,
  RESTORE_UPDATED_AT,
  RESTORE_VERSION,
  N_RESTORE_COLUMNS
};

/* One array per column, so any number of rows is one statement. */
#define RESTORE_EXPENSES_SQL \
  "INSERT INTO outlay.expenses" \
  " (id, uuid, description, amount, spent_on, category_id, note," \
  "  created_at, updated_at, version)" \
  " OVERRIDING SYSTEM VALUE" \
  " SELECT id, uuid, description, amount, spent_on, category_id, note," \
  "        coalesce (created_at, now ()), coalesce (updated_at, now ())," \
  "        version" \
  " FROM unnest ($1::int8[], $2::uuid[], $3::text[], $4::numeric[]," \
  "              $5::date[], $6::int8[], $7::text[]," \
  "              $8::timestamptz[], $9::timestamptz[], $10::int[])" \
  "   AS r (id, uuid, description, amount, spent_on, category_id, note," \
  "         created_at, updated_at, version)" \
  " ON CONFLICT DO NOTHING"

static gboolean
op_restore_expenses (PGconn        *conn,
                     gpointer       p,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ExpensesData *data = p;
  GString *columns[N_RESTORE_COLUMNS];
  char *params[N_RESTORE_COLUMNS];
  PGresult *result;

  for (guint c = 0; c < N_RESTORE_COLUMNS; c++)
    columns[c] = g_string_new ("{");

  for (guint i = 0; i < data->expenses->len; i++)
    {
      OutlayExpense *expense = g_ptr_array_index (data->expenses, i);
      GDateTime *created_at = outlay_expense_get_created_at (expense);
      GDateTime *updated_at = outlay_expense_get_updated_at (expense);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, outlay_expense_get_id (expense));
      g_autofree char *amount = outlay_money_to_decimal (outlay_expense_get_amount (expense));
      g_autofree char *date = outlay_date_to_iso (outlay_expense_get_date (expense));
      g_autofree char *category_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      outlay_expense_get_category_id (expense));
      g_autofree char *created = NULL;
      g_autofree char *updated = NULL;
      g_autofree char *version = NULL;

      if (created_at != NULL)
        created = g_date_time_format_iso8601 (created_at);
      if (updated_at != NULL)
        updated = g_date_time_format_iso8601 (updated_at);
      version = g_strdup_printf ("%d", MAX (outlay_expense_get_version (expense), 1));

      append_array_element (columns[RESTORE_ID], id);
      append_array_element (columns[RESTORE_UUID], outlay_expense_get_uuid (expense));
      append_array_element (columns[RESTORE_DESCRIPTION], outlay_expense_get_description (expense));
      append_array_element (columns[RESTORE_AMOUNT], amount);
      append_array_element (columns[RESTORE_DATE], date);
      append_array_element (columns[RESTORE_CATEGORY], category_id);
      append_array_element (columns[RESTORE_NOTE], outlay_expense_get_note (expense));
      append_array_element (columns[RESTORE_CREATED_AT], created);
      append_array_element (columns[RESTORE_UPDATED_AT], updated);
      append_array_element (columns[RESTORE_VERSION], version);
    }

  for (guint c = 0; c < N_RESTORE_COLUMNS; c++)
    {
      g_string_append_c (columns[c], '}');
      params[c] = g_string_free (columns[c], FALSE);
    }

  /* Restoring twice changes nothing. */
  result = outlay_store_exec_in_transaction (conn, RESTORE_EXPENSES_SQL, N_RESTORE_COLUMNS,
                                             (const char * const *) params, error);

  for (guint c = 0; c < N_RESTORE_COLUMNS; c++)
    g_free (params[c]);

  PQclear (result);
  return result != NULL;
}

static const OutlayStoreOp restore_expenses_op = {
  op_restore_expenses, check_restore_expenses,
  OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_OWN_TRANSACTION
};

static gboolean
check_transfer (gpointer   p,
                GError   **error)
{
  ExpensesData *data = p;

  if (data->category_id <= 0)
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                           _("Choose a category to move the expenses to"));
      return FALSE;
    }

  return TRUE;
}

#define TRANSFER_SQL \
  "WITH moved AS (" \
  "  UPDATE outlay.expenses SET category_id = $2, " OUTLAY_STORE_BUMP_VERSION \
  "   WHERE id = ANY ($1::int8[])" \
  "  RETURNING id)" \
  " SELECT min (i) FROM unnest ($1::int8[]) AS i" \
  "  WHERE i NOT IN (SELECT id FROM moved)"

#define TRANSFER_ONE_SQL \
  "UPDATE outlay.expenses SET category_id = $2, " OUTLAY_STORE_BUMP_VERSION \
  " WHERE id = $1"

/* One expense needs no answer before COMMIT: a missing one updates nothing,
 * so BEGIN, UPDATE, COMMIT go in one round trip. */
static gboolean
transfer_one (PGconn        *conn,
              ExpensesData  *data,
              GError       **error)
{
  gint64 id = g_array_index (data->ids, gint64, 0);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *category_id = g_strdup_printf ("%" G_GINT64_FORMAT, data->category_id);
  const char *params[] = { id_text, category_id };
  PGresult *result;
  gboolean moved;

  result = outlay_store_exec_in_transaction (conn, TRANSFER_ONE_SQL, G_N_ELEMENTS (params),
                                             params, error);
  if (result == NULL)
    return fail_category_missing (error, data->category_id);

  moved = g_strcmp0 (PQcmdTuples (result), "1") == 0;
  PQclear (result);

  if (!moved)
    {
      outlay_store_set_expense_missing (error, id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
op_transfer (PGconn        *conn,
             gpointer       p,
             GCancellable  *cancellable,
             GError       **error)
{
  ExpensesData *data = p;
  g_autofree char *ids = outlay_store_format_id_array ((const gint64 *) (gpointer) data->ids->data,
                                                       data->ids->len);
  g_autofree char *category_id = g_strdup_printf ("%" G_GINT64_FORMAT, data->category_id);
  const char *params[] = { ids, category_id };
  PGresult *result;
  gint64 missing = 0;

  if (data->ids->len == 1)
    return transfer_one (conn, data, error);

  /* Moves what exists and names the first id that does not; the runner
   * rolls the move back when there is one. */
  result = outlay_store_exec_after_begin (conn, TRANSFER_SQL, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return fail_category_missing (error, data->category_id);

  if (!PQgetisnull (result, 0, 0))
    missing = outlay_store_get_int64 (result, 0, 0);
  PQclear (result);

  if (missing != 0)
    {
      outlay_store_set_expense_missing (error, missing);
      return FALSE;
    }

  return outlay_store_commit (conn, error);
}

static const OutlayStoreOp transfer_op = {
  op_transfer, check_transfer, OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_OWN_TRANSACTION
};

static gboolean
op_list_expenses (PGconn        *conn,
                  gpointer       p,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ListData *data = p;
  g_auto(OutlayStoreQuery) query = { 0 };
  PGresult *result;
  guint n;

  outlay_store_query_init (&query,
                           "SELECT " OUTLAY_STORE_EXPENSE_COLUMNS
                           " FROM outlay.expenses e"
                           " JOIN outlay.categories c ON c.id = e.category_id");
  outlay_store_query_add_filter (&query, data->filter);
  if (data->has_after)
    add_keyset_condition (&query, data->filter, data->after_key, data->after_id);
  else if (data->offset > 0)
    add_offset_condition (&query, data->filter, data->offset);
  outlay_store_query_add_order (&query, data->filter);
  /* LIMIT NULL is no limit. */
  n = outlay_store_query_add_param (&query,
                                    data->limit > 0 ? g_strdup_printf ("%u", data->limit) : NULL);
  g_string_append_printf (query.sql, " LIMIT $%u", n);

  result = outlay_store_query_exec_in_transaction (&query, conn, error);
  if (result == NULL)
    return FALSE;

  g_clear_pointer (&data->result, g_ptr_array_unref);
  data->result = outlay_store_expenses_from_result (result);
  PQclear (result);
  return TRUE;
}

static const OutlayStoreOp list_expenses_op = {
  op_list_expenses, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_OWN_TRANSACTION
};

/* Rows after @after (NULL: none), or @offset rows in. */
static ListData *
list_data_new (const OutlayExpenseFilter *filter,
               OutlayExpense             *after,
               guint64                    offset,
               guint                      limit)
{
  ListData *data = g_new0 (ListData, 1);

  data->filter = filter != NULL ? outlay_expense_filter_copy (filter)
                                 : outlay_expense_filter_new ();
  data->offset = offset;
  data->limit = limit;
  if (after != NULL)
    {
      data->has_after = TRUE;
      data->after_id = outlay_expense_get_id (after);
      data->after_key = get_keyset_key (after, data->filter->sort);
    }

  return data;
}

/* Both listings, by keyset and at an offset, take @data: synchronously… */
static GPtrArray *
run_list (OutlayStore   *self,
          ListData      *data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(ListData) owned = data;

  if (!outlay_store_run (self, &list_expenses_op, owned, cancellable, error))
    return NULL;

  return g_steal_pointer (&owned->result);
}

/* … or in a worker thread. */
static void
start_list (OutlayStore         *self,
            ListData            *data,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  outlay_store_run_async (self, &list_expenses_op, data, list_data_free, source_tag,
                          cancellable, callback, user_data);
}

static GPtrArray *
finish_list (OutlayStore   *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             GError       **error)
{
  ListData *data;

  if (!outlay_store_run_finish (self, result, source_tag, (gpointer *) &data, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

static void
suggestion_free_cb (gpointer p)
{
  outlay_suggestion_free (p);
}

#define SUGGEST_DESCRIPTIONS_SQL \
  "SELECT description," \
  "       mode () WITHIN GROUP (ORDER BY category_id)," \
  "       count (*) AS uses" \
  "  FROM outlay.expenses" \
  " WHERE lower (description) LIKE lower ($1) ESCAPE '!'" \
  " GROUP BY description" \
  " ORDER BY uses DESC, max (spent_on) DESC, description" \
  " LIMIT $2"

static gboolean
op_suggest_descriptions (PGconn        *conn,
                         gpointer       p,
                         GCancellable  *cancellable,
                         GError       **error)
{
  SuggestData *data = p;
  g_autofree char *pattern = make_like_pattern (data->prefix, TRUE);
  g_autofree char *limit = g_strdup_printf ("%u", data->limit);
  const char *params[] = { pattern, limit };
  PGresult *result;
  int n_rows;

  /* Prefix matches use the lower(description) text_pattern_ops index. */
  result = outlay_store_exec_in_transaction (conn, SUGGEST_DESCRIPTIONS_SQL,
                                             G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  n_rows = PQntuples (result);
  g_clear_pointer (&data->result, g_ptr_array_unref);
  data->result = g_ptr_array_new_full (n_rows, suggestion_free_cb);

  for (int i = 0; i < n_rows; i++)
    {
      OutlaySuggestion *suggestion = g_new0 (OutlaySuggestion, 1);

      suggestion->description = g_strdup (PQgetvalue (result, i, 0));
      suggestion->category_id = outlay_store_get_int64 (result, i, 1);
      suggestion->uses = outlay_store_get_int64 (result, i, 2);
      g_ptr_array_add (data->result, suggestion);
    }

  PQclear (result);
  return TRUE;
}

static const OutlayStoreOp suggest_descriptions_op = {
  op_suggest_descriptions, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_OWN_TRANSACTION
};

static SuggestData *
suggest_data_new (const char *prefix,
                  guint       limit)
{
  SuggestData *data = g_new0 (SuggestData, 1);

  data->prefix = g_strdup (prefix != NULL ? prefix : "");
  data->limit = limit > 0 ? limit : 10;
  return data;
}

/* --- Filter ------------------------------------------------------------------- */

OutlayExpenseFilter *
outlay_expense_filter_new (void)
{
  OutlayExpenseFilter *filter = g_new0 (OutlayExpenseFilter, 1);

  g_date_clear (&filter->start, 1);
  g_date_clear (&filter->end, 1);
  return filter;
}

OutlayExpenseFilter *
outlay_expense_filter_copy (const OutlayExpenseFilter *filter)
{
  OutlayExpenseFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->text = g_strdup (filter->text);
  return copy;
}

void
outlay_expense_filter_free (OutlayExpenseFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->text);
  g_free (filter);
}

void
outlay_suggestion_free (OutlaySuggestion *suggestion)
{
  if (suggestion == NULL)
    return;

  g_free (suggestion->description);
  g_free (suggestion);
}

/* --- Public API --------------------------------------------------------------- */

/* Adding and updating differ only in their statement: both send a copy of
 * the expense and copy what the database says back onto it. */
static gboolean
write_expense (OutlayStore          *self,
               const OutlayStoreOp  *op,
               OutlayExpense        *expense,
               GCancellable         *cancellable,
               GError              **error)
{
  g_autoptr(ExpenseData) data = expense_data_new (expense, FALSE);

  if (!outlay_store_run (self, op, data, cancellable, error))
    return FALSE;

  expense_data_apply (data);
  return TRUE;
}

static gboolean
write_expense_finish (OutlayStore   *self,
                      GAsyncResult  *result,
                      gpointer       source_tag,
                      GError       **error)
{
  ExpenseData *data;

  if (!outlay_store_run_finish (self, result, source_tag, (gpointer *) &data, error))
    return FALSE;

  expense_data_apply (data);
  return TRUE;
}

gboolean
outlay_store_add_expense (OutlayStore    *self,
                          OutlayExpense  *expense,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (expense), FALSE);

  return write_expense (self, &add_expense_op, expense, cancellable, error);
}

void
outlay_store_add_expense_async (OutlayStore         *self,
                                OutlayExpense       *expense,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (OUTLAY_IS_EXPENSE (expense));

  outlay_store_run_async (self, &add_expense_op, expense_data_new (expense, TRUE),
                          expense_data_free, outlay_store_add_expense_async,
                          cancellable, callback, user_data);
}

gboolean
outlay_store_add_expense_finish (OutlayStore   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return write_expense_finish (self, result, outlay_store_add_expense_async, error);
}

OutlayExpense *
outlay_store_get_expense (OutlayStore   *self,
                          gint64         id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(ExpenseByIdData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  data = expense_by_id_data_new (id, 0, NULL);
  if (!outlay_store_run (self, &get_expense_op, data, cancellable, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

void
outlay_store_get_expense_async (OutlayStore         *self,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  outlay_store_run_async (self, &get_expense_op, expense_by_id_data_new (id, 0, NULL),
                          expense_by_id_data_free, outlay_store_get_expense_async,
                          cancellable, callback, user_data);
}

OutlayExpense *
outlay_store_get_expense_finish (OutlayStore   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  ExpenseByIdData *data;

  if (!outlay_store_run_finish (self, result, outlay_store_get_expense_async,
                                (gpointer *) &data, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

gboolean
outlay_store_update_expense (OutlayStore    *self,
                             OutlayExpense  *expense,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (expense), FALSE);

  return write_expense (self, &update_expense_op, expense, cancellable, error);
}

void
outlay_store_update_expense_async (OutlayStore         *self,
                                   OutlayExpense       *expense,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (OUTLAY_IS_EXPENSE (expense));

  outlay_store_run_async (self, &update_expense_op, expense_data_new (expense, TRUE),
                          expense_data_free, outlay_store_update_expense_async,
                          cancellable, callback, user_data);
}

gboolean
outlay_store_update_expense_finish (OutlayStore   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return write_expense_finish (self, result, outlay_store_update_expense_async, error);
}

OutlayExpense *
outlay_store_patch_expense (OutlayStore   *self,
                            gint64         id,
                            gint64         amount,
                            const char    *description,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(ExpenseByIdData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  data = expense_by_id_data_new (id, amount, description);
  if (!outlay_store_run (self, &patch_expense_op, data, cancellable, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

GPtrArray *
outlay_store_delete_expenses (OutlayStore   *self,
                              const gint64  *ids,
                              guint          n_ids,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(ExpensesData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  data = expenses_data_new (ids, n_ids, 0);
  if (!outlay_store_run (self, &delete_expenses_op, data, cancellable, error))
    return NULL;

  return g_steal_pointer (&data->expenses);
}

void
outlay_store_delete_expenses_async (OutlayStore         *self,
                                    const gint64        *ids,
                                    guint                n_ids,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  outlay_store_run_async (self, &delete_expenses_op, expenses_data_new (ids, n_ids, 0),
                          expenses_data_free, outlay_store_delete_expenses_async,
                          cancellable, callback, user_data);
}

GPtrArray *
outlay_store_delete_expenses_finish (OutlayStore   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  ExpensesData *data;

  if (!outlay_store_run_finish (self, result, outlay_store_delete_expenses_async,
                                (gpointer *) &data, error))
    return NULL;

  return g_steal_pointer (&data->expenses);
}

/* With @copy, the worker gets copies it alone uses. */
static ExpensesData *
restore_data_new (GPtrArray *expenses,
                  gboolean   copy)
{
  ExpensesData *data = g_new0 (ExpensesData, 1);

  data->expenses = g_ptr_array_new_full (expenses->len, g_object_unref);
  for (guint i = 0; i < expenses->len; i++)
    {
      OutlayExpense *expense = g_ptr_array_index (expenses, i);

      g_ptr_array_add (data->expenses,
                       copy ? outlay_expense_copy (expense) : g_object_ref (expense));
    }

  return data;
}

gboolean
outlay_store_restore_expenses (OutlayStore   *self,
                               GPtrArray     *expenses,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(ExpensesData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (expenses != NULL, FALSE);

  data = restore_data_new (expenses, FALSE);
  return outlay_store_run (self, &restore_expenses_op, data, cancellable, error);
}

void
outlay_store_restore_expenses_async (OutlayStore         *self,
                                     GPtrArray           *expenses,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (expenses != NULL);

  outlay_store_run_async (self, &restore_expenses_op, restore_data_new (expenses, TRUE),
                          expenses_data_free, outlay_store_restore_expenses_async,
                          cancellable, callback, user_data);
}

gboolean
outlay_store_restore_expenses_finish (OutlayStore   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return outlay_store_run_finish (self, result, outlay_store_restore_expenses_async, NULL, error);
}

gboolean
outlay_store_transfer_expenses (OutlayStore   *self,
                                const gint64  *ids,
                                guint          n_ids,
                                gint64         category_id,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(ExpensesData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  data = expenses_data_new (ids, n_ids, category_id);
  return outlay_store_run (self, &transfer_op, data, cancellable, error);
}

void
outlay_store_transfer_expenses_async (OutlayStore         *self,
                                      const gint64        *ids,
                                      guint                n_ids,
                                      gint64               category_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  outlay_store_run_async (self, &transfer_op, expenses_data_new (ids, n_ids, category_id),
                          expenses_data_free, outlay_store_transfer_expenses_async,
                          cancellable, callback, user_data);
}

gboolean
outlay_store_transfer_expenses_finish (OutlayStore   *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return outlay_store_run_finish (self, result, outlay_store_transfer_expenses_async, NULL, error);
}

GPtrArray *
outlay_store_list_expenses (OutlayStore               *self,
                            const OutlayExpenseFilter *filter,
                            OutlayExpense             *after,
                            guint                      limit,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);
  g_return_val_if_fail (after == NULL || OUTLAY_IS_EXPENSE (after), NULL);

  return run_list (self, list_data_new (filter, after, 0, limit), cancellable, error);
}

void
outlay_store_list_expenses_async (OutlayStore               *self,
                                  const OutlayExpenseFilter *filter,
                                  OutlayExpense             *after,
                                  guint                      limit,
                                  GCancellable              *cancellable,
                                  GAsyncReadyCallback        callback,
                                  gpointer                   user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (after == NULL || OUTLAY_IS_EXPENSE (after));

  start_list (self, list_data_new (filter, after, 0, limit), outlay_store_list_expenses_async,
              cancellable, callback, user_data);
}

GPtrArray *
outlay_store_list_expenses_finish (OutlayStore   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_list (self, result, outlay_store_list_expenses_async, error);
}

GPtrArray *
outlay_store_list_expenses_at (OutlayStore               *self,
                               const OutlayExpenseFilter *filter,
                               guint64                    offset,
                               guint                      limit,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  return run_list (self, list_data_new (filter, NULL, offset, limit), cancellable, error);
}

void
outlay_store_list_expenses_at_async (OutlayStore               *self,
                                     const OutlayExpenseFilter *filter,
                                     guint64                    offset,
                                     guint                      limit,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  start_list (self, list_data_new (filter, NULL, offset, limit),
              outlay_store_list_expenses_at_async, cancellable, callback, user_data);
}

GPtrArray *
outlay_store_list_expenses_at_finish (OutlayStore   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_list (self, result, outlay_store_list_expenses_at_async, error);
}

GPtrArray *
outlay_store_suggest_descriptions (OutlayStore   *self,
                                   const char    *prefix,
                                   guint          limit,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(SuggestData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  data = suggest_data_new (prefix, limit);
  if (!outlay_store_run (self, &suggest_descriptions_op, data, cancellable, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

void
outlay_store_suggest_descriptions_async (OutlayStore         *self,
                                         const char          *prefix,
                                         guint                limit,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  outlay_store_run_async (self, &suggest_descriptions_op, suggest_data_new (prefix, limit),
                          suggest_data_free, outlay_store_suggest_descriptions_async,
                          cancellable, callback, user_data);
}

GPtrArray *
outlay_store_suggest_descriptions_finish (OutlayStore   *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  SuggestData *data;

  if (!outlay_store_run_finish (self, result, outlay_store_suggest_descriptions_async,
                                (gpointer *) &data, error))
    return NULL;

  return g_steal_pointer (&data->result);
}
