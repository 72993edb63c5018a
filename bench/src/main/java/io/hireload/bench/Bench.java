package io.hireload.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * {@code make bench}: SPEC section 6 measured on this machine. Generates the data, starts one
 * PostgreSQL (embedded 15, or {@code DATABASE_URL}) and the embedded S3, then runs the chosen
 * phases BENCH_RUNS times ({@link BenchRun}), each with servers started as separate JVMs with
 * {@code -Xmx256m} and measured through their HTTP API only, each figure against a reference taken
 * on the same PostgreSQL in the same run. Prints every figure's median, min and max over the runs
 * with its target, compares with BENCH_BASELINE when given, and writes {@code bench-results.json}
 * at the repository root; stops everything it started, also on failure. Settings:
 * {@link BenchSettings} and docs/PERFORMANCE.md.
 */
public final class Bench {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final BenchSettings settings;
    private final Stage stage;
    private final Summary summary = new Summary();

    private Bench(BenchSettings settings) {
        this.settings = settings;
        this.stage = new Stage(settings);
    }

    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        Arrays.stream(Logger.getLogger("").getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
        Bench bench = new Bench(BenchSettings.read());
        Runtime.getRuntime().addShutdownHook(new Thread(bench.stage::close, "bench-cleanup"));
        try {
            bench.run();
        } catch (Throwable e) {
            bench.summary.error = e.toString();
            e.printStackTrace();
        } finally {
            bench.stage.close();
            bench.deleteWork();
        }
        System.exit(bench.report() ? 0 : 1);
    }

    private void run() throws Exception {
        describeMachine();
        step("phases: " + phases() + " (BENCH_PHASES), " + settings.runs() + " run(s) (BENCH_RUNS)");
        DataFiles data = new DataFiles(settings);
        data.prepare();
        parameters(data);
        deleteWork();
        Files.createDirectories(settings.work());
        for (String log : List.of("bench-server.log", "bench-server-2.log")) {
            Files.deleteIfExists(settings.log(log));
        }
        stage.start();
        try {
            for (int run = 1; run <= settings.runs(); run++) {
                step("==== run " + run + " of " + settings.runs());
                Results results = new Results(run);
                summary.runs.add(results);
                try {
                    new BenchRun(stage, data, results).run();
                } catch (Exception e) {
                    // One run's failure is reported with it; the others still measure.
                    results.error = e.toString();
                    e.printStackTrace();
                }
            }
        } finally {
            data.deleteHuge();
        }
        summary.runs.stream().map(r -> r.measurements.get("postgresql")).filter(v -> v != null).findFirst()
                .ifPresent(version -> summary.machine.put("postgresql", version));
    }

    /** Prints and writes the results; answers the exit status's verdict. */
    private boolean report() {
        if (settings.baseline() != null) {
            try {
                summary.compareWith(Baseline.read(settings.baseline()));
            } catch (IOException e) {
                System.err.println("BENCH_BASELINE: cannot read " + settings.baseline() + ": " + e.getMessage());
            }
        }
        summary.print(System.out);
        Path out = settings.root().resolve("bench-results.json");
        try {
            summary.write(out);
            System.out.println("written: " + out);
        } catch (IOException e) {
            System.err.println("could not write " + out + ": " + e.getMessage());
        }
        return summary.checksPassed() && (!settings.strict() || summary.targetsMet());
    }

    private String phases() {
        return settings.phases().stream().map(BenchPhase::wire).collect(Collectors.joining(","));
    }

    private void parameters(DataFiles data) {
        var p = summary.parameters;
        p.put("phases", settings.phases().stream().map(BenchPhase::wire).toList());
        p.put("runs", settings.runs());
        p.put("rows", settings.rows());
        p.put("valid_rows", data.large().valid());
        if (data.small() != null) {
            p.put("small_rows", settings.smallRows());
            p.put("small_valid_rows", data.small().valid());
        }
        if (settings.has(BenchPhase.HUGE)) {
            p.put("huge_rows", settings.hugeRows());
        }
        p.put("api_rows", settings.apiRows());
        p.put("api_clients", ApiPhase.CLIENTS);
        p.put("batch_size", Loads.BATCH_SIZE);
        p.put("metric_calls", settings.metricCalls());
        p.put("server_jvm", String.join(" ", settings.serverOptions()));
    }

    private void describeMachine() {
        var m = summary.machine;
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        try {
            String total = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal")).findFirst().orElse("MemTotal: ? kB");
            m.put("memory_gb", Math.round(Long.parseLong(total.replaceAll("\\D", "")) / 1024.0 / 1024.0 * 10) / 10.0);
        } catch (IOException | NumberFormatException e) {
            m.put("memory_gb", "unknown");
        }
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("started_at", Instant.now().toString());
        m.put("git_commit", git("rev-parse", "--short", "HEAD"));
    }

    private String git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", settings.root().toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private void deleteWork() {
        Path work = settings.work();
        if (!Files.exists(work) || settings.keep()) {
            return;
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static void step(String message) {
        System.out.println("[bench " + LocalTime.now().format(CLOCK) + "] " + message);
    }
}
