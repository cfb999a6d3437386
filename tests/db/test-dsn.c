/* test-dsn.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "outlay-db-error.h"
#include "outlay-dsn.h"

#define PASSWORD "S3cr3tPw"

static void
assert_normalizes_to (const char *dsn,
                      const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = outlay_dsn_normalize (dsn, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, expected);
}

static void
test_normalize_url (void)
{
  /* Remote hosts get TLS. */
  assert_normalizes_to ("postgresql://alice:" PASSWORD "@db.example.neon.tech/books",
                        "postgresql://alice:" PASSWORD "@db.example.neon.tech/books?sslmode=require");
  assert_normalizes_to ("postgresql://alice@db.example.neon.tech/books?application_name=x",
                        "postgresql://alice@db.example.neon.tech/books?application_name=x&sslmode=require");
  assert_normalizes_to ("  postgres://db.example.com/books\n",
                        "postgresql://db.example.com/books?sslmode=require");

  /* The source spec's SQLAlchemy form. */
  assert_normalizes_to ("postgresql+psycopg2://alice:" PASSWORD "@localhost:5432/books",
                        "postgresql://alice:" PASSWORD "@localhost:5432/books");
  assert_normalizes_to ("postgres+asyncpg://db.example.com/books",
                        "postgresql://db.example.com/books?sslmode=require");

  /* An explicit sslmode is kept, whatever it says. */
  assert_normalizes_to ("postgresql://db.example.com/books?sslmode=verify-full&sslrootcert=/ca.crt",
                        "postgresql://db.example.com/books?sslmode=verify-full&sslrootcert=/ca.crt");
  assert_normalizes_to ("postgresql://db.example.com/books?sslmode=disable",
                        "postgresql://db.example.com/books?sslmode=disable");

  /* Loopback and sockets need no TLS. */
  assert_normalizes_to ("postgresql://127.0.0.1:5433/books", "postgresql://127.0.0.1:5433/books");
  assert_normalizes_to ("postgresql://[::1]/books", "postgresql://[::1]/books");
  assert_normalizes_to ("postgresql:///books?host=/run/outlay", "postgresql:///books?host=/run/outlay");

  /* One remote host among several is enough. */
  assert_normalizes_to ("postgresql://localhost,db.example.com/books",
                        "postgresql://localhost,db.example.com/books?sslmode=require");
}

static void
test_normalize_keyword_value (void)
{
  assert_normalizes_to ("host=db.example.com dbname=books user=alice password=" PASSWORD,
                        "host=db.example.com dbname=books user=alice password=" PASSWORD " sslmode=require");
  assert_normalizes_to ("hostaddr=10.1.2.3 dbname=books",
                        "hostaddr=10.1.2.3 dbname=books sslmode=require");
  assert_normalizes_to ("host=db.example.com sslmode=prefer", "host=db.example.com sslmode=prefer");
  assert_normalizes_to ("host=/run/user/1000/outlay port=5432 dbname=outlay",
                        "host=/run/user/1000/outlay port=5432 dbname=outlay");
  assert_normalizes_to ("host=localhost dbname=books", "host=localhost dbname=books");
  assert_normalizes_to ("dbname=books", "dbname=books");
}

static void
assert_config_error (const char *dsn,
                     const char *expected_fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = outlay_dsn_normalize (dsn, &error);

  g_assert_null (normalized);
  g_assert_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, PASSWORD));
  if (expected_fragment != NULL)
    g_assert_nonnull (strstr (error->message, expected_fragment));
}

static void
test_normalize_errors (void)
{
  assert_config_error ("", "empty");
  assert_config_error ("   ", "empty");
  assert_config_error ("mysql://alice:" PASSWORD "@db.example.com/books", "mysql://");
  assert_config_error ("host=db.example.com colour=blue password=" PASSWORD, "colour");
  assert_config_error ("postgresql://db.example.com/books?colour=blue", "colour");
  assert_config_error ("postgresql://alice:" PASSWORD "@db.example.com/books?sslmode", "sslmode");
  /* libpq quotes what it cannot read: here, part of the password. */
  assert_config_error ("postgresql://alice:" PASSWORD "%zz@db.example.com/books", "password");
  assert_config_error ("host=db.example.com password='" PASSWORD, NULL);
  assert_config_error ("alice:" PASSWORD "@db.example.com", NULL);
}

static void
assert_masks_to (const char *dsn,
                 const char *expected)
{
  g_autofree char *masked = outlay_dsn_mask (dsn);

  g_assert_cmpstr (masked, ==, expected);
}

