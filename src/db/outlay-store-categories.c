/* outlay-store-categories.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "outlay-db-exec.h"
#include "outlay-store-private.h"

/* Categories: listing with this month's totals, lookups by name, and writes. */

/* A category going in, and the id the database gave it. */
typedef struct
{
  OutlayCategory *target;     /* the caller's, updated in the caller's thread */
  OutlayCategory *input;      /* @target when sync, a copy when async */
  char           *name;       /* stored trimmed, so " Food" cannot sit beside "Food" */
  gint64          id;
} CategoryData;

typedef struct
{
  gboolean   include_archived;
  char      *name;            /* look up one by name instead */
  GPtrArray *result;
} ListCategoriesData;

typedef struct
{
  gint64 id;
  gint64 move_to;
} DeleteCategoryData;

/* Every category with what was spent in it in the month from $1 to $2. */
#define CATEGORY_SELECT \
  "SELECT c.id, c.name, c.color, c.monthly_budget, c.archived, coalesce (t.total, 0)" \
  "  FROM outlay.categories c" \
  "  LEFT JOIN (SELECT category_id, sum (amount) AS total" \
  "               FROM outlay.expenses" \
  "              WHERE spent_on BETWEEN $1::date AND $2::date" \
  "              GROUP BY category_id) t ON t.category_id = c.id"

static OutlayCategory *
copy_category (OutlayCategory *category)
{
  OutlayCategory *copy = outlay_category_new (outlay_category_get_name (category));

  outlay_category_set_id (copy, outlay_category_get_id (category));
  outlay_category_set_color (copy, outlay_category_get_color (category));
  outlay_category_set_monthly_budget (copy, outlay_category_get_monthly_budget (category));
  outlay_category_set_archived (copy, outlay_category_get_archived (category));
  return copy;
}

static CategoryData *
category_data_new (OutlayCategory *category,
                   gboolean        copy)
{
  CategoryData *data = g_new0 (CategoryData, 1);

  data->target = g_object_ref (category);
  data->input = copy ? copy_category (category) : g_object_ref (category);
  data->name = g_strstrip (g_strdup (outlay_category_get_name (category)));
  return data;
}

static void
category_data_free (gpointer p)
{
  CategoryData *data = p;

  g_clear_object (&data->target);
  g_clear_object (&data->input);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CategoryData, category_data_free)

static void
category_data_apply (CategoryData *data)
{
  if (data->id != 0)
    outlay_category_set_id (data->target, data->id);
  outlay_category_set_name (data->target, data->name);
}

static ListCategoriesData *
list_categories_data_new (gboolean    include_archived,
                          const char *name)
{
  ListCategoriesData *data = g_new0 (ListCategoriesData, 1);

  data->include_archived = include_archived;
  data->name = g_strdup (name);
  return data;
}

static void
list_categories_data_free (gpointer p)
{
  ListCategoriesData *data = p;

  g_free (data->name);
  g_clear_pointer (&data->result, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListCategoriesData, list_categories_data_free)

static DeleteCategoryData *
delete_category_data_new (gint64 id,
                          gint64 move_to)
{
  DeleteCategoryData *data = g_new0 (DeleteCategoryData, 1);

  data->id = id;
  data->move_to = move_to;
  return data;
}

static void
set_category_not_found (GError **error,
                        gint64   id)
{
  g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND,
               _("There is no category #%" PRId64), id);
}

/* The server only knows the lower-case key; people typed @name. */
static void
name_duplicate (GError     **error,
                const char  *name)
{
  if (!g_error_matches (*error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE))
    return;

  g_clear_error (error);
  g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE,
               _("A category named “%s” already exists"), name);
}

/* --- Operations ---------------------------------------------------------------- */

#define LIST_CATEGORIES_SQL \
  CATEGORY_SELECT " WHERE $3::bool OR NOT c.archived ORDER BY lower (c.name), c.id"

