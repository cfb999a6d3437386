/* test-date.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-core.h"

#include "core-test-utils.h"

static void
assert_date (const GDate *date,
             guint        year,
             guint        month,
             guint        day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpuint (g_date_get_year (date), ==, year);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_day (date), ==, day);
}

/* A marker that a failed parse must leave alone. */
static void
set_marker (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, 11, G_DATE_NOVEMBER, 2011);
}

static void
test_parse_iso (void)
{
  static const struct
  {
    const char *text;
    guint year, month, day;
  } good[] = {
    { "2025-03-31", 2025, 3, 31 },
    { "2024-02-29", 2024, 2, 29 },
    { "2000-02-29", 2000, 2, 29 },
    { "1900-01-01", 1900, 1, 1 },
    { "9999-12-31", 9999, 12, 31 },
  };
  static const struct
  {
    const char *text;
    const char *message;
  } bad[] = {
    { "2025-02-30", "There is no day “2025-02-30” in the calendar" },
    { "2023-02-29", "There is no day “2023-02-29” in the calendar" },
    { "1900-02-29", "There is no day “1900-02-29” in the calendar" },
    { "2025-13-01", "There is no day “2025-13-01” in the calendar" },
    { "2025-00-10", "There is no day “2025-00-10” in the calendar" },
    { "2025-04-00", "There is no day “2025-04-00” in the calendar" },
    { "1899-12-31", "Choose a date between the years 1900 and 9999" },
    { "0000-01-01", "Choose a date between the years 1900 and 9999" },
    { "", "“” is not a date in the form YYYY-MM-DD" },
    { "2025-3-31", "“2025-3-31” is not a date in the form YYYY-MM-DD" },
    { "2025/03/31", "“2025/03/31” is not a date in the form YYYY-MM-DD" },
    { " 2025-03-31", "“ 2025-03-31” is not a date in the form YYYY-MM-DD" },
    { "2025-03-31 ", "“2025-03-31 ” is not a date in the form YYYY-MM-DD" },
    { "2025-03-31T00:00", "“2025-03-31T00:00” is not a date in the form YYYY-MM-DD" },
    { "12025-03-31", "“12025-03-31” is not a date in the form YYYY-MM-DD" },
    { "03/31/25", "“03/31/25” is not a date in the form YYYY-MM-DD" },
    { "abcd-ef-gh", "“abcd-ef-gh” is not a date in the form YYYY-MM-DD" },
    { "\xff", "“\xef\xbf\xbd” is not a date in the form YYYY-MM-DD" },
  };
  gsize i;

  /* ISO 8601 does not depend on the locale, so German where it exists. */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      GDate date;

      g_assert_true (outlay_date_parse_iso (good[i].text, &date, &error));
      g_assert_no_error (error);
      assert_date (&date, good[i].year, good[i].month, good[i].day);

      iso = outlay_date_to_iso (&date);
      g_assert_cmpstr (iso, ==, good[i].text);
    }

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      set_marker (&date);
      g_test_message ("refusing “%s”", bad[i].text);
      g_assert_false (outlay_date_parse_iso (bad[i].text, &date, &error));
      g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      assert_date (&date, 2011, 11, 11);
    }
}

static void
test_parse_c (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } bad[] = {
    { "", "Enter a date" },
    { "  ", "Enter a date" },
    { "abc", "“abc” is not a date" },
    { "3/4", "“3/4” is not a date" },
    { "15", "“15” is not a date" },
    { "13/45/2025", "“13/45/2025” is not a date" },
    { "12/31/1899", "Choose a date between the years 1900 and 9999" },
    { "2025-02-30", "There is no day “2025-02-30” in the calendar" },
    { "2025-3-1", "“2025-3-1” is not a date in the form YYYY-MM-DD" },
    { "\xff", "“\xef\xbf\xbd” is not a date" },
  };
  g_autoptr(GError) error = NULL;
  GDate date;
  gsize i;

  if (!core_test_use_locale ("C.UTF-8"))
    return;

  /* C's %x is %m/%d/%y. */
  g_assert_true (outlay_date_parse ("03/31/25", &date, &error));
  g_assert_no_error (error);
  assert_date (&date, 2025, 3, 31);

  g_assert_true (outlay_date_parse ("03/31/2025", &date, &error));
  g_assert_no_error (error);
  assert_date (&date, 2025, 3, 31);

  g_assert_true (outlay_date_parse (" 2025-03-31\u00a0", &date, &error));
  g_assert_no_error (error);
  assert_date (&date, 2025, 3, 31);

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      set_marker (&date);
      g_test_message ("refusing “%s”", bad[i].text);
      g_assert_false (outlay_date_parse (bad[i].text, &date, &error));
      g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_clear_error (&error);
      assert_date (&date, 2011, 11, 11);
    }
}

