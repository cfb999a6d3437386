/* outlay-chart-utils.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the charts share: colors and text drawn with cairo, so the same code
 * paints the screen and the exported pictures. */

/* A category's "#rrggbb", or a neutral grey when it has none. */
void outlay_chart_parse_color (const char    *color,
                               GdkRGBA       *rgba);

/* The widget's text color, which follows the light or dark style. */
void outlay_chart_get_foreground (GtkWidget  *widget,
                                  GdkRGBA    *rgba);

/* Draws @text with its centre at (@x, @y) in @font ("Cantarell 10"-like,
 * NULL for the default) and returns its width. */
double outlay_chart_draw_text (cairo_t       *cr,
                               const char    *text,
                               const char    *font,
                               double         x,
                               double         y,
                               const GdkRGBA *color);

/* The width @text would take in @font. */
double outlay_chart_text_width (cairo_t    *cr,
                                const char *text,
                                const char *font);

G_END_DECLS
