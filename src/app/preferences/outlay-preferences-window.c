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
#include "outlay-ui.h"

struct _OutlayPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  OutlayApplication    *app;
  /* Work under way does not hold the window, so a closed Preferences goes
   * at once (held on, it could be disposed after its transient parent is
   * gone, which GTK 4.8 does not survive). Cancelled in dispose: the
   * callbacks check it before they touch the window. */
  GCancellable         *cancellable;
  /* Filling the choices in selects them; that is not a change to save. */
  gboolean              filling;
  /* Until the saved connection is known, the switch and the URL show
   * nothing to save. */
  gboolean              looking_up;
  /* FALSE while DATABASE_URL decides, which a save could not override. */
  gboolean              choosable;
  /* A Test or a Save is under way. */
  gboolean              busy;

  AdwActionRow         *current_row;
  AdwActionRow         *source_row;
  GtkImage             *source_icon;
  AdwActionRow         *remote_row;
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
update_controls (OutlayPreferencesWindow *self)
{
  gboolean idle = !self->looking_up && !self->busy;

  gtk_spinner_set_spinning (self->test_spinner, !idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remote_row), self->choosable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row),
                            self->choosable && gtk_switch_get_active (self->remote_switch));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.test", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.save", idle && self->choosable);
}

static void
set_busy (OutlayPreferencesWindow *self,
          gboolean                 busy)
{
  self->busy = busy;
  update_controls (self);
}

/* Why the connection cannot be chosen here. */
static void
show_source (OutlayPreferencesWindow *self,
             const char              *icon_name,
             const char              *title,
             const char              *subtitle)
{
  gtk_image_set_from_icon_name (self->source_icon, icon_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), title);
  adw_action_row_set_subtitle (self->source_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->source_row), TRUE);
}

/* Also whenever the application's store comes or goes, so that the row
 * follows a Save and Connect. */
static void
show_current (OutlayPreferencesWindow *self)
{
  OutlayContext *context = outlay_application_get_context (self->app);
  OutlayStore *store = outlay_application_get_store (self->app);
  const char *text;

  if (store == NULL || context == NULL)
    {
      if (outlay_application_get_error (self->app) != NULL)
        text = _("Not connected");
      else
        text = _("Connecting…");
    }
  else if (outlay_context_get_source (context) == OUTLAY_CREDENTIAL_SOURCE_LOCAL)
    {
      text = _("This computer");
    }
  else
    {
      text = outlay_store_get_display_dsn (store);
    }

  adw_action_row_set_subtitle (self->current_row, text);
}

/* The switch or the URL changed: an earlier verdict no longer applies. */
static void
connection_edited_cb (OutlayPreferencesWindow *self)
{
  adw_action_row_set_subtitle (self->test_row, _("Not tested yet"));
  update_controls (self);
}

static void
lookup_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OutlayCredentialSource *source = task_data;
  GError *error = NULL;
  char *dsn;

  /* The keyring blocks. */
  dsn = outlay_credentials_lookup (source, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dsn, g_free);
}

/* The switch and the URL start from what the application would use at its
 * next start, whether or not it is connected now: otherwise a Save straight
 * away could forget an address that is only unreachable for the moment. */
static void
credentials_found_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  OutlayPreferencesWindow *self = user_data;
  OutlayCredentialSource *source = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *dsn = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->looking_up = FALSE;

  if (error != NULL)
    {
      show_source (self, "dialog-warning-symbolic",
                   _("Could Not Read the Connection Settings"), error->message);
      update_controls (self);
      return;
    }

  gtk_switch_set_active (self->remote_switch, dsn != NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), dsn != NULL ? dsn : "");

  switch (*source)
    {
    case OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT:
      show_source (self, "dialog-information-symbolic",
                   _("Set by DATABASE_URL"),
                   _("This environment variable takes precedence. Unset it to choose here."));
      break;

    case OUTLAY_CREDENTIAL_SOURCE_DOTENV:
      {
        g_autofree char *cwd = g_get_current_dir ();
        g_autofree char *path = g_build_filename (cwd, ".env", NULL);
        /* Translators: %s is the path of a .env file */
        g_autofree char *text = g_strdup_printf (_("%s takes precedence. Remove DATABASE_URL "
                                                   "from it to choose here."),
                                                 path);

        show_source (self, "dialog-information-symbolic", _("Set by DATABASE_URL in .env"), text);
      }
      break;

    case OUTLAY_CREDENTIAL_SOURCE_KEYRING:
    case OUTLAY_CREDENTIAL_SOURCE_LOCAL:
    default:
      self->choosable = TRUE;
      break;
    }

  update_controls (self);
}

