/* outlay-test-store.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-test-db.h"

/* Apart from the rest of the helpers so that tests of the connection alone
 * do not link the store. */
OutlayStore *
outlay_test_db_new_store (char **out_dsn)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dsn = outlay_test_db_create_database ();
  g_autoptr(OutlayStore) store = NULL;

  store = outlay_store_new (dsn, &error);
  g_assert_no_error (error);
  outlay_store_open (store, NULL, &error);
  g_assert_no_error (error);

  if (out_dsn != NULL)
    *out_dsn = g_steal_pointer (&dsn);

  return g_steal_pointer (&store);
}
