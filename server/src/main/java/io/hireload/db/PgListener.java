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
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@code LISTEN} on one channel for the application's life, on a daemon thread. A LISTEN holds its
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

        void notified();

        default void lost() {
        }
    }

    private final String channel;
    private final int waitMillis;
    private final Config config;
    private final Handler handler;
    private final Daemon daemon;

    /**
     * @param waitMillis how long a wait for notifications lasts before the connection is checked: a
     *                   connection lost without a word is noticed within about this long
     */
    public PgListener(String channel, int waitMillis, Config config, Handler handler) {
        this.channel = channel;
        this.waitMillis = waitMillis;
        this.config = config;
        this.handler = handler;
        this.daemon = new Daemon("hireload-listen-" + channel);
    }

    public void start() {
        daemon.start(this::listen);
    }

    public void stop() {
        daemon.stop();
    }

    /** Wakes every instance listening on {@code channel}: a {@code NOTIFY} in the caller's transaction, sent at commit. */
    public static void notify(Connection c, String channel) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_notify(?, '')")) {
            s.setString(1, channel);
            s.execute();
        }
    }

    private void listen() {
        while (!daemon.stopped()) {
            try (Connection connection = open()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("listen " + channel);
                }
                try {
                    handler.listening();
                    PGConnection pg = connection.unwrap(PGConnection.class);
                    while (!daemon.stopped()) {
                        PGNotification[] notifications = pg.getNotifications(waitMillis);
                        if (notifications != null && notifications.length > 0) {
                            handler.notified();
                        } else if (!connection.isValid(5)) {
                            break;
                        }
                    }
                } finally {
                    handler.lost();
                }
            } catch (SQLException | RuntimeException e) {
                if (!daemon.stopped()) {
                    LOG.log(Level.FINE, "listening on " + channel + " again in " + RETRY_MILLIS / 1000 + " s: "
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