static void
look_up_credentials (OutlayPreferencesWindow *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, credentials_found_cb, self);

  self->looking_up = TRUE;
  update_controls (self);

  g_task_set_source_tag (task, look_up_credentials);
  g_task_set_task_data (task, g_new0 (OutlayCredentialSource, 1), g_free);
  g_task_run_in_thread (task, lookup_in_thread);
}

/* "15" (or "9.6" before PostgreSQL 10) from PQserverVersion()'s 150004. */
static char *
format_server_version (int version)
{
  if (version >= 100000)
    return g_strdup_printf ("%d", version / 10000);

  return g_strdup_printf ("%d.%d", version / 10000, version / 100 % 100);
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OutlayPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  int server_version = 0;
  gboolean has_books = FALSE;

  if (!outlay_context_probe_finish (result, &server_version, &has_books, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_action_row_set_subtitle (self->test_row, error->message);
    }
  else if (has_books)
    {
      adw_action_row_set_subtitle (self->test_row, _("Connected: the books there are ready"));
    }
  else
    {
      g_autofree char *version = format_server_version (server_version);
      /* Translators: %s is a PostgreSQL version, such as "15" */
      g_autofree char *text = g_strdup_printf (_("Connected: PostgreSQL %s, no Outlay books yet — "
                                                 "they will be set up on Save"),
                                               version);

      adw_action_row_set_subtitle (self->test_row, text);
    }

  set_busy (self, FALSE);
}

/* Only looks: the books are set up by Save and Connect, on the database
 * the person chose. */
static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OutlayPreferencesWindow *self = OUTLAY_PREFERENCES_WINDOW (widget);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));

  if (!gtk_switch_get_active (self->remote_switch))
    {
      adw_action_row_set_subtitle (self->test_row, _("The books on this computer need no setup"));
      return;
    }

  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));
  outlay_context_probe_async (url, self->cancellable, probed_cb, self);
}

static void
connection_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  OutlayPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!outlay_application_save_connection_finish (OUTLAY_APPLICATION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, FALSE);
      adw_action_row_set_subtitle (self->test_row, error->message);
      return;
    }

  set_busy (self, FALSE);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    outlay_ui_toast_new (_("Saved. Opening the books…")));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OutlayPreferencesWindow *self = OUTLAY_PREFERENCES_WINDOW (widget);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean remote = gtk_switch_get_active (self->remote_switch);

  if (remote && *url == '\0')
    {
      adw_action_row_set_subtitle (self->test_row, _("Enter the connection URL first"));
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  set_busy (self, TRUE);
  outlay_application_save_connection_async (self->app, remote ? url : NULL, self->cancellable,
                                            connection_saved_cb, self);
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
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, source_row);
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, source_icon);
  gtk_widget_class_bind_template_child (widget_class, OutlayPreferencesWindow, remote_row);
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

  g_return_val_if_fail (OUTLAY_IS_APPLICATION (app), NULL);

  self = g_object_new (OUTLAY_TYPE_PREFERENCES_WINDOW, NULL);
  self->app = g_object_ref (app);

  fill_choices (self);
  show_current (self);
  g_signal_connect_object (app, "notify::store",
                           G_CALLBACK (show_current), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::error",
                           G_CALLBACK (show_current), self, G_CONNECT_SWAPPED);

  look_up_credentials (self);

  return self;
}
