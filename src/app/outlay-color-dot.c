/* outlay-color-dot.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-color-dot.h"

struct _OutlayColorDot
{
  GtkWidget  parent_instance;

  char      *color;
  GdkRGBA    rgba;
  gboolean   has_rgba;
};

G_DEFINE_FINAL_TYPE (OutlayColorDot, outlay_color_dot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
outlay_color_dot_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  OutlayColorDot *self = OUTLAY_COLOR_DOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float size = MIN (width, height);
  GskRoundedRect circle;

  if (!self->has_rgba || size <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&circle,
                                   &GRAPHENE_RECT_INIT ((width - size) / 2.f,
                                                        (height - size) / 2.f,
                                                        size, size),
                                   size / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &self->rgba, &circle.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
outlay_color_dot_finalize (GObject *object)
{
  OutlayColorDot *self = (OutlayColorDot *) object;

  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (outlay_color_dot_parent_class)->finalize (object);
}

static void
outlay_color_dot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OutlayColorDot *self = OUTLAY_COLOR_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_color_dot_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OutlayColorDot *self = OUTLAY_COLOR_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      outlay_color_dot_set_color (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_color_dot_class_init (OutlayColorDotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = outlay_color_dot_finalize;
  object_class->get_property = outlay_color_dot_get_property;
  object_class->set_property = outlay_color_dot_set_property;

  widget_class->snapshot = outlay_color_dot_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "colordot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
outlay_color_dot_init (OutlayColorDot *self)
{
}

GtkWidget *
outlay_color_dot_new (void)
{
  return g_object_new (OUTLAY_TYPE_COLOR_DOT, NULL);
}

const char *
outlay_color_dot_get_color (OutlayColorDot *self)
{
  g_return_val_if_fail (OUTLAY_IS_COLOR_DOT (self), NULL);

  return self->color;
}

void
outlay_color_dot_set_color (OutlayColorDot *self,
                            const char     *color)
{
  g_return_if_fail (OUTLAY_IS_COLOR_DOT (self));

  if (g_strcmp0 (color, self->color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  self->has_rgba = color != NULL && gdk_rgba_parse (&self->rgba, color);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}
