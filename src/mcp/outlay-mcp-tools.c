/* outlay-mcp-tools.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdarg.h>

#include <glib/gi18n.h>

#include "outlay-mcp-tools.h"

/* The schemas are JSON written as C tokens: # turns them into text, quotes
 * and all. Unbalanced braces are fine in a macro argument, so shared pieces
 * are spliced in between JSON () runs. */
#define JSON(...) #__VA_ARGS__

#define AMOUNT_SCHEMA(what) \
  JSON ({ "type": "string", "description": ) \
  "\"" what ", a decimal with two places such as \\\"12.50\\\"\" }"

#define EXPENSE_SCHEMA \
  JSON ({ \
    "type": "object", \
    "properties": { \
      "id": { "type": "integer", "description": "The expense's number in Outlay" }, \
      "date": { "type": "string", "format": "date", \
                "description": "The day of the expense (YYYY-MM-DD)" }, \
      "description": { "type": "string" }, \
      "amount": ) AMOUNT_SCHEMA ("The amount") JSON (, \
      "category": { "type": "string", "description": "The category's name" } }, \
    "required": ["id", "date", "description", "amount", "category"], \
    "additionalProperties": false })

/* Shared by the two tools that list expenses. */
#define EXPENSE_LIST_PROPERTIES \
  JSON ( \
    "count": { "type": "integer", "description": "How many expenses match, listed or not" }, \
    "total": ) AMOUNT_SCHEMA ("The sum of every matching expense") JSON (, \
    "expenses": { \
      "type": "array", \
      "description": "The matching expenses, newest first, at most limit of them", \
      "items": ) EXPENSE_SCHEMA JSON (}, \
    "truncated": { "type": "boolean", \
                   "description": "Whether more expenses match than are listed" })

#define LIMIT_SCHEMA \
  JSON ({ \
    "type": "integer", "minimum": 1, "maximum": 1000, "default": 50, \
    "description": "At most this many expenses, newest first (count and total cover all)" })

#define TOTALS_PROPERTIES \
  JSON ("total": ) AMOUNT_SCHEMA ("The sum") JSON (, \
        "count": { "type": "integer", "description": "The number of expenses" })

#define CATEGORY_NAME_SCHEMA \
  JSON ({ \
    "type": "string", "minLength": 1, \
    "description": "The category, matched ignoring case (list_categories has the names)" })

static const char list_categories_input[] =
  JSON ({ "type": "object", "properties": {}, "additionalProperties": false });

static const char list_categories_output[] = JSON ({
  "type": "object",
  "properties": {
    "month": { "type": "string", "description": "This month (YYYY-MM), which month_total covers" },
    "categories": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "name": { "type": "string" },
          "color": { "type": ["string", "null"], "description": "Its color, #rrggbb" },
          "monthly_budget": {
            "type": ["string", "null"],
            "description": "The budget for a month, two decimals; null when none is set" },
          "month_total": { "type": "string", "description": "Spent this month, two decimals" },
          "archived": {
            "type": "boolean",
            "description": "Archived categories keep their old expenses but take no new ones" } },
        "required": ["name", "color", "monthly_budget", "month_total", "archived"],
        "additionalProperties": false } } },
  "required": ["month", "categories"],
  "additionalProperties": false });

static const char query_expenses_input[] = JSON ({
  "type": "object",
  "properties": {
    "category_name": ) CATEGORY_NAME_SCHEMA JSON (,
    "start": { "type": "string", "format": "date",
               "description": "The first day to include (YYYY-MM-DD); omit for no lower bound" },
    "end": { "type": "string", "format": "date",
             "description": "The last day to include (YYYY-MM-DD); omit for no upper bound" },
    "limit": ) LIMIT_SCHEMA JSON ( },
  "required": ["category_name"],
  "additionalProperties": false });

static const char query_expenses_output[] = JSON ({
  "type": "object",
  "properties": {
    "category": { "type": "string", "description": "The category's name as Outlay spells it" },
    "start": { "type": ["string", "null"], "format": "date" },
    "end": { "type": ["string", "null"], "format": "date" },
    ) EXPENSE_LIST_PROPERTIES JSON ( },
  "required": ["category", "start", "end", "count", "total", "expenses", "truncated"],
  "additionalProperties": false });

static const char summarize_spending_input[] = JSON ({
  "type": "object",
  "properties": {
    "start": { "type": "string", "format": "date",
               "description": "The first day to include (YYYY-MM-DD)" },
    "end": { "type": "string", "format": "date",
             "description": "The last day to include (YYYY-MM-DD)" } },
  "required": ["start", "end"],
  "additionalProperties": false });

static const char summarize_spending_output[] = JSON ({
  "type": "object",
  "properties": {
    "start": { "type": "string", "format": "date" },
    "end": { "type": "string", "format": "date" },
    "categories": {
      "type": "array",
      "description": "Each category with expenses in the period, largest total first",
      "items": {
        "type": "object",
        "properties": {
          "name": { "type": "string" },
          ) TOTALS_PROPERTIES JSON ( },
        "required": ["name", "total", "count"],
        "additionalProperties": false } },
    ) TOTALS_PROPERTIES JSON ( },
  "required": ["start", "end", "categories", "total", "count"],
  "additionalProperties": false });

