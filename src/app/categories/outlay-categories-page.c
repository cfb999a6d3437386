/* outlay-categories-page.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "outlay-categories-page.h"
#include "outlay-category-list.h"
#include "outlay-category-row.h"
#include "outlay-ui.h"

struct _OutlayCategoriesPage
{
  GtkWidget        parent_instance;

  OutlayStore     *store;
  GCancellable    *cancellable;
  GtkCustomFilter *filter;
  gboolean         show_archived;

  GtkStack        *stack;
  GtkListBox      *list_box;
};

G_DEFINE_FINAL_TYPE (OutlayCategoriesPage, outlay_categories_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
category_shown (gpointer item,
                gpointer user_data)
{
  OutlayCategoriesPage *self = user_data;

  return self->show_archived || !outlay_category_get_archived (item);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  OutlayCategoriesPage *self = user_data;

  return outlay_category_row_new (self->store, item);
}

static void
update_stack (OutlayCategoriesPage *self)
{
  OutlayCategoryList *list;

  if (self->store == NULL)
    return;

  list = outlay_category_list_get_for_store (self->store);
  gtk_stack_set_visible_child_name (self->stack,
                                    outlay_category_list_get_loaded (list) &&
                                    g_list_model_get_n_items (G_LIST_MODEL (list)) == 0
                                    ? "empty" : "list");
}

static void
category_added_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OutlayCategoriesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!outlay_store_add_category_finish (OUTLAY_STORE (object), result, &error))
    outlay_ui_toast_error (GTK_WIDGET (self), error);
}

static void
name_answered (GtkWidget  *widget,
               const char *text)
{
  OutlayCategoriesPage *self = OUTLAY_CATEGORIES_PAGE (widget);
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autoptr(OutlayCategory) category = outlay_category_new (name);
  g_autoptr(GError) error = NULL;
  guint n_items;

  if (self->store == NULL)
    return;

  /* A color of its own, in the order of the default palette. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (outlay_category_list_get_for_store (self->store)));
  outlay_category_set_color (category, outlay_category_default_color (n_items));

  if (!outlay_category_validate (category, &error))
    {
      outlay_ui_add_toast (widget, outlay_ui_toast_new (error->message));
      return;
    }

  outlay_store_add_category_async (self->store, category, self->cancellable,
                                   category_added_cb, g_object_ref (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  outlay_ui_ask_text (widget, _("New Category"), NULL, NULL, _("_Add"), name_answered);
}

static void
add_defaults_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OutlayCategoriesPage *self = OUTLAY_CATEGORIES_PAGE (widget);

  if (self->store == NULL)
    return;

  outlay_ui_add_default_categories (widget, self->store, self->cancellable);
}

static void
outlay_categories_page_dispose (GObject *object)
{
  OutlayCategoriesPage *self = OUTLAY_CATEGORIES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), OUTLAY_TYPE_CATEGORIES_PAGE);

  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (outlay_categories_page_parent_class)->dispose (object);
}

static void
outlay_categories_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  OutlayCategoriesPage *self = OUTLAY_CATEGORIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_categories_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  OutlayCategoriesPage *self = OUTLAY_CATEGORIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      outlay_categories_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SHOW_ARCHIVED:
      if (self->show_archived != g_value_get_boolean (value))
        {
          self->show_archived = g_value_get_boolean (value);
          gtk_filter_changed (GTK_FILTER (self->filter),
                              self->show_archived ? GTK_FILTER_CHANGE_LESS_STRICT
                                                  : GTK_FILTER_CHANGE_MORE_STRICT);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_categories_page_class_init (OutlayCategoriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_categories_page_dispose;
  object_class->get_property = outlay_categories_page_get_property;
  object_class->set_property = outlay_categories_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         OUTLAY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-categories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayCategoriesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OutlayCategoriesPage, list_box);

  gtk_widget_class_install_action (widget_class, "categories.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "categories.add-defaults", NULL, add_defaults_action);
  gtk_widget_class_install_property_action (widget_class, "categories.show-archived", "show-archived");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
outlay_categories_page_init (OutlayCategoriesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->filter = gtk_custom_filter_new (category_shown, self, NULL);
}

GtkWidget *
outlay_categories_page_new (OutlayStore *store)
{
  return g_object_new (OUTLAY_TYPE_CATEGORIES_PAGE,
                       "store", store,
                       NULL);
}

OutlayStore *
outlay_categories_page_get_store (OutlayCategoriesPage *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORIES_PAGE (self), NULL);

  return self->store;
}

void
outlay_categories_page_set_store (OutlayCategoriesPage *self,
                                  OutlayStore          *store)
{
  g_autoptr(GtkFilterListModel) shown = NULL;

  g_return_if_fail (OUTLAY_IS_CATEGORIES_PAGE (self));
  g_return_if_fail (store == NULL || OUTLAY_IS_STORE (store));

  if (store == self->store)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (outlay_category_list_get_for_store (self->store), self);

  g_set_object (&self->store, store);

  if (store != NULL)
    {
      OutlayCategoryList *list = outlay_category_list_get_for_store (store);

      shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (list)),
                                         g_object_ref (GTK_FILTER (self->filter)));
      g_signal_connect_object (list, "notify::loaded", G_CALLBACK (update_stack), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "items-changed", G_CALLBACK (update_stack), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (shown), create_row, self, NULL);
  update_stack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
