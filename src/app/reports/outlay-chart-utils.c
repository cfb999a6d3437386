/* outlay-chart-utils.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pangocairo.h>

#include "outlay-chart-utils.h"

static PangoLayout *
create_layout (cairo_t    *cr,
               const char *text,
               const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font != NULL ? font : "Sans 10");

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

void
outlay_chart_parse_color (const char *color,
                          GdkRGBA    *rgba)
{
  if (color == NULL || !gdk_rgba_parse (rgba, color))
    *rgba = (GdkRGBA) { 0.6, 0.6, 0.6, 1.0 };
}

void
outlay_chart_get_foreground (GtkWidget *widget,
                             GdkRGBA   *rgba)
{
  /* gtk_widget_get_color () is GTK 4.10; the style context is how 4.8 says it. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), rgba);
}

double
outlay_chart_draw_text (cairo_t       *cr,
                        const char    *text,
                        const char    *font,
                        double         x,
                        double         y,
                        const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, text, font);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x - width / 2.0, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  return width;
}

double
outlay_chart_text_width (cairo_t    *cr,
                         const char *text,
                         const char *font)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, text, font);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);

  return width;
}
