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
/* The focus outline's width, its distance from the slice, and how long
 * it is at the least along the ring, so a sliver's shows too. */
#define FOCUS_WIDTH 2.0
#define FOCUS_GAP 1.5
#define FOCUS_MIN_LENGTH 10.0

struct _OutlayDonutChart
{
  GtkWidget  parent_instance;

  GPtrArray *totals;
  gint64     grand_total;
  /* The slice the keyboard is on: -1 only when there are none. */
  int        focused;
};

G_DEFINE_FINAL_TYPE (OutlayDonutChart, outlay_donut_chart, GTK_TYPE_WIDGET)

enum {
  SLICE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const focus_actions[] = {
  "donut.next-slice",
  "donut.previous-slice",
  "donut.first-slice",
  "donut.last-slice",
  "donut.activate-slice",
};

static int
n_slices (OutlayDonutChart *self)
{
  return self->totals != NULL && self->grand_total > 0 ? (int) self->totals->len : 0;
}

static const OutlayCategoryTotal *
get_slice (OutlayDonutChart *self,
           int               index)
{
  return g_ptr_array_index (self->totals, index);
}

/* The slice's part of the whole, in percent. */
static double
slice_share (OutlayDonutChart          *self,
             const OutlayCategoryTotal *total)
{
  return 100.0 * (double) total->total / (double) self->grand_total;
}

/* "Food: €12.50 (2%)", as the tooltip and screen readers say it. */
static char *
describe_slice (OutlayDonutChart *self,
                int               index)
{
  const OutlayCategoryTotal *total = get_slice (self, index);
  g_autofree char *amount = outlay_settings_format_money (outlay_settings_get_default (), total->total);

  /* Translators: category name, amount, share of the period's spending */
  return g_strdup_printf (_("%s: %s (%.0f%%)"), total->name, amount, slice_share (self, total));
}

static void
get_geometry (double  width,
              double  height,
              double *cx,
              double *cy,
              double *radius)
{
  *cx = width / 2.0;
  *cy = height / 2.0;
  /* Room around the ring for the focus outline. */
  *radius = MAX (MIN (width, height) / 2.0 - FOCUS_GAP - FOCUS_WIDTH - 1.0, 1.0);
}

/* The index of the slice under (@x, @y), or -1. */
static int
slice_at (OutlayDonutChart *self,
          double            x,
          double            y)
{
  double cx, cy, radius, distance, angle, start = 0.0;
  int n = n_slices (self);

  if (n == 0)
    return -1;

  get_geometry (gtk_widget_get_width (GTK_WIDGET (self)),
                gtk_widget_get_height (GTK_WIDGET (self)),
                &cx, &cy, &radius);
  distance = hypot (x - cx, y - cy);
  if (distance > radius || distance < radius * (1.0 - RING))
    return -1;

  /* Slices start at twelve o'clock and go clockwise. */
  angle = atan2 (y - cy, x - cx) + G_PI / 2.0;
  if (angle < 0.0)
    angle += 2.0 * G_PI;

  for (int i = 0; i < n; i++)
    {
      double sweep = 2.0 * G_PI * slice_share (self, get_slice (self, i)) / 100.0;

      if (angle >= start && angle < start + sweep)
        return i;
      start += sweep;
    }

  return -1;
}

/* The name says which slice the keyboard is on, as screen readers speak a
 * focused widget's name when it changes; the description lists them all.
 * Without slices the keys are left to move the focus on. */
static void
refresh (OutlayDonutChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (focus_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), focus_actions[i], self->focused >= 0);

  for (int i = 0; i < n_slices (self); i++)
    outlay_chart_append_amount (description, get_slice (self, i)->name, get_slice (self, i)->total);

  if (description->len == 0)
    g_string_append (description, _("No spending"));

  if (self->focused >= 0)
    {
      g_autofree char *slice = describe_slice (self, self->focused);

      /* Translators: the chart's name for screen readers, then the slice the keyboard is on */
      label = g_strdup_printf (_("Spending by category, %s"), slice);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Spending by category"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_slice (OutlayDonutChart *self,
             int               index)
{
  if (index == self->focused)
    return;

  self->focused = index;
  refresh (self);
}

/* What a click on a slice and Enter on the focused one both do. */
static void
activate_focused (OutlayDonutChart *self)
{
  if (self->focused >= 0)
    g_signal_emit (self, signals[SLICE_ACTIVATED], 0, get_slice (self, self->focused)->category_id);
}

/* An outline around the slice from @start over @sweep, just outside its
 * edges. */
static void
draw_focus (cairo_t       *cr,
            double         cx,
            double         cy,
            double         radius,
            double         start,
            double         sweep,
            const GdkRGBA *color)
{
  double outer = radius + FOCUS_GAP + FOCUS_WIDTH / 2.0;
  double inner = radius * (1.0 - RING) - FOCUS_GAP - FOCUS_WIDTH / 2.0;
  double grow = MAX (FOCUS_MIN_LENGTH / outer - sweep, 0.0) / 2.0;

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, FOCUS_WIDTH);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, outer, start - grow, start + sweep + grow);
  cairo_arc_negative (cr, cx, cy, inner, start + sweep + grow, start - grow);
  cairo_close_path (cr);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Paints the chart, with the outline and the name and amount of slice
 * @highlight in the middle when it is 0 or above. */
