/* test-quick-entry.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-test-utils.h"
#include "outlay-category-list.h"
#include "outlay-quick-entry.h"

typedef struct
{
  OutlayStore      *store;
  char             *dsn;
  OutlayQuickEntry *entry;
  GtkWindow        *window;
  GtkEditable      *amount;
  GtkEditable      *description;
  GtkDropDown      *category;
  GtkWidget        *error_label;
  gboolean          saved;
} Fixture;

static gboolean
categories_shown (gpointer data)
{
  Fixture *fixture = data;

  return gtk_drop_down_get_selected_item (fixture->category) != NULL;
}

static void
saved_cb (OutlayQuickEntry *entry,
          OutlayExpense    *expense,
          Fixture          *fixture)
{
  fixture->saved = TRUE;
}

/* What Enter in an entry does (GtkEntry has no activate_signal for
 * gtk_widget_activate()). */
static void
press_enter (GtkEditable *entry)
{
  g_signal_emit_by_name (entry, "activate");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = outlay_test_db_new_store (&fixture->dsn);

  fixture->entry = OUTLAY_QUICK_ENTRY (outlay_quick_entry_new ());
  fixture->amount = app_test_child (fixture->entry, OUTLAY_TYPE_QUICK_ENTRY, "amount_entry");
  fixture->description = app_test_child (fixture->entry, OUTLAY_TYPE_QUICK_ENTRY, "description_entry");
  fixture->category = app_test_child (fixture->entry, OUTLAY_TYPE_QUICK_ENTRY, "category_dropdown");
  fixture->error_label = app_test_child (fixture->entry, OUTLAY_TYPE_QUICK_ENTRY, "error_label");
  g_signal_connect (fixture->entry, "saved", G_CALLBACK (saved_cb), fixture);

  fixture->window = app_test_window_new (GTK_WIDGET (fixture->entry));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  app_test_flush ();
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->dsn, g_free);
}

static gint64
count_expenses (Fixture *fixture)
{
  return outlay_test_db_query_int64 (fixture->dsn, "SELECT count(*) FROM outlay.expenses");
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(OutlayCategory) food = app_test_add_category (fixture->store, "Food");
  g_autofree char *query = NULL;
  g_autofree char *description = NULL;
  g_autofree char *amount = NULL;
  GtkWidget *focus;

  outlay_quick_entry_set_store (fixture->entry, fixture->store);
  app_test_wait (categories_shown, fixture);

  gtk_editable_set_text (fixture->amount, "12.50");
  gtk_editable_set_text (fixture->description, "  Lunch at the corner  ");
  press_enter (fixture->description);
  outlay_test_wait_for (&fixture->saved);

  g_assert_cmpint (count_expenses (fixture), ==, 1);
  description = outlay_test_db_query_value (fixture->dsn, "SELECT description FROM outlay.expenses");
  g_assert_cmpstr (description, ==, "Lunch at the corner");
  amount = outlay_test_db_query_value (fixture->dsn, "SELECT amount FROM outlay.expenses");
  g_assert_cmpstr (amount, ==, "12.50");
  query = g_strdup_printf ("SELECT count(*) FROM outlay.expenses"
                           " WHERE category_id = %" G_GINT64_FORMAT " AND spent_on = current_date",
                           outlay_category_get_id (food));
  g_assert_cmpint (outlay_test_db_query_int64 (fixture->dsn, query), ==, 1);

  /* Ready for the next one: text gone, category kept, focus on the amount. */
  g_assert_cmpstr (gtk_editable_get_text (fixture->amount), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (fixture->description), ==, "");
  g_assert_true (gtk_drop_down_get_selected_item (fixture->category) != NULL);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (fixture->amount) ||
                 gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->amount)));

  /* Enter in the amount saves too. */
  fixture->saved = FALSE;
  gtk_editable_set_text (fixture->amount, "3");
  gtk_editable_set_text (fixture->description, "Coffee");
  press_enter (fixture->amount);
  outlay_test_wait_for (&fixture->saved);
  g_assert_cmpint (count_expenses (fixture), ==, 2);
}

static void
test_invalid_amount (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(OutlayCategory) food = app_test_add_category (fixture->store, "Food");
  const char *bad_amounts[] = { "abc", "0", "-4", "1.234", "" };

  outlay_quick_entry_set_store (fixture->entry, fixture->store);
  app_test_wait (categories_shown, fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad_amounts); i++)
    {
      gtk_editable_set_text (fixture->amount, bad_amounts[i]);
      gtk_editable_set_text (fixture->description, "Lunch");
      press_enter (fixture->amount);
      app_test_flush ();

      /* Not saved, marked, explained, and nothing typed is lost. */
      g_assert_false (fixture->saved);
      g_assert_cmpint (count_expenses (fixture), ==, 0);
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->amount), "error"));
      g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (fixture->amount)));
      g_assert_true (gtk_widget_get_visible (fixture->error_label));
      g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fixture->description), "error"));
      g_assert_cmpstr (gtk_editable_get_text (fixture->amount), ==, bad_amounts[i]);
      g_assert_cmpstr (gtk_editable_get_text (fixture->description), ==, "Lunch");
    }

  /* Typing again clears the mark. */
  gtk_editable_set_text (fixture->amount, "4");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fixture->amount), "error"));
  g_assert_false (gtk_widget_get_visible (fixture->error_label));
}

