/* outlay-db-exec.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "outlay-db-error.h"
#include "outlay-db-exec.h"
#include "outlay-dsn.h"
#include "outlay-error.h"

typedef enum
{
  ECHO_UNSET,  /* zero, for g_once_init_enter() */
  ECHO_OFF,
  ECHO_STATEMENTS,
  ECHO_VALUES,
} EchoMode;

/* OUTLAY_DB_ECHO is read once: the environment is not safe to read while
 * another thread may change it. */
static EchoMode
get_echo_env (void)
{
  static gsize mode = 0;

  if (g_once_init_enter (&mode))
    {
      const char *env = g_getenv ("OUTLAY_DB_ECHO");
      EchoMode m = ECHO_OFF;

      if (env != NULL && g_strcmp0 (env, "values") == 0)
        m = ECHO_VALUES;
      else if (env != NULL && env[0] != '\0' && g_strcmp0 (env, "0") != 0)
        m = ECHO_STATEMENTS;

      g_once_init_leave (&mode, m);
    }

  return (EchoMode) mode;
}

/* Statements on one line, so the log stays greppable. */
static void
append_squeezed (GString    *out,
                 const char *sql)
{
  gboolean space = FALSE;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
}

void
outlay_db_log_statement (const char         *sql,
                         int                 n_params,
                         const char * const *params)
{
  EchoMode mode = get_echo_env ();
  g_autoptr(GString) line = NULL;

  /* OUTLAY_DB_ECHO is a request to see the statements, so it logs at a level
   * that is shown without G_MESSAGES_DEBUG. */
  if (mode == ECHO_OFF && g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;

  line = g_string_new (NULL);
  append_squeezed (line, sql);

  if (n_params > 0 && mode == ECHO_VALUES)
    {
      g_string_append (line, " [");
      for (int i = 0; i < n_params; i++)
        {
          if (i > 0)
            g_string_append (line, ", ");
          if (params[i] == NULL)
            g_string_append_printf (line, "$%d=NULL", i + 1);
          else
            g_string_append_printf (line, "$%d='%s'", i + 1, params[i]);
        }
      g_string_append (line, "]");
    }
  else if (n_params > 0)
    {
      g_string_append_printf (line, " [%d parameters]", n_params);
    }

  g_log (G_LOG_DOMAIN, mode == ECHO_OFF ? G_LOG_LEVEL_DEBUG : G_LOG_LEVEL_MESSAGE, "%s", line->str);
}

static gboolean
result_ok (PGresult *result)
{
  switch (PQresultStatus (result))
    {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
      return TRUE;

    case PGRES_EMPTY_QUERY:
    case PGRES_BAD_RESPONSE:
    case PGRES_NONFATAL_ERROR:
    case PGRES_FATAL_ERROR:
    case PGRES_COPY_BOTH:
    case PGRES_SINGLE_TUPLE:
    case PGRES_PIPELINE_SYNC:
    case PGRES_PIPELINE_ABORTED:
    default:
      return FALSE;
    }
}

static char *
describe_host (PGconn *conn)
{
  const char *host = conn != NULL ? PQhost (conn) : NULL;

  return g_strdup (host != NULL && host[0] != '\0' ? host : "localhost");
}

static const char *
get_user (PGconn *conn)
{
  const char *user = conn != NULL ? PQuser (conn) : NULL;

  return user != NULL ? user : "";
}

/* Replaces what libpq or the server said of the password, should it ever
 * repeat it, and trims the trailing newline. */
static char *
scrub (PGconn     *conn,
       const char *text)
{
  const char *password = conn != NULL ? PQpass (conn) : NULL;
  g_autoptr(GString) out = g_string_new (text != NULL ? text : "");

  if (password != NULL && password[0] != '\0')
    g_string_replace (out, password, "***", 0);

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
mentions_delete (const char *sql)
{
  return sql != NULL && g_regex_match_simple ("\\bdelete\\b", sql, G_REGEX_CASELESS, 0);
}

/* The value in a unique-violation detail: Key (lower(name))=(food) already exists. */
static char *
get_key_value (const char *detail)
{
  const char *start;
  const char *end;

  if (detail == NULL || (start = strstr (detail, ")=(")) == NULL)
    return NULL;
  start += 3;
  end = strrchr (start, ')');
  return end != NULL ? g_strndup (start, end - start) : NULL;
}

static void
set_error_from_sqlstate (GError     **error,
                         PGconn      *conn,
                         PGresult    *result,
                         const char  *sql)
{
  const char *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *table = result != NULL ? PQresultErrorField (result, PG_DIAG_TABLE_NAME) : NULL;
  const char *constraint = result != NULL ? PQresultErrorField (result, PG_DIAG_CONSTRAINT_NAME) : NULL;
  g_autofree char *message = NULL;
  g_autofree char *host = describe_host (conn);

  if (primary != NULL)
    message = scrub (conn, primary);
  else
    message = scrub (conn, result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (conn));

  /* No SQLSTATE: libpq itself failed, usually because the server went away. */
  if (sqlstate == NULL || strlen (sqlstate) != 5)
    {
      if (conn == NULL || PQstatus (conn) == CONNECTION_BAD)
        g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECTION_LOST,
                     _("The connection to the database at %s was lost: %s"), host, message);
      else
        g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_QUERY,
                     _("The database failed: %s"), message);
      return;
    }

  if (strcmp (sqlstate, "23505") == 0)
    {
      g_autofree char *value = get_key_value (result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL) : NULL);

      if (g_strcmp0 (table, "categories") == 0 && value != NULL)
        g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE,
                     _("A category named “%s” already exists"), value);
      else if (g_strcmp0 (table, "categories") == 0)
        g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE,
                             _("A category with that name already exists"));
      else
        g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_DUPLICATE,
                     _("This already exists: %s"), message);
    }
  else if (strcmp (sqlstate, "23503") == 0)
    {
      /* The server names the referencing table both ways, so the statement
       * tells a delete of a used category from a write naming a missing one. */
      if (mentions_delete (sql) || (sql == NULL && g_str_has_prefix (message, "update or delete")))
        g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_IN_USE,
                             _("The category still has expenses; move them to another category first"));
      else
        g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING,
                             _("The category does not exist"));
    }
  else if (strcmp (sqlstate, "23514") == 0)
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                   _("The database refused a value (%s)"),
                   constraint != NULL ? constraint : message);
    }
  else if (g_str_has_prefix (sqlstate, "22"))
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                   _("Invalid value: %s"), message);
    }
  else if (g_str_has_prefix (sqlstate, "08") ||
           strcmp (sqlstate, "57P01") == 0 ||
           strcmp (sqlstate, "57P02") == 0 ||
           strcmp (sqlstate, "57P03") == 0)
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECTION_LOST,
                   _("The connection to the database at %s was lost: %s"), host, message);
    }
  else if (strcmp (sqlstate, "40001") == 0 || strcmp (sqlstate, "40P01") == 0)
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERIALIZATION,
                   _("The database could not apply concurrent changes: %s"), message);
    }
  else if (strcmp (sqlstate, "28P01") == 0)
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_AUTH,
                   _("The database refused the password for user “%s”"), get_user (conn));
    }
  else if (g_str_has_prefix (sqlstate, "28"))
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_AUTH,
                   _("The database at %s refused user “%s”: %s"), host, get_user (conn), message);
    }
  else if (strcmp (sqlstate, "3D000") == 0)
    {
      const char *db = conn != NULL ? PQdb (conn) : NULL;

      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_NO_DATABASE,
                   _("There is no database named “%s” on %s"), db != NULL ? db : "", host);
    }
  else
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_QUERY,
                   _("The database failed: %s"), message);
    }
}

