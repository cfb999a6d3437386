/* test-mcp-protocol.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "mcp-test-utils.h"

/* The built outlay-mcp, driven over pipes as an MCP client would: the
 * protocol, its errors, and every tool checked against the database. */

#define NEWEST_VERSION "2025-11-25"

/* One expense as "date|description|amount|category", from its id. */
#define EXPENSE_ROW_SQL \
  "SELECT e.spent_on || '|' || e.description || '|' || e.amount || '|' || c.name " \
  "FROM outlay.expenses e JOIN outlay.categories c ON c.id = e.category_id " \
  "WHERE e.id = %" G_GINT64_FORMAT

static JsonObject *
element (JsonArray *array,
         guint      index)
{
  g_assert_cmpuint (index, <, json_array_get_length (array));
  return json_array_get_object_element (array, index);
}

/* How many expenses a listing shows. */
static guint
count_listed (JsonObject *listing)
{
  return json_array_get_length (json_object_get_array_member (listing, "expenses"));
}

/* Sends @line and returns the response, which must be an error with @code
 * for request @id (-1: a null id). Returns the message. */
static char *
expect_error (McpClient  *client,
              const char *line,
              gint64      id,
              int         code)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *response;
  JsonNode *id_node;

  mcp_client_send (client, line);
  node = mcp_client_receive (client);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  response = json_node_get_object (node);

  id_node = json_object_get_member (response, "id");
  g_assert_nonnull (id_node);
  if (id < 0)
    g_assert_true (JSON_NODE_HOLDS_NULL (id_node));
  else
    g_assert_cmpint (json_node_get_int (id_node), ==, id);

  return mcp_client_error (response, code);
}

/* The server still answers, in order. */
static void
assert_alive (McpClient *client)
{
  g_autoptr(JsonObject) result = mcp_client_result (client, "ping", NULL);

  g_assert_cmpuint (json_object_get_size (result), ==, 0);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not mention “%s”", text, part);
}

static McpClient *
start_initialized (const char *dsn,
                   gboolean    allow_writes)
{
  McpClient *client = mcp_client_new (dsn, allow_writes);

  mcp_client_initialize (client, NEWEST_VERSION);
  return client;
}

/* --- Lifecycle ------------------------------------------------------------------------ */

static void
check_initialize (const char *requested,
                  const char *expected)
{
  g_autoptr(McpClient) client = mcp_client_new (NULL, FALSE);
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *params = NULL;
  JsonObject *info;
  JsonObject *tools;

  params = g_strdup_printf ("{\"protocolVersion\": \"%s\", \"capabilities\": {}, "
                            "\"clientInfo\": {\"name\": \"test\", \"version\": \"1\"}}", requested);
  result = mcp_client_result (client, "initialize", params);

  g_assert_cmpstr (json_object_get_string_member (result, "protocolVersion"), ==, expected);

  tools = json_object_get_object_member (json_object_get_object_member (result, "capabilities"),
                                         "tools");
  g_assert_nonnull (tools);
  g_assert_false (json_object_get_boolean_member (tools, "listChanged"));

  info = json_object_get_object_member (result, "serverInfo");
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "outlay-mcp");
  g_assert_cmpstr (json_object_get_string_member (info, "title"), ==, "Outlay");
  g_assert_cmpstr (json_object_get_string_member (info, "version"), ==, PACKAGE_VERSION);

  assert_contains (json_object_get_string_member (result, "instructions"),
                   "query_expenses_by_category");

  mcp_client_send (client, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
  assert_alive (client);
  mcp_client_finish (client);
}

static void
test_initialize_versions (void)
{
  const char *versions[] = { "2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25" };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    check_initialize (versions[i], versions[i]);

  /* Unknown versions, older or newer, get the newest. */
  check_initialize ("2024-10-07", NEWEST_VERSION);
  check_initialize ("2099-01-01", NEWEST_VERSION);
}

static void
test_initialize_errors (void)
{
  g_autoptr(McpClient) client = mcp_client_new (NULL, FALSE);
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *message = NULL;

  response = mcp_client_request (client, "initialize", "{\"capabilities\": {}}");
  message = mcp_client_error (response, -32602);
  assert_contains (message, "protocolVersion");
  g_clear_pointer (&response, json_object_unref);
  g_clear_pointer (&message, g_free);

  response = mcp_client_request (client, "initialize", "{\"protocolVersion\": 20250618}");
  g_free (mcp_client_error (response, -32602));
  g_clear_pointer (&response, json_object_unref);

  /* The failed attempts initialized nothing. */
  response = mcp_client_request (client, "tools/list", NULL);
  g_free (mcp_client_error (response, -32600));
  g_clear_pointer (&response, json_object_unref);

  mcp_client_initialize (client, "2025-06-18");

  response = mcp_client_request (client, "initialize", "{\"protocolVersion\": \"2025-06-18\"}");
  message = mcp_client_error (response, -32600);
  assert_contains (message, "already initialized");

  mcp_client_finish (client);
}

