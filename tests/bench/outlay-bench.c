/* outlay-bench.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "outlay-bench-child.h"
#include "outlay-bench-data.h"
#include "outlay-bench-db.h"
#include "outlay-bench-proc.h"

#define DEFAULT_ROWS       100000
#define GOAL_ROWS          1000000
#define MAX_ROWS           100000000
/* insert and transfer commit once per row: they run rows / 10 by default. */
#define PER_COMMIT_SHARE   10

#define EXPENSE_COLUMNS "description, amount, spent_on, category_id"

/* The ui workload: the app to start, the display it needs and what it
 * reports (see src/app/outlay-bench-hook.h). */
#define APP_ENV            "OUTLAY_BENCH_APP"
#define UNDER_XVFB_ENV     "OUTLAY_BENCH_UNDER_XVFB"
#define XVFB_SCREEN        "-screen 0 1280x800x24"
#define APP_REPORT_ENV     "OUTLAY_BENCH_REPORT"
#define APP_SCROLL_ENV     "OUTLAY_BENCH_SCROLL"
#define APP_REPORT_FORMAT \
  "first_frame_us=%" G_GINT64_FORMAT " renderer=%63s\nscrolled_rows=%" G_GUINT64_FORMAT " steps=%u" \
  " scroll_us=%" G_GINT64_FORMAT " jumps_us=%" G_GINT64_FORMAT \
  " slowest_step_us=%" G_GINT64_FORMAT " completed=%d"

/* The limits: what PostgreSQL's own tools take for the same work. The list
 * query as OutlayStore streams it (%s: the least amount), with the date as
 * SQL prints it. */
#define COPY_OUT_SQL \
  "COPY (SELECT e.id, e.uuid, e.description, e.amount, e.spent_on, e.category_id," \
  "             c.name, e.note" \
  "      FROM outlay.expenses e JOIN outlay.categories c ON c.id = e.category_id" \
  "      WHERE e.amount >= %s ORDER BY e.amount DESC, e.id DESC) TO STDOUT"

/* The statement OutlayStore sends (%s: its WHERE clause, if any). */
#define TOTALS_SQL \
  "SELECT c.id, c.name, c.color, c.monthly_budget, t.total, t.n" \
  " FROM (SELECT e.category_id, sum (e.amount) AS total, count (*) AS n" \
  "       FROM outlay.expenses e%s GROUP BY e.category_id) t" \
  " JOIN outlay.categories c ON c.id = t.category_id" \
  " ORDER BY t.total DESC, lower (c.name)"

/* pgbench -M extended sends each statement with PQsendQueryParams and an
 * unnamed statement, as the store does. */
#define PGBENCH_INSERT \
  "\\set amount random(100, 50000)\n" \
  "\\set category random(1, 12)\n" \
  "\\set day random(0, 729)\n" \
  "INSERT INTO outlay.expenses (uuid, " EXPENSE_COLUMNS ")" \
  " VALUES (gen_random_uuid(), 'pgbench expense', :amount::integer / 100.0," \
  " DATE '2023-01-01' + :day::integer, :category::bigint);\n"

#define PGBENCH_UPDATE \
  "\\set id random(1, %" G_GUINT64_FORMAT ")\n" \
  "UPDATE outlay.expenses SET category_id = :id::bigint %% 12 + 1," \
  " version = version + 1, updated_at = now() WHERE id = :id::bigint;\n"

typedef struct
{
  OutlayBenchDb      db;
  char              *self;
  char             **child_env;

  /* What the expenses table holds: the first `loaded` generated rows with
   * ids 1..loaded and nothing else (when `clean`). */
  guint64            loaded;
  gboolean           clean;
  gboolean           vacuumed;

  GArray            *results;
} Bench;

typedef gboolean (*LimitFunc) (Bench     *bench,
                               guint64    n,
                               double    *out_seconds,
                               GError   **error);

typedef enum
{
  GOAL_RATE_SHARE,  /* rows/s ≥ goal × the limit's rows/s */
  GOAL_TIME_RATIO,  /* seconds ≤ goal × the limit's seconds */
  GOAL_RATE,        /* rows/s ≥ goal */
  GOAL_SECONDS,     /* seconds < goal */
} GoalKind;

