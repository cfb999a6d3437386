/* outlay-reports-page.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "outlay-bar-chart.h"
#include "outlay-category-list.h"
#include "outlay-color-dot.h"
#include "outlay-date-button.h"
#include "outlay-donut-chart.h"
#include "outlay-reports-page.h"
#include "outlay-settings.h"
#include "outlay-ui.h"

/* Periods shorter than this show the bars of the last twelve months;
 * longer ones show their own months, at most MAX_BARS. */
#define MIN_BARS 6
#define MAX_BARS 24

/* The exported picture. */
#define EXPORT_WIDTH 1200
#define EXPORT_HEIGHT 480

struct _OutlayReportsPage
{
  GtkWidget           parent_instance;

  OutlayStore        *store;
  GCancellable       *cancellable;
  GCancellable       *query_cancellable;
  guint               reload_id;
  /* Queries wait until the page is shown: at start-up the list goes first. */
  gboolean            stale;
  GPtrArray          *totals;

  GDate               start;
  GDate               end;
  int                 bars_year;
  int                 bars_month;
  guint               n_bars;

  GtkDropDown        *period_dropdown;
  GtkWidget          *custom_box;
  OutlayDateButton   *start_button;
  OutlayDateButton   *end_button;
  GtkLabel           *range_label;
  GtkStack           *stack;
  OutlayDonutChart   *donut;
  OutlayBarChart     *bars;
  GtkListBox         *table;
};

G_DEFINE_FINAL_TYPE (OutlayReportsPage, outlay_reports_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
months_between (const GDate *first,
                const GDate *last)
{
  return (g_date_get_year (last) - g_date_get_year (first)) * 12 +
         g_date_get_month (last) - g_date_get_month (first) + 1;
}

/* The days of the chosen period, and the months its bars cover. */
static void
compute_range (OutlayReportsPage *self)
{
  OutlayReportPeriod period = gtk_drop_down_get_selected (self->period_dropdown);
  GDate today, first, last;
  int n_months, months;

  outlay_date_set_today (&today);
  outlay_date_month_bounds (&today, &first, &last);

  switch (period)
    {
    case OUTLAY_REPORT_PERIOD_LAST_MONTH:
      g_date_subtract_months (&first, 1);
      outlay_date_month_bounds (&first, &first, &last);
      break;

    case OUTLAY_REPORT_PERIOD_THIS_QUARTER:
      g_date_set_month (&first, (g_date_get_month (&first) - 1) / 3 * 3 + 1);
      last = first;
      g_date_add_months (&last, 3);
      g_date_subtract_days (&last, 1);
      break;

    case OUTLAY_REPORT_PERIOD_THIS_YEAR:
      g_date_set_dmy (&first, 1, G_DATE_JANUARY, g_date_get_year (&today));
      g_date_set_dmy (&last, 31, G_DATE_DECEMBER, g_date_get_year (&today));
      break;

    case OUTLAY_REPORT_PERIOD_LAST_12_MONTHS:
      g_date_subtract_months (&first, 11);
      break;

    case OUTLAY_REPORT_PERIOD_CUSTOM:
      {
        const GDate *start = outlay_date_button_get_date (self->start_button);
        const GDate *end = outlay_date_button_get_date (self->end_button);

        if (start != NULL)
          first = *start;
        if (end != NULL)
          last = *end;
        /* Days picked the wrong way round still mean the days between. */
        if (g_date_compare (&first, &last) > 0)
          {
            GDate swap = first;

            first = last;
            last = swap;
          }
      }
      break;

    case OUTLAY_REPORT_PERIOD_THIS_MONTH:
    default:
      break;
    }

  self->start = first;
  self->end = last;

  n_months = months_between (&first, &last);
  n_months = n_months < MIN_BARS ? 12 : MIN (n_months, MAX_BARS);
  self->n_bars = n_months;

  /* The bars end with the period's last month. */
  months = g_date_get_year (&last) * 12 + g_date_get_month (&last) - 1 - (n_months - 1);
  self->bars_year = months / 12;
  self->bars_month = months % 12 + 1;
}

static void
update_range_label (OutlayReportsPage *self)
{
  g_autofree char *start = outlay_date_format (&self->start);
  g_autofree char *end = outlay_date_format (&self->end);
  /* Translators: the first and the last day of a report */
  g_autofree char *text = g_strdup_printf (_("%s – %s"), start, end);

  gtk_label_set_label (self->range_label, text);
}

static void
add_label (GtkBox     *box,
           const char *text,
           gboolean    expand,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, expand);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
}

