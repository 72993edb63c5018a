package io.hireload.db;

import io.hireload.config.ConfigBeans;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.Map;

/**
 * Flyway as every caller runs it: the server at start, the migration step of a deployment, and
 * tests that prepare a database before a server starts.
 */
public final class Migrations {
    static final int DEFAULT_LOCK_WAIT_SECONDS = 600;

    private Migrations() {
    }

    /**
     * {@code appRole}: the server's own database role, granted its rows by {@code afterMigrate.sql};
     * empty when the server runs as the schema owner (locally).
     */
    public static Flyway flyway(DataSource dataSource, String appRole) {
        return Flyway.configure()
                .dataSource(dataSource)
                // Tasks that start together wait for the one that migrates (Flyway retries its lock
                // once a second), 10 minutes by default; on ECS the health check grace period is
                // derived from the same number (deploy/, docs/DEPLOY.md).
                .lockRetryCount(lockWaitSeconds())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .placeholders(Map.of("app_role", appRole))
                .load();
    }

    static int lockWaitSeconds() {
        return ConfigBeans.of(MigrationSettings.class).lockWaitSeconds();
    }
}
