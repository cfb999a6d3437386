/* outlay-test-keyring.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "outlay-test-db.h"
#include "outlay-test-keyring.h"

#define INNER_ENV "OUTLAY_TEST_KEYRING_INNER"

/* How long gnome-keyring-daemon may take to appear on the bus. */
#define WAIT_USEC (10 * G_USEC_PER_SEC)

typedef struct
{
  GTestFunc func;
} InnerTest;

gboolean
outlay_test_keyring_is_inner (void)
{
  return g_getenv (INNER_ENV) != NULL;
}

static gboolean
secrets_have_owner (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

void
outlay_test_keyring_wait (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  g_assert_no_error (error);

  while (!secrets_have_owner (bus))
    {
      if (g_get_monotonic_time () >= deadline)
        {
          g_test_fail_printf ("gnome-keyring-daemon did not appear on the session bus");
          return;
        }
      g_usleep (G_USEC_PER_SEC / 20);
    }
}

void
outlay_test_keyring_run (const char *path)
{
  static const struct { const char *program; const char *package; } needed[] = {
    { "dbus-run-session", "dbus" },
    { "gnome-keyring-daemon", "gnome-keyring" },
  };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *home = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *passed = NULL;
  g_autofree char *output = NULL;

  g_return_if_fail (path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_autofree char *program = g_find_program_in_path (needed[i].program);

      if (program == NULL)
        {
          g_test_fail_printf ("%s is missing: install the %s package",
                              needed[i].program, needed[i].package);
          return;
        }
    }

  g_assert_nonnull (self_exe);
  dir = outlay_test_make_tmp_dir ();
  home = g_build_filename (dir, "home", NULL);
  runtime = g_build_filename (dir, "run", NULL);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, INNER_ENV, "1", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_unsetenv (launcher, "DATABASE_URL");

  process = g_subprocess_launcher_spawn (launcher, &error,
                                         "dbus-run-session", "--", "sh", "-c",
                                         "printf test | "
                                         "gnome-keyring-daemon --unlock --components=secrets >/dev/null "
                                         "&& exec \"$0\" -p \"$1\"",
                                         self_exe, path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", output);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  /* -p with a path nobody added runs nothing and exits 0. */
  passed = g_strdup_printf ("ok 1 %s", path);
  g_assert_nonnull (strstr (output, passed));
}

static void
run_outside (gconstpointer data)
{
  outlay_test_keyring_run (data);
}

static void
run_inside (gconstpointer data)
{
  const InnerTest *test = data;

  outlay_test_keyring_wait ();
  if (!g_test_failed ())
    test->func ();
}

void
outlay_test_keyring_add_func (const char *path,
                              GTestFunc   func)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (func != NULL);

  if (outlay_test_keyring_is_inner ())
    {
      InnerTest *test = g_new0 (InnerTest, 1);

      test->func = func;
      g_test_add_data_func_full (path, test, run_inside, g_free);
    }
  else
    {
      g_test_add_data_func_full (path, g_strdup (path), run_outside, g_free);
    }
}
