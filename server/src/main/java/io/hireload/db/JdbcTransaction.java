package io.hireload.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction on a connection of the pool, in plain JDBC, for work that is SQL only (no
 * entity) and runs often enough that the transaction manager's own cost shows: an S3 load's
 * batches. Under {@code @Transactional} each batch went through the CDI interceptors, Narayana's
 * begin, enlistment and two-phase bookkeeping, and Hibernate's session around every statement:
 * a fifth of a batch thread's time in a 2M-row load (JFR, docs/PERFORMANCE.md), and code the JIT
 * of a freshly started server had to compile first. PostgreSQL sees the same transaction either
 * way.
 */
public final class JdbcTransaction {
    /** Work on the transaction's connection; it neither commits nor closes it. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** A statement or the commit failed; the cause is the driver's, with its SQLState for {@link DatabaseFailures}. */
    public static final class Failed extends RuntimeException {
        Failed(SQLException cause) {
            super("a database transaction failed (SQLState " + cause.getSQLState() + ")", cause);
        }
    }

    private JdbcTransaction() {
    }

    /**
     * Runs {@code work} and commits; on any failure rolls back and rethrows it ({@link Failed}
     * around a {@link SQLException}), so nothing of the work is kept.
     */
    public static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.on(connection);
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new Failed(e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            // A connection cut mid-transaction cannot roll back; PostgreSQL has already.
            cause.addSuppressed(e);
        }
    }
}
