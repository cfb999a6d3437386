-- 0001-init.sql: the first shape of the books.
--
-- Copyright 2026 The Outlay Authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by OutlayStore inside one transaction under an advisory lock; the
-- schema "outlay" and outlay.schema_migrations already exist at this point.
-- Every name is schema-qualified: nothing relies on search_path.

CREATE TABLE outlay.categories (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL CHECK (char_length (name) BETWEEN 1 AND 50),
  color          text CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
  monthly_budget numeric(14,2) CHECK (monthly_budget >= 0),  -- NULL: no budget
  archived       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now ()
);

-- Names are unique regardless of case: "Food" and "food" are one category.
CREATE UNIQUE INDEX categories_lower_name_key ON outlay.categories (lower (name));

CREATE TABLE outlay.expenses (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Made by the client, so a retried insert is recognised (ON CONFLICT (uuid)).
  uuid        uuid NOT NULL UNIQUE DEFAULT gen_random_uuid (),
  description varchar(200) NOT NULL CHECK (btrim (description) <> ''),
  amount      numeric(14,2) NOT NULL CHECK (amount > 0),
  spent_on    date NOT NULL DEFAULT current_date,
  category_id bigint NOT NULL REFERENCES outlay.categories ON DELETE RESTRICT,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now (),
  -- Bumped by every UPDATE statement the store runs (optimistic locking).
  updated_at  timestamptz NOT NULL DEFAULT now (),
  version     integer NOT NULL DEFAULT 1
);

-- The default listing (newest first) and its keyset pages.
CREATE INDEX expenses_spent_on_idx ON outlay.expenses (spent_on DESC, id DESC);
-- A category's expenses in a period; also serves the foreign key on delete.
CREATE INDEX expenses_category_spent_on_idx ON outlay.expenses (category_id, spent_on);
-- "amount > x ORDER BY amount DESC" and the amount sort.
CREATE INDEX expenses_amount_idx ON outlay.expenses (amount DESC, id DESC);
-- The description sort.
CREATE INDEX expenses_description_idx ON outlay.expenses (description, id);
-- Autocomplete: case-insensitive prefix lookups (LIKE 'abc%').
CREATE INDEX expenses_lower_description_idx
  ON outlay.expenses (lower (description) text_pattern_ops);

-- Live sync: every write wakes the clients LISTENing on outlay_changes. One
-- notification per statement, whatever the number of rows.
CREATE FUNCTION outlay.notify_changes ()
  RETURNS trigger
  LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_notify ('outlay_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER categories_notify_changes
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON outlay.categories
  FOR EACH STATEMENT EXECUTE FUNCTION outlay.notify_changes ();

CREATE TRIGGER expenses_notify_changes
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON outlay.expenses
  FOR EACH STATEMENT EXECUTE FUNCTION outlay.notify_changes ();
