-- Every load (from S3 or through the 1..1000-row API) and every row it rejected. Load state and
-- progress live here, not in one JVM, so any server instance can answer for any load.
create table load_run (
    id             bigint generated always as identity primary key,
    table_name     varchar(32)  not null check (table_name in ('departments', 'jobs', 'employees')),
    source         varchar(16)  not null check (source in ('s3', 'api')),
    status         varchar(16)  not null check (status in ('queued', 'running', 'succeeded', 'failed', 'interrupted')),
    dry_run        boolean      not null default false,
    batch_size     integer      not null,
    files          text[]       not null default '{}',
    rows_read      bigint       not null default 0,
    inserted       bigint       not null default 0,
    updated        bigint       not null default 0,
    unchanged      bigint       not null default 0,
    rejected       bigint       not null default 0,
    skipped_blank  bigint       not null default 0,
    batches        integer      not null default 0,
    bytes_total    bigint       not null default 0,
    bytes_done     bigint       not null default 0,
    started_at     timestamptz  not null default now(),
    finished_at    timestamptz,
    heartbeat_at   timestamptz  not null default now(),
    owner          varchar(128),
    error          text
);

create index load_run_table_status_idx on load_run (table_name, status);

create table rejected_row (
    id       bigint generated always as identity primary key,
    load_id  bigint  not null references load_run (id) on delete cascade,
    file     text    not null,
    line     bigint  not null,
    raw      text    not null,
    reason   text    not null
);

create index rejected_row_load_idx on rejected_row (load_id, id);