#define FIND_CATEGORY_SQL \
  CATEGORY_SELECT " WHERE lower (c.name) = lower ($3)"

static gboolean
op_list_categories (PGconn        *conn,
                    gpointer       p,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ListCategoriesData *data = p;
  GDate today, first, last;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *params[3];
  const char *sql;
  PGresult *result;
  int n_rows;

  /* This month is the one on this computer's calendar, not the server's. */
  outlay_date_set_today (&today);
  outlay_date_month_bounds (&today, &first, &last);
  start = outlay_date_to_iso (&first);
  end = outlay_date_to_iso (&last);
  params[0] = start;
  params[1] = end;
  params[2] = data->name != NULL ? data->name : data->include_archived ? "true" : "false";

  sql = data->name != NULL ? FIND_CATEGORY_SQL : LIST_CATEGORIES_SQL;
  result = outlay_store_exec_in_transaction (conn, sql, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  n_rows = PQntuples (result);
  g_clear_pointer (&data->result, g_ptr_array_unref);
  data->result = g_ptr_array_new_full (n_rows, g_object_unref);

  for (int i = 0; i < n_rows; i++)
    {
      OutlayCategory *category = outlay_category_new (PQgetvalue (result, i, 1));

      outlay_category_set_id (category, outlay_store_get_int64 (result, i, 0));
      outlay_category_set_color (category, outlay_store_get_text (result, i, 2));
      outlay_category_set_monthly_budget (category, outlay_store_get_money (result, i, 3));
      outlay_category_set_archived (category, PQgetvalue (result, i, 4)[0] == 't');
      outlay_category_set_month_total (category, outlay_store_get_money (result, i, 5));
      g_ptr_array_add (data->result, category);
    }

  PQclear (result);
  return TRUE;
}

static const OutlayStoreOp list_categories_op = {
  op_list_categories, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_OWN_TRANSACTION
};

static gboolean
check_category (gpointer   p,
                GError   **error)
{
  CategoryData *data = p;

  return outlay_category_validate (data->input, error);
}

/* name, color, budget (NULL: none), archived. */
static void
get_category_params (CategoryData  *data,
                     char         **out_budget,
                     const char   **params)
{
  OutlayCategory *category = data->input;
  gint64 budget = outlay_category_get_monthly_budget (category);

  *out_budget = budget > 0 ? outlay_money_to_decimal (budget) : NULL;
  params[0] = data->name;
  params[1] = outlay_category_get_color (category);
  params[2] = *out_budget;
  params[3] = outlay_category_get_archived (category) ? "true" : "false";
}

#define ADD_CATEGORY_SQL \
  "INSERT INTO outlay.categories" \
  " (name, color, monthly_budget, archived)" \
  " VALUES ($1, $2, $3, $4)" \
  " RETURNING id"

static gboolean
op_add_category (PGconn        *conn,
                 gpointer       p,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CategoryData *data = p;
  g_autofree char *budget = NULL;
  const char *params[4];
  PGresult *result;

  get_category_params (data, &budget, params);

  result = outlay_store_exec_in_transaction (conn, ADD_CATEGORY_SQL,
                                             G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    {
      name_duplicate (error, params[0]);
      return FALSE;
    }

  data->id = outlay_store_get_int64 (result, 0, 0);
  PQclear (result);
  return TRUE;
}

static const OutlayStoreOp add_category_op = {
  op_add_category, check_category, OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_OWN_TRANSACTION
};

#define UPDATE_CATEGORY_SQL \
  "UPDATE outlay.categories" \
  " SET name = $1, color = $2, monthly_budget = $3, archived = $4" \
  " WHERE id = $5"

static gboolean
op_update_category (PGconn        *conn,
                    gpointer       p,
                    GCancellable  *cancellable,
                    GError       **error)
{
  CategoryData *data = p;
  gint64 id = outlay_category_get_id (data->input);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *budget = NULL;
  const char *params[5];
  PGresult *result;
  gboolean found;

  get_category_params (data, &budget, params);
  params[4] = id_text;

  result = outlay_store_exec_in_transaction (conn, UPDATE_CATEGORY_SQL,
                                             G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    {
      name_duplicate (error, params[0]);
      return FALSE;
    }

  found = g_strcmp0 (PQcmdTuples (result), "1") == 0;
  PQclear (result);

  if (!found)
    {
      set_category_not_found (error, id);
      return FALSE;
    }

  return TRUE;
}

static const OutlayStoreOp update_category_op = {
  op_update_category, check_category, OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_OWN_TRANSACTION
};

static gboolean
check_delete_category (gpointer   p,
                       GError   **error)
{
  DeleteCategoryData *data = p;

  if (data->move_to == data->id)
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                           _("Choose another category to move the expenses to"));
      return FALSE;
    }

  return TRUE;
}

#define LOCK_CATEGORY_SQL \
  "SELECT name," \
  "       (SELECT count (*) FROM outlay.expenses WHERE category_id = $1)," \
  "       EXISTS (SELECT FROM outlay.categories WHERE id = $2)" \
  "  FROM outlay.categories WHERE id = $1 FOR UPDATE"

#define MOVE_EXPENSES_SQL \
  "UPDATE outlay.expenses SET category_id = $2, " OUTLAY_STORE_BUMP_VERSION \
  " WHERE category_id = $1"

static gboolean
op_delete_category (PGconn        *conn,
                    gpointer       p,
                    GCancellable  *cancellable,
                    GError       **error)
{
  DeleteCategoryData *data = p;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, data->id);
  g_autofree char *move_to = g_strdup_printf ("%" G_GINT64_FORMAT, data->move_to);
  const char *params[] = { id, move_to };
  g_autofree char *name = NULL;
  gboolean move_to_exists;
  gint64 n_expenses;
  PGresult *result;

  /* FOR UPDATE holds back new expenses in this category until we are done. */
  result = outlay_db_exec (conn, LOCK_CATEGORY_SQL, G_N_ELEMENTS (params), params, error);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) == 0)
    {
      PQclear (result);
      set_category_not_found (error, data->id);
      return FALSE;
    }

  name = g_strdup (PQgetvalue (result, 0, 0));
  n_expenses = outlay_store_get_int64 (result, 0, 1);
  move_to_exists = PQgetvalue (result, 0, 2)[0] == 't';
  PQclear (result);

  if (data->move_to != 0 && !move_to_exists)
    {
      outlay_store_set_category_missing (error, data->move_to);
      return FALSE;
    }

  if (n_expenses > 0 && data->move_to == 0)
    {
      int n = (int) MIN (n_expenses, G_MAXINT);

      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_IN_USE,
                   ngettext ("“%s” still has %d expense; move it to another category first",
                             "“%s” still has %d expenses; move them to another category first",
                             n),
                   name, n);
      return FALSE;
    }

  if (n_expenses > 0)
    {
      result = outlay_db_exec (conn, MOVE_EXPENSES_SQL, G_N_ELEMENTS (params), params, error);
      if (result == NULL)
        return FALSE;
      PQclear (result);
    }

  result = outlay_db_exec (conn, "DELETE FROM outlay.categories WHERE id = $1", 1, params, error);
  PQclear (result);
  return result != NULL;
}

