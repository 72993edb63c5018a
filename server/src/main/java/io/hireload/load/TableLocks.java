package io.hireload.load;

import io.hireload.model.TableName;
import io.hireload.db.DatabaseFailures;
import io.hireload.failure.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One S3 load per table at a time, across every server instance: a PostgreSQL session-level
 * advisory lock per table, held on its own connection for the whole load. When an instance dies,
 * its session ends and the lock with it. A second load of a busy table is refused at once (409)
 * rather than queued, so a client never waits minutes on a request it cannot see progress of.
 */
@ApplicationScoped
public class TableLocks {
    private static final Logger LOG = Logger.getLogger(TableLocks.class.getName());

    private final DataSource dataSource;
    private final LoadRuns runs;

    @Inject
    public TableLocks(@Named("hireload") DataSource dataSource, LoadRuns runs) {
        this.dataSource = dataSource;
        this.runs = runs;
    }

    /** The locks of some tables; closing releases them. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes every table's lock or none: 409 naming the running load when one is busy. */
    public Held lock(List<TableName> tables) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw DatabaseFailures.describe("take the table lock", e);
        }
        try {
            for (TableName table : tables) {
                if (!tryLock(connection, table)) {
                    String running = runs.runningLoadOf(table).map(id -> " (load " + id + "; follow it at /loads/" + id + ")")
                            .orElse("");
                    throw new Failure.Conflict("load already running", "a load of " + table.path()
                            + " is already running" + running + "; start this one when it has finished");
                }
            }
        } catch (RuntimeException e) {
            release(connection);
            throw e;
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(connection);
            }
        };
    }

    private static boolean tryLock(Connection connection, TableName table) {
        try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
            s.setString(1, "hireload:load:" + table.path());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw DatabaseFailures.describe("take the table lock", e);
        }
    }

    private static void release(Connection connection) {
        try (connection) {
            try (var s = connection.createStatement()) {
                s.execute("select pg_advisory_unlock_all()");
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "releasing table locks: the session ends with the connection anyway", e);
        }
    }
}
