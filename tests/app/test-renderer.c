/* test-renderer.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "outlay-renderer.h"

/* The variable GDK reads its switches from, and the switches expected, for
 * the GTK this runs with. */
static const char *
disable_variable (void)
{
  return gtk_get_minor_version () >= 16 ? "GDK_DISABLE" : "GDK_DEBUG";
}

static const char *
disable_flags (void)
{
  return gtk_get_minor_version () >= 16 ? "gl,vulkan" : "gl-disable,vulkan-disable";
}

static void
clear_environment (void)
{
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DISABLE");
  g_unsetenv ("GDK_DEBUG");
}

static char *
make_dri_dir (const char *node)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("outlay-dri-XXXXXX", &error);

  g_assert_no_error (error);
  if (node != NULL)
    {
      g_autofree char *path = g_build_filename (dir, node, NULL);

      g_file_set_contents (path, "", 0, &error);
      g_assert_no_error (error);
    }

  return dir;
}

static void
remove_dri_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_no_gpu (void)
{
  g_autofree char *dir = make_dri_dir ("card0");

  clear_environment ();
  g_assert_true (outlay_renderer_choose (dir));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_cmpstr (g_getenv (disable_variable ()), ==, disable_flags ());
  remove_dri_dir (dir);
}

static void
test_missing_dir (void)
{
  clear_environment ();
  g_assert_true (outlay_renderer_choose ("/nonexistent/dri"));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
}

static void
test_render_node (void)
{
  g_autofree char *dir = make_dri_dir ("renderD128");

  clear_environment ();
  g_assert_false (outlay_renderer_choose (dir));
  g_assert_null (g_getenv ("GSK_RENDERER"));
  g_assert_null (g_getenv (disable_variable ()));
  remove_dri_dir (dir);
}

static void
test_user_choice (void)
{
  clear_environment ();
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  g_assert_false (outlay_renderer_choose ("/nonexistent/dri"));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
  g_assert_null (g_getenv (disable_variable ()));
}

static void
test_keeps_user_flags (void)
{
  g_autofree char *expected = NULL;

  clear_environment ();
  g_setenv (disable_variable (), "dmabuf", TRUE);
  g_assert_true (outlay_renderer_choose ("/nonexistent/dri"));
  expected = g_strconcat ("dmabuf,", disable_flags (), NULL);
  g_assert_cmpstr (g_getenv (disable_variable ()), ==, expected);
}

/* What GTK makes of the choice: a realized window draws with cairo. */
static void
test_window_renderer (void)
{
  GtkWidget *window;
  GskRenderer *renderer;

  clear_environment ();
  g_assert_true (outlay_renderer_choose ("/nonexistent/dri"));
  gtk_init ();

  window = gtk_window_new ();
  gtk_widget_realize (window);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/renderer/no-gpu", test_no_gpu);
  g_test_add_func ("/outlay/renderer/missing-dir", test_missing_dir);
  g_test_add_func ("/outlay/renderer/render-node", test_render_node);
  g_test_add_func ("/outlay/renderer/user-choice", test_user_choice);
  g_test_add_func ("/outlay/renderer/keeps-user-flags", test_keeps_user_flags);
  g_test_add_func ("/outlay/renderer/window", test_window_renderer);

  return g_test_run ();
}
