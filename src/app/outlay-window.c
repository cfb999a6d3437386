/* outlay-window.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-categories-page.h"
#include "outlay-expenses-page.h"
#include "outlay-reports-page.h"
#include "outlay-settings.h"
#include "outlay-window.h"

struct _OutlayWindow
{
  AdwApplicationWindow  parent_instance;

  OutlayStore          *store;
  GCancellable         *check_cancellable;

  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *offline_revealer;
  GtkLabel             *offline_label;
  GtkStack             *connection_stack;
  GtkSpinner           *connection_spinner;
  GtkToggleButton      *search_button;
  GtkStack             *main_stack;
  AdwStatusPage        *connecting_page;
  GtkSpinner           *connecting_spinner;
  AdwStatusPage        *error_page;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  OutlayExpensesPage   *expenses_page;
  OutlayReportsPage    *reports_page;
  OutlayCategoriesPage *categories_page;
};

G_DEFINE_FINAL_TYPE (OutlayWindow, outlay_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_connection_state (OutlayWindow     *self,
                       OutlayStoreState  state,
                       const char       *message)
{
  g_autofree char *tooltip = NULL;
  const char *page;

  switch (state)
    {
    case OUTLAY_STORE_STATE_CONNECTED:
      page = "connected";
      tooltip = g_strdup_printf (_("Connected to %s"),
                                 outlay_store_get_display_dsn (self->store));
      break;

    case OUTLAY_STORE_STATE_OFFLINE:
      page = "offline";
      if (message != NULL && *message != '\0')
        tooltip = g_strdup_printf (_("Offline: %s"), message);
      else
        tooltip = g_strdup (_("Offline"));
      break;

    case OUTLAY_STORE_STATE_DISCONNECTED:
    case OUTLAY_STORE_STATE_CONNECTING:
    default:
      page = "connecting";
      tooltip = g_strdup (_("Connecting…"));
      break;
    }

  gtk_stack_set_visible_child_name (self->connection_stack, page);
  gtk_spinner_set_spinning (self->connection_spinner, g_str_equal (page, "connecting"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connection_stack), tooltip);
}

static void
store_state_changed_cb (OutlayWindow *self,
                        GParamSpec   *pspec,
                        OutlayStore  *store)
{
  OutlayStoreState state = outlay_store_get_state (store);
  const char *message = outlay_store_get_state_message (store);

  show_connection_state (self, state, message);

  gtk_label_set_text (self->offline_label, message != NULL ? message : _("Offline"));
  gtk_revealer_set_reveal_child (self->offline_revealer, state == OUTLAY_STORE_STATE_OFFLINE);
  if (state != OUTLAY_STORE_STATE_OFFLINE)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-connection", TRUE);
}

/* Any answer updates the store's state, which updates the bar; on success
 * the store also tells every page to reload. */
static void
connection_checked_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(OutlayWindow) self = user_data;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;

  categories = outlay_store_list_categories_finish (OUTLAY_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-connection", TRUE);
}

static void
check_connection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  OutlayWindow *self = OUTLAY_WINDOW (widget);

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();

  gtk_widget_action_set_enabled (widget, "win.check-connection", FALSE);
  outlay_store_list_categories_async (self->store, FALSE, self->check_cancellable,
                                      connection_checked_cb, g_object_ref (self));
}

static void
application_store_changed_cb (OutlayWindow      *self,
                              GParamSpec        *pspec,
                              OutlayApplication *app)
{
  outlay_window_set_store (self, outlay_application_get_store (app));
}

static void
application_error_changed_cb (OutlayWindow      *self,
                              GParamSpec        *pspec,
                              OutlayApplication *app)
{
  const GError *error = outlay_application_get_error (app);

  if (error != NULL)
    outlay_window_set_error (self, error);
  else if (self->store == NULL)
    outlay_window_set_store (self, NULL);
}

static void
visible_view_changed_cb (OutlayWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  gtk_widget_set_visible (GTK_WIDGET (self->search_button),
                          self->store != NULL && g_strcmp0 (name, "expenses") == 0);
}

/* The bar takes over from the title's switcher when the window is narrow,
 * and both wait for the books. */
static void
update_switcher_bar (OutlayWindow *self)
{
  /* Building the template notifies before the children are bound. */
  if (self->switcher_bar == NULL)
    return;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    self->store != NULL &&
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  if (OUTLAY_IS_APPLICATION (app))
    outlay_application_reconnect (OUTLAY_APPLICATION (app));
}

static void
new_expense_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OutlayWindow *self = OUTLAY_WINDOW (widget);

  if (self->store == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "expenses");
  outlay_expenses_page_focus_entry (self->expenses_page);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OutlayWindow *self = OUTLAY_WINDOW (widget);

  if (self->store == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "expenses");
  outlay_expenses_page_start_search (self->expenses_page);
}

