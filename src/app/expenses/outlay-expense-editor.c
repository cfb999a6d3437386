/* outlay-expense-editor.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-category-list.h"
#include "outlay-date-button.h"
#include "outlay-expense-editor.h"
#include "outlay-ui.h"

struct _OutlayExpenseEditor
{
  AdwWindow          parent_instance;

  OutlayStore       *store;
  /* What the editor started from, as stored; the row it came from may be
   * refilled with another expense meanwhile (lists reuse their rows), so it
   * is only updated while it still shows this one. */
  OutlayExpense     *expense;
  OutlayExpense     *row;
  OutlayExpense     *saving;
  GCancellable      *cancellable;
  GtkFilterListModel *categories;

  AdwEntryRow       *amount_row;
  AdwEntryRow       *description_row;
  AdwComboRow       *category_row;
  OutlayDateButton  *date_button;
  GtkTextView       *note_view;
  GtkLabel          *error_label;
};

G_DEFINE_FINAL_TYPE (OutlayExpenseEditor, outlay_expense_editor, ADW_TYPE_WINDOW)

enum {
  DELETE_REQUESTED,
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_errors (OutlayExpenseEditor *self)
{
  outlay_ui_set_field_error (GTK_WIDGET (self->amount_row), NULL);
  outlay_ui_set_field_error (GTK_WIDGET (self->description_row), NULL);
  outlay_ui_set_field_error (GTK_WIDGET (self->category_row), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
set_busy (OutlayExpenseEditor *self,
          gboolean             busy)
{
  if (busy)
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  else
    {
      g_clear_object (&self->cancellable);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", !busy);
}

/* The archived category an expense is filed under still shows. */
static gboolean
category_offered (gpointer item,
                  gpointer user_data)
{
  OutlayExpenseEditor *self = user_data;

  return !outlay_category_get_archived (item) ||
         outlay_category_get_id (item) == outlay_expense_get_category_id (self->expense);
}

static void
select_category (OutlayExpenseEditor *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->categories));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OutlayCategory) category = g_list_model_get_item (G_LIST_MODEL (self->categories), i);

      if (outlay_category_get_id (category) == outlay_expense_get_category_id (self->expense))
        {
          adw_combo_row_set_selected (self->category_row, i);
          return;
        }
    }

  adw_combo_row_set_selected (self->category_row, GTK_INVALID_LIST_POSITION);
}

static void
fill (OutlayExpenseEditor *self)
{
  g_autofree char *amount = outlay_money_format (outlay_expense_get_amount (self->expense), NULL);
  const char *note = outlay_expense_get_note (self->expense);

  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         outlay_expense_get_description (self->expense));
  outlay_date_button_set_date (self->date_button, outlay_expense_get_date (self->expense));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note != NULL ? note : "", -1);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->categories), GTK_FILTER_CHANGE_DIFFERENT);
  select_category (self);
  clear_errors (self);
}

/* Takes @fresh as what is stored now. */
static void
merge (OutlayExpenseEditor *self,
       OutlayExpense       *fresh)
{
  outlay_expense_update_from (self->expense, fresh);

  if (self->row != NULL && outlay_expense_get_id (self->row) == outlay_expense_get_id (fresh))
    outlay_expense_update_from (self->row, fresh);
}

static void
expense_reloaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OutlayExpenseEditor) self = user_data;
  g_autoptr(OutlayExpense) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = outlay_store_get_expense_finish (OUTLAY_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (fresh == NULL)
    {
      if (g_error_matches (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND))
        outlay_ui_show_form_error (self->error_label, NULL,
                                   _("This expense was deleted elsewhere"));
      else
        outlay_ui_show_form_error (self->error_label, NULL, error->message);
      return;
    }

  merge (self, fresh);
  fill (self);
}

static void
conflict_response_cb (OutlayExpenseEditor *self,
                      const char          *response)
{
  if (g_strcmp0 (response, "reload") != 0)
    return;

  set_busy (self, TRUE);
  outlay_store_get_expense_async (self->store, outlay_expense_get_id (self->expense),
                                  self->cancellable, expense_reloaded_cb, g_object_ref (self));
}