static const char monthly_totals_input[] = JSON ({
  "type": "object",
  "properties": {
    "months": { "type": "integer", "minimum": 1, "maximum": 120, "default": 12,
                "description": "How many months to cover, ending with this one" } },
  "additionalProperties": false });

static const char monthly_totals_output[] = JSON ({
  "type": "object",
  "properties": {
    "months": {
      "type": "array",
      "description": "Every month of the range, oldest first, months without expenses too",
      "items": {
        "type": "object",
        "properties": {
          "month": { "type": "string", "description": "YYYY-MM" },
          ) TOTALS_PROPERTIES JSON ( },
        "required": ["month", "total", "count"],
        "additionalProperties": false } },
    ) TOTALS_PROPERTIES JSON ( },
  "required": ["months", "total", "count"],
  "additionalProperties": false });

static const char search_expenses_input[] = JSON ({
  "type": "object",
  "properties": {
    "text": { "type": "string", "minLength": 1, "maxLength": 200,
              "description": "Words to look for in descriptions and notes, ignoring case" },
    "limit": ) LIMIT_SCHEMA JSON ( },
  "required": ["text"],
  "additionalProperties": false });

static const char search_expenses_output[] = JSON ({
  "type": "object",
  "properties": {
    "text": { "type": "string" },
    ) EXPENSE_LIST_PROPERTIES JSON ( },
  "required": ["text", "count", "total", "expenses", "truncated"],
  "additionalProperties": false });

/* A number is accepted too, as agents send them, but read only when exact:
 * see parse_amount_double(). */
static const char add_expense_input[] = JSON ({
  "type": "object",
  "properties": {
    "description": { "type": "string", "minLength": 1, "maxLength": 200,
                     "description": "What the money was spent on" },
    "amount": {
      "type": ["string", "number"],
      "description": "Above zero, at most two decimals; best a string such as \"12.50\"" },
    "category_name": ) CATEGORY_NAME_SCHEMA JSON (,
    "date": { "type": "string", "format": "date",
              "description": "The day of the expense (YYYY-MM-DD); today when omitted" } },
  "required": ["description", "amount", "category_name"],
  "additionalProperties": false });

typedef JsonObject *(*ToolHandler) (OutlayStore   *store,
                                    JsonObject    *arguments,
                                    GString       *text,
                                    GCancellable  *cancellable,
                                    GError       **error);

typedef struct
{
  const char  *name;
  const char  *title;
  const char  *description;
  const char  *input_schema;
  const char  *output_schema;
  ToolHandler  handler;
  gboolean     writes;
} ToolInfo;

#define N_TOOLS 6


struct _OutlayMcpTools
{
  GObject        parent_instance;

  OutlayContext *context;
  gboolean       allow_writes;

  /* Parsed once; index as tool_infos. */
  JsonNode      *input_schemas[N_TOOLS];
  JsonNode      *output_schemas[N_TOOLS];
};

G_DEFINE_FINAL_TYPE (OutlayMcpTools, outlay_mcp_tools, G_TYPE_OBJECT)

/* --- Arguments ------------------------------------------------------------------------ */

static gboolean
node_has_type (JsonNode   *node,
               const char *type)
{
  GType value_type = json_node_get_value_type (node);

  if (g_str_equal (type, "string"))
    return value_type == G_TYPE_STRING;

  if (g_str_equal (type, "number"))
    return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;

  if (g_str_equal (type, "integer"))
    {
      double value;

      if (value_type == G_TYPE_INT64)
        return TRUE;
      if (value_type != G_TYPE_DOUBLE)
        return FALSE;

      value = json_node_get_double (node);
      return isfinite (value) && value == floor (value);
    }

  g_return_val_if_reached (FALSE);
}

static const char *
describe_type_name (const char *type)
{
  if (g_str_equal (type, "integer"))
    return _("an integer");
  if (g_str_equal (type, "number"))
    return _("a number");

  return _("a string");
}

/* "an integer", "a string or a number": what the schema's type asks for. */
static char *
describe_type (JsonNode *type)
{
  GString *text;
  JsonArray *types;

  if (JSON_NODE_HOLDS_VALUE (type))
    return g_strdup (describe_type_name (json_node_get_string (type)));

  text = g_string_new (NULL);
  types = json_node_get_array (type);
  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      if (i > 0)
        g_string_append (text, _(" or "));
      g_string_append (text, describe_type_name (json_array_get_string_element (types, i)));
    }

  return g_string_free (text, FALSE);
}

static gboolean
matches_type (JsonNode *node,
              JsonNode *type)
{
  JsonArray *types;

  if (JSON_NODE_HOLDS_VALUE (type))
    return node_has_type (node, json_node_get_string (type));

  types = json_node_get_array (type);
  for (guint i = 0; i < json_array_get_length (types); i++)
    if (node_has_type (node, json_array_get_string_element (types, i)))
      return TRUE;

  return FALSE;
}

/* An integral double (JSON "5.0") as an integer; beyond the range of gint64
 * it saturates, which the schema's maximum then refuses. */
static JsonNode *
integer_node (JsonNode *node)
{
  double value;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_copy (node);

  value = json_node_get_double (node);
  return json_node_init_int (json_node_alloc (),
                             value >= 0x1p63 ? G_MAXINT64 :
                             value < -0x1p63 ? G_MININT64 :
                             (gint64) value);
}

