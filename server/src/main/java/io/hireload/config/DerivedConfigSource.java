package io.hireload.config;


import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns the operator's settings ({@code DATABASE_URL}, {@code SERVER_PORT}) into the properties the
 * frameworks read: the Hikari data source {@code hireload} and Helidon's {@code server.port}.
 * Its ordinal sits below system properties and the environment, so an explicit framework property
 * still wins. It only answers properties; the few system properties libraries need are set in
 * one other place, {@link LibrarySystemProperties}.
 */
public class DerivedConfigSource extends MapConfigSource {
    public static final String DATA_SOURCE = "hireload";
    private static final String PREFIX = "javax.sql.DataSource." + DATA_SOURCE + ".";

    private final Map<String, String> properties;

    /** Discovered by MicroProfile Config: derives from the environment and system properties. */
    public DerivedConfigSource() {
        super("hireload-derived", 250);
        properties = derive(Settings::beforeConfig);
    }

    /**
     * The framework properties that follow from the operator's settings, {@code setting} answering
     * a setting's value (under either of its names, {@link SettingNames}) or null. Public for a
     * config source that holds settings of its own (the server's tests give each test class its
     * database that way): a source cannot read the finished Config, so it derives from its own
     * values through this same rule.
     */
    public static Map<String, String> derive(UnaryOperator<String> setting) {
        UnaryOperator<String> lookup = SettingNames.byEitherName(setting);
        ServerSettings server = ConfigBeans.read(ServerSettings.class, lookup);
        DatabaseSettings database = ConfigBeans.read(DatabaseSettings.class, lookup);
        Map<String, String> map = new HashMap<>();
        server.port().ifPresent(port -> map.put("server.port", port));
        map.put(PREFIX + "dataSourceClassName", "org.postgresql.ds.PGSimpleDataSource");
        database.parsed().ifPresent(db -> {
            map.put(PREFIX + "dataSource.url", db.jdbcUrl());
            if (db.user() != null) {
                map.put(PREFIX + "dataSource.user", db.user());
            }
            if (db.password() != null) {
                map.put(PREFIX + "dataSource.password", db.password());
            }
        });
        // Multi-row INSERTs from JDBC batches: the driver rewrites a batch into one statement.
        map.put(PREFIX + "dataSource.reWriteBatchedInserts", "true");
        // Named by instance, so an instance taking over a frozen one's objects can end its sessions.
        map.put(PREFIX + "dataSource.ApplicationName", InstanceId.sessionName(InstanceId.of(server.instanceId().orElse(null))));
        map.put(PREFIX + "dataSource.options", sessionOptions(database));
        return map;
    }

    /**
     * Every pooled session starts with bounds on waiting: a process frozen with a transaction open
     * (a long GC pause, SIGSTOP, a partition) has its session ended after
     * {@code HIRELOAD_DB_IDLE_TRANSACTION_SECONDS} and its row locks freed, so another instance can
     * take its work over; and no statement waits behind another's locks longer than
     * {@code HIRELOAD_DB_LOCK_TIMEOUT_SECONDS}; it fails and is written again. A COPY that is
     * streaming is not idle. Given as the connection's startup options: no round trip, and a
     * session can never be handed out without them.
     */
    static String sessionOptions(DatabaseSettings database) {
        int lock = seconds("HIRELOAD_DB_LOCK_TIMEOUT_SECONDS", database.lockTimeoutSeconds());
        int idle = seconds("HIRELOAD_DB_IDLE_TRANSACTION_SECONDS", database.idleTransactionSeconds());
        return "-c lock_timeout=" + lock * 1000 + " -c idle_in_transaction_session_timeout=" + idle * 1000;
    }

    private static int seconds(String name, String value) {
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds, not '" + value + "'", e);
        }
    }

    @Override
    protected Map<String, String> values() {
        return properties;
    }
}
