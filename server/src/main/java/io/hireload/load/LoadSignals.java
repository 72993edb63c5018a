package io.hireload.load;

import io.hireload.background.Startup;
import io.hireload.background.Daemon;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
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
 * commit. A LISTEN holds its session, so it has a connection of its own outside the pool,
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

    @Inject
    public LoadSignals(LoadWorkers workers, Config config) {
        this.workers = workers;
        this.config = config;
    }

    void onStart(@Observes @Priority(Startup.SIGNALS) Startup.ServerReady event) {
        daemon.start(this::listen);
    }

    private void listen() {
        while (!daemon.stopped()) {
            try (Connection connection = open()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("listen " + CHANNEL);
                }
                workers.wake();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!daemon.stopped()) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
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

    @PreDestroy
    void stop() {
        daemon.stop();
    }

    /** The channel every instance listens on for new work. */
    static final String CHANNEL = "hireload_load_work";

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
