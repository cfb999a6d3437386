/* outlay-dsn.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "outlay-db-error.h"
#include "outlay-dsn.h"

/* Byte range [start, end) of a secret inside a DSN. */
typedef struct
{
  gsize start;
  gsize end;
} Span;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

static const char * const secret_keywords[] = { "password", "sslpassword" };

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  return (sa->start > sb->start) - (sa->start < sb->start);
}

static void
add_span (GArray *spans,
          gsize   start,
          gsize   end)
{
  Span span = { start, end };

  if (end > start)
    g_array_append_val (spans, span);
}

/* The end of a key=value value starting at @p: a quoted value runs to its
 * closing quote (backslash escapes), or to the end when it is unterminated. */
static const char *
skip_value (const char *p,
            gboolean    in_url_query)
{
  if (in_url_query)
    return p + strcspn (p, "&#");

  if (*p == '\'')
    {
      for (p++; *p != '\0'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '\'')
            return p + 1;
        }
      return p;
    }

  while (*p != '\0' && !g_ascii_isspace (*p))
    p++;
  return p;
}

/* Finds where passwords are, in URL and key=value form alike, without relying
 * on the string being well formed. Where in doubt it finds too much rather
 * than too little: masking some extra text is harmless, a leak is not. */
static GArray *
find_secrets (const char *dsn)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *scheme_end = strstr (dsn, "://");
  const char *rest = NULL;

  if (scheme_end != NULL)
    rest = scheme_end + 3;
  else if (strchr (dsn, '=') == NULL)
    rest = dsn;

  /* user:password@host: a password may itself hold '@' or '/' when it was not
   * percent-encoded, so the last '@' ends it. */
  if (rest != NULL)
    {
      const char *at = strrchr (rest, '@');

      if (at != NULL)
        {
          const char *colon = memchr (rest, ':', at - rest);

          if (colon != NULL)
            add_span (spans, colon + 1 - dsn, at - dsn);
        }
    }

  /* password=… as a key=value pair or a URL query parameter. */
  for (const char *p = dsn; *p != '\0'; p++)
    {
      gboolean at_boundary = (p == dsn || g_ascii_isspace (p[-1]) || p[-1] == '?' || p[-1] == '&');

      if (!at_boundary)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (secret_keywords); i++)
        {
          gsize len = strlen (secret_keywords[i]);
          gboolean in_url_query = (p != dsn && (p[-1] == '?' || p[-1] == '&'));
          const char *q;
          const char *value_end;

          if (g_ascii_strncasecmp (p, secret_keywords[i], len) != 0)
            continue;

          q = p + len;
          while (g_ascii_isspace (*q))
            q++;
          if (*q != '=')
            continue;
          q++;
          while (!in_url_query && g_ascii_isspace (*q))
            q++;

          value_end = skip_value (q, in_url_query);
          add_span (spans, q - dsn, value_end - dsn);
        }
    }

  g_array_sort (spans, compare_spans);
  return spans;
}

static char *
mask_spans (const char *dsn,
            GArray     *spans)
{
  GString *out = g_string_new (NULL);
  gsize pos = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      /* Overlapping secrets are masked as one. */
      if (i > 0 && span->start <= pos)
        {
          pos = MAX (pos, span->end);
          continue;
        }

      g_string_append_len (out, dsn + pos, span->start - pos);
      g_string_append (out, "***");
      pos = span->end;
    }

  g_string_append (out, dsn + pos);
  return g_string_free (out, FALSE);
}

/* Drops a driver suffix ("postgresql+psycopg2://" → "postgresql://") and
 * refuses schemes that are not PostgreSQL. */
static char *
strip_driver (const char  *dsn,
              GError     **error)
{
  const char *scheme_end = strstr (dsn, "://");
  g_autofree char *scheme = NULL;
  const char *plus;

  if (scheme_end == NULL)
    return g_strdup (dsn);

  scheme = g_strndup (dsn, scheme_end - dsn);
  for (const char *p = scheme; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '.' && *p != '-')
        return g_strdup (dsn);  /* not a scheme: "://" appears later on */
    }

  plus = strchr (scheme, '+');
  if (plus != NULL)
    scheme[plus - scheme] = '\0';

  if (g_ascii_strcasecmp (scheme, "postgresql") != 0 && g_ascii_strcasecmp (scheme, "postgres") != 0)
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG,
                   _("“%s://” addresses are not supported; use a postgresql:// address"),
                   scheme);
      return NULL;
    }

  return g_strconcat ("postgresql", scheme_end, NULL);
}

static PQconninfoOption *
parse (const char  *dsn,
       GError     **error)
{
  g_autofree char *stripped = NULL;
  PQconninfoOption *options;
  char *errmsg = NULL;

  stripped = strip_driver (dsn, error);
  if (stripped == NULL)
    return NULL;

  options = PQconninfoParse (stripped, &errmsg);
  if (options != NULL)
    return options;

  if (errmsg != NULL)
    PQfreemem (errmsg);
  errmsg = NULL;

  /* libpq quotes pieces of the string in its message, maybe of the password:
   * explain the masked string instead. If only the original fails, the
   * password itself is what libpq cannot read. */
  {
    g_autofree char *masked = outlay_dsn_mask (stripped);
    PQconninfoOption *masked_options = PQconninfoParse (masked, &errmsg);

    if (masked_options != NULL)
      {
        PQconninfoFree (masked_options);
        g_set_error_literal (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG,
                             _("The password in the connection string cannot be read. "
                               "Check its quotes; in a postgresql:// address, write special "
                               "characters percent-encoded (for example %40 for @)."));
      }
    else
      {
        g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG,
                     _("The connection string is not valid: %s"),
                     errmsg != NULL ? g_strchomp (errmsg) : "");
      }
    if (errmsg != NULL)
      PQfreemem (errmsg);
  }

  return NULL;
}

