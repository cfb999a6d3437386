/* outlay-local-server.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "outlay-db-error.h"
#include "outlay-local-server.h"

/*
 * Security: the server listens on no TCP port, only on a socket in a 0700
 * directory, so only this user can reach it at all. On top of that the socket
 * uses peer authentication (the database user must be the operating-system
 * user, who is the cluster's superuser), so even a socket directory with wrong
 * permissions would not let another user in.
 *
 * Two lock files beside the data directory:
 *  - "<data>.lock": every user of the running server holds a shared flock; the
 *    one that can take it exclusively is the last and stops the server;
 *  - "<data>.start.lock": held exclusively while starting or stopping, so two
 *    processes never initdb or start at once, and a stop cannot slip in
 *    between a start and its shared lock.
 */

/* Any port will do: it only names the socket file in a private directory. */
#define LOCAL_PORT 5432
/* A larger server log is set aside before the next start. */
#define MAX_LOG_SIZE (1024 * 1024)
/* How long to wait for a server that is starting up or shutting down. */
#define SETTLE_TIMEOUT_USEC (30 * G_USEC_PER_SEC)
/* Lines of the server log shown when it failed to start. */
#define LOG_TAIL_LINES 8

struct _OutlayLocalServer
{
  GObject   parent_instance;

  char     *data_dir;
  char     *socket_dir;
  char     *dsn;
  gboolean  unsafe_fast;
  int       users_fd;   /* this object's share: a shared flock, or -1 */
};

G_DEFINE_FINAL_TYPE (OutlayLocalServer, outlay_local_server, G_TYPE_OBJECT)

static char *
quote_conninfo_value (const char *value)
{
  GString *out = g_string_new ("'");

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');

  return g_string_free (out, FALSE);
}

static char *
make_dsn (const char *socket_dir,
          int         port,
          const char *dbname)
{
  g_autofree char *host = quote_conninfo_value (socket_dir);
  g_autofree char *user = quote_conninfo_value (g_get_user_name ());

  return g_strdup_printf ("host=%s port=%d user=%s dbname=%s", host, port, user, dbname);
}

static gboolean
has_server_binaries (const char *bindir)
{
  static const char * const names[] = { "initdb", "pg_ctl", "postgres" };

  if (bindir == NULL || bindir[0] == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (bindir, names[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) || g_file_test (path, G_FILE_TEST_IS_DIR))
        return FALSE;
    }

  return TRUE;
}

/* The last @n lines of @text, for error messages. */
static char *
tail_lines (const char *text,
            guint       n)
{
  g_autofree char *copy = g_strchomp (g_strdup (text != NULL ? text : ""));
  const char *start = copy + strlen (copy);

  while (start > copy && n > 0)
    {
      start--;
      if (*start == '\n' && --n == 0)
        {
          start++;
          break;
        }
    }

  return g_strdup (start);
}

static void
set_group_cb (gpointer user_data)
{
  /* The server outlives this process's terminal: a Ctrl+C meant for one
   * Outlay must not stop a server others share. */
  setsid ();
}

