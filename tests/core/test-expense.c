/* test-expense.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-core.h"

#include "core-test-utils.h"

static void
set_day (GDate *date,
         guint  year,
         guint  month,
         guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* An expense with every property set, none to its default. */
static OutlayExpense *
make_full_expense (void)
{
  g_autoptr(GDateTime) created = g_date_time_new_utc (2025, 3, 31, 12, 0, 0);
  g_autoptr(GDateTime) updated = g_date_time_new_utc (2025, 4, 1, 8, 30, 0);
  OutlayExpense *expense;
  GDate date;

  set_day (&date, 2025, 3, 31);
  expense = g_object_new (OUTLAY_TYPE_EXPENSE,
                          "id", G_GINT64_CONSTANT (42),
                          "uuid", "5f0c6a1e-8d3b-4c8e-9a41-2b7f0e6d9c13",
                          "description", "Groceries",
                          "amount", G_GINT64_CONSTANT (1250),
                          "date", &date,
                          "category-id", G_GINT64_CONSTANT (7),
                          "category-name", "Food",
                          "category-color", "#33d17a",
                          "note", "Market on Saturday",
                          "created-at", created,
                          "updated-at", updated,
                          "version", 3,
                          NULL);

  return expense;
}

static void
assert_same_properties (OutlayExpense *a,
                        OutlayExpense *b)
{
  g_assert_cmpint (outlay_expense_get_id (a), ==, outlay_expense_get_id (b));
  g_assert_cmpstr (outlay_expense_get_uuid (a), ==, outlay_expense_get_uuid (b));
  g_assert_cmpstr (outlay_expense_get_description (a), ==, outlay_expense_get_description (b));
  g_assert_cmpint (outlay_expense_get_amount (a), ==, outlay_expense_get_amount (b));
  g_assert_cmpint (g_date_compare (outlay_expense_get_date (a), outlay_expense_get_date (b)), ==, 0);
  g_assert_cmpint (outlay_expense_get_category_id (a), ==, outlay_expense_get_category_id (b));
  g_assert_cmpstr (outlay_expense_get_category_name (a), ==, outlay_expense_get_category_name (b));
  g_assert_cmpstr (outlay_expense_get_category_color (a), ==, outlay_expense_get_category_color (b));
  g_assert_cmpstr (outlay_expense_get_note (a), ==, outlay_expense_get_note (b));
  g_assert_true (g_date_time_equal (outlay_expense_get_created_at (a), outlay_expense_get_created_at (b)));
  g_assert_true (g_date_time_equal (outlay_expense_get_updated_at (a), outlay_expense_get_updated_at (b)));
  g_assert_cmpint (outlay_expense_get_version (a), ==, outlay_expense_get_version (b));
}

static void
test_new (void)
{
  OutlayExpense *expense;
  OutlayExpense *other;
  const GDate *date;
  GDate before;
  GDate after;

  outlay_date_set_today (&before);
  expense = outlay_expense_new ();
  other = outlay_expense_new ();
  outlay_date_set_today (&after);

  g_assert_true (g_uuid_string_is_valid (outlay_expense_get_uuid (expense)));
  g_assert_cmpstr (outlay_expense_get_uuid (expense), !=, outlay_expense_get_uuid (other));

  /* Midnight may pass while the expense is made; either day is right. */
  date = outlay_expense_get_date (expense);
  g_assert_nonnull (date);
  g_assert_true (g_date_compare (date, &before) == 0 || g_date_compare (date, &after) == 0);

  g_assert_cmpint (outlay_expense_get_id (expense), ==, 0);
  g_assert_null (outlay_expense_get_description (expense));
  g_assert_cmpint (outlay_expense_get_amount (expense), ==, 0);
  g_assert_cmpint (outlay_expense_get_category_id (expense), ==, 0);
  g_assert_null (outlay_expense_get_category_name (expense));
  g_assert_null (outlay_expense_get_category_color (expense));
  g_assert_null (outlay_expense_get_note (expense));
  g_assert_null (outlay_expense_get_created_at (expense));
  g_assert_null (outlay_expense_get_updated_at (expense));
  g_assert_cmpint (outlay_expense_get_version (expense), ==, 0);

  g_assert_finalize_object (expense);
  g_assert_finalize_object (other);
}

