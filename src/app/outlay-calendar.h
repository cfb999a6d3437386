/* outlay-calendar.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OUTLAY_TYPE_CALENDAR (outlay_calendar_get_type ())

G_DECLARE_FINAL_TYPE (OutlayCalendar, outlay_calendar, OUTLAY, CALENDAR, GtkWidget)

/*
 * A month of days to pick one from, with weeks starting on any day (GTK 4.8's
 * GtkCalendar always starts them on the locale's). Properties:
 *   date               GDate  the chosen day, or NULL; setting it shows its
 *                             month (today's without a date)
 *   first-day-of-week  int    0 = Sunday … 6 = Saturday
 * Signals:
 *   day-selected       the user chose a day; "date" holds it already
 *
 * The keys of GtkCalendar move through the days: arrows, Page Up/Down (a
 * month), Home/End (the week's first and last day), Enter and space choose.
 * They are the actions calendar.move-columns (i), calendar.move-rows (i),
 * calendar.move-months (i), calendar.week-start, calendar.week-end and
 * calendar.select-day (u, a julian day).
 */

GtkWidget   *outlay_calendar_new                   (void);

/* NULL when no day is chosen. */
const GDate *outlay_calendar_get_date              (OutlayCalendar *self);
/* NULL or an invalid date clears it. */
void         outlay_calendar_set_date              (OutlayCalendar *self,
                                                    const GDate    *date);
int          outlay_calendar_get_first_day_of_week (OutlayCalendar *self);
void         outlay_calendar_set_first_day_of_week (OutlayCalendar *self,
                                                    int             first_day_of_week);

G_END_DECLS
