-- The two hiring metrics, for any year, and the seed's 2021 views on top of them.
-- Years and quarters are taken in UTC whatever the session's time zone: the year is a range of
-- hire_date (so the hire_date index serves it), the quarter is extracted at time zone 'UTC'.
-- Order keys use the "C" collation on lower-cased names, so the order is case-insensitive and
-- the same whatever locale the database was created with ("General Manager" before
-- "GIS Technical Architect").

create function hired_by_quarter(for_year integer)
returns table (department_id integer, department varchar, job_id integer, job varchar,
               q1 integer, q2 integer, q3 integer, q4 integer)
language sql stable
as $$
    select d.id, d.department, j.id, j.job, h.q1, h.q2, h.q3, h.q4
    from (
        select e.department_id, e.job_id,
               count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 1)::integer as q1,
               count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 2)::integer as q2,
               count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 3)::integer as q3,
               count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 4)::integer as q4
        from employee e
        where e.hire_date >= make_timestamptz(for_year, 1, 1, 0, 0, 0, 'UTC')
          and e.hire_date <  make_timestamptz(for_year + 1, 1, 1, 0, 0, 0, 'UTC')
        group by e.department_id, e.job_id
    ) h
    join department d on d.id = h.department_id
    join job j on j.id = h.job_id
    order by lower(d.department) collate "C", lower(j.job) collate "C",
             d.department collate "C", j.job collate "C", d.id, j.id
$$;

-- Departments whose hires in a year exceed the mean over every department in the table; a
-- department with no hire that year counts as 0 in the mean.
create function top_hiring_departments(for_year integer)
returns table (id integer, department varchar, hired bigint)
language sql stable
as $$
    with hires as (
        select d.id, d.department, count(e.id) as hired
        from department d
        left join employee e
               on e.department_id = d.id
              and e.hire_date >= make_timestamptz(for_year, 1, 1, 0, 0, 0, 'UTC')
              and e.hire_date <  make_timestamptz(for_year + 1, 1, 1, 0, 0, 0, 'UTC')
        group by d.id, d.department
    )
    select id, department, hired
    from hires
    where hired > (select avg(hired) from hires)
    order by hired desc, id
$$;

create view hired_by_quarter_2021 as
select department, job, q1, q2, q3, q4 from hired_by_quarter(2021);

create view top_hiring_departments_2021 as
select id, department, hired from top_hiring_departments(2021);
