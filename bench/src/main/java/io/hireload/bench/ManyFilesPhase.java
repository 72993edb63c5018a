package io.hireload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.support.ServerProcess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code manyfiles} phase: the large file cut into BENCH_OBJECTS objects in key order, loaded
 * into the emptied table by one server, then by two server processes on the same database sharing
 * the load's objects, each timed against the bulk phase's COPY reference (information).
 */
final class ManyFilesPhase {
    private final Stage stage;
    private final Loads loads;
    private final Results results;

    ManyFilesPhase(Stage stage, Loads loads, Results results) {
        this.stage = stage;
        this.loads = loads;
        this.results = results;
    }

    void run(Loads.Load single, DataFile large, double copySeconds) throws Exception {
        int objects = stage.settings.objects();
        List<String> lines = Files.readAllLines(large.csv());
        stage.delete(Stage.EMPLOYEES_KEY);
        List<String> keys = new ArrayList<>();
        int per = (lines.size() + objects - 1) / objects;
        for (int i = 0; i < objects; i++) {
            List<String> part = lines.subList(Math.min(lines.size(), i * per), Math.min(lines.size(), (i + 1) * per));
            String key = String.format(Locale.ROOT, "employees/many/part-%03d.csv", i);
            stage.put(key, (String.join("\n", part) + "\n").getBytes(StandardCharsets.UTF_8));
            keys.add(key);
        }
        lines = null;
        long rowsRead = single.report().path("rows_read").asLong(-1);
        Reference reference = single.reference();
        try {
            for (int servers = 1; servers <= 2; servers++) {
                reference.emptyEmployees();
                ServerProcess second = servers == 2 ? second(reference) : null;
                try {
                    load(single, large, copySeconds, servers, rowsRead);
                } finally {
                    if (second != null) {
                        stage.release(second);
                    }
                }
            }
        } finally {
            keys.forEach(stage::delete);
            stage.put(Stage.EMPLOYEES_KEY, large.csv());
        }
    }

    private void load(Loads.Load single, DataFile large, double copySeconds, int servers, long rowsRead)
            throws Exception {
        int objects = stage.settings.objects();
        Bench.step("POST /employees/batch over " + objects + " objects, " + servers + " server process(es)");
        long start = System.nanoTime();
        JsonNode report = single.server().api().load("employees", Loads.BATCH_SIZE);
        double seconds = (System.nanoTime() - start) / 1e9;
        Bench.step(String.format(Locale.ROOT, "loaded in %.2f s", seconds));
        String what = "many-files load, " + servers + " server(s)";
        results.check(what + ": rows_read = the file's rows", report.path("rows_read").asLong(-2) == rowsRead,
                "rows_read " + report.path("rows_read") + ", single file " + rowsRead);
        loads.after(single, report.path("inserted").asLong(-1), "after the " + what);
        Set<String> instances = new TreeSet<>();
        report.path("file_reports").forEach(f -> instances.add(f.path("instance").asText()));
        results.info("bulk load " + Bench.count(large.rows()) + " rows in " + objects + " objects, " + servers
                        + " server process(es)", seconds, "s", "COPY of the cleaned rows (CopyManager)",
                copySeconds, "s", String.format(Locale.ROOT, "objects worked by %s; single-file load %.2f s",
                        instances, single.seconds()));
        results.measurements.put("many_files_" + servers + "_seconds", seconds);
    }

    /** A second server JVM on the same database and bucket, with its own data directory and instance id. */
    private ServerProcess second(Reference reference) {
        Map<String, String> env = stage.serverEnvironment(reference.jdbcUrl(), "server-second");
        env.put("HIRELOAD_INSTANCE_ID", "bench-second");
        return stage.launch("bench-second", env, stage.settings.log("bench-server-2.log"));
    }
}
