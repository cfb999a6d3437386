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

struct _OutlayApplication
{
  AdwApplication  parent_instance;

  OutlayContext  *context;
  GCancellable   *cancellable;
  GError         *error;
  gboolean        opened;
  guint           sigterm_id;
  guint           sigint_id;
};

G_DEFINE_FINAL_TYPE (OutlayApplication, outlay_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
outlay_application_shutdown (GApplication *application)
{
  OutlayApplication *self = OUTLAY_APPLICATION (application);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  close_context (self);

  G_APPLICATION_CLASS (outlay_application_parent_class)->shutdown (application);
}

static void
outlay_application_finalize (GObject *object)
{
  OutlayApplication *self = (OutlayApplication *) object;

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_application_class_init (OutlayApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = outlay_application_finalize;
  object_class->get_property = outlay_application_get_property;

  app_class->startup = outlay_application_startup;
  app_class->activate = outlay_application_activate;
  app_class->shutdown = outlay_application_shutdown;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         OUTLAY_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
outlay_application_init (OutlayApplication *self)
{
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
