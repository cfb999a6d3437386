/* outlay-category-list.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_CATEGORY_LIST (outlay_category_list_get_type ())

G_DECLARE_FINAL_TYPE (OutlayCategoryList, outlay_category_list, OUTLAY, CATEGORY_LIST, GObject)

/*
 * The categories of a store, archived ones included, by name: a GListModel of
 * OutlayCategory that every view of that store shares. It reloads when the
 * store changes and merges what it loads into the objects it already has, so
 * rows bound to them update in place.
 *
 * Properties:
 *   loaded      boolean  the first load finished
 *   n-active    uint     categories not archived
 */

/* The list of @store's categories, made on first use (transfer none). */
OutlayCategoryList *outlay_category_list_get_for_store (OutlayStore        *store);

gboolean            outlay_category_list_get_loaded    (OutlayCategoryList *self);
guint               outlay_category_list_get_n_active  (OutlayCategoryList *self);

/* NULL when unknown (transfer none). */
OutlayCategory     *outlay_category_list_lookup        (OutlayCategoryList *self,
                                                        gint64              id);

/* Loads again now rather than at the store's next change. */
void                outlay_category_list_reload        (OutlayCategoryList *self);

/* Adds a set of common categories (Groceries, Rent, Utilities, Transport,
 * Dining, Entertainment, Health, Other) with the default colors, for a
 * first start; names that exist already are left alone. */
void                outlay_category_list_add_defaults_async  (OutlayCategoryList  *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            outlay_category_list_add_defaults_finish (OutlayCategoryList  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

G_END_DECLS