static void
test_before_initialize (void)
{
  g_autoptr(McpClient) client = mcp_client_new (NULL, FALSE);
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *message = NULL;

  response = mcp_client_request (client, "tools/list", NULL);
  message = mcp_client_error (response, -32600);
  assert_contains (message, "initialize");
  g_clear_pointer (&response, json_object_unref);

  response = mcp_client_request (client, "tools/call",
                                 "{\"name\": \"list_categories\", \"arguments\": {}}");
  g_free (mcp_client_error (response, -32600));

  /* Pings are fine at any time, and notifications are never answered. */
  mcp_client_send (client, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
  assert_alive (client);

  mcp_client_finish (client);
}

static void
test_ping (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *response;

  mcp_client_send (client, "{\"jsonrpc\": \"2.0\", \"id\": \"ping-1\", \"method\": \"ping\", "
                           "\"params\": {}}");
  node = mcp_client_receive (client);
  response = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (response, "id"), ==, "ping-1");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (response, "result")),
                    ==, 0);

  mcp_client_finish (client);
}

static void
test_end_of_input (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GSubprocess *process = mcp_client_get_process (client);
  const char *last = "{\"jsonrpc\": \"2.0\", \"id\": 77, \"method\": \"ping\"}";

  /* The last line needs no newline: it is answered before the clean exit. */
  mcp_client_send_raw (client, last, strlen (last));
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, &error);
  g_assert_no_error (error);

  node = mcp_client_receive (client);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "id"), ==, 77);

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
check_signal (int signum)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process = mcp_client_get_process (client);

  /* Initialized, so the handlers are in place. */
  g_subprocess_send_signal (process, signum);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_signals (void)
{
  check_signal (SIGTERM);
  check_signal (SIGINT);
}

/* --- JSON-RPC errors ------------------------------------------------------------------ */

static void
test_parse_errors (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  const char *lines[] = {
    "not json",
    "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"",
    /* json-glib would take these; JSON does not. */
    "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"ping\"} {}",
    "/* */ {\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"ping\"}",
    "{'jsonrpc': '2.0', 'id': 4, 'method': 'ping'}",
    "{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": \"ping\", \"params\": {\"a\": 01}}",
    "{\"jsonrpc\": \"2.0\", \"id\": 6, \"method\": \"ping\", \"params\": {\"a\": \"\\x41\"}}",
    /* json-glib would wrap these around. */
    "{\"jsonrpc\": \"2.0\", \"id\": 18446744073709551617, \"method\": \"ping\"}",
    "{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"ping\", "
    "\"params\": {\"a\": -9223372036854775809}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *message = expect_error (client, lines[i], -1, -32700);

      assert_contains (message, "Parse error");
    }

  assert_alive (client);
  mcp_client_finish (client);
}

