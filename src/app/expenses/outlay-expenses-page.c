/* outlay-expenses-page.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "outlay-category-list.h"
#include "outlay-color-dot.h"
#include "outlay-date-button.h"
#include "outlay-expense-editor.h"
#include "outlay-expense-model.h"
#include "outlay-expense-sorter.h"
#include "outlay-expenses-page.h"
#include "outlay-quick-entry.h"
#include "outlay-settings.h"
#include "outlay-ui.h"

/* Actions on a selection need every selected row's id; rows that were never
 * loaded have none, and selecting all of a million rows is not a useful
 * way to delete them. */
#define MAX_SELECTION 10000

struct _OutlayExpensesPage
{
  GtkWidget            parent_instance;

  OutlayStore         *store;
  OutlayExpenseModel  *model;
  GtkMultiSelection   *selection;
  /* The selected expenses' ids, so the selection stays on them when rows
   * move; NULL when not every selected row was loaded, or too many are. */
  GHashTable          *selected_ids;
  gboolean             reconciling;
  GListStore          *any_category;
  GCancellable        *cancellable;

  /* The last deletion, until its toast goes. */
  GPtrArray           *undo;
  AdwToast            *undo_toast;

  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *filter_category;
  OutlayDateButton    *filter_start;
  OutlayDateButton    *filter_end;
  GtkEntry            *filter_min;
  GtkEntry            *filter_max;
  GtkLabel            *summary_label;
  OutlayQuickEntry    *quick_entry;
  GtkStack            *content_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *description_column;
  GtkColumnViewColumn *category_column;
  GtkColumnViewColumn *amount_column;
  AdwStatusPage       *empty_page;
  GtkButton           *add_categories_button;
  GtkButton           *add_first_button;
  GtkActionBar        *selection_bar;
  GtkLabel            *selection_label;
};

G_DEFINE_FINAL_TYPE (OutlayExpensesPage, outlay_expenses_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- Cells ------------------------------------------------------------------ */

/* The property @name of the expense a list item shows; expressions follow
 * both the list item's item and the expense's notifications, so a row
 * updates when its expense changes in place. */
static GtkExpression *
expense_property (const char *name)
{
  return gtk_property_expression_new (OUTLAY_TYPE_EXPENSE,
                                      gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"),
                                      name);
}

static char *
format_date (GObject     *item,
             const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  return outlay_date_format (date);
}

static char *
format_amount (GObject    *item,
               gint64      amount,
               gint64      id,
               const char *currency)
{
  /* A placeholder (id 0) waits for its page. */
  if (id == 0)
    return g_strdup ("");

  return outlay_money_format (amount, currency);
}

/* How wide the locale's longest dates are, in characters, wide ones (as in
 * "2026年12月28日") counting twice. */
static guint
date_width_chars (void)
{
  static guint width;

  if (width == 0)
    {
      g_autoptr(GDate) longest = g_date_new_dmy (28, G_DATE_DECEMBER, 2026);
      g_autofree char *text = outlay_date_format (longest);

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      width = MAX (width, 8);
    }

  return width;
}

static GtkWidget *
new_cell_label (void)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);

  return label;
}

static void
setup_date_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = new_cell_label ();
  GtkExpression *params[] = { expense_property ("date") };

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), date_width_chars ());
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), date_width_chars ());
  gtk_widget_add_css_class (label, "numeric");
  gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_STRING, NULL,
                                                    G_N_ELEMENTS (params), params,
                                                    G_CALLBACK (format_date), NULL, NULL),
                       label, "text", item);
  gtk_list_item_set_child (item, label);
}

static void
setup_description_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *label = new_cell_label ();

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 40);
  gtk_expression_bind (expense_property ("description"), label, "text", item);
  gtk_list_item_set_child (item, label);
}

static void
setup_category_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = outlay_color_dot_new ();
  GtkWidget *label = new_cell_label ();

  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  /* On a phone the dot alone says which category. */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 0);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 14);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), label);

  gtk_expression_bind (expense_property ("category-color"), dot, "color", item);
  gtk_expression_bind (expense_property ("category-name"), label, "text", item);
  gtk_list_item_set_child (item, box);
}