static void
draw_chart (OutlayDonutChart *self,
            cairo_t          *cr,
            double            width,
            double            height,
            const GdkRGBA    *foreground,
            int               highlight)
{
  g_autofree char *big_font = NULL;
  g_autofree char *small_font = NULL;
  GdkRGBA dim = *foreground;
  double cx, cy, radius, text_width, start = -G_PI / 2.0;
  int n = n_slices (self);

  get_geometry (width, height, &cx, &cy, &radius);
  cairo_set_line_width (cr, radius * RING);

  /* An empty ring when there is nothing to show. */
  dim.alpha *= 0.1;
  if (n == 0)
    {
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_arc (cr, cx, cy, radius * (1.0 - RING / 2.0), 0, 2.0 * G_PI);
      cairo_stroke (cr);
    }

  for (int i = 0; i < n; i++)
    {
      const OutlayCategoryTotal *total = get_slice (self, i);
      double sweep = 2.0 * G_PI * slice_share (self, total) / 100.0;
      GdkRGBA color;

      outlay_chart_parse_color (total->color, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, radius * (1.0 - RING / 2.0), start, start + sweep);
      cairo_stroke (cr);

      if (i == highlight)
        draw_focus (cr, cx, cy, radius, start, sweep, foreground);

      start += sweep;
    }

  /* In the hole the grand total, or the focused slice's amount, name and
   * share, the text's size following the hole's and as wide as its chord. */
  text_width = 2.0 * sqrt (pow (radius * (1.0 - RING), 2) - pow (radius * 0.25, 2)) - 8.0;
  big_font = g_strdup_printf ("Sans Bold %d", (int) CLAMP (radius / 7.0, 8.0, 20.0));
  small_font = g_strdup_printf ("Sans %d", (int) CLAMP (radius / 11.0, 7.0, 12.0));
  dim = *foreground;
  dim.alpha *= 0.6;

  if (highlight >= 0)
    {
      const OutlayCategoryTotal *total = get_slice (self, highlight);
      g_autofree char *amount = outlay_settings_format_money (outlay_settings_get_default (), total->total);
      /* Translators: a category's share of the period's spending, in the donut's middle */
      g_autofree char *share = g_strdup_printf (_("%.0f%%"), slice_share (self, total));

      outlay_chart_draw_text_fitted (cr, amount, big_font, cx, cy - radius * 0.12, text_width, foreground);
      outlay_chart_draw_text (cr, total->name, small_font, cx, cy + radius * 0.09, text_width, &dim);
      outlay_chart_draw_text (cr, share, small_font, cx, cy + radius * 0.25, text_width, &dim);
    }
  else
    {
      g_autofree char *amount = outlay_settings_format_money (outlay_settings_get_default (), self->grand_total);

      outlay_chart_draw_text_fitted (cr, amount, big_font, cx, cy - radius * 0.06, text_width, foreground);
      outlay_chart_draw_text (cr, _("Total"), small_font, cx, cy + radius * 0.16, text_width, &dim);
    }
}

static void
draw_widget (GtkWidget     *widget,
             cairo_t       *cr,
             double         width,
             double         height,
             const GdkRGBA *foreground)
{
  OutlayDonutChart *self = OUTLAY_DONUT_CHART (widget);

  draw_chart (self, cr, width, height, foreground,
              gtk_widget_has_visible_focus (widget) ? self->focused : -1);
}

static gboolean
query_tooltip_cb (OutlayDonutChart *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  int index = slice_at (self, x, y);
  g_autofree char *text = NULL;

  if (index < 0)
    return FALSE;

  text = describe_slice (self, index);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
click_released_cb (OutlayDonutChart *self,
                   int               n_press,
                   double            x,
                   double            y)
{
  int index = slice_at (self, x, y);

  if (index < 0)
    return;

  focus_slice (self, index);
  activate_focused (self);
}

static void
motion_cb (OutlayDonutChart *self,
           double            x,
           double            y)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   slice_at (self, x, y) >= 0 ? "pointer" : NULL);
}

