/* outlay-text-private.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text helpers shared within src/core; not part of its API. */

/* A copy of @text without leading and trailing white space, Unicode spaces
 * (no-break and narrow no-break) included. @text must be valid UTF-8. */
char    *outlay_text_strip   (const char *text);

/* @text, made valid UTF-8 and cut to a length that reads well inside an error
 * message. */
char    *outlay_text_excerpt (const char *text);

/* Sets *@field to a copy of @value unless they are equal already; TRUE when
 * it changed, for setters that notify only on change. */
gboolean outlay_text_replace (char       **field,
                              const char  *value);

G_END_DECLS
