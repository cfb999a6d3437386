/* outlay-expense.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-date.h"
#include "outlay-error.h"
#include "outlay-expense.h"
#include "outlay-money.h"
#include "outlay-text-private.h"

struct _OutlayExpense
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *description;
  gint64 amount;
  GDate date;  /* cleared (invalid) when unset */
  gint64 category_id;
  char *category_name;
  char *category_color;
  char *note;
  GDateTime *created_at;
  GDateTime *updated_at;
  int version;
};

G_DEFINE_FINAL_TYPE (OutlayExpense, outlay_expense, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_DESCRIPTION,
  PROP_AMOUNT,
  PROP_DATE,
  PROP_CATEGORY_ID,
  PROP_CATEGORY_NAME,
  PROP_CATEGORY_COLOR,
  PROP_NOTE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (OutlayExpense *self,
        guint          prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
replace_string (OutlayExpense  *self,
                char          **field,
                const char     *value,
                guint           prop_id)
{
  if (outlay_text_replace (field, value))
    notify (self, prop_id);
}

static void
replace_date_time (OutlayExpense  *self,
                   GDateTime     **field,
                   GDateTime      *value,
                   guint           prop_id)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  notify (self, prop_id);
}

static void
outlay_expense_finalize (GObject *object)
{
  OutlayExpense *self = (OutlayExpense *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->category_name, g_free);
  g_clear_pointer (&self->category_color, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (outlay_expense_parent_class)->finalize (object);
}

static void
outlay_expense_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OutlayExpense *self = OUTLAY_EXPENSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_DATE:
      g_value_set_boxed (value, outlay_expense_get_date (self));
      break;

    case PROP_CATEGORY_ID:
      g_value_set_int64 (value, self->category_id);
      break;

    case PROP_CATEGORY_NAME:
      g_value_set_string (value, self->category_name);
      break;

    case PROP_CATEGORY_COLOR:
      g_value_set_string (value, self->category_color);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    case PROP_VERSION:
      g_value_set_int (value, self->version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_expense_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OutlayExpense *self = OUTLAY_EXPENSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      outlay_expense_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      outlay_expense_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      outlay_expense_set_description (self, g_value_get_string (value));
      break;

    case PROP_AMOUNT:
      outlay_expense_set_amount (self, g_value_get_int64 (value));
      break;

    case PROP_DATE:
      outlay_expense_set_date (self, g_value_get_boxed (value));
      break;

    case PROP_CATEGORY_ID:
      outlay_expense_set_category_id (self, g_value_get_int64 (value));
      break;

    case PROP_CATEGORY_NAME:
      outlay_expense_set_category_name (self, g_value_get_string (value));
      break;

    case PROP_CATEGORY_COLOR:
      outlay_expense_set_category_color (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      outlay_expense_set_note (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      outlay_expense_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      outlay_expense_set_updated_at (self, g_value_get_boxed (value));
      break;

    case PROP_VERSION:
      outlay_expense_set_version (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_expense_class_init (OutlayExpenseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = outlay_expense_finalize;
  object_class->get_property = outlay_expense_get_property;
  object_class->set_property = outlay_expense_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Any value is held; outlay_expense_validate() judges it. */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CATEGORY_ID] =
    g_param_spec_int64 ("category-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CATEGORY_NAME] =
    g_param_spec_string ("category-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CATEGORY_COLOR] =
    g_param_spec_string ("category-color", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_VERSION] =
    g_param_spec_int ("version", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
outlay_expense_init (OutlayExpense *self)
{
  g_date_clear (&self->date, 1);
}

OutlayExpense *
outlay_expense_new (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GDate today;

  outlay_date_set_today (&today);

  return g_object_new (OUTLAY_TYPE_EXPENSE,
                       "uuid", uuid,
                       "date", &today,
                       NULL);
}

OutlayExpense *
outlay_expense_copy (OutlayExpense *self)
{
  OutlayExpense *copy;

  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  copy = g_object_new (OUTLAY_TYPE_EXPENSE, NULL);
  outlay_expense_update_from (copy, self);

  return copy;
}

void
outlay_expense_update_from (OutlayExpense *self,
                            OutlayExpense *other)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));
  g_return_if_fail (OUTLAY_IS_EXPENSE (other));

  if (self == other)
    return;

  /* One batch of notifications, after every property holds its new value. */
  g_object_freeze_notify (G_OBJECT (self));

  outlay_expense_set_id (self, other->id);
  outlay_expense_set_uuid (self, other->uuid);
  outlay_expense_set_description (self, other->description);
  outlay_expense_set_amount (self, other->amount);
  outlay_expense_set_date (self, &other->date);
  outlay_expense_set_category_id (self, other->category_id);
  outlay_expense_set_category_name (self, other->category_name);
  outlay_expense_set_category_color (self, other->category_color);
  outlay_expense_set_note (self, other->note);
  outlay_expense_set_created_at (self, other->created_at);
  outlay_expense_set_updated_at (self, other->updated_at);
  outlay_expense_set_version (self, other->version);

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
outlay_expense_get_id (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), 0);

  return self->id;
}

void
outlay_expense_set_id (OutlayExpense *self,
                       gint64         id)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  if (self->id == id)
    return;

  self->id = id;
  notify (self, PROP_ID);
}

const char *
outlay_expense_get_uuid (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  return self->uuid;
}

void
outlay_expense_set_uuid (OutlayExpense *self,
                         const char    *uuid)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  replace_string (self, &self->uuid, uuid, PROP_UUID);
}

const char *
outlay_expense_get_description (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  return self->description;
}

void
outlay_expense_set_description (OutlayExpense *self,
                                const char    *description)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  replace_string (self, &self->description, description, PROP_DESCRIPTION);
}

gint64
outlay_expense_get_amount (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), 0);

  return self->amount;
}

