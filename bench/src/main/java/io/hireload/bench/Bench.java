package io.hireload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hireload.embedded.EmbeddedS3;
import io.hireload.embedded.LocalServices;
import io.hireload.support.Api;
import io.hireload.support.ServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@code make bench}: SPEC section 6 measured on this machine. Generates the data, starts
 * PostgreSQL (embedded, or {@code DATABASE_URL}) and the embedded S3, starts the server as a
 * separate JVM with {@code -Xmx256m}, and measures it through its HTTP API only, each figure
 * against a reference taken on the same PostgreSQL in the same run. Writes
 * {@code bench-results.json} at the repository root; stops everything it started, also on failure.
 *
 * <p>Settings (environment or -D): BENCH_PHASES (a comma list of {@link BenchPhase}s, default all),
 * BENCH_ROWS (2,000,000), BENCH_OBJECTS (40, the many-files phase), BENCH_SMALL_ROWS (200,000), BENCH_API_ROWS (200,000), BENCH_METRIC_CALLS
 * (30), BENCH_SEED_ROWS (20,000; 0 skips the seed's algorithm), BENCH_PG_BIN (where pg_dump and
 * pg_restore are, default found), BENCH_ROOT (the repository, default the working directory),
 * DATABASE_URL / DATABASE_USER / DATABASE_PASSWORD (a scratch database: the benchmark empties its
 * employee table).
 */
public final class Bench {
    private static final String BUCKET = LocalServices.BUCKET;
    private static final String EMPLOYEES_KEY = "employees/hired_employees.csv";
    private static final int BATCH_SIZE = 1000;
    /** The server's batches in flight by default (hireload.load.parallel-batches). */
    private static final int SERVER_BATCHES_IN_FLIGHT = 3;
    /** The floor's COPY streams in the two rounds: one, then as many as the server writes side by side. */
    private static final int[] FLOOR_STREAMS = {1, SERVER_BATCHES_IN_FLIGHT};
    private static final int API_CLIENTS = 4;
    private static final int API_FIRST_ID = 1_000_000_001;
    /**
     * The server's fixed young generation: G1 otherwise grows it with the process's age, so a
     * 4-second load and a 30-second one would peak at different sizes of garbage, not of what is kept.
     */
    static final String YOUNG_GENERATION = "64m";

    private final Results results = new Results();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path root;
    private final Path work;
    private final Path javaHome = Path.of(System.getProperty("java.home"));
    private final String adminKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final long rows = number("BENCH_ROWS", 2_000_000);
    private final long smallRows = number("BENCH_SMALL_ROWS", 200_000);
    private final int apiRows = (int) number("BENCH_API_ROWS", 200_000);
    private final int metricCalls = (int) number("BENCH_METRIC_CALLS", 30);
    private final int seedRows = (int) number("BENCH_SEED_ROWS", 20_000);
    private final int objects = (int) Math.max(2, number("BENCH_OBJECTS", 40));
    private final long hugeRows = number("BENCH_HUGE_ROWS", 20_000_000);
    /** How often the huge phase's loads take a full collection to read the live heap (about 1 % of their time). */
    private static final long LIVE_HEAP_EVERY_MS = 10_000;
    /** The large load's server settings, for the second instance of the many-files phase. */
    private Map<String, String> largeEnv;
    /** The bulk phase's best COPY time, the many-files phase's reference. */
    private double copyBest;
    private final String externalDatabase = setting("DATABASE_URL");
    private final Set<BenchPhase> phases = BenchPhase.parse(setting("BENCH_PHASES"));

    private LocalServices services;
    private String adminUrl;
    private String dbUser;
    private String dbPassword;

    private Bench(Path root) {
        this.root = root;
        this.work = root.resolve("bench/target/bench-work");
    }

    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
        String rootSetting = setting("BENCH_ROOT");
        Bench bench = new Bench(Path.of(rootSetting == null ? "." : rootSetting).toAbsolutePath().normalize());
        Thread hook = new Thread(bench::stopAll, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ok;
        try {
            bench.run();
        } catch (Throwable e) {
            bench.results.error = e.toString();
            e.printStackTrace();
        } finally {
            bench.stopAll();
            bench.deleteWork();
        }
        bench.results.print(System.out);
        Path out = bench.root.resolve("bench-results.json");
        try {
            bench.results.write(out);
            System.out.println("written: " + out);
        } catch (IOException e) {
            System.err.println("could not write " + out + ": " + e.getMessage());
        }
        ok = bench.results.checksPassed();
        boolean strict = "1".equals(setting("BENCH_STRICT"));
        System.exit(ok && (!strict || bench.results.targetsMet()) ? 0 : 1);
    }