static void
test_invalid_requests (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  const struct
  {
    const char *line;
    gint64      id;
  } requests[] = {
    { "5", -1 },
    { "\"ping\"", -1 },
    { "{\"id\": 7, \"method\": \"ping\"}", 7 },
    { "{\"jsonrpc\": \"1.0\", \"id\": 8, \"method\": \"ping\"}", 8 },
    { "{\"jsonrpc\": \"2.0\", \"id\": {\"a\": 1}, \"method\": \"ping\"}", -1 },
    { "{\"jsonrpc\": \"2.0\", \"id\": null, \"method\": \"ping\"}", -1 },
    { "{\"jsonrpc\": \"2.0\", \"id\": 1.5, \"method\": \"ping\"}", -1 },
    { "{\"jsonrpc\": \"2.0\", \"id\": 9, \"method\": 5}", 9 },
    { "{\"jsonrpc\": \"2.0\", \"id\": 10}", 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    g_free (expect_error (client, requests[i].line, requests[i].id, -32600));

  assert_alive (client);
  mcp_client_finish (client);
}

static void
test_method_not_found (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  const char *methods[] = { "resources/list", "prompts/list", "logging/setLevel", "tools" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(JsonObject) response = mcp_client_request (client, methods[i], "{}");
      g_autofree char *message = mcp_client_error (response, -32601);

      assert_contains (message, methods[i]);
    }

  mcp_client_finish (client);
}

static void
test_invalid_params (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  const struct
  {
    const char *method;
    const char *params;
    const char *mentions;
  } requests[] = {
    { "tools/list", "[1]", "params" },
    { "tools/list", "{\"cursor\": \"next\"}", "cursor" },
    { "tools/call", "{}", "name" },
    { "tools/call", "{\"name\": 5}", "name" },
    { "tools/call", "{\"name\": \"\"}", "name" },
    { "tools/call", "{\"name\": \"list_categories\", \"arguments\": \"all\"}", "arguments" },
    { "tools/call", "{\"name\": \"list_categories\", \"arguments\": []}", "arguments" },
    { "tools/call", "{\"name\": \"delete_everything\", \"arguments\": {}}",
      "Unknown tool: delete_everything" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(JsonObject) response = mcp_client_request (client, requests[i].method,
                                                           requests[i].params);
      g_autofree char *message = mcp_client_error (response, -32602);

      assert_contains (message, requests[i].mentions);
    }

  mcp_client_finish (client);
}

static void
test_notifications (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);

  /* None of these is answered: the next message is the ping's answer. */
  mcp_client_send (client, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/cancelled\", "
                           "\"params\": {\"requestId\": 1}}");
  mcp_client_send (client, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/unheard_of\"}");
  mcp_client_send (client, "{\"jsonrpc\": \"2.0\", \"method\": \"tools/call\", \"params\": 5}");
  mcp_client_send (client, "{\"jsonrpc\": \"2.0\", \"id\": 42, \"result\": {}}");
  mcp_client_send (client, "");
  mcp_client_send (client, "   \r");
  assert_alive (client);

  mcp_client_finish (client);
}

static void
test_batches (void)
{
  const char *batch = "[{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\"}, "
                      "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}, "
                      "{\"jsonrpc\": \"2.0\", \"id\": \"b\", \"method\": \"ping\"}]";
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message = NULL;
  JsonArray *responses;

  /* Before initialize, and with versions that have no batches. */
  client = mcp_client_new (NULL, FALSE);
  g_free (expect_error (client, batch, -1, -32600));
  mcp_client_initialize (client, "2025-06-18");
  message = expect_error (client, batch, -1, -32600);
  assert_contains (message, "batch");
  assert_alive (client);
  mcp_client_finish (client);
  g_clear_pointer (&client, mcp_client_free);

  /* 2025-03-26 has them. */
  client = mcp_client_new (NULL, FALSE);
  mcp_client_initialize (client, "2025-03-26");
  mcp_client_send (client, batch);
  node = mcp_client_receive (client);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  responses = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (responses), ==, 2);
  g_assert_cmpint (json_object_get_int_member (element (responses, 0), "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (element (responses, 1), "id"), ==, "b");
  g_clear_pointer (&node, json_node_unref);

  g_free (expect_error (client, "[]", -1, -32600));

  /* initialize may not be batched. */
  mcp_client_send (client, "[{\"jsonrpc\": \"2.0\", \"id\": 3, \"method\": \"initialize\", "
                           "\"params\": {\"protocolVersion\": \"2025-03-26\"}}]");
  node = mcp_client_receive (client);
  responses = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (responses), ==, 1);
  g_free (mcp_client_error (json_array_get_object_element (responses, 0), -32600));

  /* Only notifications: nothing to answer. */
  mcp_client_send (client, "[{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}]");
  assert_alive (client);

  mcp_client_finish (client);
}

/* A ping whose params carry @size bytes of padding. */
static char *
padded_ping (gint64 id,
             gsize  size)
{
  g_autofree char *padding = g_malloc (size + 1);

  memset (padding, 'x', size);
  padding[size] = '\0';

  return g_strdup_printf ("{\"jsonrpc\": \"2.0\", \"id\": %" G_GINT64_FORMAT ", "
                          "\"method\": \"ping\", \"params\": {\"padding\": \"%s\"}}",
                          id, padding);
}

static void
test_oversized_line (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  g_autofree char *huge = padded_ping (1, 3 * 1024 * 1024);
  g_autofree char *large = padded_ping (2, 1000 * 1000);
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* Too long: answered with an error, the id unknowable. */
  message = expect_error (client, huge, -1, -32600);
  assert_contains (message, "longer than");

  /* Just under the limit is fine. */
  mcp_client_send (client, large);
  node = mcp_client_receive (client);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "id"), ==, 2);
  g_assert_true (json_object_has_member (json_node_get_object (node), "result"));

  assert_alive (client);
  mcp_client_finish (client);
}

static void
test_not_utf8 (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  const char invalid[] = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"ping\", "
                         "\"params\": {\"a\": \"\xff\xfe\"}}";
  const char with_nul[] = "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"p\0ing\"}\n";
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) node = NULL;

  message = expect_error (client, invalid, -1, -32700);
  assert_contains (message, "UTF-8");

  mcp_client_send_raw (client, with_nul, sizeof with_nul - 1);
  node = mcp_client_receive (client);
  g_free (mcp_client_error (json_node_get_object (node), -32700));

  assert_alive (client);
  mcp_client_finish (client);
}

static void
test_deep_nesting (void)
{
  g_autoptr(McpClient) client = start_initialized (NULL, FALSE);
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) nested = g_string_new ("{\"jsonrpc\": \"2.0\", \"id\": 5, "
                                            "\"method\": \"ping\", \"params\": {\"a\": ");
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* Deep enough to overflow a recursive parser's stack. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  message = expect_error (client, deep->str, -1, -32700);
  assert_contains (message, "nested");

  /* Reasonable nesting is fine. */
  for (guint i = 0; i < 50; i++)
    g_string_append (nested, "[");
  for (guint i = 0; i < 50; i++)
    g_string_append (nested, "]");
  g_string_append (nested, "}}");
  mcp_client_send (client, nested->str);
  node = mcp_client_receive (client);
  g_assert_true (json_object_has_member (json_node_get_object (node), "result"));

  assert_alive (client);
  mcp_client_finish (client);
}

/* --- Tools ---------------------------------------------------------------------------- */

