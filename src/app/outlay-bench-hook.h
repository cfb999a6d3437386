/* outlay-bench-hook.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * What `outlay-bench ui` measures from inside the app. Compiled in always and
 * inert unless the environment asks for it:
 *
 *   OUTLAY_BENCH_REPORT=PATH  when the first frame showing rows of the
 *                             expense list has been painted, write
 *                             "first_frame_us=T" (T: g_get_monotonic_time())
 *                             to PATH and quit…
 *   OUTLAY_BENCH_SCROLL=1     … unless this asks to scroll the list to its end
 *                             first: 200 jumps to positions spread over the
 *                             whole list (in a scattered order, each far from
 *                             the last), then three stretches of 50 screens,
 *                             each step waiting until every row on screen is
 *                             painted with its data. The report then also has
 *                             "scrolled_rows=N steps=N scroll_us=T jumps_us=T
 *                             slowest_step_us=T completed=0|1".
 *
 * A list that stops loading for a minute ends the run with completed=0.
 */

/* OUTLAY_BENCH_REPORT is set: the app then runs as an instance of its own
 * (G_APPLICATION_NON_UNIQUE), so it never hands over to one already running. */
gboolean  outlay_bench_hook_is_enabled (void);

/* Starts watching @window's expense list, when enabled. */
void      outlay_bench_hook_watch      (GtkWindow *window);

G_END_DECLS