/* Checks one argument against its schema; a copy of it, integers as
 * integers. */
static JsonNode *
check_argument (const char  *name,
                JsonNode    *value,
                JsonObject  *schema,
                GError     **error)
{
  JsonNode *type = json_object_get_member (schema, "type");
  g_autoptr(JsonNode) copy = NULL;

  if (!matches_type (value, type))
    {
      g_autofree char *expected = describe_type (type);

      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                   _("“%s” must be %s"), name, expected);
      return NULL;
    }

  if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      glong length = g_utf8_strlen (json_node_get_string (value), -1);

      if (length < json_object_get_int_member_with_default (schema, "minLength", 0))
        {
          g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                       _("“%s” must not be empty"), name);
          return NULL;
        }

      if (json_object_has_member (schema, "maxLength") &&
          length > json_object_get_int_member (schema, "maxLength"))
        {
          g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                       _("“%s” must be at most %" PRId64 " characters long"),
                       name, json_object_get_int_member (schema, "maxLength"));
          return NULL;
        }

      return json_node_copy (value);
    }

  if (!node_has_type (value, "integer") || !json_object_has_member (schema, "minimum"))
    return json_node_copy (value);

  copy = integer_node (value);
  if (json_node_get_int (copy) < json_object_get_int_member (schema, "minimum"))
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                   _("“%s” must be at least %" PRId64),
                   name, json_object_get_int_member (schema, "minimum"));
      return NULL;
    }

  if (json_node_get_int (copy) >
      json_object_get_int_member_with_default (schema, "maximum", G_MAXINT64))
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                   _("“%s” must be at most %" PRId64),
                   name, json_object_get_int_member (schema, "maximum"));
      return NULL;
    }

  return g_steal_pointer (&copy);
}

static gboolean
is_required (JsonObject *schema,
             const char *name)
{
  JsonArray *required;

  if (!json_object_has_member (schema, "required"))
    return FALSE;

  required = json_object_get_array_member (schema, "required");
  for (guint i = 0; i < json_array_get_length (required); i++)
    if (g_str_equal (json_array_get_string_element (required, i), name))
      return TRUE;

  return FALSE;
}

/* Adds @item, quoted, to a list in @list. */
static void
append_quoted (GString    *list,
               const char *item)
{
  if (list->len > 0)
    /* Translators: between the items of a list */
    g_string_append (list, C_("list", ", "));
  /* Translators: an item quoted in a list */
  g_string_append_printf (list, _("“%s”"), item);
}

/* Checks @arguments against the tool's input schema (the part of JSON
 * Schema the tools use: type, required, additionalProperties false,
 * minimum/maximum, minLength/maxLength, default) and returns them with
 * defaults filled in and nulls dropped: an agent may send null for "not
 * given". */
static JsonObject *
check_arguments (JsonObject  *schema,
                 JsonObject  *arguments,
                 GError     **error)
{
  JsonObject *properties = json_object_get_object_member (schema, "properties");
  g_autoptr(JsonObject) checked = json_object_new ();
  g_autoptr(GList) given = json_object_get_members (arguments);
  g_autoptr(GList) names = json_object_get_members (properties);

  for (GList *l = given; l != NULL; l = l->next)
    {
      g_autoptr(GString) expected = NULL;

      if (json_object_has_member (properties, l->data))
        continue;

      expected = g_string_new (NULL);
      for (GList *n = names; n != NULL; n = n->next)
        append_quoted (expected, n->data);

      if (names == NULL)
        g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                     _("Unknown argument “%s”: this tool takes no arguments"), (char *) l->data);
      else
        g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                     _("Unknown argument “%s”: this tool takes %s"),
                     (char *) l->data, expected->str);
      return NULL;
    }

  for (GList *n = names; n != NULL; n = n->next)
    {
      const char *name = n->data;
      JsonObject *property = json_object_get_object_member (properties, name);
      JsonNode *value = json_object_get_member (arguments, name);
      JsonNode *checked_value;

      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        {
          if (is_required (schema, name))
            {
              g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                           _("The argument “%s” is required"), name);
              return NULL;
            }

          if (json_object_has_member (property, "default"))
            json_object_set_member (checked, name,
                                    json_node_copy (json_object_get_member (property, "default")));
          continue;
        }

      checked_value = check_argument (name, value, property, error);
      if (checked_value == NULL)
        return NULL;
      json_object_set_member (checked, name, checked_value);
    }

  return g_steal_pointer (&checked);
}

static const char *
get_string (JsonObject *arguments,
            const char *name)
{
  return json_object_get_string_member_with_default (arguments, name, NULL);
}

static gboolean
get_date (JsonObject  *arguments,
          const char  *name,
          GDate       *out_date,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text = get_string (arguments, name);

  g_date_clear (out_date, 1);
  if (text == NULL)
    return TRUE;

  if (!outlay_date_parse_iso (text, out_date, &local_error))
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE,
                   _("Invalid “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* "start" and "end", either of them optional (invalid GDate) unless the
 * schema requires it. */
static gboolean
get_period (JsonObject  *arguments,
            GDate       *start,
            GDate       *end,
            GError     **error)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (!get_date (arguments, "start", start, error) || !get_date (arguments, "end", end, error))
    return FALSE;

  if (!g_date_valid (start) || !g_date_valid (end) || g_date_compare (start, end) <= 0)
    return TRUE;

  start_text = outlay_date_to_iso (start);
  end_text = outlay_date_to_iso (end);
  g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DATE,
               _("“start” (%s) is after “end” (%s): the period would be empty"),
               start_text, end_text);
  return FALSE;
}

