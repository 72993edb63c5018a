package io.hireload.bench;

import io.hireload.embedded.LocalServices;
import io.hireload.support.ServerProcess;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every run measures on: one PostgreSQL (embedded 15, or DATABASE_URL) and the embedded S3,
 * started once for all runs, the server JVMs started on them, and everything started, stopped
 * newest first at the end (also on failure or Ctrl-C).
 */
final class Stage implements AutoCloseable {
    static final String BUCKET = LocalServices.BUCKET;
    static final String EMPLOYEES_KEY = "employees/hired_employees.csv";

    final BenchSettings settings;
    final Path javaHome = Path.of(System.getProperty("java.home"));
    final String adminKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private LocalServices services;
    private String adminUrl;
    private String dbUser;
    private String dbPassword;

    Stage(BenchSettings settings) {
        this.settings = settings;
    }

    void start() throws SQLException {
        Bench.step(settings.externalDatabase() == null ? "starting embedded PostgreSQL and S3"
                : "starting embedded S3 (PostgreSQL: DATABASE_URL)");
        services = LocalServices.start(settings.work(),
                name -> name.equals("DATABASE_URL") ? settings.externalDatabase() : null);
        started.push(services);
        services.s3().delete(BUCKET, EMPLOYEES_KEY);
        if (settings.externalDatabase() == null) {
            adminUrl = services.settings().get("DATABASE_URL");
            dbUser = services.settings().get("DATABASE_USER");
            dbPassword = "";
        } else {
            String[] parsed = jdbc(settings.externalDatabase(), settings.dbUser(), settings.dbPassword());
            adminUrl = parsed[0];
            dbUser = parsed[1];
            dbPassword = parsed[2] == null ? "" : parsed[2];
            refuseNonEmpty();
        }
    }

    void put(String key, Path file) {
        services.s3().put(BUCKET, key, file);
    }

    void put(String key, byte[] bytes) {
        services.s3().put(BUCKET, key, bytes);
    }

    void delete(String key) {
        services.s3().delete(BUCKET, key);
    }

    boolean externalDatabase() {
        return settings.externalDatabase() != null;
    }

    /** A database of its own for a load; on an external database, the same one (its employees emptied later). */
    String freshDatabase(String name) throws SQLException {
        if (externalDatabase()) {
            return adminUrl;
        }
        try (var connection = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
             var st = connection.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        }
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    Reference reference(String url) {
        return own(new Reference(url, dbUser, dbPassword));
    }

    /** A server's settings on {@code url}: the bucket, its data directory, backups into the work directory. */
    Map<String, String> serverEnvironment(String url, String dataDir) {
        Map<String, String> env = new LinkedHashMap<>(services.settings());
        env.put("DATABASE_URL", url);
        env.put("DATABASE_USER", dbUser);
        env.put("DATABASE_PASSWORD", dbPassword);
        env.put("HIRELOAD_DATA_DIR", settings.work().resolve(dataDir).toString());
        // The backup phase's files next to pg_dump's, in the work directory the run deletes.
        env.put("HIRELOAD_BACKUP_TARGET", "dir");
        env.put("HIRELOAD_BACKUP_DIR", settings.work().resolve("backups").toString());
        return env;
    }

    /** A server JVM (-Xmx256m) with {@code env}, ready; its log appended to {@code log}. */
    ServerProcess launch(String name, Map<String, String> env, Path log) {
        Bench.step("starting the server JVM " + String.join(" ", settings.serverOptions()) + " on " + env.get("DATABASE_URL")
                + "; log: " + settings.root().relativize(log));
        ServerProcess server = own(ServerProcess.launch(name, new ServerProcess.Launch(javaHome.resolve("bin/java"),
                serverClasspath(), settings.serverOptions(), env, ServerProcess.freePort(), adminKey, log)));
        // Minutes, not seconds: on this shared machine under builds a start-up took close to three.
        server.awaitReady(Duration.ofMinutes(6));
        return server;
    }

    /** Takes {@code thing} into what is stopped at the end, unless {@link #release}d before. */
    <T extends AutoCloseable> T own(T thing) {
        synchronized (started) {
            started.push(thing);
        }
        return thing;
    }

    /** Stops {@code thing} now. */
    void release(AutoCloseable thing) throws Exception {
        synchronized (started) {
            started.remove(thing);
        }
        thing.close();
    }

    /** Stops what was started, newest first: jstat, connections, server JVMs, then S3 and PostgreSQL. */
    @Override
    public void close() {
        synchronized (started) {
            while (!started.isEmpty()) {
                AutoCloseable next = started.pop();
                try {
                    next.close();
                } catch (Exception e) {
                    System.err.println("while stopping " + next.getClass().getSimpleName() + ": " + e);
                }
            }
        }
    }

    private String serverClasspath() {
        Path jar = settings.root().resolve("server/target/hireload-server.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the server first (make bench does)");
        }
        return jar + File.pathSeparator + settings.root().resolve("server/target/libs") + "/*";
    }

    private void refuseNonEmpty() throws SQLException {
        try (var connection = DriverManager.getConnection(adminUrl, dbUser, dbPassword);
             var st = connection.createStatement();
             var rs = st.executeQuery("select to_regclass('public.employee') is not null")) {
            rs.next();
            if (rs.getBoolean(1) && !settings.force()) {
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

    /** A JDBC URL, user and password from DATABASE_URL, in either of the two forms the server takes. */
    private static String[] jdbc(String url, String user, String password) {
        String value = url.strip();
        if (value.startsWith("jdbc:")) {
            return new String[]{value, user, password};
        }
        URI uri = URI.create(value);
        String[] info = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
        return new String[]{"jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + path,
                user != null ? user : info.length > 0 ? decode(info[0]) : null,
                password != null ? password : info.length > 1 ? decode(info[1]) : null};
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** What the server's log says about failed requests, in a few words (deadlocks, pool timeouts, heap). */
    String serverLogHints(Path log) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            Map<String, Long> hints = new LinkedHashMap<>();
            lines.forEach(line -> {
                for (String hint : List.of("deadlock detected", "could not serialize", "Connection is not available",
                        Loads.OUT_OF_MEMORY, "duplicate key")) {
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
}
