/* test-expenses-page.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-test-utils.h"
#include "outlay-category-list.h"
#include "outlay-expense-editor.h"
#include "outlay-expenses-page.h"
#include "outlay-settings.h"

typedef struct
{
  OutlayStore        *store;
  char               *dsn;
  OutlayCategory     *food;
  OutlayCategory     *rent;
  OutlayExpensesPage *page;
  GtkWindow          *window;
  GtkSelectionModel  *selection;
} Fixture;

typedef struct
{
  Fixture    *fixture;
  const char *sql;
  gint64      expected;
} Query;

static gboolean
query_gives (gpointer data)
{
  Query *query = data;

  return outlay_test_db_query_int64 (query->fixture->dsn, query->sql) == query->expected;
}

/* Waits until @sql (a count) gives @expected, as the store's answers come. */
static void
wait_for_query (Fixture    *fixture,
                const char *sql,
                gint64      expected)
{
  Query query = { fixture, sql, expected };

  app_test_wait (query_gives, &query);
}

typedef struct
{
  Fixture *fixture;
  guint    n_items;
} Rows;

static gboolean
rows_loaded (gpointer data)
{
  Rows *rows = data;
  GListModel *model = G_LIST_MODEL (rows->fixture->selection);

  if (g_list_model_get_n_items (model) != rows->n_items)
    return FALSE;

  for (guint i = 0; i < rows->n_items; i++)
    {
      g_autoptr(OutlayExpense) row = g_list_model_get_item (model, i);

      if (outlay_expense_get_id (row) == 0)
        return FALSE;
    }

  return TRUE;
}

/* Waits until the list shows @n_items loaded rows. */
static void
wait_for_rows (Fixture *fixture,
               guint    n_items)
{
  Rows rows = { fixture, n_items };

  app_test_wait (rows_loaded, &rows);
}

static OutlayExpense *
get_row (Fixture *fixture,
         guint    position)
{
  return g_list_model_get_item (G_LIST_MODEL (fixture->selection), position);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkColumnView *column_view;

  fixture->store = outlay_test_db_new_store (&fixture->dsn);
  fixture->food = app_test_add_category (fixture->store, "Food");
  fixture->rent = app_test_add_category (fixture->store, "Rent");

  fixture->page = OUTLAY_EXPENSES_PAGE (outlay_expenses_page_new (NULL));
  column_view = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "column_view");
  fixture->selection = gtk_column_view_get_model (column_view);
  fixture->window = app_test_window_new (GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  app_test_flush ();
  g_clear_object (&fixture->food);
  g_clear_object (&fixture->rent);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->dsn, g_free);
}

static void
add_three (Fixture *fixture)
{
  g_object_unref (app_test_add_expense (fixture->store, fixture->food, "Bread", 250, "2025-03-03"));
  g_object_unref (app_test_add_expense (fixture->store, fixture->food, "Cheese", 700, "2025-03-02"));
  g_object_unref (app_test_add_expense (fixture->store, fixture->rent, "March rent", 90000, "2025-03-01"));
}

static OutlayExpenseEditor *
open_editor (Fixture *fixture,
             guint    position)
{
  OutlayExpenseEditor *editor;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "expenses.edit", "u", position);
  editor = app_test_find_toplevel (OUTLAY_TYPE_EXPENSE_EDITOR);
  g_assert_nonnull (editor);
  app_test_flush ();

  return editor;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(OutlayExpense) row = NULL;
  OutlayExpenseEditor *editor;
  g_autofree char *sql = NULL;

  add_three (fixture);
  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);

  row = get_row (fixture, 0);
  g_assert_cmpstr (outlay_expense_get_description (row), ==, "Bread");

  editor = open_editor (fixture, 0);
  gtk_editable_set_text (app_test_child (editor, OUTLAY_TYPE_EXPENSE_EDITOR, "description_row"),
                         "Sourdough");
  gtk_editable_set_text (app_test_child (editor, OUTLAY_TYPE_EXPENSE_EDITOR, "amount_row"), "4.20");
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);

  /* It closes once stored. */
  app_test_wait (is_null, &editor);

  sql = g_strdup_printf ("SELECT count(*) FROM outlay.expenses"
                         " WHERE id = %" G_GINT64_FORMAT
                         " AND description = 'Sourdough' AND amount = 4.20 AND version = 2",
                         outlay_expense_get_id (row));
  g_assert_cmpint (outlay_test_db_query_int64 (fixture->dsn, sql), ==, 1);

  /* The row shows it without a reload. */
  g_assert_cmpstr (outlay_expense_get_description (row), ==, "Sourdough");
  g_assert_cmpint (outlay_expense_get_amount (row), ==, 420);
}

