package io.hireload.db;

import io.hireload.model.HealthAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Asks the database whether it answers, for /health-db and readiness. */
@ApplicationScoped
public class DatabaseProbe {
    private final DataSource dataSource;

    @Inject
    public DatabaseProbe(@Named("hireload") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public HealthAnswer check() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            // server_version ("17.11"), not version(): the build string names the compiler and OS.
            try (ResultSet rs = statement.executeQuery("show server_version")) {
                rs.next();
                if (!SchemaMigrator.migrated()) {
                    return new HealthAnswer(HealthAnswer.DOWN, "database", "reachable, but " + SchemaMigrator.lastProblem(), List.of());
                }
                return new HealthAnswer(HealthAnswer.UP, "database", "PostgreSQL " + rs.getString(1).strip(), List.of());
            }
        } catch (SQLException e) {
            return new HealthAnswer(HealthAnswer.DOWN, "database", "the database does not answer: " + e.getMessage(), List.of());
        }
    }
}
