package io.hireload.bench;

import io.hireload.support.Api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One run of the chosen phases, in their fixed order, on the stage's PostgreSQL and S3: the small
 * load (memory) on a server and database of its own, then the large load on another, which every
 * other phase measures on. Its servers and connections are stopped when it ends.
 */
final class BenchRun {
    private final Stage stage;
    private final BenchSettings settings;
    private final DataFiles data;
    private final Results results;
    private final Loads loads;

    BenchRun(Stage stage, DataFiles data, Results results) {
        this.stage = stage;
        this.settings = stage.settings;
        this.data = data;
        this.results = results;
        this.loads = new Loads(stage, results);
    }

    void run() throws Exception {
        DataFile large = data.large();
        Loads.Load small = null;
        if (settings.has(BenchPhase.MEMORY)) {
            DataFile file = data.small();
            Bench.step("small load: " + file.rows() + " rows, " + file.valid() + " valid");
            small = loads.initial("bench_small", file);
            stage.release(small.reference());
            stage.release(small.server());
        }
        Bench.step("large load: " + large.rows() + " rows, " + large.valid() + " valid");
        Loads.Load load = loads.initial("bench_large", large);
        try {
            phases(load, small, large);
        } finally {
            stage.release(load.reference());
            stage.release(load.server());
        }
    }

    private void phases(Loads.Load load, Loads.Load small, DataFile large) throws Exception {
        Reference reference = load.reference();
        results.measurements.put("postgresql", reference.serverVersion());
        boolean scratch = settings.has(BenchPhase.BULK) || settings.has(BenchPhase.INCREMENTAL)
                || settings.has(BenchPhase.SEED) && settings.seedRows() > 0 || settings.has(BenchPhase.HUGE);
        if (scratch) {
            scratchSchema(reference);
        }
        Double copy = null;
        if (settings.has(BenchPhase.BULK)) {
            copy = new InitialLoadPhase(results).run(load, large);
        }
        if (settings.has(BenchPhase.SEED) && settings.seedRows() > 0) {
            new SeedPhase(results, settings.seedRows()).run(load, large);
        }
        if (settings.has(BenchPhase.INCREMENTAL)) {
            new IncrementalPhase(stage, loads, results).run(load, large, data.small());
        }
        if (small != null) {
            results.figure("peak heap, " + Bench.count(large.rows()) + "-row load", load.heap().maxUsedMb(), "MB",
                    "peak heap, " + Bench.count(data.small().rows()) + "-row load",
                    small.heap().maxUsedMb(), "MB", Target.HEAP_PEAK, String.format(Locale.ROOT,
                            "jstat -gc every 200 ms, max of S0U+S1U+EU+OU; old gen peak %.1f MB vs %.1f MB; "
                                    + "committed peak %.0f MB vs %.0f MB", load.heap().maxOldMb(), small.heap().maxOldMb(),
                            load.heap().maxCommittedMb(), small.heap().maxCommittedMb()));
        }
        Api api = load.server().api();
        MetricsPhase metrics = new MetricsPhase(results, settings.metricCalls());
        if (settings.has(BenchPhase.METRICS)) {
            metrics.run(api, reference, "after the " + Bench.count(large.rows()) + "-row load", true);
        }
        // Before the API posts, so that the table backed up is the file's valid rows.
        if (settings.has(BenchPhase.BACKUP)) {
            Path log = settings.log("bench-pg-tools.log");
            Files.deleteIfExists(log);
            new BackupBench(api, reference, results, PgDump.choose(reference.serverMajorVersion(), settings.pgBin()),
                    settings.work(), log).run();
            loads.after(load, large.valid(), "after the restore");
            metrics.run(api, reference, "after the restore", false);
        }
        if (settings.has(BenchPhase.API)) {
            new ApiPhase(stage, loads, results).run(load, large);
            metrics.run(api, reference, "after the API posts", false);
        }
        // It replaces the bucket's single file with many objects and reloads the table.
        if (settings.has(BenchPhase.MANYFILES) && copy != null) {
            new ManyFilesPhase(stage, loads, results).run(load, large, copy);
        }
        if (settings.has(BenchPhase.HUGE)) {
            new HugePhase(stage, loads, results).run(load, large, data.huge(), results.run == 1);
        }
        if (scratch) {
            reference.dropScratchSchema();
        }
    }

    /** The references' scratch copy of the schema, checked to have the live schema's keys and indexes. */
    private void scratchSchema(Reference reference) throws SQLException {
        reference.createScratchSchema();
        int fks = reference.foreignKeyCount();
        int refIndexes = reference.indexCount(Reference.SCHEMA);
        int liveIndexes = reference.indexCount("public");
        results.check("scratch schema has the live schema's keys and indexes", fks >= 2 && refIndexes == liveIndexes,
                fks + " foreign keys; employee indexes " + refIndexes + " (live " + liveIndexes + ")");
    }
}
