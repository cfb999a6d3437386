/* outlay-date.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "outlay-date.h"
#include "outlay-error.h"
#include "outlay-text-private.h"

/* What people mean by "a date" in a household's books; it also keeps every
 * date within reach of four-digit ISO years and PostgreSQL's `date`. */
#define YEAR_MIN 1900
#define YEAR_MAX 9999

static gboolean
fail_not_a_date (GError     **error,
                 const char  *text)
{
  g_autofree char *excerpt = outlay_text_excerpt (text);

  /* Translators: %s is the text that was typed as a date. */
  g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE, _("“%s” is not a date"), excerpt);
  return FALSE;
}

static gboolean
check_year (guint     year,
            GError  **error)
{
  if (year >= YEAR_MIN && year <= YEAR_MAX)
    return TRUE;

  g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE,
               _("Choose a date between the years %d and %d"), YEAR_MIN, YEAR_MAX);
  return FALSE;
}

static guint
read_digits (const char *text,
             guint       n)
{
  guint value = 0;
  guint i;

  for (i = 0; i < n; i++)
    value = value * 10 + (text[i] - '0');

  return value;
}

/* Words and numbers in @text: a date needs a day, a month and a year, which
 * g_date_set_parse() does not insist on ("3/4" would be March 2004). */
static guint
count_fields (const char *text)
{
  gboolean in_field = FALSE;
  guint n = 0;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    {
      gboolean alnum = g_unichar_isalnum (g_utf8_get_char (text));

      if (alnum && !in_field)
        n++;
      in_field = alnum;
    }

  return n;
}

gboolean
outlay_date_parse_iso (const char  *text,
                       GDate       *out_date,
                       GError     **error)
{
  static const char shape[] = "dddd-dd-dd";
  guint year;
  guint month;
  guint day;
  guint i;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (i = 0; i < sizeof shape - 1; i++)
    {
      if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
        break;
    }

  if (i < sizeof shape - 1 || text[i] != '\0')
    {
      g_autofree char *excerpt = outlay_text_excerpt (text);

      /* Translators: %s is the text that was given as a date. */
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE,
                   _("“%s” is not a date in the form YYYY-MM-DD"), excerpt);
      return FALSE;
    }

  year = read_digits (text, 4);
  month = read_digits (text + 5, 2);
  day = read_digits (text + 8, 2);

  if (!check_year (year, error))
    return FALSE;

  if (!g_date_valid_dmy (day, month, year))
    {
      /* Translators: %s is a date such as 2025-02-30. */
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE,
                   _("There is no day “%s” in the calendar"), text);
      return FALSE;
    }

  g_date_set_dmy (out_date, day, month, year);
  return TRUE;
}

gboolean
outlay_date_parse (const char  *text,
                   GDate       *out_date,
                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  GDate date;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    return fail_not_a_date (error, text);

  trimmed = outlay_text_strip (text);
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE, _("Enter a date"));
      return FALSE;
    }

  /* Four digits and a dash is ISO 8601 in every locale; hold it to that. */
  if (strspn (trimmed, "0123456789") == 4 && trimmed[4] == '-')
    return outlay_date_parse_iso (trimmed, out_date, error);

  g_date_clear (&date, 1);
  if (count_fields (trimmed) == 3)
    g_date_set_parse (&date, trimmed);

  if (!g_date_valid (&date))
    return fail_not_a_date (error, trimmed);

  if (!check_year (g_date_get_year (&date), error))
    return FALSE;

  *out_date = date;
  return TRUE;
}

gboolean
outlay_date_validate (const GDate  *date,
                      GError      **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (date == NULL || !g_date_valid (date))
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE, _("Choose a date"));
      return FALSE;
    }

  return check_year (g_date_get_year (date), error);
}

char *
outlay_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

char *
outlay_date_format (const GDate *date)
{
  char buffer[128];

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* 0 means the locale's form did not fit or convert; ISO still reads well. */
  if (g_date_strftime (buffer, sizeof buffer, "%x", date) == 0)
    return outlay_date_to_iso (date);

  return g_strdup (buffer);
}

void
outlay_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (date != NULL);

  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

void
outlay_date_month_bounds (const GDate *date,
                          GDate       *out_first,
                          GDate       *out_last)
{
  GDateYear year;
  GDateMonth month;

  g_return_if_fail (date != NULL && g_date_valid (date));

  /* Read before writing: @date may be one of the outputs. */
  year = g_date_get_year (date);
  month = g_date_get_month (date);

  if (out_first != NULL)
    g_date_set_dmy (out_first, 1, month, year);

  if (out_last != NULL)
    g_date_set_dmy (out_last, g_date_get_days_in_month (month, year), month, year);
}