typedef struct
{
  const char *name;
  gboolean    needs_rows;   /* n rows loaded first (untimed); otherwise an empty table */
  gboolean    writes;
  gboolean    per_commit;   /* one transaction per row */
  gboolean    check_table;  /* check the table afterwards, not what was read */
  gint64      min_amount;   /* only rows of at least this amount… */
  gboolean    in_period;    /* … dated in the summary period count */
  gboolean    transferred;
  gboolean    app;          /* runs the app instead, which needs a display */
  const char *limit_name;   /* NULL: no limit */
  LimitFunc   measure_limit;
  GoalKind    goal_kind;
  double      goal;
  guint64     goal_rows;    /* the size the goal is stated for; 0: any */
  glong       goal_rss_kb;  /* peak RSS below this; 0: none */
  const char *goal_text;
} Workload;

typedef struct
{
  const Workload *workload;
  guint64         n;
} Step;

typedef struct
{
  const Workload *workload;
  guint64         n;
  double          seconds;
  glong           maxrss_kb;
  double          limit_seconds;
} Result;

/* --- The limits ------------------------------------------------------------ */

static gboolean
limit_pgbench_insert (Bench   *bench,
                      guint64  n,
                      double  *out_seconds,
                      GError **error)
{
  return outlay_bench_db_pgbench (&bench->db, PGBENCH_INSERT, n, out_seconds, error);
}

static gboolean
limit_psql_copy (Bench   *bench,
                 guint64  n,
                 double  *out_seconds,
                 GError **error)
{
  g_autofree char *path = g_build_filename (bench->db.tmp_dir, "expenses.copy", NULL);
  g_autofree char *command = NULL;
  gboolean ok;

  if (!outlay_bench_data_write_copy (n, path, error))
    return FALSE;

  command = g_strdup_printf ("\\copy outlay.expenses (" EXPENSE_COLUMNS ") from '%s'", path);
  ok = outlay_bench_db_time_psql (&bench->db, (const char *[]) { "-c", command, NULL },
                                  out_seconds, error);
  g_unlink (path);

  return ok;
}

static gboolean
limit_copy_out (Bench   *bench,
                guint64  n,
                double  *out_seconds,
                GError **error)
{
  g_autofree char *min_amount = outlay_money_to_decimal (OUTLAY_BENCH_LIST_MIN_AMOUNT);
  g_autofree char *sql = g_strdup_printf (COPY_OUT_SQL, min_amount);

  /* Once, as the workload streams once. */
  return outlay_bench_db_best_psql_time (&bench->db, sql, 1, out_seconds, error);
}

static gboolean
limit_totals_sql (Bench   *bench,
                  guint64  n,
                  double  *out_seconds,
                  GError **error)
{
  g_autofree char *sql = g_strdup_printf (TOTALS_SQL, "");

  return outlay_bench_db_best_psql_time (&bench->db, sql, OUTLAY_BENCH_QUERY_REPEATS,
                                         out_seconds, error);
}

static gboolean
limit_summary_sql (Bench   *bench,
                   guint64  n,
                   double  *out_seconds,
                   GError **error)
{
  g_autofree char *start_iso = NULL;
  g_autofree char *end_iso = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  GDate start, end;

  outlay_bench_summary_period (&start, &end);
  start_iso = outlay_date_to_iso (&start);
  end_iso = outlay_date_to_iso (&end);
  where = g_strdup_printf (" WHERE e.spent_on >= DATE '%s' AND e.spent_on <= DATE '%s'",
                           start_iso, end_iso);
  sql = g_strdup_printf (TOTALS_SQL, where);

  return outlay_bench_db_best_psql_time (&bench->db, sql, OUTLAY_BENCH_QUERY_REPEATS,
                                         out_seconds, error);
}

static gboolean
limit_pgbench_update (Bench   *bench,
                      guint64  n,
                      double  *out_seconds,
                      GError **error)
{
  g_autofree char *script = g_strdup_printf (PGBENCH_UPDATE, n);

  return outlay_bench_db_pgbench (&bench->db, script, n, out_seconds, error);
}

