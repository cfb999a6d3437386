/* outlay-money.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Money is a gint64 count of minor units (cents): never a double. The books
 * keep one currency, a preference; amounts carry no currency of their own.
 *
 * The database stores numeric(14,2), so the largest amount is
 * 999 999 999 999.99.
 */
#define OUTLAY_MONEY_MAX G_GINT64_CONSTANT (99999999999999)

/* Parses what a person typed, in the current locale ("1 234,50", "1,234.50",
 * "12", "12.5"); an optional leading currency symbol is allowed. Rejects empty
 * text, letters, signs, exponents, more than two decimals, zero and overflow
 * with an OUTLAY_ERROR_INVALID_AMOUNT message a person can act on. */
gboolean  outlay_money_parse          (const char  *text,
                                       gint64      *out_minor,
                                       GError     **error);

/* Parses the canonical form "1234.50" / "1234.5" / "1234" (SQL numeric text,
 * CSV, MCP arguments); same rules as outlay_money_parse(), locale-independent.
 * Accepts zero and a leading '-' (data, as the database prints it): callers
 * that need a positive amount use outlay_money_validate(). */
gboolean  outlay_money_parse_decimal  (const char  *text,
                                       gint64      *out_minor,
                                       GError     **error);

/* Checks 0 < minor ≤ OUTLAY_MONEY_MAX ("Amount must be greater than zero"). */
gboolean  outlay_money_validate       (gint64       minor,
                                       GError     **error);

/* "1234.50": canonical, locale-independent, always two decimals; negative
 * values get a leading '-'. */
char     *outlay_money_to_decimal     (gint64       minor);

/* Formatted for people in the current locale, with grouping: "1,234.50" or
 * "1 234,50". With a currency code (ISO 4217, e.g. "EUR") the locale's
 * placement of the symbol is used ("€1,234.50", "1 234,50 €"); NULL gives the
 * number alone. */
char     *outlay_money_format         (gint64       minor,
                                       const char  *currency);

G_END_DECLS
