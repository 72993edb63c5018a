package io.hireload.load;

import io.hireload.background.Daemon;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes this instance's idle workers the moment any instance queues or hands back work: a
 * {@code LISTEN} on {@value #CHANNEL}, which the queue's statements {@code NOTIFY} at
 * commit; and stops its workers on a load an operator cancels, on whichever instance the cancel
 * arrived: a {@code LISTEN} on {@value #CANCEL_CHANNEL}, whose payload is the load's id. A LISTEN holds its session, so it has a connection of its own outside the pool,
 * opened again (with a wake-up, for what it may have missed) whenever the database comes back.
 * The workers' slow poll stays as a safety net only.
 */
@ApplicationScoped
public class LoadSignals {
    private static final Logger LOG = Logger.getLogger(LoadSignals.class.getName());
    private static final String URL = "javax.sql.DataSource.hireload.dataSource.url";
    private static final int WAIT_MILLIS = 10_000;
    private static final long RETRY_MILLIS = 2_000;

    private final LoadWorkers workers;
    private final Config config;
    private final Daemon daemon = new Daemon("hireload-load-signals");
    /** The LISTEN connection, closed at stop: a read blocked on it ends, and no session outlives the server. */
    private volatile Connection listening;

    @Inject
    public LoadSignals(LoadWorkers workers, Config config) {
        this.workers = workers;
        this.config = config;
    }

    void onStart(@Observes @Priority(300) @Initialized(ApplicationScoped.class) Object event) {
        daemon.start(this::listen);
    }

    private void listen() {
        while (!daemon.stopped()) {
            try (Connection connection = open()) {
                listening = connection;
                if (daemon.stopped()) {
                    return;
                }
                try (Statement s = connection.createStatement()) {
                    s.execute("listen " + CHANNEL);
                    s.execute("listen " + CANCEL_CHANNEL);
                }
                workers.wake();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!daemon.stopped()) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        for (PGNotification notification : notifications) {
                            if (CANCEL_CHANNEL.equals(notification.getName())) {
                                cancelled(notification.getParameter());
                            }
                        }
                        workers.wake();
                    } else if (!connection.isValid(5)) {
                        break;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!daemon.stopped()) {
                    LOG.log(Level.FINE, "load signals: listening again in " + RETRY_MILLIS / 1000 + " s: "
                            + e.getMessage());
                    daemon.pause(RETRY_MILLIS);
                }
            }
        }
    }

    private Connection open() throws SQLException {
        String url = config.getOptionalValue(URL, String.class)
                .orElseThrow(() -> new SQLException("no database URL configured yet"));
        Properties properties = new Properties();
        config.getOptionalValue("javax.sql.DataSource.hireload.dataSource.user", String.class)
                .ifPresent(user -> properties.setProperty("user", user));
        config.getOptionalValue("javax.sql.DataSource.hireload.dataSource.password", String.class)
                .ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "hireload-signals");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(url, properties);
    }

    private void cancelled(String loadId) {
        try {
            workers.cancel(Long.parseLong(loadId));
        } catch (NumberFormatException e) {
            LOG.warning(() -> "load signals: a cancel without a load id (" + loadId + ") was ignored");
        }
    }

    /**
     * Ends the LISTEN session before the database may stop (an embedded one stops right after the
     * server): left to the database, its end is a "terminating connection" in the database's log.
     */
    @PreDestroy
    void stop() {
        daemon.stop();
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "load signals: closing the LISTEN connection: " + e.getMessage());
            }
        }
    }

    /** The channel every instance listens on for new work. */
    static final String CHANNEL = "hireload_load_work";
    /** The channel every instance listens on for loads cancelled; the payload is the load's id. */
    static final String CANCEL_CHANNEL = "hireload_load_cancel";

    /**
     * Tells every instance that load {@code loadId} is being cancelled: its workers there stop after
     * their batches in flight. A {@code NOTIFY} in the caller's transaction, delivered when it commits;
     * the lease heartbeat tells them too (within a beat), should an instance miss it while reconnecting.
     */
    static void notifyCancel(Connection c, long loadId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_notify(?, ?)")) {
            s.setString(1, CANCEL_CHANNEL);
            s.setString(2, Long.toString(loadId));
            s.execute();
        }
    }

    /**
     * Tells every instance's idle workers that items may be claimable: a {@code NOTIFY} in the
     * caller's transaction, delivered when it commits.
     */
    static void notifyWork(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_notify(?, '')")) {
            s.setString(1, CHANNEL);
            s.execute();
        }
    }
}
