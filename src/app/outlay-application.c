/* outlay-application.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "outlay-application.h"
#include "outlay-bench-hook.h"
#include "outlay-preferences-window.h"
#include "outlay-window.h"

/* Live sync holds a connection to the database (or queries it every 10 s
 * through a pooler), which keeps a serverless compute from scaling to zero:
 * people pay for that while Outlay sits in the background all day. It pauses
 * once no window has been in use for this long, long enough that a glance
 * at a browser or a receipt does not pause it. */
#define LIVE_SYNC_GRACE_S (5 * 60)

struct _OutlayApplication
{
  AdwApplication  parent_instance;

  OutlayContext  *context;
  GCancellable   *cancellable;
  GError         *error;
  gboolean        opened;
  guint           sigterm_id;
  guint           sigint_id;
  guint           live_sync_grace;     /* seconds */
  guint           live_sync_pause_id;  /* the grace period running */
  gboolean        live_sync_paused;
};

G_DEFINE_FINAL_TYPE (OutlayApplication, outlay_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ERROR,
  PROP_LIVE_SYNC_GRACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The store follows the pause, also one opened during it. */
static void
apply_live_sync (OutlayApplication *self)
{
  OutlayStore *store = outlay_application_get_store (self);

  if (store != NULL)
    outlay_store_set_live_sync (store, !self->live_sync_paused);
}

static gboolean
live_sync_grace_ended_cb (gpointer user_data)
{
  OutlayApplication *self = user_data;

  self->live_sync_pause_id = 0;
  self->live_sync_paused = TRUE;
  g_debug ("No window in use for %u s: live sync pauses", self->live_sync_grace);
  apply_live_sync (self);

  return G_SOURCE_REMOVE;
}

/* A window came or went, or gained or lost the focus. Turned on again, the
 * store reports "changed" and the views catch up on what they missed. */
static void
window_activity_changed_cb (OutlayApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  gboolean in_use = FALSE;

  for (GList *l = windows; l != NULL && !in_use; l = l->next)
    in_use = gtk_window_is_active (l->data);

  if (in_use)
    {
      g_clear_handle_id (&self->live_sync_pause_id, g_source_remove);
      if (self->live_sync_paused)
        {
          self->live_sync_paused = FALSE;
          apply_live_sync (self);
        }
    }
  else if (self->live_sync_pause_id == 0 && !self->live_sync_paused)
    {
      self->live_sync_pause_id = g_timeout_add_seconds (self->live_sync_grace,
                                                        live_sync_grace_ended_cb, self);
    }
}

static void
close_context (OutlayApplication *self)
{
  g_autoptr(OutlayContext) context = g_steal_pointer (&self->context);
  gboolean opened = self->opened;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->opened = FALSE;

  /* Windows let go of the store before it closes. */
  if (opened)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      outlay_context_close (context);
    }
}

static void
context_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OutlayApplication) self = user_data;
  OutlayContext *context = OUTLAY_CONTEXT (object);
  g_autoptr(GError) error = NULL;

  if (!outlay_context_open_finish (context, result, &error))
    {
      /* A newer attempt replaced this one. */
      if (context != self->context)
        return;

      g_debug ("Could not open the books: %s", error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      return;
    }

  if (context != self->context)
    {
      outlay_context_close (context);
      return;
    }

  self->opened = TRUE;
  apply_live_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
open_context (OutlayApplication *self)
{
  g_assert (self->context == NULL);

  self->context = outlay_context_new ();
  self->cancellable = g_cancellable_new ();

  outlay_context_open_async (self->context,
                             self->cancellable,
                             context_opened_cb,
                             g_object_ref (self));
}

static void
save_connection_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  const char *dsn = task_data;
  GError *error = NULL;
  gboolean saved;

  /* The keyring blocks. */
  if (dsn != NULL)
    saved = outlay_credentials_store (dsn, NULL, &error);
  else
    saved = outlay_credentials_clear (NULL, &error);

  if (saved)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The write's own task holds the application, and this runs whether or not
 * the caller of outlay_application_save_connection_async() is still there. */
static void
connection_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  OutlayApplication *self = OUTLAY_APPLICATION (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  outlay_application_reconnect (self);
  g_task_return_boolean (task, TRUE);
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Outlay Authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Outlay"),
                        "application-icon", APP_ID,
                        "developer-name", "The Outlay Authors",
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://outlay.github.io/outlay/",
                        "issue-url", "https://github.com/outlay/outlay/issues",
                        "copyright", "© 2026 The Outlay Authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: Replace "translator-credits" with your
                         * name and e-mail address, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  OutlayApplication *self = OUTLAY_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  OutlayPreferencesWindow *preferences;

  preferences = outlay_preferences_window_new (self);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
show_shortcuts (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autolist(GtkWindow) windows = NULL;

  /* Closing (rather than destroying) lets each window save its state; a
   * copy, as closing one may destroy others (its dialogs). */
  windows = g_list_copy_deep (gtk_application_get_windows (app), (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (app));
}

/* Being told to stop (logout, Ctrl+C in a terminal) quits as the menu does,
 * so the embedded database server stops with the last instance. */
static gboolean
stop_signalled_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "preferences", show_preferences },
  { "shortcuts", show_shortcuts },
  { "about", show_about },
  { "quit", quit },
};

static void
outlay_application_startup (GApplication *application)
{
  OutlayApplication *self = OUTLAY_APPLICATION (application);
  GtkApplication *app = GTK_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "F1", "<Control>question", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-expense", { "<Control>n", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.show-help-overlay", { NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (outlay_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  self->sigterm_id = g_unix_signal_add (SIGTERM, stop_signalled_cb, self);
  self->sigint_id = g_unix_signal_add (SIGINT, stop_signalled_cb, self);

  open_context (self);
}

static void
outlay_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      window = GTK_WINDOW (outlay_window_new (OUTLAY_APPLICATION (application)));
      outlay_bench_hook_watch (window);
    }

  gtk_window_present (window);
}

static void
outlay_application_window_added (GtkApplication *application,
                                 GtkWindow      *window)
{
  OutlayApplication *self = OUTLAY_APPLICATION (application);

  GTK_APPLICATION_CLASS (outlay_application_parent_class)->window_added (application, window);

  g_signal_connect_object (window, "notify::is-active",
                           G_CALLBACK (window_activity_changed_cb), self,
                           G_CONNECT_SWAPPED);
  window_activity_changed_cb (self);
}

static void
outlay_application_window_removed (GtkApplication *application,
                                   GtkWindow      *window)
{
  OutlayApplication *self = OUTLAY_APPLICATION (application);

  g_signal_handlers_disconnect_by_func (window, window_activity_changed_cb, self);

  GTK_APPLICATION_CLASS (outlay_application_parent_class)->window_removed (application, window);

  window_activity_changed_cb (self);
}

static void
outlay_application_shutdown (GApplication *application)
{
  OutlayApplication *self = OUTLAY_APPLICATION (application);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->live_sync_pause_id, g_source_remove);
  close_context (self);

  G_APPLICATION_CLASS (outlay_application_parent_class)->shutdown (application);
}

