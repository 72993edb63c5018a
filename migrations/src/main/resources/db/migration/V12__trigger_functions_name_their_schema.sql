-- The metrics summary's trigger functions and its compactor named their tables without a schema,
-- so they followed the caller's search_path: pg_restore (which empties it) failed on
-- "relation hires_delta does not exist" when it restored employee rows. They now run with the
-- schema the migrations created them in, whoever calls them.
alter function hires_on_insert() set search_path = ${flyway:defaultSchema}, pg_temp;
alter function hires_on_update() set search_path = ${flyway:defaultSchema}, pg_temp;
alter function hires_on_delete() set search_path = ${flyway:defaultSchema}, pg_temp;
alter function hires_on_truncate() set search_path = ${flyway:defaultSchema}, pg_temp;
alter function compact_hires() set search_path = ${flyway:defaultSchema}, pg_temp;
