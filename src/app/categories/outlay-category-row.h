/* outlay-category-row.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "outlay-store.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_CATEGORY_ROW (outlay_category_row_get_type ())

G_DECLARE_FINAL_TYPE (OutlayCategoryRow, outlay_category_row, OUTLAY, CATEGORY_ROW, AdwActionRow)

/*
 * A category in the Categories view: its color (a button to change it),
 * name, this month's spending against its budget, and a menu to rename it,
 * set the budget, archive or delete it. It follows the category's
 * properties.
 *
 * Actions (group "category"): rename, budget, archive, delete.
 */

GtkWidget      *outlay_category_row_new          (OutlayStore       *store,
                                                  OutlayCategory    *category);
OutlayCategory *outlay_category_row_get_category (OutlayCategoryRow *self);

G_END_DECLS
