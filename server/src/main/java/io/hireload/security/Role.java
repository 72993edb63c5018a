package io.hireload.security;

/** What a key may do: readers read tables, loads and metrics; the admin does everything. */
public enum Role {
    READER, ADMIN
}