static GtkWidget *
create_row (OutlayReportsPage         *self,
            const OutlayCategoryTotal *total,
            gint64                     grand_total)
{
  OutlaySettings *settings = outlay_settings_get_default ();
  g_autofree char *amount = outlay_settings_format_money (settings, total->total);
  g_autofree char *count = NULL;
  g_autofree char *details = NULL;
  g_autofree char *start = outlay_date_to_iso (&self->start);
  g_autofree char *end = outlay_date_to_iso (&self->end);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *dot = outlay_color_dot_new ();

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  outlay_color_dot_set_color (OUTLAY_COLOR_DOT (dot), total->color);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), dot);
  add_label (GTK_BOX (line), total->name, TRUE, NULL);
  add_label (GTK_BOX (line), amount, FALSE, "numeric");
  gtk_box_append (GTK_BOX (box), line);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " expense",
                                        "%" PRId64 " expenses", total->count),
                           total->count);
  /* Translators: "3 expenses · 45% of the total" */
  details = g_strdup_printf (_("%s · %.0f%% of the total"), count,
                             grand_total > 0 ? 100.0 * (double) total->total / (double) grand_total : 0.0);

  /* A monthly budget counts once for every month of the period. */
  if (total->budget > 0)
    {
      gint64 budget = total->budget * months_between (&self->start, &self->end);
      g_autofree char *budget_text = outlay_settings_format_money (settings, budget);
      double share = (double) total->total / (double) budget;
      GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
      char *with_budget;

      /* Translators: the details, then the budget for the period */
      with_budget = g_strdup_printf (_("%s · budget %s"), details, budget_text);
      g_free (details);
      details = with_budget;

      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MIN (share, 1.0));
      if (share > 1.0)
        gtk_widget_add_css_class (bar, "over-budget");
      else if (share >= 0.9)
        gtk_widget_add_css_class (bar, "near-budget");
      add_label (GTK_BOX (box), details, FALSE, "dim-label");
      gtk_box_append (GTK_BOX (box), bar);
    }
  else
    add_label (GTK_BOX (box), details, FALSE, "dim-label");

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-expenses");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(xss)", total->category_id, start, end);
  /* Translators: tooltip of a category's row in the report */
  gtk_widget_set_tooltip_text (row, _("Show These Expenses"));

  return row;
}

static void
update_table (OutlayReportsPage *self)
{
  GtkWidget *child;
  gint64 grand_total = outlay_donut_chart_get_grand_total (self->donut);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_list_box_remove (self->table, child);

  for (guint i = 0; self->totals != NULL && i < self->totals->len; i++)
    gtk_list_box_append (self->table, create_row (self, g_ptr_array_index (self->totals, i), grand_total));

  gtk_stack_set_visible_child_name (self->stack,
                                    self->totals == NULL || self->totals->len > 0 ? "report" : "empty");
}

typedef GPtrArray *(*QueryFinishFunc) (OutlayStore   *store,
                                       GAsyncResult  *result,
                                       GError       **error);

/* A query's answer, or NULL once the user has been told what went wrong. */
static GPtrArray *
finish_query (OutlayReportsPage *self,
              GObject           *object,
              GAsyncResult      *result,
              QueryFinishFunc    finish)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *answer = finish (OUTLAY_STORE (object), result, &error);

  if (answer == NULL)
    outlay_ui_toast_error (GTK_WIDGET (self), error);

  return answer;
}

static void
totals_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OutlayReportsPage) self = user_data;
  GPtrArray *totals = finish_query (self, object, result, outlay_store_totals_by_category_finish);

  if (totals == NULL)
    return;

  g_clear_pointer (&self->totals, g_ptr_array_unref);
  self->totals = totals;
  outlay_donut_chart_set_totals (self->donut, self->totals);
  update_table (self);
}

static void
months_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OutlayReportsPage) self = user_data;
  g_autoptr(GPtrArray) months = finish_query (self, object, result, outlay_store_monthly_totals_finish);

  if (months == NULL)
    return;

  outlay_bar_chart_set_data (self->bars, months, self->bars_year, self->bars_month, self->n_bars,
                             outlay_category_list_get_for_store (self->store));
}

static void
reload (OutlayReportsPage *self)
{
  GDate bars_start, bars_end;

  g_clear_handle_id (&self->reload_id, g_source_remove);

  /* Whatever is still on its way answers an older question. */
  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);

  compute_range (self);
  update_range_label (self);

  if (self->store == NULL)
    return;

  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale)
    return;

  self->query_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->query_cancellable,
                           G_CONNECT_SWAPPED);

  g_date_clear (&bars_start, 1);
  g_date_set_dmy (&bars_start, 1, self->bars_month, self->bars_year);
  bars_end = bars_start;
  g_date_add_months (&bars_end, self->n_bars);
  g_date_subtract_days (&bars_end, 1);

  outlay_store_totals_by_category_async (self->store, &self->start, &self->end,
                                         self->query_cancellable,
                                         totals_loaded_cb, g_object_ref (self));
  outlay_store_monthly_totals_async (self->store, &bars_start, &bars_end, TRUE,
                                     self->query_cancellable,
                                     months_loaded_cb, g_object_ref (self));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  OutlayReportsPage *self = user_data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* Several changes in a row ask once. */
