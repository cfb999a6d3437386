/* test-category.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-core.h"

#include "core-test-utils.h"

static OutlayCategory *
make_full_category (void)
{
  return g_object_new (OUTLAY_TYPE_CATEGORY,
                       "id", G_GINT64_CONSTANT (7),
                       "name", "Food",
                       "color", "#33d17a",
                       "monthly-budget", G_GINT64_CONSTANT (40000),
                       "archived", TRUE,
                       "month-total", G_GINT64_CONSTANT (12345),
                       NULL);
}

static void
test_new (void)
{
  OutlayCategory *category = outlay_category_new ("Food");

  g_assert_cmpstr (outlay_category_get_name (category), ==, "Food");
  g_assert_cmpint (outlay_category_get_id (category), ==, 0);
  g_assert_null (outlay_category_get_color (category));
  g_assert_cmpint (outlay_category_get_monthly_budget (category), ==, 0);
  g_assert_false (outlay_category_get_archived (category));
  g_assert_cmpint (outlay_category_get_month_total (category), ==, 0);

  g_assert_finalize_object (category);
}

static void
test_properties (void)
{
  OutlayCategory *category = make_full_category ();
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  gint64 id, budget, total;
  gboolean archived;

  g_object_get (category,
                "id", &id,
                "name", &name,
                "color", &color,
                "monthly-budget", &budget,
                "archived", &archived,
                "month-total", &total,
                NULL);

  g_assert_cmpint (id, ==, 7);
  g_assert_cmpstr (name, ==, "Food");
  g_assert_cmpstr (color, ==, "#33d17a");
  g_assert_cmpint (budget, ==, 40000);
  g_assert_true (archived);
  g_assert_cmpint (total, ==, 12345);

  g_assert_finalize_object (category);
}

static void
test_notify_on_change_only (void)
{
  OutlayCategory *category = make_full_category ();
  g_autofree char *log_text = NULL;
  CoreNotifyLog log;

  core_notify_log_watch (&log, category);

  outlay_category_set_id (category, 7);
  outlay_category_set_name (category, "Food");
  outlay_category_set_color (category, "#33d17a");
  outlay_category_set_monthly_budget (category, 40000);
  outlay_category_set_archived (category, TRUE);
  /* Any true value is the same truth. */
  outlay_category_set_archived (category, 2);
  outlay_category_set_month_total (category, 12345);
  g_object_set (category, "name", "Food", "archived", TRUE, NULL);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "");
  g_clear_pointer (&log_text, g_free);

  outlay_category_set_id (category, 8);
  outlay_category_set_name (category, "food");
  outlay_category_set_color (category, NULL);
  outlay_category_set_monthly_budget (category, 0);
  outlay_category_set_archived (category, FALSE);
  outlay_category_set_month_total (category, 1);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "archived color id month-total monthly-budget name");
  g_clear_pointer (&log_text, g_free);

  g_object_set (category, "color", "#3584e4", "monthly-budget", G_GINT64_CONSTANT (0), NULL);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "color");

  g_assert_finalize_object (category);
  core_notify_log_clear (&log);
}

/* The month total is copied after the name: seeing it new while hearing of
 * the name means the notifications waited for the whole update. */
static void
on_name_notified_cb (OutlayCategory *category,
                     GParamSpec     *pspec,
                     gboolean       *saw_new_total)
{
  *saw_new_total = outlay_category_get_month_total (category) == 99;
}

static void
test_update_from (void)
{
  OutlayCategory *category = make_full_category ();
  OutlayCategory *other = make_full_category ();
  g_autofree char *log_text = NULL;
  gboolean saw_new_total = FALSE;
  CoreNotifyLog log;

  core_notify_log_watch (&log, category);
  g_signal_connect (category, "notify::name", G_CALLBACK (on_name_notified_cb), &saw_new_total);

  outlay_category_update_from (category, other);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "");
  g_clear_pointer (&log_text, g_free);

  outlay_category_set_name (other, "Groceries");
  outlay_category_set_month_total (other, 99);
  outlay_category_update_from (category, other);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "month-total name");
  g_assert_true (saw_new_total);
  g_clear_pointer (&log_text, g_free);

  g_assert_cmpint (outlay_category_get_id (category), ==, 7);
  g_assert_cmpstr (outlay_category_get_name (category), ==, "Groceries");
  g_assert_cmpstr (outlay_category_get_color (category), ==, "#33d17a");
  g_assert_cmpint (outlay_category_get_monthly_budget (category), ==, 40000);
  g_assert_true (outlay_category_get_archived (category));
  g_assert_cmpint (outlay_category_get_month_total (category), ==, 99);

  g_clear_object (&other);
  other = outlay_category_new (NULL);
  outlay_category_update_from (category, other);
  log_text = core_notify_log_take (&log);
  g_assert_cmpstr (log_text, ==, "archived color id month-total monthly-budget name");
  g_assert_null (outlay_category_get_name (category));

  g_assert_finalize_object (category);
  g_assert_finalize_object (other);
  core_notify_log_clear (&log);
}

