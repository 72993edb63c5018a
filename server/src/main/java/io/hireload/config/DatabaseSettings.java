package io.hireload.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Where the database is, as whom, and the bounds on waiting every pooled session starts with.
 * {@link DerivedConfigSource} turns them into the pool's properties; the migration step reads them
 * as its owner's connection.
 */
@Dependent
@ConfigProperties(prefix = "")
public class DatabaseSettings {
    /** {@code DATABASE_URL}: a JDBC URL or {@code postgresql://user:pass@host:port/db} ({@link DatabaseUrl}). */
    @ConfigProperty(name = "database.url")
    private Optional<String> url;
    @ConfigProperty(name = "database.user")
    private Optional<String> user;
    @ConfigProperty(name = "database.password")
    private Optional<String> password;
    /** Seconds a statement waits for a lock before it fails and is retried (0: no limit). */
    @ConfigProperty(name = "hireload.db.lock-timeout-seconds", defaultValue = "10")
    private String lockTimeoutSeconds;
    /** Seconds a session may sit idle inside a transaction before PostgreSQL ends it (0: no limit). */
    @ConfigProperty(name = "hireload.db.idle-transaction-seconds", defaultValue = "30")
    private String idleTransactionSeconds;

    public Optional<String> url() {
        return url;
    }

    /** {@code DATABASE_URL} with {@code DATABASE_USER} and {@code DATABASE_PASSWORD} over its own credentials. */
    public Optional<DatabaseUrl> parsed() {
        return url.map(u -> DatabaseUrl.parse(u, user.orElse(null), password.orElse(null)));
    }

    String lockTimeoutSeconds() {
        return lockTimeoutSeconds;
    }

    String idleTransactionSeconds() {
        return idleTransactionSeconds;
    }
}
