package io.hireload.load.indexes;

import io.hireload.model.IndexMode;

/**
 * Whether a load sets its table's secondary indexes aside (docs/PERFORMANCE.md "Initial loads").
 * Keeping an index up to date row by row costs about five times what building it once costs
 * (measured: 1.93M employees, \copy into the indexed table 53.4 s, into the table with its key only
 * 3.6 s plus 10.0 s for the indexes and foreign keys). Deferring costs one build over the rows
 * already there and the new ones; keeping costs the maintenance of the new ones. Deferring wins
 * from about a quarter of the table's rows; it is chosen from the table's own size on, because
 * while the indexes are aside every read that needed them scans, and the rebuild makes the
 * table's other writers wait.
 */
public final class IndexRule {
    /**
     * Heap bytes a row takes against its CSV bytes: an employee is about 50 bytes of CSV and about
     * 70 in the heap (tuple header, alignment, line pointer). Gzipped objects count as stored,
     * so they look smaller than they are: the rule then keeps the indexes more often, never less.
     */
    static final double HEAP_BYTES_PER_CSV_BYTE = 1.4;

    private IndexRule() {
    }

    /**
     * @param requested  the operator's word on the load call, or null
     * @param dryRun     a dry run writes nothing, so it never touches the indexes
     * @param allowed    whether the server's database role may run the owner's set-aside functions
     *                   (V22): without them it may not drop and create the table's indexes, and keeps them
     * @param tableEmpty whether the table has no row (its heap can still be large after deletes)
     * @param tableBytes the table's heap size
     * @param loadBytes  the bytes of the objects the load will read (skipped ones left out)
     */
    public static IndexMode decide(IndexMode requested, boolean dryRun, boolean allowed, boolean tableEmpty,
                                   long tableBytes, long loadBytes) {
        if (dryRun || !allowed) {
            return IndexMode.KEPT;
        }
        if (requested != null) {
            return requested;
        }
        if (tableEmpty) {
            return IndexMode.DEFERRED;
        }
        return loadBytes * HEAP_BYTES_PER_CSV_BYTE >= tableBytes ? IndexMode.DEFERRED : IndexMode.KEPT;
    }
}
