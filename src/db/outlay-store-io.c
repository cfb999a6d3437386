/* outlay-store-io.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "outlay-db-exec.h"
#include "outlay-store-private.h"

/* Bulk paths: streaming listings through a cursor, importing with COPY, and
 * CSV export. Memory stays flat whatever the number of rows. */

/* Rows per FETCH: large enough that round trips do not count, small enough
 * that a batch is a few megabytes. */
#define FETCH_SIZE "10000"
/* Bytes handed to libpq (COPY) or the output stream (CSV) at a time. */
#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  const OutlayExpenseFilter *filter;
  OutlayExpenseFunc          func;
  gpointer                   user_data;
} ForeachData;

typedef struct
{
  OutlayExpenseSource  source;
  gpointer             user_data;
  guint64              count;
} BulkData;

typedef struct
{
  OutlayExpenseFilter *filter;
  GOutputStream       *stream;
} ExportData;

typedef struct
{
  GString       *buffer;
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} CsvWriter;

static ExportData *
export_data_new (const OutlayExpenseFilter *filter,
                 GOutputStream             *stream)
{
  ExportData *data = g_new0 (ExportData, 1);

  data->filter = filter != NULL ? outlay_expense_filter_copy (filter)
                                 : outlay_expense_filter_new ();
  data->stream = g_object_ref (stream);
  return data;
}

static void
export_data_free (gpointer p)
{
  ExportData *data = p;

  g_clear_pointer (&data->filter, outlay_expense_filter_free);
  g_clear_object (&data->stream);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

/* --- Streaming with a cursor ---------------------------------------------------- */

/* Runs inside the runner's transaction, which the cursor lives in. */
static gboolean
stream_expenses (PGconn                     *conn,
                 const OutlayExpenseFilter  *filter,
                 OutlayExpenseFunc           func,
                 gpointer                    user_data,
                 GCancellable               *cancellable,
                 GError                    **error)
{
  g_auto(OutlayStoreQuery) query = { 0 };
  PGresult *result;

  outlay_store_query_init (&query,
                           "DECLARE outlay_stream NO SCROLL CURSOR FOR"
                           " SELECT " OUTLAY_STORE_RECORD_COLUMNS
                           " FROM outlay.expenses e"
                           " JOIN outlay.categories c ON c.id = e.category_id");
  outlay_store_query_add_filter (&query, filter);
  outlay_store_query_add_order (&query, filter);

  result = outlay_store_query_exec (&query, conn, error);
  if (result == NULL)
    return FALSE;
  PQclear (result);

  for (;;)
    {
      gboolean go_on = TRUE;
      int n_rows;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      result = outlay_db_exec (conn, "FETCH FORWARD " FETCH_SIZE " FROM outlay_stream",
                               0, NULL, error);
      if (result == NULL)
        return FALSE;

      n_rows = PQntuples (result);
      for (int i = 0; i < n_rows && go_on; i++)
        {
          OutlayExpenseRecord record;

          outlay_store_record_from_row (result, i, &record);
          go_on = func (&record, user_data);
        }
      PQclear (result);

      if (n_rows == 0 || !go_on)
        return TRUE;
    }
}

static gboolean
op_foreach_expense (PGconn        *conn,
                    gpointer       p,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ForeachData *data = p;

  return stream_expenses (conn, data->filter, data->func, data->user_data, cancellable, error);
}

/* Rows already handed to the caller cannot be taken back: no retries. */
static const OutlayStoreOp foreach_expense_op = {
  op_foreach_expense, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_NO_RETRY
};

/* --- Import with COPY ----------------------------------------------------------- */

/* A field of COPY's text format: backslash escapes, \N for NULL. */
static void
append_copy_field (GString    *buffer,
                   const char *text)
{
  const char *run = text;
  const char *p;

  if (text == NULL)
    {
      g_string_append (buffer, "\\N");
      return;
    }

  for (p = text; *p != '\0'; p++)
    {
      const char *escape;

      switch (*p)
        {
        case '\\': escape = "\\\\"; break;
        case '\t': escape = "\\t"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        default: continue;
        }

      g_string_append_len (buffer, run, p - run);
      g_string_append (buffer, escape);
      run = p + 1;
    }

  g_string_append_len (buffer, run, p - run);
}

/* The checks of outlay_expense_validate(), on a record. */
static gboolean
check_record (const OutlayExpenseRecord  *record,
              GError                    **error)
{
  if (!outlay_validate_description (record->description, error) ||
      !outlay_money_validate (record->amount, error) ||
      !outlay_date_validate (&record->date, error))
    return FALSE;

  if (record->category_id <= 0)
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_CATEGORY,
                           _("Choose a category"));
      return FALSE;
    }

  if (record->uuid != NULL && !g_uuid_string_is_valid (record->uuid))
    {
      g_set_error (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                   _("“%s” is not a valid UUID"), record->uuid);
      return FALSE;
    }

  if (record->note != NULL && !g_utf8_validate (record->note, -1, NULL))
    {
      g_set_error_literal (error, OUTLAY_ERROR, OUTLAY_ERROR_INVALID_INPUT,
                           _("The note is not valid UTF-8 text"));
      return FALSE;
    }

  return TRUE;
}

