package io.hireload.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a run is told, from the environment or {@code -D} (the Makefile passes its variables as
 * both): docs/PERFORMANCE.md's settings table, read once here.
 *
 * @param root      the repository (BENCH_ROOT, default the working directory)
 * @param rows      the large file (BENCH_ROWS, 2,000,000)
 * @param smallRows the small file: the memory reference and the incremental load's new ids (BENCH_SMALL_ROWS,
 *                  a tenth of {@code rows})
 * @param hugeRows  the huge phase's file: always 10x {@code rows}
 * @param runs      how often every phase runs (BENCH_RUNS, 1); the figures are the medians
 */
record BenchSettings(Path root, Set<BenchPhase> phases, long rows, long smallRows, long hugeRows, int apiRows,
                     int metricCalls, int seedRows, int objects, int runs, String externalDatabase, String dbUser,
                     String dbPassword, String pgBin, Path baseline, List<String> serverOptions, boolean strict,
                     boolean keep, boolean force) {
    /** The huge phase's rows, as a multiple of the large file's: SPEC's 20M against 2M. */
    static final int HUGE_FACTOR = 10;

    static BenchSettings read() {
        String rootSetting = setting("BENCH_ROOT");
        long rows = number("BENCH_ROWS", 2_000_000);
        String baseline = setting("BENCH_BASELINE");
        return new BenchSettings(Path.of(rootSetting == null ? "." : rootSetting).toAbsolutePath().normalize(),
                BenchPhase.parse(setting("BENCH_PHASES")), rows, number("BENCH_SMALL_ROWS", Math.max(1000, rows / 10)),
                rows * HUGE_FACTOR, (int) number("BENCH_API_ROWS", Math.max(1000, rows / 10)),
                (int) number("BENCH_METRIC_CALLS", 30), (int) number("BENCH_SEED_ROWS", 20_000),
                (int) Math.max(2, number("BENCH_OBJECTS", 40)), (int) Math.max(1, number("BENCH_RUNS", 1)),
                setting("DATABASE_URL"), setting("DATABASE_USER"), setting("DATABASE_PASSWORD"), setting("BENCH_PG_BIN"),
                baseline == null ? null : Path.of(baseline).toAbsolutePath(), jvmOptions(),
                "1".equals(setting("BENCH_STRICT")), "1".equals(setting("BENCH_KEEP")), "1".equals(setting("BENCH_FORCE")));
    }

    boolean has(BenchPhase phase) {
        return phases.contains(phase);
    }

    /** Where the run keeps its databases, bucket, backups and the huge phase's file; deleted at the end. */
    Path work() {
        return root.resolve("bench/target/bench-work");
    }

    /** Where the 2M- and 200k-row files are kept between runs (the generator is deterministic). */
    Path dataCache() {
        return root.resolve("bench/target/bench-data");
    }

    Path log(String name) {
        return root.resolve("bench/target/" + name);
    }

    /**
     * The server JVM's fixed heap, plus BENCH_SERVER_OPTS (space-separated), e.g. a flight recording
     * while profiling: {@code BENCH_SERVER_OPTS=-XX:StartFlightRecording=filename=bench.jfr}. The young
     * generation is fixed too: G1 otherwise grows it with the process's age, so a 4-second load and a
     * 30-second one would peak at different sizes of garbage, not of what is kept. A heap that ran out
     * stops the JVM, as the image's does, so no load can pass on a server that lost a thread to it.
     */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-Xmn64m", "-XX:+ExitOnOutOfMemoryError"));
        String extra = setting("BENCH_SERVER_OPTS");
        if (extra != null) {
            options.addAll(Arrays.asList(extra.strip().split("\\s+")));
        }
        return options;
    }

    static String setting(String name) {
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
