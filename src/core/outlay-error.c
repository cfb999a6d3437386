/* outlay-error.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-error.h"

G_DEFINE_QUARK (outlay-error-quark, outlay_error)
