/* outlay-expense.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OUTLAY_DESCRIPTION_MAX 200

#define OUTLAY_TYPE_EXPENSE (outlay_expense_get_type ())

G_DECLARE_FINAL_TYPE (OutlayExpense, outlay_expense, OUTLAY, EXPENSE, GObject)

/*
 * Properties (all with getters/setters, notify only on change):
 *   id             gint64     0 until stored
 *   uuid           string     made by the client at creation; retries of the same
 *                             insert are idempotent (ON CONFLICT (uuid) DO NOTHING)
 *   description    string     1..200 characters
 *   amount         gint64     minor units, > 0
 *   date           GDate      (G_TYPE_DATE) the day the money was spent
 *   category-id    gint64     0 = none chosen (invalid for storing)
 *   category-name  string     filled by listings joined with categories
 *   category-color string     likewise
 *   note           string     free text, may be NULL
 *   created-at     GDateTime  set by the database
 *   updated-at     GDateTime  set by the database
 *   version        gint       optimistic locking; bumped by every update
 */

/* A new expense: fresh uuid, today's date, everything else empty. */
OutlayExpense  *outlay_expense_new                (void);

/* A copy of every property (same uuid and id). */
OutlayExpense  *outlay_expense_copy               (OutlayExpense  *self);

/* Copies every property of @other into @self, notifying only what changed, so
 * rows bound to @self update in place. */
void            outlay_expense_update_from        (OutlayExpense  *self,
                                                   OutlayExpense  *other);

gint64          outlay_expense_get_id             (OutlayExpense  *self);
void            outlay_expense_set_id             (OutlayExpense  *self,
                                                   gint64          id);
const char     *outlay_expense_get_uuid           (OutlayExpense  *self);
void            outlay_expense_set_uuid           (OutlayExpense  *self,
                                                   const char     *uuid);
const char     *outlay_expense_get_description    (OutlayExpense  *self);
void            outlay_expense_set_description    (OutlayExpense  *self,
                                                   const char     *description);
gint64          outlay_expense_get_amount         (OutlayExpense  *self);
void            outlay_expense_set_amount         (OutlayExpense  *self,
                                                   gint64          minor);
const GDate    *outlay_expense_get_date           (OutlayExpense  *self);
void            outlay_expense_set_date           (OutlayExpense  *self,
                                                   const GDate    *date);
gint64          outlay_expense_get_category_id    (OutlayExpense  *self);
void            outlay_expense_set_category_id    (OutlayExpense  *self,
                                                   gint64          category_id);
const char     *outlay_expense_get_category_name  (OutlayExpense  *self);
void            outlay_expense_set_category_name  (OutlayExpense  *self,
                                                   const char     *name);
const char     *outlay_expense_get_category_color (OutlayExpense  *self);
void            outlay_expense_set_category_color (OutlayExpense  *self,
                                                   const char     *color);
const char     *outlay_expense_get_note           (OutlayExpense  *self);
void            outlay_expense_set_note           (OutlayExpense  *self,
                                                   const char     *note);
GDateTime      *outlay_expense_get_created_at     (OutlayExpense  *self);
void            outlay_expense_set_created_at     (OutlayExpense  *self,
                                                   GDateTime      *created_at);
GDateTime      *outlay_expense_get_updated_at     (OutlayExpense  *self);
void            outlay_expense_set_updated_at     (OutlayExpense  *self,
                                                   GDateTime      *updated_at);
int             outlay_expense_get_version        (OutlayExpense  *self);
void            outlay_expense_set_version        (OutlayExpense  *self,
                                                   int             version);

/* Everything needed to store it: description, amount, a valid date, a
 * category. The first problem found, as OUTLAY_ERROR_INVALID_*. */
gboolean        outlay_expense_validate           (OutlayExpense  *self,
                                                   GError        **error);

/* Non-NULL, valid UTF-8, not blank, ≤ 200 characters (not bytes). */
gboolean        outlay_validate_description       (const char     *description,
                                                   GError        **error);

G_END_DECLS