/* A JSON number reaches us as a double (json-glib keeps no text), so it is
 * taken only when it has at most two decimals: then printing it with two
 * decimals gives back the very number the agent wrote, as amounts have at
 * most 14 significant digits and a double keeps 15. */
static gboolean
parse_amount_double (double   value,
                     gint64  *out_minor,
                     GError **error)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Far beyond any amount: validation says why. */
  if (!(fabs (value) < 1e15))
    {
      *out_minor = value < 0 ? -1 : G_MAXINT64;
      return TRUE;
    }

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT,
                           _("Use at most two decimals, best in a string such as \"12.50\""));
      return FALSE;
    }

  return outlay_money_parse_decimal (buffer, out_minor, error);
}

/* A string is read exactly, as is an integer. */
static gboolean
get_amount (JsonObject  *arguments,
            gint64      *out_minor,
            GError     **error)
{
  JsonNode *node = json_object_get_member (arguments, "amount");
  GType type = json_node_get_value_type (node);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *integer = NULL;
  gboolean parsed;

  if (type == G_TYPE_DOUBLE)
    {
      parsed = parse_amount_double (json_node_get_double (node), out_minor, &local_error);
    }
  else if (type == G_TYPE_INT64)
    {
      integer = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      parsed = outlay_money_parse_decimal (integer, out_minor, &local_error);
    }
  else
    {
      parsed = outlay_money_parse_decimal (json_node_get_string (node), out_minor, &local_error);
    }

  if (!parsed || !outlay_money_validate (*out_minor, &local_error))
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_AMOUNT,
                   _("Invalid “amount”: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* --- Rendering ------------------------------------------------------------------------ */

static void
append_cell (GString    *text,
             const char *cell)
{
  g_string_append (text, " ");
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (text, "\\|");
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (text, ' ');
      else
        g_string_append_c (text, *p);
    }
  g_string_append (text, " |");
}

/* One row of a Markdown table: cells up to NULL. */
static void G_GNUC_NULL_TERMINATED
append_row (GString    *text,
            const char *first,
            ...)
{
  va_list args;

  g_string_append (text, "|");
  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    append_cell (text, cell);
  va_end (args);
  g_string_append (text, "\n");
}

/* The line under a table's header: 'l' or 'r' for each column. */
static void
append_rule (GString    *text,
             const char *alignment)
{
  g_string_append (text, "|");
  for (const char *a = alignment; *a != '\0'; a++)
    g_string_append (text, *a == 'r' ? " ---: |" : " --- |");
  g_string_append (text, "\n");
}

static char *
describe_period (const GDate *start,
                 const GDate *end)
{
  g_autofree char *start_text = g_date_valid (start) ? outlay_date_to_iso (start) : NULL;
  g_autofree char *end_text = g_date_valid (end) ? outlay_date_to_iso (end) : NULL;

  if (start_text != NULL && end_text != NULL)
    return g_strdup_printf (_("from %s to %s"), start_text, end_text);
  if (start_text != NULL)
    return g_strdup_printf (_("since %s"), start_text);
  if (end_text != NULL)
    return g_strdup_printf (_("until %s"), end_text);

  return g_strdup (_("at any time"));
}

static void
set_date_member (JsonObject  *object,
                 const char  *name,
                 const GDate *date)
{
  g_autofree char *text = NULL;

  if (!g_date_valid (date))
    {
      json_object_set_null_member (object, name);
      return;
    }

  text = outlay_date_to_iso (date);
  json_object_set_string_member (object, name, text);
}

static void
set_money_member (JsonObject *object,
                  const char *name,
                  gint64      minor)
{
  g_autofree char *text = outlay_money_to_decimal (minor);

  json_object_set_string_member (object, name, text);
}

static JsonObject *
expense_to_json (OutlayExpense *expense)
{
  JsonObject *object = json_object_new ();
  const char *category = outlay_expense_get_category_name (expense);

  json_object_set_int_member (object, "id", outlay_expense_get_id (expense));
  set_date_member (object, "date", outlay_expense_get_date (expense));
  json_object_set_string_member (object, "description", outlay_expense_get_description (expense));
  set_money_member (object, "amount", outlay_expense_get_amount (expense));
  json_object_set_string_member (object, "category", category != NULL ? category : "");

  return object;
}

/* The members and the table shared by the tools that list expenses. */
static void
add_expense_list (JsonObject          *result,
                  GString             *text,
                  GPtrArray           *expenses,
                  const OutlaySummary *summary,
                  gboolean             with_category)
{
  JsonArray *array = json_array_new ();

  json_object_set_int_member (result, "count", summary->count);
  set_money_member (result, "total", summary->total);

  if (expenses->len > 0)
    {
      if (with_category)
        {
          append_row (text, _("Date"), _("Description"), _("Category"), _("Amount"), NULL);
          append_rule (text, "lllr");
        }
      else
        {
          append_row (text, _("Date"), _("Description"), _("Amount"), NULL);
          append_rule (text, "llr");
        }
    }

  for (guint i = 0; i < expenses->len; i++)
    {
      OutlayExpense *expense = g_ptr_array_index (expenses, i);
      JsonObject *object = expense_to_json (expense);
      const char *date = json_object_get_string_member (object, "date");
      const char *amount = json_object_get_string_member (object, "amount");

      if (with_category)
        append_row (text, date, outlay_expense_get_description (expense),
                    json_object_get_string_member (object, "category"), amount, NULL);
      else
        append_row (text, date, outlay_expense_get_description (expense), amount, NULL);

      json_array_add_object_element (array, object);
    }

  json_object_set_array_member (result, "expenses", array);
  json_object_set_boolean_member (result, "truncated", summary->count > expenses->len);

  if (summary->count > expenses->len)
    g_string_append_printf (text,
                            _("\nShowing the newest %u of %" PRId64 " expenses; pass a "
                              "larger limit (at most 1000) or a shorter period to see more.\n"),
                            expenses->len, summary->count);
}

/* --- Tools ---------------------------------------------------------------------------- */

/* Case-insensitive; when there is no such category, the error lists the
 * ones there are, so the agent can pick one. */
static OutlayCategory *
find_category (OutlayStore   *store,
               const char    *name,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GString) names = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  OutlayCategory *category;

  category = outlay_store_find_category (store, stripped, cancellable, &local_error);
  if (category != NULL)
    return category;

  if (!g_error_matches (local_error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  categories = outlay_store_list_categories (store, TRUE, cancellable, error);
  if (categories == NULL)
    return NULL;

  if (categories->len == 0)
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND,
                   _("There is no category named “%s”: there are no categories yet"), name);
      return NULL;
    }

  names = g_string_new (NULL);
  for (guint i = 0; i < categories->len; i++)
    append_quoted (names, outlay_category_get_name (g_ptr_array_index (categories, i)));

  g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_NOT_FOUND,
               _("There is no category named “%s”. The categories are: %s"), name, names->str);
  return NULL;
}

