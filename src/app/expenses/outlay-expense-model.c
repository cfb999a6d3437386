/* outlay-expense-model.c
 *
 * Copyright 2026 The Outlay Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "outlay-expense-model.h"

/*
 * How positions become rows. The store pages with keysets: "the next N after
 * this row" in the filter's order, and the same backwards by flipping the
 * order. So the model remembers anchors, rows at known positions (the first
 * and last of every page it has seen, and where a walk stopped), and loads a
 * page from the nearest anchor before it (forwards) or after it (backwards;
 * the start and the end are anchors too), walking there in queries of up to
 * WALK_LIMIT rows that leave anchors behind. A page far from every anchor is
 * one query instead: the page at its offset from the start or the end,
 * whichever is nearer, which the database answers by skipping rows. Skipping
 * is cheaper than fetching but not free, so the model takes whichever costs
 * fewer rows (QUERY_COST, SKIP_RATIO): neighbouring pages by keyset, a jump
 * across a million rows by offset.
 *
 * One query runs at a time, for the page asked for most recently, so
 * dragging the scrollbar across a million rows loads where it stops, not
 * everything it passed.
 *
 * Counting a million rows takes longer than listing the first page, so a
 * reset asks for both at once. Before the first count the first page shows
 * as soon as it arrives, as all there is, and the count then adds the rest
 * after it; later resets keep the old rows until the count, which shows the
 * first page with it.
 */

#define PAGE_SIZE         200
/* Pages kept: a few screens either side of the view. */
#define MAX_PAGES         24
/* Rows per query when walking towards a far page: a multiple of PAGE_SIZE. */
#define WALK_LIMIT        10000
/* Pages this close to an anchor load by keyset, whatever an offset costs:
 * the walk there fetches pages the view is likely to want next. */
#define NEAR_ROWS         (10 * PAGE_SIZE)
/* A query costs about as much as fetching this many rows more (a round
 * trip to a remote server)… */
#define QUERY_COST        5000
/* … and for an offset the database skips this many rows in the time it
 * fetches one: a few where skipping reads the table (a text filter), some
 * thirty where an index-only scan skips them (the whole list). */
#define SKIP_RATIO        10
/* Store changes arrive in bursts (an import, a multi-row move). */
#define REFRESH_DELAY_MS  150
#define RETRY_DELAY_S     3
#define MAX_SHORT_READS   3

typedef struct
{
  guint           index;
  /* When get_item() last asked for a row of it: eviction drops the least
   * recently used page. */
  guint64         used;
  /* Every row holds current data; otherwise placeholders or rows from
   * before the last change, shown until the page is loaded again. */
  gboolean        loaded;
  OutlayExpense  *rows[PAGE_SIZE];
} Page;

struct _OutlayExpenseModel
{
  GObject              parent_instance;

  OutlayStore         *store;
  OutlayExpenseFilter *filter;

  guint                n_items;
  gint64               total;
  gboolean             loaded;

  GHashTable          *pages;    /* page index → Page */
  GHashTable          *anchors;  /* position → OutlayExpense */
  guint64              clock;
  guint                short_reads;

  /* Bumped whenever answers in flight stop making sense (the filter or the
   * data changed); those answers are dropped when they arrive. */
  guint                generation;
  GCancellable        *cancellable;
  gboolean             fetching;
  gboolean             counting;
  /* A reset's count is in flight: positions mean nothing yet. */
  gboolean             resetting;
  gboolean             count_again;
  /* The reset's first page, arrived before its count… */
  GPtrArray           *head;
  /* … or shown already: n_items is its length until the count. */
  gboolean             head_shown;

  guint                load_id;
  guint                refresh_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OutlayExpenseModel, outlay_expense_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  PROP_LOADED,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ROWS_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  OutlayExpenseModel  *self;
  guint                generation;
} Count;

typedef struct
{
  OutlayExpenseModel  *self;
  guint                generation;
  /* The position of the first row returned, and which way they go. */
  gint64               start;
  gboolean             forward;
  guint                limit;
  /* Asked for by offset rather than after an anchor. */
  gboolean             at_offset;
} Fetch;

