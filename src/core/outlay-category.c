/* outlay-category.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-category.h"
#include "outlay-error.h"
#include "outlay-money.h"
#include "outlay-text-private.h"

struct _OutlayCategory
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *color;
  gint64 monthly_budget;
  gint64 month_total;
  gboolean archived;
};

G_DEFINE_FINAL_TYPE (OutlayCategory, outlay_category, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_MONTHLY_BUDGET,
  PROP_ARCHIVED,
  PROP_MONTH_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The GNOME palette (HIG colors, then the newer accent colors), in an order
 * where neighbours differ well. */
static const char * const palette[] = {
  "#3584e4", /* blue */
  "#33d17a", /* green */
  "#f6d32d", /* yellow */
  "#ff7800", /* orange */
  "#e01b24", /* red */
  "#9141ac", /* purple */
  "#986a44", /* brown */
  "#2190a4", /* teal */
  "#d56199", /* pink */
  "#6f8396", /* slate */
};

static void
outlay_category_finalize (GObject *object)
{
  OutlayCategory *self = (OutlayCategory *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (outlay_category_parent_class)->finalize (object);
}

static void
outlay_category_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OutlayCategory *self = OUTLAY_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_MONTHLY_BUDGET:
      g_value_set_int64 (value, self->monthly_budget);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_MONTH_TOTAL:
      g_value_set_int64 (value, self->month_total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_category_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OutlayCategory *self = OUTLAY_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      outlay_category_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      outlay_category_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      outlay_category_set_color (self, g_value_get_string (value));
      break;

    case PROP_MONTHLY_BUDGET:
      outlay_category_set_monthly_budget (self, g_value_get_int64 (value));
      break;

    case PROP_ARCHIVED:
      outlay_category_set_archived (self, g_value_get_boolean (value));
      break;

    case PROP_MONTH_TOTAL:
      outlay_category_set_month_total (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_category_class_init (OutlayCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = outlay_category_finalize;
  object_class->get_property = outlay_category_get_property;
  object_class->set_property = outlay_category_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Amounts take any value here; outlay_category_validate() judges them. */
  properties[PROP_MONTHLY_BUDGET] =
    g_param_spec_int64 ("monthly-budget", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MONTH_TOTAL] =
    g_param_spec_int64 ("month-total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
outlay_category_init (OutlayCategory *self)
{
}

OutlayCategory *
outlay_category_new (const char *name)
{
  return g_object_new (OUTLAY_TYPE_CATEGORY,
                       "name", name,
                       NULL);
}

gint64
outlay_category_get_id (OutlayCategory *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (self), 0);

  return self->id;
}

void
outlay_category_set_id (OutlayCategory *self,
                        gint64          id)
{
  g_return_if_fail (OUTLAY_IS_CATEGORY (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
outlay_category_get_name (OutlayCategory *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (self), NULL);

  return self->name;
}

void
outlay_category_set_name (OutlayCategory *self,
                          const char     *name)
{
  g_return_if_fail (OUTLAY_IS_CATEGORY (self));

  if (outlay_text_replace (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
outlay_category_get_color (OutlayCategory *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (self), NULL);

  return self->color;
}

void
outlay_category_set_color (OutlayCategory *self,
                           const char     *color)
{
  g_return_if_fail (OUTLAY_IS_CATEGORY (self));

  if (outlay_text_replace (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

gint64
outlay_category_get_monthly_budget (OutlayCategory *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (self), 0);

  return self->monthly_budget;
}

void
outlay_category_set_monthly_budget (OutlayCategory *self,
                                    gint64          minor)
{
  g_return_if_fail (OUTLAY_IS_CATEGORY (self));

  if (self->monthly_budget == minor)
    return;

  self->monthly_budget = minor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTHLY_BUDGET]);
}

gboolean
outlay_category_get_archived (OutlayCategory *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (self), FALSE);

  return self->archived;
}

void
outlay_category_set_archived (OutlayCategory *self,
                              gboolean        archived)
{
  g_return_if_fail (OUTLAY_IS_CATEGORY (self));

  archived = !!archived;
  if (self->archived == archived)
    return;

  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

gint64
outlay_category_get_month_total (OutlayCategory *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (self), 0);

  return self->month_total;
}

void
outlay_category_set_month_total (OutlayCategory *self,
                                 gint64          minor)
{
  g_return_if_fail (OUTLAY_IS_CATEGORY (self));

  if (self->month_total == minor)
    return;

  self->month_total = minor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH_TOTAL]);
}

void
outlay_category_update_from (OutlayCategory *self,
                             OutlayCategory *other)
{
  g_return_if_fail (OUTLAY_IS_CATEGORY (self));
  g_return_if_fail (OUTLAY_IS_CATEGORY (other));

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  outlay_category_set_id (self, other->id);
  outlay_category_set_name (self, other->name);
  outlay_category_set_color (self, other->color);
  outlay_category_set_monthly_budget (self, other->monthly_budget);
  outlay_category_set_archived (self, other->archived);
  outlay_category_set_month_total (self, other->month_total);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
outlay_category_validate (OutlayCategory  *self,
                          GError         **error)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!outlay_category_validate_name (self->name, error) ||
      !outlay_category_validate_color (self->color, error))
    return FALSE;

  if (self->monthly_budget < 0 || self->monthly_budget > OUTLAY_MONEY_MAX)
    {
      g_autofree char *max = outlay_money_format (OUTLAY_MONEY_MAX, NULL);

      /* Translators: %s is the largest amount, e.g. 999,999,999,999.99 */
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                   _("The monthly budget must be between zero and %s"), max);
      return FALSE;
    }

  return TRUE;
}

/* The name is judged as it reads, without the white space around it; store
 * it trimmed, so that " Food" cannot sit beside "Food". */
gboolean
outlay_category_validate_name (const char  *name,
                               GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  glong length;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name != NULL && !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                           _("The name contains characters that are not text"));
      return FALSE;
    }

  trimmed = outlay_text_strip (name != NULL ? name : "");
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                           _("Enter a name for the category"));
      return FALSE;
    }

  length = g_utf8_strlen (trimmed, -1);
  if (length > OUTLAY_CATEGORY_NAME_MAX)
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                   ngettext ("Name is too long: %ld character, at most %d",
                             "Name is too long: %ld characters, at most %d",
                             length),
                   length, OUTLAY_CATEGORY_NAME_MAX);
      return FALSE;
    }

  for (p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                               _("The name must be a single line without tabs"));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
outlay_category_validate_color (const char  *color,
                                GError     **error)
{
  guint i = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (color == NULL)
    return TRUE;

  if (color[0] == '#')
    for (i = 1; i < 7 && g_ascii_isxdigit (color[i]); i++)
      ;

  if (i < 7 || color[7] != '\0')
    {
      g_autofree char *excerpt = outlay_text_excerpt (color);

      /* Translators: %s is the text given as a color. */
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                   _("“%s” is not a color of the form #rrggbb"), excerpt);
      return FALSE;
    }

  return TRUE;
}

const char *
outlay_category_default_color (guint n)
{
  return palette[n % G_N_ELEMENTS (palette)];
}