static JsonObject *
list_categories (OutlayStore   *store,
                 JsonObject    *arguments,
                 GString       *text,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *month = NULL;
  JsonArray *array;
  GDate today;

  categories = outlay_store_list_categories (store, TRUE, cancellable, error);
  if (categories == NULL)
    return NULL;

  outlay_date_set_today (&today);
  month = g_strdup_printf ("%04d-%02d", g_date_get_year (&today), g_date_get_month (&today));

  result = json_object_new ();
  json_object_set_string_member (result, "month", month);
  array = json_array_new ();
  json_object_set_array_member (result, "categories", array);

  if (categories->len == 0)
    {
      g_string_append (text, _("There are no categories yet.\n"));
      return g_steal_pointer (&result);
    }

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u category (this month is %s):\n\n",
                                             "%u categories (this month is %s):\n\n",
                                             categories->len),
                          categories->len, month);
  append_row (text, _("Category"), _("Color"), _("Monthly budget"), _("Spent this month"), NULL);
  append_rule (text, "llrr");

  for (guint i = 0; i < categories->len; i++)
    {
      OutlayCategory *category = g_ptr_array_index (categories, i);
      JsonObject *object = json_object_new ();
      gint64 budget = outlay_category_get_monthly_budget (category);
      const char *color = outlay_category_get_color (category);
      g_autofree char *budget_text = budget > 0 ? outlay_money_to_decimal (budget) : NULL;
      g_autofree char *total = outlay_money_to_decimal (outlay_category_get_month_total (category));
      g_autofree char *name = NULL;

      json_object_set_string_member (object, "name", outlay_category_get_name (category));
      if (color != NULL)
        json_object_set_string_member (object, "color", color);
      else
        json_object_set_null_member (object, "color");
      if (budget_text != NULL)
        json_object_set_string_member (object, "monthly_budget", budget_text);
      else
        json_object_set_null_member (object, "monthly_budget");
      json_object_set_string_member (object, "month_total", total);
      json_object_set_boolean_member (object, "archived", outlay_category_get_archived (category));
      json_array_add_object_element (array, object);

      name = outlay_category_get_archived (category)
             ? g_strdup_printf (_("%s (archived)"), outlay_category_get_name (category))
             : g_strdup (outlay_category_get_name (category));
      append_row (text, name, color != NULL ? color : "", budget_text != NULL ? budget_text : "—",
                  total, NULL);
    }

  return g_steal_pointer (&result);
}

/* Lists up to "limit" expenses that @filter matches, with the count and
 * total of all of them. */
