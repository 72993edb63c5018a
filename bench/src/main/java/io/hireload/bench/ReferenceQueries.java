package io.hireload.bench;

/**
 * The challenge's two metrics as plain SQL over the live tables, with no summary, function or index
 * of ours: what the bench compares the API's answers with, row for row and in time.
 */
final class ReferenceQueries {
    private ReferenceQueries() {
    }

    /** Hires per department and job in each UTC quarter of 2021, ordered by names, case-insensitively. */
    static final String HIRED_BY_QUARTER_SQL = """
            select d.department, j.job,
                   count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 1) as q1,
                   count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 2) as q2,
                   count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 3) as q3,
                   count(*) filter (where extract(quarter from e.hire_date at time zone 'UTC') = 4) as q4
            from public.employee e
            join public.department d on d.id = e.department_id
            join public.job j on j.id = e.job_id
            where e.hire_date >= timestamptz '2021-01-01 00:00:00+00'
              and e.hire_date <  timestamptz '2022-01-01 00:00:00+00'
            group by d.id, d.department, j.id, j.job
            order by lower(d.department) collate "C", lower(j.job) collate "C",
                     d.department collate "C", j.job collate "C", d.id, j.id
            """;

    /** Departments that hired more in 2021 than the mean of all departments (none hired counts 0). */
    static final String TOP_DEPARTMENTS_SQL = """
            with hires as (
                select d.id, d.department, count(e.id) as hired
                from public.department d
                left join public.employee e
                       on e.department_id = d.id
                      and e.hire_date >= timestamptz '2021-01-01 00:00:00+00'
                      and e.hire_date <  timestamptz '2022-01-01 00:00:00+00'
                group by d.id, d.department
            )
            select id, department, hired from hires
            where hired > (select avg(hired) from hires)
            order by hired desc, id
            """;
}
