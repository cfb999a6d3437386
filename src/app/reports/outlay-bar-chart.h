/* outlay-bar-chart.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "outlay-category-list.h"
#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_BAR_CHART (outlay_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (OutlayBarChart, outlay_bar_chart, OUTLAY, BAR_CHART, GtkWidget)

/*
 * Monthly spending as bars, one per month, stacked by category in the
 * categories' colors; the month, category and amount under the pointer in a
 * tooltip.
 */

GtkWidget *outlay_bar_chart_new             (void);

/* @totals: GPtrArray of OutlayMonthTotal split by category (a reference is
 * kept) for @n_months months from @first_year-@first_month on; @categories
 * gives the colors (may be NULL). */
void       outlay_bar_chart_set_data        (OutlayBarChart     *self,
                                             GPtrArray          *totals,
                                             int                 first_year,
                                             int                 first_month,
                                             guint               n_months,
                                             OutlayCategoryList *categories);

guint      outlay_bar_chart_get_n_months    (OutlayBarChart     *self);
/* What was spent in the @index-th month shown. */
gint64     outlay_bar_chart_get_month_total (OutlayBarChart     *self,
                                             guint               index);

/* Paints the chart in a @width × @height box of @cr, text in @foreground. */
void       outlay_bar_chart_draw            (OutlayBarChart     *self,
                                             cairo_t            *cr,
                                             double              width,
                                             double              height,
                                             const GdkRGBA      *foreground);

G_END_DECLS
