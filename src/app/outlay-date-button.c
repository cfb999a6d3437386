/* outlay-date-button.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-calendar.h"
#include "outlay-core.h"
#include "outlay-date-button.h"
#include "outlay-settings.h"
#include "outlay-ui.h"

struct _OutlayDateButton
{
  GtkWidget       parent_instance;

  GDate           date;
  gboolean        optional;
  char           *placeholder;

  GtkMenuButton  *button;
  GtkPopover     *popover;
  OutlayCalendar *calendar;
  GtkButton      *clear_button;
  GtkLabel       *label;
};

G_DEFINE_FINAL_TYPE (OutlayDateButton, outlay_date_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE,
  PROP_OPTIONAL,
  PROP_PLACEHOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_label (OutlayDateButton *self)
{
  g_autofree char *text = NULL;

  if (g_date_valid (&self->date))
    text = outlay_ui_format_date (&self->date);
  else
    text = g_strdup (self->placeholder != NULL ? self->placeholder : "");

  gtk_label_set_label (self->label, text);
}

static void
popover_shown_cb (OutlayDateButton *self)
{
  /* Open on the chosen day (or today), where the arrow keys start. */
  outlay_calendar_set_date (self->calendar, outlay_date_button_get_date (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
calendar_day_selected_cb (OutlayDateButton *self)
{
  outlay_date_button_set_date (self, outlay_calendar_get_date (self->calendar));
  gtk_popover_popdown (self->popover);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OutlayDateButton *self = OUTLAY_DATE_BUTTON (widget);
  GDate today;

  outlay_date_set_today (&today);
  outlay_date_button_set_date (self, &today);
  gtk_popover_popdown (self->popover);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OutlayDateButton *self = OUTLAY_DATE_BUTTON (widget);

  outlay_date_button_set_date (self, NULL);
  gtk_popover_popdown (self->popover);
}

static gboolean
outlay_date_button_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (OUTLAY_DATE_BUTTON (widget)->button));
}

static void
outlay_date_button_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OUTLAY_TYPE_DATE_BUTTON);

  G_OBJECT_CLASS (outlay_date_button_parent_class)->dispose (object);
}

static void
outlay_date_button_finalize (GObject *object)
{
  OutlayDateButton *self = (OutlayDateButton *) object;

  g_clear_pointer (&self->placeholder, g_free);

  G_OBJECT_CLASS (outlay_date_button_parent_class)->finalize (object);
}

static void
outlay_date_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OutlayDateButton *self = OUTLAY_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, outlay_date_button_get_date (self));
      break;

    case PROP_OPTIONAL:
      g_value_set_boolean (value, self->optional);
      break;

    case PROP_PLACEHOLDER:
      g_value_set_string (value, self->placeholder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_date_button_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OutlayDateButton *self = OUTLAY_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      outlay_date_button_set_date (self, g_value_get_boxed (value));
      break;

    case PROP_OPTIONAL:
      outlay_date_button_set_optional (self, g_value_get_boolean (value));
      break;

    case PROP_PLACEHOLDER:
      outlay_date_button_set_placeholder (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_date_button_class_init (OutlayDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_date_button_dispose;
  object_class->finalize = outlay_date_button_finalize;
  object_class->get_property = outlay_date_button_get_property;
  object_class->set_property = outlay_date_button_set_property;

  widget_class->grab_focus = outlay_date_button_grab_focus;

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OUTLAY_TYPE_CALENDAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-date-button.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayDateButton, button);
  gtk_widget_class_bind_template_child (widget_class, OutlayDateButton, popover);
  gtk_widget_class_bind_template_child (widget_class, OutlayDateButton, calendar);
  gtk_widget_class_bind_template_child (widget_class, OutlayDateButton, clear_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayDateButton, label);
  gtk_widget_class_bind_template_callback (widget_class, popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "date-button.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "date-button.clear", NULL, clear_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
outlay_date_button_init (OutlayDateButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Open calendars follow the preference as it changes. */
  g_object_bind_property (outlay_settings_get_default (), "first-day-of-week",
                          self->calendar, "first-day-of-week",
                          G_BINDING_SYNC_CREATE);

  outlay_date_set_today (&self->date);
  update_label (self);
}

GtkWidget *
outlay_date_button_new (void)
{
  return g_object_new (OUTLAY_TYPE_DATE_BUTTON, NULL);
}

const GDate *
outlay_date_button_get_date (OutlayDateButton *self)
{
  g_return_val_if_fail (OUTLAY_IS_DATE_BUTTON (self), NULL);

  return g_date_valid (&self->date) ? &self->date : NULL;
}

void
outlay_date_button_set_date (OutlayDateButton *self,
                             const GDate      *date)
{
  gboolean valid;

  g_return_if_fail (OUTLAY_IS_DATE_BUTTON (self));

  valid = date != NULL && g_date_valid (date);

  /* Without a date is only allowed when optional. */
  if (!valid && !self->optional)
    return;

  if (valid == g_date_valid (&self->date) &&
      (!valid || g_date_compare (date, &self->date) == 0))
    return;

  if (valid)
    self->date = *date;
  else
    g_date_clear (&self->date, 1);

  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

gboolean
outlay_date_button_get_optional (OutlayDateButton *self)
{
  g_return_val_if_fail (OUTLAY_IS_DATE_BUTTON (self), FALSE);

  return self->optional;
}

void
outlay_date_button_set_optional (OutlayDateButton *self,
                                 gboolean          optional)
{
  g_return_if_fail (OUTLAY_IS_DATE_BUTTON (self));

  optional = !!optional;
  if (optional == self->optional)
    return;

  self->optional = optional;
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), optional);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONAL]);
}

const char *
outlay_date_button_get_placeholder (OutlayDateButton *self)
{
  g_return_val_if_fail (OUTLAY_IS_DATE_BUTTON (self), NULL);

  return self->placeholder;
}

void
outlay_date_button_set_placeholder (OutlayDateButton *self,
                                    const char       *placeholder)
{
  g_return_if_fail (OUTLAY_IS_DATE_BUTTON (self));

  if (g_strcmp0 (placeholder, self->placeholder) == 0)
    return;

  g_free (self->placeholder);
  self->placeholder = g_strdup (placeholder);
  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER]);
}
