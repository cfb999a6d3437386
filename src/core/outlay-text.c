/* outlay-text.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "outlay-text-private.h"

/* Pasted text can be arbitrarily long; a message quotes only its start. */
#define EXCERPT_MAX_CHARS 24

char *
outlay_text_strip (const char *text)
{
  const char *start;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  start = text;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

char *
outlay_text_excerpt (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *head = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) <= EXCERPT_MAX_CHARS)
    return g_steal_pointer (&valid);

  head = g_utf8_substring (valid, 0, EXCERPT_MAX_CHARS - 1);
  return g_strconcat (head, "…", NULL);
}

gboolean
outlay_text_replace (char       **field,
                     const char  *value)
{
  g_return_val_if_fail (field != NULL, FALSE);

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}