static void load_next     (OutlayExpenseModel *self);
static void schedule_load (OutlayExpenseModel *self);
static void count (OutlayExpenseModel *self,
                   gboolean            reset);

static void
page_free (Page *page)
{
  for (guint i = 0; i < PAGE_SIZE; i++)
    g_clear_object (&page->rows[i]);

  g_free (page);
}

static void
count_free (Count *data)
{
  g_object_unref (data->self);
  g_free (data);
}

static void
fetch_free (Fetch *data)
{
  g_object_unref (data->self);
  g_free (data);
}

/* Drops every answer in flight. */
static void
next_generation (OutlayExpenseModel *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->fetching = FALSE;
  self->counting = FALSE;
  g_clear_pointer (&self->head, g_ptr_array_unref);
  self->head_shown = FALSE;
}

static Page *
evict_candidate (OutlayExpenseModel *self)
{
  GHashTableIter iter;
  Page *oldest = NULL;
  Page *page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    if (oldest == NULL || page->used < oldest->used)
      oldest = page;

  return oldest;
}

static Page *
get_page (OutlayExpenseModel *self,
          guint               index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page != NULL)
    return page;

  /* Rows the view still shows belong to recently used pages, so what goes
   * is out of sight. */
  while (g_hash_table_size (self->pages) >= MAX_PAGES)
    g_hash_table_remove (self->pages, GUINT_TO_POINTER (evict_candidate (self)->index));

  page = g_new0 (Page, 1);
  page->index = index;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);

  return page;
}

/* The unloaded page asked for most recently. */
static Page *
pick_target (OutlayExpenseModel *self)
{
  GHashTableIter iter;
  Page *target = NULL;
  Page *page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    if (!page->loaded && (target == NULL || page->used > target->used))
      target = page;

  return target;
}

/* The nearest anchors around [@first, @last]: *@before is -1 (the start)
 * when none is before, *@after n_items (the end) when none is after. */
static void
find_anchors (OutlayExpenseModel *self,
              gint64              first,
              gint64              last,
              gint64             *before,
              gint64             *after)
{
  GHashTableIter iter;
  gpointer key;

  *before = -1;
  *after = self->n_items;

  g_hash_table_iter_init (&iter, self->anchors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 position = GPOINTER_TO_UINT (key);

      if (position < first && position > *before)
        *before = position;
      else if (position > last && position < *after)
        *after = position;
    }
}

static void
mark_loaded (OutlayExpenseModel *self,
             gint64              lo,
             gint64              hi)
{
  for (gint64 index = lo / PAGE_SIZE; index <= hi / PAGE_SIZE; index++)
    {
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER ((guint) index));
      gint64 first = index * PAGE_SIZE;
      gint64 last = MIN (first + PAGE_SIZE, (gint64) self->n_items) - 1;

      if (page != NULL && lo <= first && hi >= last)
        page->loaded = TRUE;
    }
}

static void
store_row (OutlayExpenseModel *self,
           gint64              position,
           OutlayExpense      *row,
           gboolean            walk_end)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER ((guint) (position / PAGE_SIZE)));
  guint offset = position % PAGE_SIZE;

  if (page != NULL)
    {
      if (page->rows[offset] == NULL)
        page->rows[offset] = g_object_ref (row);
      else
        outlay_expense_update_from (page->rows[offset], row);
    }

  if (walk_end || offset == 0 || offset == PAGE_SIZE - 1)
    g_hash_table_insert (self->anchors, GUINT_TO_POINTER ((guint) position), g_object_ref (row));
}

/* Puts the first page of a reset in place, as far as the count goes. */
static void
fill_head (OutlayExpenseModel *self,
           GPtrArray          *rows)
{
  guint n_rows = MIN (rows->len, self->n_items);

  if (n_rows == 0)
    return;

  get_page (self, 0);
  for (guint i = 0; i < n_rows; i++)
    store_row (self, i, g_ptr_array_index (rows, i), i + 1 == n_rows);

  mark_loaded (self, 0, n_rows - 1);
  g_signal_emit (self, signals[ROWS_LOADED], 0, 0, n_rows);
}

