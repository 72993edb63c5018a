-- Every backup of a table (POST /backups, POST /backups/{table}): where its Avro file is, and what
-- a restore must find there (its size and SHA-256) before it touches the table. Kept in the
-- database, not in one JVM, so any server instance lists and restores any backup.
create table backup (
    id          bigint generated always as identity primary key,
    table_name  varchar(32)  not null check (table_name in ('departments', 'jobs', 'employees')),
    rows        bigint       not null check (rows >= 0),
    bytes       bigint       not null check (bytes > 0),
    sha256      char(64)     not null check (sha256 ~ '^[0-9a-f]{64}$'),
    codec       varchar(32)  not null,
    target      varchar(8)   not null check (target in ('dir', 's3')),
    location    text         not null,
    created_at  timestamptz  not null default now()
);

-- GET /backups?table= and "the newest backup of a table" for a restore.
create index backup_table_idx on backup (table_name, id desc);
