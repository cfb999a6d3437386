/* test-calendar.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-test-utils.h"
#include "outlay-calendar.h"
#include "outlay-date-button.h"
#include "outlay-settings.h"

/*
 * OutlayCalendar on its own and in the date button's popover. No books are
 * needed. The C locale names the days "Mon", "Tue", … and November 1, 2026
 * is a Sunday.
 */

typedef struct
{
  OutlayCalendar *calendar;
  GtkWindow      *window;
  guint           n_selected;
  guint           n_date_notifies;
} Fixture;

static void
day_selected_cb (OutlayCalendar *calendar,
                 Fixture        *fixture)
{
  fixture->n_selected++;
}

static void
date_notified_cb (OutlayCalendar *calendar,
                  GParamSpec     *pspec,
                  Fixture        *fixture)
{
  fixture->n_date_notifies++;
}

static gboolean
day_chosen (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_selected > 0;
}

static gboolean
popover_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* What Enter or space on @button does; it clicks after a moment. */
static void
press_enter (GtkWidget *button)
{
  g_assert_true (gtk_widget_activate (button));
}

static void
parse_day (const char *iso,
           GDate      *day)
{
  g_autoptr(GError) error = NULL;

  outlay_date_parse_iso (iso, day, &error);
  g_assert_no_error (error);
}

static void
set_day (OutlayCalendar *calendar,
         const char     *iso)
{
  GDate day;

  parse_day (iso, &day);
  outlay_calendar_set_date (calendar, &day);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->calendar = OUTLAY_CALENDAR (outlay_calendar_new ());
  g_signal_connect (fixture->calendar, "day-selected", G_CALLBACK (day_selected_cb), fixture);
  g_signal_connect (fixture->calendar, "notify::date", G_CALLBACK (date_notified_cb), fixture);

  fixture->window = app_test_window_new (GTK_WIDGET (fixture->calendar));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  app_test_flush ();
}

/* Row 0 of the grid names the weekdays, rows 1 to 6 hold the days. */
static GtkWidget *
cell (OutlayCalendar *calendar,
      guint           column,
      guint           row)
{
  GtkGrid *grid = app_test_child (calendar, OUTLAY_TYPE_CALENDAR, "days_grid");
  GtkWidget *child = gtk_grid_get_child_at (grid, column, row);

  g_assert_nonnull (child);

  return child;
}

static void
assert_weekday (OutlayCalendar *calendar,
                guint           column,
                const char     *name)
{
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell (calendar, column, 0))), ==, name);
}

/* The day a day button chooses, as "YYYY-MM-DD". */
static char *
button_day (GtkWidget *button)
{
  GVariant *target;
  GDate day;

  g_assert_true (GTK_IS_BUTTON (button));
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_nonnull (target);

  g_date_clear (&day, 1);
  g_date_set_julian (&day, g_variant_get_uint32 (target));

  return outlay_date_to_iso (&day);
}

static void
assert_cell_day (OutlayCalendar *calendar,
                 guint           column,
                 guint           row,
                 const char     *iso)
{
  g_autofree char *day = button_day (cell (calendar, column, row));

  g_assert_cmpstr (day, ==, iso);
}

static void
assert_month (OutlayCalendar *calendar,
              const char     *month)
{
  GtkLabel *label = app_test_child (calendar, OUTLAY_TYPE_CALENDAR, "month_label");

  g_assert_cmpstr (gtk_label_get_label (label), ==, month);
}

/* The day with the keyboard focus. */
static void
assert_focus_day (GtkWindow  *window,
                  const char *iso)
{
  g_autofree char *day = button_day (gtk_root_get_focus (GTK_ROOT (window)));

  g_assert_cmpstr (day, ==, iso);
}

static void
assert_date (OutlayCalendar *calendar,
             const char     *iso)
{
  g_autofree char *day = outlay_date_to_iso (outlay_calendar_get_date (calendar));

  g_assert_cmpstr (day, ==, iso);
}

/* What pressing @key on the days does: runs the grid's shortcut for it
 * (GTK has no public way to make a key event). */
static void
press_key (OutlayCalendar *calendar,
           const char     *key)
{
  GtkWidget *grid = app_test_child (calendar, OUTLAY_TYPE_CALENDAR, "days_grid");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (grid);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_auto(GStrv) keys = g_strsplit (trigger, "|", -1);

          if (g_strv_contains ((const char * const *) keys, key))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                           GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                           grid,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_error ("No shortcut for %s", key);
}

