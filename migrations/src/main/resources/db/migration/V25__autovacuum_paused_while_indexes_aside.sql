-- Initial loads (V21, V22), continued: autovacuum waits while a table's indexes are set aside.
--
-- A load that fills a table brings autovacuum to it (its insert threshold is a thousand rows plus a
-- fifth of the table). When the worker arrived during the load it vacuumed a table still being
-- filled, and the rebuild's CREATE INDEX (a SHARE lock) then waited deadlock_timeout (1 s) for
-- PostgreSQL to cancel it: one 2M-row initial load in three took a second longer for it in the
-- bench (docs/PERFORMANCE.md). So set_aside_secondary_index now also turns the table's autovacuum
-- off, and resume_autovacuum turns it back on once no index of the table is set aside; autovacuum
-- then vacuums and analyzes the full table with its indexes, once. A table whose autovacuum an
-- operator set explicitly (either way) is left as it is. Wraparound vacuums run regardless.
create table paused_autovacuum (
    table_name text primary key,
    paused_at  timestamptz not null default now()
);

create or replace function set_aside_secondary_index(p_index text, p_load bigint) returns boolean
    language plpgsql security definer
    set search_path = "${flyway:defaultSchema}", pg_temp
as $fn$
declare
    idx record;
begin
    select t.relname as table_name, pg_get_indexdef(c.oid) as definition, n.nspname as schema_name,
           t.reloptions as table_options
      into idx
      from pg_index x
      join pg_class c on c.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = current_schema() and c.relname = p_index
       and not x.indisunique and not x.indisprimary
       and not exists (select 1 from pg_constraint k where k.conindid = c.oid)
       and exists (select 1 from pg_locks l
                    where l.locktype = 'relation' and l.relation = t.oid and l.pid = pg_backend_pid()
                      and l.mode = 'AccessExclusiveLock' and l.granted);
    if not found then
        return false;
    end if;
    insert into set_aside_index (index_name, table_name, definition, load_id)
    values (p_index, idx.table_name, idx.definition, p_load);
    execute format('drop index %I.%I', idx.schema_name, p_index);
    if not exists (select 1 from unnest(coalesce(idx.table_options, '{}')) o where o like 'autovacuum_enabled=%') then
        insert into paused_autovacuum (table_name) values (idx.table_name) on conflict do nothing;
        execute format('alter table %I.%I set (autovacuum_enabled = false)', idx.schema_name, idx.table_name);
    end if;
    return true;
end
$fn$;

-- Turns autovacuum back on for every table it paused that has no index set aside any more; answers
-- how many. The table is locked first (share update exclusive, autovacuum's own mode), so a
-- set-aside of a new load (access exclusive) either committed before, and its records keep the
-- pause, or waits and pauses the table again after.
create function resume_autovacuum() returns integer
    language plpgsql security definer
    set search_path = "${flyway:defaultSchema}", pg_temp
as $fn$
declare
    paused  record;
    resumed integer := 0;
begin
    for paused in select table_name from paused_autovacuum order by table_name loop
        execute format('lock table %I.%I in share update exclusive mode', current_schema(), paused.table_name);
        if not exists (select 1 from set_aside_index where table_name = paused.table_name) then
            delete from paused_autovacuum where table_name = paused.table_name;
            execute format('alter table %I.%I reset (autovacuum_enabled)', current_schema(), paused.table_name);
            resumed := resumed + 1;
        end if;
    end loop;
    return resumed;
end
$fn$;

revoke all on function set_aside_secondary_index(text, bigint) from public;
revoke all on function resume_autovacuum() from public;
