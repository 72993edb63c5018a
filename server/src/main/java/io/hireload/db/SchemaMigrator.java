package io.hireload.db;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import io.hireload.config.Settings;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the schema up to date from {@code migrations/} before anything touches the tables.
 * Flyway holds a PostgreSQL advisory lock while it migrates, so when several instances start on
 * one empty database at once, one migrates and the others wait and then find nothing to do.
 */
@ApplicationScoped
public class SchemaMigrator {
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    private final DataSource dataSource;

    @Inject
    public SchemaMigrator(@Named("hireload") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes @Priority(0) @Initialized(ApplicationScoped.class) Object event) {
        migrate();
    }

    public void migrate() {
        if (Settings.get("DATABASE_URL").isEmpty()
                && Settings.get("javax.sql.DataSource.hireload.dataSource.url").isEmpty()) {
            throw new IllegalStateException("DATABASE_URL is not set: point it at PostgreSQL "
                    + "(jdbc:postgresql://host:5432/db or postgresql://user:pass@host:5432/db), "
                    + "or start with make run for the embedded PostgreSQL");
        }
        var result = Flyway.configure()
                .dataSource(dataSource)
                // Tasks that start together wait for the one that migrates, up to 10 minutes.
                .lockRetryCount(600)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> "schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied now)");
    }
}