static const Workload workloads[] = {
  {
    .name = "insert", .writes = TRUE, .per_commit = TRUE, .check_table = TRUE,
    .limit_name = "pgbench_insert", .measure_limit = limit_pgbench_insert,
    .goal_kind = GOAL_RATE_SHARE, .goal = 0.8,
    .goal_text = "insert >= 80 % of INSERT-per-commit rate",
  },
  {
    .name = "bulk", .writes = TRUE, .check_table = TRUE,
    .limit_name = "psql_copy", .measure_limit = limit_psql_copy,
    .goal_kind = GOAL_TIME_RATIO, .goal = 1.5, .goal_rows = GOAL_ROWS,
    .goal_text = "bulk <= 1.5x psql \\copy",
  },
  {
    .name = "list", .needs_rows = TRUE, .min_amount = OUTLAY_BENCH_LIST_MIN_AMOUNT,
    .limit_name = "copy_out", .measure_limit = limit_copy_out,
    .goal_kind = GOAL_TIME_RATIO, .goal = 2.0, .goal_rows = GOAL_ROWS,
    .goal_rss_kb = 100 * 1024,
    .goal_text = "list <= 2x COPY (query) TO STDOUT",
  },
  {
    .name = "totals", .needs_rows = TRUE,
    .limit_name = "psql_totals", .measure_limit = limit_totals_sql,
    .goal_kind = GOAL_TIME_RATIO, .goal = 1.2, .goal_rows = GOAL_ROWS,
    .goal_text = "totals <= 1.2x the SQL in psql",
  },
  {
    .name = "summary", .needs_rows = TRUE, .in_period = TRUE,
    .limit_name = "psql_summary", .measure_limit = limit_summary_sql,
    .goal_kind = GOAL_TIME_RATIO, .goal = 1.2, .goal_rows = GOAL_ROWS,
    .goal_text = "summary <= 1.2x the SQL in psql",
  },
  {
    .name = "ui", .needs_rows = TRUE, .app = TRUE,
    .goal_kind = GOAL_SECONDS, .goal = 0.5, .goal_rows = GOAL_ROWS,
    .goal_rss_kb = 150 * 1024,
    .goal_text = "ui first frame < 0.5 s",
  },
  {
    .name = "transfer", .needs_rows = TRUE, .writes = TRUE, .per_commit = TRUE,
    .check_table = TRUE, .transferred = TRUE,
    .limit_name = "pgbench_update", .measure_limit = limit_pgbench_update,
    .goal_kind = GOAL_RATE, .goal = 2000,
    .goal_text = "transfer >= 2000 rows/s",
  },
};

/* --- The expenses table ---------------------------------------------------- */

/* Runs the benchmark itself as `outlay-bench --child WORKLOAD N`; the figures
 * are its own (time measured inside, peak RSS of that process alone). */
static gboolean
run_child (Bench             *bench,
           const char        *workload,
           guint64            n,
           double            *out_seconds,
           glong             *out_maxrss_kb,
           guint64           *out_rows,
           gint64            *out_sum,
           GError           **error)
{
  g_autofree char *n_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  g_autofree char *output = NULL;
  OutlayBenchUsage usage;
  double seconds;
  guint64 rows;
  gint64 sum;

  if (!outlay_bench_proc_run ((const char *[]) {
                                bench->self, OUTLAY_BENCH_CHILD_FLAG, workload, n_text, NULL,
                              },
                              (const char * const *) bench->child_env, &output, &usage, error))
    return FALSE;

  if (sscanf (output, "seconds=%lf rows=%" G_GUINT64_FORMAT " sum=%" G_GINT64_FORMAT,
              &seconds, &rows, &sum) != 3)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "outlay-bench " OUTLAY_BENCH_CHILD_FLAG " %s: %s", workload, output);
      return FALSE;
    }

  if (out_seconds != NULL)
    *out_seconds = seconds;
  if (out_maxrss_kb != NULL)
    *out_maxrss_kb = usage.maxrss_kb;
  if (out_rows != NULL)
    *out_rows = rows;
  if (out_sum != NULL)
    *out_sum = sum;

  return TRUE;
}

static gboolean
empty_table (Bench   *bench,
             GError **error)
{
  if (!outlay_bench_db_execute (&bench->db, "TRUNCATE outlay.expenses RESTART IDENTITY", error))
    return FALSE;

  bench->loaded = 0;
  bench->clean = TRUE;
  bench->vacuumed = TRUE;

  return TRUE;
}

