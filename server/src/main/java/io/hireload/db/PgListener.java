package io.hireload.db;

import io.hireload.background.Daemon;
import org.eclipse.microprofile.config.Config;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@code LISTEN} on one or more channels for the application's life, on a daemon thread. A LISTEN holds its
 * session, so it has a connection of its own outside the pool, opened again whenever the database
 * comes back. The handler hears when listening starts (what was missed before it must be assumed),
 * each wake-up, and when the connection is lost (from then on nothing is heard until it is back).
 * Used by the load workers' wake-ups and by the named keys' revocations.
 */
public final class PgListener {
    private static final Logger LOG = Logger.getLogger(PgListener.class.getName());
    private static final String URL = "javax.sql.DataSource.hireload.dataSource.url";
    private static final long RETRY_MILLIS = 2_000;

    /** What a listener tells its owner, on the listener's thread. */
    public interface Handler {
        void listening();

        /** One notification: its channel and its payload (empty when the sender gave none). */
        void notified(String channel, String payload);

        default void lost() {
        }
    }

    private final List<String> channels;
    private final int waitMillis;
    private final Config config;
    private final Handler handler;
    private final Daemon daemon;
    /** The LISTEN connection, closed at stop: a read blocked on it ends, and no session outlives the server. */
    private volatile Connection listening;

    /**
     * @param daemon     the thread it listens on ({@code background.Background#loop}), named after its channels
     * @param waitMillis how long a wait for notifications lasts before the connection is checked: a
     *                   connection lost without a word is noticed within about this long
     */
    public PgListener(List<String> channels, int waitMillis, Config config, Daemon daemon, Handler handler) {
        this.channels = List.copyOf(channels);
        this.waitMillis = waitMillis;
        this.config = config;
        this.handler = handler;
        this.daemon = daemon;
    }

    public void start() {
        daemon.start(this::listen);
    }

    /**
     * Ends the LISTEN session before the database may stop (an embedded one stops right after the
     * server): left to the database, its end is a "terminating connection" in the database's log.
     */
    public void stop() {
        daemon.stop();
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "closing the LISTEN connection on " + channels + ": " + e.getMessage());
            }
        }
    }

    /** Wakes every instance listening on {@code channel}: a {@code NOTIFY} in the caller's transaction, sent at commit. */
    public static void notify(Connection c, String channel) throws SQLException {
        notify(c, channel, "");
    }

    /** The same, with a payload the listeners receive. */
    public static void notify(Connection c, String channel, String payload) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_notify(?, ?)")) {
            s.setString(1, channel);
            s.setString(2, payload);
            s.execute();
        }
    }

    private void listen() {
        while (!daemon.stopped()) {
            try (Connection connection = open()) {
                listening = connection;
                if (daemon.stopped()) {
                    return;
                }
                try (Statement s = connection.createStatement()) {
                    for (String channel : channels) {
                        s.execute("listen " + channel);
                    }
                }
                try {
                    handler.listening();
                    PGConnection pg = connection.unwrap(PGConnection.class);
                    while (!daemon.stopped()) {
                        PGNotification[] notifications = pg.getNotifications(waitMillis);
                        if (notifications != null && notifications.length > 0) {
                            for (PGNotification notification : notifications) {
                                handler.notified(notification.getName(), notification.getParameter());
                            }
                        } else if (!connection.isValid(5)) {
                            break;
                        }
                    }
                } finally {
                    handler.lost();
                }
            } catch (SQLException | RuntimeException e) {
                if (!daemon.stopped()) {
                    LOG.log(Level.FINE, "listening on " + channels + " again in " + RETRY_MILLIS / 1000 + " s: "
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
}
