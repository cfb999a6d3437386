/* outlay-donut-chart.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_DONUT_CHART (outlay_donut_chart_get_type ())

G_DECLARE_FINAL_TYPE (OutlayDonutChart, outlay_donut_chart, OUTLAY, DONUT_CHART, GtkWidget)

/*
 * A donut of spending by category: a slice per OutlayCategoryTotal in its
 * category's color, the grand total in the middle, the name and amount of a
 * slice in its tooltip. Signal "slice-activated" (gint64 category id) when a
 * slice is clicked, or activated from the keyboard.
 *
 * It takes the keyboard focus, and then one slice is focused: it wears an
 * outline, its amount, name and share stand in the middle, screen readers hear
 * it in the chart's name. Actions (group "donut", bound to the keys named):
 *   next-slice      Right, Down: clockwise, from the last to the first
 *   previous-slice  Left, Up: anticlockwise, from the first to the last
 *   first-slice     Home
 *   last-slice      End
 *   activate-slice  Enter, Space: as a click on the focused slice
 */

GtkWidget *outlay_donut_chart_new             (void);

/* @totals: GPtrArray of OutlayCategoryTotal (a reference is kept), or NULL. */
void       outlay_donut_chart_set_totals      (OutlayDonutChart *self,
                                               GPtrArray        *totals);
/* (transfer none) NULL when there are none. */
GPtrArray *outlay_donut_chart_get_totals      (OutlayDonutChart *self);
gint64     outlay_donut_chart_get_grand_total (OutlayDonutChart *self);
/* The focused slice's index in the totals; -1 when there are none. A new
 * set of totals keeps the focus on its category where it can. */
int        outlay_donut_chart_get_focused_slice (OutlayDonutChart *self);

/* Paints the chart in a @width × @height box of @cr with @foreground for
 * the text: the widget's own drawing, and the exported pictures'. */
void       outlay_donut_chart_draw            (OutlayDonutChart *self,
                                               cairo_t          *cr,
                                               double            width,
                                               double            height,
                                               const GdkRGBA    *foreground);

G_END_DECLS
