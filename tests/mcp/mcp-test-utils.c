/* mcp-test-utils.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mcp-test-utils.h"

struct _McpClient
{
  GSubprocess      *process;
  GOutputStream    *input;
  GDataInputStream *output;
  gint64            next_id;
};

char *
mcp_test_server_path (void)
{
  const char *build_root = g_getenv ("OUTLAY_BUILD_ROOT");

  g_assert_nonnull (build_root);
  return g_build_filename (build_root, "src", "mcp", "outlay-mcp", NULL);
}

static gint64
seed_category (OutlayStore *store,
               const char  *name,
               const char  *color,
               gint64       budget)
{
  g_autoptr(OutlayCategory) category = outlay_category_new (name);
  g_autoptr(GError) error = NULL;

  outlay_category_set_color (category, color);
  outlay_category_set_monthly_budget (category, budget);
  outlay_store_add_category (store, category, NULL, &error);
  g_assert_no_error (error);

  return outlay_category_get_id (category);
}

static void
seed_expense (OutlayStore *store,
              gint64       category_id,
              const char  *description,
              gint64       amount,
              const GDate *date)
{
  g_autoptr(OutlayExpense) expense = outlay_expense_new ();
  g_autoptr(GError) error = NULL;

  outlay_expense_set_category_id (expense, category_id);
  outlay_expense_set_description (expense, description);
  outlay_expense_set_amount (expense, amount);
  outlay_expense_set_date (expense, date);
  outlay_store_add_expense (store, expense, NULL, &error);
  g_assert_no_error (error);
}

static void
seed_expense_on (OutlayStore *store,
                 gint64       category_id,
                 const char  *description,
                 gint64       amount,
                 const char  *iso)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  outlay_date_parse_iso (iso, &date, &error);
  g_assert_no_error (error);
  seed_expense (store, category_id, description, amount, &date);
}

void
mcp_test_seed (OutlayStore *store)
{
  gint64 groceries = seed_category (store, "Groceries", "#33d17a", 40000);
  gint64 rent = seed_category (store, "Rent", NULL, 0);
  gint64 transport = seed_category (store, "Transport", "#3584e4", 5000);
  GDate today;
  GDate this_month;
  GDate last_month;
  GDate end;

  seed_expense_on (store, groceries, "Weekly shop", 4510, "2025-03-08");
  seed_expense_on (store, groceries, "Farmers market", 1200, "2025-03-22");
  seed_expense_on (store, rent, "March rent", 90000, "2025-03-01");
  seed_expense_on (store, rent, "April rent", 90000, "2025-04-01");
  seed_expense_on (store, transport, "Bus ticket", 280, "2025-03-15");
  seed_expense_on (store, transport, "50% off train", 1999, "2025-03-20");

  outlay_date_set_today (&today);
  outlay_date_month_bounds (&today, &this_month, &end);
  last_month = this_month;
  g_date_subtract_months (&last_month, 1);
  seed_expense (store, groceries, "Milk", 250, &this_month);
  seed_expense (store, groceries, "Big shop", 12000, &last_month);
}

McpClient *
mcp_client_new (const char *dsn,
                gboolean    allow_writes)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mcp_test_server_path ();
  McpClient *client = g_new0 (McpClient, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* Nowhere near a .env file, and the books only where the test says. */
  g_subprocess_launcher_set_cwd (launcher, g_get_tmp_dir ());
  if (dsn != NULL)
    g_subprocess_launcher_setenv (launcher, "DATABASE_URL", dsn, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "DATABASE_URL");

  client->process = g_subprocess_launcher_spawn (launcher, &error, path,
                                                 allow_writes ? "--allow-writes" : NULL, NULL);
  g_assert_no_error (error);

  client->input = g_object_ref (g_subprocess_get_stdin_pipe (client->process));
  client->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (client->process));
  client->next_id = 1;

  return client;
}

GSubprocess *
mcp_client_get_process (McpClient *client)
{
  return client->process;
}

void
mcp_client_send_raw (McpClient  *client,
                     const char *data,
                     gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (client->input, data, length, NULL, NULL, &error);
  g_assert_no_error (error);
}

void
mcp_client_send (McpClient  *client,
                 const char *line)
{
  mcp_client_send_raw (client, line, strlen (line));
  mcp_client_send_raw (client, "\n", 1);
}

