/* outlay-mcp-server.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "outlay-core.h"
#include "outlay-mcp-server.h"

/* Read in pieces this big, so a line never has to fit in one read. */
#define READ_BUFFER_SIZE (64 * 1024)

/* json-glib 1.6 recurses once per level of nesting: a line of a million '['
 * would overflow the stack. No MCP message comes anywhere near this. */
#define MAX_DEPTH 128

/* The only version whose transport accepts JSON-RPC batches: 2025-06-18
 * removed them again. */
#define BATCH_VERSION "2025-03-26"

/* Newest first: an unknown version is answered with the newest. */
static const char * const protocol_versions[] = {
  "2025-11-25",
  "2025-06-18",
  "2025-03-26",
  "2024-11-05",
};

/* JSON-RPC 2.0 error codes, carried as the codes of RPC_ERROR. */
enum
{
  RPC_PARSE_ERROR = -32700,
  RPC_INVALID_REQUEST = -32600,
  RPC_METHOD_NOT_FOUND = -32601,
  RPC_INVALID_PARAMS = -32602,
  RPC_INTERNAL_ERROR = -32603,
};

struct _OutlayMcpServer
{
  GObject               parent_instance;

  GBufferedInputStream *input;
  GOutputStream        *output;
  OutlayMcpTools       *tools;

  /* Reading, in the main context. */
  GTask                *run_task;
  GString              *line;
  gboolean              line_too_long;
  gboolean              at_eof;
  char                 *reply;

  /* Handling, in one worker thread at a time. NULL until initialize. */
  char                 *protocol_version;
};

G_DEFINE_FINAL_TYPE (OutlayMcpServer, outlay_mcp_server, G_TYPE_OBJECT)

typedef JsonNode *(*RequestHandler) (OutlayMcpServer  *self,
                                     JsonObject       *params,
                                     gboolean          in_batch,
                                     GCancellable     *cancellable,
                                     GError          **error);

static void read_lines (OutlayMcpServer *self);

static GQuark
rpc_error_quark (void)
{
  return g_quark_from_static_string ("outlay-mcp-rpc-error-quark");
}

#define RPC_ERROR (rpc_error_quark ())

/* --- JSON syntax ---------------------------------------------------------------------- */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;

  return p;
}

static gboolean
scan_string (const char **pos,
             const char  *end)
{
  const char *p = *pos + 1;

  while (p < end)
    {
      guchar c = *p++;

      if (c == '"')
        {
          *pos = p;
          return TRUE;
        }

      if (c < 0x20)
        return FALSE;

      if (c != '\\')
        continue;

      if (p == end)
        return FALSE;

      c = *p++;
      if (c == 'u')
        {
          if (end - p < 4)
            return FALSE;
          for (int i = 0; i < 4; i++)
            if (!g_ascii_isxdigit (p[i]))
              return FALSE;
          p += 4;
        }
      else if (c == '\0' || strchr ("\"\\/bfnrt", c) == NULL)
        {
          return FALSE;
        }
    }

  return FALSE;
}

static gboolean
scan_digits (const char **pos,
             const char  *end)
{
  const char *p = *pos;

  while (p < end && g_ascii_isdigit (*p))
    p++;

  if (p == *pos)
    return FALSE;

  *pos = p;
  return TRUE;
}

static gboolean
scan_number (const char **pos,
             const char  *end,
             gboolean    *out_integer)
{
  const char *p = *pos;

  *out_integer = TRUE;

  if (*p == '-')
    p++;

  if (p < end && *p == '0')
    p++;
  else if (!scan_digits (&p, end))
    return FALSE;

  if (p < end && *p == '.')
    {
      p++;
      *out_integer = FALSE;
      if (!scan_digits (&p, end))
        return FALSE;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      *out_integer = FALSE;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (!scan_digits (&p, end))
        return FALSE;
    }

  *pos = p;
  return TRUE;
}

