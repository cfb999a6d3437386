/* outlay-money.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "outlay-error.h"
#include "outlay-money.h"
#include "outlay-text-private.h"

/*
 * How outlay_money_parse() reads separators, and why.
 *
 * The locale's monetary decimal point and grouping separator come first, since
 * LC_MONETARY is what people set for money; the numeric ones stand in when the
 * locale has no monetary data (C). On top of those:
 *
 *  - a plain space, U+00A0 and U+202F always group: people type a space where
 *    their locale prints a no-break space;
 *  - '.' is a decimal point too when the locale's is ',' and '.' does not group
 *    there. So "12.50" is 12,50 in French, but in German, where '.' groups,
 *    "1.234" keeps its local meaning (1234) rather than silently changing with
 *    the keyboard habits of whoever types;
 *  - ',' groups when the decimal point is '.' and the locale has no grouping
 *    separator of its own (C), as in "1,234.50";
 *  - grouping must be regular (the locale's group sizes, threes when it has
 *    none), so a separator typed in the wrong place is an error, not a
 *    different amount: "1,50" in English is refused, not read as 150;
 *  - at most one decimal separator, after every grouping separator, followed by
 *    at most two digits: "1.234" is "Use at most two decimals" where '.' is a
 *    decimal point;
 *  - one currency symbol before or after the number is dropped (the locale's,
 *    its ISO code, $ € £ ¥); a sign anywhere is refused, since no expense is
 *    negative.
 *
 * outlay_money_format() prints with the same separators and places the sign
 * and symbol as struct lconv says, by hand rather than with strfmon(), which
 * takes a double. It always shows two decimals: the database keeps two.
 */

/* The locale's separators as outlay_money_format() prints them. */
typedef struct
{
  const char *decimal;   /* never empty */
  const char *group;     /* empty when the locale does not group */
  const char *grouping;  /* group sizes, as in struct lconv */
} Separators;

/* What a separator inside a typed amount means. */
typedef enum
{
  MARK_NONE,
  MARK_GROUP,
  MARK_DECIMAL,
} Mark;

/* Layouts of the sign (G), symbol (S) and value (V) for each sign position of
 * struct lconv, with the symbol before ([0]) or after ([1]) the value. '1'
 * stands for the space of sep_by_space = 1, '2' for that of sep_by_space = 2,
 * as C99 7.11.2.1 describes them. */
static const char * const layouts[2][5] = {
  { "(S1V)", "G2S1V", "S1V2G", "G2S1V", "S2G1V" },
  { "(V1S)", "G2V1S", "V1S2G", "V1G2S", "V1S2G" },
};

/* Symbols stripped from typed amounts besides the locale's own: the books
 * keep one currency, so a symbol only ever decorates the number. */
static const char * const common_symbols[] = { "$", "€", "£", "¥" };

/* localeconv() hands out static storage that the next call and setlocale()
 * overwrite: use what it returns right away. */
static struct lconv *
read_separators (Separators *seps)
{
  struct lconv *lc = localeconv ();

  seps->decimal = *lc->mon_decimal_point != '\0' ? lc->mon_decimal_point : lc->decimal_point;
  if (*seps->decimal == '\0')
    seps->decimal = ".";

  if (*lc->mon_thousands_sep != '\0')
    {
      seps->group = lc->mon_thousands_sep;
      seps->grouping = lc->mon_grouping;
    }
  else
    {
      seps->group = lc->thousands_sep;
      seps->grouping = lc->grouping;
    }

  return lc;
}

/* The number of digits in the @index-th group left of the decimal point, as
 * struct lconv encodes it (the last size repeats); 0 when there is no further
 * grouping. */
static guint
group_size (const char *grouping,
            guint       index)
{
  guint size = 0;
  guint i;

  for (i = 0; i <= index; i++)
    {
      guchar g = grouping[i];

      if (g == 0)
        break;
      /* CHAR_MAX (or a negative value where char is signed) ends grouping. */
      if (g >= SCHAR_MAX)
        return 0;
      size = g;
    }

  return size;
}

static guint64
magnitude_of (gint64 minor)
{
  return minor < 0 ? -(guint64) minor : (guint64) minor;
}

static gboolean
fail (GError    **error,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT, message);
  return FALSE;
}

static gboolean
fail_not_an_amount (GError    **error,
                    const char *text)
{
  g_autofree char *excerpt = outlay_text_excerpt (text);

  /* Translators: %s is what the person typed in the amount field. */
  return fail (error, _("“%s” is not an amount"), excerpt);
}

