-- Flyway runs this after every migrate, as the schema owner (the migration step of
-- docs/DEPLOY.md "Database roles"). When the placeholder app_role names an existing role, that role
-- gets exactly what the server needs and nothing more: connect and temporary tables (the bulk
-- path stages rows in them), rows of every table (select, insert, update, delete; no truncate,
-- no DDL; set_aside_index only through the owner's functions, see below), the identity
-- sequences, the functions (metrics, V22's set-aside) and a read-only view of Flyway's history
-- (the server checks at start that nothing is pending). Idempotent: grants of tables added by a
-- later migration follow on the next run. Locally (no app role) it does nothing.
do $grants$
declare
    app    text := '${app_role}';
    schema text := '${flyway:defaultSchema}';
begin
    if app = '' or not exists (select 1 from pg_roles where rolname = app) then
        return;
    end if;
    execute format('grant connect, temporary on database %I to %I', current_database(), app);
    execute format('grant usage on schema %I to %I', schema, app);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', schema, app);
    execute format('revoke insert, update, delete on %I.%I from %I', schema, '${flyway:table}', app);
    -- Set-aside index definitions are written only by the owner's functions (V22), so that what
    -- build_set_aside_index creates is always what the database gave: a load may only move a
    -- record to itself (load_id).
    if to_regclass(format('%I.set_aside_index', schema)) is not null then
        execute format('revoke insert, update, delete on %I.set_aside_index from %I', schema, app);
        execute format('grant update (load_id) on %I.set_aside_index to %I', schema, app);
    end if;
    -- Which tables' autovacuum a set-aside paused (V25): the owner's functions alone write it.
    if to_regclass(format('%I.paused_autovacuum', schema)) is not null then
        execute format('revoke insert, update, delete on %I.paused_autovacuum from %I', schema, app);
    end if;
    execute format('grant usage, select on all sequences in schema %I to %I', schema, app);
    execute format('grant execute on all functions in schema %I to %I', schema, app);
end
$grants$;