    private void run() throws Exception {
        describeMachine();
        Set<Integer> departments = ids(EmbeddedS3.sample("departments.csv"));
        Set<Integer> jobs = ids(EmbeddedS3.sample("jobs.csv"));
        Path generator = root.resolve("scripts/gen-hired-employees");
        Path dataDir = root.resolve("bench/target/bench-data");
        boolean memory = phases.contains(BenchPhase.MEMORY);
        step("phases: " + phases.stream().map(BenchPhase::wire).collect(Collectors.joining(",")) + " (BENCH_PHASES)");
        step("generating " + (memory ? smallRows + " and " : "") + rows + " rows with " + root.relativize(generator));
        DataFile small = memory ? DataFile.make(generator, dataDir, smallRows, departments, jobs) : null;
        DataFile large = DataFile.make(generator, dataDir, rows, departments, jobs);
        results.parameters.put("phases", phases.stream().map(BenchPhase::wire).toList());
        results.parameters.put("rows", rows);
        results.parameters.put("valid_rows", large.valid());
        if (memory) {
            results.parameters.put("small_rows", smallRows);
            results.parameters.put("small_valid_rows", small.valid());
        }
        results.parameters.put("api_rows", apiRows);
        results.parameters.put("api_clients", API_CLIENTS);
        results.parameters.put("batch_size", BATCH_SIZE);
        results.parameters.put("metric_calls", metricCalls);
        results.parameters.put("server_heap", "-Xmx256m -Xmn" + YOUNG_GENERATION);

        deleteWork();
        Files.createDirectories(work);
        Files.deleteIfExists(root.resolve("bench/target/bench-server.log"));
        step(externalDatabase == null ? "starting embedded PostgreSQL and S3" : "starting embedded S3 (PostgreSQL: DATABASE_URL)");
        services = LocalServices.start(work, name -> name.equals("DATABASE_URL") ? externalDatabase : null);
        started.push(services);
        services.s3().delete(BUCKET, EMPLOYEES_KEY);
        Map<String, String> settings = services.settings();
        if (externalDatabase == null) {
            adminUrl = settings.get("DATABASE_URL");
            dbUser = settings.get("DATABASE_USER");
            dbPassword = "";
        } else {
            String[] parsed = jdbc(externalDatabase, setting("DATABASE_USER"), setting("DATABASE_PASSWORD"));
            adminUrl = parsed[0];
            dbUser = parsed[1];
            dbPassword = parsed[2];
            refuseNonEmpty();
        }

        // (b) small load: its own database and a fresh server JVM, so the two peaks compare.
        Load smallLoad = null;
        if (memory) {
            step("small load: " + small.rows() + " rows, " + small.valid() + " valid");
            smallLoad = load("bench_small", small, settings);
            try (ServerProcess server = smallLoad.server) {
                smallLoad.reference.close();
            }
        }

        // (a, b, c, d, e) large load, then the references and the other figures on its database.
        step("large load: " + large.rows() + " rows, " + large.valid() + " valid");
        Load loaded = load("bench_large", large, settings);
        try (ServerProcess server = loaded.server; Reference reference = loaded.reference) {
            Load largeLoad = loaded;
            results.machine.put("postgresql", reference.serverVersion());
            boolean scratch = phases.contains(BenchPhase.BULK) || phases.contains(BenchPhase.SEED) && seedRows > 0
                    || phases.contains(BenchPhase.HUGE);
            if (scratch) {
                scratchSchema(reference);
            }
            if (phases.contains(BenchPhase.BULK)) {
                largeLoad = compareWithCopy(reference, large, largeLoad);
            }
            if (phases.contains(BenchPhase.SEED) && seedRows > 0) {
                compareWithSeed(reference, large, largeLoad);
            }
            if (phases.contains(BenchPhase.INCREMENTAL) && phases.contains(BenchPhase.BULK)) {
                incremental(server, reference, large, DataFile.make(generator, dataDir, smallRows, departments, jobs));
            }
            if (memory) {
                results.atMost("peak heap, " + count(large.rows()) + "-row load", largeLoad.heap.maxUsedMb(), "MB",
                        "peak heap, " + count(small.rows()) + "-row load", smallLoad.heap.maxUsedMb(), "MB", 1.2,
                        String.format(Locale.ROOT, "jstat -gc every 200 ms, max of S0U+S1U+EU+OU; old gen peak %.1f MB vs %.1f MB; "
                                        + "committed peak %.0f MB vs %.0f MB",
                                largeLoad.heap.maxOldMb(), smallLoad.heap.maxOldMb(),
                                largeLoad.heap.maxCommittedMb(), smallLoad.heap.maxCommittedMb()));
            }
            if (phases.contains(BenchPhase.METRICS)) {
                metrics(server.api(), reference, "after the " + count(large.rows()) + "-row load", true);
            }
            // Before the API posts, so that the table backed up is the file's valid rows.
            if (phases.contains(BenchPhase.BACKUP)) {
                backup(server.api(), reference);
                countsEqual(server.api(), reference, large.valid(), "after the restore");
                metrics(server.api(), reference, "after the restore", false);
            }
            if (phases.contains(BenchPhase.API)) {
                api(server.api(), reference, large, largeLoad);
                metrics(server.api(), reference, "after the API posts", false);
            }
            // Last: it replaces the bucket's single file with many objects and reloads the table.
            if (phases.contains(BenchPhase.MANYFILES) && phases.contains(BenchPhase.BULK)) {
                manyFiles(server, reference, large, largeLoad);
            }
            if (phases.contains(BenchPhase.HUGE)) {
                huge(server, reference, large, largeLoad, DataFile.make(generator, dataDir, hugeRows, departments, jobs));
            }
            if (scratch) {
                reference.dropScratchSchema();
            }
        }
    }

