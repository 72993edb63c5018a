package io.hireload.bench;

import java.util.function.DoublePredicate;

/**
 * A bound on a figure's ratio to its same-run reference, written as SPEC section 6 and issue 33
 * write it ("0.35" of COPY, "1.4x" pg_restore's method): every target of the benchmark is here,
 * once.
 */
record Target(String written, DoublePredicate test, boolean lowerIsBetter) {
    /** SPEC section 6: an initial load in at most 0.35 of COPY into the indexed schema. */
    static final Target INITIAL_VS_COPY = atMost(0.35, "0.35");
    /** SPEC section 6: the same initial load in at most 1.4x pg_restore's method. */
    static final Target INITIAL_VS_PG_RESTORE = atMost(1.4, "1.4x");
    /** SPEC section 6: an incremental load (indexes kept) in at most 1.2x the floor of 1000-row transactions. */
    static final Target INCREMENTAL_VS_FLOOR = atMost(1.2, "1.2x");
    /** SPEC section 6: 10x the rows in at most 10.5x the time of the 2M initial load, same server. */
    static final Target HUGE_VS_LARGE = atMost(10.5, "10.5x");
    /** SPEC section 6: the 20M load's live heap within 1.2x of the 2M load's. */
    static final Target HUGE_LIVE_HEAP = atMost(1.2, "1.2x");
    /** The large load's heap peak within 1.2x of the small load's (memory bounded by design). */
    static final Target HEAP_PEAK = atMost(1.2, "1.2x");
    /** SPEC section 6: a backup in at most 0.8x pg_dump of the same table's data. */
    static final Target BACKUP_VS_PG_DUMP = atMost(0.8, "0.8x");
    /** SPEC section 6: the 1..1000-row API at least half the bulk path's rows/s. */
    static final Target API_VS_BULK = atLeast(0.5, "0.5");
    /** SPEC section 6: a metric faster than the plain SQL it answers. */
    static final Target METRIC_VS_SQL = below(1.0, "1.0x");

    static Target atMost(double max, String written) {
        return new Target("<= " + written, ratio -> ratio <= max, true);
    }

    static Target below(double max, String written) {
        return new Target("< " + written, ratio -> ratio < max, true);
    }

    static Target atLeast(double min, String written) {
        return new Target(">= " + written, ratio -> ratio >= min, false);
    }

    boolean met(double ratio) {
        return test.test(ratio);
    }
}
