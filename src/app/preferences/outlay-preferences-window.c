/* outlay-preferences-window.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-preferences-window.h"
#include "outlay-settings.h"

struct _OutlayPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  OutlayApplication    *app;
  GCancellable         *cancellable;
  OutlayStore          *test_store;
  /* Filling the choices in selects them; that is not a change to save. */
  gboolean              filling;

  AdwActionRow         *current_row;
  GtkSwitch            *remote_switch;
  AdwEntryRow          *url_row;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  AdwComboRow          *currency_row;
  AdwComboRow          *week_row;
};

G_DEFINE_FINAL_TYPE (OutlayPreferencesWindow, outlay_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The currencies offered; the locale's comes first as "Automatic". */
static const char *currencies[] = {
  "", "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "INR",
  "JPY", "KRW", "MXN", "NOK", "NZD", "PLN", "SEK", "SGD", "TWD", "USD", "ZAR",
};

static void
set_busy (OutlayPreferencesWindow *self,
          gboolean                 busy)
{
  gtk_spinner_set_spinning (self->test_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.test", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.save", !busy);
}

/* Also whenever the application's store comes or goes, so that the row
 * follows a Save and Connect. */
static void
show_current (OutlayPreferencesWindow *self)
{
  OutlayContext *context = outlay_application_get_context (self->app);
  OutlayStore *store = outlay_application_get_store (self->app);
  g_autofree char *text = NULL;

  if (store == NULL || context == NULL)
    {
      if (outlay_application_get_error (self->app) != NULL)
        text = g_strdup (_("Not connected"));
      else
        text = g_strdup (_("Connecting…"));
    }
  else
    {
      switch (outlay_context_get_source (context))
        {
        case OUTLAY_CREDENTIAL_SOURCE_LOCAL:
          text = g_strdup (_("This computer"));
          break;

        case OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT:
        case OUTLAY_CREDENTIAL_SOURCE_DOTENV:
          /* Translators: %s is a database address with the password hidden */
          text = g_strdup_printf (_("%s, from DATABASE_URL, which takes precedence over what is saved here"),
                                  outlay_store_get_display_dsn (store));
          break;

        case OUTLAY_CREDENTIAL_SOURCE_KEYRING:
        default:
          text = g_strdup (outlay_store_get_display_dsn (store));
          break;
        }
    }

  adw_action_row_set_subtitle (self->current_row, text);
}

/* The switch or the URL changed: an earlier verdict no longer applies. */
static void
connection_edited_cb (OutlayPreferencesWindow *self)
{
  adw_action_row_set_subtitle (self->test_row, _("Not tested yet"));
}

static void
test_store_opened_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OutlayPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!outlay_store_open_finish (OUTLAY_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_action_row_set_subtitle (self->test_row, error->message);
    }
  else
    {
      adw_action_row_set_subtitle (self->test_row, _("Connected: the books there are ready"));
    }

  g_clear_object (&self->test_store);
  set_busy (self, FALSE);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OutlayPreferencesWindow *self = OUTLAY_PREFERENCES_WINDOW (widget);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autoptr(GError) error = NULL;

  if (!gtk_switch_get_active (self->remote_switch))
    {
      adw_action_row_set_subtitle (self->test_row, _("The books on this computer need no setup"));
      return;
    }

  self->test_store = outlay_store_new (url, &error);
  if (self->test_store == NULL)
    {
      adw_action_row_set_subtitle (self->test_row, error->message);
      return;
    }

  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));
  outlay_store_open_async (self->test_store, self->cancellable,
                           test_store_opened_cb, g_object_ref (self));
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *dsn = task_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  /* The keyring blocks. */
  if (dsn != NULL)
    saved = outlay_credentials_store (dsn, cancellable, &error);
  else
    saved = outlay_credentials_clear (cancellable, &error);

  if (saved)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  OutlayPreferencesWindow *self = OUTLAY_PREFERENCES_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      adw_action_row_set_subtitle (self->test_row, error->message);
      return;
    }

  set_busy (self, FALSE);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Saved. Opening the books…")));
  outlay_application_reconnect (self->app);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OutlayPreferencesWindow *self = OUTLAY_PREFERENCES_WINDOW (widget);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean remote = gtk_switch_get_active (self->remote_switch);
  g_autoptr(GTask) task = NULL;

  if (remote && *url == '\0')
    {
      adw_action_row_set_subtitle (self->test_row, _("Enter the connection URL first"));
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, saved_cb, NULL);
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, remote ? g_strdup (url) : NULL, g_free);
  g_task_run_in_thread (task, save_in_thread);
}