static const OutlayStoreOp delete_category_op = {
  op_delete_category, check_delete_category, OUTLAY_STORE_OP_WRITE
};

/* --- Public API ----------------------------------------------------------------- */

GPtrArray *
outlay_store_list_categories (OutlayStore   *self,
                              gboolean       include_archived,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(ListCategoriesData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);

  data = list_categories_data_new (include_archived, NULL);
  if (!outlay_store_run (self, &list_categories_op, data, cancellable, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

void
outlay_store_list_categories_async (OutlayStore         *self,
                                    gboolean             include_archived,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  outlay_store_run_async (self, &list_categories_op,
                          list_categories_data_new (include_archived, NULL),
                          list_categories_data_free, outlay_store_list_categories_async,
                          cancellable, callback, user_data);
}

GPtrArray *
outlay_store_list_categories_finish (OutlayStore   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  ListCategoriesData *data;

  if (!outlay_store_run_finish (self, result, outlay_store_list_categories_async,
                                (gpointer *) &data, error))
    return NULL;

  return g_steal_pointer (&data->result);
}

OutlayCategory *
outlay_store_find_category (OutlayStore   *self,
                            const char    *name,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(ListCategoriesData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  data = list_categories_data_new (TRUE, name);
  if (!outlay_store_run (self, &list_categories_op, data, cancellable, error))
    return NULL;

  if (data->result->len == 0)
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND,
                   _("There is no category named “%s”"), name);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (data->result, 0));
}

/* Adding and updating run alike: @op on a category, whose id and (trimmed)
 * name go back into it once stored. */
static gboolean
write_category (OutlayStore         *self,
                const OutlayStoreOp *op,
                OutlayCategory      *category,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(CategoryData) data = category_data_new (category, FALSE);

  if (!outlay_store_run (self, op, data, cancellable, error))
    return FALSE;

  category_data_apply (data);
  return TRUE;
}

static void
write_category_async (OutlayStore         *self,
                      const OutlayStoreOp *op,
                      OutlayCategory      *category,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  /* The worker gets a copy: the caller's category stays the caller's. */
  outlay_store_run_async (self, op, category_data_new (category, TRUE), category_data_free,
                          source_tag, cancellable, callback, user_data);
}

static gboolean
write_category_finish (OutlayStore   *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  CategoryData *data;

  if (!outlay_store_run_finish (self, result, source_tag, (gpointer *) &data, error))
    return FALSE;

  category_data_apply (data);
  return TRUE;
}

gboolean
outlay_store_add_category (OutlayStore     *self,
                           OutlayCategory  *category,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (category), FALSE);

  return write_category (self, &add_category_op, category, cancellable, error);
}

void
outlay_store_add_category_async (OutlayStore         *self,
                                 OutlayCategory      *category,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (OUTLAY_IS_CATEGORY (category));

  write_category_async (self, &add_category_op, category, outlay_store_add_category_async,
                        cancellable, callback, user_data);
}

gboolean
outlay_store_add_category_finish (OutlayStore   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return write_category_finish (self, result, outlay_store_add_category_async, error);
}

gboolean
outlay_store_update_category (OutlayStore     *self,
                              OutlayCategory  *category,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (category), FALSE);

  return write_category (self, &update_category_op, category, cancellable, error);
}

void
outlay_store_update_category_async (OutlayStore         *self,
                                    OutlayCategory      *category,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (OUTLAY_IS_CATEGORY (category));

  write_category_async (self, &update_category_op, category, outlay_store_update_category_async,
                        cancellable, callback, user_data);
}

gboolean
outlay_store_update_category_finish (OutlayStore   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return write_category_finish (self, result, outlay_store_update_category_async, error);
}

gboolean
outlay_store_delete_category (OutlayStore   *self,
                              gint64         id,
                              gint64         move_to,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree DeleteCategoryData *data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);

  data = delete_category_data_new (id, move_to);
  return outlay_store_run (self, &delete_category_op, data, cancellable, error);
}

void
outlay_store_delete_category_async (OutlayStore         *self,
                                    gint64               id,
                                    gint64               move_to,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));

  outlay_store_run_async (self, &delete_category_op, delete_category_data_new (id, move_to), g_free,
                          outlay_store_delete_category_async, cancellable, callback, user_data);
}

gboolean
outlay_store_delete_category_finish (OutlayStore   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return outlay_store_run_finish (self, result, outlay_store_delete_category_async, NULL, error);
}
