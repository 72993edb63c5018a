package io.hireload.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code incremental} phase: the small file's cleaned rows with new ids (offset by
 * {@link #ID_OFFSET}), as one more object beside the large file (which the call skips as loaded),
 * into the table holding the large file's valid rows, so the server keeps the indexes. Against the
 * floor of SPEC section 6: the same rows COPYed in 1000-row transactions by three streams, triggers
 * off, onto the scratch table holding the large file's rows. The rows and the object go afterwards.
 */
final class IncrementalPhase {
    static final long ID_OFFSET = 100_000_000L;
    private static final String KEY = "employees/zz-incremental.csv";

    private final Stage stage;
    private final Loads loads;
    private final Results results;

    IncrementalPhase(Stage stage, Loads loads, Results results) {
        this.stage = stage;
        this.loads = loads;
        this.results = results;
    }

    void run(Loads.Load table, DataFile large, DataFile small) throws Exception {
        Reference reference = table.reference();
        Path rows = stage.settings.work().resolve("incremental.csv");
        try (BufferedReader in = Files.newBufferedReader(small.clean());
             BufferedWriter out = Files.newBufferedWriter(rows)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int comma = line.indexOf(',');
                out.write(Long.toString(Long.parseLong(line.substring(0, comma)) + ID_OFFSET));
                out.write(line, comma, line.length() - comma);
                out.write('\n');
            }
        }
        stage.put(KEY, rows);
        try {
            reference.checkpoint();
            Bench.step("incremental load: " + small.valid() + " new ids into the " + large.valid() + "-row table");
            long start = System.nanoTime();
            JsonNode report = table.server().api().ok("POST", "/employees/batch?batch_size=" + Loads.BATCH_SIZE
                    + "&async=false", null, null);
            double seconds = (System.nanoTime() - start) / 1e9;
            results.check("incremental load inserted every new row", report.path("inserted").asLong(-1) == small.valid(),
                    "inserted " + report.path("inserted") + ", indexes " + report.path("indexes"));
            Bench.step(String.format(Locale.ROOT, "loaded in %.2f s (indexes %s)", seconds,
                    report.path("indexes").asText()));
            loads.after(table, large.valid() + small.valid(), "after the incremental load");

            reference.copyEmployees(large.clean());
            Bench.step("floor: the same rows in " + Loads.BATCH_SIZE + "-row transactions, "
                    + InitialLoadPhase.SERVER_BATCHES_IN_FLIGHT + " streams, onto the scratch table's " + large.valid()
                    + " rows");
            double floor = reference.copyEmployeesInBatchesOnto(rows, Loads.BATCH_SIZE,
                    InitialLoadPhase.SERVER_BATCHES_IN_FLIGHT);
            reference.execute("truncate " + Reference.SCHEMA + ".employee");
            results.figure("incremental load " + Bench.count(small.valid()) + " new rows into the "
                            + Bench.count(large.valid()) + "-row table", seconds, "s", "floor: the same rows in "
                            + Loads.BATCH_SIZE + "-row transactions, " + InitialLoadPhase.SERVER_BATCHES_IN_FLIGHT
                            + " streams", floor, "s", Target.INCREMENTAL_VS_FLOOR,
                    "indexes " + report.path("indexes").asText() + "; the floor onto the scratch table holding the same "
                            + large.valid() + " rows, foreign-key triggers off");
            results.measurements.put("incremental_seconds", seconds);
            results.measurements.put("incremental_floor_seconds", floor);
        } finally {
            reference.execute("delete from public.employee where id > " + ID_OFFSET);
            stage.delete(KEY);
            Files.deleteIfExists(rows);
        }
        loads.countsEqual(table, large.valid(), "after the incremental rows were removed");
    }
}
