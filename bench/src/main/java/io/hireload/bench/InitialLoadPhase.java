package io.hireload.bench;

import java.util.Locale;

/**
 * The {@code bulk} phase: the large file's initial load (the table empty: the server builds the
 * secondary indexes after the data) against, on the same PostgreSQL right after it, {@code \copy}
 * of the cleaned rows into the indexed scratch schema and pg_restore's method; and, for
 * information, the floor of 1000-row transactions (three streams, triggers off).
 */
final class InitialLoadPhase {
    /** The server's batches in flight by default (hireload.load.parallel-batches): the floor's streams. */
    static final int SERVER_BATCHES_IN_FLIGHT = 3;

    private final Results results;

    InitialLoadPhase(Results results) {
        this.results = results;
    }

    /** Answers the COPY reference's seconds, which the many-files phase compares with. */
    double run(Loads.Load load, DataFile large) throws Exception {
        Reference reference = load.reference();
        Bench.step("reference: COPY of the " + large.valid() + " cleaned rows into " + Reference.SCHEMA);
        double copy = reference.copyEmployees(large.clean());
        holdsValidRows(reference, large, "the COPY reference's table");
        Bench.step(String.format(Locale.ROOT, "COPY took %.2f s", copy));
        Bench.step("reference: pg_restore's method (COPY with the primary key only, then the indexes and foreign keys)");
        double restore = reference.copyAsPgRestore(large.clean());
        holdsValidRows(reference, large, "pg_restore's method's table");
        results.check("pg_restore's method ends with every index", reference.indexCount(Reference.SCHEMA)
                == reference.indexCount("public"), reference.indexCount(Reference.SCHEMA) + " indexes");
        Bench.step(String.format(Locale.ROOT, "pg_restore's method took %.2f s", restore));
        double floor = floor(reference, large, SERVER_BATCHES_IN_FLIGHT);

        String rows = Bench.count(large.rows());
        String indexes = String.format(Locale.ROOT, "the load said indexes=%s, index_rebuild_ms=%s",
                load.report().path("indexes").asText("?"), load.report().path("index_rebuild_ms").asText("?"));
        results.figure("bulk load " + rows + " rows, HTTP end to end", load.seconds(), "s",
                "COPY of the cleaned rows (CopyManager)", copy, "s", Target.INITIAL_VS_COPY,
                String.format(Locale.ROOT, "%s; %.0f rows/s (file rows) vs COPY %.0f valid rows/s", indexes,
                        large.rows() / load.seconds(), large.valid() / copy));
        results.figure("initial load " + rows + " rows vs pg_restore's method", load.seconds(), "s",
                "pg_restore's method: COPY with the key only, then the rest", restore, "s",
                Target.INITIAL_VS_PG_RESTORE, indexes);
        results.info("floor: cleaned rows COPYed in " + Loads.BATCH_SIZE + "-row transactions", floor, "s",
                "COPY of the cleaned rows (CopyManager)", copy, "s",
                String.format(Locale.ROOT, "%d streams side by side, foreign-key triggers skipped, no parsing or checks: "
                        + "the least PostgreSQL does under SPEC's one transaction per batch into the indexed table; "
                        + "the initial load took %.2fx this", SERVER_BATCHES_IN_FLIGHT, load.seconds() / floor));
        results.measurements.put("copy_seconds", copy);
        results.measurements.put("pg_restore_method_seconds", restore);
        results.measurements.put("floor_seconds", floor);
        results.measurements.put("bulk_seconds", load.seconds());
        return copy;
    }

    /**
     * The floor of one transaction per batch: {@code data}'s cleaned rows COPYed into the empty
     * scratch table in {@link Loads#BATCH_SIZE}-row transactions, foreign-key triggers skipped, by
     * {@code streams} connections side by side; checked to hold the valid rows, then emptied.
     */
    double floor(Reference reference, DataFile data, int streams) throws Exception {
        Bench.step("floor: " + data.valid() + " cleaned rows COPYed in " + Loads.BATCH_SIZE
                + "-row transactions, triggers skipped, " + streams + " stream(s)");
        double seconds = reference.copyEmployeesInBatches(data.clean(), Loads.BATCH_SIZE, streams);
        holdsValidRows(reference, data, "the floor's table");
        Bench.step(String.format(Locale.ROOT, "took %.2f s", seconds));
        reference.execute("truncate " + Reference.SCHEMA + ".employee");
        return seconds;
    }

    private void holdsValidRows(Reference reference, DataFile data, String what) throws Exception {
        long copied = reference.scalar("select count(*) from " + Reference.SCHEMA + ".employee");
        results.check(what + " holds the valid rows of the " + data.rows() + "-row file", copied == data.valid(),
                copied + " rows");
    }
}
