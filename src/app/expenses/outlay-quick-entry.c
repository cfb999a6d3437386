/* outlay-quick-entry.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "outlay-category-list.h"
#include "outlay-date-button.h"
#include "outlay-quick-entry.h"
#include "outlay-ui.h"

/* Between the two halves of the row, and between its lines when it wraps. */
#define SPACING 6
/* Past descriptions offered while typing one. */
#define N_SUGGESTIONS 6
#define SUGGEST_DELAY_MS 150

struct _OutlayQuickEntry
{
  GtkWidget         parent_instance;

  OutlayStore      *store;
  GCancellable     *cancellable;
  /* The uuid of an insert that failed, reused while nothing changes so a
   * retry cannot store the same expense twice. */
  char             *pending_uuid;
  /* What the save in flight stores; the fields clear only if they still
   * show it. */
  OutlayExpense    *saving;
  char             *saving_amount;
  char             *saving_description;

  GtkBox           *first_box;
  GtkBox           *second_box;
  GtkEntry         *amount_entry;
  GtkEntry         *description_entry;
  GtkDropDown      *category_dropdown;
  OutlayDateButton *date_button;
  GtkLabel         *error_label;
  GtkPopover       *suggestions_popover;
  GtkListBox       *suggestions_list;

  GCancellable     *suggest_cancellable;
  guint             suggest_id;
  /* Filling in a chosen suggestion is not typing. */
  gboolean          applying;
};

G_DEFINE_FINAL_TYPE (OutlayQuickEntry, outlay_quick_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
clear_errors (OutlayQuickEntry *self)
{
  outlay_ui_set_field_error (GTK_WIDGET (self->amount_entry), NULL);
  outlay_ui_set_field_error (GTK_WIDGET (self->description_entry), NULL);
  outlay_ui_set_field_error (GTK_WIDGET (self->category_dropdown), NULL);
  outlay_ui_set_field_error (GTK_WIDGET (self->date_button), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static GtkWidget *
field_for_error (OutlayQuickEntry *self,
                 const GError     *error)
{
  if (error->domain != OUTLAY_ERROR)
    return NULL;

  switch ((OutlayError) error->code)
    {
    case OUTLAY_ERROR_INVALID_AMOUNT:
      return GTK_WIDGET (self->amount_entry);

    case OUTLAY_ERROR_INVALID_DESCRIPTION:
      return GTK_WIDGET (self->description_entry);

    case OUTLAY_ERROR_INVALID_DATE:
      return GTK_WIDGET (self->date_button);

    case OUTLAY_ERROR_INVALID_CATEGORY:
    case OUTLAY_ERROR_CATEGORY_MISSING:
      return GTK_WIDGET (self->category_dropdown);

    case OUTLAY_ERROR_INVALID_INPUT:
    case OUTLAY_ERROR_NOT_FOUND:
    case OUTLAY_ERROR_DUPLICATE:
    case OUTLAY_ERROR_CATEGORY_IN_USE:
    case OUTLAY_ERROR_CONFLICT:
    default:
      return NULL;
    }
}

static void
update_sensitivity (OutlayQuickEntry *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quick-entry.save",
                                 self->store != NULL && self->cancellable == NULL);
}

static void
expense_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OutlayQuickEntry) self = user_data;
  g_autoptr(OutlayExpense) expense = g_steal_pointer (&self->saving);
  g_autoptr(GError) error = NULL;

  if (!outlay_store_add_expense_finish (OUTLAY_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->cancellable);
      update_sensitivity (self);
      outlay_ui_show_form_error (self->error_label, field_for_error (self, error), error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_uuid, g_free);
  update_sensitivity (self);

  /* Keep anything typed since Enter was pressed. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry)),
                 self->saving_amount) == 0 &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->description_entry)),
                 self->saving_description) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->amount_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->description_entry), "");
      clear_errors (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
    }

  g_signal_emit (self, signals[SAVED], 0, expense);
}

static void
entry_activated_cb (OutlayQuickEntry *self)
{
  outlay_quick_entry_save (self);
}

static void
field_changed (OutlayQuickEntry *self,
               GtkWidget        *field)
{
  /* Changed input is a different expense: a retry must not reuse the uuid. */
  g_clear_pointer (&self->pending_uuid, g_free);

  outlay_ui_form_field_edited (self->error_label, field);
}

/* --- Suggestions -------------------------------------------------------- */

static void
hide_suggestions (OutlayQuickEntry *self)
{
  g_clear_handle_id (&self->suggest_id, g_source_remove);
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  gtk_popover_popdown (self->suggestions_popover);
}

static GtkWidget *
new_suggestion_row (OutlayQuickEntry *self,
                    OutlaySuggestion *suggestion)
{
  OutlayCategory *category = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (suggestion->description);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  if (self->store != NULL)
    category = outlay_category_list_lookup (outlay_category_list_get_for_store (self->store),
                                            suggestion->category_id);
  if (category != NULL)
    {
      GtkWidget *name = gtk_label_new (outlay_category_get_name (category));

      gtk_widget_add_css_class (name, "dim-label");
      gtk_box_append (GTK_BOX (box), name);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "description",
                          g_strdup (suggestion->description), g_free);
  g_object_set_data_full (G_OBJECT (row), "category-id",
                          g_memdup2 (&suggestion->category_id, sizeof suggestion->category_id),
                          g_free);

  return row;
}

/* Whether typing goes to the description (gtk_widget_has_focus() also wants
 * the window active, which it is not under every window manager). */
static gboolean
description_has_focus (OutlayQuickEntry *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL &&
         (focus == GTK_WIDGET (self->description_entry) ||
          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->description_entry)));
}