/* The starting point of @workload, untimed: an empty table, or @n rows loaded
 * with bulk and vacuumed (hint bits and statistics set, as a table that has
 * been in use has them). Writes start after a checkpoint, so no earlier work
 * is flushed while they are timed. */
static gboolean
prepare (Bench           *bench,
         const Workload  *workload,
         guint64          n,
         GError         **error)
{
  if (!workload->needs_rows || !bench->clean || bench->loaded != n)
    {
      if (!empty_table (bench, error))
        return FALSE;
    }

  if (workload->needs_rows && bench->loaded != n)
    {
      if (!run_child (bench, "bulk", n, NULL, NULL, NULL, NULL, error))
        return FALSE;
      bench->loaded = n;
      bench->vacuumed = FALSE;
    }

  if (!bench->vacuumed)
    {
      if (!outlay_bench_db_execute (&bench->db, "VACUUM (ANALYZE) outlay.expenses", error))
        return FALSE;
      bench->vacuumed = TRUE;
    }

  return !workload->writes || outlay_bench_db_checkpoint (&bench->db, error);
}

/* What the table holds: count, sum of amounts, sum of category ids. */
static gboolean
read_table (Bench             *bench,
            OutlayBenchStats  *out_stats,
            GError           **error)
{
  g_autofree char *answer = NULL;
  g_auto(GStrv) fields = NULL;

  answer = outlay_bench_db_query (&bench->db,
                                  "SELECT count (*), coalesce (sum (amount), 0),"
                                  " coalesce (sum (category_id), 0) FROM outlay.expenses",
                                  error);
  if (answer == NULL)
    return FALSE;

  fields = g_strsplit (answer, "|", -1);
  if (g_strv_length (fields) != 3
      || !g_ascii_string_to_unsigned (fields[0], 10, 0, G_MAXUINT64, &out_stats->rows, NULL)
      || !outlay_money_parse_decimal (fields[1], &out_stats->sum, NULL)
      || !g_ascii_string_to_signed (fields[2], 10, 0, G_MAXINT64,
                                    &out_stats->category_sum, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unexpected answer from psql: %s"), answer);
      return FALSE;
    }

  return TRUE;
}

/* --- Workloads --------------------------------------------------------------- */

static void
expected_stats (const Workload   *workload,
                guint64           n,
                OutlayBenchStats *out_stats)
{
  GDate start, end;

  outlay_bench_summary_period (&start, &end);
  outlay_bench_data_stats (n, workload->min_amount,
                           workload->in_period ? &start : NULL,
                           workload->in_period ? &end : NULL,
                           workload->transferred, out_stats);
}

static double
rate (guint64 n,
      double  seconds)
{
  return n / MAX (seconds, 1e-9);
}

/* Runs the limit, then the workload, each from the same starting point, and
 * checks what the workload stored or read against the generator. */
static gboolean
run_workload (Bench           *bench,
              const Workload  *workload,
              guint64          n,
              gboolean        *out_checked,
              GError         **error)
{
  Result result = { .workload = workload, .n = n };
  OutlayBenchStats expected, seen = { 0 };
  g_autofree char *sum = NULL;
  gboolean checked;

  if (!prepare (bench, workload, n, error)
      || !workload->measure_limit (bench, n, &result.limit_seconds, error))
    return FALSE;
  if (workload->writes)
    bench->clean = FALSE;

  if (!prepare (bench, workload, n, error)
      || !run_child (bench, workload->name, n, &result.seconds, &result.maxrss_kb,
                     &seen.rows, &seen.sum, error))
    return FALSE;

  if (!workload->needs_rows)
    {
      bench->loaded = n;
      bench->clean = TRUE;
      bench->vacuumed = FALSE;
    }
  else if (workload->writes)
    {
      bench->clean = FALSE;
    }

  expected_stats (workload, n, &expected);
  if (workload->check_table)
    {
      if (!read_table (bench, &seen, error))
        return FALSE;
      checked = seen.rows == expected.rows && seen.sum == expected.sum
                && seen.category_sum == expected.category_sum;
    }
  else
    {
      checked = seen.rows == expected.rows && seen.sum == expected.sum;
    }

  sum = outlay_money_to_decimal (seen.sum);
  g_print ("workload=%s n=%" G_GUINT64_FORMAT " seconds=%.6f rows_per_s=%.0f maxrss_kb=%ld"
           " rows=%" G_GUINT64_FORMAT " sum=%s check=%s\n",
           workload->name, n, result.seconds, rate (n, result.seconds), result.maxrss_kb,
           seen.rows, sum, checked ? "ok" : "FAILED");
  if (!checked)
    {
      g_autofree char *expected_sum = outlay_money_to_decimal (expected.sum);

      g_print ("  expected rows=%" G_GUINT64_FORMAT " sum=%s", expected.rows, expected_sum);
      if (workload->check_table)
        g_print (" category_sum=%" G_GINT64_FORMAT " (seen %" G_GINT64_FORMAT ")",
                 expected.category_sum, seen.category_sum);
      g_print ("\n");
    }
  g_print ("  limit=%s seconds=%.6f rows_per_s=%.0f ratio=%.2f\n",
           workload->limit_name, result.limit_seconds, rate (n, result.limit_seconds),
           result.seconds / MAX (result.limit_seconds, 1e-9));
  fflush (stdout);

  g_array_append_val (bench->results, result);
  *out_checked = checked;

  return TRUE;
}

/* --- The app ------------------------------------------------------------------ */

/* OUTLAY_BENCH_APP, or the outlay built beside the benchmark (src/app/ and
 * tests/bench/ of one build directory). */
static char *
find_app (Bench   *bench,
          GError **error)
{
  const char *env = g_getenv (APP_ENV);
  g_autofree char *dir = g_path_get_dirname (bench->self);
  g_autofree char *path = NULL;

  if (env != NULL && *env != '\0')
    path = g_strdup (env);
  else
    path = g_build_filename (dir, "..", "..", "src", "app", "outlay", NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The ui workload needs Outlay: %s is not there (set %s)"), path, APP_ENV);
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* The app on the benchmark's database, settings in memory (from the build
 * directory's schema unless GSETTINGS_SCHEMA_DIR says otherwise), reporting
 * to @report_path after its first frame, or after scrolling to the end. */
static char **
get_app_environ (Bench      *bench,
                 const char *report_path,
                 gboolean    scroll)
{
  char **env = g_get_environ ();
  g_autofree char *dir = g_path_get_dirname (bench->self);
  g_autofree char *schemas = g_build_filename (dir, "..", "..", "data", NULL);
  g_autofree char *compiled = g_build_filename (schemas, "gschemas.compiled", NULL);

  env = g_environ_unsetenv (env, OUTLAY_BENCH_DSN_ENV);
  env = g_environ_setenv (env, "DATABASE_URL", bench->db.dsn, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  if (g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
    env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", schemas, FALSE);
  env = g_environ_setenv (env, APP_REPORT_ENV, report_path, TRUE);
  if (scroll)
    env = g_environ_setenv (env, APP_SCROLL_ENV, "1", TRUE);
  else
    env = g_environ_unsetenv (env, APP_SCROLL_ENV);

  return env;
}

/* Starts the app on @n rows, which reports the time of its first frame
 * showing rows and then scrolls the list to its end; the peak RSS is the
 * app's. It runs once untimed before, up to its first frame, so the session
 * services it talks to (the settings portal, the accessibility bus) are up
 * and its files are cached, as on a desktop. */
static gboolean
run_app (Bench           *bench,
         const Workload  *workload,
         guint64          n,
         gboolean        *out_checked,
         GError         **error)
{
  Result result = { .workload = workload, .n = n };
  g_autofree char *report_path = g_build_filename (bench->db.tmp_dir, "ui-report", NULL);
  g_autofree char *app = NULL;
  g_autofree char *report = NULL;
  g_auto(GStrv) warm_up_env = NULL;
  g_auto(GStrv) env = NULL;
  OutlayBenchUsage usage;
  gint64 first_frame, scroll, jumps, slowest_step;
  char renderer[64];
  guint64 scrolled_rows;
  guint steps;
  int completed;
  gboolean checked;

  app = find_app (bench, error);
  if (app == NULL || !prepare (bench, workload, n, error))
    return FALSE;

  warm_up_env = get_app_environ (bench, report_path, FALSE);
  env = get_app_environ (bench, report_path, TRUE);
  if (!outlay_bench_proc_run ((const char *[]) { app, NULL }, (const char * const *) warm_up_env,
                              NULL, NULL, error))
    return FALSE;

  g_unlink (report_path);
  if (!outlay_bench_proc_run ((const char *[]) { app, NULL }, (const char * const *) env,
                              NULL, &usage, error)
      || !g_file_get_contents (report_path, &report, NULL, error))
    return FALSE;

  if (sscanf (report, APP_REPORT_FORMAT, &first_frame, renderer, &scrolled_rows, &steps, &scroll,
              &jumps, &slowest_step, &completed) != 8)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unexpected report from Outlay: %s"), report);
      return FALSE;
    }

  result.seconds = (first_frame - usage.started) / (double) G_USEC_PER_SEC;
  result.maxrss_kb = usage.maxrss_kb;
  checked = completed && scrolled_rows == n;

  g_print ("workload=%s n=%" G_GUINT64_FORMAT " first_frame_s=%.3f maxrss_kb=%ld"
           " scrolled_rows=%" G_GUINT64_FORMAT " check=%s\n",
           workload->name, n, result.seconds, result.maxrss_kb, scrolled_rows,
           checked ? "ok" : "FAILED");
  g_print ("  steps=%u scroll_s=%.3f jumps_s=%.3f slowest_step_s=%.3f renderer=%s%s\n",
           steps, scroll / (double) G_USEC_PER_SEC, jumps / (double) G_USEC_PER_SEC,
           slowest_step / (double) G_USEC_PER_SEC,
           renderer,
           completed ? "" : " (the list stopped loading)");
  fflush (stdout);

  g_array_append_val (bench->results, result);
  *out_checked = checked;

  return TRUE;
}

static gboolean
has_display (void)
{
  const char *x11 = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  return (x11 != NULL && *x11 != '\0') || (wayland != NULL && *wayland != '\0');
}

static gboolean
needs_display (GArray *steps)
{
  for (guint i = 0; i < steps->len; i++)
    {
      if (g_array_index (steps, Step, i).workload->app)
        return TRUE;
    }

  return FALSE;
}

/* Without a display, runs the benchmark again under Xvfb, on a session bus of
 * its own when there is none (as on a desktop). Returns only on failure. */
static void
run_under_xvfb (char    **argv,
                GError  **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *xvfb_run = g_find_program_in_path ("xvfb-run");
  const char *bus = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  char *dbus_run_session;

  if (xvfb_run == NULL || g_getenv (UNDER_XVFB_ENV) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The ui workload needs a display: set DISPLAY, or install "
                             "xvfb-run (Debian: xvfb xauth)"));
      return;
    }

  g_ptr_array_add (args, g_steal_pointer (&xvfb_run));
  g_ptr_array_add (args, g_strdup ("-a"));
  g_ptr_array_add (args, g_strdup ("-s"));
  g_ptr_array_add (args, g_strdup (XVFB_SCREEN));
  dbus_run_session = bus == NULL || *bus == '\0' ? g_find_program_in_path ("dbus-run-session")
                                                  : NULL;
  if (dbus_run_session != NULL)
    {
      g_ptr_array_add (args, dbus_run_session);
      g_ptr_array_add (args, g_strdup ("--"));
    }
  g_ptr_array_add (args, g_file_read_link ("/proc/self/exe", NULL));
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  fflush (stdout);
  g_setenv (UNDER_XVFB_ENV, "1", TRUE);
  execv (g_ptr_array_index (args, 0), (char **) args->pdata);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s",
               (char *) g_ptr_array_index (args, 0), g_strerror (errno));
}

static void
print_goal (const char *text,
            guint64     n,
            guint64     goal_rows,
            const char *measured,
            gboolean    met)
{
  g_print ("%-42s %10" G_GUINT64_FORMAT "  %-36s %s%s\n",
           text, n, measured, met ? "pass" : "miss", n < goal_rows ? " *" : "");
}

static void
print_goals (GArray *results)
{
  gboolean below_goal_size = FALSE;

  if (results->len == 0)
    return;

  g_print ("\n%-42s %10s  %-36s %s\n", "goal", "n", "measured", "result");

  for (guint i = 0; i < results->len; i++)
    {
      const Result *result = &g_array_index (results, Result, i);
      const Workload *workload = result->workload;
      double workload_rate = rate (result->n, result->seconds);
      double limit_rate = rate (result->n, result->limit_seconds);
      g_autofree char *measured = NULL;
      gboolean met = FALSE;

      switch (workload->goal_kind)
        {
        case GOAL_RATE_SHARE:
          met = workload_rate >= workload->goal * limit_rate;
          measured = g_strdup_printf ("%.1f %% (%.0f/s vs %.0f/s)",
                                      100 * workload_rate / limit_rate, workload_rate, limit_rate);
          break;

        case GOAL_TIME_RATIO:
          met = result->seconds <= workload->goal * result->limit_seconds;
          measured = g_strdup_printf ("%.2fx (%.4g s vs %.4g s)",
                                      result->seconds / result->limit_seconds,
                                      result->seconds, result->limit_seconds);
          break;

        case GOAL_RATE:
          met = workload_rate >= workload->goal;
          measured = g_strdup_printf ("%.0f rows/s (limit %.0f/s)", workload_rate, limit_rate);
          break;

        case GOAL_SECONDS:
          met = result->seconds < workload->goal;
          measured = g_strdup_printf ("%.3f s", result->seconds);
          break;

        default:
          g_assert_not_reached ();
        }

      print_goal (workload->goal_text, result->n, workload->goal_rows, measured, met);
      if (workload->goal_rss_kb > 0)
        {
          g_autofree char *rss = g_strdup_printf ("%.1f MB", result->maxrss_kb / 1024.0);
          g_autofree char *text = g_strdup_printf ("%s peak RSS < %ld MB", workload->name,
                                                   workload->goal_rss_kb / 1024);

          print_goal (text, result->n, workload->goal_rows, rss,
                      result->maxrss_kb < workload->goal_rss_kb);
        }

      below_goal_size |= result->n < workload->goal_rows;
    }

  if (below_goal_size)
    g_print ("* measured below the goal size of %d rows: outlay-bench --rows %d\n",
             GOAL_ROWS, GOAL_ROWS);
}

/* --- Where the benchmark runs ------------------------------------------------ */

static gboolean
bench_open (Bench       *bench,
            const char  *dsn,
            gboolean     keep,
            GError     **error)
{
  bench->results = g_array_new (FALSE, FALSE, sizeof (Result));

  bench->self = g_file_read_link ("/proc/self/exe", error);
  if (bench->self == NULL || !outlay_bench_db_open (&bench->db, dsn, keep, error))
    return FALSE;

  bench->child_env = g_environ_setenv (g_get_environ (), OUTLAY_BENCH_DSN_ENV, bench->db.dsn,
                                       TRUE);

  /* Migrates and creates the categories. */
  return run_child (bench, "setup", 0, NULL, NULL, NULL, NULL, error);
}

static void
bench_close (Bench *bench)
{
  outlay_bench_db_close (&bench->db);
  g_clear_pointer (&bench->self, g_free);
  g_clear_pointer (&bench->child_env, g_strfreev);
  g_clear_pointer (&bench->results, g_array_unref);
}

/* --- Command line ------------------------------------------------------------ */

static gboolean
parse_count (const char *text,
             guint64    *out_n)
{
  return g_ascii_string_to_unsigned (text, 10, 1, MAX_ROWS, out_n, NULL);
}

static const Workload *
find_workload (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (workloads); i++)
    {
      if (strcmp (workloads[i].name, name) == 0)
        return &workloads[i];
    }

  return NULL;
}

