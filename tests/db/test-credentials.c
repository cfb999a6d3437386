/* test-credentials.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "outlay-credentials.h"
#include "outlay-db-error.h"
#include "outlay-test-db.h"
#include "outlay-test-keyring.h"

#define ENV_DSN    "postgresql://env@db.example.com/books"
#define DOTENV_DSN "postgresql://alice:S3cr3tPw@db.example.com/books"

typedef struct
{
  char *dir;
  char *old_cwd;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = outlay_test_make_tmp_dir ();
  fixture->old_cwd = g_get_current_dir ();
  g_assert_cmpint (g_chdir (fixture->dir), ==, 0);
  g_unsetenv ("DATABASE_URL");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_cmpint (g_chdir (fixture->old_cwd), ==, 0);
  g_unsetenv ("DATABASE_URL");
  g_free (fixture->dir);
  g_free (fixture->old_cwd);
}

static void
write_dotenv (const char *contents,
              int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (".env", contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (".env", mode), ==, 0);
}

static char *
lookup (OutlayCredentialSource *out_source)
{
  g_autoptr(GError) error = NULL;
  char *dsn = outlay_credentials_lookup (out_source, NULL, &error);

  g_assert_no_error (error);
  return dsn;
}

/* No variable, no .env and no Secret Service on the bus (see main()): the
 * embedded server. */
static void
test_nothing_configured (Fixture       *fixture,
                         gconstpointer  user_data)
{
  OutlayCredentialSource source = OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT;
  g_autofree char *dsn = lookup (&source);

  g_assert_null (dsn);
  g_assert_cmpint (source, ==, OUTLAY_CREDENTIAL_SOURCE_LOCAL);
  g_assert_cmpstr (outlay_credential_source_to_string (source), ==, "local");

  /* Clearing what could not have been stored is no failure either. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (outlay_credentials_clear (NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_environment_wins (Fixture       *fixture,
                       gconstpointer  user_data)
{
  OutlayCredentialSource source;
  g_autofree char *dsn = NULL;

  write_dotenv ("DATABASE_URL=" DOTENV_DSN "\n", 0600);
  g_setenv ("DATABASE_URL", ENV_DSN, TRUE);

  dsn = lookup (&source);
  g_assert_cmpstr (dsn, ==, ENV_DSN);
  g_assert_cmpint (source, ==, OUTLAY_CREDENTIAL_SOURCE_ENVIRONMENT);

  /* Even a .env others can read is not looked at then. */
  g_clear_pointer (&dsn, g_free);
  g_assert_cmpint (g_chmod (".env", 0644), ==, 0);
  dsn = lookup (&source);
  g_assert_cmpstr (dsn, ==, ENV_DSN);
}

static void
assert_dotenv_gives (const char *contents,
                     const char *expected)
{
  OutlayCredentialSource source = OUTLAY_CREDENTIAL_SOURCE_LOCAL;
  g_autofree char *dsn = NULL;

  write_dotenv (contents, 0600);
  dsn = lookup (&source);
  g_assert_cmpstr (dsn, ==, expected);
  g_assert_cmpint (source, ==, expected != NULL ? OUTLAY_CREDENTIAL_SOURCE_DOTENV : OUTLAY_CREDENTIAL_SOURCE_LOCAL);
}

static void
test_dotenv (Fixture       *fixture,
             gconstpointer  user_data)
{
  assert_dotenv_gives ("DATABASE_URL=" DOTENV_DSN "\n", DOTENV_DSN);
  assert_dotenv_gives ("# Outlay\n\nOTHER=1\nexport DATABASE_URL = \"" DOTENV_DSN "\"\n", DOTENV_DSN);
  assert_dotenv_gives ("DATABASE_URL='" DOTENV_DSN "'  # the books\r\n", DOTENV_DSN);
  assert_dotenv_gives ("DATABASE_URL=" DOTENV_DSN " # the books", DOTENV_DSN);
  assert_dotenv_gives ("DATABASE_URL=\"host=db.example.com password=\\\"a#b\\\"\"", "host=db.example.com password=\"a#b\"");
  assert_dotenv_gives ("DATABASE_URL=first\nDATABASE_URL=" DOTENV_DSN, DOTENV_DSN);
  /* Present but empty, commented out, or another name: not configured. */
  assert_dotenv_gives ("DATABASE_URL=\n", NULL);
  assert_dotenv_gives ("# DATABASE_URL=" DOTENV_DSN "\n", NULL);
  assert_dotenv_gives ("MY_DATABASE_URL=" DOTENV_DSN "\n", NULL);
  assert_dotenv_gives ("", NULL);
}