static gboolean
fail_too_large (GError **error)
{
  g_autofree char *max = outlay_money_format (OUTLAY_MONEY_MAX, NULL);

  /* Translators: %s is the largest amount, e.g. 999,999,999,999.99 */
  return fail (error, _("Amount is too large: at most %s"), max);
}

static gboolean
fail_not_positive (GError **error)
{
  return fail (error, "%s", _("Amount must be greater than zero"));
}

/* What both parsers read first: @text without the white space around it,
 * or NULL when that is not text or is empty. */
static char *
strip_amount (const char  *text,
              GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      fail_not_an_amount (error, text);
      return NULL;
    }

  trimmed = outlay_text_strip (text);
  if (*trimmed == '\0')
    {
      fail (error, "%s", _("Enter an amount"));
      return NULL;
    }

  return g_steal_pointer (&trimmed);
}

/* Whole units and cents, as ASCII digits, to minor units; more than two
 * decimals and anything above OUTLAY_MONEY_MAX are refused. */
static gboolean
digits_to_minor (const char  *units,
                 gsize        n_units,
                 const char  *cents,
                 gsize        n_cents,
                 gint64      *out_minor,
                 GError     **error)
{
  gint64 minor = 0;
  gsize i;

  if (n_cents > 2)
    return fail (error, "%s", _("Use at most two decimals"));

  for (i = 0; i < n_units; i++)
    {
      minor = minor * 10 + (units[i] - '0');
      if (minor > OUTLAY_MONEY_MAX / 100)
        return fail_too_large (error);
    }

  minor *= 100;
  if (n_cents > 0)
    minor += (cents[0] - '0') * 10;
  if (n_cents > 1)
    minor += cents[1] - '0';

  *out_minor = minor;
  return TRUE;
}

/* People put signs in front of the symbol or the number; either way the
 * amount of an expense is positive. */
static gboolean
check_unsigned (const char  *text,
                GError     **error)
{
  gunichar c = g_utf8_get_char (text);

  if (c == '-' || c == 0x2212 /* MINUS SIGN */)
    return fail_not_positive (error);
  if (c == '+')
    return fail (error, "%s", _("Enter the amount without a sign"));

  return TRUE;
}

/* @text without one currency symbol before or after the number. */
static char *
strip_currency_symbol (const char   *text,
                       struct lconv *lc)
{
  char code[4] = { 0 };
  const char *symbols[2 + G_N_ELEMENTS (common_symbols)];
  guint i;

  /* int_curr_symbol is the ISO 4217 code followed by a separator: "EUR ". */
  strncpy (code, lc->int_curr_symbol, 3);
  symbols[0] = lc->currency_symbol;
  symbols[1] = code;
  for (i = 0; i < G_N_ELEMENTS (common_symbols); i++)
    symbols[2 + i] = common_symbols[i];

  for (i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      gsize len = strlen (symbols[i]);

      if (len == 0)
        continue;

      if (g_str_has_prefix (text, symbols[i]))
        return outlay_text_strip (text + len);

      if (g_str_has_suffix (text, symbols[i]))
        {
          g_autofree char *number = g_strndup (text, strlen (text) - len);

          return outlay_text_strip (number);
        }
    }

  return g_strdup (text);
}

/* What the separator at @p means; see the comment at the top. */
static Mark
read_mark (const char       *p,
           const Separators *seps,
           gsize            *out_len)
{
  static const char * const spaces[] = { " ", "\u00a0", "\u202f" };
  guint i;

  if (g_str_has_prefix (p, seps->decimal))
    {
      *out_len = strlen (seps->decimal);
      return MARK_DECIMAL;
    }

  if (*seps->group != '\0' && g_str_has_prefix (p, seps->group))
    {
      *out_len = strlen (seps->group);
      return MARK_GROUP;
    }

  for (i = 0; i < G_N_ELEMENTS (spaces); i++)
    {
      if (g_str_has_prefix (p, spaces[i]))
        {
          *out_len = strlen (spaces[i]);
          return MARK_GROUP;
        }
    }

  *out_len = 1;

  /* '.' groups here only if it is the locale's separator, handled above. */
  if (*p == '.' && strcmp (seps->decimal, ",") == 0)
    return MARK_DECIMAL;

  if (*p == ',' && strcmp (seps->decimal, ".") == 0 && *seps->group == '\0')
    return MARK_GROUP;

  return MARK_NONE;
}