/* Whether the integer literal @text fits in a gint64. json-glib 1.6 would
 * wrap it around silently (2^64 reads as -1). */
static gboolean
integer_fits (const char *text,
              gsize       length)
{
  gboolean negative = text[0] == '-';
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
  gsize n_digits = length - (negative ? 1 : 0);

  if (n_digits != strlen (limit))
    return n_digits < strlen (limit);

  return memcmp (text + (negative ? 1 : 0), limit, n_digits) <= 0;
}

static gboolean
scan_literal (const char **pos,
              const char  *end)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize length = strlen (literals[i]);

      if ((gsize) (end - *pos) >= length && memcmp (*pos, literals[i], length) == 0)
        {
          *pos += length;
          return TRUE;
        }
    }

  return FALSE;
}

/* Sets *@out_integer for numbers without fraction or exponent. */
static gboolean
scan_scalar (const char **pos,
             const char  *end,
             gboolean    *out_integer)
{
  *out_integer = FALSE;

  if (**pos == '"')
    return scan_string (pos, end);
  if (**pos == '-' || g_ascii_isdigit (**pos))
    return scan_number (pos, end, out_integer);

  return scan_literal (pos, end);
}

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,
  AFTER_VALUE,
} SyntaxState;

/* Checks that @text is exactly one JSON value (RFC 8259) nested at most
 * MAX_DEPTH deep, without recursion. json-glib 1.6 is more lenient (comments,
 * single quotes, text after the value) and recursive, so it only sees what
 * passed here. */