    /**
     * An incremental load: {@code small}'s cleaned rows with new ids, as one more object beside the
     * large file (which the call skips as loaded), into the table holding the large file's valid
     * rows: the rule keeps the indexes. Against the floor of SPEC section 6: the same rows COPYed in
     * {@link #BATCH_SIZE}-row transactions by three streams, triggers off, onto the scratch table
     * holding the large file's rows. The rows and the object are removed afterwards.
     */
    private void incremental(ServerProcess server, Reference reference, DataFile large, DataFile small) throws Exception {
        long offset = 100_000_000L;
        Path rows = work.resolve("incremental.csv");
        try (java.io.BufferedReader in = Files.newBufferedReader(small.clean());
             java.io.BufferedWriter out = Files.newBufferedWriter(rows)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int comma = line.indexOf(',');
                out.write(Long.toString(Long.parseLong(line.substring(0, comma)) + offset));
                out.write(line, comma, line.length() - comma);
                out.write('\n');
            }
        }
        String key = "employees/zz-incremental.csv";
        services.s3().put(BUCKET, key, Files.readAllBytes(rows));
        reference.checkpoint();
        step("incremental load: " + small.valid() + " new ids into the " + large.valid() + "-row table");
        long start = System.nanoTime();
        com.fasterxml.jackson.databind.JsonNode report = server.api().ok("POST", "/employees/batch?batch_size=" + BATCH_SIZE,
                null, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        check("incremental load inserted every new row", report.path("inserted").asLong(-1) == small.valid(),
                "inserted " + report.path("inserted") + ", indexes " + report.path("indexes"));
        step(String.format(Locale.ROOT, "loaded in %.2f s (indexes %s)", seconds, report.path("indexes").asText()));
        reference.copyEmployees(large.clean());
        double floor = reference.copyEmployeesInBatchesOnto(rows, BATCH_SIZE, SERVER_BATCHES_IN_FLIGHT);
        reference.execute("truncate " + Reference.SCHEMA + ".employee");
        results.atMost("incremental load " + count(small.valid()) + " new rows into the " + count(large.valid())
                        + "-row table", seconds, "s", "floor: the same rows in " + BATCH_SIZE + "-row transactions, "
                        + SERVER_BATCHES_IN_FLIGHT + " streams", floor, "s", INCREMENTAL_TARGET,
                "indexes " + report.path("indexes").asText() + "; the floor onto the scratch table holding the same "
                        + large.valid() + " rows, foreign-key triggers off");
        results.measurements.put("incremental_seconds", seconds);
        results.measurements.put("incremental_floor_seconds", floor);
        reference.execute("delete from public.employee where id > " + offset);
        services.s3().delete(BUCKET, key);
        countsEqual(server.api(), reference, large.valid(), "after the incremental rows were removed");
    }