/* (category id, first day, last day): the expenses behind a report's row. */
static void
show_expenses_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OutlayWindow *self = OUTLAY_WINDOW (widget);
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  const char *start, *end;

  if (self->store == NULL)
    return;

  g_variant_get (parameter, "(x&s&s)", &filter->category_id, &start, &end);
  if (!outlay_date_parse_iso (start, &filter->start, NULL))
    g_date_clear (&filter->start, 1);
  if (!outlay_date_parse_iso (end, &filter->end, NULL))
    g_date_clear (&filter->end, 1);

  adw_view_stack_set_visible_child_name (self->view_stack, "expenses");
  outlay_expenses_page_show_filter (self->expenses_page, filter);
}

static void
restore_state (OutlayWindow *self)
{
  GSettings *settings = outlay_settings_get_gsettings (outlay_settings_get_default ());

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (settings, "last-view",
                   self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

static gboolean
outlay_window_close_request (GtkWindow *window)
{
  GSettings *settings = outlay_settings_get_gsettings (outlay_settings_get_default ());
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (outlay_window_parent_class)->close_request (window);
}

static void
outlay_window_dispose (GObject *object)
{
  OutlayWindow *self = OUTLAY_WINDOW (object);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), OUTLAY_TYPE_WINDOW);

  G_OBJECT_CLASS (outlay_window_parent_class)->dispose (object);
}

static void
outlay_window_class_init (OutlayWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = outlay_window_dispose;

  window_class->close_request = outlay_window_close_request;

  g_type_ensure (OUTLAY_TYPE_EXPENSES_PAGE);
  g_type_ensure (OUTLAY_TYPE_CATEGORIES_PAGE);
  g_type_ensure (OUTLAY_TYPE_REPORTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, connection_stack);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, connection_spinner);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, update_switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, expenses_page);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, categories_page);
  gtk_widget_class_bind_template_child (widget_class, OutlayWindow, reports_page);

  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.show-expenses", "(xss)", show_expenses_action);
  gtk_widget_class_install_action (widget_class, "win.check-connection", NULL,
                                   check_connection_action);
  gtk_widget_class_install_action (widget_class, "win.new-expense", NULL, new_expense_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
}

static void
outlay_window_init (OutlayWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_object_bind_property (self->search_button, "active",
                          self->expenses_page, "search-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_view_changed_cb), self,
                           G_CONNECT_SWAPPED);

  outlay_window_set_store (self, NULL);
  restore_state (self);
}

OutlayWindow *
outlay_window_new (OutlayApplication *app)
{
  OutlayWindow *self;

  g_return_val_if_fail (OUTLAY_IS_APPLICATION (app), NULL);

  self = g_object_new (OUTLAY_TYPE_WINDOW,
                       "application", app,
                       NULL);

  g_signal_connect_object (app, "notify::store",
                           G_CALLBACK (application_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::error",
                           G_CALLBACK (application_error_changed_cb), self,
                           G_CONNECT_SWAPPED);
  application_store_changed_cb (self, NULL, app);
  application_error_changed_cb (self, NULL, app);

  return self;
}

void
outlay_window_set_store (OutlayWindow *self,
                         OutlayStore  *store)
{
  g_return_if_fail (OUTLAY_IS_WINDOW (self));
  g_return_if_fail (store == NULL || OUTLAY_IS_STORE (store));

  if (store != self->store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);

      g_set_object (&self->store, store);

      if (store != NULL)
        g_signal_connect_object (store, "notify::state",
                                 G_CALLBACK (store_state_changed_cb), self,
                                 G_CONNECT_SWAPPED);

      outlay_expenses_page_set_store (self->expenses_page, store);
      outlay_categories_page_set_store (self->categories_page, store);
      outlay_reports_page_set_store (self->reports_page, store);
    }

  if (store != NULL)
    {
      store_state_changed_cb (self, NULL, store);
      gtk_stack_set_visible_child_name (self->main_stack, "books");

      /* Ready to type the first expense. */
      if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "expenses") == 0)
        outlay_expenses_page_focus_entry (self->expenses_page);
    }
  else
    {
      show_connection_state (self, OUTLAY_STORE_STATE_CONNECTING, NULL);
      gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "connecting");
    }

  /* The views need the books. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, store != NULL);
  update_switcher_bar (self);
  gtk_spinner_set_spinning (self->connecting_spinner, store == NULL);
  visible_view_changed_cb (self);
}

OutlayStore *
outlay_window_get_store (OutlayWindow *self)
{
  g_return_val_if_fail (OUTLAY_IS_WINDOW (self), NULL);

  return self->store;
}

void
outlay_window_set_error (OutlayWindow *self,
                         const GError *error)
{
  g_autofree char *description = NULL;

  g_return_if_fail (OUTLAY_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  outlay_window_set_store (self, NULL);

  /* The description is markup, the message plain text. */
  description = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_spinner_set_spinning (self->connecting_spinner, FALSE);
  show_connection_state (self, OUTLAY_STORE_STATE_OFFLINE, error->message);
}
