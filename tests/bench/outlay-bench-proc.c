/* outlay-bench-proc.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "outlay-bench-proc.h"

static volatile sig_atomic_t interrupted;
static volatile sig_atomic_t running_child;
static gboolean cleaning_up;

static void
stop_running_child (int signum)
{
  interrupted = 1;
  /* A terminal's Ctrl+C reaches the child too, but a SIGTERM sent to the
   * benchmark alone would not. */
  if (running_child > 0)
    kill ((pid_t) running_child, SIGTERM);
}

/* Reads @fd to its end; FALSE with errno set on a read error. */
static gboolean
read_all (int      fd,
          GString *text)
{
  char buffer[4096];
  gssize n;

  for (;;)
    {
      n = read (fd, buffer, sizeof buffer);
      if (n > 0)
        g_string_append_len (text, buffer, n);
      else if (n == 0)
        return TRUE;
      else if (errno != EINTR)
        return FALSE;
    }
}

void
outlay_bench_proc_init_signals (void)
{
  struct sigaction action = { 0 };

  action.sa_handler = stop_running_child;
  sigemptyset (&action.sa_mask);
  action.sa_flags = SA_RESTART;

  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
}

gboolean
outlay_bench_proc_interrupted (void)
{
  return interrupted != 0;
}

void
outlay_bench_proc_begin_clean_up (void)
{
  cleaning_up = TRUE;
}

gboolean
outlay_bench_proc_run (const char * const  *argv,
                       const char * const  *envp,
                       char               **out_stdout,
                       OutlayBenchUsage    *out_usage,
                       GError             **error)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *program = NULL;
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD;
  struct rusage usage;
  gint64 started;
  gint64 finished;
  gboolean read_ok = TRUE;
  int read_errno = 0;
  int out_fd = -1;
  int status;
  GPid pid;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, FALSE);

  if (interrupted && !cleaning_up)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Interrupted"));
      return FALSE;
    }

  if (out_stdout == NULL)
    flags |= G_SPAWN_STDOUT_TO_DEV_NULL;

  started = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, (char **) envp, flags, NULL, NULL,
                                 &pid, NULL, out_stdout != NULL ? &out_fd : NULL, NULL,
                                 error))
    return FALSE;
  running_child = pid;

  if (out_stdout != NULL)
    {
      text = g_string_new (NULL);
      read_ok = read_all (out_fd, text);
      read_errno = errno;
      close (out_fd);
    }

  while (wait4 (pid, &status, 0, &usage) < 0)
    {
      if (errno != EINTR)
        {
          int saved_errno = errno;

          running_child = 0;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "wait4: %s", g_strerror (saved_errno));
          return FALSE;
        }
    }
  finished = g_get_monotonic_time ();
  running_child = 0;

  program = g_path_get_basename (argv[0]);
  if (!g_spawn_check_wait_status (status, &local_error))
    {
      /* Whatever it says, it was stopped because we were asked to stop. */
      if (interrupted)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Interrupted"));
          return FALSE;
        }
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", program);
      return FALSE;
    }
  if (!read_ok)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (read_errno),
                   "%s: %s", program, g_strerror (read_errno));
      return FALSE;
    }

  if (out_usage != NULL)
    {
      out_usage->started = started;
      out_usage->seconds = (finished - started) / (double) G_USEC_PER_SEC;
      out_usage->maxrss_kb = usage.ru_maxrss;
    }
  if (out_stdout != NULL)
    *out_stdout = g_string_free (g_steal_pointer (&text), FALSE);

  return TRUE;
}
