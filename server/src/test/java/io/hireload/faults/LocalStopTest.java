package io.hireload.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hireload.model.TableName;
import io.hireload.support.Api;
import io.hireload.support.Await;
import io.hireload.support.GeneratedEmployees;
import io.hireload.support.ServerProcess;
import io.hireload.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make run} stopped as a terminal or an orchestrator stops it (SIGTERM) in the middle of a
 * load: the server stops first (its batches in flight commit, its load is marked interrupted),
 * then the embedded PostgreSQL and S3; the process exits with status 0 within 15 s, and its log
 * holds no stack trace, no "could not hand" and no "terminating connection". Started again on the
 * same data, the load reads interrupted with counters equal to the table's rows.
 */
class LocalStopTest {
    private static final int ROWS = 300_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");

    @TempDir
    Path dataDir;

    @Test
    void sigtermMidLoadStopsTheServerBeforeTheDatabaseAndExitsZero() throws Exception {
        Path log = dataDir.resolve("run.log");
        long id;
        int port = ServerProcess.freePort();
        Process run = launch(log, port);
        try {
            Api api = awaitReady(run, port, log);
            api.client().load(TableName.DEPARTMENTS, null, false);
            api.client().load(TableName.JOBS, null, false);
            GeneratedEmployees.write(dataDir.resolve("data/s3/hireload/employees/big.csv"), 1, ROWS);
            id = api.client().startLoad(TableName.EMPLOYEES, 100, false).loadId();
            Await.until("load " + id + " committing batches", Duration.ofSeconds(120),
                    () -> api.client().loadById(id).inserted() > 0);

            long signalled = System.nanoTime();
            run.destroy();
            assertThat(run.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s:\n" + text(log)).isTrue();
            System.out.printf("the launcher stopped %d ms after SIGTERM%n", (System.nanoTime() - signalled) / 1_000_000);
        } finally {
            stop(run);
        }
        String text = text(log);
        assertThat(run.exitValue()).as(text).isZero();
        assertThat(text).as("the server stopped before the database")
                .doesNotContain("could not hand").doesNotContain("terminating connection");
        assertThat(STACK_FRAME.matcher(text).find()).as("no stack trace:\n" + text).isFalse();

        Path again = dataDir.resolve("again.log");
        Process second = launch(again, port);
        try {
            Api api = awaitReady(second, port, again);
            JsonNode load = JSON.readTree(api.get("/loads/" + id).body());
            assertThat(load.path("status").asText()).as(load.toString()).isEqualTo("interrupted");
            long employees = JSON.readTree(api.get("/employees?size=1").body()).path("total").asLong();
            assertThat(employees).isPositive().isLessThan(ROWS);
            assertThat(load.path("inserted").asLong()).as("the report counts what reached the table")
                    .isEqualTo(employees);
            second.destroy();
            assertThat(second.waitFor(15, TimeUnit.SECONDS)).as(text(again)).isTrue();
            assertThat(second.exitValue()).as(text(again)).isZero();
        } finally {
            stop(second);
        }
    }

    /** {@code make run}'s command: the launcher with the server's and the embedded module's classes. */
    private Process launch(Path log, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "io.hireload.embedded.LocalLauncher"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(v -> v.startsWith("DATABASE_") || v.startsWith("S3_") || v.startsWith("HIRELOAD_")
                || v.startsWith("AWS_") || v.equals("JAVA_TOOL_OPTIONS") || v.equals("SERVER_PORT"));
        environment.put("HIRELOAD_DATA_DIR", dataDir.resolve("data").toString());
        environment.put("HIRELOAD_ADMIN_KEY", TestKeys.ADMIN);
        environment.put("SERVER_PORT", Integer.toString(port));
        return builder.start();
    }

    private static Api awaitReady(Process process, int port, Path log) {
        Api api = new Api(URI.create("http://127.0.0.1:" + port), TestKeys.ADMIN);
        Await.until("the launcher to be ready", Duration.ofSeconds(180), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the launcher exited with " + process.exitValue() + ":\n" + text(log));
            }
            return api.get("/health/ready").statusCode() == 200;
        });
        return api;
    }

    private static void stop(Process process) throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String text(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
