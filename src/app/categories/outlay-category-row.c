/* outlay-category-row.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "outlay-category-list.h"
#include "outlay-category-row.h"
#include "outlay-settings.h"
#include "outlay-ui.h"

struct _OutlayCategoryRow
{
  AdwActionRow     parent_instance;

  OutlayStore     *store;
  OutlayCategory  *category;
  GCancellable    *cancellable;

  GtkColorButton  *color_button;
  GtkLevelBar     *budget_bar;
};

G_DEFINE_FINAL_TYPE (OutlayCategoryRow, outlay_category_row, ADW_TYPE_ACTION_ROW)

static OutlayCategory *
copy_category (OutlayCategory *category)
{
  OutlayCategory *copy = g_object_new (OUTLAY_TYPE_CATEGORY, NULL);

  outlay_category_update_from (copy, category);

  return copy;
}

static void
update (OutlayCategoryRow *self)
{
  OutlaySettings *settings = outlay_settings_get_default ();
  OutlayCategory *category = self->category;
  gint64 budget = outlay_category_get_monthly_budget (category);
  gint64 spent = outlay_category_get_month_total (category);
  g_autofree char *spent_text = outlay_settings_format_money (settings, spent);
  g_autofree char *subtitle = NULL;
  GdkRGBA rgba;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), outlay_category_get_name (category));

  if (budget > 0)
    {
      g_autofree char *budget_text = outlay_settings_format_money (settings, budget);

      /* Translators: the first %s is spent this month, the second the monthly budget */
      subtitle = g_strdup_printf (_("%s of %s this month"), spent_text, budget_text);
      double share = (double) spent / (double) budget;

      gtk_level_bar_set_value (self->budget_bar, MIN (share, 1.0));
      outlay_ui_set_css_class (GTK_WIDGET (self->budget_bar), "over-budget", share > 1.0);
      outlay_ui_set_css_class (GTK_WIDGET (self->budget_bar), "near-budget", share >= 0.9 && share <= 1.0);
    }
  else
    {
      /* Translators: %s is the amount spent this month */
      subtitle = g_strdup_printf (_("%s this month, no budget"), spent_text);
    }

  if (outlay_category_get_archived (category))
    {
      g_autofree char *plain = g_steal_pointer (&subtitle);

      /* Translators: %s is the rest of the category's description */
      subtitle = g_strdup_printf (_("Archived · %s"), plain);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->budget_bar), budget > 0);

  if (outlay_category_get_color (category) != NULL &&
      gdk_rgba_parse (&rgba, outlay_category_get_color (category)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "category.archive",
                                 !outlay_category_get_archived (category));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "category.unarchive",
                                 outlay_category_get_archived (category));
}

static void
category_updated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OutlayCategoryRow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The list reloads on the store's change and updates this row. */
  if (!outlay_store_update_category_finish (OUTLAY_STORE (object), result, &error))
    {
      outlay_ui_toast_error (GTK_WIDGET (self), error);
      update (self);
    }
}

static void
save (OutlayCategoryRow *self,
      OutlayCategory    *changed)
{
  g_autoptr(GError) error = NULL;

  if (!outlay_category_validate (changed, &error))
    {
      outlay_ui_toast_error (GTK_WIDGET (self), error);
      update (self);
      return;
    }

  outlay_store_update_category_async (self->store, changed, self->cancellable,
                                      category_updated_cb, g_object_ref (self));
}

static void
rename_answered (GtkWidget  *widget,
                 const char *text)
{
  OutlayCategoryRow *self = OUTLAY_CATEGORY_ROW (widget);
  g_autoptr(OutlayCategory) changed = copy_category (self->category);
  g_autofree char *name = g_strstrip (g_strdup (text));

  outlay_category_set_name (changed, name);
  save (self, changed);
}

static void
budget_answered (GtkWidget  *widget,
                 const char *text)
{
  OutlayCategoryRow *self = OUTLAY_CATEGORY_ROW (widget);
  g_autoptr(OutlayCategory) changed = copy_category (self->category);
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gint64 budget = 0;

  /* Empty means no budget. */
  if (*stripped != '\0' && !outlay_money_parse (stripped, &budget, &error))
    {
      outlay_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }

  outlay_category_set_monthly_budget (changed, budget);
  save (self, changed);
}

static void
color_set_cb (OutlayCategoryRow *self)
{
  g_autoptr(OutlayCategory) changed = copy_category (self->category);
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x",
                           (guint) (CLAMP (rgba.red, 0., 1.) * 255 + .5),
                           (guint) (CLAMP (rgba.green, 0., 1.) * 255 + .5),
                           (guint) (CLAMP (rgba.blue, 0., 1.) * 255 + .5));

  outlay_category_set_color (changed, color);
  save (self, changed);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OutlayCategoryRow *self = OUTLAY_CATEGORY_ROW (widget);

  outlay_ui_ask_text (widget, _("Rename Category"), NULL,
                      outlay_category_get_name (self->category),
                      _("_Rename"), rename_answered);
}