static void
setup_amount_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = new_cell_label ();
  GtkExpression *params[] = {
    expense_property ("amount"),
    expense_property ("id"),
    gtk_property_expression_new (OUTLAY_TYPE_SETTINGS,
                                 gtk_object_expression_new (G_OBJECT (outlay_settings_get_default ())),
                                 "currency"),
  };

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 7);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 10);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_STRING, NULL,
                                                    G_N_ELEMENTS (params), params,
                                                    G_CALLBACK (format_amount), NULL, NULL),
                       label, "text", item);
  gtk_list_item_set_child (item, label);
}

static void
set_up_column (GtkColumnViewColumn *column,
               GCallback            setup,
               OutlaySortKey        sort)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = outlay_expense_sorter_new (sort);

  g_signal_connect (factory, "setup", setup, NULL);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

/* --- State ------------------------------------------------------------------ */

static gboolean
filter_is_active (const OutlayExpenseFilter *filter)
{
  return (filter->text != NULL && *filter->text != '\0') ||
         filter->category_id != 0 ||
         g_date_valid (&filter->start) ||
         g_date_valid (&filter->end) ||
         filter->min_amount != 0 ||
         filter->max_amount != 0;
}

static void
update_summary (OutlayExpensesPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  /* Until the first count the model holds only the rows shown first. */
  if (!outlay_expense_model_get_loaded (self->model))
    {
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  total = outlay_settings_format_money (outlay_settings_get_default (),
                                        outlay_expense_model_get_total (self->model));
  /* Translators: how many expenses the search matches, and their sum */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u expense, %s in total",
                                       "%u expenses, %s in total",
                                       n_items),
                          n_items, total);
  gtk_label_set_label (self->summary_label, text);
}

static void
update_content (OutlayExpensesPage *self)
{
  OutlayCategoryList *categories = NULL;
  gboolean no_categories = FALSE;
  const char *page = "list";

  if (self->store != NULL)
    {
      categories = outlay_category_list_get_for_store (self->store);
      no_categories = outlay_category_list_get_loaded (categories) &&
                      outlay_category_list_get_n_active (categories) == 0;
    }

  if (outlay_expense_model_get_loaded (self->model) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    {
      if (filter_is_active (outlay_expense_model_get_filter (self->model)))
        page = "no-matches";
      else
        page = "empty";
    }

  gtk_widget_set_visible (GTK_WIDGET (self->add_categories_button), no_categories);
  gtk_widget_set_visible (GTK_WIDGET (self->add_first_button), !no_categories);
  adw_status_page_set_description (self->empty_page,
                                   no_categories
                                   ? _("Expenses go into categories: start with a set of common ones, or add your own in Categories")
                                   : _("Type the amount and what it was for in the row above, then press Enter"));
  gtk_stack_set_visible_child_name (self->content_stack, page);
  update_summary (self);
}

static void
update_selection (OutlayExpensesPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *text = NULL;
  guint64 n_selected = 0;

  if (self->selection != NULL)
    {
      selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      n_selected = gtk_bitset_get_size (selected);
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%" PRIu64 " selected",
                                       "%" PRIu64 " selected",
                                       n_selected),
                          n_selected);
  gtk_label_set_label (self->selection_label, text);
  gtk_action_bar_set_revealed (self->selection_bar, n_selected > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "expenses.delete", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "expenses.move", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "expenses.move-to", n_selected > 0);
}

static void
update_undo (OutlayExpensesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "expenses.undo", self->undo != NULL);
}

/* The ids of the selected rows and (optionally) the rows themselves; NULL
 * when too many are selected or some are still loading. */
