-- GET /employees?name= searches a case-insensitive substring (lower(name) like '%...%'), which no
-- btree can serve: on 2M rows that is a full scan per page. A trigram index on lower(name) serves
-- patterns of three characters or more. pg_trgm ships with PostgreSQL and is a trusted extension
-- on Aurora and RDS; where the migrating role still may not create it, the search stays correct
-- and only scans, so the migration goes on rather than failing the deployment.
-- The department_id, job_id and hire_date filters already have their indexes (V1).
do $$
begin
    create extension if not exists pg_trgm;
    execute 'create index employee_name_trgm_idx on employee using gin (lower(name) gin_trgm_ops)';
exception
    when insufficient_privilege or undefined_file or undefined_object or feature_not_supported then
        raise notice 'no trigram index on employee names (%): name searches scan the table', sqlerrm;
end
$$;