static void
append_copy_row (GString                   *buffer,
                 const OutlayExpenseRecord *record)
{
  g_autofree char *uuid = record->uuid == NULL ? g_uuid_string_random () : NULL;
  g_autofree char *amount = outlay_money_to_decimal (record->amount);
  g_autofree char *date = outlay_date_to_iso (&record->date);

  /* Every row carries a uuid, made here when the source has none, as every
   * insert does. */
  append_copy_field (buffer, record->uuid != NULL ? record->uuid : uuid);
  g_string_append_c (buffer, '\t');
  append_copy_field (buffer, record->description);
  g_string_append_c (buffer, '\t');
  g_string_append (buffer, amount);
  g_string_append_c (buffer, '\t');
  g_string_append (buffer, date);
  g_string_append_printf (buffer, "\t%" G_GINT64_FORMAT "\t", record->category_id);
  append_copy_field (buffer, record->note);
  g_string_append_c (buffer, '\n');
}

/* A server failure during COPY, made to name the row or the category. */
static void
set_copy_error (GError   **error,
                PGconn    *conn,
                PGresult  *result)
{
  const char *context = PQresultErrorField (result, PG_DIAG_CONTEXT);
  const char *detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);
  const char *line;
  gint64 category_id;

  outlay_db_set_error_from_result (error, conn, result);

  /* Key (category_id)=(99) is not present in table "categories". */
  if (g_error_matches (*error, OUTLAY_ERROR, OUTLAY_ERROR_CATEGORY_MISSING) &&
      detail != NULL && (detail = strstr (detail, "(category_id)=(")) != NULL &&
      (category_id = g_ascii_strtoll (detail + strlen ("(category_id)=("), NULL, 10)) > 0)
    outlay_store_set_category_missing (error, category_id);

  /* COPY expenses, line 12, column amount: "…" */
  if (context != NULL && (line = strstr (context, ", line ")) != NULL)
    g_prefix_error (error, _("Row %" PRIu64 ": "),
                    g_ascii_strtoull (line + strlen (", line "), NULL, 10));
}

/* Ends the COPY, with @reason to abort it, and collects its result. */
static gboolean
end_copy (PGconn      *conn,
          const char  *reason,
          GError     **error)
{
  PGresult *result;
  gboolean ok = TRUE;

  if (PQputCopyEnd (conn, reason) != 1)
    {
      outlay_db_set_error_from_result (error, conn, NULL);
      return FALSE;
    }

  while ((result = PQgetResult (conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          ok = FALSE;
          if (reason == NULL)
            set_copy_error (error, conn, result);
        }
      PQclear (result);
    }

  return ok;
}

#define COPY_IN_SQL \
  "COPY outlay.expenses (uuid, description, amount, spent_on, category_id, note)" \
  " FROM STDIN"

static gboolean
op_bulk_add_expenses (PGconn        *conn,
                      gpointer       p,
                      GCancellable  *cancellable,
                      GError       **error)
{
  BulkData *data = p;
  g_autoptr(GString) buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  g_autoptr(GError) refused = NULL;
  guint64 row = 0;
  PGresult *result;

  result = outlay_db_exec (conn, COPY_IN_SQL, 0, NULL, error);
  if (result == NULL)
    return FALSE;
  PQclear (result);

  for (;;)
    {
      OutlayExpenseRecord record = { 0 };

      g_date_clear (&record.date, 1);
      if (!data->source (&record, data->user_data))
        break;
      row++;

      if (!check_record (&record, &refused))
        {
          g_prefix_error (&refused, _("Row %" PRIu64 ": "), row);
          break;
        }

      append_copy_row (buffer, &record);

      if (buffer->len >= CHUNK_SIZE)
        {
          if (PQputCopyData (conn, buffer->str, (int) buffer->len) != 1)
            {
              outlay_db_set_error_from_result (error, conn, NULL);
              return FALSE;
            }
          g_string_truncate (buffer, 0);

          if (g_cancellable_set_error_if_cancelled (cancellable, &refused))
            break;
        }
    }

  if (refused != NULL)
    {
      /* Aborting the COPY fails the transaction; the runner rolls it back. */
      end_copy (conn, refused->message, NULL);
      g_propagate_error (error, g_steal_pointer (&refused));
      return FALSE;
    }

  if (buffer->len > 0 && PQputCopyData (conn, buffer->str, (int) buffer->len) != 1)
    {
      outlay_db_set_error_from_result (error, conn, NULL);
      return FALSE;
    }

  if (!end_copy (conn, NULL, error))
    return FALSE;

  data->count = row;
  return TRUE;
}

/* The source is read once: no retries. */
static const OutlayStoreOp bulk_add_expenses_op = {
  op_bulk_add_expenses, NULL, OUTLAY_STORE_OP_WRITE | OUTLAY_STORE_OP_NO_RETRY
};

/* --- CSV export ------------------------------------------------------------------ */

/* RFC 4180: quoted when it holds a comma, a quote or a line break; quotes
 * doubled. */
static void
append_csv_field (GString    *buffer,
                  const char *text)
{
  if (text == NULL)
    return;

  if (text[strcspn (text, ",\"\r\n")] == '\0')
    {
      g_string_append (buffer, text);
      return;
    }

  g_string_append_c (buffer, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (buffer, '"');
      g_string_append_c (buffer, *p);
    }
  g_string_append_c (buffer, '"');
}

static gboolean
csv_writer_flush (CsvWriter *writer)
{
  gboolean ok;

  ok = g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len,
                                  NULL, writer->cancellable, &writer->error);
  g_string_truncate (writer->buffer, 0);
  return ok;
}

