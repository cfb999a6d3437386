/* outlay-settings.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <langinfo.h>
#include <locale.h>

#include "outlay-core.h"
#include "outlay-settings.h"

struct _OutlaySettings
{
  GObject    parent_instance;

  GSettings *settings;
  char      *currency;
  int        first_day_of_week;
};

G_DEFINE_FINAL_TYPE (OutlaySettings, outlay_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CURRENCY,
  PROP_FIRST_DAY_OF_WEEK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
locale_currency (void)
{
  struct lconv *lc = localeconv ();

  /* int_curr_symbol is the ISO 4217 code followed by a separator. */
  return g_strndup (lc->int_curr_symbol, 3);
}

static int
locale_first_day_of_week (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } week_origin;
  int first_weekday;

  /* As GtkCalendar reads it: _NL_TIME_FIRST_WEEKDAY counts from 1 = the day
   * of _NL_TIME_WEEK_1STDAY, a date (19971130 is a Sunday, 19971201 a
   * Monday). */
  week_origin.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  first_weekday = *nl_langinfo (_NL_TIME_FIRST_WEEKDAY);

  if (first_weekday < 1 || first_weekday > 7)
    return 0;
  if (week_origin.word == 19971130)
    return (first_weekday - 1) % 7;
  if (week_origin.word == 19971201)
    return first_weekday % 7;
#endif

  return 0;
}

static void
update_currency (OutlaySettings *self)
{
  g_autofree char *preference = g_settings_get_string (self->settings, "currency");
  g_autofree char *currency = NULL;

  if (*preference != '\0')
    currency = g_steal_pointer (&preference);
  else
    currency = locale_currency ();

  if (g_strcmp0 (currency, self->currency) != 0)
    {
      g_free (self->currency);
      self->currency = g_steal_pointer (&currency);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
    }
}

static void
update_first_day_of_week (OutlaySettings *self)
{
  int day = g_settings_get_int (self->settings, "first-day-of-week");

  if (day < 0 || day > 6)
    day = locale_first_day_of_week ();

  if (day != self->first_day_of_week)
    {
      self->first_day_of_week = day;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_DAY_OF_WEEK]);
    }
}

static void
settings_changed_cb (OutlaySettings *self,
                     const char     *key,
                     GSettings      *settings)
{
  if (g_strcmp0 (key, "currency") == 0)
    update_currency (self);
  else if (g_strcmp0 (key, "first-day-of-week") == 0)
    update_first_day_of_week (self);
}

static void
outlay_settings_finalize (GObject *object)
{
  OutlaySettings *self = (OutlaySettings *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (outlay_settings_parent_class)->finalize (object);
}

static void
outlay_settings_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OutlaySettings *self = OUTLAY_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_FIRST_DAY_OF_WEEK:
      g_value_set_int (value, self->first_day_of_week);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_settings_class_init (OutlaySettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = outlay_settings_finalize;
  object_class->get_property = outlay_settings_get_property;

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FIRST_DAY_OF_WEEK] =
    g_param_spec_int ("first-day-of-week", NULL, NULL,
                      0, 6, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
outlay_settings_init (OutlaySettings *self)
{
  self->settings = g_settings_new (OUTLAY_SETTINGS_SCHEMA_ID);
  self->first_day_of_week = -1;

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  update_currency (self);
  update_first_day_of_week (self);
}

OutlaySettings *
outlay_settings_get_default (void)
{
  static OutlaySettings *instance;

  if (instance == NULL)
    instance = g_object_new (OUTLAY_TYPE_SETTINGS, NULL);

  return instance;
}

GSettings *
outlay_settings_get_gsettings (OutlaySettings *self)
{
  g_return_val_if_fail (OUTLAY_IS_SETTINGS (self), NULL);

  return self->settings;
}

const char *
outlay_settings_get_currency (OutlaySettings *self)
{
  g_return_val_if_fail (OUTLAY_IS_SETTINGS (self), NULL);

  return self->currency;
}

int
outlay_settings_get_first_day_of_week (OutlaySettings *self)
{
  g_return_val_if_fail (OUTLAY_IS_SETTINGS (self), 0);

  return self->first_day_of_week;
}

char *
outlay_settings_format_money (OutlaySettings *self,
                              gint64          minor)
{
  g_return_val_if_fail (OUTLAY_IS_SETTINGS (self), NULL);

  return outlay_money_format (minor, self->currency);
}