static JsonObject *
list_expenses (OutlayStore               *store,
               const OutlayExpenseFilter *filter,
               JsonObject                *arguments,
               JsonObject                *result,
               GString                   *text,
               const char                *heading,
               GCancellable              *cancellable,
               GError                   **error)
{
  g_autoptr(JsonObject) owned = result;
  g_autoptr(GPtrArray) expenses = NULL;
  g_autofree char *total = NULL;
  OutlaySummary summary;
  guint limit = json_object_get_int_member (arguments, "limit");

  expenses = outlay_store_list_expenses (store, filter, NULL, limit, cancellable, error);
  if (expenses == NULL || !outlay_store_summarize (store, filter, &summary, cancellable, error))
    return NULL;

  total = outlay_money_to_decimal (summary.total);
  /* Translators: a heading before what follows on its line */
  g_string_append_printf (text, _("%s: "), heading);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " expense",
                                             "%" PRId64 " expenses", summary.count),
                          summary.count);
  g_string_append_printf (text, _(", total %s.\n\n"), total);

  add_expense_list (owned, text, expenses, &summary,
                    filter->category_id == 0);

  return g_steal_pointer (&owned);
}

static JsonObject *
query_expenses_by_category (OutlayStore   *store,
                            JsonObject    *arguments,
                            GString       *text,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autoptr(OutlayCategory) category = NULL;
  g_autofree char *period = NULL;
  g_autofree char *heading = NULL;
  JsonObject *result;

  if (!get_period (arguments, &filter->start, &filter->end, error))
    return NULL;

  category = find_category (store, get_string (arguments, "category_name"), cancellable, error);
  if (category == NULL)
    return NULL;

  filter->category_id = outlay_category_get_id (category);

  result = json_object_new ();
  json_object_set_string_member (result, "category", outlay_category_get_name (category));
  set_date_member (result, "start", &filter->start);
  set_date_member (result, "end", &filter->end);

  period = describe_period (&filter->start, &filter->end);
  heading = g_strdup_printf (_("%s, %s"), outlay_category_get_name (category), period);

  return list_expenses (store, filter, arguments, result, text, heading, cancellable, error);
}

static JsonObject *
search_expenses (OutlayStore   *store,
                 JsonObject    *arguments,
                 GString       *text,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autofree char *heading = NULL;
  JsonObject *result;

  filter->text = g_strdup (get_string (arguments, "text"));

  result = json_object_new ();
  json_object_set_string_member (result, "text", filter->text);
  heading = g_strdup_printf (_("Expenses mentioning “%s”"), filter->text);

  return list_expenses (store, filter, arguments, result, text, heading, cancellable, error);
}

static void
add_totals (JsonObject *object,
            gint64      total,
            gint64      count)
{
  set_money_member (object, "total", total);
  json_object_set_int_member (object, "count", count);
}

/* A line of a table of totals, told in @text and added to @array with
 * @name under @key. */
static void
add_total_row (JsonArray  *array,
               GString    *text,
               const char *key,
               const char *name,
               gint64      total,
               gint64      count)
{
  JsonObject *object = json_object_new ();
  g_autofree char *amount = outlay_money_to_decimal (total);
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  json_object_set_string_member (object, key, name);
  add_totals (object, total, count);
  json_array_add_object_element (array, object);
  append_row (text, name, amount, n, NULL);
}

/* "12.50 in 3 expenses" */
static char *
describe_totals (gint64 total,
                 gint64 count)
{
  g_autofree char *amount = outlay_money_to_decimal (total);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s in %" PRId64 " expense",
                                       "%s in %" PRId64 " expenses", count),
                          amount, count);
}

static JsonObject *
summarize_spending (OutlayStore   *store,
                    JsonObject    *arguments,
                    GString       *text,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *period = NULL;
  g_autofree char *overall = NULL;
  OutlaySummary summary;
  JsonArray *array;

  if (!get_period (arguments, &filter->start, &filter->end, error))
    return NULL;

  totals = outlay_store_totals_by_category (store, &filter->start, &filter->end,
                                            cancellable, error);
  if (totals == NULL || !outlay_store_summarize (store, filter, &summary, cancellable, error))
    return NULL;

  result = json_object_new ();
  set_date_member (result, "start", &filter->start);
  set_date_member (result, "end", &filter->end);
  array = json_array_new ();
  json_object_set_array_member (result, "categories", array);
  add_totals (result, summary.total, summary.count);

  period = describe_period (&filter->start, &filter->end);
  overall = describe_totals (summary.total, summary.count);
  g_string_append_printf (text, _("Spending %s: %s.\n"), period, overall);

  if (totals->len > 0)
    {
      g_string_append (text, "\n");
      append_row (text, _("Category"), _("Total"), _("Expenses"), NULL);
      append_rule (text, "lrr");
    }

  for (guint i = 0; i < totals->len; i++)
    {
      OutlayCategoryTotal *total = g_ptr_array_index (totals, i);

      add_total_row (array, text, "name", total->name, total->total, total->count);
    }

  return g_steal_pointer (&result);
}

