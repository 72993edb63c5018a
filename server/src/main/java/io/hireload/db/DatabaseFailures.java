package io.hireload.db;

import io.hireload.web.ApiProblem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells "the database is unreachable" from other failures, so the client gets a 503 that says so
 * rather than a 500: connection failures (SQLState class 08), an administrator's shutdown (57P),
 * no connection from the pool in time, or a schema that is not there yet.
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    /** A 503 describing {@code e} when the database is the cause, else null. */
    public static ApiProblem describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return unavailable(t);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return unavailable(t);
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return unavailable(t);
            }
        }
        if (!SchemaMigrator.migrated()) {
            return new ApiProblem(503, "database unavailable",
                    "the database is not ready yet (" + SchemaMigrator.lastProblem() + "); try again shortly", e);
        }
        return null;
    }

    private static ApiProblem unavailable(Throwable cause) {
        return new ApiProblem(503, "database unavailable", "the database cannot be reached: " + cause.getMessage()
                + "; nothing half-written was kept, try again when /health/ready answers 200", cause);
    }
}