static GArray *
get_selected (OutlayExpensesPage  *self,
              GPtrArray          **out_rows,
              GError             **error)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkBitsetIter iter;
  guint position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_get_size (selected) > MAX_SELECTION)
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                   _("Select at most %u expenses at a time"), MAX_SELECTION);
      return NULL;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      OutlayExpense *row = outlay_expense_model_peek (self->model, position);
      gint64 id;

      if (row == NULL)
        {
          g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                               _("Some of the selected expenses are still loading"));
          return NULL;
        }

      id = outlay_expense_get_id (row);
      g_array_append_val (ids, id);
      g_ptr_array_add (rows, g_object_ref (row));
    }

  if (out_rows != NULL)
    *out_rows = g_steal_pointer (&rows);

  return g_steal_pointer (&ids);
}

/* Remembers which expenses the user selected. */
static void
selection_changed_cb (OutlayExpensesPage *self)
{
  g_autoptr(GArray) ids = NULL;

  update_selection (self);

  if (self->reconciling)
    return;

  g_clear_pointer (&self->selected_ids, g_hash_table_unref);
  ids = get_selected (self, NULL, NULL);
  if (ids == NULL)
    return;

  self->selected_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->selected_ids, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
}

/* Loaded rows may hold other expenses than before at their positions:
 * the selection follows the expenses. */
static void
model_rows_loaded_cb (OutlayExpensesPage *self,
                      guint               position,
                      guint               n_rows)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);

  if (self->selected_ids == NULL)
    return;

  self->reconciling = TRUE;
  for (guint i = position; i < position + n_rows; i++)
    {
      OutlayExpense *row = outlay_expense_model_peek (self->model, i);
      gint64 id;
      gboolean chosen;

      if (row == NULL)
        continue;

      id = outlay_expense_get_id (row);
      chosen = g_hash_table_contains (self->selected_ids, &id);
      if (chosen && !gtk_selection_model_is_selected (selection, i))
        gtk_selection_model_select_item (selection, i, FALSE);
      else if (!chosen && gtk_selection_model_is_selected (selection, i))
        gtk_selection_model_unselect_item (selection, i);
    }
  self->reconciling = FALSE;
}

/* --- Deleting and undoing ------------------------------------------------- */

static void
undo_toast_dismissed_cb (OutlayExpensesPage *self,
                         AdwToast           *toast)
{
  if (toast != self->undo_toast)
    return;

  self->undo_toast = NULL;
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  update_undo (self);
}

static void
undo_toast_button_clicked_cb (OutlayExpensesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "expenses.undo", NULL);
}

static void
expenses_restored_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OutlayExpensesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!outlay_store_restore_expenses_finish (OUTLAY_STORE (object), result, &error))
    outlay_ui_toast_error (GTK_WIDGET (self), error);
}

static void
expenses_deleted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OutlayExpensesPage) self = user_data;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  deleted = outlay_store_delete_expenses_finish (OUTLAY_STORE (object), result, &error);
  if (deleted == NULL)
    {
      outlay_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }

  /* One undo at a time: a new deletion ends the previous one's chance. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  self->undo = g_steal_pointer (&deleted);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u expense deleted",
                                        "%u expenses deleted",
                                        self->undo->len),
                           self->undo->len);
  toast = outlay_ui_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (undo_toast_button_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  outlay_ui_add_toast (GTK_WIDGET (self), toast);

  update_undo (self);
}

static void
delete_ids (OutlayExpensesPage *self,
            const gint64       *ids,
            guint               n_ids)
{
  if (self->store == NULL || n_ids == 0)
    return;

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  outlay_store_delete_expenses_async (self->store, ids, n_ids, self->cancellable,
                                      expenses_deleted_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = get_selected (self, NULL, &error);
  if (ids == NULL)
    {
      outlay_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }

  delete_ids (self, (const gint64 *) ids->data, ids->len);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (widget);
  g_autoptr(GPtrArray) restore = g_steal_pointer (&self->undo);
  AdwToast *toast = g_steal_pointer (&self->undo_toast);

  if (restore == NULL || self->store == NULL)
    return;

  if (toast != NULL)
    adw_toast_dismiss (toast);

  update_undo (self);
  outlay_store_restore_expenses_async (self->store, restore, self->cancellable,
                                       expenses_restored_cb, g_object_ref (self));
}

/* --- Moving ------------------------------------------------------------------ */