static void
budget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OutlayCategoryRow *self = OUTLAY_CATEGORY_ROW (widget);
  gint64 budget = outlay_category_get_monthly_budget (self->category);
  g_autofree char *text = budget > 0 ? outlay_money_format (budget, NULL) : g_strdup ("");
  g_autofree char *heading = NULL;

  /* Translators: %s is a category name */
  heading = g_strdup_printf (_("Monthly Budget for “%s”"), outlay_category_get_name (self->category));
  outlay_ui_ask_text (widget, heading,
                      _("How much you mean to spend on it each month; leave it empty for no budget"),
                      text, _("_Set Budget"), budget_answered);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OutlayCategoryRow *self = OUTLAY_CATEGORY_ROW (widget);
  g_autoptr(OutlayCategory) changed = copy_category (self->category);

  outlay_category_set_archived (changed, g_str_equal (action_name, "category.archive"));
  save (self, changed);
}

/* --- Deleting ------------------------------------------------------------ */

static void
category_deleted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OutlayCategoryRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!outlay_store_delete_category_finish (OUTLAY_STORE (object), result, &error))
    outlay_ui_toast_error (GTK_WIDGET (self), error);
}

static void
delete_dialog_response_cb (OutlayCategoryRow *self,
                           const char        *response,
                           AdwMessageDialog  *dialog)
{
  GtkWidget *dropdown = adw_message_dialog_get_extra_child (dialog);
  OutlayCategory *move_to = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (dropdown != NULL)
    {
      move_to = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));
      if (move_to == NULL)
        return;
    }

  outlay_store_delete_category_async (self->store,
                                      outlay_category_get_id (self->category),
                                      move_to != NULL ? outlay_category_get_id (move_to) : 0,
                                      self->cancellable,
                                      category_deleted_cb, g_object_ref (self));
}

static gboolean
other_active_category (gpointer item,
                       gpointer user_data)
{
  OutlayCategoryRow *self = user_data;

  return item != self->category && !outlay_category_get_archived (item);
}

static void
ask_delete (OutlayCategoryRow *self,
            gint64             n_expenses)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr(GtkFilterListModel) others = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  others = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (outlay_category_list_get_for_store (self->store))),
                                      GTK_FILTER (gtk_custom_filter_new (other_active_category,
                                                                         self, NULL)));

  if (n_expenses > 0 && g_list_model_get_n_items (G_LIST_MODEL (others)) == 0)
    {
      dialog = adw_message_dialog_new (parent,
                                       _("This Category Is in Use"),
                                       _("Its expenses need another category to go to. Add one first, or archive this one instead."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Translators: %s is a category name */
  heading = g_strdup_printf (_("Delete “%s”?"), outlay_category_get_name (self->category));
  dialog = adw_message_dialog_new (parent, heading, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (n_expenses > 0)
    {
      GtkWidget *dropdown;

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "%" PRId64 " expense is filed under it. Move it to:",
                                                   "%" PRId64 " expenses are filed under it. Move them to:",
                                                   n_expenses),
                                      n_expenses);
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&others)),
                                    gtk_property_expression_new (OUTLAY_TYPE_CATEGORY, NULL, "name"));
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "delete",
                                             _("_Move and Delete"));
    }
  else
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), _("No expenses are filed under it."));
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
category_counted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OutlayCategoryRow) self = user_data;
  g_autoptr(GError) error = NULL;
  OutlaySummary summary;

  if (!outlay_store_summarize_finish (OUTLAY_STORE (object), result, &summary, &error))
    {
      outlay_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }

  ask_delete (self, summary.count);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OutlayCategoryRow *self = OUTLAY_CATEGORY_ROW (widget);
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();

  /* How many expenses it holds decides what to ask. */
  filter->category_id = outlay_category_get_id (self->category);
  outlay_store_summarize_async (self->store, filter, self->cancellable,
                                category_counted_cb, g_object_ref (self));
}

/* --- GObject ----------------------------------------------------------------- */

static void
outlay_category_row_dispose (GObject *object)
{
  OutlayCategoryRow *self = OUTLAY_CATEGORY_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), OUTLAY_TYPE_CATEGORY_ROW);

  g_clear_object (&self->category);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (outlay_category_row_parent_class)->dispose (object);
}

static void
outlay_category_row_class_init (OutlayCategoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_category_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-category-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayCategoryRow, color_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayCategoryRow, budget_bar);
  gtk_widget_class_bind_template_callback (widget_class, color_set_cb);

  gtk_widget_class_install_action (widget_class, "category.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "category.budget", NULL, budget_action);
  gtk_widget_class_install_action (widget_class, "category.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "category.unarchive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "category.delete", NULL, delete_action);
}

static void
outlay_category_row_init (OutlayCategoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Spending more is not better: the bar takes the accent color, and the
   * warning and error colors near and over the budget (style.css). */
  gtk_level_bar_remove_offset_value (self->budget_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->budget_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->budget_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  self->cancellable = g_cancellable_new ();
}

GtkWidget *
outlay_category_row_new (OutlayStore    *store,
                         OutlayCategory *category)
{
  OutlayCategoryRow *self;

  g_return_val_if_fail (OUTLAY_IS_STORE (store), NULL);
  g_return_val_if_fail (OUTLAY_IS_CATEGORY (category), NULL);

  self = g_object_new (OUTLAY_TYPE_CATEGORY_ROW, NULL);
  self->store = g_object_ref (store);
  self->category = g_object_ref (category);

  g_signal_connect_object (category, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (outlay_settings_get_default (), "notify::currency",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

OutlayCategory *
outlay_category_row_get_category (OutlayCategoryRow *self)
{
  g_return_val_if_fail (OUTLAY_IS_CATEGORY_ROW (self), NULL);

  return self->category;
}
