/* app-test-utils.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "app-test-utils.h"
#include "outlay-window.h"

void
app_test_init (int    *argc,
               char ***argv)
{
  /* Amounts and dates parse and print the same everywhere. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/outlay/Outlay/icons");
}

GtkWindow *
app_test_window_new (GtkWidget *child)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), child);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  app_test_flush ();

  return GTK_WINDOW (window);
}

void
app_test_wait (AppTestCondition condition,
               gpointer         data)
{
  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
}

void
app_test_flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

OutlayCategory *
app_test_add_category (OutlayStore *store,
                       const char  *name)
{
  g_autoptr(OutlayCategory) category = outlay_category_new (name);
  g_autoptr(GError) error = NULL;

  outlay_category_set_color (category, "#3584e4");
  outlay_store_add_category (store, category, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&category);
}

OutlayExpense *
app_test_add_expense (OutlayStore    *store,
                      OutlayCategory *category,
                      const char     *description,
                      gint64          amount,
                      const char     *iso_date)
{
  g_autoptr(OutlayExpense) expense = outlay_expense_new ();
  g_autoptr(GError) error = NULL;
  GDate date;

  outlay_date_parse_iso (iso_date, &date, &error);
  g_assert_no_error (error);

  outlay_expense_set_description (expense, description);
  outlay_expense_set_amount (expense, amount);
  outlay_expense_set_date (expense, &date);
  outlay_expense_set_category_id (expense, outlay_category_get_id (category));
  outlay_store_add_expense (store, expense, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&expense);
}

gpointer
app_test_child (gpointer    widget,
                GType       type,
                const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, id);

  g_assert_nonnull (child);

  return child;
}

gpointer
app_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_items = g_list_model_get_n_items (toplevels);

  for (guint i = n_items; i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
window_has_store (gpointer data)
{
  return outlay_window_get_store (data) != NULL;
}

GtkWindow *
app_test_start_app (OutlayApplication *app,
                    const char        *dsn)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_setenv ("DATABASE_URL", dsn, TRUE);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (OUTLAY_IS_WINDOW (window));
  app_test_wait (window_has_store, window);

  return window;
}
