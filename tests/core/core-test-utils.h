/* core-test-utils.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <locale.h>
#include <string.h>

G_BEGIN_DECLS

/* Switches every locale category to @name. A locale the machine lacks skips
 * the test (say, a CI image with only C.UTF-8) instead of failing it. */
static inline gboolean
core_test_use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not installed", name);

      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

/* Records which properties of an object notify. */
typedef struct
{
  GPtrArray *names;
} CoreNotifyLog;

static inline void
core_notify_log_notified_cb (GObject       *object,
                             GParamSpec    *pspec,
                             CoreNotifyLog *log)
{
  g_ptr_array_add (log->names, (gpointer) g_param_spec_get_name (pspec));
}

static inline void
core_notify_log_watch (CoreNotifyLog *log,
                       gpointer       object)
{
  log->names = g_ptr_array_new ();
  g_signal_connect (object, "notify", G_CALLBACK (core_notify_log_notified_cb), log);
}

static inline int
core_notify_log_compare (gconstpointer a,
                         gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The properties notified since the last call, sorted, one entry per
 * notification: "amount description". */
static inline char *
core_notify_log_take (CoreNotifyLog *log)
{
  GString *out = g_string_new (NULL);
  guint i;

  g_ptr_array_sort (log->names, core_notify_log_compare);
  for (i = 0; i < log->names->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (log->names, i));
    }
  g_ptr_array_set_size (log->names, 0);

  return g_string_free (out, FALSE);
}

static inline void
core_notify_log_clear (CoreNotifyLog *log)
{
  g_clear_pointer (&log->names, g_ptr_array_unref);
}

G_END_DECLS
