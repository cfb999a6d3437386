/* outlay-renderer.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <gtk/gtk.h>

#include "outlay-renderer.h"

static gboolean
has_render_node (const char *dri_dir)
{
  g_autoptr(GDir) dir = g_dir_open (dri_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, "renderD"))
        continue;

      path = g_build_filename (dri_dir, name, NULL);
      if (access (path, R_OK | W_OK) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Adds @flags to a comma-separated list in the environment, keeping what the
 * user put there. */
static void
append_env_flags (const char *variable,
                  const char *flags)
{
  const char *current = g_getenv (variable);
  g_autofree char *value = NULL;

  if (current != NULL && *current != '\0')
    value = g_strconcat (current, ",", flags, NULL);
  else
    value = g_strdup (flags);

  g_setenv (variable, value, TRUE);
}

gboolean
outlay_renderer_choose (const char *dri_dir)
{
  g_return_val_if_fail (dri_dir != NULL, FALSE);

  if (g_getenv ("GSK_RENDERER") != NULL || has_render_node (dri_dir))
    return FALSE;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  /* GDK_DEBUG's switches moved to GDK_DISABLE in GTK 4.16. */
  if (gtk_get_minor_version () >= 16)
    append_env_flags ("GDK_DISABLE", "gl,vulkan");
  else
    append_env_flags ("GDK_DEBUG", "gl-disable,vulkan-disable");

  return TRUE;
}
