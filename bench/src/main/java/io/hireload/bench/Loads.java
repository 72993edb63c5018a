package io.hireload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.support.Api;
import io.hireload.support.ServerProcess;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The loads a run times through HTTP: a server of its own on a database of its own, and one timed
 * employees load at a time, its heap sampled, its report, counts, indexes and the server's health
 * checked. The table and its counts are what a user would see: {@code GET /employees} and SQL.
 */
final class Loads {
    static final int BATCH_SIZE = 1000;
    /** What a JVM whose heap ran out logs (the server then exits: -XX:+ExitOnOutOfMemoryError). */
    static final String OUT_OF_MEMORY = "java.lang.OutOfMemoryError";

    /** A measured load: the server and database it ran on, its heap, time and report. */
    record Load(ServerProcess server, Reference reference, IndexSet indexes, Path log, HeapSampler heap,
                double seconds, JsonNode report) {
    }

    private final Stage stage;
    private final Results results;

    Loads(Stage stage, Results results) {
        this.stage = stage;
        this.results = results;
    }

    /**
     * A fresh database (or the external one, its employees emptied), a fresh server on it,
     * departments and jobs, the migrations' index set, then {@code data} timed into the empty table.
     */
    Load initial(String database, DataFile data) throws Exception {
        String url = stage.freshDatabase(database);
        stage.put(Stage.EMPLOYEES_KEY, data.csv());
        Path log = stage.settings.log("bench-server.log");
        ServerProcess server = stage.launch("bench", stage.serverEnvironment(url, "server-" + database), log);
        Reference reference = stage.reference(url);
        Api api = server.api();
        api.load("departments", BATCH_SIZE);
        api.load("jobs", BATCH_SIZE);
        if (stage.externalDatabase()) {
            reference.execute("truncate public.employee");
        }
        long before = reference.scalar("select count(*) from public.employee");
        check("employee is empty before the " + data.rows() + "-row load", before == 0, before + " rows");
        IndexSet indexes = IndexSet.of(reference);
        reference.checkpoint();
        return sampled(new Load(server, reference, indexes, log, null, 0, null), data, 0, "");
    }

    /**
     * One timed employees load of {@code data} by {@code on}'s server while {@code jstat} samples its
     * heap (and the live heap every {@code liveEveryMillis} ms when above 0), its figures kept in the
     * run's measurements, its report, the count, the indexes and the server's health checked.
     */
    Load sampled(Load on, DataFile data, long liveEveryMillis, String measurement) throws Exception {
        ServerProcess server = on.server();
        HeapSampler heap = stage.own(new HeapSampler(stage.javaHome.resolve("bin/jstat"), server.pid(), 200,
                liveEveryMillis));
        heap.awaitFirstSample(20_000);
        Bench.step("POST /employees/batch?batch_size=" + BATCH_SIZE + " (" + data.rows() + " rows)");
        long start = System.nanoTime();
        JsonNode report = server.api().load("employees", BATCH_SIZE);
        double seconds = (System.nanoTime() - start) / 1e9;
        Api.pause(Duration.ofMillis(600));
        stage.release(heap);
        Bench.step(String.format(Locale.ROOT, "loaded in %.2f s (indexes %s, index_rebuild_ms %s); peak heap %.1f MB "
                        + "(%d samples)", seconds, report.path("indexes").asText("?"),
                report.path("index_rebuild_ms").asText("?"), heap.maxUsedMb(), heap.samples()));
        results.measurements.put(measurement + "load_" + data.rows(), Map.of("seconds", seconds, "report", report,
                "peak_heap_mb", heap.maxUsedMb(), "peak_old_gen_mb", heap.maxOldMb(),
                "peak_committed_mb", heap.maxCommittedMb(), "heap_samples", heap.samples(),
                "peak_live_heap_mb", heap.maxLiveMb(), "live_heap_samples", heap.liveSamples()));
        String what = "after the " + data.rows() + "-row load";
        check("report " + what + ": inserted = valid rows", report.path("inserted").asLong(-1) == data.valid(),
                "inserted " + report.path("inserted").asLong(-1) + ", valid " + data.valid());
        check("report " + what + ": rejected = invalid rows", report.path("rejected").asLong(-1) == data.invalid(),
                "rejected " + report.path("rejected").asLong(-1) + ", invalid " + data.invalid());
        Load load = new Load(server, on.reference(), on.indexes(), on.log(), heap, seconds, report);
        after(load, data.valid(), what);
        return load;
    }

    /** What must hold after any load: the exact count, the indexes back, the server up and its heap whole. */
    void after(Load load, long expected, String when) throws SQLException {
        countsEqual(load, expected, when);
        load.indexes().checkBack(load.reference(), results, when);
        boolean outOfMemory = load.server().logText().contains(OUT_OF_MEMORY);
        check("server up, no OutOfMemoryError " + when, load.server().alive() && !outOfMemory,
                (load.server().alive() ? "alive" : "the server JVM exited")
                        + (outOfMemory ? "; its log has " + OUT_OF_MEMORY : ""));
    }

    void countsEqual(Load load, long expected, String when) throws SQLException {
        long viaApi = load.server().api().total("employees");
        long viaSql = load.reference().scalar("select count(*) from public.employee");
        check("employee count " + when, viaApi == expected && viaSql == expected,
                "expected " + expected + ", GET /employees total " + viaApi + ", SQL count " + viaSql);
    }

    private void check(String name, boolean ok, String detail) {
        results.check(name, ok, detail);
    }
}