/* @runs holds the number of digits between grouping separators, left to
 * right. */
static gboolean
grouping_is_regular (GArray     *runs,
                     const char *grouping)
{
  guint last = runs->len - 1;
  guint first = g_array_index (runs, guint, 0);
  guint first_size;
  guint i;

  if (last == 0)
    return TRUE;

  for (i = 1; i <= last; i++)
    {
      guint size = group_size (grouping, last - i);

      if (size == 0 || g_array_index (runs, guint, i) != size)
        return FALSE;
    }

  first_size = group_size (grouping, last);
  return first > 0 && (first_size == 0 || first <= first_size);
}

gboolean
outlay_money_parse (const char  *text,
                    gint64      *out_minor,
                    GError     **error)
{
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GString) units = NULL;
  g_autoptr(GString) cents = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *number = NULL;
  struct lconv *lc;
  Separators seps;
  gboolean after_decimal = FALSE;
  gboolean any_digit = FALSE;
  char last_group_mark = 0;
  guint run = 0;
  gint64 minor;
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = strip_amount (text, error);
  if (trimmed == NULL)
    return FALSE;

  if (!check_unsigned (trimmed, error))
    return FALSE;

  lc = read_separators (&seps);
  number = strip_currency_symbol (trimmed, lc);
  if (!check_unsigned (number, error))
    return FALSE;

  runs = g_array_new (FALSE, FALSE, sizeof (guint));
  units = g_string_new (NULL);
  cents = g_string_new (NULL);

  for (p = number; *p != '\0';)
    {
      gsize len;
      Mark mark;

      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (after_decimal ? cents : units, *p);
          any_digit = TRUE;
          run++;
          p++;
          continue;
        }

      /* Only digits may follow the decimal separator. */
      mark = read_mark (p, &seps, &len);
      if (mark == MARK_NONE || after_decimal)
        return fail_not_an_amount (error, trimmed);

      if (mark == MARK_GROUP)
        last_group_mark = *p;
      else
        after_decimal = TRUE;

      g_array_append_val (runs, run);
      run = 0;
      p += len;
    }

  if (!any_digit)
    return fail_not_an_amount (error, trimmed);

  if (!after_decimal)
    g_array_append_val (runs, run);

  if (!grouping_is_regular (runs, *seps.grouping != '\0' ? seps.grouping : "\3"))
    {
      /* "1,50" where ',' groups: most likely the decimals of another locale. */
      if (!after_decimal && (last_group_mark == '.' || last_group_mark == ',') &&
          run > 0 && run <= 2)
        {
          /* Translators: %s is the decimal separator, e.g. “.” or “,” */
          return fail (error, _("Use “%s” to separate the decimals"), seps.decimal);
        }

      return fail_not_an_amount (error, trimmed);
    }

  if (!digits_to_minor (units->str, units->len, cents->str, cents->len, &minor, error))
    return FALSE;

  if (minor == 0)
    return fail_not_positive (error);

  *out_minor = minor;
  return TRUE;
}

/* Unlike outlay_money_parse(), a leading '-' is read: this parses what the
 * database and other programs hand over, where it is data, not a typo. */
gboolean
outlay_money_parse_decimal (const char  *text,
                            gint64      *out_minor,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *units;
  const char *cents = "";
  gsize n_units;
  gsize n_cents = 0;
  gboolean has_point;
  gboolean negative;
  gint64 minor;
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = strip_amount (text, error);
  if (trimmed == NULL)
    return FALSE;

  p = trimmed;
  negative = *p == '-';
  if (negative)
    p++;

  units = p;
  n_units = strspn (p, "0123456789");
  p += n_units;

  has_point = *p == '.';
  if (has_point)
    {
      cents = ++p;
      n_cents = strspn (p, "0123456789");
      p += n_cents;
    }

  if (n_units == 0 || (has_point && n_cents == 0) || *p != '\0')
    return fail_not_an_amount (error, trimmed);

  if (!digits_to_minor (units, n_units, cents, n_cents, &minor, error))
    return FALSE;

  *out_minor = negative ? -minor : minor;
  return TRUE;
}

gboolean
outlay_money_validate (gint64    minor,
                       GError  **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (minor <= 0)
    return fail_not_positive (error);

  if (minor > OUTLAY_MONEY_MAX)
    return fail_too_large (error);

  return TRUE;
}

