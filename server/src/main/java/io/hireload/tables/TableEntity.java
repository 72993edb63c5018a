package io.hireload.tables;

/**
 * What the reads need of a table's entity: its id and its API record. Entities stay in the
 * server; records leave it. Writes go through SQL (COPY and set-based statements), not entities.
 */
public interface TableEntity<R> {
    Integer id();

    R toRecord();
}
