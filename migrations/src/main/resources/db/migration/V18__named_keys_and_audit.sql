-- Named API keys with a role (docs/API.md "Keys, roles and the audit trail"). The secret itself is
-- never stored: only SHA-256 of it. That is enough because every secret is 256 random bits made by
-- the server (no dictionary to try, no salt needed against a precomputed table); a slow password
-- hash would only add a delay to every request. Revocation deletes the row, and every instance is
-- told at commit (NOTIFY hireload_keys), so none honours the key afterwards.
create table api_key (
    id           bigint generated always as identity primary key,
    name         varchar(64)  not null,
    role         varchar(16)  not null check (role in ('reader', 'loader', 'admin')),
    secret_hash  bytea        not null check (octet_length(secret_hash) = 32),
    created_at   timestamptz  not null default now(),
    created_by   varchar(64)  not null,
    expires_at   timestamptz,
    last_used_at timestamptz
);
create unique index api_key_name_idx on api_key (lower(name));
create unique index api_key_hash_idx on api_key (secret_hash);

-- Who did what: one row per request that changes something and per refused request (401, 403).
-- actor is the key's name (env-admin, env-reader-N for the bootstrap keys) or 'unknown key'; the
-- path keeps no query value that could carry a secret. Rows older than hireload.audit.retention-days
-- are deleted by the server.
create table audit_entry (
    id         bigint generated always as identity primary key,
    at         timestamptz  not null default now(),
    actor      varchar(64)  not null,
    role       varchar(16),
    method     varchar(16)  not null,
    path       varchar(2048) not null,
    status     integer      not null,
    load_ids   bigint[]     not null default '{}',
    client     varchar(64)
);
create index audit_entry_at_idx on audit_entry (at desc, id desc);
create index audit_entry_actor_idx on audit_entry (lower(actor), at desc, id desc);
