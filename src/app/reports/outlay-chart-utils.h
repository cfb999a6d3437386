/* outlay-chart-utils.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the charts share: how they are set up and painted on screen, and
 * colors and text drawn with cairo, so the same code paints the screen and
 * the exported pictures. */

/* Paints the chart @widget in a @width × @height box of @cr, text in
 * @foreground. */
typedef void (*OutlayChartDrawFunc) (GtkWidget     *widget,
                                     cairo_t       *cr,
                                     double         width,
                                     double         height,
                                     const GdkRGBA *foreground);

/* Sets @widget up as a chart: @label names it for screen readers,
 * @query_tooltip answers its "query-tooltip", and @refresh (called with
 * @widget alone) redraws it and its description when the currency changes,
 * as every amount reads in it. */
void   outlay_chart_init             (GtkWidget           *widget,
                                      const char          *label,
                                      GCallback            query_tooltip,
                                      GCallback            refresh);

/* A chart's GtkWidget::snapshot: @draw over the whole widget, text in the
 * widget's color. */
void   outlay_chart_snapshot         (GtkWidget           *widget,
                                      GtkSnapshot         *snapshot,
                                      OutlayChartDrawFunc  draw);

/* Appends "@name @amount" to the comma-separated @list that describes a
 * chart to screen readers. */
void   outlay_chart_append_amount    (GString             *list,
                                      const char          *name,
                                      gint64               amount);

/* A category's "#rrggbb", or a neutral grey when it has none. */
void   outlay_chart_parse_color      (const char          *color,
                                      GdkRGBA             *rgba);

/* The widget's text color, which follows the light or dark style. */
void   outlay_chart_get_foreground   (GtkWidget           *widget,
                                      GdkRGBA             *rgba);

/* Draws @text with its centre at (@x, @y) in @font ("Cantarell 10"-like,
 * NULL for the default), ellipsized to @max_width when that is above 0,
 * and returns its width. */
double outlay_chart_draw_text        (cairo_t             *cr,
                                      const char          *text,
                                      const char          *font,
                                      double               x,
                                      double               y,
                                      double               max_width,
                                      const GdkRGBA       *color);

/* The same, but @text (an amount, which must show whole) is scaled down to
 * fit @max_width instead. */
double outlay_chart_draw_text_fitted (cairo_t             *cr,
                                      const char          *text,
                                      const char          *font,
                                      double               x,
                                      double               y,
                                      double               max_width,
                                      const GdkRGBA       *color);

/* The width @text would take in @font. */
double outlay_chart_text_width       (cairo_t             *cr,
                                      const char          *text,
                                      const char          *font);

G_END_DECLS
