-- The mean the top hiring departments are compared with, defined once and answered with them, so
-- a client draws the server's figure instead of recomputing it (issue 32). A department with no
-- hire that year counts as 0; the average of no departments is 0.
create function department_hires_mean(for_year integer)
returns numeric
language sql stable
as $$
    select coalesce(avg(coalesce(s.hired, 0)), 0)
    from department d
    left join (select department_id, sum(hired) as hired from hires where year = for_year group by department_id) s
           on s.department_id = d.id
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
    where hired > department_hires_mean(for_year)
    order by hired desc, id
$$;