static void apply_reset (OutlayExpenseModel *self,
                         guint               n_items);

/* The first page of a reset, before its count: with nothing counted yet it
 * is all there is for now; otherwise the old rows stay until the count. */
static void
take_head (OutlayExpenseModel *self,
           GPtrArray          *rows)
{
  if (self->loaded || rows->len == 0)
    {
      self->head = g_ptr_array_ref (rows);
      return;
    }

  apply_reset (self, rows->len);
  fill_head (self, rows);
  self->head_shown = TRUE;
}

static void
expenses_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Fetch *data = user_data;
  OutlayExpenseModel *self = data->self;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lo = G_MAXINT64;
  gint64 hi = -1;
  gint64 expected;

  if (data->at_offset)
    rows = outlay_store_list_expenses_at_finish (OUTLAY_STORE (object), result, &error);
  else
    rows = outlay_store_list_expenses_finish (OUTLAY_STORE (object), result, &error);

  if (data->generation != self->generation)
    goto out;

  self->fetching = FALSE;

  if (rows == NULL)
    {
      /* The store shows it is offline; try again in a moment. */
      g_debug ("Could not load expenses: %s", error->message);
      if (self->load_id == 0)
        self->load_id = g_timeout_add_once (RETRY_DELAY_S * 1000,
                                            (GSourceOnceFunc) load_next, self);
      goto out;
    }

  /* While a reset counts, the one listing is its first page. */
  if (self->resetting)
    {
      take_head (self, rows);
      goto out;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 position = data->forward ? data->start + i : data->start - i;

      if (position < 0 || position >= self->n_items)
        break;

      store_row (self, position, g_ptr_array_index (rows, i), i + 1 == rows->len);
      lo = MIN (lo, position);
      hi = MAX (hi, position);
    }

  if (hi >= 0)
    {
      mark_loaded (self, lo, hi);
      g_signal_emit (self, signals[ROWS_LOADED], 0, (guint) lo, (guint) (hi - lo + 1));
    }

  /* A reset's first page was asked for before the count, so possibly for
   * more rows than there are. */
  expected = MIN ((gint64) data->limit,
                  data->forward ? (gint64) self->n_items - data->start : data->start + 1);

  /* Fewer rows than the count promised: the data changed under us, so
   * count again (a few times at most, should the count and the listing
   * disagree for good). */
  if (rows->len < expected && self->short_reads < MAX_SHORT_READS)
    {
      self->short_reads++;
      count (self, FALSE);
      goto out;
    }

  if (rows->len >= expected)
    self->short_reads = 0;
  else
    mark_loaded (self, data->forward ? data->start : 0,
                 data->forward ? (gint64) self->n_items - 1 : data->start);

  schedule_load (self);

out:
  fetch_free (data);
}

static Fetch *
fetch_new (OutlayExpenseModel *self)
{
  Fetch *data = g_new0 (Fetch, 1);

  data->self = g_object_ref (self);
  data->generation = self->generation;
  self->fetching = TRUE;

  return data;
}

/* A page @distance rows from the nearest anchor is far, and walking there
 * costs more than skipping @skip rows for its @n_rows by offset, counted in
 * rows fetched. */
static gboolean
prefer_offset (gint64 distance,
               gint64 skip,
               gint64 n_rows)
{
  gint64 walk = distance + n_rows;
  gint64 walk_cost = walk + (walk + WALK_LIMIT - 1) / WALK_LIMIT * QUERY_COST;
  gint64 offset_cost = skip / SKIP_RATIO + n_rows + QUERY_COST;

  return distance > NEAR_ROWS && offset_cost < walk_cost;
}

