-- 1. Bulk batches append the metrics' deltas themselves (see ReferenceChecks and HireDeltas in
--    the server): a 1000-row batch of random hires touches about 1000 (department, job, year,
--    quarter) groups, so one delta row per group doubled the rows written, and folding them cost
--    the compactor a quarter of a bulk load's database time. A batch now appends its deltas as
--    ONE row of parallel arrays; the view and the compactor unnest them. Writers still only
--    append (no locks), and the trigger-written rows of hires_delta are read as before.
create table hires_delta_batch (
    department_id integer[]  not null,
    job_id        integer[]  not null,
    year          integer[]  not null,
    quarter       smallint[] not null,
    hired         bigint[]   not null
);

create or replace view hires as
select department_id, job_id, year, quarter, sum(hired) as hired
from (select department_id, job_id, year, quarter, hired from hires_summary
      union all
      select department_id, job_id, year, quarter, hired from hires_delta
      union all
      select u.department_id, u.job_id, u.year, u.quarter, u.hired
      from hires_delta_batch b,
           unnest(b.department_id, b.job_id, b.year, b.quarter, b.hired)
               as u(department_id, job_id, year, quarter, hired)) h
group by 1, 2, 3, 4;

-- 2. The trigger functions and the compactor named their tables without a schema, so they
--    followed the caller's search_path: pg_restore (which empties it) failed on
--    "relation hires_delta does not exist" when it restored employee rows. They now run with the
--    schema the migrations created them in, whoever calls them.
create or replace function compact_hires() returns boolean language plpgsql
set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    if not pg_try_advisory_xact_lock(hashtext('hireload:compact_hires')) then
        return false;
    end if;
    with moved as (delete from hires_delta returning department_id, job_id, year, quarter, hired),
         moved_batches as (delete from hires_delta_batch returning *),
         unpacked as (select u.department_id, u.job_id, u.year, u.quarter, u.hired
                      from moved_batches b,
                           unnest(b.department_id, b.job_id, b.year, b.quarter, b.hired)
                               as u(department_id, job_id, year, quarter, hired))
    insert into hires_summary as s (department_id, job_id, year, quarter, hired)
    select department_id, job_id, year, quarter, sum(hired)
    from (select * from moved union all select * from unpacked) d
    group by 1, 2, 3, 4
    on conflict (year, department_id, job_id, quarter) do update set hired = s.hired + excluded.hired;
    delete from hires_summary where hired = 0;
    return true;
end $$;

create or replace function hires_on_truncate() returns trigger language plpgsql
set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    delete from hires_delta;
    delete from hires_delta_batch;
    delete from hires_summary;
    return null;
end $$;

alter function hires_on_insert() set search_path = ${flyway:defaultSchema}, pg_temp;
alter function hires_on_update() set search_path = ${flyway:defaultSchema}, pg_temp;
alter function hires_on_delete() set search_path = ${flyway:defaultSchema}, pg_temp;