/* [ROWS] [WORKLOAD [N]]…; without workloads, all of them. */
static GArray *
parse_steps (int       argc,
             char    **argv,
             guint64   rows,
             GError  **error)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (Step));

  for (int i = 1; i < argc; i++)
    {
      Step step = { find_workload (argv[i]), 0 };

      if (step.workload == NULL)
        {
          /* `build-aux/dev bench 1000000` passes the size alone. */
          if (i == 1 && parse_count (argv[i], &rows))
            continue;

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown workload or bad row count “%s”"), argv[i]);
          return NULL;
        }

      if (i + 1 < argc && parse_count (argv[i + 1], &step.n))
        i++;
      g_array_append_val (steps, step);
    }

  if (steps->len == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (workloads); i++)
        {
          Step step = { &workloads[i], 0 };

          g_array_append_val (steps, step);
        }
    }

  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = &g_array_index (steps, Step, i);

      if (step->n == 0)
        step->n = step->workload->per_commit ? MAX (rows / PER_COMMIT_SHARE, 1) : rows;
    }

  return g_steal_pointer (&steps);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) original_argv = g_strdupv (argv);
  g_autofree char *dsn = NULL;
  gboolean keep = FALSE;
  gint64 rows = DEFAULT_ROWS;
  gboolean all_checked = TRUE;
  Bench bench = { 0 };
  gboolean ok;
  const GOptionEntry entries[] = {
    { "dsn", 0, 0, G_OPTION_ARG_STRING, &dsn,
      N_("Run on an existing server: in a database of its own (created and dropped) when "
         "the role may create one, otherwise in the given database if it has no outlay "
         "schema yet (the schema is dropped afterwards)"), "URL" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep,
      N_("Keep the throwaway server's directory, or the database or schema"), NULL },
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows,
      N_("Rows for bulk, list, totals, summary and ui; insert and transfer run a tenth as many "
         "(default 100000)"), "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* Figures are printed for machines to compare: always a decimal point. */
  setlocale (LC_NUMERIC, "C");

  if (argc >= 2 && strcmp (argv[1], OUTLAY_BENCH_CHILD_FLAG) == 0)
    {
      /* stdout carries the result line only. */
      g_log_writer_default_set_use_stderr (TRUE);
      return outlay_bench_child_main (argc - 2, argv + 2);
    }

  context = g_option_context_new (_("[ROWS] [WORKLOAD [N]]… — Outlay's benchmark"));
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, _(
    "Workloads, each through OutlayStore, and their limits: what PostgreSQL's own\n"
    "tools take for the same work on the same server.\n"
    "  insert    one expense per commit              pgbench, an INSERT per commit\n"
    "  bulk      COPY import                         psql \\copy of the same rows\n"
    "  list      amount > 50 by amount, streamed     COPY (query) TO STDOUT\n"
    "  totals    sum and count by category           the same SQL in psql\n"
    "  summary   totals for 2023                     the same SQL in psql\n"
    "  ui        Outlay's first frame showing rows,  none (goals: 0.5 s, 150 MB)\n"
    "            peak RSS after scrolling to the end\n"
    "  transfer  move each expense, one commit each  pgbench, an UPDATE per commit\n"
    "Without workloads all run, in this order. totals and summary count the best of 5\n"
    "runs, as psql does. Unless --dsn is given, a throwaway PostgreSQL server (fsync on)\n"
    "is made in a temporary directory and removed at the end, also on Ctrl+C.\n"
    "ui starts the outlay built beside the benchmark (or $" APP_ENV "); without\n"
    "DISPLAY the benchmark runs itself again under xvfb-run.\n"
    "\n"
    "The default, --rows 100000, takes about a minute on 2 cores; --rows 1000000\n"
    "runs the goal sizes (about 6 minutes). A lone number is taken as --rows."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("outlay-bench: %s\n", error->message);
      return 2;
    }
  if (rows < 1 || rows > MAX_ROWS)
    {
      g_printerr ("outlay-bench: %s\n", _("--rows must be between 1 and 100000000"));
      return 2;
    }
  steps = parse_steps (argc, argv, (guint64) rows, &error);
  if (steps == NULL)
    {
      g_printerr ("outlay-bench: %s\n", error->message);
      return 2;
    }

  if (needs_display (steps) && !has_display ())
    {
      run_under_xvfb (original_argv, &error);
      g_printerr ("outlay-bench: %s\n", error->message);
      return 2;
    }

  outlay_bench_proc_init_signals ();

  ok = bench_open (&bench, dsn, keep, &error);

  for (guint i = 0; ok && i < steps->len; i++)
    {
      const Step *step = &g_array_index (steps, Step, i);
      gboolean checked;

      if (step->workload->app)
        ok = run_app (&bench, step->workload, step->n, &checked, &error);
      else
        ok = run_workload (&bench, step->workload, step->n, &checked, &error);
      all_checked &= !ok || checked;
    }

  if (!ok)
    g_printerr ("outlay-bench: %s\n", error->message);

  if (bench.results != NULL)
    print_goals (bench.results);
  bench_close (&bench);

  if (outlay_bench_proc_interrupted ())
    return 130;

  return ok && all_checked ? 0 : 1;
}
