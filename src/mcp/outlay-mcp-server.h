/* outlay-mcp-server.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "outlay-mcp-tools.h"

G_BEGIN_DECLS

/* The longest message read; a longer line is answered with an error and
 * discarded as it arrives, never held in memory. */
#define OUTLAY_MCP_MAX_MESSAGE (1024 * 1024)

#define OUTLAY_TYPE_MCP_SERVER (outlay_mcp_server_get_type ())

G_DECLARE_FINAL_TYPE (OutlayMcpServer, outlay_mcp_server, OUTLAY, MCP_SERVER, GObject)

/*
 * OutlayMcpServer: the Model Context Protocol over newline-delimited JSON-RPC
 * 2.0 (the stdio transport). It reads messages from @input, answers on
 * @output, one JSON text per line, and handles initialize (with version
 * negotiation), ping, tools/list and tools/call; @tools does the work.
 *
 * Messages are handled one at a time, in order, each in a worker thread so
 * the main loop stays free (signals, cancellation).
 */

OutlayMcpServer *outlay_mcp_server_new        (GInputStream         *input,
                                               GOutputStream        *output,
                                               OutlayMcpTools       *tools);

/* Serves until end of input (success) or until @cancellable is cancelled
 * (also success: a requested stop). Fails when reading or writing fails. */
void             outlay_mcp_server_run_async  (OutlayMcpServer      *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean         outlay_mcp_server_run_finish (OutlayMcpServer      *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
