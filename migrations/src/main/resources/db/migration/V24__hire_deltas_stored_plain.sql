-- A bulk batch appends its metrics deltas as one row of five arrays of about a thousand elements
-- each (V12). PostgreSQL compressed each array (pglz) before moving it out of line: a profile of a
-- 2M-row initial load (perf, docs/PERFORMANCE.md) put that compression at 3% of the machine's CPU,
-- for rows the compactor reads once and deletes within seconds. Stored out of line as they are,
-- the arrays cost a copy instead. Only the storage of new values changes; rows already there stay
-- readable as they are.
alter table hires_delta_batch
    alter column department_id set storage external,
    alter column job_id set storage external,
    alter column year set storage external,
    alter column quarter set storage external,
    alter column hired set storage external;