static void
test_mask (void)
{
  assert_masks_to ("postgresql://alice:" PASSWORD "@db.example.com/books",
                   "postgresql://alice:***@db.example.com/books");
  assert_masks_to ("postgresql+psycopg2://alice:" PASSWORD "@db.example.com:5432/books?sslmode=require",
                   "postgresql+psycopg2://alice:***@db.example.com:5432/books?sslmode=require");
  assert_masks_to ("postgresql://alice@db.example.com/books?password=" PASSWORD "&sslmode=require",
                   "postgresql://alice@db.example.com/books?password=***&sslmode=require");
  assert_masks_to ("host=db.example.com password=" PASSWORD " dbname=books",
                   "host=db.example.com password=*** dbname=books");
  assert_masks_to ("host=db.example.com password = 'two " PASSWORD " words' dbname=books",
                   "host=db.example.com password = *** dbname=books");
  assert_masks_to ("host=db.example.com sslpassword=" PASSWORD,
                   "host=db.example.com sslpassword=***");

  /* Nothing to hide. */
  assert_masks_to ("postgresql://alice@db.example.com/books", "postgresql://alice@db.example.com/books");
  assert_masks_to ("host=/run/outlay user=password dbname=outlay", "host=/run/outlay user=password dbname=outlay");
  assert_masks_to ("", "");
  g_assert_null (outlay_dsn_mask (NULL));

  /* Malformed: an '@' or '/' inside the password, an unterminated quote. */
  assert_masks_to ("postgresql://alice:p@ss/" PASSWORD "@db.example.com/books",
                   "postgresql://alice:***@db.example.com/books");
  assert_masks_to ("host=db.example.com password='" PASSWORD " dbname=books",
                   "host=db.example.com password=***");
  assert_masks_to ("alice:" PASSWORD "@db.example.com", "alice:***@db.example.com");
}

/* Whatever comes in, the password never comes out. */
static void
test_password_never_shown (void)
{
  static const char * const dsns[] = {
    "postgresql://alice:" PASSWORD "@db.example.com/books",
    "postgresql+psycopg2://alice:" PASSWORD "@db.example.com/books",
    "postgresql://alice:" PASSWORD "@db.example.com:bad/books",
    "postgresql://alice:" PASSWORD "%@db.example.com/books",
    "postgresql://alice:" PASSWORD "@/books",
    "postgres://alice:" PASSWORD "@@@",
    "postgresql://db.example.com/books?password=" PASSWORD,
    "postgresql://db.example.com/books?password=" PASSWORD "&bogus=1",
    "host=db.example.com password=" PASSWORD,
    "host=db.example.com password=" PASSWORD " bogus=1",
    "host=db.example.com password='" PASSWORD "' bogus",
    "host=db.example.com password='" PASSWORD,
    "password=" PASSWORD,
    "alice:" PASSWORD "@db.example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dsns); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *masked = outlay_dsn_mask (dsns[i]);
      g_autofree char *host = outlay_dsn_describe_host (dsns[i]);
      g_autofree char *normalized = outlay_dsn_normalize (dsns[i], &error);

      g_assert_null (strstr (masked, PASSWORD));
      g_assert_nonnull (strstr (masked, "***"));
      g_assert_null (strstr (host, PASSWORD));
      if (error != NULL)
        g_assert_null (strstr (error->message, PASSWORD));
    }
}

static void
assert_host (const char *dsn,
             const char *expected)
{
  g_autofree char *host = outlay_dsn_describe_host (dsn);

  g_assert_cmpstr (host, ==, expected);
}

static void
test_describe_host (void)
{
  assert_host ("postgresql://alice:" PASSWORD "@db.example.neon.tech/books", "db.example.neon.tech");
  assert_host ("postgresql+psycopg2://alice@db.example.com:5433/books", "db.example.com");
  assert_host ("host=/run/user/1000/outlay port=5432 dbname=outlay", "/run/user/1000/outlay");
  assert_host ("hostaddr=10.1.2.3", "10.1.2.3");
  assert_host ("dbname=books", "localhost");
  /* Not valid, but the host can still be named. */
  assert_host ("postgresql://alice:" PASSWORD "@db.example.com:notaport/books", "db.example.com");

  {
    g_autofree char *host = outlay_dsn_describe_host ("nonsense");

    g_assert_cmpstr (host, !=, "");
  }
}

static void
test_is_pooler (void)
{
  g_assert_true (outlay_dsn_is_pooler ("postgresql://alice@ep-cool-dew-123-pooler.eu-central-1.aws.neon.tech/books"));
  g_assert_true (outlay_dsn_is_pooler ("host=db.example.com port=6432 dbname=books"));
  g_assert_true (outlay_dsn_is_pooler ("postgresql://db.example.com:6432/books"));
  g_assert_false (outlay_dsn_is_pooler ("postgresql://alice@ep-cool-dew-123.eu-central-1.aws.neon.tech/books"));
  g_assert_false (outlay_dsn_is_pooler ("host=/run/outlay port=5432 dbname=outlay"));
  g_assert_false (outlay_dsn_is_pooler ("not a dsn"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* It would decide the TLS mode instead of Outlay. */
  g_unsetenv ("PGSSLMODE");

  g_test_add_func ("/outlay/dsn/normalize/url", test_normalize_url);
  g_test_add_func ("/outlay/dsn/normalize/keyword-value", test_normalize_keyword_value);
  g_test_add_func ("/outlay/dsn/normalize/errors", test_normalize_errors);
  g_test_add_func ("/outlay/dsn/mask", test_mask);
  g_test_add_func ("/outlay/dsn/password-never-shown", test_password_never_shown);
  g_test_add_func ("/outlay/dsn/describe-host", test_describe_host);
  g_test_add_func ("/outlay/dsn/is-pooler", test_is_pooler);

  return g_test_run ();
}