static void
descriptions_suggested_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(OutlayQuickEntry) self = user_data;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  const char *typed;
  GtkWidget *child;

  suggestions = outlay_store_suggest_descriptions_finish (OUTLAY_STORE (object), result, &error);
  if (suggestions == NULL)
    {
      /* Only a convenience: nothing to tell. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not suggest descriptions: %s", error->message);
      return;
    }

  g_clear_object (&self->suggest_cancellable);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);

  typed = gtk_editable_get_text (GTK_EDITABLE (self->description_entry));
  for (guint i = 0; i < suggestions->len; i++)
    {
      OutlaySuggestion *suggestion = g_ptr_array_index (suggestions, i);

      /* Offering what is typed already helps nobody. */
      if (g_strcmp0 (suggestion->description, typed) != 0)
        gtk_list_box_append (self->suggestions_list, new_suggestion_row (self, suggestion));
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list)) != NULL &&
      description_has_focus (self))
    gtk_popover_popup (self->suggestions_popover);
  else
    gtk_popover_popdown (self->suggestions_popover);
}

static void
suggest (OutlayQuickEntry *self)
{
  g_autofree char *prefix = NULL;

  self->suggest_id = 0;

  prefix = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_entry))));
  if (self->store == NULL || *prefix == '\0')
    {
      hide_suggestions (self);
      return;
    }

  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  self->suggest_cancellable = g_cancellable_new ();
  outlay_store_suggest_descriptions_async (self->store, prefix, N_SUGGESTIONS,
                                           self->suggest_cancellable,
                                           descriptions_suggested_cb, g_object_ref (self));
}

static void
suggestion_activated_cb (OutlayQuickEntry *self,
                         GtkListBoxRow    *row)
{
  const gint64 *category_id = g_object_get_data (G_OBJECT (row), "category-id");
  GListModel *categories = gtk_drop_down_get_model (self->category_dropdown);
  guint n_items = categories != NULL ? g_list_model_get_n_items (categories) : 0;

  self->applying = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->description_entry),
                         g_object_get_data (G_OBJECT (row), "description"));
  self->applying = FALSE;

  /* A description usually goes with the same category. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OutlayCategory) category = g_list_model_get_item (categories, i);

      if (outlay_category_get_id (category) == *category_id)
        gtk_drop_down_set_selected (self->category_dropdown, i);
    }

  hide_suggestions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->description_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->description_entry), -1);
}

static gboolean
description_key_pressed_cb (OutlayQuickEntry      *self,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            GtkEventControllerKey *controller)
{
  GtkListBoxRow *first;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->suggestions_popover)))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      first = gtk_list_box_get_row_at_index (self->suggestions_list, 0);
      if (first != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (first));
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      hide_suggestions (self);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static gboolean
suggestions_key_pressed_cb (OutlayQuickEntry      *self,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;

  hide_suggestions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->description_entry));

  return GDK_EVENT_STOP;
}

static void
description_focus_left_cb (OutlayQuickEntry *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Moving into the suggestions keeps them. */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->suggestions_popover)))
    hide_suggestions (self);
}