static gboolean
check_syntax (const char  *text,
              gsize        length,
              GError     **error)
{
  const char *end = text + length;
  const char *p;
  char open[MAX_DEPTH];
  guint depth = 0;
  SyntaxState state = EXPECT_VALUE;

  for (p = skip_space (text, end); p < end; p = skip_space (p, end))
    {
      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
          if (*p == ']')
            {
              depth--;
              p++;
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (*p == '[' || *p == '{')
            {
              if (depth == MAX_DEPTH)
                {
                  g_set_error (error, RPC_ERROR, RPC_PARSE_ERROR,
                               _("Parse error: the message is nested more than %d levels deep"),
                               MAX_DEPTH);
                  return FALSE;
                }
              open[depth++] = *p;
              state = *p == '[' ? EXPECT_VALUE_OR_CLOSE : EXPECT_KEY_OR_CLOSE;
              p++;
            }
          else
            {
              const char *start = p;
              gboolean integer;

              if (!scan_scalar (&p, end, &integer))
                goto invalid;

              if (integer && !integer_fits (start, p - start))
                {
                  g_set_error (error, RPC_ERROR, RPC_PARSE_ERROR,
                               _("Parse error: the integer at byte %zu is beyond "
                                 "64 bits"), (gsize) (start - text));
                  return FALSE;
                }

              state = AFTER_VALUE;
            }
          break;

        case EXPECT_KEY_OR_CLOSE:
          if (*p == '}')
            {
              depth--;
              p++;
              state = AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          if (*p != '"' || !scan_string (&p, end))
            goto invalid;
          p = skip_space (p, end);
          if (p == end || *p != ':')
            goto invalid;
          p++;
          state = EXPECT_VALUE;
          break;

        case AFTER_VALUE:
          if (depth == 0)
            goto invalid;
          if (*p == ',')
            state = open[depth - 1] == '[' ? EXPECT_VALUE : EXPECT_KEY;
          else if (*p == (open[depth - 1] == '[' ? ']' : '}'))
            depth--;
          else
            goto invalid;
          p++;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (state == AFTER_VALUE && depth == 0)
    return TRUE;

invalid:
  g_set_error (error, RPC_ERROR, RPC_PARSE_ERROR,
               _("Parse error: the message is not valid JSON (at byte %zu)"),
               (gsize) (p - text));
  return FALSE;
}

/* --- Responses ------------------------------------------------------------------------ */

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* Takes @value. */
static JsonNode *
make_response (JsonNode   *id,
               const char *member,
               JsonNode   *value)
{
  JsonObject *response = json_object_new ();

  json_object_set_string_member (response, "jsonrpc", "2.0");
  json_object_set_member (response, "id",
                          id != NULL ? json_node_copy (id) : json_node_new (JSON_NODE_NULL));
  json_object_set_member (response, member, value);

  return object_node (response);
}

static JsonNode *
error_response (JsonNode     *id,
                const GError *error)
{
  JsonObject *body = json_object_new ();

  json_object_set_int_member (body, "code",
                              error->domain == RPC_ERROR ? error->code : RPC_INTERNAL_ERROR);
  json_object_set_string_member (body, "message", error->message);

  return make_response (id, "error", object_node (body));
}

/* --- Requests ------------------------------------------------------------------------- */

static char *
make_instructions (OutlayMcpServer *self)
{
  g_autofree char *today = NULL;
  GString *text = g_string_new (NULL);
  GDate date;

  outlay_date_set_today (&date);
  today = outlay_date_to_iso (&date);

  g_string_append (text,
                   "Outlay is the user's personal expense tracker. These tools read their books: "
                   "list_categories gives the category names with their monthly budgets and what "
                   "was spent this month; query_expenses_by_category answers questions such as "
                   "\"How much did I spend on groceries last month?\"; summarize_spending breaks a "
                   "period down by category; monthly_totals shows spending month by month; "
                   "search_expenses finds expenses by words in their description or note.");
  if (outlay_mcp_tools_get_allow_writes (self->tools))
    g_string_append (text, " add_expense records a new expense: add only what the user asked for.");
  g_string_append_printf (text,
                          " Amounts are decimal strings with two decimals (\"12.50\") in the "
                          "books' currency. Dates are calendar days written YYYY-MM-DD, and a "
                          "period includes its start and end days. Today is %s.", today);

  return g_string_free (text, FALSE);
}

static JsonNode *
handle_initialize (OutlayMcpServer  *self,
                   JsonObject       *params,
                   gboolean          in_batch,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autofree char *instructions = NULL;
  JsonObject *result;
  JsonObject *capabilities;
  JsonObject *tools;
  JsonObject *info;
  JsonNode *requested;
  const char *version = protocol_versions[0];

  if (in_batch)
    {
      g_set_error_literal (error, RPC_ERROR, RPC_INVALID_REQUEST,
                           _("Invalid request: initialize cannot be part of a batch"));
      return NULL;
    }

  if (self->protocol_version != NULL)
    {
      g_set_error (error, RPC_ERROR, RPC_INVALID_REQUEST,
                   _("Invalid request: the session is already initialized (protocol version %s)"),
                   self->protocol_version);
      return NULL;
    }

  requested = json_object_get_member (params, "protocolVersion");
  if (requested == NULL || json_node_get_value_type (requested) != G_TYPE_STRING)
    {
      g_set_error_literal (error, RPC_ERROR, RPC_INVALID_PARAMS,
                           _("Invalid params: “protocolVersion” must be a string such as "
                             "“2025-06-18”"));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (protocol_versions); i++)
    if (g_strcmp0 (json_node_get_string (requested), protocol_versions[i]) == 0)
      version = protocol_versions[i];

  g_debug ("Initialized: the client asked for protocol version %s, using %s",
           json_node_get_string (requested), version);
  self->protocol_version = g_strdup (version);

  tools = json_object_new ();
  json_object_set_boolean_member (tools, "listChanged", FALSE);
  capabilities = json_object_new ();
  json_object_set_object_member (capabilities, "tools", tools);

  instructions = make_instructions (self);
  info = json_object_new ();
  json_object_set_string_member (info, "name", "outlay-mcp");
  json_object_set_string_member (info, "title", "Outlay");
  json_object_set_string_member (info, "version", PACKAGE_VERSION);

  result = json_object_new ();
  json_object_set_string_member (result, "protocolVersion", version);
  json_object_set_object_member (result, "capabilities", capabilities);
  json_object_set_object_member (result, "serverInfo", info);
  json_object_set_string_member (result, "instructions", instructions);

  return object_node (result);
}

static JsonNode *
handle_ping (OutlayMcpServer  *self,
             JsonObject       *params,
             gboolean          in_batch,
             GCancellable     *cancellable,
             GError          **error)
{
  return object_node (json_object_new ());
}

static JsonNode *
handle_tools_list (OutlayMcpServer  *self,
                   JsonObject       *params,
                   gboolean          in_batch,
                   GCancellable     *cancellable,
                   GError          **error)
{
  JsonObject *result;
  JsonNode *cursor = json_object_get_member (params, "cursor");

  /* Every tool is on the first page, so no cursor was ever handed out. */
  if (cursor != NULL && !JSON_NODE_HOLDS_NULL (cursor))
    {
      g_set_error_literal (error, RPC_ERROR, RPC_INVALID_PARAMS,
                           _("Invalid params: unknown cursor (all tools are listed on the "
                             "first page)"));
      return NULL;
    }

  result = json_object_new ();
  json_object_set_array_member (result, "tools", outlay_mcp_tools_list (self->tools));

  return object_node (result);
}

static JsonNode *
handle_tools_call (OutlayMcpServer  *self,
                   JsonObject       *params,
                   gboolean          in_batch,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(JsonObject) no_arguments = NULL;
  JsonNode *name = json_object_get_member (params, "name");
  JsonNode *arguments = json_object_get_member (params, "arguments");
  const char *tool;

  if (name == NULL || json_node_get_value_type (name) != G_TYPE_STRING ||
      *json_node_get_string (name) == '\0')
    {
      g_set_error_literal (error, RPC_ERROR, RPC_INVALID_PARAMS,
                           _("Invalid params: “name” must be the name of a tool (see tools/list)"));
      return NULL;
    }
  tool = json_node_get_string (name);

  if (arguments != NULL && !JSON_NODE_HOLDS_NULL (arguments) && !JSON_NODE_HOLDS_OBJECT (arguments))
    {
      g_set_error_literal (error, RPC_ERROR, RPC_INVALID_PARAMS,
                           _("Invalid params: “arguments” must be an object"));
      return NULL;
    }

  if (!outlay_mcp_tools_knows (self->tools, tool))
    {
      g_set_error (error, RPC_ERROR, RPC_INVALID_PARAMS, _("Unknown tool: %s"), tool);
      return NULL;
    }

  g_debug ("Calling %s", tool);

  if (arguments == NULL || JSON_NODE_HOLDS_NULL (arguments))
    {
      no_arguments = json_object_new ();
      return object_node (outlay_mcp_tools_call (self->tools, tool, no_arguments, cancellable));
    }

  return object_node (outlay_mcp_tools_call (self->tools, tool, json_node_get_object (arguments),
                                             cancellable));
}

static const struct
{
  const char     *name;
  RequestHandler  handler;
  gboolean        before_initialize;
} methods[] = {
  { "initialize", handle_initialize, TRUE },
  { "ping", handle_ping, TRUE },
  { "tools/list", handle_tools_list, FALSE },
  { "tools/call", handle_tools_call, FALSE },
};

static JsonNode *
handle_request (OutlayMcpServer *self,
                JsonNode        *id,
                const char      *method,
                JsonNode        *params,
                gboolean         in_batch,
                GCancellable    *cancellable)
{
  g_autoptr(JsonObject) no_params = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *result = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_str_equal (method, methods[i].name))
      break;

  if (i == G_N_ELEMENTS (methods))
    error = g_error_new (RPC_ERROR, RPC_METHOD_NOT_FOUND, _("Method not found: %s"), method);
  else if (!methods[i].before_initialize && self->protocol_version == NULL)
    error = g_error_new (RPC_ERROR, RPC_INVALID_REQUEST,
                         _("Invalid request: the session is not initialized; send "
                           "“initialize” first"));
  else if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params))
    error = g_error_new_literal (RPC_ERROR, RPC_INVALID_PARAMS,
                                 _("Invalid params: “params” must be an object"));
  else
    {
      if (params == NULL)
        no_params = json_object_new ();
      result = methods[i].handler (self,
                                   params != NULL ? json_node_get_object (params) : no_params,
                                   in_batch, cancellable, &error);
    }

  if (result == NULL)
    return error_response (id, error);

  return make_response (id, "result", result);
}