static void
check_tools_list (gboolean     allow_writes,
                  const char **expected)
{
  g_autoptr(McpClient) client = start_initialized (NULL, allow_writes);
  g_autoptr(JsonObject) result = mcp_client_result (client, "tools/list", NULL);
  g_autoptr(GRegex) valid_name = g_regex_new ("^[A-Za-z0-9_.-]{1,64}$", 0, 0, NULL);
  JsonArray *tools = json_object_get_array_member (result, "tools");

  g_assert_cmpuint (json_array_get_length (tools), ==, g_strv_length ((char **) expected));
  g_assert_false (json_object_has_member (result, "nextCursor"));

  for (guint i = 0; i < json_array_get_length (tools); i++)
    {
      JsonObject *tool = json_array_get_object_element (tools, i);
      JsonObject *input = json_object_get_object_member (tool, "inputSchema");
      JsonObject *output = json_object_get_object_member (tool, "outputSchema");

      g_assert_cmpstr (json_object_get_string_member (tool, "name"), ==, expected[i]);
      g_assert_true (g_regex_match (valid_name, expected[i], 0, NULL));
      g_assert_cmpstr (json_object_get_string_member (tool, "title"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (tool, "description"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (input, "type"), ==, "object");
      g_assert_true (json_object_has_member (input, "properties"));
      g_assert_false (json_object_get_boolean_member (input, "additionalProperties"));
      g_assert_cmpstr (json_object_get_string_member (output, "type"), ==, "object");
      g_assert_true (json_object_has_member (output, "properties"));
    }

  mcp_client_finish (client);
}

static void
test_tools_list (void)
{
  const char *read_only[] = {
    "list_categories", "query_expenses_by_category", "summarize_spending", "monthly_totals",
    "search_expenses", NULL
  };
  const char *with_writes[] = {
    "list_categories", "query_expenses_by_category", "summarize_spending", "monthly_totals",
    "search_expenses", "add_expense", NULL
  };

  check_tools_list (FALSE, read_only);
  check_tools_list (TRUE, with_writes);
}

/* Sum and count of the expenses @where selects, as the database has them. */
static void
db_totals (const char  *dsn,
           const char  *where,
           char       **out_total,
           gint64      *out_count)
{
  g_autofree char *count = NULL;

  *out_total = mcp_test_query (dsn,
                               "SELECT coalesce (sum (e.amount), 0)::numeric(16,2)::text "
                               "FROM outlay.expenses e "
                               "JOIN outlay.categories c ON c.id = e.category_id WHERE %s", where);
  count = mcp_test_query (dsn,
                          "SELECT count(*) FROM outlay.expenses e "
                          "JOIN outlay.categories c ON c.id = e.category_id WHERE %s", where);
  *out_count = g_ascii_strtoll (count, NULL, 10);
}

static void
assert_totals (JsonObject *object,
               const char *dsn,
               const char *where)
{
  g_autofree char *total = NULL;
  gint64 count;

  db_totals (dsn, where, &total, &count);
  g_assert_cmpstr (json_object_get_string_member (object, "total"), ==, total);
  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, count);
}

/* Every listed expense is as the database has it, newest first. */
static void
assert_expenses_match (JsonArray  *expenses,
                       const char *dsn)
{
  g_autofree char *previous = NULL;

  for (guint i = 0; i < json_array_get_length (expenses); i++)
    {
      JsonObject *expense = json_array_get_object_element (expenses, i);
      gint64 id = json_object_get_int_member (expense, "id");
      g_autofree char *row = mcp_test_query (dsn, EXPENSE_ROW_SQL, id);
      g_autofree char *listed = g_strjoin ("|",
                                           json_object_get_string_member (expense, "date"),
                                           json_object_get_string_member (expense, "description"),
                                           json_object_get_string_member (expense, "amount"),
                                           json_object_get_string_member (expense, "category"),
                                           NULL);

      g_assert_cmpstr (listed, ==, row);
      if (previous != NULL)
        g_assert_cmpstr (previous, >=, json_object_get_string_member (expense, "date"));
      g_free (previous);
      previous = g_strdup (json_object_get_string_member (expense, "date"));
    }
}

static void
test_list_categories (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *month = NULL;
  g_autofree char *message = NULL;
  JsonArray *categories;
  JsonObject *groceries;
  JsonObject *rent;

  mcp_test_seed (store);
  client = start_initialized (dsn, FALSE);
  result = mcp_client_call_tool (client, "list_categories", "{}");

  month = mcp_test_query (dsn, "SELECT to_char (current_date, 'YYYY-MM')");
  g_assert_cmpstr (json_object_get_string_member (result, "month"), ==, month);

  categories = json_object_get_array_member (result, "categories");
  g_assert_cmpuint (json_array_get_length (categories), ==, 3);
  groceries = json_array_get_object_element (categories, 0);
  rent = json_array_get_object_element (categories, 1);

  g_assert_cmpstr (json_object_get_string_member (groceries, "name"), ==, "Groceries");
  g_assert_cmpstr (json_object_get_string_member (groceries, "color"), ==, "#33d17a");
  g_assert_cmpstr (json_object_get_string_member (groceries, "monthly_budget"), ==, "400.00");
  g_assert_false (json_object_get_boolean_member (groceries, "archived"));
  g_assert_cmpstr (json_object_get_string_member (element (categories, 2), "name"),
                   ==, "Transport");

  /* This month's total, as the database sums it. */
  {
    g_autofree char *total = NULL;
    gint64 count;

    db_totals (dsn, "c.name = 'Groceries' AND e.spent_on >= date_trunc ('month', current_date) "
                    "AND e.spent_on < date_trunc ('month', current_date) + interval '1 month'",
               &total, &count);
    g_assert_cmpstr (json_object_get_string_member (groceries, "month_total"), ==, total);
    g_assert_cmpint (count, >, 0);
  }

  g_assert_cmpstr (json_object_get_string_member (rent, "name"), ==, "Rent");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (rent, "color")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (rent, "monthly_budget")));

  message = mcp_client_call_tool_error (client, "list_categories", "{\"archived\": true}");
  assert_contains (message, "“archived”");

  mcp_client_finish (client);
}