static void
test_parse_german (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (!core_test_use_locale ("de_DE.UTF-8"))
    return;

  g_assert_true (outlay_date_parse ("31.03.2025", &date, &error));
  g_assert_no_error (error);
  assert_date (&date, 2025, 3, 31);

  g_assert_true (outlay_date_parse ("2025-03-31", &date, &error));
  g_assert_no_error (error);
  assert_date (&date, 2025, 3, 31);

  /* Day before month here: the 13th month does not exist. */
  g_assert_false (outlay_date_parse ("03.13.2025", &date, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE);
}

static void
test_format (void)
{
  g_autofree char *c_text = NULL;
  g_autofree char *de_text = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_MARCH, 2025);

  if (!core_test_use_locale ("C.UTF-8"))
    return;
  c_text = outlay_date_format (&date);
  g_assert_cmpstr (c_text, ==, "03/31/25");

  if (!core_test_use_locale ("de_DE.UTF-8"))
    return;
  de_text = outlay_date_format (&date);
  g_assert_cmpstr (de_text, ==, "31.03.2025");
}

/* What outlay_date_format() prints, outlay_date_parse() reads back. Where %x
 * has two-digit years (C) that holds only near today, as GLib places such
 * years in a window around the current one, so the days are relative. */
static void
test_format_parse_round_trip (void)
{
  static const char * const locales[] = {
    "C.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "en_US.UTF-8",
  };
  static const int offsets[] = { 0, -1, 1, -400, 100 };
  gsize l, d;

  for (l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      if (setlocale (LC_ALL, locales[l]) == NULL)
        continue;

      for (d = 0; d < G_N_ELEMENTS (offsets); d++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *text = NULL;
          GDate date;
          GDate parsed;

          outlay_date_set_today (&date);
          if (offsets[d] < 0)
            g_date_subtract_days (&date, -offsets[d]);
          else
            g_date_add_days (&date, offsets[d]);
          text = outlay_date_format (&date);

          g_test_message ("%s: %s", locales[l], text);
          g_assert_true (outlay_date_parse (text, &parsed, &error));
          g_assert_no_error (error);
          g_assert_cmpint (g_date_compare (&date, &parsed), ==, 0);
        }
    }
}

static void
test_validate (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_false (outlay_date_validate (NULL, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE);
  g_assert_cmpstr (error->message, ==, "Choose a date");
  g_clear_error (&error);

  g_date_clear (&date, 1);
  g_assert_false (outlay_date_validate (&date, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
  g_assert_false (outlay_date_validate (&date, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 10000);
  g_assert_false (outlay_date_validate (&date, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1900);
  g_assert_true (outlay_date_validate (&date, &error));
  g_assert_no_error (error);
}

static void
test_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  GDate today;
  gboolean matches_before;
  gboolean matches_after;

  outlay_date_set_today (&today);
  after = g_date_time_new_now_local ();

  /* Midnight may pass between the two readings; either day is right. */
  matches_before = g_date_get_year (&today) == (guint) g_date_time_get_year (before) &&
                   g_date_get_month (&today) == (guint) g_date_time_get_month (before) &&
                   g_date_get_day (&today) == (guint) g_date_time_get_day_of_month (before);
  matches_after = g_date_get_year (&today) == (guint) g_date_time_get_year (after) &&
                  g_date_get_month (&today) == (guint) g_date_time_get_month (after) &&
                  g_date_get_day (&today) == (guint) g_date_time_get_day_of_month (after);
  g_assert_true (matches_before || matches_after);
}

static void
test_month_bounds (void)
{
  static const guint cases[][5] = {
    /* year, month, day → first day, last day */
    { 2024, 2, 15, 1, 29 },
    { 2023, 2, 28, 1, 28 },
    { 1900, 2, 1, 1, 28 },
    { 2025, 12, 31, 1, 31 },
    { 2025, 4, 1, 1, 30 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      GDate first;
      GDate last;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, cases[i][2], cases[i][1], cases[i][0]);
      outlay_date_month_bounds (&date, &first, &last);
      assert_date (&first, cases[i][0], cases[i][1], cases[i][3]);
      assert_date (&last, cases[i][0], cases[i][1], cases[i][4]);

      /* The date itself may receive a bound. */
      outlay_date_month_bounds (&date, NULL, &date);
      assert_date (&date, cases[i][0], cases[i][1], cases[i][4]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/outlay/date/parse-iso", test_parse_iso);
  g_test_add_func ("/outlay/date/parse/c", test_parse_c);
  g_test_add_func ("/outlay/date/parse/german", test_parse_german);
  g_test_add_func ("/outlay/date/format", test_format);
  g_test_add_func ("/outlay/date/format-parse-round-trip", test_format_parse_round_trip);
  g_test_add_func ("/outlay/date/validate", test_validate);
  g_test_add_func ("/outlay/date/today", test_today);
  g_test_add_func ("/outlay/date/month-bounds", test_month_bounds);

  return g_test_run ();
}
