-- 1. Rejected rows are written by batches that may commit side by side; "seq" is the row's
--    position in its load, so the history lists rejected rows in source order whatever the
--    commit order.
alter table rejected_row add column seq bigint not null default 0;
drop index rejected_row_load_idx;
create index rejected_row_load_idx on rejected_row (load_id, seq, id);

-- 2. Hires per department, job, year and quarter (UTC), kept exact in the same transaction as
--    every insert, update and delete of employee. Writers only append signed deltas to
--    hires_delta (statement-level triggers, no row locks, so concurrent loads and posts never wait
--    on each other there); compact_hires() folds committed deltas into hires_summary, one
--    compactor at a time. The metrics read summary plus pending deltas, so they always equal the
--    plain SQL over employee while reading a few thousand rows instead of every employee.
create table hires_summary (
    department_id integer not null,
    job_id        integer not null,
    year          integer not null,
    quarter       smallint not null check (quarter between 1 and 4),
    hired         bigint  not null,
    primary key (year, department_id, job_id, quarter)
);

create table hires_delta (
    department_id integer not null,
    job_id        integer not null,
    year          integer not null,
    quarter       smallint not null,
    hired         bigint  not null
);

create function hires_on_insert() returns trigger language plpgsql as $$
begin
    insert into hires_delta
    select department_id, job_id, extract(year from hire_date at time zone 'UTC')::integer,
           extract(quarter from hire_date at time zone 'UTC')::smallint, count(*)
    from new_rows group by 1, 2, 3, 4;
    return null;
end $$;

create function hires_on_delete() returns trigger language plpgsql as $$
begin
    insert into hires_delta
    select department_id, job_id, extract(year from hire_date at time zone 'UTC')::integer,
           extract(quarter from hire_date at time zone 'UTC')::smallint, -count(*)
    from old_rows group by 1, 2, 3, 4;
    return null;
end $$;

create function hires_on_update() returns trigger language plpgsql as $$
begin
    insert into hires_delta
    select department_id, job_id, year, quarter, sum(n)
    from (select department_id, job_id, extract(year from hire_date at time zone 'UTC')::integer as year,
                 extract(quarter from hire_date at time zone 'UTC')::smallint as quarter, -1 as n from old_rows
          union all
          select department_id, job_id, extract(year from hire_date at time zone 'UTC')::integer,
                 extract(quarter from hire_date at time zone 'UTC')::smallint, 1 from new_rows) d
    group by 1, 2, 3, 4
    having sum(n) <> 0;
    return null;
end $$;

create function hires_on_truncate() returns trigger language plpgsql as $$
begin
    delete from hires_delta;
    delete from hires_summary;
    return null;
end $$;

create trigger employee_hires_insert after insert on employee
    referencing new table as new_rows for each statement execute function hires_on_insert();
create trigger employee_hires_update after update on employee
    referencing old table as old_rows new table as new_rows for each statement execute function hires_on_update();
create trigger employee_hires_delete after delete on employee
    referencing old table as old_rows for each statement execute function hires_on_delete();
create trigger employee_hires_truncate after truncate on employee
    for each statement execute function hires_on_truncate();

-- Folds the committed deltas into the summary. One compactor at a time; another caller returns
-- at once (false) instead of waiting, since the running one will fold its deltas too.
create function compact_hires() returns boolean language plpgsql as $$
begin
    if not pg_try_advisory_xact_lock(hashtext('hireload:compact_hires')) then
        return false;
    end if;
    with moved as (delete from hires_delta returning *)
    insert into hires_summary as s (department_id, job_id, year, quarter, hired)
    select department_id, job_id, year, quarter, sum(hired) from moved group by 1, 2, 3, 4
    on conflict (year, department_id, job_id, quarter) do update set hired = s.hired + excluded.hired;
    delete from hires_summary where hired = 0;
    return true;
end $$;

insert into hires_summary (department_id, job_id, year, quarter, hired)
select department_id, job_id,
       extract(year from hire_date at time zone 'UTC')::integer,
       extract(quarter from hire_date at time zone 'UTC')::smallint,
       count(*)
from employee
group by 1, 2, 3, 4;

create view hires as
select department_id, job_id, year, quarter, sum(hired) as hired
from (select department_id, job_id, year, quarter, hired from hires_summary
      union all
      select department_id, job_id, year, quarter, hired from hires_delta) h
group by 1, 2, 3, 4;

-- 3. The metrics, same answers as V3's, read from the summary and the pending deltas.
create or replace function hired_by_quarter(for_year integer)
returns table (department_id integer, department varchar, job_id integer, job varchar,
               q1 integer, q2 integer, q3 integer, q4 integer)
language sql stable
as $$
    select d.id, d.department, j.id, j.job, h.q1, h.q2, h.q3, h.q4
    from (
        select s.department_id, s.job_id,
               coalesce(sum(s.hired) filter (where s.quarter = 1), 0)::integer as q1,
               coalesce(sum(s.hired) filter (where s.quarter = 2), 0)::integer as q2,
               coalesce(sum(s.hired) filter (where s.quarter = 3), 0)::integer as q3,
               coalesce(sum(s.hired) filter (where s.quarter = 4), 0)::integer as q4
        from hires s
        where s.year = for_year and s.hired > 0
        group by s.department_id, s.job_id
    ) h
    join department d on d.id = h.department_id
    join job j on j.id = h.job_id
    order by lower(d.department) collate "C", lower(j.job) collate "C",
             d.department collate "C", j.job collate "C", d.id, j.id
$$;

create or replace function top_hiring_departments(for_year integer)
returns table (id integer, department varchar, hired bigint)
language sql stable
as $$
    with per_department as (
        select d.id, d.department, coalesce(sum(s.hired), 0)::bigint as hired
        from department d
        left join hires s on s.department_id = d.id and s.year = for_year
        group by d.id, d.department
    )
    select id, department, hired
    from per_department
    where hired > (select avg(hired) from per_department)
    order by hired desc, id
$$;
