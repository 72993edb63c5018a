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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A hireload server in a JVM of its own, started as production starts it (Helidon's main on the
 * server's classpath): what a second ECS task is to the first in the server's tests, and the
 * process the benchmark measures. It can be stopped as an orchestrator stops it (SIGTERM) or killed.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String MAIN = "io.helidon.microprofile.cdi.Main";

    private final Process process;
    private final URI base;
    private final Path log;
    private final boolean ownLog;
    private final String adminKey;

    private ServerProcess(Process process, URI base, Path log, boolean ownLog, String adminKey) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.ownLog = ownLog;
        this.adminKey = adminKey;
    }

    /**
     * How to start one. {@code environment} is the server's configuration, as production and
     * {@code make bench} give it (nothing of the caller's shell leaks in: its database, S3 and
     * hireload variables are dropped); {@code adminKey} is given to the server and sent by its
     * {@link #api()}; {@code log} null means a temporary file, deleted at {@link #close()}.
     */
    public record Launch(Path java, String classpath, List<String> jvmOptions, Map<String, String> environment,
                         int port, String adminKey, Path log) {
        public Launch {
            jvmOptions = List.copyOf(jvmOptions);
            environment = Map.copyOf(environment);
        }
    }

    /**
     * A server on this JVM's classpath with a heap of 256 MB, configured by {@code settings} alone
     * (passed as its environment; the admin key its {@link #api()} sends is theirs).
     */
    public static ServerProcess start(String name, Map<String, String> settings) {
        return start(name, settings, freePort());
    }

    /** As {@link #start(String, Map)}, on {@code port} (one already taken, to see a start that fails). */
    public static ServerProcess start(String name, Map<String, String> settings, int port) {
        Map<String, String> environment = new LinkedHashMap<>();
        settings.forEach((setting, value) -> environment.put(environmentName(setting), value));
        Launch launch = new Launch(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), List.of("-Xmx256m"), environment, port,
                settings.getOrDefault("HIRELOAD_ADMIN_KEY", TestKeys.ADMIN), null);
        return launch(name, launch);
    }

    /**
     * The environment variable MicroProfile Config reads a setting from: {@code hireload.load.workers}
     * is found as {@code HIRELOAD_LOAD_WORKERS} (every character but letters, digits and {@code _}
     * becomes {@code _}, then upper case), since not every shell passes on names with dots.
     */
    public static String environmentName(String setting) {
        return setting.replaceAll("[^A-Za-z0-9_]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Starts a server as {@code launch} says; {@code name} names its temporary log. */
    public static ServerProcess launch(String name, Launch launch) {
        List<String> command = new ArrayList<>();
        command.add(launch.java().toString());
        command.addAll(launch.jvmOptions());
        command.add("-cp");
        command.add(launch.classpath());
        command.add(MAIN);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(v -> v.startsWith("DATABASE_") || v.startsWith("S3_") || v.startsWith("HIRELOAD_")
                || v.startsWith("AWS_") || v.equals("JAVA_TOOL_OPTIONS") || v.equals("SERVER_PORT"));
        environment.putAll(launch.environment());
        environment.put("SERVER_PORT", Integer.toString(launch.port()));
        // The key its Api sends is the key the server is given: one value, never two that disagree.
        if (launch.adminKey() != null) {
            environment.put("HIRELOAD_ADMIN_KEY", launch.adminKey());
        }
        try {
            Path log = launch.log() != null ? launch.log() : Files.createTempFile("hireload-" + name + "-", ".log");
            Files.writeString(log, "==== " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Process process = builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ServerProcess(process, URI.create("http://127.0.0.1:" + launch.port()), log,
                    launch.log() == null, launch.adminKey());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server JVM", e);
        }
    }

    public URI base() {
        return base;
    }

    /** Real HTTP to this server, with its admin key. */
    /** Whether the process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    public Api api() {
        return new Api(base, adminKey);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until readiness answers 200, or fails with the server's log. */
    public ServerProcess awaitReady(Duration limit) {
        return awaitStatus("/health/ready", 200, limit);
    }

    /** Waits until {@code path} answers {@code status}, or fails with the server's log. */
    public ServerProcess awaitStatus(String path, int status, Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            Await.value(path + " to answer " + status, limit, Duration.ofMillis(250), () -> {
                if (!process.isAlive()) {
                    throw new Await.GiveUp("the server exited with " + process.exitValue() + " before "
                            + path + " answered " + status + "; its log:\n" + tail(200));
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                            // Longer than the pool's connection timeout (10 s): readiness during a database
                            // outage answers 503 only once the pool gave up waiting for a connection.
                            .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.discarding());
                    return response.statusCode() == status ? Optional.of(true) : Optional.empty();
                } catch (IOException e) {
                    return Optional.empty(); // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Await.GiveUp("interrupted", e);
                }
            });
            return this;
        } catch (Await.GiveUp e) {
            throw new IllegalStateException(e.getMessage(), e.getCause());
        } catch (AssertionError e) {
            throw new IllegalStateException(path + " did not answer " + status + " within " + limit
                    + "; the server's log:\n" + tail(200));
        }
    }

    /** SIGSTOP: the process freezes as in a long GC pause or a partition, its sockets open. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen process runs on, unaware of the time it lost. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the process to end by itself; its exit code, or empty when it still runs after {@code limit}. */
    public java.util.OptionalInt awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)
                    ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Stops the JVM (SIGTERM, so the server closes its pool), killing it if it lingers. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        if (ownLog) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
