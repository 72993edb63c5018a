package io.hireload.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code huge} phase: 10x the large file's rows (20M against 2M) into the emptied table by the
 * large load's server ({@code -Xmx256m}), against the large file loaded again by the same server
 * just before it, both sampled alike (used heap, and the live heap after a full collection every
 * {@link #LIVE_HEAP_EVERY_MS} ms), so the two are compared under the same conditions at the same
 * hour: at most 10.5x the time, the live heap's peak at most 1.2x, every count exact, every index
 * back, no OutOfMemoryError. Then the floor of 1000-row transactions at both sizes: PostgreSQL's
 * own share of the growth.
 */
final class HugePhase {
    /** How often the phase's loads take a full collection to read the live heap (about 1 % of their time). */
    private static final long LIVE_HEAP_EVERY_MS = 10_000;
    private static final String MEASUREMENT = "huge_phase_";

    private final Stage stage;
    private final Loads loads;
    private final Results results;

    HugePhase(Stage stage, Loads loads, Results results) {
        this.stage = stage;
        this.loads = loads;
        this.results = results;
    }

    /** {@code withFloors}: also the floors at both sizes (information; minutes at 20M rows, so once a bench). */
    void run(Loads.Load table, DataFile large, DataFile huge, boolean withFloors) throws Exception {
        Reference reference = table.reference();
        Bench.step("huge phase: the " + large.rows() + "-row file again, then " + huge.rows() + " rows (" + huge.valid()
                + " valid), a full collection every " + LIVE_HEAP_EVERY_MS / 1000 + " s to sample the live heap");
        reference.emptyEmployees();
        Loads.Load base = loads.sampled(table, large, LIVE_HEAP_EVERY_MS, MEASUREMENT);
        stage.put(Stage.EMPLOYEES_KEY, huge.csv());
        try {
            reference.emptyEmployees();
            Loads.Load load = loads.sampled(table, huge, LIVE_HEAP_EVERY_MS, MEASUREMENT);
            double rowsRatio = (double) huge.rows() / large.rows();
            results.figure("bulk load " + Bench.count(huge.rows()) + " rows, HTTP end to end", load.seconds(), "s",
                    "bulk load " + Bench.count(large.rows()) + " rows just before, same server", base.seconds(), "s",
                    Target.HUGE_VS_LARGE, String.format(Locale.ROOT, "%.1fx the rows; %.0f rows/s vs %.0f rows/s; "
                                    + "indexes %s, index_rebuild_ms %s vs %s", rowsRatio, huge.rows() / load.seconds(),
                            large.rows() / base.seconds(), load.report().path("indexes").asText("?"),
                            load.report().path("index_rebuild_ms").asText("?"),
                            base.report().path("index_rebuild_ms").asText("?")));
            String liveName = "live heap peak, " + Bench.count(huge.rows()) + "-row load";
            String liveNote = String.format(Locale.ROOT, "server -Xmx256m; heap used right after a full collection "
                            + "(a class histogram's total, jcmd GC.class_histogram), every %d s: %d and %d samples", LIVE_HEAP_EVERY_MS / 1000,
                    load.heap().liveSamples(), base.heap().liveSamples());
            if (base.heap().liveSamples() == 0) {
                results.unreferenced(liveName, load.heap().maxLiveMb(), "MB", "none: the " + Bench.count(large.rows())
                        + "-row load took under " + LIVE_HEAP_EVERY_MS / 1000 + " s", liveNote);
            } else {
                results.figure(liveName, load.heap().maxLiveMb(), "MB", "live heap peak, " + Bench.count(large.rows())
                        + "-row load", base.heap().maxLiveMb(), "MB", Target.HUGE_LIVE_HEAP, liveNote);
            }
            results.info("peak heap, " + Bench.count(huge.rows()) + "-row load", load.heap().maxUsedMb(), "MB",
                    "peak heap, " + Bench.count(large.rows()) + "-row load", base.heap().maxUsedMb(), "MB",
                    String.format(Locale.ROOT, "used heap, garbage included (G1 leaves the old generation's "
                                    + "garbage until it marks at 45 %% of the heap); old gen peak %.1f MB vs %.1f MB",
                            load.heap().maxOldMb(), base.heap().maxOldMb()));
            if (withFloors) {
                floors(reference, large, huge, base.seconds(), load.seconds());
            }
        } finally {
            stage.put(Stage.EMPLOYEES_KEY, large.csv());
        }
    }

    /**
     * PostgreSQL's own part of the growth: the floor of both files on the same database, the load's
     * table emptied first so that both floors start from the same cache.
     */
    private void floors(Reference reference, DataFile large, DataFile huge, double baseSeconds, double seconds)
            throws Exception {
        reference.emptyEmployees();
        InitialLoadPhase floors = new InitialLoadPhase(results);
        int streams = InitialLoadPhase.SERVER_BATCHES_IN_FLIGHT;
        double baseFloor = floors.floor(reference, large, streams);
        double hugeFloor = floors.floor(reference, huge, streams);
        results.info("floor, " + Bench.count(huge.rows()) + "-row file", hugeFloor, "s",
                "floor, " + Bench.count(large.rows()) + "-row file", baseFloor, "s",
                String.format(Locale.ROOT, "cleaned rows COPYed in %d-row transactions by %d streams, triggers "
                                + "skipped: PostgreSQL's own growth with the table; the load grew %.2fx; "
                                + "load / floor %.2f at %s rows, %.2f at %s",
                        Loads.BATCH_SIZE, streams, seconds / baseSeconds, seconds / hugeFloor,
                        Bench.count(huge.rows()), baseSeconds / baseFloor, Bench.count(large.rows())));
        results.measurements.put(MEASUREMENT + "floor_seconds", Map.of(
                "rows_" + large.rows(), baseFloor, "rows_" + huge.rows(), hugeFloor));
    }
}