static gboolean
write_csv_row_cb (const OutlayExpenseRecord *record,
                  gpointer                   user_data)
{
  CsvWriter *writer = user_data;
  g_autofree char *date = outlay_date_to_iso (&record->date);
  g_autofree char *amount = outlay_money_to_decimal (record->amount);

  g_string_append (writer->buffer, date);
  g_string_append_c (writer->buffer, ',');
  append_csv_field (writer->buffer, record->description);
  g_string_append_c (writer->buffer, ',');
  g_string_append (writer->buffer, amount);
  g_string_append_c (writer->buffer, ',');
  append_csv_field (writer->buffer, record->category_name);
  g_string_append_c (writer->buffer, ',');
  append_csv_field (writer->buffer, record->note);
  g_string_append (writer->buffer, "\r\n");

  return writer->buffer->len < CHUNK_SIZE || csv_writer_flush (writer);
}

static gboolean
op_export_csv (PGconn        *conn,
               gpointer       p,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportData *data = p;
  g_autoptr(GString) buffer = g_string_sized_new (CHUNK_SIZE + 4096);
  CsvWriter writer = { buffer, data->stream, cancellable, NULL };

  g_string_append (buffer, "date,description,amount,category,note\r\n");

  if (!stream_expenses (conn, data->filter, write_csv_row_cb, &writer, cancellable, error))
    return FALSE;

  if (writer.error == NULL)
    csv_writer_flush (&writer);

  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }

  return TRUE;
}

/* What was written to the stream stays written: no retries. */
static const OutlayStoreOp export_csv_op = {
  op_export_csv, NULL, OUTLAY_STORE_OP_READ | OUTLAY_STORE_OP_NO_RETRY
};

/* --- Public API -------------------------------------------------------------------- */

gboolean
outlay_store_foreach_expense (OutlayStore               *self,
                              const OutlayExpenseFilter *filter,
                              OutlayExpenseFunc          func,
                              gpointer                   user_data,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  ForeachData data = { filter, func, user_data };

  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return outlay_store_run (self, &foreach_expense_op, &data, cancellable, error);
}

gboolean
outlay_store_bulk_add_expenses (OutlayStore          *self,
                                OutlayExpenseSource   source,
                                gpointer              user_data,
                                guint64              *out_count,
                                GCancellable         *cancellable,
                                GError              **error)
{
  BulkData data = { source, user_data, 0 };

  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!outlay_store_run (self, &bulk_add_expenses_op, &data, cancellable, error))
    return FALSE;

  if (out_count != NULL)
    *out_count = data.count;
  return TRUE;
}

gboolean
outlay_store_export_csv (OutlayStore               *self,
                         const OutlayExpenseFilter *filter,
                         GOutputStream             *stream,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(ExportData) data = NULL;

  g_return_val_if_fail (OUTLAY_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  data = export_data_new (filter, stream);
  return outlay_store_run (self, &export_csv_op, data, cancellable, error);
}

void
outlay_store_export_csv_async (OutlayStore               *self,
                               const OutlayExpenseFilter *filter,
                               GOutputStream             *stream,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  g_return_if_fail (OUTLAY_IS_STORE (self));
  g_return_if_fail (G_IS_OUTPUT_STREAM (stream));

  outlay_store_run_async (self, &export_csv_op, export_data_new (filter, stream), export_data_free,
                          outlay_store_export_csv_async, cancellable, callback, user_data);
}

gboolean
outlay_store_export_csv_finish (OutlayStore   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return outlay_store_run_finish (self, result, outlay_store_export_csv_async, NULL, error);
}
