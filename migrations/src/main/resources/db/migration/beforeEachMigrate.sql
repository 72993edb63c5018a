-- Flyway runs this before each migration it applies. A migration must not race the rebuild of a
-- table's set-aside secondary indexes (V21): it waits for set-asides and rebuilds in progress (they
-- hold the gate shared) and refuses while indexes are set aside, since it could drop, rename or
-- re-create one of them under the rebuild. Indexes come back when their load ends; migrate then.
do $gate$
begin
    if to_regproc('index_gate_key') is null then
        return;
    end if;
    perform pg_advisory_xact_lock(index_gate_key());
    if exists (select 1 from set_aside_index) then
        raise exception 'secondary indexes are set aside by a running initial load (%): migrate once they are rebuilt',
            (select string_agg(index_name || ' of load ' || coalesce(load_id::text, '?'), ', ') from set_aside_index);
    end if;
end
$gate$;