char *
outlay_money_to_decimal (gint64 minor)
{
  guint64 magnitude = magnitude_of (minor);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          minor < 0 ? "-" : "",
                          magnitude / 100,
                          (guint) (magnitude % 100));
}

static void
append_grouped (GString    *out,
                guint64     units,
                const char *separator,
                const char *grouping)
{
  char digits[24];
  gsize cuts[24];
  guint n_cuts = 0;
  gsize start = 0;
  gsize pos;
  guint i;

  pos = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, units);

  /* Cut positions from the right, as the group sizes count. */
  for (i = 0; *separator != '\0'; i++)
    {
      guint size = group_size (grouping, i);

      if (size == 0 || size >= pos)
        break;
      pos -= size;
      cuts[n_cuts++] = pos;
    }

  for (i = n_cuts; i > 0; i--)
    {
      g_string_append_len (out, digits + start, cuts[i - 1] - start);
      g_string_append (out, separator);
      start = cuts[i - 1];
    }
  g_string_append (out, digits + start);
}

/* A struct lconv field, or @fallback where the locale leaves it unspecified. */
static int
lconv_field (char value,
             int  fallback)
{
  return value == CHAR_MAX ? fallback : value;
}

char *
outlay_money_format (gint64      minor,
                     const char *currency)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean negative = minor < 0;
  guint64 magnitude = magnitude_of (minor);
  char code[4] = { 0 };
  const char *symbol;
  const char *sign;
  const char *layout;
  struct lconv *lc;
  Separators seps;
  gboolean pending_space = FALSE;
  int precedes;
  int sep_by_space;
  int sign_posn;

  lc = read_separators (&seps);

  append_grouped (value, magnitude / 100, seps.group, seps.grouping);
  g_string_append_printf (value, "%s%02u", seps.decimal, (guint) (magnitude % 100));

  strncpy (code, lc->int_curr_symbol, 3);

  /* An empty code, as an unset preference may be, means no currency. */
  if (currency == NULL || *currency == '\0')
    {
      symbol = "";
      precedes = lconv_field (negative ? lc->n_cs_precedes : lc->p_cs_precedes, 1);
      sign_posn = lconv_field (negative ? lc->n_sign_posn : lc->p_sign_posn, 1);
      /* sep_by_space places the symbol's space; without a symbol there is none. */
      sep_by_space = 0;
    }
  else if (*lc->currency_symbol != '\0' && g_ascii_strcasecmp (code, currency) == 0)
    {
      symbol = lc->currency_symbol;
      precedes = lconv_field (negative ? lc->n_cs_precedes : lc->p_cs_precedes, 1);
      sep_by_space = lconv_field (negative ? lc->n_sep_by_space : lc->p_sep_by_space, 1);
      sign_posn = lconv_field (negative ? lc->n_sign_posn : lc->p_sign_posn, 1);
    }
  else
    {
      /* Another currency than the locale's: its code, placed as the locale
       * places international symbols ("EUR 12.50", "12,50 USD"). */
      symbol = currency;
      precedes = lconv_field (negative ? lc->int_n_cs_precedes : lc->int_p_cs_precedes, 1);
      sep_by_space = lconv_field (negative ? lc->int_n_sep_by_space : lc->int_p_sep_by_space, 1);
      sign_posn = lconv_field (negative ? lc->int_n_sign_posn : lc->int_p_sign_posn, 1);
    }

  if (negative)
    sign = *lc->negative_sign != '\0' ? lc->negative_sign : "-";
  else
    sign = lc->positive_sign;

  if (sign_posn < 0 || sign_posn > 4)
    sign_posn = 1;
  layout = layouts[precedes ? 0 : 1][sign_posn];

  /* Empty parts (no sign, no symbol) take their spaces with them. */
  for (; *layout != '\0'; layout++)
    {
      const char *part;

      switch (*layout)
        {
        case 'G': part = sign; break;
        case 'S': part = symbol; break;
        case 'V': part = value->str; break;
        case '(': part = "("; break;
        case ')': part = ")"; break;
        case '1':
        case '2':
          /* A space only for the sep_by_space value the digit names. */
          if (*layout - '0' == sep_by_space && out->len > 0)
            pending_space = TRUE;
          continue;
        default:
          g_assert_not_reached ();
        }

      if (*part == '\0')
        continue;

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append (out, part);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