static void
test_validate_name (void)
{
  static const char * const good[] = {
    "Food", "  Food  ", "Café & Restaurants", "食品", "x",
  };
  static const struct
  {
    const char *name;
    const char *message;
  } bad[] = {
    { NULL, "Enter a name for the category" },
    { "", "Enter a name for the category" },
    { " \t\u00a0", "Enter a name for the category" },
    { "Food\nDrink", "The name must be a single line without tabs" },
    { "Food\tDrink", "The name must be a single line without tabs" },
    { "Food\x7f", "The name must be a single line without tabs" },
    { "Caf\xe9", "The name contains characters that are not text" },
  };
  g_autoptr(GString) long_name = g_string_new (" ");
  g_autoptr(GError) long_error = NULL;
  gsize i;

  /* Characters count, not bytes, and not the spaces around the name. */
  for (i = 0; i < OUTLAY_CATEGORY_NAME_MAX; i++)
    g_string_append (long_name, "é");
  g_string_append (long_name, "  ");
  g_assert_true (outlay_category_validate_name (long_name->str, &long_error));
  g_assert_no_error (long_error);

  g_string_insert (long_name, 1, "é");
  g_assert_false (outlay_category_validate_name (long_name->str, &long_error));
  g_assert_error (long_error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
  g_assert_cmpstr (long_error->message, ==, "Name is too long: 51 characters, at most 50");

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("accepting “%s”", good[i]);
      g_assert_true (outlay_category_validate_name (good[i], &error));
      g_assert_no_error (error);
    }

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (outlay_category_validate_name (bad[i].name, &error));
      g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_validate_color (void)
{
  static const char * const good[] = { NULL, "#3584e4", "#3584E4", "#000000", "#ffffff" };
  static const char * const bad[] = {
    "", "#", "3584e4", "#3584e", "#3584e4f", "#zzzzzz", "#3584e4 ", "blue", "rgb(0,0,0)",
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (outlay_category_validate_color (good[i], &error));
      g_assert_no_error (error);
    }

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = g_strdup_printf ("“%s” is not a color of the form #rrggbb", bad[i]);

      g_assert_false (outlay_category_validate_color (bad[i], &error));
      g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
      g_assert_cmpstr (error->message, ==, message);
    }
}

static void
assert_category_invalid (OutlayCategory *category,
                         const char     *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (outlay_category_validate (category, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_validate (void)
{
  g_autoptr(GError) error = NULL;
  OutlayCategory *category;

  if (!core_test_use_locale ("C.UTF-8"))
    return;

  category = make_full_category ();
  g_assert_true (outlay_category_validate (category, &error));
  g_assert_no_error (error);

  outlay_category_set_monthly_budget (category, OUTLAY_MONEY_MAX);
  g_assert_true (outlay_category_validate (category, &error));
  g_assert_no_error (error);

  outlay_category_set_monthly_budget (category, OUTLAY_MONEY_MAX + 1);
  assert_category_invalid (category, "The monthly budget must be between zero and 999999999999.99");
  outlay_category_set_monthly_budget (category, -1);
  assert_category_invalid (category, "The monthly budget must be between zero and 999999999999.99");
  outlay_category_set_monthly_budget (category, 0);

  /* No color yet is fine; the list shows a default. */
  outlay_category_set_color (category, NULL);
  g_assert_true (outlay_category_validate (category, &error));
  g_assert_no_error (error);

  outlay_category_set_color (category, "green");
  assert_category_invalid (category, "“green” is not a color of the form #rrggbb");

  outlay_category_set_name (category, " ");
  assert_category_invalid (category, "Enter a name for the category");

  g_assert_finalize_object (category);
}

static void
test_default_color (void)
{
  /* The GNOME palette, in order. */
  static const char * const expected[] = {
    "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac", "#986a44", "#2190a4",
  };
  guint period;
  guint i, j;

  for (i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (outlay_category_default_color (i), ==, expected[i]);

  for (period = 1; period < 1000; period++)
    {
      if (g_str_equal (outlay_category_default_color (period), outlay_category_default_color (0)))
        break;
    }
  g_assert_cmpuint (period, >=, G_N_ELEMENTS (expected));
  g_assert_cmpuint (period, <, 1000);

  for (i = 0; i < period; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (outlay_category_validate_color (outlay_category_default_color (i), &error));
      g_assert_no_error (error);

      /* Distinct within a cycle, repeating after it. */
      for (j = i + 1; j < period; j++)
        g_assert_cmpstr (outlay_category_default_color (i), !=, outlay_category_default_color (j));
      g_assert_cmpstr (outlay_category_default_color (i), ==, outlay_category_default_color (i + period));
    }

  g_assert_nonnull (outlay_category_default_color (G_MAXUINT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/outlay/category/new", test_new);
  g_test_add_func ("/outlay/category/properties", test_properties);
  g_test_add_func ("/outlay/category/notify-on-change-only", test_notify_on_change_only);
  g_test_add_func ("/outlay/category/update-from", test_update_from);
  g_test_add_func ("/outlay/category/validate-name", test_validate_name);
  g_test_add_func ("/outlay/category/validate-color", test_validate_color);
  g_test_add_func ("/outlay/category/validate", test_validate);
  g_test_add_func ("/outlay/category/default-color", test_default_color);

  return g_test_run ();
}