static JsonObject *
monthly_totals (OutlayStore   *store,
                JsonObject    *arguments,
                GString       *text,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(OutlayExpenseFilter) filter = outlay_expense_filter_new ();
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *overall = NULL;
  guint n_months = json_object_get_int_member (arguments, "months");
  OutlaySummary summary;
  JsonArray *array;
  GDate today;
  GDate month;
  guint next = 0;

  /* Whole months, from the first day of the oldest to the last of this one. */
  outlay_date_set_today (&today);
  outlay_date_month_bounds (&today, &filter->start, &filter->end);
  g_date_subtract_months (&filter->start, n_months - 1);

  totals = outlay_store_monthly_totals (store, &filter->start, &filter->end, FALSE,
                                        cancellable, error);
  if (totals == NULL || !outlay_store_summarize (store, filter, &summary, cancellable, error))
    return NULL;

  result = json_object_new ();
  array = json_array_new ();
  json_object_set_array_member (result, "months", array);
  add_totals (result, summary.total, summary.count);

  overall = describe_totals (summary.total, summary.count);
  g_string_append_printf (text, _("Spending by month, %04d-%02d to %04d-%02d: %s.\n\n"),
                          g_date_get_year (&filter->start), g_date_get_month (&filter->start),
                          g_date_get_year (&filter->end), g_date_get_month (&filter->end), overall);
  append_row (text, _("Month"), _("Total"), _("Expenses"), NULL);
  append_rule (text, "lrr");

  /* The store leaves out months without expenses; the answer has them all. */
  month = filter->start;
  for (guint i = 0; i < n_months; i++, g_date_add_months (&month, 1))
    {
      g_autofree char *name = g_strdup_printf ("%04d-%02d", g_date_get_year (&month),
                                               g_date_get_month (&month));
      gint64 total = 0;
      gint64 n = 0;

      if (next < totals->len)
        {
          OutlayMonthTotal *row = g_ptr_array_index (totals, next);

          if (row->year == g_date_get_year (&month) && row->month == g_date_get_month (&month))
            {
              total = row->total;
              n = row->count;
              next++;
            }
        }

      add_total_row (array, text, "month", name, total, n);
    }

  return g_steal_pointer (&result);
}

static JsonObject *
add_expense (OutlayStore   *store,
             JsonObject    *arguments,
             GString       *text,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(OutlayExpense) expense = outlay_expense_new ();
  g_autoptr(OutlayCategory) category = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 amount;
  GDate date;

  if (!outlay_validate_description (get_string (arguments, "description"), &local_error))
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_DESCRIPTION,
                   _("Invalid “description”: %s"), local_error->message);
      return NULL;
    }

  if (!get_amount (arguments, &amount, error) || !get_date (arguments, "date", &date, error))
    return NULL;

  category = find_category (store, get_string (arguments, "category_name"), cancellable, error);
  if (category == NULL)
    return NULL;

  outlay_expense_set_description (expense, get_string (arguments, "description"));
  outlay_expense_set_amount (expense, amount);
  outlay_expense_set_category_id (expense, outlay_category_get_id (category));
  if (g_date_valid (&date))
    outlay_expense_set_date (expense, &date);

  if (!outlay_store_add_expense (store, expense, cancellable, error))
    return NULL;

  outlay_expense_set_category_name (expense, outlay_category_get_name (category));
  result = expense_to_json (expense);

  g_string_append_printf (text, _("Added expense #%" PRId64 ": %s, “%s”, %s, in %s.\n"),
                          outlay_expense_get_id (expense),
                          json_object_get_string_member (result, "date"),
                          outlay_expense_get_description (expense),
                          json_object_get_string_member (result, "amount"),
                          outlay_category_get_name (category));

  return g_steal_pointer (&result);
}

/* --- The table ------------------------------------------------------------------------ */

