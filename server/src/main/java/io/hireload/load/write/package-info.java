/**
 * Checked rows into a table: the staged upsert (COPY of new ids, a set-based update of what
 * changed, in id order) and how references are checked. Used by the load engine, the 1..1000-row
 * API, restores and the metrics' deltas; it knows nothing of loads, items or leases.
 */
package io.hireload.load.write;