static gboolean
is_valid_id (JsonNode *id)
{
  GType type = json_node_get_value_type (id);

  /* MCP forbids null ids; JSON-RPC discourages fractions. */
  return type == G_TYPE_STRING || type == G_TYPE_INT64;
}

/* Returns the response to @node, or NULL when there is none (notifications,
 * responses from the client). */
static JsonNode *
handle_message (OutlayMcpServer *self,
                JsonNode        *node,
                gboolean         in_batch,
                GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  JsonObject *message;
  JsonNode *id;
  JsonNode *version;
  JsonNode *method;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      error = g_error_new_literal (RPC_ERROR, RPC_INVALID_REQUEST,
                                   _("Invalid request: a message must be a JSON object"));
      return error_response (NULL, error);
    }

  message = json_node_get_object (node);
  id = json_object_get_member (message, "id");
  version = json_object_get_member (message, "jsonrpc");
  method = json_object_get_member (message, "method");

  if (id != NULL && !is_valid_id (id))
    {
      error = g_error_new_literal (RPC_ERROR, RPC_INVALID_REQUEST,
                                   _("Invalid request: “id” must be a string or an integer"));
      return error_response (NULL, error);
    }

  if (version == NULL || json_node_get_value_type (version) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (version), "2.0"))
    {
      error = g_error_new_literal (RPC_ERROR, RPC_INVALID_REQUEST,
                                   _("Invalid request: “jsonrpc” must be “2.0”"));
      return error_response (id, error);
    }

  /* A response to a request of the server's: it sends none, so there is
   * nothing to match it with. */
  if (method == NULL && id != NULL &&
      (json_object_has_member (message, "result") || json_object_has_member (message, "error")))
    return NULL;

  if (method == NULL || json_node_get_value_type (method) != G_TYPE_STRING)
    {
      error = g_error_new_literal (RPC_ERROR, RPC_INVALID_REQUEST,
                                   _("Invalid request: “method” must be a string"));
      return error_response (id, error);
    }

  /* Notifications are never answered; initialized, cancelled and the rest
   * need nothing from a server that handles one request at a time. */
  if (id == NULL)
    {
      g_debug ("Notification %s", json_node_get_string (method));
      return NULL;
    }

  return handle_request (self, id, json_node_get_string (method),
                         json_object_get_member (message, "params"), in_batch, cancellable);
}