/* Every property reads back through GObject what was written through it. */
static void
test_properties (void)
{
  OutlayExpense *expense = make_full_expense ();
  g_autofree char *uuid = NULL;
  g_autofree char *description = NULL;
  g_autofree char *category_name = NULL;
  g_autofree char *category_color = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  GDate *date = NULL;
  gint64 id, amount, category_id;
  int version;

  g_object_get (expense,
                "id", &id,
                "uuid", &uuid,
                "description", &description,
                "amount", &amount,
                "date", &date,
                "category-id", &category_id,
                "category-name", &category_name,
                "category-color", &category_color,
                "note", &note,
                "created-at", &created,
                "updated-at", &updated,
                "version", &version,
                NULL);

  g_assert_cmpint (id, ==, 42);
  g_assert_cmpstr (uuid, ==, "5f0c6a1e-8d3b-4c8e-9a41-2b7f0e6d9c13");
  g_assert_cmpstr (description, ==, "Groceries");
  g_assert_cmpint (amount, ==, 1250);
  g_assert_nonnull (date);
  g_assert_cmpuint (g_date_get_julian (date), ==, g_date_get_julian (outlay_expense_get_date (expense)));
  g_assert_cmpuint (g_date_get_day (date), ==, 31);
  g_assert_cmpint (category_id, ==, 7);
  g_assert_cmpstr (category_name, ==, "Food");
  g_assert_cmpstr (category_color, ==, "#33d17a");
  g_assert_cmpstr (note, ==, "Market on Saturday");
  g_assert_cmpint (g_date_time_get_month (created), ==, 3);
  g_assert_cmpint (g_date_time_get_hour (updated), ==, 8);
  g_assert_cmpint (version, ==, 3);

  /* The getter hands out the expense's own date, not a copy of the caller's. */
  g_assert_true (outlay_expense_get_date (expense) != date);
  g_date_free (date);

  outlay_expense_set_date (expense, NULL);
  g_assert_null (outlay_expense_get_date (expense));
  g_object_get (expense, "date", &date, NULL);
  g_assert_null (date);

  g_assert_finalize_object (expense);
}

/* Each setter notifies exactly once when the value changes and never when
 * it does not, whether called directly or through g_object_set(). */
