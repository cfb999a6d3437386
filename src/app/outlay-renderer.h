/* outlay-renderer.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Without a GPU render node under @dri_dir, OpenGL and Vulkan would run in
 * software (llvmpipe, lavapipe): loading them alone costs some 60 MB and a
 * slower first frame, and GTK's cairo renderer draws Outlay's views faster.
 * So, unless GSK_RENDERER says otherwise, picks cairo and keeps GDK from
 * setting up GL and Vulkan. Call before GTK is initialized. Returns whether
 * it did. */
gboolean outlay_renderer_choose (const char *dri_dir);

G_END_DECLS