/* --- Fields ---------------------------------------------------------------- */

static void
entry_changed_cb (OutlayQuickEntry *self,
                  GtkEditable      *entry)
{
  field_changed (self, GTK_WIDGET (entry));

  if (entry == GTK_EDITABLE (self->description_entry) && !self->applying)
    {
      g_clear_handle_id (&self->suggest_id, g_source_remove);
      self->suggest_id = g_timeout_add_once (SUGGEST_DELAY_MS, (GSourceOnceFunc) suggest, self);
    }
}

static void
choice_changed_cb (OutlayQuickEntry *self,
                   GParamSpec       *pspec,
                   GtkWidget        *field)
{
  field_changed (self, field);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  outlay_quick_entry_save (OUTLAY_QUICK_ENTRY (widget));
}

/* The row is one line when it fits and two (amount and description above
 * category, day and the button) when it does not, so the window works down
 * to phone widths. */
static gboolean
fits_one_line (OutlayQuickEntry *self,
               int               width)
{
  int first_min;
  int second_nat;

  gtk_widget_measure (GTK_WIDGET (self->first_box), GTK_ORIENTATION_HORIZONTAL, -1,
                      &first_min, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->second_box), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &second_nat, NULL, NULL);

  return width >= first_min + SPACING + second_nat;
}

static void
outlay_quick_entry_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  OutlayQuickEntry *self = OUTLAY_QUICK_ENTRY (widget);
  GtkWidget *error_label = GTK_WIDGET (self->error_label);
  int first_min, first_nat, second_min, second_nat, error_min = 0, error_nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (GTK_WIDGET (self->first_box), orientation, -1,
                          &first_min, &first_nat, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (self->second_box), orientation, -1,
                          &second_min, &second_nat, NULL, NULL);
      if (gtk_widget_get_visible (error_label))
        gtk_widget_measure (error_label, orientation, -1, &error_min, &error_nat, NULL, NULL);

      *minimum = MAX (MAX (first_min, second_min), error_min);
      *natural = MAX (first_nat + SPACING + second_nat, error_nat);
    }
  else
    {
      gboolean one_line = for_size < 0 || fits_one_line (self, for_size);
      int first_width = for_size;
      int second_width = for_size;

      if (one_line && for_size >= 0)
        {
          gtk_widget_measure (GTK_WIDGET (self->second_box), GTK_ORIENTATION_HORIZONTAL, -1,
                              NULL, &second_width, NULL, NULL);
          first_width = for_size - SPACING - second_width;
        }

      gtk_widget_measure (GTK_WIDGET (self->first_box), orientation, first_width,
                          &first_min, &first_nat, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (self->second_box), orientation, second_width,
                          &second_min, &second_nat, NULL, NULL);
      if (gtk_widget_get_visible (error_label))
        {
          gtk_widget_measure (error_label, orientation, for_size, &error_min, &error_nat, NULL, NULL);
          error_min += SPACING;
          error_nat += SPACING;
        }

      if (one_line)
        {
          *minimum = MAX (first_min, second_min) + error_min;
          *natural = MAX (first_nat, second_nat) + error_nat;
        }
      else
        {
          *minimum = first_min + SPACING + second_min + error_min;
          *natural = first_nat + SPACING + second_nat + error_nat;
        }
    }
}