static void
test_query_expenses (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(JsonObject) march = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) spaced = NULL;
  const struct
  {
    const char *arguments;
    const char *mentions;
  } bad[] = {
    { "{\"category_name\": \"Food\"}", "“Groceries”, “Rent”, “Transport”" },
    { "{\"category_name\": \"Groceries\", \"start\": \"2025-13-01\"}", "start" },
    { "{\"category_name\": \"Groceries\", \"start\": \"March 1\"}", "start" },
    { "{\"category_name\": \"Groceries\", \"end\": \"2025-02-29\"}", "end" },
    { "{\"category_name\": \"Groceries\", \"start\": \"2025-04-01\", "
      "\"end\": \"2025-03-01\"}", "after" },
    { "{\"category_name\": \"Groceries\", \"limit\": 1001}", "at most 1000" },
    { "{\"category_name\": \"Groceries\", \"limit\": 9223372036854775807}", "at most 1000" },
    { "{\"category_name\": \"Groceries\", \"limit\": 1e20}", "at most 1000" },
    { "{\"category_name\": \"Groceries\", \"limit\": 0}", "at least 1" },
    { "{\"category_name\": \"Groceries\", \"limit\": -5}", "at least 1" },
    { "{\"category_name\": \"Groceries\", \"limit\": \"10\"}", "integer" },
    { "{\"category_name\": \"Groceries\", \"limit\": 2.5}", "integer" },
    { "{\"category_name\": \"Groceries\", \"category\": \"Rent\"}", "“category”" },
    { "{\"start\": \"2025-01-01\"}", "category_name" },
    { "{\"category_name\": \"\"}", "category_name" },
    { "{\"category_name\": 42}", "string" },
    { "{\"category_name\": [\"Groceries\"]}", "string" },
  };

  mcp_test_seed (store);
  client = start_initialized (dsn, FALSE);

  /* Matched ignoring case; everything, as the database has it. */
  all = mcp_client_call_tool (client, "query_expenses_by_category",
                              "{\"category_name\": \"groceries\"}");
  g_assert_cmpstr (json_object_get_string_member (all, "category"), ==, "Groceries");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (all, "start")));
  assert_totals (all, dsn, "c.name = 'Groceries'");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (all, "expenses")), ==,
                    json_object_get_int_member (all, "count"));
  g_assert_false (json_object_get_boolean_member (all, "truncated"));
  assert_expenses_match (json_object_get_array_member (all, "expenses"), dsn);

  march = mcp_client_call_tool (client, "query_expenses_by_category",
                                "{\"category_name\": \"GROCERIES\", \"start\": \"2025-03-01\", "
                                "\"end\": \"2025-03-31\"}");
  assert_totals (march, dsn,
                 "c.name = 'Groceries' AND e.spent_on BETWEEN '2025-03-01' AND '2025-03-31'");
  g_assert_cmpstr (json_object_get_string_member (march, "total"), ==, "57.10");
  g_assert_cmpstr (json_object_get_string_member (march, "end"), ==, "2025-03-31");
  assert_expenses_match (json_object_get_array_member (march, "expenses"), dsn);

  /* A limit lists fewer; count and total still cover everything. */
  first = mcp_client_call_tool (client, "query_expenses_by_category",
                                "{\"category_name\": \"Groceries\", \"limit\": 1.0}");
  g_assert_cmpuint (count_listed (first), ==, 1);
  g_assert_true (json_object_get_boolean_member (first, "truncated"));
  assert_totals (first, dsn, "c.name = 'Groceries'");

  spaced = mcp_client_call_tool (client, "query_expenses_by_category",
                                 "{\"category_name\": \"  rent \", \"start\": null}");
  assert_totals (spaced, dsn, "c.name = 'Rent'");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = mcp_client_call_tool_error (client, "query_expenses_by_category",
                                                             bad[i].arguments);

      assert_contains (message, bad[i].mentions);
    }

  mcp_client_finish (client);
}

