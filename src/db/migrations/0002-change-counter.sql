-- 0002-change-counter.sql: a count of committed writes, for live sync
-- through a pooler.
--
-- Copyright 2026 The Outlay Authors
--
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A transaction-mode pooler (PgBouncer, Neon's -pooler hosts) cannot LISTEN,
-- so there Outlay polls: sum (n) of outlay.changes grows with every write
-- statement that commits, deletes included, and a rolled-back one leaves it
-- as it was. Neither max (updated_at) nor xmin can tell that much.
--
-- Sixteen counters rather than one: a write takes a row nobody else holds
-- (SKIP LOCKED), so concurrent writers neither queue on a single row until
-- they commit nor deadlock over it. Only when all sixteen are taken does a
-- writer wait for one.

CREATE TABLE outlay.changes (
  slot integer PRIMARY KEY,
  n    bigint NOT NULL DEFAULT 0
);

INSERT INTO outlay.changes (slot) SELECT generate_series (0, 15);

-- The triggers of 0001-init.sql call this once per write statement.
CREATE OR REPLACE FUNCTION outlay.notify_changes ()
  RETURNS trigger
  LANGUAGE plpgsql
AS $$
DECLARE
  free_slot integer;
BEGIN
  SELECT slot INTO free_slot FROM outlay.changes LIMIT 1 FOR UPDATE SKIP LOCKED;
  UPDATE outlay.changes SET n = n + 1
    WHERE slot = coalesce (free_slot, floor (random () * 16)::integer);
  PERFORM pg_notify ('outlay_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