static void
outlay_quick_entry_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  OutlayQuickEntry *self = OUTLAY_QUICK_ENTRY (widget);
  GtkWidget *first = GTK_WIDGET (self->first_box);
  GtkWidget *second = GTK_WIDGET (self->second_box);
  GtkWidget *error_label = GTK_WIDGET (self->error_label);
  int first_height, second_height, y;

  if (fits_one_line (self, width))
    {
      int second_width;
      int line_height;

      gtk_widget_measure (second, GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &second_width, NULL, NULL);
      gtk_widget_measure (first, GTK_ORIENTATION_VERTICAL, width - SPACING - second_width,
                          NULL, &first_height, NULL, NULL);
      gtk_widget_measure (second, GTK_ORIENTATION_VERTICAL, second_width,
                          NULL, &second_height, NULL, NULL);
      line_height = MAX (first_height, second_height);

      gtk_widget_size_allocate (first,
                                &(GtkAllocation) { 0, 0, width - SPACING - second_width, line_height },
                                -1);
      gtk_widget_size_allocate (second,
                                &(GtkAllocation) { width - second_width, 0, second_width, line_height },
                                -1);
      y = line_height;
    }
  else
    {
      gtk_widget_measure (first, GTK_ORIENTATION_VERTICAL, width, NULL, &first_height, NULL, NULL);
      gtk_widget_measure (second, GTK_ORIENTATION_VERTICAL, width, NULL, &second_height, NULL, NULL);

      gtk_widget_size_allocate (first, &(GtkAllocation) { 0, 0, width, first_height }, -1);
      gtk_widget_size_allocate (second,
                                &(GtkAllocation) { 0, first_height + SPACING, width, second_height },
                                -1);
      y = first_height + SPACING + second_height;
    }

  if (gtk_widget_get_visible (error_label))
    {
      int error_height;

      gtk_widget_measure (error_label, GTK_ORIENTATION_VERTICAL, width,
                          NULL, &error_height, NULL, NULL);
      gtk_widget_size_allocate (error_label,
                                &(GtkAllocation) { 0, y + SPACING, width, error_height },
                                -1);
    }
}

static GtkSizeRequestMode
outlay_quick_entry_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static gboolean
outlay_quick_entry_grab_focus (GtkWidget *widget)
{
  OutlayQuickEntry *self = OUTLAY_QUICK_ENTRY (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->amount_entry));
}

static void
outlay_quick_entry_dispose (GObject *object)
{
  OutlayQuickEntry *self = OUTLAY_QUICK_ENTRY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->suggest_id, g_source_remove);
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_object (&self->store);

  if (self->suggestions_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->suggestions_popover));

  gtk_widget_dispose_template (GTK_WIDGET (self), OUTLAY_TYPE_QUICK_ENTRY);

  G_OBJECT_CLASS (outlay_quick_entry_parent_class)->dispose (object);
}

static void
outlay_quick_entry_finalize (GObject *object)
{
  OutlayQuickEntry *self = OUTLAY_QUICK_ENTRY (object);

  g_clear_pointer (&self->pending_uuid, g_free);
  g_clear_object (&self->saving);
  g_clear_pointer (&self->saving_amount, g_free);
  g_clear_pointer (&self->saving_description, g_free);

  G_OBJECT_CLASS (outlay_quick_entry_parent_class)->finalize (object);
}

static void
outlay_quick_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OutlayQuickEntry *self = OUTLAY_QUICK_ENTRY (object);

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
outlay_quick_entry_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OutlayQuickEntry *self = OUTLAY_QUICK_ENTRY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      outlay_quick_entry_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_quick_entry_class_init (OutlayQuickEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = outlay_quick_entry_dispose;
  object_class->finalize = outlay_quick_entry_finalize;
  object_class->get_property = outlay_quick_entry_get_property;
  object_class->set_property = outlay_quick_entry_set_property;

  widget_class->measure = outlay_quick_entry_measure;
  widget_class->size_allocate = outlay_quick_entry_size_allocate;
  widget_class->get_request_mode = outlay_quick_entry_get_request_mode;
  widget_class->grab_focus = outlay_quick_entry_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         OUTLAY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, OUTLAY_TYPE_EXPENSE);

  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (OUTLAY_TYPE_CATEGORY);
  g_type_ensure (OUTLAY_TYPE_DATE_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/outlay/Outlay/ui/outlay-quick-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, first_box);
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, second_box);
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, description_entry);
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, date_button);
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, error_label);
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, suggestions_popover);
  gtk_widget_class_bind_template_child (widget_class, OutlayQuickEntry, suggestions_list);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggestions_key_pressed_cb);

  gtk_widget_class_install_action (widget_class, "quick-entry.save", NULL, save_action);

  gtk_widget_class_set_css_name (widget_class, "quickentry");
}

