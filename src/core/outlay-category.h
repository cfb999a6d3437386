/* outlay-category.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OUTLAY_CATEGORY_NAME_MAX 50

#define OUTLAY_TYPE_CATEGORY (outlay_category_get_type ())

G_DECLARE_FINAL_TYPE (OutlayCategory, outlay_category, OUTLAY, CATEGORY, GObject)

/*
 * Properties (all with getters/setters, notify only on change):
 *   id              gint64   0 until stored
 *   name            string   unique case-insensitively, 1..50 characters
 *   color           string   "#rrggbb"
 *   monthly-budget  gint64   minor units, 0 = no budget
 *   archived        boolean
 *   month-total     gint64   spent this month (filled by the store's listing)
 */

OutlayCategory *outlay_category_new                (const char      *name);

gint64          outlay_category_get_id             (OutlayCategory  *self);
void            outlay_category_set_id             (OutlayCategory  *self,
                                                    gint64           id);
const char     *outlay_category_get_name           (OutlayCategory  *self);
void            outlay_category_set_name           (OutlayCategory  *self,
                                                    const char      *name);
const char     *outlay_category_get_color          (OutlayCategory  *self);
void            outlay_category_set_color          (OutlayCategory  *self,
                                                    const char      *color);
gint64          outlay_category_get_monthly_budget (OutlayCategory  *self);
void            outlay_category_set_monthly_budget (OutlayCategory  *self,
                                                    gint64           minor);
gboolean        outlay_category_get_archived       (OutlayCategory  *self);
void            outlay_category_set_archived       (OutlayCategory  *self,
                                                    gboolean         archived);
gint64          outlay_category_get_month_total    (OutlayCategory  *self);
void            outlay_category_set_month_total    (OutlayCategory  *self,
                                                    gint64           minor);

/* Copies every property of @other into @self (notifying what changed). */
void            outlay_category_update_from        (OutlayCategory  *self,
                                                    OutlayCategory  *other);

/* Checks name, color and budget; OUTLAY_ERROR_INVALID_CATEGORY otherwise. */
gboolean        outlay_category_validate           (OutlayCategory  *self,
                                                    GError         **error);

/* Trimmed, non-empty, ≤ 50 characters, valid UTF-8 without control characters. */
gboolean        outlay_category_validate_name      (const char      *name,
                                                    GError         **error);

/* NULL or "#rrggbb". */
gboolean        outlay_category_validate_color     (const char      *color,
                                                    GError         **error);

/* A pleasant default color for the n-th category (GNOME palette). */
const char     *outlay_category_default_color      (guint            n);

G_END_DECLS
