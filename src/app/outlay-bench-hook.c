/* outlay-bench-hook.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "outlay-bench-hook.h"

/*
 * A frame counts as showing the list when every cell of it that is mapped
 * has text: the expenses page's cells are GtkInscriptions that stay empty
 * while their row is a placeholder waiting for its page. Each scroll step
 * sets the list's vertical adjustment from the previous step's after-paint,
 * so the frames that follow lay out the new rows; the step ends at the first
 * after-paint showing all of them.
 */

#define REPORT_ENV       "OUTLAY_BENCH_REPORT"
#define SCROLL_ENV       "OUTLAY_BENCH_SCROLL"
#define JUMP_STEPS       200
/* Jumps visit the JUMP_STEPS positions in this stride (prime to JUMP_STEPS),
 * so each lands far from the last one, as a dragged scrollbar does. */
#define JUMP_STRIDE      77
#define STRETCHES        3
#define STRETCH_SCREENS  50
#define STALL_TIMEOUT_S  60

typedef struct
{
  GtkWidget     *list;
  GdkFrameClock *frame_clock;
  GString       *report;
  gboolean       scroll;
  gboolean       shown;
  gulong         after_paint_id;
  guint          stall_id;

  guint          step;
  gint64         scroll_started;
  gint64         jumps_ended;
  gint64         step_started;
  gint64         slowest_step;
  guint          scrolled_rows;
} Hook;

static void
hook_free (Hook *hook)
{
  if (hook->frame_clock != NULL)
    g_clear_signal_handler (&hook->after_paint_id, hook->frame_clock);
  g_clear_object (&hook->frame_clock);
  g_clear_handle_id (&hook->stall_id, g_source_remove);
  g_string_free (hook->report, TRUE);
  g_free (hook);
}

static GtkWidget *
find_list (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *list = find_list (child);

      if (list != NULL)
        return list;
    }

  return NULL;
}

/* FALSE as soon as a mapped cell is empty; counts the filled ones. */
static gboolean
cells_filled (GtkWidget *widget,
              guint     *n_cells)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;

      if (GTK_IS_INSCRIPTION (child))
        {
          const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (child));

          if (text == NULL || *text == '\0')
            return FALSE;
          (*n_cells)++;
        }
      else if (!cells_filled (child, n_cells))
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* Where step @step of the scroll goes; FALSE after the last one. */
static gboolean
get_step_value (GtkAdjustment *adjustment,
                guint          step,
                double        *out_value)
{
  double lower = gtk_adjustment_get_lower (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double range = MAX (gtk_adjustment_get_upper (adjustment) - page - lower, 0);
  guint stretch, screen;
  double start;

  if (step < JUMP_STEPS)
    {
      *out_value = lower + range * ((step * JUMP_STRIDE) % JUMP_STEPS + 1) / JUMP_STEPS;
      return TRUE;
    }

  step -= JUMP_STEPS;
  if (step >= STRETCHES * (STRETCH_SCREENS + 1))
    return FALSE;

  /* The first stretch starts at the top, the last ends at the bottom. */
  stretch = step / (STRETCH_SCREENS + 1);
  screen = step % (STRETCH_SCREENS + 1);
  start = lower + MAX (range - STRETCH_SCREENS * page, 0) * stretch / (STRETCHES - 1);
  *out_value = MIN (start + screen * page, lower + range);

  return TRUE;
}

/* The rows from the top of the list to the bottom of the screen. */
static guint
rows_down_to_screen_bottom (Hook *hook)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (hook->list));
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (hook->list)));
  guint n_items = g_list_model_get_n_items (model);
  double lower = gtk_adjustment_get_lower (adjustment);
  double height = gtk_adjustment_get_upper (adjustment) - lower;
  double bottom = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);

  if (height <= 0)
    return n_items;

  return (guint) MIN (ceil ((bottom - lower) / height * n_items), n_items);
}