static void
test_notify_on_change_only (void)
{
  OutlayExpense *expense = make_full_expense ();
  g_autoptr(GDateTime) same_created = g_date_time_new_utc (2025, 3, 31, 12, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autofree char *log_text = NULL;
  CoreNotifyLog log;
  GDate date;
  GDate invalid;

  core_notify_log_watch (&log, expense);

  /* The same values again: silence. */
  set_day (&date, 2025, 3, 31);
  g_date_clear (&invalid, 1);
  outlay_expense_set_id (expense, 42);
  outlay_expense_set_uuid (expense, "5f0c6a1e-8d3b-4c8e-9a41-2b7f0e6d9c13");
  outlay_expense_set_description (expense, "Groceries");
  outlay_expense_set_amount (expense, 1250);
  outlay_expense_set_date (expense, &date);
  outlay_expense_set_category_id (expense, 7);
  outlay_expense_set_category_name (expense, "Food");
  outlay_expense_set_category_color (expense, "#33d17a");
  outlay_expense_set_note (expense, "Market on Saturday");
  outlay_expense_set_created_at (expense, same_created);
  outlay_expense_set_version (expense, 3);
  g_object_set (expense,
                "description", "Groceries",
                "amount", G_GINT64_CONSTANT (1250),
                "date", &date,
                "version", 3,
                NULL);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "");
  g_clear_pointer (&log_text, g_free);

  /* One notification per change. */
  set_day (&date, 2025, 4, 1);
  outlay_expense_set_id (expense, 43);
  outlay_expense_set_uuid (expense, "0b8e2d55-1c47-4f0a-8e33-7d6a9b1c2e40");
  outlay_expense_set_description (expense, "Bread");
  outlay_expense_set_amount (expense, 350);
  outlay_expense_set_date (expense, &date);
  outlay_expense_set_category_id (expense, 8);
  outlay_expense_set_category_name (expense, "Bakery");
  outlay_expense_set_category_color (expense, "#f6d32d");
  outlay_expense_set_note (expense, NULL);
  outlay_expense_set_created_at (expense, later);
  outlay_expense_set_updated_at (expense, NULL);
  outlay_expense_set_version (expense, 4);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==,
                   "amount category-color category-id category-name created-at date "
                   "description id note updated-at uuid version");
  g_clear_pointer (&log_text, g_free);

  /* NULL to NULL, unset to unset (an invalid GDate unsets too). */
  outlay_expense_set_note (expense, NULL);
  outlay_expense_set_updated_at (expense, NULL);
  outlay_expense_set_date (expense, NULL);
  outlay_expense_set_date (expense, &invalid);
  outlay_expense_set_date (expense, NULL);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "date");
  g_clear_pointer (&log_text, g_free);

  g_object_set (expense, "amount", G_GINT64_CONSTANT (351), "note", "", NULL);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "amount note");

  g_assert_finalize_object (expense);
  core_notify_log_clear (&log);
}

/* The version is copied last: seeing it new while hearing of the amount
 * means the notifications waited for the whole update. */
static void
on_amount_notified_cb (OutlayExpense *expense,
                       GParamSpec    *pspec,
                       gboolean      *saw_new_version)
{
  *saw_new_version = outlay_expense_get_version (expense) == 9;
}

static void
test_update_from (void)
{
  OutlayExpense *expense = make_full_expense ();
  OutlayExpense *other = make_full_expense ();
  g_autofree char *log_text = NULL;
  gboolean saw_new_version = FALSE;
  CoreNotifyLog log;

  core_notify_log_watch (&log, expense);
  g_signal_connect (expense, "notify::amount", G_CALLBACK (on_amount_notified_cb), &saw_new_version);

  /* Nothing differs: nothing to tell a bound row. */
  outlay_expense_update_from (expense, other);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "");
  g_clear_pointer (&log_text, g_free);

  /* Two differ: two notifications, sent once both values are in place. */
  outlay_expense_set_amount (other, 350);
  outlay_expense_set_version (other, 9);
  outlay_expense_update_from (expense, other);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "amount version");
  g_assert_true (saw_new_version);
  assert_same_properties (expense, other);
  g_clear_pointer (&log_text, g_free);

  /* From an empty expense, every property that was set changes. */
  g_clear_object (&other);
  other = g_object_new (OUTLAY_TYPE_EXPENSE, NULL);
  outlay_expense_update_from (expense, other);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==,
                   "amount category-color category-id category-name created-at date "
                   "description id note updated-at uuid version");
  g_assert_null (outlay_expense_get_date (expense));
  g_assert_null (outlay_expense_get_created_at (expense));
  g_assert_null (outlay_expense_get_description (expense));

  g_assert_finalize_object (expense);
  g_assert_finalize_object (other);
  core_notify_log_clear (&log);
}

static void
test_copy (void)
{
  OutlayExpense *expense = make_full_expense ();
  OutlayExpense *copy = outlay_expense_copy (expense);

  g_assert_true (copy != expense);
  assert_same_properties (expense, copy);

  /* Independent afterwards. */
  outlay_expense_set_description (copy, "Changed");
  g_assert_cmpstr (outlay_expense_get_description (expense), ==, "Groceries");

  g_assert_finalize_object (copy);
  g_assert_finalize_object (expense);
}