typedef struct
{
  OutlayExpensesPage *self;
  GPtrArray          *rows;
  OutlayCategory     *category;
} Move;

static void
move_free (Move *move)
{
  g_object_unref (move->self);
  g_ptr_array_unref (move->rows);
  g_object_unref (move->category);
  g_free (move);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Move, move_free)

static void
expenses_transferred_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(Move) move = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!outlay_store_transfer_expenses_finish (OUTLAY_STORE (object), result, &error))
    {
      outlay_ui_toast_error (GTK_WIDGET (move->self), error);
      return;
    }

  /* The rows show the move at once; the refresh that follows agrees. */
  for (guint i = 0; i < move->rows->len; i++)
    {
      OutlayExpense *row = g_ptr_array_index (move->rows, i);

      outlay_expense_set_category_id (row, outlay_category_get_id (move->category));
      outlay_expense_set_category_name (row, outlay_category_get_name (move->category));
      outlay_expense_set_category_color (row, outlay_category_get_color (move->category));
    }

  /* Translators: %u is a count of expenses, %s a category name */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Moved %u expense to “%s”",
                                        "Moved %u expenses to “%s”",
                                        move->rows->len),
                           move->rows->len, outlay_category_get_name (move->category));
  outlay_ui_add_toast (GTK_WIDGET (move->self), outlay_ui_toast_new (title));
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (widget);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  OutlayCategory *category;
  Move *move;

  if (self->store == NULL)
    return;

  category = outlay_category_list_lookup (outlay_category_list_get_for_store (self->store),
                                          g_variant_get_int64 (parameter));
  if (category == NULL)
    return;

  ids = get_selected (self, &rows, &error);
  if (ids == NULL)
    {
      outlay_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }

  move = g_new0 (Move, 1);
  move->self = g_object_ref (self);
  move->rows = g_steal_pointer (&rows);
  move->category = g_object_ref (category);

  outlay_store_transfer_expenses_async (self->store,
                                        (const gint64 *) ids->data, ids->len,
                                        outlay_category_get_id (category),
                                        self->cancellable,
                                        expenses_transferred_cb, move);
}

static void
move_dialog_response_cb (OutlayExpensesPage *self,
                         const char         *response,
                         AdwMessageDialog   *dialog)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  OutlayCategory *category = gtk_drop_down_get_selected_item (dropdown);

  if (g_strcmp0 (response, "move") != 0 || category == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "expenses.move-to", "x",
                              outlay_category_get_id (category));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (widget);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkFilterListModel) active = NULL;
  GtkBoolFilter *filter;
  GtkWidget *dropdown;
  GtkWidget *dialog;
  guint64 n_selected;

  if (self->store == NULL)
    return;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n_selected = gtk_bitset_get_size (selected);

  filter = gtk_bool_filter_new (gtk_property_expression_new (OUTLAY_TYPE_CATEGORY, NULL,
                                                             "archived"));
  gtk_bool_filter_set_invert (filter, TRUE);
  active = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (outlay_category_list_get_for_store (self->store))),
                                      GTK_FILTER (filter));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&active)),
                                gtk_property_expression_new (OUTLAY_TYPE_CATEGORY, NULL, "name"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "Move %" PRIu64 " Expense",
                                                  "Move %" PRIu64 " Expenses",
                                                  n_selected),
                                     n_selected);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Choose the category to file them under"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (move_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Editing ------------------------------------------------------------------ */

