/* main.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>

#include "outlay-mcp-server.h"

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Run;

static gboolean
stop_requested_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_debug ("Stopping on a signal");
  g_cancellable_cancel (cancellable);

  return G_SOURCE_CONTINUE;
}

static void
server_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;

  outlay_mcp_server_run_finish (OUTLAY_MCP_SERVER (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(OutlayContext) context = NULL;
  g_autoptr(OutlayMcpTools) tools = NULL;
  g_autoptr(OutlayMcpServer) server = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  gboolean allow_writes = FALSE;
  gboolean version = FALSE;
  Run run = { 0 };
  guint sigterm_id;
  guint sigint_id;
  const GOptionEntry entries[] = {
    { "allow-writes", 0, 0, G_OPTION_ARG_NONE, &allow_writes,
      N_("Offer the add_expense tool, which adds expenses to the books"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Show the version and quit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  /* Standard output carries the protocol and nothing else. */
  g_log_writer_default_set_use_stderr (TRUE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  option_context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  g_option_context_set_summary (option_context,
                                _("Lets an assistant read your Outlay books through the Model "
                                  "Context Protocol: JSON-RPC messages, one a line, on standard "
                                  "input and output. The books are found as Outlay finds them: "
                                  "DATABASE_URL, a .env file, the keyring, or the local server."));
  g_option_context_add_main_entries (option_context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (option_context, &argc, &argv, &error))
    {
      g_printerr ("outlay-mcp: %s\n", error->message);
      return 2;
    }

  if (argc > 1)
    {
      g_printerr (_("outlay-mcp: unexpected argument “%s”\n"), argv[1]);
      return 2;
    }

  if (version)
    {
      fputs ("outlay-mcp " PACKAGE_VERSION "\n", stdout);
      return 0;
    }

  /* A client that went away is noticed as a failed write, not a signal. */
  signal (SIGPIPE, SIG_IGN);

  context = outlay_context_new ();
  tools = outlay_mcp_tools_new (context, allow_writes);
  input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  server = outlay_mcp_server_new (input, output, tools);

  cancellable = g_cancellable_new ();
  sigterm_id = g_unix_signal_add (SIGTERM, stop_requested_cb, cancellable);
  sigint_id = g_unix_signal_add (SIGINT, stop_requested_cb, cancellable);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  outlay_mcp_server_run_async (server, cancellable, server_finished_cb, &run);
  g_main_loop_run (loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  /* Stops the local server when outlay-mcp started it. */
  outlay_context_close (context);

  if (run.error != NULL)
    {
      g_printerr ("outlay-mcp: %s\n", run.error->message);
      g_clear_error (&run.error);
      return 1;
    }

  return 0;
}