static const ToolInfo tool_infos[] = {
  {
    "list_categories",
    "List categories",
    "Lists the expense categories with their color, monthly budget and how much was spent "
    "in each this month. Use it to learn the category names the other tools take.",
    list_categories_input, list_categories_output, list_categories, FALSE,
  },
  {
    "query_expenses_by_category",
    "Expenses in a category",
    "Answers \"How much did I spend on groceries?\": the expenses of one category (date, "
    "description, amount), newest first, with their count and total, optionally only those "
    "between start and end (both inclusive).",
    query_expenses_input, query_expenses_output, query_expenses_by_category, FALSE,
  },
  {
    "summarize_spending",
    "Spending by category",
    "Sums up the expenses dated from start to end (both inclusive) per category: each "
    "category's total and number of expenses, and the grand total and count.",
    summarize_spending_input, summarize_spending_output, summarize_spending, FALSE,
  },
  {
    "monthly_totals",
    "Spending by month",
    "The total and number of expenses for each of the last months (12 unless months says "
    "otherwise), ending with the current month, oldest first.",
    monthly_totals_input, monthly_totals_output, monthly_totals, FALSE,
  },
  {
    "search_expenses",
    "Search expenses",
    "Finds expenses whose description or note contains text, ignoring case, newest first, "
    "with the count and total of every match.",
    search_expenses_input, search_expenses_output, search_expenses, FALSE,
  },
  {
    "add_expense",
    "Add an expense",
    "Records a new expense in an existing category. Only add expenses the user asked for.",
    add_expense_input, EXPENSE_SCHEMA, add_expense, TRUE,
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (tool_infos) == N_TOOLS);

/* --- Results -------------------------------------------------------------------------- */

static JsonObject *
make_result (const char *text,
             JsonObject *structured)
{
  JsonObject *result = json_object_new ();
  JsonArray *content = json_array_new ();
  JsonObject *block = json_object_new ();

  json_object_set_string_member (block, "type", "text");
  json_object_set_string_member (block, "text", text);
  json_array_add_object_element (content, block);

  json_object_set_array_member (result, "content", content);
  if (structured != NULL)
    json_object_set_object_member (result, "structuredContent", structured);
  json_object_set_boolean_member (result, "isError", structured == NULL);

  return result;
}

static const ToolInfo *
find_tool (const char *name,
           guint      *out_index)
{
  for (guint i = 0; i < N_TOOLS; i++)
    if (g_str_equal (tool_infos[i].name, name))
      {
        *out_index = i;
        return &tool_infos[i];
      }

  return NULL;
}

static JsonNode *
parse_schema (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  /* The schemas are part of the program: a broken one is a bug to fix. */
  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("Invalid tool schema: %s\n%s", error->message, text);

  return json_node_ref (json_parser_get_root (parser));
}

/* --- GObject -------------------------------------------------------------------------- */

static void
outlay_mcp_tools_finalize (GObject *object)
{
  OutlayMcpTools *self = (OutlayMcpTools *) object;

  for (guint i = 0; i < N_TOOLS; i++)
    {
      g_clear_pointer (&self->input_schemas[i], json_node_unref);
      g_clear_pointer (&self->output_schemas[i], json_node_unref);
    }
  g_clear_object (&self->context);

  G_OBJECT_CLASS (outlay_mcp_tools_parent_class)->finalize (object);
}

static void
outlay_mcp_tools_class_init (OutlayMcpToolsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = outlay_mcp_tools_finalize;
}

static void
outlay_mcp_tools_init (OutlayMcpTools *self)
{
  for (guint i = 0; i < N_TOOLS; i++)
    {
      self->input_schemas[i] = parse_schema (tool_infos[i].input_schema);
      self->output_schemas[i] = parse_schema (tool_infos[i].output_schema);
    }
}

/* --- Public API ----------------------------------------------------------------------- */

OutlayMcpTools *
outlay_mcp_tools_new (OutlayContext *context,
                      gboolean       allow_writes)
{
  OutlayMcpTools *self;

  g_return_val_if_fail (OUTLAY_IS_CONTEXT (context), NULL);

  self = g_object_new (OUTLAY_TYPE_MCP_TOOLS, NULL);
  self->context = g_object_ref (context);
  self->allow_writes = !!allow_writes;

  return self;
}

gboolean
outlay_mcp_tools_get_allow_writes (OutlayMcpTools *self)
{
  g_return_val_if_fail (OUTLAY_IS_MCP_TOOLS (self), FALSE);

  return self->allow_writes;
}

JsonArray *
outlay_mcp_tools_list (OutlayMcpTools *self)
{
  JsonArray *tools;

  g_return_val_if_fail (OUTLAY_IS_MCP_TOOLS (self), NULL);

  tools = json_array_new ();
  for (guint i = 0; i < N_TOOLS; i++)
    {
      const ToolInfo *info = &tool_infos[i];
      JsonObject *tool;

      if (info->writes && !self->allow_writes)
        continue;

      tool = json_object_new ();
      json_object_set_string_member (tool, "name", info->name);
      json_object_set_string_member (tool, "title", info->title);
      json_object_set_string_member (tool, "description", info->description);
      json_object_set_member (tool, "inputSchema", json_node_copy (self->input_schemas[i]));
      json_object_set_member (tool, "outputSchema", json_node_copy (self->output_schemas[i]));
      json_array_add_object_element (tools, tool);
    }

  return tools;
}

gboolean
outlay_mcp_tools_knows (OutlayMcpTools *self,
                        const char     *name)
{
  guint index;

  g_return_val_if_fail (OUTLAY_IS_MCP_TOOLS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return find_tool (name, &index) != NULL;
}

JsonObject *
outlay_mcp_tools_call (OutlayMcpTools *self,
                       const char     *name,
                       JsonObject     *arguments,
                       GCancellable   *cancellable)
{
  g_autoptr(JsonObject) checked = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  const ToolInfo *info;
  JsonObject *structured = NULL;
  guint index;

  g_return_val_if_fail (OUTLAY_IS_MCP_TOOLS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (arguments != NULL, NULL);

  info = find_tool (name, &index);
  g_return_val_if_fail (info != NULL, NULL);

  text = g_string_new (NULL);

  if (info->writes && !self->allow_writes)
    {
      g_set_error (&error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                   _("Writes are disabled: outlay-mcp was started without --allow-writes, so "
                     "%s cannot change the books. The user can add the expense in Outlay, or "
                     "start outlay-mcp with --allow-writes."), name);
    }
  else
    {
      checked = check_arguments (json_node_get_object (self->input_schemas[index]), arguments,
                                 &error);
    }

  /* The books open on the first call, so that initialize is instant; a
   * failure leaves the server running and the next call tries again. */
  if (checked != NULL && !outlay_context_open (self->context, cancellable, &error))
    g_prefix_error (&error, "%s", _("Could not open the books: "));

  /* Each call reads the books afresh and no main loop runs between calls,
   * so live change notifications would only pile up unread. */
  if (error == NULL)
    outlay_store_set_live_sync (outlay_context_get_store (self->context), FALSE);

  if (error == NULL)
    structured = info->handler (outlay_context_get_store (self->context), checked, text,
                                cancellable, &error);

  if (structured == NULL)
    {
      g_debug ("%s: %s", name, error->message);
      return make_result (error->message, NULL);
    }

  return make_result (text->str, structured);
}
