package io.hireload.support;

import io.hireload.embedded.EmbeddedS3;
import io.hireload.embedded.LocalServices;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL and a real S3-compatible server on loopback for the server's tests, started once
 * per test JVM before CDI. Each test class gets its own empty database and its own bucket seeded
 * with the sample CSVs, so classes never see each other's rows. Register it before
 * {@code @HelidonTest}. The class's server settings (these, and the class's own
 * {@link ServerSetting}s) reach the server through {@link TestServerConfig}, a config source, and
 * the server JVMs the class starts through their environment ({@link #startServer}): never through
 * global system properties.
 */
public class EmbeddedServices implements BeforeAllCallback {
    public static final String ADMIN_KEY = TestKeys.ADMIN;
    public static final String READER_KEY = TestKeys.READER;
    private static final AtomicInteger CLASSES = new AtomicInteger();
    private static LocalServices services;
    private static Path servicesDir;
    private static String bucket;
    private static String databaseUrl;
    private static volatile Map<String, String> settings = Map.of();

    @Override
    public void beforeAll(ExtensionContext context) {
        LocalServices local = services();
        int n = CLASSES.incrementAndGet();
        String database = "test" + n;
        String adminUrl = local.settings().get("DATABASE_URL");
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database", e);
        }
        bucket = "test-" + n;
        local.s3().seedIfMissing(bucket);
        databaseUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        Map<String, String> all = new LinkedHashMap<>(local.settings());
        all.put("DATABASE_URL", databaseUrl);
        all.put("S3_BUCKET", bucket);
        all.put("HIRELOAD_ADMIN_KEY", ADMIN_KEY);
        all.put("HIRELOAD_READER_KEYS", READER_KEY + ", second-reader-key");
        context.getTestClass().ifPresent(type -> {
            for (ServerSetting setting : type.getAnnotationsByType(ServerSetting.class)) {
                all.put(setting.name(), setting.value());
            }
        });
        settings = Map.copyOf(all);
        TestServerConfig.use(settings);
    }

    /** The current test class's server settings (database, bucket, S3 endpoint, keys, its own). */
    public static Map<String, String> settings() {
        return settings;
    }

    /** One of {@link #settings()}; fails when the class has no such setting. */
    public static String setting(String name) {
        String value = settings.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not a setting of this test class");
        }
        return value;
    }

    /**
     * A server JVM beside the current test class's: the same database, bucket and keys, with
     * {@code extra} settings on top, all passed as its environment as production passes them.
     */
    public static ServerProcess startServer(String name, Map<String, String> extra) {
        return startServer(name, extra, ServerProcess.freePort());
    }

    /** As {@link #startServer(String, Map)}, told to listen on {@code port}. */
    public static ServerProcess startServer(String name, Map<String, String> extra, int port) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(extra);
        return ServerProcess.start(name, all, port);
    }

    /** The current test class's bucket. */
    public static String bucket() {
        return bucket;
    }

    /** The current test class's database, as a JDBC URL (user postgres, no password). */
    public static String databaseUrl() {
        return databaseUrl;
    }

    /** The embedded PostgreSQL's port, for a proxy in front of it. */
    public static int databasePort() {
        return services().database().port();
    }

    /** The folder the embedded S3 keeps the current test class's bucket in: a file put there is an object. */
    public static Path bucketFolder() {
        services();
        return servicesDir.resolve("s3").resolve(bucket);
    }

    public static EmbeddedS3 s3() {
        return services().s3();
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(databaseUrl, "postgres", "");
    }

    private static synchronized LocalServices services() {
        if (services == null) {
            try {
                Path dir = Files.createTempDirectory("hireload-test");
                services = LocalServices.start(dir, name -> null);
                servicesDir = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The directory goes with the services: a test JVM's PostgreSQL and bucket take 1 to 2 GB,
            // and a machine that runs the suite again and again filled its disk with them.
            Path dir = servicesDir;
            LocalServices started = services;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteTree(dir);
            }, "hireload-test-services"));
        }
        return services;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