void
outlay_db_set_error_from_result (GError   **error,
                                 PGconn    *conn,
                                 PGresult  *result)
{
  set_error_from_sqlstate (error, conn, result, NULL);
}

PGresult *
outlay_db_exec (PGconn              *conn,
                const char          *sql,
                int                  n_params,
                const char * const  *params,
                GError             **error)
{
  PGresult *result;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (n_params == 0 || params != NULL, NULL);

  outlay_db_log_statement (sql, n_params, params);

  result = PQexecParams (conn, sql, n_params, NULL, (const char * const *) params, NULL, NULL, 0);
  if (result != NULL && result_ok (result))
    return result;

  set_error_from_sqlstate (error, conn, result, sql);
  PQclear (result);
  return NULL;
}

gboolean
outlay_db_exec_simple (PGconn      *conn,
                       const char  *sql,
                       GError     **error)
{
  PGresult *result;
  gboolean ok;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  outlay_db_log_statement (sql, 0, NULL);

  /* The simple protocol, so a migration may hold several statements. */
  result = PQexec (conn, sql);
  ok = result != NULL && result_ok (result);
  if (!ok)
    set_error_from_sqlstate (error, conn, result, sql);

  PQclear (result);
  return ok;
}

/* The SQLSTATE of a server error during connection. Connections are opened
 * with verbose errors ("FATAL:  28P01: password authentication failed…"), the
 * only place libpq reports it for a connection that never completed. */
