/* outlay-donut-chart.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "outlay-chart-utils.h"
#include "outlay-donut-chart.h"
#include "outlay-settings.h"

/* The ring's width as a share of its radius. */
#define RING 0.38

struct _OutlayDonutChart
{
  GtkWidget  parent_instance;

  GPtrArray *totals;
  gint64     grand_total;
};

G_DEFINE_FINAL_TYPE (OutlayDonutChart, outlay_donut_chart, GTK_TYPE_WIDGET)

enum {
  SLICE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
get_geometry (double  width,
              double  height,
              double *cx,
              double *cy,
              double *radius)
{
  *cx = width / 2.0;
  *cy = height / 2.0;
  *radius = MAX (MIN (width, height) / 2.0 - 4.0, 1.0);
}

/* The slice under (@x, @y), or NULL. */
static const OutlayCategoryTotal *
slice_at (OutlayDonutChart *self,
          double            x,
          double            y)
{
  double cx, cy, radius, distance, angle, start = 0.0;

  if (self->totals == NULL || self->grand_total <= 0)
    return NULL;

  get_geometry (gtk_widget_get_width (GTK_WIDGET (self)),
                gtk_widget_get_height (GTK_WIDGET (self)),
                &cx, &cy, &radius);
  distance = hypot (x - cx, y - cy);
  if (distance > radius || distance < radius * (1.0 - RING))
    return NULL;

  /* Slices start at twelve o'clock and go clockwise. */
  angle = atan2 (y - cy, x - cx) + G_PI / 2.0;
  if (angle < 0.0)
    angle += 2.0 * G_PI;

  for (guint i = 0; i < self->totals->len; i++)
    {
      const OutlayCategoryTotal *total = g_ptr_array_index (self->totals, i);
      double sweep = 2.0 * G_PI * (double) total->total / (double) self->grand_total;

      if (angle >= start && angle < start + sweep)
        return total;
      start += sweep;
    }

  return NULL;
}

static void
update_accessible (OutlayDonutChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  OutlaySettings *settings = outlay_settings_get_default ();

  for (guint i = 0; self->totals != NULL && i < self->totals->len; i++)
    {
      const OutlayCategoryTotal *total = g_ptr_array_index (self->totals, i);
      g_autofree char *amount = outlay_settings_format_money (settings, total->total);

      if (description->len > 0)
        g_string_append (description, ", ");
      /* Translators: a category and what was spent on it, in a list */
      g_string_append_printf (description, _("%s %s"), total->name, amount);
    }

  if (description->len == 0)
    g_string_append (description, _("No spending"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static gboolean
query_tooltip_cb (OutlayDonutChart *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  const OutlayCategoryTotal *total = slice_at (self, x, y);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;

  if (total == NULL)
    return FALSE;

  amount = outlay_settings_format_money (outlay_settings_get_default (), total->total);
  /* Translators: category name, amount, share of the period's spending */
  text = g_strdup_printf (_("%s: %s (%.0f%%)"), total->name, amount,
                          100.0 * (double) total->total / (double) self->grand_total);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
click_released_cb (OutlayDonutChart *self,
                   int               n_press,
                   double            x,
                   double            y)
{
  const OutlayCategoryTotal *total = slice_at (self, x, y);

  if (total != NULL)
    g_signal_emit (self, signals[SLICE_ACTIVATED], 0, total->category_id);
}

static void
motion_cb (OutlayDonutChart *self,
           double            x,
           double            y)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   slice_at (self, x, y) != NULL ? "pointer" : NULL);
}

static void
outlay_donut_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  OutlayDonutChart *self = OUTLAY_DONUT_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA foreground;

  if (width <= 0 || height <= 0)
    return;

  outlay_chart_get_foreground (widget, &foreground);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  outlay_donut_chart_draw (self, cr, width, height, &foreground);
  cairo_destroy (cr);
}

static void
outlay_donut_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = 160;
  *natural = 240;
}

static void
outlay_donut_chart_finalize (GObject *object)
{
  OutlayDonutChart *self = OUTLAY_DONUT_CHART (object);

  g_clear_pointer (&self->totals, g_ptr_array_unref);

  G_OBJECT_CLASS (outlay_donut_chart_parent_class)->finalize (object);
}

static void
outlay_donut_chart_class_init (OutlayDonutChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = outlay_donut_chart_finalize;

  widget_class->snapshot = outlay_donut_chart_snapshot;
  widget_class->measure = outlay_donut_chart_measure;

  signals[SLICE_ACTIVATED] =
    g_signal_new ("slice-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "donutchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
outlay_donut_chart_init (OutlayDonutChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect_swapped (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  /* Amounts read in the chosen currency. */
  g_signal_connect_object (outlay_settings_get_default (), "notify::currency",
                           G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Spending by category"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
outlay_donut_chart_new (void)
{
  return g_object_new (OUTLAY_TYPE_DONUT_CHART, NULL);
}

void
outlay_donut_chart_set_totals (OutlayDonutChart *self,
                               GPtrArray        *totals)
{
  g_return_if_fail (OUTLAY_IS_DONUT_CHART (self));

  if (totals != NULL)
    g_ptr_array_ref (totals);
  g_clear_pointer (&self->totals, g_ptr_array_unref);
  self->totals = totals;

  self->grand_total = 0;
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    self->grand_total += ((OutlayCategoryTotal *) g_ptr_array_index (totals, i))->total;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GPtrArray *
outlay_donut_chart_get_totals (OutlayDonutChart *self)
{
  g_return_val_if_fail (OUTLAY_IS_DONUT_CHART (self), NULL);

  return self->totals;
}

gint64
outlay_donut_chart_get_grand_total (OutlayDonutChart *self)
{
  g_return_val_if_fail (OUTLAY_IS_DONUT_CHART (self), 0);

  return self->grand_total;
}

void
outlay_donut_chart_draw (OutlayDonutChart *self,
                         cairo_t          *cr,
                         double            width,
                         double            height,
                         const GdkRGBA    *foreground)
{
  g_autofree char *amount = NULL;
  GdkRGBA dim = *foreground;
  double cx, cy, radius, start = -G_PI / 2.0;
  g_autofree char *font = NULL;

  g_return_if_fail (OUTLAY_IS_DONUT_CHART (self));

  get_geometry (width, height, &cx, &cy, &radius);
  cairo_set_line_width (cr, radius * RING);

  /* An empty ring when there is nothing to show. */
  dim.alpha *= 0.1;
  if (self->grand_total <= 0)
    {
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_arc (cr, cx, cy, radius * (1.0 - RING / 2.0), 0, 2.0 * G_PI);
      cairo_stroke (cr);
    }

  for (guint i = 0; self->totals != NULL && self->grand_total > 0 && i < self->totals->len; i++)
    {
      const OutlayCategoryTotal *total = g_ptr_array_index (self->totals, i);
      double sweep = 2.0 * G_PI * (double) total->total / (double) self->grand_total;
      GdkRGBA color;

      outlay_chart_parse_color (total->color, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, radius * (1.0 - RING / 2.0), start, start + sweep);
      cairo_stroke (cr);
      start += sweep;
    }

  /* The grand total in the hole, its size following the hole's. */
  amount = outlay_settings_format_money (outlay_settings_get_default (), self->grand_total);
  font = g_strdup_printf ("Sans Bold %d", (int) CLAMP (radius / 7.0, 8.0, 20.0));
  outlay_chart_draw_text (cr, amount, font, cx, cy - radius * 0.06, foreground);
  dim = *foreground;
  dim.alpha *= 0.6;
  g_free (font);
  font = g_strdup_printf ("Sans %d", (int) CLAMP (radius / 11.0, 7.0, 12.0));
  outlay_chart_draw_text (cr, _("Total"), font, cx, cy + radius * 0.16, &dim);
}
