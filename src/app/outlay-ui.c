/* outlay-ui.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-category-list.h"
#include "outlay-core.h"
#include "outlay-ui.h"

void
outlay_ui_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

void
outlay_ui_toast_error (GtkWidget    *widget,
                       const GError *error)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outlay_ui_add_toast (widget, outlay_ui_toast_new (error->message));
}

static void
defaults_added_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!outlay_category_list_add_defaults_finish (OUTLAY_CATEGORY_LIST (object), result, &error))
    outlay_ui_toast_error (widget, error);
}

void
outlay_ui_add_default_categories (GtkWidget    *widget,
                                  OutlayStore  *store,
                                  GCancellable *cancellable)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (OUTLAY_IS_STORE (store));

  outlay_category_list_add_defaults_async (outlay_category_list_get_for_store (store),
                                           cancellable,
                                           defaults_added_cb, g_object_ref (widget));
}

AdwToast *
outlay_ui_toast_new (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return adw_toast_new (markup);
}

void
outlay_ui_set_css_class (GtkWidget  *widget,
                         const char *css_class,
                         gboolean    set)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

void
outlay_ui_set_field_error (GtkWidget  *field,
                           const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  outlay_ui_set_css_class (field, "error", message != NULL);

  gtk_widget_set_tooltip_text (field, message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

void
outlay_ui_show_form_error (GtkLabel   *error_label,
                           GtkWidget  *field,
                           const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (error_label));

  if (field != NULL)
    outlay_ui_set_field_error (field, message);

  if (!gtk_widget_get_visible (GTK_WIDGET (error_label)))
    {
      gtk_label_set_label (error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
    }
}

void
outlay_ui_form_field_edited (GtkLabel  *error_label,
                             GtkWidget *field)
{
  g_return_if_fail (GTK_IS_LABEL (error_label));
  g_return_if_fail (GTK_IS_WIDGET (field));

  if (gtk_widget_has_css_class (field, "error"))
    {
      outlay_ui_set_field_error (field, NULL);
      gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
    }
}

GtkWidget *
outlay_ui_read_expense_fields (GtkLabel     *error_label,
                               GtkEditable  *amount_field,
                               GtkEditable  *description_field,
                               gint64       *amount,
                               char        **description)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *first_invalid = NULL;

  g_return_val_if_fail (GTK_IS_LABEL (error_label), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (amount_field), NULL);
  g_return_val_if_fail (GTK_IS_EDITABLE (description_field), NULL);
  g_return_val_if_fail (amount != NULL, NULL);
  g_return_val_if_fail (description != NULL, NULL);

  if (!outlay_money_parse (gtk_editable_get_text (amount_field), amount, &error))
    {
      first_invalid = GTK_WIDGET (amount_field);
      outlay_ui_show_form_error (error_label, first_invalid, error->message);
      g_clear_error (&error);
    }

  *description = g_strstrip (g_strdup (gtk_editable_get_text (description_field)));
  if (!outlay_validate_description (*description, &error))
    {
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (description_field);
      outlay_ui_show_form_error (error_label, GTK_WIDGET (description_field), error->message);
    }

  return first_invalid;
}

char *
outlay_ui_format_date (const GDate *date)
{
  GDate today;
  int days;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  outlay_date_set_today (&today);
  days = g_date_days_between (date, &today);

  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));

  return outlay_date_format (date);
}

GDateTime *
outlay_ui_date_to_date_time (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_date_time_new_local (g_date_get_year (date),
                                g_date_get_month (date),
                                g_date_get_day (date),
                                0, 0, 0);
}

static void
text_dialog_response_cb (GtkWidget        *widget,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  OutlayUiTextFunc answered = g_object_get_data (G_OBJECT (dialog), "outlay-answered");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "apply") == 0)
    answered (widget, gtk_editable_get_text (entry));
}

void
outlay_ui_ask_text (GtkWidget        *widget,
                    const char       *heading,
                    const char       *body,
                    const char       *text,
                    const char       *apply_label,
                    OutlayUiTextFunc  answered)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (answered != NULL);

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", apply_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "outlay-answered", answered);
  g_signal_connect_object (dialog, "response", G_CALLBACK (text_dialog_response_cb), widget,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* GTK 4.8 can neither align a column's title nor let it shrink. Its header
 * holds a title button per column, and each a box with the title's label
 * and the sort indicator: aligning the box moves both. */
static void
fit_title (GtkColumnViewColumn *column)
{
  GtkColumnView *view = gtk_column_view_column_get_column_view (column);
  const char *title = gtk_column_view_column_get_title (column);
  GtkWidget *header;

  if (view == NULL || title == NULL)
    return;

  header = gtk_widget_get_first_child (GTK_WIDGET (view));
  if (header == NULL || g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
    return;

  for (GtkWidget *button = gtk_widget_get_first_child (header);
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      GtkWidget *box = gtk_widget_get_first_child (button);
      GtkWidget *label = box != NULL ? gtk_widget_get_first_child (box) : NULL;

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), title) == 0)
        {
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_widget_set_halign (box, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column),
                                                                          "outlay-title-align")));
          return;
        }
    }
}

void
outlay_ui_column_title_fit (GtkColumnViewColumn *column,
                            GtkAlign             halign)
{
  GtkColumnView *view;

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  view = gtk_column_view_column_get_column_view (column);
  g_return_if_fail (view != NULL);

  g_object_set_data (G_OBJECT (column), "outlay-title-align", GINT_TO_POINTER (halign));
  fit_title (column);
  /* A moved column gets a new title button. */
  g_signal_connect_object (gtk_column_view_get_columns (view), "items-changed",
                           G_CALLBACK (fit_title), column,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