typedef struct
{
  AdwMessageDialog *dialog;
} DialogWait;

static gboolean
dialog_shown (gpointer data)
{
  DialogWait *wait = data;

  wait->dialog = app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return wait->dialog != NULL;
}

static gboolean
editor_shows_elsewhere (gpointer data)
{
  return g_strcmp0 (gtk_editable_get_text (data), "Changed elsewhere") == 0;
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(OutlayExpense) row = NULL;
  g_autofree char *update = NULL;
  g_autofree char *stored = NULL;
  OutlayExpenseEditor *editor;
  GtkEditable *description;
  DialogWait wait = { NULL };

  add_three (fixture);
  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);
  row = get_row (fixture, 0);

  editor = open_editor (fixture, 0);
  description = app_test_child (editor, OUTLAY_TYPE_EXPENSE_EDITOR, "description_row");

  /* Someone else saves first. */
  update = g_strdup_printf ("UPDATE outlay.expenses SET description = 'Changed elsewhere',"
                            " version = version + 1 WHERE id = %" G_GINT64_FORMAT,
                            outlay_expense_get_id (row));
  outlay_test_db_exec (fixture->dsn, update);

  gtk_editable_set_text (description, "Mine");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  app_test_wait (dialog_shown, &wait);

  /* Nothing was overwritten; the editor is still open with my text. */
  stored = outlay_test_db_query_value (fixture->dsn, "SELECT description FROM outlay.expenses"
                                                     " WHERE description <> 'Cheese'"
                                                     " AND description <> 'March rent'");
  g_assert_cmpstr (stored, ==, "Changed elsewhere");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (description), ==, "Mine");

  /* Reload shows what is stored now, in the editor and the list. */
  adw_message_dialog_response (wait.dialog, "reload");
  app_test_wait (editor_shows_elsewhere, description);
  g_assert_cmpstr (outlay_expense_get_description (row), ==, "Changed elsewhere");

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *ids_before = NULL;
  g_autofree char *ids_after = NULL;
  const char *ids_sql = "SELECT string_agg (id::text || uuid::text, ',' ORDER BY id) FROM outlay.expenses";

  add_three (fixture);
  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);
  ids_before = outlay_test_db_query_value (fixture->dsn, ids_sql);

  /* Nothing deleted yet: nothing to undo, nothing selected: nothing to
   * delete. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "expenses.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "expenses.delete", NULL);
  app_test_flush ();
  g_assert_cmpint (outlay_test_db_query_int64 (fixture->dsn, "SELECT count(*) FROM outlay.expenses"), ==, 3);

  gtk_selection_model_select_range (fixture->selection, 0, 2, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "expenses.delete", NULL));
  wait_for_query (fixture, "SELECT count(*) FROM outlay.expenses", 1);
  g_assert_cmpint (outlay_test_db_query_int64 (fixture->dsn,
                                               "SELECT count(*) FROM outlay.expenses"
                                               " WHERE description = 'March rent'"), ==, 1);
  wait_for_rows (fixture, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "expenses.undo", NULL));
  wait_for_query (fixture, "SELECT count(*) FROM outlay.expenses", 3);
  ids_after = outlay_test_db_query_value (fixture->dsn, ids_sql);
  g_assert_cmpstr (ids_after, ==, ids_before);
  wait_for_rows (fixture, 3);
}

static gboolean
row_in_rent (gpointer data)
{
  return g_strcmp0 (outlay_expense_get_category_name (data), "Rent") == 0;
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(OutlayExpense) first = NULL;
  g_autoptr(OutlayExpense) second = NULL;
  g_autofree char *sql = NULL;

  add_three (fixture);
  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);
  first = get_row (fixture, 0);
  second = get_row (fixture, 1);
  g_assert_cmpstr (outlay_expense_get_category_name (first), ==, "Food");

  gtk_selection_model_select_range (fixture->selection, 0, 2, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "expenses.move-to", "x",
                                             outlay_category_get_id (fixture->rent)));

  sql = g_strdup_printf ("SELECT count(*) FROM outlay.expenses WHERE category_id = %" G_GINT64_FORMAT,
                         outlay_category_get_id (fixture->rent));
  wait_for_query (fixture, sql, 3);

  /* The rows follow, in place. */
  app_test_wait (row_in_rent, first);
  app_test_wait (row_in_rent, second);
}