static void
test_summarize_spending (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonObject) spring = NULL;
  g_autoptr(JsonObject) empty = NULL;
  const char *period = "e.spent_on BETWEEN '2025-03-01' AND '2025-04-30'";
  JsonArray *categories;
  const struct
  {
    const char *arguments;
    const char *mentions;
  } bad[] = {
    { "{\"start\": \"2025-03-01\"}", "end" },
    { "{}", "start" },
    { "{\"start\": \"2025-03-01\", \"end\": \"2025-02-29\"}", "end" },
    { "{\"start\": \"2025-05-01\", \"end\": \"2025-03-01\"}", "after" },
    { "{\"start\": \"2025-03-01\", \"end\": \"2025-04-30\", \"category\": \"Rent\"}",
      "“category”" },
    { "{\"start\": 20250301, \"end\": \"2025-04-30\"}", "string" },
  };

  mcp_test_seed (store);
  client = start_initialized (dsn, FALSE);

  spring = mcp_client_call_tool (client, "summarize_spending",
                                 "{\"start\": \"2025-03-01\", \"end\": \"2025-04-30\"}");
  g_assert_cmpstr (json_object_get_string_member (spring, "start"), ==, "2025-03-01");
  g_assert_cmpstr (json_object_get_string_member (spring, "end"), ==, "2025-04-30");
  assert_totals (spring, dsn, period);

  /* Per category, largest first, each as the database sums it. */
  categories = json_object_get_array_member (spring, "categories");
  g_assert_cmpuint (json_array_get_length (categories), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (element (categories, 0), "name"), ==, "Rent");
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonObject *category = json_array_get_object_element (categories, i);
      g_autofree char *where = g_strdup_printf ("%s AND c.name = '%s'", period,
                                                json_object_get_string_member (category, "name"));

      assert_totals (category, dsn, where);
    }

  empty = mcp_client_call_tool (client, "summarize_spending",
                                "{\"start\": \"2000-01-01\", \"end\": \"2000-12-31\"}");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (empty, "categories")),
                    ==, 0);
  g_assert_cmpstr (json_object_get_string_member (empty, "total"), ==, "0.00");
  g_assert_cmpint (json_object_get_int_member (empty, "count"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = mcp_client_call_tool_error (client, "summarize_spending",
                                                             bad[i].arguments);

      assert_contains (message, bad[i].mentions);
    }

  mcp_client_finish (client);
}

/* "YYYY-MM total count," for each month with expenses. */
static char *
describe_months (JsonArray *months)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (months); i++)
    {
      JsonObject *month = json_array_get_object_element (months, i);

      if (json_object_get_int_member (month, "count") > 0)
        g_string_append_printf (text, "%s %s %" G_GINT64_FORMAT ",",
                                json_object_get_string_member (month, "month"),
                                json_object_get_string_member (month, "total"),
                                json_object_get_int_member (month, "count"));
    }

  return g_string_free (text, FALSE);
}

static void
check_months (McpClient  *client,
              const char *dsn,
              const char *arguments,
              guint       n_months)
{
  g_autoptr(JsonObject) result = mcp_client_call_tool (client, "monthly_totals", arguments);
  JsonArray *months = json_object_get_array_member (result, "months");
  g_autofree char *range = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *this_month = NULL;

  g_assert_cmpuint (json_array_get_length (months), ==, n_months);

  /* Oldest first, ending with this month. */
  this_month = mcp_test_query (dsn, "SELECT to_char (current_date, 'YYYY-MM')");
  g_assert_cmpstr (json_object_get_string_member (element (months, n_months - 1), "month"),
                   ==, this_month);

  range = g_strdup_printf ("e.spent_on >= date_trunc ('month', current_date) "
                           "                - interval '%u months' "
                           "AND e.spent_on < date_trunc ('month', current_date) "
                           "                + interval '1 month'",
                           n_months - 1);
  assert_totals (result, dsn, range);

  expected = mcp_test_query (dsn,
                             "SELECT coalesce (string_agg (m || ' ' || total || ' ' || n || ',', "
                             "                             '' ORDER BY m), '') "
                             "FROM (SELECT to_char (e.spent_on, 'YYYY-MM') AS m, "
                             "             sum (e.amount) AS total, count(*) AS n "
                             "      FROM outlay.expenses e WHERE %s GROUP BY 1) t", range);
  listed = describe_months (months);
  g_assert_cmpstr (listed, ==, expected);
}

static void
test_monthly_totals (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(McpClient) client = NULL;
  const struct
  {
    const char *arguments;
    const char *mentions;
  } bad[] = {
    { "{\"months\": 0}", "at least 1" },
    { "{\"months\": -3}", "at least 1" },
    { "{\"months\": 121}", "at most 120" },
    { "{\"months\": \"12\"}", "integer" },
    { "{\"months\": 1.5}", "integer" },
    { "{\"months\": 1e400}", "integer" },
    { "{\"month\": 3}", "“month”" },
  };

  mcp_test_seed (store);
  client = start_initialized (dsn, FALSE);

  check_months (client, dsn, "{}", 12);
  check_months (client, dsn, "{\"months\": 2}", 2);
  check_months (client, dsn, "{\"months\": 120}", 120);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = mcp_client_call_tool_error (client, "monthly_totals",
                                                             bad[i].arguments);

      assert_contains (message, bad[i].mentions);
    }

  mcp_client_finish (client);
}

