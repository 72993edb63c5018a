-- 1. Rejected rows are written by batches that may commit side by side; "seq" is the row's
--    position in its load, so the history lists rejected rows in source order whatever the
--    commit order.
alter table rejected_row add column seq bigint not null default 0;
drop index rejected_row_load_idx;
create index rejected_row_load_idx on rejected_row (load_id, seq, id);

-- 2. Hires per department, job, year and quarter (UTC), kept exact by statement-level triggers on
--    employee in the same transaction as every insert, update and delete. The metrics read this
--    small table instead of scanning every employee, and always equal the plain SQL over employee.
create table hires_summary (
    department_id integer not null,
    job_id        integer not null,
    year          integer not null,
    quarter       smallint not null check (quarter between 1 and 4),
    hired         bigint  not null check (hired >= 0),
    primary key (year, department_id, job_id, quarter)
);


create function hires_summary_on_insert() returns trigger language plpgsql as $$
begin
    insert into hires_summary as s (department_id, job_id, year, quarter, hired)
    select department_id, job_id,
           extract(year from hire_date at time zone 'UTC')::integer,
           extract(quarter from hire_date at time zone 'UTC')::smallint,
           count(*)
    from new_rows
    group by 1, 2, 3, 4
    order by 3, 1, 2, 4
    on conflict (year, department_id, job_id, quarter) do update set hired = s.hired + excluded.hired;
    return null;
end $$;

create function hires_summary_on_delete() returns trigger language plpgsql as $$
begin
    update hires_summary s set hired = s.hired - o.n
    from (select department_id, job_id,
                 extract(year from hire_date at time zone 'UTC')::integer as year,
                 extract(quarter from hire_date at time zone 'UTC')::smallint as quarter,
                 count(*) as n
          from old_rows group by 1, 2, 3, 4 order by 3, 1, 2, 4) o
    where s.year = o.year and s.department_id = o.department_id and s.job_id = o.job_id and s.quarter = o.quarter;
    return null;
end $$;

create function hires_summary_on_update() returns trigger language plpgsql as $$
begin
    update hires_summary s set hired = s.hired - o.n
    from (select department_id, job_id,
                 extract(year from hire_date at time zone 'UTC')::integer as year,
                 extract(quarter from hire_date at time zone 'UTC')::smallint as quarter,
                 count(*) as n
          from old_rows group by 1, 2, 3, 4 order by 3, 1, 2, 4) o
    where s.year = o.year and s.department_id = o.department_id and s.job_id = o.job_id and s.quarter = o.quarter;
    insert into hires_summary as s (department_id, job_id, year, quarter, hired)
    select department_id, job_id,
           extract(year from hire_date at time zone 'UTC')::integer,
           extract(quarter from hire_date at time zone 'UTC')::smallint,
           count(*)
    from new_rows
    group by 1, 2, 3, 4
    order by 3, 1, 2, 4
    on conflict (year, department_id, job_id, quarter) do update set hired = s.hired + excluded.hired;
    return null;
end $$;

create function hires_summary_on_truncate() returns trigger language plpgsql as $$
begin
    delete from hires_summary;
    return null;
end $$;

create trigger employee_hires_insert after insert on employee
    referencing new table as new_rows for each statement execute function hires_summary_on_insert();
create trigger employee_hires_update after update on employee
    referencing old table as old_rows new table as new_rows for each statement execute function hires_summary_on_update();
create trigger employee_hires_delete after delete on employee
    referencing old table as old_rows for each statement execute function hires_summary_on_delete();
create trigger employee_hires_truncate after truncate on employee
    for each statement execute function hires_summary_on_truncate();

insert into hires_summary (department_id, job_id, year, quarter, hired)
select department_id, job_id,
       extract(year from hire_date at time zone 'UTC')::integer,
       extract(quarter from hire_date at time zone 'UTC')::smallint,
       count(*)
from employee
group by 1, 2, 3, 4;


-- 3. The metrics, same answers as V3's, read from the summary. Summary rows whose count fell to
--    0 are ignored.
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
        from hires_summary s
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
    with hires as (
        select d.id, d.department, coalesce(sum(s.hired), 0)::bigint as hired
        from department d
        left join hires_summary s on s.department_id = d.id and s.year = for_year
        group by d.id, d.department
    )
    select id, department, hired
    from hires
    where hired > (select avg(hired) from hires)
    order by hired desc, id
$$;
