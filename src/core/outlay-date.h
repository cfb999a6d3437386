/* outlay-date.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Expenses happen on a calendar day, not at an instant: GDate everywhere,
 * SQL `date` in the database, ISO 8601 "YYYY-MM-DD" on the wire.
 */

/* "2025-03-31" → GDate. Anything else (wrong shape, 2025-02-30, years before
 * 1900 or after 9999) is OUTLAY_ERROR_INVALID_DATE. */
gboolean  outlay_date_parse_iso     (const char   *text,
                                     GDate        *out_date,
                                     GError      **error);

/* Parses a date as a person types it: ISO 8601, or the locale's %x. */
gboolean  outlay_date_parse         (const char   *text,
                                     GDate        *out_date,
                                     GError      **error);

/* A valid date in the years 1900..9999, else OUTLAY_ERROR_INVALID_DATE;
 * @date may be NULL ("Choose a date"). */
gboolean  outlay_date_validate      (const GDate  *date,
                                     GError      **error);

char     *outlay_date_to_iso        (const GDate  *date);

/* The locale's preferred short form (%x). */
char     *outlay_date_format        (const GDate  *date);

void      outlay_date_set_today     (GDate        *date);

/* First and last day of the month containing @date. */
void      outlay_date_month_bounds  (const GDate  *date,
                                     GDate        *out_first,
                                     GDate        *out_last);

G_END_DECLS