static void
store_changed_cb (OutlayReportsPage *self)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
}

static void
period_changed_cb (OutlayReportsPage *self)
{
  /* Building the template notifies before the children are bound. */
  if (self->custom_box == NULL || self->start_button == NULL || self->end_button == NULL)
    return;

  gtk_widget_set_visible (self->custom_box,
                          gtk_drop_down_get_selected (self->period_dropdown) == OUTLAY_REPORT_PERIOD_CUSTOM);
  reload (self);
}

static void
slice_activated_cb (OutlayReportsPage *self,
                    gint64             category_id)
{
  g_autofree char *start = outlay_date_to_iso (&self->start);
  g_autofree char *end = outlay_date_to_iso (&self->end);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-expenses", "(xss)",
                              category_id, start, end);
}

static void
write_all (GOutputStream *stream,
           const void    *data,
           gsize          length,
           GError       **error)
{
  if (*error == NULL)
    g_output_stream_write_all (stream, data, length, NULL, NULL, error);
}

typedef struct
{
  GOutputStream *stream;
  GError        *error;
} CairoWrite;

static cairo_status_t
cairo_write_cb (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  CairoWrite *write = closure;

  write_all (write->stream, data, length, &write->error);

  return write->error == NULL ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
write_csv_field (GString    *csv,
                 const char *text)
{
  /* Quoted when it holds what CSV treats specially (RFC 4180). */
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/* The charts side by side on white, dark text: a picture to share. */
static void
draw_export (OutlayReportsPage *self,
             cairo_t           *cr)
{
  const GdkRGBA foreground = { 0.14, 0.14, 0.16, 1.0 };

  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_translate (cr, 24, 24);
  outlay_donut_chart_draw (self->donut, cr, EXPORT_HEIGHT - 48, EXPORT_HEIGHT - 48, &foreground);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, EXPORT_HEIGHT + 24, 48);
  outlay_bar_chart_draw (self->bars, cr, EXPORT_WIDTH - EXPORT_HEIGHT - 48, EXPORT_HEIGHT - 96,
                         &foreground);
  cairo_restore (cr);
}

static void
file_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  g_autoptr(OutlayReportsPage) self = user_data;
  OutlayReportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file == NULL)
    return;

  if (!outlay_reports_page_export (self, file, format, &error))
    outlay_ui_toast_error (GTK_WIDGET (self), error);
  else
    outlay_ui_add_toast (GTK_WIDGET (self), outlay_ui_toast_new (_("Report exported")));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OutlayReportsPage *self = OUTLAY_REPORTS_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *start = outlay_date_to_iso (&self->start);
  g_autofree char *name = NULL;
  OutlayReportFormat format;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (g_str_equal (kind, "png"))
    {
      format = OUTLAY_REPORT_FORMAT_PNG;
      gtk_file_filter_set_name (filter, _("PNG Images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
    }
  else if (g_str_equal (kind, "svg"))
    {
      format = OUTLAY_REPORT_FORMAT_SVG;
      gtk_file_filter_set_name (filter, _("SVG Images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
    }
  else
    {
      format = OUTLAY_REPORT_FORMAT_CSV;
      gtk_file_filter_set_name (filter, _("CSV Files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
    }

  dialog = gtk_file_chooser_native_new (_("Export Report"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: file name of an exported report; %s is its first day, %s the extension */
  name = g_strdup_printf (_("outlay-report-%s.%s"), start, kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "format", GINT_TO_POINTER (format));
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
outlay_reports_page_map (GtkWidget *widget)
{
  OutlayReportsPage *self = OUTLAY_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (outlay_reports_page_parent_class)->map (widget);

  if (self->stale)
    reload (self);
}

static void
outlay_reports_page_dispose (GObject *object)
{
  OutlayReportsPage *self = OUTLAY_REPORTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), OUTLAY_TYPE_REPORTS_PAGE);
  /* The scrolled window at the top has no id, so the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);
  g_clear_pointer (&self->totals, g_ptr_array_unref);

  G_OBJECT_CLASS (outlay_reports_page_parent_class)->dispose (object);
}

static void
outlay_reports_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OutlayReportsPage *self = OUTLAY_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_reports_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OutlayReportsPage *self = OUTLAY_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      outlay_reports_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_reports_page_class_init (OutlayReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_reports_page_dispose;
  object_class->get_property = outlay_reports_page_get_property;
  object_class->set_property = outlay_reports_page_set_property;

  widget_class->map = outlay_reports_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         OUTLAY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OUTLAY_TYPE_BAR_CHART);
  g_type_ensure (OUTLAY_TYPE_DATE_BUTTON);
  g_type_ensure (OUTLAY_TYPE_DONUT_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, end_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, donut);
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, bars);
  gtk_widget_class_bind_template_child (widget_class, OutlayReportsPage, table);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, slice_activated_cb);

  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
outlay_reports_page_init (OutlayReportsPage *self)
{
  GDate first, last;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  /* A custom period starts as this month. */
  outlay_date_set_today (&first);
  outlay_date_month_bounds (&first, &first, &last);
  outlay_date_button_set_date (self->start_button, &first);
  outlay_date_button_set_date (self->end_button, &last);

  g_signal_connect_object (outlay_settings_get_default (), "notify::currency",
                           G_CALLBACK (update_table), self,
                           G_CONNECT_SWAPPED);

  compute_range (self);
  update_range_label (self);
}

GtkWidget *
outlay_reports_page_new (OutlayStore *store)
{
  return g_object_new (OUTLAY_TYPE_REPORTS_PAGE,
                       "store", store,
                       NULL);
}

OutlayStore *
outlay_reports_page_get_store (OutlayReportsPage *self)
{
  g_return_val_if_fail (OUTLAY_IS_REPORTS_PAGE (self), NULL);

  return self->store;
}

void
outlay_reports_page_set_store (OutlayReportsPage *self,
                               OutlayStore       *store)
{
  g_return_if_fail (OUTLAY_IS_REPORTS_PAGE (self));
  g_return_if_fail (store == NULL || OUTLAY_IS_STORE (store));

  if (store == self->store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  g_clear_pointer (&self->totals, g_ptr_array_unref);
  outlay_donut_chart_set_totals (self->donut, NULL);
  update_table (self);
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
outlay_reports_page_set_period (OutlayReportsPage  *self,
                                OutlayReportPeriod  period,
                                const GDate        *start,
                                const GDate        *end)
{
  g_return_if_fail (OUTLAY_IS_REPORTS_PAGE (self));
  g_return_if_fail (period <= OUTLAY_REPORT_PERIOD_CUSTOM);

  if (period == OUTLAY_REPORT_PERIOD_CUSTOM)
    {
      g_return_if_fail (start != NULL && g_date_valid (start));
      g_return_if_fail (end != NULL && g_date_valid (end));

      outlay_date_button_set_date (self->start_button, start);
      outlay_date_button_set_date (self->end_button, end);
    }

  gtk_drop_down_set_selected (self->period_dropdown, period);
  period_changed_cb (self);
}

void
outlay_reports_page_get_range (OutlayReportsPage *self,
                               GDate             *start,
                               GDate             *end)
{
  g_return_if_fail (OUTLAY_IS_REPORTS_PAGE (self));

  *start = self->start;
  *end = self->end;
}

GPtrArray *
outlay_reports_page_get_totals (OutlayReportsPage *self)
{
  g_return_val_if_fail (OUTLAY_IS_REPORTS_PAGE (self), NULL);

  return self->totals;
}

gboolean
outlay_reports_page_export (OutlayReportsPage   *self,
                            GFile               *file,
                            OutlayReportFormat   format,
                            GError             **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  CairoWrite write = { NULL, NULL };

  g_return_val_if_fail (OUTLAY_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  write.stream = G_OUTPUT_STREAM (stream);

  if (format == OUTLAY_REPORT_FORMAT_CSV)
    {
      g_autoptr(GString) csv = g_string_new ("category,total,count\r\n");

      for (guint i = 0; self->totals != NULL && i < self->totals->len; i++)
        {
          const OutlayCategoryTotal *total = g_ptr_array_index (self->totals, i);
          g_autofree char *amount = outlay_money_to_decimal (total->total);

          write_csv_field (csv, total->name);
          g_string_append_printf (csv, ",%s,%" G_GINT64_FORMAT "\r\n", amount, total->count);
        }

      write_all (write.stream, csv->str, csv->len, &write.error);
    }
  else
    {
      cairo_surface_t *surface;
      cairo_t *cr;

      if (format == OUTLAY_REPORT_FORMAT_SVG)
        surface = cairo_svg_surface_create_for_stream (cairo_write_cb, &write,
                                                       EXPORT_WIDTH, EXPORT_HEIGHT);
      else
        surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, EXPORT_WIDTH, EXPORT_HEIGHT);

      cr = cairo_create (surface);
      draw_export (self, cr);
      cairo_destroy (cr);

      if (format == OUTLAY_REPORT_FORMAT_PNG)
        cairo_surface_write_to_png_stream (surface, cairo_write_cb, &write);
      /* Finishing an SVG surface writes its end. */
      cairo_surface_finish (surface);
      if (write.error == NULL && cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        g_set_error (&write.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not draw the report: %s"),
                     cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
    }

  if (write.error != NULL)
    {
      g_propagate_error (error, write.error);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}
