/* outlay-bar-chart.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-bar-chart.h"
#include "outlay-chart-utils.h"
#include "outlay-settings.h"

#define LABEL_FONT "Sans 9"
/* Room under the bars for the months, and above them for the scale. */
#define BOTTOM 22.0
#define TOP 18.0

struct _OutlayBarChart
{
  GtkWidget           parent_instance;

  GPtrArray          *totals;
  OutlayCategoryList *categories;
  int                 first_year;
  int                 first_month;
  guint               n_months;
  gint64             *month_totals;
  gint64              max_total;
};

G_DEFINE_FINAL_TYPE (OutlayBarChart, outlay_bar_chart, GTK_TYPE_WIDGET)

/* The month of @total counted from the first shown, or -1 outside. */
static int
month_index (OutlayBarChart         *self,
             const OutlayMonthTotal *total)
{
  int index = (total->year - self->first_year) * 12 + total->month - self->first_month;

  return index >= 0 && index < (int) self->n_months ? index : -1;
}

static void
month_name (OutlayBarChart *self,
            guint           index,
            const char     *format,
            char           *buffer,
            gsize           size)
{
  int months = self->first_year * 12 + self->first_month - 1 + (int) index;
  g_autoptr(GDate) date = g_date_new_dmy (1, months % 12 + 1, months / 12);

  g_date_strftime (buffer, size, format, date);
}

static const char *
month_year_format (void)
{
  /* Translators: a month and its year in the chart's tooltip, for
   * g_date_strftime(); e.g. "%Y年%-m月".
   * xgettext:no-c-format */
  return C_("chart month", "%B %Y");
}

/* Where the bar of month @index stands, in a @width × @height box. */
static void
bar_bounds (OutlayBarChart *self,
            guint           index,
            double          width,
            double          height,
            double         *x,
            double         *bar_width,
            double         *plot_height)
{
  double slot = width / MAX (self->n_months, 1);

  *bar_width = MAX (slot * 0.6, 2.0);
  *x = slot * index + (slot - *bar_width) / 2.0;
  *plot_height = MAX (height - BOTTOM - TOP, 1.0);
}

static GdkRGBA
category_color (OutlayBarChart *self,
                gint64          category_id)
{
  OutlayCategory *category = NULL;
  GdkRGBA rgba;

  if (self->categories != NULL)
    category = outlay_category_list_lookup (self->categories, category_id);
  outlay_chart_parse_color (category != NULL ? outlay_category_get_color (category) : NULL, &rgba);

  return rgba;
}

/* The category segment under (@x, @y), or NULL. */
static const OutlayMonthTotal *
segment_at (OutlayBarChart *self,
            double          x,
            double          y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double bottom = height - BOTTOM;
  double bar_x, bar_width, plot_height;
  int index;

  if (self->totals == NULL || self->max_total <= 0 || self->n_months == 0)
    return NULL;

  index = (int) (x / (width / self->n_months));
  if (index < 0 || index >= (int) self->n_months)
    return NULL;

  bar_bounds (self, index, width, height, &bar_x, &bar_width, &plot_height);
  if (x < bar_x || x > bar_x + bar_width)
    return NULL;

  for (guint i = 0; i < self->totals->len; i++)
    {
      const OutlayMonthTotal *total = g_ptr_array_index (self->totals, i);
      double segment = plot_height * (double) total->total / (double) self->max_total;

      if (month_index (self, total) != index)
        continue;
      if (y <= bottom && y >= bottom - segment)
        return total;
      bottom -= segment;
    }

  return NULL;
}

static void
refresh (OutlayBarChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->n_months; i++)
    {
      char month[64];

      month_name (self, i, month_year_format (), month, sizeof month);
      outlay_chart_append_amount (description, month, self->month_totals[i]);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (OutlayBarChart *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  const OutlayMonthTotal *total = segment_at (self, x, y);
  OutlaySettings *settings = outlay_settings_get_default ();
  g_autofree char *amount = NULL;
  g_autofree char *month_amount = NULL;
  g_autofree char *text = NULL;
  char month[64];
  int index;

  if (total == NULL)
    return FALSE;

  index = month_index (self, total);
  month_name (self, index, month_year_format (), month, sizeof month);
  amount = outlay_settings_format_money (settings, total->total);
  month_amount = outlay_settings_format_money (settings, self->month_totals[index]);
  /* Translators: category: amount, then the month and its total */
  text = g_strdup_printf (_("%s: %s\n%s: %s in all"), total->name, amount, month, month_amount);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
draw_widget (GtkWidget     *widget,
             cairo_t       *cr,
             double         width,
             double         height,
             const GdkRGBA *foreground)
{
  outlay_bar_chart_draw (OUTLAY_BAR_CHART (widget), cr, width, height, foreground);
}

static void
outlay_bar_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  outlay_chart_snapshot (widget, snapshot, draw_widget);
}

static void
outlay_bar_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 160;
      *natural = 200;
    }
}

static void
outlay_bar_chart_finalize (GObject *object)
{
  OutlayBarChart *self = OUTLAY_BAR_CHART (object);

  g_clear_pointer (&self->totals, g_ptr_array_unref);
  g_clear_object (&self->categories);
  g_clear_pointer (&self->month_totals, g_free);

  G_OBJECT_CLASS (outlay_bar_chart_parent_class)->finalize (object);
}