    /**
     * The large file cut into {@link #objects} objects in key order, loaded into the emptied table
     * by one server, then by two server processes on the same database sharing the load's objects,
     * each timed against the same COPY reference as the single-file bulk load.
     */
    private void manyFiles(ServerProcess first, Reference reference, DataFile large, Load single) throws Exception {
        List<String> lines = Files.readAllLines(large.csv());
        services.s3().delete(BUCKET, EMPLOYEES_KEY);
        List<String> keys = new ArrayList<>();
        int per = (lines.size() + objects - 1) / objects;
        for (int i = 0; i < objects; i++) {
            List<String> part = lines.subList(Math.min(lines.size(), i * per), Math.min(lines.size(), (i + 1) * per));
            String key = String.format(Locale.ROOT, "employees/many/part-%03d.csv", i);
            services.s3().put(BUCKET, key, (String.join("\n", part) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            keys.add(key);
        }
        lines = null;
        long rowsRead = single.report().path("rows_read").asLong(-1);
        try {
            for (int servers = 1; servers <= 2; servers++) {
                reference.emptyEmployees();
                ServerProcess second = null;
                if (servers == 2) {
                    Map<String, String> env = new LinkedHashMap<>(largeEnv);
                    env.put("HIRELOAD_DATA_DIR", work.resolve("server-second").toString());
                    env.put("HIRELOAD_INSTANCE_ID", "bench-second");
                    Path log = root.resolve("bench/target/bench-server-2.log");
                    step("starting a second server JVM on the same database; log: " + root.relativize(log));
                    second = ServerProcess.launch("bench-second", new ServerProcess.Launch(javaHome.resolve("bin/java"),
                            serverClasspath(), serverJvmOptions(), env,
                            ServerProcess.freePort(), adminKey, log));
                    started.push(second);
                    second.awaitReady(Duration.ofMinutes(3));
                }
                step("POST /employees/batch over " + objects + " objects, " + servers + " server process(es)");
                long start = System.nanoTime();
                JsonNode report = first.api().load("employees", BATCH_SIZE);
                double seconds = (System.nanoTime() - start) / 1e9;
                step(String.format(Locale.ROOT, "loaded in %.2f s", seconds));
                check("many-files load, " + servers + " server(s): rows_read = the file's rows",
                        report.path("rows_read").asLong(-2) == rowsRead, "rows_read " + report.path("rows_read")
                                + ", single file " + rowsRead);
                long inserted = report.path("inserted").asLong(-1);
                check("many-files load, " + servers + " server(s): table holds what the report inserted",
                        reference.scalar("select count(*) from public.employee") == inserted, "inserted " + inserted);
                java.util.Set<String> instances = new java.util.TreeSet<>();
                report.path("file_reports").forEach(f -> instances.add(f.path("instance").asText()));
                results.info("bulk load " + count(large.rows()) + " rows in " + objects + " objects, " + servers
                                + " server process(es)", seconds, "s", "COPY of the cleaned rows (CopyManager)", copyBest, "s",
                        String.format(Locale.ROOT, "objects worked by %s; single-file load best %.2f s", instances,
                                single.seconds()));
                results.measurements.put("many_files_" + servers + "_seconds", seconds);
                if (second != null) {
                    started.remove(second);
                    second.close();
                }
            }
        } finally {
            for (String key : keys) {
                services.s3().delete(BUCKET, key);
            }
            services.s3().put(BUCKET, EMPLOYEES_KEY, Files.readAllBytes(large.csv()));
        }
    }

    /**
     * The opt-in 20M-row phase: the large file again, then the huge one, through the large load's
     * server into the emptied table, both sampled alike (used heap, and the live heap after a full
     * collection every {@link #LIVE_HEAP_EVERY_MS} ms), so the two are compared under the same
     * conditions at the same hour: 10x the rows in at most 10.5x the time, the live heap's peak at
     * most 1.2x, every count exact.
     */
    private void huge(ServerProcess server, Reference reference, DataFile large, Load largeLoad, DataFile huge)
            throws Exception {
        step("huge phase: the " + large.rows() + "-row file again, then " + huge.rows() + " rows (" + huge.valid()
                + " valid), a full collection every " + LIVE_HEAP_EVERY_MS / 1000 + " s to sample the live heap");
        reference.emptyEmployees();
        String measurement = "huge_phase_";
        Load base = sampledLoad(server, reference, large, LIVE_HEAP_EVERY_MS, measurement);
        services.s3().put(BUCKET, EMPLOYEES_KEY, huge.csv());
        try {
            reference.emptyEmployees();
            Load load = sampledLoad(server, reference, huge, LIVE_HEAP_EVERY_MS, measurement);
            double seconds = load.seconds();
            HeapSampler heap = load.heap();
            countsEqual(server.api(), reference, huge.valid(), "after the " + huge.rows() + "-row load");
            double rowsRatio = (double) huge.rows() / large.rows();
            results.atMost("bulk load " + count(huge.rows()) + " rows, HTTP end to end", seconds, "s",
                    "bulk load " + count(large.rows()) + " rows just before, same server", base.seconds(), "s",
                    rowsRatio * 1.05, String.format(Locale.ROOT, "%.1fx the rows; %.0f rows/s vs %.0f rows/s; "
                                    + "the large load's best earlier in the run: %.2f s",
                            rowsRatio, huge.rows() / seconds, large.rows() / base.seconds(), largeLoad.seconds()));
            results.atMost("live heap peak, " + count(huge.rows()) + "-row load", heap.maxLiveMb(), "MB",
                    "live heap peak, " + count(large.rows()) + "-row load", base.heap().maxLiveMb(), "MB", 1.2,
                    String.format(Locale.ROOT, "server -Xmx256m; heap used right after a full collection "
                                    + "(jcmd GC.run, then jstat), every %d s: %d and %d samples",
                            LIVE_HEAP_EVERY_MS / 1000, heap.liveSamples(), base.heap().liveSamples()));
            results.info("peak heap, " + count(huge.rows()) + "-row load", heap.maxUsedMb(), "MB",
                    "peak heap, " + count(large.rows()) + "-row load", base.heap().maxUsedMb(), "MB",
                    String.format(Locale.ROOT, "used heap, garbage included (G1 leaves the old generation's "
                                    + "garbage until it marks at 45 %% of the heap); old gen peak %.1f MB vs %.1f MB",
                            heap.maxOldMb(), base.heap().maxOldMb()));
            // PostgreSQL's own part of the growth: the floor of both files on the same database, the
            // load's table emptied first so that both floors start from the same cache.
            reference.emptyEmployees();
            double baseFloor = floor(reference, large, SERVER_BATCHES_IN_FLIGHT);
            double hugeFloor = floor(reference, huge, SERVER_BATCHES_IN_FLIGHT);
            results.info("floor, " + count(huge.rows()) + "-row file", hugeFloor, "s",
                    "floor, " + count(large.rows()) + "-row file", baseFloor, "s",
                    String.format(Locale.ROOT, "cleaned rows COPYed in %d-row transactions by %d streams, triggers "
                                    + "skipped: PostgreSQL's own growth with the table; the load grew %.2fx; "
                                    + "load / floor %.2f at %s rows, %.2f at %s",
                            BATCH_SIZE, SERVER_BATCHES_IN_FLIGHT, seconds / base.seconds(), seconds / hugeFloor,
                            count(huge.rows()), base.seconds() / baseFloor, count(large.rows())));
            results.measurements.put(measurement + "floor_seconds", Map.of(
                    "rows_" + large.rows(), baseFloor, "rows_" + huge.rows(), hugeFloor));
        } finally {
            services.s3().put(BUCKET, EMPLOYEES_KEY, large.csv());
        }
    }

    /** A measured load: its own database, a fresh server, departments and jobs, then employees. */
    private record Load(ServerProcess server, Reference reference, HeapSampler heap, double seconds, JsonNode report) {
    }

    private Load load(String database, DataFile data, Map<String, String> settings) throws Exception {
        String url = freshDatabase(database);
        services.s3().put(BUCKET, EMPLOYEES_KEY, Files.readAllBytes(data.csv()));
        Map<String, String> env = new LinkedHashMap<>(settings);
        env.put("DATABASE_URL", url);
        env.put("DATABASE_USER", dbUser);
        env.put("DATABASE_PASSWORD", dbPassword == null ? "" : dbPassword);
        env.put("HIRELOAD_DATA_DIR", work.resolve("server-" + database).toString());
        // The backup phase's files next to pg_dump's, in the work directory the run deletes.
        env.put("HIRELOAD_BACKUP_TARGET", "dir");
        env.put("HIRELOAD_BACKUP_DIR", work.resolve("backups").toString());
        largeEnv = env;
        Path log = root.resolve("bench/target/bench-server.log");
        step("starting the server JVM (-Xmx256m -Xmn" + YOUNG_GENERATION + ") on " + url + "; log: " + root.relativize(log));
        ServerProcess server = ServerProcess.launch("bench", new ServerProcess.Launch(javaHome.resolve("bin/java"),
                serverClasspath(), serverJvmOptions(), env,
                ServerProcess.freePort(), adminKey, log));
        started.push(server);
        server.awaitReady(Duration.ofMinutes(3));
        Reference reference = new Reference(url, dbUser, dbPassword);
        started.push(reference);
        Api api = server.api();
        api.load("departments", BATCH_SIZE);
        api.load("jobs", BATCH_SIZE);
        if (externalDatabase != null) {
            reference.execute("truncate public.employee");
        }
        long before = reference.scalar("select count(*) from public.employee");
        check("employee is empty before the " + data.rows() + "-row load", before == 0, before + " rows");
        reference.checkpoint();
        Load load = sampledLoad(server, reference, data, 0, "");
        countsEqual(api, reference, data.valid(), "after the " + data.rows() + "-row load");
        return load;
    }

    /**
     * One timed employees load of {@code data} while {@code jstat} samples the server's heap, its
     * figures kept in the results, its report checked against the file's valid and invalid rows.
     */
    private Load sampledLoad(ServerProcess server, Reference reference, DataFile data, long liveEveryMillis,
            String measurement) throws Exception {
        HeapSampler heap = new HeapSampler(javaHome.resolve("bin/jstat"), server.pid(), 200, liveEveryMillis);
        started.push(heap);
        heap.awaitFirstSample(20_000);
        step("POST /employees/batch?batch_size=" + BATCH_SIZE + " (" + data.rows() + " rows)");
        long start = System.nanoTime();
        JsonNode report = server.api().load("employees", BATCH_SIZE);
        double seconds = (System.nanoTime() - start) / 1e9;
        Api.pause(Duration.ofMillis(600));
        heap.close();
        started.remove(heap);
        step(String.format(Locale.ROOT, "loaded in %.2f s; peak heap %.1f MB (%d samples)", seconds,
                heap.maxUsedMb(), heap.samples()));
        results.measurements.put(measurement + "load_" + data.rows(), Map.of("seconds", seconds, "report", report,
                "peak_heap_mb", heap.maxUsedMb(), "peak_old_gen_mb", heap.maxOldMb(),
                "peak_committed_mb", heap.maxCommittedMb(), "heap_samples", heap.samples(),
                "peak_live_heap_mb", heap.maxLiveMb(), "live_heap_samples", heap.liveSamples()));
        String what = "after the " + data.rows() + "-row load";
        check("report " + what + ": inserted = valid rows", report.path("inserted").asLong(-1) == data.valid(),
                "inserted " + report.path("inserted").asLong(-1) + ", valid " + data.valid());
        check("report " + what + ": rejected = invalid rows", report.path("rejected").asLong(-1) == data.invalid(),
                "rejected " + report.path("rejected").asLong(-1) + ", invalid " + data.invalid());
        return new Load(server, reference, heap, seconds, report);
    }

    /** The references' scratch copy of the schema, checked to have the live schema's keys and indexes. */
    private void scratchSchema(Reference reference) throws SQLException {
        reference.createScratchSchema();
        int fks = reference.foreignKeyCount();
        int refIndexes = reference.indexCount(Reference.SCHEMA);
        int liveIndexes = reference.indexCount("public");
        check("scratch schema has the live schema's keys and indexes", fks >= 2 && refIndexes == liveIndexes,
                fks + " foreign keys; employee indexes " + refIndexes + " (live " + liveIndexes + ")");
    }

    /**
     * The bulk load against COPY, best of two each, alternating (load, COPY, load, COPY): on a
     * shared 2-core machine one run of either can be a third slower than the next for no reason
     * of its own. Answers the load with its best time, which the later figures use.
     */
    private Load compareWithCopy(Reference reference, DataFile large, Load first) throws Exception {
        double[] copies = new double[2];
        double[] restores = new double[2];
        double[] floors = new double[2];
        double[] loads = {first.seconds, 0};
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                reference.emptyEmployees();
                step("POST /employees/batch?batch_size=" + BATCH_SIZE + " again, into the emptied table");
                long start = System.nanoTime();
                JsonNode again = first.server.api().load("employees", BATCH_SIZE);
                loads[1] = (System.nanoTime() - start) / 1e9;
                check("report after the second load: inserted = valid rows",
                        again.path("inserted").asLong(-1) == large.valid(), "inserted " + again.path("inserted"));
                countsEqual(first.server.api(), reference, large.valid(), "after the second load");
                step(String.format(Locale.ROOT, "loaded in %.2f s", loads[1]));
            }
            step("reference: COPY of the " + large.valid() + " cleaned rows into " + Reference.SCHEMA);
            copies[round] = reference.copyEmployees(large.clean());
            long copied = reference.scalar("select count(*) from " + Reference.SCHEMA + ".employee");
            check("COPY reference holds the valid rows", copied == large.valid(), copied + " rows");
            step(String.format(Locale.ROOT, "COPY took %.2f s", copies[round]));
            step("reference: pg_restore's method (COPY with the primary key only, then the indexes and foreign keys)");
            restores[round] = reference.copyAsPgRestore(large.clean());
            long restored = reference.scalar("select count(*) from " + Reference.SCHEMA + ".employee");
            check("pg_restore's method holds the valid rows and every index", restored == large.valid()
                    && reference.indexCount(Reference.SCHEMA) == reference.indexCount("public"), restored + " rows");
            step(String.format(Locale.ROOT, "pg_restore's method took %.2f s", restores[round]));
            floors[round] = floor(reference, large, FLOOR_STREAMS[round]);
        }
        double load = Math.min(loads[0], loads[1]);
        double copy = Math.min(copies[0], copies[1]);
        double floor = Math.min(floors[0], floors[1]);
        double restore = Math.min(restores[0], restores[1]);
        results.atMost("initial load " + count(large.rows()) + " rows vs pg_restore's method", load, "s",
                "COPY with the primary key only, then indexes and foreign keys", restore, "s", PG_RESTORE_TARGET,
                String.format(Locale.ROOT, "best of 2: %.2f s and %.2f s; the first load said indexes=%s, "
                                + "index_rebuild_ms=%s", restores[0], restores[1], first.report.path("indexes").asText("?"),
                        first.report.path("index_rebuild_ms").asText("?")));
        results.atMost("bulk load " + count(large.rows()) + " rows, HTTP end to end", load, "s",
                "COPY of the cleaned rows (CopyManager)", copy, "s", BULK_TARGET,
                String.format(Locale.ROOT, "best of 2, alternating: loads %.2f s and %.2f s, COPYs %.2f s and %.2f s; "
                                + "%.0f rows/s (file rows) vs COPY %.0f valid rows/s",
                        loads[0], loads[1], copies[0], copies[1], large.rows() / load, large.valid() / copy));
        results.info("floor: cleaned rows COPYed in " + BATCH_SIZE + "-row transactions", floor, "s",
                "COPY of the cleaned rows (CopyManager)", copy, "s",
                String.format(Locale.ROOT, "better of one stream (%.2f s) and three side by side (%.2f s); foreign-key "
                        + "triggers skipped, no parsing or checks: the least PostgreSQL does for a load that keeps "
                        + "SPEC's one transaction per batch; the bulk load took %.2fx this",
                        floors[0], floors[1], load / floor));
        results.measurements.put("copy_seconds", copies);
        results.measurements.put("pg_restore_method_seconds", restores);
        results.measurements.put("floor_seconds", floors);
        copyBest = copy;
        results.measurements.put("bulk_seconds", loads);
        return new Load(first.server, first.reference, first.heap, load, first.report);
    }

