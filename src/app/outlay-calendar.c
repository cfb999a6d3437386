/* outlay-calendar.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "outlay-calendar.h"
#include "outlay-core.h"
#include "outlay-ui.h"

#define N_COLUMNS 7
#define N_ROWS    6
#define N_DAYS    (N_COLUMNS * N_ROWS)

struct _OutlayCalendar
{
  GtkWidget  parent_instance;

  GDate      date;
  /* The day that has (or gets) the keyboard focus; its month is shown. */
  GDate      cursor;
  int        first_day_of_week;

  GtkLabel  *month_label;
  GtkGrid   *days_grid;
  GtkWidget *weekday_labels[N_COLUMNS];
  GtkWidget *day_buttons[N_DAYS];
};

G_DEFINE_FINAL_TYPE (OutlayCalendar, outlay_calendar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE,
  PROP_FIRST_DAY_OF_WEEK,
  N_PROPS
};

enum {
  DAY_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
format_day (const GDate *day,
            const char  *format)
{
  g_autoptr(GDateTime) date_time = outlay_ui_date_to_date_time (day);

  return g_date_time_format (date_time, format);
}

static void
add_days (GDate *day,
          int    n_days)
{
  if (n_days >= 0)
    g_date_add_days (day, n_days);
  else
    g_date_subtract_days (day, -n_days);
}

/* Where @day's weekday is in a row: 0 is the first day of the week. */
static guint
weekday_column (OutlayCalendar *self,
                const GDate    *day)
{
  /* GDateWeekday counts from Monday = 1 to Sunday = 7. */
  int weekday = g_date_get_weekday (day) % 7;

  return (weekday - self->first_day_of_week + N_COLUMNS) % N_COLUMNS;
}

/* The day in the top left cell: the start of the week the month starts in. */
static void
get_first_shown_day (OutlayCalendar *self,
                     GDate          *day)
{
  *day = self->cursor;
  g_date_set_day (day, 1);
  add_days (day, -(int) weekday_column (self, day));
}

static GtkWidget *
get_cursor_button (OutlayCalendar *self)
{
  GDate first;

  get_first_shown_day (self, &first);

  return self->day_buttons[g_date_days_between (&first, &self->cursor)];
}

static gboolean
days_have_focus (OutlayCalendar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->days_grid));
}

static void
update_day_button (OutlayCalendar *self,
                   GtkWidget      *button,
                   const GDate    *day,
                   const GDate    *today)
{
  g_autofree char *number = NULL;
  g_autofree char *full_date = NULL;
  gboolean is_today = g_date_compare (day, today) == 0;
  gboolean is_selected = g_date_valid (&self->date) && g_date_compare (day, &self->date) == 0;

  /* Translators: a day's number in the calendar; "%Od" gives your locale's
   * own digits. See g_date_time_format().
   * xgettext:no-c-format */
  number = format_day (day, C_("calendar day", "%-d"));
  /* Translators: a day in the calendar as screen readers say it. See
   * g_date_time_format(). */
  full_date = format_day (day, _("%A, %-d %B %Y"));

  gtk_button_set_label (GTK_BUTTON (button), number);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", g_date_get_julian (day));
  /* The first and last months show days Outlay does not keep. */
  gtk_widget_set_sensitive (button, outlay_date_validate (day, NULL));

  /* Only the cursor is in the focus chain, so Tab leaves the grid in one
   * step and the arrows move within it. */
  gtk_widget_set_focusable (button, g_date_compare (day, &self->cursor) == 0);

  outlay_ui_set_css_class (button, "dim-label", g_date_get_month (day) != g_date_get_month (&self->cursor));
  outlay_ui_set_css_class (button, "today", is_today);
  outlay_ui_set_css_class (button, "selected", is_selected);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, full_date,
                                  -1);
  if (is_today)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Today"),
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button),
                               GTK_ACCESSIBLE_STATE_SELECTED, is_selected,
                               -1);
}

static void
update_days (OutlayCalendar *self)
{
  gboolean refocus = days_have_focus (self);
  g_autofree char *month = NULL;
  GDate today;
  GDate day;

  outlay_date_set_today (&today);
  get_first_shown_day (self, &day);

  /* Translators: the month and year the calendar shows, "November 2026"; %OB
   * is the month's name on its own. See g_date_time_format(). */
  month = format_day (&self->cursor, _("%OB %Y"));
  gtk_label_set_label (self->month_label, month);

  for (guint i = 0; i < N_DAYS; i++, g_date_add_days (&day, 1))
    {
      if (i < N_COLUMNS)
        {
          g_autofree char *weekday = format_day (&day, "%a");

          gtk_label_set_label (GTK_LABEL (self->weekday_labels[i]), weekday);
        }

      update_day_button (self, self->day_buttons[i], &day, &today);
    }

  if (refocus)
    gtk_widget_grab_focus (get_cursor_button (self));
}

/* Outlay keeps days in the years 1900 to 9999; the cursor stays there too. */
static void
move_cursor (OutlayCalendar *self,
             const GDate    *day)
{
  if (!outlay_date_validate (day, NULL))
    return;

  self->cursor = *day;
  update_days (self);
}

static void
select_day_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OutlayCalendar *self = OUTLAY_CALENDAR (widget);
  guint32 julian = g_variant_get_uint32 (parameter);
  GDate day;

  if (!g_date_valid_julian (julian))
    return;

  g_date_clear (&day, 1);
  g_date_set_julian (&day, julian);
  if (!outlay_date_validate (&day, NULL))
    return;

  outlay_calendar_set_date (self, &day);
  g_signal_emit (self, signals[DAY_SELECTED], 0);
}

