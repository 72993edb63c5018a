package io.hireload.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server under test in its own JVM, started the way production starts it (Helidon's main on
 * the server's classpath alone, configuration through the environment), with the heap limit of
 * SPEC section 6. Its output goes to a log file under the benchmark's work directory.
 */
final class ServerProcess implements AutoCloseable {
    static final String MAIN = "io.helidon.microprofile.cdi.Main";

    private final Process process;
    private final Path log;
    private final Api api;

    static final String YOUNG_GENERATION = "64m";

    private ServerProcess(Process process, Path log, Api api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    static ServerProcess start(Path java, String classpath, String maxHeap, Map<String, String> env,
                               int port, String adminKey, Path log) {
        // A fixed young generation: G1 otherwise grows it with the process's age, so a 4-second
        // load and a 30-second one would peak at different sizes of garbage, not of what is kept.
        List<String> command = List.of(java.toString(), "-Xmx" + maxHeap, "-Xmn" + YOUNG_GENERATION, "-cp", classpath, MAIN);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what the benchmark says: nothing from the caller's shell leaks into the server.
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("S3_")
                || name.startsWith("HIRELOAD_") || name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("SERVER_PORT"));
        environment.putAll(env);
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("HIRELOAD_ADMIN_KEY", adminKey);
        try {
            Files.writeString(log, "\n==== " + String.join(" ", command) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = builder.start();
            ServerProcess server = new ServerProcess(process, log, new Api(URI.create("http://127.0.0.1:" + port), adminKey));
            server.awaitReady(180_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server JVM", e);
        }
    }

    private void awaitReady(long timeoutMillis) {
        long end = System.currentTimeMillis() + timeoutMillis;
        RuntimeException last = null;
        while (System.currentTimeMillis() < end) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException("the server JVM exited with " + process.exitValue()
                        + " before it answered; its log:\n" + tail());
            }
            try {
                Api.Answer answer = api.call("GET", "/employees?size=1", null, null);
                if (answer.status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Api.sleep(250);
        }
        close();
        throw new IllegalStateException("the server did not answer within " + timeoutMillis / 1000 + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")") + "; its log:\n" + tail());
    }

    Api api() {
        return api;
    }

    long pid() {
        return process.pid();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the JVM (SIGTERM, so Helidon closes its pool), then kills it if it lingers. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