void
outlay_expense_set_amount (OutlayExpense *self,
                           gint64         minor)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  if (self->amount == minor)
    return;

  self->amount = minor;
  notify (self, PROP_AMOUNT);
}

/* NULL while no valid date is set. */
const GDate *
outlay_expense_get_date (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  return g_date_valid (&self->date) ? &self->date : NULL;
}

/* NULL or an invalid GDate unsets the date. */
void
outlay_expense_set_date (OutlayExpense *self,
                         const GDate   *date)
{
  gboolean had_date;
  gboolean has_date;

  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  had_date = g_date_valid (&self->date);
  has_date = date != NULL && g_date_valid (date);

  if (had_date == has_date && (!has_date || g_date_compare (&self->date, date) == 0))
    return;

  if (has_date)
    self->date = *date;
  else
    g_date_clear (&self->date, 1);

  notify (self, PROP_DATE);
}

gint64
outlay_expense_get_category_id (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), 0);

  return self->category_id;
}

void
outlay_expense_set_category_id (OutlayExpense *self,
                                gint64         category_id)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  if (self->category_id == category_id)
    return;

  self->category_id = category_id;
  notify (self, PROP_CATEGORY_ID);
}

const char *
outlay_expense_get_category_name (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  return self->category_name;
}

void
outlay_expense_set_category_name (OutlayExpense *self,
                                  const char    *name)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  replace_string (self, &self->category_name, name, PROP_CATEGORY_NAME);
}

const char *
outlay_expense_get_category_color (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  return self->category_color;
}

void
outlay_expense_set_category_color (OutlayExpense *self,
                                   const char    *color)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  replace_string (self, &self->category_color, color, PROP_CATEGORY_COLOR);
}

const char *
outlay_expense_get_note (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  return self->note;
}

void
outlay_expense_set_note (OutlayExpense *self,
                         const char    *note)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  replace_string (self, &self->note, note, PROP_NOTE);
}

GDateTime *
outlay_expense_get_created_at (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  return self->created_at;
}

void
outlay_expense_set_created_at (OutlayExpense *self,
                               GDateTime     *created_at)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  replace_date_time (self, &self->created_at, created_at, PROP_CREATED_AT);
}

GDateTime *
outlay_expense_get_updated_at (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), NULL);

  return self->updated_at;
}

void
outlay_expense_set_updated_at (OutlayExpense *self,
                               GDateTime     *updated_at)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  replace_date_time (self, &self->updated_at, updated_at, PROP_UPDATED_AT);
}

int
outlay_expense_get_version (OutlayExpense *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), 0);

  return self->version;
}

void
outlay_expense_set_version (OutlayExpense *self,
                            int            version)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE (self));

  if (self->version == version)
    return;

  self->version = version;
  notify (self, PROP_VERSION);
}

gboolean
outlay_expense_validate (OutlayExpense  *self,
                         GError        **error)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!outlay_validate_description (self->description, error) ||
      !outlay_money_validate (self->amount, error) ||
      !outlay_date_validate (outlay_expense_get_date (self), error))
    return FALSE;

  if (self->category_id <= 0)
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                           _("Choose a category"));
      return FALSE;
    }

  return TRUE;
}

gboolean
outlay_validate_description (const char  *description,
                             GError     **error)
{
  g_autofree char *trimmed = NULL;
  glong length;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (description != NULL && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION,
                           _("The description contains characters that are not text"));
      return FALSE;
    }

  trimmed = outlay_text_strip (description != NULL ? description : "");
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION,
                           _("Enter a description"));
      return FALSE;
    }

  /* The whole text counts, as the database's varchar(200) counts it. */
  length = g_utf8_strlen (description, -1);
  if (length > OUTLAY_DESCRIPTION_MAX)
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION,
                   ngettext ("Description is too long: %ld character, at most %d",
                             "Description is too long: %ld characters, at most %d",
                             length),
                   length, OUTLAY_DESCRIPTION_MAX);
      return FALSE;
    }

  return TRUE;
}