static void
move_days_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OutlayCalendar *self = OUTLAY_CALENDAR (widget);
  int steps = g_variant_get_int32 (parameter);
  GDate day = self->cursor;

  if (g_str_equal (action_name, "calendar.move-rows"))
    steps *= N_COLUMNS;
  else if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    {
      /* The grid is mirrored: left is later. */
      steps = -steps;
    }

  add_days (&day, steps);
  move_cursor (self, &day);
}

static void
move_months_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OutlayCalendar *self = OUTLAY_CALENDAR (widget);
  int months = g_variant_get_int32 (parameter);
  GDate day = self->cursor;

  /* Both clamp the day to the length of the new month. */
  if (months >= 0)
    g_date_add_months (&day, months);
  else
    g_date_subtract_months (&day, -months);

  move_cursor (self, &day);
}

static void
week_edge_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OutlayCalendar *self = OUTLAY_CALENDAR (widget);
  int column = weekday_column (self, &self->cursor);
  GDate day = self->cursor;

  if (g_str_equal (action_name, "calendar.week-start"))
    add_days (&day, -column);
  else
    add_days (&day, N_COLUMNS - 1 - column);

  move_cursor (self, &day);
}

static gboolean
outlay_calendar_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (get_cursor_button (OUTLAY_CALENDAR (widget)));
}

static void
outlay_calendar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OUTLAY_TYPE_CALENDAR);

  G_OBJECT_CLASS (outlay_calendar_parent_class)->dispose (object);
}

static void
outlay_calendar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OutlayCalendar *self = OUTLAY_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, outlay_calendar_get_date (self));
      break;

    case PROP_FIRST_DAY_OF_WEEK:
      g_value_set_int (value, self->first_day_of_week);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_calendar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OutlayCalendar *self = OUTLAY_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_DATE:
      outlay_calendar_set_date (self, g_value_get_boxed (value));
      break;

    case PROP_FIRST_DAY_OF_WEEK:
      outlay_calendar_set_first_day_of_week (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_calendar_class_init (OutlayCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_calendar_dispose;
  object_class->get_property = outlay_calendar_get_property;
  object_class->set_property = outlay_calendar_set_property;

  widget_class->grab_focus = outlay_calendar_grab_focus;

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FIRST_DAY_OF_WEEK] =
    g_param_spec_int ("first-day-of-week", NULL, NULL,
                      0, 6, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DAY_SELECTED] =
    g_signal_new ("day-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-calendar.ui");
  /* Bound only so that gtk_widget_dispose_template() unparents it. */
  gtk_widget_class_bind_template_child_full (widget_class, "box", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, OutlayCalendar, month_label);
  gtk_widget_class_bind_template_child (widget_class, OutlayCalendar, days_grid);

  gtk_widget_class_install_action (widget_class, "calendar.select-day", "u", select_day_action);
  gtk_widget_class_install_action (widget_class, "calendar.move-columns", "i", move_days_action);
  gtk_widget_class_install_action (widget_class, "calendar.move-rows", "i", move_days_action);
  gtk_widget_class_install_action (widget_class, "calendar.move-months", "i", move_months_action);
  gtk_widget_class_install_action (widget_class, "calendar.week-start", NULL, week_edge_action);
  gtk_widget_class_install_action (widget_class, "calendar.week-end", NULL, week_edge_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outlaycalendar");
}

static void
outlay_calendar_init (OutlayCalendar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->days_grid, label, i, 0, 1, 1);
      self->weekday_labels[i] = label;
    }

  for (guint i = 0; i < N_DAYS; i++)
    {
      GtkWidget *button = gtk_button_new ();

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "calendar.select-day");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "day");
      gtk_widget_add_css_class (button, "numeric");
      gtk_grid_attach (self->days_grid, button, i % N_COLUMNS, 1 + i / N_COLUMNS, 1, 1);
      self->day_buttons[i] = button;
    }

  g_date_clear (&self->date, 1);
  outlay_date_set_today (&self->cursor);
  update_days (self);
}

GtkWidget *
outlay_calendar_new (void)
{
  return g_object_new (OUTLAY_TYPE_CALENDAR, NULL);
}

const GDate *
outlay_calendar_get_date (OutlayCalendar *self)
{
  g_return_val_if_fail (OUTLAY_IS_CALENDAR (self), NULL);

  return g_date_valid (&self->date) ? &self->date : NULL;
}

void
outlay_calendar_set_date (OutlayCalendar *self,
                          const GDate    *date)
{
  gboolean valid;
  gboolean changed;

  g_return_if_fail (OUTLAY_IS_CALENDAR (self));

  valid = date != NULL && g_date_valid (date);
  changed = valid != g_date_valid (&self->date) ||
            (valid && g_date_compare (date, &self->date) != 0);

  if (valid)
    self->date = *date;
  else
    g_date_clear (&self->date, 1);

  /* Even an unchanged date brings its month back into view. */
  if (valid && outlay_date_validate (date, NULL))
    self->cursor = *date;
  else
    outlay_date_set_today (&self->cursor);
  update_days (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

int
outlay_calendar_get_first_day_of_week (OutlayCalendar *self)
{
  g_return_val_if_fail (OUTLAY_IS_CALENDAR (self), 0);

  return self->first_day_of_week;
}

void
outlay_calendar_set_first_day_of_week (OutlayCalendar *self,
                                       int             first_day_of_week)
{
  g_return_if_fail (OUTLAY_IS_CALENDAR (self));
  g_return_if_fail (first_day_of_week >= 0 && first_day_of_week <= 6);

  if (first_day_of_week == self->first_day_of_week)
    return;

  self->first_day_of_week = first_day_of_week;
  update_days (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_DAY_OF_WEEK]);
}