static void
load_next (OutlayExpenseModel *self)
{
  g_autoptr(OutlayExpenseFilter) reversed = NULL;
  const OutlayExpenseFilter *filter = self->filter;
  OutlayExpense *after = NULL;
  Fetch *data;
  Page *target;
  gint64 first, last, n_rows, before, behind;
  gint64 distance_before, distance_behind, skip_behind;

  self->load_id = 0;

  if (self->store == NULL || self->fetching || self->resetting || !self->loaded)
    return;

  target = pick_target (self);
  if (target == NULL)
    return;

  first = (gint64) target->index * PAGE_SIZE;
  last = MIN (first + PAGE_SIZE, (gint64) self->n_items) - 1;
  if (first > last)
    {
      /* Past the end since the count went down. */
      target->loaded = TRUE;
      schedule_load (self);
      return;
    }

  n_rows = last - first + 1;
  find_anchors (self, first, last, &before, &behind);
  distance_before = first - 1 - before;
  distance_behind = behind - 1 - last;
  skip_behind = self->n_items - 1 - last;

  data = fetch_new (self);
  data->at_offset = prefer_offset (MIN (distance_before, distance_behind),
                                   MIN (first, skip_behind), n_rows);

  if (data->at_offset)
    {
      data->forward = first <= skip_behind;
      data->start = data->forward ? first : last;
      data->limit = n_rows;
    }
  else if (distance_before <= distance_behind)
    {
      data->forward = TRUE;
      data->start = before + 1;
      data->limit = MIN (distance_before + n_rows, WALK_LIMIT);
      if (before >= 0)
        after = g_hash_table_lookup (self->anchors, GUINT_TO_POINTER ((guint) before));
    }
  else
    {
      data->forward = FALSE;
      data->start = behind - 1;
      data->limit = MIN (distance_behind + n_rows, WALK_LIMIT);
      if (behind < self->n_items)
        after = g_hash_table_lookup (self->anchors, GUINT_TO_POINTER ((guint) behind));
    }

  if (!data->forward)
    {
      /* Ties break by id in the same direction, so flipping the order
       * walks exactly backwards. */
      reversed = outlay_expense_filter_copy (self->filter);
      reversed->ascending = !reversed->ascending;
      filter = reversed;
    }

  if (data->at_offset)
    outlay_store_list_expenses_at_async (self->store, filter,
                                         data->forward ? first : skip_behind, data->limit,
                                         self->cancellable, expenses_listed_cb, data);
  else
    outlay_store_list_expenses_async (self->store, filter, after, data->limit,
                                      self->cancellable, expenses_listed_cb, data);
}

static void
schedule_load (OutlayExpenseModel *self)
{
  if (self->load_id == 0 && !self->fetching)
    self->load_id = g_idle_add_once ((GSourceOnceFunc) load_next, self);
}

/* The count after a change of filter: everything starts over. */
static void
apply_reset (OutlayExpenseModel *self,
             guint               n_items)
{
  guint old_n_items = self->n_items;

  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->anchors);
  self->n_items = n_items;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, n_items);
}

/* The count after the data changed: positions stay, the rows they hold are
 * refreshed in place, and only a changed count is an items-changed (at the
 * end), so the view keeps its scroll position. */
static void
apply_refresh (OutlayExpenseModel *self,
               guint               n_items)
{
  guint old_n_items = self->n_items;
  GHashTableIter iter;
  Page *page;

  g_hash_table_remove_all (self->anchors);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    {
      page->loaded = FALSE;
      if ((gint64) page->index * PAGE_SIZE >= n_items)
        g_hash_table_iter_remove (&iter);
    }

  self->n_items = n_items;

  if (n_items > old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, n_items - old_n_items);
  else if (n_items < old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old_n_items - n_items, 0);
}

/* The count after the first page showed as all there is: the rest goes
 * after it, unless the data changed in between (the page is short of the
 * count, or longer), and then what is shown is refreshed. */
static void
apply_rest (OutlayExpenseModel *self,
            guint               n_items)
{
  guint old_n_items = self->n_items;

  if (n_items < old_n_items || (old_n_items < PAGE_SIZE && n_items > old_n_items))
    {
      apply_refresh (self, n_items);
      return;
    }

  self->n_items = n_items;
  if (n_items > old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, n_items - old_n_items);
}

static void
refresh_timeout_cb (OutlayExpenseModel *self)
{
  self->refresh_id = 0;
  count (self, FALSE);
}