static void
finish (Hook     *hook,
        gboolean  completed)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv (REPORT_ENV);
  GApplication *app;

  g_clear_signal_handler (&hook->after_paint_id, hook->frame_clock);
  g_clear_handle_id (&hook->stall_id, g_source_remove);

  if (hook->scroll)
    g_string_append_printf (hook->report,
                            "scrolled_rows=%u steps=%u scroll_us=%" G_GINT64_FORMAT
                            " jumps_us=%" G_GINT64_FORMAT " slowest_step_us=%" G_GINT64_FORMAT
                            " completed=%d\n",
                            hook->scrolled_rows, hook->step,
                            hook->scroll_started > 0
                            ? g_get_monotonic_time () - hook->scroll_started : 0,
                            hook->jumps_ended > 0 ? hook->jumps_ended - hook->scroll_started : 0,
                            hook->slowest_step, completed);

  if (!g_file_set_contents (path, hook->report->str, hook->report->len, &error))
    g_printerr ("outlay: %s: %s\n", REPORT_ENV, error->message);

  app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (gtk_widget_get_root (hook->list))));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
stall_timeout_cb (gpointer user_data)
{
  Hook *hook = user_data;

  hook->stall_id = 0;
  finish (hook, FALSE);
}

static void
arm_stall_timeout (Hook *hook)
{
  g_clear_handle_id (&hook->stall_id, g_source_remove);
  hook->stall_id = g_timeout_add_once (STALL_TIMEOUT_S * 1000, stall_timeout_cb, hook);
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  Hook *hook = user_data;
  GtkAdjustment *adjustment;
  guint n_cells = 0;
  double value;
  gint64 now;

  if (!cells_filled (hook->list, &n_cells) || n_cells == 0)
    return;

  now = g_get_monotonic_time ();

  if (!hook->shown)
    {
      hook->shown = TRUE;
      g_string_append_printf (hook->report, "first_frame_us=%" G_GINT64_FORMAT " renderer=%s\n",
                              now, G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (hook->list))));
      if (!hook->scroll)
        {
          finish (hook, TRUE);
          return;
        }
      hook->scroll_started = now;
    }
  else
    {
      hook->slowest_step = MAX (hook->slowest_step, now - hook->step_started);
      hook->scrolled_rows = MAX (hook->scrolled_rows, rows_down_to_screen_bottom (hook));
      if (++hook->step == JUMP_STEPS)
        hook->jumps_ended = now;
    }

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (hook->list));
  if (!get_step_value (adjustment, hook->step, &value))
    {
      finish (hook, TRUE);
      return;
    }

  hook->step_started = now;
  arm_stall_timeout (hook);
  gtk_adjustment_set_value (adjustment, value);
  /* A step that does not move (a stretch at the bottom) still needs a frame. */
  gtk_widget_queue_draw (hook->list);
}

static void
window_realized_cb (GtkWidget *window,
                    gpointer   user_data)
{
  Hook *hook = user_data;

  g_set_object (&hook->frame_clock, gtk_widget_get_frame_clock (window));
  hook->after_paint_id = g_signal_connect (hook->frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), hook);
}

gboolean
outlay_bench_hook_is_enabled (void)
{
  const char *path = g_getenv (REPORT_ENV);

  return path != NULL && *path != '\0';
}

void
outlay_bench_hook_watch (GtkWindow *window)
{
  GtkWidget *list;
  Hook *hook;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (!outlay_bench_hook_is_enabled ())
    return;

  list = find_list (GTK_WIDGET (window));
  if (list == NULL)
    {
      g_printerr ("outlay: %s: the window has no list to watch\n", REPORT_ENV);
      return;
    }

  hook = g_new0 (Hook, 1);
  hook->list = list;
  hook->report = g_string_new (NULL);
  hook->scroll = g_strcmp0 (g_getenv (SCROLL_ENV), "1") == 0;
  g_object_set_data_full (G_OBJECT (window), "outlay-bench-hook", hook,
                          (GDestroyNotify) hook_free);

  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), hook);
  arm_stall_timeout (hook);
}
