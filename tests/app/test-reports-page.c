/* test-reports-page.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-test-utils.h"
#include "outlay-bar-chart.h"
#include "outlay-date-button.h"
#include "outlay-donut-chart.h"
#include "outlay-expenses-page.h"
#include "outlay-reports-page.h"
#include "outlay-settings.h"
#include "outlay-window.h"

typedef struct
{
  OutlayReportsPage *page;
  gint64             grand_total;
} TotalWait;

/* The table's rows add up to what is expected, and the donut agrees. */
static gboolean
total_shown (gpointer data)
{
  TotalWait *wait = data;
  GPtrArray *totals = outlay_reports_page_get_totals (wait->page);
  OutlayDonutChart *donut = app_test_child (wait->page, OUTLAY_TYPE_REPORTS_PAGE, "donut");
  gint64 sum = 0;

  if (totals == NULL)
    return FALSE;

  for (guint i = 0; i < totals->len; i++)
    sum += ((OutlayCategoryTotal *) g_ptr_array_index (totals, i))->total;

  return sum == wait->grand_total && outlay_donut_chart_get_grand_total (donut) == sum;
}

static void
wait_for_total (OutlayReportsPage *page,
                gint64             grand_total)
{
  TotalWait wait = { page, grand_total };

  app_test_wait (total_shown, &wait);
}

static void
assert_row (OutlayReportsPage *page,
            guint              index,
            const char        *name,
            gint64             total,
            gint64             count)
{
  GPtrArray *totals = outlay_reports_page_get_totals (page);
  OutlayCategoryTotal *row;

  g_assert_nonnull (totals);
  g_assert_cmpuint (index, <, totals->len);
  row = g_ptr_array_index (totals, index);
  g_assert_cmpstr (row->name, ==, name);
  g_assert_cmpint (row->total, ==, total);
  g_assert_cmpint (row->count, ==, count);
}

static gboolean
this_month_bar_shown (gpointer data)
{
  return outlay_bar_chart_get_month_total (data, 11) == 56950;
}

static char *
iso_day (const GDate *month,
         int          months_back,
         int          day)
{
  GDate date = *month;

  g_date_set_day (&date, 1);
  g_date_subtract_months (&date, months_back);
  g_date_set_day (&date, day);

  return outlay_date_to_iso (&date);
}

typedef struct
{
  OutlayStore    *store;
  OutlayCategory *food;
  OutlayCategory *rent;
  OutlayCategory *fun;
} Books;

/* Three categories, spending this month and last month. */
static void
books_fill (Books       *books,
            OutlayStore *store,
            const char  *dsn)
{
  g_autofree char *this_1 = NULL, *this_2 = NULL, *last_15 = NULL;
  GDate today;

  outlay_date_set_today (&today);
  this_1 = iso_day (&today, 0, 1);
  this_2 = iso_day (&today, 0, 2);
  last_15 = iso_day (&today, 1, 15);

  books->store = store;
  books->food = app_test_add_category (store, "Food");
  books->rent = app_test_add_category (store, "Rent");
  books->fun = app_test_add_category (store, "Fun, Games");
  outlay_test_db_exec (dsn, "UPDATE outlay.categories SET monthly_budget = 20 WHERE name = 'Food'");

  g_object_unref (app_test_add_expense (store, books->food, "Bread", 1000, this_1));
  g_object_unref (app_test_add_expense (store, books->food, "Milk", 250, this_2));
  g_object_unref (app_test_add_expense (store, books->rent, "Rent", 50000, this_1));
  g_object_unref (app_test_add_expense (store, books->fun, "Cinema", 700, this_2));
  g_object_unref (app_test_add_expense (store, books->food, "Cheese", 300, last_15));
  g_object_unref (app_test_add_expense (store, books->fun, "Concert", 1200, last_15));
}

static void
books_clear (Books *books)
{
  g_clear_object (&books->food);
  g_clear_object (&books->rent);
  g_clear_object (&books->fun);
}

