/* outlay-credentials.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "outlay-credentials.h"
#include "outlay-db-error.h"
#include "outlay-dsn.h"

#define DATABASE_URL "DATABASE_URL"

static const SecretSchema connection_schema = {
  "io.github.outlay.Outlay.Connection", SECRET_SCHEMA_NONE,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The one kind stored today; the attribute leaves room for more. */
#define KIND_REMOTE "remote"

/* A double-quoted value: \" \\ \n \t escapes, as dotenv tools write them. */
static char *
unquote_double (const char *p)
{
  GString *out = g_string_new (NULL);

  for (; *p != '\0' && *p != '"'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          switch (*p)
            {
            case 'n':
              g_string_append_c (out, '\n');
              break;
            case 't':
              g_string_append_c (out, '\t');
              break;
            default:
              g_string_append_c (out, *p);
              break;
            }
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/* The value of one KEY=VALUE line: quoted ('…' literally, "…" with escapes),
 * or bare up to a " #" comment. */
static char *
parse_value (const char *value)
{
  const char *end;

  while (*value == ' ' || *value == '\t')
    value++;

  if (*value == '"')
    return unquote_double (value + 1);

  if (*value == '\'')
    {
      end = strchr (value + 1, '\'');
      return end != NULL ? g_strndup (value + 1, end - value - 1) : g_strdup (value + 1);
    }

  for (end = value; *end != '\0'; end++)
    {
      if (*end == '#' && end > value && (end[-1] == ' ' || end[-1] == '\t'))
        break;
    }

  return g_strstrip (g_strndup (value, end - value));
}

/* DATABASE_URL from the text of a .env file; the last one wins. */
static char *
parse_dotenv (const char *contents)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  char *found = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      const char *eq;
      g_autofree char *key = NULL;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (g_str_has_prefix (line, "export ") || g_str_has_prefix (line, "export\t"))
        line = g_strchug (line + strlen ("export"));

      eq = strchr (line, '=');
      if (eq == NULL)
        continue;

      key = g_strstrip (g_strndup (line, eq - line));
      if (strcmp (key, DATABASE_URL) != 0)
        continue;

      g_free (found);
      found = parse_value (eq + 1);
    }

  if (found != NULL && found[0] == '\0')
    g_clear_pointer (&found, g_free);

  return found;
}

/* DATABASE_URL from ./.env. A file others can read is refused rather than
 * used: the password in it is as good as published. */
static gboolean
read_dotenv (char    **out_dsn,
             GError  **error)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = g_build_filename (cwd, ".env", NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *contents = NULL;
  struct stat st;
  int fd;

  *out_dsn = NULL;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        return TRUE;
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG,
                   _("Could not read %s: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  /* Checked on the open file, so it cannot change in between. */
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return TRUE;
    }

  if ((st.st_mode & 077) != 0)
    {
      close (fd);
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG,
                   _("%s is readable by other users; run chmod 600 .env"), path);
      return FALSE;
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, error);
  close (fd);
  if (mapped == NULL)
    return FALSE;

  if (g_mapped_file_get_length (mapped) == 0)
    return TRUE;

  contents = g_strndup (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  *out_dsn = parse_dotenv (contents);
  return TRUE;
}

/* Without a Secret Service on the bus (no desktop session, a bare
 * container) nothing can have been stored there: that is not an error. */
static gboolean
is_no_secret_service (const GError *error)
{
  return error->domain == G_DBUS_ERROR ||
         (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED);
}

static char *
read_keyring (GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *dsn;

  dsn = secret_password_lookup_sync (&connection_schema, cancellable, &local_error,
                                     "kind", KIND_REMOTE,
                                     NULL);
  if (local_error == NULL)
    return dsn;

  if (is_no_secret_service (local_error))
    g_debug ("No keyring to look in: %s", local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

char *
outlay_credentials_lookup (OutlayCredentialSource  *out_source,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  const char *env = g_getenv (DATABASE_URL);
  char *dsn = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (out_source != NULL, NULL);

  *out_source = OUTLAY_CREDENTIAL_SOURCE_LOCAL;

  if (env != NULL && env[0] != '\0')
    {
      *out_source = OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT;
      return g_strdup (env);
    }

  if (!read_dotenv (&dsn, error))
    return NULL;
  if (dsn != NULL)
    {
      *out_source = OUTLAY_CREDENTIAL_SOURCE_DOTENV;
      return dsn;
    }

  dsn = read_keyring (cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (dsn != NULL)
    {
      /* Handed out in ordinary memory from here on. */
      char *copy = g_strdup (dsn);

      secret_password_free (dsn);
      *out_source = OUTLAY_CREDENTIAL_SOURCE_KEYRING;
      return copy;
    }

  return NULL;
}

gboolean
outlay_credentials_store (const char    *dsn,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *host = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (dsn != NULL, FALSE);

  /* Only what can be connected to is worth keeping. */
  normalized = outlay_dsn_normalize (dsn, error);
  if (normalized == NULL)
    return FALSE;

  host = outlay_dsn_describe_host (dsn);
  label = g_strdup_printf (_("Outlay database at %s"), host);

  if (!secret_password_store_sync (&connection_schema, SECRET_COLLECTION_DEFAULT, label, dsn,
                                   cancellable, &local_error,
                                   "kind", KIND_REMOTE,
                                   NULL))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Could not save the connection in the keyring: "));
      return FALSE;
    }

  return TRUE;
}

gboolean
outlay_credentials_clear (GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* FALSE without an error only means nothing was stored; so does having
   * no keyring at all. */
  secret_password_clear_sync (&connection_schema, cancellable, &local_error,
                              "kind", KIND_REMOTE,
                              NULL);
  if (local_error != NULL && !is_no_secret_service (local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Could not remove the connection from the keyring: "));
      return FALSE;
    }

  return TRUE;
}

const char *
outlay_credential_source_to_string (OutlayCredentialSource source)
{
  switch (source)
    {
    case OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT:
      return "environment";
    case OUTLAY_CREDENTIAL_SOURCE_DOTENV:
      return "dotenv";
    case OUTLAY_CREDENTIAL_SOURCE_KEYRING:
      return "keyring";
    case OUTLAY_CREDENTIAL_SOURCE_LOCAL:
      return "local";
    default:
      g_return_val_if_reached (NULL);
    }
}
