/* outlay-reports-page.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_REPORTS_PAGE (outlay_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (OutlayReportsPage, outlay_reports_page, OUTLAY, REPORTS_PAGE, GtkWidget)

typedef enum
{
  OUTLAY_REPORT_PERIOD_THIS_MONTH,
  OUTLAY_REPORT_PERIOD_LAST_MONTH,
  OUTLAY_REPORT_PERIOD_THIS_QUARTER,
  OUTLAY_REPORT_PERIOD_THIS_YEAR,
  OUTLAY_REPORT_PERIOD_LAST_12_MONTHS,
  OUTLAY_REPORT_PERIOD_CUSTOM,
} OutlayReportPeriod;

typedef enum
{
  OUTLAY_REPORT_FORMAT_PNG,
  OUTLAY_REPORT_FORMAT_SVG,
  OUTLAY_REPORT_FORMAT_CSV,
} OutlayReportFormat;

/*
 * The Reports view: for a period, a donut of spending by category with the
 * grand total, monthly bars by category, and a table of totals with budgets.
 * It follows the store's "changed" signal. Activating a slice or a row
 * activates "win.show-expenses" with (category id, first day, last day) as
 * "(xss)", the days in ISO 8601. Properties:
 *   store  OutlayStore
 *
 * Actions (group "reports"): export (string "png", "svg" or "csv": asks
 * for a file).
 */

GtkWidget   *outlay_reports_page_new        (OutlayStore        *store);

OutlayStore *outlay_reports_page_get_store  (OutlayReportsPage  *self);
void         outlay_reports_page_set_store  (OutlayReportsPage  *self,
                                             OutlayStore        *store);

/* Shows @period; @start and @end (inclusive) are read for the custom one. */
void         outlay_reports_page_set_period (OutlayReportsPage  *self,
                                             OutlayReportPeriod  period,
                                             const GDate        *start,
                                             const GDate        *end);
/* The days the report covers. */
void         outlay_reports_page_get_range  (OutlayReportsPage  *self,
                                             GDate              *start,
                                             GDate              *end);

/* The table's rows: GPtrArray of OutlayCategoryTotal, largest first, or
 * NULL before the first answer (transfer none). */
GPtrArray   *outlay_reports_page_get_totals (OutlayReportsPage  *self);

/* Writes the report to @file: the charts as a picture, or the table as CSV
 * ("category,total,count", totals as decimals). */
gboolean     outlay_reports_page_export     (OutlayReportsPage  *self,
                                             GFile              *file,
                                             OutlayReportFormat  format,
                                             GError            **error);

G_END_DECLS
