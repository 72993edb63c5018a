-- Loads that start themselves (docs/API.md "Loads that start themselves"): an S3 event through
-- SQS or the bucket watch queues a load of the object's table, source 'event' or 'watch'.
alter table load_run drop constraint load_run_source_check;
alter table load_run add constraint load_run_source_check check (source in ('s3', 'api', 'event', 'watch'));

-- Parents first for drops announced one object at a time: an employees load queued by an event or
-- the watch starts no earlier than this, so the departments and jobs of the same drop, announced
-- a moment later, are queued first and the employees load waits for them (the promotion rule).
alter table load_run add column not_before timestamptz;

-- One automatic load per object version: whichever event, duplicate, redelivery or watch tick
-- inserts the key first queues the load; the others find the row and add nothing. A version whose
-- load was interrupted (every instance stopped) may be queued again; one that failed is not (call
-- POST /{table}/batch, or put a new version).
create table auto_object (
    table_name varchar(32) not null,
    file       text        not null,
    etag       text        not null,
    load_id    bigint      not null references load_run (id) on delete cascade,
    source     varchar(16) not null,
    queued_at  timestamptz not null default now(),
    primary key (table_name, file, etag)
);
create index auto_object_load_idx on auto_object (load_id);