static void
test_first_day_of_week (Fixture       *fixture,
                        gconstpointer  data)
{
  OutlayCalendar *calendar = fixture->calendar;

  set_day (calendar, "2026-11-18");
  assert_month (calendar, "November 2026");

  /* Monday: the week of November 1 started on October 26. */
  outlay_calendar_set_first_day_of_week (calendar, 1);
  g_assert_cmpint (outlay_calendar_get_first_day_of_week (calendar), ==, 1);
  assert_weekday (calendar, 0, "Mon");
  assert_weekday (calendar, 6, "Sun");
  assert_cell_day (calendar, 0, 1, "2026-10-26");
  assert_cell_day (calendar, 6, 1, "2026-11-01");
  assert_cell_day (calendar, 6, 6, "2026-12-06");
  g_assert_true (gtk_widget_has_css_class (cell (calendar, 0, 1), "dim-label"));
  g_assert_false (gtk_widget_has_css_class (cell (calendar, 6, 1), "dim-label"));
  g_assert_true (gtk_widget_has_css_class (cell (calendar, 2, 4), "selected"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cell (calendar, 6, 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Sunday, 1 November 2026");

  /* Sunday: November 1 starts the first row, nothing of October shows. */
  outlay_calendar_set_first_day_of_week (calendar, 0);
  assert_weekday (calendar, 0, "Sun");
  assert_weekday (calendar, 6, "Sat");
  assert_cell_day (calendar, 0, 1, "2026-11-01");
  assert_cell_day (calendar, 6, 6, "2026-12-12");
  g_assert_false (gtk_widget_has_css_class (cell (calendar, 0, 1), "dim-label"));
  g_assert_true (gtk_widget_has_css_class (cell (calendar, 3, 3), "selected"));

  /* Saturday: the last day of October comes first. */
  outlay_calendar_set_first_day_of_week (calendar, 6);
  assert_weekday (calendar, 0, "Sat");
  assert_cell_day (calendar, 0, 1, "2026-10-31");
  assert_cell_day (calendar, 1, 1, "2026-11-01");

  /* The week only moved: the same day is chosen, the month is the same. */
  assert_date (calendar, "2026-11-18");
  assert_month (calendar, "November 2026");
  g_assert_cmpuint (fixture->n_selected, ==, 0);
}

static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  OutlayCalendar *calendar = fixture->calendar;
  g_autofree char *today_iso = NULL;
  GtkGrid *grid;
  GDate today;
  guint n_today = 0;

  /* Without a date, today's month shows with nothing chosen. */
  outlay_calendar_set_date (calendar, NULL);
  g_assert_null (outlay_calendar_get_date (calendar));

  outlay_date_set_today (&today);
  today_iso = outlay_date_to_iso (&today);
  grid = app_test_child (calendar, OUTLAY_TYPE_CALENDAR, "days_grid");
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *day = NULL;

      if (!GTK_IS_BUTTON (child))
        continue;

      g_assert_false (gtk_widget_has_css_class (child, "selected"));
      day = button_day (child);
      g_assert_cmpint (gtk_widget_has_css_class (child, "today"), ==,
                       g_strcmp0 (day, today_iso) == 0);
      n_today += gtk_widget_has_css_class (child, "today");
    }
  g_assert_cmpuint (n_today, ==, 1);

  gtk_widget_grab_focus (GTK_WIDGET (calendar));
  assert_focus_day (fixture->window, today_iso);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  OutlayCalendar *calendar = fixture->calendar;

  outlay_calendar_set_first_day_of_week (calendar, 1);
  set_day (calendar, "2026-11-03");
  fixture->n_date_notifies = 0;
  gtk_widget_grab_focus (GTK_WIDGET (calendar));
  assert_focus_day (fixture->window, "2026-11-03");

  /* Up from the first week turns back to October. */
  press_key (calendar, "Up");
  assert_focus_day (fixture->window, "2026-10-27");
  assert_month (calendar, "October 2026");
  assert_cell_day (calendar, 0, 1, "2026-09-28");

  press_key (calendar, "Down");
  assert_focus_day (fixture->window, "2026-11-03");
  assert_month (calendar, "November 2026");

  press_key (calendar, "Left");
  press_key (calendar, "Left");
  press_key (calendar, "Left");
  assert_focus_day (fixture->window, "2026-10-31");
  assert_month (calendar, "October 2026");

  press_key (calendar, "Right");
  assert_focus_day (fixture->window, "2026-11-01");
  assert_month (calendar, "November 2026");

  /* Home and End keep to the week, which starts on Monday here. */
  press_key (calendar, "Home");
  assert_focus_day (fixture->window, "2026-10-26");
  press_key (calendar, "End");
  assert_focus_day (fixture->window, "2026-11-01");
  outlay_calendar_set_first_day_of_week (calendar, 0);
  assert_focus_day (fixture->window, "2026-11-01");
  press_key (calendar, "End");
  assert_focus_day (fixture->window, "2026-11-07");

  /* A month on, and back; a day the month lacks becomes its last. */
  press_key (calendar, "Page_Down");
  assert_focus_day (fixture->window, "2026-12-07");
  assert_month (calendar, "December 2026");
  press_key (calendar, "Page_Up");
  press_key (calendar, "Page_Up");
  assert_focus_day (fixture->window, "2026-10-07");
  gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.move-months", "i", -9);
  assert_focus_day (fixture->window, "2026-01-07");
  press_key (calendar, "Down");
  press_key (calendar, "Down");
  press_key (calendar, "Down");
  press_key (calendar, "End");
  assert_focus_day (fixture->window, "2026-01-31");
  press_key (calendar, "Page_Down");
  assert_focus_day (fixture->window, "2026-02-28");

  /* From right to left, the arrows follow the mirrored grid. */
  gtk_widget_set_direction (GTK_WIDGET (calendar), GTK_TEXT_DIR_RTL);
  press_key (calendar, "Left");
  assert_focus_day (fixture->window, "2026-03-01");
  press_key (calendar, "Right");
  assert_focus_day (fixture->window, "2026-02-28");

  /* Moving only looks; Enter (or space) chooses. */
  assert_date (calendar, "2026-11-03");
  g_assert_cmpuint (fixture->n_selected, ==, 0);
  g_assert_cmpuint (fixture->n_date_notifies, ==, 0);

  press_enter (gtk_root_get_focus (GTK_ROOT (fixture->window)));
  app_test_wait (day_chosen, fixture);
  assert_date (calendar, "2026-02-28");
  g_assert_cmpuint (fixture->n_selected, ==, 1);
  g_assert_cmpuint (fixture->n_date_notifies, ==, 1);
}

static void
test_buttons (Fixture       *fixture,
              gconstpointer  data)
{
  OutlayCalendar *calendar = fixture->calendar;

  outlay_calendar_set_first_day_of_week (calendar, 1);
  set_day (calendar, "2026-11-18");

  /* The header's arrows turn the month; the cursor keeps its day. */
  gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.move-months", "i", 1);
  assert_month (calendar, "December 2026");
  gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.move-months", "i", -1);
  assert_month (calendar, "November 2026");

  /* Only the focused day is in the Tab chain. */
  for (guint row = 1; row <= 6; row++)
    for (guint column = 0; column < 7; column++)
      g_assert_cmpint (gtk_widget_get_focusable (cell (calendar, column, row)), ==,
                       row == 4 && column == 2);

  /* A click on a day of the next month chooses it and turns the month. */
  assert_cell_day (calendar, 6, 6, "2026-12-06");
  press_enter (cell (calendar, 6, 6));
  app_test_wait (day_chosen, fixture);
  assert_date (calendar, "2026-12-06");
  assert_month (calendar, "December 2026");
  g_assert_cmpuint (fixture->n_selected, ==, 1);
  g_assert_cmpuint (fixture->n_date_notifies, ==, 2);

  /* Setting the date from code signals no choice, and notifies only a
   * change. */
  set_day (calendar, "2026-12-06");
  g_assert_cmpuint (fixture->n_date_notifies, ==, 2);
  outlay_calendar_set_date (calendar, NULL);
  g_assert_null (outlay_calendar_get_date (calendar));
  g_assert_cmpuint (fixture->n_date_notifies, ==, 3);
  g_assert_cmpuint (fixture->n_selected, ==, 1);
}

/* January 1900 starts on a Monday: with Sunday first, its grid begins with
 * 31 December 1899, a day Outlay does not keep. */
static void
test_range (Fixture       *fixture,
            gconstpointer  data)
{
  OutlayCalendar *calendar = fixture->calendar;
  GDate day;

  outlay_calendar_set_first_day_of_week (calendar, 0);
  set_day (calendar, "1900-01-10");
  assert_cell_day (calendar, 0, 1, "1899-12-31");
  g_assert_false (gtk_widget_get_sensitive (cell (calendar, 0, 1)));
  g_assert_true (gtk_widget_get_sensitive (cell (calendar, 1, 1)));

  /* Chosen anyway (the action is there for the keyboard), it is refused. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 31, G_DATE_DECEMBER, 1899);
  gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.select-day", "u",
                              g_date_get_julian (&day));
  assert_date (calendar, "1900-01-10");
  g_assert_cmpuint (fixture->n_selected, ==, 0);
}

static void
test_date_button (void)
{
  GSettings *settings = outlay_settings_get_gsettings (outlay_settings_get_default ());
  OutlayDateButton *button = OUTLAY_DATE_BUTTON (outlay_date_button_new ());
  GtkWindow *window = app_test_window_new (GTK_WIDGET (button));
  OutlayCalendar *calendar = app_test_child (button, OUTLAY_TYPE_DATE_BUTTON, "calendar");
  GtkPopover *popover = app_test_child (button, OUTLAY_TYPE_DATE_BUTTON, "popover");
  GDate day;

  g_settings_set_int (settings, "first-day-of-week", 1);
  app_test_flush ();
  g_assert_cmpint (outlay_calendar_get_first_day_of_week (calendar), ==, 1);

  parse_day ("2026-11-18", &day);
  outlay_date_button_set_date (button, &day);

  /* Opening shows the button's day, with the focus on it. */
  gtk_menu_button_popup (app_test_child (button, OUTLAY_TYPE_DATE_BUTTON, "button"));
  app_test_flush ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  assert_date (calendar, "2026-11-18");
  assert_weekday (calendar, 0, "Mon");
  assert_cell_day (calendar, 0, 1, "2026-10-26");
  assert_focus_day (window, "2026-11-18");

  /* The open calendar follows the preference, and keeps the focus. */
  g_settings_set_int (settings, "first-day-of-week", 0);
  app_test_flush ();
  assert_weekday (calendar, 0, "Sun");
  assert_cell_day (calendar, 0, 1, "2026-11-01");
  assert_focus_day (window, "2026-11-18");

  /* Choosing a day sets the button's and closes the popover. */
  press_key (calendar, "Right");
  press_enter (gtk_root_get_focus (GTK_ROOT (window)));
  app_test_wait (popover_hidden, popover);
  g_assert_cmpint (g_date_compare (outlay_date_button_get_date (button), &day), >, 0);
  g_assert_cmpint (g_date_days_between (&day, outlay_date_button_get_date (button)), ==, 1);

  gtk_window_destroy (window);
  app_test_flush ();

  /* A date button made later starts with the preference as it is now. */
  g_settings_set_int (settings, "first-day-of-week", 3);
  button = OUTLAY_DATE_BUTTON (g_object_ref_sink (outlay_date_button_new ()));
  calendar = app_test_child (button, OUTLAY_TYPE_DATE_BUTTON, "calendar");
  g_assert_cmpint (outlay_calendar_get_first_day_of_week (calendar), ==, 3);
  assert_weekday (calendar, 0, "Wed");
  g_assert_finalize_object (button);

  g_settings_reset (settings, "first-day-of-week");
}

static void
test_finalize (void)
{
  OutlayCalendar *calendar = g_object_ref_sink (OUTLAY_CALENDAR (outlay_calendar_new ()));

  set_day (calendar, "2026-11-18");
  gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.move-rows", "i", 3);
  gtk_widget_activate_action (GTK_WIDGET (calendar), "calendar.select-day", "u",
                              g_date_get_julian (outlay_calendar_get_date (calendar)));

  g_assert_finalize_object (calendar);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add ("/outlay/app/calendar/first-day-of-week", Fixture, NULL,
              fixture_set_up, test_first_day_of_week, fixture_tear_down);
  g_test_add ("/outlay/app/calendar/today", Fixture, NULL,
              fixture_set_up, test_today, fixture_tear_down);
  g_test_add ("/outlay/app/calendar/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/outlay/app/calendar/buttons", Fixture, NULL,
              fixture_set_up, test_buttons, fixture_tear_down);
  g_test_add ("/outlay/app/calendar/range", Fixture, NULL,
              fixture_set_up, test_range, fixture_tear_down);
  g_test_add_func ("/outlay/app/calendar/date-button", test_date_button);
  g_test_add_func ("/outlay/app/calendar/finalize", test_finalize);

  return g_test_run ();
}
