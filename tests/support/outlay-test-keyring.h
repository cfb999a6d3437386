/* outlay-test-keyring.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A real Secret Service for tests, never a mock: the test program runs again
 * under dbus-run-session, after gnome-keyring-daemon made and unlocked an
 * empty keyring in a temporary home (HOME and the XDG folders point there,
 * so the embedded database server starts there too). DISPLAY is kept, so
 * widget tests can run inside. Fails the test, naming the package, when
 * dbus-run-session or gnome-keyring-daemon is missing.
 */

/* TRUE in the program run again by outlay_test_keyring_run(). */
gboolean  outlay_test_keyring_is_inner  (void);

/* Runs only the test at @path of this program again with a keyring of its
 * own, and fails unless that test passed. Its output becomes test
 * messages. */
void      outlay_test_keyring_run       (const char *path);

/* In the inner program: waits until the keyring is on the session bus (it
 * takes its name a moment after it forks). */
void      outlay_test_keyring_wait      (void);

/* Adds the test @path: outside, it runs itself again with
 * outlay_test_keyring_run(); inside, it waits for the keyring and runs
 * @func. Call after g_test_init(). */
void      outlay_test_keyring_add_func  (const char *path,
                                         GTestFunc   func);

G_END_DECLS