static char *
find_connect_sqlstate (const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new (":  ([0-9A-Z]{5}): ", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (regex != NULL && g_regex_match (regex, message, 0, &match))
    return g_match_info_fetch (match, 1);

  return NULL;
}

/* libpq's first line, less its "connection to server at … failed:" and
 * "FATAL:  XXXXX:" prefixes: "connection refused". */
static char *
get_connect_reason (const char *message)
{
  g_autofree char *first_line = g_strndup (message, strcspn (message, "\n"));
  const char *reason = first_line;
  const char *p;
  char *out;

  if ((p = g_strrstr (reason, "failed: ")) != NULL)
    reason = p + strlen ("failed: ");
  if ((p = strstr (reason, ":  ")) != NULL)
    reason = p + 3;
  if (g_ascii_isdigit (reason[0]) && strlen (reason) > 7 && reason[5] == ':' && reason[6] == ' ')
    reason += 7;

  out = g_strdup (reason[0] != '\0' ? reason : first_line);
  if (g_str_has_suffix (out, "."))
    out[strlen (out) - 1] = '\0';
  if (out[0] != '\0' && g_ascii_isupper (out[0]) && !g_ascii_isupper (out[1]))
    out[0] = g_ascii_tolower (out[0]);
  return out;
}

void
outlay_db_set_error_from_connection (GError     **error,
                                     PGconn      *conn,
                                     const char  *dsn)
{
  g_autofree char *message = scrub (conn, conn != NULL ? PQerrorMessage (conn) : "");
  g_autofree char *sqlstate = find_connect_sqlstate (message);
  g_autofree char *reason = get_connect_reason (message);
  g_autofree char *host = dsn != NULL ? outlay_dsn_describe_host (dsn) : describe_host (conn);

  if (sqlstate != NULL && strcmp (sqlstate, "28P01") == 0)
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_AUTH,
                   _("The database refused the password for user “%s”"), get_user (conn));
    }
  else if (conn != NULL && PQconnectionNeedsPassword (conn))
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_AUTH,
                   _("The database at %s needs a password for user “%s”"), host, get_user (conn));
    }
  else if (sqlstate != NULL && (g_str_has_prefix (sqlstate, "28") || strcmp (sqlstate, "42501") == 0))
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_AUTH,
                   _("The database at %s refused user “%s”: %s"), host, get_user (conn), reason);
    }
  else if (sqlstate != NULL && strcmp (sqlstate, "3D000") == 0)
    {
      const char *db = conn != NULL ? PQdb (conn) : NULL;

      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_NO_DATABASE,
                   _("There is no database named “%s” on %s"), db != NULL ? db : "", host);
    }
  else if (host[0] == '/')
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT,
                   _("Could not connect to the database at %s: %s."), host, reason);
    }
  else
    {
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECT,
                   _("Could not connect to the database at %s: %s. "
                     "Check DATABASE_URL and that the project is running."),
                   host, reason);
    }
}

/* Whether @haystack, lower-cased, holds any of @needles. */
static gboolean
mentions_any (const char         *haystack,
              const char * const *needles,
              gsize               n_needles)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);

  for (gsize i = 0; i < n_needles; i++)
    {
      if (strstr (lower, needles[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

gboolean
outlay_db_connect_failure_is_transient (PGconn   *conn,
                                        gboolean  negotiating)
{
  /* PgBouncer reports every refusal as 08P01 and Neon's proxy as XX000, so
   * for those the words tell a passing condition from a lasting one. */
  static const char * const passing[] = {
    "cannot connect to server", "try again", "timeout", "no more connections",
    "server conn crashed", "shutting down", "compute node", "connect to compute",
    "wake", "waking", "permit",
  };
  /* libpq's own refusals of the options, and names DNS says do not exist
   * (in English only: translated, they are retried as before). */
  static const char * const lasting[] = {
    "invalid ", "name or service not known", "no address associated with hostname",
    "nodename nor servname", "definition of service",
  };
  const char *message;
  g_autofree char *sqlstate = NULL;

  g_return_val_if_fail (conn != NULL, FALSE);

  if (PQconnectionNeedsPassword (conn))
    return FALSE;

  message = PQerrorMessage (conn);
  sqlstate = find_connect_sqlstate (message);

  /* The server, or a proxy, answered and said why. */
  if (sqlstate != NULL)
    {
      if (g_str_has_prefix (sqlstate, "53") ||         /* too many clients, out of memory */
          strcmp (sqlstate, "57P01") == 0 ||            /* shut down meanwhile */
          strcmp (sqlstate, "57P02") == 0 ||
          strcmp (sqlstate, "57P03") == 0 ||            /* starting up, in recovery */
          strcmp (sqlstate, "08001") == 0 ||
          strcmp (sqlstate, "08006") == 0)
        return TRUE;

      if (g_str_has_prefix (sqlstate, "08") || strcmp (sqlstate, "XX000") == 0)
        return mentions_any (message, passing, G_N_ELEMENTS (passing));

      return FALSE;
    }

  /* Certificates and protocols do not change by waiting. */
  if (negotiating)
    return FALSE;

  /* Refused, unreachable, timed out, a temporary DNS failure, the server
   * hanging up: all may pass. */
  return !mentions_any (message, lasting, G_N_ELEMENTS (lasting));
}

gboolean
outlay_db_error_is_retryable (const GError *error)
{
  return g_error_matches (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONNECTION_LOST) ||
         g_error_matches (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERIALIZATION);
}