static void
show_conflict (OutlayExpenseEditor *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Changed Elsewhere"),
                                   _("This expense was changed somewhere else after you opened it. "
                                     "Reload it to see the current version; your changes here "
                                     "will be discarded."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reload");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
expense_updated_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OutlayExpenseEditor) self = user_data;
  g_autoptr(OutlayExpense) saved = g_steal_pointer (&self->saving);
  g_autoptr(GError) error = NULL;

  if (!outlay_store_update_expense_finish (OUTLAY_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);

      if (g_error_matches (error, OUTLAY_ERROR, OUTLAY_ERROR_CONFLICT))
        show_conflict (self);
      else if (g_error_matches (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND))
        outlay_ui_show_form_error (self->error_label, NULL,
                                   _("This expense was deleted elsewhere"));
      else
        outlay_ui_show_form_error (self->error_label, NULL, error->message);
      return;
    }

  set_busy (self, FALSE);
  merge (self, saved);
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_changed_cb (OutlayExpenseEditor *self,
                GtkEditable         *row)
{
  outlay_ui_form_field_edited (self->error_label, GTK_WIDGET (row));
}

static void
row_activated_cb (OutlayExpenseEditor *self)
{
  outlay_expense_editor_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  outlay_expense_editor_save (OUTLAY_EXPENSE_EDITOR (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OutlayExpenseEditor *self = OUTLAY_EXPENSE_EDITOR (widget);

  g_signal_emit (self, signals[DELETE_REQUESTED], 0, outlay_expense_get_id (self->expense));
  gtk_window_close (GTK_WINDOW (self));
}

static void
outlay_expense_editor_dispose (GObject *object)
{
  OutlayExpenseEditor *self = OUTLAY_EXPENSE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), OUTLAY_TYPE_EXPENSE_EDITOR);

  g_clear_object (&self->categories);
  g_clear_object (&self->store);
  g_clear_object (&self->expense);
  g_clear_object (&self->saving);
  g_clear_weak_pointer (&self->row);

  G_OBJECT_CLASS (outlay_expense_editor_parent_class)->dispose (object);
}

static void
outlay_expense_editor_class_init (OutlayExpenseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_expense_editor_dispose;

  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (OUTLAY_TYPE_CATEGORY);
  g_type_ensure (OUTLAY_TYPE_DATE_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-expense-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayExpenseEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpenseEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpenseEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpenseEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpenseEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpenseEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
outlay_expense_editor_init (OutlayExpenseEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OutlayExpenseEditor *
outlay_expense_editor_new (OutlayStore   *store,
                           OutlayExpense *expense)
{
  OutlayExpenseEditor *self;
  GtkCustomFilter *filter;

  g_return_val_if_fail (OUTLAY_IS_STORE (store), NULL);
  g_return_val_if_fail (OUTLAY_IS_EXPENSE (expense), NULL);

  self = g_object_new (OUTLAY_TYPE_EXPENSE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->expense = outlay_expense_copy (expense);
  g_set_weak_pointer (&self->row, expense);

  filter = gtk_custom_filter_new (category_offered, self, NULL);
  self->categories = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (outlay_category_list_get_for_store (store))),
                                                GTK_FILTER (filter));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (self->categories));

  fill (self);

  return self;
}

void
outlay_expense_editor_save (OutlayExpenseEditor *self)
{
  g_autoptr(OutlayExpense) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *note = NULL;
  GtkWidget *first_invalid;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  OutlayCategory *category;
  gint64 amount = 0;

  g_return_if_fail (OUTLAY_IS_EXPENSE_EDITOR (self));

  if (self->cancellable != NULL)
    return;

  clear_errors (self);

  first_invalid = outlay_ui_read_expense_fields (self->error_label,
                                                 GTK_EDITABLE (self->amount_row),
                                                 GTK_EDITABLE (self->description_row),
                                                 &amount, &description);

  category = adw_combo_row_get_selected_item (self->category_row);
  if (category == NULL)
    {
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->category_row);
      outlay_ui_show_form_error (self->error_label, GTK_WIDGET (self->category_row),
                                 _("Choose a category"));
    }

  if (first_invalid != NULL)
    {
      gtk_widget_grab_focus (first_invalid);
      return;
    }

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  changed = outlay_expense_copy (self->expense);
  outlay_expense_set_amount (changed, amount);
  outlay_expense_set_description (changed, description);
  outlay_expense_set_category_id (changed, outlay_category_get_id (category));
  outlay_expense_set_category_name (changed, outlay_category_get_name (category));
  outlay_expense_set_category_color (changed, outlay_category_get_color (category));
  outlay_expense_set_date (changed, outlay_date_button_get_date (self->date_button));
  outlay_expense_set_note (changed, *note != '\0' ? note : NULL);

  if (!outlay_expense_validate (changed, &error))
    {
      outlay_ui_show_form_error (self->error_label, NULL, error->message);
      return;
    }

  set_busy (self, TRUE);
  g_set_object (&self->saving, changed);
  outlay_store_update_expense_async (self->store, changed, self->cancellable,
                                     expense_updated_cb, g_object_ref (self));
}