    /**
     * The floor of one transaction per batch: {@code data}'s cleaned rows COPYed into the scratch
     * schema in {@link #BATCH_SIZE}-row transactions, foreign-key triggers skipped, by
     * {@code streams} connections side by side; checked to hold the valid rows, then emptied.
     */
    private double floor(Reference reference, DataFile data, int streams) throws Exception {
        step("floor: " + data.valid() + " cleaned rows COPYed in " + BATCH_SIZE + "-row transactions, triggers skipped, "
                + streams + " stream(s)");
        double seconds = reference.copyEmployeesInBatches(data.clean(), BATCH_SIZE, streams);
        long copied = reference.scalar("select count(*) from " + Reference.SCHEMA + ".employee");
        check("the floor's COPYs hold the valid rows of the " + data.rows() + "-row file", copied == data.valid(),
                copied + " rows");
        step(String.format(Locale.ROOT, "took %.2f s", seconds));
        reference.execute("truncate " + Reference.SCHEMA + ".employee");
        return seconds;
    }

    private void compareWithSeed(Reference reference, DataFile large, Load phase) throws Exception {
        int n = (int) Math.min(seedRows, large.valid());
        step("reference: the seed's algorithm on " + n + " rows");
        double seedRate = reference.seedAlgorithmRowsPerSecond(large.clean(), n);
        double projected = large.valid() / seedRate;
        results.info("bulk load vs the seed's algorithm (projected)", phase.seconds, "s",
                "seed: look up, insert/update, commit/1000", projected, "s",
                String.format(Locale.ROOT, "seed measured on %d rows over JDBC: %.0f rows/s, projected to %d rows",
                        n, seedRate, large.valid()));
        results.measurements.put("seed_rows_per_second", seedRate);
        reference.execute("truncate " + Reference.SCHEMA + ".employee");
    }