static void
summarized_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Count *data = user_data;
  OutlayExpenseModel *self = data->self;
  g_autoptr(GError) error = NULL;
  OutlaySummary summary = { 0, };
  guint n_items;
  gboolean ok;

  ok = outlay_store_summarize_finish (OUTLAY_STORE (object), result, &summary, &error);

  if (data->generation != self->generation)
    goto out;

  self->counting = FALSE;

  if (!ok)
    {
      g_debug ("Could not count expenses: %s", error->message);
      if (self->refresh_id == 0)
        self->refresh_id = g_timeout_add_once (RETRY_DELAY_S * 1000,
                                               (GSourceOnceFunc) refresh_timeout_cb, self);
      goto out;
    }

  n_items = (guint) CLAMP (summary.count, 0, G_MAXUINT);

  if (self->resetting)
    {
      /* What is in flight is this reset's first page: it goes on. */
      if (self->head_shown)
        {
          apply_rest (self, n_items);
        }
      else
        {
          apply_reset (self, n_items);
          if (self->head != NULL)
            fill_head (self, self->head);
        }

      g_clear_pointer (&self->head, g_ptr_array_unref);
      self->head_shown = FALSE;
      self->resetting = FALSE;
    }
  else
    {
      /* Whatever is in flight was asked of the data before this count. */
      next_generation (self);
      apply_refresh (self, n_items);
    }

  if (self->total != summary.total)
    {
      self->total = summary.total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  if (self->count_again)
    count (self, FALSE);
  else
    schedule_load (self);

out:
  count_free (data);
}

static void
fetch_head (OutlayExpenseModel *self)
{
  Fetch *data = fetch_new (self);

  data->forward = TRUE;
  data->limit = PAGE_SIZE;
  outlay_store_list_expenses_async (self->store, self->filter, NULL, PAGE_SIZE,
                                    self->cancellable, expenses_listed_cb, data);
}

static void
count (OutlayExpenseModel *self,
       gboolean            reset)
{
  Count *data;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->store == NULL)
    return;

  if (reset)
    {
      /* Drop what is in flight; until the count arrives the old rows stay
       * and nothing loads but the first page. */
      next_generation (self);
      self->resetting = TRUE;
      fetch_head (self);
    }
  else if (self->counting)
    {
      self->count_again = TRUE;
      return;
    }

  self->count_again = FALSE;
  self->counting = TRUE;

  data = g_new0 (Count, 1);
  data->self = g_object_ref (self);
  data->generation = self->generation;

  outlay_store_summarize_async (self->store, self->filter, self->cancellable,
                                summarized_cb, data);
}

static void
store_changed_cb (OutlayExpenseModel *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_once (REFRESH_DELAY_MS,
                                         (GSourceOnceFunc) refresh_timeout_cb, self);
}

static GType
outlay_expense_model_get_item_type (GListModel *model)
{
  return OUTLAY_TYPE_EXPENSE;
}

static guint
outlay_expense_model_get_n_items (GListModel *model)
{
  return OUTLAY_EXPENSE_MODEL (model)->n_items;
}