static void
outlay_bar_chart_class_init (OutlayBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = outlay_bar_chart_finalize;

  widget_class->snapshot = outlay_bar_chart_snapshot;
  widget_class->measure = outlay_bar_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
outlay_bar_chart_init (OutlayBarChart *self)
{
  outlay_chart_init (GTK_WIDGET (self), _("Spending by month"),
                     G_CALLBACK (query_tooltip_cb), G_CALLBACK (refresh));
}

GtkWidget *
outlay_bar_chart_new (void)
{
  return g_object_new (OUTLAY_TYPE_BAR_CHART, NULL);
}

void
outlay_bar_chart_set_data (OutlayBarChart     *self,
                           GPtrArray          *totals,
                           int                 first_year,
                           int                 first_month,
                           guint               n_months,
                           OutlayCategoryList *categories)
{
  g_return_if_fail (OUTLAY_IS_BAR_CHART (self));
  g_return_if_fail (first_month >= 1 && first_month <= 12);

  if (totals != NULL)
    g_ptr_array_ref (totals);
  g_clear_pointer (&self->totals, g_ptr_array_unref);
  self->totals = totals;
  g_set_object (&self->categories, categories);
  self->first_year = first_year;
  self->first_month = first_month;
  self->n_months = n_months;

  g_free (self->month_totals);
  self->month_totals = g_new0 (gint64, MAX (n_months, 1));
  self->max_total = 0;

  for (guint i = 0; totals != NULL && i < totals->len; i++)
    {
      const OutlayMonthTotal *total = g_ptr_array_index (totals, i);
      int index = month_index (self, total);

      if (index >= 0)
        {
          self->month_totals[index] += total->total;
          self->max_total = MAX (self->max_total, self->month_totals[index]);
        }
    }

  refresh (self);
}

guint
outlay_bar_chart_get_n_months (OutlayBarChart *self)
{
  g_return_val_if_fail (OUTLAY_IS_BAR_CHART (self), 0);

  return self->n_months;
}

gint64
outlay_bar_chart_get_month_total (OutlayBarChart *self,
                                  guint           index)
{
  g_return_val_if_fail (OUTLAY_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (index < self->n_months, 0);

  return self->month_totals[index];
}

void
outlay_bar_chart_draw (OutlayBarChart *self,
                       cairo_t        *cr,
                       double          width,
                       double          height,
                       const GdkRGBA  *foreground)
{
  GdkRGBA dim = *foreground;
  double *bottoms;
  double label_every = 1.0, widest = 0.0, bar_x, bar_width, plot_height;

  g_return_if_fail (OUTLAY_IS_BAR_CHART (self));

  if (self->n_months == 0)
    return;

  bar_bounds (self, 0, width, height, &bar_x, &bar_width, &plot_height);

  /* A base line, and the largest month's total as the scale. */
  dim.alpha *= 0.15;
  gdk_cairo_set_source_rgba (cr, &dim);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, TOP + 0.5);
  cairo_line_to (cr, width, TOP + 0.5);
  cairo_move_to (cr, 0, height - BOTTOM + 0.5);
  cairo_line_to (cr, width, height - BOTTOM + 0.5);
  cairo_stroke (cr);

  dim = *foreground;
  dim.alpha *= 0.6;
  if (self->max_total > 0)
    {
      g_autofree char *max = outlay_settings_format_money (outlay_settings_get_default (),
                                                           self->max_total);
      double max_width = outlay_chart_text_width (cr, max, LABEL_FONT);

      outlay_chart_draw_text (cr, max, LABEL_FONT, max_width / 2.0, TOP / 2.0 - 1.0, -1.0, &dim);
    }

  bottoms = g_newa (double, self->n_months);
  for (guint i = 0; i < self->n_months; i++)
    bottoms[i] = height - BOTTOM;

  for (guint i = 0; self->totals != NULL && self->max_total > 0 && i < self->totals->len; i++)
    {
      const OutlayMonthTotal *total = g_ptr_array_index (self->totals, i);
      int index = month_index (self, total);
      double segment;
      GdkRGBA color;

      if (index < 0)
        continue;

      bar_bounds (self, index, width, height, &bar_x, &bar_width, &plot_height);
      segment = plot_height * (double) total->total / (double) self->max_total;
      color = category_color (self, total->category_id);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, bar_x, bottoms[index] - segment, bar_width, segment);
      cairo_fill (cr);
      bottoms[index] -= segment;
    }

  /* Month names under the bars, every second or third when they would crowd. */
  for (guint i = 0; i < self->n_months; i++)
    {
      char month[32];

      month_name (self, i, "%b", month, sizeof month);
      widest = MAX (widest, outlay_chart_text_width (cr, month, LABEL_FONT));
    }
  while (label_every * width / self->n_months < widest + 4.0 && label_every < self->n_months)
    label_every += 1.0;

  for (guint i = 0; i < self->n_months; i += (guint) label_every)
    {
      char month[32];

      month_name (self, i, "%b", month, sizeof month);
      bar_bounds (self, i, width, height, &bar_x, &bar_width, &plot_height);
      outlay_chart_draw_text (cr, month, LABEL_FONT, bar_x + bar_width / 2.0,
                              height - BOTTOM / 2.0, -1.0, &dim);
    }
}