static void
outlay_quick_entry_init (OutlayQuickEntry *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The suggestions hang under the description; typing stays in it. */
  gtk_widget_set_parent (GTK_WIDGET (self->suggestions_popover), GTK_WIDGET (self->description_entry));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (description_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->description_entry), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave",
                           G_CALLBACK (description_focus_left_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->description_entry), controller);

  update_sensitivity (self);
}

GtkWidget *
outlay_quick_entry_new (void)
{
  return g_object_new (OUTLAY_TYPE_QUICK_ENTRY, NULL);
}

OutlayStore *
outlay_quick_entry_get_store (OutlayQuickEntry *self)
{
  g_return_val_if_fail (OUTLAY_IS_QUICK_ENTRY (self), NULL);

  return self->store;
}

void
outlay_quick_entry_set_store (OutlayQuickEntry *self,
                              OutlayStore      *store)
{
  g_autoptr(GtkFilterListModel) active = NULL;

  g_return_if_fail (OUTLAY_IS_QUICK_ENTRY (self));
  g_return_if_fail (store == NULL || OUTLAY_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (store != NULL)
    {
      GtkBoolFilter *filter;

      /* Archived categories take no new expenses. */
      filter = gtk_bool_filter_new (gtk_property_expression_new (OUTLAY_TYPE_CATEGORY, NULL,
                                                                 "archived"));
      gtk_bool_filter_set_invert (filter, TRUE);
      active = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (outlay_category_list_get_for_store (store))),
                                          GTK_FILTER (filter));
    }

  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (active));
  update_sensitivity (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
outlay_quick_entry_save (OutlayQuickEntry *self)
{
  g_autoptr(OutlayExpense) expense = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  GtkWidget *first_invalid;
  OutlayCategory *category;
  const GDate *date;
  gint64 amount = 0;

  g_return_if_fail (OUTLAY_IS_QUICK_ENTRY (self));

  if (self->store == NULL || self->cancellable != NULL)
    return;

  hide_suggestions (self);
  clear_errors (self);

  first_invalid = outlay_ui_read_expense_fields (self->error_label,
                                                 GTK_EDITABLE (self->amount_entry),
                                                 GTK_EDITABLE (self->description_entry),
                                                 &amount, &description);

  category = gtk_drop_down_get_selected_item (self->category_dropdown);
  if (category == NULL)
    {
      if (first_invalid == NULL)
        first_invalid = GTK_WIDGET (self->category_dropdown);
      outlay_ui_show_form_error (self->error_label, GTK_WIDGET (self->category_dropdown),
                                 _("Choose a category (add one first if there are none)"));
    }

  if (first_invalid != NULL)
    {
      gtk_widget_grab_focus (first_invalid);
      g_signal_emit (self, signals[FAILED], 0, NULL);
      return;
    }

  date = outlay_date_button_get_date (self->date_button);

  expense = outlay_expense_new ();
  if (self->pending_uuid != NULL)
    outlay_expense_set_uuid (expense, self->pending_uuid);
  else
    self->pending_uuid = g_strdup (outlay_expense_get_uuid (expense));
  outlay_expense_set_amount (expense, amount);
  outlay_expense_set_description (expense, description);
  outlay_expense_set_category_id (expense, outlay_category_get_id (category));
  outlay_expense_set_category_name (expense, outlay_category_get_name (category));
  outlay_expense_set_category_color (expense, outlay_category_get_color (category));
  outlay_expense_set_date (expense, date);

  if (!outlay_expense_validate (expense, &error))
    {
      outlay_ui_show_form_error (self->error_label, field_for_error (self, error), error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  g_free (self->saving_amount);
  self->saving_amount = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_entry)));
  g_free (self->saving_description);
  self->saving_description = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_entry)));

  self->cancellable = g_cancellable_new ();
  update_sensitivity (self);

  g_set_object (&self->saving, expense);
  outlay_store_add_expense_async (self->store, expense, self->cancellable,
                                  expense_added_cb, g_object_ref (self));
}