static void
test_search_expenses (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(McpClient) client = NULL;
  g_autoptr(JsonObject) rent = NULL;
  g_autoptr(JsonObject) percent = NULL;
  g_autoptr(JsonObject) nothing = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *long_arguments = NULL;
  JsonArray *expenses;
  const struct
  {
    const char *arguments;
    const char *mentions;
  } bad[] = {
    { "{\"text\": \"\"}", "text" },
    { "{}", "text" },
    { "{\"text\": \"rent\", \"limit\": 5000}", "at most 1000" },
    { "{\"text\": \"rent\", \"query\": \"rent\"}", "“query”" },
    { "{\"text\": false}", "string" },
  };

  mcp_test_seed (store);
  client = start_initialized (dsn, FALSE);

  rent = mcp_client_call_tool (client, "search_expenses", "{\"text\": \"RENT\"}");
  g_assert_cmpstr (json_object_get_string_member (rent, "text"), ==, "RENT");
  assert_totals (rent, dsn, "e.description ILIKE '%rent%' OR e.note ILIKE '%rent%'");
  g_assert_cmpint (json_object_get_int_member (rent, "count"), ==, 2);
  assert_expenses_match (json_object_get_array_member (rent, "expenses"), dsn);

  /* Taken literally, not as a pattern. */
  percent = mcp_client_call_tool (client, "search_expenses", "{\"text\": \"50%\", \"limit\": 10}");
  g_assert_cmpint (json_object_get_int_member (percent, "count"), ==, 1);
  expenses = json_object_get_array_member (percent, "expenses");
  g_assert_cmpstr (json_object_get_string_member (element (expenses, 0), "description"),
                   ==, "50% off train");

  nothing = mcp_client_call_tool (client, "search_expenses", "{\"text\": \"caviar\"}");
  g_assert_cmpint (json_object_get_int_member (nothing, "count"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (nothing, "total"), ==, "0.00");
  g_assert_cmpuint (count_listed (nothing), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = mcp_client_call_tool_error (client, "search_expenses",
                                                             bad[i].arguments);

      assert_contains (message, bad[i].mentions);
    }

  long_text = g_strnfill (201, 'a');
  long_arguments = g_strdup_printf ("{\"text\": \"%s\"}", long_text);
  g_free (mcp_client_call_tool_error (client, "search_expenses", long_arguments));

  mcp_client_finish (client);
}

static gint64
count_expenses (const char *dsn)
{
  return outlay_test_db_query_int64 (dsn, "SELECT count(*) FROM outlay.expenses");
}

static void
test_add_expense_read_only (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(McpClient) client = NULL;
  g_autofree char *message = NULL;
  gint64 before;

  mcp_test_seed (store);
  before = count_expenses (dsn);
  client = start_initialized (dsn, FALSE);

  message = mcp_client_call_tool_error (client, "add_expense",
                                        "{\"description\": \"Coffee\", \"amount\": \"3.50\", "
                                        "\"category_name\": \"Groceries\"}");
  assert_contains (message, "--allow-writes");
  g_assert_cmpint (count_expenses (dsn), ==, before);

  mcp_client_finish (client);
  g_assert_cmpint (count_expenses (dsn), ==, before);
}

/* Adds an expense through the server: exactly one new row, as the answer
 * describes it. */
static void
check_add (McpClient  *client,
           const char *dsn,
           const char *arguments,
           const char *expected_row)
{
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonArray) single = json_array_new ();
  g_autofree char *row = NULL;
  gint64 before = count_expenses (dsn);

  added = mcp_client_call_tool (client, "add_expense", arguments);
  g_assert_cmpint (count_expenses (dsn), ==, before + 1);

  row = mcp_test_query (dsn, EXPENSE_ROW_SQL, json_object_get_int_member (added, "id"));
  g_assert_cmpstr (row, ==, expected_row);
  json_array_add_object_element (single, json_object_ref (added));
  assert_expenses_match (single, dsn);
}

