/* outlay-categories-page.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_CATEGORIES_PAGE (outlay_categories_page_get_type ())

G_DECLARE_FINAL_TYPE (OutlayCategoriesPage, outlay_categories_page, OUTLAY, CATEGORIES_PAGE, GtkWidget)

/*
 * The Categories view: every category with its color, this month's spending
 * against its budget, and ways to add, rename, recolor, budget, archive and
 * delete them.
 *
 * Actions (group "categories"): add, add-defaults, show-archived (boolean
 * state).
 */

GtkWidget   *outlay_categories_page_new       (OutlayStore          *store);

OutlayStore *outlay_categories_page_get_store (OutlayCategoriesPage *self);
void         outlay_categories_page_set_store (OutlayCategoriesPage *self,
                                               OutlayStore          *store);

G_END_DECLS