/* Runs a PostgreSQL tool, its output (stdout and stderr) in @out_output. */
static gboolean
run_tool (const char * const  *argv,
          const char          *cwd,
          gboolean             detach,
          GCancellable        *cancellable,
          char               **out_output,
          GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  g_subprocess_launcher_unsetenv (launcher, "PGDATA");
  if (detach)
    g_subprocess_launcher_set_child_setup (launcher, set_group_cb, NULL, NULL);

  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return FALSE;

  if (!g_subprocess_communicate_utf8 (process, NULL, cancellable, &output, NULL, error))
    {
      g_subprocess_force_exit (process);
      return FALSE;
    }

  if (out_output != NULL)
    *out_output = g_steal_pointer (&output);

  return g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

static char *
get_pg_config_bindir (void)
{
  g_autofree char *pg_config = g_find_program_in_path ("pg_config");
  g_autofree char *output = NULL;
  const char *argv[] = { NULL, "--bindir", NULL };

  if (pg_config == NULL)
    return NULL;

  argv[0] = pg_config;
  if (!run_tool (argv, "/", FALSE, NULL, &output, NULL))
    return NULL;

  return g_strstrip (g_steal_pointer (&output));
}

static int
compare_versions_descending (gconstpointer a,
                             gconstpointer b)
{
  guint va = *(const guint *) a;
  guint vb = *(const guint *) b;

  return (va < vb) - (va > vb);
}

/* Debian's /usr/lib/postgresql/N/bin, newest first. */
static GPtrArray *
list_debian_bindirs (void)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  g_autoptr(GArray) versions = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      guint64 version;

      if (g_ascii_string_to_unsigned (name, 10, 1, G_MAXUINT, &version, NULL))
        {
          guint v = (guint) version;

          g_array_append_val (versions, v);
        }
    }

  g_array_sort (versions, compare_versions_descending);

  for (guint i = 0; i < versions->len; i++)
    g_ptr_array_add (dirs, g_strdup_printf ("/usr/lib/postgresql/%u/bin", g_array_index (versions, guint, i)));

  return dirs;
}

/* A cluster can only be run by its own major version: prefer that one when
 * several are installed side by side. */
static char *
find_bindir_for (const char  *data_dir,
                 GError     **error)
{
  g_autofree char *version_file = g_build_filename (data_dir, "PG_VERSION", NULL);
  g_autofree char *version = NULL;

  if (g_getenv ("OUTLAY_PG_BINDIR") == NULL &&
      g_file_get_contents (version_file, &version, NULL, NULL))
    {
      g_autofree char *bindir = g_strdup_printf ("/usr/lib/postgresql/%s/bin", g_strstrip (version));

      if (has_server_binaries (bindir))
        return g_steal_pointer (&bindir);
    }

  return outlay_local_server_find_bindir (error);
}

static char *
get_log_path (OutlayLocalServer *self)
{
  return g_build_filename (self->data_dir, "server.log", NULL);
}

static gboolean
set_failed (GError     **error,
            const char  *what,
            const char  *output)
{
  g_autofree char *tail = tail_lines (output, LOG_TAIL_LINES);

  if (tail[0] != '\0')
    g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED, "%s\n%s", what, tail);
  else
    g_set_error_literal (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED, what);

  return FALSE;
}

static void
remove_tree (const char *path,
             const char *cwd)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  run_tool (argv, cwd, FALSE, NULL, NULL, NULL);
}

/* initdb into a temporary sibling, then rename: an interrupted initdb leaves
 * no half-made cluster that would block the next attempt. */
static gboolean
init_cluster (OutlayLocalServer  *self,
              const char         *bindir,
              const char         *cwd,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autofree char *initdb = g_build_filename (bindir, "initdb", NULL);
  g_autofree char *tmpl = g_strconcat (self->data_dir, ".new-XXXXXX", NULL);
  g_autofree char *output = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *argv[] = {
    initdb, "-D", NULL, "-U", g_get_user_name (),
    "-E", "UTF8", "--locale=C.UTF-8",
    "--auth-local=peer", "--auth-host=scram-sha-256",
    self->unsafe_fast ? "--no-sync" : NULL,
    NULL
  };

  /* An empty folder may stand in the way (made by hand); anything else in it
   * is not ours to remove. */
  if (g_rmdir (self->data_dir) != 0 && errno != ENOENT)
    {
      int errsv = errno;

      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED,
                   _("The folder %s is in the way of the local database: %s"),
                   self->data_dir, g_strerror (errsv));
      return FALSE;
    }

  if (g_mkdtemp_full (tmpl, 0700) == NULL)
    {
      int errsv = errno;

      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED,
                   _("Could not create the folder for the local database at %s: %s"),
                   self->data_dir, g_strerror (errsv));
      return FALSE;
    }
  argv[2] = tmpl;

  g_debug ("Creating a PostgreSQL cluster in %s", self->data_dir);

  if (!run_tool (argv, cwd, FALSE, cancellable, &output, &local_error))
    {
      remove_tree (tmpl, cwd);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return set_failed (error, _("The local database could not be created:"), output);
    }

  if (g_rename (tmpl, self->data_dir) != 0)
    {
      int errsv = errno;

      remove_tree (tmpl, cwd);
      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED,
                   _("Could not create the folder for the local database at %s: %s"),
                   self->data_dir, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GPid   pid;
  int    port;
  char  *socket_dir;
} PidFile;

