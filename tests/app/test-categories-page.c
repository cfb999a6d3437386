/* test-categories-page.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-test-utils.h"
#include "outlay-categories-page.h"
#include "outlay-category-row.h"

typedef struct
{
  OutlayCategoriesPage *page;
  const char           *name;
  OutlayCategoryRow    *row;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;
  GtkListBox *list_box = app_test_child (wait->page, OUTLAY_TYPE_CATEGORIES_PAGE, "list_box");

  wait->row = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (OUTLAY_IS_CATEGORY_ROW (child) &&
        g_strcmp0 (outlay_category_get_name (outlay_category_row_get_category (OUTLAY_CATEGORY_ROW (child))),
                   wait->name) == 0)
      wait->row = OUTLAY_CATEGORY_ROW (child);

  return wait->row != NULL;
}

static gboolean
row_gone (gpointer data)
{
  return !row_shown (data);
}

static OutlayCategoryRow *
wait_for_row (OutlayCategoriesPage *page,
              const char           *name)
{
  RowWait wait = { page, name, NULL };

  app_test_wait (row_shown, &wait);

  return wait.row;
}

static void
wait_for_no_row (OutlayCategoriesPage *page,
                 const char           *name)
{
  RowWait wait = { page, name, NULL };

  app_test_wait (row_gone, &wait);
}

static gboolean
dialog_shown (gpointer data)
{
  return app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Waits for the dialog, types @text in it (when given) and answers. */
static void
answer_dialog (const char *text,
               const char *response)
{
  AdwMessageDialog *dialog;

  app_test_wait (dialog_shown, NULL);
  dialog = app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), text);

  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct
{
  const char *dsn;
  const char *sql;
} Query;

static gboolean
query_true (gpointer data)
{
  Query *query = data;

  return outlay_test_db_query_int64 (query->dsn, query->sql) == 1;
}

static void
wait_for_query (const char *dsn,
                const char *sql)
{
  Query query = { dsn, sql };

  app_test_wait (query_true, &query);
}

static void
test_manage (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(OutlayCategory) food = app_test_add_category (store, "Food");
  g_autoptr(OutlayCategory) rent = app_test_add_category (store, "Rent");
  OutlayCategoriesPage *page;
  GtkWindow *window;
  OutlayCategoryRow *row;

  g_object_unref (app_test_add_expense (store, food, "Bread", 250, "2025-03-03"));

  page = OUTLAY_CATEGORIES_PAGE (outlay_categories_page_new (store));
  window = app_test_window_new (GTK_WIDGET (page));
  wait_for_row (page, "Food");

  /* Add */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "categories.add", NULL));
  answer_dialog ("  Travel ", "apply");
  wait_for_query (dsn, "SELECT count(*) FROM outlay.categories WHERE name = 'Travel' AND color IS NOT NULL");
  wait_for_row (page, "Travel");

  /* Rename */
  row = wait_for_row (page, "Food");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "category.rename", NULL));
  answer_dialog ("Groceries", "apply");
  wait_for_query (dsn, "SELECT count(*) FROM outlay.categories WHERE name = 'Groceries'");
  wait_for_row (page, "Groceries");

  /* Budget */
  row = wait_for_row (page, "Groceries");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "category.budget", NULL));
  answer_dialog ("300", "apply");
  wait_for_query (dsn, "SELECT count(*) FROM outlay.categories WHERE name = 'Groceries' AND monthly_budget = 300");

  /* Deleting one in use asks where its expenses go. */
  row = wait_for_row (page, "Groceries");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "category.delete", NULL));
  app_test_wait (dialog_shown, NULL);
  {
    AdwMessageDialog *dialog = app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    GtkDropDown *move_to = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));

    g_assert_nonnull (move_to);
    /* Rent and Travel, not itself. */
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (move_to)), ==, 2);
    gtk_drop_down_set_selected (move_to, 1);
    g_assert_cmpstr (outlay_category_get_name (gtk_drop_down_get_selected_item (move_to)), ==, "Travel");
    adw_message_dialog_response (dialog, "delete");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  wait_for_query (dsn, "SELECT (count (*) = 0)::int FROM outlay.categories WHERE name = 'Groceries'");
  wait_for_query (dsn, "SELECT count(*) FROM outlay.expenses e JOIN outlay.categories c"
                       " ON c.id = e.category_id WHERE c.name = 'Travel'");
  wait_for_no_row (page, "Groceries");

  /* Archive, which hides it unless asked */
  row = wait_for_row (page, "Travel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "category.archive", NULL));
  wait_for_query (dsn, "SELECT count(*) FROM outlay.categories WHERE name = 'Travel' AND archived");
  wait_for_no_row (page, "Travel");
  g_object_set (page, "show-archived", TRUE, NULL);
  wait_for_row (page, "Travel");

  /* Deleting an empty one */
  row = wait_for_row (page, "Rent");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "category.delete", NULL));
  answer_dialog (NULL, "delete");
  wait_for_query (dsn, "SELECT (count (*) = 0)::int FROM outlay.categories WHERE name = 'Rent'");
  wait_for_no_row (page, "Rent");

  gtk_window_destroy (window);
  app_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/outlay/app/categories-page/manage", test_manage);

  return g_test_run ();
}