    /** (f) Backup and restore of the employee table against pg_dump and pg_restore of it. */
    private void backup(Api api, Reference reference) throws Exception {
        PgDump.Choice tools = PgDump.choose(reference.serverMajorVersion(), setting("BENCH_PG_BIN"));
        Path log = root.resolve("bench/target/bench-pg-tools.log");
        Files.deleteIfExists(log);
        new BackupBench(api, reference, results, tools, work, log).run();
    }

    /** (d) Median latency of each metrics endpoint vs its plain SQL, and equality row for row. */
    private void metrics(Api api, Reference reference, String when, boolean timed) throws SQLException {
        record Metric(String name, String path, String sql, List<String> fields) {
        }
        List<Metric> metrics = List.of(
                new Metric("hired-by-quarter-2021", "/metrics/hired-by-quarter-2021", ReferenceQueries.HIRED_BY_QUARTER_SQL,
                        List.of("department", "job", "q1", "q2", "q3", "q4")),
                new Metric("top-hiring-departments", "/metrics/top-hiring-departments", ReferenceQueries.TOP_DEPARTMENTS_SQL,
                        List.of("id", "department", "hired")));
        for (Metric m : metrics) {
            List<String> http = api.allItems(m.path()).stream().map(item -> m.fields().stream()
                    .map(f -> item.path(f).asText()).collect(Collectors.joining("|"))).toList();
            List<String> sql = reference.rows(m.sql());
            check(m.name() + " equals its plain SQL " + when, http.equals(sql), http.equals(sql)
                    ? http.size() + " rows, equal row for row" : firstDifference(http, sql));
            if (!timed) {
                continue;
            }
            step("metrics: " + m.path() + " vs plain SQL, " + metricCalls + " calls each");
            for (int i = 0; i < 3; i++) {
                api.allItems(m.path());
                reference.rows(m.sql());
            }
            double[] httpMs = new double[metricCalls];
            double[] sqlMs = new double[metricCalls];
            for (int i = 0; i < metricCalls; i++) {
                long t = System.nanoTime();
                api.allItems(m.path());
                httpMs[i] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                reference.rows(m.sql());
                sqlMs[i] = (System.nanoTime() - t) / 1e6;
            }
            double httpMedian = median(httpMs);
            double sqlMedian = median(sqlMs);
            results.below("GET " + m.path().substring("/metrics".length()) + " median", httpMedian, "ms",
                    "plain SQL over JDBC, median", sqlMedian, "ms", 1.0,
                    "every page of the answer over HTTP vs the whole result over JDBC, on " + String.format(Locale.ROOT,
                            "%,d employees, %d calls each, alternating", reference.scalar("select count(*) from public.employee"),
                            metricCalls));
            results.measurements.put("metric_" + m.name(), Map.of("http_ms", httpMs, "sql_ms", sqlMs));
        }
    }

