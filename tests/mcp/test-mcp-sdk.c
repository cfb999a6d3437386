/* test-mcp-sdk.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mcp-test-utils.h"
#include "outlay-local-server.h"

/* outlay-mcp with the official MCP TypeScript SDK client (e2e.mjs): this
 * makes and seeds the database, runs the script under Node, and checks
 * afterwards that the one expense it added, and nothing else, was written. */

static void
test_sdk_client (void)
{
  const char *modules = g_getenv ("OUTLAY_NODE_MODULES");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) node = NULL;
  g_autoptr(OutlayStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sdk = NULL;
  g_autofree char *node_path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *server = NULL;
  g_autofree char *bindir = NULL;
  g_autofree char *psql = NULL;
  g_autofree char *dsn = NULL;
  g_autofree char *output = NULL;
  g_autofree char *row = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 before;

  if (modules != NULL)
    sdk = g_build_filename (modules, "@modelcontextprotocol", "sdk", "package.json", NULL);
  if (sdk == NULL || !g_file_test (sdk, G_FILE_TEST_IS_REGULAR))
    {
      g_test_fail_printf ("The official MCP SDK is missing (OUTLAY_NODE_MODULES=%s): run "
                          "build-aux/dev test, which installs it",
                          modules != NULL ? modules : "unset");
      return;
    }

  node_path = g_find_program_in_path ("node");
  if (node_path == NULL)
    {
      g_test_fail_printf ("Node.js is missing: run build-aux/dev test, which installs it");
      return;
    }

  bindir = outlay_local_server_find_bindir (&error);
  g_assert_no_error (error);
  psql = g_build_filename (bindir, "psql", NULL);
  script = g_build_filename (g_getenv ("OUTLAY_SOURCE_ROOT"), "tests", "mcp", "e2e.mjs", NULL);
  server = mcp_test_server_path ();

  store = outlay_test_db_new_store (&dsn);
  mcp_test_seed (store);
  before = outlay_test_db_query_int64 (dsn, "SELECT count(*) FROM outlay.expenses");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, g_get_tmp_dir ());
  g_subprocess_launcher_setenv (launcher, "OUTLAY_MCP", server, TRUE);
  g_subprocess_launcher_setenv (launcher, "OUTLAY_PSQL", psql, TRUE);
  g_subprocess_launcher_setenv (launcher, "DATABASE_URL", dsn, TRUE);
  node = g_subprocess_launcher_spawn (launcher, &error, node_path, script, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (node, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_test_message ("%s", lines[i]);

  g_assert_true (g_subprocess_get_if_exited (node));
  g_assert_cmpint (g_subprocess_get_exit_status (node), ==, 0);

  /* The write session added one expense; the refused and bad calls none. */
  g_assert_cmpint (outlay_test_db_query_int64 (dsn, "SELECT count(*) FROM outlay.expenses"), ==,
                   before + 1);
  row = outlay_test_db_query_value (dsn,
                                    "SELECT e.spent_on || '|' || e.amount || '|' || c.name "
                                    "FROM outlay.expenses e JOIN outlay.categories c "
                                    "ON c.id = e.category_id WHERE e.description = 'E2E coffee'");
  g_assert_cmpstr (row, ==, "2025-06-01|4.20|Groceries");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/mcp/sdk/client", test_sdk_client);

  return g_test_run ();
}