typedef struct
{
  Fixture    *fixture;
  const char *first;
  guint       selected[2];
} Selected;

/* The list starts with @first, and exactly the two rows at @selected are
 * selected. */
static gboolean
selection_is (gpointer data)
{
  Selected *expected = data;
  g_autoptr(OutlayExpense) first = get_row (expected->fixture, 0);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (expected->fixture->selection);

  return g_strcmp0 (outlay_expense_get_description (first), expected->first) == 0
         && gtk_bitset_get_size (selected) == 2
         && gtk_bitset_contains (selected, expected->selected[0])
         && gtk_bitset_contains (selected, expected->selected[1]);
}

static void
test_selection_follows (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkColumnView *column_view = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "column_view");
  GtkColumnViewColumn *amount = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "amount_column");
  GtkLabel *label = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "selection_label");
  Selected after_insert = { fixture, "Milk", { 2, 3 } };
  Selected after_sort = { fixture, "Bread", { 1, 3 } };

  add_three (fixture);
  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);

  /* Cheese and the rent, newest first. */
  gtk_selection_model_select_range (fixture->selection, 1, 2, TRUE);

  /* A newer expense comes in at the top: the selection moves down with
   * the rows it was on. */
  g_object_unref (app_test_add_expense (fixture->store, fixture->food, "Milk", 1000, "2025-03-04"));
  wait_for_rows (fixture, 4);
  app_test_wait (selection_is, &after_insert);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "2 selected");

  /* By amount: Bread, Cheese, Milk, rent. */
  gtk_column_view_sort_by_column (column_view, amount, GTK_SORT_ASCENDING);
  app_test_wait (selection_is, &after_sort);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "2 selected");
}

/* Ids repeat between books: a selection does not follow into others. */
static void
test_selection_other_books (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(OutlayStore) other = outlay_test_db_new_store (NULL);
  g_autoptr(OutlayCategory) misc = app_test_add_category (other, "Misc");
  g_autoptr(GtkBitset) selected = NULL;

  add_three (fixture);
  for (guint i = 0; i < 3; i++)
    g_object_unref (app_test_add_expense (other, misc, "Other", 100 + i, "2025-04-01"));

  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);
  gtk_selection_model_select_range (fixture->selection, 0, 3, TRUE);

  outlay_expenses_page_set_store (fixture->page, NULL);
  outlay_expenses_page_set_store (fixture->page, other);
  wait_for_rows (fixture, 3);

  selected = gtk_selection_model_get_selection (fixture->selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 0);
  g_assert_false (gtk_action_bar_get_revealed (app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE,
                                                               "selection_bar")));
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Label;

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
shows_label (gpointer data)
{
  Label *label = data;

  return has_label (label->root, label->text);
}

/* Toasts read their title as markup: names with & and < still show. */
static void
test_toast_text (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(OutlayCategory) odd = app_test_add_category (fixture->store, "Fish & Chips <Co>");
  /* The test window holds the page in a toast overlay. */
  Label moved = { GTK_WIDGET (fixture->window), "Moved 1 expense to “Fish & Chips <Co>”" };

  add_three (fixture);
  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);

  gtk_selection_model_select_item (fixture->selection, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "expenses.move-to", "x",
                                             outlay_category_get_id (odd)));
  app_test_wait (shows_label, &moved);
}

/* Every column fits a 360 px window (titles shrink), and Amount's title
 * sits over its end-aligned figures. */