static void
currency_selected_cb (OutlayPreferencesWindow *self)
{
  GSettings *settings = outlay_settings_get_gsettings (outlay_settings_get_default ());
  guint selected = adw_combo_row_get_selected (self->currency_row);

  if (!self->filling && selected < G_N_ELEMENTS (currencies))
    g_settings_set_string (settings, "currency", currencies[selected]);
}

static void
week_selected_cb (OutlayPreferencesWindow *self)
{
  GSettings *settings = outlay_settings_get_gsettings (outlay_settings_get_default ());
  guint selected = adw_combo_row_get_selected (self->week_row);

  /* The first entry is "Automatic" (-1), then Sunday (0) … Saturday (6). */
  if (!self->filling && selected != GTK_INVALID_LIST_POSITION)
    g_settings_set_int (settings, "first-day-of-week", (int) selected - 1);
}

static void
fill_choices (OutlayPreferencesWindow *self)
{
  GSettings *settings = outlay_settings_get_gsettings (outlay_settings_get_default ());
  g_autofree char *currency = g_settings_get_string (settings, "currency");
  g_autoptr(GtkStringList) currency_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) day_names = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) sunday = g_date_time_new_local (2023, 1, 1, 12, 0, 0);
  int first_day = g_settings_get_int (settings, "first-day-of-week");
  guint selected = 0;

  self->filling = TRUE;

  gtk_string_list_append (currency_names, _("Automatic"));
  for (guint i = 1; i < G_N_ELEMENTS (currencies); i++)
    {
      gtk_string_list_append (currency_names, currencies[i]);
      if (g_strcmp0 (currency, currencies[i]) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (currency_names));
  adw_combo_row_set_selected (self->currency_row, selected);

  gtk_string_list_append (day_names, _("Automatic"));
  for (int i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (sunday, i);
      g_autofree char *name = g_date_time_format (day, "%A");

      gtk_string_list_append (day_names, name);
    }
  adw_combo_row_set_model (self->week_row, G_LIST_MODEL (day_names));
  adw_combo_row_set_selected (self->week_row, first_day >= 0 && first_day <= 6 ? first_day + 1 : 0);

  self->filling = FALSE;
}

static void
outlay_preferences_window_dispose (GObject *object)
{
  OutlayPreferencesWindow *self = OUTLAY_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_store);
  if (self->app != NULL)
    g_signal_handlers_disconnect_by_data (self->app, self);
  g_clear_object (&self->app);

  gtk_widget_dispose_template (GTK_WIDGET (self), OUTLAY_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (outlay_preferences_window_parent_class)->dispose (object);
}

static void
outlay_preferences_window_class_init (OutlayPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, current_row);
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, remote_switch);
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, week_row);
  gtk_widget_class_bind_template_callback (widget_class, connection_edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, week_selected_cb);

  gtk_widget_class_install_action (widget_class, "preferences.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "preferences.save", NULL, save_action);
}

static void
outlay_preferences_window_init (OutlayPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

OutlayPreferencesWindow *
outlay_preferences_window_new (OutlayApplication *app)
{
  OutlayPreferencesWindow *self;
  OutlayContext *context;

  g_return_val_if_fail (OUTLAY_IS_APPLICATION (app), NULL);

  self = g_object_new (OUTLAY_TYPE_PREFERENCES_WINDOW, NULL);
  self->app = g_object_ref (app);

  fill_choices (self);
  show_current (self);
  g_signal_connect_object (app, "notify::store",
                           G_CALLBACK (show_current), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::error",
                           G_CALLBACK (show_current), self, G_CONNECT_SWAPPED);

  /* Where the books are now; from then on the switch is the person's. */
  context = outlay_application_get_context (app);
  gtk_switch_set_active (self->remote_switch,
                         outlay_application_get_store (app) != NULL &&
                         outlay_context_get_source (context) == OUTLAY_CREDENTIAL_SOURCE_KEYRING);

  return self;
}
