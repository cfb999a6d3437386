/* outlay-color-dot.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OUTLAY_TYPE_COLOR_DOT (outlay_color_dot_get_type ())

G_DECLARE_FINAL_TYPE (OutlayColorDot, outlay_color_dot, OUTLAY, COLOR_DOT, GtkWidget)

/* A round swatch of a category's color ("#rrggbb"; NULL or unparsable draws
 * nothing). Its size comes from CSS (min-width, min-height), 12 px by
 * default. */

GtkWidget  *outlay_color_dot_new       (void);
const char *outlay_color_dot_get_color (OutlayColorDot *self);
void        outlay_color_dot_set_color (OutlayColorDot *self,
                                        const char     *color);

G_END_DECLS