static void
test_titles (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *column_view = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "column_view");
  GtkWidget *header = gtk_widget_get_first_child (column_view);
  gboolean found_amount = FALSE;
  int minimum;

  add_three (fixture);
  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);

  gtk_widget_measure (column_view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360 - 24);

  for (GtkWidget *button = gtk_widget_get_first_child (header);
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *box = gtk_widget_get_first_child (button);
      GtkLabel *label = GTK_LABEL (gtk_widget_get_first_child (box));
      gboolean amount = g_str_equal (gtk_label_get_label (label), "Amount");

      g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_END);
      g_assert_cmpint (gtk_widget_get_halign (box), ==, amount ? GTK_ALIGN_END : GTK_ALIGN_FILL);
      found_amount |= amount;
    }
  g_assert_true (found_amount);
}

static void
test_first_run (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(OutlayStore) empty = NULL;
  g_autofree char *dsn = NULL;
  GtkWidget *button = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "add_categories_button");
  GtkStack *stack = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "content_stack");
  Query query = { NULL, "SELECT count(*) FROM outlay.categories", 8 };

  empty = outlay_test_db_new_store (&dsn);
  outlay_expenses_page_set_store (fixture->page, empty);

  /* No expenses, no categories: the first step is offered. */
  while (!gtk_widget_get_visible (button) ||
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") != 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "expenses.add-categories", NULL));
  g_free (fixture->dsn);
  fixture->dsn = g_steal_pointer (&dsn);
  query.fixture = fixture;
  app_test_wait (query_gives, &query);

  while (gtk_widget_get_visible (button))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
n_rows_is (gpointer data)
{
  Rows *rows = data;

  return g_list_model_get_n_items (G_LIST_MODEL (rows->fixture->selection)) == rows->n_items;
}

/* The summary says @count_text and the total, as the settings format it. */
static void
check_summary (GtkLabel   *summary,
               const char *count_text,
               gint64      total)
{
  g_autofree char *amount = outlay_settings_format_money (outlay_settings_get_default (), total);
  g_autofree char *expected = g_strdup_printf ("%s, %s in total", count_text, amount);

  g_assert_cmpstr (gtk_label_get_label (summary), ==, expected);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkEditable *search = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "search_entry");
  GtkEditable *min = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "filter_min");
  GtkLabel *summary = app_test_child (fixture->page, OUTLAY_TYPE_EXPENSES_PAGE, "summary_label");
  Rows one = { fixture, 1 };
  Rows two = { fixture, 2 };

  add_three (fixture);
  outlay_expenses_page_set_store (fixture->page, fixture->store);
  wait_for_rows (fixture, 3);

  outlay_expenses_page_start_search (fixture->page);
  gtk_editable_set_text (search, "ee");
  app_test_wait (n_rows_is, &one);
  check_summary (summary, "1 expense", 700);

  gtk_editable_set_text (search, "");
  gtk_editable_set_text (min, "5");
  app_test_wait (n_rows_is, &two);
  check_summary (summary, "2 expenses", 90700);

  /* A bound that is not an amount is marked, and left open. */
  gtk_editable_set_text (min, "lots");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (min), "error"));

  /* Closing the search shows everything again. */
  g_object_set (fixture->page, "search-mode", FALSE, NULL);
  wait_for_rows (fixture, 3);
  g_assert_cmpstr (gtk_editable_get_text (min), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add ("/outlay/app/expenses-page/edit", Fixture, NULL,
              fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/conflict", Fixture, NULL,
              fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/delete-undo", Fixture, NULL,
              fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/move", Fixture, NULL,
              fixture_set_up, test_move, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/selection-follows", Fixture, NULL,
              fixture_set_up, test_selection_follows, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/selection-other-books", Fixture, NULL,
              fixture_set_up, test_selection_other_books, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/toast-text", Fixture, NULL,
              fixture_set_up, test_toast_text, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/titles", Fixture, NULL,
              fixture_set_up, test_titles, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/first-run", Fixture, NULL,
              fixture_set_up, test_first_run, fixture_tear_down);
  g_test_add ("/outlay/app/expenses-page/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);

  return g_test_run ();
}