static void
test_invalid_description (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(OutlayCategory) food = app_test_add_category (fixture->store, "Food");
  g_autoptr(GString) long_text = g_string_new (NULL);

  outlay_quick_entry_set_store (fixture->entry, fixture->store);
  app_test_wait (categories_shown, fixture);

  gtk_editable_set_text (fixture->amount, "5");
  gtk_editable_set_text (fixture->description, "   ");
  outlay_quick_entry_save (fixture->entry);
  app_test_flush ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->description), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (fixture->amount), "error"));

  for (guint i = 0; i < OUTLAY_DESCRIPTION_MAX + 1; i++)
    g_string_append (long_text, "é");
  gtk_editable_set_text (fixture->description, long_text->str);
  outlay_quick_entry_save (fixture->entry);
  app_test_flush ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->description), "error"));
  g_assert_cmpint (count_expenses (fixture), ==, 0);
}

static gboolean
categories_loaded (gpointer data)
{
  Fixture *fixture = data;
  OutlayCategoryList *list = outlay_category_list_get_for_store (fixture->store);

  return outlay_category_list_get_loaded (list);
}

static void
test_no_category (Fixture       *fixture,
                  gconstpointer  data)
{
  outlay_quick_entry_set_store (fixture->entry, fixture->store);
  app_test_wait (categories_loaded, fixture);

  gtk_editable_set_text (fixture->amount, "5");
  gtk_editable_set_text (fixture->description, "Bus");
  outlay_quick_entry_save (fixture->entry);
  app_test_flush ();

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->category), "error"));
  g_assert_true (gtk_widget_get_visible (fixture->error_label));
  g_assert_cmpint (count_expenses (fixture), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (fixture->description), ==, "Bus");
}

static gboolean
suggestions_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *popover = app_test_child (fixture->entry, OUTLAY_TYPE_QUICK_ENTRY, "suggestions_popover");

  return gtk_widget_get_visible (popover);
}

static void
test_suggestions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(OutlayCategory) food = app_test_add_category (fixture->store, "Food");
  g_autoptr(OutlayCategory) transport = app_test_add_category (fixture->store, "Transport");
  GtkListBox *list = app_test_child (fixture->entry, OUTLAY_TYPE_QUICK_ENTRY, "suggestions_list");
  GtkListBoxRow *row;

  g_object_unref (app_test_add_expense (fixture->store, transport, "Bus ticket", 250, "2025-03-01"));
  g_object_unref (app_test_add_expense (fixture->store, transport, "Bus ticket", 250, "2025-03-02"));
  g_object_unref (app_test_add_expense (fixture->store, food, "Bakery", 300, "2025-03-02"));

  outlay_quick_entry_set_store (fixture->entry, fixture->store);
  app_test_wait (categories_shown, fixture);
  g_assert_cmpstr (outlay_category_get_name (gtk_drop_down_get_selected_item (fixture->category)), ==, "Food");

  /* Typing a description offers the ones used before. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->description));
  gtk_editable_set_text (fixture->description, "bu");
  app_test_wait (suggestions_shown, fixture);

  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));

  /* Choosing one fills it in, with the category it usually goes under. */
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (gtk_editable_get_text (fixture->description), ==, "Bus ticket");
  g_assert_cmpstr (outlay_category_get_name (gtk_drop_down_get_selected_item (fixture->category)), ==, "Transport");
  g_assert_false (suggestions_shown (fixture));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add ("/outlay/app/quick-entry/add", Fixture, NULL,
              fixture_set_up, test_add, fixture_tear_down);
  g_test_add ("/outlay/app/quick-entry/invalid-amount", Fixture, NULL,
              fixture_set_up, test_invalid_amount, fixture_tear_down);
  g_test_add ("/outlay/app/quick-entry/invalid-description", Fixture, NULL,
              fixture_set_up, test_invalid_description, fixture_tear_down);
  g_test_add ("/outlay/app/quick-entry/no-category", Fixture, NULL,
              fixture_set_up, test_no_category, fixture_tear_down);
  g_test_add ("/outlay/app/quick-entry/suggestions", Fixture, NULL,
              fixture_set_up, test_suggestions, fixture_tear_down);

  return g_test_run ();
}