JsonNode *
mcp_client_receive (McpClient *client)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length;

  line = g_data_input_stream_read_line_utf8 (client->output, &length, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);

  json_parser_load_from_data (parser, line, length, &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
}

JsonObject *
mcp_client_request (McpClient  *client,
                    const char *method,
                    const char *params)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *request = NULL;
  gint64 id = client->next_id++;
  JsonObject *response;

  request = g_strdup_printf ("{\"jsonrpc\": \"2.0\", \"id\": %" G_GINT64_FORMAT ", "
                             "\"method\": \"%s\"%s%s}",
                             id, method, params != NULL ? ", \"params\": " : "",
                             params != NULL ? params : "");
  mcp_client_send (client, request);

  node = mcp_client_receive (client);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  response = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (response, "jsonrpc"), ==, "2.0");
  g_assert_cmpint (json_object_get_int_member (response, "id"), ==, id);

  return json_object_ref (response);
}

JsonObject *
mcp_client_result (McpClient  *client,
                   const char *method,
                   const char *params)
{
  g_autoptr(JsonObject) response = mcp_client_request (client, method, params);

  if (json_object_has_member (response, "error"))
    g_error ("%s failed: %s", method,
             json_object_get_string_member (json_object_get_object_member (response, "error"),
                                            "message"));

  return json_object_ref (json_object_get_object_member (response, "result"));
}

char *
mcp_client_error (JsonObject *response,
                  int         code)
{
  JsonObject *error;

  g_assert_false (json_object_has_member (response, "result"));
  error = json_object_get_object_member (response, "error");
  g_assert_nonnull (error);
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, code);

  return g_strdup (json_object_get_string_member (error, "message"));
}

void
mcp_client_initialize (McpClient  *client,
                       const char *version)
{
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *params = NULL;

  params = g_strdup_printf ("{\"protocolVersion\": \"%s\", \"capabilities\": {}, "
                            "\"clientInfo\": {\"name\": \"test-mcp\", \"version\": \"1\"}}",
                            version);
  result = mcp_client_result (client, "initialize", params);
  g_assert_cmpstr (json_object_get_string_member (result, "protocolVersion"), ==, version);
  mcp_client_send (client, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
}

static JsonObject *
call_tool (McpClient  *client,
           const char *name,
           const char *arguments)
{
  g_autofree char *params = NULL;

  params = g_strdup_printf ("{\"name\": \"%s\", \"arguments\": %s}", name,
                            arguments != NULL ? arguments : "{}");
  return mcp_client_result (client, "tools/call", params);
}

static const char *
content_text (JsonObject *result)
{
  JsonArray *content = json_object_get_array_member (result, "content");
  JsonObject *block;

  g_assert_cmpuint (json_array_get_length (content), ==, 1);
  block = json_array_get_object_element (content, 0);
  g_assert_cmpstr (json_object_get_string_member (block, "type"), ==, "text");

  return json_object_get_string_member (block, "text");
}

JsonObject *
mcp_client_call_tool (McpClient  *client,
                      const char *name,
                      const char *arguments)
{
  g_autoptr(JsonObject) result = call_tool (client, name, arguments);

  if (json_object_get_boolean_member (result, "isError"))
    g_error ("%s failed: %s", name, content_text (result));

  /* The readable copy is there too. */
  g_assert_cmpstr (content_text (result), !=, "");

  return json_object_ref (json_object_get_object_member (result, "structuredContent"));
}

char *
mcp_client_call_tool_error (McpClient  *client,
                            const char *name,
                            const char *arguments)
{
  g_autoptr(JsonObject) result = call_tool (client, name, arguments);

  g_assert_true (json_object_get_boolean_member (result, "isError"));
  g_assert_false (json_object_has_member (result, "structuredContent"));

  return g_strdup (content_text (result));
}

void
mcp_client_finish (McpClient *client)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (client->input, NULL, &error);
  g_assert_no_error (error);

  g_subprocess_wait_check (client->process, NULL, &error);
  g_assert_no_error (error);
}

void
mcp_client_free (McpClient *client)
{
  if (client == NULL)
    return;

  /* A test that failed halfway leaves the server running. */
  if (g_subprocess_get_identifier (client->process) != NULL)
    g_subprocess_force_exit (client->process);

  g_clear_object (&client->input);
  g_clear_object (&client->output);
  g_clear_object (&client->process);
  g_free (client);
}
