-- Initial loads (V21), continued.
--
-- 1. A load that fails while its table's secondary indexes are set aside ends once they are back
--    (SPEC 6: a load has ended only with its indexes): until then it still runs, takes no new
--    work, writes no batch, and carries here why it fails; its end reports it.
alter table load_run add column failing text;

-- 2. The server's role does not own the tables (docs/DEPLOY.md "Database roles"), and only an
--    owner may drop or create an index. These two functions run as their owner, the migrations'
--    role, and do exactly the two steps of a set-aside, nothing else:
--    - set_aside_secondary_index drops one non-unique index that backs no constraint, of a table
--      the caller holds in access exclusive mode (the set-aside's lock), after recording the
--      definition the database itself gives (pg_get_indexdef), never one the caller sends;
--    - build_set_aside_index builds one recorded index again (an invalid leftover of that name is
--      dropped first) and deletes its record, in the caller's transaction.
--    They take index names only. set_aside_index is written by them alone: afterMigrate.sql leaves
--    the server's role no insert, update (but of load_id) or delete on it, so a definition there is
--    always the database's own. search_path is pinned, pg_temp last, so no object of the caller's
--    can stand in for one of these.
create function set_aside_secondary_index(p_index text, p_load bigint) returns boolean
    language plpgsql security definer
    set search_path = "${flyway:defaultSchema}", pg_temp
as $fn$
declare
    idx record;
begin
    select t.relname as table_name, pg_get_indexdef(c.oid) as definition, n.nspname as schema_name
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
    return true;
end
$fn$;

create function build_set_aside_index(p_index text) returns boolean
    language plpgsql security definer
    set search_path = "${flyway:defaultSchema}", pg_temp
as $fn$
declare
    recorded text;
    valid    boolean;
begin
    select definition into recorded from set_aside_index where index_name = p_index for update;
    if not found then
        return false;
    end if;
    if recorded !~ '^CREATE INDEX ' or position(';' in recorded) > 0 then
        raise exception 'set_aside_index holds no index definition for %: %', p_index, recorded;
    end if;
    select x.indisvalid into valid
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_index x on x.indexrelid = c.oid
     where n.nspname = current_schema() and c.relname = p_index;
    if found and not valid then
        raise warning 'index % was left invalid; it is dropped and built again', p_index;
        execute format('drop index %I.%I', current_schema(), p_index);
    end if;
    execute regexp_replace(recorded, '^CREATE INDEX (IF NOT EXISTS )?', 'CREATE INDEX IF NOT EXISTS ');
    delete from set_aside_index where index_name = p_index;
    return true;
end
$fn$;

-- Nobody but the server's role (afterMigrate.sql grants it every function of the schema).
revoke all on function set_aside_secondary_index(text, bigint) from public;
revoke all on function build_set_aside_index(text) from public;
