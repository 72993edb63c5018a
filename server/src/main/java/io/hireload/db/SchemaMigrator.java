package io.hireload.db;

import io.hireload.background.Background;
import io.hireload.background.Daemon;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings the schema up to date from {@code migrations/} before anything touches the tables.
 * Flyway holds a PostgreSQL advisory lock while it migrates, so when several instances start on
 * one empty database at once, one migrates and the others wait and then find nothing to do.
 *
 * <p>With {@code HIRELOAD_MIGRATE=false} the server runs as a role that may not change the schema
 * (AWS: the migration step {@link MigrationTask} ran before it, as the owner); it then only checks
 * that no migration is pending, and stays not ready, retrying, until none is.
 */
@ApplicationScoped
@InStage(Stage.SCHEMA)
public class SchemaMigrator implements Part {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    private static final long RETRY_MILLIS = 3000;

    private final DataSource dataSource;
    private final boolean databaseConfigured;
    private final boolean migrates;
    private final Background background;

    @Inject
    public SchemaMigrator(@Named("hireload") DataSource dataSource, Background background,
                          @ConfigProperty(name = "javax.sql.DataSource.hireload.dataSource.url") Optional<String> url,
                          @ConfigProperties MigrationSettings migration) {
        this.dataSource = dataSource;
        this.migrates = migration.migrate();
        this.background = background;
        // DATABASE_URL reaches the pool as this property (config/DerivedConfigSource).
        this.databaseConfigured = url.filter(u -> !u.isBlank()).isPresent();
    }

    private static volatile boolean migrated;
    private static volatile String lastProblem = "the schema has not been migrated yet";

    /** Whether this instance has brought the schema up to date. */
    public static boolean migrated() {
        return migrated;
    }

    public static String lastProblem() {
        return lastProblem;
    }

    /**
     * Migrates at start. When the database cannot be reached, the server still starts (live, not
     * ready) and keeps trying every few seconds, so it recovers without a restart.
     */
    @Override
    public void start() {
        if (!tryMigrate()) {
            Daemon retry = background.loop("hireload-schema-retry", Stage.SCHEMA);
            retry.start(() -> {
                while (!migrated && !retry.stopped()) {
                    retry.pause(RETRY_MILLIS);
                    if (!retry.stopped()) {
                        tryMigrate();
                    }
                }
            });
        }
    }

    private boolean tryMigrate() {
        try {
            if (!migrates) {
                return verify();
            }
            migrate();
            return true;
        } catch (RuntimeException e) {
            if (!DatabaseFailures.unreachable(e)) {
                throw e;
            }
            lastProblem = "cannot reach the database: " + e.getMessage().lines().findFirst().orElse("");
            LOG.warning(() -> lastProblem + "; retrying every " + RETRY_MILLIS / 1000 + " s");
            return false;
        }
    }


    public void migrate() {
        if (!databaseConfigured) {
            throw new IllegalStateException("DATABASE_URL is not set: point it at PostgreSQL "
                    + "(jdbc:postgresql://host:5432/db or postgresql://user:pass@host:5432/db), "
                    + "or start with make run for the embedded PostgreSQL");
        }
        var result = Migrations.flyway(dataSource, "").migrate();
        migrated = true;
        LOG.info(() -> "schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied now)");
    }

    /** The schema is current when Flyway's history has every migration this build carries. */
    private boolean verify() {
        int pending = Migrations.flyway(dataSource, "").info().pending().length;
        if (pending > 0) {
            lastProblem = pending + " migration(s) pending: the migration step (io.hireload.db.MigrationTask, "
                    + "run as the schema owner) has not run for this version";
            LOG.warning(() -> lastProblem + "; checking again every " + RETRY_MILLIS / 1000 + " s");
            return false;
        }
        migrated = true;
        LOG.info("schema is current (migrated by the migration step; this server does not migrate)");
        return true;
    }
}