static JsonNode *
handle_batch (OutlayMcpServer *self,
              JsonArray       *batch,
              GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  JsonArray *responses;
  JsonNode *node;

  if (self->protocol_version == NULL)
    error = g_error_new_literal (RPC_ERROR, RPC_INVALID_REQUEST,
                                 _("Invalid request: batches are not accepted; send one "
                                   "message per line"));
  else if (!g_str_equal (self->protocol_version, BATCH_VERSION))
    error = g_error_new (RPC_ERROR, RPC_INVALID_REQUEST,
                         _("Invalid request: protocol version %s has no batches; send one "
                           "message per line"),
                         self->protocol_version);
  else if (json_array_get_length (batch) == 0)
    error = g_error_new_literal (RPC_ERROR, RPC_INVALID_REQUEST,
                                 _("Invalid request: the batch is empty"));

  if (error != NULL)
    return error_response (NULL, error);

  responses = json_array_new ();
  for (guint i = 0; i < json_array_get_length (batch); i++)
    {
      JsonNode *response = handle_message (self, json_array_get_element (batch, i), TRUE,
                                           cancellable);

      if (response != NULL)
        json_array_add_element (responses, response);
    }

  if (json_array_get_length (responses) == 0)
    {
      json_array_unref (responses);
      return NULL;
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, responses);
  return node;
}

