package io.hireload.bench;

import java.util.Locale;

/**
 * The {@code seed} phase: the initial load against the seed's row-by-row algorithm (look the id up,
 * insert or update, commit every 1000) measured on BENCH_SEED_ROWS cleaned rows and projected to all
 * the valid rows (information).
 */
final class SeedPhase {
    private final Results results;
    private final int seedRows;

    SeedPhase(Results results, int seedRows) {
        this.results = results;
        this.seedRows = seedRows;
    }

    void run(Loads.Load load, DataFile large) throws Exception {
        Reference reference = load.reference();
        int n = (int) Math.min(seedRows, large.valid());
        Bench.step("reference: the seed's algorithm on " + n + " rows");
        double seedRate = reference.seedAlgorithmRowsPerSecond(large.clean(), n);
        double projected = large.valid() / seedRate;
        results.info("bulk load vs the seed's algorithm (projected)", load.seconds(), "s",
                "seed: look up, insert/update, commit/1000", projected, "s",
                String.format(Locale.ROOT, "seed measured on %d rows over JDBC: %.0f rows/s, projected to %d rows",
                        n, seedRate, large.valid()));
        results.measurements.put("seed_rows_per_second", seedRate);
        reference.execute("truncate " + Reference.SCHEMA + ".employee");
    }
}
