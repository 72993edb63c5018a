package io.hireload.support;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A hireload server in a process of its own, on the test's database and bucket: what a second
 * ECS task is to the first. It can be stopped as the orchestrator stops it (SIGTERM) or killed.
 */
public final class ServerProcess implements AutoCloseable {
    private static final List<String> SETTINGS = List.of("DATABASE_URL", "S3_BUCKET", "S3_ENDPOINT", "S3_ACCESS_KEY_ID",
            "S3_SECRET_ACCESS_KEY", "AWS_REGION", "HIRELOAD_ADMIN_KEY", "HIRELOAD_READER_KEYS");

    private final Process process;
    private final URI base;
    private final Path log;

    private ServerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts a server with the current test class's settings plus {@code extra} system properties. */
    public static ServerProcess start(String name, Map<String, String> extra) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        for (String setting : SETTINGS) {
            String value = System.getProperty(setting);
            if (value != null) {
                command.add("-D" + setting + "=" + value);
            }
        }
        command.add("-DDATABASE_USER=postgres");
        command.add("-DSERVER_PORT=" + port);
        extra.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.helidon.microprofile.cdi.Main");
        try {
            Path log = Files.createTempFile("hireload-" + name + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServerProcess(process, URI.create("http://127.0.0.1:" + port), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI base() {
        return base;
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    public Api api() {
        return new Api(base);
    }

    /** Waits until readiness answers 200, or fails with the server's log. */
    public ServerProcess awaitReady(Duration limit) {
        return awaitStatus("/health/ready", 200, limit);
    }

    /** Waits until {@code path} answers {@code status}, or fails with the server's log. */
    public ServerProcess awaitStatus(String path, int status, Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                // Longer than the pool's connection timeout (10 s): readiness during a database
                // outage answers 503 only once the pool gave up waiting for a connection.
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == status) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(250);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + limit + ":\n" + logText());
    }

    /** SIGTERM, as an orchestrator stops a task; waits for the process to end. */
    public void stop() {
        process.destroy();
        waitFor();
    }

    /** SIGKILL: no shutdown hook, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
