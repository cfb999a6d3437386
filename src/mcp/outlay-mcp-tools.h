/* outlay-mcp-tools.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "outlay-context.h"

G_BEGIN_DECLS

#define OUTLAY_TYPE_MCP_TOOLS (outlay_mcp_tools_get_type ())

G_DECLARE_FINAL_TYPE (OutlayMcpTools, outlay_mcp_tools, OUTLAY, MCP_TOOLS, GObject)

/*
 * The tools outlay-mcp offers an agent: each with a name, a title, a
 * description, an input and an output JSON Schema, and a handler that reads
 * (or, with writes allowed, adds to) the books through the store.
 *
 * The books are opened on the first tools/call, not before, so that
 * initialize answers at once; a failure to open them is a tool error and the
 * next call tries again.
 */

OutlayMcpTools *outlay_mcp_tools_new              (OutlayContext   *context,
                                                   gboolean         allow_writes);

gboolean        outlay_mcp_tools_get_allow_writes (OutlayMcpTools  *self);

/* The "tools" array of a tools/list result: every tool the agent may call
 * (add_expense only when writes are allowed). */
JsonArray      *outlay_mcp_tools_list             (OutlayMcpTools  *self);

/* Whether @name is a tool of outlay-mcp. add_expense is known even when
 * writes are disabled: calling it then is a tool error that says so. */
gboolean        outlay_mcp_tools_knows            (OutlayMcpTools  *self,
                                                   const char      *name);

/* Runs the tool @name (which must be known) with @arguments and returns the
 * tools/call result: "content" (a readable text), "structuredContent" and
 * "isError". Bad arguments and failures of the books are tool errors
 * ("isError": true) with a message an agent can act on. Blocks on the
 * database: call it from a worker thread. */
JsonObject     *outlay_mcp_tools_call             (OutlayMcpTools  *self,
                                                   const char      *name,
                                                   JsonObject      *arguments,
                                                   GCancellable    *cancellable);

G_END_DECLS
