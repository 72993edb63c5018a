-- The UTC year and quarter of a hire, defined once. The metrics' triggers (V11), a restore's
-- summary deltas and anything else in SQL call these; the server's Java twin
-- (io.hireload.metrics.HireQuarter, used for the deltas of COPYed batches) is held to them by a
-- test over edge instants. Plain SQL functions, immutable: PostgreSQL inlines them, so a trigger
-- costs what it did with the expressions written out.
create function hire_year(hired_at timestamptz) returns integer
language sql immutable parallel safe
as $$ select extract(year from hired_at at time zone 'UTC')::integer $$;

create function hire_quarter(hired_at timestamptz) returns smallint
language sql immutable parallel safe
as $$ select extract(quarter from hired_at at time zone 'UTC')::smallint $$;

create or replace function hires_on_insert() returns trigger language plpgsql
set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    insert into hires_delta
    select department_id, job_id, hire_year(hire_date), hire_quarter(hire_date), count(*)
    from new_rows group by 1, 2, 3, 4;
    return null;
end $$;

create or replace function hires_on_delete() returns trigger language plpgsql
set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    insert into hires_delta
    select department_id, job_id, hire_year(hire_date), hire_quarter(hire_date), -count(*)
    from old_rows group by 1, 2, 3, 4;
    return null;
end $$;

create or replace function hires_on_update() returns trigger language plpgsql
set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    insert into hires_delta
    select department_id, job_id, year, quarter, sum(n)
    from (select department_id, job_id, hire_year(hire_date) as year, hire_quarter(hire_date) as quarter, -1 as n
          from old_rows
          union all
          select department_id, job_id, hire_year(hire_date), hire_quarter(hire_date), 1 from new_rows) d
    group by 1, 2, 3, 4
    having sum(n) <> 0;
    return null;
end $$;