static void
assert_invalid (OutlayExpense *expense,
                int            code,
                const char    *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (outlay_expense_validate (expense, &error));
  g_assert_error (error, OUTLAY_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_validate (void)
{
  g_autoptr(GError) error = NULL;
  OutlayExpense *expense;

  if (!core_test_use_locale ("C.UTF-8"))
    return;

  expense = make_full_expense ();
  g_assert_true (outlay_expense_validate (expense, &error));
  g_assert_no_error (error);

  outlay_expense_set_category_id (expense, 0);
  assert_invalid (expense, OUTLAY_ERROR_INVALID_CATEGORY, "Choose a category");

  /* The first problem wins: the date before the category. */
  outlay_expense_set_date (expense, NULL);
  assert_invalid (expense, OUTLAY_ERROR_INVALID_DATE, "Choose a date");

  outlay_expense_set_amount (expense, 0);
  assert_invalid (expense, OUTLAY_ERROR_INVALID_AMOUNT, "Amount must be greater than zero");
  outlay_expense_set_amount (expense, -100);
  assert_invalid (expense, OUTLAY_ERROR_INVALID_AMOUNT, "Amount must be greater than zero");
  outlay_expense_set_amount (expense, OUTLAY_MONEY_MAX + 1);
  assert_invalid (expense, OUTLAY_ERROR_INVALID_AMOUNT,
                  "Amount is too large: at most 999999999999.99");

  outlay_expense_set_description (expense, NULL);
  assert_invalid (expense, OUTLAY_ERROR_INVALID_DESCRIPTION, "Enter a description");

  g_assert_finalize_object (expense);
}

static void
test_validate_date_range (void)
{
  OutlayExpense *expense = make_full_expense ();
  GDate date;

  set_day (&date, 1899, 12, 31);
  outlay_expense_set_date (expense, &date);
  assert_invalid (expense, OUTLAY_ERROR_INVALID_DATE,
                  "Choose a date between the years 1900 and 9999");

  g_assert_finalize_object (expense);
}

static void
test_validate_description (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint i;

  g_assert_true (outlay_validate_description ("Groceries", &error));
  g_assert_no_error (error);
  g_assert_true (outlay_validate_description (" x ", &error));
  g_assert_no_error (error);

  g_assert_false (outlay_validate_description (NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION);
  g_assert_cmpstr (error->message, ==, "Enter a description");
  g_clear_error (&error);

  g_assert_false (outlay_validate_description ("", &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION);
  g_assert_cmpstr (error->message, ==, "Enter a description");
  g_clear_error (&error);

  g_assert_false (outlay_validate_description (" \t\n\u00a0\u202f", &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION);
  g_assert_cmpstr (error->message, ==, "Enter a description");
  g_clear_error (&error);

  g_assert_false (outlay_validate_description ("Caf\xe9", &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION);
  g_clear_error (&error);

  /* Characters count, not bytes: 200 two-byte characters fit. */
  for (i = 0; i < OUTLAY_DESCRIPTION_MAX; i++)
    g_string_append (long_text, "é");
  g_assert_true (outlay_validate_description (long_text->str, &error));
  g_assert_no_error (error);

  for (; i < 230; i++)
    g_string_append (long_text, "é");
  g_assert_false (outlay_validate_description (long_text->str, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION);
  g_assert_cmpstr (error->message, ==, "Description is too long: 230 characters, at most 200");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/outlay/expense/new", test_new);
  g_test_add_func ("/outlay/expense/properties", test_properties);
  g_test_add_func ("/outlay/expense/notify-on-change-only", test_notify_on_change_only);
  g_test_add_func ("/outlay/expense/update-from", test_update_from);
  g_test_add_func ("/outlay/expense/copy", test_copy);
  g_test_add_func ("/outlay/expense/validate", test_validate);
  g_test_add_func ("/outlay/expense/validate/date-range", test_validate_date_range);
  g_test_add_func ("/outlay/expense/validate/description", test_validate_description);

  return g_test_run ();
}