/* Round the ring: past the last slice comes the first again. */
static void
move_focus_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OutlayDonutChart *self = OUTLAY_DONUT_CHART (widget);
  int n = n_slices (self);

  if (n == 0)
    return;

  if (g_str_equal (action_name, "donut.first-slice"))
    focus_slice (self, 0);
  else if (g_str_equal (action_name, "donut.last-slice"))
    focus_slice (self, n - 1);
  else if (g_str_equal (action_name, "donut.next-slice"))
    focus_slice (self, (self->focused + 1) % n);
  else
    focus_slice (self, (self->focused + n - 1) % n);
}

static void
activate_slice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  activate_focused (OUTLAY_DONUT_CHART (widget));
}

static void
outlay_donut_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  outlay_chart_snapshot (widget, snapshot, draw_widget);
}

/* The outline shows only while the keyboard is on the chart. */
static void
outlay_donut_chart_state_flags_changed (GtkWidget     *widget,
                                        GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (outlay_donut_chart_parent_class)->state_flags_changed (widget, previous);

  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
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
  /* Right and Down go clockwise, as the slices do. */
  static const struct
  {
    guint       keyval;
    const char *action;
  } keys[] = {
    { GDK_KEY_Right, "donut.next-slice" },
    { GDK_KEY_KP_Right, "donut.next-slice" },
    { GDK_KEY_Down, "donut.next-slice" },
    { GDK_KEY_KP_Down, "donut.next-slice" },
    { GDK_KEY_Left, "donut.previous-slice" },
    { GDK_KEY_KP_Left, "donut.previous-slice" },
    { GDK_KEY_Up, "donut.previous-slice" },
    { GDK_KEY_KP_Up, "donut.previous-slice" },
    { GDK_KEY_Home, "donut.first-slice" },
    { GDK_KEY_KP_Home, "donut.first-slice" },
    { GDK_KEY_End, "donut.last-slice" },
    { GDK_KEY_KP_End, "donut.last-slice" },
    { GDK_KEY_Return, "donut.activate-slice" },
    { GDK_KEY_ISO_Enter, "donut.activate-slice" },
    { GDK_KEY_KP_Enter, "donut.activate-slice" },
    { GDK_KEY_space, "donut.activate-slice" },
    { GDK_KEY_KP_Space, "donut.activate-slice" },
  };

  object_class->finalize = outlay_donut_chart_finalize;

  widget_class->snapshot = outlay_donut_chart_snapshot;
  widget_class->measure = outlay_donut_chart_measure;
  widget_class->state_flags_changed = outlay_donut_chart_state_flags_changed;

  signals[SLICE_ACTIVATED] =
    g_signal_new ("slice-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "donut.next-slice", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "donut.previous-slice", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "donut.first-slice", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "donut.last-slice", NULL, move_focus_action);
  gtk_widget_class_install_action (widget_class, "donut.activate-slice", NULL, activate_slice_action);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].keyval, 0, keys[i].action, NULL);

  gtk_widget_class_set_css_name (widget_class, "donutchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
outlay_donut_chart_init (OutlayDonutChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->focused = -1;

  g_signal_connect_swapped (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  outlay_chart_init (GTK_WIDGET (self), _("Spending by category"),
                     G_CALLBACK (query_tooltip_cb), G_CALLBACK (refresh));
  refresh (self);
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
  gint64 focused_id;

  g_return_if_fail (OUTLAY_IS_DONUT_CHART (self));

  focused_id = self->focused >= 0 ? get_slice (self, self->focused)->category_id : -1;
  if (totals != NULL)
    g_ptr_array_ref (totals);
  g_clear_pointer (&self->totals, g_ptr_array_unref);
  self->totals = totals;

  self->grand_total = 0;
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    self->grand_total += ((OutlayCategoryTotal *) g_ptr_array_index (totals, i))->total;

  /* The keyboard stays on its category when that is still there. */
  self->focused = n_slices (self) > 0 ? 0 : -1;
  for (int i = 0; i < n_slices (self); i++)
    if (get_slice (self, i)->category_id == focused_id)
      self->focused = i;

  refresh (self);
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

int
outlay_donut_chart_get_focused_slice (OutlayDonutChart *self)
{
  g_return_val_if_fail (OUTLAY_IS_DONUT_CHART (self), -1);

  return self->focused;
}

void
outlay_donut_chart_draw (OutlayDonutChart *self,
                         cairo_t          *cr,
                         double            width,
                         double            height,
                         const GdkRGBA    *foreground)
{
  g_return_if_fail (OUTLAY_IS_DONUT_CHART (self));

  draw_chart (self, cr, width, height, foreground, -1);
}