    /** (c) 4 clients posting 1000-row JSON batches of new ids, rows/s vs the bulk path's. */
    private void api(Api server, Reference reference, DataFile large, Load phase) throws Exception {
        int batches = (apiRows + BATCH_SIZE - 1) / BATCH_SIZE;
        List<String> bodies = new ArrayList<>(batches);
        List<Integer> sizes = new ArrayList<>(batches);
        Random random = new Random(20210);
        long from = Instant.parse("2021-01-01T00:00:00Z").getEpochSecond();
        int id = API_FIRST_ID;
        for (int b = 0; b < batches; b++) {
            int size = Math.min(BATCH_SIZE, apiRows - b * BATCH_SIZE);
            StringBuilder body = new StringBuilder(size * 110).append('[');
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    body.append(',');
                }
                body.append("{\"id\":").append(id++)
                        .append(",\"name\":\"Api Client ").append(random.nextInt(1000))
                        .append("\",\"datetime\":\"").append(Instant.ofEpochSecond(from + random.nextInt(365 * 86400)))
                        .append("\",\"department_id\":").append(1 + random.nextInt(12))
                        .append(",\"job_id\":").append(1 + random.nextInt(183)).append('}');
            }
            bodies.add(body.append(']').toString());
            sizes.add(size);
        }
        step("API: " + API_CLIENTS + " clients posting " + batches + " batches of up to " + BATCH_SIZE + " rows");
        // Two timed halves, the better one counts, as the bulk load it is compared with.
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger inserted = new AtomicInteger();
        int half = (batches + 1) / 2;
        double[] rates = new double[2];
        double[] seconds = new double[2];
        for (int round = 0; round < 2; round++) {
            int first = round * half;
            int end = Math.min(batches, first + half);
            int before = inserted.get();
            seconds[round] = post(server, bodies, sizes, first, end, failures, inserted);
            rates[round] = (inserted.get() - before) / seconds[round];
        }
        double apiRate = Math.max(rates[0], rates[1]);
        double bulkRate = large.valid() / phase.seconds;
        check("every API batch answered with all its rows inserted", failures.isEmpty(),
                failures.isEmpty() ? inserted.get() + " rows in " + batches + " batches"
                        : failures.size() + " failures, first: " + failures.peek() + serverLogHints());
        results.atLeast("API rows/s, " + API_CLIENTS + " clients x " + BATCH_SIZE + "-row JSON", apiRate, "rows/s",
                "bulk path rows/s (valid rows inserted)", bulkRate, "rows/s", 0.5,
                String.format(Locale.ROOT, "better of 2 halves: %.0f and %.0f rows/s; %d rows inserted in %.2f s",
                        rates[0], rates[1], inserted.get(), seconds[0] + seconds[1]));
        results.measurements.put("api_seconds", seconds);
        countsEqual(server, reference, large.valid() + apiRows, "after the API posts");
    }

    /** Batches [from, to) posted by the clients side by side; answers the seconds taken. */
    private double post(Api server, List<String> bodies, List<Integer> sizes, int from, int to,
                        ConcurrentLinkedQueue<String> failures, AtomicInteger inserted) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(API_CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < API_CLIENTS; c++) {
                Api client = new Api(server.base(), adminKey);
                clients.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < to) {
                        HttpResponse<String> answer = client.call("POST", "/employees", "application/json", bodies.get(b));
                        if (answer.statusCode() / 100 != 2) {
                            failures.add("batch " + b + ": " + answer.statusCode() + " " + Api.abbreviate(answer.body()));
                            continue;
                        }
                        long n = client.parse(answer.body()).path("inserted").asLong(-1);
                        inserted.addAndGet((int) n);
                        if (n != sizes.get(b)) {
                            failures.add("batch " + b + ": inserted " + n + " of " + sizes.get(b));
                        }
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** What the server's log says about failed requests, in a few words (deadlocks, pool timeouts). */
    private String serverLogHints() {
        Path log = root.resolve("bench/target/bench-server.log");
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            Map<String, Long> hints = new LinkedHashMap<>();
            lines.forEach(line -> {
                for (String hint : List.of("deadlock detected", "could not serialize", "Connection is not available",
                        "OutOfMemoryError", "duplicate key")) {
                    if (line.contains(hint)) {
                        hints.merge(hint, 1L, Long::sum);
                    }
                }
            });
            return hints.isEmpty() ? "" : "; server log lines mentioning: " + hints;
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private void countsEqual(Api api, Reference reference, long expected, String when) throws SQLException {
        long viaApi = api.total("employees");
        long viaSql = reference.scalar("select count(*) from public.employee");
        check("employee count " + when, viaApi == expected && viaSql == expected,
                "expected " + expected + ", GET /employees total " + viaApi + ", SQL count " + viaSql);
    }

    private void check(String name, boolean ok, String detail) {
        results.check(name, ok, detail);
    }

    /** A database of its own for a phase; on an external database, the same one (emptied). */
    private String freshDatabase(String name) throws SQLException {
        if (externalDatabase != null) {
            return adminUrl;
        }
        try (var connection = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
             var st = connection.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        }
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    private void refuseNonEmpty() throws SQLException {
        try (var connection = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
             var st = connection.createStatement();
             var rs = st.executeQuery("select to_regclass('public.employee') is not null")) {
            rs.next();
            if (rs.getBoolean(1) && !"1".equals(setting("BENCH_FORCE"))) {
                try (var count = st.executeQuery("select count(*) from public.employee")) {
                    count.next();
                    if (count.getLong(1) > 0) {
                        throw new IllegalStateException("DATABASE_URL has " + count.getLong(1) + " employees; the benchmark "
                                + "empties that table. Point it at a scratch database, or set BENCH_FORCE=1.");
                    }
                }
            }
        }
    }

    private String serverClasspath() {
        Path jar = root.resolve("server/target/hireload-server.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the server first (make bench does)");
        }
        return jar + java.io.File.pathSeparator + root.resolve("server/target/libs") + "/*";
    }

    private void describeMachine() {
        results.machine.put("nproc", Runtime.getRuntime().availableProcessors());
        try {
            String total = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal")).findFirst().orElse("MemTotal: ? kB");
            long kb = Long.parseLong(total.replaceAll("\\D", ""));
            results.machine.put("memory_gb", Math.round(kb / 1024.0 / 1024.0 * 10) / 10.0);
        } catch (IOException | NumberFormatException e) {
            results.machine.put("memory_gb", "unknown");
        }
        results.machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        results.machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        results.machine.put("started_at", Instant.now().toString());
        results.machine.put("git_commit", git("rev-parse", "--short", "HEAD"));
    }

    private String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    /** Stops what was started, newest first: jstat, connections, server JVMs, then S3 and PostgreSQL. */
    private synchronized void stopAll() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("while stopping " + next.getClass().getSimpleName() + ": " + e);
            }
        }
    }

    private void deleteWork() {
        if (!Files.exists(work) || "1".equals(setting("BENCH_KEEP"))) {
            return;
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Integer> ids(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                .map(l -> Integer.parseInt(l.substring(0, l.indexOf(',')).strip())).collect(Collectors.toSet());
    }

    private static String[] jdbc(String url, String user, String password) {
        String value = url.strip();
        if (value.startsWith("jdbc:")) {
            return new String[]{value, user, password};
        }
        java.net.URI uri = java.net.URI.create(value);
        String[] info = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
        return new String[]{"jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + path,
                user != null ? user : info.length > 0 ? decode(info[0]) : null,
                password != null ? password : info.length > 1 ? decode(info[1]) : null};
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String firstDifference(List<String> http, List<String> sql) {
        for (int i = 0; i < Math.min(http.size(), sql.size()); i++) {
            if (!http.get(i).equals(sql.get(i))) {
                return "row " + (i + 1) + ": API " + http.get(i) + " vs SQL " + sql.get(i);
            }
        }
        return "API has " + http.size() + " rows, SQL " + sql.size();
    }

    /** 2000000 as 2M, 200000 as 200k, anything else as it is. */
    static String count(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return Long.toString(n);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The server JVM's fixed heap, plus BENCH_SERVER_OPTS (space-separated), e.g. a flight recording
     * while profiling: {@code BENCH_SERVER_OPTS=-XX:StartFlightRecording=filename=bench.jfr}.
     */
    private static List<String> serverJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-Xmn" + YOUNG_GENERATION));
        String extra = setting("BENCH_SERVER_OPTS");
        if (extra != null) {
            options.addAll(Arrays.asList(extra.strip().split("\\s+")));
        }
        return options;
    }

    /**
     * SPEC section 6: an initial load (the table empty, indexes built after the data) in at most 0.35
     * of COPY's time into the indexed schema (0.5 before the indexes were deferred, 1.0 the first round's).
     */
    private static final double BULK_TARGET = 0.35;
    /** SPEC section 6: an incremental load (indexes kept) in at most 1.2x the floor of one transaction per batch. */
    private static final double INCREMENTAL_TARGET = 1.2;
    /** SPEC section 6: the initial load in at most 1.4x pg_restore's method. */
    private static final double PG_RESTORE_TARGET = 1.4;

    static void step(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static long number(String name, long fallback) {
        String value = setting(name);
        return value == null ? fallback : Long.parseLong(value.replace("_", "").strip());
    }
}
