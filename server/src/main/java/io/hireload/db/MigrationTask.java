package io.hireload.db;

import io.hireload.config.DatabaseUrl;
import io.hireload.config.ConfigBeans;
import io.hireload.config.DatabaseSettings;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * The migration step of a deployment, run as the schema owner before the server starts (on ECS an
 * init container of the server's task, with the master secret the server never sees):
 * {@code java -cp hireload-server.jar io.hireload.db.MigrationTask}. It makes sure the server's own
 * role exists with the password of its secret, offers it the replica-mode privilege that the bulk
 * path uses, and migrates; {@code afterMigrate.sql} then grants the role its rows. Exits 0 when the
 * schema is current, 1 otherwise (ECS then never starts the server container).
 *
 * <p>Settings: {@code DATABASE_URL}, {@code DATABASE_USER} and {@code DATABASE_PASSWORD} of the
 * owner; {@code HIRELOAD_APP_USER} and {@code HIRELOAD_APP_PASSWORD} of the server's role.
 */
public final class MigrationTask {
    private static final Logger LOG = Logger.getLogger(MigrationTask.class.getName());
    private static final long RETRY_MILLIS = 3000;
    private static final int ATTEMPTS = 200;

    private MigrationTask() {
    }

    public static void main(String[] args) {
        useServerLogging();
        try {
            DatabaseUrl owner = ConfigBeans.of(DatabaseSettings.class).parsed()
                    .orElseThrow(() -> new IllegalStateException("DATABASE_URL is not set"));
            MigrationSettings settings = ConfigBeans.of(MigrationSettings.class);
            run(owner, settings.appUser(), settings.appPassword());
            System.exit(0);
        } catch (RuntimeException | SQLException e) {
            LOG.severe("migration failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Waits for the database (a new cluster's writer may still be starting), then migrates. */
    public static MigrateResult run(DatabaseUrl owner, String appUser, String appPassword) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(owner.jdbcUrl());
        dataSource.setUser(owner.user());
        dataSource.setPassword(owner.password());
        dataSource.setApplicationName("hireload-migration");
        for (int attempt = 1; ; attempt++) {
            try {
                if (!appUser.isEmpty()) {
                    ensureRole(dataSource, appUser, appPassword);
                }
                MigrateResult result = Migrations.flyway(dataSource, appUser).migrate();
                LOG.info(() -> "schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                        + " migration(s) applied now)" + (appUser.isEmpty() ? "" : "; " + appUser + " granted its rows"));
                return result;
            } catch (RuntimeException | SQLException e) {
                if (attempt >= ATTEMPTS || !DatabaseFailures.unreachable(e)) {
                    throw e;
                }
                LOG.warning("cannot reach the database (" + e.getMessage() + "); retrying in " + RETRY_MILLIS / 1000 + " s");
                sleep();
            }
        }
    }

    /**
     * The server's login role, created or given its current password (the secret may have been
     * rotated). Statements are built by the database's own {@code format} from bound values, so no
     * name is spliced into SQL text here; the password reaches the server only as a SCRAM verifier
     * computed by the driver, so no statement log can show it.
     */
    private static void ensureRole(PGSimpleDataSource dataSource, String user, String password) throws SQLException {
        if (password.isEmpty()) {
            throw new IllegalStateException("HIRELOAD_APP_PASSWORD is not set for " + user);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean exists;
            try (PreparedStatement find = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                find.setString(1, user);
                try (ResultSet rs = find.executeQuery()) {
                    exists = rs.next();
                }
            }
            execute(c, exists ? "alter role %I with login"
                    : "create role %I with login", user);
            c.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), "scram-sha-256");
            grantReplicaMode(c, user);
        }
    }

    /**
     * Employee batches skip the per-row foreign-key triggers with {@code session_replication_role}
     * (docs/DEPLOY.md). PostgreSQL 15+ can grant just that parameter; when the owner may not grant
     * it, the server notices at its first batch and uses the triggers (slower, just as correct).
     */
    private static void grantReplicaMode(Connection c, String user) {
        try {
            c.setAutoCommit(false);
            execute(c, "grant set on parameter session_replication_role to %I", user);
            c.commit();
            LOG.info(() -> user + " may set session_replication_role: employee batches check references per batch");
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is closed next anyway
            }
            LOG.info(() -> "could not grant session_replication_role to " + user + " (" + e.getMessage().lines()
                    .findFirst().orElse("") + "); employee batches will rely on the per-row foreign-key triggers");
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    private static void execute(Connection c, String template, String... values) throws SQLException {
        StringBuilder call = new StringBuilder("select format(?");
        for (int i = 0; i < values.length; i++) {
            call.append(", ?");
        }
        String sql;
        try (PreparedStatement format = c.prepareStatement(call.append(')').toString())) {
            format.setString(1, template);
            for (int i = 0; i < values.length; i++) {
                format.setString(i + 2, values[i]);
            }
            try (ResultSet rs = format.executeQuery()) {
                rs.next();
                sql = rs.getString(1);
            }
        }
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The server's logging.properties (JSON lines under HIRELOAD_LOG_FORMAT=json), outside Helidon. */
    private static void useServerLogging() {
        try (var in = MigrationTask.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                java.util.logging.LogManager.getLogManager().readConfiguration(in);
            }
        } catch (java.io.IOException e) {
            LOG.warning("cannot read logging.properties: " + e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