static void
outlay_application_finalize (GObject *object)
{
  OutlayApplication *self = (OutlayApplication *) object;

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->live_sync_pause_id, g_source_remove);
  close_context (self);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (outlay_application_parent_class)->finalize (object);
}

static void
outlay_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OutlayApplication *self = OUTLAY_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, outlay_application_get_store (self));
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_LIVE_SYNC_GRACE:
      g_value_set_uint (value, self->live_sync_grace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_application_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OutlayApplication *self = OUTLAY_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LIVE_SYNC_GRACE:
      outlay_application_set_live_sync_grace (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_application_class_init (OutlayApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = outlay_application_finalize;
  object_class->get_property = outlay_application_get_property;
  object_class->set_property = outlay_application_set_property;

  app_class->startup = outlay_application_startup;
  app_class->activate = outlay_application_activate;
  app_class->shutdown = outlay_application_shutdown;

  gtk_app_class->window_added = outlay_application_window_added;
  gtk_app_class->window_removed = outlay_application_window_removed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         OUTLAY_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Seconds without an active window before live sync pauses. */
  properties[PROP_LIVE_SYNC_GRACE] =
    g_param_spec_uint ("live-sync-grace", NULL, NULL,
                       0, G_MAXUINT, LIVE_SYNC_GRACE_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
outlay_application_init (OutlayApplication *self)
{
  self->live_sync_grace = LIVE_SYNC_GRACE_S;
}

OutlayApplication *
outlay_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  /* A benchmark run measures a process of its own. */
  if (outlay_bench_hook_is_enabled ())
    flags |= G_APPLICATION_NON_UNIQUE;

  /* The resource base path stays the same in the development profile, whose
   * application id differs. */
  return g_object_new (OUTLAY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/outlay/Outlay",
                       NULL);
}

OutlayContext *
outlay_application_get_context (OutlayApplication *self)
{
  g_return_val_if_fail (OUTLAY_IS_APPLICATION (self), NULL);

  return self->context;
}

OutlayStore *
outlay_application_get_store (OutlayApplication *self)
{
  g_return_val_if_fail (OUTLAY_IS_APPLICATION (self), NULL);

  if (!self->opened)
    return NULL;

  return outlay_context_get_store (self->context);
}

const GError *
outlay_application_get_error (OutlayApplication *self)
{
  g_return_val_if_fail (OUTLAY_IS_APPLICATION (self), NULL);

  return self->error;
}

guint
outlay_application_get_live_sync_grace (OutlayApplication *self)
{
  g_return_val_if_fail (OUTLAY_IS_APPLICATION (self), 0);

  return self->live_sync_grace;
}

void
outlay_application_set_live_sync_grace (OutlayApplication *self,
                                        guint              seconds)
{
  g_return_if_fail (OUTLAY_IS_APPLICATION (self));

  if (self->live_sync_grace == seconds)
    return;

  self->live_sync_grace = seconds;

  /* A grace period already running starts again with the new length. */
  if (self->live_sync_pause_id != 0)
    {
      g_clear_handle_id (&self->live_sync_pause_id, g_source_remove);
      window_activity_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_SYNC_GRACE]);
}

void
outlay_application_reconnect (OutlayApplication *self)
{
  g_return_if_fail (OUTLAY_IS_APPLICATION (self));

  close_context (self);

  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  open_context (self);
}

void
outlay_application_save_connection_async (OutlayApplication   *self,
                                          const char          *dsn,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) write = NULL;
  GTask *task;

  g_return_if_fail (OUTLAY_IS_APPLICATION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, outlay_application_save_connection_async);

  /* Without the caller's @cancellable: closing Preferences must neither stop
   * a save it asked for nor keep the saved address from being used. */
  write = g_task_new (self, NULL, connection_saved_cb, task);
  g_task_set_task_data (write, g_strdup (dsn), g_free);
  g_task_run_in_thread (write, save_connection_thread);
}

gboolean
outlay_application_save_connection_finish (OutlayApplication  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (OUTLAY_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        outlay_application_save_connection_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