static void
test_add_expense (void)
{
  g_autofree char *dsn = NULL;
  g_autoptr(OutlayStore) store = outlay_test_db_new_store (&dsn);
  g_autoptr(McpClient) client = NULL;
  g_autofree char *today = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *long_description = NULL;
  g_autofree char *long_arguments = NULL;
  gint64 before;
  const struct
  {
    const char *arguments;
    const char *mentions;
  } bad[] = {
    { "{\"description\": \"x\", \"amount\": \"-5\", \"category_name\": \"Rent\"}", "amount" },
    { "{\"description\": \"x\", \"amount\": -5, \"category_name\": \"Rent\"}", "amount" },
    { "{\"description\": \"x\", \"amount\": \"0\", \"category_name\": \"Rent\"}", "amount" },
    { "{\"description\": \"x\", \"amount\": \"abc\", \"category_name\": \"Rent\"}", "amount" },
    { "{\"description\": \"x\", \"amount\": \"12.345\", \"category_name\": \"Rent\"}", "amount" },
    { "{\"description\": \"x\", \"amount\": 12.345, \"category_name\": \"Rent\"}", "two decimals" },
    { "{\"description\": \"x\", \"amount\": 1e20, \"category_name\": \"Rent\"}", "too large" },
    { "{\"description\": \"x\", \"amount\": \"1e3\", \"category_name\": \"Rent\"}", "amount" },
    { "{\"description\": \"x\", \"amount\": true, \"category_name\": \"Rent\"}",
      "a string or a number" },
    { "{\"description\": \"x\", \"amount\": \"1.00\", \"category_name\": \"Food\"}",
      "“Groceries”" },
    { "{\"description\": \"\", \"amount\": \"1.00\", \"category_name\": \"Rent\"}", "description" },
    { "{\"description\": \"   \", \"amount\": \"1.00\", \"category_name\": \"Rent\"}",
      "“description”" },
    { "{\"description\": \"x\", \"amount\": \"1.00\", \"category_name\": \"Rent\", "
      "\"date\": \"2025-02-30\"}", "date" },
    { "{\"description\": \"x\", \"amount\": \"1.00\", \"category_name\": \"Rent\", "
      "\"note\": \"n\"}", "“note”" },
    { "{\"description\": \"x\", \"category_name\": \"Rent\"}", "amount" },
  };

  mcp_test_seed (store);
  client = start_initialized (dsn, TRUE);

  check_add (client, dsn,
             "{\"description\": \"Coffee beans\", \"amount\": \"12.50\", "
             "\"category_name\": \"groceries\", \"date\": \"2025-05-02\"}",
             "2025-05-02|Coffee beans|12.50|Groceries");
  /* Numbers with at most two decimals are exact too. */
  check_add (client, dsn,
             "{\"description\": \"Parking\", \"amount\": 7.1, \"category_name\": \"Transport\", "
             "\"date\": \"2025-05-03\"}",
             "2025-05-03|Parking|7.10|Transport");
  check_add (client, dsn,
             "{\"description\": \"Deposit\", \"amount\": 999999999999.99, "
             "\"category_name\": \"Rent\", \"date\": \"2025-05-04\"}",
             "2025-05-04|Deposit|999999999999.99|Rent");
  check_add (client, dsn,
             "{\"description\": \"Fee\", \"amount\": 3, \"category_name\": \"Rent\", "
             "\"date\": \"2025-05-05\"}",
             "2025-05-05|Fee|3.00|Rent");

  /* Today by default. */
  today = mcp_test_query (dsn, "SELECT current_date::text");
  expected = g_strdup_printf ("%s|Lunch|8.90|Groceries", today);
  check_add (client, dsn,
             "{\"description\": \"Lunch\", \"amount\": \"8.90\", \"category_name\": \"Groceries\"}",
             expected);

  before = count_expenses (dsn);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = mcp_client_call_tool_error (client, "add_expense",
                                                             bad[i].arguments);

      assert_contains (message, bad[i].mentions);
    }

  long_description = g_strnfill (201, 'd');
  long_arguments = g_strdup_printf ("{\"description\": \"%s\", \"amount\": \"1.00\", "
                                    "\"category_name\": \"Rent\"}", long_description);
  g_free (mcp_client_call_tool_error (client, "add_expense", long_arguments));

  g_assert_cmpint (count_expenses (dsn), ==, before);

  mcp_client_finish (client);
}

static void
test_unreachable_books (void)
{
  g_autofree char *dsn = g_strconcat (outlay_test_db_server_dsn (), " dbname=outlay_missing", NULL);
  g_autoptr(McpClient) client = start_initialized (dsn, FALSE);

  /* A tool error with the reason, and the server keeps going (and tries
   * again on the next call). */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *message = mcp_client_call_tool_error (client, "list_categories", "{}");

      assert_contains (message, "Could not open the books");
      assert_contains (message, "outlay_missing");
      assert_alive (client);
    }

  mcp_client_finish (client);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outlay/mcp/lifecycle/initialize-versions", test_initialize_versions);
  g_test_add_func ("/outlay/mcp/lifecycle/initialize-errors", test_initialize_errors);
  g_test_add_func ("/outlay/mcp/lifecycle/before-initialize", test_before_initialize);
  g_test_add_func ("/outlay/mcp/lifecycle/ping", test_ping);
  g_test_add_func ("/outlay/mcp/lifecycle/end-of-input", test_end_of_input);
  g_test_add_func ("/outlay/mcp/lifecycle/signals", test_signals);
  g_test_add_func ("/outlay/mcp/jsonrpc/parse-errors", test_parse_errors);
  g_test_add_func ("/outlay/mcp/jsonrpc/invalid-requests", test_invalid_requests);
  g_test_add_func ("/outlay/mcp/jsonrpc/method-not-found", test_method_not_found);
  g_test_add_func ("/outlay/mcp/jsonrpc/invalid-params", test_invalid_params);
  g_test_add_func ("/outlay/mcp/jsonrpc/notifications", test_notifications);
  g_test_add_func ("/outlay/mcp/jsonrpc/batches", test_batches);
  g_test_add_func ("/outlay/mcp/jsonrpc/oversized-line", test_oversized_line);
  g_test_add_func ("/outlay/mcp/jsonrpc/not-utf8", test_not_utf8);
  g_test_add_func ("/outlay/mcp/jsonrpc/deep-nesting", test_deep_nesting);
  g_test_add_func ("/outlay/mcp/tools/list", test_tools_list);
  g_test_add_func ("/outlay/mcp/tools/list-categories", test_list_categories);
  g_test_add_func ("/outlay/mcp/tools/query-expenses-by-category", test_query_expenses);
  g_test_add_func ("/outlay/mcp/tools/summarize-spending", test_summarize_spending);
  g_test_add_func ("/outlay/mcp/tools/monthly-totals", test_monthly_totals);
  g_test_add_func ("/outlay/mcp/tools/search-expenses", test_search_expenses);
  g_test_add_func ("/outlay/mcp/tools/add-expense/read-only", test_add_expense_read_only);
  g_test_add_func ("/outlay/mcp/tools/add-expense/allowed", test_add_expense);
  g_test_add_func ("/outlay/mcp/tools/unreachable-books", test_unreachable_books);

  return g_test_run ();
}
