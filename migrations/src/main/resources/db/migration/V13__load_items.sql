-- Loads that every instance shares (docs/PERFORMANCE.md "Design", docs/API.md "Loads").
--
-- 1. A load from S3 is a set of work items, one per object: any instance claims an item
--    (FOR UPDATE SKIP LOCKED), holds it under a lease it renews, and each batch's transaction
--    advances the item's counters and its resume point (last committed line, bytes read through
--    it) together with the rows. "claim" grows at every claim: a batch commits only while its
--    worker's claim is the item's, so an instance thought dead (a long pause) cannot commit
--    behind the one that took the item over.
create table load_item (
    id                bigint generated always as identity primary key,
    load_id           bigint       not null references load_run (id) on delete cascade,
    table_name        varchar(32)  not null,
    seq               integer      not null,
    file              text         not null,
    etag              text         not null,
    size              bigint       not null,
    status            varchar(16)  not null default 'queued'
                      check (status in ('queued', 'running', 'done', 'skipped', 'failed')),
    instance          varchar(128),
    claim             bigint       not null default 0,
    lease_until       timestamptz,
    rows_read         bigint       not null default 0,
    inserted          bigint       not null default 0,
    updated           bigint       not null default 0,
    unchanged         bigint       not null default 0,
    rejected          bigint       not null default 0,
    skipped_blank     bigint       not null default 0,
    batches           integer      not null default 0,
    line              bigint       not null default 0,
    byte_offset       bigint       not null default 0,
    resumed_from_line bigint,
    error             text,
    unique (load_id, seq)
);

-- What workers claim: the open items, oldest load first, in key order.
create index load_item_open_idx on load_item (load_id, seq) where status in ('queued', 'running');
-- What a new load skips or resumes: earlier items of the same object version.
create index load_item_object_idx on load_item (table_name, file, etag);

-- The loads not yet ended, which every worker's promotion and every sweep look at.
create index load_run_open_idx on load_run (id) where status in ('queued', 'running');

-- 2. A load remembers how it was asked for, so whichever instance works its items reads them the
--    same way, and whether it loads everything again (force).
alter table load_run add column delimiter char(1);
alter table load_run add column force boolean not null default false;

-- 3. The instances that work items, with a heartbeat: a stopping instance hands its items back
--    to the others when one is alive, and ends its loads as interrupted when none is.
create table load_worker (
    instance     varchar(128) primary key,
    heartbeat_at timestamptz  not null default now()
);

-- 4. Objects of one load count as loaded one after another in key order, though instances finish
--    them in any order: a load of several objects records which object (its seq) last wrote each
--    id, and a row never overwrites one written by a later object of the same load. Kept while
--    the load runs; its rows are deleted when it ends.
create table load_key (
    load_id bigint  not null,
    id      integer not null,
    seq     integer not null,
    primary key (load_id, id)
);
