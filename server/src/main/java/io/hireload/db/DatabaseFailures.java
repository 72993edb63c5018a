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
        Throwable unreachable = unreachableCause(e);
        if (unreachable != null) {
            return unavailable(unreachable);
        }
        if (!SchemaMigrator.migrated()) {
            return new ApiProblem(503, "database unavailable",
                    "the database is not ready yet (" + SchemaMigrator.lastProblem() + "); try again shortly", e);
        }
        return null;
    }

    /** Whether {@code e} says the database could not be reached (rather than refused a statement). */
    public static boolean unreachable(Throwable e) {
        return unreachableCause(e) != null;
    }

    private static Throwable unreachableCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            boolean connection = t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || t.getClass().getSimpleName().contains("UnableToConnect");
            if (connection) {
                return t;
            }
        }
        return null;
    }

    private static ApiProblem unavailable(Throwable cause) {
        return new ApiProblem(503, "database unavailable", "the database cannot be reached: " + cause.getMessage()
                + "; nothing half-written was kept, try again when /health/ready answers 200", cause);
    }
}
