package io.hireload.db;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Who changes the schema and how long a migration waits for another's: read by the server at
 * start ({@link SchemaMigrator}) and by the migration step ({@link MigrationTask}), both through
 * MicroProfile Config. The owner's connection is {@code config/DatabaseSettings}.
 */
@Dependent
@ConfigProperties(prefix = "hireload")
public class MigrationSettings {
    /** {@code false}: this server only checks that no migration is pending (a role without DDL rights). */
    @ConfigProperty(name = "migrate", defaultValue = "true")
    private boolean migrate;
    /** Flyway retries its lock once a second; on ECS the health check grace period follows from it. */
    @ConfigProperty(name = "migration-lock-wait-seconds", defaultValue = "" + Migrations.DEFAULT_LOCK_WAIT_SECONDS)
    private int lockWaitSeconds;
    /** The server's own role, made or given its password by the migration step; empty: none. */
    @ConfigProperty(name = "app-user")
    private Optional<String> appUser;
    @ConfigProperty(name = "app-password")
    private Optional<String> appPassword;

    public boolean migrate() {
        return migrate;
    }

    public int lockWaitSeconds() {
        return lockWaitSeconds;
    }

    public String appUser() {
        return appUser.orElse("");
    }

    public String appPassword() {
        return appPassword.orElse("");
    }
}