static void
editor_delete_requested_cb (OutlayExpensesPage  *self,
                            gint64               id,
                            OutlayExpenseEditor *editor)
{
  delete_ids (self, &id, 1);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (widget);
  OutlayExpense *row;
  OutlayExpenseEditor *editor;

  if (self->store == NULL)
    return;

  /* Nothing to edit until the row has loaded. */
  row = outlay_expense_model_peek (self->model, g_variant_get_uint32 (parameter));
  if (row == NULL)
    return;

  editor = outlay_expense_editor_new (self->store, row);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (editor, "delete-requested",
                           G_CALLBACK (editor_delete_requested_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
column_view_activated_cb (OutlayExpensesPage *self,
                          guint               position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "expenses.edit", "u", position);
}

/* --- First run ---------------------------------------------------------------- */

static void
add_categories_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (widget);

  if (self->store == NULL)
    return;

  outlay_ui_add_default_categories (widget, self->store, self->cancellable);
  gtk_widget_grab_focus (GTK_WIDGET (self->quick_entry));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  outlay_expenses_page_focus_entry (OUTLAY_EXPENSES_PAGE (widget));
}

/* --- Searching ------------------------------------------------------------------ */

/* An amount bound typed in the filters; an empty field is open (0). */
static gboolean
read_amount_bound (GtkEntry *entry,
                   gint64   *out_amount)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;

  *out_amount = 0;

  if (*text == '\0' || outlay_money_parse (text, out_amount, &error))
    {
      outlay_ui_set_field_error (GTK_WIDGET (entry), NULL);
      return TRUE;
    }

  outlay_ui_set_field_error (GTK_WIDGET (entry), error->message);
  return FALSE;
}

static void
filter_changed_cb (OutlayExpensesPage *self)
{
  g_autoptr(OutlayExpenseFilter) filter = NULL;
  const OutlayExpenseFilter *current;
  OutlayCategory *category;
  const GDate *start;
  const GDate *end;
  const char *text;

  /* Building the template sets up the filter widgets first. */
  if (self->model == NULL)
    return;

  current = outlay_expense_model_get_filter (self->model);
  filter = outlay_expense_filter_copy (current);

  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_free (filter->text);
  filter->text = *text != '\0' ? g_strdup (text) : NULL;

  category = gtk_drop_down_get_selected_item (self->filter_category);
  filter->category_id = category != NULL ? outlay_category_get_id (category) : 0;

  start = outlay_date_button_get_date (self->filter_start);
  end = outlay_date_button_get_date (self->filter_end);
  g_date_clear (&filter->start, 1);
  g_date_clear (&filter->end, 1);
  if (start != NULL)
    filter->start = *start;
  if (end != NULL)
    filter->end = *end;

  /* A bound that does not parse is marked and left open. */
  read_amount_bound (self->filter_min, &filter->min_amount);
  read_amount_bound (self->filter_max, &filter->max_amount);

  if (g_strcmp0 (filter->text, current->text) == 0 &&
      filter->category_id == current->category_id &&
      g_date_valid (&filter->start) == g_date_valid (&current->start) &&
      (!g_date_valid (&filter->start) || g_date_compare (&filter->start, &current->start) == 0) &&
      g_date_valid (&filter->end) == g_date_valid (&current->end) &&
      (!g_date_valid (&filter->end) || g_date_compare (&filter->end, &current->end) == 0) &&
      filter->min_amount == current->min_amount &&
      filter->max_amount == current->max_amount)
    return;

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  outlay_expense_model_set_filter (self->model, filter);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->filter_category, 0);
  outlay_date_button_set_date (self->filter_start, NULL);
  outlay_date_button_set_date (self->filter_end, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_min), "");
  gtk_editable_set_text (GTK_EDITABLE (self->filter_max), "");

  /* The search entry reports its change later; apply it now. */
  filter_changed_cb (self);
}

