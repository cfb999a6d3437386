/* outlay-category-list.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-category-list.h"

struct _OutlayCategoryList
{
  GObject       parent_instance;

  /* The store owns this list (object data), so only a weak pointer back. */
  OutlayStore  *store;
  GPtrArray    *items;
  GCancellable *cancellable;
  gboolean      loaded;
  gboolean      reload_again;
  guint         n_active;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OutlayCategoryList, outlay_category_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADED,
  PROP_N_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (OutlayCategoryList *self);

static void
update_n_active (OutlayCategoryList *self)
{
  guint n_active = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (!outlay_category_get_archived (g_ptr_array_index (self->items, i)))
      n_active++;

  if (n_active != self->n_active)
    {
      self->n_active = n_active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ACTIVE]);
    }
}

static gboolean
same_order (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (outlay_category_get_id (g_ptr_array_index (a, i)) !=
        outlay_category_get_id (g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/* Keeps the objects already shown, updated from @loaded, so bindings and
 * selections survive a reload. A change of membership or order is an
 * items-changed, and so is archiving, which filtered views of this list
 * (active categories only) cannot see otherwise. */
static void
merge (OutlayCategoryList *self,
       GPtrArray          *loaded)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (loaded->len, g_object_unref);
  guint old_len = self->items->len;
  gboolean archiving = FALSE;

  for (guint i = 0; i < loaded->len; i++)
    {
      OutlayCategory *fresh = g_ptr_array_index (loaded, i);
      OutlayCategory *known = outlay_category_list_lookup (self, outlay_category_get_id (fresh));

      if (known != NULL)
        {
          archiving |= outlay_category_get_archived (known) != outlay_category_get_archived (fresh);
          outlay_category_update_from (known, fresh);
          g_ptr_array_add (items, g_object_ref (known));
        }
      else
        {
          g_ptr_array_add (items, g_object_ref (fresh));
        }
    }

  if (!archiving && same_order (self->items, items))
    {
      update_n_active (self);
      return;
    }

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  update_n_active (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
}

static void
categories_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OutlayCategoryList) self = user_data;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = outlay_store_list_categories_finish (OUTLAY_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  /* The store shows failures through its state; the list keeps what it has. */
  if (loaded == NULL)
    g_debug ("Could not list categories: %s", error->message);
  else
    merge (self, loaded);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  if (self->reload_again)
    load (self);
}

static void
load (OutlayCategoryList *self)
{
  if (self->store == NULL)
    return;

  /* One listing at a time; a change during it asks for another. */
  if (self->cancellable != NULL)
    {
      self->reload_again = TRUE;
      return;
    }

  self->reload_again = FALSE;
  self->cancellable = g_cancellable_new ();
  outlay_store_list_categories_async (self->store,
                                      TRUE,
                                      self->cancellable,
                                      categories_listed_cb,
                                      g_object_ref (self));
}

static GType
outlay_category_list_get_item_type (GListModel *model)
{
  return OUTLAY_TYPE_CATEGORY;
}

static guint
outlay_category_list_get_n_items (GListModel *model)
{
  return OUTLAY_CATEGORY_LIST (model)->items->len;
}

static gpointer
outlay_category_list_get_item (GListModel *model,
                               guint       position)
{
  OutlayCategoryList *self = OUTLAY_CATEGORY_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = outlay_category_list_get_item_type;
  iface->get_n_items = outlay_category_list_get_n_items;
  iface->get_item = outlay_category_list_get_item;
}

static void
outlay_category_list_dispose (GObject *object)
{
  OutlayCategoryList *self = (OutlayCategoryList *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_weak_pointer (&self->store);

  G_OBJECT_CLASS (outlay_category_list_parent_class)->dispose (object);
}

static void
outlay_category_list_finalize (GObject *object)
{
  OutlayCategoryList *self = (OutlayCategoryList *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (outlay_category_list_parent_class)->finalize (object);
}

static void
outlay_category_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OutlayCategoryList *self = OUTLAY_CATEGORY_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_N_ACTIVE:
      g_value_set_uint (value, self->n_active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_category_list_class_init (OutlayCategoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = outlay_category_list_dispose;
  object_class->finalize = outlay_category_list_finalize;
  object_class->get_property = outlay_category_list_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ACTIVE] =
    g_param_spec_uint ("n-active", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
outlay_category_list_init (OutlayCategoryList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

OutlayCategoryList *
outlay_category_list_get_for_store (OutlayStore *store)
{
  OutlayCategoryList *self;

  g_return_val_if_fail (OUTLAY_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "outlay-category-list");
  if (self != NULL)
    return self;

  self = g_object_new (OUTLAY_TYPE_CATEGORY_LIST, NULL);
  g_set_weak_pointer (&self->store, store);
  g_object_set_data_full (G_OBJECT (store), "outlay-category-list", self, g_object_unref);

  g_signal_connect_object (store, "changed", G_CALLBACK (load), self, G_CONNECT_SWAPPED);
  load (self);

  return self;
}

gboolean
outlay_category_list_get_loaded (OutlayCategoryList *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY_LIST (self), FALSE);

  return self->loaded;
}

guint
outlay_category_list_get_n_active (OutlayCategoryList *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY_LIST (self), 0);

  return self->n_active;
}

OutlayCategory *
outlay_category_list_lookup (OutlayCategoryList *self,
                             gint64              id)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY_LIST (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      OutlayCategory *category = g_ptr_array_index (self->items, i);

      if (outlay_category_get_id (category) == id)
        return category;
    }

  return NULL;
}

void
outlay_category_list_reload (OutlayCategoryList *self)
{
  g_return_if_fail (OUTLAY_IS_CATEGORY_LIST (self));

  load (self);
}

typedef struct
{
  guint   pending;
  GError *error;
} Defaults;

static void
defaults_free (Defaults *defaults)
{
  g_clear_error (&defaults->error);
  g_free (defaults);
}

static void
default_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Defaults *defaults = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Someone may have added the same one meanwhile: fine. */
  if (!outlay_store_add_category_finish (OUTLAY_STORE (object), result, &error) &&
      !g_error_matches (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE) &&
      defaults->error == NULL)
    defaults->error = g_steal_pointer (&error);

  if (--defaults->pending > 0)
    return;

  if (defaults->error != NULL)
    g_task_return_error (task, g_steal_pointer (&defaults->error));
  else
    g_task_return_boolean (task, TRUE);
}

void
outlay_category_list_add_defaults_async (OutlayCategoryList  *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  static const char *names[] = {
    N_("Groceries"),
    N_("Rent"),
    N_("Utilities"),
    N_("Transport"),
    N_("Dining"),
    N_("Entertainment"),
    N_("Health"),
    N_("Other"),
  };
  g_autoptr(GTask) task = NULL;
  Defaults *defaults;

  g_return_if_fail (OUTLAY_IS_CATEGORY_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, outlay_category_list_add_defaults_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("The books are closed"));
      return;
    }

  defaults = g_new0 (Defaults, 1);
  defaults->pending = G_N_ELEMENTS (names);
  g_task_set_task_data (task, defaults, (GDestroyNotify) defaults_free);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(OutlayCategory) category = outlay_category_new (_(names[i]));

      outlay_category_set_color (category, outlay_category_default_color (i));
      outlay_store_add_category_async (self->store, category, cancellable,
                                       default_added_cb, g_object_ref (task));
    }
}

gboolean
outlay_category_list_add_defaults_finish (OutlayCategoryList  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