/* @line is NULL for a line longer than OUTLAY_MCP_MAX_MESSAGE. */
static JsonNode *
handle_line (OutlayMcpServer *self,
             GBytes          *line,
             GCancellable    *cancellable)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gsize length;
  JsonNode *root;

  if (line == NULL)
    {
      error = g_error_new (RPC_ERROR, RPC_INVALID_REQUEST,
                           _("Invalid request: the message is longer than %d bytes and was "
                             "ignored"),
                           OUTLAY_MCP_MAX_MESSAGE);
      return error_response (NULL, error);
    }

  text = g_bytes_get_data (line, &length);
  if (length == 0 || skip_space (text, text + length) == text + length)
    return NULL;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      error = g_error_new_literal (RPC_ERROR, RPC_PARSE_ERROR,
                                   _("Parse error: the message is not valid UTF-8"));
      return error_response (NULL, error);
    }

  if (!check_syntax (text, length, &error))
    return error_response (NULL, error);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &json_error))
    {
      error = g_error_new (RPC_ERROR, RPC_PARSE_ERROR, _("Parse error: %s"), json_error->message);
      return error_response (NULL, error);
    }

  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root))
    return handle_batch (self, json_node_get_array (root), cancellable);

  return handle_message (self, root, FALSE, cancellable);
}

/* --- Reading and writing -------------------------------------------------------------- */

static void
finish_run (OutlayMcpServer *self,
            GError          *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->run_task);

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
    }
  else
    {
      g_task_return_error (task, error);
    }
}

static void
handle_line_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(JsonNode) response = handle_line (source_object, task_data, cancellable);

  g_task_return_pointer (task, response != NULL ? json_to_string (response, FALSE) : NULL, g_free);
}

static void
reply_written_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OutlayMcpServer *self = user_data;
  GError *error = NULL;

  g_clear_pointer (&self->reply, g_free);

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    finish_run (self, error);
  else if (self->at_eof)
    finish_run (self, NULL);
  else
    read_lines (self);
}

static void
line_handled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OutlayMcpServer *self = OUTLAY_MCP_SERVER (source);
  char *reply = g_task_propagate_pointer (G_TASK (result), NULL);

  if (reply == NULL)
    {
      if (self->at_eof)
        finish_run (self, NULL);
      else
        read_lines (self);
      return;
    }

  self->reply = g_strconcat (reply, "\n", NULL);
  g_free (reply);
  g_output_stream_write_all_async (self->output, self->reply, strlen (self->reply),
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (self->run_task),
                                   reply_written_cb, self);
}

/* Hands the line read so far to a worker and starts a new one. */
static void
dispatch_line (OutlayMcpServer *self)
{
  g_autoptr(GTask) task = NULL;
  gsize length = self->line->len;

  task = g_task_new (self, g_task_get_cancellable (self->run_task), line_handled_cb, NULL);
  g_task_set_source_tag (task, dispatch_line);
  /* A stop requested meanwhile must not swallow the answer being made. */
  g_task_set_check_cancellable (task, FALSE);

  if (!self->line_too_long)
    {
      char *text = g_string_free (g_steal_pointer (&self->line), FALSE);

      g_task_set_task_data (task, g_bytes_new_take (text, length), (GDestroyNotify) g_bytes_unref);
      self->line = g_string_new (NULL);
    }
  self->line_too_long = FALSE;

  g_task_run_in_thread (task, handle_line_thread);
}

/* Keeps at most OUTLAY_MCP_MAX_MESSAGE bytes of a line: the rest of a longer
 * one is dropped as it arrives. */