static const char *
get_option (const PQconninfoOption *options,
            const char             *keyword)
{
  for (const PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (strcmp (o->keyword, keyword) == 0)
        return (o->val != NULL && o->val[0] != '\0') ? o->val : NULL;
    }
  return NULL;
}

static gboolean
is_loopback (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0 ||
         g_str_has_prefix (host, "127.") ||
         strcmp (host, "::1") == 0 ||
         strcmp (host, "[::1]") == 0;
}

/* TRUE when any of the (comma-separated) hosts is reached over a network.
 * No host at all means libpq's default Unix socket. */
static gboolean
is_remote (const PQconninfoOption *options)
{
  const char *host = get_option (options, "host");
  const char *hostaddr = get_option (options, "hostaddr");
  g_auto(GStrv) hosts = NULL;

  if (host != NULL)
    hosts = g_strsplit (host, ",", -1);
  else if (hostaddr != NULL)
    hosts = g_strsplit (hostaddr, ",", -1);
  else
    return FALSE;

  for (guint i = 0; hosts[i] != NULL; i++)
    {
      const char *h = g_strstrip (hosts[i]);

      if (h[0] == '\0' || h[0] == '/' || h[0] == '@' || is_loopback (h))
        continue;
      return TRUE;
    }

  return FALSE;
}

char *
outlay_dsn_normalize (const char  *dsn,
                      GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *stripped = NULL;
  g_autoptr(PQconninfoOption) options = NULL;

  g_return_val_if_fail (dsn != NULL, NULL);

  trimmed = g_strstrip (g_strdup (dsn));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG,
                           _("The connection string is empty"));
      return NULL;
    }

  stripped = strip_driver (trimmed, error);
  if (stripped == NULL)
    return NULL;

  options = parse (stripped, error);
  if (options == NULL)
    return NULL;

  /* Encrypt whatever leaves the machine, unless the string or PGSSLMODE
   * already says how. */
  if (get_option (options, "sslmode") == NULL && g_getenv ("PGSSLMODE") == NULL && is_remote (options))
    {
      if (!g_str_has_prefix (stripped, "postgresql://"))
        return g_strconcat (stripped, " sslmode=require", NULL);
      else if (strchr (stripped, '?') != NULL)
        return g_strconcat (stripped, "&sslmode=require", NULL);
      else
        return g_strconcat (stripped, "?sslmode=require", NULL);
    }

  return g_steal_pointer (&stripped);
}

char *
outlay_dsn_mask (const char *dsn)
{
  g_autoptr(GArray) spans = NULL;

  if (dsn == NULL)
    return NULL;

  spans = find_secrets (dsn);
  return mask_spans (dsn, spans);
}

/* For a string libpq cannot parse: the host of a URL, if one can be seen. */
static char *
guess_host (const char *dsn)
{
  const char *rest = strstr (dsn, "://");
  const char *at;
  gsize len;

  if (rest == NULL)
    return NULL;

  rest += 3;
  at = strrchr (rest, '@');
  if (at != NULL)
    rest = at + 1;

  len = strcspn (rest, ":/?,#");
  return len > 0 ? g_strndup (rest, len) : NULL;
}

char *
outlay_dsn_describe_host (const char *dsn)
{
  g_autoptr(PQconninfoOption) options = NULL;
  char *guess;

  g_return_val_if_fail (dsn != NULL, NULL);

  options = parse (dsn, NULL);
  if (options != NULL)
    {
      const char *host = get_option (options, "host");

      if (host == NULL)
        host = get_option (options, "hostaddr");
      return g_strdup (host != NULL ? host : "localhost");
    }

  guess = guess_host (dsn);
  return guess != NULL ? guess : g_strdup (_("the database server"));
}

/* Poolers are recognised by address alone: Neon's pooled endpoints have
 * "-pooler." in the host name, and 6432 is PgBouncer's customary port. A
 * pooler on any other address is taken for a direct connection. */
gboolean
outlay_dsn_is_pooler (const char *dsn)
{
  g_autoptr(PQconninfoOption) options = NULL;
  const char *host;
  const char *port;

  g_return_val_if_fail (dsn != NULL, FALSE);

  options = parse (dsn, NULL);
  if (options == NULL)
    return FALSE;

  host = get_option (options, "host");
  port = get_option (options, "port");

  if (host != NULL && strstr (host, "-pooler.") != NULL)
    return TRUE;

  if (port != NULL)
    {
      g_auto(GStrv) ports = g_strsplit (port, ",", -1);

      for (guint i = 0; ports[i] != NULL; i++)
        {
          if (strcmp (g_strstrip (ports[i]), "6432") == 0)
            return TRUE;
        }
    }

  return FALSE;
}
