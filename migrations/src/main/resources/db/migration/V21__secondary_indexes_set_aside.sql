-- Initial loads build a table's secondary indexes once, after the data (docs/PERFORMANCE.md
-- "Initial loads", docs/API.md "Loads"). A load that fills an empty table, or brings many more rows
-- than the table holds, drops the table's non-unique secondary indexes before its first batch and
-- builds them again when its last object is done (or when it fails, is cancelled or interrupted).
--
-- 1. The definitions set aside, exactly as pg_indexes gave them, recorded in the transaction that
--    drops them: nothing else is the truth about which indexes must come back. Any instance
--    rebuilds a recorded index (one at a time per index, under a session advisory lock) and
--    deletes its row in the transaction that builds it, so an index is either here or in the table.
create table set_aside_index (
    index_name  text        primary key,
    table_name  text        not null,
    definition  text        not null,
    load_id     bigint      references load_run (id) on delete set null,
    set_aside_at timestamptz not null default now()
);
create index set_aside_index_load_idx on set_aside_index (load_id);

-- 2. What the load was asked (null: the engine decides), what it did (null until it starts its
--    first object; 'kept' for the 1..1000-row API), and how long its indexes took to come back.
alter table load_run add column indexes_requested varchar(8) check (indexes_requested in ('deferred', 'kept'));
alter table load_run add column indexes varchar(8) check (indexes in ('deferred', 'kept'));
alter table load_run add column index_rebuild_started_at timestamptz;
alter table load_run add column index_rebuild_ms bigint check (index_rebuild_ms >= 0);

-- 3. The gate between set-asides and rebuilds (shared) and migrations (exclusive): see
--    beforeEachMigrate.sql. One key, defined here.
create function index_gate_key() returns bigint language sql immutable
as $$ select hashtext('hireload:secondary-indexes')::bigint $$;