static void
append_to_line (OutlayMcpServer *self,
                const char      *data,
                gsize            length)
{
  if (self->line_too_long)
    return;

  if (self->line->len + length > OUTLAY_MCP_MAX_MESSAGE)
    {
      self->line_too_long = TRUE;
      g_string_free (self->line, TRUE);
      self->line = g_string_new (NULL);
      return;
    }

  g_string_append_len (self->line, data, length);
}

static void
input_filled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OutlayMcpServer *self = user_data;
  GError *error = NULL;
  gssize n_read;

  n_read = g_buffered_input_stream_fill_finish (G_BUFFERED_INPUT_STREAM (source), result, &error);

  if (n_read < 0)
    {
      finish_run (self, error);
    }
  else if (n_read == 0)
    {
      /* The last line may lack its newline. */
      self->at_eof = TRUE;
      if (self->line->len > 0 || self->line_too_long)
        dispatch_line (self);
      else
        finish_run (self, NULL);
    }
  else
    {
      read_lines (self);
    }
}

/* Consumes buffered input up to the end of the next line, which it then
 * dispatches; refills the buffer when it runs out first. */
static void
read_lines (OutlayMcpServer *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->run_task);

  for (;;)
    {
      const char *data;
      const char *newline;
      gsize available;
      GError *error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          finish_run (self, NULL);
          return;
        }

      data = g_buffered_input_stream_peek_buffer (self->input, &available);
      if (available == 0)
        {
          g_buffered_input_stream_fill_async (self->input, -1, G_PRIORITY_DEFAULT, cancellable,
                                              input_filled_cb, self);
          return;
        }

      newline = memchr (data, '\n', available);
      if (newline != NULL)
        available = newline - data;

      append_to_line (self, data, available);

      /* Skipping what is buffered does no I/O. */
      if (g_input_stream_skip (G_INPUT_STREAM (self->input), available + (newline != NULL ? 1 : 0),
                               NULL, &error) < 0)
        {
          finish_run (self, error);
          return;
        }

      if (newline != NULL)
        {
          dispatch_line (self);
          return;
        }
    }
}

/* --- GObject -------------------------------------------------------------------------- */

static void
outlay_mcp_server_finalize (GObject *object)
{
  OutlayMcpServer *self = (OutlayMcpServer *) object;

  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_object (&self->tools);
  g_string_free (self->line, TRUE);
  g_free (self->reply);
  g_free (self->protocol_version);

  G_OBJECT_CLASS (outlay_mcp_server_parent_class)->finalize (object);
}

static void
outlay_mcp_server_class_init (OutlayMcpServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = outlay_mcp_server_finalize;
}

static void
outlay_mcp_server_init (OutlayMcpServer *self)
{
  self->line = g_string_new (NULL);
}

/* --- Public API ----------------------------------------------------------------------- */

OutlayMcpServer *
outlay_mcp_server_new (GInputStream   *input,
                       GOutputStream  *output,
                       OutlayMcpTools *tools)
{
  OutlayMcpServer *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);
  g_return_val_if_fail (OUTLAY_IS_MCP_TOOLS (tools), NULL);

  self = g_object_new (OUTLAY_TYPE_MCP_SERVER, NULL);
  self->input = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new_sized (input,
                                                                            READ_BUFFER_SIZE));
  self->output = g_object_ref (output);
  self->tools = g_object_ref (tools);

  return self;
}

void
outlay_mcp_server_run_async (OutlayMcpServer     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OUTLAY_IS_MCP_SERVER (self));
  g_return_if_fail (self->run_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, outlay_mcp_server_run_async);
  /* A requested stop is a success, not an error. */
  g_task_set_check_cancellable (task, FALSE);

  self->run_task = g_steal_pointer (&task);
  self->at_eof = FALSE;
  read_lines (self);
}

gboolean
outlay_mcp_server_run_finish (OutlayMcpServer  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (OUTLAY_IS_MCP_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
