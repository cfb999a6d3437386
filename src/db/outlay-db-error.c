/* outlay-db-error.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-db-error.h"

G_DEFINE_QUARK (outlay-db-error-quark, outlay_db_error)