static void
pid_file_clear (PidFile *pf)
{
  g_clear_pointer (&pf->socket_dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PidFile, pid_file_clear)

/* postmaster.pid: pid, data directory, start time, port, socket directory… */
static gboolean
read_pid_file (OutlayLocalServer *self,
               PidFile           *out)
{
  g_autofree char *path = g_build_filename (self->data_dir, "postmaster.pid", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 pid;
  gint64 port;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  if (g_strv_length (lines) < 5)
    return FALSE;

  pid = g_ascii_strtoll (lines[0], NULL, 10);
  port = g_ascii_strtoll (lines[3], NULL, 10);
  if (pid <= 0 || port <= 0 || port > 65535)
    return FALSE;

  out->pid = (GPid) pid;
  out->port = (int) port;
  out->socket_dir = g_strdup (lines[4][0] != '\0' ? g_strstrip (lines[4]) : self->socket_dir);
  return TRUE;
}

/* Whether @pid is a postmaster of this data directory: alive and working in
 * it (the postmaster changes into its data directory). A PID in a stale file
 * may since belong to anything else. */
static gboolean
postmaster_alive (OutlayLocalServer *self,
                  GPid               pid)
{
  g_autofree char *cwd_link = NULL;
  g_autofree char *cwd = NULL;
  char *real_data_dir;
  gboolean same;

  if (kill (pid, 0) != 0)
    return FALSE;

  cwd_link = g_strdup_printf ("/proc/%d/cwd", (int) pid);
  cwd = g_file_read_link (cwd_link, NULL);
  real_data_dir = realpath (self->data_dir, NULL);
  same = cwd != NULL && real_data_dir != NULL && strcmp (cwd, real_data_dir) == 0;
  free (real_data_dir);

  return same;
}

typedef enum
{
  SERVER_STOPPED,
  SERVER_RUNNING,
} ServerState;

/* Looks for a server on the data directory. A running one that is still
 * starting or already stopping is waited for; a postmaster.pid left by a
 * crash is removed so that it cannot block the next start. */
static ServerState
probe_server (OutlayLocalServer *self,
              GCancellable      *cancellable)
{
  g_auto(PidFile) pf = { 0 };
  g_autofree char *dsn = NULL;
  gint64 deadline = g_get_monotonic_time () + SETTLE_TIMEOUT_USEC;

  if (!read_pid_file (self, &pf))
    return SERVER_STOPPED;

  dsn = make_dsn (pf.socket_dir, pf.port, "postgres");

  while (!g_cancellable_is_cancelled (cancellable) && g_get_monotonic_time () < deadline)
    {
      if (PQping (dsn) == PQPING_OK)
        {
          g_free (self->dsn);
          self->dsn = make_dsn (pf.socket_dir, pf.port, "outlay");
          return SERVER_RUNNING;
        }

      if (!postmaster_alive (self, pf.pid))
        {
          g_autofree char *path = g_build_filename (self->data_dir, "postmaster.pid", NULL);

          g_debug ("Removing the stale %s (PID %d)", path, (int) pf.pid);
          g_unlink (path);
          return SERVER_STOPPED;
        }

      g_usleep (G_USEC_PER_SEC / 10);
    }

  return SERVER_STOPPED;
}

static gboolean
start_server (OutlayLocalServer  *self,
              const char         *bindir,
              const char         *cwd,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autofree char *pg_ctl = g_build_filename (bindir, "pg_ctl", NULL);
  g_autofree char *log_path = get_log_path (self);
  g_autofree char *quoted_socket_dir = g_shell_quote (self->socket_dir);
  g_autofree char *options = NULL;
  g_autofree char *output = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize log_offset = 0;
  const char *argv[] = { pg_ctl, "start", "-D", self->data_dir, "-l", log_path, "-w", "-t", "60", "-o", NULL, NULL };

  if (g_stat (log_path, &st) == 0 && st.st_size > MAX_LOG_SIZE)
    {
      g_autofree char *old = g_strconcat (log_path, ".old", NULL);

      g_rename (log_path, old);
    }
  else if (g_stat (log_path, &st) == 0)
    {
      log_offset = st.st_size;
    }

  /* pg_ctl hands these to a shell, hence the shell quoting. */
  options = g_strdup_printf ("-c listen_addresses='' -c unix_socket_directories=%s "
                             "-c unix_socket_permissions=0700 -c port=%d%s",
                             quoted_socket_dir, LOCAL_PORT,
                             self->unsafe_fast ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
  argv[10] = options;

  g_debug ("Starting PostgreSQL on %s", self->data_dir);

  if (run_tool (argv, cwd, TRUE, cancellable, &output, &local_error))
    {
      g_free (self->dsn);
      self->dsn = make_dsn (self->socket_dir, LOCAL_PORT, "outlay");
      return TRUE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The server says why in its log; pg_ctl only that it gave up. */
  if (g_file_get_contents (log_path, &log, NULL, NULL) && strlen (log) > log_offset && log[log_offset] != '\0')
    return set_failed (error, _("The local database server could not start:"), log + log_offset);

  return set_failed (error, _("The local database server could not start:"), output);
}

static gboolean
stop_server (OutlayLocalServer  *self,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bindir = NULL;
  g_autofree char *pg_ctl = NULL;
  g_autofree char *output = NULL;
  g_autofree char *parent = g_path_get_dirname (self->data_dir);

  if (probe_server (self, NULL) != SERVER_RUNNING)
    return TRUE;

  bindir = find_bindir_for (self->data_dir, error);
  if (bindir == NULL)
    return FALSE;
  pg_ctl = g_build_filename (bindir, "pg_ctl", NULL);

  {
    const char *argv[] = { pg_ctl, "stop", "-D", self->data_dir, "-m", "fast", "-w", "-t", "60", NULL };

    g_debug ("Stopping PostgreSQL on %s", self->data_dir);

    if (!run_tool (argv, parent, FALSE, NULL, &output, &local_error))
      {
        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        return set_failed (error, _("The local database server could not be stopped:"), output);
      }
  }

  return TRUE;
}

/* The cluster is made for its owner alone, and holds the books: "outlay". */
static gboolean
ensure_database (OutlayLocalServer  *self,
                 GError            **error)
{
  g_auto(PidFile) pf = { 0 };
  g_autofree char *dsn = NULL;
  PGconn *conn;
  PGresult *result;
  gboolean ok = FALSE;

  if (!read_pid_file (self, &pf))
    return set_failed (error, _("The local database server stopped unexpectedly"), NULL);

  dsn = make_dsn (pf.socket_dir, pf.port, "postgres");
  conn = PQconnectdb (dsn);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      set_failed (error, _("The local database server does not accept connections:"), PQerrorMessage (conn));
      PQfinish (conn);
      return FALSE;
    }

  result = PQexec (conn, "SELECT 1 FROM pg_catalog.pg_database WHERE datname = 'outlay'");
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    {
      ok = TRUE;
    }
  else
    {
      PQclear (result);
      result = PQexec (conn, "CREATE DATABASE outlay");
      ok = PQresultStatus (result) == PGRES_COMMAND_OK;
      if (!ok)
        set_failed (error, _("The local database could not be created:"), PQerrorMessage (conn));
    }

  PQclear (result);
  PQfinish (conn);
  return ok;
}

static int
open_lock (const char  *data_dir,
           const char  *suffix,
           GError     **error)
{
  g_autofree char *path = g_strconcat (data_dir, suffix, NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED,
                   _("Could not open %s: %s"), path, g_strerror (errsv));
    }

  return fd;
}

static void
close_lock (int *fd)
{
  if (*fd >= 0)
    {
      flock (*fd, LOCK_UN);
      close (*fd);
      *fd = -1;
    }
}

/* Made 0700 when missing; with @force also when it exists (the socket's). */
static gboolean
make_private_dir (const char  *path,
                  gboolean     force,
                  GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0 || (force && g_chmod (path, 0700) != 0))
    {
      int errsv = errno;

      g_set_error (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED,
                   _("Could not create the folder %s: %s"), path, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

static void
outlay_local_server_finalize (GObject *object)
{
  OutlayLocalServer *self = (OutlayLocalServer *) object;

  /* Leaving without stop() gives up this share but never stops the server. */
  close_lock (&self->users_fd);

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->socket_dir, g_free);
  g_clear_pointer (&self->dsn, g_free);

  G_OBJECT_CLASS (outlay_local_server_parent_class)->finalize (object);
}

static void
outlay_local_server_class_init (OutlayLocalServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = outlay_local_server_finalize;
}

static void
outlay_local_server_init (OutlayLocalServer *self)
{
  self->users_fd = -1;
}

OutlayLocalServer *
outlay_local_server_new_default (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "outlay", "pg", NULL);
  g_autofree char *socket_dir = g_build_filename (g_get_user_runtime_dir (), "outlay", NULL);

  return outlay_local_server_new (data_dir, socket_dir);
}

OutlayLocalServer *
outlay_local_server_new (const char *data_dir,
                         const char *socket_dir)
{
  OutlayLocalServer *self;

  g_return_val_if_fail (data_dir != NULL && g_path_is_absolute (data_dir), NULL);
  g_return_val_if_fail (socket_dir != NULL && g_path_is_absolute (socket_dir), NULL);

  self = g_object_new (OUTLAY_TYPE_LOCAL_SERVER, NULL);
  self->data_dir = g_canonicalize_filename (data_dir, NULL);
  self->socket_dir = g_canonicalize_filename (socket_dir, NULL);
  self->dsn = make_dsn (self->socket_dir, LOCAL_PORT, "outlay");

  return self;
}

void
outlay_local_server_set_unsafe_fast (OutlayLocalServer *self,
                                     gboolean           unsafe_fast)
{
  g_return_if_fail (OUTLAY_IS_LOCAL_SERVER (self));

  self->unsafe_fast = !!unsafe_fast;
}

gboolean
outlay_local_server_start (OutlayLocalServer  *self,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autofree char *version_file = NULL;
  g_autofree char *bindir = NULL;
  g_autofree char *parent = NULL;
  int start_fd;
  gboolean ok;

  g_return_val_if_fail (OUTLAY_IS_LOCAL_SERVER (self), FALSE);

  if (self->users_fd >= 0)
    return TRUE;

  if (geteuid () == 0)
    {
      g_set_error_literal (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_FAILED,
                           _("PostgreSQL cannot run as root. Run Outlay as a regular user."));
      return FALSE;
    }

  bindir = find_bindir_for (self->data_dir, error);
  if (bindir == NULL)
    return FALSE;

  parent = g_path_get_dirname (self->data_dir);
  if (!make_private_dir (parent, FALSE, error) || !make_private_dir (self->socket_dir, TRUE, error))
    return FALSE;

  start_fd = open_lock (self->data_dir, ".start.lock", error);
  if (start_fd < 0)
    return FALSE;
  self->users_fd = open_lock (self->data_dir, ".lock", error);
  if (self->users_fd < 0)
    {
      close_lock (&start_fd);
      return FALSE;
    }

  flock (start_fd, LOCK_EX);
  flock (self->users_fd, LOCK_SH);

  version_file = g_build_filename (self->data_dir, "PG_VERSION", NULL);
  ok = TRUE;
  if (!g_file_test (version_file, G_FILE_TEST_EXISTS))
    ok = init_cluster (self, bindir, parent, cancellable, error);

  if (ok && probe_server (self, cancellable) != SERVER_RUNNING)
    ok = start_server (self, bindir, parent, cancellable, error);

  if (ok)
    ok = ensure_database (self, error);

  close_lock (&start_fd);

  if (!ok)
    close_lock (&self->users_fd);

  return ok;
}

const char *
outlay_local_server_get_dsn (OutlayLocalServer *self)
{
  g_return_val_if_fail (OUTLAY_IS_LOCAL_SERVER (self), NULL);

  return self->dsn;
}

const char *
outlay_local_server_get_data_dir (OutlayLocalServer *self)
{
  g_return_val_if_fail (OUTLAY_IS_LOCAL_SERVER (self), NULL);

  return self->data_dir;
}

gboolean
outlay_local_server_stop (OutlayLocalServer  *self,
                          gboolean            force,
                          GError            **error)
{
  int start_fd;
  int last_fd;
  gboolean ok = TRUE;

  g_return_val_if_fail (OUTLAY_IS_LOCAL_SERVER (self), FALSE);

  if (self->users_fd < 0 && !force)
    return TRUE;

  start_fd = open_lock (self->data_dir, ".start.lock", error);
  if (start_fd < 0)
    return FALSE;
  flock (start_fd, LOCK_EX);

  close_lock (&self->users_fd);

  /* Whoever can lock exclusively is the last user. */
  last_fd = open_lock (self->data_dir, ".lock", NULL);
  if (force || (last_fd >= 0 && flock (last_fd, LOCK_EX | LOCK_NB) == 0))
    ok = stop_server (self, error);
  else
    g_debug ("PostgreSQL on %s stays up for its other users", self->data_dir);

  close_lock (&last_fd);
  close_lock (&start_fd);

  return ok;
}

char *
outlay_local_server_find_bindir (GError **error)
{
  const char *env = g_getenv ("OUTLAY_PG_BINDIR");
  g_autofree char *from_pg_config = NULL;
  g_autofree char *pg_ctl = NULL;
  g_autoptr(GPtrArray) debian = NULL;

  /* An explicit choice is the only place looked at. */
  if (env != NULL)
    {
      if (has_server_binaries (env))
        return g_strdup (env);
      goto missing;
    }

  from_pg_config = get_pg_config_bindir ();
  if (has_server_binaries (from_pg_config))
    return g_steal_pointer (&from_pg_config);

  debian = list_debian_bindirs ();
  for (guint i = 0; i < debian->len; i++)
    {
      if (has_server_binaries (g_ptr_array_index (debian, i)))
        return g_strdup (g_ptr_array_index (debian, i));
    }

  pg_ctl = g_find_program_in_path ("pg_ctl");
  if (pg_ctl != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (pg_ctl);

      if (has_server_binaries (dir))
        return g_steal_pointer (&dir);
    }

  if (has_server_binaries (PG_BINDIR_FALLBACK))
    return g_strdup (PG_BINDIR_FALLBACK);

missing:
  g_set_error_literal (error, OUTLAY_DB_ERROR, OUTLAY_DB_ERROR_SERVER_MISSING,
                       _("PostgreSQL is not installed. Install the postgresql package "
                         "(sudo apt install postgresql)."));
  return NULL;
}
