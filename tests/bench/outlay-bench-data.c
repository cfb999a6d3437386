/* outlay-bench-data.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "outlay-bench-data.h"

#define SEED            G_GUINT64_CONSTANT (42)
#define MIN_AMOUNT      100
#define AMOUNT_SPREAD   49901
#define SECONDS_PER_DAY (86400)
#define SPAN_SECONDS    G_GUINT64_CONSTANT (730 * 86400)

const char * const outlay_bench_category_names[OUTLAY_BENCH_N_CATEGORIES] = {
  "Groceries", "Rent", "Utilities", "Transport", "Dining", "Entertainment",
  "Health", "Insurance", "Education", "Clothing", "Travel", "Gifts",
};

static guint64
splitmix64 (guint64 *state)
{
  guint64 z;

  *state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  z = *state;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);

  return z ^ (z >> 31);
}

static guint32
first_day_julian (void)
{
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, 2023);

  return g_date_get_julian (&first);
}

void
outlay_bench_data_init (OutlayBenchData *data,
                        guint64          n_rows)
{
  g_return_if_fail (data != NULL);

  data->state = SEED;
  data->index = 0;
  data->n_rows = n_rows;
  data->description[0] = '\0';
}

gboolean
outlay_bench_data_next (OutlayExpenseRecord *record,
                        gpointer             user_data)
{
  OutlayBenchData *data = user_data;
  guint64 r1, r2, r3;

  if (data->index >= data->n_rows)
    return FALSE;

  r1 = splitmix64 (&data->state);
  r2 = splitmix64 (&data->state);
  r3 = splitmix64 (&data->state);
  data->index++;

  memset (record, 0, sizeof *record);
  record->amount = MIN_AMOUNT + (gint64) (r1 % AMOUNT_SPREAD);
  record->category_id = 1 + (gint64) (r2 % OUTLAY_BENCH_N_CATEGORIES);
  g_date_clear (&record->date, 1);
  g_date_set_julian (&record->date,
                     first_day_julian () + (guint32) ((r3 % SPAN_SECONDS) / SECONDS_PER_DAY));
  g_snprintf (data->description, sizeof data->description, "%s expense %" G_GUINT64_FORMAT,
              outlay_bench_category_names[record->category_id - 1], data->index);
  record->description = data->description;

  return TRUE;
}

void
outlay_bench_summary_period (GDate *out_start,
                             GDate *out_end)
{
  g_date_clear (out_start, 1);
  g_date_clear (out_end, 1);
  g_date_set_dmy (out_start, 1, G_DATE_JANUARY, 2023);
  g_date_set_dmy (out_end, 31, G_DATE_DECEMBER, 2023);
}

gint64
outlay_bench_transfer_target (gint64 category_id)
{
  return category_id % OUTLAY_BENCH_N_CATEGORIES + 1;
}

void
outlay_bench_data_stats (guint64           n_rows,
                         gint64            min_amount,
                         const GDate      *start,
                         const GDate      *end,
                         gboolean          transferred,
                         OutlayBenchStats *out_stats)
{
  OutlayBenchData data;
  OutlayExpenseRecord record;

  g_return_if_fail (out_stats != NULL);

  memset (out_stats, 0, sizeof *out_stats);
  outlay_bench_data_init (&data, n_rows);

  while (outlay_bench_data_next (&record, &data))
    {
      if (record.amount < min_amount)
        continue;
      if (start != NULL && g_date_compare (&record.date, start) < 0)
        continue;
      if (end != NULL && g_date_compare (&record.date, end) > 0)
        continue;

      out_stats->rows++;
      out_stats->sum += record.amount;
      out_stats->category_sum += transferred
        ? outlay_bench_transfer_target (record.category_id)
        : record.category_id;
    }
}

gboolean
outlay_bench_data_write_copy (guint64      n_rows,
                              const char  *path,
                              GError     **error)
{
  OutlayBenchData data;
  OutlayExpenseRecord record;
  FILE *file;
  gboolean ok;
  int saved_errno;

  file = g_fopen (path, "w");
  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  outlay_bench_data_init (&data, n_rows);
  while (outlay_bench_data_next (&record, &data))
    {
      g_autofree char *amount = outlay_money_to_decimal (record.amount);
      g_autofree char *date = outlay_date_to_iso (&record.date);

      /* The descriptions hold no tab, newline or backslash: no escaping needed. */
      fprintf (file, "%s\t%s\t%s\t%" G_GINT64_FORMAT "\n",
               record.description, amount, date, record.category_id);
    }

  ok = !ferror (file);
  saved_errno = errno;
  if (fclose (file) != 0 && ok)
    {
      ok = FALSE;
      saved_errno = errno;
    }

  if (!ok)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not write %s: %s"), path, g_strerror (saved_errno));

  return ok;
}
