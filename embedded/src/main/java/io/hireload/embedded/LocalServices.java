package io.hireload.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Starts what the configuration leaves out: PostgreSQL when {@code DATABASE_URL} is unset, S3 when
 * {@code S3_BUCKET} is unset, and answers the configuration that points the server at them.
 */
public final class LocalServices implements AutoCloseable {
    public static final String BUCKET = "hireload";
    private static final Logger LOG = Logger.getLogger(LocalServices.class.getName());

    private final EmbeddedDatabase database;
    private final EmbeddedS3 s3;
    private final Map<String, String> settings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalServices(EmbeddedDatabase database, EmbeddedS3 s3, Map<String, String> settings) {
        this.database = database;
        this.s3 = s3;
        this.settings = Map.copyOf(settings);
    }

    /**
     * @param dataDir  {@code HIRELOAD_DATA_DIR}: {@code pg/} and {@code s3/} go under it
     * @param settings how to read a setting (environment, then system properties); null is unset
     */
    public static LocalServices start(Path dataDir, UnaryOperator<String> settings) {
        Map<String, String> answer = new LinkedHashMap<>();
        EmbeddedDatabase database = null;
        EmbeddedS3 s3 = null;
        if (blank(settings.apply("DATABASE_URL"))) {
            database = EmbeddedDatabase.start(dataDir.resolve("pg"));
            answer.put("DATABASE_URL", database.jdbcUrl());
            answer.put("DATABASE_USER", database.user());
            answer.put("DATABASE_PASSWORD", "");
            LOG.info("embedded PostgreSQL on 127.0.0.1:" + database.port() + ", data in " + dataDir.resolve("pg"));
        }
        if (blank(settings.apply("S3_BUCKET"))) {
            s3 = EmbeddedS3.start(dataDir.resolve("s3"));
            boolean seeded = s3.seedIfMissing(BUCKET);
            answer.put("S3_BUCKET", BUCKET);
            answer.put("S3_ENDPOINT", s3.endpoint().toString());
            answer.put("S3_ACCESS_KEY_ID", "hireload");
            answer.put("S3_SECRET_ACCESS_KEY", "hireload");
            answer.put("AWS_REGION", "us-east-1");
            String files = dataDir.resolve("s3").resolve(BUCKET).toString();
            LOG.info("embedded S3 at " + s3.endpoint() + ", bucket " + BUCKET + " in " + files
                    + (seeded ? " (seeded with the sample CSVs)" : "")
                    + (blank(settings.apply("HIRELOAD_WATCH_SECONDS"))
                            ? "; files dropped there load by themselves with HIRELOAD_WATCH_SECONDS=5 make run"
                            : "; files dropped there load by themselves (HIRELOAD_WATCH_SECONDS)"));
        }
        return new LocalServices(database, s3, answer);
    }

    /** The settings that point the server at what was started here. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The embedded S3 server, when one was started. */
    public EmbeddedS3 s3() {
        return s3;
    }

    /** The embedded PostgreSQL, when one was started. */
    public EmbeddedDatabase database() {
        return database;
    }

    /** Stops S3, then PostgreSQL; once, whoever calls first (the launcher's stop, or a shutdown hook). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (s3 != null) {
            s3.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