static void
search_mode_changed_cb (OutlayExpensesPage *self)
{
  /* Closing the search shows everything again. */
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_activate_action (GTK_WIDGET (self), "expenses.clear-filters", NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* --- Model ------------------------------------------------------------------- */

static void
sorter_changed_cb (OutlayExpensesPage *self)
{
  OutlaySortKey key = OUTLAY_SORT_DATE;
  gboolean ascending = FALSE;

  /* No sorted column: newest first. */
  outlay_expense_sorter_read (gtk_column_view_get_sorter (self->column_view), &key, &ascending);
  outlay_expense_model_set_sort (self->model, key, ascending);
}

static void
model_items_changed_cb (OutlayExpensesPage *self,
                        guint               position,
                        guint               removed,
                        guint               added)
{
  /* Positions now hold other expenses. A selection known by ids follows
   * them as their rows load; any other would point at rows nobody chose. */
  if (removed != added && self->selected_ids == NULL)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  update_selection (self);
  update_content (self);
}

static void
quick_entry_saved_cb (OutlayExpensesPage *self,
                      OutlayExpense      *expense)
{
  g_autofree char *amount = outlay_settings_format_money (outlay_settings_get_default (),
                                                          outlay_expense_get_amount (expense));
  g_autofree char *title = NULL;

  /* Translators: the first %s is an amount, the second a description */
  title = g_strdup_printf (_("Added %s for “%s”"), amount, outlay_expense_get_description (expense));
  outlay_ui_add_toast (GTK_WIDGET (self), outlay_ui_toast_new (title));
}

/* --- GObject ------------------------------------------------------------------ */

static void
outlay_expenses_page_dispose (GObject *object)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (outlay_category_list_get_for_store (self->store), self);
  g_clear_object (&self->store);

  /* Taking the columns down changes the sorter. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OUTLAY_TYPE_EXPENSES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_pointer (&self->selected_ids, g_hash_table_unref);
  g_clear_object (&self->model);
  g_clear_object (&self->any_category);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  self->undo_toast = NULL;

  G_OBJECT_CLASS (outlay_expenses_page_parent_class)->dispose (object);
}

static void
outlay_expenses_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_expenses_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OutlayExpensesPage *self = OUTLAY_EXPENSES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      outlay_expenses_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_MODE:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_expenses_page_class_init (OutlayExpensesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_expenses_page_dispose;
  object_class->get_property = outlay_expenses_page_get_property;
  object_class->set_property = outlay_expenses_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         OUTLAY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OUTLAY_TYPE_CATEGORY);
  g_type_ensure (OUTLAY_TYPE_DATE_BUTTON);
  g_type_ensure (OUTLAY_TYPE_QUICK_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-expenses-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, filter_category);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, filter_start);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, filter_end);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, filter_min);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, filter_max);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, quick_entry);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, date_column);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, description_column);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, category_column);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, amount_column);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, add_categories_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, add_first_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, OutlayExpensesPage, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, quick_entry_saved_cb);

  gtk_widget_class_install_action (widget_class, "expenses.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "expenses.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "expenses.move", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "expenses.move-to", "x", move_to_action);
  gtk_widget_class_install_action (widget_class, "expenses.edit", "u", edit_action);
  gtk_widget_class_install_action (widget_class, "expenses.add-categories", NULL, add_categories_action);
  gtk_widget_class_install_action (widget_class, "expenses.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "expenses.new", NULL, new_action);

  /* Bubbling from the focus: a text field sees Delete and Ctrl+Z first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "expenses.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "expenses.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "expenses.undo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
outlay_expenses_page_init (OutlayExpensesPage *self)
{
  g_autoptr(OutlayCategory) any = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The date filters start open. */
  outlay_date_button_set_date (self->filter_start, NULL);
  outlay_date_button_set_date (self->filter_end, NULL);

  self->cancellable = g_cancellable_new ();
  self->model = outlay_expense_model_new (NULL);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  set_up_column (self->date_column, G_CALLBACK (setup_date_cb), OUTLAY_SORT_DATE);
  set_up_column (self->description_column, G_CALLBACK (setup_description_cb), OUTLAY_SORT_DESCRIPTION);
  set_up_column (self->category_column, G_CALLBACK (setup_category_cb), OUTLAY_SORT_CATEGORY);
  set_up_column (self->amount_column, G_CALLBACK (setup_amount_cb), OUTLAY_SORT_AMOUNT);
  outlay_ui_column_title_fit (self->date_column, GTK_ALIGN_FILL);
  outlay_ui_column_title_fit (self->description_column, GTK_ALIGN_FILL);
  outlay_ui_column_title_fit (self->category_column, GTK_ALIGN_FILL);
  outlay_ui_column_title_fit (self->amount_column, GTK_ALIGN_END);

  gtk_column_view_sort_by_column (self->column_view, self->date_column, GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loaded",
                           G_CALLBACK (update_content), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::total",
                           G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (outlay_settings_get_default (), "notify::currency",
                           G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "rows-loaded",
                           G_CALLBACK (model_rows_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* "Any Category" heads the filter's list of categories. */
  any = outlay_category_new (_("Any Category"));
  self->any_category = g_list_store_new (OUTLAY_TYPE_CATEGORY);
  g_list_store_append (self->any_category, any);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  update_selection (self);
  update_undo (self);
  update_content (self);
}

GtkWidget *
outlay_expenses_page_new (OutlayStore *store)
{
  return g_object_new (OUTLAY_TYPE_EXPENSES_PAGE,
                       "store", store,
                       NULL);
}

OutlayStore *
outlay_expenses_page_get_store (OutlayExpensesPage *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSES_PAGE (self), NULL);

  return self->store;
}

void
outlay_expenses_page_set_store (OutlayExpensesPage *self,
                                OutlayStore        *store)
{
  g_autoptr(GListStore) sections = NULL;
  g_autoptr(GtkFlattenListModel) categories = NULL;

  g_return_if_fail (OUTLAY_IS_EXPENSES_PAGE (self));
  g_return_if_fail (store == NULL || OUTLAY_IS_STORE (store));

  if (store == self->store)
    return;

  /* Nothing in flight belongs to the new books. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  self->undo_toast = NULL;
  /* Ids mean other expenses in other books. */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  g_clear_pointer (&self->selected_ids, g_hash_table_unref);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (outlay_category_list_get_for_store (self->store), self);

  g_set_object (&self->store, store);

  if (store != NULL)
    {
      OutlayCategoryList *list = outlay_category_list_get_for_store (store);

      g_signal_connect_object (list, "notify::loaded", G_CALLBACK (update_content), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::n-active", G_CALLBACK (update_content), self,
                               G_CONNECT_SWAPPED);

      sections = g_list_store_new (G_TYPE_LIST_MODEL);
      g_list_store_append (sections, self->any_category);
      g_list_store_append (sections, list);
      categories = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&sections)));
    }

  gtk_drop_down_set_model (self->filter_category, G_LIST_MODEL (categories));
  outlay_quick_entry_set_store (self->quick_entry, store);
  outlay_expense_model_set_store (self->model, store);

  update_undo (self);
  update_content (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
outlay_expenses_page_focus_entry (OutlayExpensesPage *self)
{
  g_return_if_fail (OUTLAY_IS_EXPENSES_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->quick_entry));
}

void
outlay_expenses_page_start_search (OutlayExpensesPage *self)
{
  g_return_if_fail (OUTLAY_IS_EXPENSES_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
outlay_expenses_page_show_filter (OutlayExpensesPage        *self,
                                  const OutlayExpenseFilter *filter)
{
  GListModel *categories;
  guint position = 0;

  g_return_if_fail (OUTLAY_IS_EXPENSES_PAGE (self));
  g_return_if_fail (filter != NULL);

  /* Opening the search bar clears it when it was closed; fill it in after. */
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "expenses.clear-filters", NULL);

  /* Position 0 is "Any Category". */
  categories = gtk_drop_down_get_model (self->filter_category);
  for (guint i = 1; filter->category_id != 0 && categories != NULL &&
                    i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(OutlayCategory) category = g_list_model_get_item (categories, i);

      if (outlay_category_get_id (category) == filter->category_id)
        {
          position = i;
          break;
        }
    }

  gtk_drop_down_set_selected (self->filter_category, position);
  outlay_date_button_set_date (self->filter_start, &filter->start);
  outlay_date_button_set_date (self->filter_end, &filter->end);
  filter_changed_cb (self);
}
