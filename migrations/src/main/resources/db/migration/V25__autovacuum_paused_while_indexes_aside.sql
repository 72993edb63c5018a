-- Initial loads (V21, V22), continued: autovacuum waits while a table's indexes are set aside.
--
-- A load that fills a table brings autovacuum to it (its insert threshold is a thousand rows plus a
-- fifth of the table). When the worker arrived during the load it vacuumed a table still being
-- filled, and the rebuild's CREATE INDEX (a SHARE lock) then waited deadlock_timeout (1 s) for
-- PostgreSQL to cancel it: one 2M-row initial load in three took a second longer for it in the
-- bench (docs/PERFORMANCE.md). So recording a set-aside index now also turns the table's
-- autovacuum off (a trigger on set_aside_index), and resume_autovacuum turns it back on once no
-- index of the table is set aside; autovacuum then vacuums and analyzes the full table with its
-- indexes, once. A table whose autovacuum an operator set explicitly (either way) is left as it is. Wraparound vacuums run regardless.
create table paused_autovacuum (
    table_name text primary key,
    paused_at  timestamptz not null default now()
);

-- A set-aside records each index it drops in set_aside_index (V22's set_aside_secondary_index, the
-- only writer); this trigger pauses the table's autovacuum as the record is written, in the same
-- transaction, so V22's function stays as it is.
create function pause_autovacuum() returns trigger
    language plpgsql security definer
    set search_path = "${flyway:defaultSchema}", pg_temp
as $fn$
begin
    if not exists (select 1
                     from pg_class t
                     join pg_namespace n on n.oid = t.relnamespace,
                          unnest(coalesce(t.reloptions, '{}')) o
                    where n.nspname = current_schema() and t.relname = new.table_name
                      and o like 'autovacuum_enabled=%') then
        insert into paused_autovacuum (table_name) values (new.table_name) on conflict do nothing;
        execute format('alter table %I.%I set (autovacuum_enabled = false)', current_schema(), new.table_name);
    end if;
    return null;
end
$fn$;

create trigger set_aside_pauses_autovacuum after insert on set_aside_index
    for each row execute function pause_autovacuum();

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

revoke all on function pause_autovacuum() from public;
revoke all on function resume_autovacuum() from public;
