/* test-money.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <monetary.h>

#include "outlay-core.h"

#include "core-test-utils.h"

/* Marks an untouched output. */
#define UNSET G_GINT64_CONSTANT (-424242)

typedef struct
{
  const char *text;
  gint64 minor;
} Good;

typedef struct
{
  const char *text;
  const char *message;  /* NULL: only the code is checked */
} Bad;

static void
assert_parses (const char *text,
               gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = UNSET;

  g_test_message ("parsing “%s”", text);
  g_assert_true (outlay_money_parse (text, &minor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, expected);
}

static void
assert_refuses (const char *text,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = UNSET;

  g_test_message ("refusing “%s”", text);
  g_assert_false (outlay_money_parse (text, &minor, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (minor, ==, UNSET);
}

static void
check_all (const Good *good,
           gsize       n_good,
           const Bad  *bad,
           gsize       n_bad)
{
  gsize i;

  for (i = 0; i < n_good; i++)
    assert_parses (good[i].text, good[i].minor);

  for (i = 0; i < n_bad; i++)
    assert_refuses (bad[i].text, bad[i].message);
}

static void
test_parse_c (void)
{
  static const Good good[] = {
    { "12", 1200 },
    { "12.5", 1250 },
    { "12.50", 1250 },
    { "0.01", 1 },
    { ".5", 50 },
    { "12.", 1200 },
    { "007", 700 },
    { "  12.50\t", 1250 },
    { "\u00a012.50\u202f", 1250 },
    { "1,234.50", 123450 },
    { "1,000,000", 100000000 },
    { "1 234.50", 123450 },
    { "1\u00a0234.50", 123450 },
    { "1\u202f234\u202f567.89", 123456789 },
    { "$12.50", 1250 },
    { "$ 12.50", 1250 },
    { "12.50 €", 1250 },
    { "€12", 1200 },
    { "£3", 300 },
    { "¥5", 500 },
    { "999999999999.99", OUTLAY_MONEY_MAX },
    { "999,999,999,999.99", OUTLAY_MONEY_MAX },
    { "000000000000000000000000001", 100 },
  };
  static const Bad bad[] = {
    { "", "Enter an amount" },
    { "   ", "Enter an amount" },
    { "\u00a0", "Enter an amount" },
    { "abc", "“abc” is not an amount" },
    { "-5", "Amount must be greater than zero" },
    { "$-5", "Amount must be greater than zero" },
    { "-$5", "Amount must be greater than zero" },
    { "\u22125", "Amount must be greater than zero" },
    { "+5", "Enter the amount without a sign" },
    { "1e308", "“1e308” is not an amount" },
    { "1.5e2", "“1.5e2” is not an amount" },
    { "0x10", "“0x10” is not an amount" },
    { "inf", "“inf” is not an amount" },
    { "nan", "“nan” is not an amount" },
    { "1.234", "Use at most two decimals" },
    { "1.230", "Use at most two decimals" },
    { "0", "Amount must be greater than zero" },
    { "0.00", "Amount must be greater than zero" },
    { "$0", "Amount must be greater than zero" },
    { "1000000000000", "Amount is too large: at most 999999999999.99" },
    { "99999999999999999999999999999999", "Amount is too large: at most 999999999999.99" },
    { "1,50", "Use “.” to separate the decimals" },
    { "1,2345", "“1,2345” is not an amount" },
    { "12,34,567", "“12,34,567” is not an amount" },
    { ",123", "“,123” is not an amount" },
    { "1,,234", "“1,,234” is not an amount" },
    { "1,234,", "“1,234,” is not an amount" },
    { "1.2.3", "“1.2.3” is not an amount" },
    { "1..5", "“1..5” is not an amount" },
    { "1.234,50", "“1.234,50” is not an amount" },
    { "12 34", "“12 34” is not an amount" },
    { "12$34", "“12$34” is not an amount" },
    { "$12$", "“$12$” is not an amount" },
    { "$", "“$” is not an amount" },
    { ".", "“.” is not an amount" },
    { "١٢", "“١٢” is not an amount" },
    { "\xff" "12", NULL },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "“aaaaaaaaaaaaaaaaaaaaaaa…” is not an amount" },
  };

  if (!core_test_use_locale ("C.UTF-8"))
    return;

  check_all (good, G_N_ELEMENTS (good), bad, G_N_ELEMENTS (bad));
}

/* German: ',' is the decimal point and '.' groups, so '.' never means
 * decimals there. */
static void
test_parse_german (void)
{
  static const Good good[] = {
    { "12,50", 1250 },
    { "12,5", 1250 },
    { "1.234,50", 123450 },
    { "1.234", 123400 },
    { "1 234,50", 123450 },
    { "12,50 €", 1250 },
    { "12,50 EUR", 1250 },
    { "EUR 12", 1200 },
  };
  static const Bad bad[] = {
    { "12.50", "Use “,” to separate the decimals" },
    { "1,234", "Use at most two decimals" },
    { "1,234.50", "“1,234.50” is not an amount" },
    { "1000000000000", "Amount is too large: at most 999.999.999.999,99" },
  };

  if (!core_test_use_locale ("de_DE.UTF-8"))
    return;

  check_all (good, G_N_ELEMENTS (good), bad, G_N_ELEMENTS (bad));
}

/* French: ',' is the decimal point and U+202F groups, so '.' is read as a
 * decimal point as well. */
static void
test_parse_french (void)
{
  static const Good good[] = {
    { "12,50", 1250 },
    { "12.50", 1250 },
    { "1\u202f234,50", 123450 },
    { "1\u00a0234,50", 123450 },
    { "1 234,50", 123450 },
    { "1 234.50", 123450 },
    { "12,50 €", 1250 },
  };
  static const Bad bad[] = {
    { "1.234", "Use at most two decimals" },
    { "1.234,50", "“1.234,50” is not an amount" },
    { "12,5.0", "“12,5.0” is not an amount" },
  };

  if (!core_test_use_locale ("fr_FR.UTF-8"))
    return;

  check_all (good, G_N_ELEMENTS (good), bad, G_N_ELEMENTS (bad));
}

static void
test_parse_english (void)
{
  static const Good good[] = {
    { "1,234.50", 123450 },
    { "1234.50", 123450 },
    { "$1,234.50", 123450 },
    { "USD 5", 500 },
  };
  static const Bad bad[] = {
    { "1,50", "Use “.” to separate the decimals" },
    { "12,5", "Use “.” to separate the decimals" },
    { "1.234", "Use at most two decimals" },
    { "1.234,50", "“1.234,50” is not an amount" },
  };

  if (!core_test_use_locale ("en_US.UTF-8"))
    return;

  check_all (good, G_N_ELEMENTS (good), bad, G_N_ELEMENTS (bad));
}

static void
test_parse_decimal (void)
{
  static const Good good[] = {
    { "1234.50", 123450 },
    { "12.5", 1250 },
    { "12", 1200 },
    { "12.50", 1250 },
    { "0", 0 },
    { "0.00", 0 },
    { "-0.05", -5 },
    { "-12.5", -1250 },
    { " 12.50\n", 1250 },
    { "999999999999.99", OUTLAY_MONEY_MAX },
    { "-999999999999.99", -OUTLAY_MONEY_MAX },
  };
  static const Bad bad[] = {
    { "", "Enter an amount" },
    { "abc", "“abc” is not an amount" },
    { "12.", "“12.” is not an amount" },
    { ".5", "“.5” is not an amount" },
    { "1,234.50", "“1,234.50” is not an amount" },
    { "12,50", "“12,50” is not an amount" },
    { "+5", "“+5” is not an amount" },
    { "--5", "“--5” is not an amount" },
    { "-", "“-” is not an amount" },
    { "1e3", "“1e3” is not an amount" },
    { "$5", "“$5” is not an amount" },
    { "1.234", "Use at most two decimals" },
    { "1000000000000", NULL },
    { "\xff", NULL },
  };
  /* Locale-independent: the same in German as in C. */
  const char *locales[] = { "C.UTF-8", "de_DE.UTF-8" };
  gsize l, i;

  for (l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      if (setlocale (LC_ALL, locales[l]) == NULL)
        continue;

      for (i = 0; i < G_N_ELEMENTS (good); i++)
        {
          g_autoptr(GError) error = NULL;
          gint64 minor = UNSET;

          g_assert_true (outlay_money_parse_decimal (good[i].text, &minor, &error));
          g_assert_no_error (error);
          g_assert_cmpint (minor, ==, good[i].minor);
        }

      for (i = 0; i < G_N_ELEMENTS (bad); i++)
        {
          g_autoptr(GError) error = NULL;
          gint64 minor = UNSET;

          g_assert_false (outlay_money_parse_decimal (bad[i].text, &minor, &error));
          g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT);
          if (bad[i].message != NULL)
            g_assert_cmpstr (error->message, ==, bad[i].message);
          g_assert_cmpint (minor, ==, UNSET);
        }
    }
}

static void
test_validate (void)
{
  g_autoptr(GError) error = NULL;

  if (!core_test_use_locale ("C.UTF-8"))
    return;

  g_assert_true (outlay_money_validate (1, &error));
  g_assert_no_error (error);
  g_assert_true (outlay_money_validate (OUTLAY_MONEY_MAX, &error));
  g_assert_no_error (error);

  g_assert_false (outlay_money_validate (0, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT);
  g_assert_cmpstr (error->message, ==, "Amount must be greater than zero");
  g_clear_error (&error);

  g_assert_false (outlay_money_validate (-1, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);

  g_assert_false (outlay_money_validate (OUTLAY_MONEY_MAX + 1, &error));
  g_assert_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT);
  g_assert_cmpstr (error->message, ==, "Amount is too large: at most 999999999999.99");
}

static void
test_to_decimal (void)
{
  static const struct
  {
    gint64 minor;
    const char *text;
  } cases[] = {
    { 123450, "1234.50" },
    { -5, "-0.05" },
    { 0, "0.00" },
    { 7, "0.07" },
    { 100, "1.00" },
    { OUTLAY_MONEY_MAX, "999999999999.99" },
    { G_MAXINT64, "92233720368547758.07" },
    { G_MININT64, "-92233720368547758.08" },
  };
  gsize i;

  /* Canonical in every locale, so German where it exists. */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = outlay_money_to_decimal (cases[i].minor);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Every representable amount survives to_decimal → parse_decimal; a walk of
 * the digits rather than a few hand-picked values. */
static void
test_decimal_round_trip (void)
{
  gint64 minor;

  for (minor = 1; minor <= OUTLAY_MONEY_MAX / 7; minor = minor * 7 + 3)
    {
      gint64 values[] = { minor, -minor, OUTLAY_MONEY_MAX - minor };
      gsize i;

      for (i = 0; i < G_N_ELEMENTS (values); i++)
        {
          g_autofree char *text = outlay_money_to_decimal (values[i]);
          g_autoptr(GError) error = NULL;
          gint64 parsed = UNSET;

          g_assert_true (outlay_money_parse_decimal (text, &parsed, &error));
          g_assert_no_error (error);
          g_assert_cmpint (parsed, ==, values[i]);
        }
    }
}

static void
assert_format (gint64      minor,
               const char *currency,
               const char *expected)
{
  g_autofree char *text = outlay_money_format (minor, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_c (void)
{
  if (!core_test_use_locale ("C.UTF-8"))
    return;

  /* C groups nothing and has no currency of its own. */
  assert_format (123450, NULL, "1234.50");
  assert_format (-5, NULL, "-0.05");
  assert_format (0, NULL, "0.00");
  assert_format (OUTLAY_MONEY_MAX, NULL, "999999999999.99");
  assert_format (123450, "EUR", "EUR 1234.50");
  assert_format (123450, "", "1234.50");
  assert_format (-123450, "EUR", "-EUR 1234.50");
}

static void
test_format_german (void)
{
  if (!core_test_use_locale ("de_DE.UTF-8"))
    return;

  assert_format (123450, NULL, "1.234,50");
  assert_format (100000000, NULL, "1.000.000,00");
  assert_format (99, NULL, "0,99");
  assert_format (123450, "EUR", "1.234,50 €");
  assert_format (123450, "eur", "1.234,50 €");
  assert_format (-5, "EUR", "-0,05 €");
  assert_format (123450, "USD", "1.234,50 USD");
}

static void
test_format_english (void)
{
  if (!core_test_use_locale ("en_US.UTF-8"))
    return;

  assert_format (123450, NULL, "1,234.50");
  assert_format (123450, "USD", "$1,234.50");
  assert_format (-123450, "USD", "-$1,234.50");
  assert_format (123450, "EUR", "EUR 1,234.50");
  assert_format (OUTLAY_MONEY_MAX, "USD", "$999,999,999,999.99");
}

typedef enum
{
  REFERENCE_PLAIN,  /* no symbol */
  REFERENCE_LOCAL,  /* the locale's currency symbol */
  REFERENCE_INTL,   /* the locale's ISO 4217 code */
} Reference;

/* strfmon() is the C library's own reading of the same locale data; it takes
 * a double, which is exact for these few digits. */
static char *
reference_format (Reference kind,
                  gint64    minor)
{
  double value = (double) minor / 100;
  char buffer[256];
  ssize_t len;

  switch (kind)
    {
    case REFERENCE_PLAIN:
      len = strfmon (buffer, sizeof buffer, "%!n", value);
      break;

    case REFERENCE_LOCAL:
      len = strfmon (buffer, sizeof buffer, "%n", value);
      break;

    case REFERENCE_INTL:
      len = strfmon (buffer, sizeof buffer, "%i", value);
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_cmpint (len, >=, 0);
  return g_strdup (buffer);
}

static void
test_format_matches_strfmon (void)
{
  static const char * const locales[] = {
    "C.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "en_US.UTF-8",
  };
  static const gint64 values[] = { 5, 99, 123450, 100000000, 123456789012 };
  gsize l, v;
  guint tested = 0;

  for (l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autofree char *code = NULL;
      struct lconv *lc;

      if (setlocale (LC_ALL, locales[l]) == NULL)
        continue;

      lc = localeconv ();
      code = g_strndup (lc->int_curr_symbol, 3);
      tested++;

      for (v = 0; v < G_N_ELEMENTS (values); v++)
        {
          gint64 signed_values[] = { values[v], -values[v] };
          gsize s;

          for (s = 0; s < G_N_ELEMENTS (signed_values); s++)
            {
              gint64 minor = signed_values[s];
              g_autofree char *plain = outlay_money_format (minor, NULL);
              g_autofree char *plain_reference = reference_format (REFERENCE_PLAIN, minor);

              g_test_message ("%s: %" G_GINT64_FORMAT, locales[l], minor);
              g_assert_cmpstr (plain, ==, plain_reference);

              if (*code != '\0')
                {
                  g_autofree char *local = outlay_money_format (minor, code);
                  g_autofree char *local_reference = reference_format (REFERENCE_LOCAL, minor);
                  g_autofree char *intl = outlay_money_format (minor, "XTS");
                  g_autofree char *intl_reference = reference_format (REFERENCE_INTL, minor);
                  g_auto(GStrv) parts = g_strsplit (intl_reference, code, 2);
                  g_autofree char *intl_expected = g_strjoinv ("XTS", parts);

                  g_assert_cmpstr (local, ==, local_reference);
                  g_assert_cmpstr (intl, ==, intl_expected);
                }
            }
        }
    }

  /* C.UTF-8 exists wherever GLib's tests can run. */
  g_assert_cmpuint (tested, >, 0);
}

/* What outlay_money_format() prints, outlay_money_parse() reads back. */
static void
test_format_parse_round_trip (void)
{
  static const char * const locales[] = {
    "C.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "en_US.UTF-8",
  };
  static const gint64 values[] = { 1, 5, 99, 100, 123450, 100000000, OUTLAY_MONEY_MAX };
  gsize l, v;

  for (l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autofree char *code = NULL;

      if (setlocale (LC_ALL, locales[l]) == NULL)
        continue;

      code = g_strndup (localeconv ()->int_curr_symbol, 3);

      for (v = 0; v < G_N_ELEMENTS (values); v++)
        {
          g_autofree char *plain = outlay_money_format (values[v], NULL);
          g_autofree char *with_symbol = outlay_money_format (values[v], code);

          assert_parses (plain, values[v]);
          assert_parses (with_symbol, values[v]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/outlay/money/parse/c", test_parse_c);
  g_test_add_func ("/outlay/money/parse/german", test_parse_german);
  g_test_add_func ("/outlay/money/parse/french", test_parse_french);
  g_test_add_func ("/outlay/money/parse/english", test_parse_english);
  g_test_add_func ("/outlay/money/parse-decimal", test_parse_decimal);
  g_test_add_func ("/outlay/money/validate", test_validate);
  g_test_add_func ("/outlay/money/to-decimal", test_to_decimal);
  g_test_add_func ("/outlay/money/decimal-round-trip", test_decimal_round_trip);
  g_test_add_func ("/outlay/money/format/c", test_format_c);
  g_test_add_func ("/outlay/money/format/german", test_format_german);
  g_test_add_func ("/outlay/money/format/english", test_format_english);
  g_test_add_func ("/outlay/money/format/strfmon", test_format_matches_strfmon);
  g_test_add_func ("/outlay/money/format/round-trip", test_format_parse_round_trip);

  return g_test_run ();
}
