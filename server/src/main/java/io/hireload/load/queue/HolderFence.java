package io.hireload.load.queue;

import io.hireload.config.InstanceId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A claim that takes over an object from a holder which stopped beating (frozen, cut off) ends that
 * holder's open database sessions: a session frozen mid-statement is not idle, so the idle limit
 * alone would leave its row locks in the new holder's way until the process wakes.
 *
 * <p>Only sessions opened before the holder's last renewal of the object's lease: an instance
 * restarted under the same id (a container restarted in place, {@code make run} again) shares the
 * old one's session name, and ending the new process's sessions (its migrations at startup) made it
 * exit. A session the old process opened after that renewal is left to the idle limit.
 */
final class HolderFence {
    private static final Logger LOG = Logger.getLogger(HolderFence.class.getName());
    private static final String FENCE = """
            select count(pg_terminate_backend(a.pid)) from pg_stat_activity a
             where a.datname = current_database() and a.application_name = ? and a.state <> 'idle'
               and a.pid <> pg_backend_pid() and pg_has_role(current_user, a.usesysid, 'member')
               and a.backend_start < ?
               and not exists (select 1 from load_worker w where w.instance = ?
                                  and w.heartbeat_at > now() - make_interval(secs => ?))""";

    private HolderFence() {
    }

    /**
     * Ends the open sessions of {@code holder}, which let its claim run out and has not beaten for a
     * lease ({@link #FENCE}), opened before {@code lastRenewal} (the database's clock).
     */
    static void fence(Connection c, String holder, OffsetDateTime lastRenewal, int leaseSeconds) throws SQLException {
        // In SQL: the JTA-managed connection refuses JDBC's savepoint calls. A fence refused (a
        // role that may not end those sessions) leaves the claim as it is; the idle limit remains.
        update(c, "savepoint fence");
        try (PreparedStatement fence = c.prepareStatement(FENCE)) {
            StatusSql.bind(fence, InstanceId.sessionName(holder), lastRenewal, holder, leaseSeconds);
            try (ResultSet rs = fence.executeQuery()) {
                rs.next();
                int ended = rs.getInt(1);
                if (ended > 0) {
                    LOG.warning(() -> ended + " database session(s) of " + holder + ", which stopped beating, were ended "
                            + "so its open transactions free the rows of the object taken over");
                }
            }
            update(c, "release savepoint fence");
        } catch (SQLException refused) {
            update(c, "rollback to savepoint fence");
            LOG.log(Level.WARNING, "could not end the sessions of " + holder + "; its open "
                    + "transactions end with the idle limit: " + refused.getMessage());
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
