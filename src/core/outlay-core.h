/* outlay-core.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "outlay-category.h"
#include "outlay-date.h"
#include "outlay-error.h"
#include "outlay-expense.h"
#include "outlay-money.h"