static gpointer
outlay_expense_model_get_item (GListModel *model,
                               guint       position)
{
  OutlayExpenseModel *self = OUTLAY_EXPENSE_MODEL (model);
  OutlayExpense **row;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = get_page (self, position / PAGE_SIZE);
  page->used = ++self->clock;

  row = &page->rows[position % PAGE_SIZE];
  if (*row == NULL)
    *row = g_object_new (OUTLAY_TYPE_EXPENSE, NULL);

  if (!page->loaded)
    schedule_load (self);

  return g_object_ref (*row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = outlay_expense_model_get_item_type;
  iface->get_n_items = outlay_expense_model_get_n_items;
  iface->get_item = outlay_expense_model_get_item;
}

static void
outlay_expense_model_dispose (GObject *object)
{
  OutlayExpenseModel *self = (OutlayExpenseModel *) object;

  /* Answers still on their way find nothing to do. */
  next_generation (self);
  g_clear_handle_id (&self->load_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (outlay_expense_model_parent_class)->dispose (object);
}

static void
outlay_expense_model_finalize (GObject *object)
{
  OutlayExpenseModel *self = (OutlayExpenseModel *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->filter, outlay_expense_filter_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->anchors, g_hash_table_unref);

  G_OBJECT_CLASS (outlay_expense_model_parent_class)->finalize (object);
}

static void
outlay_expense_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OutlayExpenseModel *self = OUTLAY_EXPENSE_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_expense_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OutlayExpenseModel *self = OUTLAY_EXPENSE_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      outlay_expense_model_set_store (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      outlay_expense_model_set_filter (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
outlay_expense_model_class_init (OutlayExpenseModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = outlay_expense_model_dispose;
  object_class->finalize = outlay_expense_model_finalize;
  object_class->get_property = outlay_expense_model_get_property;
  object_class->set_property = outlay_expense_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         OUTLAY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL,
                        OUTLAY_TYPE_EXPENSE_FILTER,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Rows from @position on now hold current data. Which expense sits at a
   * position can change with them (another client's insert, a re-sort). */
  signals[ROWS_LOADED] =
    g_signal_new ("rows-loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
outlay_expense_model_init (OutlayExpenseModel *self)
{
  self->filter = outlay_expense_filter_new ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->anchors = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->cancellable = g_cancellable_new ();
}

OutlayExpenseModel *
outlay_expense_model_new (OutlayStore *store)
{
  g_return_val_if_fail (store == NULL || OUTLAY_IS_STORE (store), NULL);

  return g_object_new (OUTLAY_TYPE_EXPENSE_MODEL,
                       "store", store,
                       NULL);
}

OutlayStore *
outlay_expense_model_get_store (OutlayExpenseModel *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE_MODEL (self), NULL);

  return self->store;
}

void
outlay_expense_model_set_store (OutlayExpenseModel *self,
                                OutlayStore        *store)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE_MODEL (self));
  g_return_if_fail (store == NULL || OUTLAY_IS_STORE (store));

  if (store == self->store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);

  if (self->loaded)
    {
      self->loaded = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed",
                               G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      count (self, TRUE);
    }
  else
    {
      next_generation (self);
      self->resetting = FALSE;
      apply_reset (self, 0);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const OutlayExpenseFilter *
outlay_expense_model_get_filter (OutlayExpenseModel *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE_MODEL (self), NULL);

  return self->filter;
}

void
outlay_expense_model_set_filter (OutlayExpenseModel        *self,
                                 const OutlayExpenseFilter *filter)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE_MODEL (self));

  g_clear_pointer (&self->filter, outlay_expense_filter_free);
  self->filter = filter != NULL ? outlay_expense_filter_copy (filter)
                                : outlay_expense_filter_new ();

  count (self, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

void
outlay_expense_model_set_sort (OutlayExpenseModel *self,
                               OutlaySortKey       sort,
                               gboolean            ascending)
{
  g_autoptr(OutlayExpenseFilter) filter = NULL;

  g_return_if_fail (OUTLAY_IS_EXPENSE_MODEL (self));

  if (self->filter->sort == sort && !self->filter->ascending == !ascending)
    return;

  filter = outlay_expense_filter_copy (self->filter);
  filter->sort = sort;
  filter->ascending = !!ascending;
  outlay_expense_model_set_filter (self, filter);
}

gboolean
outlay_expense_model_get_loaded (OutlayExpenseModel *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE_MODEL (self), FALSE);

  return self->loaded;
}

gint64
outlay_expense_model_get_total (OutlayExpenseModel *self)
{
  g_return_val_if_fail (OUTLAY_IS_EXPENSE_MODEL (self), 0);

  return self->total;
}

void
outlay_expense_model_refresh (OutlayExpenseModel *self)
{
  g_return_if_fail (OUTLAY_IS_EXPENSE_MODEL (self));

  count (self, FALSE);
}

OutlayExpense *
outlay_expense_model_peek (OutlayExpenseModel *self,
                           guint               position)
{
  OutlayExpense *row;
  Page *page;

  g_return_val_if_fail (OUTLAY_IS_EXPENSE_MODEL (self), NULL);

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (position / PAGE_SIZE));
  if (page == NULL)
    return NULL;

  row = page->rows[position % PAGE_SIZE];
  if (row == NULL || outlay_expense_get_id (row) == 0)
    return NULL;

  return row;
}
