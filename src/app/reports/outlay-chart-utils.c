/* outlay-chart-utils.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "outlay-chart-utils.h"
#include "outlay-settings.h"

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
outlay_chart_init (GtkWidget  *widget,
                   const char *label,
                   GCallback   query_tooltip,
                   GCallback   refresh)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", query_tooltip, NULL);

  g_signal_connect_object (outlay_settings_get_default (), "notify::currency",
                           refresh, widget, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
outlay_chart_snapshot (GtkWidget           *widget,
                       GtkSnapshot         *snapshot,
                       OutlayChartDrawFunc  draw)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA foreground;

  if (width <= 0 || height <= 0)
    return;

  outlay_chart_get_foreground (widget, &foreground);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (widget, cr, width, height, &foreground);
  cairo_destroy (cr);
}

void
outlay_chart_append_amount (GString    *list,
                            const char *name,
                            gint64      amount)
{
  g_autofree char *money = outlay_settings_format_money (outlay_settings_get_default (), amount);

  if (list->len > 0)
    g_string_append (list, ", ");
  /* Translators: a category or a month and what was spent on it, in a list */
  g_string_append_printf (list, _("%s %s"), name, money);
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

/* Shows @layout scaled by @scale with its centre at (@x, @y). */
static double
show_layout (cairo_t       *cr,
             PangoLayout   *layout,
             double         x,
             double         y,
             double         scale,
             const GdkRGBA *color)
{
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_move_to (cr, -width / 2.0, -height / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  return width * scale;
}

double
outlay_chart_draw_text (cairo_t       *cr,
                        const char    *text,
                        const char    *font,
                        double         x,
                        double         y,
                        double         max_width,
                        const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, text, font);

  if (max_width > 0.0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return show_layout (cr, layout, x, y, 1.0, color);
}

double
outlay_chart_draw_text_fitted (cairo_t       *cr,
                               const char    *text,
                               const char    *font,
                               double         x,
                               double         y,
                               double         max_width,
                               const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = create_layout (cr, text, font);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);

  return show_layout (cr, layout, x, y,
                      width > max_width && max_width > 0.0 ? max_width / width : 1.0,
                      color);
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