static void
test_totals (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(GFile) csv_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = outlay_test_make_tmp_dir ();
  g_autofree char *csv = NULL;
  g_autofree char *this_3 = NULL;
  Books books = { NULL };
  OutlayReportsPage *page;
  OutlayBarChart *bars;
  GtkStack *stack;
  GtkWindow *window;
  GDate today, start, end, first, last;

  books_fill (&books, store, dsn);

  page = OUTLAY_REPORTS_PAGE (outlay_reports_page_new (store));
  window = app_test_window_new (GTK_WIDGET (page));
  bars = app_test_child (page, OUTLAY_TYPE_REPORTS_PAGE, "bars");
  stack = app_test_child (page, OUTLAY_TYPE_REPORTS_PAGE, "stack");

  /* This month, largest first. */
  wait_for_total (page, 51950);
  assert_row (page, 0, "Rent", 50000, 1);
  assert_row (page, 1, "Food", 1250, 2);
  assert_row (page, 2, "Fun, Games", 700, 1);
  g_assert_cmpint (((OutlayCategoryTotal *) g_ptr_array_index (outlay_reports_page_get_totals (page), 1))->budget,
                   ==, 2000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "report");

  outlay_date_set_today (&today);
  outlay_date_month_bounds (&today, &first, &last);
  outlay_reports_page_get_range (page, &start, &end);
  g_assert_cmpint (g_date_compare (&start, &first), ==, 0);
  g_assert_cmpint (g_date_compare (&end, &last), ==, 0);

  /* A short period shows the bars of the last twelve months, ending with it. */
  g_assert_cmpuint (outlay_bar_chart_get_n_months (bars), ==, 12);

  /* A custom range over both months. */
  g_date_subtract_months (&first, 1);
  outlay_reports_page_set_period (page, OUTLAY_REPORT_PERIOD_CUSTOM, &first, &last);
  wait_for_total (page, 51950 + 1500);
  assert_row (page, 0, "Rent", 50000, 1);
  assert_row (page, 1, "Fun, Games", 1900, 2);
  assert_row (page, 2, "Food", 1550, 3);

  /* Last month alone. */
  outlay_date_month_bounds (&first, &first, &last);
  outlay_reports_page_set_period (page, OUTLAY_REPORT_PERIOD_CUSTOM, &first, &last);
  wait_for_total (page, 1500);
  assert_row (page, 0, "Fun, Games", 1200, 1);
  assert_row (page, 1, "Food", 300, 1);
  g_assert_cmpuint (outlay_reports_page_get_totals (page)->len, ==, 2);

  /* Nothing spent: the empty state. */
  g_date_subtract_months (&first, 36);
  outlay_date_month_bounds (&first, &first, &last);
  outlay_reports_page_set_period (page, OUTLAY_REPORT_PERIOD_CUSTOM, &first, &last);
  wait_for_total (page, 0);
  g_assert_cmpuint (outlay_reports_page_get_totals (page)->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  /* A new expense shows through the store's "changed" signal. */
  outlay_reports_page_set_period (page, OUTLAY_REPORT_PERIOD_THIS_MONTH, NULL, NULL);
  wait_for_total (page, 51950);
  this_3 = iso_day (&today, 0, 3);
  g_object_unref (app_test_add_expense (store, books.fun, "Board game", 5000, this_3));
  wait_for_total (page, 56950);
  assert_row (page, 1, "Fun, Games", 5700, 2);

  /* The bars know this month too (the last of twelve); they come in their
   * own query, so wait for them. */
  app_test_wait (this_month_bar_shown, bars);
  g_assert_cmpint (outlay_bar_chart_get_month_total (bars, 10), ==, 1500);

  /* CSV of the table, names quoted where they need it. */
  csv_file = g_file_new_build_filename (tmp, "report.csv", NULL);
  g_assert_true (outlay_reports_page_export (page, csv_file, OUTLAY_REPORT_FORMAT_CSV, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_load_contents (csv_file, NULL, &csv, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==,
                   "category,total,count\r\n"
                   "Rent,500.00,1\r\n"
                   "\"Fun, Games\",57.00,2\r\n"
                   "Food,12.50,2\r\n");

  /* The pictures come out as PNG and SVG. */
  {
    g_autoptr(GFile) png = g_file_new_build_filename (tmp, "report.png", NULL);
    g_autoptr(GFile) svg = g_file_new_build_filename (tmp, "report.svg", NULL);
    g_autofree char *png_data = NULL;
    g_autofree char *svg_data = NULL;
    gsize png_length;

    g_assert_true (outlay_reports_page_export (page, png, OUTLAY_REPORT_FORMAT_PNG, &error));
    g_assert_no_error (error);
    g_assert_true (outlay_reports_page_export (page, svg, OUTLAY_REPORT_FORMAT_SVG, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_load_contents (png, NULL, &png_data, &png_length, NULL, &error));
    g_assert_cmpuint (png_length, >, 8);
    g_assert_cmpmem (png_data, 8, "\x89PNG\r\n\x1a\n", 8);
    g_assert_true (g_file_load_contents (svg, NULL, &svg_data, NULL, NULL, &error));
    g_assert_nonnull (strstr (svg_data, "<svg"));
  }

  books_clear (&books);
  gtk_window_destroy (window);
  app_test_flush ();
}

static gboolean
view_is_expenses (gpointer data)
{
  AdwViewStack *views = app_test_child (data, OUTLAY_TYPE_WINDOW, "view_stack");

  return g_strcmp0 (adw_view_stack_get_visible_child_name (views), "expenses") == 0;
}

/* The app's window with @store's books, on the Reports view once it shows
 * this month's @grand_total. */
static OutlayWindow *
open_reports (OutlayStore        *store,
              gint64              grand_total,
              OutlayReportsPage **page)
{
  OutlayWindow *window = g_object_new (OUTLAY_TYPE_WINDOW, NULL);
  AdwViewStack *views = app_test_child (window, OUTLAY_TYPE_WINDOW, "view_stack");

  outlay_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  *page = app_test_child (window, OUTLAY_TYPE_WINDOW, "reports_page");
  adw_view_stack_set_visible_child_name (views, "reports");

  wait_for_total (*page, grand_total);
  app_test_flush ();

  return window;
}

/* The Expenses view comes up, searching @category's expenses in the days
 * the report covers. */
static void
assert_expenses_shown (OutlayWindow      *window,
                       OutlayReportsPage *page,
                       OutlayCategory    *category)
{
  OutlayExpensesPage *expenses = app_test_child (window, OUTLAY_TYPE_WINDOW, "expenses_page");
  GtkDropDown *filter_category = app_test_child (expenses, OUTLAY_TYPE_EXPENSES_PAGE, "filter_category");
  const GDate *filter_start, *filter_end;
  gboolean search_mode = FALSE;
  GDate start, end;

  app_test_wait (view_is_expenses, window);

  g_object_get (expenses, "search-mode", &search_mode, NULL);
  g_assert_true (search_mode);
  g_assert_nonnull (gtk_drop_down_get_selected_item (filter_category));
  g_assert_cmpint (outlay_category_get_id (gtk_drop_down_get_selected_item (filter_category)), ==,
                   outlay_category_get_id (category));

  outlay_reports_page_get_range (page, &start, &end);
  filter_start = outlay_date_button_get_date (app_test_child (expenses, OUTLAY_TYPE_EXPENSES_PAGE, "filter_start"));
  filter_end = outlay_date_button_get_date (app_test_child (expenses, OUTLAY_TYPE_EXPENSES_PAGE, "filter_end"));
  g_assert_nonnull (filter_start);
  g_assert_nonnull (filter_end);
  g_assert_cmpint (g_date_compare (filter_start, &start), ==, 0);
  g_assert_cmpint (g_date_compare (filter_end, &end), ==, 0);
}

/* Activating a row of the table shows that category's expenses of the
 * period in the Expenses view. */
static void
test_show_expenses (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  Books books = { NULL };
  OutlayWindow *window;
  OutlayReportsPage *page;
  GtkListBoxRow *row;

  books_fill (&books, store, dsn);
  window = open_reports (store, 51950, &page);

  /* The second row is Food. */
  row = gtk_list_box_get_row_at_index (app_test_child (page, OUTLAY_TYPE_REPORTS_PAGE, "table"), 1);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  assert_expenses_shown (window, page, books.food);

  books_clear (&books);
  gtk_window_destroy (GTK_WINDOW (window));
  app_test_flush ();
}

/* Presses @keyval, without modifiers, on @widget as its class's bindings
 * take it; TRUE when a binding consumed it. */
static gboolean
press_key (gpointer widget,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_error ("No binding for %s", gdk_keyval_name (keyval));
}

/* Keeps the category of the slice activated. */
static void
slice_activated_cb (OutlayDonutChart *donut,
                    gint64            category_id,
                    gint64           *activated)
{
  *activated = category_id;
}

/* The keyboard is on slice @index, @name's, which screen readers hear with
 * its amount and share of @grand_total. */
static void
assert_focused_slice (OutlayDonutChart *donut,
                      int               index,
                      const char       *name,
                      gint64            grand_total)
{
  GPtrArray *totals = outlay_donut_chart_get_totals (donut);
  const OutlayCategoryTotal *total;
  g_autofree char *amount = NULL;
  g_autofree char *label = NULL;
  g_autofree char *mismatch = NULL;

  g_assert_cmpint (outlay_donut_chart_get_focused_slice (donut), ==, index);
  g_assert_nonnull (totals);
  g_assert_cmpint (index, <, (int) totals->len);
  total = g_ptr_array_index (totals, index);
  g_assert_cmpstr (total->name, ==, name);

  amount = outlay_settings_format_money (outlay_settings_get_default (), total->total);
  label = g_strdup_printf ("Spending by category, %s: %s (%.0f%%)", name, amount,
                           100.0 * (double) total->total / (double) grand_total);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (donut),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  g_assert_null (mismatch);
}

/* The donut from the keyboard: arrows go round the slices, Home and End to
 * the ends, Enter and Space show the focused category's expenses as a
 * click does. */
static void
test_donut_keyboard (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autofree char *this_3 = NULL;
  Books books = { NULL };
  OutlayWindow *window;
  OutlayReportsPage *page;
  OutlayDonutChart *donut;
  GDate today, first, last;
  gint64 activated = 0;
  gulong handler;
  static const struct
  {
    guint       keyval;
    int         index;
    const char *name;
  } steps[] = {
    { GDK_KEY_Right, 1, "Food" },
    { GDK_KEY_Down, 2, "Fun, Games" },
    { GDK_KEY_Right, 0, "Rent" },
    { GDK_KEY_Left, 2, "Fun, Games" },
    { GDK_KEY_Up, 1, "Food" },
    { GDK_KEY_Home, 0, "Rent" },
    { GDK_KEY_End, 2, "Fun, Games" },
  };

  books_fill (&books, store, dsn);
  window = open_reports (store, 51950, &page);
  donut = app_test_child (page, OUTLAY_TYPE_REPORTS_PAGE, "donut");

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (donut)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (donut));

  /* Largest first, Rent, Food, Fun; the focus starts on the first and goes
   * round the ring both ways. */
  assert_focused_slice (donut, 0, "Rent", 51950);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (press_key (donut, steps[i].keyval));
      assert_focused_slice (donut, steps[i].index, steps[i].name, 51950);
    }

  /* The actions behind the keys, for whatever else drives them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (donut), "donut.previous-slice", NULL));
  assert_focused_slice (donut, 1, "Food", 51950);

  /* Enter and Space activate the focused slice, as a click does. */
  handler = g_signal_connect (donut, "slice-activated", G_CALLBACK (slice_activated_cb), &activated);
  g_assert_true (press_key (donut, GDK_KEY_space));
  g_assert_cmpint (activated, ==, outlay_category_get_id (books.food));
  activated = 0;
  g_assert_true (press_key (donut, GDK_KEY_KP_Enter));
  g_assert_cmpint (activated, ==, outlay_category_get_id (books.food));
  g_signal_handler_disconnect (donut, handler);
  app_test_wait (view_is_expenses, window);
  adw_view_stack_set_visible_child_name (app_test_child (window, OUTLAY_TYPE_WINDOW, "view_stack"),
                                         "reports");

  /* New totals move Food behind Fun; the focus goes with it. */
  outlay_date_set_today (&today);
  this_3 = iso_day (&today, 0, 3);
  g_object_unref (app_test_add_expense (store, books.fun, "Board game", 5000, this_3));
  wait_for_total (page, 56950);
  assert_focused_slice (donut, 2, "Food", 56950);

  /* With nothing spent there is no slice to focus, and the keys are left
   * to move the focus on. */
  outlay_date_month_bounds (&today, &first, &last);
  g_date_subtract_months (&first, 36);
  outlay_date_month_bounds (&first, &first, &last);
  outlay_reports_page_set_period (page, OUTLAY_REPORT_PERIOD_CUSTOM, &first, &last);
  wait_for_total (page, 0);
  g_assert_cmpint (outlay_donut_chart_get_focused_slice (donut), ==, -1);
  g_assert_false (press_key (donut, GDK_KEY_Right));
  g_assert_false (press_key (donut, GDK_KEY_Return));

  /* Back to this month, Enter on Food shows Food's expenses of the period. */
  outlay_reports_page_set_period (page, OUTLAY_REPORT_PERIOD_THIS_MONTH, NULL, NULL);
  wait_for_total (page, 56950);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (donut)));
  g_assert_true (press_key (donut, GDK_KEY_End));
  assert_focused_slice (donut, 2, "Food", 56950);
  g_assert_true (press_key (donut, GDK_KEY_Return));
  assert_expenses_shown (window, page, books.food);

  books_clear (&books);
  gtk_window_destroy (GTK_WINDOW (window));
  app_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/outlay/app/reports-page/totals", test_totals);
  g_test_add_func ("/outlay/app/reports-page/show-expenses", test_show_expenses);
  g_test_add_func ("/outlay/app/reports-page/donut-keyboard", test_donut_keyboard);

  return g_test_run ();
}
