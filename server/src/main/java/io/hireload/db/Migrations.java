package io.hireload.db;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.Map;

/** Flyway as every caller runs it: the server at start, and the migration step of a deployment. */
final class Migrations {
    private Migrations() {
    }

    /**
     * {@code appRole}: the server's own database role, granted its rows by {@code afterMigrate.sql};
     * empty when the server runs as the schema owner (locally).
     */
    static Flyway flyway(DataSource dataSource, String appRole) {
        return Flyway.configure()
                .dataSource(dataSource)
                // Tasks that start together wait for the one that migrates, up to 10 minutes.
                .lockRetryCount(600)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .placeholders(Map.of("app_role", appRole))
                .load();
    }
}
