-- Employee loads and posts check an employee's department and job themselves, one set-based
-- query per batch that takes the same FOR KEY SHARE row locks PostgreSQL's foreign-key triggers
-- take, and then write with session_replication_role = replica (set locally, when the role may),
-- which skips the per-row foreign-key triggers: they were half the cost of a bulk COPY.
-- Replica mode skips ordinary triggers too, so the metrics summary's triggers must fire always.
alter table employee enable always trigger employee_hires_insert;
alter table employee enable always trigger employee_hires_update;
alter table employee enable always trigger employee_hires_delete;
alter table employee enable always trigger employee_hires_truncate;
