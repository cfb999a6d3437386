/* mcp-test-utils.h
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "outlay-test-db.h"

G_BEGIN_DECLS

/* The built outlay-mcp (from OUTLAY_BUILD_ROOT). */
char        *mcp_test_server_path   (void);

/* Fills a fresh store with a few months of spending: Groceries (budget
 * 400.00), Rent and Transport, fixed dates in March and April 2025, and
 * Groceries on the first day of this month and the last. */
void         mcp_test_seed          (OutlayStore *store);

/* Runs @format (printf-style SQL) on @dsn and returns the first value as text. */
#define mcp_test_query outlay_test_db_query_valuef

/*
 * A client driving the built outlay-mcp over pipes, with DATABASE_URL set to
 * @dsn (or unset when NULL). Every read blocks until the server answers:
 * a server that never answers fails the test on the suite's timeout.
 */
typedef struct _McpClient McpClient;

McpClient   *mcp_client_new         (const char  *dsn,
                                     gboolean     allow_writes);
/* Sends @length bytes as they are (no newline added). */
void         mcp_client_send_raw    (McpClient   *client,
                                     const char  *data,
                                     gsize        length);
/* Sends @line and a newline. */
void         mcp_client_send        (McpClient   *client,
                                     const char  *line);
/* The next message the server wrote. */
JsonNode    *mcp_client_receive     (McpClient   *client);
/* Sends a request (@params is JSON text or NULL) with a fresh id and returns
 * the response, checking its id. */
JsonObject  *mcp_client_request     (McpClient   *client,
                                     const char  *method,
                                     const char  *params);
/* The "result" of a request, failing on a JSON-RPC error. */
JsonObject  *mcp_client_result      (McpClient   *client,
                                     const char  *method,
                                     const char  *params);
/* The "error" of a response: asserts @code and returns the message. */
char        *mcp_client_error       (JsonObject  *response,
                                     int          code);
void         mcp_client_initialize  (McpClient   *client,
                                     const char  *version);
/* tools/call: the structuredContent of a successful call. */
JsonObject  *mcp_client_call_tool   (McpClient   *client,
                                     const char  *name,
                                     const char  *arguments);
/* tools/call: the text of a tool error (isError: true). */
char        *mcp_client_call_tool_error (McpClient  *client,
                                         const char *name,
                                         const char *arguments);
/* Closes the server's input and checks it exits with status 0. */
void         mcp_client_finish      (McpClient   *client);
GSubprocess *mcp_client_get_process (McpClient   *client);
void         mcp_client_free        (McpClient   *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McpClient, mcp_client_free)

G_END_DECLS