static void
test_dotenv_unsafe (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const int modes[] = { 0644, 0640, 0604, 0660 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      OutlayCredentialSource source;
      g_autoptr(GError) error = NULL;
      g_autofree char *dsn = NULL;

      write_dotenv ("DATABASE_URL=" DOTENV_DSN "\n", modes[i]);
      dsn = outlay_credentials_lookup (&source, NULL, &error);
      g_assert_null (dsn);
      g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG);
      g_assert_true (g_str_has_suffix (error->message, "/.env is readable by other users; run chmod 600 .env"));
      g_assert_null (strstr (error->message, "S3cr3tPw"));
    }

  assert_dotenv_gives ("DATABASE_URL=" DOTENV_DSN "\n", DOTENV_DSN);
}

/* In a D-Bus session of its own with an empty, unlocked keyring, in a new
 * working folder without DATABASE_URL (tests/support/outlay-test-keyring.h). */
static void
test_keyring (void)
{
  OutlayCredentialSource source;
  g_autoptr(GError) error = NULL;
  g_autofree char *dsn = NULL;

  dsn = lookup (&source);
  g_assert_null (dsn);
  g_assert_cmpint (source, ==, OUTLAY_CREDENTIAL_SOURCE_LOCAL);

  outlay_credentials_store (DOTENV_DSN, NULL, &error);
  g_assert_no_error (error);

  dsn = lookup (&source);
  g_assert_cmpstr (dsn, ==, DOTENV_DSN);
  g_assert_cmpint (source, ==, OUTLAY_CREDENTIAL_SOURCE_KEYRING);
  g_clear_pointer (&dsn, g_free);

  /* .env comes before the keyring. */
  write_dotenv ("DATABASE_URL=" ENV_DSN "\n", 0600);
  dsn = lookup (&source);
  g_assert_cmpint (source, ==, OUTLAY_CREDENTIAL_SOURCE_DOTENV);
  g_clear_pointer (&dsn, g_free);
  g_assert_cmpint (g_unlink (".env"), ==, 0);

  /* Only a usable string is kept. */
  g_assert_false (outlay_credentials_store ("mysql://nope", NULL, &error));
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG);
  g_clear_error (&error);
  dsn = lookup (&source);
  g_assert_cmpstr (dsn, ==, DOTENV_DSN);
  g_clear_pointer (&dsn, g_free);

  outlay_credentials_clear (NULL, &error);
  g_assert_no_error (error);
  dsn = lookup (&source);
  g_assert_null (dsn);
  g_assert_cmpint (source, ==, OUTLAY_CREDENTIAL_SOURCE_LOCAL);
}

int
main (int   argc,
      char *argv[])
{
  /* Outside the keyring test, no Secret Service is reachable. */
  if (!outlay_test_keyring_is_inner ())
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/outlay-test-bus", TRUE);
      g_unsetenv ("DISPLAY");
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/outlay/credentials/nothing-configured", Fixture, NULL,
              fixture_set_up, test_nothing_configured, fixture_tear_down);
  g_test_add ("/outlay/credentials/environment-wins", Fixture, NULL,
              fixture_set_up, test_environment_wins, fixture_tear_down);
  g_test_add ("/outlay/credentials/dotenv", Fixture, NULL,
              fixture_set_up, test_dotenv, fixture_tear_down);
  g_test_add ("/outlay/credentials/dotenv-unsafe", Fixture, NULL,
              fixture_set_up, test_dotenv_unsafe, fixture_tear_down);
  outlay_test_keyring_add_func ("/outlay/credentials/keyring", test_keyring);

  return g_test_run ();
}
