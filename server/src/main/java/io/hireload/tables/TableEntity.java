package io.hireload.tables;

/**
 * What the loaders need of a table's entity: its API record, and a way to take a newer one.
 * Entities stay in the server; records leave it.
 */
public interface TableEntity<R> {
    Integer id();

    R toRecord();

    void update(R record);
}
