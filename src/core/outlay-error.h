/* outlay-error.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OUTLAY_ERROR (outlay_error_quark ())

/**
 * OutlayError:
 *
 * What went wrong, in terms a person acts on. Validation in src/core and the
 * meaning of database failures (a duplicate name, a missing row, a stale edit)
 * share this domain; connection-level failures live in %OUTLAY_DB_ERROR.
 */
typedef enum
{
  OUTLAY_ERROR_INVALID_AMOUNT,       /* unparsable, ≤ 0, too many decimals, too large */
  OUTLAY_ERROR_INVALID_DESCRIPTION,  /* empty, > 200 characters, not UTF-8 */
  OUTLAY_ERROR_INVALID_DATE,         /* unparsable or out of range */
  OUTLAY_ERROR_INVALID_CATEGORY,     /* no category given, or a bad category name/color */
  OUTLAY_ERROR_INVALID_INPUT,        /* anything else a caller passed wrong */
  OUTLAY_ERROR_NOT_FOUND,            /* no expense/category with that id or name */
  OUTLAY_ERROR_DUPLICATE,            /* unique value exists (category name) */
  OUTLAY_ERROR_CATEGORY_MISSING,     /* foreign key: the category does not exist */
  OUTLAY_ERROR_CATEGORY_IN_USE,      /* deleting a category that still has expenses */
  OUTLAY_ERROR_CONFLICT,             /* the row changed elsewhere (stale version) */
} OutlayError;

GQuark outlay_error_quark (void);

G_END_DECLS
